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
