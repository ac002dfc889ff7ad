//! Review comments in the workbench: the comments popup of a section (its own comments and those on
//! its options and decision), adding, resolving and reopening them, and the reviewer's side file.
//! In review mode comments go to `<session>.review.ron` and the session is never written; the
//! author merges that file with `merge-review`.

use std::path::PathBuf;

use super::action::{Action, Context};
use super::app::App;
use super::popup::{CommentKey, CommentList, Popup, Prompt, PromptPurpose};
use crate::model::{CommentTarget, ReviewComment, Severity};
use crate::review::{self, ReviewFile, section_of, target_label};

/// The reviewer's side of a review session.
pub struct ReviewState {
    pub path: PathBuf,
    pub file: ReviewFile,
    pub author: String,
}

impl App {
    /// Every comment in view: the session's (merged) comments, with the reviewer's side file
    /// over them in review mode.
    pub fn comments(&self) -> Vec<ReviewComment> {
        let mut all = self.doc.session.review_comments.clone();
        if let Some(r) = &self.doc.review {
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
            .filter(|c| section_of(&self.doc.session, &c.target) == section)
            .collect()
    }

    /// Opens the comments of the selected section.
    pub fn open_comments(&mut self) {
        let Some(i) = self.selected_section() else {
            self.warn("select a section to see or add comments");
            return;
        };
        let section = self.doc.session.sections[i].id.clone();
        self.ui.popups.push(Popup::Comments(CommentList {
            section,
            selected: 0,
        }));
    }

    /// A comment written or changed: into the reviewer's side file in review mode, else into
    /// the author's session (through the gate).
    fn upsert_comment(&mut self, comment: ReviewComment) {
        match self.doc.review.as_mut() {
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
        let selected = match self.ui.popups.last() {
            Some(Popup::Comments(list)) => list.selected,
            _ => 0,
        };
        let set_selected = |app: &mut App, value: usize| {
            if let Some(Popup::Comments(list)) = app.ui.popups.last_mut() {
                list.selected = value;
            }
        };
        let selected_id = comments.get(selected).map(|c| c.id.clone());
        match key {
            CommentKey::Down => {
                set_selected(self, (selected + 1).min(comments.len().saturating_sub(1)))
            }
            CommentKey::Up => set_selected(self, selected.saturating_sub(1)),
            CommentKey::AddOnSection => self.prompt_comment(CommentTarget::Section(section.into())),
            CommentKey::AddOnOption => {
                let decision = self.selected_component().unwrap_or_else(|| section.into());
                let card = self.doc.session.component(&decision).and_then(|c| {
                    c.options
                        .get(self.ui.design.card.min(c.options.len().saturating_sub(1)))
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
                    .doc
                    .session
                    .component(&decision)
                    .is_some_and(|c| c.decision.is_some())
                {
                    self.prompt_comment(CommentTarget::Decision(decision));
                } else {
                    self.warn("this section has no decision yet");
                }
            }
            CommentKey::Toggle => {
                if let Some(mut c) = comments
                    .into_iter()
                    .find(|c| Some(&c.id) == selected_id.as_ref())
                {
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
            CommentKey::Severity => {
                if let Some(mut c) = comments
                    .into_iter()
                    .find(|c| Some(&c.id) == selected_id.as_ref())
                {
                    c.severity = c.severity.next();
                    self.upsert_comment(c);
                }
            }
        }
    }

    /// The keys of the comments popup of `section` that act now, for the key bar: adding only
    /// where there is something to comment on (and the session takes comments), resolving and
    /// the severity only with a comment to act on.
    pub fn comment_keys(&self, section: &str) -> Vec<(String, &'static str)> {
        let comments = self.section_comments(section).len();
        let can_change = self.doc.review.is_some() || self.doc.read_only.is_none();
        let decision = self
            .selected_component()
            .and_then(|id| self.doc.session.component(&id));
        let has_options = decision.is_some_and(|c| !c.options.is_empty());
        let decided = decision.is_some_and(|c| c.decision.is_some());
        let list = Context::CommentList;
        let keys = [
            (can_change, list, &[Action::Comment][..], "comment"),
            (
                can_change && has_options,
                list,
                &[Action::CommentOnOption],
                "on the option",
            ),
            (
                can_change && decided,
                list,
                &[Action::CommentOnDecision],
                "on the decision",
            ),
            (
                can_change && comments > 0,
                list,
                &[Action::ToggleResolved],
                "resolve/reopen",
            ),
            (
                can_change && comments > 0,
                list,
                &[Action::Severity],
                "severity",
            ),
            (
                comments > 1,
                Context::Popup,
                &[Action::Up, Action::Down],
                "move",
            ),
            (true, Context::Popup, &[Action::Close], "close"),
        ];
        keys.into_iter()
            .filter(|(shown, ..)| *shown)
            .filter_map(|(_, context, actions, what)| {
                super::popup::hint(&self.settings.keymap, context, actions, what)
            })
            .collect()
    }

    fn prompt_comment(&mut self, target: CommentTarget) {
        let title = format!("Comment on {}", target_label(&self.doc.session, &target));
        self.ui.popups.push(Popup::Prompt(Prompt::new(
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
        let author = match &self.doc.review {
            Some(r) => r.author.clone(),
            None => self
                .doc
                .session
                .meta
                .authors
                .first()
                .cloned()
                .unwrap_or_else(|| "author".into()),
        };
        let id = review::new_id(&existing, now);
        let section = section_of(&self.doc.session, &target).to_string();
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
        if let Some(Popup::Comments(list)) = self.ui.popups.last_mut()
            && list.section == section
            && let Some(at) = at
        {
            list.selected = at;
        }
        self.info(if self.doc.review.is_some() {
            "comment added to the review (s changes its severity); ^S saves the review file"
        } else {
            "comment added (s changes its severity)"
        });
    }

    /// Switches this window to review mode: the session's lock is released and nothing of the
    /// author's can change; comments go to the side file. Unsaved changes must be saved first.
    pub fn enter_review_mode(&mut self) {
        if self.doc.review.is_some() {
            self.info("already in review mode");
            return;
        }
        if self.doc.dirty {
            self.warn("save or discard your changes first (^S), then switch to review mode");
            return;
        }
        let path = review::review_path(&self.doc.path);
        match review::load(&path, &self.doc.session.meta.title) {
            Ok(file) => {
                let author = std::env::var("USER")
                    .ok()
                    .filter(|u| !u.trim().is_empty())
                    .unwrap_or_else(|| "reviewer".into());
                self.doc.review = Some(ReviewState { path, file, author });
                self.release_lock();
                self.doc.read_only = Some("review mode, comments only (F4)".into());
                self.info(
                    "review mode: F4 shows and adds comments; ^S saves them beside the session",
                );
            }
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// Merges the reviewer's side file into the session (the author's workbench).
    pub fn merge_review(&mut self) {
        if self.doc.review.is_some() {
            self.warn(
                "merge in the author's workbench: infradraft open SESSION, then merge-review",
            );
            return;
        }
        if self.refuse_if_read_only() {
            return;
        }
        let path = review::review_path(&self.doc.path);
        if !path.exists() {
            self.warn(format!(
                "no review to merge: {} does not exist",
                path.display()
            ));
            return;
        }
        match review::load(&path, &self.doc.session.meta.title) {
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
        let Some(r) = self.doc.review.as_ref() else {
            return false;
        };
        match review::save(&r.path, &r.file) {
            Ok(()) => {
                let now = crate::model::now();
                self.doc.dirty = false;
                self.doc.dirty_since = None;
                self.doc.save_state = super::app::SaveState::Saved { at: now, auto };
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
