//! What a first worksheet reads from an option card, as data: `assets/worksheets/prefill.ron`,
//! built in, and a team's `<config>/worksheets/prefill*.ron`, which add to it. The prefill itself
//! ([`crate::analysis::worksheet::prefill()`]) uses them; this module holds and checks them.
//!
//! # Shape
//! ```ron
//! PrefillHints(
//!     scalability: TagSignals(stronger: ["autoscaling"], weaker: ["single-instance"]),
//!     security: TagSignals(stronger: ["zero-trust"], weaker: ["shared-account"]),
//!     burden_words: ["upgrade", "patch", "operat"],
//! )
//! ```
//! - `scalability`, `security`: in a new decision matrix, an option scores 3 for the criterion,
//!   one more when its tags include one of `stronger`, one less when they include one of `weaker`
//!   (tags compared without regard to case).
//! - `burden_words`: a new reliability worksheet lists, as operational burden, up to three cons of
//!   the chosen option that contain one of these (lower case, found anywhere in the con, so
//!   "operat" finds "operations").
//!
//! # Checks and a team's files
//! A tag that is not lower-case kebab-case, and a word that is blank or not in lower case (it could
//! never be found), are refused as `file:line:col: what`, and the file adds nothing. A tag need not
//! be one the vocabulary knows: an option written by hand may carry any tag (`single-vm`). A team's
//! files in `<config>/worksheets/`, named `prefill*.ron`, in file-name order, have the same shape
//! with every field optional; every list is added to the built-in one. A file with a problem is
//! left out with a warning ([`install_warnings`]).
//!
//! The hints are loaded once per process, the first time [`prefill_hints`] is called.

use std::path::Path;

use super::Installed;

use serde::Deserialize;

use super::extraction::position_of;
use super::story_rules::check_tags;
use crate::files::from_ron;

const PATH: &str = "assets/worksheets/prefill.ron";
const BUILTIN: &str = include_str!("../../../../assets/worksheets/prefill.ron");

/// Tags that suggest an option is strong or weak on a criterion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "TagSignals", deny_unknown_fields, default)]
pub struct TagSignals {
    pub stronger: Vec<String>,
    pub weaker: Vec<String>,
}

/// The hints, every list in file order (a team's additions after the built-in).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "PrefillHints", deny_unknown_fields, default)]
pub struct PrefillHints {
    pub scalability: TagSignals,
    pub security: TagSignals,
    pub burden_words: Vec<String>,
}

impl PrefillHints {
    /// Adds a file's tags and words. An error names the file and the place, and adds nothing.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let file: PrefillHints = from_ron(origin, text).map_err(|e| e.to_string())?;
        let signals = [&file.scalability, &file.security];
        check_tags(
            origin,
            text,
            signals
                .iter()
                .flat_map(|s| s.stronger.iter().chain(&s.weaker)),
            false,
        )?;
        for w in &file.burden_words {
            let problem = if w.trim().is_empty() {
                "is blank"
            } else if *w != w.to_lowercase() {
                "is not in lower case, so it could never be found"
            } else {
                continue;
            };
            return Err(format!(
                "{}{}: word {w:?} {problem}",
                origin.display(),
                position_of(text, w)
            ));
        }
        for (mine, more) in [
            (&mut self.scalability, file.scalability),
            (&mut self.security, file.security),
        ] {
            mine.stronger.extend(more.stronger);
            mine.weaker.extend(more.weaker);
        }
        self.burden_words.extend(file.burden_words);
        Ok(())
    }
}

/// The built-in hints.
pub fn builtin() -> Result<PrefillHints, String> {
    let mut hints = PrefillHints::default();
    hints.add(Path::new(PATH), BUILTIN)?;
    Ok(hints)
}

static INSTALLED: Installed<PrefillHints> = Installed::new("prefill hints", builtin, load);

/// Why team files were left out when the hints were installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed hints (the built-in ones with the team's, see [`super::use_config_dir`]).
pub fn prefill_hints() -> &'static PrefillHints {
    INSTALLED.get()
}

/// Loads the built-in hints and the team's `<config>/worksheets/prefill*.ron`; with one warning
/// per team file left out.
fn load(config_dir: &Path) -> (Option<PrefillHints>, Vec<String>) {
    super::with_team_files(
        builtin(),
        config_dir,
        "worksheets",
        |name| name.starts_with("prefill"),
        PrefillHints::add,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_hints_load() {
        let h = builtin().unwrap();
        assert_eq!(h.scalability.stronger[0], "autoscaling");
        assert_eq!(h.security.weaker, ["shared-account", "perimeter"]);
        assert_eq!(h.burden_words.len(), 12);
    }

    #[test]
    fn a_team_file_adds_tags_and_words_and_a_bad_one_is_refused_with_its_place() {
        let mut h = builtin().unwrap();
        h.add(
            Path::new("prefill-team.ron"),
            r#"PrefillHints(security: TagSignals(stronger: ["vault"]), burden_words: ["runbook"])"#,
        )
        .unwrap();
        assert_eq!(h.security.stronger.last().unwrap(), "vault");
        assert_eq!(h.burden_words.last().unwrap(), "runbook");
        let unchanged = h.clone();
        let err = h
            .add(
                Path::new("prefill.ron"),
                "PrefillHints(\n  scalability: TagSignals(weaker: [\"single box\"]),\n)",
            )
            .unwrap_err();
        assert_eq!(
            err,
            "prefill.ron:2:36: tag \"single box\" is not lower-case kebab-case"
        );
        let err = h
            .add(
                Path::new("prefill.ron"),
                "PrefillHints(\n  burden_words: [\"toil\", \"On-call\"],\n)",
            )
            .unwrap_err();
        assert_eq!(
            err,
            "prefill.ron:2:26: word \"On-call\" is not in lower case, so it could never be found"
        );
        assert_eq!(h, unchanged);
    }
}
