//! Whether an input's source changed since it was snapshotted, and what changed.

use std::path::Path;

use similar::{ChangeTag, TextDiff};

use super::sha256_hex;
use crate::model::{InputDocument, InputKind};

/// The state of an input's source on disk compared with its snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// Compiled into the binary (the sample project): never changes.
    Builtin,
    /// The file on disk has the snapshot's content.
    Fresh,
    /// The file changed; its current text.
    Changed { text: String },
    /// The file is gone.
    Missing,
    /// The file cannot be read as a document any more (why).
    Unreadable(String),
}

impl Freshness {
    pub fn label(&self) -> &'static str {
        match self {
            Freshness::Builtin => "built-in",
            Freshness::Fresh => "up to date",
            Freshness::Changed { .. } => "changed on disk",
            Freshness::Missing => "file missing",
            Freshness::Unreadable(_) => "unreadable",
        }
    }
}

/// Compares an input's snapshot with its source file.
pub fn freshness(doc: &InputDocument) -> Freshness {
    if doc.path.starts_with("builtin:") {
        return Freshness::Builtin;
    }
    let path = Path::new(&doc.path);
    if !path.exists() {
        return Freshness::Missing;
    }
    match super::read_input(path, doc.kind, doc.snapshot_at) {
        Ok(now) if now.sha256 == doc.sha256 => Freshness::Fresh,
        Ok(now) => Freshness::Changed { text: now.text },
        Err(e) => Freshness::Unreadable(e.to_string()),
    }
}

/// One line of a diff: `-` removed, `+` added, ` ` context, with the new file's line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub tag: char,
    pub text: String,
}

/// A unified diff of two texts with `context` lines around each change (`@@` lines separate hunks).
pub fn diff_lines(old: &str, new: &str, context: usize) -> Vec<DiffLine> {
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for group in diff.grouped_ops(context) {
        if let (Some(first), Some(last)) = (group.first(), group.last()) {
            let old_range = first.old_range().start..last.old_range().end;
            let new_range = first.new_range().start..last.new_range().end;
            out.push(DiffLine {
                tag: '@',
                text: format!(
                    "@@ -{},{} +{},{} @@",
                    old_range.start + 1,
                    old_range.len(),
                    new_range.start + 1,
                    new_range.len()
                ),
            });
        }
        for op in group {
            for change in diff.iter_changes(&op) {
                let tag = match change.tag() {
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                    ChangeTag::Equal => ' ',
                };
                out.push(DiffLine {
                    tag,
                    text: change.value().trim_end_matches(['\n', '\r']).to_string(),
                });
            }
        }
    }
    out
}

/// Replaces an input's snapshot with new text.
pub fn refresh_snapshot(doc: &mut InputDocument, text: String, now: jiff::Timestamp) {
    doc.sha256 = sha256_hex(&text);
    doc.text = text;
    doc.snapshot_at = now;
}

/// What each kind of input contributes, for listing the ones that are missing.
pub fn contribution(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Prd => {
            "business needs, non-functional requirements and the Technical Assumptions every decision is checked against"
        }
        InputKind::Architecture => {
            "the application's components, data stores and integrations that the infrastructure must host"
        }
        InputKind::TechStack => {
            "the cloud provider, regions, languages, databases, messaging, IaC tool and CI system already chosen"
        }
        InputKind::InfrastructureGuidelines => {
            "the organisation's standards: naming, tagging, network, security baseline, backup tiers and cost rules"
        }
        InputKind::Other => "existing infrastructure documentation to stay consistent with",
    }
}

/// The conventional kinds a session has no input for.
pub fn missing_kinds(inputs: &[InputDocument]) -> Vec<InputKind> {
    InputKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != InputKind::Other && !inputs.iter().any(|i| i.kind == *k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_changes_on_disk_and_shows_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prd.md");
        std::fs::write(&path, "# PRD\n\n- NFR1: 99.9%\n- NFR2: p95 < 300 ms\n").unwrap();
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let mut doc = super::super::read_input(&path, InputKind::Prd, now).unwrap();
        assert_eq!(freshness(&doc), Freshness::Fresh);
        std::fs::write(&path, "# PRD\n\n- NFR1: 99.95%\n- NFR2: p95 < 300 ms\n").unwrap();
        let Freshness::Changed { text } = freshness(&doc) else {
            panic!("change not detected")
        };
        let diff = diff_lines(&doc.text, &text, 1);
        let changed: Vec<String> = diff
            .iter()
            .filter(|d| d.tag == '-' || d.tag == '+')
            .map(|d| format!("{}{}", d.tag, d.text))
            .collect();
        assert_eq!(changed, ["-- NFR1: 99.9%", "+- NFR1: 99.95%"]);
        assert_eq!(diff[0].text, "@@ -2,3 +2,3 @@");
        refresh_snapshot(&mut doc, text, now);
        assert_eq!(freshness(&doc), Freshness::Fresh);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(freshness(&doc), Freshness::Missing);
        doc.path = "builtin:sample/prd.md".into();
        assert_eq!(freshness(&doc), Freshness::Builtin);
    }

    #[test]
    fn missing_kinds_are_the_conventional_ones_not_given() {
        assert_eq!(missing_kinds(&[]).len(), 4);
    }
}
