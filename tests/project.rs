//! The project file (`infradraft.ron`) through the real binary: `list` inside a project,
//! `check --project` passing and failing, decision numbers that stay unique when both documents
//! decide, the shared settings as defaults below the flags, and hostile project files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use infradraft::model::{AdrId, Session};
use infradraft::project::{NumberGuard, Project};
use infradraft::store;

mod common;

/// A repository (it has `.git`) holding a project file and its documents.
struct Repo {
    dir: tempfile::TempDir,
}

const PROJECT: &str = r#"(
    documents: [
        (path: "checkout/one.ron", numbers: (first: 1, last: 99)),
        (path: "payments/two.ron", numbers: (first: 100, last: 199)),
    ],
    adr_dir: "docs/adr",
)
"#;

impl Repo {
    fn new(project: &str) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        fs::create_dir_all(dir.path().join("checkout")).unwrap();
        fs::create_dir_all(dir.path().join("payments")).unwrap();
        fs::write(dir.path().join("infradraft.ron"), project).unwrap();
        Repo { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run_in(&self, cwd: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_infradraft"))
            .env("INFRADRAFT_HOME", self.path("home"))
            .env("TZ", "UTC")
            .env_remove("RUST_BACKTRACE")
            .current_dir(cwd)
            .args(args)
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in(self.dir.path(), args)
    }

    fn save(&self, name: &str, s: &Session) {
        store::save(&self.path(name), s).unwrap();
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every decision number of `s`, sorted.
fn numbers(s: &Session) -> Vec<u32> {
    infradraft::project::numbers_of(s)
        .into_iter()
        .map(|(a, _)| a.0)
        .collect()
}

/// The complete sample session with its decision numbers moved up by `by` (as a document whose
/// range starts at `by + 1` numbers them).
fn complete_numbered_from(by: u32) -> Session {
    let mut s = common::complete_session();
    let shift = |a: &mut Option<AdrId>| {
        if let Some(n) = a {
            n.0 += by;
        }
    };
    for c in &mut s.components {
        for d in c.earlier.iter_mut().chain(c.decision.as_mut()) {
            shift(&mut d.adr);
            shift(&mut d.supersedes);
            shift(&mut d.superseded_by);
        }
    }
    s.last_adr += by;
    s
}

/// A session on the sample project with no decision yet.
fn fresh_sample() -> Session {
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    infradraft::workflow::new_session(
        &infradraft::knowledge::Template::builtin().unwrap(),
        infradraft::workflow::NewSession {
            title: Some("Payments".into()),
            project: None,
            authors: vec![],
            mode: Some(infradraft::model::InteractionMode::Incremental),
            inputs: infradraft::sample::inputs(now),
        },
        now,
    )
}

#[test]
fn list_inside_a_project_shows_its_documents_then_the_recent_sessions() {
    let repo = Repo::new(PROJECT);
    repo.save("checkout/one.ron", &common::complete_session());
    // payments/two.ron is missing: marked, not an error.
    let o = repo.run_in(&repo.path("payments"), &["list"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out.starts_with(&format!(
            "project {} (2 documents)\ncheckout/one.ron\n",
            repo.path("infradraft.ron").display()
        )),
        "{out}"
    );
    assert!(
        out.contains("YOLO · 23/23 decisions made") && out.contains("numbers ADR-0001–ADR-0099"),
        "{out}"
    );
    assert!(
        out.contains("payments/two.ron\n    MISSING  numbers ADR-0100–ADR-0199\n"),
        "{out}"
    );
    let recent = out.find("\nrecent sessions:\n").expect(&out);
    assert!(out[recent..].contains("no recent sessions"), "{out}");

    // Outside the repository, no project.
    let elsewhere = tempfile::tempdir().unwrap();
    let o = repo.run_in(elsewhere.path(), &["list"]);
    assert!(o.status.success());
    assert!(!stdout(&o).contains("project "), "{}", stdout(&o));
}

#[test]
fn check_project_passes_then_fails_on_a_planted_duplicate_number() {
    let repo = Repo::new(PROJECT);
    repo.save("checkout/one.ron", &common::complete_session());
    repo.save("payments/two.ron", &complete_numbered_from(99));
    let o = repo.run_in(&repo.path("checkout"), &["check", "--project"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains("== checkout/one.ron (numbers ADR-0001–ADR-0099) =="),
        "{out}"
    );
    assert!(
        out.contains("== payments/two.ron (numbers ADR-0100–ADR-0199) =="),
        "{out}"
    );
    assert!(
        out.ends_with(
            "PASS: 2/2 document(s) pass, 0 duplicate number(s), 0 number(s) outside their range\n"
        ),
        "{out}"
    );

    // The second document numbered as if it were alone: ADR-0001… in both.
    repo.save("payments/two.ron", &common::complete_session());
    let o = repo.run(&["check", "--project"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("error: ADR-0001 is given in more than one document: checkout/one.ron (cloud-provider-strategy), payments/two.ron (cloud-provider-strategy)"),
        "{out}"
    );
    assert!(
        out.contains("error: ADR-0001 of payments/two.ron (cloud-provider-strategy) is outside the document's numbers ADR-0100–ADR-0199"),
        "{out}"
    );
    assert!(
        out.contains("FAIL: 2/2 document(s) pass, 23 duplicate number(s)"),
        "{out}"
    );

    // The same as JSON, from outside the repository with the project file's path.
    let elsewhere = tempfile::tempdir().unwrap();
    let file = repo.path("infradraft.ron");
    let o = repo.run_in(
        elsewhere.path(),
        &[
            "check",
            "--project",
            file.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let json = common::cli_env::valid_json("check", &o);
    assert_eq!(json["version"], 1);
    assert_eq!(json["passed"], false);
    assert_eq!(
        json["documents"][0]["numbers"],
        serde_json::json!({"first": 1, "last": 99})
    );
    assert_eq!(json["documents"].as_array().unwrap().len(), 2);
    assert_eq!(json["documents"][1]["path"], "payments/two.ron");
    assert_eq!(json["documents"][1]["report"]["passed"], true);
    assert_eq!(json["numbers"]["duplicates"][0]["adr"], "ADR-0001");
    assert_eq!(
        json["numbers"]["duplicates"][0]["holders"][1]["document"],
        "payments/two.ron"
    );

    // A document that is not there is an error (2); the other is still checked.
    fs::remove_file(repo.path("payments/two.ron")).unwrap();
    let o = repo.run(&["check", "--project", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let json = common::cli_env::valid_json("check", &o);
    assert_eq!(json["documents"][1]["state"], "missing");
    assert_eq!(json["documents"][0]["report"]["passed"], true);

    // --project and a session file do not go together; outside a project, --project says why.
    let o = repo.run(&["check", "--project", "checkout/one.ron", "x.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let o = repo.run_in(elsewhere.path(), &["check", "--project"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no project file"), "{}", stderr(&o));
}

#[test]
fn deciding_in_both_documents_gives_each_its_own_numbers() {
    let repo = Repo::new(PROJECT);
    repo.save("checkout/one.ron", &common::complete_session());
    // `new` in the project starts the second document's numbers at its range.
    let o = repo.run_in(
        &repo.path("payments"),
        &["new", "--sample", "--no-open", "-o", "two.ron"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let two = store::load(&repo.path("payments/two.ron")).unwrap().session;
    assert_eq!(two.last_adr, 99);

    // Two people decide at the same time, one in each document, through the core (as the
    // workbench does): the guard keeps each document in its range.
    let project = Project::load(&repo.path("infradraft.ron")).unwrap();
    let template = infradraft::knowledge::Template::builtin().unwrap();
    let mut decided = Vec::new();
    for (name, mut s) in [
        ("checkout/one.ron", common::complete_session()),
        ("payments/two.ron", fresh_sample()),
    ] {
        let doc = project.document_of(&repo.path(name)).unwrap();
        let guard = NumberGuard::enter(&mut s, doc, &project.file);
        let id = s.components[1].id.clone();
        s.component_mut(&id).unwrap().decision = None;
        if s.component(&id).unwrap().options.len() < 2 {
            for o in ["x", "y"] {
                let card = infradraft::model::OptionCard::named(o, o);
                infradraft::workflow::design::add_option(&mut s, &id, card, jiff::Timestamp::now())
                    .unwrap();
            }
        }
        let option = s.component(&id).unwrap().options[0].id.clone();
        infradraft::workflow::design::decide(
            &mut s,
            &template,
            &id,
            &option,
            "It fits.",
            &[],
            vec![],
            jiff::Timestamp::now(),
        )
        .unwrap();
        guard.check(&s).unwrap();
        decided.push(s.component(&id).unwrap().decision.as_ref().unwrap().adr);
    }
    assert_eq!(decided, [Some(AdrId(24)), Some(AdrId(100))]);

    // Through the command line: a supersede in each document takes the next number of its range.
    repo.save("payments/two.ron", &complete_numbered_from(99));
    let compute = |s: &Session| {
        s.component("compute-resources")
            .and_then(|c| c.decision.as_ref())
            .and_then(|d| d.adr)
            .unwrap()
    };
    let was = compute(&common::complete_session());
    for (name, now, was) in [
        ("checkout/one.ron", AdrId(24), was),
        ("payments/two.ron", AdrId(123), AdrId(was.0 + 99)),
    ] {
        let o = repo.run(&[
            "adr",
            "supersede",
            name,
            "compute-resources",
            "--because",
            "simpler to run",
            "--accept-conflicts",
            "accepted",
        ]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let want = format!("{now} supersedes {was}");
        assert!(stdout(&o).starts_with(&want), "{name}: {}", stdout(&o));
    }
    let o = repo.run(&["check", "--project"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let one = store::load(&repo.path("checkout/one.ron")).unwrap().session;
    let two = store::load(&repo.path("payments/two.ron")).unwrap().session;
    assert!(numbers(&one).iter().all(|n| (1..=99).contains(n)));
    assert!(numbers(&two).iter().all(|n| (100..=199).contains(n)));
}

#[test]
fn a_used_up_range_refuses_the_change_and_saves_nothing() {
    let repo = Repo::new(
        r#"(documents: [
            (path: "checkout/one.ron", numbers: (first: 1, last: 23)),
            (path: "payments/two.ron", numbers: (first: 24, last: 99)),
        ])"#,
    );
    repo.save("checkout/one.ron", &common::complete_session());
    let before = fs::read(repo.path("checkout/one.ron")).unwrap();
    let o = repo.run(&[
        "adr",
        "supersede",
        "checkout/one.ron",
        "compute-resources",
        "--because",
        "simpler to run",
        "--accept-conflicts",
        "accepted",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("ADR-0024 is outside this document's decision numbers ADR-0001–ADR-0023"),
        "{err}"
    );
    assert!(err.contains("nothing was saved"), "{err}");
    assert_eq!(fs::read(repo.path("checkout/one.ron")).unwrap(), before);
}

#[test]
fn shared_settings_are_defaults_below_the_flags() {
    let repo = Repo::new(PROJECT);
    repo.save("checkout/one.ron", &common::complete_session());
    // export: the project's ADR directory without --adr-dir, the flag's with it.
    let o = repo.run_in(
        &repo.path("checkout"),
        &["export", "one.ron", "-o", "one.md"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        repo.path("docs/adr/0001-cloud-provider-strategy.md")
            .is_file()
    );
    let o = repo.run(&[
        "export",
        "checkout/one.ron",
        "-o",
        "one.md",
        "--adr-dir",
        "mine",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(repo.path("mine/0001-cloud-provider-strategy.md").is_file());

    // new: the project's inputs directory and template.
    let shared = Repo::new(r#"(documents: [], inputs: "shared", template: "infradraft-standard")"#);
    fs::create_dir_all(shared.path("shared/docs")).unwrap();
    fs::write(
        shared.path("shared/docs/prd.md"),
        "# Ferrybook PRD\n\nBook ferries.\n",
    )
    .unwrap();
    let o = shared.run(&["new", "--no-open", "-o", "s.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("(1 input,"), "{}", stdout(&o));
    let s = store::load(&shared.path("s.ron")).unwrap().session;
    assert_eq!(s.meta.template, "infradraft-standard");
    // A flag wins over the project's inputs directory.
    fs::write(shared.path("other.md"), "# Other PRD\n").unwrap();
    let o = shared.run(&["new", "--no-open", "-o", "t.ron", "--prd", "other.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = store::load(&shared.path("t.ron")).unwrap().session;
    assert!(
        t.inputs[0].path.ends_with("other.md"),
        "{:?}",
        t.inputs[0].path
    );

    let wrong = Repo::new(r#"(documents: [], template: "acme-infra")"#);
    let o = wrong.run(&["new", "--no-open", "-o", "s.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the project's template \"acme-infra\" is neither"),
        "{}",
        stderr(&o)
    );
    assert!(!wrong.path("s.ron").exists());
}

#[test]
fn hostile_project_files_are_refused_with_one_line() {
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "escaping path",
            b"(\n    documents: [\n        (path: \"../../etc/passwd\", numbers: (first: 1, last: 9)),\n    ],\n)\n"
                .to_vec(),
            "infradraft.ron:3:16: document \"../../etc/passwd\" is outside the project",
        ),
        (
            "malformed RON",
            b"(\n    documents: [\n        (path: \"a.ron\" numbers: (first: 1, last: 9)),\n    ],\n)\n"
                .to_vec(),
            "infradraft.ron:3:",
        ),
        (
            "unknown field",
            b"(\n    documents: [],\n    adr_dirs: \"x\",\n)\n".to_vec(),
            "infradraft.ron:3:",
        ),
        (
            "huge file",
            {
                let mut v = b"(documents: [], template: \"".to_vec();
                v.extend(std::iter::repeat_n(b'a', 300 * 1024));
                v.extend(b"\")");
                v
            },
            "-byte limit",
        ),
    ];
    for (what, bytes, want) in cases {
        let repo = Repo::new("");
        fs::write(repo.path("infradraft.ron"), &bytes).unwrap();
        for args in [&["list"][..], &["check", "--project"][..]] {
            let o = repo.run_in(&repo.path("checkout"), args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{what} {args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{what} {args:?}: {err}");
            assert!(err.contains(want), "{what} {args:?}: {err}");
            assert!(!err.contains("panicked"), "{what}: {err}");
        }
    }

    // A project file that is a link is not followed.
    #[cfg(unix)]
    {
        let repo = Repo::new(PROJECT);
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("p.ron"), PROJECT).unwrap();
        fs::remove_file(repo.path("infradraft.ron")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("p.ron"), repo.path("infradraft.ron"))
            .unwrap();
        let o = repo.run(&["list"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("is a symbolic link"), "{}", stderr(&o));
    }
}
