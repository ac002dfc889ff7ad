//! Conflicts between the inputs in the workbench: a popup listing each with the places that state
//! the rule and the places that disagree, open ones first marked as such; going to either place in
//! the input viewer; resolving one with a reason and reopening it. The session changes go through
//! `workflow::{resolve_conflict, reopen_conflict}`.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::app::App;
use super::popup::{Popup, Prompt, PromptPurpose, centered, frame_block};
use super::wrap::{popup_width, wrap_hanging, wrap_lines};
use crate::model::{ConflictSide, SourceRef};
use crate::settings::theme::Theme;
use crate::text::sanitize_line;

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

/// The keys of the conflicts popup.
pub fn conflict_key(event: KeyEvent) -> Option<ConflictKey> {
    Some(match event.code {
        KeyCode::Down | KeyCode::Char('j') => ConflictKey::Down,
        KeyCode::Up | KeyCode::Char('k') => ConflictKey::Up,
        KeyCode::Enter | KeyCode::Char('g') => ConflictKey::GoRule,
        KeyCode::Char('f') => ConflictKey::GoFound,
        KeyCode::Char('r') => ConflictKey::Resolve,
        KeyCode::Char('u') => ConflictKey::Reopen,
        _ => return None,
    })
}

impl App {
    /// Opens the conflicts popup, or says there is none.
    pub fn open_conflicts(&mut self) {
        if self.session.input_conflicts.is_empty() {
            self.info("the inputs do not disagree with one another");
            return;
        }
        let selected = self
            .session
            .input_conflicts
            .iter()
            .position(|c| self.session.resolution(c).is_none())
            .unwrap_or(0);
        self.popups.push(Popup::Conflicts { selected });
    }

    /// A key in the conflicts popup.
    pub fn conflict_event(&mut self, event: KeyEvent) {
        let Some(Popup::Conflicts { selected }) = self.popups.last() else {
            return;
        };
        let selected = *selected;
        let n = self.session.input_conflicts.len();
        // Saving works from the list too.
        let pressed = super::keymap::Key::from_event(&event);
        if self
            .keymap
            .keys(super::action::Context::Global, super::action::Action::Save)
            .contains(&pressed)
        {
            self.save(false);
            return;
        }
        let Some(key) = conflict_key(event) else {
            return;
        };
        let Some(conflict) = self.session.input_conflicts.get(selected).cloned() else {
            return;
        };
        match key {
            ConflictKey::Up | ConflictKey::Down => {
                if let Some(Popup::Conflicts { selected }) = self.popups.last_mut() {
                    *selected = if key == ConflictKey::Up {
                        selected.saturating_sub(1)
                    } else {
                        (*selected + 1).min(n.saturating_sub(1))
                    };
                }
            }
            ConflictKey::GoRule | ConflictKey::GoFound => {
                let side = if key == ConflictKey::GoRule {
                    &conflict.rule
                } else {
                    &conflict.found
                };
                self.go_to_source(&side.source);
            }
            ConflictKey::Resolve => {
                if self.refuse_if_read_only() {
                    return;
                }
                let reason = self
                    .session
                    .resolution(&conflict)
                    .map(|r| r.reason.clone())
                    .unwrap_or_default();
                // The conflict stays in view in the list around the prompt.
                self.popups.push(Popup::Prompt(Prompt::new(
                    "Why is the selected conflict settled?",
                    &reason,
                    PromptPurpose::ResolveConflict(conflict.key.clone()),
                )));
            }
            ConflictKey::Reopen => {
                let reopened = self.change(|s| {
                    crate::workflow::reopen_conflict(s, &conflict.key, crate::model::now())
                });
                match reopened {
                    Some(true) => self.info("conflict open again"),
                    Some(false) => self.info("this conflict is open"),
                    None => {}
                }
            }
        }
    }

    /// Applies the reason given for a conflict.
    pub fn resolve_conflict(&mut self, key: &str, reason: &str) {
        if reason.trim().is_empty() {
            self.warn("a conflict is resolved with a reason: nothing was changed");
            return;
        }
        let resolved =
            self.change(|s| crate::workflow::resolve_conflict(s, key, reason, crate::model::now()));
        if resolved == Some(true) {
            self.info("conflict resolved; u in the conflicts list opens it again");
        }
    }

    /// Closes the popups and opens the input a place is in, at its line.
    fn go_to_source(&mut self, source: &SourceRef) {
        match self
            .session
            .inputs
            .iter()
            .position(|i| i.path == source.input)
        {
            Some(i) => {
                self.popups.clear();
                self.jump(|app| app.open_input_at(i, Some(source.line)));
            }
            None => self.warn(format!(
                "{} is no longer an input",
                sanitize_line(&source.input)
            )),
        }
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
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, selected: usize, screen: Rect) {
    let area = centered(screen, 110, screen.height.saturating_sub(4).min(30));
    frame.render_widget(Clear, area);
    let s = &app.session;
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
            " j/k move · Enter goes to the rule · f to what disagrees · r resolves with a reason · u reopens · Esc closes",
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
