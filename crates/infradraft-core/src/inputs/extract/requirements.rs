//! Requirements from input documents.
//!
//! What is taken:
//! - **Items with an id**, in any of the forms `- NFR1: …`, `NFR-3 …`, `FR3. …`, `**NFR2**: …`,
//!   `REQ-12: …`, `SEC-4 — …`, `[NFR-PERF-01] …`, as list items, paragraphs or lines of a paragraph.
//!   Ids with a known prefix ([`KNOWN_PREFIXES`]) are taken anywhere except under headings such as
//!   "Out of scope", "Change log" or "Open questions"; other ids (`AC1:`) only inside a requirements
//!   section and only when followed by `:` or a dash.
//! - **List items of a requirements section**, numbered or not. A section is the part under a
//!   heading (any level, any case, numbered or not, ATX or setext) like "Non-Functional
//!   Requirements", "NFRs", "Quality Attributes", "Service Levels", "Functional Requirements",
//!   "Requirements", "Goals", "Business objectives", "Business needs", or a heading made only of
//!   quality words ("Performance", "Security & Compliance", "Availability and Reliability"). Headings
//!   made only of quality words count in PRDs and "other" inputs only; in architecture, tech stack and
//!   guidelines documents, which describe solutions, only headings that say "requirements" (or NFR,
//!   quality attributes, service levels) do. Nothing is taken under acceptance criteria, stories,
//!   epics, technical assumptions, background, change logs, open questions or out-of-scope
//!   headings. Nested items without an id are part of their parent's text (`; `-separated).
//! - **Requirement tables**: tables whose header has a requirement, description or statement column,
//!   or an id column and a target column, and any table inside a requirements section: one
//!   requirement per row. The text is the requirement/description cell (else the first cell), then
//!   the other cells as `Header: value`, after ` — ` and separated by `; `. An id column gives the id
//!   and a category/type column the category.
//!
//! Ids are those written in the text; items without one get `REQ-<n>`, numbered in order of
//! appearance across all inputs, skipping numbers that are taken. Identical texts (ignoring case,
//! spacing and a final full stop) are kept once, the first time they appear. Every requirement has
//! origin [`RequirementOrigin::Extracted`] and the input's path and the item's 1-based line as its
//! source.
//!
//! The category comes from, in this order: a category column; the id prefix (`FR` → Functional,
//! `SEC` → Security, `PERF` → Performance, …; `NFR` and `REQ` decide nothing by themselves); a
//! Business or Functional section; keywords ([`categorize`]); the quality word of the section's
//! heading; else Other.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{self, Block, BlockKind, Doc};
use super::normalize_heading;
use super::statements::{Form, statements};
use crate::knowledge::extraction::{RequirementCues, extraction};
use crate::model::{
    InputDocument, InputKind, Requirement, RequirementCategory, RequirementOrigin, SourceRef,
};

use RequirementCategory as C;

/// What a heading makes of the blocks under it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    /// Not requirements; `hard` also excludes items with a known id (out of scope, change log, …).
    Excluded {
        hard: bool,
    },
    Business,
    Functional,
    /// Non-functional; with the category a quality-word heading implies.
    NonFunctional(Option<RequirementCategory>),
    General,
    Plain,
}

impl Section {
    fn takes_items(self) -> bool {
        matches!(
            self,
            Section::Business | Section::Functional | Section::NonFunctional(_) | Section::General
        )
    }
}

fn cues() -> &'static RequirementCues {
    &extraction().requirements
}

fn classify(heading: &str, prd_like: bool) -> Section {
    let cues = cues();
    let n = normalize_heading(heading);
    let padded = format!("{n} ");
    if cues
        .hard_excluded_headings
        .iter()
        .any(|p| padded.starts_with(p.as_str()))
    {
        return Section::Excluded { hard: true };
    }
    if cues
        .excluded_headings
        .iter()
        .any(|p| padded.starts_with(p.as_str()))
    {
        return Section::Excluded { hard: false };
    }
    let words: Vec<&str> = n.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    if cues
        .non_functional_headings
        .iter()
        .any(|p| n.contains(p.as_str()))
        || cues.non_functional_heading_words.iter().any(|w| has(w))
    {
        let topical = words.iter().find_map(|w| cues.quality(w).flatten());
        return Section::NonFunctional(topical);
    }
    if cues
        .functional_headings
        .iter()
        .any(|p| n.contains(p.as_str()))
        || (prd_like && cues.functional_headings_exact.contains(&n))
    {
        return Section::Functional;
    }
    if cues.business_headings_exact.contains(&n)
        || cues
            .business_headings
            .iter()
            .any(|p| n.contains(p.as_str()))
    {
        return Section::Business;
    }
    let quality: Vec<Option<RequirementCategory>> =
        words.iter().filter_map(|w| cues.quality(w)).collect();
    let all_known = words
        .iter()
        .all(|w| cues.filler_words.iter().any(|f| f == w) || cues.quality(w).is_some());
    let says_requirements = has("requirements") || has("requirement") || has("reqs");
    if !quality.is_empty() && all_known && (prd_like || says_requirements) {
        return Section::NonFunctional(quality.iter().find_map(|c| *c));
    }
    // "Ferrybook — Product Requirements Document" is a title, not a requirements section.
    let is_title = cues.title_headings.iter().any(|p| n.contains(p.as_str()));
    if says_requirements && !is_title {
        return Section::General;
    }
    Section::Plain
}

fn section_of(block: &Block, doc: &Doc, prd_like: bool) -> Section {
    let classes: Vec<Section> = block
        .path
        .iter()
        .filter_map(|&i| doc.headings.get(i))
        .map(|h| classify(&h.text, prd_like))
        .collect();
    if let Some(ex) = classes
        .iter()
        .copied()
        .filter(|c| matches!(c, Section::Excluded { .. }))
        .max_by_key(|c| matches!(c, Section::Excluded { hard: true }))
    {
        return ex;
    }
    classes
        .iter()
        .rev()
        .copied()
        .find(|c| *c != Section::Plain)
        .unwrap_or(Section::Plain)
}

/// An id at the start of a text.
#[derive(Debug, PartialEq)]
struct IdMatch<'a> {
    id: String,
    rest: &'a str,
    /// The id's first segment is one of [`KNOWN_PREFIXES`].
    known: bool,
    /// Followed by `:`, `.`, `)`, a dash, or wrapped in brackets.
    strong: bool,
}

static ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*([\[(])?([A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*[-_]?\d+(?:\.\d+)*[a-z]?)([\])])?(\s*[:.)|\u{2014}\u{2013}-]\s*|\s+)(\S[\s\S]*)$",
    )
    .expect("id pattern")
});

fn prefix_of(id: &str) -> &str {
    let first = id.split(['-', '_']).next().unwrap_or(id);
    first.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
}

fn parse_id(text: &str) -> Option<IdMatch<'_>> {
    let c = ID.captures(text)?;
    let id = c.get(2)?.as_str().to_string();
    let sep = c.get(4)?.as_str().trim();
    let bracketed = c.get(1).is_some() && c.get(3).is_some();
    // "FR3.1" is an id; "3.5 ms" style text after a version-like id is not our business here.
    let rest = c.get(5)?.as_str();
    let prefix = prefix_of(&id);
    let known = cues().prefix(prefix).is_some();
    let strong = bracketed || !sep.is_empty();
    Some(IdMatch {
        id,
        rest,
        known,
        strong,
    })
}

fn prefix_category(id: &str) -> Option<RequirementCategory> {
    // The first segment decides; a later one can refine a neutral first (NFR-PERF-01).
    let mut segments = id
        .split(['-', '_'])
        .map(|s| s.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.'));
    let first = segments.next()?;
    if let Some(Some(c)) = cues().prefix(first) {
        return Some(c);
    }
    segments.find_map(|s| cues().prefix(s).flatten())
}

fn keyword_category(text: &str) -> Option<RequirementCategory> {
    let mut best: Option<(usize, RequirementCategory)> = None;
    for (cat, patterns) in &cues().category_keywords {
        let score = patterns.iter().filter(|p| p.is_match(text)).count();
        if score > 0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, *cat));
        }
    }
    best.map(|(_, c)| c)
}

/// The category of a requirement from its id (if any) and its text alone: the id prefix (`FR` →
/// Functional, `SEC` → Security, …), then keywords (latency/throughput/p95 → Performance;
/// scale/peak/growth → Scalability; availability/uptime/99.9% → Reliability;
/// RPO/RTO/backup/restore/disaster → Recovery; encryption/auth/IAM/secrets → Security;
/// GDPR/HIPAA/PCI/SOC 2/ISO 27001/retention/audit → Compliance), the category with most distinct
/// keyword hits winning (ties in the order Recovery, Compliance, Security, Reliability, Performance,
/// Scalability); else Other.
pub fn categorize(id: Option<&str>, text: &str) -> RequirementCategory {
    id.and_then(prefix_category)
        .or_else(|| keyword_category(text))
        .unwrap_or(C::Other)
}

fn category_cell(value: &str) -> Option<RequirementCategory> {
    let v = value.to_lowercase();
    let first = v
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty())?;
    cues()
        .category_cells
        .iter()
        .find(|(k, _)| {
            if k.len() <= 2 {
                first == *k
            } else {
                first.starts_with(k.as_str())
            }
        })
        .map(|(_, c)| *c)
        .filter(|c| *c != C::Other)
}

fn category_for(
    id: Option<&str>,
    section: Section,
    cell: Option<RequirementCategory>,
    text: &str,
) -> RequirementCategory {
    if let Some(c) = cell {
        return c;
    }
    if let Some(c) = id.and_then(prefix_category) {
        return c;
    }
    let neutral_id = id.is_none_or(|i| {
        let p = prefix_of(i);
        !matches!(p, "NFR" | "NF" | "QA" | "QR")
    });
    match section {
        Section::Business if neutral_id => return C::Business,
        Section::Functional if neutral_id => return C::Functional,
        _ => {}
    }
    if let Some(c) = keyword_category(text) {
        return c;
    }
    match section {
        Section::NonFunctional(Some(c)) => c,
        _ => C::Other,
    }
}

/// A requirement before ids are numbered.
struct Draft {
    id: Option<String>,
    category: RequirementCategory,
    text: String,
    input: String,
    line: u32,
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// For each block, the indices of the list items nested directly in it.
fn children_of(doc: &Doc) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); doc.blocks.len()];
    for (i, b) in doc.blocks.iter().enumerate() {
        if let BlockKind::Item {
            parent: Some(p), ..
        } = b.kind
            && let Some(list) = children.get_mut(p)
        {
            list.push(i);
        }
    }
    children
}

fn has_own_id(block: &Block) -> bool {
    parse_id(&block.text).is_some_and(|m| m.known || m.strong)
}

/// The merged text of an item's nested items without ids, recursively.
fn merged_item_text(doc: &Doc, children: &[Vec<usize>], idx: usize, own: &str) -> String {
    let mut text = own.trim().to_string();
    for &ci in children.get(idx).map(Vec::as_slice).unwrap_or(&[]) {
        let child = &doc.blocks[ci];
        if has_own_id(child) {
            continue;
        }
        let child_text = merged_item_text(doc, children, ci, &child.text);
        if child_text.is_empty() {
            continue;
        }
        if text.is_empty() {
            text = child_text;
        } else if text.ends_with(':') {
            text = format!("{text} {child_text}");
        } else {
            text = format!("{text}; {child_text}");
        }
    }
    text
}

/// Whether item `idx` only labels the items nested in it: it has some, and its own text is a
/// few words or ends with a colon.
fn is_group_label(doc: &Doc, children: &[Vec<usize>], idx: usize) -> bool {
    let own = doc.blocks[idx].text.trim();
    children.get(idx).is_some_and(|c| !c.is_empty())
        && (own.ends_with(':') || own.split_whitespace().count() <= 4)
}

/// Whether an item opens with a word that excludes what follows ("Out: catalogue, search").
fn excludes(text: &str) -> bool {
    let Some((lead, _)) = text.split_once([':', '\u{2014}', '\u{2013}']) else {
        return false;
    };
    let lead = lead.trim().to_lowercase();
    cues().exclusion_leads.contains(&lead)
}

fn has_id_children(doc: &Doc, children: &[Vec<usize>], idx: usize) -> bool {
    children
        .get(idx)
        .is_some_and(|c| c.iter().any(|&ci| has_own_id(&doc.blocks[ci])))
}

/// Columns of a requirement table.
struct Columns {
    id: Option<usize>,
    main: Option<usize>,
    category: Option<usize>,
    target: Option<usize>,
}

fn columns(header: &[String]) -> Columns {
    let norm: Vec<String> = header.iter().map(|h| normalize_heading(h)).collect();
    let find = |f: &dyn Fn(&str) -> bool| norm.iter().position(|h| f(h));
    let id = find(&|h| {
        matches!(
            h,
            "id" | ""
                | "ref"
                | "reference"
                | "req id"
                | "requirement id"
                | "nfr id"
                | "nfr"
                | "no"
                | "number"
                | "key"
                | "req"
                | "fr id"
                | "fr"
        ) && !h.is_empty()
    })
    .or_else(|| header.iter().position(|h| h.trim() == "#"));
    let main = find(&|h| {
        (h.contains("requirement") && !h.ends_with(" id"))
            || matches!(h, "req" | "reqs" | "text" | "requirement text")
            || h.contains("description")
            || h.contains("statement")
            || h == "need"
            || h == "objective"
            || h == "goal"
    });
    let category = find(&|h| {
        matches!(
            h,
            "category"
                | "type"
                | "area"
                | "attribute"
                | "quality attribute"
                | "nfr category"
                | "kind"
                | "class"
                | "characteristic"
        )
    });
    let target = find(&|h| {
        [
            "target",
            "metric",
            "threshold",
            "sla",
            "slo",
            "measure",
            "value",
            "objective",
        ]
        .iter()
        .any(|k| h.split(' ').any(|w| w == *k || w == format!("{k}s")))
    });
    Columns {
        id,
        main,
        category,
        target,
    }
}

fn is_requirement_table(cols: &Columns, section: Section) -> bool {
    if matches!(section, Section::Excluded { .. }) {
        return false;
    }
    cols.main.is_some() || (cols.id.is_some() && cols.target.is_some()) || section.takes_items()
}

fn empty_cell(s: &str) -> bool {
    matches!(s.trim(), "" | "-" | "—" | "–" | "n/a" | "N/A")
}

fn row_draft(
    doc: &Doc,
    block: &Block,
    table: usize,
    cells: &[String],
    section: Section,
    input: &str,
) -> Option<Draft> {
    let header = doc.tables.get(table)?;
    let cols = columns(header);
    if !is_requirement_table(&cols, section) {
        return None;
    }
    let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(String::as_str);
    let main_idx = cols
        .main
        .or_else(|| (0..cells.len()).find(|i| Some(*i) != cols.id && Some(*i) != cols.category))?;
    let mut main = cell(Some(main_idx)).unwrap_or("").trim().to_string();
    let mut id = cell(cols.id)
        .map(str::trim)
        .filter(|s| parse_id(&format!("{s}: x")).is_some())
        .map(str::to_string);
    if id.is_none()
        && let Some(m) = parse_id(&main)
        && (m.known || m.strong)
    {
        id = Some(m.id.clone());
        main = m.rest.trim().to_string();
    }
    if empty_cell(&main) {
        return None;
    }
    let extras: Vec<String> = cells
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            Some(*i) != cols.id && Some(*i) != cols.category && *i != main_idx && !empty_cell(c)
        })
        .map(|(i, c)| match header.get(i).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => format!("{h}: {}", c.trim()),
            _ => c.trim().to_string(),
        })
        .collect();
    let text = if extras.is_empty() {
        main
    } else {
        format!("{main} — {}", extras.join("; "))
    };
    let cat_cell = cell(cols.category).and_then(category_cell);
    let category = category_for(id.as_deref(), section, cat_cell, &text);
    Some(Draft {
        id,
        category,
        text: clean(&text),
        input: input.to_string(),
        line: block.line,
    })
}

/// A table row as text: its first cell, then `Header: value` for each other cell with content.
fn row_text(doc: &Doc, table: usize, cells: &[String]) -> String {
    let header = doc.tables.get(table);
    let mut filled = cells.iter().enumerate().filter(|(_, c)| !empty_cell(c));
    let Some((_, first)) = filled.next() else {
        return String::new();
    };
    let extras: Vec<String> = filled
        .map(
            |(i, c)| match header.and_then(|h| h.get(i)).map(|h| h.trim()) {
                Some(h) if !h.is_empty() => format!("{h}: {}", c.trim()),
                _ => c.trim().to_string(),
            },
        )
        .collect();
    if extras.is_empty() {
        clean(first)
    } else {
        clean(&format!("{} — {}", first.trim(), extras.join("; ")))
    }
}

/// The lines of a paragraph that start with an id, as `(text, line)`; the whole paragraph when its
/// first line has an id and no other line does.
fn paragraph_pieces(block: &Block) -> Vec<(String, u32)> {
    // Positions in the text where a new source line starts.
    let mut starts: Vec<(usize, u32)> = Vec::new();
    let mut last_line = 0;
    for &(pos, line) in &block.spans {
        if line != last_line {
            starts.push((pos, line));
            last_line = line;
        }
    }
    let id_starts: Vec<(usize, u32)> = starts
        .into_iter()
        .filter(|&(pos, _)| {
            block
                .text
                .get(pos..)
                .and_then(parse_id)
                .is_some_and(|m| m.known || m.strong)
        })
        .collect();
    let mut out = Vec::new();
    for (i, &(pos, line)) in id_starts.iter().enumerate() {
        let end = id_starts
            .get(i + 1)
            .map(|&(p, _)| p)
            .unwrap_or(block.text.len());
        if let Some(piece) = block.text.get(pos..end) {
            out.push((piece.trim().to_string(), line));
        }
    }
    out
}

fn extract_doc(input: &InputDocument, drafts: &mut Vec<Draft>) {
    let doc = blocks::parse(&input.text);
    let prd_like = matches!(input.kind, InputKind::Prd | InputKind::Other);
    let children = children_of(&doc);
    for (idx, block) in doc.blocks.iter().enumerate() {
        let section = section_of(block, &doc, prd_like);
        let hard_excluded = section == Section::Excluded { hard: true };
        let mut push = |id: Option<String>, text: &str, line: u32, section: Section| {
            let text = clean(text);
            if text.is_empty() {
                return;
            }
            let category = category_for(id.as_deref(), section, None, &text);
            drafts.push(Draft {
                id,
                category,
                text,
                input: input.path.clone(),
                line,
            });
        };
        match &block.kind {
            BlockKind::Item { parent, .. } => {
                let id = parse_id(&block.text)
                    .filter(|m| m.known || (section.takes_items() && m.strong));
                match id {
                    Some(m) if !hard_excluded => {
                        let text = merged_item_text(&doc, &children, idx, m.rest);
                        push(Some(m.id.clone()), &text, block.line, section);
                    }
                    Some(_) => {}
                    None => {
                        if !section.takes_items() || excludes(&block.text) {
                            continue;
                        }
                        // A short item over nested items only labels them: they are the
                        // requirements ("* Availability" over "* 99.5% monthly").
                        if is_group_label(&doc, &children, idx) {
                            continue;
                        }
                        if let Some(p) = *parent {
                            // Nested items belong to their parent's text, unless the parent is a
                            // label, whose quality word then gives the category the words do not.
                            if !is_group_label(&doc, &children, p) {
                                continue;
                            }
                            let label = normalize_heading(&doc.blocks[p].text);
                            let topical = label
                                .split(' ')
                                .find_map(|w| cues().quality(w).flatten())
                                .map_or(section, |c| Section::NonFunctional(Some(c)));
                            let text = merged_item_text(&doc, &children, idx, &block.text);
                            push(None, &text, block.line, topical);
                            continue;
                        }
                        let own = block.text.trim();
                        if has_id_children(&doc, &children, idx)
                            && (own.ends_with(':') || own.split_whitespace().count() <= 6)
                        {
                            continue;
                        }
                        let text = merged_item_text(&doc, &children, idx, own);
                        push(None, &text, block.line, section);
                    }
                }
            }
            BlockKind::Paragraph => {
                if hard_excluded {
                    continue;
                }
                for (piece, line) in paragraph_pieces(block) {
                    if let Some(m) = parse_id(&piece)
                        && (m.known || (section.takes_items() && m.strong))
                    {
                        push(Some(m.id.clone()), m.rest, line, section);
                    }
                }
            }
            BlockKind::Row { table, cells } => {
                if let Some(d) = row_draft(&doc, block, *table, cells, section, &input.path) {
                    drafts.push(d);
                }
            }
        }
    }
    prose_pass(input, &doc, prd_like, drafts);
}

/// Requirements stated in sentences, items and rows that the rules above did not take (see the
/// module documentation): what a statement must hold depends on the kind of document.
fn prose_pass(input: &InputDocument, doc: &Doc, prd_like: bool, drafts: &mut Vec<Draft>) {
    let taken: HashSet<u32> = drafts
        .iter()
        .filter(|d| d.input == input.path)
        .map(|d| d.line)
        .collect();
    let regimes = &extraction().regimes;
    for st in statements(doc) {
        let Some(block) = st.block else { continue };
        if taken.contains(&st.line) {
            continue;
        }
        // An item nested in one the rules took is part of its parent's text.
        if let BlockKind::Item {
            parent: Some(p), ..
        } = block.kind
            && doc.blocks.get(p).is_some_and(|b| taken.contains(&b.line))
        {
            continue;
        }
        let section = section_of(block, doc, prd_like);
        if matches!(section, Section::Excluded { .. }) {
            continue;
        }
        let text = clean(&st.text);
        let words = text.split_whitespace().count();
        if words < 3 || text.ends_with('?') || text.ends_with(':') {
            continue;
        }
        // A short item over nested items is a label for them.
        if st.form == Form::Item && words <= 6 && has_children(doc, block) {
            continue;
        }
        if excludes(&text) || cues().defines_modal_words(&text) {
            continue;
        }
        let keyword = keyword_category(&text);
        let goal = cues().goal_cues.iter().any(|p| p.is_match(&text));
        let normative = cues().normative.iter().any(|p| p.is_match(&text));
        // A figure the figure reader knows, or a number in a statement about a quantity.
        let quantified = !super::figures(&text).is_empty()
            || (text.chars().any(|c| c.is_ascii_digit())
                && matches!(
                    keyword,
                    Some(
                        C::Capacity
                            | C::Cost
                            | C::Scalability
                            | C::Performance
                            | C::Reliability
                            | C::Recovery
                    )
                ));
        let regime = regimes
            .regimes
            .iter()
            .any(|r| r.patterns.iter().any(|p| p.is_match(&text)));
        let guarded = matches!(keyword, Some(C::Security | C::Compliance));
        let security_heading = st.headings.iter().any(|h| {
            let h = h.to_lowercase();
            cues()
                .security_headings
                .iter()
                .any(|w| h.contains(w.as_str()))
        });
        let listed = section.takes_items() && matches!(st.form, Form::Item | Form::LabelLine);
        // A table row outside a requirement table (those the rules above read) is a
        // requirement only when it says so, or holds a figure in a PRD (a capacity table).
        // In guidelines, a row of a rule table says something in a sentence; a row of names,
        // codes and address ranges (a naming scheme, an account map) is reference, not a rule.
        let rules = input.kind == InputKind::InfrastructureGuidelines;
        let sentence_row = match &block.kind {
            BlockKind::Row { cells, .. } => {
                // A name (`nsf-security`, `alias/x`) is lower case; a rule's id (`SEC-3`) is not.
                let named = cells.first().is_some_and(|c| {
                    let c = c.trim();
                    !c.contains(' ')
                        && c.contains(['-', '_', '/', '<', '.', ':'])
                        && c.chars().any(|ch| ch.is_lowercase())
                });
                !named && cells.iter().any(|c| c.split_whitespace().count() >= 5)
            }
            _ => false,
        };
        if st.form == Form::Row
            && !(normative
                || (prd_like && quantified)
                || (rules && sentence_row && (guarded || quantified)))
        {
            continue;
        }
        // The lines under a document's title, before its first section, introduce it.
        if st.headings.len() <= 1 && !normative && !listed {
            continue;
        }
        // Security and compliance words make a statement a requirement in a section about them,
        // or with a normative word; elsewhere they may only describe.
        // (A guideline's every statement is a rule.)
        let stated = guarded && (normative || security_heading || listed);
        let states = match input.kind {
            InputKind::Prd | InputKind::Other => {
                listed || normative || quantified || regime || stated || goal
            }
            InputKind::InfrastructureGuidelines => normative || quantified || regime || guarded,
            InputKind::Architecture => regime || (stated && st.form != Form::Row),
            InputKind::TechStack => regime || (guarded && st.form != Form::Row && normative),
        };
        if !states {
            continue;
        }
        // A row reads as its first cell, then `Header: value` for the others.
        let text = match &block.kind {
            BlockKind::Row { table, cells } => row_text(doc, *table, cells),
            _ => text,
        };
        let category = match category_for(None, section, None, &text) {
            C::Other if goal => C::Business,
            c => c,
        };
        drafts.push(Draft {
            id: None,
            category,
            text,
            input: input.path.clone(),
            line: st.line,
        });
    }
}

fn has_children(doc: &Doc, block: &Block) -> bool {
    doc.blocks.iter().any(|b| {
        matches!(b.kind, BlockKind::Item { parent: Some(p), .. } if std::ptr::eq(&doc.blocks[p], block))
    })
}

fn dedup_key(text: &str) -> String {
    clean(text).trim_end_matches('.').trim().to_lowercase()
}

/// The requirements of `inputs` (see the module documentation), in input order, then document
/// order.
pub fn extract_requirements(inputs: &[InputDocument]) -> Vec<Requirement> {
    let mut drafts = Vec::new();
    for input in inputs {
        extract_doc(input, &mut drafts);
    }
    // The same text twice in one document is one requirement; in two documents, two (each
    // document states it).
    let mut seen = HashSet::new();
    drafts.retain(|d| seen.insert((d.input.clone(), dedup_key(&d.text))));
    let taken: HashSet<String> = drafts.iter().filter_map(|d| d.id.clone()).collect();
    let mut n = 1;
    drafts
        .into_iter()
        .map(|d| {
            let id = d.id.unwrap_or_else(|| {
                loop {
                    let candidate = format!("REQ-{n}");
                    n += 1;
                    if !taken.contains(&candidate) {
                        break candidate;
                    }
                }
            });
            Requirement {
                id,
                category: d.category,
                text: d.text,
                origin: RequirementOrigin::Extracted,
                source: Some(SourceRef {
                    input: d.input,
                    line: d.line,
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn doc(kind: InputKind, text: &str) -> InputDocument {
        InputDocument {
            kind,
            path: "p.md".into(),
            sha256: String::new(),
            snapshot_at: Timestamp::UNIX_EPOCH,
            text: text.into(),
        }
    }

    fn extract(text: &str) -> Vec<(String, RequirementCategory, String, u32)> {
        extract_requirements(&[doc(InputKind::Prd, text)])
            .into_iter()
            .map(|r| {
                (
                    r.id,
                    r.category,
                    r.text,
                    r.source.map(|s| s.line).unwrap_or(0),
                )
            })
            .collect()
    }

    #[test]
    fn id_forms() {
        for (text, id, rest) in [
            ("NFR1: fast", "NFR1", "fast"),
            ("NFR-3 fast", "NFR-3", "fast"),
            ("FR3. do it", "FR3", "do it"),
            ("REQ-12: x", "REQ-12", "x"),
            ("SEC-4 — y", "SEC-4", "y"),
            ("[NFR-PERF-01] z", "NFR-PERF-01", "z"),
            ("FR3.1: sub", "FR3.1", "sub"),
        ] {
            let m = parse_id(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((m.id.as_str(), m.rest), (id, rest), "{text}");
            assert!(m.known, "{text}");
        }
        let s3 = parse_id("S3 buckets are encrypted").unwrap();
        assert!(!s3.known && !s3.strong);
        assert!(parse_id("Epic 1: x").is_none());
        assert!(parse_id("AWS is preferred").is_none());
        assert_eq!(prefix_category("NFR-PERF-01"), Some(C::Performance));
        assert_eq!(prefix_category("NFR7"), None);
    }

    #[test]
    fn headings_classify() {
        use Section::*;
        assert_eq!(
            classify("3.2 Non-Functional Requirements", true),
            NonFunctional(None)
        );
        assert_eq!(
            classify("NON-FUNCTIONAL REQUIREMENTS", true),
            NonFunctional(None)
        );
        assert_eq!(
            classify("Non functional requirements", true),
            NonFunctional(None)
        );
        assert_eq!(classify("NFRs", true), NonFunctional(None));
        assert_eq!(classify("Quality Attributes", true), NonFunctional(None));
        assert_eq!(
            classify("Security Requirements", true),
            NonFunctional(Some(C::Security))
        );
        assert_eq!(
            classify("Compliance", true),
            NonFunctional(Some(C::Compliance))
        );
        assert_eq!(
            classify("Performance & Scalability", true),
            NonFunctional(Some(C::Performance))
        );
        assert_eq!(
            classify("Availability", true),
            NonFunctional(Some(C::Reliability))
        );
        assert_eq!(classify("Availability", false), Plain);
        assert_eq!(
            classify("Security Requirements", false),
            NonFunctional(Some(C::Security))
        );
        assert_eq!(
            classify("Epic 5: Compliance, Resilience and Go-Live", true),
            Excluded { hard: false }
        );
        assert_eq!(classify("Functional Requirements", true), Functional);
        assert_eq!(classify("Goals", true), Business);
        assert_eq!(classify("Business Objectives", true), Business);
        assert_eq!(classify("Goals and Background Context", true), Plain);
        assert_eq!(classify("Testing Requirements", true), General);
        assert_eq!(
            classify("Ferrybook — Product Requirements Document", true),
            Plain
        );
        assert_eq!(classify("Out of Scope", true), Excluded { hard: true });
        assert_eq!(
            classify("Technical Assumptions", true),
            Excluded { hard: false }
        );
    }

    #[test]
    fn sections_items_and_nesting() {
        let md = "# PRD\n\n## Goals\n\n- Grow revenue\n\n## Non-Functional Requirements\n\n1. Search answers in p95 < 300 ms.\n2. Recovery:\n   - RPO 5 minutes\n   - RTO 1 hour\n3. Uptime 99.9%.\n\n## Epic 1\n\n### Acceptance Criteria\n\n1. It works\n\n## Out of Scope\n\n- NFR9: not this\n";
        assert_eq!(
            extract(md),
            vec![
                ("REQ-1".into(), C::Business, "Grow revenue".into(), 5),
                (
                    "REQ-2".into(),
                    C::Performance,
                    "Search answers in p95 < 300 ms.".into(),
                    9
                ),
                // "Recovery:" only labels the items under it: they are the requirements.
                ("REQ-3".into(), C::Recovery, "RPO 5 minutes".into(), 11),
                ("REQ-4".into(), C::Recovery, "RTO 1 hour".into(), 12),
                ("REQ-5".into(), C::Reliability, "Uptime 99.9%.".into(), 13),
            ]
        );
    }

    #[test]
    fn ids_anywhere_paragraph_lines_and_dedup() {
        let md = "# X\n\n**NFR2**: Encrypt data at rest.\nNFR3: Keep audit logs for 1 year.\n\n- REQ-1: Same text\n- Something: Same text\n\n## Requirements\n\n- Same text\n- same text.\n- Another one\n";
        assert_eq!(
            extract(md),
            vec![
                (
                    "NFR2".into(),
                    C::Security,
                    "Encrypt data at rest.".into(),
                    3
                ),
                (
                    "NFR3".into(),
                    C::Compliance,
                    "Keep audit logs for 1 year.".into(),
                    4
                ),
                ("REQ-1".into(), C::Other, "Same text".into(), 6),
                ("REQ-2".into(), C::Other, "Another one".into(), 13),
            ]
        );
    }

    #[test]
    fn tables() {
        let md = "# X\n\n| ID | Category | Requirement | Target |\n|---|---|---|---|\n| NFR-01 | Availability | Booking API uptime | 99.95% monthly |\n| NFR-02 | | Peak load | 500 requests/s |\n\n| ID | Decision | Status |\n|---|---|---|\n| ADR-1 | Use X | Accepted |\n\n## Performance\n\n| Metric | Value |\n|---|---|\n| Search | p95 < 1 s |\n";
        assert_eq!(
            extract(md),
            vec![
                (
                    "NFR-01".into(),
                    C::Reliability,
                    "Booking API uptime — Target: 99.95% monthly".into(),
                    5
                ),
                (
                    "NFR-02".into(),
                    C::Scalability,
                    "Peak load — Target: 500 requests/s".into(),
                    6
                ),
                (
                    "REQ-1".into(),
                    C::Performance,
                    "Search — Value: p95 < 1 s".into(),
                    16
                ),
            ]
        );
    }

    #[test]
    fn non_prd_docs_need_requirement_headings() {
        let arch = doc(
            InputKind::Architecture,
            "# A\n\n## Performance\n\n- We cache search for 5 s.\n\n## Non-Functional Requirements\n\n- Uptime 99.9%\n",
        );
        let got = extract_requirements(&[arch]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "Uptime 99.9%");
    }

    #[test]
    fn generated_ids_skip_taken_ones() {
        let md = "## Requirements\n\n- first\n- REQ-2: explicit\n- second\n";
        let ids: Vec<_> = extract(md).into_iter().map(|r| r.0).collect();
        assert_eq!(ids, vec!["REQ-1", "REQ-2", "REQ-3"]);
    }
}
