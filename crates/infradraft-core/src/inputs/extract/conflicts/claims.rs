//! The statements of the inputs as the conflict rules see them: each is a **rule** (it says how
//! the system must or must not be: a requirement, a guideline, a mandate or a prohibition
//! anywhere) or a **description** (it says how the system is or will be: a statement of the
//! architecture document or the tech stack that is not a rule), with the tags it names and their
//! force. Statements under headings that neither rule nor describe (alternatives considered,
//! glossaries, open questions, stories) are left out.

use std::collections::HashSet;

use crate::knowledge::extraction::{Phrases, extraction};
use crate::model::{InputDocument, InputKind, Modality, Requirement};

use super::super::blocks;
use super::super::facts::{forces, is_rule, not_in_force};
use super::super::statements::{Form, statements};

/// One statement of an input.
#[derive(Debug, Clone)]
pub(super) struct Claim<'a> {
    pub input: &'a InputDocument,
    /// 1-based line the statement starts on.
    pub line: u32,
    /// The statement on one line.
    pub text: String,
    pub rule: bool,
    pub description: bool,
    /// A description of the past ("we used Jenkins until 2024"): what it names is not in use.
    pub past: bool,
    /// The vocabulary tags it names with their force (`no-<tag>` for a prohibition), as the
    /// facts read them.
    pub tags: Vec<(String, Modality)>,
}

impl Claim<'_> {
    /// The tags it mandates.
    pub fn mandated(&self) -> impl Iterator<Item = &str> {
        self.tags
            .iter()
            .filter(|(_, m)| *m == Modality::Mandate)
            .map(|(t, _)| t.as_str())
    }

    /// The tags it rules out, without their `no-`.
    pub fn prohibited(&self) -> impl Iterator<Item = &str> {
        self.tags
            .iter()
            .filter_map(|(t, m)| (*m == Modality::Prohibition).then(|| t.strip_prefix("no-"))?)
    }

    /// Whether two claims are one statement.
    pub fn same_place(&self, other: &Claim<'_>) -> bool {
        self.input.path == other.input.path && self.line == other.line && self.text == other.text
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn under_any(headings: &[&str], words: &[String]) -> bool {
    headings.iter().any(|h| {
        let h = format!("{} ", h.to_lowercase());
        words.iter().any(|w| h.contains(w.as_str()))
    })
}

/// Whether a statement asks rather than states: a sentence ending in `?`, or a table row whose
/// first cell does ("Should Canadian shippers' data stay in Canada? | Asked legal").
fn is_question(text: &str) -> bool {
    let first = text.split(" | ").next().unwrap_or(text);
    let first = first.trim_end_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    first.ends_with('?') || text.trim_end().ends_with('?')
}

/// Whether a statement of a PRD sets a target (an availability, RPO, RTO, retention or budget):
/// what a PRD states of these is asked of the system, however it is worded ("Zero data loss for
/// clinical data").
fn states_target(text: &str) -> bool {
    use crate::model::Figure;
    super::super::figures::figures(text).iter().any(|f| {
        matches!(
            f,
            Figure::Availability { .. }
                | Figure::Rpo { .. }
                | Figure::Rto { .. }
                | Figure::Retention { .. }
                | Figure::Budget { .. }
        )
    })
}

/// Every statement of every input, with what the rules need to know of it. `requirements` are the
/// requirements extracted from the same inputs: a statement on a requirement's line is a rule.
pub(super) fn claims<'a>(
    inputs: &'a [InputDocument],
    requirements: &[Requirement],
) -> Vec<Claim<'a>> {
    let k = extraction();
    let required: HashSet<(&str, u32)> = requirements
        .iter()
        .filter_map(|r| r.source.as_ref())
        .map(|s| (s.input.as_str(), s.line))
        .collect();
    let mut out = Vec::new();
    for input in inputs {
        let doc = blocks::parse(&input.text);
        for st in statements(&doc) {
            if st.form == Form::Heading
                || not_in_force(&doc, &st)
                || under_any(&st.headings, &k.modality.skipped_headings)
                || under_any(&st.headings, &k.conflicts.ignored_headings)
            {
                continue;
            }
            let text = one_line(&st.text);
            if text.is_empty() || is_question(&text) {
                continue;
            }
            let normative = is_rule(input.kind, &text, &st.headings);
            let rule = normative
                || input.kind == InputKind::InfrastructureGuidelines
                || required.contains(&(input.path.as_str(), st.line))
                || k.modality.mandate.iter().any(|p| p.is_match(&text))
                || (input.kind == InputKind::Prd && states_target(&text));
            let description = !rule
                && matches!(
                    input.kind,
                    InputKind::Architecture | InputKind::TechStack | InputKind::Other
                );
            let past = k.conflicts.past.is_match(&text);
            let tags = forces(&text, normative);
            out.push(Claim {
                input,
                line: st.line,
                text,
                rule,
                description,
                past,
                tags,
            });
        }
    }
    out
}

/// The byte range of the clause of `text` around `start..end`: up to the nearest `;`, `.`, `!`,
/// `?` or `:` before a space, or a parenthesis, on either side.
pub(super) fn clause(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_cut = |i: usize| -> bool {
        match bytes[i] {
            b';' | b'(' | b')' => true,
            b'.' | b'!' | b'?' | b':' => bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        }
    };
    let from = (0..start.min(bytes.len()))
        .rev()
        .find(|&i| is_cut(i))
        .map_or(0, |i| i + 1);
    let to = (end.min(bytes.len())..bytes.len())
        .find(|&i| is_cut(i))
        .unwrap_or(bytes.len());
    (from, to)
}

/// The text of at most `n` words before byte `at`, within its clause.
pub(super) fn words_before(text: &str, at: usize, n: usize) -> &str {
    let (from, _) = clause(text, at, at);
    let head = text.get(from..at).unwrap_or("");
    let mut count = 0;
    let mut cut = 0;
    let mut in_word = false;
    for (i, c) in head.char_indices().rev() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    cut = i + c.len_utf8();
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    &head[cut..]
}

/// The text of at most `n` words after byte `at`, within its clause.
pub(super) fn words_after(text: &str, at: usize, n: usize) -> &str {
    let (_, to) = clause(text, at, at);
    let tail = text.get(at..to.max(at)).unwrap_or("");
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in tail.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return &tail[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    tail
}

/// Whether a phrase of `phrases` stands within `n` words of `start..end` in its clause.
pub(super) fn near(phrases: &Phrases, text: &str, start: usize, end: usize, n: usize) -> bool {
    phrases.is_match(words_before(text, start, n)) || phrases.is_match(words_after(text, end, n))
}

/// Whether the words at `start..end` are about an environment other than production: the
/// statement starts with one ("dev | nsf-dev | Single-AZ database"), or one is named next to them
/// ("single-AZ (dev)").
pub(super) fn non_production(text: &str, start: usize, end: usize) -> bool {
    let env = &extraction().conflicts.non_production;
    let first = text
        .split(" | ")
        .next()
        .unwrap_or(text)
        .split([':', ',', '('])
        .next()
        .unwrap_or("")
        .trim();
    let first_is_env = !first.is_empty()
        && first.split_whitespace().count() <= 2
        && env.find(first).first().is_some_and(|&(s, _)| s == 0);
    // A parenthesis right after names where it applies ("single-AZ (dev)").
    let bracketed = text.get(end..).is_some_and(|rest| {
        rest.trim_start()
            .strip_prefix('(')
            .and_then(|inner| inner.split(')').next())
            .is_some_and(|inner| env.find(inner).first().is_some_and(|&(s, _)| s == 0))
    });
    first_is_env || bracketed || near(env, text, start, end, 3)
}

/// Whether the phrase at `start..end` is switched off ("PITR is not enabled", "no geo-replication").
pub(super) fn switched_off(text: &str, start: usize, end: usize) -> bool {
    near(&extraction().conflicts.off, text, start, end, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_and_words_around() {
        let t = "Backups: automated RDS backups, 7 days; PITR is not enabled. Next.";
        let at = t.find("PITR").unwrap();
        assert_eq!(
            &t[clause(t, at, at + 4).0..clause(t, at, at + 4).1],
            " PITR is not enabled"
        );
        assert_eq!(words_after(t, at + 4, 2), " is not");
        let seven = t.find("7 days").unwrap();
        assert_eq!(words_before(t, seven, 2), "RDS backups, ");
        assert!(switched_off(t, at, at + 4));
        let on = "PITR on, 14 days minimum";
        assert!(!switched_off(on, 0, 4));
    }
}
