//! The finished document: a session written out as Markdown in template order, and its decisions
//! as MADR 4.0 records. Pure and deterministic: the same session gives byte-identical output.
//!
//! The document is assembled from [`Part`]s so that the preview can render (and cache) exactly what
//! export writes, part by part.

mod adr;
mod derived;
mod document;
mod environment_blocks;
pub mod feasibility;
mod review_part;

pub use adr::{adr_file_name, adrs};
pub use derived::{OpenQuestion, open_questions, without_prompts};
pub use document::{
    DIAGRAMS_TITLE, GENERATED_TITLES, NOT_WRITTEN, Part, PartKind, REQUIREMENTS_TITLE,
    STORIES_TITLE, clean_body, document, parts, parts_without_sections, section_markdown,
    shown_body, stories_markdown,
};
pub use review_part::open_security_gaps;

use crate::knowledge::Template;
use crate::knowledge::checklist::Checklist;

/// What besides the session the document needs.
#[derive(Clone, Copy, Default)]
pub struct ExportContext<'a> {
    /// The checklist whose marks are summarised; `None` leaves the summary out.
    pub checklist: Option<&'a Checklist>,
    /// The session's template: a prompt of it left in a body is shown as its open question.
    pub template: Option<&'a Template>,
}
