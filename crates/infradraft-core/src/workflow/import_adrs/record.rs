//! One decision record file read into a [`Record`]: what it decides, where it stands, when, who,
//! and the options it weighed. The Markdown is read with pulldown-cmark into blocks (headings,
//! paragraphs, list items, each with its line), then the parts are taken from the sections whose
//! headings every layout uses:
//!
//! * **Title:** the first `# ` heading, without a leading number (`# 1. Use Postgres`,
//!   `# ADR-0007 — Compute Resources: Managed containers`; infradraft's heading gives the title
//!   `Compute Resources` and the chosen option `Managed containers`).
//! * **Metadata:** the YAML front matter (MADR 3.x/4.x, log4brains), else `Key: value` lines or
//!   bullets between the title and the first `## ` (`* Status: accepted`, `- Date: …`,
//!   `Date: 2024-03-01` in adr-tools): `status`, `date`, `decision-makers` (or `deciders`),
//!   `consulted`, `informed`.
//! * **Status:** the `status` value, else the lines of `## Status` (adr-tools), whose strongest
//!   statement wins: superseded, then deprecated or rejected, then accepted, then proposed
//!   (`draft` and `in review` are proposed, `approved` is accepted, `declined` is rejected).
//!   `Superseded by [..](0003-x.md)` and `Supersedes [..](0001-x.md)` there, in the status value,
//!   or in a quoted note under the title (infradraft's) are the links, by the file they point
//!   at, else by the number they name (`ADR-0009`, `3. …`). `… on 2024-05-01` in a superseded,
//!   deprecated or rejected note is when; `: reason` after it is why; `Amended on D (first
//!   decided on D0)` gives both days.
//! * **Options:** `## Considered Options` lists their names; `## Pros and Cons of the Options`
//!   has a `### Name` per option with its summary paragraph and `Good, because` (pros),
//!   `Bad, because` (cons) and `Neutral, because` (kept in the summary) bullets. The choice is
//!   `Chosen option: "Name", because …` in `## Decision Outcome`. An adr-tools record has no
//!   options: its one option is named by its title, summarised by `## Consequences`, and its
//!   justification is `## Decision`.
//! * **Context:** `## Context and Problem Statement` or `## Context`, as plain paragraphs.

use jiff::civil::Date;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::front_matter::FrontMatter;
use crate::model::{AdrId, AdrStatus, People};

/// Where a supersede link points: a file of the folder, or a record number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ref {
    File(String),
    Number(u32),
}

/// One option as the record describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OptionText {
    pub name: String,
    pub summary: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
}

/// The shape the record is written in, as far as the file itself tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `## Status` section, `Date:` line, no front matter.
    AdrTools,
    /// Bullet metadata under the title.
    Madr2,
    /// Front matter without MADR 4's words.
    Madr3,
    /// Front matter with `decision-makers`, or `Neutral, because`, or `### Confirmation`.
    Madr4,
}

/// A decision record as read from its file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    pub title: String,
    pub shape: Option<Shape>,
    /// `None` when the record states no status (taken as accepted, and reported).
    pub status: Option<AdrStatus>,
    pub status_line: usize,
    pub superseded_by: Option<Ref>,
    pub supersedes: Option<Ref>,
    pub date: Option<Date>,
    pub status_at: Option<Date>,
    pub amended_at: Option<Date>,
    pub first_decided: Option<Date>,
    pub status_reason: String,
    pub people: People,
    pub context: String,
    pub considered: Vec<String>,
    pub options: Vec<OptionText>,
    pub chosen: Option<String>,
    pub justification: String,
    /// The number in infradraft's marker line, when the record has one.
    pub marker: Option<AdrId>,
    /// The conflicts with the inputs accepted when deciding, as infradraft writes them under
    /// `### Consequences`: (the finding, the reason it was accepted).
    pub accepted_conflicts: Vec<(String, String)>,
}

/// infradraft's consequence line for a conflict accepted when deciding (see `export::adr`):
/// "Bad, because it conflicts with the inputs: FINDING (accepted: REASON)".
fn accepted_conflict(item: &str) -> Option<(String, String)> {
    let rest = item.strip_prefix("Bad, because it conflicts with the inputs: ")?;
    let rest = rest.strip_suffix(')')?;
    let at = rest.rfind(" (accepted: ")?;
    let (finding, reason) = (&rest[..at], &rest[at + " (accepted: ".len()..]);
    (!finding.trim().is_empty() && !reason.trim().is_empty())
        .then(|| (finding.trim().to_string(), reason.trim().to_string()))
}

/// Why a record could not be read, with the line (from 1) where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading(u8),
    Para,
    Item,
}

#[derive(Debug, Clone)]
struct Block {
    kind: Kind,
    text: String,
    /// (link text, destination).
    links: Vec<(String, String)>,
    line: usize,
    quoted: bool,
    /// Where it is in the record's text (for an item: the whole item, with its marker).
    raw: std::ops::Range<usize>,
}

struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }
    fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset)
    }
}

/// The blocks of `text` and its front matter (text and first line), if it has one.
fn blocks(text: &str) -> (Vec<Block>, Option<(String, usize)>) {
    let lines = Lines::new(text);
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES;
    let mut out = Vec::new();
    let mut front = None;
    let mut stack: Vec<(Block, Option<(usize, String)>)> = Vec::new();
    let mut para_pushed: Vec<bool> = Vec::new();
    let mut quote = 0usize;
    let mut in_meta: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        let line = lines.of(range.start);
        let new = |kind| {
            (
                Block {
                    kind,
                    text: String::new(),
                    links: Vec::new(),
                    line,
                    quoted: quote > 0,
                    raw: range.clone(),
                },
                None,
            )
        };
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = Some((String::new(), line + 1)),
            Event::End(TagEnd::MetadataBlock(_)) => front = in_meta.take(),
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => stack.push(new(Kind::Heading(level as u8))),
            Event::Start(Tag::Item) => stack.push(new(Kind::Item)),
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_)) => {
                let inside_item = stack.last().is_some_and(|(b, _)| b.kind == Kind::Item);
                if inside_item {
                    if let Some((b, _)) = stack.last_mut()
                        && !b.text.is_empty()
                    {
                        b.text.push('\n');
                    }
                    para_pushed.push(false);
                } else {
                    stack.push(new(Kind::Para));
                    para_pushed.push(true);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock) => {
                if para_pushed.pop() == Some(true)
                    && let Some((b, _)) = stack.pop()
                {
                    out.push(b);
                }
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Item) => {
                if let Some((b, _)) = stack.pop() {
                    out.push(b);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some((b, link)) = stack.last_mut() {
                    *link = Some((b.text.len(), dest_url.to_string()));
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((b, link)) = stack.last_mut()
                    && let Some((start, dest)) = link.take()
                {
                    let t = b.text.get(start..).unwrap_or_default().to_string();
                    b.links.push((t, dest));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((meta, _)) = &mut in_meta {
                    meta.push_str(&t);
                } else if let Some((b, _)) = stack.last_mut() {
                    b.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((b, _)) = stack.last_mut() {
                    b.text.push('\n');
                }
            }
            _ => {}
        }
    }
    (out, front)
}

fn date_in(text: &str) -> Option<Date> {
    let re = regex::Regex::new(r"(\d{4})-(\d{2})-(\d{2})").ok()?;
    let m = re.find(text)?;
    m.as_str().parse().ok()
}

/// The status a word (or the start of a line) names.
fn status_word(text: &str) -> Option<AdrStatus> {
    let lower = text
        .trim()
        .trim_start_matches(['*', '_', '['])
        .to_lowercase();
    let first: String = lower
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == ' ')
        .collect();
    let first = first.trim();
    Some(match first.split_whitespace().next()? {
        "accepted" | "approved" | "adopted" => AdrStatus::Accepted,
        "proposed" | "draft" => AdrStatus::Proposed,
        "in" if first.starts_with("in review") || first.starts_with("in progress") => {
            AdrStatus::Proposed
        }
        "superseded" => AdrStatus::Superseded,
        "deprecated" => AdrStatus::Deprecated,
        "rejected" | "declined" => AdrStatus::Rejected,
        _ => return None,
    })
}

fn rank(s: AdrStatus) -> u8 {
    match s {
        AdrStatus::Proposed => 0,
        AdrStatus::Accepted => 1,
        AdrStatus::Deprecated | AdrStatus::Rejected => 2,
        AdrStatus::Superseded => 3,
    }
}

/// The target of a link or of `ADR-0009` / `3.` in `text`.
fn reference(links: &[(String, String)], text: &str) -> Option<Ref> {
    for (label, dest) in links {
        let path = dest.split(['#', '?']).next().unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or_default();
        if name.to_ascii_lowercase().ends_with(".md") {
            return Some(Ref::File(name.to_string()));
        }
        if let Some(n) = number_in(label) {
            return Some(Ref::Number(n));
        }
    }
    number_in(text).map(Ref::Number)
}

/// `ADR-0009`, `adr 9` or a leading `3.` / `0003` in `text`.
fn number_in(text: &str) -> Option<u32> {
    let re = regex::Regex::new(r"(?i)\badr[- ]?0*(\d{1,9})\b|^\s*0*(\d{1,9})\b").ok()?;
    let c = re.captures(text)?;
    c.get(1)
        .or_else(|| c.get(2))
        .and_then(|m| m.as_str().parse().ok())
        .filter(|n| *n > 0)
}

/// What the lines of a status statement say: the status, and the links.
#[derive(Default)]
struct StatusFacts {
    status: Option<(AdrStatus, usize)>,
    superseded_by: Option<Ref>,
    supersedes: Option<Ref>,
    status_at: Option<Date>,
    amended_at: Option<Date>,
    first_decided: Option<Date>,
    reason: String,
}

impl StatusFacts {
    /// Reads one statement (a line of `## Status`, a note, a status value) at `line`.
    fn read(&mut self, text: &str, links: &[(String, String)], line: usize, sets_status: bool) {
        for part in text.lines() {
            let t = part.trim().trim_start_matches('>').trim();
            let lower = t.to_lowercase();
            let own_links: Vec<(String, String)> = links
                .iter()
                .filter(|(label, _)| !label.is_empty() && t.contains(label.as_str()))
                .cloned()
                .collect();
            let links = if own_links.is_empty() && text.lines().count() == 1 {
                links.to_vec()
            } else {
                own_links
            };
            if lower.starts_with("supersedes") {
                self.supersedes = self.supersedes.take().or(reference(&links, &t[10..]));
                continue;
            }
            if lower.starts_with("amended on") {
                self.amended_at = date_in(t);
                if let Some(i) = lower.find("first decided on") {
                    self.first_decided = date_in(&t[i..]);
                }
                continue;
            }
            let Some(status) = status_word(t) else {
                continue;
            };
            if status == AdrStatus::Superseded {
                let after = lower.find(" by").map_or("", |i| &t[i + 3..]);
                self.superseded_by = self.superseded_by.take().or(reference(&links, after));
            }
            if matches!(
                status,
                AdrStatus::Superseded | AdrStatus::Deprecated | AdrStatus::Rejected
            ) && let Some(i) = lower.find(" on ")
            {
                self.status_at = date_in(&t[i..]).or(self.status_at);
                if status != AdrStatus::Superseded
                    && let Some((_, why)) = t[i..].split_once(':')
                {
                    self.reason = why.trim().trim_end_matches('.').to_string();
                }
            }
            if sets_status && self.status.is_none_or(|(s, _)| rank(status) > rank(s)) {
                self.status = Some((status, line));
            }
        }
    }
}

fn strip_number(title: &str) -> String {
    let t = title.trim();
    let re = regex::Regex::new(r"(?i)^(adr[- ]?)?\d+\s*[.:)]?\s*(—|–|-|:)?\s*").expect("valid");
    match re.find(t) {
        Some(m) if m.end() < t.len() => t[m.end()..].trim().to_string(),
        _ => t.to_string(),
    }
}

/// Strips `"…"` or `[…]` around an option name and the trailing punctuation.
fn clean_name(name: &str) -> String {
    name.trim()
        .trim_matches(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}' | '[' | ']' | '`'))
        .trim()
        .to_string()
}

/// `Chosen option: "X", because Y` → (X, Y).
fn chosen_option(text: &str) -> Option<(String, String)> {
    let one = text.replace('\n', " ");
    let lower = one.to_lowercase();
    let i = lower.find("chosen option")?;
    let rest = one[i + "chosen option".len()..].trim_start_matches([':', ' ']);
    let (name, why) = if let Some(r) = rest.strip_prefix(['"', '\u{201c}']) {
        let end = r.find(['"', '\u{201d}'])?;
        (r[..end].to_string(), r[end + 1..].to_string())
    } else {
        match rest.split_once(',') {
            Some((n, w)) => (n.to_string(), w.to_string()),
            None => (rest.to_string(), String::new()),
        }
    };
    let why = why.trim_start_matches([',', ' ']);
    let why = why
        .strip_prefix("because")
        .or_else(|| why.strip_prefix("Because"))
        .unwrap_or(why)
        .trim();
    Some((clean_name(&name), capitalise(why)))
}

/// The first letter made upper case (the records write "because it …").
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn key_value(text: &str) -> Option<(String, String)> {
    let (k, v) = text.split_once(':')?;
    let key: String = k
        .trim()
        .trim_matches('*')
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        key.as_str(),
        "status" | "date" | "deciders" | "decisionmakers" | "consulted" | "informed"
    )
    .then(|| (key, v.trim().to_string()))
}

fn names(text: &str) -> Vec<String> {
    text.split(',')
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Reads a decision record's Markdown.
pub fn parse(text: &str, marker_prefix: &str) -> Result<Record, RecordError> {
    let (blocks, front) = blocks(text);
    let mut r = Record::default();
    let mut facts = StatusFacts::default();
    let fm = match &front {
        Some((yaml, first_line)) => Some(FrontMatter::parse(yaml).map_err(|e| RecordError {
            line: first_line + e.line.saturating_sub(1),
            message: e.message,
        })?),
        None => None,
    };
    let mut bullet_meta = false;
    let mut madr4_words = false;
    if let Some(fm) = &fm {
        if let Some(status) = fm.text("status") {
            let line = front.as_ref().map_or(1, |(_, l)| *l);
            facts.read(&status, &[], line, true);
            if facts.status.is_none() {
                return Err(RecordError {
                    line,
                    message: format!("unknown status {status:?}"),
                });
            }
        }
        r.date = fm.text("date").as_deref().and_then(date_in);
        let makers = fm.names("decision-makers");
        madr4_words = fm.has_any(&["decision-makers"]);
        r.people = People {
            decision_makers: if makers.is_empty() {
                fm.names("deciders")
            } else {
                makers
            },
            consulted: fm.names("consulted"),
            informed: fm.names("informed"),
        };
    }
    r.marker = text
        .lines()
        .take(40)
        .find_map(|l| l.trim().strip_prefix(marker_prefix))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(AdrId::parse);
    let mut h2 = String::new();
    let mut h3 = String::new();
    let mut seen_title = false;
    let mut status_section = false;
    let mut decision_text: Vec<String> = Vec::new();
    let mut consequences: Vec<String> = Vec::new();
    let mut context: Vec<String> = Vec::new();
    let mut title_line = 1;
    for b in &blocks {
        match b.kind {
            Kind::Heading(1) if !seen_title => {
                seen_title = true;
                title_line = b.line;
                r.title = b.text.replace('\n', " ").trim().to_string();
                continue;
            }
            Kind::Heading(2) => {
                h2 = b.text.trim().to_lowercase();
                h3.clear();
                if h2 == "status" {
                    status_section = true;
                }
                continue;
            }
            Kind::Heading(3) => {
                h3 = b.text.replace('\n', " ").trim().to_string();
                if h3.eq_ignore_ascii_case("confirmation") {
                    madr4_words = true;
                }
                if h2 == "pros and cons of the options" {
                    let name = clean_name(&h3);
                    if !r.options.iter().any(|o| o.name == name) {
                        r.options.push(OptionText {
                            name,
                            ..Default::default()
                        });
                    }
                }
                continue;
            }
            Kind::Heading(_) => continue,
            _ => {}
        }
        let flat = b.text.replace('\n', " ").trim().to_string();
        if h2.is_empty() {
            // Between the title and the first section: metadata lines and lifecycle notes.
            let mut any_meta = false;
            for line in b.text.lines() {
                if let Some((key, value)) = key_value(line) {
                    any_meta = true;
                    if b.kind == Kind::Item {
                        bullet_meta = true;
                    }
                    match key.as_str() {
                        "status" if r.status.is_none() => {
                            facts.read(
                                &value,
                                &b.links,
                                b.line,
                                fm.is_none()
                                    || fm.as_ref().is_some_and(|f| f.text("status").is_none()),
                            );
                        }
                        "date" if r.date.is_none() => r.date = date_in(&value),
                        "deciders" | "decisionmakers" if r.people.decision_makers.is_empty() => {
                            r.people.decision_makers = names(&value)
                        }
                        "consulted" if r.people.consulted.is_empty() => {
                            r.people.consulted = names(&value)
                        }
                        "informed" if r.people.informed.is_empty() => {
                            r.people.informed = names(&value)
                        }
                        _ => {}
                    }
                }
            }
            if !any_meta && (b.quoted || seen_title) {
                facts.read(&b.text, &b.links, b.line, false);
            }
            continue;
        }
        match h2.as_str() {
            "status" => facts.read(&b.text, &b.links, b.line, true),
            "context" | "context and problem statement" => context.push(flat),
            "decision" => decision_text.push(flat),
            "consequences" => consequences.push(flat),
            "considered options" if b.kind == Kind::Item => {
                let name = clean_name(&flat);
                if !name.is_empty() && !r.considered.contains(&name) {
                    r.considered.push(name);
                }
            }
            "decision outcome"
                if b.kind == Kind::Item && h3.eq_ignore_ascii_case("consequences") =>
            {
                // As written, not as rendered: a finding keeps its `code` and *marks*.
                let raw = text.get(b.raw.clone()).unwrap_or_default().trim();
                let item = raw
                    .strip_prefix(['*', '-', '+'])
                    .unwrap_or(raw)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                r.accepted_conflicts.extend(accepted_conflict(&item));
            }
            "decision outcome" if r.chosen.is_none() => {
                if let Some((name, why)) = chosen_option(&b.text) {
                    r.chosen = Some(name);
                    r.justification = why;
                }
            }
            "pros and cons of the options" if !h3.is_empty() => {
                let name = clean_name(&h3);
                let Some(o) = r.options.iter_mut().find(|o| o.name == name) else {
                    continue;
                };
                let lower = flat.to_lowercase();
                let point = |prefix: &str| {
                    lower
                        .starts_with(prefix)
                        .then(|| capitalise(flat[prefix.len()..].trim_start_matches([',', ' '])))
                };
                if b.kind == Kind::Item {
                    if let Some(p) = point("good, because").or_else(|| point("good:")) {
                        o.pros.push(p);
                    } else if let Some(c) = point("bad, because").or_else(|| point("bad:")) {
                        o.cons.push(c);
                    } else if let Some(n) = point("neutral, because").or_else(|| point("neutral:"))
                    {
                        madr4_words = true;
                        push_sentence(&mut o.summary, &format!("Neutral: {n}"));
                    } else if flat != "No pros or cons were recorded." {
                        push_sentence(&mut o.summary, &flat);
                    }
                } else {
                    push_sentence(&mut o.summary, &flat);
                }
            }
            _ => {}
        }
    }
    if !seen_title {
        return Err(RecordError {
            line: 1,
            message: "no title (a `# ` heading); not a decision record".into(),
        });
    }
    // infradraft's heading: "ADR-0007 — Compute Resources: Managed containers".
    let numbered_title = r.title.clone();
    r.title = strip_number(&numbered_title);
    if r.marker.is_some()
        && let Some(chosen) = &r.chosen
        && let Some(t) = r.title.strip_suffix(&format!(": {chosen}"))
    {
        r.title = t.trim().to_string();
    }
    if r.title.is_empty() {
        return Err(RecordError {
            line: title_line,
            message: "the title is empty".into(),
        });
    }
    r.context = context.join("\n\n");
    if r.considered.is_empty() && r.options.is_empty() && r.chosen.is_none() {
        // adr-tools: the decision is the record's one option.
        r.chosen = Some(r.title.clone());
        r.justification = decision_text.join("\n\n");
        r.options.push(OptionText {
            name: r.title.clone(),
            summary: consequences.join("\n\n"),
            ..Default::default()
        });
        r.considered.push(r.title.clone());
    }
    for name in r.options.iter().map(|o| o.name.clone()).collect::<Vec<_>>() {
        if !r.considered.contains(&name) {
            r.considered.push(name);
        }
    }
    if let Some(chosen) = &r.chosen
        && !r.considered.contains(chosen)
    {
        r.considered.push(chosen.clone());
    }
    for name in &r.considered {
        if !r.options.iter().any(|o| &o.name == name) {
            r.options.push(OptionText {
                name: name.clone(),
                ..Default::default()
            });
        }
    }
    r.status = facts.status.map(|(s, _)| s);
    r.status_line = facts.status.map_or(title_line, |(_, l)| l);
    r.superseded_by = facts.superseded_by;
    r.supersedes = facts.supersedes;
    r.status_at = facts.status_at;
    r.amended_at = facts.amended_at;
    r.first_decided = facts.first_decided;
    r.status_reason = facts.reason;
    r.shape = Some(if fm.is_some() {
        if madr4_words {
            Shape::Madr4
        } else {
            Shape::Madr3
        }
    } else if bullet_meta {
        Shape::Madr2
    } else if status_section {
        Shape::AdrTools
    } else if madr4_words {
        Shape::Madr4
    } else {
        Shape::Madr2
    });
    Ok(r)
}

fn push_sentence(summary: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !summary.is_empty() {
        summary.push(' ');
    }
    summary.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_their_numbers() {
        assert_eq!(
            strip_number("1. Record architecture decisions"),
            "Record architecture decisions"
        );
        assert_eq!(
            strip_number("ADR-0007 — Compute Resources: X"),
            "Compute Resources: X"
        );
        assert_eq!(strip_number("0003 Use Postgres"), "Use Postgres");
        assert_eq!(strip_number("Use Postgres"), "Use Postgres");
        assert_eq!(strip_number("2024 budget"), "budget");
    }

    #[test]
    fn status_words() {
        assert_eq!(status_word("Accepted"), Some(AdrStatus::Accepted));
        assert_eq!(
            status_word("superseded by ADR-0009"),
            Some(AdrStatus::Superseded)
        );
        assert_eq!(status_word("in review"), Some(AdrStatus::Proposed));
        assert_eq!(
            status_word("[proposed | rejected]"),
            Some(AdrStatus::Proposed)
        );
        assert_eq!(status_word("maybe"), None);
    }

    #[test]
    fn chosen_options() {
        assert_eq!(
            chosen_option("Chosen option: \"Managed Postgres\", because it is cheap."),
            Some(("Managed Postgres".into(), "It is cheap.".into()))
        );
        assert_eq!(
            chosen_option("Chosen option: [Kafka], because\nwe know it"),
            Some(("Kafka".into(), "We know it".into()))
        );
    }

    #[test]
    fn an_adr_tools_status_section_with_links() {
        let text = "# 2. Use MySQL\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\nSuperseded by [3. Use Postgres](0003-use-postgres.md)\n\nSupersedes [1. Use files](0001-use-files.md)\n\n## Context\n\nWe need a database.\n\n## Decision\n\nWe use MySQL.\n\n## Consequences\n\nOps must learn it.\n";
        let r = parse(text, "<!-- infradraft-adr: ").unwrap();
        assert_eq!(r.title, "Use MySQL");
        assert_eq!(r.status, Some(AdrStatus::Superseded));
        assert_eq!(r.status_line, 9);
        assert_eq!(
            r.superseded_by,
            Some(Ref::File("0003-use-postgres.md".into()))
        );
        assert_eq!(r.supersedes, Some(Ref::File("0001-use-files.md".into())));
        assert_eq!(r.date, Some(jiff::civil::date(2024, 3, 1)));
        assert_eq!(r.shape, Some(Shape::AdrTools));
        assert_eq!(r.chosen.as_deref(), Some("Use MySQL"));
        assert_eq!(r.justification, "We use MySQL.");
        assert_eq!(r.options[0].summary, "Ops must learn it.");
        assert_eq!(r.context, "We need a database.");
    }

    #[test]
    fn bad_front_matter_names_its_line_in_the_file() {
        let text = "---\nstatus: accepted\ndate: [2024\n---\n# T\n";
        let e = parse(text, "<!-- x: ").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        let e = parse("---\nstatus: perhaps\n---\n# T\n", "<!-- x: ").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "unknown status \"perhaps\"")
        );
        let e = parse("just text\n", "<!-- x: ").unwrap_err();
        assert!(e.message.contains("no title"));
    }

    #[test]
    fn an_accepted_conflict_is_read_back_from_infradrafts_consequences() {
        let text = "# ADR-0002 — Compute: Kubernetes\n\n## Decision Outcome\n\nChosen option: \"Kubernetes\", because the team runs it.\n\n### Consequences\n\n* Good, because it follows the inputs\n* Bad, because it conflicts with the inputs: Kubernetes vs \u{201c}no Kubernetes (year one)\u{201d} (architecture.md:231) (accepted: the platform team runs it)\n* Bad, because clusters need upgrades\n";
        let r = parse(text, "<!-- infradraft-adr: ").unwrap();
        assert_eq!(
            r.accepted_conflicts,
            [(
                "Kubernetes vs \u{201c}no Kubernetes (year one)\u{201d} (architecture.md:231)"
                    .to_string(),
                "the platform team runs it".to_string()
            )]
        );
        assert_eq!(
            super::accepted_conflict("Bad, because clusters need upgrades"),
            None
        );
    }
}
