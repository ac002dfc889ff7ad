//! The rules that draft infrastructure stories from the decisions (step 6), as data:
//! `assets/stories/rules.ron`, built in, and a team's `<config>/stories/rules*.ron`, which add to
//! it. Drafting itself ([`crate::analysis::stories::draft_stories`]) tries the rules; this module
//! holds and checks them.
//!
//! # Shape
//! ```ron
//! StoryRules(
//!     rules: [
//!         Rule(
//!             on: ["infrastructure-as-code"],       // the components it applies to
//!             any: ["terraform", "opentofu"],       // the choice has one of these tags (optional)
//!             all: [],                              // … all of these (optional)
//!             none: [],                             // … none of these (optional)
//!             fallback: false,                      // optional, see below
//!             title: "Bootstrap remote state and locking",
//!             as_a: "platform engineer",            // optional; this is the default
//!             i_want: "a remote state backend with locking for {option}",
//!             so_that: "concurrent applies cannot corrupt state",
//!             criteria: ["State locking is enforced."],
//!             size: Medium,                         // optional: Small, Medium, Large, ExtraLarge
//!         ),
//!     ],
//!     generic: Some(Rule(fallback: true, title: "Implement {section}: {option}", …)),
//! )
//! ```
//! For each decided component, in template order, the rules are tried in order, `generic` last. A
//! rule fires when `on` names the component (the generic rule: any component) and the chosen
//! option's tags, with the tags they imply, meet `any`, `all` and `none`; it fires at most once per
//! session. A `fallback` rule fires only when no rule before it gave the component a story, and
//! may fire for every component. In the texts `{option}` is the chosen option's short name and
//! `{section}` the section's title. The order is kept as written: a component's specific rules
//! come before its fallback.
//!
//! # Checks
//! Every problem is reported as `file:line:col: what`, and a file with one adds nothing: an empty
//! `title`, `as_a`, `i_want` or `so_that`; no criteria, or an empty one; an `Unsized` size (an
//! unknown size is the parser's error); a placeholder other than `{option}` and `{section}`; a
//! rule that is not a fallback and names no component; a component id that is not kebab-case or
//! that the template does not have (the built-in template's decisions, and the team template's
//! when there is one); a tag that is not lower-case kebab-case or that the vocabulary does not
//! know (it would never match); a generic rule that names components or is not a fallback. The
//! built-in rules must have a generic rule.
//!
//! # A team's files
//! In `<config>/stories/`, named `rules*.ron`, in file-name order, in the same shape with every
//! field optional: the rules are added after the built-in ones (so before the generic rule), and a
//! `generic` rule replaces the built-in one. A file with a problem is left out with a warning
//! ([`install_warnings`]).
//!
//! The rules are loaded once per process, the first time [`story_rules`] is called.

use std::path::Path;

use super::Installed;

use serde::Deserialize;

use super::bad_placeholder;
use super::extraction::{is_blank_string, is_empty_list, position_of, position_of_field};
use crate::files::from_ron;
use crate::model::StorySize;

const PATH: &str = "assets/stories/rules.ron";
const BUILTIN: &str = include_str!("../../../../assets/stories/rules.ron");

/// The placeholders a story text may hold.
const PLACEHOLDERS: &[&str] = &["{option}", "{section}"];

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "StoryRules", deny_unknown_fields, default)]
struct RulesFile {
    rules: Vec<StoryRule>,
    generic: Option<StoryRule>,
}

fn platform_engineer() -> String {
    "platform engineer".to_string()
}

fn medium() -> StorySize {
    StorySize::Medium
}

/// One rule that turns a decision into a story.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Rule", deny_unknown_fields)]
pub struct StoryRule {
    /// The component (decision) ids the rule applies to; empty only for the generic rule.
    #[serde(default)]
    pub on: Vec<String>,
    /// The chosen option has at least one of these tags (no condition when empty).
    #[serde(default)]
    pub any: Vec<String>,
    /// The chosen option has all of these tags.
    #[serde(default)]
    pub all: Vec<String>,
    /// The chosen option has none of these tags.
    #[serde(default)]
    pub none: Vec<String>,
    /// Fires only when no rule before it gave the component a story, and may fire for every
    /// component (other rules fire at most once per session).
    #[serde(default)]
    pub fallback: bool,
    pub title: String,
    /// The role, without its article: `platform engineer`.
    #[serde(default = "platform_engineer")]
    pub as_a: String,
    pub i_want: String,
    pub so_that: String,
    pub criteria: Vec<String>,
    #[serde(default = "medium")]
    pub size: StorySize,
}

impl StoryRule {
    /// Whether the rule applies to component `id` (any component when it names none).
    pub fn applies_to(&self, id: &str) -> bool {
        self.on.is_empty() || self.on.iter().any(|c| c == id)
    }

    /// Whether a choice whose tags `has` answers meets the rule's tag conditions.
    pub fn matches(&self, has: impl Fn(&str) -> bool) -> bool {
        (self.any.is_empty() || self.any.iter().any(|t| has(t)))
            && self.all.iter().all(|t| has(t))
            && !self.none.iter().any(|t| has(t))
    }
}

/// The rules in the order they are tried: the built-in ones, a team's, then the generic rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryRules {
    pub rules: Vec<StoryRule>,
    /// For a component no rule gave a story: tried last, for any component.
    pub generic: Option<StoryRule>,
}

/// Checks the tags a knowledge file names: lower-case kebab-case, and, when `known`, known to the
/// vocabulary (or a design tag). An error names the file and the place of the tag.
pub(crate) fn check_tags<'a>(
    origin: &Path,
    text: &str,
    tags: impl Iterator<Item = &'a String>,
    known: bool,
) -> Result<(), String> {
    for tag in tags {
        let problem = if !super::tags::is_tag(tag) {
            "is not lower-case kebab-case"
        } else if known && !super::tags::is_known(tag) {
            "is not a tag the vocabulary knows, so it would never match"
        } else {
            continue;
        };
        return Err(format!(
            "{}{}: tag {tag:?} {problem}",
            origin.display(),
            position_of(text, tag)
        ));
    }
    Ok(())
}

/// Checks a component id a rule names: kebab-case and a component of the template.
pub(crate) fn check_component(
    origin: &Path,
    text: &str,
    id: &str,
    known_id: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    let problem = if !crate::model::is_slug(id) {
        "is not kebab-case"
    } else if !known_id(id) {
        "is not a decision of the template"
    } else {
        return Ok(());
    };
    Err(format!(
        "{}{}: component {id:?} {problem}",
        origin.display(),
        position_of(text, id)
    ))
}

/// The problems of one rule, as `file:line:col: what`.
fn check_rule(
    origin: &Path,
    text: &str,
    rule: &StoryRule,
    known_id: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    let at_field = |field: &str, problem: &str, value: fn(&str) -> bool| {
        format!(
            "{}{}: {problem}",
            origin.display(),
            position_of_field(text, field, value)
        )
    };
    for (field, value) in [
        ("title", &rule.title),
        ("as_a", &rule.as_a),
        ("i_want", &rule.i_want),
        ("so_that", &rule.so_that),
    ] {
        if value.trim().is_empty() {
            return Err(at_field(
                field,
                &format!("a rule needs its `{field}`"),
                is_blank_string,
            ));
        }
    }
    if rule.criteria.is_empty() {
        return Err(at_field(
            "criteria",
            &format!("rule {:?} has no acceptance criteria", rule.title),
            is_empty_list,
        ));
    }
    if rule.criteria.iter().any(|k| k.trim().is_empty()) {
        return Err(format!(
            "{}{}: rule {:?} has an empty acceptance criterion",
            origin.display(),
            position_of(text, ""),
            rule.title
        ));
    }
    if rule.size == StorySize::Unsized {
        return Err(format!(
            "{}{}: rule {:?} needs a size (Small, Medium, Large or ExtraLarge)",
            origin.display(),
            position_of_field(text, "size", |v| v.starts_with("Unsized")),
            rule.title
        ));
    }
    let texts = [&rule.title, &rule.as_a, &rule.i_want, &rule.so_that];
    for t in texts.into_iter().chain(&rule.criteria) {
        if let Some(p) = bad_placeholder(t, PLACEHOLDERS) {
            return Err(format!(
                "{}{}: {p:?} is not a placeholder a story rule may hold (only {{option}} and {{section}})",
                origin.display(),
                position_of(text, p)
            ));
        }
    }
    if rule.on.is_empty() && !rule.fallback {
        return Err(format!(
            "{}{}: rule {:?} names no component (`on`); only a fallback may apply to any",
            origin.display(),
            position_of(text, &rule.title),
            rule.title
        ));
    }
    for id in &rule.on {
        check_component(origin, text, id, known_id)?;
    }
    check_tags(
        origin,
        text,
        rule.any.iter().chain(&rule.all).chain(&rule.none),
        true,
    )
}

impl StoryRules {
    /// Adds a file's rules after the ones already there, and its generic rule in place of the one
    /// there (see the module documentation); `known_id` says which component ids the template
    /// has. An error names the file and the place, and adds nothing.
    pub fn add(
        &mut self,
        origin: &Path,
        text: &str,
        known_id: &dyn Fn(&str) -> bool,
    ) -> Result<(), String> {
        let file: RulesFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for rule in &file.rules {
            check_rule(origin, text, rule, known_id)?;
        }
        if let Some(generic) = &file.generic {
            check_rule(origin, text, generic, known_id)?;
            if !generic.on.is_empty() || !generic.fallback {
                return Err(format!(
                    "{}{}: the generic rule applies to any component: it names none (`on`) and is a fallback (`fallback: true`)",
                    origin.display(),
                    position_of_field(text, "generic", |_| true)
                ));
            }
        }
        self.rules.extend(file.rules);
        if file.generic.is_some() {
            self.generic = file.generic;
        }
        Ok(())
    }

    /// Every rule in the order they are tried.
    pub fn all(&self) -> impl Iterator<Item = &StoryRule> {
        self.rules.iter().chain(&self.generic)
    }
}

/// The built-in rules, their components checked against the built-in template.
pub fn builtin() -> Result<StoryRules, String> {
    let ids = super::template_ids(None);
    let mut rules = StoryRules::default();
    rules.add(Path::new(PATH), BUILTIN, &|id| ids.iter().any(|k| k == id))?;
    if rules.generic.is_none() {
        return Err(format!("{PATH}: there is no generic rule"));
    }
    Ok(rules)
}

static INSTALLED: Installed<StoryRules> = Installed::new("story rules", builtin, load);

/// Why team files were left out when the rules were installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed rules (the built-in ones with the team's, see [`super::use_config_dir`]).
pub fn story_rules() -> &'static StoryRules {
    INSTALLED.get()
}

/// Loads the built-in rules and the team's `<config>/stories/rules*.ron`, their components checked
/// against the built-in template and the team's; with one warning per team file left out.
fn load(config_dir: &Path) -> (Option<StoryRules>, Vec<String>) {
    let ids = super::template_ids(Some(config_dir));
    super::with_team_files(
        builtin(),
        config_dir,
        "stories",
        |name| name.starts_with("rules"),
        |rules, path, text| rules.add(path, text, &|id| ids.iter().any(|k| k == id)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_id(_: &str) -> bool {
        true
    }

    const TEAM_RULE: &str = r#"StoryRules(rules: [
    Rule(
        on: ["data-cache"],
        any: ["redis"],
        title: "Cache eviction policy for {option}",
        i_want: "an eviction policy chosen for {option}",
        so_that: "the cache never evicts sessions",
        criteria: ["The eviction policy is set from code."],
    ),
])"#;

    #[test]
    fn the_built_in_rules_load_in_order_with_the_generic_rule_last() {
        let r = builtin().unwrap();
        assert_eq!(r.rules.len(), 75);
        assert_eq!(r.rules[0].title, "Landing zone and account structure");
        assert_eq!(r.rules[0].size, StorySize::Large);
        assert_eq!(r.rules[3].as_a, "platform engineer");
        let last = r.all().last().unwrap();
        assert_eq!(last.title, "Implement {section}: {option}");
        assert!(last.fallback && last.on.is_empty());
    }

    #[test]
    fn a_team_file_adds_rules_before_the_generic_one() {
        let mut r = builtin().unwrap();
        r.add(Path::new("rules-team.ron"), TEAM_RULE, &any_id)
            .unwrap();
        let titles: Vec<&str> = r.all().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles[titles.len() - 2..],
            [
                "Cache eviction policy for {option}",
                "Implement {section}: {option}"
            ]
        );
        let team = &r.rules[75];
        assert_eq!(
            (team.size, team.as_a.as_str()),
            (StorySize::Medium, "platform engineer")
        );
        assert!(team.matches(|t| t == "redis") && !team.matches(|t| t == "memcached"));
    }

    #[test]
    fn a_malformed_team_file_is_refused_with_its_line_and_column() {
        let mut r = builtin().unwrap();
        let unchanged = r.clone();
        let cases = [
            (
                TEAM_RULE.replace(
                    "title: \"Cache eviction policy for {option}\"",
                    "title: \"\"",
                ),
                "rules.ron:5:16: a rule needs its `title`",
            ),
            (
                TEAM_RULE.replace(r#"["The eviction policy is set from code."]"#, "[ ]"),
                "rules.ron:8:19: rule \"Cache eviction policy for {option}\" has no acceptance criteria",
            ),
            (
                TEAM_RULE.replace("criteria:", "size: Huge,\n        criteria:"),
                "rules.ron:8:15:",
            ),
            (
                TEAM_RULE.replace("criteria:", "size: Unsized,\n        criteria:"),
                "rules.ron:8:15: rule \"Cache eviction policy for {option}\" needs a size",
            ),
            (
                TEAM_RULE.replace("{option}\",\n        so", "{choice}\",\n        so"),
                "rules.ron:6:48: \"{choice}\" is not a placeholder a story rule may hold",
            ),
            (
                TEAM_RULE.replace("\"redis\"", "\"rediss\""),
                "rules.ron:4:15: tag \"rediss\" is not a tag the vocabulary knows",
            ),
            (
                TEAM_RULE.replace("\"data-cache\"", "\"Data-Cache\""),
                "rules.ron:3:14: component \"Data-Cache\" is not kebab-case",
            ),
        ];
        for (text, want) in cases {
            let err = r.add(Path::new("rules.ron"), &text, &any_id).unwrap_err();
            assert!(err.starts_with(want), "{err}\nwanted: {want}");
        }
        let known = |id: &str| id != "data-cache";
        let err = r
            .add(Path::new("rules.ron"), TEAM_RULE, &known)
            .unwrap_err();
        assert_eq!(
            err,
            "rules.ron:3:14: component \"data-cache\" is not a decision of the template"
        );
        assert_eq!(r, unchanged);
    }
}
