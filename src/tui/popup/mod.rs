//! Popups: layers above the screen that take the keys while open (help, the command palette,
//! pickers, questions). Each kind is a module of its own behind [`Layer`]: it answers a key with
//! an [`Outcome`] the app carries out, draws itself over what is below, and says which keys it
//! takes for the key bar. The keys come from the keymap (contexts `popup`, `dialog`,
//! `conflicts`, `comments`, `merge`), so help lists them and `keymap.ron` can change them.
//!
//! The app keeps the open popups in a stack; every layer is drawn, bottom to top, and the top
//! one takes the keys.

mod catalog_picker;
mod comments;
mod confirm;
mod conflicts;
mod documents;
mod elicitation;
mod help;
mod input_diff;
pub mod merge;
mod mode_choice;
mod palette;
mod progress;
mod prompt;
mod regimes;
mod suggestion;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use super::action::{Action, Context};
use super::app::App;
use super::keymap::{Key, Keymap};
use super::text_field::TextField;
use crate::settings::theme::Theme;

pub use catalog_picker::{CatalogChoice, CatalogPicker};
pub use comments::{CommentKey, CommentList};
pub use confirm::Confirm;
pub use conflicts::{ConflictKey, ConflictList};
pub use documents::{DocumentEntry, DocumentState, Documents};
pub use elicitation::{ELICITATION_CHOICES, Elicitation, FINALIZE_TITLE};
pub use help::{Help, HelpPage, guide_lines, help_lines};
pub use input_diff::InputDiff;
pub use mode_choice::ModeChoice;
pub use palette::{Palette, PaletteEntry};
pub use progress::ProgressView;
pub use prompt::{PendingRuling, Prompt, PromptPurpose};
pub use regimes::Regimes;
pub use suggestion::Suggestion;

/// What every popup does: answer a key, draw itself, and name the keys it takes.
pub trait Layer {
    /// Answers `event`; `keymap` says which actions the key means in the popup's contexts.
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome;

    /// Draws the popup over what is below it (the whole frame is `frame.area()`).
    fn draw(&self, frame: &mut Frame, cx: &LayerContext);

    /// The keys it takes, the most useful first, for the key bar: (keys, what they do).
    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)>;

    /// Lays out what changed before a frame is drawn (never while drawing).
    fn prepare(&mut self, _screen: Rect, _keymap: &Keymap, _theme: &Theme) {}

    /// The text field it holds, if any (styled by the app before each frame).
    fn field_mut(&mut self) -> Option<&mut TextField> {
        None
    }
}

/// What a popup may read while it draws.
pub struct LayerContext<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

/// A window over the panes that takes the keys while it is open.
pub enum Popup {
    Help(Help),
    Palette(Palette),
    Confirm(Confirm),
    /// Every stage of the process with its state (`F5`).
    Progress(ProgressView),
    /// A one-line text prompt.
    Prompt(Prompt),
    /// What changed in an input on disk, before reloading it.
    Diff(InputDiff),
    /// Checkboxes for the compliance regimes, each with where the inputs name it.
    Regimes(Regimes),
    /// Catalog options for a component, ranked by fit.
    CatalogPicker(CatalogPicker),
    /// The interaction mode, as the process asks first.
    ModeChoice(ModeChoice),
    /// The advanced elicitation action menu of step e (1–7 actions, 8 finalizes).
    Elicitation(Elicitation),
    /// The conflicts between the inputs.
    Conflicts(ConflictList),
    /// The review comments of a section.
    Comments(CommentList),
    /// An answer of the configured assistant, to accept into the conclusions or reject.
    Suggestion(Suggestion),
    /// A generated change that would replace text the person changed: their choice per stretch.
    Merge(super::generated::MergeChoice),
    /// The project's documents and the recent sessions, to open one here.
    Documents(Documents),
}

/// `$body` with `$p` bound to the popup's own struct, whichever kind it is.
macro_rules! each_layer {
    ($popup:expr, $p:ident => $body:expr) => {
        match $popup {
            Popup::Help($p) => $body,
            Popup::Palette($p) => $body,
            Popup::Confirm($p) => $body,
            Popup::Progress($p) => $body,
            Popup::Prompt($p) => $body,
            Popup::Diff($p) => $body,
            Popup::Regimes($p) => $body,
            Popup::CatalogPicker($p) => $body,
            Popup::ModeChoice($p) => $body,
            Popup::Elicitation($p) => $body,
            Popup::Conflicts($p) => $body,
            Popup::Comments($p) => $body,
            Popup::Suggestion($p) => $body,
            Popup::Merge($p) => $body,
            Popup::Documents($p) => $body,
        }
    };
}

impl Popup {
    /// The popup as a [`Layer`].
    pub fn layer(&self) -> &dyn Layer {
        each_layer!(self, p => p)
    }

    /// The popup as a [`Layer`] that may change.
    pub fn layer_mut(&mut self) -> &mut dyn Layer {
        each_layer!(self, p => p)
    }

    /// Lays out what the popup shows for `screen`, when it changed (before a frame is drawn).
    pub fn prepare(&mut self, screen: Rect, keymap: &Keymap, theme: &Theme) {
        self.layer_mut().prepare(screen, keymap, theme);
    }

    /// The text field the popup holds, if any (styled by the app before each frame).
    pub fn field_mut(&mut self) -> Option<&mut TextField> {
        self.layer_mut().field_mut()
    }

    pub fn handle_key(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        self.layer_mut().handle(event, keymap)
    }

    /// The keys the popup takes, for the key bar.
    pub fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        self.layer().key_hints(keymap)
    }
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
    /// How to record a new decision for a component that is decided already.
    Redecide {
        component: String,
        option: String,
        how: crate::workflow::design::Redecide,
    },
    /// What a key in the conflicts popup asks for.
    Conflict(ConflictKey),
    /// A key in the comments popup that the keymap saves from (the global save key).
    Save,
    /// What a key in the comments popup of a section asks for.
    Comment {
        section: String,
        key: CommentKey,
    },
    /// Open this document in the window, in place of the session (from the open dialog).
    OpenDocument(DocumentEntry),
    /// Open this session file now: saved first (`true`), or with the changes left unsaved.
    SwitchTo(std::path::PathBuf, bool),
}

/// Moves a list's selection (`len` entries) for a list key: up, down, top or bottom. Whether
/// `action` was one. (Page keys are left to the popup: `space` pages in some and ticks in others.)
pub(crate) fn select_in_list(action: Action, selected: &mut usize, len: usize) -> bool {
    let last = len.saturating_sub(1);
    *selected = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (*selected + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return false,
    };
    true
}

/// How far a page key scrolls a popup's text, in lines.
const PAGE: usize = 10;

/// Scrolls a popup's text for a scroll key: a line, a page, the top or the end (drawing clamps
/// it). Whether `action` was one.
pub(crate) fn scroll_text(action: Action, scroll: &mut usize) -> bool {
    *scroll = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => *scroll + 1,
        Action::PageUp => scroll.saturating_sub(PAGE),
        Action::PageDown => *scroll + PAGE,
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        _ => return false,
    };
    true
}

/// The actions `event` means in `contexts` (see [`Keymap::actions`]).
pub(crate) fn actions(keymap: &Keymap, contexts: &[Context], event: &KeyEvent) -> Vec<Action> {
    keymap.actions(contexts, Key::from_event(event))
}

/// A key bar entry for `actions` in `context` (their first keys), or nothing when one of them
/// has no key.
pub(crate) fn hint(
    keymap: &Keymap,
    context: Context,
    actions: &[Action],
    what: &'static str,
) -> Option<(String, &'static str)> {
    keymap.label(context, actions).map(|keys| (keys, what))
}

/// The key bar entries of a list popup: select, `choose` (what the choose key does there) and
/// `close` (what closing means there).
pub(crate) fn list_hints(
    keymap: &Keymap,
    choose: &'static str,
    close: &'static str,
) -> impl Iterator<Item = (String, &'static str)> {
    [
        hint(
            keymap,
            Context::Popup,
            &[Action::Up, Action::Down],
            "select",
        ),
        hint(keymap, Context::Popup, &[Action::Choose], choose),
        hint(keymap, Context::Popup, &[Action::Close], close),
    ]
    .into_iter()
    .flatten()
}

/// A key bar entry for an answer of a question: every key of `actions` ("y/Enter").
pub(crate) fn answer(
    keymap: &Keymap,
    actions: &[Action],
    what: &'static str,
) -> Option<(String, &'static str)> {
    let mut keys: Vec<String> = Vec::new();
    for a in actions {
        for k in keymap.keys(Context::Dialog, *a) {
            let k = k.to_string();
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    (!keys.is_empty()).then(|| (keys.join("/"), what))
}

/// The first key of `action` in `context` as text ("Esc"), or "—" when it has none.
pub(crate) fn key_of(keymap: &Keymap, context: Context, action: Action) -> String {
    keymap
        .keys(context, action)
        .first()
        .map(Key::to_string)
        .unwrap_or_else(|| "—".to_string())
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

pub(crate) fn frame_block<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border)
        .style(theme.popup)
        .title(Span::styled(format!(" {title} "), theme.focus_border))
}

/// Draws `popup` over the frame.
pub fn draw(frame: &mut Frame, popup: &Popup, cx: &LayerContext) {
    popup.layer().draw(frame, cx);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_keys_stay_inside_the_list_and_others_are_left_to_the_popup() {
        let mut at = 0;
        for (action, want) in [
            (Action::Up, 0),
            (Action::Down, 1),
            (Action::Bottom, 4),
            (Action::Down, 4),
            (Action::Top, 0),
        ] {
            assert!(select_in_list(action, &mut at, 5));
            assert_eq!(at, want, "{action:?}");
        }
        // Page keys and the rest are the popup's (space pages in one, ticks in another).
        assert!(!select_in_list(Action::PageDown, &mut at, 5));
        assert!(!select_in_list(Action::Toggle, &mut at, 5));
        let mut empty = 0;
        assert!(select_in_list(Action::Bottom, &mut empty, 0));
        assert_eq!(empty, 0);
    }

    #[test]
    fn scroll_keys_move_by_a_line_or_a_page() {
        let mut scroll = 0;
        for (action, want) in [
            (Action::Up, 0),
            (Action::PageDown, PAGE),
            (Action::Down, PAGE + 1),
            (Action::PageUp, 1),
            (Action::Top, 0),
        ] {
            assert!(scroll_text(action, &mut scroll));
            assert_eq!(scroll, want, "{action:?}");
        }
        assert!(scroll_text(Action::Bottom, &mut scroll));
        assert!(scroll > 1_000_000, "the end, clamped when drawn");
        assert!(!scroll_text(Action::Choose, &mut scroll));
    }
}
