//! The changes of the document's sections (by id: title, status, text with a word diff) and of
//! the checklist marks (by item id).

use super::{ChecklistChange, Edit, ItemKind, SectionChange, SessionDiff, diff_text, pair_by};
use crate::model::{Mark, Section, Session};

pub(super) fn compare(old: &Session, new: &Session, d: &mut SessionDiff) {
    for (o, n) in pair_by(&old.sections, &new.sections, |s| s.id.clone()) {
        if let Some(change) = section(o, n) {
            d.sections.push(change);
        }
    }
    checklist(old, new, d);
}

fn section(o: Option<&Section>, n: Option<&Section>) -> Option<SectionChange> {
    let this = n.or(o)?;
    let change = match (o, n) {
        (None, _) => ItemKind::Added,
        (_, None) => ItemKind::Removed,
        _ => ItemKind::Changed,
    };
    let (old_body, new_body) = (body(o), body(n));
    let text = (old_body != new_body).then(|| diff_text(old_body, new_body));
    let title = |s: Option<&Section>| s.map(|s| s.title.clone());
    let status = |s: Option<&Section>| s.map(|s| s.status.label().to_string());
    let (retitled, status) = match change {
        ItemKind::Changed => (Edit::of(title(o), title(n)), Edit::of(status(o), status(n))),
        _ => (None, None),
    };
    if change == ItemKind::Changed && text.is_none() && retitled.is_none() && status.is_none() {
        return None;
    }
    Some(SectionChange {
        section: this.id.clone(),
        title: this.title.clone(),
        change,
        retitled,
        status,
        text,
    })
}

fn body(s: Option<&Section>) -> &str {
    s.map_or("", |s| s.body.as_str())
}

/// How a mark is printed: `pass`, `partial`, `fail`, `n/a`.
fn mark_label(m: Mark) -> &'static str {
    match m {
        Mark::Pass => "pass",
        Mark::Partial => "partial",
        Mark::Fail => "fail",
        Mark::NotApplicable => "n/a",
    }
}

fn checklist(old: &Session, new: &Session, d: &mut SessionDiff) {
    for (o, n) in pair_by(&old.checklist, &new.checklist, |m| m.item.clone()) {
        let change = match (o, n) {
            (None, Some(_)) => ItemKind::Added,
            (Some(_), None) => ItemKind::Removed,
            (Some(o), Some(n)) if o.mark != n.mark || o.note != n.note => ItemKind::Changed,
            _ => continue,
        };
        let Some(item) = n.or(o).map(|m| m.item.clone()) else {
            continue;
        };
        let note = |m: Option<&crate::model::ChecklistMark>| m.map(|m| m.note.clone());
        d.checklist.push(ChecklistChange {
            item,
            change,
            mark: Edit {
                old: o.map(|m| mark_label(m.mark).to_string()),
                new: n.map(|m| mark_label(m.mark).to_string()),
            },
            note: Edit::of(note(o), note(n)).filter(|e| {
                // A mark added or removed without a note says nothing about notes.
                !e.old.as_deref().unwrap_or("").is_empty()
                    || !e.new.as_deref().unwrap_or("").is_empty()
            }),
        });
    }
}
