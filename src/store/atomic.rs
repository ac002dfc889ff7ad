//! Crash-safe replacement of a file: write a temporary file beside it, fsync, keep the previous
//! version as `<file>.bak`, rename over the target, fsync the directory.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// `dir/.name.suffix`, a hidden sibling of `path`.
pub(crate) fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{prefix}{name}{suffix}"))
}

/// The backup kept of the previous version of `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn unique_temp(path: &Path, what: &str) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    sibling(path, ".", &format!(".{what}-{}-{n}", std::process::id()))
}

/// Replaces `path` with `bytes` so that, whatever happens, `path` holds either its old content or
/// the new one in full. With `keep_backup`, the old content (if any) is kept as `<path>.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    let tmp = unique_temp(path, "tmp");
    // The name is unique to this process and call, so a file already there was left by a killed
    // process that had the same pid (pids are reused): it is stale, and goes.
    if tmp.symlink_metadata().is_ok() {
        let _ = fs::remove_file(&tmp);
    }
    let result = write_and_rename(path, &tmp, bytes, keep_backup);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_and_rename(path: &Path, tmp: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "a directory is in the way",
        ));
    }
    let mut file = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    if keep_backup && path.exists() {
        keep_previous(path)?;
    }
    fs::rename(tmp, path)?;
    sync_dir(parent_dir(path))
}

/// Makes `<path>.bak` hold what `path` holds now, atomically: a hard link when the file system
/// allows it, a copy otherwise.
fn keep_previous(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let staged = unique_temp(path, "bak");
    if staged.symlink_metadata().is_ok() {
        let _ = fs::remove_file(&staged);
    }
    let staged_ok = fs::hard_link(path, &staged).or_else(|_| {
        fs::copy(path, &staged)?;
        File::open(&staged)?.sync_all()
    });
    if let Err(e) = staged_ok {
        let _ = fs::remove_file(&staged);
        return Err(e);
    }
    fs::rename(&staged, &bak).inspect_err(|_| {
        let _ = fs::remove_file(&staged);
    })?;
    // When `<path>.bak` already is `path` (a save killed between keeping the backup and renaming
    // the new file into place leaves them as two links to one file), rename does nothing and
    // succeeds (POSIX), leaving the staged link behind: it goes.
    if staged.symlink_metadata().is_ok() {
        let _ = fs::remove_file(&staged);
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    // Directories can be opened read-only and fsynced on Unix; elsewhere this is a no-op.
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_backup_that_already_is_the_file_leaves_no_staged_link() {
        // What a save killed after keeping the backup and before the rename leaves: the file
        // and its backup are one file under two names.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        fs::write(&path, b"one").unwrap();
        fs::hard_link(&path, backup_path(&path)).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        assert_eq!(names(dir.path()), ["s.ron", "s.ron.bak"]);
    }

    #[test]
    fn replaces_and_keeps_backup_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        write_atomic(&path, b"one", true).unwrap();
        assert!(!backup_path(&path).exists());
        write_atomic(&path, b"two", true).unwrap();
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["s.ron", "s.ron.bak"]);
    }

    #[test]
    fn a_directory_in_the_way_is_an_error_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        fs::create_dir(&path).unwrap();
        let err = write_atomic(&path, b"x", true).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        assert!(path.is_dir());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_killed_process_leftover_with_our_pid_does_not_block_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        // Stale temporary files as a killed process with this pid would have left them.
        let pid = std::process::id();
        for n in 0..3000 {
            fs::write(dir.path().join(format!(".s.ron.tmp-{pid}-{n}")), b"stale").unwrap();
        }
        write_atomic(&path, b"one", true).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
    }
}
