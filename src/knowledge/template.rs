//! The document template: which sections the document has, in which order, and which of them are
//! designed as components.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::store::{StoreError, from_ron};

const BUILTIN: &str = include_str!("../../assets/template.ron");

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
        }
        Ok(())
    }

    pub fn components(&self) -> impl Iterator<Item = &TemplateSection> {
        self.sections.iter().filter(|s| s.component)
    }

    pub fn section(&self, id: &str) -> Option<&TemplateSection> {
        self.sections.iter().find(|s| s.id == id)
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
}
