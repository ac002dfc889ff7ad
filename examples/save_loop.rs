//! Saves one session over and over, for the kill -9 test in `tests/reliability.rs`.
//!
//! ```sh
//! cargo run --example save_loop -- /tmp/s.ron
//! ```
//!
//! Opens the session at the given path (creating it from the bundled sample when it does not
//! exist) with the write lock, then forever: bumps a counter N kept in the session (the title
//! becomes `save N` and the line `N` is appended to the first section's body, so the file grows
//! with every save and title and body must agree), saves it with `store::save`, and prints
//! `saved N` on stdout (flushed). It never stops by itself: stop it with a signal.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use infradraft::knowledge::Template;
use infradraft::store::{self, Access};
use infradraft::workflow::{NewSession, new_session};

/// The counter a session holds: N from a title `save N`, 0 for any other title.
fn counter(title: &str) -> u64 {
    title
        .strip_prefix("save ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: save_loop SESSION");
        return ExitCode::from(2);
    };
    if !path.exists() {
        let now = infradraft::model::now();
        let template = match Template::builtin() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("save_loop: {e}");
                return ExitCode::from(2);
            }
        };
        let inputs = infradraft::sample::inputs(now);
        let session = new_session(
            &template,
            NewSession {
                title: Some("save 0".into()),
                project: None,
                authors: vec![],
                mode: None,
                inputs,
            },
            now,
        );
        if let Err(e) = store::create(&path, &session, false) {
            eprintln!("save_loop: {e}");
            return ExitCode::from(2);
        }
    }
    let open = match store::open(&path) {
        Ok(open) => open,
        Err(e) => {
            eprintln!("save_loop: {e}");
            return ExitCode::from(2);
        }
    };
    // Keep the lock for as long as the process lives, as the workbench does.
    let _guard = match open.access {
        Access::ReadWrite(guard) => guard,
        Access::ReadOnly(why) => {
            eprintln!("save_loop: {}: read-only: {why}", path.display());
            return ExitCode::from(3);
        }
    };
    let mut session = open.loaded.session;
    let mut n = counter(&session.meta.title);
    let mut stdout = std::io::stdout().lock();
    loop {
        n += 1;
        session.meta.title = format!("save {n}");
        let body = &mut session.sections[0].body;
        body.push_str(&n.to_string());
        body.push('\n');
        if let Err(e) = store::save(&path, &session) {
            eprintln!("save_loop: {e}");
            return ExitCode::from(2);
        }
        if writeln!(stdout, "saved {n}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            // Nobody is listening any more.
            return ExitCode::SUCCESS;
        }
    }
}
