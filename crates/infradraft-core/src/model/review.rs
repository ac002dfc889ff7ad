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
