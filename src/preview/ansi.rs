//! ANSI SGR output of rendered lines, for `infradraft render --color always`.

use std::fmt::Write;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

/// What a terminal shows text in: colours (`None` for the terminal's own) and attributes.
#[derive(Clone, Copy, Default, PartialEq)]
struct Pen {
    fg: Option<Color>,
    bg: Option<Color>,
    mods: Modifier,
}

impl Pen {
    fn of(style: Style) -> Pen {
        let colour = |c: Option<Color>| c.filter(|c| *c != Color::Reset);
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
pub(crate) fn write_line(out: &mut String, line: &Line<'_>) {
    let mut pen = Pen::default();
    let mut scratch = String::new();
    for span in &line.spans {
        if span.content.is_empty() {
            continue;
        }
        let want = Pen::of(Style::default().patch(line.style).patch(span.style));
        if want != pen {
            write_change(out, &mut scratch, pen, want);
            pen = want;
        }
        out.push_str(&span.content);
    }
    if pen != Pen::default() {
        out.push_str("\x1b[0m");
    }
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
    let ext = if bg { 48 } else { 38 };
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
            let _ = write!(out, ";{ext};5;{i}");
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
        write_line(&mut out, line);
        out
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
            write_full(&mut out, Pen::of(style));
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
