//! Recovery and availability: required features left out, availability targets against
//! single-zone placements, RPOs against backup cadences and asynchronous replication, RTOs
//! against restore estimates.

use crate::knowledge::extraction::extraction;
use crate::model::Figure;

use super::super::figures::{durations, figures};
use super::claims::{Claim, non_production, switched_off, words_after, words_before};
use super::{Found, doc_name, duration};

/// Required features a description goes without.
pub(super) fn features<'c, 'a>(
    rules: &[&'c Claim<'a>],
    descriptions: &[&'c Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    for feature in &extraction().conflicts.features {
        let required: Vec<&&Claim<'_>> = rules
            .iter()
            .filter(|r| {
                feature
                    .on
                    .find(&r.text)
                    .iter()
                    .any(|&(s, e)| !switched_off(&r.text, s, e))
            })
            .collect();
        if required.is_empty() {
            continue;
        }
        let without: Vec<(&&Claim<'_>, String)> = descriptions
            .iter()
            .filter_map(|d| {
                let off = feature
                    .on
                    .find(&d.text)
                    .into_iter()
                    .find(|&(s, e)| switched_off(&d.text, s, e))
                    .or_else(|| {
                        feature
                            .instead
                            .find(&d.text)
                            .into_iter()
                            .find(|&(s, e)| !switched_off(&d.text, s, e))
                    })
                    .filter(|&(s, e)| !non_production(&d.text, s, e))?;
                Some((d, d.text[off.0..off.1].to_string()))
            })
            .collect();
        for r in &required {
            for (d, evidence) in &without {
                out.push(Found {
                    kind: "required-feature-missing",
                    about: format!(
                        "The {} requires {}; the {} goes without it (\u{201c}{evidence}\u{201d})",
                        doc_name(r.input.kind),
                        feature.name,
                        doc_name(d.input.kind)
                    ),
                    rule: r,
                    found: d,
                });
            }
        }
    }
}

/// The highest availability target a claim states, in percent.
fn availability(c: &Claim<'_>) -> Option<f64> {
    figures(&c.text)
        .into_iter()
        .filter_map(|f| match f {
            Figure::Availability { percent } => Some(percent),
            _ => None,
        })
        .reduce(f64::max)
}

/// Availability targets that need more than one zone, against single-zone placements.
pub(super) fn single_zone<'c, 'a>(
    rules: &[&'c Claim<'a>],
    descriptions: &[&'c Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    let cues = &extraction().conflicts.availability;
    let targets: Vec<(&&Claim<'_>, f64)> = rules
        .iter()
        .filter_map(|r| availability(r).map(|p| (r, p)))
        .filter(|&(_, p)| p >= cues.multi_zone_from)
        .collect();
    if targets.is_empty() {
        return;
    }
    for d in descriptions {
        // Only words before switch a placement off ("not a single instance"): words after are
        // often more of the same ("a single instance, no replica").
        let off = &extraction().conflicts.off;
        let placed = cues.single_zone.find(&d.text).into_iter().find(|&(s, e)| {
            let before = words_before(&d.text, s, 3);
            // A phrase that is a negation itself ("no replica") is not switched off by another
            // setting's "off" before it ("cluster mode off, no replica").
            let negative = d.text[s..e]
                .split_whitespace()
                .next()
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "no" | "not" | "without"));
            !cues.not_after.is_match(before)
                && (negative || !off.is_match(before))
                && !non_production(&d.text, s, e)
        });
        let Some((s, e)) = placed else {
            continue;
        };
        for (r, percent) in &targets {
            out.push(Found {
                kind: "availability-vs-single-zone",
                about: format!(
                    "The {} asks for {percent}% availability, which one zone or node cannot give; the {} has \u{201c}{}\u{201d}",
                    doc_name(r.input.kind),
                    doc_name(d.input.kind),
                    &d.text[s..e]
                ),
                rule: r,
                found: d,
            });
        }
    }
}

/// The lowest figure of one kind a claim states, in minutes.
fn objective(c: &Claim<'_>, rpo: bool) -> Option<f64> {
    figures(&c.text)
        .into_iter()
        .filter_map(|f| match f {
            Figure::Rpo { minutes } if rpo => Some(minutes),
            Figure::Rto { minutes } if !rpo => Some(minutes),
            _ => None,
        })
        .reduce(f64::min)
}

/// How much a description's data protection can lose: asynchronous replication, a replication lag,
/// and the longest gap between backups.
struct Exposure {
    asynchronous: Option<String>,
    lag: Option<f64>,
    cadence: Option<(f64, String)>,
}

fn exposure(text: &str) -> Exposure {
    let cues = &extraction().conflicts.recovery;
    // Asynchronous work is a loss only when it is replication ("an upload is acknowledged and the
    // rest happens asynchronously" is not).
    let asynchronous = cues
        .asynchronous
        .find(text)
        .into_iter()
        .find(|&(s, e)| !switched_off(text, s, e) && cues.replication.is_match(text))
        .map(|(s, e)| text[s..e].to_string());
    let spans = durations(text);
    let lag = if cues.replication.is_match(text) {
        spans
            .iter()
            .filter(|&&(s, _, m)| m > 0.0 && cues.lag.is_match(words_before(text, s, 3)))
            .map(|&(_, _, m)| m)
            .reduce(f64::max)
    } else {
        None
    };
    let continuous = cues
        .continuous
        .find(text)
        .into_iter()
        .any(|(s, e)| !switched_off(text, s, e));
    let backups = cues.backup.is_match(text)
        || (cues.weak_backup.is_match(text) && cues.protection.is_match(text));
    let cadence = if backups && !continuous {
        let worded = cues.cadences.iter().flat_map(|(phrases, minutes)| {
            phrases
                .find(text)
                .into_iter()
                .map(move |(s, e)| (*minutes, text[s..e].to_lowercase()))
        });
        let every = spans
            .iter()
            .filter(|&&(s, _, m)| m > 0.0 && cues.every.is_match(words_before(text, s, 2)))
            .map(|&(_, _, m)| (m, format!("every {}", duration(m))));
        // The protection is as good as its most frequent copy.
        worded.chain(every).min_by(|a, b| a.0.total_cmp(&b.0))
    } else {
        None
    };
    Exposure {
        asynchronous,
        lag,
        cadence,
    }
}

/// RPOs against what descriptions can lose.
pub(super) fn recovery_point<'c, 'a>(
    rules: &[&'c Claim<'a>],
    descriptions: &[&'c Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    let targets: Vec<(&&Claim<'_>, f64)> = rules
        .iter()
        .filter_map(|r| objective(r, true).map(|m| (r, m)))
        .collect();
    if targets.is_empty() {
        return;
    }
    for d in descriptions {
        let x = exposure(&d.text);
        for (r, rpo) in &targets {
            let rpo = *rpo;
            let objective = if rpo == 0.0 {
                "zero data loss".to_string()
            } else {
                format!("an RPO of {}", duration(rpo))
            };
            let why = if rpo == 0.0 && x.asynchronous.is_some() {
                x.asynchronous
                    .as_ref()
                    .map(|w| format!("replicates asynchronously (\u{201c}{w}\u{201d})"))
            } else if let Some(lag) = x.lag.filter(|&l| l > rpo) {
                Some(format!("lets copies lag up to {}", duration(lag)))
            } else if let Some((every, words)) = x.cadence.as_ref().filter(|_| rpo > 0.0) {
                (*every > rpo).then(|| format!("backs up only {words}"))
            } else {
                None
            };
            if let Some(why) = why {
                out.push(Found {
                    kind: "rpo-vs-protection",
                    about: format!(
                        "The {} asks for {objective}; the {} {why}",
                        doc_name(r.input.kind),
                        doc_name(d.input.kind)
                    ),
                    rule: r,
                    found: d,
                });
            }
        }
    }
}

/// The longest restore a description estimates, in minutes.
fn restore_estimate(text: &str) -> Option<f64> {
    let cues = &extraction().conflicts.recovery;
    if !cues.restore.is_match(text) {
        return None;
    }
    let retention = &extraction().conflicts.retention;
    // "3 hours 40 minutes" is one duration.
    let mut spans: Vec<(usize, usize, f64)> = Vec::new();
    for (s, e, m) in durations(text) {
        match spans.last_mut() {
            Some(last)
                if text
                    .get(last.1..s)
                    .is_some_and(|gap| matches!(gap.trim(), "" | "and" | ",")) =>
            {
                last.1 = e;
                last.2 += m;
            }
            _ => spans.push((s, e, m)),
        }
    }
    spans
        .into_iter()
        .filter(|&(s, e, m)| {
            let before = words_before(text, s, 3);
            let after = words_after(text, e, 3);
            // An estimate may stand before a colon ("Estimate to be back in service: 2–3 days").
            let lead = text[..s].rsplit_once(':').map_or("", |(head, rest)| {
                if rest.split_whitespace().count() <= 1 {
                    head.rsplit(['.', ';', '(']).next().unwrap_or(head)
                } else {
                    ""
                }
            });
            m >= 1.0
                && !cues.every.is_match(words_before(text, s, 2))
                && !retention.keep.is_match(before)
                && (cues.estimate.is_match(before)
                    || (cues.estimate.is_match(lead) && cues.restore.is_match(lead))
                    // A restore that was done: "the exercise restored read access … in 3 hours".
                    || (words_before(text, s, 1).trim().eq_ignore_ascii_case("in")
                        && cues.restore.is_match(words_before(text, s, 10)))
                    || (after.trim_start().starts_with("to ") && cues.restore.is_match(after)))
        })
        .map(|(_, _, m)| m)
        .reduce(f64::max)
}

/// RTOs against restore estimates.
pub(super) fn recovery_time<'c, 'a>(
    rules: &[&'c Claim<'a>],
    descriptions: &[&'c Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    let targets: Vec<(&&Claim<'_>, f64)> = rules
        .iter()
        .filter_map(|r| objective(r, false).map(|m| (r, m)))
        .collect();
    if targets.is_empty() {
        return;
    }
    for d in descriptions {
        let Some(estimate) = restore_estimate(&d.text) else {
            continue;
        };
        for (r, rto) in &targets {
            if estimate > *rto {
                out.push(Found {
                    kind: "rto-vs-restore",
                    about: format!(
                        "The {} asks for recovery within {}; the {} estimates {} to restore",
                        doc_name(r.input.kind),
                        duration(*rto),
                        doc_name(d.input.kind),
                        duration(estimate)
                    ),
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

    #[test]
    fn what_a_description_can_lose() {
        let x = exposure("Ledger backups go to tape every night, with archive logs every hour.");
        assert_eq!(x.cadence.map(|c| c.0), Some(60.0));
        let x = exposure("periodic backup mode with a backup every 4 hours, two copies retained");
        assert_eq!(x.cadence.map(|c| c.0), Some(240.0));
        let x = exposure("nightly export to S3; point-in-time recovery is not enabled on them");
        assert_eq!(x.cadence.map(|c| c.0), Some(1440.0));
        let x = exposure("nightly snapshots and point-in-time recovery");
        assert!(x.cadence.is_none(), "continuous protection covers the gap");
        let x = exposure("Data Guard in maximum performance mode (asynchronous) between sites.");
        assert!(x.asynchronous.is_some());
        let x =
            exposure("turbo replication, so an upload exists in both regions within 15 minutes");
        assert_eq!(x.lag, Some(15.0));
    }

    #[test]
    fn restore_estimates() {
        assert_eq!(
            restore_estimate("a restore is a manual procedure and typically takes about six hours"),
            Some(360.0)
        );
        assert_eq!(
            restore_estimate("Restore runbook: redeploy the stacks. Manual; estimated 8–10 hours."),
            Some(600.0)
        );
        assert_eq!(restore_estimate("Restores are tested every 90 days."), None);
        assert_eq!(restore_estimate("Backups are kept for 30 days."), None);
    }
}
