//! infradraft: a keyboard-driven workbench for drafting and reviewing infrastructure architecture
//! documents. The library is the pure core (model, workflow, knowledge, inputs, store); the binary
//! adds the command line on top.

pub mod analysis;
pub mod assistant;
pub mod cli;
pub mod export;
pub mod files;
pub mod home;
pub mod inputs;
pub mod knowledge;
pub mod model;
pub mod preview;
pub mod review;
pub mod sample;
pub mod settings;
pub mod store;
pub mod text;
pub mod tui;
pub mod workflow;
