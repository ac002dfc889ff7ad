//! Diagram validation (our own Mermaid checks) and the starter diagrams drafted from decisions.

mod common;

use infradraft::analysis::diagram_check::{DiagramProblem, Severity, validate};
use infradraft::model::{Decision, DiagramKind, Session};
use infradraft::workflow::diagrams::{MARKER, STARTER_IDS, label, new_custom, refresh, starters};
use jiff::Timestamp;
use proptest::prelude::*;

fn now() -> Timestamp {
    Timestamp::from_second(1_800_000_000).unwrap()
}

/// The sample project drafted in YOLO mode: every component has a recommendation, none a decision.
fn yolo_sample() -> Session {
    common::yolo_sample(now(), now(), vec![])
}

fn shown(problems: &[DiagramProblem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

/// The name of the option recommended (or decided) for `component`.
fn chosen_name(s: &Session, component: &str) -> String {
    let c = s.component(component).unwrap();
    let id = match &c.decision {
        Some(d) => d.option.clone(),
        None => c.recommendation.as_ref().unwrap().option.clone(),
    };
    c.option(&id).unwrap().name.clone()
}

/// The diagram's lines without the `%%` comments.
fn drawn(source: &str) -> String {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("%%"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_unclosed_subgraph_is_reported_where_it_was_opened() {
    let source = "flowchart TB\n    users([Users]) --> lb[Load balancer]\n    subgraph vpc [VPC]\n        lb --> app[App]\n        subgraph data [Data]\n            db[(Database)]\n        end\n    app --> db\n";
    let problems = validate(source);
    assert_eq!(
        shown(&problems),
        ["line 3: unclosed subgraph `vpc`: opened on line 3 and never closed with `end`"]
    );
    assert_eq!(problems[0].line, 3);
    assert_eq!(problems[0].severity, Severity::Error);
}

#[test]
fn an_arrow_without_a_target_is_reported_on_its_line() {
    let problems =
        validate("flowchart LR\n    A[Client] --> B[API]\n    B --> C[(DB)]\n    C -->\n");
    assert_eq!(shown(&problems), ["line 4: arrow without a target"]);
    assert!(problems[0].is_error());
    assert_eq!(
        shown(&validate("graph TD\n  A -->|label|\n")),
        ["line 2: arrow without a target"]
    );
    assert_eq!(
        shown(&validate("flowchart LR\n  --> B\n")),
        ["line 2: arrow without a source"]
    );
}

#[test]
fn an_unknown_diagram_type_is_reported() {
    assert_eq!(
        shown(&validate("networkDiagram\n    A --> B\n")),
        ["line 1: unknown diagram type `networkDiagram`"]
    );
    // Comments and blank lines before the type are skipped; lines still count from the source's
    // first line.
    assert_eq!(
        shown(&validate("%% the network\n\nflowchrt LR\n  A --> B\n")),
        ["line 3: unknown diagram type `flowchrt` (did you mean `flowchart`?)"]
    );
    let missing = validate("A --> B\n");
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].message.starts_with("no diagram type"),
        "{missing:?}"
    );
    // Other known types are accepted without further checks.
    assert!(validate("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n").is_empty());
}

#[test]
fn dangling_references_are_warnings() {
    let problems = validate(
        "flowchart LR\n    API[Booking API] --> DB[(Database)]\n    style Cache fill:#f96\n    click Web \"https://example.com\"\n    worker --> api\n",
    );
    assert_eq!(
        shown(&problems),
        [
            "line 3: `style` refers to `Cache`, which no node or edge in the diagram defines",
            "line 4: `click` refers to `Web`, which no node or edge in the diagram defines",
            "line 5: node `api` differs only in case from `API` (line 2); Mermaid treats them as two nodes — a typo?",
        ]
    );
    assert!(problems.iter().all(|p| p.severity == Severity::Warning));
}

#[test]
fn an_empty_diagram_is_an_error() {
    for source in ["", "\n   \n", "%% nothing yet\n"] {
        let problems = validate(source);
        assert_eq!(problems.len(), 1, "{source:?}");
        assert_eq!(problems[0].line, 0);
        assert!(problems[0].is_error());
        assert_eq!(
            problems[0].to_string(),
            "empty diagram: it has no diagram type and no content"
        );
    }
}

#[test]
fn sequence_diagram_problems() {
    let source = "sequenceDiagram\n    participant C as Client\n    C->>API: book\n    API-->>\n    API->>DB\n    activate Queue\n    loop every minute\n        C->>API: poll\n    alt ok\n        API-->>C: 200\n    else failed\n        API-->>C: 500\n    end\n";
    assert_eq!(
        shown(&validate(source)),
        [
            "line 4: message without a receiver",
            "line 5: message without text: add `: …` after `DB`",
            "line 6: `activate` refers to `Queue`, which no declaration or message in the diagram mentions",
            "line 7: unclosed `loop` block: opened on line 7 and never closed with `end`",
        ]
    );
    assert_eq!(
        shown(&validate("sequenceDiagram\n    A->>B: hi\n    end\n")),
        ["line 3: stray `end`: no block is open"]
    );
    // Participants may be declared implicitly by messages.
    assert!(
        validate("sequenceDiagram\n  A->>B: hi\n  activate B\n  Note over A,B: ok\n").is_empty()
    );
}

#[test]
fn starters_for_the_yolo_sample_validate_cleanly_and_name_the_choices() {
    let s = yolo_sample();
    let diagrams = starters(&s);
    let ids: Vec<&str> = diagrams.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, STARTER_IDS);
    for d in &diagrams {
        let problems = validate(&d.source);
        assert!(
            problems.is_empty(),
            "{}:\n{}\n{problems:#?}",
            d.id,
            d.source
        );
        assert!(d.source.starts_with(&format!("{MARKER}\n")), "{}", d.id);
        assert_eq!(d.title, d.kind.label());
    }
    let by_id = |id: &str| diagrams.iter().find(|d| d.id == id).unwrap();
    let expect = [
        (
            "network-topology",
            DiagramKind::NetworkTopology,
            "network-architecture",
            &[
                "network-architecture",
                "compute-resources",
                "data-resources",
            ][..],
        ),
        (
            "data-flow",
            DiagramKind::DataFlow,
            "data-resources",
            &["compute-resources", "data-resources"][..],
        ),
        (
            "deployment-pipeline",
            DiagramKind::DeploymentPipeline,
            "ci-cd-pipeline",
            &[
                "ci-cd-pipeline",
                "environment-transition-strategy",
                "infrastructure-as-code",
            ][..],
        ),
        (
            "environment-relationships",
            DiagramKind::EnvironmentRelationships,
            "environment-transition-strategy",
            &["environment-transition-strategy"][..],
        ),
    ];
    for (id, kind, section, components) in expect {
        let d = by_id(id);
        assert_eq!(d.kind, kind);
        assert_eq!(d.section.as_deref(), Some(section));
        let body = drawn(&d.source);
        for component in components {
            let name = chosen_name(&s, component);
            assert!(
                body.contains(&name),
                "{id} should show {name}:\n{}",
                d.source
            );
        }
        // Nothing is decided yet: the source says the choices are recommendations.
        assert!(d.source.contains("(recommended, not decided)"), "{id}");
    }
    // The data section's cache and messaging decisions show up in the data flow, and say where
    // they come from.
    let flow = &by_id("data-flow").source;
    for expected in [
        "Cache: Managed in-memory cache",
        "Queue: Managed message queues",
        "data-cache: Managed in-memory cache (Valkey or Redis compatible) (recommended, not decided)",
    ] {
        assert!(flow.contains(expected), "{expected}\n{flow}");
    }
    // The sample is on AWS: the network is a VPC.
    assert!(by_id("network-topology").source.contains("VPC"));
}

#[test]
fn decisions_win_over_recommendations() {
    let mut s = yolo_sample();
    let c = s.component_mut("compute-resources").unwrap();
    let rec = c.recommendation.as_ref().unwrap().option.clone();
    let other = c.options.iter().find(|o| o.id != rec).unwrap().clone();
    c.decision = Some(Decision {
        option: other.id.clone(),
        justification: "team skills".into(),
        decided_at: now(),
        considered: c.options.iter().map(|o| o.id.clone()).collect(),
        acknowledged_conflicts: vec![],
        ..Default::default()
    });
    let network = &starters(&s)[0];
    assert!(
        drawn(&network.source).contains(&other.name),
        "{}",
        network.source
    );
    assert!(
        network
            .source
            .contains(&format!("compute-resources: {} (decided)", other.name))
    );
    assert!(validate(&network.source).is_empty());
}

#[test]
fn refresh_keeps_an_edited_diagram() {
    let mut s = yolo_sample();
    // The YOLO draft drew the four starters; without them, a refresh adds them.
    assert_eq!(s.diagrams.len(), 4);
    s.diagrams.clear();
    assert_eq!(refresh(&mut s), 4);
    assert_eq!(s.diagrams.len(), 4);
    assert_eq!(refresh(&mut s), 0);

    // The person edits the network topology; then a decision changes the compute choice.
    let edited = s.diagrams[0]
        .source
        .replace("Users", "Passengers and travel agents");
    s.diagrams[0].source = edited.clone();
    let c = s.component_mut("compute-resources").unwrap();
    let rec = c.recommendation.as_ref().unwrap().option.clone();
    let other = c.options.iter().find(|o| o.id != rec).unwrap().clone();
    c.decision = Some(Decision {
        option: other.id.clone(),
        justification: String::new(),
        decided_at: now(),
        considered: vec![],
        acknowledged_conflicts: vec![],
        ..Default::default()
    });
    let updated = refresh(&mut s);
    assert!(updated >= 1, "the untouched data flow follows the decision");
    assert_eq!(
        s.diagrams[0].source, edited,
        "the edited diagram is the person's"
    );
    let flow = s.diagrams.iter().find(|d| d.id == "data-flow").unwrap();
    assert!(flow.source.contains(&other.name), "{}", flow.source);

    // A custom diagram is never touched, and a deleted starter comes back.
    let custom = new_custom(&s, "Failover drill");
    assert!(validate(&custom.source).is_empty());
    s.diagrams.push(custom.clone());
    s.diagrams.retain(|d| d.id != "deployment-pipeline");
    assert_eq!(refresh(&mut s), 1);
    assert!(s.diagrams.contains(&custom));
    assert_eq!(s.diagrams.len(), 5);
}

#[test]
fn nasty_option_names_stay_valid_mermaid() {
    let mut s = yolo_sample();
    let nasty = [
        "Kubernetes \"EKS\" [v1.30] {managed} | (ARM)",
        "Postgres; DROP TABLE -- <b>&amp;</b> `x`",
        "東京リージョン 🚀 — ünïcode/",
    ];
    for (component, name) in [
        ("compute-resources", nasty[0]),
        ("data-resources", nasty[1]),
        ("network-architecture", nasty[2]),
        ("ci-cd-pipeline", nasty[0]),
        ("environment-transition-strategy", nasty[1]),
        ("environment-configuration", nasty[2]),
    ] {
        let c = s.component_mut(component).unwrap();
        let rec = c.recommendation.as_ref().unwrap().option.clone();
        c.options.iter_mut().find(|o| o.id == rec).unwrap().name = name.to_string();
    }
    for d in starters(&s) {
        let problems = validate(&d.source);
        assert!(
            problems.is_empty(),
            "{}:\n{}\n{problems:#?}",
            d.id,
            d.source
        );
    }
    assert_eq!(
        label(nasty[0]),
        "\"Kubernetes #quot;EKS#quot; [v1.30] {managed} | (ARM)\""
    );
}

proptest! {
    #[test]
    fn validate_never_panics(source in "\\PC*") {
        let _ = validate(&source);
    }

    #[test]
    fn validate_never_panics_on_mermaid_like_input(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("flowchart LR\n"), Just("sequenceDiagram\n"), Just("graph"), Just(" "),
                Just("\n"), Just(";"), Just("A"), Just("b1"), Just("-->"), Just("--"), Just("-."),
                Just("==>"), Just("|"), Just("\""), Just("["), Just("]"), Just("("), Just(")"),
                Just("{"), Just("}"), Just(">"), Just("&"), Just(":::"), Just("subgraph "),
                Just("end"), Just("->>"), Just(":"), Just("%%"), Just("é"), Just("🚀"),
                Just("Note over "), Just("loop "), Just("@{"), Just("o--o"), Just("x"),
            ],
            0..40,
        )
    ) {
        let _ = validate(&parts.concat());
    }

    #[test]
    fn any_label_is_valid_in_any_position(text in "\\PC{0,40}") {
        let l = label(&text);
        let source = format!(
            "flowchart LR\n    a[{l}] --> b({l})\n    b -->|{l}| c{{{l}}}\n    subgraph s [{l}]\n        d[({l})]\n    end\n"
        );
        let problems = validate(&source);
        prop_assert!(problems.is_empty(), "{:?} -> {}\n{:?}", text, l, problems);
    }
}
