//! The full-screen workbench (ratatui): a thin layer over the core that draws the session and
//! turns keys into changes.

pub mod action;
pub mod analyses;
pub mod app;
pub mod background;
pub mod checklist_stage;
pub mod comments;
pub mod conflicts;
pub mod derived;
pub mod design_actions;
pub mod design_view;
pub mod diagrams_stage;
pub mod editor;
pub mod finalizing;
pub mod generated;
pub mod guide;
pub mod journal;
pub mod jumps;
pub mod keymap;
pub mod layout;
pub mod navigator;
pub mod open_document;
pub mod popup;
pub mod preview_pane;
mod quiet_backend;
pub mod stages;
pub mod status;
pub mod stories_stage;
pub mod terminal;
pub mod text_field;
pub mod view;
pub mod worksheet;
pub mod worksheet_view;
pub mod wrap;

use std::path::Path;

use crate::settings::{Config, color_enabled};
use app::{App, AppInit};
use keymap::Keymap;

use crate::home::Home;
use crate::store::{self, Access};

/// Loads a session and everything the workbench needs around it, ready to run or to test.
pub fn prepare_app(
    path: &Path,
    home: &Home,
    theme: Option<String>,
) -> Result<App, store::StoreError> {
    let open = store::open(path)?;
    let (config, config_warning) = Config::load(&home.config_dir);
    let (keymap, keymap_warning) = Keymap::load(&home.config_dir);
    let mut warnings: Vec<String> = config_warning.into_iter().chain(keymap_warning).collect();
    if let Some(from) = open.loaded.migrated_from {
        warnings.push(format!(
            "read from format version {from}; saving writes version {}",
            crate::model::FORMAT_VERSION
        ));
    }
    let (lock, read_only) = match open.access {
        Access::ReadWrite(guard) => (Some(guard), None),
        Access::ReadOnly(reason) => (None, Some(reason.to_string())),
    };
    let recovery = if read_only.is_none() {
        find_recovery(path)
    } else {
        None
    };
    let project = project_of(path, &mut warnings);
    let mut app = App::new(AppInit {
        session: open.loaded.session,
        path: path.to_path_buf(),
        lock,
        read_only,
        config,
        config_dir: home.config_dir.clone(),
        keymap,
        color: color_enabled(),
        theme,
        warnings,
        recovery,
        review: None,
        project,
        recent_index: Some(home.recent_index()),
    });
    app.refresh_freshness();
    Ok(app)
}

/// The entry of the session at `path` in the project file around it, if any; a project file
/// that cannot be read is a warning (the session opens without a range).
fn project_of(
    path: &Path,
    warnings: &mut Vec<String>,
) -> Option<(crate::project::Document, std::path::PathBuf)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    match crate::project::discover(&dir) {
        Ok(Some(project)) => project
            .document_of(path)
            .map(|d| (d.clone(), project.file.clone())),
        Ok(None) => None,
        Err(e) => {
            warnings.push(e.to_string());
            None
        }
    }
}

/// Loads a session for a reviewer: without taking its lock (the author may have it open) and
/// without ever writing it; comments go to `<session>.review.ron`.
pub fn prepare_review(
    path: &Path,
    home: &Home,
    theme: Option<String>,
    author: &str,
) -> Result<App, store::StoreError> {
    let loaded = store::load(path)?;
    let review_path = crate::review::review_path(path);
    let file = crate::review::load(&review_path, &loaded.session.meta.title)?;
    let (config, config_warning) = Config::load(&home.config_dir);
    let (keymap, keymap_warning) = Keymap::load(&home.config_dir);
    let mut warnings: Vec<String> = config_warning.into_iter().chain(keymap_warning).collect();
    let name = review_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    warnings.insert(
        0,
        format!(
            "review mode: F4 shows and adds comments; they are saved to {name}, never to the session"
        ),
    );
    let mut app = App::new(AppInit {
        session: loaded.session,
        path: path.to_path_buf(),
        lock: None,
        read_only: Some("review mode, comments only (F4)".into()),
        config,
        config_dir: home.config_dir.clone(),
        keymap,
        color: color_enabled(),
        theme,
        warnings,
        recovery: None,
        review: Some(comments::ReviewState {
            path: review_path,
            file,
            author: author.to_string(),
        }),
        // A reviewer gives no decision numbers.
        project: None,
        // Review mode works on the one session it was opened on.
        recent_index: None,
    });
    // Review mode shows the warnings only; the read-only notice would hide the first one.
    app.refresh_freshness();
    Ok(app)
}

/// Opens the workbench for a reviewer.
pub fn open_review(
    path: &Path,
    home: &Home,
    theme: Option<String>,
    author: &str,
) -> Result<(), String> {
    let mut app = prepare_review(path, home, theme, author).map_err(|e| e.to_string())?;
    match terminal::run(&mut app, &terminal::Keyboard::new())? {
        terminal::Ending::Quit => Ok(()),
        // Review mode has no open dialog; were it to end so, it ends as quitting does.
        terminal::Ending::Open { .. } => {
            terminal::leave();
            Ok(())
        }
        terminal::Ending::Interrupted {
            cause,
            recovery: Some(p),
        } => Err(format!("{cause}; the review was saved to {p}")),
        terminal::Ending::Interrupted {
            cause,
            recovery: None,
        } => Err(cause),
    }
}

/// A recovery file beside `path` that loads, with when it was written.
fn find_recovery(path: &Path) -> Option<(crate::model::Session, jiff::Timestamp)> {
    let recovery = store::recovery_path(path);
    let modified = std::fs::metadata(&recovery).ok()?.modified().ok()?;
    let loaded = store::load(&recovery).ok()?;
    Some((loaded.session, jiff::Timestamp::try_from(modified).ok()?))
}

/// Opens the workbench on a session file and runs it until the person quits. A document chosen
/// in the open dialog is opened next in the same window, as this function opens the first; when
/// it cannot be opened after all (gone, or broken since it was listed), the one before it opens
/// again with a warning saying why.
pub fn open_workbench(path: &Path, home: &Home, theme: Option<String>) -> Result<(), String> {
    let mut path = path.to_path_buf();
    let mut previous: Option<std::path::PathBuf> = None;
    // One reader of the keys for the window, whichever document it shows.
    let keyboard = terminal::Keyboard::new();
    let mut notices: Vec<String> = Vec::new();
    loop {
        let mut app = match prepare_app(&path, home, theme.clone()) {
            Ok(app) => app,
            Err(e) => match previous.take() {
                Some(before) => {
                    notices.push(format!("{e}; {} is open again", before.display()));
                    path = before;
                    continue;
                }
                None => {
                    // The screen may still be the workbench's, kept for the next document.
                    terminal::leave();
                    return Err(e.to_string());
                }
            },
        };
        for notice in notices.drain(..) {
            app.warn(notice);
        }
        let _ = store::remember(
            &home.recent_index(),
            &path,
            &app.doc.session.meta.title,
            crate::model::now(),
        );
        match terminal::run(&mut app, &keyboard)? {
            terminal::Ending::Quit => return Ok(()),
            terminal::Ending::Open { next, recovery } => {
                if recovery.is_some() {
                    let name = path.file_name().unwrap_or(path.as_os_str());
                    notices.push(format!(
                        "unsaved changes of {} kept: reopening it offers them",
                        name.to_string_lossy()
                    ));
                }
                previous = Some(std::mem::replace(&mut path, next));
            }
            terminal::Ending::Interrupted {
                cause,
                recovery: Some(p),
            } => return Err(format!("{cause}; unsaved changes are in {p}")),
            terminal::Ending::Interrupted {
                cause,
                recovery: None,
            } => return Err(format!("{cause}; there were no unsaved changes")),
        }
        // This session's lock goes with its app, before the next one is taken.
    }
}
