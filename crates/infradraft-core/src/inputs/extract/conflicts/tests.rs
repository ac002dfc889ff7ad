use super::*;
use crate::model::InputKind;

fn doc(kind: InputKind, path: &str, text: &str) -> InputDocument {
    InputDocument {
        kind,
        path: path.into(),
        sha256: String::new(),
        snapshot_at: jiff::Timestamp::UNIX_EPOCH,
        text: text.into(),
    }
}

fn found(inputs: &[InputDocument]) -> Vec<(String, String, String)> {
    let reqs = crate::inputs::extract::extract_requirements(inputs);
    input_conflicts(inputs, &reqs)
        .into_iter()
        .map(|c| (c.kind, c.rule.source.short(), c.found.source.short()))
        .collect()
}

fn has(all: &[(String, String, String)], kind: &str, rule: &str, found: &str) -> bool {
    all.iter()
        .any(|(k, r, f)| k == kind && r == rule && f == found)
}

#[test]
fn each_kind_of_disagreement_is_found_with_both_places() {
    let inputs = [
        doc(
            InputKind::Prd,
            "prd.md",
            "# Shop\n\n## Non-functional requirements\n\n- Checkout is available 99.95% of the time.\n- RPO of 5 minutes for orders.\n- RTO of 1 hour.\n- Order history is retained for seven years.\n- Budget: EUR 10,000 per month.\n- Customer data must stay in the EU.\n",
        ),
        doc(
            InputKind::InfrastructureGuidelines,
            "guidelines.md",
            "# Rules\n\n- Terraform is the only approved IaC tool; Pulumi is not approved.\n- Production databases MUST have point-in-time recovery.\n",
        ),
        doc(
            InputKind::Architecture,
            "architecture.md",
            "# Architecture\n\nThe orders database runs in a single AZ to save cost.\n\nOrders are exported nightly to S3; point-in-time recovery is disabled.\n\nA restore from the export takes about four hours.\n\nA purge job deletes order history after two years.\n\nEstimated run cost: EUR 13,500 per month.\n\nThe analytics copy lives in us-east-1.\n",
        ),
        doc(
            InputKind::TechStack,
            "tech-stack.md",
            "# Stack\n\n| Area | Choice |\n|---|---|\n| IaC | Pulumi |\n",
        ),
    ];
    let all = found(&inputs);
    for (kind, rule, at) in [
        ("prohibited-in-use", "guidelines.md:3", "tech-stack.md:5"),
        (
            "availability-vs-single-zone",
            "prd.md:5",
            "architecture.md:3",
        ),
        (
            "required-feature-missing",
            "guidelines.md:4",
            "architecture.md:5",
        ),
        ("rpo-vs-protection", "prd.md:6", "architecture.md:5"),
        ("rto-vs-restore", "prd.md:7", "architecture.md:7"),
        ("retention-mismatch", "prd.md:8", "architecture.md:9"),
        ("budget-vs-estimate", "prd.md:9", "architecture.md:11"),
        ("residency-vs-region", "prd.md:10", "architecture.md:13"),
    ] {
        assert!(
            has(&all, kind, rule, at),
            "{kind} {rule} {at} not in {all:#?}"
        );
    }
}

#[test]
fn agreeing_documents_give_no_conflicts() {
    let inputs = [
        doc(
            InputKind::Prd,
            "prd.md",
            "# Shop\n\n- Available 99.9% of the time.\n- RPO of 24 hours.\n- Budget: EUR 10,000 per month.\n- Data must stay in the EU.\n- Survives the loss of a single AZ.\n",
        ),
        doc(
            InputKind::Architecture,
            "architecture.md",
            "# Architecture\n\nThe database is Multi-AZ in eu-central-1, with nightly snapshots kept 35 days.\n\nEstimated run cost: EUR 8,000 per month.\n\nWe use Terraform for everything.\n",
        ),
    ];
    assert_eq!(found(&inputs), Vec::<(String, String, String)>::new());
}

#[test]
fn keys_stay_while_the_words_stay() {
    let prd = "# P\n\n## Non-functional requirements\n\n- RPO of 5 minutes.\n";
    let arch = "# A\n\nBackups run nightly.\n";
    let a = [
        doc(InputKind::Prd, "prd.md", prd),
        doc(InputKind::Architecture, "architecture.md", arch),
    ];
    let b = [
        doc(InputKind::Prd, "prd.md", &format!("\n\n{prd}")),
        doc(InputKind::Architecture, "architecture.md", arch),
    ];
    let (ka, kb) = (
        input_conflicts(&a, &crate::inputs::extract::extract_requirements(&a)),
        input_conflicts(&b, &crate::inputs::extract::extract_requirements(&b)),
    );
    assert_eq!(ka.len(), 1);
    assert_eq!(ka[0].key, kb[0].key);
    assert_ne!(ka[0].rule.source.line, kb[0].rule.source.line);
}

#[test]
fn durations_read_as_words() {
    assert_eq!(duration(0.0), "zero");
    assert_eq!(duration(5.0), "5 minutes");
    assert_eq!(duration(60.0), "1 hour");
    assert_eq!(duration(1440.0), "24 hours");
    assert_eq!(duration(14.0 * 1440.0), "14 days");
    assert_eq!(duration(7.0 * 365.0 * 1440.0), "7 years");
}

#[test]
fn a_cost_table_total_is_an_estimate() {
    let inputs = [
        doc(
            InputKind::Prd,
            "prd.md",
            "# Coaches\n\n## Requirements\n\nNFR-08 Cost. Running costs across all environments shall not exceed €22,000 a month.\n",
        ),
        doc(
            InputKind::Architecture,
            "architecture.md",
            "# Design\n\n## Cost estimate\n\nMonthly, at launch volumes, all three environments:\n\n| Item | EUR |\n|---|---|\n| AKS | 8,900 |\n| SQL | 18,500 |\n| **Total** | **27,400** |\n",
        ),
    ];
    let all = found(&inputs);
    assert!(
        has(&all, "budget-vs-estimate", "prd.md:5", "architecture.md:11"),
        "{all:?}"
    );
}

#[test]
fn non_production_environments_and_allowed_exceptions_are_no_conflicts() {
    let inputs = [
        doc(
            InputKind::Prd,
            "prd.md",
            "# Ferries\n\n## Requirements\n\n- NFR3: 99.95% monthly availability for booking.\n- NFR9: erasure requests are completed within 30 days; self-service export is available within 24 hours of the request.\n",
        ),
        doc(
            InputKind::InfrastructureGuidelines,
            "guidelines.md",
            "# Rules\n\nService control policies must:\n\n- deny all regions except eu-north-1 and eu-central-1;\n- Untagged spend above EUR 100 per month is escalated.\n",
        ),
        doc(
            InputKind::TechStack,
            "tech-stack.md",
            "# Stack\n\n| Environment | Account | Region | Purpose |\n|---|---|---|---|\n| dev | ferry-dev | eu-north-1 | Single-AZ database, 1 API task |\n| preview | ferry-dev | eu-north-1 | Ephemeral, deleted after 72 hours |\n\n| Service | Setting | Value |\n|---|---|---|\n| RDS | Deployment | Multi-AZ (production, staging), single-AZ (dev) |\n",
        ),
        doc(
            InputKind::Architecture,
            "architecture.md",
            "# Design\n\nThe VPC is in eu-north-1 across three zones.\n\nCost estimate against the EUR 22,000 per month target, with Savings Plans.\n",
        ),
    ];
    let all = found(&inputs);
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn measured_restores_lifecycle_deletions_and_region_allow_lists() {
    let inputs = [
        doc(
            InputKind::Prd,
            "prd.md",
            "# Archive\n\n## Requirements\n\n- Read access to priors shall be restored within 2 hours of losing a site.\n- Mammography studies shall be retained for 10 years.\n",
        ),
        doc(
            InputKind::InfrastructureGuidelines,
            "guidelines.md",
            "# Rules\n\n- Resources shall be deployed in West Europe or North Europe only.\n",
        ),
        doc(
            InputKind::Architecture,
            "architecture.md",
            "# Design\n\nThe failover exercise restored read access to priors in 3 hours 40 minutes.\n\nAn ILM rule moves objects to the cold tier after 90 days and deletes objects 7 years after ingest, for all modalities.\n\nThe fraud model endpoint is deployed in East US 2.\n",
        ),
    ];
    let all = found(&inputs);
    for (kind, rule, place) in [
        ("rto-vs-restore", "prd.md:5", "architecture.md:3"),
        ("retention-mismatch", "prd.md:6", "architecture.md:5"),
        (
            "residency-vs-region",
            "guidelines.md:3",
            "architecture.md:7",
        ),
    ] {
        assert!(has(&all, kind, rule, place), "{kind}: {all:?}");
    }
}

#[test]
fn a_missing_replica_is_one_node_whatever_is_switched_off_before_it() {
    let inputs = [
        doc(
            InputKind::Prd,
            "prd.md",
            "# Tickets\n\n## Requirements\n\n- The ticket API must be available 99.99% of the time.\n",
        ),
        doc(
            InputKind::Architecture,
            "architecture.md",
            "# Design\n\nRedis: one ElastiCache node per region, cluster mode off, no replica.\n",
        ),
    ];
    let all = found(&inputs);
    assert!(
        has(
            &all,
            "availability-vs-single-zone",
            "prd.md:5",
            "architecture.md:3"
        ),
        "{all:?}"
    );
}
