//! Offline review in the workbench: a reviewer's comments go to the side file and never into the
//! session; the author merges them, sees them as badges, resolves them, and exports the summary.

mod common;

use common::*;
use infradraft::model::{CommentTarget, Severity};
use infradraft::review;
use infradraft::store;
use infradraft::tui::prepare_review;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_review_writes_only_the_side_file_and_the_author_merges_it() {
    let f = fixture();
    let before = std::fs::read(&f.path).unwrap();
    let mut app = prepare_review(&f.path, &f.home, Some("dark".into()), "Rita").unwrap();
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("REVIEW"), "{s}");
    assert!(
        !store::lock_path_for(&f.path).exists(),
        "no lock in review mode"
    );
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::F(4)));
    app.handle_event(key(KeyCode::Char('a')));
    typ(&mut app, "Name the two regions and why.\n");
    app.handle_event(key(KeyCode::Char('s')));
    app.handle_event(key(KeyCode::Char('s')));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Comments · Infrastructure Overview"), "{s}");
    assert!(s.contains("critical"), "{s}");
    // The comment's time is now: keep it out of the snapshot.
    let stable = regex::Regex::new(r"Rita · \d\d:\d\d")
        .unwrap()
        .replace(&s, "Rita · hh:mm");
    insta::assert_snapshot!("comments_120x40", stable);
    app.handle_event(key(KeyCode::Esc));
    // The author's text cannot be changed.
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "x");
    assert!(!app.doc.session.sections[0].body.contains('x'));
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(ctrl('s'));
    assert!(!app.doc.dirty);
    drop(app);
    assert_eq!(
        std::fs::read(&f.path).unwrap(),
        before,
        "the session is untouched"
    );
    let side = review::load(&review::review_path(&f.path), "").unwrap();
    assert_eq!(side.comments.len(), 1);
    assert_eq!(side.comments[0].author, "Rita");
    assert_eq!(side.comments[0].severity, Severity::Critical);
    assert_eq!(
        side.comments[0].target,
        CommentTarget::Section("overview".into())
    );

    // The author merges from the palette, sees the badge, and resolves the comment.
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    app.handle_event(ctrl('p'));
    typ(&mut app, "merge-review\n");
    assert_eq!(app.doc.session.review_comments.len(), 1);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Infrastructure Overview ✎1"), "{s}");
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::F(4)));
    app.handle_event(key(KeyCode::Char('r')));
    app.handle_event(key(KeyCode::Esc));
    assert!(app.doc.session.review_comments[0].resolved_at.is_some());
    assert!(!screen(&mut app, 120, 40).contains('✎'));
    app.handle_event(ctrl('p'));
    typ(&mut app, "export-review\n");
    let mut name = f.path.file_name().unwrap().to_os_string();
    name.push(".review.md");
    let summary = std::fs::read_to_string(f.path.with_file_name(name)).unwrap();
    assert!(
        summary.contains("1 comment(s): 0 open, 1 resolved."),
        "{summary}"
    );
    assert!(
        summary.contains("| Infrastructure Overview | 0 | 1 |"),
        "{summary}"
    );
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    assert_eq!(saved.review_comments.len(), 1);
    assert!(saved.history.iter().any(|h| h.action == "review-merged"));
}

#[test]
fn the_palette_switches_an_open_session_to_review_mode() {
    let f = fixture();
    let mut app = open(&f);
    // While the author works, the session is locked for writing.
    assert!(matches!(
        store::lock_for_writing(&f.path).unwrap(),
        store::Access::ReadOnly(_)
    ));
    screen(&mut app, 120, 40);
    app.handle_event(ctrl('p'));
    typ(&mut app, "review-mode\n");
    assert!(app.doc.review.is_some());
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("REVIEW"), "{s}");
    // The lock is free: the author (another process) could open the session for writing.
    assert!(matches!(
        store::lock_for_writing(&f.path).unwrap(),
        store::Access::ReadWrite(_)
    ));
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::F(4)));
    app.handle_event(key(KeyCode::Char('a')));
    typ(&mut app, "Looks fine.\n");
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(ctrl('s'));
    let side = review::load(&review::review_path(&f.path), "").unwrap();
    assert_eq!(side.comments.len(), 1);
}

#[test]
fn a_comment_just_added_is_the_one_the_next_key_acts_on() {
    let f = fixture();
    let mut app = prepare_review(&f.path, &f.home, Some("dark".into()), "Rita").unwrap();
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::F(4)));
    app.handle_event(key(KeyCode::Char('a')));
    typ(&mut app, "First comment.\n");
    app.handle_event(key(KeyCode::Char('a')));
    typ(&mut app, "Second comment.\n");
    let state = |app: &infradraft::tui::app::App| {
        app.section_comments("overview")
            .iter()
            .map(|c| (c.text.clone(), c.severity, c.resolved_at.is_some()))
            .collect::<Vec<_>>()
    };
    // Resolving and the severity act on the comment just added, not on the first one.
    app.handle_event(key(KeyCode::Char('r')));
    app.handle_event(key(KeyCode::Char('s')));
    assert_eq!(
        state(&app),
        [
            ("First comment.".to_string(), Severity::Minor, false),
            ("Second comment.".to_string(), Severity::Major, true),
        ]
    );
    // A third one, added with the first selected, is selected in its turn.
    app.handle_event(key(KeyCode::Up));
    app.handle_event(key(KeyCode::Char('a')));
    typ(&mut app, "Third comment.\n");
    app.handle_event(key(KeyCode::Char('r')));
    assert_eq!(
        state(&app).iter().map(|c| c.2).collect::<Vec<_>>(),
        [false, true, true]
    );
}

#[test]
fn the_comments_popup_scrolls_a_comment_just_added_into_view() {
    let f = fixture();
    let mut app = prepare_review(&f.path, &f.home, Some("dark".into()), "Rita").unwrap();
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::F(4)));
    for n in 1..=14 {
        app.handle_event(key(KeyCode::Char('a')));
        typ(&mut app, &format!("Comment number {n}.\n"));
    }
    let s = screen(&mut app, 120, 40);
    // The popup holds about nine comments: the last one is in view, the first one is not.
    assert!(s.contains("Comment number 14."), "{s}");
    assert!(!s.contains("Comment number 1."), "{s}");
    assert!(
        s.contains("r resolve/reopen"),
        "the keys stay at the bottom:\n{s}"
    );
    // Going back up scrolls the other way.
    for _ in 0..14 {
        app.handle_event(key(KeyCode::Up));
    }
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Comment number 1."), "{s}");
    assert!(!s.contains("Comment number 14."), "{s}");
}

/// The key bar: the last line of the screen.
fn key_bar(app: &mut infradraft::tui::app::App) -> String {
    let s = screen(app, 120, 40);
    s.lines().last().unwrap().to_string()
}

#[test]
fn the_review_key_bar_shows_only_keys_that_act() {
    let f = fixture();
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    store::save(&f.path, &yolo_sample(t(0), t(1), vec![])).unwrap();
    // The author's keys, refused in review mode.
    let refused = [
        "recommend",
        "decide",
        " add",
        "blank",
        " edit",
        "feedback",
        "finalize",
        "menu",
        "undo",
        "redo",
        "$EDITOR",
        "pass",
        "draft",
    ];
    let check = |bar: &str, wanted: &[&str]| {
        for word in refused {
            assert!(!bar.contains(word), "{word:?} in the review key bar: {bar}");
        }
        for word in wanted {
            assert!(
                bar.contains(word),
                "no {word:?} in the review key bar: {bar}"
            );
        }
    };
    let mut app = prepare_review(&f.path, &f.home, Some("dark".into()), "Rita").unwrap();
    // The navigator.
    select(&mut app, "network-architecture");
    let bar = key_bar(&mut app);
    check(
        &bar,
        &[
            "F4 comments",
            "Enter read",
            "^S save",
            ": palette",
            "q quit",
        ],
    );
    // The comments popup: its own keys, those that act on what there is.
    app.handle_event(key(KeyCode::F(4)));
    let bar = key_bar(&mut app);
    check(&bar, &["a comment", "o on the option", "Esc close"]);
    for absent in ["on the decision", "resolve", "severity", "Tab focus"] {
        assert!(!bar.contains(absent), "{absent:?}: {bar}");
    }
    app.handle_event(key(KeyCode::Char('a')));
    typ(&mut app, "Why not two regions?\n");
    let bar = key_bar(&mut app);
    check(
        &bar,
        &["a comment", "r resolve/reopen", "s severity", "Esc close"],
    );
    app.handle_event(key(KeyCode::Esc));
    // The design panes of a component with its options drafted.
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.context(), infradraft::tui::action::Context::Design);
    let bar = key_bar(&mut app);
    check(
        &bar,
        &["Esc back", "F4 comments", "] step→", "l card", "w text"],
    );
    // The section's text.
    app.handle_event(key(KeyCode::Char('w')));
    assert_eq!(app.context(), infradraft::tui::action::Context::Editor);
    let bar = key_bar(&mut app);
    check(&bar, &["Esc back", "F4 comments", "^S save", "^F search"]);
    // The checklist: reading it, filtering it and going to an item's section act; marks do not.
    app.handle_event(key(KeyCode::Esc));
    select(&mut app, "stage:checklist");
    app.handle_event(key(KeyCode::Enter));
    let bar = key_bar(&mut app);
    check(&bar, &["Esc back", "f filter", "Enter open"]);
    assert!(!bar.contains("F4"), "no section to comment on here: {bar}");

    // The author's workbench on the same session still offers the author's keys.
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, "network-architecture");
    app.handle_event(key(KeyCode::Enter));
    let bar = key_bar(&mut app);
    for word in ["recommend", "decide", " add", "blank", "finalize"] {
        assert!(
            bar.contains(word),
            "no {word:?} in the author's key bar: {bar}"
        );
    }
}

#[test]
fn review_mode_moves_through_the_steps_without_changing_the_authors_work() {
    let f = fixture();
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    store::save(&f.path, &yolo_sample(t(0), t(1), vec![])).unwrap();
    let on_disk = store::load(&f.path).unwrap().session;
    let mut app = prepare_review(&f.path, &f.home, Some("dark".into()), "Rita").unwrap();
    select(&mut app, "network-architecture");
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.context(), infradraft::tui::action::Context::Design);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("[c Recommendation]"), "{s}");
    // The reviewer looks at every step: step f shows the decision part.
    for _ in 0..5 {
        app.handle_event(key(KeyCode::Char(']')));
    }
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("[f Decision]"), "{s}");
    assert!(s.contains("f. Decision"), "{s}");
    assert!(!app.doc.dirty, "moving between steps is no change");
    assert_eq!(app.doc.session, on_disk);
    for _ in 0..5 {
        app.handle_event(key(KeyCode::Char('[')));
    }
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("[a Purpose]"), "{s}");
    // The author's keys change nothing either (each is refused, or only moves the view).
    for c in [
        'E', '8', 'd', 'r', 'f', 'a', 'n', 'x', 'e', 'H', 'L', 'A', 'D', 'm', ']', ']', ']', ']',
        'A', 'D', 'e', 'E',
    ] {
        app.handle_event(key(KeyCode::Char(c)));
        // Whatever a key opened, a confirming key answers it.
        app.handle_event(key(KeyCode::Enter));
        app.ui.popups.clear();
    }
    press(&mut app, &[ctrl('z'), ctrl('y'), ctrl('e'), ctrl('t')]);
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.doc.dirty, "review mode changed the session");
    assert_eq!(app.doc.session, on_disk);
    // Nothing is written to the session file, and the step the author left is kept.
    app.handle_event(ctrl('s'));
    drop(app);
    assert_eq!(store::load(&f.path).unwrap().session, on_disk);
}

#[test]
fn no_key_in_review_mode_changes_the_session() {
    use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};
    let f = fixture();
    let mut s = complete_session();
    estimate_over_budget(&mut s);
    store::save(&f.path, &s).unwrap();
    let on_disk = store::load(&f.path).unwrap().session;
    let mut app = prepare_review(&f.path, &f.home, Some("dark".into()), "Rita").unwrap();
    let mut keys: Vec<Event> = ('!'..='~').map(|c| key(KeyCode::Char(c))).collect();
    keys.extend(
        [
            KeyCode::Enter,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Char(' '),
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Down,
            KeyCode::F(4),
            KeyCode::F(5),
        ]
        .map(key),
    );
    keys.extend("zyxvteasdkn".chars().map(ctrl));
    keys.push(Event::Key(KeyEvent::new(
        KeyCode::Char('w'),
        KeyModifiers::ALT,
    )));
    keys.push(Event::Paste("pasted text".into()));
    // What answers a popup the first key opened.
    let answers = [
        key(KeyCode::Enter),
        key(KeyCode::Char('y')),
        key(KeyCode::Char(' ')),
        key(KeyCode::Char('1')),
        key(KeyCode::Char('r')),
        key(KeyCode::Char('u')),
        key(KeyCode::Char('A')),
        key(KeyCode::Char('x')),
    ];
    for place in [
        "overview",
        "network-architecture",
        "data-resources",
        "stage:inputs",
        "stage:requirements",
        "stage:diagrams",
        "stage:stories",
        "stage:checklist",
    ] {
        select(&mut app, place);
        let here = |app: &infradraft::tui::app::App| {
            app.selected_section()
                .map(|i| app.doc.session.sections[i].id.clone())
                .or_else(|| app.selected_stage().map(|s| s.id().to_string()))
        };
        // The workspace (a component's design panes, then its text), and the navigator.
        for (pane, text_mode) in [
            (infradraft::tui::app::Pane::Editor, false),
            (infradraft::tui::app::Pane::Editor, true),
            (infradraft::tui::app::Pane::Navigator, false),
        ] {
            for first in &keys {
                for answer in &answers {
                    // Back where the keys are tried, whatever the last ones did.
                    if here(&app).as_deref() != Some(place) {
                        select(&mut app, place);
                    }
                    app.ui.popups.clear();
                    app.ui.worksheet = None;
                    app.ui.stages.viewer = None;
                    app.ui.focus = pane;
                    app.ui.text_mode = text_mode;
                    app.handle_event(first.clone());
                    app.handle_event(answer.clone());
                    assert!(
                        app.doc.session == on_disk,
                        "in {place}, {first:?} then {answer:?} changed the session"
                    );
                }
            }
        }
        app.ui.popups.clear();
        app.ui.worksheet = None;
    }
    assert_eq!(app.doc.session, on_disk);
    assert!(!app.doc.dirty, "nothing to save");
}
