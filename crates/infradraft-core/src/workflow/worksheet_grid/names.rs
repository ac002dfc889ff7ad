//! The names a kind of worksheet gives its tables and their columns, each declared once with the
//! text the screen shows for it (a table's title, a column's header).
//!
//! `names!` declares an enum of such names in shown order; the [`Names`] it implements turns an index from the screen into a name, and builds
//! a table's headers and its rows' cells from the same list, so that a header and the cell under
//! it cannot drift apart. [`PerItemColumn`] is the column of a table with one column per item of a
//! list (the decision matrix's criteria, the RACI's teams) after a leading one.

use super::Cell;

/// A fixed list of names, in the order the screen shows them.
pub trait Names: Copy + Eq + 'static {
    /// Every name, in shown order.
    const ALL: &'static [Self];

    /// The text shown for it: a table's title or a column's header.
    fn label(self) -> &'static str;

    /// The name at `index` in shown order.
    fn at(index: usize) -> Option<Self> {
        Self::ALL.get(index).copied()
    }

    /// Every name's text, in shown order: a table's headers.
    fn headers() -> Vec<String> {
        Self::ALL.iter().map(|n| n.label().to_string()).collect()
    }

    /// One cell per column, in column order: a row of a table with these columns.
    fn cells(cell: impl FnMut(Self) -> Cell) -> Vec<Cell> {
        Self::ALL.iter().copied().map(cell).collect()
    }
}

/// Declares an enum of names with their text, in shown order, and its [`Names`]; a name `as usize`
/// is its index in that order.
///
/// ```text
/// names! {
///     /// The columns of the tiers table.
///     enum TierColumn {
///         Tier => "Tier",
///         Capacity => "Capacity / instance",
///     }
/// }
/// ```
macro_rules! names {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident => $label:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $crate::workflow::worksheet_grid::names::Names for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }
    };
}
pub(super) use names;

/// A column of a table whose columns are a leading one and then one per item of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerItemColumn {
    Lead,
    /// The column of the list's item at this index.
    Item(usize),
}

impl PerItemColumn {
    /// Column `col` of such a table with `items` items, if there is one.
    pub fn at(col: usize, items: usize) -> Option<PerItemColumn> {
        match col {
            0 => Some(PerItemColumn::Lead),
            c if c <= items => Some(PerItemColumn::Item(c - 1)),
            _ => None,
        }
    }

    /// Every column of such a table with `items` items, in order.
    pub fn all(items: usize) -> impl Iterator<Item = PerItemColumn> {
        std::iter::once(PerItemColumn::Lead).chain((0..items).map(PerItemColumn::Item))
    }

    /// The headers: `lead`, then the items' names.
    pub fn headers(lead: &str, items: impl Iterator<Item = String>) -> Vec<String> {
        std::iter::once(lead.to_string()).chain(items).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    names! {
        enum Sample {
            First => "First header",
            Second => "Second header",
        }
    }

    #[test]
    fn names_read_back_from_their_index_and_give_their_headers() {
        for (i, n) in Sample::ALL.iter().enumerate() {
            assert_eq!(*n as usize, i);
            assert_eq!(Sample::at(i), Some(*n));
        }
        assert_eq!(Sample::at(2), None);
        assert_eq!(Sample::headers(), ["First header", "Second header"]);
        let row = Sample::cells(|n| Cell::text(n.label()));
        assert_eq!(row.len(), Sample::ALL.len());
    }

    #[test]
    fn per_item_columns_lead_then_one_per_item() {
        assert_eq!(PerItemColumn::at(0, 2), Some(PerItemColumn::Lead));
        assert_eq!(PerItemColumn::at(2, 2), Some(PerItemColumn::Item(1)));
        assert_eq!(PerItemColumn::at(3, 2), None);
        assert_eq!(PerItemColumn::all(2).count(), 3);
        let headers = PerItemColumn::headers("Activity", ["A".into(), "B".into()].into_iter());
        assert_eq!(headers, ["Activity", "A", "B"]);
    }
}
