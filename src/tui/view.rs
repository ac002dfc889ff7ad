//! Drawing the whole screen from the app's state. No side effects: `App::prepare` has brought the
//! caches up to date before this runs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::{App, Pane};
use super::navigator::NavigatorView;
use super::{popup, status};
use crate::text::sanitize_line;

pub fn draw(frame: &mut Frame, app: &App) {
    let screen = frame.area();
    let t = &app.settings.theme;
    frame.render_widget(Block::default().style(t.text), screen);
    let a = app.areas();
    if a.too_small {
        draw_too_small(frame, app, screen);
        return;
    }
    if let Some(area) = a.navigator {
        NavigatorView {
            session: &app.doc.session,
            rows: &app.ui.rows,
            selected: app.ui.selected,
            offset: app.ui.nav_offset,
            focused: app.ui.focus == Pane::Navigator,
            theme: t,
            conflicts: app.derived.analyses.badges(),
            dependencies: &app.derived.depends_on,
            comments: &app.derived.comment_counts,
        }
        .draw(frame, area);
    }
    if let Some(area) = a.editor {
        draw_editor(frame, app, area);
    }
    if let Some(area) = a.preview {
        draw_preview(frame, app, area);
    }
    status::draw(frame, a.status, app);
    // Every popup, bottom to top: a prompt opened from a list (the reason for a conflict) keeps
    // the list it is about in view around it.
    let cx = popup::LayerContext {
        app,
        theme: t,
        keymap: &app.settings.keymap,
    };
    for p in &app.ui.popups {
        popup::draw(frame, p, &cx);
    }
}

fn draw_too_small(frame: &mut Frame, app: &App, screen: Rect) {
    let t = &app.settings.theme;
    let text = vec![
        Line::from(Span::styled("terminal too small", t.warning)),
        Line::from(Span::styled(
            format!(
                "need {}×{}, have {}×{}",
                super::layout::MIN_WIDTH,
                super::layout::MIN_HEIGHT,
                screen.width,
                screen.height
            ),
            t.text,
        )),
    ];
    let y = screen.height / 2;
    let area = Rect {
        y: screen.y + y.saturating_sub(1),
        height: 2.min(screen.height),
        ..screen
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn pane_block<'a>(title: Line<'a>, focused: bool, app: &'a App) -> Block<'a> {
    let t = &app.settings.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.focus_border } else { t.border })
        .title(title)
}

fn draw_editor(frame: &mut Frame, app: &App, area: Rect) {
    if app.ui.worksheet.is_some() && app.ui.focus == Pane::Editor {
        super::worksheet_view::draw(frame, app, area);
        return;
    }
    if let Some(stage) = app.selected_stage() {
        super::stages::draw(frame, app, stage, area);
        return;
    }
    if !app.ui.text_mode
        && let Some(index) = app.selected_section()
        && app
            .doc
            .session
            .has_decisions(&app.doc.session.sections[index].id)
    {
        super::design_view::draw(frame, app, index, area);
        return;
    }
    let t = &app.settings.theme;
    let focused = app.ui.focus == Pane::Editor;
    let Some(index) = app.selected_section() else {
        return;
    };
    let section = &app.doc.session.sections[index];
    let title_style = if focused { t.focus_border } else { t.title };
    let mut title = vec![
        Span::styled(format!(" {} ", sanitize_line(&section.title)), title_style),
        Span::styled(
            format!("{} ", super::navigator::badge(section.status)),
            super::navigator::badge_style(t, section.status),
        ),
        Span::styled(format!("{} ", section.status.label()), t.dim),
    ];
    if let Some(editor) = app.editor(index) {
        let tui_textarea::DataCursor(row, col) = editor.textarea.cursor();
        title.push(Span::styled(format!("· {}:{} ", row + 1, col + 1), t.dim));
    }
    let block = pane_block(Line::from(title), focused, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(editor) = app.editor(index) {
        frame.render_widget(&editor.textarea, inner);
        if editor.textarea.is_empty() && inner.height > 3 {
            draw_guidance(
                frame,
                app,
                index,
                Rect {
                    y: inner.y + 2,
                    height: inner.height - 2,
                    ..inner
                },
            );
        }
    }
}

/// What an empty section is for, from the template: its purpose, the questions it answers, and
/// the key that inserts its outline.
fn draw_guidance(frame: &mut Frame, app: &App, index: usize, area: Rect) {
    let t = &app.settings.theme;
    let id = &app.doc.session.sections[index].id;
    let Some(ts) = app.doc.template.section(id) else {
        return;
    };
    let purpose = app
        .doc
        .session
        .component(id)
        .map(|c| c.purpose.as_str())
        .filter(|p| !p.trim().is_empty())
        .unwrap_or(&ts.purpose);
    let mut lines = vec![
        Line::from(Span::styled("Purpose", t.heading3)),
        Line::from(Span::styled(sanitize_line(purpose).into_owned(), t.dim)),
        Line::default(),
        Line::from(Span::styled("This section answers", t.heading3)),
    ];
    for q in &ts.guidance {
        lines.push(Line::from(vec![
            Span::styled("• ", t.list_marker),
            Span::styled(sanitize_line(q).into_owned(), t.dim),
        ]));
    }
    if let Some(key) = app.settings.keymap.first_key(
        super::action::Context::Editor,
        super::action::Action::InsertOutline,
    ) {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(key.to_string(), t.key),
            Span::styled(
                format!(" inserts the outline: {}", ts.outline.join(" · ")),
                t.dim,
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn draw_preview(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let focused = app.ui.focus == Pane::Preview;
    let total = app.derived.preview.total_lines();
    let inner_height = area.height.saturating_sub(2) as usize;
    let position = if total <= inner_height {
        "all".to_string()
    } else {
        format!(
            "{}%",
            (app.ui.preview_scroll * 100) / total.saturating_sub(inner_height).max(1)
        )
    };
    let title = Line::from(vec![
        Span::styled(" Preview ", if focused { t.focus_border } else { t.title }),
        Span::styled(format!("{position} "), t.dim),
    ]);
    let block = pane_block(title, focused, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = app
        .derived
        .preview
        .visible(app.ui.preview_scroll, inner.height as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}
