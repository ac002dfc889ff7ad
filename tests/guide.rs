//! The guided path and the end of a section's process, through the real event handler: `8`
//! finalizes a section once its decisions are made (after asking), and reopens it.

mod common;

use common::*;
use infradraft::model::SectionStatus;
use infradraft::store;
use infradraft::tui::app::{App, Pane};
use infradraft::tui::popup::{Confirm, Popup};
use ratatui::crossterm::event::KeyCode;

/// The sample drafted in YOLO mode, on the network component's design panes.
fn on_network(f: &Fixture) -> App {
    let mut app = yolo_app(f);
    select(&mut app, "network-architecture");
    app.ui.focus = Pane::Editor;
    app
}

/// Answers the prompts a decision asks (justification, then a reason per conflict).
fn answer_prompts(app: &mut App) {
    for _ in 0..10 {
        match app.ui.popups.last() {
            Some(Popup::Prompt(_)) => {
                app.handle_event(ctrl('u'));
                typ(app, "It fits the guidelines.\n");
            }
            _ => return,
        }
    }
    panic!("prompts kept coming");
}

#[test]
fn eight_finalizes_a_decided_section_after_asking_and_reopens_it() {
    let f = fixture();
    let mut app = on_network(&f);
    let status = |app: &App| {
        app.doc
            .session
            .section("network-architecture")
            .unwrap()
            .status
    };
    // Before the decision, 8 goes to step f and says what comes next; nothing is finalized.
    app.handle_event(key(KeyCode::Char('8')));
    assert!(app.ui.popups.is_empty());
    let m = app.ui.message.clone().unwrap().text;
    assert!(m.contains("then 8 finalizes the section"), "{m}");
    assert_ne!(status(&app), SectionStatus::Finalized);
    // Decide; the message says 8 finalizes now.
    app.handle_event(key(KeyCode::Char('d')));
    answer_prompts(&mut app);
    assert!(
        app.doc
            .session
            .component("network-architecture")
            .unwrap()
            .is_decided()
    );
    assert_eq!(status(&app), SectionStatus::Decided);
    let m = app.ui.message.clone().unwrap().text;
    assert!(m.contains("8 finalizes the section"), "{m}");
    // 8 asks first; n leaves it decided.
    app.handle_event(key(KeyCode::Char('8')));
    assert!(matches!(
        app.ui.popups.last(),
        Some(Popup::Confirm(Confirm::Finalize { reopen: false, .. }))
    ));
    for (w, h) in [(120, 40), (80, 24)] {
        let s = screen(&mut app, w, h);
        assert!(s.contains("Finalize this section"), "{s}");
        assert!(s.contains("y/Enter") && s.contains("finalize"), "{s}");
        insta::assert_snapshot!(format!("finalize_confirm_{w}x{h}"), mask_clock(&s));
    }
    app.handle_event(key(KeyCode::Char('n')));
    assert!(app.ui.popups.is_empty());
    assert_eq!(status(&app), SectionStatus::Decided);
    // 8 and y finalize: the status, the history, the navigator's ✓.
    app.handle_event(key(KeyCode::Char('8')));
    app.handle_event(key(KeyCode::Char('y')));
    assert_eq!(status(&app), SectionStatus::Finalized);
    assert_eq!(app.doc.session.history.last().unwrap().action, "finalized");
    let s = screen(&mut app, 120, 40);
    let row = s
        .lines()
        .filter_map(|l| l.split("││").next())
        .find(|l| l.contains("Network Architecture") && l.starts_with('│'))
        .unwrap();
    assert!(row.contains('✓'), "{row}");
    // 8 on a finalized section offers to reopen it.
    app.handle_event(key(KeyCode::Char('8')));
    assert!(matches!(
        app.ui.popups.last(),
        Some(Popup::Confirm(Confirm::Finalize { reopen: true, .. }))
    ));
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(status(&app), SectionStatus::Decided);
}

#[test]
fn eight_in_the_navigator_finalizes_a_written_section_and_refuses_an_empty_one() {
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    // The fixture's first section has text and no decisions.
    let first = app.doc.session.sections[0].id.clone();
    select(&mut app, &first);
    app.handle_event(key(KeyCode::Char('8')));
    app.handle_event(key(KeyCode::Char('y')));
    assert_eq!(
        app.doc.session.section(&first).unwrap().status,
        SectionStatus::Finalized
    );
    // A component not decided yet goes to its decision step instead, and says so.
    select(&mut app, "compute-resources");
    app.ui.focus = Pane::Navigator;
    app.handle_event(key(KeyCode::Char('8')));
    let m = app.ui.message.clone().unwrap().text;
    assert!(m.contains("then 8 finalizes the section"), "{m}");
    assert!(app.ui.popups.is_empty());
    assert_ne!(
        app.doc.session.section("compute-resources").unwrap().status,
        SectionStatus::Finalized
    );
}

#[test]
fn step_f_shows_the_card_it_decides_for_in_full_then_the_chosen_one() {
    let f = fixture();
    let mut app = on_network(&f);
    // A primary decision whose recommended option conflicts with the inputs.
    let (id, option) = app
        .doc
        .session
        .components
        .iter()
        .filter(|c| c.is_primary())
        .find_map(|c| {
            let r = c.recommendation.as_ref()?;
            (!app.conflicts_of(&c.id, &r.option).is_empty())
                .then(|| (c.id.clone(), r.option.clone()))
        })
        .expect("the sample plants a conflict");
    select(&mut app, &id);
    app.ui.focus = Pane::Editor;
    let c = app.doc.session.component(&id).unwrap().clone();
    let at = c.options.iter().position(|o| o.id == option).unwrap();
    for _ in 0..at {
        app.handle_event(key(KeyCode::Char('l')));
    }
    app.handle_event(key(KeyCode::Char('8')));
    let card = c.option(&option).unwrap().clone();
    let conflicts = app.conflicts_of(&id, &option);
    for (w, h) in [(120, 40), (80, 24)] {
        let s = screen(&mut app, w, h);
        assert!(s.contains("f. Decision"), "{s}");
        assert!(
            s.contains("★"),
            "the recommended card is named as such:\n{s}"
        );
        insta::assert_snapshot!(format!("step_f_undecided_{w}x{h}"), s);
    }
    // Zoomed, the whole card is there: its name, pros, cons and every conflict in full.
    app.handle_event(key(KeyCode::F(2)));
    let s = screen(&mut app, 120, 40);
    let flat: String = s
        .lines()
        .map(|l| l.trim_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ");
    for text in std::iter::once(&card.name)
        .chain(&card.pros)
        .chain(&card.cons)
        .chain(&conflicts)
    {
        for word in text.split_whitespace() {
            assert!(flat.contains(word), "{word:?} of {text:?} missing:\n{s}");
        }
    }
    app.handle_event(key(KeyCode::F(2)));
    // Decided: what was chosen, why, and the conflicts accepted with their reasons.
    app.handle_event(key(KeyCode::Char('d')));
    answer_prompts(&mut app);
    assert!(app.doc.session.component(&id).unwrap().is_decided());
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Chosen: "), "{s}");
    assert!(s.contains("⚠ accepted:"), "{s}");
    assert!(s.contains("The chosen card"), "{s}");
    insta::assert_snapshot!("step_f_decided_120x40", mask_clock(&s));
}

/// The status line's hint: what comes next, and the keys that do it — "Next: what · keys", or
/// on a narrow line "Next keys: what".
fn hint(s: &str, height: usize) -> Option<(String, String)> {
    let line = s.lines().nth(height - 2)?;
    if let Some(at) = line.find("Next: ") {
        let rest = &line[at + "Next: ".len()..];
        // The right part (mode, save state) follows after a run of spaces.
        let rest = rest.split("  ").next().unwrap_or(rest).trim_end();
        let (what, keys) = rest.rsplit_once(" · ").unwrap_or((rest, ""));
        return Some((what.to_string(), keys.to_string()));
    }
    let at = line.find("Next ")?;
    let rest = &line[at + "Next ".len()..];
    let (keys, what) = rest.split_once(": ")?;
    let what = what.split("  ").next().unwrap_or(what).trim_end();
    Some((what.to_string(), keys.to_string()))
}

/// Presses `event`, after checking that the screen shows `label` (the key as the screen names it).
fn press_shown(app: &mut App, screen: &str, label: &str, event: ratatui::crossterm::event::Event) {
    assert!(
        screen.contains(label),
        "the screen does not show {label:?}, yet the path needs it:\n{screen}"
    );
    app.handle_event(event);
}

#[test]
fn a_newcomer_reaches_an_exported_document_using_only_the_hints_on_screen() {
    use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};
    // Narrower than the preview column needs: the path is the same, each frame cheaper.
    const W: u16 = 119;
    const H: u16 = 32;
    let f = fixture();
    // A new session, its mode not chosen yet, on the sample's inputs.
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let session = infradraft::workflow::new_session(
        &infradraft::knowledge::Template::builtin().unwrap(),
        infradraft::workflow::NewSession {
            title: None,
            project: None,
            authors: vec![],
            mode: None,
            inputs: infradraft::sample::inputs(now),
        },
        now,
    );
    store::save(&f.path, &session).unwrap();
    let mut app = open(&f);
    let export = f.path.with_file_name("infrastructure-architecture.md");
    let mut keys = 0;
    let mut last = String::new();
    let mut trail: Vec<String> = Vec::new();
    let mut screens: Vec<String> = Vec::new();
    for _ in 0..800 {
        // The person reads what the last key said; then the hint is back.
        app.expire_message(std::time::Instant::now() + std::time::Duration::from_secs(10));
        let s = screen(&mut app, W, H);
        if let Some(m) = &app.ui.message {
            panic!("a warning on the way: {}\n{s}", m.text);
        }
        keys += 1;
        match app.ui.popups.last() {
            Some(Popup::ModeChoice { .. }) => {
                press_shown(&mut app, &s, "B YOLO", key(KeyCode::Char('B')));
                continue;
            }
            Some(Popup::Palette(_)) => {
                // The hint named the action to type.
                typ(&mut app, &last);
                press_shown(&mut app, &s, "Enter runs", key(KeyCode::Enter));
                continue;
            }
            Some(Popup::Progress(_)) => {
                press_shown(&mut app, &s, "Enter go to the stage", key(KeyCode::Enter));
                continue;
            }
            Some(Popup::Confirm(Confirm::Finalize { .. })) => {
                press_shown(&mut app, &s, "y/Enter", key(KeyCode::Char('y')));
                continue;
            }
            Some(Popup::Prompt(p)) => {
                if p.text().trim().is_empty() {
                    typ(
                        &mut app,
                        "Accepted for the first year; revisited at the next review.",
                    );
                }
                press_shown(&mut app, &s, "Enter save", key(KeyCode::Enter));
                continue;
            }
            Some(_) => panic!("a popup the path does not expect:\n{s}"),
            None => {}
        }
        let (what, shown) = hint(&s, H as usize).unwrap_or_else(|| panic!("no hint:\n{s}"));
        trail.push(format!("{what} / {shown}"));
        // A key that changes nothing on screen, again and again, is a path that is stuck.
        screens.push(s.clone());
        if screens.len() > 6 && screens[screens.len() - 6..].iter().all(|x| *x == s) {
            panic!("the path is stuck at {what:?} / {shown:?}:\n{s}");
        }
        if what.starts_with("nothing: the document is exported") {
            break;
        }
        let shown_keys = shown.split_whitespace().collect::<Vec<_>>();
        match shown_keys.as_slice() {
            ["F5", "Enter", ..] => press_shown(&mut app, &s, "F5 Enter", key(KeyCode::F(5))),
            ["^P", action, ..] => {
                last = action.to_string();
                press_shown(&mut app, &s, "^P", ctrl('p'));
            }
            ["type", ..] => {
                typ(&mut app, "What this section says for Ferrybook.");
                press_shown(&mut app, &s, "Esc", key(KeyCode::Esc));
            }
            ["Enter", ..] => press_shown(&mut app, &s, "Enter", key(KeyCode::Enter)),
            ["1–4", ..] => press_shown(&mut app, &s, "1–4", key(KeyCode::Char('1'))),
            [k, ..] if k.chars().count() == 1 => {
                let c = k.chars().next().unwrap();
                press_shown(
                    &mut app,
                    &s,
                    &format!("· {k}"),
                    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
                );
            }
            _ => panic!("a hint with no key: {what:?} / {shown:?}\n{s}"),
        }
    }
    assert!(
        export.exists(),
        "the document was exported; the last hints: {:#?}",
        &trail[trail.len().saturating_sub(20)..]
    );
    let doc = std::fs::read_to_string(&export).unwrap();
    assert!(doc.contains("Ferrybook"));
    assert!(app.doc.session.components.iter().all(|c| c.is_decided()));
    assert!(
        app.doc
            .session
            .sections
            .iter()
            .all(|s| s.status == SectionStatus::Finalized)
    );
    assert!(!app.doc.session.diagrams.is_empty() && !app.doc.session.stories.is_empty());
    assert!(keys < 800, "the path ends");
}
