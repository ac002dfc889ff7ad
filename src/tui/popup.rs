//! Popups: layers above the screen that take the keys while open (help, the command palette,
//! confirmations). Each answers a key with an [`Outcome`] the app carries out.

use jiff::Timestamp;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::action::{Action, Context};
use super::keymap::{Key, Keymap};
use super::status::clock;
use super::text_field::{FieldKey, FieldKind, TextField, wrap_words};
use super::wrap::{popup_width, wrap_hanging, wrap_lines};
use crate::settings::theme::Theme;

/// Entries of the elicitation menu: seven actions and "Finalize".
pub const ELICITATION_CHOICES: usize = 8;
/// The eighth entry of the elicitation menu, as the process names it.
pub const FINALIZE_TITLE: &str = "Finalize this Section and Proceed";

/// The two pages of help: how the process goes (first for a newcomer), and every key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    Guide,
    Keys,
}

/// The guide page's text (Markdown, rendered like the preview).
const GUIDE: &str = include_str!("../../assets/guide.md");

/// The guide page laid out at `width` columns.
pub fn guide_lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    crate::preview::render_markdown(
        GUIDE,
        width,
        &theme.preview_styles(),
        &crate::preview::Highlighter::plain(),
    )
}

/// A window over the panes that takes the keys while it is open.
pub enum Popup {
    Help {
        /// The guide to the process, or the keys.
        page: HelpPage,
        scroll: usize,
        /// The help's lines and the width they were laid out for (made before the frame by
        /// [`Popup::prepare`], not per frame).
        lines: Option<(usize, Vec<Line<'static>>)>,
    },
    Palette(Palette),
    Confirm(Confirm),
    /// Every stage of the process with its state (`F5`).
    Progress(super::guide::ProgressView),
    /// A one-line text prompt.
    Prompt(Prompt),
    /// What changed in an input on disk, before reloading it.
    Diff {
        input: usize,
        lines: Vec<crate::inputs::DiffLine>,
        new_text: String,
        scroll: usize,
    },
    /// Checkboxes for the compliance regimes, each with where the inputs name it.
    Regimes {
        names: Vec<String>,
        /// Per regime: the first place the inputs name it, and whether they say it applies.
        evidence: Vec<Option<(String, bool)>>,
        chosen: Vec<bool>,
        selected: usize,
    },
    /// Catalog options for a component, ranked by fit.
    CatalogPicker {
        component: String,
        choices: Vec<CatalogChoice>,
        selected: usize,
        /// Adds the choice to the open decision matrix rather than as an option card.
        alternative: bool,
    },
    /// The interaction mode, as the process asks first.
    ModeChoice {
        selected: usize,
    },
    /// The advanced elicitation action menu of step e (1–7 actions, 8 finalizes).
    Elicitation {
        component: String,
        title: String,
        selected: usize,
        /// Shown after an action: asks whether to perform another.
        again: bool,
    },
    /// The conflicts between the inputs (drawn by `conflicts::draw`).
    Conflicts {
        selected: usize,
    },
    /// The review comments of a section.
    Comments {
        section: String,
        selected: usize,
    },
    /// An answer of the configured assistant, to accept into the conclusions or reject.
    Suggestion {
        text: String,
        scroll: usize,
    },
    /// A generated change that would replace text the person changed: their choice per stretch.
    Merge(super::generated::MergeChoice),
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
    /// The reason for accepting `conflicts[acks.len()]`.
    AckReason {
        component: String,
        option: String,
        justification: String,
        conflicts: Vec<String>,
        acks: Vec<crate::model::ConflictAck>,
    },
}

/// One catalog option offered for a component, with its fit and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogChoice {
    pub id: String,
    pub name: String,
    pub fit: u8,
    pub why: String,
    pub already: bool,
    /// A mandate, a prohibition or a required figure of the inputs rules it out (`why` says which).
    pub ruled_out: bool,
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
            | PromptPurpose::WorksheetCell { .. } => FieldKind::Line,
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
            | PromptPurpose::AckReason { .. } => FieldKind::Prose,
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

    fn handle_key(&mut self, event: KeyEvent) -> Outcome {
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Quitting with unsaved changes.
    Quit,
    /// A recovery file was found when opening.
    Recovery {
        at: Timestamp,
        /// What the recovery file holds that the session does not, one line each.
        differences: Vec<String>,
    },
    /// The session file changed on disk (another program) since it was loaded or saved.
    ChangedOnDisk,
    /// Finalizing a section the person says is complete (`reopen`: taking a finalized one back).
    Finalize {
        section: String,
        title: String,
        /// What is in it, one line (its decisions).
        summary: String,
        reopen: bool,
    },
}

/// What the app should do after a popup handled a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Stay,
    Close,
    Run(Action),
    SetTheme(String),
    SaveAndQuit,
    DiscardAndQuit,
    Restore,
    /// Go to a stage of the process (from the progress view).
    GoToStage(crate::workflow::guide::Stage),
    /// Finalize (or, `true`, reopen) a section.
    Finalize(String, bool),
    DiscardRecovery,
    /// Keep the recovery file as a session of its own, to look at later.
    KeepRecovery,
    Submit(PromptPurpose, String),
    /// Edit the top prompt's text (given) in `$VISUAL` / `$EDITOR`.
    EditPromptExternally(String),
    AddCatalogOption {
        component: String,
        option: String,
    },
    SetMode(crate::model::InteractionMode),
    Reload {
        input: usize,
        text: String,
    },
    /// The names of the regimes chosen in scope.
    SetRegimes(Vec<String>),
    /// An elicitation menu choice: 1–7 an action, 8 finalize.
    Elicit {
        component: String,
        choice: u8,
    },
    AddAlternative(String),
    AcceptSuggestion(String),
    ReloadFromDisk,
    Overwrite,
    /// Every conflict of the merge popup on top is settled: write it.
    SettleMerge,
    SaveAsPrompt,
    /// A key in the conflicts popup.
    ConflictEvent(KeyEvent),
    /// A key in the comments popup of a section.
    CommentEvent {
        section: String,
        event: KeyEvent,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteEntry {
    Action { action: Action, key: Option<Key> },
    Theme(String),
}

impl PaletteEntry {
    /// The entry's name (an action's, or the theme's), which a query matching it ranks first.
    fn name(&self) -> String {
        match self {
            PaletteEntry::Action { action, .. } => action.name().to_string(),
            PaletteEntry::Theme(name) => format!("theme: {name}"),
        }
    }

    fn text(&self) -> String {
        match self {
            PaletteEntry::Action { action, .. } => {
                format!("{}  {}", action.name(), action.description())
            }
            PaletteEntry::Theme(name) => format!("theme: {name}  Switch to the {name} theme"),
        }
    }
}

pub struct Palette {
    /// What is typed to filter the entries (a line field: the cursor moves, edits undo).
    pub query: TextField,
    entries: Vec<PaletteEntry>,
    /// Indices into `entries` that match the query, best first, with the matched char positions.
    pub matches: Vec<(usize, Vec<u32>)>,
    pub selected: usize,
}

impl Palette {
    pub fn new(entries: Vec<PaletteEntry>) -> Palette {
        let mut p = Palette {
            query: TextField::new("", FieldKind::Line),
            entries,
            matches: Vec::new(),
            selected: 0,
        };
        p.refilter();
        p
    }

    /// Inserts pasted text at the cursor.
    pub fn push_str(&mut self, s: &str) {
        self.query.paste(s);
        self.refilter();
    }

    /// Re-ranks the entries for the query: fuzzy, case-insensitive; entries whose name matches
    /// before those matched only by their description, then best score first, ties in list
    /// order.
    fn refilter(&mut self) {
        self.selected = 0;
        let query = self.query.text();
        if query.trim().is_empty() {
            self.matches = (0..self.entries.len()).map(|i| (i, Vec::new())).collect();
            return;
        }
        let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut scored: Vec<((bool, u32), usize, Vec<u32>)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let text = e.text();
                let mut indices = Vec::new();
                let score =
                    pattern.indices(Utf32Str::new(&text, &mut buf), &mut matcher, &mut indices)?;
                let name = e.name();
                let on_name = pattern
                    .score(Utf32Str::new(&name, &mut buf), &mut matcher)
                    .is_some();
                indices.sort_unstable();
                indices.dedup();
                Some(((on_name, score), i, indices))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i, ix)| (i, ix)).collect();
    }

    pub fn entry(&self, match_index: usize) -> Option<&PaletteEntry> {
        self.matches
            .get(match_index)
            .and_then(|(i, _)| self.entries.get(*i))
    }

    fn handle_key(&mut self, event: KeyEvent) -> Outcome {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match event.code {
            KeyCode::Esc => Outcome::Close,
            KeyCode::Char('c') if ctrl => Outcome::Close,
            KeyCode::Enter => match self.entry(self.selected) {
                Some(PaletteEntry::Action { action, .. }) => Outcome::Run(*action),
                Some(PaletteEntry::Theme(name)) => Outcome::SetTheme(name.clone()),
                None => Outcome::Stay,
            },
            KeyCode::Up => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Stay
            }
            KeyCode::Char('p') if ctrl => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Stay
            }
            KeyCode::Down => {
                self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1));
                Outcome::Stay
            }
            KeyCode::Char('n') if ctrl => {
                self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1));
                Outcome::Stay
            }
            _ => {
                let before = self.query.text();
                self.query.handle_key(event);
                if self.query.text() != before {
                    self.refilter();
                }
                Outcome::Stay
            }
        }
    }
}

/// Where the help popup is drawn on `screen`.
fn help_area(screen: Rect) -> Rect {
    centered(screen, 92, screen.height.saturating_sub(4))
}

impl Popup {
    /// Lays out what the popup shows for `screen`, when it changed (before a frame is drawn).
    pub fn prepare(&mut self, screen: Rect, keymap: &Keymap, theme: &Theme) {
        if let Popup::Help { lines, page, .. } = self {
            let width = usize::from(help_area(screen).width.saturating_sub(2));
            if lines
                .as_ref()
                .is_none_or(|(laid_out, _)| *laid_out != width)
            {
                *lines = Some((
                    width,
                    match page {
                        HelpPage::Guide => guide_lines(theme, popup_width(width)),
                        HelpPage::Keys => help_lines(keymap, theme, popup_width(width)),
                    },
                ));
            }
        }
    }

    /// The text field the popup holds, if any (styled by the app before each frame).
    pub fn field_mut(&mut self) -> Option<&mut TextField> {
        match self {
            Popup::Prompt(p) => Some(&mut p.field),
            Popup::Palette(p) => Some(&mut p.query),
            _ => None,
        }
    }

    pub fn handle_key(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        match self {
            Popup::Palette(p) => p.handle_key(event),
            Popup::Progress(view) => super::guide::handle_key(view, event),
            Popup::Prompt(p) => p.handle_key(event),
            Popup::Diff {
                input,
                new_text,
                scroll,
                ..
            } => match event.code {
                KeyCode::Enter | KeyCode::Char('y') => Outcome::Reload {
                    input: *input,
                    text: std::mem::take(new_text),
                },
                KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('q') => Outcome::Close,
                KeyCode::Down | KeyCode::Char('j') => {
                    *scroll += 1;
                    Outcome::Stay
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    *scroll = scroll.saturating_sub(1);
                    Outcome::Stay
                }
                KeyCode::PageDown | KeyCode::Char(' ') => {
                    *scroll += 10;
                    Outcome::Stay
                }
                KeyCode::PageUp => {
                    *scroll = scroll.saturating_sub(10);
                    Outcome::Stay
                }
                _ => Outcome::Stay,
            },
            Popup::CatalogPicker {
                component,
                choices,
                selected,
                alternative,
            } => match event.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    *selected = (*selected + 1).min(choices.len().saturating_sub(1));
                    Outcome::Stay
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    *selected = selected.saturating_sub(1);
                    Outcome::Stay
                }
                KeyCode::Enter => match choices.get(*selected) {
                    Some(c) if *alternative => Outcome::AddAlternative(c.id.clone()),
                    Some(c) => Outcome::AddCatalogOption {
                        component: component.clone(),
                        option: c.id.clone(),
                    },
                    None => Outcome::Close,
                },
                KeyCode::Esc | KeyCode::Char('q') => Outcome::Close,
                _ => Outcome::Stay,
            },
            Popup::ModeChoice { selected } => match event.code {
                KeyCode::Down | KeyCode::Up | KeyCode::Char('j') | KeyCode::Char('k') => {
                    *selected = 1 - (*selected).min(1);
                    Outcome::Stay
                }
                KeyCode::Char('a') | KeyCode::Char('A') => {
                    Outcome::SetMode(crate::model::InteractionMode::Incremental)
                }
                KeyCode::Char('b') | KeyCode::Char('B') => {
                    Outcome::SetMode(crate::model::InteractionMode::Yolo)
                }
                KeyCode::Enter => Outcome::SetMode(if *selected == 0 {
                    crate::model::InteractionMode::Incremental
                } else {
                    crate::model::InteractionMode::Yolo
                }),
                KeyCode::Esc => Outcome::Close,
                _ => Outcome::Stay,
            },
            Popup::Elicitation {
                component,
                selected,
                ..
            } => match event.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    *selected = (*selected + 1).min(ELICITATION_CHOICES - 1);
                    Outcome::Stay
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    *selected = selected.saturating_sub(1);
                    Outcome::Stay
                }
                KeyCode::Char(c @ '1'..='8') => Outcome::Elicit {
                    component: component.clone(),
                    choice: c as u8 - b'0',
                },
                KeyCode::Enter => Outcome::Elicit {
                    component: component.clone(),
                    choice: *selected as u8 + 1,
                },
                KeyCode::Esc | KeyCode::Char('q') => Outcome::Close,
                _ => Outcome::Stay,
            },
            Popup::Conflicts { .. } => match event.code {
                KeyCode::Esc | KeyCode::Char('q') => Outcome::Close,
                _ => Outcome::ConflictEvent(event),
            },
            Popup::Comments { section, .. } => match event.code {
                KeyCode::Esc | KeyCode::Char('q') => Outcome::Close,
                _ => Outcome::CommentEvent {
                    section: section.clone(),
                    event,
                },
            },
            Popup::Suggestion { text, scroll } => match event.code {
                KeyCode::Char('y') | KeyCode::Enter => Outcome::AcceptSuggestion(text.clone()),
                KeyCode::Char('n') | KeyCode::Esc => Outcome::Close,
                KeyCode::Down | KeyCode::Char('j') => {
                    *scroll += 1;
                    Outcome::Stay
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    *scroll = scroll.saturating_sub(1);
                    Outcome::Stay
                }
                _ => Outcome::Stay,
            },
            Popup::Regimes {
                names,
                chosen,
                selected,
                ..
            } => match event.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    *selected = (*selected + 1).min(chosen.len().saturating_sub(1));
                    Outcome::Stay
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    *selected = selected.saturating_sub(1);
                    Outcome::Stay
                }
                KeyCode::Char(' ') | KeyCode::Char('x') => {
                    if let Some(c) = chosen.get_mut(*selected) {
                        *c = !*c;
                    }
                    Outcome::Stay
                }
                KeyCode::Enter => Outcome::SetRegimes(
                    names
                        .iter()
                        .zip(chosen.iter())
                        .filter(|(_, on)| **on)
                        .map(|(n, _)| n.clone())
                        .collect(),
                ),
                KeyCode::Esc => Outcome::Close,
                _ => Outcome::Stay,
            },
            Popup::Help {
                scroll,
                page,
                lines,
            } => {
                if matches!(
                    event.code,
                    KeyCode::Tab | KeyCode::BackTab | KeyCode::Left | KeyCode::Right
                ) {
                    *page = match page {
                        HelpPage::Guide => HelpPage::Keys,
                        HelpPage::Keys => HelpPage::Guide,
                    };
                    *scroll = 0;
                    *lines = None;
                    return Outcome::Stay;
                }
                let key = Key::from_event(&event);
                let closes = matches!(event.code, KeyCode::Esc | KeyCode::Char('q'))
                    || keymap.keys(Context::Global, Action::Help).contains(&key)
                    || keymap.keys(Context::Navigator, Action::Help).contains(&key);
                if closes {
                    return Outcome::Close;
                }
                match event.code {
                    KeyCode::Down | KeyCode::Char('j') => *scroll += 1,
                    KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => *scroll += 10,
                    KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                    KeyCode::Home | KeyCode::Char('g') => *scroll = 0,
                    KeyCode::End | KeyCode::Char('G') => *scroll = usize::MAX / 2,
                    _ => {}
                }
                Outcome::Stay
            }
            Popup::Merge(m) => {
                use crate::workflow::section_text::Choice;
                let (choice, all) = match event.code {
                    KeyCode::Char('m') => (Choice::Mine, false),
                    KeyCode::Char('n') => (Choice::New, false),
                    KeyCode::Char('b') => (Choice::Both, false),
                    KeyCode::Char('M') => (Choice::Mine, true),
                    KeyCode::Char('N') => (Choice::New, true),
                    KeyCode::Char('B') => (Choice::Both, true),
                    // Leaving keeps the person's text wherever nothing was chosen yet.
                    KeyCode::Esc => (Choice::Mine, true),
                    _ => return Outcome::Stay,
                };
                if m.choose(choice, all) {
                    Outcome::SettleMerge
                } else {
                    Outcome::Stay
                }
            }
            Popup::Confirm(Confirm::Quit) => match event.code {
                KeyCode::Char('s') | KeyCode::Char('y') => Outcome::SaveAndQuit,
                KeyCode::Char('d') => Outcome::DiscardAndQuit,
                KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('c') => Outcome::Close,
                _ => Outcome::Stay,
            },
            Popup::Confirm(Confirm::ChangedOnDisk) => match event.code {
                KeyCode::Char('r') => Outcome::ReloadFromDisk,
                KeyCode::Char('o') => Outcome::Overwrite,
                KeyCode::Char('a') => Outcome::SaveAsPrompt,
                KeyCode::Esc => Outcome::Close,
                _ => Outcome::Stay,
            },
            Popup::Confirm(Confirm::Finalize {
                section, reopen, ..
            }) => match event.code {
                KeyCode::Char('y') | KeyCode::Enter => Outcome::Finalize(section.clone(), *reopen),
                KeyCode::Char('n') | KeyCode::Esc => Outcome::Close,
                _ => Outcome::Stay,
            },
            Popup::Confirm(Confirm::Recovery { .. }) => match event.code {
                KeyCode::Char('r') | KeyCode::Char('y') => Outcome::Restore,
                KeyCode::Char('d') => Outcome::DiscardRecovery,
                KeyCode::Char('k') | KeyCode::Esc => Outcome::KeepRecovery,
                _ => Outcome::Stay,
            },
        }
    }
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
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

pub(crate) fn frame_block<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border)
        .style(theme.popup)
        .title(Span::styled(format!(" {title} "), theme.focus_border))
}

/// The lines of the help popup at `width` columns, generated from the keymap so that it is
/// always accurate: keys, action and description in columns, a description that does not fit
/// continued under itself.
pub fn help_lines(keymap: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let keys_of = |keys: &[Key]| {
        keys.iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Columns as wide as their widest entry, and a space after each, so that nothing runs
    // into the next column.
    let (mut keys_width, mut name_width) = (0, 0);
    for context in Context::ALL {
        for (action, keys) in keymap.bindings(context) {
            keys_width = keys_width.max(keys_of(keys).chars().count());
            name_width = name_width.max(action.name().chars().count());
        }
    }
    let mut lines = Vec::new();
    for context in Context::ALL {
        let title = match context {
            Context::Global => "Everywhere",
            Context::Navigator => "Sections (navigator)",
            Context::Editor => "Editor",
            Context::Preview => "Preview",
            Context::Workspace => "Stage workspaces (inputs, input viewer, requirements)",
            Context::Design => "Design panes (a component's steps a → f)",
            Context::Worksheet => "Elicitation worksheets (step e)",
        };
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(title.to_string(), theme.heading2)));
        let indent = 2 + keys_width + 1 + name_width + 1;
        for (action, keys) in keymap.bindings(context) {
            let keys = keys_of(keys);
            let mut rows = wrap_words(action.description(), width.saturating_sub(indent).max(20));
            let first = if rows.is_empty() {
                String::new()
            } else {
                rows.remove(0)
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<keys_width$} "), theme.key),
                Span::styled(format!("{:<name_width$} ", action.name()), theme.text),
                Span::styled(first, theme.dim),
            ]));
            for row in rows {
                lines.push(Line::from(Span::styled(
                    format!("{:indent$}{row}", ""),
                    theme.dim,
                )));
            }
        }
    }
    lines.push(Line::default());
    for row in wrap_words(
        "In the editor, keys without a binding edit text: arrows move, Shift+arrows select, \
         Home/End, Ctrl+←/→ by word. Every action is also in the palette.",
        width,
    ) {
        lines.push(Line::from(Span::styled(row, theme.dim)));
    }
    lines
}

pub fn draw(frame: &mut Frame, popup: &Popup, keymap: &Keymap, theme: &Theme) {
    let screen = frame.area();
    match popup {
        // Drawn by `comments::draw`, which needs the session.
        Popup::Comments { .. } | Popup::Conflicts { .. } => {}
        Popup::Merge(m) => super::merge_view::draw(frame, m, theme),
        Popup::Progress(view) => super::guide::draw(frame, view, theme, screen),
        Popup::Help {
            scroll,
            lines,
            page,
        } => {
            let area = help_area(screen);
            frame.render_widget(Clear, area);
            let width = usize::from(area.width.saturating_sub(2));
            let made;
            let lines = match lines {
                Some((laid_out, lines)) if *laid_out == width => lines,
                _ => {
                    made = match page {
                        HelpPage::Guide => guide_lines(theme, popup_width(width)),
                        HelpPage::Keys => help_lines(keymap, theme, popup_width(width)),
                    };
                    &made
                }
            };
            // The lines are laid out for this width: only those in view are drawn.
            let inner_h = area.height.saturating_sub(2) as usize;
            let max = lines.len().saturating_sub(inner_h);
            let scroll = (*scroll).min(max);
            let title = match page {
                HelpPage::Guide => "Help: the guide · Tab: the keys · ↑↓ scroll · Esc closes",
                HelpPage::Keys => "Help: the keys · Tab: the guide · ↑↓ scroll · Esc closes",
            };
            let block = frame_block(title, theme);
            let shown = lines.iter().skip(scroll).take(inner_h).cloned();
            frame.render_widget(Paragraph::new(shown.collect::<Vec<_>>()).block(block), area);
        }
        Popup::Palette(p) => {
            let area = centered(screen, 80, screen.height.saturating_sub(6).min(22));
            frame.render_widget(Clear, area);
            let block = frame_block("Command palette · Enter runs · Esc closes", theme);
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let [input, list] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
            let [prompt, count] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(input);
            let [marker, field] =
                Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(prompt);
            frame.render_widget(Span::styled("> ", theme.key), marker);
            p.query.draw(frame, field);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!("{} of {}", p.matches.len(), p.entries.len()),
                    theme.dim,
                )),
                count,
            );
            let height = list.height as usize;
            let offset = p.selected.saturating_sub(height.saturating_sub(1));
            let width = list.width as usize;
            let mut lines = Vec::new();
            for (row, (i, indices)) in p.matches.iter().enumerate().skip(offset).take(height) {
                let entry = &p.entries[*i];
                let text = entry.text();
                let selected = row == p.selected;
                let base = if selected {
                    theme.popup_selected
                } else {
                    theme.text
                };
                let key = match entry {
                    PaletteEntry::Action { key: Some(k), .. } => k.to_string(),
                    _ => String::new(),
                };
                // The text ends with "…" where it would run into the key.
                let room = width.saturating_sub(key.chars().count() + 2);
                let fits = unicode_width::UnicodeWidthStr::width(text.as_str()) <= room;
                let mut taken = 0;
                let mut spans: Vec<Span> = text
                    .chars()
                    .take_while(|c| {
                        taken += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                        fits || taken < room
                    })
                    .enumerate()
                    .map(|(ci, c)| {
                        let style = if indices.binary_search(&(ci as u32)).is_ok() {
                            base.patch(theme.matched)
                        } else if selected {
                            base
                        } else if text.find("  ").is_some_and(|sep| ci > sep) {
                            theme.dim
                        } else {
                            base
                        };
                        Span::styled(c.to_string(), style)
                    })
                    .collect();
                if !fits {
                    spans.push(Span::styled("…", theme.dim));
                }
                let used: usize = spans.iter().map(|s| s.width()).sum();
                let pad = width.saturating_sub(used + key.chars().count() + 1);
                spans.push(Span::styled(" ".repeat(pad), base));
                spans.push(Span::styled(
                    format!("{key} "),
                    if selected { base } else { theme.key },
                ));
                lines.push(Line::from(spans));
            }
            frame.render_widget(Paragraph::new(lines), list);
        }
        Popup::Prompt(p) => draw_prompt(frame, p, theme, screen),
        Popup::Diff { lines, scroll, .. } => {
            let area = centered(screen, 100, screen.height.saturating_sub(4));
            frame.render_widget(Clear, area);
            let inner_h = area.height.saturating_sub(2) as usize;
            let text_width = popup_width(area.width.saturating_sub(2) as usize);
            // A long line continues under its text, after the +/- column.
            let rows: Vec<Line> = lines
                .iter()
                .flat_map(|l| {
                    let style = match l.tag {
                        '+' => theme.ok,
                        '-' => theme.error,
                        '@' => theme.heading3,
                        _ => theme.dim,
                    };
                    let prefix = if l.tag == '@' {
                        String::new()
                    } else {
                        l.tag.to_string()
                    };
                    wrap_hanging(
                        Line::from(Span::styled(
                            format!("{prefix}{}", crate::text::sanitize_line(&l.text)),
                            style,
                        )),
                        text_width,
                        1,
                    )
                })
                .collect();
            let scroll = (*scroll).min(rows.len().saturating_sub(inner_h));
            let text: Vec<Line> = rows.into_iter().skip(scroll).take(inner_h).collect();
            frame.render_widget(
                Paragraph::new(text).block(frame_block(
                    "Changed on disk · Enter reloads · Esc keeps the snapshot",
                    theme,
                )),
                area,
            );
        }
        Popup::Elicitation {
            title,
            selected,
            again,
            ..
        } => {
            let text_width = popup_width(66.min(screen.width).saturating_sub(2) as usize);
            let mut lines = vec![Line::from(Span::styled(
                if *again {
                    "Perform another elicitation action? Choose one, or 8 to finalize."
                } else {
                    "Reflect on this section before finalizing it. Choose an action:"
                },
                theme.text,
            ))];
            lines.push(Line::default());
            let titles = crate::model::ElicitationAction::ALL
                .iter()
                .map(|a| (a.number(), a.title()))
                .chain([(8, FINALIZE_TITLE)]);
            for (i, (n, t)) in titles.enumerate() {
                let style = if i == *selected {
                    theme.popup_selected
                } else {
                    theme.text
                };
                lines.push(Line::from(vec![
                    Span::styled(format!(" {n} "), theme.key),
                    Span::styled(t.to_string(), style),
                ]));
            }
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                " 1–8 or ↑↓ Enter chooses · Esc closes (E reopens)",
                theme.dim,
            )));
            let heading = format!(
                "Advanced elicitation — {}",
                crate::text::sanitize_line(title)
            );
            let lines = wrap_lines(lines, text_width);
            let area = centered(screen, 66, lines.len() as u16 + 2);
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(lines).block(frame_block(&heading, theme)),
                area,
            );
        }
        Popup::Suggestion { text, scroll } => {
            let text_width = popup_width(90.min(screen.width).saturating_sub(2) as usize);
            let mut lines: Vec<Line> = text
                .lines()
                .map(|l| {
                    Line::from(Span::styled(
                        crate::text::sanitize_line(l).into_owned(),
                        theme.text,
                    ))
                })
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                " y accepts it into the conclusions · n rejects it · ↑↓ scroll",
                theme.dim,
            )));
            let lines = wrap_lines(lines, text_width);
            let area = centered(screen, 90, screen.height.saturating_sub(4).min(24));
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(lines)
                    .scroll(((*scroll).min(u16::MAX as usize) as u16, 0))
                    .block(frame_block("Assistant suggestion", theme)),
                area,
            );
        }
        Popup::Regimes {
            names,
            evidence,
            chosen,
            selected,
        } => {
            let text_width = popup_width(72.min(screen.width).saturating_sub(2) as usize);
            let mut lines: Vec<Line> = names
                .iter()
                .zip(chosen)
                .zip(evidence)
                .enumerate()
                .map(|(i, ((name, on), found))| {
                    let mark = if *on { "[x]" } else { "[ ]" };
                    let style = if i == *selected {
                        theme.popup_selected
                    } else {
                        theme.text
                    };
                    let note = match found {
                        Some((at, true)) => format!("named in {at}"),
                        Some((at, false)) => format!("ruled out in {at}"),
                        None => String::new(),
                    };
                    Line::from(vec![
                        Span::styled(
                            format!(" {mark} {:<12}", crate::text::sanitize_line(name)),
                            style,
                        ),
                        Span::styled(format!(" {}", crate::text::sanitize_line(&note)), theme.dim),
                    ])
                })
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                " Space toggles · Enter applies · Esc cancels · your choice is kept when the inputs are read again",
                theme.dim,
            )));
            let lines = wrap_lines(lines, text_width);
            let area = centered(screen, 72, lines.len() as u16 + 2);
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(lines).block(frame_block("Compliance regimes", theme)),
                area,
            );
        }
        Popup::CatalogPicker {
            choices, selected, ..
        } => {
            let area = centered(screen, 100, screen.height.saturating_sub(4).min(30));
            frame.render_widget(Clear, area);
            let block = frame_block(
                "Add from the catalog · ranked by fit with the inputs · Enter adds",
                theme,
            );
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let width = popup_width(inner.width as usize);
            let mut rows: Vec<Line> = Vec::new();
            let mut selected_row = 0;
            for (i, c) in choices.iter().enumerate() {
                let style = if i == *selected {
                    theme.popup_selected
                } else if c.already || c.ruled_out {
                    theme.dim
                } else {
                    theme.text
                };
                let stars = format!(
                    "{}{}",
                    "★".repeat(c.fit as usize),
                    "☆".repeat(5 - c.fit.min(5) as usize)
                );
                let already = if c.already {
                    "  (on the component)"
                } else {
                    ""
                };
                if i == *selected {
                    selected_row = rows.len();
                }
                // A long name continues under itself, after the stars.
                rows.extend(wrap_hanging(
                    Line::from(vec![
                        Span::styled(
                            format!(" {stars} "),
                            if i == *selected { style } else { theme.key },
                        ),
                        // Before the name, so that it shows on a narrow screen too.
                        Span::styled(
                            if c.ruled_out { "✗ " } else { "" },
                            if i == *selected { style } else { theme.error },
                        ),
                        Span::styled(format!("{}{already}", c.name), style),
                    ]),
                    width,
                    7,
                ));
            }
            // The list keeps at least four rows for why the selected choice fits.
            let list_rows = (rows.len() as u16 + 1).min(inner.height.saturating_sub(4).max(1));
            let [list, why] =
                Layout::vertical([Constraint::Length(list_rows), Constraint::Min(0)]).areas(inner);
            let shown = list_rows.saturating_sub(1) as usize;
            let scroll = (selected_row + 1).saturating_sub(shown);
            frame.render_widget(
                Paragraph::new(rows).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
                list,
            );
            if let Some(c) = choices.get(*selected) {
                let mut lines = wrap_lines(
                    [
                        Line::from(Span::styled("Why this fit", theme.heading3)),
                        Line::from(Span::styled(
                            crate::text::sanitize_line(&c.why).into_owned(),
                            theme.dim,
                        )),
                    ],
                    width,
                );
                let room = why.height as usize;
                if lines.len() > room && room > 0 {
                    let hidden = lines.len() - (room - 1);
                    lines.truncate(room - 1);
                    lines.push(Line::from(Span::styled(
                        format!("… {hidden} more lines"),
                        theme.dim,
                    )));
                }
                frame.render_widget(Paragraph::new(lines), why);
            }
        }
        Popup::ModeChoice { selected } => {
            let text_width = popup_width(84.min(screen.width).saturating_sub(2) as usize);
            let option = |i: usize, key: &str, title: &str, text: &str| {
                let style = if i == *selected {
                    theme.popup_selected
                } else {
                    theme.text
                };
                vec![
                    Line::from(vec![
                        Span::styled(format!(" {key} "), theme.key),
                        Span::styled(title.to_string(), style),
                    ]),
                    Line::from(Span::styled(format!("   {text}"), theme.dim)),
                ]
            };
            let mut lines = vec![
                Line::from(Span::styled(
                    "How would you like to proceed with the infrastructure architecture?",
                    theme.text,
                )),
                Line::default(),
            ];
            lines.extend(option(
                0,
                "A",
                "Incrementally (default and recommended)",
                "Component by component, step by step: purpose, options, recommendation, feedback, elicitation, decision. Best for complex designs.",
            ));
            lines.push(Line::default());
            lines.extend(option(
                1,
                "B",
                "YOLO",
                "A comprehensive first draft of every component now (options from the catalog, a recommendation and a body each), then review and iterate.",
            ));
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                " A or B chooses · Enter takes the highlighted one · Esc decides later (m)",
                theme.dim,
            )));
            let lines = wrap_lines(lines, text_width);
            let area = centered(screen, 84, lines.len() as u16 + 2);
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(lines).block(frame_block("Interaction mode", theme)),
                area,
            );
        }
        Popup::Confirm(confirm) => {
            let (title, text, keys): (&str, String, &[(&str, &str)]) = match confirm {
                Confirm::Quit => (
                    "Unsaved changes",
                    "This session has changes that are not saved yet.".to_string(),
                    &[
                        ("s", "save and quit"),
                        ("d", "discard and quit"),
                        ("Esc", "cancel"),
                    ],
                ),
                Confirm::ChangedOnDisk => (
                    "Changed on disk",
                    "The session file was changed by another program since it was loaded or \
                     saved. Saving now would overwrite that change."
                        .to_string(),
                    &[
                        ("r", "reload it (drop mine)"),
                        ("o", "overwrite"),
                        ("a", "save as…"),
                        ("Esc", "cancel"),
                    ],
                ),
                Confirm::Finalize {
                    title,
                    summary,
                    reopen: false,
                    ..
                } => (
                    "Finalize this section",
                    format!(
                        "Is “{}” complete? {summary} Finalized, it shows ✓ in the navigator and \
                         counts for check --require-finalized; deciding in it again reopens it.",
                        crate::text::sanitize_line(title)
                    ),
                    &[("y/Enter", "finalize"), ("n/Esc", "not yet")],
                ),
                Confirm::Finalize {
                    title,
                    reopen: true,
                    ..
                } => (
                    "Reopen this section",
                    format!(
                        "“{}” is finalized. Reopen it? It goes back to decided until it is \
                         finalized again; its text and decisions stay as they are.",
                        crate::text::sanitize_line(title)
                    ),
                    &[("y/Enter", "reopen"), ("n/Esc", "keep it finalized")],
                ),
                Confirm::Recovery { at, differences } => {
                    let mut text = format!(
                        "A recovery file from {} holds work from a session that did not end \
                         cleanly",
                        clock(*at)
                    );
                    if differences.is_empty() {
                        text.push_str(", the same as the session.");
                    } else {
                        text.push_str(". It differs from the session in:");
                        const SHOWN: usize = 8;
                        for d in differences.iter().take(SHOWN) {
                            text.push_str("\n  • ");
                            text.push_str(&crate::text::sanitize_line(d));
                        }
                        if differences.len() > SHOWN {
                            text.push_str(&format!("\n  … and {} more", differences.len() - SHOWN));
                        }
                    }
                    (
                        "Recovery file found",
                        text,
                        &[
                            ("r", "restore it"),
                            ("d", "discard it"),
                            ("k/Esc", "keep it as a copy"),
                        ],
                    )
                }
            };
            let width = if text.contains('\n') { 76 } else { 60 };
            let inner = popup_width(width.min(screen.width).saturating_sub(2) as usize);
            // Laid out here, word by word, so that the height fits what is shown and no word is
            // cut at the border; a bullet continues under its text.
            let mut lines: Vec<Line> = Vec::new();
            for l in text.lines() {
                let hang = if l.trim_start().starts_with("• ") {
                    2
                } else {
                    0
                };
                lines.extend(wrap_hanging(
                    Line::from(Span::styled(l.to_string(), theme.text)),
                    inner,
                    hang,
                ));
            }
            lines.push(Line::default());
            let mut spans: Vec<Span> = Vec::new();
            let mut used = 0;
            for (k, what) in keys {
                let w = k.chars().count() + what.chars().count() + 4;
                if used > 0 && used + w > inner {
                    lines.push(Line::from(std::mem::take(&mut spans)));
                    used = 0;
                }
                used += w;
                spans.push(Span::styled(format!(" {k} "), theme.key));
                spans.push(Span::styled(format!("{what}  "), theme.text));
            }
            lines.push(Line::from(spans));
            let height = lines.len() as u16 + 2;
            let area = centered(screen, width, height);
            frame.render_widget(Clear, area);
            frame.render_widget(Paragraph::new(lines).block(frame_block(title, theme)), area);
        }
    }
}
