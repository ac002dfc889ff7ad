//! The per-environment blocks of the document: one heading per environment the inputs describe,
//! each with what they say about it and where (see [`crate::inputs::extract::environments`]).
//! Where the inputs describe none, an open question.

use std::fmt::Write as _;

use crate::inputs::extract::environments;
use crate::model::Session;
use crate::workflow::subsections::OPEN_QUESTION;

/// The blocks as Markdown.
pub fn markdown(s: &Session) -> String {
    let found = environments(&s.inputs);
    if found.is_empty() {
        return format!(
            "{OPEN_QUESTION} Which environments does the project have, and how does each differ \
             from production (account, region, size, data, access)? The inputs describe none, and \
             every environment needs its own settings, owners and costs.\n"
        );
    }
    let mut out = String::new();
    for e in found {
        let mut name = e.name.clone();
        if let Some(first) = name.get(..1) {
            name = format!("{}{}", first.to_uppercase(), &name[1..]);
        }
        match &e.written {
            Some(w) => {
                let _ = writeln!(out, "#### {name} ({})\n", crate::text::sanitize_line(w));
            }
            None => {
                let _ = writeln!(out, "#### {name}\n");
            }
        }
        for (fact, source) in &e.facts {
            let _ = writeln!(
                out,
                "- {} ({})",
                crate::text::sanitize_line(fact).trim_end_matches('.'),
                source.short()
            );
        }
        out.push('\n');
    }
    out
}
