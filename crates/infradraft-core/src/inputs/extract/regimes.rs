//! Compliance regimes named in the inputs: every statement that names a regime the knowledge files
//! know (`assets/extraction/regimes.ron`) is evidence, either that it applies or, when a
//! not-applicable phrase ("does not apply", "not required") stands next to it, that it does not.
//!
//! The phrase counts for a regime within ten words after its name or four before it, in the same
//! sentence part (not across `.`, `;` or "but"), and not past another regime's name: in "GDPR
//! applies, HIPAA does not apply" only HIPAA is ruled out. Mentions under headings such as
//! "Glossary", "References" or "Out of scope" are not evidence that a regime applies; under "Out of
//! scope" they are evidence that it does not.

use crate::knowledge::extraction::extraction;
use crate::model::{InputDocument, RegimeEvidence, SourceRef};

use super::blocks;
use super::statements::{Form, statements};

/// Headings whose mentions say nothing about scope.
const REFERENCE_HEADINGS: &[&str] = &[
    "glossary",
    "definitions",
    "abbreviations",
    "acronyms",
    "references",
    "further reading",
    "change log",
    "changelog",
    "revision history",
];

/// Headings under which a named regime is out of scope.
const OUT_OF_SCOPE_HEADINGS: &[&str] = &["out of scope", "not in scope", "non-goals", "non goals"];

fn under(headings: &[&str], words: &[&str]) -> bool {
    headings.iter().any(|h| {
        let h = h.to_lowercase();
        words.iter().any(|w| h.contains(w))
    })
}

/// Byte offsets where a sentence part ends, for the not-applicable window.
fn part_bounds(lower: &str, at: usize) -> (usize, usize) {
    let stops = |c: char| matches!(c, '.' | ';' | '!' | '?');
    let mut start = lower[..at].rfind(|c: char| stops(c)).map_or(0, |i| i + 1);
    let mut end = lower[at..].find(stops).map_or(lower.len(), |i| at + i);
    for word in [" but ", " however ", " whereas ", " while ", " although "] {
        if let Some(i) = lower[start..at].rfind(word) {
            start = start.max(start + i + word.len() - 1);
        }
        if let Some(i) = lower[at..end].find(word) {
            end = end.min(at + i);
        }
    }
    (start, end)
}

fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Every mention of a known regime in `inputs`, in input and line order.
pub fn regime_evidence(inputs: &[InputDocument]) -> Vec<RegimeEvidence> {
    let known = &extraction().regimes;
    let mut out = Vec::new();
    for input in inputs {
        let doc = blocks::parse(&input.text);
        for st in statements(&doc) {
            let lower = st.text.to_lowercase();
            // (start, end, regime) of each mention in the statement.
            let mut mentions: Vec<(usize, usize, &str)> = Vec::new();
            for r in &known.regimes {
                for p in &r.patterns {
                    for m in p.find_iter(&st.text) {
                        if !mentions
                            .iter()
                            .any(|(s, e, _)| m.start() < *e && *s < m.end())
                        {
                            mentions.push((m.start(), m.end(), &r.name));
                        }
                    }
                }
            }
            // A question names a regime without saying whether it applies.
            if mentions.is_empty()
                || under(&st.headings, REFERENCE_HEADINGS)
                || st.text.trim_end().ends_with('?')
            {
                continue;
            }
            mentions.sort_by_key(|m| m.0);
            let out_of_scope = under(&st.headings, OUT_OF_SCOPE_HEADINGS)
                || (st.form == Form::Heading && under(&[st.text.as_str()], OUT_OF_SCOPE_HEADINGS));
            for (k, &(start, end, name)) in mentions.iter().enumerate() {
                let (part_start, part_end) = part_bounds(&lower, start);
                let prev_end = k
                    .checked_sub(1)
                    .map_or(part_start, |j| mentions[j].1.max(part_start));
                let next_start = mentions.get(k + 1).map_or(part_end, |m| m.0.min(part_end));
                let after = lower.get(end..next_start).unwrap_or("");
                let before = lower.get(prev_end..start).unwrap_or("");
                // "We have been asked whether DORA applies": a reported question.
                if known.asked.iter().any(|phrase| {
                    before
                        .rfind(phrase.as_str())
                        .is_some_and(|i| word_count(&before[i + phrase.len()..]) <= 4)
                }) {
                    continue;
                }
                let ruled_out = known.not_applicable.iter().any(|phrase| {
                    after
                        .find(phrase.as_str())
                        .is_some_and(|i| word_count(&after[..i]) <= 10)
                        || before
                            .rfind(phrase.as_str())
                            .is_some_and(|i| word_count(&before[i + phrase.len()..]) <= 4)
                });
                let evidence = RegimeEvidence {
                    regime: name.to_string(),
                    applies: !(ruled_out || out_of_scope),
                    text: st.text.clone(),
                    source: SourceRef {
                        input: input.path.clone(),
                        line: st.line,
                    },
                };
                // One piece of evidence per regime, line and verdict: a line that asks about a
                // regime and then rules it out keeps the ruling.
                let duplicate = out.iter().any(|e: &RegimeEvidence| {
                    e.regime == evidence.regime
                        && e.source == evidence.source
                        && e.applies == evidence.applies
                });
                if !duplicate {
                    out.push(evidence);
                }
            }
        }
    }
    out
}

/// The regimes the evidence puts in scope: named somewhere as applying, and nowhere ruled out.
/// A regime both named and ruled out (in different places) is left for the person: not in scope.
pub fn regimes_in_scope(evidence: &[RegimeEvidence]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in evidence {
        let ruled_out = evidence.iter().any(|o| o.regime == e.regime && !o.applies);
        if e.applies && !ruled_out && !out.contains(&e.regime) {
            out.push(e.regime.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputKind;

    fn evidence(text: &str) -> Vec<(String, bool, u32)> {
        let doc = InputDocument {
            kind: InputKind::Prd,
            path: "prd.md".into(),
            sha256: String::new(),
            snapshot_at: jiff::Timestamp::UNIX_EPOCH,
            text: text.into(),
        };
        regime_evidence(&[doc])
            .into_iter()
            .map(|e| (e.regime, e.applies, e.source.line))
            .collect()
    }

    #[test]
    fn a_question_about_a_regime_is_no_evidence_and_its_answer_decides() {
        assert_eq!(
            evidence(
                "We have been asked whether DORA applies because we take payments. It does not."
            ),
            []
        );
        let e = evidence(
            "People sometimes ask about NIS2. We are too small, so NIS2 doesn't apply to us.",
        );
        assert_eq!(e, [("NIS2".to_string(), false, 1)]);
        assert_eq!(
            regimes_in_scope(&regime_evidence(&[InputDocument {
                kind: InputKind::Prd,
                path: "prd.md".into(),
                sha256: String::new(),
                snapshot_at: jiff::Timestamp::UNIX_EPOCH,
                text: "Tomás asked whether the contract needs SOC 2. It does not, and we are not doing SOC 2 this year.\n".into(),
            }])),
            Vec::<String>::new()
        );
        assert_eq!(
            evidence("We never see card data, so PCI DSS isn't our problem."),
            [("PCI DSS".to_string(), false, 1)]
        );
    }

    #[test]
    fn named_regimes_apply_unless_ruled_out_next_to_them() {
        let got = evidence(
            "# P\n\nWe take card payments, so PCI DSS applies.\nCustomers in the EU → GDPR.\n\nGDPR applies, HIPAA does not apply: we hold no health data.\nA SOC 2 Type II report is not required this year.\nAs a German bank we fall under DORA and BaFin's BAIT.\n",
        );
        assert_eq!(
            got,
            [
                ("PCI DSS".to_string(), true, 3),
                ("GDPR".to_string(), true, 4),
                ("GDPR".to_string(), true, 6),
                ("HIPAA".to_string(), false, 6),
                ("SOC 2".to_string(), false, 7),
                ("DORA".to_string(), true, 8),
            ]
        );
    }

    #[test]
    fn glossaries_say_nothing_and_out_of_scope_rules_out() {
        let got = evidence(
            "# P\n\n## Glossary\n\n- PCI DSS: the card industry's standard.\n\n## Out of scope\n\n- FedRAMP authorisation.\n\n## Compliance\n\nISO/IEC 27001 certification is expected by 2027.\n",
        );
        assert_eq!(
            got,
            [
                ("FedRAMP".to_string(), false, 9),
                ("ISO 27001".to_string(), true, 13),
            ]
        );
        let in_scope = regimes_in_scope(&regime_evidence(&[InputDocument {
            kind: InputKind::Prd,
            path: "p".into(),
            sha256: String::new(),
            snapshot_at: jiff::Timestamp::UNIX_EPOCH,
            text: "HIPAA applies.\n\nLater: HIPAA does not apply after all.\n\nGDPR applies.\n"
                .into(),
        }]));
        assert_eq!(in_scope, ["GDPR"]);
    }
}
