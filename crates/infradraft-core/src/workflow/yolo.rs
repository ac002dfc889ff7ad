//! YOLO mode: a comprehensive first draft of every component at once — options from the catalog
//! ranked by fit with the inputs, a recommendation and a section body for each — for the person to
//! review and iterate through the same a → f steps. Nothing is decided.

use jiff::Timestamp;

use crate::analysis::ranking::{Ranked, explain, rank};
use crate::knowledge::{Catalog, Template};
use crate::model::{DesignStep, Recommendation, Session};

/// How many catalog options each component gets in a draft.
pub const DRAFT_OPTIONS: usize = 3;

/// Drafts every component that has no options yet. Returns how many were drafted.
pub fn draft_all(s: &mut Session, template: &Template, catalog: &Catalog, now: Timestamp) -> usize {
    let mut drafted = 0;
    let ids: Vec<String> = s.components.iter().map(|c| c.id.clone()).collect();
    for id in ids {
        if draft_component(s, template, catalog, &id, now) {
            drafted += 1;
        }
    }
    let sections = draft_sections(s, template);
    let diagrams = super::diagrams::refresh(s);
    let stories = draft_stories(s);
    if drafted > 0 || sections > 0 || diagrams > 0 || stories > 0 {
        s.record(
            now,
            "yolo-draft",
            format!(
                "drafted {drafted} decisions from the catalog, {sections} other sections, {diagrams} diagrams and {stories} stories and refinements"
            ),
        );
    }
    drafted
}

/// Drafts technical stories and refinements to the inputs' stories from the decisions and, where
/// nothing is decided, the recommendations, when the session has none yet (stories the person
/// has are never replaced). Returns how many were drafted.
fn draft_stories(s: &mut Session) -> usize {
    use crate::analysis::stories::{
        Basis, draft_stories_from, epics, merge_drafted, suggest_refinements_from,
    };
    if !s.stories.is_empty() || !s.refinements.is_empty() {
        return 0;
    }
    let basis = Basis::DecisionsOrRecommendations;
    let stories = draft_stories_from(s, basis);
    let found = epics(&s.inputs);
    let refinements = suggest_refinements_from(s, &found, basis);
    let stories = merge_drafted(&[], stories, &refinements);
    let n = stories.len() + refinements.len();
    s.stories = stories;
    s.refinements = refinements;
    n
}

/// Drafts every section that holds no decision (the overview, runbooks, appendices) and has no
/// generated text yet: its sub-sections written about this project. The draft merges with what
/// the person wrote; a section whose text the person changed where the draft would write is left
/// as it is. Returns how many were drafted.
pub fn draft_sections(s: &mut Session, template: &Template) -> usize {
    let mut drafted = 0;
    for t in template.sections.iter() {
        if s.has_decisions(&t.id) || s.section(&t.id).is_none() {
            continue;
        }
        let text = super::subsections::outline(s, t);
        let text = text.trim_start_matches('\n').to_string();
        if text.trim().is_empty() {
            continue;
        }
        let base = super::generated_text::current_base(s, Some(t), &t.id);
        let written = super::section_text::regenerate(s, &t.id, &base, |g| {
            if g.lead.trim().is_empty() {
                g.lead = text;
            }
        });
        if matches!(
            written,
            Some(super::section_text::BodyChange::Written { .. })
        ) && let Some(section) = s.section_mut(&t.id)
        {
            section.note_written();
            drafted += 1;
        }
    }
    drafted
}

/// Drafts one component (if it has no options yet): the best-fitting catalog options, the top one
/// recommended with the ranking's explanation, and a section body. Returns whether it drafted.
pub fn draft_component(
    s: &mut Session,
    template: &Template,
    catalog: &Catalog,
    id: &str,
    now: Timestamp,
) -> bool {
    let Some(c) = s.component(id) else {
        return false;
    };
    if !c.options.is_empty() {
        return false;
    }
    let ranked = rank(
        id,
        catalog.for_component(id),
        &s.assumptions,
        &s.requirements,
        &s.inputs,
    );
    let Some((cards, best, rationale)) = draft_choice(&ranked) else {
        return false;
    };
    let Some(c) = s.component_mut(id) else {
        return false;
    };
    c.options = cards;
    c.recommendation = Some(Recommendation {
        option: best,
        rationale,
        at: now,
    });
    c.step = DesignStep::Recommendation;
    write_draft(s, template, id);
    true
}

/// Writes decision `id`'s drafted recommendation into its section: the lead for the section's
/// primary decision, its own part for the others. The draft merges with what the person wrote;
/// where it would replace text the person changed, the section is left as it is (the person
/// writes the text from the design panes when they want it).
fn write_draft(s: &mut Session, template: &Template, id: &str) {
    let Some(c) = s.component(id) else {
        return;
    };
    let section_id = c.section_id().to_string();
    let text = if c.is_primary() {
        draft_body(s, template, c)
    } else {
        draft_part(s, template, s.decision_title(c), c)
    };
    let base = super::generated_text::current_base(s, template.section(&section_id), &section_id);
    let written = super::section_text::write_decision(s, id, &base, text, true);
    if matches!(
        written,
        Some(super::section_text::BodyChange::Written { .. })
    ) && let Some(section) = s.section_mut(&section_id)
    {
        section.note_written();
    }
}

/// The cards a draft puts on the table and the recommendation with its rationale: the best options
/// that nothing rules out (at most [`DRAFT_OPTIONS`]); ruled-out ones only to make up the two a
/// comparison needs, and recommended only when nothing else is left, saying so. `None` when the
/// catalog has fewer than two options.
pub fn draft_choice(ranked: &[Ranked]) -> Option<(Vec<crate::model::OptionCard>, String, String)> {
    if ranked.len() < 2 {
        return None;
    }
    let open = ranked.iter().filter(|r| !r.is_ruled_out()).count();
    let take = open.clamp(2, DRAFT_OPTIONS);
    let chosen = &ranked[..take];
    let best = &chosen[0];
    let rationale = if best.is_ruled_out() {
        format!(
            "no option in the catalog fits every input; this one breaks the fewest, and deciding for it needs each conflict acknowledged with a reason ({})",
            explain(best)
        )
    } else {
        format!(
            "it fits the inputs best of the options considered: {}",
            crate::analysis::ranking::rationale(best)
        )
    };
    Some((
        chosen.iter().map(Ranked::card).collect(),
        best.option.id.clone(),
        rationale,
    ))
}

/// The body of a drafted (not yet decided) primary decision: the recommendation, the options with
/// their trade-offs, and the template's outline for the rest.
pub fn draft_body(s: &Session, template: &Template, c: &crate::model::ComponentDesign) -> String {
    let Some(text) = draft_text(c, "###") else {
        return String::new();
    };
    let mut out = format!("{}\n{text}", super::section_text::DRAFT_MARK);
    super::generated_text::push_outline(&mut out, s, template.section(c.section_id()));
    out
}

/// The drafted text of one of a section's other decisions, between its marker lines, with what
/// the inputs say about it.
pub fn draft_part(
    s: &Session,
    template: &Template,
    title: &str,
    c: &crate::model::ComponentDesign,
) -> String {
    draft_text(c, "####").map_or_else(String::new, |mut text| {
        if let Some(t) = template.section(c.section_id()) {
            text.push_str(&super::subsections::inside_part(s, t, &c.id, "####"));
        }
        super::section_text::part(&c.id, title, &text)
    })
}

/// The recommendation and the options with their trade-offs; `heading` is the level of its
/// sub-heading. `None` without a recommendation.
fn draft_text(c: &crate::model::ComponentDesign, heading: &str) -> Option<String> {
    let rec = c.recommendation.as_ref()?;
    let best = c.option(&rec.option)?;
    let mut out = format!(
        "**Recommended:** {} (draft, not yet decided). {}{}\n\n",
        best.name.trim_end_matches('.'),
        best.summary.trim(),
        super::generated_text::realised_sentence(best)
    );
    out.push_str(&format!("{heading} Options under consideration\n\n"));
    for o in &c.options {
        out.push_str(&format!("- **{}**: {}", o.name, o.summary.trim()));
        if let Some(p) = o.pros.first() {
            out.push_str(&format!(" Strength: {}", p.trim()));
        }
        if let Some(con) = o.cons.first() {
            out.push_str(&format!(" Watch: {}", con.trim()));
        }
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::workflow::{NewSession, new_session};

    #[test]
    fn drafts_every_component_of_the_sample_without_deciding() {
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let template = Template::builtin().unwrap();
        let inputs = crate::sample::inputs(now);
        let mut s = new_session(
            &template,
            NewSession {
                title: None,
                project: None,
                authors: vec![],
                mode: Some(crate::model::InteractionMode::Yolo),
                inputs,
            },
            now,
        );
        let catalog = Catalog::builtin().unwrap();
        let n = draft_all(&mut s, &template, &catalog, now);
        assert_eq!(n, s.components.len());
        for c in &s.components {
            assert!(c.options.len() >= 2, "{}", c.id);
            let rec = c.recommendation.as_ref().unwrap();
            assert!(c.option(&rec.option).is_some());
            assert!(c.decision.is_none());
            let section = s.section(c.section_id()).unwrap();
            assert_eq!(
                section.status,
                crate::model::SectionStatus::Drafted,
                "{}",
                c.id
            );
            assert!(section.body.contains("**Recommended:**"), "{}", c.id);
            if !c.is_primary() {
                let open = crate::workflow::section_text::part_open(&c.id);
                assert!(section.body.contains(&open), "{}", c.id);
                let title = format!("### {}", s.decision_title(c));
                assert!(section.body.contains(&title), "{}", c.id);
            }
        }
        // A second run leaves drafted components alone.
        assert_eq!(draft_all(&mut s, &template, &catalog, now), 0);
    }
}
