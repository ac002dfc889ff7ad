//! Session files from older builds open, migrate, export and save as the current version: format
//! version 1 (before sections held several decisions; the YOLO-drafted sample with Data Resources
//! decided and its text edited by hand, written by that build through its workbench) and the
//! pre-release version 0 (a hand-written fixture).

use std::fs;
use std::path::Path;
use std::process::Command;

use infradraft::model::{FORMAT_VERSION, InteractionMode, SectionStatus, Session};
use infradraft::store;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture() -> std::path::PathBuf {
    fixtures().join("session-v1.ron")
}

/// A migrated session saves as the current version, which loads without migration, unchanged.
fn assert_saves_as_current(s: &Session) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("migrated.ron");
    store::save(&out, s).unwrap();
    let again = store::load(&out).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(&again.session, s);
}

const HAND_WRITTEN: &str = "Hand-written: the ledger database stays in eu-central-1.";

#[test]
fn a_version_1_session_migrates_keeping_its_decision_and_text_and_gains_the_new_decisions() {
    let before = fs::read(fixture()).unwrap();
    assert!(String::from_utf8_lossy(&before).contains("format_version: 1,"));
    let loaded = store::load(&fixture()).unwrap();
    assert_eq!(
        fs::read(fixture()).unwrap(),
        before,
        "loading must not rewrite"
    );
    assert_eq!(loaded.migrated_from, Some(1));
    let s = loaded.session;
    assert_eq!(s.format_version, FORMAT_VERSION);

    // The decision made in version 1 is the data section's primary decision, unchanged.
    let data = s.component("data-resources").unwrap();
    assert!(data.is_primary());
    let decision = data.decision.as_ref().expect("decided in version 1");
    assert_eq!(decision.option, "data-managed-relational");
    // Its one decision gets the first number.
    assert_eq!(decision.adr, Some(infradraft::model::AdrId(1)));
    assert_eq!(s.last_adr, 1);
    assert_eq!(s.decision_title(data), "Primary database");
    // The section's further decisions are added after it, not started, with the template's
    // titles; the version 1 options of the primary decision stay where they were.
    let ids: Vec<&str> = s
        .decisions_in("data-resources")
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "data-resources",
            "data-cache",
            "data-messaging",
            "data-object-storage"
        ]
    );
    for c in s.decisions_in("data-resources").skip(1) {
        assert!(c.options.is_empty() && c.decision.is_none(), "{}", c.id);
        assert!(!c.title.is_empty(), "{}", c.id);
    }
    assert_eq!(s.components.len(), 23);
    // The person's text and the section's state are as they were.
    let section = s.section("data-resources").unwrap();
    assert!(section.body.contains(HAND_WRITTEN));
    assert!(section.hand_edited);
    assert_eq!(section.status, SectionStatus::Decided);
    let last = s.history.last().unwrap();
    assert_eq!(last.action, "migrated");
    assert!(
        last.detail.starts_with(&format!(
            "from session format version 1 to {FORMAT_VERSION}; decisions added: "
        )) && last
            .detail
            .ends_with("; decisions numbered: ADR-0001 data-resources"),
        "{}",
        last.detail
    );
    assert_saves_as_current(&s);
}

#[test]
fn a_version_1_session_exports_and_checks_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("old.ron");
    fs::copy(fixture(), &copy).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_infradraft"))
            .args(args)
            .env("INFRADRAFT_HOME", dir.path().join("home"))
            .env("TZ", "UTC")
            .output()
            .unwrap()
    };
    let adr = dir.path().join("adr");
    let o = run(&[
        "export",
        copy.to_str().unwrap(),
        "--adr-dir",
        adr.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = String::from_utf8(o.stdout).unwrap();
    assert!(doc.contains(HAND_WRITTEN));
    assert!(doc.contains("**Decision:** Managed relational database"));
    assert!(
        doc.contains("1/23 decisions made"),
        "the status line counts decisions"
    );
    let adrs: Vec<String> = fs::read_dir(&adr)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(adrs, ["0001-data-resources.md"]);
    // The file itself is left as it was: export reads, it does not migrate on disk.
    assert_eq!(fs::read(&copy).unwrap(), fs::read(fixture()).unwrap());
    // check counts the new decisions as not made yet.
    let o = run(&["check", copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let report = String::from_utf8(o.stdout).unwrap();
    assert!(report.contains("decisions made 1/23"), "{report}");
    assert!(
        report.contains("Data Resources · Cache: no decision recorded"),
        "{report}"
    );
}

#[test]
fn older_version_is_migrated_from_a_hand_written_fixture() {
    let fixture = fixtures().join("session-v0.ron");
    let before = fs::read(&fixture).unwrap();
    let loaded = store::load(&fixture).unwrap();
    assert_eq!(
        fs::read(&fixture).unwrap(),
        before,
        "loading must not rewrite"
    );
    assert_eq!(loaded.migrated_from, Some(0));
    let s = loaded.session;
    assert_eq!(s.format_version, FORMAT_VERSION);
    assert_eq!(
        s.meta.title,
        "Harbour Telemetry — Infrastructure Architecture"
    );
    assert_eq!(s.meta.authors, ["R. Okafor"]);
    assert_eq!(s.mode, Some(InteractionMode::Incremental));
    assert_eq!(s.inputs.len(), 1);
    assert_eq!(
        s.inputs[0].sha256,
        infradraft::inputs::sha256_hex(&s.inputs[0].text)
    );
    assert_eq!(s.sections.len(), 3);
    assert!(s.section("overview").unwrap().hand_edited);
    // Component sections got design records with the template's purpose; the decision moved in,
    // and each section holds the decisions the template declares beside it, not started.
    let ids: Vec<&str> = s.components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "compute-resources",
            "compute-background-work",
            "data-resources",
            "data-cache",
            "data-messaging",
            "data-object-storage"
        ]
    );
    assert!(
        s.decisions_in("data-resources")
            .skip(1)
            .all(|c| c.options.is_empty() && !c.is_primary())
    );
    let compute = s.component("compute-resources").unwrap();
    assert!(!compute.purpose.is_empty());
    let decision = compute.decision.as_ref().unwrap();
    assert_eq!(decision.option, "managed-containers");
    assert_eq!(compute.options[0].name, "Managed containers");
    assert_eq!(decision.justification, "No cluster operators on the team.");
    assert_eq!(decision.adr, Some(infradraft::model::AdrId(1)));
    assert!(s.component("data-resources").unwrap().decision.is_none());
    assert_eq!(s.history.last().unwrap().action, "migrated");
    assert_saves_as_current(&s);
}
