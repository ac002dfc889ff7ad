//! The template's document sections as drafted in the session.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub enum SectionStatus {
    #[default]
    Empty,
    Drafted,
    Decided,
    Finalized,
}

impl SectionStatus {
    pub fn label(self) -> &'static str {
        match self {
            SectionStatus::Empty => "empty",
            SectionStatus::Drafted => "drafted",
            SectionStatus::Decided => "decided",
            SectionStatus::Finalized => "finalized",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The template section id (kebab-case), or an id made from the heading for imported sections.
    pub id: String,
    pub title: String,
    pub status: SectionStatus,
    /// True when the body holds text the person wrote or changed (see `generated`).
    pub hand_edited: bool,
    /// The section body in Markdown, without its own heading.
    pub body: String,
    /// What infradraft last wrote into the body, kept while the person's text differs from it:
    /// the common ancestor that lets the next generated change (a decision, a worksheet's
    /// results) merge with the person's edits instead of replacing them. `None` while the body
    /// is exactly what infradraft wrote, or nothing was written yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
}

impl Section {
    pub fn new(id: &str, title: &str) -> Section {
        Section {
            id: id.to_string(),
            title: title.to_string(),
            status: SectionStatus::Empty,
            hand_edited: false,
            body: String::new(),
            generated: None,
        }
    }

    /// The rule for a section that gets text: an empty one that now holds some becomes Drafted
    /// (a drafted, decided or finalized one keeps its status).
    pub fn note_written(&mut self) {
        if self.status == SectionStatus::Empty && !self.body.trim().is_empty() {
            self.status = SectionStatus::Drafted;
        }
    }
}
