//! Reliability under faults, through real processes:
//!
//! - `kill_9_during_saves_never_leaves_a_broken_session`: a process saving one session in a loop
//!   (`examples/save_loop.rs`) is killed with SIGKILL at pseudo-random moments, hundreds of times;
//!   the file must always load and hold the last reported save or the one after it, never a mix.
//! - `bad_inputs_table`: every bad input tried against the real binary, one row per input and
//!   command, each with the status and message it gets. `--nocapture` prints the table.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use infradraft::knowledge::Template;
use infradraft::model::{
    Decision, FORMAT_VERSION, OptionCard, Ratings, Section, SectionStatus, Session,
};
use infradraft::store;
use infradraft::workflow::{NewSession, new_session};
use jiff::Timestamp;

fn t0() -> Timestamp {
    Timestamp::from_second(1_800_000_000).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Kill -9 in a loop of saves
// ---------------------------------------------------------------------------------------------

/// How many times the saving process is started and killed: about 60 ms each on the 2-core
/// machine this was written on (a save takes about 20 ms there, most of it in the two fsyncs).
const KILL_ITERATIONS: u64 = 250;
/// The kill loop stops early, after at least `MIN_KILL_ITERATIONS`, once it has run this long, so
/// that a slow disk cannot make the test slow.
const KILL_BUDGET: Duration = Duration::from_secs(20);
const MIN_KILL_ITERATIONS: u64 = 60;
/// The kill comes 0 to this many microseconds after the first save the process reports: about one
/// save here, so that kills land in every phase of the next save (serialising, writing and
/// fsyncing the temporary file, keeping the backup, renaming, fsyncing the directory).
const MAX_KILL_DELAY_US: u64 = 16_000;

/// SplitMix64: a small deterministic generator, one fresh seed per iteration.
fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The path of an example binary next to this test binary (`target/<profile>/examples`), built
/// first: `cargo test --test reliability` does not build examples, and cargo does nothing when the
/// example is up to date.
fn example_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/reliability-<hash> → target/<profile>
    let profile_dir = exe.parent().and_then(Path::parent).unwrap().to_path_buf();
    let bin = profile_dir.join("examples").join(name);
    let mut cargo = Command::new(option_env!("CARGO").unwrap_or("cargo"));
    cargo
        .args(["build", "--locked", "--quiet", "--example", name])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if profile_dir.file_name().is_some_and(|n| n == "release") {
        cargo.arg("--release");
    }
    match cargo.output() {
        Ok(o) => assert!(
            o.status.success(),
            "cargo build --example {name} failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        ),
        // No cargo to call (the test binary run by hand): use what was built, if anything.
        Err(e) => assert!(
            bin.exists(),
            "cannot run cargo ({e}) and {bin:?} is missing"
        ),
    }
    assert!(bin.exists(), "{} was not built", bin.display());
    bin
}

/// The counter `save_loop` keeps in a session: N from the title `save N`.
fn counter_of(session: &Session) -> u64 {
    session
        .meta
        .title
        .strip_prefix("save ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a save_loop session: {:?}", session.meta.title))
}

/// Loads `path` and checks that its title and body agree: title `save N`, and the first section's
/// body exactly the lines 1 to N. Returns N.
fn load_consistent(path: &Path, what: &str) -> u64 {
    let loaded = store::load(path)
        .unwrap_or_else(|e| panic!("{what}: {} does not load: {e}", path.display()));
    let n = counter_of(&loaded.session);
    let expected: String = (1..=n).map(|k| format!("{k}\n")).collect();
    let body = &loaded.session.sections[0].body;
    assert!(
        *body == expected,
        "{what}: the title says save {n} but the body disagrees (a mix of two saves?): \
         {} bytes, ending {:?}",
        body.len(),
        &body[body.len().saturating_sub(40)..]
    );
    n
}

#[test]
fn kill_9_during_saves_never_leaves_a_broken_session() {
    let bin = example_binary("save_loop");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    // A small session (the template, no inputs), so that a save is mostly its file operations.
    let mut session = new_session(
        &Template::builtin().unwrap(),
        NewSession {
            title: Some("save 0".into()),
            project: Some("Kill".into()),
            authors: vec![],
            mode: None,
            inputs: vec![],
        },
        t0(),
    );
    session.sections[0].body.clear();
    store::create(&path, &session, false).unwrap();
    // What the store documents beside a session: the backup and the lock file (left behind by a
    // killed holder; the OS lock itself dies with the process).
    let documented: BTreeSet<String> = ["s.ron", "s.ron.bak", ".s.ron.lock"]
        .map(String::from)
        .into();
    let mut on_disk = 0; // the counter in the file after the previous iteration
    let mut stale: BTreeSet<String> = BTreeSet::new();
    let mut total_saves = 0u64;
    // Where the kills landed: a temporary file left (mid-write), the backup already replaced but
    // the new file not yet renamed, the new file in place but not yet reported, or between saves.
    let (mut temp_left, mut bak_current, mut ahead, mut mid_save) = (0u64, 0u64, 0u64, 0u64);
    let start = Instant::now();
    let mut iterations = 0;
    while iterations < KILL_ITERATIONS
        && (iterations < MIN_KILL_ITERATIONS || start.elapsed() < KILL_BUDGET)
    {
        let i = iterations;
        iterations += 1;
        let delay = Duration::from_micros(splitmix64(0x5EED ^ i) % (MAX_KILL_DELAY_US + 1));
        let mut child = Command::new(&bin)
            .arg(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        // Wait for the first save, so that the kill lands in the loop of saves, not at start-up.
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        if !first.starts_with("saved ") {
            let _ = child.kill();
            let _ = child.wait();
            let mut err = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            panic!("iteration {i}: save_loop did not save: {first:?} {err}");
        }
        std::thread::sleep(delay);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(libc::SIGKILL),
            "iteration {i}: save_loop ended by itself: {status}"
        );
        let mut rest = String::new();
        out.read_to_string(&mut rest).unwrap();
        // Every complete line is a save that returned; counters go up by one from the file's.
        let reported: Vec<u64> = std::iter::once(first.as_str())
            .chain(rest.split_inclusive('\n'))
            .filter(|l| l.ends_with('\n'))
            .map(|l| {
                l.trim_end()
                    .strip_prefix("saved ")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("iteration {i}: odd output {l:?}"))
            })
            .collect();
        let expected: Vec<u64> = (on_disk + 1..=on_disk + reported.len() as u64).collect();
        assert_eq!(reported, expected, "iteration {i}: reported saves");
        let last = *reported.last().unwrap();
        total_saves += reported.len() as u64;

        let n = load_consistent(&path, &format!("iteration {i}"));
        assert!(
            n == last || n == last + 1,
            "iteration {i}: the file holds save {n}, but the last reported save was {last}"
        );
        // The backup is the previous save, or the current one when the kill came between
        // keeping the backup and renaming the new file into place.
        let bak = load_consistent(&store::backup_path(&path), &format!("iteration {i} (.bak)"));
        assert!(
            bak == n || bak + 1 == n,
            "iteration {i}: .bak holds save {bak}, the file save {n}"
        );

        // What earlier killed saves left was removed by this child's first save: their
        // processes are gone (unless this child got one of their pids back).
        for name in &stale {
            let reused = name.contains(&format!("-{pid}-"));
            assert!(
                reused || fs::symlink_metadata(dir.path().join(name)).is_err(),
                "iteration {i}: {name:?}, left by an earlier killed save, is still there"
            );
        }
        // Anything else in the directory must be a temporary file of the save that was killed.
        let mut new_here = Vec::new();
        for entry in fs::read_dir(dir.path()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if documented.contains(&name) || stale.contains(&name) {
                continue;
            }
            let ours = [".s.ron.tmp-", ".s.ron.bak-"]
                .iter()
                .any(|p| name.starts_with(&format!("{p}{pid}-")));
            assert!(
                ours,
                "iteration {i}: unexpected file {name:?} (killed pid {pid})"
            );
            new_here.push(name);
        }
        assert!(
            new_here.len() <= 2,
            "iteration {i}: files of more than one interrupted save: {new_here:?}"
        );
        temp_left += u64::from(!new_here.is_empty());
        bak_current += u64::from(bak == n);
        ahead += u64::from(n == last + 1);
        mid_save += u64::from(!new_here.is_empty() || bak == n || n == last + 1);
        stale = new_here.into_iter().collect();
        on_disk = n;
    }
    eprintln!(
        "kill -9 loop: {iterations} iterations in {:.1} s, {total_saves} saves reported, final \
         counter {on_disk}; kills mid-save: {mid_save} ({temp_left} left a temporary file, \
         {bak_current} after the backup but before the rename, {ahead} after the rename but \
         before the report); temporary files of the last kill: {}",
        start.elapsed().as_secs_f64(),
        stale.len()
    );
    assert!(
        mid_save > 0,
        "no kill landed in the middle of a save in {iterations} iterations: the test did not \
         exercise the window"
    );
    // The last file is still good for a normal process: it opens for writing.
    let reopened = store::open(&path).unwrap();
    assert!(
        !reopened.access.is_read_only(),
        "a killed holder's lock is still held"
    );
    assert_eq!(counter_of(&reopened.loaded.session), on_disk);
    // And its next save sweeps away what the last kill left.
    store::save(&path, &reopened.loaded.session).unwrap();
    drop(reopened);
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !documented.contains(n))
        .collect();
    assert!(left.is_empty(), "left after the next save: {left:?}");
}

// ---------------------------------------------------------------------------------------------
// The bad-input table
// ---------------------------------------------------------------------------------------------

/// What a row must get.
enum Expect {
    /// Exit status 2 and one line on stderr containing this text.
    Fails(&'static str),
    /// This exit status, nothing on stderr, and stdout containing each of these texts.
    Succeeds(i32, Vec<String>),
}

/// An extra check of a row's stdout: `Err` says what is wrong.
type StdoutCheck = fn(&str) -> Result<(), String>;

struct Row {
    input: &'static str,
    /// The file the command reads (the bad file); it must be unchanged afterwards.
    file: PathBuf,
    /// The command line after `infradraft`.
    args: Vec<OsString>,
    /// How stderr names the file on failure (its path, made inert when it has escapes in it).
    named: String,
    expect: Expect,
    /// A file the command writes on success (a session that must load) and must not write on
    /// failure.
    output: Option<PathBuf>,
    /// Run without the capabilities that bypass file permissions (the chmod 000 rows, as root).
    drop_caps: bool,
    /// An extra check of stdout, for the rows that succeed.
    check_stdout: Option<StdoutCheck>,
    /// Rows of phase 1 read what rows of phase 0 wrote.
    phase: u8,
}

/// Arguments given as `&str` or paths alike.
trait Arg {
    fn os(&self) -> OsString;
}
impl Arg for &str {
    fn os(&self) -> OsString {
        OsString::from(self)
    }
}
impl Arg for PathBuf {
    fn os(&self) -> OsString {
        self.as_os_str().to_owned()
    }
}

fn row(input: &'static str, file: &Path, args: &[&dyn Arg], expect: Expect) -> Row {
    Row {
        input,
        file: file.to_path_buf(),
        args: args.iter().map(|a| a.os()).collect(),
        named: file.display().to_string(),
        expect,
        output: None,
        drop_caps: false,
        check_stdout: None,
        phase: 0,
    }
}

/// `new --prd FILE --no-open -o OUT` and `import FILE -o OUT`, both expected to fail.
fn input_rows(input: &'static str, path: &Path, out: &Path, message: &'static str) -> [Row; 2] {
    let (file, out) = (path.to_path_buf(), out.to_path_buf());
    let mut new = row(
        input,
        path,
        &[&"new", &"--prd", &file, &"--no-open", &"-o", &out],
        Expect::Fails(message),
    );
    new.output = Some(out.clone());
    let mut import = row(
        input,
        path,
        &[&"import", &file, &"-o", &out],
        Expect::Fails(message),
    );
    import.output = Some(out);
    [new, import]
}

/// The state of a path, to tell that nothing changed it: a file's mode, size, modification time
/// and bytes (when this process may read them), a directory's names, or absent.
#[derive(PartialEq)]
enum PathState {
    Missing,
    Dir(Vec<String>),
    File {
        mode: u32,
        len: u64,
        mtime: (i64, i64),
        bytes: Option<Vec<u8>>,
    },
}

fn state_of(path: &Path) -> PathState {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return PathState::Missing;
    };
    if meta.is_dir() {
        return PathState::Dir(names_in(path));
    }
    PathState::File {
        mode: meta.mode(),
        len: meta.len(),
        mtime: (meta.mtime(), meta.mtime_nsec()),
        bytes: fs::read(path).ok(),
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Characters that can drive a terminal: C0 controls but newline and tab, DEL, and C1 controls.
fn terminal_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// A session of the sample project with fixed timestamps, built with the library.
fn sample_session() -> Session {
    let inputs = infradraft::sample::inputs(t0());
    new_session(
        &Template::builtin().unwrap(),
        NewSession {
            title: Some("Reliability".into()),
            project: Some("Ferrybook".into()),
            authors: vec!["Ada".into()],
            mode: Some(infradraft::model::InteractionMode::Incremental),
            inputs,
        },
        t0(),
    )
}

fn option_card(n: usize) -> OptionCard {
    OptionCard {
        id: format!("option-{n}"),
        name: format!("Option number {n}"),
        summary: format!("Way {n} to run it."),
        pros: vec![format!("pro {n}")],
        cons: vec![format!("con {n}")],
        ratings: Ratings::default(),
        tags: vec![],
        conflicts_with: vec![],
        catalog_id: None,
        capabilities: Default::default(),
        answers: Vec::new(),
        realised_on: String::new(),
    }
}

/// `text` with the first `Reliability` turned into `Café` in Latin-1 (one byte 0xE9).
fn latin1(text: &str) -> Vec<u8> {
    let mut bytes = text.replacen("Reliability", "Cafe", 1).into_bytes();
    let at = bytes.windows(4).position(|w| w == b"Cafe").unwrap() + 3;
    bytes[at] = 0xe9;
    bytes
}

const SETPRIV_DROP: [&str; 2] = [
    "--inh-caps=-all",
    "--bounding-set=-dac_override,-dac_read_search,-fowner",
];

fn setpriv_works() -> bool {
    Command::new("setpriv")
        .args(SETPRIV_DROP)
        .arg("true")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// One line of the printed table, and what was wrong with it.
struct Outcome {
    status: String,
    message: String,
    problems: Vec<String>,
}

/// Runs one row through the real binary and checks everything every row must hold.
fn run_row(r: &Row, home: &Path) -> Outcome {
    let command = r.args[0].to_string_lossy().into_owned();
    let before = state_of(&r.file);
    let dir = r.file.parent().unwrap();
    let listing = names_in(dir);
    let bin = env!("CARGO_BIN_EXE_infradraft");
    let mut cmd = if r.drop_caps {
        let mut c = Command::new("setpriv");
        c.args(SETPRIV_DROP).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let started = Instant::now();
    let o = cmd
        .args(&r.args)
        .env("INFRADRAFT_HOME", home)
        .env("TZ", "UTC")
        .env_remove("RUST_BACKTRACE")
        .env_remove("NO_COLOR")
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let code = o.status.code();
    let mut problems = Vec::new();
    let mut fail = |what: String| problems.push(format!("{} / {command}: {what}", r.input));
    for (stream, text, raw) in [
        ("stdout", &stdout, &o.stdout),
        ("stderr", &stderr, &o.stderr),
    ] {
        if text.contains("panicked") || text.contains("RUST_BACKTRACE") {
            fail(format!("panic text on {stream}: {text}"));
        }
        if raw.contains(&0x1b) {
            fail(format!("an ESC byte on {stream}"));
        }
        if let Some(c) = text.chars().find(|&c| terminal_control(c)) {
            fail(format!("control character {c:?} on {stream}"));
        }
    }
    if state_of(&r.file) != before {
        fail(format!("{} was changed", r.file.display()));
    }
    let message = match &r.expect {
        Expect::Fails(message) => {
            if code != Some(2) {
                fail(format!("status {code:?}, expected 2; stderr: {stderr}"));
            }
            if !(stderr.starts_with("infradraft: ") && stderr.lines().count() == 1) {
                fail(format!("stderr is not one `infradraft: ` line: {stderr:?}"));
            }
            if !stderr.contains(&r.named) {
                fail(format!("stderr does not name {}: {stderr}", r.named));
            }
            if !stderr.contains(message) {
                fail(format!("stderr lacks {message:?}: {stderr}"));
            }
            if !stdout.is_empty() {
                fail(format!("output on stdout with an error: {stdout:?}"));
            }
            let after = names_in(dir);
            if after != listing {
                fail(format!(
                    "a failed command wrote into {}: {listing:?} → {after:?}",
                    dir.display()
                ));
            }
            if let Some(output) = &r.output
                && output.exists()
            {
                fail(format!("{} was written", output.display()));
            }
            let line = stderr.trim_end();
            line.strip_prefix("infradraft: ")
                .unwrap_or(line)
                .replace(&r.named, "FILE")
        }
        Expect::Succeeds(status, expected) => {
            if code != Some(*status) {
                fail(format!(
                    "status {code:?}, expected {status}; stderr: {stderr}"
                ));
            }
            if !stderr.is_empty() {
                fail(format!("stderr: {stderr}"));
            }
            for e in expected {
                if !stdout.contains(e.as_str()) {
                    let head: String = stdout.chars().take(2000).collect();
                    fail(format!("stdout lacks {e:?}: {head}"));
                }
            }
            if let Some(check) = r.check_stdout
                && let Err(e) = check(&stdout)
            {
                fail(e);
            }
            if let Some(output) = &r.output
                && let Err(e) = store::load(output)
            {
                fail(format!("the session written does not load: {e}"));
            }
            format!(
                "succeeds ({} bytes on stdout, {} ms)",
                stdout.len(),
                took.as_millis()
            )
        }
    };
    Outcome {
        status: code.map_or_else(|| format!("{}", o.status), |c| c.to_string()),
        message,
        problems,
    }
}

#[test]
fn bad_inputs_table() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let home = root.join("home");
    fs::create_dir(&home).unwrap();
    let dir = |name: &str| -> PathBuf {
        let p = root.join(name);
        fs::create_dir_all(&p).unwrap();
        p
    };
    let good = store::to_ron(&sample_session()).unwrap();
    let mut rows: Vec<Row> = Vec::new();

    // Each kind of bad session file, read by `show` and `check`.
    let sdir = dir("sessions");
    let sessions: [(&'static str, &str, Vec<u8>, &'static str); 6] = [
        ("Empty file", "empty.ron", vec![], "the file is empty"),
        (
            "Truncated RON",
            "truncated.ron",
            good.as_bytes()[..good.len() * 2 / 5].to_vec(),
            "the file ends too early",
        ),
        (
            "RON of another shape",
            "shape.ron",
            b"Config(theme: \"dark\", autosave_seconds: 30)\n".to_vec(),
            "Expected struct `Session` but found `Config`",
        ),
        (
            "Future format_version",
            "future.ron",
            good.replacen(
                &format!("format_version: {FORMAT_VERSION},"),
                "format_version: 7,",
                1,
            )
            .into_bytes(),
            "written in session format version 7, but this infradraft reads versions up to ",
        ),
        (
            "Binary file",
            "binary.ron",
            b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec(),
            "not a text file (binary data at byte 7)",
        ),
        (
            "Invalid UTF-8",
            "latin1.ron",
            latin1(&good),
            "not UTF-8 text (invalid byte at offset",
        ),
    ];
    for (input, name, bytes, message) in sessions {
        let path = sdir.join(name);
        fs::write(&path, &bytes).unwrap();
        for command in ["show", "check"] {
            rows.push(row(
                input,
                &path,
                &[&command, &path.clone()],
                Expect::Fails(message),
            ));
        }
    }

    // Bad input documents for `new` and `import`, and the same bytes as Markdown for `render`.
    let idir = dir("inputs");
    let out = idir.join("out.ron");
    let docs: [(&'static str, &str, &[u8], &'static str, &'static str); 2] = [
        (
            "Binary file",
            "logo.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "not a text file (binary data at byte 8)",
            "not a text file (binary data at byte 8)",
        ),
        (
            "Invalid UTF-8",
            "latin1.md",
            b"# Caf\xe9 requirements\n",
            "not UTF-8 text (invalid byte at offset 5)",
            "not UTF-8 text (invalid byte at offset 5)",
        ),
    ];
    for (input, name, bytes, doc_message, md_message) in docs {
        let path = idir.join(name);
        fs::write(&path, bytes).unwrap();
        rows.extend(input_rows(input, &path, &out, doc_message));
        rows.push(row(
            input,
            &path,
            &[&"render", &path.clone()],
            Expect::Fails(md_message),
        ));
    }
    // 50 MB, sparse (no disk space used), refused on its size before it is read; deleted at the
    // end.
    let big = idir.join("big.md");
    fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    rows.extend(input_rows(
        "50 MB input document",
        &big,
        &out,
        "52428800 bytes is more than the 8388608-byte limit for an input document",
    ));

    // A directory, a missing path and an unreadable file, for every command that reads a file.
    let adir = dir("a-directory");
    let missing = idir.join("missing.md");
    let unreadable = idir.join("unreadable.md");
    fs::write(&unreadable, "# Secret\n").unwrap();
    fs::set_permissions(&unreadable, fs::Permissions::from_mode(0o000)).unwrap();
    // Root with CAP_DAC_OVERRIDE reads it anyway: then the rows run without that capability.
    let bypassed = fs::File::open(&unreadable).is_ok();
    let skip_unreadable = bypassed && !setpriv_works();
    for (input, path, session_msg, doc_msg, md_msg) in [
        (
            "A directory",
            &adir,
            "is a directory, not a session file",
            "is a directory, not a document",
            "is a directory, not a Markdown file",
        ),
        (
            "A missing path",
            &missing,
            "no such file",
            "no such file",
            "no such file",
        ),
        (
            "An unreadable file (chmod 000)",
            &unreadable,
            "cannot read: Permission denied",
            "cannot read: Permission denied",
            "cannot read: Permission denied",
        ),
    ] {
        let start = rows.len();
        for command in ["show", "check"] {
            rows.push(row(
                input,
                path,
                &[&command, &path.clone()],
                Expect::Fails(session_msg),
            ));
        }
        rows.extend(input_rows(input, path, &out, doc_msg));
        rows.push(row(
            input,
            path,
            &[&"render", &path.clone()],
            Expect::Fails(md_msg),
        ));
        if path == &unreadable {
            for r in &mut rows[start..] {
                r.drop_caps = bypassed;
            }
        }
    }
    // A file name that is itself escape sequences: the message names it, inertly.
    let evil_name = idir.join("evil-\u{1b}]52;c;SGk=\u{7}-\u{1b}[2J.ron");
    let mut r = row(
        "Escape sequences in a (missing) file's name",
        &evil_name,
        &[&"show", &evil_name.clone()],
        Expect::Fails("no such file"),
    );
    r.named = infradraft::text::sanitize_line(&evil_name.display().to_string()).into_owned();
    assert!(r.named.contains("evil-␛]52;c;SGk=␇-␛[2J.ron"));
    rows.push(r);

    // Text full of terminal escape sequences: accepted, and shown inertly everywhere.
    let edir = dir("escapes");
    let escapes = edir.join("prd.md");
    fs::write(
        &escapes,
        "# Pwn\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J — Product Requirements Document\n\n\
         ## Non-Functional Requirements\n\n\
         - NFR1: 99.9% monthly availability \u{1b}[31mred\u{1b}[0m \u{1b}]0;owned\u{7} \
         \u{9b}31m \u{202e}gnp.exe\n\
         - NFR2: RPO 15 minutes\u{1b}[8m hidden\u{1b}[28m\r\n\n\
         ## Technical Assumptions \u{1b}[5m\n\n- Serverless on AWS\u{7f}\n",
    )
    .unwrap();
    let pwn = "Pwn␛]52;c;SGVsbG8=␇␛[2J";
    let esc_session = edir.join("pwn.ron");
    let mut r = row(
        "Terminal escape sequences in a document",
        &escapes,
        &[
            &"new",
            &"--prd",
            &escapes.clone(),
            &"--no-open",
            &"-o",
            &esc_session.clone(),
        ],
        Expect::Succeeds(0, vec![format!("wrote {}: {pwn}", esc_session.display())]),
    );
    r.output = Some(esc_session.clone());
    rows.push(r);
    for (command, expected) in [
        (
            "show",
            vec![format!("project     {pwn}"), "inputs      1\n".into()],
        ),
        (
            "inputs",
            vec![
                "NFR1".into(),
                "␛[31mred␛[0m ␛]0;owned␇ \u{fffd}31m \u{fffd}gnp.exe".into(),
                "Technical Assumptions ␛[5m".into(),
            ],
        ),
    ] {
        let mut r = row(
            "Terminal escape sequences in a document",
            &esc_session,
            &[&command, &esc_session.clone()],
            Expect::Succeeds(0, expected),
        );
        r.phase = 1;
        rows.push(r);
    }
    let esc_import = edir.join("imported.ron");
    let mut r = row(
        "Terminal escape sequences in a document",
        &escapes,
        &[&"import", &escapes.clone(), &"-o", &esc_import.clone()],
        Expect::Succeeds(
            0,
            vec!["Technical Assumptions ␛[5m".into(), "2 kept".into()],
        ),
    );
    r.output = Some(esc_import);
    rows.push(r);
    rows.push(row(
        "Terminal escape sequences in a document",
        &escapes,
        &[&"render", &escapes.clone(), &"--width", &"80"],
        Expect::Succeeds(
            0,
            vec![pwn.into(), "␛[31mred␛[0m ␛]0;owned␇ \u{fffd}31m".into()],
        ),
    ));

    // A 100,000-character line: a requirement followed by an unbroken run.
    let ldir = dir("long-line");
    let long = ldir.join("prd.md");
    let prefix = "- NFR1: 99.9% availability ";
    let line = format!("{prefix}{}", "x".repeat(100_000 - prefix.len()));
    assert_eq!(line.chars().count(), 100_000);
    fs::write(&long, format!("# Wide — PRD\n\n{line}\n")).unwrap();
    let long_session = ldir.join("wide.ron");
    let mut r = row(
        "A 100,000-character line",
        &long,
        &[
            &"new",
            &"--prd",
            &long.clone(),
            &"--no-open",
            &"-o",
            &long_session.clone(),
        ],
        Expect::Succeeds(
            0,
            vec!["Wide — Infrastructure Architecture (1 input".into()],
        ),
    );
    r.output = Some(long_session.clone());
    rows.push(r);
    let mut r = row(
        "A 100,000-character line",
        &long_session,
        &[&"inputs", &long_session.clone()],
        Expect::Succeeds(0, vec!["(3 lines".into(), "NFR1".into()]),
    );
    r.phase = 1;
    rows.push(r);
    let mut r = row(
        "A 100,000-character line",
        &long,
        &[&"render", &long.clone(), &"--width", &"80"],
        Expect::Succeeds(0, vec!["99.9% availability".into()]),
    );
    r.check_stdout = Some(|out| {
        let widest = out
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        let xs = out.chars().filter(|&c| c == 'x').count();
        let want = 100_000 - "- NFR1: 99.9% availability ".len();
        if widest > 80 {
            Err(format!("a line {widest} columns wide"))
        } else if xs != want {
            Err(format!("{xs} of the {want} x's rendered"))
        } else {
            Ok(())
        }
    });
    rows.push(r);

    // Sessions with 10,000 sections, and with 10,000 options on one component (decided).
    let hdir = dir("huge");
    let mut many = sample_session();
    for n in 0..10_000 {
        let mut s = Section::new(&format!("extra-{n}"), &format!("Extra section {n}"));
        s.body = format!("Body of extra section {n}.");
        s.status = SectionStatus::Drafted;
        many.sections.push(s);
    }
    let sections_file = hdir.join("sections.ron");
    store::save(&sections_file, &many).unwrap();
    let mut many = sample_session();
    let component = &mut many.components[0];
    component.options = (0..10_000).map(option_card).collect();
    component.decision = Some(Decision {
        option: "option-9999".into(),
        justification: "The last one is the best.".into(),
        decided_at: t0(),
        // Two considered, the first and the last: every lookup crosses all 10,000 cards.
        considered: vec!["option-0".into(), "option-9999".into()],
        acknowledged_conflicts: vec![],
        ..Default::default()
    });
    let options_file = hdir.join("options.ron");
    store::save(&options_file, &many).unwrap();
    drop(many);
    for (input, file, show_expect, export_expect) in [
        (
            "A session with 10,000 sections",
            &sections_file,
            "sections    10000/10019 drafted",
            "Extra section 9999",
        ),
        (
            "A session with 10,000 options on one component",
            &options_file,
            "decisions   1/23 made",
            "Option number 0, Option number 9999 | The last one is the best.",
        ),
    ] {
        for (command, status, expected) in [
            ("show", 0, show_expect),
            ("check", 1, "FAIL: "),
            ("export", 0, export_expect),
        ] {
            rows.push(row(
                input,
                file,
                &[&command, &file.clone()],
                Expect::Succeeds(status, vec!["Reliability".into(), expected.into()]),
            ));
        }
    }

    // Run the rows, two at a time, phase by phase; keep the table in row order.
    let outcomes: Vec<Mutex<Option<Outcome>>> = rows.iter().map(|_| Mutex::new(None)).collect();
    for phase in [0, 1] {
        // The slow rows (the huge sessions) first, so that the two workers finish together.
        let mut todo: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].phase == phase)
            .collect();
        todo.sort_by_key(|&i| !rows[i].file.starts_with(&hdir));
        let next = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    while let Some(&i) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let r = &rows[i];
                        let outcome = if r.drop_caps && skip_unreadable {
                            Outcome {
                                status: "skipped".into(),
                                message: "permissions are bypassed here (root) and setpriv \
                                          cannot drop them"
                                    .into(),
                                problems: vec![],
                            }
                        } else {
                            run_row(r, &home)
                        };
                        *outcomes[i].lock().unwrap() = Some(outcome);
                    }
                });
            }
        });
    }
    fs::remove_file(&big).unwrap();
    fs::set_permissions(&unreadable, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(
        fs::read(&unreadable).unwrap(),
        b"# Secret\n",
        "the unreadable file changed"
    );

    // The table, grouped by input in the order the inputs first appear.
    let mut table: Vec<(&Row, Outcome)> = rows
        .iter()
        .zip(outcomes)
        .map(|(r, o)| (r, o.into_inner().unwrap().expect("every row ran")))
        .collect();
    table.sort_by_key(|(r, _)| rows.iter().position(|x| x.input == r.input));
    let mut problems = Vec::new();
    eprintln!("| Input | Command | Status | Message |");
    eprintln!("|---|---|---|---|");
    for (r, o) in table {
        eprintln!(
            "| {} | {} | {} | {} |",
            r.input,
            r.args[0].to_string_lossy(),
            o.status,
            o.message.replace('|', "\\|")
        );
        problems.extend(o.problems);
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
