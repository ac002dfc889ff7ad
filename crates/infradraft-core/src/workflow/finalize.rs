//! Finalizing a section: the person's statement that it is complete (elicitation menu item 8,
//! "Finalize this Section and Proceed", once its decisions are made). A finalized section shows
//! ✓ in the navigator, and `check --require-finalized` holds every section to it.
//!
//! Finalizing asks for a written section whose decisions are all made; it never changes the
//! section's text. Deciding again in a finalized section takes it back to decided, so that a
//! changed decision is looked at again before the section counts as complete.

use jiff::Timestamp;

use crate::model::{SectionStatus, Session};

/// Why a section cannot be finalized yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinalizeError {
    #[error("no section {0:?} in this document")]
    NoSection(String),
    #[error("“{0}” has no text yet: write it (or let a decision write it) before finalizing")]
    NotWritten(String),
    #[error("{} decision(s) in “{title}” still open: {}", open.len(), open.join(", "))]
    OpenDecisions { title: String, open: Vec<String> },
    #[error("“{0}” is finalized already")]
    AlreadyFinalized(String),
}

/// What stands between a section and being finalized, or `Ok` when it can be.
pub fn can_finalize(s: &Session, section_id: &str) -> Result<(), FinalizeError> {
    let section = s
        .section(section_id)
        .ok_or_else(|| FinalizeError::NoSection(section_id.to_string()))?;
    if section.status == SectionStatus::Finalized {
        return Err(FinalizeError::AlreadyFinalized(section.title.clone()));
    }
    if crate::workflow::document_shape::clean_body(&section.body)
        .trim()
        .is_empty()
    {
        return Err(FinalizeError::NotWritten(section.title.clone()));
    }
    let open: Vec<String> = s
        .decisions_in(section_id)
        .filter(|c| !c.is_decided())
        .map(|c| s.decision_label(c))
        .collect();
    if !open.is_empty() {
        return Err(FinalizeError::OpenDecisions {
            title: section.title.clone(),
            open,
        });
    }
    Ok(())
}

/// Marks a section finalized and records it in the history.
pub fn finalize_section(
    s: &mut Session,
    section_id: &str,
    now: Timestamp,
) -> Result<(), FinalizeError> {
    can_finalize(s, section_id)?;
    let decisions = s.decisions_in(section_id).count();
    let section = s
        .section_mut(section_id)
        .ok_or_else(|| FinalizeError::NoSection(section_id.to_string()))?;
    section.status = SectionStatus::Finalized;
    let title = section.title.clone();
    s.record(
        now,
        "finalized",
        match decisions {
            0 => title,
            n => format!("{title} ({n} decision(s) made)"),
        },
    );
    Ok(())
}

/// Takes a finalized section back to decided (its text and decisions stay as they are).
pub fn reopen_section(
    s: &mut Session,
    section_id: &str,
    now: Timestamp,
) -> Result<(), FinalizeError> {
    let section = s
        .section_mut(section_id)
        .ok_or_else(|| FinalizeError::NoSection(section_id.to_string()))?;
    if section.status != SectionStatus::Finalized {
        return Ok(());
    }
    section.status = SectionStatus::Decided;
    let title = section.title.clone();
    s.record(now, "reopened", title);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{Catalog, Template};
    use crate::workflow::{NewSession, new_session};

    fn t(n: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + n).unwrap()
    }

    fn drafted() -> Session {
        let template = Template::builtin().unwrap();
        let mut s = new_session(
            &template,
            NewSession {
                title: None,
                project: None,
                authors: vec![],
                mode: Some(crate::model::InteractionMode::Yolo),
                inputs: crate::sample::inputs(t(0)),
            },
            t(0),
        );
        crate::workflow::yolo::draft_all(&mut s, &template, &Catalog::builtin().unwrap(), t(1));
        s
    }

    #[test]
    fn a_section_is_finalized_only_when_written_and_decided() {
        let template = Template::builtin().unwrap();
        let mut s = drafted();
        let c = s.components[0].clone();
        let section = c.section_id().to_string();
        match finalize_section(&mut s, &section, t(2)) {
            Err(FinalizeError::OpenDecisions { open, .. }) => assert!(!open.is_empty()),
            other => panic!("{other:?}"),
        }
        assert_ne!(
            s.section(&section).unwrap().status,
            SectionStatus::Finalized
        );
        for id in s
            .decisions_in(&section)
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
        {
            use crate::analysis::crosscheck::{Verdict, check_option};
            let card = s.component(&id).unwrap().options[0].clone();
            let conflicts: Vec<String> =
                check_option(&card, &s.assumptions, &s.requirements, &s.inputs)
                    .into_iter()
                    .filter(|f| f.verdict == Verdict::Conflicting)
                    .map(|f| f.describe())
                    .collect();
            let acks = conflicts
                .iter()
                .map(|f| crate::model::ConflictAck {
                    finding: f.clone(),
                    reason: "accepted for the test".into(),
                })
                .collect();
            crate::workflow::design::decide(
                &mut s,
                &template,
                &id,
                &card.id,
                "It fits.",
                &conflicts,
                acks,
                t(3),
            )
            .unwrap();
        }
        let text_before = s.section(&section).unwrap().body.clone();
        finalize_section(&mut s, &section, t(4)).unwrap();
        let sec = s.section(&section).unwrap();
        assert_eq!(sec.status, SectionStatus::Finalized);
        assert_eq!(sec.body, text_before, "finalizing never touches the text");
        assert_eq!(s.history.last().unwrap().action, "finalized");
        assert!(matches!(
            finalize_section(&mut s, &section, t(5)),
            Err(FinalizeError::AlreadyFinalized(_))
        ));
        reopen_section(&mut s, &section, t(6)).unwrap();
        assert_eq!(s.section(&section).unwrap().status, SectionStatus::Decided);
        assert_eq!(s.history.last().unwrap().action, "reopened");
    }

    #[test]
    fn an_empty_section_cannot_be_finalized() {
        let mut s = drafted();
        let empty = s
            .sections
            .iter()
            .find(|x| s.decisions_in(&x.id).next().is_none())
            .map(|x| x.id.clone())
            .expect("the template has sections without decisions");
        s.section_mut(&empty).unwrap().body = "\n  \n".into();
        assert!(matches!(
            finalize_section(&mut s, &empty, t(2)),
            Err(FinalizeError::NotWritten(_))
        ));
    }
}
