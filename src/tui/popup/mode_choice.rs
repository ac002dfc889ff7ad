//! The interaction mode, as the process asks first: incremental (the default) or YOLO.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Layer, LayerContext, Outcome, actions, centered, frame_block, hint, key_of, list_hints,
};
use crate::model::InteractionMode;
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::wrap::{popup_width, wrap_lines};

/// The two modes, the highlighted one first (0: incremental, 1: YOLO).
pub struct ModeChoice {
    pub selected: usize,
}

impl Layer for ModeChoice {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        for action in actions(keymap, &[Context::Dialog, Context::Popup], &event) {
            match action {
                Action::Up | Action::Down => self.selected = 1 - self.selected.min(1),
                Action::ModeIncremental => return Outcome::SetMode(InteractionMode::Incremental),
                Action::ModeYolo => return Outcome::SetMode(InteractionMode::Yolo),
                Action::Choose => {
                    return Outcome::SetMode(if self.selected == 0 {
                        InteractionMode::Incremental
                    } else {
                        InteractionMode::Yolo
                    });
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
        let ModeChoice { selected } = self;
        let text_width = popup_width(84.min(screen.width).saturating_sub(2) as usize);
        let option = |i: usize, key: &str, title: &str, text: &str| {
            let style = if i == *selected {
                theme.popup_selected
            } else {
                theme.text
            };
            vec![
                Line::from(vec![
                    Span::styled(format!(" {key} "), theme.key),
                    Span::styled(title.to_string(), style),
                ]),
                Line::from(Span::styled(format!("   {text}"), theme.dim)),
            ]
        };
        let mut lines = vec![
            Line::from(Span::styled(
                "How would you like to proceed with the infrastructure architecture?",
                theme.text,
            )),
            Line::default(),
        ];
        lines.extend(option(
                        0,
            &key_of(cx.keymap, Context::Dialog, Action::ModeIncremental),
            "Incrementally (default and recommended)",
            "Component by component, step by step: purpose, options, recommendation, feedback, elicitation, decision. Best for complex designs.",
        ));
        lines.push(Line::default());
        lines.extend(option(
                        1,
            &key_of(cx.keymap, Context::Dialog, Action::ModeYolo),
            "YOLO",
            "A comprehensive first draft of every component now (options from the catalog, a recommendation and a body each), then review and iterate.",
        ));
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                " {} or {} chooses · {} takes the highlighted one · {} decides later (m)",
                key_of(cx.keymap, Context::Dialog, Action::ModeIncremental),
                key_of(cx.keymap, Context::Dialog, Action::ModeYolo),
                key_of(cx.keymap, Context::Popup, Action::Choose),
                key_of(cx.keymap, Context::Popup, Action::Close)
            ),
            theme.dim,
        )));
        let lines = wrap_lines(lines, text_width);
        let area = centered(screen, 84, lines.len() as u16 + 2);
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines).block(frame_block("Interaction mode", theme)),
            area,
        );
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        [
            hint(
                keymap,
                Context::Dialog,
                &[Action::ModeIncremental],
                "incremental",
            ),
            hint(keymap, Context::Dialog, &[Action::ModeYolo], "YOLO"),
        ]
        .into_iter()
        .flatten()
        .chain(list_hints(keymap, "choose", "decide later"))
        .collect()
    }
}
