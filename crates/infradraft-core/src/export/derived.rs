//! Section text the document makes from the whole session when it is shown: the summary of
//! decisions, the open questions, the traceability of requirements, the decision log, the
//! references and the compliance regimes. A section holds them as marker lines
//! (`<!-- infradraft: derived open-questions -->`), so they are never stale and the person can
//! write around them. Also here: a template prompt left in a body is shown as its sub-section's
//! open question, never as the prompt.

use std::fmt::Write as _;

use super::{ExportContext, Precomputed};
use crate::knowledge::{Derived, TemplateSection};
use crate::model::Session;
use crate::workflow::subsections::{OPEN_QUESTION, choice_line, choice_of, derived_of};

/// `body` with each line that is a template prompt of `template` (`_Which regions…_`) replaced by
/// that sub-section's open question.
pub fn without_prompts(body: &str, template: Option<&TemplateSection>) -> String {
    let Some(t) = template else {
        return body.to_string();
    };
    let subs = t.subsections();
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let prompt = crate::knowledge::italic(line.trim_end_matches(['\n', '\r']));
        let question = prompt.and_then(|p| {
            subs.iter()
                .find(|s| !s.prompt.is_empty() && s.prompt.trim() == p)
                .map(|s| s.question.trim())
        });
        match question {
            Some(q) if !q.is_empty() => {
                let _ = writeln!(out, "{OPEN_QUESTION} {}", crate::text::sanitize_line(q));
            }
            Some(_) => {}
            None => out.push_str(line),
        }
    }
    out
}

/// A section's body as the document shows it before derived content is expanded: markers kept,
/// prompts turned into open questions.
fn shown(s: &Session, ctx: &ExportContext, index: usize) -> String {
    let section = &s.sections[index];
    let template = ctx.template.and_then(|t| t.section(&section.id));
    without_prompts(&section.body, template)
}

/// `body` with every derived marker line replaced by its content, and every choice marker by the
/// decision's current choice (or nothing while it has none).
pub fn expand(s: &Session, ctx: &ExportContext, body: &str) -> String {
    if !body.contains("<!-- infradraft: derived ") && !body.contains("<!-- infradraft: choice ") {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        if let Some(d) = derived_of(line) {
            out.push_str(content(s, ctx, d).trim_end());
            out.push('\n');
        } else if let Some(id) = choice_of(line) {
            if let Some(choice) = choice_line(s, id) {
                out.push_str(&choice);
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

fn content(s: &Session, ctx: &ExportContext, d: Derived) -> String {
    match d {
        Derived::DecisionSummary => decision_summary(s),
        Derived::OpenQuestions => open_questions_markdown(s, ctx),
        Derived::Traceability => traceability(s, ctx),
        Derived::DecisionLog => decision_log(s),
        Derived::References => references(s),
        Derived::Regimes => regimes(s),
        Derived::Runbooks => precomputed(
            ctx,
            |a| &a.runbooks,
            || runbooks(s, &crate::analysis::crosscheck::Needs::of(&s.requirements)),
        ),
        Derived::Environments => precomputed(
            ctx,
            |a| &a.environments,
            || super::environment_blocks::markdown(s),
        ),
        Derived::Feasibility => {
            precomputed(ctx, |a| &a.feasibility, || super::feasibility::markdown(s))
        }
    }
}

/// Derived content that reads no section's text: taken from the analyses worked out before, said
/// to be on its way while they are, or worked out now.
fn precomputed(
    ctx: &ExportContext,
    given: impl Fn(&super::Analysed) -> &String,
    compute: impl FnOnce() -> String,
) -> String {
    match ctx.precomputed {
        Precomputed::Compute => compute(),
        Precomputed::Ready(a) => given(a).clone(),
        Precomputed::Pending => format!("{}\n", super::BEING_WORKED_OUT),
    }
}

/// The project's figure a runbook's `{rto}`, `{rpo}` or `{availability}` names.
fn figure_words(needs: &crate::analysis::crosscheck::Needs) -> [(&'static str, String); 3] {
    use crate::model::duration_text;
    let time = |what: &str, need: &Option<(f64, crate::model::Requirement)>, general: &str| {
        need.as_ref().map_or(general.to_string(), |(m, r)| {
            format!("the required {what} of {} ({})", duration_text(*m), r.id)
        })
    };
    [
        (
            "{rto}",
            time("RTO", &needs.rto, "the recovery time objective"),
        ),
        (
            "{rpo}",
            time("RPO", &needs.rpo, "the recovery point objective"),
        ),
        (
            "{availability}",
            needs
                .availability
                .as_ref()
                .map_or("the availability target".to_string(), |(p, r)| {
                    format!("the required {p}% availability ({})", r.id)
                }),
        ),
    ]
}

/// The runbooks of the chosen technologies, with the project's figures (`needs`) in their words.
pub(super) fn runbooks(s: &Session, needs: &crate::analysis::crosscheck::Needs) -> String {
    use crate::knowledge::runbooks::{Operation, runbooks};
    use crate::workflow::subsections::chosen_tags;
    let targets = crate::analysis::ranking::hosting_target(&s.assumptions);
    let words = figure_words(needs);
    let mut out = String::new();
    for op in Operation::ALL {
        match runbooks().fitting(op, |d| chosen_tags(s, d)) {
            Some(b) => {
                let _ = writeln!(out, "#### {}\n", crate::text::sanitize_line(&b.title));
                let basis = s
                    .component(&b.decision)
                    .and_then(|c| choice_line(s, &c.id))
                    .unwrap_or_default();
                if !basis.is_empty() {
                    let _ = writeln!(out, "{basis}\n");
                }
                let _ = writeln!(
                    out,
                    "*When:* {}\n",
                    crate::text::sanitize_line(b.trigger.trim())
                );
                let (steps, on) = b.steps_for(&targets);
                if let Some(t) = on {
                    let _ = writeln!(out, "Steps on {}:\n", crate::knowledge::target_label(t));
                }
                for (n, step) in steps.iter().filter(|x| !x.trim().is_empty()).enumerate() {
                    let _ = writeln!(
                        out,
                        "{}. {}",
                        n + 1,
                        crate::text::sanitize_line(step.trim())
                    );
                }
                let mut verify = b.verify.trim().to_string();
                for (key, value) in &words {
                    verify = verify.replace(key, value);
                }
                let _ = writeln!(out, "\n*Verify:* {}\n", crate::text::sanitize_line(&verify));
            }
            None => {
                let _ = writeln!(
                    out,
                    "#### {}\n\n{OPEN_QUESTION} {}\n",
                    op.label(),
                    op.question()
                );
            }
        }
    }
    out
}

fn cell(text: &str) -> String {
    crate::text::sanitize_line(text)
        .replace('|', "\\|")
        .replace('\n', " ")
}

fn decision_summary(s: &Session) -> String {
    let mut out = String::from("| Decision | Choice | State |\n|---|---|---|\n");
    let mut any = false;
    for c in s.decisions_by_section() {
        any = true;
        let (choice, state) = match (&c.decision, &c.recommendation) {
            (Some(d), _) => (
                c.option(&d.option)
                    .map_or(d.option.clone(), |o| o.name.clone()),
                "decided",
            ),
            (None, Some(r)) => (
                c.option(&r.option)
                    .map_or(r.option.clone(), |o| o.name.clone()),
                "recommended",
            ),
            (None, None) => ("–".to_string(), "open"),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {state} |",
            cell(&s.decision_label(c)),
            cell(&choice)
        );
    }
    if !any {
        return "This document holds no component decisions.\n".into();
    }
    out
}

/// One open question of the document: the section and sub-section it stands in, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenQuestion {
    pub section: String,
    pub subsection: Option<String>,
    pub text: String,
}

/// Every open question the sections show, in document order.
pub fn open_questions(s: &Session, ctx: &ExportContext) -> Vec<OpenQuestion> {
    let mut out = Vec::new();
    for (i, section) in s.sections.iter().enumerate() {
        let mut body = shown(s, ctx, i);
        // Derived content that can ask a question of its own.
        for d in [Derived::Runbooks, Derived::Environments] {
            let marker = crate::workflow::subsections::derived_marker(d);
            if body.contains(&marker) {
                body = body.replace(&marker, &content(s, ctx, d));
            }
        }
        let mut under: Option<String> = None;
        for line in body.lines() {
            let t = line.trim();
            if let Some(h) = t.strip_prefix("### ").or_else(|| t.strip_prefix("#### ")) {
                under = Some(h.trim().to_string());
            } else if let Some(q) = t.strip_prefix(OPEN_QUESTION) {
                out.push(OpenQuestion {
                    section: section.title.clone(),
                    subsection: under.clone(),
                    text: q.trim().to_string(),
                });
            }
        }
    }
    out
}

fn open_questions_markdown(s: &Session, ctx: &ExportContext) -> String {
    let questions = open_questions(s, ctx);
    if questions.is_empty() {
        return "No open questions remain.\n".into();
    }
    let mut out = String::new();
    for q in questions {
        let place = match &q.subsection {
            Some(sub) => format!("{} › {}", q.section.trim(), sub),
            None => q.section.trim().to_string(),
        };
        let _ = writeln!(
            out,
            "- **{}:** {}",
            crate::text::sanitize_line(&place),
            crate::text::sanitize_line(&q.text)
        );
    }
    out
}

/// A character of a word, for finding requirement ids (`REQ-12`) in text.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Whether `text` names requirement `id` as a word of its own.
fn names(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The words of `text` (runs of [`is_word`] characters): an id made of word characters is named
/// by `text` exactly when it is one of them.
fn words_of(text: &str) -> std::collections::HashSet<&str> {
    text.split(|c: char| !is_word(c))
        .filter(|w| !w.is_empty())
        .collect()
}

fn traceability(s: &Session, ctx: &ExportContext) -> String {
    if s.requirements.is_empty() {
        return "No requirements were recorded.\n".into();
    }
    // The words of each section, once: looking each requirement up in them costs what the
    // text's size does, not that times the number of requirements.
    let bodies: Vec<(String, String)> = s
        .sections
        .iter()
        .enumerate()
        .filter(|(_, sec)| !sec.body.contains("<!-- infradraft: derived traceability"))
        .map(|(i, sec)| (sec.title.clone(), shown(s, ctx, i)))
        .collect();
    let words: Vec<std::collections::HashSet<&str>> =
        bodies.iter().map(|(_, body)| words_of(body)).collect();
    let mut out = String::from("| Requirement | Addressed in |\n|---|---|\n");
    for r in &s.requirements {
        let mut places: Vec<String> = bodies
            .iter()
            .zip(&words)
            .filter(|((_, body), words)| {
                if r.id.chars().all(is_word) && !r.id.is_empty() {
                    words.contains(r.id.as_str())
                } else {
                    names(body, &r.id)
                }
            })
            .map(|((title, _), _)| title.clone())
            .collect();
        for c in s.decisions_by_section() {
            let said = c
                .recommendation
                .as_ref()
                .is_some_and(|x| names(&x.rationale, &r.id))
                || c.decision
                    .as_ref()
                    .is_some_and(|d| names(&d.justification, &r.id));
            let label = s.decision_label(c);
            if said && !places.contains(&label) {
                places.push(format!("decision: {label}"));
            }
        }
        let places = if places.is_empty() {
            "not yet addressed".to_string()
        } else {
            places.join(", ")
        };
        let _ = writeln!(
            out,
            "| **{}** {} | {} |",
            cell(&r.id),
            cell(r.text.trim()),
            cell(&places)
        );
    }
    out
}

fn decision_log(s: &Session) -> String {
    let records = super::numbered(s);
    if records.is_empty() {
        let recommended = s
            .components
            .iter()
            .filter(|c| c.recommendation.is_some())
            .count();
        return format!(
            "No decision has been taken yet; {recommended} of {} are recommended in this draft and await review.\n",
            s.components.len()
        );
    }
    let mut out = String::new();
    for (c, d, adr) in records {
        let name = d.card(c, &d.option).map_or(d.option.as_str(), |o| &o.name);
        let status = match (d.status, d.superseded_by) {
            (crate::model::AdrStatus::Superseded, Some(by)) => format!("superseded by {by}"),
            (status, _) => status.label().to_string(),
        };
        let _ = writeln!(
            out,
            "- {} — **{adr} {}:** {} — {status} (record `{}`)",
            d.decided_at.strftime("%Y-%m-%d"),
            crate::text::sanitize_line(&s.decision_label(c)),
            crate::text::sanitize_line(name),
            super::adr_file_name(adr, &c.id)
        );
    }
    out
}

fn references(s: &Session) -> String {
    if s.inputs.is_empty() {
        return "This design was drafted without input documents.\n".into();
    }
    let mut out = String::new();
    for i in &s.inputs {
        let _ = writeln!(
            out,
            "- {}: `{}`",
            i.kind.label(),
            crate::text::sanitize_line(&i.path).replace('`', "'")
        );
    }
    out
}

fn regimes(s: &Session) -> String {
    if s.regimes.is_empty() {
        return format!(
            "{OPEN_QUESTION} Which compliance regimes apply? The inputs name none, and the controls, audits and data handling this design needs depend on them.\n"
        );
    }
    let mut out = format!(
        "In scope: {}.\n",
        s.regimes
            .iter()
            .map(|r| crate::text::sanitize_line(r))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut seen = Vec::new();
    for e in s.regime_evidence.iter().filter(|e| e.applies) {
        if !s.regimes.contains(&e.regime) || seen.contains(&e.regime) {
            continue;
        }
        seen.push(e.regime.clone());
        let src = format!(" ({})", e.source.short());
        let _ = writeln!(
            out,
            "- {}: {}{src}",
            crate::text::sanitize_line(&e.regime),
            crate::text::sanitize_line(e.text.trim())
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Looking an id up in a text's words says what scanning the text for it says, with the
        /// id in the text next to word characters or not.
        #[test]
        fn words_find_what_a_scan_finds(
            before in "[a-zA-Z0-9 ,._()\\-é]{0,20}",
            id in "[A-Z]{1,3}(-[0-9]{1,2})?",
            after in "[a-zA-Z0-9 ,._()\\-é]{0,20}",
            other in "[A-Z]{1,3}(-[0-9]{1,2})?",
        ) {
            let text = format!("{before}{id}{after}");
            prop_assert_eq!(words_of(&text).contains(id.as_str()), names(&text, &id));
            prop_assert_eq!(words_of(&text).contains(other.as_str()), names(&text, &other));
        }
    }

    #[test]
    fn requirement_ids_are_found_as_words() {
        assert!(names("meets NFR3 (prd.md:4)", "NFR3"));
        assert!(names("**NFR3:** text", "NFR3"));
        assert!(!names("NFR31 and XNFR3", "NFR3"));
        assert!(!names("REQ-10", "REQ-1"));
    }
}
