//! Ranking catalog options by fit with a session's inputs, explaining every point of the score.
//!
//! The rules, each visible in an option's explanation:
//! - **+3** for each option tag that a fact of the inputs names (a Technical Assumption of the
//!   PRD, a tech stack fact), once per tag, and **+2** more when the fact is about what this
//!   component decides (an IaC fact for infrastructure as code, an orchestration fact for compute);
//! - **−6** for each fact the option contradicts: its `conflicts_with` names a fact's tag, or it
//!   carries tag `x` where a fact says `no-x`;
//! - **−2** for an option tied to another provider than the one the inputs name (`aws`, `azure`,
//!   `gcp`, `on-premises`);
//! - requirement figures: availability of 99.95% or more gives **+2** to `multi-az`,
//!   `multi-region` and `active-active` options and **−4** to `single-az` and `single-instance`
//!   ones; an RPO of 15 minutes or less gives **+2** to `point-in-time-recovery` and **−4** to
//!   `daily-backup`;
//! - **+1** for a light operational burden (1–2 of 5) and **−1** for a heavy one (4–5 of 5).
//!
//! The score maps to a fit of 1–5 stars: 3 at zero, one more per 3 points, clamped.

use super::catalog::CatalogOption;
use crate::inputs::extract::{Figure, figures};
use crate::model::{Assumption, AssumptionTopic, Requirement};

/// The fact topics that speak directly to what a component decides.
pub fn own_topics(component: &str) -> &'static [AssumptionTopic] {
    use AssumptionTopic::*;
    match component {
        "cloud-provider-strategy" => &[CloudProvider, Regions],
        "infrastructure-as-code" => &[InfrastructureAsCode],
        "compute-resources" => &[ContainerOrchestration, ServiceArchitecture],
        "data-resources" => &[Databases, Messaging],
        "ci-cd-pipeline" => &[ContinuousIntegration, RepositoryStructure],
        "environment-transition-strategy" => &[ContinuousIntegration],
        _ => &[],
    }
}

/// One line of an explanation: the points and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub points: i32,
    pub why: String,
}

#[derive(Debug, Clone)]
pub struct Ranked<'a> {
    pub option: &'a CatalogOption,
    pub score: i32,
    /// 1 (poor) to 5 (excellent).
    pub fit: u8,
    pub reasons: Vec<Reason>,
}

const PROVIDERS: [&str; 4] = ["aws", "azure", "gcp", "on-premises"];

fn quote(a: &Assumption) -> String {
    let text: String = a.text.chars().take(80).collect();
    let more = if a.text.chars().count() > 80 {
        "…"
    } else {
        ""
    };
    match &a.source {
        Some(s) => format!("\"{text}{more}\" ({})", s.short()),
        None => format!("\"{text}{more}\""),
    }
}

/// Scores one option.
pub fn score(
    component: &str,
    option: &CatalogOption,
    facts: &[Assumption],
    requirements: &[Requirement],
) -> (i32, Vec<Reason>) {
    let own = own_topics(component);
    let mut reasons = Vec::new();
    let has = |tag: &str| option.tags.iter().any(|t| t == tag);
    let mut counted: Vec<&str> = Vec::new();
    for fact in facts {
        for tag in &fact.tags {
            if has(tag) && !counted.contains(&tag.as_str()) {
                counted.push(tag);
                let direct = own.contains(&fact.topic);
                reasons.push(Reason {
                    points: if direct { 5 } else { 3 },
                    why: format!(
                        "matches `{tag}` in {}{}",
                        quote(fact),
                        if direct {
                            ", a fact about this very choice"
                        } else {
                            ""
                        }
                    ),
                });
            }
            let contradicted = option.conflicts_with.iter().any(|c| c == tag)
                || tag.strip_prefix("no-").is_some_and(&has);
            if contradicted {
                reasons.push(Reason {
                    points: -6,
                    why: format!("contradicts `{tag}` in {}", quote(fact)),
                });
            }
        }
    }
    let named: Vec<&str> = PROVIDERS
        .iter()
        .copied()
        .filter(|p| facts.iter().any(|f| f.tags.iter().any(|t| t == p)))
        .collect();
    if !named.is_empty() {
        let own: Vec<&str> = PROVIDERS.iter().copied().filter(|p| has(p)).collect();
        if !own.is_empty() && !own.iter().any(|p| named.contains(p)) {
            reasons.push(Reason {
                points: -2,
                why: format!(
                    "tied to {} while the inputs name {}",
                    own.join("/"),
                    named.join("/")
                ),
            });
        }
    }
    let mut availability: Option<(f64, &Requirement)> = None;
    let mut rpo: Option<(f64, &Requirement)> = None;
    for r in requirements {
        for f in figures(&r.text) {
            match f {
                Figure::Availability { percent }
                    if availability.is_none_or(|(a, _)| percent > a) =>
                {
                    availability = Some((percent, r))
                }
                Figure::Rpo { minutes } if rpo.is_none_or(|(m, _)| minutes < m) => {
                    rpo = Some((minutes, r))
                }
                _ => {}
            }
        }
    }
    if let Some((percent, r)) = availability.filter(|(p, _)| *p >= 99.95) {
        for tag in ["multi-az", "multi-region", "active-active"] {
            if has(tag) {
                reasons.push(Reason {
                    points: 2,
                    why: format!("`{tag}` serves {} ({percent}% availability)", r.id),
                });
                break;
            }
        }
        for tag in ["single-az", "single-instance"] {
            if has(tag) {
                reasons.push(Reason {
                    points: -4,
                    why: format!("`{tag}` falls short of {} ({percent}% availability)", r.id),
                });
                break;
            }
        }
    }
    if let Some((minutes, r)) = rpo.filter(|(m, _)| *m <= 15.0) {
        if has("point-in-time-recovery") {
            reasons.push(Reason {
                points: 2,
                why: format!("point-in-time recovery meets {} (RPO {minutes} min)", r.id),
            });
        }
        if has("daily-backup") {
            reasons.push(Reason {
                points: -4,
                why: format!("daily backups miss {} (RPO {minutes} min)", r.id),
            });
        }
    }
    match option.ratings.operational_burden {
        1 | 2 => reasons.push(Reason {
            points: 1,
            why: format!(
                "light operational burden ({}/5)",
                option.ratings.operational_burden
            ),
        }),
        4 | 5 => reasons.push(Reason {
            points: -1,
            why: format!(
                "heavy operational burden ({}/5)",
                option.ratings.operational_burden
            ),
        }),
        _ => {}
    }
    (reasons.iter().map(|r| r.points).sum(), reasons)
}

/// Ranks options best first (ties keep catalog order).
pub fn rank<'a>(
    component: &str,
    options: impl IntoIterator<Item = &'a CatalogOption>,
    facts: &[Assumption],
    requirements: &[Requirement],
) -> Vec<Ranked<'a>> {
    let mut ranked: Vec<Ranked> = options
        .into_iter()
        .map(|option| {
            let (score, reasons) = score(component, option, facts, requirements);
            Ranked {
                option,
                score,
                fit: fit(score),
                reasons,
            }
        })
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.score));
    ranked
}

/// The fit in stars for a score.
pub fn fit(score: i32) -> u8 {
    (3 + score.div_euclid(3)).clamp(1, 5) as u8
}

/// A one-paragraph explanation: the score and every reason.
pub fn explain(r: &Ranked) -> String {
    if r.reasons.is_empty() {
        return format!(
            "score 0: nothing in the inputs speaks for or against {}",
            r.option.name
        );
    }
    let parts: Vec<String> = r
        .reasons
        .iter()
        .map(|x| format!("{:+} {}", x.points, x.why))
        .collect();
    format!("score {}: {}", r.score, parts.join("; "))
}
