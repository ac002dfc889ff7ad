//! Snapshots of input documents: text, SHA-256 and where they came from.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use thiserror::Error;

pub use crate::model::sha256_hex;
use crate::model::{InputDocument, InputKind};

/// Input documents larger than this are refused: they are not documents a person wrote.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum InputError {
    #[error("{}: no such file", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: is a directory, not a document", path.display())]
    IsDirectory { path: PathBuf },
    /// A FIFO, device or socket, refused without being read or waited on.
    #[error("{}: {kind}", path.display())]
    NotRegular { path: PathBuf, kind: String },
    #[error("{}: {size} bytes is more than the {limit}-byte limit for an input document", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: not a text file (binary data at byte {offset})", path.display())]
    Binary { path: PathBuf, offset: usize },
    #[error("{}: not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
}

/// Reads the document at `path` into a snapshot of the given kind. The stored path is absolute.
/// Only a regular file is read (a FIFO or device is refused without waiting on it), at most
/// [`MAX_INPUT_BYTES`]; a leading byte-order mark is dropped.
pub fn read_input(
    path: &Path,
    kind: InputKind,
    now: Timestamp,
) -> Result<InputDocument, InputError> {
    use crate::files::ReadProblem as P;
    let path_buf = || path.to_path_buf();
    let bytes = crate::files::read_regular(path, MAX_INPUT_BYTES).map_err(|p| match p {
        P::NotFound => InputError::NotFound { path: path_buf() },
        P::IsDirectory => InputError::IsDirectory { path: path_buf() },
        P::NotRegular { .. } => InputError::NotRegular {
            path: path_buf(),
            kind: p.to_string(),
        },
        P::TooLarge { size, limit } => InputError::TooLarge {
            path: path_buf(),
            size,
            limit,
        },
        P::Io(source) => InputError::Read {
            path: path_buf(),
            source,
        },
    })?;
    // A byte-order mark is not part of the text.
    let bytes = match crate::files::strip_bom(&bytes).len() {
        n if n < bytes.len() => bytes[bytes.len() - n..].to_vec(),
        _ => bytes,
    };
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let stored = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Ok(InputDocument {
        kind,
        path: stored.to_string_lossy().into_owned(),
        sha256: sha256_hex(&text),
        snapshot_at: now,
        text,
    })
}

/// A snapshot of a document compiled into the binary; its path is `builtin:<name>`.
pub fn builtin_input(name: &str, kind: InputKind, text: &str, now: Timestamp) -> InputDocument {
    InputDocument {
        kind,
        path: format!("builtin:{name}"),
        sha256: sha256_hex(text),
        snapshot_at: now,
        text: text.to_string(),
    }
}

/// The conventional input paths under `root` that exist, with their kinds.
pub fn discover(root: &Path) -> Vec<(InputKind, PathBuf)> {
    InputKind::ALL
        .iter()
        .filter_map(|&kind| {
            let path = root.join(kind.conventional_path()?);
            path.is_file().then_some((kind, path))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn refuses_binary_non_utf8_large_and_missing() {
        let dir = tempfile::tempdir().unwrap();
        let now = Timestamp::from_second(1_700_000_000).unwrap();
        let bin = dir.path().join("logo.png");
        fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        assert!(matches!(
            read_input(&bin, InputKind::Other, now),
            Err(InputError::Binary { offset: 8, .. })
        ));
        let latin1 = dir.path().join("prd.md");
        fs::write(&latin1, b"# Caf\xe9 requirements\n").unwrap();
        assert!(matches!(
            read_input(&latin1, InputKind::Prd, now),
            Err(InputError::NotUtf8 { offset: 5, .. })
        ));
        let big = dir.path().join("big.md");
        let f = fs::File::create(&big).unwrap();
        f.set_len(MAX_INPUT_BYTES + 1).unwrap();
        let err = read_input(&big, InputKind::Other, now).unwrap_err();
        assert!(matches!(err, InputError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("big.md"));
        assert!(matches!(
            read_input(&dir.path().join("nope.md"), InputKind::Prd, now),
            Err(InputError::NotFound { .. })
        ));
        assert!(matches!(
            read_input(dir.path(), InputKind::Prd, now),
            Err(InputError::IsDirectory { .. })
        ));
    }

    #[test]
    fn snapshot_keeps_text_hash_and_absolute_path() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("docs/infrastructure")).unwrap();
        fs::write(dir.path().join("docs/prd.md"), "# PRD\n").unwrap();
        fs::write(
            dir.path().join("docs/infrastructure/guidelines.md"),
            "# G\n",
        )
        .unwrap();
        let found = discover(dir.path());
        assert_eq!(
            found.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            vec![InputKind::Prd, InputKind::InfrastructureGuidelines]
        );
        let now = Timestamp::from_second(1_700_000_000).unwrap();
        let doc = read_input(&found[0].1, InputKind::Prd, now).unwrap();
        assert_eq!(doc.text, "# PRD\n");
        assert_eq!(doc.sha256, sha256_hex("# PRD\n"));
        assert!(Path::new(&doc.path).is_absolute());
    }
}
