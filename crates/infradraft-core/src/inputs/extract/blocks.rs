//! A flat view of a Markdown document for the extractors: headings, paragraphs, list items and table
//! rows, each with its plain text (inline markup removed, whitespace collapsed), the 1-based line it
//! starts on and the headings it sits under. Fenced and indented code, HTML blocks and front matter are
//! skipped. Parsing is pulldown-cmark's; only byte offsets are mapped to lines here.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Heading;

/// A parsed document: its headings (in order) and its text blocks (in order of their start).
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    /// The header cells of each table, indexed by [`BlockKind::Row::table`].
    pub tables: Vec<Vec<String>>,
}

/// One block of text.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// Plain text, whitespace collapsed, trimmed. For a list item: its own text, without nested lists.
    /// For a table row: the cells joined with " | ".
    pub text: String,
    /// 1-based line the block starts on.
    pub line: u32,
    /// `(byte position in text, line)` for each piece of source text, to find the line of a sentence.
    pub spans: Vec<(usize, u32)>,
    /// Indices into [`Doc::headings`] of the headings this block is under, outermost first.
    pub path: Vec<usize>,
    /// The text of a bold or italic run that opens the block (`**Kubernetes** — …`), if any.
    pub lead: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BlockKind {
    Paragraph,
    Item {
        ordered: bool,
        /// 1 for a top-level item, 2 for an item in a list nested in an item, …
        depth: usize,
        /// Block index of the item this one is nested in.
        parent: Option<usize>,
    },
    Row {
        table: usize,
        cells: Vec<String>,
    },
}

impl Block {
    /// The line of the source text at byte position `pos` of [`Block::text`].
    pub fn line_at(&self, pos: usize) -> u32 {
        let i = self.spans.partition_point(|&(p, _)| p <= pos);
        if i == 0 {
            self.line
        } else {
            self.spans[i - 1].1
        }
    }

    /// The nearest heading above this block, as an index into [`Doc::headings`].
    pub fn heading(&self) -> Option<usize> {
        self.path.last().copied()
    }
}

/// Byte offset → 1-based line, counting `\n` as in [`str::lines`].
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        let n = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(n.max(1)).unwrap_or(u32::MAX)
    }
}

/// Text being collected for one block, with whitespace collapsing and line spans.
#[derive(Debug, Default)]
struct Buf {
    text: String,
    spans: Vec<(usize, u32)>,
    pending_space: bool,
    lead: Option<String>,
    /// Nesting depth of the emphasis run being captured as the lead; 0 when not capturing.
    lead_depth: usize,
    lead_done: bool,
}

impl Buf {
    fn push(&mut self, piece: &str, line: u32) {
        let mut spanned = false;
        for c in piece.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                if self.lead_depth > 0
                    && let Some(lead) = &mut self.lead
                    && !lead.is_empty()
                {
                    lead.push(' ');
                }
                continue;
            }
            if self.pending_space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.pending_space = false;
            if !spanned {
                self.spans.push((self.text.len(), line));
                spanned = true;
            }
            self.text.push(c);
            if self.lead_depth > 0
                && let Some(lead) = &mut self.lead
            {
                lead.push(c);
            }
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn start_emphasis(&mut self) {
        if self.lead_depth > 0 {
            self.lead_depth += 1;
        } else if !self.lead_done && self.text.trim().is_empty() {
            self.lead = Some(String::new());
            self.lead_depth = 1;
        } else {
            self.lead_done = true;
        }
    }

    fn end_emphasis(&mut self) {
        if self.lead_depth > 0 {
            self.lead_depth -= 1;
            if self.lead_depth == 0 {
                self.lead_done = true;
            }
        }
    }

    fn lead(&self) -> Option<String> {
        self.lead
            .as_ref()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
    }
}

enum Open {
    Heading {
        level: u8,
        line: u32,
        buf: Buf,
    },
    Para {
        line: u32,
        buf: Buf,
    },
    /// A paragraph inside a list item: its text goes to the item.
    ItemPara,
    Item {
        block: usize,
        buf: Buf,
    },
    List {
        ordered: bool,
    },
    Table {
        idx: usize,
    },
    Head {
        cells: Vec<String>,
    },
    Row {
        line: u32,
        cells: Vec<String>,
    },
    Cell {
        buf: Buf,
    },
    /// Code, HTML, front matter: text inside is skipped.
    Skip,
    Other,
}

fn level_u8(level: HeadingLevel) -> u8 {
    // HeadingLevel's discriminants are the heading numbers (H1 = 1 … H6 = 6).
    level as u8
}

/// The pulldown-cmark options every extractor uses.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

struct Builder {
    doc: Doc,
    stack: Vec<Open>,
    /// What each open element of `stack` makes of the ones under it, kept beside it so that
    /// finding where text goes is constant time however deep the nesting (a crafted text can
    /// nest emphasis tens of thousands deep).
    frames: Vec<Frame>,
    path: Vec<usize>,
}

/// Where inline text goes.
#[derive(Debug, Clone, Copy, Default)]
enum Target {
    /// Nowhere: no block collects text here.
    #[default]
    Nothing,
    /// Inside code, HTML or metadata: text is not collected.
    Blocked,
    /// The buffer of the open element at this stack index.
    Stack(usize),
}

#[derive(Debug, Clone, Copy, Default)]
struct Frame {
    /// Where text goes.
    target: Target,
    /// Where text goes from a paragraph inside a list item: the item, past any other buffer.
    to_item: Target,
    /// How many lists are open.
    lists: usize,
    /// Whether the innermost open list is ordered.
    ordered: bool,
    /// The stack index of the innermost open item.
    item: Option<usize>,
}

impl Frame {
    /// The frame of `open`, pushed at stack index `at` over `below`.
    fn over(below: Frame, open: &Open, at: usize) -> Frame {
        let mut f = below;
        match open {
            Open::Skip => {
                f.target = Target::Blocked;
                f.to_item = Target::Blocked;
            }
            Open::Item { .. } => {
                f.target = Target::Stack(at);
                f.to_item = Target::Stack(at);
                f.item = Some(at);
            }
            Open::Heading { .. } | Open::Para { .. } | Open::Cell { .. } => {
                f.target = Target::Stack(at);
            }
            Open::ItemPara => f.target = below.to_item,
            Open::List { ordered } => {
                f.lists += 1;
                f.ordered = *ordered;
            }
            Open::Table { .. } | Open::Head { .. } | Open::Row { .. } | Open::Other => {}
        }
        f
    }
}

impl Builder {
    fn frame(&self) -> Frame {
        self.frames.last().copied().unwrap_or_default()
    }

    /// The buffer that inline text currently goes to, if any.
    fn target(&mut self) -> Option<&mut Buf> {
        let Target::Stack(i) = self.frame().target else {
            return None;
        };
        match self.stack.get_mut(i)? {
            Open::Item { buf, .. }
            | Open::Heading { buf, .. }
            | Open::Para { buf, .. }
            | Open::Cell { buf } => Some(buf),
            _ => None,
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: u32) {
        let open = match tag {
            Tag::Heading { level, .. } => Open::Heading {
                level: level_u8(level),
                line,
                buf: Buf::default(),
            },
            Tag::Paragraph => {
                if let Some(Open::Item { buf, .. }) = self.stack.last_mut() {
                    buf.space();
                    Open::ItemPara
                } else {
                    Open::Para {
                        line,
                        buf: Buf::default(),
                    }
                }
            }
            Tag::List(first) => Open::List {
                ordered: first.is_some(),
            },
            Tag::Item => {
                let frame = self.frame();
                let depth = frame.lists;
                let ordered = frame.lists > 0 && frame.ordered;
                let parent = frame.item.and_then(|i| match self.stack.get(i) {
                    Some(Open::Item { block, .. }) => Some(*block),
                    _ => None,
                });
                // Nested list text that follows must not run into the parent's text.
                if let Some(Some(Open::Item { buf, .. })) =
                    frame.item.map(|i| self.stack.get_mut(i))
                {
                    buf.space();
                }
                let block = self.doc.blocks.len();
                self.doc.blocks.push(Block {
                    kind: BlockKind::Item {
                        ordered,
                        depth: depth.max(1),
                        parent,
                    },
                    text: String::new(),
                    line,
                    spans: Vec::new(),
                    path: self.path.clone(),
                    lead: None,
                });
                Open::Item {
                    block,
                    buf: Buf::default(),
                }
            }
            Tag::Table(_) => {
                self.doc.tables.push(Vec::new());
                Open::Table {
                    idx: self.doc.tables.len() - 1,
                }
            }
            Tag::TableHead => Open::Head { cells: Vec::new() },
            Tag::TableRow => Open::Row {
                line,
                cells: Vec::new(),
            },
            Tag::TableCell => Open::Cell {
                buf: Buf::default(),
            },
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => Open::Skip,
            Tag::Strong | Tag::Emphasis => {
                if let Some(buf) = self.target() {
                    buf.start_emphasis();
                }
                Open::Other
            }
            _ => Open::Other,
        };
        let frame = Frame::over(self.frame(), &open, self.stack.len());
        self.stack.push(open);
        self.frames.push(frame);
    }

    fn end(&mut self, tag: TagEnd) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        self.frames.pop();
        match open {
            Open::Heading { level, line, buf } => {
                let idx = self.doc.headings.len();
                self.doc.headings.push(Heading {
                    level,
                    text: buf.text.trim().to_string(),
                    line,
                });
                while let Some(&last) = self.path.last() {
                    if self.doc.headings[last].level >= level {
                        self.path.pop();
                    } else {
                        break;
                    }
                }
                self.path.push(idx);
            }
            Open::Para { line, buf } => {
                if !buf.text.trim().is_empty() {
                    let lead = buf.lead();
                    self.doc.blocks.push(Block {
                        kind: BlockKind::Paragraph,
                        text: buf.text,
                        line,
                        spans: buf.spans,
                        path: self.path.clone(),
                        lead,
                    });
                }
            }
            Open::Item { block, buf } => {
                let lead = buf.lead();
                if let Some(b) = self.doc.blocks.get_mut(block) {
                    b.text = buf.text;
                    b.spans = buf.spans;
                    b.lead = lead;
                }
            }
            Open::Cell { buf } => match self.stack.last_mut() {
                Some(Open::Head { cells }) | Some(Open::Row { cells, .. }) => {
                    cells.push(buf.text.trim().to_string());
                }
                _ => {}
            },
            Open::Head { cells } => {
                if let Some(idx) = self.stack.iter().rev().find_map(|o| match o {
                    Open::Table { idx } => Some(*idx),
                    _ => None,
                }) {
                    self.doc.tables[idx] = cells;
                }
            }
            Open::Row { line, cells } => {
                let table = self
                    .stack
                    .iter()
                    .rev()
                    .find_map(|o| match o {
                        Open::Table { idx } => Some(*idx),
                        _ => None,
                    })
                    .unwrap_or(0);
                if cells.iter().any(|c| !c.is_empty()) {
                    let text = cells.join(" | ");
                    self.doc.blocks.push(Block {
                        kind: BlockKind::Row { table, cells },
                        spans: vec![(0, line)],
                        text,
                        line,
                        path: self.path.clone(),
                        lead: None,
                    });
                }
            }
            Open::Other => {
                if matches!(tag, TagEnd::Strong | TagEnd::Emphasis)
                    && let Some(buf) = self.target()
                {
                    buf.end_emphasis();
                }
            }
            Open::ItemPara | Open::List { .. } | Open::Table { .. } | Open::Skip => {}
        }
    }
}

static PARSED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many documents this process has parsed for extraction: the workbench's tests hold that
/// drawing a frame parses none.
pub fn documents_parsed() -> u64 {
    PARSED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Parses `text` into headings and blocks.
pub(crate) fn parse(text: &str) -> Doc {
    PARSED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let lines = LineIndex::new(text);
    let mut b = Builder {
        doc: Doc::default(),
        stack: Vec::new(),
        frames: Vec::new(),
        path: Vec::new(),
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let line = lines.line(range.start);
        match event {
            Event::Start(tag) => b.start(tag, line),
            Event::End(tag) => b.end(tag),
            Event::Text(s) | Event::Code(s) | Event::InlineMath(s) | Event::DisplayMath(s) => {
                if let Some(buf) = b.target() {
                    buf.push(&s, line);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::InlineHtml(_) => {
                if let Some(buf) = b.target() {
                    buf.space();
                }
            }
            _ => {}
        }
    }
    for block in &mut b.doc.blocks {
        let trimmed = block.text.trim_end().len();
        block.text.truncate(trimmed);
    }
    b.doc
}

/// The text of line `line` (1-based) of `text`, trimmed; empty when out of range.
pub(crate) fn line_text(text: &str, line: u32) -> &str {
    if line == 0 {
        return "";
    }
    text.lines()
        .nth(line as usize - 1)
        .map(str::trim)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_paragraphs_rows_and_lines() {
        let md = "# T\n\nIntro **bold** text\nwrapped.\n\n- a *x*\n  - nested\n- **Lead** — b\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```\n- not an item\n```\n";
        let doc = parse(md);
        assert_eq!(doc.headings.len(), 1);
        let texts: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.line))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("Intro bold text wrapped.", 3),
                ("a x", 6),
                ("nested", 7),
                ("Lead — b", 8),
                ("1 | 2", 12),
            ]
        );
        assert_eq!(doc.blocks[0].line_at(17), 4);
        assert_eq!(doc.blocks[3].lead.as_deref(), Some("Lead"));
        assert_eq!(doc.blocks[0].lead, None);
        assert!(matches!(
            doc.blocks[2].kind,
            BlockKind::Item {
                depth: 2,
                parent: Some(1),
                ..
            }
        ));
        assert_eq!(doc.tables[0], vec!["A", "B"]);
        assert!(doc.blocks.iter().all(|b| b.path == vec![0]));
    }

    #[test]
    fn deeply_nested_emphasis_and_lists_are_read_in_one_pass() {
        let n = 20_000;
        let doc = parse(&format!("{}x{}\n", "*".repeat(n), "*".repeat(n)));
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].text.trim_matches('*'), "x");
        let mut md = String::new();
        for depth in 0..200 {
            md.push_str(&format!("{}- level {depth}\n", "  ".repeat(depth)));
        }
        let doc = parse(&md);
        assert_eq!(doc.blocks.len(), 200);
        assert!(matches!(
            doc.blocks[150].kind,
            BlockKind::Item {
                parent: Some(149),
                ..
            }
        ));
    }

    #[test]
    fn loose_items_join_their_paragraphs() {
        let doc = parse("1. first para\n\n   second para\n\n2. next\n");
        assert_eq!(doc.blocks[0].text, "first para second para");
        assert_eq!(doc.blocks[1].text, "next");
        assert!(matches!(
            doc.blocks[1].kind,
            BlockKind::Item { ordered: true, .. }
        ));
    }

    #[test]
    fn line_index_and_line_text() {
        let text = "a\nb\r\nc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(line_text(text, 2), "b");
        assert_eq!(line_text(text, 9), "");
        assert_eq!(line_text(text, 0), "");
    }
}
