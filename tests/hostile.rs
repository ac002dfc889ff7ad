//! Files from someone else: a session, a review or a checkout prepared by an attacker can never
//! make infradraft write outside its place, destroy a file, hang, or read without end. Each case
//! runs the real binary (or the workbench's own loading) the way the attack would.
//!
//! Nothing here measures time: a case that would hang is run as a child process and killed at a
//! generous deadline, which fails the test.
#![cfg(unix)]

mod common;

use std::fs;
use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use infradraft::store;

/// Far longer than any of these commands takes; reaching it means the command hung.
const DEADLINE: Duration = Duration::from_secs(60);

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A directory holding a session on the sample project, `s.ron`.
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        let o = env.run(&["new", "--sample", "--no-open", "-o", "s.ron"]);
        assert!(o.status.success(), "{}", stderr(&o));
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_infradraft"));
        cmd.args(args)
            .env("INFRADRAFT_HOME", self.path("home"))
            .env("TZ", "UTC")
            .env_remove("RUST_BACKTRACE")
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs infradraft with `args`, killing it (and failing) if it has not ended by the deadline.
    fn run(&self, args: &[&str]) -> Output {
        finish(self.cmd(args).spawn().unwrap(), args)
    }

    /// A file that must stay as it is: outside the project, with known content.
    fn victim(&self) -> PathBuf {
        let path = self.path("victim.txt");
        fs::write(&path, b"precious: nothing may change this\n").unwrap();
        path
    }
}

/// Waits for `child` until the deadline; past it, kills it and fails naming `what`.
fn finish(mut child: Child, what: &[&str]) -> Output {
    let start = Instant::now();
    // Drained on threads so that a full pipe never stalls the child.
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = drain(child.stdout.take().map(|s| Box::new(s) as _));
    let err = drain(child.stderr.take().map(|s| Box::new(s) as _));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("infradraft {what:?} hung: killed after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit status 2, exactly one line on stderr, naming `path` and saying `what`.
fn refused(o: &Output, path: &Path, what: &str) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "status; stderr: {err}");
    assert_eq!(err.lines().count(), 1, "not one line: {err:?}");
    assert!(err.starts_with("infradraft: "), "{err}");
    assert!(
        err.contains(&path.display().to_string()),
        "does not name {}: {err}",
        path.display()
    );
    assert!(err.contains(what), "does not say {what:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Every file below `dir`, as paths relative to it, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            out.push(p.strip_prefix(dir).unwrap().display().to_string());
            if e.file_type().unwrap().is_dir() {
                todo.push(p);
            }
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------------
// Paths derived from the session: ids
// ---------------------------------------------------------------------------------------------

#[test]
fn a_session_whose_component_id_climbs_out_is_refused_at_load_naming_the_id() {
    let env = Env::new();
    let session = env.path("s.ron");
    let mut s = store::load(&session).unwrap().session;
    s.components[0].id = "x/../../../pwned-by-adr".into();
    store::save(&session, &s).unwrap();
    let before = fs::read(&session).unwrap();
    // What a repository can ship beside it: a directory named like the first record.
    fs::create_dir_all(env.path("docs/adr/0001-x")).unwrap();
    let listing = tree(env.dir.path());
    let text = String::from_utf8(before.clone()).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"x/../../../pwned-by-adr\""))
        .unwrap()
        + 1;
    for args in [
        &["export", "s.ron", "--adr-dir", "docs/adr"][..],
        &["show", "s.ron"],
        &["check", "s.ron"],
        &["merge-review", "s.ron"],
    ] {
        let o = env.run(args);
        let err = refused(
            &o,
            Path::new("s.ron"),
            "component id \"x/../../../pwned-by-adr\" is not a slug",
        );
        assert!(
            err.contains(&format!("s.ron:{line}:")),
            "{args:?}: no line number {line}: {err}"
        );
    }
    assert_eq!(tree(env.dir.path()), listing, "nothing was written");
    assert_eq!(fs::read(&session).unwrap(), before);
    assert!(!env.dir.path().join("../pwned-by-adr.md").exists());
}

// ---------------------------------------------------------------------------------------------
// A lock file that is a planted symbolic link
// ---------------------------------------------------------------------------------------------

/// `.s.ron.lock` → the victim, as a cloned repository can carry it.
fn plant_lock_link(env: &Env) -> (PathBuf, Vec<u8>) {
    let victim = env.victim();
    symlink(&victim, env.path(".s.ron.lock")).unwrap();
    let content = fs::read(&victim).unwrap();
    (victim, content)
}

fn assert_untouched(env: &Env, victim: &Path, content: &[u8]) {
    assert_eq!(
        fs::read(victim).unwrap(),
        content,
        "the link's target changed"
    );
    assert!(
        fs::symlink_metadata(env.path(".s.ron.lock"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link itself is left for the person to see"
    );
}

#[test]
fn new_force_refuses_a_planted_lock_link_and_leaves_its_target_alone() {
    let env = Env::new();
    let (victim, content) = plant_lock_link(&env);
    let before = fs::read(env.path("s.ron")).unwrap();
    let o = env.run(&["new", "--sample", "--force", "--no-open", "-o", "s.ron"]);
    refused(&o, Path::new(".s.ron.lock"), "symbolic link");
    assert_untouched(&env, &victim, &content);
    assert_eq!(fs::read(env.path("s.ron")).unwrap(), before);
}

#[test]
fn import_force_refuses_a_planted_lock_link_and_leaves_its_target_alone() {
    let env = Env::new();
    let (victim, content) = plant_lock_link(&env);
    fs::write(
        env.path("doc.md"),
        "# Doc\n\n## Compute Resources\n\nECS.\n",
    )
    .unwrap();
    let o = env.run(&["import", "doc.md", "-o", "s.ron", "--force"]);
    refused(&o, Path::new(".s.ron.lock"), "symbolic link");
    assert_untouched(&env, &victim, &content);
}

#[test]
fn merge_review_refuses_a_planted_lock_link_and_leaves_its_target_alone() {
    let env = Env::new();
    let (victim, content) = plant_lock_link(&env);
    // With a review to merge, and without one (the merge fails either way).
    for review in [true, false] {
        if review {
            let s = store::load(&env.path("s.ron")).unwrap().session;
            fs::write(
                env.path("s.ron.review.ron"),
                format!(
                    "ReviewFile(format_version: 1, session_title: {:?}, comments: [])\n",
                    s.meta.title
                ),
            )
            .unwrap();
        } else {
            let _ = fs::remove_file(env.path("s.ron.review.ron"));
        }
        let o = env.run(&["merge-review", "s.ron"]);
        refused(&o, Path::new(".s.ron.lock"), "symbolic link");
        assert_untouched(&env, &victim, &content);
    }
}

#[test]
fn opening_in_the_workbench_with_a_planted_lock_link_is_read_only_and_harmless() {
    let f = common::fixture();
    let lock = store::lock_path_for(&f.path);
    let victim = f.path.with_file_name("victim.txt");
    fs::write(&victim, b"precious\n").unwrap();
    symlink(&victim, &lock).unwrap();
    let app = common::open(&f);
    let why = app.doc.read_only.clone().expect("opened read-only");
    assert!(why.contains("symbolic link"), "{why}");
    assert!(why.contains(&lock.display().to_string()), "{why}");
    drop(app);
    assert_eq!(fs::read(&victim).unwrap(), b"precious\n");
    assert!(
        fs::symlink_metadata(&lock)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

// ---------------------------------------------------------------------------------------------
// Reads that would never end: /dev/zero, FIFOs, endless pipes
// ---------------------------------------------------------------------------------------------

#[test]
fn a_session_that_is_dev_zero_or_a_fifo_is_refused_at_once() {
    let env = Env::new();
    symlink("/dev/zero", env.path("zero.ron")).unwrap();
    mkfifo(&env.path("fifo.ron"));
    for (name, kind) in [
        ("zero.ron", "a character device"),
        ("fifo.ron", "a FIFO (named pipe)"),
    ] {
        for cmd in ["show", "inputs", "check", "export", "merge-review"] {
            let o = env.run(&[cmd, name]);
            refused(
                &o,
                Path::new(name),
                &format!("is {kind}, not a regular file"),
            );
        }
        let o = env.run(&["review", "--summary", name]);
        refused(&o, Path::new(name), kind);
    }
}

#[test]
fn the_workbench_does_not_wait_on_a_fifo_session() {
    let f = common::fixture();
    let fifo = f.path.with_file_name("fifo.ron");
    mkfifo(&fifo);
    let (tx, rx) = std::sync::mpsc::channel();
    let home = f.home.clone();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(
            infradraft::tui::prepare_app(&path, &home, None)
                .err()
                .map(|e| e.to_string()),
        );
    });
    let err = rx
        .recv_timeout(DEADLINE)
        .expect("opening a FIFO as a session hung")
        .expect("a FIFO is refused");
    assert!(err.contains("FIFO"), "{err}");
    assert!(err.contains(&fifo.display().to_string()), "{err}");
}

#[test]
fn a_review_file_that_is_dev_zero_or_a_fifo_is_refused_at_once() {
    let env = Env::new();
    let review = env.path("s.ron.review.ron");
    let before = fs::read(env.path("s.ron")).unwrap();
    for zero in [true, false] {
        let _ = fs::remove_file(&review);
        if zero {
            symlink("/dev/zero", &review).unwrap();
        } else {
            mkfifo(&review);
        }
        let kind = if zero { "character device" } else { "FIFO" };
        for args in [
            &["review", "--summary", "s.ron"][..],
            &["merge-review", "s.ron"],
        ] {
            let o = env.run(args);
            refused(&o, Path::new("s.ron.review.ron"), kind);
        }
    }
    assert_eq!(fs::read(env.path("s.ron")).unwrap(), before);
    assert!(!env.path(".s.ron.lock").exists(), "the lock was released");
}

#[test]
fn an_input_path_that_became_a_fifo_is_reported_not_waited_on() {
    let env = Env::new();
    let prd = env.path("prd.md");
    fs::write(&prd, "# Acme — PRD\n\n- NFR1: 99.9% availability\n").unwrap();
    let o = env.run(&["new", "--prd", "prd.md", "--no-open", "-o", "p.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    fs::remove_file(&prd).unwrap();
    mkfifo(&prd);
    let o = env.run(&["inputs", "p.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("unreadable"), "{out}");
    assert!(out.contains("FIFO"), "{out}");
    // Named as a new input, it is refused.
    let o = env.run(&["new", "--prd", "prd.md", "--no-open", "-o", "q.ron"]);
    refused(&o, Path::new("prd.md"), "FIFO");
    assert!(!env.path("q.ron").exists());
}

#[test]
fn render_refuses_dev_zero_and_a_fifo_and_caps_an_endless_pipe() {
    let env = Env::new();
    mkfifo(&env.path("fifo.md"));
    let o = env.run(&["render", "/dev/zero"]);
    refused(
        &o,
        Path::new("/dev/zero"),
        "is a character device, not a regular file",
    );
    let o = env.run(&["render", "fifo.md"]);
    refused(
        &o,
        Path::new("fifo.md"),
        "is a FIFO (named pipe), not a regular file",
    );

    // `yes | infradraft render -`: read up to the limit, then refused.
    let mut yes = Command::new("yes").stdout(Stdio::piped()).spawn().unwrap();
    let mut cmd = env.cmd(&["render", "-"]);
    cmd.stdin(yes.stdout.take().unwrap());
    let o = finish(cmd.spawn().unwrap(), &["render", "-"]);
    let _ = yes.kill();
    let _ = yes.wait();
    refused(
        &o,
        Path::new("standard input"),
        "more than the 67108864-byte limit",
    );
    assert!(o.stdout.is_empty());

    // A document on standard input renders as the file would.
    fs::write(env.path("doc.md"), "# Title\n\nSome *text*.\n").unwrap();
    let from_file = env.run(&["render", "doc.md", "--color", "never"]);
    let mut cmd = env.cmd(&["render", "-", "--color", "never"]);
    cmd.stdin(fs::File::open(env.path("doc.md")).unwrap());
    let from_stdin = finish(cmd.spawn().unwrap(), &["render", "-"]);
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

// ---------------------------------------------------------------------------------------------
// Smaller: a byte-order mark, leftovers of killed saves
// ---------------------------------------------------------------------------------------------

#[test]
fn a_session_review_and_input_with_a_byte_order_mark_load() {
    let env = Env::new();
    let text = fs::read(env.path("s.ron")).unwrap();
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(&text);
    fs::write(env.path("bom.ron"), &bom).unwrap();
    let o = env.run(&["show", "bom.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = store::load(&env.path("bom.ron")).unwrap().session;
    assert_eq!(s, store::load(&env.path("s.ron")).unwrap().session);

    fs::write(
        env.path("bom.ron.review.ron"),
        format!(
            "\u{feff}ReviewFile(format_version: 1, session_title: {:?}, comments: [])\n",
            s.meta.title
        ),
    )
    .unwrap();
    let o = env.run(&["review", "--summary", "bom.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));

    fs::write(
        env.path("prd.md"),
        "\u{feff}# Acme — PRD\n\n- NFR1: 99.9%\n",
    )
    .unwrap();
    let o = env.run(&["new", "--prd", "prd.md", "--no-open", "-o", "p.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = store::load(&env.path("p.ron")).unwrap().session;
    assert!(
        p.inputs[0].text.starts_with("# Acme"),
        "{:?}",
        p.inputs[0].text
    );
    assert_eq!(p.meta.project, "Acme");
}

#[test]
fn the_next_save_sweeps_leftovers_of_killed_saves_and_keeps_a_live_writers() {
    let env = Env::new();
    let dead = {
        let mut c = Command::new("true").spawn().unwrap();
        let pid = c.id();
        c.wait().unwrap();
        pid
    };
    let mut live = Command::new("sleep").arg("60").spawn().unwrap();
    let alive = live.id();
    let stale = [
        format!(".s.ron.tmp-{dead}-0"),
        format!(".s.ron.bak-{dead}-1"),
    ];
    let kept = format!(".s.ron.tmp-{alive}-0");
    for name in stale.iter().chain([&kept]) {
        fs::write(env.path(name), b"Session(half").unwrap();
    }
    let o = env.run(&["new", "--sample", "--force", "--no-open", "-o", "s.ron"]);
    let _ = live.kill();
    let _ = live.wait();
    assert!(o.status.success(), "{}", stderr(&o));
    for name in &stale {
        assert!(!env.path(name).exists(), "{name} was left");
    }
    assert!(env.path(&kept).exists(), "a live writer's file was removed");
}
