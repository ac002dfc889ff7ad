//! What a document infradraft exported holds beyond its sections' text, read back when it is
//! imported: its technical stories (from the stories part), and the decisions and recommendations
//! in its sections' text: `**Decision:** Warm standby.` with the justification after it and the table of
//! the options considered, or `**Recommended:** … (draft, not yet decided)` with the list of the
//! options under consideration. A decision's text is the section's lead, or the part under the
//! `### ` heading with the decision's title. Option names the catalog knows become its cards as
//! built on the project's platform; others become cards with the name and the ratings the table
//! gives. The text itself stays as it was imported: the person's own.

use jiff::Timestamp;

use crate::knowledge::Catalog;
use crate::model::{
    ComponentDesign, Decision, DesignStep, OptionCard, Ratings, Recommendation, Session, StorySize,
    TechnicalStory,
};

/// What was read back.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Restored {
    pub decisions: usize,
    pub recommendations: usize,
}

/// One decision's text in a section: the choice line and what follows it up to the next one.
struct Stretch<'a> {
    decided: bool,
    name: String,
    lines: Vec<&'a str>,
}

/// The choice lines of a section body, each with the decision it belongs to (the title of the
/// `### ` heading above it, `None` for the lead) and the lines after it.
fn stretches(body: &str) -> Vec<(Option<String>, Stretch<'_>)> {
    let mut out: Vec<(Option<String>, Stretch)> = Vec::new();
    let mut heading: Option<String> = None;
    for line in body.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("### ") {
            heading = Some(h.trim().to_string());
        }
        let choice = t
            .strip_prefix("**Decision:** ")
            .map(|rest| (true, rest))
            .or_else(|| {
                t.strip_prefix("**Recommended:** ")
                    .map(|rest| (false, rest))
            });
        if let Some((decided, rest)) = choice {
            let name = if decided {
                // `Name. Summary…`: the name ends at the first ". " (names hold no full stop
                // followed by a space; a trailing one is dropped on writing).
                rest.split(". ")
                    .next()
                    .unwrap_or(rest)
                    .trim_end_matches('.')
            } else {
                rest.split(" (draft, not yet decided)")
                    .next()
                    .unwrap_or(rest)
            };
            out.push((
                heading.clone(),
                Stretch {
                    decided,
                    name: name.trim().to_string(),
                    lines: Vec::new(),
                },
            ));
        } else if let Some((_, s)) = out.last_mut() {
            s.lines.push(line);
        }
    }
    out
}

/// The ratings a table row gives: cost, complexity, operational burden, lock-in, fit.
type RowRatings = [Option<u8>; 5];

/// The options a stretch lists: `(name, ratings, chosen)` from the table of options considered,
/// else the names of the list of options under consideration.
fn options_of(lines: &[&str]) -> Vec<(String, Option<RowRatings>, bool)> {
    let mut out = Vec::new();
    let mut in_table = false;
    for line in lines {
        let t = line.trim();
        if t.starts_with("| Option |") {
            in_table = true;
            continue;
        }
        if in_table {
            if !t.starts_with('|') {
                in_table = false;
                if !out.is_empty() {
                    break;
                }
                continue;
            }
            if t.starts_with("|---") {
                continue;
            }
            let cells: Vec<String> = t
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace("\\|", "|"))
                .collect();
            if cells.len() != 6 {
                continue;
            }
            let rating = |c: &str| c.strip_suffix("/5").and_then(|n| n.parse::<u8>().ok());
            let (name, chosen) = match cells[0].strip_suffix(" (chosen)") {
                Some(n) => (n.to_string(), true),
                None => (cells[0].clone(), false),
            };
            out.push((
                name,
                Some([
                    rating(&cells[1]),
                    rating(&cells[2]),
                    rating(&cells[3]),
                    rating(&cells[4]),
                    rating(&cells[5]),
                ]),
                chosen,
            ));
        } else if let Some(rest) = t.strip_prefix("- **")
            && let Some((name, _)) = rest.split_once("**:")
        {
            out.push((name.to_string(), None, false));
        }
    }
    out
}

/// The justification: the first paragraph after the choice's own, before any heading.
fn justification(lines: &[&str]) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        let t = line.trim();
        if t.starts_with('#') {
            break;
        }
        if t.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(t);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.into_iter().next().unwrap_or_default()
}

fn card(
    catalog: &Catalog,
    decision: &str,
    targets: &[&str],
    name: &str,
    ratings: Option<RowRatings>,
) -> OptionCard {
    if let Some(o) = catalog.for_component(decision).find(|o| o.name == name) {
        let mut card = o.to_card_for(None, targets);
        if let Some([.., fit]) = ratings {
            card.ratings.fit = fit;
        }
        return card;
    }
    let [cost, complexity, operational_burden, lock_in, fit] = ratings.unwrap_or([None; 5]);
    let mut card = OptionCard::named(&crate::workflow::slug(name), name);
    card.ratings = Ratings {
        cost,
        complexity,
        operational_burden,
        lock_in,
        fit,
    };
    card
}

/// Reads the decisions and recommendations back into the session's components that have none.
pub fn restore_choices(s: &mut Session, catalog: &Catalog, now: Timestamp) -> Restored {
    let mut restored = Restored::default();
    let targets = crate::analysis::ranking::hosting_target(&s.assumptions);
    let ids: Vec<(String, String, bool, String)> = s
        .components
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.section_id().to_string(),
                c.is_primary(),
                s.decision_title(c).to_string(),
            )
        })
        .collect();
    for (id, section, primary, title) in ids {
        let Some(body) = s.section(&section).map(|x| x.body.clone()) else {
            continue;
        };
        let found = stretches(&body).into_iter().find(|(heading, _)| {
            if primary {
                heading.is_none() || heading.as_deref() == Some(title.as_str())
            } else {
                heading.as_deref() == Some(title.as_str())
            }
        });
        let Some((_, stretch)) = found else {
            continue;
        };
        let listed = options_of(&stretch.lines);
        let mut options: Vec<OptionCard> = Vec::new();
        let mut chosen_id = None;
        for (name, ratings, chosen) in &listed {
            let card = card(catalog, &id, &targets, name, *ratings);
            if *chosen || *name == stretch.name {
                chosen_id.get_or_insert(card.id.clone());
            }
            if !options.iter().any(|o| o.id == card.id) {
                options.push(card);
            }
        }
        if chosen_id.is_none() {
            let card = card(catalog, &id, &targets, &stretch.name, None);
            chosen_id = Some(card.id.clone());
            options.insert(0, card);
        }
        let chosen = chosen_id.expect("set above");
        if s.component(&id)
            .is_none_or(|c| !c.options.is_empty() || c.decision.is_some())
        {
            continue;
        }
        // Numbered as they are read, in document order.
        let adr = stretch.decided.then(|| s.allocate_adr());
        let Some(c) = s.component_mut(&id) else {
            continue;
        };
        let reason = justification(&stretch.lines);
        c.options = options;
        if let Some(adr) = adr {
            set_decided(c, adr, &chosen, reason, now);
            restored.decisions += 1;
        } else {
            c.recommendation = Some(Recommendation {
                option: chosen,
                rationale: reason,
                at: now,
            });
            c.step = DesignStep::Recommendation;
            restored.recommendations += 1;
        }
    }
    if restored.decisions + restored.recommendations > 0 {
        s.record(
            now,
            "imported-decisions",
            format!(
                "{} decisions and {} recommendations read back from the document",
                restored.decisions, restored.recommendations
            ),
        );
    }
    restored
}

/// Reads the technical stories of the document's stories part (`##### INFRA-3: Title`, the size
/// and component line, what it is built with, the requirements it meets and the stories it serves,
/// the user story sentence and the acceptance criteria) into a session that has none. They count
/// as the person's (a later draft keeps them). Returns how many.
pub fn restore_stories(s: &mut Session, document: &str) -> usize {
    if !s.stories.is_empty() {
        return 0;
    }
    let Some(start) = document.find(&format!(
        "\n## {}",
        crate::workflow::document_shape::STORIES_TITLE
    )) else {
        return 0;
    };
    let part = &document[start + 1..];
    let part = &part[..part[3..].find("\n## ").map_or(part.len(), |i| i + 3)];
    let mut stories = parse_stories(s, part);
    for story in &mut stories {
        story.edited = Some(story.title.clone());
    }
    let n = stories.len();
    s.stories = stories;
    n
}

/// The technical stories written in `text` as the document writes them (see
/// [`crate::analysis::stories::story_markdown`]): each starts at a heading `INFRA-<n>: Title`;
/// reading stops at the changes to existing stories. A component the session has sets the story's
/// decision and section; another id is taken as a section.
pub fn parse_stories(s: &Session, text: &str) -> Vec<TechnicalStory> {
    let mut stories: Vec<TechnicalStory> = Vec::new();
    let mut criteria = false;
    for line in text.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix('#') {
            criteria = false;
            let rest = rest.trim_start_matches('#').trim();
            let story = rest.split_once(": ").filter(|(id, _)| {
                id.strip_prefix("INFRA-")
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            });
            if let Some((id, title)) = story {
                stories.push(TechnicalStory {
                    id: id.to_string(),
                    title: title.trim().to_string(),
                    as_a: String::new(),
                    i_want: String::new(),
                    so_that: String::new(),
                    acceptance_criteria: Vec::new(),
                    section: None,
                    decision: None,
                    size: StorySize::Unsized,
                    built_with: String::new(),
                    requirements: Vec::new(),
                    serves: Vec::new(),
                    edited: None,
                });
            } else if !stories.is_empty() && rest.starts_with("Changes to existing stories") {
                break;
            }
            continue;
        }
        let Some(story) = stories.last_mut() else {
            continue;
        };
        if let Some(rest) = t.strip_prefix("**Size:** ") {
            let (size, component) = match rest.split_once(" \u{b7} ") {
                Some((size, c)) => (size, Some(c)),
                None => (rest, None),
            };
            story.size = match size.trim() {
                "Small" => StorySize::Small,
                "Medium" => StorySize::Medium,
                "Large" => StorySize::Large,
                "Extra large" => StorySize::ExtraLarge,
                _ => StorySize::Unsized,
            };
            if let Some(id) = component
                .and_then(|c| c.strip_prefix("**Component:** `"))
                .and_then(|c| c.strip_suffix('`'))
            {
                match s.component(id) {
                    Some(c) => {
                        story.decision = Some(id.to_string());
                        story.section = Some(c.section_id().to_string());
                    }
                    None => story.section = Some(id.to_string()),
                }
            }
        } else if let Some(rest) = t.strip_prefix("**Built with:** ") {
            story.built_with = rest.trim().to_string();
        } else if t.starts_with("**Meets:** ") || t.starts_with("**Serves:** ") {
            for part in t.split(" \u{b7} ") {
                let list = |p: &str| -> Vec<String> {
                    p.split(", ")
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty())
                        .collect()
                };
                if let Some(ids) = part.strip_prefix("**Meets:** ") {
                    story.requirements = list(ids);
                } else if let Some(labels) = part.strip_prefix("**Serves:** ") {
                    story.serves = list(labels);
                }
            }
        } else if let Some(rest) = t.strip_prefix("As ")
            && story.i_want.is_empty()
            && let Some((role, rest)) = rest.split_once(", I want ")
            && let Some((want, so_that)) = rest.rsplit_once(", so that ")
        {
            let role = role
                .strip_prefix("a ")
                .or_else(|| role.strip_prefix("an "))
                .unwrap_or(role);
            story.as_a = role.to_string();
            story.i_want = want.to_string();
            story.so_that = so_that.trim_end_matches('.').to_string();
        } else if t == "**Acceptance criteria**" {
            criteria = true;
        } else if criteria
            && let Some(k) = t
                .strip_prefix("- [ ] ")
                .or_else(|| t.strip_prefix("- [x] "))
                .or_else(|| t.strip_prefix("- "))
        {
            story.acceptance_criteria.push(k.trim().to_string());
        }
    }
    stories
}

fn set_decided(
    c: &mut ComponentDesign,
    adr: crate::model::AdrId,
    chosen: &str,
    justification: String,
    now: Timestamp,
) {
    c.decision = Some(Decision {
        adr: Some(adr),
        option: chosen.to_string(),
        justification: if justification.is_empty() {
            "recorded in the imported document".to_string()
        } else {
            justification
        },
        decided_at: now,
        considered: c.options.iter().map(|o| o.id.clone()).collect(),
        acknowledged_conflicts: Vec::new(),
        ..Default::default()
    });
    c.step = DesignStep::Decision;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_and_its_options_are_read_from_its_text() {
        let body = "**Decision:** Warm standby. A scaled-down copy runs in a second region.\n\nNFR4 asks to survive a region loss.\n\n### Options considered\n\n| Option | Cost | Complexity | Operational burden | Lock-in | Fit |\n|---|---|---|---|---|---|\n| Warm standby (chosen) | 3/5 | 3/5 | 3/5 | 2/5 | 5/5 |\n| Pilot light | 2/5 | 3/5 | 2/5 | 2/5 | 3/5 |\n\n### Cache\n\n**Recommended:** Managed cache (draft, not yet decided). Text.\n\n#### Options under consideration\n\n- **Managed cache**: x\n- **No cache**: y\n";
        let found = stretches(body);
        assert_eq!(found.len(), 2);
        let (heading, lead) = &found[0];
        assert_eq!((heading.as_deref(), lead.decided), (None, true));
        assert_eq!(lead.name, "Warm standby");
        assert_eq!(
            justification(&lead.lines),
            "NFR4 asks to survive a region loss."
        );
        let options = options_of(&lead.lines);
        assert_eq!(options.len(), 2);
        assert_eq!(options[0].0, "Warm standby");
        assert!(options[0].2);
        assert_eq!(options[1].1.unwrap()[0], Some(2));
        let (heading, cache) = &found[1];
        assert_eq!(heading.as_deref(), Some("Cache"));
        assert!(!cache.decided);
        assert_eq!(cache.name, "Managed cache");
        let names: Vec<String> = options_of(&cache.lines).into_iter().map(|o| o.0).collect();
        assert_eq!(names, ["Managed cache", "No cache"]);
    }
}
