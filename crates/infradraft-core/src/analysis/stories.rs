//! Step 6 of the process, technical stories and epic impacts: the epics and stories that already
//! exist in the inputs, new infrastructure stories drafted from the decisions, refinements proposed
//! to the existing stories, and a Markdown summary of all proposed additions and modifications.
//! Pure functions of the session and its inputs: no I/O, no terminal, deterministic output.
//!
//! # Existing epics and stories ([`epics`])
//! Every input is read (PRDs first, then the others in order) with pulldown-cmark. A heading of
//! level 2 to 4 reading `Epic 1: Title` (also `Epic 1 - Title`, `Epic 1 — Title`, `EPIC 1. Title`)
//! opens an epic; one reading `Story 1.2: Title` (also `User Story 1.2 - …`, `US-1.2 — …`, or
//! `Story 3` under Epic 1, read as `1.3`) opens a story. A story belongs to the epic of its number's
//! prefix; stories without an epic heading are grouped under an epic made for that prefix, titled
//! from an `Epic N: Title — description` line of an epic list when there is one. The first paragraph
//! of a story that starts with `As` and says `I want` (or `I need`, `I would like`), optionally after
//! a `User story:` label, is its user story. Acceptance criteria are the items of the ordered or unordered list (task-list boxes
//! allowed) under a heading or a paragraph (`**Acceptance criteria:**`) reading "Acceptance
//! criteria"; nested items are appended to their parent criterion. A story ends at the next heading
//! of its level or above. The first occurrence of an epic or story number wins. Epics come sorted by
//! number, stories in document order.
//!
//! # Drafted stories ([`draft_stories`])
//! Only components with a recorded decision count: a recommendation is a proposal, not a decision,
//! and stories drafted from proposals would have to be withdrawn whenever the person chooses
//! differently. The chosen option's tags are expanded with [`expand_tags`] (`eks` also counts as
//! `kubernetes`); a hand-written option without tags is read for tags from its name. The rules
//! (see [`rule_list`]) are tried for each decided component in template order, in rule order; a rule
//! fires when it names the component and the tags meet its condition, at most once per session (the
//! first component in template order gets it). A component that no rule gave a story gets its
//! component's fallback story, or for a component the rules do not know, a generic one. Stories are
//! numbered `INFRA-1`, `INFRA-2`, … in that order.
//!
//! # Refinements ([`suggest_refinements`])
//! Each existing story is matched against refinement rules: a rule applies when its component is
//! decided, the chosen option's tags meet its condition, and one of its title keywords occurs in the
//! story's title or one of its text keywords in the title, user story or acceptance criteria (case
//! insensitive, at the start of a word). Each story gets at most one refinement per component (the
//! first rule that applies). Order: epics, stories, components in template order.
//!
//! # Summary ([`impact_markdown`], [`story_markdown`])
//! `## Technical Stories and Epic Impacts` with a totals line, `### New infrastructure stories`
//! (grouped by section, each story with its size and its criteria as checkboxes) and
//! `### Changes to existing stories` (grouped by epic).

mod draft;
mod operations;
mod parse;
mod platform;
mod refine;
mod summary;

pub use draft::{RuleInfo, draft_stories, draft_stories_from, merge_drafted, rule_list};
pub use parse::{Epic, Story, epics};
pub use refine::{suggest_refinements, suggest_refinements_from};
pub use summary::{IMPACT_HEADING, impact_markdown, size_label, story_markdown};

use crate::inputs::extract::{expand_tags, tags_in};
use crate::model::{ComponentDesign, OptionCard, Session};

/// A decided component with its chosen option, as the rules see it.
pub(crate) struct Chosen<'a> {
    pub component: &'a ComponentDesign,
    /// Why it was chosen: the decision's justification, or the recommendation's rationale.
    pub justification: &'a str,
    /// Decided, rather than only recommended.
    pub decided: bool,
    pub option: &'a OptionCard,
    /// The option's tags with their implied tags, lower case, without duplicates.
    pub tags: Vec<String>,
    /// The title of the component's section (its id when the session has no such section).
    pub section: String,
    /// The one cloud the inputs host the project on (`aws`, `azure`, `gcp`), whose words the
    /// texts take (`assets/stories/terms.ron`); `None` on premises or while it is open.
    pub target: Option<&'static str>,
}

impl Chosen<'_> {
    pub fn has(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// The option's name without a trailing parenthesis: `Terraform or OpenTofu (declarative HCL)`
    /// reads `Terraform or OpenTofu` in a sentence.
    pub fn short_name(&self) -> String {
        short_name(&self.option.name)
    }

    /// `{option}` → the option's short name, `{section}` → the section title.
    /// The rule's text for this choice; a choice only recommended is called so ("the
    /// recommended strategy", not "the decided" one), since the person has not decided yet.
    pub fn fill(&self, template: &str) -> String {
        let text = if self.decided {
            std::borrow::Cow::Borrowed(template)
        } else {
            std::borrow::Cow::Owned(template.replace("decided", "recommended"))
        };
        let text = text
            .replace("{option}", &self.short_name())
            .replace("{section}", &self.section);
        match self.target {
            Some(target) => crate::knowledge::story_terms::story_terms().apply(&text, target),
            None => text,
        }
    }
}

pub(crate) fn short_name(name: &str) -> String {
    let name = name.trim().trim_end_matches('.');
    if name.ends_with(')')
        && let Some(open) = name.rfind(" (")
        && open > 0
    {
        return name[..open].trim().to_string();
    }
    name.to_string()
}

/// What stories are drafted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Recorded decisions only.
    Decisions,
    /// Each decision's recorded choice, else its recommendation (a YOLO draft, where nothing is
    /// decided yet: the stories are proposals to revisit when the person decides).
    DecisionsOrRecommendations,
}

/// The decided components of `session` in template (section) order, each with its chosen option
/// (with `basis`, the recommended one of those not decided). Components whose choice names an
/// option that is not on the card are left out.
pub(crate) fn decided(session: &Session, basis: Basis) -> Vec<Chosen<'_>> {
    let target = match crate::analysis::ranking::hosting_target(&session.assumptions).as_slice() {
        [one] if ["aws", "azure", "gcp"].contains(one) => Some(*one),
        _ => None,
    };
    let mut out: Vec<(usize, Chosen<'_>)> = Vec::new();
    for (k, c) in session.components.iter().enumerate() {
        let (option_id, justification, decided) = match (&c.decision, &c.recommendation, basis) {
            (Some(d), _, _) => (d.option.as_str(), d.justification.as_str(), true),
            (None, Some(r), Basis::DecisionsOrRecommendations) => {
                (r.option.as_str(), r.rationale.as_str(), false)
            }
            _ => continue,
        };
        let Some(option) = c.option(option_id) else {
            continue;
        };
        let position = session
            .sections
            .iter()
            .position(|s| s.id == c.section_id())
            .unwrap_or(session.sections.len() + k);
        let section = Some(session.decision_label(c))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| c.id.clone());
        out.push((
            position,
            Chosen {
                component: c,
                justification,
                decided,
                option,
                tags: option_tags(option),
                section,
                target,
            },
        ));
    }
    out.sort_by_key(|(p, _)| *p);
    out.into_iter().map(|(_, c)| c).collect()
}

/// The option's tags, expanded and lower case; read from its name when it has none.
fn option_tags(option: &OptionCard) -> Vec<String> {
    let raw: Vec<String> = if option.tags.iter().any(|t| !t.trim().is_empty()) {
        option
            .tags
            .iter()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    } else {
        tags_in(&option.name)
            .into_iter()
            .filter(|t| !t.starts_with("no-"))
            .collect()
    };
    expand_tags(&raw)
}

/// Whether `keyword` (lower case) occurs in `haystack` (lower case) at the start of a word.
pub(crate) fn has_word(haystack: &str, keyword: &str) -> bool {
    if keyword.is_empty() {
        return false;
    }
    haystack.match_indices(keyword).any(|(i, _)| {
        haystack[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_drop_the_trailing_parenthesis() {
        assert_eq!(
            short_name("Terraform or OpenTofu (declarative HCL)"),
            "Terraform or OpenTofu"
        );
        assert_eq!(short_name("Warm standby"), "Warm standby");
        assert_eq!(short_name("(odd)"), "(odd)");
    }

    #[test]
    fn words_match_at_their_start_only() {
        assert!(has_word("a delivery pipeline", "pipeline"));
        assert!(has_word("deployments", "deploy"));
        assert!(!has_word("redeploy", "deploy"));
        assert!(has_word("the dr region", "dr"));
        assert!(!has_word("anything", ""));
    }

    #[test]
    fn untagged_options_are_read_from_their_name() {
        let card = OptionCard {
            id: "x".into(),
            name: "Amazon EKS".into(),
            summary: String::new(),
            pros: vec![],
            cons: vec![],
            ratings: Default::default(),
            tags: vec![],
            conflicts_with: vec![],
            catalog_id: None,
            capabilities: Default::default(),
            answers: Vec::new(),
            realised_on: String::new(),
        };
        let tags = option_tags(&card);
        assert!(tags.contains(&"eks".to_string()));
        assert!(tags.contains(&"kubernetes".to_string()));
    }
}
