//! A look at a session file without opening it for work: what `list`, `list --format json` and
//! the workbench's open dialog show of each document (whether it is there, whether it loads, and
//! when it was last saved). Never writes or locks anything.

use std::path::Path;

use jiff::Timestamp;

use super::{StoreError, load};
use crate::model::Session;

/// What a session file holds, as far as a listing needs.
#[derive(Debug)]
pub enum Peek {
    /// The file loads.
    Loaded {
        session: Box<Session>,
        /// Its modification time: when it was last saved (`None` where the filesystem has none).
        saved: Option<Timestamp>,
    },
    /// There is no file at the path (a document a project names before anyone created it, or a
    /// recent session since deleted).
    Missing,
    /// There is something at the path that does not load: why.
    Unreadable(StoreError),
}

impl Peek {
    /// The listing's word for the state: `ok`, `missing` or `unreadable`.
    pub fn state(&self) -> &'static str {
        match self {
            Peek::Loaded { .. } => "ok",
            Peek::Missing => "missing",
            Peek::Unreadable(_) => "unreadable",
        }
    }
}

/// Looks at the session file at `path` (a bounded, careful read: see [`load`]).
pub fn peek(path: &Path) -> Peek {
    match load(path) {
        Ok(loaded) => Peek::Loaded {
            session: Box::new(loaded.session),
            saved: modified(path),
        },
        Err(StoreError::NotFound { .. }) => Peek::Missing,
        Err(e) => Peek::Unreadable(e),
    }
}

/// The file's modification time: when it was last saved.
pub fn modified(path: &Path) -> Option<Timestamp> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Timestamp::try_from(time).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_tells_a_missing_file_from_one_that_does_not_load() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere.ron");
        assert!(matches!(peek(&missing), Peek::Missing));
        let broken = dir.path().join("broken.ron");
        std::fs::write(&broken, "(not a session").unwrap();
        let p = peek(&broken);
        assert_eq!(p.state(), "unreadable");
        let Peek::Unreadable(e) = p else {
            unreachable!()
        };
        assert!(e.to_string().contains("broken.ron"), "{e}");
        let good = dir.path().join("good.ron");
        let session = Session::empty("Checkout", "acme", jiff::Timestamp::UNIX_EPOCH);
        super::super::save(&good, &session).unwrap();
        match peek(&good) {
            Peek::Loaded { session: s, saved } => {
                assert_eq!(s.meta.title, session.meta.title);
                assert!(saved.is_some());
            }
            other => panic!("{other:?}"),
        }
    }
}
