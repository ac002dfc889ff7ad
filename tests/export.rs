//! The finished document: export (golden files), decision records, `check` as a CI gate, and
//! import of documents written elsewhere, round-tripping through export.

mod common;

use std::fs;
use std::process::Command;

use common::{complete_session, estimate_over_budget};
use infradraft::export::{ExportContext, adrs, document};
use infradraft::knowledge::Template;
use infradraft::knowledge::checklist::Checklist;
use infradraft::model::InputKind;
use infradraft::store;
use infradraft::workflow::import::import;

fn ctx(checklist: &Checklist) -> ExportContext<'_> {
    static TEMPLATE: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
    ExportContext {
        checklist: Some(checklist),
        template: Some(TEMPLATE.get_or_init(|| Template::builtin().unwrap())),
        precomputed: Default::default(),
    }
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_infradraft"));
    c.env("TZ", "UTC");
    c
}

#[test]
fn the_sample_exports_to_the_golden_document_and_adrs() {
    let s = complete_session();
    let checklist = Checklist::builtin().unwrap();
    let doc = document(&s, &ctx(&checklist));
    assert_eq!(doc, document(&s, &ctx(&checklist)), "deterministic");
    // No UI text: no markers, no key hints, no escape bytes.
    for bad in ["<!-- infradraft", "Esc ", "\u{1b}", "not been written"] {
        assert!(!doc.contains(bad), "{bad:?} in the document");
    }
    // Template order, and the parts after the sections.
    let headings: Vec<&str> = doc.lines().filter(|l| l.starts_with("## ")).collect();
    let mut expected = vec!["## Requirements".to_string()];
    expected.extend(s.sections.iter().map(|x| format!("## {}", x.title)));
    expected.extend(
        [
            "## Technical Stories and Epic Impacts",
            "## Checklist Review",
            "## Decision Log",
            "## Change Log",
        ]
        .map(String::from),
    );
    assert_eq!(headings, expected);
    assert!(doc.contains("```mermaid\n"), "diagrams as mermaid fences");
    insta::assert_snapshot!("sample_document", doc);
    let records = adrs(&s);
    assert_eq!(records.len(), s.components.len());
    assert_eq!(records[0].0, "0001-cloud-provider-strategy.md");
    for (name, md) in &records {
        assert!(md.starts_with("---\nstatus: accepted\ndate: "), "{name}");
        for heading in [
            "## Context and Problem Statement",
            "## Considered Options",
            "## Decision Outcome",
            "### Consequences",
            "## Pros and Cons of the Options",
        ] {
            assert!(md.contains(heading), "{name} lacks {heading}");
        }
    }
    insta::assert_snapshot!(
        "sample_adr_compute",
        &records
            .iter()
            .find(|(n, _)| n.ends_with("compute-resources.md"))
            .unwrap()
            .1
    );
}

/// Worksheet results applied before and after the decisions of a section stay in its text, and
/// in the exported document, for its primary decision and a further one.
#[test]
fn the_export_carries_feedback_notes_open_security_gaps_comments_and_the_tools_own_assessment() {
    use infradraft::model::{
        ChecklistMark, CommentTarget, ElicitationAction, GapSeverity, Mark, ReviewComment,
        SecurityAnswer, Severity, Worksheet,
    };
    use infradraft::workflow::elicitation;
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    let catalog = infradraft::knowledge::Catalog::builtin().unwrap();
    let checklist = Checklist::builtin().unwrap();
    let mut s = common::yolo_sample(t(0), t(1), vec![]);
    // A security review of the secrets store: one critical gap, one low gap, one met.
    let at = elicitation::start(
        &mut s,
        &catalog,
        "security-architecture",
        ElicitationAction::SecurityCompliance,
        t(2),
    )
    .unwrap();
    let c = s.component_mut("security-architecture").unwrap();
    let Worksheet::SecurityReview { items } = &mut c.elicitations[at].worksheet else {
        panic!("not a security review");
    };
    assert!(items.len() >= 3);
    items[0].answer = SecurityAnswer::Gap;
    items[0].severity = GapSeverity::Critical;
    items[0].note = "no break-glass procedure yet".into();
    items[1].answer = SecurityAnswer::Gap;
    items[1].severity = GapSeverity::Low;
    items[2].answer = SecurityAnswer::Met;
    items[2].severity = GapSeverity::Critical;
    let (critical, low, met) = (
        items[0].question.clone(),
        items[1].question.clone(),
        items[2].question.clone(),
    );
    // A reviewer's pass with a note on an item the tool would assess, and two comments.
    s.checklist.push(ChecklistMark {
        item: "sec-01".into(),
        mark: Mark::Pass,
        note: "GDPR and PCI DSS mapped in the security section".into(),
        at: t(3),
    });
    for (id, text, resolved) in [
        ("c1", "Say which KMS keys are customer managed.", None),
        ("c2", "Typo in the overview.", Some(t(5))),
    ] {
        s.review_comments.push(ReviewComment {
            id: id.into(),
            target: CommentTarget::Section("security-architecture".into()),
            author: "rita".into(),
            at: t(4),
            severity: Severity::Major,
            text: text.into(),
            resolved_at: resolved,
        });
    }
    // Feedback on a draft and the revision made.
    s.component_mut("data-resources")
        .unwrap()
        .feedback
        .push(infradraft::model::FeedbackNote {
            at: t(6),
            feedback: "Aurora costs too much for dev.".into(),
            revision: "Dev runs a single-AZ RDS instance.".into(),
        });
    let doc = document(&s, &ctx(&checklist));
    let log = &doc[doc.find("\n## Decision Log\n").expect("a decision log")..];
    assert!(
        log.contains("### Feedback and revisions\n\n- **Data Resources** (2027-01-15): Aurora costs too much for dev. — revised: Dev runs a single-AZ RDS instance."),
        "{log}"
    );
    let review = &doc[doc.find("\n## Checklist Review\n").expect("a review part")..];
    let review = &review[..review[3..].find("\n## ").map_or(review.len(), |i| i + 3)];
    let gaps = &review[review.find("### Open security gaps").expect("gaps listed")..];
    assert!(gaps.contains(&critical), "{gaps}");
    assert!(gaps.contains("no break-glass procedure yet"), "{gaps}");
    assert!(!gaps.contains(&low) && !gaps.contains(&met), "{gaps}");
    assert!(
        review.contains("- **sec-01** (Pass): ")
            && review.contains("GDPR and PCI DSS mapped in the security section"),
        "{review}"
    );
    let comments = &review[review.find("### Open review comments").expect("comments")..];
    assert!(comments.contains("Say which KMS keys are customer managed."));
    assert!(!comments.contains("Typo in the overview."));
    // The tool's assessment leaves out what a reviewer marked, and assesses the rest.
    let assessed = &review[review.find("### First assessment by infradraft").unwrap()..];
    let assessed = &assessed[..assessed.find("\n### ").unwrap_or(assessed.len())];
    assert!(!assessed.contains("| sec-01 |"), "{assessed}");
    assert!(assessed.contains("| dr-01 | critical | "), "{assessed}");
    // A discarded security review's gaps are no longer open.
    let c = s.component_mut("security-architecture").unwrap();
    c.elicitations[at].status = infradraft::model::ElicitationStatus::Discarded;
    let doc = document(&s, &ctx(&checklist));
    assert!(!doc.contains("### Open security gaps"));
}

#[test]
fn applied_worksheet_results_reach_the_export_of_a_decided_section() {
    use infradraft::model::ElicitationAction;
    use infradraft::workflow::{design, elicitation};
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    let template = Template::builtin().unwrap();
    let catalog = infradraft::knowledge::Catalog::builtin().unwrap();
    let mut s = common::yolo_sample(t(0), t(1), vec![]);
    // Before the decision: a cost analysis of the primary database, applied.
    let cost = elicitation::start(
        &mut s,
        &catalog,
        "data-resources",
        ElicitationAction::CostAnalysis,
        t(2),
    )
    .unwrap();
    elicitation::apply(&mut s, &template, "data-resources", cost, t(3)).unwrap();
    for id in ["data-resources", "data-cache"] {
        let rec = s.component(id).unwrap().recommendation.clone().unwrap();
        design::decide(
            &mut s,
            &template,
            id,
            &rec.option,
            "fits the team",
            &[],
            vec![],
            t(4),
        )
        .unwrap();
    }
    // After it: a stress test of the cache, applied.
    let stress = elicitation::start(
        &mut s,
        &catalog,
        "data-cache",
        ElicitationAction::StressTest,
        t(5),
    )
    .unwrap();
    elicitation::apply(&mut s, &template, "data-cache", stress, t(6)).unwrap();
    let checklist = Checklist::builtin().unwrap();
    let doc = document(&s, &ctx(&checklist));
    let section = doc
        .split("\n## ")
        .find(|p| p.starts_with("Data Resources"))
        .unwrap();
    for (id, index) in [("data-resources", cost), ("data-cache", stress)] {
        let results = &s.component(id).unwrap().elicitations[index].results;
        let first = results
            .lines()
            .find(|l| l.trim().len() > 20)
            .unwrap()
            .trim();
        assert!(
            section.contains(first),
            "{id}: {first:?} missing from\n{section}"
        );
    }
    assert!(section.contains("**Decision:**"), "{section}");
}

/// An exported document imports back with its decisions (the choice, the options considered and
/// the justification), a draft's recommendations, and its technical stories.
#[test]
fn an_exported_document_imports_back_with_its_decisions_and_stories() {
    use infradraft::workflow::read_back::{restore_choices, restore_stories};
    let catalog = infradraft::knowledge::Catalog::builtin().unwrap();
    let checklist = Checklist::builtin().unwrap();
    let one = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    for (s, decided) in [
        (complete_session(), true),
        (common::yolo_sample(t(0), t(1), vec![]), false),
    ] {
        let doc = document(&s, &ctx(&checklist));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        fs::write(&path, &doc).unwrap();
        let input = infradraft::inputs::read_input(&path, InputKind::Other, t(2)).unwrap();
        let (mut back, _) = import(&Template::builtin().unwrap(), input, t(2));
        let restored = restore_choices(&mut back, &catalog, t(2));
        let n = s.components.len();
        if decided {
            assert_eq!((restored.decisions, restored.recommendations), (n, 0));
        } else {
            assert_eq!((restored.decisions, restored.recommendations), (0, n));
        }
        for c in &s.components {
            let again = back.component(&c.id).unwrap();
            let names = |c: &infradraft::model::ComponentDesign| {
                c.options.iter().map(|o| o.name.clone()).collect::<Vec<_>>()
            };
            assert_eq!(names(again), names(c), "{}", c.id);
            let chosen = |c: &infradraft::model::ComponentDesign| {
                let id = c
                    .decision
                    .as_ref()
                    .map(|d| d.option.clone())
                    .or_else(|| c.recommendation.as_ref().map(|r| r.option.clone()))
                    .unwrap();
                c.option(&id).unwrap().name.clone()
            };
            assert_eq!(chosen(again), chosen(c), "{}", c.id);
            if let Some(d) = &c.decision {
                let a = again.decision.as_ref().unwrap();
                assert_eq!(one(&a.justification), one(&d.justification), "{}", c.id);
            }
        }
        // The requirements and facts come from the Requirements part, not from reading every
        // statement the document cites as a requirement of its own.
        let read = infradraft::workflow::read_requirements::restore_requirements(&mut back, &doc)
            .expect("the Requirements part");
        assert_eq!(read.requirements, s.requirements.len());
        let brief = |r: &infradraft::model::Requirement| {
            (
                r.id.clone(),
                r.category,
                one(&r.text),
                r.source.as_ref().map(|x| x.short()),
            )
        };
        assert_eq!(
            back.requirements.iter().map(brief).collect::<Vec<_>>(),
            s.requirements.iter().map(brief).collect::<Vec<_>>()
        );
        assert!(back.input_conflicts.is_empty());
        // The open questions are still asked, each once.
        let questions = |x: &infradraft::model::Session| {
            infradraft::export::open_questions(x, &ctx(&checklist))
                .into_iter()
                .map(|q| q.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(questions(&back), questions(&s));
        assert_eq!(restore_stories(&mut back, &doc), s.stories.len());
        assert!(!s.stories.is_empty());
        for (a, b) in back.stories.iter().zip(&s.stories) {
            assert_eq!(
                infradraft::analysis::stories::story_markdown(a),
                infradraft::analysis::stories::story_markdown(b)
            );
        }
    }
}

#[test]
fn an_unwritten_section_says_so_and_check_reports_it() {
    let mut s = complete_session();
    s.sections[2].body.clear();
    let checklist = Checklist::builtin().unwrap();
    let doc = document(&s, &ctx(&checklist));
    let title = &s.sections[2].title;
    assert!(
        doc.contains(&format!(
            "## {title}\n\n> **Not yet written.** This section has not been drafted yet.\n"
        )),
        "{doc}"
    );
    let report = infradraft::workflow::check::check(&s, &checklist, 0.0, false);
    assert!(!report.passed);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.message == format!("{title}: not written yet")),
        "{:?}",
        report.findings
    );
}

#[test]
fn conflicts_between_inputs_reach_check_and_the_document_with_their_resolution() {
    let mut s = complete_session();
    estimate_over_budget(&mut s);
    assert_eq!(s.input_conflicts.len(), 1, "{:#?}", s.input_conflicts);
    let checklist = Checklist::builtin().unwrap();
    let warning = |s: &infradraft::model::Session| {
        infradraft::workflow::check::check(s, &checklist, 0.0, false)
            .findings
            .into_iter()
            .find(|f| {
                f.message
                    .starts_with("inputs disagree: The PRD sets a budget")
            })
    };
    let finding = warning(&s).expect("an open conflict is a finding");
    assert_eq!(finding.level, infradraft::workflow::check::Level::Warning);
    let doc = document(&s, &ctx(&checklist));
    assert!(doc.contains("### Conflicts between the inputs"), "{doc}");
    assert!(doc.contains("**Open**: to be settled"), "{doc}");
    let key = s.input_conflicts[0].key.clone();
    let at = s.meta.updated;
    assert!(infradraft::workflow::resolve_conflict(
        &mut s,
        &key,
        "Budget raised by the CFO",
        at
    ));
    assert!(warning(&s).is_none(), "a resolved conflict is no finding");
    let doc = document(&s, &ctx(&checklist));
    assert!(doc.contains("Resolved: Budget raised by the CFO"), "{doc}");
}

#[test]
fn export_and_check_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let complete = dir.path().join("complete.ron");
    store::create(&complete, &complete_session(), false).unwrap();
    let run = |args: &[&str]| {
        bin()
            .env("INFRADRAFT_HOME", &home)
            .args(args)
            .output()
            .unwrap()
    };
    // Export: to a file, with ADRs; byte-identical to the library's output and stable.
    let out = dir.path().join("docs/infrastructure-architecture.md");
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    let adr_dir = dir.path().join("docs/adr");
    let o = run(&[
        "export",
        complete.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--adr-dir",
        adr_dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = fs::read(&out).unwrap();
    let o = run(&["export", complete.to_str().unwrap()]);
    assert_eq!(o.stdout, first, "stdout and -o write the same bytes");
    assert_eq!(fs::read_dir(&adr_dir).unwrap().count(), 23);
    let o = run(&["export", complete.to_str().unwrap(), "--stories-only"]);
    let stories = String::from_utf8(o.stdout).unwrap();
    assert!(
        stories.starts_with("## Technical Stories and Epic Impacts"),
        "{stories}"
    );

    // Check: complete passes (exit 0), a bar it cannot reach fails (1), incomplete fails (1),
    // a broken file is an error (2).
    let o = run(&["check", complete.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("PASS"), "{text}");
    let o = run(&["check", complete.to_str().unwrap(), "--min-pass", "80"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("below the required 80.0%"));
    let o = run(&[
        "check",
        complete.to_str().unwrap(),
        "--format",
        "json",
        "--min-pass",
        "80",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["passed"], false);
    assert_eq!(json["decisions_made"], 23);
    assert_eq!(json["decisions"], 23);
    assert_eq!(json["sections_finalized"], 0);
    // --require-finalized: every written section must be finalized; once each is, it passes.
    let o = run(&["check", complete.to_str().unwrap(), "--require-finalized"]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("error: Compute Resources: not finalized"),
        "{text}"
    );
    let mut s = store::load(&complete).unwrap().session;
    let ids: Vec<String> = s.sections.iter().map(|x| x.id.clone()).collect();
    for id in &ids {
        infradraft::workflow::finalize::finalize_section(
            &mut s,
            id,
            jiff::Timestamp::from_second(1_800_000_900).unwrap(),
        )
        .unwrap();
    }
    let finalized = dir.path().join("finalized.ron");
    store::save(&finalized, &s).unwrap();
    let o = run(&["check", finalized.to_str().unwrap(), "--require-finalized"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(!text.contains("not finalized"), "{text}");
    assert!(
        text.contains(&format!("finalized {0}/{0}", ids.len())),
        "{text}"
    );

    let incomplete = dir.path().join("incomplete.ron");
    let o = run(&[
        "new",
        "--sample",
        "--no-open",
        "-o",
        incomplete.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = run(&["check", incomplete.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("error: Compute Resources: no decision recorded"),
        "{text}"
    );
    assert!(
        text.contains("error: no network topology diagram"),
        "{text}"
    );
    fs::write(dir.path().join("broken.ron"), "(format_version: 1,").unwrap();
    let o = run(&["check", dir.path().join("broken.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

fn imported(
    name: &str,
) -> (
    infradraft::model::Session,
    infradraft::workflow::import::ImportReport,
) {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let input =
        infradraft::inputs::read_input(std::path::Path::new(&path), InputKind::Other, now).unwrap();
    import(&Template::builtin().unwrap(), input, now)
}

#[test]
fn a_numbered_document_imports_onto_the_template() {
    let (s, report) = imported("numbered.md");
    assert_eq!(s.meta.title, "Acme Payments — Infrastructure Design");
    assert_eq!(s.meta.project, "Acme Payments");
    assert_eq!(s.meta.authors, ["R. Osei", "L. Marsh"]);
    let matched: Vec<&str> = report.matched.iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(
        matched,
        [
            "cloud-provider-strategy",
            "network-architecture",
            "compute-resources",
            "data-resources",
            "security-architecture",
            "monitoring-observability",
            "ci-cd-pipeline",
            "disaster-recovery"
        ]
    );
    assert_eq!(report.kept, ["9. Glossary"]);
    let network = s.section("network-architecture").unwrap();
    assert!(
        network
            .body
            .starts_with("Each environment has its own virtual network")
    );
    assert!(
        network
            .body
            .ends_with("Egress leaves through NAT gateways only.")
    );
    assert!(!network.body.contains("mermaid"));
    assert_eq!(s.diagrams.len(), 1);
    assert_eq!(s.diagrams[0].title, "Network topology");
    assert_eq!(
        s.diagrams[0].kind,
        infradraft::model::DiagramKind::NetworkTopology
    );
    assert_eq!(
        s.diagrams[0].section.as_deref(),
        Some("network-architecture")
    );
    // The glossary is kept after the last matched section it followed.
    let order: Vec<&str> = s.sections.iter().map(|x| x.id.as_str()).collect();
    let dr = order
        .iter()
        .position(|x| *x == "disaster-recovery")
        .unwrap();
    assert_eq!(order[dr + 1], "9-glossary");
}

#[test]
fn a_flat_document_with_setext_headings_imports_too() {
    let (s, report) = imported("flat-h1.md");
    let matched: Vec<(&str, &str)> = report
        .matched
        .iter()
        .map(|(h, id)| (h.as_str(), id.as_str()))
        .collect();
    assert_eq!(
        matched,
        [
            ("Infrastructure as Code (IaC)", "infrastructure-as-code"),
            ("Monitoring and observability", "monitoring-observability"),
            ("COST OPTIMISATION", "cost-optimization"),
            ("Disaster Recovery (DR)", "disaster-recovery"),
        ]
    );
    assert_eq!(report.kept, ["Team notes"]);
    assert_eq!(
        s.section("infrastructure-as-code").unwrap().body,
        "Everything is declared in OpenTofu modules in one repository."
    );
    assert_eq!(s.diagrams.len(), 1);
    assert!(s.diagrams[0].source.starts_with("sequenceDiagram"));
}

#[test]
fn export_import_export_keeps_every_sections_text() {
    let s = complete_session();
    let checklist = Checklist::builtin().unwrap();
    let doc = document(&s, &ctx(&checklist));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.md");
    fs::write(&path, &doc).unwrap();
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let input = infradraft::inputs::read_input(&path, InputKind::Other, now).unwrap();
    let (back, report) = import(&Template::builtin().unwrap(), input, now);
    assert!(report.kept.is_empty(), "{:?}", report.kept);
    assert_eq!(back.meta.title, s.meta.title);
    assert_eq!(back.diagrams.len(), s.diagrams.len());
    for (i, section) in s.sections.iter().enumerate() {
        let again = back.section(&section.id).unwrap();
        assert_eq!(
            again.body,
            infradraft::export::shown_body(&s, &ctx(&checklist), i),
            "{}",
            section.id
        );
    }
    // And the second export has the same sections, word for word.
    let doc2 = document(&back, &ctx(&checklist));
    let sections = |d: &str| -> String {
        let start = d.find("\n## Infrastructure Overview").unwrap();
        let end = [
            "\n## Technical Stories",
            "\n## Checklist Review",
            "\n## Decision Log",
        ]
        .iter()
        .filter_map(|t| d.find(t))
        .min()
        .unwrap();
        d[start..end].to_string()
    };
    assert_eq!(sections(&doc2), sections(&doc));
}

/// The change log's rows, after its header.
fn change_log(doc: &str) -> Vec<String> {
    let start = doc.find("## Change Log").expect("a change log");
    doc[start..]
        .lines()
        .skip(4)
        .take_while(|l| l.starts_with('|'))
        .map(String::from)
        .collect()
}

#[test]
fn the_change_log_sums_up_each_run_of_checklist_marks_in_one_row() {
    let mut s = complete_session();
    s.history.clear();
    // 2026-12-05 14:02 UTC, then a minute at a time.
    let at = |minute: i64| jiff::Timestamp::from_second(1_796_479_320 + minute * 60).unwrap();
    s.record(at(0), "created", "from template infradraft-standard");
    // The first marking session: 41 marks from 14:02 to 14:31, one item marked twice (its last
    // mark counts) and a note added on another (the same mark again).
    let marks = ["pass"; 30]
        .iter()
        .chain(["partial"; 6].iter())
        .chain(["fail"; 3].iter())
        .chain(["n/a"; 2].iter())
        .copied()
        .collect::<Vec<_>>();
    for (n, mark) in marks.iter().enumerate() {
        let minute = (n as i64 * 29) / 40;
        s.record(at(minute), "checklist", format!("item-{n:02}: {mark}"));
    }
    s.record(at(20), "checklist", "item-00: fail");
    s.record(at(29), "checklist", "item-00: pass");
    s.record(at(29), "checklist", "item-31: partial");
    // A decision interrupts the marking.
    s.record(
        at(35),
        "decided",
        "data-resources: Managed relational database",
    );
    // The second session: two marks.
    s.record(at(40), "checklist", "net-01: fail");
    s.record(at(41), "checklist", "net-02: pass");
    // Two hours later, marking again is another session; a single mark names its item.
    s.record(at(160), "checklist", "dr-01: n/a");
    let checklist = Checklist::builtin().unwrap();
    let doc = document(&s, &ctx(&checklist));
    assert_eq!(
        change_log(&doc),
        [
            "| 2026-12-05 14:02 | created | from template infradraft-standard |",
            "| 2026-12-05 14:02 | checklist marked | 41 items: 30 pass, 6 partial, 3 fail, 2 n/a (14:02–14:31) |",
            "| 2026-12-05 14:37 | decided | data-resources: Managed relational database |",
            "| 2026-12-05 14:42 | checklist marked | 2 items: 1 pass, 1 fail (14:42–14:43) |",
            "| 2026-12-05 16:42 | checklist marked | 1 item: dr-01 n/a (16:42) |",
        ]
    );
    // The history itself keeps every record.
    assert_eq!(s.history.len(), 1 + 41 + 3 + 1 + 2 + 1);
}

/// The files of a directory and their bytes, by name.
fn files_of(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// `export --adr-dir` twice writes the same bytes and reports nothing; a record it wrote whose
/// decision is gone is reported (on standard error and in the last line) and left in place; a
/// file it did not write is neither touched nor reported.
#[test]
fn export_adr_dir_keeps_the_records_in_step_and_reports_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    store::create(&session, &complete_session(), false).unwrap();
    let adr_dir = dir.path().join("adr");
    let run = || {
        let o = bin()
            .env("INFRADRAFT_HOME", dir.path().join("home"))
            .args([
                "export",
                session.to_str().unwrap(),
                "-o",
                dir.path().join("doc.md").to_str().unwrap(),
                "--adr-dir",
                adr_dir.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let (out, err) = run();
    assert!(
        out.contains(&format!(
            "wrote 23 decision record(s) to {} (0 unchanged)",
            adr_dir.display()
        )),
        "{out}"
    );
    assert!(err.is_empty(), "{err}");
    let written = files_of(&adr_dir);
    assert_eq!(written.len(), 23);
    assert_eq!(written[4].0, "0005-compute-resources.md");
    let hand_written = b"---\nstatus: accepted\n---\n\n# ADR-0100: Our own record\n".to_vec();
    fs::write(adr_dir.join("0100-our-own.md"), &hand_written).unwrap();

    let (out, err) = run();
    assert!(
        out.contains("wrote 0 decision record(s)") && out.contains("(23 unchanged)"),
        "{out}"
    );
    assert!(!out.contains("stale") && err.is_empty(), "{out}{err}");
    let mut expected = written.clone();
    expected.push(("0100-our-own.md".into(), hand_written.clone()));
    expected.sort();
    assert_eq!(
        files_of(&adr_dir),
        expected,
        "the same bytes, the other file untouched"
    );

    // The compute decision leaves the session (as a template without it would make it).
    let mut s = store::load(&session).unwrap().session;
    s.components.retain(|c| c.id != "compute-resources");
    store::save(&session, &s).unwrap();
    let (out, err) = run();
    let stale = adr_dir.join("0005-compute-resources.md");
    assert_eq!(
        err,
        format!(
            "stale decision record: {} (written by an earlier export; it has no decision now, left in place)\n",
            stale.display()
        )
    );
    assert!(
        out.contains("(22 unchanged); 1 stale record(s) left in place: 0005-compute-resources.md"),
        "{out}"
    );
    assert_eq!(files_of(&adr_dir), expected, "nothing deleted or rewritten");
}

/// A script supersedes, amends, deprecates and rejects decisions and sets their people; the
/// records written afterwards show each change, under names that never move.
#[test]
fn the_adr_subcommands_change_the_lifecycle_of_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    let s = complete_session();
    let other = s
        .component("compute-resources")
        .unwrap()
        .options
        .iter()
        .find(|o| {
            o.id != s
                .component("compute-resources")
                .unwrap()
                .decision
                .as_ref()
                .unwrap()
                .option
        })
        .unwrap()
        .id
        .clone();
    store::create(&session, &s, false).unwrap();
    let run = |args: &[&str]| {
        bin()
            .env("INFRADRAFT_HOME", dir.path().join("home"))
            .arg("adr")
            .args(args)
            .output()
            .unwrap()
    };
    let ok = |args: &[&str]| {
        let mut full = vec![args[0], session.to_str().unwrap()];
        full.extend_from_slice(&args[1..]);
        let o = run(&full);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    };
    let fails = |args: &[&str]| {
        let mut full = vec![args[0], session.to_str().unwrap()];
        full.extend_from_slice(&args[1..]);
        let o = run(&full);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        String::from_utf8(o.stderr).unwrap()
    };
    let out = ok(&[
        "supersede",
        "compute-resources",
        "--option",
        &other,
        "--because",
        "The team runs functions already.",
        "--accept-conflicts",
        "accepted for the pilot",
    ]);
    assert!(
        out.starts_with("ADR-0024 supersedes ADR-0005 (compute-resources: "),
        "{out}"
    );
    let out = ok(&[
        "amend",
        "ADR-0001",
        "--because",
        "The enterprise agreement was renewed.",
    ]);
    assert!(
        out.starts_with("ADR-0001 amended (cloud-provider-strategy: "),
        "{out}"
    );
    let out = ok(&[
        "deprecate",
        "data-cache",
        "--because",
        "The database caches enough.",
    ]);
    assert!(
        out.starts_with("ADR-0008 deprecated (data-cache is undecided again)"),
        "{out}"
    );
    ok(&[
        "reject",
        "ADR-0009",
        "--because",
        "The board wants an event bus.",
    ]);
    let out = ok(&[
        "people",
        "ADR-0024",
        "--decision-maker",
        "R. Okafor",
        "--decision-maker",
        "J. Doe",
        "--consulted",
        "Platform team",
        "--informed",
        "Ops",
    ]);
    assert!(out.starts_with("ADR-0024: people set"), "{out}");
    assert!(ok(&["people", "ADR-0024", "--informed", "Ops"]).contains("people unchanged"));

    // What cannot be done is refused with one line, and nothing changes.
    let before = fs::read(&session).unwrap();
    let err = fails(&["amend", "ADR-0005", "--because", "x"]);
    assert!(
        err.contains("ADR-0005 is superseded, not its component's current decision"),
        "{err}"
    );
    let err = fails(&["supersede", "data-cache", "--because", "x"]);
    assert!(err.contains("\"data-cache\" has no decision yet"), "{err}");
    let err = fails(&["deprecate", "ADR-0042", "--because", "x"]);
    assert!(err.contains("no decision record ADR-0042"), "{err}");
    let err = fails(&["supersede", "compute-resources", "--because", " "]);
    assert!(err.contains("the justification is empty"), "{err}");
    assert!(fails(&["deprecate", "data-resources"]).contains("--because"));
    assert_eq!(fs::read(&session).unwrap(), before);

    let list = ok(&["list"]);
    for line in [
        "ADR-0001\taccepted\tcloud-provider-strategy\t",
        "ADR-0005\tsuperseded by ADR-0024\tcompute-resources\t",
        "ADR-0024\taccepted\tcompute-resources\t",
        "ADR-0008\tdeprecated\tdata-cache\t",
        "-\tproposed\tdata-cache\t",
        "ADR-0009\trejected\tdata-messaging\t",
    ] {
        assert!(
            list.lines().any(|l| l.starts_with(line)),
            "{line:?} in\n{list}"
        );
    }

    let adr_dir = dir.path().join("adr");
    let o = bin()
        .env("INFRADRAFT_HOME", dir.path().join("home"))
        .args([
            "export",
            session.to_str().unwrap(),
            "--adr-dir",
            adr_dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let read = |name: &str| fs::read_to_string(adr_dir.join(name)).unwrap();
    let old = read("0005-compute-resources.md");
    assert!(
        old.starts_with("---\nstatus: superseded by ADR-0024\n"),
        "{old}"
    );
    assert!(
        old.contains("> Superseded by [ADR-0024](0024-compute-resources.md) on "),
        "{old}"
    );
    let new = read("0024-compute-resources.md");
    assert!(new.starts_with("---\nstatus: accepted\n"), "{new}");
    assert!(new.contains("decision-makers: \"R. Okafor, J. Doe\"\nconsulted: \"Platform team\"\ninformed: \"Ops\"\n"), "{new}");
    assert!(
        new.contains("> Supersedes [ADR-0005](0005-compute-resources.md)."),
        "{new}"
    );
    assert!(new.contains("# ADR-0024 — Compute Resources: "), "{new}");
    let amended = read("0001-cloud-provider-strategy.md");
    assert!(amended.contains("> Amended on "), "{amended}");
    assert!(
        amended.contains("because the enterprise agreement was renewed."),
        "{amended}"
    );
    assert!(read("0008-data-cache.md").contains("> Deprecated on "));
    assert!(read("0009-data-messaging.md").starts_with("---\nstatus: rejected\n"));
    assert_eq!(fs::read_dir(&adr_dir).unwrap().count(), 24);
}
