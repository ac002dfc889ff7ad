//! The per-component design process, steps a → f, as operations on a session. Each either changes
//! the session and records it in the history, or refuses with a reason the person can act on.

use jiff::Timestamp;
use thiserror::Error;

use super::generated_text::{self, decision_body, decision_part};
use super::section_text::{self, BodyChange};
use crate::knowledge::Template;
use crate::model::{
    AdrId, AdrStatus, ConflictAck, Decision, DesignStep, FeedbackNote, InteractionMode, OptionCard,
    Recommendation, SectionStatus, Session,
};

/// The most options the comparison panes hold side by side.
pub const MAX_OPTIONS: usize = 4;
/// A recommendation and a decision need at least this many options on the table.
pub const MIN_OPTIONS: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DesignError {
    #[error("no component {0:?} in this session")]
    NoComponent(String),
    #[error("no option {0:?} on this component")]
    NoOption(String),
    #[error("a component holds at most {MAX_OPTIONS} options; remove one first")]
    TooManyOptions,
    #[error("an option {0:?} is already on this component")]
    DuplicateOption(String),
    #[error(
        "at least {MIN_OPTIONS} options are needed before recommending or deciding (this component has {0})"
    )]
    NeedTwoOptions(usize),
    #[error("{0:?} is the decided option; record a different decision before removing it")]
    RemovingDecided(String),
    #[error("the justification is empty; say why this option was chosen")]
    NoJustification,
    #[error("{0} conflict(s) with the inputs need an acknowledgement with a reason")]
    UnacknowledgedConflicts(usize),
    #[error("the session is read-only")]
    ReadOnly,
    #[error("no elicitation record {0} on this component")]
    NoRecord(usize),
    #[error("{0:?} has no decision yet; decide it first")]
    NotDecided(String),
    #[error("no decision record {0} in this session")]
    NoAdr(AdrId),
    #[error("{0} is {1}, not its component's current decision; only the current one changes")]
    NotCurrent(AdrId, &'static str),
    #[error("the reason is empty; say why the decision is {0}")]
    NoReason(&'static str),
}

fn component<'a>(
    s: &'a mut Session,
    id: &str,
) -> Result<&'a mut crate::model::ComponentDesign, DesignError> {
    s.component_mut(id)
        .ok_or_else(|| DesignError::NoComponent(id.to_string()))
}

/// Chooses (or changes) the interaction mode.
pub fn set_mode(s: &mut Session, mode: InteractionMode, now: Timestamp) {
    let changed = s.mode != Some(mode);
    s.mode = Some(mode);
    if changed {
        s.record(now, "mode", format!("interaction mode: {}", mode.label()));
    }
}

/// Sets a component's purpose (step a), trimmed; `false` when it is what it was.
pub fn set_purpose(
    s: &mut Session,
    id: &str,
    purpose: &str,
    now: Timestamp,
) -> Result<bool, DesignError> {
    let purpose = purpose.trim();
    let c = component(s, id)?;
    if c.purpose == purpose {
        return Ok(false);
    }
    c.purpose = purpose.to_string();
    s.record(now, "purpose", id.to_string());
    Ok(true)
}

/// Moves a component to a step; every step can be revisited.
pub fn goto_step(s: &mut Session, id: &str, step: DesignStep) -> Result<(), DesignError> {
    component(s, id)?.step = step;
    Ok(())
}

/// Puts an option card on a component.
pub fn add_option(
    s: &mut Session,
    id: &str,
    card: OptionCard,
    now: Timestamp,
) -> Result<(), DesignError> {
    let c = component(s, id)?;
    if c.options.len() >= MAX_OPTIONS {
        return Err(DesignError::TooManyOptions);
    }
    if c.options.iter().any(|o| o.id == card.id) {
        return Err(DesignError::DuplicateOption(card.id));
    }
    let name = card.name.clone();
    c.options.push(card);
    if c.step < DesignStep::Options {
        c.step = DesignStep::Options;
    }
    s.record(now, "option-added", format!("{id}: {name}"));
    Ok(())
}

/// A new, empty option card with an id not yet used on the component.
pub fn blank_option(s: &Session, id: &str) -> Result<OptionCard, DesignError> {
    let c = s
        .component(id)
        .ok_or_else(|| DesignError::NoComponent(id.to_string()))?;
    let n = (1..)
        .find(|n| !c.options.iter().any(|o| o.id == format!("option-{n}")))
        .unwrap_or(1);
    Ok(OptionCard::named(
        &format!("option-{n}"),
        &format!("Option {n}"),
    ))
}

/// Takes an option card off a component (not the decided one). A recommendation of it goes too.
pub fn remove_option(
    s: &mut Session,
    id: &str,
    option: &str,
    now: Timestamp,
) -> Result<(), DesignError> {
    let c = component(s, id)?;
    if c.decision.as_ref().is_some_and(|d| d.option == option) {
        return Err(DesignError::RemovingDecided(option.to_string()));
    }
    let i = c
        .options
        .iter()
        .position(|o| o.id == option)
        .ok_or_else(|| DesignError::NoOption(option.to_string()))?;
    let removed = c.options.remove(i);
    if c.recommendation
        .as_ref()
        .is_some_and(|r| r.option == option)
    {
        c.recommendation = None;
    }
    s.record(now, "option-removed", format!("{id}: {}", removed.name));
    Ok(())
}

/// Moves an option one place left (`-1`) or right (`+1`) in the panes.
pub fn move_option(s: &mut Session, id: &str, option: &str, delta: i32) -> Result<(), DesignError> {
    let c = component(s, id)?;
    let i = c
        .options
        .iter()
        .position(|o| o.id == option)
        .ok_or_else(|| DesignError::NoOption(option.to_string()))?;
    let j = (i as i64 + delta as i64).clamp(0, c.options.len() as i64 - 1) as usize;
    c.options.swap(i, j);
    Ok(())
}

/// Replaces an option card's content (its id stays).
pub fn update_option(s: &mut Session, id: &str, card: OptionCard) -> Result<(), DesignError> {
    let c = component(s, id)?;
    let slot = c
        .options
        .iter_mut()
        .find(|o| o.id == card.id)
        .ok_or_else(|| DesignError::NoOption(card.id.clone()))?;
    *slot = card;
    Ok(())
}

/// Step c: recommends an option with a rationale.
pub fn recommend(
    s: &mut Session,
    id: &str,
    option: &str,
    rationale: &str,
    now: Timestamp,
) -> Result<(), DesignError> {
    let c = component(s, id)?;
    if c.options.len() < MIN_OPTIONS {
        return Err(DesignError::NeedTwoOptions(c.options.len()));
    }
    let name = c
        .option(option)
        .ok_or_else(|| DesignError::NoOption(option.to_string()))?
        .name
        .clone();
    c.recommendation = Some(Recommendation {
        option: option.to_string(),
        rationale: rationale.trim().to_string(),
        at: now,
    });
    if c.step < DesignStep::Recommendation {
        c.step = DesignStep::Recommendation;
    }
    s.record(now, "recommended", format!("{id}: {name}"));
    Ok(())
}

/// Step d: logs the person's feedback and the revision made in response.
pub fn add_feedback(
    s: &mut Session,
    id: &str,
    feedback: &str,
    revision: &str,
    now: Timestamp,
) -> Result<(), DesignError> {
    let c = component(s, id)?;
    c.feedback.push(FeedbackNote {
        at: now,
        feedback: feedback.trim().to_string(),
        revision: revision.trim().to_string(),
    });
    if c.step < DesignStep::Feedback {
        c.step = DesignStep::Feedback;
    }
    s.record(now, "feedback", id.to_string());
    Ok(())
}

/// What a decision says: the chosen option, why, the conflicts with the inputs as shown and the
/// reasons given for accepting them.
#[derive(Debug, Clone, PartialEq)]
pub struct Ruling<'a> {
    pub option: &'a str,
    pub justification: &'a str,
    /// The findings that conflict with the inputs, as shown to the person.
    pub conflicts: &'a [String],
    pub acknowledgements: Vec<ConflictAck>,
}

/// How a new decision takes the place of a component's current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redecide {
    /// The current decision stays as a superseded record ("superseded by ADR-0009") with its
    /// number; the new decision gets the next number and names it ("supersedes ADR-0007").
    Supersede,
    /// The current decision's content changes; it keeps its number and the day it was made, and
    /// records the day it was amended.
    Amend,
}

/// Step f: records the decision. Needs two options, the chosen one among them, a justification,
/// and a reason for every conflict with the inputs (`conflicts` lists the findings as shown).
/// A new decision gets the session's next number; deciding a component that is decided already
/// supersedes its decision ([`supersede`]).
#[allow(clippy::too_many_arguments)]
pub fn decide(
    s: &mut Session,
    template: &Template,
    id: &str,
    option: &str,
    justification: &str,
    conflicts: &[String],
    acknowledgements: Vec<ConflictAck>,
    now: Timestamp,
) -> Result<BodyChange, DesignError> {
    let ruling = Ruling {
        option,
        justification,
        conflicts,
        acknowledgements,
    };
    decide_with(s, template, id, ruling, None, now)
}

/// Re-decides a decided component, keeping its current decision as a superseded record linked
/// both ways with the new one (see [`Redecide::Supersede`]). The checks are [`decide`]'s; a
/// component without a decision is refused.
pub fn supersede(
    s: &mut Session,
    template: &Template,
    id: &str,
    ruling: Ruling<'_>,
    now: Timestamp,
) -> Result<BodyChange, DesignError> {
    decide_with(s, template, id, ruling, Some(Redecide::Supersede), now)
}

/// Changes a decided component's decision in place: same number, new content, an amended date
/// (see [`Redecide::Amend`]). The checks are [`decide`]'s; a component without a decision is
/// refused.
pub fn amend(
    s: &mut Session,
    template: &Template,
    id: &str,
    ruling: Ruling<'_>,
    now: Timestamp,
) -> Result<BodyChange, DesignError> {
    decide_with(s, template, id, ruling, Some(Redecide::Amend), now)
}

/// Decides, supersedes or amends (`how`; `None` decides, superseding a decision already there).
fn decide_with(
    s: &mut Session,
    template: &Template,
    id: &str,
    ruling: Ruling<'_>,
    how: Option<Redecide>,
    now: Timestamp,
) -> Result<BodyChange, DesignError> {
    let Ruling {
        option,
        justification,
        conflicts,
        acknowledgements,
    } = ruling;
    let section_id = component(s, id)?.section_id().to_string();
    let title = s
        .component(id)
        .map(|c| s.decision_title(c).to_string())
        .unwrap_or_default();
    let tsec = template.section(&section_id);
    let base = generated_text::current_base(s, tsec, &section_id);
    let c = component(s, id)?;
    if how.is_some() && c.decision.is_none() {
        return Err(DesignError::NotDecided(id.to_string()));
    }
    if c.options.len() < MIN_OPTIONS {
        return Err(DesignError::NeedTwoOptions(c.options.len()));
    }
    let chosen = c
        .option(option)
        .ok_or_else(|| DesignError::NoOption(option.to_string()))?
        .clone();
    if justification.trim().is_empty() {
        return Err(DesignError::NoJustification);
    }
    let unacknowledged = conflicts
        .iter()
        .filter(|f| {
            !acknowledgements
                .iter()
                .any(|a| &a.finding == *f && !a.reason.trim().is_empty())
        })
        .count();
    if unacknowledged > 0 {
        return Err(DesignError::UnacknowledgedConflicts(unacknowledged));
    }
    let mut new = Decision {
        option: option.to_string(),
        justification: justification.trim().to_string(),
        decided_at: now,
        considered: c.options.iter().map(|o| o.id.clone()).collect(),
        acknowledged_conflicts: acknowledgements,
        ..Default::default()
    };
    let previous = c.decision.take();
    let how = how.unwrap_or(Redecide::Supersede);
    let (action, numbers) = match previous {
        None => {
            let adr = s.allocate_adr();
            new.adr = Some(adr);
            ("decided", adr.to_string())
        }
        Some(old) if how == Redecide::Amend => {
            let adr = match old.adr {
                Some(adr) => adr,
                None => s.allocate_adr(),
            };
            new.adr = Some(adr);
            new.decided_at = old.decided_at;
            new.amended_at = Some(now);
            new.supersedes = old.supersedes;
            new.people = old.people;
            ("amended", adr.to_string())
        }
        Some(mut old) => {
            let earlier = match old.adr {
                Some(adr) => adr,
                None => s.allocate_adr(),
            };
            let adr = s.allocate_adr();
            old.adr = Some(earlier);
            old.status = AdrStatus::Superseded;
            old.status_at = Some(now);
            old.superseded_by = Some(adr);
            new.adr = Some(adr);
            new.supersedes = Some(earlier);
            // The people of the decision carry over; they can be changed on the new one.
            new.people = old.people.clone();
            let c = component(s, id)?;
            keep_as_earlier(c, old);
            ("superseded", format!("{adr} supersedes {earlier}"))
        }
    };
    let c = component(s, id)?;
    c.decision = Some(new);
    c.step = DesignStep::Decision;
    let c = s
        .component(id)
        .ok_or_else(|| DesignError::NoComponent(id.to_string()))?;
    let text = if c.is_primary() {
        decision_body(s, tsec, c)
    } else {
        decision_part(s, tsec, &title, c)
    };
    let considered: Vec<String> = c.options.iter().map(|o| o.name.clone()).collect();
    let change = section_text::write_decision(s, id, &base, text, false)
        .ok_or_else(|| DesignError::NoComponent(id.to_string()))?;
    let all_decided = s.decisions_in(&section_id).all(|c| c.is_decided());
    if let Some(section) = s.section_mut(&section_id) {
        // A finalized section decided again is looked at again before it counts as complete.
        if all_decided && section.status != SectionStatus::Decided {
            section.status = SectionStatus::Decided;
        } else {
            section.note_written();
        }
    }
    s.record(
        now,
        action,
        format!(
            "{id}: {} (considered: {}) because {} [{numbers}]",
            chosen.name,
            considered.join(", "),
            justification.trim()
        ),
    );
    Ok(change)
}

/// Moves a decision that is no longer the component's into its earlier decisions, with the cards
/// of the options it considered as they stand now (the component's may change after).
fn keep_as_earlier(c: &mut crate::model::ComponentDesign, mut old: Decision) {
    if old.options_then.is_empty() {
        old.options_then = old
            .considered
            .iter()
            .chain(std::iter::once(&old.option))
            .filter_map(|o| c.option(o).cloned())
            .fold(Vec::new(), |mut cards, card| {
                if !cards.iter().any(|k: &OptionCard| k.id == card.id) {
                    cards.push(card);
                }
                cards
            });
    }
    c.earlier.push(old);
}

/// A decision withdrawn by [`deprecate`] or [`reject`]: its number, and what became of the
/// section's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Withdrawn {
    pub adr: AdrId,
    pub change: BodyChange,
}

/// Withdraws component `id`'s decision: it is kept among the component's earlier decisions as
/// `status` (deprecated or rejected) with `reason` and the day, keeping its number; the
/// component is undecided again (proposed, with its options and recommendation), and deciding it
/// again gives a new number. The decision's text in the section becomes the recommendation's
/// draft (none without a recommendation), merged with the person's edits as a decision's text
/// is, and a section that counted as decided or finalized is drafted again.
fn withdraw(
    s: &mut Session,
    template: &Template,
    id: &str,
    status: AdrStatus,
    reason: &str,
    now: Timestamp,
) -> Result<Withdrawn, DesignError> {
    let label = status.label();
    if reason.trim().is_empty() {
        return Err(DesignError::NoReason(label));
    }
    let c = component(s, id)?;
    if c.decision.is_none() {
        return Err(DesignError::NotDecided(id.to_string()));
    }
    let section_id = c.section_id().to_string();
    let tsec = template.section(&section_id);
    // The base is worked out while the decision is there: a session from before bases were
    // kept has it made from the decision.
    let base = generated_text::current_base(s, tsec, &section_id);
    let c = component(s, id)?;
    let Some(mut old) = c.decision.take() else {
        return Err(DesignError::NotDecided(id.to_string()));
    };
    let adr = match old.adr {
        Some(adr) => adr,
        None => s.allocate_adr(),
    };
    old.adr = Some(adr);
    old.status = status;
    old.status_at = Some(now);
    old.status_reason = reason.trim().to_string();
    keep_as_earlier(component(s, id)?, old);
    let c = s
        .component(id)
        .ok_or_else(|| DesignError::NoComponent(id.to_string()))?;
    let text = if c.is_primary() {
        super::yolo::draft_body(s, template, c)
    } else {
        super::yolo::draft_part(s, template, s.decision_title(c), c)
    };
    let change = section_text::write_decision(s, id, &base, text, false)
        .ok_or_else(|| DesignError::NoComponent(id.to_string()))?;
    if let Some(section) = s.section_mut(&section_id)
        && matches!(
            section.status,
            SectionStatus::Decided | SectionStatus::Finalized
        )
    {
        section.status = SectionStatus::Drafted;
    }
    s.record(now, label, format!("{id}: {adr} because {}", reason.trim()));
    Ok(Withdrawn { adr, change })
}

/// Deprecates component `id`'s decision: it held and no longer does (see [`withdraw`]).
pub fn deprecate(
    s: &mut Session,
    template: &Template,
    id: &str,
    reason: &str,
    now: Timestamp,
) -> Result<Withdrawn, DesignError> {
    withdraw(s, template, id, AdrStatus::Deprecated, reason, now)
}

/// Rejects component `id`'s decision: it is turned down (see [`withdraw`]).
pub fn reject(
    s: &mut Session,
    template: &Template,
    id: &str,
    reason: &str,
    now: Timestamp,
) -> Result<Withdrawn, DesignError> {
    withdraw(s, template, id, AdrStatus::Rejected, reason, now)
}

/// Sets the people of decision record `adr` (any record, current or earlier): names are trimmed,
/// blank and repeated ones dropped. Returns `false` when they are what they were.
pub fn set_people(
    s: &mut Session,
    adr: AdrId,
    people: &crate::model::People,
    now: Timestamp,
) -> Result<bool, DesignError> {
    let people = people.cleaned();
    let record = s
        .components
        .iter_mut()
        .find_map(|c| {
            c.earlier
                .iter_mut()
                .chain(c.decision.as_mut())
                .find(|d| d.adr == Some(adr))
                .map(|d| (c.id.clone(), d))
        })
        .ok_or(DesignError::NoAdr(adr))?;
    let (id, d) = record;
    if d.people == people {
        return Ok(false);
    }
    d.people = people;
    let p = &d.people;
    let list = |names: &[String]| {
        if names.is_empty() {
            "nobody".to_string()
        } else {
            names.join(", ")
        }
    };
    let detail = format!(
        "{id}: {adr} decision makers: {}; consulted: {}; informed: {}",
        list(&p.decision_makers),
        list(&p.consulted),
        list(&p.informed)
    );
    s.record(now, "decision-people", detail);
    Ok(true)
}

/// The component whose current decision is record `adr`; refuses an earlier record (superseded,
/// deprecated or rejected), which no longer changes.
pub fn current_of(s: &Session, adr: AdrId) -> Result<&str, DesignError> {
    let (c, d) = s.adr(adr).ok_or(DesignError::NoAdr(adr))?;
    if c.decision.as_ref().is_some_and(|cur| cur.adr == Some(adr)) {
        Ok(&c.id)
    } else {
        Err(DesignError::NotCurrent(adr, d.status.label()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Template;
    use crate::workflow::{NewSession, new_session};

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap()
    }

    fn session() -> Session {
        new_session(
            &Template::builtin().unwrap(),
            NewSession {
                title: None,
                project: Some("Acme".into()),
                authors: vec![],
                mode: None,
                inputs: vec![],
            },
            t(0),
        )
    }

    fn card(id: &str) -> OptionCard {
        OptionCard {
            id: id.into(),
            name: format!("Option {id}"),
            summary: format!("Summary of {id}."),
            pros: vec![format!("{id} is fast.")],
            cons: vec![format!("{id} is costly.")],
            ratings: Default::default(),
            tags: vec![],
            conflicts_with: vec![],
            catalog_id: None,
            capabilities: Default::default(),
            answers: Vec::new(),
            realised_on: String::new(),
        }
    }

    const C: &str = "compute-resources";

    #[test]
    fn walking_a_to_f() {
        let mut s = session();
        set_mode(&mut s, InteractionMode::Incremental, t(1));
        assert_eq!(s.component(C).unwrap().step, DesignStep::Purpose);
        add_option(&mut s, C, card("a"), t(2)).unwrap();
        assert_eq!(s.component(C).unwrap().step, DesignStep::Options);
        assert_eq!(
            recommend(&mut s, C, "a", "only one", t(3)),
            Err(DesignError::NeedTwoOptions(1))
        );
        add_option(&mut s, C, card("b"), t(4)).unwrap();
        recommend(&mut s, C, "b", "cheaper to run", t(5)).unwrap();
        assert_eq!(s.component(C).unwrap().step, DesignStep::Recommendation);
        add_feedback(&mut s, C, "what about cost?", "added a cost line", t(6)).unwrap();
        assert_eq!(s.component(C).unwrap().step, DesignStep::Feedback);
        goto_step(&mut s, C, DesignStep::Elicitation).unwrap();
        // Revisiting an earlier step is allowed.
        goto_step(&mut s, C, DesignStep::Options).unwrap();
        let template = Template::builtin().unwrap();
        let change = decide(
            &mut s,
            &template,
            C,
            "b",
            "Fits the team.",
            &[],
            vec![],
            t(7),
        )
        .unwrap();
        assert_eq!(change, BodyChange::Written { kept: 0 });
        let c = s.component(C).unwrap();
        assert_eq!(c.step, DesignStep::Decision);
        let d = c.decision.as_ref().unwrap();
        assert_eq!(d.considered, ["a", "b"]);
        assert_eq!(d.decided_at, t(7));
        let section = s.section(C).unwrap();
        // The section holds a second decision, not made yet.
        assert_eq!(section.status, SectionStatus::Drafted);
        assert!(section.body.contains("**Decision:** Option b."));
        // Neither option is rated: they are listed, not tabulated with dashes.
        assert!(section.body.contains("- Option b (chosen)\n"));
        assert!(section.body.contains("### Why Option b"));
        assert!(section.body.contains("- **Option a**: a is costly."));
        assert!(
            section.body.contains("### Container platform"),
            "template outline follows"
        );
        assert_eq!(s.history.last().unwrap().action, "decided");

        // The section's second decision, a → f on its own; its text is a part of its own after
        // the first decision's, and the person's edit between them is kept.
        const B: &str = "compute-background-work";
        let first = s.section(C).unwrap().body.clone();
        let edited = format!("{first}\nOur own note on the runtime.\n");
        section_text::person_edited(s.section_mut(C).unwrap(), edited);
        add_option(&mut s, B, card("q"), t(8)).unwrap();
        add_option(&mut s, B, card("j"), t(9)).unwrap();
        recommend(&mut s, B, "q", "queue workers", t(10)).unwrap();
        assert_eq!(
            s.component(C).unwrap().decision.as_ref().unwrap().option,
            "b"
        );
        let change = decide(
            &mut s,
            &template,
            B,
            "q",
            "Scales on depth.",
            &[],
            vec![],
            t(11),
        )
        .unwrap();
        assert_eq!(change, BodyChange::Written { kept: 1 });
        let section = s.section(C).unwrap();
        assert_eq!(
            section.status,
            SectionStatus::Decided,
            "both decisions made"
        );
        let body = &section.body;
        let at = |needle: &str| {
            body.find(needle)
                .unwrap_or_else(|| panic!("{needle:?} missing from {body}"))
        };
        assert!(at("**Decision:** Option b.") < at(&section_text::part_open(B)));
        assert!(at("### Background and scheduled work") < at("**Decision:** Option q."));
        assert!(at("#### Options considered") > at("### Background and scheduled work"));
        assert!(body.contains("Our own note on the runtime."));
        assert_eq!(
            s.component(B)
                .unwrap()
                .decision
                .as_ref()
                .unwrap()
                .considered,
            ["q", "j"]
        );
    }

    #[test]
    fn decisions_refuse_what_they_must() {
        let mut s = session();
        add_option(&mut s, C, card("a"), t(1)).unwrap();
        assert_eq!(
            decide(
                &mut s,
                &Template::builtin().unwrap(),
                C,
                "a",
                "x",
                &[],
                vec![],
                t(2)
            ),
            Err(DesignError::NeedTwoOptions(1))
        );
        add_option(&mut s, C, card("b"), t(3)).unwrap();
        assert_eq!(
            decide(
                &mut s,
                &Template::builtin().unwrap(),
                C,
                "z",
                "x",
                &[],
                vec![],
                t(4)
            ),
            Err(DesignError::NoOption("z".into()))
        );
        assert_eq!(
            decide(
                &mut s,
                &Template::builtin().unwrap(),
                C,
                "a",
                "  ",
                &[],
                vec![],
                t(4)
            ),
            Err(DesignError::NoJustification)
        );
        let conflicts = vec!["PRD: no Kubernetes".to_string()];
        assert_eq!(
            decide(
                &mut s,
                &Template::builtin().unwrap(),
                C,
                "a",
                "x",
                &conflicts,
                vec![],
                t(4)
            ),
            Err(DesignError::UnacknowledgedConflicts(1))
        );
        let ack = ConflictAck {
            finding: conflicts[0].clone(),
            reason: "the platform team now runs clusters".into(),
        };
        decide(
            &mut s,
            &Template::builtin().unwrap(),
            C,
            "a",
            "x",
            &conflicts,
            vec![ack],
            t(5),
        )
        .unwrap();
        assert!(
            s.section(C)
                .unwrap()
                .body
                .contains("accepted because the platform team")
        );
        assert_eq!(
            remove_option(&mut s, C, "a", t(6)),
            Err(DesignError::RemovingDecided("a".into()))
        );
        for n in ["c", "d"] {
            add_option(&mut s, C, card(n), t(7)).unwrap();
        }
        assert_eq!(
            add_option(&mut s, C, card("e"), t(8)),
            Err(DesignError::TooManyOptions)
        );
        assert_eq!(
            add_option(&mut s, C, card("a"), t(8)),
            Err(DesignError::TooManyOptions)
        );
        remove_option(&mut s, C, "d", t(9)).unwrap();
        assert_eq!(
            add_option(&mut s, C, card("a"), t(9)),
            Err(DesignError::DuplicateOption("a".into()))
        );
    }

    #[test]
    fn hand_written_text_is_kept_and_a_new_decision_replaces_the_old_text() {
        let mut s = session();
        for n in ["a", "b"] {
            add_option(&mut s, C, card(n), t(1)).unwrap();
        }
        let section = s.section_mut(C).unwrap();
        section.body = "My own notes on compute.".into();
        section.hand_edited = true;
        let change = decide(
            &mut s,
            &Template::builtin().unwrap(),
            C,
            "a",
            "first",
            &[],
            vec![],
            t(2),
        )
        .unwrap();
        assert_eq!(change, BodyChange::Written { kept: 1 });
        let body = s.section(C).unwrap().body.clone();
        assert!(body.starts_with("My own notes on compute.\n\n<!-- infradraft: decision -->"));
        let change = decide(
            &mut s,
            &Template::builtin().unwrap(),
            C,
            "b",
            "second",
            &[],
            vec![],
            t(3),
        )
        .unwrap();
        assert_eq!(change, BodyChange::Written { kept: 1 });
        let body = s.section(C).unwrap().body.clone();
        assert!(body.starts_with("My own notes on compute."));
        assert_eq!(body.matches(section_text::DECISION_MARK).count(), 1);
        assert!(body.contains("**Decision:** Option b."));
    }

    #[test]
    fn options_move_and_removal_drops_the_recommendation() {
        let mut s = session();
        for n in ["a", "b", "c"] {
            add_option(&mut s, C, card(n), t(1)).unwrap();
        }
        move_option(&mut s, C, "c", -1).unwrap();
        move_option(&mut s, C, "a", -1).unwrap();
        let ids: Vec<_> = s
            .component(C)
            .unwrap()
            .options
            .iter()
            .map(|o| o.id.clone())
            .collect();
        assert_eq!(ids, ["a", "c", "b"]);
        recommend(&mut s, C, "c", "r", t(2)).unwrap();
        remove_option(&mut s, C, "c", t(3)).unwrap();
        assert!(s.component(C).unwrap().recommendation.is_none());
        let blank = blank_option(&s, C).unwrap();
        assert_eq!(blank.id, "option-1");
    }

    #[test]
    fn switching_mode_keeps_earlier_work_both_ways() {
        let template = Template::builtin().unwrap();
        let catalog = crate::knowledge::Catalog::builtin().unwrap();
        let mut s = session();
        set_mode(&mut s, InteractionMode::Incremental, t(1));
        // Incremental work: compute decided between two hand-made cards, network text by hand.
        add_option(&mut s, C, card("a"), t(2)).unwrap();
        add_option(&mut s, C, card("b"), t(3)).unwrap();
        decide(&mut s, &template, C, "b", "Fits.", &[], vec![], t(4)).unwrap();
        let compute = s.component(C).unwrap().clone();
        let compute_body = s.section(C).unwrap().body.clone();
        s.section_mut("network-architecture").unwrap().body = "Hand-written notes.".into();

        set_mode(&mut s, InteractionMode::Yolo, t(5));
        assert_eq!(s.mode, Some(InteractionMode::Yolo));
        let drafted = crate::workflow::yolo::draft_all(&mut s, &template, &catalog, t(6));
        assert_eq!(
            drafted,
            template.decisions().count() - 1,
            "all but compute's runtime"
        );
        assert_eq!(
            s.component(C).unwrap(),
            &compute,
            "the decided component is untouched"
        );
        // The section's other decision is drafted after the decided one's text, which stays.
        let body = &s.section(C).unwrap().body;
        assert!(body.starts_with(compute_body.trim_end()), "{body}");
        assert!(body.contains(&section_text::part_open("compute-background-work")));
        assert_eq!(s.section(C).unwrap().status, SectionStatus::Drafted);
        let network = s.section("network-architecture").unwrap();
        assert!(
            network.body.contains("Hand-written notes."),
            "hand-written text survives the draft: {}",
            network.body
        );
        assert!(
            s.component("network-architecture")
                .unwrap()
                .recommendation
                .is_some()
        );

        // Back to incremental: nothing is dropped, nothing is redrafted.
        let before = s.clone();
        set_mode(&mut s, InteractionMode::Incremental, t(7));
        assert_eq!(s.components, before.components);
        assert_eq!(s.sections, before.sections);
        assert_eq!(
            crate::workflow::yolo::draft_all(&mut s, &template, &catalog, t(8)),
            0,
            "a second draft leaves drafted components alone"
        );
        assert_eq!(s.components, before.components);
        let modes: Vec<&str> = s
            .history
            .iter()
            .filter(|h| h.action == "mode")
            .map(|h| h.detail.as_str())
            .collect();
        assert_eq!(
            modes,
            [
                "interaction mode: Incremental",
                "interaction mode: YOLO",
                "interaction mode: Incremental"
            ]
        );
    }
}
