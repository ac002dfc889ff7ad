//! The migration path as a grid: the migration steps (target date as typed, reversible toggled
//! yes/no), the lock-in of each option (1 easy to leave – 5 hard; the options are the component's
//! cards), the exit strategy (one cell) and the technologies to watch. Steps and technologies can be
//! added and removed; the other tables have fixed rows.

use super::names::{Names, names};
use super::rows::{insert_after, remove_at};
use super::{Cell, CellError, GridKind, Table, parse};
use crate::model::{MigrationStep, Worksheet};

names! {
    enum MigrationTable {
        Steps => "Migration steps",
        LockIn => "Lock-in per option (1 easy to leave – 5 hard)",
        Exit => "Exit strategy",
        Watch => "Technologies to watch",
    }
}

names! {
    enum StepColumn {
        Step => "Step",
        Target => "Target (YYYY-MM-DD or YYYY-Qn)",
        Reversible => "Reversible",
    }
}

names! {
    enum LockInColumn {
        Option => "Option",
        LockIn => "Lock-in",
        Reversibility => "Reversibility",
    }
}

names! {
    enum ExitColumn {
        Strategy => "Strategy",
    }
}

names! {
    enum WatchColumn {
        Technology => "Technology",
    }
}

/// [`Worksheet::Migration`].
pub(super) struct Migration;

impl GridKind for Migration {
    fn tables(&self, ws: &Worksheet, option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
        let Worksheet::Migration {
            steps,
            lock_in,
            exit_strategy,
            technologies_to_watch,
        } = ws
        else {
            return Vec::new();
        };
        let step_rows = steps
            .iter()
            .map(|s| {
                StepColumn::cells(|col| match col {
                    StepColumn::Step => Cell::text(&s.step),
                    StepColumn::Target => Cell::text(&s.target),
                    StepColumn::Reversible => Cell::choice(if s.reversible { "yes" } else { "no" }),
                })
            })
            .collect();
        let lock_in_rows = lock_in
            .iter()
            .map(|l| {
                LockInColumn::cells(|col| match col {
                    LockInColumn::Option => Cell::label(option_name(&l.option)),
                    LockInColumn::LockIn => Cell::number(l.lock_in.to_string()),
                    LockInColumn::Reversibility => Cell::text(&l.reversibility),
                })
            })
            .collect();
        let exit_row = ExitColumn::cells(|col| match col {
            ExitColumn::Strategy => Cell::text(exit_strategy),
        });
        let watch_rows = technologies_to_watch
            .iter()
            .map(|t| {
                WatchColumn::cells(|col| match col {
                    WatchColumn::Technology => Cell::text(t),
                })
            })
            .collect();
        vec![
            Table::new(
                MigrationTable::Steps,
                StepColumn::headers(),
                step_rows,
                true,
            ),
            Table::new(
                MigrationTable::LockIn,
                LockInColumn::headers(),
                lock_in_rows,
                false,
            ),
            Table::new(
                MigrationTable::Exit,
                ExitColumn::headers(),
                vec![exit_row],
                false,
            ),
            Table::new(
                MigrationTable::Watch,
                WatchColumn::headers(),
                watch_rows,
                true,
            ),
        ]
    }

    fn set_cell(
        &self,
        ws: &mut Worksheet,
        table: usize,
        row: usize,
        col: usize,
        value: &str,
    ) -> Result<(), CellError> {
        let Worksheet::Migration {
            steps,
            lock_in,
            exit_strategy,
            technologies_to_watch,
        } = ws
        else {
            return Err(CellError::NoSuchCell);
        };
        match MigrationTable::at(table) {
            Some(MigrationTable::Steps) => {
                let s = steps.get_mut(row).ok_or(CellError::NoSuchCell)?;
                match StepColumn::at(col) {
                    Some(StepColumn::Step) => s.step = parse::text(value),
                    Some(StepColumn::Target) => s.target = parse::text(value),
                    Some(StepColumn::Reversible) => {
                        return Err(CellError::CyclesWithSpace {
                            hint: "Space toggles reversible",
                        });
                    }
                    None => return Err(CellError::NoSuchCell),
                }
            }
            Some(MigrationTable::LockIn) => {
                let l = lock_in.get_mut(row).ok_or(CellError::NoSuchCell)?;
                match LockInColumn::at(col) {
                    Some(LockInColumn::Option) => return Err(CellError::OptionEditedOnCard),
                    Some(LockInColumn::LockIn) => {
                        l.lock_in = parse::whole(value, "lock-in", 1, 5)? as u8
                    }
                    Some(LockInColumn::Reversibility) => l.reversibility = parse::text(value),
                    None => return Err(CellError::NoSuchCell),
                }
            }
            Some(MigrationTable::Exit) => match ExitColumn::at(col) {
                Some(ExitColumn::Strategy) => *exit_strategy = parse::text(value),
                None => return Err(CellError::NoSuchCell),
            },
            Some(MigrationTable::Watch) => {
                let t = technologies_to_watch
                    .get_mut(row)
                    .ok_or(CellError::NoSuchCell)?;
                match WatchColumn::at(col) {
                    Some(WatchColumn::Technology) => *t = parse::text(value),
                    None => return Err(CellError::NoSuchCell),
                }
            }
            None => return Err(CellError::NoSuchCell),
        }
        Ok(())
    }

    fn cycle_cell(
        &self,
        ws: &mut Worksheet,
        table: usize,
        row: usize,
        col: usize,
    ) -> Result<(), CellError> {
        let (
            Worksheet::Migration { steps, .. },
            Some(MigrationTable::Steps),
            Some(StepColumn::Reversible),
        ) = (ws, MigrationTable::at(table), StepColumn::at(col))
        else {
            return Err(CellError::NotAChoice);
        };
        let s = steps.get_mut(row).ok_or(CellError::NoSuchCell)?;
        s.reversible = !s.reversible;
        Ok(())
    }

    fn add_row(
        &self,
        ws: &mut Worksheet,
        table: usize,
        after: Option<usize>,
    ) -> Result<usize, CellError> {
        let Worksheet::Migration {
            steps,
            technologies_to_watch,
            ..
        } = ws
        else {
            return Err(CellError::FixedRows);
        };
        match MigrationTable::at(table) {
            Some(MigrationTable::Steps) => {
                let step = MigrationStep {
                    step: "New step".into(),
                    target: String::new(),
                    reversible: true,
                };
                Ok(insert_after(steps, after, step))
            }
            Some(MigrationTable::Watch) => Ok(insert_after(
                technologies_to_watch,
                after,
                "New technology".into(),
            )),
            Some(MigrationTable::LockIn | MigrationTable::Exit) | None => Err(CellError::FixedRows),
        }
    }

    fn remove_row(&self, ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError> {
        let Worksheet::Migration {
            steps,
            technologies_to_watch,
            ..
        } = ws
        else {
            return Err(CellError::FixedRows);
        };
        match MigrationTable::at(table) {
            Some(MigrationTable::Steps) => remove_at(steps, row).map(drop),
            Some(MigrationTable::Watch) => remove_at(technologies_to_watch, row).map(drop),
            Some(MigrationTable::LockIn | MigrationTable::Exit) | None => Err(CellError::FixedRows),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::samples::{self, name};
    use super::super::{Allowed, add_row, cycle_cell, remove_row, set_cell, tables};
    use super::*;

    const STEPS: usize = MigrationTable::Steps as usize;
    const LOCK_IN: usize = MigrationTable::LockIn as usize;
    const EXIT: usize = MigrationTable::Exit as usize;
    const WATCH: usize = MigrationTable::Watch as usize;

    #[test]
    fn lock_in_is_a_score_and_reversible_toggles() {
        let mut ws = samples::migration();
        let lock_in = LockInColumn::LockIn as usize;
        set_cell(&mut ws, LOCK_IN, 0, lock_in, "4").unwrap();
        set_cell(&mut ws, EXIT, 0, 0, "Export nightly").unwrap();
        cycle_cell(&mut ws, STEPS, 0, StepColumn::Reversible as usize).unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[LOCK_IN].rows[0][lock_in].text, "4");
        assert_eq!(t[LOCK_IN].rows[0][0].text, "A");
        assert_eq!(t[EXIT].rows[0][0].text, "Export nightly");
        assert_eq!(t[STEPS].rows[0][2].text, "no");
        assert_eq!(
            set_cell(&mut ws, LOCK_IN, 0, lock_in, "sticky"),
            Err(CellError::NotANumber {
                field: "lock-in",
                value: "sticky".into()
            })
        );
        assert_eq!(
            set_cell(&mut ws, LOCK_IN, 0, lock_in, "0"),
            Err(CellError::OutOfRange {
                field: "lock-in",
                allowed: Allowed::Whole { min: 1, max: 5 }
            })
        );
        assert_eq!(
            set_cell(&mut ws, LOCK_IN, 0, 0, "B"),
            Err(CellError::OptionEditedOnCard)
        );
        assert_eq!(
            set_cell(&mut ws, STEPS, 0, 2, "yes")
                .unwrap_err()
                .to_string(),
            "Space toggles reversible"
        );
    }

    #[test]
    fn steps_and_technologies_grow_and_the_rest_is_fixed() {
        let mut ws = samples::migration();
        assert_eq!(add_row(&mut ws, STEPS, Some(0)), Ok(1));
        assert_eq!(add_row(&mut ws, WATCH, None), Ok(1));
        let t = tables(&ws, &name);
        assert_eq!(t[STEPS].rows[1][2].text, "yes");
        assert_eq!(t[WATCH].rows[1][0].text, "New technology");
        remove_row(&mut ws, STEPS, 0).unwrap();
        remove_row(&mut ws, WATCH, 0).unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[STEPS].rows[0][0].text, "New step");
        assert_eq!(t[WATCH].rows.len(), 1);
        for fixed in [LOCK_IN, EXIT] {
            assert_eq!(add_row(&mut ws, fixed, None), Err(CellError::FixedRows));
            assert_eq!(remove_row(&mut ws, fixed, 0), Err(CellError::FixedRows));
        }
    }
}
