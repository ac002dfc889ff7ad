//! The open dialog (F6, palette `open-document`) through the real key handler: it lists the
//! project's documents with their decision numbers, then the recent sessions; opening one saves
//! first when asked, or leaves the changes for the recovery file, and never opens a file that is
//! missing or broken. The switch itself (the window going on to the next file) is end to end in
//! `e2e_tmux.rs`.

use std::path::PathBuf;

use infradraft::home::Home;
use infradraft::knowledge::Template;
use infradraft::model::{InteractionMode, Session};
use infradraft::store;
use infradraft::tui::app::App;
use infradraft::tui::open_document::OpenNext;
use infradraft::tui::popup::Popup;
use infradraft::tui::prepare_app;
use infradraft::workflow::{NewSession, new_session};
use jiff::Timestamp;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::{ctrl, has_words, key, press, screen};

/// A repository with a project of three documents (the third not created yet), one broken
/// session the project lists too, and a session elsewhere among the recent ones.
struct Sandbox {
    dir: tempfile::TempDir,
    home: Home,
}

const PROJECT: &str = r#"(
    documents: [
        (path: "checkout/architecture.ron", numbers: (first: 1, last: 99)),
        (path: "payments/architecture.ron", numbers: (first: 100, last: 199)),
        (path: "search/architecture.ron", numbers: (first: 200, last: 299)),
        (path: "broken.ron", numbers: (first: 300, last: 399)),
    ],
)
"#;

fn session(title: &str, mode: Option<InteractionMode>) -> Session {
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    new_session(
        &Template::builtin().unwrap(),
        NewSession {
            title: Some(title.into()),
            project: None,
            authors: vec![],
            mode,
            inputs: infradraft::sample::inputs(now),
        },
        now,
    )
}

impl Sandbox {
    fn new() -> Sandbox {
        // Under /tmp with a name of fixed length, so that the paths on screen (masked below)
        // take the same room on every machine.
        let dir = tempfile::Builder::new()
            .prefix("od")
            .tempdir_in("/tmp")
            .unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for d in ["checkout", "payments", "elsewhere"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("infradraft.ron"), PROJECT).unwrap();
        let home = Home::under(root.join("home"));
        let sb = Sandbox { dir, home };
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        for (name, title, mode) in [
            ("elsewhere/other.ron", "Elsewhere", None),
            ("payments/architecture.ron", "Payments", None),
            (
                "checkout/architecture.ron",
                "Checkout",
                Some(InteractionMode::Incremental),
            ),
        ] {
            store::create(&sb.path(name), &session(title, mode), false).unwrap();
            store::remember(&sb.home.recent_index(), &sb.path(name), title, now).unwrap();
        }
        std::fs::write(sb.path("broken.ron"), "(format_version: 3,").unwrap();
        sb
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn open(&self, name: &str) -> App {
        let mut app = prepare_app(&self.path(name), &self.home, Some("dark".into())).unwrap();
        app.ui.popups.clear();
        app
    }

    /// The screen with the sandbox's random name and the save times masked (same lengths).
    fn screen(&self, app: &mut App, width: u16, height: u16) -> String {
        let name = self.dir.path().file_name().unwrap().to_str().unwrap();
        let mask = "#".repeat(name.len());
        let s = screen(app, width, height).replace(name, &mask);
        mask_saved(&s)
    }
}

/// Dates (`2026-12-04`) as `YYYY-MM-DD` and times of day as `HH:MM` (a line may wrap between
/// them).
fn mask_saved(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let date = (0..4).all(|k| digit(i + k))
            && chars.get(i + 4) == Some(&'-')
            && digit(i + 5)
            && digit(i + 6)
            && chars.get(i + 7) == Some(&'-')
            && digit(i + 8)
            && digit(i + 9);
        if date {
            out.push_str("YYYY-MM-DD");
            i += 10;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    common::mask_clock(&out)
}

fn dialog(app: &App) -> Option<&infradraft::tui::popup::Documents> {
    match app.ui.popups.last() {
        Some(Popup::Documents(d)) => Some(d),
        _ => None,
    }
}

fn selected_label(app: &App) -> String {
    dialog(app)
        .and_then(|d| d.selected_entry())
        .map(|e| e.label.clone())
        .unwrap_or_default()
}

/// Moves the dialog's selection down to the entry labelled `label`.
fn select(app: &mut App, label: &str) {
    for _ in 0..10 {
        if selected_label(app) == label {
            return;
        }
        press(app, &[key(KeyCode::Down)]);
    }
    panic!("{label} not in the dialog");
}

#[test]
fn the_dialog_lists_the_projects_documents_then_the_recent_sessions() {
    let sb = Sandbox::new();
    let mut app = sb.open("checkout/architecture.ron");
    press(&mut app, &[key(KeyCode::F(6))]);
    assert_eq!(
        selected_label(&app),
        "checkout/architecture.ron",
        "the session open here is selected"
    );
    let shown = sb.screen(&mut app, 110, 34);
    insta::assert_snapshot!("open_document_dialog", shown);
    let d = dialog(&app).unwrap();
    // The project's documents in its order, then the recent sessions it does not list (the
    // ones it lists are not repeated).
    let labels: Vec<&str> = d.documents.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "checkout/architecture.ron",
            "payments/architecture.ron",
            "search/architecture.ron",
            "broken.ron"
        ]
    );
    assert_eq!(d.recent.len(), 1, "{:?}", d.recent);
    assert!(d.recent[0].label.ends_with("elsewhere/other.ron"));

    // The palette offers it too, under its name.
    press(&mut app, &[key(KeyCode::Esc), ctrl('p')]);
    common::typ(&mut app, "open-document");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(dialog(&app).is_some(), "the palette opens the dialog");
}

#[test]
fn opening_a_document_with_nothing_unsaved_ends_this_one_for_it() {
    let sb = Sandbox::new();
    let mut app = sb.open("checkout/architecture.ron");
    press(&mut app, &[key(KeyCode::F(6))]);
    select(&mut app, "payments/architecture.ron");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        app.ui.open_next,
        Some(OpenNext {
            path: sb.path("payments/architecture.ron"),
            keep_unsaved: false
        })
    );
    assert!(app.ui.quit && app.ui.popups.is_empty());
}

#[test]
fn unsaved_changes_are_saved_first_or_left_for_the_recovery_file_never_dropped() {
    let sb = Sandbox::new();
    let file = sb.path("checkout/architecture.ron");
    let before = std::fs::read_to_string(&file).unwrap();
    let open_dirty = || {
        let mut app = sb.open("checkout/architecture.ron");
        // A change: a line typed into the first section.
        common::select(&mut app, "overview");
        press(&mut app, &[key(KeyCode::Enter)]);
        common::typ(&mut app, "Checkout runs in two regions.");
        press(&mut app, &[key(KeyCode::Esc)]);
        assert!(app.doc.dirty, "the typing is unsaved");
        press(&mut app, &[key(KeyCode::F(6))]);
        select(&mut app, "payments/architecture.ron");
        press(&mut app, &[key(KeyCode::Enter)]);
        app
    };

    // Cancel: nothing happens, the change is still here and unsaved.
    let mut app = open_dirty();
    let shown = screen(&mut app, 120, 40);
    assert!(
        has_words(
            &shown,
            "Save them before opening payments/architecture.ron?"
        ),
        "{shown}"
    );
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert!(app.ui.open_next.is_none() && !app.ui.quit && app.doc.dirty);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    // (Its lock goes with it.)
    drop(app);

    // Open without saving: the file is as it was, and the window leaves the change for the
    // recovery file.
    let mut app = open_dirty();
    press(&mut app, &[key(KeyCode::Char('d'))]);
    assert_eq!(
        app.ui.open_next,
        Some(OpenNext {
            path: sb.path("payments/architecture.ron"),
            keep_unsaved: true
        })
    );
    assert!(app.doc.dirty, "kept, to be written to the recovery file");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    drop(app);

    // Save and open: the change is on disk first.
    let mut app = open_dirty();
    press(&mut app, &[key(KeyCode::Char('s'))]);
    assert_eq!(
        app.ui.open_next.as_ref().map(|n| n.keep_unsaved),
        Some(false)
    );
    assert!(!app.doc.dirty);
    let saved = store::load(&file).unwrap().session;
    assert!(
        saved.sections[0]
            .body
            .contains("Checkout runs in two regions."),
        "{}",
        saved.sections[0].body
    );
}

#[test]
fn a_missing_a_broken_or_the_same_document_is_not_opened() {
    let sb = Sandbox::new();
    let mut app = sb.open("checkout/architecture.ron");
    press(&mut app, &[key(KeyCode::F(6))]);
    for (label, says) in [
        ("search/architecture.ron", "does not exist yet"),
        ("broken.ron", "broken.ron"),
    ] {
        select(&mut app, label);
        press(&mut app, &[key(KeyCode::Enter)]);
        let message = app.ui.message.as_ref().map(|m| m.text.clone());
        assert!(
            message.as_deref().is_some_and(|m| m.contains(says)),
            "{label}: {message:?}"
        );
        assert!(dialog(&app).is_some(), "{label}: the dialog stays open");
        assert!(app.ui.open_next.is_none() && !app.ui.quit);
    }
    press(&mut app, &[key(KeyCode::Home), key(KeyCode::Enter)]);
    assert!(
        app.ui.open_next.is_none() && !app.ui.quit,
        "already open here"
    );
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.ui.popups.is_empty());
}

#[test]
fn outside_a_project_the_dialog_lists_the_recent_sessions_and_this_one() {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.path("infradraft.ron")).unwrap();
    let other = sb.path("elsewhere/other.ron");
    let mut app = prepare_app(&other, &sb.home, Some("dark".into())).unwrap();
    app.ui.popups.clear();
    press(&mut app, &[key(KeyCode::F(6))]);
    let d = dialog(&app).unwrap();
    assert!(d.project.is_none() && d.documents.is_empty());
    let labels: Vec<String> = d.recent.iter().map(|e| e.label.clone()).collect();
    assert_eq!(labels.len(), 3, "{labels:?}");
    assert!(
        labels[0].ends_with("checkout/architecture.ron"),
        "newest first: {labels:?}"
    );
    assert!(
        selected_label(&app).ends_with("elsewhere/other.ron"),
        "the session open here is selected"
    );
}

#[test]
fn review_mode_has_no_open_dialog() {
    let sb = Sandbox::new();
    let path = sb.path("checkout/architecture.ron");
    let mut app =
        infradraft::tui::prepare_review(&path, &sb.home, Some("dark".into()), "Rita").unwrap();
    app.ui.popups.clear();
    press(&mut app, &[key(KeyCode::F(6))]);
    assert!(dialog(&app).is_none());
    let message = app.ui.message.as_ref().map(|m| m.text.clone());
    assert!(
        message.is_some_and(|m| m.contains("review mode works on this session only")),
        "{:?}",
        app.ui.message.as_ref().map(|m| &m.text)
    );
}
