//! The design record of one infrastructure component: purpose, options, recommendation, feedback,
//! elicitation and the decision, following steps a → f of the process.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::adr::{AdrId, AdrStatus, People};
use super::{Capabilities, ElicitationRecord};

/// The steps of the incremental process for one component, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub enum DesignStep {
    #[default]
    Purpose,
    Options,
    Recommendation,
    Feedback,
    Elicitation,
    Decision,
}

impl DesignStep {
    pub const ALL: [DesignStep; 6] = [
        DesignStep::Purpose,
        DesignStep::Options,
        DesignStep::Recommendation,
        DesignStep::Feedback,
        DesignStep::Elicitation,
        DesignStep::Decision,
    ];

    /// The letter the process gives this step (a to f).
    pub fn letter(self) -> char {
        match self {
            DesignStep::Purpose => 'a',
            DesignStep::Options => 'b',
            DesignStep::Recommendation => 'c',
            DesignStep::Feedback => 'd',
            DesignStep::Elicitation => 'e',
            DesignStep::Decision => 'f',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DesignStep::Purpose => "Purpose",
            DesignStep::Options => "Options",
            DesignStep::Recommendation => "Recommendation",
            DesignStep::Feedback => "Feedback",
            DesignStep::Elicitation => "Elicitation",
            DesignStep::Decision => "Decision",
        }
    }
}

/// Ratings of an option on a 1 (low) to 5 (high) scale; `None` when not rated yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ratings {
    pub cost: Option<u8>,
    pub complexity: Option<u8>,
    pub operational_burden: Option<u8>,
    pub lock_in: Option<u8>,
    /// Fit with the inputs (PRD, architecture, tech stack, guidelines).
    pub fit: Option<u8>,
}

/// One option considered for a component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionCard {
    /// Unique within the component.
    pub id: String,
    pub name: String,
    pub summary: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub ratings: Ratings,
    pub tags: Vec<String>,
    /// Tags of facts this option contradicts (e.g. a self-managed cluster conflicts with `serverless`).
    pub conflicts_with: Vec<String>,
    /// The catalog entry this card was taken from, if any.
    pub catalog_id: Option<String>,
    /// What the option achieves (recovery point and time, availability, failures survived), for
    /// comparing it with the requirements' figures by value; empty when it does not say.
    #[serde(default, skip_serializing_if = "Capabilities::is_empty")]
    pub capabilities: Capabilities,
    /// The kinds of choice this option is one of (`infrastructure-as-code tool`), beyond what its
    /// tags say: a mandate of another tool of that kind rules it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<String>,
    /// The concrete services the option is built with on the project's hosting target
    /// (`Amazon RDS for PostgreSQL, Multi-AZ (AWS)`); empty when not known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub realised_on: String,
}

impl OptionCard {
    /// A card with only an id and a name: no text, ratings, tags or capabilities yet.
    pub fn named(id: &str, name: &str) -> OptionCard {
        OptionCard {
            id: id.to_string(),
            name: name.to_string(),
            summary: String::new(),
            pros: Vec::new(),
            cons: Vec::new(),
            ratings: Ratings::default(),
            tags: Vec::new(),
            conflicts_with: Vec::new(),
            catalog_id: None,
            capabilities: Default::default(),
            answers: Vec::new(),
            realised_on: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    /// Id of the recommended option card.
    pub option: String,
    pub rationale: String,
    pub at: Timestamp,
}

/// The person's feedback on the draft and the revision made in response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackNote {
    pub at: Timestamp,
    pub feedback: String,
    /// What was changed in response; empty until a revision is made.
    pub revision: String,
}

/// A conflict with the inputs that the person accepted explicitly when deciding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictAck {
    /// The finding as shown (what conflicts with which evidence).
    pub finding: String,
    pub reason: String,
}

/// A decision and its record (see [`crate::model::adr`] for its number and lifecycle).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Decision {
    /// Id of the chosen option card.
    pub option: String,
    pub justification: String,
    pub decided_at: Timestamp,
    /// Ids of the options that were on the table when the decision was made.
    pub considered: Vec<String>,
    pub acknowledged_conflicts: Vec<ConflictAck>,
    /// Its number, given when it was made and never changed; `None` only in a file written by
    /// hand (an export numbers such a decision after all the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adr: Option<AdrId>,
    /// Accepted while it is its component's decision; superseded, deprecated or rejected among
    /// the component's earlier decisions.
    #[serde(default, skip_serializing_if = "AdrStatus::is_accepted")]
    pub status: AdrStatus,
    /// When its content was last amended (an amended decision keeps its number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended_at: Option<Timestamp>,
    /// When it was superseded, deprecated or rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_at: Option<Timestamp>,
    /// Why it was deprecated or rejected.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status_reason: String,
    /// The earlier decision of the component that this one replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<AdrId>,
    /// The later decision that replaced this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<AdrId>,
    /// Who made it, who was consulted, who is informed.
    #[serde(default, skip_serializing_if = "People::is_empty")]
    pub people: People,
    /// The cards of the options it considered, as they stood when it stopped being the
    /// component's decision (the component's cards may change after); empty on the current
    /// decision, which reads the component's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options_then: Vec<OptionCard>,
}

impl Decision {
    /// The card of option `id` as this decision knew it: the one kept with it, else the
    /// component's.
    pub fn card<'a>(&'a self, c: &'a ComponentDesign, id: &str) -> Option<&'a OptionCard> {
        self.options_then
            .iter()
            .find(|o| o.id == id)
            .or_else(|| c.option(id))
    }

    /// The day its record last changed: amended, superseded, deprecated or rejected, else made.
    pub fn last_changed(&self) -> Timestamp {
        [self.amended_at, self.status_at]
            .into_iter()
            .flatten()
            .fold(self.decided_at, Timestamp::max)
    }
}

/// The design record of one decision of a component section (the data section's primary
/// database, its cache, …). `id` is the template's decision id; the section's primary decision
/// has the section's own id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentDesign {
    pub id: String,
    pub step: DesignStep,
    pub purpose: String,
    pub options: Vec<OptionCard>,
    pub recommendation: Option<Recommendation>,
    pub feedback: Vec<FeedbackNote>,
    pub elicitations: Vec<ElicitationRecord>,
    pub decision: Option<Decision>,
    /// The id of the section this decision belongs to; empty in records made before sections
    /// held several decisions, where it is `id`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section: String,
    /// What the decision settles ("Cache"); empty means the section's title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The decisions this component had before its current one, oldest first: superseded,
    /// deprecated or rejected, each with its number, kept so that their records can be written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Decision>,
}

impl ComponentDesign {
    pub fn new(id: &str, purpose: &str) -> ComponentDesign {
        ComponentDesign {
            id: id.to_string(),
            step: DesignStep::Purpose,
            purpose: purpose.to_string(),
            options: Vec::new(),
            recommendation: None,
            feedback: Vec::new(),
            elicitations: Vec::new(),
            decision: None,
            section: String::new(),
            title: String::new(),
            earlier: Vec::new(),
        }
    }

    /// A decision of section `section` titled `title`.
    pub fn in_section(id: &str, section: &str, title: &str, purpose: &str) -> ComponentDesign {
        let mut c = ComponentDesign::new(id, purpose);
        if section != id {
            c.section = section.to_string();
        }
        c.title = title.to_string();
        c
    }

    /// The id of the section this decision belongs to.
    pub fn section_id(&self) -> &str {
        if self.section.is_empty() {
            &self.id
        } else {
            &self.section
        }
    }

    /// Whether this is its section's primary decision, whose text leads the section body.
    pub fn is_primary(&self) -> bool {
        self.section_id() == self.id
    }

    pub fn option(&self, id: &str) -> Option<&OptionCard> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The options by id, for looking up many (a decision's considered options) in linear
    /// rather than quadratic time. The first of two options with the same id wins, as in
    /// [`Component::option`].
    pub fn options_by_id(&self) -> std::collections::HashMap<&str, &OptionCard> {
        let mut map = std::collections::HashMap::with_capacity(self.options.len());
        for o in &self.options {
            map.entry(o.id.as_str()).or_insert(o);
        }
        map
    }

    pub fn is_decided(&self) -> bool {
        self.decision.is_some()
    }

    /// Every decision record of the component: the earlier ones (oldest first), then the
    /// current decision.
    pub fn records(&self) -> impl Iterator<Item = &Decision> {
        self.earlier.iter().chain(self.decision.as_ref())
    }

    /// Where the component's record stands: accepted once decided, proposed while it has options
    /// or a recommendation, `None` before that.
    pub fn adr_status(&self) -> Option<AdrStatus> {
        if let Some(d) = &self.decision {
            Some(d.status)
        } else if self.recommendation.is_some() || !self.options.is_empty() {
            Some(AdrStatus::Proposed)
        } else {
            None
        }
    }

    /// The decided option, else the recommended one, and whether it is decided; `None` while the
    /// decision has neither (or names an option not on the table).
    pub fn chosen(&self) -> Option<(&OptionCard, bool)> {
        if let Some(d) = &self.decision {
            return self.option(&d.option).map(|o| (o, true));
        }
        let r = self.recommendation.as_ref()?;
        self.option(&r.option).map(|o| (o, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str, name: &str) -> OptionCard {
        OptionCard::named(id, name)
    }

    #[test]
    fn options_by_id_agrees_with_option_including_duplicate_ids() {
        let mut c = ComponentDesign::new("compute", "");
        c.options = vec![card("a", "first a"), card("b", "b"), card("a", "second a")];
        let map = c.options_by_id();
        assert_eq!(map.len(), 2);
        for id in ["a", "b", "missing"] {
            assert_eq!(map.get(id).copied(), c.option(id), "{id}");
        }
        assert_eq!(map["a"].name, "first a");
    }
}
