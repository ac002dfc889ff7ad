//! The store's promises under bad input: every broken file gives the right error kind naming the
//! file (with line and column where there is one), and no file is ever changed by a failed load.

use std::fs;
use std::path::{Path, PathBuf};

use infradraft::knowledge::Template;
use infradraft::model::{FORMAT_VERSION, InteractionMode, Session};
use infradraft::store::{self, Access, ParseProblem, StoreError};
use infradraft::workflow::{NewSession, new_session};
use jiff::Timestamp;

fn sample_session() -> Session {
    new_session(
        &Template::builtin().unwrap(),
        NewSession {
            title: Some("Test".into()),
            project: Some("Acme".into()),
            authors: vec!["Ada".into()],
            mode: Some(InteractionMode::Incremental),
            inputs: vec![],
        },
        Timestamp::from_second(1_800_000_000).unwrap(),
    )
}

/// Writes `bytes` to a file, loads it, and checks the file is byte-for-byte unchanged afterwards.
fn load_bytes(dir: &Path, name: &str, bytes: &[u8]) -> (PathBuf, StoreError) {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    let err = store::load(&path).expect_err("a bad file must not load");
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "{name} was changed by a load"
    );
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "error does not name the file: {err}"
    );
    assert!(
        !err.to_string().contains('\n'),
        "error is not one line: {err}"
    );
    (path, err)
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_, err) = load_bytes(dir.path(), "empty.ron", b"");
    assert!(matches!(err, StoreError::Empty { .. }), "{err}");
    let (_, err) = load_bytes(dir.path(), "blank.ron", b"  \n\n");
    assert!(matches!(err, StoreError::Empty { .. }), "{err}");
}

#[test]
fn truncated_file_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session();
    session.inputs.push(infradraft::inputs::builtin_input(
        "prd.md",
        infradraft::model::InputKind::Prd,
        "# PRD\n\n- NFR1: \"99.95%\" availability\n#### Acceptance\n",
        Timestamp::from_second(1_800_000_000).unwrap(),
    ));
    let full = store::to_ron(&session).unwrap();
    // Cut anywhere: inside a string, a raw string, a struct name, between fields.
    for tenth in 1..10 {
        let mut at = full.len() * tenth / 10;
        while !full.is_char_boundary(at) {
            at += 1;
        }
        let cut = &full[..at];
        let (path, err) = load_bytes(dir.path(), &format!("cut{tenth}.ron"), cut.as_bytes());
        match &err {
            StoreError::Parse {
                problem, line, col, ..
            } => {
                assert_eq!(*problem, ParseProblem::Truncated, "cut at {at}: {err}");
                assert!(*line >= 1 && *col >= 1);
            }
            other => panic!("expected a parse error, got {other}"),
        }
        assert!(err.to_string().starts_with(&format!("{}:", path.display())));
        assert!(err.to_string().contains("ends too early"), "{err}");
    }
}

#[test]
fn wrong_shape_says_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let text = store::to_ron(&sample_session())
        .unwrap()
        .replace("mode: Some(Incremental)", "mode: Some(Incrementl)");
    let (_, err) = load_bytes(dir.path(), "typo.ron", text.as_bytes());
    match &err {
        StoreError::Parse {
            problem,
            line,
            message,
            ..
        } => {
            assert_eq!(*problem, ParseProblem::Shape);
            let expected_line = text.lines().position(|l| l.contains("Incrementl")).unwrap() + 1;
            assert_eq!(*line, expected_line);
            assert!(message.contains("Incrementl"), "{message}");
        }
        other => panic!("expected a parse error, got {other}"),
    }
    // RON of another shape altogether.
    let (_, err) = load_bytes(
        dir.path(),
        "other.ron",
        b"Config(theme: \"dark\", autosave_seconds: 30)\n",
    );
    assert!(
        matches!(
            err,
            StoreError::Parse {
                problem: ParseProblem::Shape,
                ..
            }
        ),
        "{err}"
    );
    // Not RON at all.
    let (_, err) = load_bytes(dir.path(), "notes.ron", b"# Meeting notes\n- decide DNS\n");
    assert!(
        matches!(
            err,
            StoreError::Parse {
                problem: ParseProblem::Syntax,
                line: 1,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn newer_format_version_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let newer = FORMAT_VERSION + 1;
    let text = store::to_ron(&sample_session()).unwrap().replace(
        &format!("format_version: {FORMAT_VERSION},"),
        &format!("format_version: {newer},\n    future_field: [1, 2, 3],"),
    );
    let (_, err) = load_bytes(dir.path(), "future.ron", text.as_bytes());
    assert!(
        matches!(err, StoreError::NewerVersion { found, supported, .. } if found == newer && supported == FORMAT_VERSION),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("version {newer}"))
            && msg.contains(&format!("up to {FORMAT_VERSION}"))
    );
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_, err) = load_bytes(
        dir.path(),
        "image.ron",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    );
    assert!(matches!(err, StoreError::Binary { offset: 8, .. }), "{err}");
    let (_, err) = load_bytes(
        dir.path(),
        "latin1.ron",
        b"Session(format_version: 1, title: \"Caf\xe9\")",
    );
    assert!(
        matches!(err, StoreError::NotUtf8 { offset: 38, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .ends_with("latin1.ron: not UTF-8 text (invalid byte at offset 38)"),
        "{err}"
    );
}

#[test]
fn missing_file_and_directory() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.ron");
    let err = store::load(&missing).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert!(!missing.exists(), "a failed load must not create the file");
    let err = store::load(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::IsDirectory { .. }), "{err}");
}

#[test]
fn save_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut s = sample_session();
    store::save(&path, &s).unwrap();
    let first = fs::read(&path).unwrap();
    s.meta.title = "Second".into();
    store::save(&path, &s).unwrap();
    assert_eq!(fs::read(store::backup_path(&path)).unwrap(), first);
    assert_eq!(store::load(&path).unwrap().session.meta.title, "Second");
}

#[test]
fn create_refuses_to_replace_without_force_and_while_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let s = sample_session();
    store::create(&path, &s, false).unwrap();
    let before = fs::read(&path).unwrap();
    let err = store::create(&path, &s, false).unwrap_err();
    assert!(matches!(err, StoreError::Exists { .. }), "{err}");
    let held = store::open(&path).unwrap();
    assert!(matches!(held.access, Access::ReadWrite(_)));
    let err = store::create(&path, &s, true).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    drop(held);
    store::create(&path, &s, true).unwrap();
}

#[test]
fn a_second_handle_on_one_session_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    store::save(&path, &sample_session()).unwrap();
    let before = fs::read(&path).unwrap();
    let first = store::open(&path).unwrap();
    assert!(!first.access.is_read_only());
    let second = store::open(&path).unwrap();
    match &second.access {
        Access::ReadOnly(reason) => {
            let text = reason.to_string();
            assert!(
                text.contains("another infradraft process")
                    && text.contains(&std::process::id().to_string()),
                "{text}"
            );
        }
        Access::ReadWrite(_) => panic!("two writers on one session"),
    }
    assert_eq!(second.loaded.session, first.loaded.session);
    assert_eq!(store::held_elsewhere(&path), Some(Some(std::process::id())));
    drop(first);
    assert_eq!(store::held_elsewhere(&path), None);
    let third = store::open(&path).unwrap();
    assert!(!third.access.is_read_only());
    assert_eq!(fs::read(&path).unwrap(), before);
}
