//! `--format json` of `show`, `list`, `inputs` and `review --summary`, driven through the real
//! binary on the bundled sample session and on one with every decision made: each output is
//! validated against its schema (`docs/schemas/<command>.schema.json`), then read into typed
//! structs that know every field (`deny_unknown_fields`), and its values are checked against the
//! session and against the text output.

use std::path::Path;
use std::process::Output;

use infradraft::model::{
    AssumptionTopic, BudgetPeriod, CommentTarget, InputKind, InteractionMode, Modality,
    RequirementCategory, RequirementOrigin, ReviewComment, Severity,
};
use infradraft::store;
use jiff::Timestamp;
use serde::Deserialize;
use serde::de::DeserializeOwned;

mod common;

use common::cli_env::{CliEnv as Env, stderr, stdout, valid_json};

/// `args` with `--format json`: successful, valid against `schema`, and typed.
fn json<T: DeserializeOwned>(env: &Env, schema: &str, args: &[&str]) -> (T, serde_json::Value) {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let o = env.run(&args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    parse(schema, &o)
}

/// Parses the output as JSON, validates it against the schema `name`, then reads it typed.
fn parse<T: DeserializeOwned>(name: &str, o: &Output) -> (T, serde_json::Value) {
    let value = valid_json(name, o);
    let typed = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{name}: not the typed shape ({e})\n{value:#}"));
    (typed, value)
}

// ---- show ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Show {
    version: u32,
    file: String,
    title: String,
    project: String,
    authors: Vec<String>,
    mode: Option<InteractionMode>,
    created: Timestamp,
    saved: Option<Timestamp>,
    migrated_from: Option<u32>,
    access: Access,
    inputs: Vec<ShowInput>,
    progress: Progress,
    diagrams: usize,
    stories: usize,
    checklist_marks: usize,
    open_review_comments: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Access {
    state: String,
    pid: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShowInput {
    kind: InputKind,
    path: String,
    lines: usize,
    sha256: String,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Progress {
    decisions: usize,
    decisions_made: usize,
    sections: usize,
    sections_drafted: usize,
    sections_decided: usize,
    sections_finalized: usize,
}

#[test]
fn show_as_json_holds_what_the_text_says() {
    let env = Env::new();
    let sample = env.sample("sample.ron");
    let (show, _): (Show, _) = json(&env, "show", &["show", sample.to_str().unwrap()]);
    let s = store::load(&sample).unwrap().session;
    assert_eq!(show.version, 1);
    assert_eq!(show.file, sample.display().to_string());
    assert_eq!(show.title, s.meta.title);
    assert_eq!(show.project, s.meta.project);
    assert_eq!(show.mode, None);
    assert_eq!(show.created, s.meta.created);
    assert!(show.saved.is_some());
    assert_eq!(show.migrated_from, None);
    assert_eq!(
        (show.access.state.as_str(), show.access.pid),
        ("free", None)
    );
    assert_eq!(show.inputs.len(), 4);
    assert_eq!(show.inputs[0].kind, InputKind::Prd);
    assert_eq!(show.inputs[0].path, s.inputs[0].path);
    assert_eq!(show.inputs[0].sha256, s.inputs[0].sha256);
    assert_eq!(show.inputs[0].lines, s.inputs[0].text.lines().count());
    assert_eq!(show.progress.decisions_made, 0);
    assert_eq!(show.progress.decisions, s.components.len());
    assert_eq!(show.progress.sections, s.sections.len());
    let text = stdout(&env.run(&["show", sample.to_str().unwrap()]));
    assert!(
        text.contains(&format!("0/{} made", show.progress.decisions)),
        "{text}"
    );
    assert!(text.starts_with(&show.title), "{text}");

    let complete = common::complete_session();
    let decided = env.remembered("decided.ron", &complete);
    let (show, _): (Show, _) = json(&env, "show", &["show", decided.to_str().unwrap()]);
    assert_eq!(show.mode, Some(InteractionMode::Yolo));
    assert_eq!(show.authors, ["A. Architect"]);
    assert_eq!(show.progress.decisions_made, show.progress.decisions);
    assert!(show.progress.decisions > 0);
    assert_eq!(show.diagrams, complete.diagrams.len());
    assert_eq!(show.stories, complete.stories.len());
    assert_eq!(show.checklist_marks, complete.checklist.len());
    assert!(show.checklist_marks > 0);
    assert_eq!(show.open_review_comments, 0);
    let text = stdout(&env.run(&["show", decided.to_str().unwrap()]));
    let n = show.progress.decisions;
    assert!(text.contains(&format!("{n}/{n} made")), "{text}");
    assert!(
        text.contains(&format!(
            "{} diagrams, {} stories, {} checklist marks",
            show.diagrams, show.stories, show.checklist_marks
        )),
        "{text}"
    );
}

#[test]
fn show_json_of_a_migrated_file_names_its_old_version() {
    let env = Env::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/session-v1.ron");
    let (show, _): (Show, _) = json(&env, "show", &["show", fixture.to_str().unwrap()]);
    assert_eq!(show.migrated_from, Some(1));
}

#[test]
fn json_strings_keep_control_characters_as_escapes() {
    let env = Env::new();
    let path = env.sample("s.ron");
    let mut s = store::load(&path).unwrap().session;
    s.meta.title = "Ferry\u{1b}[2J\u{9b}31mbook\u{202e}".into();
    store::save(&path, &s).unwrap();
    let o = env.run(&["show", path.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let raw = stdout(&o);
    assert!(
        !raw.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the output: {raw:?}"
    );
    assert!(!raw.contains('\u{202e}'), "{raw:?}");
    let (show, _): (Show, _) = parse("show", &o);
    assert_eq!(show.title, s.meta.title, "the string itself is kept");
}

// ---- list ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct List {
    version: u32,
    project: Option<ListProject>,
    sessions: Vec<ListEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListProject {
    file: String,
    documents: Vec<ListDocument>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListDocument {
    path: String,
    file: String,
    numbers: Numbers,
    state: String,
    title: Option<String>,
    error: Option<String>,
    mode: Option<InteractionMode>,
    saved: Option<Timestamp>,
    progress: Option<Progress>,
    checklist_pass_rate: Option<f64>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Numbers {
    first: u32,
    last: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListEntry {
    path: String,
    state: String,
    title: String,
    last_opened: Timestamp,
    error: Option<String>,
    mode: Option<InteractionMode>,
    saved: Option<Timestamp>,
    progress: Option<Progress>,
    checklist_pass_rate: Option<f64>,
}

#[test]
fn list_as_json_gives_each_recent_session_its_state() {
    let env = Env::new();
    let (list, _): (List, _) = json(&env, "list", &["list"]);
    assert_eq!(list.version, 1);
    assert!(list.sessions.is_empty());
    assert!(list.project.is_none(), "no project file here");

    let sample = env.sample("sample.ron");
    let gone = env.sample("gone.ron");
    std::fs::remove_file(&gone).unwrap();
    let broken = env.sample("broken.ron");
    std::fs::write(&broken, "(format_version: 3,").unwrap();
    let complete = common::complete_session();
    let decided = env.remembered("decided.ron", &complete);

    let (list, _): (List, _) = json(&env, "list", &["list"]);
    let names: Vec<&str> = list
        .sessions
        .iter()
        .map(|e| e.path.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        ["decided.ron", "broken.ron", "gone.ron", "sample.ron"],
        "newest first"
    );
    let entry = |name: &Path| {
        let name = std::fs::canonicalize(name.parent().unwrap())
            .unwrap()
            .join(name.file_name().unwrap());
        list.sessions
            .iter()
            .find(|e| Path::new(&e.path) == name)
            .unwrap_or_else(|| panic!("{} not listed: {list:#?}", name.display()))
    };

    let e = entry(&sample);
    assert_eq!(e.state, "ok");
    assert!(e.title.starts_with("Ferrybook"), "{}", e.title);
    assert_eq!((e.mode, e.error.as_ref()), (None, None));
    assert!(e.saved.is_some() && e.last_opened <= Timestamp::now());
    assert_eq!(e.progress.as_ref().unwrap().decisions_made, 0);
    assert_eq!(e.checklist_pass_rate, None, "no checklist mark yet");

    let e = entry(&gone);
    assert_eq!(e.state, "missing");
    assert!(e.progress.is_none() && e.saved.is_none() && e.error.is_none());

    let e = entry(&broken);
    assert_eq!(e.state, "unreadable");
    assert!(e.error.as_ref().unwrap().contains("broken.ron"), "{e:?}");

    let e = entry(&decided);
    assert_eq!(e.state, "ok");
    assert_eq!(e.mode, Some(InteractionMode::Yolo));
    let p = e.progress.as_ref().unwrap();
    assert_eq!(p.decisions_made, p.decisions);
    let rate = e.checklist_pass_rate.expect("the checklist is reviewed");
    let text = stdout(&env.run(&["list"]));
    assert!(text.contains(&format!("checklist {rate:.0}%")), "{text}");
    assert!(text.contains("MISSING"), "{text}");
}

#[test]
fn list_as_json_inside_a_project_gives_its_documents_with_their_numbers() {
    let env = Env::new();
    std::fs::create_dir_all(env.path(".git")).unwrap();
    std::fs::create_dir_all(env.path("payments")).unwrap();
    std::fs::write(
        env.path("infradraft.ron"),
        r#"(
    documents: [
        (path: "checkout.ron", numbers: (first: 1, last: 99)),
        (path: "payments/two.ron", numbers: (first: 100, last: 199)),
        (path: "broken.ron", numbers: (first: 200, last: 299)),
    ],
)
"#,
    )
    .unwrap();
    let complete = common::complete_session();
    env.write("checkout.ron", &complete);
    std::fs::write(env.path("broken.ron"), "(format_version: 3,").unwrap();
    let (list, value) = json::<List>(&env, "list", &["list"]);
    let project = list.project.expect("the project is listed");
    let root = std::fs::canonicalize(env.dir.path()).unwrap();
    assert_eq!(Path::new(&project.file), root.join("infradraft.ron"));
    let paths: Vec<&str> = project.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        ["checkout.ron", "payments/two.ron", "broken.ron"],
        "in the project file's order"
    );
    let [one, two, three] = &project.documents[..] else {
        panic!("{value:#}")
    };
    assert_eq!(Path::new(&one.file), root.join("checkout.ron"));
    assert_eq!(one.state, "ok");
    assert_eq!(one.title.as_deref(), Some(complete.meta.title.as_str()));
    assert_eq!(one.numbers, Numbers { first: 1, last: 99 });
    assert_eq!(one.mode, Some(InteractionMode::Yolo));
    assert!(one.saved.is_some() && one.error.is_none());
    let p = one.progress.as_ref().unwrap();
    assert_eq!(p.decisions_made, p.decisions);
    assert!(one.checklist_pass_rate.is_some());
    assert_eq!(two.state, "missing");
    assert_eq!(
        two.numbers,
        Numbers {
            first: 100,
            last: 199
        }
    );
    assert!(two.title.is_none() && two.progress.is_none() && two.error.is_none());
    assert_eq!(three.state, "unreadable");
    assert!(three.title.is_none() && three.saved.is_none());
    assert!(
        three.error.as_deref().unwrap().contains("broken.ron"),
        "{three:?}"
    );
    // The text lists the same documents.
    let text = stdout(&env.run(&["list"]));
    assert!(
        text.contains("payments/two.ron\n    MISSING  numbers ADR-0100–ADR-0199"),
        "{text}"
    );
}

// ---- check ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Check {
    version: u32,
    title: String,
    sections_written: usize,
    sections: usize,
    sections_finalized: usize,
    decisions_made: usize,
    decisions: usize,
    diagrams: usize,
    stories: usize,
    checklist_pass_rate: Option<f64>,
    min_pass: f64,
    findings: Vec<CheckFinding>,
    passed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckFinding {
    level: String,
    area: String,
    section: Option<String>,
    message: String,
}

/// `check --format json` of `path`: its exit status, then the report (valid and typed).
fn check_json(env: &Env, path: &Path, extra: &[&str]) -> (Option<i32>, Check) {
    let mut args = vec!["check", path.to_str().unwrap(), "--format", "json"];
    args.extend(extra);
    let o = env.run(&args);
    let value = valid_json("check", &o);
    let typed = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("check: not the typed shape ({e})\n{value:#}"));
    (o.status.code(), typed)
}

#[test]
fn check_as_json_is_versioned_and_holds_what_the_text_says() {
    let env = Env::new();
    let sample = env.sample("sample.ron");
    let (status, fresh) = check_json(&env, &sample, &[]);
    assert_eq!((status, fresh.version, fresh.passed), (Some(1), 1, false));
    assert_eq!(fresh.decisions_made, 0);
    assert!(fresh.decisions > 0 && fresh.sections > 0);
    let errors: Vec<&CheckFinding> = fresh
        .findings
        .iter()
        .filter(|f| f.level == "error")
        .collect();
    assert!(!errors.is_empty(), "{fresh:?}");
    // Every finding the JSON gives is a line of the text.
    let text = stdout(&env.run(&["check", sample.to_str().unwrap()]));
    for f in &fresh.findings {
        assert!(text.contains(&f.message), "{:?} not in\n{text}", f.message);
    }
    assert!(
        fresh
            .findings
            .iter()
            .any(|f| f.area == "completeness" && f.section.is_some()),
        "{fresh:?}"
    );

    let complete = common::complete_session();
    let done = env.write("complete.ron", &complete);
    let (status, report) = check_json(&env, &done, &["--min-pass", "0"]);
    assert_eq!(status, Some(0), "{report:?}");
    assert!(report.passed);
    assert_eq!(report.title, complete.meta.title);
    assert_eq!(report.decisions_made, report.decisions);
    assert_eq!(report.min_pass, 0.0);
    assert!(report.checklist_pass_rate.is_some());
    assert!(report.diagrams > 0 && report.stories > 0);
    assert!(report.sections_written <= report.sections);
    assert!(report.sections_finalized <= report.sections);
}

// ---- inputs ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Inputs {
    version: u32,
    title: String,
    inputs: Vec<InputsInput>,
    missing_inputs: Vec<InputKind>,
    requirements: Vec<Requirement>,
    regimes: Vec<Regime>,
    facts: Vec<Fact>,
    conflicts: Vec<Conflict>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InputsInput {
    kind: InputKind,
    path: String,
    lines: usize,
    sha256: String,
    freshness: String,
    freshness_detail: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Requirement {
    id: String,
    category: RequirementCategory,
    text: String,
    origin: RequirementOrigin,
    source: Option<Source>,
    figures: Vec<Figure>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
enum Figure {
    Availability {
        percent: f64,
    },
    Latency {
        percentile: Option<f64>,
        millis: f64,
    },
    Throughput {
        per_second: f64,
        unit: String,
    },
    Rpo {
        minutes: f64,
    },
    Rto {
        minutes: f64,
    },
    Retention {
        days: f64,
    },
    Budget {
        amount: f64,
        currency: String,
        per: BudgetPeriod,
    },
    Capacity {
        value: f64,
        unit: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Regime {
    name: String,
    in_scope: bool,
    sources: Vec<Evidence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Evidence {
    input: String,
    line: u32,
    text: String,
    applies: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    topic: AssumptionTopic,
    text: String,
    tags: Vec<String>,
    modality: Modality,
    incidental: bool,
    source: Option<Source>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Conflict {
    key: String,
    kind: String,
    about: String,
    rule: Vec<Place>,
    found: Vec<Place>,
    status: String,
    reason: Option<String>,
    resolved_at: Option<Timestamp>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    input: String,
    line: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Place {
    input: String,
    line: u32,
    text: String,
}

#[test]
fn inputs_as_json_is_versioned_typed_and_valid() {
    let env = Env::new();
    let sample = env.sample("sample.ron");
    let (inputs, _): (Inputs, _) = json(&env, "inputs", &["inputs", sample.to_str().unwrap()]);
    let s = store::load(&sample).unwrap().session;
    assert_eq!(inputs.version, 1);
    assert_eq!(inputs.title, s.meta.title);
    assert_eq!(inputs.inputs.len(), 4);
    let kinds: Vec<InputKind> = inputs.inputs.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, s.inputs.iter().map(|i| i.kind).collect::<Vec<_>>());
    for i in &inputs.inputs {
        assert_eq!(i.freshness, "builtin", "{i:?}");
        assert_eq!(i.freshness_detail, None);
        assert!(i.lines > 0 && i.sha256.len() == 64 && !i.path.is_empty());
    }
    assert!(inputs.missing_inputs.is_empty());
    assert_eq!(inputs.requirements.len(), s.requirements.len());
    let nfr3 = inputs
        .requirements
        .iter()
        .find(|r| r.id == "NFR3")
        .expect("NFR3");
    assert_eq!(nfr3.category, RequirementCategory::Reliability);
    assert_eq!(nfr3.origin, RequirementOrigin::Extracted);
    assert!(nfr3.text.contains("99.95%"));
    let source = nfr3.source.as_ref().unwrap();
    assert!(source.input.ends_with("prd.md"), "{source:?}");
    assert_eq!(source.line, 73);
    assert_eq!(nfr3.figures, [Figure::Availability { percent: 99.95 }]);
    assert!(
        inputs
            .requirements
            .iter()
            .flat_map(|r| &r.figures)
            .any(|f| matches!(f, Figure::Budget { currency, .. } if currency == "EUR")),
        "the sample's budget"
    );
    let gdpr = inputs.regimes.iter().find(|r| r.name == "GDPR").unwrap();
    assert!(gdpr.in_scope);
    assert!(
        gdpr.sources
            .iter()
            .any(|e| e.applies && e.line > 0 && !e.input.is_empty() && !e.text.is_empty())
    );
    assert_eq!(inputs.facts.len(), s.assumptions.len());
    assert!(
        inputs.facts.iter().any(|f| f.modality == Modality::Mandate
            && f.tags.contains(&"terraform".to_string())
            && f.topic == AssumptionTopic::InfrastructureAsCode
            && !f.text.is_empty()
            && f.source.is_some()),
        "{:?}",
        inputs.facts
    );
    assert!(inputs.facts.iter().any(|f| f.incidental));
    assert!(inputs.conflicts.is_empty());

    // Every decision made, and a conflict between the inputs resolved.
    let mut complete = common::complete_session();
    common::estimate_over_budget(&mut complete);
    let key = complete.input_conflicts[0].key.clone();
    let at = Timestamp::from_second(1_800_100_000).unwrap();
    assert!(infradraft::workflow::resolve_conflict(
        &mut complete,
        &key,
        "Budget raised",
        at
    ));
    let decided = env.remembered("decided.ron", &complete);
    let (inputs, _): (Inputs, _) = json(&env, "inputs", &["inputs", decided.to_str().unwrap()]);
    let c = &inputs.conflicts[0];
    assert_eq!(
        (c.key.as_str(), c.kind.as_str()),
        (key.as_str(), "budget-vs-estimate")
    );
    assert_eq!(c.status, "resolved");
    assert_eq!(c.reason.as_deref(), Some("Budget raised"));
    assert_eq!(c.resolved_at, Some(at));
    assert!(c.about.contains("EUR"));
    assert!(c.rule[0].input.ends_with("prd.md") && c.rule[0].line > 0);
    assert!(c.found[0].text.contains("EUR 31,000"), "{c:?}");
}

#[test]
fn an_input_changed_or_missing_on_disk_is_an_id() {
    let env = Env::new();
    let docs = env.path("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("prd.md"), "# Shop\n\nNFR1: 99.9% availability.\n").unwrap();
    std::fs::write(
        docs.join("architecture.md"),
        "# Architecture\n\nOne service.\n",
    )
    .unwrap();
    let path = env.path("s.ron");
    let o = env.run(&["new", "--no-open", "-o", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (inputs, _): (Inputs, _) = json(&env, "inputs", &["inputs", path.to_str().unwrap()]);
    let states: Vec<&str> = inputs.inputs.iter().map(|i| i.freshness.as_str()).collect();
    assert_eq!(states, ["fresh", "fresh"]);
    assert!(inputs.missing_inputs.contains(&InputKind::TechStack));

    std::fs::write(
        docs.join("prd.md"),
        "# Shop\n\nNFR1: 99.99% availability.\n",
    )
    .unwrap();
    std::fs::remove_file(docs.join("architecture.md")).unwrap();
    let (inputs, _): (Inputs, _) = json(&env, "inputs", &["inputs", path.to_str().unwrap()]);
    let states: Vec<&str> = inputs.inputs.iter().map(|i| i.freshness.as_str()).collect();
    assert_eq!(states, ["changed", "missing"]);
    let text = stdout(&env.run(&["inputs", path.to_str().unwrap()]));
    assert!(
        text.contains("changed on disk") && text.contains("file missing"),
        "{text}"
    );
}

// ---- review --summary ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Review {
    version: u32,
    session: String,
    title: String,
    comments: usize,
    open: usize,
    resolved: usize,
    by_severity: Vec<SeverityCount>,
    by_section: Vec<SectionCount>,
    open_comments: Vec<OpenComment>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct SeverityCount {
    severity: Severity,
    open: usize,
    resolved: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionCount {
    section: String,
    title: String,
    open: usize,
    resolved: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenComment {
    id: String,
    section: String,
    target: Target,
    about: String,
    severity: Severity,
    author: String,
    at: Timestamp,
    text: String,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Target {
    kind: String,
    component: Option<String>,
    option: Option<String>,
}

fn comment(
    id: &str,
    target: CommentTarget,
    severity: Severity,
    at: i64,
    resolved: bool,
) -> ReviewComment {
    ReviewComment {
        id: id.into(),
        target,
        author: "Rita Reviewer".into(),
        at: Timestamp::from_second(1_800_200_000 + at).unwrap(),
        severity,
        text: format!("comment {id}"),
        resolved_at: resolved.then(|| Timestamp::from_second(1_800_300_000).unwrap()),
    }
}

#[test]
fn review_summary_as_json_counts_like_the_markdown_and_names_targets_by_id() {
    let env = Env::new();
    let sample = env.sample("sample.ron");
    let (review, _): (Review, _) = json(
        &env,
        "review",
        &["review", sample.to_str().unwrap(), "--summary"],
    );
    assert_eq!(review.version, 1);
    assert_eq!((review.comments, review.open, review.resolved), (0, 0, 0));
    assert_eq!(review.by_severity.len(), 4);
    assert!(review.by_section.is_empty() && review.open_comments.is_empty());

    // A decided session with a comment merged into it, and a side file with three more.
    let mut complete = common::complete_session();
    let c = &complete.components[0];
    let (component, section) = (c.id.clone(), c.section_id().to_string());
    let option = c.decision.as_ref().unwrap().option.clone();
    let overview = complete.sections[0].id.clone();
    complete.review_comments.push(comment(
        "r-1",
        CommentTarget::Section(overview.clone()),
        Severity::Minor,
        0,
        true,
    ));
    let path = env.remembered("decided.ron", &complete);
    let side = infradraft::review::ReviewFile {
        format_version: 1,
        session_title: complete.meta.title.clone(),
        comments: vec![
            comment(
                "r-2",
                CommentTarget::Decision(component.clone()),
                Severity::Major,
                10,
                false,
            ),
            comment(
                "r-3",
                CommentTarget::Option(component.clone(), option.clone()),
                Severity::Critical,
                20,
                false,
            ),
            comment(
                "r-4",
                CommentTarget::Section(overview.clone()),
                Severity::Major,
                5,
                false,
            ),
        ],
    };
    infradraft::review::save(&infradraft::review::review_path(&path), &side).unwrap();

    let (review, _): (Review, _) = json(
        &env,
        "review",
        &["review", path.to_str().unwrap(), "--summary"],
    );
    assert_eq!(review.session, path.display().to_string());
    assert_eq!(review.title, complete.meta.title);
    assert_eq!((review.comments, review.open, review.resolved), (4, 3, 1));
    assert_eq!(
        review.by_severity,
        [
            SeverityCount {
                severity: Severity::Critical,
                open: 1,
                resolved: 0
            },
            SeverityCount {
                severity: Severity::Major,
                open: 2,
                resolved: 0
            },
            SeverityCount {
                severity: Severity::Minor,
                open: 0,
                resolved: 1
            },
            SeverityCount {
                severity: Severity::Note,
                open: 0,
                resolved: 0
            },
        ]
    );
    let sections: Vec<(&str, usize, usize)> = review
        .by_section
        .iter()
        .map(|s| (s.section.as_str(), s.open, s.resolved))
        .collect();
    assert_eq!(
        sections,
        [(overview.as_str(), 1, 1), (section.as_str(), 2, 0)]
    );
    assert!(review.by_section.iter().all(|s| !s.title.is_empty()));
    // Most severe first, then oldest first.
    let ids: Vec<&str> = review.open_comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["r-3", "r-4", "r-2"]);
    let r3 = &review.open_comments[0];
    assert_eq!(
        r3.target,
        Target {
            kind: "option".into(),
            component: Some(component.clone()),
            option: Some(option)
        }
    );
    assert_eq!(r3.section, section);
    assert_eq!(r3.severity, Severity::Critical);
    assert_eq!(
        (r3.author.as_str(), r3.text.as_str()),
        ("Rita Reviewer", "comment r-3")
    );
    assert_eq!(r3.at, Timestamp::from_second(1_800_200_020).unwrap());
    assert!(r3.about.contains(": option "), "{}", r3.about);
    let r2 = &review.open_comments[2];
    assert_eq!(
        r2.target,
        Target {
            kind: "decision".into(),
            component: Some(component),
            option: None
        }
    );
    assert_eq!(review.open_comments[1].target.kind, "section");

    let markdown = stdout(&env.run(&["review", path.to_str().unwrap(), "--summary"]));
    assert!(
        markdown.contains("4 comment(s): 3 open, 1 resolved."),
        "{markdown}"
    );
    assert!(
        markdown.contains(&format!("**{}**", r3.about)),
        "{markdown}"
    );
}

#[test]
fn review_format_needs_summary() {
    let env = Env::new();
    let sample = env.sample("sample.ron");
    let o = env.run(&["review", sample.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--summary"), "{}", stderr(&o));
}
