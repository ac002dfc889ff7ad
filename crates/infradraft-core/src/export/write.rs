//! Writing the document and its decision records to disk, the same for the command line and the
//! workbench. A document goes to a regular file atomically (a `.bak` keeps the previous
//! version); to a terminal (`/dev/tty`) it goes through [`crate::text::InertWriter`] so that no
//! control sequence reaches it; to another device (`/dev/stdout`, a FIFO) it is streamed. Records
//! are written inside their directory only ([`crate::files::write_in_dir`]): no name can climb
//! out of it or follow a link out of it.
//!
//! [`write_adr_dir`] keeps a directory of decision records in step with a session: each record is
//! written under its stable name only when its bytes differ from the file there, nothing is ever
//! deleted, and the files the session's earlier exports wrote there (they carry the session's
//! marker line, see [`crate::export::adr`]) that no longer match a record are reported as stale.
//! Files without the marker, or with another session's, are left alone and not reported.

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::files::{WriteOptions, open_device, write_atomic, write_in_dir, write_to_device};

/// Why a file was not written; the text names it.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error("{}: cannot create: {source}", path.display())]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes `markdown` to `path` (see the module docs).
pub fn write_document(path: &Path, markdown: &str) -> Result<(), WriteError> {
    let err = |source| WriteError::Write {
        path: path.to_path_buf(),
        source,
    };
    let bytes = markdown.as_bytes();
    if let Some(mut terminal) = terminal_at(path) {
        let mut inert = crate::text::InertWriter::new(&mut terminal);
        return inert
            .write_all(bytes)
            .and_then(|()| inert.flush())
            .map_err(err);
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return write_to_device(path, bytes).map_err(err);
    }
    write_atomic(path, bytes, WriteOptions::DOCUMENT).map_err(err)
}

/// Creates `dir` when it is missing.
pub fn create_dir(dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError::Create {
        path: dir.to_path_buf(),
        source,
    })
}

/// What [`write_adr_dir`] did, each list of file names sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdrDirReport {
    /// Records written: new, or different from the file that was there.
    pub written: Vec<String>,
    /// Records whose file already held exactly their bytes, left untouched.
    pub unchanged: Vec<String>,
    /// Files this session's exports wrote earlier that no record has any more; never deleted.
    pub stale: Vec<String>,
}

/// Files larger than this in a record directory are not read (no record is near it).
const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// Writes session `s`'s decision records into `dir` (see the module docs), creating it when
/// missing, and nowhere else: each name is a plain file name (a slug of an id checked when the
/// session was loaded), and a link, FIFO or device already at a record's name is refused rather
/// than written through.
pub fn write_adr_dir(dir: &Path, s: &crate::model::Session) -> Result<AdrDirReport, WriteError> {
    create_dir(dir)?;
    let records = crate::export::adrs(s);
    let mut report = AdrDirReport::default();
    for (name, md) in &records {
        if existing_file(&dir.join(name)).is_some_and(|bytes| bytes == md.as_bytes()) {
            report.unchanged.push(name.clone());
            continue;
        }
        write_in_dir(dir, name, md.as_bytes(), WriteOptions::DOCUMENT).map_err(|source| {
            WriteError::Write {
                path: dir.join(name),
                source,
            }
        })?;
        report.written.push(name.clone());
    }
    let entries = std::fs::read_dir(dir).map_err(|source| WriteError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let created = s.meta.created.to_string();
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if !name.ends_with(".md") || records.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let ours = existing_file(&entry.path()).is_some_and(|bytes| {
            crate::export::adr::marked_session(&String::from_utf8_lossy(&bytes))
                == Some(created.as_str())
        });
        if ours {
            report.stale.push(name);
        }
    }
    report.written.sort();
    report.unchanged.sort();
    report.stale.sort();
    Ok(report)
}

/// The bytes of the regular file at `path`; `None` when there is none, or it is a link, a
/// directory or a device (not followed, not waited on), or too large to be a record.
fn existing_file(path: &Path) -> Option<Vec<u8>> {
    if !std::fs::symlink_metadata(path).ok()?.is_file() {
        return None;
    }
    crate::files::read_regular(path, MAX_RECORD_BYTES).ok()
}

/// The terminal at `path`, if it is one.
fn terminal_at(path: &Path) -> Option<std::fs::File> {
    use std::io::IsTerminal;
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    let file = open_device(path).ok()?;
    file.is_terminal().then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::adrs;
    use crate::model::{ComponentDesign, Decision, OptionCard, Section, Session};

    fn decided(id: &str) -> Session {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let mut s = Session::empty("T", "P", now);
        s.sections.push(Section::new(id, "Escape"));
        let mut c = ComponentDesign::new(id, "");
        c.options.push(OptionCard::named("a", "A"));
        c.decision = Some(Decision {
            option: "a".into(),
            justification: "it fits".into(),
            decided_at: now,
            considered: vec!["a".into()],
            acknowledged_conflicts: Vec::new(),
            adr: Some(crate::model::AdrId(1)),
            ..Default::default()
        });
        s.components.push(c);
        s
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// Loading refuses such an id; the writer must hold even when handed one.
    #[cfg(unix)]
    #[test]
    fn the_record_writer_stays_in_its_directory_whatever_the_id() {
        let root = tempfile::tempdir().unwrap();
        let adr = root.path().join("project/docs/adr");
        std::fs::create_dir_all(&adr).unwrap();
        let outside = root.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        // What a repository can ship: a directory and a link named like a record.
        std::fs::create_dir(adr.join("0001-x")).unwrap();
        std::os::unix::fs::symlink(&outside, adr.join("0001-y")).unwrap();
        for id in ["x/../../../pwned-by-adr", "y/../../../../outside/pwned"] {
            let session = decided(id);
            assert_eq!(adrs(&session).len(), 1);
            write_adr_dir(&adr, &session).unwrap();
        }
        assert_eq!(
            names(&adr),
            [
                "0001-x",
                "0001-x-pwned-by-adr.md",
                "0001-y",
                "0001-y-outside-pwned.md"
            ]
        );
        assert!(names(&outside).is_empty());
        assert_eq!(names(&root.path().join("project")), ["docs"]);
        assert_eq!(names(root.path()), ["outside", "project"]);
        // A name that is not a plain file name is refused outright.
        for bad in ["../escape.md", "a/b.md", "..", ".", ""] {
            assert!(
                write_in_dir(&adr, bad, b"x", WriteOptions::DOCUMENT).is_err(),
                "{bad:?}"
            );
        }
        assert_eq!(names(&root.path().join("project/docs")), ["adr"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_a_records_name_is_refused_and_its_target_left_alone() {
        let root = tempfile::tempdir().unwrap();
        let victim = root.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let adr = root.path().join("adr");
        std::fs::create_dir(&adr).unwrap();
        let session = decided("compute");
        let records = adrs(&session);
        std::os::unix::fs::symlink(&victim, adr.join(&records[0].0)).unwrap();
        let err = write_adr_dir(&adr, &session).unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }
}
