//! `--quiet` and `infradraft man`, through the real binary: with `-q` the confirmations and notes
//! go while results, warnings and errors stay and exit statuses do not change; the manual pages
//! name every subcommand and leave `--help` as it was.

use std::process::Output;

use infradraft::store;

mod common;

use common::cli_env::{CliEnv as Env, stderr, stdout};

/// Runs `args` with and without `-q` (the flag placed as given) and returns both outputs.
fn both(env: &Env, loud: &[&str], quiet: &[&str]) -> (Output, Output) {
    (env.run(loud), env.run(quiet))
}

#[test]
fn new_with_quiet_writes_the_session_and_says_nothing() {
    let env = Env::new();
    let o = env.run(&["new", "--sample", "--no-open", "-o", "a.ron"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("wrote a.ron: "), "{}", stdout(&o));

    let o = env.run(&[
        "-q",
        "new",
        "--sample",
        "--no-open",
        "--mode",
        "yolo",
        "-o",
        "b.ron",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!((stdout(&o).as_str(), stderr(&o).as_str()), ("", ""));
    let s = store::load(&env.path("b.ron")).unwrap().session;
    assert!(
        s.components.iter().all(|c| c.recommendation.is_some()),
        "drafted all the same"
    );

    // The note about missing inputs goes too; the error of an existing file stays.
    let o = env.run(&["new", "--no-open", "-o", "c.ron", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let loud = env.run(&["new", "--no-open", "-o", "d.ron"]);
    assert!(
        stdout(&loud).contains("note: no input documents"),
        "{}",
        stdout(&loud)
    );
    let o = env.run(&["-q", "new", "--sample", "--no-open", "-o", "a.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("infradraft: "), "{}", stderr(&o));
    assert!(stderr(&o).contains("a.ron"), "{}", stderr(&o));
}

#[test]
fn export_keeps_the_document_and_drops_the_wrote_lines() {
    let env = Env::new();
    let path = env.path("s.ron");
    store::save(&path, &common::complete_session()).unwrap();
    let s = path.to_str().unwrap();

    let (loud, quiet) = both(
        &env,
        &["export", s, "-o", "doc.md", "--adr-dir", "adr"],
        &["export", s, "-q", "-o", "doc2.md", "--adr-dir", "adr2"],
    );
    assert!(
        loud.status.success() && quiet.status.success(),
        "{}",
        stderr(&quiet)
    );
    assert!(stdout(&loud).contains("wrote doc.md"), "{}", stdout(&loud));
    assert!(
        stdout(&loud).contains("decision record(s) to adr"),
        "{}",
        stdout(&loud)
    );
    assert_eq!(stdout(&quiet), "");
    assert_eq!(
        std::fs::read(env.path("doc.md")).unwrap(),
        std::fs::read(env.path("doc2.md")).unwrap()
    );
    assert_eq!(
        std::fs::read_dir(env.path("adr")).unwrap().count(),
        std::fs::read_dir(env.path("adr2")).unwrap().count()
    );

    // To stdout, the document is the result: it stays; the records' line on stderr goes.
    let (loud, quiet) = both(
        &env,
        &["export", s, "--adr-dir", "adr3"],
        &["--quiet", "export", s, "--adr-dir", "adr4"],
    );
    assert_eq!(stdout(&loud), stdout(&quiet));
    assert!(stdout(&quiet).starts_with("# "), "{}", stdout(&quiet));
    assert!(
        stderr(&loud).contains("decision record(s) to adr3"),
        "{}",
        stderr(&loud)
    );
    assert_eq!(stderr(&quiet), "");

    // A stale record is a problem to report: it stays on stderr.
    std::fs::remove_file(
        env.path("adr4").join(
            std::fs::read_dir(env.path("adr4"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .find(|n| n.to_string_lossy().ends_with(".md") && n != "README.md")
                .unwrap(),
        ),
    )
    .unwrap();
    let mut fewer = common::complete_session();
    let gone = fewer
        .components
        .iter()
        .position(|c| c.decision.is_some())
        .unwrap();
    fewer.components.remove(gone);
    store::save(&path, &fewer).unwrap();
    let o = env.run(&["-q", "export", s, "-o", "doc3.md", "--adr-dir", "adr2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("stale decision record: "),
        "{}",
        stderr(&o)
    );

    let o = env.run(&["-q", "export", "missing.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.ron"), "{}", stderr(&o));
}

#[test]
fn adr_commands_are_silent_with_quiet_but_list_and_errors_stay() {
    let env = Env::new();
    let path = env.path("s.ron");
    let complete = common::complete_session();
    store::save(&path, &complete).unwrap();
    let s = path.to_str().unwrap();
    let c = &complete.components[0];

    let (loud, quiet) = both(&env, &["adr", "list", s], &["-q", "adr", "list", s]);
    assert_eq!(stdout(&loud), stdout(&quiet));
    assert!(stdout(&quiet).starts_with("ADR-"), "{}", stdout(&quiet));

    let o = env.run(&["adr", "people", s, &c.id, "--decision-maker", "Ada"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("people set; saved"), "{}", stdout(&o));
    let o = env.run(&["adr", "people", s, &c.id, "--decision-maker", "Bob", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!((stdout(&o).as_str(), stderr(&o).as_str()), ("", ""));
    let people = &store::load(&path).unwrap().session.components[0]
        .decision
        .clone()
        .unwrap()
        .people;
    assert_eq!(people.decision_makers, ["Bob"], "saved all the same");

    let o = env.run(&["-q", "adr", "deprecate", s, &c.id, "--because", "moved on"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        store::load(&path).unwrap().session.components[0]
            .decision
            .is_none()
    );

    // Errors still print, with the same status.
    let o = env.run(&["-q", "adr", "reject", s, &c.id, "--because", "again"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("infradraft: "), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn results_are_the_same_with_quiet() {
    let env = Env::new();
    let o = env.run(&["new", "--sample", "--no-open", "-o", "s.ron"]);
    assert!(o.status.success());
    for args in [
        vec!["show", "s.ron"],
        vec!["inputs", "s.ron", "--format", "json"],
        vec!["check", "s.ron"],
        vec!["review", "s.ron", "--summary"],
    ] {
        let loud = env.run(&args);
        let mut q = vec!["-q"];
        q.extend(&args);
        let quiet = env.run(&q);
        assert_eq!(loud.status.code(), quiet.status.code(), "{args:?}");
        assert_eq!(stdout(&loud), stdout(&quiet), "{args:?}");
        assert!(!stdout(&quiet).is_empty(), "{args:?}");
    }
    assert_eq!(env.run(&["check", "s.ron", "-q"]).status.code(), Some(1));
}

/// A name as roff writes it: hyphens escaped (`merge\\-review`).
fn roff_name(name: &str) -> String {
    name.replace('-', "\\-")
}

#[test]
fn man_writes_the_main_page_or_every_page() {
    let env = Env::new();
    let help_before: Vec<String> = ["show", "list", "export"]
        .iter()
        .map(|s| stdout(&env.run(&[s, "--help"])))
        .collect();

    let o = env.run(&["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.starts_with(".TH infradraft 1 "), "{page}");
    let top = <infradraft::cli::Cli as clap::CommandFactory>::command();
    for sub in top.get_subcommands() {
        assert!(
            page.contains(&format!("infradraft\\-{}", roff_name(sub.get_name()))),
            "the main page lacks {}",
            sub.get_name()
        );
    }
    assert!(page.contains("\\-\\-quiet"), "{page}");

    let o = env.run(&["man", "--out", "man/man1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("wrote "), "{}", stdout(&o));
    let dir = env.path("man/man1");
    assert_eq!(
        std::fs::read_to_string(dir.join("infradraft.1")).unwrap(),
        page
    );
    for sub in top.get_subcommands() {
        let file = dir.join(format!("infradraft-{}.1", sub.get_name()));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            text.starts_with(&format!(
                ".TH infradraft-{} 1  \"infradraft {}\"",
                sub.get_name(),
                env!("CARGO_PKG_VERSION")
            )),
            "{}",
            file.display()
        );
    }
    assert!(dir.join("infradraft-adr-supersede.1").exists());

    let o = env.run(&["-q", "man", "--out", "man/man1"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
    std::fs::write(env.path("file"), "").unwrap();
    let o = env.run(&["man", "--out", "file"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("file"), "{}", stderr(&o));

    let help_after: Vec<String> = ["show", "list", "export"]
        .iter()
        .map(|s| stdout(&env.run(&[s, "--help"])))
        .collect();
    assert_eq!(help_before, help_after);
}
