//! The elicitation menu and the worksheet screen of step e: opening an action, moving between the
//! worksheet's cells, editing them, and applying or discarding the result. The data lives in the
//! session's record from the moment the action starts; this holds only where the cursor is.

use std::sync::mpsc::Receiver;

use ratatui::text::Line;

use super::action::Action;
use super::app::{App, Pane};
use super::popup::{Popup, Prompt, PromptPurpose};
use crate::model::{DesignStep, ElicitationAction, ElicitationRecord, Worksheet};
use crate::workflow::design;
use crate::workflow::elicitation::{self, option_namer};
use crate::workflow::worksheet_grid::{self, CellError, CellKind, Table};

/// The worksheet open in the workspace.
pub struct WorksheetState {
    pub component: String,
    /// The record on the component.
    pub index: usize,
    /// Cursor: the table, its row and column.
    pub table: usize,
    pub row: usize,
    pub col: usize,
    pub results_scroll: usize,
    /// The rendered results, with the `changes` count and width they were rendered for.
    pub results: Option<(u64, u16, Vec<Line<'static>>)>,
    /// An assistant's answer on its way.
    pub assistant: Option<Receiver<Result<String, String>>>,
}

impl WorksheetState {
    fn new(component: &str, index: usize) -> WorksheetState {
        WorksheetState {
            component: component.to_string(),
            index,
            table: 0,
            row: 0,
            col: 0,
            results_scroll: 0,
            results: None,
            assistant: None,
        }
    }
}

impl App {
    /// The record of the open worksheet.
    pub fn worksheet_record(&self) -> Option<&ElicitationRecord> {
        let w = self.ui.worksheet.as_ref()?;
        self.doc
            .session
            .component(&w.component)?
            .elicitations
            .get(w.index)
    }

    /// The open worksheet's tables, as the screen shows them.
    pub fn worksheet_tables(&self) -> Vec<Table> {
        let (Some(w), Some(r)) = (self.ui.worksheet.as_ref(), self.worksheet_record()) else {
            return Vec::new();
        };
        let namer = option_namer(&self.doc.session, self.catalog(), &w.component);
        worksheet_grid::tables(&r.worksheet, &namer)
    }

    /// Opens the elicitation menu for a component.
    pub fn open_elicitation_menu(&mut self, component: &str, again: bool) {
        let title = self
            .doc
            .session
            .section(component)
            .map_or(component.to_string(), |s| s.title.clone());
        self.ui
            .popups
            .push(Popup::Elicitation(super::popup::Elicitation {
                component: component.to_string(),
                title,
                selected: 0,
                again,
            }));
    }

    /// Carries out a choice of the elicitation menu: 1–7 start an action, 8 finalizes.
    pub fn elicit(&mut self, component: &str, choice: u8) {
        if choice == 8 {
            self.ui.focus = Pane::Editor;
            self.ui.text_mode = false;
            self.design_action(Action::Finalize);
            return;
        }
        let Some(action) = ElicitationAction::ALL
            .iter()
            .copied()
            .find(|a| a.number() == choice)
        else {
            return;
        };
        let now = crate::model::now();
        let catalog = self.doc.shared_catalog.clone();
        let started = self.edit(|s| {
            design::goto_step(s, component, DesignStep::Elicitation)?;
            elicitation::start(s, catalog.get(), component, action, now)
        });
        if let Some(index) = started {
            self.open_worksheet(component, index);
        }
    }

    /// Opens record `index` of a component in the worksheet screen.
    pub fn open_worksheet(&mut self, component: &str, index: usize) {
        self.ui.worksheet = Some(WorksheetState::new(component, index));
        self.ui.focus = Pane::Editor;
        self.ui.text_mode = false;
        self.move_cell(0, 0);
        if let Some(r) = self.worksheet_record() {
            let hint = if r.status == crate::model::ElicitationStatus::Pending {
                "prefilled from the session: Enter edits a cell"
            } else {
                "Enter edits a cell; an edited worksheet is pending until applied again"
            };
            self.info(hint);
        }
    }

    /// Opens a worksheet where a saved session left it, the cursor on the same cell when that
    /// cell still exists.
    pub(crate) fn reopen_worksheet(&mut self, component: &str, at: &crate::model::WorksheetPlace) {
        self.open_worksheet(component, at.record as usize);
        let tables = self.worksheet_tables();
        let (table, row, col) = (at.table as usize, at.row as usize, at.col as usize);
        let fits = tables
            .get(table)
            .is_some_and(|t| row < t.rows.len().max(1) && col < t.columns.len());
        if let (true, Some(w)) = (fits, self.ui.worksheet.as_mut()) {
            w.table = table;
            w.row = row;
            w.col = col;
        }
    }

    /// Leaves the worksheet (its record stays as it is) and offers the menu again.
    fn close_worksheet(&mut self) {
        if let Some(w) = self.ui.worksheet.take() {
            self.ui.design.record = w.index;
            self.open_elicitation_menu(&w.component, true);
        }
    }

    /// Moves the cursor by rows (across tables) and columns, onto cells that exist.
    fn move_cell(&mut self, rows: i32, cols: i32) {
        let tables = self.worksheet_tables();
        let Some(w) = self.ui.worksheet.as_mut() else {
            return;
        };
        // Positions in reading order: (table, row); an empty table still gets a place, so that a
        // row can be added to it.
        let positions: Vec<(usize, usize)> = tables
            .iter()
            .enumerate()
            .flat_map(|(t, table)| (0..table.rows.len().max(1)).map(move |r| (t, r)))
            .collect();
        if positions.is_empty() {
            return;
        }
        let here = positions
            .iter()
            .position(|p| *p == (w.table, w.row))
            .unwrap_or(0) as i32;
        let next = (here + rows).clamp(0, positions.len() as i32 - 1) as usize;
        (w.table, w.row) = positions[next];
        let width = tables[w.table].columns.len().max(1);
        w.col = (w.col as i32 + cols).clamp(0, width as i32 - 1) as usize;
    }

    fn current_cell(&self) -> Option<(worksheet_grid::Cell, String)> {
        let w = self.ui.worksheet.as_ref()?;
        let tables = self.worksheet_tables();
        let table = tables.get(w.table)?;
        let cell = table.rows.get(w.row)?.get(w.col)?.clone();
        Some((cell, table.columns.get(w.col).cloned().unwrap_or_default()))
    }

    fn edit_worksheet(
        &mut self,
        change: impl FnOnce(&mut Worksheet) -> Result<(), CellError>,
    ) -> bool {
        let Some(w) = self.ui.worksheet.as_ref() else {
            return false;
        };
        let (component, index) = (w.component.clone(), w.index);
        let catalog = self.doc.shared_catalog.clone();
        self.edit(|s| elicitation::edit(s, catalog.get(), &component, index, change))
            .is_some()
    }

    /// Sets the cell under the cursor from a prompt's text.
    pub fn set_worksheet_cell(&mut self, table: usize, row: usize, col: usize, text: &str) {
        self.edit_worksheet(|ws| worksheet_grid::set_cell(ws, table, row, col, text));
    }

    /// Sets the open worksheet's conclusions.
    pub fn set_worksheet_conclusions(&mut self, text: &str) {
        let Some(w) = self.ui.worksheet.as_ref() else {
            return;
        };
        let (component, index) = (w.component.clone(), w.index);
        self.edit(|s| elicitation::set_conclusions(s, &component, index, text));
    }

    /// Adds a catalog option as an alternative in the open decision matrix.
    pub fn add_matrix_alternative(&mut self, option: &str) {
        let Some(entry) = self.catalog().option(option) else {
            return;
        };
        let card = entry.to_card(None);
        let scores = crate::analysis::worksheet::prefill::card_scores(&card);
        let name = entry.name.clone();
        if self.edit_worksheet(|ws| worksheet_grid::add_alternative(ws, option, scores)) {
            self.info(format!("{name} added to the matrix"));
        }
    }

    /// Applies or discards a record of a component, and says what happened.
    pub fn settle_record(&mut self, component: &str, index: usize, apply: bool) {
        let now = crate::model::now();
        let template = self.doc.template.clone();
        let what = if apply {
            "the worksheet results"
        } else {
            "taking the worksheet results out"
        };
        let settled = self.edit_text(what, |s| {
            if apply {
                elicitation::apply(s, &template, component, index, now)
            } else {
                elicitation::discard(s, &template, component, index, now)
            }
        });
        if let Some(change) = settled {
            self.report_body_change(
                what,
                change,
                if apply {
                    "results applied to the section draft"
                } else {
                    "worksheet discarded; its results are not in the section"
                },
            );
        }
    }

    /// A key's action while a worksheet is open. Returns whether it was used.
    pub fn worksheet_action(&mut self, action: Action) -> bool {
        match action {
            Action::Up => self.move_cell(-1, 0),
            Action::Down => self.move_cell(1, 0),
            Action::Left => self.move_cell(0, -1),
            Action::Right => self.move_cell(0, 1),
            Action::Top => self.move_cell(-100_000, 0),
            Action::Bottom => self.move_cell(100_000, 0),
            Action::PageDown => {
                if let Some(w) = self.ui.worksheet.as_mut() {
                    w.results_scroll += 10;
                }
            }
            Action::PageUp => {
                if let Some(w) = self.ui.worksheet.as_mut() {
                    w.results_scroll = w.results_scroll.saturating_sub(10);
                }
            }
            Action::EditItem => {
                let Some((cell, column)) = self.current_cell() else {
                    self.warn("this table is empty: a adds a row");
                    return true;
                };
                let w = self.ui.worksheet.as_ref().expect("open worksheet");
                let (table, row, col) = (w.table, w.row, w.col);
                match cell.kind {
                    CellKind::Label => self.warn(format!("{column} is not edited here")),
                    CellKind::Choice => {
                        self.edit_worksheet(|ws| worksheet_grid::cycle_cell(ws, table, row, col));
                    }
                    CellKind::Number | CellKind::Text => {
                        if !self.refuse_if_read_only() {
                            self.ui.popups.push(Popup::Prompt(Prompt::new(
                                &column,
                                &cell.text,
                                PromptPurpose::WorksheetCell { table, row, col },
                            )));
                        }
                    }
                }
            }
            Action::Add => {
                let w = self.ui.worksheet.as_ref().expect("open worksheet");
                let table = w.table;
                let after = self
                    .worksheet_tables()
                    .get(table)
                    .filter(|t| !t.rows.is_empty())
                    .map(|_| w.row);
                let mut added = None;
                if self.edit_worksheet(|ws| {
                    added = Some(worksheet_grid::add_row(ws, table, after)?);
                    Ok(())
                }) && let (Some(row), Some(w)) = (added, self.ui.worksheet.as_mut())
                {
                    w.row = row;
                    w.col = 0;
                }
            }
            Action::Remove => {
                let w = self.ui.worksheet.as_ref().expect("open worksheet");
                let (table, row) = (w.table, w.row);
                if self.edit_worksheet(|ws| worksheet_grid::remove_row(ws, table, row)) {
                    self.move_cell(0, 0);
                    let len = self
                        .worksheet_tables()
                        .get(table)
                        .map_or(0, |t| t.rows.len());
                    if let Some(w) = self.ui.worksheet.as_mut() {
                        w.row = w.row.min(len.saturating_sub(1));
                    }
                }
            }
            Action::AddAlternative => {
                let is_matrix = matches!(
                    self.worksheet_record().map(|r| &r.worksheet),
                    Some(Worksheet::DecisionMatrix { .. })
                );
                if is_matrix {
                    let component = self.ui.worksheet.as_ref().expect("open").component.clone();
                    self.open_catalog_picker(&component, true);
                } else {
                    self.warn(
                        "alternatives from the catalog go into the decision matrix (action 1)",
                    );
                }
            }
            Action::Conclusions => {
                if !self.refuse_if_read_only() {
                    let text = self
                        .worksheet_record()
                        .map(|r| r.conclusions.clone())
                        .unwrap_or_default();
                    self.ui.popups.push(Popup::Prompt(Prompt::new(
                        "Your conclusions from this worksheet",
                        &text,
                        PromptPurpose::Conclusions,
                    )));
                }
            }
            Action::ApplyRecord | Action::DiscardRecord => {
                let w = self.ui.worksheet.as_ref().expect("open worksheet");
                let (component, index) = (w.component.clone(), w.index);
                self.settle_record(&component, index, action == Action::ApplyRecord);
                self.close_worksheet();
            }
            Action::AskAssistant => self.ask_assistant(),
            Action::Leave => {
                self.info("worksheet kept as pending: A applies it later from step e");
                self.close_worksheet();
            }
            _ => return false,
        }
        true
    }

    /// Sends the open worksheet's context to the configured assistant command in the background.
    pub fn ask_assistant(&mut self) {
        let Some(config) = self.settings.config.assistant.clone() else {
            self.warn("no assistant configured: name a command as `assistant` in config.ron");
            return;
        };
        let (Some(w), Some(record)) = (self.ui.worksheet.as_ref(), self.worksheet_record()) else {
            return;
        };
        if w.assistant.is_some() {
            self.info("the assistant is still working on the last question");
            return;
        }
        let prompt = crate::assistant::prompt(&self.doc.session, &w.component, record);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(crate::assistant::ask(&config, &prompt));
        });
        if let Some(w) = self.ui.worksheet.as_mut() {
            w.assistant = Some(rx);
        }
        self.info("asked the assistant; its answer shows here when it arrives");
    }

    /// Picks up an assistant's answer when it has arrived (called between frames).
    pub fn poll_assistant(&mut self) {
        let Some(rx) = self
            .ui
            .worksheet
            .as_ref()
            .and_then(|w| w.assistant.as_ref())
        else {
            return;
        };
        let answer = match rx.try_recv() {
            Ok(answer) => answer,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err("the assistant stopped without an answer".into())
            }
        };
        if let Some(w) = self.ui.worksheet.as_mut() {
            w.assistant = None;
        }
        match answer {
            Ok(text) => self
                .ui
                .popups
                .push(Popup::Suggestion(super::popup::Suggestion {
                    text,
                    scroll: 0,
                })),
            Err(e) => self.warn(e),
        }
    }

    /// Whether an assistant's answer is still on its way.
    pub fn assistant_pending(&self) -> bool {
        self.ui
            .worksheet
            .as_ref()
            .is_some_and(|w| w.assistant.is_some())
    }

    /// Adds an accepted suggestion to the open worksheet's conclusions.
    pub fn accept_suggestion(&mut self, text: &str) {
        let current = self
            .worksheet_record()
            .map(|r| r.conclusions.clone())
            .unwrap_or_default();
        let joined = if current.trim().is_empty() {
            text.trim().to_string()
        } else {
            format!("{}\n\n{}", current.trim(), text.trim())
        };
        self.set_worksheet_conclusions(&joined);
        self.info("suggestion added to the conclusions");
    }
}
