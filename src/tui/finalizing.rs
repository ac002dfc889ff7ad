//! Finalizing a section from the workbench: `8` once its decisions are made asks whether it is
//! complete and marks it finalized (✓); on a finalized section it offers to reopen it. The rule
//! itself is [`crate::workflow::finalize`].

use crate::workflow::finalize::{FinalizeError, can_finalize, finalize_section, reopen_section};

use super::app::App;
use super::popup::{Confirm, Popup};

impl App {
    /// Whether `section` could be finalized now (written, every decision in it made).
    pub fn finalizable(&self, section: &str) -> bool {
        can_finalize(&self.doc.session, section).is_ok()
    }

    /// Asks to finalize `section` (or to reopen it when it is finalized); says why not when it
    /// cannot be yet.
    pub fn offer_finalize(&mut self, section: &str) {
        if self.refuse_if_read_only() {
            return;
        }
        let title = self
            .doc
            .session
            .section(section)
            .map_or(section.to_string(), |s| s.title.clone());
        let reopen = match can_finalize(&self.doc.session, section) {
            Ok(()) => false,
            Err(FinalizeError::AlreadyFinalized(_)) => true,
            Err(e) => {
                self.warn(e.to_string());
                return;
            }
        };
        let decisions: Vec<String> = self
            .doc
            .session
            .decisions_in(section)
            .filter_map(|c| {
                let d = c.decision.as_ref()?;
                let name = c.option(&d.option).map_or(d.option.as_str(), |o| &o.name);
                Some(if c.is_primary() {
                    name.to_string()
                } else {
                    format!("{}: {name}", self.doc.session.decision_title(c))
                })
            })
            .collect();
        let summary = match decisions.len() {
            0 => "It has its text and no decisions to make.".to_string(),
            1 => format!("Its decision is made ({}).", decisions[0]),
            n => format!(
                "All {n} of its decisions are made ({}).",
                decisions.join("; ")
            ),
        };
        self.ui.popups.push(Popup::Confirm(Confirm::Finalize {
            section: section.to_string(),
            title,
            summary,
            reopen,
        }));
    }

    /// Carries out a confirmed finalize (or reopen).
    pub fn finalize(&mut self, section: &str, reopen: bool) {
        let now = crate::model::now();
        let done = self.edit(|s| {
            if reopen {
                reopen_section(s, section, now)
            } else {
                finalize_section(s, section, now)
            }
        });
        if let Some(()) = done {
            let p = crate::workflow::Progress::of(&self.doc.session);
            let title = self
                .doc
                .session
                .section(section)
                .map_or(section.to_string(), |s| s.title.clone());
            self.info(if reopen {
                format!("reopened “{title}”: it is decided, no longer finalized")
            } else {
                format!(
                    "finalized “{title}” ✓ ({}/{} sections finalized)",
                    p.sections_finalized, p.sections
                )
            });
        }
    }
}
