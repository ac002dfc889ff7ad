//! Opening another document in the same window: the open dialog's list (the project's documents,
//! then the recent sessions) and the switch itself. The window does not open the next session
//! itself: it ends this one the way quitting does (saved, or its changes left in the recovery
//! file when the person asks), with [`OpenNext`] saying which file to open, and the caller opens
//! that file as `infradraft open` would (lock, recovery file, project numbers and all).

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::app::App;
use super::popup::{Confirm, DocumentEntry, DocumentState, Documents, Popup};
use crate::model::Session;
use crate::project::Project;
use crate::store::{self, Peek};
use crate::workflow::Progress;

/// The document to open once this session has ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenNext {
    pub path: PathBuf,
    /// Whether this session's unsaved changes are to go to its recovery file (opened without
    /// saving); otherwise it was saved, or had nothing to save.
    pub keep_unsaved: bool,
}

impl App {
    /// Opens the open dialog (review mode works on its one session only).
    pub(crate) fn show_documents(&mut self) {
        if self.doc.review.is_some() {
            self.warn(
                "review mode works on this session only: quit, then `infradraft review FILE` for another",
            );
            return;
        }
        let current = canonical(&self.doc.path);
        let dir = match self.doc.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let project = match crate::project::discover(&dir) {
            Ok(p) => p,
            Err(e) => {
                self.warn(e.to_string());
                None
            }
        };
        let this = |path: &Path, label: String, numbers: Option<String>| DocumentEntry {
            state: if canonical(path) == current {
                DocumentState::Current(describe(&self.doc.session, None))
            } else {
                state_of(path)
            },
            path: path.to_path_buf(),
            label,
            numbers,
        };
        let documents: Vec<DocumentEntry> = project
            .as_ref()
            .map(|p: &Project| {
                p.documents
                    .iter()
                    .map(|d| this(&d.path, d.declared.clone(), Some(d.numbers.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let listed: Vec<PathBuf> = documents.iter().map(|d| canonical(&d.path)).collect();
        let recent = self
            .settings
            .recent_index
            .as_deref()
            .and_then(|index| store::read_recent(index).ok())
            .map(|r| r.sessions)
            .unwrap_or_default();
        let mut recent: Vec<DocumentEntry> = recent
            .iter()
            .map(|r| PathBuf::from(&r.path))
            .filter(|p| !listed.contains(&canonical(p)))
            // A recent session since deleted is not offered (`infradraft list` shows it).
            .filter(|p| p.exists())
            .map(|p| this(&p, p.display().to_string(), None))
            .collect();
        // The session open here is always listed, so the person sees where they are.
        let here_listed = documents
            .iter()
            .chain(&recent)
            .any(|d| matches!(d.state, DocumentState::Current(_)));
        if !here_listed {
            recent.insert(
                0,
                this(
                    &self.doc.path.clone(),
                    self.doc.path.display().to_string(),
                    None,
                ),
            );
        }
        let project_file = project.map(|p| p.file.display().to_string());
        self.ui.popups.push(Popup::Documents(Documents::new(
            project_file,
            documents,
            recent,
        )));
    }

    /// Opens `entry` in this window, asking first when this session has unsaved changes.
    pub(crate) fn open_document(&mut self, entry: DocumentEntry) {
        match &entry.state {
            DocumentState::Current(_) => {
                self.info(format!("{} is the session open here", entry.label));
            }
            DocumentState::Missing => self.warn(format!(
                "{} does not exist yet: create it with `infradraft new -o {}`",
                entry.label,
                entry.path.display()
            )),
            DocumentState::Unreadable(why) => self.warn(why.clone()),
            DocumentState::Ready(_) => {
                self.ui.popups.pop();
                if self.doc.dirty && self.doc.read_only.is_none() {
                    self.ui.popups.push(Popup::Confirm(Confirm::Switch {
                        path: entry.path,
                        label: entry.label,
                    }));
                } else {
                    self.switch_to(entry.path, true);
                }
            }
        }
    }

    /// Ends this session to open `path` in the window: saved first when `save` (a save that
    /// fails, or finds the file changed on disk, stops the switch), else its unsaved changes
    /// left in its recovery file.
    pub(crate) fn switch_to(&mut self, path: PathBuf, save: bool) {
        let unsaved = self.doc.dirty && self.doc.read_only.is_none();
        if unsaved && save && !self.save(false) {
            return;
        }
        self.ui.open_next = Some(OpenNext {
            path,
            keep_unsaved: unsaved && !save,
        });
        self.ui.quit = true;
    }
}

/// The path with links resolved, for telling whether two paths are one file (as given when it
/// cannot be resolved).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether the file at `path` can be opened, with what it holds.
fn state_of(path: &Path) -> DocumentState {
    match store::peek(path) {
        Peek::Loaded { session, saved } => DocumentState::Ready(describe(&session, saved)),
        Peek::Missing => DocumentState::Missing,
        Peek::Unreadable(e) => DocumentState::Unreadable(e.to_string()),
    }
}

/// "Title · YOLO · 9/23 decisions made, 12/19 sections drafted · saved 2026-12-04 14:02".
fn describe(s: &Session, saved: Option<Timestamp>) -> String {
    let mut text = format!(
        "{} · {} · {}",
        s.meta.title,
        s.mode.map(|m| m.label()).unwrap_or("mode not chosen"),
        Progress::of(s).summary()
    );
    if let Some(at) = saved {
        let local = at.to_zoned_datetime(jiff::tz::TimeZone::system());
        text.push_str(&format!(" · saved {}", local.strftime("%Y-%m-%d %H:%M")));
    }
    text
}
