//! A line-based three-way merge (the diff3 algorithm) on top of `similar`'s two-way diffs.
//!
//! Given the text infradraft last wrote (`base`), the text as the person left it (`ours`) and the
//! text infradraft would write now (`theirs`), the merge keeps every line both sides left alone,
//! takes each side's change where only that side changed, and reports a conflict where both
//! changed the same stretch differently. Crates that merge three texts exist, but they either
//! return only marked-up text (no structured conflicts to ask the person about) or use a
//! quadratic matcher that asserts on its own invariants; `similar` diffs in O(ND) with a deadline,
//! so a merge of a multi-megabyte section stays bounded in time and never panics.

use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

/// How long one two-way diff may take before `similar` settles for a coarser (still correct)
/// alignment, which can only turn clean merges into conflicts, never lose text.
const DIFF_DEADLINE: Duration = Duration::from_millis(500);

/// One stretch of a merge, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chunk<'a> {
    /// Lines the merge settled: unchanged, changed on one side only, or changed alike on both.
    Settled(Vec<&'a str>),
    /// Both sides changed the same stretch of `base` differently.
    Conflict {
        base: Vec<&'a str>,
        ours: Vec<&'a str>,
        theirs: Vec<&'a str>,
    },
}

/// For each line of `old`, the line of `new` it is kept as, if it is.
fn matches(old: &[&str], new: &[&str], deadline: Instant) -> Vec<Option<usize>> {
    let mut kept = vec![None; old.len()];
    for op in capture_diff_slices_deadline(Algorithm::Patience, old, new, Some(deadline)) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                kept[old_index + k] = Some(new_index + k);
            }
        }
    }
    kept
}

/// Merges the changes `base → ours` and `base → theirs`, line by line.
pub fn merge<'a>(base: &[&'a str], ours: &[&'a str], theirs: &[&'a str]) -> Vec<Chunk<'a>> {
    let deadline = Instant::now() + DIFF_DEADLINE;
    let in_ours = matches(base, ours, deadline);
    let in_theirs = matches(base, theirs, deadline + DIFF_DEADLINE);
    let mut out: Vec<Chunk<'a>> = Vec::new();
    let (mut b, mut o, mut t) = (0, 0, 0);
    let settle = |out: &mut Vec<Chunk<'a>>, lines: &[&'a str]| {
        if lines.is_empty() {
            return;
        }
        if let Some(Chunk::Settled(last)) = out.last_mut() {
            last.extend_from_slice(lines);
        } else {
            out.push(Chunk::Settled(lines.to_vec()));
        }
    };
    // A base line kept on both sides is a stable point; between two stable points each side
    // either left the stretch alone or changed it.
    let stable = (0..base.len()).filter_map(|i| Some((i, in_ours[i]?, in_theirs[i]?)));
    for (i, j, k) in stable.chain(std::iter::once((base.len(), ours.len(), theirs.len()))) {
        // Both diffs keep order, so stable points only move forward on every side.
        if j < o || k < t {
            continue;
        }
        let (zb, zo, zt) = (&base[b..i], &ours[o..j], &theirs[t..k]);
        if zo == zb {
            settle(&mut out, zt);
        } else if zt == zb || zo == zt {
            settle(&mut out, zo);
        } else if let Some(both) = combine(zb, zo, zt, deadline) {
            settle(&mut out, &both);
        } else {
            out.push(Chunk::Conflict {
                base: zb.to_vec(),
                ours: zo.to_vec(),
                theirs: zt.to_vec(),
            });
        }
        if i < base.len() {
            settle(&mut out, &base[i..=i]);
        }
        (b, o, t) = (i + 1, j + 1, k + 1);
    }
    out
}

/// One side's change to a stretch of base: `base[start..end]` became `lines`.
struct Hunk<'s, 'a> {
    start: usize,
    end: usize,
    lines: &'s [&'a str],
}

fn hunks<'s, 'a>(base: &[&str], side: &'s [&'a str], deadline: Instant) -> Vec<Hunk<'s, 'a>> {
    capture_diff_slices_deadline(Algorithm::Patience, base, side, Some(deadline))
        .into_iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| {
            let (old, new) = (op.old_range(), op.new_range());
            Hunk {
                start: old.start,
                end: old.end,
                lines: &side[new],
            }
        })
        .collect()
}

/// Whether two changes touch the same lines of base. An insertion touches the gap it goes into:
/// it collides with a change of the lines around that gap only when it lands strictly inside
/// them, and with another insertion into the same gap.
fn collide(a: &Hunk<'_, '_>, b: &Hunk<'_, '_>) -> bool {
    match (a.start == a.end, b.start == b.end) {
        (true, true) => a.start == b.start,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

/// A stretch both sides changed, merged change by change when their changes touch different
/// lines (the person added a paragraph before a line infradraft rewrites, say). `None` when two
/// changes collide: that is a conflict for the person to settle.
fn combine<'a>(
    base: &[&'a str],
    ours: &[&'a str],
    theirs: &[&'a str],
    deadline: Instant,
) -> Option<Vec<&'a str>> {
    let a = hunks(base, ours, deadline);
    let b = hunks(base, theirs, deadline);
    if a.iter().any(|x| b.iter().any(|y| collide(x, y))) {
        return None;
    }
    // Apply both sets in base order; at one position, insertions go first, the person's first.
    let mut all: Vec<(usize, bool, u8, &Hunk<'_, 'a>)> = a
        .iter()
        .map(|h| (h.start, h.start != h.end, 0, h))
        .chain(b.iter().map(|h| (h.start, h.start != h.end, 1, h)))
        .collect();
    all.sort_by_key(|(start, replaces, side, _)| (*start, *replaces, *side));
    let mut out: Vec<&'a str> = Vec::new();
    let mut at = 0;
    for (_, _, _, h) in all {
        out.extend_from_slice(&base[at..h.start.max(at)]);
        out.extend_from_slice(h.lines);
        at = at.max(h.end);
    }
    out.extend_from_slice(&base[at.min(base.len())..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<&str> {
        s.split('\n').collect()
    }

    #[test]
    fn an_insertion_beside_a_rewritten_line_is_not_a_conflict() {
        let base = lines("intro\nrest");
        let ours = lines("preface\n\nintro\nrest\ntail");
        let theirs = lines("intro v2\nrest");
        let m = merge(&base, &ours, &theirs);
        assert_eq!(text(&m).unwrap(), "preface\n\nintro v2\nrest\ntail");
        // And the other way round: infradraft adds before a line the person rewrote.
        let m = merge(
            &base,
            &lines("my intro\nrest"),
            &lines("added\nintro\nrest"),
        );
        assert_eq!(text(&m).unwrap(), "added\nmy intro\nrest");
    }

    #[test]
    fn insertions_into_one_gap_collide() {
        let m = merge(&[], &["mine"], &["new"]);
        assert!(matches!(&m[..], [Chunk::Conflict { base, .. }] if base.is_empty()));
    }

    fn text(chunks: &[Chunk]) -> Option<String> {
        let mut out = Vec::new();
        for c in chunks {
            match c {
                Chunk::Settled(l) => out.extend(l.iter().copied()),
                Chunk::Conflict { .. } => return None,
            }
        }
        Some(out.join("\n"))
    }

    #[test]
    fn changes_on_different_lines_both_land() {
        let base = lines("a\nb\nc\nd\ne");
        let ours = lines("a\nB mine\nc\nd\ne\nmy tail");
        let theirs = lines("a\nb\nc\nD new\ne");
        let m = merge(&base, &ours, &theirs);
        assert_eq!(text(&m).unwrap(), "a\nB mine\nc\nD new\ne\nmy tail");
    }

    #[test]
    fn the_same_line_changed_both_ways_is_a_conflict_with_all_three_versions() {
        let base = lines("a\nb\nc");
        let ours = lines("a\nmine\nc");
        let theirs = lines("a\nnew\nc");
        let m = merge(&base, &ours, &theirs);
        assert_eq!(
            m,
            vec![
                Chunk::Settled(vec!["a"]),
                Chunk::Conflict {
                    base: vec!["b"],
                    ours: vec!["mine"],
                    theirs: vec!["new"]
                },
                Chunk::Settled(vec!["c"]),
            ]
        );
    }

    #[test]
    fn one_sided_and_identical_changes_settle() {
        let base = lines("x\ny");
        assert_eq!(text(&merge(&base, &base, &lines("x\nz"))).unwrap(), "x\nz");
        assert_eq!(text(&merge(&base, &lines("q\ny"), &base)).unwrap(), "q\ny");
        let same = lines("x\nboth");
        assert_eq!(text(&merge(&base, &same, &same)).unwrap(), "x\nboth");
        assert_eq!(text(&merge(&[], &[], &[])).unwrap(), "");
    }

    #[test]
    fn a_deletion_against_an_edit_is_a_conflict() {
        let base = lines("keep\ngone\nkeep2");
        let ours = lines("keep\nkeep2");
        let theirs = lines("keep\nchanged\nkeep2");
        let m = merge(&base, &ours, &theirs);
        assert!(m.iter().any(|c| matches!(
            c,
            Chunk::Conflict { ours, theirs, .. } if ours.is_empty() && theirs == &vec!["changed"]
        )));
    }
}
