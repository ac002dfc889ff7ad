//! The section editor: a text area per section (so each keeps its own undo history), styled by the
//! theme, with an optional search prompt.

use ratatui::crossterm::event::KeyEvent;
use ratatui::style::Style;
use tui_textarea::{TextArea, WrapMode};

use super::action::{Action, Context};
use super::keymap::Keymap;
use crate::settings::theme::Theme;

/// Above this size a section opens without soft wrap: the text area re-wraps the whole text on
/// every edit, which would make typing in very long sections lag. `M-w` turns it on regardless.
pub const WRAP_LIMIT: usize = 128 * 1024;

pub struct SectionEditor {
    pub textarea: TextArea<'static>,
    /// The section's revision when this editor was made: while it is unchanged, the editor holds
    /// no edit (no undo history) and can be dropped and made again.
    pub revision: u64,
    /// The search query being typed, while the search prompt is open.
    pub search: Option<super::text_field::TextField>,
}

impl SectionEditor {
    pub fn new(body: &str, theme: &Theme, wrap: bool) -> SectionEditor {
        let lines: Vec<String> = if body.is_empty() {
            vec![String::new()]
        } else {
            body.split('\n').map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_max_histories(500);
        let mut editor = SectionEditor {
            textarea,
            revision: 0,
            search: None,
        };
        editor.apply_theme(theme);
        editor.set_wrap(wrap && body.len() <= WRAP_LIMIT);
        editor
    }

    pub fn apply_theme(&mut self, theme: &Theme) {
        let t = &mut self.textarea;
        t.set_style(theme.text);
        t.set_cursor_line_style(theme.cursor_line);
        t.set_selection_style(theme.selection);
        t.set_search_style(theme.search_match);
        // Each of these re-measures every line of the text (a long section has many): only
        // when it changes.
        if t.line_number_style() != Some(theme.dim) {
            t.set_line_number_style(theme.dim);
        }
        t.set_cursor_style(Style::default().add_modifier(ratatui::style::Modifier::REVERSED));
        t.set_placeholder_text("Empty section: type Markdown here");
        t.set_placeholder_style(theme.dim);
    }

    pub fn set_wrap(&mut self, wrap: bool) {
        let mode = if wrap {
            WrapMode::WordOrGlyph
        } else {
            WrapMode::None
        };
        if self.textarea.wrap_mode() != mode {
            self.textarea.set_wrap_mode(mode);
        }
    }
}

/// A key in an editor of a stage (a diagram's Mermaid, a story's Markdown): the editor's commands
/// of the keymap (`action`: undo, redo, select all and the clipboard) act as in a section's
/// text; any other key edits. Returns whether the text changed.
pub fn edit_key(t: &mut TextArea<'static>, action: Option<Action>, event: KeyEvent) -> bool {
    match action {
        Some(Action::Undo) => t.undo(),
        Some(Action::Redo) => t.redo(),
        Some(Action::SelectAll) => {
            t.select_all();
            false
        }
        Some(Action::Copy) => {
            t.copy();
            false
        }
        Some(Action::Cut) => t.cut(),
        Some(Action::Paste) => t.paste(),
        _ => t.input(event),
    }
}

/// Inserts text pasted from the terminal (a bracketed paste) at the cursor, as one undo step.
/// Terminals send pasted line breaks as CR. Returns whether the text changed.
pub fn paste(t: &mut TextArea<'static>, text: &str) -> bool {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    t.insert_str(&text)
}

/// The keys of an editor of a stage, for the key bar: `Esc` (what it does there: `leave`), then
/// undo, redo, the clipboard and save as the keymap binds them in a section's text.
pub fn editor_keys(keymap: &Keymap, leave: &'static str) -> Vec<(String, &'static str)> {
    let mut keys = vec![("Esc".to_string(), leave)];
    for (action, name) in [
        (Action::Undo, "undo"),
        (Action::Redo, "redo"),
        (Action::Cut, "cut"),
        (Action::Copy, "copy"),
        (Action::Paste, "paste"),
        (Action::Save, "save"),
    ] {
        if let Some(key) = keymap.first_key(Context::Editor, action) {
            keys.push((key.to_string(), name));
        }
    }
    keys
}
