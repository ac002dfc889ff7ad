//! The open dialog: the documents of the project this session belongs to (in the project file's
//! order, each with its decision numbers), then the recent sessions, each with what its file
//! holds. Choosing one closes this session (saved first, when asked) and opens that one in the
//! same window.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Layer, LayerContext, Outcome, actions, centered, frame_block, key_of, list_hints,
    select_in_list,
};
use crate::text::sanitize_line;
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::wrap::{popup_width, wrap_hanging};

/// Whether a listed file can be opened, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentState {
    /// It loads: title, mode, progress and when it was saved, one line.
    Ready(String),
    /// The session open in this window.
    Current(String),
    /// The project names it but nobody has created it yet.
    Missing,
    /// Something is there that does not load: why.
    Unreadable(String),
}

/// One entry of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentEntry {
    /// The session file.
    pub path: PathBuf,
    /// How the list names it: as the project file writes it, or the recent session's path.
    pub label: String,
    /// The project document's decision numbers (`ADR-0100–ADR-0199`), if it is one.
    pub numbers: Option<String>,
    pub state: DocumentState,
}

/// The dialog: the project's documents (with the project file's path), then the recent
/// sessions the project does not list, and the entry selected.
pub struct Documents {
    /// The project file, when the session belongs to a project.
    pub project: Option<String>,
    pub documents: Vec<DocumentEntry>,
    pub recent: Vec<DocumentEntry>,
    pub selected: usize,
}

impl Documents {
    /// The project's documents and the recent sessions; the current session selected when it is
    /// listed, else the first entry.
    pub fn new(
        project: Option<String>,
        documents: Vec<DocumentEntry>,
        recent: Vec<DocumentEntry>,
    ) -> Documents {
        let mut d = Documents {
            project,
            documents,
            recent,
            selected: 0,
        };
        let current = d
            .entries()
            .position(|e| matches!(e.state, DocumentState::Current(_)));
        d.selected = current.unwrap_or(0);
        d
    }

    fn entries(&self) -> impl Iterator<Item = &DocumentEntry> {
        self.documents.iter().chain(self.recent.iter())
    }

    fn len(&self) -> usize {
        self.documents.len() + self.recent.len()
    }

    /// The entry selected.
    pub fn selected_entry(&self) -> Option<&DocumentEntry> {
        self.entries().nth(self.selected)
    }
}

impl Layer for Documents {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        let len = self.len();
        for action in actions(keymap, &[Context::Popup], &event) {
            if select_in_list(action, &mut self.selected, len) {
                break;
            }
            match action {
                Action::Choose => {
                    return match self.selected_entry() {
                        Some(e) => Outcome::OpenDocument(e.clone()),
                        None => Outcome::Close,
                    };
                }
                Action::Close => return Outcome::Close,
                _ => {}
            }
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        let (theme, screen) = (cx.theme, frame.area());
        let width = popup_width(100.min(screen.width).saturating_sub(2) as usize);
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        let mut index = 0;
        let mut group =
            |lines: &mut Vec<Line<'static>>, heading: String, list: &[DocumentEntry]| {
                lines.push(Line::from(Span::styled(heading, theme.heading3)));
                for e in list {
                    let selected = index == self.selected;
                    if selected {
                        selected_line = lines.len();
                    }
                    index += 1;
                    let (mark, detail, detail_style) = match &e.state {
                        DocumentState::Current(d) => ("●", format!("{d} · open here"), theme.dim),
                        DocumentState::Ready(d) => (" ", d.clone(), theme.dim),
                        DocumentState::Missing => (
                            " ",
                            "not created yet (infradraft new -o this path)".to_string(),
                            theme.warning,
                        ),
                        DocumentState::Unreadable(why) => {
                            (" ", format!("unreadable: {why}"), theme.error)
                        }
                    };
                    let name_style = if selected {
                        theme.popup_selected
                    } else if matches!(
                        e.state,
                        DocumentState::Missing | DocumentState::Unreadable(_)
                    ) {
                        theme.dim
                    } else {
                        theme.text
                    };
                    let numbers = e
                        .numbers
                        .as_ref()
                        .map(|n| format!("  {n}"))
                        .unwrap_or_default();
                    lines.extend(wrap_hanging(
                        Line::from(vec![
                            Span::styled(format!(" {mark} "), theme.key),
                            Span::styled(sanitize_line(&e.label).into_owned(), name_style),
                            Span::styled(numbers, theme.dim),
                        ]),
                        width,
                        3,
                    ));
                    lines.extend(wrap_hanging(
                        Line::from(Span::styled(
                            format!("   {}", sanitize_line(&detail)),
                            detail_style,
                        )),
                        width,
                        3,
                    ));
                }
            };
        if let Some(project) = &self.project {
            let heading = format!(
                "Project {} · {} document{}",
                sanitize_line(project),
                self.documents.len(),
                if self.documents.len() == 1 { "" } else { "s" }
            );
            group(&mut lines, heading, &self.documents);
            lines.push(Line::default());
        }
        let heading = if self.recent.is_empty() {
            "Recent sessions: none other".to_string()
        } else {
            "Recent sessions".to_string()
        };
        group(&mut lines, heading, &self.recent);
        // As tall as the list, within the screen.
        let height = (lines.len() as u16 + 2).min(screen.height.saturating_sub(2));
        let area = centered(screen, 100, height);
        let title = format!(
            "Open a document · {} opens it here",
            key_of(cx.keymap, Context::Popup, Action::Choose)
        );
        let block = frame_block(&title, theme);
        let inner = block.inner(area);
        frame.render_widget(Clear, area);
        frame.render_widget(block, area);
        // Keep the selected entry (its two lines) in view.
        let room = inner.height as usize;
        let scroll = (selected_line + 2).saturating_sub(room);
        frame.render_widget(
            Paragraph::new(lines).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
            inner,
        );
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        list_hints(keymap, "open", "close").collect()
    }
}
