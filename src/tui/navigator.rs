//! The section navigator: the document's sections as a tree (runs of component sections grouped
//! under "Components"), each with its status badge, and the overall progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::knowledge::Template;
use crate::model::{SectionStatus, Session};
use crate::settings::theme::Theme;
use crate::text::sanitize_line;
use crate::workflow::Progress;

/// A stage of the process with a workspace of its own (not a document section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Inputs,
    Requirements,
    Diagrams,
    Stories,
    Checklist,
}

impl Stage {
    pub fn title(self) -> &'static str {
        match self {
            Stage::Inputs => "Inputs",
            Stage::Requirements => "Requirements",
            Stage::Diagrams => "Diagrams",
            Stage::Stories => "Stories & epics",
            Stage::Checklist => "Checklist review",
        }
    }

    /// The id a resume point uses for it.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Inputs => "stage:inputs",
            Stage::Requirements => "stage:requirements",
            Stage::Diagrams => "stage:diagrams",
            Stage::Stories => "stage:stories",
            Stage::Checklist => "stage:checklist",
        }
    }
}

/// One row of the navigator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A group heading (not selectable).
    Group(String),
    /// A process stage.
    Stage(Stage),
    /// A section, by index into `Session::sections`, and its depth in the tree.
    Section { index: usize, depth: u16 },
}

impl Row {
    pub fn selectable(&self) -> bool {
        !matches!(self, Row::Group(_))
    }
}

/// The rows for a session: the gathering stages, then the sections in order; consecutive
/// component sections form a group.
pub fn rows(session: &Session, template: &Template) -> Vec<Row> {
    let is_component =
        |id: &str| session.has_decisions(id) || template.section(id).is_some_and(|t| t.component);
    let mut rows = vec![
        Row::Group("Gather".into()),
        Row::Stage(Stage::Inputs),
        Row::Stage(Stage::Requirements),
        Row::Group("Document".into()),
    ];
    let mut in_group = false;
    for (index, section) in session.sections.iter().enumerate() {
        let component = is_component(&section.id);
        if component && !in_group {
            rows.push(Row::Group("Components".into()));
        }
        in_group = component;
        rows.push(Row::Section {
            index,
            depth: if component { 2 } else { 1 },
        });
    }
    rows.push(Row::Group("Finish".into()));
    rows.push(Row::Stage(Stage::Diagrams));
    rows.push(Row::Stage(Stage::Stories));
    rows.push(Row::Stage(Stage::Checklist));
    rows
}

pub fn badge(status: SectionStatus) -> &'static str {
    match status {
        SectionStatus::Empty => "○",
        SectionStatus::Drafted => "◐",
        SectionStatus::Decided => "●",
        SectionStatus::Finalized => "✓",
    }
}

pub fn badge_style(theme: &Theme, status: SectionStatus) -> Style {
    match status {
        SectionStatus::Empty => theme.badge_empty,
        SectionStatus::Drafted => theme.badge_drafted,
        SectionStatus::Decided => theme.badge_decided,
        SectionStatus::Finalized => theme.badge_finalized,
    }
}

/// Scroll offset that keeps `selected` visible in `height` rows.
pub fn scroll_for(selected: usize, offset: usize, height: usize) -> usize {
    if height == 0 {
        return offset;
    }
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

pub struct NavigatorView<'a> {
    pub session: &'a Session,
    pub rows: &'a [Row],
    /// Index into `rows` of the selected row.
    pub selected: usize,
    pub offset: usize,
    pub focused: bool,
    pub theme: &'a Theme,
    /// Conflicts with the inputs per section, shown as warning badges.
    pub conflicts: &'a [usize],
    /// Per section: the selected section depends on it (from a cross-functional integration
    /// worksheet), shown as ⇠.
    pub dependencies: &'a [bool],
    /// Open review comments per section, shown as ✎N.
    pub comments: &'a [usize],
}

impl NavigatorView<'_> {
    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        let t = self.theme;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.focused {
                t.focus_border
            } else {
                t.border
            })
            .title(Span::styled(
                " Sections ",
                if self.focused {
                    t.focus_border
                } else {
                    t.title
                },
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let footer_height = if inner.height >= 6 { 2 } else { 0 };
        let list_height = inner.height.saturating_sub(footer_height) as usize;
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::with_capacity(list_height + 2);
        for (i, row) in self
            .rows
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(list_height)
        {
            let selected = i == self.selected;
            let line = match row {
                Row::Group(name) => Line::from(Span::styled(name.to_string(), t.group)),
                Row::Stage(stage) => {
                    let count = match stage {
                        Stage::Inputs => self.session.inputs.len(),
                        Stage::Requirements => self.session.requirements.len(),
                        Stage::Diagrams => self.session.diagrams.len(),
                        Stage::Stories => {
                            self.session.stories.len() + self.session.refinements.len()
                        }
                        Stage::Checklist => self.session.checklist.len(),
                    };
                    let badge = if count > 0 { "◆" } else { "◇" };
                    let mut spans = vec![
                        Span::styled(
                            badge,
                            if count > 0 {
                                t.badge_finalized
                            } else {
                                t.badge_empty
                            },
                        ),
                        Span::raw(" "),
                        Span::styled(stage.title(), t.text),
                    ];
                    let label = format!("{count}");
                    let used: usize = spans.iter().map(|s| s.width()).sum();
                    let pad = width.saturating_sub(used + label.len() + 1);
                    spans.push(Span::styled(" ".repeat(pad), t.text));
                    spans.push(Span::styled(format!("{label} "), t.dim));
                    if selected {
                        for span in spans.iter_mut().skip(2) {
                            span.style = t.selected;
                        }
                    }
                    Line::from(spans)
                }
                Row::Section { index, depth } => {
                    let s = &self.session.sections[*index];
                    let indent = " ".repeat(*depth as usize - 1);
                    let title = sanitize_line(&s.title);
                    let warn = self
                        .conflicts
                        .get(*index)
                        .copied()
                        .filter(|n| *n > 0)
                        .map(|n| format!(" ⚠{n}"))
                        .unwrap_or_default();
                    let dep = if self.dependencies.get(*index).copied().unwrap_or(false) {
                        " ⇠"
                    } else {
                        ""
                    };
                    let notes = self
                        .comments
                        .get(*index)
                        .copied()
                        .filter(|n| *n > 0)
                        .map(|n| format!(" ✎{n}"))
                        .unwrap_or_default();
                    let warn = format!("{dep}{notes}{warn}");
                    let room = width.saturating_sub(indent.len() + 2 + warn.chars().count());
                    let title = truncate(&title, room);
                    let mut spans = vec![
                        Span::raw(indent),
                        Span::styled(badge(s.status), badge_style(t, s.status)),
                        Span::raw(" "),
                        Span::raw(title),
                    ];
                    if !warn.is_empty() {
                        let used: usize = spans.iter().map(|s| s.width()).sum();
                        let pad = width.saturating_sub(used + warn.chars().count());
                        spans[3].content =
                            format!("{}{}", spans[3].content, " ".repeat(pad)).into();
                    }
                    if selected {
                        let used: usize = spans.iter().map(|s| s.width()).sum();
                        spans.push(Span::raw(
                            " ".repeat(width.saturating_sub(used + warn.chars().count())),
                        ));
                        for span in spans.iter_mut().skip(3) {
                            span.style = t.selected;
                        }
                        if !self.focused {
                            for span in spans.iter_mut().skip(3) {
                                span.style =
                                    t.selected.remove_modifier(ratatui::style::Modifier::BOLD);
                            }
                        }
                    } else {
                        spans[3].style = t.text;
                    }
                    if !dep.is_empty() {
                        spans.push(Span::styled(dep, t.key));
                    }
                    if !notes.is_empty() {
                        spans.push(Span::styled(notes.clone(), t.key));
                    }
                    let rest = dep.len() + notes.len();
                    if warn.len() > rest {
                        spans.push(Span::styled(warn[rest..].to_string(), t.warning));
                    }
                    Line::from(spans)
                }
            };
            lines.push(line);
        }
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                height: list_height as u16,
                ..inner
            },
        );
        if footer_height > 0 {
            let p = Progress::of(self.session);
            let footer = vec![
                Line::from(Span::styled("─".repeat(width), t.border)),
                Line::from(vec![
                    Span::styled(format!("{}/{}", p.sections_drafted, p.sections), t.key),
                    Span::styled(" drafted  ", t.dim),
                    Span::styled(format!("{}/{}", p.decisions_made, p.decisions), t.key),
                    Span::styled(" decided", t.dim),
                ]),
            ];
            frame.render_widget(
                Paragraph::new(footer),
                Rect {
                    y: inner.y + inner.height - footer_height,
                    height: footer_height,
                    ..inner
                },
            );
        }
    }
}

/// Cuts `text` to `width` display columns, ending in … when cut.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}
