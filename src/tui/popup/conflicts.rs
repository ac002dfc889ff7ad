//! The conflicts between the inputs: every conflict, the selected one with the places that state
//! the rule and those that disagree, and its resolution. What its keys ask for the app carries
//! out (`tui::conflicts`): going to either place, resolving with a reason, reopening.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Layer, LayerContext, Outcome, actions, centered, frame_block, hint, key_of};
use crate::model::ConflictSide;
use crate::settings::theme::Theme;
use crate::text::sanitize_line;
use crate::tui::action::{Action, Context};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::wrap::{popup_width, wrap_hanging, wrap_lines};

/// What a key in the conflicts popup asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKey {
    Up,
    Down,
    /// Open the input that states the rule, at its line.
    GoRule,
    /// Open the input that disagrees, at its line.
    GoFound,
    Resolve,
    Reopen,
}

/// The conflicts list and the conflict selected.
pub struct ConflictList {
    pub selected: usize,
}

impl Layer for ConflictList {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        // Saving works from the list too.
        if keymap
            .keys(Context::Global, Action::Save)
            .contains(&Key::from_event(&event))
        {
            return Outcome::Save;
        }
        for action in actions(keymap, &[Context::ConflictList, Context::Popup], &event) {
            let key = match action {
                Action::Close => return Outcome::Close,
                Action::Up => ConflictKey::Up,
                Action::Down => ConflictKey::Down,
                Action::Choose => ConflictKey::GoRule,
                Action::GoToFound => ConflictKey::GoFound,
                Action::Resolve => ConflictKey::Resolve,
                Action::Reopen => ConflictKey::Reopen,
                _ => continue,
            };
            return Outcome::Conflict(key);
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        draw(frame, cx, self.selected);
    }

    /// Every key of the list; the status bar leaves out resolving and reopening in a read-only
    /// session and adds the save key.
    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        [
            hint(
                keymap,
                Context::Popup,
                &[Action::Up, Action::Down],
                "select",
            ),
            hint(
                keymap,
                Context::ConflictList,
                &[Action::Choose],
                "go to the rule",
            ),
            hint(
                keymap,
                Context::ConflictList,
                &[Action::GoToFound],
                "go to what disagrees",
            ),
            hint(keymap, Context::ConflictList, &[Action::Resolve], "resolve"),
            hint(keymap, Context::ConflictList, &[Action::Reopen], "reopen"),
            hint(keymap, Context::Popup, &[Action::Close], "close"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

fn place<'a>(label: &'a str, side: &ConflictSide, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("    {label:<6}"), theme.dim),
        Span::styled(
            format!("{:<20} ", sanitize_line(&side.source.short())),
            theme.link,
        ),
        Span::styled(sanitize_line(&side.text).into_owned(), theme.text),
    ])
}

/// Draws the conflicts popup: every conflict, the selected one with its places and resolution.
fn draw(frame: &mut Frame, cx: &LayerContext, selected: usize) {
    let (app, theme, screen) = (cx.app, cx.theme, frame.area());
    let area = centered(screen, 110, screen.height.saturating_sub(4).min(30));
    frame.render_widget(Clear, area);
    let s = &app.doc.session;
    let open = s.open_conflicts().count();
    let title = format!(
        "Conflicts between the inputs · {open} open of {}",
        s.input_conflicts.len()
    );
    let width = popup_width(area.width.saturating_sub(2) as usize);
    // Places continue under their text when there is room for it, else under the label.
    let place_hang = if width >= 31 + 30 { 27 } else { 6 };
    let mut lines = Vec::new();
    let mut selected_row = 0;
    for (i, c) in s.input_conflicts.iter().enumerate() {
        let resolution = s.resolution(c);
        let state = match resolution {
            Some(_) => Span::styled("resolved ", theme.ok),
            None => Span::styled("open     ", theme.warning),
        };
        let style = if i == selected {
            theme.popup_selected
        } else {
            theme.text
        };
        if i == selected {
            selected_row = lines.len();
        }
        lines.extend(wrap_hanging(
            Line::from(vec![
                state,
                Span::styled(sanitize_line(&c.about).into_owned(), style),
            ]),
            width,
            9,
        ));
        if i != selected {
            continue;
        }
        for side in c.rules() {
            lines.extend(wrap_hanging(place("rule", side, theme), width, place_hang));
        }
        const SHOWN: usize = 6;
        for side in c.places().take(SHOWN) {
            lines.extend(wrap_hanging(place("found", side, theme), width, place_hang));
        }
        let more = c.places().count().saturating_sub(SHOWN);
        if more > 0 {
            lines.extend(wrap_hanging(
                Line::from(Span::styled(
                    format!("          … and {more} more places (all in `infradraft inputs`)"),
                    theme.dim,
                )),
                width,
                0,
            ));
        }
        if let Some(r) = resolution {
            lines.extend(wrap_hanging(
                Line::from(vec![
                    Span::styled("    why   ", theme.dim),
                    Span::styled(sanitize_line(&r.reason).into_owned(), theme.ok),
                ]),
                width,
                6,
            ));
        }
    }
    lines.push(Line::default());
    lines.extend(wrap_lines(
        [Line::from(Span::styled(
            format!(
                " {} move · {} goes to the rule · {} to what disagrees · {} resolves with a reason · {} reopens · {} closes",
                cx.keymap
                    .label(Context::Popup, &[Action::Up, Action::Down])
                    .unwrap_or_default(),
                key_of(cx.keymap, Context::ConflictList, Action::Choose),
                key_of(cx.keymap, Context::ConflictList, Action::GoToFound),
                key_of(cx.keymap, Context::ConflictList, Action::Resolve),
                key_of(cx.keymap, Context::ConflictList, Action::Reopen),
                key_of(cx.keymap, Context::Popup, Action::Close)
            ),
            theme.dim,
        ))],
        width,
    ));
    // Keep the selected conflict in view: its first row a third of the way down.
    let height = area.height.saturating_sub(2) as usize;
    let scroll = selected_row
        .saturating_sub(height / 3)
        .min(lines.len().saturating_sub(height));
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll.min(u16::MAX as usize) as u16, 0))
            .block(frame_block(&title, theme)),
        area,
    );
}
