//! The question bank of "Security & Compliance Deep Dive": general questions per template section
//! and regime-specific questions for the compliance regimes in scope, plus the gap list and tally
//! of the answers.
//!
//! Questions are provider-neutral. `{title}` in a question is replaced by the section's title.
//! Regime questions name the regime in `regime`; a regime the bank does not know (anything beyond
//! SOC 2, ISO 27001, GDPR, HIPAA, PCI DSS, FedRAMP and NIS2) still gets one question asking which of
//! its requirements apply. Every answer starts [`SecurityAnswer::Unanswered`].

use crate::model::{GapSeverity, SecurityAnswer, SecurityItem};

use super::ids::*;

use GapSeverity::{Critical, High, Low, Medium};

type Bank = &'static [(&'static str, GapSeverity)];

const CLOUD_PROVIDER_Q: Bank = &[
    (
        "Do the chosen regions keep personal and regulated data within the jurisdictions the requirements allow (data residency)?",
        High,
    ),
    (
        "Is the organisation's root or management account protected by hardware-backed MFA, with break-glass credentials sealed and every use alerted?",
        Critical,
    ),
    (
        "Do organisation-wide guardrails (service control policies or equivalent) deny disabling audit logging, using unapproved regions and creating long-lived access keys?",
        High,
    ),
    (
        "Does the provider hold the attestations the business relies on (e.g. SOC 2 Type II, ISO 27001), and are they reviewed every year?",
        Medium,
    ),
    (
        "Is the shared-responsibility split of each managed service documented, so that no control is assumed to be the provider's when it is not?",
        Medium,
    ),
];

const IAC_Q: Bank = &[
    (
        "Is infrastructure state stored encrypted, versioned and locked, with access limited to the pipeline and a few administrators (state files can contain secrets)?",
        Critical,
    ),
    (
        "Are secrets kept out of code and variable files, referenced from a secrets manager instead?",
        Critical,
    ),
    (
        "Are changes applied only by the pipeline's identity, with human write access to production limited to an audited break-glass path?",
        High,
    ),
    (
        "Is every change scanned for misconfiguration (policy as code) before it is applied, with serious findings blocking the merge?",
        Medium,
    ),
    (
        "Is drift between the code and the deployed resources detected and reported at least daily?",
        Medium,
    ),
];

const ENVIRONMENTS_Q: Bank = &[
    (
        "Are production and non-production separated at the account, subscription or project level, with no shared credentials or network paths?",
        High,
    ),
    (
        "Is production data kept out of lower environments, or masked or synthesised when it must be copied?",
        High,
    ),
    (
        "Are configuration and secrets held per environment in a secrets manager, with access scoped to each environment?",
        High,
    ),
    (
        "Are environment access rights reviewed regularly and removed when people change role or leave?",
        Medium,
    ),
];

const NETWORK_Q: Bank = &[
    (
        "Is the network segmented into tiers (public ingress, application, data) with default-deny rules between them?",
        High,
    ),
    (
        "Is every data store reachable only from private networks, with no public endpoint?",
        Critical,
    ),
    (
        "Is all traffic encrypted in transit with TLS 1.2 or later, including service-to-service traffic inside the network?",
        High,
    ),
    (
        "Is public ingress protected by a web application firewall and DDoS protection, with rate limits on APIs?",
        High,
    ),
    (
        "Is outbound internet access restricted to an allow-list of destinations and logged?",
        Medium,
    ),
    (
        "Are administrative paths (SSH, RDP, consoles) closed to the internet and replaced by an identity-aware proxy or session manager?",
        High,
    ),
    (
        "Are network flow logs enabled and retained long enough for investigations?",
        Medium,
    ),
];

const COMPUTE_Q: Bank = &[
    (
        "Does each workload run with its own identity and only the permissions it needs (least privilege), without long-lived keys?",
        High,
    ),
    (
        "Are secrets injected at run time from a secrets manager rather than baked into images or environment files?",
        Critical,
    ),
    (
        "Are images built from minimal base images, scanned for vulnerabilities in the pipeline and rebuilt regularly?",
        High,
    ),
    (
        "Are hosts, nodes and runtimes patched within a defined window, with critical fixes applied first?",
        High,
    ),
    (
        "Do containers run as non-root, without privileged mode, and with read-only root file systems where possible?",
        Medium,
    ),
    (
        "Is the instance metadata service protected against server-side request forgery (token-required access or equivalent)?",
        Medium,
    ),
];

const DATA_Q: Bank = &[
    (
        "Is all data encrypted at rest, with keys in a key management service and rotation enabled?",
        Critical,
    ),
    (
        "Are customer-managed keys used where the data classification or a regime requires them, with key administration separated from data access?",
        High,
    ),
    (
        "Are connections to every data store encrypted and authenticated with per-service, short-lived credentials rather than shared passwords?",
        High,
    ),
    (
        "Is database access least-privilege per service, with human access time-limited and audited?",
        High,
    ),
    (
        "Are backups encrypted, copied to a separate account or region, and protected against deletion (immutability or retention lock)?",
        High,
    ),
    (
        "Are data classification and retention periods defined for each store and enforced by lifecycle rules?",
        Medium,
    ),
    (
        "Is access to sensitive data logged (data-access audit logs) and the logs retained?",
        Medium,
    ),
];

const SECURITY_Q: Bank = &[
    (
        "Is human access federated through one identity provider, with MFA enforced for everyone?",
        Critical,
    ),
    (
        "Are privileged roles granted just in time, time-limited, and their use alerted?",
        High,
    ),
    (
        "Is there a key management service with named key owners, rotation and separation of duties?",
        High,
    ),
    (
        "Are audit logs centralised in a separate, write-once account or store and retained for at least one year?",
        High,
    ),
    (
        "Is threat detection enabled, with alerts routed to an owned on-call rotation?",
        High,
    ),
    (
        "Is there a vulnerability management process with remediation deadlines by severity?",
        Medium,
    ),
    (
        "Is there an incident response plan that has been exercised in the last twelve months?",
        Medium,
    ),
];

const MONITORING_Q: Bank = &[
    (
        "Are security-relevant events (sign-ins, privilege changes, policy changes, key use) collected and alerted on?",
        High,
    ),
    (
        "Are secrets and personal data kept out of logs and traces, or is access to those logs restricted accordingly?",
        High,
    ),
    (
        "Are logs protected against tampering and kept for the retention period the organisation requires?",
        Medium,
    ),
    (
        "Is access to dashboards and log search limited by role?",
        Medium,
    ),
    (
        "Are clocks synchronised across all sources so that events can be correlated?",
        Low,
    ),
];

const CI_CD_Q: Bank = &[
    (
        "Does the pipeline authenticate to the cloud with short-lived federated credentials (e.g. OIDC) instead of stored keys?",
        Critical,
    ),
    (
        "Are production deployments gated by review and protected branches, so that no single person can ship unreviewed changes?",
        High,
    ),
    (
        "Are dependencies, images and infrastructure code scanned on every change, with critical findings blocking the release?",
        High,
    ),
    (
        "Are pipeline secrets scoped per environment and masked in logs?",
        High,
    ),
    (
        "Are build artefacts signed, and is their provenance verified before deployment?",
        Medium,
    ),
    (
        "Are runners ephemeral and isolated, so that untrusted code (e.g. pull requests from forks) cannot reach deployment credentials?",
        Medium,
    ),
];

const DR_Q: Bank = &[
    (
        "Are backups held in an isolated account or vault that a compromised production identity cannot delete or encrypt (ransomware protection)?",
        Critical,
    ),
    (
        "Are backups and replicas encrypted with keys that stay available in the recovery region?",
        High,
    ),
    (
        "Does the recovery environment have the same security controls as production (logging, firewalling, access policies)?",
        High,
    ),
    (
        "Is restoring from the isolated copy tested at least once a year?",
        Medium,
    ),
];

const COST_Q: Bank = &[
    (
        "Do cost-driven changes (spot capacity, lower tiers, shorter retention) keep the security baseline, such as log retention and backup immutability?",
        Medium,
    ),
    (
        "Is anomalous spend alerted? It can be the first sign of compromised credentials (e.g. crypto-mining).",
        Medium,
    ),
    (
        "Are billing and cost-management permissions restricted and separated from workload administration?",
        Medium,
    ),
    (
        "Is an owner tag required on every resource, so that orphaned resources can be found and removed?",
        Low,
    ),
];

const TRANSITION_Q: Bank = &[
    (
        "Are artefacts built once and promoted unchanged between environments, with their integrity verified at each step?",
        High,
    ),
    (
        "Is promotion to production gated by approvals and automated security checks?",
        High,
    ),
    (
        "Are credentials of lower environments unable to reach production?",
        High,
    ),
    (
        "Can a release be rolled back without bypassing the pipeline's controls?",
        Medium,
    ),
];

const SHARED_RESPONSIBILITY_Q: Bank = &[
    (
        "Is each security control assigned to exactly one owner: the provider, the platform team or an application team?",
        High,
    ),
    (
        "Are third parties and managed service providers bound to the same security requirements, with their access logged?",
        High,
    ),
    (
        "Are the provider's responsibilities backed by current attestations and contracts (data processing agreement, SLA)?",
        Medium,
    ),
    (
        "Do application teams know which controls they own (application authorisation, data classification, dependency patching)?",
        Medium,
    ),
];

const EVOLUTION_Q: Bank = &[
    (
        "Are end-of-support dates tracked for every runtime, operating system, database engine and orchestrator version, with upgrades planned before them?",
        High,
    ),
    (
        "Does every migration step keep encryption, logging and access controls in place (no temporary open paths)?",
        High,
    ),
    (
        "Is a security review part of the criteria for adopting a new technology?",
        Medium,
    ),
    (
        "Are decommissioned resources wiped, their data deleted according to retention rules and their credentials revoked?",
        Medium,
    ),
];

const COLLABORATION_Q: Bank = &[
    (
        "Is it defined who approves security-relevant changes (access policies, network rules, key policies), and is each approval recorded?",
        High,
    ),
    (
        "Are access requests and joiner, mover and leaver changes handled through a tracked process?",
        High,
    ),
    (
        "Does the security team have a defined way to raise findings with the owning team and track them to closure?",
        Medium,
    ),
    (
        "Does every team know the escalation path for a security incident?",
        Medium,
    ),
];

const VERIFICATION_Q: Bank = &[
    (
        "Are security controls verified automatically on every change (policy-as-code tests, benchmark scans such as CIS)?",
        High,
    ),
    (
        "Is the internet-facing surface penetration-tested regularly, with findings tracked to closure?",
        Medium,
    ),
    (
        "Is compliance checked continuously (configuration monitoring) rather than only at audit time?",
        Medium,
    ),
    (
        "Are restore, failover and key-rotation procedures tested, with the results kept as evidence?",
        Medium,
    ),
];

const GENERIC_Q: Bank = &[
    (
        "Is access to {title} limited to the roles that need it (least privilege) and reviewed regularly?",
        High,
    ),
    (
        "Is data handled by {title} encrypted at rest and in transit?",
        High,
    ),
    (
        "Are changes to {title} made through reviewed, audited automation?",
        Medium,
    ),
    (
        "Are security-relevant events of {title} logged centrally and retained?",
        Medium,
    ),
    ("Is there a named owner for the security of {title}?", Low),
];

/// The general questions for a template section id (the generic set for other ids).
fn section_bank(section_id: &str) -> Bank {
    match section_id {
        CLOUD_PROVIDER => CLOUD_PROVIDER_Q,
        IAC => IAC_Q,
        ENVIRONMENTS => ENVIRONMENTS_Q,
        NETWORK => NETWORK_Q,
        COMPUTE => COMPUTE_Q,
        DATA => DATA_Q,
        SECURITY => SECURITY_Q,
        MONITORING => MONITORING_Q,
        CI_CD => CI_CD_Q,
        DR => DR_Q,
        COST => COST_Q,
        TRANSITION => TRANSITION_Q,
        SHARED_RESPONSIBILITY => SHARED_RESPONSIBILITY_Q,
        EVOLUTION => EVOLUTION_Q,
        COLLABORATION => COLLABORATION_Q,
        VERIFICATION => VERIFICATION_Q,
        _ => GENERIC_Q,
    }
}

/// A regime question and the sections it is asked for (empty: every section).
struct RegimeQuestion {
    text: &'static str,
    severity: GapSeverity,
    sections: &'static [&'static str],
}

const fn rq(
    text: &'static str,
    severity: GapSeverity,
    sections: &'static [&'static str],
) -> RegimeQuestion {
    RegimeQuestion {
        text,
        severity,
        sections,
    }
}

/// A regime the bank knows: its display name, the keys that recognise it in a normalised name
/// (lower-case letters and digits only) and its questions.
struct Regime {
    name: &'static str,
    keys: &'static [&'static str],
    questions: &'static [RegimeQuestion],
}

const ALL: &[&str] = &[];

const REGIMES: &[Regime] = &[
    Regime {
        name: "SOC 2",
        keys: &["soc2"],
        questions: &[
            rq(
                "Is there evidence (tickets, logs, reviews) that each control of {title} operated throughout the audit period, not just at one point in time?",
                Medium,
                ALL,
            ),
            rq(
                "Are user access reviews for the systems in scope performed and documented at least quarterly?",
                High,
                &[SECURITY, ENVIRONMENTS, COLLABORATION],
            ),
            rq(
                "Is every production change traceable to an approved, reviewed request (change management)?",
                High,
                &[CI_CD, IAC, TRANSITION],
            ),
            rq(
                "Are security incidents detected, logged and handled according to a documented procedure, with the handling recorded?",
                High,
                &[MONITORING, SECURITY],
            ),
            rq(
                "Are backups and recovery tested on a schedule, with the results kept as evidence for the availability criteria?",
                Medium,
                &[DR, DATA],
            ),
            rq(
                "Are the SOC 2 reports of subservice organisations (cloud provider, SaaS tools) reviewed, and are their complementary user-entity controls implemented?",
                Medium,
                &[CLOUD_PROVIDER, SHARED_RESPONSIBILITY],
            ),
        ],
    },
    Regime {
        name: "ISO 27001",
        keys: &["27001"],
        questions: &[
            rq(
                "Is {title} in the ISMS scope and asset inventory, with an owner and a current risk assessment?",
                Medium,
                ALL,
            ),
            rq(
                "Is cryptography used according to a documented policy on algorithms, key lengths and the key lifecycle (Annex A 8.24)?",
                High,
                &[SECURITY, DATA],
            ),
            rq(
                "Are logs produced, protected and reviewed as the logging and monitoring policy requires (Annex A 8.15, 8.16)?",
                Medium,
                &[MONITORING, SECURITY],
            ),
            rq(
                "Are the information security requirements for using cloud services defined and agreed with the provider (Annex A 5.23)?",
                Medium,
                &[CLOUD_PROVIDER, SHARED_RESPONSIBILITY],
            ),
            rq(
                "Is ICT readiness for business continuity planned, implemented and tested (Annex A 5.30)?",
                High,
                &[DR],
            ),
            rq(
                "Are development, test and production separated, and are changes controlled (Annex A 8.31, 8.32)?",
                High,
                &[CI_CD, IAC, TRANSITION, ENVIRONMENTS],
            ),
        ],
    },
    Regime {
        name: "GDPR",
        keys: &["gdpr"],
        questions: &[
            rq(
                "Does {title} process personal data, and if so is that recorded in the records of processing activities (Article 30)?",
                Medium,
                ALL,
            ),
            rq(
                "Is personal data stored and processed only in the EU/EEA, or are transfers covered by an adequacy decision or standard contractual clauses (Chapter V)?",
                High,
                &[CLOUD_PROVIDER, DATA, DR, MONITORING],
            ),
            rq(
                "Is personal data protected by encryption or pseudonymisation appropriate to the risk (Article 32)?",
                High,
                &[DATA, SECURITY],
            ),
            rq(
                "Can the personal data of one data subject be found, exported and erased across primary stores, replicas, caches and analytics copies (Articles 15, 17, 20)?",
                High,
                &[DATA],
            ),
            rq(
                "Are retention periods defined for each category of personal data and enforced automatically (storage limitation)?",
                Medium,
                &[DATA, MONITORING],
            ),
            rq(
                "How are erasures honoured in backups: do backups expire within a defined period, or are erasures re-applied after a restore?",
                Medium,
                &[DR, DATA],
            ),
            rq(
                "Can a personal data breach be detected, assessed and notified to the supervisory authority within 72 hours (Article 33)?",
                High,
                &[MONITORING, SECURITY],
            ),
            rq(
                "Is a data processing agreement (Article 28) in place with every processor and sub-processor?",
                High,
                &[CLOUD_PROVIDER, SHARED_RESPONSIBILITY],
            ),
        ],
    },
    Regime {
        name: "HIPAA",
        keys: &["hipaa"],
        questions: &[
            rq(
                "Does the HIPAA risk analysis (§164.308(a)(1)) cover {title}?",
                Medium,
                ALL,
            ),
            rq(
                "Is a business associate agreement signed with the provider, and are only services it covers used for ePHI?",
                Critical,
                &[CLOUD_PROVIDER, SHARED_RESPONSIBILITY],
            ),
            rq(
                "Is ePHI encrypted at rest and in transit, with keys managed so that a lost copy is unreadable (§164.312(a)(2)(iv), §164.312(e))?",
                Critical,
                &[DATA, SECURITY, NETWORK],
            ),
            rq(
                "Is every access to ePHI logged with user, time and record, and are the logs reviewed regularly (audit controls, §164.312(b))?",
                High,
                &[MONITORING, SECURITY, DATA],
            ),
            rq(
                "Is access to ePHI granted per unique user on a minimum-necessary basis, with automatic logoff and an emergency access procedure (§164.312(a))?",
                High,
                &[SECURITY, ENVIRONMENTS, COLLABORATION],
            ),
            rq(
                "Is there a contingency plan with data backup, disaster recovery and emergency-mode operation for systems holding ePHI (§164.308(a)(7))?",
                High,
                &[DR],
            ),
            rq(
                "Is ePHI kept out of development and test environments?",
                High,
                &[ENVIRONMENTS, TRANSITION],
            ),
        ],
    },
    Regime {
        name: "PCI DSS",
        keys: &["pci"],
        questions: &[
            rq(
                "Can {title} be kept out of PCI DSS scope (e.g. through a hosted payment page or tokenisation), and if not, is it in the scope inventory?",
                Medium,
                ALL,
            ),
            rq(
                "Is the cardholder data environment segmented from all other networks, with segmentation tested at least annually and after changes (every six months for service providers)?",
                Critical,
                &[NETWORK],
            ),
            rq(
                "Is stored account data minimised, sensitive authentication data never stored after authorisation, and the PAN unreadable wherever it is stored (Requirement 3)?",
                Critical,
                &[DATA],
            ),
            rq(
                "Is cardholder data encrypted with strong cryptography whenever it crosses open, public networks (Requirement 4)?",
                High,
                &[NETWORK, DATA],
            ),
            rq(
                "Is MFA required for all access into the cardholder data environment (Requirement 8.4)?",
                High,
                &[SECURITY, ENVIRONMENTS],
            ),
            rq(
                "Is all access to system components and cardholder data logged, reviewed, and retained for at least 12 months with the last three months immediately available (Requirement 10)?",
                High,
                &[MONITORING, SECURITY],
            ),
            rq(
                "Are internal and external (ASV) vulnerability scans run quarterly, and critical security patches installed within one month of release (Requirements 11.3, 6.3.3)?",
                High,
                &[COMPUTE, CI_CD],
            ),
            rq(
                "Is the provider's PCI DSS Attestation of Compliance current, with a responsibility matrix agreed (Requirement 12.8)?",
                Medium,
                &[CLOUD_PROVIDER, SHARED_RESPONSIBILITY],
            ),
        ],
    },
    Regime {
        name: "FedRAMP",
        keys: &["fedramp"],
        questions: &[
            rq(
                "Is {title} inside the documented authorisation boundary and described in the system security plan?",
                Medium,
                ALL,
            ),
            rq(
                "Are only services authorised at the required FedRAMP impact level (Low, Moderate, High) used for federal data?",
                Critical,
                &[CLOUD_PROVIDER, SHARED_RESPONSIBILITY],
            ),
            rq(
                "Is cryptography for data at rest and in transit implemented with FIPS 140-validated modules (SC-13)?",
                High,
                &[SECURITY, DATA, NETWORK],
            ),
            rq(
                "Does account and access management meet NIST SP 800-53 (AC-2, and IA-2 MFA for privileged and non-privileged users)?",
                High,
                &[SECURITY, ENVIRONMENTS],
            ),
            rq(
                "Is continuous monitoring in place, with monthly vulnerability scans and plan of action and milestones (POA&M) updates?",
                High,
                &[MONITORING, SECURITY, COMPUTE],
            ),
            rq(
                "Can incidents be reported to the agency and CISA within the timelines of the FedRAMP incident communications procedure?",
                High,
                &[MONITORING, SECURITY],
            ),
        ],
    },
    Regime {
        name: "NIS2",
        keys: &["nis2"],
        questions: &[
            rq(
                "Is {title} covered by the cybersecurity risk-management measures of Article 21 (risk analysis, incident handling, business continuity, supply-chain security)?",
                Medium,
                ALL,
            ),
            rq(
                "Can significant incidents be reported to the CSIRT or competent authority within 24 hours (early warning), 72 hours (notification) and one month (final report) (Article 23)?",
                High,
                &[MONITORING, SECURITY],
            ),
            rq(
                "Are business continuity, backup management, disaster recovery and crisis management arranged and tested (Article 21(2)(c))?",
                High,
                &[DR],
            ),
            rq(
                "Are the security practices of suppliers and service providers assessed (supply-chain security, Article 21(2)(d))?",
                Medium,
                &[CLOUD_PROVIDER, SHARED_RESPONSIBILITY, CI_CD, IAC],
            ),
            rq(
                "Are MFA or continuous authentication and secured communications used where appropriate (Article 21(2)(j))?",
                High,
                &[SECURITY],
            ),
            rq(
                "Has the management body approved the cybersecurity measures, and is its oversight recorded (Article 20)?",
                Medium,
                &[COLLABORATION],
            ),
        ],
    },
    Regime {
        name: "DORA",
        keys: &["dora", "digitaloperationalresilience"],
        questions: &[
            rq(
                "Is {title} part of the documented ICT risk-management framework, with its ICT assets and their dependencies identified and classified (Articles 6 and 8)?",
                Medium,
                ALL,
            ),
            rq(
                "Can major ICT-related incidents be classified and reported to the competent authority on time (initial notification, intermediate and final reports, Article 19)?",
                High,
                &[MONITORING, SECURITY],
            ),
            rq(
                "Are backup, restoration and recovery arranged so that backups are isolated from the source systems and restores are tested, with recovery times set per function (Article 12)?",
                High,
                &[DR],
            ),
            rq(
                "Is every ICT third-party service (the cloud provider among them) in the register of information, with a documented exit strategy and an assessment of concentration risk (Articles 28 and 29)?",
                High,
                &[CLOUD_PROVIDER, SHARED_RESPONSIBILITY],
            ),
            rq(
                "Is the digital operational resilience of {title} tested at least yearly, and, for significant entities, by threat-led penetration testing every three years (Articles 24 to 26)?",
                Medium,
                &[SECURITY, DR, TRANSITION],
            ),
            rq(
                "Are ICT changes made through a controlled change-management process with segregated roles (Article 9(4)(e))?",
                Medium,
                &[CI_CD, IAC, ENVIRONMENTS],
            ),
        ],
    },
];

/// A regime name reduced to lower-case letters and digits (`"PCI-DSS v4"` → `"pcidssv4"`).
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn known_regime(name: &str) -> Option<&'static Regime> {
    let n = normalise(name);
    REGIMES
        .iter()
        .find(|r| r.keys.iter().any(|k| n.contains(k)))
}

/// The canonical name of a regime the bank knows (`"soc2"` → `"SOC 2"`); `None` for others.
pub fn canonical_regime(name: &str) -> Option<&'static str> {
    known_regime(name).map(|r| r.name)
}

fn item(text: &str, title: &str, severity: GapSeverity, regime: Option<&str>) -> SecurityItem {
    SecurityItem {
        question: text.replace("{title}", title),
        regime: regime.map(str::to_string),
        answer: SecurityAnswer::Unanswered,
        severity,
        note: String::new(),
    }
}

/// The questions for a section: its general questions, then for each regime (in the given order,
/// each once; blank names skipped) the regime's questions that apply to the section, tagged with
/// the regime's name as given. All unanswered, with no note.
pub fn questions(section_id: &str, section_title: &str, regimes: &[String]) -> Vec<SecurityItem> {
    let title = if section_title.trim().is_empty() {
        section_id
    } else {
        section_title.trim()
    };
    let mut out: Vec<SecurityItem> = section_bank(section_id)
        .iter()
        .map(|(text, severity)| item(text, title, *severity, None))
        .collect();
    let mut seen: Vec<String> = Vec::new();
    for regime in regimes {
        let name = regime.trim();
        let key = known_regime(name).map_or_else(|| normalise(name), |r| r.name.to_string());
        if key.is_empty() || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        match known_regime(name) {
            Some(r) => out.extend(
                r.questions
                    .iter()
                    .filter(|q| q.sections.is_empty() || q.sections.contains(&section_id))
                    .map(|q| item(q.text, title, q.severity, Some(name))),
            ),
            None => out.push(item(
                &format!(
                    "Which {name} requirements apply to {{title}}, and where is the evidence that each is met?"
                ),
                title,
                Medium,
                Some(name),
            )),
        }
    }
    out
}

/// The items answered Gap or Partial, most severe first; at equal severity Gap before Partial, then
/// in their original order.
pub fn gap_list(items: &[SecurityItem]) -> Vec<&SecurityItem> {
    let mut gaps: Vec<&SecurityItem> = items
        .iter()
        .filter(|i| matches!(i.answer, SecurityAnswer::Gap | SecurityAnswer::Partial))
        .collect();
    gaps.sort_by_key(|i| {
        (
            std::cmp::Reverse(i.severity),
            i.answer != SecurityAnswer::Gap,
        )
    });
    gaps
}

/// How many items have each answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SecurityTally {
    pub met: usize,
    pub partial: usize,
    pub gap: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl SecurityTally {
    pub fn total(&self) -> usize {
        self.met + self.partial + self.gap + self.not_applicable + self.unanswered
    }
}

/// Counts the answers.
pub fn tally(items: &[SecurityItem]) -> SecurityTally {
    let mut t = SecurityTally::default();
    for i in items {
        match i.answer {
            SecurityAnswer::Met => t.met += 1,
            SecurityAnswer::Partial => t.partial += 1,
            SecurityAnswer::Gap => t.gap += 1,
            SecurityAnswer::NotApplicable => t.not_applicable += 1,
            SecurityAnswer::Unanswered => t.unanswered += 1,
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECTION_IDS: [&str; 16] = super::super::ids::ALL;

    fn regimes(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ids_match_the_template() {
        let template = crate::knowledge::Template::builtin().unwrap();
        for id in SECTION_IDS {
            assert!(
                template.section(id).is_some_and(|s| s.component),
                "{id} is not a component section of the template"
            );
        }
        assert_eq!(template.components().count(), SECTION_IDS.len());
    }

    #[test]
    fn every_section_gets_unanswered_general_questions() {
        for id in SECTION_IDS {
            let q = questions(id, "Title", &[]);
            assert!(q.len() >= 4, "{id}");
            assert!(q.iter().all(|i| i.answer == SecurityAnswer::Unanswered
                && i.regime.is_none()
                && i.note.is_empty()
                && !i.question.contains("{title}")));
        }
    }

    #[test]
    fn network_questions() {
        let q = questions(NETWORK, "Network Architecture", &[]);
        assert_eq!(q.len(), NETWORK_Q.len());
        assert!(
            q.iter()
                .any(|i| i.question.contains("default-deny") && i.severity == High)
        );
        assert!(
            q.iter()
                .any(|i| i.question.contains("no public endpoint") && i.severity == Critical)
        );
    }

    #[test]
    fn unknown_sections_get_the_generic_set_with_the_title() {
        let q = questions("operational-runbooks", "Operational Runbooks", &[]);
        assert_eq!(q.len(), GENERIC_Q.len());
        assert_eq!(
            q[0].question,
            "Is access to Operational Runbooks limited to the roles that need it (least privilege) and reviewed regularly?"
        );
        // blank title falls back to the id
        let q = questions("x-y", "  ", &[]);
        assert!(q[0].question.contains("x-y"));
    }

    #[test]
    fn regime_questions_are_tagged_and_filtered_by_section() {
        let r = regimes(&["PCI DSS", "GDPR"]);
        let q = questions(NETWORK, "Network Architecture", &r);
        let pci: Vec<_> = q
            .iter()
            .filter(|i| i.regime.as_deref() == Some("PCI DSS"))
            .collect();
        // scope (all), segmentation (network), transmission (network)
        assert_eq!(pci.len(), 3, "{pci:#?}");
        assert!(
            pci.iter()
                .any(|i| i.question.contains("segmented") && i.severity == Critical)
        );
        let gdpr: Vec<_> = q
            .iter()
            .filter(|i| i.regime.as_deref() == Some("GDPR"))
            .collect();
        // only the record-of-processing question applies to the network section
        assert_eq!(gdpr.len(), 1);
        assert!(gdpr[0].question.contains("Network Architecture"));
        // general questions come first, then the regimes in the order given
        let first_regime = q.iter().position(|i| i.regime.is_some()).unwrap();
        assert_eq!(first_regime, NETWORK_Q.len());
        assert_eq!(q[first_regime].regime.as_deref(), Some("PCI DSS"));
    }

    #[test]
    fn data_section_with_gdpr_and_hipaa() {
        let q = questions(DATA, "Data Resources", &regimes(&["GDPR", "HIPAA"]));
        assert!(
            q.iter()
                .any(|i| i.regime.as_deref() == Some("GDPR") && i.question.contains("erased"))
        );
        assert!(q.iter().any(|i| i.regime.as_deref() == Some("HIPAA")
            && i.question.contains("ePHI")
            && i.severity == Critical));
    }

    #[test]
    fn every_known_regime_asks_something_of_every_section() {
        let known: Vec<&str> = crate::knowledge::extraction::extraction()
            .regimes
            .names()
            .collect();
        let all = regimes(&known);
        for id in SECTION_IDS.iter().copied().chain(["overview"]) {
            let q = questions(id, "T", &all);
            for r in &all {
                assert!(
                    q.iter().any(|i| i.regime.as_ref() == Some(r)),
                    "{r} has nothing for {id}"
                );
            }
        }
        for r in &all {
            assert!(canonical_regime(r).is_some(), "{r} not in the bank");
        }
    }

    #[test]
    fn regime_names_are_matched_loosely_and_once() {
        assert_eq!(canonical_regime("soc2"), Some("SOC 2"));
        assert_eq!(canonical_regime("ISO/IEC 27001:2022"), Some("ISO 27001"));
        assert_eq!(canonical_regime("PCI-DSS v4.0"), Some("PCI DSS"));
        assert_eq!(
            canonical_regime("Digital Operational Resilience Act"),
            Some("DORA")
        );
        assert_eq!(canonical_regime("TISAX"), None);
        let q = questions(SECURITY, "Security", &regimes(&["SOC 2", "soc2", "", "  "]));
        let soc: Vec<_> = q.iter().filter(|i| i.regime.is_some()).collect();
        assert!(soc.iter().all(|i| i.regime.as_deref() == Some("SOC 2")));
    }

    #[test]
    fn unknown_regimes_get_one_question() {
        let q = questions(DR, "Disaster Recovery", &regimes(&["TISAX"]));
        let tisax: Vec<_> = q.iter().filter(|i| i.regime.is_some()).collect();
        assert_eq!(tisax.len(), 1);
        assert_eq!(
            tisax[0].question,
            "Which TISAX requirements apply to Disaster Recovery, and where is the evidence that each is met?"
        );
    }

    fn answered(q: &str, a: SecurityAnswer, s: GapSeverity) -> SecurityItem {
        SecurityItem {
            question: q.into(),
            regime: None,
            answer: a,
            severity: s,
            note: String::new(),
        }
    }

    #[test]
    fn gaps_sorted_by_severity_then_gap_first() {
        use SecurityAnswer::*;
        let items = vec![
            answered("a", Partial, High),
            answered("b", Met, Critical),
            answered("c", Gap, Medium),
            answered("d", Gap, High),
            answered("e", Partial, Critical),
            answered("f", Unanswered, Critical),
            answered("g", Gap, High),
            answered("h", NotApplicable, Low),
        ];
        let order: Vec<&str> = gap_list(&items)
            .iter()
            .map(|i| i.question.as_str())
            .collect();
        // Critical: e (partial); High: d, g (gaps, original order), a (partial); Medium: c
        assert_eq!(order, vec!["e", "d", "g", "a", "c"]);
        assert_eq!(
            tally(&items),
            SecurityTally {
                met: 1,
                partial: 2,
                gap: 3,
                not_applicable: 1,
                unanswered: 1
            }
        );
        assert_eq!(tally(&items).total(), 8);
    }

    #[test]
    fn empty_items() {
        assert!(gap_list(&[]).is_empty());
        assert_eq!(tally(&[]), SecurityTally::default());
    }
}
