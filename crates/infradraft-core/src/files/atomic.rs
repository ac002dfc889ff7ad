//! Crash-safe replacement of a file: write a temporary file beside it, fsync, keep the previous
//! version as `<file>.bak`, rename over the target, fsync the directory.
//!
//! A save keeps what the file was. The new file gets the old one's permission bits, and its owner
//! and group where this process may set them. A symbolic link stays a link: the chain is followed
//! to the file it names, and that file is replaced, with the temporary file and the `.bak` beside
//! it (a rename never crosses directories). A file that does not exist yet is created with the
//! mode the caller asks for ([`WriteOptions`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// How [`write_atomic`] writes: whether it keeps a backup, the mode of a file it creates, and
/// what it does with a symbolic link at the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// Keep the previous content as `<file>.bak`.
    pub keep_backup: bool,
    /// The permission bits of a file that does not exist yet, before the umask. An existing file
    /// keeps its own.
    pub new_file_mode: u32,
    /// A symbolic link at the name: followed, or refused.
    pub links: Links,
}

/// What [`write_atomic`] does with a symbolic link (or a FIFO or device) at the name it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow it and replace the file at its end, which stays a link (a session file the person
    /// named: saving through a link to its target is a feature). A device or FIFO there is
    /// written to directly.
    Follow,
    /// Never write through it: a link, FIFO or device at the name is an error, and left as it is
    /// (files whose names infradraft derives, such as recovery and review files and decision
    /// records, and exported documents). The file is replaced by a rename, which never follows a
    /// link either, so a link planted after the check is replaced, not written through.
    Refuse,
}

impl WriteOptions {
    /// Session files: the previous version kept as `.bak`, new files readable by their owner
    /// only (a session embeds its input documents), links followed.
    pub const SESSION: WriteOptions = WriteOptions {
        keep_backup: true,
        new_file_mode: 0o600,
        links: Links::Follow,
    };
    /// Files that hold a session's text or inputs beside it (recovery and review files): no
    /// `.bak`, new files readable by their owner only, never written through a link.
    pub const PRIVATE: WriteOptions = WriteOptions {
        keep_backup: false,
        new_file_mode: 0o600,
        links: Links::Refuse,
    };
    /// Documents written to be read by others (exports, decision records, review summaries): no
    /// `.bak`, new files with the usual mode (0666 less the umask), never written through a link.
    pub const DOCUMENT: WriteOptions = WriteOptions {
        keep_backup: false,
        new_file_mode: 0o666,
        links: Links::Refuse,
    };
}

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

/// Symbolic links followed before a chain counts as a loop (Linux's own limit).
const MAX_LINKS: usize = 40;

/// The file `path` names once symbolic links are followed: `path` itself when it is no link, the
/// end of the chain otherwise (relative links are taken from the link's directory). A dangling
/// link gives the missing file it points at, to be created. A loop, or a longer chain than the
/// system would follow, is an error.
pub(crate) fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let meta = match fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        };
        if !meta.file_type().is_symlink() {
            return Ok(current);
        }
        refuse_untrusted_link(&current, &meta)?;
        let target = fs::read_link(&current)?;
        current = match current.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.join(target),
            _ => target,
        };
    }
    Err(io::Error::other(
        "too many levels of symbolic links (the links may form a loop)",
    ))
}

/// Refuses, as Linux's `protected_symlinks` does for the kernel's own lookups, a link in a
/// world-writable sticky directory (such as `/tmp`) that belongs neither to this user nor to the
/// directory's owner: someone else could have planted it to make a save overwrite another file.
#[cfg(unix)]
fn refuse_untrusted_link(link: &Path, meta: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let dir = fs::metadata(parent_dir(link))?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if dir.mode() & 0o1002 == 0o1002 && meta.uid() != me && meta.uid() != dir.uid() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is a symbolic link of another user in a shared directory; not following it",
                link.display()
            ),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_untrusted_link(_link: &Path, _meta: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

/// Replaces `path` with `bytes` so that, whatever happens, `path` holds either its old content or
/// the new one in full. The file keeps its mode and, where allowed, its owner and group; with
/// `options.keep_backup`, the old content (if any) is kept as `<file>.bak` beside the file.
/// Symbolic links are followed and stay links with [`Links::Follow`], where a device or FIFO
/// (`-o /dev/stdout`) is written to directly: there is nothing to replace. With [`Links::Refuse`]
/// a link, device or FIFO at `path` is an error and left untouched.
///
/// Temporary files that earlier saves of the same file left behind when they were killed are
/// removed first ([`clean_leftovers`]).
pub fn write_atomic(path: &Path, bytes: &[u8], options: WriteOptions) -> io::Result<()> {
    let target = match options.links {
        Links::Follow => {
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => return Err(directory_in_the_way()),
                Ok(meta) if !meta.is_file() => return write_to_device(path, bytes),
                _ => {}
            }
            resolve_links(path)?
        }
        Links::Refuse => {
            refuse_link_or_special(path)?;
            path.to_path_buf()
        }
    };
    clean_leftovers(&target);
    let tmp = unique_temp(&target, "tmp");
    // The name is unique to this process and call, so a file already there was left by a killed
    // process that had the same pid (pids are reused): it is stale, and goes.
    if tmp.symlink_metadata().is_ok() {
        let _ = fs::remove_file(&tmp);
    }
    let result = write_and_rename(&target, &tmp, bytes, options);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn directory_in_the_way() -> io::Error {
    io::Error::new(io::ErrorKind::IsADirectory, "a directory is in the way")
}

/// For [`Links::Refuse`]: an error when `path` is a symbolic link, a directory, or anything but a
/// regular file; nothing there (or a regular file) is fine.
fn refuse_link_or_special(path: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let t = meta.file_type();
    if t.is_symlink() {
        return Err(io::Error::other(
            "it is a symbolic link, which infradraft does not write through here (the link and \
             its target are left as they are)",
        ));
    }
    if t.is_dir() {
        return Err(directory_in_the_way());
    }
    if !t.is_file() {
        return Err(io::Error::other(
            "it is not a regular file (a FIFO, device or socket); not writing to it",
        ));
    }
    Ok(())
}

/// Writes `bytes` as the file `name` inside `dir` and nowhere else: `name` must be one plain
/// file name (not empty, no `/`, not `.` or `..`), and a symbolic link, FIFO or device already at
/// that name is refused, not followed ([`Links::Refuse`]). Returns the path written.
pub fn write_in_dir(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    options: WriteOptions,
) -> io::Result<PathBuf> {
    let plain = !name.is_empty()
        && !name.contains(['/', '\\', '\0'])
        && matches!(
            Path::new(name).components().collect::<Vec<_>>().as_slice(),
            [std::path::Component::Normal(n)] if *n == std::ffi::OsStr::new(name)
        );
    let path = dir.join(name);
    if !plain || path.parent() != Some(dir) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{name:?} is not a plain file name; nothing is written outside {}",
                dir.display()
            ),
        ));
    }
    write_atomic(
        &path,
        bytes,
        WriteOptions {
            links: Links::Refuse,
            ..options
        },
    )?;
    Ok(path)
}

/// Writes `bytes` into an existing device or FIFO (`-o /dev/stdout`, `/dev/null`). The open
/// does not wait: a FIFO that nobody reads is an error rather than a hang.
pub fn write_to_device(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = open_device(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Opens an existing device or FIFO for writing without waiting: a FIFO that nobody reads is an
/// error ("a FIFO that no process is reading") rather than a hang. Writes then block as usual.
#[cfg(unix)]
pub fn open_device(path: &Path) -> io::Result<File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let file = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ENXIO) {
                io::Error::new(e.kind(), "a FIFO that no process is reading")
            } else {
                e
            }
        })?;
    // Writes block as usual once open (a pipe that is full waits for its reader).
    // SAFETY: fcntl on a descriptor this function owns; F_GETFL/F_SETFL take no pointers.
    unsafe {
        let fd = file.as_raw_fd();
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
    Ok(file)
}

#[cfg(not(unix))]
pub fn open_device(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).open(path)
}

/// A leftover of a killed save is removed once it is this old even when its pid is in use again.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes what saves of `target` that were killed left beside it: `.NAME.tmp-PID-N` and
/// `.NAME.bak-PID-N` files whose process no longer runs, or that are older than ten minutes.
/// Another live writer's file is never touched; anything that is not a file or a link is left.
fn clean_leftovers(target: &Path) {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent_dir(target)) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(leftover_pid)
        else {
            continue;
        };
        // Not followed: the entry itself.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !(meta.is_file() || meta.file_type().is_symlink()) {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old || !process_runs(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The pid in `tmp-PID-N` or `bak-PID-N`, the rest of a leftover's name.
fn leftover_pid(rest: &str) -> Option<u32> {
    let rest = rest
        .strip_prefix("tmp-")
        .or_else(|| rest.strip_prefix("bak-"))?;
    let (pid, n) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(pid) && digits(n) {
        pid.parse().ok()
    } else {
        None
    }
}

/// Whether a process with this pid exists (one of another user counts).
#[cfg(unix)]
fn process_runs(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return true;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let sent = unsafe { libc::kill(pid, 0) };
    sent == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_runs(_pid: u32) -> bool {
    true
}

fn write_and_rename(
    target: &Path,
    tmp: &Path,
    bytes: &[u8],
    options: WriteOptions,
) -> io::Result<()> {
    let existing = match fs::metadata(target) {
        Ok(meta) if meta.is_dir() => return Err(directory_in_the_way()),
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut open = OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Owner-only until the old file's mode is copied over: the content is written after.
        open.mode(if existing.is_some() {
            0o600
        } else {
            options.new_file_mode
        });
        // create_new already refuses anything at the name; this says so to the kernel as well.
        open.custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = open.open(tmp)?;
    if let Some(was) = &existing {
        keep_owner_and_mode(&file, was);
    }
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    if options.keep_backup && existing.is_some() {
        keep_previous(target)?;
    }
    fs::rename(tmp, target)?;
    sync_dir(parent_dir(target))
}

/// Gives `file` the permission bits of `was`, and its owner and group where this process may
/// (only root may give a file away; a member of the group may keep the group). Best effort: a
/// file system that refuses leaves the new file owned by this user and readable by it alone,
/// never more open than before.
#[cfg(unix)]
fn keep_owner_and_mode(file: &File, was: &fs::Metadata) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
    if let Ok(now) = file.metadata()
        && (now.uid(), now.gid()) != (was.uid(), was.gid())
        && fchown(file, Some(was.uid()), Some(was.gid())).is_err()
        && now.gid() != was.gid()
    {
        let _ = fchown(file, None, Some(was.gid()));
    }
    // After chown, which may clear the set-id bits.
    let _ = file.set_permissions(fs::Permissions::from_mode(was.mode() & 0o7777));
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, was: &fs::Metadata) {
    let _ = file.set_permissions(was.permissions());
}

/// Makes `<path>.bak` hold what `path` holds now, atomically: a hard link when the file system
/// allows it, a copy (with the same mode and owner) otherwise.
fn keep_previous(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let staged = unique_temp(path, "bak");
    if staged.symlink_metadata().is_ok() {
        let _ = fs::remove_file(&staged);
    }
    let staged_ok = fs::hard_link(path, &staged).or_else(|_| copy_as_backup(path, &staged));
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

/// The backup as a copy, for file systems without hard links: same bytes, mode and (where
/// allowed) owner as `path`, fsynced.
fn copy_as_backup(path: &Path, staged: &Path) -> io::Result<()> {
    let was = fs::metadata(path)?;
    let mut open = OpenOptions::new();
    // A new file only: never through something (a link) already at the staged name.
    open.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut copy = open.open(staged)?;
    io::copy(&mut File::open(path)?, &mut copy)?;
    keep_owner_and_mode(&copy, &was);
    copy.sync_all()
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
        write_atomic(&path, b"two", WriteOptions::SESSION).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        assert_eq!(names(dir.path()), ["s.ron", "s.ron.bak"]);
    }

    #[test]
    fn replaces_and_keeps_backup_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        write_atomic(&path, b"one", WriteOptions::SESSION).unwrap();
        assert!(!backup_path(&path).exists());
        write_atomic(&path, b"two", WriteOptions::SESSION).unwrap();
        write_atomic(&path, b"three", WriteOptions::SESSION).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["s.ron", "s.ron.bak"]);
    }

    #[test]
    fn a_directory_in_the_way_is_an_error_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        fs::create_dir(&path).unwrap();
        let err = write_atomic(&path, b"x", WriteOptions::SESSION).unwrap_err();
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
        write_atomic(&path, b"one", WriteOptions::SESSION).unwrap();
        write_atomic(&path, b"two", WriteOptions::SESSION).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
    }

    /// A pid that no process has: a child that has been waited for.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[cfg(unix)]
    #[test]
    fn a_save_sweeps_leftovers_of_killed_saves_but_not_a_live_writers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        fs::write(&path, b"one").unwrap();
        let dead = dead_pid();
        let mut live = std::process::Command::new("sleep")
            .arg("60")
            .spawn()
            .unwrap();
        let alive = live.id();
        let write = |name: String| {
            fs::write(dir.path().join(&name), b"half a save").unwrap();
            name
        };
        let gone = [
            write(format!(".s.ron.tmp-{dead}-0")),
            write(format!(".s.ron.bak-{dead}-7")),
        ];
        // A live process's file, but left so long ago that its pid must have been reused.
        let old = write(format!(".s.ron.tmp-{alive}-9"));
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(dir.path().join(&old))
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        let kept = [
            // Another writer, still running, in the middle of its save.
            write(format!(".s.ron.tmp-{alive}-3")),
            // Not ours: another file's leftovers, and names of another shape.
            write(format!(".other.ron.tmp-{dead}-0")),
            write(format!(".s.ron.tmp-{dead}")),
            write(".s.ron.tmp-x-1".to_string()),
        ];
        write_atomic(&path, b"two", WriteOptions::SESSION).unwrap();
        let _ = live.kill();
        let _ = live.wait();
        let mut expected: Vec<String> = kept.to_vec();
        expected.extend(["s.ron".to_string(), "s.ron.bak".to_string()]);
        expected.sort();
        assert_eq!(names(dir.path()), expected, "removed: {gone:?} and {old}");
        assert_eq!(fs::read(&path).unwrap(), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn derived_files_are_never_written_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        let link = dir.path().join("s.ron.recovery.ron");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        for options in [WriteOptions::PRIVATE, WriteOptions::DOCUMENT] {
            let err = write_atomic(&link, b"x", options).unwrap_err();
            assert!(err.to_string().contains("symbolic link"), "{err}");
        }
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A planted link at the backup's name is replaced, never written through.
        let path = dir.path().join("s.ron");
        fs::write(&path, b"one").unwrap();
        std::os::unix::fs::symlink(&victim, backup_path(&path)).unwrap();
        write_atomic(&path, b"two", WriteOptions::SESSION).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert!(
            !fs::symlink_metadata(backup_path(&path))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
    }

    #[test]
    fn a_plain_name_only_is_written_in_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("adr");
        fs::create_dir(&inner).unwrap();
        for bad in ["../out.md", "a/b.md", "..", ".", "", "/abs.md"] {
            let err = write_in_dir(&inner, bad, b"x", WriteOptions::DOCUMENT).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
        }
        assert_eq!(names(dir.path()), ["adr"]);
        assert!(names(&inner).is_empty());
        let written = write_in_dir(&inner, "0001-a.md", b"x", WriteOptions::DOCUMENT).unwrap();
        assert_eq!(written, inner.join("0001-a.md"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_nobody_reads_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out");
        crate::files::mkfifo(&fifo);
        let path = fifo.clone();
        let err = crate::files::within_deadline(move || {
            write_atomic(&path, b"# Doc\n", WriteOptions::SESSION)
        })
        .unwrap_err();
        assert!(err.to_string().contains("no process is reading"), "{err}");
        // As a derived file's name, it is not even opened.
        let err = write_atomic(&fifo, b"x", WriteOptions::PRIVATE).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    fn chmod(path: &Path, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_save_keeps_the_files_mode_and_so_does_its_backup() {
        let dir = tempfile::tempdir().unwrap();
        for wanted in [0o600, 0o640, 0o604, 0o400] {
            let path = dir.path().join(format!("s-{wanted:o}.ron"));
            fs::write(&path, b"one").unwrap();
            chmod(&path, wanted);
            for (n, options) in [
                WriteOptions::SESSION,
                WriteOptions::PRIVATE,
                WriteOptions::DOCUMENT,
            ]
            .into_iter()
            .enumerate()
            {
                write_atomic(&path, format!("save {n}").as_bytes(), options).unwrap();
                assert_eq!(mode(&path), wanted, "after save {n} of {wanted:o}");
                assert_eq!(fs::read(&path).unwrap(), format!("save {n}").as_bytes());
            }
            assert_eq!(mode(&backup_path(&path)), wanted, ".bak of {wanted:o}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn new_private_files_are_owner_only_and_new_documents_follow_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        for options in [WriteOptions::SESSION, WriteOptions::PRIVATE] {
            let path = dir
                .path()
                .join(format!("private-{}.ron", options.keep_backup));
            write_atomic(&path, b"inputs inside", options).unwrap();
            assert_eq!(mode(&path), 0o600);
        }
        // A document gets what any newly created file gets here (0666 less the umask).
        let reference = dir.path().join("reference");
        fs::write(&reference, b"").unwrap();
        let doc = dir.path().join("doc.md");
        write_atomic(&doc, b"# Doc", WriteOptions::DOCUMENT).unwrap();
        assert_eq!(mode(&doc), mode(&reference));
    }

    #[cfg(unix)]
    #[test]
    fn the_backup_copy_for_file_systems_without_hard_links_keeps_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        fs::write(&path, b"old").unwrap();
        for wanted in [0o600, 0o640, 0o400] {
            chmod(&path, wanted);
            let staged = dir.path().join(format!("staged-{wanted:o}"));
            copy_as_backup(&path, &staged).unwrap();
            assert_eq!(fs::read(&staged).unwrap(), b"old");
            assert_eq!(mode(&staged), wanted);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_save_keeps_the_owner_and_group_where_it_may() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        fs::write(&path, b"one").unwrap();
        chmod(&path, 0o640);
        // Only root may give a file away; elsewhere the owner stays this user.
        if std::os::unix::fs::chown(&path, Some(4321), Some(8765)).is_err() {
            write_atomic(&path, b"two", WriteOptions::SESSION).unwrap();
            assert_eq!(mode(&path), 0o640);
            return;
        }
        write_atomic(&path, b"two", WriteOptions::SESSION).unwrap();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4321, 8765));
        assert_eq!(mode(&path), 0o640);
        let bak = fs::metadata(backup_path(&path)).unwrap();
        assert_eq!((bak.uid(), bak.gid()), (4321, 8765));
    }

    #[cfg(unix)]
    #[test]
    fn a_save_through_a_symlink_replaces_the_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("repo/docs");
        let work = dir.path().join("work");
        fs::create_dir_all(&real).unwrap();
        fs::create_dir_all(&work).unwrap();
        let target = real.join("s.ron");
        fs::write(&target, b"one").unwrap();
        chmod(&target, 0o640);
        let link = work.join("s.ron");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"two", WriteOptions::SESSION).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_link(&link).unwrap(), target);
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(mode(&target), 0o640);
        assert_eq!(fs::read(backup_path(&target)).unwrap(), b"one");
        assert_eq!(names(&work), ["s.ron"], "nothing beside the link");
        assert_eq!(names(&real), ["s.ron", "s.ron.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_relative_link_chain_in_another_directory_is_followed_from_each_links_directory() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a/b")).unwrap();
        fs::create_dir_all(dir.path().join("c")).unwrap();
        fs::write(dir.path().join("c/s.ron"), b"one").unwrap();
        // a/b/link -> ../hop, a/hop -> ../c/s.ron: each is relative to its own directory.
        std::os::unix::fs::symlink("../hop", dir.path().join("a/b/link")).unwrap();
        std::os::unix::fs::symlink("../c/s.ron", dir.path().join("a/hop")).unwrap();
        let link = dir.path().join("a/b/link");
        assert_eq!(
            fs::canonicalize(resolve_links(&link).unwrap()).unwrap(),
            fs::canonicalize(dir.path().join("c/s.ron")).unwrap()
        );
        write_atomic(&link, b"two", WriteOptions::SESSION).unwrap();
        assert_eq!(fs::read(dir.path().join("c/s.ron")).unwrap(), b"two");
        assert_eq!(fs::read(dir.path().join("c/s.ron.bak")).unwrap(), b"one");
        assert_eq!(names(&dir.path().join("a/b")), ["link"]);
        assert_eq!(names(&dir.path().join("a")), ["b", "hop"]);
        assert!(
            fs::symlink_metadata(dir.path().join("a/hop"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_creates_its_target_with_the_new_file_mode() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let link = dir.path().join("s.ron");
        std::os::unix::fs::symlink("real/s.ron", &link).unwrap();
        write_atomic(&link, b"new", WriteOptions::SESSION).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let target = dir.path().join("real/s.ron");
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(mode(&target), 0o600);
        assert_eq!(names(&dir.path().join("real")), ["s.ron"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ron");
        std::os::unix::fs::symlink("b.ron", &a).unwrap();
        std::os::unix::fs::symlink("a.ron", dir.path().join("b.ron")).unwrap();
        let self_loop = dir.path().join("self.ron");
        std::os::unix::fs::symlink("self.ron", &self_loop).unwrap();
        for path in [&a, &self_loop] {
            let err = write_atomic(path, b"x", WriteOptions::SESSION).unwrap_err();
            assert!(err.to_string().contains("symbolic links"), "{err}");
        }
        assert_eq!(names(dir.path()), ["a.ron", "b.ron", "self.ron"]);
        assert_eq!(fs::read_link(&a).unwrap(), Path::new("b.ron"));
    }

    #[cfg(unix)]
    #[test]
    fn another_users_link_in_a_shared_sticky_directory_is_not_followed() {
        use std::os::unix::fs::lchown;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("tmp");
        fs::create_dir(&shared).unwrap();
        chmod(&shared, 0o1777);
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        let link = shared.join("s.ron.recovery.ron");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        // Only root can make a link belong to someone else.
        if lchown(&link, Some(4321), Some(4321)).is_err() {
            return;
        }
        let err = write_atomic(&link, b"x", WriteOptions::SESSION).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied, "{err}");
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        // A derived file's name is never followed, whoever owns the link.
        assert!(write_atomic(&link, b"x", WriteOptions::PRIVATE).is_err());
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        // The same link of this user is followed for a session.
        lchown(&link, Some(unsafe { libc::geteuid() }), None).unwrap();
        write_atomic(&link, b"x", WriteOptions::SESSION).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_to_and_stays_a_fifo() {
        use std::io::Read;
        use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out");
        crate::files::mkfifo(&fifo);
        // A reader first (non-blocking, so that opening does not wait for a writer).
        let mut reader = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .unwrap();
        write_atomic(&fifo, b"# Doc\n", WriteOptions::SESSION).unwrap();
        let mut got = Vec::new();
        reader.read_to_end(&mut got).unwrap();
        assert_eq!(got, b"# Doc\n");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(names(dir.path()), ["out"]);
    }
}
