//! Catalog options for a component, ranked by how well they fit the inputs, with why; those the
//! inputs rule out are marked and say which rule.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Layer, LayerContext, Outcome, actions, centered, frame_block, key_of, list_hints,
    select_in_list,
};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::wrap::{popup_width, wrap_hanging, wrap_lines};

/// One catalog option offered for a component, with its fit and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogChoice {
    pub id: String,
    pub name: String,
    pub fit: u8,
    pub why: String,
    pub already: bool,
    /// A mandate, a prohibition or a required figure of the inputs rules it out (`why` says which).
    pub ruled_out: bool,
}

/// The picker: the component, its choices best first, and the one selected.
pub struct CatalogPicker {
    pub component: String,
    pub choices: Vec<CatalogChoice>,
    pub selected: usize,
    /// Adds the choice to the open decision matrix rather than as an option card.
    pub alternative: bool,
}

impl Layer for CatalogPicker {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        for action in actions(keymap, &[Context::Popup], &event) {
            if select_in_list(action, &mut self.selected, self.choices.len()) {
                break;
            }
            match action {
                Action::Choose => {
                    return match self.choices.get(self.selected) {
                        Some(c) if self.alternative => Outcome::AddAlternative(c.id.clone()),
                        Some(c) => Outcome::AddCatalogOption {
                            component: self.component.clone(),
                            option: c.id.clone(),
                        },
                        None => Outcome::Close,
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
        let CatalogPicker {
            choices, selected, ..
        } = self;
        let area = centered(screen, 100, screen.height.saturating_sub(4).min(30));
        frame.render_widget(Clear, area);
        let title = format!(
            "Add from the catalog · ranked by fit with the inputs · {} adds",
            key_of(cx.keymap, Context::Popup, Action::Choose)
        );
        let block = frame_block(&title, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = popup_width(inner.width as usize);
        let mut rows: Vec<Line> = Vec::new();
        let mut selected_row = 0;
        for (i, c) in choices.iter().enumerate() {
            let style = if i == *selected {
                theme.popup_selected
            } else if c.already || c.ruled_out {
                theme.dim
            } else {
                theme.text
            };
            let stars = format!(
                "{}{}",
                "★".repeat(c.fit as usize),
                "☆".repeat(5 - c.fit.min(5) as usize)
            );
            let already = if c.already {
                "  (on the component)"
            } else {
                ""
            };
            if i == *selected {
                selected_row = rows.len();
            }
            // A long name continues under itself, after the stars.
            rows.extend(wrap_hanging(
                Line::from(vec![
                    Span::styled(
                        format!(" {stars} "),
                        if i == *selected { style } else { theme.key },
                    ),
                    // Before the name, so that it shows on a narrow screen too.
                    Span::styled(
                        if c.ruled_out { "✗ " } else { "" },
                        if i == *selected { style } else { theme.error },
                    ),
                    Span::styled(format!("{}{already}", c.name), style),
                ]),
                width,
                7,
            ));
        }
        // The list keeps at least four rows for why the selected choice fits.
        let list_rows = (rows.len() as u16 + 1).min(inner.height.saturating_sub(4).max(1));
        let [list, why] =
            Layout::vertical([Constraint::Length(list_rows), Constraint::Min(0)]).areas(inner);
        let shown = list_rows.saturating_sub(1) as usize;
        let scroll = (selected_row + 1).saturating_sub(shown);
        frame.render_widget(
            Paragraph::new(rows).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
            list,
        );
        if let Some(c) = choices.get(*selected) {
            let mut lines = wrap_lines(
                [
                    Line::from(Span::styled("Why this fit", theme.heading3)),
                    Line::from(Span::styled(
                        crate::text::sanitize_line(&c.why).into_owned(),
                        theme.dim,
                    )),
                ],
                width,
            );
            let room = why.height as usize;
            if lines.len() > room && room > 0 {
                let hidden = lines.len() - (room - 1);
                lines.truncate(room - 1);
                lines.push(Line::from(Span::styled(
                    format!("… {hidden} more lines"),
                    theme.dim,
                )));
            }
            frame.render_widget(Paragraph::new(lines), why);
        }
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        list_hints(keymap, "add", "close").collect()
    }
}
