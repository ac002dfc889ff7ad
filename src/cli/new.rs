//! `infradraft new`: a session from the project's input documents.
//!
//! Inside a project (a project file governs the current directory), the project's settings are
//! the defaults, each below its flag: the input flags, else the conventional paths under the
//! project's `inputs` directory, else under the current directory; the template whose id the
//! project names (the team's `<config>/template.ron` or the built-in one; another id is an
//! error), else the team's, else the built-in one. A new session that the project lists starts
//! its decision numbers at its range's first number.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::args::NewArgs;
use super::output::chatter;
use super::{CliError, CliResult};
use crate::home::Home;
use crate::inputs::{discover, read_input};
use crate::knowledge::Template;
use crate::model::{InputDocument, InputKind, Session};
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::{NewSession, new_session};

pub fn run(args: NewArgs, home: &Home, theme: Option<String>, out: &mut dyn Write) -> CliResult {
    // What `new` has to say is printed once the session is written and remembered, so that a
    // reader that stops early (`| head`) never stops the work.
    let mut said = Vec::new();
    let result = write_session(&args, home, &mut said);
    let printed = out.write_all(&said);
    result?;
    printed?;
    if args.no_open || !super::interactive() {
        return Ok(());
    }
    out.flush()?;
    super::open(&args.output, home, theme)
}

fn write_session(args: &NewArgs, home: &Home, out: &mut Vec<u8>) -> CliResult {
    let now = crate::model::now();
    let project = super::project::here()?;
    let inputs_root = project
        .as_ref()
        .and_then(|p| p.inputs.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let inputs = gather_inputs(args, &inputs_root, now, out)?;
    let template = template_for(project.as_ref(), home)?;
    let mut session = new_session(
        &template,
        NewSession {
            title: args.title.clone(),
            project: args.project.clone(),
            authors: args.authors.clone(),
            mode: args.mode.map(Into::into),
            inputs,
        },
        now,
    );
    if session.mode == Some(crate::model::InteractionMode::Yolo) {
        let (catalog, warnings) = crate::knowledge::Catalog::load(&home.config_dir);
        for w in warnings {
            writeln!(out, "warning: {}", sanitize_line(&w))?;
        }
        let n = crate::workflow::yolo::draft_all(&mut session, &template, &catalog, now);
        chatter(
            out,
            format_args!("drafted {n} decisions (YOLO): review them in the workbench"),
        )?;
    }
    let numbering = super::project::guard(&args.output, &mut session)?;
    super::project::check_guard(numbering.as_ref(), &args.output, &session)?;
    store::create(&args.output, &session, args.force)?;
    chatter(out, written_line(&args.output, &session))?;
    if let Err(e) = store::remember(&home.recent_index(), &args.output, &session.meta.title, now) {
        writeln!(
            out,
            "warning: not added to the recent sessions: {}",
            sanitize_line(&e.to_string())
        )?;
    }
    Ok(())
}

/// The template of a new session: the one the project names by id, else the team's, else the
/// built-in one.
fn template_for(
    project: Option<&crate::project::Project>,
    home: &Home,
) -> Result<Template, CliError> {
    let Some((file, id)) = project.and_then(|p| Some((&p.file, p.template.as_deref()?))) else {
        return Ok(Template::for_new_session(&home.config_dir)?);
    };
    let builtin = Template::builtin()?;
    if builtin.id == id {
        return Ok(builtin);
    }
    let team = Template::team(&home.config_dir)?;
    match team {
        Some(team) if team.id == id => Ok(team),
        other => Err(CliError(format!(
            "{}: the project's template {id:?} is neither the team's ({}) nor the built-in one ({:?})",
            file.display(),
            other.map_or("none in the config directory".to_string(), |t| format!(
                "{:?}",
                t.id
            )),
            builtin.id
        ))),
    }
}

/// The inputs: the sample, the files named by flags, or the conventional paths under `root`.
fn gather_inputs(
    args: &NewArgs,
    root: &Path,
    now: Timestamp,
    out: &mut Vec<u8>,
) -> Result<Vec<InputDocument>, CliError> {
    if args.sample {
        return Ok(crate::sample::inputs(now));
    }
    let mut named: Vec<(InputKind, PathBuf)> = [
        (InputKind::Prd, &args.prd),
        (InputKind::Architecture, &args.architecture),
        (InputKind::TechStack, &args.tech_stack),
        (InputKind::InfrastructureGuidelines, &args.guidelines),
    ]
    .into_iter()
    .filter_map(|(kind, path)| Some((kind, path.clone()?)))
    .collect();
    named.extend(args.inputs.iter().map(|p| (InputKind::Other, p.clone())));
    if named.is_empty() {
        named = discover(root);
        if named.is_empty() {
            chatter(
                out,
                format_args!(
                    "note: no input documents given or found (looked for {}); the session starts without inputs",
                    InputKind::ALL
                        .iter()
                        .filter_map(|k| k.conventional_path())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )?;
        }
    }
    named
        .into_iter()
        .map(|(kind, path)| read_input(&path, kind, now).map_err(CliError::from))
        .collect()
}

fn written_line(path: &Path, session: &Session) -> String {
    format!(
        "wrote {}: {} ({} input{}, {} sections, {} decisions, mode: {})",
        sanitize_line(&path.display().to_string()),
        sanitize_line(&session.meta.title),
        session.inputs.len(),
        if session.inputs.len() == 1 { "" } else { "s" },
        session.sections.len(),
        session.components.len(),
        session.mode.map(|m| m.label()).unwrap_or("to be chosen"),
    )
}
