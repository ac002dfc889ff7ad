//! The cost review as a grid: the optimisation levers (one row, typed and shown in percent, stored
//! as fractions) and the monthly line items of every option.
//!
//! The line items of all options are one table, each option's lines in a run under its name: row
//! `n` is the `n`th line counting through the options in order. A line stays under its option; a
//! new line goes under the option of the line it is added after (the first option without one).

use super::names::{Names, names};
use super::{Cell, CellError, GridKind, Table, num, parse};
use crate::model::{CostLevers, CostLine, OptionCosts, Worksheet};

names! {
    enum CostTable {
        Levers => "Levers (%)",
        Lines => "Line items per option (monthly)",
    }
}

names! {
    enum LeverColumn {
        CommittedShare => "Committed share",
        CommitmentDiscount => "Commitment discount",
        SpotShare => "Spot share",
        SpotDiscount => "Spot discount",
        Rightsizing => "Rightsizing",
        StorageTiering => "Storage tiering",
    }
}

names! {
    enum LineColumn {
        Option => "Option",
        Resource => "Resource",
        Quantity => "Quantity",
        UnitPrice => "Unit price / month",
    }
}

impl LeverColumn {
    /// The lever this column shows, as a fraction.
    fn value(self, levers: &CostLevers) -> f64 {
        match self {
            LeverColumn::CommittedShare => levers.committed_share,
            LeverColumn::CommitmentDiscount => levers.commitment_discount,
            LeverColumn::SpotShare => levers.spot_share,
            LeverColumn::SpotDiscount => levers.spot_discount,
            LeverColumn::Rightsizing => levers.rightsizing,
            LeverColumn::StorageTiering => levers.storage_tiering,
        }
    }

    /// The lever this column edits.
    fn value_mut(self, levers: &mut CostLevers) -> &mut f64 {
        match self {
            LeverColumn::CommittedShare => &mut levers.committed_share,
            LeverColumn::CommitmentDiscount => &mut levers.commitment_discount,
            LeverColumn::SpotShare => &mut levers.spot_share,
            LeverColumn::SpotDiscount => &mut levers.spot_discount,
            LeverColumn::Rightsizing => &mut levers.rightsizing,
            LeverColumn::StorageTiering => &mut levers.storage_tiering,
        }
    }
}

/// [`Worksheet::CostReview`].
pub(super) struct CostReview;

impl GridKind for CostReview {
    fn tables(&self, ws: &Worksheet, option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
        let Worksheet::CostReview { options, levers } = ws else {
            return Vec::new();
        };
        let lever_row = LeverColumn::cells(|col| Cell::number(num(col.value(levers) * 100.0)));
        let line_rows = options
            .iter()
            .flat_map(|o| {
                let name = option_name(&o.option);
                o.lines.iter().map(move |l| {
                    LineColumn::cells(|col| match col {
                        LineColumn::Option => Cell::label(name.clone()),
                        LineColumn::Resource => Cell::text(&l.resource),
                        LineColumn::Quantity => Cell::number(num(l.quantity)),
                        LineColumn::UnitPrice => Cell::number(num(l.unit_price_per_month)),
                    })
                })
            })
            .collect();
        vec![
            Table::new(
                CostTable::Levers,
                LeverColumn::headers(),
                vec![lever_row],
                false,
            ),
            Table::new(CostTable::Lines, LineColumn::headers(), line_rows, true),
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
        let Worksheet::CostReview { options, levers } = ws else {
            return Err(CellError::NoSuchCell);
        };
        match CostTable::at(table) {
            Some(CostTable::Levers) => {
                let v = parse::percent_fraction(value, "lever")?;
                let column = LeverColumn::at(col).ok_or(CellError::NoSuchCell)?;
                *column.value_mut(levers) = v;
            }
            Some(CostTable::Lines) => {
                let line = line_mut(options, row).ok_or(CellError::NoSuchCell)?;
                match LineColumn::at(col) {
                    Some(LineColumn::Resource) if parse::is_blank(value) => {
                        return Err(CellError::Missing {
                            what: "a line",
                            needs: "a resource",
                        });
                    }
                    Some(LineColumn::Resource) => line.resource = parse::text(value),
                    Some(LineColumn::Quantity) => {
                        line.quantity = parse::non_negative(value, "quantity")?
                    }
                    Some(LineColumn::UnitPrice) => {
                        line.unit_price_per_month = parse::non_negative(value, "unit price")?
                    }
                    Some(LineColumn::Option) => return Err(CellError::LineOptionFixed),
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
        let (Worksheet::CostReview { options, .. }, Some(CostTable::Lines)) =
            (ws, CostTable::at(table))
        else {
            return Err(CellError::FixedRows);
        };
        // The option of line `after` and the place after it; the first option's top without one.
        let mut target = (0, 0);
        if let Some(mut row) = after {
            for (i, o) in options.iter().enumerate() {
                if row < o.lines.len() {
                    target = (i, row + 1);
                    break;
                }
                row -= o.lines.len();
                target = (i, o.lines.len());
            }
        }
        let (option, at) = target;
        let Some(o) = options.get_mut(option) else {
            return Err(CellError::NoOptionsToCost);
        };
        o.lines.insert(
            at.min(o.lines.len()),
            CostLine {
                resource: "New line item".into(),
                quantity: 1.0,
                unit_price_per_month: 0.0,
            },
        );
        let before: usize = options[..option].iter().map(|o| o.lines.len()).sum();
        Ok(before + at)
    }

    fn remove_row(&self, ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError> {
        let (Worksheet::CostReview { options, .. }, Some(CostTable::Lines)) =
            (ws, CostTable::at(table))
        else {
            return Err(CellError::FixedRows);
        };
        let (option, line) = line_at(options, row).ok_or(CellError::NoSuchRow)?;
        options[option].lines.remove(line);
        Ok(())
    }
}

/// The option and the index within it of flat row `row`.
fn line_at(options: &[OptionCosts], mut row: usize) -> Option<(usize, usize)> {
    for (i, o) in options.iter().enumerate() {
        if row < o.lines.len() {
            return Some((i, row));
        }
        row -= o.lines.len();
    }
    None
}

/// Flat row `row`'s line.
fn line_mut(options: &mut [OptionCosts], row: usize) -> Option<&mut CostLine> {
    let (option, line) = line_at(options, row)?;
    options[option].lines.get_mut(line)
}

#[cfg(test)]
mod tests {
    use super::super::samples::{self, name};
    use super::super::{Allowed, add_row, remove_row, set_cell, tables};
    use super::*;

    const LEVERS: usize = CostTable::Levers as usize;
    const LINES: usize = CostTable::Lines as usize;

    fn options(ws: &Worksheet) -> &[OptionCosts] {
        let Worksheet::CostReview { options, .. } = ws else {
            unreachable!("a cost review")
        };
        options
    }

    #[test]
    fn levers_are_percentages_and_lines_are_edited_under_their_options() {
        let mut ws = samples::cost();
        set_cell(&mut ws, LEVERS, 0, LeverColumn::SpotShare as usize, "60").unwrap();
        let t = tables(&ws, &name);
        assert_eq!(
            t[LEVERS].rows[0][LeverColumn::SpotShare as usize].text,
            "60"
        );
        assert_eq!(
            set_cell(&mut ws, LEVERS, 0, 1, "120"),
            Err(CellError::OutOfRange {
                field: "lever",
                allowed: Allowed::Percent
            })
        );
        set_cell(&mut ws, LINES, 2, LineColumn::Quantity as usize, "4").unwrap();
        assert_eq!(options(&ws)[1].lines[0].quantity, 4.0);
        assert_eq!(
            set_cell(&mut ws, LINES, 2, LineColumn::UnitPrice as usize, "cheap"),
            Err(CellError::NotANumber {
                field: "unit price",
                value: "cheap".into()
            })
        );
        assert_eq!(
            set_cell(&mut ws, LINES, 0, LineColumn::Option as usize, "b"),
            Err(CellError::LineOptionFixed)
        );
    }

    #[test]
    fn lines_are_added_after_a_line_of_the_same_option_and_removed() {
        let mut ws = samples::cost();
        assert_eq!(add_row(&mut ws, LINES, Some(2)), Ok(3));
        assert_eq!(options(&ws)[1].lines[1].resource, "New line item");
        assert_eq!(add_row(&mut ws, LINES, None), Ok(0));
        assert_eq!(options(&ws)[0].lines[0].resource, "New line item");
        remove_row(&mut ws, LINES, 0).unwrap();
        assert_eq!(options(&ws)[0].lines.len(), 2);
        assert_eq!(remove_row(&mut ws, LINES, 9), Err(CellError::NoSuchRow));
        assert_eq!(add_row(&mut ws, LEVERS, None), Err(CellError::FixedRows));
        let mut none = Worksheet::CostReview {
            options: Vec::new(),
            levers: samples::no_levers(),
        };
        assert_eq!(
            add_row(&mut none, LINES, None),
            Err(CellError::NoOptionsToCost)
        );
    }
}
