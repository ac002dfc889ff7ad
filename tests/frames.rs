//! Drawing only draws: what the panes show that is worked out from the session (the checklist's
//! summary, the navigator's comment counts and dependencies) is worked out before a frame, once
//! per change, and frames with nothing changed work out nothing. One test in this file, so that
//! the process-wide counter it reads is its own.

mod common;

use common::*;
use infradraft::analysis::checklist_review::summaries_made;
use infradraft::inputs::extract::documents_parsed;
use ratatui::crossterm::event::KeyCode;

#[test]
fn idle_frames_work_out_nothing_and_a_change_is_worked_out_once() {
    let f = fixture();
    let mut app = open(&f);
    // Where the PRD's Technical Assumptions are is found only for the stage that shows it: it
    // reads the PRD with the extraction knowledge, which the first frame must not wait for.
    screen(&mut app, 120, 40);
    assert_eq!(app.derived.assumptions, None);
    app.ui.popups.clear();
    select(&mut app, "stage:checklist");
    app.handle_event(key(KeyCode::Enter));
    let first = screen(&mut app, 120, 40);
    assert!(first.contains("Overall"), "{first}");
    let (summaries, refreshes) = (summaries_made(), app.derived.refreshes);
    // Idle frames, at two sizes: nothing is worked out again.
    for _ in 0..20 {
        screen(&mut app, 120, 40);
        screen(&mut app, 80, 24);
    }
    assert_eq!(
        summaries_made(),
        summaries,
        "a frame worked out the checklist summary"
    );
    assert_eq!(app.derived.refreshes, refreshes);
    // Moving through the list changes nothing worked out from the session.
    app.handle_event(key(KeyCode::Char('j')));
    screen(&mut app, 120, 40);
    assert_eq!(summaries_made(), summaries);
    // A mark is a change: worked out before the next frame, once, whatever the number of frames
    // after it (the guide to the process reads the summary too).
    app.handle_event(key(KeyCode::Char('1')));
    screen(&mut app, 120, 40);
    let after_mark = summaries_made();
    assert!(after_mark > summaries);
    for _ in 0..5 {
        screen(&mut app, 120, 40);
    }
    assert_eq!(summaries_made(), after_mark);
    assert_eq!(app.derived.refreshes, refreshes + 1);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("pass 1"), "the summary counts the mark:\n{s}");
    // The filter lists other rows: worked out once too.
    app.handle_event(key(KeyCode::Char('f')));
    for _ in 0..5 {
        screen(&mut app, 120, 40);
    }
    assert_eq!(app.derived.refreshes, refreshes + 2);

    // The stages that show what the inputs say parse no document while they are drawn: the
    // requirements with the PRD's Technical Assumptions, the inputs, a decision's design panes.
    for stage in ["stage:requirements", "stage:inputs", "compute-resources"] {
        select(&mut app, stage);
        screen(&mut app, 120, 40);
        let parsed = documents_parsed();
        for _ in 0..10 {
            screen(&mut app, 120, 40);
            screen(&mut app, 80, 24);
        }
        assert_eq!(
            documents_parsed(),
            parsed,
            "a frame of {stage} parsed a document"
        );
    }
    select(&mut app, "stage:requirements");
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Technical Assumptions (PRD line"), "{s}");
}
