//! The jump list: a jump to a source or a section can be walked back (`^O`, or `Esc` where the
//! jump landed) and forward again (`M-i`), through the real event handler.

mod common;

use common::*;
use infradraft::tui::action::Context;
use infradraft::tui::app::{App, Pane};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn alt(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

fn here(app: &App) -> String {
    app.selected_section()
        .map(|i| app.doc.session.sections[i].id.clone())
        .or_else(|| app.selected_stage().map(|s| s.id().to_string()))
        .unwrap()
}

/// The Requirements stage open with the `n`-th requirement that has a source selected.
fn on_sourced_requirement(app: &mut App, n: usize) -> usize {
    select(app, "stage:requirements");
    app.handle_event(key(KeyCode::Enter));
    let at = app
        .doc
        .session
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| r.source.is_some())
        .nth(n)
        .map(|(i, _)| i)
        .expect("the sample has sourced requirements");
    for _ in 0..at {
        app.handle_event(key(KeyCode::Char('j')));
    }
    assert_eq!(app.ui.stages.requirement_selected, at);
    at
}

#[test]
fn requirement_to_source_and_back_with_esc_then_forward_and_back_again() {
    let f = fixture();
    let mut app = open(&f);
    let at = on_sourced_requirement(&mut app, 3);
    let line = app.doc.session.requirements[at]
        .source
        .as_ref()
        .unwrap()
        .line;
    // Enter jumps to the line the requirement came from.
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(here(&app), "stage:inputs");
    assert_eq!(app.ui.stages.viewer.as_ref().unwrap().mark, Some(line));
    assert_eq!(app.ui.jumps.back_len(), 1);
    // Esc where the jump landed goes back: the Requirements stage, the same requirement, the
    // workspace still focused (the next `a` adds a requirement, not an input).
    app.handle_event(key(KeyCode::Esc));
    assert_eq!(here(&app), "stage:requirements");
    assert_eq!(app.ui.stages.requirement_selected, at);
    assert_eq!(app.ui.focus, Pane::Editor);
    assert_eq!(app.context(), Context::Workspace);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Requirements"), "{s}");
    app.handle_event(key(KeyCode::Char('a')));
    let s = screen(&mut app, 120, 40);
    assert!(
        !s.contains("Add an input document"),
        "a is the requirements' own key here:\n{s}"
    );
    app.handle_event(key(KeyCode::Esc));
    // M-i goes forward to the source again, at the same line; ^O back again.
    app.handle_event(alt('i'));
    assert_eq!(here(&app), "stage:inputs");
    assert_eq!(app.ui.stages.viewer.as_ref().unwrap().mark, Some(line));
    app.handle_event(ctrl('o'));
    assert_eq!(here(&app), "stage:requirements");
    assert_eq!(app.ui.stages.requirement_selected, at);
    // Nothing further back: ^O says so and stays.
    app.handle_event(ctrl('o'));
    assert_eq!(here(&app), "stage:requirements");
    assert!(
        app.ui
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("jump list is empty"))
    );
}

#[test]
fn esc_in_a_viewer_opened_from_the_inputs_list_only_closes_it() {
    let f = fixture();
    let mut app = open(&f);
    select(&mut app, "stage:inputs");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Enter));
    assert!(app.ui.stages.viewer.is_some());
    assert_eq!(app.ui.jumps.back_len(), 0, "opening an input is not a jump");
    app.handle_event(key(KeyCode::Esc));
    assert!(app.ui.stages.viewer.is_none());
    assert_eq!(here(&app), "stage:inputs");
}

#[test]
fn checklist_item_to_its_section_and_back() {
    let f = fixture();
    let mut app = open(&f);
    select(&mut app, "stage:checklist");
    app.handle_event(key(KeyCode::Enter));
    // Move to the third item linked to a section.
    let linked = |app: &App| {
        app.selected_item()
            .is_some_and(|(c, i)| !app.doc.checklist.categories[c].1[i].sections.is_empty())
    };
    let mut seen = usize::from(linked(&app));
    while seen < 3 {
        app.handle_event(key(KeyCode::Char('j')));
        seen += usize::from(linked(&app));
    }
    let selected = app.ui.stages.checklist.selected;
    let (c, i) = app.selected_item().unwrap();
    let section = app.doc.checklist.categories[c].1[i].sections[0].clone();
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(here(&app), section, "Enter opens the item's section");
    assert_eq!(app.ui.focus, Pane::Editor);
    // Esc returns to the checklist, on the same item.
    app.handle_event(key(KeyCode::Esc));
    assert_eq!(here(&app), "stage:checklist");
    assert_eq!(app.ui.stages.checklist.selected, selected);
    assert_eq!(app.context(), Context::Workspace);
    // Forward to the section and back again with the keys.
    app.handle_event(alt('i'));
    assert_eq!(here(&app), section);
    app.handle_event(ctrl('o'));
    assert_eq!(here(&app), "stage:checklist");
    assert_eq!(app.ui.stages.checklist.selected, selected);
}

#[test]
fn moving_away_from_where_a_jump_landed_makes_esc_ordinary_again() {
    let f = fixture();
    let mut app = open(&f);
    on_sourced_requirement(&mut app, 0);
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(here(&app), "stage:inputs");
    // The person goes on to another place in the navigator: Esc there is not a return.
    app.ui.focus = Pane::Navigator;
    app.handle_event(key(KeyCode::Char('j')));
    app.handle_event(key(KeyCode::Enter));
    let elsewhere = here(&app);
    assert_ne!(elsewhere, "stage:inputs");
    app.handle_event(key(KeyCode::Esc));
    assert_eq!(here(&app), elsewhere);
    assert_eq!(app.ui.focus, Pane::Navigator);
    // ^O still knows where the jump came from.
    app.handle_event(ctrl('o'));
    assert_eq!(here(&app), "stage:requirements");
}
