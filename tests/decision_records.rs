//! Decision records in the workbench: deciding a decided component again asks whether the new
//! decision supersedes the record or amends it; a decision withdrawn (deprecated, rejected)
//! keeps its record; the record's people are set from the palette. Through the real event
//! handler, on a YOLO-drafted sample.

mod common;

use common::*;
use infradraft::model::{AdrStatus, ComponentDesign};
use infradraft::store;
use infradraft::tui::app::App;
use infradraft::tui::popup::{Confirm, Popup};
use ratatui::crossterm::event::KeyCode;

const COMPONENT: &str = "cloud-provider-strategy";

fn component(app: &App) -> &ComponentDesign {
    app.doc.session.component(COMPONENT).unwrap()
}

/// Answers the prompts a decision asks (the justification, then a reason per conflict).
fn answer_prompts(app: &mut App, justification: &str) {
    assert!(
        matches!(app.ui.popups.last(), Some(Popup::Prompt(_))),
        "no justification prompt"
    );
    // The recommended card's prompt holds the rationale: write over it.
    app.handle_event(ctrl('u'));
    typ(app, &format!("{justification}\n"));
    while matches!(app.ui.popups.last(), Some(Popup::Prompt(_))) {
        typ(app, "accepted for now\n");
    }
}

fn run(app: &mut App, action: &str) {
    app.handle_event(ctrl('p'));
    typ(app, action);
    app.handle_event(key(KeyCode::Enter));
}

#[test]
fn deciding_again_supersedes_or_amends_and_a_withdrawn_decision_keeps_its_record() {
    let f = fixture();
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    store::save(&f.path, &yolo_sample(t(0), t(1), vec![])).unwrap();
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, COMPONENT);
    app.handle_event(key(KeyCode::Enter));

    // A first decision gets a number, shown with its status.
    app.handle_event(key(KeyCode::Char('d')));
    answer_prompts(&mut app, "it fits the team");
    let first = component(&app).decision.as_ref().unwrap().adr.unwrap();
    let s = screen(&mut app, 120, 40);
    assert!(s.contains(&format!("Record: {first} accepted")), "{s}");

    // Deciding again for another card asks how.
    app.handle_event(key(KeyCode::Char('l')));
    app.handle_event(key(KeyCode::Char('d')));
    assert!(matches!(
        app.ui.popups.last(),
        Some(Popup::Confirm(Confirm::Redecide { .. }))
    ));
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("Decide again") && s.contains(&first.to_string()),
        "{s}"
    );
    let bar = s.lines().last().unwrap();
    assert!(
        bar.contains("s supersede it") && bar.contains("a amend it"),
        "{bar}"
    );
    // Supersede: the old record stays, marked, and both name each other.
    app.handle_event(key(KeyCode::Char('s')));
    answer_prompts(&mut app, "the team moved to managed services");
    let c = component(&app);
    let second = c.decision.as_ref().unwrap().adr.unwrap();
    assert_ne!(second, first);
    assert_eq!(c.decision.as_ref().unwrap().supersedes, Some(first));
    let old = c.earlier.iter().find(|d| d.adr == Some(first)).unwrap();
    assert_eq!(old.status, AdrStatus::Superseded);
    assert_eq!(old.superseded_by, Some(second));
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains(&format!("Record: {second} accepted · supersedes")),
        "{s}"
    );

    // Amend: the same number, the content changed, the day of the amendment kept.
    app.handle_event(key(KeyCode::Char('h')));
    app.handle_event(key(KeyCode::Char('d')));
    app.handle_event(key(KeyCode::Char('a')));
    answer_prompts(&mut app, "back to the first choice after all");
    let c = component(&app);
    let d = c.decision.as_ref().unwrap();
    assert_eq!(d.adr, Some(second), "amending kept the number");
    assert!(d.amended_at.is_some());
    assert_eq!(d.justification, "back to the first choice after all");
    assert_eq!(c.earlier.len(), 1, "amending made no new record");

    // Esc on the question decides nothing.
    app.handle_event(key(KeyCode::Char('d')));
    app.handle_event(key(KeyCode::Esc));
    assert!(app.ui.popups.is_empty());
    assert_eq!(component(&app).decision.as_ref().unwrap().adr, Some(second));

    // The record's people, one list per prompt.
    run(&mut app, "decision-people");
    typ(&mut app, "Rita, Sam\n");
    typ(&mut app, "Platform team\n");
    typ(&mut app, "\n");
    assert!(app.ui.popups.is_empty());
    let people = &component(&app).decision.as_ref().unwrap().people;
    assert_eq!(people.decision_makers, ["Rita", "Sam"]);
    assert_eq!(people.consulted, ["Platform team"]);
    assert!(people.informed.is_empty());

    // Deprecating keeps the record with its reason; the component is open again.
    run(&mut app, "deprecate-decision");
    typ(&mut app, "the provider contract ended\n");
    let c = component(&app);
    assert!(c.decision.is_none());
    let withdrawn = c.earlier.iter().find(|d| d.adr == Some(second)).unwrap();
    assert_eq!(withdrawn.status, AdrStatus::Deprecated);
    assert_eq!(withdrawn.status_reason, "the provider contract ended");

    // Saved, every record is in the file.
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    let c = saved.component(COMPONENT).unwrap();
    assert_eq!(c.earlier.len(), 2);
    assert!(c.decision.is_none());
}

#[test]
fn a_project_document_decides_inside_its_number_range_and_is_refused_past_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(
        dir.path().join("infradraft.ron"),
        r#"(documents: [(path: "doc.ron", numbers: (first: 40, last: 40))])"#,
    )
    .unwrap();
    let path = dir.path().join("doc.ron");
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    store::create(&path, &yolo_sample(t(0), t(1), vec![]), false).unwrap();
    let home = infradraft::home::Home::under(dir.path().join("home"));
    let mut app = infradraft::tui::prepare_app(&path, &home, Some("dark".into())).unwrap();
    app.ui.popups.clear();
    select(&mut app, COMPONENT);
    app.handle_event(key(KeyCode::Enter));

    // The first decision takes the range's first number.
    app.handle_event(key(KeyCode::Char('d')));
    answer_prompts(&mut app, "it fits the team");
    let c = component(&app);
    assert_eq!(
        c.decision.as_ref().unwrap().adr,
        Some(infradraft::model::AdrId(40))
    );

    // Superseding would need ADR-0041, outside the range: refused before anything changes.
    app.handle_event(key(KeyCode::Char('l')));
    app.handle_event(key(KeyCode::Char('d')));
    app.handle_event(key(KeyCode::Char('s')));
    assert!(app.ui.popups.is_empty(), "a prompt opened");
    let message = app.ui.message.as_ref().unwrap().text.clone();
    assert!(
        message.contains("ADR-0041") && message.contains("infradraft.ron"),
        "{message}"
    );
    assert!(component(&app).earlier.is_empty());

    // Amending keeps the number, so it is allowed.
    app.handle_event(key(KeyCode::Char('d')));
    app.handle_event(key(KeyCode::Char('a')));
    answer_prompts(&mut app, "the second card after all");
    let d = component(&app).decision.as_ref().unwrap();
    assert_eq!(d.adr, Some(infradraft::model::AdrId(40)));
    assert!(d.amended_at.is_some());
}
