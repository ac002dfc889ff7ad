//! Which tags an option card may carry: one known list, so that a misspelt tag in a catalog file is
//! caught instead of silently never matching anything.
//!
//! Tags come from two places. Facts extracted from the inputs are tagged with the extraction
//! vocabulary ([`crate::inputs::extract::VOCABULARY`]: technologies, providers, architecture styles,
//! region names). Options additionally describe design approaches that documents rarely name in so
//! many words but that the cross-check and ranking still reason about (`blue-green`, `pilot-light`,
//! `account-per-environment`); those are [`DESIGN_TAGS`]. A `no-<tag>` in `conflicts_with` is known
//! when `<tag>` is.

use crate::inputs::extract::{tag_def, tag_topic};

/// Design approaches and qualities that options are tagged with besides the extraction vocabulary.
pub const DESIGN_TAGS: &[&str] = &[
    // Provider and hosting models
    "public-cloud",
    "private-cloud",
    "sovereign-cloud",
    "hybrid",
    "single-cloud",
    "multi-cloud",
    "provider-native",
    "managed",
    "self-managed",
    "saas",
    "managed-service-provider",
    // Compute
    "containers",
    "serverless-containers",
    "functions",
    "autoscaling",
    "scale-to-zero",
    "spot",
    "reserved-capacity",
    "rightsizing",
    // Data
    "sql",
    "nosql",
    "distributed-sql",
    "object-storage",
    "single-instance",
    "point-in-time-recovery",
    "daily-backup",
    // Network and security
    "hub-and-spoke",
    "shared-vpc",
    "isolated-networks",
    "perimeter",
    "zero-trust",
    "waf",
    "kms",
    "sso",
    "siem",
    "policy-as-code",
    "compliance-scanning",
    // Availability and recovery
    "single-az",
    "multi-az",
    "multi-region",
    "active-active",
    "warm-standby",
    "pilot-light",
    "backup-restore",
    "chaos-engineering",
    "slo",
    "sre",
    // Delivery
    "blue-green",
    "canary",
    "feature-flags",
    "manual-approval",
    "ephemeral-environments",
    "iac-testing",
    // Environments and accounts
    "account-per-environment",
    "prod-nonprod-split",
    "shared-account",
    // Organisation
    "platform-team",
    "central-ops",
    "you-build-it-you-run-it",
    "team-topologies",
    "inner-source",
    "internal-developer-portal",
    "finops",
    "adr",
    // Evolution
    "stay-and-optimise",
    "phased-migration",
    "strangler-fig",
    "re-architecture",
];

/// Whether an option may carry `tag` (in `tags`, or in `conflicts_with` with a `no-` prefix).
pub fn is_known(tag: &str) -> bool {
    let base = tag.strip_prefix("no-").unwrap_or(tag);
    tag_def(base).is_some() || tag_topic(base).is_some() || DESIGN_TAGS.contains(&base)
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
        for tag in DESIGN_TAGS {
            assert!(seen.insert(tag), "{tag} listed twice");
            assert!(tag_def(tag).is_none(), "{tag} is already in the vocabulary");
            assert!(
                tag.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{tag}"
            );
        }
    }
}
