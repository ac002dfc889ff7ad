//! The tag vocabulary (`assets/extraction/vocabulary.ron`): tags with their topic, the phrases
//! that mean each and the tags each implies; product names that count only with capitals; region
//! names; and the design tags option cards carry besides. Also the negation cues
//! (`assets/extraction/negation.ron`).

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::position_of;
use crate::files::from_ron;
use crate::model::AssumptionTopic;

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Vocabulary", default)]
struct VocabularyFile {
    tags: Vec<TagEntry>,
    named: Vec<(String, String)>,
    azure_regions: Vec<(String, String)>,
    region_pattern: String,
    design_tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Tag")]
struct TagEntry {
    tag: String,
    topic: AssumptionTopic,
    #[serde(default)]
    synonyms: Vec<String>,
    #[serde(default)]
    implies: Vec<String>,
}

/// One tag of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagDef {
    /// The normalised tag, lower-case kebab-case (`github-actions`).
    pub tag: String,
    /// The topic facts with this tag are about.
    pub topic: AssumptionTopic,
    /// Phrases that mean this tag, lower case; a space also matches a hyphen.
    pub synonyms: Vec<String>,
    /// Tags that this one implies (for matching only; facts keep the tag as found).
    pub implies: Vec<String>,
}

/// The vocabulary, every list in file order (a team's additions after the built-in).
#[derive(Debug, Default)]
pub struct Vocabulary {
    pub tags: Vec<TagDef>,
    /// Case-sensitive patterns of product names, and their tag.
    pub named: Vec<(Regex, String)>,
    /// Azure region display names (lower case) and their programmatic names.
    pub azure_regions: Vec<(String, String)>,
    /// AWS and Google Cloud region names.
    pub region_pattern: Option<Regex>,
    pub design_tags: Vec<String>,
}

/// Whether a tag is lower-case kebab-case.
pub fn is_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn bad(origin: &Path, text: &str, what: &str, problem: &str) -> String {
    format!("{}{}: {problem}", origin.display(), position_of(text, what))
}

fn regex(origin: &Path, text: &str, p: &str, case_insensitive: bool) -> Result<Regex, String> {
    RegexBuilder::new(p)
        .case_insensitive(case_insensitive)
        .build()
        .map_err(|e| {
            let first = e.to_string();
            let reason = first.lines().last().unwrap_or(&first).trim().to_string();
            bad(
                origin,
                text,
                p,
                &format!("{p:?} is not a valid regular expression: {reason}"),
            )
        })
}

impl Vocabulary {
    /// The entry of a tag (without any `no-` prefix), if it is one.
    pub fn tag_def(&self, tag: &str) -> Option<&TagDef> {
        self.tags.iter().find(|d| d.tag == tag)
    }

    /// The topic of a tag (a `no-` prefix is ignored); region names give
    /// [`AssumptionTopic::Regions`].
    pub fn tag_topic(&self, tag: &str) -> Option<AssumptionTopic> {
        let base = tag.strip_prefix("no-").unwrap_or(tag);
        if let Some(d) = self.tag_def(base) {
            return Some(d.topic);
        }
        self.region_tag(base).map(|_| AssumptionTopic::Regions)
    }

    /// The region tag for a region name (`eu-north-1`, `europe-west1`, `westeurope`,
    /// `West Europe`).
    pub fn region_tag(&self, s: &str) -> Option<String> {
        let lower = s.to_ascii_lowercase();
        if self.region_pattern.as_ref().is_some_and(|p| {
            p.find(&lower)
                .is_some_and(|m| m.start() == 0 && m.end() == lower.len())
        }) {
            return Some(lower);
        }
        let norm = normalize_phrase(s);
        self.azure_regions
            .iter()
            .find(|(display, code)| norm == *display || norm == *code)
            .map(|(_, code)| code.clone())
    }

    /// Adds a file's vocabulary: a tag already known gets the new phrases and implied tags.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let f: VocabularyFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for entry in f.tags {
            if !is_tag(&entry.tag) {
                return Err(bad(
                    origin,
                    text,
                    &entry.tag,
                    &format!("tag {:?} is not lower-case kebab-case", entry.tag),
                ));
            }
            if let Some(i) = entry.implies.iter().find(|i| !is_tag(i)) {
                return Err(bad(
                    origin,
                    text,
                    i,
                    &format!("implied tag {i:?} is not lower-case kebab-case"),
                ));
            }
            let synonyms: Vec<String> = entry
                .synonyms
                .iter()
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect();
            match self.tags.iter_mut().find(|t| t.tag == entry.tag) {
                Some(known) => {
                    known.synonyms.extend(synonyms);
                    known.implies.extend(entry.implies);
                }
                None => self.tags.push(TagDef {
                    tag: entry.tag,
                    topic: entry.topic,
                    synonyms,
                    implies: entry.implies,
                }),
            }
        }
        for (pattern, tag) in f.named {
            if !is_tag(&tag) {
                return Err(bad(
                    origin,
                    text,
                    &tag,
                    &format!("tag {tag:?} is not lower-case kebab-case"),
                ));
            }
            self.named
                .push((regex(origin, text, &pattern, false)?, tag));
        }
        for (display, code) in f.azure_regions {
            self.azure_regions
                .push((display.trim().to_lowercase(), code.trim().to_lowercase()));
        }
        if !f.region_pattern.trim().is_empty() {
            self.region_pattern = Some(regex(origin, text, &f.region_pattern, true)?);
        }
        for tag in f.design_tags {
            if !is_tag(&tag) {
                return Err(bad(
                    origin,
                    text,
                    &tag,
                    &format!("design tag {tag:?} is not lower-case kebab-case"),
                ));
            }
            if !self.design_tags.contains(&tag) {
                self.design_tags.push(tag);
            }
        }
        Ok(())
    }

    /// Checks what only the whole vocabulary can tell: every implied tag is a tag.
    pub fn check(&self) -> Result<(), String> {
        for t in &self.tags {
            if let Some(i) = t
                .implies
                .iter()
                .find(|i| !self.tags.iter().any(|d| &d.tag == *i))
            {
                return Err(format!(
                    "tag {:?} implies {i:?}, which is not a tag of the vocabulary",
                    t.tag
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Negation", default)]
struct NegationFile {
    clause_words: Vec<String>,
    before: Vec<String>,
    after: String,
    people_words: Vec<String>,
    prepositions: Vec<String>,
    modified_nouns: Vec<String>,
    predicate_words: Vec<String>,
    others_words: Vec<String>,
    #[serde(default)]
    intent_verbs: Vec<String>,
    #[serde(default)]
    ban_verbs: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    sparing_verbs: Vec<String>,
    #[serde(default)]
    adjacent_only: Vec<String>,
    #[serde(default)]
    row_statuses: Vec<String>,
}

/// The negation cues.
#[derive(Debug, Default)]
pub struct Negation {
    /// Lower case, with their spaces (" but ").
    pub clause_words: Vec<String>,
    pub before: Vec<String>,
    /// Every `after` pattern of every file; any of them matching rules the phrase out.
    pub after: Vec<Regex>,
    pub people_words: Vec<String>,
    pub prepositions: Vec<String>,
    pub modified_nouns: Vec<String>,
    pub predicate_words: Vec<String>,
    /// Words after a cue that turn it on the others ("no other Kubernetes distributions").
    pub others_words: Vec<String>,
    /// Verbs after which `to` starts an infinitive, not a preposition ("do not want to run
    /// Kubernetes").
    pub intent_verbs: Vec<String>,
    /// Verbs that ban what follows them; an exception after one ("deny all regions except X")
    /// is what is allowed.
    pub ban_verbs: Vec<String>,
    /// Verbs after which a preposition belongs to the verb, so a cue before them still reaches
    /// the phrase ("must not be stored in public cloud services").
    pub verbs: Vec<String>,
    /// Verbs after a cue whose object is kept, not ruled out ("don't expose", "never disable").
    pub sparing_verbs: Vec<String>,
    /// Cues that reach only the word right after them ("non-production").
    pub adjacent_only: Vec<String>,
    /// Cells of a table row that rule the row out ("Hold", "Retired", "Not used").
    pub row_statuses: Vec<String>,
}

fn lower(list: Vec<String>) -> impl Iterator<Item = String> {
    list.into_iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
}

impl Negation {
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let f: NegationFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        self.clause_words.extend(
            f.clause_words
                .into_iter()
                .map(|w| w.to_lowercase())
                .filter(|w| !w.trim().is_empty()),
        );
        self.before.extend(lower(f.before));
        if !f.after.trim().is_empty() {
            self.after.push(regex(origin, text, &f.after, true)?);
        }
        self.people_words.extend(lower(f.people_words));
        self.prepositions.extend(lower(f.prepositions));
        self.modified_nouns.extend(lower(f.modified_nouns));
        self.predicate_words.extend(lower(f.predicate_words));
        self.others_words.extend(lower(f.others_words));
        self.intent_verbs.extend(lower(f.intent_verbs));
        self.ban_verbs.extend(lower(f.ban_verbs));
        self.verbs.extend(lower(f.verbs));
        self.sparing_verbs.extend(lower(f.sparing_verbs));
        self.adjacent_only.extend(lower(f.adjacent_only));
        self.row_statuses.extend(lower(f.row_statuses));
        Ok(())
    }
}

/// A phrase as the vocabulary compares it: lower case, words separated by single spaces (a hyphen
/// counts as a space).
pub fn normalize_phrase(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_file_adds_phrases_to_known_tags_and_new_tags() {
        let mut v = Vocabulary::default();
        v.add(
            Path::new("a.ron"),
            r#"Vocabulary(tags: [Tag(tag: "kubernetes", topic: ContainerOrchestration, synonyms: ["kubernetes"])])"#,
        )
        .unwrap();
        v.add(
            Path::new("team.ron"),
            r#"Vocabulary(tags: [
                Tag(tag: "kubernetes", topic: ContainerOrchestration, synonyms: ["K8s"]),
                Tag(tag: "talos", topic: ContainerOrchestration, synonyms: ["talos linux"], implies: ["kubernetes"]),
            ])"#,
        )
        .unwrap();
        assert_eq!(v.tags.len(), 2);
        assert_eq!(v.tags[0].synonyms, ["kubernetes", "k8s"]);
        v.check().unwrap();
        let err = v
            .add(
                Path::new("team.ron"),
                "Vocabulary(tags: [\n  Tag(tag: \"Bad Tag\", topic: Other),\n])",
            )
            .unwrap_err();
        assert!(err.starts_with("team.ron:2:12:"), "{err}");
        v.add(
            Path::new("t.ron"),
            r#"Vocabulary(tags: [Tag(tag: "x", topic: Other, implies: ["nowhere"])])"#,
        )
        .unwrap();
        assert!(v.check().unwrap_err().contains("\"nowhere\""));
    }
}
