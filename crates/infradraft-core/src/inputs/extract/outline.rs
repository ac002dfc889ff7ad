//! The heading outline of a Markdown document.

use super::Heading;
use super::blocks;

/// The headings of `text` in order: ATX (`## Title`) and setext (underlined) headings, any level,
/// with their 1-based line (for a setext heading, the line of its text). Headings inside fenced or
/// indented code, HTML blocks and front matter are not headings and are left out.
pub fn outline(text: &str) -> Vec<Heading> {
    blocks::parse(text).headings
}

/// A heading's text normalised for matching: lower case, leading section numbers (`3.2`, `4.`, `A.`,
/// `IV.`) removed, `&` read as `and`, punctuation and hyphens turned into spaces, spaces collapsed.
/// `"3.2 Non-Functional Requirements (NFRs):"` gives `"non functional requirements nfrs"`.
pub fn normalize_heading(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let mut rest = lower.as_str();
    // Leading numbering: "3.2", "4.", "4)", "a.", "iv.", "section 4:" are not part of the title.
    if let Some(r) = rest.strip_prefix("section ") {
        rest = r;
    }
    let numbering = rest
        .char_indices()
        .take_while(|&(_, c)| c.is_ascii_digit() || c == '.' || c == ')')
        .last()
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    if numbering > 0 && rest[numbering..].starts_with([' ', ':', '\t']) {
        rest = &rest[numbering..];
    } else if let Some((head, tail)) = rest.split_once(". ")
        && !head.is_empty()
        && head.len() <= 4
        && head.chars().all(|c| c.is_ascii_alphabetic())
        && (head.len() == 1 || head.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
    {
        rest = tail;
    }
    let mut out = String::with_capacity(rest.len());
    for c in rest.replace('&', " and ").chars() {
        if c.is_alphanumeric() || c == '/' {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atx_and_setext_headings_skip_code() {
        let md = "# One\n\ntext\n\nTwo\n===\n\n```\n# not\n```\n\n    # indented code\n\nThree\n---\n\n### Four ###\n";
        let h = outline(md);
        let got: Vec<_> = h
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "One", 1),
                (1, "Two", 5),
                (2, "Three", 14),
                (3, "Four", 17)
            ]
        );
    }

    #[test]
    fn front_matter_is_not_a_heading() {
        let h = outline("---\ntitle: x\n---\n\n# Real\n");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].line, 5);
    }

    #[test]
    fn heading_inline_markup_is_plain_text() {
        let h = outline("## The `api` and **core**\n");
        assert_eq!(h[0].text, "The api and core");
    }

    #[test]
    fn normalizes_numbering_and_punctuation() {
        assert_eq!(
            normalize_heading("3.2 Non-Functional Requirements (NFRs):"),
            "non functional requirements nfrs"
        );
        assert_eq!(
            normalize_heading("4. Technical Assumptions & Constraints"),
            "technical assumptions and constraints"
        );
        assert_eq!(normalize_heading("A. Goals"), "goals");
        assert_eq!(normalize_heading("IV. Security"), "security");
        assert_eq!(
            normalize_heading("NON-FUNCTIONAL REQUIREMENTS"),
            "non functional requirements"
        );
        assert_eq!(normalize_heading("99.95% uptime"), "99 95 uptime");
        assert_eq!(normalize_heading("Section 5: Compliance"), "compliance");
    }
}
