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

/// Appends a fragment to a line like [`push_text`], moving its text when it starts a new one.
pub(crate) fn push_frag(line: &mut Vec<Frag>, frag: Frag) {
    if frag.text.is_empty() {
        return;
    }
    match line.last_mut() {
        Some(last) if last.style == frag.style && !last.is_break() && !frag.is_break() => {
            last.text.push_str(&frag.text);
        }
        _ => line.push(frag),
    }
}

/// Styled text laid end to end: one string and the style of each run of it, so that wrapping
/// looks at clusters and byte offsets and allocates nothing per word.
struct Flat {
    text: String,
    /// The end (byte offset in `text`) and style of each run, in order. A hard break is the run
    /// `"\n"`, which no other text holds.
    runs: Vec<(usize, Style)>,
}

impl Flat {
    fn of(frags: &[Frag]) -> Flat {
        let mut text = String::with_capacity(frags.iter().map(|f| f.text.len()).sum());
        let mut runs = Vec::with_capacity(frags.len());
        for f in frags {
            text.push_str(&f.text);
            runs.push((text.len(), f.style));
        }
        Flat { text, runs }
    }

    /// Appends `text[from..to]` to a line with the styles of its runs.
    fn copy(&self, line: &mut Vec<Frag>, from: usize, to: usize) {
        let mut run = self.runs.partition_point(|&(end, _)| end <= from);
        let mut at = from;
        while at < to {
            let Some(&(end, style)) = self.runs.get(run) else {
                break;
            };
            let stop = end.min(to);
            push_text(line, &self.text[at..stop], style);
            at = stop;
            run += 1;
        }
    }

    /// The end of the run holding byte `at` (clusters never reach across runs, as they did not
    /// across fragments).
    fn run_end(&self, at: usize) -> usize {
        let run = self.runs.partition_point(|&(end, _)| end <= at);
        self.runs.get(run).map_or(self.text.len(), |&(end, _)| end)
    }

    fn style_at(&self, at: usize) -> Style {
        let run = self.runs.partition_point(|&(end, _)| end <= at);
        self.runs
            .get(run)
            .map_or_else(Style::new, |&(_, style)| style)
    }
}

/// The next cluster of `s[..limit]` from byte `at`: its end and its width in columns. Printable
/// ASCII followed by ASCII (most of any text) is one column a byte.
fn next_cluster(s: &str, at: usize, limit: usize) -> (usize, usize) {
    let bytes = s.as_bytes();
    let b = bytes[at];
    if b.is_ascii() && (at + 1 == limit || bytes.get(at + 1).is_none_or(u8::is_ascii)) {
        return (at + 1, usize::from((0x20..0x7f).contains(&b)));
    }
    let cluster = clusters(&s[at..limit]).next().unwrap_or("");
    (at + cluster.len().max(1), width(cluster))
}

/// A line being filled: pieces of the flat text (byte ranges) and, rarely, a `…` standing for a
/// cluster wider than the whole line.
enum Piece {
    Text(usize, usize),
    Ellipsis(Style),
}

struct Filler<'a> {
    flat: &'a Flat,
    lines: Vec<Vec<Frag>>,
    cur: Vec<Piece>,
    cur_w: usize,
}

impl Filler<'_> {
    fn add(&mut self, from: usize, to: usize) {
        if from == to {
            return;
        }
        if let Some(Piece::Text(_, end)) = self.cur.last_mut()
            && *end == from
        {
            *end = to;
            return;
        }
        self.cur.push(Piece::Text(from, to));
    }

    fn end_line(&mut self) {
        let mut line = Vec::new();
        for piece in self.cur.drain(..) {
            match piece {
                Piece::Text(from, to) => self.flat.copy(&mut line, from, to),
                Piece::Ellipsis(style) => push_text(&mut line, "…", style),
            }
        }
        self.lines.push(line);
        self.cur_w = 0;
    }

    /// Lays out a word longer than what is left, breaking it anywhere.
    fn break_word(&mut self, from: usize, to: usize, max: usize) {
        let text = &self.flat.text;
        let mut at = from;
        let mut limit = 0;
        while at < to {
            if at >= limit {
                limit = self.flat.run_end(at);
            }
            let (next, w) = next_cluster(text, at, limit);
            if self.cur_w + w > max && self.cur_w > 0 {
                self.end_line();
            }
            if w > max {
                self.cur.push(Piece::Ellipsis(self.flat.style_at(at)));
                self.cur_w += 1;
            } else {
                self.add(at, next);
                self.cur_w += w;
            }
            at = next;
        }
    }
}

/// Wraps styled text to `max` columns (at least 1), breaking at spaces and around wide
/// characters, and breaking words longer than a line anywhere. Spaces at line breaks are
/// dropped. Returns no lines for empty input.
pub(crate) fn wrap(frags: &[Frag], max: usize) -> Vec<Vec<Frag>> {
    let max = max.max(1);
    let flat = Flat::of(frags);
    let text = flat.text.as_str();
    let mut fill = Filler {
        flat: &flat,
        lines: Vec::new(),
        cur: Vec::new(),
        cur_w: 0,
    };
    // The unit being read: spaces (`space_from..word_from`), then a word (`word_from..at`).
    let (mut space_from, mut word_from) = (0, 0);
    let (mut space_w, mut word_w) = (0, 0);
    // Lays out the unit read so far (see the module docs for the rules).
    let place = |fill: &mut Filler, space: (usize, usize, usize), word: (usize, usize, usize)| {
        let (s0, s1, sw) = space;
        let (w0, w1, ww) = word;
        if w0 == w1 {
            // Only spaces (the end of the text, or before a hard break).
            if fill.cur_w > 0 && fill.cur_w + sw <= max {
                fill.add(s0, s1);
                fill.cur_w += sw;
            }
            return;
        }
        if fill.cur_w > 0 && fill.cur_w + sw + ww <= max {
            fill.add(s0, s1);
            fill.cur_w += sw;
        } else if fill.cur_w > 0 {
            fill.end_line();
        }
        if fill.cur_w + ww <= max {
            fill.add(w0, w1);
            fill.cur_w += ww;
        } else {
            fill.break_word(w0, w1, max);
        }
    };
    let mut at = 0;
    let (mut run, mut limit) = (0, 0);
    while at < text.len() {
        while at >= limit {
            limit = flat.runs.get(run).map_or(text.len(), |&(end, _)| end);
            run += 1;
        }
        let b = text.as_bytes()[at];
        if b == b'\n' {
            // A hard break ends the unit and the line.
            if word_from < at || space_from < word_from {
                place(
                    &mut fill,
                    (space_from, word_from, space_w),
                    (word_from, at, word_w),
                );
            }
            fill.end_line();
            at += 1;
            (space_from, word_from, space_w, word_w) = (at, at, 0, 0);
            continue;
        }
        let (next, w) = next_cluster(text, at, limit);
        if b == b' ' && next == at + 1 {
            if word_from < at {
                place(
                    &mut fill,
                    (space_from, word_from, space_w),
                    (word_from, at, word_w),
                );
                (space_from, space_w, word_w) = (at, 0, 0);
            }
            space_w += 1;
            at = next;
            word_from = at;
            continue;
        }
        if w >= 2 {
            // A wide cluster is a unit of its own, with the spaces before it.
            if word_from < at {
                place(
                    &mut fill,
                    (space_from, word_from, space_w),
                    (word_from, at, word_w),
                );
                (space_from, space_w) = (at, 0);
            }
            place(&mut fill, (space_from, at, space_w), (at, next, w));
            at = next;
            (space_from, word_from, space_w, word_w) = (at, at, 0, 0);
            continue;
        }
        word_w += w;
        at = next;
    }
    if word_from < at || space_from < word_from {
        place(
            &mut fill,
            (space_from, word_from, space_w),
            (word_from, at, word_w),
        );
    }
    if !text.is_empty() && (!fill.cur.is_empty() || fill.lines.is_empty()) {
        fill.end_line();
    }
    fill.lines
}

/// Breaks text at exactly `max` columns (code: no word boundaries). Returns at least one line.
pub(crate) fn hard_wrap(frags: Vec<Frag>, first_max: usize, rest_max: usize) -> Vec<Vec<Frag>> {
    if frags.iter().all(|f| f.text.is_ascii()) && frags_width(&frags) <= first_max.max(1) {
        return vec![frags];
    }
    let mut lines = Vec::new();
    let mut cur: Vec<Frag> = Vec::new();
    let mut cur_w = 0;
    let mut max = first_max.max(1);
    for f in &frags {
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
    // Pieces' widths add up unless a sequence joins across two of them, which takes a character
    // outside ASCII on one side of the seam.
    let seams_ascii = frags.windows(2).all(|pair| {
        pair[0].text.as_bytes().last().is_none_or(u8::is_ascii)
            && pair[1].text.as_bytes().first().is_none_or(u8::is_ascii)
    });
    if frags_width(&frags) <= max && (seams_ascii || whole(&frags) <= max) {
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
        let lines = hard_wrap(vec![f("abcdefghij")], 4, 3);
        assert_eq!(plain(&lines), ["abcd", "efg", "hij"]);
        assert_eq!(plain(&hard_wrap(Vec::new(), 4, 3)), [""]);
    }
}
