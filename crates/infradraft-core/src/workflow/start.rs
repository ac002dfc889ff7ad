//! Starting a session: sections and component records from the template, inputs as snapshots.

use jiff::Timestamp;

use crate::knowledge::Template;
use crate::model::{ComponentDesign, InputDocument, InputKind, InteractionMode, Section, Session};

/// What a new session starts from.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The document title; derived from the project name when `None`.
    pub title: Option<String>,
    /// The product's name; taken from the PRD's first heading when `None`.
    pub project: Option<String>,
    pub authors: Vec<String>,
    /// `None` lets the workbench ask.
    pub mode: Option<InteractionMode>,
    pub inputs: Vec<InputDocument>,
}

/// Builds a new session: every template section (empty), one design record per component section
/// with the template's purpose, and the inputs.
pub fn new_session(template: &Template, spec: NewSession, now: Timestamp) -> Session {
    let project = spec
        .project
        .filter(|p| !p.trim().is_empty())
        .or_else(|| {
            spec.inputs
                .iter()
                .find(|i| i.kind == InputKind::Prd)
                .and_then(|prd| project_name_from(&prd.text))
        })
        .unwrap_or_else(|| "Untitled project".to_string());
    let title = spec
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("{project} — {}", template.title));
    let mut session = Session::empty(&title, &project, now);
    session.meta.template = template.id.clone();
    session.meta.authors = spec.authors;
    session.mode = spec.mode;
    session.inputs = spec.inputs;
    for t in &template.sections {
        session.sections.push(Section::new(&t.id, &t.title));
        for d in t.decisions() {
            session
                .components
                .push(ComponentDesign::in_section(d.id, &t.id, d.title, d.purpose));
        }
    }
    super::refresh_extraction(&mut session);
    let inputs: Vec<&str> = session.inputs.iter().map(|i| i.kind.label()).collect();
    let detail = if inputs.is_empty() {
        format!("from template {} without input documents", template.id)
    } else {
        format!("from template {} with {}", template.id, inputs.join(", "))
    };
    session.record(now, "created", detail);
    session
}

/// The product name in a PRD's first level-one heading: "# Ferrybook — Product Requirements
/// Document" gives "Ferrybook". `None` when the heading is only the document type.
pub fn project_name_from(prd: &str) -> Option<String> {
    // The first top-level heading, ATX (`# Title`) or setext (underlined with `=`).
    let heading = crate::inputs::extract::outline(prd)
        .into_iter()
        .find(|h| h.level == 1)?
        .text;
    let generic = |part: &str| {
        let lowered = part.trim().to_lowercase();
        lowered.is_empty()
            || [
                "product requirements",
                "prd",
                "requirements",
                "product brief",
            ]
            .iter()
            .any(|g| lowered.starts_with(g))
    };
    // "Ferrybook — Product Requirements Document", "PRD: Acme Ledger", "Tilth PRD".
    let from_heading = heading
        .split([':', '\u{2014}', '\u{2013}', '|'])
        .flat_map(|p| p.split(" - "))
        .map(str::trim)
        .find(|p| !generic(p));
    // A generic title names the project in a label line below it ("Project: Larkspur Scheduling").
    let name: String = match from_heading {
        Some(name) => name.to_string(),
        None => prd.lines().take(30).find_map(labelled_name)?,
    };
    let name = name.as_str();
    let name = [" product requirements document", " requirements", " prd"]
        .iter()
        .find_map(|suffix| {
            let cut = name.len().checked_sub(suffix.len())?;
            let tail = name.get(cut..)?;
            tail.eq_ignore_ascii_case(suffix)
                .then(|| name[..cut].trim())
        })
        .unwrap_or(name);
    (!name.is_empty()).then(|| crate::text::sanitize_line(name).into_owned())
}

/// The value of a `Project: …` (or `Product:`, `Project name:`, `System:`) line, up to a
/// parenthesis, comma or semicolon.
fn labelled_name(line: &str) -> Option<String> {
    let line = line
        .trim()
        .trim_start_matches(['-', '*', ' '])
        .replace("**", "");
    let (label, value) = line.split_once(':')?;
    let label = label.trim().to_lowercase();
    if ![
        "project",
        "project name",
        "product",
        "product name",
        "system",
    ]
    .contains(&label.as_str())
    {
        return None;
    }
    let value = value
        .split(['(', ',', '\u{b7}', ';'])
        .next()
        .unwrap_or("")
        .trim();
    (!value.is_empty() && value.chars().count() <= 80).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_from_prd_headings() {
        let p = project_name_from;
        assert_eq!(
            p("# Ferrybook — Product Requirements Document\n").as_deref(),
            Some("Ferrybook")
        );
        assert_eq!(
            p("intro\n# Acme Ledger: PRD").as_deref(),
            Some("Acme Ledger")
        );
        assert_eq!(p("# Acme Ledger - PRD").as_deref(), Some("Acme Ledger"));
        assert_eq!(p("# Product Requirements Document"), None);
        assert_eq!(p("no heading"), None);
        // Setext headings, and the name after a generic title or before "PRD".
        assert_eq!(
            p("Tilth Soil Sensors\n==================\n\nNotes from the kick-off.\n").as_deref(),
            Some("Tilth Soil Sensors")
        );
        assert_eq!(
            p("Product Requirements Document: Corrib Go\n=====\n").as_deref(),
            Some("Corrib Go")
        );
        assert_eq!(p("# Rotaboard PRD\n").as_deref(), Some("Rotaboard"));
        assert_eq!(p("# İİİ prd\n").as_deref(), Some("İİİ"));
        assert_eq!(
            p("Product Requirements Document\n===\n\nProject: Larkspur Scheduling\nSponsor: x\n")
                .as_deref(),
            Some("Larkspur Scheduling")
        );
        assert_eq!(
            p("# Product Requirements Document\n\n**Project:** Orchard Insights (analytics)\n")
                .as_deref(),
            Some("Orchard Insights")
        );
        // A level-two heading is no title; a heading inside code is no heading.
        assert_eq!(p("## Goals\n"), None);
        assert_eq!(p("```\n# not a title\n```\n"), None);
    }

    #[test]
    fn new_session_follows_the_template() {
        let template = Template::builtin().unwrap();
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let s = new_session(
            &template,
            NewSession {
                title: None,
                project: Some("Acme".into()),
                authors: vec!["Ada".into()],
                mode: Some(InteractionMode::Yolo),
                inputs: vec![],
            },
            now,
        );
        assert_eq!(s.meta.title, "Acme — Infrastructure Architecture");
        assert_eq!(s.sections.len(), template.sections.len());
        assert_eq!(s.components.len(), template.decisions().count());
        assert!(s.components.len() > template.components().count());
        assert_eq!(s.mode, Some(InteractionMode::Yolo));
        let compute = s.component("compute-resources").unwrap();
        let declared = template.decision("compute-resources").unwrap();
        assert_eq!(compute.purpose, declared.purpose);
        assert_eq!(s.decision_title(compute), "Application runtime");
        // A section's decisions keep the template's order, its primary one first.
        let data: Vec<&str> = s
            .decisions_in("data-resources")
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(
            data,
            [
                "data-resources",
                "data-cache",
                "data-messaging",
                "data-object-storage"
            ]
        );
        assert!(s.component("data-cache").unwrap().section_id() == "data-resources");
        assert!(!s.component("data-cache").unwrap().is_primary());
        assert_eq!(s.history.len(), 1);
        assert_eq!(s.history[0].action, "created");
    }
}
