//! Analyses of a session against its inputs. Pure functions: no I/O, no terminal.

pub mod checklist_review;
pub mod crosscheck;
pub mod worksheet;
