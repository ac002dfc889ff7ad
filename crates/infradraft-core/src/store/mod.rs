//! Persistence of sessions: versioned RON, crash-safe saves with a `.bak`, and OS locks so that
//! only one process writes a session at a time.

mod format;
mod lock;
mod migrate;
mod peek;
mod recent;

use std::path::{Path, PathBuf};

// The careful file handling sessions are saved with, re-exported for the callers of the store.
pub use crate::files::{
    BOM, Links, MAX_SETTINGS_BYTES, ParseProblem, ReadProblem, StoreError, WriteOptions,
    backup_path, from_ron, open_device, read_capped, read_regular, read_settings, strip_bom,
    text_of, to_ron, write_atomic, write_in_dir, write_to_device,
};
pub use format::{format_version_of, session_from_text};
pub use lock::{LockGuard, held_elsewhere, holder, lock_blocking, lock_path_for, try_lock};
pub use peek::{Peek, modified, peek};
pub use recent::{RECENT_LIMIT, RecentEntry, RecentIndex, read_recent, remember};

use crate::model::Session;

/// Session files larger than this are refused before they are read.
pub const MAX_SESSION_BYTES: u64 = 256 * 1024 * 1024;

/// A session read from disk.
#[derive(Debug)]
pub struct Loaded {
    pub session: Session,
    /// The format version the file was in, when it was older than the current one.
    pub migrated_from: Option<u32>,
}

/// Reads and parses a session file. Never writes anything. Only a regular file is read (a FIFO or
/// device is refused without waiting on it), at most [`MAX_SESSION_BYTES`] of it.
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    let bytes = read_file(path, MAX_SESSION_BYTES)?;
    let text = text_of(path, &bytes)?;
    let (session, migrated_from) = session_from_text(path, text)?;
    Ok(Loaded {
        session,
        migrated_from,
    })
}

/// [`read_regular`] with its refusal as a [`StoreError`] naming `path`.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, StoreError> {
    read_regular(path, limit).map_err(|p| StoreError::from_problem(path, p))
}

/// Writes `session` to `path` atomically, keeping the previous file as `<path>.bak` (beside the
/// file a symbolic link points at). A new session file is readable by its owner only: it embeds
/// the inputs.
pub fn save(path: &Path, session: &Session) -> Result<(), StoreError> {
    let text = to_ron(session).map_err(|e| StoreError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    write_atomic(path, text.as_bytes(), WriteOptions::SESSION).map_err(|source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// How a session was opened.
#[derive(Debug)]
pub enum Access {
    /// This process holds the write lock.
    ReadWrite(LockGuard),
    /// Look, don't save.
    ReadOnly(ReadOnlyReason),
}

/// Why a session was opened read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another process holds the write lock (its pid, when known).
    HeldElsewhere { pid: Option<u32> },
    /// The lock could not be taken at all (e.g. a read-only directory).
    CannotLock { why: String },
}

impl std::fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadOnlyReason::HeldElsewhere { pid: Some(pid) } => {
                write!(
                    f,
                    "open for writing in another infradraft process (pid {pid})"
                )
            }
            ReadOnlyReason::HeldElsewhere { pid: None } => {
                write!(f, "open for writing in another infradraft process")
            }
            ReadOnlyReason::CannotLock { why } => write!(f, "cannot take the write lock: {why}"),
        }
    }
}

impl Access {
    pub fn is_read_only(&self) -> bool {
        matches!(self, Access::ReadOnly(_))
    }
}

/// A session file opened for work: the loaded session and whether this process may save it.
#[derive(Debug)]
pub struct OpenSession {
    pub path: PathBuf,
    pub loaded: Loaded,
    pub access: Access,
}

/// Opens a session for work: loads it and takes the write lock if no other process has it. When
/// the lock cannot be had, the session still opens, read-only, and says why.
pub fn open(path: &Path) -> Result<OpenSession, StoreError> {
    let loaded = load(path)?;
    let access = match lock_for_writing(path) {
        Ok(access) => access,
        Err(e) => Access::ReadOnly(ReadOnlyReason::CannotLock {
            why: match e {
                StoreError::Write { source, .. } => source.to_string(),
                other => other.to_string(),
            },
        }),
    };
    Ok(OpenSession {
        path: path.to_path_buf(),
        loaded,
        access,
    })
}

/// Takes the write lock of `path`, or says who has it.
pub fn lock_for_writing(path: &Path) -> Result<Access, StoreError> {
    match try_lock(path) {
        Ok(Some(guard)) => Ok(Access::ReadWrite(guard)),
        Ok(None) => Ok(Access::ReadOnly(ReadOnlyReason::HeldElsewhere {
            pid: holder(path),
        })),
        Err(source) => Err(StoreError::Write {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                source.kind(),
                format!(
                    "cannot use the lock file {}: {source}",
                    lock_path_for(path).display()
                ),
            ),
        }),
    }
}

/// Writes a new session file at `path`. An existing file is only replaced with `force`, and never
/// while another process holds it open.
pub fn create(path: &Path, session: &Session, force: bool) -> Result<(), StoreError> {
    if path.is_dir() {
        return Err(StoreError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if path.exists() && !force {
        return Err(StoreError::Exists {
            path: path.to_path_buf(),
        });
    }
    let _guard = match lock_for_writing(path)? {
        Access::ReadWrite(guard) => guard,
        Access::ReadOnly(_) => {
            return Err(StoreError::Locked {
                path: path.to_path_buf(),
            });
        }
    };
    save(path, session)
}

/// Where unsaved changes go when a session ends abnormally (panic, termination signal):
/// `<file>.recovery.ron` beside the session.
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".recovery.ron");
    PathBuf::from(name)
}

#[cfg(all(test, unix))]
pub(crate) use crate::files::mkfifo;
#[cfg(test)]
pub(crate) use crate::files::within_deadline;
