//! Top-level blocks of a Markdown text, so that an edit re-renders only the block it touched.
//!
//! A text is cut at blank lines, except inside fenced code, before an indented line (which
//! continues the block before it: a list item's second paragraph, an indented code block), and
//! between the items of a list. Rendering the blocks one by one, with one blank line between them,
//! gives the same lines as rendering the whole text (a test holds the renderer to that).

/// The blocks of `md`, in order; each is a slice of `md` without the blank lines around it.
pub fn blocks(md: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut fence: Option<(char, usize)> = None;
    let mut in_list = false;
    let mut blank_before = false;
    let mut offset = 0;
    for line in md.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let trimmed = text.trim_start();
        let indent = text.len() - trimmed.len();
        if let Some((ch, n)) = fence {
            // Inside fenced code: only the closing fence ends it.
            if indent < 4
                && trimmed.starts_with(&ch.to_string().repeat(n))
                && trimmed.trim_start_matches(ch).trim().is_empty()
            {
                fence = None;
            }
            end = offset;
            continue;
        }
        if trimmed.is_empty() {
            blank_before = start.is_some();
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
            in_list = list_item;
        }
        blank_before = false;
        if indent < 4 {
            for ch in ['`', '~'] {
                let n = trimmed.chars().take_while(|c| *c == ch).count();
                if n >= 3 {
                    fence = Some((ch, n));
                }
            }
        }
        end = offset;
    }
    if let Some(s) = start {
        out.push(md[s..end].trim_end_matches(['\n', '\r']));
    }
    out
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
}
