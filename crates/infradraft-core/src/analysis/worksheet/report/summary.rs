//! One-line summaries of the worksheets' results, for lists.

use std::fmt::Write as _;

use crate::model::Worksheet;

use super::super::cost::compare;
use super::super::integration::raci_problems;
use super::super::matrix::{
    SENSITIVITY_DELTA, effective_weight, ranking, sensitivity, weighted_totals,
};
use super::super::migration::steps_out_of_order;
use super::super::non_negative;
use super::super::reliability::{composite_percent, error_budget_minutes, slo_feasible};
use super::super::security::tally;
use super::super::stress::analyse;
use super::format::*;
use super::markdown::levers_phrase;

/// A one-line summary of a worksheet's results, with options shown as stored (ids).
pub fn summary_line(worksheet: &Worksheet) -> String {
    summary_line_with(worksheet, &|id: &str| id.to_string())
}

/// A one-line summary of a worksheet's results; `option_name` turns an option id into its name.
pub fn summary_line_with(worksheet: &Worksheet, option_name: &dyn Fn(&str) -> String) -> String {
    match worksheet {
        Worksheet::DecisionMatrix { criteria, scores } => {
            if scores.is_empty() {
                return "No options scored".into();
            }
            if criteria.iter().all(|c| effective_weight(c.weight) == 0.0) {
                return "All weights are zero".into();
            }
            let totals = weighted_totals(criteria, scores);
            let w = ranking(criteria, scores)[0];
            let pct = fmt_number(SENSITIVITY_DELTA * 100.0, 1);
            let robust = if sensitivity(criteria, scores, SENSITIVITY_DELTA).is_empty() {
                format!("robust to ±{pct}%")
            } else {
                format!("a ±{pct}% weight change can flip it")
            };
            format!(
                "Winner: {} ({}); {robust}",
                option_name(&scores[w].option).trim(),
                fmt_score(totals[w])
            )
        }
        Worksheet::StressTest { load, tiers } => {
            let r = analyse(load, tiers);
            let unit = load.unit.trim();
            let sat = match r.first_to_saturate {
                Some(s) if s.months < 0.05 => {
                    format!("{} has no headroom for growth", r.tiers[s.tier].name.trim())
                }
                Some(s) => format!(
                    "{} saturates first after {} months",
                    r.tiers[s.tier].name.trim(),
                    fmt_fixed(s.months, 1)
                ),
                None => "no tier saturates".into(),
            };
            format!(
                "Peak {} {unit} → {} in {} months; {sat}",
                fmt_number(non_negative(load.peak), 1),
                fmt_number(r.horizon_load, 1),
                load.horizon_months
            )
        }
        Worksheet::SecurityReview { items } => {
            let t = tally(items);
            format!(
                "{}: {}, {} partial, {} unanswered",
                plural(items.len(), "question", "questions"),
                plural(t.gap, "gap", "gaps"),
                t.partial,
                t.unanswered
            )
        }
        Worksheet::CostReview { options, levers } => {
            let c = compare(options, levers);
            match c.cheapest {
                Some(i) => format!(
                    "Cheapest: {} at {} a month{}",
                    option_name(&c.options[i].option).trim(),
                    fmt_money(c.options[i].optimised_monthly),
                    if levers_phrase(levers).is_some() {
                        " optimised"
                    } else {
                        ""
                    }
                ),
                None => "No options costed".into(),
            }
        }
        Worksheet::Reliability {
            slo_target_percent,
            window_days,
            parts,
            ..
        } => {
            let budget = error_budget_minutes(*slo_target_percent, *window_days);
            let per = if *window_days == 30 {
                "/month".to_string()
            } else {
                format!(" per {} days", window_days)
            };
            let composite = match composite_percent(parts) {
                Some(c) => format!(
                    "composite {} ({} SLO)",
                    fmt_percent(c),
                    if slo_feasible(*slo_target_percent, c) {
                        "meets"
                    } else {
                        "below"
                    }
                ),
                None => "composite unknown".into(),
            };
            format!(
                "Error budget {} min{per}; {composite}",
                fmt_fixed(budget, 1)
            )
        }
        Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } => format!(
            "{}, {}; {}; depends on {}",
            plural(teams.len(), "team", "teams"),
            plural(raci.len(), "activity", "activities"),
            plural(
                raci_problems(teams, raci).len(),
                "RACI problem",
                "RACI problems"
            ),
            plural(depends_on.len(), "section", "sections")
        ),
        Worksheet::Migration { steps, .. } => {
            let Some(last) = steps.last() else {
                return "No migration steps".into();
            };
            let one_way = steps.iter().filter(|s| !s.reversible).count();
            let mut s = format!(
                "{} to {}; {} irreversible",
                plural(steps.len(), "step", "steps"),
                last.target.trim(),
                one_way
            );
            let disorder = steps_out_of_order(steps).len();
            if disorder > 0 {
                let _ = write!(s, "; {disorder} out of order");
            }
            s
        }
    }
}
