//! Extraction from input documents: requirements, figures, Technical Assumptions and tech stack
//! facts, on the three fixture input sets in tests/fixtures/inputs/ and on the bundled sample.

use infradraft::inputs::extract::{
    Figure, TechnicalAssumptions, all_facts, extract_requirements, figures, outline,
    tech_stack_facts, technical_assumptions,
};
use infradraft::model::{
    AssumptionTopic as T, InputDocument, InputKind, RequirementCategory as C, RequirementOrigin,
};
use proptest::prelude::*;

fn doc(kind: InputKind, path: String, text: String) -> InputDocument {
    InputDocument {
        kind,
        path,
        sha256: infradraft::inputs::sha256_hex(&text),
        snapshot_at: jiff::Timestamp::UNIX_EPOCH,
        text,
    }
}

/// One document of a fixture set; its stored path is `<set>/<file>`.
fn fixture(set: &str, file: &str, kind: InputKind) -> InputDocument {
    let path = format!(
        "{}/tests/fixtures/inputs/{set}/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    doc(kind, format!("{set}/{file}"), text)
}

fn sample() -> Vec<InputDocument> {
    infradraft::sample::SAMPLE_DOCS
        .iter()
        .map(|d| doc(d.kind, format!("builtin:{}", d.name), d.text.to_string()))
        .collect()
}

type ReqRow<'a> = (&'a str, C, u32, &'a str);

fn check_requirements(prd: &InputDocument, expected: &[ReqRow<'_>]) {
    let got = extract_requirements(std::slice::from_ref(prd));
    let got_rows: Vec<ReqRow<'_>> = got
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.category,
                r.source.as_ref().map_or(0, |s| s.line),
                r.text.as_str(),
            )
        })
        .collect();
    assert_eq!(got_rows, expected);
    for r in &got {
        assert_eq!(r.origin, RequirementOrigin::Extracted);
        assert_eq!(
            r.source.as_ref().map(|s| s.input.as_str()),
            Some(prd.path.as_str())
        );
    }
}

type FactRow<'a> = (T, &'a [&'a str], u32, &'a str);

fn check_assumptions(prd: &InputDocument, expected: &[FactRow<'_>]) {
    let ta = technical_assumptions(prd);
    assert_eq!(ta.items().len(), expected.len(), "{:#?}", ta.items());
    for (a, e) in ta.items().iter().zip(expected) {
        assert_eq!(
            (
                a.topic,
                a.source.as_ref().map_or(0, |s| s.line),
                a.text.as_str()
            ),
            (e.0, e.2, e.3)
        );
        assert_eq!(a.tags, e.1, "{}", a.text);
        assert_eq!(
            a.source.as_ref().map(|s| s.input.as_str()),
            Some(prd.path.as_str())
        );
    }
}

fn check_stack(stack: &InputDocument, expected: &[(T, &[&str], u32)]) {
    let got: Vec<(T, Vec<String>, u32)> = tech_stack_facts(stack)
        .into_iter()
        .map(|a| (a.topic, a.tags, a.source.map_or(0, |s| s.line)))
        .collect();
    let expected: Vec<(T, Vec<String>, u32)> = expected
        .iter()
        .map(|(t, tags, l)| (*t, tags.iter().map(|s| s.to_string()).collect(), *l))
        .collect();
    assert_eq!(got, expected);
}

fn lat(p: Option<f64>, millis: f64) -> Figure {
    Figure::Latency {
        percentile: p,
        millis,
    }
}

// ---------------------------------------------------------------- set 1: AWS, EKS, Terraform

const AWS: &str = "aws-k8s-terraform";

#[test]
fn aws_requirements() {
    check_requirements(
        &fixture(AWS, "prd.md", InputKind::Prd),
        &[
            (
                "REQ-1",
                C::Business,
                7,
                "Give shippers and recipients live parcel tracking from pickup to doorstep across all 11 depots.",
            ),
            (
                "REQ-2",
                C::Business,
                8,
                "Cut \"where is my parcel\" calls to the contact centre by 40% within a year of launch.",
            ),
            (
                "REQ-3",
                C::Business,
                9,
                "Let merchant platforms book collections and print labels through a self-service API.",
            ),
            (
                "REQ-4",
                C::Business,
                10,
                "Support the planned expansion from the UK and Ireland into the Netherlands in 2026.",
            ),
            (
                "FR-1",
                C::Functional,
                20,
                "Merchants can create shipments, book collections and print labels through the REST API and the web portal.",
            ),
            (
                "FR-2",
                C::Functional,
                21,
                "Every scan event (collected, at depot, out for delivery, delivered, failed attempt) is visible to the recipient within 60 seconds.",
            ),
            (
                "FR-3",
                C::Functional,
                22,
                "Recipients can choose a safe place, a neighbour or a new delivery day until the van leaves the depot.",
            ),
            (
                "FR-4",
                C::Functional,
                23,
                "Drivers' handhelds receive route changes and delivery preferences in near real time.",
            ),
            (
                "NFR-1",
                C::Performance,
                27,
                "Tracking API latency is p95 < 250 ms and p99 < 1 s at peak load.",
            ),
            (
                "NFR-2",
                C::Scalability,
                28,
                "The platform ingests 3,500 scan events/s at the pre-Christmas peak and scales to 3x the current volume by 2027 without re-architecture.",
            ),
            (
                "NFR-3",
                C::Reliability,
                29,
                "99.9% monthly availability for the tracking API and the merchant API.",
            ),
            (
                "NFR-4",
                C::Recovery,
                30,
                "RPO 5 minutes and RTO 30 minutes for shipment and tracking data.",
            ),
            (
                "NFR-5",
                C::Security,
                31,
                "All data is encrypted in transit (TLS 1.2+) and at rest with KMS customer-managed keys; secrets live in AWS Secrets Manager.",
            ),
            (
                "NFR-6",
                C::Compliance,
                32,
                "Personal data of recipients is processed under UK GDPR and EU GDPR; delivery photos are retained for 90 days and tracking history for 2 years.",
            ),
            (
                "NFR-7",
                C::Scalability,
                33,
                "The merchant API supports 50 000 concurrent users during the peak season.",
            ),
        ],
    );
}

#[test]
fn aws_figures() {
    let reqs = extract_requirements(&[fixture(AWS, "prd.md", InputKind::Prd)]);
    let fig = |id: &str| figures(&reqs.iter().find(|r| r.id == id).unwrap().text);
    assert_eq!(
        fig("NFR-1"),
        vec![lat(Some(95.0), 250.0), lat(Some(99.0), 1000.0)]
    );
    assert_eq!(
        fig("NFR-2"),
        vec![Figure::Throughput {
            per_second: 3500.0,
            unit: "events".into()
        }]
    );
    assert_eq!(fig("NFR-3"), vec![Figure::Availability { percent: 99.9 }]);
    assert_eq!(
        fig("NFR-4"),
        vec![Figure::Rpo { minutes: 5.0 }, Figure::Rto { minutes: 30.0 }]
    );
    assert_eq!(
        fig("NFR-6"),
        vec![
            Figure::Retention { days: 90.0 },
            Figure::Retention { days: 730.0 }
        ]
    );
    assert_eq!(
        fig("NFR-7"),
        vec![Figure::Capacity {
            value: 50_000.0,
            unit: "concurrent users".into()
        }]
    );
    // "visible to the recipient within 60 seconds": a bound on how long an event takes to show.
    assert_eq!(fig("FR-2"), vec![lat(None, 60_000.0)]);
}

#[test]
fn aws_technical_assumptions() {
    let prd = fixture(AWS, "prd.md", InputKind::Prd);
    let TechnicalAssumptions::Found { heading, .. } = technical_assumptions(&prd) else {
        panic!("the PRD has a Technical Assumptions section");
    };
    assert_eq!(
        (heading.level, heading.text.as_str(), heading.line),
        (2, "Technical Assumptions", 46)
    );
    check_assumptions(
        &prd,
        &[
            (
                T::RepositoryStructure,
                &["polyrepo"],
                50,
                "Polyrepo: one repository per service, plus a shared platform-infra repository for Terraform modules and the GitOps manifests.",
            ),
            (
                T::ServiceArchitecture,
                &["microservices"],
                55,
                "Microservices on Kubernetes (shipment, tracking, routing, notifications, merchant API), each owning its own PostgreSQL schema and communicating through Kafka topics.",
            ),
            (
                T::ServiceArchitecture,
                &["no-monolith"],
                56,
                "A monolith is not planned.",
            ),
            (
                T::Testing,
                &["contract-tests"],
                60,
                "Unit and contract tests run on every pull request.",
            ),
            (
                T::Testing,
                &["load-tests"],
                61,
                "Load tests at 2x the NFR-2 peak run before each peak season.",
            ),
            (
                T::CloudProvider,
                &["aws", "eu-west-2", "eu-west-1"],
                65,
                "Cloud provider: AWS, with eu-west-2 (London) as the primary region and eu-west-1 (Ireland) for disaster recovery.",
            ),
            (
                T::InfrastructureAsCode,
                &["terraform"],
                66,
                "Infrastructure is provisioned with Terraform only; no click-ops in any shared account.",
            ),
            (
                T::ContainerOrchestration,
                &["containers", "eks", "no-self-managed-kubernetes"],
                67,
                "Containers run on Amazon EKS; no self-managed Kubernetes control planes.",
            ),
            (
                T::ContinuousIntegration,
                &["github-actions", "argocd"],
                68,
                "CI runs on GitHub Actions; deployments to the clusters go through Argo CD.",
            ),
        ],
    );
}

#[test]
fn aws_stack_facts() {
    check_stack(
        &fixture(AWS, "tech-stack.md", InputKind::TechStack),
        &[
            (T::CloudProvider, &["aws"], 9),
            (T::Regions, &["eu-west-2"], 10),
            (T::Regions, &["eu-west-1"], 11),
            (T::Languages, &["go", "typescript"], 12),
            (T::ContainerOrchestration, &["eks", "kubernetes"], 13),
            (T::Databases, &["rds", "postgres"], 14),
            (T::Messaging, &["kafka", "msk"], 15),
            (T::InfrastructureAsCode, &["terraform"], 16),
            (T::ContinuousIntegration, &["github-actions", "argocd"], 17),
            (T::Other, &["opentelemetry", "grafana"], 18),
            (
                T::ServiceArchitecture,
                &["no-serverless", "scheduled-jobs", "kubernetes"],
                23,
            ),
        ],
    );
}

#[test]
fn aws_all_facts_include_accepted_decisions_only() {
    let facts = all_facts(&[
        fixture(AWS, "prd.md", InputKind::Prd),
        fixture(AWS, "tech-stack.md", InputKind::TechStack),
        fixture(AWS, "architecture.md", InputKind::Architecture),
    ]);
    // The facts kept where documents keep them (assumptions, stack, accepted decisions); the
    // rest are statements made in passing, never from a decision that is not accepted.
    let kept: Vec<_> = facts.iter().filter(|f| !f.incidental).collect();
    // (A fact that both uses one thing and rules out another is two facts, one per force.)
    assert_eq!(kept.len(), 9 + 11 + 2 + 2);
    let arch: Vec<(&str, u32)> = kept
        .iter()
        .filter_map(|f| {
            let s = f.source.as_ref()?;
            (s.input == "aws-k8s-terraform/architecture.md").then_some((f.text.as_str(), s.line))
        })
        .collect();
    assert_eq!(
        arch,
        vec![
            (
                "ADR-001: Microservices with one PostgreSQL schema per service",
                11
            ),
            ("ADR-002: Kafka (MSK) as the event backbone", 12),
        ]
    );
    assert!(!facts.iter().any(|f| f.tags.iter().any(|t| t == "dynamodb")));
}

// ---------------------------------------------------------------- set 2: Azure, Functions, Bicep

const AZURE: &str = "azure-serverless-bicep";

#[test]
fn azure_outline_has_setext_headings() {
    let prd = fixture(AZURE, "prd.md", InputKind::Prd);
    let got: Vec<(u8, String, u32)> = outline(&prd.text)
        .into_iter()
        .map(|h| (h.level, h.text, h.line))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, "Physiolink — Product Requirements".into(), 1),
            (2, "1. Business Objectives".into(), 6),
            (2, "2. Functional Requirements".into(), 13),
            (2, "3. Non-Functional Requirements".into(), 20),
            (2, "4. Technical Assumptions & Constraints".into(), 32),
            (2, "5. Out of Scope".into(), 51),
        ]
    );
}

#[test]
fn azure_requirements_from_a_table() {
    check_requirements(
        &fixture(AZURE, "prd.md", InputKind::Prd),
        &[
            (
                "REQ-1",
                C::Business,
                9,
                "Patients book, move and cancel physiotherapy appointments online at any of the 38 clinics.",
            ),
            (
                "REQ-2",
                C::Business,
                10,
                "Therapists see their day plan and patient notes on a tablet between sessions.",
            ),
            (
                "REQ-3",
                C::Business,
                11,
                "Reduce no-shows from 11% to below 6% with reminders by SMS and e-mail.",
            ),
            (
                "REQ-4",
                C::Functional,
                16,
                "Patients can book an appointment with a therapist or the first available slot at a clinic.",
            ),
            (
                "REQ-5",
                C::Functional,
                17,
                "Patients receive a confirmation and a reminder 24 hours before the appointment.",
            ),
            (
                "REQ-6",
                C::Functional,
                18,
                "Therapists can record treatment notes that are attached to the patient's journal.",
            ),
            (
                "NFR-01",
                C::Performance,
                25,
                "Booking page and API response time — Target: p95 under 400 ms",
            ),
            (
                "NFR-02",
                C::Reliability,
                26,
                "Booking and journal services — Target: 99.9% per month, excluding announced maintenance",
            ),
            (
                "NFR-03",
                C::Recovery,
                27,
                "Journal data loss and restore time after a regional outage — Target: RPO 15 min, RTO 4 h",
            ),
            (
                "NFR-04",
                C::Compliance,
                28,
                "Patient journals are kept according to the Patient Data Act — Target: retained for 10 years",
            ),
            (
                "NFR-05",
                C::Security,
                29,
                "Staff sign in with Microsoft Entra ID and MFA; patients with BankID — Target: all access logged",
            ),
            (
                "NFR-06",
                C::Scalability,
                30,
                "Monday-morning peak — Target: 400 bookings per minute",
            ),
        ],
    );
}

#[test]
fn azure_figures() {
    let reqs = extract_requirements(&[fixture(AZURE, "prd.md", InputKind::Prd)]);
    let fig = |id: &str| figures(&reqs.iter().find(|r| r.id == id).unwrap().text);
    assert_eq!(fig("NFR-01"), vec![lat(Some(95.0), 400.0)]);
    assert_eq!(fig("NFR-02"), vec![Figure::Availability { percent: 99.9 }]);
    assert_eq!(
        fig("NFR-03"),
        vec![
            Figure::Rpo { minutes: 15.0 },
            Figure::Rto { minutes: 240.0 }
        ]
    );
    assert_eq!(fig("NFR-04"), vec![Figure::Retention { days: 3650.0 }]);
    assert_eq!(
        fig("NFR-06"),
        vec![Figure::Throughput {
            per_second: 400.0 / 60.0,
            unit: "bookings".into()
        }]
    );
}

#[test]
fn azure_technical_assumptions() {
    let prd = fixture(AZURE, "prd.md", InputKind::Prd);
    let TechnicalAssumptions::Found { heading, .. } = technical_assumptions(&prd) else {
        panic!("the PRD has a Technical Assumptions section");
    };
    assert_eq!(heading.line, 32);
    check_assumptions(
        &prd,
        &[
            (
                T::RepositoryStructure,
                &["monorepo"],
                35,
                "Repository structure: a monorepo in Azure Repos holding the Functions app, the web front end and the Bicep templates.",
            ),
            (
                T::ServiceArchitecture,
                &["serverless", "monolith"],
                38,
                "Service architecture: a serverless monolith: one Azure Functions app (isolated worker, .NET 8) with modules per domain.",
            ),
            (
                T::ServiceArchitecture,
                &["no-microservices"],
                39,
                "Microservices are not wanted for a team of five.",
            ),
            (
                T::Testing,
                &["unit-tests", "integration-tests"],
                43,
                "Unit tests with xUnit; integration tests against the Cosmos DB emulator.",
            ),
            (
                T::CloudProvider,
                &["azure", "swedencentral", "westeurope"],
                47,
                "Hosting is Microsoft Azure in Sweden Central, with West Europe as the paired recovery region.",
            ),
            (
                T::InfrastructureAsCode,
                &["bicep", "no-terraform"],
                48,
                "Infrastructure as code uses Bicep; Terraform is not used.",
            ),
            (
                T::ContinuousIntegration,
                &["azure-pipelines"],
                49,
                "Pipelines run in Azure Pipelines (Azure DevOps), with approvals for production.",
            ),
        ],
    );
}

#[test]
fn azure_stack_facts() {
    check_stack(
        &fixture(AZURE, "tech-stack.md", InputKind::TechStack),
        &[
            (
                T::CloudProvider,
                &["azure", "swedencentral", "westeurope"],
                7,
            ),
            (T::ContainerOrchestration, &["serverless", "csharp"], 8),
            (T::Databases, &["cosmosdb"], 14),
            (T::Messaging, &["service-bus"], 15),
            (T::InfrastructureAsCode, &["bicep"], 20),
            (T::ContinuousIntegration, &["azure-pipelines"], 21),
            (T::ContainerOrchestration, &["no-kubernetes", "no-aks"], 26),
            (T::InfrastructureAsCode, &["no-terraform"], 27),
        ],
    );
}

// ---------------------------------------------------------------- set 3: on-premises, VMs, Ansible

const ONPREM: &str = "onprem-vms-ansible";

#[test]
fn onprem_requirements_from_quality_attributes() {
    check_requirements(
        &fixture(ONPREM, "prd.md", InputKind::Prd),
        &[
            (
                "REQ-4",
                C::Business,
                12,
                "Citizens can search the catalogue of all 14 branches and reserve items online.",
            ),
            (
                "REQ-5",
                C::Business,
                13,
                "Branch staff lend and return items at self-service kiosks and at the desk.",
            ),
            (
                "REQ-6",
                C::Business,
                14,
                "The system sends reminders before the due date to cut late returns.",
            ),
            (
                "REQ-1",
                C::Functional,
                18,
                "Citizens sign in with the national e-ID and see their loans and reservations.",
            ),
            (
                "REQ-2",
                C::Functional,
                19,
                "Staff can register new borrowers and print library cards.",
            ),
            (
                "REQ-3",
                C::Functional,
                20,
                "Reservations are queued per title and the next borrower is notified automatically.",
            ),
            (
                "REQ-7",
                C::Performance,
                24,
                "Catalogue search answers with p99 under 1 s for 300 concurrent users.",
            ),
            (
                "REQ-8",
                C::Reliability,
                25,
                "The kiosk service is available 99.5% of opening hours (Mon–Sat, 08:00–21:00).",
            ),
            (
                "REQ-9",
                C::Recovery,
                26,
                "Loan transactions are backed up with an RPO of 4 h and restored within an RTO of 8 hours.",
            ),
            (
                "REQ-10",
                C::Compliance,
                27,
                "Borrower data is deleted 24 months after the last loan; loan history is retained for 5 years for audit.",
            ),
            (
                "REQ-11",
                C::Security,
                28,
                "All traffic between kiosks and the data centre is encrypted with TLS 1.3 and client certificates.",
            ),
            (
                "REQ-12",
                C::Performance,
                29,
                "Nightly batch jobs process 2,000 jobs/h without affecting desk response times.",
            ),
        ],
    );
}

#[test]
fn onprem_figures() {
    let reqs = extract_requirements(&[fixture(ONPREM, "prd.md", InputKind::Prd)]);
    let fig = |id: &str| figures(&reqs.iter().find(|r| r.id == id).unwrap().text);
    assert_eq!(
        fig("REQ-7"),
        vec![
            lat(Some(99.0), 1000.0),
            Figure::Capacity {
                value: 300.0,
                unit: "concurrent users".into()
            }
        ]
    );
    assert_eq!(fig("REQ-8"), vec![Figure::Availability { percent: 99.5 }]);
    assert_eq!(
        fig("REQ-9"),
        vec![
            Figure::Rpo { minutes: 240.0 },
            Figure::Rto { minutes: 480.0 }
        ]
    );
    assert_eq!(
        fig("REQ-10"),
        vec![
            Figure::Retention { days: 730.0 },
            Figure::Retention { days: 1825.0 }
        ]
    );
    assert_eq!(
        fig("REQ-12"),
        vec![Figure::Throughput {
            per_second: 2000.0 / 3600.0,
            unit: "jobs".into()
        }]
    );
}

#[test]
fn onprem_prd_has_no_technical_assumptions() {
    let prd = fixture(ONPREM, "prd.md", InputKind::Prd);
    assert_eq!(technical_assumptions(&prd), TechnicalAssumptions::Missing);
    // Nothing is made a Technical Assumption from the rest of the PRD; what it states in passing
    // ("own data centres" in its Purpose section) is a statement, never a mandate.
    let facts = all_facts(std::slice::from_ref(&prd));
    assert!(
        facts
            .iter()
            .all(|f| f.incidental && f.modality != infradraft::model::Modality::Mandate),
        "{facts:#?}"
    );
}

#[test]
fn onprem_stack_facts_rule_out_kubernetes() {
    let stack = fixture(ONPREM, "tech-stack.md", InputKind::TechStack);
    check_stack(
        &stack,
        &[
            (T::CloudProvider, &["on-premises"], 3),
            (T::ContainerOrchestration, &["vms", "no-containers"], 7),
            (T::Languages, &["java"], 8),
            (T::Databases, &["mysql"], 9),
            (T::Messaging, &["rabbitmq"], 10),
            (T::InfrastructureAsCode, &["ansible"], 11),
            (T::ContinuousIntegration, &["jenkins"], 12),
            (T::ContainerOrchestration, &["no-kubernetes"], 20),
            (
                T::CloudProvider,
                &["no-public-cloud", "no-aws", "no-azure"],
                21,
            ),
        ],
    );
    let k8s = tech_stack_facts(&stack)
        .into_iter()
        .find(|f| f.tags.contains(&"no-kubernetes".to_string()))
        .unwrap();
    assert_eq!(
        k8s.text,
        "Kubernetes — the operations team of three has no Kubernetes experience."
    );
    assert!(!k8s.tags.contains(&"kubernetes".to_string()));
}

// ---------------------------------------------------------------- the bundled sample (Ferrybook)

#[test]
fn sample_requirements_per_category() {
    let reqs = extract_requirements(&sample());
    let from = |file: &str| {
        reqs.iter()
            .filter(|r| r.source.as_ref().unwrap().input == format!("builtin:sample/{file}"))
            .collect::<Vec<_>>()
    };
    let prd = from("prd.md");
    let by_id = |id: &str| reqs.iter().find(|r| r.id == id).unwrap();
    let nfr3 = by_id("NFR3");
    assert_eq!(nfr3.category, C::Reliability);
    assert_eq!(nfr3.source.as_ref().unwrap().line, 73);
    assert_eq!(
        nfr3.text,
        "99.95% monthly availability for booking, check-in and boarding APIs."
    );
    assert_eq!(
        figures(&nfr3.text),
        vec![Figure::Availability { percent: 99.95 }]
    );
    let categories: Vec<(&str, C)> = reqs
        .iter()
        .filter(|r| r.id.starts_with("NFR"))
        .map(|r| (r.id.as_str(), r.category))
        .collect();
    assert_eq!(
        categories,
        vec![
            ("NFR1", C::Performance),
            ("NFR2", C::Scalability),
            ("NFR3", C::Reliability),
            ("NFR4", C::Recovery),
            ("NFR5", C::Compliance),
            ("NFR6", C::Security),
            ("NFR7", C::Compliance),
            ("NFR8", C::Compliance),
            ("NFR9", C::Compliance),
            ("NFR10", C::Compliance),
            ("NFR11", C::Compliance),
            ("NFR12", C::Reliability),
            ("NFR13", C::Performance),
            ("NFR14", C::Reliability),
            ("NFR15", C::Security),
            ("NFR16", C::Reliability),
            // The budget: EUR 22,000 a month.
            ("NFR17", C::Cost),
        ]
    );
    assert_eq!(by_id("REQ-1").source.as_ref().unwrap().line, 9);
    assert_eq!(by_id("REQ-1").category, C::Business);
    assert_eq!(by_id("FR16").source.as_ref().unwrap().line, 67);
    // The capacity table under the goals is read, one requirement per row (lines 31-37).
    let capacity: Vec<(u32, C)> = prd
        .iter()
        .filter(|r| (31..=37).contains(&r.source.as_ref().unwrap().line))
        .map(|r| (r.source.as_ref().unwrap().line, r.category))
        .collect();
    assert_eq!(capacity.len(), 7, "{capacity:?}");
    assert!(
        capacity
            .iter()
            .all(|(_, c)| matches!(c, C::Capacity | C::Scalability | C::Performance))
    );
    // Nothing from the Technical Assumptions, the epics and stories, or the change log.
    let prd_text = &sample()[0].text;
    let heading_line = |h: &str| prd_text.lines().position(|l| l == h).unwrap() as u32 + 1;
    let (assumptions, epics) = (
        heading_line("## Technical Assumptions"),
        heading_line("## Epic List"),
    );
    assert!(prd.iter().all(|r| {
        let line = r.source.as_ref().unwrap().line;
        !(assumptions..epics).contains(&line) && line < epics
    }));
    // The guidelines' rules are requirements: every "must" line among them.
    let guidelines = from("infrastructure-guidelines.md");
    assert!(guidelines.iter().any(|r| {
        r.text
            .starts_with("All infrastructure must be defined in Terraform")
    }));
    assert!(guidelines.len() >= 30, "{}", guidelines.len());
    // The architecture's security needs are read; its descriptions elsewhere are not.
    let architecture = from("architecture.md");
    assert!(
        architecture
            .iter()
            .any(|r| r.category == C::Security && r.text.contains("KMS customer-managed keys"))
    );
    assert!(
        architecture
            .iter()
            .all(|r| matches!(r.category, C::Security | C::Compliance))
    );
}

#[test]
fn sample_figures() {
    let reqs = extract_requirements(&sample());
    let fig = |id: &str| figures(&reqs.iter().find(|r| r.id == id).unwrap().text);
    assert_eq!(
        fig("NFR1"),
        vec![lat(Some(95.0), 200.0), lat(Some(99.0), 800.0)]
    );
    assert_eq!(
        fig("NFR2"),
        vec![Figure::Throughput {
            per_second: 1200.0,
            unit: "requests".into()
        }]
    );
    assert_eq!(
        fig("NFR4"),
        vec![Figure::Rpo { minutes: 15.0 }, Figure::Rto { minutes: 60.0 }]
    );
    assert_eq!(
        fig("NFR7"),
        vec![
            Figure::Retention { days: 2555.0 },
            Figure::Retention { days: 1095.0 },
            Figure::Retention {
                days: 13.0 * 365.0 / 12.0
            },
        ]
    );
    assert_eq!(fig("NFR11"), vec![Figure::Retention { days: 730.0 }]);
}

#[test]
fn sample_technical_assumptions() {
    let docs = sample();
    let prd = &docs[0];
    let TechnicalAssumptions::Found { heading, items } = technical_assumptions(prd) else {
        panic!("the sample PRD has Technical Assumptions");
    };
    assert_eq!(heading.line, 96);
    let got: Vec<(T, Vec<&str>, u32)> = items
        .iter()
        .map(|a| {
            (
                a.topic,
                a.tags.iter().map(String::as_str).collect(),
                a.source.as_ref().unwrap().line,
            )
        })
        .collect();
    let e = |t: T, tags: &[&'static str], l: u32| (t, tags.to_vec(), l);
    assert_eq!(
        got,
        vec![
            e(T::RepositoryStructure, &["monorepo"], 100),
            e(T::RepositoryStructure, &["monorepo"], 100),
            e(T::RepositoryStructure, &[], 100),
            e(T::ServiceArchitecture, &["modular-monolith"], 104),
            e(T::ServiceArchitecture, &["event-driven", "serverless"], 104),
            e(T::ServiceArchitecture, &["no-microservices"], 106),
            e(T::ServiceArchitecture, &[], 106),
            e(T::Testing, &["unit-tests"], 110),
            e(T::Testing, &["integration-tests"], 111),
            e(T::Testing, &["contract-tests"], 112),
            e(T::Testing, &["e2e-tests"], 113),
            e(T::Testing, &["load-tests"], 114),
            e(T::Testing, &["dr-drill"], 115),
            e(
                T::CloudProvider,
                &["aws", "eu-north-1", "eu-central-1"],
                119
            ),
            e(T::InfrastructureAsCode, &["terraform"], 120),
            e(T::Databases, &["postgres"], 121),
            e(
                T::ContainerOrchestration,
                &["no-self-managed-kubernetes"],
                122
            ),
            e(T::ContinuousIntegration, &["github-actions"], 123),
            e(T::Languages, &["typescript", "nodejs", "kotlin"], 124),
            e(T::Other, &[], 125),
            e(T::Other, &["opentelemetry"], 126),
            e(T::Other, &[], 127),
            e(T::Other, &[], 128),
        ]
    );
    assert_eq!(items[0].text, "Monorepo.");
    assert_eq!(
        items[5].text,
        "Microservices are explicitly NOT planned for the first 18 months."
    );
    assert_eq!(
        items[16].text,
        "No self-managed Kubernetes in year one: the team has no Kubernetes operators, so a managed container service is used."
    );
}

#[test]
fn sample_stack_and_all_facts() {
    let docs = sample();
    let stack = docs
        .iter()
        .find(|d| d.kind == InputKind::TechStack)
        .unwrap();
    let facts = tech_stack_facts(stack);
    let tagged = |tag: &str| {
        facts
            .iter()
            .find(|f| f.tags.iter().any(|t| t == tag))
            .map(|f| f.source.as_ref().unwrap().line)
    };
    assert_eq!(tagged("aws"), Some(11));
    assert_eq!(tagged("eu-north-1"), Some(12));
    assert_eq!(tagged("postgres"), Some(22));
    assert_eq!(tagged("terraform"), Some(28));
    assert_eq!(tagged("github-actions"), Some(29));
    assert_eq!(tagged("ecs"), Some(31));
    assert_eq!(tagged("no-kubernetes"), Some(31));
    assert_eq!(tagged("no-eks"), Some(122));
    assert_eq!(tagged("no-microservices"), Some(123));
    assert_eq!(tagged("no-kafka"), Some(125));
    assert_eq!(tagged("kubernetes"), None);
    assert_eq!(tagged("kafka"), None);
    assert_eq!(
        tagged("cloud-run"),
        None,
        "\"cloud run cost\" is not Google Cloud Run"
    );
    assert_eq!(tagged("opentelemetry"), Some(33));
    assert_eq!(tagged("prometheus"), Some(34));
    assert_eq!(tagged("grafana"), Some(35));
    // "Self-hosted observability (Prometheus servers, Elasticsearch)" rules out Elasticsearch, not
    // the managed Prometheus the stack uses.
    assert_eq!(tagged("no-elasticsearch"), Some(126));
    let line_126: Vec<&str> = facts
        .iter()
        .filter(|f| f.source.as_ref().is_some_and(|s| s.line == 126))
        .flat_map(|f| f.tags.iter().map(String::as_str))
        .collect();
    assert_eq!(line_126, ["no-elasticsearch"]);
    // Line 92's manual approval before production is a fact of the transition strategy.
    assert_eq!(tagged("manual-approval"), Some(92));
    // The stack table's on-call, secrets, key management and edge rows (38–41) are facts of the
    // decisions that need them.
    assert_eq!(tagged("on-call"), Some(38));
    assert_eq!(tagged("secrets-manager"), Some(39));
    assert_eq!(tagged("kms"), Some(40));
    assert_eq!(tagged("cdn"), Some(41));
    assert_eq!(facts.len(), 28);

    let all = all_facts(&docs);
    let from = |name: &str| {
        all.iter()
            .filter(|f| {
                !f.incidental
                    && f.source.as_ref().unwrap().input == format!("builtin:sample/{name}")
            })
            .count()
    };
    assert_eq!((from("prd.md"), from("tech-stack.md")), (24, 29));
    assert_eq!(
        (
            from("architecture.md"),
            from("infrastructure-guidelines.md")
        ),
        (8, 2)
    );
    // ADR-001 builds a modular monolith and rules out microservices: two facts, one per force.
    let adr1: Vec<_> = all
        .iter()
        .filter(|f| f.text.starts_with("ADR-001"))
        .map(|f| (f.tags.clone(), f.modality, f.source.as_ref().unwrap().line))
        .collect();
    use infradraft::model::Modality;
    assert_eq!(
        adr1,
        [
            (
                vec!["modular-monolith".to_string()],
                Modality::Statement,
                230
            ),
            (
                vec!["no-microservices".to_string()],
                Modality::Prohibition,
                230
            ),
        ]
    );
    // "Lambda only for …; no database access from Lambda" uses Lambda, it does not rule it out.
    let adr8 = all.iter().find(|f| f.text.starts_with("ADR-008")).unwrap();
    assert_eq!(adr8.tags, ["serverless"]);
    // The guidelines' rules are mandates: "All infrastructure must be defined in Terraform".
    assert!(all.iter().any(|f| {
        f.modality == Modality::Mandate
            && f.tags.contains(&"terraform".to_string())
            && f.source
                .as_ref()
                .unwrap()
                .input
                .ends_with("infrastructure-guidelines.md")
    }));
    // Managed Prometheus "without operating Prometheus" uses Prometheus; never both a tag and its
    // negation from one line.
    for f in &all {
        for t in &f.tags {
            let other = match t.strip_prefix("no-") {
                Some(base) => base.to_string(),
                None => format!("no-{t}"),
            };
            assert!(
                !all.iter()
                    .any(|g| g.source == f.source && g.tags.contains(&other)),
                "{t} and {other} from {:?}",
                f.source
            );
        }
    }
}

// ---------------------------------------------------------------- robustness

fn markdownish() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("# Technical Assumptions".to_string()),
        Just("## Non-Functional Requirements".to_string()),
        Just("Quality Attributes\n---".to_string()),
        Just("- NFR1: p95 < 200 ms, 99.95% uptime, RPO 15 minutes".to_string()),
        Just("1. RTO: 1 hour and 10k requests/s".to_string()),
        Just(
            "| ID | Requirement | Target |\n|---|---|---|\n| NFR-2 | x | 7 years retention |"
                .to_string()
        ),
        Just("- **Kubernetes (EKS)** — not used".to_string()),
        Just("```\n- FR1: in code\n```".to_string()),
        Just("  - nested — item: no self-managed Kubernetes".to_string()),
        Just("Explicitly not used\n===".to_string()),
        "[ -~]{0,40}",
        "\\PC{0,30}",
        "[#*|:\\-—–0-9.%a-zA-Z ]{0,30}",
    ];
    prop::collection::vec(line, 0..14).prop_map(|ls| ls.join("\n"))
}

fn all_kinds(text: &str) -> Vec<InputDocument> {
    InputKind::ALL
        .iter()
        .map(|&k| doc(k, format!("{k:?}.md"), text.to_string()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC*") {
        let docs = all_kinds(&text);
        let _ = extract_requirements(&docs);
        let _ = figures(&text);
        let _ = outline(&text);
        let _ = technical_assumptions(&docs[0]);
        let _ = tech_stack_facts(&docs[2]);
        let _ = all_facts(&docs);
        let reqs = extract_requirements(&docs);
        let _ = infradraft::inputs::extract::input_conflicts(&docs, &reqs);
    }

    #[test]
    fn never_panics_on_markdown_like_text(text in markdownish()) {
        let docs = all_kinds(&text);
        let reqs = extract_requirements(&docs);
        for r in &reqs {
            let line = r.source.as_ref().unwrap().line as usize;
            prop_assert!(line >= 1 && line <= text.lines().count().max(1));
        }
        let _ = figures(&text);
        let ta = technical_assumptions(&docs[0]);
        for a in ta.items() {
            prop_assert!(a.source.as_ref().unwrap().line >= 1);
        }
        let _ = tech_stack_facts(&docs[2]);
        let _ = all_facts(&docs);
        // Every place of every conflict is a line of its document.
        let lines = text.lines().count().max(1) as u32;
        for c in infradraft::inputs::extract::input_conflicts(&docs, &reqs) {
            for side in c.rules().chain(c.places()) {
                prop_assert!(side.source.line >= 1 && side.source.line <= lines, "{c:?}");
            }
        }
    }
}
