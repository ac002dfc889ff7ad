//! The workbench without a terminal: key sequences through the real event handler, asserting on
//! the state and the saved file, and snapshots of real screens drawn on a TestBackend.

use infradraft::knowledge::Template;
use infradraft::model::{FocusPane, SectionStatus};
use infradraft::store;
use infradraft::tui::app::{App, Pane};
use infradraft::tui::popup::Popup;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};

mod common;
use common::*;

#[test]
fn main_screen_at_120x40() {
    let f = fixture();
    let mut app = open(&f);
    insta::assert_snapshot!("main_120x40", screen(&mut app, 120, 40));
}

#[test]
fn main_screen_at_80x24() {
    let f = fixture();
    let mut app = open(&f);
    let s = screen(&mut app, 80, 24);
    assert!(
        !s.contains("Preview"),
        "no preview column below 120 columns:\n{s}"
    );
    insta::assert_snapshot!("main_80x24", s);
    // The preview is a toggled overlay there.
    app.handle_event(key(KeyCode::Char('p')));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Preview"), "{s}");
    insta::assert_snapshot!("preview_overlay_80x24", s);
}

#[test]
fn help_and_palette_screens() {
    let f = fixture();
    let mut app = open(&f);
    // A newcomer's help opens on the guide to the process; Tab shows the keys.
    app.handle_event(key(KeyCode::F(1)));
    let guide = screen(&mut app, 120, 40);
    for expected in [
        "How infradraft works",
        "The stages",
        "Next:",
        "F5",
        "Interaction mode",
    ] {
        assert!(
            guide.contains(expected),
            "the guide lacks {expected}:\n{guide}"
        );
    }
    insta::assert_snapshot!("help_guide_120x40", guide);
    insta::assert_snapshot!("help_guide_80x24", screen(&mut app, 80, 24));
    app.handle_event(key(KeyCode::Tab));
    let help = screen(&mut app, 120, 40);
    for expected in [
        "Help",
        "^S",
        "save",
        "Save the session",
        "Everywhere",
        "Sections (navigator)",
    ] {
        assert!(help.contains(expected), "help lacks {expected}:\n{help}");
    }
    insta::assert_snapshot!("help_120x40", help);
    app.handle_event(key(KeyCode::End));
    let more = screen(&mut app, 120, 40);
    // The popups' keys come last, from the keymap too.
    assert!(
        more.contains("keep-both-rest") && more.contains("a generated change over your text"),
        "{more}"
    );
    app.handle_event(key(KeyCode::Home));
    insta::assert_snapshot!("help_80x24", screen(&mut app, 80, 24));
    app.handle_event(key(KeyCode::Esc));
    assert!(app.ui.popups.is_empty());

    app.handle_event(ctrl('p'));
    typ(&mut app, "them");
    let palette = screen(&mut app, 120, 40);
    assert!(palette.contains("> them"), "{palette}");
    insta::assert_snapshot!("palette_120x40", palette);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(ctrl('p'));
    let palette = screen(&mut app, 80, 24);
    insta::assert_snapshot!("palette_80x24", palette);
}

#[test]
fn too_small_terminal_says_what_it_needs_and_nothing_panics_while_resizing() {
    let f = fixture();
    let mut app = open(&f);
    let s = screen(&mut app, 50, 12);
    assert!(s.contains("terminal too small"), "{s}");
    assert!(s.contains("need 60×16, have 50×12"), "{s}");
    for (w, h) in [
        (1, 1),
        (60, 16),
        (119, 30),
        (120, 30),
        (250, 80),
        (61, 17),
        (0, 0),
    ] {
        app.handle_event(Event::Resize(w, h));
        screen(&mut app, w.max(1), h.max(1));
    }
}

#[test]
fn navigating_typing_and_saving_round_trip() {
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    assert_eq!(selected_id(&app), "overview");
    press(
        &mut app,
        &[
            key(KeyCode::Char('j')),
            key(KeyCode::Char('j')),
            key(KeyCode::Down),
        ],
    );
    assert_eq!(selected_id(&app), "environment-configuration");
    press(&mut app, &[key(KeyCode::Char('k'))]);
    assert_eq!(selected_id(&app), "infrastructure-as-code");
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.ui.focus, Pane::Editor);
    // A component opens on its design panes; w switches to its text.
    app.handle_event(key(KeyCode::Char('w')));
    typ(
        &mut app,
        "We use OpenTofu.\nState lives in a locked bucket.",
    );
    let section = app.doc.session.section("infrastructure-as-code").unwrap();
    assert_eq!(
        section.body,
        "We use OpenTofu.\nState lives in a locked bucket."
    );
    assert_eq!(section.status, SectionStatus::Drafted);
    assert!(section.hand_edited);
    assert!(app.doc.dirty);
    // The preview follows. The first text in an empty section also changes the document's
    // status line (sections drafted), so the title part was rendered again with it.
    let s = screen(&mut app, 120, 40);
    assert_eq!(app.derived.preview.last_rendered, 2);
    assert!(s.contains("We use OpenTofu."), "{s}");
    // From then on, typing re-renders only the edited section.
    typ(&mut app, " Versioned.");
    let s = screen(&mut app, 120, 40);
    assert_eq!(app.derived.preview.last_rendered, 1);
    assert!(s.contains("Versioned."), "{s}");
    for _ in 0..11 {
        app.handle_event(key(KeyCode::Backspace));
    }
    assert!(s.contains("unsaved"), "{s}");

    app.handle_event(ctrl('s'));
    assert!(!app.doc.dirty);
    let saved = store::load(&f.path).unwrap().session;
    let section = saved.section("infrastructure-as-code").unwrap();
    assert_eq!(
        section.body,
        "We use OpenTofu.\nState lives in a locked bucket."
    );
    assert_eq!(saved.place.item, "infrastructure-as-code");
    assert_eq!(saved.place.focus, FocusPane::Workspace);
    assert_eq!(saved.place.cursor, (1, 31));
    // The earlier version is kept as .bak.
    assert!(store::backup_path(&f.path).exists());

    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Esc));
    assert_eq!(app.ui.focus, Pane::Navigator);
    app.handle_event(key(KeyCode::Char('q')));
    assert!(app.ui.quit, "quit without asking when everything is saved");
    drop(app);

    // Reopening comes back to the same place with the text.
    let mut again = open(&f);
    screen(&mut again, 120, 40);
    assert_eq!(selected_id(&again), "infrastructure-as-code");
    assert_eq!(again.ui.focus, Pane::Editor);
    let editor = again.editor(again.selected_section().unwrap()).unwrap();
    assert_eq!(editor.textarea.cursor(), tui_textarea::DataCursor(1, 31));
}

#[test]
fn undo_redo_and_paste_as_one_step() {
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    press(
        &mut app,
        &[
            key(KeyCode::Char('j')),
            key(KeyCode::Enter),
            key(KeyCode::Char('w')),
        ],
    );
    app.handle_event(Event::Paste("line one\r\nline two\r\n".into()));
    let body = |app: &App| {
        app.doc
            .session
            .section("cloud-provider-strategy")
            .unwrap()
            .body
            .clone()
    };
    assert_eq!(body(&app), "line one\nline two\n");
    app.handle_event(ctrl('z'));
    assert_eq!(body(&app), "", "a paste is one undo step");
    app.handle_event(ctrl('y'));
    assert_eq!(body(&app), "line one\nline two\n");
    typ(&mut app, "x");
    app.handle_event(ctrl('z'));
    assert_eq!(body(&app), "line one\nline two\n");
}

#[test]
fn search_finds_text_in_the_section() {
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(ctrl('f'));
    typ(&mut app, "RPO");
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("search: RPO"), "{s}");
    app.handle_event(key(KeyCode::Enter));
    let editor = app.editor(0).unwrap();
    assert_eq!(editor.textarea.cursor(), tui_textarea::DataCursor(5, 9));
    assert!(editor.search.is_none());
}

#[test]
fn focus_cycles_through_the_visible_panes() {
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    let mut seen = vec![app.ui.focus];
    for _ in 0..3 {
        app.handle_event(key(KeyCode::Tab));
        seen.push(app.ui.focus);
    }
    assert_eq!(
        seen,
        [
            Pane::Navigator,
            Pane::Editor,
            Pane::Preview,
            Pane::Navigator
        ]
    );
    app.handle_event(key(KeyCode::BackTab));
    assert_eq!(app.ui.focus, Pane::Preview);
    // Zoom gives the focused pane the whole width.
    app.handle_event(key(KeyCode::Char('z')));
    let s = screen(&mut app, 120, 40);
    assert!(!s.contains("Sections"), "{s}");
    assert!(s.contains("Preview"), "{s}");
    app.handle_event(key(KeyCode::Char('z')));

    screen(&mut app, 80, 24);
    app.handle_event(key(KeyCode::Tab));
    let mut seen = vec![app.ui.focus];
    app.handle_event(key(KeyCode::Tab));
    seen.push(app.ui.focus);
    assert!(
        !seen.contains(&Pane::Preview),
        "no hidden pane takes focus: {seen:?}"
    );
}

#[test]
fn themes_switch_from_the_palette_and_the_key() {
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    app.handle_event(ctrl('p'));
    typ(&mut app, "theme: light");
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.settings.theme.name, "light");
    assert!(app.ui.popups.is_empty());
    app.handle_event(key(KeyCode::Char('t')));
    assert_eq!(app.settings.theme.name, "high-contrast");
    // Re-rendered for the new theme without a panic.
    screen(&mut app, 120, 40);
}

#[test]
fn every_palette_action_runs() {
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    app.handle_event(ctrl('p'));
    typ(&mut app, "toggle-preview");
    app.handle_event(key(KeyCode::Enter));
    assert!(!app.ui.show_preview);
    let s = screen(&mut app, 120, 40);
    assert!(!s.contains("Preview"), "{s}");
}

#[test]
fn quitting_with_unsaved_changes_asks() {
    let f = fixture();
    let before = std::fs::read(&f.path).unwrap();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "draft");
    app.handle_event(ctrl('q'));
    assert!(!app.ui.quit);
    assert!(matches!(app.ui.popups.last(), Some(Popup::Confirm(_))));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Unsaved changes"), "{s}");
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.ui.quit && app.ui.popups.is_empty());
    app.handle_event(ctrl('q'));
    app.handle_event(key(KeyCode::Char('d')));
    assert!(app.ui.quit);
    assert_eq!(
        std::fs::read(&f.path).unwrap(),
        before,
        "discard leaves the file"
    );
    drop(app);

    let mut app = open(&f);
    screen(&mut app, 120, 40);
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "kept");
    app.handle_event(ctrl('q'));
    app.handle_event(key(KeyCode::Char('s')));
    assert!(app.ui.quit);
    assert!(
        store::load(&f.path).unwrap().session.sections[0]
            .body
            .starts_with("kept")
    );
}

#[test]
fn a_second_workbench_on_one_session_is_read_only() {
    let f = fixture();
    let first = open(&f);
    let mut second = open(&f);
    assert!(second.doc.read_only.is_some());
    let s = screen(&mut second, 120, 40);
    assert!(s.contains("READ-ONLY"), "{s}");
    let before = second.doc.session.sections[0].body.clone();
    second.handle_event(key(KeyCode::Enter));
    typ(&mut second, "nope");
    second.handle_event(Event::Paste("pasted".into()));
    assert_eq!(second.doc.session.sections[0].body, before);
    assert!(!second.doc.dirty);
    second.handle_event(ctrl('s'));
    let s = screen(&mut second, 120, 40);
    assert!(s.contains("read-only"), "{s}");
    drop(first);
}

#[test]
fn a_recovery_file_is_offered_and_restored() {
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "unsaved work ");
    let recovery = app.write_recovery().unwrap();
    assert_eq!(recovery, store::recovery_path(&f.path));
    drop(app);

    let mut app = open(&f);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Recovery file found"), "{s}");
    app.handle_event(key(KeyCode::Char('r')));
    assert!(
        app.doc.session.sections[0]
            .body
            .starts_with("unsaved work ")
    );
    assert!(app.doc.dirty);
    app.handle_event(ctrl('s'));
    assert!(
        !recovery.exists(),
        "a successful save removes the recovery file"
    );

    // Discarding deletes it.
    app.write_recovery().unwrap();
    drop(app);
    let mut app = open(&f);
    app.handle_event(key(KeyCode::Char('d')));
    assert!(!recovery.exists());
}

#[test]
fn escape_sequences_in_a_section_never_reach_the_screen() {
    let f = fixture();
    let mut session = store::load(&f.path).unwrap().session;
    session.sections[0].body =
        "before \u{1b}]52;c;aGk=\u{7} \u{1b}[2J after\n\n```bash\necho \u{1b}[31m\n```".into();
    session.meta.title = "Evil \u{1b}[2J title".into();
    store::save(&f.path, &session).unwrap();
    let mut app = open(&f);
    let s = screen(&mut app, 120, 40);
    assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'), "{s:?}");
    assert!(
        s.contains("␛]52;c;aGk=␇"),
        "the preview shows the sequence inertly:\n{s}"
    );
}

#[test]
fn mouse_clicks_focus_and_select() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.handle_event(click(60, 10));
    assert_eq!(app.ui.focus, Pane::Editor);
    // Row 7 of the navigator's inner area: Gather, Inputs, Requirements, Document, Overview,
    // Components, Cloud, IaC.
    app.handle_event(click(5, 8));
    assert_eq!(app.ui.focus, Pane::Navigator);
    assert_eq!(selected_id(&app), "infrastructure-as-code");
}

#[test]
fn an_empty_section_shows_its_guidance_and_the_outline_can_be_inserted() {
    let f = fixture();
    let mut app = open(&f);
    press(
        &mut app,
        &[
            key(KeyCode::Char('j')),
            key(KeyCode::Enter),
            key(KeyCode::Char('w')),
        ],
    );
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("Purpose") && s.contains("This section answers"),
        "{s}"
    );
    insta::assert_snapshot!("empty_section_guidance_120x40", s);
    app.handle_event(ctrl('t'));
    let body = app
        .doc
        .session
        .section("cloud-provider-strategy")
        .unwrap()
        .body
        .clone();
    let template = Template::builtin().unwrap();
    let starter = &template.section("cloud-provider-strategy").unwrap().starter;
    assert_eq!(body, *starter);
    app.handle_event(ctrl('z'));
    assert_eq!(
        app.doc
            .session
            .section("cloud-provider-strategy")
            .unwrap()
            .body,
        ""
    );
}

#[test]
fn autosave_writes_after_the_interval() {
    let f = fixture();
    let mut app = open(&f);
    screen(&mut app, 120, 40);
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "auto ");
    app.autosave_if_due();
    assert!(app.doc.dirty, "not before the interval");
    app.doc.dirty_since = Some(std::time::Instant::now() - std::time::Duration::from_secs(31));
    app.autosave_if_due();
    assert!(!app.doc.dirty);
    assert!(matches!(
        app.doc.save_state,
        infradraft::tui::app::SaveState::Saved { auto: true, .. }
    ));
    assert!(
        store::load(&f.path).unwrap().session.sections[0]
            .body
            .starts_with("auto ")
    );
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("autosaved "), "{s}");
}

#[test]
fn the_readme_documents_every_action_and_default_key() {
    use infradraft::tui::action::{Action, Context};
    use infradraft::tui::keymap::Keymap;
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let keys_section = readme
        .split("### Keys")
        .nth(1)
        .and_then(|s| s.split("### Themes").next())
        .expect("README has a Keys section");
    for action in Action::ALL {
        assert!(
            keys_section.contains(&format!("`{}`", action.name())),
            "README's keys table lacks the action {}",
            action.name()
        );
    }
    let keymap = Keymap::default();
    for context in Context::ALL {
        for (action, keys) in keymap.bindings(context) {
            for key in keys {
                assert!(
                    keys_section.contains(&format!("`{key}`"))
                        || keys_section.contains(&format!("{key}`")),
                    "README's keys table lacks {key} for {}",
                    action.name()
                );
            }
        }
    }
}

#[test]
fn a_component_walks_a_to_f_and_the_decision_is_saved() {
    let f = fixture();
    let mut app = open(&f);
    select(&mut app, "compute-resources");
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.context(), infradraft::tui::action::Context::Design);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("[a Purpose]"), "{s}");
    // b. Options: two from the catalog, the best-ranked first.
    app.handle_event(key(KeyCode::Char(']')));
    app.handle_event(key(KeyCode::Char('a')));
    let picker = screen(&mut app, 120, 40);
    assert!(picker.contains("Add from the catalog"), "{picker}");
    assert!(picker.contains("Why this fit"), "{picker}");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('a')));
    app.handle_event(key(KeyCode::Down));
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(
        app.doc
            .session
            .component("compute-resources")
            .unwrap()
            .options
            .len(),
        2
    );
    insta::assert_snapshot!("design_cards_120x40", screen(&mut app, 120, 40));
    insta::assert_snapshot!("design_cards_80x24", screen(&mut app, 80, 24));
    // c. Recommend the first card.
    app.handle_event(key(KeyCode::Char('h')));
    app.handle_event(key(KeyCode::Char('r')));
    typ(&mut app, "no cluster operators on the team");
    app.handle_event(key(KeyCode::Enter));
    let c = app.doc.session.component("compute-resources").unwrap();
    let first = c.options[0].id.clone();
    assert_eq!(c.recommendation.as_ref().unwrap().option, first);
    // d. Feedback and the revision.
    app.handle_event(key(KeyCode::Char('f')));
    typ(&mut app, "what about cold starts?");
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "added minimum instances");
    app.handle_event(key(KeyCode::Enter));
    // e → f: finalize, then decide with the recommendation's rationale.
    app.handle_event(key(KeyCode::Char('8')));
    assert_eq!(
        app.doc.session.component("compute-resources").unwrap().step,
        infradraft::model::DesignStep::Decision
    );
    app.handle_event(key(KeyCode::Char('d')));
    app.handle_event(key(KeyCode::Enter));
    // Any conflicts with the inputs need a reason each.
    while matches!(app.ui.popups.last(), Some(Popup::Prompt(_))) {
        typ(&mut app, "accepted for the first year");
        app.handle_event(key(KeyCode::Enter));
    }
    let c = app.doc.session.component("compute-resources").unwrap();
    let d = c.decision.as_ref().expect("decided");
    assert_eq!(d.option, first);
    assert_eq!(d.justification, "no cluster operators on the team");
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    let c = saved.component("compute-resources").unwrap();
    assert_eq!(c.decision.as_ref().unwrap().option, first);
    assert_eq!(c.feedback[0].feedback, "what about cold starts?");
    assert_eq!(c.feedback[0].revision, "added minimum instances");
    let section = saved.section("compute-resources").unwrap();
    // The section holds a second decision, not made yet.
    assert_eq!(section.status, SectionStatus::Drafted);
    assert!(section.body.contains("**Decision:**"), "{}", section.body);
    assert!(saved.history.iter().any(|h| h.action == "decided"));

    // The section's second decision: `}` selects it in the decision list, and it walks a → f on
    // its own; the first decision is left as it was.
    const B: &str = "compute-background-work";
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("Decisions") && s.contains("▸✓ Application runtime"),
        "{s}"
    );
    app.handle_event(key(KeyCode::Char('}')));
    assert_eq!(app.selected_component().as_deref(), Some(B));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("▸· Background and scheduled"), "{s}");
    assert!(s.contains(" ✓ Application runtime"), "{s}");
    assert!(s.contains("[a Purpose]"), "{s}");
    // The status bar says when the session was saved; the clock is not part of the screen's design.
    let clock = regex::Regex::new(r"saved \d\d:\d\d").unwrap();
    let unclocked = |s: &str| clock.replace_all(s, "saved hh:mm").into_owned();
    insta::assert_snapshot!("design_decisions_120x40", unclocked(&s));
    insta::assert_snapshot!(
        "design_decisions_80x24",
        unclocked(&screen(&mut app, 80, 24))
    );
    app.handle_event(key(KeyCode::Char(']')));
    app.handle_event(key(KeyCode::Char('a')));
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('a')));
    app.handle_event(key(KeyCode::Down));
    app.handle_event(key(KeyCode::Enter));
    let background = app.doc.session.component(B).unwrap();
    assert_eq!(background.options.len(), 2);
    assert!(
        background.options.iter().all(|o| o
            .catalog_id
            .as_deref()
            .is_some_and(|id| id.starts_with("compute-"))),
        "the catalog offers this decision's own options"
    );
    app.handle_event(key(KeyCode::Char('r')));
    typ(&mut app, "jobs run where the services run");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('f')));
    typ(&mut app, "retries?");
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "dead-letter queue added");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('8')));
    app.handle_event(key(KeyCode::Char('d')));
    app.handle_event(key(KeyCode::Enter));
    while matches!(app.ui.popups.last(), Some(Popup::Prompt(_))) {
        typ(&mut app, "accepted for the first year");
        app.handle_event(key(KeyCode::Enter));
    }
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    let b = saved.component(B).unwrap();
    assert_eq!(
        b.decision.as_ref().expect("decided").justification,
        "jobs run where the services run"
    );
    assert_eq!(b.feedback[0].revision, "dead-letter queue added");
    assert_eq!(
        saved
            .component("compute-resources")
            .unwrap()
            .decision
            .as_ref()
            .unwrap()
            .option,
        first,
        "the first decision is untouched"
    );
    let section = saved.section("compute-resources").unwrap();
    assert_eq!(
        section.status,
        SectionStatus::Decided,
        "both decisions made"
    );
    let body = &section.body;
    let runtime = body.find("**Decision:**").unwrap();
    let second = body
        .find("### Background and scheduled work")
        .expect("its own part");
    assert!(runtime < second, "{body}");
    // Where the person left it: the second decision, on reopening.
    assert_eq!(saved.place.decision, B);
    let mut again = open(&f);
    assert_eq!(again.selected_component().as_deref(), Some(B));
    let s = screen(&mut again, 120, 40);
    assert!(s.contains("✓ Background and scheduled work"), "{s}");
    // `{` goes back to the first.
    again.handle_event(key(KeyCode::Char('{')));
    assert_eq!(
        again.selected_component().as_deref(),
        Some("compute-resources")
    );
}

#[test]
fn a_new_session_asks_for_the_mode_and_yolo_drafts_everything() {
    let f = fixture();
    let mut session = store::load(&f.path).unwrap().session;
    session.mode = None;
    store::save(&f.path, &session).unwrap();
    let mut app = open(&f);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Interaction mode") && s.contains("YOLO"), "{s}");
    insta::assert_snapshot!("mode_choice_120x40", s);
    app.handle_event(key(KeyCode::Char('b')));
    assert_eq!(
        app.doc.session.mode,
        Some(infradraft::model::InteractionMode::Yolo)
    );
    for c in &app.doc.session.components {
        assert!(
            c.options.len() >= 2 && c.recommendation.is_some(),
            "{}",
            c.id
        );
        assert!(c.decision.is_none());
    }
}

#[test]
fn requirements_stage_and_input_viewer() {
    let f = fixture();
    let mut app = open(&f);
    select(&mut app, "stage:requirements");
    app.handle_event(key(KeyCode::Enter));
    let nfr3 = app
        .doc
        .session
        .requirements
        .iter()
        .position(|r| r.id == "NFR3")
        .unwrap();
    for _ in 0..nfr3 {
        app.handle_event(key(KeyCode::Char('j')));
    }
    assert_eq!(app.ui.stages.requirement_selected, nfr3);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("NFR3") && s.contains("prd.md:"), "{s}");
    assert!(s.contains("Technical Assumptions"), "{s}");
    insta::assert_snapshot!("requirements_120x40", s);
    insta::assert_snapshot!("requirements_80x24", screen(&mut app, 80, 24));
    // Enter opens the source line of the selected requirement in the viewer.
    app.handle_event(key(KeyCode::Enter));
    let viewer = app.ui.stages.viewer.clone().expect("viewer open");
    let line = app.doc.session.requirements[nfr3]
        .source
        .as_ref()
        .unwrap()
        .line;
    assert_eq!(viewer.mark, Some(line));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("NFR3: 99.95%"), "{s}");
    insta::assert_snapshot!("input_viewer_120x40", s);
    // Search in the viewer.
    app.handle_event(key(KeyCode::Char('/')));
    typ(&mut app, "Technical Assumptions");
    app.handle_event(key(KeyCode::Enter));
    let mark = app.ui.stages.viewer.as_ref().unwrap().mark.unwrap();
    let prd = &app.doc.session.inputs[0].text;
    assert!(
        prd.lines()
            .nth(mark as usize - 1)
            .unwrap()
            .contains("Technical Assumptions")
    );
    // Regimes: the ones the inputs name are in scope already, each with where it is named.
    app.handle_event(key(KeyCode::Esc));
    select(&mut app, "stage:requirements");
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.doc.session.regimes, ["GDPR", "PCI DSS"]);
    app.handle_event(key(KeyCode::Char('o')));
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("[x] GDPR") && s.contains("named in prd.md:"),
        "{s}"
    );
    assert!(s.contains("[ ] HIPAA"), "{s}");
    // The person takes GDPR out and puts SOC 2 in (the third and first rows).
    app.handle_event(key(KeyCode::Char(' ')));
    app.handle_event(key(KeyCode::Down));
    app.handle_event(key(KeyCode::Down));
    app.handle_event(key(KeyCode::Char(' ')));
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.doc.session.regimes, ["SOC 2", "PCI DSS"]);
    // Reading the inputs again keeps the person's choice.
    infradraft::workflow::refresh_extraction(&mut app.doc.session);
    assert_eq!(app.doc.session.regimes, ["SOC 2", "PCI DSS"]);
}

#[test]
fn an_input_changed_on_disk_is_detected_and_reloaded_with_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let nfr = |v: &str| {
        format!(
            "# Tidepool — PRD\n\n## Non-Functional Requirements\n\n- NFR1: {v} monthly availability.\n"
        )
    };
    let mut app = app_with_changed_prd(dir.path(), &nfr("99.9%"), &nfr("99.95%"));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("changed on disk"), "{s}");
    select(&mut app, "stage:inputs");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('r')));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("-- NFR1: 99.9% monthly availability."), "{s}");
    assert!(s.contains("+- NFR1: 99.95% monthly availability."), "{s}");
    app.handle_event(key(KeyCode::Enter));
    assert!(app.doc.session.inputs[0].text.contains("99.95%"));
    let nfr1 = app
        .doc
        .session
        .requirements
        .iter()
        .find(|r| r.id == "NFR1")
        .unwrap();
    assert!(nfr1.text.contains("99.95%"), "re-extracted: {}", nfr1.text);
    assert!(app.doc.dirty);
}

#[test]
fn a_conflicting_choice_needs_a_reason_and_shows_as_a_badge() {
    let f = fixture();
    let mut app = open(&f);
    select(&mut app, "compute-resources");
    app.handle_event(key(KeyCode::Enter));
    app.add_catalog_option("compute-resources", "compute-self-managed-kubernetes");
    app.add_catalog_option("compute-resources", "compute-managed-containers");
    app.ui.design.card = 0;
    let conflicts = app.conflicts_of("compute-resources", "compute-self-managed-kubernetes");
    assert!(!conflicts.is_empty());
    assert!(
        conflicts.iter().any(|c| c.contains("prd.md:")),
        "the PRD line is quoted: {conflicts:?}"
    );
    app.handle_event(key(KeyCode::Char('d')));
    typ(&mut app, "the platform team runs clusters");
    app.handle_event(key(KeyCode::Enter));
    // One prompt per conflict; an empty reason stops the decision.
    app.handle_event(key(KeyCode::Enter));
    assert!(
        app.doc
            .session
            .component("compute-resources")
            .unwrap()
            .decision
            .is_none()
    );
    app.handle_event(key(KeyCode::Char('d')));
    typ(&mut app, "the platform team runs clusters");
    app.handle_event(key(KeyCode::Enter));
    for _ in 0..conflicts.len() {
        typ(&mut app, "accepted: platform team staffed in 2027");
        app.handle_event(key(KeyCode::Enter));
    }
    let d = app
        .doc
        .session
        .component("compute-resources")
        .unwrap()
        .decision
        .clone()
        .unwrap();
    assert_eq!(d.acknowledged_conflicts.len(), conflicts.len());
    assert_eq!(d.acknowledged_conflicts[0].finding, conflicts[0]);
    let s = screen(&mut app, 120, 40);
    let row = s
        .lines()
        .find(|l| {
            // The navigator's row (the first 30 columns), not the design pane's title.
            l.chars()
                .take(30)
                .collect::<String>()
                .contains("Compute Resources")
        })
        .unwrap();
    assert!(row.contains(&format!("⚠{}", conflicts.len())), "{row}");
    assert!(
        app.doc
            .session
            .section("compute-resources")
            .unwrap()
            .body
            .contains("accepted because")
    );
}

/// A fixture whose architecture document estimates more than the PRD's budget.
fn fixture_with_a_conflict() -> Fixture {
    let f = fixture();
    let mut session = store::load(&f.path).unwrap().session;
    estimate_over_budget(&mut session);
    store::save(&f.path, &session).unwrap();
    f
}

#[test]
fn the_bundled_sample_has_no_conflict_between_its_inputs() {
    let f = fixture();
    let session = store::load(&f.path).unwrap().session;
    let about: Vec<&str> = session
        .input_conflicts
        .iter()
        .map(|c| c.about.as_str())
        .collect();
    assert!(about.is_empty(), "{about:#?}");
}

#[test]
fn conflicts_between_inputs_are_shown_resolved_with_a_reason_and_reopened() {
    let f = fixture_with_a_conflict();
    let mut app = open(&f);
    assert_eq!(
        app.doc.session.input_conflicts.len(),
        1,
        "{:#?}",
        app.doc.session.input_conflicts
    );
    select(&mut app, "stage:requirements");
    app.handle_event(key(KeyCode::Enter));
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("Conflicts between inputs: 1 open of 1 · C to review"),
        "{s}"
    );
    app.handle_event(key(KeyCode::Char('C')));
    assert!(matches!(
        app.ui.popups.last(),
        Some(Popup::Conflicts { .. })
    ));
    let s = screen(&mut app, 120, 40);
    assert!(
        has_words(
            &s,
            "The PRD sets a budget of EUR 22,000 a month; the architecture document estimates EUR 31,000 a month"
        ),
        "{s}"
    );
    insta::assert_snapshot!("input_conflicts_120x40", s);
    // r asks for the reason; Enter resolves.
    app.handle_event(key(KeyCode::Char('r')));
    assert!(matches!(app.ui.popups.last(), Some(Popup::Prompt(_))));
    // The conflict being settled stays in view around the prompt, at 80×24 too.
    let s = screen(&mut app, 80, 24);
    assert!(
        s.contains("Why is the selected conflict settled?") && s.contains("The PRD sets a budget"),
        "{s}"
    );
    typ(
        &mut app,
        "The budget rises to EUR 32,000 from July (CFO, 3 March)",
    );
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.doc.session.open_conflicts().count(), 0);
    assert_eq!(
        app.doc.session.conflict_resolutions[0].reason,
        "The budget rises to EUR 32,000 from July (CFO, 3 March)"
    );
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("resolved") && s.contains("0 open of 1"), "{s}");
    // Saved with the session (^S works from the list), and kept when the inputs are read again.
    app.handle_event(ctrl('s'));
    assert!(matches!(
        app.ui.popups.last(),
        Some(Popup::Conflicts { .. })
    ));
    app.handle_event(key(KeyCode::Esc));
    let mut saved = store::load(&f.path).unwrap().session;
    assert_eq!(saved.conflict_resolutions.len(), 1);
    infradraft::workflow::refresh_extraction(&mut saved);
    assert_eq!(saved.open_conflicts().count(), 0);
    // u opens it again.
    app.handle_event(key(KeyCode::Char('C')));
    app.handle_event(key(KeyCode::Char('u')));
    assert_eq!(app.doc.session.open_conflicts().count(), 1);
    // Enter goes to the rule's line in the input viewer.
    app.handle_event(key(KeyCode::Enter));
    assert!(app.ui.popups.is_empty());
    let viewer = app.ui.stages.viewer.clone().expect("viewer open");
    let rule = &app.doc.session.input_conflicts[0].rule.source;
    assert_eq!(viewer.mark, Some(rule.line));
    assert_eq!(app.doc.session.inputs[viewer.input].path, rule.input);
}

/// A card a mandate rules out is greyed with the reason; recommending it asks why against the rule,
/// refuses an empty reason, and keeps the rule with the reason given.
#[test]
fn a_ruled_out_card_is_recommended_only_with_a_reason_against_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    let session = yolo_sample(t(0), t(1), vec![]);
    let path = dir.path().join("s.ron");
    infradraft::store::create(&path, &session, false).unwrap();
    let home = infradraft::home::Home::under(dir.path().join("home"));
    let mut app = infradraft::tui::prepare_app(&path, &home, Some("dark".into())).unwrap();
    select(&mut app, "infrastructure-as-code");
    app.handle_event(key(KeyCode::Enter));
    let c = app.doc.session.component("infrastructure-as-code").unwrap();
    assert_eq!(
        c.recommendation.as_ref().unwrap().option,
        "iac-terraform-opentofu"
    );
    let second = c.options[1].id.clone();
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("✗ ruled out: breaks a m"), "{s}");
    // The second card: the prompt names the rule's place.
    app.handle_event(key(KeyCode::Char('l')));
    app.handle_event(key(KeyCode::Char('r')));
    let s = screen(&mut app, 120, 40);
    let Some(Popup::Prompt(p)) = app.ui.popups.last() else {
        panic!("the recommend prompt:\n{s}")
    };
    assert!(
        p.title
            .contains("It breaks a rule of the inputs (prd.md:120)"),
        "{}",
        p.title
    );
    // Shown whole, wrapped.
    assert!(
        s.contains("breaks a rule of") && s.contains("(prd.md:120)"),
        "{s}"
    );
    // An empty reason changes nothing.
    app.handle_event(key(KeyCode::Enter));
    let c = app.doc.session.component("infrastructure-as-code").unwrap();
    assert_eq!(
        c.recommendation.as_ref().unwrap().option,
        "iac-terraform-opentofu"
    );
    app.handle_event(key(KeyCode::Char('r')));
    typ(&mut app, "the platform team is moving to it next quarter");
    app.handle_event(key(KeyCode::Enter));
    let rec = app
        .doc
        .session
        .component("infrastructure-as-code")
        .unwrap()
        .recommendation
        .clone()
        .unwrap();
    assert_eq!(rec.option, second);
    assert!(
        rec.rationale.starts_with("the platform team is moving to it next quarter (recommended although it breaks a rule of the inputs: the PRD mandates `terraform`"),
        "{}",
        rec.rationale
    );
}

#[test]
fn the_key_bar_offers_recommend_and_decide_only_between_two_options() {
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, "network-architecture");
    app.ui.focus = Pane::Editor;
    assert!(
        app.doc
            .session
            .component("network-architecture")
            .unwrap()
            .options
            .len()
            < 2
    );
    let s = screen(&mut app, 200, 40);
    let bar = s.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(
        !bar.contains("recommend") && !bar.contains("decide"),
        "{bar}"
    );
    assert!(bar.contains("add"), "{bar}");
    // With the options drafted (YOLO), both are offered (in a workbench that can write the
    // session: the first one lets go of it).
    drop(app);
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    store::save(&f.path, &yolo_sample(t(0), t(1), vec![])).unwrap();
    let mut app = open(&f);
    assert!(app.doc.read_only.is_none());
    app.ui.popups.clear();
    select(&mut app, "network-architecture");
    app.ui.focus = Pane::Editor;
    let s = screen(&mut app, 200, 40);
    let bar = s.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(bar.contains("recommend") && bar.contains("decide"), "{bar}");
}

#[test]
fn help_rows_keep_their_columns_apart() {
    use infradraft::tui::action::{Action, Context};
    let f = fixture();
    let app = open(&f);
    let lines = infradraft::tui::popup::help_lines(&app.settings.keymap, &app.settings.theme, 90);
    let mut rows = 0;
    for context in Context::ALL {
        for (action, _) in app.settings.keymap.bindings(context) {
            let row = lines
                .iter()
                .find(|l| l.spans.len() == 3 && l.spans[1].content.trim() == action.name())
                .unwrap_or_else(|| panic!("no help row for {}", action.name()));
            // The keys, the name and the description, each followed by a space: the name stands
            // apart from the keys before it and the description after it.
            assert!(row.spans[0].content.ends_with(' '), "{row:?}");
            assert!(row.spans[1].content.ends_with(' '), "{row:?}");
            // The description, continued on rows of its own under itself when long.
            assert!(
                action
                    .description()
                    .starts_with(row.spans[2].content.as_ref()),
                "{row:?}"
            );
            rows += 1;
        }
    }
    assert!(rows > 40, "{rows} rows");
    // The longest names, which ran into their descriptions before.
    for action in [Action::DiscardRecord, Action::ApplyRecord] {
        assert!(
            lines.iter().any(|l| l
                .spans
                .get(1)
                .is_some_and(|s| s.content == format!("{} ", action.name())
                    || s.content.starts_with(&format!("{} ", action.name())))),
            "{}",
            action.name()
        );
    }
}

#[test]
fn the_palette_ranks_a_name_match_above_a_description_match() {
    use infradraft::tui::action::Action;
    use infradraft::tui::popup::PaletteEntry;
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    app.handle_event(ctrl('p'));
    typ(&mut app, "yolo");
    let Some(Popup::Palette(p)) = app.ui.popups.last() else {
        panic!("the palette")
    };
    // `choose-mode` says YOLO in its description; `yolo-draft` is named so.
    assert_eq!(
        p.entry(0),
        Some(&PaletteEntry::Action {
            action: Action::DraftAll,
            key: app
                .settings
                .keymap
                .first_key(infradraft::tui::action::Context::Global, Action::DraftAll)
        }),
        "{:?}",
        p.entry(0)
    );
    assert!(
        p.matches.len() >= 2,
        "the description match stays in the list"
    );
}

/// The status bar's top line (the second line from the bottom).
fn status_line(app: &mut App) -> String {
    let s = screen(app, 120, 40);
    s.lines().rev().nth(1).unwrap().to_string()
}

#[test]
fn an_information_goes_after_a_few_seconds_or_when_the_person_moves() {
    use std::time::Duration;
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    screen(&mut app, 120, 40);
    app.handle_event(ctrl('s'));
    assert!(status_line(&mut app).contains("saved s.ron"));
    let shown = app.ui.message_shown_at.expect("stamped when shown");
    assert_eq!(
        app.message_expires_at(),
        Some(shown + Duration::from_secs(5)),
        "the event loop wakes for it"
    );
    // Four seconds on, it is still there; five seconds on, it goes, once (one frame).
    assert!(!app.expire_message(shown + Duration::from_secs(4)));
    assert!(status_line(&mut app).contains("saved s.ron"));
    assert!(app.expire_message(shown + Duration::from_secs(5)));
    assert!(!status_line(&mut app).contains("saved s.ron"));
    assert!(!app.expire_message(shown + Duration::from_secs(3600)));
    assert_eq!(app.message_expires_at(), None);
    // A key that moves nowhere leaves it; a key that selects another section clears it.
    app.handle_event(ctrl('s'));
    app.handle_event(key(KeyCode::Char('z')));
    assert!(status_line(&mut app).contains("saved s.ron"));
    app.handle_event(key(KeyCode::Char('z')));
    app.handle_event(key(KeyCode::Char('j')));
    assert!(!status_line(&mut app).contains("saved s.ron"));
    assert!(app.ui.message.is_none());
}

#[test]
fn a_warning_stays_until_the_next_key() {
    use std::time::Duration;
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, "overview");
    // Recommending needs a component section.
    app.handle_event(ctrl('p'));
    typ(&mut app, "recommend\n");
    let warning = "select a component section first";
    assert!(status_line(&mut app).contains(warning));
    // Time alone does not take a warning away.
    let shown = app.ui.message_shown_at.unwrap();
    assert_eq!(app.message_expires_at(), None);
    assert!(!app.expire_message(shown + Duration::from_secs(3600)));
    assert!(status_line(&mut app).contains(warning));
    // The next key does, here one that selects a component section (where it is no longer true).
    app.handle_event(key(KeyCode::Char('j')));
    assert_eq!(selected_id(&app), "cloud-provider-strategy");
    assert!(!status_line(&mut app).contains(warning));
    assert!(app.ui.message.is_none());
    // A key that sets a message of its own shows it.
    app.handle_event(key(KeyCode::Char('k')));
    app.handle_event(ctrl('p'));
    typ(&mut app, "recommend\n");
    assert!(status_line(&mut app).contains(warning));
    app.handle_event(ctrl('p'));
    typ(&mut app, "recommend\n");
    assert!(
        status_line(&mut app).contains(warning),
        "set again by the key"
    );
}

/// The option cards drawn in the design panes at `width`×`height`: each card's inner rows as
/// text (trailing spaces trimmed, trailing empty rows dropped), with the style of each row's
/// first cell.
fn option_cards(
    app: &mut App,
    width: u16,
    height: u16,
) -> Vec<Vec<(String, ratatui::style::Style)>> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    app.prepare(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| infradraft::tui::view::draw(f, app))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let workspace = app.areas().editor.expect("a workspace");
    let inside = (workspace.x + 1)..(workspace.x + workspace.width - 1);
    // The row of the cards' top borders: the first below the pane's own top with a corner.
    let top = (workspace.y + 1..workspace.y + workspace.height)
        .find(|&y| inside.clone().any(|x| buffer[(x, y)].symbol() == "┌"))
        .expect("option cards");
    let starts: Vec<u16> = inside
        .clone()
        .filter(|&x| buffer[(x, top)].symbol() == "┌")
        .collect();
    starts
        .iter()
        .map(|&x0| {
            let x1 = (x0 + 1..workspace.x + workspace.width)
                .find(|&x| buffer[(x, top)].symbol() == "┐")
                .unwrap();
            let mut rows: Vec<(String, ratatui::style::Style)> = (top + 1..)
                .take_while(|&y| buffer[(x0, y)].symbol() != "└")
                .map(|y| {
                    let text: String = (x0 + 1..x1).map(|x| buffer[(x, y)].symbol()).collect();
                    (text.trim_end().to_string(), buffer[(x0 + 1, y)].style())
                })
                .collect();
            while rows.last().is_some_and(|(r, _)| r.is_empty()) {
                rows.pop();
            }
            rows
        })
        .collect()
}

#[test]
fn a_cut_option_card_says_how_many_lines_are_left_and_wraps_at_words() {
    let f = fixture();
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap();
    let session = yolo_sample(t(0), t(1), vec![]);
    store::save(&f.path, &session).unwrap();
    let mut app = open(&f);
    app.ui.popups.clear();
    let note = regex::Regex::new(r"^… (\d+) more lines").unwrap();
    let mut cut = 0;
    for id in ["cloud-provider-strategy", "compute-resources"] {
        select(&mut app, id);
        app.handle_event(key(KeyCode::Enter));
        assert_eq!(app.context(), infradraft::tui::action::Context::Design);
        let s = screen(&mut app, 120, 40);
        insta::assert_snapshot!(format!("design_cards_{id}_120x40"), s);
        let shown = option_cards(&mut app, 120, 40);
        // On a tall screen, the same cards (as wide) show everything.
        let whole = option_cards(&mut app, 120, 160);
        assert_eq!(shown.len(), whole.len());
        let component = session.component(id).unwrap();
        for (card, (shown, whole)) in shown.iter().zip(&whole).enumerate() {
            assert!(
                whole.iter().all(|(r, _)| !note.is_match(r)),
                "{id} card {card} is cut on a tall screen: {whole:#?}"
            );
            // Wrapped at words: every word of the card's own text is whole on some row.
            let o = &component.options[card];
            let words: std::collections::HashSet<&str> = whole
                .iter()
                .flat_map(|(r, _)| r.split_whitespace())
                .collect();
            for text in [&o.name, &o.summary]
                .into_iter()
                .chain(&o.pros)
                .chain(&o.cons)
            {
                for word in text.split_whitespace().filter(|w| w.chars().count() < 20) {
                    assert!(
                        words.contains(word),
                        "{id} card {card}: {word:?} broken across rows: {whole:#?}"
                    );
                }
            }
            let Some((last, style)) = shown.last() else {
                panic!("{id} card {card} is empty");
            };
            match note.captures(last) {
                Some(n) => {
                    cut += 1;
                    // The note is the card's last row, dim, and counts the rows left out.
                    let n: usize = n[1].parse().unwrap();
                    let rows = shown.len() - 1;
                    assert_eq!(
                        &shown[..rows],
                        &whole[..rows],
                        "{id} card {card}: the rows shown are the first ones"
                    );
                    assert_eq!(rows + n, whole.len(), "{id} card {card}: {shown:#?}");
                    assert_eq!(style.fg, app.settings.theme.dim.fg, "{id} card {card}: dim");
                    assert!(
                        shown.iter().filter(|(r, _)| note.is_match(r)).count() == 1,
                        "{shown:#?}"
                    );
                }
                None => assert_eq!(shown, whole, "{id} card {card} cut without a note"),
            }
        }
        app.handle_event(key(KeyCode::Esc));
    }
    assert!(cut >= 2, "the sample's cards are long enough to be cut");
}
