//! The Markdown preview: renders Markdown into styled, width-aware terminal lines.
//!
//! [`render_markdown`] turns one Markdown text into ratatui [`Line`]s for a pane of a given width:
//! wrapped prose, headings, lists and task lists, block quotes, GFM tables with box-drawing
//! borders, syntax-highlighted code blocks (see [`Highlighter`]), Mermaid diagrams drawn as text,
//! links with their targets, images, footnotes and inert HTML. [`render_to_string`] is the same
//! rendering as ANSI-styled or plain text, for `infradraft render`.
//!
//! Guarantees, for any input text and any width:
//!
//! - **No panic.**
//! - **No line wider than the pane.** Every line is at most `max(width, MIN_WIDTH)` columns
//!   (measured with `unicode-width`). Widths below [`MIN_WIDTH`] are rendered as `MIN_WIDTH`;
//!   the pane clips what does not fit. Deeply nested quotes and lists keep at least
//!   [`MIN_CONTENT`] columns for their text by cutting the indentation.
//! - **Inert text.** Every string taken from the document passes through
//!   [`crate::text::sanitize`], so escape sequences and control characters show as visible
//!   stand-ins (`␛[2J`) and never reach the terminal.

mod ansi;
pub mod blocks;
mod diagram;
mod drawings;
mod highlight;
mod render;
mod table;
mod worker;
mod wrap;

#[cfg(test)]
mod tests;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

pub use ansi::ColorDepth;
pub use highlight::Highlighter;
pub use worker::{PATH_VAR as DIAGRAM_WORKER_VAR, serve_if_worker, use_worker_executable};

/// Panes narrower than this are rendered at this width.
pub const MIN_WIDTH: u16 = 20;
/// Columns always left for text inside nested quotes and list items.
pub const MIN_CONTENT: u16 = 10;

/// The look of the preview. `Default` is a dark palette; [`PreviewStyles::plain`] has no colours.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewStyles {
    /// Body text.
    pub text: Style,
    /// Headings: level 1, level 2, levels 3 to 6.
    pub heading: [Style; 3],
    pub emphasis: Style,
    pub strong: Style,
    pub strikethrough: Style,
    pub code_inline: Style,
    /// Code blocks: the frame, the gutter and code without syntax colours. When colours are on
    /// and this has a background, code lines are padded to the pane width.
    pub code_block: Style,
    /// Block quotes: the `│` bar and the quoted text (patched over `text`).
    pub quote: Style,
    pub link: Style,
    /// The `(https://…)` shown after a link whose text differs from its target; also, dimmed,
    /// the colour of inline and block HTML (shown as text, not interpreted).
    pub link_target: Style,
    pub rule: Style,
    pub table_border: Style,
    pub table_header: Style,
    pub list_marker: Style,
    /// The ☑ of a checked task.
    pub task_done: Style,
    /// Mermaid diagrams drawn as text.
    pub diagram: Style,
    /// Messages such as a Mermaid diagram that could not be drawn.
    pub error: Style,
    /// A syntect theme name (see [`Highlighter::theme_names`]); `""` or an unknown name means no
    /// syntax colours.
    pub syntax_theme: String,
    /// `false`: no colours at all (NO_COLOR, plain output). Modifiers such as bold stay.
    pub color: bool,
}

const GREY: Color = Color::Rgb(0x7f, 0x84, 0x8e);
const DARK_GREY: Color = Color::Rgb(0x5c, 0x63, 0x70);

impl Default for PreviewStyles {
    fn default() -> Self {
        let bold = Modifier::BOLD;
        PreviewStyles {
            text: Style::new(),
            heading: [
                Style::new()
                    .fg(Color::Rgb(0x61, 0xaf, 0xef))
                    .add_modifier(bold),
                Style::new()
                    .fg(Color::Rgb(0xc6, 0x78, 0xdd))
                    .add_modifier(bold),
                Style::new()
                    .fg(Color::Rgb(0xe5, 0xc0, 0x7b))
                    .add_modifier(bold),
            ],
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(bold),
            strikethrough: Style::new().add_modifier(Modifier::CROSSED_OUT),
            code_inline: Style::new()
                .fg(Color::Rgb(0x98, 0xc3, 0x79))
                .bg(Color::Rgb(0x2c, 0x31, 0x3a)),
            code_block: Style::new()
                .fg(Color::Rgb(0xab, 0xb2, 0xbf))
                .bg(Color::Rgb(0x21, 0x25, 0x2b)),
            quote: Style::new().fg(GREY).add_modifier(Modifier::ITALIC),
            link: Style::new()
                .fg(Color::Rgb(0x61, 0xaf, 0xef))
                .add_modifier(Modifier::UNDERLINED),
            link_target: Style::new().fg(DARK_GREY),
            rule: Style::new().fg(DARK_GREY),
            table_border: Style::new().fg(DARK_GREY),
            table_header: Style::new()
                .fg(Color::Rgb(0xe5, 0xc0, 0x7b))
                .add_modifier(bold),
            list_marker: Style::new().fg(Color::Rgb(0xd1, 0x9a, 0x66)),
            task_done: Style::new().fg(Color::Rgb(0x98, 0xc3, 0x79)),
            diagram: Style::new().fg(Color::Rgb(0x56, 0xb6, 0xc2)),
            error: Style::new()
                .fg(Color::Rgb(0xe0, 0x6c, 0x75))
                .add_modifier(bold),
            syntax_theme: "base16-ocean.dark".to_string(),
            color: true,
        }
    }
}

impl PreviewStyles {
    /// The default look without any colours (for NO_COLOR and plain output).
    pub fn plain() -> Self {
        PreviewStyles {
            color: false,
            ..PreviewStyles::default()
        }
    }
}

/// Renders Markdown to styled lines for a pane `width` columns wide. Pure; never panics on any
/// input. See the module docs for the width rule.
pub fn render_markdown(
    md: &str,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
) -> Vec<Line<'static>> {
    render::render(md, width, styles, hl, None)
}

/// [`render_markdown`] of one block of a longer text, whose link reference `definitions` it
/// resolves (see [`blocks::Definitions`]).
pub fn render_block_with(
    md: &str,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
    definitions: Option<&blocks::Definitions>,
) -> Vec<Line<'static>> {
    render::render(md, width, styles, hl, definitions)
}

/// The whole-file renderer behind `infradraft render`: one line of text per rendered line, each
/// ending in `\n`. With `color`, styles are ANSI SGR escapes of that depth (RGB colours are 24-bit
/// or the nearest of the 256 indexed colours) reset at the end of each line; the only escape
/// bytes in the output are these. Without `color`, plain text with no escape bytes and no
/// trailing spaces.
///
/// Lines are written as they are laid out and the text is parsed a piece at a time, so memory
/// does not grow with the output. One thread does it all: highlighting code on a second thread
/// shortened the wall time by a few per cent and cost a quarter more CPU time. Stops at the
/// first write error.
pub fn render_to_writer(
    md: &str,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
    color: Option<ColorDepth>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let plain;
    let styles = if color.is_some() {
        styles
    } else {
        plain = PreviewStyles {
            color: false,
            ..styles.clone()
        };
        &plain
    };
    let mut text = String::new();
    let mut write = |line: Line<'static>| {
        text.clear();
        if let Some(depth) = color {
            ansi::write_line(&mut text, &line, depth);
        } else {
            for span in &line.spans {
                text.push_str(&span.content);
            }
            text.truncate(text.trim_end().len());
        }
        text.push('\n');
        out.write_all(text.as_bytes())
    };
    let pieces = blocks::chunks(md, render::CHUNK);
    render::render_pieces(&pieces, width, styles, hl, None, &mut write)
}

/// A Mermaid diagram written in a Markdown text as a ```` ```mermaid ```` fence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MermaidFence {
    /// The line of the opening fence, from 1; the diagram's first line is the next one.
    pub line: u32,
    /// The diagram's source, without the fences.
    pub source: String,
}

/// The Mermaid fences of a Markdown text that the preview draws as diagrams, in order.
pub fn mermaid_fences(md: &str) -> Vec<MermaidFence> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    // Most texts have no diagram: skip the parse for them (a literal search, fast).
    static NAMED: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new("(?i)mermaid").ok());
    if NAMED.as_ref().is_some_and(|named| !named.is_match(md)) {
        return Vec::new();
    }
    let mut fences = Vec::new();
    let mut open: Option<MermaidFence> = None;
    let mut lines_before = 0u32;
    let mut counted = 0usize;
    for (event, range) in Parser::new_ext(md, blocks::OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if render::fence_language(&info).eq_ignore_ascii_case("mermaid") =>
            {
                let upto = range.start.min(md.len());
                let newlines = md.as_bytes()[counted..upto]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                lines_before =
                    lines_before.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                counted = upto;
                open = Some(MermaidFence {
                    line: lines_before.saturating_add(1),
                    source: String::new(),
                });
            }
            Event::Text(text) => {
                if let Some(fence) = open.as_mut() {
                    fence.source.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => fences.extend(open.take()),
            _ => {}
        }
    }
    fences
}

/// [`render_to_writer`] into a string.
pub fn render_to_string(
    md: &str,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
    color: Option<ColorDepth>,
) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and every line is UTF-8.
    let _ = render_to_writer(md, width, styles, hl, color, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
