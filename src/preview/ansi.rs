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
        let sgr = sgr(style);
        if sgr.is_empty() {
            if styled {
                out.push_str("\x1b[0m");
                styled = false;
            }
        } else {
            let _ = write!(out, "\x1b[0;{sgr}m");
            styled = true;
        }
        out.push_str(&span.content);
    }
    if styled {
        out.push_str("\x1b[0m");
    }
}

/// The SGR parameters for a style (without the leading reset), e.g. `1;38;2;97;175;239`.
fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = Vec::new();
    let mods = style.add_modifier - style.sub_modifier;
    for (m, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if mods.contains(m) {
            codes.push(code.to_string());
        }
    }
    if let Some(fg) = style.fg.and_then(|c| colour(c, false)) {
        codes.push(fg);
    }
    if let Some(bg) = style.bg.and_then(|c| colour(c, true)) {
        codes.push(bg);
    }
    codes.join(";")
}

fn colour(c: Color, bg: bool) -> Option<String> {
    let base = if bg { 40 } else { 30 };
    let bright = if bg { 100 } else { 90 };
    let ext = if bg { 48 } else { 38 };
    Some(match c {
        Color::Reset => return None,
        Color::Black => format!("{}", base),
        Color::Red => format!("{}", base + 1),
        Color::Green => format!("{}", base + 2),
        Color::Yellow => format!("{}", base + 3),
        Color::Blue => format!("{}", base + 4),
        Color::Magenta => format!("{}", base + 5),
        Color::Cyan => format!("{}", base + 6),
        Color::Gray => format!("{}", base + 7),
        Color::DarkGray => format!("{}", bright),
        Color::LightRed => format!("{}", bright + 1),
        Color::LightGreen => format!("{}", bright + 2),
        Color::LightYellow => format!("{}", bright + 3),
        Color::LightBlue => format!("{}", bright + 4),
        Color::LightMagenta => format!("{}", bright + 5),
        Color::LightCyan => format!("{}", bright + 6),
        Color::White => format!("{}", bright + 7),
        Color::Indexed(i) => format!("{ext};5;{i}"),
        Color::Rgb(r, g, b) => format!("{ext};2;{r};{g};{b}"),
    })
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
    }
}
