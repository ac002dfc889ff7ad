//! Technical stories and epic impacts: the epics and stories found in the inputs, the
//! infrastructure stories drafted from the decisions, and the refinements proposed to existing
//! stories. `d` drafts (again) from the decisions; `x` drops a proposal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::action::Action;
use super::app::App;
use crate::analysis::stories::{draft_stories, epics, story_markdown, suggest_refinements};
use crate::text::sanitize_line;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct StoriesState {
    /// Index into drafted stories, then refinements.
    pub selected: usize,
    /// The selected proposal rendered: for (selection, structure count, width).
    pub detail: Option<((usize, u64, u16), Vec<Line<'static>>)>,
    /// The epics of the inputs, parsed when the session's structure changed (structure count).
    pub epics: Option<(u64, Vec<crate::analysis::stories::Epic>)>,
}

/// The list and the detail of the selected proposal inside the stage's block.
fn split(inner: Rect) -> (Rect, Rect) {
    let [list, detail] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(3)]).areas(inner);
    (list, detail)
}

impl App {
    fn proposals(&self) -> usize {
        self.session.stories.len() + self.session.refinements.len()
    }

    /// Drafts stories and refinements from the decisions, replacing the earlier proposals.
    pub fn draft_stories(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let stories = draft_stories(&self.session);
        let found = epics(&self.session.inputs);
        let refinements = suggest_refinements(&self.session, &found);
        if stories.is_empty() && refinements.is_empty() {
            self.warn("nothing to draft yet: stories come from decisions made");
            return;
        }
        let (n, m) = (stories.len(), refinements.len());
        self.session.stories = stories;
        self.session.refinements = refinements;
        self.session.record(
            crate::model::now(),
            "stories",
            format!("drafted {n} stories and {m} refinements from the decisions"),
        );
        self.structure_changed();
        self.stages.stories.selected = 0;
        self.info(format!(
            "drafted {n} infrastructure stories and {m} refinements to existing stories"
        ));
    }

    /// Renders the selected proposal when the selection, the session or the width changed.
    pub fn prepare_stories(&mut self, workspace: Rect) {
        if self
            .stages
            .stories
            .epics
            .as_ref()
            .is_none_or(|(at, _)| *at != self.structure)
        {
            self.stages.stories.epics = Some((self.structure, epics(&self.session.inputs)));
        }
        let inner = Block::default().borders(Borders::ALL).inner(workspace);
        let width = split(inner).1.width.saturating_sub(2).max(1);
        let s = &self.session;
        let selected = self.stages.stories.selected;
        let key = (selected, self.structure, width);
        if self
            .stages
            .stories
            .detail
            .as_ref()
            .is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        let text = if selected < s.stories.len() {
            story_markdown(&s.stories[selected])
        } else if let Some(r) = s.refinements.get(selected - s.stories.len().min(selected)) {
            format!("**{}**: {}\n\nWhy: {}", r.story, r.change, r.why)
        } else {
            String::new()
        };
        let lines = crate::preview::render_markdown(
            &text,
            width,
            &self.theme.preview_styles(),
            &self.highlighter,
        );
        self.stages.stories.detail = Some((key, lines));
    }

    pub fn stories_action(&mut self, action: Action) -> bool {
        let n = self.proposals();
        let st = &mut self.stages.stories;
        match action {
            Action::Down => st.selected = (st.selected + 1).min(n.saturating_sub(1)),
            Action::Up => st.selected = st.selected.saturating_sub(1),
            Action::Top => st.selected = 0,
            Action::Bottom => st.selected = n.saturating_sub(1),
            Action::Generate => self.draft_stories(),
            Action::Remove => {
                if self.refuse_if_read_only() || n == 0 {
                    return true;
                }
                let i = self.stages.stories.selected.min(n - 1);
                let stories = self.session.stories.len();
                let what = if i < stories {
                    self.session.stories.remove(i).title
                } else {
                    self.session.refinements.remove(i - stories).story
                };
                self.session
                    .record(crate::model::now(), "stories", format!("dropped {what}"));
                self.structure_changed();
                self.stages.stories.selected = i.min(self.proposals().saturating_sub(1));
            }
            _ => return false,
        }
        true
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let b = super::stages::block(app, "Technical stories & epic impacts".into());
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let (list, detail) = split(inner);
    let s = &app.session;
    let found: &[crate::analysis::stories::Epic] = app
        .stages
        .stories
        .epics
        .as_ref()
        .map_or(&[], |(_, e)| e.as_slice());
    let selected = app.stages.stories.selected;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "Existing in the inputs: {} epics, {} stories",
            found.len(),
            found.iter().map(|e| e.stories.len()).sum::<usize>()
        ),
        t.heading3,
    ))];
    let width = list.width as usize;
    let cut = super::navigator::truncate;
    for e in found {
        let count = format!(" ({} stories)", e.stories.len());
        let head = format!("  Epic {}: ", e.number);
        // The title gives way, with an ellipsis, so that the count stays in view.
        let room = width.saturating_sub(head.chars().count() + count.chars().count());
        lines.push(Line::from(Span::styled(
            format!("{head}{}{count}", cut(&sanitize_line(&e.title), room)),
            t.dim,
        )));
    }
    lines.push(Line::default());
    let mut selected_line = 0;
    lines.push(Line::from(Span::styled(
        format!("New infrastructure stories: {}", s.stories.len()),
        t.heading3,
    )));
    if s.stories.is_empty() && s.refinements.is_empty() {
        lines.push(Line::from(Span::styled(
            "None drafted yet: d drafts them from the decided components.",
            t.dim,
        )));
    }
    for (i, story) in s.stories.iter().enumerate() {
        if i == selected {
            selected_line = lines.len();
        }
        let style = if i == selected { t.selected } else { t.text };
        let id = format!("  {:<9}", story.id);
        let size = format!("  {:?}", story.size);
        let room = width.saturating_sub(id.chars().count() + size.chars().count());
        lines.push(Line::from(vec![
            Span::styled(id, t.dim),
            Span::styled(cut(&sanitize_line(&story.title), room), style),
            Span::styled(size, t.dim),
        ]));
    }
    lines.push(Line::from(Span::styled(
        format!("Changes to existing stories: {}", s.refinements.len()),
        t.heading3,
    )));
    for (j, r) in s.refinements.iter().enumerate() {
        let i = s.stories.len() + j;
        if i == selected {
            selected_line = lines.len();
        }
        let style = if i == selected { t.selected } else { t.text };
        let id = format!("  {:<9}", r.story);
        let room = width.saturating_sub(id.chars().count());
        lines.push(Line::from(vec![
            Span::styled(id, t.dim),
            Span::styled(cut(&sanitize_line(&r.change), room), style),
        ]));
    }
    let scroll = selected_line.saturating_sub(list.height.saturating_sub(2) as usize);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        list,
    );
    let rendered: Vec<Line> = app
        .stages
        .stories
        .detail
        .as_ref()
        .map(|(_, l)| l.clone())
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(rendered).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.border),
        ),
        detail,
    );
}
