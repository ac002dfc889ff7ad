//! Memory stays bounded in long documents: the preview keeps rendered lines only near its
//! viewport (and what it shows anywhere is exactly the full rendering), and only the selected
//! section and sections with edits keep an editor.

mod common;
#[path = "../benches/large_session.rs"]
mod large_session;

use common::{ctrl, fixture, open, screen, select, typ};

use infradraft::home::Home;
use infradraft::store;
use infradraft::tui::app::{App, Pane};
use infradraft::tui::preview_pane::{PreviewCache, PreviewInputs};
use infradraft::tui::{prepare_app, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn text(lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

/// The whole document rendered, every line kept: what the viewport must show.
fn reference(app: &App, width: u16) -> PreviewCache {
    let mut all = PreviewCache::default();
    let styles = app.settings.theme.preview_styles();
    all.ensure(
        &PreviewInputs {
            session: &app.doc.session,
            revisions: &app.doc.revisions,
            structure: app.doc.structure,
            checklist: &app.doc.checklist,
            template: &app.doc.template,
            analysed: app.derived.analyses.for_document(),
        },
        width,
        app.settings.theme_generation,
        app.settings.highlighted,
    );
    all.keep_near(
        &app.doc.session,
        &infradraft::export::ExportContext {
            checklist: None,
            template: Some(&app.doc.template),
            precomputed: app.derived.analyses.for_document().1,
        },
        0,
        usize::MAX / 4,
        0,
        0,
        width,
        &styles,
        &app.settings.highlighter,
    );
    all
}

#[test]
fn only_lines_near_the_viewport_are_kept_and_every_screen_matches_the_full_rendering() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    store::save(&path, &large_session::large_session(400 * 1024)).unwrap();
    let home = Home::under(dir.path().join("home"));
    let mut app = prepare_app(&path, &home, Some("dark".into())).unwrap();
    app.ui.popups.clear();
    app.set_highlighter(std::sync::Arc::new(infradraft::preview::Highlighter::new()));
    let size = Rect::new(0, 0, 200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut draw = |app: &mut App| {
        app.prepare(size);
        terminal.draw(|f| view::draw(f, app)).unwrap();
    };
    draw(&mut app);
    // Far blocks have estimated line counts until idle time makes them exact.
    assert!(app.idle_work_pending());
    app.settle();
    assert!(!app.idle_work_pending());
    // The analyses worked out the cards' findings of every component, ready for when the
    // person moves to one.
    let results = app.derived.analyses.latest().expect("the analyses ran");
    assert_eq!(results.findings.len(), app.doc.session.components.len());
    draw(&mut app);
    let total = app.derived.preview.total_lines();
    assert!(total > 10_000, "a long document: {total} lines");
    let kept = app.derived.preview.kept_lines();
    assert!(
        kept > 0 && kept < 1_000,
        "{kept} of {total} lines kept after the first frame"
    );

    let width = app.derived.preview.width().expect("the preview is shown");
    let all = reference(&app, width);
    assert_eq!(all.total_lines(), total);
    app.ui.focus = Pane::Preview;
    // The preview pane: 60 rows less the status and key bars, less its border.
    let height = 56;
    let mut checked = 0;
    for step in [
        KeyCode::PageDown,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::Home,
    ] {
        for _ in 0..if step == KeyCode::PageDown { 40 } else { 3 } {
            app.handle_event(key(step));
            draw(&mut app);
            let at = app.ui.preview_scroll;
            assert_eq!(
                text(&app.derived.preview.visible(at, height)),
                text(&all.visible(at, height)),
                "the screen at line {at}"
            );
            assert!(app.derived.preview.kept_lines() < 1_000);
            checked += 1;
        }
    }
    assert!(checked > 40);
    assert!(app.ui.preview_scroll == 0);

    // Typing in a section (whose repeated blocks are matched in order) lays out only the edited
    // block, and renders only it: nothing else near the viewport is rendered again.
    app.ui.focus = Pane::Navigator;
    for _ in 0..4 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('w')));
    draw(&mut app);
    app.settle();
    for c in "typed".chars() {
        app.handle_event(key(KeyCode::Char(c)));
        draw(&mut app);
        assert_eq!(app.derived.preview.last_blocks, 1);
        assert_eq!(app.derived.preview.last_near, 1, "after {c:?}");
        assert!(!app.idle_work_pending(), "after {c:?}");
    }
}

#[test]
fn idle_editors_are_dropped_keeping_their_cursor_and_edited_ones_keep_their_undo() {
    let f = fixture();
    let mut app = open(&f);
    let first = app.doc.session.sections[0].id.clone();
    let original = app.doc.session.sections[0].body.clone();
    select(&mut app, &first);
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.ui.focus, Pane::Editor);
    // To the end of the third line ("- eu-north-1 primary"), then away.
    for code in [KeyCode::Down, KeyCode::Down, KeyCode::End, KeyCode::Esc] {
        app.handle_event(key(code));
    }
    app.handle_event(key(KeyCode::Char('j')));
    screen(&mut app, 120, 40);
    // The next row is a component, which shows its design panes: no editor at all until its
    // text is shown.
    assert!(app.selected_component().is_some());
    assert_eq!(app.live_editors(), 0, "no editor for text not shown");

    // Back: the cursor is where it was.
    app.handle_event(key(KeyCode::Char('k')));
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, " (main)");
    let body = &app.doc.session.sections[0].body;
    assert!(body.contains("- eu-north-1 primary (main)\n"), "{body}");

    // An edited section keeps its editor, and with it the undo history.
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('j')));
    screen(&mut app, 120, 40);
    assert_eq!(app.live_editors(), 1);
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('w')));
    screen(&mut app, 120, 40);
    assert_eq!(
        app.live_editors(),
        2,
        "the component's text shown, and the edited one"
    );
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('k')));
    app.handle_event(key(KeyCode::Enter));
    for _ in 0..7 {
        app.handle_event(ctrl('z'));
    }
    assert_eq!(app.doc.session.sections[0].body, original);
}
