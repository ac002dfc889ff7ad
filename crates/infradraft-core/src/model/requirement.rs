//! Requirements and the PRD's Technical Assumptions, each traceable to the line it came from.

use serde::{Deserialize, Serialize};

/// Where in which input a piece of evidence was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The input document's path, as stored in `InputDocument::path`.
    pub input: String,
    /// One-based line number.
    pub line: u32,
}

impl SourceRef {
    /// `file:line` with the file's name only, e.g. `prd.md:73`.
    pub fn short(&self) -> String {
        let name = self
            .input
            .rsplit(['/', '\\', ':'])
            .next()
            .unwrap_or(&self.input);
        format!("{name}:{}", self.line)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequirementCategory {
    Business,
    Functional,
    Performance,
    Scalability,
    Reliability,
    Recovery,
    Security,
    Compliance,
    /// A budget or a cost ceiling.
    Cost,
    /// A volume the system must hold: users, tenants, devices, data.
    Capacity,
    Other,
}

impl RequirementCategory {
    /// Every category, in the order the Requirements stage cycles through them.
    pub const ALL: [RequirementCategory; 11] = [
        RequirementCategory::Business,
        RequirementCategory::Functional,
        RequirementCategory::Performance,
        RequirementCategory::Scalability,
        RequirementCategory::Capacity,
        RequirementCategory::Reliability,
        RequirementCategory::Recovery,
        RequirementCategory::Security,
        RequirementCategory::Compliance,
        RequirementCategory::Cost,
        RequirementCategory::Other,
    ];

    /// The category after this one in [`RequirementCategory::ALL`] (after the last, the first).
    pub fn next(self) -> RequirementCategory {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The lower-case name shown and printed (`performance`).
    pub fn label(self) -> &'static str {
        match self {
            RequirementCategory::Business => "business",
            RequirementCategory::Functional => "functional",
            RequirementCategory::Performance => "performance",
            RequirementCategory::Scalability => "scalability",
            RequirementCategory::Reliability => "reliability",
            RequirementCategory::Recovery => "recovery",
            RequirementCategory::Security => "security",
            RequirementCategory::Compliance => "compliance",
            RequirementCategory::Cost => "cost",
            RequirementCategory::Capacity => "capacity",
            RequirementCategory::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequirementOrigin {
    /// Found in an input document by extraction.
    Extracted,
    /// Written or edited by the person.
    Manual,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// The id as written in the source (e.g. `NFR3`) or one given by the tool (`REQ-7`).
    pub id: String,
    pub category: RequirementCategory,
    pub text: String,
    pub origin: RequirementOrigin,
    pub source: Option<SourceRef>,
}

/// An extracted requirement the person removed: reading the inputs again leaves it out while
/// the inputs still say the same (a changed text is a new requirement and comes back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedRequirement {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssumptionTopic {
    RepositoryStructure,
    ServiceArchitecture,
    Testing,
    CloudProvider,
    Regions,
    Languages,
    Databases,
    Messaging,
    InfrastructureAsCode,
    ContinuousIntegration,
    ContainerOrchestration,
    Other,
}

/// The force with which a document states a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Modality {
    /// "All infrastructure must be in Terraform", "the only approved tool".
    Mandate,
    /// "No Kubernetes", "Pulumi is not approved"; its tags are `no-<tag>`.
    Prohibition,
    /// "Managed services should be preferred".
    Preference,
    /// Only that it is (or will be) so: a tech stack's row, an architecture's description.
    #[default]
    Statement,
}

impl Modality {
    pub fn label(self) -> &'static str {
        match self {
            Modality::Mandate => "mandate",
            Modality::Prohibition => "prohibition",
            Modality::Preference => "preference",
            Modality::Statement => "statement",
        }
    }
}

/// A fact from the inputs that decisions are checked against: a Technical Assumption of the PRD,
/// a row of the tech stack, a rule of the guidelines, a statement of the architecture document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    pub topic: AssumptionTopic,
    pub text: String,
    /// Normalised tags the cross-check matches against option tags (e.g. `monorepo`, `serverless`);
    /// `no-<tag>` for what a prohibition rules out.
    pub tags: Vec<String>,
    pub source: Option<SourceRef>,
    /// How strongly the document states it.
    #[serde(default)]
    pub modality: Modality,
    /// Mentioned in passing in a sentence, rather than kept where the document keeps its facts (a
    /// Technical Assumption, a stack entry, a decision, a guideline's rule section).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub incidental: bool,
}

/// A place in the inputs that names a compliance regime: evidence that it applies, or (when the
/// text rules it out: "HIPAA does not apply") that it does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegimeEvidence {
    /// The regime's canonical name (`PCI DSS`).
    pub regime: String,
    /// False when the text says the regime does not apply.
    pub applies: bool,
    /// The statement that names it.
    pub text: String,
    pub source: SourceRef,
}

/// The person's own choice about a regime, over what the inputs say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegimeChoice {
    pub regime: String,
    pub in_scope: bool,
}
