//! Top-level blocks of a Markdown text, so that an edit re-renders only the block it touched and
//! a long document is parsed a piece at a time.
//!
//! A text is cut at blank lines, except inside fenced code, front matter and HTML blocks that
//! may hold blank lines (comments, `<pre>`, `<script>`, `<style>`, `<textarea>`, `<?…?>`,
//! `<!…>`, CDATA), before an indented line (which continues the block before it: a list item's
//! second paragraph, an indented code block), and between the items of a list. Rendering the
//! blocks one by one, with one blank line between them, gives the same lines as rendering the
//! whole text (tests hold the renderer to that). A link reference definition applies to the
//! whole text: [`Definitions`] collects those of all blocks, and each block is rendered with them
//! (a footnote reference renders the same whether its definition is in the block or not).
//!
//! Cutting too little is always safe (the pieces are then simply larger); the rules above only
//! need to never cut inside a construct.

use pulldown_cmark::Options;

/// The Markdown extensions the preview renders (and the blocks are parsed with).
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);

/// The blocks of `md`, in order; each is a slice of `md` without the blank lines around it.
pub fn blocks(md: &str) -> Vec<&str> {
    match quick_blocks(md) {
        Some(blocks) => blocks,
        None => chunks(md, 0)
            .into_iter()
            .filter(|piece| !piece.trim_matches([' ', '\t', '\n', '\r']).is_empty())
            .collect(),
    }
}

/// The link reference definitions (`[label]: destination "title"`) of a text, gathered from its
/// blocks, so that a block rendered on its own resolves a reference to a definition in another
/// block as the whole text would. The first definition of a label wins, as in CommonMark.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Definitions(std::collections::HashMap<String, (String, String)>);

impl Definitions {
    /// Those of `blocks` (the blocks of one text, in order); `None` when they define nothing.
    /// Only blocks that may hold one (`]:`) are parsed.
    pub fn of(blocks: &[&str]) -> Option<Definitions> {
        let mut found = std::collections::HashMap::new();
        for b in blocks.iter().filter(|b| b.contains("]:")) {
            let parser = pulldown_cmark::Parser::new_ext(b, OPTIONS);
            let mut here: Vec<_> = parser.reference_definitions().iter().collect();
            // In the block's own order, so that the first of a label wins.
            here.sort_by_key(|(_, d)| d.span.start);
            for (label, def) in here {
                let title = def.title.as_deref().unwrap_or("").to_string();
                found
                    .entry(label_key(label))
                    .or_insert_with(|| (def.dest.to_string(), title));
            }
        }
        (!found.is_empty()).then_some(Definitions(found))
    }

    /// The destination and title defined for `label`.
    pub fn get(&self, label: &str) -> Option<&(String, String)> {
        self.0.get(&label_key(label))
    }

    /// Definitions to put before `block` when it is parsed on its own: those of the labels it
    /// defines again, differently, after the text defined them first (the first definition of a
    /// label wins, and a block parsed alone would see only its own). `None` when there are none.
    pub fn earlier_than(&self, block: &str) -> Option<String> {
        if !block.contains("]:") {
            return None;
        }
        let parser = pulldown_cmark::Parser::new_ext(block, OPTIONS);
        let mut prefix = String::new();
        for (label, def) in parser.reference_definitions().iter() {
            let Some((dest, title)) = self.get(label) else {
                continue;
            };
            if *dest == *def.dest && *title == *def.title.as_deref().unwrap_or("") {
                continue;
            }
            let escape = |text: &str, specials: &[char]| {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    if c == '\\' || specials.contains(&c) {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out
            };
            prefix.push_str(&format!(
                "[{}]: <{}> \"{}\"\n\n",
                escape(label, &['[', ']']),
                escape(dest, &['<', '>']),
                escape(title, &['"'])
            ));
        }
        (!prefix.is_empty()).then_some(prefix)
    }
}

/// A label as CommonMark matches it: case-insensitive, with runs of whitespace as one space.
fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// [`blocks`] by scanning lines, which is fast; `None` for texts whose blocks only a full parse
/// can tell (a fence after a list or quote marker or among HTML, `---` or
/// `+++` lines that might open a metadata block).
fn quick_blocks(md: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut fence: Option<(char, usize)> = None;
    let mut fence_indent = 0;
    // Inside an HTML block or front matter: the text that ends it.
    let mut until: Option<&'static str> = None;
    let mut in_list = false;
    // Since the last blank line, a line began with an HTML tag: it may have started an HTML
    // block, whose lines are not Markdown (a fence there is just text), or not (a tag inside a
    // paragraph); which, only a full parse can tell.
    let mut html_maybe = false;
    let mut blank_before = false;
    let mut offset = 0;
    let mut lines = md.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        // A line that may open a metadata block (see [`metadata_spans`]).
        let bare = line.trim_end_matches(['\n', '\r', ' ', '\t']);
        if (bare.ends_with("---") || bare.ends_with("+++"))
            && lines
                .peek()
                .is_some_and(|l| !l.trim_matches([' ', '\t', '\r', '\n']).is_empty())
        {
            return None;
        }
        let here = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        // Markdown's blank and indentation are spaces and tabs only (not, say, U+3000).
        let trimmed = text.trim_start_matches([' ', '\t']);
        // In columns: a tab goes to the next multiple of four.
        let indent = text[..text.len() - trimmed.len()]
            .chars()
            .fold(0, |col, c| {
                if c == '\t' {
                    col + 4 - col % 4
                } else {
                    col + 1
                }
            });
        if let Some((ch, n)) = fence {
            // Inside fenced code: only the closing fence ends it, unless the list item or quote
            // it was opened in ends first (a line less indented than the fence).
            if !trimmed.is_empty() && indent < fence_indent {
                return None;
            }
            if indent < 4
                && trimmed.starts_with(&ch.to_string().repeat(n))
                && trimmed
                    .trim_start_matches(ch)
                    .trim_matches([' ', '\t'])
                    .is_empty()
            {
                fence = None;
            }
            end = offset;
            continue;
        }
        if let Some(closer) = until {
            if closer != FRONT_MATTER && html_block_closer(trimmed).is_some() {
                // Another opener inside: which one is real, only a parse can tell.
                return None;
            }
            let closed = if closer == FRONT_MATTER {
                here > 0 && matches!(text.trim_end(), "---" | "...")
            } else {
                text.contains(closer)
            };
            if closed {
                until = None;
            }
            end = offset;
            continue;
        }
        if here == 0 && text.trim_end() == "---" {
            until = Some(FRONT_MATTER);
            start = Some(0);
            end = offset;
            continue;
        }
        if trimmed.is_empty() {
            blank_before = start.is_some();
            html_maybe = false;
            continue;
        }
        let list_item = is_list_item(trimmed);
        let continues = indent > 0 || (in_list && list_item);
        if blank_before
            && !continues
            && let Some(s) = start.take()
        {
            out.push(md[s..end].trim_end_matches(['\n', '\r']));
        }
        if start.is_none() {
            start = Some(here);
            in_list = false;
        }
        // A list may start anywhere in a block (it can interrupt a paragraph).
        in_list |= list_item && indent < 4;
        blank_before = false;
        if indent >= 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            // A fence in a list item, or indented code: only a parse can tell.
            return None;
        }
        if indent < 4 {
            for ch in ['`', '~'] {
                let n = trimmed.chars().take_while(|c| *c == ch).count();
                if n >= 3 {
                    if html_maybe {
                        // It may open a fence or be text in an HTML block.
                        return None;
                    }
                    fence = Some((ch, n));
                    fence_indent = indent;
                }
            }
            if fence.is_none() && opens_after_marker(trimmed) {
                return None;
            }
        }
        if fence.is_none()
            && let Some(closer) = html_block_closer(trimmed)
            && !trimmed.contains(closer)
        {
            if indent >= 4 || html_maybe {
                // Indented code, HTML in a list item, text in an HTML block: only a parse can
                // tell.
                return None;
            }
            until = Some(closer);
        }
        html_maybe |= indent < 4
            && trimmed.starts_with('<')
            && trimmed[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        end = offset;
    }
    if let Some(s) = start {
        if fence.is_some() || until.is_some() {
            // Unclosed at the end: code and HTML keep their trailing blank lines.
            out.push(&md[s..]);
        } else {
            out.push(md[s..end].trim_end_matches(['\n', '\r']));
        }
    }
    Some(out)
}

/// A fence or HTML block opened after list item or block quote markers on the same line
/// (`- ```yaml`, `> <!--`).
fn opens_after_marker(trimmed: &str) -> bool {
    let mut rest = trimmed;
    loop {
        let before = rest;
        rest = rest.trim_start_matches([' ', '\t', '>']);
        if let Some(r) = rest.strip_prefix(['-', '*', '+']) {
            rest = r;
        }
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            rest = &rest[digits + 1..];
        }
        if rest == before {
            break;
        }
    }
    rest != trimmed && (rest.starts_with("```") || rest.starts_with("~~~") || rest.starts_with('<'))
}

/// `md` cut into pieces of at least `size` bytes (the last may be shorter) that, parsed one
/// after the other, give exactly what one parse of the whole gives. The cuts are found by
/// pulldown-cmark itself, at the start of top-level blocks: never before a `---` or `+++` line
/// (a piece starting with one could read as front matter), and not at all in a text with link
/// reference or footnote definitions, which apply to the whole text.
///
/// This is one full parse (its tree, about 6 bytes per byte of Markdown, is dropped before
/// returning); rendering the pieces then holds only one piece's tree at a time.
pub fn chunks(md: &str, size: usize) -> Vec<&str> {
    use pulldown_cmark::{Event, Parser, Tag};
    let parser = Parser::new_ext(md, OPTIONS);
    if parser.reference_definitions().iter().next().is_some() {
        return vec![md];
    }
    let spans = metadata_spans(md);
    let mut out = Vec::new();
    let mut from = 0;
    let mut depth = 0usize;
    let (mut scanned, mut line_start) = (0usize, 0usize);
    for (event, range) in parser.into_offset_iter() {
        let top_start = depth == 0 && !matches!(event, Event::End(_));
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => return vec![md],
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !top_start {
            continue;
        }
        // The start of the line the block starts on (an indented code block's range starts
        // after its indentation). Found by scanning only the text since the last block start,
        // so that a long line with many inline events costs one pass, not one per event.
        if range.start >= scanned {
            if let Some(i) = md[scanned..range.start].rfind('\n') {
                line_start = scanned + i + 1;
            }
            scanned = range.start;
        } else {
            line_start = md[..range.start].rfind('\n').map_or(0, |i| i + 1);
            scanned = range.start;
        }
        let at = line_start;
        if at > from
            && at - from >= size
            && !md[at..].starts_with("---")
            && !md[at..].starts_with("+++")
            && !spans.iter().any(|(start, end)| *start < at && at < *end)
        {
            out.push(&md[from..at]);
            from = at;
        }
    }
    if from < md.len() || out.is_empty() {
        out.push(&md[from..]);
    }
    out
}

/// Where a metadata block may run: pulldown-cmark takes a `---` (or `+++`) line at the start of
/// any block, even inside a list item, for the start of a metadata block when a closing line
/// follows anywhere later in the text, so no cut may fall between the two. Over-counts (any
/// such line, whatever precedes it on the line), which only means fewer cuts.
fn metadata_spans(md: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut offset = 0;
    let mut lines = md.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let here = offset;
        offset += line.len();
        let bare = line.trim_end_matches(['\n', '\r', ' ', '\t']);
        if let Some((start, closers)) = open {
            // pulldown-cmark's closing line: three characters at the very start of the line,
            // then only spaces.
            let exact = line.trim_end_matches('\n').trim_end_matches('\r');
            if closers.split('|').any(|c| exact.trim_end_matches(' ') == c) {
                spans.push((start, offset));
                open = None;
            }
            continue;
        }
        let next_blank = lines
            .peek()
            .is_none_or(|l| l.trim_matches([' ', '\t', '\r', '\n']).is_empty());
        if !next_blank {
            if bare.ends_with("---") {
                open = Some((here, "---|..."));
            } else if bare.ends_with("+++") {
                open = Some((here, "+++"));
            }
        }
    }
    if let Some((start, _)) = open {
        spans.push((start, md.len()));
    }
    spans
}

/// Marks front matter in [`blocks`]: it ends at a `---` or `...` line.
const FRONT_MATTER: &str = "\n---";

/// The end marker of an HTML block starting on this line that may contain blank lines
/// (CommonMark HTML blocks of kinds 1 to 5).
fn html_block_closer(trimmed: &str) -> Option<&'static str> {
    if !trimmed.starts_with('<') {
        return None;
    }
    let lower = trimmed.get(..12).unwrap_or(trimmed).to_ascii_lowercase();
    for (tag, closer) in [
        ("<pre", "</pre>"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ] {
        if let Some(rest) = lower.strip_prefix(tag)
            && (rest.is_empty() || rest.starts_with([' ', '\t', '>']))
        {
            return Some(closer);
        }
    }
    if trimmed.starts_with("<!--") {
        Some("-->")
    } else if trimmed.starts_with("<?") {
        Some("?>")
    } else if trimmed.starts_with("<![CDATA[") {
        Some("]]>")
    } else if trimmed.starts_with("<!") {
        Some(">")
    } else {
        None
    }
}

fn is_list_item(line: &str) -> bool {
    let bullet = line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ");
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let ordered = (1..=9).contains(&digits)
        && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "));
    bullet || ordered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::{Highlighter, PreviewStyles, render_markdown};

    #[test]
    fn blocks_cut_at_blank_lines_but_not_inside_fences_lists_or_indents() {
        let md = "# Title\n\npara one\nstill one\n\n```yaml\na: 1\n\nb: 2\n```\n\n- x\n\n- y\n\n  more of y\n\n    code\n\nlast";
        assert_eq!(
            blocks(md),
            [
                "# Title",
                "para one\nstill one",
                "```yaml\na: 1\n\nb: 2\n```",
                "- x\n\n- y\n\n  more of y\n\n    code",
                "last"
            ]
        );
        assert!(blocks("").is_empty());
        assert_eq!(blocks("\n\n  \n"), Vec::<&str>::new());
    }

    #[test]
    fn rendering_block_by_block_equals_rendering_the_whole() {
        let md = "## Compute\n\nIntro with **bold** and `code`.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n\
                  1. one\n2. two\n\n- loose a\n\n- loose b\n\n> quoted\n> more\n\n\
                  ```hcl\nresource \"x\" \"y\" {\n\n  a = 1\n}\n```\n\n### Sub\n\nlast para\n";
        let hl = Highlighter::plain();
        let styles = PreviewStyles::plain();
        let text = |lines: Vec<ratatui::text::Line>| -> Vec<String> {
            lines
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        let whole = text(render_markdown(md, 60, &styles, &hl));
        let mut pieces = Vec::new();
        for (i, b) in blocks(md).iter().enumerate() {
            if i > 0 {
                pieces.push(String::new());
            }
            pieces.extend(text(render_markdown(b, 60, &styles, &hl)));
        }
        assert_eq!(pieces, whole);
    }

    fn text(lines: Vec<ratatui::text::Line>) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn constructs_holding_blank_lines_stay_in_one_block() {
        let md = "---\ntitle: x\n\nowner: y\n---\n\npara\n\n<!-- a comment\n\nstill the comment -->\n\n\
                  <pre>\ncode\n\nmore code\n</pre>\n\ntext\n<script>\nlet a;\n\nlet b;\n</script>\n\nlast";
        let trimmed: Vec<&str> = blocks(md)
            .into_iter()
            .map(|b| b.trim_end_matches('\n'))
            .collect();
        assert_eq!(
            trimmed,
            [
                "---\ntitle: x\n\nowner: y\n---",
                "para",
                "<!-- a comment\n\nstill the comment -->",
                "<pre>\ncode\n\nmore code\n</pre>",
                "text",
                "<script>\nlet a;\n\nlet b;\n</script>",
                "last"
            ]
        );
        // The same without front matter, found by the quick line scan alone (which does not
        // cut where a parse may, only never where it must not).
        let rest = &md[md.find("para").unwrap()..];
        assert_eq!(
            quick_blocks(rest).expect("no parse needed"),
            [
                "para",
                "<!-- a comment\n\nstill the comment -->",
                "<pre>\ncode\n\nmore code\n</pre>",
                "text\n<script>\nlet a;\n\nlet b;\n</script>",
                "last"
            ]
        );
        // A one-line comment does not swallow what follows.
        assert_eq!(blocks("<!-- x -->\n\npara"), ["<!-- x -->", "para"]);
    }

    #[test]
    fn definitions_are_gathered_from_every_block_and_the_first_wins() {
        let md = "See [the guide][g] and a note[^n].\n\nMore text.\n\n[g]: https://example.com\n\n\
                  > [Q  Label]: /quoted \"T\"\n\n[G]: https://later.example\n\n[^n]: The note.\n";
        let b = blocks(md);
        assert_eq!(b.len(), 6, "{b:?}");
        let defs = Definitions::of(&b).expect("it defines labels");
        assert_eq!(defs.get("g").unwrap().0, "https://example.com");
        assert_eq!(
            defs.get("q label").unwrap(),
            &("/quoted".to_string(), "T".to_string())
        );
        assert!(
            defs.get("n").is_none(),
            "footnotes are not link definitions"
        );
        assert_eq!(Definitions::of(&["no definitions here"]), None);
        // The pieces of `render` still keep a text with definitions whole.
        assert_eq!(chunks(md, 1), [md]);
        assert!(blocks("\n\n").is_empty());
    }

    #[test]
    fn one_long_line_of_inline_elements_is_one_piece() {
        let md = "**a** ".repeat(50_000);
        assert_eq!(chunks(&md, 0), vec![md.as_str()]);
        let two = format!("{md}\n\n{md}");
        assert_eq!(chunks(&two, 0).len(), 2);
    }

    #[test]
    fn chunks_cover_every_block_and_render_as_the_whole() {
        let mut md = String::from("---\nk: v\n\nw: z\n---\n\n# Title\n\n");
        for i in 0..400 {
            md.push_str(&format!(
                "## Part {i}\n\nText {i} with `code`.\n\n- a\n\n- b\n\n  more b\n\n\
                 <!-- note {i}\n\nstill note -->\n\n```yaml\nk: {i}\n\nv: 2\n```\n\n> quote\n\n> again\n\n\
                 | a | b |\n|---|---|\n| {i} | 2 |\n\n1. one\n2. two\n\n    indented {i}\n\n"
            ));
        }
        let parts = chunks(&md, 300);
        assert!(parts.len() > 10, "{}", parts.len());
        assert_eq!(
            parts.concat(),
            md,
            "the pieces are the whole text, in order"
        );
        assert!(
            parts
                .iter()
                .all(|p| p.len() >= 300 || std::ptr::eq(p, parts.last().unwrap()))
        );
        // Parsed chunk by chunk, it renders as one parse of the whole.
        let hl = Highlighter::plain();
        let styles = PreviewStyles::plain();
        let chunked = text(crate::preview::render::render_in_chunks(
            &md, 70, &styles, &hl, 300,
        ));
        let one_parse = text(render_markdown(&md, 70, &styles, &hl));
        assert_eq!(chunked, one_parse);
    }
}
