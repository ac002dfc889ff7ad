//! Operational runbooks (`assets/runbooks/*.ron`, plus a team's `<config>/runbooks/*.ron`): for
//! each operation (deploy, roll back, fail over, restore, scale, rotate secrets), the procedures
//! that fit a kind of choice — the runbook applies when the chosen option of its decision carries
//! one of its tags — with the steps in general and as done on each hosting target. The document's
//! runbooks section writes out the one that fits each operation, in the project's provider terms.

use std::collections::HashSet;
use std::path::Path;

use super::Installed;

use serde::Deserialize;

use super::HOSTING_TARGETS;

/// What a runbook is for, in the order the document lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Operation {
    Deploy,
    Rollback,
    Scale,
    Failover,
    Restore,
    RotateSecrets,
}

impl Operation {
    pub const ALL: [Operation; 6] = [
        Operation::Deploy,
        Operation::Rollback,
        Operation::Scale,
        Operation::Failover,
        Operation::Restore,
        Operation::RotateSecrets,
    ];

    /// What the document asks when no runbook fits the decision taken.
    pub fn question(self) -> &'static str {
        match self {
            Operation::Deploy => {
                "How is a release deployed to production, step by step, and who may do it?"
            }
            Operation::Rollback => {
                "How is a bad release rolled back, and how quickly must that be possible?"
            }
            Operation::Scale => {
                "How is capacity raised ahead of a known peak, and lowered after it?"
            }
            Operation::Failover => {
                "How is the service moved to the recovery site or region, and who decides to do it?"
            }
            Operation::Restore => {
                "How is a data store restored to a point in time, and how is the restore verified?"
            }
            Operation::RotateSecrets => {
                "How are secrets and keys rotated, routinely and after a suspected leak?"
            }
        }
    }

    /// The operation's name as a heading.
    pub fn label(self) -> &'static str {
        match self {
            Operation::Deploy => "Deploy a release",
            Operation::Rollback => "Roll back a release",
            Operation::Scale => "Scale for a peak",
            Operation::Failover => "Fail over",
            Operation::Restore => "Restore data",
            Operation::RotateSecrets => "Rotate secrets and keys",
        }
    }
}

/// The steps of a runbook on one hosting target.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunbookSteps {
    pub target: String,
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Runbook {
    /// Kebab-case, unique.
    pub id: String,
    pub operation: Operation,
    pub title: String,
    /// The decision whose choice it depends on.
    pub decision: String,
    /// Tags of that choice; the runbook applies when the chosen option has one (empty: any).
    #[serde(default)]
    pub applies_to: Vec<String>,
    /// When it is run.
    pub trigger: String,
    /// The steps in general.
    pub steps: Vec<String>,
    /// How the operator confirms success; `{rto}`, `{rpo}` and `{availability}` name the
    /// project's figures.
    pub verify: String,
    /// The steps on each hosting target it is written for.
    #[serde(default)]
    pub realisations: Vec<RunbookSteps>,
}

impl Runbook {
    /// The steps for a project on `targets`: the target's own when there is exactly one target
    /// with a realisation, else the general ones.
    pub fn steps_for(&self, targets: &[&str]) -> (&[String], Option<&str>) {
        let found: Vec<&RunbookSteps> = targets
            .iter()
            .filter_map(|t| self.realisations.iter().find(|r| r.target == *t))
            .collect();
        match found.as_slice() {
            [only] if targets.len() == 1 => (&only.steps, Some(only.target.as_str())),
            _ => (&self.steps, None),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RunbookFile {
    runbooks: Vec<Runbook>,
}

/// Every runbook, built-in first, then a team's in file-name order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Runbooks {
    pub runbooks: Vec<Runbook>,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "deploy.ron",
        include_str!("../../../../assets/runbooks/deploy.ron"),
    ),
    (
        "rollback.ron",
        include_str!("../../../../assets/runbooks/rollback.ron"),
    ),
    (
        "scale.ron",
        include_str!("../../../../assets/runbooks/scale.ron"),
    ),
    (
        "failover.ron",
        include_str!("../../../../assets/runbooks/failover.ron"),
    ),
    (
        "restore.ron",
        include_str!("../../../../assets/runbooks/restore.ron"),
    ),
    (
        "rotate-secrets.ron",
        include_str!("../../../../assets/runbooks/rotate-secrets.ron"),
    ),
];

impl Runbooks {
    /// The built-in runbooks; their files are tested to load.
    pub fn builtin() -> Result<Runbooks, String> {
        let mut r = Runbooks::default();
        for (name, text) in BUILTIN {
            r.add(&Path::new("assets/runbooks").join(name), text)?;
        }
        Ok(r)
    }

    /// Adds a file's runbooks; an error names the file and the place, and adds nothing.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let file: RunbookFile = crate::files::from_ron(origin, text).map_err(|e| e.to_string())?;
        let at = |needle: &str| {
            format!(
                "{}{}",
                origin.display(),
                super::extraction::position_of(text, needle)
            )
        };
        let mut ids: HashSet<&str> = self.runbooks.iter().map(|r| r.id.as_str()).collect();
        for r in &file.runbooks {
            let problem = if !crate::model::is_slug(&r.id) {
                Some(format!("runbook id {:?} is not kebab-case", r.id))
            } else if !ids.insert(&r.id) {
                Some(format!("runbook id {:?} appears twice", r.id))
            } else if !crate::model::is_slug(&r.decision) {
                Some(format!(
                    "runbook {:?}: decision {:?} is not kebab-case",
                    r.id, r.decision
                ))
            } else if let Some(t) = r.applies_to.iter().find(|t| !super::tags::is_tag(t)) {
                Some(format!(
                    "runbook {:?}: tag {t:?} is not lowercase kebab-case",
                    r.id
                ))
            } else if r.title.trim().is_empty() || r.trigger.trim().is_empty() {
                Some(format!("runbook {:?} has no title or trigger", r.id))
            } else if r.steps.iter().all(|s| s.trim().is_empty()) {
                Some(format!("runbook {:?} has no steps", r.id))
            } else if let Some(x) = r
                .realisations
                .iter()
                .find(|x| !HOSTING_TARGETS.contains(&x.target.as_str()))
            {
                Some(format!(
                    "runbook {:?}: target {:?} is not one of {}",
                    r.id,
                    x.target,
                    HOSTING_TARGETS.join(", ")
                ))
            } else {
                r.realisations
                    .iter()
                    .find(|x| x.steps.iter().all(|s| s.trim().is_empty()))
                    .map(|x| format!("runbook {:?}: no steps for {:?}", r.id, x.target))
            };
            if let Some(problem) = problem {
                return Err(format!("{}: {problem}", at(&r.id)));
            }
        }
        self.runbooks.extend(file.runbooks);
        Ok(())
    }

    /// The first runbook for `operation` whose decision chose an option with one of its tags
    /// (`chosen` gives a decision's chosen option's tags, `None` while it has no choice).
    pub fn fitting(
        &self,
        operation: Operation,
        chosen: impl Fn(&str) -> Option<Vec<String>>,
    ) -> Option<&Runbook> {
        self.runbooks.iter().find(|r| {
            r.operation == operation
                && chosen(&r.decision).is_some_and(|tags| {
                    r.applies_to.is_empty() || r.applies_to.iter().any(|t| tags.contains(t))
                })
        })
    }
}

static INSTALLED: Installed<Runbooks> = Installed::new("runbooks", Runbooks::builtin, load);

/// Why team files were left out when the runbooks were installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed runbooks (the built-in ones with the team's, see [`super::use_config_dir`]).
pub fn runbooks() -> &'static Runbooks {
    INSTALLED.get()
}

/// Loads the built-in runbooks and the team's `<config>/runbooks/*.ron`; with one warning per
/// team file left out.
fn load(config_dir: &Path) -> (Option<Runbooks>, Vec<String>) {
    super::with_team_files(
        Runbooks::builtin(),
        config_dir,
        "runbooks",
        |_| true,
        Runbooks::add,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_runbooks_load_and_cover_every_operation() {
        let r = Runbooks::builtin().unwrap();
        for op in Operation::ALL {
            assert!(
                r.runbooks.iter().any(|b| b.operation == op),
                "no runbook for {op:?}"
            );
        }
        // Every runbook's decision and tags are the catalog's own.
        let catalog = crate::knowledge::Catalog::builtin().unwrap();
        for b in &r.runbooks {
            let options: Vec<_> = catalog.for_component(&b.decision).collect();
            assert!(!options.is_empty(), "{}: no decision {}", b.id, b.decision);
            for t in &b.applies_to {
                assert!(
                    options.iter().any(|o| o.tags.contains(t)),
                    "{}: no option of {} has tag {t}",
                    b.id,
                    b.decision
                );
            }
        }
    }

    #[test]
    fn a_bad_runbook_file_is_refused_with_its_place() {
        let mut r = Runbooks::default();
        let text = "RunbookFile(runbooks: [Runbook(id: \"Bad Id\", operation: Deploy, title: \"T\", decision: \"compute-resources\", trigger: \"x\", steps: [\"a\"], verify: \"v\")])";
        let e = r.add(Path::new("team.ron"), text).unwrap_err();
        assert!(e.starts_with("team.ron:1:"), "{e}");
        assert!(e.contains("not kebab-case"), "{e}");
        assert!(r.runbooks.is_empty());
        let text = "RunbookFile(runbooks: [Runbook(id: \"a\", operation: Deploy, title: \"T\", decision: \"compute-resources\", trigger: \"x\", steps: [\"a\"], verify: \"v\", realisations: [RunbookSteps(target: \"mars\", steps: [\"b\"])])])";
        let e = r.add(Path::new("team.ron"), text).unwrap_err();
        assert!(e.contains("target \"mars\""), "{e}");
    }

    #[test]
    fn the_first_fitting_runbook_is_taken_with_the_targets_steps() {
        let text = "RunbookFile(runbooks: [
            Runbook(id: \"k8s\", operation: Deploy, title: \"K\", decision: \"compute-resources\", applies_to: [\"kubernetes\"], trigger: \"t\", steps: [\"general\"], verify: \"v\",
                realisations: [RunbookSteps(target: \"aws\", steps: [\"eks\"])]),
            Runbook(id: \"any\", operation: Deploy, title: \"A\", decision: \"compute-resources\", trigger: \"t\", steps: [\"any\"], verify: \"v\"),
        ])";
        let mut r = Runbooks::default();
        r.add(Path::new("t.ron"), text).unwrap();
        let k8s = |_: &str| Some(vec!["kubernetes".to_string()]);
        let vms = |_: &str| Some(vec!["vms".to_string()]);
        let none = |_: &str| None;
        assert_eq!(r.fitting(Operation::Deploy, k8s).unwrap().id, "k8s");
        assert_eq!(r.fitting(Operation::Deploy, vms).unwrap().id, "any");
        assert!(r.fitting(Operation::Deploy, none).is_none());
        let b = r.fitting(Operation::Deploy, k8s).unwrap();
        assert_eq!(b.steps_for(&["aws"]).0, ["eks"]);
        assert_eq!(b.steps_for(&["azure"]).0, ["general"]);
        assert_eq!(b.steps_for(&["aws", "azure"]).0, ["general"]);
    }
}
