//! Gathering: requirements and facts extracted from the inputs, merged with what the person wrote.

use crate::inputs::extract::{
    all_facts, extract_requirements, input_conflicts, regime_evidence, regimes_in_scope,
};
use crate::model::{RequirementOrigin, Session};

/// Extracts requirements and facts from the session's inputs again (after an input was added or
/// reloaded). Requirements the person edited or wrote keep their text; extracted ones follow the
/// inputs. The facts (Technical Assumptions, tech stack) are always re-read from the inputs.
pub fn refresh_extraction(s: &mut Session) {
    let extracted = extract_requirements(&s.inputs);
    s.input_conflicts = input_conflicts(&s.inputs, &extracted);
    let manual: Vec<_> = s
        .requirements
        .iter()
        .filter(|r| r.origin == RequirementOrigin::Manual)
        .cloned()
        .collect();
    let mut merged = Vec::with_capacity(extracted.len() + manual.len());
    for r in extracted {
        match manual.iter().find(|m| m.id == r.id) {
            Some(m) => merged.push(m.clone()),
            None => merged.push(r),
        }
    }
    for m in manual {
        if !merged.iter().any(|r| r.id == m.id) {
            merged.push(m);
        }
    }
    s.requirements = merged;
    s.assumptions = all_facts(&s.inputs);
    s.regime_evidence = regime_evidence(&s.inputs);
    s.regimes = regimes_with_choices(s);
}

/// The regimes in scope: those the inputs name as applying, with the person's own choices
/// applied over them (theirs first, then the others in the inputs' order).
pub fn regimes_with_choices(s: &Session) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &s.regime_choices {
        if c.in_scope && !out.contains(&c.regime) {
            out.push(c.regime.clone());
        }
    }
    for r in regimes_in_scope(&s.regime_evidence) {
        let ruled_out = s
            .regime_choices
            .iter()
            .any(|c| c.regime == r && !c.in_scope);
        if !ruled_out && !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Records the person's choice of regimes (the full set they want in scope): each regime whose
/// choice differs from what the inputs say is remembered, so that reading the inputs again keeps
/// it.
pub fn choose_regimes(s: &mut Session, chosen: &[String]) {
    let evident = regimes_in_scope(&s.regime_evidence);
    let mut known: Vec<String> = crate::knowledge::extraction::extraction()
        .regimes
        .names()
        .map(str::to_string)
        .collect();
    for r in chosen.iter().chain(&evident).chain(&s.regimes) {
        if !known.contains(r) {
            known.push(r.clone());
        }
    }
    s.regime_choices = known
        .iter()
        .filter_map(|r| {
            let want = chosen.contains(r);
            (want != evident.contains(r)).then(|| crate::model::RegimeChoice {
                regime: r.clone(),
                in_scope: want,
            })
        })
        .collect();
    s.regimes = regimes_with_choices(s);
}
