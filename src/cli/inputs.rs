//! `infradraft inputs`: a session's inputs, their freshness, and what was extracted from them.
//!
//! As JSON (`--format json`): one object, its shape described by
//! `docs/schemas/inputs.schema.json`, version [`JSON_VERSION`]; enum values are spelt as in the
//! session file, an input's `freshness` is an id (`builtin`, `fresh`, `changed`, `missing`,
//! `unreadable`, the reason then in `freshness_detail`), times are RFC 3339 timestamps.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::CliResult;
use super::args::FormatArg;
use crate::inputs::extract::{TechnicalAssumptions, figures, technical_assumptions};
use crate::inputs::{Freshness, contribution, freshness, missing_kinds};
use crate::model::{
    AssumptionTopic, Figure, InputKind, Modality, RequirementCategory, RequirementOrigin, Session,
    SourceRef,
};
use crate::store;
use crate::text::sanitize_line;

pub fn run(path: &Path, format: FormatArg, out: &mut dyn Write) -> CliResult {
    let session = store::load(path)?.session;
    match format {
        FormatArg::Text => out.write_all(report(&session).as_bytes())?,
        FormatArg::Json => super::output::write_json(out, &json_report(&session))?,
    }
    Ok(())
}

/// The version of `inputs --format json`; it changes only when a field is removed or changes
/// meaning (fields may be added within a version).
pub(crate) const JSON_VERSION: u32 = 1;

/// A place in an input, as JSON.
#[derive(Serialize)]
struct Place<'a> {
    input: &'a str,
    line: u32,
    text: &'a str,
}

fn place<'a>(source: &'a SourceRef, text: &'a str) -> Place<'a> {
    Place {
        input: &source.input,
        line: source.line,
        text,
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    title: &'a str,
    inputs: Vec<JsonInput<'a>>,
    missing_inputs: Vec<InputKind>,
    requirements: Vec<JsonRequirement<'a>>,
    regimes: Vec<JsonRegime<'a>>,
    facts: Vec<JsonFact<'a>>,
    conflicts: Vec<JsonConflict<'a>>,
}

#[derive(Serialize)]
struct JsonInput<'a> {
    kind: InputKind,
    path: &'a str,
    lines: usize,
    sha256: &'a str,
    /// `builtin`, `fresh`, `changed`, `missing` or `unreadable`.
    freshness: &'static str,
    /// Why an `unreadable` input cannot be read; null otherwise.
    freshness_detail: Option<String>,
}

#[derive(Serialize)]
struct JsonRequirement<'a> {
    id: &'a str,
    category: RequirementCategory,
    text: &'a str,
    origin: RequirementOrigin,
    source: Option<&'a SourceRef>,
    figures: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct JsonRegime<'a> {
    name: &'a str,
    in_scope: bool,
    /// Where the inputs name it, and whether each place says it applies.
    sources: Vec<JsonEvidence<'a>>,
}

#[derive(Serialize)]
struct JsonEvidence<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    applies: bool,
}

#[derive(Serialize)]
struct JsonFact<'a> {
    topic: AssumptionTopic,
    text: &'a str,
    tags: &'a [String],
    modality: Modality,
    incidental: bool,
    source: Option<&'a SourceRef>,
}

#[derive(Serialize)]
struct JsonConflict<'a> {
    key: &'a str,
    kind: &'a str,
    about: &'a str,
    rule: Vec<Place<'a>>,
    found: Vec<Place<'a>>,
    /// `open` or `resolved`.
    status: &'static str,
    reason: Option<&'a str>,
    resolved_at: Option<jiff::Timestamp>,
}

/// A figure as a flat object: `{"kind": "availability", "percent": 99.95}`.
fn figure_json(f: &Figure) -> serde_json::Value {
    match serde_json::to_value(f) {
        Ok(serde_json::Value::Object(outer)) if outer.len() == 1 => {
            let (name, fields) = outer.into_iter().next().expect("one entry");
            let mut flat = serde_json::Map::new();
            flat.insert("kind".into(), name.to_lowercase().into());
            if let serde_json::Value::Object(fields) = fields {
                flat.extend(fields);
            }
            flat.into()
        }
        Ok(other) => other,
        Err(_) => serde_json::Value::Null,
    }
}

fn json_report(s: &Session) -> JsonReport<'_> {
    let mut regimes: Vec<&str> = s.regimes.iter().map(String::as_str).collect();
    for e in &s.regime_evidence {
        if !regimes.contains(&e.regime.as_str()) {
            regimes.push(&e.regime);
        }
    }
    JsonReport {
        version: JSON_VERSION,
        title: &s.meta.title,
        inputs: s
            .inputs
            .iter()
            .map(|d| {
                let state = freshness(d);
                JsonInput {
                    kind: d.kind,
                    path: &d.path,
                    lines: d.text.lines().count(),
                    sha256: &d.sha256,
                    freshness: match state {
                        Freshness::Builtin => "builtin",
                        Freshness::Fresh => "fresh",
                        Freshness::Changed { .. } => "changed",
                        Freshness::Missing => "missing",
                        Freshness::Unreadable(_) => "unreadable",
                    },
                    freshness_detail: match state {
                        Freshness::Unreadable(why) => Some(why),
                        _ => None,
                    },
                }
            })
            .collect(),
        missing_inputs: missing_kinds(&s.inputs),
        requirements: s
            .requirements
            .iter()
            .map(|r| JsonRequirement {
                id: &r.id,
                category: r.category,
                text: &r.text,
                origin: r.origin,
                source: r.source.as_ref(),
                figures: figures(&r.text).iter().map(figure_json).collect(),
            })
            .collect(),
        regimes: regimes
            .into_iter()
            .map(|name| JsonRegime {
                name,
                in_scope: s.regimes.iter().any(|r| r == name),
                sources: s
                    .regime_evidence
                    .iter()
                    .filter(|e| e.regime == name)
                    .map(|e| JsonEvidence {
                        place: place(&e.source, &e.text),
                        applies: e.applies,
                    })
                    .collect(),
            })
            .collect(),
        facts: s
            .assumptions
            .iter()
            .map(|a| JsonFact {
                topic: a.topic,
                text: &a.text,
                tags: &a.tags,
                modality: a.modality,
                incidental: a.incidental,
                source: a.source.as_ref(),
            })
            .collect(),
        conflicts: s
            .input_conflicts
            .iter()
            .map(|c| {
                let resolution = s.resolution(c);
                JsonConflict {
                    key: &c.key,
                    kind: &c.kind,
                    about: &c.about,
                    rule: c.rules().map(|x| place(&x.source, &x.text)).collect(),
                    found: c.places().map(|x| place(&x.source, &x.text)).collect(),
                    status: if resolution.is_some() {
                        "resolved"
                    } else {
                        "open"
                    },
                    reason: resolution.map(|r| r.reason.as_str()),
                    resolved_at: resolution.map(|r| r.at),
                }
            })
            .collect(),
    }
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
