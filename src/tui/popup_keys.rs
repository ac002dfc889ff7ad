//! The keys of each popup, for the key bar while it is open. A popup takes every key, so the
//! pane's keys underneath do not act then; the bar shows what the popup's key handler
//! (`Popup::handle_key`, and the handlers it passes keys on to) accepts instead.

use super::popup::{Confirm, HelpPage, Popup, PromptPurpose};
use super::text_field::FieldKind;

/// The keys `popup` takes, the most useful first: (key, what it does). The keys the keymap binds
/// (saving from the conflicts list) and those that depend on the session (the comments'), the
/// status bar adds or works out itself.
pub fn popup_keys(popup: &Popup) -> Vec<(&'static str, &'static str)> {
    let keys: &[(&str, &str)] = match popup {
        Popup::Help { page, .. } => match page {
            HelpPage::Guide => &[
                ("Tab", "the keys"),
                ("↑↓", "scroll"),
                ("PgUp/PgDn", "page"),
                ("g/G", "top/end"),
                ("Esc", "close"),
            ],
            HelpPage::Keys => &[
                ("Tab", "the guide"),
                ("↑↓", "scroll"),
                ("PgUp/PgDn", "page"),
                ("g/G", "top/end"),
                ("Esc", "close"),
            ],
        },
        Popup::Palette(_) => &[
            ("type", "filter"),
            ("↑↓", "select"),
            ("Enter", "run"),
            ("Esc", "close"),
        ],
        Popup::Progress(_) => &[
            ("↑↓", "select"),
            ("Enter", "go to the stage"),
            ("Esc", "close"),
        ],
        Popup::Prompt(p) => {
            let mut keys = match p.field.kind() {
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
            if p.purpose == PromptPurpose::AddInput {
                keys.insert(2, ("Tab", "complete"));
            }
            return keys;
        }
        Popup::Diff { .. } => &[
            ("Enter", "reload"),
            ("↑↓", "scroll"),
            ("PgUp/PgDn", "page"),
            ("Esc", "keep the snapshot"),
        ],
        Popup::Regimes { .. } => &[
            ("↑↓", "move"),
            ("Space", "toggle"),
            ("Enter", "apply"),
            ("Esc", "cancel"),
        ],
        Popup::CatalogPicker { .. } => &[("↑↓", "select"), ("Enter", "add"), ("Esc", "close")],
        Popup::ModeChoice { .. } => &[
            ("a", "incremental"),
            ("b", "YOLO"),
            ("↑↓", "select"),
            ("Enter", "choose"),
            ("Esc", "decide later"),
        ],
        Popup::Elicitation { .. } => &[
            ("1–8", "choose"),
            ("↑↓", "select"),
            ("Enter", "choose"),
            ("Esc", "close"),
        ],
        Popup::Conflicts { .. } => &[
            ("↑↓", "select"),
            ("Enter", "go to the rule"),
            ("f", "go to what disagrees"),
            ("r", "resolve"),
            ("u", "reopen"),
            ("Esc", "close"),
        ],
        Popup::Comments { .. } => &[
            ("a", "comment"),
            ("o", "on the option"),
            ("d", "on the decision"),
            ("r", "resolve/reopen"),
            ("s", "severity"),
            ("j/k", "move"),
            ("Esc", "close"),
        ],
        Popup::Suggestion { .. } => &[("y/Enter", "accept"), ("n/Esc", "reject"), ("↑↓", "scroll")],
        Popup::Merge(_) => &[
            ("m", "keep mine"),
            ("n", "take the new"),
            ("b", "keep both"),
            ("M N B", "the same for the rest"),
            ("Esc", "keep mine for the rest"),
        ],
        Popup::Confirm(Confirm::Quit) => &[
            ("s", "save and quit"),
            ("d", "discard and quit"),
            ("Esc", "cancel"),
        ],
        Popup::Confirm(Confirm::ChangedOnDisk) => &[
            ("r", "reload it (drop mine)"),
            ("o", "overwrite"),
            ("a", "save as…"),
            ("Esc", "cancel"),
        ],
        Popup::Confirm(Confirm::Finalize { reopen: false, .. }) => {
            &[("y/Enter", "finalize"), ("n/Esc", "not yet")]
        }
        Popup::Confirm(Confirm::Finalize { reopen: true, .. }) => {
            &[("y/Enter", "reopen"), ("n/Esc", "keep it finalized")]
        }
        Popup::Confirm(Confirm::Recovery { .. }) => &[
            ("r", "restore it"),
            ("d", "discard it"),
            ("k/Esc", "keep it as a copy"),
        ],
    };
    keys.to_vec()
}
