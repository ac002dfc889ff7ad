//! What the workbench tests share: a session on the sample project, the app opened on it, keys,
//! and the screen drawn on a TestBackend as text.
#![allow(dead_code)]

#[cfg(target_os = "linux")]
pub mod pty;

pub mod cli_env;

use std::path::PathBuf;

use infradraft::home::Home;
use infradraft::knowledge::Template;
use infradraft::model::SectionStatus;
use infradraft::store;
use infradraft::tui::app::{App, Pane};
use infradraft::tui::{prepare_app, view};
use infradraft::workflow::{NewSession, new_session};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub home: Home,
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let inputs = infradraft::sample::inputs(now);
    let mut session = new_session(
        &Template::builtin().unwrap(),
        NewSession {
            title: None,
            project: None,
            authors: vec![],
            mode: Some(infradraft::model::InteractionMode::Incremental),
            inputs,
        },
        now,
    );
    session.sections[0].body = "Ferrybook runs in **two regions**.\n\n- eu-north-1 primary\n- eu-central-1 for DR\n\n| Tier | RPO |\n|---|---|\n| 1 | 15 min |".into();
    session.sections[0].status = SectionStatus::Drafted;
    let path = dir.path().join("s.ron");
    store::create(&path, &session, false).unwrap();
    let home = Home::under(dir.path().join("home"));
    Fixture {
        path,
        home,
        _dir: dir,
    }
}

pub fn open(f: &Fixture) -> App {
    prepare_app(&f.path, &f.home, Some("dark".into())).unwrap()
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_event(match c {
            '\n' => key(KeyCode::Enter),
            c => key(KeyCode::Char(c)),
        });
    }
}

pub fn press(app: &mut App, events: &[Event]) {
    for e in events {
        app.handle_event(e.clone());
    }
}

/// Draws the app on a TestBackend and returns the screen as text.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    app.prepare(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The key bar (the screen's last line) at 120×40.
pub fn key_bar(app: &mut App) -> String {
    screen(app, 120, 40)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// The screen with times of day as `HH:MM` (a decision made now shows one).
pub fn mask_clock(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let clock = i + 5 <= chars.len()
            && chars[i].is_ascii_digit()
            && chars[i + 1].is_ascii_digit()
            && chars[i + 2] == ':'
            && chars[i + 3].is_ascii_digit()
            && chars[i + 4].is_ascii_digit()
            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if clock {
            out.push_str("HH:MM");
            i += 5;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whether every word of `text` is on the screen (a popup may have wrapped it over rows that
/// other panes' text sits beside).
pub fn has_words(screen: &str, text: &str) -> bool {
    text.split_whitespace().all(|w| screen.contains(w))
}

pub fn selected_id(app: &App) -> String {
    app.doc.session.sections[app.selected_section().unwrap()]
        .id
        .clone()
}

pub fn select(app: &mut App, id: &str) {
    screen(app, 120, 40);
    app.ui.focus = Pane::Navigator;
    app.handle_event(key(KeyCode::Char('g')));
    for _ in 0..40 {
        let here = app
            .selected_section()
            .map(|i| app.doc.session.sections[i].id.clone())
            .or_else(|| app.selected_stage().map(|s| s.id().to_string()));
        if here.as_deref() == Some(id) {
            return;
        }
        app.handle_event(key(KeyCode::Char('j')));
    }
    panic!("no navigator row {id}");
}

/// The workbench on a session made by `infradraft new` from a one-file PRD (`before`), which
/// then changed on disk to `after`; the inputs stage selected. `dir` holds the files.
pub fn app_with_changed_prd(dir: &std::path::Path, before: &str, after: &str) -> App {
    let prd = dir.join("prd.md");
    std::fs::write(&prd, before).unwrap();
    let path = dir.join("s.ron");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_infradraft"))
        .args(["new", "--no-open", "--mode", "incremental", "--prd"])
        .arg(&prd)
        .arg("-o")
        .arg(&path)
        .env("INFRADRAFT_HOME", dir.join("home"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&prd, after).unwrap();
    let home = Home::under(dir.join("home"));
    let mut app = prepare_app(&path, &home, Some("dark".into())).unwrap();
    app.ui.popups.clear();
    app
}

/// The workbench on the sample drafted in YOLO mode (see [`yolo_sample`]), no popup open.
pub fn yolo_app(f: &Fixture) -> App {
    store::save(
        &f.path,
        &yolo_sample(
            Timestamp::from_second(1_800_000_000).unwrap(),
            Timestamp::from_second(1_800_000_100).unwrap(),
            vec![],
        ),
    )
    .unwrap();
    let mut app = open(f);
    app.ui.popups.clear();
    app
}

/// The sample project created at `created` and drafted in YOLO mode at `drafted`: every
/// component has options and a recommendation, nothing is decided.
pub fn yolo_sample(
    created: Timestamp,
    drafted: Timestamp,
    authors: Vec<String>,
) -> infradraft::model::Session {
    let template = Template::builtin().unwrap();
    let catalog = infradraft::knowledge::Catalog::builtin().unwrap();
    let mut s = new_session(
        &template,
        NewSession {
            title: None,
            project: None,
            authors,
            mode: Some(infradraft::model::InteractionMode::Yolo),
            inputs: infradraft::sample::inputs(created),
        },
        created,
    );
    let n = infradraft::workflow::yolo::draft_all(&mut s, &template, &catalog, drafted);
    assert_eq!(n, s.components.len(), "every component drafted");
    s
}

/// The sample session taken all the way: YOLO-drafted, every component decided with its
/// recommendation (conflicts accepted with a reason), starter diagrams, drafted stories and
/// refinements, and a few checklist marks. Timestamps are fixed, so exports are reproducible.
pub fn complete_session() -> infradraft::model::Session {
    use infradraft::analysis::crosscheck::{Verdict, check_option};
    use infradraft::model::{ChecklistMark, ConflictAck, Mark};
    let t = |s: i64| Timestamp::from_second(1_800_000_000 + s).unwrap();
    let template = Template::builtin().unwrap();
    let mut s = yolo_sample(t(0), t(1), vec!["A. Architect".into()]);
    let ids: Vec<String> = s.components.iter().map(|c| c.id.clone()).collect();
    for (n, id) in ids.iter().enumerate() {
        let c = s.component(id).unwrap();
        let r = c
            .recommendation
            .clone()
            .expect("drafted with a recommendation");
        let card = c.option(&r.option).unwrap().clone();
        let conflicts: Vec<String> =
            check_option(&card, &s.assumptions, &s.requirements, &s.inputs)
                .into_iter()
                .filter(|f| f.verdict == Verdict::Conflicting)
                .map(|f| f.describe())
                .collect();
        let acks = conflicts
            .iter()
            .map(|f| ConflictAck {
                finding: f.clone(),
                reason: "accepted for the first year".into(),
            })
            .collect();
        infradraft::workflow::design::decide(
            &mut s,
            &template,
            id,
            &r.option,
            &r.rationale,
            &conflicts,
            acks,
            t(10 + n as i64),
        )
        .unwrap();
    }
    infradraft::workflow::diagrams::refresh(&mut s);
    s.stories = infradraft::analysis::stories::draft_stories(&s);
    let epics = infradraft::analysis::stories::epics(&s.inputs);
    s.refinements = infradraft::analysis::stories::suggest_refinements(&s, &epics);
    for (item, mark) in [
        ("sec-01", Mark::Pass),
        ("sec-02", Mark::Partial),
        ("net-01", Mark::Fail),
        ("dr-01", Mark::NotApplicable),
    ] {
        s.checklist.push(ChecklistMark {
            item: item.into(),
            mark,
            note: format!("reviewed {item}"),
            at: t(100),
        });
    }
    // Every other section gets a short body, so that the document is complete.
    for section in s.sections.iter_mut() {
        if section.body.trim().is_empty() {
            section.body = format!("{} for Ferrybook, as agreed in review.", section.title);
        }
    }
    s.meta.updated = t(200);
    s
}

/// Adds to the architecture document an estimate above the sample PRD's budget (EUR 22,000 a
/// month) and reads the inputs again: the session then has one conflict between its inputs.
pub fn estimate_over_budget(s: &mut infradraft::model::Session) {
    let arch = s
        .inputs
        .iter_mut()
        .find(|i| i.kind == infradraft::model::InputKind::Architecture)
        .expect("an architecture document");
    arch.text
        .push_str("\n## Cost\n\nThe estimated run cost is about EUR 31,000 per month at launch.\n");
    infradraft::workflow::refresh_extraction(s);
}
