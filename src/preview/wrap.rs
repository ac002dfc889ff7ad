//! Display-width measurement, word wrapping and truncation of styled text.
//!
//! Text is measured in terminal columns with `unicode-width`, cluster by cluster: a cluster is a
//! character together with the zero-width characters that follow it (combining marks, variation
//! selectors) and, across a zero-width joiner, the character after it. Wide (2-column) clusters,
//! such as CJK ideographs, are break opportunities on both sides, so CJK prose wraps anywhere.

use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A piece of styled text. The text never holds control characters; the special text
/// [`HARD_BREAK`] marks a hard line break inside inline content.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Frag {
    pub text: String,
    pub style: Style,
}

impl Frag {
    pub fn new(text: impl Into<String>, style: Style) -> Frag {
        Frag {
            text: text.into(),
            style,
        }
    }

    pub fn is_break(&self) -> bool {
        self.text == HARD_BREAK
    }
}

/// The text of a hard-break fragment.
pub(crate) const HARD_BREAK: &str = "\n";

/// Columns taken by `s` in a terminal.
pub(crate) fn width(s: &str) -> usize {
    // Printable ASCII, most of any document, is one column a byte.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    UnicodeWidthStr::width(s)
}

/// Columns taken by a run of fragments (hard breaks count as nothing).
pub(crate) fn frags_width(frags: &[Frag]) -> usize {
    frags
        .iter()
        .filter(|f| !f.is_break())
        .map(|f| width(&f.text))
        .sum()
}

/// Splits `s` into clusters (see the module docs).
pub(crate) fn clusters(s: &str) -> Clusters<'_> {
    Clusters { s, pos: 0 }
}

pub(crate) struct Clusters<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Iterator for Clusters<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = &self.s[self.pos..];
        let mut chars = rest.char_indices();
        let (_, first) = chars.next()?;
        let mut end = first.len_utf8();
        let mut joined = first == '\u{200D}';
        for (i, c) in chars {
            if joined || c.width() == Some(0) {
                joined = c == '\u{200D}';
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        let cluster = &rest[..end];
        self.pos += end;
        Some(cluster)
    }
}

/// Appends `text` in `style` to a line, merging with the last fragment when the style matches.
pub(crate) fn push_text(line: &mut Vec<Frag>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    match line.last_mut() {
        Some(last) if last.style == style && !last.is_break() => last.text.push_str(text),
        _ => line.push(Frag::new(text, style)),
    }
}

/// A wrapping unit: optional leading spaces, then a word that is only broken when it is longer
/// than a whole line. `Break` is a hard line break.
enum Unit {
    Word {
        space: Vec<Frag>,
        space_w: usize,
        word: Vec<Frag>,
        word_w: usize,
    },
    Break,
}

#[derive(Default)]
struct UnitBuilder {
    out: Vec<Unit>,
    space: Vec<Frag>,
    space_w: usize,
    word: Vec<Frag>,
    word_w: usize,
}

impl UnitBuilder {
    fn finish(&mut self) {
        if !self.word.is_empty() || !self.space.is_empty() {
            self.out.push(Unit::Word {
                space: std::mem::take(&mut self.space),
                space_w: std::mem::take(&mut self.space_w),
                word: std::mem::take(&mut self.word),
                word_w: std::mem::take(&mut self.word_w),
            });
        }
    }
}

fn units(frags: &[Frag]) -> Vec<Unit> {
    let mut b = UnitBuilder::default();
    for frag in frags {
        if frag.is_break() {
            b.finish();
            b.out.push(Unit::Break);
            continue;
        }
        for c in clusters(&frag.text) {
            if c == " " {
                if !b.word.is_empty() {
                    b.finish();
                }
                push_text(&mut b.space, c, frag.style);
                b.space_w += 1;
                continue;
            }
            let w = width(c);
            if w >= 2 {
                if !b.word.is_empty() {
                    b.finish();
                }
                push_text(&mut b.word, c, frag.style);
                b.word_w += w;
                b.finish();
            } else {
                push_text(&mut b.word, c, frag.style);
                b.word_w += w;
            }
        }
    }
    b.finish();
    b.out
}

/// Wraps styled text to `max` columns (at least 1), breaking at spaces and around wide
/// characters, and breaking words longer than a line anywhere. Spaces at line breaks are
/// dropped. Returns no lines for empty input.
pub(crate) fn wrap(frags: &[Frag], max: usize) -> Vec<Vec<Frag>> {
    let max = max.max(1);
    let mut lines: Vec<Vec<Frag>> = Vec::new();
    let mut cur: Vec<Frag> = Vec::new();
    let mut cur_w = 0;
    let mut any = false;
    for unit in units(frags) {
        any = true;
        match unit {
            Unit::Break => {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0;
            }
            Unit::Word {
                space,
                space_w,
                word,
                word_w,
            } => {
                if word_w == 0 && word.is_empty() {
                    // Only spaces (the end of the text, or before a hard break).
                    if cur_w > 0 && cur_w + space_w <= max {
                        for f in &space {
                            push_text(&mut cur, &f.text, f.style);
                        }
                        cur_w += space_w;
                    }
                    continue;
                }
                if cur_w > 0 && cur_w + space_w + word_w <= max {
                    for f in &space {
                        push_text(&mut cur, &f.text, f.style);
                    }
                    cur_w += space_w;
                } else if cur_w > 0 {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0;
                }
                if cur_w + word_w <= max {
                    for f in &word {
                        push_text(&mut cur, &f.text, f.style);
                    }
                    cur_w += word_w;
                } else {
                    // Longer than a line: break it anywhere.
                    for f in &word {
                        for c in clusters(&f.text) {
                            let w = width(c);
                            if cur_w + w > max && cur_w > 0 {
                                lines.push(std::mem::take(&mut cur));
                                cur_w = 0;
                            }
                            if w > max {
                                push_text(&mut cur, "…", f.style);
                                cur_w += 1;
                            } else {
                                push_text(&mut cur, c, f.style);
                                cur_w += w;
                            }
                        }
                    }
                }
            }
        }
    }
    if any && (!cur.is_empty() || lines.is_empty()) {
        lines.push(cur);
    }
    lines
}

/// Breaks text at exactly `max` columns (code: no word boundaries). Returns at least one line.
pub(crate) fn hard_wrap(frags: &[Frag], first_max: usize, rest_max: usize) -> Vec<Vec<Frag>> {
    if frags_width(frags) <= first_max.max(1) && frags.iter().all(|f| f.text.is_ascii()) {
        return vec![frags.to_vec()];
    }
    let mut lines = Vec::new();
    let mut cur: Vec<Frag> = Vec::new();
    let mut cur_w = 0;
    let mut max = first_max.max(1);
    for f in frags {
        for c in clusters(&f.text) {
            let w = width(c);
            if cur_w + w > max && cur_w > 0 {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0;
                max = rest_max.max(1);
            }
            if w > max {
                push_text(&mut cur, "…", f.style);
                cur_w += 1;
            } else {
                push_text(&mut cur, c, f.style);
                cur_w += w;
            }
        }
    }
    lines.push(cur);
    lines
}

/// Cuts styled text to at most `max` columns; when something is cut, the last column shows `…`
/// (in the style of the text it replaces).
pub(crate) fn truncate(frags: &[Frag], max: usize) -> Vec<Frag> {
    if frags_width(frags) <= max {
        return frags.iter().filter(|f| !f.is_break()).cloned().collect();
    }
    let mut out = Vec::new();
    if max == 0 {
        return out;
    }
    let mut used = 0;
    for f in frags.iter().filter(|f| !f.is_break()) {
        for c in clusters(&f.text) {
            let w = width(c);
            if used + w > max - 1 {
                push_text(&mut out, "…", f.style);
                return out;
            }
            push_text(&mut out, c, f.style);
            used += w;
        }
    }
    out
}

/// Cuts styled text to at most `max` columns without any marker.
pub(crate) fn clip(frags: &[Frag], max: usize) -> Vec<Frag> {
    let mut out = Vec::new();
    let mut used = 0;
    for f in frags {
        for c in clusters(&f.text) {
            let w = width(c);
            if used + w > max {
                return out;
            }
            push_text(&mut out, c, f.style);
            used += w;
        }
    }
    out
}

/// Makes sure a line is at most `max` columns, whether measured span by span (as ratatui does)
/// or as one string; cuts the end off when it is not.
pub(crate) fn fit(frags: Vec<Frag>, max: usize) -> Vec<Frag> {
    let whole = |fs: &[Frag]| width(&fs.iter().map(|f| f.text.as_str()).collect::<String>());
    let ascii = frags.iter().all(|f| f.text.is_ascii());
    // ASCII has no sequences that join across pieces, so the pieces' widths add up.
    if frags_width(&frags) <= max && (ascii || whole(&frags) <= max) {
        return frags;
    }
    let mut out = clip(&frags, max);
    while whole(&out) > max || frags_width(&out) > max {
        let Some(last) = out.last_mut() else { break };
        last.text.pop();
        if last.text.is_empty() {
            out.pop();
        }
    }
    out
}

/// Expands tabs to the next multiple-of-4 column and replaces other whitespace controls, for
/// text that is already sanitised.
pub(crate) fn expand_tabs(text: &str, start_col: usize) -> (String, usize) {
    let mut col = start_col;
    if !text.contains(['\t', '\n', '\r']) {
        return (text.to_string(), col + width(text));
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in clusters(text) {
        if !c.starts_with(['\t', '\n', '\r']) {
            out.push_str(c);
            col += width(c);
            continue;
        }
        // A control starts the cluster, possibly with combining marks after it (`\t` + U+0301
        // is one cluster, so is `\r\n`): the control is laid out, the marks kept, never a raw
        // tab or line end.
        for ch in c.chars() {
            match ch {
                '\t' => {
                    let n = 4 - col % 4;
                    out.extend(std::iter::repeat_n(' ', n));
                    col += n;
                }
                '\n' | '\r' => {
                    out.push(' ');
                    col += 1;
                }
                mark => out.push(mark),
            }
        }
    }
    (out, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Vec<Frag>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|f| f.text.as_str()).collect())
            .collect()
    }

    fn f(s: &str) -> Frag {
        Frag::new(s, Style::new())
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let lines = wrap(&[f("the quick brown fox jumps over the lazy dog")], 10);
        assert_eq!(
            plain(&lines),
            ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
        );
    }

    #[test]
    fn breaks_long_words_and_keeps_styles() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap(&[f("a "), Frag::new("abcdefghij", bold), f("k")], 4);
        assert_eq!(plain(&lines), ["a", "abcd", "efgh", "ijk"]);
        assert_eq!(lines[3][0].style, bold);
        assert_eq!(lines[3][1].style, Style::new());
    }

    #[test]
    fn cjk_wraps_anywhere_and_counts_two_columns() {
        let lines = wrap(&[f("日本語のテキストです")], 6);
        assert_eq!(plain(&lines), ["日本語", "のテキ", "ストで", "す"]);
        let lines = wrap(&[f("ab 日本語")], 5);
        assert_eq!(plain(&lines), ["ab 日", "本語"]);
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(clusters(family).count(), 1);
        assert_eq!(clusters("e\u{301}x").collect::<Vec<_>>(), ["e\u{301}", "x"]);
        for w in 1..8 {
            for line in wrap(&[f("ok 🚀🚀 ❤\u{FE0F} 👨\u{200D}👩\u{200D}👧 done")], w) {
                let s: String = line.iter().map(|f| f.text.as_str()).collect();
                assert!(width(&s) <= w.max(1), "{s:?} at {w}");
            }
        }
    }

    #[test]
    fn hard_breaks_and_empty_input() {
        let lines = wrap(
            &[f("one"), Frag::new(HARD_BREAK, Style::new()), f("two")],
            20,
        );
        assert_eq!(plain(&lines), ["one", "two"]);
        assert!(wrap(&[], 10).is_empty());
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(plain(&[truncate(&[f("abcdef")], 4)]), ["abc…"]);
        assert_eq!(plain(&[truncate(&[f("abcd")], 4)]), ["abcd"]);
        assert_eq!(plain(&[truncate(&[f("日本語")], 4)]), ["日…"]);
        assert_eq!(plain(&[truncate(&[f("日本語")], 1)]), ["…"]);
        assert_eq!(plain(&[clip(&[f("日本語")], 3)]), ["日"]);
    }

    #[test]
    fn tabs_expand_to_stops_of_four() {
        assert_eq!(expand_tabs("\tx", 0).0, "    x");
        assert_eq!(expand_tabs("ab\tx", 0).0, "ab  x");
        assert_eq!(expand_tabs("\tx", 2).0, "  x");
        // A tab or line end with a combining mark after it is still laid out, never left raw.
        assert_eq!(expand_tabs("a\t\u{301}b", 0).0, "a   \u{301}b");
        assert_eq!(expand_tabs("a\r\nb", 0).0, "a  b");
    }

    #[test]
    fn hard_wrap_uses_first_and_rest_widths() {
        let lines = hard_wrap(&[f("abcdefghij")], 4, 3);
        assert_eq!(plain(&lines), ["abcd", "efg", "hij"]);
        assert_eq!(plain(&hard_wrap(&[], 4, 3)), [""]);
    }
}
