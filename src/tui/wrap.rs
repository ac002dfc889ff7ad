//! Styled lines laid out at a width before they are drawn, so that a popup knows its height and
//! never has a word cut at its border. Popups lay their text out one column short of the border
//! ([`popup_width`]): text in the last column is text that did not fit, which the popup tests
//! look for.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// The width popups lay their text out at, inside a border of `inner` columns: one column short
/// of it.
pub fn popup_width(inner: usize) -> usize {
    inner.saturating_sub(1).max(1)
}

/// `lines` broken at spaces into rows of at most `width` columns (a word longer than a row is
/// broken where it must). A line's leading spaces indent its continuation rows too, so a list
/// item continues under its text; styles and the line's own style are kept.
pub fn wrap_lines<'a>(
    lines: impl IntoIterator<Item = Line<'a>>,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for line in lines {
        wrap_into(&mut out, line, width, None);
    }
    out
}

/// One line broken like [`wrap_lines`], its continuation rows indented by `hang` columns (a
/// "+ pro" continues under its text with 2).
pub fn wrap_hanging(line: Line<'_>, width: usize, hang: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    wrap_into(&mut out, line, width, Some(hang));
    out
}

fn wrap_into(out: &mut Vec<Line<'static>>, line: Line<'_>, width: usize, hang: Option<usize>) {
    let width = width.max(1);
    let before = out.len();
    let cells: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .filter(|(c, _)| *c != '\n')
        .collect();
    let total: usize = cells.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
    if total <= width {
        out.push(join(&cells));
        return;
    }
    let lead = cells.iter().take_while(|(c, _)| *c == ' ').count();
    let indent = lead.min(width / 2);
    // Continuation rows start at `cont` columns.
    let cont = hang.map_or(indent, |h| (lead + h).min(width / 2));
    // The words, as (start, end) in `cells`.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = lead;
    while i < cells.len() {
        while i < cells.len() && cells[i].0 == ' ' {
            i += 1;
        }
        let start = i;
        while i < cells.len() && cells[i].0 != ' ' {
            i += 1;
        }
        if start < i {
            words.push((start, i));
        }
    }
    let mut row: Vec<(char, Style)> = cells[..indent].to_vec();
    let (mut used, mut row_start, mut last_end) = (indent, indent, lead);
    for (start, end) in words {
        let word = &cells[start..end];
        let w: usize = word.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
        // The spaces between this word and the one before, as they were (key hints keep
        // their gaps), unless the word starts a row.
        let gap = &cells[last_end..start];
        last_end = end;
        if used > row_start && used + gap.len() + w > width {
            out.push(join(&row));
            row = vec![(' ', Style::default()); cont];
            (used, row_start) = (cont, cont);
        } else if used > row_start {
            row.extend_from_slice(gap);
            used += gap.len();
        }
        for &(c, style) in word {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > row_start {
                out.push(join(&row));
                row = vec![(' ', Style::default()); cont];
                (used, row_start) = (cont, cont);
            }
            row.push((c, style));
            used += cw;
        }
    }
    if used > row_start || out.len() == before {
        out.push(join(&row));
    }
}

/// Cells back into spans, one per run of a style.
fn join(cells: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = None;
    for &(c, s) in cells {
        if style != Some(s) {
            if let Some(prev) = style {
                spans.push(Span::styled(std::mem::take(&mut text), prev));
            }
            style = Some(s);
        }
        text.push(c);
    }
    if let Some(prev) = style {
        spans.push(Span::styled(text, prev));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    fn rows(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn breaks_at_spaces_and_keeps_styles() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let red = Style::default().fg(Color::Red);
        let line = Line::from(vec![
            Span::styled(" Esc ", bold),
            Span::styled("cancel the export of the document  ", red),
            Span::styled(" Enter ", bold),
            Span::styled("save", red),
        ]);
        let out = wrap_lines([line], 20);
        assert_eq!(
            rows(&out),
            [
                " Esc cancel the",
                " export of the",
                " document   Enter",
                " save"
            ]
        );
        assert!(out.iter().all(|l| l.width() <= 20));
        // "Enter" keeps its bold, "save" its red.
        let enter = out[2]
            .spans
            .iter()
            .find(|s| s.content.contains("Enter"))
            .unwrap();
        assert_eq!(enter.style, bold);
        assert_eq!(out[3].spans.last().unwrap().style, red);
    }

    #[test]
    fn continues_a_list_item_under_its_text_and_breaks_long_words() {
        let out = wrap_lines(
            [Line::from("  • supercalifragilisticexpialidocious fits")],
            12,
        );
        for row in rows(&out) {
            assert!(row.starts_with("  "), "{row:?}");
            assert!(row.chars().count() <= 12, "{row:?}");
        }
        let joined: String = rows(&out).concat().split_whitespace().collect();
        assert_eq!(joined, "•supercalifragilisticexpialidociousfits");
    }

    #[test]
    fn short_lines_and_empty_lines_are_kept_as_they_are() {
        let out = wrap_lines([Line::from("short"), Line::default()], 20);
        assert_eq!(rows(&out), ["short", ""]);
    }
}
