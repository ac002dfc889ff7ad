//! GFM tables laid out to a width with box-drawing borders.
//!
//! Columns are sized to their content. When the table is too wide, columns narrower than their
//! fair share keep their width and the others shrink in proportion to their content, and cell
//! text wraps inside its cell. Every line of a table has exactly the same width, never more than
//! the width available. Three layouts, from roomy to cramped:
//!
//! 1. **Padded**: `│ cell │`, cells wrap; used while every column can get at least
//!    `min(content, 3)` columns.
//! 2. **Tight**: `│cell│`, one line per row, cell text cut with `…`.
//! 3. **Cut**: as tight, but only the first columns that fit, followed by a `…` column.

use pulldown_cmark::Alignment;
use ratatui::style::Style;

use super::PreviewStyles;
use super::wrap::{self, Frag, frags_width, push_text};

pub(crate) struct TableData {
    pub aligns: Vec<Alignment>,
    /// Header rows first, then body rows; each row a list of cells.
    pub rows: Vec<Vec<Vec<Frag>>>,
    pub header_rows: usize,
}

/// The smallest content width a column gets in the padded layout (unless its content is
/// narrower).
const PADDED_MIN: usize = 3;

enum Mode {
    Padded,
    Tight,
    Cut,
}

pub(crate) fn layout(t: &TableData, avail: usize, styles: &PreviewStyles) -> Vec<Vec<Frag>> {
    let ncols = t
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(t.aligns.len());
    if t.rows.is_empty() || ncols == 0 || avail < 5 {
        return Vec::new();
    }
    let natural: Vec<usize> = (0..ncols)
        .map(|c| {
            t.rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell_width(cell))
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let padded_need: usize = 1 + natural
        .iter()
        .map(|n| n.min(&PADDED_MIN) + 3)
        .sum::<usize>();
    let (mode, widths) = if avail >= padded_need {
        let budget = avail - 1 - 3 * ncols;
        (Mode::Padded, allocate(&natural, budget, PADDED_MIN))
    } else if avail > 2 * ncols {
        let budget = avail - 1 - ncols;
        (Mode::Tight, allocate(&natural, budget, 1))
    } else {
        let k = ((avail - 3) / 2).clamp(1, ncols);
        let budget = avail - 3 - k;
        (Mode::Cut, allocate(&natural[..k], budget, 1))
    };
    let pad = usize::from(matches!(mode, Mode::Padded));
    let shown = widths.len();
    let more = matches!(mode, Mode::Cut);
    let border = styles.table_border;

    // Segment widths between the border characters.
    let mut segments: Vec<usize> = widths.iter().map(|w| w + 2 * pad).collect();
    if more {
        segments.push(1);
    }
    let rule = |left: &str, mid: &str, right: &str| -> Vec<Frag> {
        let mut s = String::from(left);
        for (i, w) in segments.iter().enumerate() {
            if i > 0 {
                s.push_str(mid);
            }
            s.push_str(&"─".repeat(*w));
        }
        s.push_str(right);
        vec![Frag::new(s, border)]
    };

    // Cell contents, as lines.
    let rendered: Vec<Vec<Vec<Vec<Frag>>>> = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (0..shown)
                .map(|c| {
                    let mut cell: Vec<Frag> = row.get(c).cloned().unwrap_or_default();
                    if r < t.header_rows {
                        for f in &mut cell {
                            f.style = f.style.patch(styles.table_header);
                        }
                    }
                    let lines = match mode {
                        Mode::Padded => wrap::wrap(&cell, widths[c]),
                        _ => {
                            let one: Vec<Frag> = cell
                                .into_iter()
                                .map(|f| {
                                    if f.is_break() {
                                        Frag::new(" ", f.style)
                                    } else {
                                        f
                                    }
                                })
                                .collect();
                            vec![wrap::truncate(&one, widths[c])]
                        }
                    };
                    if lines.is_empty() {
                        vec![Vec::new()]
                    } else {
                        lines
                    }
                })
                .collect()
        })
        .collect();
    let multi_line_body = rendered
        .iter()
        .skip(t.header_rows)
        .any(|row| row.iter().any(|cell| cell.len() > 1));

    let text = styles.text;
    let mut out = vec![rule("┌", "┬", "┐")];
    for (r, row) in rendered.iter().enumerate() {
        if r > 0 && (r == t.header_rows || (r > t.header_rows && multi_line_body)) {
            out.push(rule("├", "┼", "┤"));
        }
        let height = row.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let mut line = vec![Frag::new("│", border)];
            for (c, cell) in row.iter().enumerate() {
                let content = cell.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let align = t.aligns.get(c).copied().unwrap_or(Alignment::None);
                push_cell(&mut line, content, widths[c], pad, align, text);
                push_text(&mut line, "│", border);
            }
            if more {
                let mark = if i == 0 { "…" } else { " " };
                push_text(&mut line, mark, border);
                push_text(&mut line, "│", border);
            }
            out.push(line);
        }
    }
    out.push(rule("└", "┴", "┘"));
    out
}

fn cell_width(cell: &[Frag]) -> usize {
    cell.split(|f| f.is_break())
        .map(frags_width)
        .max()
        .unwrap_or(0)
}

fn push_cell(
    line: &mut Vec<Frag>,
    content: &[Frag],
    w: usize,
    pad: usize,
    align: Alignment,
    text: Style,
) {
    let content = if frags_width(content) > w {
        wrap::clip(content, w)
    } else {
        content.to_vec()
    };
    let free = w - frags_width(&content);
    let (left, right) = match align {
        Alignment::Right => (free, 0),
        Alignment::Center => (free / 2, free - free / 2),
        Alignment::Left | Alignment::None => (0, free),
    };
    push_text(line, &" ".repeat(pad + left), text);
    for f in content {
        push_text(line, &f.text, f.style);
    }
    push_text(line, &" ".repeat(right + pad), text);
}

/// Shares `budget` columns between columns wanting `natural` columns each (`budget` is at least
/// the number of columns). Columns that want no more than an even share get what they want; the
/// rest share what is left in proportion to what they want, each getting at least
/// `min(natural, floor)` when the budget allows.
pub(crate) fn allocate(natural: &[usize], budget: usize, floor: usize) -> Vec<usize> {
    let n = natural.len();
    let want: Vec<usize> = natural.iter().map(|w| (*w).max(1)).collect();
    if want.iter().sum::<usize>() <= budget || n == 0 {
        return want;
    }
    let mut widths = vec![0; n];
    let mut fixed = vec![false; n];
    let mut left = budget;
    loop {
        let flex = fixed.iter().filter(|f| !**f).count();
        if flex == 0 {
            break;
        }
        let share = left / flex;
        let mut changed = false;
        for i in 0..n {
            if !fixed[i] && want[i] <= share {
                widths[i] = want[i];
                fixed[i] = true;
                left -= want[i];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let flex_total: usize = (0..n).filter(|i| !fixed[*i]).map(|i| want[i]).sum();
    for i in (0..n).filter(|i| !fixed[*i]) {
        let share = left * want[i] / flex_total.max(1);
        widths[i] = share.max(want[i].min(floor)).max(1);
    }
    // Rounding: give spare columns to the flexible columns furthest from what they want, and
    // take excess from the widest columns.
    let mut total: usize = widths.iter().sum();
    while total < budget {
        let Some(i) = (0..n)
            .filter(|i| widths[*i] < want[*i])
            .max_by_key(|i| want[*i] - widths[*i])
        else {
            break;
        };
        widths[i] += 1;
        total += 1;
    }
    while total > budget {
        let Some(i) = (0..n).filter(|i| widths[*i] > 1).max_by_key(|i| widths[*i]) else {
            break;
        };
        widths[i] -= 1;
        total -= 1;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_keeps_narrow_columns_and_shrinks_wide_ones() {
        assert_eq!(allocate(&[3, 5], 20, 3), [3, 5]);
        let w = allocate(&[2, 40, 20], 32, 3);
        assert_eq!(w.iter().sum::<usize>(), 32);
        assert_eq!(w[0], 2);
        assert!(w[1] > w[2], "{w:?}");
        let w = allocate(&[10; 12], 12, 1);
        assert_eq!(w, [1; 12]);
        let w = allocate(&[50, 1, 1], 5, 3);
        assert_eq!(w, [3, 1, 1]);
    }
}
