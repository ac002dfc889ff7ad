//! The computed results of a worksheet as deterministic Markdown (stored in the record's `results`
//! and appended to the section body when applied), and as a one-line summary for lists.
//!
//! Headings are level 4 (`#### Decision matrix`) because the text sits inside a section. Numbers:
//! money without a currency symbol, with thousands separators and cents only below 1,000;
//! percentages with the precision they need (`99.95%`, `99.9999%`); minutes with one decimal.

mod format;
mod markdown;
mod summary;

pub use format::{cell, fmt_fixed, fmt_minutes, fmt_money, fmt_number, fmt_percent, fmt_score};
pub use markdown::{heading, results_markdown};
pub use summary::{summary_line, summary_line_with};

#[cfg(test)]
mod tests;
