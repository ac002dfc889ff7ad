//! Compliance regimes: their names, the patterns that find them in a document, and the phrases
//! that rule one out (`assets/extraction/regimes.ron`).

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use super::{compile, position_of};
use crate::files::from_ron;

#[derive(Debug, Deserialize)]
#[serde(rename = "Regimes")]
struct RegimesFile {
    regimes: Vec<RegimeEntry>,
    #[serde(default)]
    not_applicable: Vec<String>,
    #[serde(default)]
    asked: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Regime")]
struct RegimeEntry {
    name: String,
    patterns: Vec<String>,
}

/// One regime: its display name and what finds it.
#[derive(Debug)]
pub struct RegimeDef {
    pub name: String,
    pub patterns: Vec<Regex>,
}

/// Every regime known, in file order, and the phrases that rule one out.
#[derive(Debug, Default)]
pub struct Regimes {
    pub regimes: Vec<RegimeDef>,
    /// Lower-case phrases ("does not apply") that, in a regime's clause, rule it out.
    pub not_applicable: Vec<String>,
    /// Lower-case phrases ("asked whether") that, right before a regime, report a question about
    /// it: such a mention says nothing of whether it applies.
    pub asked: Vec<String>,
}

/// Adds `more` to `list`, lower case and trimmed, leaving out blanks and phrases already there.
fn add_phrases(list: &mut Vec<String>, more: Vec<String>) {
    for phrase in more {
        let phrase = phrase.trim().to_lowercase();
        if !phrase.is_empty() && !list.contains(&phrase) {
            list.push(phrase);
        }
    }
}

impl Regimes {
    /// Adds a file's regimes: a regime of a name already known gets the new patterns too.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let file: RegimesFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for entry in file.regimes {
            if entry.name.trim().is_empty() {
                return Err(format!(
                    "{}{}: a regime needs a name",
                    origin.display(),
                    position_of(text, "name")
                ));
            }
            if entry.patterns.is_empty() {
                return Err(format!(
                    "{}{}: regime {:?} has no patterns",
                    origin.display(),
                    position_of(text, &entry.name),
                    entry.name
                ));
            }
            let patterns = entry
                .patterns
                .iter()
                .map(|p| compile(origin, text, p))
                .collect::<Result<Vec<_>, _>>()?;
            match self.regimes.iter_mut().find(|r| r.name == entry.name) {
                Some(known) => known.patterns.extend(patterns),
                None => self.regimes.push(RegimeDef {
                    name: entry.name,
                    patterns,
                }),
            }
        }
        add_phrases(&mut self.not_applicable, file.not_applicable);
        add_phrases(&mut self.asked, file.asked);
        Ok(())
    }

    /// The regime names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.regimes.iter().map(|r| r.name.as_str())
    }

    /// The canonical name of a regime written any way the patterns know (`"soc2"` → `"SOC 2"`).
    pub fn canonical(&self, written: &str) -> Option<&str> {
        self.regimes
            .iter()
            .find(|r| {
                r.name.eq_ignore_ascii_case(written)
                    || r.patterns.iter().any(|p| p.is_match(written))
            })
            .map(|r| r.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_file_adds_regimes_and_ways_of_writing_them() {
        let mut r = Regimes::default();
        r.add(
            Path::new("a.ron"),
            r#"Regimes(regimes: [Regime(name: "GDPR", patterns: ["(?i)\\bgdpr\\b"])])"#,
        )
        .unwrap();
        r.add(
            Path::new("b.ron"),
            r#"Regimes(regimes: [
                Regime(name: "GDPR", patterns: ["(?i)\\bdsgvo\\b"]),
                Regime(name: "TISAX", patterns: ["\\bTISAX\\b"]),
            ], not_applicable: ["Does not apply"])"#,
        )
        .unwrap();
        assert_eq!(r.names().collect::<Vec<_>>(), ["GDPR", "TISAX"]);
        assert_eq!(r.canonical("DSGVO"), Some("GDPR"));
        assert_eq!(r.not_applicable, ["does not apply"]);
    }

    #[test]
    fn a_bad_file_is_refused_with_its_position() {
        let mut r = Regimes::default();
        let err = r
            .add(
                Path::new("team.ron"),
                "Regimes(regimes: [\n  Regime(name: \"X\", patterns: [\"(unclosed\"]),\n])",
            )
            .unwrap_err();
        assert!(err.starts_with("team.ron:2:32:"), "{err}");
        let err = r
            .add(
                Path::new("team.ron"),
                "Regimes(regimes: [Regime(name: \"X\")])",
            )
            .unwrap_err();
        assert!(err.starts_with("team.ron:1:"), "{err}");
    }
}
