//! Conflicts between the inputs in the workbench: a popup listing each with the places that state
//! the rule and the places that disagree, open ones first marked as such; going to either place in
//! the input viewer; resolving one with a reason and reopening it. The session changes go through
//! `workflow::{resolve_conflict, reopen_conflict}`.

use super::app::App;
use super::popup::{ConflictKey, ConflictList, Popup, Prompt, PromptPurpose};
use crate::model::SourceRef;
use crate::text::sanitize_line;

impl App {
    /// Opens the conflicts popup, or says there is none.
    pub fn open_conflicts(&mut self) {
        if self.doc.session.input_conflicts.is_empty() {
            self.info("the inputs do not disagree with one another");
            return;
        }
        let selected = self
            .doc
            .session
            .input_conflicts
            .iter()
            .position(|c| self.doc.session.resolution(c).is_none())
            .unwrap_or(0);
        self.ui
            .popups
            .push(Popup::Conflicts(ConflictList { selected }));
    }

    /// What a key in the conflicts popup asked for.
    pub fn conflict_action(&mut self, key: ConflictKey) {
        let Some(Popup::Conflicts(list)) = self.ui.popups.last() else {
            return;
        };
        let selected = list.selected;
        let n = self.doc.session.input_conflicts.len();
        let Some(conflict) = self.doc.session.input_conflicts.get(selected).cloned() else {
            return;
        };
        match key {
            ConflictKey::Up | ConflictKey::Down => {
                if let Some(Popup::Conflicts(list)) = self.ui.popups.last_mut() {
                    list.selected = if key == ConflictKey::Up {
                        list.selected.saturating_sub(1)
                    } else {
                        (list.selected + 1).min(n.saturating_sub(1))
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
                    .doc
                    .session
                    .resolution(&conflict)
                    .map(|r| r.reason.clone())
                    .unwrap_or_default();
                // The conflict stays in view in the list around the prompt.
                self.ui.popups.push(Popup::Prompt(Prompt::new(
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
            .doc
            .session
            .inputs
            .iter()
            .position(|i| i.path == source.input)
        {
            Some(i) => {
                self.ui.popups.clear();
                self.jump(|app| app.open_input_at(i, Some(source.line)));
            }
            None => self.warn(format!(
                "{} is no longer an input",
                sanitize_line(&source.input)
            )),
        }
    }
}
