//! `infradraft show`: what a session file holds, headlessly.
//!
//! As text (the default): the title, then one labelled line per fact (file, project, authors,
//! mode, created, last saved, inputs, decisions, sections, other) and the access line. As JSON
//! (`--format json`): one [`Json`] object, its shape described by
//! `docs/schemas/show.schema.json`, version [`JSON_VERSION`]. The JSON holds the same facts as
//! the text, with counts as numbers, times as RFC 3339 timestamps (UTC) and enum values spelt as
//! in the session file (`"mode": "Incremental"`, `"kind": "Prd"`).

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use jiff::Timestamp;
use serde::Serialize;

use super::args::FormatArg;
use super::{CliResult, local_time};
use crate::model::{InputDocument, InputKind, InteractionMode, Session};
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::Progress;

/// The version of `show --format json`; it changes only when a field is removed or changes
/// meaning (fields may be added within a version).
pub(crate) const JSON_VERSION: u32 = 1;

pub fn run(path: &Path, format: FormatArg, out: &mut dyn Write) -> CliResult {
    let loaded = store::load(path)?;
    let saved = store::modified(path);
    let lock = store::held_elsewhere(path);
    if format == FormatArg::Json {
        let json = json(path, &loaded.session, saved, loaded.migrated_from, lock);
        super::output::write_json(out, &json)?;
        return Ok(());
    }
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

/// `show --format json`.
#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    /// The session file, as given on the command line.
    file: String,
    title: &'a str,
    project: &'a str,
    authors: &'a [String],
    /// `Incremental`, `Yolo`, or null while not chosen.
    mode: Option<InteractionMode>,
    created: Timestamp,
    /// The file's modification time; null when the file system does not say.
    saved: Option<Timestamp>,
    /// The format version the file was written in, when older than the current one (it was read
    /// by migration); null otherwise.
    migrated_from: Option<u32>,
    access: Access,
    inputs: Vec<Input<'a>>,
    progress: ProgressJson,
    diagrams: usize,
    stories: usize,
    checklist_marks: usize,
    open_review_comments: usize,
}

/// Whether another infradraft process holds the session's write lock.
#[derive(Serialize)]
struct Access {
    /// `free`, or `held_elsewhere` (this process could only read it).
    state: &'static str,
    /// The holder's process id, when `held_elsewhere` and known; null otherwise.
    pid: Option<u32>,
}

#[derive(Serialize)]
struct Input<'a> {
    kind: InputKind,
    path: &'a str,
    lines: usize,
    sha256: &'a str,
}

/// [`Progress`] as JSON: shared by `show` and `list`.
#[derive(Serialize)]
pub(super) struct ProgressJson {
    decisions: usize,
    decisions_made: usize,
    sections: usize,
    sections_drafted: usize,
    sections_decided: usize,
    sections_finalized: usize,
}

impl From<Progress> for ProgressJson {
    fn from(p: Progress) -> Self {
        ProgressJson {
            decisions: p.decisions,
            decisions_made: p.decisions_made,
            sections: p.sections,
            sections_drafted: p.sections_drafted,
            sections_decided: p.sections_decided,
            sections_finalized: p.sections_finalized,
        }
    }
}

fn json<'a>(
    path: &Path,
    s: &'a Session,
    saved: Option<Timestamp>,
    migrated_from: Option<u32>,
    lock: Option<Option<u32>>,
) -> Json<'a> {
    Json {
        version: JSON_VERSION,
        file: path.display().to_string(),
        title: &s.meta.title,
        project: &s.meta.project,
        authors: &s.meta.authors,
        mode: s.mode,
        created: s.meta.created,
        saved,
        migrated_from,
        access: Access {
            state: if lock.is_some() {
                "held_elsewhere"
            } else {
                "free"
            },
            pid: lock.flatten(),
        },
        inputs: s
            .inputs
            .iter()
            .map(|i| Input {
                kind: i.kind,
                path: &i.path,
                lines: i.text.lines().count(),
                sha256: &i.sha256,
            })
            .collect(),
        progress: Progress::of(s).into(),
        diagrams: s.diagrams.len(),
        stories: s.stories.len(),
        checklist_marks: s.checklist.len(),
        open_review_comments: s
            .review_comments
            .iter()
            .filter(|c| c.resolved_at.is_none())
            .count(),
    }
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
