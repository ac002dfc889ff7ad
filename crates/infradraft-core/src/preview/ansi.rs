//! ANSI SGR output of rendered lines, for `infradraft render --color always`.
//!
//! RGB colours are written as 24-bit escapes only for a terminal that says it shows them
//! ([`ColorDepth::of_env`]: `COLORTERM=truecolor` or `24bit`, the convention terminals follow);
//! otherwise each is written as the nearest of the 256 indexed colours, which every colour
//! terminal shows and which takes about half the bytes.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

/// How many colours the escapes may use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorDepth {
    /// The 256 indexed colours (RGB colours become the nearest of them).
    #[default]
    Indexed,
    /// 24-bit RGB.
    TrueColor,
}

impl ColorDepth {
    /// 24-bit when `COLORTERM` is `truecolor` or `24bit`, else the 256 indexed colours.
    pub fn of_env() -> ColorDepth {
        ColorDepth::of_colorterm(std::env::var_os("COLORTERM").as_deref())
    }

    fn of_colorterm(value: Option<&std::ffi::OsStr>) -> ColorDepth {
        match value.and_then(|v| v.to_str()) {
            Some(v) if v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit") => {
                ColorDepth::TrueColor
            }
            _ => ColorDepth::Indexed,
        }
    }
}

/// What a terminal shows text in: colours (`None` for the terminal's own) and attributes.
#[derive(Clone, Copy, Default, PartialEq)]
struct Pen {
    fg: Option<Color>,
    bg: Option<Color>,
    mods: Modifier,
}

impl Pen {
    fn of(style: Style, depth: ColorDepth) -> Pen {
        let colour = |c: Option<Color>| match c {
            None | Some(Color::Reset) => None,
            Some(Color::Rgb(r, g, b)) if depth == ColorDepth::Indexed => {
                Some(Color::Indexed(ansi_colours::ansi256_from_rgb((r, g, b))))
            }
            Some(c) => Some(c),
        };
        Pen {
            fg: colour(style.fg),
            bg: colour(style.bg),
            mods: style.add_modifier - style.sub_modifier,
        }
    }
}

/// The attributes and their SGR codes, with the code that turns each off.
const MODIFIERS: [(Modifier, &str, &str); 9] = [
    (Modifier::BOLD, "1", "22"),
    (Modifier::DIM, "2", "22"),
    (Modifier::ITALIC, "3", "23"),
    (Modifier::UNDERLINED, "4", "24"),
    (Modifier::SLOW_BLINK, "5", "25"),
    (Modifier::RAPID_BLINK, "6", "25"),
    (Modifier::REVERSED, "7", "27"),
    (Modifier::HIDDEN, "8", "28"),
    (Modifier::CROSSED_OUT, "9", "29"),
];

/// Appends `line` with SGR escapes for its styles (no newline). A span whose style is that of
/// the span before it gets no escape; otherwise the escape changes only what differs, or resets
/// and sets the whole style when that is shorter. A line that ends styled ends with a reset, so
/// every line starts from the terminal's defaults.
pub(crate) fn write_line(out: &mut String, line: &Line<'_>, depth: ColorDepth) {
    let mut pen = Pen::default();
    let mut scratch = String::new();
    for span in &line.spans {
        if span.content.is_empty() {
            continue;
        }
        let want = Pen::of(Style::default().patch(line.style).patch(span.style), depth);
        if want != pen && !(looks_alike_on_spaces(pen, want) && is_spaces(&span.content)) {
            write_change(out, &mut scratch, pen, want);
            pen = want;
        }
        out.push_str(&span.content);
    }
    if pen != Pen::default() {
        out.push_str("\x1b[0m");
    }
}

/// Attributes that show on a blank cell: a space drawn with any of them differs from a plain one.
const SHOW_ON_SPACES: Modifier = Modifier::UNDERLINED
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK);

/// Whether spaces drawn with `a` look the same as with `b`: the foreground colour, bold, dim,
/// italic and hidden do not show on a blank cell, so a run of spaces between two styled words
/// needs no escape of its own.
fn looks_alike_on_spaces(a: Pen, b: Pen) -> bool {
    a.bg == b.bg && (a.mods & SHOW_ON_SPACES) == (b.mods & SHOW_ON_SPACES)
}

fn is_spaces(text: &str) -> bool {
    text.bytes().all(|b| b == b' ')
}

/// Appends the shorter of the two escapes that take a terminal from `from` to `to`.
fn write_change(out: &mut String, scratch: &mut String, from: Pen, to: Pen) {
    let start = out.len();
    write_full(out, to);
    scratch.clear();
    write_diff(scratch, from, to);
    if scratch.len() < out.len() - start {
        out.truncate(start);
        out.push_str(scratch);
    }
}

/// A reset followed by everything of `pen` (`ESC[0;1;38;2;97;175;239m`; `ESC[0m` alone for
/// the defaults).
fn write_full(out: &mut String, pen: Pen) {
    out.push_str("\x1b[0");
    for (m, on, _) in MODIFIERS {
        if pen.mods.contains(m) {
            out.push(';');
            out.push_str(on);
        }
    }
    if let Some(fg) = pen.fg {
        write_colour(out, fg, false);
    }
    if let Some(bg) = pen.bg {
        write_colour(out, bg, true);
    }
    out.push('m');
}

/// The parameters that change `from` into `to` without a reset (`ESC[22;38;2;1;2;3m`).
fn write_diff(out: &mut String, from: Pen, to: Pen) {
    let mut params = String::new();
    let removed = from.mods - to.mods;
    let mut add = to.mods - from.mods;
    let mut off_done: Vec<&str> = Vec::new();
    for (m, _, off) in MODIFIERS {
        if removed.contains(m) && !off_done.contains(&off) {
            params.push(';');
            params.push_str(off);
            off_done.push(off);
        }
    }
    // Codes 22 and 25 turn off two attributes each: set again the one that stays.
    for (m, _, off) in MODIFIERS {
        if off_done.contains(&off) && to.mods.contains(m) {
            add |= m;
        }
    }
    for (m, on, _) in MODIFIERS {
        if add.contains(m) {
            params.push(';');
            params.push_str(on);
        }
    }
    if from.fg != to.fg {
        match to.fg {
            Some(c) => write_colour(&mut params, c, false),
            None => params.push_str(";39"),
        }
    }
    if from.bg != to.bg {
        match to.bg {
            Some(c) => write_colour(&mut params, c, true),
            None => params.push_str(";49"),
        }
    }
    out.push_str("\x1b[");
    out.push_str(params.strip_prefix(';').unwrap_or(&params));
    out.push('m');
}

/// Appends `;` and the SGR parameters of a colour (nothing for `Reset`).
fn write_colour(out: &mut String, c: Color, bg: bool) {
    let base: u8 = if bg { 40 } else { 30 };
    let bright: u8 = if bg { 100 } else { 90 };
    let code = match c {
        Color::Reset => return,
        Color::Black => base,
        Color::Red => base + 1,
        Color::Green => base + 2,
        Color::Yellow => base + 3,
        Color::Blue => base + 4,
        Color::Magenta => base + 5,
        Color::Cyan => base + 6,
        Color::Gray => base + 7,
        Color::DarkGray => bright,
        Color::LightRed => bright + 1,
        Color::LightGreen => bright + 2,
        Color::LightYellow => bright + 3,
        Color::LightBlue => bright + 4,
        Color::LightMagenta => bright + 5,
        Color::LightCyan => bright + 6,
        Color::White => bright + 7,
        Color::Indexed(i) => {
            out.push(';');
            out.push_str(if bg { "48;5;" } else { "38;5;" });
            push_u8(out, i);
            return;
        }
        Color::Rgb(r, g, b) => {
            out.push(';');
            out.push_str(if bg { "48;2;" } else { "38;2;" });
            push_u8(out, r);
            out.push(';');
            push_u8(out, g);
            out.push(';');
            push_u8(out, b);
            return;
        }
    };
    out.push(';');
    push_u8(out, code);
}

/// Appends a number in decimal without going through the formatting machinery (this runs for
/// every styled span of `infradraft render`).
fn push_u8(out: &mut String, n: u8) {
    if n >= 100 {
        out.push(char::from(b'0' + n / 100));
    }
    if n >= 10 {
        out.push(char::from(b'0' + n / 10 % 10));
    }
    out.push(char::from(b'0' + n % 10));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Span;

    fn sgr(line: &Line<'_>) -> String {
        let mut out = String::new();
        write_line(&mut out, line, ColorDepth::TrueColor);
        out
    }

    #[test]
    fn rgb_becomes_the_nearest_indexed_colour_unless_the_terminal_has_24_bits() {
        let line = Line::from(vec![
            Span::styled("a", Style::new().fg(Color::Rgb(255, 0, 0))),
            // Another RGB colour with the same nearest index: no escape between them.
            Span::styled("b", Style::new().fg(Color::Rgb(254, 1, 1))),
            Span::styled("c", Style::new().bg(Color::Rgb(0, 0, 0)).fg(Color::Green)),
        ]);
        let mut out = String::new();
        write_line(&mut out, &line, ColorDepth::Indexed);
        assert_eq!(out, "\x1b[38;5;196mab\x1b[32;48;5;16mc\x1b[0m");
        for (value, depth) in [
            (Some("truecolor"), ColorDepth::TrueColor),
            (Some("24BIT"), ColorDepth::TrueColor),
            (Some("yes"), ColorDepth::Indexed),
            (Some(""), ColorDepth::Indexed),
            (None, ColorDepth::Indexed),
        ] {
            let value = value.map(std::ffi::OsStr::new);
            assert_eq!(ColorDepth::of_colorterm(value), depth, "{value:?}");
        }
    }

    #[test]
    fn styles_become_sgr_and_lines_reset() {
        let line = Line::from(vec![
            Span::styled(
                "a",
                Style::new().fg(Color::Rgb(1, 2, 3)).bg(Color::Indexed(236)),
            ),
            Span::raw(" "),
            Span::styled(
                "b",
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            ),
        ]);
        assert_eq!(
            sgr(&line),
            "\x1b[38;2;1;2;3;48;5;236ma\x1b[0m \x1b[1;31mb\x1b[0m"
        );
        assert_eq!(sgr(&Line::from("text")), "text");
        let reset = Line::from(Span::styled("r", Style::new().fg(Color::Reset)));
        assert_eq!(sgr(&reset), "r");
    }

    #[test]
    fn only_what_changes_is_written() {
        let text = Style::new().fg(Color::Rgb(192, 197, 206));
        let line = Line::from(vec![
            Span::styled("rate ", text),
            Span::styled("two", text.add_modifier(Modifier::BOLD)),
            Span::styled(" and ", text),
            Span::styled("same", text),
            Span::styled("code", text.fg(Color::Green)),
        ]);
        assert_eq!(
            sgr(&line),
            "\x1b[38;2;192;197;206mrate \x1b[1mtwo\x1b[22m and same\x1b[32mcode\x1b[0m"
        );
        // Turning bold off keeps dim on (here by a reset, which is shorter).
        let line = Line::from(vec![
            Span::styled(
                "x",
                Style::new().add_modifier(Modifier::BOLD | Modifier::DIM),
            ),
            Span::styled("y", Style::new().add_modifier(Modifier::DIM)),
        ]);
        assert_eq!(sgr(&line), "\x1b[1;2mx\x1b[0;2my\x1b[0m");
    }

    #[test]
    fn spaces_keep_the_pen_when_they_would_look_the_same() {
        let bar = Style::new().fg(Color::Indexed(60));
        let key = Style::new().fg(Color::Indexed(167));
        let line = Line::from(vec![
            Span::styled("│ ", bar),
            Span::raw("    "),
            Span::styled("key", key),
            Span::raw(": "),
            Span::styled("  ", Style::new().add_modifier(Modifier::UNDERLINED)),
            Span::styled("   ", bar.bg(Color::Indexed(1))),
        ]);
        // The indentation is written in the bar's colour rather than reset and set again; the
        // underlined and the coloured-background spaces show, so they keep their escapes.
        assert_eq!(
            sgr(&line),
            "\x1b[38;5;60m│     \x1b[38;5;167mkey\x1b[0m: \x1b[4m  \x1b[0;38;5;60;48;5;1m   \x1b[0m"
        );
        // Trailing spaces in another colour need nothing either.
        let line = Line::from(vec![Span::styled("a", key), Span::raw("   ")]);
        assert_eq!(sgr(&line), "\x1b[38;5;167ma   \x1b[0m");
    }

    #[test]
    fn a_reset_is_used_when_it_is_shorter() {
        let line = Line::from(vec![
            Span::styled(
                "x",
                Style::new()
                    .fg(Color::Red)
                    .bg(Color::Blue)
                    .add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
            ),
            Span::styled("y", Style::new().fg(Color::Green)),
        ]);
        assert_eq!(sgr(&line), "\x1b[3;4;31;44mx\x1b[0;32my\x1b[0m");
    }

    #[test]
    fn every_colour_and_modifier_has_its_code() {
        let full = |style: Style| {
            let mut out = String::new();
            write_full(&mut out, Pen::of(style, ColorDepth::TrueColor));
            out
        };
        assert_eq!(full(Style::new()), "\x1b[0m");
        assert_eq!(full(Style::new().fg(Color::Black)), "\x1b[0;30m");
        assert_eq!(full(Style::new().bg(Color::White)), "\x1b[0;107m");
        assert_eq!(
            full(Style::new().fg(Color::DarkGray).bg(Color::Gray)),
            "\x1b[0;90;47m"
        );
        assert_eq!(
            full(Style::new().bg(Color::Rgb(0, 9, 255))),
            "\x1b[0;48;2;0;9;255m"
        );
        assert_eq!(full(Style::new().fg(Color::Indexed(7))), "\x1b[0;38;5;7m");
        let all = Modifier::all();
        assert_eq!(
            full(Style::new().add_modifier(all)),
            "\x1b[0;1;2;3;4;5;6;7;8;9m"
        );
        assert_eq!(
            full(
                Style::new()
                    .add_modifier(all)
                    .remove_modifier(Modifier::BOLD)
            ),
            "\x1b[0;2;3;4;5;6;7;8;9m"
        );
    }
}
