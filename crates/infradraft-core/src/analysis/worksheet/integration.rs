//! "Cross-Functional Integration Analysis": the teams a section touches, what each team does with
//! it, a RACI matrix of the section's activities, and which other sections it depends on.
//!
//! # Default RACI
//! The defaults follow one rule: the team that does the work is **R**esponsible; the team that must
//! accept the result (Operations/SRE for what it will run, Security for controls, Data for data,
//! Finance for money) is **A**ccountable. Each row has exactly one A and at least one R. They are
//! starting points for the teams to correct, not a statement of how any organisation works.

use crate::model::{RaciRole, RaciRow, TeamTouchpoints};

use super::ids::*;

/// The default teams, in the order RACI roles are listed.
pub const DEFAULT_TEAMS: [&str; 6] = [
    "Platform",
    "Development",
    "Security",
    "Data",
    "Operations/SRE",
    "Finance",
];

/// The index of a team in [`DEFAULT_TEAMS`], matched case-insensitively; `Operations` and `SRE`
/// alone also name Operations/SRE.
fn team_index(team: &str) -> Option<usize> {
    let t = team.trim().to_lowercase();
    if t == "operations" || t == "sre" || t == "ops" {
        return Some(4);
    }
    DEFAULT_TEAMS.iter().position(|d| d.to_lowercase() == t)
}

/// Touchpoints per team (in [`DEFAULT_TEAMS`] order) for one section.
type Touch = [&'static [&'static str]; 6];

const NETWORK_T: Touch = [
    &[
        "Builds and operates VPCs/VNets, subnets, routing and private connectivity",
        "Owns the IP address plan",
    ],
    &[
        "Declares which services must talk to each other and which endpoints are public",
        "Requests firewall and ingress changes",
    ],
    &[
        "Sets segmentation, firewall and WAF policy",
        "Reviews flow logs and public exposure",
    ],
    &["Needs private, low-latency paths to data stores and for replication"],
    &[
        "Monitors load balancers, DNS and NAT capacity",
        "First responder for connectivity incidents",
    ],
    &["Tracks data-transfer, NAT and private-link charges"],
];

const COMPUTE_T: Touch = [
    &[
        "Provides the compute platform, base images and autoscaling",
        "Upgrades runtimes and nodes",
    ],
    &[
        "Sizes and deploys services onto the platform",
        "Sets resource requests, health checks and scaling signals",
    ],
    &["Defines image hardening, patch windows and workload identity rules"],
    &["Runs batch and analytics workloads on shared capacity"],
    &[
        "Watches saturation and runs capacity planning",
        "Handles node and instance failures",
    ],
    &[
        "Approves commitments for baseline capacity",
        "Reviews spend per service",
    ],
];

const DATA_T: Touch = [
    &[
        "Provisions databases, caches and object storage through code",
        "Runs backups and engine upgrades",
    ],
    &["Owns schemas, migrations and query performance"],
    &[
        "Sets encryption, key management and data-access rules",
        "Reviews data classification",
    ],
    &[
        "Owns data models, retention and analytical copies",
        "Defines data quality and lineage",
    ],
    &["Monitors replication, storage growth and restore times"],
    &["Tracks storage and I/O costs and reserved capacity"],
];

const SECURITY_T: Touch = [
    &["Implements identity, key management and guardrails as code"],
    &["Applies secure defaults in services and fixes findings"],
    &["Owns policies, threat detection and incident response"],
    &["Classifies data and approves access to sensitive sets"],
    &["Triages security alerts out of hours with the security team"],
    &["Budgets for security tooling and audits"],
];

const MONITORING_T: Touch = [
    &["Runs the telemetry pipeline, storage and dashboards"],
    &["Instruments services (metrics, traces, logs) and defines SLOs"],
    &["Consumes security logs and sets log retention and access rules"],
    &["Monitors pipelines and data freshness"],
    &["Owns alerting, on-call and incident reviews"],
    &["Watches telemetry ingestion and retention costs"],
];

const CI_CD_T: Touch = [
    &["Builds and maintains pipelines, runners and deployment tooling"],
    &["Uses the pipelines daily; owns tests and release cadence"],
    &["Defines security gates (scanning, signing) and credential handling"],
    &["Deploys schema migrations and data pipelines through the same gates"],
    &["Approves production releases and rollbacks"],
    &[],
];

const DR_T: Touch = [
    &["Builds backup, replication and failover automation"],
    &["Makes services restartable and idempotent; joins recovery drills"],
    &["Ensures the recovery environment keeps the same controls"],
    &["Owns data restore and consistency checks"],
    &["Leads drills and real recoveries; tracks RTO and RPO"],
    &["Weighs standby costs against the impact of downtime"],
];

const COST_T: Touch = [
    &[
        "Implements tagging, rightsizing and scheduling",
        "Manages commitments with Finance",
    ],
    &["Chooses efficient designs and removes unused resources"],
    &["Checks that savings do not weaken controls"],
    &["Reviews storage tiers and retention costs"],
    &["Keeps rightsizing within reliability limits"],
    &["Owns budgets, forecasts and showback", "Buys commitments"],
];

const GENERIC_T: Touch = [
    &["Designs and implements this part of the infrastructure"],
    &["Consumes it and reports what it needs"],
    &["Reviews its security controls"],
    &["Checks its impact on data handling"],
    &["Operates it and is on call for it"],
    &["Reviews its cost"],
];

fn touch_bank(section_id: &str) -> &'static Touch {
    match section_id {
        NETWORK => &NETWORK_T,
        COMPUTE => &COMPUTE_T,
        DATA => &DATA_T,
        SECURITY => &SECURITY_T,
        MONITORING => &MONITORING_T,
        CI_CD => &CI_CD_T,
        DR => &DR_T,
        COST => &COST_T,
        _ => &GENERIC_T,
    }
}

/// What a team typically does with a section; empty for a team not among [`DEFAULT_TEAMS`] (or one
/// that has no part in the section).
pub fn default_touchpoints(section_id: &str, team: &str) -> Vec<String> {
    team_index(team)
        .map(|i| {
            touch_bank(section_id)[i]
                .iter()
                .map(|s| (*s).to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Every default team with its default touchpoints.
pub fn default_teams(section_id: &str) -> Vec<TeamTouchpoints> {
    DEFAULT_TEAMS
        .iter()
        .map(|t| TeamTouchpoints {
            team: (*t).to_string(),
            touchpoints: default_touchpoints(section_id, t),
        })
        .collect()
}

/// Activities with roles written as six letters in [`DEFAULT_TEAMS`] order: `R`, `A`, `C`, `I`,
/// `-` (none).
type Raci = &'static [(&'static str, &'static str)];

const NETWORK_R: Raci = &[
    ("Design the network topology and IP address plan", "RCCIA-"),
    ("Define segmentation and firewall policy", "RIACC-"),
    ("Operate firewall rules and ingress", "AIC-R-"),
    ("Approve production network changes", "RIA-C-"),
];
const COMPUTE_R: Raci = &[
    ("Select the compute platform and instance sizes", "RCC-AC"),
    ("Build and patch base images", "RIA-C-"),
    ("Set autoscaling limits and capacity", "RC--AC"),
    ("Deploy and run workloads", "CRI-A-"),
];
const DATA_R: Raci = &[
    ("Choose and provision the data stores", "RCCACI"),
    (
        "Define schemas, retention and data classification",
        "IRCA--",
    ),
    ("Operate backups and restores", "C-IAR-"),
    ("Grant and review access to data", "RIACI-"),
];
const SECURITY_R: Raci = &[
    ("Define security policies and baselines", "RCACC-"),
    ("Manage identities and access", "RIAIC-"),
    ("Manage encryption keys", "RIAC--"),
    ("Respond to security incidents", "CCACR-"),
];
const MONITORING_R: Raci = &[
    ("Run the observability platform", "RII-AI"),
    ("Define SLOs and alerts", "CR-CA-"),
    ("Respond to alerts on call", "CR--A-"),
    ("Set log retention and access", "R-ACCC"),
];
const CI_CD_R: Raci = &[
    ("Build and maintain the pipelines", "RAC-I-"),
    ("Define release gates and approvals", "RCC-A-"),
    ("Manage pipeline credentials and secrets", "RIA---"),
    ("Deploy to production", "CRI-A-"),
];
const DR_R: Raci = &[
    ("Set RTO and RPO per service", "CRICAC"),
    ("Implement backups and replication", "R-IAC-"),
    ("Run recovery drills", "RCICA-"),
    ("Lead recovery in a disaster", "RRCRAI"),
];
const COST_R: Raci = &[
    ("Set budgets and cost alerts", "RI--IA"),
    (
        "Buy commitments (reserved capacity, savings plans)",
        "R---CA",
    ),
    ("Rightsize and remove unused resources", "AR--RC"),
    ("Report cost per team and product", "RI---A"),
];
const CLOUD_PROVIDER_R: Raci = &[
    ("Select the provider and regions", "RCCCAC"),
    ("Negotiate and sign provider contracts", "R-C--A"),
    ("Define the managed-service policy", "RCCCA-"),
];
const IAC_R: Raci = &[
    ("Maintain shared modules and standards", "RCC-A-"),
    ("Review and apply infrastructure changes", "RRC-A-"),
    ("Detect and resolve drift", "R-I-A-"),
];
const ENVIRONMENTS_R: Raci = &[
    ("Define the environments and their purpose", "RCCCAC"),
    ("Manage configuration and secrets per environment", "RRA-C-"),
    ("Provide test data for lower environments", "CRCA--"),
];
const TRANSITION_R: Raci = &[
    ("Define promotion criteria", "RCC-A-"),
    ("Promote releases between environments", "CRI-A-"),
    ("Approve production releases", "CRC-A-"),
];
const SHARED_RESPONSIBILITY_R: Raci = &[
    ("Map each control to an owner", "RCACC-"),
    ("Review provider attestations and contracts", "C-R--A"),
    ("Operate the controls owned by application teams", "CRA---"),
];
const EVOLUTION_R: Raci = &[
    ("Maintain the roadmap and target architecture", "RCCCAC"),
    ("Track end-of-support dates and plan upgrades", "RCC-A-"),
    ("Approve major migrations", "RCCCCA"),
];
const COLLABORATION_R: Raci = &[
    ("Run the platform's intake and roadmap", "RCCCA-"),
    ("Handle access and support requests", "RIA-C-"),
    ("Run incident reviews", "CRCCA-"),
];
const VERIFICATION_R: Raci = &[
    ("Write and maintain infrastructure tests", "RCC-A-"),
    ("Run compliance and security scans", "R-A-I-"),
    ("Verify recovery and failover", "RC-CA-"),
];
const GENERIC_R: Raci = &[
    ("Design the approach", "RCCCA-"),
    ("Implement and operate it", "RCI-A-"),
    ("Review and approve changes", "RIC-A-"),
];

fn raci_bank(section_id: &str) -> Raci {
    match section_id {
        NETWORK => NETWORK_R,
        COMPUTE => COMPUTE_R,
        DATA => DATA_R,
        SECURITY => SECURITY_R,
        MONITORING => MONITORING_R,
        CI_CD => CI_CD_R,
        DR => DR_R,
        COST => COST_R,
        CLOUD_PROVIDER => CLOUD_PROVIDER_R,
        IAC => IAC_R,
        ENVIRONMENTS => ENVIRONMENTS_R,
        TRANSITION => TRANSITION_R,
        SHARED_RESPONSIBILITY => SHARED_RESPONSIBILITY_R,
        EVOLUTION => EVOLUTION_R,
        COLLABORATION => COLLABORATION_R,
        VERIFICATION => VERIFICATION_R,
        _ => GENERIC_R,
    }
}

/// A few activities of the section with each default team's role, in [`DEFAULT_TEAMS`] order (see
/// the module documentation for the rule behind them).
pub fn default_raci(section_id: &str) -> Vec<RaciRow> {
    raci_bank(section_id)
        .iter()
        .map(|(activity, roles)| RaciRow {
            activity: (*activity).to_string(),
            roles: roles.chars().map(RaciRole::from_letter).collect(),
        })
        .collect()
}

/// One-line problems with a RACI matrix, in row order: a row whose number of roles differs from the
/// number of teams, a row without exactly one Accountable, a row without a Responsible.
pub fn raci_problems(teams: &[TeamTouchpoints], raci: &[RaciRow]) -> Vec<String> {
    let mut out = Vec::new();
    for row in raci {
        let activity = row.activity.trim();
        let activity = if activity.is_empty() {
            "(unnamed activity)"
        } else {
            activity
        };
        if row.roles.len() != teams.len() {
            out.push(format!(
                "{activity}: {} roles for {} teams.",
                row.roles.len(),
                teams.len()
            ));
        }
        let accountable: Vec<&str> = row
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == RaciRole::Accountable)
            .map(|(i, _)| teams.get(i).map_or("?", |t| t.team.as_str()))
            .collect();
        match accountable.len() {
            0 => out.push(format!("{activity}: no team is Accountable.")),
            1 => {}
            _ => out.push(format!(
                "{activity}: {} teams are Accountable ({}); exactly one should be.",
                accountable.len(),
                accountable.join(", ")
            )),
        }
        if !row.roles.contains(&RaciRole::Responsible) {
            out.push(format!("{activity}: no team is Responsible."));
        }
    }
    out
}

/// Built-in dependencies: the sections a section's design normally builds on.
fn built_in_dependencies(section_id: &str) -> &'static [&'static str] {
    match section_id {
        IAC => &[CLOUD_PROVIDER],
        ENVIRONMENTS => &[CLOUD_PROVIDER, IAC],
        NETWORK => &[CLOUD_PROVIDER, SECURITY],
        COMPUTE => &[NETWORK, SECURITY],
        DATA => &[NETWORK, SECURITY],
        SECURITY => &[CLOUD_PROVIDER],
        MONITORING => &[COMPUTE, DATA],
        CI_CD => &[IAC, SECURITY, ENVIRONMENTS],
        DR => &[DATA, COMPUTE, NETWORK],
        COST => &[COMPUTE, DATA],
        TRANSITION => &[CI_CD, ENVIRONMENTS],
        SHARED_RESPONSIBILITY => &[CLOUD_PROVIDER, SECURITY],
        EVOLUTION => &[CLOUD_PROVIDER],
        COLLABORATION => &[SHARED_RESPONSIBILITY],
        VERIFICATION => &[IAC, CI_CD, MONITORING],
        _ => &[],
    }
}

/// Ids of other sections this section depends on: those whose title or id the text mentions
/// (case-insensitively) and those of the built-in map (compute → network, data → security, disaster
/// recovery → data, …). Only ids present in `all_sections`, never the section itself, each once, in
/// `all_sections` order.
pub fn suggest_dependencies(
    section_id: &str,
    section_text: &str,
    all_sections: &[(String, String)],
) -> Vec<String> {
    let text = section_text.to_lowercase();
    let built_in = built_in_dependencies(section_id);
    let mut out: Vec<String> = Vec::new();
    for (id, title) in all_sections {
        if id == section_id || out.contains(id) {
            continue;
        }
        let title = title.trim().to_lowercase();
        let mentioned = (!id.trim().is_empty() && text.contains(&id.to_lowercase()))
            || (!title.is_empty() && text.contains(&title));
        if mentioned || built_in.contains(&id.as_str()) {
            out.push(id.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECTION_IDS: [&str; 16] = super::super::ids::ALL;

    #[test]
    fn touchpoints() {
        let p = default_touchpoints(NETWORK, "Security");
        assert!(p[0].contains("segmentation"));
        assert_eq!(
            default_touchpoints(NETWORK, "sre"),
            default_touchpoints(NETWORK, "Operations/SRE")
        );
        assert!(default_touchpoints(NETWORK, "Marketing").is_empty());
        assert!(default_touchpoints(CI_CD, "Finance").is_empty());
        assert!(!default_touchpoints("whatever", "platform").is_empty());
        let teams = default_teams(DATA);
        assert_eq!(teams.len(), 6);
        assert_eq!(teams[3].team, "Data");
    }

    #[test]
    fn default_raci_is_well_formed_everywhere() {
        let teams = default_teams(NETWORK);
        for id in SECTION_IDS.iter().copied().chain(["overview"]) {
            let raci = default_raci(id);
            assert!(raci.len() >= 3, "{id}");
            assert_eq!(raci_problems(&teams, &raci), Vec::<String>::new(), "{id}");
        }
    }

    #[test]
    fn network_raci() {
        let raci = default_raci(NETWORK);
        assert_eq!(
            raci[0].activity,
            "Design the network topology and IP address plan"
        );
        use RaciRole::*;
        assert_eq!(
            raci[0].roles,
            vec![
                Responsible,
                Consulted,
                Consulted,
                Informed,
                Accountable,
                None
            ]
        );
    }

    #[test]
    fn problems_are_named() {
        use RaciRole::*;
        let teams = default_teams(NETWORK)[..3].to_vec();
        let raci = vec![
            RaciRow {
                activity: "Patch hosts".into(),
                roles: vec![Responsible, Accountable, Informed],
            },
            RaciRow {
                activity: "Approve".into(),
                roles: vec![Accountable, Accountable, Consulted],
            },
            RaciRow {
                activity: "  ".into(),
                roles: vec![Informed, Consulted],
            },
        ];
        assert_eq!(
            raci_problems(&teams, &raci),
            vec![
                "Approve: 2 teams are Accountable (Platform, Development); exactly one should be.",
                "Approve: no team is Responsible.",
                "(unnamed activity): 2 roles for 3 teams.",
                "(unnamed activity): no team is Accountable.",
                "(unnamed activity): no team is Responsible.",
            ]
        );
        assert!(raci_problems(&[], &[]).is_empty());
        // more roles than teams: only the length is wrong
        let row = RaciRow {
            activity: "X".into(),
            roles: vec![Responsible, Accountable],
        };
        assert_eq!(raci_problems(&[], &[row]), vec!["X: 2 roles for 0 teams."]);
    }

    fn sections() -> Vec<(String, String)> {
        [
            (CLOUD_PROVIDER, "Cloud Provider Strategy"),
            (NETWORK, "Network Architecture"),
            (COMPUTE, "Compute Resources"),
            (DATA, "Data Resources"),
            (SECURITY, "Security Architecture"),
            (MONITORING, "Monitoring & Observability"),
            (DR, "Disaster Recovery"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn dependencies_from_text_and_map() {
        // compute → network, security (map) + monitoring (mentioned by title)
        let deps = suggest_dependencies(
            COMPUTE,
            "Services emit metrics as described in Monitoring & Observability.",
            &sections(),
        );
        assert_eq!(deps, vec![NETWORK, SECURITY, MONITORING]);
        // dr → data, compute, network (map); its own id in the text is ignored; `cloud-provider-strategy` by id
        let deps = suggest_dependencies(
            DR,
            "See cloud-provider-strategy and disaster-recovery.",
            &sections(),
        );
        assert_eq!(deps, vec![CLOUD_PROVIDER, NETWORK, COMPUTE, DATA]);
        // unknown section, no mentions
        assert!(suggest_dependencies("appendices", "nothing", &sections()).is_empty());
        // map entries missing from the document are left out
        assert!(suggest_dependencies(CI_CD, "", &sections()).contains(&SECURITY.to_string()));
        assert!(!suggest_dependencies(CI_CD, "", &sections()).contains(&IAC.to_string()));
        assert!(suggest_dependencies(COMPUTE, "", &[]).is_empty());
    }
}
