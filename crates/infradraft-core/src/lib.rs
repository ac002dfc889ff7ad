//! The core of infradraft: everything a session is and everything done to one, with no terminal in
//! reach (this crate depends on no terminal backend; CI fails if one becomes reachable). The
//! `infradraft` crate puts the workbench and the command line on top.
//!
//! From the ground up (a module uses only those before it in this list):
//! - [`model`], [`text`], [`home`]: the session's data, text hygiene, where infradraft keeps files.
//! - [`files`]: careful reads and crash-safe writes, RON with `file:line:col` errors.
//! - [`preview`], [`assistant`]: Markdown rendering; the optional assistant.
//! - [`knowledge`]: what ships in `assets/` (template, catalog, checklist, extraction, rules),
//!   validated and extendable by teams.
//! - [`store`], [`review`]: sessions on disk (versioned RON, migration, locks, the recent list);
//!   review files.
//! - [`project`]: the project file (`infradraft.ron`): a project's documents, their shared
//!   settings, and decision numbers kept unique across the documents.
//! - [`inputs`], [`sample`]: reading input documents into facts; the bundled sample project.
//! - [`analysis`]: cross-checks, rankings, worksheets, checklist review, diagram checks, stories.
//! - [`workflow`]: the process as operations on a session, its progress, and `check`.
//! - [`export`]: the document and its ADRs.
//! - [`diff`]: what changed in meaning between two versions of a session.
//! - [`settings`]: the person's config and themes.

pub mod analysis;
pub mod assistant;
pub mod diff;
pub mod export;
pub mod files;
pub mod home;
pub mod inputs;
pub mod knowledge;
pub mod model;
pub mod preview;
pub mod project;
pub mod review;
pub mod sample;
pub mod settings;
pub mod store;
pub mod text;
pub mod workflow;
