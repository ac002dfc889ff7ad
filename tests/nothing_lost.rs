//! The workbench never loses work: a session changed on disk by another program is never silently
//! overwritten, a failed save keeps both the old file and the unsaved state, and a session reopens
//! exactly where it was left.

mod common;

use common::*;
use infradraft::store;
use infradraft::tui::popup::{Confirm, Popup};
use ratatui::crossterm::event::KeyCode;

/// Changes the session file as another program would (a different size, a later time).
fn change_on_disk(f: &Fixture, title: &str) {
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut s = store::load(&f.path).unwrap().session;
    s.meta.title = title.into();
    store::save(&f.path, &s).unwrap();
}

#[test]
fn a_change_on_disk_is_never_silently_overwritten() {
    let f = fixture();
    let mut app = open(&f);
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "Mine. ");
    change_on_disk(&f, "Theirs, from git pull");
    app.handle_event(ctrl('s'));
    assert!(
        matches!(
            app.ui.popups.last(),
            Some(Popup::Confirm(Confirm::ChangedOnDisk))
        ),
        "asks before overwriting"
    );
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Changed on disk"), "{s}");
    assert_eq!(
        store::load(&f.path).unwrap().session.meta.title,
        "Theirs, from git pull",
        "nothing written yet"
    );
    // o: overwrite on purpose.
    app.handle_event(key(KeyCode::Char('o')));
    let saved = store::load(&f.path).unwrap().session;
    assert!(saved.sections[0].body.starts_with("Mine. "));
    assert!(!app.doc.dirty);

    // r: reload theirs, dropping mine.
    typ(&mut app, "More of mine. ");
    change_on_disk(&f, "Theirs again");
    app.handle_event(ctrl('s'));
    app.handle_event(key(KeyCode::Char('r')));
    assert_eq!(app.doc.session.meta.title, "Theirs again");
    assert!(!app.doc.session.sections[0].body.contains("More of mine."));
    assert!(!app.doc.dirty);

    // a: save mine as another file; theirs stays.
    app.handle_event(key(KeyCode::Esc));
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "Third. ");
    change_on_disk(&f, "Theirs, third time");
    app.handle_event(ctrl('s'));
    app.handle_event(key(KeyCode::Char('a')));
    app.handle_event(ctrl('u'));
    let other = f._dir.path().join("mine.ron");
    typ(&mut app, &format!("{}\n", other.display()));
    let mine = store::load(&other).unwrap().session;
    assert!(
        mine.sections[0].body.contains("Third. "),
        "{}",
        mine.sections[0].body
    );
    assert_eq!(
        store::load(&f.path).unwrap().session.meta.title,
        "Theirs, third time"
    );
    assert_eq!(app.path(), other.as_path());
}

#[test]
fn a_failed_save_says_why_keeps_the_old_file_and_the_unsaved_work() {
    let f = fixture();
    let before = std::fs::read(&f.path).unwrap();
    let mut app = open(&f);
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "Unsaved work. ");
    // A directory where the backup must go makes the save fail (also for root, unlike permissions).
    let bak = store::backup_path(&f.path);
    std::fs::create_dir_all(bak.join("in-the-way")).unwrap();
    app.handle_event(ctrl('s'));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("cannot save") || s.contains("s.ron"), "{s}");
    assert!(app.doc.dirty, "the work is still unsaved, not lost");
    assert!(
        app.doc.session.sections[0]
            .body
            .starts_with("Unsaved work. ")
    );
    assert_eq!(std::fs::read(&f.path).unwrap(), before, "old file intact");
    let leftovers: Vec<_> = std::fs::read_dir(f._dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Once the obstacle is gone, the same session saves.
    std::fs::remove_dir_all(&bak).unwrap();
    app.handle_event(ctrl('s'));
    assert!(!app.doc.dirty);
    assert!(
        store::load(&f.path).unwrap().session.sections[0]
            .body
            .starts_with("Unsaved work. ")
    );
}

#[test]
fn a_session_reopens_exactly_where_it_was_left() {
    let f = fixture();
    let mut app = open(&f);
    // A stage with a selected row.
    select(&mut app, "stage:requirements");
    app.handle_event(key(KeyCode::Enter));
    for _ in 0..3 {
        app.handle_event(key(KeyCode::Char('j')));
    }
    app.handle_event(ctrl('s'));
    drop(app);
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    assert_eq!(
        app.selected_stage(),
        Some(infradraft::tui::navigator::Stage::Requirements)
    );
    assert_eq!(app.ui.stages.requirement_selected, 3);
    assert_eq!(app.ui.focus, infradraft::tui::app::Pane::Editor);

    // A component's text editor, with the cursor on line 2.
    select(&mut app, "compute-resources");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('w')));
    typ(&mut app, "one\ntwo");
    app.handle_event(ctrl('s'));
    drop(app);
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    assert_eq!(selected_id(&app), "compute-resources");
    assert!(
        app.ui.text_mode,
        "back in the text editor, not the design panes"
    );
    let section = app.selected_section().unwrap();
    let cursor = app.editor(section).unwrap().textarea.cursor();
    assert_eq!((cursor.0, cursor.1), (1, 3));
}
