//! The workbench's state and how events change it (`update`). Drawing lives in `view`; terminal
//! I/O lives in `terminal`. Nothing here touches the terminal, so key sequences can be tested
//! directly.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use tui_textarea::CursorMove;

use super::action::{Action, Context};
use super::editor::SectionEditor;
use super::keymap::{Key, Keymap};
use super::layout::{Areas, areas};
use super::navigator::{self, Row};
use super::open_document::OpenNext;
use super::popup::{CommentKey, Confirm, Palette, PaletteEntry, Popup, Prompt, PromptPurpose};
use super::preview_pane::PreviewCache;
use super::text_field::{FieldKey, FieldKind, TextField};
use crate::knowledge::Template;
use crate::model::{FocusPane, Session};
use crate::preview::Highlighter;
use crate::settings::config::Config;
use crate::settings::theme::{Theme, load_theme, theme_names};
use crate::store::{self, LockGuard};
use crate::workflow::edit::Changed;

/// Who takes a key (see [`App::pane_route`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The top popup takes every key.
    Popup,
    /// The search field of the section being edited.
    Search(usize),
    /// The Mermaid editor of the diagrams stage.
    DiagramEditor,
    /// The story editor of the stories stage.
    StoryEditor,
    /// The input viewer's search field.
    ViewerQuery,
    /// A stage's workspace.
    Stage(navigator::Stage),
    /// The open worksheet.
    Worksheet,
    /// A decision's design panes.
    Design,
    /// The focused pane's own keys (the section editor types what no key names).
    Pane,
}

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Navigator,
    Editor,
    Preview,
}

impl Pane {
    pub fn context(self) -> Context {
        match self {
            Pane::Navigator => Context::Navigator,
            Pane::Editor => Context::Editor,
            Pane::Preview => Context::Preview,
        }
    }
}

/// How the last save went, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since the file was opened.
    Clean,
    Unsaved,
    Saved {
        at: Timestamp,
        auto: bool,
    },
}

/// A message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// How long an information stays in the status bar (a warning or an error stays until the next
/// key).
pub const MESSAGE_TTL: std::time::Duration = std::time::Duration::from_secs(5);

/// Where the person is, as [`App::place_key`] sees it.
type PlaceKey = (usize, Pane, bool, bool, usize, usize, usize, usize);

/// Work the terminal layer must do for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Suspend the screen and edit this text in `$VISUAL` / `$EDITOR`.
    ExternalEditor { target: EditTarget, text: String },
}

/// What an external edit changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    Section(usize),
    Card {
        component: String,
        option: String,
    },
    /// The text of the prompt on top of the popups.
    Prompt,
}

/// Everything the app starts from.
pub struct AppInit {
    pub session: Session,
    pub path: PathBuf,
    /// Held while this process may write the session; `None` opens it read-only.
    pub lock: Option<LockGuard>,
    /// Why the session is read-only, when it is.
    pub read_only: Option<String>,
    pub config: Config,
    pub config_dir: PathBuf,
    pub keymap: Keymap,
    /// Whether colour is on (off with `NO_COLOR`).
    pub color: bool,
    /// A theme named on the command line, over the one in the config.
    pub theme: Option<String>,
    /// Warnings from loading settings, shown once at start.
    pub warnings: Vec<String>,
    /// A recovered session found beside the file, offered for restoring.
    pub recovery: Option<(Session, Timestamp)>,
    /// Review mode: comments go to this side file.
    pub review: Option<super::comments::ReviewState>,
    /// The session's entry in the project file around it, when it is a project's document:
    /// its decision numbers stay in the document's range.
    pub project: Option<(crate::project::Document, PathBuf)>,
    /// The index of recent sessions (listed by the open dialog), when there is one.
    pub recent_index: Option<PathBuf>,
}

/// The workbench: the document it edits, the person's settings, the state of the screen, and
/// what is worked out from the document once per change. `draw` reads it; only `update`
/// (events, actions, the gate `App::edit`) and `prepare` change it.
pub struct App {
    /// The session and everything about the file it lives in.
    pub doc: Document,
    /// Config, keys, theme and highlighting.
    pub settings: Settings,
    /// What the screen shows and where the person is.
    pub ui: UiState,
    /// What panes show that is worked out from the session, once per change (never in `draw`).
    pub derived: super::derived::Derived,
}

/// The session, the knowledge it is drafted against, and the state of its file.
pub struct Document {
    pub session: Session,
    pub path: PathBuf,
    /// Held while this process may write the session.
    pub(crate) lock: Option<LockGuard>,
    pub read_only: Option<String>,
    pub template: Template,
    /// The review checklist (built in, plus the team's files).
    pub checklist: crate::knowledge::checklist::Checklist,
    /// The option catalog, loaded on the knowledge thread while the first frames are drawn
    /// (see [`App::catalog`]).
    pub shared_catalog: Arc<crate::knowledge::SharedCatalog>,
    /// Review mode: the reviewer's side file; the session itself is never written.
    pub review: Option<super::comments::ReviewState>,
    /// The session file as it was when loaded or last saved (size, modification time), to notice
    /// another program changing it.
    pub(crate) disk: Option<(u64, std::time::SystemTime)>,
    pub save_state: SaveState,
    pub dirty: bool,
    /// When the first unsaved change was made (for autosave).
    pub dirty_since: Option<std::time::Instant>,
    /// Bumped on every change to the session, so caches know when to refresh.
    pub changes: u64,
    /// How many of `changes` were typing in a section's text, which the analyses do not read:
    /// they are worked out again only when `changes - text_edits` moved, never per keystroke.
    pub text_edits: u64,
    /// Bumped on every change that is not a section's text, so the preview's other parts refresh.
    pub structure: u64,
    /// Per-section edit counters, the preview cache's keys.
    pub revisions: Vec<u64>,
    /// Generated changes to section text, for `^Z` / `^Y`.
    pub generated_history: super::generated::GeneratedHistory,
    /// Changes not yet in the crash journal: when the first and the last of them were made.
    pub(crate) journal_pending: Option<(std::time::Instant, std::time::Instant)>,
    /// Whether the crash journal holds this run's changes (so that a save removes it).
    pub(crate) journal_written: bool,
    /// A recovered session found beside the file, until the person answers.
    pub(crate) pending_recovery: Option<(Session, Timestamp)>,
    /// The session's entry in its project file and that file, when it is a project's document.
    pub project: Option<(crate::project::Document, PathBuf)>,
    /// Keeps the decision numbers this session gives inside its project range.
    pub numbers: Option<crate::project::NumberGuard>,
}

/// The person's settings as the workbench uses them.
pub struct Settings {
    pub config: Config,
    pub(crate) config_dir: PathBuf,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Bumped when the theme changes, so styled caches refresh.
    pub theme_generation: u64,
    /// Whether colour is on (off with `NO_COLOR`).
    pub(crate) color: bool,
    pub soft_wrap: bool,
    pub highlighter: Arc<Highlighter>,
    /// Whether the syntaxes have arrived (the highlighter is the full one).
    pub highlighted: bool,
    /// The index of recent sessions the open dialog lists.
    pub(crate) recent_index: Option<PathBuf>,
}

/// The state of the screen: focus, selection, scroll positions, editors, popups, messages.
pub struct UiState {
    pub focus: Pane,
    pub zoom: bool,
    /// Whether the preview column is shown on wide screens.
    pub show_preview: bool,
    /// Whether the preview overlay is open on narrow screens.
    pub preview_overlay: bool,
    pub rows: Vec<Row>,
    /// Index into `rows` of the selected row (always a section row).
    pub selected: usize,
    pub nav_offset: usize,
    pub preview_scroll: usize,
    /// The preview follows the selected section until the person scrolls it.
    pub preview_follows: bool,
    pub(crate) editors: Vec<Option<SectionEditor>>,
    /// Where the cursor was in sections whose idle editor was dropped.
    pub(crate) editor_cursors: std::collections::HashMap<usize, (u32, u32)>,
    /// The open popups, bottom to top: every one is drawn, the top one takes the keys.
    pub popups: Vec<Popup>,
    pub message: Option<Message>,
    /// When the status message was set: an information expires [`MESSAGE_TTL`] later (see
    /// [`App::expire_message`]). `None` for a message set without a stamp until the next tick.
    pub message_shown_at: Option<std::time::Instant>,
    /// How many messages were set (to tell whether a key set a new one).
    pub(crate) message_count: u64,
    pub quit: bool,
    /// The document to open in this window once this one has ended (set with `quit`).
    pub open_next: Option<OpenNext>,
    pub effects: Vec<Effect>,
    /// The size of the screen at the last draw (for layout-dependent keys and mouse clicks).
    pub screen: Rect,
    /// State of the stage workspaces (inputs, viewer, requirements).
    pub stages: super::stages::StageState,
    /// State of the design panes.
    pub design: super::design_actions::DesignState,
    /// For a component: the workspace shows the section text editor instead of the design panes.
    pub text_mode: bool,
    /// The places behind and ahead of the person's jumps (`^O`, `M-i`).
    pub jumps: super::jumps::JumpList,
    /// The elicitation worksheet open in the workspace, if any.
    pub worksheet: Option<super::worksheet::WorksheetState>,
}

impl App {
    pub fn new(init: AppInit) -> App {
        let (template, template_warning) =
            Template::for_session(&init.config_dir, &init.session.meta.template);
        let theme_name = init
            .theme
            .clone()
            .unwrap_or_else(|| init.config.theme.clone());
        let loaded = load_theme(&theme_name, &init.config_dir, init.color);
        let mut warnings = init.warnings;
        warnings.extend(template_warning);
        warnings.extend(loaded.warning);
        let rows = navigator::rows(&init.session, &template);
        let config_dir = init.config_dir;
        let sections = init.session.sections.len();
        let mut app = App {
            doc: Document {
                path: init.path,
                lock: init.lock,
                read_only: init.read_only,
                template,
                checklist: Default::default(),
                shared_catalog: Arc::new(crate::knowledge::SharedCatalog::new(&config_dir)),
                review: init.review,
                disk: None,
                save_state: SaveState::Clean,
                dirty: false,
                dirty_since: None,
                changes: 1,
                text_edits: 0,
                structure: 0,
                revisions: vec![0; sections],
                generated_history: Default::default(),
                journal_pending: None,
                journal_written: false,
                pending_recovery: None,
                numbers: None,
                project: init.project,
                session: init.session,
            },
            settings: Settings {
                soft_wrap: init.config.soft_wrap,
                config: init.config,
                config_dir: config_dir.clone(),
                keymap: init.keymap,
                theme: loaded.theme,
                theme_generation: 0,
                color: init.color,
                highlighter: Arc::new(Highlighter::plain()),
                highlighted: false,
                recent_index: init.recent_index,
            },
            ui: UiState {
                focus: Pane::Navigator,
                zoom: false,
                show_preview: true,
                preview_overlay: false,
                selected: rows
                    .iter()
                    .position(|r| matches!(r, Row::Section { .. }))
                    .unwrap_or(0),
                rows,
                nav_offset: 0,
                preview_scroll: 0,
                preview_follows: true,
                editors: (0..sections).map(|_| None).collect(),
                editor_cursors: std::collections::HashMap::new(),
                popups: Vec::new(),
                message: None,
                message_shown_at: None,
                message_count: 0,
                quit: false,
                open_next: None,
                effects: Vec::new(),
                screen: Rect::new(0, 0, 120, 40),
                stages: Default::default(),
                design: Default::default(),
                text_mode: false,
                jumps: Default::default(),
                worksheet: None,
            },
            derived: Default::default(),
        };
        app.enter_project_numbers();
        let (checklist, checklist_warnings) = crate::knowledge::checklist::Checklist::load_for(
            &app.settings.config_dir,
            &app.doc.template,
        );
        app.doc.checklist = checklist;
        warnings.extend(checklist_warnings);
        if let Some(reason) = &app.doc.read_only
            && app.doc.review.is_none()
        {
            warnings.insert(0, format!("read-only: {reason}"));
        }
        if let Some(w) = warnings.into_iter().next() {
            app.warn(w);
        }
        app.doc.disk = disk_stamp(&app.doc.path);
        app.restore_place();
        if app.doc.session.mode.is_none() && app.doc.read_only.is_none() {
            app.ui
                .popups
                .push(Popup::ModeChoice(super::popup::ModeChoice { selected: 0 }));
        }
        if let Some((recovered, at)) = init.recovery {
            // What the recovery file holds that the session does not, as `infradraft diff`
            // says it.
            let changes = crate::diff::diff(&app.doc.session, &recovered);
            let differences = crate::diff::lines::summary(&changes)
                .into_iter()
                .map(|(_, line)| line)
                .collect();
            app.doc.pending_recovery = Some((recovered, at));
            app.ui
                .popups
                .push(Popup::Confirm(Confirm::Recovery { at, differences }));
        }
        app
    }

    /// Uses a fully loaded highlighter from now on (it is built in the background at start).
    /// The knowledge (extraction, ranking rules, runbooks, story terms) has loaded, on the
    /// thread that loads it while the first frames are drawn: says why a team file was left out,
    /// if one was.
    pub fn knowledge_loaded(&mut self, warnings: Vec<String>) {
        if let Some(w) = warnings.into_iter().next() {
            self.warn(w);
        }
    }

    /// The option catalog (the built-in one with the team's files).
    pub fn catalog(&self) -> &crate::knowledge::Catalog {
        self.doc.shared_catalog.get()
    }

    pub fn set_highlighter(&mut self, hl: Arc<Highlighter>) {
        self.settings.highlighter = hl;
        self.settings.highlighted = true;
    }

    // ----- reading state -----

    /// The selected stage, when a stage row is selected.
    pub fn selected_stage(&self) -> Option<navigator::Stage> {
        match self.ui.rows.get(self.ui.selected) {
            Some(Row::Stage(stage)) => Some(*stage),
            _ => None,
        }
    }

    /// Index into `session.sections` of the selected section.
    pub fn selected_section(&self) -> Option<usize> {
        match self.ui.rows.get(self.ui.selected) {
            Some(Row::Section { index, .. }) => Some(*index),
            _ => None,
        }
    }

    pub fn editor(&self, section: usize) -> Option<&SectionEditor> {
        self.ui.editors.get(section).and_then(|e| e.as_ref())
    }

    pub fn areas(&self) -> Areas {
        areas(self.ui.screen, self)
    }

    /// Who takes a key now: the top popup, else what the panes route it to
    /// ([`App::pane_route`]).
    pub fn route(&self) -> Route {
        if self.ui.popups.is_empty() {
            self.pane_route()
        } else {
            Route::Popup
        }
    }

    /// Who takes a key beneath any popup, in order of precedence. The one place that decides it:
    /// `handle_key` sends keys there, and [`App::context`] (the key bar, help) reads its keys from
    /// the same answer.
    pub fn pane_route(&self) -> Route {
        if self.ui.focus != Pane::Editor {
            return Route::Pane;
        }
        if let Some(section) = self.selected_section()
            && self.ui.editors[section]
                .as_ref()
                .is_some_and(|e| e.search.is_some())
        {
            return Route::Search(section);
        }
        if let Some(stage) = self.selected_stage() {
            return if stage == navigator::Stage::Diagrams && self.editing_diagram() {
                Route::DiagramEditor
            } else if stage == navigator::Stage::Stories && self.editing_story() {
                Route::StoryEditor
            } else if self
                .ui
                .stages
                .viewer
                .as_ref()
                .is_some_and(|v| v.query.is_some())
            {
                Route::ViewerQuery
            } else {
                Route::Stage(stage)
            };
        }
        if self.ui.worksheet.is_some() {
            return Route::Worksheet;
        }
        if !self.ui.text_mode && self.selected_component().is_some() {
            return Route::Design;
        }
        Route::Pane
    }

    /// The context whose keys apply beneath any popup (the top popup takes them all).
    pub fn context(&self) -> Context {
        match self.pane_route() {
            Route::Stage(_) | Route::DiagramEditor | Route::StoryEditor | Route::ViewerQuery => {
                Context::Workspace
            }
            Route::Worksheet => Context::Worksheet,
            Route::Design => Context::Design,
            Route::Popup | Route::Search(_) | Route::Pane => self.ui.focus.context(),
        }
    }

    /// The panes that can take focus in the current layout, in Tab order.
    pub fn focusable(&self) -> Vec<Pane> {
        let a = self.areas();
        let mut panes = Vec::new();
        if a.navigator.is_some() {
            panes.push(Pane::Navigator);
        }
        if a.editor.is_some() {
            panes.push(Pane::Editor);
        }
        if a.preview.is_some() {
            panes.push(Pane::Preview);
        }
        panes
    }

    // ----- preparing a frame -----

    /// Brings caches up to date for a frame of `screen` size. Call before drawing.
    pub fn prepare(&mut self, screen: Rect) {
        self.ui.screen = screen;
        self.refresh_guide();
        self.refresh_derived();
        for popup in &mut self.ui.popups {
            if let Some(field) = popup.field_mut() {
                field.style(&self.settings.theme, self.settings.theme_generation);
            }
            popup.prepare(screen, &self.settings.keymap, &self.settings.theme);
        }
        if self.selected_stage() == Some(navigator::Stage::Inputs)
            && self.ui.stages.freshness.is_none()
        {
            self.refresh_freshness();
        }
        let areas = self.areas();
        let selected = self.selected_section();
        // A component shows its design panes, not its text, until `w`: its editor (a copy of
        // the text, measured line by line) is made when it is shown or typed in.
        let text_shown = self.selected_component().is_none() || self.ui.text_mode;
        if let Some(section) = selected.filter(|_| text_shown) {
            self.ensure_editor(section);
        }
        self.drop_idle_editors(selected);
        if let Some(editor) = areas.editor {
            match self.selected_stage() {
                Some(navigator::Stage::Diagrams) => self.prepare_diagram(editor),
                Some(navigator::Stage::Stories) => self.prepare_stories(editor),
                _ => {}
            }
        }
        if let (Some(editor), Some(w)) = (areas.editor, self.ui.worksheet.as_ref()) {
            let width = super::worksheet_view::results_width(editor);
            let fresh = w
                .results
                .as_ref()
                .is_some_and(|(changes, wd, _)| *changes == self.doc.changes && *wd == width);
            if !fresh {
                let text = self
                    .worksheet_record()
                    .map(|r| r.results.clone())
                    .unwrap_or_default();
                let styles = self.settings.theme.preview_styles();
                let lines = crate::preview::render_markdown(
                    &text,
                    width,
                    &styles,
                    &self.settings.highlighter,
                );
                if let Some(w) = self.ui.worksheet.as_mut() {
                    w.results = Some((self.doc.changes, width, lines));
                }
            }
        }
        self.derived.analyses.refresh(
            &self.doc.session,
            &self.doc.checklist,
            self.analysed(),
            requirements_hash(&self.doc.session.requirements),
        );
        if let Some(nav) = areas.navigator {
            let height = nav.height.saturating_sub(2 + 2) as usize;
            self.ui.nav_offset =
                navigator::scroll_for(self.ui.selected, self.ui.nav_offset, height);
        }
        if let Some(preview) = areas.preview {
            let view = (self.ui.selected, preview.width, self.ui.preview_scroll);
            if self.derived.preview_pace.defers(
                self.doc.text_edits,
                self.doc.changes - self.doc.text_edits,
                view,
            ) {
                return;
            }
            self.refresh_preview_timed(preview);
        }
    }

    /// [`App::refresh_preview`], telling [`PreviewPace`] how long it took and what it shows.
    fn refresh_preview_timed(&mut self, preview: Rect) {
        let started = std::time::Instant::now();
        self.refresh_preview(preview);
        let view = (self.ui.selected, preview.width, self.ui.preview_scroll);
        self.derived.preview_pace.refreshed(
            started.elapsed(),
            self.doc.text_edits,
            self.doc.changes - self.doc.text_edits,
            view,
        );
    }

    /// Brings the preview up to date with the session and places its viewport.
    fn refresh_preview(&mut self, preview: Rect) {
        let width = preview.width.saturating_sub(2).max(1);
        let styles = self.settings.theme.preview_styles();
        self.derived.preview.ensure(
            &super::preview_pane::PreviewInputs {
                session: &self.doc.session,
                revisions: &self.doc.revisions,
                structure: self.doc.structure,
                checklist: &self.doc.checklist,
                template: &self.doc.template,
                analysed: self.derived.analyses.for_document(),
            },
            width,
            self.settings.theme_generation,
            self.settings.highlighted,
        );
        if self.ui.preview_follows
            && let Some(section) = self.selected_section()
        {
            self.ui.preview_scroll = self.derived.preview.section_offset(section);
        }
        let height = preview.height.saturating_sub(2) as usize;
        // Blocks are rendered when they come into view, and their lines kept for a few
        // screens around it only. Rendering a block replaces its estimated line count by the
        // exact one, which can move the section followed: place the viewport again until it
        // stays.
        // Each pass renders more of what is in view, so this ends; the bound is a guard.
        let ctx = super::preview_pane::section_context(
            &self.doc.template,
            self.derived.analyses.for_document().1,
        );
        for _ in 0..64 {
            let max = self
                .derived
                .preview
                .total_lines()
                .saturating_sub(height.max(1));
            self.ui.preview_scroll = self.ui.preview_scroll.min(max);
            let moved = self.derived.preview.keep_near(
                &self.doc.session,
                &ctx,
                self.ui.preview_scroll,
                height,
                2 * height.max(10),
                0,
                width,
                &styles,
                &self.settings.highlighter,
            );
            if !moved {
                break;
            }
            if self.ui.preview_follows
                && let Some(section) = self.selected_section()
            {
                self.ui.preview_scroll = self.derived.preview.section_offset(section);
            }
        }
    }

    /// Whether there is work to do when no input is waiting (see [`App::idle_work`]).
    pub fn idle_work_pending(&self) -> bool {
        self.derived.preview_pace.behind
            || (self.derived.preview.estimated() && self.derived.preview.width().is_some())
    }

    /// Whether the last idle work changed what is on screen (a preview that had fallen behind
    /// the typing caught up), so a frame is due even though more idle work may remain.
    pub fn take_idle_redraw(&mut self) -> bool {
        std::mem::take(&mut self.derived.preview_pace.caught_up)
    }

    /// Work done between keystrokes, for at most about `budget`: the preview's line counts that
    /// are still estimates made exact (a viewport the person scrolled stays on the same text).
    /// Returns whether more remains.
    pub fn idle_work(&mut self, budget: std::time::Duration) -> bool {
        if self.derived.preview_pace.behind {
            if let Some(preview) = self.areas().preview {
                self.refresh_preview_timed(preview);
            }
            self.derived.preview_pace.behind = false;
            self.derived.preview_pace.caught_up = true;
            return self.idle_work_pending();
        }
        let Some(width) = self.derived.preview.width() else {
            return false;
        };
        if !self.derived.preview.estimated() {
            return false;
        }
        // Only line counts are wanted, and colours never change them: no syntax highlighting,
        // which would be most of the cost (a block's count is the same either way).
        static PLAIN: std::sync::LazyLock<Highlighter> =
            std::sync::LazyLock::new(Highlighter::plain);
        let styles = self.settings.theme.preview_styles();
        let ctx = super::preview_pane::section_context(
            &self.doc.template,
            self.derived.analyses.for_document().1,
        );
        let shift = self.derived.preview.refine(
            &self.doc.session,
            &ctx,
            budget,
            self.ui.preview_scroll,
            width,
            &styles,
            &PLAIN,
        );
        if !self.ui.preview_follows {
            self.ui.preview_scroll = self.ui.preview_scroll.saturating_add_signed(shift);
        }
        self.derived.preview.estimated()
    }

    /// Does all idle work now and waits for the analyses on their way (for tests and
    /// benchmarks, which need exact line counts and fresh findings).
    pub fn settle(&mut self) {
        while self.idle_work(std::time::Duration::from_secs(60)) {}
        self.derived.analyses.wait();
    }

    fn ensure_editor(&mut self, section: usize) {
        if self.ui.editors[section].is_none() {
            let body = &self.doc.session.sections[section].body;
            let made_before = self.ui.editor_cursors.contains_key(&section);
            if self.settings.soft_wrap && body.len() > super::editor::WRAP_LIMIT && !made_before {
                self.info(
                    "a long section: soft wrap is off here so that typing stays fast (M-w turns it on)",
                );
            }
            let body = &self.doc.session.sections[section].body;
            let mut editor =
                SectionEditor::new(body, &self.settings.theme, self.settings.soft_wrap);
            editor.revision = self.doc.revisions[section];
            let cursor = match self.ui.editor_cursors.get(&section) {
                Some(&at) => Some(at),
                None if self.doc.session.place.item == self.doc.session.sections[section].id => {
                    Some(self.doc.session.place.cursor)
                }
                None => None,
            };
            if let Some((row, col)) = cursor {
                editor.textarea.move_cursor(CursorMove::Jump(
                    row.min(u16::MAX as u32) as u16,
                    col.min(u16::MAX as u32) as u16,
                ));
            }
            self.ui.editors[section] = Some(editor);
        }
    }

    /// How many section editors are alive (for tests).
    pub fn live_editors(&self) -> usize {
        self.ui.editors.iter().flatten().count()
    }

    /// Drops the editors of sections other than `keep` that hold no edit, remembering their
    /// cursors: an editor holds a copy of its section's text and its layout, which for long
    /// sections is megabytes. Editors with edits stay, for their undo history.
    fn drop_idle_editors(&mut self, keep: Option<usize>) {
        for (i, slot) in self.ui.editors.iter_mut().enumerate() {
            if Some(i) == keep {
                continue;
            }
            if let Some(editor) = slot
                && editor.revision == self.doc.revisions[i]
                && editor.search.is_none()
            {
                let tui_textarea::DataCursor(row, col) = editor.textarea.cursor();
                self.ui.editor_cursors.insert(i, (row as u32, col as u32));
                *slot = None;
            }
        }
    }

    // ----- update -----

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let before = (self.place_key(), self.ui.message_count);
                self.handle_key(key);
                self.message_after_key(before);
            }
            Event::Paste(text) => self.handle_paste(&text),
            Event::Mouse(mouse) if matches!(mouse.kind, MouseEventKind::Down(_)) => {
                let before = (self.place_key(), self.ui.message_count);
                self.handle_mouse(mouse);
                self.message_after_key(before);
            }
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            Event::Resize(w, h) => self.ui.screen = Rect::new(0, 0, w, h),
            _ => {}
        }
    }

    fn handle_key(&mut self, event: KeyEvent) {
        let key = Key::from_event(&event);
        let context = self.context();
        let action = self.settings.keymap.action(context, key);
        match self.route() {
            Route::Popup => {
                if let Some(popup) = self.ui.popups.last_mut() {
                    let outcome = popup.handle_key(event, &self.settings.keymap);
                    self.popup_outcome(outcome);
                }
            }
            Route::Search(section) => self.search_key(section, event),
            Route::DiagramEditor => self.diagram_key(event),
            Route::StoryEditor => self.story_key(event),
            Route::ViewerQuery => self.viewer_query_key(event),
            Route::Stage(stage) => {
                if let Some(action) = action
                    && !self.stage_action(stage, action)
                {
                    self.perform(action);
                }
            }
            Route::Worksheet => {
                if let Some(action) = action
                    && !self.worksheet_action(action)
                {
                    self.perform(action);
                }
            }
            Route::Design => {
                if let Some(action) = action
                    && !self.design_action(action)
                {
                    self.perform(action);
                }
            }
            Route::Pane => match action {
                Some(action) => self.perform(action),
                None if self.ui.focus == Pane::Editor => self.type_key(event),
                None => {}
            },
        }
    }

    fn viewer_query_key(&mut self, event: KeyEvent) {
        let Some(v) = self.ui.stages.viewer.as_mut() else {
            return;
        };
        let Some(q) = v.query.as_mut() else {
            return;
        };
        match q.handle_key(event) {
            FieldKey::Cancel => v.query = None,
            FieldKey::Submit => {
                v.last_query = q.text();
                v.query = None;
                self.viewer_find(true, true);
            }
            FieldKey::External | FieldKey::Handled => {}
        }
    }

    /// Marks the session changed after a change that is not a section edit.
    pub fn structure_changed(&mut self) {
        self.doc.structure += 1;
        self.mark_dirty();
    }

    fn popup_outcome(&mut self, outcome: super::popup::Outcome) {
        use super::popup::Outcome;
        match outcome {
            Outcome::Stay => {}
            Outcome::Submit(purpose, text) => {
                self.ui.popups.pop();
                // A comment goes to the review file in review mode, an export or a save as writes
                // another file; every other answer changes the author's work.
                let changes = !matches!(
                    purpose,
                    PromptPurpose::Comment(_) | PromptPurpose::ExportPath | PromptPurpose::SaveAs
                );
                if changes && self.refuse_if_read_only() {
                    return;
                }
                if !self.submit_design_prompt(purpose.clone(), text.clone()) {
                    self.submit_prompt(purpose, text);
                }
            }
            Outcome::EditPromptExternally(text) => {
                self.ui.effects.push(Effect::ExternalEditor {
                    target: EditTarget::Prompt,
                    text,
                });
            }
            Outcome::AddCatalogOption { component, option } => {
                self.ui.popups.pop();
                self.add_catalog_option(&component, &option);
            }
            Outcome::SetMode(mode) => {
                self.ui.popups.pop();
                self.choose_mode(mode);
            }
            Outcome::Reload { input, text } => {
                self.ui.popups.pop();
                self.reload_input(input, text);
            }
            Outcome::SetRegimes(chosen) => {
                self.ui.popups.pop();
                self.set_regimes(&chosen);
            }
            Outcome::Close => {
                self.ui.popups.pop();
            }
            Outcome::Run(action) => {
                self.ui.popups.pop();
                // A command chosen by name acts on the open worksheet when it is one of its own,
                // wherever the focus is.
                if !(self.ui.worksheet.is_some() && self.worksheet_action(action)) {
                    self.perform(action);
                }
            }
            Outcome::SetTheme(name) => {
                self.ui.popups.pop();
                self.set_theme(&name);
            }
            Outcome::SaveAndQuit => {
                self.ui.popups.pop();
                if self.save(false) {
                    self.ui.quit = true;
                }
            }
            Outcome::DiscardAndQuit => {
                self.ui.popups.pop();
                self.ui.quit = true;
            }
            Outcome::Restore => {
                self.ui.popups.pop();
                if let Some((recovered, at)) = self.doc.pending_recovery.take() {
                    self.load_recovered(recovered);
                    // The recovered work may have chosen the mode the question below asks for.
                    if self.doc.session.mode.is_some() {
                        self.ui
                            .popups
                            .retain(|p| !matches!(p, Popup::ModeChoice(_)));
                    }
                    self.info(format!(
                        "restored the recovery file from {}; save to keep it",
                        super::status::clock(at)
                    ));
                }
            }
            Outcome::Elicit { component, choice } => {
                self.ui.popups.pop();
                self.elicit(&component, choice);
            }
            Outcome::AddAlternative(option) => {
                self.ui.popups.pop();
                self.add_matrix_alternative(&option);
            }
            Outcome::Conflict(key) => self.conflict_action(key),
            Outcome::Redecide {
                component,
                option,
                how,
            } => {
                self.ui.popups.pop();
                // Superseding gives a number; amending keeps the record's.
                if how == crate::workflow::design::Redecide::Amend
                    || !self.refuse_number_outside_range()
                {
                    self.ask_justification(component, option, Some(how));
                }
            }
            Outcome::Save => {
                self.save(false);
            }
            Outcome::Comment { section, key } => {
                // Adding and resolving are allowed in review mode (they go to the review
                // file); a read-only session (another process) refuses changes.
                let changes = !matches!(key, CommentKey::Up | CommentKey::Down);
                if changes && self.doc.review.is_none() && self.refuse_if_read_only() {
                    return;
                }
                self.comment_action(&section, key);
            }
            Outcome::AcceptSuggestion(text) => {
                self.ui.popups.pop();
                self.accept_suggestion(&text);
            }
            Outcome::ReloadFromDisk => {
                self.ui.popups.pop();
                match store::load(&self.doc.path) {
                    Ok(loaded) => {
                        self.load_recovered(loaded.session);
                        self.doc.dirty = false;
                        self.doc.dirty_since = None;
                        self.doc.save_state = SaveState::Clean;
                        self.doc.disk = disk_stamp(&self.doc.path);
                        self.info("reloaded the session from disk");
                    }
                    Err(e) => self.warn(e.to_string()),
                }
            }
            Outcome::Overwrite => {
                self.ui.popups.pop();
                self.write_session(false);
            }
            Outcome::SettleMerge => {
                if let Some(Popup::Merge(merge)) = self.ui.popups.pop() {
                    self.settle_merge(merge);
                }
            }
            Outcome::SaveAsPrompt => {
                self.ui.popups.pop();
                let mut name = self
                    .doc
                    .path
                    .file_stem()
                    .map(|n| n.to_os_string())
                    .unwrap_or_default();
                name.push("-mine.ron");
                let suggestion = self.doc.path.with_file_name(name);
                self.ui.popups.push(Popup::Prompt(Prompt::new(
                    "Save this session as (then it continues there)",
                    &suggestion.display().to_string(),
                    PromptPurpose::SaveAs,
                )));
            }
            Outcome::GoToStage(stage) => {
                self.ui.popups.pop();
                self.go_to_process_stage(stage);
            }
            Outcome::Finalize(section, reopen) => {
                self.ui.popups.pop();
                self.finalize(&section, reopen);
            }
            Outcome::DiscardRecovery => {
                self.ui.popups.pop();
                self.doc.pending_recovery = None;
                let _ = std::fs::remove_file(store::recovery_path(&self.doc.path));
                self.info("discarded the recovery file");
            }
            Outcome::KeepRecovery => {
                self.ui.popups.pop();
                self.keep_recovery();
            }
            Outcome::OpenDocument(entry) => self.open_document(entry),
            Outcome::SwitchTo(path, save) => {
                self.ui.popups.pop();
                self.switch_to(path, save);
            }
        }
    }

    /// Carries out a named action.
    pub fn perform(&mut self, action: Action) {
        match action {
            Action::Quit => {
                if self.doc.dirty && (self.doc.read_only.is_none() || self.doc.review.is_some()) {
                    self.ui.popups.push(Popup::Confirm(Confirm::Quit));
                } else {
                    self.ui.quit = true;
                }
            }
            Action::Save => {
                self.save(false);
            }
            Action::OpenDocument => self.show_documents(),
            Action::Help => {
                // A newcomer (nothing decided yet) sees the guide to the process first.
                let page = if self.doc.session.components.iter().any(|c| c.is_decided()) {
                    super::popup::HelpPage::Keys
                } else {
                    super::popup::HelpPage::Guide
                };
                self.ui
                    .popups
                    .push(Popup::Help(super::popup::Help::new(page)))
            }
            Action::Palette => {
                let entries = self.palette_entries();
                self.ui.popups.push(Popup::Palette(Palette::new(entries)));
            }
            Action::FocusNext | Action::FocusPrev => {
                let panes = self.focusable();
                if let Some(i) = panes.iter().position(|p| *p == self.ui.focus) {
                    let n = panes.len();
                    let next = if action == Action::FocusNext {
                        (i + 1) % n
                    } else {
                        (i + n - 1) % n
                    };
                    self.ui.focus = panes[next];
                } else if let Some(first) = panes.first() {
                    self.ui.focus = *first;
                }
            }
            Action::Zoom => self.ui.zoom = !self.ui.zoom,
            Action::TogglePreview => {
                if self.ui.screen.width >= super::layout::WIDE {
                    self.ui.show_preview = !self.ui.show_preview;
                    if !self.ui.show_preview && self.ui.focus == Pane::Preview {
                        self.ui.focus = Pane::Navigator;
                    }
                } else {
                    self.ui.preview_overlay = !self.ui.preview_overlay;
                    self.ui.focus = if self.ui.preview_overlay {
                        Pane::Preview
                    } else {
                        Pane::Navigator
                    };
                }
            }
            Action::NextTheme => {
                let names = theme_names(&self.settings.config_dir);
                let i = names
                    .iter()
                    .position(|n| *n == self.settings.theme.name)
                    .map_or(0, |i| i + 1);
                let next = names[i % names.len()].clone();
                self.set_theme(&next);
            }
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown => match self.ui.focus {
                Pane::Navigator => self.move_selection(action),
                Pane::Preview => self.scroll_preview(action),
                Pane::Editor => {}
            },
            Action::Edit => {
                if self.areas().editor.is_some() || self.ui.zoom {
                    self.ui.focus = Pane::Editor;
                    if self.areas().editor.is_none() {
                        self.ui.zoom = false;
                    }
                }
            }
            Action::Leave => {
                if self.ui.focus == Pane::Editor && self.ui.text_mode {
                    self.ui.text_mode = false;
                } else if !self.return_from_jump() {
                    self.ui.focus = Pane::Navigator;
                }
            }
            Action::Progress => self.open_progress(),
            Action::JumpBack => {
                self.jump_back();
            }
            Action::JumpForward => {
                self.jump_forward();
            }
            Action::ChooseMode => {
                self.ui
                    .popups
                    .push(Popup::ModeChoice(super::popup::ModeChoice {
                        selected: usize::from(
                            self.doc.session.mode == Some(crate::model::InteractionMode::Yolo),
                        ),
                    }))
            }
            Action::DraftAll => self.draft_all(),
            Action::PrevStep
            | Action::NextStep
            | Action::PrevDecision
            | Action::NextDecision
            | Action::PrevCard
            | Action::NextCard
            | Action::MoveCardLeft
            | Action::MoveCardRight
            | Action::NewCard
            | Action::Recommend
            | Action::Feedback
            | Action::Decide
            | Action::DeprecateDecision
            | Action::RejectDecision
            | Action::DecisionPeople
            | Action::Elicit
            | Action::ApplyRecord
            | Action::DiscardRecord
            | Action::WriteText => {
                if self.selected_component().is_some() {
                    self.ui.focus = Pane::Editor;
                    self.ui.text_mode = false;
                    self.design_action(action);
                } else {
                    self.warn("select a component section first");
                }
            }
            Action::Finalize => match (self.selected_component(), self.selected_section()) {
                (Some(_), _) => {
                    self.ui.focus = Pane::Editor;
                    self.ui.text_mode = false;
                    self.design_action(action);
                }
                (None, Some(i)) => {
                    let id = self.doc.session.sections[i].id.clone();
                    self.offer_finalize(&id);
                }
                (None, None) => self.warn("select a section to finalize"),
            },
            Action::Comments => self.open_comments(),
            Action::MergeReview => self.merge_review(),
            Action::ReviewMode => self.enter_review_mode(),
            Action::ExportReview => {
                let md = crate::review::summary_markdown(&self.doc.session, &self.comments());
                let path = {
                    let mut name = self
                        .doc
                        .path
                        .file_name()
                        .map(|n| n.to_os_string())
                        .unwrap_or_default();
                    name.push(".review.md");
                    self.doc.path.with_file_name(name)
                };
                match store::write_atomic(&path, md.as_bytes(), store::WriteOptions::DOCUMENT) {
                    Ok(()) => self.info(format!("review summary written to {}", path.display())),
                    Err(e) => self.warn(format!("{}: cannot write: {e}", path.display())),
                }
            }
            // A popup's own actions: the popup on top takes its keys, and the palette does
            // not offer them.
            Action::Choose
            | Action::Close
            | Action::Toggle
            | Action::OtherPage
            | Action::Yes
            | Action::No
            | Action::SaveAndQuit
            | Action::DiscardAndQuit
            | Action::ReloadFromDisk
            | Action::Overwrite
            | Action::SaveAs
            | Action::Restore
            | Action::DiscardRecovery
            | Action::KeepRecovery
            | Action::ModeIncremental
            | Action::ModeYolo
            | Action::GoToFound
            | Action::Resolve
            | Action::Reopen
            | Action::Comment
            | Action::CommentOnOption
            | Action::CommentOnDecision
            | Action::ToggleResolved
            | Action::Severity
            | Action::KeepMine
            | Action::TakeNew
            | Action::KeepBoth
            | Action::KeepMineRest
            | Action::TakeNewRest
            | Action::KeepBothRest
            | Action::Supersede
            | Action::Amend => {}
            Action::Export => {
                let default = self
                    .doc
                    .path
                    .parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join("infrastructure-architecture.md");
                self.ui.popups.push(Popup::Prompt(Prompt::new(
                    "Export the document to (decision records go to adr/ beside it)",
                    &default.display().to_string(),
                    PromptPurpose::ExportPath,
                )));
            }
            Action::MarkPass
            | Action::MarkPartial
            | Action::MarkFail
            | Action::MarkNotApplicable
            | Action::ToggleFilter
            | Action::Generate => match self.selected_stage() {
                Some(stage) => {
                    self.ui.focus = Pane::Editor;
                    if !self.stage_action(stage, action) {
                        self.warn(format!("{} does not apply here", action.name()));
                    }
                }
                None => self.warn(format!(
                    "{} works in the checklist, diagrams and stories stages",
                    action.name()
                )),
            },
            Action::Left
            | Action::Right
            | Action::AddAlternative
            | Action::Conclusions
            | Action::AskAssistant => {
                self.warn("open a worksheet first: E in a component's design panes");
            }
            Action::Undo
            | Action::Redo
            | Action::SelectAll
            | Action::Copy
            | Action::Cut
            | Action::Paste => self.edit_command(action),
            Action::Search => {
                if let Some(section) = self.selected_section() {
                    self.ensure_editor(section);
                    if let Some(e) = self.ui.editors[section].as_mut() {
                        e.search = Some(TextField::new("", FieldKind::Line));
                    }
                }
            }
            Action::SearchNext | Action::SearchPrev => {
                if let Some(e) = self
                    .selected_section()
                    .and_then(|s| self.ui.editors[s].as_mut())
                {
                    let found = if action == Action::SearchNext {
                        e.textarea.search_forward(false)
                    } else {
                        e.textarea.search_back(false)
                    };
                    if !found {
                        self.info("no match");
                    }
                }
            }
            Action::ExternalEditor => {
                if let Some(section) = self.selected_section() {
                    if self.refuse_if_read_only() {
                        return;
                    }
                    self.ui.effects.push(Effect::ExternalEditor {
                        target: EditTarget::Section(section),
                        text: self.doc.session.sections[section].body.clone(),
                    });
                }
            }
            Action::InsertOutline => self.insert_outline(),
            Action::Open
            | Action::Add
            | Action::Remove
            | Action::EditItem
            | Action::ReloadInput
            | Action::CycleCategory
            | Action::Regimes
            | Action::Conflicts
            | Action::SwitchPane => {
                if let Some(stage) = self.selected_stage() {
                    self.ui.focus = Pane::Editor;
                    self.stage_action(stage, action);
                }
            }
            Action::ToggleWrap => {
                self.settings.soft_wrap = !self.settings.soft_wrap;
                for editor in self.ui.editors.iter_mut().flatten() {
                    editor.set_wrap(self.settings.soft_wrap);
                }
                self.info(if self.settings.soft_wrap {
                    "soft wrap on"
                } else {
                    "soft wrap off"
                });
            }
        }
    }

    fn move_selection(&mut self, action: Action) {
        let sections: Vec<usize> = self
            .ui
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.selectable())
            .map(|(i, _)| i)
            .collect();
        let Some(pos) = sections.iter().position(|&i| i == self.ui.selected) else {
            return;
        };
        let page = self
            .areas()
            .navigator
            .map_or(10, |a| a.height.saturating_sub(5).max(1) as usize);
        let last = sections.len().saturating_sub(1);
        let next = match action {
            Action::Up => pos.saturating_sub(1),
            Action::Down => (pos + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => pos.saturating_sub(page),
            Action::PageDown => (pos + page).min(last),
            _ => pos,
        };
        self.select_row(sections[next]);
    }

    pub(crate) fn select_row(&mut self, row: usize) {
        if row != self.ui.selected {
            self.ui.selected = row;
            self.ui.preview_follows = true;
            self.ui.text_mode = false;
            self.ui.design = Default::default();
            self.ui.stages.viewer = None;
        }
    }

    /// Lets go of the session file's write lock (review mode never writes the session).
    pub fn release_lock(&mut self) {
        self.doc.lock = None;
    }

    /// Saves the session under a new name and continues there (its lock taken).
    pub fn save_as(&mut self, path: &str) {
        let path = std::path::PathBuf::from(path.trim());
        if path.as_os_str().is_empty() {
            self.warn("no path given; nothing saved");
            return;
        }
        let lock = match store::lock_for_writing(&path) {
            Ok(store::Access::ReadWrite(guard)) => guard,
            Ok(store::Access::ReadOnly(reason)) => {
                self.warn(format!("{}: {reason}", path.display()));
                return;
            }
            Err(e) => {
                self.warn(e.to_string());
                return;
            }
        };
        let old = std::mem::replace(&mut self.doc.path, path);
        self.doc.lock = Some(lock);
        if self.write_session(false) {
            self.info(format!(
                "saved as {}; this window now works on it",
                self.doc.path.display()
            ));
        } else {
            self.doc.path = old;
        }
    }

    /// Writes the document and its decision records (into `adr/` beside it).
    pub fn export_to(&mut self, path: &str) {
        let path = std::path::PathBuf::from(path.trim());
        if path.as_os_str().is_empty() {
            self.warn("no path given; nothing exported");
            return;
        }
        let doc = crate::export::document(
            &self.doc.session,
            &crate::export::ExportContext {
                checklist: Some(&self.doc.checklist),
                template: Some(&self.doc.template),
                precomputed: Default::default(),
            },
        );
        let adr_dir = path
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .join("adr");
        let result = (|| -> Result<crate::export::AdrDirReport, crate::export::WriteError> {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::export::create_dir(dir)?;
            }
            crate::export::write_document(&path, &doc)?;
            if crate::export::adrs(&self.doc.session).is_empty() {
                return Ok(Default::default());
            }
            crate::export::write_adr_dir(&adr_dir, &self.doc.session)
        })();
        match result {
            Ok(report) => {
                // A reader may export; only the author's session records it.
                if self.doc.read_only.is_none() {
                    let shown = path.display().to_string();
                    self.change(|s| {
                        crate::workflow::edit::record_export(s, &shown, crate::model::now())
                    });
                }
                let n = report.written.len() + report.unchanged.len();
                let mut text = format!(
                    "exported {} and {n} decision record(s) in {} ({} written, {} unchanged)",
                    path.display(),
                    adr_dir.display(),
                    report.written.len(),
                    report.unchanged.len()
                );
                if report.stale.is_empty() {
                    self.info(text);
                } else {
                    // Files an earlier export wrote for records that are gone: never deleted.
                    text.push_str(&format!(
                        " · {} no longer a decision of this session, left in place: {}",
                        report.stale.len(),
                        report.stale.join(", ")
                    ));
                    self.warn(text);
                }
            }
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// Selects a section by id and shows it (from a checklist item, a check finding, …).
    /// Goes to section `id`, or to the section holding decision `id` with that decision selected.
    pub fn go_to_section(&mut self, id: &str) {
        let (section, decision) = match self.doc.session.component(id) {
            Some(c) if self.doc.session.section(id).is_none() => (
                c.section_id().to_string(),
                self.doc
                    .session
                    .decisions_in(c.section_id())
                    .position(|d| d.id == id),
            ),
            _ => (id.to_string(), None),
        };
        let Some(row) = self.ui.rows.iter().position(
            |r| matches!(r, Row::Section { index, .. } if self.doc.session.sections[*index].id == section),
        ) else {
            self.warn(format!("no section {id:?} in this document"));
            return;
        };
        self.select_row(row);
        if let Some(at) = decision {
            self.select_decision(at);
        }
        self.ui.focus = Pane::Editor;
    }

    /// Takes section `i`'s editor (with its undo history) out of the workbench.
    pub(crate) fn take_editor(&mut self, i: usize) -> Option<SectionEditor> {
        self.ui.editors.get_mut(i).and_then(Option::take)
    }

    /// Puts an editor taken with [`App::take_editor`] back (its text must be the section's).
    pub(crate) fn put_editor(&mut self, i: usize, editor: Option<SectionEditor>) {
        if let Some(slot) = self.ui.editors.get_mut(i) {
            *slot = editor;
        }
    }

    /// A section's body changed outside its editor (a decision, a draft): its editor reloads.
    pub fn section_replaced(&mut self, section: usize) {
        if let Some(slot) = self.ui.editors.get_mut(section) {
            *slot = None;
        }
        if let Some(r) = self.doc.revisions.get_mut(section) {
            *r += 1;
        }
    }

    fn scroll_preview(&mut self, action: Action) {
        self.ui.preview_follows = false;
        let page = self
            .areas()
            .preview
            .map_or(10, |a| a.height.saturating_sub(3).max(1) as usize);
        self.ui.preview_scroll = match action {
            Action::Up => self.ui.preview_scroll.saturating_sub(1),
            Action::Down => self.ui.preview_scroll + 1,
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            Action::PageUp => self.ui.preview_scroll.saturating_sub(page),
            Action::PageDown => self.ui.preview_scroll + page,
            _ => self.ui.preview_scroll,
        };
        // `prepare` clamps to the document's length.
        let total = self.derived.preview.total_lines();
        if total > 0 {
            self.ui.preview_scroll = self.ui.preview_scroll.min(total.saturating_sub(1));
        }
    }

    /// The one gate through which the workbench changes the author's session: refused in
    /// read-only mode (with the reason on the status line); otherwise `op`, a workflow operation,
    /// runs, and when it changed the session, what is worked out from the session is refreshed
    /// and the session marked unsaved, once. An error is shown as a warning. The operation's
    /// result when it ran and succeeded.
    pub(crate) fn edit<T: Changed, E: std::fmt::Display>(
        &mut self,
        op: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Option<T> {
        if self.refuse_if_read_only() {
            return None;
        }
        match op(&mut self.doc.session) {
            Ok(done) => {
                if done.changed() {
                    self.structure_changed();
                }
                Some(done)
            }
            Err(e) => {
                self.warn(e.to_string());
                None
            }
        }
    }

    /// [`App::edit`] for an operation that may write sections' text (a decision, a draft, a
    /// worksheet's results): each section whose text it changed becomes one undo step, named
    /// `what` in messages (see [`App::generated_change`]).
    pub(crate) fn edit_text<T: Changed, E: std::fmt::Display>(
        &mut self,
        what: &str,
        op: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Option<T> {
        if self.refuse_if_read_only() {
            return None;
        }
        match self.generated_change(what, |app| op(&mut app.doc.session)) {
            Ok(done) => {
                if done.changed() {
                    self.structure_changed();
                }
                Some(done)
            }
            Err(e) => {
                self.warn(e.to_string());
                None
            }
        }
    }

    /// [`App::edit`] for an operation that cannot fail.
    pub(crate) fn change<T: Changed>(&mut self, op: impl FnOnce(&mut Session) -> T) -> Option<T> {
        self.edit(|s| Ok::<T, std::convert::Infallible>(op(s)))
    }

    pub(crate) fn refuse_if_read_only(&mut self) -> bool {
        match &self.doc.read_only {
            Some(reason) => {
                let text = format!("read-only: {reason}");
                self.warn(text);
                true
            }
            None => false,
        }
    }

    fn type_key(&mut self, event: KeyEvent) {
        let Some(section) = self.selected_section() else {
            return;
        };
        self.ensure_editor(section);
        let editor = self.ui.editors[section].as_mut().expect("ensured");
        let input = tui_textarea::Input::from(event);
        if self.doc.read_only.is_some() {
            // Moving around is fine; changing text is not.
            let before = editor.textarea.lines().to_vec();
            if editor.textarea.input(input) && editor.textarea.lines() != before.as_slice() {
                editor.textarea.undo();
                self.refuse_if_read_only();
            }
            return;
        }
        if editor.textarea.input(input) {
            self.section_edited(section);
        }
    }

    fn edit_command(&mut self, action: Action) {
        let Some(section) = self.selected_section() else {
            return;
        };
        self.ensure_editor(section);
        let changes = matches!(
            action,
            Action::Undo | Action::Redo | Action::Cut | Action::Paste
        );
        if changes && self.refuse_if_read_only() {
            return;
        }
        if let Action::Undo | Action::Redo = action {
            self.undo_in_section(section, action == Action::Redo);
            return;
        }
        let editor = self.ui.editors[section].as_mut().expect("ensured");
        let t = &mut editor.textarea;
        let modified = match action {
            Action::SelectAll => {
                t.select_all();
                false
            }
            Action::Copy => {
                t.copy();
                false
            }
            Action::Cut => t.cut(),
            Action::Paste => t.paste(),
            _ => false,
        };
        if modified {
            self.section_edited(section);
        }
    }

    /// `^Z` (or `^Y` with `redo`) in section `section`: the editor's own history first, then the
    /// generated changes before it, so that nothing typed after a generated change is skipped.
    pub fn undo_in_section(&mut self, section: usize, redo: bool) {
        if self.refuse_if_read_only() {
            return;
        }
        self.ensure_editor(section);
        let t = &mut self.ui.editors[section].as_mut().expect("ensured").textarea;
        if if redo { t.redo() } else { t.undo() } {
            // Going through history is not new typing: undone generated changes stay redoable.
            let kept = self.doc.generated_history.take_redo(section);
            self.section_edited(section);
            self.doc.generated_history.put_redo(section, kept);
            return;
        }
        let done = if redo {
            self.redo_generated(section)
        } else {
            self.undo_generated(section)
        };
        if !done {
            self.info(if redo {
                "nothing to redo in this section"
            } else {
                "nothing to undo in this section"
            });
        }
    }

    /// Inserts the template's starter skeleton for the selected section at the cursor.
    fn insert_outline(&mut self) {
        let Some(section) = self.selected_section() else {
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        let id = &self.doc.session.sections[section].id;
        let Some(starter) = self.doc.template.section(id).map(|t| t.starter.clone()) else {
            self.warn("the template has no outline for this section");
            return;
        };
        self.ui.focus = Pane::Editor;
        self.ensure_editor(section);
        let editor = self.ui.editors[section].as_mut().expect("ensured");
        if editor.textarea.insert_str(&starter) {
            self.section_edited(section);
        }
    }

    fn handle_paste(&mut self, text: &str) {
        if let Some(Popup::Palette(p)) = self.ui.popups.last_mut() {
            p.push_str(&text.replace(['\n', '\r'], " "));
            return;
        }
        if let Some(Popup::Prompt(p)) = self.ui.popups.last_mut() {
            p.field.paste(text);
            return;
        }
        if !self.ui.popups.is_empty() {
            return;
        }
        // The editor of a stage being typed in: a diagram's Mermaid, a story's Markdown.
        if self.ui.focus == Pane::Editor {
            match self.selected_stage() {
                Some(navigator::Stage::Diagrams) if self.editing_diagram() => {
                    self.diagram_paste(text);
                    return;
                }
                Some(navigator::Stage::Stories) if self.editing_story() => {
                    self.story_paste(text);
                    return;
                }
                _ => {}
            }
        }
        if self.context() != Context::Editor {
            return;
        }
        let Some(section) = self.selected_section() else {
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        self.ensure_editor(section);
        let editor = self.ui.editors[section].as_mut().expect("ensured");
        if super::editor::paste(&mut editor.textarea, text) {
            self.section_edited(section);
        }
    }

    fn search_key(&mut self, section: usize, event: KeyEvent) {
        let editor = self.ui.editors[section]
            .as_mut()
            .expect("searching editor exists");
        let query = editor.search.as_mut().expect("searching");
        match query.handle_key(event) {
            FieldKey::Cancel => {
                editor.search = None;
                let _ = editor.textarea.set_search_pattern("");
            }
            FieldKey::Submit => {
                editor.search = None;
                if !editor.textarea.search_forward(true) {
                    self.info("no match");
                }
            }
            FieldKey::External | FieldKey::Handled => {
                let pattern = regex::escape(&query.text());
                let _ = editor.textarea.set_search_pattern(pattern);
            }
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) {
        if !self.ui.popups.is_empty() {
            return;
        }
        let at = Position::new(mouse.column, mouse.row);
        let a = self.areas();
        let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains(at));
        let pane = if hit(a.preview) {
            Some(Pane::Preview)
        } else if hit(a.editor) {
            Some(Pane::Editor)
        } else if hit(a.navigator) {
            Some(Pane::Navigator)
        } else {
            None
        };
        let Some(pane) = pane else {
            return;
        };
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.ui.focus = pane;
                if pane == Pane::Navigator {
                    let nav = a.navigator.expect("hit");
                    let row = (mouse.row.saturating_sub(nav.y + 1)) as usize + self.ui.nav_offset;
                    if self.ui.rows.get(row).is_some_and(Row::selectable) {
                        self.select_row(row);
                    }
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                match pane {
                    Pane::Preview => {
                        for _ in 0..3 {
                            self.scroll_preview(if down { Action::Down } else { Action::Up });
                        }
                    }
                    Pane::Navigator => {
                        self.move_selection(if down { Action::Down } else { Action::Up })
                    }
                    Pane::Editor => {
                        if let Some(e) = self
                            .selected_section()
                            .and_then(|s| self.ui.editors[s].as_mut())
                        {
                            e.textarea.scroll((if down { 3 } else { -3 }, 0));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Copies an editor's text into the session after an edit.
    fn section_edited(&mut self, section: usize) {
        let editor = self.ui.editors[section]
            .as_ref()
            .expect("edited editor exists");
        let body = editor.textarea.lines().join("\n");
        let s = &mut self.doc.session.sections[section];
        if s.body == body {
            return;
        }
        let was_empty = s.body.trim().is_empty();
        crate::workflow::section_text::person_edited(s, body);
        if was_empty != s.body.trim().is_empty() {
            // The document's status line counts written sections.
            self.doc.structure += 1;
        }
        self.doc.revisions[section] += 1;
        self.doc.generated_history.typed(section);
        self.mark_dirty();
        self.doc.text_edits += 1;
    }

    /// Puts text edited in the external editor back into the prompt it came from, if that
    /// prompt is still on top (as one edit of its field: undo brings the old text back).
    pub fn replace_prompt_text(&mut self, text: &str) {
        if let Some(Popup::Prompt(p)) = self.ui.popups.last_mut() {
            let text = text.strip_suffix('\n').unwrap_or(text);
            p.field.set_text(text);
        }
    }

    pub(crate) fn mark_dirty(&mut self) {
        self.doc.changes += 1;
        let now = std::time::Instant::now();
        self.doc.journal_pending = Some(match self.doc.journal_pending {
            Some((first, _)) => (first, now),
            None => (now, now),
        });
        if !self.doc.dirty {
            self.doc.dirty = true;
            self.doc.dirty_since = Some(std::time::Instant::now());
        }
        self.doc.save_state = SaveState::Unsaved;
    }

    /// Counts the changes the analyses read (typing in a section's text is not one of them):
    /// conflict badges, card findings and the checklist assessment are keyed by it.
    pub(super) fn analysed(&self) -> u64 {
        self.doc.changes - self.doc.text_edits
    }

    /// The analyses' results when they are for the session as it is now.
    pub(super) fn fresh_analyses(&self) -> Option<&super::analyses::Results> {
        self.derived
            .analyses
            .latest()
            .filter(|r| r.key == self.analysed())
    }

    /// The cross-check of options against this session's inputs, with the needed figures of
    /// the analyses when they were worked out from these requirements.
    pub fn assessor(&self) -> crate::analysis::crosscheck::Assessor<'_> {
        use crate::analysis::crosscheck::Assessor;
        let s = &self.doc.session;
        match self
            .derived
            .analyses
            .latest()
            .filter(|r| r.requirements == requirements_hash(&s.requirements))
        {
            Some(r) => Assessor::with_needs(&s.assumptions, &r.doc.needs, &s.inputs),
            None => Assessor::new(&s.assumptions, &s.requirements, &s.inputs),
        }
    }

    /// Replaces a section's text with `text` (after an external editor), as one undoable change.
    pub fn replace_section_text(&mut self, section: usize, text: &str) {
        self.ensure_editor(section);
        let editor = self.ui.editors[section].as_mut().expect("ensured");
        let current = editor.textarea.lines().join("\n");
        let text = text.strip_suffix('\n').unwrap_or(text);
        if current == text {
            self.info("no changes from the editor");
            return;
        }
        // One undo step puts the text from before the editor back.
        let text = text.to_string();
        let edited = self.edit_text("the edit in $EDITOR", |s| {
            crate::workflow::edit::section_body(s, section, text)
        });
        if edited.is_some() {
            self.info("section updated from the external editor (^Z undoes)");
        }
    }

    fn set_theme(&mut self, name: &str) {
        let loaded = load_theme(name, &self.settings.config_dir, self.settings.color);
        self.settings.theme = loaded.theme;
        self.settings.theme_generation += 1;
        for editor in self.ui.editors.iter_mut().flatten() {
            editor.apply_theme(&self.settings.theme);
        }
        match loaded.warning {
            Some(w) => self.warn(w),
            None => self.info(format!("theme: {}", self.settings.theme.name)),
        }
    }

    fn palette_entries(&self) -> Vec<PaletteEntry> {
        let mut entries: Vec<PaletteEntry> = Action::ALL
            .iter()
            .filter(|a| !matches!(a, Action::Palette))
            // A popup's actions act in the popup.
            .filter(|a| a.in_palette())
            // Only a configured assistant can be asked.
            .filter(|a| **a != Action::AskAssistant || self.settings.config.assistant.is_some())
            .map(|&a| PaletteEntry::Action {
                action: a,
                key: self
                    .settings
                    .keymap
                    .first_key(self.context(), a)
                    .or_else(|| {
                        Context::ALL
                            .iter()
                            .filter(|c| c.is_pane())
                            .find_map(|c| self.settings.keymap.keys(*c, a).first().copied())
                    }),
            })
            .collect();
        entries.extend(
            theme_names(&self.settings.config_dir)
                .into_iter()
                .map(PaletteEntry::Theme),
        );
        entries
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.set_message(text.into(), Level::Info);
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.set_message(text.into(), Level::Warning);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.set_message(text.into(), Level::Error);
    }

    fn set_message(&mut self, text: String, level: Level) {
        self.ui.message = Some(Message { text, level });
        self.ui.message_shown_at = Some(std::time::Instant::now());
        self.ui.message_count += 1;
    }

    /// When the message on screen goes by itself: an information [`MESSAGE_TTL`] after it was
    /// set; a warning or an error waits for the next key instead.
    pub fn message_expires_at(&self) -> Option<std::time::Instant> {
        match (&self.ui.message, self.ui.message_shown_at) {
            (Some(m), Some(at)) if m.level == Level::Info => Some(at + MESSAGE_TTL),
            _ => None,
        }
    }

    /// Clears an information shown for [`MESSAGE_TTL`] by `now` (called from the event loop's
    /// clock). Returns whether the message went, so that a frame is due. A timestamp comparison:
    /// a message set without a stamp gets `now` as its stamp.
    pub fn expire_message(&mut self, now: std::time::Instant) -> bool {
        if self.ui.message.is_none() {
            return false;
        }
        if self.ui.message_shown_at.is_none() {
            self.ui.message_shown_at = Some(now);
        }
        match self.message_expires_at() {
            Some(at) if now >= at => {
                self.ui.message = None;
                self.ui.message_shown_at = None;
                true
            }
            _ => false,
        }
    }

    /// Where the person is, as far as a status message is about it: the navigator's selection,
    /// the pane, the decision, step and card of a component, and the row of a stage's list.
    fn place_key(&self) -> PlaceKey {
        let list = self.list_selection().unwrap_or(0);
        let step = self
            .selected_section()
            .and_then(|i| {
                self.doc
                    .session
                    .decisions_in(&self.doc.session.sections[i].id)
                    .nth(self.ui.design.decision)
            })
            .map_or(0, |c| self.shown_step(c) as usize);
        (
            self.ui.selected,
            self.ui.focus,
            self.ui.text_mode,
            self.ui.worksheet.is_some(),
            self.ui.design.decision,
            self.ui.design.card,
            step,
            list,
        )
    }

    /// After a key (or a click) that set no message of its own: the message shown stops being
    /// news. A warning or an error goes at once; an information goes when the key moved the
    /// person elsewhere (else it waits out its time).
    fn message_after_key(&mut self, (place, count): (PlaceKey, u64)) {
        let Some(m) = &self.ui.message else {
            return;
        };
        if self.ui.message_count != count {
            return;
        }
        if m.level != Level::Info || self.place_key() != place {
            self.ui.message = None;
            self.ui.message_shown_at = None;
        }
    }

    // ----- saving -----

    /// Records where the person is, so that the session resumes there.
    pub fn record_place(&mut self) {
        self.doc.session.place = self.current_place();
    }

    /// Where the person is: the navigator item, focus, scrolls, card, decision, worksheet cell
    /// and list selection (what [`App::record_place`] saves and a jump comes back to).
    pub(crate) fn current_place(&self) -> crate::model::Place {
        let selected = self.selected_section();
        let decision = {
            let (decisions, at) = self.section_decisions();
            match decisions.get(at) {
                Some(c) if at > 0 => c.id.clone(),
                _ => String::new(),
            }
        };
        let mut place = self.doc.session.place.clone();
        place.focus = match self.ui.focus {
            Pane::Navigator => FocusPane::Navigator,
            Pane::Editor => FocusPane::Workspace,
            Pane::Preview => FocusPane::Preview,
        };
        place.navigator_scroll = self.ui.nav_offset as u32;
        place.preview_scroll = self.ui.preview_scroll as u32;
        place.text_mode = self.ui.text_mode;
        place.card = self.ui.design.card as u32;
        place.decision = decision;
        place.worksheet = self
            .ui
            .worksheet
            .as_ref()
            .map(|w| crate::model::WorksheetPlace {
                record: w.index as u32,
                table: w.table as u32,
                row: w.row as u32,
                col: w.col as u32,
            });
        if let Some(Row::Stage(stage)) = self.ui.rows.get(self.ui.selected) {
            place.item = stage.id().to_string();
            place.selected = self.list_selection().unwrap_or(0) as u32;
        }
        if let Some(section) = selected {
            place.item = self.doc.session.sections[section].id.clone();
            if let Some(editor) = self.ui.editors[section].as_ref() {
                let tui_textarea::DataCursor(row, col) = editor.textarea.cursor();
                place.cursor = (row as u32, col as u32);
                place.workspace_scroll = editor.textarea.scroll_offset().0 as u32;
            }
        }
        place
    }

    fn restore_place(&mut self) {
        let place = self.doc.session.place.clone();
        self.go_to_place(&place);
    }

    /// The navigator row of an item: a section's id or a stage's (`stage:inputs`).
    pub(crate) fn row_of(&self, item: &str) -> Option<usize> {
        self.ui.rows.iter().position(|r| match r {
            Row::Section { index, .. } => self.doc.session.sections[*index].id == item,
            Row::Stage(stage) => stage.id() == item,
            Row::Group(_) => false,
        })
    }

    /// Puts the person back at `place` (see [`App::current_place`]): the navigator item, focus,
    /// card, decision, worksheet and list selection; what no longer exists is skipped.
    pub(crate) fn go_to_place(&mut self, place: &crate::model::Place) {
        if let Some(row) = self.row_of(&place.item) {
            self.ui.selected = row;
        }
        self.ui.nav_offset = place.navigator_scroll as usize;
        self.ui.focus = match place.focus {
            FocusPane::Navigator => Pane::Navigator,
            FocusPane::Workspace => Pane::Editor,
            FocusPane::Preview => Pane::Preview,
        };
        if place.focus == FocusPane::Preview {
            self.ui.preview_follows = false;
            self.ui.preview_scroll = place.preview_scroll as usize;
        }
        self.ui.text_mode = place.text_mode;
        if let Some(section) = self.selected_section() {
            let id = &self.doc.session.sections[section].id;
            self.ui.design.decision = self
                .doc
                .session
                .decisions_in(id)
                .position(|c| c.id == place.decision)
                .unwrap_or(0);
        }
        self.ui.design.card = place.card as usize;
        if let (Some(at), Some(component)) = (place.worksheet, self.selected_component()) {
            let exists = self
                .doc
                .session
                .component(&component)
                .is_some_and(|c| (at.record as usize) < c.elicitations.len());
            if exists {
                self.reopen_worksheet(&component, &at);
            }
        }
        if let Some(selected) = self.list_selection_mut() {
            *selected = place.selected as usize;
        }
    }

    /// The selected row of the selected stage's list, if a stage is selected.
    fn list_selection(&self) -> Option<usize> {
        Some(match self.selected_stage()? {
            navigator::Stage::Inputs => self.ui.stages.input_selected,
            navigator::Stage::Requirements => self.ui.stages.requirement_selected,
            navigator::Stage::Diagrams => self.ui.stages.diagrams.selected,
            navigator::Stage::Stories => self.ui.stages.stories.selected,
            navigator::Stage::Checklist => self.ui.stages.checklist.selected,
        })
    }

    fn list_selection_mut(&mut self) -> Option<&mut usize> {
        Some(match self.selected_stage()? {
            navigator::Stage::Inputs => &mut self.ui.stages.input_selected,
            navigator::Stage::Requirements => &mut self.ui.stages.requirement_selected,
            navigator::Stage::Diagrams => &mut self.ui.stages.diagrams.selected,
            navigator::Stage::Stories => &mut self.ui.stages.stories.selected,
            navigator::Stage::Checklist => &mut self.ui.stages.checklist.selected,
        })
    }

    /// Saves the session to its file. Returns whether it was saved.
    pub fn save(&mut self, auto: bool) -> bool {
        if self.doc.review.is_some() {
            return self.save_review(auto);
        }
        if self.doc.read_only.is_some() {
            if !auto {
                self.refuse_if_read_only();
            }
            return false;
        }
        if self.doc.disk.is_some() && disk_stamp(&self.doc.path) != self.doc.disk {
            if auto {
                self.warn("the session file changed on disk: ^S to reload, overwrite or save as");
            } else if !matches!(
                self.ui.popups.last(),
                Some(Popup::Confirm(Confirm::ChangedOnDisk))
            ) {
                self.ui.popups.push(Popup::Confirm(Confirm::ChangedOnDisk));
            }
            return false;
        }
        self.write_session(auto)
    }

    /// Writes the session to its file, whatever is on disk.
    fn write_session(&mut self, auto: bool) -> bool {
        self.record_place();
        let now = crate::model::now();
        self.doc.session.meta.updated = now;
        match store::save(&self.doc.path, &self.doc.session) {
            Ok(()) => {
                self.doc.disk = disk_stamp(&self.doc.path);
                self.doc.dirty = false;
                self.doc.dirty_since = None;
                self.doc.save_state = SaveState::Saved { at: now, auto };
                let _ = std::fs::remove_file(store::recovery_path(&self.doc.path));
                if !auto {
                    let name = self
                        .doc
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    self.info(format!("saved {name}"));
                }
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    /// Saves when autosave is on and changes have waited long enough. Returns whether it tried
    /// (what the status bar shows changed: the save time, or why it failed).
    pub fn autosave_if_due(&mut self) -> bool {
        let every = self.settings.config.autosave_seconds;
        if every == 0 || (self.doc.read_only.is_some() && self.doc.review.is_none()) {
            return false;
        }
        let Some(since) = self.doc.dirty_since else {
            return false;
        };
        if since.elapsed().as_secs() < every {
            return false;
        }
        if !self.save(true) {
            // Try again after another interval rather than on every tick.
            self.doc.dirty_since = Some(std::time::Instant::now());
        }
        true
    }

    /// Makes the session give its next decision numbers inside its project range (after it is
    /// loaded or replaced).
    fn enter_project_numbers(&mut self) {
        self.doc.numbers = self.doc.project.as_ref().map(|(document, file)| {
            crate::project::NumberGuard::enter(&mut self.doc.session, document, file)
        });
    }

    /// Refuses, saying why, when the next decision number would be outside the session's
    /// project range (before anything changes).
    pub(crate) fn refuse_number_outside_range(&mut self) -> bool {
        let refused = self
            .doc
            .numbers
            .as_ref()
            .and_then(|g| g.check_next(&self.doc.session).err());
        match refused {
            Some(e) => {
                self.warn(e.to_string());
                true
            }
            None => false,
        }
    }

    fn load_recovered(&mut self, recovered: Session) {
        self.doc.generated_history.clear();
        let same_shape = recovered.sections.len() == self.doc.session.sections.len();
        self.doc.session = recovered;
        self.enter_project_numbers();
        self.ui.rows = navigator::rows(&self.doc.session, &self.doc.template);
        let n = self.doc.session.sections.len();
        self.ui.editors = (0..n).map(|_| None).collect();
        self.ui.editor_cursors.clear();
        self.doc.revisions = if same_shape {
            self.doc.revisions.iter().map(|r| r + 1).collect()
        } else {
            vec![1; n]
        };
        self.derived.preview = PreviewCache::default();
        self.ui.selected = self.ui.selected.min(self.ui.rows.len().saturating_sub(1));
        self.restore_place();
        self.mark_dirty();
    }

    /// Moves the recovery file on offer aside, as a session file of its own named after the
    /// session and the time, so that this run's crash journal cannot replace it.
    fn keep_recovery(&mut self) {
        let Some(at) = self.doc.pending_recovery.as_ref().map(|(_, at)| *at) else {
            return;
        };
        let from = store::recovery_path(&self.doc.path);
        let stamp = at.strftime("%Y%m%d-%H%M%S").to_string();
        let stem = self
            .doc
            .path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "session".into());
        let to = self
            .doc
            .path
            .with_file_name(format!("{stem}.recovered-{stamp}.ron"));
        match std::fs::rename(&from, &to) {
            Ok(()) => {
                self.doc.pending_recovery = None;
                self.info(format!(
                    "kept the recovery file as {} (infradraft open it to look)",
                    to.file_name().unwrap_or_default().to_string_lossy()
                ));
            }
            // It stays on offer, and the crash journal stays off so as not to replace it.
            Err(e) => self.warn(format!(
                "{}: {e}; it stays, and crash protection is off until it is restored or discarded",
                from.display()
            )),
        }
    }

    /// Writes the current session to the recovery file beside the session (after a panic or a
    /// termination signal). Returns where it went.
    pub fn write_recovery(&mut self) -> Result<PathBuf, String> {
        if let Some(r) = &self.doc.review {
            // A reviewer's unsaved comments go straight to the review file.
            crate::review::save(&r.path, &r.file).map_err(|e| e.to_string())?;
            return Ok(r.path.clone());
        }
        self.record_place();
        let path = store::recovery_path(&self.doc.path);
        let text = store::to_ron(&self.doc.session).map_err(|e| e.to_string())?;
        store::write_atomic(&path, text.as_bytes(), store::WriteOptions::PRIVATE)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    }

    pub fn path(&self) -> &Path {
        &self.doc.path
    }
}

/// Size and modification time of a file, to notice changes by other programs.
fn disk_stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// A hash of the requirements' ids and texts, to know when the figures they ask for must be worked
/// out again (never 0, which stands for "not worked out").
fn requirements_hash(requirements: &[crate::model::Requirement]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for r in requirements {
        r.id.hash(&mut h);
        r.text.hash(&mut h);
    }
    h.finish().max(1)
}

/// Whether the preview keeps pace with typing. Refreshing it after a keystroke re-reads the
/// section typed in, so its cost grows with the section; when the last refresh took longer than
/// [`PreviewPace::slow`], a frame whose only difference from the one before is typed text leaves
/// the preview as it was, and the preview catches up as idle work once typing pauses. Anything
/// else (another section, a scroll, a decision, a resize) refreshes it at once. Off until
/// [`PreviewPace::slow`] is set (the workbench sets it), so that a test's frames do not depend on
/// the machine's speed.
#[derive(Debug, Default)]
pub struct PreviewPace {
    /// Refreshes slower than this are not done per keystroke; `None`: never deferred.
    pub slow: Option<std::time::Duration>,
    /// How long the last refresh took.
    cost: std::time::Duration,
    /// What the last frame showed: text edits, other changes, and the view (selected row,
    /// preview width, preview scroll).
    frame: Option<(u64, u64, (usize, u16, usize))>,
    /// Text edits are not in the preview yet.
    pub behind: bool,
    /// Idle work brought the preview up to date since the last frame.
    caught_up: bool,
}

impl PreviewPace {
    /// Whether this frame leaves the preview behind (and marks it so): only typed text differs
    /// from the last frame, and refreshing is slow.
    fn defers(&mut self, text_edits: u64, others: u64, view: (usize, u16, usize)) -> bool {
        let typing_only = self.frame.is_some_and(|(text, other, seen)| {
            other == others && seen == view && (text != text_edits || self.behind)
        });
        let defer = typing_only && self.slow.is_some_and(|slow| self.cost > slow);
        if defer {
            self.frame = Some((text_edits, others, view));
        }
        self.behind = defer;
        defer
    }

    /// The preview was refreshed in `cost` and shows this frame (`view` as the refresh left it).
    fn refreshed(
        &mut self,
        cost: std::time::Duration,
        text_edits: u64,
        others: u64,
        view: (usize, u16, usize),
    ) {
        self.cost = cost;
        self.frame = Some((text_edits, others, view));
        self.behind = false;
    }
}
