//! Technical stories and epic impacts: the epics and stories found in the inputs, the
//! infrastructure stories drafted from the decisions, and the refinements proposed to existing
//! stories. `d` drafts (again) from the decisions, keeping every story a person edited; `e` edits
//! the selected story as Markdown (Esc saves it); `x` drops a proposal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::{Action, Context};
use super::app::App;
use super::editor::SectionEditor;
use crate::analysis::stories::{epics, story_markdown};
use crate::model::now;
use crate::text::sanitize_line;
use crate::workflow::edit::stories;

#[derive(Default)]
pub struct StoriesState {
    /// Index into drafted stories, then refinements.
    pub selected: usize,
    /// The selected proposal rendered: for (selection, structure count, width).
    pub detail: Option<((usize, u64, u16), Vec<Line<'static>>)>,
    /// The epics of the inputs, parsed when the session's structure changed (structure count).
    pub epics: Option<(u64, Vec<crate::analysis::stories::Epic>)>,
    /// The story being edited, while its editor is open.
    pub editing: Option<StoryEdit>,
}

impl std::fmt::Debug for StoriesState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoriesState")
            .field("selected", &self.selected)
            .field("editing", &self.editing.as_ref().map(|e| &e.id))
            .finish_non_exhaustive()
    }
}

/// A story open in the editor, as Markdown.
pub struct StoryEdit {
    /// The id of the story edited.
    pub id: String,
    pub editor: SectionEditor,
    /// Why the text could not be saved, after an Esc; a second Esc then leaves without saving.
    pub error: Option<String>,
}

/// The list and the detail of the selected proposal inside the stage's block.
fn split(inner: Rect) -> (Rect, Rect) {
    let [list, detail] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(3)]).areas(inner);
    (list, detail)
}

impl App {
    fn proposals(&self) -> usize {
        self.doc.session.stories.len() + self.doc.session.refinements.len()
    }

    /// Drafts stories and refinements from the decisions, replacing the earlier proposals.
    pub fn draft_stories(&mut self) {
        if let Some(stories::Drafted {
            stories: n,
            refinements: m,
        }) = self.edit(|s| stories::draft(s, now()))
        {
            self.ui.stages.stories.selected = 0;
            self.info(format!(
                "drafted {n} infrastructure stories and {m} refinements to existing stories"
            ));
        }
    }

    /// Renders the selected proposal when the selection, the session or the width changed.
    pub fn prepare_stories(&mut self, workspace: Rect) {
        if self
            .ui
            .stages
            .stories
            .epics
            .as_ref()
            .is_none_or(|(at, _)| *at != self.doc.structure)
        {
            self.ui.stages.stories.epics =
                Some((self.doc.structure, epics(&self.doc.session.inputs)));
        }
        let inner = Block::default().borders(Borders::ALL).inner(workspace);
        let width = split(inner).1.width.saturating_sub(2).max(1);
        let s = &self.doc.session;
        let selected = self.ui.stages.stories.selected;
        let key = (selected, self.doc.structure, width);
        if self
            .ui
            .stages
            .stories
            .detail
            .as_ref()
            .is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        let text = if selected < s.stories.len() {
            story_markdown(&s.stories[selected])
        } else if let Some(r) = s.refinements.get(selected - s.stories.len().min(selected)) {
            format!("**{}**: {}\n\nWhy: {}", r.story, r.change, r.why)
        } else {
            String::new()
        };
        let lines = crate::preview::render_markdown(
            &text,
            width,
            &self.settings.theme.preview_styles(),
            &self.settings.highlighter,
        );
        self.ui.stages.stories.detail = Some((key, lines));
    }

    pub fn editing_story(&self) -> bool {
        self.ui.stages.stories.editing.is_some()
    }

    fn start_story_edit(&mut self) {
        let i = self.ui.stages.stories.selected;
        if i >= self.doc.session.stories.len() {
            self.warn("only a new infrastructure story can be edited here");
            return;
        }
        if self.refuse_if_read_only() {
            return;
        }
        let story = &self.doc.session.stories[i];
        let text = story_markdown(story);
        let editor = SectionEditor::new(text.trim_end(), &self.settings.theme, true);
        self.ui.stages.stories.editing = Some(StoryEdit {
            id: story.id.clone(),
            editor,
            error: None,
        });
    }

    /// A key while the story editor is open: Esc saves the story and leaves (or, after a failed
    /// save, leaves without saving); save (`^S`) saves the story and the session and stays; the
    /// editor's commands of the keymap (undo, redo, the clipboard) act as in a section's text;
    /// everything else edits.
    pub fn story_key(&mut self, event: KeyEvent) {
        if event.code == KeyCode::Esc {
            self.leave_story_edit();
            return;
        }
        let action = self
            .settings
            .keymap
            .action(Context::Editor, super::keymap::Key::from_event(&event));
        if action == Some(Action::Save) {
            self.save_story_edit();
            return;
        }
        let Some(edit) = self.ui.stages.stories.editing.as_mut() else {
            return;
        };
        if super::editor::edit_key(&mut edit.editor.textarea, action, event) {
            edit.error = None;
        }
    }

    /// Text pasted from the terminal while the story editor is open: it goes in at the cursor, as
    /// one undo step.
    pub fn story_paste(&mut self, text: &str) {
        let Some(edit) = self.ui.stages.stories.editing.as_mut() else {
            return;
        };
        if super::editor::paste(&mut edit.editor.textarea, text) {
            edit.error = None;
        }
    }

    /// The keys of the story editor, for the key bar: (key, what it does).
    pub fn story_editor_keys(&self) -> Vec<(String, &'static str)> {
        super::editor::editor_keys(&self.settings.keymap, "saves")
    }

    /// Esc in the story editor: the story is saved and the editor closes; a text that is not one
    /// story stays open saying why, and a second Esc leaves without saving.
    fn leave_story_edit(&mut self) {
        if self
            .ui
            .stages
            .stories
            .editing
            .as_ref()
            .is_some_and(|e| e.error.is_some())
        {
            self.ui.stages.stories.editing = None;
            self.info("left the story without saving the edit");
            return;
        }
        match self.apply_story_edit() {
            Ok(what) => {
                self.ui.stages.stories.editing = None;
                if let Some(what) = what {
                    self.info(what);
                }
            }
            Err(e) => self.story_not_saved(e),
        }
    }

    /// `^S` in the story editor: the story as it stands goes into the session, which is saved;
    /// the editor stays open. A text that is not one story is not saved (the rest of the session
    /// is), and the editor says why.
    fn save_story_edit(&mut self) {
        let applied = self.apply_story_edit();
        self.save(false);
        if let Err(e) = applied {
            self.story_not_saved(e);
        }
    }

    fn story_not_saved(&mut self, why: String) {
        self.warn(format!("story not saved: {why}"));
        if let Some(edit) = self.ui.stages.stories.editing.as_mut() {
            edit.error = Some(why);
        }
    }

    /// Reads the story editor's text back into the session: `Ok(Some(what))` when the story
    /// changed (recorded in the history), `Ok(None)` when it reads back as it is (or is gone),
    /// `Err` with why the text is not one story.
    fn apply_story_edit(&mut self) -> Result<Option<String>, String> {
        let Some(edit) = self.ui.stages.stories.editing.as_ref() else {
            return Ok(None);
        };
        let (id, text) = (edit.id.clone(), edit.editor.textarea.lines().join("\n"));
        match self.change(|s| stories::edit(s, &id, &text, now())) {
            Some(applied) => applied.map_err(|e| e.to_string()),
            None => Ok(None),
        }
    }

    pub fn stories_action(&mut self, action: Action) -> bool {
        if let Action::EditItem | Action::Open = action {
            self.start_story_edit();
            return true;
        }
        let n = self.proposals();
        let st = &mut self.ui.stages.stories;
        match action {
            Action::Down => st.selected = (st.selected + 1).min(n.saturating_sub(1)),
            Action::Up => st.selected = st.selected.saturating_sub(1),
            Action::Top => st.selected = 0,
            Action::Bottom => st.selected = n.saturating_sub(1),
            Action::Generate => self.draft_stories(),
            Action::Remove => {
                if n == 0 {
                    return true;
                }
                let i = self.ui.stages.stories.selected.min(n - 1);
                if self.edit(|s| stories::drop(s, i, now())).is_some() {
                    self.ui.stages.stories.selected = i.min(self.proposals().saturating_sub(1));
                }
            }
            _ => return false,
        }
        true
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let b = super::stages::block(app, "Technical stories & epic impacts".into());
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let (list, detail) = split(inner);
    let s = &app.doc.session;
    let found: &[crate::analysis::stories::Epic] = app
        .ui
        .stages
        .stories
        .epics
        .as_ref()
        .map_or(&[], |(_, e)| e.as_slice());
    let selected = app.ui.stages.stories.selected;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "Existing in the inputs: {} epics, {} stories",
            found.len(),
            found.iter().map(|e| e.stories.len()).sum::<usize>()
        ),
        t.heading3,
    ))];
    let width = list.width as usize;
    let cut = super::navigator::truncate;
    for e in found {
        let count = format!(" ({} stories)", e.stories.len());
        let head = format!("  Epic {}: ", e.number);
        // The title gives way, with an ellipsis, so that the count stays in view.
        let room = width.saturating_sub(head.chars().count() + count.chars().count());
        lines.push(Line::from(Span::styled(
            format!("{head}{}{count}", cut(&sanitize_line(&e.title), room)),
            t.dim,
        )));
    }
    lines.push(Line::default());
    let mut selected_line = 0;
    lines.push(Line::from(Span::styled(
        format!("New infrastructure stories: {}", s.stories.len()),
        t.heading3,
    )));
    if s.stories.is_empty() && s.refinements.is_empty() {
        lines.push(Line::from(Span::styled(
            "None drafted yet: d drafts them from the decided components.",
            t.dim,
        )));
    }
    for (i, story) in s.stories.iter().enumerate() {
        if i == selected {
            selected_line = lines.len();
        }
        let style = if i == selected { t.selected } else { t.text };
        let id = format!("  {:<9} ", story.id);
        let size = format!("  {:?}", story.size);
        let room = width.saturating_sub(id.chars().count() + size.chars().count());
        lines.push(Line::from(vec![
            Span::styled(id, t.dim),
            Span::styled(cut(&sanitize_line(&story.title), room), style),
            Span::styled(size, t.dim),
        ]));
    }
    lines.push(Line::from(Span::styled(
        format!("Changes to existing stories: {}", s.refinements.len()),
        t.heading3,
    )));
    for (j, r) in s.refinements.iter().enumerate() {
        let i = s.stories.len() + j;
        if i == selected {
            selected_line = lines.len();
        }
        let style = if i == selected { t.selected } else { t.text };
        let id = format!("  {:<9} ", r.story);
        let room = width.saturating_sub(id.chars().count());
        lines.push(Line::from(vec![
            Span::styled(id, t.dim),
            Span::styled(cut(&sanitize_line(&r.change), room), style),
        ]));
    }
    let scroll = selected_line.saturating_sub(list.height.saturating_sub(2) as usize);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        list,
    );
    if let Some(edit) = &app.ui.stages.stories.editing {
        let title = match &edit.error {
            Some(e) => format!(
                " {} · not saved: {e} · Esc again leaves without saving ",
                edit.id
            ),
            None => format!(" {} · editing (Esc saves) ", edit.id),
        };
        let block = Block::default()
            .borders(Borders::TOP)
            .title(Span::styled(
                sanitize_line(&title).into_owned(),
                if edit.error.is_some() { t.error } else { t.key },
            ))
            .border_style(t.border);
        let inner = block.inner(detail);
        frame.render_widget(block, detail);
        frame.render_widget(&edit.editor.textarea, inner);
        return;
    }
    let rendered: Vec<Line> = app
        .ui
        .stages
        .stories
        .detail
        .as_ref()
        .map(|(_, l)| l.clone())
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(rendered).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.border),
        ),
        detail,
    );
}
