//! The cross-check of options and decisions against the PRD's Technical Assumptions, the tech stack
//! and the requirements' figures.

use infradraft::analysis::crosscheck::{Finding, Verdict, check_decision, check_option};
use infradraft::inputs::extract::{all_facts, extract_requirements};
use infradraft::model::{ComponentDesign, Decision, InputDocument, InputKind, OptionCard, Ratings};

fn doc(kind: InputKind, path: String, text: String) -> InputDocument {
    InputDocument {
        kind,
        path,
        sha256: infradraft::inputs::sha256_hex(&text),
        snapshot_at: jiff::Timestamp::UNIX_EPOCH,
        text,
    }
}

fn fixture_set(set: &str) -> Vec<InputDocument> {
    [
        ("prd.md", InputKind::Prd),
        ("tech-stack.md", InputKind::TechStack),
        ("architecture.md", InputKind::Architecture),
    ]
    .into_iter()
    .filter_map(|(file, kind)| {
        let path = format!(
            "{}/tests/fixtures/inputs/{set}/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).ok()?;
        Some(doc(kind, format!("{set}/{file}"), text))
    })
    .collect()
}

fn sample() -> Vec<InputDocument> {
    infradraft::sample::SAMPLE_DOCS
        .iter()
        .map(|d| doc(d.kind, format!("builtin:{}", d.name), d.text.to_string()))
        .collect()
}

fn option(id: &str, tags: &[&str], conflicts_with: &[&str]) -> OptionCard {
    OptionCard {
        id: id.into(),
        name: id.into(),
        summary: String::new(),
        pros: vec![],
        cons: vec![],
        ratings: Ratings::default(),
        tags: tags.iter().map(|s| s.to_string()).collect(),
        conflicts_with: conflicts_with.iter().map(|s| s.to_string()).collect(),
        catalog_id: None,
        capabilities: Default::default(),
        answers: Vec::new(),
        realised_on: String::new(),
    }
}

fn decided(options: Vec<OptionCard>, chosen: &str) -> ComponentDesign {
    let mut c = ComponentDesign::new("compute", "Where the application runs");
    c.options = options;
    c.decision = Some(Decision {
        option: chosen.into(),
        justification: "Chosen in the test".into(),
        decided_at: jiff::Timestamp::UNIX_EPOCH,
        considered: c.options.iter().map(|o| o.id.clone()).collect(),
        acknowledged_conflicts: vec![],
        ..Default::default()
    });
    c
}

/// `(verdict, input, line, quote)` of a finding.
fn at(f: &Finding) -> (Verdict, &str, u32, &str) {
    let (input, line) = f
        .evidence
        .as_ref()
        .map_or(("", 0), |e| (e.input.as_str(), e.line));
    (f.verdict, input, line, f.quote.as_str())
}

fn k8s_microservices() -> OptionCard {
    option(
        "self-managed-k8s",
        &["kubernetes", "self-managed", "microservices", "containers"],
        &["serverless", "monolith"],
    )
}

#[test]
fn serverless_monolith_prd_vs_self_managed_kubernetes_microservices_decision() {
    let inputs = fixture_set("azure-serverless-bicep");
    let facts = all_facts(&inputs);
    let reqs = extract_requirements(&inputs);
    let functions = option(
        "functions",
        &["serverless", "monolith", "azure"],
        &["kubernetes"],
    );
    let component = decided(vec![functions, k8s_microservices()], "self-managed-k8s");
    let findings = check_decision(&component, &facts, &reqs, &inputs);
    let got: Vec<_> = findings.iter().map(at).collect();
    assert_eq!(
        got,
        vec![
            (
                Verdict::Conflicting,
                "azure-serverless-bicep/prd.md",
                38,
                "**Service architecture:** a serverless monolith: one Azure Functions app (isolated worker, .NET 8)"
            ),
            (
                Verdict::Conflicting,
                "azure-serverless-bicep/prd.md",
                39,
                "with modules per domain. Microservices are not wanted for a team of five."
            ),
            (
                Verdict::Conflicting,
                "azure-serverless-bicep/tech-stack.md",
                8,
                "- **Compute:** Azure Functions, Flex Consumption plan, .NET 8 isolated worker"
            ),
            (
                Verdict::Conflicting,
                "azure-serverless-bicep/tech-stack.md",
                26,
                "- **Kubernetes (AKS)** — no container platform to operate for a team of five."
            ),
            (
                Verdict::NotAddressed,
                "azure-serverless-bicep/prd.md",
                35,
                "**Repository structure:** a monorepo in Azure Repos holding the Functions app, the web front end and"
            ),
        ]
    );
    assert_eq!(
        findings[0].explanation,
        "The option conflicts with `serverless`, which the PRD asserts; the option conflicts with \
         `monolith`, which the PRD asserts."
    );
    assert_eq!(
        findings[1].explanation,
        "The option is `microservices`, which the PRD rules out (`no-microservices`)."
    );
    assert_eq!(
        findings[1].fact,
        "Microservices are not wanted for a team of five."
    );
    assert_eq!(
        findings[4].explanation,
        "The PRD's repository structure decision (`monorepo`) is not addressed by option `self-managed-k8s`."
    );
    // The quote is the evidence line itself.
    for f in &findings {
        let e = f.evidence.as_ref().unwrap();
        let doc = inputs.iter().find(|d| d.path == e.input).unwrap();
        assert_eq!(
            f.quote,
            doc.text.lines().nth(e.line as usize - 1).unwrap().trim()
        );
    }
}

#[test]
fn aligned_option_and_not_addressed_repository() {
    let inputs = fixture_set("azure-serverless-bicep");
    let facts = all_facts(&inputs);
    let functions = option(
        "functions",
        &["serverless", "monolith", "bicep"],
        &["kubernetes"],
    );
    let findings = check_option(&functions, &facts, &[], &inputs);
    let got: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.verdict,
                f.evidence.as_ref().unwrap().line,
                f.explanation.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Verdict::NotAddressed,
                35,
                "The PRD's repository structure decision (`monorepo`) is not addressed by option `functions`."
            ),
            (
                Verdict::NotAddressed,
                39,
                "The PRD's service architecture decision (`no-microservices`) is not addressed by option `functions`."
            ),
            (
                Verdict::Aligned,
                38,
                "The option's tags `serverless`, `monolith` match the PRD."
            ),
            (
                Verdict::Aligned,
                48,
                "The option's tag `bicep` matches the PRD."
            ),
            (
                Verdict::Aligned,
                8,
                "The option's tag `serverless` matches the tech stack."
            ),
            (
                Verdict::Aligned,
                20,
                "The option's tag `bicep` matches the tech stack."
            ),
            (
                Verdict::Aligned,
                26,
                "The option and the tech stack both rule out `kubernetes`."
            ),
        ]
    );
    // Tagging the repository structure addresses it.
    let with_repo = option("functions", &["serverless", "monolith", "monorepo"], &[]);
    let findings = check_option(&with_repo, &facts, &[], &inputs);
    assert!(
        findings
            .iter()
            .all(|f| !(f.verdict == Verdict::NotAddressed && f.fact.contains("monorepo")))
    );
}

#[test]
fn prd_repository_and_architecture_beside_every_option() {
    let inputs = fixture_set("aws-k8s-terraform");
    let facts = all_facts(&inputs);
    let db = option("aurora", &["postgres", "aurora"], &[]);
    let findings = check_option(&db, &facts, &[], &inputs);
    let not_addressed: Vec<(u32, &str)> = findings
        .iter()
        .filter(|f| f.verdict == Verdict::NotAddressed)
        .map(|f| (f.evidence.as_ref().unwrap().line, f.quote.as_str()))
        .collect();
    assert_eq!(
        not_addressed,
        vec![
            (
                50,
                "Polyrepo: one repository per service, plus a shared `platform-infra` repository for Terraform"
            ),
            (
                55,
                "Microservices on Kubernetes (shipment, tracking, routing, notifications, merchant API), each owning"
            ),
            (
                56,
                "its own PostgreSQL schema and communicating through Kafka topics. A monolith is not planned."
            ),
        ]
    );
    // Tech stack and architecture facts about service architecture are not repeated as not addressed.
    assert!(
        findings
            .iter()
            .filter(|f| f.verdict == Verdict::NotAddressed)
            .all(|f| f.evidence.as_ref().unwrap().input.ends_with("prd.md"))
    );
    let aligned: Vec<u32> = findings
        .iter()
        .filter(|f| f.verdict == Verdict::Aligned)
        .map(|f| f.evidence.as_ref().unwrap().line)
        .collect();
    assert_eq!(aligned, vec![14, 11]);
}

#[test]
fn managed_kubernetes_is_not_ruled_out_by_no_self_managed() {
    let inputs = fixture_set("aws-k8s-terraform");
    let facts = all_facts(&inputs);
    let eks = option("eks", &["eks", "microservices"], &["monolith"]);
    let findings = check_option(&eks, &facts, &[], &inputs);
    assert!(
        findings.iter().all(|f| f.verdict != Verdict::Conflicting),
        "{findings:#?}"
    );
    let prd_67 = findings
        .iter()
        .find(|f| {
            f.evidence.as_ref().unwrap().line == 67
                && f.evidence.as_ref().unwrap().input.ends_with("prd.md")
        })
        .unwrap();
    assert_eq!(prd_67.verdict, Verdict::Aligned);
    // A self-managed cluster is.
    let kubeadm = option("kubeadm", &["kubernetes", "self-managed"], &[]);
    let findings = check_option(&kubeadm, &facts, &[], &inputs);
    let conflicting: Vec<_> = findings
        .iter()
        .filter(|f| f.verdict == Verdict::Conflicting)
        .map(at)
        .collect();
    assert_eq!(
        conflicting,
        vec![(
            Verdict::Conflicting,
            "aws-k8s-terraform/prd.md",
            67,
            "- Containers run on Amazon EKS; no self-managed Kubernetes control planes."
        )]
    );
}

#[test]
fn sample_against_self_managed_kubernetes() {
    let inputs = sample();
    let facts = all_facts(&inputs);
    let reqs = extract_requirements(&inputs);
    let findings = check_option(&k8s_microservices(), &facts, &reqs, &inputs);
    // (The PRD's serverless statement on line 104 is not repeated: the guidelines' serverless
    // mandate rules the option out for the same reason.)
    let prd_conflicts: Vec<_> = findings
        .iter()
        .filter(|f| f.verdict == Verdict::Conflicting)
        .filter(|f| f.evidence.as_ref().unwrap().input == "builtin:sample/prd.md")
        .map(|f| (f.evidence.as_ref().unwrap().line, f.explanation.as_str()))
        .collect();
    assert_eq!(
        prd_conflicts,
        vec![
            (
                104,
                "The option conflicts with `monolith`, which the PRD asserts."
            ),
            (
                106,
                "The option is `microservices`, which the PRD rules out (`no-microservices`)."
            ),
            (
                122,
                "The option is `self-managed-kubernetes`, which the PRD rules out (`no-self-managed-kubernetes`)."
            ),
        ]
    );
    let line_122 = findings
        .iter()
        .find(|f| {
            f.evidence.as_ref().unwrap().line == 122
                && f.evidence.as_ref().unwrap().input.ends_with("prd.md")
        })
        .unwrap();
    assert_eq!(
        line_122.quote,
        "- No self-managed Kubernetes in year one: the team has no Kubernetes operators, so a managed container service is used."
    );
    let other_conflicts: Vec<(&str, u32)> = findings
        .iter()
        .filter(|f| f.verdict == Verdict::Conflicting)
        .map(|f| {
            let e = f.evidence.as_ref().unwrap();
            (e.input.as_str(), e.line)
        })
        .filter(|(input, _)| !input.ends_with("prd.md"))
        .collect();
    assert_eq!(
        other_conflicts,
        // One finding per reason and document (a line can hold two reasons): the architecture
        // and the tech stack state serverless and managed containers in many places, the
        // guidelines once. The statements of serverless (architecture.md:237 and :158,
        // tech-stack.md:32) are left out: the guidelines' serverless mandate rules the option out
        // for that same reason.
        vec![
            ("builtin:sample/architecture.md", 230),
            ("builtin:sample/architecture.md", 230),
            ("builtin:sample/architecture.md", 231),
            ("builtin:sample/tech-stack.md", 31),
            ("builtin:sample/tech-stack.md", 123),
            ("builtin:sample/tech-stack.md", 16),
            ("builtin:sample/infrastructure-guidelines.md", 59),
        ]
    );
    // The PRD's repository decision is shown even though the option says nothing about it (once
    // per decision: the same reason twice on one line is one finding).
    let not_addressed: Vec<u32> = findings
        .iter()
        .filter(|f| f.verdict == Verdict::NotAddressed)
        .map(|f| f.evidence.as_ref().unwrap().line)
        .collect();
    assert_eq!(not_addressed, vec![100, 100, 106]);
}

#[test]
fn sample_requirement_figures_against_single_az_and_daily_backups() {
    let inputs = sample();
    let reqs = extract_requirements(&inputs);
    let cheap = option("single-db", &["single-az", "daily-backup"], &[]);
    let findings = check_option(&cheap, &[], &reqs, &inputs);
    // (Requirements without an id of their own are numbered REQ-n in order; the number is not
    // what this test is about.)
    let got: Vec<_> = findings
        .iter()
        .map(|f| {
            let explanation = f.explanation.as_str();
            let explanation = if explanation.starts_with("REQ-") {
                explanation
                    .split_once(' ')
                    .map_or(explanation, |(_, rest)| rest)
            } else {
                explanation
            };
            (f.verdict, f.evidence.as_ref().unwrap().line, explanation)
        })
        .collect();
    // One finding per kind of figure, against the strictest requirement of that kind: NFR4's
    // RPO of 15 minutes (the guidelines' tiers ask for less), NFR3's 99.95 %, and NFR4's loss of
    // a region.
    assert_eq!(
        got,
        vec![
            (
                Verdict::Conflicting,
                74,
                "RPO 15 min required (NFR4); daily backups: about 24 h, not met."
            ),
            (
                Verdict::Conflicting,
                73,
                "99.95% availability required (NFR3); one zone or one instance: about 99.9%, not met."
            ),
            (
                Verdict::Conflicting,
                74,
                "Surviving the loss of a region required (NFR4); the option does not survive the loss of a zone or region, not met."
            ),
        ]
    );
    assert!(findings.iter().all(|f| f.rules_out()));
}

#[test]
fn prd_without_technical_assumptions_still_checks_the_stack() {
    let inputs = fixture_set("onprem-vms-ansible");
    let facts = all_facts(&inputs);
    let reqs = extract_requirements(&inputs);
    let findings = check_option(&option("k8s", &["kubernetes"], &[]), &facts, &reqs, &inputs);
    let got: Vec<_> = findings.iter().map(at).collect();
    assert_eq!(
        got,
        vec![(
            Verdict::Conflicting,
            "onprem-vms-ansible/tech-stack.md",
            20,
            "- Kubernetes — the operations team of three has no Kubernetes experience."
        )]
    );
    // "RPO of 4 h" (line 26) cannot be met with nightly backups; the VMs match the stack.
    let nightly = option("nightly", &["vms", "nightly-backup"], &[]);
    let findings = check_option(&nightly, &facts, &reqs, &inputs);
    let got: Vec<_> = findings
        .iter()
        .map(|f| (f.verdict, f.evidence.as_ref().unwrap().line))
        .collect();
    assert_eq!(got, vec![(Verdict::Conflicting, 26), (Verdict::Aligned, 7)]);
}

#[test]
fn undecided_component_has_no_findings() {
    let inputs = sample();
    let facts = all_facts(&inputs);
    let mut component = decided(vec![k8s_microservices()], "self-managed-k8s");
    component.decision = None;
    assert!(check_decision(&component, &facts, &[], &inputs).is_empty());
    // A decision naming an option that is not on the card list has nothing to check either.
    let orphan = decided(vec![k8s_microservices()], "gone");
    assert!(check_decision(&orphan, &facts, &[], &inputs).is_empty());
}

#[test]
fn findings_without_inputs_keep_the_source_and_an_empty_quote() {
    let inputs = sample();
    let facts = all_facts(&inputs);
    let findings = check_option(&k8s_microservices(), &facts, &[], &[]);
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f.quote.is_empty() && f.evidence.is_some())
    );
    assert!(findings[0].describe().starts_with("conflicting: "));
}
