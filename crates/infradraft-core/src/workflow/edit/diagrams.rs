//! Diagrams: the starter diagrams generated from the decisions, custom diagrams the person adds,
//! their Mermaid source as it is typed, and removal. Generation never overwrites a diagram the
//! person edited ([`crate::workflow::diagrams::refresh`]).

use jiff::Timestamp;

use super::EditError;
use crate::model::Session;

/// Adds the starter diagrams that are missing and refreshes untouched generated ones; returns
/// how many changed, `None` when they were all up to date.
pub fn generate(s: &mut Session, now: Timestamp) -> Option<usize> {
    let n = crate::workflow::diagrams::refresh(s);
    if n == 0 {
        return None;
    }
    s.record(
        now,
        "diagrams",
        format!("generated {n} starter diagram(s) from the decisions"),
    );
    Some(n)
}

/// Adds a custom diagram titled `title`; returns its index.
pub fn add_custom(s: &mut Session, title: &str, now: Timestamp) -> Result<usize, EditError> {
    if title.trim().is_empty() {
        return Err(EditError::Empty("a diagram needs a title"));
    }
    let d = crate::workflow::diagrams::new_custom(s, title.trim());
    s.record(now, "diagrams", format!("added diagram {}", d.title));
    s.diagrams.push(d);
    Ok(s.diagrams.len() - 1)
}

/// Sets the source of diagram `id` as the person typed it; `false` when it is unchanged (or the
/// diagram is gone). Typing is not recorded in the history, like typing in a section.
pub fn set_source(s: &mut Session, id: &str, source: String) -> bool {
    match s.diagrams.iter_mut().find(|d| d.id == id) {
        Some(d) if d.source != source => {
            d.source = source;
            true
        }
        _ => false,
    }
}

/// Removes diagram `i`; returns its title.
pub fn remove(s: &mut Session, i: usize, now: Timestamp) -> Result<String, EditError> {
    if i >= s.diagrams.len() {
        return Err(EditError::Missing {
            what: "diagram",
            at: format!("at {}", i + 1),
        });
    }
    let d = s.diagrams.remove(i);
    s.record(now, "diagrams", format!("removed diagram {}", d.title));
    Ok(d.title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_diagram_needs_a_title_and_its_source_follows_typing() {
        let t = Timestamp::from_second(1_800_000_000).unwrap();
        let mut s = Session::empty("T", "P", t);
        assert_eq!(
            add_custom(&mut s, "  ", t),
            Err(EditError::Empty("a diagram needs a title"))
        );
        let i = add_custom(&mut s, "Edge   traffic", t).unwrap();
        let id = s.diagrams[i].id.clone();
        assert!(set_source(&mut s, &id, "flowchart LR\n  a --> b".into()));
        assert!(!set_source(&mut s, &id, "flowchart LR\n  a --> b".into()));
        assert_eq!(remove(&mut s, i, t).unwrap(), "Edge traffic");
        assert!(s.diagrams.is_empty());
        let details: Vec<_> = s.history.iter().map(|h| h.detail.as_str()).collect();
        assert_eq!(
            details,
            ["added diagram Edge traffic", "removed diagram Edge traffic"]
        );
    }
}
