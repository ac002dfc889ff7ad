//! How the story rules' provider-neutral words read on the project's provider
//! (`assets/stories/terms.ron`, plus a team's `<config>/stories/terms*.ron`): "bucket (or storage
//! account)" becomes "S3 bucket" on AWS. Drafted stories and refinements go through them once the
//! inputs name one hosting target.

use std::path::Path;

use super::Installed;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename = "Terms", deny_unknown_fields)]
struct TermsFile {
    terms: Vec<Term>,
}

/// One neutral phrase and how each provider says it; a provider left out (or empty) keeps the
/// phrase.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Term", deny_unknown_fields)]
pub struct Term {
    pub generic: String,
    #[serde(default)]
    pub aws: String,
    #[serde(default)]
    pub azure: String,
    #[serde(default)]
    pub gcp: String,
}

impl Term {
    /// How `target` says it; `None` when the term leaves that provider out (empty).
    fn on(&self, target: &str) -> Option<&str> {
        let said = match target {
            "aws" => &self.aws,
            "azure" => &self.azure,
            "gcp" => &self.gcp,
            _ => return None,
        };
        (!said.trim().is_empty()).then_some(said.as_str())
    }
}

/// Every term, longest neutral phrase first (so that a phrase inside a longer one waits for it).
#[derive(Debug, Clone, Default)]
pub struct StoryTerms {
    pub terms: Vec<Term>,
}

impl StoryTerms {
    pub fn builtin() -> Result<StoryTerms, String> {
        let mut t = StoryTerms::default();
        t.add(
            Path::new("assets/stories/terms.ron"),
            include_str!("../../../../assets/stories/terms.ron"),
        )?;
        Ok(t)
    }

    /// Adds a file's terms; a term of a known neutral phrase replaces it. An error names the file
    /// and the place, and adds nothing.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let file: TermsFile = crate::files::from_ron(origin, text).map_err(|e| e.to_string())?;
        for term in &file.terms {
            if term.generic.trim().is_empty() {
                return Err(format!(
                    "{}{}: a term needs its neutral phrase (`generic`)",
                    origin.display(),
                    super::extraction::position_of(text, "generic")
                ));
            }
        }
        for term in file.terms {
            self.terms.retain(|t| t.generic != term.generic);
            self.terms.push(term);
        }
        self.terms
            .sort_by_key(|t| std::cmp::Reverse(t.generic.len()));
        Ok(())
    }

    /// `text` in the words of `target` (`aws`, `azure`, `gcp`); unchanged for another target.
    pub fn apply(&self, text: &str, target: &str) -> String {
        let mut out = text.to_string();
        for term in &self.terms {
            if let Some(said) = term.on(target)
                && out.contains(&term.generic)
            {
                out = out.replace(&term.generic, said);
            }
        }
        out
    }
}

static INSTALLED: Installed<StoryTerms> = Installed::new("story terms", StoryTerms::builtin, load);

/// Why team files were left out when the terms were installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed terms (the built-in ones with the team's, see [`super::use_config_dir`]).
pub fn story_terms() -> &'static StoryTerms {
    INSTALLED.get()
}

/// Loads the built-in terms and the team's `<config>/stories/terms*.ron`; with one warning per
/// team file left out.
fn load(config_dir: &Path) -> (Option<StoryTerms>, Vec<String>) {
    super::with_team_files(
        StoryTerms::builtin(),
        config_dir,
        "stories",
        |name| name.starts_with("terms"),
        StoryTerms::add,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutral_phrases_read_in_the_providers_words_and_stay_elsewhere() {
        let t = StoryTerms::builtin().unwrap();
        let text = "State is stored in a dedicated bucket (or storage account) that is versioned.";
        assert_eq!(
            t.apply(text, "aws"),
            "State is stored in a dedicated S3 bucket that is versioned."
        );
        assert_eq!(
            t.apply(text, "gcp"),
            "State is stored in a dedicated Cloud Storage bucket that is versioned."
        );
        assert_eq!(t.apply(text, "on-premises"), text);
    }

    #[test]
    fn every_neutral_phrase_is_one_the_story_rules_write() {
        let t = StoryTerms::builtin().unwrap();
        let written: String = [
            include_str!("../../../../assets/stories/rules.ron"),
            include_str!("../../../../assets/stories/refine.ron"),
        ]
        .concat();
        for term in &t.terms {
            assert!(
                written.contains(&term.generic),
                "{:?} is in no story rule",
                term.generic
            );
        }
    }

    #[test]
    fn a_term_without_its_phrase_or_with_an_unknown_provider_is_refused_with_its_place() {
        let mut t = StoryTerms::default();
        let err = t
            .add(
                Path::new("team/stories/terms.ron"),
                "Terms(terms: [\n  Term(generic: \"x\", oci: \"y\"),\n])",
            )
            .unwrap_err();
        assert!(err.starts_with("team/stories/terms.ron:2:"), "{err}");
        assert!(err.contains("oci"), "{err}");
        let err = t
            .add(
                Path::new("team/stories/terms.ron"),
                "Terms(terms: [Term(generic: \" \", aws: \"y\")])",
            )
            .unwrap_err();
        assert!(err.contains("neutral phrase"), "{err}");
        assert!(t.terms.is_empty());
    }
}
