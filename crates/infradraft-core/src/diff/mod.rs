//! What changed in meaning between two versions of a session: [`diff`] compares an older
//! session with a newer one and returns a [`SessionDiff`], one list per kind of change.
//!
//! What is compared, and by which key:
//!
//! - **Decisions** ([`DecisionChange`]), per component and by decision record number
//!   (`ADR-0007`): a record added or removed, its chosen option or justification changed (in
//!   place, or `amended`), superseded (naming the record that replaced it), deprecated or
//!   rejected (with the reason), or any other change of status. A current decision without a
//!   number (a file written by hand) is compared with the other side's unnumbered one.
//! - **Options** ([`OptionChange`]): option cards added, removed or changed, per component, by
//!   option id.
//! - **Recommendations** ([`RecommendationChange`]): per component, the recommended option or
//!   its rationale.
//! - **Requirements** ([`RequirementChange`]), by requirement id: added, removed, or their text
//!   or category changed.
//! - **Facts** ([`FactChange`]), the assumptions decisions are checked against: by text; a fact
//!   whose text changed at the same place of the same input is `changed`, else it is one removed
//!   and one added.
//! - **Conflicts** ([`ConflictChange`]): conflicts between the inputs found, gone, resolved,
//!   reopened or given another reason (by conflict key); conflicts with the inputs acknowledged
//!   or withdrawn on a component's current decision (by finding).
//! - **Sections** ([`SectionChange`]), by section id: added, removed, retitled, a status change,
//!   or the text changed, with a word diff ([`words`]).
//! - **Checklist** ([`ChecklistChange`]), by item id: marks added, removed, or their mark or
//!   note changed.
//! - **Other** ([`OtherChange`]): the parts compared only as a whole (title, authors, mode,
//!   inputs, regimes, diagrams, stories, review comments, a decision's people, and a
//!   component's purpose, feedback and worksheets), one entry each.
//!
//! Not compared: where the person was (`place`), the activity history, the `updated` stamp, the
//! order of lists whose items have keys, and the step a component's design is at. Two sessions
//! whose diff is empty hold the same work.
//!
//! Every list is in document order: the newer session's order, with what only the older one has
//! after it. The function is pure and deterministic (a word diff that reaches its deadline on
//! pathological input is coarser, never wrong; see [`words`]).

mod components;
mod inputs;
pub mod lines;
mod other;
mod sections;
pub mod words;

use serde::{Deserialize, Serialize};

use crate::model::Session;

pub use words::{Granularity, Op, Piece, TextDiff, diff_text};

/// A value before and after a change; `None` where the value did not exist on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit<T> {
    pub old: Option<T>,
    pub new: Option<T>,
}

impl<T: PartialEq> Edit<T> {
    /// `Some` when the two differ.
    pub fn of(old: Option<T>, new: Option<T>) -> Option<Edit<T>> {
        (old != new).then_some(Edit { old, new })
    }
}

/// An option as a change names it: its id and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionRef {
    pub id: String,
    pub name: String,
}

/// What happened to a decision record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// A record that the older session does not have (a decision made, or a record added).
    Added,
    /// A record that the newer session does not have.
    Removed,
    /// Its option or justification changed, without an amendment date.
    Changed,
    /// Its option or justification changed and it was marked amended.
    Amended,
    Superseded,
    Deprecated,
    Rejected,
    /// Any other change of status.
    Status,
}

/// A change of one decision record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionChange {
    /// The component (decision) id.
    pub component: String,
    /// Its section's id.
    pub section: String,
    /// How the decision is named (`Data Resources · Cache`), on the newer side that has it.
    pub title: String,
    /// The record's number (`ADR-0007`); `None` for a decision written without one.
    pub adr: Option<String>,
    pub change: DecisionKind,
    /// The status before and after (`accepted`, `superseded`, …); `None` when unchanged.
    pub status: Option<Edit<String>>,
    /// The chosen option before and after; `None` when unchanged.
    pub option: Option<Edit<OptionRef>>,
    /// The justification before and after; `None` when unchanged.
    pub justification: Option<Edit<String>>,
    /// The record that replaced it (superseded).
    pub superseded_by: Option<String>,
    /// The record it replaced (an added record that supersedes another).
    pub supersedes: Option<String>,
    /// Why it was deprecated or rejected.
    pub reason: Option<String>,
}

/// Added, removed or changed: the kind of change of an item with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Added,
    Removed,
    Changed,
}

/// An option card added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionChange {
    /// The component (decision) id.
    pub component: String,
    /// Its section's id.
    pub section: String,
    /// How the decision is named (`Data Resources · Cache`), on the newer side that has it.
    pub title: String,
    pub option: OptionRef,
    pub change: ItemKind,
    /// For a changed card, the fields that differ (`name`, `summary`, `pros`, `cons`,
    /// `ratings`, `tags`, `conflicts_with`, `capabilities`, `realised_on`, …); empty otherwise.
    pub fields: Vec<String>,
}

/// A component's recommendation given, withdrawn or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationChange {
    /// The component (decision) id.
    pub component: String,
    /// Its section's id.
    pub section: String,
    /// How the decision is named (`Data Resources · Cache`), on the newer side that has it.
    pub title: String,
    pub change: ItemKind,
    /// The recommended option before and after; `None` when unchanged.
    pub option: Option<Edit<OptionRef>>,
    /// The rationale before and after; `None` when unchanged.
    pub rationale: Option<Edit<String>>,
}

/// A requirement added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementChange {
    pub id: String,
    pub change: ItemKind,
    /// Its category (`reliability`) before and after; equal on both sides when unchanged.
    pub category: Edit<String>,
    /// Its text before and after.
    pub text: Edit<String>,
}

/// A fact (assumption) added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactChange {
    /// Its topic (`InfrastructureAsCode`), as in the session file, on the newer side that has it.
    pub topic: String,
    /// Where it was read (`prd.md:73`), on the newer side that has it; `None` when written by hand.
    pub source: Option<String>,
    pub change: ItemKind,
    pub text: Edit<String>,
    /// Its force (`mandate`, `prohibition`, `preference`, `statement`) before and after.
    pub modality: Edit<String>,
    /// Its tags before and after.
    pub tags: Edit<Vec<String>>,
}

/// What happened to a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A conflict between the inputs that the older session does not have.
    Found,
    /// A conflict between the inputs that the inputs no longer have.
    Gone,
    /// Open before, resolved now.
    Resolved,
    /// Resolved before, open now.
    Reopened,
    /// Resolved on both sides, for another reason.
    Reason,
    /// A conflict with the inputs accepted on a component's current decision.
    Acknowledged,
    /// An accepted conflict no longer on the component's current decision.
    Withdrawn,
}

/// A change of a conflict between the inputs, or of a conflict with the inputs accepted on a
/// decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictChange {
    /// The conflict's key between the inputs; `None` for one accepted on a decision.
    pub key: Option<String>,
    /// The component whose decision accepted it; `None` for a conflict between the inputs.
    pub component: Option<String>,
    pub change: ConflictKind,
    /// What disagrees with what (between the inputs), or the finding (on a decision).
    pub about: String,
    /// The reason of the resolution or acceptance before and after; `None` when unchanged.
    pub reason: Option<Edit<String>>,
}

/// A section added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionChange {
    pub section: String,
    /// Its title, on the newer side that has it.
    pub title: String,
    pub change: ItemKind,
    /// The title before and after; `None` when unchanged.
    pub retitled: Option<Edit<String>>,
    /// The status (`empty`, `drafted`, `decided`, `finalized`) before and after; `None` when
    /// unchanged.
    pub status: Option<Edit<String>>,
    /// The word diff of its text; `None` when the text did not change.
    pub text: Option<TextDiff>,
}

/// A checklist mark added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistChange {
    pub item: String,
    pub change: ItemKind,
    /// The mark (`pass`, `partial`, `fail`, `n/a`) before and after.
    pub mark: Edit<String>,
    /// The note before and after; `None` when unchanged.
    pub note: Option<Edit<String>>,
}

/// A part of the session compared only as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherChange {
    /// `title`, `project`, `authors`, `mode`, `inputs`, `regimes`, `diagrams`, `stories`,
    /// `review_comments`, `people` (of a decision record), or `purpose`, `feedback` or
    /// `worksheets` (of a component).
    pub what: String,
    /// One line saying what changed.
    pub detail: String,
}

/// Every change in meaning from an older session to a newer one, one list per kind.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDiff {
    pub decisions: Vec<DecisionChange>,
    pub options: Vec<OptionChange>,
    pub recommendations: Vec<RecommendationChange>,
    pub requirements: Vec<RequirementChange>,
    pub facts: Vec<FactChange>,
    pub conflicts: Vec<ConflictChange>,
    pub sections: Vec<SectionChange>,
    pub checklist: Vec<ChecklistChange>,
    pub other: Vec<OtherChange>,
}

impl SessionDiff {
    /// Whether nothing changed in meaning.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many changes there are, over all lists.
    pub fn len(&self) -> usize {
        self.decisions.len()
            + self.options.len()
            + self.recommendations.len()
            + self.requirements.len()
            + self.facts.len()
            + self.conflicts.len()
            + self.sections.len()
            + self.checklist.len()
            + self.other.len()
    }
}

/// What changed in meaning from `old` to `new` (see the module's documentation).
pub fn diff(old: &Session, new: &Session) -> SessionDiff {
    let mut d = SessionDiff::default();
    components::compare(old, new, &mut d);
    inputs::compare(old, new, &mut d);
    sections::compare(old, new, &mut d);
    other::compare(old, new, &mut d);
    d
}

/// Pairs the items of `old` and `new` by key, in the newer list's order followed by what only
/// the older one has: `(old, new)` with `None` on the side that lacks it. The first of two items
/// with the same key is the one paired.
pub(crate) fn pair_by<'a, T, K: Eq + std::hash::Hash>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    use std::collections::{HashMap, HashSet};
    let mut old_by: HashMap<K, &T> = HashMap::with_capacity(old.len());
    for o in old {
        old_by.entry(key(o)).or_insert(o);
    }
    let mut seen: HashSet<K> = HashSet::with_capacity(new.len());
    let mut out = Vec::new();
    for n in new {
        let k = key(n);
        if seen.contains(&k) {
            continue;
        }
        out.push((old_by.get(&k).copied(), Some(n)));
        seen.insert(k);
    }
    for o in old {
        let k = key(o);
        if !seen.contains(&k) {
            out.push((Some(o), None));
            seen.insert(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Assumption, AssumptionTopic, Modality, Section, SourceRef};

    fn session() -> Session {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let mut s = Session::empty("T", "P", now);
        s.sections.push(Section::new("overview", "Overview"));
        s
    }

    fn fact(text: &str, line: u32) -> Assumption {
        Assumption {
            topic: AssumptionTopic::CloudProvider,
            text: text.into(),
            tags: vec![],
            source: Some(SourceRef {
                input: "docs/prd.md".into(),
                line,
            }),
            modality: Modality::Statement,
            incidental: false,
        }
    }

    #[test]
    fn pairs_keep_the_newer_order_then_what_only_the_older_has() {
        let old = ["a", "b", "c"];
        let new = ["c", "d", "a"];
        let pairs: Vec<(Option<&&str>, Option<&&str>)> = pair_by(&old, &new, |x| *x);
        let keys: Vec<(Option<&str>, Option<&str>)> = pairs
            .into_iter()
            .map(|(o, n)| (o.copied(), n.copied()))
            .collect();
        assert_eq!(
            keys,
            [
                (Some("c"), Some("c")),
                (None, Some("d")),
                (Some("a"), Some("a")),
                (Some("b"), None)
            ]
        );
    }

    #[test]
    fn a_fact_rewritten_in_place_is_changed_and_others_are_added_or_removed() {
        let mut old = session();
        old.assumptions = vec![fact("AWS only", 3), fact("Kafka", 9)];
        let mut new = old.clone();
        new.assumptions = vec![fact("AWS and GCP", 3), fact("Postgres", 12)];
        let d = diff(&old, &new);
        let kinds: Vec<(ItemKind, Option<&str>, Option<&str>)> = d
            .facts
            .iter()
            .map(|f| (f.change, f.text.old.as_deref(), f.text.new.as_deref()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ItemKind::Changed, Some("AWS only"), Some("AWS and GCP")),
                (ItemKind::Added, None, Some("Postgres")),
                (ItemKind::Removed, Some("Kafka"), None),
            ]
        );
        assert_eq!(d.len(), 3);
    }

    #[test]
    fn where_the_person_was_and_the_history_are_not_changes() {
        let old = session();
        let mut new = old.clone();
        new.place.cursor = (4, 2);
        new.record(
            jiff::Timestamp::from_second(1_800_000_100).unwrap(),
            "x",
            "y",
        );
        assert!(diff(&old, &new).is_empty());
        new.sections[0].body = "text".into();
        new.mode = Some(crate::model::InteractionMode::Yolo);
        let d = diff(&old, &new);
        assert_eq!(d.sections.len(), 1);
        assert_eq!(d.other[0].what, "mode");
    }

    #[test]
    fn a_components_feedback_and_worksheets_are_changes_and_each_has_its_line() {
        let mut old = session();
        old.components
            .push(crate::model::ComponentDesign::in_section(
                "compute",
                "overview",
                "Compute",
                "Where the services run",
            ));
        let mut new = old.clone();
        new.components[0].feedback.push(crate::model::FeedbackNote {
            at: jiff::Timestamp::from_second(1_800_000_100).unwrap(),
            feedback: "Cheaper, please".into(),
            revision: String::new(),
        });
        new.components[0].purpose = "Where the services run, and how they scale".into();
        new.sections[0].body = "one two\n".into();
        let d = diff(&old, &new);
        let whats: Vec<&str> = d.other.iter().map(|o| o.what.as_str()).collect();
        assert_eq!(whats, ["purpose", "feedback"]);
        let lines = lines::summary(&d);
        assert_eq!(
            lines,
            [
                (
                    "Sections",
                    "Overview (overview): text changed, +2 −0 words".to_string()
                ),
                ("Other", "Overview · Compute: purpose changed".to_string()),
                (
                    "Other",
                    "Overview · Compute: feedback changed (0 notes → 1 note)".to_string()
                ),
            ]
        );
    }
}
