//! The knowledge the tool ships with in `assets/`: the document template (and, as later stages
//! arrive, the option catalog and the checklist), loaded once and validated.

mod template;

pub use template::{Template, TemplateError, TemplateSection};
