//! The recent-sessions index in the data directory: which session files were worked on, newest
//! first. It only points at files; what a session holds is always read from the file itself.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{
    Links, StoreError, WriteOptions, from_ron, lock_blocking, read_file, text_of, to_ron,
    write_atomic,
};

/// How many sessions the index remembers.
pub const RECENT_LIMIT: usize = 50;

/// The index is refused beyond this size: fifty entries take a few kilobytes.
const MAX_INDEX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RecentIndex {
    pub format_version: u32,
    pub sessions: Vec<RecentEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentEntry {
    /// Absolute path of the session file.
    pub path: String,
    /// The title when it was last opened, shown when the file has gone missing.
    pub title: String,
    pub opened: Timestamp,
}

/// Reads the index; a missing index is an empty one.
pub fn read_recent(index: &Path) -> Result<RecentIndex, StoreError> {
    match read_file(index, MAX_INDEX_BYTES) {
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(RecentIndex::default()),
        Ok(bytes) => from_ron(index, text_of(index, &bytes)?),
        Err(StoreError::NotFound { .. }) => Ok(RecentIndex::default()),
        Err(e) => Err(e),
    }
}

/// Puts `session_path` at the top of the index (creating the index and its directory if needed).
pub fn remember(
    index: &Path,
    session_path: &Path,
    title: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    let write_err = |source| StoreError::Write {
        path: index.to_path_buf(),
        source,
    };
    if let Some(dir) = index.parent() {
        fs::create_dir_all(dir).map_err(write_err)?;
    }
    let absolute = absolute(session_path);
    let _guard = lock_blocking(index).map_err(write_err)?;
    let mut recent = read_recent(index)?;
    recent.format_version = 1;
    recent.sessions.retain(|e| Path::new(&e.path) != absolute);
    recent.sessions.insert(
        0,
        RecentEntry {
            path: absolute.to_string_lossy().into_owned(),
            title: title.to_string(),
            opened: now,
        },
    );
    recent.sessions.truncate(RECENT_LIMIT);
    let text = to_ron(&recent).map_err(|e| write_err(std::io::Error::other(e)))?;
    // The index is infradraft's own file in its own directory: a link there was made by its
    // owner, and is followed.
    let options = WriteOptions {
        links: Links::Follow,
        ..WriteOptions::PRIVATE
    };
    write_atomic(index, text.as_bytes(), options).map_err(write_err)
}

fn absolute(path: &Path) -> PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("data/recent.ron");
        let t = |s| Timestamp::from_second(s).unwrap();
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        fs::write(&a, "x").unwrap();
        fs::write(&b, "x").unwrap();
        remember(&index, &a, "A", t(1)).unwrap();
        remember(&index, &b, "B", t(2)).unwrap();
        remember(&index, &a, "A again", t(3)).unwrap();
        let recent = read_recent(&index).unwrap();
        let titles: Vec<&str> = recent.sessions.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["A again", "B"]);
        assert!(Path::new(&recent.sessions[0].path).is_absolute());
    }
}
