//! Step e of the process: elicitation records on a component. A worksheet is saved as a record
//! (pending); its results reach the section's draft only when the person applies the record, and
//! leave it again when the record is discarded.
//!
//! An applied record's text is one part of the section's generated text (see [`section_text`]):
//! it sits between two marker lines, applying the record again after a worksheet edit replaces
//! that part, a later decision leaves it alone, and every change merges with what the person
//! wrote.

use jiff::Timestamp;

use super::design::DesignError;
use super::generated_text::{self, block};
use super::section_text::{self, BlockKey, BodyChange, open_mark_of};
use super::worksheet_grid::CellError;
use crate::analysis::worksheet::{prefill, results_markdown};
use crate::knowledge::{Catalog, Template};
use crate::model::{ElicitationAction, ElicitationRecord, ElicitationStatus, Session, Worksheet};

/// The display name of an option id: the component's card, else the catalog's entry, else the id.
pub fn option_namer<'a>(
    s: &'a Session,
    catalog: &'a Catalog,
    component: &'a str,
) -> impl Fn(&str) -> String + 'a {
    move |id: &str| {
        s.component(component)
            .and_then(|c| c.option(id))
            .map(|o| o.name.clone())
            .or_else(|| catalog.option(id).map(|o| o.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }
}

/// The computed results of a worksheet as the record stores them and the section receives them.
pub fn results(s: &Session, catalog: &Catalog, component: &str, worksheet: &Worksheet) -> String {
    let title = s
        .section(component)
        .map_or(component, |sec| sec.title.as_str());
    let namer = option_namer(s, catalog, component);
    results_markdown(title, worksheet, &namer)
}

/// Starts an action on a component: a worksheet prefilled from the session, stored at once as a
/// pending record (so that nothing typed into it can be lost). Returns the record's index.
pub fn start(
    s: &mut Session,
    catalog: &Catalog,
    component: &str,
    action: ElicitationAction,
    now: Timestamp,
) -> Result<usize, DesignError> {
    if s.component(component).is_none() {
        return Err(DesignError::NoComponent(component.to_string()));
    }
    let today = jiff::tz::TimeZone::UTC.to_datetime(now).date();
    let worksheet = prefill(action, s, component, today);
    let results = results(s, catalog, component, &worksheet);
    let c = s
        .component_mut(component)
        .ok_or_else(|| DesignError::NoComponent(component.to_string()))?;
    c.elicitations.push(ElicitationRecord {
        action,
        at: now,
        worksheet,
        results,
        conclusions: String::new(),
        status: ElicitationStatus::Pending,
    });
    let index = c.elicitations.len() - 1;
    s.record(
        now,
        "elicitation",
        format!("{component}: {} ({})", action.title(), index + 1),
    );
    Ok(index)
}

/// Why a worksheet edit did not happen: no such record, or the edit itself was refused.
#[derive(Debug, thiserror::Error)]
pub enum WorksheetEditError {
    #[error(transparent)]
    Record(#[from] DesignError),
    #[error(transparent)]
    Cell(#[from] CellError),
}

/// Changes record `index`'s worksheet through `change` (which may refuse, see
/// [`worksheet_grid`](super::worksheet_grid)) and recomputes its results. An edited record is
/// pending again: the section keeps the results it had (if they were applied) until the person
/// applies the record again.
pub fn edit(
    s: &mut Session,
    catalog: &Catalog,
    component: &str,
    index: usize,
    change: impl FnOnce(&mut Worksheet) -> Result<(), CellError>,
) -> Result<(), WorksheetEditError> {
    let mut worksheet = record_of(s, component, index)?.worksheet;
    change(&mut worksheet)?;
    let results = results(s, catalog, component, &worksheet);
    if let Some(r) = s
        .component_mut(component)
        .and_then(|c| c.elicitations.get_mut(index))
        && r.worksheet != worksheet
    {
        r.worksheet = worksheet;
        r.results = results;
        r.status = ElicitationStatus::Pending;
    }
    Ok(())
}

/// Sets the person's conclusions on record `index`.
pub fn set_conclusions(
    s: &mut Session,
    component: &str,
    index: usize,
    conclusions: &str,
) -> Result<(), DesignError> {
    let c = s
        .component_mut(component)
        .ok_or_else(|| DesignError::NoComponent(component.to_string()))?;
    let r = c
        .elicitations
        .get_mut(index)
        .ok_or(DesignError::NoRecord(index + 1))?;
    let text = conclusions.trim().to_string();
    if r.conclusions != text {
        r.conclusions = text;
        if r.status == ElicitationStatus::Applied {
            r.status = ElicitationStatus::Pending;
        }
    }
    Ok(())
}

fn record_of(s: &Session, component: &str, index: usize) -> Result<ElicitationRecord, DesignError> {
    s.component(component)
        .ok_or_else(|| DesignError::NoComponent(component.to_string()))?
        .elicitations
        .get(index)
        .cloned()
        .ok_or(DesignError::NoRecord(index + 1))
}

/// Where decision `component`'s records go in its section: its section's id and the decision as
/// the block markers name it (empty for the primary decision).
fn placement(s: &Session, component: &str) -> Result<(String, String), DesignError> {
    let c = s
        .component(component)
        .ok_or_else(|| DesignError::NoComponent(component.to_string()))?;
    let decision = if c.is_primary() { "" } else { component };
    Ok((c.section_id().to_string(), decision.to_string()))
}

/// Writes record `index`'s results into the section's draft (replacing an earlier copy of the
/// same record) and marks it applied. The results merge with what the person wrote; when they
/// would replace text the person changed, the change waits for a choice
/// ([`BodyChange::NeedsChoice`]) and the record is applied once it is settled.
pub fn apply(
    s: &mut Session,
    template: &Template,
    component: &str,
    index: usize,
    now: Timestamp,
) -> Result<BodyChange, DesignError> {
    let record = record_of(s, component, index)?;
    let (section, decision) = placement(s, component)?;
    let base = generated_text::current_base(s, template.section(&section), &section);
    let block = block(&record, &decision, index);
    let key = BlockKey { decision, index };
    let change = section_text::regenerate(s, &section, &base, |g| g.set_block(key, block))
        .ok_or_else(|| DesignError::NoComponent(component.to_string()))?;
    if let Some(section) = s.section_mut(&section) {
        section.note_written();
    }
    set_status(s, component, index, ElicitationStatus::Applied);
    s.record(
        now,
        "elicitation-applied",
        format!("{component}: {} ({})", record.action.title(), index + 1),
    );
    Ok(change)
}

/// Marks record `index` discarded and takes its results out of the section if they were applied
/// (asking first, through [`BodyChange::NeedsChoice`], where the person changed them).
pub fn discard(
    s: &mut Session,
    template: &Template,
    component: &str,
    index: usize,
    now: Timestamp,
) -> Result<BodyChange, DesignError> {
    let record = record_of(s, component, index)?;
    let (section, decision) = placement(s, component)?;
    let base = generated_text::current_base(s, template.section(&section), &section);
    let key = BlockKey { decision, index };
    let change = section_text::regenerate(s, &section, &base, |g| {
        g.remove_block(&key);
    })
    .unwrap_or(BodyChange::Unchanged);
    set_status(s, component, index, ElicitationStatus::Discarded);
    s.record(
        now,
        "elicitation-discarded",
        format!("{component}: {} ({})", record.action.title(), index + 1),
    );
    Ok(change)
}

fn set_status(s: &mut Session, component: &str, index: usize, status: ElicitationStatus) {
    if let Some(r) = s
        .component_mut(component)
        .and_then(|c| c.elicitations.get_mut(index))
    {
        r.status = status;
    }
}

/// Whether the section body holds record `index`'s block.
pub fn is_in_body(s: &Session, component: &str, index: usize) -> bool {
    let Ok((section, decision)) = placement(s, component) else {
        return false;
    };
    let mark = open_mark_of(&decision, index);
    s.section(&section)
        .is_some_and(|sec| sec.body.lines().any(|l| l.trim() == mark))
}

/// The sections a component depends on, from its latest cross-functional integration worksheet
/// that was not discarded.
pub fn dependencies(s: &Session, component: &str) -> Vec<String> {
    s.component(component)
        .and_then(|c| {
            c.elicitations
                .iter()
                .rev()
                .find_map(|r| match &r.worksheet {
                    Worksheet::Integration { depends_on, .. }
                        if r.status != ElicitationStatus::Discarded =>
                    {
                        Some(depends_on.clone())
                    }
                    _ => None,
                })
        })
        .unwrap_or_default()
}
