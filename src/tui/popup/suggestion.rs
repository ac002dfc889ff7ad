//! An answer of the configured assistant, to accept into the worksheet's conclusions or reject.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Layer, LayerContext, Outcome, actions, answer, centered, frame_block, hint, key_of, scroll_text,
};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::wrap::{popup_width, wrap_lines};

/// The assistant's answer and how far it is scrolled.
pub struct Suggestion {
    pub text: String,
    pub scroll: usize,
}

impl Layer for Suggestion {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        for action in actions(keymap, &[Context::Dialog, Context::Popup], &event) {
            match action {
                Action::Yes => return Outcome::AcceptSuggestion(self.text.clone()),
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
        let Suggestion { text, scroll } = self;
        let text_width = popup_width(90.min(screen.width).saturating_sub(2) as usize);
        let mut lines: Vec<Line> = text
            .lines()
            .map(|l| {
                Line::from(Span::styled(
                    crate::text::sanitize_line(l).into_owned(),
                    theme.text,
                ))
            })
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                " {} accepts it into the conclusions · {} rejects it · {} scroll",
                key_of(cx.keymap, Context::Dialog, Action::Yes),
                key_of(cx.keymap, Context::Dialog, Action::No),
                cx.keymap
                    .label(Context::Popup, &[Action::Up, Action::Down])
                    .unwrap_or_default()
            ),
            theme.dim,
        )));
        let lines = wrap_lines(lines, text_width);
        let area = centered(screen, 90, screen.height.saturating_sub(4).min(24));
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines)
                .scroll(((*scroll).min(u16::MAX as usize) as u16, 0))
                .block(frame_block("Assistant suggestion", theme)),
            area,
        );
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        [
            answer(keymap, &[Action::Yes], "accept"),
            answer(keymap, &[Action::No], "reject"),
            hint(
                keymap,
                Context::Popup,
                &[Action::Up, Action::Down],
                "scroll",
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
