//! The changes of the components: their decision records, option cards, recommendations and the
//! conflicts with the inputs accepted on their current decisions. A component that only one
//! session has is compared with an empty one, so its decision, options and recommendation are
//! reported as added (or removed).

use super::{
    ConflictChange, ConflictKind, DecisionChange, DecisionKind, Edit, ItemKind, OptionChange,
    OptionRef, OtherChange, RecommendationChange, SessionDiff, pair_by,
};
use crate::model::{AdrStatus, ComponentDesign, Decision, OptionCard, Session};

/// Where a component's changes belong.
struct Where {
    component: String,
    section: String,
    title: String,
}

pub(super) fn compare(old: &Session, new: &Session, d: &mut SessionDiff) {
    for (o, n) in pair_by(&old.components, &new.components, |c| c.id.clone()) {
        let (session, c) = match (o, n) {
            (_, Some(n)) => (new, n),
            (Some(o), None) => (old, o),
            (None, None) => continue,
        };
        let at = Where {
            component: c.id.clone(),
            section: c.section_id().to_string(),
            title: session.decision_label(c),
        };
        let empty = ComponentDesign::new(&c.id, "");
        let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
        records(o, n, &at, d);
        options(o, n, &at, d);
        recommendation(o, n, &at, d);
        acknowledged(o, n, &at, d);
        design_work(o, n, &at, d);
    }
}

/// The rest of a component's design work, each compared as a whole: its purpose, the feedback
/// recorded on it and its elicitation worksheets.
fn design_work(o: &ComponentDesign, n: &ComponentDesign, at: &Where, d: &mut SessionDiff) {
    use super::lines::count;
    if o.purpose != n.purpose && !(o.purpose.is_empty() && n.purpose.is_empty()) {
        d.other.push(OtherChange {
            what: "purpose".into(),
            detail: format!("{}: purpose changed", at.title),
        });
    }
    // A list compared as a whole: its name, the noun of its entries and their counts.
    let lists = [
        (
            "feedback",
            "note",
            o.feedback != n.feedback,
            o.feedback.len(),
            n.feedback.len(),
        ),
        (
            "worksheets",
            "worksheet",
            o.elicitations != n.elicitations,
            o.elicitations.len(),
            n.elicitations.len(),
        ),
    ];
    for (what, noun, changed, before, after) in lists {
        if changed {
            d.other.push(OtherChange {
                what: what.into(),
                detail: format!(
                    "{}: {what} changed ({} → {})",
                    at.title,
                    count(before, noun),
                    count(after, noun)
                ),
            });
        }
    }
}

fn label(status: AdrStatus) -> String {
    status.label().to_string()
}

fn chosen(c: &ComponentDesign, d: &Decision) -> OptionRef {
    option_ref(d.card(c, &d.option), &d.option)
}

fn option_ref(card: Option<&OptionCard>, id: &str) -> OptionRef {
    OptionRef {
        id: id.to_string(),
        name: card.map_or_else(|| id.to_string(), |o| o.name.clone()),
    }
}

fn adr_text(d: &Decision) -> Option<String> {
    d.adr.map(|a| a.to_string())
}

fn withdrawn_reason(d: &Decision) -> Option<String> {
    matches!(d.status, AdrStatus::Deprecated | AdrStatus::Rejected).then(|| d.status_reason.clone())
}

/// The decision records, paired by number.
fn records(oc: &ComponentDesign, nc: &ComponentDesign, at: &Where, d: &mut SessionDiff) {
    let old: Vec<&Decision> = oc.records().collect();
    let new: Vec<&Decision> = nc.records().collect();
    for (o, n) in pair_by(&old, &new, |r| r.adr) {
        let change = |change, record: &Decision| DecisionChange {
            component: at.component.clone(),
            section: at.section.clone(),
            title: at.title.clone(),
            adr: adr_text(record),
            change,
            status: None,
            option: None,
            justification: None,
            superseded_by: None,
            supersedes: None,
            reason: None,
        };
        match (o.copied(), n.copied()) {
            (None, Some(n)) => d.decisions.push(DecisionChange {
                status: Edit::of(None, Some(label(n.status))),
                option: Edit::of(None, Some(chosen(nc, n))),
                justification: Edit::of(None, Some(n.justification.clone())),
                superseded_by: n.superseded_by.map(|a| a.to_string()),
                supersedes: n.supersedes.map(|a| a.to_string()),
                reason: withdrawn_reason(n),
                ..change(DecisionKind::Added, n)
            }),
            (Some(o), None) => d.decisions.push(DecisionChange {
                status: Edit::of(Some(label(o.status)), None),
                option: Edit::of(Some(chosen(oc, o)), None),
                justification: Edit::of(Some(o.justification.clone()), None),
                ..change(DecisionKind::Removed, o)
            }),
            (Some(o), Some(n)) => {
                let option = (o.option != n.option)
                    .then(|| Edit::of(Some(chosen(oc, o)), Some(chosen(nc, n))))
                    .flatten();
                let justification =
                    Edit::of(Some(o.justification.clone()), Some(n.justification.clone()));
                let kind = if o.status != n.status {
                    match n.status {
                        AdrStatus::Superseded => DecisionKind::Superseded,
                        AdrStatus::Deprecated => DecisionKind::Deprecated,
                        AdrStatus::Rejected => DecisionKind::Rejected,
                        _ => DecisionKind::Status,
                    }
                } else if option.is_some() || justification.is_some() {
                    if n.amended_at.is_some() && o.amended_at != n.amended_at {
                        DecisionKind::Amended
                    } else {
                        DecisionKind::Changed
                    }
                } else {
                    if o.people != n.people {
                        d.other.push(OtherChange {
                            what: "people".into(),
                            detail: format!(
                                "{} ({}): decision-makers, consulted or informed changed",
                                adr_text(n).unwrap_or_else(|| "decision".into()),
                                at.title
                            ),
                        });
                    }
                    continue;
                };
                d.decisions.push(DecisionChange {
                    status: Edit::of(Some(label(o.status)), Some(label(n.status))),
                    option,
                    justification,
                    superseded_by: (n.superseded_by != o.superseded_by)
                        .then_some(n.superseded_by)
                        .flatten()
                        .map(|a| a.to_string()),
                    supersedes: None,
                    reason: (o.status != n.status)
                        .then(|| withdrawn_reason(n))
                        .flatten(),
                    ..change(kind, n)
                });
            }
            (None, None) => {}
        }
    }
}

/// The fields of an option card that differ.
fn card_fields(o: &OptionCard, n: &OptionCard) -> Vec<String> {
    let mut fields = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same {
            fields.push(name.to_string());
        }
    };
    check("name", o.name == n.name);
    check("summary", o.summary == n.summary);
    check("pros", o.pros == n.pros);
    check("cons", o.cons == n.cons);
    check("ratings", o.ratings == n.ratings);
    check("tags", o.tags == n.tags);
    check("conflicts_with", o.conflicts_with == n.conflicts_with);
    check("catalog_id", o.catalog_id == n.catalog_id);
    check("capabilities", o.capabilities == n.capabilities);
    check("answers", o.answers == n.answers);
    check("realised_on", o.realised_on == n.realised_on);
    fields
}

fn options(oc: &ComponentDesign, nc: &ComponentDesign, at: &Where, d: &mut SessionDiff) {
    for (o, n) in pair_by(&oc.options, &nc.options, |o| o.id.clone()) {
        let (change, card, fields) = match (o, n) {
            (None, Some(n)) => (ItemKind::Added, n, Vec::new()),
            (Some(o), None) => (ItemKind::Removed, o, Vec::new()),
            (Some(o), Some(n)) => {
                let fields = card_fields(o, n);
                if fields.is_empty() {
                    continue;
                }
                (ItemKind::Changed, n, fields)
            }
            (None, None) => continue,
        };
        d.options.push(OptionChange {
            component: at.component.clone(),
            section: at.section.clone(),
            title: at.title.clone(),
            option: option_ref(Some(card), &card.id),
            change,
            fields,
        });
    }
}

fn recommendation(oc: &ComponentDesign, nc: &ComponentDesign, at: &Where, d: &mut SessionDiff) {
    let side = |c: &ComponentDesign| {
        c.recommendation.as_ref().map(|r| {
            (
                option_ref(c.option(&r.option), &r.option),
                r.rationale.clone(),
            )
        })
    };
    let (o, n) = (side(oc), side(nc));
    let change = match (&o, &n) {
        (None, None) => return,
        (None, Some(_)) => ItemKind::Added,
        (Some(_), None) => ItemKind::Removed,
        (Some(a), Some(b)) if a.0.id == b.0.id && a.1 == b.1 => return,
        (Some(_), Some(_)) => ItemKind::Changed,
    };
    let (o_opt, o_why) = o.map_or((None, None), |(a, b)| (Some(a), Some(b)));
    let (n_opt, n_why) = n.map_or((None, None), |(a, b)| (Some(a), Some(b)));
    let option = if o_opt.as_ref().map(|r| &r.id) == n_opt.as_ref().map(|r| &r.id) {
        None
    } else {
        Edit::of(o_opt, n_opt)
    };
    d.recommendations.push(RecommendationChange {
        component: at.component.clone(),
        section: at.section.clone(),
        title: at.title.clone(),
        change,
        option,
        rationale: Edit::of(o_why, n_why),
    });
}

/// The conflicts with the inputs accepted on the current decisions, by finding.
fn acknowledged(oc: &ComponentDesign, nc: &ComponentDesign, at: &Where, d: &mut SessionDiff) {
    let acks = |c: &ComponentDesign| {
        c.decision
            .as_ref()
            .map(|d| d.acknowledged_conflicts.clone())
            .unwrap_or_default()
    };
    let (old, new) = (acks(oc), acks(nc));
    for (o, n) in pair_by(&old, &new, |a| a.finding.clone()) {
        let (change, about) = match (o, n) {
            (None, Some(n)) => (ConflictKind::Acknowledged, &n.finding),
            (Some(o), None) if nc.decision.is_some() => (ConflictKind::Withdrawn, &o.finding),
            (Some(o), Some(n)) if o.reason != n.reason => (ConflictKind::Reason, &n.finding),
            _ => continue,
        };
        d.conflicts.push(ConflictChange {
            key: None,
            component: Some(at.component.clone()),
            change,
            about: about.clone(),
            reason: Edit::of(o.map(|a| a.reason.clone()), n.map(|a| a.reason.clone())),
        });
    }
}
