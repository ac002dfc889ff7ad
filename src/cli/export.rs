//! `infradraft export`: the finished document, and optionally its decision records.

use std::io::Write;
use std::path::Path;

use super::args::ExportArgs;
use super::{CliError, CliResult, diagnostic};
use crate::export::{ExportContext, adrs, document};
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::store;

pub fn run(args: ExportArgs, home: &Home, out: &mut dyn Write) -> CliResult {
    let session = store::load(&args.session)?.session;
    let (checklist, warnings) = Checklist::load(&home.config_dir);
    for w in warnings {
        diagnostic(format_args!("warning: {w}"));
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
    // Every file is written before anything is printed, so that a reader that stops early
    // (`| head`) never leaves the export half done.
    let mut lines = Vec::new();
    if let Some(path) = &args.output {
        write_file(path, text.as_bytes())?;
        lines.push(format!("wrote {}", path.display()));
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

fn write_file(path: &Path, bytes: &[u8]) -> CliResult {
    let err = |e| CliError(format!("{}: cannot write: {e}", path.display()));
    if let Some(mut terminal) = terminal_at(path) {
        // `-o /dev/tty`: a terminal, so the document is shown inertly, as on stdout.
        let mut inert = crate::text::InertWriter::new(&mut terminal);
        return inert
            .write_all(bytes)
            .and_then(|()| inert.flush())
            .map_err(err);
    }
    store::write_atomic(path, bytes, store::WriteOptions::DOCUMENT).map_err(err)
}

/// The terminal `path` names (`/dev/tty`, `/dev/stdout` on a terminal), opened for writing.
fn terminal_at(path: &Path) -> Option<std::fs::File> {
    use std::io::IsTerminal;
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    let file = std::fs::OpenOptions::new().write(true).open(path).ok()?;
    file.is_terminal().then_some(file)
}
