//! Advisory OS locks that say "this session is open for writing in a process".
//!
//! The lock is taken on a hidden sibling (`.<file>.lock`), not on the session file itself, because
//! every save replaces the session file with a new one (a lock on the old file would be lost with
//! it). The lock file is removed on release; a process that locked a file that was removed in the
//! meantime notices (the path no longer names the file it holds) and tries again.
//!
//! The lock file's name is derived, so someone else may have put something there first (git
//! stores symbolic links, so a cloned repository can carry `.SESSION.lock`). It is never followed
//! as a link, never waited on as a FIFO, and never emptied unless it holds only a pid: anything
//! else is an error naming it, and is left as it is.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::files::{resolve_links, sibling};

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
        let Some((mut file, created)) = open_lock_file(&path)? else {
            // Removed between two looks: start over.
            continue;
        };
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
        if !created {
            // Only a lock file as infradraft writes them (a pid, or nothing) is ever emptied.
            check_lock_content(&mut file)?;
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

/// The lock file at `path`, and whether this call created it; `None` when it vanished between
/// two looks. Never follows a symbolic link (a planted one is an error, and its target is left
/// byte-identical) and never waits on a FIFO; anything but a regular file is refused.
fn open_lock_file(path: &Path) -> io::Result<Option<(File, bool)>> {
    let mut create = OpenOptions::new();
    create.read(true).write(true).create_new(true);
    no_follow(&mut create);
    match create.open(path) {
        Ok(file) => return Ok(Some((file, true))),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let mut existing = OpenOptions::new();
    existing.read(true).write(true);
    no_follow(&mut existing);
    let file = match existing.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) if is_link_refusal(&e) || is_symlink(path) => return Err(link_refused()),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other(
            "it is not a regular file (a FIFO, device or directory); not touching it",
        ));
    }
    if several_names(&meta) {
        return Err(io::Error::other(
            "it has other names (hard links) and may be someone's file; not touching it",
        ));
    }
    Ok(Some((file, false)))
}

fn link_refused() -> io::Error {
    io::Error::other(
        "it is a symbolic link, which infradraft never follows there (the link and its target \
         are left as they are); remove the link",
    )
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[cfg(unix)]
fn is_link_refusal(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_link_refusal(_e: &io::Error) -> bool {
    false
}

/// `O_NOFOLLOW | O_NONBLOCK`: no link at the last component, and no waiting on a FIFO (blocking
/// is irrelevant for the regular file that is then required).
#[cfg(unix)]
fn no_follow(open: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    open.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
}

#[cfg(not(unix))]
fn no_follow(_open: &mut OpenOptions) {}

#[cfg(unix)]
fn several_names(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn several_names(_meta: &fs::Metadata) -> bool {
    false
}

/// The most a lock file holds: a pid and a newline.
const LOCK_FILE_MAX: u64 = 32;

/// An existing lock file may be emptied and reused only when it holds what infradraft writes
/// there: nothing, or a pid on a line.
fn check_lock_content(file: &mut File) -> io::Result<()> {
    let mut text = String::new();
    let looks_like_ours = file.metadata()?.len() <= LOCK_FILE_MAX
        && Read::by_ref(file)
            .take(LOCK_FILE_MAX)
            .read_to_string(&mut text)
            .is_ok()
        && (text.trim().is_empty() || text.trim().parse::<u32>().is_ok());
    if looks_like_ours {
        Ok(())
    } else {
        Err(io::Error::other(
            "it holds something other than an infradraft lock (a pid); not touching it",
        ))
    }
}

/// The lock file of `target`, opened for reading only if it is a regular file (no link
/// followed, no waiting on a FIFO).
fn open_to_look(target: &Path) -> Option<File> {
    let mut open = OpenOptions::new();
    open.read(true);
    no_follow(&mut open);
    let file = open.open(lock_path_for(target)).ok()?;
    file.metadata().ok()?.is_file().then_some(file)
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
    open_to_look(target)?
        .take(LOCK_FILE_MAX)
        .read_to_string(&mut text)
        .ok()?;
    text.trim().parse().ok()
}

/// Whether another process holds the write lock of `target` (with its pid when known), checked
/// without creating anything: a shared lock on an existing lock file fails while a writer holds it.
pub fn held_elsewhere(target: &Path) -> Option<Option<u32>> {
    let file = open_to_look(target)?;
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

    #[cfg(unix)]
    #[test]
    fn a_planted_lock_file_is_never_followed_emptied_or_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("s.ron");
        let lock = lock_path_for(&target);
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious\n").unwrap();

        // A symbolic link: refused, naming why; the link and its target stay as they were.
        std::os::unix::fs::symlink(&victim, &lock).unwrap();
        let err = try_lock(&target).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(holder(&target), None);
        assert_eq!(held_elsewhere(&target), None);
        assert_eq!(fs::read(&victim).unwrap(), b"precious\n");
        assert!(
            fs::symlink_metadata(&lock)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        fs::remove_file(&lock).unwrap();

        // Another name of someone's file (a hard link), or a file that is no lock file.
        fs::hard_link(&victim, &lock).unwrap();
        assert!(try_lock(&target).is_err());
        assert_eq!(fs::read(&victim).unwrap(), b"precious\n");
        fs::remove_file(&lock).unwrap();
        fs::write(&lock, b"not a pid\n").unwrap();
        assert!(try_lock(&target).is_err());
        assert_eq!(fs::read(&lock).unwrap(), b"not a pid\n");
        fs::remove_file(&lock).unwrap();

        // A FIFO: refused at once (a blocking open would wait for ever).
        crate::store::mkfifo(&lock);
        let t = target.clone();
        let (locked, held) =
            crate::store::within_deadline(move || (try_lock(&t).map(|_| ()), holder(&t)));
        assert!(locked.is_err());
        assert_eq!(held, None);
        fs::remove_file(&lock).unwrap();

        // A stale lock file of a killed process (a pid) is taken over.
        fs::write(&lock, b"4242\n").unwrap();
        let guard = try_lock(&target).unwrap().expect("a stale lock is taken");
        assert_eq!(holder(&target), Some(std::process::id()));
        drop(guard);
        assert!(!lock.exists());
    }
}
