//! `infradraft export`: the finished document, and optionally its decision records.

use std::io::Write;
use std::path::Path;

use super::args::ExportArgs;
use super::{CliError, CliResult};
use crate::export::{ExportContext, adrs, document};
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::store;

pub fn run(args: ExportArgs, home: &Home, out: &mut dyn Write) -> CliResult {
    let session = store::load(&args.session)?.session;
    let (checklist, warnings) = Checklist::load(&home.config_dir);
    for w in warnings {
        eprintln!("warning: {}", crate::text::sanitize_line(&w));
    }
    let text = if args.stories_only {
        crate::export::stories_markdown(&session)
    } else {
        document(
            &session,
            &ExportContext {
                checklist: Some(&checklist),
            },
        )
    };
    match &args.output {
        Some(path) => {
            write_file(path, text.as_bytes())?;
            writeln!(out, "wrote {}", path.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    if let Some(dir) = &args.adr_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError(format!("{}: cannot create: {e}", dir.display())))?;
        let records = adrs(&session);
        for (name, md) in &records {
            write_file(&dir.join(name), md.as_bytes())?;
        }
        let line = format!(
            "wrote {} decision record(s) to {}",
            records.len(),
            dir.display()
        );
        if args.output.is_some() {
            writeln!(out, "{line}")?;
        } else {
            eprintln!("{line}");
        }
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> CliResult {
    store::write_atomic(path, bytes, store::WriteOptions::DOCUMENT)
        .map_err(|e| CliError(format!("{}: cannot write: {e}", path.display())))
}
