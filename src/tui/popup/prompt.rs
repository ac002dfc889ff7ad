//! A prompt: a question, what the answer is about, and a text field (a line for names, paths
//! and cells; prose for what a person explains).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Layer, LayerContext, Outcome, centered};
use crate::settings::theme::Theme;
use crate::tui::keymap::Keymap;
use crate::tui::text_field::{FieldKey, FieldKind, TextField};
use crate::tui::wrap::{popup_width, wrap_hanging, wrap_lines};

/// A decision on its way: chosen and justified, waiting for a reason for each conflict with the
/// inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRuling {
    pub component: String,
    pub option: String,
    pub justification: String,
    /// The findings that conflict with the inputs, as shown.
    pub conflicts: Vec<String>,
    /// The reasons given so far, one per conflict in order.
    pub acks: Vec<crate::model::ConflictAck>,
    /// How it replaces the component's current decision, when it is decided.
    pub redecide: Option<crate::workflow::design::Redecide>,
}

/// What a prompt's text is for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptPurpose {
    AddInput,
    AddRequirement,
    EditRequirement(usize),
    EditPurpose {
        component: String,
    },
    Rationale {
        component: String,
        option: String,
    },
    FeedbackText {
        component: String,
    },
    Revision {
        component: String,
        feedback: String,
    },
    Justification {
        component: String,
        option: String,
        /// How the decision replaces the component's current one, when it is decided.
        redecide: Option<crate::workflow::design::Redecide>,
    },
    /// A cell of the open worksheet.
    WorksheetCell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// The conclusions of the open worksheet.
    Conclusions,
    /// The note on a checklist item.
    ChecklistNote(String),
    /// Where to export the document.
    ExportPath,
    /// The title of a new custom diagram.
    NewDiagram,
    /// A review comment's text.
    Comment(crate::model::CommentTarget),
    /// Where to save the session instead (after a change on disk).
    SaveAs,
    /// The reason a conflict between the inputs (its key) is settled.
    ResolveConflict(String),
    /// The reason for accepting the next conflict of a decision being made.
    AckReason(Box<PendingRuling>),
    /// Why a decision is withdrawn (`reject`: rejected, else deprecated).
    Withdraw {
        component: String,
        reject: bool,
    },
    /// One list of a record's people (`step` 0: decision-makers, 1: consulted, 2: informed),
    /// with those given so far.
    People {
        adr: crate::model::AdrId,
        people: crate::model::People,
        step: u8,
    },
}

pub struct Prompt {
    pub title: String,
    /// What the answer is about, shown whole between the question and the field (the option
    /// being recommended or decided: its summary, pros, cons and conflicts).
    pub context: Vec<String>,
    /// The first row of the context shown, when it is taller than the room for it (`PgUp` /
    /// `PgDn` scroll it).
    pub context_scroll: u16,
    pub field: TextField,
    pub purpose: PromptPurpose,
}

impl PromptPurpose {
    /// The kind of field the purpose asks for: prose for what a person explains, a line for
    /// names, paths and table cells.
    pub fn field_kind(&self) -> FieldKind {
        match self {
            PromptPurpose::AddInput
            | PromptPurpose::ExportPath
            | PromptPurpose::SaveAs
            | PromptPurpose::NewDiagram
            | PromptPurpose::WorksheetCell { .. }
            | PromptPurpose::People { .. } => FieldKind::Line,
            PromptPurpose::AddRequirement
            | PromptPurpose::EditRequirement(_)
            | PromptPurpose::EditPurpose { .. }
            | PromptPurpose::Rationale { .. }
            | PromptPurpose::FeedbackText { .. }
            | PromptPurpose::Revision { .. }
            | PromptPurpose::Justification { .. }
            | PromptPurpose::Conclusions
            | PromptPurpose::ChecklistNote(_)
            | PromptPurpose::Comment(_)
            | PromptPurpose::ResolveConflict(_)
            | PromptPurpose::AckReason(_)
            | PromptPurpose::Withdraw { .. } => FieldKind::Prose,
        }
    }
}

impl Prompt {
    pub fn new(title: &str, text: &str, purpose: PromptPurpose) -> Prompt {
        Prompt {
            title: title.to_string(),
            context: Vec::new(),
            context_scroll: 0,
            field: TextField::new(text, purpose.field_kind()),
            purpose,
        }
    }

    /// The prompt with `lines` shown between its question and its field.
    pub fn with_context(mut self, lines: Vec<String>) -> Prompt {
        self.context = lines;
        self
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.field.text()
    }

    fn handle_key_event(&mut self, event: KeyEvent) -> Outcome {
        // The context scrolls (the drawing keeps it within what there is to show).
        if !self.context.is_empty() {
            match event.code {
                KeyCode::PageDown => {
                    // At most the rows the context could wrap to in the narrowest prompt.
                    let bound: usize = self
                        .context
                        .iter()
                        .map(|l| l.chars().count() / 18 + 1)
                        .sum();
                    let bound = u16::try_from(bound).unwrap_or(u16::MAX);
                    self.context_scroll = self.context_scroll.saturating_add(5).min(bound);
                    return Outcome::Stay;
                }
                KeyCode::PageUp => {
                    self.context_scroll = self.context_scroll.saturating_sub(5);
                    return Outcome::Stay;
                }
                _ => {}
            }
        }
        if event.code == KeyCode::Tab && self.purpose == PromptPurpose::AddInput {
            if let Some(done) = crate::tui::stages::complete_path(&self.field.text()) {
                self.field.set_text(&done);
            }
            return Outcome::Stay;
        }
        match self.field.handle_key(event) {
            FieldKey::Submit => Outcome::Submit(self.purpose.clone(), self.field.text()),
            FieldKey::Cancel => Outcome::Close,
            FieldKey::External => Outcome::EditPromptExternally(self.field.text()),
            FieldKey::Handled => Outcome::Stay,
        }
    }
}

impl Layer for Prompt {
    fn handle(&mut self, event: KeyEvent, _keymap: &Keymap) -> Outcome {
        // A text field's keys are the editor's (see help).
        self.handle_key_event(event)
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        draw_prompt(frame, self, cx.theme, frame.area());
    }

    fn key_hints(&self, _keymap: &Keymap) -> Vec<(String, &'static str)> {
        let mut keys = match self.field.kind() {
            FieldKind::Line => vec![
                ("Enter", "save"),
                ("Esc", "cancel"),
                ("←→ Home End", "move"),
                ("^Z", "undo"),
                ("^Y", "redo"),
                ("^U", "clear"),
            ],
            FieldKind::Prose => vec![
                ("Enter", "save"),
                ("Esc", "cancel"),
                ("Alt+Enter", "new line"),
                ("^Z", "undo"),
                ("^Y", "redo"),
                ("^U", "clear"),
                ("^E", "$EDITOR"),
            ],
        };
        if self.purpose == PromptPurpose::AddInput {
            keys.insert(2, ("Tab", "complete"));
        }
        keys.into_iter().map(|(k, w)| (k.to_string(), w)).collect()
    }

    fn field_mut(&mut self) -> Option<&mut TextField> {
        Some(&mut self.field)
    }
}

/// A prompt: its question in full, wrapped; the field, as tall as its text (within the screen);
/// and the keys it takes.
fn draw_prompt(frame: &mut Frame, p: &Prompt, theme: &Theme, screen: Rect) {
    let width = screen.width.min(80).saturating_sub(4).max(20);
    let inner = width.saturating_sub(2);
    let text_width = popup_width(usize::from(inner));
    let question = wrap_lines(
        [Line::styled(
            crate::text::sanitize_line(&p.title).into_owned(),
            theme.heading3,
        )],
        text_width,
    );
    let question_rows = u16::try_from(question.len()).unwrap_or(u16::MAX);
    let keys = match (p.field.kind(), &p.purpose) {
        (_, PromptPurpose::AddInput) => "Enter adds · Tab completes · Esc cancels",
        (FieldKind::Line, _) => "Enter saves · ^Z undo · Esc cancels",
        (FieldKind::Prose, _) => {
            "Enter saves · Alt+Enter new line · ^Z undo · ^E $EDITOR · Esc cancels"
        }
    };
    let hint = wrap_lines([Line::styled(keys, theme.dim)], text_width);
    let hint_rows = u16::try_from(hint.len()).unwrap_or(u16::MAX);
    let context: Vec<Line> = p
        .context
        .iter()
        .flat_map(|l| {
            // A pro, a con or a conflict continues under its text.
            let l = crate::text::sanitize_line(l);
            let hang = if l.starts_with(['+', '−', '⚠', '•']) {
                2
            } else {
                0
            };
            wrap_hanging(Line::styled(l.into_owned(), theme.text), text_width, hang)
        })
        .collect();
    let context_lines = u16::try_from(context.len()).unwrap_or(u16::MAX);
    // Borders (2), the question, what it is about (after a gap), a gap, the field's frame (2)
    // and rows, the keys. The field gets at least its first rows; what the answer is about
    // gets the rest, and scrolls (`PgUp`/`PgDn`) when it is taller.
    let base = 2 + question_rows + 1 + 2 + hint_rows;
    let wanted_field = p.field.rows(inner.saturating_sub(2));
    let room = screen.height.saturating_sub(base);
    let min_field = wanted_field.min(3).min(room.max(1));
    let context_room = room.saturating_sub(min_field);
    let (context_rows, more) = match context_lines {
        0 => (0, false),
        n if n < context_room => (n + 1, false),
        // One row for the gap, one for the line saying there is more.
        _ => (context_room, true),
    };
    let field_rows = wanted_field.min(room.saturating_sub(context_rows)).max(1);
    let area = centered(screen, width, base + context_rows + field_rows);
    frame.render_widget(Clear, area);
    let outer = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border)
        .style(theme.popup);
    let body = outer.inner(area);
    frame.render_widget(outer, area);
    let [q, c, _, f, h] = Layout::vertical([
        Constraint::Length(question_rows),
        Constraint::Length(context_rows),
        Constraint::Length(1),
        Constraint::Length(field_rows + 2),
        Constraint::Min(hint_rows),
    ])
    .areas(body);
    frame.render_widget(Paragraph::new(question), q);
    if context_rows > 1 {
        let [_, c] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(c);
        if more {
            let [shown, note] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(c);
            let max_scroll = context_lines.saturating_sub(shown.height);
            let scroll = p.context_scroll.min(max_scroll);
            frame.render_widget(Paragraph::new(context).scroll((scroll, 0)), shown);
            let below = context_lines.saturating_sub(scroll + shown.height);
            let note_text = match (scroll, below) {
                (0, n) => format!("… {n} more lines: PgDn shows them"),
                (_, 0) => "PgUp shows the lines above".to_string(),
                (_, n) => format!("… {n} more lines: PgDn / PgUp"),
            };
            frame.render_widget(Span::styled(note_text, theme.dim), note);
        } else {
            frame.render_widget(Paragraph::new(context), c);
        }
    }
    let field_frame = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border);
    let field_area = field_frame.inner(f);
    frame.render_widget(field_frame, f);
    p.field.draw(frame, field_area);
    frame.render_widget(Paragraph::new(hint), h);
}
