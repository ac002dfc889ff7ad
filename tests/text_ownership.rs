//! The section text belongs to the person: applying a worksheet, deciding and re-deciding through
//! the real event handler keep every edit the person made (above, inside and below the generated
//! text) and every applied analysis; a generated change that would replace an edit asks first;
//! and `^Z` after a generated change restores the body before it.

mod common;

use common::*;
use infradraft::tui::app::App;
use infradraft::tui::popup::{Popup, PromptPurpose};
use infradraft::workflow::section_text::DECISION_MARK;
use ratatui::crossterm::event::KeyCode;

const C: &str = "infrastructure-as-code";

/// The sample session on the IaC component with two catalog options and a recommendation.
fn ready(f: &Fixture) -> App {
    let mut app = open(f);
    select(&mut app, C);
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char(']')));
    for _ in 0..3 {
        app.handle_event(key(KeyCode::Char('a')));
        app.handle_event(key(KeyCode::Enter));
        app.handle_event(key(KeyCode::Char('a')));
        app.handle_event(key(KeyCode::Down));
        app.handle_event(key(KeyCode::Enter));
        if app.doc.session.component(C).unwrap().options.len() >= 2 {
            break;
        }
    }
    assert!(app.doc.session.component(C).unwrap().options.len() >= 2);
    app.handle_event(key(KeyCode::Char('h')));
    app.handle_event(key(KeyCode::Char('r')));
    typ(&mut app, "it is the team's tool\n");
    app
}

/// `d` on the selected card: the justification, then a reason for every conflict shown.
fn decide(app: &mut App, justification: &str) {
    app.handle_event(key(KeyCode::Char('d')));
    // Deciding a decided component asks how the new decision replaces the record: supersede.
    if matches!(
        app.ui.popups.last(),
        Some(Popup::Confirm(
            infradraft::tui::popup::Confirm::Redecide { .. }
        ))
    ) {
        app.handle_event(key(KeyCode::Char('s')));
    }
    app.handle_event(ctrl('u'));
    typ(app, &format!("{justification}\n"));
    for _ in 0..10 {
        match app.ui.popups.last() {
            Some(Popup::Prompt(p)) if matches!(p.purpose, PromptPurpose::AckReason { .. }) => {
                typ(app, "accepted for the trial\n")
            }
            _ => break,
        }
    }
}

fn body(app: &App) -> String {
    app.doc.session.section(C).unwrap().body.clone()
}

/// Moves the text editor's cursor to the start of the first line that starts with `prefix`.
fn cursor_to(app: &mut App, prefix: &str) {
    let i = body(app)
        .split('\n')
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix:?}"));
    for _ in 0..2000 {
        app.handle_event(key(KeyCode::Up));
    }
    app.handle_event(key(KeyCode::Home));
    for _ in 0..i {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::Home));
}

fn worksheet_line(app: &App) -> String {
    app.doc.session.component(C).unwrap().elicitations[0]
        .results
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap()
        .to_string()
}

#[test]
fn applied_results_and_every_edit_survive_deciding_and_re_deciding() {
    let f = fixture();
    let mut app = ready(&f);
    // E 6 A: the cross-functional integration worksheet, applied.
    app.handle_event(key(KeyCode::Char('E')));
    app.handle_event(key(KeyCode::Char('6')));
    app.handle_event(key(KeyCode::Char('A')));
    let results = worksheet_line(&app);
    assert!(body(&app).contains(&results));
    // Esc 8 d Enter: decide.
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('8')));
    decide(&mut app, "the platform team already runs it");
    let decided = body(&app);
    assert!(decided.contains(DECISION_MARK), "{decided}");
    assert!(
        decided.contains(&results),
        "deciding kept the applied results:\n{decided}"
    );

    // Edit above, inside and below the generated text.
    app.handle_event(key(KeyCode::Char('w')));
    cursor_to(&mut app, "**Decision:**");
    app.handle_event(key(KeyCode::End));
    typ(&mut app, " Only in eu-north-1.");
    cursor_to(&mut app, "### State management");
    app.handle_event(key(KeyCode::End));
    typ(
        &mut app,
        "\nState lives in one bucket per account, locked with a table.",
    );
    for _ in 0..2000 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::End));
    typ(&mut app, "\n\nA closing paragraph of my own.");
    for _ in 0..2000 {
        app.handle_event(key(KeyCode::Up));
    }
    app.handle_event(key(KeyCode::Home));
    typ(&mut app, "An opening paragraph of my own.\n\n");
    let edited = body(&app);
    assert!(edited.starts_with("An opening paragraph of my own."));

    // Re-decide on the other card.
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('l')));
    decide(&mut app, "second thoughts after the review");
    // The decision line was edited and the new decision rewrites it: the workbench asks.
    let Some(Popup::Merge(merge)) = app.ui.popups.last() else {
        panic!("a merge choice is shown, not {:?}", app.ui.popups.len());
    };
    let conflicts = merge.update.conflicts();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(conflicts[0].mine.concat().contains("Only in eu-north-1."));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Yours") && s.contains("New"), "{s}");
    assert!(s.contains("Only in eu-north-1."), "{s}");
    // b: keep both.
    app.handle_event(key(KeyCode::Char('b')));
    assert!(app.ui.popups.is_empty());
    let after = body(&app);
    for kept in [
        "An opening paragraph of my own.",
        "Only in eu-north-1.",
        "State lives in one bucket per account, locked with a table.",
        "A closing paragraph of my own.",
        results.as_str(),
        "second thoughts after the review",
    ] {
        assert_eq!(after.matches(kept).count(), 1, "{kept:?} once in:\n{after}");
    }
    assert!(!after.contains("the platform team already runs it"));
    assert_eq!(after.matches(DECISION_MARK).count(), 1);
    // The state note stays under its heading.
    let heading = after.find("### State management").unwrap();
    let note = after.find("State lives in one bucket").unwrap();
    assert!(heading < note && after[heading..note].lines().count() <= 3);

    // ^Z (here in the design panes) puts back the body from before the re-decision.
    app.handle_event(ctrl('z'));
    assert_eq!(body(&app), edited);
    // ^Y redoes it.
    app.handle_event(ctrl('y'));
    assert_eq!(body(&app), after);

    // Saved, the person's text and the base survive a reload.
    app.handle_event(ctrl('s'));
    let saved = infradraft::store::load(&f.path).unwrap().session;
    let section = saved.section(C).unwrap();
    assert_eq!(section.body, after);
    assert!(section.hand_edited);
    assert!(
        section
            .generated
            .as_deref()
            .is_some_and(|g| !g.contains("my own"))
    );
}

#[test]
fn re_deciding_without_touching_the_generated_lines_asks_nothing_and_undoes_in_one_step() {
    let f = fixture();
    let mut app = ready(&f);
    decide(&mut app, "first reason");
    app.handle_event(key(KeyCode::Char('w')));
    cursor_to(&mut app, "### Tooling");
    app.handle_event(key(KeyCode::End));
    typ(&mut app, "\nWe pin every provider version.");
    let edited = body(&app);
    app.handle_event(key(KeyCode::Esc));
    decide(&mut app, "second reason");
    assert!(app.ui.popups.is_empty(), "nothing to ask");
    let after = body(&app);
    assert!(after.contains("We pin every provider version."), "{after}");
    assert!(after.contains("second reason") && !after.contains("first reason"));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("1 change of yours kept"), "{s}");
    // In the text editor, ^Z first undoes nothing typed (there is none since), then the decision.
    app.handle_event(key(KeyCode::Char('w')));
    app.handle_event(ctrl('z'));
    assert_eq!(
        body(&app),
        edited,
        "one ^Z restores the body before the decision"
    );
    // Further ^Z continues into the person's own typing before it.
    app.handle_event(ctrl('z'));
    assert_ne!(body(&app), edited);
    assert!(!body(&app).contains("We pin every provider version."));
}

#[test]
fn discarding_results_the_person_edited_asks_and_keeps_them_by_default() {
    let f = fixture();
    let mut app = ready(&f);
    app.handle_event(key(KeyCode::Char('E')));
    app.handle_event(key(KeyCode::Char('7')));
    app.handle_event(key(KeyCode::Char('A')));
    app.handle_event(key(KeyCode::Esc));
    let results = worksheet_line(&app);
    // Edit the results' first line in the text.
    app.handle_event(key(KeyCode::Char('w')));
    cursor_to(&mut app, &results);
    app.handle_event(key(KeyCode::End));
    typ(&mut app, " (checked with the team)");
    app.handle_event(key(KeyCode::Esc));
    // Step e lists the record; D discards it.
    app.handle_event(key(KeyCode::Char('E')));
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('D')));
    assert!(
        matches!(app.ui.popups.last(), Some(Popup::Merge(_))),
        "asks before dropping an edited line"
    );
    // Esc keeps the person's text wherever nothing was chosen.
    app.handle_event(key(KeyCode::Esc));
    assert!(body(&app).contains("(checked with the team)"));
}

#[test]
fn text_from_the_external_editor_is_one_undo_step() {
    let f = fixture();
    let mut app = open(&f);
    select(&mut app, "overview");
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "Typed first. ");
    let before = app.doc.session.sections[0].body.clone();
    app.replace_section_text(0, "Written in vim.\n\nTwo paragraphs.\n");
    assert_eq!(
        app.doc.session.sections[0].body,
        "Written in vim.\n\nTwo paragraphs."
    );
    app.handle_event(ctrl('z'));
    assert_eq!(app.doc.session.sections[0].body, before, "one ^Z");
    app.handle_event(ctrl('z'));
    assert!(
        !app.doc.session.sections[0]
            .body
            .starts_with("Typed first. ")
    );
    app.handle_event(ctrl('y'));
    app.handle_event(ctrl('y'));
    assert_eq!(
        app.doc.session.sections[0].body,
        "Written in vim.\n\nTwo paragraphs."
    );
}
