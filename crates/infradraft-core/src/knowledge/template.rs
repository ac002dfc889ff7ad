//! The document template: which sections the document has, in which order, and which of them are
//! designed as components.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::files::{StoreError, from_ron};

const BUILTIN: &str = include_str!("../../../../assets/template.ron");

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
    /// The sub-sections a finished body covers and what feeds each from the session. Empty means
    /// the `starter`'s `### ` headings, each with its italic line as the question to ask.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<TemplateSubsection>,
}

/// One sub-section of a section body and what the draft writes under it: the decisions it
/// states, the input facts and requirements that feed it (with their sources), or, where the
/// inputs say nothing, its question as an open question. The prompt is for the person writing;
/// it is never exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateSubsection {
    pub title: String,
    /// What belongs here, shown to the person who writes it.
    pub prompt: String,
    /// What to ask when the inputs do not answer it, with why it matters ("Which regions does
    /// the service run in? Latency, residency and recovery all depend on it.").
    pub question: String,
    /// Case-insensitive patterns (regular expressions): a fact or requirement whose text matches
    /// one feeds this sub-section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
    /// Fact topics that feed it whatever their words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<crate::model::AssumptionTopic>,
    /// Requirement categories that feed it whatever their words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<crate::model::RequirementCategory>,
    /// Headings of the inputs whose text feeds it whatever its words ("out of scope" for the
    /// scope, "open questions" for the open questions): matched against an input heading's
    /// normalised words (numbering and punctuation left out), as whole words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<String>,
    /// Kinds of requirement figures that feed it (a requirement with an RPO feeds the recovery
    /// objectives whatever its words).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureKind>,
    /// Decisions (of any section) whose choice it states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<String>,
    /// Tags of which a chosen option of `decisions` must carry one for it to apply (functions
    /// only where serverless functions were chosen); empty when it always applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<String>,
    /// Content the session produces as a whole, instead of facts and requirements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derived>,
}

/// A kind of requirement figure (see [`crate::model::Figure`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FigureKind {
    Availability,
    Latency,
    Throughput,
    Rpo,
    Rto,
    Retention,
    Budget,
    Capacity,
}

impl FigureKind {
    pub fn of(figure: &crate::model::Figure) -> FigureKind {
        use crate::model::Figure as F;
        match figure {
            F::Availability { .. } => FigureKind::Availability,
            F::Latency { .. } => FigureKind::Latency,
            F::Throughput { .. } => FigureKind::Throughput,
            F::Rpo { .. } => FigureKind::Rpo,
            F::Rto { .. } => FigureKind::Rto,
            F::Retention { .. } => FigureKind::Retention,
            F::Budget { .. } => FigureKind::Budget,
            F::Capacity { .. } => FigureKind::Capacity,
        }
    }
}

/// Sub-section content made from the whole session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Derived {
    /// One line per decision with its choice and state.
    DecisionSummary,
    /// Every open question of the document, by section.
    OpenQuestions,
    /// Each requirement and the sections and decisions that address it.
    Traceability,
    /// The decisions taken, with their dates and records.
    DecisionLog,
    /// The input documents the design rests on.
    References,
    /// The compliance regimes in scope and the requirements that name them.
    Regimes,
    /// The runbook of each operation that fits the decisions taken (`assets/runbooks/`).
    Runbooks,
    /// One block per environment the inputs describe, with what they say about it.
    Environments,
    /// Red, amber or green per area, with the reason, from the choices against the inputs.
    Feasibility,
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
    /// The sub-sections a finished body covers: the declared ones, or, for a template that
    /// declares none, the starter's `### ` headings with their italic lines as prompt and question.
    pub fn subsections(&self) -> std::borrow::Cow<'_, [TemplateSubsection]> {
        if !self.subsections.is_empty() {
            return std::borrow::Cow::Borrowed(&self.subsections);
        }
        let mut out: Vec<TemplateSubsection> = Vec::new();
        for line in self.starter.lines() {
            if let Some(title) = line.strip_prefix("### ") {
                out.push(TemplateSubsection {
                    title: title.trim().to_string(),
                    prompt: String::new(),
                    question: String::new(),
                    cues: Vec::new(),
                    topics: Vec::new(),
                    categories: Vec::new(),
                    headings: Vec::new(),
                    figures: Vec::new(),
                    decisions: Vec::new(),
                    applies_to: Vec::new(),
                    derived: None,
                });
            } else if let Some(last) = out.last_mut()
                && last.prompt.is_empty()
                && let Some(prompt) = italic(line)
            {
                last.prompt = prompt.to_string();
                last.question = prompt.to_string();
            }
        }
        std::borrow::Cow::Owned(out)
    }

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

/// The text of a line that is one italic span (`_Which regions…_`), the way a template prompt is
/// written.
pub fn italic(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t
        .strip_prefix('_')
        .and_then(|r| r.strip_suffix('_'))
        .or_else(|| t.strip_prefix('*').and_then(|r| r.strip_suffix('*')))?;
    (!inner.trim().is_empty() && !inner.starts_with(['_', '*'])).then_some(inner.trim())
}

#[derive(Debug, Error)]
pub enum TemplateError {
    #[error(transparent)]
    Parse(#[from] StoreError),
    /// `problem` starts with the place in the file (`:12:5: …`) or with `: `.
    #[error("{origin}{problem}")]
    Invalid { origin: String, problem: String },
}

impl Template {
    /// The template compiled into the binary. Its cues are not parsed again at every start (a
    /// test parses them: see `the_builtin_templates_cues_are_patterns`), which is most of the
    /// time a full check takes.
    pub fn builtin() -> Result<Template, TemplateError> {
        Template::parse_checked(Path::new("assets/template.ron"), BUILTIN, false)
    }

    /// Parses and validates a template text; `origin` names it in errors.
    pub fn parse(origin: &Path, text: &str) -> Result<Template, TemplateError> {
        Template::parse_checked(origin, text, true)
    }

    /// [`Template::parse`], with the syntax of the cue patterns checked when `cues`.
    fn parse_checked(origin: &Path, text: &str, cues: bool) -> Result<Template, TemplateError> {
        let template: Template = from_ron(origin, text)?;
        template
            .validate(text, cues)
            .map_err(|problem| TemplateError::Invalid {
                origin: origin.display().to_string(),
                problem: if problem.starts_with(':') {
                    problem
                } else {
                    format!(": {problem}")
                },
            })?;
        Ok(template)
    }

    fn validate(&self, text: &str, cues: bool) -> Result<(), String> {
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
        let known: HashSet<&str> = self.decisions().map(|d| d.id).collect();
        for section in &self.sections {
            for sub in &section.subsections {
                let at = |needle: &str| crate::knowledge::extraction::position_of(text, needle);
                let whose = format!("section {:?}, sub-section {:?}", section.id, sub.title);
                if sub.title.trim().is_empty() {
                    return Err(format!(
                        "section {:?}: a sub-section has no title",
                        section.id
                    ));
                }
                if sub.question.trim().is_empty() && sub.derived.is_none() {
                    return Err(format!("{}: {whose} has no question", at(&sub.title)));
                }
                for cue in sub.cues.iter().filter(|_| cues) {
                    // Parsed, not compiled: the sets the draft matches with are compiled once,
                    // when first used (case-insensitively; checking the syntax needs no case
                    // folding, which is most of a parse's cost).
                    if let Err(e) = regex_syntax::ParserBuilder::new().build().parse(cue) {
                        let first = e.to_string().lines().last().unwrap_or_default().to_string();
                        return Err(format!(
                            "{}: {whose}: cue {cue:?} is not a pattern ({first})",
                            at(cue)
                        ));
                    }
                }
                for d in &sub.decisions {
                    if !known.contains(d.as_str()) {
                        return Err(format!(
                            "{}: {whose}: no decision {d:?} in the template",
                            at(d)
                        ));
                    }
                }
                for t in &sub.applies_to {
                    if !crate::knowledge::tags::is_tag(t) {
                        return Err(format!(
                            "{}: {whose}: tag {t:?} is not lowercase kebab-case",
                            at(t)
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The team's own template, `<config>/template.ron`, when there is one.
    pub fn team(config_dir: &Path) -> Result<Option<Template>, TemplateError> {
        let path = config_dir.join(TEAM_FILE);
        match crate::files::read_settings(&path) {
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
    fn the_builtin_templates_cues_are_patterns() {
        let full = Template::parse(Path::new("assets/template.ron"), BUILTIN).unwrap();
        assert_eq!(full, Template::builtin().unwrap());
        let cues = full
            .sections
            .iter()
            .flat_map(|s| &s.subsections)
            .map(|sub| sub.cues.len())
            .sum::<usize>();
        assert!(cues > 50, "{cues} cues");
        // The check does run on other templates' cues.
        let broken = BUILTIN.replacen(&format!("{:?}", first_cue(&full)), "\"(unclosed\"", 1);
        let err = Template::parse(Path::new("team.ron"), &broken).unwrap_err();
        assert!(err.to_string().contains("is not a pattern"), "{err}");
    }

    fn first_cue(t: &Template) -> &str {
        t.sections
            .iter()
            .flat_map(|s| &s.subsections)
            .flat_map(|sub| &sub.cues)
            .next()
            .unwrap()
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
