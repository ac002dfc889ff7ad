//! After an import: the text of each imported decision written into its section, as deciding
//! in the workbench writes it (what was chosen and why, the options considered, the
//! consequences), merged with what the person wrote there. Nothing the person wrote is replaced:
//! a section where the decision's text would take the place of their words is left as it is,
//! and said, for the workbench to merge when the decision is taken up there.

use super::AdrImport;
use crate::knowledge::Template;
use crate::model::{SectionStatus, Session};
use crate::workflow::generated_text::{current_base, decision_body, decision_part};
use crate::workflow::section_text::{BodyChange, write_decision};

/// What became of the imported decisions' texts, by section id (each named once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionTexts {
    /// Sections whose text now holds their imported decisions (the person's text kept).
    pub written: Vec<String>,
    /// Sections left as they were because the decision's text would replace the person's.
    pub left: Vec<String>,
}

/// Writes the text of every decision `report` imported as accepted into its section.
pub fn write_section_texts(
    s: &mut Session,
    template: &Template,
    report: &AdrImport,
) -> SectionTexts {
    let mut out = SectionTexts::default();
    let mut ids: Vec<&str> = Vec::new();
    for i in &report.imported {
        if !ids.contains(&i.component.as_str()) {
            ids.push(&i.component);
        }
    }
    for id in ids {
        let Some(c) = s.component(id).filter(|c| c.decision.is_some()) else {
            continue;
        };
        let section = c.section_id().to_string();
        let tsec = template.section(&section);
        let text = if c.is_primary() {
            decision_body(s, tsec, c)
        } else {
            decision_part(s, tsec, s.decision_title(c), c)
        };
        let base = current_base(s, tsec, &section);
        // A text the decision has there already (imported before, or decided here) stays.
        let change = write_decision(s, id, &base, text, true);
        let list = match change {
            Some(BodyChange::Written { .. }) => &mut out.written,
            Some(BodyChange::NeedsChoice(_)) => &mut out.left,
            Some(BodyChange::Unchanged) | None => continue,
        };
        if !list.contains(&section) {
            list.push(section.clone());
        }
        let all_decided = s.decisions_in(&section).all(|c| c.is_decided());
        if let Some(sec) = s.section_mut(&section) {
            if all_decided && sec.status < SectionStatus::Decided {
                sec.status = SectionStatus::Decided;
            } else {
                sec.note_written();
            }
        }
    }
    out
}
