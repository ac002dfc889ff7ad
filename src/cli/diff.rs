//! `infradraft diff`: what changed in meaning between two versions of a session, as text or JSON.
//!
//! The comparison is the core's [`crate::diff::diff`]; this module takes the sessions from where
//! the arguments say ([`source`]), prints the changes ([`text`] for people, [`Report`] as JSON
//! for programs) and gives the exit status: 0 when nothing changed, 1 when something did (0
//! either way as git's external driver, which git requires), 2 on an error. Everything taken
//! from a session is made inert before it is printed; colours are SGR sequences added here.

mod source;
mod text;

use std::io::Write;

use serde::Serialize;

use super::CliError;
use super::args::{ColorArg, DiffArgs, FormatArg};
use crate::diff::SessionDiff;

/// The version of the JSON shape (`docs/schemas/diff.schema.json`); it changes only when a field
/// is removed or changes meaning.
pub(crate) const JSON_VERSION: u32 = 1;

/// The JSON document `--format json` prints: which files, how many changes, then one array per
/// kind of change.
#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    /// What happened to the file as a whole: `changed` (both sides are sessions), `added` or
    /// `deleted` (git gave no file for one side).
    file: &'static str,
    changes: usize,
    #[serde(flatten)]
    diff: &'a SessionDiff,
}

pub(super) fn run(args: DiffArgs, out: &mut dyn Write, terminal: bool) -> Result<u8, CliError> {
    let pair = source::sides(&args)?;
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && crate::settings::color_enabled(),
    };
    let (diff, file) = match (&pair.old.session, &pair.new.session) {
        (Some(old), Some(new)) => (crate::diff::diff(old, new), "changed"),
        (None, Some(_)) => (SessionDiff::default(), "added"),
        (Some(_), None) => (SessionDiff::default(), "deleted"),
        (None, None) => (SessionDiff::default(), "changed"),
    };
    let changed = !diff.is_empty() || file != "changed";
    let mut out = crate::text::InertWriter::new(out).keep_sgr(color);
    match args.format {
        FormatArg::Json => {
            let report = Report {
                version: JSON_VERSION,
                old: &pair.old.name,
                new: &pair.new.name,
                file,
                changes: diff.len(),
                diff: &diff,
            };
            let json = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError(format!("cannot write JSON: {e}")))?;
            writeln!(out, "{}", super::check::escape_controls(&json))?;
        }
        FormatArg::Text => {
            let style = text::Style { color };
            let mut lines = String::new();
            if let Some(path) = &pair.git_path {
                text::git_header(&mut lines, path, &pair, file, &diff, style);
            } else if changed {
                text::header(&mut lines, &pair.old.name, &pair.new.name, &diff, style);
            }
            text::changes(&mut lines, &diff, style);
            out.write_all(lines.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(if changed && !args.git_external { 1 } else { 0 })
}
