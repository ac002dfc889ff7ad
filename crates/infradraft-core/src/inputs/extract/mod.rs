//! Extraction from input documents: the outline, requirements, figures (availability, latency,
//! throughput, RPO/RTO, retention, budget, capacity), the PRD's Technical Assumptions and the facts of a
//! technology stack. Everything here is a pure function of the documents' text: no I/O, no terminal,
//! and no panics on any input.
//!
//! Every extracted item keeps the exact 1-based line it came from, so that a screen can quote it.
//! Matching of technologies and architecture styles goes through one shared tag vocabulary,
//! vocabulary of `assets/extraction/vocabulary.ron` (see [`vocab`]).

mod assumptions;
mod blocks;
mod conflicts;
mod environments;
mod facts;
mod figures;
mod outline;
mod regimes;
mod requirements;
mod stack;
mod statements;
mod tables;
pub mod vocab;

pub use assumptions::{TechnicalAssumptions, technical_assumptions};
pub use blocks::documents_parsed;
pub use conflicts::{MAX_CONFLICTS, input_conflicts};
pub use environments::{EnvironmentFacts, environments};
pub use figures::{BudgetPeriod, Figure, counts_people, figures};
pub use outline::{normalize_heading, outline};
pub use regimes::{regime_evidence, regimes_in_scope};
pub use requirements::{categorize, extract_requirements};
pub use stack::{all_facts, tech_stack_facts};
pub use tables::labelled_row;
pub use vocab::{TagDef, expand_tags, tag_def, tag_topic, tags_in};

/// A heading of a Markdown document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#` (or a `===` underline) to 6 for `######`.
    pub level: u8,
    /// The heading's text without markup, trimmed.
    pub text: String,
    /// 1-based line of the heading's text.
    pub line: u32,
}

/// The text of line `line` (1-based) of `text`, trimmed; empty when there is no such line. This is
/// what findings quote as evidence.
pub fn source_line(text: &str, line: u32) -> &str {
    blocks::line_text(text, line)
}
