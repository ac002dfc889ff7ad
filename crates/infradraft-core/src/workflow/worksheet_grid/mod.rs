//! A worksheet as tables of cells: what the worksheet screen shows and edits.
//!
//! Each kind of [`Worksheet`] (one variant of the model's enum) has one module here with one
//! implementation of [`GridKind`]: its inputs as tables, and the edits its cells and rows take.
//! [`grid_kind`] picks the implementation for a worksheet; the free functions ([`tables`],
//! [`set_cell`], [`cycle_cell`], [`add_row`], [`remove_row`]) are what the screen calls, and only
//! dispatch to it.
//!
//! # Contract
//! - A cell is read-only (a label), a number, free text, or one of a few choices ([`CellKind`]).
//! - The screen addresses tables, rows and columns by index, in the order [`tables`] returns them;
//!   the rows of a table always have as many cells as the table has columns.
//! - Each kind declares the names of its tables and of each table's columns once, with their title
//!   or header text, and turns an index into such a name before it reads or edits anything: a
//!   header and the cells under it come from the same name, so no two indices far apart have to
//!   agree.
//! - An edit validates what the person typed and changes the worksheet itself, so the screen never
//!   holds a second copy of the data. A refused edit leaves the worksheet unchanged and says why as
//!   a [`CellError`], one line naming the field and what is wrong. A cell past a kind's tables or
//!   a table's columns is [`CellError::NoSuchCell`]; rows are added to and removed from the
//!   growable tables only (the decision matrix's options can be taken out, not added here).
//! - Text is stored trimmed, on one line, with control characters made visible.
//!
//! # Layout
//! - One module per kind: `matrix`, `stress`, `security`, `cost`, `reliability`, `integration`,
//!   `migration`.
//! - Shared by the kinds: `names` (the declared names of tables and columns), `parse` (reading
//!   typed values), `rows` (inserting and removing rows), `error` ([`CellError`]).
//!
//! Prefill, the computed results and the one-line summaries of each kind stay in
//! `analysis::worksheet`, which dispatches on the kind itself: they are analysis (pure
//! arithmetic on the inputs, used by the export too), analysis does not depend on workflow, and
//! this module only lays the inputs out and edits them.

mod cost;
mod error;
mod integration;
mod matrix;
mod migration;
mod names;
mod parse;
mod reliability;
mod rows;
mod security;
mod stress;

#[cfg(test)]
mod samples;
#[cfg(test)]
mod tests;

pub use error::{Allowed, CellError};
pub use matrix::add_alternative;

use names::Names;

use crate::model::Worksheet;

/// What a cell holds and how it is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Shown, not edited here.
    Label,
    /// A number typed in; blank is allowed where the value is optional.
    Number,
    Text,
    /// One of a fixed list, cycled with Space or Enter.
    Choice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub kind: CellKind,
}

impl Cell {
    fn label(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Label,
        }
    }
    fn number(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Number,
        }
    }
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Text,
        }
    }
    fn choice(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Choice,
        }
    }
    pub fn editable(&self) -> bool {
        self.kind != CellKind::Label
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows can be added (`+`) and removed (Del).
    pub growable: bool,
}

impl Table {
    /// A table titled by its name, with its columns' headers.
    fn new(name: impl Names, columns: Vec<String>, rows: Vec<Vec<Cell>>, growable: bool) -> Table {
        Table {
            title: name.label().to_string(),
            columns,
            rows,
            growable,
        }
    }
}

/// What one kind of worksheet does as a grid: the tables it shows and the edits it takes.
///
/// An implementation handles its own variant of [`Worksheet`]; given another kind it has no tables
/// and refuses every edit ([`CellError::NoSuchCell`], [`CellError::NotAChoice`],
/// [`CellError::FixedRows`]), which [`grid_kind`] never lets happen.
pub trait GridKind {
    /// The worksheet's inputs as tables. `option_name` turns an option id into its display name.
    fn tables(&self, ws: &Worksheet, option_name: &dyn Fn(&str) -> String) -> Vec<Table>;

    /// Sets cell (`row`, `col`) of table `table` from what the person typed.
    fn set_cell(
        &self,
        ws: &mut Worksheet,
        table: usize,
        row: usize,
        col: usize,
        value: &str,
    ) -> Result<(), CellError>;

    /// Moves a choice cell to its next value. Kinds without choices refuse.
    fn cycle_cell(
        &self,
        _ws: &mut Worksheet,
        _table: usize,
        _row: usize,
        _col: usize,
    ) -> Result<(), CellError> {
        Err(CellError::NotAChoice)
    }

    /// Adds a row to table `table` after row `after` (or at the end) and returns its index.
    fn add_row(
        &self,
        ws: &mut Worksheet,
        table: usize,
        after: Option<usize>,
    ) -> Result<usize, CellError>;

    /// Removes row `row` of table `table`.
    fn remove_row(&self, ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError>;
}

/// The grid of a worksheet's kind.
pub fn grid_kind(ws: &Worksheet) -> &'static dyn GridKind {
    match ws {
        Worksheet::DecisionMatrix { .. } => &matrix::DecisionMatrix,
        Worksheet::StressTest { .. } => &stress::StressTest,
        Worksheet::SecurityReview { .. } => &security::SecurityReview,
        Worksheet::CostReview { .. } => &cost::CostReview,
        Worksheet::Reliability { .. } => &reliability::Reliability,
        Worksheet::Integration { .. } => &integration::Integration,
        Worksheet::Migration { .. } => &migration::Migration,
    }
}

/// The worksheet's inputs as tables. `option_name` turns an option id into its display name.
pub fn tables(ws: &Worksheet, option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
    grid_kind(ws).tables(ws, option_name)
}

/// Sets cell (`row`, `col`) of table `table` from what the person typed; the worksheet is
/// unchanged when it is refused.
pub fn set_cell(
    ws: &mut Worksheet,
    table: usize,
    row: usize,
    col: usize,
    value: &str,
) -> Result<(), CellError> {
    grid_kind(ws).set_cell(ws, table, row, col, value)
}

/// Moves a choice cell to its next value; [`CellError::NotAChoice`] when it is not a choice.
pub fn cycle_cell(
    ws: &mut Worksheet,
    table: usize,
    row: usize,
    col: usize,
) -> Result<(), CellError> {
    grid_kind(ws).cycle_cell(ws, table, row, col)
}

/// Adds a row to a growable table after `after` (or at the end). Returns the new row's index.
pub fn add_row(ws: &mut Worksheet, table: usize, after: Option<usize>) -> Result<usize, CellError> {
    grid_kind(ws).add_row(ws, table, after)
}

/// Removes a row of a growable table (and, for criteria and teams, their column elsewhere).
pub fn remove_row(ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError> {
    grid_kind(ws).remove_row(ws, table, row)
}

/// Formats a number without trailing zeros (`2`, `0.5`, `99.95`).
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// An optional number as [`num`] formats it, blank when there is none.
fn opt_num<T: Into<f64> + Copy>(v: Option<T>) -> String {
    v.map(|v| num(v.into())).unwrap_or_default()
}
