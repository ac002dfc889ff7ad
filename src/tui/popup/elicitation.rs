//! The advanced elicitation menu of step e: seven reflective actions on the section, and the
//! eighth, "Finalize this Section and Proceed". Its entries are chosen by their numbers.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Layer, LayerContext, Outcome, actions, centered, frame_block, key_of, list_hints,
    select_in_list,
};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::wrap::{popup_width, wrap_lines};

/// Entries of the elicitation menu: seven actions and "Finalize".
pub const ELICITATION_CHOICES: usize = 8;
/// The eighth entry of the elicitation menu, as the process names it.
pub const FINALIZE_TITLE: &str = "Finalize this Section and Proceed";

/// The menu of a component's section.
pub struct Elicitation {
    pub component: String,
    pub title: String,
    pub selected: usize,
    /// Shown after an action: asks whether to perform another.
    pub again: bool,
}

impl Layer for Elicitation {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        // The entries' numbers, as the menu shows them.
        if let KeyCode::Char(c @ '1'..='8') = event.code {
            return Outcome::Elicit {
                component: self.component.clone(),
                choice: c as u8 - b'0',
            };
        }
        for action in actions(keymap, &[Context::Popup], &event) {
            if select_in_list(action, &mut self.selected, ELICITATION_CHOICES) {
                break;
            }
            match action {
                Action::Choose => {
                    return Outcome::Elicit {
                        component: self.component.clone(),
                        choice: self.selected as u8 + 1,
                    };
                }
                Action::Close => return Outcome::Close,
                _ => {}
            }
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        let (theme, screen) = (cx.theme, frame.area());
        let Elicitation {
            title,
            selected,
            again,
            ..
        } = self;
        let text_width = popup_width(66.min(screen.width).saturating_sub(2) as usize);
        let mut lines = vec![Line::from(Span::styled(
            if *again {
                "Perform another elicitation action? Choose one, or 8 to finalize."
            } else {
                "Reflect on this section before finalizing it. Choose an action:"
            },
            theme.text,
        ))];
        lines.push(Line::default());
        let titles = crate::model::ElicitationAction::ALL
            .iter()
            .map(|a| (a.number(), a.title()))
            .chain([(8, FINALIZE_TITLE)]);
        for (i, (n, t)) in titles.enumerate() {
            let style = if i == *selected {
                theme.popup_selected
            } else {
                theme.text
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {n} "), theme.key),
                Span::styled(t.to_string(), style),
            ]));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                " 1–8 or {} {} chooses · {} closes (E reopens)",
                cx.keymap
                    .label(Context::Popup, &[Action::Up, Action::Down])
                    .unwrap_or_default(),
                key_of(cx.keymap, Context::Popup, Action::Choose),
                key_of(cx.keymap, Context::Popup, Action::Close)
            ),
            theme.dim,
        )));
        let heading = format!(
            "Advanced elicitation — {}",
            crate::text::sanitize_line(title)
        );
        let lines = wrap_lines(lines, text_width);
        let area = centered(screen, 66, lines.len() as u16 + 2);
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines).block(frame_block(&heading, theme)),
            area,
        );
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        std::iter::once(("1–8".to_string(), "choose"))
            .chain(list_hints(keymap, "choose", "close"))
            .collect()
    }
}
