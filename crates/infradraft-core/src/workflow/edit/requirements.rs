//! Requirements the person adds, edits, recategorises or removes, and the compliance regimes they
//! choose. A requirement the person wrote or changed becomes [`RequirementOrigin::Manual`], so
//! reading the inputs again keeps it as it is; new ones are numbered `REQ-n`, the lowest number
//! not yet taken (nor held by an extracted requirement the person removed: the inputs may still
//! say it). An extracted requirement the person removes stays removed when the inputs are read
//! again, until its text there changes.

use jiff::Timestamp;

use super::EditError;
use crate::model::{RemovedRequirement, Requirement, RequirementOrigin, Session};

fn missing(i: usize) -> EditError {
    EditError::Missing {
        what: "requirement",
        at: format!("at {}", i + 1),
    }
}

/// Adds a requirement written by the person, categorised by its words; returns its id.
pub fn add(s: &mut Session, text: &str, now: Timestamp) -> Result<String, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::Empty("a requirement needs its text"));
    }
    let taken = |n: usize| {
        let id = format!("REQ-{n}");
        s.requirements.iter().any(|r| r.id == id)
            || s.removed_requirements.iter().any(|r| r.id == id)
    };
    let n = (1..).find(|&n| !taken(n)).unwrap_or(1);
    let id = format!("REQ-{n}");
    s.requirements.push(Requirement {
        id: id.clone(),
        category: crate::inputs::extract::categorize(None, text),
        text: text.to_string(),
        origin: RequirementOrigin::Manual,
        source: None,
    });
    s.record(now, "requirement-added", id.clone());
    Ok(id)
}

/// Replaces requirement `i`'s text; `false` when the text is what it was.
pub fn edit(s: &mut Session, i: usize, text: &str, now: Timestamp) -> Result<bool, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::Empty(
            "a requirement needs its text (remove it to drop it)",
        ));
    }
    let r = s.requirements.get_mut(i).ok_or_else(|| missing(i))?;
    if r.text == text {
        return Ok(false);
    }
    r.text = text.to_string();
    r.origin = RequirementOrigin::Manual;
    let id = r.id.clone();
    s.record(now, "requirement-edited", id);
    Ok(true)
}

/// Moves requirement `i` to the next category.
pub fn cycle_category(s: &mut Session, i: usize, now: Timestamp) -> Result<(), EditError> {
    let r = s.requirements.get_mut(i).ok_or_else(|| missing(i))?;
    r.category = r.category.next();
    r.origin = RequirementOrigin::Manual;
    let detail = format!("{}: {}", r.id, r.category.label());
    s.record(now, "requirement-edited", detail);
    Ok(())
}

/// Removes requirement `i`; returns its id. An extracted one stays removed when the inputs are
/// read again, unless its text there changes.
pub fn remove(s: &mut Session, i: usize, now: Timestamp) -> Result<String, EditError> {
    if i >= s.requirements.len() {
        return Err(missing(i));
    }
    let r = s.requirements.remove(i);
    if r.origin == RequirementOrigin::Extracted {
        s.removed_requirements.push(RemovedRequirement {
            id: r.id.clone(),
            text: r.text.clone(),
        });
    }
    s.record(now, "requirement-removed", r.id.clone());
    Ok(r.id)
}

/// Puts exactly the regimes `chosen` in scope (see [`crate::workflow::choose_regimes`]);
/// `false` when they already were.
pub fn set_regimes(s: &mut Session, chosen: &[String], now: Timestamp) -> bool {
    let before = s.regimes.clone();
    crate::workflow::choose_regimes(s, chosen);
    if s.regimes == before {
        return false;
    }
    let detail = s.regimes.join(", ");
    s.record(now, "regimes", detail);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RequirementCategory;

    fn t() -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap()
    }

    #[test]
    fn new_requirements_take_the_lowest_free_number_and_are_recorded() {
        let mut s = Session::empty("T", "P", t());
        assert_eq!(
            add(&mut s, "  Keep 30 days of logs ", t()).unwrap(),
            "REQ-1"
        );
        assert_eq!(add(&mut s, "Encrypt backups", t()).unwrap(), "REQ-2");
        remove(&mut s, 0, t()).unwrap();
        assert_eq!(add(&mut s, "A third", t()).unwrap(), "REQ-1");
        assert_eq!(s.requirements[0].text, "Encrypt backups");
        assert_eq!(s.requirements[1].origin, RequirementOrigin::Manual);
        let actions: Vec<_> = s.history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "requirement-added",
                "requirement-added",
                "requirement-removed",
                "requirement-added"
            ]
        );
        assert_eq!(
            add(&mut s, "   ", t()),
            Err(EditError::Empty("a requirement needs its text"))
        );
        // An extracted requirement the person removed keeps its number out of use: the inputs
        // may still hold it.
        s.requirements[0].origin = RequirementOrigin::Extracted;
        let removed = s.requirements[0].id.clone();
        remove(&mut s, 0, t()).unwrap();
        assert_ne!(add(&mut s, "A fourth", t()).unwrap(), removed);
    }

    #[test]
    fn an_edit_to_the_same_text_changes_nothing_and_a_real_one_makes_it_the_persons() {
        let mut s = Session::empty("T", "P", t());
        s.requirements.push(Requirement {
            id: "NFR1".into(),
            category: RequirementCategory::Performance,
            text: "p95 under 200 ms".into(),
            origin: RequirementOrigin::Extracted,
            source: None,
        });
        assert_eq!(edit(&mut s, 0, " p95 under 200 ms ", t()), Ok(false));
        assert!(s.history.is_empty());
        assert_eq!(edit(&mut s, 0, "p95 under 150 ms", t()), Ok(true));
        assert_eq!(s.requirements[0].origin, RequirementOrigin::Manual);
        assert_eq!(s.history[0].detail, "NFR1");
        assert!(matches!(
            edit(&mut s, 5, "x", t()),
            Err(EditError::Missing { .. })
        ));
        cycle_category(&mut s, 0, t()).unwrap();
        assert_eq!(
            s.requirements[0].category,
            RequirementCategory::Performance.next()
        );
    }
}
