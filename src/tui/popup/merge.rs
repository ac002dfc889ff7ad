//! The merge popup: a stretch of section text the person changed, beside what a generated change
//! would write there, and the three ways to settle it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Layer, LayerContext, Outcome, actions, centered, frame_block, hint};
use crate::settings::theme::Theme;
use crate::text::sanitize_line;
use crate::tui::action::{Action, Context};
use crate::tui::generated::MergeChoice;
use crate::tui::keymap::Keymap;
use crate::tui::wrap::{popup_width, wrap_lines};

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

impl Layer for MergeChoice {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        use crate::workflow::section_text::Choice;
        for action in actions(keymap, &[Context::Merge], &event) {
            let (choice, all) = match action {
                Action::KeepMine => (Choice::Mine, false),
                Action::TakeNew => (Choice::New, false),
                Action::KeepBoth => (Choice::Both, false),
                // Leaving (Esc by default) keeps the person's text wherever nothing was chosen.
                Action::KeepMineRest => (Choice::Mine, true),
                Action::TakeNewRest => (Choice::New, true),
                Action::KeepBothRest => (Choice::Both, true),
                _ => continue,
            };
            return if self.choose(choice, all) {
                Outcome::SettleMerge
            } else {
                Outcome::Stay
            };
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        draw(frame, self, cx);
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        use Action::*;
        [
            hint(keymap, Context::Merge, &[KeepMine], "keep mine"),
            hint(keymap, Context::Merge, &[TakeNew], "take the new"),
            hint(keymap, Context::Merge, &[KeepBoth], "keep both"),
            keymap
                .label(Context::Merge, &[KeepMineRest, TakeNewRest, KeepBothRest])
                .map(|k| (k.replace('/', " "), "the same for the rest")),
            keymap
                .keys(Context::Merge, KeepMineRest)
                .get(1)
                .map(|k| (k.to_string(), "keep mine for the rest")),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

fn draw(frame: &mut Frame, m: &MergeChoice, cx: &LayerContext) {
    let theme = cx.theme;
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
    for (k, what) in m.key_hints(cx.keymap) {
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
