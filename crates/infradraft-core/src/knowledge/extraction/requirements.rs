//! What makes a piece of a document a requirement and what decides its category
//! (`assets/extraction/requirements.ron`): id prefixes, the headings of requirement sections and
//! of sections to leave out, category keywords, category-column words, and the normative words
//! that make a sentence a requirement wherever it stands.

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::position_of;
use crate::files::from_ron;
use crate::model::RequirementCategory;

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Requirements", default)]
struct RequirementsFile {
    id_prefixes: Vec<(String, Option<RequirementCategory>)>,
    hard_excluded_headings: Vec<String>,
    excluded_headings: Vec<String>,
    quality_words: Vec<(String, Option<RequirementCategory>)>,
    filler_words: Vec<String>,
    category_keywords: Vec<KeywordsEntry>,
    category_cells: Vec<(String, RequirementCategory)>,
    non_functional_headings: Vec<String>,
    non_functional_heading_words: Vec<String>,
    functional_headings: Vec<String>,
    functional_headings_exact: Vec<String>,
    business_headings_exact: Vec<String>,
    business_headings: Vec<String>,
    title_headings: Vec<String>,
    normative: Vec<String>,
    security_headings: Vec<String>,
    exclusion_leads: Vec<String>,
    goal_cues: Vec<String>,
    modal_words: Vec<String>,
    definition_cues: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Keywords")]
struct KeywordsEntry {
    category: RequirementCategory,
    patterns: Vec<String>,
}

/// The requirement knowledge, every list in file order (a team's additions after the built-in).
#[derive(Debug, Default)]
pub struct RequirementCues {
    pub id_prefixes: Vec<(String, Option<RequirementCategory>)>,
    pub hard_excluded_headings: Vec<String>,
    pub excluded_headings: Vec<String>,
    pub quality_words: Vec<(String, Option<RequirementCategory>)>,
    pub filler_words: Vec<String>,
    /// Per category, in tie-break order.
    pub category_keywords: Vec<(RequirementCategory, Vec<Regex>)>,
    pub category_cells: Vec<(String, RequirementCategory)>,
    pub non_functional_headings: Vec<String>,
    pub non_functional_heading_words: Vec<String>,
    pub functional_headings: Vec<String>,
    pub functional_headings_exact: Vec<String>,
    pub business_headings_exact: Vec<String>,
    pub business_headings: Vec<String>,
    pub title_headings: Vec<String>,
    pub normative: Vec<Regex>,
    pub security_headings: Vec<String>,
    pub exclusion_leads: Vec<String>,
    pub goal_cues: Vec<Regex>,
    pub modal_words: Vec<String>,
    pub definition_cues: Vec<String>,
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

fn lower(list: Vec<String>) -> impl Iterator<Item = String> {
    list.into_iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
}

impl RequirementCues {
    /// Adds a file's knowledge to what is known.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let f: RequirementsFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for (prefix, category) in f.id_prefixes {
            if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(format!(
                    "{}{}: id prefix {prefix:?} must be upper-case letters",
                    origin.display(),
                    position_of(text, &prefix)
                ));
            }
            self.id_prefixes.push((prefix, category));
        }
        self.hard_excluded_headings
            .extend(lower(f.hard_excluded_headings));
        self.excluded_headings.extend(lower(f.excluded_headings));
        self.quality_words.extend(
            f.quality_words
                .into_iter()
                .map(|(w, c)| (w.trim().to_lowercase(), c)),
        );
        self.filler_words.extend(lower(f.filler_words));
        for k in f.category_keywords {
            let compiled = k
                .patterns
                .iter()
                .map(|p| pattern(origin, text, p))
                .collect::<Result<Vec<_>, _>>()?;
            match self
                .category_keywords
                .iter_mut()
                .find(|(c, _)| *c == k.category)
            {
                Some((_, known)) => known.extend(compiled),
                None => self.category_keywords.push((k.category, compiled)),
            }
        }
        self.category_cells.extend(
            f.category_cells
                .into_iter()
                .map(|(w, c)| (w.trim().to_lowercase(), c)),
        );
        self.non_functional_headings
            .extend(lower(f.non_functional_headings));
        self.non_functional_heading_words
            .extend(lower(f.non_functional_heading_words));
        self.functional_headings
            .extend(lower(f.functional_headings));
        self.functional_headings_exact
            .extend(lower(f.functional_headings_exact));
        self.business_headings_exact
            .extend(lower(f.business_headings_exact));
        self.business_headings.extend(lower(f.business_headings));
        self.title_headings.extend(lower(f.title_headings));
        for p in &f.normative {
            self.normative.push(pattern(origin, text, p)?);
        }
        self.security_headings.extend(lower(f.security_headings));
        self.exclusion_leads.extend(lower(f.exclusion_leads));
        for p in &f.goal_cues {
            self.goal_cues.push(pattern(origin, text, p)?);
        }
        self.modal_words.extend(lower(f.modal_words));
        // Not trimmed: " means " is matched with its spaces.
        self.definition_cues.extend(
            f.definition_cues
                .into_iter()
                .map(|c| c.to_lowercase())
                .filter(|c| !c.is_empty()),
        );
        Ok(())
    }

    /// The category an id prefix implies, and whether the prefix is known at all.
    pub fn prefix(&self, prefix: &str) -> Option<Option<RequirementCategory>> {
        self.id_prefixes
            .iter()
            .find(|(p, _)| p == prefix)
            .map(|(_, c)| *c)
    }

    /// Whether a statement defines the normative words rather than using them ("MUST and SHOULD
    /// as in RFC 2119").
    pub fn defines_modal_words(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let modals = self
            .modal_words
            .iter()
            .filter(|m| words.contains(&m.as_str()))
            .count();
        modals >= 2
            && self
                .definition_cues
                .iter()
                .any(|c| lower.contains(c.as_str()))
    }

    /// The quality category a heading word implies, and whether it is a quality word at all.
    pub fn quality(&self, word: &str) -> Option<Option<RequirementCategory>> {
        self.quality_words
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, c)| *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_file_adds_to_the_lists_and_bad_patterns_name_their_place() {
        let mut cues = RequirementCues::default();
        cues.add(
            Path::new("b.ron"),
            "Requirements(id_prefixes: [(\"OPS\", None)], normative: [\"\\\\bmust\\\\b\"])",
        )
        .unwrap();
        cues.add(
            Path::new("team.ron"),
            "Requirements(\n  id_prefixes: [(\"CTRL\", Some(Security))],\n  category_keywords: [Keywords(category: Security, patterns: [\"\\\\bhsm\\\\b\"])],\n)",
        )
        .unwrap();
        assert_eq!(
            cues.prefix("CTRL"),
            Some(Some(RequirementCategory::Security))
        );
        assert_eq!(cues.prefix("OPS"), Some(None));
        assert!(cues.normative[0].is_match("It MUST hold"));
        let err = cues
            .add(
                Path::new("team.ron"),
                "Requirements(\n  normative: [\"(broken\"],\n)",
            )
            .unwrap_err();
        assert!(err.starts_with("team.ron:2:15:"), "{err}");
        let err = cues
            .add(
                Path::new("t.ron"),
                "Requirements(id_prefixes: [(\"ops\", None)])",
            )
            .unwrap_err();
        assert!(err.contains("upper-case"), "{err}");
    }
}
