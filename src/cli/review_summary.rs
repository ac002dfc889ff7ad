//! `infradraft review --summary --format json`: the review summary as one object, its shape
//! described by `docs/schemas/review.schema.json`, version [`JSON_VERSION`].
//!
//! It holds what the Markdown summary holds ([`crate::review::summary_markdown`]), counted the
//! same way: the comments of the session and of its side file (`<SESSION>.review.ron`, whose
//! copy of a comment wins), open and resolved per severity (most severe first, every severity
//! listed) and per section (in document order, only sections with comments), then every open
//! comment, most severe first, then oldest first. A comment names what it is about by ids
//! (`section`, and `component` and `option` for a decision or an option card) and in words
//! (`about`); severities are spelt as in the session file (`Critical`, `Major`, `Minor`, `Note`);
//! times are RFC 3339 timestamps.

use jiff::Timestamp;
use serde::Serialize;

use crate::model::{CommentTarget, ReviewComment, Session, Severity};
use crate::review::{section_of, target_label};

/// The version of the JSON shape; it changes only when a field is removed or changes meaning
/// (fields may be added within a version).
pub(crate) const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
pub(super) struct Summary<'a> {
    version: u32,
    /// The session file, as given on the command line.
    session: String,
    title: &'a str,
    comments: usize,
    open: usize,
    resolved: usize,
    by_severity: Vec<SeverityCount>,
    by_section: Vec<SectionCount<'a>>,
    open_comments: Vec<OpenComment<'a>>,
}

#[derive(Serialize)]
struct SeverityCount {
    severity: Severity,
    open: usize,
    resolved: usize,
}

#[derive(Serialize)]
struct SectionCount<'a> {
    section: &'a str,
    title: &'a str,
    open: usize,
    resolved: usize,
}

#[derive(Serialize)]
struct OpenComment<'a> {
    id: &'a str,
    /// The section the comment belongs to (an option's or a decision's is its component's).
    section: &'a str,
    target: Target<'a>,
    /// What the comment is about, in words, as the Markdown summary names it.
    about: String,
    severity: Severity,
    author: &'a str,
    at: Timestamp,
    text: &'a str,
}

/// What a comment is on: `section`, `decision` (of `component`) or `option` (`option` of
/// `component`); the fields that do not apply are null.
#[derive(Serialize)]
struct Target<'a> {
    kind: &'static str,
    component: Option<&'a str>,
    option: Option<&'a str>,
}

impl<'a> Target<'a> {
    fn of(target: &'a CommentTarget) -> Target<'a> {
        match target {
            CommentTarget::Section(_) => Target {
                kind: "section",
                component: None,
                option: None,
            },
            CommentTarget::Decision(c) => Target {
                kind: "decision",
                component: Some(c),
                option: None,
            },
            CommentTarget::Option(c, o) => Target {
                kind: "option",
                component: Some(c),
                option: Some(o),
            },
        }
    }
}

/// The summary of `comments` on `session` (read from the file `path`).
pub(super) fn summary<'a>(
    path: &std::path::Path,
    session: &'a Session,
    comments: &'a [ReviewComment],
) -> Summary<'a> {
    let count = |of: &dyn Fn(&ReviewComment) -> bool, resolved: bool| {
        comments
            .iter()
            .filter(|c| of(c) && c.resolved_at.is_some() == resolved)
            .count()
    };
    let open = count(&|_| true, false);
    let by_severity = [
        Severity::Critical,
        Severity::Major,
        Severity::Minor,
        Severity::Note,
    ]
    .into_iter()
    .map(|severity| SeverityCount {
        severity,
        open: count(&|c| c.severity == severity, false),
        resolved: count(&|c| c.severity == severity, true),
    })
    .collect();
    let by_section = session
        .sections
        .iter()
        .filter_map(|section| {
            let here = |c: &ReviewComment| section_of(session, &c.target) == section.id;
            let (open, resolved) = (count(&here, false), count(&here, true));
            (open + resolved > 0).then_some(SectionCount {
                section: &section.id,
                title: &section.title,
                open,
                resolved,
            })
        })
        .collect();
    let mut open_comments: Vec<&ReviewComment> = comments
        .iter()
        .filter(|c| c.resolved_at.is_none())
        .collect();
    open_comments.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.at.cmp(&b.at)));
    Summary {
        version: JSON_VERSION,
        session: path.display().to_string(),
        title: &session.meta.title,
        comments: comments.len(),
        open,
        resolved: comments.len() - open,
        by_severity,
        by_section,
        open_comments: open_comments
            .into_iter()
            .map(|c| OpenComment {
                id: &c.id,
                section: section_of(session, &c.target),
                target: Target::of(&c.target),
                about: target_label(session, &c.target),
                severity: c.severity,
                author: &c.author,
                at: c.at,
                text: &c.text,
            })
            .collect(),
    }
}
