//! `infradraft show`: what a session file holds, headlessly.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use jiff::Timestamp;

use super::{CliResult, local_time};
use crate::model::{InputDocument, Session};
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::Progress;

pub fn run(path: &Path, out: &mut dyn Write) -> CliResult {
    let loaded = store::load(path)?;
    let saved = modified(path);
    let lock = store::held_elsewhere(path);
    let mut text = summary(path, &loaded.session, saved);
    if let Some(from) = loaded.migrated_from {
        let _ = writeln!(
            text,
            "  format      version {from}, read by migration (written as version {} on the next save)",
            crate::model::FORMAT_VERSION
        );
    }
    let access = match lock {
        None => "not open elsewhere".to_string(),
        Some(Some(pid)) => {
            format!("open for writing in another infradraft process (pid {pid}); read-only here")
        }
        Some(None) => "open for writing in another infradraft process; read-only here".into(),
    };
    let _ = writeln!(text, "  access      {access}");
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// The file's modification time: when it was last saved.
pub(super) fn modified(path: &Path) -> Option<Timestamp> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Timestamp::try_from(time).ok()
}

/// The summary `show` prints (without the access line).
pub(super) fn summary(path: &Path, s: &Session, saved: Option<Timestamp>) -> String {
    let p = Progress::of(s);
    let mut o = String::new();
    let line = |o: &mut String, label: &str, value: &str| {
        let _ = writeln!(o, "  {label:<11} {}", sanitize_line(value));
    };
    let _ = writeln!(o, "{}", sanitize_line(&s.meta.title));
    line(&mut o, "file", &path.display().to_string());
    line(&mut o, "project", &s.meta.project);
    line(
        &mut o,
        "authors",
        &if s.meta.authors.is_empty() {
            "none recorded".to_string()
        } else {
            s.meta.authors.join(", ")
        },
    );
    line(
        &mut o,
        "mode",
        s.mode.map(|m| m.label()).unwrap_or("not chosen yet"),
    );
    line(&mut o, "created", &local_time(s.meta.created));
    line(
        &mut o,
        "last saved",
        &saved.map(local_time).unwrap_or_else(|| "unknown".into()),
    );
    line(
        &mut o,
        "inputs",
        &if s.inputs.is_empty() {
            "none".to_string()
        } else {
            s.inputs.len().to_string()
        },
    );
    for input in &s.inputs {
        let _ = writeln!(o, "    {}", input_line(input));
    }
    line(
        &mut o,
        "decisions",
        &format!("{}/{} made", p.decisions_made, p.decisions),
    );
    line(
        &mut o,
        "sections",
        &format!(
            "{}/{} drafted ({} decided, {} finalized)",
            p.sections_drafted, p.sections, p.sections_decided, p.sections_finalized
        ),
    );
    let open_comments = s
        .review_comments
        .iter()
        .filter(|c| c.resolved_at.is_none())
        .count();
    line(
        &mut o,
        "other",
        &format!(
            "{} diagrams, {} stories, {} checklist marks, {} open review comments",
            s.diagrams.len(),
            s.stories.len(),
            s.checklist.len(),
            open_comments
        ),
    );
    o
}

fn input_line(input: &InputDocument) -> String {
    format!(
        "{:<26} {}  ({} lines, sha256 {})",
        input.kind.label(),
        sanitize_line(&input.path),
        input.text.lines().count(),
        &input.sha256[..input.sha256.len().min(12)]
    )
}
