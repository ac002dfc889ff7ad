//! Generated changes to a section's text (a decision, a worksheet's results, a draft) as the
//! person sees them: each is one undo step, and one that would replace text the person changed
//! waits for their choice in the merge popup.

use std::collections::HashMap;

use super::app::App;
use super::editor::SectionEditor;
use super::popup::Popup;
use crate::workflow::section_text::{self, BodyChange, Choice, Update};

/// How many generated changes per section `^Z` can go back through.
const DEPTH: usize = 50;

/// A section's text as it was before (or after) a generated change, with the editor that held it
/// so that `^Z` continues into the person's own typing from there.
pub struct Snapshot {
    body: String,
    generated: Option<String>,
    hand_edited: bool,
    editor: Option<SectionEditor>,
    /// What the change was, for messages ("the decision", "the worksheet results").
    what: String,
}

/// Per section: generated changes that can be undone, and undone ones that can be redone.
#[derive(Default)]
pub struct GeneratedHistory {
    undo: HashMap<usize, Vec<Snapshot>>,
    redo: HashMap<usize, Vec<Snapshot>>,
}

impl GeneratedHistory {
    /// Whether section `i` has a generated change to undo.
    pub fn can_undo(&self, i: usize) -> bool {
        self.undo.get(&i).is_some_and(|v| !v.is_empty())
    }

    /// The person typed: undone generated changes can no longer be redone in order.
    pub fn typed(&mut self, i: usize) {
        self.redo.remove(&i);
    }

    /// Takes section `i`'s redo stack out (while the editor's own undo or redo runs, which must not
    /// forget it) …
    pub fn take_redo(&mut self, i: usize) -> Option<Vec<Snapshot>> {
        self.redo.remove(&i)
    }

    /// … and puts it back.
    pub fn put_redo(&mut self, i: usize, redo: Option<Vec<Snapshot>>) {
        if let Some(r) = redo {
            self.redo.insert(i, r);
        }
    }

    /// Forgets everything (the session was replaced).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// The merge popup's state: one generated change waiting for the person's choices.
pub struct MergeChoice {
    pub update: Update,
    /// The section's index.
    pub section: usize,
    pub what: String,
    /// Choices made so far, one per conflict in order.
    pub choices: Vec<Choice>,
}

impl MergeChoice {
    /// The conflict being asked about.
    pub fn current(&self) -> usize {
        self.choices.len()
    }

    pub fn total(&self) -> usize {
        self.update.conflicts().len()
    }

    /// Records a choice for the current conflict; `all` uses it for the rest too. Returns whether
    /// every conflict is settled.
    pub fn choose(&mut self, choice: Choice, all: bool) -> bool {
        let total = self.total();
        loop {
            if self.choices.len() < total {
                self.choices.push(choice);
            }
            if !all || self.choices.len() >= total {
                break;
            }
        }
        self.choices.len() >= total
    }
}

impl App {
    fn snapshot(&mut self, i: usize, what: &str) -> Snapshot {
        let s = &self.doc.session.sections[i];
        Snapshot {
            body: s.body.clone(),
            generated: s.generated.clone(),
            hand_edited: s.hand_edited,
            editor: self.take_editor(i),
            what: what.to_string(),
        }
    }

    /// Runs a generated change `f` on the session and makes it one undo step for every section
    /// whose text it changed. `what` names the change in messages.
    pub fn generated_change<R>(&mut self, what: &str, f: impl FnOnce(&mut App) -> R) -> R {
        let n = self.doc.session.sections.len();
        let before: Vec<Snapshot> = (0..n).map(|i| self.snapshot(i, what)).collect();
        let result = f(self);
        for (i, snap) in before.into_iter().enumerate() {
            let Some(s) = self.doc.session.sections.get(i) else {
                continue;
            };
            if s.body == snap.body && s.generated == snap.generated {
                // Untouched: the editor (and its undo history) goes back as it was.
                self.put_editor(i, snap.editor);
                continue;
            }
            let stack = self.doc.generated_history.undo.entry(i).or_default();
            stack.push(snap);
            if stack.len() > DEPTH {
                stack.remove(0);
            }
            self.doc.generated_history.redo.remove(&i);
            self.section_replaced(i);
        }
        result
    }

    /// Shows what a generated change did to its section (already written, or waiting for a
    /// choice), with `done` as the message when it was written.
    pub fn report_body_change(&mut self, what: &str, change: BodyChange, done: &str) {
        match change {
            BodyChange::Written { kept: 0 } | BodyChange::Unchanged => self.info(done.to_string()),
            BodyChange::Written { kept } => self.info(format!(
                "{kept} change{} of yours kept · {done} · ^Z undoes",
                if kept == 1 { "" } else { "s" }
            )),
            BodyChange::NeedsChoice(update) => {
                let Some(index) = self
                    .doc
                    .session
                    .sections
                    .iter()
                    .position(|s| s.id == update.section)
                else {
                    return;
                };
                self.ui.popups.push(Popup::Merge(MergeChoice {
                    update,
                    section: index,
                    what: what.to_string(),
                    choices: Vec::new(),
                }));
            }
        }
    }

    /// Writes a settled merge into its section, as one undo step.
    pub fn settle_merge(&mut self, merge: MergeChoice) {
        let MergeChoice {
            update,
            what,
            choices,
            ..
        } = merge;
        let settled = self.edit_text(&what, |s| {
            section_text::settle(s, &update, &choices);
            Ok::<(), std::convert::Infallible>(())
        });
        if settled.is_none() {
            return;
        }
        let count = |which: Choice| choices.iter().filter(|c| **c == which).count();
        let parts: Vec<String> = [
            (Choice::Mine, "yours kept"),
            (Choice::New, "new taken"),
            (Choice::Both, "both kept"),
        ]
        .into_iter()
        .filter_map(|(c, label)| {
            let n = count(c);
            (n > 0).then(|| format!("{label} in {n}"))
        })
        .collect();
        self.info(format!("{what} written ({}) · ^Z undoes", parts.join(", ")));
    }

    /// `^Z` past the start of the editor's own history: puts back section `i`'s text from before
    /// its last generated change. Returns whether there was one.
    pub fn undo_generated(&mut self, i: usize) -> bool {
        let Some(snap) = self
            .doc
            .generated_history
            .undo
            .get_mut(&i)
            .and_then(Vec::pop)
        else {
            return false;
        };
        let what = snap.what.clone();
        let current = self.snapshot(i, &what);
        self.doc
            .generated_history
            .redo
            .entry(i)
            .or_default()
            .push(current);
        self.restore_snapshot(i, snap);
        self.info(format!(
            "undid {what}: the text is as it was before (the record itself stays; ^Y redoes)"
        ));
        true
    }

    /// `^Y` past the end of the editor's own history: re-applies an undone generated change.
    pub fn redo_generated(&mut self, i: usize) -> bool {
        let Some(snap) = self
            .doc
            .generated_history
            .redo
            .get_mut(&i)
            .and_then(Vec::pop)
        else {
            return false;
        };
        let what = snap.what.clone();
        let current = self.snapshot(i, &what);
        self.doc
            .generated_history
            .undo
            .entry(i)
            .or_default()
            .push(current);
        self.restore_snapshot(i, snap);
        self.info(format!("redid {what}"));
        true
    }

    fn restore_snapshot(&mut self, i: usize, snap: Snapshot) {
        let s = &mut self.doc.session.sections[i];
        let was_empty = s.body.trim().is_empty();
        s.body = snap.body;
        s.generated = snap.generated;
        s.hand_edited = snap.hand_edited;
        if was_empty != s.body.trim().is_empty() {
            self.doc.structure += 1;
        }
        self.section_replaced(i);
        self.put_editor(i, snap.editor);
        self.mark_dirty();
    }
}
