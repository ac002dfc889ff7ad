//! The compliance regimes in scope: a checkbox each, with where the inputs name it or rule it
//! out.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Layer, LayerContext, Outcome, actions, centered, frame_block, hint, key_of, select_in_list,
};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::wrap::{popup_width, wrap_lines};

/// The regimes, what the inputs say of each, and which are ticked.
pub struct Regimes {
    pub names: Vec<String>,
    /// Per regime: the first place the inputs name it, and whether they say it applies.
    pub evidence: Vec<Option<(String, bool)>>,
    pub chosen: Vec<bool>,
    pub selected: usize,
}

impl Layer for Regimes {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        for action in actions(keymap, &[Context::Popup], &event) {
            if select_in_list(action, &mut self.selected, self.chosen.len()) {
                break;
            }
            match action {
                Action::Toggle => {
                    if let Some(c) = self.chosen.get_mut(self.selected) {
                        *c = !*c;
                    }
                }
                Action::Choose => {
                    return Outcome::SetRegimes(
                        self.names
                            .iter()
                            .zip(self.chosen.iter())
                            .filter(|(_, on)| **on)
                            .map(|(n, _)| n.clone())
                            .collect(),
                    );
                }
                Action::Close => return Outcome::Close,
                _ => continue,
            }
            break;
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        let (theme, screen) = (cx.theme, frame.area());
        let Regimes {
            names,
            evidence,
            chosen,
            selected,
        } = self;
        let text_width = popup_width(72.min(screen.width).saturating_sub(2) as usize);
        let mut lines: Vec<Line> = names
            .iter()
            .zip(chosen)
            .zip(evidence)
            .enumerate()
            .map(|(i, ((name, on), found))| {
                let mark = if *on { "[x]" } else { "[ ]" };
                let style = if i == *selected {
                    theme.popup_selected
                } else {
                    theme.text
                };
                let note = match found {
                    Some((at, true)) => format!("named in {at}"),
                    Some((at, false)) => format!("ruled out in {at}"),
                    None => String::new(),
                };
                Line::from(vec![
                    Span::styled(
                        format!(" {mark} {:<12}", crate::text::sanitize_line(name)),
                        style,
                    ),
                    Span::styled(format!(" {}", crate::text::sanitize_line(&note)), theme.dim),
                ])
            })
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                " {} toggles · {} applies · {} cancels · your choice is kept when the inputs are read again",
                key_of(cx.keymap, Context::Popup, Action::Toggle),
                key_of(cx.keymap, Context::Popup, Action::Choose),
                key_of(cx.keymap, Context::Popup, Action::Close)
            ),
            theme.dim,
        )));
        let lines = wrap_lines(lines, text_width);
        let area = centered(screen, 72, lines.len() as u16 + 2);
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines).block(frame_block("Compliance regimes", theme)),
            area,
        );
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        [
            hint(keymap, Context::Popup, &[Action::Up, Action::Down], "move"),
            hint(keymap, Context::Popup, &[Action::Toggle], "toggle"),
            hint(keymap, Context::Popup, &[Action::Choose], "apply"),
            hint(keymap, Context::Popup, &[Action::Close], "cancel"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
