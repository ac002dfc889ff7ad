//! The names documents give a project's environments (`assets/extraction/environments.ron`), so
//! that the document can gather what the inputs say about each one.

use std::path::Path;

use serde::Deserialize;

use super::phrases::Phrases;
use super::position_of;
use crate::files::from_ron;

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Environments", default)]
struct EnvironmentsFile {
    environments: Vec<EnvironmentEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Environment")]
struct EnvironmentEntry {
    name: String,
    words: Vec<String>,
    #[serde(default)]
    in_text: Vec<String>,
}

/// One kind of environment, the words that name it in a cell or a lead (lower case), and the
/// phrases that name it inside a sentence.
#[derive(Debug, Clone)]
pub struct EnvironmentKind {
    pub name: String,
    pub words: Vec<String>,
    pub in_text: Phrases,
}

/// Every kind of environment known, in the order the document shows them.
#[derive(Debug, Default, Clone)]
pub struct Environments {
    pub kinds: Vec<EnvironmentKind>,
}

impl Environments {
    /// Adds a file's environments; words of a known name join it.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let f: EnvironmentsFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        let at = |near: &str| format!("{}{}", origin.display(), position_of(text, near));
        for e in f.environments {
            if e.name.trim().is_empty() {
                return Err(format!(
                    "{}: an environment needs a name",
                    at("Environment")
                ));
            }
            let words: Vec<String> = e
                .words
                .iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            if words.is_empty() {
                return Err(format!(
                    "{}: environment {:?} has no words",
                    at(&e.name),
                    e.name
                ));
            }
            if let Some((w, other)) = words.iter().find_map(|w| {
                self.kinds
                    .iter()
                    .find(|k| k.name != e.name && k.words.contains(w))
                    .map(|k| (w, k.name.clone()))
            }) {
                return Err(format!(
                    "{}: {w:?} already names environment {other:?}",
                    at(w)
                ));
            }
            let in_text: Vec<String> = e
                .in_text
                .iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            match self.kinds.iter_mut().find(|k| k.name == e.name) {
                Some(known) => {
                    for w in words {
                        if !known.words.contains(&w) {
                            known.words.push(w);
                        }
                    }
                    known.in_text.extend(in_text);
                }
                None => self.kinds.push(EnvironmentKind {
                    name: e.name.trim().to_string(),
                    words,
                    in_text: Phrases::new(in_text),
                }),
            }
        }
        Ok(())
    }

    /// The kinds of environment a sentence names with their in-text phrases, by index, each once.
    /// Of overlapping matches of two kinds, the one that starts first counts ("pre-production"
    /// in "pre-production project", not "production project"). A sentence that lists three kinds or more by their words
    /// ("one subscription per environment (dev, test, prod)") names none: it is about all of them.
    pub fn named_in(&self, sentence: &str) -> Vec<usize> {
        let lower = sentence.to_lowercase();
        let listed = self
            .kinds
            .iter()
            .filter(|k| k.words.iter().any(|w| has_word(&lower, w)))
            .count();
        if listed >= 3 {
            return Vec::new();
        }
        let spans: Vec<(usize, usize, usize)> = self
            .kinds
            .iter()
            .enumerate()
            .flat_map(|(i, k)| {
                k.in_text
                    .find(sentence)
                    .into_iter()
                    .map(move |(a, b)| (i, a, b))
            })
            .collect();
        let mut out: Vec<usize> = Vec::new();
        for &(i, a, b) in &spans {
            // Of two overlapping matches of different kinds, the one that starts first wins (at the
            // same start, the longer).
            let inside = spans
                .iter()
                .any(|&(j, c, d)| j != i && c < b && a < d && (c < a || (c == a && d - c > b - a)));
            if !inside && !out.contains(&i) {
                out.push(i);
            }
        }
        out.sort_unstable();
        out
    }

    /// The kind of environment a table cell or a list item's lead names, by its index: the whole
    /// text is one of its words, ignoring case, Markdown emphasis and code marks, and a trailing
    /// parenthesis (`**Production** (eu-west-1)`).
    pub fn named_by(&self, text: &str) -> Option<usize> {
        let mut t = text.trim();
        if let Some(open) = t.find(" (")
            && t.ends_with(')')
        {
            t = &t[..open];
        }
        let t = t
            .trim_matches(|c: char| matches!(c, '*' | '_' | '`') || c.is_whitespace())
            .to_lowercase();
        if t.is_empty() {
            return None;
        }
        self.kinds.iter().position(|k| k.words.contains(&t))
    }
}

/// Whether `word` (lower case) stands in `text` (lower case) as a word of its own.
fn has_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    text.match_indices(word).any(|(at, _)| {
        text[..at].chars().next_back().is_none_or(|c| !is_word(c))
            && text[at + word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !is_word(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Environments {
        let mut e = Environments::default();
        e.add(
            Path::new("assets/extraction/environments.ron"),
            include_str!("../../../../../assets/extraction/environments.ron"),
        )
        .unwrap();
        e
    }

    #[test]
    fn cells_name_environments_whatever_their_case_and_emphasis() {
        let e = builtin();
        let name = |t: &str| e.named_by(t).map(|i| e.kinds[i].name.as_str());
        assert_eq!(name("prod"), Some("production"));
        assert_eq!(name("**Production** (eu-west-1)"), Some("production"));
        assert_eq!(name("`staging`"), Some("staging"));
        assert_eq!(name("Pre-Prod"), Some("staging"));
        assert_eq!(name("UAT"), Some("user acceptance"));
        assert_eq!(name("production database"), None);
        // In a sentence, only phrases that cannot mean anything else.
        let named = |t: &str| -> Vec<&str> {
            e.named_in(t)
                .into_iter()
                .map(|i| e.kinds[i].name.as_str())
                .collect()
        };
        assert_eq!(named("Rehearsed once in staging in August."), ["staging"]);
        assert_eq!(named("No ClickOps in prod."), ["production"]);
        assert_eq!(
            named("The dev team owns the product roadmap."),
            Vec::<&str>::new()
        );
        assert_eq!(
            named("Copies to staging are anonymised; prod data never leaves prod."),
            ["staging", "production"]
        );
        assert_eq!(name(""), None);
        // The order of the file is the order of the document.
        let order: Vec<&str> = e.kinds.iter().map(|k| k.name.as_str()).collect();
        assert!(
            order.iter().position(|n| *n == "development")
                < order.iter().position(|n| *n == "production")
        );
    }

    #[test]
    fn a_word_that_names_two_environments_is_refused_where_it_is_written() {
        let mut e = builtin();
        let err = e
            .add(
                Path::new("team/environments.ron"),
                "Environments(environments: [\n  Environment(name: \"integration\", words: [\"qa\"]),\n])",
            )
            .unwrap_err();
        assert_eq!(
            err,
            "team/environments.ron:2:44: \"qa\" already names environment \"test\""
        );
        // A team adds a word to a known environment.
        e.add(
            Path::new("team/environments.ron"),
            "Environments(environments: [Environment(name: \"production\", words: [\"prd-eu\"])])",
        )
        .unwrap();
        assert_eq!(e.kinds[e.named_by("PRD-EU").unwrap()].name, "production");
    }
}
