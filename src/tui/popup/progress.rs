//! The progress view (`F5`): every stage of the process with where it stands, the next step
//! below, and `Enter` to go to a stage.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Layer, LayerContext, Outcome, actions, centered, frame_block, hint, select_in_list};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::{Key, Keymap};
use crate::workflow::guide::{Next, Stage, StageProgress, State};

/// The progress view: the stages as they stood when it was opened.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressView {
    pub stages: Vec<StageProgress>,
    pub next: Next,
    pub selected: usize,
}

impl Layer for ProgressView {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        // The key that opens the view closes it.
        if keymap
            .keys(Context::Global, Action::Progress)
            .contains(&Key::from_event(&event))
        {
            return Outcome::Close;
        }
        for action in actions(keymap, &[Context::Popup], &event) {
            if select_in_list(action, &mut self.selected, self.stages.len()) {
                break;
            }
            match action {
                Action::Choose => {
                    return match self.stages.get(self.selected) {
                        Some(p) => Outcome::GoToStage(p.stage),
                        None => Outcome::Stay,
                    };
                }
                Action::Close => return Outcome::Close,
                _ => {}
            }
        }
        Outcome::Stay
    }

    /// A row per stage (mark, name, where it stands), the next step below.
    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        let (theme, screen, view) = (cx.theme, frame.area(), self);
        let width = 78.min(screen.width);
        let inner = crate::tui::wrap::popup_width(width.saturating_sub(2) as usize);
        let label_width = Stage::ALL
            .iter()
            .map(|s| s.label().chars().count())
            .max()
            .unwrap_or(0);
        let mut lines = Vec::new();
        for (i, p) in view.stages.iter().enumerate() {
            let selected = i == view.selected;
            let mark_style = match p.state {
                State::Done => theme.ok,
                State::Started => theme.warning,
                State::NotStarted => theme.dim,
            };
            let base = if selected {
                theme.popup_selected
            } else {
                theme.text
            };
            let pointer = if p.stage == view.next.stage {
                "▸ "
            } else {
                "  "
            };
            let head = format!("{:<label_width$}  ", p.stage.label());
            let indent = 2 + 2 + head.chars().count();
            let rows = crate::tui::text_field::wrap_words(
                &crate::text::sanitize_line(&p.detail),
                inner.saturating_sub(indent).max(10),
            );
            let mut rows = rows.into_iter();
            lines.push(Line::from(vec![
                Span::styled(pointer, theme.key),
                Span::styled(format!("{} ", p.state.mark()), mark_style),
                Span::styled(head, base),
                Span::styled(rows.next().unwrap_or_default(), theme.dim),
            ]));
            for row in rows {
                lines.push(Line::from(Span::styled(
                    format!("{:indent$}{row}", ""),
                    theme.dim,
                )));
            }
        }
        lines.push(Line::default());
        for (n, row) in crate::tui::text_field::wrap_words(
            &format!("Next: {}", crate::text::sanitize_line(&view.next.what)),
            inner,
        )
        .into_iter()
        .enumerate()
        {
            lines.push(Line::from(Span::styled(
                row,
                if n == 0 { theme.key } else { theme.text },
            )));
        }
        let mut keys = Vec::new();
        for (k, what) in self.key_hints(cx.keymap) {
            if !keys.is_empty() {
                keys.push(Span::styled("  ", theme.text));
            }
            keys.push(Span::styled(format!(" {k} "), theme.key));
            keys.push(Span::styled(what, theme.text));
        }
        lines.push(Line::from(keys));
        let height = (lines.len() as u16 + 2).min(screen.height);
        let area = centered(screen, width, height);
        frame.render_widget(Clear, area);
        let done = view
            .stages
            .iter()
            .filter(|s| s.state == State::Done)
            .count();
        let title = format!("Progress · {done} of {} stages done", view.stages.len());
        frame.render_widget(
            Paragraph::new(lines).block(frame_block(&title, theme)),
            area,
        );
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        [
            hint(keymap, Context::Popup, &[Action::Choose], "go to the stage"),
            hint(
                keymap,
                Context::Popup,
                &[Action::Up, Action::Down],
                "select",
            ),
            hint(keymap, Context::Popup, &[Action::Close], "close"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
