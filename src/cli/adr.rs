//! `infradraft adr`: decision records from a script. `list` reads the session; `supersede`,
//! `amend`, `deprecate`, `reject` and `people` change it through the core's workflow operations
//! (`workflow::design`), which check what they are given and record the change in the history,
//! and save it (the previous file kept as `<SESSION>.bak`). A session open in a workbench (its
//! lock held) is refused, as `merge-review` refuses it.
//!
//! A decision is named by its component's id (`compute-resources`) or by its current record's
//! number (`ADR-0007`). Where the new decision text would replace text the person changed in the
//! section, the person's text is kept and the output says so.
//!
//! A session that a project file lists gives new numbers inside its declared range
//! (`project::NumberGuard`): a change that would give one outside it is refused and not saved.

use std::io::Write;
use std::path::Path;

use super::args::{AdrArgs, AdrCommand, PeopleArgs, RedecideArgs, WithdrawArgs};
use super::output::chatter;
use super::{CliError, CliResult};
use crate::home::Home;
use crate::knowledge::Template;
use crate::model::{AdrId, People, Session};
use crate::store;
use crate::workflow::design::{self, DesignError, Ruling};
use crate::workflow::section_text::{self, BodyChange};

pub fn run(args: AdrArgs, home: &Home, out: &mut dyn Write) -> CliResult {
    match args.command {
        AdrCommand::List { session } => list(&store::load(&session)?.session, out),
        AdrCommand::Supersede(a) => redecide(a, home, out, Redo::Supersede),
        AdrCommand::Amend(a) => redecide(a, home, out, Redo::Amend),
        AdrCommand::Deprecate(a) => withdraw(a, home, out, false),
        AdrCommand::Reject(a) => withdraw(a, home, out, true),
        AdrCommand::People(a) => people(a, out),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Redo {
    Supersede,
    Amend,
}

fn list(s: &Session, out: &mut dyn Write) -> CliResult {
    for c in s.decisions_by_section() {
        let options: Vec<&str> = c.options.iter().map(|o| o.id.as_str()).collect();
        let name = |id: &str| {
            c.option(id).map_or(id.to_string(), |o| {
                crate::text::sanitize_line(&o.name).into_owned()
            })
        };
        for d in &c.earlier {
            let status = match (d.status, d.superseded_by) {
                (crate::model::AdrStatus::Superseded, Some(by)) => format!("superseded by {by}"),
                (status, _) => status.label().to_string(),
            };
            let chosen = d
                .card(c, &d.option)
                .map_or(d.option.clone(), |o| o.name.clone());
            row(out, d.adr, &status, &c.id, &d.option, &chosen, "")?;
        }
        if let Some(d) = &c.decision {
            row(
                out,
                d.adr,
                d.status.label(),
                &c.id,
                &d.option,
                &name(&d.option),
                &options.join(","),
            )?;
        } else if let Some(status) = c.adr_status() {
            let (option, chosen) = c
                .recommendation
                .as_ref()
                .map_or((String::new(), String::new()), |r| {
                    (r.option.clone(), name(&r.option))
                });
            row(
                out,
                None,
                status.label(),
                &c.id,
                &option,
                &chosen,
                &options.join(","),
            )?;
        }
    }
    Ok(())
}

fn row(
    out: &mut dyn Write,
    adr: Option<AdrId>,
    status: &str,
    component: &str,
    option: &str,
    name: &str,
    options: &str,
) -> CliResult {
    let number = adr.map_or("-".to_string(), |a| a.to_string());
    let clean = |t: &str| crate::text::sanitize_line(t).replace('\t', " ");
    writeln!(
        out,
        "{number}\t{status}\t{}\t{}\t{}\t{}",
        clean(component),
        clean(option),
        clean(name),
        clean(options)
    )?;
    Ok(())
}

/// Opens `path` for writing: refused while another process holds its lock.
fn open_for_writing(path: &Path) -> Result<(Session, store::Access), CliError> {
    let opened = store::open(path)?;
    if let store::Access::ReadOnly(reason) = &opened.access {
        let hint = match reason {
            store::ReadOnlyReason::HeldElsewhere { .. } => "; close it first",
            _ => "",
        };
        return Err(CliError(format!("{}: {reason}{hint}", path.display())));
    }
    Ok((opened.loaded.session, opened.access))
}

fn template_of(s: &Session, home: &Home) -> Template {
    let (template, warning) = Template::for_session(&home.config_dir, &s.meta.template);
    if let Some(w) = warning {
        super::diagnostic(format_args!("warning: {w}"));
    }
    template
}

/// The component whose current decision `name` names (a component id or a record's number).
fn decided_component(s: &Session, name: &str) -> Result<String, CliError> {
    if s.component(name).is_some() {
        return Ok(name.to_string());
    }
    match AdrId::parse(name) {
        Some(adr) => design::current_of(s, adr)
            .map(str::to_string)
            .map_err(|e| CliError(e.to_string())),
        None => Err(CliError(
            DesignError::NoComponent(name.to_string()).to_string(),
        )),
    }
}

fn design_error(path: &Path, e: DesignError) -> CliError {
    CliError(format!("{}: {e}", path.display()))
}

fn redecide(args: RedecideArgs, home: &Home, out: &mut dyn Write, how: Redo) -> CliResult {
    let path = args.session.as_path();
    let (mut s, _lock) = open_for_writing(path)?;
    let numbering = super::project::guard(path, &mut s)?;
    let template = template_of(&s, home);
    let id = decided_component(&s, &args.decision).map_err(|e| prefixed(path, e))?;
    let c = s
        .component(&id)
        .ok_or_else(|| design_error(path, DesignError::NoComponent(id.clone())))?;
    let current = c
        .decision
        .as_ref()
        .ok_or_else(|| design_error(path, DesignError::NotDecided(id.clone())))?;
    let option = args.option.unwrap_or_else(|| current.option.clone());
    let because = match (args.because, how) {
        (Some(b), _) => b,
        (None, Redo::Amend) => current.justification.clone(),
        (None, Redo::Supersede) => String::new(),
    };
    let card = c
        .option(&option)
        .ok_or_else(|| design_error(path, DesignError::NoOption(option.clone())))?;
    let conflicts: Vec<String> = {
        use crate::analysis::crosscheck::{Verdict, check_option};
        check_option(card, &s.assumptions, &s.requirements, &s.inputs)
            .into_iter()
            .filter(|f| f.verdict == Verdict::Conflicting)
            .map(|f| f.describe())
            .collect()
    };
    let acknowledgements = match &args.accept_conflicts {
        Some(reason) if !reason.trim().is_empty() => conflicts
            .iter()
            .map(|f| crate::model::ConflictAck {
                finding: f.clone(),
                reason: reason.trim().to_string(),
            })
            .collect(),
        _ if conflicts.is_empty() => Vec::new(),
        _ => {
            return Err(CliError(format!(
                "{}: {} conflicts with the inputs ({}); pass --accept-conflicts REASON to accept them",
                path.display(),
                option,
                conflicts.join("; ")
            )));
        }
    };
    let before = current.adr;
    let ruling = Ruling {
        option: &option,
        justification: &because,
        conflicts: &conflicts,
        acknowledgements,
    };
    let now = crate::model::now();
    let change = match how {
        Redo::Supersede => design::supersede(&mut s, &template, &id, ruling, now),
        Redo::Amend => design::amend(&mut s, &template, &id, ruling, now),
    }
    .map_err(|e| design_error(path, e))?;
    let note = settle(&mut s, change);
    super::project::check_guard(numbering.as_ref(), path, &s)?;
    store::save(path, &s)?;
    let adr = s
        .component(&id)
        .and_then(|c| c.decision.as_ref())
        .and_then(|d| d.adr);
    let shown =
        |a: Option<AdrId>| a.map_or("an unnumbered decision".to_string(), |a| a.to_string());
    let what = match how {
        Redo::Supersede => format!("{} supersedes {}", shown(adr), shown(before)),
        Redo::Amend => format!("{} amended", shown(adr)),
    };
    chatter(
        out,
        format_args!("{what} ({id}: {option}){note}; saved {}", path.display()),
    )?;
    Ok(())
}

/// Writes a section change that needs the person's choices with the person's text kept wherever
/// the new text would replace it (nothing of theirs is dropped), and says so.
fn settle(s: &mut Session, change: BodyChange) -> String {
    match change {
        BodyChange::NeedsChoice(update) => {
            let n = update.conflicts().len();
            section_text::settle(s, &update, &[]);
            format!(
                "; the section kept your own text in {n} place(s) where the new decision text differs (compare them in the workbench)"
            )
        }
        BodyChange::Written { .. } | BodyChange::Unchanged => String::new(),
    }
}

fn prefixed(path: &Path, e: CliError) -> CliError {
    CliError(format!("{}: {}", path.display(), e.0))
}

fn withdraw(args: WithdrawArgs, home: &Home, out: &mut dyn Write, reject: bool) -> CliResult {
    let path = args.session.as_path();
    let (mut s, _lock) = open_for_writing(path)?;
    let numbering = super::project::guard(path, &mut s)?;
    let template = template_of(&s, home);
    let id = decided_component(&s, &args.decision).map_err(|e| prefixed(path, e))?;
    let now = crate::model::now();
    let withdrawn = if reject {
        design::reject(&mut s, &template, &id, &args.because, now)
    } else {
        design::deprecate(&mut s, &template, &id, &args.because, now)
    }
    .map_err(|e| design_error(path, e))?;
    let note = settle(&mut s, withdrawn.change);
    super::project::check_guard(numbering.as_ref(), path, &s)?;
    store::save(path, &s)?;
    chatter(
        out,
        format_args!(
            "{} {} ({id} is undecided again){note}; saved {}",
            withdrawn.adr,
            if reject { "rejected" } else { "deprecated" },
            path.display()
        ),
    )?;
    Ok(())
}

fn people(args: PeopleArgs, out: &mut dyn Write) -> CliResult {
    let path = args.session.as_path();
    let (mut s, _lock) = open_for_writing(path)?;
    let adr = match AdrId::parse(&args.record) {
        Some(adr) => adr,
        None => s
            .component(&args.record)
            .and_then(|c| c.decision.as_ref())
            .and_then(|d| d.adr)
            .ok_or_else(|| {
                CliError(format!(
                    "{}: {:?} is neither a record number (ADR-0007) nor a decided component",
                    path.display(),
                    args.record
                ))
            })?,
    };
    let now_people = s
        .adr(adr)
        .map(|(_, d)| d.people.clone())
        .ok_or_else(|| design_error(path, DesignError::NoAdr(adr)))?;
    let pick = |given: Vec<String>, was: Vec<String>| {
        if !given.is_empty() || args.clear {
            given
        } else {
            was
        }
    };
    let people = People {
        decision_makers: pick(args.decision_makers, now_people.decision_makers),
        consulted: pick(args.consulted, now_people.consulted),
        informed: pick(args.informed, now_people.informed),
    };
    let changed = design::set_people(&mut s, adr, &people, crate::model::now())
        .map_err(|e| design_error(path, e))?;
    if changed {
        store::save(path, &s)?;
        chatter(
            out,
            format_args!("{adr}: people set; saved {}", path.display()),
        )?;
    } else {
        chatter(out, format_args!("{adr}: people unchanged; nothing saved"))?;
    }
    Ok(())
}
