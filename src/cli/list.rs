//! `infradraft list`: the project's documents (inside a project), then the recent sessions.
//!
//! As JSON (`--format json`): one [`Json`] object, its shape described by
//! `docs/schemas/list.schema.json`, version [`JSON_VERSION`]: the project around the current
//! directory with its documents (or null), then the recent sessions newest first. Each entry has
//! its `state` (`ok`, `missing`, `unreadable`) and, when `ok`, what the file holds.

use std::io::Write;
use std::path::Path;

use jiff::Timestamp;
use serde::Serialize;

use super::args::FormatArg;
use super::show::ProgressJson;
use super::{CliResult, local_time};
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::model::{InteractionMode, Session};
use crate::project::Project;
use crate::store::{self, Peek, RecentEntry};
use crate::text::sanitize_line;
use crate::workflow::Progress;

pub fn run(home: &Home, format: FormatArg, out: &mut dyn Write) -> CliResult {
    let recent = store::read_recent(&home.recent_index())?;
    let project = super::project::here()?;
    let (checklist, _) = Checklist::load(&home.config_dir);
    if format == FormatArg::Json {
        let json = Json {
            version: JSON_VERSION,
            project: project.as_ref().map(|p| project_json(p, &checklist)),
            sessions: recent
                .sessions
                .iter()
                .map(|e| json_entry(e, &checklist))
                .collect(),
        };
        super::output::write_json(out, &json)?;
        return Ok(());
    }
    if let Some(project) = &project {
        super::project::list_documents(project, &checklist, out)?;
    }
    if recent.sessions.is_empty() {
        writeln!(
            out,
            "no recent sessions (start one with `infradraft new`, or run `infradraft` for the sample)"
        )?;
        return Ok(());
    }
    for entry in &recent.sessions {
        writeln!(out, "{}", sanitize_line(&entry.path))?;
        let last_opened = format!("last opened {}", local_time(entry.opened));
        let what = match store::peek(Path::new(&entry.path)) {
            Peek::Missing => format!("MISSING  {} ({last_opened})", sanitize_line(&entry.title)),
            peeked => describe(&peeked, &checklist),
        };
        writeln!(out, "    {what}")?;
    }
    Ok(())
}

/// One listing line for a session file that is there: "title · mode · progress · saved …", or
/// "UNREADABLE  why" (and "MISSING" for one that is not).
pub(super) fn describe(peeked: &Peek, checklist: &Checklist) -> String {
    match peeked {
        Peek::Loaded { session: s, saved } => format!(
            "{} · {} · {} · saved {}",
            sanitize_line(&s.meta.title),
            s.mode.map(|m| m.label()).unwrap_or("mode not chosen"),
            progress(s, checklist),
            saved.map(local_time).unwrap_or_else(|| "unknown".into())
        ),
        Peek::Missing => "MISSING".into(),
        Peek::Unreadable(e) => format!("UNREADABLE  {}", sanitize_line(&e.to_string())),
    }
}

/// "9/16 components decided, 12/19 sections drafted, checklist 63%" (the checklist once reviewed).
pub(super) fn progress(s: &Session, checklist: &Checklist) -> String {
    let mut text = Progress::of(s).summary();
    if let Some(rate) = pass_rate(s, checklist) {
        text.push_str(&format!(", checklist {rate:.0}%"));
    }
    text
}

/// The version of `list --format json`; it changes only when a field is removed or changes
/// meaning (fields may be added within a version).
pub(crate) const JSON_VERSION: u32 = 1;

/// `list --format json`.
#[derive(Serialize)]
struct Json {
    version: u32,
    /// The project that governs the current directory, null outside one.
    project: Option<ProjectJson>,
    /// Newest first, as the text lists them.
    sessions: Vec<JsonEntry>,
}

/// The project file and its documents, in the file's order.
#[derive(Serialize)]
struct ProjectJson {
    /// The project file's absolute path.
    file: String,
    documents: Vec<DocumentJson>,
}

/// One document of the project: where the project file puts it, its numbers, and what the file
/// holds (the fields of a recent session, without `last_opened`; `title` is null unless `ok`).
#[derive(Serialize)]
struct DocumentJson {
    /// As the project file writes it (relative to the project's root).
    path: String,
    /// The session file's absolute path.
    file: String,
    numbers: NumbersJson,
    title: Option<String>,
    #[serde(flatten)]
    held: Held,
}

#[derive(Serialize)]
struct NumbersJson {
    first: u32,
    last: u32,
}

/// One recent session. `state` says which fields are filled: `ok` (the file loads: every field),
/// `missing` (the file is gone) or `unreadable` (it does not load: `error`); `mode`, `saved`,
/// `progress` and `checklist_pass_rate` are null unless `ok`, `error` unless `unreadable`.
#[derive(Serialize)]
struct JsonEntry {
    path: String,
    /// The session's title: from the file when it loads, else as last opened.
    title: String,
    last_opened: Timestamp,
    #[serde(flatten)]
    held: Held,
}

/// What a listed file holds, as far as a listing tells.
#[derive(Serialize)]
struct Held {
    state: &'static str,
    error: Option<String>,
    mode: Option<InteractionMode>,
    saved: Option<Timestamp>,
    progress: Option<ProgressJson>,
    /// The checklist's overall pass rate in percent, once the checklist is reviewed.
    checklist_pass_rate: Option<f64>,
}

/// What `peeked` holds, and the session's title when it loads.
fn held(peeked: &Peek, checklist: &Checklist) -> (Held, Option<String>) {
    let mut held = Held {
        state: peeked.state(),
        error: None,
        mode: None,
        saved: None,
        progress: None,
        checklist_pass_rate: None,
    };
    let mut title = None;
    match peeked {
        Peek::Loaded { session: s, saved } => {
            title = Some(s.meta.title.clone());
            held.mode = s.mode;
            held.saved = *saved;
            held.progress = Some(Progress::of(s).into());
            held.checklist_pass_rate = pass_rate(s, checklist);
        }
        Peek::Missing => {}
        Peek::Unreadable(e) => held.error = Some(e.to_string()),
    }
    (held, title)
}

fn json_entry(entry: &RecentEntry, checklist: &Checklist) -> JsonEntry {
    let (held, title) = held(&store::peek(Path::new(&entry.path)), checklist);
    JsonEntry {
        path: entry.path.clone(),
        title: title.unwrap_or_else(|| entry.title.clone()),
        last_opened: entry.opened,
        held,
    }
}

fn project_json(p: &Project, checklist: &Checklist) -> ProjectJson {
    ProjectJson {
        file: p.file.display().to_string(),
        documents: p
            .documents
            .iter()
            .map(|d| {
                let (held, title) = held(&store::peek(&d.path), checklist);
                DocumentJson {
                    path: d.declared.clone(),
                    file: d.path.display().to_string(),
                    numbers: NumbersJson {
                        first: d.numbers.first,
                        last: d.numbers.last,
                    },
                    title,
                    held,
                }
            })
            .collect(),
    }
}

/// The checklist's overall pass rate, once any item is marked.
fn pass_rate(s: &Session, checklist: &Checklist) -> Option<f64> {
    if s.checklist.is_empty() {
        return None;
    }
    crate::analysis::checklist_review::summary(checklist, s).overall_pass_rate
}
