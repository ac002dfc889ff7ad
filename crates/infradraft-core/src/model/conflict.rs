//! Conflicts between the inputs: two places of the documents that cannot both hold ("Terraform is
//! the only approved tool" and a CDK stack; an RPO of five minutes and a nightly export), found on
//! every reading of the inputs, and the person's resolutions of them, which are kept.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::SourceRef;

/// One of the two places of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictSide {
    /// The statement, as the document writes it (on one line, clipped).
    pub text: String,
    pub source: SourceRef,
}

/// Two places of the inputs that disagree: `rule` says how something must (or must not) be and
/// `found` describes it otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputConflict {
    /// Stable across readings while both statements keep their words (a hash of the kind and both
    /// texts), so that a resolution stays with its conflict when lines move.
    pub key: String,
    /// What kind of disagreement (`prohibited-in-use`, `rpo-vs-backups`, …).
    pub kind: String,
    /// One sentence saying what disagrees with what.
    pub about: String,
    pub rule: ConflictSide,
    pub found: ConflictSide,
    /// Other places that disagree with `rule` in the same way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<ConflictSide>,
    /// Other places that state the same rule and are contradicted by the same places.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rule_also: Vec<ConflictSide>,
}

impl InputConflict {
    /// Every place that disagrees with the rule: `found`, then `also`.
    pub fn places(&self) -> impl Iterator<Item = &ConflictSide> {
        std::iter::once(&self.found).chain(&self.also)
    }

    /// Every place that states the rule: `rule`, then `rule_also`.
    pub fn rules(&self) -> impl Iterator<Item = &ConflictSide> {
        std::iter::once(&self.rule).chain(&self.rule_also)
    }
}

/// The person's resolution of a conflict: why it is not (or no longer) a problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictResolution {
    /// The [`InputConflict::key`] it resolves.
    pub key: String,
    pub reason: String,
    pub at: Timestamp,
}
