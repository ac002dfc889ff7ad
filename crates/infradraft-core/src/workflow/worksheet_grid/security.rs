//! The security and compliance review as a grid: one table of questions (rows can be added and
//! removed), each with the regime it comes from (read-only), an answer and a severity (choices,
//! cycled in the order of [`SecurityAnswer::ALL`] and [`GapSeverity::ALL`]) and a note.

use super::names::{Names, names};
use super::rows::{insert_after, remove_at};
use super::{Cell, CellError, GridKind, Table, parse};
use crate::model::{GapSeverity, SecurityAnswer, SecurityItem, Worksheet};

names! {
    enum SecurityTable {
        Questions => "Questions",
    }
}

names! {
    enum QuestionColumn {
        Question => "Question",
        Regime => "Regime",
        Answer => "Answer",
        Severity => "Severity",
        Note => "Note",
    }
}

/// [`Worksheet::SecurityReview`].
pub(super) struct SecurityReview;

impl GridKind for SecurityReview {
    fn tables(&self, ws: &Worksheet, _option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
        let Worksheet::SecurityReview { items } = ws else {
            return Vec::new();
        };
        let rows = items
            .iter()
            .map(|i| {
                QuestionColumn::cells(|col| match col {
                    QuestionColumn::Question => Cell::text(&i.question),
                    QuestionColumn::Regime => Cell::label(i.regime.as_deref().unwrap_or("–")),
                    QuestionColumn::Answer => Cell::choice(i.answer.short_label()),
                    QuestionColumn::Severity => Cell::choice(i.severity.label()),
                    QuestionColumn::Note => Cell::text(&i.note),
                })
            })
            .collect();
        vec![Table::new(
            SecurityTable::Questions,
            QuestionColumn::headers(),
            rows,
            true,
        )]
    }

    fn set_cell(
        &self,
        ws: &mut Worksheet,
        table: usize,
        row: usize,
        col: usize,
        value: &str,
    ) -> Result<(), CellError> {
        let Worksheet::SecurityReview { items } = ws else {
            return Err(CellError::NoSuchCell);
        };
        let Some(SecurityTable::Questions) = SecurityTable::at(table) else {
            return Err(CellError::NoSuchCell);
        };
        let item = items.get_mut(row).ok_or(CellError::NoSuchCell)?;
        match QuestionColumn::at(col) {
            Some(QuestionColumn::Question) if parse::is_blank(value) => {
                return Err(CellError::Empty { what: "a question" });
            }
            Some(QuestionColumn::Question) => item.question = parse::text(value),
            Some(QuestionColumn::Note) => item.note = parse::text(value),
            Some(QuestionColumn::Answer | QuestionColumn::Severity) => {
                return Err(CellError::CyclesWithSpace {
                    hint: "Space cycles the choices",
                });
            }
            Some(QuestionColumn::Regime) | None => return Err(CellError::NoSuchCell),
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
        let (Worksheet::SecurityReview { items }, Some(SecurityTable::Questions)) =
            (ws, SecurityTable::at(table))
        else {
            return Err(CellError::NotAChoice);
        };
        let item = items.get_mut(row).ok_or(CellError::NoSuchCell)?;
        match QuestionColumn::at(col) {
            Some(QuestionColumn::Answer) => item.answer = item.answer.next(),
            Some(QuestionColumn::Severity) => item.severity = item.severity.next(),
            _ => return Err(CellError::NotAChoice),
        }
        Ok(())
    }

    fn add_row(
        &self,
        ws: &mut Worksheet,
        table: usize,
        after: Option<usize>,
    ) -> Result<usize, CellError> {
        match (ws, SecurityTable::at(table)) {
            (Worksheet::SecurityReview { items }, Some(SecurityTable::Questions)) => {
                let item = SecurityItem {
                    question: "New question".into(),
                    regime: None,
                    answer: SecurityAnswer::Unanswered,
                    severity: GapSeverity::Medium,
                    note: String::new(),
                };
                Ok(insert_after(items, after, item))
            }
            _ => Err(CellError::FixedRows),
        }
    }

    fn remove_row(&self, ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError> {
        match (ws, SecurityTable::at(table)) {
            (Worksheet::SecurityReview { items }, Some(SecurityTable::Questions)) => {
                remove_at(items, row).map(drop)
            }
            _ => Err(CellError::FixedRows),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::samples::{self, name};
    use super::super::{CellKind, add_row, cycle_cell, remove_row, set_cell, tables};
    use super::*;

    const QUESTIONS: usize = SecurityTable::Questions as usize;
    const ANSWER: usize = QuestionColumn::Answer as usize;
    const SEVERITY: usize = QuestionColumn::Severity as usize;

    #[test]
    fn answers_and_severities_cycle_and_refuse_typing() {
        let mut ws = samples::security();
        cycle_cell(&mut ws, QUESTIONS, 0, ANSWER).unwrap();
        cycle_cell(&mut ws, QUESTIONS, 0, SEVERITY).unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[QUESTIONS].rows[0][ANSWER].text, "Met");
        assert_eq!(t[QUESTIONS].rows[0][SEVERITY].text, "Critical");
        assert_eq!(t[QUESTIONS].rows[0][1].kind, CellKind::Label);
        assert_eq!(
            cycle_cell(&mut ws, QUESTIONS, 0, QuestionColumn::Note as usize),
            Err(CellError::NotAChoice)
        );
        let refused = set_cell(&mut ws, QUESTIONS, 0, ANSWER, "Met").unwrap_err();
        assert_eq!(refused.to_string(), "Space cycles the choices");
    }

    #[test]
    fn a_question_is_edited_but_not_emptied() {
        let mut ws = samples::security();
        set_cell(&mut ws, QUESTIONS, 0, 0, " Keys rotated? ").unwrap();
        assert_eq!(
            tables(&ws, &name)[QUESTIONS].rows[0][0].text,
            "Keys rotated?"
        );
        assert_eq!(
            set_cell(&mut ws, QUESTIONS, 0, 0, "  "),
            Err(CellError::Empty { what: "a question" })
        );
        assert_eq!(
            set_cell(&mut ws, QUESTIONS, 9, 0, "x"),
            Err(CellError::NoSuchCell)
        );
    }

    #[test]
    fn questions_are_added_and_removed() {
        let mut ws = samples::security();
        assert_eq!(add_row(&mut ws, QUESTIONS, None), Ok(1));
        let t = tables(&ws, &name);
        assert_eq!(t[QUESTIONS].rows[1][0].text, "New question");
        assert_eq!(t[QUESTIONS].rows[1][ANSWER].text, "?");
        remove_row(&mut ws, QUESTIONS, 0).unwrap();
        assert_eq!(tables(&ws, &name)[QUESTIONS].rows.len(), 1);
        assert_eq!(remove_row(&mut ws, QUESTIONS, 1), Err(CellError::NoSuchRow));
    }
}
