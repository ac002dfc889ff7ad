//! Importing an infrastructure architecture document written elsewhere (or exported by infradraft)
//! into a session: its sections mapped onto the template's by their headings, tolerant of wording,
//! case and numbering; sections the template does not have kept as they are, in document order;
//! ```` ```mermaid ```` fences turned into diagrams. The document itself is kept as an input.

use std::collections::HashSet;

use jiff::Timestamp;

use super::document_shape::{DIAGRAMS_TITLE, GENERATED_TITLES, NOT_WRITTEN};
use super::{NewSession, new_session, slug};
use crate::inputs::extract::{normalize_heading, outline};
use crate::knowledge::Template;
use crate::model::{Diagram, DiagramKind, InputDocument, Section, SectionStatus, Session};

/// What an import found, for the person to check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// (heading as written, template section id) for every heading matched to the template.
    pub matched: Vec<(String, String)>,
    /// Headings kept as sections of their own.
    pub kept: Vec<String>,
    pub diagrams: usize,
    /// Parts infradraft generates on export (requirements, logs, …), which are not sections.
    pub skipped: Vec<String>,
}

/// Words that carry no meaning for matching headings.
const STOP: [&str; 8] = ["and", "the", "of", "for", "a", "an", "our", "to"];

pub(crate) fn words(text: &str) -> Vec<String> {
    normalize_heading(text)
        .replace('/', " ")
        .split_whitespace()
        .filter(|w| !STOP.contains(w))
        .map(|w| match w {
            // Common spellings that mean the same thing.
            "cicd" => "ci cd".to_string(),
            "observability" | "monitoring" => "monitoring".to_string(),
            "dr" => "disaster recovery".to_string(),
            "iac" => "infrastructure code".to_string(),
            "optimisation" => "optimization".to_string(),
            w => w.to_string(),
        })
        .flat_map(|w| w.split_whitespace().map(stem).collect::<Vec<_>>())
        .collect()
}

/// A crude stem, enough for headings: `networking` → `network`, `resources` → `resource`.
fn stem(word: &str) -> String {
    if let Some(s) = word.strip_suffix("ing")
        && s.len() >= 4
    {
        return s.to_string();
    }
    if let Some(s) = word.strip_suffix('s')
        && s.len() >= 3
        && !s.ends_with('s')
    {
        return s.to_string();
    }
    word.to_string()
}

/// How well a heading matches a template section (0–1): the share of the section's title words
/// found in the heading, penalised by extra words in the heading.
pub(crate) fn score(heading: &[String], section: &[String]) -> f64 {
    if heading.is_empty() || section.is_empty() {
        return 0.0;
    }
    let h: HashSet<&String> = heading.iter().collect();
    let s: HashSet<&String> = section.iter().collect();
    let common = h.intersection(&s).count() as f64;
    let recall = common / s.len() as f64;
    let precision = common / h.len() as f64;
    if common == 0.0 {
        0.0
    } else {
        2.0 * recall * precision / (recall + precision)
    }
}

/// The template section a heading means, if any matches well enough (and is not taken yet).
fn match_section(template: &Template, heading: &str, taken: &HashSet<String>) -> Option<String> {
    let h = words(heading);
    let mut best: Option<(f64, &str)> = None;
    for t in &template.sections {
        if taken.contains(&t.id) {
            continue;
        }
        let by_title = score(&h, &words(&t.title));
        let by_id = score(&h, &words(&t.id.replace('-', " ")));
        let s = by_title.max(by_id);
        if s >= 0.6 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, &t.id));
        }
    }
    best.map(|(_, id)| id.to_string())
}

/// A fenced mermaid block found in a body, with the `###` heading right above it (if any).
struct Fence {
    title: Option<String>,
    source: String,
}

/// Splits the mermaid fences (and a heading directly above each) out of a section body.
fn take_diagrams(body: &str) -> (String, Vec<Fence>) {
    let lines: Vec<&str> = body.lines().collect();
    let mut keep: Vec<&str> = Vec::new();
    let mut fences = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        let fence_char = if trimmed.starts_with("```") {
            Some("```")
        } else if trimmed.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        if let Some(marker) = fence_char
            && trimmed[3..]
                .trim_start_matches(['`', '~'])
                .trim()
                .eq_ignore_ascii_case("mermaid")
        {
            let mut source = Vec::new();
            let mut j = i + 1;
            while j < lines.len() && !lines[j].trim_start().starts_with(marker) {
                source.push(lines[j]);
                j += 1;
            }
            // A heading directly above (blank lines between allowed) names the diagram.
            while keep.last().is_some_and(|l| l.trim().is_empty()) {
                keep.pop();
            }
            let title = match keep.last() {
                Some(l) if l.trim_start().starts_with("###") => {
                    let t = l.trim_start().trim_start_matches('#').trim().to_string();
                    keep.pop();
                    Some(t)
                }
                _ => None,
            };
            while keep.last().is_some_and(|l| l.trim().is_empty()) {
                keep.pop();
            }
            fences.push(Fence {
                title,
                source: source.join("\n"),
            });
            // One blank line where the diagram was, however many surrounded it.
            i = j + 1;
            while i < lines.len() && lines[i].trim().is_empty() {
                i += 1;
            }
            if !keep.is_empty() && i < lines.len() {
                keep.push("");
            }
            continue;
        }
        keep.push(lines[i]);
        i += 1;
    }
    let text = keep.join("\n");
    (text.trim_matches('\n').to_string(), fences)
}

fn body_text(body: &str) -> String {
    let body = body.trim_matches('\n');
    if body.trim() == NOT_WRITTEN || body.trim() == "_This section has not been written yet._" {
        String::new()
    } else {
        body.to_string()
    }
}

/// Builds a session from a document. `input` is the document as read (its text and path).
pub fn import(
    template: &Template,
    input: InputDocument,
    now: Timestamp,
) -> (Session, ImportReport) {
    let text = input.text.clone();
    let lines: Vec<&str> = text.lines().collect();
    let headings = outline(&text);
    // The section level: 2 when the document has one title heading, 1 when it has several
    // top-level headings (then they are the sections).
    let h1 = headings.iter().filter(|h| h.level == 1).count();
    let level = if h1 > 1 { 1 } else { 2 };
    let title = if h1 == 1 {
        headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.clone())
    } else {
        None
    };
    let project = metadata_value(&lines, "Project");
    let mut session = new_session(
        template,
        NewSession {
            title,
            project,
            authors: metadata_value(&lines, "Authors")
                .map(|a| a.split(',').map(|s| s.trim().to_string()).collect())
                .unwrap_or_default(),
            mode: None,
            inputs: vec![input],
        },
        now,
    );
    let mut report = ImportReport::default();
    let bounds: Vec<&crate::inputs::extract::Heading> =
        headings.iter().filter(|h| h.level <= level).collect();
    let mut taken: HashSet<String> = HashSet::new();
    // Where the last matched or kept section sits, so kept ones follow in document order.
    let mut after: Option<usize> = None;
    let mut diagrams: Vec<Diagram> = Vec::new();
    let mut section_ids = UniqueIds::new(session.sections.iter().map(|s| s.id.clone()));
    let mut diagram_ids = UniqueIds::new(std::iter::empty());
    for (n, h) in bounds.iter().enumerate() {
        if h.level < level {
            continue;
        }
        let start = body_start(&lines, h.line);
        let end = bounds
            .get(n + 1)
            .map_or(lines.len(), |next| next.line as usize - 1);
        let raw = if start < end {
            lines[start..end].join("\n")
        } else {
            String::new()
        };
        let (body, fences) = take_diagrams(&raw);
        let body = body_text(&body);
        if GENERATED_TITLES
            .iter()
            .any(|g| g.eq_ignore_ascii_case(h.text.trim()))
        {
            if h.text.trim().eq_ignore_ascii_case(DIAGRAMS_TITLE) {
                push_diagrams(&mut diagrams, &mut diagram_ids, fences, None, &mut report);
            }
            report.skipped.push(h.text.clone());
            continue;
        }
        let index = match match_section(template, &h.text, &taken) {
            Some(id) => {
                taken.insert(id.clone());
                report.matched.push((h.text.clone(), id.clone()));
                session
                    .sections
                    .iter()
                    .position(|s| s.id == id)
                    .expect("template sections are in the session")
            }
            None => {
                report.kept.push(h.text.clone());
                let mut id = slug(&h.text);
                if id.is_empty() {
                    id = "section".into();
                }
                let unique = section_ids.take(id);
                let at = after.map_or(0, |a| a + 1);
                session
                    .sections
                    .insert(at, Section::new(&unique, h.text.trim()));
                at
            }
        };
        let id = session.sections[index].id.clone();
        push_diagrams(
            &mut diagrams,
            &mut diagram_ids,
            fences,
            Some(&id),
            &mut report,
        );
        let section = &mut session.sections[index];
        if !body.trim().is_empty() {
            section.body = body;
            section.status = SectionStatus::Drafted;
            // Imported text is the person's own: nothing in it was generated.
            section.hand_edited = true;
            section.generated = Some(String::new());
        }
        after = Some(index);
    }
    session.diagrams = diagrams;
    session.record(
        now,
        "imported",
        format!(
            "{} sections matched to the template, {} kept, {} diagrams",
            report.matched.len(),
            report.kept.len(),
            report.diagrams
        ),
    );
    (session, report)
}

/// The first line of a heading's body (after a setext underline).
fn body_start(lines: &[&str], heading_line: u32) -> usize {
    let i = heading_line as usize; // the line after the heading, 0-based
    match lines.get(i) {
        Some(l) if !l.trim().is_empty() && l.trim().chars().all(|c| c == '=' || c == '-') => i + 1,
        _ => i,
    }
}

/// Ids not used yet: an id as it is, else with `-2`, `-3`, … appended, in constant time per id
/// however many repeat (a document may hold thousands of headings of the same name).
struct UniqueIds {
    used: HashSet<String>,
    /// The next suffix to try per id.
    next: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    fn new(existing: impl Iterator<Item = String>) -> UniqueIds {
        UniqueIds {
            used: existing.collect(),
            next: Default::default(),
        }
    }

    fn take(&mut self, id: String) -> String {
        if self.used.insert(id.clone()) {
            return id;
        }
        let k = self.next.entry(id.clone()).or_insert(2);
        loop {
            let candidate = format!("{id}-{k}");
            *k += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn push_diagrams(
    diagrams: &mut Vec<Diagram>,
    ids: &mut UniqueIds,
    fences: Vec<Fence>,
    section: Option<&str>,
    report: &mut ImportReport,
) {
    for f in fences {
        let title = f
            .title
            .unwrap_or_else(|| format!("Diagram {}", diagrams.len() + 1));
        let mut id = slug(&title);
        if id.is_empty() {
            id = "diagram".into();
        }
        let unique = ids.take(id);
        let kind = match unique.as_str() {
            "network-topology" => DiagramKind::NetworkTopology,
            "data-flow" => DiagramKind::DataFlow,
            "deployment-pipeline" => DiagramKind::DeploymentPipeline,
            "environment-relationships" => DiagramKind::EnvironmentRelationships,
            _ => DiagramKind::Custom,
        };
        diagrams.push(Diagram {
            id: unique,
            kind,
            title,
            section: section.map(str::to_string),
            source: f.source,
        });
        report.diagrams += 1;
    }
}

/// A metadata value near the top of the document: `- **Project:** Ferrybook` (as export writes
/// it), `Project: Ferrybook`, or a two-column table row `| Project | Ferrybook |`.
fn metadata_value(lines: &[&str], key: &str) -> Option<String> {
    lines.iter().take(40).find_map(|l| {
        let t = l.trim().trim_start_matches(['-', '*']).trim();
        let plain = t.replace("**", "");
        if let Some(rest) = plain
            .strip_prefix(key)
            .and_then(|r| r.strip_prefix(':'))
            .filter(|_| plain.len() > key.len() && plain[..key.len()].eq_ignore_ascii_case(key))
        {
            let v = rest.trim();
            return (!v.is_empty()).then(|| v.to_string());
        }
        let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
        (t.starts_with('|')
            && cells.len() == 2
            && cells[0].eq_ignore_ascii_case(key)
            && !cells[1].is_empty())
        .then(|| cells[1].replace("\\|", "|"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_whatever_their_wording_case_and_numbering() {
        let t = Template::builtin().unwrap();
        let none = HashSet::new();
        for (heading, id) in [
            ("3. Network Architecture", "network-architecture"),
            ("NETWORKING ARCHITECTURE", "network-architecture"),
            ("4.2 Compute resources", "compute-resources"),
            ("CI/CD Pipeline", "ci-cd-pipeline"),
            ("Continuous delivery pipeline (CI/CD)", "ci-cd-pipeline"),
            ("Monitoring & Observability", "monitoring-observability"),
            ("Observability", "monitoring-observability"),
            ("Disaster recovery (DR)", "disaster-recovery"),
            ("Infrastructure as Code (IaC)", "infrastructure-as-code"),
            ("Cost optimisation", "cost-optimization"),
        ] {
            assert_eq!(
                match_section(&t, heading, &none).as_deref(),
                Some(id),
                "{heading}"
            );
        }
        assert_eq!(match_section(&t, "Glossary of ferry terms", &none), None);
    }

    #[test]
    fn mermaid_fences_leave_the_body_with_their_heading() {
        let (body, fences) = take_diagrams(
            "Intro.\n\n### Network topology\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\nAfter.",
        );
        assert_eq!(body, "Intro.\n\nAfter.");
        assert_eq!(fences.len(), 1);
        assert_eq!(fences[0].title.as_deref(), Some("Network topology"));
        assert_eq!(fences[0].source, "flowchart LR\n  A --> B");
    }

    #[test]
    fn repeated_headings_and_clashing_suffixes_get_distinct_ids() {
        let mut ids = UniqueIds::new(["overview".to_string()].into_iter());
        let got: Vec<String> = ["same", "same", "same-2", "same", "overview"]
            .iter()
            .map(|s| ids.take(s.to_string()))
            .collect();
        assert_eq!(got, ["same", "same-2", "same-2-2", "same-3", "overview-2"]);
        // Thousands of one heading: every id distinct (the bench times this case).
        let mut md = String::from("# Doc\n\n");
        for _ in 0..2000 {
            md.push_str("## Same\n\ntext\n\n");
        }
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let input = InputDocument {
            kind: crate::model::InputKind::Architecture,
            path: "doc.md".into(),
            sha256: String::new(),
            snapshot_at: now,
            text: md,
        };
        let (session, report) = import(&Template::builtin().unwrap(), input, now);
        assert_eq!(report.kept.len(), 2000);
        let ids: HashSet<&str> = session.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), session.sections.len());
        assert!(ids.contains("same-2000"));
    }
}
