//! Gathering: requirements and facts extracted from the inputs, merged with what the person wrote.

use crate::inputs::extract::{all_facts, extract_requirements};
use crate::model::{RequirementOrigin, Session};

/// Extracts requirements and facts from the session's inputs again (after an input was added or
/// reloaded). Requirements the person edited or wrote keep their text; extracted ones follow the
/// inputs. The facts (Technical Assumptions, tech stack) are always re-read from the inputs.
pub fn refresh_extraction(s: &mut Session) {
    let extracted = extract_requirements(&s.inputs);
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
}
