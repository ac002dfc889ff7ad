//! Refinements proposed to the existing stories from the decisions (see the module documentation of
//! [`super`]). The rules are data, `assets/stories/refine.ron` with a team's own (see
//! [`crate::knowledge::refine_rules`]).

use crate::knowledge::refine_rules::{RefineRule, refine_rules};
use crate::model::{Refinement, Session};

use super::parse::{Epic, Story};
use super::{Basis, Chosen, decided, has_word};

/// The first keyword of `rule` that the story contains, if any: a title keyword in its title, else
/// a text keyword in its text.
fn keyword<'r>(rule: &'r RefineRule, title: &str, text: &str) -> Option<&'r str> {
    rule.title
        .iter()
        .find(|k| has_word(title, k))
        .or_else(|| rule.text.iter().find(|k| has_word(text, k)))
        .map(String::as_str)
}

/// Refinements of the stories in `epics` from the decided components of `session`: for each story
/// (in epic and story order) and each decided component (in template order), the first refinement
/// rule that applies.
pub fn suggest_refinements(session: &Session, epics: &[Epic]) -> Vec<Refinement> {
    suggest_refinements_from(session, epics, Basis::Decisions)
}

/// [`suggest_refinements`] from the choices `basis` counts.
pub fn suggest_refinements_from(
    session: &Session,
    epics: &[Epic],
    basis: Basis,
) -> Vec<Refinement> {
    let chosen = decided(session, basis);
    let mut out = Vec::new();
    for epic in epics {
        for story in &epic.stories {
            let title = story.title.to_lowercase();
            let text = story_text(story);
            for c in &chosen {
                let hit = refine_rules()
                    .rules
                    .iter()
                    .filter(|r| r.component == c.component.id && r.matches(|t| c.has(t)))
                    .find_map(|r| keyword(r, &title, &text).map(|k| (r, k)));
                if let Some((rule, keyword)) = hit {
                    out.push(Refinement {
                        story: story.label(),
                        change: c.fill(&rule.change),
                        why: why(c, keyword, story),
                        decision: Some(c.component.id.clone()),
                    });
                }
            }
        }
    }
    out
}

fn story_text(story: &Story) -> String {
    let mut text = story.title.clone();
    for part in story.user_story.iter().chain(&story.acceptance_criteria) {
        text.push('\n');
        text.push_str(part);
    }
    text.to_lowercase()
}

/// The part of the story (its title, its user story or a criterion) in which `keyword` stands.
fn touched<'s>(story: &'s Story, keyword: &str) -> &'s str {
    std::iter::once(&story.title)
        .chain(&story.user_story)
        .chain(&story.acceptance_criteria)
        .find(|part| part.to_lowercase().contains(keyword))
        .map_or(story.title.as_str(), String::as_str)
}

fn why(c: &Chosen<'_>, keyword: &str, story: &Story) -> String {
    let justification = excerpt(c.justification);
    let quoted = if justification.is_empty() {
        String::new()
    } else {
        format!(" because \u{201c}{justification}\u{201d}")
    };
    format!(
        "{} {}: {}{quoted}. The story's text it changes: \u{201c}{}\u{201d} ({}).",
        c.section,
        if c.decided {
            "decided"
        } else {
            "recommended (not yet decided)"
        },
        c.option.name.trim().trim_end_matches('.'),
        excerpt(touched(story, keyword)).trim_end_matches('.'),
        story.source.short()
    )
}

/// The first sentence of `text`, at most about 160 characters (cut at a word, with an ellipsis).
fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = text
        .find(". ")
        .map(|i| &text[..i])
        .unwrap_or(&text)
        .trim_end_matches('.');
    const MAX: usize = 160;
    if first.chars().count() <= MAX {
        return first.to_string();
    }
    let cut: String = first.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_component_keywords_and_a_change() {
        let template = crate::knowledge::Template::builtin().unwrap();
        for r in &refine_rules().rules {
            assert!(template.decision(&r.component).is_some(), "{}", r.component);
            assert!(!r.title.is_empty() || !r.text.is_empty(), "{}", r.change);
            assert!(r.change.ends_with('.'), "{}", r.change);
            for t in r.any.iter().chain(&r.none) {
                assert!(crate::knowledge::tags::is_known(t), "{t}");
            }
            for k in r.title.iter().chain(&r.text) {
                assert_eq!(*k, k.to_lowercase());
            }
        }
    }

    #[test]
    fn excerpts_take_the_first_sentence() {
        assert_eq!(excerpt("Fits the team. Cheap too."), "Fits the team");
        assert_eq!(excerpt("  Fits   the team.  "), "Fits the team");
        let long = "word ".repeat(60);
        let e = excerpt(&long);
        assert!(e.ends_with('\u{2026}'));
        assert!(e.chars().count() <= 161);
    }
}
