//! `infradraft check`: completeness and soundness as a CI gate (exit 0 pass, 1 fail, 2 error).

use std::io::Write;

use super::CliError;
use super::args::{CheckArgs, FormatArg};
use crate::analysis::check::check;
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::store;

pub fn run(args: CheckArgs, home: &Home, out: &mut dyn Write) -> Result<u8, CliError> {
    let session = store::load(&args.session)?.session;
    let (checklist, warnings) = Checklist::load(&home.config_dir);
    for w in warnings {
        eprintln!("warning: {}", crate::text::sanitize_line(&w));
    }
    let report = check(&session, &checklist, args.min_pass);
    match args.format {
        FormatArg::Text => out.write_all(report.text().as_bytes())?,
        FormatArg::Json => {
            let json = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError(format!("cannot write the report as JSON: {e}")))?;
            writeln!(out, "{json}")?;
        }
    }
    Ok(if report.passed { 0 } else { 1 })
}
