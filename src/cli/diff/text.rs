//! The text form of a session diff: a header line, then the changes grouped by kind under a
//! heading (`Decisions`, `Options`, …), one line per change, indented by two spaces. A section
//! whose text changed is followed by its changed lines, indented by four, as a word diff:
//! `[-removed-]{+added+}` without colour, red and green with it. Long unchanged stretches of a
//! changed line are cut to a few words around the change (`…`), long values to 160 characters,
//! and at most [`MAX_LINES`] changed lines are shown per section.
//!
//! Every text from a session goes through [`sanitize_line`], so it stays on its line and holds
//! nothing a terminal acts on; the only escape sequences written are the colours added here.

use std::fmt::Write as _;

use super::source::Pair;
use crate::diff::{
    ConflictChange, ConflictKind, DecisionChange, DecisionKind, Edit, FactChange, Granularity,
    ItemKind, Op, OptionRef, SessionDiff, TextDiff,
};
use crate::text::sanitize_line;

/// The changed lines shown per section at most.
pub(crate) const MAX_LINES: usize = 20;
/// The characters of unchanged text kept on each side of a change within a line.
const CONTEXT: usize = 40;
/// The characters of a value (a justification, a requirement's text) shown at most.
const MAX_VALUE: usize = 160;

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

/// A value from a session on one line, cut to [`MAX_VALUE`] characters.
fn clip(text: &str) -> String {
    let line = sanitize_line(text.trim());
    if line.chars().count() <= MAX_VALUE {
        return line.into_owned();
    }
    let mut cut: String = line.chars().take(MAX_VALUE).collect();
    cut.push('…');
    cut
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", clip(text))
}

fn count(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
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

/// Every change, grouped by kind.
pub(crate) fn changes(o: &mut String, d: &SessionDiff, style: Style) {
    group(o, "Decisions", &d.decisions, style, decision);
    group(o, "Options", &d.options, style, |c| {
        let what = match c.change {
            ItemKind::Added => "option added".to_string(),
            ItemKind::Removed => "option removed".to_string(),
            ItemKind::Changed => format!("option changed ({})", c.fields.join(", ")),
        };
        format!("{}: {what}: {}", clip(&c.title), option(&c.option))
    });
    group(o, "Recommendations", &d.recommendations, style, |c| {
        let title = clip(&c.title);
        let mut parts = Vec::new();
        if let Some(e) = &c.option {
            parts.push(match (&e.old, &e.new) {
                (None, Some(n)) => format!("recommends {}", option(n)),
                (Some(o), None) => format!("recommendation withdrawn (was {})", option(o)),
                (Some(o), Some(n)) => {
                    format!("recommendation {} → {}", option(o), option(n))
                }
                (None, None) => String::new(),
            });
        }
        if let Some(e) = &c.rationale
            && c.change == ItemKind::Changed
        {
            parts.push(format!("rationale {}", edit(e)));
        }
        format!("{title}: {}", parts.join("; "))
    });
    group(o, "Requirements", &d.requirements, style, |c| {
        let id = clip(&c.id);
        match c.change {
            ItemKind::Added => format!(
                "{id} added ({}): {}",
                c.category.new.as_deref().unwrap_or(""),
                clip(c.text.new.as_deref().unwrap_or(""))
            ),
            ItemKind::Removed => format!(
                "{id} removed: {}",
                clip(c.text.old.as_deref().unwrap_or(""))
            ),
            ItemKind::Changed => {
                let mut parts = Vec::new();
                if c.text.old != c.text.new {
                    parts.push(format!("text {}", edit(&c.text)));
                }
                if c.category.old != c.category.new {
                    parts.push(format!(
                        "category {} → {}",
                        c.category.old.as_deref().unwrap_or(""),
                        c.category.new.as_deref().unwrap_or("")
                    ));
                }
                format!("{id} changed: {}", parts.join("; "))
            }
        }
    });
    group(o, "Facts", &d.facts, style, fact);
    group(o, "Conflicts", &d.conflicts, style, conflict);
    if !d.sections.is_empty() {
        let _ = writeln!(o, "{}", style.heading("Sections"));
        for s in &d.sections {
            let mut parts = Vec::new();
            match s.change {
                ItemKind::Added => parts.push("section added".to_string()),
                ItemKind::Removed => parts.push("section removed".to_string()),
                ItemKind::Changed => {}
            }
            if let Some(e) = &s.retitled {
                parts.push(format!("retitled {}", edit(e)));
            }
            if let Some(e) = &s.status {
                parts.push(format!(
                    "status {} → {}",
                    e.old.as_deref().unwrap_or("none"),
                    e.new.as_deref().unwrap_or("none")
                ));
            }
            if let Some(t) = &s.text {
                parts.push(text_summary(t));
            }
            let _ = writeln!(
                o,
                "  {} ({}): {}",
                clip(&s.title),
                clip(&s.section),
                parts.join("; ")
            );
            if let Some(t) = &s.text {
                word_diff(o, t, style);
            }
        }
    }
    group(o, "Checklist", &d.checklist, style, |c| {
        let item = clip(&c.item);
        let note = |n: Option<&str>| {
            n.filter(|n| !n.trim().is_empty())
                .map(|n| format!(" ({})", quoted(n)))
                .unwrap_or_default()
        };
        match c.change {
            ItemKind::Added => format!(
                "{item} marked {}{}",
                c.mark.new.as_deref().unwrap_or(""),
                note(c.note.as_ref().and_then(|e| e.new.as_deref()))
            ),
            ItemKind::Removed => format!(
                "{item} unmarked (was {})",
                c.mark.old.as_deref().unwrap_or("")
            ),
            ItemKind::Changed => {
                let mut parts = Vec::new();
                if c.mark.old != c.mark.new {
                    parts.push(format!(
                        "{} → {}",
                        c.mark.old.as_deref().unwrap_or(""),
                        c.mark.new.as_deref().unwrap_or("")
                    ));
                }
                if let Some(e) = &c.note {
                    parts.push(format!("note {}", edit(e)));
                }
                format!("{item}: {}", parts.join("; "))
            }
        }
    });
    group(o, "Other", &d.other, style, |c| clip(&c.detail));
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

fn option(o: &OptionRef) -> String {
    if o.name == o.id {
        clip(&o.id)
    } else {
        format!("{} ({})", clip(&o.name), clip(&o.id))
    }
}

/// `"old" → "new"`, either side `none` when absent.
fn edit(e: &Edit<String>) -> String {
    let side = |s: &Option<String>| s.as_deref().map_or("none".to_string(), quoted);
    format!("{} → {}", side(&e.old), side(&e.new))
}

fn decision(c: &DecisionChange) -> String {
    let title = clip(&c.title);
    let adr = c.adr.as_deref().map_or("decision".to_string(), clip);
    let chosen = |e: &Option<Edit<OptionRef>>, new: bool| {
        e.as_ref()
            .and_then(|e| if new { e.new.as_ref() } else { e.old.as_ref() })
            .map(option)
            .unwrap_or_default()
    };
    let mut line = match c.change {
        DecisionKind::Added => {
            let status = c
                .status
                .as_ref()
                .and_then(|s| s.new.as_deref())
                .unwrap_or("accepted");
            let mut l = if status == "accepted" {
                format!("{title}: {adr} decided: {}", chosen(&c.option, true))
            } else {
                format!(
                    "{title}: {adr} added as {status}: {}",
                    chosen(&c.option, true)
                )
            };
            if let Some(s) = &c.supersedes {
                let _ = write!(l, ", supersedes {}", clip(s));
            }
            if let Some(j) = c.justification.as_ref().and_then(|e| e.new.as_deref())
                && !j.trim().is_empty()
            {
                let _ = write!(l, "; justification {}", quoted(j));
            }
            return l;
        }
        DecisionKind::Removed => {
            return format!("{title}: {adr} removed (was {})", chosen(&c.option, false));
        }
        DecisionKind::Superseded => match &c.superseded_by {
            Some(by) => format!("{title}: {adr} superseded by {}", clip(by)),
            None => format!("{title}: {adr} superseded"),
        },
        DecisionKind::Deprecated | DecisionKind::Rejected => {
            let what = if c.change == DecisionKind::Deprecated {
                "deprecated"
            } else {
                "rejected"
            };
            match c.reason.as_deref().filter(|r| !r.trim().is_empty()) {
                Some(r) => format!("{title}: {adr} {what}: {}", quoted(r)),
                None => format!("{title}: {adr} {what}"),
            }
        }
        DecisionKind::Status => {
            let e = c.status.as_ref();
            format!(
                "{title}: {adr} status {} → {}",
                e.and_then(|e| e.old.as_deref()).unwrap_or("none"),
                e.and_then(|e| e.new.as_deref()).unwrap_or("none")
            )
        }
        DecisionKind::Changed => format!("{title}: {adr} changed"),
        DecisionKind::Amended => format!("{title}: {adr} amended"),
    };
    if let Some(e) = &c.option {
        let _ = write!(
            line,
            "; option {} → {}",
            chosen(&c.option, false),
            e.new.as_ref().map(option).unwrap_or_default()
        );
    }
    if let Some(e) = &c.justification {
        let _ = write!(line, "; justification {}", edit(e));
    }
    line
}

fn fact(c: &FactChange) -> String {
    let at = c
        .source
        .as_deref()
        .map(|s| format!(" ({})", clip(s)))
        .unwrap_or_default();
    let topic = clip(&c.topic);
    match c.change {
        ItemKind::Added => format!(
            "{topic}{at} added, {}: {}",
            c.modality.new.as_deref().unwrap_or(""),
            clip(c.text.new.as_deref().unwrap_or(""))
        ),
        ItemKind::Removed => format!(
            "{topic}{at} removed: {}",
            clip(c.text.old.as_deref().unwrap_or(""))
        ),
        ItemKind::Changed => {
            let mut parts = Vec::new();
            if c.text.old != c.text.new {
                parts.push(format!("text {}", edit(&c.text)));
            }
            if c.modality.old != c.modality.new {
                parts.push(format!(
                    "{} → {}",
                    c.modality.old.as_deref().unwrap_or(""),
                    c.modality.new.as_deref().unwrap_or("")
                ));
            }
            if c.tags.old != c.tags.new {
                let tags =
                    |t: &Option<Vec<String>>| clip(&t.clone().unwrap_or_default().join(", "));
                parts.push(format!(
                    "tags [{}] → [{}]",
                    tags(&c.tags.old),
                    tags(&c.tags.new)
                ));
            }
            format!("{topic}{at} changed: {}", parts.join("; "))
        }
    }
}

fn conflict(c: &ConflictChange) -> String {
    let about = clip(&c.about);
    let reason_new = c
        .reason
        .as_ref()
        .and_then(|e| e.new.as_deref())
        .map(quoted)
        .unwrap_or_default();
    let whose = match (&c.component, &c.key) {
        (Some(component), _) => format!("{}: conflict with the inputs", clip(component)),
        (None, Some(key)) => format!("input conflict {}", clip(key)),
        (None, None) => "conflict".to_string(),
    };
    match c.change {
        ConflictKind::Found if reason_new.is_empty() => format!("{whose} found (open): {about}"),
        ConflictKind::Found => format!("{whose} found (resolved: {reason_new}): {about}"),
        ConflictKind::Gone => format!("{whose} gone: {about}"),
        ConflictKind::Resolved => format!("{whose} resolved: {reason_new}: {about}"),
        ConflictKind::Reopened => format!("{whose} reopened: {about}"),
        ConflictKind::Reason => format!(
            "{whose}: reason {}: {about}",
            c.reason.as_ref().map(edit).unwrap_or_default()
        ),
        ConflictKind::Acknowledged => format!("{whose} accepted ({reason_new}): {about}"),
        ConflictKind::Withdrawn => format!("{whose} no longer accepted: {about}"),
    }
}

fn text_summary(t: &TextDiff) -> String {
    match t.granularity {
        Granularity::Words => format!(
            "text changed, +{} −{} words",
            t.words_added, t.words_removed
        ),
        Granularity::Lines => format!(
            "text changed, +{} −{} words (some long runs compared line by line)",
            t.words_added, t.words_removed
        ),
        Granularity::None => format!(
            "text changed, {} → {} bytes (too large to compare: over {} bytes)",
            t.old_bytes,
            t.new_bytes,
            crate::diff::words::LINE_LIMIT
        ),
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
