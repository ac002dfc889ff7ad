//! Analyses of a session against its inputs. Pure functions: no I/O, no terminal.

pub mod assessment;
pub mod checklist_review;
pub mod crosscheck;
pub mod diagram_check;
pub mod ranking;
pub mod stories;
pub mod worksheet;
