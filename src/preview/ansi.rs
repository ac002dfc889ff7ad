//! ANSI SGR output of rendered lines, for `infradraft render --color always`.

use std::fmt::Write;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

/// Appends `line` with SGR escapes for its styles (no newline). Every styled span starts with a
/// full reset, and the line ends with a reset when anything was styled.
pub(crate) fn write_line(out: &mut String, line: &Line<'_>) {
    let mut styled = false;
    for span in &line.spans {
        let style = Style::default().patch(line.style).patch(span.style);
        if write_sgr(out, style) {
            styled = true;
        } else if styled {
            out.push_str("\x1b[0m");
            styled = false;
        }
        out.push_str(&span.content);
    }
    if styled {
        out.push_str("\x1b[0m");
    }
}

/// Appends the escape for a style, a full reset followed by its parameters (e.g.
/// `ESC[0;1;38;2;97;175;239m`), and returns `true`; appends nothing and returns `false` for a
/// style with nothing to show.
fn write_sgr(out: &mut String, style: Style) -> bool {
    let start = out.len();
    out.push_str("\x1b[0");
    let mods = style.add_modifier - style.sub_modifier;
    for (m, code) in [
        (Modifier::BOLD, ";1"),
        (Modifier::DIM, ";2"),
        (Modifier::ITALIC, ";3"),
        (Modifier::UNDERLINED, ";4"),
        (Modifier::SLOW_BLINK, ";5"),
        (Modifier::RAPID_BLINK, ";6"),
        (Modifier::REVERSED, ";7"),
        (Modifier::HIDDEN, ";8"),
        (Modifier::CROSSED_OUT, ";9"),
    ] {
        if mods.contains(m) {
            out.push_str(code);
        }
    }
    if let Some(fg) = style.fg {
        write_colour(out, fg, false);
    }
    if let Some(bg) = style.bg {
        write_colour(out, bg, true);
    }
    if out.len() == start + 3 {
        out.truncate(start);
        return false;
    }
    out.push('m');
    true
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
        let mut out = String::new();
        write_line(&mut out, &line);
        assert_eq!(
            out,
            "\x1b[0;38;2;1;2;3;48;5;236ma\x1b[0m \x1b[0;1;31mb\x1b[0m"
        );
        let mut plain = String::new();
        write_line(&mut plain, &Line::from("text"));
        assert_eq!(plain, "text");
        let mut reset = String::new();
        write_line(
            &mut reset,
            &Line::from(Span::styled("r", Style::new().fg(Color::Reset))),
        );
        assert_eq!(reset, "r");
    }

    #[test]
    fn every_colour_and_modifier_has_its_code() {
        let sgr = |style: Style| {
            let mut out = String::new();
            write_sgr(&mut out, style);
            out
        };
        assert_eq!(sgr(Style::new()), "");
        assert_eq!(sgr(Style::new().fg(Color::Black)), "\x1b[0;30m");
        assert_eq!(sgr(Style::new().bg(Color::White)), "\x1b[0;107m");
        assert_eq!(
            sgr(Style::new().fg(Color::DarkGray).bg(Color::Gray)),
            "\x1b[0;90;47m"
        );
        assert_eq!(
            sgr(Style::new().bg(Color::Rgb(0, 9, 255))),
            "\x1b[0;48;2;0;9;255m"
        );
        assert_eq!(sgr(Style::new().fg(Color::Indexed(7))), "\x1b[0;38;5;7m");
        let all = Modifier::all();
        assert_eq!(
            sgr(Style::new().add_modifier(all)),
            "\x1b[0;1;2;3;4;5;6;7;8;9m"
        );
        assert_eq!(
            sgr(Style::new()
                .add_modifier(all)
                .remove_modifier(Modifier::BOLD)),
            "\x1b[0;2;3;4;5;6;7;8;9m"
        );
    }
}
