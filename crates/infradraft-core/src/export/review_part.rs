//! The document's review part: what reviewers and the tool found. In order: the checklist summary
//! of the reviewer's marks, the open findings and every note a reviewer wrote on a mark, the tool's
//! own first assessment of the items nobody has marked (kept apart from the marks, with its
//! evidence), the open Critical and High gaps of the security reviews, and the open review comments.
//! The part is left out when it would say nothing.

use std::fmt::Write as _;

use super::{ExportContext, Precomputed};
use crate::analysis::assessment::assess;
use crate::analysis::checklist_review::{deficiencies, mark_of, summary, summary_markdown};
use crate::model::{
    ElicitationStatus, GapSeverity, Mark, SecurityAnswer, SecurityItem, Session, Worksheet,
};
use crate::workflow::document_shape::CHECKLIST_TITLE;

/// `Pass`, `Partial`, `Fail`, `N/A`.
fn mark_label(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "Pass",
        Mark::Partial => "Partial",
        Mark::Fail => "Fail",
        Mark::NotApplicable => "N/A",
    }
}

fn cell(text: &str) -> String {
    crate::text::sanitize_line(text)
        .replace('|', "\\|")
        .trim()
        .to_string()
}

/// The open High and Critical gaps of each decision's latest security review that was not
/// discarded: (decision label, item), most severe first within a decision.
pub fn open_security_gaps(s: &Session) -> Vec<(String, &SecurityItem)> {
    let mut out = Vec::new();
    for c in s.decisions_by_section() {
        let latest = c
            .elicitations
            .iter()
            .rev()
            .find_map(|r| match &r.worksheet {
                Worksheet::SecurityReview { items } if r.status != ElicitationStatus::Discarded => {
                    Some(items)
                }
                _ => None,
            });
        let Some(items) = latest else { continue };
        for item in crate::analysis::worksheet::security::gap_list(items) {
            if item.severity >= GapSeverity::High {
                out.push((s.decision_label(c), item));
            }
        }
    }
    out
}

pub(super) fn checklist_part(s: &Session, ctx: &ExportContext) -> Option<String> {
    let mut out = String::new();
    if let Some(checklist) = ctx.checklist {
        if !s.checklist.is_empty() {
            let sum = summary(checklist, s);
            out.push_str(summary_markdown(&sum).trim_end());
            out.push('\n');
            let marked: Vec<_> = deficiencies(checklist, s)
                .into_iter()
                .filter(|d| d.mark.is_some())
                .collect();
            if !marked.is_empty() {
                out.push_str("\n### Open findings\n\n");
                for d in &marked {
                    let note = if d.note.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", d.note.trim())
                    };
                    let _ = writeln!(
                        out,
                        "- **{}** ({}, {}): {}{note}",
                        d.item,
                        mark_label(d.mark.expect("filtered")),
                        d.severity.label(),
                        d.text.trim()
                    );
                }
            }
            // The notes on the other marks (passes and not applicable), which say how a reviewer
            // satisfied themselves.
            let noted: Vec<_> = checklist
                .items()
                .filter_map(|(_, item)| mark_of(s, &item.id).map(|m| (item, m)))
                .filter(|(item, m)| {
                    !m.note.trim().is_empty() && !marked.iter().any(|d| d.item == item.id)
                })
                .collect();
            if !noted.is_empty() {
                out.push_str("\n### Reviewer notes\n\n");
                for (item, m) in noted {
                    let _ = writeln!(
                        out,
                        "- **{}** ({}): {} — {}",
                        item.id,
                        mark_label(m.mark),
                        item.text.trim(),
                        crate::text::sanitize_line(m.note.trim())
                    );
                }
            }
        }
        let worked_out;
        let assessments: &[_] = match ctx.precomputed {
            Precomputed::Ready(a) => &a.assessments,
            // Left out until it arrives.
            Precomputed::Pending => &[],
            Precomputed::Compute => {
                worked_out = assess(checklist, s);
                &worked_out
            }
        };
        let assessed: Vec<_> = assessments
            .iter()
            .filter(|a| mark_of(s, &a.item).is_none())
            .collect();
        if !assessed.is_empty() {
            out.push_str("\n### First assessment by infradraft\n\n");
            out.push_str(
                "For the items no reviewer has marked yet, infradraft checked what the session \
                 itself shows: a figure stated by the requirements, a decision made, a required \
                 figure met by the choice, a diagram drawn, a story written. A pass means that \
                 this evidence exists, not that the whole item is satisfied; it is not a \
                 reviewer's mark and does not count in any pass rate.\n\n",
            );
            out.push_str(
                "| Item | Severity | infradraft's assessment | Evidence |\n|---|---|---|---|\n",
            );
            for a in &assessed {
                let severity = checklist.item(&a.item).map_or("", |i| i.severity.label());
                let _ = writeln!(
                    out,
                    "| {} | {severity} | {} | {} |",
                    a.item,
                    mark_label(a.mark),
                    cell(&a.evidence_line())
                );
            }
        }
    }
    let gaps = open_security_gaps(s);
    if !gaps.is_empty() {
        out.push_str("\n### Open security gaps\n\n");
        out.push_str("| Decision | Severity | Answer | Question | Note |\n|---|---|---|---|---|\n");
        for (decision, item) in gaps {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {}{} | {} |",
                cell(&decision),
                item.severity.label(),
                if item.answer == SecurityAnswer::Gap {
                    "gap"
                } else {
                    "partial"
                },
                cell(&item.question),
                item.regime
                    .as_deref()
                    .map_or(String::new(), |r| format!(" ({})", cell(r))),
                cell(&item.note)
            );
        }
    }
    let comments = crate::review::open_comments_list(s, &s.review_comments);
    if !comments.is_empty() {
        let _ = writeln!(out, "\n### Open review comments\n");
        out.push_str(&comments);
    }
    if out.trim().is_empty() {
        return None;
    }
    Some(format!(
        "## {CHECKLIST_TITLE}\n\n{}\n",
        out.trim_start_matches('\n').trim_end()
    ))
}
