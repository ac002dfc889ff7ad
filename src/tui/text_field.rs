//! Text fields of the popups: a line editor for names, paths and numbers, and a multi-line editor
//! with soft wrap for prose (a rationale, feedback, a comment). Both are ratatui-textarea editors:
//! the cursor moves anywhere (arrows, Home/End, word motions with Alt or Ctrl), text can be
//! selected, cut and pasted, and every change can be undone.
//!
//! Keys a field takes before the editor's own: `Enter` submits, `Esc` cancels, `Alt+Enter`
//! starts a new line in prose, `Ctrl+Z` / `Ctrl+Y` undo and redo (as in the section editor),
//! `Ctrl+U` empties the field (undoable), `Ctrl+E` asks to edit prose in `$VISUAL` / `$EDITOR`.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use tui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_width::UnicodeWidthStr;

use crate::settings::theme::Theme;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line, scrolled sideways when longer than the field.
    Line,
    /// Text of any length, wrapped at the field's width, lines started with `Alt+Enter`.
    Prose,
}

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    /// The person is done: take the text.
    Submit,
    /// The person gave up: drop the text.
    Cancel,
    /// Edit the text in the external editor.
    External,
    /// The key moved the cursor or changed the text (or did nothing).
    Handled,
}

#[derive(Clone, Debug)]
pub struct TextField {
    textarea: TextArea<'static>,
    kind: FieldKind,
    /// The theme generation the field was styled for (see [`TextField::style`]).
    styled: Option<u64>,
}

/// Two fields are equal when they are of the same kind and hold the same text (where the cursor
/// is and what can be undone are not compared).
impl PartialEq for TextField {
    fn eq(&self, other: &TextField) -> bool {
        self.kind == other.kind && self.textarea.lines() == other.textarea.lines()
    }
}

impl Eq for TextField {}

impl TextField {
    /// A field holding `text`, the cursor at its end (styled by [`TextField::apply_theme`]).
    pub fn new(text: &str, kind: FieldKind) -> TextField {
        let mut field = TextField {
            textarea: TextArea::default(),
            kind,
            styled: None,
        };
        let text = field.fit(text);
        field.textarea = TextArea::new(text.split('\n').map(str::to_string).collect());
        field.textarea.set_max_histories(200);
        field.textarea.move_cursor(CursorMove::Bottom);
        field.textarea.move_cursor(CursorMove::End);
        field.textarea.set_cursor_line_style(Style::default());
        field
            .textarea
            .set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        field.textarea.set_wrap_mode(match kind {
            FieldKind::Line => WrapMode::None,
            FieldKind::Prose => WrapMode::WordOrGlyph,
        });
        field
    }

    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    /// The text, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Replaces the text (as one edit: undo brings the old text back), the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        let text = self.fit(text);
        self.textarea.select_all();
        self.textarea.cut();
        self.textarea.insert_str(&text);
        self.textarea.move_cursor(CursorMove::Bottom);
        self.textarea.move_cursor(CursorMove::End);
    }

    /// Inserts pasted text at the cursor (a line field gets its newlines as spaces).
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = self.fit(&text);
        self.textarea.insert_str(&text);
    }

    /// `text` as this kind of field holds it: a line field has no line breaks.
    fn fit(&self, text: &str) -> String {
        match self.kind {
            FieldKind::Line => text.replace(['\n', '\r'], " "),
            FieldKind::Prose => text.replace("\r\n", "\n").replace('\r', "\n"),
        }
    }

    /// Styles the field with the theme of `generation`, once per theme.
    pub fn style(&mut self, theme: &Theme, generation: u64) {
        if self.styled != Some(generation) {
            self.apply_theme(theme);
            self.styled = Some(generation);
        }
    }

    fn apply_theme(&mut self, theme: &Theme) {
        let t = &mut self.textarea;
        t.set_style(theme.text);
        t.set_cursor_line_style(Style::default());
        t.set_selection_style(theme.selection);
    }

    pub fn handle_key(&mut self, event: KeyEvent) -> FieldKey {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let shift = event.modifiers.contains(KeyModifiers::SHIFT);
        match event.code {
            KeyCode::Esc => FieldKey::Cancel,
            // A new line in prose; nothing in a line (it takes no line break).
            KeyCode::Enter if alt || shift => {
                if self.kind == FieldKind::Prose {
                    self.textarea.insert_newline();
                }
                FieldKey::Handled
            }
            KeyCode::Enter => FieldKey::Submit,
            KeyCode::Char('m') if ctrl => FieldKey::Submit,
            KeyCode::Char('e') if ctrl && self.kind == FieldKind::Prose => FieldKey::External,
            KeyCode::Char('z') if ctrl => {
                self.textarea.undo();
                FieldKey::Handled
            }
            KeyCode::Char('y') if ctrl => {
                self.textarea.redo();
                FieldKey::Handled
            }
            KeyCode::Char('u') if ctrl => {
                self.textarea.select_all();
                self.textarea.cut();
                FieldKey::Handled
            }
            // A line field never takes a line break, and no field takes a tab.
            KeyCode::Char('j') if ctrl && self.kind == FieldKind::Line => FieldKey::Handled,
            KeyCode::Tab | KeyCode::BackTab => FieldKey::Handled,
            _ => {
                self.textarea.input(event);
                FieldKey::Handled
            }
        }
    }

    /// How many rows the field wants at `width` columns: one for a line, the text's wrapped
    /// rows for prose (at least three, so a field for prose looks like one).
    pub fn rows(&self, width: u16) -> u16 {
        match self.kind {
            FieldKind::Line => 1,
            FieldKind::Prose => {
                let width = usize::from(width.max(1));
                let rows: usize = self
                    .textarea
                    .lines()
                    .iter()
                    .map(|l| wrapped_rows(l, width))
                    .sum();
                // One more row when the last line is full: the cursor goes after it.
                u16::try_from(rows + 1).unwrap_or(u16::MAX).max(3)
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        frame.render_widget(&self.textarea, area);
    }
}

/// Rows a line of text takes wrapped at `width` columns (see [`wrap_words`]; an empty line
/// takes one).
fn wrapped_rows(line: &str, width: usize) -> usize {
    wrap_words(line, width).len().max(1)
}

/// `text` in rows of at most `width` columns, broken at spaces where it can (as the field's
/// editor does; a word longer than a row is broken anywhere). Runs of spaces count as one.
pub(crate) fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    let mut rows: Vec<String> = Vec::new();
    let (mut row, mut used) = (String::new(), 0);
    for word in text.split_whitespace() {
        if used > 0 && used + 1 + word.width() > width {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        if used > 0 {
            row.push(' ');
            used += 1;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if used > 0 && used + w > width {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            row.push(c);
            used += w;
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        let mut k = KeyEvent::new(code, modifiers);
        k.kind = KeyEventKind::Press;
        k
    }

    fn typed(field: &mut TextField, text: &str) {
        for c in text.chars() {
            assert_eq!(
                field.handle_key(key(KeyCode::Char(c), KeyModifiers::NONE)),
                FieldKey::Handled
            );
        }
    }

    #[test]
    fn the_cursor_moves_and_text_goes_where_it_is() {
        let mut f = TextField::new("", FieldKind::Line);
        typed(&mut f, "abcdef");
        f.handle_key(key(KeyCode::Left, KeyModifiers::NONE));
        f.handle_key(key(KeyCode::Left, KeyModifiers::NONE));
        typed(&mut f, "X");
        assert_eq!(f.text(), "abcdXef");
        f.handle_key(key(KeyCode::Home, KeyModifiers::NONE));
        typed(&mut f, ">");
        assert_eq!(f.text(), ">abcdXef");
        // Word motions.
        let mut w = TextField::new("one two three", FieldKind::Line);
        w.handle_key(key(KeyCode::Left, KeyModifiers::CONTROL));
        typed(&mut w, "_");
        w.handle_key(key(KeyCode::Char('b'), KeyModifiers::ALT));
        w.handle_key(key(KeyCode::Char('b'), KeyModifiers::ALT));
        typed(&mut w, "^");
        assert_eq!(w.text(), "one ^two _three");
        // Undo takes back the last edit, redo puts it again.
        f.handle_key(key(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert_eq!(f.text(), "abcdXef");
        f.handle_key(key(KeyCode::Char('y'), KeyModifiers::CONTROL));
        assert_eq!(f.text(), ">abcdXef");
        // Ctrl+U empties the field, and can be undone.
        f.handle_key(key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(f.text(), "");
        f.handle_key(key(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert_eq!(f.text(), ">abcdXef");
        assert_eq!(
            f.handle_key(key(KeyCode::Enter, KeyModifiers::NONE)),
            FieldKey::Submit
        );
        assert_eq!(
            f.handle_key(key(KeyCode::Esc, KeyModifiers::NONE)),
            FieldKey::Cancel
        );
    }

    #[test]
    fn prose_takes_line_breaks_and_a_line_never_does() {
        let mut prose = TextField::new("first", FieldKind::Prose);
        prose.handle_key(key(KeyCode::Enter, KeyModifiers::ALT));
        typed(&mut prose, "second");
        assert_eq!(prose.text(), "first\nsecond");
        assert_eq!(
            prose.handle_key(key(KeyCode::Char('e'), KeyModifiers::CONTROL)),
            FieldKey::External
        );
        prose.paste("a\r\nb");
        assert_eq!(prose.text(), "first\nseconda\nb");
        let mut line = TextField::new("one\ntwo", FieldKind::Line);
        assert_eq!(line.text(), "one two");
        line.handle_key(key(KeyCode::Enter, KeyModifiers::ALT));
        line.handle_key(key(KeyCode::Char('j'), KeyModifiers::CONTROL));
        line.paste("x\ny");
        assert_eq!(line.text(), "one twox y");
        // Tab is not text in either.
        line.handle_key(key(KeyCode::Tab, KeyModifiers::NONE));
        assert_eq!(line.text(), "one twox y");
    }

    #[test]
    fn prose_asks_for_the_rows_its_text_wraps_to() {
        let f = TextField::new("", FieldKind::Prose);
        assert_eq!(f.rows(40), 3);
        let f = TextField::new(&"word ".repeat(80), FieldKind::Prose);
        // 400 characters at 40 columns: ten rows, and one for the cursor.
        assert_eq!(f.rows(40), 11);
        assert_eq!(wrapped_rows(&"x".repeat(100), 40), 3);
        assert_eq!(wrapped_rows("", 40), 1);
        assert_eq!(TextField::new("x", FieldKind::Line).rows(40), 1);
    }
}
