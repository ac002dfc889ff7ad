//! The checklist review: every item of the checklists that apply, marked Pass / Partial / Fail /
//! N/A with a note; items whose sections are still empty are pre-flagged; a summary of pass rates
//! per category and overall; Enter jumps to an item's section. Items nobody has marked show the
//! tool's own assessment (see `analysis::assessment`) dimmed, with its evidence in the detail pane;
//! it is never a mark and never counts in the pass rates.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::app::App;
use super::popup::{Popup, Prompt, PromptPurpose};
use crate::analysis::checklist_review::{applies, mark_of, preflag};
use crate::model::{Mark, now};
use crate::text::sanitize_line;
use crate::workflow::edit::checklist;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ChecklistState {
    /// Index into the visible items.
    pub selected: usize,
    pub offset: usize,
    /// Only items that are not passed (deficiencies).
    pub deficiencies_only: bool,
}

/// One visible row: (category index, item index) into the checklist.
/// The checklist's rows as (category, item): the categories that apply, and with the filter on,
/// only the items still needing work.
pub(crate) fn rows(app: &App) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (c, (category, items)) in app.doc.checklist.categories.iter().enumerate() {
        if !applies(category, &app.doc.session) {
            continue;
        }
        for (i, item) in items.iter().enumerate() {
            if app.ui.stages.checklist.deficiencies_only {
                let mark = mark_of(&app.doc.session, &item.id).map(|m| m.mark);
                if matches!(mark, Some(Mark::Pass) | Some(Mark::NotApplicable)) {
                    continue;
                }
            }
            out.push((c, i));
        }
    }
    out
}

fn mark_label(mark: Option<Mark>) -> (&'static str, &'static str) {
    match mark {
        Some(Mark::Pass) => ("✓", "pass"),
        Some(Mark::Partial) => ("◐", "partial"),
        Some(Mark::Fail) => ("✗", "fail"),
        Some(Mark::NotApplicable) => ("–", "n/a"),
        None => ("·", "open"),
    }
}

impl App {
    /// The checklist item under the cursor, as (category, item) indices into the checklist.
    pub fn selected_item(&self) -> Option<(usize, usize)> {
        let rows = rows(self);
        rows.get(
            self.ui
                .stages
                .checklist
                .selected
                .min(rows.len().saturating_sub(1)),
        )
        .copied()
    }

    /// Marks the selected item, keeping its note.
    fn mark_item(&mut self, mark: Mark) {
        let Some((c, i)) = self.selected_item() else {
            return;
        };
        let id = self.doc.checklist.categories[c].1[i].id.clone();
        if self
            .change(|s| checklist::mark(s, &id, mark, now()))
            .is_none()
        {
            return;
        }
        let n = rows(self).len();
        if !self.ui.stages.checklist.deficiencies_only {
            self.ui.stages.checklist.selected =
                (self.ui.stages.checklist.selected + 1).min(n.saturating_sub(1));
        } else {
            self.ui.stages.checklist.selected =
                self.ui.stages.checklist.selected.min(n.saturating_sub(1));
        }
    }

    /// Sets the note of the selected item (from a prompt); an unmarked item becomes Partial only
    /// when the person marks it, so a note alone leaves it open.
    pub fn set_checklist_note(&mut self, item: &str, note: &str) {
        if mark_of(&self.doc.session, item).is_none() && self.doc.read_only.is_none() {
            self.warn("mark the item first (1 pass, 2 partial, 3 fail, 4 n/a), then add a note");
            return;
        }
        self.edit(|s| checklist::note(s, item, note, now()));
    }

    pub fn checklist_action(&mut self, action: Action) -> bool {
        let n = rows(self).len();
        let st = &mut self.ui.stages.checklist;
        match action {
            Action::Down => st.selected = (st.selected + 1).min(n.saturating_sub(1)),
            Action::Up => st.selected = st.selected.saturating_sub(1),
            Action::Top => st.selected = 0,
            Action::Bottom => st.selected = n.saturating_sub(1),
            Action::PageDown => st.selected = (st.selected + 10).min(n.saturating_sub(1)),
            Action::PageUp => st.selected = st.selected.saturating_sub(10),
            Action::MarkPass => self.mark_item(Mark::Pass),
            Action::MarkPartial => self.mark_item(Mark::Partial),
            Action::MarkFail => self.mark_item(Mark::Fail),
            Action::MarkNotApplicable => self.mark_item(Mark::NotApplicable),
            Action::ToggleFilter => {
                st.deficiencies_only = !st.deficiencies_only;
                st.selected = 0;
                st.offset = 0;
            }
            Action::EditItem => {
                if let Some((c, i)) = self.selected_item() {
                    let id = self.doc.checklist.categories[c].1[i].id.clone();
                    let note = mark_of(&self.doc.session, &id)
                        .map(|m| m.note.clone())
                        .unwrap_or_default();
                    self.ui.popups.push(Popup::Prompt(Prompt::new(
                        &format!("Note on {id}"),
                        &note,
                        PromptPurpose::ChecklistNote(id),
                    )));
                }
            }
            Action::Open => {
                if let Some((c, i)) = self.selected_item() {
                    let sections = self.doc.checklist.categories[c].1[i].sections.clone();
                    match sections.first() {
                        Some(id) => self.jump(|app| app.go_to_section(id)),
                        None => self.warn("this item is not linked to a section"),
                    }
                }
            }
            _ => return false,
        }
        true
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let b = super::stages::block(app, "Checklist review".into());
    let inner = b.inner(area);
    frame.render_widget(b, area);
    // Worked out before the frame (`App::prepare`), never here.
    let Some(sum) = app.derived.checklist.as_ref() else {
        return;
    };
    let assessment = |item: &str| {
        app.derived
            .analyses
            .assessments()
            .iter()
            .find(|a| a.item == item && mark_of(&app.doc.session, item).is_none())
    };
    let applicable: Vec<_> = sum.categories.iter().filter(|c| c.applies).collect();
    let assessed = app
        .derived
        .analyses
        .assessments()
        .iter()
        .any(|a| mark_of(&app.doc.session, &a.item).is_none());
    let summary_height =
        (applicable.len() as u16 / 2 + 3 + 3 * u16::from(assessed)).min(inner.height / 3);
    let [top, list, detail] = Layout::vertical([
        Constraint::Length(summary_height),
        Constraint::Min(3),
        Constraint::Length(8.min(inner.height / 3)),
    ])
    .areas(inner);

    // Summary: overall, then the categories two per line.
    let rate = |r: Option<f64>| r.map_or("–".to_string(), |r| format!("{r:.0}%"));
    let mut lines = vec![Line::from(vec![
        Span::styled("Overall ", t.heading3),
        Span::styled(rate(sum.overall_pass_rate), t.key),
        Span::styled(
            format!(
                "  pass {} · partial {} · fail {} · n/a {} · open {}{}",
                sum.overall.pass,
                sum.overall.partial,
                sum.overall.fail,
                sum.overall.not_applicable,
                sum.overall.unmarked,
                if app.ui.stages.checklist.deficiencies_only {
                    "  · showing deficiencies only (f)"
                } else {
                    ""
                }
            ),
            t.dim,
        ),
    ])];
    let mut tool = crate::analysis::checklist_review::MarkCounts::default();
    for a in app.derived.analyses.assessments() {
        if mark_of(&app.doc.session, &a.item).is_none() {
            tool.add(Some(a.mark));
        }
    }
    if tool.total() > 0 {
        lines.push(Line::from(Span::styled(
            format!(
                "·✓ ·◐ ·✗ infradraft's assessment of {} unmarked items, not counted: {} pass · {} partial · {} fail",
                tool.total(),
                tool.pass,
                tool.partial,
                tool.fail
            ),
            t.dim,
        )));
    }
    let half = (top.width as usize / 2).max(10);
    for pair in applicable.chunks(2) {
        let mut spans = Vec::new();
        for c in pair {
            let text = format!("{} {}", rate(c.pass_rate), c.title);
            let cut: String = text.chars().take(half.saturating_sub(1)).collect();
            let pad = half.saturating_sub(cut.chars().count());
            spans.push(Span::styled(format!("{cut}{}", " ".repeat(pad)), t.text));
        }
        lines.push(Line::from(spans));
    }
    let skipped: Vec<&str> = sum
        .categories
        .iter()
        .filter(|c| !c.applies)
        .map(|c| c.title.as_str())
        .collect();
    if !skipped.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("Not applicable to this design yet: {}", skipped.join(", ")),
            t.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), top);

    // The items, under their category headings.
    let rows = &app.derived.checklist_rows.1;
    let selected = app
        .ui
        .stages
        .checklist
        .selected
        .min(rows.len().saturating_sub(1));
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut last_category = None;
    for (n, (c, i)) in rows.iter().enumerate() {
        if last_category != Some(*c) {
            last_category = Some(*c);
            lines.push(Line::from(Span::styled(
                app.doc.checklist.categories[*c].0.title.clone(),
                t.heading3,
            )));
        }
        let item = &app.doc.checklist.categories[*c].1[*i];
        let mark = mark_of(&app.doc.session, &item.id).map(|m| m.mark);
        let tool = assessment(&item.id);
        // An item nobody marked shows the tool's assessment after the open dot: `·✓`.
        let symbol = match (mark, tool) {
            (None, Some(a)) => format!("·{}", mark_label(Some(a.mark)).0),
            _ => format!("{} ", mark_label(mark).0),
        };
        let symbol_style = match mark {
            Some(Mark::Pass) => t.ok,
            Some(Mark::Fail) => t.error,
            Some(Mark::Partial) => t.warning,
            _ => t.dim,
        };
        let flag = if mark.is_none() && preflag(item, &app.doc.session).is_some() {
            "⚑ "
        } else {
            ""
        };
        let style = if n == selected { t.selected } else { t.text };
        if n == selected {
            selected_line = lines.len();
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{symbol} "), symbol_style),
            Span::styled(format!("{:<8}", item.id), t.dim),
            Span::styled(flag, t.warning),
            Span::styled(sanitize_line(&item.text).into_owned(), style),
        ]));
    }
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            if app.ui.stages.checklist.deficiencies_only {
                "No deficiencies: every applicable item is passed or not applicable."
            } else {
                "No checklist items apply."
            },
            t.dim,
        )));
    }
    let height = list.height as usize;
    let scroll = selected_line.saturating_sub(height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        list,
    );

    // The selected item in full: why, sections, note, pre-flag.
    if let Some((c, i)) = rows.get(selected) {
        let item = &app.doc.checklist.categories[*c].1[*i];
        let sections: Vec<String> = item
            .sections
            .iter()
            .map(|id| {
                app.doc
                    .session
                    .section(id)
                    .map_or(id.clone(), |s| s.title.clone())
            })
            .collect();
        // The item and the person's note first, then the tool's assessment with its evidence,
        // then why the item matters and where it is fixed.
        let mut spans = vec![
            Span::styled(format!("{} · ", item.severity.label()), t.key),
            Span::styled(sanitize_line(&item.text).into_owned(), t.text),
        ];
        if let Some(m) = mark_of(&app.doc.session, &item.id)
            && !m.note.is_empty()
        {
            spans.push(Span::styled(
                format!("  Note: {}", sanitize_line(&m.note)),
                t.text,
            ));
        }
        let mut detail_lines = vec![Line::from(spans)];
        if let Some(a) = assessment(&item.id) {
            detail_lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "infradraft's assessment, not a mark: {} — ",
                        mark_label(Some(a.mark)).1
                    ),
                    t.key,
                ),
                Span::styled(sanitize_line(&a.evidence_line()).into_owned(), t.text),
            ]));
        }
        let mut last = vec![
            Span::styled(format!("{} ", sanitize_line(&item.why)), t.dim),
            Span::styled(
                format!("Validates: {} (Enter goes there)", sections.join(", ")),
                t.dim,
            ),
        ];
        if let Some(flag) = preflag(item, &app.doc.session) {
            last.push(Span::styled(format!("  ⚑ {flag}"), t.warning));
        }
        detail_lines.push(Line::from(last));
        frame.render_widget(
            Paragraph::new(detail_lines).wrap(Wrap { trim: true }),
            detail,
        );
    }
}
