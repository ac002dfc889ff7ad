//! The key bar under a popup: a popup takes every key while it is open, so the bar at the bottom
//! shows the popup's keys, never the keys of the pane underneath (which do not act then).

mod common;

use common::*;
use infradraft::store;
use infradraft::tui::app::App;
use ratatui::crossterm::event::{Event, KeyCode};

/// The key bar: the last line of the screen.
fn key_bar(app: &mut App) -> String {
    screen(app, 120, 40).lines().last().unwrap().to_string()
}

/// The bar's entries ("Enter run", "q quit"), as the bar separates them.
fn entries(bar: &str) -> Vec<String> {
    bar.split("  ")
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string)
        .collect()
}

/// Opens a popup with `keys` over the pane the app is in, and checks the bar: it shows every
/// entry of `wanted` and none of the pane's (but those of `wanted`: saving acts in the
/// conflicts list too).
fn check_popup(app: &mut App, name: &str, keys: &[Event], wanted: &[&str]) {
    assert!(app.ui.popups.is_empty(), "{name}: a popup is open already");
    let pane = entries(&key_bar(app));
    press(app, keys);
    assert!(
        !app.ui.popups.is_empty(),
        "{name}: the keys opened no popup"
    );
    let bar = key_bar(app);
    for w in wanted {
        assert!(bar.contains(w), "{name}: no {w:?} in the key bar: {bar}");
    }
    for entry in entries(&bar)
        .into_iter()
        .filter(|e| !wanted.contains(&e.as_str()))
    {
        assert!(
            !pane.contains(&entry),
            "{name}: the pane's {entry:?} in the key bar: {bar}"
        );
    }
    for pane_key in ["q quit", "? help", "Tab focus", "Esc back", ": palette"] {
        assert!(
            !bar.contains(pane_key),
            "{name}: the pane's {pane_key:?} in the key bar: {bar}"
        );
    }
}

fn close(app: &mut App) {
    app.handle_event(key(KeyCode::Esc));
    assert!(app.ui.popups.is_empty(), "Esc closed the popup");
}

#[test]
fn every_popup_shows_its_own_keys_in_the_key_bar() {
    let f = fixture();
    // A session whose inputs disagree, so that the conflicts list has something to show.
    let mut s = store::load(&f.path).unwrap().session;
    estimate_over_budget(&mut s);
    store::save(&f.path, &s).unwrap();
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, "overview");

    // From the navigator.
    check_popup(
        &mut app,
        "palette",
        &[ctrl('p')],
        &["Enter run", "Esc close", "↑↓ select"],
    );
    close(&mut app);
    check_popup(
        &mut app,
        "help",
        &[key(KeyCode::F(1))],
        &["Tab the", "↑↓ scroll", "Esc close"],
    );
    close(&mut app);
    check_popup(
        &mut app,
        "progress",
        &[key(KeyCode::F(5))],
        &["Enter go to the stage", "Esc close"],
    );
    close(&mut app);

    // A confirm: quitting with unsaved changes.
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "x");
    app.handle_event(key(KeyCode::Esc));
    assert!(app.doc.dirty);
    check_popup(
        &mut app,
        "quit confirm",
        &[ctrl('q')],
        &["s save and quit", "d discard and quit", "Esc cancel"],
    );
    close(&mut app);
    assert!(!app.ui.quit);

    // The design panes: the catalog picker and the elicitation menu.
    select(&mut app, "cloud-provider-strategy");
    app.handle_event(key(KeyCode::Enter));
    check_popup(
        &mut app,
        "catalog picker",
        &[key(KeyCode::Char('a'))],
        &["Enter add", "Esc close", "↑↓ select"],
    );
    close(&mut app);
    check_popup(
        &mut app,
        "elicitation menu",
        &[key(KeyCode::Char('E'))],
        &["1–8 choose", "Enter choose", "Esc close"],
    );
    close(&mut app);

    // The requirements: the regimes checklist and the conflicts list.
    select(&mut app, "stage:requirements");
    app.handle_event(key(KeyCode::Enter));
    check_popup(
        &mut app,
        "regimes",
        &[key(KeyCode::Char('o'))],
        &["Space toggle", "Enter apply", "Esc cancel"],
    );
    close(&mut app);
    check_popup(
        &mut app,
        "conflicts",
        &[key(KeyCode::Char('C'))],
        &[
            "Enter go to the rule",
            "f go to what disagrees",
            "r resolve",
            "u reopen",
            "^S save",
            "Esc close",
        ],
    );
    close(&mut app);
}

#[test]
fn the_diff_of_a_reload_shows_its_keys_in_the_key_bar() {
    let dir = tempfile::tempdir().unwrap();
    let nfr = |v: &str| {
        format!(
            "# Tidepool — PRD\n\n## Non-Functional Requirements\n\n- NFR1: {v} monthly availability.\n"
        )
    };
    let mut app = app_with_changed_prd(dir.path(), &nfr("99.9%"), &nfr("99.95%"));
    select(&mut app, "stage:inputs");
    app.handle_event(key(KeyCode::Enter));
    check_popup(
        &mut app,
        "reload diff",
        &[key(KeyCode::Char('r'))],
        &["Enter reload", "↑↓ scroll", "Esc keep the snapshot"],
    );
    close(&mut app);
}

#[test]
fn the_merge_of_a_generated_change_shows_its_keys_in_the_key_bar() {
    let f = fixture();
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    store::save(&f.path, &yolo_sample(t(0), t(1), vec![])).unwrap();
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, "cloud-provider-strategy");
    app.handle_event(key(KeyCode::Enter));
    // Decide, then edit the decision's line in the text, then decide for another card: the new
    // decision would replace the edited line, and the workbench asks.
    app.handle_event(key(KeyCode::Char('d')));
    typ(&mut app, "it fits the team\n");
    while matches!(
        app.ui.popups.last(),
        Some(infradraft::tui::popup::Popup::Prompt(_))
    ) {
        typ(&mut app, "accepted\n");
    }
    assert!(
        app.doc
            .session
            .component("cloud-provider-strategy")
            .unwrap()
            .is_decided()
    );
    app.handle_event(key(KeyCode::Char('w')));
    let body = &app.doc.session.sections[app.selected_section().unwrap()].body;
    let line = body
        .split('\n')
        .position(|l| l.starts_with("**Decision:**"))
        .expect("a decision line");
    for _ in 0..2000 {
        app.handle_event(key(KeyCode::Up));
    }
    for _ in 0..line {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::End));
    typ(&mut app, " Only in eu-north-1.");
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('l')));
    let pane = entries(&key_bar(&mut app));
    app.handle_event(key(KeyCode::Char('d')));
    typ(&mut app, "second thoughts\n");
    while matches!(
        app.ui.popups.last(),
        Some(infradraft::tui::popup::Popup::Prompt(_))
    ) {
        typ(&mut app, "accepted\n");
    }
    assert!(
        matches!(
            app.ui.popups.last(),
            Some(infradraft::tui::popup::Popup::Merge(_))
        ),
        "a merge choice is shown"
    );
    let bar = key_bar(&mut app);
    for w in [
        "m keep mine",
        "n take the new",
        "b keep both",
        "Esc keep mine",
    ] {
        assert!(bar.contains(w), "no {w:?} in the key bar: {bar}");
    }
    for entry in entries(&bar) {
        assert!(!pane.contains(&entry), "the pane's {entry:?}: {bar}");
    }
}

#[test]
fn popup_keys_come_from_the_keymap_so_a_team_can_remap_them() {
    let f = fixture();
    std::fs::create_dir_all(&f.home.config_dir).unwrap();
    std::fs::write(
        f.home.config_dir.join("keymap.ron"),
        r#"(popup: {"close": ["f10"], "down": ["ctrl-j"]}, dialog: {"yes": ["o"], "no": ["esc"]})"#,
    )
    .unwrap();
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, "overview");

    // Help: Esc no longer closes it, F10 does; the bar and the title say so.
    app.handle_event(key(KeyCode::F(1)));
    let bar = key_bar(&mut app);
    assert!(bar.contains("F10 close"), "{bar}");
    assert!(!bar.contains("Esc"), "{bar}");
    assert!(screen(&mut app, 120, 40).contains("F10 closes"));
    app.handle_event(key(KeyCode::Esc));
    assert_eq!(app.ui.popups.len(), 1, "Esc still closed help");
    app.handle_event(key(KeyCode::F(10)));
    assert!(app.ui.popups.is_empty(), "F10 did not close help");

    // The palette: ^J moves down, j types.
    press(&mut app, &[ctrl('p')]);
    press(&mut app, &[ctrl('j')]);
    match app.ui.popups.last() {
        Some(infradraft::tui::popup::Popup::Palette(p)) => assert_eq!(p.selected, 1),
        _ => panic!("no palette"),
    }
    typ(&mut app, "j");
    match app.ui.popups.last() {
        Some(infradraft::tui::popup::Popup::Palette(p)) => assert_eq!(p.query.text(), "j"),
        _ => panic!("no palette"),
    }
    app.handle_event(key(KeyCode::F(10)));
    assert!(app.ui.popups.is_empty());

    // A question: finalizing asks, `o` answers yes, `y` does nothing now.
    app.handle_event(key(KeyCode::Char('8')));
    assert!(
        matches!(
            app.ui.popups.last(),
            Some(infradraft::tui::popup::Popup::Confirm(_))
        ),
        "8 did not ask"
    );
    let bar = key_bar(&mut app);
    assert!(
        bar.contains("o finalize") && bar.contains("Esc not yet"),
        "{bar}"
    );
    app.handle_event(key(KeyCode::Char('y')));
    assert_eq!(app.ui.popups.len(), 1, "y still answered");
    app.handle_event(key(KeyCode::Char('o')));
    assert!(app.ui.popups.is_empty(), "o did not answer");
    assert_eq!(
        app.doc.session.sections[0].status,
        infradraft::model::SectionStatus::Finalized
    );

    // Help lists the popups' keys as they are now.
    app.handle_event(key(KeyCode::F(1)));
    app.handle_event(key(KeyCode::Tab));
    // A frame lays the page out.
    let _ = screen(&mut app, 120, 40);
    let keys: Vec<String> = match app.ui.popups.last() {
        Some(infradraft::tui::popup::Popup::Help(h)) => h
            .lines
            .as_ref()
            .map(|(_, lines)| lines.iter().map(|l| l.to_string()).collect())
            .expect("the page is laid out before the frame"),
        _ => panic!("no help"),
    };
    let close = keys
        .iter()
        .find(|l| l.contains("close ") && l.contains("Close the popup"))
        .expect("help lists close");
    assert!(close.contains("F10"), "{close}");
    assert!(keys.iter().any(|l| l.contains("Popups: questions")));
}
