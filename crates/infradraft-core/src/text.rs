//! Text hygiene for anything that came from a document, a session or an input file.

use std::borrow::Cow;
use std::io::{self, Write};

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

/// Whether `c` could drive a terminal: a C0 or C1 control other than newline and tab, DEL, or a
/// bidirectional override.
pub fn is_unsafe(c: char) -> bool {
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

/// A writer that lets text through as [`sanitize`] does, for output that may reach a terminal:
/// C0 and C1 controls (but newline and tab), DEL and bidirectional overrides become inert
/// stand-ins, and bytes that are not UTF-8 become U+FFFD. With [`InertWriter::keep_sgr`], SGR
/// sequences (`ESC [` digits and semicolons `m`: colours and text attributes) pass unchanged;
/// every other escape sequence is still made inert.
///
/// A character or sequence split across two writes is held back until the rest arrives (and made
/// inert if it never does, when the writer is dropped).
pub struct InertWriter<W: Write> {
    inner: W,
    keep_sgr: bool,
    /// The unfinished end of the last write: part of a UTF-8 character or of an SGR sequence.
    pending: Vec<u8>,
    /// The cleaned bytes of one write, kept to reuse the allocation.
    cleaned: Vec<u8>,
}

impl<W: Write> InertWriter<W> {
    pub fn new(inner: W) -> InertWriter<W> {
        InertWriter {
            inner,
            keep_sgr: false,
            pending: Vec::new(),
            cleaned: Vec::new(),
        }
    }

    /// Lets SGR sequences through: for output styled by infradraft itself, whose text was made
    /// inert before it was styled.
    pub fn keep_sgr(mut self, keep: bool) -> InertWriter<W> {
        self.keep_sgr = keep;
        self
    }
}

impl<W: Write> Write for InertWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.cleaned.clear();
        if self.pending.is_empty() {
            let used = clean_into(&mut self.cleaned, buf, self.keep_sgr, false);
            self.pending.extend_from_slice(&buf[used..]);
        } else {
            let mut data = std::mem::take(&mut self.pending);
            data.extend_from_slice(buf);
            let used = clean_into(&mut self.cleaned, &data, self.keep_sgr, false);
            data.drain(..used);
            self.pending = data;
        }
        self.inner.write_all(&self.cleaned)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for InertWriter<W> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let mut tail = Vec::new();
            clean_into(&mut tail, &self.pending, self.keep_sgr, true);
            let _ = self.inner.write_all(&tail);
            let _ = self.inner.flush();
        }
    }
}

/// Appends `data` to `out` made inert, and returns how many bytes were used: all of them, or all
/// but an unfinished character or SGR sequence at the end when more may follow (`!at_end`).
fn clean_into(out: &mut Vec<u8>, data: &[u8], keep_sgr: bool, at_end: bool) -> usize {
    let mut i = 0;
    // Bytes from `clean` on are copied as they are when the next change (or the end) comes.
    let mut clean = 0;
    let replace = |out: &mut Vec<u8>, from: usize, to: usize, with: char| {
        out.extend_from_slice(&data[from..to]);
        out.extend_from_slice(with.encode_utf8(&mut [0; 4]).as_bytes());
    };
    while i < data.len() {
        let b = data[i];
        if (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t' {
            i += 1;
            continue;
        }
        if b == 0x1b && keep_sgr {
            match sgr_len(&data[i..]) {
                Sgr::Complete(n) => {
                    i += n;
                    continue;
                }
                Sgr::Unfinished if !at_end => {
                    out.extend_from_slice(&data[clean..i]);
                    return i;
                }
                _ => {}
            }
        }
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            match decode(&data[i..]) {
                Decoded::Char(c) => (c, c.len_utf8()),
                Decoded::Unfinished if !at_end => {
                    out.extend_from_slice(&data[clean..i]);
                    return i;
                }
                Decoded::Unfinished => ('\u{FFFD}', data.len() - i),
                Decoded::Invalid(n) => ('\u{FFFD}', n),
            }
        };
        if c == '\u{FFFD}' || is_unsafe(c) {
            replace(out, clean, i, inert(c));
            clean = i + len;
        }
        i += len;
    }
    out.extend_from_slice(&data[clean..]);
    data.len()
}

enum Decoded {
    Char(char),
    /// Not UTF-8: this many bytes.
    Invalid(usize),
    /// The start of a character whose other bytes have not come yet.
    Unfinished,
}

/// The character at the start of `data`.
fn decode(data: &[u8]) -> Decoded {
    let window = &data[..data.len().min(4)];
    match std::str::from_utf8(window) {
        Ok(s) => s.chars().next().map_or(Decoded::Unfinished, Decoded::Char),
        Err(e) if e.valid_up_to() > 0 => std::str::from_utf8(&window[..e.valid_up_to()])
            .ok()
            .and_then(|s| s.chars().next())
            .map_or(Decoded::Invalid(1), Decoded::Char),
        Err(e) => e.error_len().map_or(Decoded::Unfinished, Decoded::Invalid),
    }
}

enum Sgr {
    /// An SGR sequence of this many bytes.
    Complete(usize),
    /// Could still become one when more bytes come.
    Unfinished,
    /// Any other use of ESC.
    Other,
}

/// Whether `data` (which starts with ESC) starts with an SGR sequence: `ESC [`, at most 64
/// digits and semicolons, `m`.
fn sgr_len(data: &[u8]) -> Sgr {
    const MAX_PARAMS: usize = 64;
    match data.get(1) {
        None => return Sgr::Unfinished,
        Some(b'[') => {}
        Some(_) => return Sgr::Other,
    }
    for (k, &b) in data.iter().enumerate().skip(2).take(MAX_PARAMS + 1) {
        match b {
            b'0'..=b'9' | b';' if k < 2 + MAX_PARAMS => {}
            b'm' => return Sgr::Complete(k + 1),
            _ => return Sgr::Other,
        }
    }
    Sgr::Unfinished
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

    /// What an [`InertWriter`] makes of `chunks`, written one after another.
    fn through(chunks: &[&[u8]], keep_sgr: bool) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = InertWriter::new(&mut out).keep_sgr(keep_sgr);
            for c in chunks {
                w.write_all(c).unwrap();
            }
            w.flush().unwrap();
        }
        out
    }

    #[test]
    fn the_writer_makes_what_sanitize_makes() {
        let text = "copy \u{1b}]52;c;aGVsbG8=\u{7} \u{1b}[2J\u{1b}[?1049h \u{1b}P1$r\u{1b}\\ \
                    a\u{9b}31mb \u{90}\u{9d} \u{202E}rtl cr\rdel\u{7f}\nnext\tline — ok ✓";
        let expected = sanitize(text).into_owned();
        assert_eq!(through(&[text.as_bytes()], false), expected.as_bytes());
        assert_eq!(through(&[text.as_bytes()], true), expected.as_bytes());
        // Split at every byte: characters and sequences cut in two come out the same.
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            assert_eq!(
                through(&[&bytes[..cut], &bytes[cut..]], false),
                expected.as_bytes(),
                "cut at {cut}"
            );
        }
        let one_by_one: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(through(&one_by_one, true), expected.as_bytes());
    }

    #[test]
    fn sgr_sequences_pass_only_when_asked_and_only_sgr() {
        let styled = "\u{1b}[0;1;38;2;97;175;239mTitle\u{1b}[0m plain \u{1b}[m";
        assert_eq!(through(&[styled.as_bytes()], true), styled.as_bytes());
        let bytes = styled.as_bytes();
        for cut in 0..bytes.len() {
            assert_eq!(
                through(&[&bytes[..cut], &bytes[cut..]], true),
                bytes,
                "cut at {cut}"
            );
        }
        assert_eq!(
            String::from_utf8(through(&[styled.as_bytes()], false)).unwrap(),
            sanitize(styled)
        );
        for other in [
            "\u{1b}[2J",
            "\u{1b}[?1049h",
            "\u{1b}]52;c;x\u{7}",
            "\u{1b}[31",
            "\u{1b}",
            "\u{1b}P1$r\u{1b}\\",
        ] {
            let out = String::from_utf8(through(&[other.as_bytes()], true)).unwrap();
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{7}'),
                "{other:?} → {out:?}"
            );
            assert!(out.starts_with('␛'), "{out:?}");
        }
        let long = format!("\x1b[{}m", "1;".repeat(40));
        let out = String::from_utf8(through(&[long.as_bytes()], true)).unwrap();
        assert!(
            out.starts_with('␛'),
            "an overlong sequence is not passed: {out:?}"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_become_replacement_characters() {
        assert_eq!(
            String::from_utf8(through(&[b"a\x9bb\xc2", b"\x9b", b"c\xe2\x80"], false)).unwrap(),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
    }
}
