//! What differs between two versions of a session, in a person's terms: which sections' text
//! changed and by how many lines, which decisions, recommendations and options, and which of the
//! other lists. Used to show what a recovery file holds before it is restored.

use similar::{ChangeTag, TextDiff};

use crate::model::Session;

/// One line per difference from `old` to `new`, in document order; empty when they hold the same
/// work (where the person was and the history aside).
pub fn differences(old: &Session, new: &Session) -> Vec<String> {
    let mut out = Vec::new();
    for section in &new.sections {
        let before = old.section(&section.id).map_or("", |s| s.body.as_str());
        if before != section.body {
            let (added, removed) = line_counts(before, &section.body);
            out.push(format!("{}: text +{added} −{removed} lines", section.title));
        }
    }
    for section in &old.sections {
        if new.section(&section.id).is_none() {
            out.push(format!("{}: section removed", section.title));
        }
    }
    for c in &new.components {
        let title = new.decision_label(c);
        let Some(was) = old.component(&c.id) else {
            continue;
        };
        let name = |s: &Session, id: &str| {
            s.component(&c.id)
                .and_then(|c| c.option(id))
                .map_or(id.to_string(), |o| o.name.clone())
        };
        match (&was.decision, &c.decision) {
            (None, Some(d)) => out.push(format!("{title}: decided {}", name(new, &d.option))),
            (Some(_), None) => out.push(format!("{title}: decision withdrawn")),
            (Some(a), Some(b)) if a != b => {
                out.push(format!("{title}: decision now {}", name(new, &b.option)))
            }
            _ => {}
        }
        if was.recommendation != c.recommendation {
            match &c.recommendation {
                Some(r) => out.push(format!("{title}: recommends {}", name(new, &r.option))),
                None => out.push(format!("{title}: recommendation withdrawn")),
            }
        }
        if was.options != c.options {
            out.push(format!(
                "{title}: options changed ({} → {})",
                was.options.len(),
                c.options.len()
            ));
        }
        if was.elicitations != c.elicitations || was.feedback != c.feedback {
            out.push(format!("{title}: feedback or worksheets changed"));
        }
    }
    let lists = [
        ("inputs", old.inputs != new.inputs, new.inputs.len()),
        (
            "requirements",
            old.requirements != new.requirements || old.regimes != new.regimes,
            new.requirements.len(),
        ),
        ("diagrams", old.diagrams != new.diagrams, new.diagrams.len()),
        (
            "stories",
            old.stories != new.stories || old.refinements != new.refinements,
            new.stories.len(),
        ),
        (
            "checklist marks",
            old.checklist != new.checklist,
            new.checklist.len(),
        ),
        (
            "review comments",
            old.review_comments != new.review_comments,
            new.review_comments.len(),
        ),
    ];
    for (what, changed, n) in lists {
        if changed {
            out.push(format!("{what} changed (now {n})"));
        }
    }
    if old.meta.title != new.meta.title || old.mode != new.mode {
        out.push("title or interaction mode changed".to_string());
    }
    out
}

fn line_counts(old: &str, new: &str) -> (usize, usize) {
    let diff = TextDiff::from_lines(old, new);
    let mut counts = (0, 0);
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Insert => counts.0 += 1,
            ChangeTag::Delete => counts.1 += 1,
            ChangeTag::Equal => {}
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Section;

    #[test]
    fn names_the_sections_and_lists_that_differ() {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let mut old = Session::empty("T", "P", now);
        old.sections.push(Section::new("overview", "Overview"));
        old.sections.push(Section::new("network", "Network"));
        let mut new = old.clone();
        assert!(differences(&old, &new).is_empty());
        new.sections[1].body = "one\ntwo\n".into();
        new.regimes.push("GDPR".into());
        new.place.cursor = (3, 4);
        assert_eq!(
            differences(&old, &new),
            [
                "Network: text +2 −0 lines".to_string(),
                "requirements changed (now 0)".to_string()
            ]
        );
    }
}
