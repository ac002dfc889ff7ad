//! The force of facts, and facts from every statement of a document.
//!
//! A phrase of the vocabulary is **prohibited** when the text rules it out (the negation rules of
//! [`super::vocab`]: "no Kubernetes", "Pulumi is not approved", "instead of Kafka"). Otherwise its
//! clause decides, through the cue words of `assets/extraction/modality.ron`: a **mandate**
//! ("must", "the only approved", "all … must be"), a **preference** ("should", "prefer",
//! "ideally"), else a **statement**. Two kinds of place make a statement a mandate without a cue:
//! a rule of the infrastructure guidelines (a sentence with a normative word), and anything under a
//! heading such as "Constraints". So "Terraform is the only approved tool; CDK and Pulumi are not
//! approved" gives two facts: a mandate of Terraform and a prohibition of CDK and Pulumi; one
//! phrase never gives both a tag and its `no-` form.

use crate::knowledge::extraction::extraction;
use crate::model::{Assumption, AssumptionTopic, InputDocument, InputKind, Modality, SourceRef};

use super::assumptions::content_topic;
use super::blocks;
use super::statements::{Form, statements};
use super::vocab::tagged;

/// The force of each vocabulary phrase of `text`, as `(tag, modality)` in order; a prohibited
/// tag is written `no-<tag>`. `rule` says the text is a rule (a guideline's normative sentence,
/// a constraint): a phrase without a cue is then mandated.
pub(crate) fn forces(text: &str, rule: bool) -> Vec<(String, Modality)> {
    let cues = &extraction().modality;
    let mut out: Vec<(String, Modality)> = Vec::new();
    for t in tagged(text) {
        let (tag, modality) = if t.negated {
            (format!("no-{}", t.tag), Modality::Prohibition)
        } else {
            let clause = text.get(t.clause.0..t.clause.1).unwrap_or("");
            let modality = if cues.mandate.iter().any(|p| p.is_match(clause)) {
                Modality::Mandate
            } else if cues.preference.iter().any(|p| p.is_match(clause)) {
                Modality::Preference
            } else if rule {
                Modality::Mandate
            } else {
                Modality::Statement
            };
            (t.tag, modality)
        };
        // One phrase, one force: the first reading of a tag wins, and never both a tag and its
        // `no-` form from one text.
        let base = tag.trim_start_matches("no-");
        if !out.iter().any(|(o, _)| o.trim_start_matches("no-") == base) {
            out.push((tag, modality));
        }
    }
    out
}

/// `fact` split by force: one fact per modality its text gives its tags (a fact whose tags the
/// text does not explain keeps them, as a statement or, for `no-` tags, a prohibition).
pub(crate) fn with_force(mut fact: Assumption, rule: bool) -> Vec<Assumption> {
    // A thing both used and "ruled out" in one fact is used in a way the rest excludes ("Managed
    // Service for Prometheus — without operating Prometheus"): the use stands.
    let used: Vec<String> = fact
        .tags
        .iter()
        .filter(|t| !t.starts_with("no-"))
        .cloned()
        .collect();
    fact.tags.retain(|t| {
        t.strip_prefix("no-")
            .is_none_or(|base| !used.iter().any(|u| u == base))
    });
    let found = forces(&fact.text, rule);
    let mut groups: Vec<(Modality, Vec<String>)> = Vec::new();
    for tag in &fact.tags {
        let modality = found
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, m)| *m)
            .unwrap_or(if tag.starts_with("no-") {
                Modality::Prohibition
            } else if rule {
                Modality::Mandate
            } else {
                Modality::Statement
            });
        match groups.iter_mut().find(|(m, _)| *m == modality) {
            Some((_, tags)) => tags.push(tag.clone()),
            None => groups.push((modality, vec![tag.clone()])),
        }
    }
    if groups.is_empty() {
        return vec![fact];
    }
    groups
        .into_iter()
        .map(|(modality, tags)| Assumption {
            topic: if tags == fact.tags {
                fact.topic
            } else {
                content_topic(&tags).unwrap_or(fact.topic)
            },
            text: fact.text.clone(),
            tags,
            source: fact.source.clone(),
            modality,
            incidental: fact.incidental,
        })
        .collect()
}

/// Whether a statement is a rule: normative in a guidelines document, or under a heading that
/// makes its statements mandates ("Constraints").
pub(super) fn is_rule(kind: InputKind, text: &str, headings: &[&str]) -> bool {
    let cues = &extraction();
    let under_mandate = headings.iter().any(|h| {
        let h = h.to_lowercase();
        cues.modality
            .mandate_headings
            .iter()
            .any(|w| h.contains(w.as_str()))
    });
    under_mandate
        || (kind == InputKind::InfrastructureGuidelines
            && cues.requirements.normative.iter().any(|p| p.is_match(text)))
}

/// Whether a statement is a table row whose status says it is not in force (a proposed, rejected or
/// superseded decision).
pub(super) fn not_in_force(doc: &blocks::Doc, st: &super::statements::Statement<'_>) -> bool {
    let Some(block) = st.block else {
        return false;
    };
    let blocks::BlockKind::Row { table, cells } = &block.kind else {
        return false;
    };
    let Some(header) = doc.tables.get(*table) else {
        return false;
    };
    header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("status"))
        .and_then(|i| cells.get(i))
        .is_some_and(|status| {
            let s = status.to_lowercase();
            [
                "proposed",
                "rejected",
                "superseded",
                "deprecated",
                "draft",
                "withdrawn",
            ]
            .iter()
            .any(|w| s.contains(w))
        })
}

/// A fact for every statement of `input` that names something of the vocabulary (headings and the
/// lines in `covered` aside), one per force.
pub(crate) fn statement_facts(input: &InputDocument, covered: &[u32]) -> Vec<Assumption> {
    let doc = blocks::parse(&input.text);
    let mut out = Vec::new();
    for st in statements(&doc) {
        if st.form == Form::Heading || covered.contains(&st.line) || not_in_force(&doc, &st) {
            continue;
        }
        let skipped = st.headings.iter().any(|h| {
            let h = format!("{} ", h.to_lowercase());
            extraction()
                .modality
                .skipped_headings
                .iter()
                .any(|w| h.contains(w.as_str()))
        });
        if skipped {
            continue;
        }
        let rule = is_rule(input.kind, &st.text, &st.headings);
        let found = forces(&st.text, rule);
        let mut groups: Vec<(Modality, Vec<String>)> = Vec::new();
        for (tag, modality) in found {
            match groups.iter_mut().find(|(m, _)| *m == modality) {
                Some((_, tags)) => tags.push(tag),
                None => groups.push((modality, vec![tag])),
            }
        }
        for (modality, tags) in groups {
            out.push(Assumption {
                topic: content_topic(&tags).unwrap_or(AssumptionTopic::Other),
                text: st.text.clone(),
                tags,
                source: Some(SourceRef {
                    input: input.path.clone(),
                    line: st.line,
                }),
                modality,
                incidental: true,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sentence_mandates_one_tool_and_prohibits_the_others() {
        assert_eq!(
            forces(
                "Terraform is the only approved tool; CDK and Pulumi are not approved.",
                false
            ),
            [
                ("terraform".to_string(), Modality::Mandate),
                ("no-cdk".to_string(), Modality::Prohibition),
                ("no-pulumi".to_string(), Modality::Prohibition),
            ]
        );
        assert_eq!(
            forces("We do not want to run Kubernetes.", false),
            [("no-kubernetes".to_string(), Modality::Prohibition)]
        );
        assert_eq!(
            forces(
                "Managed services should be preferred; PostgreSQL where possible.",
                false
            ),
            [("postgres".to_string(), Modality::Preference)]
        );
        assert_eq!(
            forces("The API runs on ECS Fargate.", false),
            [
                ("ecs".to_string(), Modality::Statement),
                ("fargate".to_string(), Modality::Statement)
            ]
        );
        // A guideline's rule without a cue word of its own mandates.
        assert_eq!(
            forces("Secrets live in HashiCorp Vault.", true).len(),
            0,
            "no vocabulary phrase, no fact"
        );
    }

    #[test]
    fn a_tag_and_its_negation_never_come_from_one_text() {
        let got = forces(
            "Amazon Managed Service for Prometheus, without operating Prometheus ourselves.",
            false,
        );
        let tags: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            !(tags.contains(&"prometheus") && tags.contains(&"no-prometheus")),
            "{got:?}"
        );
    }
}
