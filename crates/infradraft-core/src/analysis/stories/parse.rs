//! The epics and stories already written in the inputs (see the module documentation of
//! [`super`] for the formats read).

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::model::{InputDocument, InputKind, SourceRef};

/// An epic of the inputs with its stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Epic {
    /// The epic's number as written, e.g. `1`.
    pub number: String,
    /// The title after the number; empty when the inputs give none.
    pub title: String,
    /// Where the epic's heading is (for an epic made from its stories' numbers: its line in an epic
    /// list, or else its first story's heading).
    pub source: SourceRef,
    pub stories: Vec<Story>,
}

impl Epic {
    /// `Epic 1`.
    pub fn label(&self) -> String {
        format!("Epic {}", self.number)
    }

    /// The story numbered `number` (`1.2`), if this epic has it.
    pub fn story(&self, number: &str) -> Option<&Story> {
        self.stories.iter().find(|s| s.number == number)
    }
}

/// A story of the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The story's number, e.g. `1.2`.
    pub number: String,
    pub title: String,
    /// The `As a …, I want …, so that …` sentence, if the story has one.
    pub user_story: Option<String>,
    pub acceptance_criteria: Vec<String>,
    /// Where the story's heading is.
    pub source: SourceRef,
}

impl Story {
    /// `Story 1.2`: how refinements name the story.
    pub fn label(&self) -> String {
        format!("Story {}", self.number)
    }

    /// The epic number: the part of the story number before the first dot.
    pub fn epic_number(&self) -> &str {
        self.number.split('.').next().unwrap_or(&self.number)
    }
}

/// The epics and stories of `inputs`. PRDs are read first, then the other inputs in order; the
/// first occurrence of an epic or story number wins. Epics are sorted by number.
pub fn epics(inputs: &[InputDocument]) -> Vec<Epic> {
    let mut order: Vec<&InputDocument> = inputs.iter().collect();
    order.sort_by_key(|d| d.kind != InputKind::Prd);
    let mut acc = Acc::default();
    for doc in order {
        read_document(&mut acc, doc);
    }
    let mut out = acc.epics;
    out.sort_by_key(|e| number_key(&e.number));
    out
}

fn number_key(n: &str) -> (Vec<u64>, String) {
    (
        n.split('.')
            .map(|p| p.parse::<u64>().unwrap_or(u64::MAX))
            .collect(),
        n.to_string(),
    )
}

static EPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^epic\s+(\d+)\s*(?:[:\-\u{2013}\u{2014})]|\.(?:\s|$))?\s*(.*)$")
        .expect("epic pattern")
});
static STORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:user\s+)?story|us)(?:\s+|\s*[-_#]\s*)(\d+(?:\.\d+)*)\s*(?:[:\-\u{2013}\u{2014})]|\.(?:\s|$))?\s*(.*)$",
    )
    .expect("story pattern")
});
static AS_A: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:user\s+)?story\s*:\s*)?(as\s+\S.*?\bi\s+(?:want|need|would\s+like|'d\s+like)\b.*)$",
    )
    .expect("user story pattern")
});

/// Heading levels that can hold an epic or a story (6: a plain `Epic n:` line).
const LEVELS: std::ops::RangeInclusive<u8> = 2..=6;

fn parse_epic(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let c = EPIC.captures(text)?;
    // "Epic 1.2 …" is not an epic heading.
    let rest = &text.as_bytes()[c.get(1)?.end()..];
    if rest.first() == Some(&b'.') && rest.get(1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((c[1].to_string(), clean_title(&c[2])))
}

fn parse_story(text: &str) -> Option<(String, String)> {
    let c = STORY.captures(text.trim())?;
    Some((c[1].to_string(), clean_title(&c[2])))
}

fn clean_title(t: &str) -> String {
    t.trim()
        .trim_end_matches([':', '.', ' '])
        .trim()
        .to_string()
}

/// `Acceptance criteria`, `Acceptance Criteria:`, `ACCEPTANCE CRITERIA (AC)`.
fn is_criteria_label(text: &str) -> bool {
    let norm: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = norm.split_whitespace().collect();
    words.len() <= 4 && words.starts_with(&["acceptance", "criteria"])
}

/// A block of a document, as far as stories care.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading {
        level: u8,
        text: String,
        line: u32,
    },
    Paragraph {
        text: String,
        line: u32,
    },
    /// A list item's own text (without nested lists); `depth` 1 for a top-level item.
    Item {
        text: String,
        line: u32,
        depth: usize,
    },
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Headings, paragraphs and list items of `text` in document order, with their 1-based lines.
/// Code, HTML, front matter and tables are left out.
fn blocks(text: &str) -> Vec<Block> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| -> u32 {
        u32::try_from(line_starts.partition_point(|&s| s <= offset).max(1)).unwrap_or(u32::MAX)
    };
    let mut out: Vec<Block> = Vec::new();
    // Open text targets: a heading or paragraph being collected, and the open list items (indices
    // into `out`, reserved when the item starts so that items keep document order).
    let mut current: Option<Block> = None;
    let mut items: Vec<usize> = Vec::new();
    let mut lists = 0usize;
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Table(_) => {
                    skip += 1
                }
                Tag::Heading { level, .. } if skip == 0 => {
                    current = Some(Block::Heading {
                        level: level as u8,
                        text: String::new(),
                        line: line_of(range.start),
                    });
                }
                Tag::Paragraph if skip == 0 && items.is_empty() => {
                    current = Some(Block::Paragraph {
                        text: String::new(),
                        line: line_of(range.start),
                    });
                }
                Tag::Paragraph => push_text(&mut out, &mut current, &items, " "),
                Tag::List(_) => lists += 1,
                Tag::Item if skip == 0 => {
                    items.push(out.len());
                    out.push(Block::Item {
                        text: String::new(),
                        line: line_of(range.start),
                        depth: lists,
                    });
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::Table => skip = skip.saturating_sub(1),
                TagEnd::Heading(_) | TagEnd::Paragraph => {
                    if let Some(mut b) = current.take() {
                        tidy(&mut b);
                        out.push(b);
                    }
                }
                TagEnd::List(_) => lists = lists.saturating_sub(1),
                TagEnd::Item => {
                    if let Some(i) = items.pop()
                        && let Some(b) = out.get_mut(i)
                    {
                        tidy(b);
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) if skip == 0 => {
                push_text(&mut out, &mut current, &items, &t)
            }
            // A paragraph keeps its lines: "Epic 1: …" and "Story 1.1: …" lines written without
            // heading markers are read one by one.
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                let sep = if matches!(current, Some(Block::Paragraph { .. })) {
                    "\n"
                } else {
                    " "
                };
                push_text(&mut out, &mut current, &items, sep)
            }
            _ => {}
        }
    }
    out
}

fn push_text(out: &mut [Block], current: &mut Option<Block>, items: &[usize], piece: &str) {
    let target = match current {
        Some(b) => Some(b),
        None => items.last().and_then(|&i| out.get_mut(i)),
    };
    if let Some(
        Block::Heading { text, .. } | Block::Paragraph { text, .. } | Block::Item { text, .. },
    ) = target
    {
        text.push_str(piece);
    }
}

fn tidy(b: &mut Block) {
    let (Block::Heading { text, .. } | Block::Paragraph { text, .. } | Block::Item { text, .. }) =
        b;
    *text = text
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
}

static PLAIN_EPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^epic\s+\d+\s*[:\-\u{2013}\u{2014}]").expect("plain epic pattern")
});
static PLAIN_STORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:user\s+)?story\s+\d+(?:\.\d+)*\s*[:\-\u{2013}\u{2014}]")
        .expect("plain story pattern")
});

/// The heading level a plain `Epic n:` or `Story n.m:` line stands for: below any real heading,
/// so that the next heading ends it.
const PLAIN_LEVEL: u8 = 6;

/// A paragraph as blocks: each line that is an `Epic n:` or `Story n.m:` line becomes a heading of
/// its own (with its line number), an `Acceptance criteria:` line a paragraph of its own, and the
/// lines between them one paragraph each.
fn split_plain_headings(text: &str, line: u32) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut para: Option<(String, u32)> = None;
    for (k, l) in text.split('\n').enumerate() {
        let at = line.saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
        if PLAIN_EPIC.is_match(l) || PLAIN_STORY.is_match(l) {
            if let Some((t, n)) = para.take() {
                out.push(Block::Paragraph { text: t, line: n });
            }
            out.push(Block::Heading {
                level: PLAIN_LEVEL,
                text: l.to_string(),
                line: at,
            });
        } else if is_criteria_label(l) {
            // "Acceptance criteria:" on its own line starts the criteria.
            if let Some((t, n)) = para.take() {
                out.push(Block::Paragraph { text: t, line: n });
            }
            out.push(Block::Paragraph {
                text: l.to_string(),
                line: at,
            });
        } else {
            match para.as_mut() {
                Some((t, _)) => {
                    t.push(' ');
                    t.push_str(l);
                }
                None => para = Some((l.to_string(), at)),
            }
        }
    }
    if let Some((t, n)) = para {
        out.push(Block::Paragraph { text: t, line: n });
    }
    out
}

/// What all documents read so far have given.
#[derive(Default)]
struct Acc {
    epics: Vec<Epic>,
    /// Whether each epic of `epics` came from a heading (else from its stories' numbers).
    headed: Vec<bool>,
    /// Epics named in lists or paragraphs (`Epic 2: Title — …`): number, title, source.
    listed: Vec<(String, String, SourceRef)>,
}

impl Acc {
    fn epic_index(&self, number: &str) -> Option<usize> {
        self.epics.iter().position(|e| e.number == number)
    }

    /// The epic numbered `number`, made from an epic list line or `fallback` if there is none yet.
    fn epic_for(&mut self, number: &str, fallback: &SourceRef) -> usize {
        if let Some(i) = self.epic_index(number) {
            return i;
        }
        let (title, source) = self
            .listed
            .iter()
            .find(|(n, _, _)| n == number)
            .map(|(_, t, s)| (t.clone(), s.clone()))
            .unwrap_or_else(|| (String::new(), fallback.clone()));
        self.epics.push(Epic {
            number: number.to_string(),
            title,
            source,
            stories: Vec::new(),
        });
        self.headed.push(false);
        self.epics.len() - 1
    }

    /// An epic heading: a new epic, or the heading of one made from its stories before.
    fn headed_epic(&mut self, number: &str, title: String, source: SourceRef) -> usize {
        match self.epic_index(number) {
            Some(i) => {
                if !self.headed[i] {
                    self.headed[i] = true;
                    if !title.is_empty() {
                        self.epics[i].title = title;
                    }
                    self.epics[i].source = source;
                }
                i
            }
            None => {
                self.epics.push(Epic {
                    number: number.to_string(),
                    title,
                    source,
                    stories: Vec::new(),
                });
                self.headed.push(true);
                self.epics.len() - 1
            }
        }
    }

    fn note_listed(&mut self, text: &str, source: SourceRef) {
        let Some((number, title)) = parse_epic(text) else {
            return;
        };
        if self.listed.iter().any(|(n, _, _)| *n == number) {
            return;
        }
        // "Foundation and Booking Core — environments, pipeline, …": the title is before the dash.
        let title = [" \u{2014} ", " \u{2013} ", " - ", "\u{2014}"]
            .iter()
            .filter_map(|sep| title.find(sep))
            .min()
            .map(|i| clean_title(&title[..i]))
            .unwrap_or(title);
        self.listed.push((number, title, source));
    }
}

/// The story being read: where it is in `Acc::epics`, its heading level, and the criteria state.
struct Open {
    epic: usize,
    story: usize,
    level: u8,
    in_criteria: bool,
    /// The depth of the criteria list's top-level items, once the first is seen.
    criteria_depth: Option<usize>,
}

fn read_document(acc: &mut Acc, doc: &InputDocument) {
    let at = |line: u32| SourceRef {
        input: doc.path.clone(),
        line,
    };
    // The current epic heading: epic index and heading level.
    let mut epic: Option<(usize, u8)> = None;
    let mut open: Option<Open> = None;
    let all = blocks(&doc.text).into_iter().flat_map(|b| match b {
        Block::Paragraph { text, line } => split_plain_headings(&text, line),
        other => vec![other],
    });
    for block in all {
        match block {
            Block::Heading { level, text, line } => {
                let story_heading = LEVELS
                    .contains(&level)
                    .then(|| parse_story(&text))
                    .flatten();
                let epic_heading = if story_heading.is_none() && LEVELS.contains(&level) {
                    parse_epic(&text)
                } else {
                    None
                };
                if let Some((number, title)) = epic_heading {
                    open = None;
                    epic = Some((acc.headed_epic(&number, title, at(line)), level));
                } else if let Some((number, title)) = story_heading {
                    open = None;
                    let number = if number.contains('.') {
                        Some(number)
                    } else {
                        // "Story 3" under "Epic 1" is story 1.3.
                        epic.map(|(e, _)| format!("{}.{number}", acc.epics[e].number))
                    };
                    let Some(number) = number else {
                        continue;
                    };
                    let prefix = number.split('.').next().unwrap_or_default().to_string();
                    let e = acc.epic_for(&prefix, &at(line));
                    if acc.epics[e].story(&number).is_some() {
                        continue;
                    }
                    acc.epics[e].stories.push(Story {
                        number,
                        title,
                        user_story: None,
                        acceptance_criteria: Vec::new(),
                        source: at(line),
                    });
                    open = Some(Open {
                        epic: e,
                        story: acc.epics[e].stories.len() - 1,
                        level,
                        in_criteria: false,
                        criteria_depth: None,
                    });
                } else if let Some(o) = open.as_mut().filter(|_| is_criteria_label(&text)) {
                    o.in_criteria = true;
                    o.criteria_depth = None;
                } else {
                    if open.as_ref().is_some_and(|o| level <= o.level) {
                        open = None;
                    }
                    if epic.is_some_and(|(_, l)| level <= l) {
                        epic = None;
                    }
                    if let Some(o) = open.as_mut() {
                        o.in_criteria = false;
                    }
                }
            }
            Block::Paragraph { text, line } => {
                let Some(o) = open.as_mut() else {
                    acc.note_listed(&text, at(line));
                    continue;
                };
                let story = &mut acc.epics[o.epic].stories[o.story];
                if is_criteria_label(&text) {
                    o.in_criteria = true;
                    o.criteria_depth = None;
                } else if o.in_criteria {
                    // Text after the list ends the criteria; text before it introduces them.
                    if !story.acceptance_criteria.is_empty() {
                        o.in_criteria = false;
                    }
                } else if story.user_story.is_none()
                    && let Some(c) = AS_A.captures(&text)
                {
                    story.user_story = Some(c[1].to_string());
                }
            }
            Block::Item { text, line, depth } => {
                let Some(o) = open.as_mut() else {
                    acc.note_listed(&text, at(line));
                    continue;
                };
                if !o.in_criteria || text.is_empty() {
                    continue;
                }
                let top = *o.criteria_depth.get_or_insert(depth);
                let criteria = &mut acc.epics[o.epic].stories[o.story].acceptance_criteria;
                match criteria.last_mut() {
                    Some(last) if depth > top => {
                        let sep = if last.ends_with(['.', ';', ':', '!', '?']) {
                            " "
                        } else {
                            "; "
                        };
                        last.push_str(sep);
                        last.push_str(&text);
                    }
                    _ => criteria.push(text),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epics_and_stories_written_as_plain_lines() {
        let doc = InputDocument {
            kind: InputKind::Prd,
            path: "prd.md".into(),
            sha256: String::new(),
            snapshot_at: jiff::Timestamp::UNIX_EPOCH,
            text: "Soil Sensors\n============\n\nEpics for the first season:\n\nEpic 1: Field gateway\nEpic 2 - Dashboards\n\nStory 1.1: Pair a probe\nAs a grower, I want to pair a probe so that its readings arrive.\nAcceptance criteria:\n\n- The probe shows up within a minute\n\nEpic 2 covers the growers' dashboards.\n".into(),
        };
        let epics = epics(std::slice::from_ref(&doc));
        let got: Vec<(&str, &str, u32)> = epics
            .iter()
            .map(|e| (e.number.as_str(), e.title.as_str(), e.source.line))
            .collect();
        assert_eq!(got, [("1", "Field gateway", 6), ("2", "Dashboards", 7)]);
        let story = &epics[0].stories[0];
        assert_eq!((story.number.as_str(), story.source.line), ("1.1", 9));
        assert_eq!(
            story.user_story.as_deref(),
            Some("As a grower, I want to pair a probe so that its readings arrive.")
        );
        assert_eq!(
            story.acceptance_criteria,
            ["The probe shows up within a minute"]
        );
    }

    #[test]
    fn epic_headings() {
        for (text, number, title) in [
            ("Epic 1: Foundation", "1", "Foundation"),
            ("Epic 2 - Payments", "2", "Payments"),
            ("Epic 3 \u{2014} Reporting", "3", "Reporting"),
            ("EPIC 4. Go-live", "4", "Go-live"),
            ("Epic 12", "12", ""),
        ] {
            assert_eq!(
                parse_epic(text),
                Some((number.to_string(), title.to_string())),
                "{text}"
            );
        }
        assert_eq!(parse_epic("Epic List"), None);
        assert_eq!(parse_epic("Epics and stories"), None);
        assert_eq!(parse_epic("Epic 1.2 Something"), None);
    }

    #[test]
    fn story_headings() {
        for (text, number, title) in [
            ("Story 1.1: Environments", "1.1", "Environments"),
            ("Story 1.2 - Observability", "1.2", "Observability"),
            ("User Story 2.3 \u{2014} Readiness", "2.3", "Readiness"),
            ("US-4.1: Vessels", "4.1", "Vessels"),
            ("US 4.2 Delays", "4.2", "Delays"),
            ("story 5.1. GDPR", "5.1", "GDPR"),
            ("Story 3", "3", ""),
        ] {
            assert_eq!(
                parse_story(text),
                Some((number.to_string(), title.to_string())),
                "{text}"
            );
        }
        assert_eq!(parse_story("Stories"), None);
        assert_eq!(parse_story("User journeys"), None);
        assert_eq!(parse_story("Use cases 1.2"), None);
    }

    #[test]
    fn user_stories() {
        for (text, want) in [
            ("As a developer, I want x, so that y.", true),
            ("As the head of sales, I want x.", true),
            ("User story: As an operator I need x", true),
            ("As agreed with the board, we ship in May.", false),
            ("Stories as a rule are small; I want none.", false),
        ] {
            assert_eq!(AS_A.is_match(text), want, "{text}");
        }
        assert_eq!(
            &AS_A
                .captures("User story: As an operator I need x")
                .unwrap()[1],
            "As an operator I need x"
        );
    }

    #[test]
    fn criteria_labels() {
        assert!(is_criteria_label("Acceptance Criteria"));
        assert!(is_criteria_label("Acceptance criteria:"));
        assert!(is_criteria_label("ACCEPTANCE CRITERIA (AC)"));
        assert!(!is_criteria_label("Acceptance"));
        assert!(!is_criteria_label(
            "Acceptance criteria are written by the product owner for every story"
        ));
    }

    #[test]
    fn blocks_keep_document_order_and_lines() {
        let md = "## Epic 1: A\n\n- one\n  - nested\n- two\n\n```\n## Story 9.9: code\n```\n";
        let b = blocks(md);
        assert_eq!(
            b,
            vec![
                Block::Heading {
                    level: 2,
                    text: "Epic 1: A".into(),
                    line: 1
                },
                Block::Item {
                    text: "one".into(),
                    line: 3,
                    depth: 1
                },
                Block::Item {
                    text: "nested".into(),
                    line: 4,
                    depth: 2
                },
                Block::Item {
                    text: "two".into(),
                    line: 5,
                    depth: 1
                },
            ]
        );
    }
}
