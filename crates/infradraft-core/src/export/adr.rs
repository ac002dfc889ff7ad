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
    out.push_str(&consequences(s, c, d, chosen));
    out.push_str(&confirmation(s, c));
    let feedback: Vec<&crate::model::FeedbackNote> = c
        .feedback
        .iter()
        .filter(|f| !f.feedback.trim().is_empty())
        .collect();
    if !feedback.is_empty() {
        out.push_str(
            "\n## More Information\n\nFeedback on the draft and what changed in response:\n\n",
        );
        for f in feedback {
            let revision = if f.revision.trim().is_empty() {
                "no revision recorded".to_string()
            } else {
                one_line(&f.revision)
            };
            let _ = writeln!(
                out,
                "* {} ({}): {revision}",
                one_line(&f.feedback),
                f.at.strftime("%Y-%m-%d")
            );
        }
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

/// The most inputs a record names as consequences; the rest are in the document.
const MOST_FINDINGS: usize = 6;

/// What becomes easier and harder for this project: what the choice meets in the inputs (each with
/// its source), the conflicts accepted, the choice's main strengths and weaknesses as built on the
/// project's platform, and what the worksheets applied to the decision concluded.
fn consequences(
    s: &Session,
    c: &ComponentDesign,
    d: &crate::model::Decision,
    chosen: &crate::model::OptionCard,
) -> String {
    use crate::analysis::crosscheck::{Basis, Verdict, check_option};
    let mut out = String::from("### Consequences\n\n");
    let findings = check_option(chosen, &s.assumptions, &s.requirements, &s.inputs);
    let mut aligned: Vec<&crate::analysis::crosscheck::Finding> = findings
        .iter()
        .filter(|f| f.verdict == Verdict::Aligned)
        .collect();
    // Required figures first, then mandates, then what the inputs state.
    aligned.sort_by_key(|f| match f.basis {
        Basis::Figure => 0,
        Basis::Fact {
            modality: crate::model::Modality::Mandate,
            ..
        } => 1,
        Basis::Fact { .. } => 2,
    });
    let mut said: Vec<String> = Vec::new();
    let mut places: Vec<String> = Vec::new();
    for f in aligned {
        let source = f.evidence.as_ref().map(|e| e.short()).unwrap_or_default();
        if !source.is_empty() && places.contains(&source) {
            continue;
        }
        let line = match f.basis {
            Basis::Figure => format!(
                "* Good, because {} ({source})",
                lower_first(&one_line(f.explanation.trim_end_matches('.')))
            ),
            Basis::Fact { .. } => format!(
                "* Good, because it follows what the inputs say: \u{201c}{}\u{201d} ({source})",
                one_line(f.fact.trim_end_matches('.'))
            ),
        };
        if said.len() < MOST_FINDINGS && !said.contains(&line) {
            places.push(source);
            said.push(line.replace(" ()", ""));
        }
    }
    for line in &said {
        let _ = writeln!(out, "{line}");
    }
    for a in &d.acknowledged_conflicts {
        let _ = writeln!(
            out,
            "* Bad, because it conflicts with the inputs: {} (accepted: {})",
            one_line(&a.finding),
            one_line(&a.reason)
        );
    }
    for p in chosen.pros.iter().take(2) {
        let _ = writeln!(out, "* Good, because {}", lower_first(&one_line(p)));
    }
    for con in chosen.cons.iter().take(2) {
        let _ = writeln!(out, "* Bad, because {}", lower_first(&one_line(con)));
    }
    for e in c
        .elicitations
        .iter()
        .filter(|e| e.status == crate::model::ElicitationStatus::Applied)
    {
        let concluded = one_line(&e.conclusions);
        let found = if concluded.is_empty() {
            "its results are in the section".to_string()
        } else {
            concluded
        };
        let _ = writeln!(
            out,
            "* Neutral, because the {} found: {}",
            e.action.title().to_lowercase(),
            found.trim_end_matches('.')
        );
    }
    if out.ends_with("### Consequences\n\n") {
        out.push_str("* No consequences were recorded.\n");
    }
    out
}

/// How the decision is confirmed: the requirements it answers, and the stories drafted from it.
fn confirmation(s: &Session, c: &ComponentDesign) -> String {
    let stories: Vec<String> = s
        .stories
        .iter()
        .filter(|st| st.decision.as_deref() == Some(c.id.as_str()))
        .map(|st| format!("{} ({})", one_line(&st.id), one_line(&st.title)))
        .collect();
    let mut out = String::from("\n### Confirmation\n\n");
    if stories.is_empty() {
        out.push_str("The decision is confirmed in the review of the section that records it, against the requirements and facts its consequences name.\n");
    } else {
        let _ = writeln!(
            out,
            "The decision is confirmed when these stories are done and their acceptance criteria pass: {}.",
            stories.join(", ")
        );
    }
    out
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
