//! What makes two places of the inputs disagree (`assets/extraction/conflicts.ron`): tools of which
//! a project uses one, the scopes a language mandate can be limited to, the words of backups,
//! replication and restores, single-zone placements, features a rule can require, retention and
//! deletion words, estimate words, and residency words.

use std::path::Path;

use serde::Deserialize;

use super::phrases::Phrases;
use super::position_of;
use crate::files::from_ron;
use crate::model::AssumptionTopic;

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Conflicts", default)]
struct ConflictsFile {
    exclusive: Vec<ExclusiveEntry>,
    umbrellas: Vec<UmbrellaEntry>,
    equivalent: Vec<Vec<String>>,
    scopes: Vec<ScopeEntry>,
    ignored_headings: Vec<String>,
    past: Vec<String>,
    non_production: Vec<String>,
    conditional: Vec<String>,
    recovery: RecoveryEntry,
    availability: AvailabilityEntry,
    features: Vec<FeatureEntry>,
    off: Vec<String>,
    retention: RetentionEntry,
    budget: BudgetEntry,
    residency: ResidencyEntry,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Exclusive")]
struct ExclusiveEntry {
    name: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    topic: Option<AssumptionTopic>,
    #[serde(default)]
    needs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Umbrella")]
struct UmbrellaEntry {
    tag: String,
    covers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Scope")]
struct ScopeEntry {
    name: String,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Cadence")]
struct CadenceEntry {
    phrases: Vec<String>,
    minutes: f64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Recovery", default)]
struct RecoveryEntry {
    backup: Vec<String>,
    weak_backup: Vec<String>,
    protection: Vec<String>,
    cadences: Vec<CadenceEntry>,
    every: Vec<String>,
    continuous: Vec<String>,
    asynchronous: Vec<String>,
    replication: Vec<String>,
    lag: Vec<String>,
    restore: Vec<String>,
    estimate: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Availability", default)]
struct AvailabilityEntry {
    multi_zone_from: Option<f64>,
    single_zone: Vec<String>,
    not_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Feature")]
struct FeatureEntry {
    name: String,
    on: Vec<String>,
    #[serde(default)]
    instead: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Retention", default)]
struct RetentionEntry {
    keep: Vec<String>,
    delete: Vec<String>,
    at_least: Vec<String>,
    at_most: Vec<String>,
    backups: Vec<String>,
    including_backups: Vec<String>,
    not_subject: Vec<String>,
    #[serde(default)]
    universal: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Budget", default)]
struct BudgetEntry {
    estimate: Vec<String>,
    approximate: Vec<String>,
    threshold: Vec<String>,
    not_estimate: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Residency", default)]
struct ResidencyEntry {
    keep_in: Vec<String>,
    forbid: Vec<String>,
    leave: Vec<String>,
}

/// Tools of which a project uses one.
#[derive(Debug, Clone)]
pub struct ExclusiveGroup {
    /// What one of them is (`infrastructure-as-code tool`).
    pub name: String,
    pub tags: Vec<String>,
    pub topic: Option<AssumptionTopic>,
    /// When not empty, a rule mandates one of the group for the whole system only with one of
    /// these words ("every new backend service must be written in Go"); without, it speaks of one
    /// part ("the pricing engine stays in Python").
    pub needs: Phrases,
}

/// A part of a system a language mandate can be limited to.
#[derive(Debug, Clone)]
pub struct Scope {
    pub name: String,
    pub phrases: Phrases,
}

/// Something a rule can require and a description can leave out.
#[derive(Debug, Clone)]
pub struct Feature {
    pub name: String,
    /// Phrases that name the feature.
    pub on: Phrases,
    /// Phrases that name what stands in its place.
    pub instead: Phrases,
}

/// Backups, replication and restores.
#[derive(Debug, Default)]
pub struct RecoveryCues {
    pub backup: Phrases,
    /// Backup words that count only with a protection word.
    pub weak_backup: Phrases,
    pub protection: Phrases,
    /// Cadence phrases and the minutes between two runs.
    pub cadences: Vec<(Phrases, f64)>,
    pub every: Phrases,
    pub continuous: Phrases,
    pub asynchronous: Phrases,
    pub replication: Phrases,
    pub lag: Phrases,
    pub restore: Phrases,
    pub estimate: Phrases,
}

/// Single-zone placements.
#[derive(Debug, Default)]
pub struct AvailabilityCues {
    /// Percent from which a target needs more than one zone.
    pub multi_zone_from: f64,
    pub single_zone: Phrases,
    pub not_after: Phrases,
}

/// Retention and deletion.
#[derive(Debug, Default)]
pub struct RetentionCues {
    pub keep: Phrases,
    pub delete: Phrases,
    pub at_least: Phrases,
    pub at_most: Phrases,
    /// Words of backups (their retention is not the data's).
    pub backups: Phrases,
    pub including_backups: Phrases,
    /// Lower-case words that are never a subject.
    pub not_subject: Vec<String>,
    /// Phrases that make a description about every kind of data ("for all modalities").
    pub universal: Phrases,
}

/// Everything that finds conflicts, every list in file order (a team's additions after the
/// built-in).
#[derive(Debug, Default)]
pub struct ConflictCues {
    pub exclusive: Vec<ExclusiveGroup>,
    /// A tag and the tags it covers.
    pub umbrellas: Vec<(String, Vec<String>)>,
    pub equivalent: Vec<Vec<String>>,
    pub scopes: Vec<Scope>,
    /// Lower-case words; statements under a heading holding one are left out.
    pub ignored_headings: Vec<String>,
    /// Phrases that put a description in the past.
    pub past: Phrases,
    /// Environments other than production.
    pub non_production: Phrases,
    /// Words that make a prohibition conditional.
    pub conditional: Phrases,
    pub recovery: RecoveryCues,
    pub availability: AvailabilityCues,
    pub features: Vec<Feature>,
    pub off: Phrases,
    pub retention: RetentionCues,
    /// Words that make an amount an estimate.
    pub estimate: Phrases,
    /// Words that make an amount of a description an estimate ("roughly", "in total").
    pub approximate: Phrases,
    /// Words that make the amount after them a threshold.
    pub threshold: Phrases,
    /// Words that make a statement compare with the budget rather than estimate.
    pub not_estimate: Phrases,
    pub keep_in: Phrases,
    pub forbid: Phrases,
    /// Words of data leaving a place ("never leaves the EU"): the place is kept in, not forbidden.
    pub leave: Phrases,
}

fn blank_error(origin: &Path, text: &str, near: &str, what: &str) -> String {
    format!("{}{}: {what}", origin.display(), position_of(text, near))
}

impl ConflictCues {
    /// Adds a file's cues to what is known: groups, scopes and features of a name already known
    /// get the new tags and phrases.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let f: ConflictsFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for g in f.exclusive {
            if g.name.trim().is_empty() {
                return Err(blank_error(
                    origin,
                    text,
                    "Exclusive",
                    "a group needs a name",
                ));
            }
            if g.tags.is_empty() && g.topic.is_none() {
                return Err(blank_error(
                    origin,
                    text,
                    &g.name,
                    &format!("group {:?} names neither tags nor a topic", g.name),
                ));
            }
            match self.exclusive.iter_mut().find(|k| k.name == g.name) {
                Some(known) => {
                    known.tags.extend(g.tags);
                    known.topic = known.topic.or(g.topic);
                    known.needs.extend(g.needs);
                }
                None => self.exclusive.push(ExclusiveGroup {
                    name: g.name,
                    tags: g.tags,
                    topic: g.topic,
                    needs: Phrases::new(g.needs),
                }),
            }
        }
        for u in f.umbrellas {
            match self.umbrellas.iter_mut().find(|(t, _)| *t == u.tag) {
                Some((_, covers)) => covers.extend(u.covers),
                None => self.umbrellas.push((u.tag, u.covers)),
            }
        }
        for set in f.equivalent {
            if set.len() < 2 {
                let near = set.first().map_or("equivalent", String::as_str);
                return Err(blank_error(
                    origin,
                    text,
                    near,
                    "an equivalence needs at least two tags",
                ));
            }
            self.equivalent.push(set);
        }
        for s in f.scopes {
            match self.scopes.iter_mut().find(|k| k.name == s.name) {
                Some(known) => known.phrases.extend(s.phrases),
                None => self.scopes.push(Scope {
                    name: s.name,
                    phrases: Phrases::new(s.phrases),
                }),
            }
        }
        self.ignored_headings.extend(
            f.ignored_headings
                .into_iter()
                .map(|h| h.trim().to_lowercase())
                .filter(|h| !h.is_empty()),
        );
        self.past.extend(f.past);
        self.non_production.extend(f.non_production);
        self.conditional.extend(f.conditional);
        {
            let r = f.recovery;
            let c = &mut self.recovery;
            c.backup.extend(r.backup);
            c.weak_backup.extend(r.weak_backup);
            c.protection.extend(r.protection);
            for cadence in r.cadences {
                if !(cadence.minutes.is_finite() && cadence.minutes > 0.0) {
                    let near = cadence.phrases.first().map_or("minutes", String::as_str);
                    return Err(blank_error(
                        origin,
                        text,
                        near,
                        "a cadence needs a positive number of minutes",
                    ));
                }
                c.cadences
                    .push((Phrases::new(cadence.phrases), cadence.minutes));
            }
            c.every.extend(r.every);
            c.continuous.extend(r.continuous);
            c.asynchronous.extend(r.asynchronous);
            c.replication.extend(r.replication);
            c.lag.extend(r.lag);
            c.restore.extend(r.restore);
            c.estimate.extend(r.estimate);
        }
        {
            let a = f.availability;
            if let Some(from) = a.multi_zone_from {
                if !(50.0..100.0).contains(&from) {
                    return Err(blank_error(
                        origin,
                        text,
                        "multi_zone_from",
                        "multi_zone_from is a percentage from 50 to below 100",
                    ));
                }
                self.availability.multi_zone_from = from;
            }
            self.availability.single_zone.extend(a.single_zone);
            self.availability.not_after.extend(a.not_after);
        }
        for feature in f.features {
            if feature.on.iter().all(|p| p.trim().is_empty()) {
                return Err(blank_error(
                    origin,
                    text,
                    &feature.name,
                    &format!("feature {:?} has no phrases that name it", feature.name),
                ));
            }
            match self.features.iter_mut().find(|k| k.name == feature.name) {
                Some(known) => {
                    known.on.extend(feature.on);
                    known.instead.extend(feature.instead);
                }
                None => self.features.push(Feature {
                    name: feature.name,
                    on: Phrases::new(feature.on),
                    instead: Phrases::new(feature.instead),
                }),
            }
        }
        self.off.extend(f.off);
        {
            let r = f.retention;
            let c = &mut self.retention;
            c.keep.extend(r.keep);
            c.delete.extend(r.delete);
            c.at_least.extend(r.at_least);
            c.at_most.extend(r.at_most);
            c.backups.extend(r.backups);
            c.including_backups.extend(r.including_backups);
            c.not_subject
                .extend(r.not_subject.into_iter().map(|w| w.trim().to_lowercase()));
            c.universal.extend(r.universal);
        }
        self.estimate.extend(f.budget.estimate);
        self.approximate.extend(f.budget.approximate);
        self.threshold.extend(f.budget.threshold);
        self.not_estimate.extend(f.budget.not_estimate);
        self.keep_in.extend(f.residency.keep_in);
        self.forbid.extend(f.residency.forbid);
        self.leave.extend(f.residency.leave);
        Ok(())
    }

    /// Checks that every tag the groups and equivalences name is a tag of the vocabulary.
    pub fn check(&self, known: &dyn Fn(&str) -> bool) -> Result<(), String> {
        let tags = self
            .exclusive
            .iter()
            .flat_map(|g| g.tags.iter())
            .chain(self.equivalent.iter().flatten())
            .chain(
                self.umbrellas
                    .iter()
                    .flat_map(|(t, covers)| std::iter::once(t).chain(covers)),
            );
        for t in tags {
            if !known(t) {
                return Err(format!("{t:?} is not a tag of the vocabulary"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_file_and_the_place() {
        let mut c = ConflictCues::default();
        let text = "Conflicts(\n  exclusive: [Exclusive(name: \"iac\")],\n)";
        let err = c.add(Path::new("team.ron"), text).unwrap_err();
        assert!(err.starts_with("team.ron:2:"), "{err}");
        assert!(err.contains("neither tags nor a topic"), "{err}");

        let text = "Conflicts(\n  availability: Availability(multi_zone_from: Some(120.0)),\n)";
        let err = c.add(Path::new("team.ron"), text).unwrap_err();
        assert!(err.starts_with("team.ron:2:"), "{err}");

        let text = "Conflicts(exclusive: [Exclusive(name: \"x\", tags: [\"nope\"])])";
        c.add(Path::new("team.ron"), text).unwrap();
        let err = c.check(&|t| t == "terraform").unwrap_err();
        assert!(err.contains("\"nope\""), "{err}");
    }

    #[test]
    fn a_team_file_adds_to_a_known_group() {
        let mut c = ConflictCues::default();
        c.add(
            Path::new("a.ron"),
            "Conflicts(exclusive: [Exclusive(name: \"iac\", tags: [\"terraform\"])])",
        )
        .unwrap();
        c.add(
            Path::new("b.ron"),
            "Conflicts(exclusive: [Exclusive(name: \"iac\", tags: [\"pulumi\"])])",
        )
        .unwrap();
        assert_eq!(c.exclusive.len(), 1);
        assert_eq!(c.exclusive[0].tags, ["terraform", "pulumi"]);
    }
}
