//! Conflicts between the inputs: a place that rules how the system must be (a requirement, a
//! guideline, a mandate or a prohibition) and a place that describes it otherwise (the
//! architecture document, the tech stack). Each kind of disagreement is a rule of its own module:
//!
//! - [`tools`]: a tool ruled out but used; one tool of a kind mandated and another in use
//!   (an infrastructure-as-code tool, a CI system, a language for the same part of the system);
//! - [`recovery`]: an RPO against a backup cadence or asynchronous replication, an RTO against a
//!   restore estimate, an availability target against a single-zone placement, a required feature
//!   (point-in-time recovery, geo-replication, customer-managed keys, zone redundancy) left out;
//! - [`retention`]: a minimum retention against an earlier deletion, a maximum against longer
//!   keeping, for the same data;
//! - [`money`]: a budget against a larger estimate in the same currency and period;
//! - [`residency`]: a residency rule against a region outside it.
//!
//! The words all this goes by are in `assets/extraction/conflicts.ron` and
//! `assets/extraction/geography.ron`. One pair of places gives one conflict (the first rule
//! that finds it), and the work is bounded: each rule pairs at most [`MAX_SIDE`] statements of
//! each side, and at most [`MAX_CONFLICTS`] conflicts are reported.

mod claims;
mod money;
mod recovery;
mod residency;
mod retention;
mod tools;

use crate::model::{ConflictSide, InputConflict, InputDocument, InputKind, Requirement, SourceRef};

use claims::Claim;

/// The most statements of one side a rule pairs.
const MAX_SIDE: usize = 2000;
/// The most conflicts reported.
pub const MAX_CONFLICTS: usize = 200;
/// The most places one conflict lists.
const MAX_PLACES: usize = 20;
/// The longest statement text a conflict keeps (in characters).
const MAX_TEXT: usize = 400;

/// A conflict as a rule finds it.
struct Found<'c, 'a> {
    kind: &'static str,
    about: String,
    rule: &'c Claim<'a>,
    found: &'c Claim<'a>,
}

/// How a message names a document.
fn doc_name(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Prd => "PRD",
        InputKind::Architecture => "architecture document",
        InputKind::TechStack => "tech stack",
        // Singular, so that every message's verb agrees ("the guidelines document rules out").
        InputKind::InfrastructureGuidelines => "guidelines document",
        InputKind::Other => "other input",
    }
}

/// A duration in words: `zero`, `5 minutes`, `4 hours`, `14 days`, `7 years`.
fn duration(minutes: f64) -> String {
    let plural = |n: f64, unit: &str| {
        let n = (n * 10.0).round() / 10.0;
        if n == 1.0 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    if minutes <= 0.0 {
        "zero".into()
    } else if minutes < 60.0 {
        plural(minutes, "minute")
    } else if minutes < 2.0 * 1440.0 {
        plural(minutes / 60.0, "hour")
    } else if minutes < 365.0 * 1440.0 || (minutes / 1440.0) % 365.0 > 1.0 {
        plural(minutes / 1440.0, "day")
    } else {
        plural(minutes / (365.0 * 1440.0), "year")
    }
}

/// A stable key: FNV-1a of the kind and both statements with their documents.
fn key(kind: &str, rule: &Claim<'_>, found: &Claim<'_>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        kind,
        &rule.input.path,
        &rule.text,
        &found.input.path,
        &found.text,
    ] {
        for b in part.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn side(c: &Claim<'_>) -> ConflictSide {
    let text = if c.text.chars().count() > MAX_TEXT {
        let mut t: String = c.text.chars().take(MAX_TEXT - 1).collect();
        t.push('…');
        t
    } else {
        c.text.clone()
    };
    ConflictSide {
        text,
        source: SourceRef {
            input: c.input.path.clone(),
            line: c.line,
        },
    }
}

/// The conflicts between `inputs`, in the order the rules find them. `requirements` are those
/// extracted from the same inputs: a statement on a requirement's line is a rule.
pub fn input_conflicts(
    inputs: &[InputDocument],
    requirements: &[Requirement],
) -> Vec<InputConflict> {
    let all = claims::claims(inputs, requirements);
    let rules: Vec<&Claim<'_>> = all.iter().filter(|c| c.rule).take(MAX_SIDE).collect();
    let descriptions: Vec<&Claim<'_>> = all
        .iter()
        .filter(|c| c.description)
        .take(MAX_SIDE)
        .collect();
    let mut found: Vec<Found<'_, '_>> = Vec::new();
    tools::prohibited_in_use(&all, &descriptions, &mut found);
    tools::one_of_a_kind(&rules, &descriptions, &mut found);
    recovery::features(&rules, &descriptions, &mut found);
    recovery::single_zone(&rules, &descriptions, &mut found);
    recovery::recovery_point(&rules, &descriptions, &mut found);
    recovery::recovery_time(&rules, &descriptions, &mut found);
    retention::retention(&rules, &descriptions, &mut found);
    money::budget(&rules, &all, &mut found);
    residency::residency_rules(&rules, &descriptions, &mut found);

    // One conflict per rule and kind, with every place that disagrees with it; a pair of places
    // is reported once (by the first rule that finds it).
    let mut out: Vec<InputConflict> = Vec::new();
    let mut groups: Vec<(&str, *const Claim<'_>)> = Vec::new();
    type Place<'p> = (&'p str, u32);
    let mut seen: Vec<(Place<'_>, Place<'_>)> = Vec::new();
    for f in &found {
        if f.rule.same_place(f.found) {
            continue;
        }
        let a = (f.rule.input.path.as_str(), f.rule.line);
        let b = (f.found.input.path.as_str(), f.found.line);
        if seen
            .iter()
            .any(|&(x, y)| (x, y) == (a, b) || (x, y) == (b, a))
        {
            continue;
        }
        seen.push((a, b));
        let group = (f.kind, std::ptr::from_ref(f.rule));
        match groups.iter().position(|g| *g == group) {
            Some(i) => {
                if out[i].also.len() < MAX_PLACES {
                    out[i].also.push(side(f.found));
                }
            }
            None => {
                if out.len() == MAX_CONFLICTS {
                    continue;
                }
                groups.push(group);
                out.push(InputConflict {
                    key: key(f.kind, f.rule, f.found),
                    kind: f.kind.to_string(),
                    about: f.about.clone(),
                    rule: side(f.rule),
                    found: side(f.found),
                    also: Vec::new(),
                    rule_also: Vec::new(),
                });
            }
        }
    }
    merge_restated_rules(out)
}

/// Several places often state one rule (the PRD and the guidelines both mandate Terraform), and
/// each then finds the same places against it: such conflicts become one, the other statements of
/// the rule kept in `rule_also`.
fn merge_restated_rules(conflicts: Vec<InputConflict>) -> Vec<InputConflict> {
    let mut out: Vec<InputConflict> = Vec::with_capacity(conflicts.len());
    for c in conflicts {
        let same = out.iter_mut().find(|o| {
            o.kind == c.kind
                && o.places().count() == c.places().count()
                && o.places()
                    .zip(c.places())
                    .all(|(a, b)| a.source == b.source)
        });
        match same {
            Some(o) if o.rule_also.len() < MAX_PLACES => o.rule_also.push(c.rule),
            Some(_) => {}
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
