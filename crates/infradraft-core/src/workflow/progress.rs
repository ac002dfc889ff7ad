//! How far a session has come, counted from its data.

use crate::model::{SectionStatus, Session};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The decisions the component sections hold, and how many of them are made.
    pub decisions: usize,
    pub decisions_made: usize,
    pub sections: usize,
    /// Sections with any content (drafted, decided or finalized).
    pub sections_drafted: usize,
    pub sections_decided: usize,
    pub sections_finalized: usize,
}

impl Progress {
    pub fn of(session: &Session) -> Progress {
        let count =
            |min: SectionStatus| session.sections.iter().filter(|s| s.status >= min).count();
        Progress {
            decisions: session.components.len(),
            decisions_made: session.components.iter().filter(|c| c.is_decided()).count(),
            sections: session.sections.len(),
            sections_drafted: count(SectionStatus::Drafted),
            sections_decided: session
                .sections
                .iter()
                .filter(|s| s.status == SectionStatus::Decided)
                .count(),
            sections_finalized: count(SectionStatus::Finalized),
        }
    }

    /// A one-line summary such as "3/25 decisions made, 5/19 sections drafted".
    pub fn summary(&self) -> String {
        format!(
            "{}/{} decisions made, {}/{} sections drafted",
            self.decisions_made, self.decisions, self.sections_drafted, self.sections
        )
    }
}
