//! YOLO mode: a comprehensive first draft of every component at once — options from the catalog
//! ranked by fit with the inputs, a recommendation and a section body for each — for the person to
//! review and iterate through the same a → f steps. Nothing is decided.

use jiff::Timestamp;

use crate::analysis::ranking::{Ranked, explain, rank};
use crate::knowledge::{Catalog, Template};
use crate::model::{DesignStep, Recommendation, SectionStatus, Session};

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
    if drafted > 0 {
        s.record(
            now,
            "yolo-draft",
            format!("drafted {drafted} components from the catalog"),
        );
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
    let body = draft_body(template, c);
    if let Some(section) = s.section_mut(id)
        && section.body.trim().is_empty()
    {
        // An empty body holds nothing of the person's: the draft is written whole.
        super::section_text::commit(section, body.clone(), body);
        if section.status == SectionStatus::Empty {
            section.status = SectionStatus::Drafted;
        }
    }
    true
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
            "it fits the inputs best of the options considered ({})",
            explain(best)
        )
    };
    Some((
        chosen.iter().map(Ranked::card).collect(),
        best.option.id.clone(),
        rationale,
    ))
}

/// The body of a drafted (not yet decided) component: the recommendation, the options with their
/// trade-offs, and the template's outline for the rest.
pub fn draft_body(template: &Template, c: &crate::model::ComponentDesign) -> String {
    let Some(rec) = &c.recommendation else {
        return String::new();
    };
    let Some(best) = c.option(&rec.option) else {
        return String::new();
    };
    let mut out = format!(
        "{}\n**Recommended:** {} (draft, not yet decided). {}{}\n\n",
        super::section_text::DRAFT_MARK,
        best.name.trim_end_matches('.'),
        best.summary.trim(),
        super::design::realised_sentence(best)
    );
    out.push_str("### Options under consideration\n\n");
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
    super::design::push_outline(&mut out, template.section(&c.id));
    out
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
            let section = s.section(&c.id).unwrap();
            assert_eq!(section.status, SectionStatus::Drafted, "{}", c.id);
            assert!(section.body.contains("**Recommended:**"), "{}", c.id);
        }
        // A second run leaves drafted components alone.
        assert_eq!(draft_all(&mut s, &template, &catalog, now), 0);
    }
}
