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
    let (dir, session) = new_session();
    prepare(&session);
    let tmux = launch(name, dir.path(), subcommand, env, &session);
    (dir, session, tmux)
}

/// A fresh session file (`s.ron`, sample inputs, incremental mode) in a new directory.
fn new_session() -> (tempfile::TempDir, std::path::PathBuf) {
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
    (dir, session)
}

/// `infradraft <subcommand> PATH` running inside tmux, with its home in `dir/home`.
fn launch(name: &str, dir: &Path, subcommand: &str, env: &str, path: &Path) -> Tmux {
    let home = dir.join("home");
    let bin = env!("CARGO_BIN_EXE_infradraft");
    let tmux = Tmux {
        socket: format!("infradraft-e2e-{name}-{}", std::process::id()),
        session: "e2e",
    };
    let script = format!(
        "INFRADRAFT_HOME={} USER=rita TERM=xterm-256color {env} {} {subcommand} {}; echo \"EXIT=$?\"; sleep 60",
        shell_quote(&home),
        shell_quote(Path::new(bin)),
        shell_quote(path)
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
    tmux
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
    assert_eq!(mode(&recovery), 0o600, "it holds the session's inputs");
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn saving_a_session_opened_through_a_symlink_writes_its_target_and_keeps_its_mode() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let (dir, session) = new_session();
    // The session lives in the repository; the workbench opens a link to it from elsewhere.
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let target = repo.join("s.ron");
    std::fs::rename(&session, &target).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = std::fs::read(&target).unwrap();
    let link = dir.path().join("work/s.ron");
    std::fs::create_dir(dir.path().join("work")).unwrap();
    symlink("../repo/s.ron", &link).unwrap();
    let tmux = launch("link", dir.path(), "open", "", &link);
    tmux.keys(&["Enter"]);
    tmux.literal("Saved through the link.");
    tmux.wait_for("unsaved");
    tmux.keys(&["C-s"]);
    tmux.wait_for("· saved ");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter edit");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");

    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let saved = infradraft::store::load(&target).unwrap().session;
    assert_eq!(saved.sections[0].body, "Saved through the link.");
    assert_eq!(mode(&target), 0o640);
    assert_eq!(
        std::fs::read(infradraft::store::backup_path(&target)).unwrap(),
        before
    );
    let names: Vec<_> = std::fs::read_dir(dir.path().join("work"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["s.ron"], "nothing written beside the link");
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
    // The keys may be drawn over several frames: wait for the last of them.
    tmux.wait_for("Multi-region on one provider, typed in");
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
    tmux.wait_for("read-only: review mode");
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
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test hooks exist in debug builds only"
)]
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
        app.ui.popups.last(),
        Some(infradraft::tui::popup::Popup::Confirm(
            infradraft::tui::popup::Confirm::Recovery { .. }
        ))
    ));
    let press = |app: &mut infradraft::tui::app::App, code| {
        app.handle_event(ratatui::crossterm::event::Event::Key(
            ratatui::crossterm::event::KeyEvent::new(
                code,
                ratatui::crossterm::event::KeyModifiers::NONE,
            ),
        ))
    };
    // Enter alone does not replace the session with the recovered work.
    press(&mut app, ratatui::crossterm::event::KeyCode::Enter);
    assert_eq!(
        app.ui.popups.len(),
        1,
        "Enter answered the recovery question"
    );
    assert_ne!(app.doc.session.sections[0].body, "Typed before the panic.");
    press(&mut app, ratatui::crossterm::event::KeyCode::Char('r'));
    assert_eq!(app.doc.session.sections[0].body, "Typed before the panic.");
}

fn pid_of(session: &Path) -> i32 {
    std::fs::read_to_string(infradraft::store::lock_path_for(session))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Waits (at most ten seconds) until process `pid` has ended.
fn wait_gone(pid: i32) {
    let start = Instant::now();
    // SAFETY: signal 0 only asks whether the process exists.
    while unsafe { libc::kill(pid, 0) } == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "pid {pid} still running {:?} after it was told to end",
            start.elapsed()
        );
        sleep(Duration::from_millis(50));
    }
}

/// The workbench on `session` as the next open makes it, with the recovery offer on top.
fn reopen(dir: &Path, session: &Path) -> infradraft::tui::app::App {
    let app = infradraft::tui::prepare_app(
        session,
        &infradraft::home::Home::under(dir.join("home")),
        Some("dark".into()),
    )
    .unwrap();
    assert!(
        matches!(
            app.ui.popups.last(),
            Some(infradraft::tui::popup::Popup::Confirm(
                infradraft::tui::popup::Confirm::Recovery { .. }
            ))
        ),
        "the next open offers the recovery file"
    );
    app
}

fn press(app: &mut infradraft::tui::app::App, c: char) {
    app.handle_event(ratatui::crossterm::event::Event::Key(
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        ),
    ));
}

#[test]
fn a_closed_terminal_keeps_the_typing_and_releases_the_lock() {
    let (dir, session, tmux) = start("vanish");
    let pid = pid_of(&session);
    tmux.keys(&["Enter"]);
    tmux.literal("Typed, then the window closed.");
    tmux.wait_for("unsaved");
    // Closing the terminal (the tmux server) sends SIGHUP and takes the terminal away.
    let _ = tmux.cmd().args(["kill-server"]).output();
    wait_gone(pid);
    assert!(
        !infradraft::store::lock_path_for(&session).exists(),
        "the lock file is gone"
    );
    assert!(
        infradraft::store::held_elsewhere(&session).is_none(),
        "the lock is free again"
    );
    let mut app = reopen(dir.path(), &session);
    let shown = {
        app.prepare(ratatui::layout::Rect::new(0, 0, 120, 40));
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        t.draw(|f| infradraft::tui::view::draw(f, &app)).unwrap();
        format!("{:?}", t.backend().buffer())
    };
    assert!(
        shown.contains("Infrastructure Overview (overview): status empty → drafted; text"),
        "the offer says what differs:\n{shown}"
    );
    press(&mut app, 'r');
    assert_eq!(
        app.doc.session.sections[0].body,
        "Typed, then the window closed."
    );
}

#[test]
fn sigint_and_sigquit_from_another_process_end_it_like_sigterm() {
    for (name, signal) in [("int", "-INT"), ("quit", "-QUIT"), ("hup", "-HUP")] {
        let (dir, session, tmux) = start(name);
        let pid = pid_of(&session);
        tmux.keys(&["Enter"]);
        tmux.literal(&format!("Typed before SIG{}.", name.to_uppercase()));
        tmux.wait_for("unsaved");
        assert!(
            Command::new("kill")
                .args([signal, &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
        let screen = tmux.wait_for("EXIT=");
        assert!(screen.contains("recovery.ron"), "{name}: {screen}");
        assert_eq!(
            tmux.run(&["display", "-p", "-t", tmux.session, "#{alternate_on}"])
                .trim(),
            "0",
            "{name}: the terminal is restored"
        );
        assert!(!infradraft::store::lock_path_for(&session).exists());
        let mut app = reopen(dir.path(), &session);
        press(&mut app, 'r');
        assert_eq!(
            app.doc.session.sections[0].body,
            format!("Typed before SIG{}.", name.to_uppercase())
        );
    }
}

/// A small, seeded random number generator (xorshift), so that runs can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// `kill -9` at a random moment while words are typed with random pauses: every word typed more
/// than two seconds before the kill is in the recovery file. `INFRADRAFT_KILL_RUNS` sets the
/// number of runs (default 3); each prints how long before the kill the first lost word was
/// typed.
#[test]
fn kill_9_while_typing_loses_at_most_the_last_two_seconds() {
    let runs: u64 = std::env::var("INFRADRAFT_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    for run in 0..runs {
        let (_dir, session, tmux) = start(&format!("kill9-{run}"));
        let pid = pid_of(&session);
        tmux.keys(&["Enter"]);
        tmux.wait_for("1:1");
        let typing_for = Duration::from_millis(1500 + rng.below(3500));
        let began = Instant::now();
        let mut sent: Vec<(String, Instant)> = Vec::new();
        loop {
            let word = format!("w{:03} ", sent.len());
            tmux.literal(&word);
            sent.push((word, Instant::now()));
            if began.elapsed() >= typing_for {
                // The kill comes right after a keystroke, the worst moment.
                break;
            }
            // Bursts and pauses, as a person types; every other run types without a pause long
            // enough for the journal's quiet period, so that only its upper bound applies.
            let pause = if run % 2 == 0 && rng.below(8) == 0 {
                200 + rng.below(900)
            } else {
                5 + rng.below(120)
            };
            sleep(Duration::from_millis(pause));
        }
        // SAFETY: sending SIGKILL to the workbench process this test started.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        let killed = Instant::now();
        wait_gone(pid);
        let recovery = infradraft::store::recovery_path(&session);
        let body = infradraft::store::load(&recovery)
            .map(|l| l.session.sections[0].body.clone())
            .unwrap_or_default();
        let first_lost = sent.iter().find(|(w, _)| !body.contains(w.trim_end()));
        let window = first_lost.map(|(_, at)| killed.duration_since(*at));
        eprintln!(
            "kill -9 run {run} (seed {seed}): {} words typed over {:?}; first lost word typed {:?} before the kill",
            sent.len(),
            typing_for,
            window
        );
        if let Some((word, _)) = first_lost {
            let lost = window.unwrap();
            assert!(
                lost <= Duration::from_secs(2),
                "run {run}: {word:?} was typed {lost:?} before the kill and is not in the recovery file:\n{body}"
            );
            // Every word after the first lost one was typed later still.
        }
    }
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

#[test]
fn an_information_leaves_the_status_bar_by_itself_after_a_few_seconds() {
    let (_dir, _session, tmux) = start("expire");
    tmux.wait_for("Sections");
    tmux.keys(&["C-s"]);
    tmux.wait_for("saved s.ron");
    let shown = Instant::now();
    // With no key pressed, the event loop draws the status bar again once the message expires.
    loop {
        let screen = tmux.capture();
        if !screen.contains("saved s.ron") {
            break;
        }
        assert!(
            shown.elapsed() < Duration::from_secs(15),
            "still shown after 15 s:\n{screen}"
        );
        sleep(Duration::from_millis(100));
    }
    assert!(
        shown.elapsed() >= Duration::from_secs(4),
        "gone after {:?}, before its time",
        shown.elapsed()
    );
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
}

/// The frames drawn so far and whether nothing that changes the screen is under way, as the
/// debug build's hook writes them.
fn frames_drawn(path: &Path) -> (u64, bool) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut parts = text.split_whitespace();
    let n = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    (n, parts.next() == Some("1"))
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test hooks exist in debug builds only"
)]
fn an_idle_screen_is_not_redrawn_and_a_key_redraws_it() {
    let dir = tempfile::tempdir().unwrap();
    let counter = dir.path().join("frames");
    let env = format!("INFRADRAFT_TEST_FRAME_COUNT={}", shell_quote(&counter));
    let (_session_dir, _session, tmux) = start_with("idle", "open", &env);
    // What arrives after the first frame (the syntaxes, the knowledge, the analyses, the
    // preview's exact line counts, a message going) draws a few frames; then nothing is under
    // way, however long that took on a busy machine.
    let started = std::time::Instant::now();
    let settled = loop {
        match frames_drawn(&counter) {
            (n, true) if n > 0 => break n,
            (n, _) => assert!(
                started.elapsed() < Duration::from_secs(60),
                "the workbench never settled ({n} frames drawn)"
            ),
        }
        sleep(Duration::from_millis(50));
    };
    sleep(Duration::from_secs(2));
    assert_eq!(
        frames_drawn(&counter),
        (settled, true),
        "frames were drawn while nothing changed"
    );
    tmux.keys(&["j"]);
    let waited = std::time::Instant::now();
    while frames_drawn(&counter).0 == settled {
        assert!(
            waited.elapsed() < Duration::from_secs(10),
            "a key drew no frame"
        );
        sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_open_dialog_goes_on_to_another_document_in_the_same_window_and_keeps_unsaved_work() {
    let (dir, first) = new_session();
    let second = dir.path().join("two.ron");
    let new = Command::new(env!("CARGO_BIN_EXE_infradraft"))
        .args(["new", "--sample", "--mode", "incremental", "--no-open"])
        .args(["--title", "Second document", "-o"])
        .arg(&second)
        .env("INFRADRAFT_HOME", dir.path().join("home"))
        .output()
        .unwrap();
    assert!(new.status.success());
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(
        dir.path().join("infradraft.ron"),
        r#"(documents: [
    (path: "s.ron", numbers: (first: 1, last: 99)),
    (path: "two.ron", numbers: (first: 100, last: 199)),
])"#,
    )
    .unwrap();
    let before = std::fs::read(&first).unwrap();
    let tmux = launch("switch", dir.path(), "open", "", &first);
    tmux.keys(&["Enter"]);
    tmux.literal("Typed, then another document opened.");
    tmux.wait_for("Typed, then another document opened.");
    tmux.wait_for("unsaved");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter edit");

    // F6, the other document, and open it without saving this one.
    tmux.keys(&["F6"]);
    tmux.wait_for("Open a document");
    tmux.keys(&["j"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("open without saving");
    tmux.keys(&["d"]);
    let screen = tmux.wait_for("Second document");
    assert!(!screen.contains("EXIT="), "the window goes on: {screen}");
    assert_eq!(
        tmux.run(&["display", "-p", "-t", tmux.session, "#{alternate_on}"])
            .trim(),
        "1",
        "still the workbench's screen"
    );
    // The first document: as it was on disk, its lock let go, the typing in its recovery file.
    assert_eq!(std::fs::read(&first).unwrap(), before);
    assert!(!infradraft::store::lock_path_for(&first).exists());
    assert!(infradraft::store::lock_path_for(&second).exists());
    let recovered = infradraft::store::load(&infradraft::store::recovery_path(&first))
        .unwrap()
        .session;
    assert!(
        recovered.sections[0]
            .body
            .contains("Typed, then another document opened."),
        "{}",
        recovered.sections[0].body
    );

    // Back to the first: its recovery file is offered, and restoring brings the typing back.
    tmux.keys(&["F6"]);
    tmux.wait_for("Open a document");
    tmux.keys(&["k"]);
    // `r` typed right after `Enter`, while the first document opens, reaches it (one reader of
    // the keys for the window): it answers the recovery question that document asks.
    tmux.keys(&["Enter", "r"]);
    tmux.wait_for("restored the recovery file");
    assert!(!infradraft::store::lock_path_for(&second).exists());
    tmux.keys(&["C-s"]);
    tmux.wait_for("· saved ");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    let saved = infradraft::store::load(&first).unwrap().session;
    assert!(
        saved.sections[0]
            .body
            .contains("Typed, then another document opened."),
        "{}",
        saved.sections[0].body
    );
    assert!(!infradraft::store::lock_path_for(&first).exists());
}
