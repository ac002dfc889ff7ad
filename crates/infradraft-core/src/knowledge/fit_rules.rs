//! The rules options are judged by, as data: `assets/ranking/rules.ron` (built in) and a team's
//! `<config>/ranking/*.ron`. See that file for what each part means. Loaded once per process, like
//! the extraction knowledge: loaded on first use by [`fit_rules`].

use std::path::Path;

use super::Installed;

use regex::Regex;
use serde::Deserialize;

use super::capabilities::CapabilityEntry;
use super::extraction::compile;

/// A pattern of a rules file, matched case-insensitively; an error names the file and the place
/// of the pattern as written.
fn compile_ci(origin: &Path, text: &str, pattern: &str) -> Result<Regex, String> {
    compile(origin, text, pattern)?;
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| format!("{}: {e}", origin.display()))
}
use crate::model::{AssumptionTopic, Capabilities, FailureScope};

const BUILTIN: &str = include_str!("../../../../assets/ranking/rules.ron");

/// The points of each kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Points {
    pub mandated: i32,
    pub mandated_elsewhere: i32,
    pub matches_own_topic: i32,
    pub matches: i32,
    pub against_statement: i32,
    pub figure_met: i32,
    pub figure_at_best: i32,
    pub other_provider: i32,
    pub light_burden: i32,
    pub heavy_burden: i32,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "TagCapabilities", deny_unknown_fields)]
struct TagEntry {
    tags: Vec<String>,
    capabilities: CapabilityEntry,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Need", deny_unknown_fields)]
struct NeedEntry {
    scope: FailureScope,
    patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "DecisionTopics", deny_unknown_fields)]
struct TopicsEntry {
    decision: String,
    topics: Vec<AssumptionTopic>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "FitRules", deny_unknown_fields)]
struct File {
    #[serde(default)]
    points: Option<Points>,
    #[serde(default)]
    tags: Vec<TagEntry>,
    #[serde(default)]
    needs: Vec<NeedEntry>,
    #[serde(default)]
    not_needed: Vec<String>,
    #[serde(default)]
    topics: Vec<TopicsEntry>,
    #[serde(default)]
    residency: Vec<String>,
    #[serde(default)]
    scale_to_zero: Vec<String>,
    #[serde(default)]
    scale_to_zero_allowed: Vec<String>,
    #[serde(default)]
    scale_to_zero_at_times: Vec<String>,
}

/// The rules, ready to apply.
#[derive(Debug)]
pub struct FitRules {
    pub points: Points,
    /// What tags imply, in order: the first statement of a figure wins.
    pub tags: Vec<(Vec<String>, Capabilities)>,
    /// Patterns of requirements that ask to survive the loss of a region or a site.
    pub needs: Vec<(FailureScope, Regex)>,
    pub not_needed: Vec<Regex>,
    /// Per decision, the fact topics that speak directly to what it decides (IaC facts for
    /// infrastructure as code); a later file's entry for a decision replaces an earlier one.
    pub topics: Vec<(String, Vec<AssumptionTopic>)>,
    /// Patterns of requirements that ask data to stay in a jurisdiction ("stored and processed
    /// only in Germany").
    pub residency: Vec<Regex>,
    /// Patterns of requirements that ask compute to stop running, and costing, when idle
    /// ("scales to zero outside business hours").
    pub scale_to_zero: Vec<Regex>,
    /// Patterns that only allow it ("may be scaled to zero"): such a requirement does not ask.
    pub scale_to_zero_allowed: Vec<Regex>,
    /// Patterns of times that make it a schedule ("at night", "outside business hours").
    pub scale_to_zero_at_times: Vec<Regex>,
}

impl FitRules {
    fn empty() -> FitRules {
        FitRules {
            points: Points {
                mandated: 0,
                mandated_elsewhere: 0,
                matches_own_topic: 0,
                matches: 0,
                against_statement: 0,
                figure_met: 0,
                figure_at_best: 0,
                other_provider: 0,
                light_burden: 0,
                heavy_burden: 0,
            },
            tags: Vec::new(),
            needs: Vec::new(),
            not_needed: Vec::new(),
            topics: Vec::new(),
            residency: Vec::new(),
            scale_to_zero: Vec::new(),
            scale_to_zero_allowed: Vec::new(),
            scale_to_zero_at_times: Vec::new(),
        }
    }

    /// Adds a file's rules; an error names the file and the place.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let file: File = crate::files::from_ron(origin, text).map_err(|e| e.to_string())?;
        let mut tags = Vec::new();
        for entry in &file.tags {
            if let Some(t) = entry.tags.iter().find(|t| !super::tags::is_tag(t)) {
                return Err(format!(
                    "{}{}: tag {t:?} is not lowercase kebab-case",
                    origin.display(),
                    super::extraction::position_of(text, t)
                ));
            }
            tags.push((
                entry.tags.clone(),
                entry.capabilities.resolve(origin, text)?,
            ));
        }
        let mut needs = Vec::new();
        for need in &file.needs {
            for p in &need.patterns {
                needs.push((need.scope, compile_ci(origin, text, p)?));
            }
        }
        let mut not_needed = Vec::new();
        for p in &file.not_needed {
            not_needed.push(compile_ci(origin, text, p)?);
        }
        let mut residency = Vec::new();
        for p in &file.residency {
            residency.push(compile_ci(origin, text, p)?);
        }
        let compile_all = |patterns: &[String]| -> Result<Vec<Regex>, String> {
            patterns
                .iter()
                .map(|p| compile_ci(origin, text, p))
                .collect()
        };
        let scale_to_zero = compile_all(&file.scale_to_zero)?;
        let scale_to_zero_allowed = compile_all(&file.scale_to_zero_allowed)?;
        let scale_to_zero_at_times = compile_all(&file.scale_to_zero_at_times)?;
        for entry in &file.topics {
            if !crate::model::is_slug(&entry.decision) {
                return Err(format!(
                    "{}{}: decision {:?} is not kebab-case",
                    origin.display(),
                    super::extraction::position_of(text, &entry.decision),
                    entry.decision
                ));
            }
        }
        if let Some(points) = file.points {
            self.points = points;
        }
        for entry in file.topics {
            self.topics.retain(|(d, _)| *d != entry.decision);
            self.topics.push((entry.decision, entry.topics));
        }
        self.tags.extend(tags);
        self.needs.extend(needs);
        self.not_needed.extend(not_needed);
        self.residency.extend(residency);
        self.scale_to_zero.extend(scale_to_zero);
        self.scale_to_zero_allowed.extend(scale_to_zero_allowed);
        self.scale_to_zero_at_times.extend(scale_to_zero_at_times);
        Ok(())
    }

    /// The fact topics that speak directly to what decision `decision` decides.
    pub fn own_topics(&self, decision: &str) -> &[AssumptionTopic] {
        self.topics
            .iter()
            .find(|(d, _)| d == decision)
            .map_or(&[], |(_, t)| t.as_slice())
    }

    /// What `tags` imply an option achieves (the first statement of each figure wins).
    pub fn implied(&self, tags: &[String]) -> Capabilities {
        let mut out = Capabilities::default();
        for (on, caps) in &self.tags {
            if on.iter().any(|t| tags.contains(t)) {
                out.fill_from(caps);
            }
        }
        out
    }

    /// Whether a requirement's text asks data to stay in a jurisdiction.
    pub fn asks_residency(&self, text: &str) -> bool {
        self.residency.iter().any(|r| r.is_match(text))
    }

    /// Whether a requirement's text asks compute to scale to zero, and if so whether only at set
    /// times (`Some(true)`: "at night"); a requirement that only allows it ("may be scaled to
    /// zero") or says it is not needed ("scaling to zero is not required") does not ask.
    pub fn asks_scale_to_zero(&self, text: &str) -> Option<bool> {
        let asks = self.scale_to_zero.iter().any(|r| r.is_match(text))
            && !self.scale_to_zero_allowed.iter().any(|r| r.is_match(text))
            && !self.not_needed.iter().any(|r| r.is_match(text));
        asks.then(|| self.scale_to_zero_at_times.iter().any(|r| r.is_match(text)))
    }

    /// The loss a requirement's text asks to survive, if any (a site before a region when both).
    pub fn loss_to_survive(&self, text: &str) -> Option<FailureScope> {
        if self.not_needed.iter().any(|r| r.is_match(text)) {
            return None;
        }
        let mut found = None;
        for (scope, re) in &self.needs {
            if re.is_match(text) && found.is_none_or(|f: FailureScope| *scope > f) {
                found = Some(*scope);
            }
        }
        found
    }
}

/// The built-in rules alone.
pub fn builtin() -> Result<FitRules, String> {
    let mut rules = FitRules::empty();
    rules.add(Path::new("assets/ranking/rules.ron"), BUILTIN)?;
    Ok(rules)
}

static INSTALLED: Installed<FitRules> = Installed::new("ranking rules", builtin, load);

/// Why team files were left out when the rules were installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed rules (the built-in ones with the team's, see [`super::use_config_dir`]).
pub fn fit_rules() -> &'static FitRules {
    INSTALLED.get()
}

/// Loads the built-in rules and the team's `<config>/ranking/*.ron`; with one warning per team
/// file left out.
fn load(config_dir: &Path) -> (Option<FitRules>, Vec<String>) {
    super::with_team_files(builtin(), config_dir, "ranking", |_| true, FitRules::add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rules_load() {
        let r = builtin().unwrap();
        assert_eq!(r.points.mandated, 10);
        let caps = r.implied(&["warm-standby".into(), "multi-region".into()]);
        assert!(caps.survives(FailureScope::Region));
        assert_eq!(caps.rto.unwrap().typical, 60.0);
    }

    #[test]
    fn losses_to_survive_are_read_from_requirements() {
        let r = builtin().unwrap();
        for (text, want) in [
            (
                "RPO 15 minutes and RTO 1 hour, including the loss of an entire cloud region.",
                Some(FailureScope::Region),
            ),
            (
                "The platform must survive a regional outage.",
                Some(FailureScope::Region),
            ),
            (
                "Service continues after the loss of the primary data centre.",
                Some(FailureScope::Site),
            ),
            ("A region-wide outage is accepted downtime.", None),
            ("99.9 % availability in one region.", None),
        ] {
            assert_eq!(r.loss_to_survive(text), want, "{text}");
        }
    }

    #[test]
    fn a_team_file_replaces_a_decisions_topics_and_adds_its_own() {
        let mut r = builtin().unwrap();
        assert_eq!(r.own_topics("data-messaging"), [AssumptionTopic::Messaging]);
        assert!(r.own_topics("no-such-decision").is_empty());
        let text = "FitRules(topics: [\n  DecisionTopics(decision: \"data-messaging\", topics: [Databases]),\n  DecisionTopics(decision: \"edge-caching\", topics: [Other]),\n])";
        r.add(Path::new("team.ron"), text).unwrap();
        assert_eq!(r.own_topics("data-messaging"), [AssumptionTopic::Databases]);
        assert_eq!(r.own_topics("edge-caching"), [AssumptionTopic::Other]);
        let bad = "FitRules(topics: [DecisionTopics(decision: \"Not A Slug\", topics: [])])";
        let err = r.add(Path::new("team.ron"), bad).unwrap_err();
        assert!(err.starts_with("team.ron:1:"), "{err}");
    }

    #[test]
    fn a_team_file_is_checked_with_its_place() {
        let mut r = FitRules::empty();
        let text = "FitRules(\n  needs: [Need(scope: Region, patterns: [\"(bad\"])],\n)";
        let err = r.add(Path::new("team.ron"), text).unwrap_err();
        assert!(err.starts_with("team.ron:2:"), "{err}");
        let text = "FitRules(tags: [TagCapabilities(tags: [\"x\"], capabilities: Capabilities(rpo: Some(Reach(best: \"later\", typical: \"1h\", via: \"v\"))))])";
        let err = r.add(Path::new("team.ron"), text).unwrap_err();
        assert!(err.contains("\"later\""), "{err}");
    }
}
