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
    let tmux = Tmux {
        socket: format!("infradraft-e2e-{name}-{}", std::process::id()),
        session: "e2e",
    };
    let script = format!(
        "INFRADRAFT_HOME={} TERM=xterm-256color {} open {}; echo \"EXIT=$?\"; sleep 60",
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
