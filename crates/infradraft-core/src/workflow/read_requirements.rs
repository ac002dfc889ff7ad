//! The requirements and facts of a document infradraft exported, read back from its
//! *Requirements* part when it is imported: the requirements table (id, category, text and source),
//! the technical assumptions and the constraints stated in the inputs. They replace what reading
//! the document as a new input would find, which would take every statement the document cites,
//! and every option it describes, for a requirement or a fact of its own; and since the document
//! is one input, the conflicts found "between" its parts are dropped too.

use crate::inputs::extract::{tag_topic, tags_in};
use crate::model::{
    Assumption, AssumptionTopic, Modality, Requirement, RequirementCategory, RequirementOrigin,
    Session, SourceRef,
};

/// How many requirements and facts were read back.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReadBack {
    pub requirements: usize,
    pub facts: usize,
}

/// The cells of a Markdown table row, with `\|` read as `|`; `None` for a line that is not a row.
fn cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    out.push(cell.trim().to_string());
    Some(out)
}

/// `prd.md:74` → its source; `–` or anything else → `None`.
fn source(text: &str) -> Option<SourceRef> {
    let (input, line) = text.trim().rsplit_once(':')?;
    let line: u32 = line.parse().ok().filter(|l| *l > 0)?;
    (!input.is_empty() && !input.contains(' ')).then(|| SourceRef {
        input: input.to_string(),
        line,
    })
}

fn category(name: &str) -> Option<RequirementCategory> {
    RequirementCategory::ALL
        .into_iter()
        .find(|c| format!("{c:?}") == name.trim() || c.label() == name.trim())
}

/// `text (prd.md:74)` or `text (prd.md:74; ruled out)` → the text, the source and the force.
fn statement(item: &str) -> (String, Option<SourceRef>, Option<&str>) {
    let item = item.trim();
    if let Some(open) = item.rfind(" (")
        && item.ends_with(')')
    {
        let inner = &item[open + 2..item.len() - 1];
        let (at, force) = match inner.split_once("; ") {
            Some((at, force)) => (at, Some(force)),
            None => (inner, None),
        };
        if let Some(src) = source(at) {
            return (item[..open].trim().to_string(), Some(src), force);
        }
    }
    (item.to_string(), None, None)
}

fn fact(
    text: String,
    source: Option<SourceRef>,
    modality: Modality,
    incidental: bool,
) -> Assumption {
    let tags: Vec<String> = tags_in(&text);
    let topic = tags
        .iter()
        .find_map(|t| tag_topic(t))
        .unwrap_or(AssumptionTopic::Other);
    Assumption {
        topic,
        text,
        tags,
        source,
        modality,
        incidental,
    }
}

/// Reads the *Requirements* part of `document` into `s`, replacing its requirements and facts;
/// `None` (and `s` unchanged) when the document has no such part, or its table holds no row.
pub fn restore_requirements(s: &mut Session, document: &str) -> Option<ReadBack> {
    let head = format!(
        "\n## {}\n",
        crate::workflow::document_shape::REQUIREMENTS_TITLE
    );
    let start = document.find(&head)? + head.len();
    let part = &document[start..];
    let part = &part[..part.find("\n## ").unwrap_or(part.len())];
    let mut requirements: Vec<Requirement> = Vec::new();
    let mut facts: Vec<Assumption> = Vec::new();
    let mut under = "";
    for line in part.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("### ") {
            under = h.trim();
            continue;
        }
        if under.is_empty() {
            let Some(row) = cells(t) else { continue };
            let [id, cat, text, src] = row.as_slice() else {
                continue;
            };
            let Some(category) = category(cat) else {
                continue;
            };
            if id.is_empty() || text.is_empty() {
                continue;
            }
            requirements.push(Requirement {
                id: id.clone(),
                category,
                text: text.clone(),
                origin: RequirementOrigin::Extracted,
                source: source(src),
            });
        } else if let Some(item) = t.strip_prefix("- ") {
            let (text, src, force) = statement(item);
            match under {
                "Technical assumptions" => {
                    facts.push(fact(text, src, Modality::Statement, false));
                }
                "Constraints stated in the inputs" => {
                    let modality = match force {
                        Some("required") => Modality::Mandate,
                        Some("ruled out") => Modality::Prohibition,
                        Some("preferred") => Modality::Preference,
                        _ => continue,
                    };
                    facts.push(fact(text, src, modality, true));
                }
                _ => {}
            }
        }
    }
    if requirements.is_empty() {
        return None;
    }
    let read = ReadBack {
        requirements: requirements.len(),
        facts: facts.len(),
    };
    s.requirements = requirements;
    s.assumptions = facts;
    // What reading the document as one input found at odds within it is the document agreeing
    // with itself in different words, not a conflict between the project's inputs.
    s.input_conflicts.clear();
    Some(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_escaped_bars_and_statements_with_their_force_are_read() {
        let doc = "# T\n\n## Requirements\n\n| ID | Category | Requirement | Source |\n|---|---|---|---|\n| NFR4 | Recovery | RPO 15 minutes \\| RTO 1 hour. | prd.md:74 |\n| REQ-2 | Other | Written by hand. | – |\n| bad | Nonsense | x | – |\n\nCompliance regimes in scope: GDPR.\n\n### Technical assumptions\n\n- Terraform on AWS (prd.md:120)\n\n### Constraints stated in the inputs\n\n- No self-managed Kubernetes (guidelines.md:12; ruled out)\n- Mentioned (x.md:3; nonsense)\n\n## Infrastructure Overview\n\n| A | Security | not a requirement | x.md:1 |\n";
        let mut s = Session::empty("T", "P", jiff::Timestamp::UNIX_EPOCH);
        let read = restore_requirements(&mut s, doc).unwrap();
        assert_eq!(
            read,
            ReadBack {
                requirements: 2,
                facts: 2
            }
        );
        let r = &s.requirements[0];
        assert_eq!(
            (r.id.as_str(), r.category),
            ("NFR4", RequirementCategory::Recovery)
        );
        assert_eq!(r.text, "RPO 15 minutes | RTO 1 hour.");
        assert_eq!(r.source.as_ref().unwrap().short(), "prd.md:74");
        assert_eq!(s.requirements[1].source, None);
        let f = &s.assumptions[0];
        assert_eq!(f.text, "Terraform on AWS");
        assert!(f.tags.contains(&"terraform".to_string()), "{:?}", f.tags);
        assert_eq!(f.modality, Modality::Statement);
        let c = &s.assumptions[1];
        assert_eq!(c.modality, Modality::Prohibition);
        assert!(c.incidental);
        assert_eq!(c.source.as_ref().unwrap().short(), "guidelines.md:12");
        // A document without the part leaves the session as it was.
        let mut t = Session::empty("T", "P", jiff::Timestamp::UNIX_EPOCH);
        assert_eq!(
            restore_requirements(&mut t, "# T\n\n## Overview\n\ntext\n"),
            None
        );
    }
}
