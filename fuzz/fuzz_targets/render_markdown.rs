//! Markdown from anywhere rendered for the terminal, as `render` and the preview do it: never a
//! panic, every line within the width (widths below `MIN_WIDTH` render at `MIN_WIDTH`, as
//! documented), and no byte that could drive a terminal except the SGR
//! colour sequences infradraft writes itself. Diagrams are left out (they have their own target,
//! `render_diagram`, with the worker).
#![no_main]

use std::sync::OnceLock;

use infradraft::preview::{Highlighter, PreviewStyles, render_to_string};
use libfuzzer_sys::fuzz_target;

fn highlighter() -> &'static Highlighter {
    static HL: OnceLock<Highlighter> = OnceLock::new();
    HL.get_or_init(Highlighter::new)
}

/// The text without infradraft's own `ESC [ digits ; … m` sequences; panics on any other escape.
fn strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        assert_eq!(chars.next(), Some('['), "an escape that is not SGR");
        for d in chars.by_ref() {
            if d == 'm' {
                break;
            }
            assert!(d.is_ascii_digit() || d == ';', "an escape that is not SGR");
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let width = 10 + u16::from(flags % 110);
    let color = flags & 0x80 != 0;
    let md = String::from_utf8_lossy(rest).replace("```mermaid", "```text");
    let out = render_to_string(&md, width, &PreviewStyles::default(), highlighter(), color);
    let text = if color { strip_sgr(&out) } else { out };
    let max = usize::from(width.max(infradraft::preview::MIN_WIDTH));
    for line in text.lines() {
        assert!(
            !line.chars().any(|c| c.is_control()),
            "a control character reached the output: {line:?}"
        );
        let columns = unicode_width::UnicodeWidthStr::width(line);
        assert!(columns <= max, "{columns} > {max}: {line:?}");
    }
});
