//! A first worksheet for an action, built from the session: the component's options, figures from
//! the requirements and inputs, the section's defaults, and the compliance regimes in scope.
//!
//! # Choices
//! - Worksheets refer to options by card **id**; reports turn ids into names.
//! - The *chosen* option is the decided one, else the recommended one, else none.
//! - Figures ([`figures`]) are taken from the requirements first and, for a kind of figure the
//!   requirements do not state, from the full text of the input documents.
//! - **Matrix scores** (1 = worst, 5 = best) from card ratings, where a rating of 5 means *more*
//!   cost, complexity, burden or lock-in: cost `6 − cost`, complexity `6 − complexity`, operability
//!   `6 − operational_burden`, lock-in `6 − lock_in`, team skills = fit; an unrated rating counts
//!   as 3. Scalability and security start at 3, +1 when a tag suggests strength (`autoscaling`,
//!   `serverless`, `kubernetes`, `multi-region` …; `zero-trust`, `kms`, `waf`, `siem` …) and −1 when
//!   one suggests weakness (`single-az`, `single-instance`, `on-premises` …; `shared-account`,
//!   `perimeter`). The tags are data: `assets/worksheets/prefill.ron`, with a team's own
//!   ([`crate::knowledge::prefill_hints`]).
//! - **Load**: throughput figures in `requests` (else the first unit found) give the peak (largest)
//!   and baseline (smallest, when smaller); else capacity figures that count people (`users`,
//!   `concurrent users`, `customers`, `MAU`, …); else 500 requests/s. Without a
//!   distinct baseline it is a fifth of the peak. Growth 5% a month over 24 months.
//! - **Tiers** (capacity per instance in the load's unit, target utilisation, no cost): compute has
//!   web, app and worker tiers; data has a primary database and a cache; other sections one tier
//!   named after the chosen option.
//! - **Cost**: one line per option, a rough estimate from its cost rating (1 → 500, 2 → 1,500, 3 →
//!   4,000, 4 → 9,000, 5 → 20,000 a month), named as an estimate to replace.
//! - **Reliability**: SLO from the most demanding availability figure (default 99.9%) over 30
//!   days; required RTO/RPO from the smallest figures (rounded to whole minutes); parts by section
//!   from the chosen option's tags; delivered RTO/RPO unknown.

use jiff::civil::Date;

use crate::inputs::extract::{Figure, counts_people, figures};
use crate::knowledge::prefill_hints::{TagSignals, prefill_hints};
use crate::model::{
    AvailabilityPart, CostLine, ElicitationAction, LoadModel, OptionCard, OptionCosts,
    OptionScores, Session, Tier, Worksheet,
};

use super::cost::no_levers;
use super::ids::*;
use super::integration::{default_raci, default_teams, suggest_dependencies};
use super::matrix::default_criteria;
use super::migration::{default_steps, exit_strategy, lock_in_from_card, technologies_to_watch};
use super::security::questions;

/// Growth and horizon of a prefilled load model.
pub const DEFAULT_GROWTH_PERCENT: f64 = 5.0;
pub const DEFAULT_HORIZON_MONTHS: u32 = 24;
/// The SLO when the inputs state no availability.
pub const DEFAULT_SLO_PERCENT: f64 = 99.9;

fn has_any<S: AsRef<str>>(card: &OptionCard, tags: &[S]) -> bool {
    card.tags
        .iter()
        .any(|t| tags.iter().any(|x| t.eq_ignore_ascii_case(x.as_ref())))
}

fn rating(r: Option<u8>) -> u8 {
    r.unwrap_or(3).clamp(1, 5)
}

/// 3, one more when the card has a `stronger` tag, one less when it has a `weaker` one.
fn by_tags(card: &OptionCard, signals: &TagSignals) -> u8 {
    3 + u8::from(has_any(card, &signals.stronger)) - u8::from(has_any(card, &signals.weaker))
}

/// The decision-matrix scores of a card, in [`super::matrix::DEFAULT_CRITERIA`] order (see the
/// module documentation).
pub fn card_scores(card: &OptionCard) -> Vec<u8> {
    let r = &card.ratings;
    let hints = prefill_hints();
    vec![
        6 - rating(r.cost),
        6 - rating(r.complexity),
        by_tags(card, &hints.scalability),
        by_tags(card, &hints.security),
        6 - rating(r.operational_burden),
        rating(r.fit),
        6 - rating(r.lock_in),
    ]
}

/// The rough monthly run cost a cost rating stands for.
pub fn estimate_from_cost_rating(rating: u8) -> f64 {
    match rating.clamp(1, 5) {
        1 => 500.0,
        2 => 1_500.0,
        3 => 4_000.0,
        4 => 9_000.0,
        _ => 20_000.0,
    }
}

/// The single estimated cost line of a card.
pub fn estimated_cost_line(card: &OptionCard) -> CostLine {
    let (resource, r) = match card.ratings.cost {
        Some(r) => (
            format!(
                "Estimated run cost (from cost rating {}/5) — replace with real figures",
                r.clamp(1, 5)
            ),
            r,
        ),
        None => (
            "Estimated run cost (cost not rated, mid-range assumed) — replace with real figures"
                .to_string(),
            3,
        ),
    };
    CostLine {
        resource,
        quantity: 1.0,
        unit_price_per_month: estimate_from_cost_rating(r),
    }
}

/// The decided option, else the recommended one.
pub fn chosen_option<'a>(session: &'a Session, component_id: &str) -> Option<&'a OptionCard> {
    let c = session.component(component_id)?;
    c.decision
        .as_ref()
        .and_then(|d| c.option(&d.option))
        .or_else(|| c.recommendation.as_ref().and_then(|r| c.option(&r.option)))
}

/// The figures of the requirements, then those of the input documents.
struct Found {
    requirements: Vec<Figure>,
    documents: Vec<Figure>,
}

impl Found {
    fn of(session: &Session) -> Found {
        Found {
            requirements: session
                .requirements
                .iter()
                .flat_map(|r| figures(&r.text))
                .collect(),
            documents: session
                .inputs
                .iter()
                .flat_map(|i| figures(&i.text))
                .collect(),
        }
    }

    /// `pick` applied to the requirements' figures, else to the documents'.
    fn pick<T>(&self, pick: impl Fn(&[Figure]) -> Option<T>) -> Option<T> {
        pick(&self.requirements).or_else(|| pick(&self.documents))
    }
}

fn extreme(values: impl Iterator<Item = f64>, max: bool) -> Option<f64> {
    values.filter(|v| v.is_finite()).fold(None, |acc, v| {
        Some(match acc {
            Some(a) if (max && a >= v) || (!max && a <= v) => a,
            _ => v,
        })
    })
}

fn throughput(figs: &[Figure]) -> Option<(String, f64, f64)> {
    let all: Vec<(&str, f64)> = figs
        .iter()
        .filter_map(|f| match f {
            Figure::Throughput { per_second, unit } if *per_second > 0.0 => {
                Some((unit.as_str(), *per_second))
            }
            _ => None,
        })
        .collect();
    let unit = all
        .iter()
        .find(|(u, _)| *u == "requests")
        .or(all.first())?
        .0;
    let values = || all.iter().filter(|(u, _)| *u == unit).map(|(_, v)| *v);
    Some((
        format!("{unit}/s"),
        extreme(values(), true)?,
        extreme(values(), false)?,
    ))
}

fn users(figs: &[Figure]) -> Option<(String, f64, f64)> {
    let values = || {
        figs.iter().filter_map(|f| match f {
            Figure::Capacity { value, unit } if *value > 0.0 && counts_people(unit) => Some(*value),
            _ => None,
        })
    };
    Some((
        "users".into(),
        extreme(values(), true)?,
        extreme(values(), false)?,
    ))
}

/// The load model from the figures (see the module documentation).
fn load_model(found: &Found) -> LoadModel {
    let (unit, peak, low) = found
        .pick(throughput)
        .or_else(|| found.pick(users))
        .unwrap_or_else(|| ("requests/s".into(), 500.0, 500.0));
    let baseline = if low < peak { low } else { peak / 5.0 };
    LoadModel {
        unit,
        baseline,
        peak,
        growth_percent_per_month: DEFAULT_GROWTH_PERCENT,
        horizon_months: DEFAULT_HORIZON_MONTHS,
    }
}

fn tier(name: &str, capacity: f64, utilisation: f64) -> Tier {
    Tier {
        name: name.into(),
        capacity_per_instance: capacity,
        target_utilisation: utilisation,
        monthly_cost_per_instance: None,
    }
}

/// Placeholder tiers for a section; capacities in the load model's unit (users or per second).
fn tiers(section_id: &str, unit: &str, single: &str) -> Vec<Tier> {
    let users = unit == "users";
    let cap = |per_second: f64, per_users: f64| if users { per_users } else { per_second };
    match section_id {
        COMPUTE => vec![
            tier("Web", cap(250.0, 2_000.0), 0.7),
            tier("App", cap(150.0, 1_000.0), 0.7),
            tier("Worker", cap(100.0, 5_000.0), 0.6),
        ],
        DATA => vec![
            tier("Primary database", cap(2_000.0, 5_000.0), 0.6),
            tier("Cache", cap(20_000.0, 50_000.0), 0.7),
        ],
        _ => vec![tier(single, cap(500.0, 2_000.0), 0.7)],
    }
}

fn part(name: &str, availability_percent: f64, group: &str) -> AvailabilityPart {
    AvailabilityPart {
        name: name.into(),
        availability_percent,
        group: group.into(),
    }
}

/// Placeholder availability parts for a section, shaped by the chosen option's tags.
fn parts(section_id: &str, chosen: Option<&OptionCard>, title: &str) -> Vec<AvailabilityPart> {
    let tagged = |tags: &[&str]| chosen.is_some_and(|c| has_any(c, tags));
    let name = chosen.map_or(title, |c| c.name.as_str());
    let multi_region = tagged(&["multi-region", "active-active"]);
    let redundant = multi_region
        || tagged(&[
            "multi-az",
            "kubernetes",
            "autoscaling",
            "containers",
            "serverless",
            "managed",
        ]);
    match section_id {
        COMPUTE if redundant => vec![
            part("Load balancer", 99.99, ""),
            part("Instance in zone A", 99.5, "compute"),
            part("Instance in zone B", 99.5, "compute"),
        ],
        COMPUTE => vec![part("Load balancer", 99.99, ""), part(name, 99.5, "")],
        DATA if redundant => vec![part("Primary database (multi-zone)", 99.95, "")],
        DATA => vec![part("Primary database (single instance)", 99.5, "")],
        NETWORK => vec![
            part("Load balancer", 99.99, ""),
            part("Egress (NAT)", 99.9, ""),
        ],
        DR if multi_region => vec![
            part("Region 1", 99.9, "regions"),
            part("Region 2", 99.9, "regions"),
        ],
        DR => vec![part("Primary region", 99.9, "")],
        _ => vec![part(name, 99.9, "")],
    }
}

/// The cons of the chosen option that speak of operational work, with its burden rating first.
fn operational_burden(chosen: Option<&OptionCard>) -> Vec<String> {
    let Some(card) = chosen else {
        return Vec::new();
    };
    let words = &prefill_hints().burden_words;
    let mut out = Vec::new();
    if let Some(r) = card.ratings.operational_burden {
        out.push(format!(
            "{} is rated {}/5 for operational burden.",
            card.name.trim(),
            r.clamp(1, 5)
        ));
    }
    out.extend(
        card.cons
            .iter()
            .filter(|c| {
                let lower = c.to_lowercase();
                words.iter().any(|w| lower.contains(w.as_str()))
            })
            .take(3)
            .cloned(),
    );
    out
}

fn minutes(found: &Found, want_rto: bool) -> Option<u32> {
    found
        .pick(|figs| {
            extreme(
                figs.iter().filter_map(|f| match f {
                    Figure::Rto { minutes } if want_rto => Some(*minutes),
                    Figure::Rpo { minutes } if !want_rto => Some(*minutes),
                    _ => None,
                }),
                false,
            )
        })
        .map(|m| m.round().clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// The worksheet of `action` for the component, prefilled from the session (see the module
/// documentation). A component the session does not have gets worksheets without options.
pub fn prefill(
    action: ElicitationAction,
    session: &Session,
    component_id: &str,
    today: Date,
) -> Worksheet {
    let options: &[OptionCard] = session
        .component(component_id)
        .map_or(&[], |c| c.options.as_slice());
    let label = session
        .component(component_id)
        .map(|c| session.decision_label(c));
    let title = label.as_deref().unwrap_or(component_id);
    let chosen = chosen_option(session, component_id);
    match action {
        ElicitationAction::AlternativeEvaluation => Worksheet::DecisionMatrix {
            criteria: default_criteria(),
            scores: options
                .iter()
                .map(|c| OptionScores {
                    option: c.id.clone(),
                    scores: card_scores(c),
                })
                .collect(),
        },
        ElicitationAction::StressTest => {
            let load = load_model(&Found::of(session));
            let single = chosen.map_or(title, |c| c.name.as_str());
            let tiers = tiers(component_id, &load.unit, single);
            Worksheet::StressTest { load, tiers }
        }
        ElicitationAction::SecurityCompliance => Worksheet::SecurityReview {
            items: questions(component_id, title, &session.regimes),
        },
        ElicitationAction::CostAnalysis => Worksheet::CostReview {
            options: options
                .iter()
                .map(|c| OptionCosts {
                    option: c.id.clone(),
                    lines: vec![estimated_cost_line(c)],
                })
                .collect(),
            levers: no_levers(),
        },
        ElicitationAction::OperationalExcellence => {
            let found = Found::of(session);
            let slo = found
                .pick(|figs| {
                    extreme(
                        figs.iter().filter_map(|f| match f {
                            Figure::Availability { percent } => Some(*percent),
                            _ => None,
                        }),
                        true,
                    )
                })
                .unwrap_or(DEFAULT_SLO_PERCENT);
            Worksheet::Reliability {
                slo_target_percent: slo,
                window_days: 30,
                parts: parts(component_id, chosen, title),
                required_rto_minutes: minutes(&found, true),
                required_rpo_minutes: minutes(&found, false),
                delivered_rto_minutes: None,
                delivered_rpo_minutes: None,
                operational_burden: operational_burden(chosen),
            }
        }
        ElicitationAction::CrossFunctionalIntegration => {
            let section = session
                .component(component_id)
                .map_or(component_id, |c| c.section_id());
            let mut text = session
                .section(section)
                .map(|s| s.body.clone())
                .unwrap_or_default();
            if let Some(c) = chosen {
                text.push('\n');
                text.push_str(&c.summary);
            }
            let all: Vec<(String, String)> = session
                .sections
                .iter()
                .map(|s| (s.id.clone(), s.title.clone()))
                .collect();
            Worksheet::Integration {
                teams: default_teams(component_id),
                raci: default_raci(component_id),
                depends_on: suggest_dependencies(component_id, &text, &all),
            }
        }
        ElicitationAction::FutureMigration => Worksheet::Migration {
            steps: default_steps(component_id, chosen, today),
            lock_in: options.iter().map(lock_in_from_card).collect(),
            exit_strategy: exit_strategy(chosen),
            technologies_to_watch: technologies_to_watch(component_id),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::knowledge::{Catalog, Template};
    use crate::model::{
        InteractionMode, Ratings, Requirement, RequirementCategory, RequirementOrigin,
    };

    use crate::workflow::{NewSession, new_session};
    use jiff::Timestamp;

    fn today() -> Date {
        Date::new(2026, 11, 24).unwrap()
    }

    /// The sample session as the app builds it, drafted in YOLO mode (options and recommendations).
    fn sample() -> Session {
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let template = Template::builtin().unwrap();
        let inputs = crate::sample::inputs(now);
        let mut s = new_session(
            &template,
            NewSession {
                title: None,
                project: None,
                authors: vec![],
                mode: Some(InteractionMode::Yolo),
                inputs,
            },
            now,
        );
        let catalog = Catalog::builtin().unwrap();
        crate::workflow::yolo::draft_all(&mut s, &template, &catalog, now);
        s
    }

    fn card(tags: &[&str], ratings: Ratings) -> OptionCard {
        OptionCard {
            id: "x".into(),
            name: "X".into(),
            summary: String::new(),
            pros: vec![],
            cons: vec![],
            ratings,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            conflicts_with: vec![],
            catalog_id: None,
            capabilities: Default::default(),
            answers: Vec::new(),
            realised_on: String::new(),
        }
    }

    #[test]
    fn scores_from_ratings_and_tags() {
        // cost 2 → 4; complexity 4 → 2; scalability 3 + 1 (autoscaling); security 3 + 1 (kms);
        // burden 1 → 5; fit 4; lock-in 5 → 1
        let c = card(
            &["autoscaling", "KMS"],
            Ratings {
                cost: Some(2),
                complexity: Some(4),
                operational_burden: Some(1),
                lock_in: Some(5),
                fit: Some(4),
            },
        );
        assert_eq!(card_scores(&c), vec![4, 2, 4, 4, 5, 4, 1]);
        // unrated → 3 everywhere; on-premises lowers scalability, kubernetes raises it → 3;
        // shared-account lowers security → 2; out-of-range rating 9 → 5 → score 1
        let c = card(
            &["on-premises", "kubernetes", "shared-account"],
            Ratings {
                cost: Some(9),
                ..Ratings::default()
            },
        );
        assert_eq!(card_scores(&c), vec![1, 3, 3, 2, 3, 3, 3]);
    }

    #[test]
    fn cost_estimates() {
        let c = card(
            &[],
            Ratings {
                cost: Some(4),
                ..Ratings::default()
            },
        );
        let l = estimated_cost_line(&c);
        assert_eq!(l.unit_price_per_month, 9_000.0);
        assert_eq!(l.quantity, 1.0);
        assert!(l.resource.contains("cost rating 4/5") && l.resource.contains("replace"));
        assert!(!super::super::cost::is_storage_line(&l.resource));
        let l = estimated_cost_line(&card(&[], Ratings::default()));
        assert_eq!(l.unit_price_per_month, 4_000.0);
        assert!(l.resource.contains("not rated"));
        assert_eq!(estimate_from_cost_rating(0), 500.0);
    }

    #[test]
    fn sample_matrix_has_one_row_per_option() {
        let s = sample();
        let c = s.component(COMPUTE).unwrap();
        let Worksheet::DecisionMatrix { criteria, scores } = prefill(
            ElicitationAction::AlternativeEvaluation,
            &s,
            COMPUTE,
            today(),
        ) else {
            panic!("not a matrix")
        };
        assert_eq!(criteria.len(), 7);
        assert_eq!(scores.len(), c.options.len());
        for (row, card) in scores.iter().zip(&c.options) {
            assert_eq!(row.option, card.id);
            assert_eq!(row.scores.len(), 7);
            assert!(row.scores.iter().all(|s| (1..=5).contains(s)));
        }
    }

    #[test]
    fn sample_reliability_picks_up_the_prd() {
        // PRD NFR3: 99.95% monthly availability; NFR4: RPO 15 minutes and RTO 1 hour.
        let s = sample();
        let Worksheet::Reliability {
            slo_target_percent,
            window_days,
            parts,
            required_rto_minutes,
            required_rpo_minutes,
            delivered_rto_minutes,
            ..
        } = prefill(ElicitationAction::OperationalExcellence, &s, DATA, today())
        else {
            panic!("not reliability")
        };
        assert_eq!(slo_target_percent, 99.95);
        assert_eq!(window_days, 30);
        assert_eq!(required_rto_minutes, Some(60));
        assert_eq!(required_rpo_minutes, Some(15));
        assert_eq!(delivered_rto_minutes, None);
        assert!(!parts.is_empty());
    }

    #[test]
    fn sample_load_from_nfr2() {
        // NFR2: a peak of 1,200 requests/s; no smaller request figure → baseline 1200 / 5 = 240.
        let s = sample();
        let Worksheet::StressTest { load, tiers } =
            prefill(ElicitationAction::StressTest, &s, COMPUTE, today())
        else {
            panic!("not a stress test")
        };
        assert_eq!(load.unit, "requests/s");
        assert_eq!(load.peak, 1200.0);
        assert_eq!(load.baseline, 240.0);
        assert_eq!(
            (load.growth_percent_per_month, load.horizon_months),
            (5.0, 24)
        );
        let names: Vec<&str> = tiers.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, vec!["Web", "App", "Worker"]);
        let Worksheet::StressTest { tiers, .. } =
            prefill(ElicitationAction::StressTest, &s, DATA, today())
        else {
            panic!()
        };
        assert_eq!(tiers.len(), 2);
        let Worksheet::StressTest { tiers, .. } =
            prefill(ElicitationAction::StressTest, &s, NETWORK, today())
        else {
            panic!()
        };
        let rec = chosen_option(&s, NETWORK).unwrap();
        assert_eq!(tiers.len(), 1);
        assert_eq!(tiers[0].name, rec.name);
    }

    #[test]
    fn sample_cost_security_integration_migration() {
        let mut s = sample();
        s.regimes = vec!["GDPR".into(), "PCI DSS".into()];
        let n = s.component(DATA).unwrap().options.len();
        let Worksheet::CostReview { options, levers } =
            prefill(ElicitationAction::CostAnalysis, &s, DATA, today())
        else {
            panic!()
        };
        assert_eq!(options.len(), n);
        assert!(
            options
                .iter()
                .all(|o| o.lines.len() == 1 && o.lines[0].unit_price_per_month > 0.0)
        );
        assert_eq!(levers, no_levers());

        let Worksheet::SecurityReview { items } =
            prefill(ElicitationAction::SecurityCompliance, &s, DATA, today())
        else {
            panic!()
        };
        assert!(items.iter().any(|i| i.regime.as_deref() == Some("GDPR")));
        assert!(items.iter().any(|i| i.regime.as_deref() == Some("PCI DSS")));

        let Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } = prefill(
            ElicitationAction::CrossFunctionalIntegration,
            &s,
            DR,
            today(),
        )
        else {
            panic!()
        };
        assert_eq!(teams.len(), 6);
        assert!(!raci.is_empty());
        assert!(depends_on.contains(&DATA.to_string()));

        let Worksheet::Migration {
            steps,
            lock_in,
            exit_strategy,
            technologies_to_watch,
        } = prefill(ElicitationAction::FutureMigration, &s, DATA, today())
        else {
            panic!()
        };
        assert_eq!(steps[0].target, "2027-Q1");
        assert_eq!(lock_in.len(), n);
        assert!(!exit_strategy.is_empty());
        assert!(!technologies_to_watch.is_empty());
    }

    #[test]
    fn empty_session_gets_defaults() {
        let s = Session::empty("t", "p", Timestamp::from_second(0).unwrap());
        for action in ElicitationAction::ALL {
            // never panics, even for an unknown component
            let _ = prefill(action, &s, "nope", today());
        }
        let Worksheet::StressTest { load, tiers } =
            prefill(ElicitationAction::StressTest, &s, "nope", today())
        else {
            panic!()
        };
        assert_eq!(
            (load.unit.as_str(), load.baseline, load.peak),
            ("requests/s", 100.0, 500.0)
        );
        assert_eq!(tiers[0].name, "nope");
        let Worksheet::Reliability {
            slo_target_percent,
            required_rto_minutes,
            parts,
            ..
        } = prefill(
            ElicitationAction::OperationalExcellence,
            &s,
            "nope",
            today(),
        )
        else {
            panic!()
        };
        assert_eq!(slo_target_percent, 99.9);
        assert_eq!(required_rto_minutes, None);
        assert_eq!(parts.len(), 1);
    }

    #[test]
    fn users_when_no_throughput() {
        let mut s = Session::empty("t", "p", Timestamp::from_second(0).unwrap());
        for text in [
            "Up to 50 000 concurrent users.",
            "Normally 8,000 concurrent users.",
        ] {
            s.requirements.push(Requirement {
                id: "R".into(),
                category: RequirementCategory::Scalability,
                text: text.into(),
                origin: RequirementOrigin::Manual,
                source: None,
            });
        }
        let Worksheet::StressTest { load, tiers } =
            prefill(ElicitationAction::StressTest, &s, COMPUTE, today())
        else {
            panic!()
        };
        assert_eq!(
            (load.unit.as_str(), load.baseline, load.peak),
            ("users", 8_000.0, 50_000.0)
        );
        assert_eq!(tiers[0].capacity_per_instance, 2_000.0);
    }
}
