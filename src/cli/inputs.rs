//! `infradraft inputs`: a session's inputs, their freshness, and what was extracted from them.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::CliResult;
use crate::inputs::extract::{TechnicalAssumptions, technical_assumptions};
use crate::inputs::{Freshness, contribution, freshness, missing_kinds};
use crate::model::{InputKind, Session};
use crate::store;
use crate::text::sanitize_line;

pub fn run(path: &Path, out: &mut dyn Write) -> CliResult {
    let session = store::load(path)?.session;
    out.write_all(report(&session).as_bytes())?;
    Ok(())
}

/// The report `inputs` prints.
pub fn report(s: &Session) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Inputs ({})", s.inputs.len());
    for doc in &s.inputs {
        let state = match freshness(doc) {
            Freshness::Unreadable(why) => format!("unreadable: {}", sanitize_line(&why)),
            f => f.label().to_string(),
        };
        let _ = writeln!(
            o,
            "  {:<26} {}  ({} lines, {})",
            doc.kind.label(),
            sanitize_line(&doc.path),
            doc.text.lines().count(),
            state
        );
    }
    let missing = missing_kinds(&s.inputs);
    if !missing.is_empty() {
        let _ = writeln!(o, "\nMissing inputs");
        for kind in missing {
            let _ = writeln!(
                o,
                "  {:<26} would contribute {}",
                kind.label(),
                contribution(kind)
            );
        }
    }
    let _ = writeln!(o, "\nRequirements ({})", s.requirements.len());
    for r in &s.requirements {
        let src = r
            .source
            .as_ref()
            .map_or("written by hand".to_string(), |x| {
                sanitize_line(&x.short()).into_owned()
            });
        let _ = writeln!(
            o,
            "  {:<8} {:<12} {}  [{src}]",
            sanitize_line(&r.id),
            r.category.label(),
            sanitize_line(&r.text)
        );
    }
    if !s.regimes.is_empty() {
        let _ = writeln!(o, "\nCompliance regimes in scope: {}", s.regimes.join(", "));
        for e in s
            .regime_evidence
            .iter()
            .filter(|e| s.regimes.contains(&e.regime))
        {
            let _ = writeln!(
                o,
                "  {:<10} {} \"{}\"  [{}]",
                sanitize_line(&e.regime),
                if e.applies { "named" } else { "ruled out" },
                sanitize_line(&e.text),
                sanitize_line(&e.source.short())
            );
        }
    }
    if !s.input_conflicts.is_empty() {
        let open = s.open_conflicts().count();
        let _ = writeln!(
            o,
            "\nConflicts between inputs ({}, {open} open)",
            s.input_conflicts.len()
        );
        for c in &s.input_conflicts {
            let state = match s.resolution(c) {
                Some(r) => format!("resolved: {}", sanitize_line(&r.reason)),
                None => "open".to_string(),
            };
            let _ = writeln!(o, "  {} [{state}]", sanitize_line(&c.about));
            for side in c.rules() {
                let _ = writeln!(
                    o,
                    "    rule  {:<22} {}",
                    sanitize_line(&side.source.short()),
                    sanitize_line(&side.text)
                );
            }
            for side in c.places() {
                let _ = writeln!(
                    o,
                    "    found {:<22} {}",
                    sanitize_line(&side.source.short()),
                    sanitize_line(&side.text)
                );
            }
        }
    }
    let _ = writeln!(o);
    match s.input(InputKind::Prd).map(technical_assumptions) {
        None => {
            let _ = writeln!(o, "Technical Assumptions: no PRD among the inputs");
        }
        Some(TechnicalAssumptions::Missing) => {
            let _ = writeln!(
                o,
                "Technical Assumptions: the PRD has no Technical Assumptions section"
            );
        }
        Some(TechnicalAssumptions::Found { heading, .. }) => {
            let _ = writeln!(
                o,
                "Technical Assumptions: \"{}\" (PRD line {})",
                sanitize_line(&heading.text),
                heading.line
            );
        }
    }
    let _ = writeln!(
        o,
        "\nFacts decisions are checked against ({})",
        s.assumptions.len()
    );
    for a in &s.assumptions {
        let src = a.source.as_ref().map_or(String::new(), |x| {
            format!("  [{}]", sanitize_line(&x.short()))
        });
        let _ = writeln!(
            o,
            "  {:<24} {} {{{}}}{src}",
            format!("{:?}", a.topic),
            sanitize_line(&a.text),
            a.tags.join(", ")
        );
    }
    o
}
