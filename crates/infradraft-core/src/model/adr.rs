//! The identity and lifecycle of a decision as an architecture decision record (ADR).
//!
//! * Every decision gets an [`AdrId`] (`ADR-0007`) when it is made, from the session's counter
//!   ([`crate::model::Session::last_adr`]), which only ever goes up: undeciding and deciding again,
//!   reordering sections or removing a decision never reuses or moves a number. An amended
//!   decision keeps its number; a superseding one gets the next.
//! * A decision's [`AdrStatus`] is `Accepted` while it is its component's current decision. When
//!   it is superseded, deprecated or rejected it moves to the component's earlier decisions
//!   ([`crate::model::ComponentDesign::earlier`]) with that status, its number and its date, so
//!   that the records written for it stay true. `Proposed` is never stored: it is the state of a
//!   component that has options or a recommendation but no decision.
//! * The people of a decision ([`People`]) are MADR 4.0's `decision-makers`, `consulted` and
//!   `informed`, empty until someone sets them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A decision's number among the session's decisions, shown as `ADR-0007`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct AdrId(pub u32);

impl AdrId {
    /// Reads `ADR-0007`, `adr-7`, `0007` or `7` (case does not matter); `None` for anything else,
    /// and for 0, which no decision has.
    pub fn parse(text: &str) -> Option<AdrId> {
        let t = text.trim();
        let digits = match t.get(..4) {
            Some(prefix) if prefix.eq_ignore_ascii_case("adr-") => &t[4..],
            _ => t,
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|n| *n > 0).map(AdrId)
    }
}

impl fmt::Display for AdrId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ADR-{:04}", self.0)
    }
}

/// Where a decision record stands (MADR's `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AdrStatus {
    /// Options or a recommendation, no decision yet (never stored on a decision).
    Proposed,
    /// The component's current decision.
    #[default]
    Accepted,
    /// Replaced by a later decision of the same component, which names it.
    Superseded,
    /// Withdrawn: it held once and no longer does.
    Deprecated,
    /// Turned down: it was not to be.
    Rejected,
}

impl AdrStatus {
    pub fn label(self) -> &'static str {
        match self {
            AdrStatus::Proposed => "proposed",
            AdrStatus::Accepted => "accepted",
            AdrStatus::Superseded => "superseded",
            AdrStatus::Deprecated => "deprecated",
            AdrStatus::Rejected => "rejected",
        }
    }

    /// Whether this is the default (`Accepted`), which the session file leaves out.
    pub fn is_accepted(&self) -> bool {
        *self == AdrStatus::Accepted
    }
}

/// The people of a decision, as MADR 4.0's front matter names them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct People {
    /// Everyone who took the decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decision_makers: Vec<String>,
    /// Those whose opinions were sought (two-way communication).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    /// Those kept up to date on progress (one-way communication).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<String>,
}

impl People {
    pub fn is_empty(&self) -> bool {
        self.decision_makers.is_empty() && self.consulted.is_empty() && self.informed.is_empty()
    }

    /// The same lists with every name trimmed and blank or repeated names dropped.
    pub fn cleaned(&self) -> People {
        fn clean(names: &[String]) -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for n in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                if !out.iter().any(|o| o == n) {
                    out.push(n.to_string());
                }
            }
            out
        }
        People {
            decision_makers: clean(&self.decision_makers),
            consulted: clean(&self.consulted),
            informed: clean(&self.informed),
        }
    }
}

pub(crate) fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_show_the_same_way() {
        for text in ["ADR-0007", "adr-7", "0007", "7", " ADR-07 "] {
            assert_eq!(AdrId::parse(text), Some(AdrId(7)), "{text:?}");
        }
        for text in ["", "ADR-", "ADR-0", "0", "ADR-7a", "-7", "x7", "ADR--7"] {
            assert_eq!(AdrId::parse(text), None, "{text:?}");
        }
        assert_eq!(AdrId(7).to_string(), "ADR-0007");
        assert_eq!(AdrId(12345).to_string(), "ADR-12345");
        assert_eq!(AdrId::parse(&AdrId(12345).to_string()), Some(AdrId(12345)));
    }

    #[test]
    fn people_are_cleaned() {
        let p = People {
            decision_makers: vec![" A ".into(), "".into(), "A".into(), "B".into()],
            consulted: vec!["  ".into()],
            informed: vec![],
        };
        let c = p.cleaned();
        assert_eq!(c.decision_makers, ["A", "B"]);
        assert!(c.consulted.is_empty());
        assert!(!c.is_empty());
        assert!(People::default().is_empty());
    }
}
