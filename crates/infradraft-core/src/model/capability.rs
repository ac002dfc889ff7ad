//! What an option can achieve, in figures the requirements are compared with by value: the
//! recovery point and time it reaches, the availability it is designed for, and the failures it
//! survives. A catalog option carries them; a card without them is judged on what its tags imply
//! (`assets/ranking/rules.ron`).

use serde::{Deserialize, Serialize};

/// How far an option reaches on one figure: what it gives at best (tuned, the right tier) and
/// what it typically gives, and by what means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reach {
    /// At best: minutes for RPO and RTO, percent for availability.
    pub best: f64,
    /// Typically, in the same unit.
    pub typical: f64,
    /// The means, in a few words ("asynchronous replication to the standby region").
    pub via: String,
}

/// A failure an option keeps the service (or its data) through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FailureScope {
    /// One server, instance or node.
    Instance,
    /// An availability zone (or one room or building of a campus).
    Zone,
    /// A whole cloud region.
    Region,
    /// A whole data centre site.
    Site,
}

impl FailureScope {
    pub fn label(self) -> &'static str {
        match self {
            FailureScope::Instance => "an instance",
            FailureScope::Zone => "a zone",
            FailureScope::Region => "a region",
            FailureScope::Site => "a site",
        }
    }

    /// Whether surviving `self` covers a need to survive `need`: a second region and a second
    /// site stand for each other (both put the service beyond one location's failure).
    pub fn covers(self, need: FailureScope) -> bool {
        match need {
            FailureScope::Region | FailureScope::Site => {
                matches!(self, FailureScope::Region | FailureScope::Site)
            }
            other => self == other,
        }
    }
}

/// Where an option keeps and processes the data it handles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Residency {
    /// Whether the data stays in the regions or sites the project chooses (`false`: it is
    /// processed wherever the service runs, such as a global edge network's locations).
    pub contained: bool,
    /// The means, in a few words ("edge locations worldwide terminate TLS and cache content").
    pub via: String,
    /// When it does not keep data in place by default, how it can be made to ("regional edge
    /// services that keep TLS termination in the EU"); `None` when it cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_best: Option<String>,
}

/// Whether an option stops costing compute when no work arrives: no instance runs and none is
/// billed between requests or jobs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleToZero {
    /// Whether it does so by default, with no schedule or extra set-up.
    pub scales: bool,
    /// The means, in a few words ("no instance runs without requests; billing is per request").
    pub via: String,
    /// When it does not by default, how it can be made to whenever work stops ("step scaling on
    /// the queue's depth that sets the workers to zero"); `None` when it cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_best: Option<String>,
    /// How it is brought to zero at set times, when that is all it can do or the simpler way ("a
    /// scheduled scaling action that sets the desired count to zero outside working hours"): it
    /// meets a requirement that asks for zero only at such times ("at night and at weekends").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_schedule: Option<String>,
}

/// What an option achieves. Every part is optional: an option that does not speak to a figure
/// (a CI system to an RPO) is not compared on it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Recovery point, in minutes (0 = no committed data lost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpo: Option<Reach>,
    /// Recovery time, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rto: Option<Reach>,
    /// Availability it is designed for, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Reach>,
    /// The tail latency the platform itself can add to a request (a cold start), in minutes like
    /// the other times; compared with the requirements' latency targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_latency: Option<Reach>,
    /// The failures it survives; empty when it does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub survives: Vec<FailureScope>,
    /// Whether `survives` was stated (an empty list then means it survives none).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub states_survival: bool,
    /// Where it keeps and processes data; `None` when it does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residency: Option<Residency>,
    /// Whether it scales to zero when idle; `None` when it does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_to_zero: Option<ScaleToZero>,
}

impl Capabilities {
    pub fn is_empty(&self) -> bool {
        self.rpo.is_none()
            && self.rto.is_none()
            && self.availability.is_none()
            && self.added_latency.is_none()
            && !self.states_survival
            && self.residency.is_none()
            && self.scale_to_zero.is_none()
    }

    /// Whether it survives the loss of `scope`.
    pub fn survives(&self, scope: FailureScope) -> bool {
        self.survives.iter().any(|s| s.covers(scope))
    }

    /// Adds what `other` states where this says nothing (the first statement wins), and the
    /// failures it survives.
    pub fn fill_from(&mut self, other: &Capabilities) {
        if self.rpo.is_none() {
            self.rpo = other.rpo.clone();
        }
        if self.rto.is_none() {
            self.rto = other.rto.clone();
        }
        if self.availability.is_none() {
            self.availability = other.availability.clone();
        }
        if self.residency.is_none() {
            self.residency = other.residency.clone();
        }
        if self.added_latency.is_none() {
            self.added_latency = other.added_latency.clone();
        }
        if self.scale_to_zero.is_none() {
            self.scale_to_zero = other.scale_to_zero.clone();
        }
        if other.states_survival {
            self.states_survival = true;
            for s in &other.survives {
                if !self.survives.contains(s) {
                    self.survives.push(*s);
                }
            }
        }
    }
}

/// Minutes as a person says them: `0`, `30 s`, `15 min`, `4 h`, `3 days`.
pub fn duration_text(minutes: f64) -> String {
    let trim = |v: f64| {
        let s = format!("{v:.1}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if minutes <= 0.0 {
        "0".into()
    } else if minutes < 1.0 {
        format!("{} s", trim(minutes * 60.0))
    } else if minutes < 120.0 {
        format!("{} min", trim(minutes))
    } else if minutes < 72.0 * 60.0 {
        format!("{} h", trim(minutes / 60.0))
    } else {
        format!("{} days", trim(minutes / 1440.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(duration_text(0.0), "0");
        assert_eq!(duration_text(1.0 / 60.0), "1 s");
        assert_eq!(duration_text(15.0), "15 min");
        assert_eq!(duration_text(240.0), "4 h");
        assert_eq!(duration_text(1440.0), "24 h");
        assert_eq!(duration_text(4320.0), "3 days");
    }

    #[test]
    fn a_second_site_stands_for_a_second_region() {
        assert!(FailureScope::Site.covers(FailureScope::Region));
        assert!(FailureScope::Region.covers(FailureScope::Site));
        assert!(!FailureScope::Zone.covers(FailureScope::Region));
        let c = Capabilities {
            survives: vec![FailureScope::Instance, FailureScope::Zone],
            states_survival: true,
            ..Default::default()
        };
        assert!(c.survives(FailureScope::Zone));
        assert!(!c.survives(FailureScope::Region));
    }
}

/// What a requirement can ask of an option that the option's capabilities are compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Need {
    Rpo,
    Rto,
    Availability,
    /// Surviving the loss of a zone, a region or a site.
    RegionLoss,
    Latency,
    /// Keeping data in the jurisdictions the requirements allow.
    Residency,
    ScaleToZero,
}

impl Need {
    /// A few words for a sentence: `the RPO`, `the availability`.
    pub fn label(self) -> &'static str {
        match self {
            Need::Rpo => "the RPO",
            Need::Rto => "the RTO",
            Need::Availability => "the availability",
            Need::RegionLoss => "the failure to survive",
            Need::Latency => "the latency",
            Need::Residency => "data residency",
            Need::ScaleToZero => "scaling to zero",
        }
    }
}
