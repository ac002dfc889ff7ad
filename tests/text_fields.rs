//! The popups' text fields are editors: prose wraps and grows the prompt, the cursor moves and
//! text goes where it is, edits undo, paste goes into the field, and the question is shown whole.

mod common;

use common::*;
use infradraft::tui::app::{App, Pane};
use infradraft::tui::popup::Popup;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const FOUR_HUNDRED: &str = "The hub-and-spoke design keeps inspection in one place, which the \
security team asked for in the review; it costs more than the flat design, but the guidelines \
require central egress inspection for staging and production, so the transit charges are \
accepted. Revisit this when the second region is added: the inspection VPC would then need a \
twin there, which doubles its fixed cost and adds one hop.";

/// The sample drafted in YOLO mode, on the network component's design panes.
fn on_network(f: &Fixture) -> App {
    let mut app = yolo_app(f);
    select(&mut app, "network-architecture");
    app.ui.focus = Pane::Editor;
    app
}

fn prompt_text(app: &App) -> String {
    match app.ui.popups.last() {
        Some(Popup::Prompt(p)) => p.text(),
        _ => panic!("no prompt on top"),
    }
}

fn alt_enter() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT))
}

#[test]
fn a_prose_prompt_wraps_four_hundred_characters_in_view() {
    assert_eq!(FOUR_HUNDRED.chars().count(), 400);
    for (w, h) in [(120, 40), (80, 24)] {
        let f = fixture();
        let mut app = on_network(&f);
        app.handle_event(key(KeyCode::Char('f')));
        typ(&mut app, FOUR_HUNDRED);
        let s = screen(&mut app, w, h);
        // Every word typed is on screen, the last one too.
        for word in ["hub-and-spoke", "egress", "accepted.", "doubles", "hop."] {
            assert!(s.contains(word), "{word} not shown at {w}x{h}:\n{s}");
        }
        assert!(s.contains("Feedback on this component"), "{s}");
        assert!(s.contains("Alt+Enter new line"), "{s}");
        insta::assert_snapshot!(format!("prose_prompt_400_{w}x{h}"), s);
    }
}

#[test]
fn the_cursor_moves_and_edits_undo_in_a_prompt() {
    let f = fixture();
    let mut app = on_network(&f);
    app.handle_event(key(KeyCode::Char('f')));
    typ(&mut app, "abcdef");
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Left)]);
    typ(&mut app, "X");
    assert_eq!(prompt_text(&app), "abcdXef");
    app.handle_event(alt_enter());
    typ(&mut app, "second line");
    assert_eq!(prompt_text(&app), "abcdX\nsecond lineef");
    app.handle_event(ctrl('z'));
    app.handle_event(ctrl('z'));
    assert!(prompt_text(&app).len() < "abcdX\nsecond lineef".len());
    app.handle_event(Event::Paste("pasted\r\ntext".into()));
    assert!(
        prompt_text(&app).contains("pasted\ntext"),
        "{}",
        prompt_text(&app)
    );
    // Ctrl+U empties the field; undo brings the text back.
    let before = prompt_text(&app);
    app.handle_event(ctrl('u'));
    assert_eq!(prompt_text(&app), "");
    app.handle_event(ctrl('z'));
    assert_eq!(prompt_text(&app), before);
    // Enter submits what the field holds; the process then asks for the revision made.
    app.handle_event(key(KeyCode::Enter));
    let Some(Popup::Prompt(next)) = app.ui.popups.last() else {
        panic!("the revision prompt follows the feedback")
    };
    assert!(next.title.starts_with("Revision made"), "{}", next.title);
}

#[test]
fn a_line_prompt_scrolls_sideways_and_takes_no_line_break() {
    let f = fixture();
    let mut app = on_network(&f);
    app.ui.focus = Pane::Navigator;
    app.handle_event(ctrl('p'));
    typ(&mut app, "Export the document");
    let palette = screen(&mut app, 120, 40);
    app.handle_event(key(KeyCode::Enter));
    let Some(Popup::Prompt(p)) = app.ui.popups.last() else {
        panic!(
            "the export prompt:\n{palette}\n{}",
            screen(&mut app, 120, 40)
        )
    };
    assert_eq!(p.field.kind(), infradraft::tui::text_field::FieldKind::Line);
    app.handle_event(ctrl('u'));
    // Inside the test's own directory, should anything submit it.
    let dir = f.path.parent().unwrap().display().to_string();
    let long = format!("{dir}/{}end.md", "deep/".repeat(30));
    typ(&mut app, &long);
    app.handle_event(alt_enter());
    app.handle_event(Event::Paste("a\nb".into()));
    assert_eq!(prompt_text(&app), format!("{long}a b"));
    let s = screen(&mut app, 80, 24);
    // The end of the path, where the cursor is, is in view.
    assert!(s.contains("end.mda b"), "{s}");
}

#[test]
fn the_decide_prompt_shows_the_card_it_decides_for() {
    for (w, h) in [(120, 40), (80, 24)] {
        let f = fixture();
        let mut app = on_network(&f);
        app.handle_event(key(KeyCode::Char('d')));
        let Some(Popup::Prompt(p)) = app.ui.popups.last() else {
            panic!("the decide prompt")
        };
        let card = app
            .doc
            .session
            .component("network-architecture")
            .unwrap()
            .options
            .first()
            .unwrap()
            .clone();
        assert!(p.title.contains(&card.name), "{}", p.title);
        let s = screen(&mut app, w, h);
        insta::assert_snapshot!(format!("decide_prompt_{w}x{h}"), s);
        // The option's name, its pros and its cons are all shown, on this screen or, where
        // the screen is short, after PgDn.
        let mut seen = s.clone();
        for _ in 0..10 {
            app.handle_event(key(KeyCode::PageDown));
            seen.push_str(&screen(&mut app, w, h));
        }
        let texts: Vec<&String> = std::iter::once(&card.name)
            .chain(&card.pros)
            .chain(&card.cons)
            .collect();
        for text in texts {
            for word in text.split_whitespace().take(6) {
                assert!(
                    seen.contains(word),
                    "{word:?} of {text:?} never shown at {w}x{h}:\n{seen}"
                );
            }
        }
        if h == 24 {
            assert!(
                s.contains("PgDn"),
                "a short screen says there is more:\n{s}"
            );
        }
    }
}

#[test]
fn a_conflict_is_accepted_with_its_whole_text_on_screen() {
    for (w, h) in [(120, 40), (80, 24)] {
        let f = fixture();
        let mut app = on_network(&f);
        select(&mut app, "infrastructure-as-code");
        app.handle_event(key(KeyCode::Enter));
        // The second card breaks a rule of the inputs: deciding for it asks for a reason per
        // conflict.
        app.handle_event(key(KeyCode::Char('l')));
        app.handle_event(key(KeyCode::Char('d')));
        typ(&mut app, "the platform team is moving to it");
        app.handle_event(key(KeyCode::Enter));
        let Some(Popup::Prompt(p)) = app.ui.popups.last() else {
            panic!("a conflict to accept:\n{}", screen(&mut app, w, h))
        };
        assert!(
            matches!(
                p.purpose,
                infradraft::tui::popup::PromptPurpose::AckReason { .. }
            ),
            "{}",
            p.title
        );
        let conflict = p.title.clone();
        let s = screen(&mut app, w, h);
        // Every word of the conflict is on the screen.
        for word in conflict.split_whitespace() {
            assert!(
                s.contains(word),
                "{word:?} of the conflict not shown at {w}x{h}:\n{s}"
            );
        }
        insta::assert_snapshot!(format!("conflict_prompt_{w}x{h}"), s);
    }
}
