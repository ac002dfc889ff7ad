//! Figures: the typed values read from requirement text (availability, latency, throughput, RPO,
//! RTO, retention, budget and capacity), each in one normalised unit so that later steps compare
//! them numerically. `inputs::extract::figures` finds them; sessions may store them.

use serde::{Deserialize, Serialize};

/// How often a budget is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BudgetPeriod {
    /// Every month.
    Month,
    /// Every year.
    Year,
    /// Once (a one-off or capital sum, or a total with no period given).
    Once,
}

/// A figure, in normalised units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Figure {
    /// Availability target, in percent (`99.95`).
    Availability {
        /// Percent, e.g. `99.95`.
        percent: f64,
    },
    /// Latency bound in milliseconds, with its percentile when one is given (`p95` → 95).
    Latency {
        /// The percentile (`p95` → 95, `p99.9` → 99.9), when one is given.
        percentile: Option<f64>,
        /// Milliseconds.
        millis: f64,
    },
    /// Throughput in units per second; `unit` is what is counted, plural (`requests`).
    Throughput {
        /// Units per second.
        per_second: f64,
        /// What is counted, plural and lower case (`requests`, `messages`, `sms`), or a data unit
        /// (`GB`) for a data rate.
        unit: String,
    },
    /// Recovery point objective, in minutes.
    Rpo {
        /// Minutes.
        minutes: f64,
    },
    /// Recovery time objective, in minutes.
    Rto {
        /// Minutes.
        minutes: f64,
    },
    /// How long data is kept, in days.
    Retention {
        /// Days (a year is 365, a month 365/12).
        days: f64,
    },
    /// Money to be spent.
    Budget {
        /// The amount, in `currency`.
        amount: f64,
        /// ISO 4217 code (`EUR`, `USD`, `GBP`, `CHF`, …).
        currency: String,
        /// How often it is spent.
        per: BudgetPeriod,
    },
    /// A size: a population (`users`, `concurrent users`, `tenants`, `devices`, `meters`), an
    /// amount of data (`TB`), or a volume over a period (`GB/month`, `orders/day`).
    Capacity {
        /// How many, or how much.
        value: f64,
        /// What is counted, lower case and plural as written (`accounts`, `concurrent users`),
        /// except for abbreviations (`MAU`) and data units (`TB`); a volume over a period ends
        /// with `/` and the period (`orders/day`, `GB/month`).
        unit: String,
    },
}

impl Figure {
    /// The kind of figure, for messages: `availability`, `latency`, `throughput`, `RPO`, `RTO`,
    /// `retention`, `budget` or `capacity`.
    pub fn kind(&self) -> &'static str {
        match self {
            Figure::Availability { .. } => "availability",
            Figure::Latency { .. } => "latency",
            Figure::Throughput { .. } => "throughput",
            Figure::Rpo { .. } => "RPO",
            Figure::Rto { .. } => "RTO",
            Figure::Retention { .. } => "retention",
            Figure::Budget { .. } => "budget",
            Figure::Capacity { .. } => "capacity",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_round_trip_through_ron() {
        let all = vec![
            Figure::Availability { percent: 99.95 },
            Figure::Latency {
                percentile: Some(99.9),
                millis: 250.0,
            },
            Figure::Latency {
                percentile: None,
                millis: 1500.0,
            },
            Figure::Throughput {
                per_second: 1500.0,
                unit: "requests".into(),
            },
            Figure::Rpo { minutes: 0.0 },
            Figure::Rto { minutes: 90.0 },
            Figure::Retention { days: 2555.0 },
            Figure::Budget {
                amount: 1_200_000.0,
                currency: "GBP".into(),
                per: BudgetPeriod::Once,
            },
            Figure::Capacity {
                value: 180.0,
                unit: "GB/month".into(),
            },
        ];
        let text = ron::to_string(&all).unwrap();
        let back: Vec<Figure> = ron::from_str(&text).unwrap();
        assert_eq!(back, all);
        assert_eq!(all[7].kind(), "budget");
    }
}
