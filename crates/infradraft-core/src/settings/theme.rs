//! Themes: named UI roles mapped to styles, loaded from RON. A theme file names only the roles it
//! changes; the rest come from the theme it is based on (gitui-style partial override).

use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::settings_from_str;
use crate::preview::PreviewStyles;

/// The built-in themes, in the order the palette lists them.
pub const BUILTIN_THEMES: [(&str, &str); 3] = [
    ("dark", include_str!("../../../../themes/dark.ron")),
    ("light", include_str!("../../../../themes/light.ron")),
    (
        "high-contrast",
        include_str!("../../../../themes/high-contrast.ron"),
    ),
];

/// How one role looks. Every field is optional: what a file leaves out is inherited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StyleSpec {
    pub fg: Option<String>,
    pub bg: Option<String>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub dim: Option<bool>,
    pub reversed: Option<bool>,
    pub crossed_out: Option<bool>,
}

impl StyleSpec {
    fn merged_over(&self, base: &StyleSpec) -> StyleSpec {
        StyleSpec {
            fg: self.fg.clone().or_else(|| base.fg.clone()),
            bg: self.bg.clone().or_else(|| base.bg.clone()),
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            underline: self.underline.or(base.underline),
            dim: self.dim.or(base.dim),
            reversed: self.reversed.or(base.reversed),
            crossed_out: self.crossed_out.or(base.crossed_out),
        }
    }

    fn to_style(&self, color: bool) -> Result<Style, String> {
        let mut style = Style::default();
        if !color && self.bg.is_some() && self.bg.as_deref() != Some("reset") {
            // Without colour, a role that stands out by its background stands out in reverse video.
            style = style.add_modifier(Modifier::REVERSED);
        }
        if color {
            if let Some(fg) = &self.fg {
                style = style.fg(parse_color(fg)?);
            }
            if let Some(bg) = &self.bg {
                style = style.bg(parse_color(bg)?);
            }
        }
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.dim, Modifier::DIM),
            (self.reversed, Modifier::REVERSED),
            (self.crossed_out, Modifier::CROSSED_OUT),
        ] {
            if on == Some(true) {
                style = style.add_modifier(m);
            }
        }
        Ok(style)
    }
}

fn parse_color(text: &str) -> Result<Color, String> {
    text.parse::<Color>().map_err(|_| {
        format!("{text:?} is not a colour (use a name such as \"blue\", \"#rrggbb\" or 0-255)")
    })
}

macro_rules! roles {
    ($( $(#[$doc:meta])* $name:ident ),* $(,)?) => {
        /// A theme as written in a file: a base theme, a syntect theme and the UI roles.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct ThemeFile {
            /// The theme this one starts from (a built-in name); `dark` when absent.
            pub base: Option<String>,
            /// The syntect theme used to highlight fenced code.
            pub syntax_theme: Option<String>,
            $( $(#[$doc])* pub $name: Option<StyleSpec>, )*
        }

        impl ThemeFile {
            fn merged_over(&self, base: &ThemeFile) -> ThemeFile {
                ThemeFile {
                    base: None,
                    syntax_theme: self.syntax_theme.clone().or_else(|| base.syntax_theme.clone()),
                    $( $name: match (&self.$name, &base.$name) {
                        (Some(a), Some(b)) => Some(a.merged_over(b)),
                        (a, b) => a.clone().or_else(|| b.clone()),
                    }, )*
                }
            }
        }

        /// A resolved theme: one ratatui style per role.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            pub name: String,
            pub syntax_theme: String,
            /// False when colour is off (`NO_COLOR`): styles then carry modifiers only.
            pub color: bool,
            $( $(#[$doc])* pub $name: Style, )*
        }

        impl Theme {
            fn resolve(name: &str, file: &ThemeFile, color: bool) -> Result<Theme, String> {
                Ok(Theme {
                    name: name.to_string(),
                    syntax_theme: if color { file.syntax_theme.clone().unwrap_or_default() } else { String::new() },
                    color,
                    $( $name: file.$name.as_ref().map(|s| s.to_style(color)).transpose()
                        .map_err(|e| format!("{}: {e}", stringify!($name)))?.unwrap_or_default(), )*
                })
            }
        }
    };
}

roles! {
    /// Plain text and the screen background.
    text,
    /// Secondary text: hints, counts, timestamps.
    dim,
    /// Pane borders when not focused.
    border,
    /// The border and title of the focused pane.
    focus_border,
    /// Pane titles.
    title,
    /// The selected navigator row.
    selected,
    /// Navigator group headings.
    group,
    badge_empty,
    badge_drafted,
    badge_decided,
    badge_finalized,
    /// Warning badges and messages.
    warning,
    /// Errors.
    error,
    /// Success messages.
    ok,
    /// The status bar.
    status_bar,
    /// Key names in the status bar and help.
    key,
    /// Popups (help, palette, confirmations).
    popup,
    /// The highlighted row of a popup list.
    popup_selected,
    /// Matched characters in the palette.
    matched,
    heading1,
    heading2,
    heading3,
    /// Inline code and code blocks.
    code,
    /// Block quotes.
    quote,
    /// Link text and targets.
    link,
    /// Table borders and rules.
    table_border,
    /// Table header cells.
    table_header,
    /// List bullets and numbers.
    list_marker,
    /// Rendered Mermaid diagrams.
    diagram,
    /// The editor's cursor line.
    cursor_line,
    /// Selected text in the editor.
    selection,
    /// Search matches in the editor.
    search_match,
}

/// A theme and, when something was wrong with the requested one, why the default is used instead.
#[derive(Debug, Clone)]
pub struct LoadedTheme {
    pub theme: Theme,
    pub warning: Option<String>,
}

fn builtin_file(name: &str) -> Option<ThemeFile> {
    BUILTIN_THEMES
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, text)| settings_from_str(text).ok())
}

/// Names of the themes on offer: the built-ins, then user themes in `<config>/themes/`.
pub fn theme_names(config_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN_THEMES.iter().map(|(n, _)| n.to_string()).collect();
    if let Ok(entries) = std::fs::read_dir(config_dir.join("themes")) {
        let mut user: Vec<String> = entries
            .filter_map(|e| {
                let path = e.ok()?.path();
                if path.extension()? != "ron" {
                    return None;
                }
                Some(path.file_stem()?.to_string_lossy().into_owned())
            })
            .filter(|n| !names.contains(n))
            .collect();
        user.sort();
        names.extend(user);
    }
    names
}

/// Loads theme `name`: a built-in, optionally overridden field by field by
/// `<config>/themes/<name>.ron`, or a user theme based on another. Never fails: a broken or unknown
/// theme falls back to `dark` with a warning.
pub fn load_theme(name: &str, config_dir: &Path, color: bool) -> LoadedTheme {
    match try_load(name, config_dir, color) {
        Ok(theme) => LoadedTheme {
            theme,
            warning: None,
        },
        Err(why) => LoadedTheme {
            theme: default_theme(color),
            warning: Some(format!("theme {name}: {why}; using the dark theme")),
        },
    }
}

fn try_load(name: &str, config_dir: &Path, color: bool) -> Result<Theme, String> {
    let dark = builtin_file("dark").ok_or("the built-in dark theme does not parse")?;
    let user_path = config_dir.join("themes").join(format!("{name}.ron"));
    let user: Option<ThemeFile> = match crate::files::read_settings(&user_path) {
        Ok(text) => Some(
            settings_from_str(&text)
                .map_err(|e| format!("{}:{}: {}", user_path.display(), e.span.start, e.code))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: {e}", user_path.display())),
    };
    let builtin = builtin_file(name);
    let base_name = user
        .as_ref()
        .and_then(|u| u.base.clone())
        .unwrap_or_else(|| {
            if builtin.is_some() {
                name.to_string()
            } else {
                "dark".into()
            }
        });
    let base = match builtin_file(&base_name) {
        Some(b) if base_name == "dark" => b,
        Some(b) => b.merged_over(&dark),
        None => return Err(format!("unknown base theme {base_name:?}")),
    };
    let file = match (&user, builtin) {
        (Some(u), _) => u.merged_over(&base),
        (None, Some(_)) => base,
        (None, None) => return Err("no such theme".into()),
    };
    Theme::resolve(name, &file, color)
}

/// The dark theme (the default), which is compiled in and tested to parse.
pub fn default_theme(color: bool) -> Theme {
    let file = builtin_file("dark").unwrap_or_default();
    Theme::resolve("dark", &file, color).unwrap_or_else(|_| {
        Theme::resolve("dark", &ThemeFile::default(), color).expect("an empty theme resolves")
    })
}

impl Theme {
    /// The styles the Markdown preview uses under this theme.
    pub fn preview_styles(&self) -> PreviewStyles {
        PreviewStyles {
            text: self.text,
            heading: [self.heading1, self.heading2, self.heading3],
            emphasis: Style::default().add_modifier(Modifier::ITALIC),
            strong: Style::default().add_modifier(Modifier::BOLD),
            strikethrough: Style::default().add_modifier(Modifier::CROSSED_OUT),
            code_inline: self.code,
            code_block: self.code,
            quote: self.quote,
            link: self.link,
            link_target: self.dim,
            rule: self.table_border,
            table_border: self.table_border,
            table_header: self.table_header,
            list_marker: self.list_marker,
            task_done: self.ok,
            diagram: self.diagram,
            error: self.error,
            syntax_theme: self.syntax_theme.clone(),
            color: self.color,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_parses_and_resolves_every_role() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in BUILTIN_THEMES {
            let file: ThemeFile = settings_from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(file.syntax_theme.is_some(), "{name} names no syntax theme");
            let loaded = load_theme(name, dir.path(), true);
            assert_eq!(loaded.warning, None, "{name}");
            assert_eq!(loaded.theme.name, name);
            assert_ne!(loaded.theme.focus_border, Style::default(), "{name}");
        }
    }

    #[test]
    fn a_user_file_overrides_only_the_roles_it_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes")).unwrap();
        std::fs::write(
            dir.path().join("themes/light.ron"),
            "(focus_border: (fg: \"#ff00ff\"))",
        )
        .unwrap();
        let light = load_theme("light", tempfile::tempdir().unwrap().path(), true).theme;
        let mine = load_theme("light", dir.path(), true);
        assert_eq!(mine.warning, None);
        assert_eq!(mine.theme.focus_border.fg, Some(Color::Rgb(255, 0, 255)));
        assert_eq!(mine.theme.heading1, light.heading1);
        assert_eq!(mine.theme.text, light.text);
    }

    #[test]
    fn a_broken_theme_falls_back_to_dark_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes")).unwrap();
        std::fs::write(
            dir.path().join("themes/mine.ron"),
            "(text: (fg: \"blurple\"))",
        )
        .unwrap();
        let loaded = load_theme("mine", dir.path(), true);
        assert_eq!(loaded.theme.name, "dark");
        let warning = loaded.warning.unwrap();
        assert!(
            warning.contains("blurple") && warning.contains("using the dark theme"),
            "{warning}"
        );
        std::fs::write(dir.path().join("themes/mine.ron"), "(text: (fg: ").unwrap();
        let warning = load_theme("mine", dir.path(), true).warning.unwrap();
        assert!(warning.contains("mine.ron:1:"), "{warning}");
        assert!(
            load_theme("nope", dir.path(), true)
                .warning
                .unwrap()
                .contains("no such theme")
        );
        assert!(theme_names(dir.path()).contains(&"mine".to_string()));
    }

    #[test]
    fn no_color_keeps_modifiers_only() {
        let t = load_theme("dark", Path::new("/nonexistent"), false).theme;
        assert_eq!(t.heading1.fg, None);
        assert_eq!(t.focus_border.fg, None);
        assert!(t.heading1.add_modifier.contains(Modifier::BOLD));
        assert_eq!(t.syntax_theme, "");
    }
}
