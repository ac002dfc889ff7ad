//! `infradraft import-adrs DIR [--session S.ron]`: an existing folder of decision records
//! (adr-tools, MADR 2.x–4.x, log4brains, or infradraft's own export) read into a session's
//! decision log by the core's `workflow::import_adrs`, which says what maps to what.
//!
//! The session is opened for writing as `adr` opens it: refused while a workbench holds its lock.
//! It is saved with the store's usual backup (`SESSION.bak`) only when something was imported.
//! Each file skipped is one line on standard error (`DIR/0004-x.md:7: unknown status "maybe";
//! skipped`), as is each note on a file imported; standard output lists the records imported and
//! ends with a summary line naming the layout found. Skipped files do not change the exit status
//! while something was imported; when nothing could be, it is an error.
//!
//! Each accepted decision's text goes into its section as the workbench writes it, merged with
//! what is written there; a section where it would replace someone's words is left as it is, and
//! a note says which.
//!
//! A session that a project file lists keeps to its declared range of decision numbers: an
//! import that would bring in a number outside it is refused, and nothing is saved.

use std::io::Write;

use super::args::ImportAdrsArgs;
use super::{CliError, CliResult};
use crate::home::Home;
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::import_adrs::{import_adrs, write_section_texts};

pub fn run(args: ImportAdrsArgs, home: &Home, out: &mut dyn Write) -> CliResult {
    let path = args.session.as_path();
    let opened = store::open(path)?;
    if let store::Access::ReadOnly(reason) = &opened.access {
        let hint = match reason {
            store::ReadOnlyReason::HeldElsewhere { .. } => "; close it first",
            _ => "",
        };
        return Err(CliError(format!("{}: {reason}{hint}", path.display())));
    }
    let _lock = opened.access;
    let mut s = opened.loaded.session;
    let numbering = super::project::guard(path, &mut s)?;
    let (catalog, warnings) = crate::knowledge::Catalog::load(&home.config_dir);
    for w in warnings {
        super::diagnostic(format_args!("warning: {w}"));
    }
    let report = import_adrs(&mut s, &catalog, &args.dir, crate::model::now())
        .map_err(|e| CliError(e.to_string()))?;
    let (template, warning) =
        crate::knowledge::Template::for_session(&home.config_dir, &s.meta.template);
    if let Some(w) = warning {
        super::diagnostic(format_args!("warning: {w}"));
    }
    let texts = write_section_texts(&mut s, &template, &report);
    if !report.imported.is_empty() {
        super::project::check_guard(numbering.as_ref(), path, &s)?;
        store::save(path, &s)?;
    }
    for p in &report.skipped {
        super::diagnostic(format_args!("{}", sanitize_line(&p.to_string())));
    }
    for p in &report.notes {
        super::output::note(format_args!("note: {}", sanitize_line(&p.to_string())));
    }
    for section in &texts.left {
        super::output::note(format_args!(
            "note: {}: left as it is; the imported decision's text would replace text written there (open the decision in the workbench to merge it)",
            sanitize_line(section)
        ));
    }
    for i in &report.imported {
        let number = i.adr.map_or("-".to_string(), |a| a.to_string());
        writeln!(
            out,
            "{number}\t{}\t{}\t{}",
            i.status.label(),
            sanitize_line(&i.component),
            sanitize_line(&i.file)
        )?;
    }
    let made = if report.new_components.is_empty() {
        String::new()
    } else {
        format!(
            "; new decision(s) in Imported Decisions: {}",
            report.new_components.join(", ")
        )
    };
    let already = if report.already.is_empty() {
        String::new()
    } else {
        format!("; {} already in the session", report.already.len())
    };
    let ignored = if report.ignored.is_empty() {
        String::new()
    } else {
        format!("; ignored {}", report.ignored.join(", "))
    };
    let by = if report.by_infradraft {
        ", written by infradraft"
    } else {
        ""
    };
    let saved = if report.imported.is_empty() {
        "nothing saved".to_string()
    } else {
        format!("saved {}", path.display())
    };
    let written = if texts.written.is_empty() {
        String::new()
    } else {
        format!("; decision text written into {}", texts.written.join(", "))
    };
    let summary = format!(
        "layout: {}{by}; imported {} record(s) from {}{made}{already}{written}; {} file(s) skipped{ignored}; {saved}",
        report.layout,
        report.imported.len(),
        args.dir.display(),
        report.skipped.len(),
    );
    if report.imported.is_empty() && report.already.is_empty() {
        return Err(CliError(format!(
            "{}: no decision record could be imported ({} file(s) skipped)",
            args.dir.display(),
            report.skipped.len()
        )));
    }
    super::output::chatter(out, sanitize_line(&summary))?;
    Ok(())
}
