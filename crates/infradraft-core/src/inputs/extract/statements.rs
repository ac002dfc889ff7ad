//! A document as a list of statements: each sentence of a paragraph, each list item, each table
//! row and each heading, with the line it starts on and the headings it sits under. This is the
//! unit the prose readers (requirements in sentences, compliance regimes, the force of facts,
//! conflicts between documents) work on, whatever the document's layout.
//!
//! A paragraph is cut into sentences, except a paragraph whose every line is a label and a value
//! (`Availability — 99.9 % per month`, `Budget: EUR 31K`), which is cut into its lines: that is a
//! list written without list markers.

use std::sync::LazyLock;

use regex::Regex;

use super::assumptions::sentences;
use super::blocks::{Block, BlockKind, Doc};

/// What a statement was in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Heading,
    Sentence,
    /// A line of a paragraph of label–value lines.
    LabelLine,
    Item,
    Row,
}

/// One statement of a document.
#[derive(Debug, Clone)]
pub(crate) struct Statement<'d> {
    pub text: String,
    /// 1-based line the statement starts on.
    pub line: u32,
    pub form: Form,
    /// The block it comes from (`None` for a heading).
    pub block: Option<&'d Block>,
    /// The texts of the headings it sits under, outermost first (for a heading: those above it).
    pub headings: Vec<&'d str>,
}

/// A line that starts with a short label and a separator: `Availability — 99.9 %`, `Budget: …`.
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[\p{L}\d][\w /&(),.'’-]{0,48}?\s*(?:—|–|:|\s-\s)\s*\S").expect("label pattern")
});

/// The source lines of a paragraph, as `(text, line)`.
fn source_lines(block: &Block) -> Vec<(String, u32)> {
    let mut starts: Vec<(usize, u32)> = Vec::new();
    for &(pos, line) in &block.spans {
        if starts.last().is_none_or(|&(_, l)| l != line) {
            starts.push((pos, line));
        }
    }
    starts
        .iter()
        .enumerate()
        .filter_map(|(i, &(pos, line))| {
            let end = starts.get(i + 1).map_or(block.text.len(), |&(p, _)| p);
            let text = block.text.get(pos..end)?.trim();
            (!text.is_empty()).then(|| (text.to_string(), line))
        })
        .collect()
}

/// The statements of a parsed document, in document order.
pub(crate) fn statements<'d>(doc: &'d Doc) -> Vec<Statement<'d>> {
    let mut out: Vec<Statement<'d>> = Vec::new();
    let heading_texts = |path: &[usize]| -> Vec<&'d str> {
        path.iter()
            .filter_map(|&i| doc.headings.get(i).map(|h| h.text.as_str()))
            .collect()
    };
    // Headings go in at their place among the blocks.
    let mut next_heading = 0;
    let mut above: Vec<usize> = Vec::new();
    let mut push_headings_before = |line: u32, out: &mut Vec<Statement<'d>>| {
        while let Some(h) = doc.headings.get(next_heading).filter(|h| h.line <= line) {
            while above
                .last()
                .is_some_and(|&i| doc.headings[i].level >= h.level)
            {
                above.pop();
            }
            out.push(Statement {
                text: h.text.clone(),
                line: h.line,
                form: Form::Heading,
                block: None,
                headings: heading_texts(&above),
            });
            above.push(next_heading);
            next_heading += 1;
        }
    };
    for block in &doc.blocks {
        push_headings_before(block.line, &mut out);
        let headings = heading_texts(&block.path);
        let mut push = |text: String, line: u32, form: Form| {
            out.push(Statement {
                text,
                line,
                form,
                block: Some(block),
                headings: headings.clone(),
            })
        };
        match &block.kind {
            BlockKind::Paragraph => {
                let lines = source_lines(block);
                if lines.len() >= 2 && lines.iter().all(|(l, _)| LABEL_LINE.is_match(l)) {
                    for (text, line) in lines {
                        push(text, line, Form::LabelLine);
                    }
                } else {
                    for (text, line) in sentences(block) {
                        push(text, line, Form::Sentence);
                    }
                }
            }
            BlockKind::Item { .. } => push(block.text.trim().to_string(), block.line, Form::Item),
            BlockKind::Row { cells, .. } => {
                let text = cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ");
                push(text, block.line, Form::Row)
            }
        }
    }
    push_headings_before(u32::MAX, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::blocks::parse;
    use super::*;

    fn forms(md: &str) -> Vec<(Form, String, u32, String)> {
        let doc = parse(md);
        statements(&doc)
            .into_iter()
            .map(|s| {
                let h = s
                    .headings
                    .last()
                    .map(|h| h.to_lowercase())
                    .unwrap_or_default();
                (s.form, s.text, s.line, h)
            })
            .collect()
    }

    #[test]
    fn sentences_items_rows_headings_and_label_lines() {
        let md = "# Title\n\n## Levels\n\nAvailability — 99.9 % per month\nBudget: EUR 31K per month\n\nFirst sentence here. Second one\nwraps. Third.\n\n- an item\n\n| A | B |\n|---|---|\n| x | y |\n";
        let got = forms(md);
        let expected = [
            (Form::Heading, "Title", 1, ""),
            (Form::Heading, "Levels", 3, "title"),
            (
                Form::LabelLine,
                "Availability — 99.9 % per month",
                5,
                "levels",
            ),
            (Form::LabelLine, "Budget: EUR 31K per month", 6, "levels"),
            (Form::Sentence, "First sentence here.", 8, "levels"),
            (Form::Sentence, "Second one wraps.", 8, "levels"),
            (Form::Sentence, "Third.", 9, "levels"),
            (Form::Item, "an item", 11, "levels"),
            (Form::Row, "x | y", 15, "levels"),
        ];
        assert_eq!(got.len(), expected.len(), "{got:#?}");
        for (g, e) in got.iter().zip(expected) {
            assert_eq!((g.0, g.1.as_str(), g.2, g.3.as_str()), e);
        }
    }
}
