//! Reading what the person typed into a cell: numbers in the forms people write them (`1,200`,
//! `1_200`, `65%`), checked against what the field allows, and text made safe for one line. Each
//! reader names the field in its [`CellError`].

use super::error::{Allowed, CellError};

/// A finite number; thousands separators (`,` `_`) and a trailing `%` are ignored.
pub(super) fn number(value: &str, field: &'static str) -> Result<f64, CellError> {
    let v = value.trim().replace([',', '_'], "");
    let v = v.trim_end_matches('%');
    match v.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(CellError::NotANumber {
            field,
            value: value.to_string(),
        }),
    }
}

/// A number of zero or more.
pub(super) fn non_negative(value: &str, field: &'static str) -> Result<f64, CellError> {
    let n = number(value, field)?;
    if n < 0.0 {
        return Err(out_of_range(field, Allowed::NonNegative));
    }
    Ok(n)
}

/// Whole minutes (rounded), or none when the cell is blank.
pub(super) fn optional_minutes(value: &str, field: &'static str) -> Result<Option<u32>, CellError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    let n = non_negative(value, field)?;
    if n > u32::MAX as f64 {
        return Err(out_of_range(field, Allowed::FitsU32));
    }
    Ok(Some(n.round() as u32))
}

/// A whole number from `min` to `max`.
pub(super) fn whole(
    value: &str,
    field: &'static str,
    min: u32,
    max: u32,
) -> Result<u32, CellError> {
    let n = number(value, field)?;
    if n.fract() != 0.0 || n < min as f64 || n > max as f64 {
        return Err(out_of_range(field, Allowed::Whole { min, max }));
    }
    Ok(n as u32)
}

/// A percentage from 0 to 100, as a fraction (0.0–1.0).
pub(super) fn percent_fraction(value: &str, field: &'static str) -> Result<f64, CellError> {
    let n = number(value, field)?;
    if !(0.0..=100.0).contains(&n) {
        return Err(out_of_range(field, Allowed::Percent));
    }
    Ok(n / 100.0)
}

/// An availability in percent: above 0, at most 100.
pub(super) fn availability(value: &str, field: &'static str) -> Result<f64, CellError> {
    let n = number(value, field)?;
    if n <= 0.0 || n > 100.0 {
        return Err(out_of_range(field, Allowed::Availability));
    }
    Ok(n)
}

/// Text as a cell stores it: trimmed, on one line, control characters made visible.
pub(super) fn text(value: &str) -> String {
    crate::text::sanitize_line(value.trim()).into_owned()
}

/// Whether nothing but blanks was typed.
pub(super) fn is_blank(value: &str) -> bool {
    value.trim().is_empty()
}

fn out_of_range(field: &'static str, allowed: Allowed) -> CellError {
    CellError::OutOfRange { field, allowed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_write_them() {
        assert_eq!(number(" 1,200 ", "x"), Ok(1200.0));
        assert_eq!(number("1_200", "x"), Ok(1200.0));
        assert_eq!(number("65%", "x"), Ok(65.0));
        assert!(matches!(
            number("inf", "x"),
            Err(CellError::NotANumber { field: "x", .. })
        ));
        assert_eq!(percent_fraction("65", "x"), Ok(0.65));
        assert_eq!(optional_minutes(" ", "x"), Ok(None));
        assert_eq!(optional_minutes("14.6", "x"), Ok(Some(15)));
        assert_eq!(
            optional_minutes("1e12", "x"),
            Err(out_of_range("x", Allowed::FitsU32))
        );
        assert_eq!(
            whole("2.5", "x", 0, 600),
            Err(out_of_range("x", Allowed::Whole { min: 0, max: 600 }))
        );
        assert_eq!(
            availability("0", "x"),
            Err(out_of_range("x", Allowed::Availability))
        );
        assert_eq!(
            non_negative("-1", "x"),
            Err(out_of_range("x", Allowed::NonNegative))
        );
    }

    #[test]
    fn text_is_trimmed_onto_one_line() {
        assert_eq!(text("  a\tb  "), crate::text::sanitize_line("a\tb"));
        assert!(is_blank(" \t"));
        assert!(!is_blank(" a "));
    }
}
