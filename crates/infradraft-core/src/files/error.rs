//! What can go wrong when reading or writing a session file, each naming the file.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

/// Why a parse failed: the file ends early, is not RON, or is RON of another shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseProblem {
    Truncated,
    Syntax,
    Shape,
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: no such file", path.display())]
    NotFound { path: PathBuf },

    #[error("{}: is a directory, not a session file", path.display())]
    IsDirectory { path: PathBuf },

    /// A FIFO, device or socket: refused without being read or waited on.
    #[error("{}: {kind}", path.display())]
    NotRegular { path: PathBuf, kind: String },

    #[error("{}: the file is empty", path.display())]
    Empty { path: PathBuf },

    #[error("{}: not a text file (binary data at byte {offset})", path.display())]
    Binary { path: PathBuf, offset: usize },

    #[error("{}: not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },

    #[error("{}: {size} bytes is larger than the {limit}-byte limit", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },

    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        path: PathBuf,
        problem: ParseProblem,
        line: usize,
        col: usize,
        message: String,
    },

    #[error(
        "{}: written in session format version {found}, but this infradraft reads versions up to {supported}; upgrade infradraft to open it (the file was not changed)",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },

    /// An id that names files or is a key is not a slug; `at` is `:LINE:COL` where it was found.
    #[error(
        "{}{at}: {what} id {id:?} is not a slug (lowercase letters, digits and hyphens); the session is refused",
        path.display()
    )]
    BadId {
        path: PathBuf,
        at: String,
        what: &'static str,
        id: String,
    },

    #[error("{}: cannot save: {source} (the previous file is unchanged)", path.display())]
    Write { path: PathBuf, source: io::Error },

    #[error("{}: the session is open for writing in another infradraft process", path.display())]
    Locked { path: PathBuf },

    #[error("{}: already exists; pass --force to replace it (the old file is kept as .bak)", path.display())]
    Exists { path: PathBuf },
}

impl StoreError {
    /// The error for a failed read of `path`: not found, a directory, or the I/O error.
    pub fn from_read_public(path: &std::path::Path, source: io::Error) -> StoreError {
        StoreError::from_read(path.to_path_buf(), source)
    }

    /// The error for a file at `path` that [`read_regular`](super::read_regular) refused.
    pub fn from_problem(path: &std::path::Path, problem: super::ReadProblem) -> StoreError {
        use super::ReadProblem as P;
        let path = path.to_path_buf();
        match problem {
            P::NotFound => StoreError::NotFound { path },
            P::IsDirectory => StoreError::IsDirectory { path },
            P::NotRegular { .. } => StoreError::NotRegular {
                path,
                kind: problem.to_string(),
            },
            P::TooLarge { size, limit } => StoreError::TooLarge { path, size, limit },
            P::Io(source) => StoreError::from_read(path, source),
        }
    }

    /// Maps an I/O error from opening or reading `path` onto the matching variant.
    pub(crate) fn from_read(path: PathBuf, source: io::Error) -> StoreError {
        match source.kind() {
            io::ErrorKind::NotFound => StoreError::NotFound { path },
            io::ErrorKind::IsADirectory => StoreError::IsDirectory { path },
            _ => StoreError::Read { path, source },
        }
    }
}
