//! Tests of the Markdown results and summary lines, on hand-computed worksheets.

use super::*;
use crate::model::{
    AvailabilityPart, CostLevers, CostLine, Criterion, GapSeverity, LoadModel, MigrationStep,
    OptionCosts, OptionLockIn, OptionScores, RaciRole, RaciRow, SecurityAnswer, SecurityItem,
    TeamTouchpoints, Tier, Worksheet,
};

fn names(id: &str) -> String {
    match id {
        "k8s" => "Managed Kubernetes".into(),
        "run" => "Serverless containers".into(),
        other => other.to_uppercase(),
    }
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

fn has_line(s: &str, line: &str) {
    assert!(lines(s).contains(&line), "missing line\n{line}\nin\n{s}");
}

#[test]
fn money() {
    assert_eq!(fmt_money(1_234_567.891), "1,234,568");
    assert_eq!(fmt_money(1000.0), "1,000");
    assert_eq!(fmt_money(999.5), "999.50");
    assert_eq!(fmt_money(500.0), "500");
    assert_eq!(fmt_money(0.004), "0");
    assert_eq!(fmt_money(-0.001), "0");
    assert_eq!(fmt_money(-1234.4), "-1,234");
    assert_eq!(fmt_money(f64::NAN), "n/a");
    assert_eq!(fmt_money(f64::INFINITY), "n/a");
}

#[test]
fn percentages() {
    assert_eq!(fmt_percent(99.95), "99.95%");
    assert_eq!(fmt_percent(99.975), "99.975%");
    assert_eq!(fmt_percent(99.9999), "99.9999%");
    assert_eq!(fmt_percent(50.0), "50%");
    assert_eq!(fmt_percent(100.0), "100%");
    // 0.9995 · 0.9999 = 0.99940005 → 99.940005: one nine after the point → 2 decimals
    assert_eq!(fmt_percent(99.940005), "99.94%");
    // 99.98750025 → 2 decimals would round up to 99.99 (an extra nine) → 3 decimals
    assert_eq!(fmt_percent(99.98750025), "99.988%");
    // 1 − 10⁻⁹ → 99.9999999: seven nines after the point → 8 decimals, trimmed
    assert_eq!(fmt_percent(99.9999999), "99.9999999%");
    // 99.99987… → four nines → 5 decimals
    assert_eq!(fmt_percent(99.999_874), "99.99987%");
    assert_eq!(fmt_percent(f64::NAN), "n/a");
}

#[test]
fn other_numbers() {
    assert_eq!(fmt_minutes(43.2), "43.2 min");
    assert_eq!(fmt_minutes(1440.0), "1,440.0 min");
    assert_eq!(fmt_number(2.5, 2), "2.5");
    assert_eq!(fmt_number(3.0, 2), "3");
    assert_eq!(fmt_number(2580.0799, 1), "2,580.1");
    assert_eq!(fmt_number(f64::NAN, 1), "n/a");
    assert_eq!(fmt_fixed(-0.0001, 2), "0.00");
    assert_eq!(fmt_fixed(-1234567.0, 0), "-1,234,567");
    assert_eq!(fmt_score(3.4), "3.40");
    assert_eq!(cell("a|b\nc"), "a\\|b c");
    assert_eq!(cell("  "), "–");
}

fn crit(list: &[(&str, f64)]) -> Vec<Criterion> {
    list.iter()
        .map(|(n, w)| Criterion {
            name: (*n).into(),
            weight: *w,
        })
        .collect()
}

fn scored(option: &str, scores: &[u8]) -> OptionScores {
    OptionScores {
        option: option.into(),
        scores: scores.to_vec(),
    }
}

#[test]
fn matrix_full_text() {
    // Cost 3, Security 2. k8s [5, 1] → 17/5 = 3.40; run [2, 5] → 16/5 = 3.20.
    // Cost −25%: 13.25/4.25 = 3.12 vs 14.5/4.25 = 3.41 → run; Security +25%: 3.18 vs 3.36 → run.
    let ws = Worksheet::DecisionMatrix {
        criteria: crit(&[("Cost", 3.0), ("Security", 2.0)]),
        scores: vec![scored("k8s", &[5, 1]), scored("run", &[2, 5])],
    };
    let expected = "\
#### Decision matrix

Options for Compute Resources scored from 1 (worst) to 5 (best) on 2 weighted criteria; the weighted total is the weighted average of the scores.

| Option | Cost | Security | Weighted total | Rank |
|---|---:|---:|---:|---:|
| *Weight* | 3 | 2 | | |
| Managed Kubernetes | 5 | 1 | 3.40 | 1 |
| Serverless containers | 2 | 5 | 3.20 | 2 |

**Winner:** Managed Kubernetes (3.40), ahead of Serverless containers (3.20).

The winner changes if a single weight moves by ±25%: Cost −25% makes Serverless containers the winner; Security +25% makes Serverless containers the winner.
";
    assert_eq!(results_markdown("Compute Resources", &ws, &names), expected);
    assert_eq!(
        summary_line_with(&ws, &names),
        "Winner: Managed Kubernetes (3.40); a ±25% weight change can flip it"
    );
    assert_eq!(
        summary_line(&ws),
        "Winner: k8s (3.40); a ±25% weight change can flip it"
    );
}

#[test]
fn matrix_variants() {
    // k8s [4, 5] → (12 + 10)/5 = 4.40 dominates run [2, 2] → 2.00: robust.
    let ws = Worksheet::DecisionMatrix {
        criteria: crit(&[("Cost", 3.0), ("Security", 2.0)]),
        scores: vec![scored("run", &[2, 2]), scored("k8s", &[4, 5])],
    };
    let md = results_markdown("Compute", &ws, &names);
    has_line(&md, "| Serverless containers | 2 | 2 | 2.00 | 2 |");
    has_line(
        &md,
        "**Winner:** Managed Kubernetes (4.40), ahead of Serverless containers (2.00).",
    );
    has_line(
        &md,
        "The winner stays the same if any single weight moves by ±25%.",
    );
    assert_eq!(
        summary_line_with(&ws, &names),
        "Winner: Managed Kubernetes (4.40); robust to ±25%"
    );

    // a tie, a missing score and a bad weight: weights 2, 0 (from −1); a [3] → 3; b [3, 5] → 3
    let ws = Worksheet::DecisionMatrix {
        criteria: crit(&[("Cost", 2.0), ("Fit | skills", -1.0)]),
        scores: vec![scored("a", &[3]), scored("b", &[3, 5])],
    };
    let md = results_markdown("X", &ws, &names);
    has_line(&md, "| *Weight* | 2 | 0 | | |");
    has_line(&md, "| A | 3 | – | 3.00 | 1 |");
    has_line(
        &md,
        "| Option | Cost | Fit \\| skills | Weighted total | Rank |",
    );
    has_line(
        &md,
        "**Winner:** A (3.00), tied with B; the tie is broken by list order.",
    );

    let single = Worksheet::DecisionMatrix {
        criteria: crit(&[("Cost", 1.0)]),
        scores: vec![scored("a", &[4])],
    };
    has_line(
        &results_markdown("X", &single, &names),
        "**Winner:** A (4.00), the only option.",
    );

    let zero = Worksheet::DecisionMatrix {
        criteria: crit(&[("Cost", 0.0)]),
        scores: vec![scored("a", &[4]), scored("b", &[2])],
    };
    let md = results_markdown("X", &zero, &names);
    assert!(md.ends_with(
        "All weights are zero, so no option can win: give at least one criterion a weight.\n"
    ));
    assert_eq!(summary_line(&zero), "All weights are zero");

    let empty = Worksheet::DecisionMatrix {
        criteria: crit(&[("Cost", 1.0)]),
        scores: vec![],
    };
    assert_eq!(
        results_markdown("X", &empty, &names),
        "#### Decision matrix\n\nNo options to compare yet.\n"
    );
    assert_eq!(summary_line(&empty), "No options scored");
}

fn tier(name: &str, cap: f64, util: f64, cost: Option<f64>) -> Tier {
    Tier {
        name: name.into(),
        capacity_per_instance: cap,
        target_utilisation: util,
        monthly_cost_per_instance: cost,
    }
}

fn load(peak: f64, g: f64) -> LoadModel {
    LoadModel {
        unit: "requests/s".into(),
        baseline: 200.0,
        peak,
        growth_percent_per_month: g,
        horizon_months: 24,
    }
}

#[test]
fn stress_text() {
    // As in stress::tests: web 175/instance → 2 / 5 / 15 / 46, costs 500 / 1,500 / 4,600;
    // app 240/instance → 1 / 4 / 11 / 34 (2580.08/240 = 10.75 → 11; 8000/240 = 33.3 → 34), no cost.
    // Web saturates after ln(875/800)/ln(1.05) = 1.84 months.
    let ws = Worksheet::StressTest {
        load: load(800.0, 5.0),
        tiers: vec![
            tier("Web", 250.0, 0.7, Some(100.0)),
            tier("App", 400.0, 0.6, None),
        ],
    };
    let md = results_markdown("Compute", &ws, &names);
    assert!(md.starts_with("#### Stress test\n\n"));
    has_line(
        &md,
        "Peak load today is 800 requests/s (baseline 200), growing 5% a month: 2,580.1 requests/s in 24 months, 8,000 requests/s at ten times today's peak.",
    );
    has_line(
        &md,
        "| Tier | Per instance | Baseline | Now | In 24 months | At 10× | Cost now | Cost in 24 months | Cost at 10× |",
    );
    has_line(
        &md,
        "| Web | 175 (250 at 70%) | 2 | 5 | 15 | 46 | 500 | 1,500 | 4,600 |",
    );
    has_line(
        &md,
        "| App | 240 (400 at 60%) | 1 | 4 | 11 | 34 | – | – | – |",
    );
    has_line(&md, "| **Total** | | | | | | 500 | 1,500 | 4,600 |");
    has_line(
        &md,
        "**First to saturate:** Web. Provisioned for today's peak (875 requests/s), it is exceeded after 1.8 months at 5% monthly growth.",
    );
    assert_eq!(
        summary_line(&ws),
        "Peak 800 requests/s → 2,580.1 in 24 months; Web saturates first after 1.8 months"
    );
}

#[test]
fn stress_variants() {
    // no growth, no costs, one invalid tier
    let ws = Worksheet::StressTest {
        load: load(800.0, 0.0),
        tiers: vec![
            tier("Web", 250.0, 0.7, None),
            tier("Broken", 0.0, 0.7, None),
        ],
    };
    let md = results_markdown("Compute", &ws, &names);
    has_line(
        &md,
        "| Tier | Per instance | Baseline | Now | In 24 months | At 10× |",
    );
    has_line(&md, "| Broken | – | – | – | – | – |");
    has_line(
        &md,
        "Instances are load ÷ (capacity × target utilisation), rounded up; add a monthly cost per instance to see costs.",
    );
    has_line(
        &md,
        "Tiers shown with – need a capacity above 0 and a target utilisation above 0% and at most 100%.",
    );
    has_line(
        &md,
        "Without growth, no tier provisioned for today's peak saturates.",
    );
    assert!(md.contains("with no growth: 800 requests/s in 24 months"));
    assert!(summary_line(&ws).ends_with("no tier saturates"));

    // exact fit: 700 / 175 = 4 instances → 700 provisioned → no headroom
    let ws = Worksheet::StressTest {
        load: load(700.0, 5.0),
        tiers: vec![tier("Web", 250.0, 0.7, None)],
    };
    let md = results_markdown("Compute", &ws, &names);
    assert!(md.contains("today's peak already uses all of it, leaving no headroom for growth."));
    assert!(summary_line(&ws).ends_with("Web has no headroom for growth"));

    let ws = Worksheet::StressTest {
        load: load(700.0, -2.0),
        tiers: vec![],
    };
    let md = results_markdown("Compute", &ws, &names);
    assert!(md.contains("shrinking 2% a month"));
    assert!(md.ends_with("No tiers to size yet.\n"));
}

fn item(
    q: &str,
    regime: Option<&str>,
    answer: SecurityAnswer,
    severity: GapSeverity,
) -> SecurityItem {
    SecurityItem {
        question: q.into(),
        regime: regime.map(str::to_string),
        answer,
        severity,
        note: if answer == SecurityAnswer::Gap {
            "No WAF yet".into()
        } else {
            String::new()
        },
    }
}

#[test]
fn security_text() {
    use GapSeverity::*;
    use SecurityAnswer::*;
    let ws = Worksheet::SecurityReview {
        items: vec![
            item("Is ingress protected?", None, Gap, High),
            item("Is data encrypted?", Some("GDPR"), Partial, Critical),
            item("Are logs kept?", None, Met, Medium),
            item("Is MFA enforced?", None, Unanswered, Critical),
            item("Is PAN stored?", Some("PCI DSS"), NotApplicable, Critical),
        ],
    };
    let md = results_markdown("Network Architecture", &ws, &names);
    has_line(
        &md,
        "5 questions on Network Architecture: 1 met, 1 partial, 1 gap, 1 not applicable, 1 unanswered.",
    );
    has_line(&md, "Regimes in scope: GDPR, PCI DSS.");
    has_line(&md, "| Severity | Answer | Question | Regime | Note |");
    let critical = md
        .find("| Critical | Partial | Is data encrypted? | GDPR | – |")
        .unwrap();
    let high = md
        .find("| High | Gap | Is ingress protected? | – | No WAF yet |")
        .unwrap();
    assert!(critical < high);
    assert!(md.ends_with("\n1 question is still unanswered.\n"));
    assert_eq!(
        summary_line(&ws),
        "5 questions: 1 gap, 1 partial, 1 unanswered"
    );

    let clean = Worksheet::SecurityReview {
        items: vec![item("a", None, Met, Low), item("b", None, Met, Low)],
    };
    let md = results_markdown("X", &clean, &names);
    has_line(&md, "No gaps or partial answers recorded.");
    assert!(!md.contains("still unanswered"));
    assert_eq!(
        summary_line(&clean),
        "2 questions: 0 gaps, 0 partial, 0 unanswered"
    );
    assert!(
        results_markdown("X", &Worksheet::SecurityReview { items: vec![] }, &names)
            .ends_with("No questions yet.\n")
    );
}

fn cost_line(resource: &str, quantity: f64, price: f64) -> CostLine {
    CostLine {
        resource: resource.into(),
        quantity,
        unit_price_per_month: price,
    }
}

#[test]
fn cost_text() {
    // As in cost::tests: A 1,040 → 642; B 1,500 → 918; C 500 (storage) → 375.
    let options = vec![
        OptionCosts {
            option: "a".into(),
            lines: vec![
                cost_line("App servers", 4.0, 250.0),
                cost_line("Object storage (GB)", 2000.0, 0.02),
            ],
        },
        OptionCosts {
            option: "b".into(),
            lines: vec![cost_line("Cluster nodes", 3.0, 500.0)],
        },
        OptionCosts {
            option: "c".into(),
            lines: vec![cost_line("Archive tier", 1.0, 500.0)],
        },
    ];
    let levers = CostLevers {
        committed_share: 0.6,
        commitment_discount: 0.3,
        spot_share: 0.2,
        spot_discount: 0.7,
        rightsizing: 0.1,
        storage_tiering: 0.25,
    };
    let ws = Worksheet::CostReview { options, levers };
    let md = results_markdown("Compute Resources", &ws, &names);
    has_line(
        &md,
        "| Option | Monthly | Optimised monthly | 12 months | 36 months | 36 months optimised |",
    );
    // 12 · 1040 = 12480; 36 · 1040 = 37440; 36 · 642 = 23112
    has_line(&md, "| A | 1,040 | 642 | 12,480 | 37,440 | 23,112 |");
    has_line(&md, "| C | 500 | 375 | 6,000 | 18,000 | 13,500 |");
    has_line(
        &md,
        "Levers: 10% rightsizing, 60% of compute committed at 30% off, 20% on spot at 70% off, 25% storage tiering.",
    );
    has_line(&md, "**Cheapest:** C at 375 a month optimised.");
    // 642 − 375 = 267 → 9,612 over 36; 918 − 375 = 543 → 19,548
    has_line(&md, "- Against A: saves 267 a month, 9,612 over 36 months.");
    has_line(
        &md,
        "- Against B: saves 543 a month, 19,548 over 36 months.",
    );
    // A: 1040 − 642 = 398 → 14,328
    has_line(&md, "- A: 398 a month, 14,328 over 36 months.");
    assert!(!md.contains("estimates"));
    assert_eq!(
        summary_line_with(&ws, &names),
        "Cheapest: C at 375 a month optimised"
    );
}

#[test]
fn cost_variants() {
    let est = crate::analysis::worksheet::prefill::estimated_cost_line(&crate::model::OptionCard {
        id: "a".into(),
        name: "A".into(),
        summary: String::new(),
        pros: vec![],
        cons: vec![],
        ratings: crate::model::Ratings {
            cost: Some(2),
            ..Default::default()
        },
        tags: vec![],
        conflicts_with: vec![],
        catalog_id: None,
        capabilities: Default::default(),
        answers: Vec::new(),
        realised_on: String::new(),
    });
    let ws = Worksheet::CostReview {
        options: vec![OptionCosts {
            option: "a".into(),
            lines: vec![est],
        }],
        levers: crate::analysis::worksheet::cost::no_levers(),
    };
    let md = results_markdown("X", &ws, &names);
    has_line(
        &md,
        "These figures are rough estimates from the options' cost ratings (1–5); replace them with real prices.",
    );
    has_line(&md, "No optimisation levers applied.");
    has_line(&md, "**Cheapest:** A at 1,500 a month (the only option).");
    assert!(!md.contains("Optimisation savings"));
    assert_eq!(summary_line(&ws), "Cheapest: a at 1,500 a month");
    let none = Worksheet::CostReview {
        options: vec![],
        levers: crate::analysis::worksheet::cost::no_levers(),
    };
    assert!(results_markdown("X", &none, &names).ends_with("No options to cost yet.\n"));
    assert_eq!(summary_line(&none), "No options costed");
}

fn avail(name: &str, percent: f64, group: &str) -> AvailabilityPart {
    AvailabilityPart {
        name: name.into(),
        availability_percent: percent,
        group: group.into(),
    }
}

fn reliability(slo: f64, window_days: u32, parts: Vec<AvailabilityPart>) -> Worksheet {
    Worksheet::Reliability {
        slo_target_percent: slo,
        window_days,
        parts,
        required_rto_minutes: Some(60),
        required_rpo_minutes: Some(15),
        delivered_rto_minutes: Some(45),
        delivered_rpo_minutes: Some(60),
        operational_burden: vec!["Patch the nodes monthly".into()],
    }
}

#[test]
fn reliability_text() {
    // budget (1 − 0.999) · 43200 = 43.2. Composite: 0.9999 · (1 − 0.005²) · 0.9995 = 0.99937506
    // → 99.94%; downtime (1 − 0.99937506) · 43200 = 27.0 min; 99.94 ≥ 99.9 → meets.
    let ws = reliability(
        99.9,
        30,
        vec![
            avail("Load balancer", 99.99, ""),
            avail("App A", 99.5, "app"),
            avail("App B", 99.5, "app"),
            avail("Database", 99.95, ""),
        ],
    );
    let md = results_markdown("Compute", &ws, &names);
    assert!(md.starts_with("#### Reliability assessment\n\n"));
    has_line(
        &md,
        "SLO 99.9% over 30 days: an error budget of 43.2 min a month.",
    );
    has_line(&md, "| App A | 99.5% | app |");
    has_line(&md, "| Database | 99.95% | – |");
    assert!(md.contains("Composite availability: 99.94% (about 27.0 min of downtime a month), which meets the 99.9% SLO."));
    has_line(&md, "- RTO: required 60 min, delivered 45 min — meets it.");
    has_line(
        &md,
        "- RPO: required 15 min, delivered 60 min — misses it by 45 min.",
    );
    has_line(&md, "- Patch the nodes monthly");
    assert_eq!(
        summary_line(&ws),
        "Error budget 43.2 min/month; composite 99.94% (meets SLO)"
    );
}

#[test]
fn reliability_variants() {
    // 0.9995 · 0.9999 = 99.940005% < 99.95 → falls short; 28 days: 0.0005 · 40320 = 20.16 → 20.2
    let ws = reliability(
        99.95,
        28,
        vec![avail("A", 99.95, ""), avail("B", 99.99, " ")],
    );
    let md = results_markdown("X", &ws, &names);
    has_line(
        &md,
        "SLO 99.95% over 28 days: an error budget of 20.2 min per 28 days.",
    );
    assert!(md.contains("which falls short of the 99.95% SLO"));
    assert_eq!(
        summary_line(&ws),
        "Error budget 20.2 min per 28 days; composite 99.94% (below SLO)"
    );

    let ws = Worksheet::Reliability {
        slo_target_percent: 99.9,
        window_days: 30,
        parts: vec![],
        required_rto_minutes: Some(60),
        required_rpo_minutes: None,
        delivered_rto_minutes: None,
        delivered_rpo_minutes: Some(5),
        operational_burden: vec![],
    };
    let md = results_markdown("X", &ws, &names);
    has_line(
        &md,
        "Add the parts of the design to compute a composite availability.",
    );
    has_line(
        &md,
        "- RTO: required 60 min; what the design delivers is not stated yet.",
    );
    has_line(&md, "- RPO: delivered 5 min; no requirement stated.");
    assert!(!md.contains("Operational burden"));
    assert_eq!(
        summary_line(&ws),
        "Error budget 43.2 min/month; composite unknown"
    );

    let bad = reliability(f64::NAN, 0, vec![avail("A", 140.0, "")]);
    let md = results_markdown("X", &bad, &names);
    has_line(
        &md,
        "SLO n/a over 0 days: an error budget of 0.0 min per 0 days.",
    );
    assert!(md.contains("every part needs an availability between 0 and 100%"));
}

#[test]
fn integration_text() {
    use RaciRole::*;
    let ws = Worksheet::Integration {
        teams: vec![
            TeamTouchpoints {
                team: "Platform".into(),
                touchpoints: vec!["Builds it".into(), "Runs it".into()],
            },
            TeamTouchpoints {
                team: "Security".into(),
                touchpoints: vec![],
            },
        ],
        raci: vec![RaciRow {
            activity: "Approve".into(),
            roles: vec![Accountable],
        }],
        depends_on: vec!["network-architecture".into()],
    };
    let md = results_markdown("X", &ws, &names);
    has_line(&md, "| Platform | Builds it; Runs it |");
    has_line(&md, "| Security | – |");
    has_line(&md, "| Activity | Platform | Security |");
    has_line(&md, "|---|:-:|:-:|");
    has_line(&md, "| Approve | A | – |");
    has_line(&md, "- Approve: 1 roles for 2 teams.");
    has_line(&md, "- Approve: no team is Responsible.");
    has_line(&md, "Depends on: `network-architecture`.");
    assert_eq!(
        summary_line(&ws),
        "2 teams, 1 activity; 2 RACI problems; depends on 1 section"
    );

    let ok = Worksheet::Integration {
        teams: crate::analysis::worksheet::integration::default_teams("network-architecture"),
        raci: crate::analysis::worksheet::integration::default_raci("network-architecture"),
        depends_on: vec![],
    };
    let md = results_markdown("X", &ok, &names);
    has_line(
        &md,
        "| Design the network topology and IP address plan | R | C | C | I | A | – |",
    );
    has_line(
        &md,
        "Every activity has one accountable team and at least one responsible team.",
    );
    has_line(&md, "No dependencies on other sections recorded.");
}

fn step(text: &str, target: &str, reversible: bool) -> MigrationStep {
    MigrationStep {
        step: text.into(),
        target: target.into(),
        reversible,
    }
}

#[test]
fn migration_text() {
    let ws = Worksheet::Migration {
        steps: vec![
            step("Pilot", "2027-Q2", true),
            step("Cut over", "2027-03-01", false),
            step("Tidy up", "later", true),
        ],
        lock_in: vec![OptionLockIn {
            option: "k8s".into(),
            lock_in: 2,
            reversibility: "Easy.".into(),
        }],
        exit_strategy: "Keep manifests portable.".into(),
        technologies_to_watch: vec!["OpenTofu".into(), " ".into()],
    };
    let md = results_markdown("X", &ws, &names);
    has_line(&md, "| # | Step | Target | Reversible |");
    has_line(&md, "| 2 | Cut over | 2027-03-01 | no |");
    has_line(&md, "Step 3 has no valid target (YYYY-MM-DD or YYYY-Qn).");
    // Q2 2027 starts 2027-04-01; 2027-03-01 is before it
    has_line(&md, "Step 2 is dated before a step listed earlier.");
    has_line(
        &md,
        "Step 2 cannot be undone: agree rollback criteria before it.",
    );
    has_line(&md, "| Managed Kubernetes | 2/5 | Easy. |");
    has_line(&md, "**Exit strategy:** Keep manifests portable.");
    assert!(md.ends_with("**Technologies to watch:**\n\n- OpenTofu\n"));
    assert_eq!(
        summary_line(&ws),
        "3 steps to later; 1 irreversible; 1 out of order"
    );

    let empty = Worksheet::Migration {
        steps: vec![],
        lock_in: vec![],
        exit_strategy: String::new(),
        technologies_to_watch: vec![],
    };
    assert_eq!(
        results_markdown("X", &empty, &names),
        "#### Migration path\n\nNo migration steps yet.\n"
    );
    assert_eq!(summary_line(&empty), "No migration steps");
}

#[test]
fn every_result_is_deterministic_and_ends_with_one_newline() {
    let ws = reliability(99.9, 30, vec![avail("A", 99.9, "")]);
    let a = results_markdown("X", &ws, &names);
    assert_eq!(a, results_markdown("X", &ws, &names));
    assert!(a.ends_with('\n') && !a.ends_with("\n\n"));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Any f64, with the awkward values (NaN, ±∞, 0, −0, huge, tiny) well represented.
    fn num() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(0.0),
            Just(-0.0),
            Just(1e308),
            -10.0f64..200.0,
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), "[ a-z|\\n`]{0,12}", any::<String>()]
    }

    fn check(ws: &Worksheet) -> Result<(), TestCaseError> {
        let md = results_markdown("T", ws, &|s: &str| s.to_string());
        prop_assert!(md.starts_with("#### "));
        prop_assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
        let _ = summary_line(ws);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn matrix(
            weights in prop::collection::vec(num(), 0..5),
            scores in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..6), 0..4),
        ) {
            let criteria = weights
                .iter()
                .enumerate()
                .map(|(i, w)| Criterion { name: format!("c{i}"), weight: *w })
                .collect();
            let scores = scores
                .into_iter()
                .enumerate()
                .map(|(i, s)| OptionScores { option: format!("o{i}"), scores: s })
                .collect();
            check(&Worksheet::DecisionMatrix { criteria, scores })?;
        }

        #[test]
        fn stress(
            unit in text(), baseline in num(), peak in num(), g in num(), horizon in any::<u32>(),
            tiers in prop::collection::vec((text(), num(), num(), prop::option::of(num())), 0..4),
        ) {
            let load = LoadModel { unit, baseline, peak, growth_percent_per_month: g, horizon_months: horizon };
            let tiers = tiers
                .into_iter()
                .map(|(name, c, u, m)| Tier {
                    name,
                    capacity_per_instance: c,
                    target_utilisation: u,
                    monthly_cost_per_instance: m,
                })
                .collect();
            check(&Worksheet::StressTest { load, tiers })?;
        }

        #[test]
        fn cost(
            lines in prop::collection::vec(prop::collection::vec((text(), num(), num()), 0..3), 0..4),
            l in prop::array::uniform6(num()),
        ) {
            let options = lines
                .into_iter()
                .enumerate()
                .map(|(i, ls)| OptionCosts {
                    option: format!("o{i}"),
                    lines: ls
                        .into_iter()
                        .map(|(resource, quantity, unit_price_per_month)| CostLine {
                            resource,
                            quantity,
                            unit_price_per_month,
                        })
                        .collect(),
                })
                .collect();
            let levers = CostLevers {
                committed_share: l[0],
                commitment_discount: l[1],
                spot_share: l[2],
                spot_discount: l[3],
                rightsizing: l[4],
                storage_tiering: l[5],
            };
            check(&Worksheet::CostReview { options, levers })?;
        }

        #[test]
        fn reliability(
            slo in num(), window in any::<u32>(),
            parts in prop::collection::vec((text(), num(), text()), 0..5),
            objectives in prop::array::uniform4(prop::option::of(any::<u32>())),
        ) {
            let parts = parts
                .into_iter()
                .map(|(name, availability_percent, group)| AvailabilityPart { name, availability_percent, group })
                .collect();
            check(&Worksheet::Reliability {
                slo_target_percent: slo,
                window_days: window,
                parts,
                required_rto_minutes: objectives[0],
                required_rpo_minutes: objectives[1],
                delivered_rto_minutes: objectives[2],
                delivered_rpo_minutes: objectives[3],
                operational_burden: vec![],
            })?;
        }

        #[test]
        fn migration(
            steps in prop::collection::vec((text(), text(), any::<bool>()), 0..5),
            lock in any::<u8>(),
        ) {
            let steps = steps
                .into_iter()
                .map(|(step, target, reversible)| MigrationStep { step, target, reversible })
                .collect();
            check(&Worksheet::Migration {
                steps,
                lock_in: vec![OptionLockIn { option: "o".into(), lock_in: lock, reversibility: String::new() }],
                exit_strategy: String::new(),
                technologies_to_watch: vec![],
            })?;
        }
    }
}
