//! The finished document: a session written out as Markdown in template order, and its decisions
//! as MADR 4.0 records. Pure and deterministic: the same session gives byte-identical output.
//!
//! The document is assembled from [`Part`]s so that the preview can render (and cache) exactly what
//! export writes, part by part.

pub mod adr;
mod derived;
mod document;
mod environment_blocks;
pub mod feasibility;
mod review_part;
mod write;

pub use crate::workflow::document_shape::{
    DIAGRAMS_TITLE, GENERATED_TITLES, NOT_WRITTEN, REQUIREMENTS_TITLE, STORIES_TITLE, clean_body,
};
pub use adr::{adr_file_name, adrs, numbered};
pub use derived::{OpenQuestion, open_questions, without_prompts};
pub use document::{
    Part, PartKind, document, parts, parts_without_sections, section_markdown, shown_body,
    stories_markdown,
};
pub use review_part::open_security_gaps;
pub use write::{AdrDirReport, WriteError, create_dir, write_adr_dir, write_document};

/// Said where an analysis is still being worked out (see [`Precomputed::Pending`]).
pub const BEING_WORKED_OUT: &str = "_Being worked out…_";

use crate::knowledge::Template;
use crate::knowledge::checklist::Checklist;

/// What besides the session the document needs.
#[derive(Clone, Copy, Default)]
pub struct ExportContext<'a> {
    /// The checklist whose marks are summarised; `None` leaves the summary out.
    pub checklist: Option<&'a Checklist>,
    /// The session's template: a prompt of it left in a body is shown as its open question.
    pub template: Option<&'a Template>,
    /// The analyses the document shows (the checklist assessment, the feasibility review, the
    /// required figures): worked out while writing, or before.
    pub precomputed: Precomputed<'a>,
}

/// Analyses of the session that the document shows and that read no section's text, worked out
/// once for a state of the session: the workbench works them out on a thread of its own, so that
/// no frame waits for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysed {
    /// The figures the requirements ask for.
    pub needs: crate::analysis::crosscheck::Needs,
    /// The tool's assessment of the checklist items (empty without a checklist).
    pub assessments: Vec<crate::analysis::assessment::Assessment>,
    /// The feasibility review (Markdown).
    pub feasibility: String,
    /// The runbooks of the chosen technologies (Markdown).
    pub runbooks: String,
    /// The per-environment blocks (Markdown).
    pub environments: String,
    /// The technical stories and epic impacts (Markdown; see [`stories_markdown`]).
    pub stories: String,
}

impl Analysed {
    /// Works them out for `s` (the assessment against `checklist`, when there is one).
    pub fn of(s: &crate::model::Session, checklist: Option<&Checklist>) -> Analysed {
        let needs = crate::analysis::crosscheck::Needs::of(&s.requirements);
        let assessments = checklist
            .map(|c| crate::analysis::assessment::assess_with(c, s, &needs))
            .unwrap_or_default();
        let feasibility = feasibility::markdown_of(&feasibility::ratings_with(s, &needs));
        let runbooks = derived::runbooks(s, &needs);
        Analysed {
            assessments,
            feasibility,
            runbooks,
            environments: environment_blocks::markdown(s),
            stories: stories_markdown(s),
            needs,
        }
    }
}

/// Where the document's analyses come from.
#[derive(Debug, Clone, Copy, Default)]
pub enum Precomputed<'a> {
    /// Worked out while the document is written.
    #[default]
    Compute,
    /// Worked out before, for this state of the session.
    Ready(&'a Analysed),
    /// Being worked out elsewhere: the parts that show them say so until they arrive.
    Pending,
}
