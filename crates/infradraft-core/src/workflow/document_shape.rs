//! The shape of the exported document that reading it back relies on: the titles of the parts
//! export generates besides the sections, what a section not yet written says, and a section body
//! without the marker comments the workbench keeps in it. Export writes the document with these;
//! import, reading requirements and stories back, and `check` read it with the same.

/// What the document says where a section has not been written yet (and `check` reports it).
pub const NOT_WRITTEN: &str = "> **Not yet written.** This section has not been drafted yet.";
pub const REQUIREMENTS_TITLE: &str = "Requirements";
pub const DIAGRAMS_TITLE: &str = "Diagrams";
pub const STORIES_TITLE: &str = "Technical Stories and Epic Impacts";
pub const CHECKLIST_TITLE: &str = "Checklist Review";
pub const DECISION_LOG_TITLE: &str = "Decision Log";
pub const CHANGE_LOG_TITLE: &str = "Change Log";

/// Titles of the parts export generates besides the sections (import skips them).
pub const GENERATED_TITLES: [&str; 6] = [
    REQUIREMENTS_TITLE,
    DIAGRAMS_TITLE,
    STORIES_TITLE,
    CHECKLIST_TITLE,
    DECISION_LOG_TITLE,
    CHANGE_LOG_TITLE,
];

/// A section body as the document shows it: without the marker comments the workbench keeps in
/// it (`<!-- infradraft: … -->`), trailing blank lines trimmed.
pub fn clean_body(body: &str) -> String {
    // One pass: a removed marker's line goes, and the blank lines it leaves behind collapse
    // with their neighbours (never more than one blank line in a row).
    let mut out = String::with_capacity(body.len());
    let mut blank = 0;
    for line in body.lines() {
        if line.trim_start().starts_with("<!-- infradraft:") && line.trim_end().ends_with("-->") {
            continue;
        }
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        // A carriage return before the line's end goes, as with any CRLF line ending.
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push('\n');
    }
    out.truncate(out.trim_end_matches('\n').len());
    let leading = out.len() - out.trim_start_matches('\n').len();
    out.drain(..leading);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `clean_body` did in two passes, kept to check the one-pass version against.
    fn clean_body_in_two_passes(body: &str) -> String {
        let mut out = String::new();
        for line in body.lines() {
            if line.trim_start().starts_with("<!-- infradraft:") && line.trim_end().ends_with("-->")
            {
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
        let mut collapsed = String::new();
        let mut blank = 0;
        for line in out.lines() {
            if line.trim().is_empty() {
                blank += 1;
                if blank > 1 {
                    continue;
                }
            } else {
                blank = 0;
            }
            collapsed.push_str(line);
            collapsed.push('\n');
        }
        collapsed.trim_matches('\n').to_string()
    }

    proptest::proptest! {
        #[test]
        fn cleaning_in_one_pass_equals_two(
            lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "", " ", "\t", "text", "  indented", "<!-- infradraft: decision -->",
                    "  <!-- infradraft: end elicitation 1 -->  ", "<!-- other -->", "a\r",
                    "<!-- infradraft: open", "-->",
                ]),
                0..30,
            ),
            end in proptest::sample::select(vec!["", "\n", "\n\n", "\r\n"]),
        ) {
            let body = format!("{}{end}", lines.join("\n"));
            proptest::prop_assert_eq!(clean_body(&body), clean_body_in_two_passes(&body));
        }
    }

    #[test]
    fn markers_leave_the_body_and_their_blank_lines_collapse() {
        let body = "Intro.\n\n<!-- infradraft: elicitation 1 -->\n#### Matrix\n<!-- infradraft: end elicitation 1 -->\n\n<!-- infradraft: decision -->\n**Decision:** X.\n\n";
        assert_eq!(
            clean_body(body),
            "Intro.\n\n#### Matrix\n\n**Decision:** X."
        );
        assert_eq!(
            clean_body("<!-- a comment of the author -->"),
            "<!-- a comment of the author -->"
        );
    }
}
