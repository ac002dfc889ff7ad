//! Where a subcommand's output goes, and how it is made safe for a terminal.
//!
//! The rule (README, "Untrusted text"):
//!
//! - **Documents** (`export` without `-o`, `review --summary`, `completions`, `man` without
//!   `--out`) are the user's own Markdown, a script or a manual page: to a file or a pipe they
//!   keep their exact bytes; to a terminal they are made inert.
//! - **Reports and diagnostics** (`show`, `list`, `inputs`, `check`, `new`, `import`,
//!   `merge-review`, errors and warnings on stderr) are made inert wherever they go. So is every
//!   `--format json` (`review --summary --format json` included): its strings keep every
//!   character, those a terminal would act on written as `\uXXXX` escapes ([`write_json`]).
//! - **`render`** is made inert too, but keeps the SGR colours it adds itself (its renderer makes
//!   the document's own escapes inert before styling). So is **`diff`**, which makes every text
//!   of the sessions inert before it colours it.
//!
//! With `--quiet` (`-q`), the chatter goes: the lines that only say what was done or what
//! happens next ("wrote …", "merged …", "ADR-0007 amended …; saved …", "drafted …", the import's
//! heading map, `note:` lines). What remains is the command's result (`show`, `list`, `inputs`,
//! `check`'s report, `diff`, `export` and `review --summary` to stdout, `adr list`, the records
//! `import-adrs` read, `render`, `completions`, `man`), warnings and everything else that reports
//! a problem (a skipped file, a stale decision record), and errors. Exit statuses do not change.
//! Subcommands write chatter through [`chatter`] (to their output) or [`note`] (to stderr).
//!
//! Standard output closed by its reader (`| head`) ends the output quietly: the subcommand's work
//! is done, and the exit status is that of the work (see [`Stdout`]).

use std::fmt::Display;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use super::Command;
use super::args::FormatArg;
use crate::text::sanitize_line;

/// What a subcommand writes to standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Content {
    /// Lines about sessions and files: always inert.
    Report,
    /// The user's document: exact bytes, inert on a terminal.
    Document,
    /// `render`: inert, with its own colours.
    Rendered,
}

impl Content {
    pub(crate) fn of(command: Option<&Command>) -> Content {
        match command {
            Some(Command::Export(args)) if args.output.is_none() => Content::Document,
            Some(Command::Review(args)) if args.summary && args.format == FormatArg::Text => {
                Content::Document
            }
            Some(Command::Completions { .. }) => Content::Document,
            Some(Command::Man { out: None }) => Content::Document,
            Some(Command::Render(_) | Command::Diff(_)) => Content::Rendered,
            _ => Content::Report,
        }
    }
}

/// The error every write to standard output gives once its reader has gone away, so that `run`
/// tells it from the errors of the work.
pub(crate) const CLOSED: &str = "standard output was closed by its reader";

/// Standard output as the subcommands write to it. It remembers that the reader went away (a
/// closed pipe), so that `run` can end quietly, and names standard output in other write errors
/// (a full disk under `> file`).
pub(crate) struct Stdout<'a> {
    inner: &'a mut dyn Write,
    closed: bool,
}

impl<'a> Stdout<'a> {
    pub(crate) fn new(inner: &'a mut dyn Write) -> Stdout<'a> {
        Stdout {
            inner,
            closed: false,
        }
    }

    /// Whether a write found the reading end closed.
    pub(crate) fn closed(&self) -> bool {
        self.closed
    }

    fn check<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        result.map_err(|e| {
            if e.kind() == io::ErrorKind::BrokenPipe {
                self.closed = true;
                closed()
            } else {
                io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
            }
        })
    }
}

impl Write for Stdout<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Err(closed());
        }
        let result = self.inner.write(buf);
        self.check(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Err(closed());
        }
        let result = self.inner.flush();
        self.check(result)
    }
}

fn closed() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, CLOSED)
}

/// Whether an error is the reader of standard output having gone away.
pub(crate) fn is_closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Writes `value` to `out` as pretty-printed JSON and a newline: the `--format json` of every
/// subcommand that has one. Characters a terminal would act on are written as `\uXXXX` escapes
/// (the same strings to a JSON reader), so the JSON is inert wherever it goes.
pub(crate) fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    let json = serde_json::to_string_pretty(value)
        .map_err(|e| io::Error::other(format!("cannot write JSON: {e}")))?;
    writeln!(out, "{}", super::check::escape_controls(&json))
}

/// Writes one line to stderr, made inert and kept on one line. A stderr that cannot be written
/// to is ignored: there is nowhere left to say so.
pub fn diagnostic(line: impl Display) {
    let line = line.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", sanitize_line(&line));
}

/// Whether `--quiet` was given: set once by `run`, before any subcommand runs.
static QUIET: AtomicBool = AtomicBool::new(false);

pub(crate) fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Writes an informational line (what was done, what happens next) to `out`, unless `--quiet`.
pub(crate) fn chatter(out: &mut dyn Write, line: impl Display) -> io::Result<()> {
    if QUIET.load(Ordering::Relaxed) {
        return Ok(());
    }
    writeln!(out, "{line}")
}

/// Writes an informational line to stderr like [`diagnostic`], unless `--quiet`.
pub(crate) fn note(line: impl Display) {
    if !QUIET.load(Ordering::Relaxed) {
        diagnostic(line);
    }
}
