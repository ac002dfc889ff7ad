//! `infradraft export`: the finished document, and optionally its decision records.
//!
//! With `--adr-dir DIR`, the records are kept in step with the session
//! ([`crate::export::write_adr_dir`]): only new or changed records are written, nothing is
//! deleted, and each file an earlier export of this session wrote that no decision has any more
//! is named on standard error (`stale decision record: DIR/0003-x.md`) and counted in the final
//! line. Stale records do not change the exit status.
//!
//! Inside a project (a project file governs the current directory) that names an `adr_dir`,
//! records are written there when `--adr-dir` is not given: the flag wins over the project file,
//! and without either no records are written.

use std::io::Write;

use super::args::ExportArgs;
use super::{CliError, CliResult, diagnostic};
use crate::export::{ExportContext, document, write_adr_dir, write_document};
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::store;

pub fn run(args: ExportArgs, home: &Home, out: &mut dyn Write) -> CliResult {
    let session = store::load(&args.session)?.session;
    let (checklist, warnings) = Checklist::load(&home.config_dir);
    for w in warnings {
        diagnostic(format_args!("warning: {w}"));
    }
    let (template, warning) =
        crate::knowledge::Template::for_session(&home.config_dir, &session.meta.template);
    if let Some(w) = warning {
        diagnostic(format_args!("warning: {w}"));
    }
    let text = if args.stories_only {
        crate::export::stories_markdown(&session)
    } else {
        document(
            &session,
            &ExportContext {
                checklist: Some(&checklist),
                template: Some(&template),
                precomputed: Default::default(),
            },
        )
    };
    // Every file is written before anything is printed, so that a reader that stops early
    // (`| head`) never leaves the export half done.
    let mut lines = Vec::new();
    if let Some(path) = &args.output {
        write_document(path, &text).map_err(|e| CliError(e.to_string()))?;
        lines.push(format!("wrote {}", path.display()));
    }
    let adr_dir = match &args.adr_dir {
        Some(dir) => Some(dir.clone()),
        None => super::project::here()?.and_then(|p| p.adr_dir),
    };
    if let Some(dir) = &adr_dir {
        let report = write_adr_dir(dir, &session).map_err(|e| CliError(e.to_string()))?;
        for name in &report.stale {
            diagnostic(format_args!(
                "stale decision record: {} (written by an earlier export; it has no decision now, left in place)",
                dir.join(name).display()
            ));
        }
        let mut line = format!(
            "wrote {} decision record(s) to {} ({} unchanged)",
            report.written.len(),
            dir.display(),
            report.unchanged.len()
        );
        if !report.stale.is_empty() {
            line.push_str(&format!(
                "; {} stale record(s) left in place: {}",
                report.stale.len(),
                report.stale.join(", ")
            ));
        }
        if args.output.is_some() {
            lines.push(line);
        } else {
            super::output::note(line);
        }
    }
    if args.output.is_none() {
        out.write_all(text.as_bytes())?;
    }
    for line in lines {
        super::output::chatter(out, line)?;
    }
    Ok(())
}
