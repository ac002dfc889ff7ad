//! The worksheet screen: the worksheet's input tables with the cursor on a cell, the full text of
//! that cell, and the computed results (rendered Markdown, as they would go into the section) with
//! the person's conclusions beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use crate::model::ElicitationStatus;
use crate::settings::theme::Theme;
use crate::text::sanitize_line;
use crate::workflow::worksheet_grid::{CellKind, Table};

/// From this width on, the results stand beside the tables; below it, under them (results hold
/// tables of their own that need the full width of a normal terminal).
const SIDE_BY_SIDE: u16 = 160;
/// The widest a column grows before its text is cut (with "…"; the full text shows below).
const MAX_COLUMN: usize = 44;
const MIN_COLUMN: usize = 4;

/// The areas of the worksheet screen inside `area`: tables, the current cell, results. Stacked,
/// the tables take the lines they need (`table_lines`) up to half the height.
pub fn split(area: Rect, table_lines: usize) -> (Rect, Rect, Rect) {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let (left, results) = if inner.width >= SIDE_BY_SIDE {
        let [l, r] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Min(1)]).areas(inner);
        (l, r)
    } else {
        let wanted = (table_lines as u16 + 3)
            .min(inner.height / 2)
            .max(inner.height / 4);
        let [l, r] =
            Layout::vertical([Constraint::Length(wanted), Constraint::Min(1)]).areas(inner);
        (l, r)
    };
    let [tables, cell] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(left);
    (tables, cell, results)
}

/// The width the results are rendered at for a worksheet drawn in `area`.
pub fn results_width(area: Rect) -> u16 {
    split(area, 0).2.width.saturating_sub(2).max(1)
}

fn truncate(text: &str, width: usize) -> String {
    let w = text.width();
    if w <= width {
        return format!("{text}{}", " ".repeat(width - w));
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    let pad = width.saturating_sub(out.width());
    out.push_str(&" ".repeat(pad));
    out
}

/// Column widths for a table in `width` columns: each as wide as its content (up to
/// [`MAX_COLUMN`]), the widest shrunk first until the row fits.
pub fn column_widths(table: &Table, width: usize) -> Vec<usize> {
    let n = table.columns.len();
    let mut widths: Vec<usize> = (0..n)
        .map(|c| {
            let content = table
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|cell| sanitize_line(&cell.text).width())
                .max()
                .unwrap_or(0);
            content
                .max(table.columns[c].width())
                .clamp(MIN_COLUMN, MAX_COLUMN)
        })
        .collect();
    let gaps = n.saturating_sub(1) * 2;
    while widths.iter().sum::<usize>() + gaps > width {
        let Some((i, w)) = widths.iter().copied().enumerate().max_by_key(|(_, w)| *w) else {
            break;
        };
        if w <= MIN_COLUMN {
            break;
        }
        widths[i] = w - 1;
    }
    widths
}

fn table_lines(
    t: &Theme,
    table: &Table,
    index: usize,
    cursor: (usize, usize, usize),
    width: usize,
    lines: &mut Vec<Line<'static>>,
) -> usize {
    let mut cursor_line = lines.len();
    lines.push(Line::from(Span::styled(table.title.clone(), t.heading3)));
    let widths = column_widths(table, width);
    let mut header = Vec::new();
    for (c, name) in table.columns.iter().enumerate() {
        if c > 0 {
            header.push(Span::raw("  "));
        }
        header.push(Span::styled(truncate(name, widths[c]), t.table_header));
    }
    lines.push(Line::from(header));
    if table.rows.is_empty() {
        let style = if cursor.0 == index { t.selected } else { t.dim };
        if cursor.0 == index {
            cursor_line = lines.len();
        }
        lines.push(Line::from(Span::styled(
            if table.growable {
                "(no rows: a adds one)"
            } else {
                "(no rows)"
            },
            style,
        )));
    }
    for (r, row) in table.rows.iter().enumerate() {
        let mut spans = Vec::new();
        let on_row = cursor.0 == index && cursor.1 == r;
        if on_row {
            cursor_line = lines.len();
        }
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                spans.push(Span::raw("  "));
            }
            let base = match cell.kind {
                CellKind::Label => t.dim,
                CellKind::Choice => t.key,
                _ => t.text,
            };
            let style = if on_row && cursor.2 == c {
                t.selected
            } else if on_row {
                base.patch(t.cursor_line)
            } else {
                base
            };
            let width = widths.get(c).copied().unwrap_or(MIN_COLUMN);
            spans.push(Span::styled(
                truncate(&sanitize_line(&cell.text), width),
                style,
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    cursor_line
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let (Some(w), Some(record)) = (app.ui.worksheet.as_ref(), app.worksheet_record()) else {
        return;
    };
    let section = app
        .doc
        .session
        .section(&w.component)
        .map_or(w.component.as_str(), |s| s.title.as_str());
    let title = Line::from(vec![
        Span::styled(
            format!(
                " {} {} — {} ",
                record.action.number(),
                record.action.title(),
                sanitize_line(section)
            ),
            t.focus_border,
        ),
        Span::styled(format!("[{}] ", record.status.label()), t.dim),
    ]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border)
        .title(title);
    frame.render_widget(block, area);
    // Tables, scrolled so that the cursor's row is in view.
    let tables = app.worksheet_tables();
    let needed: usize = tables.iter().map(|t| t.rows.len().max(1) + 3).sum();
    let (tables_area, cell_area, results_area) = split(area, needed);
    let mut lines = Vec::new();
    let mut cursor_line = 0;
    let width = tables_area.width.saturating_sub(1) as usize;
    for (i, table) in tables.iter().enumerate() {
        let at = table_lines(t, table, i, (w.table, w.row, w.col), width, &mut lines);
        if i == w.table {
            cursor_line = at;
        }
    }
    let mut height = tables_area.height as usize;
    let overflow = lines.len() > height;
    if overflow {
        // The last line says that there is more.
        height = height.saturating_sub(1);
    }
    let scroll = (cursor_line + 2).saturating_sub(height);
    let more_below = lines.len() > scroll + height;
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        Rect {
            height: height as u16,
            ..tables_area
        },
    );
    if overflow && tables_area.height > 0 {
        let marker = Rect {
            y: tables_area.bottom() - 1,
            height: 1,
            ..tables_area
        };
        let text = if more_below {
            "↓ more rows below (j/↓)"
        } else {
            "↑ more rows above (k/↑)"
        };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(text, t.dim)))
                .alignment(ratatui::layout::Alignment::Right),
            marker,
        );
    }

    // The cell under the cursor, in full.
    let current = tables
        .get(w.table)
        .and_then(|tb| Some((tb.columns.get(w.col)?, tb.rows.get(w.row)?.get(w.col)?)));
    let cell_lines = match current {
        Some((column, cell)) => {
            let how = match cell.kind {
                CellKind::Label => "read-only",
                CellKind::Choice => "Space/Enter cycles",
                CellKind::Number => "Enter edits · a number",
                CellKind::Text => "Enter edits",
            };
            vec![
                Line::from(vec![
                    Span::styled(format!("{column}: "), t.heading3),
                    Span::styled(format!("({how})"), t.dim),
                ]),
                Line::from(Span::styled(sanitize_line(&cell.text).into_owned(), t.text)),
            ]
        }
        None => vec![Line::from(Span::styled(
            "No cell here: a adds a row",
            t.dim,
        ))],
    };
    frame.render_widget(
        Paragraph::new(cell_lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.border),
        ),
        cell_area,
    );

    // Results and conclusions.
    let conclusions_height =
        if record.conclusions.is_empty() { 3 } else { 6 }.min(results_area.height / 3);
    let [results, conclusions] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(conclusions_height)])
            .areas(results_area);
    let rendered: &[Line] = w.results.as_ref().map_or(&[], |(_, _, l)| l.as_slice());
    let inner_height = results.height.saturating_sub(2) as usize;
    let (scroll, shown) =
        super::stages::scroll_window(w.results_scroll, rendered.len(), inner_height);
    let shown = shown.unwrap_or_else(|| "all shown".to_string());
    let title = if app.assistant_pending() {
        format!(" Results · {shown} · asking the assistant… ")
    } else {
        format!(" Results · {shown} ")
    };
    frame.render_widget(
        Paragraph::new(rendered.to_vec())
            .scroll((scroll.min(u16::MAX as usize) as u16, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.border)
                    .title(Span::styled(title, t.title)),
            ),
        results,
    );
    let text = if record.conclusions.is_empty() {
        Line::from(Span::styled("none yet: c writes them", t.dim))
    } else {
        Line::from(Span::styled(
            sanitize_line(&record.conclusions).into_owned(),
            t.text,
        ))
    };
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border)
                .title(Span::styled(" Conclusions ", t.title)),
        ),
        conclusions,
    );
}

/// Style of a worksheet's status in lists.
pub fn status_style(t: &Theme, status: ElicitationStatus) -> Style {
    match status {
        ElicitationStatus::Pending => t.warning,
        ElicitationStatus::Applied => t.ok,
        ElicitationStatus::Discarded => t.dim,
    }
}
