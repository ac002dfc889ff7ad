//! Requirement figures compared by value with what an option achieves: the strictest RPO, RTO and
//! availability the requirements ask for, and the loss of a region or site they ask to survive,
//! against the option's capabilities (stated on the card, or implied by its tags through
//! `assets/ranking/rules.ron`).

use crate::inputs::extract::{Figure, figures};
use crate::knowledge::fit_rules::fit_rules;
use crate::model::{Capabilities, FailureScope, Need, Reach, Requirement, duration_text};

/// The strictest figure of each kind the requirements ask for, with the requirement that asks.
/// Working it out reads every requirement's figures, so one is made per set of requirements and
/// kept (the workbench keeps it until the requirements change).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Needs {
    pub rpo: Option<(f64, Requirement)>,
    pub rto: Option<(f64, Requirement)>,
    pub availability: Option<(f64, Requirement)>,
    pub loss: Option<(FailureScope, Requirement)>,
    /// The first requirement that asks data to stay in a jurisdiction.
    pub residency: Option<Requirement>,
    /// The first requirement that asks compute to scale to zero, and whether only at set times
    /// ("outside business hours") rather than whenever it is idle.
    pub scale_to_zero: Option<(bool, Requirement)>,
    /// The strictest latency target, in minutes, with its percentile when given.
    pub latency: Option<(f64, Option<f64>, Requirement)>,
}

impl Needs {
    pub fn of(requirements: &[Requirement]) -> Needs {
        let rules = fit_rules();
        let mut n = Needs::default();
        for r in requirements {
            for f in figures(&r.text) {
                match f {
                    Figure::Rpo { minutes } if n.rpo.as_ref().is_none_or(|(m, _)| minutes < *m) => {
                        n.rpo = Some((minutes, r.clone()))
                    }
                    Figure::Rto { minutes } if n.rto.as_ref().is_none_or(|(m, _)| minutes < *m) => {
                        n.rto = Some((minutes, r.clone()))
                    }
                    Figure::Availability { percent }
                        if n.availability.as_ref().is_none_or(|(p, _)| percent > *p) =>
                    {
                        n.availability = Some((percent, r.clone()))
                    }
                    Figure::Latency { percentile, millis }
                        if n.latency
                            .as_ref()
                            .is_none_or(|(m, _, _)| millis / 60_000.0 < *m) =>
                    {
                        n.latency = Some((millis / 60_000.0, percentile, r.clone()))
                    }
                    _ => {}
                }
            }
            if n.residency.is_none() && rules.asks_residency(&r.text) {
                n.residency = Some(r.clone());
            }
            if n.scale_to_zero.is_none()
                && let Some(at_times) = rules.asks_scale_to_zero(&r.text)
            {
                n.scale_to_zero = Some((at_times, r.clone()));
            }
            if let Some(scope) = rules.loss_to_survive(&r.text)
                && n.loss.as_ref().is_none_or(|(s, _)| scope > *s)
            {
                n.loss = Some((scope, r.clone()));
            }
        }
        n
    }
}

/// How an option fares on one needed figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Met by what it typically achieves.
    Met,
    /// Met only at its best (the right tier, tuned).
    AtBest,
    NotMet,
}

/// One comparison: the outcome, the requirement, and the sentence that states it.
#[derive(Debug, Clone)]
pub struct Comparison<'a> {
    /// What is compared.
    pub need: Need,
    pub outcome: Outcome,
    pub requirement: &'a Requirement,
    pub text: String,
    /// A few words for a card: `RPO 15 min: about 1 min`.
    pub brief: String,
    /// Not met because the option does not survive a failure the requirements ask it to survive
    /// (the whole service lost with a region), rather than falling short of a figure by a degree.
    pub outage: bool,
}

/// What a card achieves: what it states when it states anything (a catalog option knows itself
/// better than its tags do), else what its tags imply.
pub fn capabilities_of(stated: &Capabilities, tags: &[String]) -> Capabilities {
    if stated.is_empty() {
        fit_rules().implied(tags)
    } else {
        stated.clone()
    }
}

fn brief_time(what: &str, need: f64, outcome: &Outcome, reach: &Reach) -> String {
    let got = if *outcome == Outcome::Met {
        reach.typical
    } else {
        reach.best
    };
    format!(
        "{what} {}: about {}",
        duration_text(need),
        duration_text(got)
    )
}

/// How a time the option reaches (lower is better) fares against the time needed.
fn time_outcome(need: f64, reach: &Reach) -> Outcome {
    if reach.best > need {
        Outcome::NotMet
    } else if reach.typical <= need {
        Outcome::Met
    } else {
        Outcome::AtBest
    }
}

fn time(what: &str, need: f64, reach: &Reach, r: &Requirement) -> (Outcome, String) {
    let need_text = duration_text(need);
    let outcome = time_outcome(need, reach);
    if outcome == Outcome::NotMet {
        (
            Outcome::NotMet,
            format!(
                "{what} {need_text} required ({}); {}: about {}, not met",
                r.id,
                reach.via,
                duration_text(reach.best)
            ),
        )
    } else if outcome == Outcome::Met {
        (
            Outcome::Met,
            format!(
                "{what} {need_text} required ({}); {}: about {}, met",
                r.id,
                reach.via,
                duration_text(reach.typical)
            ),
        )
    } else {
        (
            Outcome::AtBest,
            format!(
                "{what} {need_text} required ({}); {}: {} typically and {} at best, met only when tuned for it",
                r.id,
                reach.via,
                duration_text(reach.typical),
                duration_text(reach.best)
            ),
        )
    }
}

fn percent(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Every comparison of `caps` with `needs`, in the order RPO, RTO, availability, loss, latency,
/// residency, scaling to zero.
pub fn compare<'a>(caps: &Capabilities, needs: &'a Needs) -> Vec<Comparison<'a>> {
    let mut out = Vec::new();
    for (kind, what, needed, reached) in [
        (Need::Rpo, "RPO", &needs.rpo, &caps.rpo),
        (Need::Rto, "RTO", &needs.rto, &caps.rto),
    ] {
        if let (Some((need, r)), Some(reach)) = (needed, reached) {
            let (outcome, text) = time(what, *need, reach, r);
            out.push(Comparison {
                need: kind,
                brief: brief_time(what, *need, &outcome, reach),
                outcome,
                requirement: r,
                text,
                outage: false,
            });
        }
    }
    if let (Some((need, r)), Some(reach)) = (&needs.availability, &caps.availability) {
        let need = *need;
        let (outcome, verdict, got) = if reach.best < need {
            (Outcome::NotMet, "not met", reach.best)
        } else if reach.typical >= need {
            (Outcome::Met, "met", reach.typical)
        } else {
            (
                Outcome::AtBest,
                "met only with the highest tier",
                reach.best,
            )
        };
        out.push(Comparison {
            need: Need::Availability,
            brief: format!("{}%: about {}%", percent(need), percent(got)),
            outcome,
            requirement: r,
            outage: false,
            text: format!(
                "{}% availability required ({}); {}: about {}%, {verdict}",
                percent(need),
                r.id,
                reach.via,
                percent(got)
            ),
        });
    }
    if let Some((scope, r)) = &needs.loss
        && caps.states_survival
    {
        let scope = *scope;
        let most = caps.survives.iter().max().map_or(
            "the option does not survive the loss of a zone or region".to_string(),
            |s| format!("the option survives the loss of {} at most", s.label()),
        );
        let (outcome, text) = if caps.survives(scope) {
            (
                Outcome::Met,
                format!(
                    "surviving the loss of {} required ({}); the option survives it, met",
                    scope.label(),
                    r.id
                ),
            )
        } else {
            (
                Outcome::NotMet,
                format!(
                    "surviving the loss of {} required ({}); {most}, not met",
                    scope.label(),
                    r.id
                ),
            )
        };
        out.push(Comparison {
            need: Need::RegionLoss,
            brief: format!(
                "loss of {}: {}",
                scope.label(),
                if caps.survives(scope) {
                    "survived"
                } else {
                    "not survived"
                }
            ),
            outage: outcome == Outcome::NotMet,
            outcome,
            requirement: r,
            text,
        });
    }
    if let (Some((need, percentile, r)), Some(reach)) = (&needs.latency, &caps.added_latency) {
        let need = *need;
        let label = match percentile {
            Some(p) => format!("p{} latency", percent(*p)),
            None => "latency".to_string(),
        };
        let outcome = time_outcome(need, reach);
        let verdict = match outcome {
            Outcome::Met => "met",
            Outcome::AtBest => "met only when tuned for it",
            Outcome::NotMet => "not met",
        };
        out.push(Comparison {
            need: Need::Latency,
            brief: format!(
                "{label} {}: adds about {}",
                duration_text(need),
                duration_text(if outcome == Outcome::Met {
                    reach.typical
                } else {
                    reach.best
                })
            ),
            text: format!(
                "{label} of {} required ({}); the platform adds {}: about {}, {verdict}",
                duration_text(need),
                r.id,
                reach.via,
                duration_text(reach.typical)
            ),
            outcome,
            requirement: r,
            outage: false,
        });
    }
    if let (Some(r), Some(res)) = (&needs.residency, &caps.residency) {
        let (outcome, verdict, brief) = match (&res.contained, &res.at_best) {
            (true, _) => (Outcome::Met, "met".to_string(), "kept"),
            (false, Some(how)) => (
                Outcome::AtBest,
                format!("met only with {}", how.trim_end_matches('.')),
                "kept only when set up for it",
            ),
            (false, None) => (Outcome::NotMet, "not met".to_string(), "not kept"),
        };
        out.push(Comparison {
            need: Need::Residency,
            brief: format!("data residency: {brief}"),
            text: format!(
                "data processed only where the requirements allow ({}); {}, {verdict}",
                r.id, res.via
            ),
            outcome,
            requirement: r,
            outage: false,
        });
    }
    if let (Some((at_times, r)), Some(idle)) = (&needs.scale_to_zero, &caps.scale_to_zero) {
        let (outcome, verdict, brief) = match (&idle.on_schedule, &idle.at_best) {
            _ if idle.scales => (Outcome::Met, "met".to_string(), "scales to zero"),
            (Some(how), _) if *at_times => (
                Outcome::Met,
                format!("met with {}", how.trim_end_matches('.')),
                "on a schedule",
            ),
            (_, Some(how)) | (Some(how), None) => (
                Outcome::AtBest,
                format!("met only with {}", how.trim_end_matches('.')),
                "only when set up for it",
            ),
            (None, None) => (Outcome::NotMet, "not met".to_string(), "keeps running"),
        };
        let when = if *at_times {
            "at set times"
        } else {
            "when idle"
        };
        out.push(Comparison {
            need: Need::ScaleToZero,
            brief: format!("idle at zero: {brief}"),
            text: format!(
                "compute that scales to zero {when} required ({}); {}, {verdict}",
                r.id,
                idle.via.trim_end_matches('.')
            ),
            outcome,
            requirement: r,
            outage: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RequirementCategory, RequirementOrigin};

    fn req(id: &str, text: &str) -> Requirement {
        Requirement {
            id: id.into(),
            category: RequirementCategory::Recovery,
            text: text.into(),
            origin: RequirementOrigin::Extracted,
            source: None,
        }
    }

    fn tags(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_strictest_figure_of_each_kind_is_needed() {
        let reqs = [
            req("T3", "Tier 3: RPO 24 hours, RTO 72 hours."),
            req(
                "NFR4",
                "RPO 15 minutes and RTO 1 hour, including the loss of an entire cloud region.",
            ),
            req("NFR3", "99.95% monthly availability."),
        ];
        let n = Needs::of(&reqs);
        assert_eq!(
            n.rpo.as_ref().map(|(m, r)| (*m, r.id.as_str())),
            Some((15.0, "NFR4"))
        );
        assert_eq!(n.rto.as_ref().map(|(m, _)| *m), Some(60.0));
        assert_eq!(n.availability.as_ref().map(|(p, _)| *p), Some(99.95));
        assert_eq!(n.loss.as_ref().map(|(s, _)| *s), Some(FailureScope::Region));
    }

    #[test]
    fn recovery_is_compared_by_value() {
        let reqs = [req("NFR2", "Zero data loss: RPO 0 for booked payments.")];
        let n = Needs::of(&reqs);
        let warm = capabilities_of(&Capabilities::default(), &tags(&["warm-standby"]));
        let c = compare(&warm, &n);
        assert_eq!(c[0].outcome, Outcome::NotMet);
        assert_eq!(
            c[0].text,
            "RPO 0 required (NFR2); asynchronous replication to the standby region: about 1 s, not met"
        );
        // Point-in-time recovery gives minutes, not 0.
        let pitr = capabilities_of(&Capabilities::default(), &tags(&["point-in-time-recovery"]));
        assert_eq!(compare(&pitr, &n)[0].outcome, Outcome::NotMet);
        let sync = capabilities_of(
            &Capabilities::default(),
            &tags(&["synchronous-replication"]),
        );
        assert_eq!(compare(&sync, &n)[0].outcome, Outcome::Met);
    }

    #[test]
    fn a_region_loss_needs_a_second_region() {
        let reqs = [req(
            "NFR4",
            "RTO 1 hour, including the loss of an entire cloud region.",
        )];
        let n = Needs::of(&reqs);
        let multi_az = capabilities_of(&Capabilities::default(), &tags(&["multi-az"]));
        let c = compare(&multi_az, &n);
        assert_eq!(c.len(), 1, "multi-AZ states no RTO");
        assert_eq!(c[0].outcome, Outcome::NotMet);
        assert!(
            c[0].text.contains("survives the loss of a zone at most"),
            "{}",
            c[0].text
        );
        let warm = capabilities_of(&Capabilities::default(), &tags(&["warm-standby"]));
        assert!(compare(&warm, &n).iter().all(|c| c.outcome == Outcome::Met));
        let pilot = capabilities_of(&Capabilities::default(), &tags(&["pilot-light"]));
        let c = compare(&pilot, &n);
        assert_eq!(c[0].outcome, Outcome::AtBest, "{}", c[0].text);
    }

    #[test]
    fn a_latency_target_is_compared_with_what_the_platform_adds() {
        let reqs = [
            req(
                "NFR5",
                "Search answers within 800 ms at the 95th percentile.",
            ),
            req("NFR6", "p99 300 ms for the booking API."),
        ];
        let n = Needs::of(&reqs);
        let (need, percentile, r) = n.latency.as_ref().unwrap();
        assert_eq!((r.id.as_str(), *percentile), ("NFR6", Some(99.0)));
        assert!((need * 60_000.0 - 300.0).abs() < 1e-6);
        let caps = |best: f64, typical: f64| Capabilities {
            added_latency: Some(Reach {
                best: best / 60_000.0,
                typical: typical / 60_000.0,
                via: "cold starts".into(),
            }),
            ..Default::default()
        };
        assert_eq!(compare(&caps(0.0, 0.0), &n)[0].outcome, Outcome::Met);
        let functions = &compare(&caps(0.0, 1000.0), &n)[0];
        assert_eq!(functions.outcome, Outcome::AtBest);
        assert_eq!(
            functions.text,
            "p99 latency of 0.3 s required (NFR6); the platform adds cold starts: about 1 s, met only when tuned for it"
        );
        assert_eq!(
            compare(&caps(500.0, 2000.0), &n)[0].outcome,
            Outcome::NotMet
        );
    }

    #[test]
    fn where_data_is_processed_is_compared_with_a_residency_rule() {
        use crate::model::Residency;
        let caps = |contained: bool, at_best: Option<&str>| Capabilities {
            residency: Some(Residency {
                contained,
                via: "edge locations worldwide".into(),
                at_best: at_best.map(str::to_string),
            }),
            ..Default::default()
        };
        for (text, asks) in [
            (
                "GL-10: Customer data SHALL be stored and processed only in Germany.",
                true,
            ),
            (
                "Data must not be stored or processed outside Germany.",
                true,
            ),
            ("Backups must stay within the EU.", false),
            ("Logs are processed by the SIEM.", false),
        ] {
            let n = Needs::of(&[req("R1", text)]);
            assert_eq!(n.residency.is_some(), asks, "{text}");
        }
        let n = Needs::of(&[req("R1", "Personal data is processed only in the EU.")]);
        let outcome = |c: &Capabilities| compare(c, &n)[0].outcome.clone();
        assert_eq!(outcome(&caps(true, None)), Outcome::Met);
        assert_eq!(
            outcome(&caps(false, Some("regional edge services"))),
            Outcome::AtBest
        );
        let not = &compare(&caps(false, None), &n)[0];
        assert_eq!(not.outcome, Outcome::NotMet);
        assert_eq!(
            not.text,
            "data processed only where the requirements allow (R1); edge locations worldwide, not met"
        );
        assert!(
            !not.outage,
            "a residency miss is not a failure not survived"
        );
        // An option that does not say where it processes data is not compared.
        assert!(compare(&Capabilities::default(), &n).is_empty());
    }

    #[test]
    fn availability_between_typical_and_best_is_met_at_best() {
        let reqs = [req("NFR1", "99.99% availability")];
        let n = Needs::of(&reqs);
        let multi_az = capabilities_of(&Capabilities::default(), &tags(&["multi-az"]));
        assert_eq!(compare(&multi_az, &n)[0].outcome, Outcome::AtBest);
        let single = capabilities_of(&Capabilities::default(), &tags(&["single-az"]));
        assert_eq!(compare(&single, &n)[0].outcome, Outcome::NotMet);
    }

    #[test]
    fn scaling_to_zero_is_asked_in_several_words_and_compared() {
        use crate::model::ScaleToZero;
        for (text, asks) in [
            ("The API must scale to zero when idle.", true),
            ("Workers scale down to zero overnight.", true),
            ("No compute charges while idle.", true),
            ("The service costs nothing when unused.", true),
            ("Idle cost must be zero.", true),
            ("Scaling to zero is not required.", false),
            ("Dev may be scaled to zero at weekends.", false),
            ("The API scales out to 40 instances.", false),
        ] {
            let n = Needs::of(&[req("R1", text)]);
            assert_eq!(n.scale_to_zero.is_some(), asks, "{text}");
        }
        let n = Needs::of(&[req("R1", "The API must scale to zero when idle.")]);
        let caps = |scales: bool, at_best: Option<&str>| Capabilities {
            scale_to_zero: Some(ScaleToZero {
                scales,
                via: "tasks keep running".into(),
                at_best: None,
                on_schedule: at_best.map(str::to_string),
            }),
            ..Default::default()
        };
        assert_eq!(compare(&caps(true, None), &n)[0].outcome, Outcome::Met);
        let scheduled = &compare(&caps(false, Some("a scheduled action.")), &n)[0];
        assert_eq!(scheduled.outcome, Outcome::AtBest);
        assert_eq!(
            scheduled.text,
            "compute that scales to zero when idle required (R1); tasks keep running, met only with a scheduled action"
        );
        let not = &compare(&caps(false, None), &n)[0];
        assert_eq!((not.outcome.clone(), not.outage), (Outcome::NotMet, false));
        assert_eq!(not.brief, "idle at zero: keeps running");
        assert!(compare(&Capabilities::default(), &n).is_empty());
        // Zero only at set times is what a schedule gives.
        let nightly = Needs::of(&[req(
            "R2",
            "Non-production environments must scale to zero outside business hours.",
        )]);
        assert!(nightly.scale_to_zero.as_ref().is_some_and(|(t, _)| *t));
        let on_schedule = &compare(&caps(false, Some("a scheduled action")), &nightly)[0];
        assert_eq!(on_schedule.outcome, Outcome::Met);
        assert_eq!(
            on_schedule.text,
            "compute that scales to zero at set times required (R2); tasks keep running, met with a scheduled action"
        );
    }
}
