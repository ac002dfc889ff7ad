//! Puts the records read from a folder into the session (see the module above for the rules):
//! numbers, links both ways, chains, the component of each chain, then the decisions.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;

use super::record::{OptionText, Record, Ref};
use super::{AdrImport, ImportAdrsError, Imported, Layout, Problem, name_date};
use crate::export::adr::adr_file_name;
use crate::knowledge::Catalog;
use crate::model::{
    AdrId, AdrStatus, ComponentDesign, ConflictAck, Decision, DesignStep, OptionCard, People,
    Recommendation, Section, Session, is_slug, slug,
};
use crate::workflow::import::{score, words};

/// The section that holds the decisions of records that match none of the session's.
pub const IMPORTED_SECTION: &str = "imported-decisions";
const IMPORTED_TITLE: &str = "Imported Decisions";

/// The number a file name starts with (`0007-x.md` → 7), if any.
pub(crate) fn leading_number(name: &str) -> Option<u32> {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || !name[digits.len()..].starts_with(['-', '_', '.']) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

fn at(d: Date) -> Timestamp {
    jiff::tz::TimeZone::UTC
        .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

struct Item {
    file: String,
    r: Record,
    number: u32,
    status: AdrStatus,
    superseded_by: Option<usize>,
    supersedes: Option<usize>,
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut i = i;
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Where a chain goes.
#[derive(Clone, PartialEq, Eq)]
enum Target {
    Existing(String),
    New {
        id: String,
        title: String,
        purpose: String,
    },
}

impl Target {
    fn id(&self) -> &str {
        match self {
            Target::Existing(id) | Target::New { id, .. } => id,
        }
    }
}

fn restore_case(points: &[String], known: &[String]) -> Vec<String> {
    points
        .iter()
        .map(|p| {
            known
                .iter()
                .find(|k| k.to_lowercase() == p.to_lowercase())
                .cloned()
                .unwrap_or_else(|| p.clone())
        })
        .collect()
}

/// The card for option `text` of component `c` (see the module's rules).
fn card_for(
    text: &OptionText,
    c: Option<&ComponentDesign>,
    component: &str,
    catalog: &Catalog,
    targets: &[&str],
) -> OptionCard {
    let same = |name: &str| name.trim().eq_ignore_ascii_case(text.name.trim());
    let mut card = c
        .and_then(|c| c.options.iter().find(|o| same(&o.name)).cloned())
        .or_else(|| {
            catalog
                .for_component(component)
                .find(|o| same(&o.name))
                .map(|o| o.to_card_for(None, targets))
        })
        .unwrap_or_else(|| OptionCard::named(&slug(&text.name), text.name.trim()));
    if !text.summary.is_empty() {
        card.summary = text.summary.clone();
    }
    if !text.pros.is_empty() || !text.cons.is_empty() {
        card.pros = restore_case(&text.pros, &card.pros);
        card.cons = restore_case(&text.cons, &card.cons);
    }
    card
}

#[allow(clippy::too_many_arguments)]
pub(super) fn apply(
    s: &mut Session,
    catalog: &Catalog,
    dir: &Path,
    records: Vec<(String, Record)>,
    unread_numbers: &[u32],
    report: &mut AdrImport,
    now: Timestamp,
) -> Result<(), ImportAdrsError> {
    let path = |file: &str| dir.join(file);
    let note = |file: &str, line: Option<usize>, message: String| Problem {
        file: dir.join(file),
        line,
        message,
    };
    // Numbers.
    let session_high = s.highest_adr();
    let mut items: Vec<Item> = Vec::new();
    let mut unnumbered: Vec<(String, Record)> = Vec::new();
    for (file, r) in records {
        let number = if report.layout == Layout::Log4brains && name_date(&file).is_some() {
            None
        } else {
            leading_number(&file).or(r.marker.map(|a| a.0))
        };
        match number {
            Some(n) => {
                if let Some(other) = items.iter().find(|i| i.number == n) {
                    report.skipped.push(note(
                        &file,
                        None,
                        format!("number {n} is also {}'s; skipped", other.file),
                    ));
                    continue;
                }
                let status = r.status.unwrap_or(AdrStatus::Accepted);
                items.push(Item {
                    file,
                    r,
                    number: n,
                    status,
                    superseded_by: None,
                    supersedes: None,
                });
            }
            None => unnumbered.push((file, r)),
        }
    }
    let folder_high = items
        .iter()
        .map(|i| i.number)
        .chain(unread_numbers.iter().copied())
        .fold(0, u32::max);
    unnumbered.sort_by(|(fa, ra), (fb, rb)| {
        (name_date(fa).or(ra.date), fa).cmp(&(name_date(fb).or(rb.date), fb))
    });
    let first = session_high.max(folder_high).saturating_add(1);
    for (next, (file, r)) in (first..).zip(unnumbered) {
        let status = r.status.unwrap_or(AdrStatus::Accepted);
        items.push(Item {
            file,
            r,
            number: next,
            status,
            superseded_by: None,
            supersedes: None,
        });
    }
    items.sort_by_key(|i| i.number);
    for i in &items {
        if i.r.status.is_none() {
            report.notes.push(note(
                &i.file,
                Some(i.r.status_line),
                "states no status; taken as accepted".into(),
            ));
        }
    }
    // Links, both ways.
    let by_file: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(k, i)| (i.file.clone(), k))
        .collect();
    let resolve = |r: &Ref| -> Option<usize> {
        match r {
            Ref::File(f) => by_file.get(f).copied(),
            Ref::Number(n) => items.iter().position(|i| i.number == *n),
        }
    };
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (k, i) in items.iter().enumerate() {
        if let Some(target) = &i.r.superseded_by {
            match resolve(target) {
                Some(j) if j != k => links.push((k, j)),
                _ => report.notes.push(note(
                    &i.file,
                    Some(i.r.status_line),
                    "superseded by a record that is not in the folder; the link is left out".into(),
                )),
            }
        }
        if let Some(target) = &i.r.supersedes {
            match resolve(target) {
                Some(j) if j != k => links.push((j, k)),
                _ => report.notes.push(note(
                    &i.file,
                    Some(i.r.status_line),
                    "supersedes a record that is not in the folder; the link is left out".into(),
                )),
            }
        }
    }
    for (old, new) in links {
        if items[old].superseded_by.is_some_and(|n| n != new) {
            report.notes.push(note(
                &items[old].file,
                Some(items[old].r.status_line),
                format!(
                    "is also said to be superseded by {}; the first link is kept",
                    items[new].file
                ),
            ));
            continue;
        }
        items[old].superseded_by = Some(new);
        if items[new].supersedes.is_none() {
            items[new].supersedes = Some(old);
        }
        if matches!(items[old].status, AdrStatus::Accepted | AdrStatus::Proposed) {
            if items[old].r.status.is_some() {
                report.notes.push(note(
                    &items[old].file,
                    Some(items[old].r.status_line),
                    format!(
                        "says {}, but {} supersedes it; imported as superseded",
                        items[old].status.label(),
                        items[new].file
                    ),
                ));
            }
            items[old].status = AdrStatus::Superseded;
        }
    }
    // Chains.
    let mut parent: Vec<usize> = (0..items.len()).collect();
    for (k, item) in items.iter().enumerate() {
        for j in [item.superseded_by, item.supersedes].into_iter().flatten() {
            let (a, b) = (find(&mut parent, k), find(&mut parent, j));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut chains: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for k in 0..items.len() {
        let root = find(&mut parent, k);
        chains.entry(root).or_default().push(k);
    }
    // The component of each chain.
    let mut claimed: Vec<String> = Vec::new();
    let mut new_ids: Vec<String> = Vec::new();
    let mut plan: Vec<(Target, Vec<usize>)> = Vec::new();
    for chain in chains.into_values() {
        let latest = *chain.last().expect("a chain has a record");
        let marked = chain.iter().find(|&&k| items[k].r.marker.is_some());
        let existing_by_file = marked.and_then(|&k| {
            s.components
                .iter()
                .find(|c| adr_file_name(AdrId(items[k].number), &c.id) == items[k].file)
                .map(|c| c.id.clone())
        });
        let target = if let Some(id) = existing_by_file {
            Target::Existing(id)
        } else if let Some(id) = held_already(s, &items, &chain) {
            Target::Existing(id)
        } else if let Some(&k) = marked {
            let stem = items[k].file.trim_end_matches(".md");
            let stem = stem.split_once('-').map_or(stem, |(_, rest)| rest);
            let id = if is_slug(stem) {
                stem.to_string()
            } else {
                slug(&items[latest].r.title)
            };
            if let Some(t) = plan
                .iter()
                .find(|(t, _)| t.id() == id)
                .map(|(t, _)| t.clone())
            {
                t
            } else {
                new_target(s, &mut new_ids, &id, &items[latest].r)
            }
        } else {
            let mut best: Option<(f64, String)> = None;
            for c in &s.components {
                if claimed.contains(&c.id) || c.records().next().is_some() {
                    continue;
                }
                let names = [s.decision_title(c).to_string(), s.decision_label(c)];
                for &k in chain.iter().rev() {
                    let t = words(&items[k].r.title);
                    for n in &names {
                        let sc = score(&t, &words(n));
                        if sc >= 0.6 && best.as_ref().is_none_or(|(b, _)| sc > *b) {
                            best = Some((sc, c.id.clone()));
                        }
                    }
                }
            }
            match best {
                Some((_, id)) => Target::Existing(id),
                None => {
                    let id = slug(&items[latest].r.title);
                    new_target(s, &mut new_ids, &id, &items[latest].r)
                }
            }
        };
        claimed.push(target.id().to_string());
        plan.push((target, chain));
    }
    // Records the session holds already; numbers it gives to others.
    let mut keep_plan = Vec::new();
    for (target, chain) in plan {
        let existing = s.component(target.id());
        let has_records = existing.is_some_and(|c| c.records().next().is_some());
        let all_there = chain.iter().all(|&k| {
            s.adr(AdrId(items[k].number))
                .is_some_and(|(c, _)| c.id == target.id())
                || items[k].status == AdrStatus::Proposed
        });
        if has_records && all_there {
            report
                .already
                .extend(chain.iter().map(|&k| items[k].file.clone()));
            continue;
        }
        for &k in &chain {
            if items[k].status == AdrStatus::Proposed {
                continue;
            }
            if let Some((c, _)) = s.adr(AdrId(items[k].number)) {
                return Err(ImportAdrsError::NumberTaken {
                    file: path(&items[k].file),
                    adr: AdrId(items[k].number),
                    component: c.id.clone(),
                });
            }
        }
        if has_records {
            return Err(ImportAdrsError::ComponentHasRecords {
                file: path(&items[chain[0]].file),
                component: target.id().to_string(),
            });
        }
        keep_plan.push((target, chain));
    }
    // Two chains on one component: every accepted record but the last becomes superseded by the
    // next one.
    let mut by_component: BTreeMap<String, (Target, Vec<usize>)> = BTreeMap::new();
    for (target, chain) in keep_plan {
        let entry = by_component
            .entry(target.id().to_string())
            .or_insert_with(|| (target.clone(), Vec::new()));
        entry.1.extend(chain);
    }
    // Now the session changes.
    let targets_now: Vec<String> = {
        let t = crate::analysis::ranking::hosting_target(&s.assumptions);
        t.into_iter().map(str::to_string).collect()
    };
    let targets: Vec<&str> = targets_now.iter().map(String::as_str).collect();
    let mut made: Vec<String> = Vec::new();
    for (id, (target, mut chain)) in by_component {
        chain.sort_by_key(|&k| items[k].number);
        let accepted: Vec<usize> = chain
            .iter()
            .copied()
            .filter(|&k| items[k].status == AdrStatus::Accepted)
            .collect();
        for pair in accepted.windows(2) {
            let (old, new) = (pair[0], pair[1]);
            report.notes.push(note(
                &items[old].file,
                Some(items[old].r.status_line),
                format!(
                    "is accepted, but {} is a later accepted record of the same decision; imported as superseded by it",
                    items[new].file
                ),
            ));
            items[old].status = AdrStatus::Superseded;
            items[old].superseded_by = Some(new);
            items[new].supersedes.get_or_insert(old);
        }
        if let Target::New { title, purpose, .. } = &target {
            if s.section(IMPORTED_SECTION).is_none() {
                s.sections
                    .push(Section::new(IMPORTED_SECTION, IMPORTED_TITLE));
            }
            s.components.push(ComponentDesign::in_section(
                &id,
                IMPORTED_SECTION,
                title,
                purpose,
            ));
            made.push(id.clone());
        }
        for &k in &chain {
            let item = &items[k];
            let c = s.component(&id).expect("made or found above");
            let mut cards: Vec<OptionCard> = Vec::new();
            let mut ids_by_name: HashMap<String, String> = HashMap::new();
            for o in &item.r.options {
                let mut card = card_for(o, Some(c), &id, catalog, &targets);
                let base = card.id.clone();
                let mut n = 1;
                while cards.iter().any(|x| x.id == card.id) {
                    n += 1;
                    card.id = format!("{base}-{n}");
                }
                ids_by_name.insert(o.name.clone(), card.id.clone());
                cards.push(card);
            }
            let considered: Vec<String> = item
                .r
                .considered
                .iter()
                .filter_map(|n| ids_by_name.get(n).cloned())
                .collect();
            let Some(option) = item
                .r
                .chosen
                .as_ref()
                .and_then(|n| ids_by_name.get(n).cloned())
                .or_else(|| considered.first().cloned())
            else {
                report.skipped.push(note(
                    &item.file,
                    Some(item.r.status_line),
                    "names no option; skipped".into(),
                ));
                continue;
            };
            let date = item.r.first_decided.or(item.r.date).or_else(|| {
                if item.number > 0 {
                    name_date(&item.file)
                } else {
                    None
                }
            });
            if date.is_none() {
                report.notes.push(note(
                    &item.file,
                    None,
                    "has no date; today's is used".into(),
                ));
            }
            let decided_at = date.map_or(now, at);
            let justification = if item.r.justification.trim().is_empty() {
                format!("Recorded in the imported decision record {}.", item.file)
            } else {
                item.r.justification.trim().to_string()
            };
            let mut people: People = item.r.people.cleaned();
            if people.decision_makers == s.meta.authors {
                people.decision_makers.clear();
            }
            let status_at = item.r.status_at.map(at).or_else(|| {
                (item.status == AdrStatus::Superseded)
                    .then(|| item.superseded_by.and_then(|n| items[n].r.date).map(at))
                    .flatten()
            });
            let status = item.status;
            let decision = Decision {
                option: option.clone(),
                justification: justification.clone(),
                decided_at,
                considered: considered.clone(),
                acknowledged_conflicts: item
                    .r
                    .accepted_conflicts
                    .iter()
                    .map(|(finding, reason)| ConflictAck {
                        finding: finding.clone(),
                        reason: reason.clone(),
                    })
                    .collect(),
                adr: Some(AdrId(item.number)),
                status,
                amended_at: item.r.amended_at.map(at),
                status_at: if status == AdrStatus::Accepted {
                    None
                } else {
                    status_at
                },
                status_reason: item.r.status_reason.clone(),
                supersedes: item.supersedes.map(|j| AdrId(items[j].number)),
                superseded_by: item.superseded_by.map(|j| AdrId(items[j].number)),
                people,
                options_then: Vec::new(),
            };
            let c = s.component_mut(&id).expect("made or found above");
            let merge = |c: &mut ComponentDesign, cards: &[OptionCard]| {
                for card in cards {
                    if !c.options.iter().any(|o| o.id == card.id) {
                        c.options.push(card.clone());
                    }
                }
            };
            match status {
                AdrStatus::Proposed => {
                    merge(c, &cards);
                    c.recommendation = Some(Recommendation {
                        option,
                        rationale: justification,
                        at: decided_at,
                    });
                    if c.decision.is_none() {
                        c.step = DesignStep::Recommendation;
                    }
                }
                AdrStatus::Accepted => {
                    merge(c, &cards);
                    c.decision = Some(decision);
                    c.step = DesignStep::Decision;
                }
                AdrStatus::Superseded | AdrStatus::Deprecated | AdrStatus::Rejected => {
                    let mut d = decision;
                    d.options_then = cards
                        .into_iter()
                        .filter(|o| d.considered.contains(&o.id))
                        .collect();
                    c.earlier.push(d);
                    if c.decision.is_none() && c.step < DesignStep::Options {
                        c.step = DesignStep::Options;
                    }
                }
            }
            report.imported.push(Imported {
                file: item.file.clone(),
                adr: (status != AdrStatus::Proposed).then_some(AdrId(item.number)),
                status,
                component: id.clone(),
            });
        }
    }
    let high = items
        .iter()
        .map(|i| i.number)
        .chain(unread_numbers.iter().copied())
        .fold(0, u32::max);
    if !report.imported.is_empty() || high > s.last_adr {
        s.last_adr = s.last_adr.max(high);
    }
    report.new_components = made;
    if !report.imported.is_empty() {
        let list: Vec<String> = report
            .imported
            .iter()
            .map(|i| match i.adr {
                Some(a) => format!("{a} {}", i.component),
                None => format!("proposal {}", i.component),
            })
            .collect();
        s.record(
            now,
            "imported-adrs",
            format!(
                "{} decision record(s) from {} ({}): {}",
                report.imported.len(),
                dir.display(),
                report.layout,
                list.join(", ")
            ),
        );
    }
    Ok(())
}

/// The component that already holds every record of `chain` (same numbers, same choices):
/// the chain was imported before.
fn held_already(s: &Session, items: &[Item], chain: &[usize]) -> Option<String> {
    let mut holder: Option<&str> = None;
    for &k in chain {
        let item = &items[k];
        if item.status == AdrStatus::Proposed {
            continue;
        }
        let (c, d) = s.adr(AdrId(item.number))?;
        let name = d
            .card(c, &d.option)
            .map_or(d.option.as_str(), |o| o.name.as_str());
        let same = item
            .r
            .chosen
            .as_deref()
            .is_some_and(|chosen| chosen.trim().eq_ignore_ascii_case(name.trim()));
        if !same || holder.is_some_and(|h| h != c.id) {
            return None;
        }
        holder = Some(&c.id);
    }
    holder.map(str::to_string)
}

fn new_target(s: &Session, taken: &mut Vec<String>, id: &str, latest: &Record) -> Target {
    let base = if is_slug(id) {
        id.to_string()
    } else {
        slug(id)
    };
    let mut id = base.clone();
    let mut n = 1;
    while s.component(&id).is_some() || s.section(&id).is_some() || taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.push(id.clone());
    Target::New {
        id,
        title: latest.title.clone(),
        purpose: latest.context.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number("0007-compute.md"), Some(7));
        assert_eq!(leading_number("12_x.md"), Some(12));
        assert_eq!(leading_number("0000-template.md"), None);
        assert_eq!(leading_number("x-1.md"), None);
        assert_eq!(leading_number("2024.md"), Some(2024));
    }
}
