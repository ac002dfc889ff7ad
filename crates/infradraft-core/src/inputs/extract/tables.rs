//! The table rows of the inputs with their headers, so that a statement read from a row can be
//! written with what each cell is (`**AWS account:** nsf-ferrybook-prod; **Region:** eu-north-1`)
//! rather than as bare cells joined by bars.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::blocks::{BlockKind, parse};
use crate::model::InputDocument;

/// A row: its line, its table's header cells and its own cells.
type Row = (u32, Vec<String>, Vec<String>);

/// The rows read so far, by the input's path, digest and length.
type RowCache = Mutex<HashMap<(String, String, usize), Arc<Vec<Row>>>>;

/// What identifies an input's text for a cache: its path, its digest (a hash of the text when it
/// has none, as in documents made in memory) and its length.
pub(super) fn input_key(input: &InputDocument) -> (String, String, usize) {
    let digest = if input.sha256.is_empty() {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        input.text.hash(&mut h);
        format!("{:016x}", h.finish())
    } else {
        input.sha256.clone()
    };
    (input.path.clone(), digest, input.text.len())
}

/// The rows of each input read so far, by path, digest and length; a few inputs at a time.
fn rows_of(input: &InputDocument) -> Arc<Vec<Row>> {
    static CACHE: OnceLock<RowCache> = OnceLock::new();
    const KEPT: usize = 32;
    let key = input_key(input);
    let cache = CACHE.get_or_init(Default::default);
    if let Some(rows) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return rows.clone();
    }
    let doc = parse(&input.text);
    let rows: Vec<Row> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Row { table, cells } => doc
                .tables
                .get(*table)
                .map(|header| (b.line, header.clone(), cells.clone())),
            _ => None,
        })
        .collect();
    let rows = Arc::new(rows);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if cache.len() >= KEPT {
        cache.clear();
    }
    cache.insert(key, rows.clone());
    rows
}

/// A cell's text as a value: empty for a dash or "n/a".
pub(super) fn value(cell: &str) -> &str {
    let t = cell.trim();
    if matches!(t, "" | "-" | "–" | "—" | "n/a" | "N/A") {
        ""
    } else {
        t
    }
}

/// The row of a table at `line` of `input`, written with its header: `**Header:** cell` for each
/// cell that says something, joined by `; `. `None` when no table row starts there, or its table
/// has no header for every cell.
pub fn labelled_row(input: &InputDocument, line: u32) -> Option<String> {
    let rows = rows_of(input);
    let (_, header, cells) = rows.iter().find(|(l, ..)| *l == line)?;
    if header.len() != cells.len() || header.iter().any(|h| h.trim().is_empty()) {
        return None;
    }
    let pairs: Vec<String> = header
        .iter()
        .zip(cells)
        .filter(|(_, c)| !value(c).is_empty())
        .map(|(h, c)| format!("**{}:** {}", h.trim(), value(c)))
        .collect();
    (!pairs.is_empty()).then(|| pairs.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_reads_with_its_header_and_without_its_empty_cells() {
        let input = InputDocument {
            kind: crate::model::InputKind::Other,
            path: "docs/stack.md".into(),
            sha256: String::new(),
            snapshot_at: jiff::Timestamp::UNIX_EPOCH,
            text: "| Environment | AWS account | Notes |\n|---|---|---|\n| production | acme-prod | – |\n| | x |\n\nNot a row.\n".into(),
        };
        assert_eq!(
            labelled_row(&input, 3).as_deref(),
            Some("**Environment:** production; **AWS account:** acme-prod")
        );
        assert_eq!(labelled_row(&input, 6), None);
        assert_eq!(labelled_row(&input, 1), None);
    }
}
