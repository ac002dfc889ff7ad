//! `infradraft` without a subcommand: the sample project, in a session kept in the data directory.

use std::io::Write;

use super::CliResult;
use super::output::chatter;
use super::show::summary;
use crate::home::Home;
use crate::knowledge::Template;
use crate::store;
use crate::workflow::{NewSession, new_session};

/// Opens the sample session in the workbench (creating it the first time); without a terminal,
/// prints its summary instead.
pub fn run(home: &Home, theme: Option<String>, out: &mut dyn Write) -> CliResult {
    let path = home.sample_session();
    let now = crate::model::now();
    let created = !path.exists();
    if created {
        std::fs::create_dir_all(&home.data_dir).map_err(|e| {
            super::CliError(format!("{}: cannot create: {e}", home.data_dir.display()))
        })?;
        let inputs = crate::sample::inputs(now);
        let session = new_session(
            &Template::for_new_session(&home.config_dir)?,
            NewSession {
                title: None,
                project: None,
                authors: Vec::new(),
                mode: None,
                inputs,
            },
            now,
        );
        store::create(&path, &session, false)?;
    }
    if super::interactive() {
        return super::open(&path, home, theme);
    }
    let loaded = store::load(&path)?;
    store::remember(&home.recent_index(), &path, &loaded.session.meta.title, now)?;
    chatter(
        out,
        format_args!(
            "{} the sample session:\n",
            if created { "Created" } else { "Opened" }
        ),
    )?;
    out.write_all(summary(&path, &loaded.session, store::modified(&path)).as_bytes())?;
    chatter(
        out,
        "\nStart a session of your own with `infradraft new` in a repository with docs/prd.md (see --help).",
    )?;
    Ok(())
}
