//! One small worksheet of each kind for the tests, with at least one row in every table.

use crate::model::{
    AvailabilityPart, CostLevers, CostLine, Criterion, GapSeverity, LoadModel, MigrationStep,
    OptionCosts, OptionLockIn, OptionScores, RaciRole, RaciRow, SecurityAnswer, SecurityItem,
    TeamTouchpoints, Tier, Worksheet,
};

/// An option's display name in the tests: its id in capitals.
pub fn name(id: &str) -> String {
    id.to_uppercase()
}

/// Every kind, in the order of the model's enum.
pub fn all() -> Vec<Worksheet> {
    vec![
        matrix(),
        stress(),
        security(),
        cost(),
        reliability(),
        integration(),
        migration(),
    ]
}

/// Criteria Cost (3) and Security (2); options a (4, 2) and b (3, 5).
pub fn matrix() -> Worksheet {
    let criterion = |name: &str, weight| Criterion {
        name: name.into(),
        weight,
    };
    let option = |option: &str, scores: Vec<u8>| OptionScores {
        option: option.into(),
        scores,
    };
    Worksheet::DecisionMatrix {
        criteria: vec![criterion("Cost", 3.0), criterion("Security", 2.0)],
        scores: vec![option("a", vec![4, 2]), option("b", vec![3, 5])],
    }
}

/// 100–500 requests/s growing 5% a month over 24 months; one web tier.
pub fn stress() -> Worksheet {
    Worksheet::StressTest {
        load: LoadModel {
            unit: "requests/s".into(),
            baseline: 100.0,
            peak: 500.0,
            growth_percent_per_month: 5.0,
            horizon_months: 24,
        },
        tiers: vec![Tier {
            name: "Web".into(),
            capacity_per_instance: 200.0,
            target_utilisation: 0.7,
            monthly_cost_per_instance: None,
        }],
    }
}

/// One unanswered question of high severity, from GDPR.
pub fn security() -> Worksheet {
    Worksheet::SecurityReview {
        items: vec![SecurityItem {
            question: "Encrypted at rest?".into(),
            regime: Some("GDPR".into()),
            answer: SecurityAnswer::Unanswered,
            severity: GapSeverity::High,
            note: String::new(),
        }],
    }
}

/// Levers all at zero.
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

/// Option a with lines a1 and a2, option b with line b1; no levers.
pub fn cost() -> Worksheet {
    let line = |r: &str| CostLine {
        resource: r.into(),
        quantity: 1.0,
        unit_price_per_month: 10.0,
    };
    Worksheet::CostReview {
        options: vec![
            OptionCosts {
                option: "a".into(),
                lines: vec![line("a1"), line("a2")],
            },
            OptionCosts {
                option: "b".into(),
                lines: vec![line("b1")],
            },
        ],
        levers: no_levers(),
    }
}

/// 99.9% over 30 days, one part, one burden item, required RTO of an hour.
pub fn reliability() -> Worksheet {
    Worksheet::Reliability {
        slo_target_percent: 99.9,
        window_days: 30,
        parts: vec![AvailabilityPart {
            name: "Load balancer".into(),
            availability_percent: 99.99,
            group: String::new(),
        }],
        required_rto_minutes: Some(60),
        required_rpo_minutes: None,
        delivered_rto_minutes: None,
        delivered_rpo_minutes: None,
        operational_burden: vec!["On-call rota".into()],
    }
}

/// Team Platform, accountable for Operate; depends on data-resources.
pub fn integration() -> Worksheet {
    Worksheet::Integration {
        teams: vec![TeamTouchpoints {
            team: "Platform".into(),
            touchpoints: vec![],
        }],
        raci: vec![RaciRow {
            activity: "Operate".into(),
            roles: vec![RaciRole::Accountable],
        }],
        depends_on: vec!["data-resources".into()],
    }
}

/// One reversible step, option a at lock-in 3, no exit strategy, one technology.
pub fn migration() -> Worksheet {
    Worksheet::Migration {
        steps: vec![MigrationStep {
            step: "Move data".into(),
            target: "2027-Q2".into(),
            reversible: true,
        }],
        lock_in: vec![OptionLockIn {
            option: "a".into(),
            lock_in: 3,
            reversibility: "exports".into(),
        }],
        exit_strategy: String::new(),
        technologies_to_watch: vec!["WASM".into()],
    }
}
