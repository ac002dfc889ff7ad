//! The command line: argument definitions (clap) and one module per subcommand. Each subcommand
//! writes to the given output and returns an error that `main` prints as one line, exit status 2.

mod args;
mod check;
mod export;
mod import;
mod inputs;
mod list;
mod new;
mod render;
mod sample_start;
mod show;

use std::io::Write;

pub use args::{CheckArgs, Cli, ColorArg, Command, ExportArgs, ImportArgs, ModeArg, RenderArgs};

use crate::home::Home;

/// A user-facing error: one line, already naming the file and the problem.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::text::sanitize_line(&self.0))
    }
}

macro_rules! cli_error_from {
    ($($t:ty),*) => {$(
        impl From<$t> for CliError {
            fn from(e: $t) -> Self { CliError(e.to_string()) }
        }
    )*};
}
cli_error_from!(
    crate::store::StoreError,
    crate::inputs::InputError,
    crate::knowledge::TemplateError,
    crate::home::HomeError,
    std::io::Error
);

pub type CliResult = Result<(), CliError>;

/// Runs the parsed command line, writing normal output to `out`. Returns the exit status: 0, or 1
/// when `check` finds the document below the bar; errors are exit status 2.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<u8, CliError> {
    let theme = cli.theme;
    if let Some(Command::Check(args)) = cli.command {
        return check::run(args, &Home::locate()?, out);
    }
    run_command(cli.command, theme, out).map(|()| 0)
}

fn run_command(command: Option<Command>, theme: Option<String>, out: &mut dyn Write) -> CliResult {
    match command {
        None => sample_start::run(&Home::locate()?, theme, out),
        Some(Command::New(args)) => new::run(args, &Home::locate()?, theme, out),
        Some(Command::Open { session }) => open(&session, &Home::locate()?, theme),
        Some(Command::Resume) => {
            let home = Home::locate()?;
            let recent = crate::store::read_recent(&home.recent_index())?;
            let entry = recent
                .sessions
                .iter()
                .find(|e| std::path::Path::new(&e.path).exists())
                .ok_or_else(|| {
                    CliError("no recent session to resume (see `infradraft list`)".into())
                })?;
            open(std::path::Path::new(&entry.path), &home, theme)
        }
        Some(Command::Render(args)) => render::run(args, &Home::locate()?, theme, out),
        Some(Command::Show { session }) => show::run(&session, out),
        Some(Command::Inputs { session }) => inputs::run(&session, out),
        Some(Command::List) => list::run(&Home::locate()?, out),
        Some(Command::Export(args)) => export::run(args, &Home::locate()?, out),
        Some(Command::Import(args)) => import::run(args, &Home::locate()?, out),
        Some(Command::Check(_)) => unreachable!("handled by run"),
        Some(Command::Review(args)) => review(args, &Home::locate()?, theme, out),
        Some(Command::MergeReview { session }) => merge_review(&session, out),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "infradraft", out);
            Ok(())
        }
    }
}

fn review(
    args: args::ReviewArgs,
    home: &Home,
    theme: Option<String>,
    out: &mut dyn Write,
) -> CliResult {
    if args.summary {
        let loaded = crate::store::load(&args.session)?;
        let path = crate::review::review_path(&args.session);
        let file = crate::review::load(&path, &loaded.session.meta.title)?;
        let mut all = loaded.session.review_comments.clone();
        for c in file.comments {
            match all.iter_mut().find(|x| x.id == c.id) {
                Some(x) => *x = c,
                None => all.push(c),
            }
        }
        out.write_all(crate::review::summary_markdown(&loaded.session, &all).as_bytes())?;
        return Ok(());
    }
    if !interactive() {
        return Err(CliError(format!(
            "{}: the workbench needs a terminal; `infradraft review --summary` prints the review without one",
            args.session.display()
        )));
    }
    let author = args
        .author
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "reviewer".into());
    crate::tui::open_review(&args.session, home, theme, &author).map_err(CliError)
}

fn merge_review(session: &std::path::Path, out: &mut dyn Write) -> CliResult {
    let access = crate::store::open(session)?;
    if let crate::store::Access::ReadOnly(reason) = &access.access {
        return Err(CliError(format!(
            "{}: {reason}; close it first",
            session.display()
        )));
    }
    let mut s = access.loaded.session;
    let path = crate::review::review_path(session);
    if !path.exists() {
        return Err(CliError(format!("{}: no such review file", path.display())));
    }
    let file = crate::review::load(&path, &s.meta.title)?;
    let report = crate::review::merge(&mut s, &file, crate::model::now());
    crate::store::save(session, &s)?;
    writeln!(
        out,
        "merged {} into {}: {} new, {} updated, {} already there",
        path.display(),
        session.display(),
        report.added,
        report.updated,
        report.unchanged
    )?;
    Ok(())
}

/// Opens the workbench on `path`; the workbench needs a terminal.
pub(crate) fn open(path: &std::path::Path, home: &Home, theme: Option<String>) -> CliResult {
    if !interactive() {
        return Err(CliError(format!(
            "{}: the workbench needs a terminal (stdin and stdout must be one); `infradraft show` summarises a session without one",
            path.display()
        )));
    }
    crate::tui::open_workbench(path, home, theme).map_err(CliError)
}

/// Whether both stdin and stdout are terminals.
pub(crate) fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// "2026-11-23 22:59 UTC" in the system's time zone.
pub(crate) fn local_time(ts: jiff::Timestamp) -> String {
    ts.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}
