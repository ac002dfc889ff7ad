//! One MADR 4.0 architecture decision record per decision, current or earlier: front matter
//! (status, date, decision makers, consulted, informed), the marker line that says infradraft
//! wrote it, context and problem, considered options, the outcome with its consequences, and the
//! pros and cons of every option.
//!
//! * A record is named and headed by its decision's number ([`AdrId`]), which never changes:
//!   `0007-compute-resources.md`, `# ADR-0007 — Compute Resources: Managed containers`.
//! * `status` is `accepted` for a component's current decision; an earlier one is
//!   `superseded by ADR-0009`, `deprecated` or `rejected`. A superseded record and the one that
//!   superseded it link to each other in a note under the heading; a deprecated or rejected one
//!   says when and why, an amended one when it was amended.
//! * `date` is the day the record last changed (made, amended, superseded, deprecated or
//!   rejected). `decision-makers` are the decision's, else the session's authors; `consulted`
//!   and `informed` are the decision's. Each is a quoted YAML string, names joined by `, `, `""`
//!   when there are none.
//! * The line [`MARKER`]` ADR-0007 of the session created <timestamp> -->` follows the front
//!   matter: it is how `export --adr-dir` knows which files in the directory it wrote, and for
//!   which session ([`crate::export::write_adr_dir`]).

use std::fmt::Write as _;

use crate::model::{AdrId, AdrStatus, ComponentDesign, Decision, Session};

/// How the line that marks a record as written by infradraft begins.
pub const MARKER: &str = "<!-- infradraft-adr: ";

/// The marker line of record `adr` of session `s`.
pub fn marker_line(s: &Session, adr: AdrId) -> String {
    format!(
        "{MARKER}{adr} of the session created {} -->",
        s.meta.created
    )
}

/// What a record's marker line says of the session it was written for (the text after
/// `of the session created `), when the text has one within its first lines.
pub fn marked_session(text: &str) -> Option<&str> {
    text.lines()
        .take(MARKER_WITHIN_LINES)
        .find_map(|l| l.strip_prefix(MARKER))
        .and_then(|rest| rest.strip_suffix(" -->"))
        .and_then(|rest| rest.split_once(" of the session created "))
        .map(|(_, created)| created)
}

/// The marker line stands within this many lines of the start (after the front matter).
const MARKER_WITHIN_LINES: usize = 12;

/// `0007-compute-resources.md`: the decision's number and the component's id as a slug.
///
/// The name is made only of `[a-z0-9-]` and `.md`, whatever the id: a session's ids are checked
/// when it is loaded, and this is the second line of defence. Anything else in the id (a `/`, a
/// `.`, a letter outside a–z) becomes a hyphen, and the name part is at most
/// [`MAX_NAME_CHARS`] long, so the file always stays in the directory it is written to.
pub fn adr_file_name(number: AdrId, component: &str) -> String {
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
    format!("{:04}-{slug}.md", number.0)
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

/// A YAML double-quoted string of `names` joined by `, `.
fn yaml_names(names: &[String]) -> String {
    let joined = one_line(&names.join(", "));
    let mut out = String::with_capacity(joined.len() + 2);
    out.push('"');
    for ch in joined.chars() {
        if matches!(ch, '"' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('"');
    out
}

/// The `status` value of a record.
fn status_text(d: &Decision) -> String {
    match (d.status, d.superseded_by) {
        (AdrStatus::Superseded, Some(by)) => format!("superseded by {by}"),
        (status, _) => status.label().to_string(),
    }
}

/// The notes under a record's heading: what it supersedes or what superseded it (with a link),
/// when it was deprecated, rejected or amended.
fn lifecycle_notes(c: &ComponentDesign, d: &Decision) -> String {
    let day = |t: jiff::Timestamp| t.strftime("%Y-%m-%d").to_string();
    let link = |adr: AdrId| format!("[{adr}]({})", adr_file_name(adr, &c.id));
    let mut notes = Vec::new();
    if let Some(earlier) = d.supersedes {
        notes.push(format!("Supersedes {}.", link(earlier)));
    }
    match d.status {
        AdrStatus::Superseded => {
            let by = d
                .superseded_by
                .map_or_else(|| "a later decision".to_string(), link);
            let on = d
                .status_at
                .map(|t| format!(" on {}", day(t)))
                .unwrap_or_default();
            notes.push(format!("Superseded by {by}{on}."));
        }
        AdrStatus::Deprecated | AdrStatus::Rejected => {
            let on = d
                .status_at
                .map(|t| format!(" on {}", day(t)))
                .unwrap_or_default();
            let reason = one_line(&d.status_reason);
            let why = if reason.is_empty() {
                String::new()
            } else {
                format!(": {}", reason.trim_end_matches('.'))
            };
            let what = if d.status == AdrStatus::Deprecated {
                "Deprecated"
            } else {
                "Rejected"
            };
            notes.push(format!("{what}{on}{why}."));
        }
        AdrStatus::Accepted | AdrStatus::Proposed => {}
    }
    if let Some(at) = d.amended_at {
        notes.push(format!(
            "Amended on {} (first decided on {}).",
            day(at),
            day(d.decided_at)
        ));
    }
    notes
        .iter()
        .map(|n| format!("> {n}\n"))
        .collect::<Vec<_>>()
        .join(">\n")
}

fn record(
    s: &Session,
    title: &str,
    c: &ComponentDesign,
    d: &Decision,
    adr: AdrId,
) -> Option<String> {
    let chosen = d.card(c, &d.option)?;
    let mut out = String::new();
    let _ = writeln!(out, "---\nstatus: {}", status_text(d));
    let _ = writeln!(out, "date: {}", d.last_changed().strftime("%Y-%m-%d"));
    let makers = if d.people.decision_makers.is_empty() {
        &s.meta.authors
    } else {
        &d.people.decision_makers
    };
    let _ = writeln!(out, "decision-makers: {}", yaml_names(makers));
    let _ = writeln!(out, "consulted: {}", yaml_names(&d.people.consulted));
    let _ = writeln!(out, "informed: {}", yaml_names(&d.people.informed));
    out.push_str("---\n\n");
    let _ = writeln!(out, "{}\n", marker_line(s, adr));
    let _ = writeln!(
        out,
        "# {adr} — {}: {}\n",
        one_line(title),
        one_line(&chosen.name)
    );
    let notes = lifecycle_notes(c, d);
    if !notes.is_empty() {
        let _ = writeln!(out, "{notes}");
    }
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
    let mut options = c.options_by_id();
    for o in &d.options_then {
        options.insert(o.id.as_str(), o);
    }
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

/// Every decision record of a session with its component and number, in number order. A record
/// without a number (a file written by hand) is numbered after every other, in document order;
/// of two records with the same number (likewise), the first in document order is kept.
pub fn numbered(s: &Session) -> Vec<(&ComponentDesign, &Decision, AdrId)> {
    let mut next = s.highest_adr();
    let mut out: Vec<(&ComponentDesign, &Decision, AdrId)> = Vec::new();
    let mut unnumbered = Vec::new();
    for c in s.decisions_by_section() {
        for d in c.records() {
            match d.adr {
                Some(adr) if !out.iter().any(|(_, _, a)| *a == adr) => out.push((c, d, adr)),
                Some(_) => {}
                None => unnumbered.push((c, d)),
            }
        }
    }
    for (c, d) in unnumbered {
        next = next.saturating_add(1);
        out.push((c, d, AdrId(next)));
    }
    out.sort_by_key(|(_, _, adr)| *adr);
    out
}

/// The decision records of a session: (file name, Markdown), in number order.
pub fn adrs(s: &Session) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (c, d, adr) in numbered(s) {
        if let Some(md) = record(s, &s.decision_label(c), c, d, adr) {
            out.push((adr_file_name(adr, &c.id), md));
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
            adr_file_name(AdrId(1), "compute-resources"),
            "0001-compute-resources.md"
        );
        assert_eq!(
            adr_file_name(AdrId(2), "x/../../../pwned-by-adr"),
            "0002-x-pwned-by-adr.md"
        );
        assert_eq!(adr_file_name(AdrId(3), ".."), "0003-decision.md");
        assert_eq!(
            adr_file_name(AdrId(4), "große-ölfelder"),
            "0004-grosse-olfelder.md"
        );
        assert_eq!(
            adr_file_name(AdrId(5), "a\u{1b}]52;\\b\0c"),
            "0005-a-52-b-c.md"
        );
        let long = adr_file_name(AdrId(6), &"a".repeat(10_000));
        assert_eq!(long.len(), "0006-".len() + MAX_NAME_CHARS + ".md".len());
        for name in [
            adr_file_name(AdrId(7), "../../etc/passwd"),
            adr_file_name(AdrId(8), "/abs"),
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
