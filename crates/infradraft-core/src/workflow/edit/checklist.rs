//! Checklist marks: an item marked pass, partial, fail or not applicable, with a note. One mark per
//! item; marking again replaces the mark and keeps the note unless a new one is given.

use jiff::Timestamp;

use super::EditError;
use crate::model::{ChecklistMark, Mark, Session};

/// The word the history uses for a mark.
fn word(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "pass",
        Mark::Partial => "partial",
        Mark::Fail => "fail",
        Mark::NotApplicable => "n/a",
    }
}

/// Marks `item`, keeping its note.
pub fn mark(s: &mut Session, item: &str, mark: Mark, now: Timestamp) {
    let note = s
        .checklist
        .iter()
        .find(|m| m.item == item)
        .map(|m| m.note.clone())
        .unwrap_or_default();
    set(s, item, mark, note, now);
}

/// Sets the note of a marked `item` (a note alone does not mark an item).
pub fn note(s: &mut Session, item: &str, note: &str, now: Timestamp) -> Result<(), EditError> {
    let mark = s
        .checklist
        .iter()
        .find(|m| m.item == item)
        .map(|m| m.mark)
        .ok_or(EditError::NotMarked)?;
    set(s, item, mark, note.trim().to_string(), now);
    Ok(())
}

fn set(s: &mut Session, item: &str, mark: Mark, note: String, now: Timestamp) {
    s.checklist.retain(|m| m.item != item);
    s.checklist.push(ChecklistMark {
        item: item.to_string(),
        mark,
        note,
        at: now,
    });
    s.record(now, "checklist", format!("{item}: {}", word(mark)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_keeps_its_note_and_a_note_needs_a_mark() {
        let t = Timestamp::from_second(1_800_000_000).unwrap();
        let mut s = Session::empty("T", "P", t);
        assert_eq!(note(&mut s, "sec-1", "later", t), Err(EditError::NotMarked));
        mark(&mut s, "sec-1", Mark::Partial, t);
        note(&mut s, "sec-1", " MFA on the console only ", t).unwrap();
        mark(&mut s, "sec-1", Mark::Pass, t);
        assert_eq!(s.checklist.len(), 1);
        assert_eq!(s.checklist[0].mark, Mark::Pass);
        assert_eq!(s.checklist[0].note, "MFA on the console only");
        assert_eq!(s.history.last().unwrap().detail, "sec-1: pass");
    }
}
