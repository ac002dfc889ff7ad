//! Refinements proposed to the existing stories from the decisions (see the module documentation of
//! [`super`]).

use crate::model::{Refinement, Session};

use super::parse::{Epic, Story};
use super::{Basis, Chosen, decided, has_word};

/// One refinement rule. `{option}` in `change` is replaced by the chosen option's short name.
#[derive(Debug, Clone, Copy)]
struct Refine {
    component: &'static str,
    /// The chosen option has at least one of these tags (no condition when empty)…
    any: &'static [&'static str],
    /// …and none of these.
    none: &'static [&'static str],
    /// Keywords looked for in the story's title.
    title: &'static [&'static str],
    /// Keywords looked for in the title, the user story and the acceptance criteria.
    text: &'static [&'static str],
    change: &'static str,
}

impl Refine {
    const BASE: Refine = Refine {
        component: "",
        any: &[],
        none: &[],
        title: &[],
        text: &[],
        change: "",
    };

    fn matches_option(&self, c: &Chosen<'_>) -> bool {
        (self.any.is_empty() || self.any.iter().any(|t| c.has(t)))
            && !self.none.iter().any(|t| c.has(t))
    }

    /// The first keyword of the rule that the story contains, if any.
    fn keyword(&self, title: &str, text: &str) -> Option<&'static str> {
        self.title
            .iter()
            .find(|k| has_word(title, k))
            .or_else(|| self.text.iter().find(|k| has_word(text, k)))
            .copied()
    }
}

const PIPELINE_TITLE: &[&str] = &["pipeline", "deploy", "delivery", "release", "ci/cd"];
const REGIONAL_DR: &[&str] = &[
    "warm-standby",
    "pilot-light",
    "active-active",
    "multi-region",
];
const OBSERVABILITY_TITLE: &[&str] = &[
    "observability",
    "monitoring",
    "telemetry",
    "logging",
    "alerting",
];
const OBSERVABILITY_TEXT: &[&str] = &[
    "opentelemetry",
    "dashboards",
    "slos",
    "service level",
    "burn-rate",
    "traces",
];
const DR_TITLE: &[&str] = &["disaster", "recovery", "failover", "resilience", "dr drill"];
const SCALE_TITLE: &[&str] = &[
    "readiness",
    "load",
    "scal",
    "capacity",
    "performance",
    "peak",
    "sale",
];
const SCALE_TEXT: &[&str] = &[
    "load test",
    "capacity scaling",
    "autoscal",
    "baseline load",
    "peak load",
    "under load",
];
const CUTOVER_TITLE: &[&str] = &[
    "cutover",
    "migration",
    "migrate",
    "go-live",
    "go live",
    "legacy",
];

const RULES: &[Refine] = &[
    // Infrastructure as code
    Refine {
        component: "infrastructure-as-code",
        title: DR_TITLE,
        change: "Add a criterion: the DR environment is applied from the same infrastructure code ({option}), and its state and modules are reachable from the DR region (state bucket replicated or hosted outside the primary region), so that recovery does not depend on the failed region.",
        ..Refine::BASE
    },
    Refine {
        component: "infrastructure-as-code",
        text: &[
            "terraform",
            "opentofu",
            "pulumi",
            "cloudformation",
            "bicep",
            "infrastructure as code",
            "from code",
        ],
        change: "Add a criterion: infrastructure changes are applied only by the pipeline ({option}), using remote state with locking; the plan is attached to every pull request and drift is reported daily.",
        ..Refine::BASE
    },
    // Environment configuration
    Refine {
        component: "environment-configuration",
        any: &["prod-nonprod-split"],
        title: &["environment"],
        text: &[
            "environments",
            "aws accounts",
            "cloud accounts",
            "subscriptions",
        ],
        change: "Align the environment criteria with the decided layout ({option}): production is isolated in its own account (subscription, project), while dev and staging share a non-production one with separate networks and roles.",
        ..Refine::BASE
    },
    Refine {
        component: "environment-configuration",
        any: &["account-per-environment"],
        title: &["environment"],
        text: &[
            "environments",
            "aws accounts",
            "cloud accounts",
            "subscriptions",
        ],
        change: "Add a criterion: every environment gets its own account (subscription, project) vended from code with the same baseline, as decided ({option}).",
        ..Refine::BASE
    },
    Refine {
        component: "environment-configuration",
        any: &["ephemeral-environments"],
        title: &["environment"],
        text: &["preview environment", "ephemeral"],
        change: "Add a criterion: each pull request gets an ephemeral preview environment that is destroyed when it closes (at the latest after 7 days) and uses synthetic data only.",
        ..Refine::BASE
    },
    Refine {
        component: "environment-configuration",
        title: &["environment"],
        text: &["environments"],
        change: "Add a criterion: environments are laid out as decided ({option}), created from code with the same baseline.",
        ..Refine::BASE
    },
    // Network architecture
    Refine {
        component: "network-architecture",
        text: &["webhook", "sms gateway", "outbound"],
        change: "Add a criterion: outbound calls leave through the controlled egress of the network design ({option}) with fixed public addresses that partners can allowlist, and the egress is logged.",
        ..Refine::BASE
    },
    // Compute resources
    Refine {
        component: "compute-resources",
        any: &["functions"],
        title: SCALE_TITLE,
        text: SCALE_TEXT,
        change: "Add a criterion: function concurrency limits and provisioned concurrency ({option}) are set from the load model, so that the target load is reached without throttling or cold-start latency above the target.",
        ..Refine::BASE
    },
    Refine {
        component: "compute-resources",
        title: SCALE_TITLE,
        text: SCALE_TEXT,
        change: "Add a criterion: scaling of the compute platform ({option}) is configured from the load model (minimum and maximum capacity, scaling on request rate or CPU, a scheduled scale-out before known peaks) and is verified by the load test.",
        ..Refine::BASE
    },
    // Data resources
    Refine {
        component: "data-resources",
        title: &["offline", "sync", "synchronis", "synchroniz", "replicat"],
        text: &["offline", "idempotent"],
        change: "Add a criterion: synchronised records are written to the data store ({option}) idempotently, keyed by a client-generated id, so that a replay after reconnection never duplicates them; the replay burst after an outage is part of the database sizing.",
        ..Refine::BASE
    },
    Refine {
        component: "data-resources",
        title: &["gdpr", "data subject", "privacy", "erasure", "retention"],
        text: &["erase", "erasure", "anonymis", "anonymiz", "personal data"],
        change: "Add a criterion: erasure also covers the backups and the point-in-time recovery window of the data store ({option}); a restore re-applies the erasure log before the data is used again, and the backup retention is stated in the privacy notice.",
        ..Refine::BASE
    },
    Refine {
        component: "data-resources",
        title: DR_TITLE,
        text: &["restores the database", "restore the database"],
        change: "Add a criterion: the database ({option}) is restored with point-in-time recovery to a moment chosen by the drill, and the restore duration is recorded against the RTO.",
        ..Refine::BASE
    },
    Refine {
        component: "data-resources",
        any: &["sqs", "service-bus", "kafka"],
        text: &["queued", "queue", "webhook", "notification"],
        change: "Add a criterion: the work is handed over through the decided messaging ({option}) with a dead-letter queue, and an alert fires on its depth and on the age of the oldest message.",
        ..Refine::BASE
    },
    // Security architecture
    Refine {
        component: "security-architecture",
        title: &[
            "gdpr",
            "data subject",
            "compliance",
            "privacy",
            "data protection",
        ],
        change: "Add a criterion: access to this tooling and its data is granted through identity-provider groups with MFA, following the security design ({option}), and every search, export and erasure is written to the audit log.",
        ..Refine::BASE
    },
    Refine {
        component: "security-edge-protection",
        any: &["waf", "perimeter"],
        title: &["api"],
        text: &["rate limit", "api key", "oauth"],
        change: "Add a criterion: the API is published behind the WAF ({option}) with per-client rate-limit rules that mirror the application's limits, so that abusive traffic is dropped at the edge.",
        ..Refine::BASE
    },
    Refine {
        component: "security-architecture",
        title: &["api"],
        text: &["oauth", "api key", "authenticat", "client credentials"],
        change: "Add a criterion: client credentials and API keys are issued through the identity provider and kept in the secrets manager with rotation at least yearly, as the security design ({option}) requires; webhook signing keys are held the same way.",
        ..Refine::BASE
    },
    Refine {
        component: "security-architecture",
        text: &["audit"],
        change: "Add a criterion: audit-log entries are shipped to central, tamper-evident log storage outside the application's account (and to the SIEM where there is one), with the retention the security design ({option}) sets.",
        ..Refine::BASE
    },
    Refine {
        component: "security-architecture",
        text: &["encrypt", "signed", "signature", "signing"],
        change: "Add a criterion: the keys used here (encryption at rest, token signing) are held in the key management service with rotation and access logging, never in application configuration, as the security design ({option}) requires.",
        ..Refine::BASE
    },
    // Monitoring and observability
    Refine {
        component: "monitoring-observability",
        any: &["opentelemetry", "prometheus", "grafana"],
        title: OBSERVABILITY_TITLE,
        text: OBSERVABILITY_TEXT,
        change: "Add a criterion: telemetry is exported through OpenTelemetry collectors to the decided backend ({option}); SLOs and burn-rate alerts are defined as code next to each service.",
        ..Refine::BASE
    },
    Refine {
        component: "monitoring-observability",
        title: OBSERVABILITY_TITLE,
        text: OBSERVABILITY_TEXT,
        change: "Add a criterion: traces, metrics and logs land in the decided monitoring ({option}); dashboards, SLOs and burn-rate alerts are defined as code, and log retention is set per environment. State how OpenTelemetry data reaches it if the services emit it.",
        ..Refine::BASE
    },
    Refine {
        component: "monitoring-observability",
        text: &["alert"],
        change: "Add a criterion: this alert is defined as code in the decided monitoring ({option}), links to a runbook and is routed to the on-call rotation.",
        ..Refine::BASE
    },
    // CI/CD pipeline
    Refine {
        component: "ci-cd-pipeline",
        any: &["gitops", "argocd", "flux"],
        title: PIPELINE_TITLE,
        text: &["pull request", "pipeline"],
        change: "Add a criterion: deployments are pull requests to the environment repository that the GitOps controller ({option}) syncs; nobody deploys from a workstation, and a rollback is a revert.",
        ..Refine::BASE
    },
    Refine {
        component: "ci-cd-pipeline",
        title: PIPELINE_TITLE,
        text: &[
            "pull request",
            "github actions",
            "gitlab ci",
            "jenkins",
            "pipeline",
        ],
        change: "Add a criterion: every deployment runs through the decided pipeline ({option}); the pipeline authenticates to the cloud with short-lived OIDC credentials (no stored keys), builds each artefact once and promotes the same artefact to each environment.",
        ..Refine::BASE
    },
    // Disaster recovery
    Refine {
        component: "disaster-recovery",
        any: REGIONAL_DR,
        title: DR_TITLE,
        text: &["rpo", "rto", "dr region"],
        change: "Align the drill with the DR strategy ({option}): it fails over to the prepared DR region (replica promotion, DNS switch, scale-out) rather than rebuilding from scratch, and measures RPO and RTO against the targets.",
        ..Refine::BASE
    },
    Refine {
        component: "disaster-recovery",
        any: &["multi-az"],
        none: REGIONAL_DR,
        title: DR_TITLE,
        text: &["rpo", "rto", "dr region"],
        change: "Add a criterion: because the DR strategy ({option}) keeps everything in one region, backups and images are copied continuously to the DR region and the drill restores from those copies; if the recovery time misses the RTO, revisit the decision.",
    },
    Refine {
        component: "disaster-recovery",
        title: DR_TITLE,
        text: &["rpo", "rto", "dr region"],
        change: "Add a criterion: the drill follows the DR strategy ({option}), restores from the cross-region backup copies and records the measured restore time against the RTO.",
        ..Refine::BASE
    },
    Refine {
        component: "disaster-recovery",
        title: &["cutover", "go-live", "go live", "launch"],
        change: "Add a criterion: the DR drill for the decided strategy ({option}) has passed before the cutover, and the recovery runbook covers the first weeks after it.",
        ..Refine::BASE
    },
    // Cost optimisation
    Refine {
        component: "cost-optimization",
        any: &["scale-to-zero"],
        title: SCALE_TITLE,
        text: &["capacity scaling", "pre-scheduled", "load test"],
        change: "Add a criterion: off-hours scale-down schedules ({option}) are suspended for the load tests and the peak window, so that cost automation cannot remove capacity scheduled for it.",
        ..Refine::BASE
    },
    Refine {
        component: "cost-optimization",
        any: &["spot"],
        title: SCALE_TITLE,
        text: &["capacity scaling", "pre-scheduled"],
        change: "Add a criterion: capacity for the peak runs on on-demand capacity, not spot ({option}), so that interruptions cannot take it away.",
        ..Refine::BASE
    },
    // Environment transition strategy
    Refine {
        component: "environment-transition-strategy",
        title: CUTOVER_TITLE,
        text: &["rollback"],
        change: "Add a criterion: the cutover release goes through the transition strategy ({option}) like any other release, and the rollback plan states how the previous release is restored with it.",
        ..Refine::BASE
    },
    Refine {
        component: "environment-transition-strategy",
        any: &["blue-green", "canary"],
        title: PIPELINE_TITLE,
        text: &["production deployment", "promot", "roll back", "rolls back"],
        change: "Add a criterion: production releases use the decided strategy ({option}); a failing health check or error-rate threshold shifts traffic back automatically within 5 minutes.",
        ..Refine::BASE
    },
    Refine {
        component: "environment-transition-strategy",
        title: PIPELINE_TITLE,
        text: &["production deployment", "promot", "approval"],
        change: "Add a criterion: promotion from staging to production follows the transition strategy ({option}): the same artefact (by digest) is promoted by a reviewed change, and the approval is recorded with it.",
        ..Refine::BASE
    },
    // Shared responsibility model
    Refine {
        component: "shared-responsibility-model",
        text: &["runbook", "named people", "on call"],
        change: "Add a criterion: the runbook and the on-call arrangements name the owning team for each part according to the responsibility model ({option}), including the escalation path to the provider's support for managed services.",
        ..Refine::BASE
    },
    // Infrastructure evolution plan
    Refine {
        component: "infrastructure-evolution-plan",
        title: CUTOVER_TITLE,
        text: &["migration", "cutover", "legacy"],
        change: "Add a criterion: the migration is planned as decided in the evolution plan ({option}), with entry and exit criteria, a rehearsal in staging and a tested rollback point for each step.",
        ..Refine::BASE
    },
    // Cross-team collaboration model
    Refine {
        component: "cross-team-collaboration-model",
        text: &["contract test", "contract change", "versioned"],
        change: "Add a criterion: breaking interface changes are announced and agreed through the collaboration model ({option}) before they are merged.",
        ..Refine::BASE
    },
    // Infrastructure verification approach
    Refine {
        component: "infrastructure-verification-approach",
        any: &["chaos-engineering"],
        title: DR_TITLE,
        text: &["load test"],
        change: "Add a criterion: a chaos experiment ({option}) covering this scenario runs in staging before go-live, with its hypothesis and abort condition written down.",
        ..Refine::BASE
    },
    Refine {
        component: "infrastructure-verification-approach",
        text: &[
            "terraform plan",
            "infrastructure as code",
            "created only by terraform",
            "from code",
        ],
        change: "Add a criterion: the pull-request checks include the infrastructure verification ({option}); they must pass before anything is applied.",
        ..Refine::BASE
    },
];

/// Refinements of the stories in `epics` from the decided components of `session`: for each story
/// (in epic and story order) and each decided component (in template order), the first refinement
/// rule that applies.
pub fn suggest_refinements(session: &Session, epics: &[Epic]) -> Vec<Refinement> {
    suggest_refinements_from(session, epics, Basis::Decisions)
}

/// [`suggest_refinements`] from the choices `basis` counts.
pub fn suggest_refinements_from(
    session: &Session,
    epics: &[Epic],
    basis: Basis,
) -> Vec<Refinement> {
    let chosen = decided(session, basis);
    let mut out = Vec::new();
    for epic in epics {
        for story in &epic.stories {
            let title = story.title.to_lowercase();
            let text = story_text(story);
            for c in &chosen {
                let hit = RULES
                    .iter()
                    .filter(|r| r.component == c.component.id && r.matches_option(c))
                    .find_map(|r| r.keyword(&title, &text).map(|k| (r, k)));
                if let Some((rule, keyword)) = hit {
                    out.push(Refinement {
                        story: story.label(),
                        change: c.fill(rule.change),
                        why: why(c, keyword, story),
                        decision: Some(c.component.id.clone()),
                    });
                }
            }
        }
    }
    out
}

fn story_text(story: &Story) -> String {
    let mut text = story.title.clone();
    for part in story.user_story.iter().chain(&story.acceptance_criteria) {
        text.push('\n');
        text.push_str(part);
    }
    text.to_lowercase()
}

/// The part of the story (its title, its user story or a criterion) in which `keyword` stands.
fn touched<'s>(story: &'s Story, keyword: &str) -> &'s str {
    std::iter::once(&story.title)
        .chain(&story.user_story)
        .chain(&story.acceptance_criteria)
        .find(|part| part.to_lowercase().contains(keyword))
        .map_or(story.title.as_str(), String::as_str)
}

fn why(c: &Chosen<'_>, keyword: &str, story: &Story) -> String {
    let justification = excerpt(c.justification);
    let quoted = if justification.is_empty() {
        String::new()
    } else {
        format!(" because \u{201c}{justification}\u{201d}")
    };
    format!(
        "{} {}: {}{quoted}. The story's text it changes: \u{201c}{}\u{201d} ({}).",
        c.section,
        if c.decided {
            "decided"
        } else {
            "recommended (not yet decided)"
        },
        c.option.name.trim().trim_end_matches('.'),
        excerpt(touched(story, keyword)).trim_end_matches('.'),
        story.source.short()
    )
}

/// The first sentence of `text`, at most about 160 characters (cut at a word, with an ellipsis).
fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = text
        .find(". ")
        .map(|i| &text[..i])
        .unwrap_or(&text)
        .trim_end_matches('.');
    const MAX: usize = 160;
    if first.chars().count() <= MAX {
        return first.to_string();
    }
    let cut: String = first.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_component_keywords_and_a_change() {
        let template = crate::knowledge::Template::builtin().unwrap();
        for r in RULES {
            assert!(template.decision(r.component).is_some(), "{}", r.component);
            assert!(!r.title.is_empty() || !r.text.is_empty(), "{}", r.change);
            assert!(r.change.ends_with('.'), "{}", r.change);
            for t in r.any.iter().chain(r.none) {
                assert!(crate::knowledge::tags::is_known(t), "{t}");
            }
            for k in r.title.iter().chain(r.text) {
                assert_eq!(*k, k.to_lowercase());
            }
        }
    }

    #[test]
    fn excerpts_take_the_first_sentence() {
        assert_eq!(excerpt("Fits the team. Cheap too."), "Fits the team");
        assert_eq!(excerpt("  Fits   the team.  "), "Fits the team");
        let long = "word ".repeat(60);
        let e = excerpt(&long);
        assert!(e.ends_with('\u{2026}'));
        assert!(e.chars().count() <= 161);
    }
}
