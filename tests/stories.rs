//! Technical stories and epic impacts: existing epics and stories parsed from the inputs, stories
//! drafted from the decisions, refinements to the existing stories, and the Markdown summary.

mod common;

use infradraft::analysis::stories::{
    Epic, IMPACT_HEADING, draft_stories, epics, impact_markdown, rule_list, story_markdown,
    suggest_refinements,
};
use infradraft::knowledge::{Catalog, Template};
use infradraft::model::{
    ComponentDesign, InputDocument, InputKind, OptionCard, Ratings, Section, Session, StorySize,
};
use infradraft::workflow::design;
use jiff::Timestamp;

fn now() -> Timestamp {
    Timestamp::from_second(1_800_000_000).unwrap()
}

/// The sample project drafted in YOLO mode: every component has options and a recommendation,
/// nothing is decided.
fn yolo_sample() -> (Session, Template) {
    (
        common::yolo_sample(now(), now(), vec![]),
        Template::builtin().unwrap(),
    )
}

/// Decides `id` for `option`, adding the catalog card to the component first if it is not there.
fn decide(s: &mut Session, template: &Template, id: &str, option: &str) {
    let catalog = Catalog::builtin().unwrap();
    let c = s.component_mut(id).unwrap();
    if c.option(option).is_none() {
        let card = catalog.option(option).unwrap().to_card(None);
        c.options.push(card);
    }
    design::decide(
        s,
        template,
        id,
        option,
        "It fits the team. It is also cheap.",
        &[],
        vec![],
        now(),
    )
    .unwrap();
}

/// The sample with every component decided as recommended.
fn decided_sample() -> Session {
    let (mut s, template) = yolo_sample();
    let ids: Vec<String> = s.components.iter().map(|c| c.id.clone()).collect();
    for id in ids {
        let rec = s.component(&id).unwrap().recommendation.clone().unwrap();
        design::decide(
            &mut s,
            &template,
            &id,
            &rec.option,
            &rec.rationale,
            &[],
            vec![],
            now(),
        )
        .unwrap();
    }
    s
}

fn doc(path: &str, kind: InputKind, text: &str) -> InputDocument {
    InputDocument {
        kind,
        path: path.into(),
        sha256: infradraft::inputs::sha256_hex(text),
        snapshot_at: now(),
        text: text.into(),
    }
}

fn sample_epics() -> Vec<Epic> {
    let (s, _) = yolo_sample();
    epics(&s.inputs)
}

#[test]
fn sample_prd_epics_and_stories() {
    let found = sample_epics();
    let numbers: Vec<&str> = found.iter().map(|e| e.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5"]);
    let counts: Vec<usize> = found.iter().map(|e| e.stories.len()).collect();
    assert_eq!(counts, [4, 3, 4, 3, 3]);
    assert_eq!(counts.iter().sum::<usize>(), 17);

    let e1 = &found[0];
    assert_eq!(e1.title, "Foundation and Booking Core");
    assert_eq!(e1.source.input, "builtin:sample/prd.md");
    assert_eq!(e1.source.line, 138);
    assert_eq!(found[4].title, "Compliance, Resilience and Go-Live");

    let s11 = e1.story("1.1").unwrap();
    assert_eq!(s11.title, "Environments and delivery pipeline");
    assert_eq!(s11.source.line, 142);
    assert_eq!(s11.label(), "Story 1.1");
    assert!(
        s11.user_story
            .as_deref()
            .unwrap()
            .starts_with("As a developer, I want dev, staging and production environments")
    );
    assert_eq!(s11.acceptance_criteria.len(), 4);
    assert_eq!(
        s11.acceptance_criteria[0],
        "Dev, staging and production run in separate AWS accounts and are created only by Terraform from the monorepo."
    );
    assert_eq!(
        s11.acceptance_criteria[3],
        "A failed health check after deployment rolls back automatically."
    );

    let s23 = found[1].story("2.3").unwrap();
    assert_eq!(s23.title, "Season opening sale readiness");
    assert_eq!(s23.acceptance_criteria.len(), 4);
    let s34 = found[2].story("3.4").unwrap();
    assert_eq!(s34.acceptance_criteria.len(), 2);
    let s52 = found[4].story("5.2").unwrap();
    assert_eq!(s52.title, "Disaster recovery drill");
    assert!(s52.acceptance_criteria[1].contains("below 15 minutes"));
    // Every story of the sample has a user story and at least two criteria.
    for e in &found {
        for s in &e.stories {
            assert!(s.user_story.is_some(), "{}", s.number);
            assert!(s.acceptance_criteria.len() >= 2, "{}", s.number);
            assert_eq!(s.epic_number(), e.number);
        }
    }
}

/// A PRD in another style: front matter, an epic list, a setext `EPIC 1.` heading, `Story 1 -`
/// without the epic part, bold labels, task-list and `1)` lists, a nested criterion, `US-2.1` under
/// no epic heading, a level-5 criteria heading, a story in a code block, a duplicate and an orphan.
const OTHER_PRD: &str = "---
title: Harbour Ops
---

# Harbour Ops PRD

## Epics

- Epic 1 \u{2014} Platform: accounts, pipeline and monitoring.
- Epic 2 - Berth planning \u{2013} schedule berths a week ahead.
- Epic 3: Reporting \u{2014} weekly KPIs.

EPIC 1. Platform
----------------

Goal: a platform to build on.

#### Story 1 - Accounts and access

**User story:** As an operator, I want SSO into every console, so that leavers lose access at once.

**Acceptance criteria:**

- [ ] SSO with MFA for all consoles.
- [ ] Break-glass accounts are audited.
  - Reviewed quarterly.

Notes: the identity team owns the IdP.

- not a criterion either

#### Story 1.2 \u{2014} Delivery pipeline

As a developer, I want a pipeline for every service, so that releases are boring.

Acceptance Criteria

1) Builds run on every push.
2) Production deploys need an approval.

#### Technical notes

- not a criterion

### US-2.1: Berth schedule import

As a harbour master, I want the berth schedule imported nightly, so that planners start from current data.

##### Acceptance criteria

* Imports run nightly.
* Overlapping berths are rejected.
* A failed import raises an alert.

```markdown
## Story 9.9: not a story
```

## Epic 3 \u{2013} Reporting

### Story 3.1: Weekly KPIs

Acceptance criteria:
1. KPI A is reported.
2. KPI B is reported.
3. KPI C is reported.

### Story 3.1: A duplicate that is ignored

## Appendix

### Story 4.1: Orphan story
";

#[test]
fn a_differently_formatted_prd() {
    let inputs = vec![doc("docs/prd.md", InputKind::Prd, OTHER_PRD)];
    let found = epics(&inputs);
    let numbers: Vec<&str> = found.iter().map(|e| e.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);

    let e1 = &found[0];
    assert_eq!(e1.title, "Platform");
    assert_eq!(e1.source.line, 13);
    let stories: Vec<(&str, &str)> = e1
        .stories
        .iter()
        .map(|s| (s.number.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        stories,
        [("1.1", "Accounts and access"), ("1.2", "Delivery pipeline")]
    );
    let s11 = &e1.stories[0];
    assert_eq!(
        s11.user_story.as_deref(),
        Some("As an operator, I want SSO into every console, so that leavers lose access at once.")
    );
    assert_eq!(
        s11.acceptance_criteria,
        [
            "SSO with MFA for all consoles.",
            "Break-glass accounts are audited. Reviewed quarterly."
        ]
    );
    assert_eq!(s11.source.line, 18);
    assert_eq!(
        e1.stories[1].acceptance_criteria,
        [
            "Builds run on every push.",
            "Production deploys need an approval."
        ]
    );

    // No heading for epic 2: titled from the epic list, sourced at its line there.
    let e2 = &found[1];
    assert_eq!(e2.title, "Berth planning");
    assert_eq!(e2.source.line, 10);
    assert_eq!(e2.stories.len(), 1);
    assert_eq!(e2.stories[0].number, "2.1");
    assert_eq!(e2.stories[0].title, "Berth schedule import");
    assert_eq!(e2.stories[0].acceptance_criteria.len(), 3);
    assert!(
        e2.stories[0]
            .user_story
            .as_deref()
            .unwrap()
            .starts_with("As a harbour master")
    );

    let e3 = &found[2];
    assert_eq!(e3.title, "Reporting");
    assert_eq!(e3.stories.len(), 1, "the duplicate 3.1 is ignored");
    assert_eq!(e3.stories[0].title, "Weekly KPIs");
    assert_eq!(e3.stories[0].acceptance_criteria.len(), 3);

    let e4 = &found[3];
    assert_eq!(e4.title, "");
    assert_eq!(e4.stories[0].title, "Orphan story");
    assert_eq!(e4.source, e4.stories[0].source);

    assert!(
        found
            .iter()
            .flat_map(|e| &e.stories)
            .all(|s| s.number != "9.9")
    );
}

#[test]
fn prds_are_read_first_and_first_occurrences_win() {
    let other = doc(
        "notes.md",
        InputKind::Other,
        "## Epic 1: Notes title\n\n### Story 1.1: Other title\n\n### Story 1.9: Only here\n",
    );
    let prd = doc("prd.md", InputKind::Prd, OTHER_PRD);
    let found = epics(&[other, prd]);
    assert_eq!(found[0].title, "Platform");
    assert_eq!(found[0].stories[0].title, "Accounts and access");
    let s19 = found[0].story("1.9").unwrap();
    assert_eq!(s19.source.input, "notes.md");
    assert!(epics(&[]).is_empty());
    assert!(epics(&[doc("x.md", InputKind::Prd, "# Nothing\n\nHere.\n")]).is_empty());
}

#[test]
fn nothing_decided_drafts_nothing() {
    let (s, _) = yolo_sample();
    assert!(
        draft_stories(&s).is_empty(),
        "recommendations are not decisions"
    );
    let found = epics(&s.inputs);
    assert!(suggest_refinements(&s, &found).is_empty());
    let md = impact_markdown(&s, &found, &[], &[]);
    assert!(md.contains("no component has a recorded decision yet"));
    assert!(md.contains("No changes are proposed to existing stories."));
    assert!(md.contains("**Totals:** 0 new infrastructure stories and 0 changes"));
}

#[test]
fn terraform_decision_gives_the_remote_state_story() {
    let (mut s, template) = yolo_sample();
    decide(
        &mut s,
        &template,
        "infrastructure-as-code",
        "iac-terraform-opentofu",
    );
    let stories = draft_stories(&s);
    let titles: Vec<&str> = stories.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Bootstrap remote state and locking",
            "Plan in pull requests, apply from the pipeline"
        ]
    );
    let state = &stories[0];
    assert_eq!(state.id, "INFRA-1");
    assert_eq!(state.as_a, "platform engineer");
    assert!(state.i_want.contains("locking and versioning"));
    assert!(state.i_want.contains("Terraform or OpenTofu"));
    assert!(
        state
            .so_that
            .contains("concurrent applies cannot corrupt state")
    );
    assert_eq!(state.section.as_deref(), Some("infrastructure-as-code"));
    assert_eq!(state.decision.as_deref(), Some("infrastructure-as-code"));
    assert_eq!(state.size, StorySize::Medium);
    let k = state.acceptance_criteria.join("\n");
    for needle in [
        "encrypted",
        "versioned",
        "locking is enforced",
        "pipeline's deployment role",
        "Recovery of a corrupted or deleted state file",
    ] {
        assert!(k.contains(needle), "{needle}");
    }
    assert_eq!(stories[1].id, "INFRA-2");
}

#[test]
fn other_decisions_pick_their_rules() {
    let (mut s, template) = yolo_sample();
    decide(
        &mut s,
        &template,
        "compute-resources",
        "compute-managed-kubernetes",
    );
    decide(&mut s, &template, "ci-cd-pipeline", "cicd-hosted-ci-gitops");
    decide(&mut s, &template, "disaster-recovery", "dr-warm-standby");
    decide(
        &mut s,
        &template,
        "monitoring-observability",
        "obs-otel-managed-prometheus",
    );
    decide(
        &mut s,
        &template,
        "environment-transition-strategy",
        "trans-canary-analysis",
    );
    let titles: Vec<(String, String)> = draft_stories(&s)
        .into_iter()
        .map(|t| (t.decision.unwrap(), t.title))
        .collect();
    let expected = [
        ("compute-resources", "Kubernetes cluster baseline"),
        (
            "monitoring-observability",
            "Telemetry pipeline and SLO alerts",
        ),
        (
            "ci-cd-pipeline",
            "Delivery pipeline with gated production deployments",
        ),
        ("ci-cd-pipeline", "GitOps repository and sync policy"),
        ("disaster-recovery", "DR region bootstrap"),
        ("disaster-recovery", "Failover drill against RPO and RTO"),
        (
            "environment-transition-strategy",
            "Environment promotion pipeline",
        ),
        (
            "environment-transition-strategy",
            "Progressive delivery with automatic rollback",
        ),
    ];
    let got: Vec<(&str, &str)> = titles
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_custom_component_gets_the_generic_story() {
    let mut s = Session::empty("t", "p", now());
    s.sections
        .push(Section::new("edge-caching", "Edge Caching"));
    let mut c = ComponentDesign::new("edge-caching", "Cache at the edge");
    for (id, name) in [("a", "Fastly CDN"), ("b", "Own Varnish")] {
        c.options.push(OptionCard {
            id: id.into(),
            name: name.into(),
            summary: String::new(),
            pros: vec![],
            cons: vec![],
            ratings: Ratings::default(),
            tags: vec![],
            conflicts_with: vec![],
            catalog_id: None,
            capabilities: Default::default(),
            answers: Vec::new(),
            realised_on: String::new(),
        });
    }
    s.components.push(c);
    design::decide(
        &mut s,
        &Template::builtin().unwrap(),
        "edge-caching",
        "a",
        "cheap",
        &[],
        vec![],
        now(),
    )
    .unwrap();
    let stories = draft_stories(&s);
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].title, "Implement Edge Caching: Fastly CDN");
    assert!(stories[0].acceptance_criteria.len() >= 3);
    assert_eq!(stories[0].section.as_deref(), Some("edge-caching"));
}

#[test]
fn all_components_decided_give_deterministic_stories() {
    let s = decided_sample();
    let a = draft_stories(&s);
    let b = draft_stories(&s.clone());
    assert_eq!(a, b);
    assert!(a.len() >= 16, "{} stories", a.len());
    for (i, t) in a.iter().enumerate() {
        assert_eq!(t.id, format!("INFRA-{}", i + 1));
        assert!(t.acceptance_criteria.len() >= 3, "{}", t.title);
        assert!(matches!(
            t.size,
            StorySize::Small | StorySize::Medium | StorySize::Large
        ));
        let decision = s.component(t.decision.as_deref().unwrap()).unwrap();
        assert_eq!(t.section.as_deref(), Some(decision.section_id()));
    }
    // Every decided component has at least one story, in template order.
    let order: Vec<usize> = a
        .iter()
        .map(|t| {
            s.sections
                .iter()
                .position(|x| Some(&x.id) == t.section.as_ref())
                .unwrap()
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]));
    for c in &s.components {
        assert!(
            a.iter()
                .any(|t| t.decision.as_deref() == Some(c.id.as_str())),
            "{} has no story",
            c.id
        );
    }
    // The sample decides Terraform: the remote-state story is among them.
    assert!(
        a.iter()
            .any(|t| t.title == "Bootstrap remote state and locking")
    );
    // Titles are unique.
    let mut titles: Vec<&str> = a.iter().map(|t| t.title.as_str()).collect();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), a.len());
}

#[test]
fn refinements_name_real_sample_stories() {
    let s = decided_sample();
    let found = epics(&s.inputs);
    let refinements = suggest_refinements(&s, &found);
    assert_eq!(refinements, suggest_refinements(&s, &found));
    assert!(refinements.len() >= 10, "{}", refinements.len());
    let labels: Vec<String> = found
        .iter()
        .flat_map(|e| e.stories.iter().map(|s| s.label()))
        .collect();
    for r in &refinements {
        assert!(labels.contains(&r.story), "{}", r.story);
        let d = r.decision.as_deref().unwrap();
        let c = s.component(d).unwrap();
        let chosen = c.option(&c.decision.as_ref().unwrap().option).unwrap();
        assert!(r.why.contains(&chosen.name), "{}", r.why);
        assert!(!r.change.is_empty());
    }
    let has = |story: &str, component: &str| {
        refinements
            .iter()
            .find(|r| r.story == story && r.decision.as_deref() == Some(component))
    };
    let pipeline = has("Story 1.1", "ci-cd-pipeline").expect("1.1 × CI/CD");
    assert!(
        pipeline
            .change
            .contains("Hosted CI/CD with push deployments")
    );
    assert!(has("Story 1.1", "infrastructure-as-code").is_some());
    let obs = has("Story 1.2", "monitoring-observability").expect("1.2 × monitoring");
    let monitoring = s.component("monitoring-observability").unwrap();
    let chosen = monitoring
        .option(&monitoring.decision.as_ref().unwrap().option)
        .unwrap();
    // The guidelines mandate OpenTelemetry with Amazon Managed Prometheus and Grafana, and the
    // pick follows them.
    assert_eq!(
        chosen.name,
        "OpenTelemetry with managed Prometheus and Grafana"
    );
    assert!(obs.change.contains(&chosen.name), "{}", obs.change);
    assert!(
        has("Story 2.3", "compute-resources").is_some(),
        "readiness × compute"
    );
    assert!(
        has("Story 3.2", "data-resources").is_some(),
        "offline × data"
    );
    assert!(has("Story 3.3", "data-resources").is_some(), "sync × data");
    assert!(
        has("Story 5.1", "security-architecture").is_some(),
        "GDPR × security"
    );
    assert!(
        has("Story 5.2", "disaster-recovery").is_some(),
        "DR drill × DR"
    );
    assert!(
        has("Story 5.3", "infrastructure-evolution-plan").is_some(),
        "cutover × evolution"
    );
    // The DR drill refinement reflects the decided strategy (a warm standby in a second region,
    // which NFR4's loss of a region asks for).
    let dr = has("Story 5.2", "disaster-recovery").unwrap();
    assert!(
        dr.change
            .contains("DR strategy (Warm standby): it fails over to the prepared DR region"),
        "{}",
        dr.change
    );
    assert!(!dr.change.contains("keeps everything in one region"));
    // At most one refinement per story and component.
    for (i, a) in refinements.iter().enumerate() {
        for b in &refinements[i + 1..] {
            assert!(!(a.story == b.story && a.decision == b.decision));
        }
    }
}

#[test]
fn the_summary_has_its_headings_totals_and_full_stories() {
    let s = decided_sample();
    let found = epics(&s.inputs);
    let stories = draft_stories(&s);
    let refinements = suggest_refinements(&s, &found);
    let md = impact_markdown(&s, &found, &stories, &refinements);
    assert_eq!(md, impact_markdown(&s, &found, &stories, &refinements));
    assert!(md.starts_with(&format!("{IMPACT_HEADING}\n\n**Totals:** ")));
    assert_eq!(IMPACT_HEADING, "## Technical Stories and Epic Impacts");
    let new_at = md.find("\n### New infrastructure stories\n").unwrap();
    let changes_at = md.find("\n### Changes to existing stories\n").unwrap();
    assert!(new_at < changes_at);
    assert_eq!(md.matches("\n## ").count(), 0, "one level-2 heading only");

    let touched: std::collections::BTreeSet<&str> =
        refinements.iter().map(|r| r.story.as_str()).collect();
    let totals = format!(
        "**Totals:** {} new infrastructure stories and {} changes to {} existing stories in 5 epics.",
        stories.len(),
        refinements.len(),
        touched.len()
    );
    assert!(md.contains(&totals), "{}", md.lines().nth(2).unwrap());
    let small = stories
        .iter()
        .filter(|t| t.size == StorySize::Small)
        .count();
    assert!(md.contains(&format!("New stories by size: {small} Small, ")));

    // Every story in full, under its section's heading, with its criteria as checkboxes.
    for t in &stories {
        let block = story_markdown(t).replacen("#### ", "##### ", 1);
        assert!(md.contains(&block), "{}", t.id);
    }
    let boxes: usize = stories.iter().map(|t| t.acceptance_criteria.len()).sum();
    assert_eq!(md.matches("- [ ] ").count(), boxes);
    assert!(md.contains("#### Infrastructure as Code\n\n##### INFRA-"));
    assert!(md[..changes_at].contains("**Size:** Medium"));

    // Changes grouped by epic, naming the stories.
    let changes = &md[changes_at..];
    assert!(changes.contains("#### Epic 1: Foundation and Booking Core\n\n**Story 1.1: Environments and delivery pipeline** (prd.md:142)"));
    assert!(changes.contains("#### Epic 5: Compliance, Resilience and Go-Live"));
    assert!(changes.contains("- **CI/CD Pipeline:** Add a criterion"));
    assert_eq!(changes.matches("  - *Why:* ").count(), refinements.len());
    assert!(!md.ends_with('\n') || !md.ends_with("\n\n"));
}

#[test]
fn story_markdown_stands_alone() {
    let (mut s, template) = yolo_sample();
    decide(
        &mut s,
        &template,
        "infrastructure-as-code",
        "iac-terraform-opentofu",
    );
    let story = &draft_stories(&s)[0];
    let md = story_markdown(story);
    assert!(md.starts_with("#### INFRA-1: Bootstrap remote state and locking\n\n**Size:** Medium"));
    assert!(md.contains("As a platform engineer, I want a remote state backend"));
    assert!(md.contains("**Acceptance criteria**\n\n- [ ] State is stored"));
}

#[test]
fn the_rule_list_covers_every_component() {
    let rules = rule_list();
    assert!(rules.iter().filter(|r| !r.fallback).count() >= 20);
    let template = Template::builtin().unwrap();
    for c in template.components() {
        assert!(
            rules.iter().any(|r| r.components.contains(&c.id.as_str())),
            "{}",
            c.id
        );
    }
}
