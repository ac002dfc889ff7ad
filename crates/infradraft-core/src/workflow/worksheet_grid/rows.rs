//! Adding and removing a row of a table that is one list of the worksheet.

use super::error::CellError;

/// Inserts `item` after row `after` (at the end without one, or when `after` is past it) and
/// returns its index.
pub(super) fn insert_after<T>(list: &mut Vec<T>, after: Option<usize>, item: T) -> usize {
    let at = after.map_or(list.len(), |a| (a + 1).min(list.len()));
    list.insert(at, item);
    at
}

/// Removes row `row`; [`CellError::NoSuchRow`] when there is none.
pub(super) fn remove_at<T>(list: &mut Vec<T>, row: usize) -> Result<T, CellError> {
    if row >= list.len() {
        return Err(CellError::NoSuchRow);
    }
    Ok(list.remove(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_go_after_the_given_one_or_at_the_end() {
        let mut v = vec![1, 2, 3];
        assert_eq!(insert_after(&mut v, Some(0), 9), 1);
        assert_eq!(insert_after(&mut v, None, 8), 4);
        assert_eq!(insert_after(&mut v, Some(99), 7), 5);
        assert_eq!(v, [1, 9, 2, 3, 8, 7]);
        assert_eq!(remove_at(&mut v, 1), Ok(9));
        assert_eq!(remove_at(&mut v, 5), Err(CellError::NoSuchRow));
    }
}
