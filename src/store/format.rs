//! The RON text form of a session: deterministic pretty output and a careful reader.

use std::path::Path;

use ron::error::SpannedError;
use ron::ser::PrettyConfig;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::error::{ParseProblem, StoreError};
use crate::model::{FORMAT_VERSION, Session};

/// Pretty, deterministic RON: struct names, one field per line, four-space indent, and multi-line
/// strings written as they are (so prose diffs line by line in git).
pub fn to_ron<T: serde::Serialize>(value: &T) -> Result<String, ron::Error> {
    let text = ron::ser::to_string_pretty(value, pretty(false))?;
    // Unescaped strings would put control characters into the file as they are, and a file with
    // control characters in it reads as binary; such (rare) values are written escaped instead.
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        let mut escaped = ron::ser::to_string_pretty(value, pretty(true))?;
        escaped.push('\n');
        return Ok(escaped);
    }
    Ok(text + "\n")
}

fn pretty(escape_strings: bool) -> PrettyConfig {
    PrettyConfig::new()
        .struct_names(true)
        .indentor("    ")
        .new_line("\n")
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .escape_strings(escape_strings)
}

/// Checks that `bytes` are plain text: not empty, valid UTF-8 and free of NUL bytes. A leading
/// UTF-8 byte-order mark (which some editors write) is dropped.
pub fn text_of<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, StoreError> {
    let bytes = super::strip_bom(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    // `contains` on bytes is a vectorised search; the byte-by-byte one runs only to report.
    if bytes.contains(&0)
        && let Some(offset) = bytes.iter().position(|&b| b == 0)
    {
        return Err(StoreError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| StoreError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })
}

/// Parses RON text into `T`, turning RON's error into one that names the file, line and column.
pub fn from_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, StoreError> {
    ron::from_str(text).map_err(|e| parse_error(path, text, e))
}

fn parse_error(path: &Path, text: &str, e: SpannedError) -> StoreError {
    use ron::Error as E;
    let problem = match &e.code {
        // Strings and block comments run to the end of the text when their end is missing.
        E::Eof | E::ExpectedStringEnd | E::UnclosedBlockComment => ParseProblem::Truncated,
        // A name cut short at the very end (`Em` of `Empty`) is a truncation, not a typo.
        E::ExpectedDifferentStructName { .. }
        | E::NoSuchStructField { .. }
        | E::NoSuchEnumVariant { .. }
        | E::MissingStructField { .. }
            if rest_is_blank(text, e.span.end.line, e.span.end.col) =>
        {
            ParseProblem::Truncated
        }
        E::ExpectedDifferentStructName { .. }
        | E::MissingStructField { .. }
        | E::NoSuchStructField { .. }
        | E::NoSuchEnumVariant { .. }
        | E::DuplicateStructField { .. }
        | E::InvalidValueForType { .. }
        | E::ExpectedDifferentLength { .. }
        | E::Message(_) => ParseProblem::Shape,
        // Any other error that reaches the end of the text means the file stops early.
        _ if rest_is_blank(text, e.span.end.line, e.span.end.col) => ParseProblem::Truncated,
        _ => ParseProblem::Syntax,
    };
    let message = match problem {
        ParseProblem::Truncated => {
            format!("the file ends too early ({}); it may be truncated", e.code)
        }
        _ => e.code.to_string(),
    };
    StoreError::Parse {
        path: path.to_path_buf(),
        problem,
        line: e.span.start.line,
        col: e.span.start.col,
        message,
    }
}

/// True when the text after (one-based) `line`:`col` is only whitespace.
fn rest_is_blank(text: &str, line: usize, col: usize) -> bool {
    let Some(line_start) = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .try_fold(0usize, |acc, n| acc.checked_add(n))
    else {
        return false;
    };
    let tail = &text[line_start.min(text.len())..];
    let offset = tail
        .char_indices()
        .nth(col.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(tail.len());
    tail[offset..].trim().is_empty()
}

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
