//! A session file saved by the build before sections held several decisions (format version 1:
//! the YOLO-drafted sample with Data Resources decided and its text edited by hand, written by
//! that build through its workbench) opens, migrates, exports and saves as the current version.

use std::fs;
use std::path::Path;
use std::process::Command;

use infradraft::model::{FORMAT_VERSION, SectionStatus};
use infradraft::store;

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/session-v1.ron")
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
        last.detail
            .starts_with("from session format version 1 to 2; decisions added: "),
        "{}",
        last.detail
    );

    // Saved, it loads as the current version without migration.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("migrated.ron");
    store::save(&out, &s).unwrap();
    let again = store::load(&out).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.session, s);
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
