//! The process as operations on a session: starting one, and measuring how far it has come.

pub mod card_form;
pub mod check;
pub mod design;
pub mod diagrams;
pub mod document_shape;
pub mod edit;
pub mod elicitation;
pub mod finalize;
mod gather;
pub mod generated_text;
pub mod guide;
pub mod import;
pub mod import_adrs;
mod progress;
pub mod read_back;
pub mod read_requirements;
pub mod section_text;
mod start;
pub mod subsections;
pub mod worksheet_grid;
pub mod yolo;

pub use crate::model::slug;
pub use gather::{
    choose_regimes, refresh_extraction, regimes_with_choices, reopen_conflict, resolve_conflict,
};
pub use progress::Progress;
pub use start::{NewSession, new_session, project_name_from};
