//! Where cloud regions are (`assets/extraction/geography.ron`): the geographies a residency rule
//! can name, with the countries they cover, and the regions documents name, with their country.

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use super::phrases::Phrases;
use super::position_of;
use crate::files::from_ron;

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Geography", default)]
struct GeographyFile {
    geographies: Vec<GeographyEntry>,
    regions: Vec<RegionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Geography")]
struct GeographyEntry {
    name: String,
    phrases: Vec<String>,
    countries: Vec<String>,
    #[serde(default)]
    government: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Region")]
struct RegionEntry {
    name: String,
    country: String,
    #[serde(default)]
    government: bool,
}

/// What a residency rule can name.
#[derive(Debug, Clone)]
pub struct Place {
    /// As messages write it (`the EU`).
    pub name: String,
    pub phrases: Phrases,
    /// ISO 3166-1 alpha-2 codes; `*` for any country.
    pub countries: Vec<String>,
    /// Only government regions (`Some(true)`), only the others (`Some(false)`), or any.
    pub government: Option<bool>,
}

/// A cloud region.
#[derive(Debug, Clone)]
pub struct Region {
    /// As the file writes it (`eu-west-2`, `West Europe`).
    pub name: String,
    pub country: String,
    pub government: bool,
}

impl Place {
    /// Whether `region` lies in this place.
    pub fn holds(&self, region: &Region) -> bool {
        self.government.is_none_or(|g| g == region.government)
            && self
                .countries
                .iter()
                .any(|c| c == "*" || *c == region.country)
    }
}

/// Every geography and region known.
#[derive(Debug, Default)]
pub struct Geography {
    pub places: Vec<Place>,
    pub regions: Vec<Region>,
    finder: Option<Regex>,
}

fn is_country(code: &str) -> bool {
    code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())
}

/// The expression for a region name: a code (`eu-west-2`) also matches the name of one of its
/// zones (`eu-west-2a`); a display name (`West Europe`) matches with spaces or hyphens.
fn region_pattern(name: &str) -> String {
    let words: Vec<String> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(regex::escape)
        .collect();
    let zone = if name.chars().last().is_some_and(|c| c.is_ascii_digit()) && name.contains('-') {
        "[a-f]?"
    } else {
        ""
    };
    format!(r"\b{}{zone}\b", words.join(r"[\s\-]+"))
}

impl Geography {
    /// Adds a file's geographies and regions.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let f: GeographyFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        let at = |near: &str| format!("{}{}", origin.display(), position_of(text, near));
        for g in f.geographies {
            if g.phrases.iter().all(|p| p.trim().is_empty()) {
                return Err(format!(
                    "{}: geography {:?} has no phrases",
                    at(&g.name),
                    g.name
                ));
            }
            if let Some(bad) = g.countries.iter().find(|c| *c != "*" && !is_country(c)) {
                return Err(format!(
                    "{}: {bad:?} is not a two-letter country code (ISO 3166-1) or \"*\"",
                    at(bad)
                ));
            }
            if g.countries.is_empty() {
                return Err(format!(
                    "{}: geography {:?} has no countries",
                    at(&g.name),
                    g.name
                ));
            }
            match self.places.iter_mut().find(|p| p.name == g.name) {
                Some(known) => {
                    known.phrases.extend(g.phrases);
                    known.countries.extend(g.countries);
                }
                None => self.places.push(Place {
                    name: g.name,
                    phrases: Phrases::new(g.phrases),
                    countries: g.countries,
                    government: g.government,
                }),
            }
        }
        for r in f.regions {
            if r.name.trim().is_empty() {
                return Err(format!("{}: a region needs a name", at("Region")));
            }
            if !is_country(&r.country) {
                return Err(format!(
                    "{}: {:?} is not a two-letter country code (ISO 3166-1)",
                    at(&r.country),
                    r.country
                ));
            }
            self.regions
                .retain(|k| !k.name.eq_ignore_ascii_case(r.name.trim()));
            self.regions.push(Region {
                name: r.name.trim().to_string(),
                country: r.country,
                government: r.government,
            });
        }
        let mut names: Vec<&Region> = self.regions.iter().collect();
        names.sort_by_key(|r| std::cmp::Reverse(r.name.len()));
        let joined = names
            .iter()
            .map(|r| region_pattern(&r.name))
            .collect::<Vec<_>>()
            .join("|");
        self.finder = (!names.is_empty())
            .then(|| Regex::new(&format!("(?i)(?:{joined})")).ok())
            .flatten();
        Ok(())
    }

    /// The regions `text` names, with where they stand, left to right.
    pub fn regions_in(&self, text: &str) -> Vec<(usize, usize, &Region)> {
        let Some(finder) = &self.finder else {
            return Vec::new();
        };
        finder
            .find_iter(text)
            .filter_map(|m| {
                let found = m.as_str();
                self.regions
                    .iter()
                    .filter(|r| {
                        let norm = |s: &str| {
                            s.to_lowercase()
                                .split([' ', '-', '\t', '\n'])
                                .filter(|w| !w.is_empty())
                                .collect::<Vec<_>>()
                                .join(" ")
                        };
                        let (f, n) = (norm(found), norm(&r.name));
                        f == n || f.strip_prefix(n.as_str()).is_some_and(|z| z.len() == 1)
                    })
                    .max_by_key(|r| r.name.len())
                    .map(|r| (m.start(), m.end(), r))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Geography {
        let mut g = Geography::default();
        g.add(
            Path::new("assets/extraction/geography.ron"),
            include_str!("../../../../../assets/extraction/geography.ron"),
        )
        .unwrap();
        g
    }

    #[test]
    fn regions_zones_and_display_names() {
        let g = builtin();
        let found: Vec<(&str, &str)> = g
            .regions_in("RDS in eu-west-2a, a copy in West Europe and a BigQuery dataset in the US multi-region; us-east-1.")
            .into_iter()
            .map(|(_, _, r)| (r.name.as_str(), r.country.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("eu-west-2", "GB"),
                ("West Europe", "NL"),
                ("US multi-region", "US"),
                ("us-east-1", "US")
            ]
        );
        assert!(g.regions_in("us-east-10 and eu-west-2ab").is_empty());
    }

    #[test]
    fn places_hold_their_regions() {
        let g = builtin();
        let place = |name: &str| g.places.iter().find(|p| p.name == name).unwrap();
        let region = |name: &str| g.regions.iter().find(|r| r.name == name).unwrap();
        assert!(place("the EU").holds(region("eu-central-1")));
        assert!(!place("the EU").holds(region("eu-west-2")));
        assert!(place("Europe").holds(region("eu-west-2")));
        assert!(place("commercial regions").holds(region("us-east-2")));
        assert!(!place("commercial regions").holds(region("us-gov-west-1")));
        assert!(place("government regions").holds(region("us-gov-west-1")));
    }

    #[test]
    fn bad_codes_are_refused_with_their_place() {
        let mut g = Geography::default();
        let text = "Geography(\n regions: [Region(name: \"x-1\", country: \"Germany\")],\n)";
        let err = g.add(Path::new("team.ron"), text).unwrap_err();
        assert!(err.starts_with("team.ron:2:"), "{err}");
    }
}
