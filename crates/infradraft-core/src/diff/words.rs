//! The word diff of one text against another (a section's body), bounded in time and size.
//!
//! The texts are first compared line by line (patience, then Myers, with a deadline). Each run of
//! lines that was replaced is then compared word by word, so the cost of the word diff grows with
//! what changed, not with the size of the text. Three limits keep a huge section from taking
//! unbounded time:
//!
//! - a replaced run larger than [`WORD_HUNK_LIMIT`] bytes on either side stays a line change;
//! - once [`WORD_BUDGET`] bytes have been compared word by word, the remaining runs stay line
//!   changes;
//! - a text larger than [`LINE_LIMIT`] bytes is not compared at all: only its sizes are given.
//!
//! [`TextDiff::granularity`] says which happened: `words`, `lines` (at least one run was left as
//! a line change), or `none` (too large to compare). Every diff is exact: the equal and inserted
//! pieces, in order, are the new text; the equal and deleted pieces are the old text. A deadline
//! reached (only on pathological input) gives a coarser alignment, never a wrong one.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, DiffOp, capture_diff_slices_deadline};

/// The largest replaced run of lines (bytes, on either side) compared word by word.
pub const WORD_HUNK_LIMIT: usize = 8 * 1024;
/// How many bytes of one text are compared word by word at most, over all its runs.
pub const WORD_BUDGET: usize = 256 * 1024;
/// The largest text (bytes, on either side) compared at all.
pub const LINE_LIMIT: usize = 8 * 1024 * 1024;
/// How long one line or word comparison may search before settling for a coarser alignment.
const DEADLINE: Duration = Duration::from_secs(1);

/// What a piece of a diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equal,
    Insert,
    Delete,
}

/// A run of text that is in both texts, only in the new one, or only in the old one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

/// How finely two texts were compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// Every changed run word by word.
    Words,
    /// Some runs were too large for a word diff and are given as whole lines.
    Lines,
    /// A text was larger than [`LINE_LIMIT`]: no pieces, only the sizes.
    None,
}

/// The difference between two texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextDiff {
    pub granularity: Granularity,
    /// The whole of both texts in order, adjacent pieces of the same kind joined; empty when
    /// `granularity` is `none`.
    pub pieces: Vec<Piece>,
    /// Words (runs of non-whitespace) inserted and deleted.
    pub words_added: usize,
    pub words_removed: usize,
    /// The sizes of the texts in bytes.
    pub old_bytes: usize,
    pub new_bytes: usize,
}

/// Compares `old` with `new` (see the module's documentation for the limits).
pub fn diff_text(old: &str, new: &str) -> TextDiff {
    let mut out = Builder::default();
    let granularity = if old.len() > LINE_LIMIT || new.len() > LINE_LIMIT {
        out.words_added = count_words(new);
        out.words_removed = count_words(old);
        Granularity::None
    } else if by_lines(old, new, &mut out) {
        Granularity::Lines
    } else {
        Granularity::Words
    };
    TextDiff {
        granularity,
        pieces: out.pieces,
        words_added: out.words_added,
        words_removed: out.words_removed,
        old_bytes: old.len(),
        new_bytes: new.len(),
    }
}

#[derive(Default)]
struct Builder {
    pieces: Vec<Piece>,
    words_added: usize,
    words_removed: usize,
    budget_used: usize,
}

impl Builder {
    fn push(&mut self, op: Op, text: &str) {
        if text.is_empty() {
            return;
        }
        match op {
            Op::Insert => self.words_added += count_words(text),
            Op::Delete => self.words_removed += count_words(text),
            Op::Equal => {}
        }
        match self.pieces.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => self.pieces.push(Piece {
                op,
                text: text.to_string(),
            }),
        }
    }
}

/// The line diff, with replaced runs diffed word by word; true when a run had to stay a line
/// change.
fn by_lines(old: &str, new: &str, out: &mut Builder) -> bool {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let deadline = Instant::now() + DEADLINE;
    let ops =
        capture_diff_slices_deadline(Algorithm::Patience, &old_lines, &new_lines, Some(deadline));
    let mut coarse = false;
    for op in ops {
        let (o, n) = (op.old_range(), op.new_range());
        let (a, b) = (old_lines[o].concat(), new_lines[n].concat());
        match op {
            DiffOp::Equal { .. } => out.push(Op::Equal, &a),
            DiffOp::Delete { .. } => out.push(Op::Delete, &a),
            DiffOp::Insert { .. } => out.push(Op::Insert, &b),
            DiffOp::Replace { .. } => {
                let size = a.len().max(b.len());
                if size <= WORD_HUNK_LIMIT && out.budget_used + size <= WORD_BUDGET {
                    out.budget_used += size;
                    by_words(&a, &b, out);
                } else {
                    coarse = true;
                    out.push(Op::Delete, &a);
                    out.push(Op::Insert, &b);
                }
            }
        }
    }
    coarse
}

fn by_words(old: &str, new: &str, out: &mut Builder) {
    let diff = similar::TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DEADLINE)
        .diff_words(old, new);
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Insert => Op::Insert,
            ChangeTag::Delete => Op::Delete,
        };
        out.push(op, change.value());
    }
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(d: &TextDiff, keep: Op) -> String {
        d.pieces
            .iter()
            .filter(|p| p.op == Op::Equal || p.op == keep)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn a_changed_word_is_one_delete_and_one_insert() {
        let d = diff_text(
            "runs in two regions\nsecond line\n",
            "runs in three regions\nsecond line\n",
        );
        assert_eq!(d.granularity, Granularity::Words);
        let changed: Vec<(Op, &str)> = d
            .pieces
            .iter()
            .filter(|p| p.op != Op::Equal)
            .map(|p| (p.op, p.text.as_str()))
            .collect();
        assert_eq!(changed, [(Op::Delete, "two"), (Op::Insert, "three")]);
        assert_eq!((d.words_added, d.words_removed), (1, 1));
    }

    #[test]
    fn the_pieces_rebuild_both_texts() {
        let old = "a b c\nd e f\n\ng h\n";
        let new = "a B c\nd e f\nnew line\ng h i";
        let d = diff_text(old, new);
        assert_eq!(rebuild(&d, Op::Delete), old);
        assert_eq!(rebuild(&d, Op::Insert), new);
    }

    #[test]
    fn a_large_replaced_run_stays_a_line_change() {
        let old = format!("{}\n", "word ".repeat(WORD_HUNK_LIMIT / 4));
        let new = format!("{}\n", "other ".repeat(WORD_HUNK_LIMIT / 4));
        let d = diff_text(&old, &new);
        assert_eq!(d.granularity, Granularity::Lines);
        assert_eq!(rebuild(&d, Op::Delete), old);
        assert_eq!(rebuild(&d, Op::Insert), new);
    }

    #[test]
    fn a_text_over_the_limit_is_only_measured() {
        let old = "x ".repeat(LINE_LIMIT / 2 + 1);
        let d = diff_text(&old, "y");
        assert_eq!(d.granularity, Granularity::None);
        assert!(d.pieces.is_empty());
        assert_eq!((d.words_added, d.words_removed), (1, LINE_LIMIT / 2 + 1));
        assert_eq!(d.old_bytes, old.len());
    }
}
