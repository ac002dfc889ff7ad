//! Tools: a tool one place rules out and another uses; one tool of a kind a rule mandates and
//! another of that kind in use.

use crate::knowledge::extraction::conflicts::ExclusiveGroup;
use crate::knowledge::extraction::extraction;
use crate::model::{AssumptionTopic, InputKind, Modality};

use super::super::vocab::{expand_tags, find_terms, tag_topic};
use super::claims::Claim;
use super::{Found, doc_name};

/// The phrase `text` names `tag` with ("AWS CDK"), else the tag.
fn phrase_for(text: &str, tag: &str) -> String {
    find_terms(text)
        .into_iter()
        .find(|t| t.tag == tag)
        .and_then(|t| text.get(t.start..t.end))
        .map_or_else(|| tag.to_string(), str::to_string)
}

/// Whether `tag` (or what it implies) is `wanted`.
fn is_or_implies(tag: &str, wanted: &str) -> bool {
    tag == wanted || expand_tags(&[tag]).iter().any(|t| t == wanted)
}

/// Whether `tag` is `banned`, implies it, or is covered by it ("public-cloud" covers "azure").
fn falls_under(tag: &str, banned: &str) -> bool {
    is_or_implies(tag, banned)
        || extraction()
            .conflicts
            .umbrellas
            .iter()
            .any(|(u, covers)| u == banned && covers.iter().any(|c| c == tag))
}

/// A tool ruled out in one place and used in a description elsewhere.
pub(super) fn prohibited_in_use<'c, 'a>(
    all: &'c [Claim<'a>],
    descriptions: &[&'c Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    // What a description says is not there ("no load test has been run", "a rewrite in Java is
    // not planned") is a fact, not a ruling: prohibitions come from rules and from the PRD.
    let rulings = all
        .iter()
        .filter(|c| c.rule || c.input.kind == InputKind::Prd)
        .filter(|c| c.prohibited().next().is_some())
        .filter(|c| !extraction().conflicts.conditional.is_match(&c.text));
    for r in rulings {
        for banned in r.prohibited() {
            for d in descriptions {
                if d.past || d.same_place(r) || d.prohibited().any(|t| t == banned) {
                    continue;
                }
                let used = d
                    .tags
                    .iter()
                    .find(|(t, m)| *m != Modality::Prohibition && falls_under(t, banned));
                let Some((used, _)) = used else {
                    continue;
                };
                let name = phrase_for(&r.text, banned);
                let in_use = phrase_for(&d.text, used);
                let what = if in_use.eq_ignore_ascii_case(&name) {
                    "uses it".to_string()
                } else {
                    format!("uses {in_use}")
                };
                out.push(Found {
                    kind: "prohibited-in-use",
                    about: format!(
                        "The {} rules out {name}, but the {} {what}",
                        doc_name(r.input.kind),
                        doc_name(d.input.kind)
                    ),
                    rule: r,
                    found: d,
                });
            }
        }
    }
}

fn in_group(group: &ExclusiveGroup, tag: &str) -> bool {
    group.tags.iter().any(|t| t == tag)
        || group
            .topic
            .is_some_and(|topic| tag_topic(tag) == Some(topic))
}

fn equivalent(a: &str, b: &str) -> bool {
    a == b
        || extraction()
            .conflicts
            .equivalent
            .iter()
            .any(|set| set.iter().any(|t| t == a) && set.iter().any(|t| t == b))
        || is_or_implies(a, b)
        || is_or_implies(b, a)
}

/// The scopes (`backend`, `frontend`, …) a text names.
fn scopes(text: &str) -> Vec<&'static str> {
    extraction()
        .conflicts
        .scopes
        .iter()
        .filter(|s| s.phrases.is_match(text))
        .map(|s| s.name.as_str())
        .collect()
}

/// One tool of a kind mandated by a rule, another of that kind in a description.
pub(super) fn one_of_a_kind<'c, 'a>(
    rules: &[&'c Claim<'a>],
    descriptions: &[&'c Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    let groups = &extraction().conflicts.exclusive;
    for r in rules {
        let mandated: Vec<&str> = r.mandated().collect();
        if mandated.is_empty() {
            continue;
        }
        for group in groups {
            let of_group: Vec<&str> = mandated
                .iter()
                .copied()
                .filter(|t| in_group(group, t))
                .collect();
            if of_group.is_empty() || (!group.needs.is_empty() && !group.needs.is_match(&r.text)) {
                continue;
            }
            let by_topic = group.topic.is_some();
            // A language named in a rule about another kind of tool ("Pulumi (TypeScript) is the
            // only approved IaC tool") qualifies that tool; it is not a language mandate.
            if by_topic
                && mandated.iter().any(|t| {
                    !in_group(group, t)
                        && groups.iter().any(|g| g.topic.is_none() && in_group(g, t))
                })
            {
                continue;
            }
            let rule_scopes = if group.topic == Some(AssumptionTopic::Languages) {
                scopes(&r.text)
            } else {
                Vec::new()
            };
            for d in descriptions {
                if d.past || d.same_place(r) {
                    continue;
                }
                let other = d.tags.iter().find(|(t, m)| {
                    *m != Modality::Prohibition
                        && in_group(group, t)
                        && !mandated.iter().any(|m| equivalent(m, t))
                });
                let Some((other, _)) = other else {
                    continue;
                };
                if !rule_scopes.is_empty() {
                    let found_scopes = scopes(&d.text);
                    if !found_scopes.is_empty()
                        && !found_scopes.iter().any(|s| rule_scopes.contains(s))
                    {
                        continue;
                    }
                }
                let chosen = of_group
                    .iter()
                    .map(|t| phrase_for(&r.text, t))
                    .collect::<Vec<_>>()
                    .join(" or ");
                out.push(Found {
                    kind: "another-tool-in-use",
                    about: format!(
                        "The {} mandates {chosen} as the {}; the {} uses {}",
                        doc_name(r.input.kind),
                        group.name,
                        doc_name(d.input.kind),
                        phrase_for(&d.text, other)
                    ),
                    rule: r,
                    found: d,
                });
            }
        }
    }
}
