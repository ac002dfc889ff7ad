//! `infradraft list`: the project's documents (inside a project, as text), then the recent
//! sessions.
//!
//! As JSON (`--format json`): one [`Json`] object, its shape described by
//! `docs/schemas/list.schema.json`, version [`JSON_VERSION`]: the recent sessions newest first,
//! each with its `state` (`ok`, `missing`, `unreadable`) and, when `ok`, what the file holds.

use std::io::Write;
use std::path::Path;

use jiff::Timestamp;
use serde::Serialize;

use super::args::FormatArg;
use super::show::{ProgressJson, modified};
use super::{CliResult, local_time};
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::model::{InteractionMode, Session};
use crate::store::{self, RecentEntry};
use crate::text::sanitize_line;
use crate::workflow::Progress;

pub fn run(home: &Home, format: FormatArg, out: &mut dyn Write) -> CliResult {
    let recent = store::read_recent(&home.recent_index())?;
    if format == FormatArg::Json {
        let (checklist, _) = Checklist::load(&home.config_dir);
        let json = Json {
            version: JSON_VERSION,
            sessions: recent
                .sessions
                .iter()
                .map(|e| json_entry(e, &checklist))
                .collect(),
        };
        super::output::write_json(out, &json)?;
        return Ok(());
    }
    if let Some(project) = super::project::here()? {
        let (checklist, _) = Checklist::load(&home.config_dir);
        super::project::list_documents(&project, &checklist, out)?;
    }
    if recent.sessions.is_empty() {
        writeln!(
            out,
            "no recent sessions (start one with `infradraft new`, or run `infradraft` for the sample)"
        )?;
        return Ok(());
    }
    let (checklist, _) = crate::knowledge::checklist::Checklist::load(&home.config_dir);
    for entry in &recent.sessions {
        let path = Path::new(&entry.path);
        writeln!(out, "{}", sanitize_line(&entry.path))?;
        if !path.exists() {
            writeln!(
                out,
                "    MISSING  {} (last opened {})",
                sanitize_line(&entry.title),
                local_time(entry.opened)
            )?;
            continue;
        }
        match store::load(path) {
            Ok(loaded) => {
                let s = &loaded.session;
                writeln!(
                    out,
                    "    {} · {} · {} · saved {}",
                    sanitize_line(&s.meta.title),
                    s.mode.map(|m| m.label()).unwrap_or("mode not chosen"),
                    progress(s, &checklist),
                    modified(path)
                        .map(local_time)
                        .unwrap_or_else(|| "unknown".into())
                )?;
            }
            Err(e) => writeln!(out, "    UNREADABLE  {}", sanitize_line(&e.to_string()))?,
        }
    }
    Ok(())
}

/// "9/16 components decided, 12/19 sections drafted, checklist 63%" (the checklist once reviewed).
pub(super) fn progress(
    s: &crate::model::Session,
    checklist: &crate::knowledge::checklist::Checklist,
) -> String {
    let mut text = Progress::of(s).summary();
    if !s.checklist.is_empty()
        && let Some(rate) =
            crate::analysis::checklist_review::summary(checklist, s).overall_pass_rate
    {
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
    /// Newest first, as the text lists them.
    sessions: Vec<JsonEntry>,
}

/// One recent session. `state` says which fields are filled: `ok` (the file loads: every field),
/// `missing` (the file is gone) or `unreadable` (it does not load: `error`); `mode`, `saved`,
/// `progress` and `checklist_pass_rate` are null unless `ok`, `error` unless `unreadable`.
#[derive(Serialize)]
struct JsonEntry {
    path: String,
    state: &'static str,
    /// The session's title: from the file when it loads, else as last opened.
    title: String,
    last_opened: Timestamp,
    error: Option<String>,
    mode: Option<InteractionMode>,
    saved: Option<Timestamp>,
    progress: Option<ProgressJson>,
    /// The checklist's overall pass rate in percent, once the checklist is reviewed.
    checklist_pass_rate: Option<f64>,
}

fn json_entry(entry: &RecentEntry, checklist: &Checklist) -> JsonEntry {
    let path = Path::new(&entry.path);
    let mut json = JsonEntry {
        path: entry.path.clone(),
        state: "missing",
        title: entry.title.clone(),
        last_opened: entry.opened,
        error: None,
        mode: None,
        saved: None,
        progress: None,
        checklist_pass_rate: None,
    };
    if !path.exists() {
        return json;
    }
    match store::load(path) {
        Ok(loaded) => {
            let s = &loaded.session;
            json.state = "ok";
            json.title = s.meta.title.clone();
            json.mode = s.mode;
            json.saved = modified(path);
            json.progress = Some(Progress::of(s).into());
            json.checklist_pass_rate = pass_rate(s, checklist);
        }
        Err(e) => {
            json.state = "unreadable";
            json.error = Some(e.to_string());
        }
    }
    json
}

/// The checklist's overall pass rate, once any item is marked.
fn pass_rate(s: &Session, checklist: &Checklist) -> Option<f64> {
    if s.checklist.is_empty() {
        return None;
    }
    crate::analysis::checklist_review::summary(checklist, s).overall_pass_rate
}
