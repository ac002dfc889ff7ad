//! Cost arithmetic for "Cost Analysis & Optimization Review": monthly totals per option, the effect
//! of the optimisation levers, and the comparison of options over 12 and 36 months.
//!
//! # Model
//! - A line costs `quantity · unit_price_per_month`; a quantity or price that is negative or not
//!   finite counts as 0.
//! - A line is a *storage line* when its resource name contains (case-insensitively) one of
//!   `storage`, `backup`, `archive`, `snapshot`, `object`, `disk`, `volume`, `bucket`. Its optimised
//!   cost is `cost·(1 − storage_tiering)`.
//! - Every other line is compute-like: first rightsizing, `r = cost·(1 − rightsizing)`; then of `r`,
//!   `committed_share` is billed at `(1 − commitment_discount)`, `spot_share` at
//!   `(1 − spot_discount)` and the rest on demand at full price.
//! - Every lever is clamped to `[0, 1]` (not finite counts as 0); when `committed_share +
//!   spot_share > 1` the spot share is reduced to `1 − committed_share`.
//! - Periods are flat: 12 months cost `12 × monthly`, 36 months `36 × monthly` (no growth, no price
//!   changes).

use crate::model::{CostLevers, CostLine, OptionCosts};

use super::{fraction, non_negative};

/// The words that make a line a storage line (see the module documentation).
pub const STORAGE_WORDS: [&str; 8] = [
    "storage", "backup", "archive", "snapshot", "object", "disk", "volume", "bucket",
];

/// `quantity · unit price`, with negative or non-finite factors counted as 0.
pub fn line_monthly(line: &CostLine) -> f64 {
    non_negative(line.quantity) * non_negative(line.unit_price_per_month)
}

/// `Σ quantity · unit price` over the lines.
pub fn monthly_total(lines: &[CostLine]) -> f64 {
    lines.iter().map(line_monthly).sum()
}

/// Whether a resource name denotes storage (see [`STORAGE_WORDS`]).
pub fn is_storage_line(resource: &str) -> bool {
    let lower = resource.to_lowercase();
    STORAGE_WORDS.iter().any(|w| lower.contains(w))
}

/// The levers as they are applied: every share and discount clamped to `[0, 1]`, and the spot
/// share reduced so that committed + spot ≤ 1.
pub fn effective_levers(levers: &CostLevers) -> CostLevers {
    let committed_share = fraction(levers.committed_share);
    CostLevers {
        committed_share,
        commitment_discount: fraction(levers.commitment_discount),
        spot_share: fraction(levers.spot_share).min(1.0 - committed_share),
        spot_discount: fraction(levers.spot_discount),
        rightsizing: fraction(levers.rightsizing),
        storage_tiering: fraction(levers.storage_tiering),
    }
}

/// The monthly cost of one line after the levers.
pub fn optimised_line(line: &CostLine, levers: &CostLevers) -> f64 {
    let l = effective_levers(levers);
    let cost = line_monthly(line);
    if is_storage_line(&line.resource) {
        return cost * (1.0 - l.storage_tiering);
    }
    let r = cost * (1.0 - l.rightsizing);
    let on_demand = 1.0 - l.committed_share - l.spot_share;
    r * (l.committed_share * (1.0 - l.commitment_discount)
        + l.spot_share * (1.0 - l.spot_discount)
        + on_demand.max(0.0))
}

/// The monthly total after the levers.
pub fn optimised_monthly(lines: &[CostLine], levers: &CostLevers) -> f64 {
    lines.iter().map(|l| optimised_line(l, levers)).sum()
}

/// Levers that change nothing.
pub fn no_levers() -> CostLevers {
    CostLevers {
        committed_share: 0.0,
        commitment_discount: 0.0,
        spot_share: 0.0,
        spot_discount: 0.0,
        rightsizing: 0.0,
        storage_tiering: 0.0,
    }
}

/// The cost figures of one option.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionCostSummary {
    pub option: String,
    pub monthly: f64,
    pub optimised_monthly: f64,
    pub months_12: f64,
    pub months_36: f64,
    pub optimised_months_12: f64,
    pub optimised_months_36: f64,
    /// What the levers save on this option: `monthly − optimised_monthly`.
    pub optimisation_saving_monthly: f64,
    pub optimisation_saving_36: f64,
}

/// What choosing the cheapest option saves against another option (optimised figures).
#[derive(Debug, Clone, PartialEq)]
pub struct SavingVs {
    /// Index of the other option.
    pub option: usize,
    pub monthly: f64,
    pub months_36: f64,
}

/// The comparison of the options' costs.
#[derive(Debug, Clone, PartialEq)]
pub struct CostComparison {
    pub options: Vec<OptionCostSummary>,
    /// The option with the lowest optimised monthly cost (the first on ties); `None` without options.
    pub cheapest: Option<usize>,
    /// The cheapest option's savings against each other option, in option order.
    pub savings: Vec<SavingVs>,
}

/// Compares the options (see the module documentation for the model).
pub fn compare(options: &[OptionCosts], levers: &CostLevers) -> CostComparison {
    let summaries: Vec<OptionCostSummary> = options
        .iter()
        .map(|o| {
            let monthly = monthly_total(&o.lines);
            let optimised = optimised_monthly(&o.lines, levers);
            OptionCostSummary {
                option: o.option.clone(),
                monthly,
                optimised_monthly: optimised,
                months_12: 12.0 * monthly,
                months_36: 36.0 * monthly,
                optimised_months_12: 12.0 * optimised,
                optimised_months_36: 36.0 * optimised,
                optimisation_saving_monthly: monthly - optimised,
                optimisation_saving_36: 36.0 * (monthly - optimised),
            }
        })
        .collect();
    let cheapest =
        summaries
            .iter()
            .enumerate()
            .fold(None, |best: Option<usize>, (i, s)| match best {
                Some(b) if summaries[b].optimised_monthly <= s.optimised_monthly => Some(b),
                _ => Some(i),
            });
    let savings = match cheapest {
        Some(c) => summaries
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != c)
            .map(|(i, s)| {
                let monthly = s.optimised_monthly - summaries[c].optimised_monthly;
                SavingVs {
                    option: i,
                    monthly,
                    months_36: 36.0 * monthly,
                }
            })
            .collect(),
        None => Vec::new(),
    };
    CostComparison {
        options: summaries,
        cheapest,
        savings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(resource: &str, quantity: f64, price: f64) -> CostLine {
        CostLine {
            resource: resource.into(),
            quantity,
            unit_price_per_month: price,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn levers() -> CostLevers {
        CostLevers {
            committed_share: 0.6,
            commitment_discount: 0.3,
            spot_share: 0.2,
            spot_discount: 0.7,
            rightsizing: 0.1,
            storage_tiering: 0.25,
        }
    }

    #[test]
    fn totals() {
        // 4 · 250 + 2000 · 0.02 = 1000 + 40 = 1040
        let lines = [
            line("App servers", 4.0, 250.0),
            line("Object storage (GB)", 2000.0, 0.02),
        ];
        assert!(close(monthly_total(&lines), 1040.0));
        assert_eq!(monthly_total(&[]), 0.0);
    }

    #[test]
    fn bad_lines_count_as_zero() {
        let lines = [
            line("a", -3.0, 100.0),
            line("b", 2.0, -5.0),
            line("c", f64::NAN, 1.0),
            line("d", 1.0, f64::INFINITY),
            line("e", 2.0, 10.0),
        ];
        assert_eq!(monthly_total(&lines), 20.0);
    }

    #[test]
    fn storage_lines() {
        assert!(is_storage_line("Object storage (GB)"));
        assert!(is_storage_line("Nightly BACKUPS"));
        assert!(is_storage_line("EBS volumes"));
        assert!(is_storage_line("Log bucket"));
        assert!(!is_storage_line("App servers"));
        assert!(!is_storage_line(
            "Estimated run cost (from cost rating 3/5)"
        ));
    }

    #[test]
    fn optimised_by_hand() {
        // App servers 1000: rightsizing 10% → 900; committed 60% at 30% off: 900·0.6·0.7 = 378;
        //   spot 20% at 70% off: 900·0.2·0.3 = 54; on demand 20%: 900·0.2 = 180 → 612.
        // Object storage 40: tiering 25% → 30. Total 642.
        let lines = [
            line("App servers", 4.0, 250.0),
            line("Object storage (GB)", 2000.0, 0.02),
        ];
        assert!(close(optimised_line(&lines[0], &levers()), 612.0));
        assert!(close(optimised_line(&lines[1], &levers()), 30.0));
        assert!(close(optimised_monthly(&lines, &levers()), 642.0));
        assert!(close(optimised_monthly(&lines, &no_levers()), 1040.0));
    }

    #[test]
    fn shares_are_clamped() {
        // committed 0.8, spot 0.5 → spot reduced to 0.2. 1000: 800·0.5 (50% off) + 200·0.5 (50% off)
        // = 400 + 100 = 500.
        let l = CostLevers {
            committed_share: 0.8,
            commitment_discount: 0.5,
            spot_share: 0.5,
            spot_discount: 0.5,
            rightsizing: 0.0,
            storage_tiering: 0.0,
        };
        let e = effective_levers(&l);
        assert!(close(e.spot_share, 0.2));
        assert!(close(
            optimised_monthly(&[line("vm", 1.0, 1000.0)], &l),
            500.0
        ));
        // out-of-range and NaN levers: committed 1.7 → 1, discount −0.2 → 0, rightsizing NaN → 0,
        // tiering 3 → 1: compute 1000 stays 1000 (fully committed at no discount), storage → 0.
        let wild = CostLevers {
            committed_share: 1.7,
            commitment_discount: -0.2,
            spot_share: 0.4,
            spot_discount: 0.9,
            rightsizing: f64::NAN,
            storage_tiering: 3.0,
        };
        let lines = [line("vm", 1.0, 1000.0), line("disk", 1.0, 100.0)];
        assert!(close(optimised_monthly(&lines, &wild), 1000.0));
    }

    #[test]
    fn comparison_by_hand() {
        // A: 1000 compute + 40 storage = 1040 → optimised 642 (see above).
        // B: 1500 compute → 1500·0.9 = 1350; 1350·(0.6·0.7 + 0.2·0.3 + 0.2) = 1350·0.68 = 918.
        // C: 500 storage → 375.
        let options = [
            OptionCosts {
                option: "A".into(),
                lines: vec![
                    line("App servers", 4.0, 250.0),
                    line("Object storage (GB)", 2000.0, 0.02),
                ],
            },
            OptionCosts {
                option: "B".into(),
                lines: vec![line("Cluster nodes", 3.0, 500.0)],
            },
            OptionCosts {
                option: "C".into(),
                lines: vec![line("Archive tier", 1.0, 500.0)],
            },
        ];
        let c = compare(&options, &levers());
        let a = &c.options[0];
        assert!(close(a.monthly, 1040.0) && close(a.optimised_monthly, 642.0));
        // 12 · 1040 = 12480; 36 · 1040 = 37440; 36 · 642 = 23112; saving 398/month, 14328 over 36
        assert!(close(a.months_12, 12_480.0) && close(a.months_36, 37_440.0));
        assert!(close(a.optimised_months_12, 7_704.0) && close(a.optimised_months_36, 23_112.0));
        assert!(
            close(a.optimisation_saving_monthly, 398.0)
                && close(a.optimisation_saving_36, 14_328.0)
        );
        assert!(close(c.options[1].optimised_monthly, 918.0));
        assert!(close(c.options[2].optimised_monthly, 375.0));
        assert_eq!(c.cheapest, Some(2));
        // vs A: 642 − 375 = 267/month, 9612 over 36; vs B: 918 − 375 = 543/month, 19548 over 36
        assert_eq!(c.savings.len(), 2);
        assert_eq!(c.savings[0].option, 0);
        assert!(close(c.savings[0].monthly, 267.0) && close(c.savings[0].months_36, 9_612.0));
        assert_eq!(c.savings[1].option, 1);
        assert!(close(c.savings[1].monthly, 543.0) && close(c.savings[1].months_36, 19_548.0));
    }

    #[test]
    fn comparison_edge_cases() {
        let c = compare(&[], &levers());
        assert_eq!(c.cheapest, None);
        assert!(c.options.is_empty() && c.savings.is_empty());
        // ties keep the first; options without lines cost 0
        let options = [
            OptionCosts {
                option: "A".into(),
                lines: vec![],
            },
            OptionCosts {
                option: "B".into(),
                lines: vec![],
            },
        ];
        let c = compare(&options, &no_levers());
        assert_eq!(c.cheapest, Some(0));
        assert_eq!(c.savings[0].monthly, 0.0);
    }
}
