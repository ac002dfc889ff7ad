//! Untrusted Mermaid diagrams cannot take the program down (issue 14): the diagram that
//! overflows the drawing library's stack, a diagram that takes minutes to lay out, and test
//! hooks for a hang and a runaway allocation, through `render`, `check` and the workbench. The
//! drawing library runs in the diagram worker, so each of these fails only its drawing, with the
//! reason, and the program goes on.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::*;
use infradraft::store;
use infradraft::tui::action::Context;
use ratatui::crossterm::event::KeyCode;

/// The diagram from issue 14: mermaid-text 0.11.2 recurses on it until its stack overflows.
const NESTED: &str = "flowchart TD\nsubgraph x\nsubgraph x\nA\nend\nend\n";

/// A flowchart of 440 nested subgraphs (under 8 KiB): mermaid-text needs minutes to lay it out.
fn deep() -> String {
    let n = 440;
    let mut src = "flowchart TD\n".to_string();
    for i in 0..n {
        src.push_str(&format!("subgraph s{i}\n"));
    }
    src.push_str("A --> B\n");
    src.push_str(&"end\n".repeat(n));
    src
}

fn infradraft(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_infradraft"));
    cmd.env("INFRADRAFT_HOME", dir.join("home"))
        .env_remove("RUST_BACKTRACE")
        .env_remove(infradraft::preview::DIAGRAM_WORKER_VAR)
        .current_dir(dir);
    cmd
}

fn render(dir: &Path, markdown: &str, env: &[(&str, &str)]) -> (Output, String) {
    let file = dir.join("doc.md");
    std::fs::write(&file, markdown).unwrap();
    let out = infradraft(dir)
        .args(["render", "--width", "100", "--color", "never"])
        .arg(&file)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, stdout)
}

fn fence(source: &str) -> String {
    format!("```mermaid\n{}```\n", source)
}

#[test]
fn render_survives_the_nested_subgraph_and_says_why_the_drawing_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let md = format!(
        "# Before\n\n{}\nBetween.\n\n{}\nAfter the diagrams.\n",
        fence(NESTED),
        fence("flowchart LR\n  A[Client] --> B[API]\n")
    );
    let (out, text) = render(dir.path(), &md, &[]);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("diagram could not be drawn: the renderer crashed (stack overflow)"),
        "{text}"
    );
    // The source is shown in place of the drawing; the rest of the document is drawn.
    assert!(text.contains("│ subgraph x"), "{text}");
    assert!(text.contains("Client") && text.contains("API"), "{text}");
    assert!(text.contains("After the diagrams."), "{text}");
    // Nothing of the crash reaches the terminal.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn render_cuts_off_a_diagram_that_takes_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let (out, text) = render(dir.path(), &format!("{}\nAfter.\n", fence(&deep())), &[]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("diagram could not be drawn: the renderer took longer than 2 s to draw it"),
        "{text}"
    );
    assert!(text.contains("After."), "{text}");
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test hooks exist in debug builds only"
)]
fn render_survives_a_hanging_and_a_runaway_renderer() {
    let dir = tempfile::tempdir().unwrap();
    let md = format!(
        "{}\n{}\n{}\nThe end.\n",
        fence("flowchart LR\n%% test: hang\nA --> B\n"),
        fence("flowchart LR\n%% test: hog\nA --> B\n"),
        fence("flowchart LR\n  Queue --> Worker\n"),
    );
    let (out, text) = render(dir.path(), &md, &[("INFRADRAFT_TEST_DIAGRAM_HOOKS", "1")]);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("diagram could not be drawn: the renderer took longer than 2 s to draw it"),
        "{text}"
    );
    assert!(
        text.contains(
            "diagram could not be drawn: the renderer ran out of memory (the limit is 1024 MiB)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Worker") && text.contains("The end."),
        "{text}"
    );
}

/// A session whose first section holds the nested-subgraph fence after two lines of text.
fn session_with_the_fence(f: &Fixture) {
    let mut session = store::load(&f.path).unwrap().session;
    session.sections[0].body = format!(
        "Ferrybook runs in two regions.\n\n{}\nThe failover is manual.\n",
        fence(NESTED)
    );
    store::save(&f.path, &session).unwrap();
}

#[test]
fn check_reports_a_fence_in_a_section_with_its_line() {
    let f = fixture();
    session_with_the_fence(&f);
    let dir = f.path.parent().unwrap();
    let out = infradraft(dir)
        .args(["check"])
        .arg(&f.path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let title = &store::load(&f.path).unwrap().session.sections[0].title;
    // The fence opens on line 3 of the text; the second `subgraph x` is on line 6.
    let expected = format!(
        "error: {title}, line 6 of the text (Mermaid diagram from line 3): subgraph `x` reuses \
         the id of the subgraph `x` opened on line 2, which is still open"
    );
    assert!(text.contains(&expected), "{expected}\n\n{text}");
    let json = infradraft(dir)
        .args(["check", "--format", "json"])
        .arg(&f.path)
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&json.stdout);
    assert!(json.contains("\"area\": \"diagram\""), "{json}");
}

#[test]
fn a_session_holding_the_fence_opens_and_shows_why_the_drawing_is_missing() {
    let f = fixture();
    session_with_the_fence(&f);
    let mut app = open(&f);
    let s = screen(&mut app, 200, 60);
    assert!(s.contains("diagram could not be drawn"), "{s}");
    assert!(
        s.contains("crashed (stack"),
        "the reason, wrapped in the pane:\n{s}"
    );
    // The workbench goes on: edit the section and save.
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "Still here. ");
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    assert!(
        saved.sections[0].body.contains("Still here. "),
        "{}",
        saved.sections[0].body
    );
}

#[test]
fn typing_the_diagram_in_the_diagrams_editor_line_by_line_keeps_the_workbench_running() {
    let f = fixture();
    let mut app = open(&f);
    select(&mut app, "stage:diagrams");
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.context(), Context::Workspace);
    app.handle_event(key(KeyCode::Char('a')));
    typ(&mut app, "Nested\n");
    assert!(app.editing_diagram());
    // Clear the skeleton of a new diagram.
    for _ in 0..20 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::End));
    for _ in 0..300 {
        app.handle_event(key(KeyCode::Backspace));
    }
    let index = app.doc.session.diagrams.len() - 1;
    assert_eq!(app.doc.session.diagrams[index].source, "");
    // Line by line, drawing after every keystroke as the workbench does.
    for line in NESTED.lines() {
        for c in line.chars() {
            app.handle_event(key(KeyCode::Char(c)));
            screen(&mut app, 160, 50);
        }
        app.handle_event(key(KeyCode::Enter));
        screen(&mut app, 160, 50);
    }
    assert_eq!(
        app.doc.session.diagrams[index].source.trim_end(),
        NESTED.trim_end()
    );
    let s = screen(&mut app, 160, 50);
    assert!(s.contains("could not be drawn"), "{s}");
    assert!(s.contains("stack overflow"), "{s}");
    assert!(
        s.contains("line 3: subgraph `x` reuses"),
        "the validator's problem is listed:\n{s}"
    );
    // Fixing the id draws the diagram again, and the work is saved.
    app.handle_event(key(KeyCode::Esc));
    app.doc.session.diagrams[index].source =
        NESTED.replacen("subgraph x\nsubgraph x", "subgraph x\nsubgraph y", 1);
    let s = screen(&mut app, 160, 50);
    assert!(!s.contains("could not be drawn"), "{s}");
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    assert_eq!(saved.diagrams.len(), index + 1);
}

#[test]
fn without_a_worker_diagrams_say_why_and_are_never_drawn_in_process() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-worker");
    let worker = missing.to_str().unwrap();
    let (out, text) = render(
        dir.path(),
        &format!("{}\nAfter.\n", fence(NESTED)),
        &[(infradraft::preview::DIAGRAM_WORKER_VAR, worker)],
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("diagram could not be drawn: the diagram renderer could not be started"),
        "{text}"
    );
    assert!(text.contains("After."), "{text}");
}
