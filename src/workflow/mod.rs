//! The process as operations on a session: starting one, and measuring how far it has come.

pub mod design;
mod progress;
mod start;

pub use progress::Progress;
pub use start::{NewSession, new_session, project_name_from, slug};
