//! Infrastructure stories drafted from the decisions by rules (see the module documentation of
//! [`super`]). The rules themselves are data, `assets/stories/rules.ron` with a team's own (see
//! [`crate::knowledge::story_rules`]): the platform components' first (cloud, IaC, environments,
//! network, compute, data), then the operational ones' (security to verification), in template
//! order, and the generic rule last.

use crate::analysis::crosscheck::{Needs, comparisons};
use crate::inputs::extract::{tag_topic, tags_in};
use crate::knowledge::story_rules::{StoryRule, story_rules};
use crate::model::{AssumptionTopic, Requirement, Session, StorySize, TechnicalStory};

use super::{Basis, Chosen, decided};

/// A story from `rule` for choice `c`, numbered `n`, with a criterion for each of `asks`.
fn story(rule: &StoryRule, c: &Chosen<'_>, n: usize, asks: &[Ask<'_>]) -> TechnicalStory {
    let mut criteria: Vec<String> = rule.criteria.iter().map(|k| c.fill(k)).collect();
    criteria.extend(asks.iter().map(Ask::criterion));
    TechnicalStory {
        id: format!("INFRA-{n}"),
        title: c.fill(&rule.title),
        as_a: c.fill(&rule.as_a),
        i_want: c.fill(&rule.i_want),
        so_that: c.fill(&rule.so_that),
        acceptance_criteria: criteria,
        section: Some(c.component.section_id().to_string()),
        decision: Some(c.component.id.clone()),
        size: rule.size,
        built_with: c
            .option
            .realised_on
            .trim()
            .trim_end_matches('.')
            .to_string(),
        requirements: asks.iter().map(|a| a.r.id.clone()).collect(),
        serves: Vec::new(),
        edited: None,
    }
}

/// The rules in the order they are tried (`assets/stories/rules.ron` with a team's, the generic
/// rule last).
fn rules() -> impl Iterator<Item = &'static StoryRule> {
    story_rules().all()
}

/// New infrastructure stories for the decided components of `session` (recommendations that were
/// not decided do not count), numbered `INFRA-1`, `INFRA-2`, … in template order then rule order.
pub fn draft_stories(session: &Session) -> Vec<TechnicalStory> {
    draft_stories_from(session, Basis::Decisions)
}

/// At most this many requirements are attached to one decision's stories.
const MAX_ASKS: usize = 4;

/// A requirement a story has to meet: one whose figure the chosen option is compared on, or one
/// that names what the option is (its own tags, other than provider and region).
struct Ask<'a> {
    r: &'a Requirement,
}

impl Ask<'_> {
    fn criterion(&self) -> String {
        let source = self
            .r
            .source
            .as_ref()
            .map_or(String::new(), |s| format!(" ({})", s.short()));
        let text = self.r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        format!(
            "Shown to meet {}{source}: \u{201c}{}\u{201d}.",
            self.r.id,
            text.trim_end_matches('.')
        )
    }
}

/// The requirements the stories of choice `c` have to meet, figures first, at most [`MAX_ASKS`].
fn asks<'a>(session: &'a Session, needs: &'a Needs, c: &Chosen<'_>) -> Vec<Ask<'a>> {
    let mut out: Vec<Ask<'a>> = Vec::new();
    for cmp in comparisons(c.option, needs) {
        if !out.iter().any(|a| a.r.id == cmp.requirement.id) {
            out.push(Ask { r: cmp.requirement });
        }
    }
    let own: Vec<&str> = c
        .option
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| {
            !t.is_empty()
                && !matches!(
                    tag_topic(t),
                    Some(AssumptionTopic::CloudProvider | AssumptionTopic::Regions)
                )
        })
        .collect();
    for r in &session.requirements {
        if out.iter().any(|a| a.r.id == r.id) {
            continue;
        }
        if tags_in(&r.text).iter().any(|t| own.contains(&t.as_str())) {
            out.push(Ask { r });
        }
    }
    out.truncate(MAX_ASKS);
    out
}

/// [`draft_stories`] from the choices `basis` counts (a YOLO draft counts recommendations).
/// Each story names what it is built with on the project's provider and the requirements it has
/// to meet (with an acceptance criterion each); the first story of a decision carries them.
pub fn draft_stories_from(session: &Session, basis: Basis) -> Vec<TechnicalStory> {
    let all: Vec<&StoryRule> = rules().collect();
    let mut fired = vec![false; all.len()];
    let mut out: Vec<TechnicalStory> = Vec::new();
    let needs = Needs::of(&session.requirements);
    for c in decided(session, basis) {
        let asked = asks(session, &needs, &c);
        let mut produced = false;
        for (i, rule) in all.iter().enumerate() {
            if fired[i]
                || !rule.applies_to(&c.component.id)
                || (rule.fallback && produced)
                || !rule.matches(|t| c.has(t))
            {
                continue;
            }
            if !rule.fallback {
                fired[i] = true;
            }
            let first = !produced;
            produced = true;
            out.push(story(
                rule,
                &c,
                out.len() + 1,
                if first { &asked } else { &[] },
            ));
        }
    }
    out
}

/// Stories drafted again (`drafted`), with every story a person edited in `old` kept: in place of
/// the drafted story it was made from (same decision, same drafted title), else after the drafted
/// ones. Each story of the inputs a refinement of the same decision changes is linked as served
/// (`refinements`). Ids are numbered again in the resulting order.
pub fn merge_drafted(
    old: &[TechnicalStory],
    drafted: Vec<TechnicalStory>,
    refinements: &[crate::model::Refinement],
) -> Vec<TechnicalStory> {
    let mut kept: Vec<Option<&TechnicalStory>> = old
        .iter()
        .filter(|s| s.edited.is_some())
        .map(Some)
        .collect();
    let mut out: Vec<TechnicalStory> = Vec::new();
    for d in drafted {
        let mine = kept.iter_mut().find(|k| {
            k.is_some_and(|e| e.decision == d.decision && e.edited.as_deref() == Some(&d.title))
        });
        match mine.and_then(Option::take) {
            Some(edited) => out.push(edited.clone()),
            None => out.push(d),
        }
    }
    out.extend(kept.into_iter().flatten().cloned());
    for (n, story) in out.iter_mut().enumerate() {
        story.id = format!("INFRA-{}", n + 1);
        if story.edited.is_none() {
            let mut serves: Vec<String> = Vec::new();
            for r in refinements {
                if r.decision.is_some()
                    && r.decision == story.decision
                    && !serves.contains(&r.story)
                {
                    serves.push(r.story.clone());
                }
            }
            story.serves = serves;
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
            components: r.on.iter().map(String::as_str).collect(),
            any_of: r.any.iter().map(String::as_str).collect(),
            all_of: r.all.iter().map(String::as_str).collect(),
            none_of: r.none.iter().map(String::as_str).collect(),
            fallback: r.fallback,
            title: r.title.as_str(),
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
            for k in &r.criteria {
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
            for t in r.any.iter().chain(&r.all).chain(&r.none) {
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
            let specific = rules().filter(|r| r.on.contains(id)).count();
            assert!(specific >= 1, "{id} has no rule");
        }
        let specific = rules().filter(|r| !r.fallback).count();
        assert!(specific >= 20, "{specific} rules");
        // Every rule names a component of the template (or is the generic fallback).
        for r in rules() {
            for c in &r.on {
                assert!(
                    ids.iter().any(|i| i == c),
                    "{}: unknown component {c}",
                    r.title
                );
            }
        }
    }
}
