//! The workspaces of the gathering stages: the inputs (with the input viewer) and the
//! requirements (with the PRD's Technical Assumptions and the tech stack's facts).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::action::Action;
use super::app::{App, Pane};
use super::derived::AssumptionsAt;
use super::navigator::{Stage, truncate};
use super::popup::{Popup, Prompt, PromptPurpose};
use crate::inputs::extract::{Heading, outline};
use crate::inputs::{Freshness, contribution, diff_lines, freshness, missing_kinds};
use crate::model::now;
use crate::text::sanitize_line;
use crate::workflow::edit::{inputs, requirements};

/// The input viewer: one input's text with its heading outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub input: usize,
    pub outline: Vec<Heading>,
    pub outline_selected: usize,
    /// Zero-based first visible line.
    pub scroll: usize,
    /// The line to highlight (one-based), e.g. quoted evidence.
    pub mark: Option<u32>,
    pub in_outline: bool,
    /// The search being typed, while its field is open (drawn in the key bar).
    pub query: Option<super::text_field::TextField>,
    pub last_query: String,
}

#[derive(Debug, Default)]
pub struct StageState {
    pub input_selected: usize,
    pub freshness: Option<Vec<Freshness>>,
    pub viewer: Option<Viewer>,
    pub requirement_selected: usize,
    pub requirement_offset: usize,
    pub checklist: super::checklist_stage::ChecklistState,
    pub stories: super::stories_stage::StoriesState,
    pub diagrams: super::diagrams_stage::DiagramsState,
}

impl App {
    /// Checks every input against its source (on first showing the inputs, and on demand).
    pub fn refresh_freshness(&mut self) {
        let f: Vec<Freshness> = self.doc.session.inputs.iter().map(freshness).collect();
        let changed = f
            .iter()
            .filter(|f| matches!(f, Freshness::Changed { .. }))
            .count();
        self.ui.stages.freshness = Some(f);
        if changed > 0 {
            self.warn(format!(
                "{changed} input(s) changed on disk since the snapshot: see Inputs, r shows the change and reloads"
            ));
        }
    }

    /// Opens the input viewer on `input` at `line` (one-based), e.g. to show quoted evidence.
    pub fn open_input_at(&mut self, input: usize, line: Option<u32>) {
        let Some(doc) = self.doc.session.inputs.get(input) else {
            return;
        };
        let outline = outline(&doc.text);
        self.ui.stages.input_selected = input;
        self.ui.stages.viewer = Some(Viewer {
            input,
            outline,
            outline_selected: 0,
            scroll: line.map_or(0, |l| (l as usize).saturating_sub(4)),
            mark: line,
            in_outline: false,
            query: None,
            last_query: String::new(),
        });
        if let Some(row) = self.row_of(Stage::Inputs.id()) {
            self.ui.selected = row;
        }
        self.ui.focus = Pane::Editor;
    }

    /// Handles a workspace action while a stage is selected. Returns whether it was used.
    pub fn stage_action(&mut self, stage: Stage, action: Action) -> bool {
        match stage {
            Stage::Inputs if self.ui.stages.viewer.is_some() => self.viewer_action(action),
            Stage::Inputs => self.inputs_action(action),
            Stage::Requirements => self.requirements_action(action),
            Stage::Diagrams => self.diagrams_action(action),
            Stage::Stories => self.stories_action(action),
            Stage::Checklist => self.checklist_action(action),
        }
    }

    fn inputs_action(&mut self, action: Action) -> bool {
        let n = self.doc.session.inputs.len();
        let cur = self.ui.stages.input_selected;
        match action {
            Action::Down => self.ui.stages.input_selected = (cur + 1).min(n.saturating_sub(1)),
            Action::Up => self.ui.stages.input_selected = cur.saturating_sub(1),
            Action::Top => self.ui.stages.input_selected = 0,
            Action::Bottom => self.ui.stages.input_selected = n.saturating_sub(1),
            Action::Open => {
                if n > 0 {
                    self.open_input_at(cur.min(n - 1), None);
                }
            }
            Action::Add => {
                if self.refuse_if_read_only() {
                    return true;
                }
                self.ui.popups.push(Popup::Prompt(Prompt::new(
                    "Add an input document: path (Tab completes)",
                    "",
                    PromptPurpose::AddInput,
                )));
            }
            Action::Remove => {
                if n == 0 {
                    return true;
                }
                let i = cur.min(n - 1);
                if let Some(path) = self.edit(|s| inputs::remove(s, i, now())) {
                    self.ui.stages.freshness = None;
                    self.ui.stages.input_selected = i.saturating_sub(1);
                    self.info(format!("removed {path}"));
                }
            }
            Action::ReloadInput => self.offer_reload(cur),
            Action::Conflicts => self.open_conflicts(),
            Action::Leave => {
                if !self.return_from_jump() {
                    self.ui.focus = Pane::Navigator;
                }
            }
            _ => return false,
        }
        true
    }

    fn offer_reload(&mut self, i: usize) {
        if self.ui.stages.freshness.is_none() {
            self.refresh_freshness();
        }
        let fresh = self
            .ui
            .stages
            .freshness
            .as_ref()
            .and_then(|f| f.get(i))
            .cloned();
        match fresh {
            Some(Freshness::Changed { text }) => {
                let old = &self.doc.session.inputs[i].text;
                let lines = diff_lines(old, &text, 2);
                self.ui.popups.push(Popup::Diff(super::popup::InputDiff {
                    input: i,
                    lines,
                    new_text: text,
                    scroll: 0,
                }));
            }
            Some(other) => {
                let label = other.label();
                self.info(format!("nothing to reload: {label}"));
            }
            None => {}
        }
    }

    /// Replaces input `i`'s snapshot after the person confirmed the reload, and re-extracts the
    /// requirements that came from it.
    pub fn reload_input(&mut self, i: usize, text: String) {
        if let Some(path) = self.edit(|s| inputs::reload(s, i, text, now())) {
            self.ui.stages.freshness = None;
            self.info(format!("reloaded {path}"));
        }
    }

    /// Adds the document at `path` as an input (its kind guessed from the name).
    pub fn add_input(&mut self, path: &str) {
        let path = expand_home(path.trim());
        if let Some(label) = self.edit(|s| inputs::add(s, &path, now())) {
            self.ui.stages.freshness = None;
            self.ui.stages.input_selected = self.doc.session.inputs.len() - 1;
            self.info(format!("added {label}"));
        }
    }

    fn viewer_action(&mut self, action: Action) -> bool {
        let page = self
            .areas()
            .editor
            .map_or(10, |a| a.height.saturating_sub(3) as usize);
        let Some(v) = self.ui.stages.viewer.as_mut() else {
            return false;
        };
        let lines = self
            .doc
            .session
            .inputs
            .get(v.input)
            .map_or(0, |d| d.text.lines().count());
        match action {
            Action::Leave => {
                if !self.return_from_jump() {
                    self.ui.stages.viewer = None;
                }
            }
            Action::SwitchPane => v.in_outline = !v.in_outline,
            Action::Down | Action::Up | Action::Top | Action::Bottom if v.in_outline => {
                let n = v.outline.len();
                v.outline_selected = match action {
                    Action::Down => (v.outline_selected + 1).min(n.saturating_sub(1)),
                    Action::Up => v.outline_selected.saturating_sub(1),
                    Action::Top => 0,
                    _ => n.saturating_sub(1),
                };
                if let Some(h) = v.outline.get(v.outline_selected) {
                    v.scroll = (h.line as usize).saturating_sub(1);
                }
            }
            Action::Down => v.scroll = (v.scroll + 1).min(lines.saturating_sub(1)),
            Action::Up => v.scroll = v.scroll.saturating_sub(1),
            Action::PageDown => v.scroll = (v.scroll + page).min(lines.saturating_sub(1)),
            Action::PageUp => v.scroll = v.scroll.saturating_sub(page),
            Action::Top => v.scroll = 0,
            Action::Bottom => v.scroll = lines.saturating_sub(page),
            Action::Open => {
                if let Some(h) = v.outline.get(v.outline_selected) {
                    v.scroll = (h.line as usize).saturating_sub(1);
                    v.mark = Some(h.line);
                    v.in_outline = false;
                }
            }
            Action::Search => {
                v.query = Some(super::text_field::TextField::new(
                    &v.last_query,
                    super::text_field::FieldKind::Line,
                ))
            }
            Action::SearchNext | Action::SearchPrev => {
                let forward = action == Action::SearchNext;
                self.viewer_find(forward, false);
            }
            _ => return false,
        }
        true
    }

    /// Moves the viewer to the next (or previous) line containing the last query.
    pub fn viewer_find(&mut self, forward: bool, from_current: bool) {
        let Some(v) = self.ui.stages.viewer.as_mut() else {
            return;
        };
        let Some(doc) = self.doc.session.inputs.get(v.input) else {
            return;
        };
        let q = v.last_query.to_lowercase();
        if q.is_empty() {
            return;
        }
        let lines: Vec<&str> = doc.text.lines().collect();
        let start = v.mark.map_or(v.scroll, |m| m as usize - 1);
        let n = lines.len();
        let found = (0..n)
            .map(|k| {
                let step = if from_current { k } else { k + 1 };
                if forward {
                    (start + step) % n
                } else {
                    (start + n - step % n) % n
                }
            })
            .find(|&i| lines[i].to_lowercase().contains(&q));
        match found {
            Some(i) => {
                v.mark = Some(i as u32 + 1);
                v.scroll = i.saturating_sub(4);
            }
            None => {
                let query = v.last_query.clone();
                self.info(format!("{query:?} not found"));
            }
        }
    }

    fn requirements_action(&mut self, action: Action) -> bool {
        let n = self.doc.session.requirements.len();
        let cur = self.ui.stages.requirement_selected;
        let last = n.saturating_sub(1);
        match action {
            Action::Down => self.ui.stages.requirement_selected = (cur + 1).min(last),
            Action::Up => self.ui.stages.requirement_selected = cur.saturating_sub(1),
            Action::Top => self.ui.stages.requirement_selected = 0,
            Action::Bottom => self.ui.stages.requirement_selected = last,
            Action::PageDown => self.ui.stages.requirement_selected = (cur + 10).min(last),
            Action::PageUp => self.ui.stages.requirement_selected = cur.saturating_sub(10),
            Action::Leave => {
                if !self.return_from_jump() {
                    self.ui.focus = Pane::Navigator;
                }
            }
            Action::Open => {
                let source = self
                    .doc
                    .session
                    .requirements
                    .get(cur)
                    .and_then(|r| r.source.clone());
                if let Some(src) = source {
                    match self
                        .doc
                        .session
                        .inputs
                        .iter()
                        .position(|i| i.path == src.input)
                    {
                        Some(i) => self.jump(|app| app.open_input_at(i, Some(src.line))),
                        None => self.warn(format!("{} is no longer an input", src.input)),
                    }
                } else {
                    self.info("this requirement was written here, not extracted");
                }
            }
            Action::Add | Action::EditItem => {
                if self.refuse_if_read_only() {
                    return true;
                }
                let (purpose, text) = if action == Action::Add {
                    (PromptPurpose::AddRequirement, String::new())
                } else if let Some(r) = self.doc.session.requirements.get(cur) {
                    (PromptPurpose::EditRequirement(cur), r.text.clone())
                } else {
                    return true;
                };
                let title = if action == Action::Add {
                    "New requirement"
                } else {
                    "Edit requirement"
                };
                self.ui
                    .popups
                    .push(Popup::Prompt(Prompt::new(title, &text, purpose)));
            }
            Action::Remove => {
                if n == 0 {
                    return true;
                }
                let i = cur.min(n - 1);
                if self.edit(|s| requirements::remove(s, i, now())).is_some() {
                    self.ui.stages.requirement_selected = i.min(n.saturating_sub(2));
                }
            }
            Action::CycleCategory => {
                if cur < n {
                    self.edit(|s| requirements::cycle_category(s, cur, now()));
                }
            }
            Action::Conflicts => self.open_conflicts(),
            Action::Regimes => {
                if self.refuse_if_read_only() {
                    return true;
                }
                let mut names: Vec<String> = crate::knowledge::extraction::extraction()
                    .regimes
                    .names()
                    .map(str::to_string)
                    .collect();
                for r in &self.doc.session.regimes {
                    if !names.contains(r) {
                        names.push(r.clone());
                    }
                }
                let chosen = names
                    .iter()
                    .map(|r| self.doc.session.regimes.contains(r))
                    .collect();
                let evidence = names
                    .iter()
                    .map(|r| {
                        let all: Vec<_> = self
                            .doc
                            .session
                            .regime_evidence
                            .iter()
                            .filter(|e| &e.regime == r)
                            .collect();
                        let e = all.iter().find(|e| !e.applies).or_else(|| all.first())?;
                        Some((e.source.short(), e.applies))
                    })
                    .collect();
                self.ui.popups.push(Popup::Regimes(super::popup::Regimes {
                    names,
                    evidence,
                    chosen,
                    selected: 0,
                }));
            }
            _ => return false,
        }
        true
    }

    /// Applies a prompt's text.
    pub fn submit_prompt(&mut self, purpose: PromptPurpose, text: String) {
        match purpose {
            PromptPurpose::AddInput => self.add_input(&text),
            PromptPurpose::ResolveConflict(key) => self.resolve_conflict(&key, &text),
            // An empty prompt adds nothing (and says nothing: the person left it empty).
            PromptPurpose::AddRequirement
                if !text.trim().is_empty()
                    && self.edit(|s| requirements::add(s, &text, now())).is_some() =>
            {
                self.ui.stages.requirement_selected = self.doc.session.requirements.len() - 1;
            }
            PromptPurpose::EditRequirement(i) => {
                self.edit(|s| requirements::edit(s, i, &text, now()));
            }
            // Design prompts are handled by `submit_design_prompt`.
            _ => {}
        }
    }

    /// Applies the regimes chosen in the popup.
    pub fn set_regimes(&mut self, chosen: &[String]) {
        self.change(|s| requirements::set_regimes(s, chosen, now()));
    }
}

fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home)
            .join(rest)
            .to_string_lossy()
            .into_owned(),
        _ => path.to_string(),
    }
}

/// Completes a path prefix: the longest common continuation of the entries that match.
pub fn complete_path(prefix: &str) -> Option<String> {
    let expanded = expand_home(prefix);
    let (dir, stem) = match expanded.rfind('/') {
        Some(i) => (&expanded[..=i], &expanded[i + 1..]),
        None => ("", expanded.as_str()),
    };
    let read = std::fs::read_dir(if dir.is_empty() { "." } else { dir }).ok()?;
    let mut names: Vec<String> = read
        .filter_map(|e| {
            let e = e.ok()?;
            let mut name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with(stem) || (name.starts_with('.') && !stem.starts_with('.')) {
                return None;
            }
            if e.path().is_dir() {
                name.push('/');
            }
            Some(name)
        })
        .collect();
    names.sort();
    let first = names.first()?.clone();
    let common = names.iter().fold(first, |acc, n| {
        acc.chars()
            .zip(n.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect()
    });
    (common.len() > stem.len()).then(|| format!("{dir}{common}"))
}

/// A scrolled view of `len` lines in `height` rows: the scroll clamped so that the last page
/// stays full, and, when not everything fits, where the view is ("lines 3–20 of 75
/// (PgUp/PgDn)").
pub fn scroll_window(scroll: usize, len: usize, height: usize) -> (usize, Option<String>) {
    let scroll = scroll.min(len.saturating_sub(height.max(1)));
    let label = (len > height).then(|| {
        format!(
            "lines {}–{} of {len} (PgUp/PgDn)",
            scroll + 1,
            (scroll + height).min(len)
        )
    });
    (scroll, label)
}

pub fn block<'a>(app: &'a App, title: String) -> Block<'a> {
    let t = &app.settings.theme;
    let focused = app.ui.focus == Pane::Editor;
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.focus_border } else { t.border })
        .title(Span::styled(
            format!(" {title} "),
            if focused { t.focus_border } else { t.title },
        ))
}

pub fn draw(frame: &mut Frame, app: &App, stage: Stage, area: Rect) {
    match stage {
        Stage::Inputs => match &app.ui.stages.viewer {
            Some(v) => draw_viewer(frame, app, v, area),
            None => draw_inputs(frame, app, area),
        },
        Stage::Requirements => draw_requirements(frame, app, area),
        Stage::Diagrams => super::diagrams_stage::draw(frame, app, area),
        Stage::Stories => super::stories_stage::draw(frame, app, area),
        Stage::Checklist => super::checklist_stage::draw(frame, app, area),
    }
}

fn draw_inputs(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let b = block(app, "Inputs".into());
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if app.doc.session.inputs.is_empty() {
        lines.push(Line::from(Span::styled("No input documents yet.", t.dim)));
    }
    for (i, doc) in app.doc.session.inputs.iter().enumerate() {
        let selected = i == app.ui.stages.input_selected && app.ui.focus == Pane::Editor;
        let fresh = app.ui.stages.freshness.as_ref().and_then(|f| f.get(i));
        let (label, style) = match fresh {
            Some(Freshness::Changed { .. }) => ("⚠ changed on disk", t.warning),
            Some(Freshness::Missing) => ("⚠ file missing", t.warning),
            Some(Freshness::Unreadable(_)) => ("⚠ unreadable", t.error),
            Some(f) => (f.label(), t.ok),
            None => ("", t.dim),
        };
        let base = if selected { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<26}", doc.kind.label()), base),
            Span::styled(
                truncate(&sanitize_line(&doc.path), width.saturating_sub(28)),
                if selected { t.selected } else { t.link },
            ),
        ]));
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {} lines · sha256 {} · snapshot {} · ",
                    doc.text.lines().count(),
                    &doc.sha256[..doc.sha256.len().min(12)],
                    super::status::clock(doc.snapshot_at)
                ),
                t.dim,
            ),
            Span::styled(label, style),
        ]));
    }
    let missing = missing_kinds(&app.doc.session.inputs);
    if !missing.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Missing inputs", t.heading3)));
        for kind in missing {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", kind.label()), t.warning),
                Span::styled(
                    format!(
                        "would contribute {} (conventional path {})",
                        contribution(kind),
                        kind.conventional_path().unwrap_or("-")
                    ),
                    t.dim,
                ),
            ]));
        }
    }
    if let Some(line) = conflicts_line(app) {
        lines.push(Line::default());
        lines.push(line);
        let s = &app.doc.session;
        for c in s.open_conflicts().take(5) {
            lines.push(Line::from(vec![
                Span::styled("  ⚠ ", t.warning),
                Span::styled(
                    truncate(&sanitize_line(&c.about), width.saturating_sub(4)),
                    t.text,
                ),
            ]));
        }
        let more = s.open_conflicts().count().saturating_sub(5);
        if more > 0 {
            lines.push(Line::from(Span::styled(
                format!("  … and {more} more"),
                t.dim,
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_viewer(frame: &mut Frame, app: &App, v: &Viewer, area: Rect) {
    let t = &app.settings.theme;
    let Some(doc) = app.doc.session.inputs.get(v.input) else {
        return;
    };
    let b = block(
        app,
        format!("{} · {}", doc.kind.label(), sanitize_line(&doc.path)),
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let outline_width = (inner.width / 3).clamp(16, 40);
    let [left, right] =
        Layout::horizontal([Constraint::Length(outline_width), Constraint::Min(10)]).areas(inner);
    let mut out = Vec::new();
    let h = left.height as usize;
    let offset = v.outline_selected.saturating_sub(h.saturating_sub(1));
    for (i, heading) in v.outline.iter().enumerate().skip(offset).take(h) {
        let indent = "  ".repeat(heading.level.saturating_sub(1) as usize);
        let text = truncate(
            &format!("{indent}{}", sanitize_line(&heading.text)),
            outline_width as usize - 1,
        );
        let style = if i == v.outline_selected && v.in_outline {
            t.selected
        } else if i == v.outline_selected {
            t.heading3
        } else {
            t.dim
        };
        out.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(
        Paragraph::new(out).block(Block::default().borders(Borders::RIGHT).border_style(
            if v.in_outline {
                t.focus_border
            } else {
                t.border
            },
        )),
        left,
    );
    let gutter = doc.text.lines().count().to_string().len();
    let mut text = Vec::new();
    for (i, line) in doc
        .text
        .lines()
        .enumerate()
        .skip(v.scroll)
        .take(right.height as usize)
    {
        let number = i as u32 + 1;
        let marked = v.mark == Some(number);
        text.push(Line::from(vec![
            Span::styled(
                format!("{number:>gutter$} "),
                if marked { t.key } else { t.dim },
            ),
            Span::styled(
                sanitize_line(line).into_owned(),
                if marked { t.search_match } else { t.text },
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), right);
}

fn draw_requirements(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let b = block(
        app,
        format!("Requirements · {}", app.doc.session.requirements.len()),
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let facts_height = (inner.height / 3)
        .max(5)
        .min(inner.height.saturating_sub(4));
    let [top, list_area, facts_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(facts_height),
    ])
    .areas(inner);
    let regimes = if app.doc.session.regimes.is_empty() {
        "none chosen".to_string()
    } else {
        app.doc.session.regimes.join(" · ")
    };
    let mut head = vec![Line::from(vec![
        Span::styled("Compliance regimes: ", t.heading3),
        Span::styled(regimes, t.text),
    ])];
    if let Some(line) = conflicts_line(app) {
        head.push(line);
    }
    frame.render_widget(Paragraph::new(head), top);
    let width = list_area.width as usize;
    // Two lines per requirement: id, category and source; then the text.
    let per_page = (list_area.height as usize / 2).max(1);
    let sel = app.ui.stages.requirement_selected;
    let offset = if sel >= per_page {
        sel + 1 - per_page
    } else {
        0
    };
    let mut lines = Vec::new();
    if app.doc.session.requirements.is_empty() {
        lines.push(Line::from(Span::styled(
            "No requirements yet: add inputs, or add requirements by hand (a).",
            t.dim,
        )));
    }
    for (i, r) in app
        .doc
        .session
        .requirements
        .iter()
        .enumerate()
        .skip(offset)
        .take(per_page)
    {
        let selected = i == sel && app.ui.focus == Pane::Editor;
        let source = r
            .source
            .as_ref()
            .map_or("written here".to_string(), |s| s.short());
        let marker = if selected { "▶ " } else { "  " };
        lines.push(Line::from(vec![
            Span::styled(marker, t.key),
            Span::styled(
                format!("{} ", sanitize_line(&r.id)),
                if selected { t.selected } else { t.key },
            ),
            Span::styled(format!("{} · ", r.category.label()), t.dim),
            Span::styled(source, t.link),
        ]));
        lines.push(Line::from(Span::styled(
            format!(
                "  {}",
                truncate(&sanitize_line(&r.text), width.saturating_sub(2))
            ),
            if selected {
                t.text.patch(t.title)
            } else {
                t.text
            },
        )));
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    draw_facts(frame, app, facts_area);
}

/// "Conflicts between inputs: 2 open of 3 · C to review", when the inputs disagree.
fn conflicts_line(app: &App) -> Option<Line<'static>> {
    let s = &app.doc.session;
    if s.input_conflicts.is_empty() {
        return None;
    }
    let t = &app.settings.theme;
    let open = s.open_conflicts().count();
    let key = app
        .settings
        .keymap
        .first_key(super::action::Context::Workspace, Action::Conflicts)
        .map_or(String::new(), |k| format!(" · {k} to review"));
    Some(Line::from(vec![
        Span::styled("Conflicts between inputs: ", t.heading3),
        Span::styled(
            format!("{open} open of {}{key}", s.input_conflicts.len()),
            if open > 0 { t.warning } else { t.ok },
        ),
    ]))
}

/// The PRD's Technical Assumptions and the tech stack's facts, with where each came from.
pub fn draw_facts(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let mut lines = Vec::new();
    match app.derived.assumptions {
        // Worked out before the stage's first frame; nothing to say before that.
        None => {}
        Some(AssumptionsAt::NoPrd) => lines.push(Line::from(Span::styled(
            "No PRD among the inputs: there are no Technical Assumptions to check decisions against.",
            t.warning,
        ))),
        Some(AssumptionsAt::Missing) => lines.push(Line::from(Span::styled(
            "The PRD has no Technical Assumptions section: decisions cannot be checked against one.",
            t.warning,
        ))),
        Some(AssumptionsAt::Line(line)) => lines.push(Line::from(vec![
            Span::styled("Technical Assumptions ", t.heading3),
            Span::styled(format!("(PRD line {line})"), t.dim),
        ])),
    }
    for a in &app.doc.session.assumptions {
        let source = a
            .source
            .as_ref()
            .map(|s| format!(" {}", s.short()))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled("• ", t.list_marker),
            Span::styled(sanitize_line(&a.text).into_owned(), t.text),
            Span::styled(format!(" [{}]", a.tags.join(", ")), t.key),
            Span::styled(source, t.dim),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.border),
        ),
        area,
    );
}
