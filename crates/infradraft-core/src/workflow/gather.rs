//! Gathering: requirements and facts extracted from the inputs, merged with what the person wrote.

use crate::inputs::extract::{
    all_facts, extract_requirements, input_conflicts, regime_evidence, regimes_in_scope,
};
use crate::model::{ConflictResolution, RequirementOrigin, Session};

/// Extracts requirements and facts from the session's inputs again (after an input was added,
/// reloaded or removed). Requirements the person edited or wrote keep their text; extracted ones
/// follow the inputs, except those the person removed (while the inputs still say the same). The
/// facts (Technical Assumptions, tech stack) are always re-read from the inputs.
pub fn refresh_extraction(s: &mut Session) {
    let mut extracted = extract_requirements(&s.inputs);
    // The inputs disagree or not whatever the person removed from the list.
    s.input_conflicts = input_conflicts(&s.inputs, &extracted);
    extracted.retain(|r| {
        !s.removed_requirements
            .iter()
            .any(|x| x.id == r.id && x.text == r.text)
    });
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

/// Resolves the conflict between the inputs with `key`, with the person's reason (a conflict
/// resolved again gets the new reason). Returns whether the session changed.
pub fn resolve_conflict(s: &mut Session, key: &str, reason: &str, at: jiff::Timestamp) -> bool {
    let reason = reason.trim();
    if reason.is_empty() || !s.input_conflicts.iter().any(|c| c.key == key) {
        return false;
    }
    let about = s
        .input_conflicts
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.about.clone())
        .unwrap_or_default();
    match s.conflict_resolutions.iter_mut().find(|r| r.key == key) {
        Some(r) if r.reason == reason => return false,
        Some(r) => {
            r.reason = reason.to_string();
            r.at = at;
        }
        None => s.conflict_resolutions.push(ConflictResolution {
            key: key.to_string(),
            reason: reason.to_string(),
            at,
        }),
    }
    s.record(at, "conflict-resolved", format!("{about}: {reason}"));
    true
}

/// Opens a resolved conflict again (its reason is dropped). Returns whether the session changed.
pub fn reopen_conflict(s: &mut Session, key: &str, at: jiff::Timestamp) -> bool {
    let before = s.conflict_resolutions.len();
    s.conflict_resolutions.retain(|r| r.key != key);
    if s.conflict_resolutions.len() == before {
        return false;
    }
    let about = s
        .input_conflicts
        .iter()
        .find(|c| c.key == key)
        .map_or_else(|| key.to_string(), |c| c.about.clone());
    s.record(at, "conflict-reopened", about);
    true
}

#[cfg(test)]
mod conflict_tests {
    use super::*;
    use crate::model::{ConflictSide, InputConflict, SourceRef};

    fn session() -> Session {
        let mut s = Session::empty("x", "t", jiff::Timestamp::UNIX_EPOCH);
        let side = |line| ConflictSide {
            text: "t".into(),
            source: SourceRef {
                input: "prd.md".into(),
                line,
            },
        };
        s.input_conflicts.push(InputConflict {
            key: "k1".into(),
            kind: "budget-vs-estimate".into(),
            about: "The PRD sets a budget".into(),
            rule: side(1),
            found: side(2),
            also: Vec::new(),
            rule_also: Vec::new(),
        });
        s
    }

    #[test]
    fn a_conflict_is_resolved_with_a_reason_and_reopened() {
        let mut s = session();
        let at = jiff::Timestamp::UNIX_EPOCH;
        assert_eq!(s.open_conflicts().count(), 1);
        assert!(
            !resolve_conflict(&mut s, "k1", "  ", at),
            "a reason is needed"
        );
        assert!(!resolve_conflict(&mut s, "nope", "why", at), "unknown key");
        assert!(resolve_conflict(&mut s, "k1", "budget raised in March", at));
        assert_eq!(s.open_conflicts().count(), 0);
        assert_eq!(s.history.last().unwrap().action, "conflict-resolved");
        assert!(!resolve_conflict(
            &mut s,
            "k1",
            "budget raised in March",
            at
        ));
        assert!(resolve_conflict(&mut s, "k1", "estimate cut", at));
        assert_eq!(s.conflict_resolutions.len(), 1);
        assert_eq!(s.conflict_resolutions[0].reason, "estimate cut");
        assert!(reopen_conflict(&mut s, "k1", at));
        assert!(!reopen_conflict(&mut s, "k1", at));
        assert_eq!(s.open_conflicts().count(), 1);
    }

    #[test]
    fn a_resolution_outlives_a_new_reading_of_the_inputs() {
        let mut s = session();
        let at = jiff::Timestamp::UNIX_EPOCH;
        resolve_conflict(&mut s, "k1", "accepted", at);
        // Reading the inputs again replaces the conflicts; the resolution stays with its key.
        refresh_extraction(&mut s);
        assert!(s.input_conflicts.is_empty());
        assert_eq!(s.conflict_resolutions.len(), 1);
    }
}
