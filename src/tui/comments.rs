//! Review comments in the workbench: the comments popup of a section (its own comments and those on
//! its options and decision), adding, resolving and reopening them, and the reviewer's side file.
//! In review mode comments go to `<session>.review.ron` and the session is never written; the
//! author merges that file with `merge-review`.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::app::App;
use super::popup::{Popup, Prompt, PromptPurpose, centered};
use super::text_field::wrap_words;
use crate::model::{CommentTarget, ReviewComment, Severity};
use crate::review::{self, ReviewFile, section_of, target_label};
use crate::settings::theme::Theme;
use crate::text::sanitize_line;

/// The reviewer's side of a review session.
pub struct ReviewState {
    pub path: PathBuf,
    pub file: ReviewFile,
    pub author: String,
}

/// What a key in the comments popup asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentKey {
    AddOnSection,
    AddOnOption,
    AddOnDecision,
    /// Resolve or reopen the comment with this id.
    Toggle(String),
    /// Cycle the severity of the comment with this id.
    Severity(String),
    Up,
    Down,
}

/// The keys of the comments popup.
pub fn comment_key(event: KeyEvent, selected: Option<&ReviewComment>) -> Option<CommentKey> {
    Some(match event.code {
        KeyCode::Char('a') => CommentKey::AddOnSection,
        KeyCode::Char('o') => CommentKey::AddOnOption,
        KeyCode::Char('d') => CommentKey::AddOnDecision,
        KeyCode::Char('r') => CommentKey::Toggle(selected?.id.clone()),
        KeyCode::Char('s') => CommentKey::Severity(selected?.id.clone()),
        KeyCode::Down | KeyCode::Char('j') => CommentKey::Down,
        KeyCode::Up | KeyCode::Char('k') => CommentKey::Up,
        _ => return None,
    })
}

impl App {
    /// Every comment in view: the session's (merged) comments, with the reviewer's side file
    /// over them in review mode.
    pub fn comments(&self) -> Vec<ReviewComment> {
        let mut all = self.session.review_comments.clone();
        if let Some(r) = &self.review {
            for c in &r.file.comments {
                match all.iter_mut().find(|x| x.id == c.id) {
                    Some(x) => *x = c.clone(),
                    None => all.push(c.clone()),
                }
            }
        }
        all
    }

    /// The comments of one section (on it, its options and its decision), oldest first.
    pub fn section_comments(&self, section: &str) -> Vec<ReviewComment> {
        self.comments()
            .into_iter()
            .filter(|c| section_of(&self.session, &c.target) == section)
            .collect()
    }

    /// Opens the comments of the selected section.
    pub fn open_comments(&mut self) {
        let Some(i) = self.selected_section() else {
            self.warn("select a section to see or add comments");
            return;
        };
        let section = self.session.sections[i].id.clone();
        self.popups.push(Popup::Comments {
            section,
            selected: 0,
        });
    }

    /// A comment written or changed: into the reviewer's side file in review mode, else into
    /// the author's session (through the gate).
    fn upsert_comment(&mut self, comment: ReviewComment) {
        match self.review.as_mut() {
            Some(r) => {
                review::upsert(&mut r.file.comments, comment);
                self.structure_changed();
            }
            None => {
                self.change(|s| review::upsert(&mut s.review_comments, comment));
            }
        }
    }

    /// A key of the comments popup of `section`.
    pub fn comment_action(&mut self, section: &str, key: CommentKey) {
        let comments = self.section_comments(section);
        let selected = match self.popups.last() {
            Some(Popup::Comments { selected, .. }) => *selected,
            _ => 0,
        };
        let set_selected = |app: &mut App, value: usize| {
            if let Some(Popup::Comments { selected, .. }) = app.popups.last_mut() {
                *selected = value;
            }
        };
        match key {
            CommentKey::Down => {
                set_selected(self, (selected + 1).min(comments.len().saturating_sub(1)))
            }
            CommentKey::Up => set_selected(self, selected.saturating_sub(1)),
            CommentKey::AddOnSection => self.prompt_comment(CommentTarget::Section(section.into())),
            CommentKey::AddOnOption => {
                let decision = self.selected_component().unwrap_or_else(|| section.into());
                let card = self.session.component(&decision).and_then(|c| {
                    c.options
                        .get(self.design.card.min(c.options.len().saturating_sub(1)))
                        .map(|o| o.id.clone())
                });
                match card {
                    Some(option) => self.prompt_comment(CommentTarget::Option(decision, option)),
                    None => self.warn("this section has no option cards"),
                }
            }
            CommentKey::AddOnDecision => {
                let decision = self.selected_component().unwrap_or_else(|| section.into());
                if self
                    .session
                    .component(&decision)
                    .is_some_and(|c| c.decision.is_some())
                {
                    self.prompt_comment(CommentTarget::Decision(decision));
                } else {
                    self.warn("this section has no decision yet");
                }
            }
            CommentKey::Toggle(id) => {
                if let Some(mut c) = comments.into_iter().find(|c| c.id == id) {
                    c.resolved_at = match c.resolved_at {
                        Some(_) => None,
                        None => Some(crate::model::now()),
                    };
                    let what = if c.resolved_at.is_some() {
                        "resolved"
                    } else {
                        "reopened"
                    };
                    self.upsert_comment(c);
                    self.info(format!("comment {what}"));
                }
            }
            CommentKey::Severity(id) => {
                if let Some(mut c) = comments.into_iter().find(|c| c.id == id) {
                    c.severity = c.severity.next();
                    self.upsert_comment(c);
                }
            }
        }
    }

    /// The keys of the comments popup of `section` that act now, for the key bar: adding only
    /// where there is something to comment on (and the session takes comments), resolving and
    /// the severity only with a comment to act on.
    pub fn comment_keys(&self, section: &str) -> Vec<(&'static str, &'static str)> {
        let comments = self.section_comments(section).len();
        let can_change = self.review.is_some() || self.read_only.is_none();
        let decision = self
            .selected_component()
            .and_then(|id| self.session.component(&id));
        let mut keys = Vec::new();
        if can_change {
            keys.push(("a", "comment"));
            if decision.is_some_and(|c| !c.options.is_empty()) {
                keys.push(("o", "on the option"));
            }
            if decision.is_some_and(|c| c.decision.is_some()) {
                keys.push(("d", "on the decision"));
            }
            if comments > 0 {
                keys.push(("r", "resolve/reopen"));
                keys.push(("s", "severity"));
            }
        }
        if comments > 1 {
            keys.push(("j/k", "move"));
        }
        keys.push(("Esc", "close"));
        keys
    }

    fn prompt_comment(&mut self, target: CommentTarget) {
        let title = format!("Comment on {}", target_label(&self.session, &target));
        self.popups.push(Popup::Prompt(Prompt::new(
            &title,
            "",
            PromptPurpose::Comment(target),
        )));
    }

    /// Adds a comment (from its prompt), as the reviewer in review mode or as the author.
    pub fn add_comment(&mut self, target: CommentTarget, text: &str) {
        if text.trim().is_empty() {
            self.warn("an empty comment was not added");
            return;
        }
        let now = crate::model::now();
        let existing = self.comments();
        let author = match &self.review {
            Some(r) => r.author.clone(),
            None => self
                .session
                .meta
                .authors
                .first()
                .cloned()
                .unwrap_or_else(|| "author".into()),
        };
        let id = review::new_id(&existing, now);
        let section = section_of(&self.session, &target).to_string();
        let comment = ReviewComment {
            id: id.clone(),
            target,
            author,
            at: now,
            severity: Severity::Minor,
            text: text.trim().to_string(),
            resolved_at: None,
        };
        self.upsert_comment(comment);
        // The new comment is the selected one, so that the next key (resolve, severity) acts on
        // it; the popup scrolls it into view.
        let at = self
            .section_comments(&section)
            .iter()
            .position(|c| c.id == id);
        if let Some(Popup::Comments {
            section: open,
            selected,
        }) = self.popups.last_mut()
            && *open == section
            && let Some(at) = at
        {
            *selected = at;
        }
        self.info(if self.review.is_some() {
            "comment added to the review (s changes its severity); ^S saves the review file"
        } else {
            "comment added (s changes its severity)"
        });
    }

    /// Switches this window to review mode: the session's lock is released and nothing of the
    /// author's can change; comments go to the side file. Unsaved changes must be saved first.
    pub fn enter_review_mode(&mut self) {
        if self.review.is_some() {
            self.info("already in review mode");
            return;
        }
        if self.dirty {
            self.warn("save or discard your changes first (^S), then switch to review mode");
            return;
        }
        let path = review::review_path(&self.path);
        match review::load(&path, &self.session.meta.title) {
            Ok(file) => {
                let author = std::env::var("USER")
                    .ok()
                    .filter(|u| !u.trim().is_empty())
                    .unwrap_or_else(|| "reviewer".into());
                self.review = Some(ReviewState { path, file, author });
                self.release_lock();
                self.read_only = Some("review mode, comments only (F4)".into());
                self.info(
                    "review mode: F4 shows and adds comments; ^S saves them beside the session",
                );
            }
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// Merges the reviewer's side file into the session (the author's workbench).
    pub fn merge_review(&mut self) {
        if self.review.is_some() {
            self.warn(
                "merge in the author's workbench: infradraft open SESSION, then merge-review",
            );
            return;
        }
        if self.refuse_if_read_only() {
            return;
        }
        let path = review::review_path(&self.path);
        if !path.exists() {
            self.warn(format!(
                "no review to merge: {} does not exist",
                path.display()
            ));
            return;
        }
        match review::load(&path, &self.session.meta.title) {
            Ok(file) => {
                let Some(r) = self.change(|s| review::merge(s, &file, crate::model::now())) else {
                    return;
                };
                self.info(format!(
                    "merged {}: {} new, {} updated, {} already here",
                    path.display(),
                    r.added,
                    r.updated,
                    r.unchanged
                ));
            }
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// Saves the reviewer's side file (review mode's save).
    pub fn save_review(&mut self, auto: bool) -> bool {
        let Some(r) = self.review.as_ref() else {
            return false;
        };
        match review::save(&r.path, &r.file) {
            Ok(()) => {
                let now = crate::model::now();
                self.dirty = false;
                self.dirty_since = None;
                self.save_state = super::app::SaveState::Saved { at: now, auto };
                if !auto {
                    let name = r
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    self.info(format!("review saved to {name}"));
                }
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }
}

/// Draws the comments popup of `section`, scrolled so that the selected comment is in view.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    section: &str,
    selected: usize,
    screen: Rect,
) {
    let area = centered(screen, 96, screen.height.saturating_sub(4).min(24));
    frame.render_widget(Clear, area);
    let comments = app.section_comments(section);
    let title = app
        .session
        .section(section)
        .map_or(section.to_string(), |s| s.title.clone());
    let heading = format!("Comments · {}", sanitize_line(&title));
    let block = super::popup::frame_block(&heading, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    // The keys stay at the bottom, under a blank line; the comments scroll above them.
    let hint = wrap_words(
        "a comment on the section · o on the selected option · d on the decision · r resolve/reopen · s severity · Esc close",
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
                    sanitize_line(&target_label(&app.session, &c.target)),
                    sanitize_line(&c.author),
                    super::status::clock(c.at)
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
