//! Session metadata, the interaction mode, the activity history and the resume point.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: String,
    pub project: String,
    pub authors: Vec<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// Id of the template the sections came from (e.g. `infradraft-standard`).
    pub template: String,
}

/// How the person wants to work, as the process asks at the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InteractionMode {
    /// Component by component, step by step (the default and the recommended mode).
    Incremental,
    /// A comprehensive first draft of everything, then review and iterate.
    Yolo,
}

impl InteractionMode {
    pub fn label(self) -> &'static str {
        match self {
            InteractionMode::Incremental => "Incremental",
            InteractionMode::Yolo => "YOLO",
        }
    }
}

/// One line of the activity history: what happened and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: Timestamp,
    /// A short machine-readable verb, e.g. `created`, `decided`, `input-reloaded`.
    pub action: String,
    pub detail: String,
}

/// The pane that had the keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FocusPane {
    #[default]
    Navigator,
    Workspace,
    Preview,
}

/// Where the person was: enough to reopen the workbench exactly there.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Place {
    /// Navigator item id (a stage or a section id); empty means the first item.
    pub item: String,
    pub focus: FocusPane,
    pub navigator_scroll: u32,
    pub workspace_scroll: u32,
    pub preview_scroll: u32,
    /// Editor cursor as (line, column), both zero-based.
    pub cursor: (u32, u32),
    /// A component was open in its text editor rather than its design panes.
    #[serde(default)]
    pub text_mode: bool,
    /// The selected option card of a component.
    #[serde(default)]
    pub card: u32,
    /// The selected row of a stage's list (inputs, requirements, diagrams, stories, checklist).
    #[serde(default)]
    pub selected: u32,
    /// A worksheet open on the selected component: its record and the cell under the cursor.
    #[serde(default)]
    pub worksheet: Option<WorksheetPlace>,
    /// The selected decision of a section that holds several; empty for the first.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decision: String,
}

/// Where in an open worksheet the person was (see [`Place::worksheet`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorksheetPlace {
    /// The elicitation record on the component.
    pub record: u32,
    pub table: u32,
    pub row: u32,
    pub col: u32,
}
