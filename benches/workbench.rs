//! The workbench's budgets, measured with divan (`cargo bench --bench workbench`):
//! a full frame of the main screen at 200×60, a keystroke to the next frame for documents of
//! 100 KB, 1 MB and 10 MB, the store saving and loading a 10 MB session, export and check of the
//! large session, and opening the sample to its first frame.
//!
//! The large session is generated deterministically: 40 components with 4 options each, the given
//! amount of section text in infrastructure-style Markdown (headings, lists, tables, YAML and HCL
//! fences), and 20 Mermaid diagrams.

use std::path::{Path, PathBuf};

use divan::Bencher;
use infradraft::home::Home;
use infradraft::model::{InteractionMode, Session};
use infradraft::store;
use infradraft::tui::app::{App, Pane};
use infradraft::tui::{prepare_app, view};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn main() {
    divan::main();
}

#[path = "large_session.rs"]
mod large_session;

use large_session::{KB, MB, large_session};

/// A session file in a temporary directory, and the home to open it with.
struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    home: Home,
}

fn fixture(session: &Session) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    store::save(&path, session).unwrap();
    let home = Home::under(dir.path().join("home"));
    Fixture {
        path,
        home,
        _dir: dir,
    }
}

/// The workbench on a session, with syntax highlighting on (as once the background load is done).
fn open(path: &Path, home: &Home) -> App {
    let mut app = prepare_app(path, home, Some("dark".into())).unwrap();
    app.ui.popups.clear();
    app.set_highlighter(std::sync::Arc::new(infradraft::preview::Highlighter::new()));
    app
}

fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>, size: Rect) {
    app.prepare(size);
    terminal.draw(|f| view::draw(f, app)).unwrap();
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The workbench at 200×60 on the large session with `bytes` of text, the fifth component
/// selected: on its comparison panes, or (`text`) in its section's text editor. One frame drawn.
struct OnComponent {
    _fixture: Fixture,
    app: App,
    terminal: Terminal<TestBackend>,
    size: Rect,
}

impl OnComponent {
    fn new(bytes: usize, text: bool) -> OnComponent {
        let fixture = fixture(&large_session(bytes));
        let mut app = open(&fixture.path, &fixture.home);
        app.ui.focus = Pane::Navigator;
        for _ in 0..4 {
            app.handle_event(key(KeyCode::Down));
        }
        if text {
            // Enter opens the design panes, w the text editor.
            app.handle_event(key(KeyCode::Enter));
            app.handle_event(key(KeyCode::Char('w')));
        }
        let mut on = OnComponent {
            _fixture: fixture,
            app,
            terminal: Terminal::new(TestBackend::new(200, 60)).unwrap(),
            size: Rect::new(0, 0, 200, 60),
        };
        on.frame();
        on
    }

    fn frame(&mut self) {
        frame(&mut self.app, &mut self.terminal, self.size);
    }
}

/// Budget: one full frame of the main screen at 200×60 (navigator, comparison panes, preview)
/// for the large session with 1 MB of text: median ≤ 2 ms.
#[divan::bench]
fn frame_200x60_large_session(bencher: Bencher) {
    let mut on = OnComponent::new(MB, false);
    bencher.bench_local(|| on.frame());
}

/// Budget: a keystroke in a section to the next frame (edit, preview update, draw): p99 ≤ 8 ms
/// and flat in the document's size.
#[divan::bench(args = [100 * KB, MB, 10 * MB])]
fn keystroke_to_frame(bencher: Bencher, bytes: usize) {
    let mut on = OnComponent::new(bytes, true);
    let section = on.app.selected_section().expect("a section is selected");
    let before = on.app.doc.session.sections[section].body.len();
    on.app.handle_event(key(KeyCode::Char('x')));
    on.frame();
    assert_eq!(
        on.app.doc.session.sections[section].body.len(),
        before + 1,
        "the keystroke edits the section"
    );
    assert_eq!(
        on.app.derived.preview.last_rendered, 1,
        "the preview re-renders it"
    );
    assert_eq!(on.app.derived.preview.last_blocks, 1, "one block of it");
    bencher.bench_local(|| {
        on.app.handle_event(key(KeyCode::Char('x')));
        on.frame();
    });
}

/// Budget: a 10 MB session saves atomically in ≤ 100 ms.
#[divan::bench(sample_count = 20)]
fn save_10mb(bencher: Bencher) {
    let s = large_session(10 * MB);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    bencher.bench_local(|| store::save(&path, &s).unwrap());
}

/// The crash journal's cost on the input path: the copy of a 10 MB session handed to its thread
/// (serialising and writing happen there), at most once a second while typing.
#[divan::bench(sample_count = 20)]
fn journal_copy_10mb(bencher: Bencher) {
    let s = large_session(10 * MB);
    bencher.bench_local(|| divan::black_box(Box::new(s.clone())));
}

/// Budget: a 10 MB session loads in ≤ 100 ms.
#[divan::bench(sample_count = 20)]
fn load_10mb(bencher: Bencher) {
    let f = fixture(&large_session(10 * MB));
    bencher.bench_local(|| store::load(&f.path).unwrap());
}

/// Budget: export of the large session ≤ 50 ms.
#[divan::bench(sample_count = 20)]
fn export_large(bencher: Bencher) {
    let s = large_session(MB);
    let checklist = infradraft::knowledge::checklist::Checklist::builtin().unwrap();
    let template = infradraft::knowledge::Template::builtin().unwrap();
    bencher.bench_local(|| {
        infradraft::export::document(
            &s,
            &infradraft::export::ExportContext {
                checklist: Some(&checklist),
                template: Some(&template),
                precomputed: Default::default(),
            },
        )
    });
}

/// Budget: check of the large session ≤ 100 ms.
#[divan::bench(sample_count = 20)]
fn check_large(bencher: Bencher) {
    let s = large_session(MB);
    let checklist = infradraft::knowledge::checklist::Checklist::builtin().unwrap();
    bencher.bench_local(|| infradraft::workflow::check::check(&s, &checklist, 0.0, false));
}

/// Budget: the sample opened to its first frame ≤ 50 ms (loading syntaxes, catalog and
/// checklist never in front of it).
#[divan::bench(sample_count = 20)]
fn sample_to_first_frame(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.ron");
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let inputs = infradraft::sample::inputs(now);
    let session = infradraft::workflow::new_session(
        &infradraft::knowledge::Template::builtin().unwrap(),
        infradraft::workflow::NewSession {
            title: None,
            project: None,
            authors: vec![],
            mode: Some(InteractionMode::Incremental),
            inputs,
        },
        now,
    );
    store::save(&path, &session).unwrap();
    let home = Home::under(dir.path().join("home"));
    let size = Rect::new(0, 0, 120, 40);
    bencher.bench_local(|| {
        let mut app = open(&path, &home);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        frame(&mut app, &mut terminal, size);
    });
}

/// Budget: a 10 MB session to its first frame at 120×40 (load, lay out what is in view, draw)
/// ≤ 50 ms, whatever the document's size: far sections are estimated, not rendered.
#[divan::bench(sample_count = 10)]
fn first_frame_10mb(bencher: Bencher) {
    let fixture = fixture(&large_session(10 * MB));
    let size = Rect::new(0, 0, 120, 40);
    bencher.bench_local(|| {
        let mut app = open(&fixture.path, &fixture.home);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        frame(&mut app, &mut terminal, size);
        app
    });
}

/// Budget: the first keystroke in a 256 KB section just opened in the editor of a freshly
/// opened 10 MB session (no idle time in between) to its frame, p99 ≤ 8 ms.
#[divan::bench(sample_count = 10)]
fn first_keystroke_in_a_freshly_opened_large_section(bencher: Bencher) {
    bencher
        .with_inputs(|| OnComponent::new(10 * MB, true))
        .bench_local_refs(|on| {
            on.app.handle_event(key(KeyCode::Char('x')));
            on.frame();
        });
}

/// Diagnosis: a frame with the 256 KB section open in the editor, without any edit.
#[divan::bench]
fn frame_editor_open_10mb(bencher: Bencher) {
    let mut on = OnComponent::new(10 * MB, true);
    bencher.bench_local(|| on.frame());
}

/// Diagnosis: the edit alone (no frame) in the 256 KB section.
#[divan::bench]
fn edit_only_10mb(bencher: Bencher) {
    let mut on = OnComponent::new(10 * MB, true);
    bencher.bench_local(|| on.app.handle_event(key(KeyCode::Char('x'))));
}

/// Crafted text that used to take super-linear time (issue: hostile files): one 1.2 MB paragraph
/// of `**a** ` rendered at 100 columns (was 41.8 s).
#[divan::bench(sample_count = 10)]
fn render_1mb_inline_paragraph(bencher: Bencher) {
    let md = "**a** ".repeat(200_000);
    let hl = infradraft::preview::Highlighter::plain();
    let styles = infradraft::preview::PreviewStyles::plain();
    bencher.bench_local(|| {
        let mut sink = std::io::sink();
        infradraft::preview::render_to_writer(&md, 100, &styles, &hl, None, &mut sink).unwrap();
    });
}

/// Crafted text: importing a document of 8,000 identical `## Same` headings (was 225 s).
#[divan::bench(sample_count = 10)]
fn import_8000_identical_headings(bencher: Bencher) {
    let mut md = String::from("# Doc\n\n");
    for _ in 0..8000 {
        md.push_str("## Same\n\ntext\n\n");
    }
    let template = infradraft::knowledge::Template::builtin().unwrap();
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    bencher.bench_local(|| {
        let input = infradraft::model::InputDocument {
            kind: infradraft::model::InputKind::Architecture,
            path: "doc.md".into(),
            sha256: String::new(),
            snapshot_at: now,
            text: md.clone(),
        };
        infradraft::workflow::import::import(&template, input, now)
    });
}

/// Crafted text: requirement extraction over emphasis nested 100,000 deep (200 KB; was 4.9 s).
#[divan::bench(sample_count = 10)]
fn extract_200kb_nested_emphasis(bencher: Bencher) {
    let n = 100_000;
    let text = format!("{}x{}\n", "*".repeat(n), "*".repeat(n));
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let inputs = vec![infradraft::model::InputDocument {
        kind: infradraft::model::InputKind::Prd,
        path: "prd.md".into(),
        sha256: String::new(),
        snapshot_at: now,
        text,
    }];
    bencher.bench_local(|| infradraft::inputs::extract::extract_requirements(&inputs));
}

/// The conflicts between the sample's four inputs, and between the same inputs each repeated 20
/// times (about 2.4 MB of text: every rule pairs its bounded number of statements).
#[divan::bench(args = [1, 20], sample_count = 10)]
fn input_conflicts_of_the_sample(bencher: Bencher, times: usize) {
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let inputs: Vec<_> = infradraft::sample::inputs(now)
        .into_iter()
        .map(|mut i| {
            i.text = i.text.repeat(times);
            i
        })
        .collect();
    let requirements = infradraft::inputs::extract::extract_requirements(&inputs);
    bencher.bench_local(|| infradraft::inputs::extract::input_conflicts(&inputs, &requirements));
}
