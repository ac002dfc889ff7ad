//! The decision matrix as a grid: the criteria with their weights, and each option's score (1–5)
//! per criterion.
//!
//! - Criteria can be added and removed (not the last one); each criterion's column of scores
//!   follows it, a new one starting at 3 for every option.
//! - The options are the component's cards: their names are edited on the cards, alternatives come
//!   in from the catalog ([`add_alternative`]), and an option's row can be taken out.

use super::names::{Names, PerItemColumn, names};
use super::rows::{insert_after, remove_at};
use super::{Cell, CellError, GridKind, Table, num, parse};
use crate::model::{Criterion, OptionScores, Worksheet};

/// The score a new criterion or alternative starts at.
const NEUTRAL_SCORE: u8 = 3;
/// The header of the scores table's first column; one column per criterion follows.
const OPTION_HEADER: &str = "Option";

names! {
    enum MatrixTable {
        Criteria => "Criteria and weights",
        Scores => "Scores (1–5, higher is better)",
    }
}

names! {
    enum CriterionColumn {
        Criterion => "Criterion",
        Weight => "Weight",
    }
}

/// [`Worksheet::DecisionMatrix`].
pub(super) struct DecisionMatrix;

impl GridKind for DecisionMatrix {
    fn tables(&self, ws: &Worksheet, option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
        let Worksheet::DecisionMatrix { criteria, scores } = ws else {
            return Vec::new();
        };
        let criteria_rows = criteria
            .iter()
            .map(|c| {
                CriterionColumn::cells(|col| match col {
                    CriterionColumn::Criterion => Cell::text(&c.name),
                    CriterionColumn::Weight => Cell::number(num(c.weight)),
                })
            })
            .collect();
        let score_rows = scores
            .iter()
            .map(|o| {
                PerItemColumn::all(criteria.len())
                    .map(|col| match col {
                        PerItemColumn::Lead => Cell::label(option_name(&o.option)),
                        PerItemColumn::Item(i) => {
                            Cell::number(o.scores.get(i).map_or(0, |s| *s).to_string())
                        }
                    })
                    .collect()
            })
            .collect();
        vec![
            Table::new(
                MatrixTable::Criteria,
                CriterionColumn::headers(),
                criteria_rows,
                true,
            ),
            Table::new(
                MatrixTable::Scores,
                PerItemColumn::headers(OPTION_HEADER, criteria.iter().map(|c| c.name.clone())),
                score_rows,
                false,
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
        let Worksheet::DecisionMatrix { criteria, scores } = ws else {
            return Err(CellError::NoSuchCell);
        };
        match MatrixTable::at(table) {
            Some(MatrixTable::Criteria) => {
                let c = criteria.get_mut(row).ok_or(CellError::NoSuchCell)?;
                match CriterionColumn::at(col) {
                    Some(CriterionColumn::Criterion) if parse::is_blank(value) => {
                        return Err(CellError::Missing {
                            what: "a criterion",
                            needs: "a name",
                        });
                    }
                    Some(CriterionColumn::Criterion) => c.name = parse::text(value),
                    Some(CriterionColumn::Weight) => {
                        c.weight = parse::non_negative(value, "weight")?
                    }
                    None => return Err(CellError::NoSuchCell),
                }
            }
            Some(MatrixTable::Scores) => {
                let o = scores.get_mut(row).ok_or(CellError::NoSuchCell)?;
                match PerItemColumn::at(col, criteria.len()) {
                    Some(PerItemColumn::Lead) => return Err(CellError::OptionEditedOnCard),
                    Some(PerItemColumn::Item(i)) => {
                        let v = parse::whole(value, "score", 1, 5)? as u8;
                        if o.scores.len() < criteria.len() {
                            o.scores.resize(criteria.len(), NEUTRAL_SCORE);
                        }
                        o.scores[i] = v;
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
        let Worksheet::DecisionMatrix { criteria, scores } = ws else {
            return Err(CellError::FixedRows);
        };
        match MatrixTable::at(table) {
            Some(MatrixTable::Criteria) => {
                let name = format!("Criterion {}", criteria.len() + 1);
                let at = insert_after(criteria, after, Criterion { name, weight: 1.0 });
                // The new criterion's column of scores, at the same place in every option.
                for o in scores.iter_mut() {
                    o.scores.resize(criteria.len() - 1, NEUTRAL_SCORE);
                    o.scores.insert(at, NEUTRAL_SCORE);
                }
                Ok(at)
            }
            Some(MatrixTable::Scores) => Err(CellError::OptionsFromCards),
            None => Err(CellError::FixedRows),
        }
    }

    fn remove_row(&self, ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError> {
        let Worksheet::DecisionMatrix { criteria, scores } = ws else {
            return Err(CellError::FixedRows);
        };
        match MatrixTable::at(table) {
            Some(MatrixTable::Criteria) => {
                if criteria.len() <= 1 {
                    return Err(CellError::LastCriterion);
                }
                remove_at(criteria, row)?;
                for o in scores.iter_mut() {
                    if row < o.scores.len() {
                        o.scores.remove(row);
                    }
                }
                Ok(())
            }
            Some(MatrixTable::Scores) => remove_at(scores, row).map(drop),
            None => Err(CellError::FixedRows),
        }
    }
}

/// Adds an alternative to a decision matrix with its scores (missing ones start at 3); refused
/// when it is already in.
pub fn add_alternative(
    ws: &mut Worksheet,
    option: &str,
    scores_for: Vec<u8>,
) -> Result<(), CellError> {
    let Worksheet::DecisionMatrix { criteria, scores } = ws else {
        return Err(CellError::NotADecisionMatrix);
    };
    if scores.iter().any(|s| s.option == option) {
        return Err(CellError::AlreadyInMatrix {
            option: option.to_string(),
        });
    }
    let mut values = scores_for;
    values.resize(criteria.len(), NEUTRAL_SCORE);
    scores.push(OptionScores {
        option: option.to_string(),
        scores: values,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::samples::{self, name};
    use super::super::{Allowed, add_row, remove_row, set_cell, tables};
    use super::*;

    const CRITERIA: usize = MatrixTable::Criteria as usize;
    const SCORES: usize = MatrixTable::Scores as usize;
    const WEIGHT: usize = CriterionColumn::Weight as usize;

    fn criteria_and_scores(ws: &Worksheet) -> (&[Criterion], &[OptionScores]) {
        let Worksheet::DecisionMatrix { criteria, scores } = ws else {
            unreachable!("a decision matrix")
        };
        (criteria, scores)
    }

    #[test]
    fn a_weight_is_edited_and_a_word_is_not_a_weight() {
        let mut ws = samples::matrix();
        set_cell(&mut ws, CRITERIA, 1, WEIGHT, "2.5").unwrap();
        assert_eq!(criteria_and_scores(&ws).0[1].weight, 2.5);
        assert_eq!(
            set_cell(&mut ws, CRITERIA, 1, WEIGHT, "heavy"),
            Err(CellError::NotANumber {
                field: "weight",
                value: "heavy".into()
            })
        );
        assert_eq!(
            set_cell(&mut ws, SCORES, 0, 1, "6"),
            Err(CellError::OutOfRange {
                field: "score",
                allowed: Allowed::Whole { min: 1, max: 5 }
            })
        );
        assert_eq!(
            set_cell(&mut ws, SCORES, 0, 0, "X"),
            Err(CellError::OptionEditedOnCard)
        );
        assert_eq!(
            set_cell(&mut ws, CRITERIA, 0, 0, " "),
            Err(CellError::Missing {
                what: "a criterion",
                needs: "a name"
            })
        );
        assert_eq!(
            criteria_and_scores(&ws).0[1].weight,
            2.5,
            "refusals change nothing"
        );
    }

    #[test]
    fn a_criterion_is_added_and_removed_with_its_column_of_scores() {
        let mut ws = samples::matrix();
        assert_eq!(add_row(&mut ws, CRITERIA, None), Ok(2));
        assert_eq!(criteria_and_scores(&ws).1[1].scores, [3, 5, 3]);
        assert_eq!(tables(&ws, &name)[SCORES].columns.len(), 4);
        remove_row(&mut ws, CRITERIA, 0).unwrap();
        remove_row(&mut ws, CRITERIA, 0).unwrap();
        assert_eq!(criteria_and_scores(&ws).1[1].scores, [3]);
        assert_eq!(
            remove_row(&mut ws, CRITERIA, 0),
            Err(CellError::LastCriterion)
        );
        assert_eq!(
            add_row(&mut ws, SCORES, None),
            Err(CellError::OptionsFromCards)
        );
        remove_row(&mut ws, SCORES, 0).unwrap();
        assert_eq!(criteria_and_scores(&ws).1.len(), 1);
    }

    #[test]
    fn an_alternative_comes_in_once_with_neutral_scores_for_the_rest() {
        let mut ws = samples::matrix();
        add_alternative(&mut ws, "c", vec![1]).unwrap();
        assert_eq!(criteria_and_scores(&ws).1[2].scores, [1, 3]);
        assert_eq!(
            add_alternative(&mut ws, "c", vec![]),
            Err(CellError::AlreadyInMatrix { option: "c".into() })
        );
        let mut other = samples::migration();
        assert_eq!(
            add_alternative(&mut other, "c", vec![]),
            Err(CellError::NotADecisionMatrix)
        );
    }
}
