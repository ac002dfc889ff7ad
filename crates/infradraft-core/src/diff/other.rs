//! The parts of a session compared only as a whole, one [`OtherChange`] each: the title, the
//! project, the authors, the mode, the inputs (by path and content), the regimes in scope, the
//! diagrams, the technical stories (with their refinements) and the review comments.

use super::{OtherChange, SessionDiff};
use crate::model::Session;

pub(super) fn compare(old: &Session, new: &Session, d: &mut SessionDiff) {
    let mut push = |what: &str, detail: String| {
        d.other.push(OtherChange {
            what: what.to_string(),
            detail,
        })
    };
    if old.meta.title != new.meta.title {
        push(
            "title",
            format!("title: {:?} → {:?}", old.meta.title, new.meta.title),
        );
    }
    if old.meta.project != new.meta.project {
        push(
            "project",
            format!("project: {:?} → {:?}", old.meta.project, new.meta.project),
        );
    }
    if old.meta.authors != new.meta.authors {
        push(
            "authors",
            format!(
                "authors: {} → {}",
                list(&old.meta.authors),
                list(&new.meta.authors)
            ),
        );
    }
    if old.mode != new.mode {
        let mode = |s: &Session| s.mode.map_or("not chosen", |m| m.label());
        push("mode", format!("mode: {} → {}", mode(old), mode(new)));
    }
    let inputs = |s: &Session| {
        s.inputs
            .iter()
            .map(|i| (i.path.clone(), i.sha256.clone()))
            .collect::<Vec<_>>()
    };
    if inputs(old) != inputs(new) {
        push(
            "inputs",
            format!(
                "inputs: {} → {} documents, or their contents, changed",
                old.inputs.len(),
                new.inputs.len()
            ),
        );
    }
    if old.regimes != new.regimes {
        push(
            "regimes",
            format!(
                "regimes in scope: {} → {}",
                list(&old.regimes),
                list(&new.regimes)
            ),
        );
    }
    let counted = [
        (
            "diagrams",
            old.diagrams != new.diagrams,
            old.diagrams.len(),
            new.diagrams.len(),
        ),
        (
            "stories",
            old.stories != new.stories || old.refinements != new.refinements,
            old.stories.len(),
            new.stories.len(),
        ),
        (
            "review_comments",
            old.review_comments != new.review_comments,
            old.review_comments.len(),
            new.review_comments.len(),
        ),
    ];
    for (what, changed, before, after) in counted {
        if changed {
            let name = what.replace('_', " ");
            push(what, format!("{name} changed ({before} → {after})"));
        }
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}
