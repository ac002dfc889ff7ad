//! The offline option catalog: for every component, realistic options with pros, cons, ratings and
//! tags, from `assets/catalog/` (compiled in) and from `<config>/catalog/*.ron` (a team's own).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::capabilities::CapabilityEntry;
use super::tags::is_tag;
use crate::files::from_ron;
use crate::model::{Capabilities, OptionCard, Ratings};

/// One catalog file: the options for one component.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatalogFile {
    /// The template section id of the component.
    pub component: String,
    pub options: Vec<CatalogOption>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatalogOption {
    /// Unique across the whole catalog.
    pub id: String,
    pub name: String,
    pub summary: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub ratings: CatalogRatings,
    pub tags: Vec<String>,
    /// Tags of facts this option contradicts (`no-kubernetes`, `serverless`, …).
    pub conflicts_with: Vec<String>,
    /// What the option achieves, compared by value with the requirements' figures.
    #[serde(default, rename = "capabilities")]
    pub capability_entry: Option<CapabilityEntry>,
    /// The kinds of choice (exclusive groups of `conflicts.ron`) the option is one of beyond what
    /// its tags say.
    #[serde(default)]
    pub answers: Vec<String>,
    /// The hosting targets the option has a realisation on (`aws`, `azure`, `gcp`,
    /// `on-premises`); empty when it can be built anywhere. A project whose inputs name only other
    /// targets is not offered it.
    #[serde(default)]
    pub runs_on: Vec<String>,
    /// Tags of which the inputs must assert one for the option to be offered (a migration plan
    /// needs an `existing-estate` to migrate); empty when it is always offered.
    #[serde(default)]
    pub requires: Vec<String>,
    /// How the option is built on each hosting target it has a realisation on: the concrete
    /// services, and what is true of them there.
    #[serde(default)]
    pub realisations: Vec<Realisation>,
    /// `capability_entry` in normalised units, filled in when the file is read.
    #[serde(skip)]
    pub capabilities: Capabilities,
}

/// An option as built on one hosting target.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Realisation {
    /// `aws`, `azure`, `gcp` or `on-premises`.
    pub target: String,
    /// The concrete services, in a few words.
    pub services: String,
    /// How the option is built there; replaces the option's summary for a project on this target.
    pub summary: String,
    /// Strengths and weaknesses true only there, added to the option's own.
    #[serde(default)]
    pub pros: Vec<String>,
    #[serde(default)]
    pub cons: Vec<String>,
    /// What is true of the option's capabilities only there (Cloud Run scales to zero, ECS on
    /// Fargate only on a schedule); it comes before what the option states in general.
    #[serde(default, rename = "capabilities")]
    pub capability_entry: Option<CapabilityEntry>,
    /// `capability_entry` in normalised units, filled in when the file is read.
    #[serde(skip)]
    pub capabilities: Capabilities,
}

/// How a hosting target is named in text.
pub fn target_label(target: &str) -> &str {
    match target {
        "aws" => "AWS",
        "azure" => "Azure",
        "gcp" => "Google Cloud",
        "on-premises" => "on-premises",
        other => other,
    }
}

/// Ratings from 1 (low) to 5 (high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct CatalogRatings {
    pub cost: u8,
    pub complexity: u8,
    pub operational_burden: u8,
    pub lock_in: u8,
}

impl CatalogOption {
    /// The option as a card for a component's comparison panes; `fit` is the ranking's score.
    pub fn to_card(&self, fit: Option<u8>) -> OptionCard {
        self.to_card_for(fit, &[])
    }

    /// The option as a card for a project on `targets` (its hosting targets, from the inputs):
    /// on one target with a realisation, the card says how it is built there (its summary, the
    /// services, and the strengths and weaknesses true there); on several, it names the services
    /// on each; otherwise it is the option in general.
    pub fn to_card_for(&self, fit: Option<u8>, targets: &[&str]) -> OptionCard {
        let found: Vec<&Realisation> = targets
            .iter()
            .filter_map(|t| self.realisations.iter().find(|r| r.target == *t))
            .collect();
        let mut summary = self.summary.clone();
        let mut pros = self.pros.clone();
        let mut cons = self.cons.clone();
        let mut capabilities = self.capabilities.clone();
        if let [only] = found.as_slice() {
            summary = only.summary.clone();
            pros.extend(only.pros.iter().cloned());
            cons.extend(only.cons.iter().cloned());
            capabilities = only.capabilities.clone();
            capabilities.fill_from(&self.capabilities);
        }
        let realised_on = found
            .iter()
            .map(|r| format!("{} ({})", r.services.trim(), target_label(&r.target)))
            .collect::<Vec<_>>()
            .join("; ");
        OptionCard {
            id: self.id.clone(),
            name: self.name.clone(),
            summary,
            pros,
            cons,
            ratings: Ratings {
                cost: Some(self.ratings.cost),
                complexity: Some(self.ratings.complexity),
                operational_burden: Some(self.ratings.operational_burden),
                lock_in: Some(self.ratings.lock_in),
                fit,
            },
            tags: self.tags.clone(),
            conflicts_with: self.conflicts_with.clone(),
            catalog_id: Some(self.id.clone()),
            capabilities,
            answers: self.answers.clone(),
            realised_on,
        }
    }
}

/// Where an option can be realised.
pub const HOSTING_TARGETS: [&str; 4] = ["aws", "azure", "gcp", "on-premises"];

/// The built-in catalog files, by name.
const BUILTIN: &[(&str, &str)] = &[
    (
        "cloud-provider-strategy.ron",
        include_str!("../../../../assets/catalog/cloud-provider-strategy.ron"),
    ),
    (
        "infrastructure-as-code.ron",
        include_str!("../../../../assets/catalog/infrastructure-as-code.ron"),
    ),
    (
        "environment-configuration.ron",
        include_str!("../../../../assets/catalog/environment-configuration.ron"),
    ),
    (
        "network-architecture.ron",
        include_str!("../../../../assets/catalog/network-architecture.ron"),
    ),
    (
        "compute-resources.ron",
        include_str!("../../../../assets/catalog/compute-resources.ron"),
    ),
    (
        "compute-background-work.ron",
        include_str!("../../../../assets/catalog/compute-background-work.ron"),
    ),
    (
        "data-resources.ron",
        include_str!("../../../../assets/catalog/data-resources.ron"),
    ),
    (
        "data-messaging.ron",
        include_str!("../../../../assets/catalog/data-messaging.ron"),
    ),
    (
        "data-cache.ron",
        include_str!("../../../../assets/catalog/data-cache.ron"),
    ),
    (
        "data-object-storage.ron",
        include_str!("../../../../assets/catalog/data-object-storage.ron"),
    ),
    (
        "security-architecture.ron",
        include_str!("../../../../assets/catalog/security-architecture.ron"),
    ),
    (
        "security-secrets-keys.ron",
        include_str!("../../../../assets/catalog/security-secrets-keys.ron"),
    ),
    (
        "security-edge-protection.ron",
        include_str!("../../../../assets/catalog/security-edge-protection.ron"),
    ),
    (
        "monitoring-observability.ron",
        include_str!("../../../../assets/catalog/monitoring-observability.ron"),
    ),
    (
        "monitoring-alerting.ron",
        include_str!("../../../../assets/catalog/monitoring-alerting.ron"),
    ),
    (
        "ci-cd-pipeline.ron",
        include_str!("../../../../assets/catalog/ci-cd-pipeline.ron"),
    ),
    (
        "disaster-recovery.ron",
        include_str!("../../../../assets/catalog/disaster-recovery.ron"),
    ),
    (
        "cost-optimization.ron",
        include_str!("../../../../assets/catalog/cost-optimization.ron"),
    ),
    (
        "environment-transition-strategy.ron",
        include_str!("../../../../assets/catalog/environment-transition-strategy.ron"),
    ),
    (
        "shared-responsibility-model.ron",
        include_str!("../../../../assets/catalog/shared-responsibility-model.ron"),
    ),
    (
        "infrastructure-evolution-plan.ron",
        include_str!("../../../../assets/catalog/infrastructure-evolution-plan.ron"),
    ),
    (
        "cross-team-collaboration-model.ron",
        include_str!("../../../../assets/catalog/cross-team-collaboration-model.ron"),
    ),
    (
        "infrastructure-verification-approach.ron",
        include_str!("../../../../assets/catalog/infrastructure-verification-approach.ron"),
    ),
];

/// The catalog of one configuration directory, loaded the first time it is asked for, from
/// whichever thread asks first (loading validates every option against the extraction
/// knowledge, which compiles its patterns: tens of milliseconds the workbench spends off its
/// first frame).
#[derive(Debug)]
pub struct SharedCatalog {
    config_dir: PathBuf,
    loaded: std::sync::OnceLock<(Catalog, Vec<String>)>,
}

impl SharedCatalog {
    pub fn new(config_dir: &Path) -> SharedCatalog {
        SharedCatalog {
            config_dir: config_dir.to_path_buf(),
            loaded: std::sync::OnceLock::new(),
        }
    }

    /// The catalog (loaded now if it was not yet).
    pub fn get(&self) -> &Catalog {
        &self.loaded().0
    }

    /// Why team files were left out (loads the catalog if it was not yet).
    pub fn warnings(&self) -> &[String] {
        &self.loaded().1
    }

    fn loaded(&self) -> &(Catalog, Vec<String>) {
        self.loaded.get_or_init(|| Catalog::load(&self.config_dir))
    }
}

/// All catalog options, each with the component it belongs to.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<(String, CatalogOption)>,
}

impl Catalog {
    /// The built-in catalog. Its files are tested to parse and validate, so an error here is a
    /// bug; it is still reported rather than panicking.
    pub fn builtin() -> Result<Catalog, String> {
        let mut catalog = Catalog::default();
        for (name, text) in BUILTIN {
            let origin = PathBuf::from("assets/catalog").join(name);
            catalog.add_text(&origin, text)?;
        }
        Ok(catalog)
    }

    /// The built-in catalog plus the team's files in `<config>/catalog/`. A broken team file is
    /// skipped and reported in the returned warnings.
    pub fn load(config_dir: &Path) -> (Catalog, Vec<String>) {
        let mut warnings = Vec::new();
        let mut catalog = Catalog::builtin().unwrap_or_else(|e| {
            warnings.push(e);
            Catalog::default()
        });
        for (path, text) in super::team_files(config_dir, "catalog") {
            let result = text.and_then(|text| catalog.add_text(&path, &text));
            if let Err(e) = result {
                warnings.push(format!("{e}; file skipped"));
            }
        }
        (catalog, warnings)
    }

    fn add_text(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let mut file: CatalogFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        for option in &mut file.options {
            if let Some(entry) = &option.capability_entry {
                option.capabilities = entry
                    .resolve(origin, text)
                    .map_err(|e| format!("{e} (option {:?})", option.id))?;
            }
            if let Some(t) = option
                .runs_on
                .iter()
                .find(|t| !HOSTING_TARGETS.contains(&t.as_str()))
            {
                return Err(format!(
                    "{}{}: option {:?}: runs_on {t:?} is not one of {}",
                    origin.display(),
                    super::extraction::position_of(text, t),
                    option.id,
                    HOSTING_TARGETS.join(", ")
                ));
            }
            let mut seen_targets = HashSet::new();
            for r in &mut option.realisations {
                if let Some(entry) = &r.capability_entry {
                    r.capabilities = entry.resolve(origin, text).map_err(|e| {
                        format!("{e} (option {:?}, realisation {:?})", option.id, r.target)
                    })?;
                }
                let problem = if !HOSTING_TARGETS.contains(&r.target.as_str()) {
                    Some(format!(
                        "realisation target {:?} is not one of {}",
                        r.target,
                        HOSTING_TARGETS.join(", ")
                    ))
                } else if !seen_targets.insert(r.target.as_str()) {
                    Some(format!("two realisations for {:?}", r.target))
                } else if !option.runs_on.is_empty() && !option.runs_on.contains(&r.target) {
                    Some(format!(
                        "a realisation for {:?}, which is not in runs_on",
                        r.target
                    ))
                } else if r.services.trim().is_empty() || r.summary.trim().is_empty() {
                    Some(format!(
                        "the realisation for {:?} names no services",
                        r.target
                    ))
                } else {
                    None
                };
                if let Some(problem) = problem {
                    return Err(format!(
                        "{}{}: option {:?}: {problem}",
                        origin.display(),
                        super::extraction::position_of(text, &r.services),
                        option.id
                    ));
                }
            }
            let groups = &super::extraction::extraction().conflicts.exclusive;
            if let Some(a) = option
                .answers
                .iter()
                .find(|a| !groups.iter().any(|g| &g.name == *a))
            {
                return Err(format!(
                    "{}{}: option {:?}: {a:?} is not an exclusive group of conflicts.ron",
                    origin.display(),
                    super::extraction::position_of(text, a),
                    option.id
                ));
            }
        }
        let known: HashSet<&str> = self.entries.iter().map(|(_, o)| o.id.as_str()).collect();
        let mut seen = HashSet::new();
        for option in &file.options {
            let problem = validate(option);
            if let Some(problem) = problem {
                return Err(format!(
                    "{}: option {:?}: {problem}",
                    origin.display(),
                    option.id
                ));
            }
            if known.contains(option.id.as_str()) || !seen.insert(option.id.as_str()) {
                return Err(format!(
                    "{}: option id {:?} is already in the catalog",
                    origin.display(),
                    option.id
                ));
            }
        }
        self.entries.extend(
            file.options
                .into_iter()
                .map(|o| (file.component.clone(), o)),
        );
        Ok(())
    }

    /// The options for a component, in catalog order.
    pub fn for_component<'a>(
        &'a self,
        component: &'a str,
    ) -> impl Iterator<Item = &'a CatalogOption> + 'a {
        self.entries
            .iter()
            .filter(move |(c, _)| c == component)
            .map(|(_, o)| o)
    }

    pub fn option(&self, id: &str) -> Option<&CatalogOption> {
        self.entries.iter().map(|(_, o)| o).find(|o| o.id == id)
    }

    /// Every (component, option) pair.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &CatalogOption)> {
        self.entries.iter().map(|(c, o)| (c.as_str(), o))
    }
}

fn validate(o: &CatalogOption) -> Option<String> {
    if !is_tag(&o.id) {
        return Some("the id is not kebab-case".into());
    }
    if o.name.trim().is_empty() {
        return Some("no name".into());
    }
    let r = o.ratings;
    for (what, v) in [
        ("cost", r.cost),
        ("complexity", r.complexity),
        ("operational_burden", r.operational_burden),
        ("lock_in", r.lock_in),
    ] {
        if !(1..=5).contains(&v) {
            return Some(format!("rating {what} is {v}; ratings go from 1 to 5"));
        }
    }
    if let Some(t) = o.tags.iter().chain(&o.conflicts_with).find(|t| !is_tag(t)) {
        return Some(format!("tag {t:?} is not lowercase kebab-case"));
    }
    None
}
