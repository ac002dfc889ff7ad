//! Story rules for the operational components: security, monitoring, CI/CD, disaster recovery,
//! cost, environment transition, shared responsibility, evolution, collaboration and verification.
//! In template order; within a component, specific rules before the general ones.

use crate::model::StorySize::{Large, Small};

use super::draft::Rule;

const SEC: &[&str] = &["security-architecture"];
/// Edge rules: for the edge-protection decision, and for a security choice of a template that does
/// not split it out.
const SEC_EDGE: &[&str] = &["security-edge-protection", "security-architecture"];
/// Key and secret rules, likewise.
const SEC_KEYS: &[&str] = &["security-secrets-keys", "security-architecture"];
const SEC_VERIFY: &[&str] = &[
    "security-architecture",
    "infrastructure-verification-approach",
];
const MON: &[&str] = &["monitoring-observability"];
const CICD: &[&str] = &["ci-cd-pipeline"];
const CICD_TRANS: &[&str] = &["ci-cd-pipeline", "environment-transition-strategy"];
const DR: &[&str] = &["disaster-recovery"];
const DR_NET: &[&str] = &["disaster-recovery", "network-architecture"];
const COST: &[&str] = &["cost-optimization"];
const TRANS: &[&str] = &["environment-transition-strategy"];
const RESP: &[&str] = &["shared-responsibility-model"];
const EVO: &[&str] = &["infrastructure-evolution-plan"];
const COLLAB: &[&str] = &["cross-team-collaboration-model"];
const VERIFY: &[&str] = &["infrastructure-verification-approach"];

const REGIONAL_DR: &[&str] = &[
    "warm-standby",
    "pilot-light",
    "active-active",
    "multi-region",
];

pub(super) const RULES: &[Rule] = &[
    // Security architecture
    Rule {
        on: SEC,
        any: &["sso", "zero-trust"],
        title: "Single sign-on and least-privilege access",
        as_a: "security engineer",
        i_want: "all workforce access to cloud consoles, CLIs, clusters and tools through the identity provider with MFA and role-based permissions",
        so_that: "leavers lose access at once and every action is attributable to a person",
        criteria: &[
            "Console and CLI access uses SSO with MFA; no long-lived personal access keys exist, and a daily check reports any that appear.",
            "Roles are granted to identity-provider groups, read-only by default; production write access is time-limited and approved.",
            "Two break-glass accounts exist with hardware MFA, and every use raises an alert.",
            "Access is reviewed quarterly, and a person disabled in the identity provider loses all access within one hour.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: SEC_EDGE,
        any: &["waf", "perimeter"],
        title: "Web application firewall and edge protection",
        as_a: "security engineer",
        i_want: "every public endpoint behind the CDN and web application firewall with managed and rate-limit rules",
        so_that: "common attacks and abusive traffic are stopped before they reach the services",
        criteria: &[
            "Public endpoints are reachable only through the CDN and WAF; origins accept traffic from the edge only.",
            "Managed rule sets and per-client rate-limit rules run in count mode for a week, then in blocking mode.",
            "WAF logs reach the central logging, with an alert on spikes of blocked requests.",
            "DDoS response contacts and the provider's escalation path are documented.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: SEC_VERIFY,
        any: &["policy-as-code"],
        title: "Preventive guardrails as policy as code",
        as_a: "security engineer",
        i_want: "security and compliance rules written as policies that are evaluated on every plan and enforced at organisation level",
        so_that: "non-compliant infrastructure is stopped before it exists rather than found in an audit",
        criteria: &[
            "Policies live in a repository with tests, and changes to them are reviewed.",
            "Every infrastructure plan is evaluated in CI; a violation blocks the merge.",
            "Organisation-level guardrails deny the most critical violations (public storage, unencrypted volumes, unapproved regions) even outside the pipeline.",
            "Exceptions are recorded with an owner, a reason and an expiry date.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: SEC,
        any: &["siem"],
        title: "Central security logging and SIEM",
        as_a: "security engineer",
        i_want: "audit, identity, network and WAF logs from every account in the SIEM, with detections and a response rota",
        so_that: "attacks are detected and answered within the agreed time",
        criteria: &[
            "Cloud API audit logs, identity-provider logs, flow logs and WAF logs from every account reach the SIEM within 15 minutes.",
            "Security logs are retained for at least one year, or longer where compliance requires it.",
            "Detection rules cover the top threats of the threat model, each with a response runbook.",
            "Alerts are triaged by a named rota within the agreed response time.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: SEC_KEYS,
        any: &["kms"],
        title: "Customer-managed encryption keys",
        as_a: "security engineer",
        i_want: "customer-managed keys per environment and data class, with separated key administration and use",
        so_that: "we control who can decrypt data and can revoke that access",
        criteria: &[
            "Keys are created from code per environment and data class.",
            "Key policies separate key administrators from key users.",
            "Automatic rotation is enabled, and every use of a key is logged.",
            "Disabling or scheduling deletion of a key raises an alert, and keys are available in the DR region.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: SEC_KEYS,
        title: "Secrets management and rotation",
        as_a: "security engineer",
        i_want: "every application and pipeline secret held in a secrets manager, read at run time and rotated",
        so_that: "a leaked repository, image or log does not leak credentials",
        criteria: &[
            "No secret is stored in repositories, images or pipeline variables; secret scanning blocks pushes that contain one.",
            "Services read secrets at run time with their own role.",
            "Database and API credentials rotate automatically at least every 90 days.",
            "Every read of a production secret is logged.",
        ],
        size: Small,
        ..Rule::BASE
    },
    // Monitoring and observability
    Rule {
        on: &["monitoring-alerting"],
        title: "Alert routing and on-call rota",
        as_a: "on-call engineer",
        i_want: "alerts routed through {option} to a named on-call rota, by severity, each linking to a runbook",
        so_that: "the right person hears about a problem in time and knows what to do",
        criteria: &[
            "Alert rules are kept as code and reviewed like code; each has a severity, an owner and a runbook link.",
            "Paging alerts reach the on-call engineer within the acknowledgement target, and unacknowledged pages escalate.",
            "Alerts that do not need action at once open a ticket instead of paging.",
            "Noisy alerts are reviewed monthly and fixed or removed.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: MON,
        any: &["opentelemetry", "prometheus", "grafana"],
        title: "Telemetry pipeline and SLO alerts",
        as_a: "on-call engineer",
        i_want: "an OpenTelemetry-based telemetry pipeline into the decided backend ({option}), with SLOs and burn-rate alerts",
        so_that: "problems are detected from user impact before customers report them",
        criteria: &[
            "OpenTelemetry collectors receive traces, metrics and logs from every service and forward them to the backend; the collectors are monitored themselves.",
            "Each user-facing service has SLOs for availability and latency, defined as code with multi-window burn-rate alerts.",
            "Alerts route to the on-call rotation and link to a runbook.",
            "Personal data and secrets are removed in the collector before export.",
            "Retention and sampling are set per signal and environment, and telemetry cost is reported monthly.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: MON,
        any: &["provider-native", "saas"],
        title: "Monitoring, logging and SLO alerts",
        as_a: "on-call engineer",
        i_want: "metrics, logs and traces of every service in the decided monitoring ({option}), with dashboards, SLOs and alerts defined as code",
        so_that: "problems are detected from user impact before customers report them",
        criteria: &[
            "Every service sends metrics, structured logs and traces; log retention is set per environment.",
            "Dashboards and alarms are created from code, not by hand in the console.",
            "Each user-facing service has SLOs with burn-rate alerts routed to the on-call rotation with a runbook link.",
            "Telemetry leaving the platform carries no personal data or secrets, and ingestion cost is budgeted.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: MON,
        fallback: true,
        title: "Monitoring baseline and on-call alerting",
        as_a: "on-call engineer",
        i_want: "monitoring ({option}) covering every service, with alerts routed to the on-call rotation",
        so_that: "failures are noticed and acted on quickly",
        criteria: &[
            "Every service reports health, error rate and latency.",
            "Alerts are defined as code and routed to the on-call rotation with a runbook link.",
            "Logs are centralised and retained as the requirements demand.",
        ],
        ..Rule::BASE
    },
    // CI/CD pipeline
    Rule {
        on: CICD,
        title: "Delivery pipeline with gated production deployments",
        as_a: "developer",
        i_want: "one pipeline ({option}) that builds, tests, scans and deploys every service and infrastructure change",
        so_that: "every change reaches production the same, repeatable way",
        criteria: &[
            "The pipeline authenticates to the cloud with short-lived OIDC federated credentials; no long-lived cloud keys are stored in it.",
            "Each artefact is built once, and the same artefact (by digest) is promoted to every environment.",
            "Pull requests run linting, tests and dependency and image scans; a failure blocks the merge.",
            "Production deployments need a recorded approval, and the deployment history shows who deployed what and when.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: CICD_TRANS,
        any: &["gitops", "argocd", "flux"],
        title: "GitOps repository and sync policy",
        i_want: "an environment repository that declares what runs in each environment, reconciled by a GitOps controller (Argo CD, Flux or an equivalent reconciling job)",
        so_that: "what runs is always what is in Git, and a rollback is a revert",
        criteria: &[
            "The environment repository lists each environment's services with image digests and configuration.",
            "Changes sync automatically to dev and staging; production syncs only after an approved pull request.",
            "Drift between Git and the running state is corrected automatically and reported.",
            "The controller is reached through SSO, and CI holds no credentials to the runtime environments.",
            "A rollback by reverting a commit has been rehearsed.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: CICD,
        any: &["jenkins"],
        title: "Harden and operate the Jenkins controller",
        i_want: "the Jenkins controller configured as code, with ephemeral agents, SSO and tested backups",
        so_that: "the self-hosted pipeline is reproducible, secure and recoverable",
        criteria: &[
            "Controller configuration (Configuration as Code) and plugin versions are pinned in the repository.",
            "Builds run on ephemeral agents that are destroyed after each job.",
            "Login goes through SSO, and the controller is not reachable from the internet.",
            "Controller backups are restored in a test once a quarter, and security updates are applied monthly.",
        ],
        ..Rule::BASE
    },
    // Disaster recovery
    Rule {
        on: DR,
        any: REGIONAL_DR,
        title: "DR region bootstrap",
        as_a: "infrastructure architect",
        i_want: "the DR region prepared for the DR strategy ({option}): network, data replication, images, keys and secrets in place, provisioned from the same code",
        so_that: "recovery starts from a known, ready state instead of a build from scratch",
        criteria: &[
            "The DR region's resources are created from the same infrastructure code, parameterised by region, and applied by the pipeline.",
            "Databases replicate to the DR region (replica or replicated backups), and replication lag is alerted against the RPO.",
            "Container images, keys and secrets are replicated to the DR region.",
            "DNS failover records and health checks are prepared and tested.",
            "The running cost of the DR footprint is reported monthly.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: DR,
        any: REGIONAL_DR,
        title: "Failover drill against RPO and RTO",
        as_a: "infrastructure architect",
        i_want: "a scheduled failover drill to the DR region that follows the runbook",
        so_that: "we have measured proof that the RPO and RTO are met",
        criteria: &[
            "The failover runbook is written step by step and executed by an on-call engineer who did not write it.",
            "The drill measures data loss and time to restored service and compares them with the RPO and RTO.",
            "Failback to the primary region is exercised as well.",
            "Findings are fixed before go-live, and the drill is repeated at least once a year.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: DR_NET,
        any: &["multi-az"],
        title: "Zone-failure game day",
        as_a: "on-call engineer",
        i_want: "a game day that takes one availability zone away from a production-like environment under load",
        so_that: "we know the system survives a zone failure before a real one happens",
        criteria: &[
            "An inventory check shows every tier (load balancers, compute, databases, caches) spread over at least two zones.",
            "The loss of one zone is simulated in staging under load (fault injection or blocking the zone's subnets).",
            "The SLOs hold during the exercise, and the failover time of each tier is recorded.",
            "Findings are tracked and fixed, and the game day is repeated yearly and after major changes.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: DR,
        any: &["backup-restore", "daily-backup", "point-in-time-recovery"],
        title: "Backup vault with cross-account copies and a restore drill",
        as_a: "infrastructure architect",
        i_want: "central backup plans for every data store, copied to a separate account and to the DR region, with a regular restore drill",
        so_that: "data survives deletion, ransomware or the loss of a region within the agreed RPO",
        criteria: &[
            "Backup plans created from code cover every stateful resource (databases, object storage, volumes), and a coverage report lists any gaps.",
            "Copies are kept immutable (vault lock) in a separate account and in the DR region.",
            "A restore drill runs every quarter, and the measured restore time is compared with the RTO.",
            "Failed backup jobs alert the on-call rotation.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: DR,
        fallback: true,
        title: "DR runbook and recovery test",
        as_a: "infrastructure architect",
        i_want: "a recovery runbook for the DR strategy ({option}) and a recovery test against the RPO and RTO",
        so_that: "recovery is a rehearsed procedure rather than an improvisation",
        criteria: &[
            "The runbook covers detection, decision, recovery steps and communication.",
            "A recovery test measures data loss and recovery time against the RPO and RTO.",
            "Findings are fixed, and the test is repeated at least once a year.",
        ],
        ..Rule::BASE
    },
    // Cost optimisation
    Rule {
        on: COST,
        title: "Budgets, alerts and tagging policy",
        as_a: "FinOps lead",
        i_want: "budgets with alerts for every account and environment, and a mandatory tagging policy",
        so_that: "spending is visible per service and surprises are caught within days",
        criteria: &[
            "Every account and environment has a budget with forecast alerts at 80% and 100%, sent to its owner.",
            "Required tags (service, environment, owner, cost centre) are enforced by policy in the infrastructure code.",
            "Untagged resources are reported weekly.",
            "A monthly cost report per service shows the trend against the budget.",
        ],
        size: Small,
        ..Rule::BASE
    },
    Rule {
        on: COST,
        any: &["scale-to-zero"],
        title: "Scale non-production down outside working hours",
        as_a: "FinOps lead",
        i_want: "dev and staging scaled to zero (or their minimum) at night and at weekends on a schedule",
        so_that: "we do not pay for idle non-production capacity",
        criteria: &[
            "Schedules scale non-production services down outside working hours and back up before the working day.",
            "A team can opt a service out with a label that has an expiry date.",
            "Schedules are suspended automatically for load tests and planned events.",
            "The saving is measured and reported monthly.",
        ],
        size: Small,
        ..Rule::BASE
    },
    Rule {
        on: COST,
        any: &["spot"],
        title: "Spot capacity for interruption-tolerant workloads",
        i_want: "interruption-tolerant workloads moved to spot or preemptible capacity with interruption handling",
        so_that: "we pay less for capacity without risking user-facing services",
        criteria: &[
            "Only workloads marked interruption-tolerant run on spot capacity; user-facing services keep an on-demand baseline.",
            "Interruption notices drain work gracefully, and interrupted jobs resume.",
            "Capacity is diversified across several instance types and zones.",
            "The saving and the interruption rate are reported monthly.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: COST,
        any: &["reserved-capacity"],
        title: "Commitment plan for steady-state capacity",
        as_a: "FinOps lead",
        i_want: "reserved capacity or savings plans bought for the measured steady-state baseline only",
        so_that: "the baseline is cheaper without paying for commitments we do not use",
        criteria: &[
            "Commitments cover at most the baseline measured over the last 60 days.",
            "Utilisation and coverage of commitments are reported monthly, with an alert below 90% utilisation.",
            "Renewals are reviewed 30 days before expiry.",
        ],
        size: Small,
        ..Rule::BASE
    },
    Rule {
        on: COST,
        any: &["finops", "rightsizing"],
        none: &["reserved-capacity"],
        title: "Showback and rightsizing review",
        as_a: "FinOps lead",
        i_want: "cost shown back to each team monthly, with rightsizing recommendations reviewed",
        so_that: "teams see what they spend and act on waste",
        criteria: &[
            "Each team receives a monthly cost report for its services.",
            "Rightsizing recommendations are reviewed monthly, and accepted ones are applied through code.",
            "Savings achieved are tracked against a quarterly target.",
        ],
        size: Small,
        ..Rule::BASE
    },
    // Environment transition strategy
    Rule {
        on: TRANS,
        title: "Environment promotion pipeline",
        as_a: "release manager",
        i_want: "a promotion path dev, staging, production following the transition strategy ({option}), in which the same artefact moves forward only after its checks pass",
        so_that: "production only ever runs what was tested",
        criteria: &[
            "Promotion moves an immutable artefact by digest; nothing is rebuilt between environments.",
            "The gates of each stage (tests, scans, approvals) are defined in code.",
            "Environment configuration is kept apart from the artefact and versioned.",
            "Every promotion is recorded with the artefact, the approver and the time.",
            "Rolling back to the previous version is one step and takes less than 15 minutes.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: CICD_TRANS,
        any: &["blue-green", "canary"],
        title: "Progressive delivery with automatic rollback",
        as_a: "release manager",
        i_want: "production releases rolled out with the decided strategy ({option}), with automatic analysis and rollback",
        so_that: "a bad release reaches few users and is withdrawn without waiting for a person",
        criteria: &[
            "A new version receives production traffic gradually (canary steps) or by a switch after it is verified (blue-green).",
            "Error rate and latency are compared with the previous version automatically at each step.",
            "A breach of the thresholds shifts traffic back within 5 minutes without human action.",
            "Database changes follow expand and contract, so that the previous version keeps working during a rollback.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: TRANS,
        any: &["feature-flags"],
        title: "Feature flag service and flag hygiene",
        as_a: "developer",
        i_want: "a feature flag service to release functionality independently of deployments",
        so_that: "a release can be switched off without redeploying",
        criteria: &[
            "Flags are evaluated from a managed flag service with a safe default when it is unreachable.",
            "Every flag has an owner and a removal date; expired flags are reported.",
            "Flag changes in production are audited.",
        ],
        size: Small,
        ..Rule::BASE
    },
    // Shared responsibility model
    Rule {
        on: RESP,
        title: "Responsibility matrix and on-call ownership",
        as_a: "engineering manager",
        i_want: "the responsibility matrix of the decided model ({option}) published, with an owning team and an on-call rotation for every production service",
        so_that: "every incident has an owner and an escalation path",
        criteria: &[
            "A RACI matrix per component (provider, platform team, product teams) is published with the architecture document.",
            "Every production service has an owning team and an on-call rotation in the paging tool.",
            "The provider support plan and the escalation path to the provider are documented.",
            "The matrix is reviewed twice a year and after every major incident.",
        ],
        size: Small,
        ..Rule::BASE
    },
    Rule {
        on: RESP,
        any: &["sre", "slo"],
        title: "Error budget policy",
        as_a: "engineering manager",
        i_want: "an error budget policy agreed between the SRE and product teams",
        so_that: "reliability work is prioritised by data instead of by argument",
        criteria: &[
            "The policy states what happens when a service exhausts its error budget (for example a feature freeze).",
            "Error budget consumption is reviewed weekly for the critical services.",
            "The policy is signed off by the product and engineering leads.",
        ],
        size: Small,
        ..Rule::BASE
    },
    Rule {
        on: RESP,
        any: &["managed-service-provider"],
        title: "Managed service provider onboarding",
        as_a: "engineering manager",
        i_want: "the managed service provider onboarded with agreed SLAs, access and handover procedures",
        so_that: "the provider operates the infrastructure to our standards and we can still audit it",
        criteria: &[
            "The contract states response and resolution times per severity.",
            "Provider staff access through our identity provider with named accounts and logged sessions.",
            "Incident, change and handover procedures are agreed and rehearsed.",
            "An exit plan describes how operations return in-house.",
        ],
        ..Rule::BASE
    },
    // Infrastructure evolution plan
    Rule {
        on: EVO,
        any: &["strangler-fig", "phased-migration", "re-architecture"],
        title: "Migration wave plan with rollback points",
        as_a: "infrastructure architect",
        i_want: "the evolution plan ({option}) broken into waves, each with entry and exit criteria and a rollback point",
        so_that: "each step is taken, measured and, if needed, undone on its own",
        criteria: &[
            "Each wave lists its scope, dependencies and target date.",
            "Each wave is rehearsed in staging with production-sized data.",
            "Exit criteria are measurable (error rate, latency, data reconciliation).",
            "The rollback of each wave has been tested before it starts.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: EVO,
        fallback: true,
        title: "Infrastructure evolution roadmap with review points",
        as_a: "infrastructure architect",
        i_want: "a roadmap for the next 12 to 24 months following the decided approach ({option}), with the triggers that start each change",
        so_that: "the infrastructure evolves deliberately rather than by accident",
        criteria: &[
            "The roadmap lists planned changes with owners and the triggers that start them (load, cost, team size).",
            "Technologies to retire are listed with end dates.",
            "The roadmap is reviewed every quarter.",
        ],
        size: Small,
        ..Rule::BASE
    },
    // Cross-team collaboration model
    Rule {
        on: COLLAB,
        any: &["adr"],
        title: "Architecture decision records and RFC process",
        as_a: "infrastructure architect",
        i_want: "decisions recorded as ADRs and cross-team changes proposed as RFCs with a review window",
        so_that: "decisions are findable and the teams affected have a say before they are made",
        criteria: &[
            "An ADR template is in the repository, and the decisions of this document are recorded as ADRs.",
            "Cross-team changes are proposed as RFCs with a review window of at least five working days.",
            "Superseded decisions link to the decisions that replace them.",
        ],
        size: Small,
        ..Rule::BASE
    },
    Rule {
        on: COLLAB,
        any: &["platform-team", "internal-developer-portal"],
        title: "Internal developer portal with golden paths",
        i_want: "an internal developer portal with a service catalogue and templates for new services",
        so_that: "product teams create and run services the supported way without waiting for the platform team",
        criteria: &[
            "Every production service is in the catalogue with its owner, on-call rotation and documentation.",
            "A template creates a new service with pipeline, infrastructure and monitoring in less than one hour.",
            "Platform requests go through the portal, and their lead time is measured.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: COLLAB,
        any: &["inner-source"],
        title: "Contribution path for shared infrastructure modules",
        as_a: "developer",
        i_want: "a documented way to contribute changes to the shared infrastructure modules",
        so_that: "teams fix what they need without waiting in a queue",
        criteria: &[
            "A contribution guide and code owners are defined for each shared module.",
            "Contributions are reviewed within three working days.",
            "Module releases have change notes and semantic versions.",
        ],
        size: Small,
        ..Rule::BASE
    },
    Rule {
        on: COLLAB,
        fallback: true,
        title: "Collaboration model and interaction points",
        as_a: "engineering manager",
        i_want: "the collaboration model ({option}) written down with its interaction points between the infrastructure and product teams",
        so_that: "teams know when and how to involve each other",
        criteria: &[
            "The interaction points (design reviews, change announcements, incident reviews) are documented with their cadence.",
            "Each team has a named contact for infrastructure topics.",
            "The model is reviewed after six months.",
        ],
        size: Small,
        ..Rule::BASE
    },
    // Infrastructure verification approach
    Rule {
        on: VERIFY,
        any: &["iac-testing"],
        title: "Automated tests for infrastructure code",
        i_want: "infrastructure code tested automatically on every pull request and every night",
        so_that: "broken modules and unsafe changes are caught before they reach an environment",
        criteria: &[
            "Formatting, validation, linting and security scanning run on every pull request and block the merge on failure.",
            "Modules have unit tests that run in CI.",
            "Plan assertions protect critical resources (no replacement or destruction of data stores without an explicit label).",
            "A nightly integration test applies the modules to a sandbox account and destroys them again.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: VERIFY,
        any: &["compliance-scanning"],
        title: "Continuous compliance scanning",
        as_a: "security engineer",
        i_want: "the running infrastructure scanned continuously against the compliance benchmarks in scope",
        so_that: "deviations are found in hours rather than at the next audit",
        criteria: &[
            "The benchmarks in scope are enabled for every account.",
            "Findings are routed to the owning team with a remediation deadline by severity.",
            "A monthly report shows open findings and the trend.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: VERIFY,
        any: &["chaos-engineering"],
        title: "Chaos experiments and game days",
        as_a: "on-call engineer",
        i_want: "regular chaos experiments and game days against the hypotheses of the resilience design",
        so_that: "weaknesses are found in controlled conditions rather than during an incident",
        criteria: &[
            "Each experiment states a hypothesis, a blast radius and an abort condition.",
            "Experiments run in staging monthly and, once proven, in production with a limited blast radius.",
            "Findings are tracked to resolution.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: VERIFY,
        fallback: true,
        title: "Infrastructure verification in the pipeline",
        i_want: "the verification approach ({option}) run automatically for every infrastructure change",
        so_that: "infrastructure changes are verified before they reach production",
        criteria: &[
            "Verification runs on every pull request that changes infrastructure code.",
            "A failed verification blocks the merge.",
            "Verification results are kept as evidence for audits.",
        ],
        ..Rule::BASE
    },
];
