//! Infrastructure stories drafted from the decisions by rules (see the module documentation of
//! [`super`]). The rules themselves are in `platform.rs` (cloud, IaC, environments, network, compute,
//! data) and `operations.rs` (security to verification), in template order.

use crate::model::{Session, StorySize, TechnicalStory};

use super::{Basis, Chosen, decided};

/// One rule that turns a decision into a story. `{option}` in the texts is replaced by the chosen
/// option's short name, `{section}` by the section's title.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    /// The component ids the rule applies to; empty for any component (only the generic fallback).
    pub on: &'static [&'static str],
    /// The chosen option has at least one of these tags (no condition when empty).
    pub any: &'static [&'static str],
    /// The chosen option has all of these tags.
    pub all: &'static [&'static str],
    /// The chosen option has none of these tags.
    pub none: &'static [&'static str],
    /// Fires only when no other rule gave the component a story, and may fire for every component
    /// (other rules fire at most once per session).
    pub fallback: bool,
    pub title: &'static str,
    /// The role, without its article: `platform engineer`.
    pub as_a: &'static str,
    pub i_want: &'static str,
    pub so_that: &'static str,
    pub criteria: &'static [&'static str],
    pub size: StorySize,
}

impl Rule {
    /// A rule with no component, no condition and no text, to build rules from with `..Rule::BASE`.
    pub const BASE: Rule = Rule {
        on: &[],
        any: &[],
        all: &[],
        none: &[],
        fallback: false,
        title: "",
        as_a: "platform engineer",
        i_want: "",
        so_that: "",
        criteria: &[],
        size: StorySize::Medium,
    };

    fn applies_to(&self, component: &str) -> bool {
        self.on.is_empty() || self.on.contains(&component)
    }

    fn matches(&self, c: &Chosen<'_>) -> bool {
        (self.any.is_empty() || self.any.iter().any(|t| c.has(t)))
            && self.all.iter().all(|t| c.has(t))
            && !self.none.iter().any(|t| c.has(t))
    }

    fn story(&self, c: &Chosen<'_>, n: usize) -> TechnicalStory {
        TechnicalStory {
            id: format!("INFRA-{n}"),
            title: c.fill(self.title),
            as_a: c.fill(self.as_a),
            i_want: c.fill(self.i_want),
            so_that: c.fill(self.so_that),
            acceptance_criteria: self.criteria.iter().map(|k| c.fill(k)).collect(),
            section: Some(c.component.section_id().to_string()),
            decision: Some(c.component.id.clone()),
            size: self.size,
        }
    }
}

/// For a component the rules do not know (a custom template's section).
const GENERIC: Rule = Rule {
    fallback: true,
    title: "Implement {section}: {option}",
    i_want: "{option} implemented as decided for {section}, from code and with an owner",
    so_that: "the decision recorded in the architecture document becomes running, supported infrastructure",
    criteria: &[
        "The resources for {option} are defined in infrastructure code and created only by the pipeline.",
        "The consequences and trade-offs recorded with the decision are either addressed or tracked as follow-up stories.",
        "Monitoring and alerts cover the new resources, and alerts reach the owning team's on-call rotation.",
        "An owner and a runbook for day-to-day operation are recorded in the document.",
    ],
    ..Rule::BASE
};

fn rules() -> impl Iterator<Item = &'static Rule> {
    super::platform::RULES
        .iter()
        .chain(super::operations::RULES)
        .chain(std::iter::once(&GENERIC))
}

/// New infrastructure stories for the decided components of `session` (recommendations that were
/// not decided do not count), numbered `INFRA-1`, `INFRA-2`, … in template order then rule order.
pub fn draft_stories(session: &Session) -> Vec<TechnicalStory> {
    draft_stories_from(session, Basis::Decisions)
}

/// [`draft_stories`] from the choices `basis` counts (a YOLO draft counts recommendations).
pub fn draft_stories_from(session: &Session, basis: Basis) -> Vec<TechnicalStory> {
    let all: Vec<&Rule> = rules().collect();
    let mut fired = vec![false; all.len()];
    let mut out: Vec<TechnicalStory> = Vec::new();
    for c in decided(session, basis) {
        let mut produced = false;
        for (i, rule) in all.iter().enumerate() {
            if fired[i]
                || !rule.applies_to(&c.component.id)
                || (rule.fallback && produced)
                || !rule.matches(&c)
            {
                continue;
            }
            if !rule.fallback {
                fired[i] = true;
            }
            produced = true;
            out.push(rule.story(&c, out.len() + 1));
        }
    }
    out
}

/// A rule as documentation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// The component ids it applies to; empty for any.
    pub components: Vec<&'static str>,
    /// Fires when the chosen option has one of these tags (always when empty)…
    pub any_of: Vec<&'static str>,
    /// …and all of these…
    pub all_of: Vec<&'static str>,
    /// …and none of these.
    pub none_of: Vec<&'static str>,
    /// A fallback fires only for a component no other rule gave a story.
    pub fallback: bool,
    /// The story title, with its `{option}` and `{section}` placeholders.
    pub title: &'static str,
    pub size: StorySize,
}

/// The story rules in the order they are tried.
pub fn rule_list() -> Vec<RuleInfo> {
    rules()
        .map(|r| RuleInfo {
            components: r.on.to_vec(),
            any_of: r.any.to_vec(),
            all_of: r.all.to_vec(),
            none_of: r.none.to_vec(),
            fallback: r.fallback,
            title: r.title,
            size: r.size,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_full_text_and_three_criteria() {
        for r in rules() {
            assert!(!r.title.is_empty(), "{r:?}");
            assert!(!r.as_a.is_empty() && !r.i_want.is_empty() && !r.so_that.is_empty());
            assert!(r.criteria.len() >= 3, "{}", r.title);
            assert!(r.size != StorySize::Unsized, "{}", r.title);
            for k in r.criteria {
                assert!(k.ends_with('.'), "{}: {k}", r.title);
            }
            if !r.fallback {
                assert!(!r.on.is_empty(), "{}", r.title);
            }
        }
    }

    #[test]
    fn rule_tags_are_known() {
        for r in rules() {
            for t in r.any.iter().chain(r.all).chain(r.none) {
                assert!(
                    crate::knowledge::tags::is_known(t),
                    "{}: unknown tag {t}",
                    r.title
                );
            }
        }
    }

    #[test]
    fn every_template_component_has_a_story_rule() {
        let template = crate::knowledge::Template::builtin().unwrap();
        let ids: Vec<String> = template.decisions().map(|d| d.id.to_string()).collect();
        assert_eq!(ids.len(), 23);
        for id in &ids {
            let specific = rules().filter(|r| r.on.contains(&id.as_str())).count();
            assert!(specific >= 1, "{id} has no rule");
        }
        let specific = rules().filter(|r| !r.fallback).count();
        assert!(specific >= 20, "{specific} rules");
        // Every rule names a component of the template (or is the generic fallback).
        for r in rules() {
            for c in r.on {
                assert!(
                    ids.iter().any(|i| i == c),
                    "{}: unknown component {c}",
                    r.title
                );
            }
        }
    }
}
