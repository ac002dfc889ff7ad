//! The command palette: every action of the panes and every theme, filtered fuzzily as the
//! person types.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Layer, LayerContext, Outcome, actions, centered, frame_block, list_hints};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::text_field::{FieldKind, TextField};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteEntry {
    Action { action: Action, key: Option<Key> },
    Theme(String),
}

impl PaletteEntry {
    /// The entry's name (an action's, or the theme's), which a query matching it ranks first.
    fn name(&self) -> String {
        match self {
            PaletteEntry::Action { action, .. } => action.name().to_string(),
            PaletteEntry::Theme(name) => format!("theme: {name}"),
        }
    }

    fn text(&self) -> String {
        match self {
            PaletteEntry::Action { action, .. } => {
                format!("{}  {}", action.name(), action.description())
            }
            PaletteEntry::Theme(name) => format!("theme: {name}  Switch to the {name} theme"),
        }
    }
}

pub struct Palette {
    /// What is typed to filter the entries (a line field: the cursor moves, edits undo).
    pub query: TextField,
    entries: Vec<PaletteEntry>,
    /// Indices into `entries` that match the query, best first, with the matched char positions.
    pub matches: Vec<(usize, Vec<u32>)>,
    pub selected: usize,
}

impl Palette {
    pub fn new(entries: Vec<PaletteEntry>) -> Palette {
        let mut p = Palette {
            query: TextField::new("", FieldKind::Line),
            entries,
            matches: Vec::new(),
            selected: 0,
        };
        p.refilter();
        p
    }

    /// Inserts pasted text at the cursor.
    pub fn push_str(&mut self, s: &str) {
        self.query.paste(s);
        self.refilter();
    }

    /// Re-ranks the entries for the query: fuzzy, case-insensitive; entries whose name matches
    /// before those matched only by their description, then best score first, ties in list
    /// order.
    fn refilter(&mut self) {
        self.selected = 0;
        let query = self.query.text();
        if query.trim().is_empty() {
            self.matches = (0..self.entries.len()).map(|i| (i, Vec::new())).collect();
            return;
        }
        let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut scored: Vec<((bool, u32), usize, Vec<u32>)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let text = e.text();
                let mut indices = Vec::new();
                let score =
                    pattern.indices(Utf32Str::new(&text, &mut buf), &mut matcher, &mut indices)?;
                let name = e.name();
                let on_name = pattern
                    .score(Utf32Str::new(&name, &mut buf), &mut matcher)
                    .is_some();
                indices.sort_unstable();
                indices.dedup();
                Some(((on_name, score), i, indices))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i, ix)| (i, ix)).collect();
    }

    pub fn entry(&self, match_index: usize) -> Option<&PaletteEntry> {
        self.matches
            .get(match_index)
            .and_then(|(i, _)| self.entries.get(*i))
    }
}

impl Layer for Palette {
    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        // What is typed goes to the query; other keys are the keymap's.
        let typed = matches!(event.code, KeyCode::Char(_))
            && !event
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !typed {
            for action in actions(keymap, &[Context::Popup], &event) {
                match action {
                    Action::Close => return Outcome::Close,
                    Action::Choose => {
                        return match self.entry(self.selected) {
                            Some(PaletteEntry::Action { action, .. }) => Outcome::Run(*action),
                            Some(PaletteEntry::Theme(name)) => Outcome::SetTheme(name.clone()),
                            None => Outcome::Stay,
                        };
                    }
                    Action::Up => {
                        self.selected = self.selected.saturating_sub(1);
                        return Outcome::Stay;
                    }
                    Action::Down => {
                        self.selected =
                            (self.selected + 1).min(self.matches.len().saturating_sub(1));
                        return Outcome::Stay;
                    }
                    _ => {}
                }
            }
        }
        let before = self.query.text();
        self.query.handle_key(event);
        if self.query.text() != before {
            self.refilter();
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        let (theme, screen) = (cx.theme, frame.area());
        let p = self;
        let area = centered(screen, 80, screen.height.saturating_sub(6).min(22));
        frame.render_widget(Clear, area);
        let title = format!(
            "Command palette · {} runs · {} closes",
            super::key_of(cx.keymap, Context::Popup, Action::Choose),
            super::key_of(cx.keymap, Context::Popup, Action::Close)
        );
        let block = frame_block(&title, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [input, list] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
        let [prompt, count] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(input);
        let [marker, field] =
            Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(prompt);
        frame.render_widget(Span::styled("> ", theme.key), marker);
        p.query.draw(frame, field);
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{} of {}", p.matches.len(), p.entries.len()),
                theme.dim,
            )),
            count,
        );
        let height = list.height as usize;
        let offset = p.selected.saturating_sub(height.saturating_sub(1));
        let width = list.width as usize;
        let mut lines = Vec::new();
        for (row, (i, indices)) in p.matches.iter().enumerate().skip(offset).take(height) {
            let entry = &p.entries[*i];
            let text = entry.text();
            let selected = row == p.selected;
            let base = if selected {
                theme.popup_selected
            } else {
                theme.text
            };
            let key = match entry {
                PaletteEntry::Action { key: Some(k), .. } => k.to_string(),
                _ => String::new(),
            };
            // The text ends with "…" where it would run into the key.
            let room = width.saturating_sub(key.chars().count() + 2);
            let fits = unicode_width::UnicodeWidthStr::width(text.as_str()) <= room;
            let mut taken = 0;
            let mut spans: Vec<Span> = text
                .chars()
                .take_while(|c| {
                    taken += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    fits || taken < room
                })
                .enumerate()
                .map(|(ci, c)| {
                    let style = if indices.binary_search(&(ci as u32)).is_ok() {
                        base.patch(theme.matched)
                    } else if selected {
                        base
                    } else if text.find("  ").is_some_and(|sep| ci > sep) {
                        theme.dim
                    } else {
                        base
                    };
                    Span::styled(c.to_string(), style)
                })
                .collect();
            if !fits {
                spans.push(Span::styled("…", theme.dim));
            }
            let used: usize = spans.iter().map(|s| s.width()).sum();
            let pad = width.saturating_sub(used + key.chars().count() + 1);
            spans.push(Span::styled(" ".repeat(pad), base));
            spans.push(Span::styled(
                format!("{key} "),
                if selected { base } else { theme.key },
            ));
            lines.push(Line::from(spans));
        }
        frame.render_widget(Paragraph::new(lines), list);
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        std::iter::once(("type".to_string(), "filter"))
            .chain(list_hints(keymap, "run", "close"))
            .collect()
    }

    fn field_mut(&mut self) -> Option<&mut TextField> {
        Some(&mut self.query)
    }
}
