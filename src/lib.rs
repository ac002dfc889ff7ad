//! infradraft: a keyboard-driven workbench for drafting and reviewing infrastructure architecture
//! documents. This crate is the workbench ([`tui`]) and the command line ([`cli`]); everything
//! they show and change is in `infradraft-core`, whose modules are re-exported here under their
//! own names.

pub use infradraft_core::{
    analysis, assistant, diff, export, files, home, inputs, knowledge, model, preview, project,
    review, sample, settings, store, text, workflow,
};

pub mod cli;
pub mod tui;
