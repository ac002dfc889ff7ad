//! The status bar: session title, mode, access and save state on the first line; the keys that
//! matter for the focused pane, generated from the keymap, on the second.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::app::{App, Level, Pane, SaveState};
use super::navigator::truncate;
use super::popup::Popup;
use crate::text::sanitize_line;

/// "14:02" in the system time zone.
pub fn clock(at: Timestamp) -> String {
    at.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%H:%M")
        .to_string()
}

pub fn save_label(state: &SaveState) -> String {
    match state {
        SaveState::Clean => "saved".into(),
        SaveState::Unsaved => "unsaved".into(),
        SaveState::Saved { at, auto: false } => format!("saved {}", clock(*at)),
        SaveState::Saved { at, auto: true } => format!("autosaved {}", clock(*at)),
    }
}

/// The actions worth a place in the key bar for a pane, most important first.
fn key_bar_actions(app: &App) -> &'static [Action] {
    if app.context() == super::action::Context::Worksheet {
        let matrix = matches!(
            app.worksheet_record().map(|r| &r.worksheet),
            Some(crate::model::Worksheet::DecisionMatrix { .. })
        );
        return if matrix {
            &[
                Action::Leave,
                Action::EditItem,
                Action::AddAlternative,
                Action::Add,
                Action::Remove,
                Action::Conclusions,
                Action::ApplyRecord,
                Action::DiscardRecord,
                Action::PageDown,
                Action::Help,
            ]
        } else {
            &[
                Action::Leave,
                Action::EditItem,
                Action::Add,
                Action::Remove,
                Action::Conclusions,
                Action::ApplyRecord,
                Action::DiscardRecord,
                Action::PageDown,
                Action::Help,
            ]
        };
    }
    if app.context() == super::action::Context::Design {
        // `next-decision` is left out of the bar for a section that holds one decision.
        return &[
            Action::Leave,
            Action::NextDecision,
            Action::PrevStep,
            Action::NextStep,
            Action::NextCard,
            Action::Add,
            Action::NewCard,
            Action::EditItem,
            Action::Recommend,
            Action::Feedback,
            Action::Elicit,
            Action::Finalize,
            Action::Decide,
            Action::WriteText,
            Action::Help,
        ];
    }
    if app.context() == super::action::Context::Workspace {
        return match (app.selected_stage(), app.ui.stages.viewer.is_some()) {
            (Some(super::navigator::Stage::Checklist), _) => &[
                Action::Leave,
                Action::MarkPass,
                Action::MarkPartial,
                Action::MarkFail,
                Action::MarkNotApplicable,
                Action::EditItem,
                Action::ToggleFilter,
                Action::Open,
                Action::Help,
            ],
            (Some(super::navigator::Stage::Diagrams), _) => &[
                Action::Leave,
                Action::Generate,
                Action::Open,
                Action::Add,
                Action::Remove,
                Action::PageDown,
                Action::Save,
                Action::Help,
            ],
            (Some(super::navigator::Stage::Stories), _) => &[
                Action::Leave,
                Action::EditItem,
                Action::Generate,
                Action::Remove,
                Action::Save,
                Action::Help,
            ],
            (Some(super::navigator::Stage::Inputs), true) => &[
                Action::Leave,
                Action::SwitchPane,
                Action::Open,
                Action::Search,
                Action::SearchNext,
                Action::PageDown,
                Action::Help,
            ],
            (Some(super::navigator::Stage::Inputs), false) => &[
                Action::Leave,
                Action::Open,
                Action::Add,
                Action::Remove,
                Action::ReloadInput,
                Action::Conflicts,
                Action::Save,
                Action::Help,
            ],
            _ => &[
                Action::Leave,
                Action::Open,
                Action::Add,
                Action::EditItem,
                Action::Remove,
                Action::CycleCategory,
                Action::Regimes,
                Action::Conflicts,
                Action::Save,
                Action::Help,
            ],
        };
    }
    match app.ui.focus {
        Pane::Navigator => &[
            Action::Help,
            Action::FocusNext,
            Action::Down,
            Action::Edit,
            Action::Zoom,
            Action::TogglePreview,
            Action::NextTheme,
            Action::Palette,
            Action::Save,
            Action::Quit,
        ],
        Pane::Editor => &[
            Action::Leave,
            Action::Save,
            Action::Undo,
            Action::Redo,
            Action::Search,
            Action::ExternalEditor,
            Action::Zoom,
            Action::Palette,
            Action::Help,
            Action::Quit,
        ],
        Pane::Preview => &[
            Action::Help,
            Action::FocusNext,
            Action::Down,
            Action::PageDown,
            Action::Zoom,
            Action::TogglePreview,
            Action::Palette,
            Action::Save,
            Action::Quit,
        ],
    }
}

fn short_name(action: Action) -> &'static str {
    match action {
        Action::FocusNext => "focus",
        Action::Down => "move",
        Action::PageDown => "page",
        Action::TogglePreview => "preview",
        Action::NextTheme => "theme",
        Action::ExternalEditor => "$EDITOR",
        Action::Leave => "back",
        Action::Open => "open",
        Action::ReloadInput => "reload",
        Action::CycleCategory => "category",
        Action::SwitchPane => "outline/text",
        Action::EditItem => "edit",
        Action::SearchNext => "next",
        Action::PrevStep => "step←",
        Action::NextStep => "step→",
        Action::PrevDecision => "decision←",
        Action::NextDecision => "decision→",
        Action::NextCard => "card",
        Action::NewCard => "blank",
        Action::WriteText => "text",
        Action::Finalize => "finalize",
        Action::Elicit => "menu",
        Action::MarkPass => "pass",
        Action::MarkPartial => "partial",
        Action::MarkFail => "fail",
        Action::MarkNotApplicable => "n/a",
        Action::ToggleFilter => "filter",
        Action::Generate => "draft",
        Action::ApplyRecord => "apply",
        Action::DiscardRecord => "discard",
        Action::AddAlternative => "alternative",
        Action::Conclusions => "conclude",
        Action::AskAssistant => "assistant",
        other => other.name(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.settings.theme;
    let width = area.width as usize;
    let mode = app
        .doc
        .session
        .mode
        .map(|m| m.label())
        .unwrap_or("mode not chosen");
    let mut right = vec![Span::styled(format!(" {mode} · "), t.status_bar)];
    if app.doc.review.is_some() {
        right.push(Span::styled("REVIEW", t.key));
        right.push(Span::styled(" · ", t.status_bar));
    } else if app.doc.read_only.is_some() {
        right.push(Span::styled("READ-ONLY", t.warning));
        right.push(Span::styled(" · ", t.status_bar));
    }
    let save = save_label(&app.doc.save_state);
    right.push(Span::styled(
        format!("{save} "),
        if app.doc.dirty {
            t.warning
        } else {
            t.status_bar
        },
    ));
    let right_width: usize = right.iter().map(|s| s.width()).sum();
    let title = sanitize_line(&app.doc.session.meta.title);
    let (msg, msg_style) = match &app.ui.message {
        Some(m) => (
            sanitize_line(&m.text).into_owned(),
            match m.level {
                Level::Info => t.ok,
                Level::Warning => t.warning,
                Level::Error => t.error,
            },
        ),
        None => (String::new(), t.status_bar),
    };
    // With no message, the rest of the line says what the process asks next; the program's
    // name then gives way to it.
    // Room for the hint: the line less the right part and the title's least share.
    let hint_room = width.saturating_sub(right_width + 2 + (width / 5).min(title.chars().count()));
    let next = if msg.is_empty() {
        next_spans(app, hint_room)
    } else {
        Vec::new()
    };
    let mut left = vec![Span::styled(
        if next.is_empty() {
            " infradraft · "
        } else {
            " "
        },
        t.status_bar,
    )];
    let room = width.saturating_sub(right_width + left[0].width());
    let next_width: usize = next.iter().map(|s| s.width()).sum();
    let title_room = if !msg.is_empty() {
        room.min(title.chars().count()).min(room / 2)
    } else if next.is_empty() {
        room
    } else {
        // The title gives way to the hint, down to a fifth of the room.
        room.saturating_sub(next_width + 4)
            .max(room / 5)
            .min(title.chars().count())
    };
    left.push(Span::styled(
        truncate(&title, title_room),
        t.status_bar.patch(t.title),
    ));
    if !msg.is_empty() {
        left.push(Span::styled(" · ", t.status_bar));
        let used: usize = left.iter().map(|s| s.width()).sum();
        left.push(Span::styled(
            truncate(&msg, width.saturating_sub(used + right_width)),
            t.status_bar.patch(msg_style),
        ));
    }
    if !next.is_empty() {
        left.push(Span::styled(" · ", t.status_bar));
        let mut used: usize = left.iter().map(|s| s.width()).sum();
        for span in next {
            let room = width.saturating_sub(used + right_width + 1);
            if room == 0 {
                break;
            }
            let text = truncate(&span.content, room);
            used += unicode_width::UnicodeWidthStr::width(text.as_str());
            left.push(Span::styled(text, t.status_bar.patch(span.style)));
        }
    }
    let used: usize = left.iter().map(|s| s.width()).sum();
    left.push(Span::styled(
        " ".repeat(width.saturating_sub(used + right_width)),
        t.status_bar,
    ));
    left.extend(right);

    let context = app.context();
    let mut keys = vec![Span::raw(" ")];
    let mut used = 1;
    let (decisions, at) = app.section_decisions();
    let one_decision = decisions.len() < 2;
    // Recommending and deciding need two options to choose between.
    let no_choice = decisions
        .get(at)
        .is_some_and(|c| c.options.len() < crate::workflow::design::MIN_OPTIONS);
    for action in with_comments(app, key_bar_actions(app)) {
        if action == Action::NextDecision && one_decision {
            continue;
        }
        if matches!(action, Action::Recommend | Action::Decide) && no_choice {
            continue;
        }
        // A read-only session (review mode, or open in another process) refuses every change.
        if app.doc.read_only.is_some() && changes_the_work(app, action) {
            continue;
        }
        let Some(key) = app.settings.keymap.first_key(context, action) else {
            continue;
        };
        let k = key.to_string();
        // A read-only section's text is read, not edited.
        let name = match action {
            Action::Edit if app.doc.read_only.is_some() => "read",
            _ => short_name(action),
        };
        let w = k.chars().count() + name.chars().count() + 3;
        if used + w > width {
            break;
        }
        used += w;
        keys.push(Span::styled(k, t.key));
        keys.push(Span::styled(format!(" {name}  "), t.dim));
    }
    // While a story or a diagram is edited, keys go to its editor, not to the list: its own
    // keys (a diagram's Mermaid is applied as you type; a story is saved by Esc or ^S).
    let editing = match app.selected_stage() {
        Some(super::navigator::Stage::Stories) if app.editing_story() => {
            Some((" editing the story (Markdown) · ", app.story_editor_keys()))
        }
        Some(super::navigator::Stage::Diagrams) if app.editing_diagram() => {
            Some((" editing the diagram · ", app.diagram_editor_keys()))
        }
        _ => None,
    };
    if app.ui.focus == Pane::Editor
        && let Some((hint, pairs)) = editing
    {
        keys = vec![Span::styled(hint, t.dim)];
        key_pairs(&mut keys, pairs, width, app);
    }
    // A search being typed (in a section, or in an input document): its field, in the key bar.
    let section_search = app
        .selected_section()
        .and_then(|s| app.editor(s))
        .and_then(|e| e.search.as_ref())
        .filter(|_| app.ui.focus == Pane::Editor);
    let viewer_search = app.ui.stages.viewer.as_ref().and_then(|v| v.query.as_ref());
    if let Some(query) = section_search
        .or(viewer_search)
        .filter(|_| app.ui.popups.is_empty())
    {
        let [top, bottom] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        frame.render_widget(Paragraph::new(Line::from(left)), top);
        let hint = "  Enter find · Esc cancel";
        let [label, field, keys] = Layout::horizontal([
            Constraint::Length(9),
            Constraint::Min(10),
            Constraint::Length(hint.chars().count() as u16),
        ])
        .areas(bottom);
        frame.render_widget(Span::styled(" search: ", t.key), label);
        query.draw(frame, field);
        frame.render_widget(Span::styled(hint, t.dim), keys);
        return;
    }
    // A popup takes every key while it is open: the bar shows its keys, not the pane's.
    if let Some(popup) = app.ui.popups.last() {
        keys = vec![Span::raw(" ")];
        key_pairs(&mut keys, popup_bar_keys(app, popup), width, app);
    }
    frame.render_widget(
        Paragraph::new(vec![Line::from(left), Line::from(keys)]),
        area,
    );
}

/// Adds "key name" pairs to the key bar after what it holds, as many as fit in `width`.
fn key_pairs<K: AsRef<str>, N: AsRef<str>>(
    keys: &mut Vec<Span<'static>>,
    pairs: impl IntoIterator<Item = (K, N)>,
    width: usize,
    app: &App,
) {
    let t = &app.settings.theme;
    let mut used: usize = keys.iter().map(|s| s.width()).sum();
    for (k, name) in pairs {
        let (k, name) = (k.as_ref(), name.as_ref());
        let w = k.chars().count() + name.chars().count() + 3;
        if used + w > width {
            break;
        }
        used += w;
        keys.push(Span::styled(k.to_string(), t.key));
        keys.push(Span::styled(format!(" {name}  "), t.dim));
    }
}

/// "Next: decide Compute Resources · F5 Enter goes there": what the process asks next and the
/// keys that do it from here (see [`crate::workflow::guide`]). Where that does not fit in
/// `room`, the keys come first ("Next F5 Enter: decide Comp…"), so that they are never cut.
fn next_spans(app: &App, room: usize) -> Vec<Span<'static>> {
    let t = &app.settings.theme;
    // A reviewer, or a session open elsewhere, is not drafting; a popup has its own keys.
    if app.doc.read_only.is_some() || !app.ui.popups.is_empty() {
        return Vec::new();
    }
    let Some(path) = app.guide_cached() else {
        return Vec::new();
    };
    let next = &path.next;
    let (keys, does) = app.next_keys(next);
    let what = sanitize_line(&next.what).into_owned();
    let full = 6 + what.chars().count() + 3 + keys.chars().count() + 1 + does.chars().count();
    if keys.is_empty() {
        return vec![Span::styled("Next: ", t.title), Span::raw(what)];
    }
    if full <= room {
        let mut spans = vec![
            Span::styled("Next: ", t.title),
            Span::raw(what),
            Span::raw(" · "),
            Span::styled(keys, t.key),
        ];
        if !does.is_empty() {
            spans.push(Span::raw(format!(" {does}")));
        }
        return spans;
    }
    vec![
        Span::styled("Next ", t.title),
        Span::styled(keys, t.key),
        Span::raw(": "),
        Span::raw(what),
    ]
}

/// The keys of the popup on top that act now, for the key bar: its own (see
/// [`super::popup::Layer::key_hints`]); a section's comments say which act on what there is; the
/// conflicts list leaves out resolving and reopening in a read-only session, and takes the
/// keymap's save key.
fn popup_bar_keys(app: &App, popup: &Popup) -> Vec<(String, &'static str)> {
    let mut keys = match popup {
        Popup::Comments(list) => app.comment_keys(&list.section),
        other => other.key_hints(&app.settings.keymap),
    };
    if let Popup::Conflicts(_) = popup {
        if app.doc.read_only.is_some() {
            keys.retain(|(_, what)| *what != "resolve" && *what != "reopen");
        }
        let saves = !(app.doc.read_only.is_some() && changes_the_work(app, Action::Save));
        if let Some(save) = app
            .settings
            .keymap
            .first_key(super::action::Context::Global, Action::Save)
            .filter(|_| saves)
        {
            let at = keys.len().saturating_sub(1);
            keys.insert(at, (save.to_string(), "save"));
        }
    }
    keys
}

/// In review mode the comments key (`F4`) is the reviewer's own, second in the bar wherever a
/// section is selected (elsewhere it has nothing to show).
fn with_comments(app: &App, actions: &[Action]) -> Vec<Action> {
    let mut all = actions.to_vec();
    if app.doc.review.is_some()
        && app.selected_section().is_some()
        && !all.contains(&Action::Comments)
    {
        all.insert(all.len().min(1), Action::Comments);
    }
    all
}

/// Whether `action` changes the author's work, which a read-only session refuses (its key is
/// then left out of the bar).
fn changes_the_work(app: &App, action: Action) -> bool {
    match action {
        // Opening a diagram edits its source.
        Action::Open => app.selected_stage() == Some(super::navigator::Stage::Diagrams),
        // Review mode saves the reviewer's comments; otherwise a read-only session is not saved.
        Action::Save => app.doc.review.is_none(),
        other => other.changes_the_work(),
    }
}
