//! Where a subcommand's output goes, and how it is made safe for a terminal.
//!
//! The rule (README, "Untrusted text"):
//!
//! - **Documents** (`export` without `-o`, `review --summary`, `completions`) are the user's own
//!   Markdown or script: to a file or a pipe they keep their exact bytes; to a terminal they are
//!   made inert.
//! - **Reports and diagnostics** (`show`, `list`, `inputs`, `check`, `new`, `import`,
//!   `merge-review`, errors and warnings on stderr) are made inert wherever they go.
//! - **`render`** is made inert too, but keeps the SGR colours it adds itself (its renderer makes
//!   the document's own escapes inert before styling). So is **`diff`**, which makes every text
//!   of the sessions inert before it colours it.
//!
//! Standard output closed by its reader (`| head`) ends the output quietly: the subcommand's work
//! is done, and the exit status is that of the work (see [`Stdout`]).

use std::fmt::Display;
use std::io::{self, Write};

use super::Command;
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
            Some(Command::Review(args)) if args.summary => Content::Document,
            Some(Command::Completions { .. }) => Content::Document,
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

/// Writes one line to stderr, made inert and kept on one line. A stderr that cannot be written
/// to is ignored: there is nowhere left to say so.
pub fn diagnostic(line: impl Display) {
    let line = line.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", sanitize_line(&line));
}
