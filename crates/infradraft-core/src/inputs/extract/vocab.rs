//! The shared tag vocabulary: the normalised tags that facts (PRD assumptions, tech stack) and option
//! cards are matched on, with the phrases that mean them, and the tagger that finds them in text,
//! negations included.
//!
//! # Tags
//! Each [`TagDef`] of the vocabulary (`assets/extraction/vocabulary.ron`) gives a tag, its [`AssumptionTopic`], its synonyms (matched
//! case-insensitively on word boundaries; a space in a synonym also matches a hyphen, so
//! `event driven` matches `event-driven`) and the tags it implies (`eks` implies `kubernetes`,
//! `modular-monolith` implies `monolith`). Longer synonyms win over shorter ones at the same place
//! (`AWS Lambda` is `serverless`, not `aws`; `self-managed Kubernetes` is
//! `self-managed-kubernetes`, not `kubernetes`).
//!
//! Region names are recognised by pattern rather than by list: AWS (`eu-north-1`), Google Cloud
//! (`europe-west1`) and the common Azure regions (`westeurope`, `Sweden Central` → `swedencentral`);
//! their tag is the region name, topic [`AssumptionTopic::Regions`]. A few product names count only
//! when capitalised: `Go` with a version (`Go 1.23`; else `golang`), `Cloud Run`, `App Service`,
//! `Container Apps`.
//!
//! # Negation
//! A tag that the text rules out is reported as `no-<tag>`: `no self-managed Kubernetes`, `not
//! Kubernetes`, `without Kafka`, `rather than MySQL`, `microservices are explicitly NOT planned`,
//! `Kubernetes: not used`. A negation cue counts within the four words before the phrase (not across a
//! `:` or dash), or right after it (optionally after `is`/`are`/`will be`/… and adverbs such as
//! `explicitly`). Clauses are separated by `.`, `;`, `,` and words such as `but`, `so`, `because`, so
//! `AWS is preferred, not Azure` gives `aws` and `no-azure`. A phrase used as a modifier of people
//! (`no Kubernetes operators`, `Kafka experience`) gives no tag at all.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

pub use crate::knowledge::extraction::TagDef;
use crate::knowledge::extraction::{Negation, Vocabulary, extraction, normalize_phrase};
use crate::model::AssumptionTopic;

fn vocabulary() -> &'static Vocabulary {
    &extraction().vocabulary
}

fn negation() -> &'static Negation {
    &extraction().negation
}

/// The vocabulary entry of a tag (without any `no-` prefix), if it is one.
pub fn tag_def(tag: &str) -> Option<&'static TagDef> {
    vocabulary().tag_def(tag)
}

/// The topic of a tag (a `no-` prefix is ignored); region names give [`AssumptionTopic::Regions`].
pub fn tag_topic(tag: &str) -> Option<AssumptionTopic> {
    vocabulary().tag_topic(tag)
}

/// `tags` with every positive tag's implied tags added (recursively), duplicates removed, order kept.
/// Negative tags (`no-x`) are kept as they are: `no-self-managed-kubernetes` does not rule out
/// managed Kubernetes.
pub fn expand_tags<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut queue: Vec<String> = tags.iter().map(|t| t.as_ref().to_string()).collect();
    queue.reverse();
    while let Some(tag) = queue.pop() {
        if out.contains(&tag) {
            continue;
        }
        if !tag.starts_with("no-")
            && let Some(d) = tag_def(&tag)
        {
            for implied in d.implies.iter().rev() {
                queue.push(implied.clone());
            }
        }
        out.push(tag);
    }
    out
}

/// A phrase of the vocabulary found in a text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermMatch {
    pub start: usize,
    pub end: usize,
    pub tag: String,
}

fn synonym_pattern(syn: &str) -> String {
    // An ASCII word boundary next to an ASCII letter or digit: it lets the regex run as a DFA on
    // text with non-ASCII characters in it (a Unicode boundary makes it fall back to a
    // backtracking search, several times slower on the large inputs). A non-ASCII letter at an
    // edge keeps the Unicode boundary.
    let boundary = |c: Option<char>| match c {
        Some(c) if c.is_ascii_alphanumeric() => r"(?-u:\b)",
        Some(c) if c.is_alphanumeric() => r"\b",
        _ => "",
    };
    let mut p = String::from(boundary(syn.chars().next()));
    let words: Vec<String> = syn.split(' ').map(regex::escape).collect();
    p.push_str(&words.join(r"[\s\-]+"));
    p.push_str(boundary(syn.chars().last()));
    p
}

struct Matcher {
    regex: Regex,
    by_phrase: HashMap<String, &'static str>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut syns: Vec<(&'static str, &'static str)> = vocabulary()
        .tags
        .iter()
        .flat_map(|d| d.synonyms.iter().map(move |s| (s.as_str(), d.tag.as_str())))
        .collect();
    syns.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let pattern = syns
        .iter()
        .map(|(s, _)| synonym_pattern(s))
        .collect::<Vec<_>>()
        .join("|");
    let regex = Regex::new(&format!("(?i)(?:{pattern})")).expect("vocabulary pattern");
    let by_phrase = syns
        .iter()
        .map(|(s, tag)| (normalize_phrase(s), *tag))
        .collect();
    Matcher { regex, by_phrase }
});

static AZURE_REGION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let mut names: Vec<String> = Vec::new();
    for (display, code) in &vocabulary().azure_regions {
        names.push(synonym_pattern(display));
        names.push(format!(r"(?-u:\b){}(?-u:\b)", regex::escape(code)));
    }
    if names.is_empty() {
        return None;
    }
    Regex::new(&format!("(?i)(?:{})", names.join("|"))).ok()
});

/// The region tag for a region name (`eu-north-1`, `europe-west1`, `westeurope`, `West Europe`).
fn region_tag(s: &str) -> Option<String> {
    vocabulary().region_tag(s)
}

/// Whether `start..end` is part of a longer identifier with two hyphens or more (a resource name
/// such as `aks-meridian-prd-weu`): a name made of a product's abbreviation says nothing about
/// the product.
fn inside_identifier(text: &str, start: usize, end: usize) -> bool {
    let is_id = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let from = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_id(c))
        .last()
        .map_or(start, |(i, _)| i);
    let to = text[end..]
        .char_indices()
        .take_while(|&(_, c)| is_id(c))
        .last()
        .map_or(end, |(i, c)| end + i + c.len_utf8());
    let token = text[from..to].trim_end_matches('.');
    (from < start || from + token.len() > end) && token.matches('-').count() >= 2
}

/// Every vocabulary phrase and region name in `text`, in order, without overlaps (a longer phrase
/// wins over a shorter one inside it).
pub(crate) fn find_terms(text: &str) -> Vec<TermMatch> {
    let m = &*MATCHER;
    let mut out: Vec<TermMatch> = m
        .regex
        .find_iter(text)
        .filter(|found| !inside_identifier(text, found.start(), found.end()))
        .filter_map(|found| {
            let tag = m.by_phrase.get(&normalize_phrase(found.as_str()))?;
            Some(TermMatch {
                start: found.start(),
                end: found.end(),
                tag: (*tag).to_string(),
            })
        })
        .collect();
    let regions = vocabulary()
        .region_pattern
        .iter()
        .flat_map(|p| p.find_iter(text))
        .chain(AZURE_REGION.iter().flat_map(|p| p.find_iter(text)))
        .filter_map(|found| {
            Some(TermMatch {
                start: found.start(),
                end: found.end(),
                tag: region_tag(found.as_str())?,
            })
        });
    let named = vocabulary().named.iter().flat_map(|(re, tag)| {
        re.find_iter(text).map(|found| TermMatch {
            start: found.start(),
            end: found.end(),
            tag: tag.clone(),
        })
    });
    for r in regions.chain(named) {
        out.retain(|t| t.end <= r.start || t.start >= r.end);
        out.push(r);
    }
    out.sort_by_key(|t| t.start);
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// Byte ranges of the clauses of `text` (see the module documentation).
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (cut start, next clause start)
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let sep = match b {
            b';' | b',' | b'!' | b'?' => true,
            b'.' => next.is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        };
        if sep {
            cuts.push((i, i + 1));
        }
    }
    for w in &negation().clause_words {
        for (i, _) in lower.match_indices(w.as_str()) {
            cuts.push((i, i + 1));
        }
    }
    cuts.sort();
    let mut out = Vec::new();
    let mut start = 0;
    for (cut, next) in cuts {
        if cut >= start {
            out.push((start, cut));
            start = next;
        }
    }
    out.push((start, text.len()));
    out
}

/// Whether a negation cue is about something else than the phrase after `rest` (the words between
/// the cue and the phrase): a noun and then a preposition ("no database access from Lambda",
/// "instead of secrets for Azure access", "moved away from Jenkins to GitHub Actions"), or a word
/// that turns it on the others ("no other Kubernetes distributions"). A preposition right after
/// the cue belongs to it ("not in Kubernetes", "away from Terraform").
fn cue_ends_before(rest: &[String]) -> bool {
    let n = negation();
    if rest.iter().any(|w| n.others_words.contains(w)) {
        return true;
    }
    // "Don't expose the Kubernetes API server", "never disable GuardDuty": the cue is about what
    // is done to the phrase, which stays.
    if rest
        .iter()
        .find(|w| !matches!(w.as_str(), "the" | "a" | "an" | "any" | "to" | "be"))
        .is_some_and(|w| n.sparing_verbs.contains(w))
    {
        return true;
    }
    let mut seen_noun = false;
    for (k, w) in rest.iter().enumerate() {
        let infinitive = w == "to" && k > 0 && n.intent_verbs.contains(&rest[k - 1]);
        if n.prepositions.contains(w) && !infinitive {
            if seen_noun {
                return true;
            }
        } else if !matches!(w.as_str(), "of" | "than" | "the" | "a" | "an" | "any") && !is_verb(w) {
            seen_noun = true;
        }
    }
    false
}

/// Whether a word is a verb rather than a noun: a preposition after a verb belongs to it ("must
/// not be stored in public cloud services", "not deployed on Kubernetes").
fn is_verb(w: &str) -> bool {
    let n = negation();
    n.intent_verbs.iter().any(|v| v == w)
        || n.verbs.iter().any(|v| v == w)
        || (w.len() > 4 && w.ends_with("ed"))
}

fn modifier_follows(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .is_some_and(|w| negation().modified_nouns.contains(&w))
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect()
}

/// Tags found in `text`, in order of first appearance, `no-<tag>` where the text rules the phrase
/// out (see the module documentation), without duplicates.
pub fn tags_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (tag, negated) in tag_terms(text) {
        let tag = if negated { format!("no-{tag}") } else { tag };
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

/// Like [`tags_in`], but every phrase is taken as ruled out (the subject of an "Explicitly not
/// used" entry).
pub(crate) fn negated_tags_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in find_terms(text) {
        if people_follow(text, t.end) {
            continue;
        }
        let tag = format!("no-{}", t.tag);
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

fn people_follow(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|rest| words(rest).into_iter().next())
        .is_some_and(|w| negation().people_words.contains(&w))
}

/// `(tag, negated)` for each phrase of `text`.
fn tag_terms(text: &str) -> Vec<(String, bool)> {
    tagged(text)
        .into_iter()
        .map(|t| (t.tag, t.negated))
        .collect()
}

/// A vocabulary phrase found in a text, whether the text rules it out, and the clause it is in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tagged {
    pub tag: String,
    pub negated: bool,
    /// Byte range of the phrase.
    pub start: usize,
    pub end: usize,
    /// Byte range of its clause.
    pub clause: (usize, usize),
}

/// Every vocabulary phrase of `text` with its negation and clause (see the module documentation).
pub(crate) fn tagged(text: &str) -> Vec<Tagged> {
    let terms = find_terms(text);
    let mut out = Vec::new();
    for (cs, ce) in clauses(text) {
        let in_clause: Vec<&TermMatch> = terms
            .iter()
            .filter(|t| t.start >= cs && t.end <= ce)
            .collect();
        let mut negations: Vec<bool> = Vec::new();
        for (i, term) in in_clause.iter().enumerate() {
            if people_follow(text, term.end) {
                negations.push(false);
                continue;
            }
            // Before: the words since the clause start or the last ':' or dash, at most four.
            let before_text = text.get(cs..term.start).unwrap_or("");
            let scope_start = before_text
                .char_indices()
                .rev()
                .find(|&(_, c)| matches!(c, ':' | '\u{2014}' | '\u{2013}'))
                .map(|(p, c)| p + c.len_utf8())
                .or_else(|| before_text.rfind(" - ").map(|p| p + 3))
                .unwrap_or(0);
            let before_words = words(&before_text[scope_start..]);
            let window = &before_words[before_words.len().saturating_sub(4)..];
            let mut negated = window.iter().enumerate().any(|(k, w)| {
                negation().before.contains(w)
                    && !cue_ends_before(&window[k + 1..])
                    // "non-production AKS clusters": such a cue is about the word right after it.
                    && (!negation().adjacent_only.contains(w) || k + 1 == window.len())
            });
            // "deny all regions except eu-north-1", "no provider other than AWS": an exception
            // to a ban is what is allowed.
            if negated
                && let Some(k) = window
                    .iter()
                    .rposition(|w| negation().others_words.contains(w))
            {
                let head = &before_words[..before_words.len() - window.len() + k];
                if head
                    .iter()
                    .any(|w| negation().before.contains(w) || negation().ban_verbs.contains(w))
                {
                    negated = false;
                }
            }
            // "never written to Terraform state": the phrase qualifies a noun; it is used, not
            // ruled out.
            if modifier_follows(text, term.end) {
                negated = false;
            }
            // Inside a parenthesis right after a ruled-out phrase: "not Kubernetes (EKS or AKS)".
            if !negated
                && let Some(open) = before_text.rfind('(')
                && !before_text[open..].contains(')')
            {
                let open_abs = cs + open;
                negated = in_clause[..i].iter().zip(&negations).any(|(prev, &neg)| {
                    neg && text
                        .get(prev.end..open_abs)
                        .is_some_and(|gap| gap.trim().is_empty())
                });
            }
            // A positive phrase right after a negated one in "X, not Y" style is not negated
            // by a cue that belongs to the other phrase: "rather than" / "instead of" apply only
            // to what follows them, which the window already handles.
            if !negated {
                let after = text.get(term.end..ce).unwrap_or("");
                if let Some(m) = negation().after.iter().find_map(|p| p.find(after)) {
                    // "Postgres, not MySQL" is split by the comma; "Postgres not MySQL": the cue
                    // is about the next phrase when that follows right after it.
                    let next_close = in_clause.get(i + 1).is_some_and(|n| {
                        n.start >= term.end + m.end() && n.start <= term.end + m.end() + 2
                    });
                    // "Redis is not a system of record" describes Redis; it does not rule it out.
                    let predicate = words(&after[m.end()..])
                        .first()
                        .is_some_and(|w| negation().predicate_words.contains(w));
                    // A phrase inside the words before the cue: a qualifier ("Kubernetes on VMs
                    // is not allowed") is ruled out with it; a subject of its own joined by `and`
                    // or `or` ("Terraform for accounts and Pulumi is not used") takes the cue for
                    // itself, and the list rule decides about this one.
                    let coordinated = in_clause.get(i + 1).is_some_and(|n| {
                        n.start < term.end + m.end()
                            && text.get(term.end..n.start).is_some_and(|gap| {
                                words(gap).iter().any(|w| w == "and" || w == "or")
                            })
                    });
                    negated = !next_close && !predicate && !coordinated;
                }
            }
            negations.push(negated);
            out.push(Tagged {
                tag: term.tag.clone(),
                negated,
                start: term.start,
                end: term.end,
                clause: (cs, ce),
            });
        }
    }
    // A ruling that ends a list covers the whole list: "CDK, Pulumi and Terraform are not
    // approved", "no Kafka, RabbitMQ or NATS". Phrases joined only by commas, `and`, `or`, `nor`,
    // `&` or `/` share the negation of the phrase at the list's end (a cue after it) or at its
    // start (a cue before it).
    let joined = |a: &Tagged, b: &Tagged| {
        text.get(a.end..b.start).is_some_and(|gap| {
            gap.split(|c: char| c.is_whitespace() || matches!(c, ',' | '&' | '/'))
                .all(|w| {
                    w.is_empty()
                        || matches!(w.to_lowercase().as_str(), "and" | "or" | "nor" | "the")
                })
        })
    };
    // Two phrases joined by a comma alone after a cue are a contrast, not a list: "not Azure,
    // AWS — the team knows it" rules out Azure and picks AWS.
    let comma_only = |a: &Tagged, b: &Tagged| {
        text.get(a.end..b.start)
            .is_some_and(|gap| gap.trim() == ",")
    };
    // Whether each phrase is ruled out by a cue after the list it ends (or is part of).
    let mut by_tail: Vec<bool> = out
        .iter()
        .map(|t| {
            t.negated
                && text
                    .get(t.end..)
                    .is_some_and(|rest| negation().after.iter().any(|p| p.is_match(rest)))
        })
        .collect();
    for i in (0..out.len().saturating_sub(1)).rev() {
        if by_tail[i + 1] && !out[i].negated && joined(&out[i], &out[i + 1]) {
            out[i].negated = true;
            by_tail[i] = true;
        }
    }
    // Whether each phrase is ruled out by a cue right before the list it starts (or is part of),
    // or by a cue and its verb ("we don't use AWS, Azure or Google Cloud", "do not want to run
    // Kafka or RabbitMQ").
    let mut by_head: Vec<bool> = out
        .iter()
        .map(|t| {
            let before = words(text.get(..t.start).unwrap_or(""));
            let verbs = before
                .iter()
                .rev()
                .take_while(|w| {
                    w.as_str() == "to"
                        || negation().intent_verbs.contains(*w)
                        || negation().verbs.contains(*w)
                })
                .count()
                .min(3);
            t.negated
                && before[..before.len() - verbs]
                    .last()
                    .is_some_and(|w| negation().before.contains(w))
        })
        .collect();
    for i in 1..out.len() {
        let contrast = comma_only(&out[i - 1], &out[i])
            && (i < 2 || !joined(&out[i - 2], &out[i - 1]))
            && out.get(i + 1).is_none_or(|next| !joined(&out[i], next));
        if by_head[i - 1] && !out[i].negated && !contrast && joined(&out[i - 1], &out[i]) {
            out[i].negated = true;
            by_head[i] = true;
        }
    }
    // A table row whose status cell rules it out ("| Kubernetes / EKS | — | Hold | Not used |").
    if row_ruled_out(text) {
        for t in &mut out {
            t.negated = true;
        }
    }
    out
}

/// Whether a table row (`a | b | c`) has, after its first cell, a cell that is a status ruling
/// the row out: `Hold`, `Retired`, `Prohibited`, `Not used` (up to a `;` or `.`).
fn row_ruled_out(text: &str) -> bool {
    let n = negation();
    let mut cells = text.split('|').map(str::trim).filter(|c| !c.is_empty());
    cells.next();
    cells.any(|c| {
        let status = c
            .split([';', '.', '(', ','])
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(|ch: char| ch == '*' || ch == '_')
            .to_lowercase();
        n.row_statuses.contains(&status)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_longest_match() {
        assert_eq!(tags_in("We run on Amazon Web Services"), vec!["aws"]);
        assert_eq!(
            tags_in("AWS Lambda and Azure Functions"),
            vec!["serverless"]
        );
        assert_eq!(
            tags_in("Google Cloud (GCP), K8s"),
            vec!["gcp", "kubernetes"]
        );
        assert_eq!(tags_in("PostgreSQL 16 or Postgres"), vec!["postgres"]);
        assert_eq!(
            tags_in("self-managed Kubernetes on VMware"),
            vec!["self-managed-kubernetes", "vms"]
        );
        assert_eq!(tags_in("event-driven, Event Driven"), vec!["event-driven"]);
        assert_eq!(
            tags_in("Node.js 22 and C# services"),
            vec!["nodejs", "csharp"]
        );
        assert_eq!(tags_in("Go 1.23, and go-live"), vec!["go"]);
        assert_eq!(
            tags_in("GitHub Actions; GitLab CI"),
            vec!["github-actions", "gitlab-ci"]
        );
        assert_eq!(tags_in("a monolithic app"), vec!["monolith"]);
        assert_eq!(tags_in("a modular monolith"), vec!["modular-monolith"]);
    }

    #[test]
    fn no_partial_words() {
        assert!(tags_in("the ecosystem and javas and rustic gopher").is_empty());
        assert!(tags_in("versions, vmx").is_empty());
    }

    #[test]
    fn regions() {
        assert_eq!(
            tags_in("eu-north-1 primary, eu-central-1 for DR"),
            vec!["eu-north-1", "eu-central-1"]
        );
        assert_eq!(
            tags_in("Sweden Central and westeurope"),
            vec!["swedencentral", "westeurope"]
        );
        assert_eq!(tags_in("GCP europe-west1"), vec!["gcp", "europe-west1"]);
        assert_eq!(tag_topic("eu-west-1"), Some(AssumptionTopic::Regions));
        assert_eq!(
            tag_topic("no-kubernetes"),
            Some(AssumptionTopic::ContainerOrchestration)
        );
        assert_eq!(tag_topic("nonsense"), None);
    }

    #[test]
    fn negations() {
        assert_eq!(
            tags_in("Microservices are explicitly NOT planned for the first 18 months."),
            vec!["no-microservices"]
        );
        assert_eq!(
            tags_in(
                "No self-managed Kubernetes in year one: the team has no Kubernetes operators, so a managed container service is used."
            ),
            vec!["no-self-managed-kubernetes"]
        );
        assert_eq!(
            tags_in("ECS on Fargate; not Kubernetes"),
            vec!["ecs", "fargate", "no-kubernetes"]
        );
        assert_eq!(
            tags_in("AWS is preferred, not Azure"),
            vec!["aws", "no-azure"]
        );
        assert_eq!(
            tags_in("Postgres rather than MySQL"),
            vec!["postgres", "no-mysql"]
        );
        assert_eq!(tags_in("Postgres not MySQL"), vec!["postgres", "no-mysql"]);
        assert_eq!(tags_in("Kubernetes: not used"), vec!["no-kubernetes"]);
        assert_eq!(
            tags_in("Kubernetes will not be used"),
            vec!["no-kubernetes"]
        );
        assert_eq!(
            tags_in("We do not use Kubernetes (EKS or AKS)"),
            vec!["no-kubernetes", "no-eks", "no-aks"]
        );
        assert_eq!(
            tags_in("no manual changes: Terraform only"),
            vec!["terraform"]
        );
        assert_eq!(tags_in("Kafka experience is scarce"), Vec::<String>::new());
        assert_eq!(tags_in("Tests — Vitest: no Kafka"), vec!["no-kafka"]);
        assert_eq!(
            tags_in("Jenkins runs playbooks against the VMs"),
            vec!["jenkins", "vms"]
        );
        assert_eq!(
            tags_in("Lambda only for dispatch; no database access from Lambda"),
            vec!["serverless"]
        );
        assert_eq!(
            tags_in("Secrets must never be written to Terraform state"),
            vec!["terraform"]
        );
        assert_eq!(
            tags_in("average cloud run cost; Cloud Run jobs"),
            vec!["cloud-run"]
        );
        assert_eq!(
            negated_tags_in("Kubernetes (EKS or self-managed)"),
            vec!["no-kubernetes", "no-eks"]
        );
    }

    #[test]
    fn expansion() {
        assert_eq!(
            expand_tags(&["eks", "no-self-managed-kubernetes", "modular-monolith"]),
            vec![
                "eks",
                "kubernetes",
                "managed-kubernetes",
                "no-self-managed-kubernetes",
                "modular-monolith",
                "monolith"
            ]
        );
    }

    #[test]
    fn a_ruling_at_the_end_or_start_of_a_list_covers_the_list() {
        assert_eq!(
            tags_in("CloudFormation, CDK and Terraform are not approved."),
            vec!["no-cloudformation", "no-cdk", "no-terraform"]
        );
        assert_eq!(
            tags_in("No Kafka, RabbitMQ or NATS."),
            vec!["no-kafka", "no-rabbitmq", "no-nats"]
        );
        // A cue with its verb before the list covers it too.
        assert_eq!(
            tags_in("We don't use AWS, Azure or Google Cloud for anything."),
            vec!["no-aws", "no-azure", "no-gcp"]
        );
        assert_eq!(
            tags_in("We do not want to run Kafka or RabbitMQ."),
            vec!["no-kafka", "no-rabbitmq"]
        );
        // Not across other words: only Pulumi is ruled out.
        assert_eq!(
            tags_in("Terraform for accounts and Pulumi is not used."),
            vec!["terraform", "no-pulumi"]
        );
    }

    #[test]
    fn rulings_in_other_words_after_the_phrase() {
        assert_eq!(tags_in("AWS is off the table for now."), vec!["no-aws"]);
        assert_eq!(
            tags_in("We looked at AWS and decided against it."),
            vec!["no-aws"]
        );
        assert_eq!(tags_in("Kafka was turned down."), vec!["no-kafka"]);
    }

    #[test]
    fn a_description_after_not_does_not_rule_the_phrase_out() {
        assert_eq!(tags_in("Redis is not a system of record."), vec!["redis"]);
        assert_eq!(tags_in("Redis is not used."), vec!["no-redis"]);
    }

    #[test]
    fn an_exception_to_a_ban_is_allowed() {
        assert_eq!(
            tags_in(
                "deny all regions except eu-north-1 and eu-central-1, with an exemption for global services"
            ),
            vec!["eu-north-1", "eu-central-1"]
        );
        assert_eq!(
            tags_in("No cloud provider other than AWS may be used."),
            vec!["aws"]
        );
        assert_eq!(
            tags_in("Customer data must not be stored in public cloud services."),
            vec!["no-public-cloud"]
        );
    }

    #[test]
    fn what_a_cue_does_to_a_phrase_and_rows_ruled_out() {
        // A cue about what is done to a phrase keeps it.
        assert_eq!(
            tags_in("Don't expose the Kubernetes API server publicly."),
            vec!["kubernetes"]
        );
        assert_eq!(
            tags_in("Never disable the Prometheus alerts."),
            vec!["prometheus"]
        );
        assert_eq!(
            tags_in("Don't build dashboards outside Azure Managed Grafana."),
            vec!["azure", "grafana"]
        );
        // "non" reaches only the word after it.
        assert_eq!(
            tags_in("Non-production AKS clusters should be stopped at night."),
            vec!["aks"]
        );
        // A status cell rules the row out; a plain row does not.
        assert_eq!(
            tags_in("Kubernetes / EKS | — | Hold | Not used; see PRD"),
            vec!["no-kubernetes", "no-eks"]
        );
        assert_eq!(
            tags_in("Compute | ECS on Fargate | Adopt"),
            vec!["ecs", "fargate"]
        );
        // A cue before a verb still rules out what the verb acts on.
        assert_eq!(
            tags_in("We do not want to run Kubernetes."),
            vec!["no-kubernetes"]
        );
    }

    #[test]
    fn resource_names_are_not_products() {
        assert_eq!(
            tags_in("Names follow <abbr>-<product>-<env>, e.g. aks-meridian-prd-weu."),
            Vec::<String>::new()
        );
        assert_eq!(
            tags_in("A self-hosted k3s cluster on AKS."),
            ["k3s", "aks"].map(|t| match t {
                "k3s" => "self-managed-kubernetes",
                other => other,
            })
        );
    }

    #[test]
    fn a_cue_keeps_to_its_own_words() {
        let t = |text: &str| tags_in(text);
        assert_eq!(
            t("Platform: OpenShift on premises; no other Kubernetes distributions."),
            ["openshift", "on-premises", "kubernetes"]
        );
        assert_eq!(
            t("Workloads use workload identity instead of secrets for Azure access."),
            ["azure"]
        );
        assert_eq!(
            t("We moved away from Jenkins to GitHub Actions last year."),
            ["no-jenkins", "github-actions"]
        );
        assert_eq!(
            t("Cloud: not Azure, AWS — the team knows it."),
            ["no-azure", "aws"]
        );
        assert_eq!(
            t("Not Azure, AWS or GCP."),
            ["no-azure", "no-aws", "no-gcp"]
        );
        assert_eq!(
            t("Database on VMs, not in Kubernetes."),
            ["vms", "no-kubernetes"]
        );
        assert_eq!(
            t("Self-managed Kubernetes on VMs is not allowed."),
            ["no-self-managed-kubernetes", "no-vms"]
        );
        assert_eq!(
            t("Pulumi and Deployment Manager must not be used."),
            ["no-pulumi"]
        );
        assert_eq!(
            t("Terraform and the AWS CDK are not on the approved software list."),
            ["no-terraform", "no-cdk"]
        );
    }

    #[test]
    fn vocabulary_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        for d in &vocabulary().tags {
            assert!(seen.insert(&d.tag), "duplicate tag {}", d.tag);
            assert!(!d.tag.starts_with("no-"));
            for s in &d.synonyms {
                assert_eq!(*s, s.to_lowercase(), "{s}");
            }
            for i in &d.implies {
                assert!(tag_def(i).is_some(), "{} implies unknown {i}", d.tag);
            }
        }
        let mut phrases = std::collections::HashMap::new();
        for d in &vocabulary().tags {
            for s in &d.synonyms {
                if let Some(other) = phrases.insert(normalize_phrase(s), &d.tag) {
                    panic!("{s} is a synonym of both {other} and {}", d.tag);
                }
            }
        }
    }
}
