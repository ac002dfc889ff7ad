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
    Other,
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

/// A fact from the PRD's Technical Assumptions or the tech stack that decisions are checked against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    pub topic: AssumptionTopic,
    pub text: String,
    /// Normalised tags the cross-check matches against option tags (e.g. `monorepo`, `serverless`).
    pub tags: Vec<String>,
    pub source: Option<SourceRef>,
}
