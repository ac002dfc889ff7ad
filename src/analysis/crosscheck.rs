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
//! # Rules for requirement figures
//! Each requirement's [`figures`] are checked against the option's tags; at most one finding per
//! requirement, Conflicting before Aligned:
//!
//! | Figure | Option tag | Verdict |
//! |---|---|---|
//! | availability ≥ 99.95% | `single-az`, `single-instance`, `single-node`, `single-server`, `single-vm` | Conflicting |
//! | availability ≥ 99.99% | `single-region` | Conflicting |
//! | RPO < 24 h | `daily-backup`, `nightly-backup` | Conflicting |
//! | RPO < 7 days | `weekly-backup` | Conflicting |
//! | RTO ≤ 1 h | `cold-standby`, `backup-restore` | Conflicting |
//! | availability ≥ 99.9% | `multi-az`, `multi-region`, `active-active` | Aligned |
//! | RPO ≤ 15 min | `pitr`, `point-in-time-recovery`, `continuous-backup`, `synchronous-replication`, `cross-region-replication` | Aligned |
//! | RTO ≤ 1 h | `warm-standby`, `hot-standby`, `active-active` | Aligned |
//!
//! # Evidence
//! A finding's evidence is the fact's or requirement's source; for a multi-line fact, the line of the
//! fact on which the matching phrase appears. The quote is that line of the matching input's text,
//! trimmed (empty when the input is not among `inputs`). Findings come Conflicting first, then
//! NotAddressed, then Aligned, each in fact order (facts before requirements).

use crate::inputs::extract::vocab::{expand_tags, find_terms};
use crate::inputs::extract::{Figure, figures, source_line};
use crate::model::{
    Assumption, AssumptionTopic, ComponentDesign, InputDocument, InputKind, Modality, OptionCard,
    Requirement, SourceRef,
};

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
}

impl Finding {
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
            let mentions = find_terms(text)
                .iter()
                .any(|t| expand_tags(&[t.tag.as_str()]).iter().any(|e| e == tag));
            if mentions {
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

fn check_fact(
    option: &OptionCard,
    opt_pos: &[String],
    opt_neg: &[String],
    conflicts: &[String],
    fact: &Assumption,
    inputs: &[InputDocument],
) -> Option<Finding> {
    let fact_tags = norm_tags(&fact.tags);
    let (fact_pos, fact_neg) = split(&fact_tags);
    let who = source_name(fact, inputs);
    let mut clashes: Vec<String> = Vec::new();
    let mut first_tag: Option<String> = None;
    for c in conflicts {
        if fact_pos.contains(c) {
            clashes.push(format!(
                "the option conflicts with `{c}`, which {who} asserts"
            ));
            first_tag.get_or_insert_with(|| c.clone());
        }
    }
    for n in &fact_neg {
        if option_has(opt_pos, n) {
            clashes.push(format!(
                "the option is `{n}`, which {who} rules out (`no-{n}`)"
            ));
            first_tag.get_or_insert_with(|| n.clone());
        }
    }
    for n in opt_neg {
        if fact_pos.contains(n) {
            clashes.push(format!(
                "the option rules out `{n}` (`no-{n}`), which {who} asserts"
            ));
            first_tag.get_or_insert_with(|| n.clone());
        }
    }
    let verdict_and_text = if !clashes.is_empty() {
        Some((Verdict::Conflicting, clashes.join("; ")))
    } else {
        let matched: Vec<String> = fact_pos
            .iter()
            .filter(|t| option_has(opt_pos, t))
            .cloned()
            .collect();
        let both_out: Vec<String> = fact_neg
            .iter()
            .filter(|t| conflicts.contains(t))
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
    let (evidence, quote) = evidence(inputs, fact.source.as_ref(), first_tag.as_deref());
    Some(Finding {
        verdict,
        fact: fact.text.clone(),
        evidence,
        quote,
        explanation: capitalize(&explanation),
    })
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>() + ".",
        None => String::new(),
    }
}

/// One figure rule: when `applies` holds for a figure and the option has one of `tags`.
struct FigureRule {
    verdict: Verdict,
    tags: &'static [&'static str],
    applies: fn(&Figure) -> bool,
    /// What the figure demands, for the explanation.
    what: fn(&Figure) -> String,
}

fn pct(f: &Figure) -> String {
    match f {
        Figure::Availability { percent } => format!("{percent}% availability"),
        Figure::Rpo { minutes } => format!("an RPO of {}", minutes_text(*minutes)),
        Figure::Rto { minutes } => format!("an RTO of {}", minutes_text(*minutes)),
        other => format!("{other:?}"),
    }
}

fn minutes_text(m: f64) -> String {
    if m >= 60.0 && (m / 60.0).fract() == 0.0 {
        let h = m / 60.0;
        format!("{h} hour{}", if h == 1.0 { "" } else { "s" })
    } else {
        format!("{m} minute{}", if m == 1.0 { "" } else { "s" })
    }
}

const FIGURE_RULES: &[FigureRule] = &[
    FigureRule {
        verdict: Verdict::Conflicting,
        tags: &[
            "single-az",
            "single-instance",
            "single-node",
            "single-server",
            "single-vm",
        ],
        applies: |f| matches!(f, Figure::Availability { percent } if *percent >= 99.95),
        what: pct,
    },
    FigureRule {
        verdict: Verdict::Conflicting,
        tags: &["single-region"],
        applies: |f| matches!(f, Figure::Availability { percent } if *percent >= 99.99),
        what: pct,
    },
    FigureRule {
        verdict: Verdict::Conflicting,
        tags: &["daily-backup", "nightly-backup"],
        applies: |f| matches!(f, Figure::Rpo { minutes } if *minutes < 1440.0),
        what: pct,
    },
    FigureRule {
        verdict: Verdict::Conflicting,
        tags: &["weekly-backup"],
        applies: |f| matches!(f, Figure::Rpo { minutes } if *minutes < 10080.0),
        what: pct,
    },
    FigureRule {
        verdict: Verdict::Conflicting,
        tags: &["cold-standby", "backup-restore"],
        applies: |f| matches!(f, Figure::Rto { minutes } if *minutes <= 60.0),
        what: pct,
    },
    FigureRule {
        verdict: Verdict::Aligned,
        tags: &["multi-az", "multi-region", "active-active"],
        applies: |f| matches!(f, Figure::Availability { percent } if *percent >= 99.9),
        what: pct,
    },
    FigureRule {
        verdict: Verdict::Aligned,
        tags: &[
            "pitr",
            "point-in-time-recovery",
            "continuous-backup",
            "synchronous-replication",
            "cross-region-replication",
        ],
        applies: |f| matches!(f, Figure::Rpo { minutes } if *minutes <= 15.0),
        what: pct,
    },
    FigureRule {
        verdict: Verdict::Aligned,
        tags: &["warm-standby", "hot-standby", "active-active"],
        applies: |f| matches!(f, Figure::Rto { minutes } if *minutes <= 60.0),
        what: pct,
    },
];

fn check_requirement(
    opt_pos: &[String],
    req: &Requirement,
    inputs: &[InputDocument],
) -> Option<Finding> {
    let figs = figures(&req.text);
    let mut conflicting = Vec::new();
    let mut aligned = Vec::new();
    for rule in FIGURE_RULES {
        let Some(tag) = rule.tags.iter().find(|t| opt_pos.iter().any(|o| o == *t)) else {
            continue;
        };
        for f in figs.iter().filter(|f| (rule.applies)(f)) {
            let what = (rule.what)(f);
            let text = match rule.verdict {
                Verdict::Conflicting => {
                    format!(
                        "{} requires {what}, which a `{tag}` design cannot meet",
                        req.id
                    )
                }
                _ => format!("{} requires {what}, which `{tag}` supports", req.id),
            };
            let list = if rule.verdict == Verdict::Conflicting {
                &mut conflicting
            } else {
                &mut aligned
            };
            if !list.contains(&text) {
                list.push(text);
            }
        }
    }
    let (verdict, parts) = if !conflicting.is_empty() {
        (Verdict::Conflicting, conflicting)
    } else if !aligned.is_empty() {
        (Verdict::Aligned, aligned)
    } else {
        return None;
    };
    let (evidence, quote) = evidence(inputs, req.source.as_ref(), None);
    Some(Finding {
        verdict,
        fact: req.text.clone(),
        evidence,
        quote,
        explanation: capitalize(&parts.join("; ")),
    })
}

/// The findings for one option against the facts and requirements (see the module documentation).
pub fn check_option(
    option: &OptionCard,
    facts: &[Assumption],
    requirements: &[Requirement],
    inputs: &[InputDocument],
) -> Vec<Finding> {
    let opt_tags = norm_tags(&option.tags);
    let (opt_pos, opt_neg) = split(&opt_tags);
    let conflicts: Vec<String> = norm_tags(&option.conflicts_with)
        .into_iter()
        .filter(|t| !t.starts_with("no-"))
        .collect();
    // One finding per reason and document: of the facts that give the same one, the firmest
    // (a mandate or prohibition before a preference, before a statement), then the first; the
    // findings stay in fact order.
    let rank = |f: &Assumption| match f.modality {
        Modality::Mandate | Modality::Prohibition => 0,
        Modality::Preference => 1,
        Modality::Statement => 2,
    };
    let mut chosen: Vec<(usize, u8, Finding)> = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        let Some(finding) = check_fact(option, &opt_pos, &opt_neg, &conflicts, f, inputs) else {
            continue;
        };
        let r = rank(f);
        match chosen
            .iter_mut()
            .find(|(_, _, o)| o.verdict == finding.verdict && o.explanation == finding.explanation)
        {
            Some(slot) if r < slot.1 => *slot = (i, r, finding),
            Some(_) => {}
            None => chosen.push((i, r, finding)),
        }
    }
    chosen.sort_by_key(|(i, _, _)| *i);
    let mut out: Vec<Finding> = chosen.into_iter().map(|(_, _, f)| f).collect();
    out.extend(
        requirements
            .iter()
            .filter_map(|r| check_requirement(&opt_pos, r, inputs)),
    );
    out.sort_by_key(|f| f.verdict.rank());
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Ratings, RequirementCategory, RequirementOrigin};
    use jiff::Timestamp;

    fn option(tags: &[&str], conflicts: &[&str]) -> OptionCard {
        OptionCard {
            id: "opt".into(),
            name: "Option".into(),
            summary: String::new(),
            pros: vec![],
            cons: vec![],
            ratings: Ratings::default(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            conflicts_with: conflicts.iter().map(|s| s.to_string()).collect(),
            catalog_id: None,
        }
    }

    fn fact(topic: AssumptionTopic, tags: &[&str], line: u32) -> Assumption {
        Assumption {
            topic,
            text: format!("fact {line}"),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            source: Some(SourceRef {
                input: "prd.md".into(),
                line,
            }),
            modality: crate::model::Modality::Statement,
            incidental: false,
        }
    }

    fn prd() -> InputDocument {
        InputDocument {
            kind: InputKind::Prd,
            path: "prd.md".into(),
            sha256: String::new(),
            snapshot_at: Timestamp::UNIX_EPOCH,
            text: "# P\n  Serverless monolith.  \nNo microservices\nover two\nlines: no self-managed\nKubernetes here.\n".into(),
        }
    }

    #[test]
    fn compound_negation_and_evidence_line() {
        let facts = [fact(
            AssumptionTopic::ContainerOrchestration,
            &["no-self-managed-kubernetes"],
            5,
        )];
        let f = check_option(
            &option(&["kubernetes", "self-managed"], &[]),
            &facts,
            &[],
            &[prd()],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].verdict, Verdict::Conflicting);
        assert_eq!(f[0].quote, "lines: no self-managed");
        // A managed cluster is not ruled out by "no self-managed Kubernetes".
        assert!(check_option(&option(&["eks"], &[]), &facts, &[], &[prd()]).is_empty());
    }

    #[test]
    fn aligned_conflicting_not_addressed_order() {
        let facts = [
            fact(
                AssumptionTopic::ServiceArchitecture,
                &["serverless", "monolith"],
                2,
            ),
            fact(
                AssumptionTopic::ServiceArchitecture,
                &["no-microservices"],
                3,
            ),
            fact(AssumptionTopic::RepositoryStructure, &["monorepo"], 2),
            fact(AssumptionTopic::Databases, &["postgres"], 2),
        ];
        let f = check_option(&option(&["serverless"], &[]), &facts, &[], &[prd()]);
        let got: Vec<_> = f.iter().map(|f| (f.verdict, f.fact.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (Verdict::NotAddressed, "fact 3"),
                (Verdict::NotAddressed, "fact 2"),
                (Verdict::Aligned, "fact 2"),
            ]
        );
        assert_eq!(f[2].quote, "Serverless monolith.");
        assert_eq!(
            f[2].explanation,
            "The option's tag `serverless` matches the PRD."
        );
        let f = check_option(
            &option(&["containers"], &["serverless"]),
            &facts[..1],
            &[],
            &[prd()],
        );
        assert_eq!(f[0].verdict, Verdict::Conflicting);
    }

    #[test]
    fn figure_rules() {
        let req = |id: &str, text: &str| Requirement {
            id: id.into(),
            category: RequirementCategory::Other,
            text: text.into(),
            origin: RequirementOrigin::Extracted,
            source: None,
        };
        let reqs = [
            req("NFR3", "99.95% monthly availability"),
            req("NFR4", "RPO 15 minutes and RTO 1 hour"),
        ];
        let f = check_option(
            &option(&["single-az", "daily-backup"], &[]),
            &[],
            &reqs,
            &[],
        );
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.verdict == Verdict::Conflicting));
        assert_eq!(
            f[0].explanation,
            "NFR3 requires 99.95% availability, which a `single-az` design cannot meet."
        );
        assert_eq!(
            f[1].explanation,
            "NFR4 requires an RPO of 15 minutes, which a `daily-backup` design cannot meet."
        );
        let f = check_option(&option(&["multi-az", "warm-standby"], &[]), &[], &reqs, &[]);
        assert_eq!(
            f.iter().filter(|f| f.verdict == Verdict::Aligned).count(),
            2
        );
        assert!(check_option(&option(&["multi-az"], &[]), &[], &reqs[1..], &[]).is_empty());
    }

    #[test]
    fn undecided_component_has_no_findings() {
        let mut c = ComponentDesign::new("compute", "Run the app");
        c.options.push(option(&["microservices"], &[]));
        let facts = [fact(
            AssumptionTopic::ServiceArchitecture,
            &["no-microservices"],
            3,
        )];
        assert!(check_decision(&c, &facts, &[], &[prd()]).is_empty());
        c.decision = Some(crate::model::Decision {
            option: "opt".into(),
            justification: String::new(),
            decided_at: Timestamp::UNIX_EPOCH,
            considered: vec!["opt".into()],
            acknowledged_conflicts: vec![],
        });
        let f = check_decision(&c, &facts, &[], &[prd()]);
        assert_eq!(f[0].verdict, Verdict::Conflicting);
        assert_eq!(f[0].quote, "No microservices");
        assert!(
            f[0].describe()
                .starts_with("conflicting: The option is `microservices`")
        );
    }
}
