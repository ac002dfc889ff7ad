//! The document template: which sections the document has, in which order, and which of them are
//! designed as components.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::store::{StoreError, from_ron};

const BUILTIN: &str = include_str!("../../assets/template.ron");

/// The file name of a team's own template in the config directory.
pub const TEAM_FILE: &str = "template.ron";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub sections: Vec<TemplateSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateSection {
    pub id: String,
    pub title: String,
    /// Designed through options, a recommendation and a decision.
    pub component: bool,
    /// What this part of the infrastructure provides and why it matters.
    pub purpose: String,
    /// The sub-headings a finished section body covers, in order.
    pub outline: Vec<String>,
    /// The questions the section must answer.
    pub guidance: Vec<String>,
    /// A Markdown skeleton of the body.
    pub starter: String,
    /// The decisions a component section holds, each designed a → f on its own (the data section:
    /// primary database, cache, messaging, object storage). Empty means one decision with the
    /// section's own id, title and purpose. The decision whose id is the section's id is the
    /// section's primary one: its text leads the section body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<TemplateDecision>,
}

/// One decision of a component section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateDecision {
    /// Kebab-case, unique in the template; the catalog files name it as their `component`.
    pub id: String,
    pub title: String,
    /// What the decision settles and why it matters.
    pub purpose: String,
}

/// A decision as a section holds it: declared, or the section itself when it declares none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecisionSpec<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub purpose: &'a str,
    pub section: &'a TemplateSection,
}

impl TemplateSection {
    /// The decisions this section holds, in order: none unless it is a component section.
    pub fn decisions(&self) -> Vec<DecisionSpec<'_>> {
        if !self.component {
            return Vec::new();
        }
        if self.decisions.is_empty() {
            return vec![DecisionSpec {
                id: &self.id,
                title: &self.title,
                purpose: &self.purpose,
                section: self,
            }];
        }
        self.decisions
            .iter()
            .map(|d| DecisionSpec {
                id: &d.id,
                title: &d.title,
                purpose: &d.purpose,
                section: self,
            })
            .collect()
    }
}

#[derive(Debug, Error)]
pub enum TemplateError {
    #[error(transparent)]
    Parse(#[from] StoreError),
    #[error("{origin}: {problem}")]
    Invalid { origin: String, problem: String },
}

impl Template {
    /// The template compiled into the binary.
    pub fn builtin() -> Result<Template, TemplateError> {
        Template::parse(Path::new("assets/template.ron"), BUILTIN)
    }

    /// Parses and validates a template text; `origin` names it in errors.
    pub fn parse(origin: &Path, text: &str) -> Result<Template, TemplateError> {
        let template: Template = from_ron(origin, text)?;
        template
            .validate()
            .map_err(|problem| TemplateError::Invalid {
                origin: origin.display().to_string(),
                problem,
            })?;
        Ok(template)
    }

    fn validate(&self) -> Result<(), String> {
        if self.sections.is_empty() {
            return Err("the template has no sections".into());
        }
        let mut seen = HashSet::new();
        for section in &self.sections {
            if section.id.is_empty()
                || !section
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(format!(
                    "section id {:?} is not kebab-case (a-z, 0-9, -)",
                    section.id
                ));
            }
            if !seen.insert(section.id.as_str()) {
                return Err(format!("section id {:?} appears twice", section.id));
            }
            if section.title.trim().is_empty() {
                return Err(format!("section {:?} has no title", section.id));
            }
            if !section.component && !section.decisions.is_empty() {
                return Err(format!(
                    "section {:?} declares decisions but is not a component section",
                    section.id
                ));
            }
        }
        let mut decisions = HashSet::new();
        for section in &self.sections {
            for d in &section.decisions {
                if !crate::model::is_slug(&d.id) {
                    return Err(format!(
                        "decision id {:?} in section {:?} is not kebab-case (a-z, 0-9, -)",
                        d.id, section.id
                    ));
                }
                if d.id != section.id && seen.contains(d.id.as_str()) {
                    return Err(format!(
                        "decision id {:?} in section {:?} is the id of another section",
                        d.id, section.id
                    ));
                }
                if !decisions.insert(d.id.as_str()) {
                    return Err(format!("decision id {:?} appears twice", d.id));
                }
                if d.title.trim().is_empty() {
                    return Err(format!("decision {:?} has no title", d.id));
                }
            }
        }
        Ok(())
    }

    /// The team's own template, `<config>/template.ron`, when there is one.
    pub fn team(config_dir: &Path) -> Result<Option<Template>, TemplateError> {
        let path = config_dir.join(TEAM_FILE);
        match crate::store::read_settings(&path) {
            Ok(text) => Template::parse(&path, &text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(TemplateError::Parse(StoreError::Read { path, source })),
        }
    }

    /// The template a new session is made from: the team's when the config directory has one (a
    /// broken team template is an error, so that nobody drafts against the wrong one by accident),
    /// else the built-in one.
    pub fn for_new_session(config_dir: &Path) -> Result<Template, TemplateError> {
        match Template::team(config_dir)? {
            Some(team) => Ok(team),
            None => Template::builtin(),
        }
    }

    /// The template an existing session was made from, by its id: the team's when the ids match,
    /// else the built-in one. Never fails: a problem comes back as a one-line warning.
    pub fn for_session(config_dir: &Path, id: &str) -> (Template, Option<String>) {
        let builtin = || Template::builtin().unwrap_or_else(|_| Template::empty());
        match Template::team(config_dir) {
            Ok(Some(team)) if team.id == id => (team, None),
            Ok(_) => (builtin(), None),
            Err(e) => {
                let template = builtin();
                let warning =
                    (template.id != id).then(|| format!("{e}; using the built-in template"));
                (template, warning)
            }
        }
    }

    fn empty() -> Template {
        Template {
            id: String::new(),
            version: 0,
            title: String::new(),
            sections: Vec::new(),
        }
    }

    pub fn components(&self) -> impl Iterator<Item = &TemplateSection> {
        self.sections.iter().filter(|s| s.component)
    }

    pub fn section(&self, id: &str) -> Option<&TemplateSection> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Every decision of every component section, in document order.
    pub fn decisions(&self) -> impl Iterator<Item = DecisionSpec<'_>> {
        self.sections.iter().flat_map(|s| s.decisions())
    }

    /// The decision `id`, wherever it is declared.
    pub fn decision(&self, id: &str) -> Option<DecisionSpec<'_>> {
        self.decisions().find(|d| d.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_template_has_every_section_the_process_names() {
        let t = Template::builtin().unwrap();
        let components: Vec<&str> = t.components().map(|s| s.id.as_str()).collect();
        for id in [
            "cloud-provider-strategy",
            "network-architecture",
            "compute-resources",
            "data-resources",
            "security-architecture",
            "monitoring-observability",
            "ci-cd-pipeline",
            "disaster-recovery",
            "cost-optimization",
            "environment-transition-strategy",
            "shared-responsibility-model",
            "infrastructure-evolution-plan",
            "cross-team-collaboration-model",
            "infrastructure-verification-approach",
            "infrastructure-as-code",
            "environment-configuration",
        ] {
            assert!(components.contains(&id), "missing component {id}");
        }
        for s in &t.sections {
            assert!(!s.purpose.trim().is_empty(), "{} has no purpose", s.id);
            assert!(s.outline.len() >= 3, "{} outline too short", s.id);
            for heading in &s.outline {
                assert!(
                    s.starter.contains(&format!("### {heading}")),
                    "{}: starter lacks {heading}",
                    s.id
                );
            }
        }
    }

    #[test]
    fn duplicate_ids_are_refused_with_the_origin_named() {
        let text = r#"Template(id: "t", version: 1, title: "T", sections: [
            TemplateSection(id: "a", title: "A", component: true, purpose: "", outline: [], guidance: [], starter: ""),
            TemplateSection(id: "a", title: "B", component: false, purpose: "", outline: [], guidance: [], starter: ""),
        ])"#;
        let err = Template::parse(Path::new("team.ron"), text).unwrap_err();
        assert_eq!(err.to_string(), "team.ron: section id \"a\" appears twice");
    }

    #[test]
    fn sessions_reopen_with_the_template_they_were_made_from() {
        let dir = tempfile::tempdir().unwrap();
        let builtin = Template::builtin().unwrap();
        // No team template: the built-in one, whatever the id.
        let (t, w) = Template::for_session(dir.path(), "anything");
        assert_eq!((t.id.as_str(), w), (builtin.id.as_str(), None));
        std::fs::write(
            dir.path().join(TEAM_FILE),
            r#"Template(id: "team", version: 1, title: "T", sections: [
                TemplateSection(id: "a", title: "A", component: true, purpose: "", outline: [], guidance: [], starter: ""),
            ])"#,
        )
        .unwrap();
        assert_eq!(Template::for_session(dir.path(), "team").0.id, "team");
        assert_eq!(Template::for_new_session(dir.path()).unwrap().id, "team");
        // A session made from the built-in template keeps it even with a team template present.
        assert_eq!(
            Template::for_session(dir.path(), &builtin.id).0.id,
            builtin.id
        );
        // A broken team template: a warning for its sessions, an error for new ones.
        std::fs::write(dir.path().join(TEAM_FILE), "Template(").unwrap();
        let (t, w) = Template::for_session(dir.path(), "team");
        assert_eq!(t.id, builtin.id);
        let w = w.unwrap();
        assert!(
            w.contains("template.ron") && w.ends_with("using the built-in template"),
            "{w}"
        );
        assert!(Template::for_new_session(dir.path()).is_err());
    }
}
