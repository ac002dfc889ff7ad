//! The reliability assessment as a grid: the targets (one row: SLO, its window, required and
//! delivered RTO/RPO, the minutes optional), the parts of the design with their availability and
//! redundancy group, and the operational burden (one item a row). Parts and burden items can be
//! added and removed.

use super::names::{Names, names};
use super::rows::{insert_after, remove_at};
use super::{Cell, CellError, GridKind, Table, num, opt_num, parse};
use crate::model::{AvailabilityPart, Worksheet};

names! {
    enum ReliabilityTable {
        Targets => "Targets",
        Parts => "Parts of the design (same group = redundant)",
        Burden => "Operational burden",
    }
}

names! {
    enum TargetColumn {
        Slo => "SLO %",
        Window => "Window (days)",
        RequiredRto => "Required RTO (min)",
        RequiredRpo => "Required RPO (min)",
        DeliveredRto => "Delivered RTO (min)",
        DeliveredRpo => "Delivered RPO (min)",
    }
}

names! {
    enum PartColumn {
        Part => "Part",
        Availability => "Availability %",
        Group => "Redundancy group",
    }
}

names! {
    enum BurdenColumn {
        Item => "Item",
    }
}

/// [`Worksheet::Reliability`].
pub(super) struct Reliability;

impl GridKind for Reliability {
    fn tables(&self, ws: &Worksheet, _option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
        let Worksheet::Reliability {
            slo_target_percent,
            window_days,
            parts,
            required_rto_minutes,
            required_rpo_minutes,
            delivered_rto_minutes,
            delivered_rpo_minutes,
            operational_burden,
        } = ws
        else {
            return Vec::new();
        };
        let targets_row = TargetColumn::cells(|col| {
            Cell::number(match col {
                TargetColumn::Slo => num(*slo_target_percent),
                TargetColumn::Window => window_days.to_string(),
                TargetColumn::RequiredRto => opt_num(*required_rto_minutes),
                TargetColumn::RequiredRpo => opt_num(*required_rpo_minutes),
                TargetColumn::DeliveredRto => opt_num(*delivered_rto_minutes),
                TargetColumn::DeliveredRpo => opt_num(*delivered_rpo_minutes),
            })
        });
        let part_rows = parts
            .iter()
            .map(|p| {
                PartColumn::cells(|col| match col {
                    PartColumn::Part => Cell::text(&p.name),
                    PartColumn::Availability => Cell::number(num(p.availability_percent)),
                    PartColumn::Group => Cell::text(&p.group),
                })
            })
            .collect();
        let burden_rows = operational_burden
            .iter()
            .map(|b| {
                BurdenColumn::cells(|col| match col {
                    BurdenColumn::Item => Cell::text(b),
                })
            })
            .collect();
        vec![
            Table::new(
                ReliabilityTable::Targets,
                TargetColumn::headers(),
                vec![targets_row],
                false,
            ),
            Table::new(
                ReliabilityTable::Parts,
                PartColumn::headers(),
                part_rows,
                true,
            ),
            Table::new(
                ReliabilityTable::Burden,
                BurdenColumn::headers(),
                burden_rows,
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
        let Worksheet::Reliability {
            slo_target_percent,
            window_days,
            parts,
            required_rto_minutes,
            required_rpo_minutes,
            delivered_rto_minutes,
            delivered_rpo_minutes,
            operational_burden,
        } = ws
        else {
            return Err(CellError::NoSuchCell);
        };
        match ReliabilityTable::at(table) {
            Some(ReliabilityTable::Targets) => match TargetColumn::at(col) {
                Some(TargetColumn::Slo) => *slo_target_percent = parse::availability(value, "SLO")?,
                Some(TargetColumn::Window) => *window_days = parse::whole(value, "window", 1, 366)?,
                Some(TargetColumn::RequiredRto) => {
                    *required_rto_minutes = parse::optional_minutes(value, "required RTO")?
                }
                Some(TargetColumn::RequiredRpo) => {
                    *required_rpo_minutes = parse::optional_minutes(value, "required RPO")?
                }
                Some(TargetColumn::DeliveredRto) => {
                    *delivered_rto_minutes = parse::optional_minutes(value, "delivered RTO")?
                }
                Some(TargetColumn::DeliveredRpo) => {
                    *delivered_rpo_minutes = parse::optional_minutes(value, "delivered RPO")?
                }
                None => return Err(CellError::NoSuchCell),
            },
            Some(ReliabilityTable::Parts) => {
                let p = parts.get_mut(row).ok_or(CellError::NoSuchCell)?;
                match PartColumn::at(col) {
                    Some(PartColumn::Part) => p.name = parse::text(value),
                    Some(PartColumn::Availability) => {
                        p.availability_percent = parse::availability(value, "availability")?
                    }
                    Some(PartColumn::Group) => p.group = parse::text(value),
                    None => return Err(CellError::NoSuchCell),
                }
            }
            Some(ReliabilityTable::Burden) => {
                let item = operational_burden
                    .get_mut(row)
                    .ok_or(CellError::NoSuchCell)?;
                match BurdenColumn::at(col) {
                    Some(BurdenColumn::Item) => *item = parse::text(value),
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
        let Worksheet::Reliability {
            parts,
            operational_burden,
            ..
        } = ws
        else {
            return Err(CellError::FixedRows);
        };
        match ReliabilityTable::at(table) {
            Some(ReliabilityTable::Parts) => {
                let part = AvailabilityPart {
                    name: format!("Part {}", parts.len() + 1),
                    availability_percent: 99.9,
                    group: String::new(),
                };
                Ok(insert_after(parts, after, part))
            }
            Some(ReliabilityTable::Burden) => {
                Ok(insert_after(operational_burden, after, "New item".into()))
            }
            Some(ReliabilityTable::Targets) | None => Err(CellError::FixedRows),
        }
    }

    fn remove_row(&self, ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError> {
        let Worksheet::Reliability {
            parts,
            operational_burden,
            ..
        } = ws
        else {
            return Err(CellError::FixedRows);
        };
        match ReliabilityTable::at(table) {
            Some(ReliabilityTable::Parts) => remove_at(parts, row).map(drop),
            Some(ReliabilityTable::Burden) => remove_at(operational_burden, row).map(drop),
            Some(ReliabilityTable::Targets) | None => Err(CellError::FixedRows),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::samples::{self, name};
    use super::super::{Allowed, add_row, remove_row, set_cell, tables};
    use super::*;

    const TARGETS: usize = ReliabilityTable::Targets as usize;
    const PARTS: usize = ReliabilityTable::Parts as usize;
    const BURDEN: usize = ReliabilityTable::Burden as usize;

    #[test]
    fn targets_take_an_availability_and_optional_minutes() {
        let mut ws = samples::reliability();
        let slo = TargetColumn::Slo as usize;
        let rto = TargetColumn::RequiredRto as usize;
        set_cell(&mut ws, TARGETS, 0, slo, "99.95").unwrap();
        set_cell(&mut ws, TARGETS, 0, rto, "14.6").unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[TARGETS].rows[0][slo].text, "99.95");
        assert_eq!(t[TARGETS].rows[0][rto].text, "15");
        set_cell(&mut ws, TARGETS, 0, rto, " ").unwrap();
        assert_eq!(tables(&ws, &name)[TARGETS].rows[0][rto].text, "");
        assert_eq!(
            set_cell(&mut ws, TARGETS, 0, slo, "100.5"),
            Err(CellError::OutOfRange {
                field: "SLO",
                allowed: Allowed::Availability
            })
        );
        assert_eq!(
            set_cell(
                &mut ws,
                TARGETS,
                0,
                TargetColumn::Window as usize,
                "a month"
            ),
            Err(CellError::NotANumber {
                field: "window",
                value: "a month".into()
            })
        );
        assert_eq!(
            set_cell(&mut ws, TARGETS, 0, rto, "-5"),
            Err(CellError::OutOfRange {
                field: "required RTO",
                allowed: Allowed::NonNegative
            })
        );
    }

    #[test]
    fn parts_and_burden_items_are_added_edited_and_removed() {
        let mut ws = samples::reliability();
        assert_eq!(add_row(&mut ws, PARTS, None), Ok(1));
        set_cell(&mut ws, PARTS, 1, PartColumn::Group as usize, "db").unwrap();
        assert_eq!(add_row(&mut ws, BURDEN, Some(0)), Ok(1));
        set_cell(&mut ws, BURDEN, 1, 0, "Patching").unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[PARTS].rows[1][0].text, "Part 2");
        assert_eq!(t[PARTS].rows[1][2].text, "db");
        assert_eq!(t[BURDEN].rows[1][0].text, "Patching");
        remove_row(&mut ws, BURDEN, 0).unwrap();
        remove_row(&mut ws, PARTS, 0).unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[BURDEN].rows.len(), 1);
        assert_eq!(t[PARTS].rows[0][0].text, "Part 2");
        assert_eq!(add_row(&mut ws, TARGETS, None), Err(CellError::FixedRows));
        assert_eq!(remove_row(&mut ws, PARTS, 4), Err(CellError::NoSuchRow));
    }
}
