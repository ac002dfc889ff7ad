//! Reliability arithmetic for "Operational Excellence & Reliability Assessment": error budgets,
//! composite availability of parts in series and in parallel, and RTO/RPO checks.
//!
//! # Model
//! - Availabilities are independent. In series all parts must be up: `Π aᵢ`. Redundant parts
//!   (parallel) are down only when all are down: `1 − Π(1 − aᵢ)`. Failover is assumed instant, so
//!   parallel figures are an upper bound.
//! - Parts that share a non-empty `group` (compared after trimming) are redundant with each other;
//!   each group and each ungrouped part are in series.
//! - A month is 30 days.

use crate::model::AvailabilityPart;

use super::fraction;

/// Minutes in a 30-day month.
pub const MINUTES_PER_MONTH: f64 = 30.0 * 24.0 * 60.0;

/// `(1 − slo/100) · days · 24 · 60`: the minutes of unavailability an SLO allows over a window.
/// The SLO is clamped to `[0, 100]`; an SLO that is not finite gives 0.
pub fn error_budget_minutes(slo_percent: f64, window_days: u32) -> f64 {
    if !slo_percent.is_finite() {
        return 0.0;
    }
    (1.0 - slo_percent.clamp(0.0, 100.0) / 100.0) * f64::from(window_days) * 24.0 * 60.0
}

/// The expected minutes of downtime in a 30-day month at `percent` availability.
pub fn downtime_minutes_per_month(percent: f64) -> f64 {
    error_budget_minutes(percent, 30)
}

/// Parts in series: `Π aᵢ` (fractions, each clamped to `[0, 1]`, not finite counts as 0); 1 when
/// there are none.
pub fn series(avails: &[f64]) -> f64 {
    avails.iter().map(|a| fraction(*a)).product()
}

/// Redundant parts: `1 − Π(1 − aᵢ)` (fractions, as in [`series`]); 0 when there are none.
pub fn parallel(avails: &[f64]) -> f64 {
    1.0 - avails.iter().map(|a| 1.0 - fraction(*a)).product::<f64>()
}

/// The availability of the parts in percent (see the module documentation for groups). `None`
/// when there are no parts or any part's availability is not a finite percentage in `[0, 100]`.
pub fn composite_percent(parts: &[AvailabilityPart]) -> Option<f64> {
    if parts.is_empty()
        || parts.iter().any(|p| {
            !(p.availability_percent.is_finite() && (0.0..=100.0).contains(&p.availability_percent))
        })
    {
        return None;
    }
    let mut groups: Vec<(&str, Vec<f64>)> = Vec::new();
    let mut chain: Vec<f64> = Vec::new();
    for p in parts {
        let a = p.availability_percent / 100.0;
        let group = p.group.trim();
        if group.is_empty() {
            chain.push(a);
        } else if let Some((_, members)) = groups.iter_mut().find(|(g, _)| *g == group) {
            members.push(a);
        } else {
            groups.push((group, vec![a]));
        }
    }
    chain.extend(groups.iter().map(|(_, members)| parallel(members)));
    Some(series(&chain) * 100.0)
}

/// Whether a delivered recovery objective meets the required one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Meets,
    /// Delivered is worse (longer) than required by this many minutes.
    Misses {
        by_minutes: u32,
    },
    /// The required or the delivered figure is not known.
    Unknown,
}

/// Compares a delivered RTO or RPO with the required one (both in minutes; lower is better).
pub fn rto_rpo_check(required: Option<u32>, delivered: Option<u32>) -> Verdict {
    match (required, delivered) {
        (Some(r), Some(d)) if d <= r => Verdict::Meets,
        (Some(r), Some(d)) => Verdict::Misses { by_minutes: d - r },
        _ => Verdict::Unknown,
    }
}

/// Whether the composite availability reaches the SLO; false when either is not finite.
pub fn slo_feasible(slo_percent: f64, composite_percent: f64) -> bool {
    slo_percent.is_finite() && composite_percent.is_finite() && composite_percent >= slo_percent
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    fn part(name: &str, percent: f64, group: &str) -> AvailabilityPart {
        AvailabilityPart {
            name: name.into(),
            availability_percent: percent,
            group: group.into(),
        }
    }

    #[test]
    fn error_budgets() {
        // (1 − 0.999) · 30 · 1440 = 0.001 · 43200 = 43.2
        assert!(close(error_budget_minutes(99.9, 30), 43.2, 1e-9));
        // (1 − 0.9995) · 28 · 1440 = 0.0005 · 40320 = 20.16
        assert!(close(error_budget_minutes(99.95, 28), 20.16, 1e-9));
        assert!(close(downtime_minutes_per_month(99.99), 4.32, 1e-9));
        assert_eq!(error_budget_minutes(100.0, 30), 0.0);
        assert_eq!(error_budget_minutes(120.0, 30), 0.0);
        assert_eq!(error_budget_minutes(-5.0, 1), 1440.0);
        assert_eq!(error_budget_minutes(f64::NAN, 30), 0.0);
        assert_eq!(error_budget_minutes(99.9, 0), 0.0);
    }

    #[test]
    fn series_and_parallel() {
        // 1 − 0.001² = 0.999999
        assert!(close(parallel(&[0.999, 0.999]), 0.999999, 1e-12));
        // 0.9995 · 0.9999 = 0.99940005
        assert!(close(series(&[0.9995, 0.9999]), 0.99940005, 1e-12));
        assert_eq!(series(&[]), 1.0);
        assert_eq!(parallel(&[]), 0.0);
        // out of range and NaN: 1.5 → 1, −0.2 → 0, NaN → 0
        assert_eq!(series(&[1.5, 0.9]), 0.9);
        assert_eq!(series(&[-0.2, 0.9]), 0.0);
        assert_eq!(parallel(&[f64::NAN, 0.9]), 0.9);
    }

    #[test]
    fn composite_with_a_redundant_group() {
        // LB 99.99 — [app 99.5 ‖ app 99.5] — DB 99.95:
        // app group: 1 − 0.005² = 0.999975; 0.9999 · 0.999975 · 0.9995 = 0.9993750650
        let parts = [
            part("Load balancer", 99.99, ""),
            part("App A", 99.5, "app"),
            part("App B", 99.5, " app "),
            part("Database", 99.95, ""),
        ];
        let c = composite_percent(&parts).unwrap();
        assert!(close(c, 99.937_506_5, 1e-6), "{c}");
        assert!(!slo_feasible(99.95, c));
        assert!(slo_feasible(99.9, c));
    }

    #[test]
    fn composite_edge_cases() {
        assert_eq!(composite_percent(&[]), None);
        assert_eq!(composite_percent(&[part("x", f64::NAN, "")]), None);
        assert_eq!(composite_percent(&[part("x", 101.0, "")]), None);
        assert_eq!(composite_percent(&[part("x", -1.0, "")]), None);
        assert_eq!(composite_percent(&[part("x", 99.9, "")]), Some(99.9));
        // one group only: 1 − 0.1 · 0.1 = 0.99 → 99%
        let c = composite_percent(&[part("a", 90.0, "g"), part("b", 90.0, "g")]).unwrap();
        assert!(close(c, 99.0, 1e-9));
    }

    #[test]
    fn recovery_objectives() {
        assert_eq!(rto_rpo_check(Some(60), Some(45)), Verdict::Meets);
        assert_eq!(rto_rpo_check(Some(60), Some(60)), Verdict::Meets);
        assert_eq!(
            rto_rpo_check(Some(15), Some(60)),
            Verdict::Misses { by_minutes: 45 }
        );
        assert_eq!(rto_rpo_check(None, Some(60)), Verdict::Unknown);
        assert_eq!(rto_rpo_check(Some(60), None), Verdict::Unknown);
        assert_eq!(
            rto_rpo_check(Some(0), Some(u32::MAX)),
            Verdict::Misses {
                by_minutes: u32::MAX
            }
        );
    }

    #[test]
    fn feasibility_edge_cases() {
        assert!(slo_feasible(99.9, 99.9));
        assert!(!slo_feasible(f64::NAN, 99.9));
        assert!(!slo_feasible(99.9, f64::NAN));
    }
}
