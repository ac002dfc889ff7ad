//! Input documents, snapshotted into the session so that a session file is self-contained.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The checksum a snapshot keeps of its text: SHA-256, lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputKind {
    Prd,
    Architecture,
    TechStack,
    InfrastructureGuidelines,
    Other,
}

impl InputKind {
    pub const ALL: [InputKind; 5] = [
        InputKind::Prd,
        InputKind::Architecture,
        InputKind::TechStack,
        InputKind::InfrastructureGuidelines,
        InputKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            InputKind::Prd => "PRD",
            InputKind::Architecture => "Architecture",
            InputKind::TechStack => "Tech stack",
            InputKind::InfrastructureGuidelines => "Infrastructure guidelines",
            InputKind::Other => "Other",
        }
    }

    /// The conventional location of this kind of document in a repository, if it has one.
    pub fn conventional_path(self) -> Option<&'static str> {
        match self {
            InputKind::Prd => Some("docs/prd.md"),
            InputKind::Architecture => Some("docs/architecture.md"),
            InputKind::TechStack => Some("docs/tech-stack.md"),
            InputKind::InfrastructureGuidelines => Some("docs/infrastructure/guidelines.md"),
            InputKind::Other => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputDocument {
    pub kind: InputKind,
    /// The path the document was read from, as given (absolute when it was read from disk).
    pub path: String,
    /// Hex SHA-256 of `text`, to tell whether the source changed since the snapshot.
    pub sha256: String,
    pub snapshot_at: Timestamp,
    pub text: String,
}
