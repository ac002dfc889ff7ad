//! "Future Technology & Migration Path Exploration": lock-in per option, migration steps dated in
//! quarters, an exit strategy and a sober list of technologies to watch per section.
//!
//! Targets are written `YYYY-MM-DD` or `YYYY-Qn`. For ordering, a quarter spans its first to its
//! last month; a step is out of order when even its latest possible date falls before the earliest
//! possible date of a step listed before it.

use jiff::civil::Date;

use crate::model::{MigrationStep, OptionCard, OptionLockIn};

use super::ids::*;

/// The lock-in assumed for an option that has no lock-in rating.
pub const DEFAULT_LOCK_IN: u8 = 3;

/// How hard a lock-in level (1–5) is to reverse, as a sentence.
pub fn reversibility(lock_in: u8) -> &'static str {
    match lock_in {
        0..=1 => {
            "Easy to reverse: built on portable standards and open formats, so leaving is mostly a redeployment."
        }
        2 => {
            "Easy to reverse with some work: mostly portable, with a few provider-specific integrations to replace."
        }
        3 => {
            "Moderate: the core is portable, but provider-specific configuration, tooling or data formats need rework to leave."
        }
        4 => {
            "Hard to reverse: relies on provider-specific APIs and services, so leaving means re-engineering and a data migration."
        }
        _ => {
            "Hard to reverse: tied to proprietary services and data formats, so leaving is a project of its own."
        }
    }
}

/// The option's lock-in (its rating, [`DEFAULT_LOCK_IN`] when unrated, clamped to 1–5) with the
/// matching reversibility sentence; `option` is the card's id.
pub fn lock_in_from_card(card: &OptionCard) -> OptionLockIn {
    let lock_in = card.ratings.lock_in.unwrap_or(DEFAULT_LOCK_IN).clamp(1, 5);
    OptionLockIn {
        option: card.id.clone(),
        lock_in,
        reversibility: reversibility(lock_in).to_string(),
    }
}

/// The quarter `quarters` quarters after the one `today` is in, as `YYYY-Qn`: 2026-11-24 (Q4) plus
/// 1 is `2027-Q1`.
pub fn quarter_after(today: Date, quarters: u32) -> String {
    let current = i64::from(today.year()) * 4 + (i64::from(today.month()) - 1) / 3;
    let target = current + i64::from(quarters);
    format!("{}-Q{}", target.div_euclid(4), target.rem_euclid(4) + 1)
}

/// A step of a default plan: text with `{name}`, quarters from today, reversible.
type Plan = &'static [(&'static str, u32, bool)];

const GENERIC_P: Plan = &[
    (
        "Pilot {name} in a non-production environment and agree the success criteria",
        1,
        true,
    ),
    (
        "Move the first production workload to {name}, keeping the current setup as a fallback",
        2,
        true,
    ),
    (
        "Move the remaining workloads, running old and new side by side",
        3,
        true,
    ),
    ("Decommission the previous setup", 4, false),
];
const DATA_P: Plan = &[
    (
        "Provision {name} in a non-production environment and load masked data",
        1,
        true,
    ),
    (
        "Replicate production data into {name} continuously and verify it",
        2,
        true,
    ),
    (
        "Cut writes over to {name}; rolling back needs reverse replication from here on",
        3,
        false,
    ),
    (
        "Retire the previous data stores once the rollback window has passed",
        4,
        false,
    ),
];
const NETWORK_P: Plan = &[
    (
        "Build the {name} network alongside the current one, with non-overlapping address ranges",
        1,
        true,
    ),
    (
        "Connect the old and new networks and move non-production workloads",
        2,
        true,
    ),
    ("Move production workloads service by service", 3, true),
    (
        "Remove the old peering, routes and address ranges",
        4,
        false,
    ),
];
const COMPUTE_P: Plan = &[
    (
        "Run one service on {name} in a non-production environment",
        1,
        true,
    ),
    (
        "Move the first production service to {name}, shifting traffic gradually",
        2,
        true,
    ),
    ("Move the remaining services and tune autoscaling", 3, true),
    ("Decommission the previous compute platform", 4, false),
];
const CI_CD_P: Plan = &[
    (
        "Run {name} in parallel with the current pipeline for one repository",
        1,
        true,
    ),
    ("Move the deployments of all services to {name}", 2, true),
    (
        "Remove the old pipeline's runners and credentials",
        3,
        false,
    ),
];
const DR_P: Plan = &[
    ("Set up {name} for the most critical service", 1, true),
    (
        "Run the first recovery drill and measure the achieved RTO and RPO",
        2,
        true,
    ),
    (
        "Extend {name} to every service in scope and schedule regular drills",
        3,
        true,
    ),
    ("Retire the previous recovery arrangements", 4, false),
];
const MONITORING_P: Plan = &[
    (
        "Send telemetry to {name} alongside the current tooling",
        1,
        true,
    ),
    ("Move dashboards, SLOs and alerts to {name}", 2, true),
    ("Switch on-call paging to {name}", 3, true),
    (
        "Switch off the old tooling once its retention period has passed",
        4,
        false,
    ),
];

/// The final step of every default plan, two years out.
const REVIEW_STEP: (&str, u32, bool) = (
    "Review this decision against the technologies to watch",
    8,
    true,
);

/// A default migration plan for the section towards the chosen option, with targets as quarters
/// counted from `today`, ending with a review two years out. `{name}` is the option's name, or
/// "the chosen option" when there is none.
pub fn default_steps(
    section_id: &str,
    chosen: Option<&OptionCard>,
    today: Date,
) -> Vec<MigrationStep> {
    let name = chosen
        .map(|c| c.name.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or("the chosen option");
    let plan = match section_id {
        DATA => DATA_P,
        NETWORK => NETWORK_P,
        COMPUTE => COMPUTE_P,
        CI_CD => CI_CD_P,
        DR => DR_P,
        MONITORING => MONITORING_P,
        _ => GENERIC_P,
    };
    plan.iter()
        .chain(std::iter::once(&REVIEW_STEP))
        .map(|(text, quarters, reversible)| MigrationStep {
            step: text.replace("{name}", name),
            target: quarter_after(today, *quarters),
            reversible: *reversible,
        })
        .collect()
}

/// A one-sentence exit strategy for the chosen option, by its lock-in.
pub fn exit_strategy(chosen: Option<&OptionCard>) -> String {
    let Some(card) = chosen else {
        return "No option is chosen yet: once one is, record how it could be replaced and what that would take.".into();
    };
    let name = card.name.trim();
    match lock_in_from_card(card).lock_in {
        1..=2 => format!(
            "{name} rests on portable components: keep its definitions in code and its data in open formats, so that moving to an alternative stays mainly a redeployment."
        ),
        3 => format!(
            "To keep {name} replaceable, isolate its provider-specific parts behind our own modules and interfaces, export data and configuration regularly, and re-estimate the cost of leaving at each review."
        ),
        _ => format!(
            "{name} is hard to leave: record the proprietary features in use, keep data exportable in an open format, and estimate the cost and duration of a move so that it can be weighed at each review."
        ),
    }
}

fn digits(s: &str) -> Option<i32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A (year, month, day) for ordering targets; a quarter's end uses day 31 of its last month.
type Ymd = (i32, i32, i32);

/// The earliest and latest (year, month, day) a target can mean; `None` when it is not a valid
/// `YYYY-MM-DD` date or `YYYY-Qn` quarter.
fn target_range(s: &str) -> Option<(Ymd, Ymd)> {
    let s = s.trim();
    let year = digits(s.get(0..4)?)?;
    if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        let month = digits(s.get(5..7)?)?;
        let day = digits(s.get(8..10)?)?;
        Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        return Some(((year, month, day), (year, month, day)));
    }
    if s.len() == 7 && s.get(4..6)?.eq_ignore_ascii_case("-q") {
        let q = digits(s.get(6..7)?)?;
        if (1..=4).contains(&q) {
            return Some(((year, 3 * q - 2, 1), (year, 3 * q, 31)));
        }
    }
    None
}

/// Whether a target is a valid `YYYY-MM-DD` date or a `YYYY-Qn` quarter (n = 1–4; surrounding
/// spaces and a lower-case `q` are accepted).
pub fn validate_target(s: &str) -> bool {
    target_range(s).is_some()
}

/// Indices of steps whose target ends before a preceding step's target can begin; steps with
/// invalid or empty targets are neither flagged nor compared.
pub fn steps_out_of_order(steps: &[MigrationStep]) -> Vec<usize> {
    let mut latest_start = None;
    let mut out = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let Some((start, end)) = target_range(&step.target) else {
            continue;
        };
        if latest_start.is_some_and(|ls| end < ls) {
            out.push(i);
        }
        latest_start = Some(latest_start.map_or(start, |ls: Ymd| ls.max(start)));
    }
    out
}

/// A short, provider-neutral list of technologies worth watching for the section.
pub fn technologies_to_watch(section_id: &str) -> Vec<String> {
    let list: &[&str] = match section_id {
        CLOUD_PROVIDER => &[
            "Sovereign-cloud offerings for regulated data",
            "Switching and data-portability rules (e.g. the EU Data Act) lowering exit costs",
            "Arm-based instances becoming the price-performance default",
        ],
        IAC => &[
            "OpenTofu as the open-source continuation of Terraform",
            "Policy as code (Open Policy Agent, Cedar) enforced before apply",
            "Control-plane style infrastructure management (Crossplane)",
        ],
        ENVIRONMENTS | TRANSITION => &[
            "Ephemeral environments per change",
            "Vendor-neutral feature flags (OpenFeature)",
            "Progressive delivery with automated canary analysis",
        ],
        NETWORK => &[
            "IPv6 and dual-stack networking as public IPv4 addresses get costlier",
            "Sidecar-less service meshes (eBPF or per-node proxies)",
            "Identity-aware access replacing VPNs (zero trust)",
            "Gateway API as the successor to Kubernetes Ingress",
        ],
        COMPUTE => &[
            "Arm-based instances for better price-performance (needs multi-architecture images)",
            "Serverless containers maturing (scale to zero, larger sizes, accelerators)",
            "WebAssembly (WASI) runtimes for small sandboxed workloads — still early",
        ],
        DATA => &[
            "PostgreSQL-compatible distributed SQL databases",
            "Serverless database tiers with storage separated from compute",
            "Open table formats (Apache Iceberg) for analytical data",
            "Vector search inside general-purpose databases",
        ],
        SECURITY => &[
            "Workload identity federation replacing long-lived secrets",
            "Passkeys (FIDO2) for human access",
            "Post-quantum cryptography (ML-KEM, ML-DSA): plan for crypto-agility",
            "Confidential computing for sensitive workloads",
        ],
        MONITORING => &[
            "OpenTelemetry as the single standard for traces, metrics, logs and profiles",
            "eBPF-based instrumentation without code changes",
            "Telemetry pipelines that sample and tier data to control cost",
        ],
        CI_CD => &[
            "Supply-chain provenance and signing (SLSA, Sigstore)",
            "SBOM generation with policy checks on every build",
            "Federated (OIDC) credentials for every pipeline",
        ],
        DR => &[
            "Immutable, logically isolated backup vaults",
            "Managed cross-region failover orchestration",
            "Routine failure injection (chaos engineering) to keep recovery tested",
        ],
        COST => &[
            "The FinOps FOCUS specification for provider-neutral billing data",
            "Flexible, compute-wide commitments instead of instance-specific reservations",
            "Carbon reporting and carbon-aware scheduling",
        ],
        SHARED_RESPONSIBILITY => &[
            "Provider-managed security baselines and posture management",
            "Continuous control monitoring (compliance as code)",
        ],
        EVOLUTION => &[
            "End-of-support calendars of runtimes, databases and orchestrators",
            "Internal developer platforms and portals (e.g. Backstage)",
            "AI-assisted operations tooling — evaluate with care",
        ],
        COLLABORATION => &[
            "Internal developer portals with golden paths",
            "Platform-as-a-product practices (Team Topologies)",
        ],
        VERIFICATION => &[
            "Policy-as-code checks in CI (OPA/Conftest, Checkov)",
            "Continuous compliance scanning against benchmarks",
            "Regular game days and failure injection",
        ],
        _ => &[
            "Open standards that reduce lock-in (OCI, OpenTelemetry, OpenTofu)",
            "End-of-support dates of the technologies in use",
        ],
    };
    list.iter().map(|s| (*s).to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ratings;

    fn card(name: &str, lock_in: Option<u8>) -> OptionCard {
        OptionCard {
            id: "opt".into(),
            name: name.into(),
            summary: String::new(),
            pros: vec![],
            cons: vec![],
            ratings: Ratings {
                lock_in,
                ..Ratings::default()
            },
            tags: vec![],
            conflicts_with: vec![],
            catalog_id: None,
            capabilities: Default::default(),
            answers: Vec::new(),
            realised_on: String::new(),
        }
    }

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn step(target: &str) -> MigrationStep {
        MigrationStep {
            step: "s".into(),
            target: target.into(),
            reversible: true,
        }
    }

    #[test]
    fn quarters() {
        // 2026-11-24 is in Q4 2026; + 1 → Q1 2027
        assert_eq!(quarter_after(d(2026, 11, 24), 1), "2027-Q1");
        assert_eq!(quarter_after(d(2026, 11, 24), 0), "2026-Q4");
        // 2026-01-01 is Q1; + 5 → Q2 2027
        assert_eq!(quarter_after(d(2026, 1, 1), 5), "2027-Q2");
        // 2026-03-31 is still Q1; + 3 → Q4 2026
        assert_eq!(quarter_after(d(2026, 3, 31), 3), "2026-Q4");
        // 2026-04-01 is Q2; + 8 → Q2 2028
        assert_eq!(quarter_after(d(2026, 4, 1), 8), "2028-Q2");
        // no overflow for huge counts
        assert!(!quarter_after(d(9999, 12, 31), u32::MAX).is_empty());
    }

    #[test]
    fn lock_in() {
        let l = lock_in_from_card(&card("A", Some(5)));
        assert_eq!(l.lock_in, 5);
        assert!(l.reversibility.starts_with("Hard to reverse"));
        assert_eq!(l.option, "opt");
        assert_eq!(lock_in_from_card(&card("A", None)).lock_in, 3);
        assert!(
            lock_in_from_card(&card("A", None))
                .reversibility
                .starts_with("Moderate")
        );
        assert_eq!(lock_in_from_card(&card("A", Some(0))).lock_in, 1);
        assert_eq!(lock_in_from_card(&card("A", Some(9))).lock_in, 5);
        assert!(reversibility(2).starts_with("Easy to reverse"));
    }

    #[test]
    fn steps_are_dated_in_quarters() {
        let today = d(2026, 11, 24);
        let c = card("Managed PostgreSQL", Some(2));
        let steps = default_steps(DATA, Some(&c), today);
        assert_eq!(steps.len(), 5);
        assert_eq!(steps[0].target, "2027-Q1");
        assert!(steps[0].step.contains("Managed PostgreSQL"));
        assert_eq!(steps[3].target, "2027-Q4");
        assert!(!steps[2].reversible);
        assert_eq!(steps[4].target, "2028-Q4");
        assert!(steps_out_of_order(&steps).is_empty());
        assert!(steps.iter().all(|s| validate_target(&s.target)));
        let generic = default_steps("appendices", None, today);
        assert!(generic[0].step.contains("the chosen option"));
    }

    #[test]
    fn targets() {
        assert!(validate_target("2027-Q2"));
        assert!(validate_target(" 2027-q4 "));
        assert!(validate_target("2028-02-29"));
        assert!(!validate_target("2027-02-29"));
        assert!(!validate_target("2027-Q5"));
        assert!(!validate_target("2027-Q0"));
        assert!(!validate_target("2027-13-01"));
        assert!(!validate_target("27-Q1"));
        assert!(!validate_target("2027/01/01"));
        assert!(!validate_target(""));
        assert!(!validate_target("2027-1-1"));
        assert!(!validate_target("+027-01-01"));
        assert!(!validate_target("Q1-2027"));
        assert!(!validate_target("2027-Q1x"));
        assert!(!validate_target("ünï-Q1"));
    }

    #[test]
    fn out_of_order() {
        // Q3 2027 starts 2027-07-01; Q1 ends 2027-03-31 < it → 1; 2027-06-15 < 07-01 → 2;
        // 2027-08-01 is fine; "soon" is skipped; 2027-Q3 (ends 09-31) is after 08-01's start → fine;
        // 2027-07-31 < 2027-08-01 → 6.
        let steps = [
            step("2027-Q3"),
            step("2027-Q1"),
            step("2027-06-15"),
            step("2027-08-01"),
            step("soon"),
            step("2027-Q3"),
            step("2027-07-31"),
        ];
        assert_eq!(steps_out_of_order(&steps), vec![1, 2, 6]);
        // a date inside the previous quarter is not out of order
        assert!(steps_out_of_order(&[step("2027-Q2"), step("2027-05-01")]).is_empty());
        assert!(steps_out_of_order(&[]).is_empty());
    }

    #[test]
    fn exit_strategies_and_watch_lists() {
        assert!(exit_strategy(None).starts_with("No option is chosen yet"));
        assert!(exit_strategy(Some(&card("X", Some(1)))).starts_with("X rests on portable"));
        assert!(exit_strategy(Some(&card("X", None))).starts_with("To keep X replaceable"));
        assert!(exit_strategy(Some(&card("X", Some(4)))).starts_with("X is hard to leave"));
        for id in [NETWORK, COMPUTE, DATA, SECURITY, "other"] {
            let w = technologies_to_watch(id);
            assert!((2..=5).contains(&w.len()), "{id}");
        }
    }
}
