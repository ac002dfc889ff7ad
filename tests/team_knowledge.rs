//! A team's knowledge files are loaded when the knowledge is first used, from the directory the
//! command line gives (`knowledge::use_config_dir`), and a broken one is left out with a warning
//! that names it. Its own test binary: the knowledge is loaded once per process.

use infradraft::knowledge;

#[test]
fn a_broken_team_file_is_left_out_and_named_when_the_knowledge_is_first_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("ranking")).unwrap();
    std::fs::write(dir.path().join("ranking/broken.ron"), "(points: oops").unwrap();
    knowledge::use_config_dir(dir.path());
    let warnings = knowledge::team_file_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("broken.ron:1:"), "{warnings:?}");
    assert!(warnings[0].ends_with("file skipped"), "{warnings:?}");
    // The built-in rules are still in force.
    assert_eq!(knowledge::fit_rules::fit_rules().points.mandated, 10);
}
