//! Which tags an option card may carry: one known list, so that a misspelt tag in a catalog file is
//! caught instead of silently never matching anything.
//!
//! Tags come from two places, both in `assets/extraction/vocabulary.ron`. Facts extracted from the
//! inputs are tagged with the extraction vocabulary (technologies, providers, architecture styles,
//! region names). Options additionally describe design approaches that documents rarely name in so
//! many words but that the cross-check and ranking still reason about (`blue-green`, `pilot-light`,
//! `account-per-environment`); those are its design tags. A `no-<tag>` in `conflicts_with` is known
//! when `<tag>` is.

use super::extraction::extraction;

/// Whether `tag` is written as a tag: lowercase ASCII letters, digits and hyphens.
pub fn is_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Whether an option may carry `tag` (in `tags`, or in `conflicts_with` with a `no-` prefix).
pub fn is_known(tag: &str) -> bool {
    let base = tag.strip_prefix("no-").unwrap_or(tag);
    let vocabulary = &extraction().vocabulary;
    vocabulary.tag_def(base).is_some()
        || vocabulary.tag_topic(base).is_some()
        || vocabulary.design_tags.iter().any(|t| t == base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_design_and_region_tags_are_known_and_typos_are_not() {
        for tag in [
            "kubernetes",
            "no-serverless",
            "blue-green",
            "eu-north-1",
            "no-gitops",
        ] {
            assert!(is_known(tag), "{tag}");
        }
        for tag in ["kubernets", "no-", "blue_green", ""] {
            assert!(!is_known(tag), "{tag}");
        }
    }

    #[test]
    fn design_tags_are_well_formed_and_listed_once_across_both_lists() {
        let mut seen = std::collections::HashSet::new();
        for tag in &super::super::extraction::extraction()
            .vocabulary
            .design_tags
        {
            assert!(seen.insert(tag), "{tag} listed twice");
            assert!(
                extraction().vocabulary.tag_def(tag).is_none(),
                "{tag} is already in the vocabulary"
            );
            assert!(
                tag.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{tag}"
            );
        }
    }
}
