//! Capabilities as knowledge files write them: recovery times as durations (`"0s"`, `"15m"`,
//! `"4h"`), availability in percent, and the failures an option survives. Checked when read, so a
//! wrong duration or a best that is worse than the typical is reported with its file and place.

use std::path::Path;

use serde::Deserialize;

use crate::model::{Capabilities, FailureScope, Reach};

/// A recovery point or time: `best` and `typical` as durations (`"30s"`, `"15m"`, `"24h"`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Reach", deny_unknown_fields)]
pub struct TimeReach {
    pub best: String,
    pub typical: String,
    pub via: String,
}

/// An availability in percent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Reach", deny_unknown_fields)]
pub struct PercentReach {
    pub best: f64,
    pub typical: f64,
    pub via: String,
}

/// What an option achieves, as a knowledge file states it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename = "Capabilities", default, deny_unknown_fields)]
pub struct CapabilityEntry {
    pub rpo: Option<TimeReach>,
    pub rto: Option<TimeReach>,
    pub availability: Option<PercentReach>,
    /// `Some([])` says it survives no failure (a single instance); `None` says nothing.
    pub survives: Option<Vec<FailureScope>>,
    /// Where the option keeps and processes data.
    pub residency: Option<crate::model::Residency>,
    /// The tail latency the platform can add to a request ("0s" typical for a long-running
    /// service, "1s" for a function's cold start).
    pub added_latency: Option<TimeReach>,
    /// Whether it stops running (and costing) when no work arrives.
    pub scale_to_zero: Option<crate::model::ScaleToZero>,
}

fn minutes(text: &str) -> Result<f64, String> {
    let d: jiff::SignedDuration = text.trim().parse().map_err(|e| {
        format!("{text:?} is not a duration such as \"30s\", \"15m\" or \"24h\" ({e})")
    })?;
    if d.is_negative() {
        return Err(format!("{text:?} is negative"));
    }
    Ok(d.as_secs_f64() / 60.0)
}

fn time(origin: &Path, text: &str, what: &str, r: &TimeReach) -> Result<Reach, String> {
    let at = |needle: &str| {
        format!(
            "{}{}",
            origin.display(),
            super::extraction::position_of(text, needle)
        )
    };
    let best = minutes(&r.best).map_err(|e| format!("{}: {what}: {e}", at(&r.best)))?;
    let typical = minutes(&r.typical).map_err(|e| format!("{}: {what}: {e}", at(&r.typical)))?;
    if best > typical {
        return Err(format!(
            "{}: {what}: best ({}) is longer than typical ({})",
            at(&r.best),
            r.best,
            r.typical
        ));
    }
    Ok(Reach {
        best,
        typical,
        via: r.via.trim().to_string(),
    })
}

impl CapabilityEntry {
    /// The capabilities in normalised units; `text` is the file, for the place of an error.
    pub fn resolve(&self, origin: &Path, text: &str) -> Result<Capabilities, String> {
        let rpo = self
            .rpo
            .as_ref()
            .map(|r| time(origin, text, "rpo", r))
            .transpose()?;
        let rto = self
            .rto
            .as_ref()
            .map(|r| time(origin, text, "rto", r))
            .transpose()?;
        let added_latency = self
            .added_latency
            .as_ref()
            .map(|r| time(origin, text, "added_latency", r))
            .transpose()?;
        let availability = match &self.availability {
            Some(a) => {
                let ok = |v: f64| (0.0..=100.0).contains(&v);
                if !ok(a.best) || !ok(a.typical) || a.best < a.typical {
                    return Err(format!(
                        "{}{}: availability: best {} and typical {} must be percentages with best ≥ typical",
                        origin.display(),
                        super::extraction::position_of(text, &a.via),
                        a.best,
                        a.typical
                    ));
                }
                Some(Reach {
                    best: a.best,
                    typical: a.typical,
                    via: a.via.trim().to_string(),
                })
            }
            None => None,
        };
        Ok(Capabilities {
            rpo,
            rto,
            availability,
            states_survival: self.survives.is_some(),
            survives: self.survives.clone().unwrap_or_default(),
            residency: self.residency.clone(),
            added_latency,
            scale_to_zero: self.scale_to_zero.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Capabilities, String> {
        let entry: CapabilityEntry = ron::from_str(text).map_err(|e| e.to_string())?;
        entry.resolve(Path::new("team.ron"), text)
    }

    #[test]
    fn durations_become_minutes() {
        let c = read(
            "Capabilities(rpo: Some(Reach(best: \"0s\", typical: \"1s\", via: \"async\")), rto: Some(Reach(best: \"15m\", typical: \"2h\", via: \"x\")), survives: Some([Zone, Region]))",
        )
        .unwrap();
        assert_eq!(c.rpo.as_ref().unwrap().typical, 1.0 / 60.0);
        assert_eq!(c.rto.as_ref().unwrap().best, 15.0);
        assert_eq!(c.rto.as_ref().unwrap().typical, 120.0);
        assert!(c.states_survival);
        assert!(c.survives(FailureScope::Region));
    }

    #[test]
    fn bad_figures_name_the_place() {
        let text =
            "Capabilities(\n  rpo: Some(Reach(best: \"soon\", typical: \"1s\", via: \"x\")),\n)";
        let err = read(text).unwrap_err();
        assert!(err.starts_with("team.ron:2:"), "{err}");
        assert!(err.contains("\"soon\""), "{err}");
        let text =
            "Capabilities(\n  rto: Some(Reach(best: \"2h\", typical: \"1h\", via: \"x\")),\n)";
        let err = read(text).unwrap_err();
        assert!(err.contains("longer than typical"), "{err}");
        let text =
            "Capabilities(availability: Some(Reach(best: 99.9, typical: 99.99, via: \"x\")))";
        assert!(read(text).unwrap_err().contains("best ≥ typical"));
    }
}
