//! `infradraft check`: completeness and soundness as a CI gate (exit 0 pass, 1 fail, 2 error).
//!
//! As JSON (`--format json`): the report with a `version` ([`JSON_VERSION`]), its shape described
//! by `docs/schemas/check.schema.json`, which also describes `check --project`'s report.

use std::io::Write;

use serde::Serialize;

use super::args::{CheckArgs, FormatArg};
use super::{CliError, diagnostic};
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::store;
use crate::workflow::check::{CheckReport, check};

/// The version of `check --format json` (and of `check --project --format json`); it changes only
/// when a field is removed or changes meaning (fields may be added within a version).
pub(crate) const JSON_VERSION: u32 = 1;

/// `check --format json`: the report, versioned.
#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    #[serde(flatten)]
    report: &'a CheckReport,
}

pub fn run(args: CheckArgs, home: &Home, out: &mut dyn Write) -> Result<u8, CliError> {
    if let Some(file) = args.project.clone() {
        return super::project::check_project(file, &args, home, out);
    }
    let path = args
        .session
        .as_deref()
        .ok_or_else(|| CliError("no session file given".into()))?;
    let session = store::load(path)?.session;
    let (checklist, warnings) = Checklist::load(&home.config_dir);
    for w in warnings {
        diagnostic(format_args!("warning: {w}"));
    }
    let report = check(&session, &checklist, args.min_pass, args.require_finalized);
    let status = if report.passed { 0 } else { 1 };
    let written = match args.format {
        FormatArg::Text => out.write_all(report.text().as_bytes()),
        FormatArg::Json => {
            let json = serde_json::to_string_pretty(&Json {
                version: JSON_VERSION,
                report: &report,
            })
            .map_err(|e| CliError(format!("cannot write the report as JSON: {e}")))?;
            writeln!(out, "{}", escape_controls(&json))
        }
    };
    match written {
        // The verdict stands when the reader stops early (`check … | head`).
        Err(e) if super::output::is_closed_pipe(&e) => Ok(status),
        other => other.map(|()| status).map_err(CliError::from),
    }
}

/// JSON with the characters that could drive a terminal written as `\uXXXX` escapes: the same
/// strings to a JSON reader, nothing a terminal acts on. serde_json escapes C0 controls itself,
/// but writes C1 controls, DEL and bidirectional overrides as they are.
pub(super) fn escape_controls(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(crate::text::is_unsafe) {
        return json.into();
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::text::is_unsafe(c) {
            // Every such character is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_keeps_its_strings_and_loses_its_controls() {
        let value = serde_json::json!({"title": "a\u{9b}b\u{7f}c\u{1b}[2J\u{202e}"});
        let json = serde_json::to_string(&value).unwrap();
        let escaped = super::escape_controls(&json);
        assert!(!escaped.chars().any(crate::text::is_unsafe), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }
}
