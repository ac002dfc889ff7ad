//! End to end: the real binary in a real terminal (tmux). Start on a session, type, save, quit;
//! then check the saved file and that the terminal left the alternate screen.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    session: &'static str,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn capture(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", self.session])
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.session];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", self.session, "-l", text]);
    }

    /// Waits until the screen contains `needle` (or fails with the last screen).
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if screen.contains(needle) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {needle:?}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().args(["kill-server"]).output();
    }
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// A fresh session file and the workbench open on it inside tmux.
fn start(name: &str) -> (tempfile::TempDir, std::path::PathBuf, Tmux) {
    start_with(name, "open", "")
}

/// A fresh session file and `infradraft <subcommand> SESSION` running on it inside tmux.
fn start_with(
    name: &str,
    subcommand: &str,
    env: &str,
) -> (tempfile::TempDir, std::path::PathBuf, Tmux) {
    start_prepared(name, subcommand, env, |_| {})
}

/// [`start_with`], with `prepare` changing the session file before the workbench opens it.
fn start_prepared(
    name: &str,
    subcommand: &str,
    env: &str,
    prepare: impl FnOnce(&Path),
) -> (tempfile::TempDir, std::path::PathBuf, Tmux) {
    assert!(
        Command::new("tmux").arg("-V").output().is_ok(),
        "tmux is required for this test (.ci/run installs it)"
    );
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    let home = dir.path().join("home");
    let bin = env!("CARGO_BIN_EXE_infradraft");
    let new = Command::new(bin)
        .args([
            "new",
            "--sample",
            "--mode",
            "incremental",
            "--no-open",
            "-o",
        ])
        .arg(&session)
        .env("INFRADRAFT_HOME", &home)
        .output()
        .unwrap();
    assert!(new.status.success());
    prepare(&session);
    let tmux = Tmux {
        socket: format!("infradraft-e2e-{name}-{}", std::process::id()),
        session: "e2e",
    };
    let script = format!(
        "INFRADRAFT_HOME={} USER=rita TERM=xterm-256color {env} {} {subcommand} {}; echo \"EXIT=$?\"; sleep 60",
        shell_quote(&home),
        shell_quote(Path::new(bin)),
        shell_quote(&session)
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-x",
        "120",
        "-y",
        "40",
        "-s",
        tmux.session,
        "sh",
        "-c",
        &script,
    ]);
    tmux.wait_for("Sections");
    (dir, session, tmux)
}

#[test]
fn sigterm_writes_the_recovery_file_and_restores_the_terminal() {
    let (_dir, session, tmux) = start("term");
    tmux.keys(&["Enter"]);
    tmux.literal("Typed before the signal.");
    tmux.wait_for("unsaved");
    let pid = std::fs::read_to_string(infradraft::store::lock_path_for(&session)).unwrap();
    let kill = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .unwrap();
    assert!(kill.success());
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("recovery.ron"), "{screen}");
    assert!(!screen.contains("EXIT=0"), "{screen}");
    assert_eq!(
        tmux.run(&["display", "-p", "-t", tmux.session, "#{alternate_on}"])
            .trim(),
        "0"
    );
    let recovery = infradraft::store::recovery_path(&session);
    let recovered = infradraft::store::load(&recovery).unwrap().session;
    assert_eq!(recovered.sections[0].body, "Typed before the signal.");
    let original = infradraft::store::load(&session).unwrap().session;
    assert_eq!(
        original.sections[0].body, "",
        "the session file itself is untouched"
    );
}

#[test]
fn type_save_and_quit_in_a_real_terminal() {
    let (_dir, session, tmux) = start("save");
    let screen = tmux.capture();
    assert!(screen.contains("Infrastructure Overview"), "{screen}");
    assert!(screen.contains("Preview"), "{screen}");
    assert_eq!(
        tmux.run(&["display", "-p", "-t", tmux.session, "#{alternate_on}"])
            .trim(),
        "1"
    );

    // Down to "Cloud Provider Strategy", edit, type, save.
    // A component opens on its design panes; Enter again switches to its text.
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for("a Purpose");
    tmux.keys(&["Enter"]);
    tmux.literal("Multi-region on one provider, typed in tmux.");
    let screen = tmux.wait_for("unsaved");
    assert!(
        screen.contains("Multi-region on one provider, typed in"),
        "{screen}"
    );
    tmux.keys(&["C-s"]);
    tmux.wait_for("· saved ");
    // Sent apart, so the terminal does not read Escape + q as Alt-q.
    tmux.keys(&["Escape"]);
    tmux.wait_for("a Purpose");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter edit");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert_eq!(
        tmux.run(&["display", "-p", "-t", tmux.session, "#{alternate_on}"])
            .trim(),
        "0",
        "the terminal is back from the alternate screen"
    );

    let saved = infradraft::store::load(&session).unwrap().session;
    let section = saved.section("cloud-provider-strategy").unwrap();
    assert_eq!(section.body, "Multi-region on one provider, typed in tmux.");
    assert!(!infradraft::store::lock_path_for(&session).exists());
}

#[test]
fn a_reviewer_comments_offline_and_the_author_merges_the_comments() {
    let (dir, session, tmux) = start_with("review", "review", "");
    let before = std::fs::read(&session).unwrap();
    let screen = tmux.wait_for("REVIEW");
    assert!(screen.contains("review mode"), "{screen}");
    assert!(
        !infradraft::store::lock_path_for(&session).exists(),
        "review mode does not lock the author's file"
    );
    // Comment on the first section, then on the third.
    tmux.keys(&["F4"]);
    tmux.wait_for("Comments ·");
    tmux.keys(&["a"]);
    tmux.wait_for("Comment on");
    tmux.literal("The overview does not name the regions.");
    tmux.keys(&["Enter"]);
    tmux.wait_for("The overview does not name the regions.");
    tmux.keys(&["Escape"]);
    sleep(Duration::from_millis(300));
    tmux.keys(&["j", "j", "F4"]);
    tmux.wait_for("No comments yet.");
    tmux.keys(&["a"]);
    tmux.literal("Which IaC tool? The section is empty.");
    tmux.keys(&["Enter", "s", "s"]);
    tmux.wait_for("critical");
    tmux.keys(&["Escape"]);
    // A key right after Escape would arrive as Alt+key.
    sleep(Duration::from_millis(300));
    let screen = tmux.wait_for("✎1");
    assert!(screen.contains("Infrastructure Overview ✎1"), "{screen}");
    // Typing into the author's text is refused.
    tmux.keys(&["k", "k", "Enter", "x"]);
    tmux.wait_for("review mode, comments");
    tmux.keys(&["Escape"]);
    sleep(Duration::from_millis(300));
    tmux.keys(&["C-s"]);
    tmux.wait_for("review saved");
    tmux.keys(&["C-q"]);
    tmux.wait_for("EXIT=0");
    assert_eq!(
        std::fs::read(&session).unwrap(),
        before,
        "the session is untouched"
    );
    let review = infradraft::review::review_path(&session);
    let file = infradraft::review::load(&review, "").unwrap();
    assert_eq!(file.comments.len(), 2);
    assert!(file.comments.iter().all(|c| c.author == "rita"));
    assert_eq!(
        file.comments[1].severity,
        infradraft::model::Severity::Critical
    );

    // The author merges them back.
    let out = Command::new(env!("CARGO_BIN_EXE_infradraft"))
        .args(["merge-review"])
        .arg(&session)
        .env("INFRADRAFT_HOME", dir.path().join("home"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 new"));
    let merged = infradraft::store::load(&session).unwrap().session;
    assert_eq!(merged.review_comments.len(), 2);
    assert_eq!(
        merged.review_comments[0].target,
        infradraft::model::CommentTarget::Section("overview".into())
    );
    // The summary counts them.
    let out = Command::new(env!("CARGO_BIN_EXE_infradraft"))
        .args(["review", "--summary"])
        .arg(&session)
        .env("INFRADRAFT_HOME", dir.path().join("home"))
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("2 comment(s): 2 open, 0 resolved."),
        "{summary}"
    );
    assert!(summary.contains("| critical | 1 | 0 |"), "{summary}");
}

#[test]
fn a_panic_inside_the_ui_restores_the_terminal_and_the_next_open_offers_the_work() {
    // Debug builds panic on the key named by INFRADRAFT_TEST_PANIC_KEY.
    let (dir, session, tmux) = start_with("panic", "open", "INFRADRAFT_TEST_PANIC_KEY=%");
    tmux.keys(&["Enter"]);
    tmux.literal("Typed before the panic.");
    tmux.wait_for("unsaved");
    tmux.literal("%");
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=2"), "{screen}");
    let joined = screen.replace('\n', "");
    assert!(joined.contains("recovery.ron"), "{screen}");
    assert!(joined.contains("the next open offers it"), "{screen}");
    assert_eq!(
        tmux.run(&["display", "-p", "-t", tmux.session, "#{alternate_on}"])
            .trim(),
        "0",
        "the terminal left the alternate screen"
    );
    let recovery = infradraft::store::recovery_path(&session);
    let recovered = infradraft::store::load(&recovery).unwrap().session;
    assert_eq!(recovered.sections[0].body, "Typed before the panic.");
    // The next open offers it, and restoring brings the text back.
    let home = dir.path().join("home");
    let mut app = infradraft::tui::prepare_app(
        &session,
        &infradraft::home::Home::under(home),
        Some("dark".into()),
    )
    .unwrap();
    assert!(matches!(
        app.popups.last(),
        Some(infradraft::tui::popup::Popup::Confirm(
            infradraft::tui::popup::Confirm::Recovery { .. }
        ))
    ));
    app.handle_event(ratatui::crossterm::event::Event::Key(
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('r'),
            ratatui::crossterm::event::KeyModifiers::NONE,
        ),
    ));
    assert_eq!(app.session.sections[0].body, "Typed before the panic.");
}

#[test]
fn a_vanished_terminal_never_leaves_the_process_holding_the_lock() {
    let (_dir, session, tmux) = start("vanish");
    let pid: i32 = std::fs::read_to_string(infradraft::store::lock_path_for(&session))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // Closing the terminal (the tmux server) sends SIGHUP and takes the terminal away.
    let _ = tmux.cmd().args(["kill-server"]).output();
    let start = Instant::now();
    // SAFETY: signal 0 only asks whether the process exists.
    while unsafe { libc::kill(pid, 0) } == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "pid {pid} still running {:?} after its terminal went away",
            start.elapsed()
        );
        sleep(Duration::from_millis(100));
    }
    assert!(
        infradraft::store::held_elsewhere(&session).is_none(),
        "the lock is free again"
    );
}

#[test]
fn a_session_with_a_diagram_that_crashes_the_renderer_opens_and_quits_normally() {
    // Issue 14: this fence overflowed the drawing library's stack and aborted the workbench.
    let (_dir, session, tmux) = start_prepared("diagram", "open", "", |session| {
        let mut s = infradraft::store::load(session).unwrap().session;
        s.sections[0].body =
            "Two regions.\n\n```mermaid\nflowchart TD\nsubgraph x\nsubgraph x\nA\nend\nend\n```\n"
                .into();
        infradraft::store::save(session, &s).unwrap();
    });
    let screen = tmux.wait_for("diagram could not be drawn");
    assert!(screen.contains("crashed (stack overflow)"), "{screen}");
    // The workbench goes on: type in the section, save, quit.
    tmux.keys(&["Enter"]);
    tmux.literal("Typed after the crash. ");
    tmux.wait_for("unsaved");
    tmux.keys(&["C-s"]);
    tmux.wait_for("· saved ");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter edit");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    let saved = infradraft::store::load(&session).unwrap().session;
    assert!(
        saved.sections[0]
            .body
            .starts_with("Typed after the crash. "),
        "{}",
        saved.sections[0].body
    );
    assert!(!infradraft::store::recovery_path(&session).exists());
}
