//! Theoretical stress test for "Scalability & Performance Stress Test": how the peak load grows,
//! how many instances each tier needs today, at the horizon and at ten times today's peak, what
//! that costs, and which tier, provisioned for today's peak, saturates first.
//!
//! # Model
//! - Load grows by compound monthly growth: `peak·(1 + g/100)^months`.
//! - A tier's instance sustains `capacity_per_instance · target_utilisation` of load; the instances
//!   needed are `ceil(load / that)`, at least 1 when there is any load, 0 when there is none.
//! - Provisioned for today's peak, a tier holds `instances_now · capacity · utilisation`; it
//!   saturates after `ln(provisioned / peak) / ln(1 + g/100)` months (never when `g ≤ 0`).

use crate::model::{LoadModel, Tier};

use super::non_negative;

/// Ratios within this of a whole number count as that number, so that floating-point noise
/// (`700 / 175.00000000000003`) never adds an instance.
const WHOLE_TOLERANCE: f64 = 1e-9;

/// The load after `months` of compound growth: `peak·(1 + g/100)^months`.
///
/// A peak that is negative or not finite counts as 0; a growth rate that is not finite counts as
/// 0%; growth at or below −100% leaves no load after month 0; negative or non-finite months count
/// as 0. The result is ≥ 0 and may be `+∞` only for absurd inputs (it overflows `f64`).
pub fn load_at(peak: f64, growth_percent_per_month: f64, months: f64) -> f64 {
    let peak = non_negative(peak);
    let months = non_negative(months);
    let g = if growth_percent_per_month.is_finite() {
        growth_percent_per_month
    } else {
        0.0
    };
    let factor = (1.0 + g / 100.0).max(0.0);
    if months == 0.0 {
        return peak;
    }
    let load = peak * factor.powf(months);
    if load.is_nan() { 0.0 } else { load }
}

/// The load one instance of a tier sustains at its target utilisation; `None` when the capacity is
/// not positive or the utilisation is not in `(0, 1]` (or either is not finite).
pub fn effective_capacity(capacity_per_instance: f64, target_utilisation: f64) -> Option<f64> {
    let valid = capacity_per_instance.is_finite()
        && capacity_per_instance > 0.0
        && target_utilisation.is_finite()
        && target_utilisation > 0.0
        && target_utilisation <= 1.0;
    valid.then_some(capacity_per_instance * target_utilisation)
}

/// `ceil(load / (capacity·utilisation))`, at least 1 when `load > 0` and 0 when `load == 0`.
/// `None` when the capacity or utilisation is invalid (see [`effective_capacity`]), the load is
/// negative or not finite, or the count does not fit in a `u32`.
pub fn instances_needed(
    load: f64,
    capacity_per_instance: f64,
    target_utilisation: f64,
) -> Option<u32> {
    let per_instance = effective_capacity(capacity_per_instance, target_utilisation)?;
    if !load.is_finite() || load < 0.0 {
        return None;
    }
    if load == 0.0 {
        return Some(0);
    }
    let n = (load / per_instance - WHOLE_TOLERANCE).ceil().max(1.0);
    (n.is_finite() && n <= f64::from(u32::MAX)).then_some(n as u32)
}

/// Months until a provisioned capacity is exceeded by a peak growing at `g`% a month:
/// `ln(provisioned / peak) / ln(1 + g/100)`, 0 when it is already exceeded. `None` (never) when
/// `g ≤ 0` or any input is not finite, or when the peak is not positive or nothing is provisioned.
pub fn months_to_saturation(
    provisioned: f64,
    peak: f64,
    growth_percent_per_month: f64,
) -> Option<f64> {
    let valid = provisioned.is_finite()
        && provisioned > 0.0
        && peak.is_finite()
        && peak > 0.0
        && growth_percent_per_month.is_finite()
        && growth_percent_per_month > 0.0;
    if !valid {
        return None;
    }
    let months = (provisioned / peak).ln() / (1.0 + growth_percent_per_month / 100.0).ln();
    months.is_finite().then_some(months.max(0.0))
}

/// The figures of one tier.
#[derive(Debug, Clone, PartialEq)]
pub struct TierResult {
    pub name: String,
    /// Instances for the baseline load.
    pub at_baseline: Option<u32>,
    /// Instances for today's peak.
    pub now: Option<u32>,
    /// Instances for the peak at the horizon.
    pub at_horizon: Option<u32>,
    /// Instances for ten times today's peak.
    pub at_ten_x: Option<u32>,
    /// Monthly cost of `now`, `at_horizon` and `at_ten_x` instances, when the tier has a valid
    /// monthly cost per instance and the count is known.
    pub cost_now: Option<f64>,
    pub cost_at_horizon: Option<f64>,
    pub cost_at_ten_x: Option<f64>,
    /// `now · capacity · utilisation`: what the tier holds when provisioned for today's peak.
    pub provisioned: Option<f64>,
    /// Months until load growth exceeds `provisioned`; `None` when it never does.
    pub months_to_saturation: Option<f64>,
}

/// The tier that saturates first and when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Saturation {
    /// Index into the tiers.
    pub tier: usize,
    pub months: f64,
}

/// The results of a stress test.
#[derive(Debug, Clone, PartialEq)]
pub struct StressReport {
    /// The peak at the horizon: `load_at(peak, g, horizon)`.
    pub horizon_load: f64,
    /// Ten times today's peak.
    pub ten_x_load: f64,
    pub tiers: Vec<TierResult>,
    /// The earliest saturation (first tier in order on ties); `None` when no tier saturates.
    pub first_to_saturate: Option<Saturation>,
    /// Sums over the tiers that have a cost; `None` when none has.
    pub total_cost_now: Option<f64>,
    pub total_cost_at_horizon: Option<f64>,
    pub total_cost_at_ten_x: Option<f64>,
}

fn cost(count: Option<u32>, per_instance: Option<f64>) -> Option<f64> {
    let price = per_instance.filter(|p| p.is_finite() && *p >= 0.0)?;
    Some(f64::from(count?) * price)
}

fn sum_some(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
}

/// Analyses each tier against the load model (see the module documentation for the model).
pub fn analyse(load: &LoadModel, tiers: &[Tier]) -> StressReport {
    let peak = non_negative(load.peak);
    let baseline = non_negative(load.baseline);
    let g = load.growth_percent_per_month;
    let horizon_load = load_at(peak, g, f64::from(load.horizon_months));
    let ten_x_load = peak * 10.0;
    let results: Vec<TierResult> = tiers
        .iter()
        .map(|t| {
            let need = |l: f64| instances_needed(l, t.capacity_per_instance, t.target_utilisation);
            let now = need(peak);
            let at_horizon = need(horizon_load);
            let at_ten_x = need(ten_x_load);
            let provisioned = now.and_then(|n| {
                effective_capacity(t.capacity_per_instance, t.target_utilisation)
                    .map(|c| f64::from(n) * c)
            });
            TierResult {
                name: t.name.clone(),
                at_baseline: need(baseline),
                now,
                at_horizon,
                at_ten_x,
                cost_now: cost(now, t.monthly_cost_per_instance),
                cost_at_horizon: cost(at_horizon, t.monthly_cost_per_instance),
                cost_at_ten_x: cost(at_ten_x, t.monthly_cost_per_instance),
                provisioned,
                months_to_saturation: provisioned.and_then(|p| months_to_saturation(p, peak, g)),
            }
        })
        .collect();
    let first_to_saturate = results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            r.months_to_saturation
                .map(|m| Saturation { tier: i, months: m })
        })
        .fold(None, |best: Option<Saturation>, s| match best {
            Some(b) if b.months <= s.months => Some(b),
            _ => Some(s),
        });
    StressReport {
        horizon_load,
        ten_x_load,
        total_cost_now: sum_some(results.iter().map(|r| r.cost_now)),
        total_cost_at_horizon: sum_some(results.iter().map(|r| r.cost_at_horizon)),
        total_cost_at_ten_x: sum_some(results.iter().map(|r| r.cost_at_ten_x)),
        tiers: results,
        first_to_saturate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    fn tier(name: &str, cap: f64, util: f64, cost: Option<f64>) -> Tier {
        Tier {
            name: name.into(),
            capacity_per_instance: cap,
            target_utilisation: util,
            monthly_cost_per_instance: cost,
        }
    }

    fn model(peak: f64, g: f64, horizon: u32) -> LoadModel {
        LoadModel {
            unit: "requests/s".into(),
            baseline: peak / 4.0,
            peak,
            growth_percent_per_month: g,
            horizon_months: horizon,
        }
    }

    #[test]
    fn compound_growth() {
        // 1000 · 1.1² = 1210
        assert!(close(load_at(1000.0, 10.0, 2.0), 1210.0, 1e-9));
        // 800 · 1.05^24 = 800 · 3.2251 = 2580.08
        assert!(close(load_at(800.0, 5.0, 24.0), 2580.08, 0.01));
        assert_eq!(load_at(500.0, 5.0, 0.0), 500.0);
        // shrinking 10% a month: 1000 · 0.9 = 900
        assert!(close(load_at(1000.0, -10.0, 1.0), 900.0, 1e-9));
    }

    #[test]
    fn load_edge_cases() {
        assert_eq!(load_at(-5.0, 5.0, 3.0), 0.0);
        assert_eq!(load_at(f64::NAN, 5.0, 3.0), 0.0);
        assert_eq!(load_at(100.0, f64::NAN, 3.0), 100.0);
        assert_eq!(load_at(100.0, -100.0, 3.0), 0.0);
        assert_eq!(load_at(100.0, -250.0, 3.0), 0.0);
        assert_eq!(load_at(100.0, 5.0, -2.0), 100.0);
        assert_eq!(load_at(100.0, 5.0, f64::INFINITY), 100.0);
    }

    #[test]
    fn instance_counts() {
        // 800 / (250 · 0.7 = 175) = 4.57 → 5
        assert_eq!(instances_needed(800.0, 250.0, 0.7), Some(5));
        // 700 / 175 = 4 exactly → 4, not 5 from floating-point noise
        assert_eq!(instances_needed(700.0, 250.0, 0.7), Some(4));
        // 0.3 / (1 · 0.1) = 3 (0.3/0.1 is 2.9999999999999996 in f64)
        assert_eq!(instances_needed(0.3, 1.0, 0.1), Some(3));
        // tiny load still needs one instance
        assert_eq!(instances_needed(0.001, 1000.0, 0.5), Some(1));
        assert_eq!(instances_needed(0.0, 250.0, 0.7), Some(0));
        // utilisation exactly 1 is allowed: 10 / 5 = 2
        assert_eq!(instances_needed(10.0, 5.0, 1.0), Some(2));
    }

    #[test]
    fn instance_count_edge_cases() {
        assert_eq!(instances_needed(100.0, 0.0, 0.7), None);
        assert_eq!(instances_needed(100.0, -10.0, 0.7), None);
        assert_eq!(instances_needed(100.0, 250.0, 0.0), None);
        assert_eq!(instances_needed(100.0, 250.0, 1.2), None);
        assert_eq!(instances_needed(100.0, f64::NAN, 0.7), None);
        assert_eq!(instances_needed(100.0, 250.0, f64::NAN), None);
        assert_eq!(instances_needed(f64::INFINITY, 250.0, 0.7), None);
        assert_eq!(instances_needed(-1.0, 250.0, 0.7), None);
        assert_eq!(instances_needed(1e300, 1.0, 1.0), None);
    }

    #[test]
    fn saturation_months() {
        // ln(875/800) / ln(1.05) = 0.0896122 / 0.0487902 = 1.8367
        let m = months_to_saturation(875.0, 800.0, 5.0).unwrap();
        assert!(close(m, 1.8367, 1e-4), "{m}");
        assert_eq!(months_to_saturation(875.0, 800.0, 0.0), None);
        assert_eq!(months_to_saturation(875.0, 800.0, -3.0), None);
        assert_eq!(months_to_saturation(875.0, 0.0, 5.0), None);
        assert_eq!(months_to_saturation(0.0, 800.0, 5.0), None);
        assert_eq!(months_to_saturation(875.0, 800.0, f64::NAN), None);
        // already exceeded → 0
        assert_eq!(months_to_saturation(700.0, 800.0, 5.0), Some(0.0));
    }

    #[test]
    fn analyse_three_tiers() {
        // peak 800, baseline 200, growth 5%/month, horizon 24 → 800·1.05²⁴ = 2580.08; 10× → 8000.
        // web: 250 @ 0.7 = 175/instance. baseline 200/175 = 1.14 → 2; now 800/175 = 4.57 → 5
        //   (875 provisioned); horizon 2580.08/175 = 14.74 → 15; 10× 8000/175 = 45.7 → 46.
        //   Saturates after ln(875/800)/ln(1.05) = 0.08961/0.04879 = 1.837 months.
        // app: 400 @ 0.6 = 240/instance. now 800/240 = 3.33 → 4 (960 provisioned);
        //   saturates after ln(960/800)/ln(1.05) = 0.18232/0.04879 = 3.737 months.
        // worker: utilisation 0 is invalid → no counts, no cost, no saturation.
        let tiers = [
            tier("web", 250.0, 0.7, Some(100.0)),
            tier("app", 400.0, 0.6, None),
            tier("worker", 1000.0, 0.0, Some(50.0)),
        ];
        let r = analyse(&model(800.0, 5.0, 24), &tiers);
        assert!(close(r.horizon_load, 2580.08, 0.01));
        assert_eq!(r.ten_x_load, 8000.0);
        let web = &r.tiers[0];
        assert_eq!(
            (web.at_baseline, web.now, web.at_horizon, web.at_ten_x),
            (Some(2), Some(5), Some(15), Some(46))
        );
        // 5 · 100 = 500; 15 · 100 = 1500; 46 · 100 = 4600
        assert_eq!(
            (web.cost_now, web.cost_at_horizon, web.cost_at_ten_x),
            (Some(500.0), Some(1500.0), Some(4600.0))
        );
        assert!(close(web.provisioned.unwrap(), 875.0, 1e-9));
        let app = &r.tiers[1];
        assert_eq!(app.now, Some(4));
        assert_eq!(app.cost_now, None);
        assert!(close(app.months_to_saturation.unwrap(), 3.737, 1e-3));
        let worker = &r.tiers[2];
        assert_eq!(
            (worker.now, worker.cost_now, worker.months_to_saturation),
            (None, None, None)
        );
        let first = r.first_to_saturate.unwrap();
        assert_eq!(first.tier, 0);
        assert!(close(first.months, 1.8367, 1e-4));
        // totals only over tiers with a cost: web alone
        assert_eq!(r.total_cost_now, Some(500.0));
        assert_eq!(r.total_cost_at_ten_x, Some(4600.0));
    }

    #[test]
    fn no_growth_means_no_saturation() {
        let r = analyse(&model(800.0, 0.0, 24), &[tier("web", 250.0, 0.7, None)]);
        assert_eq!(r.first_to_saturate, None);
        assert_eq!(r.horizon_load, 800.0);
        assert_eq!(r.total_cost_now, None);
    }

    #[test]
    fn empty_and_zero_load() {
        let r = analyse(&model(800.0, 5.0, 12), &[]);
        assert!(r.tiers.is_empty());
        assert_eq!(r.first_to_saturate, None);
        let r = analyse(&model(0.0, 5.0, 12), &[tier("web", 250.0, 0.7, Some(10.0))]);
        assert_eq!(r.tiers[0].now, Some(0));
        assert_eq!(r.tiers[0].cost_now, Some(0.0));
        // nothing provisioned → no saturation month
        assert_eq!(r.first_to_saturate, None);
    }

    #[test]
    fn equal_saturation_keeps_the_first_tier() {
        let tiers = [tier("a", 250.0, 0.7, None), tier("b", 250.0, 0.7, None)];
        let r = analyse(&model(800.0, 5.0, 12), &tiers);
        assert_eq!(r.first_to_saturate.unwrap().tier, 0);
    }
}
