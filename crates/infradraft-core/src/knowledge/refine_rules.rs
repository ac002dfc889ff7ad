//! The rules that propose refinements to the stories the inputs already hold (step 6), as data:
//! `assets/stories/refine.ron`, built in, and a team's `<config>/stories/refine*.ron`, which add
//! to it. Proposing itself ([`crate::analysis::stories::suggest_refinements`]) applies the rules;
//! this module holds and checks them.
//!
//! # Shape
//! ```ron
//! Refinements(
//!     rules: [
//!         Refine(
//!             component: "data-resources",            // the decision it follows
//!             any: ["sqs", "service-bus", "kafka"],   // the choice has one of these tags (optional)
//!             none: [],                               // … and none of these (optional)
//!             title: ["queue"],                       // keywords of the story's title (optional)
//!             text: ["queued", "webhook"],            // keywords of its whole text (optional)
//!             change: "Add a criterion: the work is handed over through {option}.",
//!         ),
//!     ],
//! )
//! ```
//! Each existing story is matched against the rules of each decided component, in template order. A
//! rule applies when its component is decided, the chosen option's tags (with the tags they imply)
//! meet `any` and `none`, and one of its `title` keywords occurs in the story's title or one of its
//! `text` keywords in the story's title, user story or acceptance criteria (case-insensitive, at
//! the start of a word). A story gets at most one refinement per component: the first rule, in the
//! order written, that applies. `{option}` in `change` is the chosen option's short name.
//!
//! # Checks
//! Every problem is reported as `file:line:col: what`, and a file with one adds nothing: an empty
//! `change`, or a placeholder in it other than `{option}`; a rule without keywords, or with an
//! empty keyword or one not in lower case (it could never match); a component id that is not
//! kebab-case or that the template does not have (the built-in template's decisions, and the team
//! template's when there is one); a tag that is not lower-case kebab-case or that the vocabulary
//! does not know.
//!
//! # A team's files
//! In `<config>/stories/`, named `refine*.ron`, in file-name order, in the same shape: the rules
//! are added after the built-in ones, so they refine what no built-in rule does. A file with a
//! problem is left out with a warning ([`install_warnings`]).
//!
//! The rules are loaded once per process, the first time [`refine_rules`] is called.

use std::path::Path;

use super::Installed;

use serde::Deserialize;

use super::bad_placeholder;
use super::extraction::{is_blank_string, position_of, position_of_field};
use super::story_rules::{check_component, check_tags};
use crate::files::from_ron;

const PATH: &str = "assets/stories/refine.ron";
const BUILTIN: &str = include_str!("../../../../assets/stories/refine.ron");

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Refinements", deny_unknown_fields, default)]
struct RefineFile {
    rules: Vec<RefineRule>,
}

/// One refinement rule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Refine", deny_unknown_fields)]
pub struct RefineRule {
    /// The component (decision) whose choice the refinement follows.
    pub component: String,
    /// The chosen option has at least one of these tags (no condition when empty)…
    #[serde(default)]
    pub any: Vec<String>,
    /// …and none of these.
    #[serde(default)]
    pub none: Vec<String>,
    /// Keywords looked for in the story's title, lower case.
    #[serde(default)]
    pub title: Vec<String>,
    /// Keywords looked for in the title, the user story and the acceptance criteria, lower case.
    #[serde(default)]
    pub text: Vec<String>,
    /// The refinement; `{option}` is the chosen option's short name.
    pub change: String,
}

impl RefineRule {
    /// Whether a choice whose tags `has` answers meets the rule's tag conditions.
    pub fn matches(&self, has: impl Fn(&str) -> bool) -> bool {
        (self.any.is_empty() || self.any.iter().any(|t| has(t)))
            && !self.none.iter().any(|t| has(t))
    }
}

/// Every rule, in the order they are tried (the built-in ones, then a team's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefineRules {
    pub rules: Vec<RefineRule>,
}

fn check_rule(
    origin: &Path,
    text: &str,
    rule: &RefineRule,
    known_id: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    if rule.change.trim().is_empty() {
        return Err(format!(
            "{}{}: a rule needs its `change`",
            origin.display(),
            position_of_field(text, "change", is_blank_string)
        ));
    }
    if let Some(p) = bad_placeholder(&rule.change, &["{option}"]) {
        return Err(format!(
            "{}{}: {p:?} is not a placeholder a refinement may hold (only {{option}})",
            origin.display(),
            position_of(text, p)
        ));
    }
    if rule.title.is_empty() && rule.text.is_empty() {
        return Err(format!(
            "{}{}: the rule has no keywords (`title` or `text`), so it could never apply",
            origin.display(),
            position_of(text, &rule.change)
        ));
    }
    for k in rule.title.iter().chain(&rule.text) {
        let problem = if k.trim().is_empty() {
            "an empty keyword"
        } else if *k != k.to_lowercase() {
            "not in lower case, so it could never match"
        } else {
            continue;
        };
        return Err(format!(
            "{}{}: keyword {k:?} is {problem}",
            origin.display(),
            position_of(text, k)
        ));
    }
    check_component(origin, text, &rule.component, known_id)?;
    check_tags(origin, text, rule.any.iter().chain(&rule.none), true)
}

impl RefineRules {
    /// Adds a file's rules after the ones already there; `known_id` says which component ids the
    /// template has. An error names the file and the place, and adds nothing.
    pub fn add(
        &mut self,
        origin: &Path,
        text: &str,
        known_id: &dyn Fn(&str) -> bool,
    ) -> Result<(), String> {
        let file: RefineFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for rule in &file.rules {
            check_rule(origin, text, rule, known_id)?;
        }
        self.rules.extend(file.rules);
        Ok(())
    }
}

/// The built-in rules, their components checked against the built-in template.
pub fn builtin() -> Result<RefineRules, String> {
    let ids = super::template_ids(None);
    let mut rules = RefineRules::default();
    rules.add(Path::new(PATH), BUILTIN, &|id| ids.iter().any(|k| k == id))?;
    Ok(rules)
}

static INSTALLED: Installed<RefineRules> = Installed::new("refinement rules", builtin, load);

/// Why team files were left out when the rules were installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed rules (the built-in ones with the team's, see [`super::use_config_dir`]).
pub fn refine_rules() -> &'static RefineRules {
    INSTALLED.get()
}

/// Loads the built-in rules and the team's `<config>/stories/refine*.ron`, their components
/// checked against the built-in template and the team's; with one warning per team file left out.
fn load(config_dir: &Path) -> (Option<RefineRules>, Vec<String>) {
    let ids = super::template_ids(Some(config_dir));
    super::with_team_files(
        builtin(),
        config_dir,
        "stories",
        |name| name.starts_with("refine"),
        |rules, path, text| rules.add(path, text, &|id| ids.iter().any(|k| k == id)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_id(_: &str) -> bool {
        true
    }

    const TEAM_RULE: &str = r#"Refinements(rules: [
    Refine(
        component: "data-cache",
        any: ["redis"],
        text: ["session store"],
        change: "Add a criterion: sessions in {option} survive a failover.",
    ),
])"#;

    #[test]
    fn the_built_in_rules_load_in_order() {
        let r = builtin().unwrap();
        assert_eq!(r.rules.len(), 37);
        assert_eq!(r.rules[0].component, "infrastructure-as-code");
        assert_eq!(r.rules[0].title[0], "disaster");
    }

    #[test]
    fn a_team_file_adds_rules_after_the_built_in_ones() {
        let mut r = builtin().unwrap();
        r.add(Path::new("refine-team.ron"), TEAM_RULE, &any_id)
            .unwrap();
        assert_eq!(r.rules.len(), 38);
        assert_eq!(r.rules[37].text, ["session store"]);
        assert!(r.rules[37].matches(|t| t == "redis"));
    }

    #[test]
    fn a_malformed_team_file_is_refused_with_its_line_and_column() {
        let mut r = builtin().unwrap();
        let unchanged = r.clone();
        let cases = [
            (
                TEAM_RULE.replace("\"session store\"", "\"Session store\""),
                "refine.ron:5:16: keyword \"Session store\" is not in lower case",
            ),
            (
                TEAM_RULE.replace("        text: [\"session store\"],\n", ""),
                "refine.ron:5:17: the rule has no keywords",
            ),
            (
                TEAM_RULE.replace("in {option}", "in {options}"),
                "refine.ron:6:47: \"{options}\" is not a placeholder a refinement may hold",
            ),
            (
                TEAM_RULE.replace(
                    "\"Add a criterion: sessions in {option} survive a failover.\"",
                    "\" \"",
                ),
                "refine.ron:6:17: a rule needs its `change`",
            ),
            (
                TEAM_RULE.replace("\"redis\"", "\"Redis\""),
                "refine.ron:4:15: tag \"Redis\" is not lower-case kebab-case",
            ),
        ];
        for (text, want) in cases {
            let err = r.add(Path::new("refine.ron"), &text, &any_id).unwrap_err();
            assert!(err.starts_with(want), "{err}\nwanted: {want}");
        }
        let known = |id: &str| id != "data-cache";
        let err = r
            .add(Path::new("refine.ron"), TEAM_RULE, &known)
            .unwrap_err();
        assert_eq!(
            err,
            "refine.ron:3:20: component \"data-cache\" is not a decision of the template"
        );
        assert_eq!(r, unchanged);
    }
}
