//! `infradraft list`: the project's documents (inside a project), then the recent sessions.

use std::io::Write;
use std::path::Path;

use super::show::modified;
use super::{CliResult, local_time};
use crate::home::Home;
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::Progress;

pub fn run(home: &Home, out: &mut dyn Write) -> CliResult {
    if let Some(project) = super::project::here()? {
        let (checklist, _) = crate::knowledge::checklist::Checklist::load(&home.config_dir);
        super::project::list_documents(&project, &checklist, out)?;
    }
    let recent = store::read_recent(&home.recent_index())?;
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
