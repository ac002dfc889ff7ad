//! One option against one fact of the inputs: the tag rules of the module documentation, and the
//! rule of exclusive kinds — a fact that mandates (or, less firmly, states) one tool of a kind a
//! project uses one of (`conflicts.ron`'s exclusive groups) goes against an option built on
//! another tool of that kind.

use super::{
    Basis, Finding, OptionTags, Verdict, capitalize, from_prd, norm_tags, option_has, quoted,
    source_name, split, topic_name,
};
use crate::knowledge::extraction::extraction;
use crate::model::{Assumption, AssumptionTopic, InputDocument, Modality, SourceRef};

/// The tools of `group` a set of tags names, with their equivalents (`terraform` → `opentofu`).
fn named_in<'a>(group: &'a [String], tags: &[String]) -> Vec<&'a str> {
    let equivalent = &extraction().conflicts.equivalent;
    group
        .iter()
        .filter(|g| {
            tags.contains(g)
                || equivalent
                    .iter()
                    .any(|set| set.contains(g) && set.iter().any(|e| tags.contains(e)))
        })
        .map(String::as_str)
        .collect()
}

/// Where the fact names a tool of a kind the option is another tool of: the kind, the tool the
/// fact names and the option's own.
fn other_tool_of_kind(
    option: &OptionTags,
    fact_pos: &[String],
) -> Option<(String, String, String)> {
    for group in &extraction().conflicts.exclusive {
        if group.tags.is_empty() || !group.needs.is_empty() {
            continue;
        }
        let wanted = named_in(&group.tags, fact_pos);
        if wanted.is_empty() {
            continue;
        }
        let own = named_in(&group.tags, &option.pos);
        let answers = option.answers.iter().any(|a| a == &group.name);
        if !own.is_empty() && wanted.iter().any(|w| own.contains(w)) {
            continue;
        }
        if own.is_empty() && !answers {
            continue;
        }
        let theirs = own
            .first()
            .map(|t| format!("`{t}`"))
            .unwrap_or_else(|| "built on another tool".to_string());
        return Some((group.name.clone(), wanted[0].to_string(), theirs));
    }
    None
}

/// Where a finding's evidence is and its line, from the fact's source and tag (see
/// `super::evidence`); the assessor keeps what it has looked up.
pub(super) type EvidenceOf<'e> =
    dyn Fn(Option<&SourceRef>, Option<&str>) -> (Option<SourceRef>, String) + 'e;

pub(super) fn check_fact(
    option: &OptionTags,
    fact: &Assumption,
    inputs: &[InputDocument],
    evidence: &EvidenceOf<'_>,
) -> Option<Finding> {
    let fact_tags = norm_tags(&fact.tags);
    let (mut fact_pos, fact_neg) = split(&fact_tags);
    // A fact that asserts a tag an umbrella covers asserts the umbrella too (AWS is a public cloud).
    for (umbrella, covers) in &extraction().conflicts.umbrellas {
        if !fact_pos.contains(umbrella) && covers.iter().any(|c| fact_pos.contains(c)) {
            fact_pos.push(umbrella.clone());
        }
    }
    let who = source_name(fact, inputs);
    let mut clashes: Vec<String> = Vec::new();
    let mut first_tag: Option<String> = None;
    // A clash with what the fact rules out (`no-x`): the fact prohibits, whatever its wording.
    let mut prohibits = false;
    for c in &option.conflicts {
        if fact_pos.contains(c) {
            clashes.push(format!(
                "the option conflicts with `{c}`, which {who} asserts"
            ));
            first_tag.get_or_insert_with(|| c.clone());
        }
    }
    for n in &option.conflicts_negated {
        if fact_neg.contains(n) {
            clashes.push(format!(
                "the option needs `{n}`, which {who} rules out (`no-{n}`)"
            ));
            first_tag.get_or_insert_with(|| n.clone());
            prohibits = true;
        }
    }
    for n in &fact_neg {
        if option_has(&option.pos, n)
            && !option.vague_providers.contains(n)
            && !option.conflicts_negated.contains(n)
        {
            prohibits = true;
            clashes.push(format!(
                "the option is `{n}`, which {who} rules out (`no-{n}`)"
            ));
            first_tag.get_or_insert_with(|| n.clone());
        }
    }
    // A pattern realised on several providers is ruled out only when every one of them is.
    if !option.vague_providers.is_empty()
        && option.vague_providers.iter().all(|p| fact_neg.contains(p))
    {
        clashes.push(format!(
            "the option runs on {}, all of which {who} rules out",
            option.vague_providers.join(", ")
        ));
        prohibits = true;
        first_tag.get_or_insert_with(|| option.vague_providers[0].clone());
    }
    for n in &option.neg {
        if fact_pos.contains(n) {
            clashes.push(format!(
                "the option rules out `{n}` (`no-{n}`), which {who} asserts"
            ));
            first_tag.get_or_insert_with(|| n.clone());
        }
    }
    // Another tool of an exclusive kind: against a mandate, or a statement kept where the
    // documents keep their facts (a stack row, not a word in passing).
    if clashes.is_empty()
        && (fact.modality == Modality::Mandate
            || (!fact.incidental && fact.modality != Modality::Prohibition))
        && let Some((kind, wanted, theirs)) = other_tool_of_kind(option, &fact_pos)
    {
        let verb = match fact.modality {
            Modality::Mandate => "mandates",
            Modality::Preference => "prefers",
            _ => "uses",
        };
        clashes.push(format!(
            "{who} {verb} `{wanted}` as the {kind}; the option is {theirs}, another {kind}"
        ));
        first_tag.get_or_insert(wanted);
    }
    let verdict_and_text = if !clashes.is_empty() {
        Some((Verdict::Conflicting, clashes.join("; ")))
    } else {
        let matched: Vec<String> = fact_pos
            .iter()
            .filter(|t| option_has(&option.pos, t) && !option.vague_providers.contains(t))
            .cloned()
            .collect();
        let both_out: Vec<String> = fact_neg
            .iter()
            .filter(|t| option.conflicts.contains(t))
            .cloned()
            .collect();
        if !matched.is_empty() {
            first_tag = matched.first().cloned();
            Some((
                Verdict::Aligned,
                if matched.len() == 1 {
                    format!("the option's tag {} matches {who}", quoted(&matched))
                } else {
                    format!("the option's tags {} match {who}", quoted(&matched))
                },
            ))
        } else if !both_out.is_empty() {
            first_tag = both_out.first().cloned();
            Some((
                Verdict::Aligned,
                format!("the option and {who} both rule out {}", quoted(&both_out)),
            ))
        } else if matches!(
            fact.topic,
            AssumptionTopic::RepositoryStructure | AssumptionTopic::ServiceArchitecture
        ) && from_prd(fact, inputs)
        {
            first_tag = fact_tags
                .first()
                .map(|t| t.trim_start_matches("no-").to_string());
            let tags = if fact.tags.is_empty() {
                String::new()
            } else {
                format!(" ({})", quoted(&fact.tags))
            };
            Some((
                Verdict::NotAddressed,
                format!(
                    "the PRD's {} decision{tags} is not addressed by option `{}`",
                    topic_name(fact.topic),
                    option.id
                ),
            ))
        } else {
            None
        }
    };
    let (verdict, explanation) = verdict_and_text?;
    let (evidence, quote) = evidence(fact.source.as_ref(), first_tag.as_deref());
    Some(Finding {
        verdict,
        fact: fact.text.clone(),
        evidence,
        quote,
        explanation: capitalize(&explanation),
        basis: Basis::Fact {
            modality: if prohibits && verdict == Verdict::Conflicting {
                Modality::Prohibition
            } else {
                fact.modality
            },
            topic: fact.topic,
        },
        tag: first_tag,
        at_best: false,
        brief: fact.text.clone(),
        outage: false,
    })
}
