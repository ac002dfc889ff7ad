//! Checklist marks and review comments.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    Pass,
    Partial,
    Fail,
    NotApplicable,
}

/// The review result of one checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistMark {
    /// The checklist item id.
    pub item: String,
    pub mark: Mark,
    pub note: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentTarget {
    Section(String),
    /// An option card: (component id, option id).
    Option(String, String),
    /// The decision of a component.
    Decision(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Note,
    Minor,
    Major,
    Critical,
}

impl Severity {
    /// `note`, `minor`, `major`, `critical`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }

    /// The next more severe one; `Critical` wraps to `Note`.
    pub fn next(self) -> Severity {
        match self {
            Severity::Note => Severity::Minor,
            Severity::Minor => Severity::Major,
            Severity::Major => Severity::Critical,
            Severity::Critical => Severity::Note,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewComment {
    pub id: String,
    pub target: CommentTarget,
    pub author: String,
    pub at: Timestamp,
    pub severity: Severity,
    pub text: String,
    /// When the comment was resolved; `None` while it is open.
    pub resolved_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_cycle_upwards_and_wrap() {
        let mut s = Severity::Note;
        let mut labels = Vec::new();
        for _ in 0..4 {
            labels.push(s.label());
            s = s.next();
        }
        assert_eq!(labels, ["note", "minor", "major", "critical"]);
        assert_eq!(s, Severity::Note);
    }
}
