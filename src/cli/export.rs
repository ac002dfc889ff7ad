//! `infradraft export`: the finished document, and optionally its decision records.

use std::io::Write;

use super::args::ExportArgs;
use super::{CliError, CliResult, diagnostic};
use crate::export::{ExportContext, adrs, document, write_document, write_records};
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
    if let Some(dir) = &args.adr_dir {
        let records = adrs(&session);
        write_records(dir, &records).map_err(|e| CliError(e.to_string()))?;
        let line = format!(
            "wrote {} decision record(s) to {}",
            records.len(),
            dir.display()
        );
        if args.output.is_some() {
            lines.push(line);
        } else {
            diagnostic(line);
        }
    }
    if args.output.is_none() {
        out.write_all(text.as_bytes())?;
    }
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
