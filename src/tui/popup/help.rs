//! Help: the guide to the process (first, for a newcomer) and every key, generated from the
//! keymap so that it is always accurate.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Layer, LayerContext, Outcome, actions, centered, frame_block, hint, key_of, scroll_text,
};
use crate::settings::theme::Theme;
use crate::tui::action::{Action, Context};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::text_field::wrap_words;
use crate::tui::wrap::popup_width;

/// The two pages of help: how the process goes (first for a newcomer), and every key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    Guide,
    Keys,
}

/// The help popup.
pub struct Help {
    /// The guide to the process, or the keys.
    pub page: HelpPage,
    pub scroll: usize,
    /// The help's lines and the width they were laid out for (made before the frame by
    /// [`Layer::prepare`], not per frame).
    pub lines: Option<(usize, Vec<Line<'static>>)>,
}

impl Help {
    pub fn new(page: HelpPage) -> Help {
        Help {
            page,
            scroll: 0,
            lines: None,
        }
    }
}

/// The guide page's text (Markdown, rendered like the preview).
const GUIDE: &str = include_str!("../../../assets/guide.md");

/// The guide page laid out at `width` columns.
pub fn guide_lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    crate::preview::render_markdown(
        GUIDE,
        width,
        &theme.preview_styles(),
        &crate::preview::Highlighter::plain(),
    )
}

/// Where the help popup is drawn on `screen`.
fn help_area(screen: Rect) -> Rect {
    centered(screen, 92, screen.height.saturating_sub(4))
}

impl Layer for Help {
    fn prepare(&mut self, screen: Rect, keymap: &Keymap, theme: &Theme) {
        let width = usize::from(help_area(screen).width.saturating_sub(2));
        if self
            .lines
            .as_ref()
            .is_none_or(|(laid_out, _)| *laid_out != width)
        {
            self.lines = Some((
                width,
                match self.page {
                    HelpPage::Guide => guide_lines(theme, popup_width(width)),
                    HelpPage::Keys => help_lines(keymap, theme, popup_width(width)),
                },
            ));
        }
    }

    fn handle(&mut self, event: KeyEvent, keymap: &Keymap) -> Outcome {
        // The keys that open help close it too.
        let key = Key::from_event(&event);
        if keymap.keys(Context::Global, Action::Help).contains(&key)
            || keymap.keys(Context::Navigator, Action::Help).contains(&key)
        {
            return Outcome::Close;
        }
        let scroll = &mut self.scroll;
        for action in actions(keymap, &[Context::Popup], &event) {
            match action {
                Action::OtherPage => {
                    self.page = match self.page {
                        HelpPage::Guide => HelpPage::Keys,
                        HelpPage::Keys => HelpPage::Guide,
                    };
                    *scroll = 0;
                    self.lines = None;
                }
                Action::Close => return Outcome::Close,
                a if scroll_text(a, scroll) => {}
                _ => continue,
            }
            break;
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, cx: &LayerContext) {
        let (theme, keymap, screen) = (cx.theme, cx.keymap, frame.area());
        let Help {
            page,
            scroll,
            lines,
        } = self;
        let area = help_area(screen);
        frame.render_widget(Clear, area);
        let width = usize::from(area.width.saturating_sub(2));
        let made;
        let lines = match lines {
            Some((laid_out, lines)) if *laid_out == width => lines,
            _ => {
                made = match page {
                    HelpPage::Guide => guide_lines(theme, popup_width(width)),
                    HelpPage::Keys => help_lines(keymap, theme, popup_width(width)),
                };
                &made
            }
        };
        // The lines are laid out for this width: only those in view are drawn.
        let inner_h = area.height.saturating_sub(2) as usize;
        let max = lines.len().saturating_sub(inner_h);
        let scroll = (*scroll).min(max);
        let (this, other) = match page {
            HelpPage::Guide => ("the guide", "the keys"),
            HelpPage::Keys => ("the keys", "the guide"),
        };
        let title = format!(
            "Help: {this} · {}: {other} · {} scroll · {} closes",
            key_of(keymap, Context::Popup, Action::OtherPage),
            keymap
                .label(Context::Popup, &[Action::Up, Action::Down])
                .unwrap_or_default(),
            key_of(keymap, Context::Popup, Action::Close),
        );
        let block = frame_block(&title, theme);
        let shown = lines.iter().skip(scroll).take(inner_h).cloned();
        frame.render_widget(Paragraph::new(shown.collect::<Vec<_>>()).block(block), area);
    }

    fn key_hints(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        let other = match self.page {
            HelpPage::Guide => "the keys",
            HelpPage::Keys => "the guide",
        };
        [
            hint(keymap, Context::Popup, &[Action::OtherPage], other),
            hint(
                keymap,
                Context::Popup,
                &[Action::Up, Action::Down],
                "scroll",
            ),
            hint(
                keymap,
                Context::Popup,
                &[Action::PageUp, Action::PageDown],
                "page",
            ),
            hint(
                keymap,
                Context::Popup,
                &[Action::Top, Action::Bottom],
                "top/end",
            ),
            hint(keymap, Context::Popup, &[Action::Close], "close"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The lines of the help popup at `width` columns, generated from the keymap so that it is
/// always accurate: keys, action and description in columns, a description that does not fit
/// continued under itself.
pub fn help_lines(keymap: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let keys_of = |keys: &[Key]| {
        keys.iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Columns as wide as their widest entry, and a space after each, so that nothing runs
    // into the next column.
    let (mut keys_width, mut name_width) = (0, 0);
    for context in Context::ALL {
        for (action, keys) in keymap.bindings(context) {
            keys_width = keys_width.max(keys_of(keys).chars().count());
            name_width = name_width.max(action.name().chars().count());
        }
    }
    let mut lines = Vec::new();
    for context in Context::ALL {
        let title = context.title();
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(title.to_string(), theme.heading2)));
        let indent = 2 + keys_width + 1 + name_width + 1;
        for (action, keys) in keymap.bindings(context) {
            let keys = keys_of(keys);
            let mut rows = wrap_words(action.description(), width.saturating_sub(indent).max(20));
            let first = if rows.is_empty() {
                String::new()
            } else {
                rows.remove(0)
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<keys_width$} "), theme.key),
                Span::styled(format!("{:<name_width$} ", action.name()), theme.text),
                Span::styled(first, theme.dim),
            ]));
            for row in rows {
                lines.push(Line::from(Span::styled(
                    format!("{:indent$}{row}", ""),
                    theme.dim,
                )));
            }
        }
    }
    lines.push(Line::default());
    for row in wrap_words(
        "In the editor, keys without a binding edit text: arrows move, Shift+arrows select, \
         Home/End, Ctrl+←/→ by word; a prompt's field takes Enter (save), Alt+Enter (new line), \
         ^Z/^Y (undo/redo), ^U (clear) and ^E ($EDITOR). The elicitation menu's entries are \
         chosen by their numbers, 1 to 8. Every action of the panes is also in the palette.",
        width,
    ) {
        lines.push(Line::from(Span::styled(row, theme.dim)));
    }
    lines
}
