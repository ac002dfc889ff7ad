//! The review checklist: checkable statements about the architecture document and the design it
//! describes, grouped in categories, each linked to the template sections it validates.
//!
//! The built-in checklist is compiled in from `assets/checklist/*.ron`, one file per category; a team
//! adds its own categories as `<config>/checklist/*.ron`. A file holds one [`ChecklistFile`]:
//!
//! ```ron
//! ChecklistFile(
//!     category: ChecklistCategory(
//!         id: "container-platform",
//!         title: "Container platform",
//!         applies_when: Some(["kubernetes", "managed-kubernetes"]),
//!     ),
//!     items: [
//!         ChecklistItem(
//!             id: "cp-01",
//!             text: "The cluster layout is stated …",
//!             why: "Cluster boundaries set the blast radius …",
//!             sections: ["compute-resources"],
//!             severity: High,
//!             assess: [Decided, Diagram(NetworkTopology)],
//!         ),
//!     ],
//! )
//! ```
//!
//! `assess` (optional) lists what the tool can find out about the item by itself, for its first
//! assessment (see [`Check`] and `analysis::assessment`): that assessment is shown as the tool's,
//! with its evidence, and never counts as a person's mark.
//!
//! A category with `applies_when: None` always applies; one with `Some(tags)` applies only when the
//! tags of a decided option (expanded with `inputs::extract::expand_tags`) include one of
//! them. Loading checks the shape of each file (kebab-case ids, unique across the whole checklist,
//! non-empty texts, at least one section per item); whether the sections exist depends on the
//! template a session was made from, so that is a separate step, [`Checklist::validate_against`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::FigureKind;
use super::Template;
use crate::files::from_ron;
use crate::model::{DiagramKind, Need};

/// One checklist file: one category and its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistFile {
    pub category: ChecklistCategory,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistCategory {
    /// Kebab-case, unique across the checklist.
    pub id: String,
    pub title: String,
    /// `None`: the category always applies. `Some(tags)`: it applies only when a decided option's
    /// tags, expanded with their implied tags, include one of these.
    pub applies_when: Option<Vec<String>>,
    /// The file the category was loaded from; not part of the file itself.
    #[serde(skip)]
    pub origin: PathBuf,
}

impl ChecklistCategory {
    /// Whether the category applies only to some designs.
    pub fn is_conditional(&self) -> bool {
        self.applies_when.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Kebab-case, unique across the checklist (`<category prefix>-NN` in the built-in files).
    pub id: String,
    /// The check: one sentence stating what the document and the design must show.
    pub text: String,
    /// Why the check matters, in one sentence.
    pub why: String,
    /// The template section ids the item validates; the first is where a reviewer goes to fix it.
    pub sections: Vec<String>,
    pub severity: ChecklistSeverity,
    /// What the tool checks by itself for its first assessment of the item; empty when only a
    /// person can judge it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assess: Vec<Check>,
}

/// One thing the tool can find out about a checklist item from the session alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Check {
    /// A requirement states a figure of this kind (an RPO, a budget, …).
    Stated(FigureKind),
    /// The choices of the item's sections (decided, else recommended) meet what the requirements
    /// ask of this kind; not assessed when no requirement asks it.
    Meets(Need),
    /// Every decision of the item's sections is decided.
    Decided,
    /// The compliance regimes in scope are named.
    Regimes,
    /// The document has a diagram of this kind.
    Diagram(DiagramKind),
    /// Technical stories implement the item's sections.
    Stories,
    /// The choices of the item's sections break no mandate or prohibition of the inputs, or every
    /// breach is accepted with a reason.
    Honoured,
}

/// How much a failed item weighs, from `Low` to `Critical` (ordered that way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ChecklistSeverity {
    Low,
    Medium,
    High,
    Critical,
}

impl ChecklistSeverity {
    pub const ALL: [ChecklistSeverity; 4] = [
        ChecklistSeverity::Low,
        ChecklistSeverity::Medium,
        ChecklistSeverity::High,
        ChecklistSeverity::Critical,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ChecklistSeverity::Low => "low",
            ChecklistSeverity::Medium => "medium",
            ChecklistSeverity::High => "high",
            ChecklistSeverity::Critical => "critical",
        }
    }
}

/// The built-in checklist files, by name, in the order the checklist shows them.
const BUILTIN: &[(&str, &str)] = &[
    (
        "security-compliance.ron",
        include_str!("../../../../assets/checklist/security-compliance.ron"),
    ),
    (
        "infrastructure-as-code.ron",
        include_str!("../../../../assets/checklist/infrastructure-as-code.ron"),
    ),
    (
        "resilience-availability.ron",
        include_str!("../../../../assets/checklist/resilience-availability.ron"),
    ),
    (
        "backup-disaster-recovery.ron",
        include_str!("../../../../assets/checklist/backup-disaster-recovery.ron"),
    ),
    (
        "monitoring-observability.ron",
        include_str!("../../../../assets/checklist/monitoring-observability.ron"),
    ),
    (
        "performance-cost.ron",
        include_str!("../../../../assets/checklist/performance-cost.ron"),
    ),
    (
        "operations-governance.ron",
        include_str!("../../../../assets/checklist/operations-governance.ron"),
    ),
    (
        "ci-cd.ron",
        include_str!("../../../../assets/checklist/ci-cd.ron"),
    ),
    (
        "networking.ron",
        include_str!("../../../../assets/checklist/networking.ron"),
    ),
    (
        "documentation.ron",
        include_str!("../../../../assets/checklist/documentation.ron"),
    ),
    (
        "container-platform.ron",
        include_str!("../../../../assets/checklist/container-platform.ron"),
    ),
    (
        "gitops.ron",
        include_str!("../../../../assets/checklist/gitops.ron"),
    ),
    (
        "service-mesh.ron",
        include_str!("../../../../assets/checklist/service-mesh.ron"),
    ),
    (
        "developer-platform.ron",
        include_str!("../../../../assets/checklist/developer-platform.ron"),
    ),
];

/// The directory under `assets/` that the built-in files come from, as origins name it.
const BUILTIN_DIR: &str = "assets/checklist";

/// The checklist: categories in order (built-in first, then the team's files by name), each with
/// its items in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checklist {
    pub categories: Vec<(ChecklistCategory, Vec<ChecklistItem>)>,
}

impl Checklist {
    /// The built-in checklist. Its files are tested to parse and validate, so an error here is a
    /// bug; it is still reported rather than panicking.
    pub fn builtin() -> Result<Checklist, String> {
        let mut checklist = Checklist::default();
        for (name, text) in BUILTIN {
            checklist.add_text(&Path::new(BUILTIN_DIR).join(name), text)?;
        }
        Ok(checklist)
    }

    /// The built-in checklist plus the team's files in `<config>/checklist/*.ron`, in file-name
    /// order. A file that cannot be read or parsed, or that is invalid (a duplicate category or item
    /// id, a blank text, an item without sections, …), is skipped with a one-line warning naming it.
    /// Section ids are not checked here: see [`Checklist::validate_against`] and
    /// [`Checklist::load_for`].
    pub fn load(config_dir: &Path) -> (Checklist, Vec<String>) {
        Checklist::load_checked(config_dir, None)
    }

    /// [`Checklist::load`], and a team file that links an item to a section `template` does not
    /// have is skipped with a warning too. The built-in files are kept whatever the template: their
    /// section problems, if any, are [`Checklist::validate_against`]'s to report.
    pub fn load_for(config_dir: &Path, template: &Template) -> (Checklist, Vec<String>) {
        Checklist::load_checked(config_dir, Some(template))
    }

    fn load_checked(config_dir: &Path, template: Option<&Template>) -> (Checklist, Vec<String>) {
        let mut warnings = Vec::new();
        let mut checklist = Checklist::builtin().unwrap_or_else(|e| {
            warnings.push(e);
            Checklist::default()
        });
        for (path, text) in super::team_files(config_dir, "checklist") {
            let result = text
                .and_then(|text| checklist.parse_new(&path, &text))
                .and_then(|file| {
                    match template.and_then(|t| unknown_sections(&file.items, t).next()) {
                        Some(problem) => Err(format!("{}: {problem}", path.display())),
                        None => Ok(file),
                    }
                });
            match result {
                Ok(file) => checklist.push(&path, file),
                Err(e) => warnings.push(format!("{e}; file skipped")),
            }
        }
        (checklist, warnings)
    }

    /// Parses one checklist file, validates it against itself and the categories already loaded,
    /// and appends it. `origin` names the file in errors and becomes the category's origin.
    pub fn add_text(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let file = self.parse_new(origin, text)?;
        self.push(origin, file);
        Ok(())
    }

    fn parse_new(&self, origin: &Path, text: &str) -> Result<ChecklistFile, String> {
        let file: ChecklistFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        self.validate_new(&file)
            .map_err(|problem| format!("{}: {problem}", origin.display()))?;
        Ok(file)
    }

    fn push(&mut self, origin: &Path, file: ChecklistFile) {
        let mut category = file.category;
        category.origin = origin.to_path_buf();
        self.categories.push((category, file.items));
    }

    /// The problems of a file that is about to join this checklist.
    fn validate_new(&self, file: &ChecklistFile) -> Result<(), String> {
        let c = &file.category;
        if !is_kebab(&c.id) {
            return Err(format!(
                "category id {:?} is not kebab-case (a-z, 0-9, -)",
                c.id
            ));
        }
        if self.category(&c.id).is_some() {
            return Err(format!(
                "category id {:?} is already in the checklist",
                c.id
            ));
        }
        if c.title.trim().is_empty() {
            return Err(format!("category {:?} has no title", c.id));
        }
        if let Some(tags) = &c.applies_when {
            if tags.is_empty() {
                return Err(format!(
                    "category {:?}: applies_when lists no tags (use None for a category that always applies)",
                    c.id
                ));
            }
            if let Some(t) = tags.iter().find(|t| !is_kebab(t)) {
                return Err(format!(
                    "category {:?}: tag {t:?} is not lowercase kebab-case",
                    c.id
                ));
            }
        }
        if file.items.is_empty() {
            return Err(format!("category {:?} has no items", c.id));
        }
        let mut seen = HashSet::new();
        for item in &file.items {
            let problem = if !is_kebab(&item.id) {
                Some("the id is not kebab-case (a-z, 0-9, -)".to_string())
            } else if self.item(&item.id).is_some() || !seen.insert(item.id.as_str()) {
                Some("the id is already in the checklist".to_string())
            } else if item.text.trim().is_empty() {
                Some("no text".to_string())
            } else if item.sections.is_empty() {
                Some("no sections: an item validates at least one template section".to_string())
            } else {
                item.sections
                    .iter()
                    .find(|s| !is_kebab(s))
                    .map(|s| format!("section id {s:?} is not kebab-case"))
            };
            if let Some(problem) = problem {
                return Err(format!("item {:?}: {problem}", item.id));
            }
        }
        Ok(())
    }

    /// The links to sections that `template` does not have, one line per link, each naming the
    /// file it comes from. Empty when every item's sections exist in the template.
    pub fn validate_against(&self, template: &Template) -> Vec<String> {
        self.categories
            .iter()
            .flat_map(|(category, items)| {
                unknown_sections(items, template)
                    .map(move |problem| format!("{}: {problem}", category.origin.display()))
            })
            .collect()
    }

    /// Every item with its category, in checklist order.
    pub fn items(&self) -> impl Iterator<Item = (&ChecklistCategory, &ChecklistItem)> {
        self.categories
            .iter()
            .flat_map(|(category, items)| items.iter().map(move |item| (category, item)))
    }

    pub fn item(&self, id: &str) -> Option<&ChecklistItem> {
        self.items()
            .map(|(_, item)| item)
            .find(|item| item.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&ChecklistCategory> {
        self.categories
            .iter()
            .map(|(category, _)| category)
            .find(|category| category.id == id)
    }

    /// The items of a category, in file order.
    pub fn category_items(&self, id: &str) -> Option<&[ChecklistItem]> {
        self.categories
            .iter()
            .find(|(category, _)| category.id == id)
            .map(|(_, items)| items.as_slice())
    }

    /// The category an item belongs to.
    pub fn category_of(&self, item: &str) -> Option<&ChecklistCategory> {
        self.items()
            .find(|(_, i)| i.id == item)
            .map(|(category, _)| category)
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.categories.iter().map(|(_, items)| items.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One line per link from `items` to a section that `template` does not have.
fn unknown_sections<'a>(
    items: &'a [ChecklistItem],
    template: &'a Template,
) -> impl Iterator<Item = String> + 'a {
    items.iter().flat_map(move |item| {
        let unknown = item
            .sections
            .iter()
            .filter(|s| template.section(s).is_none())
            .map(move |s| {
                format!(
                    "item {:?} links to section {s:?}, which template {:?} does not have",
                    item.id, template.id
                )
            });
        // A check on decisions needs a section that holds one, or it could never be assessed.
        let decides = item
            .sections
            .iter()
            .filter_map(|s| template.section(s))
            .any(|s| s.component);
        let idle = item
            .assess
            .iter()
            .filter(move |c| {
                !decides && matches!(c, Check::Decided | Check::Meets(_) | Check::Honoured)
            })
            .map(move |c| {
                format!(
                    "item {:?} checks {c:?}, but none of its sections holds a decision in template {:?}",
                    item.id, template.id
                )
            });
        unknown.chain(idle)
    })
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team_file(category: &str, item: &str, section: &str) -> String {
        format!(
            r#"ChecklistFile(
                category: ChecklistCategory(id: "{category}", title: "Ours", applies_when: None),
                items: [
                    ChecklistItem(id: "{item}", text: "The document names the on-call vendor.",
                        why: "Because.", sections: ["{section}"], severity: Medium),
                ],
            )"#
        )
    }

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(dir.join("checklist")).unwrap();
        std::fs::write(dir.join("checklist").join(name), text).unwrap();
    }

    #[test]
    fn builtin_checklist_loads_in_fixed_order_with_origins() {
        let checklist = Checklist::builtin().unwrap();
        assert!(checklist.len() >= 170, "{} items", checklist.len());
        assert_eq!(checklist.categories[0].0.id, "security-compliance");
        assert_eq!(
            checklist.categories[0].0.origin,
            Path::new("assets/checklist/security-compliance.ron")
        );
        assert_eq!(
            checklist.category_of("cp-01").map(|c| c.id.as_str()),
            Some("container-platform")
        );
        assert!(checklist.category("gitops").unwrap().is_conditional());
        assert!(checklist.category_items("gitops").unwrap().len() >= 10);
        assert!(checklist.item("no-such-item").is_none());
        let template = Template::builtin().unwrap();
        assert_eq!(checklist.validate_against(&template), Vec::<String>::new());
    }

    #[test]
    fn a_team_file_adds_a_category_and_a_broken_one_is_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a-ours.ron",
            &team_file("ours", "ours-01", "operational-runbooks"),
        );
        write(dir.path(), "b-broken.ron", "ChecklistFile(category: ");
        write(
            dir.path(),
            "c-extra-field.ron",
            &team_file("extra", "extra-01", "overview")
                .replace("severity: Medium", "severity: Medium, owner: \"me\""),
        );
        write(dir.path(), "notes.txt", "not a checklist");
        let (checklist, warnings) = Checklist::load(dir.path());
        let builtin = Checklist::builtin().unwrap();
        assert_eq!(checklist.len(), builtin.len() + 1);
        assert_eq!(checklist.categories.last().unwrap().0.id, "ours");
        assert!(checklist.item("ours-01").is_some());
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(
            warnings[0].contains("b-broken.ron") && warnings[0].ends_with("; file skipped"),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[1].contains("c-extra-field.ron") && warnings[1].contains("owner"),
            "{}",
            warnings[1]
        );
        assert!(warnings.iter().all(|w| !w.contains('\n')), "{warnings:#?}");
    }

    #[test]
    fn duplicate_item_and_category_ids_are_refused_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // An item id the built-in checklist already has.
        write(
            dir.path(),
            "a.ron",
            &team_file("ours", "sec-01", "security-architecture"),
        );
        // A category id the built-in checklist already has.
        write(
            dir.path(),
            "b.ron",
            &team_file("gitops", "ours-02", "ci-cd-pipeline"),
        );
        // The same item twice in one file.
        let twice = team_file("mine", "mine-01", "overview").replace(
            "],\n            )",
            r#"ChecklistItem(id: "mine-01", text: "Again.", why: "", sections: ["overview"], severity: Low),
                ],
            )"#,
        );
        write(dir.path(), "c.ron", &twice);
        let (checklist, warnings) = Checklist::load(dir.path());
        assert_eq!(checklist.len(), Checklist::builtin().unwrap().len());
        assert_eq!(
            warnings,
            vec![
                format!(
                    "{}: item \"sec-01\": the id is already in the checklist; file skipped",
                    dir.path().join("checklist/a.ron").display()
                ),
                format!(
                    "{}: category id \"gitops\" is already in the checklist; file skipped",
                    dir.path().join("checklist/b.ron").display()
                ),
                format!(
                    "{}: item \"mine-01\": the id is already in the checklist; file skipped",
                    dir.path().join("checklist/c.ron").display()
                ),
            ]
        );
    }

    #[test]
    fn shape_problems_are_refused() {
        let mut checklist = Checklist::default();
        let origin = Path::new("x.ron");
        let cases = [
            (
                team_file("Bad Id", "x-01", "overview"),
                "category id \"Bad Id\" is not kebab-case",
            ),
            (
                team_file("x", "x-01", "overview")
                    .replace("The document names the on-call vendor.", " "),
                "item \"x-01\": no text",
            ),
            (
                team_file("x", "x-01", "overview").replace("[\"overview\"]", "[]"),
                "item \"x-01\": no sections",
            ),
            (
                team_file("x", "x-01", "overview")
                    .replace("applies_when: None", "applies_when: Some([])"),
                "applies_when lists no tags",
            ),
        ];
        for (text, expected) in cases {
            let err = checklist.add_text(origin, &text).unwrap_err();
            assert!(
                err.starts_with("x.ron: ") && err.contains(expected),
                "{err}"
            );
        }
        assert!(checklist.is_empty());
    }

    #[test]
    fn sections_are_validated_against_the_template_separately() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "ours.ron",
            &team_file("ours", "ours-01", "vendor-management"),
        );
        // Plain loading keeps the file; validation against the template reports the link.
        let (checklist, warnings) = Checklist::load(dir.path());
        assert!(warnings.is_empty(), "{warnings:?}");
        let template = Template::builtin().unwrap();
        let problems = checklist.validate_against(&template);
        assert_eq!(
            problems,
            vec![format!(
                "{}: item \"ours-01\" links to section \"vendor-management\", which template \"{}\" does not have",
                dir.path().join("checklist/ours.ron").display(),
                template.id
            )]
        );
        // Loading for a template skips the team file instead.
        let (checklist, warnings) = Checklist::load_for(dir.path(), &template);
        assert!(checklist.item("ours-01").is_none());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("ours.ron") && warnings[0].contains("vendor-management"),
            "{}",
            warnings[0]
        );
        // A team template without the sections the built-in items link to: reported, not dropped.
        let small = Template::parse(
            Path::new("team.ron"),
            r#"Template(id: "small", version: 1, title: "T", sections: [
                TemplateSection(id: "overview", title: "Overview", component: false, purpose: "", outline: [], guidance: [], starter: ""),
            ])"#,
        )
        .unwrap();
        let builtin = Checklist::builtin().unwrap();
        let problems = builtin.validate_against(&small);
        assert!(!problems.is_empty());
        assert!(
            problems[0].starts_with("assets/checklist/security-compliance.ron: item \"sec-01\"")
        );
    }

    #[test]
    fn a_check_on_decisions_of_sections_that_hold_none_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let text = team_file("ours", "ours-01", "overview").replace(
            "severity: Medium)",
            "severity: Medium, assess: [Decided, Stated(Budget)])",
        );
        assert!(text.contains("assess: [Decided"), "{text}");
        write(dir.path(), "ours.ron", &text);
        let (checklist, warnings) = Checklist::load(dir.path());
        assert!(warnings.is_empty(), "{warnings:?}");
        let problems = checklist.validate_against(&Template::builtin().unwrap());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains(
                "item \"ours-01\" checks Decided, but none of its sections holds a decision"
            ),
            "{problems:?}"
        );
        // An unknown check is refused where it is written.
        let bad = team_file("bad", "bad-01", "overview")
            .replace("severity: Medium)", "severity: Medium, assess: [Guessed])");
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "bad.ron", &bad);
        let (_, warnings) = Checklist::load(dir.path());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("bad.ron:"), "{warnings:?}");
        assert!(warnings[0].contains("Guessed"), "{warnings:?}");
    }
}
