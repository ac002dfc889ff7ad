//! Ranking catalog options by fit with a session's inputs, explaining every point of the score.
//!
//! An option is judged by the cross-check ([`crate::analysis::crosscheck`]), so the ranking and the
//! ✓/⚠ badges of its card rest on the same findings; the points of each kind of finding are data
//! (`assets/ranking/rules.ron`):
//! - a fact the option realises: more when the fact mandates it, more when it is about what this
//!   component decides (an IaC fact for infrastructure as code), counted once per tag;
//! - a statement or preference of the inputs the option goes against: points off, once per tag;
//! - a required figure (RPO, RTO, availability, a region or site to survive) the option meets by
//!   what it typically achieves, or only at its best;
//! - a light or heavy operational burden.
//!
//! A finding that breaks a mandate, a prohibition or a required figure **rules the option out**,
//! and so does having no realisation on the project's hosting target (`runs_on` of the catalog),
//! or needing something the inputs never name (`requires`: a migration plan needs an existing
//! estate): a ruled-out option ranks
//! below every other, is never recommended while another is left, and says why.
//!
//! The score maps to a fit of 1–5 stars: 3 at zero, one more per 3 points, clamped; a ruled-out
//! option has 1 star.

use crate::analysis::crosscheck::{Assessor, Basis, Finding, Verdict};
use crate::knowledge::CatalogOption;
use crate::knowledge::fit_rules::fit_rules;
use crate::model::{Assumption, AssumptionTopic, InputDocument, Modality, OptionCard, Requirement};

/// The fact topics that speak directly to what a decision decides (`topics` of the ranking
/// rules, `assets/ranking/rules.ron`).
pub fn own_topics(component: &str) -> &'static [AssumptionTopic] {
    fit_rules().own_topics(component)
}

/// One line of an explanation: the points and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub points: i32,
    pub why: String,
    /// The same in the inputs' own words, for a rationale a person reads: the statement quoted
    /// with its source, or the figure against what the option gives.
    pub said: String,
}

#[derive(Debug, Clone)]
pub struct Ranked<'a> {
    pub option: &'a CatalogOption,
    pub score: i32,
    /// 1 (poor) to 5 (excellent).
    pub fit: u8,
    pub reasons: Vec<Reason>,
    /// Why the option may not be recommended; empty when nothing rules it out.
    pub ruled_out: Vec<String>,
    /// How many of those are severe: a failure the option does not survive at all (a region
    /// lost), or a platform it cannot be built on. They weigh twice when options that are all
    /// ruled out are ordered.
    pub severe: usize,
    /// Where the project runs (see [`hosting_target`]): the card is the option as built there.
    pub targets: Vec<&'static str>,
}

impl Ranked<'_> {
    pub fn is_ruled_out(&self) -> bool {
        !self.ruled_out.is_empty()
    }

    /// The option as a card for the project's hosting target, with its fit.
    pub fn card(&self) -> OptionCard {
        self.option.to_card_for(Some(self.fit), &self.targets)
    }
}

/// Cloud providers.
const CLOUDS: [&str; 3] = ["aws", "azure", "gcp"];
use crate::knowledge::HOSTING_TARGETS as TARGETS;

/// Where the project runs, as the inputs say it: the hosting targets named by facts that do not
/// rule them out, preferring facts kept where the documents keep their facts over words in passing,
/// less any target a prohibition rules out (`no-azure`, or `no-public-cloud` for every cloud).
pub fn hosting_target(facts: &[Assumption]) -> Vec<&'static str> {
    let ruled_out = |t: &str| target_ruled_out(facts, t);
    let named = |incidental: bool| -> Vec<&'static str> {
        TARGETS
            .iter()
            .copied()
            .filter(|t| !ruled_out(t))
            .filter(|t| {
                facts.iter().any(|f| {
                    f.incidental == incidental
                        && f.modality != Modality::Prohibition
                        && f.tags.iter().any(|x| x == t)
                })
            })
            .collect()
    };
    let firm = named(false);
    let named = if firm.is_empty() { named(true) } else { firm };
    // Every public cloud ruled out and nothing named: the project runs on its own premises ("no
    // public cloud for anything that touches client data; we run our own hardware").
    if named.is_empty() && CLOUDS.iter().all(|c| ruled_out(c)) {
        return vec!["on-premises"];
    }
    named
}

/// Whether a fact rules the hosting target `t` out (`no-azure`, or `no-public-cloud` for a cloud).
fn target_ruled_out(facts: &[Assumption], t: &str) -> bool {
    let umbrellas = &crate::knowledge::extraction::extraction()
        .conflicts
        .umbrellas;
    facts.iter().any(|f| {
        f.tags.iter().any(|x| {
            x.strip_prefix("no-").is_some_and(|n| {
                n == t
                    || umbrellas
                        .iter()
                        .any(|(u, covers)| u == n && covers.iter().any(|c| c == t))
            })
        })
    })
}

/// The hosting model the inputs imply, as a fact the options are matched with: one cloud
/// (`single-cloud`), several (`multi-cloud`), clouds and on-premises (`hybrid`); on-premises alone
/// needs no such fact, since the facts already say `on-premises`. Its source is the first fact that
/// names the target.
fn hosting_fact(facts: &[Assumption], target: &[&str]) -> Option<Assumption> {
    let clouds = target.iter().filter(|t| CLOUDS.contains(t)).count();
    let on_premises = target.contains(&"on-premises");
    let tag = match (clouds, on_premises) {
        (0, _) => return None,
        (_, true) => "hybrid",
        (1, false) => "single-cloud",
        _ => "multi-cloud",
    };
    let first = facts.iter().find(|f| {
        !f.incidental
            && f.modality != Modality::Prohibition
            && f.tags.iter().any(|t| target.contains(&t.as_str()))
    })?;
    Some(Assumption {
        topic: AssumptionTopic::CloudProvider,
        text: first.text.clone(),
        tags: vec![tag.to_string()],
        source: first.source.clone(),
        modality: Modality::Statement,
        incidental: false,
    })
}

/// Whether a matched tag names what the option itself is a choice of: the tag and one of the
/// option's own tags are alternatives of one exclusive kind (`account-per-environment` for an
/// environment isolation model, `terraform` for an IaC tool).
fn decides(option: &CatalogOption, tag: Option<&str>) -> bool {
    let Some(tag) = tag else {
        return false;
    };
    crate::knowledge::extraction::extraction()
        .conflicts
        .exclusive
        .iter()
        .any(|g| g.tags.iter().any(|t| t == tag) && option.tags.iter().any(|o| g.tags.contains(o)))
}

/// A statement in a few words: whitespace collapsed, at most about 120 characters, cut at a word.
fn brief(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches('.');
    if text.chars().count() <= 120 {
        return text.to_string();
    }
    let cut: String = text.chars().take(120).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':']))
}

/// Why the option is recommended, in the inputs' own words: what speaks for it most (at most
/// three statements or figures, quoted with their sources), or that nothing does.
pub fn rationale(r: &Ranked) -> String {
    let mut best: Vec<&Reason> = r.reasons.iter().filter(|x| x.points > 0).collect();
    best.sort_by_key(|x| std::cmp::Reverse(x.points));
    if best.is_empty() {
        return "nothing in the inputs decides between the options, and its ratings (cost, \
                complexity, operational burden, lock-in) are the best of those considered"
            .to_string();
    }
    let mut said: Vec<&str> = Vec::new();
    for x in best {
        if !said.contains(&x.said.as_str()) {
            said.push(&x.said);
        }
    }
    said.truncate(3);
    said.join("; ")
}

fn source_of(f: &Finding) -> String {
    f.evidence
        .as_ref()
        .map(|e| format!(" ({})", e.short()))
        .unwrap_or_default()
}

/// Scores one option with an assessor of the session's inputs.
fn score(
    component: &str,
    option: &CatalogOption,
    assessor: &Assessor,
    target: &[&str],
    prohibited: &[&str],
) -> (i32, Vec<Reason>, Vec<String>, usize) {
    let points = fit_rules().points;
    let mut severe = 0;
    let own = own_topics(component);
    // The card as built on the project's target: what it achieves there (Cloud Run scales to
    // zero, ECS services only on a schedule) is what is compared.
    let card = option.to_card_for(None, target);
    let findings = assessor.check(&card);
    let mut reasons: Vec<Reason> = Vec::new();
    let mut ruled_out = Vec::new();
    // Once per tag and verdict: the strongest reason of each.
    let mut by_tag: Vec<(Verdict, String, usize)> = Vec::new();
    for f in &findings {
        if f.rules_out() {
            severe += usize::from(f.outage);
            ruled_out.push(format!(
                "{}{}",
                f.explanation.trim_end_matches('.'),
                source_of(f)
            ));
            continue;
        }
        let p = match (f.verdict, f.basis) {
            (Verdict::NotAddressed, _) => continue,
            (Verdict::Aligned, Basis::Figure) if f.at_best => points.figure_at_best,
            (Verdict::Aligned, Basis::Figure) => points.figure_met,
            (Verdict::Aligned, Basis::Fact { modality, topic }) => {
                let direct = own.contains(&topic) || decides(option, f.tag.as_deref());
                if modality == Modality::Mandate && direct {
                    points.mandated
                } else if modality == Modality::Mandate {
                    points.mandated_elsewhere
                } else if direct {
                    points.matches_own_topic
                } else {
                    points.matches
                }
            }
            (Verdict::Conflicting, _) => points.against_statement,
        };
        let said = match f.basis {
            Basis::Figure => f.explanation.trim_end_matches('.').to_string(),
            Basis::Fact { .. } => format!("\u{201c}{}\u{201d}{}", brief(&f.fact), source_of(f)),
        };
        let reason = Reason {
            points: p,
            why: format!("{}{}", f.explanation.trim_end_matches('.'), source_of(f)),
            said,
        };
        if let Some(tag) = &f.tag {
            match by_tag.iter().find(|(v, t, _)| *v == f.verdict && t == tag) {
                Some(&(_, _, i)) => {
                    if reasons[i].points.abs() < p.abs() {
                        reasons[i] = reason;
                    }
                    continue;
                }
                None => by_tag.push((f.verdict, tag.clone(), reasons.len())),
            }
        }
        reasons.push(reason);
    }
    if component != "cloud-provider-strategy"
        && !option.runs_on.is_empty()
        && option
            .runs_on
            .iter()
            .all(|r| prohibited.contains(&r.as_str()))
    {
        severe += 1;
        ruled_out.push(format!(
            "it is realised on {} only, all of which the inputs rule out",
            option.runs_on.join("/")
        ));
    } else if component != "cloud-provider-strategy"
        && !target.is_empty()
        && !option.runs_on.is_empty()
        && !option.runs_on.iter().any(|r| target.contains(&r.as_str()))
    {
        severe += 1;
        ruled_out.push(format!(
            "it is realised on {} only, and this project runs on {}",
            option.runs_on.join("/"),
            target.join("/")
        ));
    }
    if !option.requires.is_empty()
        && !assessor.facts().iter().any(|f| {
            f.modality != Modality::Prohibition
                && f.tags.iter().any(|t| option.requires.contains(t))
        })
    {
        ruled_out.push(format!(
            "it needs {} in the inputs, and they name none",
            option
                .requires
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
    }
    match option.ratings.operational_burden {
        1 | 2 => reasons.push(Reason {
            points: points.light_burden,
            why: format!(
                "light operational burden ({}/5)",
                option.ratings.operational_burden
            ),
            said: "it is light to operate".into(),
        }),
        4 | 5 => reasons.push(Reason {
            points: points.heavy_burden,
            why: format!(
                "heavy operational burden ({}/5)",
                option.ratings.operational_burden
            ),
            said: "it is heavy to operate".into(),
        }),
        _ => {}
    }
    (
        reasons.iter().map(|r| r.points).sum(),
        reasons,
        ruled_out,
        severe,
    )
}

/// Ranks options best first: those nothing rules out, by score, then the ruled-out ones (ties
/// keep catalog order).
pub fn rank<'a>(
    component: &str,
    options: impl IntoIterator<Item = &'a CatalogOption>,
    facts: &[Assumption],
    requirements: &[Requirement],
    inputs: &[InputDocument],
) -> Vec<Ranked<'a>> {
    let target = hosting_target(facts);
    let prohibited: Vec<&str> = TARGETS
        .iter()
        .copied()
        .filter(|t| target_ruled_out(facts, t))
        .collect();
    let mut with_hosting;
    let facts = match hosting_fact(facts, &target) {
        Some(h) => {
            with_hosting = facts.to_vec();
            with_hosting.push(h);
            with_hosting.as_slice()
        }
        None => facts,
    };
    let assessor = Assessor::new(facts, requirements, inputs);
    let mut ranked: Vec<Ranked> = options
        .into_iter()
        .map(|option| {
            let (score, reasons, ruled_out, severe) =
                score(component, option, &assessor, &target, &prohibited);
            Ranked {
                option,
                score,
                fit: if ruled_out.is_empty() { fit(score) } else { 1 },
                reasons,
                ruled_out,
                severe,
                targets: target.clone(),
            }
        })
        .collect();
    // Those nothing rules out first, by score; then the ruled-out ones, those that break the
    // least first (a failure not survived at all, or a platform the option cannot be built on,
    // counting twice), by score.
    ranked.sort_by_key(|r| (r.ruled_out.len() + r.severe, std::cmp::Reverse(r.score)));
    ranked
}

/// The fit in stars for a score.
pub fn fit(score: i32) -> u8 {
    (3 + score.div_euclid(3)).clamp(1, 5) as u8
}

/// A one-paragraph explanation: what rules the option out, then the score and every reason.
pub fn explain(r: &Ranked) -> String {
    let mut out = String::new();
    if r.is_ruled_out() {
        out.push_str(&format!("ruled out: {}. ", r.ruled_out.join("; ")));
    }
    if r.reasons.is_empty() {
        out.push_str(&format!(
            "score 0: nothing in the inputs speaks for or against {}",
            r.option.name
        ));
        return out;
    }
    let parts: Vec<String> = r
        .reasons
        .iter()
        .map(|x| format!("{:+} {}", x.points, x.why))
        .collect();
    out.push_str(&format!("score {}: {}", r.score, parts.join("; ")));
    out
}
