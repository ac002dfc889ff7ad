//! The YAML front matter of a decision record (MADR 3.x and 4.x, log4brains), read with
//! `saphyr` into the flat fields a record has.
//!
//! * The front matter must be one YAML mapping. Its keys are matched without regard to case,
//!   `-` and `_` (`decision-makers`, `decision_makers`, `Decision Makers`).
//! * A value is a string (`status: accepted`), a number or date as written (`date: 2024-03-01`),
//!   or a list (`[a, b]` or `- item` lines), whose items are strings. A string holding several
//!   names is split at commas when read as people (see [`FrontMatter::names`]).
//! * Anything else (a nested mapping, an anchor, a tag) under a known key is an error naming its
//!   line; unknown keys are kept but never read. YAML that does not parse is an error with the
//!   line where the parser stopped.

use saphyr::{LoadableYamlNode, Scalar, Yaml};

/// The most front matter read: a record's metadata is a few lines.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// A front matter value: one line of text or a list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

/// The keys and values of a front matter, in the order written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    entries: Vec<(String, Value)>,
}

/// Why a front matter could not be read: the line (within the front matter, from 1) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

/// `decision-makers` → `decisionmakers`: how keys are compared.
fn key_of(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

fn scalar_text(s: &Scalar<'_>) -> Option<String> {
    Some(match s {
        Scalar::Null => String::new(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Integer(i) => i.to_string(),
        Scalar::FloatingPoint(f) => f.to_string(),
        Scalar::String(s) => s.to_string(),
    })
}

fn text_of(node: &Yaml<'_>) -> Option<String> {
    match node {
        Yaml::Value(s) => scalar_text(s),
        Yaml::Representation(raw, _, _) => Some(raw.to_string()),
        _ => None,
    }
}

impl FrontMatter {
    /// Reads the YAML text between the `---` lines.
    pub fn parse(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
        if yaml.len() > MAX_FRONT_MATTER_BYTES {
            return Err(FrontMatterError {
                line: 1,
                message: format!("the front matter is larger than {MAX_FRONT_MATTER_BYTES} bytes"),
            });
        }
        // The parser may notice a missing end only past the last line: the line named is at
        // most the front matter's last.
        let last_line = yaml.lines().count().max(1);
        let docs = Yaml::load_from_str(yaml).map_err(|e| FrontMatterError {
            line: e.marker().line().clamp(1, last_line),
            message: format!("front matter is not YAML: {}", e.info()),
        })?;
        let mut out = FrontMatter::default();
        let Some(doc) = docs.first() else {
            return Ok(out);
        };
        let map = match doc {
            Yaml::Mapping(map) => map,
            Yaml::Value(Scalar::Null) => return Ok(out),
            _ => {
                return Err(FrontMatterError {
                    line: 1,
                    message: "the front matter is not a list of `key: value` lines".into(),
                });
            }
        };
        for (k, v) in map {
            let Some(key) = text_of(k) else {
                return Err(FrontMatterError {
                    line: line_of_key(yaml, ""),
                    message: "a front matter key is not text".into(),
                });
            };
            let value = match v {
                Yaml::Sequence(items) => {
                    let mut list = Vec::new();
                    for item in items {
                        match text_of(item) {
                            Some(t) => list.push(t),
                            None => {
                                return Err(FrontMatterError {
                                    line: line_of_key(yaml, &key),
                                    message: format!(
                                        "`{key}`: a list item is not text (nested lists and mappings are not read)"
                                    ),
                                });
                            }
                        }
                    }
                    Value::List(list)
                }
                other => match text_of(other) {
                    Some(t) => Value::Text(t),
                    None => {
                        return Err(FrontMatterError {
                            line: line_of_key(yaml, &key),
                            message: format!("`{key}` is neither text nor a list of text"),
                        });
                    }
                },
            };
            out.entries.push((key, value));
        }
        Ok(out)
    }

    /// The value of `key` (compared without case, `-`, `_` or spaces).
    pub fn get(&self, key: &str) -> Option<&Value> {
        let want = key_of(key);
        self.entries
            .iter()
            .find(|(k, _)| key_of(k) == want)
            .map(|(_, v)| v)
    }

    /// The value of `key` as one line (a list's items joined by `, `), trimmed; `None` when
    /// absent or blank.
    pub fn text(&self, key: &str) -> Option<String> {
        let t = match self.get(key)? {
            Value::Text(t) => t.trim().to_string(),
            Value::List(items) => items.join(", ").trim().to_string(),
        };
        (!t.is_empty()).then_some(t)
    }

    /// The names under `key`: a list's items, or a text split at commas; trimmed, blanks dropped.
    pub fn names(&self, key: &str) -> Vec<String> {
        let items: Vec<String> = match self.get(key) {
            None => return Vec::new(),
            Some(Value::Text(t)) => t.split(',').map(str::to_string).collect(),
            Some(Value::List(l)) => l.clone(),
        };
        items
            .into_iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether any of `keys` is present.
    pub fn has_any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.get(k).is_some())
    }
}

/// The line (from 1) of the front matter where `key:` starts, else 1.
fn line_of_key(yaml: &str, key: &str) -> usize {
    if key.is_empty() {
        return 1;
    }
    yaml.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn madr4_front_matter_is_read() {
        let fm = FrontMatter::parse(
            "status: superseded by ADR-0009\ndate: 2024-03-01\ndecision-makers: \"Ada, Grace\"\nconsulted: [Platform team, SRE]\ninformed:\n  - Ops\n  - Finance\n",
        )
        .unwrap();
        assert_eq!(fm.text("status").as_deref(), Some("superseded by ADR-0009"));
        assert_eq!(fm.text("Date").as_deref(), Some("2024-03-01"));
        assert_eq!(fm.names("decision_makers"), ["Ada", "Grace"]);
        assert_eq!(fm.names("consulted"), ["Platform team", "SRE"]);
        assert_eq!(fm.names("informed"), ["Ops", "Finance"]);
        assert!(fm.names("deciders").is_empty());
        assert_eq!(fm.text("informed").as_deref(), Some("Ops, Finance"));
    }

    #[test]
    fn empty_and_blank_values() {
        let fm = FrontMatter::parse("informed: \"\"\nconsulted:\n").unwrap();
        assert!(fm.names("informed").is_empty());
        assert_eq!(fm.text("consulted"), None);
        assert!(FrontMatter::parse("").unwrap().is_empty());
    }

    #[test]
    fn bad_yaml_and_shapes_name_their_line() {
        let e = FrontMatter::parse("status: accepted\ndate: [2024\n").unwrap_err();
        assert!(e.message.starts_with("front matter is not YAML"), "{e:?}");
        assert_eq!(e.line, 2, "{e:?}");
        let e = FrontMatter::parse("status: accepted\ndeciders:\n  lead: Ada\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("deciders"), "{e:?}");
        let e = FrontMatter::parse("- a\n- b\n").unwrap_err();
        assert!(e.message.contains("key: value"), "{e:?}");
        let big = format!("x: \"{}\"", "a".repeat(MAX_FRONT_MATTER_BYTES));
        assert!(FrontMatter::parse(&big).is_err());
    }
}
