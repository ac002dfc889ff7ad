//! The knowledge the tool ships with in `assets/`: the document template (and, as later stages
//! arrive, the option catalog and the checklist), loaded once and validated.

mod catalog;
pub mod ranking;
mod template;

pub use catalog::{Catalog, CatalogFile, CatalogOption, CatalogRatings};
pub use template::{Template, TemplateError, TemplateSection};
