//! The review comments of a section: on it, its options and its decision, the selected one in
//! view. What its keys ask for the app carries out (`tui::comments`), as the author or, in
//! review mode, into the reviewer's side file.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Layer, LayerContext, Outcome, actions, centered, frame_block, key_of};
use crate::review::target_label;
use crate::text::sanitize_line;
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::text_field::wrap_words;

/// What a key in the comments popup asks for (on the selected comment, where it acts on one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKey {
    AddOnSection,
    AddOnOption,
    AddOnDecision,
    /// Resolve or reopen the selected comment.
    Toggle,
    /// Cycle the selected comment's severity.
    Severity,
    Up,
    Down,
}

/// The comments of a section and the one selected.
pub struct CommentList {
    pub section: String,
    pub selected: usize,
}

impl Layer for CommentList {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        for action in actions(keymap, &[Context::CommentList, Context::Popup], &event) {
            let key = match action {
                Action::Close => return Outcome::Close,
                Action::Comment => CommentKey::AddOnSection,
                Action::CommentOnOption => CommentKey::AddOnOption,
                Action::CommentOnDecision => CommentKey::AddOnDecision,
                Action::ToggleResolved => CommentKey::Toggle,
                Action::Severity => CommentKey::Severity,
                Action::Up => CommentKey::Up,
                Action::Down => CommentKey::Down,
                _ => continue,
            };
            return Outcome::Comment {
                section: self.section.clone(),
                key,
            };
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        draw(frame, cx, &self.section, self.selected);
    }

    /// Every key of the list; the status bar shows those that act on what there is
    /// (`App::comment_keys`).
    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        use Action::*;
        [
            (Context::CommentList, &[Comment][..], "comment"),
            (Context::CommentList, &[CommentOnOption], "on the option"),
            (
                Context::CommentList,
                &[CommentOnDecision],
                "on the decision",
            ),
            (Context::CommentList, &[ToggleResolved], "resolve/reopen"),
            (Context::CommentList, &[Severity], "severity"),
            (Context::Popup, &[Up, Down], "move"),
            (Context::Popup, &[Close], "close"),
        ]
        .into_iter()
        .filter_map(|(c, a, what)| super::hint(keymap, c, a, what))
        .collect()
    }
}

/// Draws the comments popup of `section`, scrolled so that the selected comment is in view.
fn draw(frame: &mut Frame, cx: &LayerContext, section: &str, selected: usize) {
    let (app, theme, screen) = (cx.app, cx.theme, frame.area());
    let area = centered(screen, 96, screen.height.saturating_sub(4).min(24));
    frame.render_widget(Clear, area);
    let comments = app.section_comments(section);
    let title = app
        .doc
        .session
        .section(section)
        .map_or(section.to_string(), |s| s.title.clone());
    let heading = format!("Comments · {}", sanitize_line(&title));
    let block = frame_block(&heading, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    // The keys stay at the bottom, under a blank line; the comments scroll above them.
    let hint = wrap_words(
        &format!(
            "{} comment on the section · {} on the selected option · {} on the decision · {} resolve/reopen · {} severity · {} close",
            key_of(cx.keymap, Context::CommentList, Action::Comment),
            key_of(cx.keymap, Context::CommentList, Action::CommentOnOption),
            key_of(cx.keymap, Context::CommentList, Action::CommentOnDecision),
            key_of(cx.keymap, Context::CommentList, Action::ToggleResolved),
            key_of(cx.keymap, Context::CommentList, Action::Severity),
            key_of(cx.keymap, Context::Popup, Action::Close)
        ),
        width.saturating_sub(1),
    );
    let hint_rows = (hint.len() as u16 + 1).min(inner.height);
    let [list, keys] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(hint_rows)]).areas(inner);
    let mut lines = Vec::new();
    // The rows of the selected comment, to scroll to.
    let mut selected_rows = 0..0;
    if comments.is_empty() {
        lines.push(Line::from(Span::styled("No comments yet.", theme.dim)));
    }
    for (i, c) in comments.iter().enumerate() {
        let start = lines.len();
        let style = if i == selected {
            theme.popup_selected
        } else {
            theme.text
        };
        let state = if c.resolved_at.is_some() {
            Span::styled("resolved ", theme.ok)
        } else {
            Span::styled("open     ", theme.warning)
        };
        lines.push(Line::from(vec![
            state,
            Span::styled(format!("{:<8} ", c.severity.label()), theme.key),
            Span::styled(
                format!(
                    "{} · {} · {}",
                    sanitize_line(&target_label(&app.doc.session, &c.target)),
                    sanitize_line(&c.author),
                    crate::tui::status::clock(c.at)
                ),
                theme.dim,
            ),
        ]));
        let text = sanitize_line(&c.text);
        let rows = wrap_words(&text, width.saturating_sub(2));
        for row in if rows.is_empty() {
            vec![String::new()]
        } else {
            rows
        } {
            lines.push(Line::from(Span::styled(format!("  {row}"), style)));
        }
        if i == selected {
            selected_rows = start..lines.len();
        }
    }
    let height = list.height as usize;
    let scroll = if selected_rows.end > height {
        // The selected comment's last row at the bottom, or its first at the top when it is
        // taller than the list.
        (selected_rows.end - height).min(selected_rows.start)
    } else {
        0
    };
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        list,
    );
    let mut key_lines = vec![Line::default()];
    key_lines.extend(
        hint.into_iter()
            .map(|row| Line::from(Span::styled(format!(" {row}"), theme.dim))),
    );
    frame.render_widget(Paragraph::new(key_lines), keys);
}
