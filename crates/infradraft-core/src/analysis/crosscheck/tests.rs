//! The cross-check's rules on small, hand-made facts and requirements.

use super::*;
use crate::model::{Ratings, RequirementCategory, RequirementOrigin};
use jiff::Timestamp;

fn option(tags: &[&str], conflicts: &[&str]) -> OptionCard {
    OptionCard {
        id: "opt".into(),
        name: "Option".into(),
        summary: String::new(),
        pros: vec![],
        cons: vec![],
        ratings: Ratings::default(),
        tags: tags.iter().map(|s| s.to_string()).collect(),
        conflicts_with: conflicts.iter().map(|s| s.to_string()).collect(),
        catalog_id: None,
        capabilities: Default::default(),
        answers: Vec::new(),
        realised_on: String::new(),
    }
}

fn fact(topic: AssumptionTopic, tags: &[&str], line: u32) -> Assumption {
    Assumption {
        topic,
        text: format!("fact {line}"),
        tags: tags.iter().map(|s| s.to_string()).collect(),
        source: Some(SourceRef {
            input: "prd.md".into(),
            line,
        }),
        modality: crate::model::Modality::Statement,
        incidental: false,
    }
}

fn prd() -> InputDocument {
    InputDocument {
        kind: InputKind::Prd,
        path: "prd.md".into(),
        sha256: String::new(),
        snapshot_at: Timestamp::UNIX_EPOCH,
        text: "# P\n  Serverless monolith.  \nNo microservices\nover two\nlines: no self-managed\nKubernetes here.\n".into(),
    }
}

#[test]
fn compound_negation_and_evidence_line() {
    let facts = [fact(
        AssumptionTopic::ContainerOrchestration,
        &["no-self-managed-kubernetes"],
        5,
    )];
    let f = check_option(
        &option(&["kubernetes", "self-managed"], &[]),
        &facts,
        &[],
        &[prd()],
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].verdict, Verdict::Conflicting);
    assert_eq!(f[0].quote, "lines: no self-managed");
    // A managed cluster is not ruled out by "no self-managed Kubernetes".
    assert!(check_option(&option(&["eks"], &[]), &facts, &[], &[prd()]).is_empty());
}

#[test]
fn aligned_conflicting_not_addressed_order() {
    let facts = [
        fact(
            AssumptionTopic::ServiceArchitecture,
            &["serverless", "monolith"],
            2,
        ),
        fact(
            AssumptionTopic::ServiceArchitecture,
            &["no-microservices"],
            3,
        ),
        fact(AssumptionTopic::RepositoryStructure, &["monorepo"], 2),
        fact(AssumptionTopic::Databases, &["postgres"], 2),
    ];
    let f = check_option(&option(&["serverless"], &[]), &facts, &[], &[prd()]);
    let got: Vec<_> = f.iter().map(|f| (f.verdict, f.fact.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (Verdict::NotAddressed, "fact 3"),
            (Verdict::NotAddressed, "fact 2"),
            (Verdict::Aligned, "fact 2"),
        ]
    );
    assert_eq!(f[2].quote, "Serverless monolith.");
    assert_eq!(
        f[2].explanation,
        "The option's tag `serverless` matches the PRD."
    );
    let f = check_option(
        &option(&["containers"], &["serverless"]),
        &facts[..1],
        &[],
        &[prd()],
    );
    assert_eq!(f[0].verdict, Verdict::Conflicting);
}

#[test]
fn figure_rules() {
    let req = |id: &str, text: &str| Requirement {
        id: id.into(),
        category: RequirementCategory::Other,
        text: text.into(),
        origin: RequirementOrigin::Extracted,
        source: None,
    };
    let reqs = [
        req("NFR3", "99.95% monthly availability"),
        req("NFR4", "RPO 15 minutes and RTO 1 hour"),
    ];
    let f = check_option(
        &option(&["single-az", "daily-backup"], &[]),
        &[],
        &reqs,
        &[],
    );
    assert_eq!(f.len(), 2);
    assert!(f.iter().all(|f| f.verdict == Verdict::Conflicting));
    assert_eq!(
        f[0].explanation,
        "RPO 15 min required (NFR4); daily backups: about 24 h, not met."
    );
    assert_eq!(
        f[1].explanation,
        "99.95% availability required (NFR3); one zone or one instance: about 99.9%, not met."
    );
    assert!(f.iter().all(Finding::rules_out));
    // RPO, RTO and availability, each met.
    let f = check_option(&option(&["multi-az", "warm-standby"], &[]), &[], &reqs, &[]);
    assert_eq!(
        f.iter().filter(|f| f.verdict == Verdict::Aligned).count(),
        3
    );
    assert!(check_option(&option(&["multi-az"], &[]), &[], &reqs[1..], &[]).is_empty());
}

#[test]
fn undecided_component_has_no_findings() {
    let mut c = ComponentDesign::new("compute", "Run the app");
    c.options.push(option(&["microservices"], &[]));
    let facts = [fact(
        AssumptionTopic::ServiceArchitecture,
        &["no-microservices"],
        3,
    )];
    assert!(check_decision(&c, &facts, &[], &[prd()]).is_empty());
    c.decision = Some(crate::model::Decision {
        option: "opt".into(),
        justification: String::new(),
        decided_at: Timestamp::UNIX_EPOCH,
        considered: vec!["opt".into()],
        acknowledged_conflicts: vec![],
        ..Default::default()
    });
    let f = check_decision(&c, &facts, &[], &[prd()]);
    assert_eq!(f[0].verdict, Verdict::Conflicting);
    assert_eq!(f[0].quote, "No microservices");
    assert!(
        f[0].describe()
            .starts_with("conflicting: The option is `microservices`")
    );
}
