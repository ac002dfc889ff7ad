//! Mermaid diagrams drawn as text with `mermaid-text`: the worker's side ([`draw_untrusted`]),
//! run only in the diagram worker ([`super::worker`]); the workbench asks for drawings through
//! [`super::drawings::render`].

use std::panic::{AssertUnwindSafe, catch_unwind};

use unicode_width::UnicodeWidthStr;

/// Sources larger than this are not drawn.
pub(crate) const MAX_SOURCE: usize = 8 * 1024;
/// Flowcharts and state diagrams with more connections than this are not drawn: mermaid-text's
/// layout time grows steeply with the number of edges (in a release build, about 0.1 s for 40
/// tangled edges, 0.3 s for 60, 13 s for 300).
pub(crate) const MAX_EDGES: usize = 60;
/// A drawn diagram.
#[derive(Clone, Debug)]
pub(crate) struct Drawing {
    pub text: String,
    /// A left-to-right flowchart was drawn top-down because it did not fit the width.
    pub rotated: bool,
}

/// The diagram is refused when it is too large to draw in reasonable time.
pub(crate) fn too_large(source: &str) -> Result<(), String> {
    if source.len() > MAX_SOURCE {
        return Err(format!(
            "the diagram is too large to draw here ({} bytes; the limit is {MAX_SOURCE})",
            source.len()
        ));
    }
    let edges = edge_count(source);
    if edges > MAX_EDGES {
        return Err(format!(
            "the diagram is too large to draw here ({edges} connections; the limit is {MAX_EDGES})"
        ));
    }
    Ok(())
}

/// The worker's side of [`super::drawings::render`]: draws `source` with the drawing library, in this process.
/// Only the diagram worker calls this (it is not safe on untrusted input).
pub(crate) fn draw_untrusted(source: &str, max_width: usize) -> Result<Drawing, String> {
    too_large(source)?;
    let text = draw(source, max_width)?;
    let wide = widest(&text);
    if wide > max_width
        && let Some(top_down) = rotate(source)
        && let Ok(rotated) = draw(&top_down, max_width)
        && widest(&rotated) < wide
    {
        return Ok(Drawing {
            text: rotated,
            rotated: true,
        });
    }
    Ok(Drawing {
        text,
        rotated: false,
    })
}

/// Roughly, the connections in a flowchart or state diagram (`-->`, `---`, `-.->`, `==>`, …);
/// 0 for other kinds of diagram, whose layout is cheap.
fn edge_count(source: &str) -> usize {
    let header = source
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("%%"))
        .unwrap_or("");
    if !["flowchart", "graph", "stateDiagram"]
        .iter()
        .any(|k| header.starts_with(k))
    {
        return 0;
    }
    let bytes = source.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let pair = &bytes[i..i + 2];
        if pair == b"--" || pair == b"==" || pair == b"-." {
            count += 1;
            // Skip the rest of this arrow.
            while i < bytes.len() && matches!(bytes[i], b'-' | b'=' | b'.' | b'>' | b'o' | b'x') {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    count
}

/// mermaid-text 0.11 slices sequence-diagram lines at fixed byte offsets (its keyword matching),
/// which panics when a line has a multi-byte character in its first dozen bytes (`A->>B: café`
/// does). Such diagrams are refused up front with a clear message.
fn known_unsupported(source: &str) -> Option<String> {
    let mut lines = source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("%%"));
    let header = lines.next()?;
    if !header.starts_with("sequenceDiagram") {
        return None;
    }
    let risky = lines.any(|l| (1..=12).any(|i| i < l.len() && !l.is_char_boundary(i)));
    risky.then(|| {
        "this sequence diagram has non-ASCII text near the start of a line, which the diagram \
         renderer (mermaid-text 0.11) cannot handle"
            .to_string()
    })
}

/// Mermaid quotes a label to allow punctuation in it (`A["Managed Kubernetes (EKS, AKS)"]`);
/// mermaid-text would draw the quotes, and it reads the `;` of an entity code (`#gt;`, `#35;`) as
/// the end of a statement. A quoted label whose text, entity codes decoded, holds no quote,
/// bracket, brace, bar, semicolon or unbalanced parenthesis is given decoded and unquoted, for
/// drawing only.
fn unquote_labels(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains('"') {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find('"') {
        let (before, from_quote) = rest.split_at(at);
        out.push_str(before);
        let opener = before.chars().next_back();
        let inner_and_after = &from_quote[1..];
        let closing = inner_and_after.find('"');
        let unquoted = match (opener, closing) {
            (Some(open @ ('[' | '(' | '{' | '|' | '>')), Some(end)) => {
                let inner = decode_entities(&inner_and_after[..end]);
                let after = inner_and_after[end + 1..].chars().next();
                let closes = matches!(
                    (open, after),
                    ('[' | '>', Some(']')) | ('(', Some(')')) | ('{', Some('}')) | ('|', Some('|'))
                );
                let plain = !inner.is_empty()
                    && !inner.contains(['"', '[', ']', '{', '}', '|', ';', '\n'])
                    && balanced(&inner);
                (closes && plain).then_some((inner, end))
            }
            _ => None,
        };
        match unquoted {
            Some((inner, end)) => {
                out.push_str(&inner);
                rest = &inner_and_after[end + 1..];
            }
            None => {
                out.push('"');
                rest = inner_and_after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Mermaid's entity codes in a label decoded: `#gt;`, `#lt;`, `#amp;`, `#quot;`, `#apos;`,
/// `#nbsp;` and decimal ones such as `#35;`. Anything else stays as it is.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('#') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let code = after
            .find(';')
            .filter(|&n| n > 0 && n <= 8)
            .map(|n| &after[..n])
            .filter(|c| c.chars().all(|ch| ch.is_ascii_alphanumeric()));
        let decoded = code.and_then(|c| match c {
            "gt" => Some('>'),
            "lt" => Some('<'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            digits => digits.parse::<u32>().ok().and_then(char::from_u32),
        });
        match (code, decoded) {
            (Some(c), Some(ch)) => {
                out.push(ch);
                rest = &after[c.len() + 1..];
            }
            _ => {
                out.push('#');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Parentheses that open and close in order (mermaid-text draws those inside any shape).
fn balanced(text: &str) -> bool {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return false,
            ')' => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

fn draw(source: &str, max_width: usize) -> Result<String, String> {
    let source = &*unquote_labels(source);
    if let Some(reason) = known_unsupported(source) {
        return Err(reason);
    }
    // The worker prints nothing for a panic (its hook is silent) and answers with this.
    let result = catch_unwind(AssertUnwindSafe(|| {
        mermaid_text::render_with_width(source, Some(max_width))
    }));
    match result {
        Ok(Ok(drawing)) => Ok(drawing),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the renderer failed (internal error)".to_string()),
    }
}

fn widest(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The source of a `flowchart LR` / `graph RL` diagram with its direction changed to `TD`.
fn rotate(source: &str) -> Option<String> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.trim().is_empty() || trimmed.starts_with("%%") {
            offset += line.len();
            continue;
        }
        let keyword = ["flowchart", "graph"]
            .into_iter()
            .find(|k| trimmed.starts_with(k))?;
        let after = &trimmed[keyword.len()..];
        let dir = after.trim_start();
        if after.len() == dir.len() {
            return None;
        }
        let is_horizontal = (dir.starts_with("LR") || dir.starts_with("RL"))
            && dir[2..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == ';');
        if !is_horizontal {
            return None;
        }
        let at = offset + (line.len() - trimmed.len()) + keyword.len() + (after.len() - dir.len());
        let mut out = String::with_capacity(source.len());
        out.push_str(&source[..at]);
        out.push_str("TD");
        out.push_str(&source[at + 2..]);
        return Some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_labels_are_drawn_without_their_quotes() {
        use super::unquote_labels as u;
        assert_eq!(
            u(
                "flowchart LR\n  A[\"Managed Kubernetes (EKS, AKS)\"] -->|\"HTTPS\"| B[(\"DB (RDS)\")]"
            ),
            "flowchart LR\n  A[Managed Kubernetes (EKS, AKS)] -->|HTTPS| B[(DB (RDS))]"
        );
        // Kept where dropping them would change the meaning, or where they are not a label's.
        for kept in [
            "A[\"list [x]\"]",
            "A(\"f(x\")",
            "A[\"\"]",
            "A[\"open",
            "note \"x\"",
            "A[\"a\" b]",
        ] {
            assert_eq!(u(kept), kept);
        }
        assert!(matches!(u("A[plain]"), std::borrow::Cow::Borrowed(_)));
        // Entity codes, as the diagram starters write them, are decoded in labels drawn unquoted.
        assert_eq!(u("A[\"a #gt; b #amp; c #35;1\"]"), "A[a > b & c #1]");
        assert_eq!(
            u("A[\"#unknown; #; #99999999999;\"]"),
            "A[\"#unknown; #; #99999999999;\"]"
        );
        assert_eq!(u("A[\"say #quot;hi#quot;\"]"), "A[\"say #quot;hi#quot;\"]");
        let drawn =
            render("flowchart LR\n  A[\"Queue (SQS)\"] --> B[\"Worker\"]", 80).expect("drawn");
        assert!(
            drawn.text.contains("Queue (SQS)") && !drawn.text.contains('"'),
            "{}",
            drawn.text
        );
    }

    use super::*;
    use crate::preview::drawings::render;

    #[test]
    fn horizontal_flowcharts_rotate() {
        assert_eq!(
            rotate("flowchart LR\nA-->B").as_deref(),
            Some("flowchart TD\nA-->B")
        );
        assert_eq!(
            rotate("%% c\n  graph RL; A-->B").as_deref(),
            Some("%% c\n  graph TD; A-->B")
        );
        assert_eq!(rotate("graph TD\nA-->B"), None);
        assert_eq!(rotate("graph LRX\nA-->B"), None);
        assert_eq!(rotate("sequenceDiagram\nA->>B: hi"), None);
        assert_eq!(rotate("graphLR"), None);
    }

    #[test]
    fn too_wide_flowcharts_are_drawn_top_down() {
        let src = "flowchart LR\n  A[Passenger app] --> B[CloudFront] --> C[Load balancer] --> D[Booking API]\n";
        let d = render(src, 40).expect("drawn");
        assert!(d.rotated);
        assert!(widest(&d.text) <= 40, "{}", d.text);
        let d = render(src, 200).expect("drawn");
        assert!(!d.rotated);
    }

    #[test]
    fn sequence_diagrams_that_would_panic_are_refused() {
        for src in [
            "sequenceDiagram\n  A->>B: café ☕\n",
            "sequenceDiagram\n    participant 利用者\n    利用者->>API: 予約\n",
        ] {
            let err = render(src, 60).unwrap_err();
            assert!(err.contains("non-ASCII"), "{err}");
        }
        let ok = render(
            "sequenceDiagram\n  Alice->>Bob: a long message, then café\n",
            60,
        );
        assert!(ok.is_ok(), "{:?}", ok.err());
    }

    #[test]
    fn errors_and_oversized_sources_are_messages() {
        assert!(render("flowchart sideways\nA-->B", 40).is_err());
        assert!(
            render(&"x".repeat(MAX_SOURCE + 1), 40)
                .unwrap_err()
                .contains("too large")
        );
        let many: String = (0..=MAX_EDGES)
            .map(|i| format!("  N{i} --> N{}\n", i + 1))
            .collect();
        let err = render(&format!("flowchart TD\n{many}"), 80).unwrap_err();
        assert!(err.contains("connections"), "{err}");
        // Cached results are the same as fresh ones.
        assert_eq!(
            render("graph LR; A-->B", 80).unwrap().text,
            render("graph LR; A-->B", 80).unwrap().text
        );
    }

    #[test]
    fn edges_are_counted_in_flowcharts_only() {
        assert_eq!(
            edge_count("flowchart LR\n A --> B -.-> C ==> D\n B --- E\n"),
            4
        );
        assert_eq!(edge_count("graph TD; A-->|yes|B; A -- no --> C"), 3);
        assert_eq!(edge_count("sequenceDiagram\n A-->>B: hi\n"), 0);
    }
}
