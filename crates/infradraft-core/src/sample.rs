//! The bundled sample project (Ferrybook, a fictional ferry-ticketing product), compiled into the
//! binary so that it works from any directory.

use crate::model::InputKind;

/// One document of the sample project: its file name, kind and text.
pub struct SampleDoc {
    pub name: &'static str,
    pub kind: InputKind,
    pub text: &'static str,
}

pub const SAMPLE_DOCS: [SampleDoc; 4] = [
    SampleDoc {
        name: "sample/prd.md",
        kind: InputKind::Prd,
        text: include_str!("../../../assets/sample/prd.md"),
    },
    SampleDoc {
        name: "sample/architecture.md",
        kind: InputKind::Architecture,
        text: include_str!("../../../assets/sample/architecture.md"),
    },
    SampleDoc {
        name: "sample/tech-stack.md",
        kind: InputKind::TechStack,
        text: include_str!("../../../assets/sample/tech-stack.md"),
    },
    SampleDoc {
        name: "sample/infrastructure-guidelines.md",
        kind: InputKind::InfrastructureGuidelines,
        text: include_str!("../../../assets/sample/infrastructure-guidelines.md"),
    },
];

/// The sample's documents as input snapshots taken at `now` (paths `builtin:sample/…`).
pub fn inputs(now: jiff::Timestamp) -> Vec<crate::model::InputDocument> {
    SAMPLE_DOCS
        .iter()
        .map(|d| crate::inputs::builtin_input(d.name, d.kind, d.text, now))
        .collect()
}
