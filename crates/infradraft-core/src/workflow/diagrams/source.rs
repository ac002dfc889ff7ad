//! Writing Mermaid source: a generated source with its marker and fingerprint, comments, node
//! shapes, and the supporting services a diagram shows beside its main path.

use super::context::*;
use super::{FINGERPRINT, MARKER, fingerprint, label};

/// Builds a Mermaid source: marker, fingerprint, provenance comments, header, indented body.
pub(super) struct Source {
    pub(super) body: String,
    pub(super) depth: usize,
}

impl Source {
    pub(super) fn new(header: &str, provenance: &[String]) -> Source {
        let mut body = String::new();
        for p in provenance {
            body.push_str("%% ");
            body.push_str(&comment(p));
            body.push('\n');
        }
        body.push_str(header);
        body.push('\n');
        Source { body, depth: 1 }
    }

    pub(super) fn line(&mut self, text: impl AsRef<str>) {
        for _ in 0..self.depth {
            self.body.push_str("    ");
        }
        self.body.push_str(text.as_ref());
        self.body.push('\n');
    }

    pub(super) fn open(&mut self, id: &str, title: &str) {
        self.line(format!("subgraph {id} [{}]", label(title)));
        self.depth += 1;
    }

    pub(super) fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1).max(1);
        self.line("end");
    }

    /// A node: `id` + `shape` opening + label + the matching closing.
    pub(super) fn node(&mut self, id: &str, shape: Shape, text: &str) {
        let (open, close) = shape.brackets();
        self.line(format!("{id}{open}{}{close}", label(text)));
    }

    pub(super) fn edge(&mut self, from: &str, arrow: &str, to: &str, text: Option<&str>) {
        match text {
            Some(t) => self.line(format!("{from} {arrow}|{}| {to}", label(t))),
            None => self.line(format!("{from} {arrow} {to}")),
        }
    }

    pub(super) fn finish(self) -> String {
        format!(
            "{MARKER}\n{FINGERPRINT}{}\n{}",
            fingerprint(&self.body),
            self.body
        )
    }
}

/// Text for a `%%` comment: one line, no `;` (some renderers split statements on it).
pub(super) fn comment(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace(';', ",")
}

#[derive(Clone, Copy)]
pub(super) enum Shape {
    Box,
    Round,
    Stadium,
    Database,
    Queue,
    Decision,
    Hexagon,
}

impl Shape {
    pub(super) fn brackets(self) -> (&'static str, &'static str) {
        match self {
            Shape::Box => ("[", "]"),
            Shape::Round => ("(", ")"),
            Shape::Stadium => ("([", "])"),
            Shape::Database => ("[(", ")]"),
            Shape::Queue => ("[[", "]]"),
            Shape::Decision => ("{", "}"),
            Shape::Hexagon => ("{{", "}}"),
        }
    }
}

/// A supporting store: its label when the data choice or the inputs name one of `kinds`.
pub(super) fn supporting(cx: &Context, kinds: &[(String, String)], what: &str) -> Option<String> {
    // The data section's decisions: the primary database, the cache, messaging, object storage.
    for d in [&cx.data, &cx.cache, &cx.messaging, &cx.objects]
        .into_iter()
        .flatten()
    {
        if kinds.iter().any(|(t, _)| d.has(t)) {
            return Some(format!("{what}: {}", d.name()));
        }
    }
    kinds
        .iter()
        .find(|(t, _)| cx.data_facts.contains(t))
        .map(|(_, name)| format!("{what}: {name}, from the inputs"))
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
