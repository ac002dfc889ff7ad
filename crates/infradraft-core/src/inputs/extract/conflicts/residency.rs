//! Residency: a rule keeps data in a place ("must stay in the EU or the UK", "only in Germany") or
//! keeps it out of one ("Commercial AWS regions are prohibited"); a description names a region
//! outside (or inside) it.

use crate::knowledge::extraction::extraction;
use crate::knowledge::extraction::geography::{Place, Region};

use super::claims::{Claim, clause, switched_off, words_before};
use super::{Found, doc_name};

/// What a rule says about where data may be.
struct Residency<'k> {
    allowed: Vec<&'k Place>,
    forbidden: Vec<&'k Place>,
    /// Regions data is kept in ("only in eu-west-1 or eu-central-1", "deployed in West Europe"):
    /// their countries are allowed.
    allowed_regions: Vec<&'k Region>,
}

impl Residency<'_> {
    fn restricts(&self) -> bool {
        !self.allowed.is_empty() || !self.allowed_regions.is_empty()
    }

    fn allows(&self, region: &Region) -> bool {
        self.allowed.iter().any(|p| p.holds(region))
            || self
                .allowed_regions
                .iter()
                .any(|r| r.country == region.country && r.government == region.government)
    }

    fn allowed_names(&self) -> String {
        self.allowed
            .iter()
            .map(|p| p.name.as_str())
            .chain(self.allowed_regions.iter().map(|r| r.name.as_str()))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

fn residency(text: &str) -> Option<Residency<'static>> {
    let k = extraction();
    let cues = &k.conflicts;
    let mut allowed: Vec<&Place> = Vec::new();
    let mut forbidden: Vec<&Place> = Vec::new();
    for place in &k.geography.places {
        for (s, e) in place.phrases.find(text) {
            let (cs, ce) = clause(text, s, e);
            let whole = &text[cs..ce];
            let before = words_before(text, s, 6);
            let keeps = cues.keep_in.is_match(before);
            let leaving = cues.leave.is_match(before);
            if cues.forbid.is_match(whole) && !leaving {
                if !forbidden.iter().any(|p| p.name == place.name) {
                    forbidden.push(place);
                }
            } else if keeps && !allowed.iter().any(|p| p.name == place.name) {
                allowed.push(place);
            }
        }
    }
    let mut allowed_regions: Vec<&Region> = Vec::new();
    for (s, _, region) in k.geography.regions_in(text) {
        let before = words_before(text, s, 6);
        if cues.keep_in.is_match(before)
            && !cues.leave.is_match(before)
            && !allowed_regions.iter().any(|r| r.name == region.name)
        {
            allowed_regions.push(region);
        }
    }
    (!allowed.is_empty() || !forbidden.is_empty() || !allowed_regions.is_empty()).then_some(
        Residency {
            allowed,
            forbidden,
            allowed_regions,
        },
    )
}

/// Residency rules against the regions descriptions name.
pub(super) fn residency_rules<'c, 'a>(
    rules: &[&'c Claim<'a>],
    descriptions: &[&'c Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    let geography = &extraction().geography;
    let ruled: Vec<(&&Claim<'_>, Residency<'_>)> = rules
        .iter()
        .filter_map(|r| residency(&r.text).map(|x| (r, x)))
        .collect();
    if ruled.is_empty() {
        return;
    }
    for d in descriptions {
        let regions: Vec<_> = geography
            .regions_in(&d.text)
            .into_iter()
            .filter(|&(s, e, _)| !switched_off(&d.text, s, e))
            .collect();
        for (r, rule) in &ruled {
            let outside = regions.iter().find_map(|(s, e, region)| {
                if let Some(p) = rule.forbidden.iter().find(|p| p.holds(region)) {
                    return Some(format!(
                        "{} are ruled out; the {} uses {} ({})",
                        p.name,
                        doc_name(d.input.kind),
                        &d.text[*s..*e],
                        region.country
                    ));
                }
                (rule.restricts() && !rule.allows(region)).then(|| {
                    format!(
                        "data must stay in {}; the {} uses {} ({})",
                        rule.allowed_names(),
                        doc_name(d.input.kind),
                        &d.text[*s..*e],
                        region.country
                    )
                })
            });
            if let Some(outside) = outside {
                out.push(Found {
                    kind: "residency-vs-region",
                    about: format!("The {} says {outside}", doc_name(r.input.kind)),
                    rule: r,
                    found: d,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<&'static str>, Vec<&'static str>) {
        let r = residency(text).expect(text);
        (
            r.allowed.iter().map(|p| p.name.as_str()).collect(),
            r.forbidden.iter().map(|p| p.name.as_str()).collect(),
        )
    }

    #[test]
    fn places_kept_in_and_kept_out_of() {
        assert_eq!(
            read("Production data must stay in the EU or the UK.").0,
            ["the EU", "the UK"]
        );
        assert_eq!(
            read("Customer data SHALL be stored and processed only in Germany.").0,
            ["Germany"]
        );
        assert_eq!(
            read("Personal data never leaves the EU, including backups.").0,
            ["the EU"]
        );
        assert_eq!(
            read("Commercial AWS regions are prohibited for federal data.").1,
            ["commercial regions"]
        );
        assert!(residency("We have customers in the EU and the US.").is_none());
        assert_eq!(
            read("Reader data remains on Belgian territory, backups included.").0,
            ["Belgium"]
        );
    }

    #[test]
    fn regions_kept_in_allow_their_countries() {
        let r = residency("Resources shall be deployed in West Europe or North Europe only.")
            .expect("a rule");
        let names: Vec<&str> = r.allowed_regions.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["West Europe", "North Europe"]);
        let geography = &extraction().geography;
        let region = |name: &str| {
            geography
                .regions_in(name)
                .first()
                .map(|&(_, _, r)| r)
                .expect(name)
        };
        assert!(r.allows(region("westeurope")));
        assert!(!r.allows(region("East US 2")));
        let r =
            residency("Personal data is stored and processed only in eu-west-1 or eu-central-1.")
                .expect("a rule");
        assert!(r.allows(region("eu-central-1")));
        assert!(!r.allows(region("us-east-1")));
    }
}
