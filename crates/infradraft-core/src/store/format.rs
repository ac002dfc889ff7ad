//! The RON text form of a session: its format version, read cheaply, and the careful reader that
//! migrates older formats.

use std::path::Path;

use serde::Deserialize;

use crate::files::{StoreError, from_ron};
use crate::model::{FORMAT_VERSION, Session};

/// The format version of a session text, read without parsing the whole file when the file starts
/// the way this program writes it, and with a lenient parse otherwise. `None` when no version can be
/// found (the full parse then reports what is wrong).
pub fn format_version_of(text: &str) -> Option<u32> {
    if let Some(v) = leading_version(text) {
        return Some(v);
    }
    #[derive(Deserialize)]
    #[serde(rename = "Session")]
    struct Probe {
        format_version: u32,
    }
    ron::from_str::<Probe>(text).ok().map(|p| p.format_version)
}

/// Scans `Session(` `format_version: N` at the start of the text, skipping whitespace and comments.
fn leading_version(text: &str) -> Option<u32> {
    let mut rest = skip_trivia(text);
    rest = rest
        .strip_prefix("Session")
        .map(skip_trivia)
        .unwrap_or(rest);
    rest = skip_trivia(rest.strip_prefix('(')?);
    rest = skip_trivia(rest.strip_prefix("format_version")?);
    rest = skip_trivia(rest.strip_prefix(':')?);
    let digits: &str = &rest[..rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len())];
    digits.parse().ok()
}

fn skip_trivia(mut s: &str) -> &str {
    loop {
        s = s.trim_start();
        if let Some(r) = s.strip_prefix("//") {
            s = r.split_once('\n').map(|(_, r)| r).unwrap_or("");
        } else if let Some(r) = s.strip_prefix("/*") {
            s = r.split_once("*/").map(|(_, r)| r).unwrap_or("");
        } else {
            return s;
        }
    }
}

/// Parses a session text of any supported version into the current model. A session whose ids
/// are not slugs is refused ([`crate::model::bad_id`]): ids end up in file names.
pub fn session_from_text(path: &Path, text: &str) -> Result<(Session, Option<u32>), StoreError> {
    let (session, migrated_from) = parse_session(path, text)?;
    if let Some(bad) = crate::model::bad_id(&session) {
        return Err(StoreError::BadId {
            path: path.to_path_buf(),
            at: position_of_id(text, bad.id)
                .map(|(line, col)| format!(":{line}:{col}"))
                .unwrap_or_default(),
            what: bad.what,
            id: bad.id.to_string(),
        });
    }
    Ok((session, migrated_from))
}

/// Where `id` stands in the text as the value of an `id` field (`id: "…"`), as one-based line
/// and column of its opening quote; `None` when it is written in some other way (escaped).
fn position_of_id(text: &str, id: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{id}\"");
    let mut from = 0;
    while let Some(found) = text[from..].find(&quoted) {
        let at = from + found;
        let before = text[..at].trim_end();
        let field = before.strip_suffix(':').map(str::trim_end).unwrap_or("");
        let is_id_field = field.ends_with("id")
            && !field[..field.len() - 2].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        if is_id_field {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..at].matches('\n').count() + 1;
            let col = text[line_start..at].chars().count() + 1;
            return Some((line, col));
        }
        from = at + quoted.len();
    }
    None
}

fn parse_session(path: &Path, text: &str) -> Result<(Session, Option<u32>), StoreError> {
    match format_version_of(text) {
        Some(found) if found > FORMAT_VERSION => Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        }),
        Some(found) if found < FORMAT_VERSION => {
            let session = super::migrate::migrate(path, found, text)?;
            Ok((session, Some(found)))
        }
        _ => from_ron::<Session>(path, text).map(|s| (s, None)),
    }
}
