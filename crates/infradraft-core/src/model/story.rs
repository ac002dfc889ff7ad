//! Technical stories drafted for the infrastructure and refinements proposed to existing stories.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StorySize {
    Unsized,
    Small,
    Medium,
    Large,
    ExtraLarge,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechnicalStory {
    pub id: String,
    pub title: String,
    pub as_a: String,
    pub i_want: String,
    pub so_that: String,
    pub acceptance_criteria: Vec<String>,
    /// The section this story implements, if any.
    pub section: Option<String>,
    /// The component whose decision led to this story, if any.
    pub decision: Option<String>,
    pub size: StorySize,
    /// What the story is built with on the project's provider (`Amazon ECS on AWS Fargate, …`);
    /// empty when the choice names no services.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub built_with: String,
    /// The requirements the story must meet, as `NFR4: <its text>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// The stories of the inputs it serves, as the inputs name them (`Story 1.3`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serves: Vec<String>,
    /// Set when a person changed the story, to the title it was drafted with: drafting again keeps
    /// the person's story in place of the one drafted with that title for the same decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<String>,
}

/// A change proposed to an existing story of the inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refinement {
    /// The story as the inputs name it, e.g. `Story 1.2`.
    pub story: String,
    pub change: String,
    pub why: String,
    pub decision: Option<String>,
}
