//! The guided path in the workbench: the "Next:" hint of the status line (what the process asks
//! next and the key that does it from where the person is), and the progress view (`F5`) of every
//! stage with its state, from which `Enter` goes to a stage. The path itself is
//! [`crate::workflow::guide`]; it is worked out once per change to the session, never per frame.

use crate::workflow::guide::{self, Next, Path, Stage, Step};

use super::action::{Action, Context};
use super::app::{App, Pane};
use super::navigator::Row;
use super::popup::{Popup, ProgressView};

/// The path as of a number of changes to the session.
#[derive(Debug, Default)]
pub struct GuideCache {
    /// The changes that are not typing, and the number of empty sections, it was worked out at.
    at: Option<(u64, u64)>,
    path: Option<Path>,
}

impl App {
    /// Brings the path up to date with the session (before a frame). Typing in a section moves
    /// nothing on the path but the section's status, so the path is worked out again only when
    /// something else changed or a section stopped (or started) being empty.
    pub(crate) fn refresh_guide(&mut self) {
        let empty = self
            .doc
            .session
            .sections
            .iter()
            .filter(|s| s.status == crate::model::SectionStatus::Empty)
            .count() as u64;
        let key = (self.doc.changes - self.doc.text_edits, empty);
        if self.derived.guide.at == Some(key) && self.derived.guide.path.is_some() {
            return;
        }
        self.derived.guide.path = Some(guide::path(&self.doc.session, &self.doc.checklist));
        self.derived.guide.at = Some(key);
    }

    /// The path as of the last prepared frame, if one was.
    pub fn guide_cached(&self) -> Option<&Path> {
        self.derived.guide.path.as_ref()
    }

    /// The process's path as of the last frame (worked out now if no frame was prepared yet).
    pub fn guide_path(&self) -> Path {
        match &self.derived.guide.path {
            Some(p) => p.clone(),
            None => guide::path(&self.doc.session, &self.doc.checklist),
        }
    }

    /// Where the person is: the selected decision of a component section, else the section or
    /// the stage.
    fn here(&self) -> Option<String> {
        match self.ui.rows.get(self.ui.selected)? {
            Row::Section { index, .. } => {
                let (decisions, at) = self.section_decisions();
                Some(match decisions.get(at) {
                    Some(c) => c.id.clone(),
                    None => self.doc.session.sections[*index].id.clone(),
                })
            }
            Row::Stage(stage) => Some(stage.id().to_string()),
            Row::Group(_) => None,
        }
    }

    /// The action that carries out `step` where it is done.
    fn step_action(&self, step: Step) -> Option<Action> {
        Some(match step {
            Step::ChooseMode => Action::ChooseMode,
            Step::AddInput | Step::AddOptions => Action::Add,
            Step::ResolveConflicts => Action::Conflicts,
            Step::DraftAll => Action::DraftAll,
            Step::Recommend => Action::Recommend,
            Step::Decide => Action::Decide,
            Step::Write => return None,
            Step::GenerateDiagrams | Step::DraftStories => Action::Generate,
            Step::MarkChecklist => Action::MarkPass,
            Step::Finalize => Action::Finalize,
            Step::Export => Action::Export,
        })
    }

    /// The keys of the next step from here: how to get there, or the key that does it.
    /// Returns (keys, what they do).
    pub fn next_keys(&self, next: &Next) -> (String, String) {
        let palette = |action: Action| {
            let open = self
                .settings
                .keymap
                .first_key(Context::Global, Action::Palette)
                .map_or(":".to_string(), |k| k.to_string());
            (format!("{open} {}", action.name()), String::new())
        };
        let progress_key = self
            .settings
            .keymap
            .first_key(Context::Global, Action::Progress)
            .map(|k| k.to_string());
        if let Some(place) = &next.place
            && self.here().as_deref() != Some(place.as_str())
        {
            return match progress_key {
                Some(k) => (format!("{k} Enter"), "goes there".into()),
                None => palette(Action::Progress),
            };
        }
        if next.place.is_some() && self.ui.focus != Pane::Editor {
            return match self
                .settings
                .keymap
                .first_key(Context::Navigator, Action::Edit)
            {
                Some(k) => (k.to_string(), "opens it".into()),
                None => (String::new(), String::new()),
            };
        }
        let Some(action) = self.step_action(next.step) else {
            return ("type".into(), "in the editor".into());
        };
        if next.step == Step::MarkChecklist {
            return ("1–4".into(), "mark the selected item".into());
        }
        match self.settings.keymap.first_key(self.context(), action) {
            Some(k) => (k.to_string(), String::new()),
            None => palette(action),
        }
    }

    /// Opens the progress view with the next stage selected.
    pub fn open_progress(&mut self) {
        self.refresh_guide();
        let path = self.guide_path();
        let selected = path
            .stages
            .iter()
            .position(|s| s.stage == path.next.stage)
            .unwrap_or(0);
        self.ui.popups.push(Popup::Progress(ProgressView {
            stages: path.stages,
            next: path.next,
            selected,
        }));
    }

    /// Goes to a stage of the process (from the progress view), as a jump.
    pub fn go_to_process_stage(&mut self, stage: Stage) {
        self.refresh_guide();
        let path = self.guide_path();
        let place = if stage == path.next.stage {
            path.next.place.clone()
        } else {
            self.stage_place(stage)
        };
        match (stage, place) {
            (Stage::Mode, _) => self.perform(Action::ChooseMode),
            (Stage::Export, _) => self.perform(Action::Export),
            (_, Some(place)) => {
                self.jump(|app| app.go_to_item(&place));
            }
            (Stage::Design, None) if stage == path.next.stage => self.perform(Action::DraftAll),
            (_, None) => self.info(format!("{}: nothing there yet", stage.label())),
        }
    }

    /// Where a stage that is not the next one is worked: its navigator item, or the first
    /// section it concerns.
    fn stage_place(&self, stage: Stage) -> Option<String> {
        let s = &self.doc.session;
        match stage {
            Stage::Mode | Stage::Export => None,
            Stage::Inputs => Some("stage:inputs".into()),
            Stage::Requirements => Some("stage:requirements".into()),
            Stage::Diagrams => Some("stage:diagrams".into()),
            Stage::Stories => Some("stage:stories".into()),
            Stage::Checklist => Some("stage:checklist".into()),
            Stage::Design => s
                .components
                .iter()
                .find(|c| !c.is_decided())
                .or(s.components.first())
                .map(|c| c.id.clone()),
            Stage::Writing => s
                .sections
                .iter()
                .filter(|x| s.decisions_in(&x.id).next().is_none())
                .min_by_key(|x| x.status)
                .map(|x| x.id.clone()),
            Stage::Finalize => s
                .sections
                .iter()
                .find(|x| x.status != crate::model::SectionStatus::Finalized)
                .or(s.sections.first())
                .map(|x| x.id.clone()),
        }
    }

    /// Selects a navigator item by id (a section or a stage) and focuses its workspace.
    fn go_to_item(&mut self, id: &str) {
        if id.starts_with("stage:") {
            if let Some(row) = self.row_of(id) {
                self.select_row(row);
                self.ui.focus = Pane::Editor;
            }
        } else {
            self.go_to_section(id);
            // A decision to make opens on its recommended card.
            let recommended = self.doc.session.component(id).and_then(|c| {
                let r = c.recommendation.as_ref()?;
                c.options.iter().position(|o| o.id == r.option)
            });
            if let Some(card) = recommended {
                self.ui.design.card = card;
            }
        }
    }
}
