//! `check`: is the document complete and sound enough to hand over? Completeness (sections,
//! decisions, the four process diagrams, stories), decision sanity, conflicts with the inputs,
//! diagram validation (the diagrams list and ```` ```mermaid ```` fences in the sections' text)
//! and the checklist's pass rate, as findings with a severity. Errors fail the check; warnings do
//! not.

use serde::Serialize;

use super::Progress;
use super::document_shape::clean_body;
use crate::analysis::crosscheck::{Verdict, check_decision};
use crate::analysis::{checklist_review, diagram_check};
use crate::knowledge::checklist::Checklist;
use crate::model::{DiagramKind, Session};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    Completeness,
    /// Two inputs that disagree and that nobody has resolved.
    Inputs,
    Decision,
    Conflict,
    Diagram,
    Stories,
    Checklist,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckFinding {
    pub level: Level,
    pub area: Area,
    /// The section it concerns, if any (its id).
    pub section: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub title: String,
    pub sections_written: usize,
    pub sections: usize,
    pub sections_finalized: usize,
    /// Decisions made, of all the decisions the sections hold.
    pub decisions_made: usize,
    pub decisions: usize,
    pub diagrams: usize,
    pub stories: usize,
    /// The checklist's overall pass rate in percent (`None` when nothing was scored).
    pub checklist_pass_rate: Option<f64>,
    pub min_pass: f64,
    pub findings: Vec<CheckFinding>,
    /// No errors, and the checklist at or above `min_pass`.
    pub passed: bool,
}

/// The sub-headings (`###` and deeper) of a section body under which nothing is written, or only
/// a template prompt (one italic line), before the next heading of the same or a higher level.
pub fn unwritten_subsections(body: &str) -> Vec<String> {
    let level = |line: &str| {
        let t = line.trim_start();
        let hashes = t.chars().take_while(|c| *c == '#').count();
        (hashes >= 1 && t[hashes..].starts_with(' ')).then_some(hashes)
    };
    let lines: Vec<&str> = body.lines().collect();
    let mut fence = false;
    let mut headings: Vec<(usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fence = !fence;
        }
        if !fence && let Some(n) = level(line) {
            headings.push((i, n));
        }
    }
    let mut out = Vec::new();
    for (k, &(at, n)) in headings.iter().enumerate() {
        if n < 3 {
            continue;
        }
        let end = headings[k + 1..]
            .iter()
            .find(|(_, m)| *m <= n)
            .map_or(lines.len(), |(i, _)| *i);
        let content: Vec<&str> = lines[at + 1..end]
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        if content
            .iter()
            .all(|l| crate::knowledge::italic(l).is_some())
            && content.len() <= 1
        {
            let title = lines[at].trim_start().trim_start_matches('#').trim();
            out.push(title.to_string());
        }
    }
    out
}

/// The four diagrams the process asks for.
const REQUIRED_DIAGRAMS: [DiagramKind; 4] = [
    DiagramKind::NetworkTopology,
    DiagramKind::DataFlow,
    DiagramKind::DeploymentPipeline,
    DiagramKind::EnvironmentRelationships,
];

/// Checks a session. `min_pass` is the checklist pass rate (percent) required; 0 requires none.
/// `require_finalized` makes every written section that is not finalized an error (`check
/// --require-finalized`).
pub fn check(
    s: &Session,
    checklist: &Checklist,
    min_pass: f64,
    require_finalized: bool,
) -> CheckReport {
    let mut findings = Vec::new();
    let mut push = |level, area, section: Option<&str>, message: String| {
        findings.push(CheckFinding {
            level,
            area,
            section: section.map(str::to_string),
            message,
        })
    };
    let written = |body: &str| !clean_body(body).trim().is_empty();
    let mut open_questions = 0;
    for section in &s.sections {
        if !written(&section.body) {
            push(
                Level::Error,
                Area::Completeness,
                Some(&section.id),
                format!("{}: not written yet", section.title),
            );
            continue;
        }
        // Derived content (the open questions, the decision log) is written when shown.
        let body: String = section
            .body
            .lines()
            .map(|l| {
                if super::subsections::is_live_marker(l) {
                    "(written from the session when shown)"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let body = clean_body(&body);
        for heading in unwritten_subsections(&body) {
            push(
                Level::Error,
                Area::Completeness,
                Some(&section.id),
                format!(
                    "{} › {heading}: not written yet (nothing, or only the template's prompt)",
                    section.title
                ),
            );
        }
        open_questions += body
            .lines()
            .filter(|l| {
                l.trim_start()
                    .starts_with(super::subsections::OPEN_QUESTION)
            })
            .count();
    }
    if require_finalized {
        for section in s.sections.iter().filter(|x| written(&x.body)) {
            if section.status != crate::model::SectionStatus::Finalized {
                push(
                    Level::Error,
                    Area::Completeness,
                    Some(&section.id),
                    format!(
                        "{}: not finalized (8 in the workbench, once it is complete)",
                        section.title
                    ),
                );
            }
        }
    }
    if open_questions > 0 {
        push(
            Level::Warning,
            Area::Completeness,
            None,
            format!(
                "{open_questions} open question{} in the sections: answer each, or keep it for the list in the appendices",
                if open_questions == 1 { "" } else { "s" }
            ),
        );
    }
    for c in s.open_conflicts() {
        push(
            Level::Warning,
            Area::Inputs,
            None,
            format!(
                "inputs disagree: {} ({} / {}); resolve it with a reason or fix an input",
                c.about,
                c.rule.source.short(),
                c.found.source.short()
            ),
        );
    }
    for c in &s.components {
        let Some(section) = s.section(c.section_id()) else {
            continue;
        };
        let title = &s.decision_label(c);
        let Some(d) = &c.decision else {
            push(
                Level::Error,
                Area::Decision,
                Some(&section.id),
                format!("{title}: no decision recorded"),
            );
            continue;
        };
        if d.considered.len() < 2 {
            push(
                Level::Error,
                Area::Decision,
                Some(&section.id),
                format!(
                    "{title}: decided with {} option(s) considered; at least two are needed",
                    d.considered.len()
                ),
            );
        }
        if !d.considered.contains(&d.option) {
            push(
                Level::Error,
                Area::Decision,
                Some(&section.id),
                format!("{title}: the chosen option is not among the options considered"),
            );
        }
        if c.option(&d.option).is_none() {
            push(
                Level::Error,
                Area::Decision,
                Some(&section.id),
                format!(
                    "{title}: the chosen option {:?} is not on the component",
                    d.option
                ),
            );
        }
        let options = c.options_by_id();
        for id in &d.considered {
            if let Some(o) = options.get(id.as_str())
                && (o.pros.is_empty() || o.cons.is_empty())
            {
                push(
                    Level::Error,
                    Area::Decision,
                    Some(&section.id),
                    format!("{title}: option {:?} has no pros or no cons", o.name),
                );
            }
        }
        if d.justification.trim().is_empty() {
            push(
                Level::Error,
                Area::Decision,
                Some(&section.id),
                format!("{title}: the decision has no justification"),
            );
        }
        let conflicts: Vec<_> = check_decision(c, &s.assumptions, &s.requirements, &s.inputs)
            .into_iter()
            .filter(|f| f.verdict == Verdict::Conflicting)
            .collect();
        for f in conflicts {
            let line = f.describe();
            let accepted = d.acknowledged_conflicts.iter().any(|a| a.finding == line);
            push(
                if accepted {
                    Level::Warning
                } else {
                    Level::Error
                },
                Area::Conflict,
                Some(&section.id),
                format!(
                    "{title}: {}{}",
                    line,
                    if accepted { " (accepted)" } else { "" }
                ),
            );
        }
    }
    for kind in REQUIRED_DIAGRAMS {
        if !s.diagrams.iter().any(|d| d.kind == kind) {
            push(
                Level::Error,
                Area::Completeness,
                None,
                format!("no {} diagram", kind.label().to_lowercase()),
            );
        }
    }
    for d in &s.diagrams {
        for p in diagram_check::validate(&d.source) {
            let level = match p.severity {
                diagram_check::Severity::Error => Level::Error,
                diagram_check::Severity::Warning => Level::Warning,
            };
            push(
                level,
                Area::Diagram,
                d.section.as_deref(),
                format!("diagram {:?}: {p}", d.title),
            );
        }
    }
    // Diagrams written in the sections' text, as the preview draws them.
    for section in &s.sections {
        for fence in crate::preview::mermaid_fences(&section.body) {
            for p in diagram_check::validate(&fence.source) {
                let level = match p.severity {
                    diagram_check::Severity::Error => Level::Error,
                    diagram_check::Severity::Warning => Level::Warning,
                };
                let line = fence.line.saturating_add(p.line);
                push(
                    level,
                    Area::Diagram,
                    Some(&section.id),
                    format!(
                        "{}, line {line} of the text (Mermaid diagram from line {}): {}",
                        section.title, fence.line, p.message
                    ),
                );
            }
        }
    }
    if s.stories.is_empty() {
        push(
            Level::Warning,
            Area::Stories,
            None,
            "no technical stories drafted".to_string(),
        );
    }
    let summary = checklist_review::summary(checklist, s);
    let rate = summary.overall_pass_rate;
    if min_pass > 0.0 {
        match rate {
            Some(r) if r + 1e-9 >= min_pass => {}
            Some(r) => push(
                Level::Error,
                Area::Checklist,
                None,
                format!("checklist pass rate {r:.1}% is below the required {min_pass:.1}%"),
            ),
            None => push(
                Level::Error,
                Area::Checklist,
                None,
                format!("the checklist has not been reviewed (required {min_pass:.1}%)"),
            ),
        }
    }
    let p = Progress::of(s);
    let sections_written = s.sections.iter().filter(|x| written(&x.body)).count();
    let passed = !findings.iter().any(|f| f.level == Level::Error);
    CheckReport {
        title: s.meta.title.clone(),
        sections_written,
        sections: s.sections.len(),
        sections_finalized: p.sections_finalized,
        decisions_made: p.decisions_made,
        decisions: p.decisions,
        diagrams: s.diagrams.len(),
        stories: s.stories.len(),
        checklist_pass_rate: rate,
        min_pass,
        findings,
        passed,
    }
}

impl CheckReport {
    /// The report as text: a summary, then one line per finding.
    pub fn text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(out, "{}", crate::text::sanitize_line(&self.title));
        let _ = writeln!(
            out,
            "sections written {}/{} · finalized {}/{} · decisions made {}/{} · diagrams {} · stories {} · checklist {}",
            self.sections_written,
            self.sections,
            self.sections_finalized,
            self.sections,
            self.decisions_made,
            self.decisions,
            self.diagrams,
            self.stories,
            self.checklist_pass_rate
                .map_or("not reviewed".to_string(), |r| format!("{r:.1}%"))
        );
        for f in &self.findings {
            let _ = writeln!(
                out,
                "{}: {}",
                match f.level {
                    Level::Error => "error",
                    Level::Warning => "warning",
                },
                crate::text::sanitize_line(&f.message)
            );
        }
        let errors = self
            .findings
            .iter()
            .filter(|f| f.level == Level::Error)
            .count();
        let warnings = self.findings.len() - errors;
        let _ = writeln!(
            out,
            "{}: {errors} error(s), {warnings} warning(s)",
            if self.passed { "PASS" } else { "FAIL" }
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sub_section_with_only_its_prompt_or_nothing_is_unwritten() {
        let body = "Lead.\n\n### Regions\n_Primary and secondary regions._\n\n### Tooling\n\n### Cache\n\n#### Options\n\n- A\n\n### State\n\nOne bucket per account.\n\n### Done\n\n**Open question:** Which?\n\n```md\n### Not a heading\n```\n### Last\n";
        assert_eq!(
            unwritten_subsections(body),
            ["Regions", "Tooling", "Last"],
            "a heading whose deeper sub-headings hold text is written"
        );
    }
}
