//! What changed in an input on disk since its snapshot, shown before reloading it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Layer, LayerContext, Outcome, actions, answer, centered, frame_block, hint, scroll_text,
};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::wrap::{popup_width, wrap_hanging};

/// The diff of an input's snapshot and its file, and the text to reload.
pub struct InputDiff {
    pub input: usize,
    pub lines: Vec<crate::inputs::DiffLine>,
    pub new_text: String,
    pub scroll: usize,
}

impl Layer for InputDiff {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        for action in actions(keymap, &[Context::Dialog, Context::Popup], &event) {
            match action {
                Action::Yes => {
                    return Outcome::Reload {
                        input: self.input,
                        text: std::mem::take(&mut self.new_text),
                    };
                }
                Action::No | Action::Close => return Outcome::Close,
                a if scroll_text(a, &mut self.scroll) => {}
                _ => continue,
            }
            break;
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        let (theme, screen) = (cx.theme, frame.area());
        let InputDiff { lines, scroll, .. } = self;
        let keys = |action, what| answer(cx.keymap, &[action], what).map(|(k, _)| k);
        let title = format!(
            "Changed on disk · {} reloads · {} keeps the snapshot",
            keys(Action::Yes, "").unwrap_or_default(),
            keys(Action::No, "").unwrap_or_default()
        );
        let area = centered(screen, 100, screen.height.saturating_sub(4));
        frame.render_widget(Clear, area);
        let inner_h = area.height.saturating_sub(2) as usize;
        let text_width = popup_width(area.width.saturating_sub(2) as usize);
        // A long line continues under its text, after the +/- column.
        let rows: Vec<Line> = lines
            .iter()
            .flat_map(|l| {
                let style = match l.tag {
                    '+' => theme.ok,
                    '-' => theme.error,
                    '@' => theme.heading3,
                    _ => theme.dim,
                };
                let prefix = if l.tag == '@' {
                    String::new()
                } else {
                    l.tag.to_string()
                };
                wrap_hanging(
                    Line::from(Span::styled(
                        format!("{prefix}{}", crate::text::sanitize_line(&l.text)),
                        style,
                    )),
                    text_width,
                    1,
                )
            })
            .collect();
        let scroll = (*scroll).min(rows.len().saturating_sub(inner_h));
        let text: Vec<Line> = rows.into_iter().skip(scroll).take(inner_h).collect();
        frame.render_widget(Paragraph::new(text).block(frame_block(&title, theme)), area);
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        [
            answer(keymap, &[Action::Yes], "reload"),
            hint(
                keymap,
                Context::Popup,
                &[Action::Up, Action::Down],
                "scroll",
            ),
            hint(
                keymap,
                Context::Popup,
                &[Action::PageUp, Action::PageDown],
                "page",
            ),
            answer(keymap, &[Action::No], "keep the snapshot"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
