//! What the real binary sends to a terminal, and to pipes: a hostile corpus (escape sequences in
//! file names, input documents, session text, team catalog and checklist files, checklist notes,
//! review comments, section bodies and arguments) driven through every subcommand on a
//! pseudo-terminal, documents that keep their exact bytes in files and pipes, and standard output
//! closed by its reader.

mod common;

use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use infradraft::home::Home;
use infradraft::knowledge::checklist::Checklist;
use infradraft::model::{CommentTarget, HistoryEntry, ReviewComment, Session, Severity};
use infradraft::store;
use jiff::Timestamp;

/// Every kind of terminal control at once: an OSC 52 clipboard write ended by BEL, a screen
/// clear, the alternate screen, a DCS ended by ST, the C1 controls DCS, CSI and OSC, and BEL.
const EVIL: &str =
    "\u{1b}]52;c;SGk=\u{7}\u{1b}[2J\u{1b}[?1049h\u{1b}P1$r\u{1b}\\\u{90}q\u{9b}31m\u{9d}0;t\u{7}";

/// The same, as it fits in a file name.
const EVIL_NAME: &str = "-\u{1b}]52;c;SGk=\u{7}-\u{1b}[2J\u{9b}1m-";

/// How the start of [`EVIL`] looks once made inert.
const INERT: &str = "␛]52;c;SGk=␇";

fn t(s: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + s).unwrap()
}

/// A directory with a home (team catalog and checklist files, good and broken, some with hostile
/// names), a session full of hostile text under a hostile name, its review file, a hostile
/// Markdown file and a hostile PRD.
struct Corpus {
    dir: tempfile::TempDir,
    session: PathBuf,
    markdown: PathBuf,
    prd: PathBuf,
}

impl Corpus {
    fn new() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::under(dir.path().join("home"));
        let catalog = home.config_dir.join("catalog");
        let checklist = home.config_dir.join("checklist");
        fs::create_dir_all(&catalog).unwrap();
        fs::create_dir_all(&checklist).unwrap();
        fs::create_dir_all(&home.data_dir).unwrap();
        // `{:?}` writes Rust escapes (`\u{1b}`), which RON reads back.
        fs::write(
            catalog.join("team.ron"),
            format!(
                r#"CatalogFile(component: "compute-resources", options: [CatalogOption(
                    id: "compute-evil", name: {:?}, summary: {:?}, pros: [{:?}], cons: [{:?}],
                    ratings: CatalogRatings(cost: 1, complexity: 1, operational_burden: 1, lock_in: 1),
                    tags: ["aws", "containers", "managed-kubernetes", "kubernetes"], conflicts_with: [])])"#,
                format!("Evil {EVIL}"),
                EVIL,
                EVIL,
                EVIL
            ),
        )
        .unwrap();
        fs::write(catalog.join(format!("bad{EVIL_NAME}.ron")), "CatalogFile(").unwrap();
        fs::write(
            checklist.join("team.ron"),
            format!(
                r#"ChecklistFile(category: ChecklistCategory(id: "house-evil", title: {:?}, applies_when: None),
                    items: [ChecklistItem(id: "house-evil-01", text: {:?}, why: {:?},
                    sections: ["cost-optimization"], severity: Critical)])"#,
                format!("House {EVIL}"),
                format!("Tag it {EVIL}"),
                EVIL
            ),
        )
        .unwrap();
        fs::write(
            checklist.join(format!("bad{EVIL_NAME}.ron")),
            "ChecklistFile(",
        )
        .unwrap();

        let session = dir.path().join(format!("session{EVIL_NAME}.ron"));
        let s = hostile_session(&dir.path().join(format!("prd{EVIL_NAME}.md")));
        store::save(&session, &s).unwrap();
        store::remember(&home.recent_index(), &session, &s.meta.title, t(300)).unwrap();
        // The sample session `infradraft` shows without a terminal.
        store::save(&home.sample_session(), &s).unwrap();
        infradraft::review::save(
            &infradraft::review::review_path(&session),
            &infradraft::review::ReviewFile {
                format_version: 1,
                session_title: s.meta.title.clone(),
                comments: vec![comment("r-2", &s.sections[1].id, t(400))],
            },
        )
        .unwrap();

        let markdown = dir.path().join(format!("doc{EVIL_NAME}.md"));
        fs::write(
            &markdown,
            format!(
                "# Network {EVIL}\n\nA paragraph {EVIL} with *emphasis {EVIL}*.\n\n\
                 ## Compute {EVIL}\n\n| Zone {EVIL} | CIDR |\n|---|---|\n| a | 10.0.0.0/20 {EVIL} |\n\n\
                 ```yaml\nkey: {EVIL}\n```\n\n- item {EVIL}\n\n> quote {EVIL}\n\n\
                 [link {EVIL}](http://x{EVIL})\n\n```mermaid\ngraph LR; A[{EVIL}] --> B\n```\n"
            ),
        )
        .unwrap();
        let prd = dir.path().join(format!("prd{EVIL_NAME}.md"));
        fs::write(
            &prd,
            format!(
                "# Evil {EVIL} — PRD\n\n## Non-Functional Requirements\n\n- NFR1: RPO 15 minutes {EVIL}.\n\n\
                 ## Technical Assumptions {EVIL}\n\n- Everything runs on AWS {EVIL}.\n"
            ),
        )
        .unwrap();
        Corpus {
            dir,
            session,
            markdown,
            prd,
        }
    }

    /// Without the broken team files, whose warnings go to stderr.
    fn without_broken_team_files(self) -> Corpus {
        let config = self.home().config_dir;
        for dir in ["catalog", "checklist"] {
            fs::remove_file(config.join(dir).join(format!("bad{EVIL_NAME}.ron"))).unwrap();
        }
        self
    }

    fn home(&self) -> Home {
        Home::under(self.dir.path().join("home"))
    }

    fn cmd(&self, args: &[OsString]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_infradraft"));
        cmd.args(args)
            .env("INFRADRAFT_HOME", self.dir.path().join("home"))
            .env("TZ", "UTC")
            .env_remove("NO_COLOR")
            .env_remove("RUST_BACKTRACE")
            .current_dir(self.dir.path());
        cmd
    }
}

fn comment(id: &str, section: &str, at: Timestamp) -> ReviewComment {
    ReviewComment {
        id: id.into(),
        target: CommentTarget::Section(section.into()),
        author: format!("Rita {EVIL}"),
        at,
        severity: Severity::Critical,
        text: format!("Comment {EVIL}\nsecond line {EVIL}"),
        resolved_at: None,
    }
}

/// The complete sample session with hostile text in every kind of field.
fn hostile_session(input_path: &Path) -> Session {
    let mut s = common::complete_session();
    s.meta.title = format!("Title {EVIL}");
    s.meta.project = format!("Project {EVIL}");
    s.meta.authors.push(format!("Author {EVIL}"));
    for section in s.sections.iter_mut() {
        section.body.push_str(&format!("\n\nBody {EVIL}\n"));
    }
    s.sections[0].title = format!("Overview {EVIL}");
    let c = &mut s.components[0];
    c.purpose = format!("Purpose {EVIL}");
    c.options[0].name = format!("Option {EVIL}");
    c.options[0].summary = format!("Summary {EVIL}");
    c.options[0].pros[0] = format!("Pro {EVIL}");
    if let Some(d) = c.decision.as_mut() {
        d.justification = format!("Because {EVIL}");
    }
    s.requirements[0].id = format!("NFR{EVIL}");
    s.requirements[0].text = format!("Requirement {EVIL}");
    s.assumptions[0].text = format!("Assumption {EVIL}");
    s.inputs[0].path = input_path.display().to_string();
    s.inputs[0].text.push_str(&format!("\nInput {EVIL}\n"));
    s.diagrams[0].title = format!("Diagram {EVIL}");
    s.stories[0].title = format!("Story {EVIL}");
    if let Some(r) = s.refinements.first_mut() {
        r.change = format!("Change {EVIL}");
    }
    s.checklist[0].note = format!("Note {EVIL}");
    s.review_comments
        .push(comment("r-1", &s.sections[0].id.clone(), t(300)));
    s.history.push(HistoryEntry {
        at: t(300),
        action: "edited".into(),
        detail: format!("Detail {EVIL}"),
    });
    s
}

fn os(args: &[&dyn AsRefOs]) -> Vec<OsString> {
    args.iter().map(|a| a.os()).collect()
}

/// Arguments given as `&str` or paths alike.
trait AsRefOs {
    fn os(&self) -> OsString;
}
impl AsRefOs for &str {
    fn os(&self) -> OsString {
        OsString::from(self)
    }
}
impl AsRefOs for String {
    fn os(&self) -> OsString {
        OsString::from(self)
    }
}
impl AsRefOs for PathBuf {
    fn os(&self) -> OsString {
        self.as_os_str().to_owned()
    }
}

/// What reached the terminal, with infradraft's own SGR sequences taken out when `sgr`; `Err`
/// names the first byte or character that could drive a terminal.
fn terminal_text(bytes: &[u8], sgr: bool) -> Result<String, String> {
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|e| format!("not UTF-8 at {}", e.utf8_error().valid_up_to()))?;
    let text = if sgr {
        regex::Regex::new("\u{1b}\\[[0-9;]*m")
            .unwrap()
            .replace_all(&text, "")
            .into_owned()
    } else {
        text
    };
    match text
        .char_indices()
        .find(|&(_, c)| infradraft::text::is_unsafe(c) && c != '\r')
    {
        Some((at, c)) => Err(format!(
            "{c:?} at {at}: …{}…",
            text[at.saturating_sub(60)..]
                .chars()
                .take(120)
                .collect::<String>()
        )),
        None => Ok(text),
    }
}

/// One command line run on a terminal: its expected status, and text the output must show (so
/// that the hostile text is known to have been there, shown inertly).
struct Case {
    args: Vec<OsString>,
    status: &'static [i32],
    shows: String,
    /// infradraft's own colours are allowed (`render`).
    sgr: bool,
}

fn case(args: Vec<OsString>, status: &'static [i32], shows: &str) -> Case {
    Case {
        args,
        status,
        shows: shows.to_string(),
        sgr: false,
    }
}

#[cfg(target_os = "linux")]
#[test]
fn nothing_that_drives_a_terminal_reaches_it_from_any_subcommand() {
    let c = Corpus::new();
    let session = c.session.clone();
    let md = c.markdown.clone();
    let prd = c.prd.clone();
    let missing = c.dir.path().join(format!("missing{EVIL_NAME}.ron"));
    let out_md = c.dir.path().join(format!("out{EVIL_NAME}.md"));
    let adr = c.dir.path().join(format!("adr{EVIL_NAME}"));
    let evil_arg = format!("x{EVIL}");
    let mut cases = vec![
        case(os(&[&"show", &session]), &[0], INERT),
        case(os(&[&"list"]), &[0], INERT),
        // Before `infradraft` puts the sample session at the top of the recent sessions.
        case(os(&[&"resume"]), &[2], INERT),
        case(os(&[&"inputs", &session]), &[0], INERT),
        case(os(&[&"export", &session]), &[0], INERT),
        case(os(&[&"export", &session, &"--stories-only"]), &[0], INERT),
        case(
            os(&[&"export", &session, &"-o", &out_md, &"--adr-dir", &adr]),
            &[0],
            INERT,
        ),
        case(os(&[&"export", &session, &"-o", &"/dev/fd/1"]), &[0], INERT),
        case(os(&[&"check", &session]), &[0, 1], INERT),
        case(
            os(&[&"check", &session, &"--format", &"json"]),
            &[0, 1],
            "\\u001b]52;c;SGk=\\u0007",
        ),
        case(os(&[&"review", &session, &"--summary"]), &[0], INERT),
        case(os(&[&"render", &md, &"--color", &"never"]), &[0], INERT),
        case(
            os(&[&"import", &md, &"-o", &"imported.ron", &"--force"]),
            &[0],
            INERT,
        ),
        case(
            os(&[
                &"new",
                &"--prd",
                &prd,
                &"--title",
                &format!("New {EVIL}"),
                &"--mode",
                &"yolo",
                &"--no-open",
                &"--force",
                &"-o",
                &"new.ron",
            ]),
            &[0],
            INERT,
        ),
        case(os(&[&"completions", &"bash"]), &[0], "infradraft"),
        case(os(&[]), &[0], INERT),
        // Errors, with hostile names and arguments.
        case(os(&[&"show", &missing]), &[2], INERT),
        case(os(&[&"open", &session]), &[2], INERT),
        case(os(&[&"review", &session]), &[2], INERT),
        case(os(&[&"completions", &evil_arg]), &[2], INERT),
        case(os(&[&"show", &session, &evil_arg]), &[2], INERT),
        case(os(&[&evil_arg]), &[2], INERT),
        case(
            os(&[&"check", &session, &"--min-pass", &evil_arg]),
            &[2],
            INERT,
        ),
        // Last: it changes the session.
        case(os(&[&"merge-review", &session]), &[0], INERT),
    ];
    for colour in [&["--color", "always"][..], &[]] {
        let mut args = os(&[&"render", &md, &"--width", &"72"]);
        args.extend(colour.iter().map(OsString::from));
        cases.push(Case {
            args,
            status: &[0],
            shows: INERT.into(),
            sgr: true,
        });
    }
    cases.push(Case {
        args: os(&[&"render", &md, &"--theme", &evil_arg]),
        status: &[0],
        shows: INERT.into(),
        sgr: true,
    });
    let mut problems = Vec::new();
    for case in &cases {
        let (status, bytes) = common::pty::run(c.cmd(&case.args));
        let what = format!("{:?}", case.args);
        if !status.code().is_some_and(|s| case.status.contains(&s)) {
            problems.push(format!(
                "{what}: status {status}, expected {:?}: {}",
                case.status,
                String::from_utf8_lossy(&bytes)
            ));
        }
        match terminal_text(&bytes, case.sgr) {
            Err(e) => problems.push(format!("{what}: {e}")),
            Ok(text) => {
                if !text.contains(&case.shows) {
                    problems.push(format!("{what}: does not show {:?}:\n{text}", case.shows));
                }
                if text.contains("panicked") {
                    problems.push(format!("{what}: panic:\n{text}"));
                }
            }
        }
        if case.sgr && case.args.len() > 3 && !bytes.windows(2).any(|w| w == b"\x1b[") {
            problems.push(format!("{what}: no colour on a terminal"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // The files written with -o keep the document's bytes, hostile ones included.
    let doc = fs::read(&out_md).unwrap();
    assert!(
        doc.windows(EVIL.len()).any(|w| w == EVIL.as_bytes()),
        "-o keeps the bytes"
    );
}

/// The document `export` writes for the corpus's session, as the library makes it.
fn expected_document(c: &Corpus) -> String {
    let s = store::load(&c.session).unwrap().session;
    let (checklist, _) = Checklist::load(&c.home().config_dir);
    let (template, _) =
        infradraft::knowledge::Template::for_session(&c.home().config_dir, &s.meta.template);
    infradraft::export::document(
        &s,
        &infradraft::export::ExportContext {
            checklist: Some(&checklist),
            template: Some(&template),
            precomputed: Default::default(),
        },
    )
}

#[test]
fn documents_keep_their_exact_bytes_in_files_and_pipes() {
    let c = Corpus::new();
    let expected = expected_document(&c);
    assert!(expected.contains(EVIL), "the corpus reaches the document");
    let piped = c.cmd(&os(&[&"export", &c.session])).output().unwrap();
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    assert!(piped.stdout == expected.as_bytes(), "export | … is exact");
    let file = c.dir.path().join("doc.md");
    let o = c
        .cmd(&os(&[&"export", &c.session, &"-o", &file]))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        fs::read(&file).unwrap() == expected.as_bytes(),
        "-o is exact"
    );
    // `-o /dev/fd/1` (`/dev/stdout`) on a pipe writes into the pipe, exactly.
    let o = c
        .cmd(&os(&[&"export", &c.session, &"-o", &"/dev/fd/1"]))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.starts_with(expected.as_bytes()), "-o /dev/fd/1");
    // Through a shell pipe, as a user writes it.
    let o = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" export \"$1\" | cat")
        .arg(env!("CARGO_BIN_EXE_infradraft"))
        .arg(&c.session)
        .env("INFRADRAFT_HOME", c.dir.path().join("home"))
        .output()
        .unwrap();
    assert!(o.stdout == expected.as_bytes(), "export | cat");
    // The review summary is a document too.
    let o = c
        .cmd(&os(&[&"review", &c.session, &"--summary"]))
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(&format!("Comment {EVIL}")),
        "review --summary | … keeps the comments' bytes"
    );
    // Reports are inert wherever they go.
    for args in [
        os(&[&"show", &c.session]),
        os(&[&"list"]),
        os(&[&"inputs", &c.session]),
        os(&[&"check", &c.session]),
        os(&[&"check", &c.session, &"--format", &"json"]),
    ] {
        let o = c.cmd(&args).output().unwrap();
        if let Err(e) = terminal_text(&o.stdout, false).and(terminal_text(&o.stderr, false)) {
            panic!("{args:?}: {e}");
        }
    }
}

/// A large session (about 4 MB of section text) and a large Markdown file, for outputs far
/// bigger than a pipe's buffer.
fn large(c: &Corpus) -> (PathBuf, PathBuf) {
    let mut s = store::load(&c.session).unwrap().session;
    let paragraph = "Ferrybook runs in two regions with a warm standby. ".repeat(40) + "\n\n";
    for section in s.sections.iter_mut() {
        section.body = paragraph.repeat(200);
    }
    let session = c.dir.path().join("large.ron");
    store::save(&session, &s).unwrap();
    let md = c.dir.path().join("large.md");
    let block = "## Compute\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```yaml\nreplicas: 3\n```\n\n";
    fs::write(&md, block.repeat(20_000)).unwrap();
    (session, md)
}

/// No panic, nothing on stderr, and the status expected.
fn assert_quiet(o: &Output, status: i32, what: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(status), "{what}: {err}");
    assert!(err.is_empty(), "{what}: stderr: {err}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let c = Corpus::new().without_broken_team_files();
    let (large_session, large_md) = large(&c);
    let check_status = c
        .cmd(&os(&[&"check", &c.session]))
        .output()
        .unwrap()
        .status
        .code()
        .unwrap();
    let commands: Vec<(Vec<OsString>, i32)> = vec![
        (os(&[&"list"]), 0),
        (os(&[&"completions", &"bash"]), 0),
        (os(&[&"completions", &"zsh"]), 0),
        (os(&[&"export", &large_session]), 0),
        (os(&[&"export", &large_session, &"--stories-only"]), 0),
        (os(&[&"render", &large_md, &"--color", &"always"]), 0),
        (os(&[&"render", &large_md]), 0),
        (os(&[&"inputs", &c.session]), 0),
        (os(&[&"show", &c.session]), 0),
        (os(&[&"check", &c.session]), check_status),
        (
            os(&[&"check", &c.session, &"--format", &"json"]),
            check_status,
        ),
        (os(&[&"review", &c.session, &"--summary"]), 0),
        (os(&[]), 0),
        (os(&[&"--help"]), 0),
        (os(&[&"show", &"--help"]), 0),
        (os(&[&"--version"]), 0),
    ];
    // Closed before the command writes anything: every write fails.
    for (args, status) in &commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut cmd = c.cmd(args);
        cmd.stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped());
        let o = cmd.output().unwrap();
        assert_quiet(&o, *status, &format!("{args:?} into a closed pipe"));
    }
    // Closed after the first line, while the command is still writing (`| head -1`); the moment
    // varies, so each runs several times.
    for (args, status) in &commands {
        for run in 0..5 {
            let mut child = c
                .cmd(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut first = String::new();
            BufReader::new(child.stdout.take().unwrap())
                .read_line(&mut first)
                .unwrap();
            assert!(!first.is_empty(), "{args:?}: no first line");
            let o = child.wait_with_output().unwrap();
            assert_quiet(&o, *status, &format!("{args:?} | head -1, run {run}"));
        }
    }
}

#[test]
fn a_closed_output_never_stops_the_work() {
    let c = Corpus::new().without_broken_team_files();
    let closed = || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        writer
    };
    let run = |args: Vec<OsString>| {
        let mut cmd = c.cmd(&args);
        cmd.stdin(Stdio::null())
            .stdout(closed())
            .stderr(Stdio::piped());
        let o = cmd.output().unwrap();
        assert_quiet(&o, 0, &format!("{args:?}"));
    };
    run(os(&[
        &"new",
        &"--sample",
        &"--mode",
        &"yolo",
        &"--no-open",
        &"-o",
        &"new.ron",
    ]));
    assert!(store::load(&c.dir.path().join("new.ron")).is_ok());
    run(os(&[&"import", &c.markdown, &"-o", &"imported.ron"]));
    assert!(store::load(&c.dir.path().join("imported.ron")).is_ok());
    let recent = store::read_recent(&c.home().recent_index()).unwrap();
    for name in ["new.ron", "imported.ron"] {
        assert!(
            recent.sessions.iter().any(|e| e.path.ends_with(name)),
            "{name} is remembered"
        );
    }
    run(os(&[
        &"export",
        &c.session,
        &"-o",
        &"doc.md",
        &"--adr-dir",
        &"adr",
    ]));
    assert_eq!(
        fs::read_to_string(c.dir.path().join("doc.md")).unwrap(),
        expected_document(&c)
    );
    assert!(fs::read_dir(c.dir.path().join("adr")).unwrap().count() > 0);
    run(os(&[&"merge-review", &c.session]));
    let merged = store::load(&c.session).unwrap().session;
    assert!(merged.review_comments.iter().any(|x| x.id == "r-2"));

    // An error of the work is still reported, though what came before it could not be printed
    // (`new` without inputs says so on stdout first).
    let mut cmd = c.cmd(&os(&[&"new", &"--no-open", &"-o", &"new.ron"]));
    cmd.stdin(Stdio::null())
        .stdout(closed())
        .stderr(Stdio::piped());
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("infradraft: ") && err.contains("new.ron: already exists"),
        "{err}"
    );
}
