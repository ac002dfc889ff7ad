//! The text infradraft writes into a section: a decision (what was chosen and why, the options
//! considered, the consequences, and what the inputs say about it), the results of an applied
//! worksheet between their marker lines, and the base the next generated change merges with.
//! [`crate::workflow::design`] and [`crate::workflow::elicitation`] write it through
//! [`crate::workflow::section_text`]'s merge.

use super::section_text::{self, DECISION_MARK, Generated, base_of, close_mark_of, open_mark_of};
use crate::knowledge::TemplateSection;
use crate::model::{ElicitationRecord, OptionCard, Session};

/// The base of the next merge into section `id` (empty when there is no such section).
pub(crate) fn current_base(s: &Session, template: Option<&TemplateSection>, id: &str) -> String {
    let Some(section) = s.section(id) else {
        return String::new();
    };
    base_of(section, |body| legacy_base(s, template, id, body)).into_owned()
}

/// For a session from before bases were kept: the generated parts the body shows (applied
/// worksheet blocks, a decision), as infradraft writes them from the session's records.
fn legacy_base(s: &Session, template: Option<&TemplateSection>, id: &str, body: &str) -> String {
    let Some(c) = s.component(id) else {
        return String::new();
    };
    let mut g = Generated::default();
    for (key, _) in Generated::parse(body).blocks {
        if let Some(record) = c.elicitations.get(key.index)
            && key.decision.is_empty()
        {
            let block = block(record, "", key.index);
            g.blocks.push((key, block));
        }
    }
    if body.contains(DECISION_MARK) {
        g.lead = decision_body(s, template, c);
    }
    g.compose()
}

fn rating(r: Option<u8>) -> String {
    r.map(|v| format!("{v}/5")).unwrap_or_else(|| "–".into())
}

/// The section body generated from the section's primary decision: what was chosen and why, the
/// options considered, the consequences, and the template's outline for the rest of the section.
pub fn decision_body(
    s: &Session,
    template: Option<&TemplateSection>,
    c: &crate::model::ComponentDesign,
) -> String {
    let Some(text) = decision_text(c, "###") else {
        return String::new();
    };
    let mut out = format!("{DECISION_MARK}\n{text}");
    push_outline(&mut out, s, template);
    out
}

/// The text of one of a section's other decisions (not its primary one), between its marker
/// lines, under a heading with the decision's title, with what the inputs say about it.
pub fn decision_part(
    s: &Session,
    template: Option<&TemplateSection>,
    title: &str,
    c: &crate::model::ComponentDesign,
) -> String {
    decision_text(c, "####").map_or_else(String::new, |mut text| {
        if let Some(t) = template {
            text.push_str(&super::subsections::inside_part(s, t, &c.id, "####"));
        }
        section_text::part(&c.id, title, &text)
    })
}

/// What was chosen and why, the options considered and the consequences; `heading` is the level
/// of its sub-headings. `None` before the decision.
fn decision_text(c: &crate::model::ComponentDesign, heading: &str) -> Option<String> {
    let d = c.decision.as_ref()?;
    let chosen = c.option(&d.option)?;
    let mut out = String::new();
    out.push_str(&format!(
        "**Decision:** {}.",
        chosen.name.trim_end_matches('.')
    ));
    if !chosen.summary.trim().is_empty() {
        out.push_str(&format!(" {}", chosen.summary.trim()));
    }
    out.push_str(&realised_sentence(chosen));
    out.push_str("\n\n");
    out.push_str(d.justification.trim());
    out.push_str(&format!("\n\n{heading} Options considered\n\n"));
    let rated = c.options.iter().any(|o| {
        let r = &o.ratings;
        [r.cost, r.complexity, r.operational_burden, r.lock_in, r.fit]
            .iter()
            .any(Option::is_some)
    });
    if rated {
        out.push_str("| Option | Cost | Complexity | Operational burden | Lock-in | Fit |\n");
        out.push_str("|---|---|---|---|---|---|\n");
    }
    for o in &c.options {
        let marker = if o.id == d.option { " (chosen)" } else { "" };
        if !rated {
            // No option is rated (records imported from elsewhere): a table of dashes says
            // nothing, the names do.
            out.push_str(&format!("- {}{marker}\n", o.name));
            continue;
        }
        out.push_str(&format!(
            "| {}{marker} | {} | {} | {} | {} | {} |\n",
            o.name.replace('|', "\\|"),
            rating(o.ratings.cost),
            rating(o.ratings.complexity),
            rating(o.ratings.operational_burden),
            rating(o.ratings.lock_in),
            rating(o.ratings.fit),
        ));
    }
    if !chosen.pros.is_empty() {
        out.push_str(&format!("\n{heading} Why {}\n\n", chosen.name));
        for p in &chosen.pros {
            out.push_str(&format!("- {p}\n"));
        }
    }
    if !chosen.cons.is_empty() {
        out.push_str(&format!("\n{heading} Trade-offs to manage\n\n"));
        for con in &chosen.cons {
            out.push_str(&format!("- {con}\n"));
        }
    }
    let rejected: Vec<&OptionCard> = c.options.iter().filter(|o| o.id != d.option).collect();
    if !rejected.is_empty() {
        out.push_str(&format!("\n{heading} Alternatives not chosen\n\n"));
        for o in rejected {
            let why = o
                .cons
                .first()
                .map(|c| format!(": {}", c.trim_end_matches('.')))
                .unwrap_or_default();
            out.push_str(&format!("- **{}**{why}.\n", o.name));
        }
    }
    if !d.acknowledged_conflicts.is_empty() {
        out.push_str(&format!(
            "\n{heading} Accepted conflicts with the inputs\n\n"
        ));
        for a in &d.acknowledged_conflicts {
            out.push_str(&format!(
                "- {} — accepted because {}\n",
                a.finding, a.reason
            ));
        }
    }
    Some(out)
}

/// ` Built with Amazon RDS for PostgreSQL, Multi-AZ (AWS).` for a card that knows its services on
/// the project's target; empty otherwise.
pub fn realised_sentence(card: &OptionCard) -> String {
    let on = card.realised_on.trim();
    if on.is_empty() {
        String::new()
    } else {
        format!(" Built with {}.", on.trim_end_matches('.'))
    }
}

/// Appends the rest of the section: each of the template's sub-sections written about this
/// project (see [`super::subsections`]).
pub fn push_outline(out: &mut String, s: &Session, template: Option<&TemplateSection>) {
    if let Some(t) = template {
        out.push_str(&super::subsections::outline(s, t));
    }
}

/// The text an applied record puts into the section, between its marker lines; `decision` is
/// empty for the section's primary decision.
pub fn block(record: &ElicitationRecord, decision: &str, index: usize) -> String {
    let mut out = open_mark_of(decision, index);
    out.push('\n');
    out.push_str(record.results.trim_end());
    out.push('\n');
    if !record.conclusions.trim().is_empty() {
        out.push_str(&format!(
            "\n**Conclusions.** {}\n",
            record.conclusions.trim()
        ));
    }
    out.push_str(&close_mark_of(decision, index));
    out
}
