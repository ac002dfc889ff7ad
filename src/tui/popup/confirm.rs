//! Questions that stop the work until answered: quitting with unsaved changes, a recovery
//! file found, the session changed on disk, finalizing (or reopening) a section.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Layer, LayerContext, Outcome, actions, answer, centered, frame_block};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::Keymap;
use crate::tui::status::clock;
use crate::tui::wrap::{popup_width, wrap_hanging};

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
    /// Deciding again for a component that is decided: a new record that supersedes the
    /// current one, or the current one amended.
    Redecide {
        component: String,
        option: String,
        /// The option's name and the current record (`ADR-0003`), as shown.
        option_name: String,
        current: String,
    },
    /// Opening another document while this session has unsaved changes.
    Switch {
        path: std::path::PathBuf,
        /// How the open dialog named it.
        label: String,
    },
    /// Finalizing a section the person says is complete (`reopen`: taking a finalized one back).
    Finalize {
        section: String,
        title: String,
        /// What is in it, one line (its decisions).
        summary: String,
        reopen: bool,
    },
}

impl Confirm {
    /// What each answer does, by the action that gives it.
    fn answer(&self, action: Action) -> Option<Outcome> {
        use Action::*;
        Some(match (self, action) {
            (Confirm::Quit, SaveAndQuit | Yes) => Outcome::SaveAndQuit,
            (Confirm::Quit, DiscardAndQuit) => Outcome::DiscardAndQuit,
            (Confirm::Quit, No) => Outcome::Close,
            (Confirm::ChangedOnDisk, ReloadFromDisk) => Outcome::ReloadFromDisk,
            (Confirm::ChangedOnDisk, Overwrite) => Outcome::Overwrite,
            (Confirm::ChangedOnDisk, SaveAs) => Outcome::SaveAsPrompt,
            (Confirm::ChangedOnDisk, No) => Outcome::Close,
            (
                Confirm::Finalize {
                    section, reopen, ..
                },
                Yes,
            ) => Outcome::Finalize(section.clone(), *reopen),
            (Confirm::Finalize { .. }, No) => Outcome::Close,
            (
                Confirm::Redecide {
                    component, option, ..
                },
                Supersede | Amend,
            ) => Outcome::Redecide {
                component: component.clone(),
                option: option.clone(),
                how: if action == Supersede {
                    crate::workflow::design::Redecide::Supersede
                } else {
                    crate::workflow::design::Redecide::Amend
                },
            },
            (Confirm::Redecide { .. }, No) => Outcome::Close,
            (Confirm::Switch { path, .. }, SaveAndQuit | Yes) => {
                Outcome::SwitchTo(path.clone(), true)
            }
            (Confirm::Switch { path, .. }, DiscardAndQuit) => {
                Outcome::SwitchTo(path.clone(), false)
            }
            (Confirm::Switch { .. }, No) => Outcome::Close,
            // Restoring asks for its own key: Enter alone does not replace the session.
            (Confirm::Recovery { .. }, Restore) => Outcome::Restore,
            (Confirm::Recovery { .. }, DiscardRecovery) => Outcome::DiscardRecovery,
            // Leaving the question keeps the recovery file, as a session of its own.
            (Confirm::Recovery { .. }, KeepRecovery | No) => Outcome::KeepRecovery,
            _ => return None,
        })
    }
}

impl Layer for Confirm {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        actions(keymap, &[Context::Dialog], &event)
            .into_iter()
            .find_map(|a| self.answer(a))
            .unwrap_or(Outcome::Stay)
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        let (theme, screen) = (cx.theme, frame.area());
        let keys = self.key_hints(cx.keymap);
        let (title, text): (&str, String) = match self {
            Confirm::Quit => (
                "Unsaved changes",
                "This session has changes that are not saved yet.".to_string(),
            ),
            Confirm::ChangedOnDisk => (
                "Changed on disk",
                "The session file was changed by another program since it was loaded or \
                 saved. Saving now would overwrite that change."
                    .to_string(),
            ),
            Confirm::Redecide {
                option_name,
                current,
                ..
            } => (
                "Decide again",
                format!(
                    "This component is decided ({}). Deciding for “{}” can supersede that \
                     record (it stays, marked superseded, and the new decision gets the next \
                     number) or amend it (the same number, its content changed).",
                    crate::text::sanitize_line(current),
                    crate::text::sanitize_line(option_name)
                ),
            ),
            Confirm::Switch { label, .. } => (
                "Unsaved changes",
                format!(
                    "This session has changes that are not saved yet. Save them before opening \
                     {}? Opened without saving, they stay in this session's recovery file, \
                     offered when you open it again.",
                    crate::text::sanitize_line(label)
                ),
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
            ),
            Confirm::Recovery { at, differences } => {
                let mut text = format!(
                    "A recovery file from {} holds work on this session that was not saved \
                     (a run that did not end cleanly, or another document opened without saving)",
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
                ("Recovery file found", text)
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
        for (k, what) in &keys {
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

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        use Action::*;
        let answers: &[(&[Action], &'static str)] = match self {
            Confirm::Quit => &[
                (&[SaveAndQuit], "save and quit"),
                (&[DiscardAndQuit], "discard and quit"),
                (&[No], "cancel"),
            ],
            Confirm::ChangedOnDisk => &[
                (&[ReloadFromDisk], "reload it (drop mine)"),
                (&[Overwrite], "overwrite"),
                (&[SaveAs], "save as…"),
                (&[No], "cancel"),
            ],
            Confirm::Redecide { .. } => &[
                (&[Supersede], "supersede it"),
                (&[Amend], "amend it"),
                (&[No], "cancel"),
            ],
            Confirm::Switch { .. } => &[
                (&[SaveAndQuit, Yes], "save and open"),
                (&[DiscardAndQuit], "open without saving"),
                (&[No], "cancel"),
            ],
            Confirm::Finalize { reopen: false, .. } => &[(&[Yes], "finalize"), (&[No], "not yet")],
            Confirm::Finalize { reopen: true, .. } => {
                &[(&[Yes], "reopen"), (&[No], "keep it finalized")]
            }
            Confirm::Recovery { .. } => &[
                (&[Restore], "restore it"),
                (&[DiscardRecovery], "discard it"),
                (&[KeepRecovery, No], "keep it as a copy"),
            ],
        };
        answers
            .iter()
            .filter_map(|(actions, what)| answer(keymap, actions, what))
            .collect()
    }
}
