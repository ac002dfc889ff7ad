//! The person's changes to a session that are not design steps (those are in
//! [`crate::workflow::design`]): input documents, requirements and regimes, checklist marks,
//! diagrams and stories, and the record of an export. Every operation here validates what it is
//! given, changes the session, records the change in its history, and returns what it did or a
//! typed [`EditError`]; none reads a terminal or a file other than the one it is asked to read.
//!
//! The workbench calls them through one gate that refuses them in read-only mode and refreshes
//! what is worked out from the session once per change; the command line can call them alike.

pub mod checklist;
pub mod diagrams;
pub mod inputs;
pub mod requirements;
pub mod stories;

use thiserror::Error;

use crate::model::Session;

/// Why a change was not made. The text is what the person is told.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    /// The item the change is for is not in the session (any more).
    #[error("there is no {what} {at}")]
    Missing { what: &'static str, at: String },
    /// A text the change needs is empty.
    #[error("{0}")]
    Empty(&'static str),
    #[error("{0} is already an input")]
    AlreadyAnInput(String),
    /// An input document could not be read (the reason names the file).
    #[error("{0}")]
    Unreadable(String),
    #[error("mark the item first, then add a note")]
    NotMarked,
    #[error("nothing to draft yet: stories come from decisions made")]
    NothingToDraft,
    /// An edited story's text is not one story (the reason says how).
    #[error("{0}")]
    NotOneStory(String),
}

/// Whether an operation's result means the session changed: the gate that calls operations
/// refreshes what is worked out from the session, and marks it unsaved, only then.
pub trait Changed {
    fn changed(&self) -> bool;
}

impl Changed for () {
    fn changed(&self) -> bool {
        true
    }
}

impl Changed for bool {
    fn changed(&self) -> bool {
        *self
    }
}

impl Changed for usize {
    /// The index of what the operation made, or how many it made: it changed the session (an
    /// operation that may change nothing returns an `Option`).
    fn changed(&self) -> bool {
        true
    }
}

impl<T> Changed for Option<T> {
    /// `Some(what changed)`, or `None` when nothing did.
    fn changed(&self) -> bool {
        self.is_some()
    }
}

impl<T: Changed, E> Changed for Result<T, E> {
    /// For a caller that handles the error itself: changed when it succeeded and changed.
    fn changed(&self) -> bool {
        self.as_ref().is_ok_and(Changed::changed)
    }
}

impl Changed for crate::workflow::section_text::BodyChange {
    /// A decision or worksheet result written, merged or waiting for the person's choice: the
    /// operation that returns one has changed the session either way.
    fn changed(&self) -> bool {
        true
    }
}

/// Withdrawing a decision always changes the session (its record moves to the earlier ones).
impl Changed for crate::workflow::design::Withdrawn {
    fn changed(&self) -> bool {
        true
    }
}

impl Changed for crate::review::MergeReport {
    fn changed(&self) -> bool {
        self.added + self.updated > 0
    }
}

impl Changed for String {
    /// A description of what changed.
    fn changed(&self) -> bool {
        true
    }
}

/// Replaces section `i`'s text with what the person wrote (in their own editor, say): the text
/// infradraft wrote stays the base the next generated change merges with, and an empty section
/// becomes Drafted ([`crate::workflow::section_text::person_edited`]).
pub fn section_body(s: &mut Session, i: usize, body: String) -> Result<(), EditError> {
    let section = s.sections.get_mut(i).ok_or_else(|| EditError::Missing {
        what: "section",
        at: format!("at {}", i + 1),
    })?;
    crate::workflow::section_text::person_edited(section, body);
    Ok(())
}

/// Records that the document was written to `path` (the change log lists exports).
pub fn record_export(s: &mut Session, path: &str, now: jiff::Timestamp) {
    s.record(now, "exported", path);
}
