//! Mermaid diagrams of the document.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiagramKind {
    NetworkTopology,
    DataFlow,
    DeploymentPipeline,
    EnvironmentRelationships,
    Custom,
}

impl DiagramKind {
    pub fn label(self) -> &'static str {
        match self {
            DiagramKind::NetworkTopology => "Network topology",
            DiagramKind::DataFlow => "Data flow",
            DiagramKind::DeploymentPipeline => "Deployment pipeline",
            DiagramKind::EnvironmentRelationships => "Environment relationships",
            DiagramKind::Custom => "Custom",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagram {
    pub id: String,
    pub kind: DiagramKind,
    pub title: String,
    /// The section the diagram belongs to in the exported document, if any.
    pub section: Option<String>,
    /// Mermaid source, without the fence.
    pub source: String,
}
