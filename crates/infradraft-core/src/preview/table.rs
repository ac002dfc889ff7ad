//! GFM tables laid out to a width with box-drawing borders.
//!
//! Columns are sized to their content. When the table is too wide, each column first gets its
//! longest word (so words are not broken), then what is left goes first to columns that need
//! little more and then to the others in proportion to their content; cell text wraps inside its
//! cell. When even the longest words do not fit, the columns shrink in the same way. Every line
//! of a table has exactly the same width, never more than the width available. Layouts, from
//! roomy to cramped:
//!
//! 1. **Padded**: `│ cell │`, cells wrap; used while every column can get at least
//!    `min(content, 3)` columns.
//! 2. **Unpadded**: `│cell│`, cells wrap; used instead of padded when dropping the padding lets
//!    every longest word fit.
//! 3. **Tight**: `│cell│`, one line per row, cell text cut with `…`.
//! 4. **Cut**: as tight, but only the first columns that fit, followed by a `…` column.

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
/// Columns try not to break words up to this long.
const MAX_WORD_MIN: usize = 20;

enum Mode {
    /// Cells wrap; `pad` spaces each side of a cell.
    Wrap {
        pad: usize,
    },
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
        let words: Vec<usize> = (0..ncols)
            .map(|c| {
                t.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| longest_word(cell))
                    .max()
                    .unwrap_or(0)
                    .clamp(1, MAX_WORD_MIN)
                    .min(natural[c])
            })
            .collect();
        let bare_budget = avail - 1 - ncols;
        let word_total: usize = words.iter().sum();
        if word_total > budget && word_total <= bare_budget {
            // Without padding, no word has to be broken.
            (
                Mode::Wrap { pad: 0 },
                padded_widths(&natural, &words, bare_budget),
            )
        } else {
            (
                Mode::Wrap { pad: 1 },
                padded_widths(&natural, &words, budget),
            )
        }
    } else if avail > 2 * ncols {
        let budget = avail - 1 - ncols;
        (Mode::Tight, allocate(&natural, budget, 1))
    } else {
        let k = ((avail - 3) / 2).clamp(1, ncols);
        let budget = avail - 3 - k;
        (Mode::Cut, allocate(&natural[..k], budget, 1))
    };
    let pad = match mode {
        Mode::Wrap { pad } => pad,
        _ => 0,
    };
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
                        Mode::Wrap { .. } => wrap::wrap(&cell, widths[c]),
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

/// The width of the longest word in a cell (wide characters are words of their own).
fn longest_word(cell: &[Frag]) -> usize {
    let mut longest = 0;
    let mut cur = 0;
    for f in cell {
        if f.is_break() {
            cur = 0;
            continue;
        }
        for c in wrap::clusters(&f.text) {
            let w = wrap::width(c);
            if c == " " {
                cur = 0;
            } else if w >= 2 {
                cur = 0;
                longest = longest.max(w);
            } else {
                cur += w;
                longest = longest.max(cur);
            }
        }
    }
    longest
}

/// Column widths for the padded layout: every column gets at least its longest word when the
/// budget allows, and the rest of the budget goes to the columns in proportion to how much more
/// their content wants. When even the longest words do not fit, those are shrunk with
/// [`allocate`].
fn padded_widths(natural: &[usize], words: &[usize], budget: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= budget {
        return natural.to_vec();
    }
    let min_total: usize = words.iter().sum();
    if min_total > budget {
        return allocate(words, budget, PADDED_MIN);
    }
    let desire: Vec<usize> = natural.iter().zip(words).map(|(n, w)| n - w).collect();
    let extra = share_out(&desire, budget - min_total);
    words.iter().zip(extra).map(|(w, e)| w + e).collect()
}

/// Shares `budget` between wants: wants no bigger than an even share are met in full, and the
/// others share what is left in proportion to their size. The result never exceeds a want, and
/// adds up to `budget` (or to the total of the wants, if smaller).
fn share_out(want: &[usize], budget: usize) -> Vec<usize> {
    fill(want, budget, true)
}

/// Like [`share_out`], but what is left after the small wants is shared evenly (water filling):
/// for cells cut to one line, where a long cell gains nothing from a bit more room.
fn level_out(want: &[usize], budget: usize) -> Vec<usize> {
    fill(want, budget, false)
}

fn fill(want: &[usize], budget: usize, proportional: bool) -> Vec<usize> {
    let n = want.len();
    if want.iter().sum::<usize>() <= budget {
        return want.to_vec();
    }
    let mut got = vec![0; n];
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
                got[i] = want[i];
                fixed[i] = true;
                left -= want[i];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let flex: Vec<usize> = (0..n).filter(|i| !fixed[*i]).collect();
    let flex_total: usize = flex.iter().map(|i| want[*i]).sum();
    for &i in &flex {
        got[i] = if proportional {
            left * want[i] / flex_total.max(1)
        } else {
            left / flex.len()
        }
        .min(want[i]);
    }
    // Rounding leftovers: one column each, neediest first.
    let mut total: usize = got.iter().sum();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|i| std::cmp::Reverse(want[*i] - got[*i]));
    while total < budget {
        let before = total;
        for &i in &order {
            if total < budget && got[i] < want[i] {
                got[i] += 1;
                total += 1;
            }
        }
        if total == before {
            break;
        }
    }
    got
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
/// rest share what is left evenly, each getting at least `min(natural, floor)` when the budget
/// allows.
pub(crate) fn allocate(natural: &[usize], budget: usize, floor: usize) -> Vec<usize> {
    let want: Vec<usize> = natural.iter().map(|w| (*w).max(1)).collect();
    let mut widths = level_out(&want, budget);
    // Lift columns to their floor, taking from the widest.
    for i in 0..widths.len() {
        let floor = want[i].min(floor);
        while widths[i] < floor {
            let Some(j) = (0..widths.len())
                .filter(|j| *j != i && widths[*j] > want[*j].min(floor).max(1))
                .max_by_key(|j| widths[*j])
            else {
                break;
            };
            widths[j] -= 1;
            widths[i] += 1;
        }
        if widths[i] == 0 {
            widths[i] = 1;
        }
    }
    // Never more than the budget (possible only when it is smaller than the column count).
    let mut total: usize = widths.iter().sum();
    while total > budget {
        let Some(j) = (0..widths.len())
            .filter(|j| widths[*j] > 1)
            .max_by_key(|j| widths[*j])
        else {
            break;
        };
        widths[j] -= 1;
        total -= 1;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_widths_avoid_breaking_words() {
        // Wants 10 + 30 + 8, has 30: the longest words (8, 6, 8) fit, the rest is shared with
        // small wants met first.
        assert_eq!(padded_widths(&[10, 30, 8], &[8, 6, 8], 30), [10, 12, 8]);
        // Longest words too wide: they shrink.
        let w = padded_widths(&[20, 20], &[20, 20], 30);
        assert_eq!(w, [15, 15]);
        assert_eq!(longest_word(&[Frag::new("ab abcd 日本", Style::new())]), 4);
    }

    #[test]
    fn allocation_keeps_narrow_columns_and_shrinks_wide_ones() {
        assert_eq!(allocate(&[3, 5], 20, 3), [3, 5]);
        assert_eq!(allocate(&[2, 40, 20], 32, 3), [2, 15, 15]);
        assert_eq!(allocate(&[2, 40, 12], 32, 3), [2, 18, 12]);
        let w = allocate(&[10; 12], 12, 1);
        assert_eq!(w, [1; 12]);
        let w = allocate(&[50, 1, 1], 5, 3);
        assert_eq!(w, [3, 1, 1]);
        assert_eq!(allocate(&[1, 50, 50], 10, 3), [1, 5, 4]);
        assert_eq!(level_out(&[19, 4, 8], 12), [4, 4, 4]);
        assert_eq!(allocate(&[2, 50], 6, 3), [2, 4]);
        assert_eq!(share_out(&[0, 14, 5], 17), [0, 12, 5]);
    }
}
