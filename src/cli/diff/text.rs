//! The text form of a session diff: a header line, then the changes grouped by kind under a
//! heading (`Decisions`, `Options`, …), one line per change, indented by two spaces. A section
//! whose text changed is followed by its changed lines, indented by four, as a word diff:
//! `[-removed-]{+added+}` without colour, red and green with it. Long unchanged stretches of a
//! changed line are cut to a few words around the change (`…`), long values to 160 characters
//! (see `infradraft_core::diff::lines`, which writes each change's line),
//! and at most [`MAX_LINES`] changed lines are shown per section.
//!
//! Every text from a session goes through [`sanitize_line`], so it stays on its line and holds
//! nothing a terminal acts on; the only escape sequences written are the colours added here.

use std::fmt::Write as _;

use super::source::Pair;
use crate::diff::lines::{self, count};
use crate::diff::{Op, SessionDiff, TextDiff};
use crate::text::sanitize_line;

/// The changed lines shown per section at most.
pub(crate) const MAX_LINES: usize = 20;
/// The characters of unchanged text kept on each side of a change within a line.
const CONTEXT: usize = 40;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn heading(self, text: &str) -> String {
        self.paint("1", text)
    }

    fn removed(self, text: &str) -> String {
        if self.color {
            self.paint("31", text)
        } else {
            format!("[-{text}-]")
        }
    }

    fn added(self, text: &str) -> String {
        if self.color {
            self.paint("32", text)
        } else {
            format!("{{+{text}+}}")
        }
    }
}

/// `12 changes from OLD to NEW`.
pub(crate) fn header(o: &mut String, old: &str, new: &str, diff: &SessionDiff, style: Style) {
    let line = format!(
        "{} from {} to {}",
        count(diff.len(), "change"),
        sanitize_line(old),
        sanitize_line(new)
    );
    let _ = writeln!(o, "{}", style.heading(&line));
}

/// The header of one file as git's external driver: its path and what happened to it.
pub(crate) fn git_header(
    o: &mut String,
    path: &str,
    pair: &Pair,
    file: &str,
    diff: &SessionDiff,
    style: Style,
) {
    let path = sanitize_line(path);
    let line = match file {
        "added" => format!("infradraft diff {path}: new session file"),
        "deleted" => format!("infradraft diff {path}: session file deleted"),
        _ if diff.is_empty() => format!("infradraft diff {path}: no change in meaning"),
        _ => format!(
            "infradraft diff {path}: {} ({} → {})",
            count(diff.len(), "change"),
            sanitize_line(&pair.old.name),
            sanitize_line(&pair.new.name)
        ),
    };
    let _ = writeln!(o, "{}", style.heading(&line));
}

/// Every change, grouped by kind; a section's changed words after its line.
pub(crate) fn changes(o: &mut String, d: &SessionDiff, style: Style) {
    group(o, "Decisions", &d.decisions, style, lines::decision);
    group(o, "Options", &d.options, style, lines::option_change);
    group(
        o,
        "Recommendations",
        &d.recommendations,
        style,
        lines::recommendation,
    );
    group(
        o,
        "Requirements",
        &d.requirements,
        style,
        lines::requirement,
    );
    group(o, "Facts", &d.facts, style, lines::fact);
    group(o, "Conflicts", &d.conflicts, style, lines::conflict);
    if !d.sections.is_empty() {
        let _ = writeln!(o, "{}", style.heading("Sections"));
        for s in &d.sections {
            let _ = writeln!(o, "  {}", lines::section(s));
            if let Some(t) = &s.text {
                word_diff(o, t, style);
            }
        }
    }
    group(o, "Checklist", &d.checklist, style, lines::checklist);
    group(o, "Other", &d.other, style, lines::other);
}

fn group<T>(o: &mut String, heading: &str, items: &[T], style: Style, line: impl Fn(&T) -> String) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(o, "{}", style.heading(heading));
    for item in items {
        let _ = writeln!(o, "  {}", line(item));
    }
}

/// The changed lines of a word diff, each as its pieces.
fn changed_lines(t: &TextDiff) -> Vec<Vec<(Op, String)>> {
    let mut lines: Vec<Vec<(Op, String)>> = vec![Vec::new()];
    for piece in &t.pieces {
        for part in piece.text.split_inclusive('\n') {
            let (text, ends) = match part.strip_suffix('\n') {
                Some(t) => (t, true),
                None => (part, false),
            };
            if !text.is_empty()
                && let Some(line) = lines.last_mut()
            {
                line.push((piece.op, text.to_string()));
            }
            if ends {
                // A line break added or removed on its own still marks the line as changed.
                if piece.op != Op::Equal
                    && text.is_empty()
                    && let Some(line) = lines.last_mut()
                {
                    line.push((piece.op, String::new()));
                }
                lines.push(Vec::new());
            }
        }
    }
    lines
        .into_iter()
        .filter(|l| l.iter().any(|(op, _)| *op != Op::Equal))
        .collect()
}

fn word_diff(o: &mut String, t: &TextDiff, style: Style) {
    let lines = changed_lines(t);
    for line in lines.iter().take(MAX_LINES) {
        let mut shown = String::new();
        let last = line.len().saturating_sub(1);
        for (i, (op, text)) in line.iter().enumerate() {
            let text = sanitize_line(text);
            match op {
                Op::Equal => shown.push_str(&context(&text, i > 0, i < last)),
                Op::Delete if !text.is_empty() => shown.push_str(&style.removed(&text)),
                Op::Insert if !text.is_empty() => shown.push_str(&style.added(&text)),
                _ => {}
            }
        }
        if shown.trim().is_empty() {
            shown = "(blank line)".to_string();
        }
        let _ = writeln!(o, "    {shown}");
    }
    if lines.len() > MAX_LINES {
        let _ = writeln!(o, "    … {} more changed lines", lines.len() - MAX_LINES);
    }
}

/// Unchanged text within a changed line: whole when short, else [`CONTEXT`] characters next to
/// the change before it (`after`) and the one after it (`before`), cut at a space.
fn context(text: &str, after: bool, before: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let keep = (usize::from(after) + usize::from(before)) * CONTEXT;
    if chars.len() <= keep + 3 || (!after && !before) {
        return text.to_string();
    }
    let head: String = if after {
        let h: String = chars[..CONTEXT].iter().collect();
        match h.rfind(' ') {
            Some(i) if i > 0 => h[..=i].to_string(),
            _ => h,
        }
    } else {
        String::new()
    };
    let tail: String = if before {
        let t: String = chars[chars.len() - CONTEXT..].iter().collect();
        match t.find(' ') {
            Some(i) if i + 1 < t.len() => t[i..].to_string(),
            _ => t,
        }
    } else {
        String::new()
    };
    format!("{head}…{tail}")
}
