//! Why an edit of a worksheet's cells or rows was refused. Each variant's text is the one line the
//! screen shows: it names the field and what is wrong with the value, or what to do instead.

use std::fmt;

/// A refused edit of a worksheet cell or row; the worksheet is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    /// The table, row or column does not exist (or is not one this edit changes).
    #[error("no such cell")]
    NoSuchCell,
    /// The row to remove does not exist.
    #[error("no such row")]
    NoSuchRow,
    /// What was typed is not a number.
    #[error("{field}: {value:?} is not a number")]
    NotANumber { field: &'static str, value: String },
    /// A number outside what the field allows.
    #[error("{field} {allowed}")]
    OutOfRange {
        field: &'static str,
        allowed: Allowed,
    },
    /// A field that needs a value was left blank ("a team needs a name").
    #[error("{what} needs {needs}")]
    Missing {
        what: &'static str,
        needs: &'static str,
    },
    /// A field that cannot be blank was left blank ("a question cannot be empty").
    #[error("{what} cannot be empty")]
    Empty { what: &'static str },
    /// An option's name shows in the worksheet but belongs to its card.
    #[error("the option name is edited on its card")]
    OptionEditedOnCard,
    /// A cost line stays under its option.
    #[error("the option of a line is fixed; add lines under it")]
    LineOptionFixed,
    /// A choice cell is cycled, not typed into; `hint` says how.
    #[error("{hint}")]
    CyclesWithSpace { hint: &'static str },
    /// Only choice cells cycle.
    #[error("not a choice")]
    NotAChoice,
    /// Rows are neither added to nor removed from this table.
    #[error("this table has a fixed set of rows")]
    FixedRows,
    /// The decision matrix's options are the component's cards.
    #[error("options come from the component's cards (i adds one from the catalog)")]
    OptionsFromCards,
    /// A cost line needs an option to go under.
    #[error("there are no options to cost")]
    NoOptionsToCost,
    /// The last criterion of a decision matrix stays.
    #[error("the matrix needs at least one criterion")]
    LastCriterion,
    /// Alternatives from the catalog go into a decision matrix only.
    #[error("alternatives are added to the decision matrix")]
    NotADecisionMatrix,
    /// The option is in the decision matrix already.
    #[error("{option} is already in the matrix")]
    AlreadyInMatrix { option: String },
}

/// What a number field allows, as [`CellError::OutOfRange`] states it after the field's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// Zero or more.
    NonNegative,
    /// At most `u32::MAX` (minutes).
    FitsU32,
    /// A whole number from `min` to `max`.
    Whole { min: u32, max: u32 },
    /// A percentage from 0 to 100.
    Percent,
    /// A percentage above 0.
    AboveZeroPercent,
    /// An availability: above 0 and at most 100 %.
    Availability,
}

impl fmt::Display for Allowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Allowed::NonNegative => f.write_str("cannot be negative"),
            Allowed::FitsU32 => f.write_str("is too large"),
            Allowed::Whole { min, max } => write!(f, "must be a whole number from {min} to {max}"),
            Allowed::Percent => f.write_str("must be between 0 and 100 %"),
            Allowed::AboveZeroPercent => f.write_str("must be above 0 %"),
            Allowed::Availability => f.write_str("must be above 0 and at most 100 %"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_and_what_is_wrong() {
        let not_a_number = CellError::NotANumber {
            field: "weight",
            value: "heavy".into(),
        };
        assert_eq!(
            not_a_number.to_string(),
            "weight: \"heavy\" is not a number"
        );
        let cases = [
            (Allowed::NonNegative, "peak cannot be negative"),
            (Allowed::FitsU32, "peak is too large"),
            (
                Allowed::Whole { min: 1, max: 5 },
                "peak must be a whole number from 1 to 5",
            ),
            (Allowed::Percent, "peak must be between 0 and 100 %"),
            (Allowed::AboveZeroPercent, "peak must be above 0 %"),
            (
                Allowed::Availability,
                "peak must be above 0 and at most 100 %",
            ),
        ];
        for (allowed, message) in cases {
            let e = CellError::OutOfRange {
                field: "peak",
                allowed,
            };
            assert_eq!(e.to_string(), message);
        }
        let missing = CellError::Missing {
            what: "a team",
            needs: "a name",
        };
        assert_eq!(missing.to_string(), "a team needs a name");
        let empty = CellError::Empty { what: "a question" };
        assert_eq!(empty.to_string(), "a question cannot be empty");
    }
}
