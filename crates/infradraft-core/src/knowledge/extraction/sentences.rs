//! How the paragraphs of input documents are cut into sentences
//! (`assets/extraction/sentences.ron`): the abbreviations whose full stop does not end a sentence.
//!
//! ```ron
//! Sentences(abbreviations: ["e.g", "approx"])
//! ```
//! An abbreviation is written as the word before its full stop, without that full stop: `e.g` for
//! "e.g.". It is compared with the word before a full stop in lower case, so it is kept in lower
//! case. A team's `<config>/extraction/sentences*.ron` adds to the list; an abbreviation that is
//! blank, holds a space or a `(` (the word before a full stop never does), or ends in a full stop
//! is refused with its place.

use std::path::Path;

use serde::Deserialize;

use super::position_of;
use crate::files::from_ron;

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Sentences", deny_unknown_fields, default)]
struct SentencesFile {
    abbreviations: Vec<String>,
}

/// The sentence cues, every list in file order (a team's additions after the built-in).
#[derive(Debug, Default)]
pub struct Sentences {
    /// Lower case, without their final full stop.
    pub abbreviations: Vec<String>,
}

impl Sentences {
    /// Adds a file's abbreviations. An error names the file and the place, and adds nothing.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let file: SentencesFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for a in &file.abbreviations {
            let problem = if a.trim().is_empty() {
                "is blank"
            } else if a.contains(|c: char| c.is_whitespace() || c == '(') {
                "holds a space or a `(`, so no word before a full stop could be it"
            } else if a.ends_with('.') {
                "ends in a full stop: write it without the one that ends the abbreviation"
            } else {
                continue;
            };
            return Err(format!(
                "{}{}: abbreviation {a:?} {problem}",
                origin.display(),
                position_of(text, a)
            ));
        }
        for a in file.abbreviations {
            let a = a.to_lowercase();
            if !self.abbreviations.contains(&a) {
                self.abbreviations.push(a);
            }
        }
        Ok(())
    }

    /// Whether `word` (lower case, as it stands before a full stop) is an abbreviation.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.iter().any(|a| a == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_file_adds_abbreviations_and_a_bad_one_is_refused_with_its_place() {
        let mut s = Sentences::default();
        s.add(
            Path::new("a.ron"),
            r#"Sentences(abbreviations: ["e.g", "approx"])"#,
        )
        .unwrap();
        s.add(
            Path::new("team.ron"),
            r#"Sentences(abbreviations: ["Ca", "e.g"])"#,
        )
        .unwrap();
        assert_eq!(s.abbreviations, ["e.g", "approx", "ca"]);
        assert!(s.is_abbreviation("ca") && !s.is_abbreviation("c"));
        let err = s
            .add(
                Path::new("team.ron"),
                "Sentences(\n  abbreviations: [\"resp\", \"z.B.\"],\n)",
            )
            .unwrap_err();
        assert_eq!(
            err,
            "team.ron:2:27: abbreviation \"z.B.\" ends in a full stop: write it without the one that ends the abbreviation"
        );
        assert_eq!(s.abbreviations.len(), 3);
    }
}
