//! Keys → actions, per context. Defaults live in code; `keymap.ron` in the config directory replaces
//! the keys of the actions it names and leaves every other binding as it is.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, Context};
use crate::settings::settings_from_str;

/// A key with its modifiers, e.g. `ctrl-s`, `shift-tab`, `f1`, `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// Normalises a terminal key event so that it compares equal to a parsed key: shift is implied
    /// by the character for printable keys, and BackTab carries no shift.
    pub fn from_event(e: &KeyEvent) -> Key {
        let mut mods =
            e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match e.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn parse(text: &str) -> Result<Key, String> {
        let lower = text.trim().to_lowercase();
        let mut mods = KeyModifiers::NONE;
        let mut rest = lower.as_str();
        // A single character is always a key, even "-".
        while rest.chars().count() > 1 {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                let n: u8 = f[1..].parse().unwrap_or(0);
                if !(1..=12).contains(&n) {
                    return Err(format!("{text:?}: function keys are f1 to f12"));
                }
                KeyCode::F(n)
            }
            _ => {
                // Keep the case the user wrote for single characters ("G" differs from "g").
                let original = text.trim();
                let ch = original
                    .chars()
                    .last()
                    .filter(|_| rest.chars().count() == 1);
                match ch {
                    Some(c) => {
                        mods.remove(KeyModifiers::SHIFT);
                        KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                            c.to_ascii_lowercase()
                        } else {
                            c
                        })
                    }
                    None => {
                        return Err(format!(
                            "{text:?} is not a key (examples: ctrl-s, shift-tab, f1, pageup, ?)"
                        ));
                    }
                }
            }
        };
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("^")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("M-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("S-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// (context, action) → keys, in the order they are shown.
    bindings: Vec<(Context, Action, Vec<Key>)>,
}

const DEFAULTS: &[(Context, Action, &[&str])] = {
    use Action::*;
    use Context::*;
    &[
        (Global, Save, &["ctrl-s"]),
        (Global, Quit, &["ctrl-q"]),
        (Global, FocusNext, &["tab"]),
        (Global, FocusPrev, &["shift-tab"]),
        (Global, Palette, &["ctrl-p"]),
        (Global, Help, &["f1"]),
        (Global, Progress, &["f5"]),
        (Global, JumpBack, &["ctrl-o"]),
        (Global, JumpForward, &["alt-i"]),
        (Global, Zoom, &["f2"]),
        (Global, TogglePreview, &["f3"]),
        (Global, Comments, &["f4"]),
        (Global, OpenDocument, &["f6"]),
        (Navigator, Down, &["j", "down"]),
        (Navigator, Up, &["k", "up"]),
        (Navigator, Top, &["g", "home"]),
        (Navigator, Bottom, &["G", "end"]),
        (Navigator, Edit, &["enter", "e", "right", "l"]),
        (Navigator, PageDown, &["pagedown"]),
        (Navigator, PageUp, &["pageup"]),
        (Navigator, Help, &["?"]),
        (Navigator, Palette, &[":"]),
        (Navigator, Quit, &["q"]),
        (Navigator, Zoom, &["z"]),
        (Navigator, Finalize, &["8"]),
        (Navigator, ChooseMode, &["m"]),
        (Navigator, TogglePreview, &["p"]),
        (Navigator, NextTheme, &["t"]),
        (Editor, Leave, &["esc"]),
        (Editor, Undo, &["ctrl-z"]),
        (Editor, Redo, &["ctrl-y"]),
        (Editor, Search, &["ctrl-f"]),
        (Editor, SearchNext, &["ctrl-g"]),
        (Editor, SearchPrev, &["alt-g"]),
        (Editor, SelectAll, &["ctrl-a"]),
        (Editor, Copy, &["ctrl-c"]),
        (Editor, Cut, &["ctrl-x"]),
        (Editor, Paste, &["ctrl-v"]),
        (Editor, ExternalEditor, &["ctrl-e"]),
        (Editor, ToggleWrap, &["alt-w"]),
        (Editor, InsertOutline, &["ctrl-t"]),
        (Design, PrevCard, &["h", "left"]),
        (Design, NextCard, &["l", "right"]),
        (Design, MoveCardLeft, &["H"]),
        (Design, MoveCardRight, &["L"]),
        (Design, PrevStep, &["["]),
        (Design, NextStep, &["]"]),
        (Design, PrevDecision, &["{"]),
        (Design, NextDecision, &["}"]),
        (Design, Add, &["a"]),
        (Design, NewCard, &["n"]),
        (Design, Remove, &["x", "delete"]),
        (Design, EditItem, &["e"]),
        (Design, Recommend, &["r"]),
        (Design, Feedback, &["f"]),
        (Design, Decide, &["d"]),
        (Design, Finalize, &["8"]),
        (Design, WriteText, &["w", "enter"]),
        (Design, ChooseMode, &["m"]),
        (Design, Elicit, &["E"]),
        (Design, Down, &["j", "down"]),
        (Design, Up, &["k", "up"]),
        (Design, ApplyRecord, &["A"]),
        (Design, DiscardRecord, &["D"]),
        (Design, Undo, &["ctrl-z"]),
        (Design, Redo, &["ctrl-y"]),
        (Design, Leave, &["esc"]),
        (Design, Help, &["?"]),
        (Design, Palette, &[":"]),
        (Design, Quit, &["q"]),
        (Design, Zoom, &["z"]),
        (Design, TogglePreview, &["p"]),
        (Worksheet, Down, &["j", "down"]),
        (Worksheet, Up, &["k", "up"]),
        (Worksheet, Left, &["h", "left"]),
        (Worksheet, Right, &["l", "right"]),
        (Worksheet, Top, &["g", "home"]),
        (Worksheet, Bottom, &["G", "end"]),
        (Worksheet, EditItem, &["enter", "e", "space"]),
        (Worksheet, Add, &["a", "+"]),
        (Worksheet, Remove, &["x", "delete"]),
        (Worksheet, AddAlternative, &["i"]),
        (Worksheet, Conclusions, &["c"]),
        (Worksheet, ApplyRecord, &["A"]),
        (Worksheet, DiscardRecord, &["D"]),
        (Worksheet, AskAssistant, &["s"]),
        (Worksheet, PageDown, &["pagedown"]),
        (Worksheet, PageUp, &["pageup"]),
        (Worksheet, Leave, &["esc"]),
        (Worksheet, Help, &["f1"]),
        (Worksheet, Palette, &[":"]),
        (Workspace, Down, &["j", "down"]),
        (Workspace, Up, &["k", "up"]),
        (Workspace, Top, &["g", "home"]),
        (Workspace, Bottom, &["G", "end"]),
        (Workspace, PageDown, &["pagedown"]),
        (Workspace, PageUp, &["pageup"]),
        (Workspace, Open, &["enter"]),
        (Workspace, Leave, &["esc"]),
        (Workspace, Add, &["a"]),
        (Workspace, Remove, &["x", "delete"]),
        (Workspace, EditItem, &["e"]),
        (Workspace, ReloadInput, &["r"]),
        (Workspace, CycleCategory, &["c"]),
        (Workspace, Regimes, &["o"]),
        (Workspace, Conflicts, &["C"]),
        (Workspace, Search, &["/"]),
        (Workspace, SearchNext, &["n"]),
        (Workspace, SearchPrev, &["N"]),
        (Workspace, SwitchPane, &["s"]),
        (Workspace, MarkPass, &["1"]),
        (Workspace, MarkPartial, &["2"]),
        (Workspace, MarkFail, &["3"]),
        (Workspace, MarkNotApplicable, &["4"]),
        (Workspace, ToggleFilter, &["f"]),
        (Workspace, Generate, &["d"]),
        (Workspace, Help, &["?"]),
        (Workspace, Palette, &[":"]),
        (Workspace, Quit, &["q"]),
        (Workspace, Zoom, &["z"]),
        (Workspace, TogglePreview, &["p"]),
        (Preview, Down, &["j", "down"]),
        (Preview, Up, &["k", "up"]),
        (Preview, Top, &["g", "home"]),
        (Preview, Bottom, &["G", "end"]),
        (Preview, PageDown, &["pagedown", "space"]),
        (Preview, PageUp, &["pageup"]),
        (Preview, Help, &["?"]),
        (Preview, Palette, &[":"]),
        (Preview, Quit, &["q"]),
        (Preview, Zoom, &["z"]),
        (Preview, TogglePreview, &["p"]),
        (Preview, NextTheme, &["t"]),
        (Popup, Up, &["up", "k", "ctrl-p"]),
        (Popup, Down, &["down", "j", "ctrl-n"]),
        (Popup, PageUp, &["pageup"]),
        (Popup, PageDown, &["pagedown", "space"]),
        (Popup, Top, &["g", "home"]),
        (Popup, Bottom, &["G", "end"]),
        (Popup, Choose, &["enter"]),
        (Popup, Toggle, &["space", "x"]),
        (Popup, OtherPage, &["tab", "shift-tab", "left", "right"]),
        (Popup, Close, &["esc", "q", "ctrl-c"]),
        (Dialog, Yes, &["y", "enter"]),
        (Dialog, No, &["n", "esc"]),
        (Dialog, SaveAndQuit, &["s"]),
        (Dialog, DiscardAndQuit, &["d"]),
        (Dialog, ReloadFromDisk, &["r"]),
        (Dialog, Overwrite, &["o"]),
        (Dialog, SaveAs, &["a"]),
        (Dialog, Restore, &["r", "y"]),
        (Dialog, DiscardRecovery, &["d"]),
        (Dialog, KeepRecovery, &["k"]),
        (Dialog, ModeIncremental, &["A", "a"]),
        (Dialog, ModeYolo, &["B", "b"]),
        (Dialog, Supersede, &["s"]),
        (Dialog, Amend, &["a"]),
        (ConflictList, Choose, &["enter"]),
        (ConflictList, GoToFound, &["f"]),
        (ConflictList, Resolve, &["r"]),
        (ConflictList, Reopen, &["u"]),
        (CommentList, Comment, &["a"]),
        (CommentList, CommentOnOption, &["o"]),
        (CommentList, CommentOnDecision, &["d"]),
        (CommentList, ToggleResolved, &["r"]),
        (CommentList, Severity, &["s"]),
        (Merge, KeepMine, &["m"]),
        (Merge, TakeNew, &["n"]),
        (Merge, KeepBoth, &["b"]),
        (Merge, KeepMineRest, &["M", "esc"]),
        (Merge, TakeNewRest, &["N"]),
        (Merge, KeepBothRest, &["B"]),
    ]
};

/// `keymap.ron`: per context, action name → keys. Naming an action replaces its keys there; an
/// empty list unbinds it.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct KeymapFile {
    global: BTreeMap<String, Vec<String>>,
    navigator: BTreeMap<String, Vec<String>>,
    editor: BTreeMap<String, Vec<String>>,
    workspace: BTreeMap<String, Vec<String>>,
    design: BTreeMap<String, Vec<String>>,
    worksheet: BTreeMap<String, Vec<String>>,
    preview: BTreeMap<String, Vec<String>>,
    popup: BTreeMap<String, Vec<String>>,
    dialog: BTreeMap<String, Vec<String>>,
    conflicts: BTreeMap<String, Vec<String>>,
    comments: BTreeMap<String, Vec<String>>,
    merge: BTreeMap<String, Vec<String>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|(c, a, keys)| {
                    (
                        *c,
                        *a,
                        keys.iter()
                            .map(|k| Key::parse(k).expect("default keys parse"))
                            .collect(),
                    )
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The defaults with `<config>/keymap.ron` applied. A broken file leaves the defaults in force
    /// and says why.
    pub fn load(config_dir: &Path) -> (Keymap, Option<String>) {
        let path = config_dir.join("keymap.ron");
        let mut keymap = Keymap::default();
        let text = match crate::store::read_settings(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (keymap, None),
            Err(e) => {
                return (
                    keymap,
                    Some(format!("{}: {e}; using the default keys", path.display())),
                );
            }
        };
        match keymap.apply(&text) {
            Ok(()) => (keymap, None),
            Err(why) => (
                Keymap::default(),
                Some(format!("{}: {why}; using the default keys", path.display())),
            ),
        }
    }

    fn apply(&mut self, text: &str) -> Result<(), String> {
        let file: KeymapFile =
            settings_from_str(text).map_err(|e| format!("{}: {}", e.span.start, e.code))?;
        for (context, map) in [
            (Context::Global, &file.global),
            (Context::Navigator, &file.navigator),
            (Context::Editor, &file.editor),
            (Context::Workspace, &file.workspace),
            (Context::Design, &file.design),
            (Context::Worksheet, &file.worksheet),
            (Context::Preview, &file.preview),
            (Context::Popup, &file.popup),
            (Context::Dialog, &file.dialog),
            (Context::ConflictList, &file.conflicts),
            (Context::CommentList, &file.comments),
            (Context::Merge, &file.merge),
        ] {
            for (name, keys) in map {
                let action = Action::from_name(name)
                    .ok_or_else(|| format!("{}: no action named {name:?}", context.name()))?;
                // A popup's actions act in popups, and a popup context takes only the actions
                // its popups carry out.
                let known = if context.is_pane() {
                    action.in_palette()
                } else {
                    DEFAULTS
                        .iter()
                        .any(|(c, a, _)| *c == context && *a == action)
                };
                if !known {
                    return Err(format!("{}: {name:?} does not act there", context.name()));
                }
                let keys = keys
                    .iter()
                    .map(|k| Key::parse(k))
                    .collect::<Result<Vec<_>, _>>()?;
                match self
                    .bindings
                    .iter_mut()
                    .find(|(c, a, _)| *c == context && *a == action)
                {
                    Some(entry) => entry.2 = keys,
                    None => self.bindings.push((context, action, keys)),
                }
            }
        }
        Ok(())
    }

    /// The action for `key` in `context`, falling back to the global bindings.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|(c, _, keys)| *c == ctx && keys.contains(&key))
                .map(|(_, a, _)| *a)
        };
        find(context).or_else(|| find(Context::Global))
    }

    /// Every action bound to `key` in `contexts`, in that order and then in the order the
    /// bindings are listed (no global fallback). A popup takes the first it understands, so one
    /// key may mean different things in different popups of a context (`r` restores a recovery
    /// file, and reloads a session changed on disk).
    pub fn actions(&self, contexts: &[Context], key: Key) -> Vec<Action> {
        contexts
            .iter()
            .flat_map(|ctx| {
                self.bindings
                    .iter()
                    .filter(move |(c, _, keys)| c == ctx && keys.contains(&key))
                    .map(|(_, a, _)| *a)
            })
            .collect()
    }

    /// The keys of `actions` in `context` as the key bar shows them: each action's first key,
    /// two arrows side by side ("↑↓"), anything else separated by "/" ("PgUp/PgDn"). `None`
    /// when one of them has no key.
    pub fn label(&self, context: Context, actions: &[Action]) -> Option<String> {
        let keys = actions
            .iter()
            .map(|a| self.keys(context, *a).first().map(Key::to_string))
            .collect::<Option<Vec<_>>>()?;
        let arrows = keys
            .iter()
            .all(|k| ["↑", "↓", "←", "→"].contains(&k.as_str()));
        Some(keys.join(if arrows { "" } else { "/" }))
    }

    /// Keys bound to `action` in `context` (without the global ones).
    pub fn keys(&self, context: Context, action: Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(c, a, _)| *c == context && *a == action)
            .map(|(_, _, k)| k.as_slice())
            .unwrap_or(&[])
    }

    /// The first key that triggers `action` from `context` (its own binding, else the global one).
    pub fn first_key(&self, context: Context, action: Action) -> Option<Key> {
        self.keys(context, action)
            .first()
            .or_else(|| self.keys(Context::Global, action).first())
            .copied()
    }

    /// Every binding of a context, in display order.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = (Action, &[Key])> {
        self.bindings
            .iter()
            .filter(move |(c, _, k)| *c == context && !k.is_empty())
            .map(|(_, a, k)| (*a, k.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, mods: KeyModifiers) -> Key {
        Key::from_event(&KeyEvent::new_with_kind(code, mods, KeyEventKind::Press))
    }

    #[test]
    fn parses_and_matches_terminal_events() {
        assert_eq!(
            Key::parse("ctrl-s").unwrap(),
            ev(KeyCode::Char('s'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            Key::parse("shift-tab").unwrap(),
            ev(KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(
            Key::parse("G").unwrap(),
            ev(KeyCode::Char('G'), KeyModifiers::SHIFT)
        );
        assert_eq!(
            Key::parse("?").unwrap(),
            ev(KeyCode::Char('?'), KeyModifiers::SHIFT)
        );
        assert_eq!(
            Key::parse("f1").unwrap(),
            ev(KeyCode::F(1), KeyModifiers::NONE)
        );
        assert_eq!(
            Key::parse("-").unwrap(),
            ev(KeyCode::Char('-'), KeyModifiers::NONE)
        );
        assert!(Key::parse("ctrl-").is_err() || Key::parse("ctrl-").is_ok());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
        assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "^S");
    }

    #[test]
    fn context_bindings_win_and_fall_back_to_global() {
        let k = Keymap::default();
        let q = Key::parse("q").unwrap();
        assert_eq!(k.action(Context::Navigator, q), Some(Action::Quit));
        assert_eq!(
            k.action(Context::Editor, q),
            None,
            "q must type in the editor"
        );
        let save = Key::parse("ctrl-s").unwrap();
        assert_eq!(k.action(Context::Editor, save), Some(Action::Save));
    }

    #[test]
    fn a_popup_key_may_mean_several_actions_and_labels_read_like_the_bar() {
        let k = Keymap::default();
        let space = Key::parse("space").unwrap();
        // Paging a list first, ticking a regime next: each popup takes the first it knows.
        assert_eq!(
            k.actions(&[Context::Popup], space),
            vec![Action::PageDown, Action::Toggle]
        );
        let r = Key::parse("r").unwrap();
        assert_eq!(
            k.actions(&[Context::Dialog], r),
            vec![Action::ReloadFromDisk, Action::Restore]
        );
        // No fallback to the global keys: a popup takes every key.
        assert!(
            k.actions(&[Context::Popup], Key::parse("ctrl-s").unwrap())
                .is_empty()
        );
        assert_eq!(
            k.label(Context::Popup, &[Action::Up, Action::Down])
                .as_deref(),
            Some("↑↓")
        );
        assert_eq!(
            k.label(Context::Popup, &[Action::PageUp, Action::PageDown])
                .as_deref(),
            Some("PgUp/PgDn")
        );
        let mut k = k;
        assert!(
            k.apply("(navigator: {\"close\": [\"x\"]})")
                .unwrap_err()
                .contains("\"close\" does not act there")
        );
        assert!(
            k.apply("(dialog: {\"save\": [\"x\"]})")
                .unwrap_err()
                .contains("\"save\" does not act there")
        );
        k.apply("(popup: {\"up\": []})").unwrap();
        assert_eq!(k.label(Context::Popup, &[Action::Up, Action::Down]), None);
    }

    #[test]
    fn a_file_replaces_only_the_actions_it_names() {
        let mut k = Keymap::default();
        k.apply("(navigator: {\"quit\": [\"x\"]}, global: {\"save\": [\"f10\", \"ctrl-s\"]})")
            .unwrap();
        assert_eq!(
            k.action(Context::Navigator, Key::parse("x").unwrap()),
            Some(Action::Quit)
        );
        assert_eq!(k.action(Context::Navigator, Key::parse("q").unwrap()), None);
        assert_eq!(
            k.action(Context::Navigator, Key::parse("f10").unwrap()),
            Some(Action::Save)
        );
        assert_eq!(
            k.action(Context::Navigator, Key::parse("j").unwrap()),
            Some(Action::Down)
        );
        assert!(
            k.apply("(editor: {\"fly\": [\"x\"]})")
                .unwrap_err()
                .contains("no action named \"fly\"")
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("keymap.ron"),
            "(navigator: {\"quit\": [\"hyper-q\"]})",
        )
        .unwrap();
        let (k, warning) = Keymap::load(dir.path());
        assert!(warning.unwrap().contains("hyper-q"));
        assert_eq!(
            k.action(Context::Navigator, Key::parse("q").unwrap()),
            Some(Action::Quit)
        );
    }
}
