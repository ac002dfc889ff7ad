//! Diagrams: the four the process asks for (generated from the decisions as starters) and any
//! number of custom ones, written in Mermaid in an editor with the rendered text diagram beside
//! it, updated as you type, and our own validation's problems listed under it.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::action::{Action, Context};
use super::app::App;
use super::editor::SectionEditor;
use super::popup::{Popup, Prompt, PromptPurpose};
use crate::analysis::diagram_check::{DiagramProblem, Severity, validate};
use crate::model::now;
use crate::text::sanitize_line;
use crate::workflow::edit::diagrams;

#[derive(Default)]
pub struct DiagramsState {
    pub selected: usize,
    /// The Mermaid editor, while the selected diagram is being edited: (diagram id, editor).
    pub editing: Option<(String, SectionEditor)>,
    /// The rendered diagram: (source, width) it was rendered for, and the lines.
    pub rendered: Option<(String, u16, Vec<Line<'static>>)>,
    /// Scroll of the rendered diagram.
    pub scroll: usize,
    /// Validation of each diagram, with the source it was found for (re-run only on change).
    pub problems: Vec<(String, Vec<DiagramProblem>)>,
}

impl std::fmt::Debug for DiagramsState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiagramsState")
            .field("selected", &self.selected)
            .field("editing", &self.editing.as_ref().map(|(id, _)| id))
            .finish()
    }
}

/// The areas of the stage: list and problems on the left, the editor in the middle, the rendered
/// diagram on the right (under the editor when narrow).
fn split(area: Rect) -> (Rect, Rect, Rect) {
    let [left, rest] = Layout::horizontal([
        Constraint::Length(30.min(area.width / 3)),
        Constraint::Min(1),
    ])
    .areas(area);
    let [editor, rendered] = if rest.width >= 90 {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Min(1)]).areas(rest)
    } else {
        Layout::vertical([Constraint::Percentage(45), Constraint::Min(1)]).areas(rest)
    };
    (left, editor, rendered)
}

impl App {
    fn selected_diagram(&self) -> Option<usize> {
        let n = self.doc.session.diagrams.len();
        (n > 0).then(|| self.ui.stages.diagrams.selected.min(n - 1))
    }

    /// Whether keys go to the Mermaid editor.
    pub fn editing_diagram(&self) -> bool {
        self.ui.stages.diagrams.editing.is_some()
    }

    /// Validates the diagrams whose source changed, and renders the selected one for the
    /// stage's width when its source or the width changed.
    pub fn prepare_diagram(&mut self, workspace: Rect) {
        let problems = &mut self.ui.stages.diagrams.problems;
        problems.truncate(self.doc.session.diagrams.len());
        for (i, d) in self.doc.session.diagrams.iter().enumerate() {
            match problems.get_mut(i) {
                Some((source, _)) if *source == d.source => {}
                Some(slot) => *slot = (d.source.clone(), validate(&d.source)),
                None => problems.push((d.source.clone(), validate(&d.source))),
            }
        }
        let Some(i) = self.selected_diagram() else {
            self.ui.stages.diagrams.rendered = None;
            return;
        };
        let inner = Block::default().borders(Borders::ALL).inner(workspace);
        let width = split(inner).2.width.saturating_sub(2).max(1);
        let source = self.doc.session.diagrams[i].source.clone();
        let fresh = matches!(&self.ui.stages.diagrams.rendered, Some((s, w, _)) if *s == source && *w == width);
        if !fresh {
            let md = format!("```mermaid\n{}\n```\n", source.trim_end());
            let lines = crate::preview::render_markdown(
                &md,
                width,
                &self.settings.theme.preview_styles(),
                &self.settings.highlighter,
            );
            self.ui.stages.diagrams.rendered = Some((source, width, lines));
        }
    }

    /// Adds the starter diagrams that are missing and refreshes untouched generated ones.
    pub fn generate_diagrams(&mut self) {
        match self.change(|s| diagrams::generate(s, now())) {
            None => {}
            Some(None) => {
                self.info("the starter diagrams are up to date (edited ones are never overwritten)")
            }
            Some(Some(n)) => self.info(format!(
                "{n} starter diagram(s) generated from the decisions"
            )),
        }
    }

    /// Adds a custom diagram with `title` and starts editing it.
    pub fn add_custom_diagram(&mut self, title: &str) {
        if let Some(i) = self.edit(|s| diagrams::add_custom(s, title, now())) {
            self.ui.stages.diagrams.selected = i;
            self.start_diagram_edit();
        }
    }

    fn start_diagram_edit(&mut self) {
        let Some(i) = self.selected_diagram() else {
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        let d = &self.doc.session.diagrams[i];
        let editor = SectionEditor::new(&d.source, &self.settings.theme, false);
        self.ui.stages.diagrams.editing = Some((d.id.clone(), editor));
    }

    /// A key while the Mermaid editor is open: Esc leaves it; the editor's commands of the
    /// keymap (undo, redo, the clipboard) and save act as in a section's text; everything else
    /// edits. The diagram's source follows every change, undo and redo included.
    pub fn diagram_key(&mut self, event: KeyEvent) {
        if event.code == KeyCode::Esc {
            self.ui.stages.diagrams.editing = None;
            return;
        }
        let action = self
            .settings
            .keymap
            .action(Context::Editor, super::keymap::Key::from_event(&event));
        if action == Some(Action::Save) {
            self.save(false);
            return;
        }
        let Some((_, editor)) = self.ui.stages.diagrams.editing.as_mut() else {
            return;
        };
        if super::editor::edit_key(&mut editor.textarea, action, event) {
            self.diagram_source_follows();
        }
    }

    /// Text pasted from the terminal while the Mermaid editor is open: it goes in at the cursor,
    /// as one undo step, and the diagram's source follows.
    pub fn diagram_paste(&mut self, text: &str) {
        let Some((_, editor)) = self.ui.stages.diagrams.editing.as_mut() else {
            return;
        };
        if super::editor::paste(&mut editor.textarea, text) {
            self.diagram_source_follows();
        }
    }

    /// Puts the Mermaid editor's text into the diagram being edited.
    fn diagram_source_follows(&mut self) {
        let Some((id, editor)) = self.ui.stages.diagrams.editing.as_ref() else {
            return;
        };
        let source = editor.textarea.lines().join("\n");
        let id = id.clone();
        self.change(|s| diagrams::set_source(s, &id, source));
    }

    /// The keys of the Mermaid editor, for the key bar: (key, what it does).
    pub fn diagram_editor_keys(&self) -> Vec<(String, &'static str)> {
        super::editor::editor_keys(&self.settings.keymap, "stops")
    }

    pub fn diagrams_action(&mut self, action: Action) -> bool {
        let n = self.doc.session.diagrams.len();
        let st = &mut self.ui.stages.diagrams;
        match action {
            Action::Down => {
                st.selected = (st.selected + 1).min(n.saturating_sub(1));
                st.scroll = 0;
            }
            Action::Up => {
                st.selected = st.selected.saturating_sub(1);
                st.scroll = 0;
            }
            Action::Top => st.selected = 0,
            Action::Bottom => st.selected = n.saturating_sub(1),
            Action::PageDown => st.scroll += 10,
            Action::PageUp => st.scroll = st.scroll.saturating_sub(10),
            Action::Open | Action::EditItem => self.start_diagram_edit(),
            Action::Generate => self.generate_diagrams(),
            Action::Add => {
                if !self.refuse_if_read_only() {
                    self.ui.popups.push(Popup::Prompt(Prompt::new(
                        "Title of the new diagram",
                        "",
                        PromptPurpose::NewDiagram,
                    )));
                }
            }
            Action::Remove => {
                if let Some(i) = self.selected_diagram()
                    && let Some(title) = self.edit(|s| diagrams::remove(s, i, now()))
                {
                    self.ui.stages.diagrams.selected = i.saturating_sub(usize::from(i == n - 1));
                    self.info(format!("removed {title}"));
                }
            }
            _ => return false,
        }
        true
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let b = super::stages::block(app, "Diagrams".into());
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let (left, editor_area, rendered_area) = split(inner);
    let s = &app.doc.session;
    let selected = app
        .ui
        .stages
        .diagrams
        .selected
        .min(s.diagrams.len().saturating_sub(1));

    // The list, then the selected diagram's problems.
    let mut lines = Vec::new();
    if s.diagrams.is_empty() {
        lines.push(Line::from(Span::styled(
            "No diagrams yet. d generates the four starters from the decisions; a adds one.",
            t.dim,
        )));
    }
    let none = Vec::new();
    let problems_of = |i: usize| {
        app.ui
            .stages
            .diagrams
            .problems
            .get(i)
            .map_or(&none, |(_, p)| p)
    };
    for (i, d) in s.diagrams.iter().enumerate() {
        let problems = problems_of(i);
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let badge = if errors > 0 {
            Span::styled(format!(" ✗{errors}"), t.error)
        } else if !problems.is_empty() {
            Span::styled(format!(" ⚠{}", problems.len()), t.warning)
        } else {
            Span::styled(" ✓", t.ok)
        };
        let style = if i == selected { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::styled(sanitize_line(&d.title).into_owned(), style),
            badge,
        ]));
        let place = d
            .section
            .as_deref()
            .and_then(|id| s.section(id))
            .map_or("in the Diagrams part".to_string(), |sec| {
                format!("in {}", sec.title)
            });
        lines.push(Line::from(Span::styled(
            format!("  {} · {place}", d.kind.label()),
            t.dim,
        )));
    }
    if selected < s.diagrams.len() {
        lines.push(Line::default());
        let problems = problems_of(selected);
        if problems.is_empty() {
            lines.push(Line::from(Span::styled("No problems found.", t.ok)));
        }
        for p in problems {
            let style = if p.severity == Severity::Error {
                t.error
            } else {
                t.warning
            };
            lines.push(Line::from(Span::styled(
                sanitize_line(&p.to_string()).into_owned(),
                style,
            )));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        left,
    );

    // The source: the editor while editing, else the text.
    let editing = app.ui.stages.diagrams.editing.as_ref();
    let title = if editing.is_some() {
        " Mermaid · editing (Esc stops) "
    } else {
        " Mermaid · Enter edits "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if editing.is_some() {
            t.focus_border
        } else {
            t.border
        })
        .title(Span::styled(title, t.title));
    match (editing, s.diagrams.get(selected)) {
        (Some((_, editor)), _) => {
            let inner = block.inner(editor_area);
            frame.render_widget(block, editor_area);
            frame.render_widget(&editor.textarea, inner);
        }
        (None, Some(d)) => {
            let text: Vec<Line> = d
                .source
                .lines()
                .map(|l| Line::from(Span::styled(sanitize_line(l).into_owned(), t.code)))
                .collect();
            frame.render_widget(Paragraph::new(text).block(block), editor_area);
        }
        (None, None) => frame.render_widget(block, editor_area),
    }

    // The rendered diagram.
    let rendered: Vec<Line> = app
        .ui
        .stages
        .diagrams
        .rendered
        .as_ref()
        .map(|(_, _, l)| l.clone())
        .unwrap_or_default();
    let height = rendered_area.height.saturating_sub(2) as usize;
    let (scroll, shown) =
        super::stages::scroll_window(app.ui.stages.diagrams.scroll, rendered.len(), height);
    let title = match shown {
        Some(shown) => format!(" Rendered · {shown} "),
        None => " Rendered ".to_string(),
    };
    frame.render_widget(
        Paragraph::new(rendered)
            .scroll((scroll.min(u16::MAX as usize) as u16, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.border)
                    .title(Span::styled(title, t.title)),
            ),
        rendered_area,
    );
}
