//! What the inputs say about each of the project's environments, for the document's
//! per-environment blocks: the rows of tables about environments (one row per environment, or one
//! column per environment), and list items led by an environment's name (`- **staging**: …`). The
//! names are those of `assets/extraction/environments.ron`.
//!
//! A table counts when at least two of its rows (or header cells) name different environments, and
//! list items count when a document leads at least two with different environments, so that a
//! table of test types whose first row is "Integration" is not taken for a list of environments.

use super::blocks::{BlockKind, parse};
use super::tables::value;
use crate::knowledge::extraction::extraction;
use crate::model::{InputDocument, SourceRef};

/// One environment and what the inputs say about it, each statement with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvironmentFacts {
    /// The kind's name (`production`).
    pub name: String,
    /// How the inputs first write it (`prod`), when that is not the name.
    pub written: Option<String>,
    /// `Account: nsf-ferrybook-prod; Region: eu-north-1`, with where it was read.
    pub facts: Vec<(String, SourceRef)>,
}

/// Every environment the inputs say something about, in the order of the environments file.
/// The document asks for these more than once per showing (its blocks, then its open questions),
/// so the last inputs' answer is kept, by each input's path, digest and length.
pub fn environments(inputs: &[InputDocument]) -> Vec<EnvironmentFacts> {
    type Key = Vec<(String, String, usize)>;
    static LAST: std::sync::Mutex<Option<(Key, Vec<EnvironmentFacts>)>> =
        std::sync::Mutex::new(None);
    let key: Key = inputs.iter().map(super::tables::input_key).collect();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, found)) = last.as_ref()
        && *k == key
    {
        return found.clone();
    }
    let found = read_environments(inputs);
    *last = Some((key, found.clone()));
    found
}

fn read_environments(inputs: &[InputDocument]) -> Vec<EnvironmentFacts> {
    let known = &extraction().environments;
    // (kind, written, fact, source, from running text), in reading order.
    let mut found: Vec<(usize, String, String, SourceRef, bool)> = Vec::new();
    for input in inputs {
        let doc = parse(&input.text);
        let at = |line: u32| SourceRef {
            input: input.path.clone(),
            line,
        };
        // Tables: one row per environment, or one column per environment.
        for (table, header) in doc.tables.iter().enumerate() {
            let rows: Vec<(&Vec<String>, u32)> = doc
                .blocks
                .iter()
                .filter_map(|b| match &b.kind {
                    BlockKind::Row { table: t, cells } if *t == table => Some((cells, b.line)),
                    _ => None,
                })
                .collect();
            let by_row: Vec<Option<usize>> = rows
                .iter()
                .map(|(cells, _)| cells.first().and_then(|c| known.named_by(c)))
                .collect();
            let by_column: Vec<Option<usize>> = header.iter().map(|c| known.named_by(c)).collect();
            if distinct(&by_row) >= 2 {
                for ((cells, line), kind) in rows.iter().zip(&by_row) {
                    let Some(kind) = kind else { continue };
                    let pairs: Vec<String> = cells
                        .iter()
                        .enumerate()
                        .skip(1)
                        .filter(|(_, c)| !value(c).is_empty())
                        .map(|(i, c)| match header.get(i).map(|h| h.trim()) {
                            Some(h) if !h.is_empty() => format!("**{h}:** {}", value(c)),
                            _ => value(c).to_string(),
                        })
                        .collect();
                    if !pairs.is_empty() {
                        found.push((*kind, cells[0].clone(), pairs.join("; "), at(*line), false));
                    }
                }
            } else if distinct(&by_column[1.min(by_column.len())..]) >= 2 {
                for (cells, line) in &rows {
                    let field = cells.first().map(|c| c.trim()).unwrap_or_default();
                    for (j, kind) in by_column.iter().enumerate().skip(1) {
                        let (Some(kind), Some(cell)) = (kind, cells.get(j)) else {
                            continue;
                        };
                        if value(cell).is_empty() {
                            continue;
                        }
                        let fact = if field.is_empty() {
                            value(cell).to_string()
                        } else {
                            format!("**{field}:** {}", value(cell))
                        };
                        found.push((*kind, header[j].clone(), fact, at(*line), false));
                    }
                }
            }
        }
        // List items led by an environment's name.
        let items: Vec<(usize, String, String, u32)> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
            .filter_map(|b| {
                let (lead, rest) = match &b.lead {
                    Some(lead) => (lead.clone(), b.text.get(lead.len()..).unwrap_or("")),
                    None => {
                        let (lead, rest) = b.text.split_once(':')?;
                        (lead.to_string(), rest)
                    }
                };
                let kind = known.named_by(&lead)?;
                let rest = rest
                    .trim_start_matches(|c: char| {
                        c.is_whitespace() || matches!(c, ':' | '—' | '–' | '-')
                    })
                    .trim();
                (!rest.is_empty())
                    .then(|| (kind, lead.trim().to_string(), rest.to_string(), b.line))
            })
            .collect();
        let kinds: Vec<Option<usize>> = items.iter().map(|(k, ..)| Some(*k)).collect();
        let led = distinct(&kinds) >= 2;
        if led {
            for (kind, lead, rest, line) in &items {
                found.push((*kind, lead.clone(), rest.clone(), at(*line), false));
            }
        }
        // Sentences that name one or two environments in running text ("Rehearsed once in staging
        // in August"); a sentence that names more lists environments rather than describing one.
        for b in &doc.blocks {
            if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Item { .. }) {
                continue;
            }
            if led && items.iter().any(|(.., line)| *line == b.line) {
                continue;
            }
            for (sentence, line) in super::assumptions::sentences(b) {
                let named = known.named_in(&sentence);
                if named.is_empty() || named.len() > 2 {
                    continue;
                }
                for kind in named {
                    if found.iter().filter(|f| f.0 == kind && f.4).count() < MOST_FROM_TEXT {
                        found.push((kind, String::new(), sentence.clone(), at(line), true));
                    }
                }
            }
        }
    }
    let mut out: Vec<EnvironmentFacts> = Vec::new();
    for (k, kind) in known.kinds.iter().enumerate() {
        let mine: Vec<&(usize, String, String, SourceRef, bool)> =
            found.iter().filter(|f| f.0 == k).collect();
        if mine.is_empty() {
            continue;
        }
        let written = mine
            .iter()
            .find(|f| !f.4)
            .map_or("", |f| f.1.as_str())
            .trim_matches(|c: char| matches!(c, '*' | '_' | '`') || c.is_whitespace())
            .to_string();
        let mut facts: Vec<(String, SourceRef)> = Vec::new();
        for (_, _, fact, source, _) in mine {
            if !facts.iter().any(|(f, _)| f == fact) {
                facts.push((fact.clone(), source.clone()));
            }
        }
        out.push(EnvironmentFacts {
            name: kind.name.clone(),
            written: (!written.is_empty() && !written.eq_ignore_ascii_case(&kind.name))
                .then_some(written),
            facts,
        });
    }
    out
}

/// At most this many sentences of running text are gathered per environment.
const MOST_FROM_TEXT: usize = 6;

/// How many different environments `kinds` names.
fn distinct(kinds: &[Option<usize>]) -> usize {
    let mut seen: Vec<usize> = kinds.iter().flatten().copied().collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str, text: &str) -> InputDocument {
        InputDocument {
            kind: crate::model::InputKind::Other,
            path: path.into(),
            sha256: String::new(),
            snapshot_at: jiff::Timestamp::UNIX_EPOCH,
            text: text.into(),
        }
    }

    #[test]
    fn rows_columns_and_list_items_about_environments_are_gathered_per_environment() {
        let stack = input(
            "docs/tech-stack.md",
            "# Environments\n\n| Environment | Account | Region | Size |\n|---|---|---|---|\n| dev | acme-dev | eu-west-1 | 1 task |\n| **Production** (live) | acme-prod | eu-west-1, DR in eu-central-1 | 3 to 30 tasks |\n| staging | acme-stg | eu-west-1 | – |\n\nRestores are rehearsed in staging every quarter. One account each for the dev environment, staging and prod.\n",
        );
        let guide = input(
            "docs/guidelines.md",
            "## Access\n\n| Setting | Dev | Prod |\n|---|---|---|\n| Access | developers | break-glass only |\n| Backups | none | hourly |\n\n- **Staging**: mirrors production at a tenth of its size.\n- Prod: changes only through the pipeline.\n",
        );
        let found = environments(&[stack, guide]);
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["development", "staging", "production"]);
        let dev = &found[0];
        assert_eq!(dev.written.as_deref(), Some("dev"));
        assert_eq!(
            dev.facts[0].0,
            "**Account:** acme-dev; **Region:** eu-west-1; **Size:** 1 task"
        );
        assert_eq!(dev.facts[0].1.short(), "tech-stack.md:5");
        assert_eq!(dev.facts[1].0, "**Access:** developers");
        // "none" is something to say; a dash is not.
        assert_eq!(dev.facts[2].0, "**Backups:** none");
        let prod = &found[2];
        assert!(
            prod.facts
                .iter()
                .any(|(f, s)| f == "changes only through the pipeline."
                    && s.short() == "guidelines.md:9")
        );
        // A dash is no value: staging's row says nothing about its size.
        let staging = &found[1];
        assert_eq!(
            staging.facts[0].0,
            "**Account:** acme-stg; **Region:** eu-west-1"
        );
        // A sentence of running text that names it; one that names three environments lists them.
        assert_eq!(
            staging.facts[1].0,
            "Restores are rehearsed in staging every quarter."
        );
        assert_eq!(staging.facts[1].1.short(), "tech-stack.md:9");
        assert_eq!(
            staging.facts[2].0,
            "mirrors production at a tenth of its size."
        );
        assert!(found.iter().all(|e| {
            e.facts
                .iter()
                .all(|(f, _)| !f.starts_with("One account each"))
        }));
    }

    #[test]
    fn a_table_with_one_environment_word_is_not_about_environments() {
        let tests = input(
            "docs/testing.md",
            "| Kind | Tool |\n|---|---|\n| Integration | Testcontainers |\n| Unit | cargo test |\n\n- Live: the site is live.\n",
        );
        assert!(environments(&[tests]).is_empty());
    }
}
