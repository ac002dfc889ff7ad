//! Input documents added, reloaded and removed. After each, the requirements and facts are read
//! from the inputs again ([`crate::workflow::refresh_extraction`]): what came from a removed
//! document goes, what the person wrote or edited stays.

use std::path::Path;

use jiff::Timestamp;

use super::EditError;
use crate::model::{InputKind, Session};

/// The kind of input a file's name suggests (`prd.md`, `tech-stack.md`, `…guidelines…`,
/// `architecture.md`; anything else is "other").
pub fn kind_from_name(path: &str) -> InputKind {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.contains("prd") || name.contains("requirements") {
        InputKind::Prd
    } else if name.contains("tech-stack") || name.contains("techstack") || name.contains("stack") {
        InputKind::TechStack
    } else if name.contains("guideline") || name.contains("standards") {
        InputKind::InfrastructureGuidelines
    } else if name.contains("architecture") {
        InputKind::Architecture
    } else {
        InputKind::Other
    }
}

/// Reads the document at `path` (its kind from its name) and adds it; returns its label
/// ("PRD /abs/path/prd.md").
pub fn add(s: &mut Session, path: &str, now: Timestamp) -> Result<String, EditError> {
    let kind = kind_from_name(path);
    let doc = crate::inputs::read_input(Path::new(path), kind, now)
        .map_err(|e| EditError::Unreadable(e.to_string()))?;
    if s.inputs.iter().any(|i| i.path == doc.path) {
        return Err(EditError::AlreadyAnInput(doc.path));
    }
    let label = format!("{} {}", doc.kind.label(), doc.path);
    s.inputs.push(doc);
    s.record(now, "input-added", label.clone());
    crate::workflow::refresh_extraction(s);
    Ok(label)
}

/// Replaces input `i`'s snapshot with `text` (read from its file and confirmed by the person);
/// returns its path.
pub fn reload(
    s: &mut Session,
    i: usize,
    text: String,
    now: Timestamp,
) -> Result<String, EditError> {
    let doc = s.inputs.get_mut(i).ok_or_else(|| EditError::Missing {
        what: "input",
        at: format!("at {}", i + 1),
    })?;
    crate::inputs::refresh_snapshot(doc, text, now);
    let path = doc.path.clone();
    s.record(now, "input-reloaded", path.clone());
    crate::workflow::refresh_extraction(s);
    Ok(path)
}

/// Removes input `i`; returns its path.
pub fn remove(s: &mut Session, i: usize, now: Timestamp) -> Result<String, EditError> {
    if i >= s.inputs.len() {
        return Err(EditError::Missing {
            what: "input",
            at: format!("at {}", i + 1),
        });
    }
    let doc = s.inputs.remove(i);
    s.record(
        now,
        "input-removed",
        format!("{} {}", doc.kind.label(), doc.path),
    );
    crate::workflow::refresh_extraction(s);
    Ok(doc.path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RequirementOrigin;

    fn t() -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap()
    }

    #[test]
    fn kinds_follow_the_conventional_names() {
        assert_eq!(kind_from_name("docs/prd.md"), InputKind::Prd);
        assert_eq!(kind_from_name("docs/tech-stack.md"), InputKind::TechStack);
        assert_eq!(
            kind_from_name("Infra-Guidelines.md"),
            InputKind::InfrastructureGuidelines
        );
        assert_eq!(kind_from_name("architecture.md"), InputKind::Architecture);
        assert_eq!(kind_from_name("notes.md"), InputKind::Other);
    }

    #[test]
    fn a_removed_requirement_stays_removed_when_the_inputs_are_read_again_until_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let prd = dir.path().join("prd.md");
        let text = |ms: u32| {
            format!(
                "# PRD\n\n## Non-Functional Requirements\n\n- NFR1: The API must answer within {ms} ms at p95.\n- NFR2: Backups must be kept for 35 days.\n"
            )
        };
        std::fs::write(&prd, text(200)).unwrap();
        let mut s = Session::empty("T", "P", t());
        add(&mut s, prd.to_str().unwrap(), t()).unwrap();
        let at = |s: &Session, id: &str| s.requirements.iter().position(|r| r.id == id);
        let nfr1 = at(&s, "NFR1").expect("extracted");
        super::super::requirements::remove(&mut s, nfr1, t()).unwrap();
        // The same text read again: the person's removal holds.
        reload(&mut s, 0, text(200), t()).unwrap();
        assert_eq!(at(&s, "NFR1"), None, "{:?}", s.requirements);
        assert!(at(&s, "NFR2").is_some());
        // The PRD now asks something else under that id: a new requirement, shown again.
        reload(&mut s, 0, text(150), t()).unwrap();
        let back = at(&s, "NFR1").expect("a changed requirement comes back");
        assert!(s.requirements[back].text.contains("150 ms"));
        // A session with nothing removed writes no trace of the list.
        let mut fresh = Session::empty("T", "P", t());
        add(&mut fresh, prd.to_str().unwrap(), t()).unwrap();
        let ron = crate::files::to_ron(&fresh).unwrap();
        assert!(!ron.contains("removed_requirements"));
        assert!(
            crate::files::to_ron(&s)
                .unwrap()
                .contains("removed_requirements")
        );
    }

    #[test]
    fn removing_an_input_takes_its_requirements_and_keeps_the_persons() {
        let dir = tempfile::tempdir().unwrap();
        let prd = dir.path().join("prd.md");
        std::fs::write(
            &prd,
            "# PRD\n\n## Non-Functional Requirements\n\n- NFR1: The API must answer within 200 ms at p95.\n",
        )
        .unwrap();
        let mut s = Session::empty("T", "P", t());
        let label = add(&mut s, prd.to_str().unwrap(), t()).unwrap();
        assert!(label.starts_with("PRD "), "{label}");
        assert!(
            s.requirements.iter().any(|r| r.text.contains("200 ms")),
            "{:?}",
            s.requirements
        );
        assert_eq!(
            add(&mut s, prd.to_str().unwrap(), t()),
            Err(EditError::AlreadyAnInput(s.inputs[0].path.clone()))
        );
        super::super::requirements::add(&mut s, "Keep audit logs for a year", t()).unwrap();
        remove(&mut s, 0, t()).unwrap();
        assert!(s.inputs.is_empty());
        assert_eq!(s.requirements.len(), 1);
        assert_eq!(s.requirements[0].origin, RequirementOrigin::Manual);
        let actions: Vec<_> = s.history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(
            actions,
            ["input-added", "requirement-added", "input-removed"]
        );
        assert!(matches!(
            add(&mut s, dir.path().join("absent.md").to_str().unwrap(), t()),
            Err(EditError::Unreadable(m)) if m.contains("absent.md")
        ));
    }
}
