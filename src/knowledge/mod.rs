//! The knowledge the tool ships with in `assets/`: the document template (and, as later stages
//! arrive, the option catalog and the checklist), loaded once and validated.

mod catalog;
pub mod checklist;
pub mod ranking;
pub mod tags;
mod template;

pub use catalog::{Catalog, CatalogFile, CatalogOption, CatalogRatings};
pub use template::{TEAM_FILE, Template, TemplateError, TemplateSection};
