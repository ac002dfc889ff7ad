//! Retention: a rule keeps data at least (or at most) so long; a description deletes the same
//! data sooner (or keeps it longer). Backups and the data itself are kept apart, unless the rule
//! covers both ("including backups and snapshots"). Two statements are about the same data when
//! they share a word that is not a retention word ("payloads", "snapshots", "history").

use std::collections::HashSet;

use crate::knowledge::extraction::extraction;

use super::super::figures::durations;
use super::claims::{Claim, clause, words_after, words_before};
use super::{Found, doc_name, duration};

const DAY: f64 = 1440.0;

/// What a statement says about how long something is kept.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    /// The words of its clause (see [`subject`]).
    about: HashSet<String>,
    /// Kept at least this many minutes (a rule).
    at_least: Option<f64>,
    /// Kept at most this many minutes (a rule).
    at_most: Option<f64>,
    /// Kept this long (a description).
    kept: Option<f64>,
    /// About backups rather than the data itself.
    backups: bool,
    /// A deletion right before the duration ("deletes them 2,555 days after").
    deleted: bool,
}

/// The retention readings of a statement: one per duration of a day or more in a retention
/// context.
fn readings(text: &str, rule: bool) -> Vec<Reading> {
    let cues = &extraction().conflicts.retention;
    let every = &extraction().conflicts.recovery.every;
    let mut out = Vec::new();
    for (s, e, minutes) in durations(text) {
        if minutes < DAY
            || every.is_match(words_before(text, s, 2))
            || (!rule && super::claims::non_production(text, s, e))
        {
            continue;
        }
        let before = words_before(text, s, 8);
        let close_before = words_before(text, s, 3);
        let after = words_after(text, e, 4);
        let (cs, ce) = clause(text, s, e);
        // Backups when a backup word stands before the duration in its cell ("Backups are
        // retained for 35 days") or right after it ("35 days of point-in-time restore"), not
        // anywhere in the row ("quote snapshots | … expire after 5 years").
        let backups = cues
            .backups
            .is_match(before.rsplit(" | ").next().unwrap_or(before))
            || cues.backups.is_match(words_after(text, e, 3));
        let keep = cues.keep.is_match(before) || cues.backups.is_match(close_before);
        let delete = cues.delete.is_match(before);
        let at_least =
            cues.at_least.is_match(close_before) || cues.at_least.is_match(words_after(text, e, 2));
        let at_most =
            cues.at_most.is_match(close_before) || cues.at_most.is_match(words_after(text, e, 2));
        // A bound alone ("meters buffer up to 48 hours of readings") is not a retention; in a
        // rule, a bound next to a deadline is ("at least 35 days").
        if !(keep || delete || (rule && (at_least || at_most))) {
            continue;
        }
        let then_deleted = after.to_lowercase().contains("then") && cues.delete.is_match(after);
        let mut r = Reading {
            about: subject(&text[cs..ce]),
            at_least: None,
            at_most: None,
            kept: None,
            backups,
            deleted: cues.delete.is_match(close_before),
        };
        if rule {
            if at_most || (delete && !keep) {
                r.at_most = Some(minutes);
            } else {
                r.at_least = Some(minutes);
                if then_deleted {
                    r.at_most = Some(minutes);
                }
            }
        } else {
            r.kept = Some(minutes);
        }
        out.push(r);
    }
    // What a description finally does with the data is its deletion: "moves blobs to the archive
    // tier after 180 days and deletes them 2,555 days after last modification" keeps them 2,555
    // days.
    if !rule && out.iter().any(|r| r.deleted) {
        out.retain(|r| r.deleted);
    }
    out
}

/// The words a statement is about: its words of four letters or more that are not retention
/// words, without a plural `s`.
fn subject(text: &str) -> HashSet<String> {
    let stop = &extraction().conflicts.retention.not_subject;
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            let w = w.to_lowercase();
            w.strip_suffix('s').map_or(w.clone(), str::to_string)
        })
        .filter(|w| {
            !stop
                .iter()
                .any(|s| s == w || s.strip_suffix('s') == Some(w))
        })
        .collect()
}

/// Minimum and maximum retentions against what descriptions keep.
pub(super) fn retention<'c, 'a>(
    rules: &[&'c Claim<'a>],
    descriptions: &[&'c Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    let cues = &extraction().conflicts.retention;
    let ruled: Vec<(&&Claim<'_>, Vec<Reading>, bool)> = rules
        .iter()
        .filter_map(|r| {
            let rs = readings(&r.text, true);
            (!rs.is_empty()).then(|| (r, rs, cues.including_backups.is_match(&r.text)))
        })
        .collect();
    if ruled.is_empty() {
        return;
    }
    for d in descriptions {
        let kept = readings(&d.text, false);
        if kept.is_empty() {
            continue;
        }
        // The rule's clause against the whole description: a description often names its data
        // once, in a label ("Raw payloads: … deletes them after 400 days").
        let about = subject(&d.text);
        // "deletes objects 7 years after ingest, for all modalities" is about every kind of data.
        let universal = cues.universal.is_match(&d.text);
        for (r, rs, both) in &ruled {
            let clash = rs
                .iter()
                .filter(|want| universal || !want.about.is_disjoint(&about))
                .find_map(|want| {
                    kept.iter().find_map(|k| {
                        let same_kind = *both || want.backups == k.backups;
                        let held = k.kept?;
                        if !same_kind {
                            return None;
                        }
                        if let Some(min) = want.at_least.filter(|&min| held < min) {
                            return Some(format!(
                                "keeps it at least {}; the {} keeps it {}",
                                duration(min),
                                doc_name(d.input.kind),
                                duration(held)
                            ));
                        }
                        want.at_most.filter(|&max| held > max).map(|max| {
                            format!(
                                "keeps it at most {}; the {} keeps it {}",
                                duration(max),
                                doc_name(d.input.kind),
                                duration(held)
                            )
                        })
                    })
                });
            if let Some(clash) = clash {
                out.push(Found {
                    kind: "retention-mismatch",
                    about: format!("The {} {clash}", doc_name(r.input.kind)),
                    rule: r,
                    found: d,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, rule: bool) -> Reading {
        let r = readings(text, rule);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        r[0].clone()
    }

    #[test]
    fn minimums_maximums_and_what_is_kept() {
        let r = one(
            "Raw meter payloads are kept for 90 days and then deleted.",
            true,
        );
        assert_eq!(
            (r.at_least, r.at_most),
            (Some(90.0 * DAY), Some(90.0 * DAY))
        );
        let r = one(
            "Account history is retained for six years after an account closes.",
            true,
        );
        assert_eq!((r.at_least, r.at_most), (Some(6.0 * 365.0 * DAY), None));
        let r = one(
            "Customer data, including backups and snapshots, must be deleted within 30 days of termination.",
            true,
        );
        assert_eq!((r.at_least, r.at_most), (None, Some(30.0 * DAY)));
        let r = one("Backups: PITR on, 14 days minimum", true);
        assert_eq!(r.at_least, Some(14.0 * DAY));
        assert!(r.backups);
        let r = one(
            "lifecycle rule moves objects to Glacier after 30 days and deletes them after 400 days.",
            false,
        );
        assert_eq!(r.kept, Some(400.0 * DAY));
        let r = one("Backups: automated RDS backups, 7 days, PITR.", false);
        assert_eq!(r.kept, Some(7.0 * DAY));
        assert!(readings("Restores are rehearsed every 90 days.", false).is_empty());
    }

    #[test]
    fn subjects_leave_out_retention_words() {
        let s = subject("Raw meter payloads are kept for 90 days and then deleted.");
        assert!(s.contains("payload") && s.contains("meter"), "{s:?}");
        assert!(!s.contains("kept") && !s.contains("days"), "{s:?}");
    }
}
