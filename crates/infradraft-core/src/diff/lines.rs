//! One line of text per change of a [`SessionDiff`], as `infradraft diff` prints it under its
//! headings and as the workbench's recovery question lists what a recovery file holds: a value
//! from a session on one line (through [`sanitize_line`]), long values cut to [`MAX_VALUE`]
//! characters.

use std::fmt::Write as _;

use super::{
    ChecklistChange, ConflictChange, ConflictKind, DecisionChange, DecisionKind, Edit, FactChange,
    Granularity, ItemKind, OptionChange, OptionRef, OtherChange, RecommendationChange,
    RequirementChange, SectionChange, SessionDiff, TextDiff,
};
use crate::text::sanitize_line;

/// The characters of a value (a justification, a requirement's text) shown at most.
pub const MAX_VALUE: usize = 160;

/// Every change, one line each, with the heading of its kind (`Decisions`, `Options`, …), in
/// the order `infradraft diff` prints them.
pub fn summary(d: &SessionDiff) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut add = |heading: &'static str, lines: Vec<String>| {
        out.extend(lines.into_iter().map(|l| (heading, l)));
    };
    add("Decisions", d.decisions.iter().map(decision).collect());
    add("Options", d.options.iter().map(option_change).collect());
    add(
        "Recommendations",
        d.recommendations.iter().map(recommendation).collect(),
    );
    add(
        "Requirements",
        d.requirements.iter().map(requirement).collect(),
    );
    add("Facts", d.facts.iter().map(fact).collect());
    add("Conflicts", d.conflicts.iter().map(conflict).collect());
    add("Sections", d.sections.iter().map(section).collect());
    add("Checklist", d.checklist.iter().map(checklist).collect());
    add("Other", d.other.iter().map(other).collect());
    out
}

/// A value from a session on one line, cut to [`MAX_VALUE`] characters.
pub fn clip(text: &str) -> String {
    let line = sanitize_line(text.trim());
    if line.chars().count() <= MAX_VALUE {
        return line.into_owned();
    }
    let mut cut: String = line.chars().take(MAX_VALUE).collect();
    cut.push('…');
    cut
}

/// [`clip`] between double quotes.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", clip(text))
}

/// `1 change`, `3 changes`.
pub fn count(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// An option card added, removed or changed.
pub fn option_change(c: &OptionChange) -> String {
    let what = match c.change {
        ItemKind::Added => "option added".to_string(),
        ItemKind::Removed => "option removed".to_string(),
        ItemKind::Changed => format!("option changed ({})", c.fields.join(", ")),
    };
    format!("{}: {what}: {}", clip(&c.title), option(&c.option))
}

/// A recommendation made, withdrawn or changed.
pub fn recommendation(c: &RecommendationChange) -> String {
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
}

/// A requirement added, removed or changed.
pub fn requirement(c: &RequirementChange) -> String {
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
}

/// A checklist mark added, removed or changed.
pub fn checklist(c: &ChecklistChange) -> String {
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
}

/// A section added, removed, retitled, its status or its text changed (the text in numbers;
/// `infradraft diff` shows the words after it).
pub fn section(s: &SectionChange) -> String {
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
    format!(
        "{} ({}): {}",
        clip(&s.title),
        clip(&s.section),
        parts.join("; ")
    )
}

/// A part compared only as a whole.
pub fn other(c: &OtherChange) -> String {
    clip(&c.detail)
}

pub fn option(o: &OptionRef) -> String {
    if o.name == o.id {
        clip(&o.id)
    } else {
        format!("{} ({})", clip(&o.name), clip(&o.id))
    }
}

/// `"old" → "new"`, either side `none` when absent.
pub fn edit(e: &Edit<String>) -> String {
    let side = |s: &Option<String>| s.as_deref().map_or("none".to_string(), quoted);
    format!("{} → {}", side(&e.old), side(&e.new))
}

/// A decision record added, removed, superseded, withdrawn or changed.
pub fn decision(c: &DecisionChange) -> String {
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

/// A fact of the inputs added, removed or changed.
pub fn fact(c: &FactChange) -> String {
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

/// A conflict found, gone, resolved, reopened, accepted or withdrawn.
pub fn conflict(c: &ConflictChange) -> String {
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

/// How much a section's text changed.
pub fn text_summary(t: &TextDiff) -> String {
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
            super::words::LINE_LIMIT
        ),
    }
}
