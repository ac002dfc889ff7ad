//! RON and plain text with care: deterministic pretty output, and readers whose every error names
//! the file, line and column.

use std::path::Path;

use ron::error::SpannedError;
use ron::ser::PrettyConfig;
use serde::de::DeserializeOwned;

use super::error::{ParseProblem, StoreError};

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

/// [`from_ron`] for files people write by hand (the project file): an `Option` field may be
/// written without `Some(…)`, as in the settings files.
pub fn from_ron_implicit_some<T: DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, StoreError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| parse_error(path, text, e))
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
