//! The changes of what was read from the inputs: requirements (by id), facts (by text, then by
//! the place they were read from) and conflicts between the inputs (by key, with the person's
//! resolutions).

use super::{
    ConflictChange, ConflictKind, Edit, FactChange, ItemKind, RequirementChange, SessionDiff,
    pair_by,
};
use crate::model::{Assumption, Requirement, Session};

pub(super) fn compare(old: &Session, new: &Session, d: &mut SessionDiff) {
    requirements(&old.requirements, &new.requirements, d);
    facts(&old.assumptions, &new.assumptions, d);
    conflicts(old, new, d);
}

fn requirements(old: &[Requirement], new: &[Requirement], d: &mut SessionDiff) {
    for (o, n) in pair_by(old, new, |r| r.id.clone()) {
        let change = match (o, n) {
            (None, Some(_)) => ItemKind::Added,
            (Some(_), None) => ItemKind::Removed,
            (Some(o), Some(n)) if o.text != n.text || o.category != n.category => ItemKind::Changed,
            _ => continue,
        };
        let Some(id) = n.or(o).map(|r| r.id.clone()) else {
            continue;
        };
        d.requirements.push(RequirementChange {
            id,
            change,
            category: Edit {
                old: o.map(|r| r.category.label().to_string()),
                new: n.map(|r| r.category.label().to_string()),
            },
            text: Edit {
                old: o.map(|r| r.text.clone()),
                new: n.map(|r| r.text.clone()),
            },
        });
    }
}

fn facts(old: &[Assumption], new: &[Assumption], d: &mut SessionDiff) {
    let pairs = pair_by(old, new, |a| a.text.clone());
    // A fact only the newer side has, read at the same place as one only the older side has:
    // the fact's text changed there.
    let place = |a: &Assumption| a.source.as_ref().map(|s| (s.input.clone(), s.line));
    let old_only: Vec<&Assumption> = pairs
        .iter()
        .filter_map(|p| match p {
            (Some(o), None) => Some(*o),
            _ => None,
        })
        .collect();
    let mut taken: Vec<*const Assumption> = Vec::new();
    let mut partner: Vec<Option<&Assumption>> = vec![None; pairs.len()];
    for (i, (o, n)) in pairs.iter().enumerate() {
        if let (None, Some(n)) = (o, n) {
            let Some(at) = place(n) else { continue };
            let found = old_only.iter().copied().find(|o| {
                place(o).as_ref() == Some(&at) && !taken.contains(&std::ptr::from_ref(*o))
            });
            if let Some(o) = found {
                taken.push(std::ptr::from_ref(o));
                partner[i] = Some(o);
            }
        }
    }
    for (i, (o, n)) in pairs.into_iter().enumerate() {
        if let (Some(o), None) = (o, n)
            && taken.contains(&std::ptr::from_ref(o))
        {
            continue;
        }
        let o = o.or(partner[i]);
        if let (Some(o), Some(n)) = (o, n)
            && o.text == n.text
            && o.modality == n.modality
            && o.tags == n.tags
            && o.topic == n.topic
        {
            continue;
        }
        d.facts.push(fact(o, n));
    }
}

fn fact(o: Option<&Assumption>, n: Option<&Assumption>) -> FactChange {
    let change = match (o, n) {
        (None, _) => ItemKind::Added,
        (_, None) => ItemKind::Removed,
        _ => ItemKind::Changed,
    };
    let this = n.or(o);
    FactChange {
        topic: this.map(|a| format!("{:?}", a.topic)).unwrap_or_default(),
        source: this.and_then(|a| a.source.as_ref()).map(|s| s.short()),
        change,
        text: Edit {
            old: o.map(|a| a.text.clone()),
            new: n.map(|a| a.text.clone()),
        },
        modality: Edit {
            old: o.map(|a| a.modality.label().to_string()),
            new: n.map(|a| a.modality.label().to_string()),
        },
        tags: Edit {
            old: o.map(|a| a.tags.clone()),
            new: n.map(|a| a.tags.clone()),
        },
    }
}

fn conflicts(old: &Session, new: &Session, d: &mut SessionDiff) {
    for (o, n) in pair_by(&old.input_conflicts, &new.input_conflicts, |c| {
        c.key.clone()
    }) {
        let reason_old = o.and_then(|c| old.resolution(c)).map(|r| r.reason.clone());
        let reason_new = n.and_then(|c| new.resolution(c)).map(|r| r.reason.clone());
        let change = match (o, n) {
            (None, Some(_)) => ConflictKind::Found,
            (Some(_), None) => ConflictKind::Gone,
            (Some(_), Some(_)) => match (&reason_old, &reason_new) {
                (None, Some(_)) => ConflictKind::Resolved,
                (Some(_), None) => ConflictKind::Reopened,
                (Some(a), Some(b)) if a != b => ConflictKind::Reason,
                _ => continue,
            },
            (None, None) => continue,
        };
        let Some(c) = n.or(o) else { continue };
        d.conflicts.push(ConflictChange {
            key: Some(c.key.clone()),
            component: None,
            change,
            about: c.about.clone(),
            reason: Edit::of(reason_old, reason_new),
        });
    }
}
