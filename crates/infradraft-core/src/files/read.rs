//! Reading a file that someone else may have prepared: only a regular file, never more than a
//! limit, and never waiting.
//!
//! Every file infradraft reads (sessions, review files, input documents, team files, `render`'s
//! file) goes through [`read_regular`]. The type is checked twice: by path, and again on the file
//! actually opened, which is opened without blocking (`O_NONBLOCK`), so that a FIFO swapped in
//! between the two cannot make the open wait for a writer that never comes. The bytes are read
//! with a cap rather than trusting the reported size (a file can grow, `/proc` files report 0).

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read. Carries no path: callers name the file in their own errors.
#[derive(Debug)]
pub enum ReadProblem {
    NotFound,
    IsDirectory,
    /// A FIFO, device or socket: `kind` says which ("a FIFO (named pipe)", …).
    NotRegular {
        kind: &'static str,
    },
    /// More than `limit` bytes (`size` is what was seen: the reported size, or `limit + 1`).
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadProblem::NotFound => f.write_str("no such file"),
            ReadProblem::IsDirectory => f.write_str("is a directory"),
            ReadProblem::NotRegular { kind } => write!(f, "is {kind}, not a regular file"),
            ReadProblem::TooLarge { size, limit } => {
                write!(f, "{size} bytes is larger than the {limit}-byte limit")
            }
            ReadProblem::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl From<io::Error> for ReadProblem {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => ReadProblem::NotFound,
            io::ErrorKind::IsADirectory => ReadProblem::IsDirectory,
            _ => ReadProblem::Io(e),
        }
    }
}

impl From<ReadProblem> for io::Error {
    /// For readers that speak `io::Error` (settings files): a missing file stays `NotFound`.
    fn from(p: ReadProblem) -> Self {
        match p {
            ReadProblem::Io(e) => e,
            ReadProblem::NotFound => io::Error::new(io::ErrorKind::NotFound, p.to_string()),
            ReadProblem::IsDirectory => io::Error::new(io::ErrorKind::IsADirectory, p.to_string()),
            other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

/// What kind of non-regular file `meta` describes, or `None` for a regular file or a directory.
fn special_kind(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// Refuses anything but a regular file.
fn check_type(meta: &fs::Metadata) -> Result<(), ReadProblem> {
    if meta.is_dir() {
        return Err(ReadProblem::IsDirectory);
    }
    match special_kind(meta) {
        Some(kind) => Err(ReadProblem::NotRegular { kind }),
        None => Ok(()),
    }
}

/// Opens `path` for reading without waiting: a FIFO opens at once (and is then refused) instead of
/// waiting for a writer. Blocking reads are restored on the opened file.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function owns; F_GETFL/F_SETFL take no pointers.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads at most `limit` bytes from `reader`; more is [`ReadProblem::TooLarge`] (with `size`
/// `limit + 1`: the rest is never read). For pipes (`render -`) as much as for files.
pub fn read_capped(reader: impl Read, limit: u64, hint: usize) -> Result<Vec<u8>, ReadProblem> {
    let mut bytes = Vec::with_capacity(hint.min(limit as usize));
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge {
            size: limit + 1,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads the regular file at `path` (symbolic links followed), at most `limit` bytes of it.
/// A directory, FIFO, device or socket is refused without waiting on it.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadProblem> {
    check_type(&fs::metadata(path)?)?;
    let file = open_without_waiting(path)?;
    // Again on what was opened: the path may have been swapped since it was looked at.
    let meta = file.metadata()?;
    check_type(&meta)?;
    if meta.len() > limit {
        return Err(ReadProblem::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    read_capped(file, limit, meta.len() as usize)
}

/// [`read_regular`] as UTF-8 text for settings files (config, keymap, themes, team catalogs,
/// checklists and template), with a leading byte-order mark dropped; errors as `io::Error`, a
/// missing file staying `NotFound`.
pub fn read_settings(path: &Path) -> io::Result<String> {
    let bytes = read_regular(path, MAX_SETTINGS_BYTES)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(match text.strip_prefix(BOM) {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Settings files (config, keymap, themes, team catalogs and checklists, the team template)
/// larger than this are refused.
pub const MAX_SETTINGS_BYTES: u64 = 8 * 1024 * 1024;

/// The UTF-8 byte-order mark, which some editors put at the start of a file; it is dropped.
pub const BOM: &str = "\u{feff}";

/// `bytes` without a leading UTF-8 byte-order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_larger_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        fs::write(&path, b"12345").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_regular(&path, 4),
            Err(ReadProblem::TooLarge { size: 5, limit: 4 })
        ));
        assert!(matches!(
            read_regular(&dir.path().join("nope"), 4),
            Err(ReadProblem::NotFound)
        ));
        assert!(matches!(
            read_regular(dir.path(), 4),
            Err(ReadProblem::IsDirectory)
        ));
    }

    #[test]
    fn a_pipe_is_read_up_to_the_cap_only() {
        let endless = io::repeat(b'y');
        assert!(matches!(
            read_capped(endless, 1000, 0),
            Err(ReadProblem::TooLarge {
                size: 1001,
                limit: 1000
            })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        crate::files::mkfifo(&fifo);
        // No writer ever comes: a blocking open would wait here for ever.
        let path = fifo.clone();
        let err = crate::files::within_deadline(move || read_regular(&path, 10)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "is a FIFO (named pipe), not a regular file"
        );
        let err = read_regular(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(err.to_string(), "is a character device, not a regular file");
        // Through a link, too.
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_regular(&link, 10),
            Err(ReadProblem::NotRegular { .. })
        ));
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(strip_bom(b"\xef\xbb\xbfSession("), b"Session(");
        assert_eq!(strip_bom(b"Session("), b"Session(");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        fs::write(&path, "\u{feff}(theme: \"light\")").unwrap();
        assert_eq!(read_settings(&path).unwrap(), "(theme: \"light\")");
        let missing = read_settings(&dir.path().join("nope")).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    }
}
