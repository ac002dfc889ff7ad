//! The knowledge that drives reading the inputs, as data: `assets/extraction/*.ron`, built in, and
//! a team's own files in `<config>/extraction/`, which add to them. Each file kind has a module
//! here with its shape and its validation; every problem is reported as `file:line:col: what`.
//!
//! The knowledge is loaded once per process, the first time [`extraction`] is called: the built-in
//! files, and the team's when the command line said where they are
//! ([`crate::knowledge::use_config_dir`]).

pub mod conflicts;
pub mod environments;
pub mod geography;
pub mod modality;
pub mod phrases;
pub mod regimes;
pub mod requirements;
pub mod sentences;
pub mod vocabulary;

use std::path::Path;

use super::Installed;

pub use conflicts::ConflictCues;
pub use environments::Environments;
pub use geography::Geography;
pub use modality::ModalityCues;
pub use phrases::Phrases;
pub use regimes::{RegimeDef, Regimes};
pub use requirements::RequirementCues;
pub use sentences::Sentences;
pub use vocabulary::{Negation, TagDef, Vocabulary, normalize_phrase};

/// Everything the extractor knows.
#[derive(Debug)]
pub struct Extraction {
    pub regimes: Regimes,
    pub requirements: RequirementCues,
    pub modality: ModalityCues,
    pub vocabulary: Vocabulary,
    pub negation: Negation,
    pub conflicts: ConflictCues,
    pub geography: Geography,
    pub environments: Environments,
    pub sentences: Sentences,
}

static INSTALLED: Installed<Extraction> = Installed::new("extraction knowledge", builtin, load);

/// Why team files were left out when the knowledge was installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed knowledge (see the module docs).
pub fn extraction() -> &'static Extraction {
    INSTALLED.get()
}

/// The built-in knowledge with the team's files in `<config>/extraction/` added, and one warning
/// per team file that could not be used (the file is then left out).
fn load(config_dir: &Path) -> (Option<Extraction>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut knowledge = match builtin() {
        Ok(k) => k,
        Err(e) => return (None, vec![e]),
    };
    for (path, text) in super::team_files(config_dir, "extraction") {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let result = text.and_then(|text| {
            if name.starts_with("regimes") {
                knowledge.regimes.add(&path, &text)
            } else if name.starts_with("requirements") {
                knowledge.requirements.add(&path, &text)
            } else if name.starts_with("modality") {
                knowledge.modality.add(&path, &text)
            } else if name.starts_with("vocabulary") {
                knowledge
                    .vocabulary
                    .add(&path, &text)
                    .and_then(|()| {
                        knowledge
                            .vocabulary
                            .check()
                            .map_err(|e| format!("{}: {e}", path.display()))
                    })
            } else if name.starts_with("negation") {
                knowledge.negation.add(&path, &text)
            } else if name.starts_with("conflicts") {
                let vocabulary = &knowledge.vocabulary;
                knowledge
                    .conflicts
                    .add(&path, &text)
                    .and_then(|()| {
                        knowledge
                            .conflicts
                            .check(&|t| vocabulary.tags.iter().any(|d| d.tag == t))
                            .map_err(|e| format!("{}: {e}", path.display()))
                    })
            } else if name.starts_with("geography") {
                knowledge.geography.add(&path, &text)
            } else if name.starts_with("environments") {
                knowledge.environments.add(&path, &text)
            } else if name.starts_with("sentences") {
                knowledge.sentences.add(&path, &text)
            } else {
                Err(format!(
                    "{}: not a kind of extraction file infradraft knows (names start with: conflicts, environments, geography, modality, negation, regimes, requirements, sentences, vocabulary)",
                    path.display()
                ))
            }
        });
        if let Err(e) = result {
            warnings.push(format!("{e}; file skipped"));
        }
    }
    (Some(knowledge), warnings)
}

/// The built-in knowledge from `assets/extraction/`.
pub fn builtin() -> Result<Extraction, String> {
    let mut regimes = Regimes::default();
    regimes.add(
        Path::new("assets/extraction/regimes.ron"),
        include_str!("../../../../../assets/extraction/regimes.ron"),
    )?;
    let mut requirements = RequirementCues::default();
    requirements.add(
        Path::new("assets/extraction/requirements.ron"),
        include_str!("../../../../../assets/extraction/requirements.ron"),
    )?;
    let mut modality = ModalityCues::default();
    modality.add(
        Path::new("assets/extraction/modality.ron"),
        include_str!("../../../../../assets/extraction/modality.ron"),
    )?;
    let mut vocabulary = Vocabulary::default();
    let origin = Path::new("assets/extraction/vocabulary.ron");
    vocabulary.add(
        origin,
        include_str!("../../../../../assets/extraction/vocabulary.ron"),
    )?;
    vocabulary
        .check()
        .map_err(|e| format!("{}: {e}", origin.display()))?;
    let mut negation = Negation::default();
    negation.add(
        Path::new("assets/extraction/negation.ron"),
        include_str!("../../../../../assets/extraction/negation.ron"),
    )?;
    let mut conflicts = ConflictCues::default();
    let origin = Path::new("assets/extraction/conflicts.ron");
    conflicts.add(
        origin,
        include_str!("../../../../../assets/extraction/conflicts.ron"),
    )?;
    conflicts
        .check(&|t| vocabulary.tags.iter().any(|d| d.tag == t))
        .map_err(|e| format!("{}: {e}", origin.display()))?;
    let mut geography = Geography::default();
    geography.add(
        Path::new("assets/extraction/geography.ron"),
        include_str!("../../../../../assets/extraction/geography.ron"),
    )?;
    let mut environments = Environments::default();
    environments.add(
        Path::new("assets/extraction/environments.ron"),
        include_str!("../../../../../assets/extraction/environments.ron"),
    )?;
    let mut sentences = Sentences::default();
    sentences.add(
        Path::new("assets/extraction/sentences.ron"),
        include_str!("../../../../../assets/extraction/sentences.ron"),
    )?;
    Ok(Extraction {
        conflicts,
        environments,
        sentences,
        geography,
        regimes,
        requirements,
        modality,
        vocabulary,
        negation,
    })
}

/// Where in `text` the first occurrence of `needle` (as a quoted RON string) stands, as `:line:col`
/// for an error message; empty when it cannot be found (an escaped string).
pub(crate) fn position_of(text: &str, needle: &str) -> String {
    let quoted = format!("{:?}", needle);
    let at = text.find(&quoted).or_else(|| text.find(needle));
    at.map_or_else(String::new, |at| line_col(text, at))
}

/// Byte offset `at` of `text` as `:line:col`.
fn line_col(text: &str, at: usize) -> String {
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    format!(":{line}:{col}")
}

/// Where the value of the first `field:` in `text` that `value` accepts stands (given the text
/// from the value on), as `:line:col` for an error message; empty when there is none. For problems
/// a quoted string cannot point at: an empty text (`title: ""`), an empty list (`criteria: []`).
pub(crate) fn position_of_field(text: &str, field: &str, value: impl Fn(&str) -> bool) -> String {
    for (at, _) in text.match_indices(field) {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = text[at + field.len()..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        if value(rest) {
            return line_col(text, text.len() - rest.len());
        }
    }
    String::new()
}

/// Whether a RON value starts as an empty list, `[]` (spaces allowed).
pub(crate) fn is_empty_list(value: &str) -> bool {
    value
        .strip_prefix('[')
        .is_some_and(|rest| rest.trim_start().starts_with(']'))
}

/// Whether a RON value starts as an empty or blank string.
pub(crate) fn is_blank_string(value: &str) -> bool {
    value
        .strip_prefix('"')
        .and_then(|rest| rest.find('"').map(|end| rest[..end].trim().is_empty()))
        .unwrap_or(false)
}

/// A regular expression from a knowledge file, or an error naming the file and the position of the
/// pattern.
pub(crate) fn compile(origin: &Path, text: &str, pattern: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(pattern).map_err(|e| {
        let first = e.to_string();
        let reason = first.lines().last().unwrap_or(&first).trim().to_string();
        format!(
            "{}{}: {pattern:?} is not a valid regular expression: {reason}",
            origin.display(),
            position_of(text, pattern)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_knowledge_loads() {
        let k = builtin().unwrap();
        assert!(k.regimes.names().any(|n| n == "DORA"));
    }

    #[test]
    fn positions_point_at_a_fields_value() {
        let text = "A(\n  title: \"x\",\n  title :  \"\",\n  criteria: [ ],\n)";
        assert_eq!(position_of_field(text, "title", is_blank_string), ":3:12");
        assert_eq!(position_of_field(text, "criteria", is_empty_list), ":4:13");
        assert_eq!(position_of_field(text, "so_that", is_blank_string), "");
    }

    #[test]
    fn positions_point_at_the_string() {
        let text = "A(\n  x: [\"ok\", \"(bad\"],\n)";
        assert_eq!(position_of(text, "(bad"), ":2:13");
        let err = compile(Path::new("t.ron"), text, "(bad").unwrap_err();
        assert!(
            err.starts_with("t.ron:2:13: \"(bad\" is not a valid regular expression"),
            "{err}"
        );
    }
}
