//! The design panes of a component: the step indicator (a → f), the option cards side by side
//! with their ratings and cross-check badges, the recommendation, feedback and decision, and the
//! facts of the inputs beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::{App, Pane};
use crate::analysis::crosscheck::{Basis, Finding, Verdict};
use crate::model::Modality;
use crate::model::{AssumptionTopic, ComponentDesign, DesignStep, OptionCard};
use crate::settings::theme::Theme;
use crate::text::sanitize_line;

/// The narrowest a card is drawn; fewer cards are shown side by side (paged) below that.
pub const MIN_CARD_WIDTH: u16 = 26;

fn dots(value: Option<u8>) -> String {
    match value {
        Some(v) => {
            let v = v.min(5) as usize;
            format!("{}{}", "●".repeat(v), "○".repeat(5 - v))
        }
        None => "–····".into(),
    }
}

/// Letters for cards: A, B, C, D.
pub fn card_letter(i: usize) -> char {
    (b'A' + (i as u8).min(25)) as char
}

/// How many cards fit side by side in `width`, and the first card shown so that `selected` is
/// visible.
pub fn card_window(width: u16, count: usize, selected: usize) -> (usize, usize) {
    let per_page = ((width / MIN_CARD_WIDTH) as usize)
        .clamp(1, 4)
        .min(count.max(1));
    let first = if selected >= per_page {
        selected + 1 - per_page
    } else {
        0
    };
    (first, per_page)
}

pub fn draw(frame: &mut Frame, app: &App, index: usize, area: Rect) {
    let t = &app.settings.theme;
    let section = &app.doc.session.sections[index];
    let (decisions, at) = app.section_decisions();
    let Some(&c) = decisions.get(at) else {
        return;
    };
    let focused = app.ui.focus == Pane::Editor;
    let shown = app.shown_step(c);
    // The step indicator: every step named when it fits, else only the current one named and the
    // others by letter; the section title gives way last.
    let steps = |short: bool| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for step in DesignStep::ALL {
            let label = format!("{} {}", step.letter(), step.label());
            if step == shown {
                spans.push(Span::styled(format!("[{label}]"), t.selected));
            } else if short {
                spans.push(Span::styled(step.letter().to_string(), t.dim));
            } else {
                spans.push(Span::styled(format!(" {label} "), t.dim));
            }
            spans.push(Span::raw(" "));
        }
        spans
    };
    let room = area.width.saturating_sub(4) as usize;
    let name = if decisions.len() > 1 {
        sanitize_line(&format!(
            "{} · {}",
            section.title,
            app.doc.session.decision_title(c)
        ))
        .into_owned()
        .into()
    } else {
        sanitize_line(&section.title)
    };
    let width = |spans: &[Span]| spans.iter().map(|s| s.width()).sum::<usize>();
    let mut indicator = steps(false);
    if width(&indicator) + name.chars().count() + 2 > room {
        indicator = steps(true);
    }
    let name_room = room.saturating_sub(width(&indicator) + 2);
    let name = if name.chars().count() > name_room {
        let cut: String = name.chars().take(name_room.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        name.into_owned()
    };
    let mut title = vec![Span::styled(
        format!(" {name} "),
        if focused { t.focus_border } else { t.title },
    )];
    title.extend(indicator);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.focus_border } else { t.border })
        .title(Line::from(title));
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    if decisions.len() > 1 {
        // A list when the pane is tall enough to keep room for the cards, else one line.
        let width = inner.width as usize;
        let lines = if inner.height >= 30 {
            let mut lines = decision_list(app, &decisions, at, width);
            lines.push(Line::default());
            lines
        } else {
            vec![decision_strip(app, &decisions, at, width)]
        };
        let [top, rest] =
            Layout::vertical([Constraint::Length(lines.len() as u16), Constraint::Min(1)])
                .areas(inner);
        frame.render_widget(Paragraph::new(lines), top);
        inner = rest;
    }
    let facts_height = 4.min(inner.height / 4);
    let [main, facts] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(facts_height)]).areas(inner);
    match shown {
        DesignStep::Purpose => draw_purpose(frame, app, c, main),
        DesignStep::Options | DesignStep::Recommendation => draw_cards(frame, app, c, main),
        DesignStep::Feedback => draw_feedback(frame, t, c, main),
        DesignStep::Elicitation => draw_elicitation(frame, app, c, main),
        DesignStep::Decision => draw_decision(frame, app, c, main),
    }
    if facts_height > 0 {
        draw_key_facts(frame, app, facts);
    }
}

/// How far a decision has come, as one mark: decided, recommended, options on the table, or
/// not started.
pub fn decision_mark(c: &ComponentDesign) -> &'static str {
    if c.decision.is_some() {
        "✓"
    } else if c.recommendation.is_some() {
        "◐"
    } else if !c.options.is_empty() {
        "○"
    } else {
        "·"
    }
}

/// Where a decision stands, in words: what was decided or recommended, else how many options
/// are on the table.
fn decision_state(c: &ComponentDesign) -> String {
    let name = |id: &str| {
        c.option(id)
            .map_or(id.to_string(), |o| sanitize_line(&o.name).into_owned())
    };
    if let Some(d) = &c.decision {
        format!("decided: {}", name(&d.option))
    } else if let Some(r) = &c.recommendation {
        format!("recommended: {}", name(&r.option))
    } else if !c.options.is_empty() {
        format!("{} options, none recommended", c.options.len())
    } else {
        "not started".to_string()
    }
}

/// Cuts `text` to `width` columns, with an ellipsis when it is cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// The section's decisions as a list, one row each with its mark, title and state, the selected
/// one highlighted, under a heading that names the keys.
fn decision_list(
    app: &App,
    decisions: &[&ComponentDesign],
    at: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let t = &app.settings.theme;
    let mut lines = vec![Line::from(vec![
        Span::styled("Decisions", t.heading3),
        Span::styled(fit(" · { } switches", width.saturating_sub(9)), t.dim),
    ])];
    let title_width = decisions
        .iter()
        .map(|c| app.doc.session.decision_title(c).chars().count())
        .max()
        .unwrap_or(0)
        .min(width * 3 / 5);
    for (i, c) in decisions.iter().enumerate() {
        let title = fit(
            &sanitize_line(app.doc.session.decision_title(c)),
            title_width,
        );
        let head = format!(
            "{}{} {title:<title_width$}  ",
            if i == at { "▸" } else { " " },
            decision_mark(c)
        );
        let room = width.saturating_sub(head.chars().count());
        let style = if i == at { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::styled(head, style),
            Span::styled(fit(&decision_state(c), room), t.dim),
        ]));
    }
    lines
}

/// The section's decisions on one line, for small screens: each with its mark, the selected one
/// highlighted and named in full, the others shortened to fit.
fn decision_strip(
    app: &App,
    decisions: &[&ComponentDesign],
    at: usize,
    width: usize,
) -> Line<'static> {
    let t = &app.settings.theme;
    let head = format!("Decision {}/{} ", at + 1, decisions.len());
    let selected = format!(
        "{} {}",
        decision_mark(decisions[at]),
        sanitize_line(app.doc.session.decision_title(decisions[at]))
    );
    let others = decisions.len() - 1;
    let used = head.chars().count() + selected.chars().count() + 2;
    let each = (width.saturating_sub(used) / others.max(1)).saturating_sub(1);
    let mut spans = vec![
        Span::styled(head, t.heading3),
        Span::styled(format!(" {selected} "), t.selected),
    ];
    for (i, c) in decisions.iter().enumerate() {
        if i == at {
            continue;
        }
        let text = format!(
            "{} {}",
            decision_mark(c),
            sanitize_line(app.doc.session.decision_title(c))
        );
        if each >= 3 {
            spans.push(Span::styled(format!(" {}", fit(&text, each)), t.dim));
        }
    }
    Line::from(spans)
}

fn draw_purpose(frame: &mut Frame, app: &App, c: &ComponentDesign, area: Rect) {
    let t = &app.settings.theme;
    let mut lines = vec![
        Line::from(Span::styled("a. Purpose", t.heading3)),
        Line::from(Span::styled(sanitize_line(&c.purpose).into_owned(), t.text)),
        Line::default(),
    ];
    if let Some(ts) = app.doc.template.section(c.section_id()) {
        lines.push(Line::from(Span::styled(
            "Questions this component answers",
            t.heading3,
        )));
        for q in &ts.guidance {
            lines.push(Line::from(vec![
                Span::styled("• ", t.list_marker),
                Span::styled(sanitize_line(q).into_owned(), t.dim),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "] goes to b. Options · e edits the purpose · w writes the section text",
        t.dim,
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn card_lines(
    app: &App,
    c: &ComponentDesign,
    i: usize,
    o: &OptionCard,
    findings: &[Finding],
    width: usize,
) -> Vec<Line<'static>> {
    let t = &app.settings.theme;
    let mut marks = String::new();
    if c.recommendation.as_ref().is_some_and(|r| r.option == o.id) {
        marks.push_str(" ★");
    }
    if c.decision.as_ref().is_some_and(|d| d.option == o.id) {
        marks.push_str(" ✓");
    }
    // A card that breaks a mandate, a prohibition or a required figure is greyed, with the
    // reason under its name.
    let ruled_out = findings.iter().find(|f| f.rules_out());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", card_letter(i)), t.key),
        Span::styled(
            sanitize_line(&o.name).into_owned(),
            if ruled_out.is_some() { t.dim } else { t.title },
        ),
        Span::styled(marks, t.ok),
    ])];
    if !o.realised_on.is_empty() {
        lines.push(Line::from(Span::styled(
            sanitize_line(&o.realised_on).into_owned(),
            t.key,
        )));
    }
    if let Some(f) = ruled_out {
        // One short line; the findings below say what the rule is.
        let what = match f.basis {
            Basis::Figure => "breaks a required figure",
            Basis::Fact {
                modality: Modality::Mandate,
                ..
            } => "breaks a mandate",
            Basis::Fact { .. } => "breaks a prohibition",
        };
        let at = f
            .evidence
            .as_ref()
            .map(|e| format!(" ({})", e.short()))
            .unwrap_or_default();
        lines.push(Line::from(Span::styled(
            super::navigator::truncate(&sanitize_line(&format!("✗ ruled out: {what}{at}")), width),
            t.error,
        )));
    }
    // Ratings and cross-check badges first: they must stay visible when the text is long.
    let r = &o.ratings;
    let rating = |label: &str, v: Option<u8>| {
        vec![
            Span::styled(format!("{label} "), t.dim),
            Span::styled(format!("{} ", dots(v)), t.key),
        ]
    };
    let mut first = rating("cost", r.cost);
    first.extend(rating("ops", r.operational_burden));
    let mut second = rating("cplx", r.complexity);
    second.extend(rating("lock", r.lock_in));
    lines.push(Line::from(first));
    lines.push(Line::from(second));
    lines.push(Line::from(rating("fit ", r.fit)));
    for f in findings
        .iter()
        .filter(|f| f.verdict != Verdict::NotAddressed)
    {
        let (mark, style) = match f.verdict {
            Verdict::Conflicting if f.rules_out() => ("✗ ", t.error),
            Verdict::Conflicting => ("⚠ ", t.warning),
            _ => ("✓ ", t.ok),
        };
        // One line per finding: where the evidence is and what it says; details in `inputs`
        // and in the decision's acknowledgement prompt.
        let source = f
            .evidence
            .as_ref()
            .map(|e| format!("{} ", e.short()))
            .unwrap_or_default();
        let text = super::navigator::truncate(
            &sanitize_line(&format!("{source}{}", f.brief)),
            width.saturating_sub(2),
        );
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(text, style),
        ]));
    }
    if !o.summary.is_empty() {
        lines.push(Line::from(Span::styled(
            sanitize_line(&o.summary).into_owned(),
            t.dim,
        )));
    }
    for p in &o.pros {
        lines.push(Line::from(vec![
            Span::styled("+ ", t.ok),
            Span::styled(sanitize_line(p).into_owned(), t.text),
        ]));
    }
    for con in &o.cons {
        lines.push(Line::from(vec![
            Span::styled("− ", t.error),
            Span::styled(sanitize_line(con).into_owned(), t.text),
        ]));
    }
    lines
}

fn draw_cards(frame: &mut Frame, app: &App, c: &ComponentDesign, area: Rect) {
    let t = &app.settings.theme;
    let bottom = 3.min(area.height / 3);
    let [cards_area, rec_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(bottom)]).areas(area);
    if c.options.is_empty() {
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled("b. Options", t.heading3)),
                Line::from(Span::styled(
                    "No options yet. a adds one from the catalog (ranked by fit with the inputs), n a blank one.",
                    t.dim,
                )),
            ])
            .wrap(Wrap { trim: true }),
            cards_area,
        );
    } else {
        let selected = app.ui.design.card.min(c.options.len() - 1);
        let (first, per_page) = card_window(cards_area.width, c.options.len(), selected);
        let shown: Vec<usize> = (first..(first + per_page).min(c.options.len())).collect();
        let hidden = c.options.len() - shown.len();
        let [cards_row, pager] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(if hidden > 0 { 1 } else { 0 }),
        ])
        .areas(cards_area);
        let columns =
            Layout::horizontal(vec![Constraint::Ratio(1, shown.len() as u32); shown.len()])
                .split(cards_row);
        for (slot, &i) in shown.iter().enumerate() {
            let o = &c.options[i];
            // Worked out in `App::prepare` or on the analyses' thread, never while drawing.
            let findings: &[Finding] = app.derived.analyses.card(&c.id, &o.id);
            let is_selected = i == selected;
            let border = if is_selected && app.ui.focus == Pane::Editor {
                t.focus_border
            } else {
                t.border
            };
            let block = Block::default().borders(Borders::ALL).border_style(border);
            let inner = block.inner(columns[slot]);
            let lines = card_lines(app, c, i, o, findings, inner.width as usize);
            let rows = fit_to_height(&lines, (inner.width, inner.height), app.ui.zoom, t);
            frame.render_widget(Paragraph::new(rows).block(block), columns[slot]);
        }
        if hidden > 0 {
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(
                    format!(
                        "cards {}–{} of {} · ←/→ pages through the others",
                        first + 1,
                        first + shown.len(),
                        c.options.len()
                    ),
                    t.warning,
                ))),
                pager,
            );
        }
    }
    let rec = match &c.recommendation {
        Some(r) => {
            let name = c
                .option(&r.option)
                .map_or(r.option.as_str(), |o| o.name.as_str());
            Line::from(vec![
                Span::styled("Recommendation: ", t.heading3),
                Span::styled(sanitize_line(name).into_owned(), t.ok),
                Span::styled(format!(", because {}", sanitize_line(&r.rationale)), t.text),
            ])
        }
        None => Line::from(Span::styled(
            "No recommendation yet: select a card and press r (needs at least two options).",
            t.dim,
        )),
    };
    frame.render_widget(Paragraph::new(rec).wrap(Wrap { trim: true }), rec_area);
}

/// `line` in rows of at most `width` columns, broken at spaces (a word longer than a row is
/// broken where the row ends), each piece in its span's style. The spaces at a break go; the
/// others stay as they are (the ratings' columns line up).
fn wrap_line(line: &Line<'static>, width: usize) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    // Runs of spaces and of other characters, each character with its style.
    let mut runs: Vec<(bool, Vec<(char, Style)>)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            let space = c.is_whitespace();
            match runs.last_mut() {
                Some((s, run)) if *s == space => run.push((c, style)),
                _ => runs.push((space, vec![(c, style)])),
            }
        }
    }
    let width_of =
        |run: &[(char, Style)]| -> usize { run.iter().map(|(c, _)| c.width().unwrap_or(0)).sum() };
    let push = |row: &mut Vec<Span<'static>>, c: char, style: Style| match row.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push(c),
        _ => row.push(Span::styled(c.to_string(), style)),
    };
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    // The spaces before the next word: placed only if the word goes on the same row.
    let mut spaces: Option<Vec<(char, Style)>> = None;
    for (space, run) in runs {
        if space {
            spaces = Some(run);
            continue;
        }
        let gap = spaces.as_deref().map_or(0, width_of);
        // A line's own indentation stays; a row started by a break has none.
        let starts_line = rows.is_empty() && row.is_empty();
        if used > 0 && used + gap + width_of(&run) > width {
            rows.push(Line::from(std::mem::take(&mut row)));
            used = 0;
            spaces = None;
        }
        if let Some(gap) = spaces.take()
            && (used > 0 || starts_line)
        {
            for (c, style) in gap {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    break;
                }
                push(&mut row, c, style);
                used += cw;
            }
        }
        for (c, style) in run {
            let cw = c.width().unwrap_or(0);
            if used > 0 && used + cw > width {
                rows.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            push(&mut row, c, style);
            used += cw;
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(Line::from(row));
    }
    rows
}

/// The lines wrapped at `width` and cut to `height` rows; when something is cut, the last row
/// says how many rows were left out (dim), rather than the card ending mid-sentence.
fn fit_to_height(
    lines: &[Line<'static>],
    (width, height): (u16, u16),
    zoomed: bool,
    t: &Theme,
) -> Vec<Line<'static>> {
    let mut rows: Vec<Line<'static>> = lines
        .iter()
        .flat_map(|l| wrap_line(l, width as usize))
        .collect();
    let height = height as usize;
    if rows.len() <= height || height == 0 {
        return rows;
    }
    let total = rows.len();
    rows.truncate(height - 1);
    let hidden = total - rows.len();
    // Where it fits, how to see more (unless the pane is zoomed already).
    let long = format!("… {hidden} more lines · z zooms");
    let note = if !zoomed && long.chars().count() <= width as usize {
        long
    } else {
        format!("… {hidden} more lines")
    };
    rows.push(Line::from(Span::styled(note, t.dim)));
    rows
}

fn draw_feedback(frame: &mut Frame, t: &Theme, c: &ComponentDesign, area: Rect) {
    let mut lines = vec![Line::from(Span::styled(
        "d. Feedback and revisions",
        t.heading3,
    ))];
    if c.feedback.is_empty() {
        lines.push(Line::from(Span::styled(
            "No feedback yet: f records feedback and the revision made in response.",
            t.dim,
        )));
    }
    for f in &c.feedback {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", super::status::clock(f.at)), t.dim),
            Span::styled(sanitize_line(&f.feedback).into_owned(), t.text),
        ]));
        if !f.revision.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("      → ", t.ok),
                Span::styled(sanitize_line(&f.revision).into_owned(), t.dim),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn draw_elicitation(frame: &mut Frame, app: &App, c: &ComponentDesign, area: Rect) {
    let t = &app.settings.theme;
    let mut lines = vec![
        Line::from(Span::styled("e. Advanced elicitation", t.heading3)),
        Line::from(Span::styled(
            "Optional reflective analyses before the section is finalized. E opens the action menu.",
            t.dim,
        )),
        Line::default(),
    ];
    if c.elicitations.is_empty() {
        lines.push(Line::from(Span::styled("No worksheets yet.", t.dim)));
    }
    let selected = app
        .ui
        .design
        .record
        .min(c.elicitations.len().saturating_sub(1));
    for (i, r) in c.elicitations.iter().enumerate() {
        let mark = if i == selected { "▶ " } else { "  " };
        let title_style = if i == selected { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::styled(mark, t.key),
            Span::styled(format!("{} ", r.action.number()), t.key),
            Span::styled(r.action.title(), title_style),
            Span::styled(
                format!("  {}", r.status.word()),
                super::worksheet_view::status_style(t, r.status),
            ),
            Span::styled(format!("  {}", super::status::clock(r.at)), t.dim),
        ]));
        lines.push(Line::from(Span::styled(
            format!(
                "      {}",
                sanitize_line(&crate::analysis::worksheet::summary_line_with(
                    &r.worksheet,
                    &crate::workflow::elicitation::option_namer(
                        &app.doc.session,
                        app.catalog(),
                        &c.id
                    ),
                ))
            ),
            t.dim,
        )));
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("8 ", t.key),
        Span::styled("Finalize this Section and Proceed", t.text),
        Span::styled(" — goes to f. Decision", t.dim),
    ]));
    lines.push(Line::from(Span::styled(
        "j/k select · e opens the worksheet · A applies it to the section · D discards it",
        t.dim,
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn draw_decision(frame: &mut Frame, app: &App, c: &ComponentDesign, area: Rect) {
    let t = &app.settings.theme;
    // (text, style, hanging indent of its continuation rows)
    let mut items: Vec<(String, Style, usize)> = Vec::new();
    let card_id = match &c.decision {
        Some(d) => {
            let name = c
                .option(&d.option)
                .map_or(d.option.as_str(), |o| o.name.as_str());
            items.push((
                format!(
                    "Chosen: {}  {}",
                    sanitize_line(name),
                    super::status::clock(d.decided_at)
                ),
                t.ok,
                8,
            ));
            items.push((record_line(d, c), t.dim, 8));
            items.push((
                format!("Justification: {}", sanitize_line(d.justification.trim())),
                t.text,
                0,
            ));
            let considered: Vec<String> = d
                .considered
                .iter()
                .map(|id| c.option(id).map_or(id.clone(), |o| o.name.clone()))
                .collect();
            items.push((
                format!("Considered: {}", sanitize_line(&considered.join(", "))),
                t.dim,
                12,
            ));
            for a in &d.acknowledged_conflicts {
                items.push((
                    format!(
                        "⚠ accepted: {} — {}",
                        sanitize_line(&a.finding),
                        sanitize_line(&a.reason)
                    ),
                    t.warning,
                    2,
                ));
            }
            items.push((String::new(), t.text, 0));
            items.push(("The chosen card".into(), t.heading3, 0));
            d.option.clone()
        }
        None if c.options.is_empty() => {
            items.push((
                "Not decided yet, and no options on the table: add at least two on b. Options (a)."
                    .into(),
                t.dim,
                0,
            ));
            String::new()
        }
        None => {
            let at = app.ui.design.card.min(c.options.len() - 1);
            let card = &c.options[at];
            let recommended = c
                .recommendation
                .as_ref()
                .is_some_and(|r| r.option == card.id);
            items.push((
                format!(
                    "Not decided yet. d decides for card {} of {}{}; h/l shows another.",
                    card_letter(at),
                    c.options.len(),
                    if recommended {
                        ", the recommended one ★"
                    } else {
                        ""
                    }
                ),
                t.dim,
                0,
            ));
            items.push((String::new(), t.text, 0));
            card.id.clone()
        }
    };
    if let Some(card) = c.option(&card_id) {
        let decided = c.decision.is_some();
        // The conflicts as the analyses found them before the frame, never worked out here.
        let conflicts =
            super::design_actions::conflict_texts(app.derived.analyses.card(&c.id, &card_id));
        let lines = super::design_actions::card_text(card)
            .into_iter()
            .chain(conflicts.into_iter().map(|c| format!("⚠ {c}")));
        for line in lines {
            let style = if line.starts_with("+ ") {
                t.ok
            } else if line.starts_with("− ") {
                t.warning
            } else if line.starts_with("⚠ ") {
                if decided {
                    // Shown above, with the reason it was accepted.
                    continue;
                }
                t.error
            } else {
                t.text
            };
            let indent = if line.starts_with(['+', '−', '⚠']) {
                2
            } else {
                0
            };
            items.push((sanitize_line(&line).into_owned(), style, indent));
        }
    }
    let width = area.width as usize;
    let mut lines = vec![Line::from(Span::styled("f. Decision", t.heading3))];
    for (text, style, indent) in &items {
        if text.is_empty() {
            lines.push(Line::default());
            continue;
        }
        let rows = super::text_field::wrap_words(text, width.saturating_sub(*indent).max(10));
        for (n, row) in rows.into_iter().enumerate() {
            let pad = if n == 0 { 0 } else { *indent };
            lines.push(Line::from(Span::styled(
                format!("{:pad$}{row}", ""),
                *style,
            )));
        }
    }
    let height = area.height as usize;
    if lines.len() > height && height > 1 {
        let hidden = lines.len() - (height - 1);
        lines.truncate(height - 1);
        lines.push(Line::from(Span::styled(
            fit(&format!("… {hidden} more lines: z zooms"), width),
            t.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The PRD's repository and service architecture facts, always beside the design panes.
fn draw_key_facts(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.settings.theme;
    let mut spans = vec![Span::styled("PRD: ", t.heading3)];
    let key: Vec<_> = app
        .doc
        .session
        .assumptions
        .iter()
        .filter(|a| {
            matches!(
                a.topic,
                AssumptionTopic::RepositoryStructure | AssumptionTopic::ServiceArchitecture
            )
        })
        .collect();
    if key.is_empty() {
        spans.push(Span::styled(
            "no repository or service architecture assumptions in the inputs",
            t.dim,
        ));
    }
    for (i, a) in key.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", t.dim));
        }
        spans.push(Span::styled(
            sanitize_line(&a.text).into_owned(),
            Style::default().patch(t.text),
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans))
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(t.border),
            ),
        area,
    );
}

/// The decision as a record: its number and status, what it supersedes, when it was amended,
/// who took it, and the records of the component it replaced.
fn record_line(d: &crate::model::Decision, c: &crate::model::ComponentDesign) -> String {
    let mut parts = vec![match d.adr {
        Some(adr) => format!("Record: {adr} {}", d.status.label()),
        None => format!("Record: {}", d.status.label()),
    }];
    if let Some(old) = d.supersedes {
        parts.push(format!("supersedes {old}"));
    }
    if let Some(at) = d.amended_at {
        parts.push(format!("amended {}", super::status::clock(at)));
    }
    if !d.people.decision_makers.is_empty() {
        parts.push(format!(
            "decision-makers: {}",
            sanitize_line(&d.people.decision_makers.join(", "))
        ));
    }
    let earlier = c.earlier.len();
    if earlier > 0 {
        parts.push(format!(
            "{earlier} earlier record{}",
            if earlier == 1 { "" } else { "s" }
        ));
    }
    parts.join(" · ")
}
