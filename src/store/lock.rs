//! Advisory OS locks that say "this session is open for writing in a process".
//!
//! The lock is taken on a hidden sibling (`.<file>.lock`), not on the session file itself, because
//! every save replaces the session file with a new one (a lock on the old file would be lost with
//! it). The lock file is removed on release; a process that locked a file that was removed in the
//! meantime notices (the path no longer names the file it holds) and tries again.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::atomic::{resolve_links, sibling};

/// A held lock; released (and its file removed) on drop.
#[derive(Debug)]
pub struct LockGuard {
    path: PathBuf,
    file: Option<File>,
}

impl LockGuard {
    pub fn lock_path(&self) -> &Path {
        &self.path
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Remove first, while still holding the lock, so no one can lock a file about to vanish
        // without noticing.
        let _ = fs::remove_file(&self.path);
        if let Some(file) = self.file.take() {
            let _ = file.unlock();
        }
    }
}

/// The lock file that guards `target`: beside the file itself once symbolic links are followed,
/// so that every name of one session shares one lock.
pub fn lock_path_for(target: &Path) -> PathBuf {
    let file = resolve_links(target).unwrap_or_else(|_| target.to_path_buf());
    sibling(&file, ".", ".lock")
}

/// Tries to take the write lock of `target` without waiting. `Ok(None)` means another process (or
/// another handle in this one) holds it; its pid is in [`holder`].
pub fn try_lock(target: &Path) -> io::Result<Option<LockGuard>> {
    lock(target, false)
}

/// Takes the lock of `target`, waiting for the holder to release it. For short critical sections
/// such as updating the recent-sessions index.
pub fn lock_blocking(target: &Path) -> io::Result<LockGuard> {
    lock(target, true).map(|g| g.expect("a blocking lock always ends up held"))
}

fn lock(target: &Path, wait: bool) -> io::Result<Option<LockGuard>> {
    let path = lock_path_for(target);
    for _ in 0..16 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        if wait {
            file.lock()?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(e),
            }
        }
        if !same_file(&file, &path) {
            // The previous holder removed the file after we opened it: start over.
            continue;
        }
        file.set_len(0)?;
        file.rewind()?;
        writeln!(file, "{}", std::process::id())?;
        return Ok(Some(LockGuard {
            path,
            file: Some(file),
        }));
    }
    Err(io::Error::other(format!(
        "{}: could not take the lock (it kept being replaced)",
        path.display()
    )))
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// The pid written by the process that holds the lock of `target`, if it can be read.
pub fn holder(target: &Path) -> Option<u32> {
    let mut text = String::new();
    File::open(lock_path_for(target))
        .ok()?
        .read_to_string(&mut text)
        .ok()?;
    text.trim().parse().ok()
}

/// Whether another process holds the write lock of `target` (with its pid when known), checked
/// without creating anything: a shared lock on an existing lock file fails while a writer holds it.
pub fn held_elsewhere(target: &Path) -> Option<Option<u32>> {
    let file = File::open(lock_path_for(target)).ok()?;
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(_) => Some(holder(target)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_handle_is_refused_until_the_first_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("s.ron");
        let first = try_lock(&target).unwrap().expect("first lock");
        assert!(try_lock(&target).unwrap().is_none());
        assert_eq!(holder(&target), Some(std::process::id()));
        drop(first);
        assert!(!lock_path_for(&target).exists());
        let again = try_lock(&target).unwrap();
        assert!(again.is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_session_and_a_link_to_it_share_one_lock() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("repo")).unwrap();
        let target = dir.path().join("repo/s.ron");
        std::fs::write(&target, "x").unwrap();
        let link = dir.path().join("s.ron");
        std::os::unix::fs::symlink("repo/s.ron", &link).unwrap();
        assert_eq!(lock_path_for(&link), dir.path().join("repo/.s.ron.lock"));
        let held = try_lock(&link).unwrap().expect("first lock");
        assert!(
            try_lock(&target).unwrap().is_none(),
            "held through the link"
        );
        assert!(
            held_elsewhere(&target).is_some(),
            "seen through the other name"
        );
        drop(held);
        assert!(try_lock(&target).unwrap().is_some());
    }
}
