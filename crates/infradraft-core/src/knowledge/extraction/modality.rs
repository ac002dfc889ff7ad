//! The force of facts (`assets/extraction/modality.ron`): the cue words of a mandate and of a
//! preference, and the headings whose statements are mandates.

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::position_of;
use crate::files::from_ron;

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Modality", default)]
struct ModalityFile {
    mandate: Vec<String>,
    preference: Vec<String>,
    mandate_headings: Vec<String>,
    skipped_headings: Vec<String>,
}

/// The cues that decide a fact's force.
#[derive(Debug, Default)]
pub struct ModalityCues {
    pub mandate: Vec<Regex>,
    pub preference: Vec<Regex>,
    /// Lower-case words; a heading holding one makes its statements mandates.
    pub mandate_headings: Vec<String>,
    /// Lower-case words; statements under a heading holding one are not facts.
    pub skipped_headings: Vec<String>,
}

fn pattern(origin: &Path, text: &str, p: &str) -> Result<Regex, String> {
    RegexBuilder::new(p)
        .case_insensitive(true)
        .build()
        .map_err(|e| {
            let first = e.to_string();
            let reason = first.lines().last().unwrap_or(&first).trim().to_string();
            format!(
                "{}{}: {p:?} is not a valid regular expression: {reason}",
                origin.display(),
                position_of(text, p)
            )
        })
}

impl ModalityCues {
    /// Adds a file's cues to what is known.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let f: ModalityFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for p in &f.mandate {
            self.mandate.push(pattern(origin, text, p)?);
        }
        for p in &f.preference {
            self.preference.push(pattern(origin, text, p)?);
        }
        self.mandate_headings.extend(
            f.mandate_headings
                .into_iter()
                .map(|h| h.trim().to_lowercase())
                .filter(|h| !h.is_empty()),
        );
        // Not trimmed: "story " is matched with its space.
        self.skipped_headings.extend(
            f.skipped_headings
                .into_iter()
                .map(|h| h.to_lowercase())
                .filter(|h| !h.trim().is_empty()),
        );
        Ok(())
    }
}
