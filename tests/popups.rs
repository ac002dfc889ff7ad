//! Every popup at 80×24, opened the way a person opens it: nothing is cut at its border. A word
//! that runs into the right border, or a title that runs into the corner, is text the person
//! cannot read; popups lay their text out one column short of the border, so any letter in the
//! last column is text that did not fit.

mod common;

use common::*;
use infradraft::store;
use infradraft::tui::app::{App, Pane};
use infradraft::tui::popup::{Confirm, Popup};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

const W: u16 = 80;
const H: u16 = 24;

fn buffer(app: &mut App) -> Buffer {
    app.prepare(Rect::new(0, 0, W, H));
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    terminal
        .draw(|f| infradraft::tui::view::draw(f, app))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text(b: &Buffer) -> String {
    (0..H)
        .map(|y| (0..W).map(|x| b[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// The top popup's frame: the smallest rectangle holding every cell the popups changed, which
/// starts at a `┌` and ends at a `┘`.
fn popup_frame(app: &mut App) -> (Buffer, Rect) {
    let popups = std::mem::take(&mut app.ui.popups);
    let n = popups.len();
    let under = buffer(app);
    app.ui.popups = popups;
    let over = buffer(app);
    assert!(n > 0, "no popup open:\n{}", text(&over));
    // The status and key bars show the popup's keys: the frame's top left is the first changed
    // cell above them.
    let (mut x0, mut y0) = (W, H);
    for y in 0..H - 2 {
        for x in 0..W {
            if under[(x, y)] != over[(x, y)] && (y < y0 || (y == y0 && x < x0)) {
                (x0, y0) = (x, y);
            }
        }
    }
    assert!(x0 < W, "no popup drawn:\n{}", text(&over));
    let x0 = (0..=x0)
        .rev()
        .find(|&x| over[(x, y0)].symbol() == "┌")
        .unwrap_or_else(|| panic!("no frame:\n{}", text(&over)));
    let x1 = (x0 + 1..W)
        .find(|&x| over[(x, y0)].symbol() == "┐")
        .unwrap_or_else(|| panic!("no top right corner:\n{}", text(&over)));
    let y1 = (y0 + 1..H)
        .find(|&y| over[(x1, y)].symbol() == "┘")
        .unwrap_or_else(|| panic!("no bottom right corner:\n{}", text(&over)));
    (over, Rect::new(x0, y0, x1 - x0 + 1, y1 - y0 + 1))
}

fn alnum(b: &Buffer, x: u16, y: u16) -> bool {
    b[(x, y)].symbol().chars().all(char::is_alphanumeric) && !b[(x, y)].symbol().is_empty()
}

/// Asserts that nothing in the top popup is cut at its border, and snapshots the popup.
fn nothing_cut(name: &str, app: &mut App) -> String {
    checked(name, app, true)
}

fn checked(name: &str, app: &mut App, snapshot: bool) -> String {
    let (b, r) = popup_frame(app);
    let screen = text(&b);
    let (left, right, top, bottom) = (r.x, r.x + r.width - 1, r.y, r.y + r.height - 1);
    // The title ends before the corner.
    let title: String = (left + 1..right).map(|x| b[(x, top)].symbol()).collect();
    if title.chars().any(|c| c != '─') {
        assert_eq!(
            b[(right - 1, top)].symbol(),
            "─",
            "{name}: the title runs into the corner:\n{screen}"
        );
    }
    // No text in the last column inside the border.
    for y in top + 1..bottom {
        assert!(
            !alnum(&b, right - 1, y),
            "{name}: row {y} runs into the border:\n{screen}"
        );
    }
    // The popup itself, as it looks (times of day masked: the recovery popup shows one).
    let popup: String = (top..=bottom)
        .map(|y| {
            (left..=right)
                .map(|x| b[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    let slug: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if snapshot {
        insta::assert_snapshot!(format!("popup_{slug}_80x24"), mask_clock(&popup));
    }
    screen
}

fn on_design(f: &Fixture, id: &str) -> App {
    let mut app = yolo_app(f);
    select(&mut app, id);
    app.ui.focus = Pane::Editor;
    app
}

#[test]
fn help_both_pages() {
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    app.handle_event(key(KeyCode::F(1)));
    nothing_cut("help: guide", &mut app);
    app.handle_event(key(KeyCode::Tab));
    nothing_cut("help: keys", &mut app);
    for _ in 0..40 {
        app.handle_event(key(KeyCode::PageDown));
        checked("help: keys, scrolled", &mut app, false);
    }
}

#[test]
fn palette_progress_and_mode() {
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    app.handle_event(ctrl('p'));
    nothing_cut("palette", &mut app);
    typ(&mut app, "jump");
    nothing_cut("palette, filtered", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(ctrl('p'));
    typ(&mut app, "export\n");
    // (The proposed path is the session's directory, a different one each run.)
    app.handle_event(ctrl('u'));
    typ(&mut app, "docs/infrastructure-architecture.md");
    nothing_cut("export path", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::F(5)));
    nothing_cut("progress", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.ui.focus = Pane::Navigator;
    app.handle_event(key(KeyCode::Char('m')));
    nothing_cut("interaction mode", &mut app);
}

#[test]
fn confirms() {
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    app.ui.popups.push(Popup::Confirm(Confirm::Quit));
    nothing_cut("quit", &mut app);
    app.ui.popups.clear();
    app.ui.popups.push(Popup::Confirm(Confirm::ChangedOnDisk));
    nothing_cut("changed on disk", &mut app);
    app.ui.popups.clear();
    app.ui.popups.push(Popup::Confirm(Confirm::Recovery {
        at: jiff::Timestamp::from_second(1_800_000_000).unwrap(),
        differences: (1..12)
            .map(|i| {
                format!(
                    "section {i}: the text of the recovered session differs in its third paragraph"
                )
            })
            .collect(),
    }));
    nothing_cut("recovery", &mut app);
    app.ui.popups.clear();
    let first = app.doc.session.sections[0].id.clone();
    select(&mut app, &first);
    app.handle_event(key(KeyCode::Char('8')));
    nothing_cut("finalize", &mut app);
}

#[test]
fn design_popups() {
    let f = fixture();
    let mut app = on_design(&f, "network-architecture");
    app.handle_event(key(KeyCode::Char('f')));
    typ(
        &mut app,
        "A long piece of feedback that wraps over several rows of the prompt at eighty columns, to see it wrap.",
    );
    nothing_cut("feedback prompt", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('r')));
    nothing_cut("recommend prompt", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('d')));
    nothing_cut("decide prompt", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('a')));
    nothing_cut("catalog picker", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('E')));
    nothing_cut("elicitation menu", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::F(4)));
    nothing_cut("comments", &mut app);
}

#[test]
fn gathering_popups() {
    let f = fixture();
    let mut session = store::load(&f.path).unwrap().session;
    estimate_over_budget(&mut session);
    store::save(&f.path, &session).unwrap();
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, "stage:requirements");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('o')));
    nothing_cut("regimes", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('C')));
    nothing_cut("conflicts between the inputs", &mut app);
    app.handle_event(key(KeyCode::Char('r')));
    typ(
        &mut app,
        "The PRD's budget is the one that holds; the estimate is revised in the next planning round.",
    );
    nothing_cut("the reason for a conflict", &mut app);
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(key(KeyCode::Char('a')));
    nothing_cut("add a requirement", &mut app);
    app.handle_event(key(KeyCode::Esc));
    select(&mut app, "stage:inputs");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('a')));
    nothing_cut("add an input", &mut app);
}

#[test]
fn reload_diff() {
    let dir = tempfile::tempdir().unwrap();
    let nfr = |v: &str| {
        format!(
            "# Tidepool — PRD\n\n## Non-Functional Requirements\n\n- NFR1: {v} monthly availability, measured at the load balancer over a calendar month, excluding planned maintenance windows announced a week ahead.\n"
        )
    };
    let mut app = app_with_changed_prd(dir.path(), &nfr("99.9%"), &nfr("99.95%"));
    select(&mut app, "stage:inputs");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('r')));
    nothing_cut("reload diff", &mut app);
}

#[test]
fn merge_of_a_generated_change() {
    use infradraft::tui::generated::MergeChoice;
    use infradraft::workflow::section_text::propose;
    let f = fixture();
    let mut app = open(&f);
    app.ui.popups.clear();
    let old_base =
        "## Network\n\nSpoke VPCs attach to a Transit Gateway in each region.\n".to_string();
    let mut section = app.doc.session.sections[0].clone();
    section.body = "## Network\n\nSpoke VPCs attach to a Transit Gateway in each region, and our own note about the hub's inspection firewall sits here.\n".into();
    let update = propose(
        &section,
        &old_base,
        "## Network\n\nSpoke networks attach to one Cloud WAN core network across every region the product runs in.\n".into(),
    );
    assert!(!update.conflicts().is_empty());
    app.ui.popups.push(Popup::Merge(MergeChoice {
        update,
        section: 0,
        what: "the decision".into(),
        choices: vec![],
    }));
    nothing_cut("merge", &mut app);
}
