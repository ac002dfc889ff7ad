//! The command line: argument definitions (clap) and one module per subcommand. Each subcommand
//! writes to the given output and returns an error that `main` prints as one line, exit status 2.
//! What reaches standard output is made safe for a terminal by `output` (see there for the rule).

mod adr;
mod args;
mod check;
mod diff;
mod export;
mod import;
mod import_adrs;
mod inputs;
mod list;
mod man;
mod new;
mod output;
mod project;
mod render;
mod review_summary;
mod sample_start;
mod show;

use std::io::Write;

pub use args::{
    CheckArgs, Cli, ColorArg, Command, DiffArgs, ExportArgs, ImportArgs, ModeArg, RenderArgs,
};
pub use output::diagnostic;

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
    crate::project::ProjectError,
    std::io::Error
);

pub type CliResult = Result<(), CliError>;

/// Runs the parsed command line, writing normal output to `out` (standard output; `terminal` says
/// whether it is a terminal). Returns the exit status: 0, or 1 when `check` finds the document
/// below the bar or `diff` finds a change; errors are exit status 2.
///
/// When the reader of `out` goes away (`infradraft list | head`), the output ends there, quietly:
/// the status is what the work gave (0, or `check`'s verdict). An error of the work itself is
/// still reported.
pub fn run(cli: Cli, out: &mut dyn Write, terminal: bool) -> Result<u8, CliError> {
    // A team's own knowledge (`<config>/extraction/`, …), loaded when first used. A broken file
    // is left out, and the workbench says why.
    if let Ok(home) = Home::locate() {
        crate::knowledge::use_config_dir(&home.config_dir);
    }
    output::set_quiet(cli.quiet);
    let mut stdout = output::Stdout::new(out);
    let status = match output::Content::of(cli.command.as_ref()) {
        output::Content::Document if !terminal => dispatch(cli, &mut stdout, terminal),
        // `render` knows whether it colours, so it makes its output inert itself.
        output::Content::Rendered => dispatch(cli, &mut stdout, terminal),
        _ => dispatch(
            cli,
            &mut crate::text::InertWriter::new(&mut stdout),
            terminal,
        ),
    };
    let flushed = stdout.flush();
    let status = match status {
        Err(e) if e.0 == output::CLOSED => return Ok(0),
        other => other?,
    };
    match flushed {
        Err(e) if !stdout.closed() => Err(e.into()),
        _ => Ok(status),
    }
}

/// Prints what clap has to say when the command line does not parse (or asks for `--help` or
/// `--version`), and returns the exit status: 2 for a usage error, 0 for help.
///
/// clap shows a wrong argument as it was given, escape sequences and all, and passes them to a
/// terminal. When an argument holds a control character, the message is printed plain, with the
/// argument made inert.
pub fn parse_error(e: clap::Error) -> u8 {
    let status = u8::try_from(e.exit_code()).unwrap_or(2);
    let hostile = std::env::args_os().any(|a| {
        matches!(
            crate::text::sanitize(&a.to_string_lossy()),
            std::borrow::Cow::Owned(_)
        )
    });
    if !e.use_stderr() || !hostile {
        // Help and version are our own text; a closed stdout simply ends them.
        let _ = e.print();
        return status;
    }
    let plain = <Cli as clap::CommandFactory>::command()
        .styles(clap::builder::Styles::plain())
        .try_get_matches_from(std::env::args_os())
        .err()
        .map_or_else(|| e.render().to_string(), |e| e.render().ansi().to_string());
    let _ = write!(
        std::io::stderr().lock(),
        "{}",
        crate::text::sanitize(&plain)
    );
    status
}

fn dispatch(cli: Cli, out: &mut dyn Write, terminal: bool) -> Result<u8, CliError> {
    if let Some(Command::Check(args)) = cli.command {
        return check::run(args, &Home::locate()?, out);
    }
    if let Some(Command::Diff(args)) = cli.command {
        return diff::run(args, out, terminal);
    }
    run_command(cli.command, cli.theme, out, terminal).map(|()| 0)
}

fn run_command(
    command: Option<Command>,
    theme: Option<String>,
    out: &mut dyn Write,
    terminal: bool,
) -> CliResult {
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
        Some(Command::Render(args)) => render::run(args, &Home::locate()?, theme, out, terminal),
        Some(Command::Show { session, format }) => show::run(&session, format, out),
        Some(Command::Inputs { session, format }) => inputs::run(&session, format, out),
        Some(Command::List { format }) => list::run(&Home::locate()?, format, out),
        Some(Command::Export(args)) => export::run(args, &Home::locate()?, out),
        Some(Command::Adr(args)) => adr::run(args, &Home::locate()?, out),
        Some(Command::Import(args)) => import::run(args, &Home::locate()?, out),
        Some(Command::ImportAdrs(args)) => import_adrs::run(args, &Home::locate()?, out),
        Some(Command::Check(_) | Command::Diff(_)) => unreachable!("handled by dispatch"),
        Some(Command::Review(args)) => review(args, &Home::locate()?, theme, out),
        Some(Command::MergeReview { session }) => merge_review(&session, out),
        Some(Command::Man { out: dir }) => man::run(dir.as_deref(), out),
        Some(Command::Completions { shell }) => {
            // Generated into memory first: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "infradraft", &mut script);
            out.write_all(&script)?;
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
        match args.format {
            args::FormatArg::Text => {
                out.write_all(crate::review::summary_markdown(&loaded.session, &all).as_bytes())?
            }
            args::FormatArg::Json => output::write_json(
                out,
                &review_summary::summary(&args.session, &loaded.session, &all),
            )?,
        }
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
    match &access.access {
        crate::store::Access::ReadOnly(
            reason @ crate::store::ReadOnlyReason::HeldElsewhere { .. },
        ) => {
            return Err(CliError(format!(
                "{}: {reason}; close it first",
                session.display()
            )));
        }
        crate::store::Access::ReadOnly(reason) => {
            return Err(CliError(format!("{}: {reason}", session.display())));
        }
        crate::store::Access::ReadWrite(_) => {}
    }
    let mut s = access.loaded.session;
    let path = crate::review::review_path(session);
    if !path.exists() {
        return Err(CliError(format!("{}: no such review file", path.display())));
    }
    let file = crate::review::load(&path, &s.meta.title)?;
    let report = crate::review::merge(&mut s, &file, crate::model::now());
    crate::store::save(session, &s)?;
    output::chatter(
        out,
        format_args!(
            "merged {} into {}: {} new, {} updated, {} already there",
            path.display(),
            session.display(),
            report.added,
            report.updated,
            report.unchanged
        ),
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
