//! Text hygiene for anything that came from a document, a session or an input file.

use std::borrow::Cow;

/// Replaces every character that could drive a terminal (C0 and C1 controls, DEL, bidirectional
/// overrides) with a visible, inert stand-in. Newlines and tabs are kept. An escape sequence such as
/// `ESC ] 52 ; …` therefore shows as `␛]52;…` instead of writing to the clipboard.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(inert).collect())
}

/// Like [`sanitize`], but for one line of output: newlines and tabs become visible too.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\n' || c == '\t' || is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => '␤',
                '\t' => ' ',
                c => inert(c),
            })
            .collect(),
    )
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

fn inert(c: char) -> char {
    match c {
        // C0 controls map onto the Unicode "control pictures" block (␀ … ␟); DEL to ␡.
        '\u{0}'..='\u{1f}' if c != '\n' && c != '\t' => {
            char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')
        }
        '\u{7f}' => '␡',
        c if is_unsafe(c) => '\u{FFFD}',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let s = "Ferrybook — 99.95% availability\n\tindented";
        assert!(matches!(sanitize(s), Cow::Borrowed(_)));
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn escape_sequences_become_inert() {
        let osc52 = "copy \u{1b}]52;c;aGVsbG8=\u{7} done";
        assert_eq!(sanitize(osc52), "copy ␛]52;c;aGVsbG8=␇ done");
        let clear = "\u{1b}[2J\u{1b}[H";
        assert_eq!(sanitize(clear), "␛[2J␛[H");
        assert_eq!(sanitize("a\u{9b}31mb"), "a\u{FFFD}31mb");
        assert_eq!(sanitize("\u{202E}txt"), "\u{FFFD}txt");
        assert_eq!(sanitize("cr\rdel\u{7f}"), "cr␍del␡");
    }

    #[test]
    fn sanitize_line_keeps_output_on_one_line() {
        assert_eq!(sanitize_line("a\nb\tc\u{1b}"), "a␤b c␛");
    }
}
