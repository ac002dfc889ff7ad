//! The real binary, driven as a user would: subcommands, exit statuses, messages, and files that
//! stay intact whatever goes wrong.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use infradraft::store;

mod common;
use common::estimate_over_budget;

use common::cli_env::{CliEnv as Env, stderr, stdout};

/// Exit status 2 with exactly one line on stderr naming `path`, and no panic.
fn assert_one_line_error(o: &Output, path: &Path, what: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{what}: status, stderr: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: not one line: {err:?}");
    assert!(err.starts_with("infradraft: "), "{what}: {err}");
    assert!(
        err.contains(&path.display().to_string()),
        "{what}: does not name {}: {err}",
        path.display()
    );
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{what}: {err}"
    );
}

#[test]
fn new_sample_writes_the_four_documents_and_list_shows_it() {
    let env = Env::new();
    let session = env.path("s.ron");
    let o = env.run(&[
        "new",
        "--sample",
        "--no-open",
        "-o",
        session.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("4 inputs"), "{}", stdout(&o));
    let s = store::load(&session).unwrap().session;
    let kinds: Vec<_> = s.inputs.iter().map(|i| i.kind.label()).collect();
    assert_eq!(
        kinds,
        [
            "PRD",
            "Architecture",
            "Tech stack",
            "Infrastructure guidelines"
        ]
    );
    assert!(
        s.inputs[0]
            .text
            .contains("NFR3: 99.95% monthly availability")
    );
    assert!(s.inputs[0].text.contains("## Technical Assumptions"));
    assert_eq!(s.meta.project, "Ferrybook");
    assert!(
        !store::lock_path_for(&session).exists(),
        "lock file left behind"
    );

    let list = env.run(&["list"]);
    assert!(list.status.success());
    let out = stdout(&list);
    let canonical = fs::canonicalize(&session).unwrap();
    assert!(out.contains(&canonical.display().to_string()), "{out}");
    assert!(
        out.contains("Ferrybook — Infrastructure Architecture"),
        "{out}"
    );
    assert!(out.contains("0/23 decisions made"), "{out}");
    assert!(out.contains("mode not chosen"), "{out}");

    // A session that disappears is marked missing, not dropped.
    fs::remove_file(&session).unwrap();
    let out = stdout(&env.run(&["list"]));
    assert!(out.contains("MISSING"), "{out}");
}

#[test]
fn show_summarises_a_session() {
    let env = Env::new();
    let session = env.path("s.ron");
    let o = env.run(&[
        "new",
        "--sample",
        "--mode",
        "yolo",
        "--author",
        "Ada Lovelace",
        "--title",
        "Ferry infra",
        "-o",
        "s.ron",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run(&["show", session.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Ferry infra",
        "mode        YOLO",
        "authors     Ada Lovelace",
        "PRD ",
        "builtin:sample/prd.md",
        "decisions   0/23 made",
        "sections    19/19 drafted",
        "last saved  ",
        "access      not open elsewhere",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    // YOLO drafted every component: options, a recommendation and a body, nothing decided.
    let s = store::load(&session).unwrap().session;
    for c in &s.components {
        assert!(c.options.len() >= 2, "{}", c.id);
        let rec = c.recommendation.as_ref().expect("recommended");
        assert!(c.option(&rec.option).is_some());
        assert!(c.decision.is_none());
        let body = &s.section(c.section_id()).unwrap().body;
        assert!(body.contains("**Recommended:**"), "{}", c.id);
    }
}

#[test]
fn bad_session_files_give_one_line_and_status_2_and_stay_unchanged() {
    let env = Env::new();
    let good = env.path("good.ron");
    assert!(
        env.run(&["new", "--sample", "-o", good.to_str().unwrap()])
            .status
            .success()
    );
    let full = fs::read_to_string(&good).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.ron", vec![], "the file is empty"),
        (
            "truncated.ron",
            full.as_bytes()[..full.len() / 3].to_vec(),
            "ends too early",
        ),
        (
            "shape.ron",
            b"Config(theme: \"dark\")\n".to_vec(),
            "Expected struct `Session` but found `Config`",
        ),
        (
            "newer.ron",
            full.replacen(
                &format!("format_version: {},", infradraft::model::FORMAT_VERSION),
                "format_version: 7,",
                1,
            )
            .into_bytes(),
            "format version 7",
        ),
        (
            "binary.ron",
            b"\x7fELF\x02\x01\x01\0\0\0".to_vec(),
            "not a text file",
        ),
    ];
    for (name, bytes, message) in &cases {
        let path = env.path(name);
        fs::write(&path, bytes).unwrap();
        let o = env.run(&["show", path.to_str().unwrap()]);
        assert_one_line_error(&o, &path, name);
        assert!(
            stderr(&o).contains(message),
            "{name}: expected {message:?} in {}",
            stderr(&o)
        );
        assert_eq!(&fs::read(&path).unwrap(), bytes, "{name} changed");
        assert!(!store::backup_path(&path).exists());
    }
    let missing = env.path("missing.ron");
    let o = env.run(&["show", missing.to_str().unwrap()]);
    assert_one_line_error(&o, &missing, "missing");
    assert!(stderr(&o).contains("no such file"));
    assert!(!missing.exists());
    let dir = env.path("adir");
    fs::create_dir(&dir).unwrap();
    let o = env.run(&["show", dir.to_str().unwrap()]);
    assert_one_line_error(&o, &dir, "directory");
    assert!(stderr(&o).contains("is a directory"));
}

#[test]
fn new_refuses_to_overwrite_and_keeps_a_bak_with_force() {
    let env = Env::new();
    assert!(
        env.run(&["new", "--sample", "-o", "s.ron"])
            .status
            .success()
    );
    let first = fs::read(env.path("s.ron")).unwrap();
    let o = env.run(&["new", "--sample", "-o", "s.ron"]);
    assert_one_line_error(&o, Path::new("s.ron"), "exists");
    assert!(stderr(&o).contains("--force"));
    assert_eq!(fs::read(env.path("s.ron")).unwrap(), first);
    let o = env.run(&[
        "new", "--sample", "--force", "--title", "Second", "-o", "s.ron",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::read(env.path("s.ron.bak")).unwrap(), first);
    assert_eq!(
        store::load(&env.path("s.ron")).unwrap().session.meta.title,
        "Second"
    );
}

#[test]
fn a_second_process_is_read_only_and_cannot_replace_the_session() {
    let env = Env::new();
    let session = env.path("s.ron");
    assert!(
        env.run(&["new", "--sample", "-o", "s.ron"])
            .status
            .success()
    );
    let before = fs::read(&session).unwrap();
    let held = store::open(&session).unwrap();
    assert!(!held.access.is_read_only());
    let out = stdout(&env.run(&["show", "s.ron"]));
    assert!(
        out.contains(&format!(
            "open for writing in another infradraft process (pid {}); read-only here",
            std::process::id()
        )),
        "{out}"
    );
    let o = env.run(&["new", "--sample", "--force", "-o", "s.ron"]);
    assert_one_line_error(&o, Path::new("s.ron"), "locked");
    assert!(stderr(&o).contains("open for writing in another infradraft process"));
    assert_eq!(fs::read(&session).unwrap(), before);
    drop(held);
    assert!(stdout(&env.run(&["show", "s.ron"])).contains("not open elsewhere"));
}

/// True when this process can write into a directory without write permission (root with
/// CAP_DAC_OVERRIDE): then permissions alone cannot make a directory read-only for a child.
fn permissions_are_bypassed(dir: &Path) -> bool {
    fs::write(dir.join("probe"), b"x").is_ok()
}

#[test]
fn a_failed_save_in_a_read_only_directory_leaves_the_old_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let ro = env.path("ro");
    fs::create_dir(&ro).unwrap();
    let session = ro.join("s.ron");
    assert!(
        env.run(&["new", "--sample", "-o", session.to_str().unwrap()])
            .status
            .success()
    );
    let before = fs::read(&session).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let mut cmd = if permissions_are_bypassed(&ro) {
        // Running as root: drop the capabilities that bypass file permissions for the child.
        let _ = fs::remove_file(ro.join("probe"));
        let mut c = Command::new("setpriv");
        c.args([
            "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
        ]);
        c.arg(env!("CARGO_BIN_EXE_infradraft"));
        c.env("INFRADRAFT_HOME", env.path("home")).env("TZ", "UTC");
        c
    } else {
        env.cmd()
    };
    let o = cmd
        .args([
            "new",
            "--sample",
            "--force",
            "-o",
            session.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_one_line_error(&o, &session, "read-only directory");
    assert!(stderr(&o).contains("Permission denied"), "{}", stderr(&o));
    assert_eq!(fs::read(&session).unwrap(), before);
    let names: Vec<_> = fs::read_dir(&ro)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["s.ron"], "leftovers in the directory");
}

#[test]
fn a_failed_save_at_the_file_size_limit_leaves_the_old_file_intact() {
    let env = Env::new();
    let session = env.path("s.ron");
    // A small session first, then a large one (the sample) that cannot be written under the limit.
    assert!(env.run(&["new", "-o", "s.ron"]).status.success());
    let before = fs::read(&session).unwrap();
    assert!(before.len() < 32 * 1024);
    let o = Command::new("prlimit")
        .arg("--fsize=32768")
        .arg(env!("CARGO_BIN_EXE_infradraft"))
        .args(["new", "--sample", "--force", "-o"])
        .arg(&session)
        .env("INFRADRAFT_HOME", env.path("home"))
        .output()
        .unwrap();
    assert_one_line_error(&o, &session, "file size limit");
    assert!(stderr(&o).contains("cannot save"), "{}", stderr(&o));
    assert_eq!(fs::read(&session).unwrap(), before);
    let mut names: Vec<_> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["home", "s.ron"], "leftovers in the directory");
}

#[test]
fn new_discovers_the_conventional_paths_and_refuses_bad_inputs() {
    let env = Env::new();
    fs::create_dir_all(env.path("docs/infrastructure")).unwrap();
    fs::write(
        env.path("docs/prd.md"),
        "# Tidepool — PRD\n\n- NFR1: 99.9%\n",
    )
    .unwrap();
    fs::write(env.path("docs/tech-stack.md"), "# Stack\n").unwrap();
    fs::write(env.path("docs/infrastructure/guidelines.md"), "# G\n").unwrap();
    let o = env.run(&["new", "-o", "t.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = store::load(&env.path("t.ron")).unwrap().session;
    let kinds: Vec<_> = s.inputs.iter().map(|i| i.kind.label()).collect();
    assert_eq!(kinds, ["PRD", "Tech stack", "Infrastructure guidelines"]);
    assert_eq!(s.meta.project, "Tidepool");

    fs::write(env.path("diagram.png"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    let o = env.run(&["new", "--input", "diagram.png", "-o", "u.ron"]);
    assert_one_line_error(&o, Path::new("diagram.png"), "binary input");
    assert!(!env.path("u.ron").exists());
    let o = env.run(&["new", "--prd", "nope.md", "-o", "u.ron"]);
    assert_one_line_error(&o, Path::new("nope.md"), "missing input");
}

#[test]
fn escape_sequences_in_a_session_never_reach_the_terminal() {
    let env = Env::new();
    let o = env.run(&[
        "new",
        "--title",
        "Pwn \u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J",
        "-o",
        "s.ron",
    ]);
    assert!(o.status.success());
    for out in [
        stdout(&o),
        stdout(&env.run(&["show", "s.ron"])),
        stdout(&env.run(&["list"])),
    ] {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("Pwn ␛]52;c;SGVsbG8=␇␛[2J"), "{out}");
    }
}

#[test]
fn no_arguments_keeps_the_sample_session_in_the_data_directory() {
    let env = Env::new();
    let o = env.run(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Created the sample session"));
    let sample = env.path("home/data/sample-session.ron");
    let s = store::load(&sample).unwrap().session;
    assert_eq!(s.inputs.len(), 4);
    let o = env.run(&[]);
    assert!(
        stdout(&o).starts_with("Opened the sample session"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&env.run(&["list"])).contains("sample-session.ron"));
}

#[test]
fn help_version_and_completions() {
    let env = Env::new();
    let o = env.run(&["--version"]);
    assert_eq!(
        stdout(&o).trim(),
        format!("infradraft {}", env!("CARGO_PKG_VERSION"))
    );
    for sub in ["new", "show", "list", "completions"] {
        let o = env.run(&[sub, "--help"]);
        assert!(o.status.success(), "{sub} --help");
        assert!(stdout(&o).contains("Usage: infradraft"), "{sub}");
    }
    for shell in ["bash", "zsh", "fish"] {
        let o = env.run(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let script = stdout(&o);
        for word in ["infradraft", "show", "prd", "tech-stack"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let o = env.run(&["new", "--mode", "waterfall"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn render_prints_plain_or_coloured_markdown_and_never_raw_escapes() {
    let env = Env::new();
    let md = env.path("doc.md");
    fs::write(
        &md,
        "# Network\n\nA *private* subnet per zone.\n\n| Zone | CIDR |\n|---|---|\n| a | 10.43.0.0/20 |\n\n```yaml\nreplicas: 3\n```\n\nEvil: \u{1b}]52;c;aGk=\u{7} and \u{1b}[2J.\n",
    )
    .unwrap();
    let o = env.run(&["render", "doc.md", "--width", "40", "--color", "never"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains('\u{1b}'),
        "plain output has no escapes: {out:?}"
    );
    assert!(out.contains("A private subnet per zone."), "{out}");
    assert!(out.contains("10.43.0.0/20"), "{out}");
    assert!(out.contains("␛]52;c;aGk=␇"), "{out}");
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "line wider than 40: {line:?}"
        );
    }
    // Not a terminal and no --color: plain.
    let auto = stdout(&env.run(&["render", "doc.md", "--width", "40"]));
    assert!(!auto.contains('\u{1b}'));
    let o = env.run(&["render", "doc.md", "--width", "60", "--color", "always"]);
    let coloured = stdout(&o);
    assert!(
        coloured.contains("\u{1b}["),
        "forced colour has SGR sequences"
    );
    assert!(!coloured.contains("\u{1b}]52") && !coloured.contains("\u{1b}[2J"));
    let o = env.run(&["render", "nope.md"]);
    assert_one_line_error(&o, Path::new("nope.md"), "missing markdown");
    fs::write(env.path("bin.md"), b"\x00\x01\x02").unwrap();
    let o = env.run(&["render", "bin.md"]);
    assert_one_line_error(&o, Path::new("bin.md"), "binary markdown");
}

#[test]
fn the_workbench_needs_a_terminal_and_says_so() {
    let env = Env::new();
    assert!(
        env.run(&["new", "--sample", "-o", "s.ron"])
            .status
            .success()
    );
    let o = env.run(&["open", "s.ron"]);
    assert_one_line_error(&o, Path::new("s.ron"), "open without a tty");
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
    let fresh = Env::new();
    let o = fresh.run(&["resume"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no recent session"), "{}", stderr(&o));
}

#[test]
fn inputs_lists_freshness_requirements_and_assumptions() {
    let env = Env::new();
    assert!(
        env.run(&["new", "--sample", "-o", "s.ron"])
            .status
            .success()
    );
    let o = env.run(&["inputs", "s.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Inputs (4)",
        "builtin:sample/prd.md",
        "built-in",
        "NFR3",
        "99.95% monthly availability",
        "[prd.md:",
        "Technical Assumptions: \"Technical Assumptions\" (PRD line",
        "Facts decisions are checked against",
        "RepositoryStructure",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    // A PRD without Technical Assumptions says so; a changed input is reported; missing kinds too.
    fs::create_dir_all(env.path("docs")).unwrap();
    fs::write(
        env.path("docs/prd.md"),
        "# Kelp — PRD\n\n## Non-Functional Requirements\n\n- NFR1: RPO 15 minutes.\n",
    )
    .unwrap();
    assert!(env.run(&["new", "-o", "k.ron"]).status.success());
    fs::write(env.path("docs/prd.md"), "# Kelp — PRD\n\nchanged\n").unwrap();
    let out = stdout(&env.run(&["inputs", "k.ron"]));
    assert!(
        out.contains("the PRD has no Technical Assumptions section"),
        "{out}"
    );
    assert!(out.contains("changed on disk"), "{out}");
    assert!(
        out.contains("Missing inputs") && out.contains("Tech stack"),
        "{out}"
    );
    assert!(out.contains("NFR1") && out.contains("[prd.md:5]"), "{out}");
}

#[test]
fn a_team_template_in_the_config_directory_shapes_new_sessions() {
    let env = Env::new();
    let config = env.path("home").join("config");
    fs::create_dir_all(&config).unwrap();
    let team = r#"Template(id: "acme-infra", version: 3, title: "ACME Platform Design", sections: [
        TemplateSection(id: "overview", title: "Overview", component: false, purpose: "Why.",
            outline: [], guidance: [], starter: ""),
        TemplateSection(id: "compute-resources", title: "Compute", component: true,
            purpose: "Where workloads run.", outline: [], guidance: [], starter: ""),
    ])"#;
    fs::write(config.join("template.ron"), team).unwrap();
    let session = env.path("team.ron");
    let o = env.run(&[
        "new",
        "--sample",
        "--mode",
        "yolo",
        "--no-open",
        "-o",
        session.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = store::load(&session).unwrap().session;
    assert_eq!(s.meta.template, "acme-infra");
    assert_eq!(s.meta.title, "Ferrybook — ACME Platform Design");
    let ids: Vec<&str> = s.sections.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["overview", "compute-resources"]);
    assert_eq!(s.components.len(), 1);
    assert!(
        s.components[0].options.len() >= 2,
        "YOLO drafted from the catalog"
    );

    // A broken team template is an error naming the file, not a silent fall-back.
    fs::write(config.join("template.ron"), "Template(id: \"x\",").unwrap();
    let o = env.run(&[
        "new",
        "--sample",
        "--no-open",
        "-o",
        env.path("b.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_one_line_error(&o, &config.join("template.ron"), "broken team template");
    assert!(!env.path("b.ron").exists());
}

#[test]
fn list_shows_the_checklist_rate_once_the_checklist_is_reviewed() {
    let env = Env::new();
    let session = env.sample("s.ron");
    let out = stdout(&env.run(&["list"]));
    assert!(!out.contains("checklist"), "{out}");
    let mut s = store::load(&session).unwrap().session;
    let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    for (item, mark) in [
        ("sec-01", infradraft::model::Mark::Pass),
        ("sec-02", infradraft::model::Mark::Partial),
    ] {
        s.checklist.push(infradraft::model::ChecklistMark {
            item: item.into(),
            mark,
            note: String::new(),
            at,
        });
    }
    store::save(&session, &s).unwrap();
    let out = stdout(&env.run(&["list"]));
    // 1.5 of the applicable items (the rest still open) is well under 5 %.
    let re =
        regex::Regex::new(r"0/23 decisions made, 0/19 sections drafted, checklist \d+%").unwrap();
    assert!(re.is_match(&out), "{out}");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn saves_keep_the_files_mode_and_new_sessions_are_owner_only() {
    let env = Env::new();
    let session = env.sample("s.ron");
    assert_eq!(mode(&session), 0o600, "a new session embeds its inputs");
    assert_eq!(mode(&env.path("home/data/recent.ron")), 0o600);
    for wanted in [0o640, 0o600, 0o644] {
        chmod(&session, wanted);
        let o = env.run(&["new", "--sample", "--force", "--no-open", "-o", "s.ron"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(mode(&session), wanted, "kept across a save");
        assert_eq!(mode(&store::backup_path(&session)), wanted, "the .bak too");
    }
    // The other writers of session data: the review file and a merge into the session.
    let review = infradraft::review::review_path(&session);
    let title = store::load(&session).unwrap().session.meta.title;
    infradraft::review::save(
        &review,
        &infradraft::review::ReviewFile {
            format_version: 1,
            session_title: title,
            comments: vec![],
        },
    )
    .unwrap();
    assert_eq!(mode(&review), 0o600);
    chmod(&session, 0o640);
    let o = env.run(&["merge-review", "s.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&session), 0o640);

    // An exported document is an ordinary new file (0666 less the umask); an existing one keeps
    // its mode.
    fs::write(env.path("reference.md"), "").unwrap();
    let o = env.run(&["export", "s.ron", "-o", "doc.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&env.path("doc.md")), mode(&env.path("reference.md")));
    chmod(&env.path("doc.md"), 0o600);
    assert!(
        env.run(&["export", "s.ron", "-o", "doc.md"])
            .status
            .success()
    );
    assert_eq!(mode(&env.path("doc.md")), 0o600);
}

#[cfg(unix)]
#[test]
fn saves_through_a_symlink_update_its_target_and_keep_the_link() {
    use std::os::unix::fs::symlink;
    let env = Env::new();
    fs::create_dir_all(env.path("repo/docs")).unwrap();
    fs::create_dir_all(env.path("work")).unwrap();
    let target = env.sample("repo/docs/s.ron");
    chmod(&target, 0o640);
    let before = fs::read(&target).unwrap();
    // A relative link from another directory.
    symlink("../repo/docs/s.ron", env.path("work/s.ron")).unwrap();
    let o = env.run(&[
        "new",
        "--sample",
        "--title",
        "Through the link",
        "--force",
        "--no-open",
        "-o",
        "work/s.ron",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let link = env.path("work/s.ron");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        store::load(&target).unwrap().session.meta.title,
        "Through the link"
    );
    assert_eq!(mode(&target), 0o640);
    assert_eq!(fs::read(store::backup_path(&target)).unwrap(), before);
    let names = |dir: &str| {
        let mut n: Vec<String> = fs::read_dir(env.path(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    assert_eq!(names("work"), ["s.ron"], "nothing beside the link");
    assert_eq!(names("repo/docs"), ["s.ron", "s.ron.bak"]);

    // A dangling link: the session is created where it points, owner-only.
    symlink("../repo/docs/new.ron", env.path("work/new.ron")).unwrap();
    let o = env.run(&["new", "--sample", "--no-open", "-o", "work/new.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(env.path("work/new.ron"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(store::load(&env.path("repo/docs/new.ron")).is_ok());
    assert_eq!(mode(&env.path("repo/docs/new.ron")), 0o600);

    // A loop of links: one line naming the file, nothing written.
    symlink("loop-b.ron", env.path("work/loop-a.ron")).unwrap();
    symlink("loop-a.ron", env.path("work/loop-b.ron")).unwrap();
    let listing = names("work");
    let o = env.run(&[
        "new",
        "--sample",
        "--force",
        "--no-open",
        "-o",
        "work/loop-a.ron",
    ]);
    assert_one_line_error(&o, Path::new("work/loop-a.ron"), "a loop of links");
    assert!(stderr(&o).contains("symbolic links"), "{}", stderr(&o));
    assert_eq!(names("work"), listing);
}

#[test]
fn inputs_as_json_holds_requirements_with_figures_regimes_facts_and_conflicts() {
    let env = Env::new();
    let path = env.sample("s.ron");
    // A budget the architecture document's estimate exceeds, and its resolution.
    let mut s = store::load(&path).unwrap().session;
    estimate_over_budget(&mut s);
    let key = s.input_conflicts[0].key.clone();
    let at = s.meta.updated;
    infradraft::workflow::resolve_conflict(&mut s, &key, "Budget raised", at);
    store::save(&path, &s).unwrap();

    let o = env.run(&["inputs", path.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["inputs"].as_array().unwrap().len(), 4);
    assert_eq!(v["inputs"][0]["kind"], "Prd");
    let nfr3 = v["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "NFR3")
        .expect("NFR3");
    assert_eq!(nfr3["category"], "Reliability");
    assert_eq!(nfr3["source"]["line"].as_u64().unwrap(), 73);
    assert_eq!(
        nfr3["figures"][0],
        serde_json::json!({"kind": "availability", "percent": 99.95})
    );
    let budget = v["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["category"] == "Cost")
        .expect("a cost requirement");
    assert_eq!(budget["figures"][0]["kind"], "budget");
    assert_eq!(budget["figures"][0]["currency"], "EUR");
    let gdpr = v["regimes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "GDPR")
        .expect("GDPR");
    assert_eq!(gdpr["in_scope"], true);
    assert!(gdpr["sources"][0]["line"].as_u64().is_some());
    assert!(
        v["facts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["modality"] == "Mandate" && f["tags"][0] == "terraform"),
        "{}",
        v["facts"]
    );
    let c = &v["conflicts"][0];
    assert_eq!(c["kind"], "budget-vs-estimate");
    assert_eq!(c["status"], "resolved");
    assert_eq!(c["reason"], "Budget raised");
    assert!(c["rule"][0]["input"].as_str().unwrap().ends_with("prd.md"));
    assert!(
        c["found"][0]["text"]
            .as_str()
            .unwrap()
            .contains("EUR 31,000")
    );

    let o = env.run(&["inputs", path.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(
        text.contains("Compliance regimes in scope: GDPR, PCI DSS"),
        "{text}"
    );
    assert!(
        text.contains("Conflicts between inputs (1, 0 open)"),
        "{text}"
    );
    assert!(text.contains("[resolved: Budget raised]"), "{text}");
}
