//! Where each pane goes for a screen size: three columns when wide, the preview as an overlay when
//! narrow, one pane when zoomed, and a "too small" screen below the minimum.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Pane};

/// Below this the layout is replaced by a message.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width on the preview is a third column; below it, a toggled overlay.
pub const WIDE: u16 = 120;
/// Lines of the status bar.
pub const STATUS_HEIGHT: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub navigator: Option<Rect>,
    pub editor: Option<Rect>,
    pub preview: Option<Rect>,
    pub status: Rect,
    /// The preview is drawn over the editor (narrow screens).
    pub overlay: bool,
    pub too_small: bool,
}

pub fn areas(screen: Rect, app: &App) -> Areas {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            status: Rect::default(),
            ..Areas::default()
        };
    }
    let [body, status] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(STATUS_HEIGHT)]).areas(screen);
    let mut a = Areas {
        status,
        ..Areas::default()
    };
    let wide_stage = app.selected_stage() == Some(super::navigator::Stage::Diagrams);
    if (app.ui.worksheet.is_some() || wide_stage) && app.ui.focus == Pane::Editor {
        // A worksheet needs the width for its tables and has its own results pane; the diagrams
        // stage shows source and rendering side by side.
        a.editor = Some(body);
        return a;
    }
    if app.ui.zoom {
        match app.ui.focus {
            Pane::Navigator => a.navigator = Some(body),
            Pane::Editor => a.editor = Some(body),
            Pane::Preview => a.preview = Some(body),
        }
        return a;
    }
    let nav_width = (screen.width / 4).clamp(24, 36);
    if screen.width >= WIDE {
        if app.ui.show_preview {
            // The workspace gets three fifths of what the navigator leaves: option cards and
            // requirement lists need the room more than the preview does.
            let rest = screen.width - nav_width;
            let [nav, editor, preview] = Layout::horizontal([
                Constraint::Length(nav_width),
                Constraint::Length(rest * 3 / 5),
                Constraint::Min(1),
            ])
            .areas(body);
            a.navigator = Some(nav);
            a.editor = Some(editor);
            a.preview = Some(preview);
        } else {
            let [nav, editor] =
                Layout::horizontal([Constraint::Length(nav_width), Constraint::Min(1)]).areas(body);
            a.navigator = Some(nav);
            a.editor = Some(editor);
        }
    } else {
        let [nav, editor] =
            Layout::horizontal([Constraint::Length(nav_width), Constraint::Min(1)]).areas(body);
        a.navigator = Some(nav);
        if app.ui.preview_overlay {
            a.preview = Some(editor);
            a.overlay = true;
        } else {
            a.editor = Some(editor);
        }
    }
    a
}
