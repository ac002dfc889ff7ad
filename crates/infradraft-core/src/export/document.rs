//! The document's parts, in order: title and metadata, requirements, every section (with its
//! diagrams), other diagrams, technical stories and epic impacts, the checklist summary, the
//! decision log and the change log.

use std::fmt::Write as _;

use super::review_part::checklist_part;
use super::{ExportContext, Precomputed};
use crate::model::{Session, SourceRef};
use crate::workflow::Progress;
use crate::workflow::document_shape::{
    CHANGE_LOG_TITLE, DECISION_LOG_TITLE, DIAGRAMS_TITLE, NOT_WRITTEN, REQUIREMENTS_TITLE,
    STORIES_TITLE, clean_body,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Title,
    Requirements,
    /// A section, by index into `Session::sections`.
    Section(usize),
    Diagrams,
    Stories,
    Checklist,
    DecisionLog,
    ChangeLog,
}

/// One part of the document and its Markdown (ending in a newline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub markdown: String,
}

fn date(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d").to_string()
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn source(s: &Option<SourceRef>) -> String {
    s.as_ref().map(|s| s.short()).unwrap_or_else(|| "–".into())
}

fn title_part(s: &Session) -> String {
    let p = Progress::of(s);
    let mut out = format!("# {}\n\n", s.meta.title.trim());
    let mut field = |name: &str, value: String| {
        out.push_str(&format!("- **{name}:** {}\n", value.replace('\n', " ")));
    };
    field("Project", s.meta.project.clone());
    if !s.meta.authors.is_empty() {
        field("Authors", s.meta.authors.join(", "));
    }
    field("Created", date(s.meta.created));
    field("Last updated", date(s.meta.updated));
    if let Some(mode) = s.mode {
        field("Drafted in", format!("{} mode", mode.label()));
    }
    field("Template", s.meta.template.clone());
    field(
        "Status",
        format!(
            "{}/{} decisions made, {}/{} sections drafted",
            p.decisions_made, p.decisions, p.sections_drafted, p.sections
        ),
    );
    if !s.inputs.is_empty() {
        let inputs: Vec<String> = s
            .inputs
            .iter()
            .map(|i| format!("{} (`{}`)", i.kind.label(), i.path))
            .collect();
        field("Inputs", inputs.join(", "));
    }
    out
}

fn requirements_part(s: &Session) -> String {
    let mut out = format!("## {REQUIREMENTS_TITLE}\n\n");
    if s.requirements.is_empty() {
        out.push_str("No requirements were recorded.\n");
    } else {
        out.push_str("| ID | Category | Requirement | Source |\n|---|---|---|---|\n");
        for r in &s.requirements {
            let _ = writeln!(
                out,
                "| {} | {:?} | {} | {} |",
                cell(&r.id),
                r.category,
                cell(r.text.trim()),
                source(&r.source)
            );
        }
    }
    if !s.regimes.is_empty() {
        let _ = write!(
            out,
            "\nCompliance regimes in scope: {}.\n",
            s.regimes.join(", ")
        );
    }
    let kept: Vec<&crate::model::Assumption> =
        s.assumptions.iter().filter(|a| !a.incidental).collect();
    if !kept.is_empty() {
        out.push_str("\n### Technical assumptions\n\n");
        for a in kept {
            let _ = writeln!(out, "- {} ({})", a.text.trim(), source(&a.source));
        }
    }
    // What the inputs require or rule out in passing, once per statement.
    let mut firm: Vec<(&str, &str, String)> = Vec::new();
    for a in s.assumptions.iter().filter(|a| a.incidental) {
        use crate::model::Modality as M;
        let force = match a.modality {
            M::Mandate => "required",
            M::Prohibition => "ruled out",
            M::Preference => "preferred",
            M::Statement => continue,
        };
        let src = source(&a.source);
        if !firm
            .iter()
            .any(|(_, t, s)| *t == a.text.trim() && *s == src)
        {
            firm.push((force, a.text.trim(), src));
        }
    }
    if !firm.is_empty() {
        out.push_str("\n### Constraints stated in the inputs\n\n");
        for (force, text, src) in firm {
            let _ = writeln!(out, "- {text} ({src}; {force})");
        }
    }
    out.push_str(&conflicts_part(s));
    out
}

/// Where the inputs disagree, each with its places and how it was resolved (or that it is open).
fn conflicts_part(s: &Session) -> String {
    let mut out = String::new();
    if s.input_conflicts.is_empty() {
        return out;
    }
    out.push_str("\n### Conflicts between the inputs\n\n");
    for c in &s.input_conflicts {
        let places = |sides: &mut dyn Iterator<Item = &crate::model::ConflictSide>| {
            sides
                .map(|x| format!("`{}`", x.source.short()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rule = places(&mut c.rules());
        let found = places(&mut c.places());
        let state = match s.resolution(c) {
            Some(r) => format!("Resolved: {}", r.reason.trim()),
            None => "**Open**: to be settled with the owners of both documents.".to_string(),
        };
        let _ = writeln!(
            out,
            "- {}. Rule: \"{}\" ({rule}); found: \"{}\" ({found}). {state}",
            c.about.trim(),
            one_line(&c.rule.text),
            one_line(&c.found.text)
        );
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn diagram_block(d: &crate::model::Diagram) -> String {
    format!(
        "### {}\n\n```mermaid\n{}\n```\n",
        d.title.trim(),
        d.source.trim_end()
    )
}

/// Section `index`'s body as the document shows it: template prompts turned into open
/// questions, derived content written out, the workbench's marker comments left out.
pub fn shown_body(s: &Session, ctx: &ExportContext, index: usize) -> String {
    let section = &s.sections[index];
    let template = ctx.template.and_then(|t| t.section(&section.id));
    let body = super::derived::without_prompts(&section.body, template);
    clean_body(&super::derived::expand(s, ctx, &body))
}

fn section_part(s: &Session, ctx: &ExportContext, index: usize) -> String {
    let section = &s.sections[index];
    let body = shown_body(s, ctx, index);
    let mut out = format!("## {}\n\n", section.title.trim());
    if body.trim().is_empty() {
        out.push_str(NOT_WRITTEN);
        out.push('\n');
    } else {
        out.push_str(&body);
        out.push('\n');
    }
    for d in s
        .diagrams
        .iter()
        .filter(|d| d.section.as_deref() == Some(section.id.as_str()))
    {
        out.push('\n');
        out.push_str(&diagram_block(d));
    }
    out
}

fn diagrams_part(s: &Session) -> Option<String> {
    let known = |id: &str| s.sections.iter().any(|x| x.id == id);
    let loose: Vec<_> = s
        .diagrams
        .iter()
        .filter(|d| d.section.as_deref().is_none_or(|id| !known(id)))
        .collect();
    if loose.is_empty() {
        return None;
    }
    let mut out = format!("## {DIAGRAMS_TITLE}\n");
    for d in loose {
        out.push('\n');
        out.push_str(&diagram_block(d));
    }
    Some(out)
}

fn stories_part(s: &Session, ctx: &ExportContext) -> Option<String> {
    if s.stories.is_empty() && s.refinements.is_empty() {
        return None;
    }
    let md = match ctx.precomputed {
        Precomputed::Compute => stories_markdown(s),
        Precomputed::Ready(a) => a.stories.clone(),
        Precomputed::Pending => format!("## {STORIES_TITLE}\n\n{}\n", super::BEING_WORKED_OUT),
    };
    Some(format!("{}\n", md.trim_end()))
}

/// The technical stories and epic impacts summary (exportable on its own).
pub fn stories_markdown(s: &Session) -> String {
    let epics = crate::analysis::stories::epics(&s.inputs);
    crate::analysis::stories::impact_markdown(s, &epics, &s.stories, &s.refinements)
}

fn decision_log_part(s: &Session) -> String {
    let mut out = decisions_table(s);
    out.push_str(&feedback_part(s));
    out
}

/// The person's feedback on each decision's draft and the revision made, in decision order.
fn feedback_part(s: &Session) -> String {
    let mut out = String::new();
    for c in s.decisions_by_section() {
        for f in c.feedback.iter().filter(|f| !f.feedback.trim().is_empty()) {
            if out.is_empty() {
                out.push_str("\n### Feedback and revisions\n\n");
            }
            let revision = if f.revision.trim().is_empty() {
                "no revision yet".to_string()
            } else {
                format!(
                    "revised: {}",
                    crate::text::sanitize_line(&one_line(f.revision.trim()))
                )
            };
            let _ = writeln!(
                out,
                "- **{}** ({}): {} — {revision}",
                crate::text::sanitize_line(&s.decision_label(c)),
                date(f.at),
                crate::text::sanitize_line(&one_line(f.feedback.trim()))
            );
        }
    }
    out
}

/// Every decision record in number order: current decisions and earlier ones (superseded,
/// deprecated, rejected), each with its number and status.
fn decisions_table(s: &Session) -> String {
    let mut out = format!("## {DECISION_LOG_TITLE}\n\n");
    let records = super::numbered(s);
    if records.is_empty() {
        out.push_str("No decisions have been recorded yet.\n");
        return out;
    }
    out.push_str(
        "| ADR | Date | Decision | Choice | Status | Options considered | Rationale | Conflicts accepted |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for (c, d, adr) in records {
        let name = |id: &str| d.card(c, id).map_or(id.to_string(), |o| o.name.clone());
        let considered: Vec<String> = d.considered.iter().map(|id| name(id)).collect();
        let conflicts = if d.acknowledged_conflicts.is_empty() {
            "none".to_string()
        } else {
            d.acknowledged_conflicts
                .iter()
                .map(|a| format!("{} (accepted: {})", a.finding, a.reason))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let status = match (d.status, d.superseded_by, d.supersedes) {
            (crate::model::AdrStatus::Superseded, Some(by), _) => format!("superseded by {by}"),
            (crate::model::AdrStatus::Accepted, _, Some(earlier)) => {
                format!("accepted, supersedes {earlier}")
            }
            (status, _, _) => status.label().to_string(),
        };
        let _ = writeln!(
            out,
            "| {adr} | {} | {} | {} | {} | {} | {} | {} |",
            date(d.decided_at),
            cell(&s.decision_label(c)),
            cell(&name(&d.option)),
            cell(&status),
            cell(&considered.join(", ")),
            cell(d.justification.trim()),
            cell(&conflicts)
        );
    }
    out
}

fn change_log_part(s: &Session) -> String {
    let mut out = format!("## {CHANGE_LOG_TITLE}\n\n");
    if s.history.is_empty() {
        out.push_str("No changes recorded.\n");
        return out;
    }
    out.push_str("| Date | Change | Detail |\n|---|---|---|\n");
    for row in change_log_rows(&s.history) {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            row.at.strftime("%Y-%m-%d %H:%M"),
            cell(&row.change),
            cell(&crate::text::sanitize_line(&row.detail))
        );
    }
    out
}

/// The action the checklist stage records for each mark (and each note on a mark), with the
/// detail `<item>: <pass|partial|fail|n/a>`.
const CHECKLIST_MARK: &str = "checklist";
/// What the change log calls a run of checklist marks.
const CHECKLIST_MARKED: &str = "checklist marked";
/// Marks further apart than this are two marking sessions.
const MARKING_GAP_SECONDS: i64 = 60 * 60;

/// One row of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ChangeRow {
    at: jiff::Timestamp,
    change: String,
    detail: String,
}

/// The change log's rows: one per history record, except that a run of checklist marks (not
/// interrupted by another kind of record, and no more than an hour between two marks) is one
/// row that counts the items marked and their marks. The history itself stays complete.
fn change_log_rows(history: &[crate::model::HistoryEntry]) -> Vec<ChangeRow> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < history.len() {
        let h = &history[i];
        if h.action != CHECKLIST_MARK {
            rows.push(ChangeRow {
                at: h.at,
                change: h.action.clone(),
                detail: h.detail.clone(),
            });
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < history.len()
            && history[end].action == CHECKLIST_MARK
            && history[end].at.as_second() - history[end - 1].at.as_second() <= MARKING_GAP_SECONDS
        {
            end += 1;
        }
        rows.push(marking_row(&history[i..end]));
        i = end;
    }
    rows
}

/// The row of one marking session: `41 items: 30 pass, 6 partial, 3 fail, 2 n/a (14:02–14:31)`.
/// An item marked more than once counts once, with its last mark.
fn marking_row(run: &[crate::model::HistoryEntry]) -> ChangeRow {
    // Each item's last mark, items in the order first marked.
    let mut items: Vec<(&str, &str)> = Vec::new();
    for h in run {
        let (item, mark) = h
            .detail
            .rsplit_once(": ")
            .map_or((h.detail.as_str(), ""), |(i, m)| (i.trim(), m.trim()));
        match items.iter_mut().find(|(i, _)| *i == item) {
            Some(entry) => entry.1 = mark,
            None => items.push((item, mark)),
        }
    }
    // The marks in the checklist's order, then any other word a record holds.
    let mut tally: Vec<(&str, usize)> = ["pass", "partial", "fail", "n/a"]
        .iter()
        .map(|m| (*m, 0))
        .collect();
    for (_, mark) in &items {
        let mark = if mark.is_empty() { "other" } else { mark };
        match tally.iter_mut().find(|(m, _)| *m == mark) {
            Some(t) => t.1 += 1,
            None => tally.push((mark, 1)),
        }
    }
    let counts: Vec<String> = tally
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| format!("{n} {m}"))
        .collect();
    let what = match items.as_slice() {
        [(item, mark)] if !mark.is_empty() => format!("1 item: {item} {mark}"),
        _ => format!(
            "{} item{}: {}",
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            counts.join(", ")
        ),
    };
    let first = run[0].at;
    let last = run[run.len() - 1].at;
    let when = if first.strftime("%Y-%m-%d").to_string() != last.strftime("%Y-%m-%d").to_string() {
        format!(
            "{}–{}",
            first.strftime("%H:%M"),
            last.strftime("%Y-%m-%d %H:%M")
        )
    } else if first.strftime("%H:%M").to_string() != last.strftime("%H:%M").to_string() {
        format!("{}–{}", first.strftime("%H:%M"), last.strftime("%H:%M"))
    } else {
        first.strftime("%H:%M").to_string()
    };
    ChangeRow {
        at: first,
        change: CHECKLIST_MARKED.to_string(),
        detail: format!("{what} ({when})"),
    }
}

/// The document's parts, in order.
pub fn parts(s: &Session, ctx: &ExportContext) -> Vec<Part> {
    parts_with(s, ctx, true)
}

/// [`parts`] without the sections (for the preview, which renders those on its own).
pub fn parts_without_sections(s: &Session, ctx: &ExportContext) -> Vec<Part> {
    parts_with(s, ctx, false)
}

fn parts_with(s: &Session, ctx: &ExportContext, sections: bool) -> Vec<Part> {
    let mut parts = vec![
        Part {
            kind: PartKind::Title,
            markdown: title_part(s),
        },
        Part {
            kind: PartKind::Requirements,
            markdown: requirements_part(s),
        },
    ];
    for i in (0..s.sections.len()).filter(|_| sections) {
        parts.push(Part {
            kind: PartKind::Section(i),
            markdown: section_part(s, ctx, i),
        });
    }
    if let Some(md) = diagrams_part(s) {
        parts.push(Part {
            kind: PartKind::Diagrams,
            markdown: md,
        });
    }
    if let Some(md) = stories_part(s, ctx) {
        parts.push(Part {
            kind: PartKind::Stories,
            markdown: md,
        });
    }
    if let Some(md) = checklist_part(s, ctx) {
        parts.push(Part {
            kind: PartKind::Checklist,
            markdown: md,
        });
    }
    parts.push(Part {
        kind: PartKind::DecisionLog,
        markdown: decision_log_part(s),
    });
    parts.push(Part {
        kind: PartKind::ChangeLog,
        markdown: change_log_part(s),
    });
    parts
}

/// The part of one section (what the preview re-renders when that section changes).
pub fn section_markdown(s: &Session, ctx: &ExportContext, index: usize) -> String {
    section_part(s, ctx, index)
}

/// The whole document.
pub fn document(s: &Session, ctx: &ExportContext) -> String {
    let parts = parts(s, ctx);
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&p.markdown);
    }
    out
}
