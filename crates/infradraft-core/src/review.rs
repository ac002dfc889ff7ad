//! Offline review: comments a reviewer writes on a session without touching the author's file.
//!
//! A reviewer's comments live in a side file beside the session, `<session>.review.ron`, so that a
//! review can never change (or lock) the author's work. The author merges the side file into the
//! session with one command (`infradraft merge-review`) or one action in the workbench; merging is
//! by comment id, so merging the same file twice adds nothing twice, and later edits to a comment
//! (resolved, reopened) replace the earlier copy.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::{CommentTarget, ReviewComment, Session, Severity};
use crate::store::{self, StoreError};

/// The side file's format version.
pub const REVIEW_FORMAT_VERSION: u32 = 1;

/// `<session>.review.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewFile {
    pub format_version: u32,
    /// The title of the session reviewed, to recognise a side file that belongs elsewhere.
    pub session_title: String,
    pub comments: Vec<ReviewComment>,
}

/// Where the review of `session` is kept.
pub fn review_path(session: &Path) -> PathBuf {
    let mut name = session
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".review.ron");
    session.with_file_name(name)
}

/// Review files larger than this are refused (a review of thousands of comments is a few MB).
pub const MAX_REVIEW_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the review of a session; a missing file is an empty review. Like a session, only a
/// regular file is read (a FIFO or device is refused without waiting on it), at most
/// [`MAX_REVIEW_BYTES`], and a leading byte-order mark is dropped.
pub fn load(path: &Path, session_title: &str) -> Result<ReviewFile, StoreError> {
    match store::read_file(path, MAX_REVIEW_BYTES) {
        Err(StoreError::NotFound { .. }) => Ok(ReviewFile {
            format_version: REVIEW_FORMAT_VERSION,
            session_title: session_title.to_string(),
            comments: Vec::new(),
        }),
        Err(e) => Err(e),
        Ok(bytes) => {
            let text = store::text_of(path, &bytes)?;
            let file: ReviewFile = store::from_ron(path, text)?;
            if file.format_version > REVIEW_FORMAT_VERSION {
                return Err(StoreError::NewerVersion {
                    path: path.to_path_buf(),
                    found: file.format_version,
                    supported: REVIEW_FORMAT_VERSION,
                });
            }
            Ok(file)
        }
    }
}

/// Writes a review atomically; a new review file is readable by its owner only.
pub fn save(path: &Path, review: &ReviewFile) -> Result<(), StoreError> {
    let text = store::to_ron(review).map_err(|e| StoreError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    store::write_atomic(path, text.as_bytes(), store::WriteOptions::PRIVATE).map_err(|source| {
        StoreError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// A new comment's id: unique among `existing`, stable in form (`r-<seconds>-<n>`).
pub fn new_id(existing: &[ReviewComment], at: Timestamp) -> String {
    let mut n = existing.len() + 1;
    loop {
        let id = format!("r-{}-{n}", at.as_second());
        if !existing.iter().any(|c| c.id == id) {
            return id;
        }
        n += 1;
    }
}

/// The section a comment belongs to: an option's or a decision's is the section of that
/// decision (the primary decision has its section's id).
pub fn section_of<'a>(session: &'a Session, target: &'a CommentTarget) -> &'a str {
    match target {
        CommentTarget::Section(id) => id,
        CommentTarget::Decision(id) | CommentTarget::Option(id, _) => session
            .component(id)
            .map_or(id.as_str(), |c| c.section_id()),
    }
}

/// Open comments per section id.
pub fn open_counts(session: &Session, comments: &[ReviewComment], section: &str) -> usize {
    comments
        .iter()
        .filter(|c| c.resolved_at.is_none() && section_of(session, &c.target) == section)
        .count()
}

/// What a merge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Puts `comment` into `comments`: it replaces the comment with its id, or is appended.
pub fn upsert(comments: &mut Vec<ReviewComment>, comment: ReviewComment) {
    match comments.iter_mut().find(|c| c.id == comment.id) {
        Some(c) => *c = comment,
        None => comments.push(comment),
    }
}

/// Merges a review into the session: new comments are appended, changed ones replaced.
pub fn merge(session: &mut Session, review: &ReviewFile, now: Timestamp) -> MergeReport {
    let mut report = MergeReport::default();
    for c in &review.comments {
        match session.review_comments.iter_mut().find(|x| x.id == c.id) {
            Some(existing) if existing == c => report.unchanged += 1,
            Some(existing) => {
                *existing = c.clone();
                report.updated += 1;
            }
            None => {
                session.review_comments.push(c.clone());
                report.added += 1;
            }
        }
    }
    if report.added + report.updated > 0 {
        session.record(
            now,
            "review-merged",
            format!(
                "{} new and {} updated review comment(s)",
                report.added, report.updated
            ),
        );
    }
    report
}

/// What a comment is about, in words.
pub fn target_label(session: &Session, target: &CommentTarget) -> String {
    let title = |id: &str| match session.component(id) {
        Some(c) => session.decision_label(c),
        None => session
            .section(id)
            .map_or(id.to_string(), |s| s.title.clone()),
    };
    match target {
        CommentTarget::Section(id) => title(id),
        CommentTarget::Decision(id) => format!("{}: the decision", title(id)),
        CommentTarget::Option(component, option) => {
            let name = session
                .component(component)
                .and_then(|c| c.option(option))
                .map_or(option.clone(), |o| o.name.clone());
            format!("{}: option {name}", title(component))
        }
    }
}

/// The review summary as Markdown: open and resolved comments per section and by severity, then
/// every open comment.
pub fn summary_markdown(session: &Session, comments: &[ReviewComment]) -> String {
    use std::fmt::Write as _;
    let mut out = format!("# Review of {}\n\n", session.meta.title.trim());
    let open = comments.iter().filter(|c| c.resolved_at.is_none()).count();
    let _ = writeln!(
        out,
        "{} comment(s): {open} open, {} resolved.\n",
        comments.len(),
        comments.len() - open
    );
    out.push_str("| Severity | Open | Resolved |\n|---|---|---|\n");
    for sev in [
        Severity::Critical,
        Severity::Major,
        Severity::Minor,
        Severity::Note,
    ] {
        let of = |resolved: bool| {
            comments
                .iter()
                .filter(|c| c.severity == sev && c.resolved_at.is_some() == resolved)
                .count()
        };
        let _ = writeln!(out, "| {} | {} | {} |", sev.label(), of(false), of(true));
    }
    out.push_str("\n| Section | Open | Resolved |\n|---|---|---|\n");
    for section in &session.sections {
        let mine: Vec<_> = comments
            .iter()
            .filter(|c| section_of(session, &c.target) == section.id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let open = mine.iter().filter(|c| c.resolved_at.is_none()).count();
        let _ = writeln!(
            out,
            "| {} | {open} | {} |",
            section.title.replace('|', "\\|"),
            mine.len() - open
        );
    }
    let list = open_comments_list(session, comments);
    if !list.is_empty() {
        out.push_str("\n## Open comments\n\n");
        out.push_str(&list);
    }
    out
}

/// The open comments as a Markdown list, most severe first, then oldest first; empty when none is
/// open.
pub fn open_comments_list(session: &Session, comments: &[ReviewComment]) -> String {
    use std::fmt::Write as _;
    let mut open: Vec<_> = comments
        .iter()
        .filter(|c| c.resolved_at.is_none())
        .collect();
    open.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.at.cmp(&b.at)));
    let mut out = String::new();
    for c in open {
        let _ = writeln!(
            out,
            "- **{}** ({}, {} on {}): {}",
            target_label(session, &c.target),
            c.severity.label(),
            c.author.trim(),
            c.at.strftime("%Y-%m-%d"),
            c.text.trim().replace('\n', " ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, target: CommentTarget, resolved: bool) -> ReviewComment {
        ReviewComment {
            id: id.into(),
            target,
            author: "Rita Reviewer".into(),
            at: Timestamp::from_second(1_800_000_000).unwrap(),
            severity: Severity::Major,
            text: format!("comment {id}"),
            resolved_at: resolved.then(|| Timestamp::from_second(1_800_000_100).unwrap()),
        }
    }

    #[test]
    fn the_side_file_sits_beside_the_session_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ron");
        let path = review_path(&session);
        assert_eq!(path, dir.path().join("s.ron.review.ron"));
        let empty = load(&path, "T").unwrap();
        assert!(empty.comments.is_empty());
        let review = ReviewFile {
            format_version: 1,
            session_title: "T".into(),
            comments: vec![comment("a", CommentTarget::Section("x".into()), false)],
        };
        save(&path, &review).unwrap();
        assert_eq!(load(&path, "T").unwrap(), review);
        std::fs::write(&path, "(format_version: 1,").unwrap();
        let e = load(&path, "T").unwrap_err().to_string();
        assert!(e.starts_with(&path.display().to_string()), "{e}");
    }

    #[test]
    fn merging_is_by_id_and_idempotent() {
        let mut s = Session::empty("T", "P", Timestamp::from_second(0).unwrap());
        let mut review = ReviewFile {
            format_version: 1,
            session_title: "T".into(),
            comments: vec![
                comment("a", CommentTarget::Section("x".into()), false),
                comment("b", CommentTarget::Decision("y".into()), false),
            ],
        };
        let now = Timestamp::from_second(1).unwrap();
        assert_eq!(
            merge(&mut s, &review, now),
            MergeReport {
                added: 2,
                updated: 0,
                unchanged: 0
            }
        );
        assert_eq!(merge(&mut s, &review, now).unchanged, 2);
        review.comments[1].resolved_at = Some(now);
        let r = merge(&mut s, &review, now);
        assert_eq!((r.added, r.updated), (0, 1));
        assert_eq!(s.review_comments.len(), 2);
        assert_eq!(open_counts(&s, &s.review_comments, "y"), 0);
        assert_eq!(open_counts(&s, &s.review_comments, "x"), 1);
    }
}
