//! The stress test as a grid: the load model (one row) and the tiers that carry the load (rows can
//! be added and removed). Target utilisation is typed and shown in percent and stored as a
//! fraction; a tier's cost is optional (blank).

use super::names::{Names, names};
use super::rows::{insert_after, remove_at};
use super::{Allowed, Cell, CellError, GridKind, Table, num, opt_num, parse};
use crate::model::{Tier, Worksheet};

names! {
    enum StressTable {
        Load => "Load model",
        Tiers => "Tiers",
    }
}

names! {
    enum LoadColumn {
        Unit => "Unit",
        Baseline => "Baseline",
        Peak => "Peak",
        Growth => "Growth %/month",
        Horizon => "Horizon (months)",
    }
}

names! {
    enum TierColumn {
        Tier => "Tier",
        Capacity => "Capacity / instance",
        Utilisation => "Target utilisation %",
        Cost => "Cost / instance / month",
    }
}

/// [`Worksheet::StressTest`].
pub(super) struct StressTest;

impl GridKind for StressTest {
    fn tables(&self, ws: &Worksheet, _option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
        let Worksheet::StressTest { load, tiers } = ws else {
            return Vec::new();
        };
        let load_row = LoadColumn::cells(|col| match col {
            LoadColumn::Unit => Cell::text(&load.unit),
            LoadColumn::Baseline => Cell::number(num(load.baseline)),
            LoadColumn::Peak => Cell::number(num(load.peak)),
            LoadColumn::Growth => Cell::number(num(load.growth_percent_per_month)),
            LoadColumn::Horizon => Cell::number(load.horizon_months.to_string()),
        });
        let tier_rows = tiers
            .iter()
            .map(|t| {
                TierColumn::cells(|col| match col {
                    TierColumn::Tier => Cell::text(&t.name),
                    TierColumn::Capacity => Cell::number(num(t.capacity_per_instance)),
                    TierColumn::Utilisation => Cell::number(num(t.target_utilisation * 100.0)),
                    TierColumn::Cost => Cell::number(opt_num(t.monthly_cost_per_instance)),
                })
            })
            .collect();
        vec![
            Table::new(
                StressTable::Load,
                LoadColumn::headers(),
                vec![load_row],
                false,
            ),
            Table::new(StressTable::Tiers, TierColumn::headers(), tier_rows, true),
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
        let Worksheet::StressTest { load, tiers } = ws else {
            return Err(CellError::NoSuchCell);
        };
        match StressTable::at(table) {
            Some(StressTable::Load) => match LoadColumn::at(col) {
                Some(LoadColumn::Unit) if parse::is_blank(value) => {
                    return Err(CellError::Missing {
                        what: "the load",
                        needs: "a unit",
                    });
                }
                Some(LoadColumn::Unit) => load.unit = parse::text(value),
                Some(LoadColumn::Baseline) => {
                    load.baseline = parse::non_negative(value, "baseline")?
                }
                Some(LoadColumn::Peak) => load.peak = parse::non_negative(value, "peak")?,
                Some(LoadColumn::Growth) => {
                    load.growth_percent_per_month = parse::number(value, "growth")?
                }
                Some(LoadColumn::Horizon) => {
                    load.horizon_months = parse::whole(value, "horizon", 0, 600)?
                }
                None => return Err(CellError::NoSuchCell),
            },
            Some(StressTable::Tiers) => {
                let t = tiers.get_mut(row).ok_or(CellError::NoSuchCell)?;
                match TierColumn::at(col) {
                    Some(TierColumn::Tier) => t.name = parse::text(value),
                    Some(TierColumn::Capacity) => {
                        t.capacity_per_instance = parse::non_negative(value, "capacity")?
                    }
                    Some(TierColumn::Utilisation) => {
                        let field = "target utilisation";
                        let u = parse::percent_fraction(value, field)?;
                        if u == 0.0 {
                            return Err(CellError::OutOfRange {
                                field,
                                allowed: Allowed::AboveZeroPercent,
                            });
                        }
                        t.target_utilisation = u;
                    }
                    Some(TierColumn::Cost) if parse::is_blank(value) => {
                        t.monthly_cost_per_instance = None
                    }
                    Some(TierColumn::Cost) => {
                        t.monthly_cost_per_instance =
                            Some(parse::non_negative(value, "cost per instance")?)
                    }
                    None => return Err(CellError::NoSuchCell),
                }
            }
            None => return Err(CellError::NoSuchCell),
        }
        Ok(())
    }

    fn add_row(
        &self,
        ws: &mut Worksheet,
        table: usize,
        after: Option<usize>,
    ) -> Result<usize, CellError> {
        match (ws, StressTable::at(table)) {
            (Worksheet::StressTest { tiers, .. }, Some(StressTable::Tiers)) => {
                let tier = Tier {
                    name: format!("Tier {}", tiers.len() + 1),
                    capacity_per_instance: 100.0,
                    target_utilisation: 0.7,
                    monthly_cost_per_instance: None,
                };
                Ok(insert_after(tiers, after, tier))
            }
            _ => Err(CellError::FixedRows),
        }
    }

    fn remove_row(&self, ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError> {
        match (ws, StressTable::at(table)) {
            (Worksheet::StressTest { tiers, .. }, Some(StressTable::Tiers)) => {
                remove_at(tiers, row).map(drop)
            }
            _ => Err(CellError::FixedRows),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::samples::{self, name};
    use super::super::{add_row, remove_row, set_cell, tables};
    use super::*;

    const LOAD: usize = StressTable::Load as usize;
    const TIERS: usize = StressTable::Tiers as usize;

    #[test]
    fn tier_cells_take_percentages_and_a_blank_cost() {
        let mut ws = samples::stress();
        let util = TierColumn::Utilisation as usize;
        let cost = TierColumn::Cost as usize;
        set_cell(&mut ws, TIERS, 0, util, "65").unwrap();
        set_cell(&mut ws, TIERS, 0, cost, "120.5").unwrap();
        assert_eq!(tables(&ws, &name)[TIERS].rows[0][cost].text, "120.5");
        set_cell(&mut ws, TIERS, 0, cost, "").unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[TIERS].rows[0][util].text, "65");
        assert_eq!(t[TIERS].rows[0][cost].text, "");
        assert_eq!(
            set_cell(&mut ws, TIERS, 0, util, "0"),
            Err(CellError::OutOfRange {
                field: "target utilisation",
                allowed: Allowed::AboveZeroPercent
            })
        );
        assert_eq!(
            set_cell(&mut ws, TIERS, 0, util, "lots"),
            Err(CellError::NotANumber {
                field: "target utilisation",
                value: "lots".into()
            })
        );
    }

    #[test]
    fn the_load_model_checks_its_numbers() {
        let mut ws = samples::stress();
        set_cell(&mut ws, LOAD, 0, LoadColumn::Peak as usize, "800").unwrap();
        assert_eq!(
            set_cell(&mut ws, LOAD, 0, LoadColumn::Horizon as usize, "2.5"),
            Err(CellError::OutOfRange {
                field: "horizon",
                allowed: Allowed::Whole { min: 0, max: 600 }
            })
        );
        assert_eq!(
            set_cell(&mut ws, LOAD, 0, LoadColumn::Baseline as usize, "-1"),
            Err(CellError::OutOfRange {
                field: "baseline",
                allowed: Allowed::NonNegative
            })
        );
        assert_eq!(tables(&ws, &name)[LOAD].rows[0][2].text, "800");
    }

    #[test]
    fn tiers_are_added_and_removed_and_the_load_stays_one_row() {
        let mut ws = samples::stress();
        assert_eq!(add_row(&mut ws, TIERS, Some(0)), Ok(1));
        assert_eq!(tables(&ws, &name)[TIERS].rows[1][0].text, "Tier 2");
        remove_row(&mut ws, TIERS, 0).unwrap();
        assert_eq!(tables(&ws, &name)[TIERS].rows.len(), 1);
        assert_eq!(remove_row(&mut ws, TIERS, 5), Err(CellError::NoSuchRow));
        assert_eq!(add_row(&mut ws, LOAD, None), Err(CellError::FixedRows));
        assert_eq!(remove_row(&mut ws, LOAD, 0), Err(CellError::FixedRows));
    }
}
