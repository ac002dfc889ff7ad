//! The Markdown event walker: turns pulldown-cmark events into prefixed, wrapped lines.
//!
//! Block containers (quotes, list items, footnote definitions) form a stack; each contributes a
//! prefix to every line emitted inside it (a list item's marker on its first line, spaces of the
//! same width after). Inline content collects into styled fragments and is wrapped to the width
//! left after the prefixes when its block ends. A blank line separates blocks.

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, MetadataBlockKind, Parser, Tag, TagEnd,
};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

#[cfg(test)]
use super::blocks;
use super::blocks::Definitions;
use super::blocks::OPTIONS;
use super::table::{self, TableData};
use super::wrap::{self, Frag, HARD_BREAK, frags_width, push_text, width};
use super::{Highlighter, MIN_CONTENT, MIN_WIDTH, PreviewStyles, drawings};
use crate::text::sanitize;

/// Longest link target shown after a link, in columns.
const MAX_TARGET: usize = 200;

/// The size of the pieces `infradraft render` parses a long text in (see [`blocks::chunks`]).
pub(crate) const CHUNK: usize = 16 * 1024;

pub(crate) fn render(
    md: &str,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
    definitions: Option<&Definitions>,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    // A label this block defines again after the text defined it: the text's first definition
    // wins, as it does when the text is parsed whole.
    let prefixed = definitions.and_then(|d| d.earlier_than(md)).map(|p| p + md);
    let md = prefixed.as_deref().unwrap_or(md);
    let done: std::io::Result<()> =
        render_pieces(&[md], width, styles, hl, definitions, &mut |line| {
            lines.push(line);
            Ok(())
        });
    debug_assert!(done.is_ok(), "collecting lines cannot fail");
    lines
}

/// Renders a text given as consecutive pieces that parse as the whole would (see
/// [`blocks::chunks`]), handing each finished line to `sink` as soon as it is laid out, so that
/// neither the whole rendering nor the whole text's parse tree is ever held in memory. Stops
/// at the first error from `sink`. A reference to a label that `definitions` defines (those of
/// the whole text the pieces come from) links to it.
pub(crate) fn render_pieces<E>(
    pieces: &[&str],
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
    definitions: Option<&Definitions>,
    sink: &mut dyn FnMut(Line<'static>) -> Result<(), E>,
) -> Result<(), E> {
    let width = usize::from(width.max(MIN_WIDTH));
    let mut r = Renderer::new(styles, hl, width);
    for piece in pieces {
        let resolve = |link: pulldown_cmark::BrokenLink<'_>| {
            let (dest, title) = definitions?.get(&link.reference)?;
            Some((
                pulldown_cmark::CowStr::from(dest.clone()),
                pulldown_cmark::CowStr::from(title.clone()),
            ))
        };
        for event in Parser::new_with_broken_link_callback(piece, OPTIONS, Some(resolve)) {
            r.event(event);
            for frags in r.out.drain(..) {
                sink(to_line(frags, width, styles.color))?;
            }
        }
    }
    r.finish();
    for frags in r.out.drain(..) {
        sink(to_line(frags, width, styles.color))?;
    }
    Ok(())
}

/// The renderer over `md` cut into pieces of `size` bytes.
#[cfg(test)]
pub(crate) fn render_in_chunks(
    md: &str,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
    size: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let pieces = blocks::chunks(md, size);
    let done: Result<(), ()> = render_pieces(&pieces, width, styles, hl, None, &mut |line| {
        lines.push(line);
        Ok(())
    });
    assert!(done.is_ok());
    lines
}

/// Converts a rendered line to a ratatui line, enforcing the width (a last safety net: the
/// layout already keeps within it) and dropping colours when they are off.
fn to_line(frags: Vec<Frag>, max: usize, color: bool) -> Line<'static> {
    let frags = wrap::fit(frags, max);
    let spans: Vec<Span<'static>> = frags
        .into_iter()
        .filter(|f| !f.text.is_empty())
        .map(|f| {
            let style = if color {
                f.style
            } else {
                strip_colours(f.style)
            };
            Span::styled(f.text, style)
        })
        .collect();
    Line::from(spans)
}

fn strip_colours(style: Style) -> Style {
    Style::new()
        .add_modifier(style.add_modifier)
        .remove_modifier(style.sub_modifier)
}

/// Document text made safe and single-line for a span: control characters and escape sequences
/// become visible stand-ins, tabs and newlines become spaces.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    let safe = sanitize(text);
    if safe.contains(['\t', '\n']) {
        std::borrow::Cow::Owned(safe.replace(['\t', '\n'], " "))
    } else {
        safe
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Quote,
    Item,
    Footnote,
    Definition,
}

struct Container {
    kind: Kind,
    /// The prefix of the first line emitted inside the container.
    first: Vec<Frag>,
    /// The prefix of every later line.
    rest: Vec<Frag>,
    /// No line has been emitted inside the container yet.
    pending: bool,
}

struct LinkState {
    dest: String,
    text: String,
}

struct ImageState {
    dest: String,
    alt: String,
    in_link: bool,
}

struct CodeState {
    info: String,
    label: Option<String>,
    text: String,
}

struct Renderer<'a> {
    styles: &'a PreviewStyles,
    hl: &'a Highlighter,
    width: usize,
    /// Lines laid out and not yet handed on (see [`render_pieces`]).
    out: Vec<Vec<Frag>>,
    /// A line has been emitted (a gap is only needed after one).
    emitted: bool,
    containers: Vec<Container>,
    /// One entry per open list: the next number of an ordered list.
    lists: Vec<Option<u64>>,
    inline: Vec<Frag>,
    style_stack: Vec<Style>,
    quote_depth: usize,
    need_gap: bool,
    links: Vec<LinkState>,
    images: Vec<ImageState>,
    heading: Option<usize>,
    code: Option<CodeState>,
    html: Option<String>,
    table: Option<TableData>,
    row: Vec<Vec<Frag>>,
}

impl<'a> Renderer<'a> {
    fn new(styles: &'a PreviewStyles, hl: &'a Highlighter, width: usize) -> Self {
        Renderer {
            styles,
            hl,
            width,
            out: Vec::new(),
            emitted: false,
            containers: Vec::new(),
            lists: Vec::new(),
            inline: Vec::new(),
            style_stack: Vec::new(),
            quote_depth: 0,
            need_gap: false,
            links: Vec::new(),
            images: Vec::new(),
            heading: None,
            code: None,
            html: None,
            table: None,
            row: Vec::new(),
        }
    }

    // ----- styles and inline text ---------------------------------------------------------

    fn base_style(&self) -> Style {
        if self.quote_depth > 0 {
            self.styles.text.patch(self.styles.quote)
        } else {
            self.styles.text
        }
    }

    /// Inline and block HTML: shown as dim text in the link-target colour.
    fn html_style(&self) -> Style {
        self.styles.link_target.add_modifier(Modifier::DIM)
    }

    fn cur_style(&self) -> Style {
        self.style_stack
            .iter()
            .fold(self.base_style(), |acc, s| acc.patch(*s))
    }

    /// Adds document text (cleaned here) to the current inline content.
    fn push_inline(&mut self, text: &str, style: Style) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        if let Some(image) = self.images.last_mut() {
            image.alt.push_str(&text);
            return;
        }
        for link in &mut self.links {
            link.text.push_str(&text);
        }
        push_text(&mut self.inline, &text, style);
    }

    // ----- layout -------------------------------------------------------------------------

    fn max_prefix(&self) -> usize {
        self.width - usize::from(MIN_CONTENT)
    }

    /// The columns left for content after the container prefixes.
    fn avail(&self) -> usize {
        let first: usize = self
            .containers
            .iter()
            .map(|c| frags_width(if c.pending { &c.first } else { &c.rest }))
            .sum();
        let rest: usize = self.containers.iter().map(|c| frags_width(&c.rest)).sum();
        self.width - first.max(rest).min(self.max_prefix())
    }

    /// Emits one line of content under the current containers, preceded by a blank separator
    /// line when a block ended before it.
    fn emit(&mut self, content: Vec<Frag>) {
        if self.need_gap && self.emitted {
            let mut gap = Vec::new();
            for c in self.containers.iter().filter(|c| !c.pending) {
                for f in &c.rest {
                    push_text(&mut gap, &f.text, f.style);
                }
            }
            let mut gap = wrap::clip(&gap, self.max_prefix());
            while let Some(last) = gap.last_mut() {
                let trimmed = last.text.trim_end().len();
                last.text.truncate(trimmed);
                if last.text.is_empty() {
                    gap.pop();
                } else {
                    break;
                }
            }
            self.out.push(gap);
        }
        self.need_gap = false;
        self.emitted = true;
        let mut line = Vec::with_capacity(content.len() + self.containers.len());
        for c in &mut self.containers {
            let prefix = if c.pending { &c.first } else { &c.rest };
            for f in prefix {
                push_text(&mut line, &f.text, f.style);
            }
            c.pending = false;
        }
        if frags_width(&line) > self.max_prefix() {
            line = wrap::clip(&line, self.max_prefix());
        }
        for f in content {
            if !f.is_break() {
                wrap::push_frag(&mut line, f);
            }
        }
        self.out.push(line);
    }

    /// Wraps and emits the collected inline content, if any.
    fn flush_inline(&mut self) {
        if self.inline.is_empty() || self.table.is_some() {
            return;
        }
        let frags = std::mem::take(&mut self.inline);
        if frags
            .iter()
            .all(|f| f.text.trim().is_empty() && !f.is_break())
        {
            return;
        }
        for line in wrap::wrap(&frags, self.avail()) {
            self.emit(line);
        }
    }

    // ----- events -------------------------------------------------------------------------

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if let Some(code) = &mut self.code {
                    code.text.push_str(&text);
                } else if let Some(html) = &mut self.html {
                    html.push_str(&text);
                } else {
                    self.push_inline(&text, self.cur_style());
                }
            }
            Event::Code(text) => {
                let style = self.cur_style().patch(self.styles.code_inline);
                self.push_inline(&text, style);
            }
            Event::InlineMath(text) => {
                let style = self.cur_style().patch(self.styles.code_inline);
                self.push_inline(&format!("${text}$"), style);
            }
            Event::DisplayMath(text) => {
                let style = self.cur_style().patch(self.styles.code_inline);
                self.push_inline(&format!("$${text}$$"), style);
            }
            Event::Html(text) => {
                if let Some(html) = &mut self.html {
                    html.push_str(&text);
                } else {
                    let style = self.cur_style().patch(self.html_style());
                    self.push_inline(&text, style);
                }
            }
            Event::InlineHtml(text) => {
                let style = self.cur_style().patch(self.html_style());
                self.push_inline(&text, style);
            }
            Event::FootnoteReference(label) => {
                let style = self.cur_style().patch(self.styles.link);
                self.push_inline(&format!("[^{label}]"), style);
            }
            Event::SoftBreak => self.push_inline(" ", self.cur_style()),
            Event::HardBreak => {
                if self.images.is_empty() {
                    self.inline.push(Frag::new(HARD_BREAK, Style::new()));
                } else {
                    self.push_inline(" ", self.cur_style());
                }
            }
            Event::Rule => {
                self.flush_inline();
                let rule = "─".repeat(self.avail());
                self.emit(vec![Frag::new(rule, self.styles.rule)]);
                self.need_gap = true;
            }
            Event::TaskListMarker(done) => {
                let (mark, style) = if done {
                    ("☑ ", self.styles.task_done)
                } else {
                    ("☐ ", self.styles.list_marker)
                };
                let unordered_item = self.lists.last().is_some_and(|l| l.is_none());
                match self.containers.last_mut() {
                    Some(c) if c.kind == Kind::Item && c.pending && unordered_item => {
                        c.first = vec![Frag::new(mark, style)];
                    }
                    _ => push_text(&mut self.inline, mark, style),
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { level, .. } => {
                self.flush_inline();
                let n = heading_number(level);
                let style = self.styles.heading[(n - 1).min(2)];
                self.heading = Some(n);
                self.style_stack.push(style);
                if n >= 3 {
                    let marks = format!("{} ", "#".repeat(n));
                    let style = self.cur_style();
                    push_text(&mut self.inline, &marks, style);
                }
            }
            Tag::BlockQuote(kind) => {
                self.flush_inline();
                let bar = vec![Frag::new("│ ", self.styles.quote)];
                self.containers.push(Container {
                    kind: Kind::Quote,
                    first: bar.clone(),
                    rest: bar,
                    pending: true,
                });
                self.quote_depth += 1;
                if let Some(kind) = kind {
                    let label = match kind {
                        BlockQuoteKind::Note => "Note",
                        BlockQuoteKind::Tip => "Tip",
                        BlockQuoteKind::Important => "Important",
                        BlockQuoteKind::Warning => "Warning",
                        BlockQuoteKind::Caution => "Caution",
                    };
                    let style = self.base_style().add_modifier(Modifier::BOLD);
                    self.emit(vec![Frag::new(label, style)]);
                }
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(CodeState {
                    info,
                    label: None,
                    text: String::new(),
                });
            }
            Tag::MetadataBlock(kind) => {
                self.flush_inline();
                let info = match kind {
                    MetadataBlockKind::YamlStyle => "yaml",
                    MetadataBlockKind::PlusesStyle => "toml",
                };
                self.code = Some(CodeState {
                    info: info.to_string(),
                    label: Some(format!("front matter ({info})")),
                    text: String::new(),
                });
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_inline();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush_inline();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => format!("{} ", ["•", "◦", "▪", "‣"][depth % 4]),
                };
                let rest = " ".repeat(width(&marker));
                self.containers.push(Container {
                    kind: Kind::Item,
                    first: vec![Frag::new(marker, self.styles.list_marker)],
                    rest: vec![Frag::new(rest, self.base_style())],
                    pending: true,
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_inline();
                self.containers.push(Container {
                    kind: Kind::Footnote,
                    first: Vec::new(),
                    rest: vec![Frag::new("  ", self.base_style())],
                    pending: true,
                });
                let style = self.cur_style().patch(self.styles.link);
                self.push_inline(&format!("[^{label}]:"), style);
                self.push_inline(" ", self.cur_style());
            }
            Tag::DefinitionList => self.flush_inline(),
            Tag::DefinitionListTitle => {
                self.flush_inline();
                self.style_stack.push(self.styles.strong);
            }
            Tag::DefinitionListDefinition => {
                self.flush_inline();
                self.containers.push(Container {
                    kind: Kind::Definition,
                    first: vec![Frag::new(": ", self.styles.list_marker)],
                    rest: vec![Frag::new("  ", self.base_style())],
                    pending: true,
                });
            }
            Tag::Table(aligns) => {
                self.flush_inline();
                self.table = Some(TableData {
                    aligns,
                    rows: Vec::new(),
                    header_rows: 0,
                });
            }
            Tag::TableHead | Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.inline.clear(),
            Tag::Emphasis => self.style_stack.push(self.styles.emphasis),
            Tag::Strong => self.style_stack.push(self.styles.strong),
            Tag::Strikethrough => self.style_stack.push(self.styles.strikethrough),
            Tag::Superscript | Tag::Subscript => self.style_stack.push(Style::new()),
            Tag::Link { dest_url, .. } => {
                self.links.push(LinkState {
                    dest: display_target(&dest_url),
                    text: String::new(),
                });
                self.style_stack.push(self.styles.link);
            }
            Tag::Image { dest_url, .. } => {
                self.images.push(ImageState {
                    dest: display_target(&dest_url),
                    alt: String::new(),
                    in_link: !self.links.is_empty(),
                });
                self.style_stack.push(self.styles.link);
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.flush_inline();
                self.need_gap = true;
            }
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::BlockQuote(_) => {
                self.flush_inline();
                self.pop_container(Kind::Quote);
                self.quote_depth = self.quote_depth.saturating_sub(1);
                self.need_gap = true;
            }
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                if let Some(code) = self.code.take() {
                    self.code_block(&code);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    self.html_block(&html);
                }
            }
            TagEnd::List(_) => {
                self.flush_inline();
                self.lists.pop();
                // A nested list inside a tight item runs on without a blank line.
                if self.containers.last().is_none_or(|c| c.kind != Kind::Item) {
                    self.need_gap = true;
                }
            }
            TagEnd::Item => {
                self.flush_inline();
                self.pop_container(Kind::Item);
            }
            TagEnd::FootnoteDefinition => {
                self.flush_inline();
                self.pop_container(Kind::Footnote);
                self.need_gap = true;
            }
            TagEnd::DefinitionList => {
                self.flush_inline();
                self.need_gap = true;
            }
            TagEnd::DefinitionListTitle => {
                self.flush_inline();
                self.style_stack.pop();
            }
            TagEnd::DefinitionListDefinition => {
                self.flush_inline();
                self.pop_container(Kind::Definition);
            }
            TagEnd::Table => {
                if let Some(data) = self.table.take() {
                    let lines = table::layout(&data, self.avail(), self.styles);
                    for line in lines {
                        self.emit(line);
                    }
                    self.need_gap = true;
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.rows.push(std::mem::take(&mut self.row));
                    t.header_rows = t.rows.len();
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(std::mem::take(&mut self.row));
                }
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.inline);
                self.row.push(cell);
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.style_stack.pop();
            }
            TagEnd::Link => {
                self.style_stack.pop();
                if let Some(link) = self.links.pop() {
                    let text = link.text.trim();
                    let same = link.dest == text
                        || link.dest.strip_prefix("mailto:") == Some(text)
                        || link.dest.is_empty();
                    if !same {
                        self.push_inline(" ", self.cur_style());
                        let style = self.cur_style().patch(self.styles.link_target);
                        self.push_inline(&format!("({})", link.dest), style);
                    }
                }
            }
            TagEnd::Image => {
                let style = self.cur_style();
                self.style_stack.pop();
                if let Some(image) = self.images.pop() {
                    let alt = image.alt.trim();
                    let label = if alt.is_empty() {
                        "[image]".to_string()
                    } else {
                        format!("[image: {alt}]")
                    };
                    self.push_inline(&label, style);
                    if !image.in_link && !image.dest.is_empty() {
                        self.push_inline(" ", self.cur_style());
                        let style = self.cur_style().patch(self.styles.link_target);
                        self.push_inline(&format!("({})", image.dest), style);
                    }
                }
            }
        }
    }

    fn pop_container(&mut self, kind: Kind) {
        if self.containers.last().is_some_and(|c| c.kind == kind) {
            self.containers.pop();
        }
    }

    fn finish(&mut self) {
        if let Some(code) = self.code.take() {
            self.code_block(&code);
        }
        if let Some(html) = self.html.take() {
            self.html_block(&html);
        }
        self.flush_inline();
    }

    // ----- blocks -------------------------------------------------------------------------

    fn end_heading(&mut self) {
        let Some(level) = self.heading.take() else {
            return;
        };
        let style = self.cur_style();
        self.style_stack.pop();
        let frags = std::mem::take(&mut self.inline);
        let avail = self.avail();
        let lines = wrap::wrap(&frags, avail);
        let widest = lines.iter().map(|l| frags_width(l)).max().unwrap_or(0);
        for line in lines {
            self.emit(line);
        }
        if level <= 2 && widest > 0 {
            let mark = if level == 1 { "═" } else { "─" };
            self.emit(vec![Frag::new(mark.repeat(widest.min(avail)), style)]);
        }
        self.need_gap = true;
    }

    fn html_block(&mut self, html: &str) {
        let avail = self.avail();
        let style = self.base_style().patch(self.html_style());
        for line in html.lines() {
            let text = clean(line);
            let text = text.trim_end();
            if text.is_empty() {
                self.emit(Vec::new());
                continue;
            }
            for l in wrap::wrap(&[Frag::new(text, style)], avail) {
                self.emit(l);
            }
        }
        self.need_gap = true;
    }

    fn frame_style(&self) -> (Style, Style) {
        let block = self.styles.code_block;
        let gutter = match self.styles.rule.fg {
            Some(fg) => block.fg(fg),
            None => block,
        };
        (block, gutter)
    }

    /// The top line of a code or diagram block: `╭─ label`. The frame is a bracket on the left,
    /// as wide as its label: a rule across the pane would say nothing.
    fn frame_top(&mut self, label: &str, avail: usize) {
        let (_, gutter) = self.frame_style();
        let label = clean(label).into_owned();
        let mut line = vec![Frag::new("╭─", gutter)];
        if !label.is_empty() {
            let label = wrap::truncate(
                &[Frag::new(label, gutter.add_modifier(Modifier::BOLD))],
                avail.saturating_sub(4),
            );
            push_text(&mut line, " ", gutter);
            line.extend(label);
        }
        self.emit(line);
    }

    /// The bottom line of a code or diagram block.
    fn frame_bottom(&mut self) {
        let (_, gutter) = self.frame_style();
        self.emit(vec![Frag::new("╰─", gutter)]);
        self.need_gap = true;
    }

    fn code_block(&mut self, code: &CodeState) {
        let lang = fence_language(&code.info);
        if lang.eq_ignore_ascii_case("mermaid") && code.label.is_none() {
            self.mermaid(&code.text);
            return;
        }
        let label = code.label.clone().unwrap_or_else(|| lang.to_string());
        self.code_lines(lang, &label, &code.text, true);
    }

    /// A framed block of code lines, highlighted when `highlight` and colours are on.
    fn code_lines(&mut self, lang: &str, label: &str, text: &str, highlight: bool) {
        let avail = self.avail();
        let (block, gutter) = self.frame_style();
        let pad = self.styles.color && block.bg.is_some();
        let highlighted = if highlight && self.styles.color {
            self.hl.highlight(
                lang,
                text,
                &self.styles.syntax_theme,
                block,
                self.styles.text.fg,
            )
        } else {
            None
        };
        let source_lines: Vec<Vec<(String, Style)>> = highlighted.unwrap_or_else(|| {
            text.lines()
                .map(|l| vec![(l.strip_suffix('\r').unwrap_or(l).to_string(), block)])
                .collect()
        });
        let content = avail.saturating_sub(2);
        self.frame_top(label, avail);
        for pieces in source_lines {
            let mut text = Vec::with_capacity(pieces.len());
            let mut col = 0;
            for (piece, style) in pieces {
                match sanitize(&piece) {
                    std::borrow::Cow::Borrowed(_) if !piece.contains(['\t', '\n', '\r']) => {
                        col += width(&piece);
                        wrap::push_frag(&mut text, Frag::new(piece, style));
                    }
                    safe => {
                        let (expanded, next) = wrap::expand_tabs(&safe, col);
                        col = next;
                        push_text(&mut text, &expanded, style);
                    }
                }
            }
            let rows = wrap::hard_wrap(text, content, content.saturating_sub(2));
            for (i, row) in rows.into_iter().enumerate() {
                let mut line = Vec::with_capacity(row.len() + 3);
                line.push(Frag::new("│ ", gutter));
                if i > 0 {
                    push_text(&mut line, "↪ ", gutter);
                }
                for f in row {
                    wrap::push_frag(&mut line, f);
                }
                if pad {
                    let used = frags_width(&line);
                    push_text(&mut line, &" ".repeat(avail.saturating_sub(used)), block);
                }
                self.emit(line);
            }
        }
        self.frame_bottom();
    }

    fn mermaid(&mut self, source: &str) {
        let avail = self.avail();
        let budget = avail.saturating_sub(2);
        match drawings::render(source, budget) {
            Ok(drawing) => {
                let (_, gutter) = self.frame_style();
                let style = self.styles.diagram;
                self.frame_top("mermaid", avail);
                let mut widest = 0;
                for line in drawing.text.lines() {
                    let (text, _) = wrap::expand_tabs(&sanitize(line), 0);
                    let text = text.trim_end();
                    widest = widest.max(width(text));
                    let text = wrap::truncate(&[Frag::new(text, style)], budget);
                    let mut out = vec![Frag::new("│ ", gutter)];
                    out.extend(text);
                    self.emit(out);
                }
                let mut notes = Vec::new();
                if drawing.rotated {
                    notes.push((
                        "(drawn top-down to fit the width)".to_string(),
                        style.add_modifier(Modifier::DIM),
                    ));
                }
                if widest > budget {
                    notes.push((
                        format!("(the diagram is {widest} columns wide; cut to {budget} here)"),
                        self.styles.error,
                    ));
                }
                for (note, note_style) in notes {
                    for l in wrap::wrap(&[Frag::new(note, note_style)], budget) {
                        let mut out = vec![Frag::new("│ ", gutter)];
                        out.extend(l);
                        self.emit(out);
                    }
                }
                self.frame_bottom();
            }
            Err(message) => {
                self.code_lines("", "mermaid", source, false);
                self.need_gap = false;
                let text = clean(&format!("diagram could not be drawn: {message}")).into_owned();
                for l in wrap::wrap(&[Frag::new(text, self.styles.error)], avail) {
                    self.emit(l);
                }
                self.need_gap = true;
            }
        }
    }
}

fn heading_number(level: HeadingLevel) -> usize {
    // HeadingLevel's discriminants are the heading numbers (H1 = 1 … H6 = 6).
    level as usize
}

/// The language of a fence info string: its first word, without `{.…}` decoration.
pub(crate) fn fence_language(info: &str) -> &str {
    let word = info.split_whitespace().next().unwrap_or("");
    let word = word
        .split([',', '{', '}'])
        .find(|w| !w.is_empty())
        .unwrap_or("");
    word.trim_start_matches('.')
}

/// A link or image target as shown: cleaned, `data:` URIs elided, very long targets cut.
fn display_target(dest: &str) -> String {
    let dest = clean(dest.trim()).into_owned();
    if dest.starts_with("data:") {
        return "data:…".to_string();
    }
    if width(&dest) > MAX_TARGET {
        let cut = wrap::truncate(&[Frag::new(dest, Style::new())], MAX_TARGET);
        return cut.into_iter().map(|f| f.text).collect();
    }
    dest
}
