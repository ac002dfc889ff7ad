//! The merge popup: a stretch of section text the person changed, beside what a generated change
//! would write there, and the three ways to settle it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::generated::MergeChoice;
use super::popup::{centered, frame_block};
use super::wrap::{popup_width, wrap_lines};
use crate::settings::theme::Theme;
use crate::text::sanitize_line;

/// Side by side from this inner width; stacked below it.
const SIDE_BY_SIDE: u16 = 70;

fn stretch<'a>(title: &'a str, text: &[String], empty: &'a str, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled(title, theme.heading3))];
    if text.is_empty() {
        lines.push(Line::from(Span::styled(empty, theme.dim)));
    } else {
        lines.extend(
            text.iter()
                .map(|l| Line::from(Span::styled(sanitize_line(l).into_owned(), theme.text))),
        );
    }
    lines
}

pub fn draw(frame: &mut Frame, m: &MergeChoice, theme: &Theme) {
    let conflicts = m.update.conflicts();
    let Some(c) = conflicts.get(m.current()) else {
        return;
    };
    let screen = frame.area();
    let width = screen.width.saturating_sub(4).min(120);
    // As tall as the longer side needs (wrapped at half the width), within the screen.
    let column = (width.saturating_sub(6) / 2).max(10) as usize;
    let rows = |lines: &[String]| -> usize {
        lines
            .iter()
            .map(|l| {
                unicode_width::UnicodeWidthStr::width(l.as_str())
                    .div_ceil(column)
                    .max(1)
            })
            .sum::<usize>()
    };
    let body = rows(&c.mine).max(rows(&c.new)).max(1) + 1;
    let height = (body as u16)
        .saturating_add(8)
        .min(screen.height.saturating_sub(2));
    let area = centered(screen, width, height);
    frame.render_widget(Clear, area);
    let title = format!(
        "Your text and {} · {} of {}",
        m.what,
        m.current() + 1,
        conflicts.len()
    );
    let block = frame_block(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = popup_width(inner.width as usize);
    let place = c
        .under
        .as_deref()
        .map(|h| format!("Under “{}”, y", sanitize_line(h)))
        .unwrap_or_else(|| "Y".to_string());
    let intro_lines = wrap_lines(
        [Line::from(Span::styled(
            format!(
                "{place}ou changed text that {} would write differently. Nothing is lost until you choose.",
                m.what
            ),
            theme.text,
        ))],
        width,
    );
    let mut spans = Vec::new();
    for (k, what) in [
        ("m", "keep mine"),
        ("n", "take the new"),
        ("b", "keep both"),
        ("M N B", "the same for the rest"),
        ("Esc", "keep mine for the rest"),
    ] {
        spans.push(Span::styled(format!(" {k} "), theme.key));
        spans.push(Span::styled(format!("{what} "), theme.dim));
    }
    let key_lines = wrap_lines([Line::from(spans)], width);
    let [intro, body, keys] = Layout::vertical([
        Constraint::Length(intro_lines.len() as u16),
        Constraint::Min(3),
        Constraint::Length(key_lines.len() as u16),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(intro_lines), intro);
    let mine = stretch("Yours", &c.mine, "(you deleted this text)", theme);
    let new = stretch("New", &c.new, "(the new text leaves this out)", theme);
    if body.width >= SIDE_BY_SIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .spacing(2)
                .areas(body);
        draw_column(frame, mine, left, theme);
        draw_column(frame, new, right, theme);
    } else {
        let mut lines = mine;
        lines.push(Line::default());
        lines.extend(new);
        draw_column(frame, lines, body, theme);
    }
    frame.render_widget(Paragraph::new(key_lines), keys);
}

/// One side of the merge, wrapped to its column; when it is taller, its last row says how many
/// more there are (the whole text is in the section either way).
fn draw_column(frame: &mut Frame, lines: Vec<Line<'static>>, area: Rect, theme: &Theme) {
    let mut rows = wrap_lines(lines, popup_width(area.width as usize));
    let height = area.height as usize;
    if rows.len() > height && height > 0 {
        let hidden = rows.len() - (height - 1);
        rows.truncate(height - 1);
        rows.push(Line::from(Span::styled(
            format!("… {hidden} more lines"),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(rows), area);
}
