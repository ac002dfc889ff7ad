//! One MADR 4.0 architecture decision record per decided component: front matter (status, date,
//! decision makers), context and problem, considered options, the outcome with its consequences,
//! and the pros and cons of every option.

use std::fmt::Write as _;

use crate::model::{ComponentDesign, Session};

/// `0001-compute-resources.md`: numbered in template order among the decided components.
///
/// The name is made only of `[a-z0-9-]` and `.md`, whatever the id: a session's ids are checked
/// when it is loaded, and this is the second line of defence. Anything else in the id (a `/`, a
/// `.`, a letter outside a–z) becomes a hyphen, and the name part is at most
/// [`MAX_NAME_CHARS`] long, so the file always stays in the directory it is written to.
pub fn adr_file_name(number: usize, component: &str) -> String {
    let mut slug = String::new();
    for c in component.chars().flat_map(char::to_lowercase) {
        if slug.len() >= MAX_NAME_CHARS {
            break;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if let Some(plain) = latin_letter(c) {
            slug.push_str(plain);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(MAX_NAME_CHARS);
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "decision" } else { slug };
    format!("{number:04}-{slug}.md")
}

/// The plain letters for the common accented Latin ones (`ö` → `o`, `ß` → `ss`), so that an
/// imported `Große Ölfelder` gives `grosse-olfelder`.
fn latin_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' => "s",
        'ß' => "ss",
        'ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The longest name part of a decision record's file name.
pub const MAX_NAME_CHARS: usize = 100;

fn one_line(text: &str) -> String {
    crate::text::sanitize_line(text.trim()).into_owned()
}

fn record(s: &Session, title: &str, c: &ComponentDesign) -> Option<String> {
    let d = c.decision.as_ref()?;
    let chosen = c.option(&d.option)?;
    let mut out = String::new();
    out.push_str("---\nstatus: accepted\n");
    let _ = writeln!(out, "date: {}", d.decided_at.strftime("%Y-%m-%d"));
    if !s.meta.authors.is_empty() {
        let _ = writeln!(
            out,
            "decision-makers: {}",
            one_line(&s.meta.authors.join(", "))
        );
    }
    out.push_str("---\n\n");
    let _ = writeln!(out, "# {}: {}\n", one_line(title), one_line(&chosen.name));
    out.push_str("## Context and Problem Statement\n\n");
    let _ = writeln!(
        out,
        "{} needs a decision on {}. {}\n",
        one_line(&s.meta.project),
        one_line(title).to_lowercase(),
        one_line(&c.purpose)
    );
    if let Some(r) = &c.recommendation {
        let name = c.option(&r.option).map_or(r.option.as_str(), |o| &o.name);
        let _ = writeln!(
            out,
            "The recommendation was {} ({}).\n",
            one_line(name),
            one_line(&r.rationale).trim_end_matches('.')
        );
    }
    let options = c.options_by_id();
    out.push_str("## Considered Options\n\n");
    for id in &d.considered {
        let name = options
            .get(id.as_str())
            .map_or(id.as_str(), |o| o.name.as_str());
        let _ = writeln!(out, "* {}", one_line(name));
    }
    out.push_str("\n## Decision Outcome\n\n");
    let _ = writeln!(
        out,
        "Chosen option: \"{}\", because {}\n",
        one_line(&chosen.name),
        {
            let j = one_line(&d.justification);
            let j = j.trim_end_matches('.');
            let mut chars = j.chars();
            match chars.next() {
                Some(first) => format!("{}{}.", first.to_lowercase(), chars.as_str()),
                None => "it fits the requirements best.".to_string(),
            }
        }
    );
    out.push_str("### Consequences\n\n");
    for p in &chosen.pros {
        let _ = writeln!(out, "* Good, because {}", lower_first(&one_line(p)));
    }
    for con in &chosen.cons {
        let _ = writeln!(out, "* Bad, because {}", lower_first(&one_line(con)));
    }
    for a in &d.acknowledged_conflicts {
        let _ = writeln!(
            out,
            "* Bad, because it conflicts with the inputs: {} (accepted: {})",
            one_line(&a.finding),
            one_line(&a.reason)
        );
    }
    if chosen.pros.is_empty() && chosen.cons.is_empty() && d.acknowledged_conflicts.is_empty() {
        out.push_str("* No consequences were recorded.\n");
    }
    out.push_str("\n## Pros and Cons of the Options\n");
    for id in &d.considered {
        let Some(o) = options.get(id.as_str()) else {
            continue;
        };
        let _ = writeln!(out, "\n### {}\n", one_line(&o.name));
        if !o.summary.trim().is_empty() {
            let _ = writeln!(out, "{}\n", one_line(&o.summary));
        }
        for p in &o.pros {
            let _ = writeln!(out, "* Good, because {}", lower_first(&one_line(p)));
        }
        for con in &o.cons {
            let _ = writeln!(out, "* Bad, because {}", lower_first(&one_line(con)));
        }
        if o.pros.is_empty() && o.cons.is_empty() {
            out.push_str("* No pros or cons were recorded.\n");
        }
    }
    Some(out)
}

/// Lower-cases the first letter to continue "Good, because …", unless the first word is an acronym
/// (`AWS`), a technology the vocabulary knows (`Kubernetes`, `Terraform`), or the start of a
/// two-word name (`Cloud Run`).
fn lower_first(text: &str) -> String {
    let first_word: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_lowercase();
    // Product names of two capitalised words ("Cloud Run", "Azure Functions") stay as written.
    let second_capitalised = text
        .split_whitespace()
        .nth(1)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    if crate::inputs::extract::tag_def(&first_word).is_some() || second_capitalised {
        return text.to_string();
    }
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            format!("{}{}", a.to_lowercase(), chars.as_str())
        }
        _ => text.to_string(),
    }
}

/// The decision records of a session: (file name, Markdown), in template order.
pub fn adrs(s: &Session) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in s.decisions_by_section() {
        if let Some(md) = record(s, &s.decision_label(c), c) {
            out.push((adr_file_name(out.len() + 1, &c.id), md));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_slugs_whatever_the_id() {
        assert_eq!(
            adr_file_name(1, "compute-resources"),
            "0001-compute-resources.md"
        );
        assert_eq!(
            adr_file_name(2, "x/../../../pwned-by-adr"),
            "0002-x-pwned-by-adr.md"
        );
        assert_eq!(adr_file_name(3, ".."), "0003-decision.md");
        assert_eq!(
            adr_file_name(4, "große-ölfelder"),
            "0004-grosse-olfelder.md"
        );
        assert_eq!(adr_file_name(5, "a\u{1b}]52;\\b\0c"), "0005-a-52-b-c.md");
        let long = adr_file_name(6, &"a".repeat(10_000));
        assert_eq!(long.len(), "0006-".len() + MAX_NAME_CHARS + ".md".len());
        for name in [
            adr_file_name(7, "../../etc/passwd"),
            adr_file_name(8, "/abs"),
        ] {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'.'),
                "{name}"
            );
            assert!(!name.contains(".."), "{name}");
        }
    }
}
