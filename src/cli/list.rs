//! `infradraft list`: the recent sessions.

use std::io::Write;
use std::path::Path;

use super::show::modified;
use super::{CliResult, local_time};
use crate::home::Home;
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::Progress;

pub fn run(home: &Home, out: &mut dyn Write) -> CliResult {
    let recent = store::read_recent(&home.recent_index())?;
    if recent.sessions.is_empty() {
        writeln!(
            out,
            "no recent sessions (start one with `infradraft new`, or run `infradraft` for the sample)"
        )?;
        return Ok(());
    }
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
                    Progress::of(s).summary(),
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
