//! What a draft writes under each sub-section of a section, about this project: the choices of the
//! decisions the sub-section states (in the project's provider terms), the facts of the inputs
//! and the requirements that feed it (each with its source), or, where the inputs say nothing, its
//! question as an explicit **open question**. A template prompt is never written.
//!
//! A sub-section declares what feeds it (`TemplateSubsection`): cue patterns matched against the
//! text of facts and requirements, fact topics, requirement categories and decisions. Within one
//! section each fact or requirement goes to the sub-section it fits best, so a statement is
//! written once per section. Content the session makes as a whole (the summary of decisions, the
//! open questions, the traceability of requirements) is written as a marker line that the
//! document expands when it is shown or exported, so it is never stale.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::knowledge::{Derived, FigureKind, TemplateSection, TemplateSubsection};
use crate::model::{Assumption, ComponentDesign, Modality, OptionCard, Requirement, Session};

/// What opens an open question in a section body (and what the document's list collects).
pub const OPEN_QUESTION: &str = "**Open question:**";

/// The most facts of the inputs written under one sub-section.
const MOST_FACTS: usize = 6;
/// The most requirements written under one sub-section.
const MOST_REQUIREMENTS: usize = 12;

/// The marker line of derived content `d`, expanded by the document.
pub fn derived_marker(d: Derived) -> String {
    format!("<!-- infradraft: derived {} -->", derived_name(d))
}

/// The kebab-case name of derived content in its marker.
pub fn derived_name(d: Derived) -> &'static str {
    match d {
        Derived::DecisionSummary => "decision-summary",
        Derived::OpenQuestions => "open-questions",
        Derived::Traceability => "traceability",
        Derived::DecisionLog => "decision-log",
        Derived::References => "references",
        Derived::Regimes => "regimes",
        Derived::Runbooks => "runbooks",
        Derived::Environments => "environments",
        Derived::Feasibility => "feasibility",
    }
}

/// The derived content a marker line names.
pub fn derived_of(line: &str) -> Option<Derived> {
    let name = line
        .trim()
        .strip_prefix("<!-- infradraft: derived ")?
        .strip_suffix(" -->")?;
    [
        Derived::DecisionSummary,
        Derived::OpenQuestions,
        Derived::Traceability,
        Derived::DecisionLog,
        Derived::References,
        Derived::Regimes,
        Derived::Runbooks,
        Derived::Environments,
        Derived::Feasibility,
    ]
    .into_iter()
    .find(|d| derived_name(*d) == name)
}

/// The marker line that stands for decision `id`'s current choice in a sub-section, expanded by
/// the document (so a later decision never leaves a stale line behind).
pub fn choice_marker(id: &str) -> String {
    format!("<!-- infradraft: choice {id} -->")
}

/// The decision a choice marker line names.
pub fn choice_of(line: &str) -> Option<&str> {
    let id = line
        .trim()
        .strip_prefix("<!-- infradraft: choice ")?
        .strip_suffix(" -->")?;
    crate::model::is_slug(id).then_some(id)
}

/// Whether a line is a marker the document writes out when shown (derived content or a choice).
pub fn is_live_marker(line: &str) -> bool {
    derived_of(line).is_some() || choice_of(line).is_some()
}

/// The tags of decision `id`'s chosen (else recommended) option; `None` while it has neither.
pub fn chosen_tags(s: &Session, id: &str) -> Option<Vec<String>> {
    s.component(id)?.chosen().map(|(o, _)| o.tags.clone())
}

/// The line a choice marker shows: the decision's title and its choice with the services it is
/// built with, decided or recommended; `None` while the decision has neither.
pub fn choice_line(s: &Session, id: &str) -> Option<String> {
    pick_line(s, s.component(id)?)
}

/// A sub-section's cue patterns as one set, compiled once per process and kept for it (templates
/// are validated at load, so patterns that do not compile here match nothing). A kept set keeps
/// its warm matching cache, and one pass over a statement tells every cue it matches. Word
/// boundaries are ASCII ones, which keeps the automaton small and fast on any text; cues are
/// words of English.
fn cue_set(cues: &[String]) -> Option<&'static regex::RegexSet> {
    static CACHE: OnceLock<Mutex<HashMap<Vec<String>, Option<&'static regex::RegexSet>>>> =
        OnceLock::new();
    if cues.is_empty() {
        return None;
    }
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = cache.get(cues) {
        return *found;
    }
    let patterns = cues.iter().map(|c| c.replace("\\b", "(?-u:\\b)"));
    let compiled = regex::RegexSetBuilder::new(patterns)
        .case_insensitive(true)
        .size_limit(1 << 22)
        .build()
        .ok()
        .map(|r| &*Box::leak(Box::new(r)));
    cache.insert(cues.to_vec(), compiled);
    compiled
}

/// The cues of all of a section's sub-sections as one set, and where each sub-section's cues are
/// in it: one pass over a statement tells the cues it matches in every sub-section.
struct SectionCues {
    set: Option<&'static regex::RegexSet>,
    ranges: Vec<std::ops::Range<usize>>,
}

impl SectionCues {
    fn of(subs: &[TemplateSubsection]) -> SectionCues {
        let mut all: Vec<String> = Vec::new();
        let mut ranges = Vec::with_capacity(subs.len());
        for sub in subs {
            let start = all.len();
            all.extend(sub.cues.iter().cloned());
            ranges.push(start..all.len());
        }
        SectionCues {
            set: cue_set(&all),
            ranges,
        }
    }

    /// How many cues of each sub-section `text` matches.
    fn hits(&self, text: &str) -> Vec<usize> {
        let mut out = vec![0; self.ranges.len()];
        if let Some(set) = self.set {
            for m in set.matches(text).iter() {
                if let Some(i) = self.ranges.iter().position(|r| r.contains(&m)) {
                    out[i] += 1;
                }
            }
        }
        out
    }
}

/// One statement of the inputs as a sub-section cites it.
#[derive(Debug, Clone, PartialEq)]
enum Item<'a> {
    Fact(&'a Assumption),
    Requirement(&'a Requirement),
    /// A line under an input heading the sub-section takes ("Out of Scope"), with its place.
    Passage(String, crate::model::SourceRef),
}

impl Item<'_> {
    fn text(&self) -> &str {
        match self {
            Item::Fact(a) => &a.text,
            Item::Requirement(r) => &r.text,
            Item::Passage(t, _) => t,
        }
    }

    /// Firm statements first: mandates and prohibitions, then requirements, then the rest.
    fn rank(&self) -> u8 {
        match self {
            Item::Fact(a) if matches!(a.modality, Modality::Mandate | Modality::Prohibition) => 0,
            Item::Requirement(_) => 1,
            Item::Fact(_) | Item::Passage(..) => 2,
        }
    }

    /// The item as a line of the document. A statement read from a table row names what each
    /// cell is, from the table's header.
    fn line(&self, inputs: &[crate::model::InputDocument]) -> String {
        let one = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let src = |s: Option<&crate::model::SourceRef>| {
            s.map(|s| format!(" ({})", s.short())).unwrap_or_default()
        };
        let row = |text: &str, at: Option<&crate::model::SourceRef>| -> Option<String> {
            let at = at?;
            if !text.contains(" | ") {
                return None;
            }
            let input = inputs.iter().find(|i| i.path == at.input)?;
            crate::inputs::extract::labelled_row(input, at.line)
        };
        match self {
            Item::Fact(a) => format!(
                "- {}{}",
                crate::text::sanitize_line(
                    &row(&a.text, a.source.as_ref()).unwrap_or_else(|| one(&a.text))
                ),
                src(a.source.as_ref())
            ),
            Item::Requirement(r) => format!(
                "- **{}:** {}{}",
                crate::text::sanitize_line(&r.id),
                crate::text::sanitize_line(&one(&r.text)),
                src(r.source.as_ref())
            ),
            Item::Passage(t, at) => format!(
                "- {}{}",
                crate::text::sanitize_line(&row(t, Some(at)).unwrap_or_else(|| one(t))),
                src(Some(at))
            ),
        }
    }
}

/// How well an item fits a sub-section: two points per cue it matches and for a figure of a kind
/// it takes, one for its topic or category; zero when it does not feed it.
fn fit(sub: &TemplateSubsection, item: &Item, kinds: &[FigureKind], hits: usize) -> usize {
    let (by_kind, by_figure) = match item {
        Item::Passage(..) => (false, false),
        // A fact's topic is broad (every sentence naming a function is about the service
        // architecture): it counts only beside a cue, or where the sub-section has none.
        Item::Fact(a) => (
            sub.topics.contains(&a.topic) && (hits > 0 || sub.cues.is_empty()),
            false,
        ),
        Item::Requirement(r) => (
            sub.categories.contains(&r.category),
            kinds.iter().any(|k| sub.figures.contains(k)),
        ),
    };
    2 * hits + 2 * usize::from(by_figure) + usize::from(by_kind)
}

/// The statements of the inputs each sub-section of `section` cites, in the sub-sections' order:
/// each statement goes to the sub-section it fits best (the first of equals); each keeps its
/// closest fits, at most [`MOST_FACTS`] facts and [`MOST_REQUIREMENTS`] requirements, written
/// firm ones first.
fn routed<'a>(s: &'a Session, subs: &[TemplateSubsection]) -> Vec<Vec<Item<'a>>> {
    let mut out: Vec<Vec<(usize, Item)>> = vec![Vec::new(); subs.len()];
    let mut seen: Vec<(String, String)> = Vec::new();
    let cues = SectionCues::of(subs);
    // A fact that is also a requirement (a guideline's rule) is cited once, by its id.
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let required: std::collections::HashSet<String> =
        s.requirements.iter().map(|r| norm(&r.text)).collect();
    let items = s
        .assumptions
        .iter()
        .map(Item::Fact)
        .chain(s.requirements.iter().map(Item::Requirement));
    for item in items {
        if matches!(item, Item::Fact(a) if required.contains(&norm(&a.text))) {
            continue;
        }
        let key = (
            item.text().trim().to_lowercase(),
            match &item {
                Item::Fact(a) => a.source.as_ref().map(|s| s.short()).unwrap_or_default(),
                Item::Requirement(r) => r.id.clone(),
                Item::Passage(_, at) => at.short(),
            },
        );
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let kinds: Vec<FigureKind> = match &item {
            Item::Requirement(r) if subs.iter().any(|sub| !sub.figures.is_empty()) => {
                crate::inputs::extract::figures(&r.text)
                    .iter()
                    .map(FigureKind::of)
                    .collect()
            }
            _ => Vec::new(),
        };
        let hits = cues.hits(item.text());
        let fits: Vec<usize> = subs
            .iter()
            .zip(&hits)
            .map(|(sub, &hits)| {
                // Derived content takes the inputs' statements only where it has cues of its own
                // (the runbooks take "every alert links to a runbook").
                if sub.derived.is_some() && sub.cues.is_empty() {
                    0
                } else {
                    fit(sub, &item, &kinds, hits)
                }
            })
            .collect();
        // The best fit, the first of equals.
        let best = fits
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|(_, f)| **f)
            .filter(|(_, f)| **f > 0);
        if let Some((i, f)) = best {
            out[i].push((*f, item));
        }
    }
    // Lines under the inputs' headings a sub-section takes, ahead of what its words fit.
    for (i, sub) in subs.iter().enumerate() {
        for (text, at) in passages(s, &sub.headings) {
            let norm_text = norm(&text);
            if out[i].iter().any(|(_, x)| norm(x.text()) == norm_text) {
                continue;
            }
            // A line that is also a requirement is cited as the requirement, by its id.
            let item = match s.requirements.iter().find(|r| norm(&r.text) == norm_text) {
                Some(r) => Item::Requirement(r),
                None => Item::Passage(text, at),
            };
            out[i].push((usize::MAX, item));
        }
    }
    let mut out: Vec<Vec<Item>> = out
        .into_iter()
        .map(|mut items| {
            // The closest fits first, firm ones first among equals; then back in input order
            // within the kept ones' firmness.
            items.sort_by_key(|(f, i)| (std::cmp::Reverse(*f), i.rank()));
            items.into_iter().map(|(_, i)| i).collect()
        })
        .collect();
    for items in &mut out {
        let (mut facts, mut requirements) = (0, 0);
        items.retain(|i| match i {
            Item::Fact(_) | Item::Passage(..) => {
                facts += 1;
                facts <= MOST_FACTS
            }
            Item::Requirement(_) => {
                requirements += 1;
                requirements <= MOST_REQUIREMENTS
            }
        });
        items.sort_by_key(Item::rank);
    }
    out
}

/// The most lines taken from under one input heading.
const MOST_PASSAGE_LINES: usize = 8;

/// The lines under the inputs' headings that `wanted` names (list items, else paragraph lines),
/// each with its place, in input order.
fn passages(s: &Session, wanted: &[String]) -> Vec<(String, crate::model::SourceRef)> {
    use crate::inputs::extract::{normalize_heading, outline};
    if wanted.is_empty() {
        return Vec::new();
    }
    let wanted: Vec<String> = wanted
        .iter()
        .map(|w| format!(" {} ", normalize_heading(w)))
        .collect();
    let mut out = Vec::new();
    for input in &s.inputs {
        let headings = outline(&input.text);
        let lines: Vec<&str> = input.text.lines().collect();
        for (k, h) in headings.iter().enumerate() {
            let name = format!(" {} ", normalize_heading(&h.text));
            if !wanted.iter().any(|w| name.contains(w.as_str())) {
                continue;
            }
            let end = headings[k + 1..]
                .iter()
                .find(|n| n.level <= h.level)
                .map_or(lines.len(), |n| n.line as usize - 1);
            let start = h.line as usize;
            let body: Vec<(usize, &str)> = (start..end.min(lines.len()))
                .map(|i| (i, lines[i].trim()))
                .filter(|(_, l)| !l.is_empty() && !l.starts_with('#') && !l.starts_with('|'))
                .collect();
            let item = |l: &str| -> Option<String> {
                let l = l.trim_start_matches(['-', '*', '+']).trim_start();
                let digits = l.chars().take_while(char::is_ascii_digit).count();
                let rest = if digits > 0 {
                    l[digits..].strip_prefix(['.', ')']).map(str::trim_start)
                } else {
                    Some(l)
                };
                rest.map(str::to_string)
            };
            let listed: Vec<(usize, String)> = body
                .iter()
                .filter(|(_, l)| {
                    l.starts_with(['-', '*', '+'])
                        || l.split_once(['.', ')']).is_some_and(|(n, _)| {
                            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                        })
                })
                .filter_map(|(i, l)| item(l).map(|t| (*i, t)))
                .collect();
            let chosen: Vec<(usize, String)> = if listed.is_empty() {
                body.iter().map(|(i, l)| (*i, l.to_string())).collect()
            } else {
                listed
            };
            for (i, text) in chosen.into_iter().take(MOST_PASSAGE_LINES) {
                let text = text.trim_start_matches("Open question:").trim().to_string();
                if text.chars().count() < 3 {
                    continue;
                }
                out.push((
                    text,
                    crate::model::SourceRef {
                        input: input.path.clone(),
                        line: i as u32 + 1,
                    },
                ));
            }
        }
    }
    out
}

/// The option a decision stands at: decided, else recommended; with whether it is decided.
fn pick_line(s: &Session, c: &ComponentDesign) -> Option<String> {
    let (o, decided) = c.chosen()?;
    let built = if o.realised_on.trim().is_empty() {
        String::new()
    } else {
        format!(
            ", built with {}",
            o.realised_on.trim().trim_end_matches('.')
        )
    };
    let state = if decided {
        "decided"
    } else {
        "recommended, not yet decided"
    };
    Some(format!(
        "**{}:** {}{built} ({state}).",
        crate::text::sanitize_line(s.decision_title(c)),
        crate::text::sanitize_line(o.name.trim_end_matches('.'))
    ))
}

/// Whether a sub-section that applies only to some choices applies to what was picked: `None`
/// while none of its decisions has a pick.
fn applies(s: &Session, sub: &TemplateSubsection) -> Option<bool> {
    if sub.applies_to.is_empty() {
        return Some(true);
    }
    let picks: Vec<&OptionCard> = sub
        .decisions
        .iter()
        .filter_map(|d| s.component(d))
        .filter_map(|c| c.chosen().map(|(o, _)| o))
        .collect();
    if picks.is_empty() {
        return None;
    }
    Some(
        picks
            .iter()
            .any(|o| o.tags.iter().any(|t| sub.applies_to.contains(t))),
    )
}

/// The text under one sub-section (without its heading), ending in a newline.
fn body(s: &Session, sub: &TemplateSubsection, items: &[Item]) -> String {
    if let Some(d) = sub.derived {
        let mut out = format!("{}\n", derived_marker(d));
        if !items.is_empty() {
            out.push_str("\nFrom the inputs:\n\n");
            for item in items {
                out.push_str(&item.line(&s.inputs));
                out.push('\n');
            }
        }
        return out;
    }
    let mut out = String::new();
    let applies = applies(s, sub);
    let picked: Vec<&str> = sub
        .decisions
        .iter()
        .filter(|d| s.component(d).and_then(ComponentDesign::chosen).is_some())
        .map(String::as_str)
        .collect();
    if applies != Some(false) {
        for d in &picked {
            out.push_str(&choice_marker(d));
            out.push_str("\n\n");
        }
    } else if items.is_empty() {
        let mut out = String::from("Not used in this design:\n\n");
        for d in &picked {
            out.push_str(&choice_marker(d));
            out.push_str("\n\n");
        }
        return format!("{}\n", out.trim_end());
    }
    if !items.is_empty() {
        out.push_str("From the inputs:\n\n");
        for item in items {
            out.push_str(&item.line(&s.inputs));
            out.push('\n');
        }
    }
    if out.is_empty() {
        out = format!(
            "{OPEN_QUESTION} {}\n",
            crate::text::sanitize_line(sub.question.trim())
        );
    }
    format!("{}\n", out.trim_end())
}

/// Which of `section`'s sub-sections are written inside the part of one of its further decisions
/// (the decision listed first, when it is one of the section's own and not its primary one).
fn owner<'a>(section: &TemplateSection, sub: &'a TemplateSubsection) -> Option<&'a str> {
    let first = sub.decisions.first()?;
    let ds = section.decisions();
    let primary = ds.first()?.id;
    (first != primary && ds.iter().any(|d| d.id == first)).then_some(first.as_str())
}

/// The sub-sections of `section` written about this project, each under its `### ` heading, for
/// the lead of the section's text (those of its further decisions are left to their parts).
pub fn outline(s: &Session, section: &TemplateSection) -> String {
    let subs = section.subsections();
    let routed = routed(s, &subs);
    let mut out = String::new();
    for (sub, items) in subs.iter().zip(&routed) {
        if owner(section, sub).is_some() {
            continue;
        }
        out.push_str(&format!(
            "\n### {}\n\n",
            crate::text::sanitize_line(&sub.title)
        ));
        out.push_str(&body(s, sub, items));
    }
    out
}

/// What the inputs say about further decision `decision` of `section`: the statements of its
/// sub-sections, under a `heading` line, or empty when they say nothing.
pub fn inside_part(
    s: &Session,
    section: &TemplateSection,
    decision: &str,
    heading: &str,
) -> String {
    let subs = section.subsections();
    let routed = routed(s, &subs);
    let mut lines: Vec<String> = Vec::new();
    for (sub, items) in subs.iter().zip(&routed) {
        if owner(section, sub) != Some(decision) {
            continue;
        }
        for item in items {
            let line = item.line(&s.inputs);
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
    }
    if lines.is_empty() {
        let open: Vec<&str> = subs
            .iter()
            .filter(|sub| owner(section, sub) == Some(decision))
            .map(|sub| sub.question.trim())
            .filter(|q| !q.is_empty())
            .collect();
        return open
            .iter()
            .map(|q| format!("\n{OPEN_QUESTION} {}\n", crate::text::sanitize_line(q)))
            .collect();
    }
    format!("\n{heading} From the inputs\n\n{}\n", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Template;
    use crate::model::{AssumptionTopic, RequirementCategory, RequirementOrigin, SourceRef};

    fn sub(title: &str, cues: &[&str]) -> TemplateSubsection {
        TemplateSubsection {
            title: title.into(),
            prompt: format!("What {title} covers."),
            question: format!("What about {title}? It matters."),
            cues: cues.iter().map(|c| c.to_string()).collect(),
            topics: vec![],
            categories: vec![],
            headings: vec![],
            figures: vec![],
            decisions: vec![],
            applies_to: vec![],
            derived: None,
        }
    }

    /// A section that holds no decision, with these sub-sections.
    fn section(id: &str, subsections: Vec<TemplateSubsection>) -> TemplateSection {
        TemplateSection {
            id: id.into(),
            title: id.into(),
            component: false,
            purpose: String::new(),
            outline: vec![],
            guidance: vec![],
            starter: String::new(),
            decisions: vec![],
            subsections,
        }
    }

    fn fact(text: &str, line: u32) -> Assumption {
        Assumption {
            topic: AssumptionTopic::Other,
            text: text.into(),
            tags: vec![],
            source: Some(SourceRef {
                input: "docs/guidelines.md".into(),
                line,
            }),
            modality: Modality::Statement,
            incidental: false,
        }
    }

    fn session() -> Session {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let template = Template::builtin().unwrap();
        crate::workflow::new_session(
            &template,
            crate::workflow::NewSession {
                title: None,
                project: None,
                authors: vec![],
                mode: None,
                inputs: vec![],
            },
            now,
        )
    }

    #[test]
    fn a_statement_goes_where_it_fits_best_and_silence_is_an_open_question() {
        let mut s = session();
        s.assumptions = vec![
            fact("A second region is kept warm for DR.", 4),
            fact("The primary region is eu-west-1.", 6),
            fact("Terraform state lives in one bucket per account.", 9),
        ];
        s.requirements = vec![Requirement {
            id: "NFR3".into(),
            category: RequirementCategory::Compliance,
            text: "Personal data stays in the EU.".into(),
            origin: RequirementOrigin::Extracted,
            source: Some(SourceRef {
                input: "docs/prd.md".into(),
                line: 28,
            }),
        }];
        let mut regions = sub("Regions", &["\\bregions?\\b", "\\bin the eu\\b"]);
        regions.categories = vec![RequirementCategory::Compliance];
        let section = section(
            "cloud-provider-strategy",
            vec![
                sub("Provider", &["\\bprovider\\b"]),
                regions,
                sub("Second", &["\\bsecond region\\b", "\\bwarm\\b"]),
            ],
        );
        let text = outline(&s, &section);
        assert_eq!(
            text,
            "\n### Provider\n\n**Open question:** What about Provider? It matters.\n\
             \n### Regions\n\nFrom the inputs:\n\n- **NFR3:** Personal data stays in the EU. (prd.md:28)\n- The primary region is eu-west-1. (guidelines.md:6)\n\
             \n### Second\n\nFrom the inputs:\n\n- A second region is kept warm for DR. (guidelines.md:4)\n"
        );
        // No template prompt is ever written.
        assert!(!text.contains("covers."), "{text}");
    }

    #[test]
    fn derived_content_is_a_marker_the_document_expands() {
        let s = session();
        let mut summary = sub("Summary", &[]);
        summary.derived = Some(Derived::OpenQuestions);
        assert_eq!(
            body(&s, &summary, &[]),
            "<!-- infradraft: derived open-questions -->\n"
        );
        assert_eq!(
            derived_of("<!-- infradraft: derived open-questions -->"),
            Some(Derived::OpenQuestions)
        );
        assert_eq!(derived_of("<!-- infradraft: derived nothing -->"), None);
    }

    #[test]
    fn lines_under_an_input_heading_feed_the_sub_section_that_names_it() {
        let mut s = session();
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        s.inputs.push(crate::model::InputDocument {
            kind: crate::model::InputKind::Prd,
            path: "docs/prd.md".into(),
            sha256: String::new(),
            snapshot_at: now,
            text: "# Tallow\n\n## 7. Out of Scope\n\n- Loyalty programme.\n- Freight bookings.\n\n## Open Questions\n\n1. Open question: Is one region enough?\n".into(),
        });
        let mut scope = sub("Scope", &[]);
        scope.headings = vec!["out of scope".into()];
        let mut open = sub("Open questions", &[]);
        open.headings = vec!["open questions".into()];
        open.derived = Some(Derived::OpenQuestions);
        let section = section("overview", vec![scope, open]);
        assert_eq!(
            outline(&s, &section),
            "\n### Scope\n\nFrom the inputs:\n\n- Loyalty programme. (prd.md:5)\n- Freight bookings. (prd.md:6)\n\
             \n### Open questions\n\n<!-- infradraft: derived open-questions -->\n\nFrom the inputs:\n\n- Is one region enough? (prd.md:10)\n"
        );
    }
}
