//! The shipped option catalog: complete, valid, and ranked differently for different stacks.

use std::collections::HashSet;

use infradraft::knowledge::{Catalog, Template};

#[test]
fn every_decision_has_at_least_three_full_options() {
    let catalog = Catalog::builtin().expect("the built-in catalog loads");
    let template = Template::builtin().unwrap();
    for decision in template.decisions() {
        let options: Vec<_> = catalog.for_component(decision.id).collect();
        assert!(
            options.len() >= 3,
            "{} has {} options",
            decision.id,
            options.len()
        );
        for o in options {
            assert!(o.pros.len() >= 3, "{}: {} pros", o.id, o.pros.len());
            assert!(o.cons.len() >= 3, "{}: {} cons", o.id, o.cons.len());
            assert!(!o.summary.trim().is_empty(), "{} has no summary", o.id);
            assert!(!o.tags.is_empty(), "{} has no tags", o.id);
            for text in o.pros.iter().chain(&o.cons) {
                assert!(text.trim().len() > 20, "{}: too thin: {text:?}", o.id);
            }
        }
    }
    let decisions: HashSet<&str> = template.decisions().map(|d| d.id).collect();
    for (decision, o) in catalog.entries() {
        assert!(
            decisions.contains(decision),
            "{} is for unknown decision {decision}",
            o.id
        );
    }
}

#[test]
fn option_ids_are_unique_and_tags_are_known() {
    let catalog = Catalog::builtin().unwrap();
    let mut ids = HashSet::new();
    for (_, o) in catalog.entries() {
        assert!(ids.insert(o.id.clone()), "duplicate id {}", o.id);
        for tag in o.tags.iter().chain(&o.conflicts_with) {
            assert!(
                tag.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}: tag {tag:?}",
                o.id
            );
        }
        for tag in o.tags.iter().chain(&o.conflicts_with) {
            assert!(
                infradraft::knowledge::tags::is_known(tag),
                "{}: unknown tag {tag:?} (not in the extraction vocabulary nor knowledge::tags::DESIGN_TAGS)",
                o.id
            );
        }
        for tag in &o.tags {
            assert!(
                !tag.starts_with("no-"),
                "{}: negated tag {tag} belongs in conflicts_with",
                o.id
            );
        }
    }
    assert!(ids.len() >= 48);
}

#[test]
fn a_team_catalog_adds_options_and_a_broken_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("catalog")).unwrap();
    std::fs::write(
        dir.path().join("catalog/ours.ron"),
        r#"CatalogFile(component: "compute-resources", options: [
            CatalogOption(id: "compute-house-paas", name: "House PaaS", summary: "Our own platform.",
                pros: ["a", "b", "c"], cons: ["d", "e", "f"],
                ratings: CatalogRatings(cost: 2, complexity: 2, operational_burden: 1, lock_in: 4),
                tags: ["containers"], conflicts_with: []),
        ])"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("catalog/broken.ron"),
        "CatalogFile(component: ",
    )
    .unwrap();
    let (catalog, warnings) = Catalog::load(dir.path());
    assert!(catalog.option("compute-house-paas").is_some());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("broken.ron:1:"), "{warnings:?}");
    std::fs::write(
        dir.path().join("catalog/broken.ron"),
        r#"CatalogFile(component: "x", options: [CatalogOption(id: "compute-managed-kubernetes", name: "dup", summary: "",
            pros: [], cons: [], ratings: CatalogRatings(cost: 1, complexity: 1, operational_burden: 1, lock_in: 1),
            tags: [], conflicts_with: [])])"#,
    )
    .unwrap();
    let (_, warnings) = Catalog::load(dir.path());
    assert!(
        warnings[0].contains("already in the catalog"),
        "{warnings:?}"
    );
}

mod ranking {
    use infradraft::analysis::ranking::{explain, rank};
    use infradraft::knowledge::Catalog;
    use infradraft::model::{Assumption, AssumptionTopic, SourceRef};

    fn fact(topic: AssumptionTopic, text: &str, tags: &[&str], line: u32) -> Assumption {
        Assumption {
            topic,
            text: text.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            source: Some(SourceRef {
                input: "/repo/docs/tech-stack.md".into(),
                line,
            }),
            modality: infradraft::model::Modality::Statement,
            incidental: false,
        }
    }

    fn top(component: &str, facts: &[Assumption]) -> (String, String) {
        let catalog = Catalog::builtin().unwrap();
        let ranked = rank(component, catalog.for_component(component), facts, &[], &[]);
        (ranked[0].option.id.clone(), explain(&ranked[0]))
    }

    #[test]
    fn contrasting_stacks_rank_different_options_first_and_say_why() {
        use AssumptionTopic::*;
        let aws_k8s = [
            fact(CloudProvider, "Cloud: AWS", &["aws"], 3),
            fact(
                ContainerOrchestration,
                "Orchestration: Amazon EKS",
                &["kubernetes", "eks"],
                7,
            ),
            fact(InfrastructureAsCode, "IaC: Terraform", &["terraform"], 9),
        ];
        let azure_serverless = [
            fact(CloudProvider, "Cloud: Azure", &["azure"], 3),
            fact(
                ServiceArchitecture,
                "Serverless monolith on Azure Functions",
                &["serverless", "functions", "monolith"],
                5,
            ),
            fact(InfrastructureAsCode, "IaC: Bicep", &["bicep"], 9),
        ];
        let on_prem = [
            fact(
                CloudProvider,
                "Runs in our two data centres",
                &["on-premises"],
                3,
            ),
            fact(
                ContainerOrchestration,
                "VMware virtual machines",
                &["vms"],
                4,
            ),
            fact(
                InfrastructureAsCode,
                "Configuration with Ansible",
                &["ansible"],
                8,
            ),
            fact(Other, "Kubernetes is not used", &["no-kubernetes"], 12),
        ];
        let (a, why_a) = top("compute-resources", &aws_k8s);
        let (b, why_b) = top("compute-resources", &azure_serverless);
        let (c, why_c) = top("compute-resources", &on_prem);
        assert_eq!(a, "compute-managed-kubernetes", "{why_a}");
        assert_eq!(b, "compute-serverless-functions", "{why_b}");
        assert_eq!(c, "compute-vm-autoscaling", "{why_c}");
        assert!(
            why_a.contains("`kubernetes`") && why_a.contains("tech-stack.md:7"),
            "{why_a}"
        );
        assert!(why_b.contains("`serverless`"), "{why_b}");
        assert!(why_c.contains("`vms`"), "{why_c}");

        let (a, _) = top("infrastructure-as-code", &aws_k8s);
        let (b, _) = top("infrastructure-as-code", &azure_serverless);
        let (c, _) = top("infrastructure-as-code", &on_prem);
        assert_eq!(a, "iac-terraform-opentofu");
        assert_eq!(b, "iac-provider-native");
        assert_eq!(c, "iac-config-management");

        // The contradiction is explained, and rules the option out: it ranks last.
        let catalog = Catalog::builtin().unwrap();
        let ranked = rank(
            "compute-resources",
            catalog.for_component("compute-resources"),
            &on_prem,
            &[],
            &[],
        );
        let k8s = ranked
            .iter()
            .find(|r| r.option.id == "compute-self-managed-kubernetes")
            .unwrap();
        assert!(k8s.is_ruled_out());
        assert!(
            explain(k8s).starts_with("ruled out: The option needs `kubernetes`, which the PRD rules out (`no-kubernetes`)"),
            "{}",
            explain(k8s)
        );
        assert_eq!(k8s.fit, 1);
        assert!(ranked.last().unwrap().is_ruled_out());
    }

    fn fact_with(
        topic: AssumptionTopic,
        text: &str,
        tags: &[&str],
        modality: infradraft::model::Modality,
    ) -> Assumption {
        Assumption {
            modality,
            ..fact(topic, text, tags, 1)
        }
    }

    #[test]
    fn the_hosting_target_leaves_out_what_a_prohibition_rules_out() {
        use infradraft::analysis::ranking::hosting_target;
        use infradraft::model::Modality::*;
        let facts = [
            fact_with(
                AssumptionTopic::CloudProvider,
                "Runs in our data centres",
                &["on-premises"],
                Statement,
            ),
            fact_with(
                AssumptionTopic::CloudProvider,
                "A weekly copy goes to Azure Blob Storage",
                &["azure"],
                Statement,
            ),
            fact_with(
                AssumptionTopic::CloudProvider,
                "Public cloud services must not be used",
                &["no-public-cloud"],
                Prohibition,
            ),
        ];
        assert_eq!(hosting_target(&facts), ["on-premises"]);
        assert_eq!(hosting_target(&facts[..2]), ["azure", "on-premises"]);
        // Every public cloud ruled out and no place named: the project's own premises.
        assert_eq!(hosting_target(&facts[2..]), ["on-premises"]);
        let each = fact_with(
            AssumptionTopic::CloudProvider,
            "We don't use AWS, Azure or Google Cloud for anything",
            &["no-aws", "no-azure", "no-gcp"],
            Prohibition,
        );
        assert_eq!(hosting_target(std::slice::from_ref(&each)), ["on-premises"]);
        // One cloud ruled out says nothing about where the project runs.
        let one = fact_with(
            AssumptionTopic::CloudProvider,
            "AWS is off the table",
            &["no-aws"],
            Prohibition,
        );
        assert!(hosting_target(&[one]).is_empty());
    }

    #[test]
    fn options_not_realised_on_the_target_or_lacking_what_they_need_are_ruled_out() {
        use infradraft::model::Modality::*;
        let catalog = Catalog::builtin().unwrap();
        let on_prem = [fact_with(
            AssumptionTopic::CloudProvider,
            "Everything runs in our two data centres",
            &["on-premises"],
            Statement,
        )];
        let ranked = rank(
            "data-resources",
            catalog.for_component("data-resources"),
            &on_prem,
            &[],
            &[],
        );
        let managed = ranked
            .iter()
            .find(|r| r.option.id == "data-managed-relational")
            .unwrap();
        assert!(
            managed
                .ruled_out
                .iter()
                .any(|r| r.contains("realised on aws/azure/gcp only")),
            "{:?}",
            managed.ruled_out
        );
        assert!(!ranked[0].is_ruled_out());
        // A migration plan needs an estate to migrate; a new product's inputs name none.
        let new_product = [fact_with(
            AssumptionTopic::Other,
            "Tallow is a new product for small bakeries",
            &["greenfield"],
            Statement,
        )];
        let ranked = rank(
            "infrastructure-evolution-plan",
            catalog.for_component("infrastructure-evolution-plan"),
            &new_product,
            &[],
            &[],
        );
        assert_eq!(
            ranked[0].option.id,
            "evo-product-roadmap",
            "{}",
            explain(&ranked[0])
        );
        for r in ranked
            .iter()
            .filter(|r| r.option.id != "evo-product-roadmap")
        {
            assert!(
                r.ruled_out.iter().any(|x| x.contains("`existing-estate`")),
                "{}: {:?}",
                r.option.id,
                r.ruled_out
            );
        }
        let replacing = [fact_with(
            AssumptionTopic::Other,
            "Tallow replaces the ageing order desk",
            &["system-replacement", "existing-estate"],
            Statement,
        )];
        let ranked = rank(
            "infrastructure-evolution-plan",
            catalog.for_component("infrastructure-evolution-plan"),
            &replacing,
            &[],
            &[],
        );
        assert_eq!(
            ranked[0].option.id,
            "evo-incremental-strangler",
            "{}",
            explain(&ranked[0])
        );
    }

    #[test]
    fn a_card_for_one_target_is_the_option_as_built_there() {
        let catalog = Catalog::builtin().unwrap();
        let option = catalog.option("data-managed-relational").unwrap();
        let general = option.to_card(None);
        let azure = option.to_card_for(None, &["azure"]);
        assert!(general.realised_on.is_empty());
        assert!(
            azure.realised_on.ends_with("(Azure)"),
            "{}",
            azure.realised_on
        );
        assert!(
            azure.realised_on.contains("Azure Database for PostgreSQL"),
            "{}",
            azure.realised_on
        );
        assert_ne!(azure.summary, general.summary);
        // The option in general names no one provider's products.
        for word in ["Amazon", "AWS", "Azure", "Google"] {
            assert!(
                !general.summary.contains(word),
                "{word}: {}",
                general.summary
            );
        }
        // A hybrid project sees the services on each of its targets.
        let hybrid = option.to_card_for(None, &["azure", "aws"]);
        assert!(
            hybrid.realised_on.contains("(Azure); "),
            "{}",
            hybrid.realised_on
        );
        assert_eq!(hybrid.summary, general.summary);
    }

    #[test]
    fn scaling_to_zero_is_judged_as_the_option_is_built_on_the_target() {
        use infradraft::model::Modality::Statement;
        use infradraft::model::{Requirement, RequirementCategory, RequirementOrigin};
        let catalog = Catalog::builtin().unwrap();
        let idle = [Requirement {
            id: "NFR7".into(),
            category: RequirementCategory::Cost,
            text:
                "The booking API must scale to zero when idle, so that quiet months cost nothing."
                    .into(),
            origin: RequirementOrigin::Extracted,
            source: None,
        }];
        let on = |provider: &str, tag: &str| {
            let facts = [fact_with(
                AssumptionTopic::CloudProvider,
                &format!("Everything runs on {provider}"),
                &[tag],
                Statement,
            )];
            rank(
                "compute-resources",
                catalog.for_component("compute-resources"),
                &facts,
                &idle,
                &[],
            )
            .into_iter()
            .map(|r| (r.option.id.clone(), r.is_ruled_out(), explain(&r)))
            .collect::<Vec<_>>()
        };
        let find = |ranked: &[(String, bool, String)], id: &str| {
            ranked.iter().find(|r| r.0 == id).cloned().unwrap()
        };
        let aws = on("AWS", "aws");
        let azure = on("Azure", "azure");
        let gcp = on("Google Cloud", "gcp");
        // ECS on Fargate keeps its tasks running: met only with a schedule.
        let (_, out, why) = find(&aws, "compute-managed-containers");
        assert!(!out, "{why}");
        assert!(
            why.contains("met only with a scheduled scaling action"),
            "{why}"
        );
        // Container Apps and Cloud Run stop every instance without requests.
        let (_, out, why) = find(&azure, "compute-managed-containers");
        assert!(!out, "{why}");
        assert!(why.contains("Container Apps"), "{why}");
        assert!(why.contains("when idle required (NFR7)"), "{why}");
        assert!(!why.contains("met only with"), "{why}");
        let (_, out, why) = find(&gcp, "compute-managed-containers");
        assert!(
            !out && why.contains("Cloud Run services with no minimum instances"),
            "{why}"
        );
        // A hosting plan billed whether or not it serves is ruled out, except App Engine standard.
        let (_, out, why) = find(&azure, "compute-paas-app-hosting");
        assert!(out, "{why}");
        assert!(why.contains("not met"), "{why}");
        let (_, out, why) = find(&gcp, "compute-paas-app-hosting");
        assert!(!out, "{why}");
        assert!(why.contains("App Engine standard"), "{why}");
        // Functions meet it everywhere, and the AWS project's pick scales to zero unaided.
        assert!(!find(&aws, "compute-serverless-functions").1);
        assert!(
            ["compute-serverless-functions"].contains(&aws[0].0.as_str()),
            "{}",
            aws[0].2
        );
    }
}
