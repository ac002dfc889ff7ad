//! The cross-check of infrastructure options and decisions against the inputs: the PRD's Technical
//! Assumptions, the tech stack and other facts ([`crate::inputs::extract::all_facts`]), and the
//! figures of the requirements.
//!
//! # Rules for facts
//! Option tags and fact tags are compared after [`expand_tags`] (`eks` also counts as `kubernetes`,
//! `modular-monolith` as `monolith`), case-insensitively. For each fact, at most one finding, and
//! for each reason and document one finding in all: of the facts that give the same reason, the
//! firmest (a mandate or prohibition, then a preference, then a statement) is the evidence:
//! - **Conflicting** when the option's `conflicts_with` holds a tag the fact asserts (option conflicts
//!   with `serverless`, PRD assumes `serverless`); or the option has a tag X and the fact rules X
//!   out with `no-X` (option `microservices`, PRD `no-microservices`); or the fact rules out a
//!   compound of two option tags (option `self-managed` + `kubernetes`, PRD
//!   `no-self-managed-kubernetes`); or the option has `no-X` and the fact asserts X.
//! - **Aligned**, otherwise, when an option tag equals a tag the fact asserts (or a compound of two
//!   option tags does), or the option's `conflicts_with` holds a tag the fact also rules out.
//! - **NotAddressed**, otherwise, for facts of the topics RepositoryStructure and
//!   ServiceArchitecture that come from a PRD (or from an input that is not among `inputs`): the
//!   PRD's repository and service-architecture decisions are shown beside every option even when the
//!   option says nothing about them. Other facts that the option does not touch give no finding.
//!
//! # Exclusive kinds
//! A fact that mandates one tool of a kind a project uses one of (the exclusive groups of
//! `conflicts.ron`: the infrastructure-as-code tool, the CI/CD system, …) goes against an option
//! built on another tool of that kind, or one that declares it `answers` that kind; a fact kept
//! where the documents keep their facts (a stack row) that states or prefers one goes against it
//! less firmly.
//!
//! # Rules for requirement figures
//! The strictest RPO, RTO and availability the requirements ask for, and the loss of a region or
//! site they ask to survive ([`figures::Needs`]), are compared by value with what the option
//! achieves ([`figures::capabilities_of`]): met by what it typically achieves (aligned), met only at
//! its best (aligned, fewer points), or not met (conflicting). One finding per comparison.
//!
//! # What rules an option out
//! A conflicting finding on a mandate, a prohibition or a required figure rules the option out
//! ([`Finding::rules_out`]): the ranking never recommends it and the card shows it greyed with the
//! reason. Other conflicting findings weigh against it.
//!
//! # Evidence
//! A finding's evidence is the fact's or requirement's source; for a multi-line fact, the line of the
//! fact on which the matching phrase appears. The quote is that line of the matching input's text,
//! trimmed (empty when the input is not among `inputs`). Findings come Conflicting first, then
//! NotAddressed, then Aligned, each in fact order (facts before requirements).

mod facts;
pub mod figures;
#[cfg(test)]
mod tests;

use crate::inputs::extract::source_line;
use crate::inputs::extract::vocab::{expand_tags, find_terms};
use crate::model::{
    Assumption, AssumptionTopic, ComponentDesign, InputDocument, InputKind, Modality, OptionCard,
    Requirement, SourceRef,
};

pub use figures::{Comparison, Needs, Outcome};
use figures::{capabilities_of, compare};

/// How an option relates to one fact or requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The option agrees with the fact or meets the requirement's figure.
    Aligned,
    /// The option contradicts the fact or cannot meet the requirement's figure.
    Conflicting,
    /// A PRD repository or service-architecture decision the option says nothing about.
    NotAddressed,
}

impl Verdict {
    /// A short lower-case label: `aligned`, `conflicting`, `not addressed`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Aligned => "aligned",
            Verdict::Conflicting => "conflicting",
            Verdict::NotAddressed => "not addressed",
        }
    }

    fn rank(self) -> u8 {
        match self {
            Verdict::Conflicting => 0,
            Verdict::NotAddressed => 1,
            Verdict::Aligned => 2,
        }
    }
}

/// One result of the cross-check.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Aligned, conflicting or not addressed.
    pub verdict: Verdict,
    /// The fact's or the requirement's text.
    pub fact: String,
    /// Where the evidence is: input path and 1-based line.
    pub evidence: Option<SourceRef>,
    /// The evidence line of the input, trimmed; empty when the input is not available.
    pub quote: String,
    /// One sentence: which tag or figure matched or clashed.
    pub explanation: String,
    /// What the finding rests on: a fact (with its force) or a required figure.
    pub basis: Basis,
    /// The tag that matched or clashed, for a fact.
    pub tag: Option<String>,
    /// For a figure: met only at the option's best.
    pub at_best: bool,
    /// A few words for a card: the fact's text, or the figure against what the option gives.
    pub brief: String,
    /// A figure not met because the option does not survive a failure the requirements ask it to
    /// survive: worse than falling short of a figure by a degree.
    pub outage: bool,
}

/// What a finding rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Fact {
        modality: Modality,
        topic: AssumptionTopic,
    },
    /// A figure a requirement asks for.
    Figure,
}

impl Finding {
    /// Whether the finding rules the option out: it breaks a mandate, a prohibition or a required
    /// figure.
    pub fn rules_out(&self) -> bool {
        self.verdict == Verdict::Conflicting
            && match self.basis {
                Basis::Figure => true,
                Basis::Fact { modality, .. } => {
                    matches!(modality, Modality::Mandate | Modality::Prohibition)
                }
            }
    }

    /// A one-line description for lists and for recording an accepted conflict
    /// (`ConflictAck::finding`): `conflicting: <explanation> — "<quote>" (prd.md:106)`.
    pub fn describe(&self) -> String {
        let mut s = format!("{}: {}", self.verdict.label(), self.explanation);
        if !self.quote.is_empty() {
            s.push_str(&format!(" — \"{}\"", self.quote));
        }
        if let Some(e) = &self.evidence {
            s.push_str(&format!(" ({}:{})", e.input, e.line));
        }
        s
    }
}

fn norm_tags(tags: &[String]) -> Vec<String> {
    let lowered: Vec<String> = tags
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    expand_tags(&lowered)
}

fn split(tags: &[String]) -> (Vec<String>, Vec<String>) {
    let mut pos = Vec::new();
    let mut neg = Vec::new();
    for t in tags {
        match t.strip_prefix("no-") {
            Some(n) => neg.push(n.to_string()),
            None => pos.push(t.clone()),
        }
    }
    (pos, neg)
}

/// Whether `tag` is an option tag or the join of two option tags (`self-managed` + `kubernetes`).
fn option_has(option_pos: &[String], tag: &str) -> bool {
    option_pos.iter().any(|t| t == tag)
        || option_pos.iter().any(|a| {
            option_pos
                .iter()
                .any(|b| a != b && tag.len() == a.len() + 1 + b.len() && tag == format!("{a}-{b}"))
        })
}

fn input_of<'a>(inputs: &'a [InputDocument], source: &SourceRef) -> Option<&'a InputDocument> {
    inputs.iter().find(|i| i.path == source.input)
}

/// The evidence line for `tag` in the fact at `source`: the first line from the fact's line on (up
/// to its end: a blank line or 40 lines) that mentions the tag; else the fact's line.
fn evidence(
    inputs: &[InputDocument],
    source: Option<&SourceRef>,
    tag: Option<&str>,
) -> (Option<SourceRef>, String) {
    evidence_with(inputs, source, tag, &|text: &str, _: u32| line_tags(text))
}

/// The tags a line of an input names, with their implied tags.
fn line_tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in find_terms(text) {
        for e in expand_tags(&[t.tag.as_str()]) {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// [`evidence`], with the tags of a line (its text and number) from `tags_at`.
fn evidence_with(
    inputs: &[InputDocument],
    source: Option<&SourceRef>,
    tag: Option<&str>,
    tags_at: &dyn Fn(&str, u32) -> Vec<String>,
) -> (Option<SourceRef>, String) {
    let Some(source) = source else {
        return (None, String::new());
    };
    let Some(doc) = input_of(inputs, source) else {
        return (Some(source.clone()), String::new());
    };
    let mut line = source.line;
    if let Some(tag) = tag {
        let mut l = source.line;
        loop {
            let text = source_line(&doc.text, l);
            if text.is_empty() || l >= source.line.saturating_add(40) {
                break;
            }
            if tags_at(text, l).iter().any(|e| e == tag) {
                line = l;
                break;
            }
            l += 1;
        }
    }
    let quote = source_line(&doc.text, line).to_string();
    (
        Some(SourceRef {
            input: source.input.clone(),
            line,
        }),
        quote,
    )
}

fn quoted(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn topic_name(topic: AssumptionTopic) -> &'static str {
    match topic {
        AssumptionTopic::RepositoryStructure => "repository structure",
        AssumptionTopic::ServiceArchitecture => "service architecture",
        AssumptionTopic::Testing => "testing",
        AssumptionTopic::CloudProvider => "cloud provider",
        AssumptionTopic::Regions => "regions",
        AssumptionTopic::Languages => "languages",
        AssumptionTopic::Databases => "databases",
        AssumptionTopic::Messaging => "messaging",
        AssumptionTopic::InfrastructureAsCode => "infrastructure as code",
        AssumptionTopic::ContinuousIntegration => "CI/CD",
        AssumptionTopic::ContainerOrchestration => "container orchestration",
        AssumptionTopic::Other => "other",
    }
}

fn from_prd(fact: &Assumption, inputs: &[InputDocument]) -> bool {
    match fact.source.as_ref().and_then(|s| input_of(inputs, s)) {
        Some(doc) => doc.kind == InputKind::Prd,
        None => true,
    }
}

fn source_name(fact: &Assumption, inputs: &[InputDocument]) -> &'static str {
    match fact
        .source
        .as_ref()
        .and_then(|s| input_of(inputs, s))
        .map(|d| d.kind)
    {
        Some(InputKind::Prd) | None => "the PRD",
        Some(InputKind::TechStack) => "the tech stack",
        Some(InputKind::Architecture) => "the architecture",
        Some(InputKind::InfrastructureGuidelines) => "the infrastructure guidelines",
        Some(InputKind::Other) => "the input",
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>() + ".",
        None => String::new(),
    }
}

/// An option's tags as the rules read them.
pub(crate) struct OptionTags {
    id: String,
    pos: Vec<String>,
    neg: Vec<String>,
    /// Tags of facts the option contradicts.
    conflicts: Vec<String>,
    /// What the option contradicts a rule against: `no-kubernetes` in `conflicts_with` clashes
    /// with a fact that says `no-kubernetes`.
    conflicts_negated: Vec<String>,
    answers: Vec<String>,
    /// Provider tags of a card that names several providers (a pattern realised on each): they
    /// say where it can run, not that it matches a fact naming one of them.
    vague_providers: Vec<String>,
}

const PROVIDERS: [&str; 3] = ["aws", "azure", "gcp"];

impl OptionTags {
    fn of(option: &OptionCard) -> OptionTags {
        let opt_tags = norm_tags(&option.tags);
        let (pos, neg) = split(&opt_tags);
        let (conflicts, conflicts_negated) = split(&norm_tags(&option.conflicts_with));
        let providers: Vec<String> = PROVIDERS
            .iter()
            .filter(|p| pos.iter().any(|t| t == *p))
            .map(|p| p.to_string())
            .collect();
        OptionTags {
            id: option.id.clone(),
            pos,
            neg,
            conflicts,
            conflicts_negated,
            answers: option.answers.clone(),
            vague_providers: if providers.len() > 1 {
                providers
            } else {
                Vec::new()
            },
        }
    }
}

/// Judges options against one set of inputs; what all options share (the needed figures) is
/// worked out once.
pub struct Assessor<'a> {
    facts: &'a [Assumption],
    inputs: &'a [InputDocument],
    needs: std::borrow::Cow<'a, Needs>,
    /// The evidence found for a source and a tag, kept: many options are judged against the same
    /// facts, and finding the line that names a tag reads the input.
    quotes: EvidenceCache,
    /// The tags each line of an input names, kept for the same reason: the lines after facts
    /// that lie close together are read for many of them.
    line_tags: std::cell::RefCell<std::collections::HashMap<(String, u32), Vec<String>>>,
}

type EvidenceCache = std::cell::RefCell<
    std::collections::HashMap<(String, u32, Option<String>), (Option<SourceRef>, String)>,
>;

impl<'a> Assessor<'a> {
    pub fn new(
        facts: &'a [Assumption],
        requirements: &[Requirement],
        inputs: &'a [InputDocument],
    ) -> Assessor<'a> {
        Assessor {
            facts,
            inputs,
            needs: std::borrow::Cow::Owned(Needs::of(requirements)),
            quotes: Default::default(),
            line_tags: Default::default(),
        }
    }

    /// [`evidence`] for a source and a tag, looked up once per assessor.
    fn evidence(
        &self,
        source: Option<&SourceRef>,
        tag: Option<&str>,
    ) -> (Option<SourceRef>, String) {
        let Some(src) = source else {
            return (None, String::new());
        };
        let key = (src.input.clone(), src.line, tag.map(str::to_string));
        if let Some(found) = self.quotes.borrow().get(&key) {
            return found.clone();
        }
        let tags_at = |text: &str, line: u32| {
            let key = (src.input.clone(), line);
            if let Some(tags) = self.line_tags.borrow().get(&key) {
                return tags.clone();
            }
            let tags = line_tags(text);
            self.line_tags.borrow_mut().insert(key, tags.clone());
            tags
        };
        let found = evidence_with(self.inputs, source, tag, &tags_at);
        self.quotes.borrow_mut().insert(key, found.clone());
        found
    }

    /// The facts options are judged against.
    pub fn facts(&self) -> &'a [Assumption] {
        self.facts
    }

    /// An assessor with needs worked out before (see [`Needs::of`]).
    pub fn with_needs(
        facts: &'a [Assumption],
        needs: &'a Needs,
        inputs: &'a [InputDocument],
    ) -> Assessor<'a> {
        Assessor {
            facts,
            inputs,
            needs: std::borrow::Cow::Borrowed(needs),
            quotes: Default::default(),
            line_tags: Default::default(),
        }
    }

    /// The findings for one option (see the module documentation): conflicting first, then not
    /// addressed, then aligned; facts in fact order before figures.
    pub fn check(&self, option: &OptionCard) -> Vec<Finding> {
        let tags = OptionTags::of(option);
        // One finding per reason and document: of the facts that give the same one, the firmest
        // (a mandate or prohibition before a preference, before a statement), then the first; the
        // findings stay in fact order.
        let rank = |f: &Assumption| match f.modality {
            Modality::Mandate | Modality::Prohibition => 0,
            Modality::Preference => 1,
            Modality::Statement => 2,
        };
        let mut chosen: Vec<(usize, u8, Finding)> = Vec::new();
        for (i, f) in self.facts.iter().enumerate() {
            let found = |source: Option<&SourceRef>, tag: Option<&str>| self.evidence(source, tag);
            let Some(finding) = facts::check_fact(&tags, f, self.inputs, &found) else {
                continue;
            };
            let r = rank(f);
            match chosen.iter_mut().find(|(_, _, o)| {
                o.verdict == finding.verdict && o.explanation == finding.explanation
            }) {
                Some(slot) if r < slot.1 => *slot = (i, r, finding),
                Some(_) => {}
                None => chosen.push((i, r, finding)),
            }
        }
        chosen.sort_by_key(|(i, _, _)| *i);
        let mut out: Vec<Finding> = chosen.into_iter().map(|(_, _, f)| f).collect();
        // A clash that rules the option out says all a softer one on the same tag would.
        let ruling: Vec<Option<String>> = out
            .iter()
            .filter(|f| f.rules_out())
            .map(|f| f.tag.clone())
            .collect();
        out.retain(|f| {
            f.rules_out() || f.verdict != Verdict::Conflicting || !ruling.contains(&f.tag)
        });
        let caps = capabilities_of(&option.capabilities, &tags.pos);
        for c in compare(&caps, &self.needs) {
            let (evidence, quote) = evidence(self.inputs, c.requirement.source.as_ref(), None);
            out.push(Finding {
                verdict: if c.outcome == Outcome::NotMet {
                    Verdict::Conflicting
                } else {
                    Verdict::Aligned
                },
                fact: c.requirement.text.clone(),
                evidence,
                quote,
                explanation: capitalize(&c.text),
                basis: Basis::Figure,
                tag: None,
                at_best: c.outcome == Outcome::AtBest,
                brief: c.brief,
                outage: c.outage,
            });
        }
        out.sort_by_key(|f| f.verdict.rank());
        out
    }
}

/// How `option` fares on each figure `needs` holds that its capabilities say something about, in
/// the order of [`figures::compare`].
pub fn comparisons<'a>(option: &OptionCard, needs: &'a Needs) -> Vec<Comparison<'a>> {
    let tags = OptionTags::of(option);
    compare(&capabilities_of(&option.capabilities, &tags.pos), needs)
}

/// The findings for one option against the facts and requirements (see the module documentation).
/// To judge many options against the same inputs, make one [`Assessor`].
pub fn check_option(
    option: &OptionCard,
    facts: &[Assumption],
    requirements: &[Requirement],
    inputs: &[InputDocument],
) -> Vec<Finding> {
    Assessor::new(facts, requirements, inputs).check(option)
}

/// The findings for the option chosen in `component`'s decision; empty when it is undecided or the
/// chosen option is not among its options.
pub fn check_decision(
    component: &ComponentDesign,
    facts: &[Assumption],
    requirements: &[Requirement],
    inputs: &[InputDocument],
) -> Vec<Finding> {
    component
        .decision
        .as_ref()
        .and_then(|d| component.option(&d.option))
        .map(|o| check_option(o, facts, requirements, inputs))
        .unwrap_or_default()
}
