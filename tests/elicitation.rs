//! Step e in the workbench: the advanced elicitation menu, its seven worksheets, applying and
//! discarding their results, and the optional assistant. Keys go through the real event handler;
//! screens are drawn on a TestBackend.

mod common;

use common::*;
use infradraft::model::{
    DesignStep, ElicitationAction, ElicitationStatus, SectionStatus, Worksheet,
};
use infradraft::store;
use infradraft::tui::action::Context;
use infradraft::tui::app::App;
use infradraft::tui::popup::Popup;
use ratatui::crossterm::event::KeyCode;

const C: &str = "compute-resources";

/// Opens the sample session on the compute component with two catalog options and a
/// recommendation, at step d.
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
    app.handle_event(key(KeyCode::Char('h')));
    app.handle_event(key(KeyCode::Char('r')));
    typ(&mut app, "the team runs containers today\n");
    assert!(
        app.doc
            .session
            .component(C)
            .unwrap()
            .recommendation
            .is_some()
    );
    app
}

fn menu_is_open(app: &App) -> Option<bool> {
    match app.ui.popups.last() {
        Some(Popup::Elicitation(menu)) => Some(menu.again),
        _ => None,
    }
}

#[test]
fn reaching_step_e_opens_the_menu_and_every_number_shown_works() {
    let f = fixture();
    let mut app = ready(&f);
    // ] from c to d, then d to e: the menu opens at e.
    app.handle_event(key(KeyCode::Char(']')));
    assert_eq!(menu_is_open(&app), None);
    app.handle_event(key(KeyCode::Char(']')));
    assert_eq!(menu_is_open(&app), Some(false));
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("Advanced elicitation — Compute Resources"),
        "{s}"
    );
    for (n, title) in [
        (1, "Alternative Architecture Evaluation"),
        (2, "Scalability & Performance Stress Test (Theoretical)"),
        (3, "Security & Compliance Deep Dive"),
        (4, "Cost Analysis & Optimization Review"),
        (5, "Operational Excellence & Reliability Assessment"),
        (6, "Cross-Functional Integration Analysis"),
        (7, "Future Technology & Migration Path Exploration"),
        (8, "Finalize this Section and Proceed"),
    ] {
        assert!(s.contains(&format!(" {n} {title}")), "{n} {title}\n{s}");
    }
    insta::assert_snapshot!("menu_120x40", s);
    insta::assert_snapshot!("menu_80x24", screen(&mut app, 80, 24));

    // Each digit opens its own worksheet; Esc keeps it and the menu asks again.
    for action in ElicitationAction::ALL {
        let n = action.number();
        app.handle_event(key(KeyCode::Char((b'0' + n) as char)));
        assert_eq!(app.context(), Context::Worksheet, "action {n}");
        let record = app.worksheet_record().expect("a record exists at once");
        assert_eq!(record.action, action);
        assert_eq!(record.status, ElicitationStatus::Pending);
        let wide = screen(&mut app, 120, 40);
        assert!(wide.contains(action.title()), "{wide}");
        insta::assert_snapshot!(format!("worksheet_{n}_120x40"), wide);
        insta::assert_snapshot!(format!("worksheet_{n}_80x24"), screen(&mut app, 80, 24));
        app.handle_event(key(KeyCode::Esc));
        assert_eq!(menu_is_open(&app), Some(true), "asks for another after {n}");
    }
    assert_eq!(app.doc.session.component(C).unwrap().elicitations.len(), 7);
    // Arrows + Enter choose too: down seven times is 8, Finalize.
    for _ in 0..7 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(menu_is_open(&app), None);
    assert_eq!(
        app.doc.session.component(C).unwrap().step,
        DesignStep::Decision
    );
}

#[test]
fn actions_1_4_and_5_then_8_are_recorded_and_applied_to_the_section() {
    let f = fixture();
    let mut app = ready(&f);
    app.handle_event(key(KeyCode::Char('E')));
    assert_eq!(menu_is_open(&app), Some(false));

    // 1: decision matrix. Raise the first criterion's weight, then apply.
    app.handle_event(key(KeyCode::Char('1')));
    app.handle_event(key(KeyCode::Right));
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(ctrl('u'));
    typ(&mut app, "5\n");
    let Worksheet::DecisionMatrix { criteria, scores } = &app.worksheet_record().unwrap().worksheet
    else {
        panic!("action 1 is the decision matrix");
    };
    assert_eq!(criteria[0].weight, 5.0);
    assert_eq!(scores.len(), 2, "one row per option on the component");
    // A bad number is refused with a message; nothing changes.
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(ctrl('u'));
    typ(&mut app, "heavy\n");
    assert!(screen(&mut app, 120, 40).contains("is not a number"));
    app.handle_event(key(KeyCode::Char('c')));
    typ(&mut app, "The managed option wins on every weighting.\n");
    app.handle_event(key(KeyCode::Char('A')));
    assert_eq!(menu_is_open(&app), Some(true));

    // 4: cost review. Set the committed share to 50 % and apply.
    app.handle_event(key(KeyCode::Char('4')));
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(ctrl('u'));
    typ(&mut app, "50\n");
    let Worksheet::CostReview { levers, options } = &app.worksheet_record().unwrap().worksheet
    else {
        panic!("action 4 is the cost review");
    };
    assert_eq!(levers.committed_share, 0.5);
    assert_eq!(options.len(), 2);
    app.handle_event(key(KeyCode::Char('A')));

    // 5: reliability. Keep it for later (pending), then finalize with 8.
    app.handle_event(key(KeyCode::Char('5')));
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(ctrl('u'));
    typ(&mut app, "99.9\n");
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('8')));
    assert_eq!(
        app.doc.session.component(C).unwrap().step,
        DesignStep::Decision
    );
    app.handle_event(ctrl('s'));

    let saved = store::load(&f.path).unwrap().session;
    let c = saved.component(C).unwrap();
    let actions: Vec<(ElicitationAction, ElicitationStatus)> = c
        .elicitations
        .iter()
        .map(|r| (r.action, r.status))
        .collect();
    assert_eq!(
        actions,
        [
            (
                ElicitationAction::AlternativeEvaluation,
                ElicitationStatus::Applied
            ),
            (ElicitationAction::CostAnalysis, ElicitationStatus::Applied),
            (
                ElicitationAction::OperationalExcellence,
                ElicitationStatus::Pending
            ),
        ]
    );
    let matrix = &c.elicitations[0];
    assert_eq!(
        matrix.conclusions,
        "The managed option wins on every weighting."
    );
    assert!(
        matrix.results.contains('|'),
        "the matrix is a table:\n{}",
        matrix.results
    );
    let Worksheet::Reliability {
        slo_target_percent, ..
    } = &c.elicitations[2].worksheet
    else {
        panic!("action 5 is reliability");
    };
    assert_eq!(*slo_target_percent, 99.9);
    assert!(
        c.elicitations[2].results.contains("43.2"),
        "99.9 % over 30 days leaves 43.2 minutes:\n{}",
        c.elicitations[2].results
    );

    // The applied results are in the section; the pending one is not.
    let section = saved.section(C).unwrap();
    assert_eq!(section.status, SectionStatus::Drafted);
    assert!(
        section
            .body
            .contains(matrix.results.lines().next().unwrap())
    );
    assert!(
        section
            .body
            .contains("**Conclusions.** The managed option wins")
    );
    assert!(
        section
            .body
            .contains(c.elicitations[1].results.lines().next().unwrap())
    );
    assert!(!section.body.contains("43.2"), "{}", section.body);
}

#[test]
fn discarding_takes_applied_results_out_and_step_e_lists_the_records() {
    let f = fixture();
    let mut app = ready(&f);
    app.handle_event(key(KeyCode::Char('E')));
    app.handle_event(key(KeyCode::Char('7')));
    app.handle_event(key(KeyCode::Char('A')));
    let body = app.doc.session.section(C).unwrap().body.clone();
    let first = app.doc.session.component(C).unwrap().elicitations[0]
        .results
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(body.contains(&first), "{body}");
    app.handle_event(key(KeyCode::Esc));
    // Step e lists the record; D discards it and its text leaves the section.
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("7 Future Technology & Migration Path Exploration"),
        "{s}"
    );
    assert!(s.contains("applied"), "{s}");
    app.handle_event(key(KeyCode::Char('D')));
    assert!(!app.doc.session.section(C).unwrap().body.contains(&first));
    assert_eq!(
        app.doc.session.component(C).unwrap().elicitations[0].status,
        ElicitationStatus::Discarded
    );
    // e reopens it; applying again brings the text back once.
    app.handle_event(key(KeyCode::Char('e')));
    assert_eq!(app.context(), Context::Worksheet);
    app.handle_event(key(KeyCode::Char('A')));
    app.handle_event(key(KeyCode::Char('A')));
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('e')));
    app.handle_event(key(KeyCode::Char('A')));
    let body = app.doc.session.section(C).unwrap().body.clone();
    assert_eq!(body.matches(&first).count(), 1, "{body}");
}

#[test]
fn integration_dependencies_show_in_the_navigator() {
    let f = fixture();
    let mut app = ready(&f);
    app.handle_event(key(KeyCode::Char('E')));
    app.handle_event(key(KeyCode::Char('6')));
    let Worksheet::Integration { depends_on, .. } = &app.worksheet_record().unwrap().worksheet
    else {
        panic!("action 6 is integration");
    };
    assert!(
        depends_on.iter().any(|d| d == "network-architecture"),
        "compute depends on the network: {depends_on:?}"
    );
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Esc));
    let s = screen(&mut app, 120, 40);
    let network = s
        .lines()
        .find(|l| l.contains("Network Architecture"))
        .unwrap();
    assert!(network.contains('⇠'), "{s}");
}

#[test]
fn the_assistant_runs_only_when_configured_and_its_answer_can_be_accepted() {
    let f = fixture();
    // Not configured: the key says how to configure it, and nothing runs.
    let mut app = ready(&f);
    app.handle_event(key(KeyCode::Char('E')));
    app.handle_event(key(KeyCode::Char('3')));
    app.handle_event(key(KeyCode::Char('s')));
    assert!(!app.assistant_pending());
    assert!(screen(&mut app, 120, 40).contains("no assistant configured"));
    drop(app);

    // Configured in the person's own config.ron: a small script answers.
    let config = f.home.config_dir.clone();
    std::fs::create_dir_all(&config).unwrap();
    let log = f._dir.path().join("prompt.txt");
    std::fs::write(
        config.join("config.ron"),
        format!(
            "(assistant: (command: \"cat > '{}'; echo Add a WAF in front of the load balancer.\", timeout_seconds: 10))",
            log.display()
        ),
    )
    .unwrap();
    let mut app = ready(&f);
    app.handle_event(key(KeyCode::Char('E')));
    app.handle_event(key(KeyCode::Char('3')));
    app.handle_event(key(KeyCode::Char('s')));
    assert!(app.assistant_pending());
    for _ in 0..500 {
        app.poll_assistant();
        if !app.assistant_pending() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        matches!(app.ui.popups.last(), Some(Popup::Suggestion { .. })),
        "{}",
        screen(&mut app, 120, 40)
    );
    let prompt = std::fs::read_to_string(&log).unwrap();
    assert!(
        prompt.contains("Security & Compliance Deep Dive"),
        "{prompt}"
    );
    assert!(prompt.contains("Compute Resources"), "{prompt}");
    app.handle_event(key(KeyCode::Char('y')));
    assert_eq!(
        app.worksheet_record().unwrap().conclusions,
        "Add a WAF in front of the load balancer."
    );
}

#[test]
fn a_session_file_cannot_name_or_change_the_assistant() {
    // Whatever a session file says, only the person's config.ron names the command: a session
    // that tries is either refused or opened with the field ignored, and nothing runs.
    let f = fixture();
    let marker = f._dir.path().join("pwned");
    let text = std::fs::read_to_string(&f.path).unwrap();
    let tampered = text.replacen(
        "meta:",
        &format!(
            "assistant: (command: \"touch '{}'\", timeout_seconds: 1), meta:",
            marker.display()
        ),
        1,
    );
    assert_ne!(tampered, text);
    std::fs::write(&f.path, tampered).unwrap();
    if store::load(&f.path).is_ok() {
        let mut app = ready(&f);
        app.handle_event(key(KeyCode::Char('E')));
        app.handle_event(key(KeyCode::Char('3')));
        app.handle_event(key(KeyCode::Char('s')));
        assert!(!app.assistant_pending());
        assert!(screen(&mut app, 120, 40).contains("no assistant configured"));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(!marker.exists(), "a command from a session file ran");
}

#[test]
fn an_open_worksheet_is_part_of_the_resume_point() {
    let f = fixture();
    let mut app = ready(&f);
    app.handle_event(key(KeyCode::Char('E')));
    // 4: cost review; move to the second row, third column, then save and quit.
    app.handle_event(key(KeyCode::Char('4')));
    app.handle_event(key(KeyCode::Down));
    app.handle_event(key(KeyCode::Right));
    app.handle_event(key(KeyCode::Right));
    let before = app
        .ui
        .worksheet
        .as_ref()
        .map(|w| (w.index, w.table, w.row, w.col));
    let (_, _, row, col) = before.expect("the worksheet is open");
    assert_ne!((row, col), (0, 0), "the cursor moved off the first cell");
    screen(&mut app, 120, 40);
    app.handle_event(ctrl('s'));
    assert!(!app.doc.dirty);
    app.release_lock();
    drop(app);

    let mut again = open(&f);
    let after = again
        .ui
        .worksheet
        .as_ref()
        .map(|w| (w.index, w.table, w.row, w.col));
    assert_eq!(after, before);
    let s = screen(&mut again, 120, 40);
    assert!(s.contains("Cost"), "{s}");
    // Leaving it offers the menu, as after any worksheet.
    again.handle_event(key(KeyCode::Esc));
    assert_eq!(menu_is_open(&again), Some(true));
}

#[test]
fn keys_go_where_the_focus_is_even_with_a_worksheet_open() {
    let f = fixture();
    let mut app = ready(&f);
    app.handle_event(key(KeyCode::Char('E')));
    app.handle_event(key(KeyCode::Char('4')));
    screen(&mut app, 120, 40);
    assert_eq!(app.route(), infradraft::tui::app::Route::Worksheet);
    let cell = |app: &App| app.ui.worksheet.as_ref().map(|w| (w.table, w.row, w.col));
    let before = cell(&app);
    // The navigator takes focus (at 120 columns it is beside the worksheet): its keys move its
    // selection, and the worksheet's cursor stays where it was.
    app.ui.focus = infradraft::tui::app::Pane::Navigator;
    assert_eq!(app.route(), infradraft::tui::app::Route::Pane);
    assert_eq!(app.context(), Context::Navigator);
    let row = app.ui.selected;
    app.handle_event(key(KeyCode::Char('j')));
    assert_eq!(
        cell(&app),
        before,
        "a navigator key moved the worksheet's cursor"
    );
    assert_ne!(app.ui.selected, row, "the navigator did not move");
    // Back in the worksheet, the same key moves its cursor.
    app.ui.focus = infradraft::tui::app::Pane::Editor;
    app.handle_event(key(KeyCode::Char('k')));
    app.handle_event(key(KeyCode::Char('j')));
    app.handle_event(key(KeyCode::Char('j')));
    assert_ne!(cell(&app), before, "the worksheet did not take its key");
}
