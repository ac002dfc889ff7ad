//! The analyses the workbench shows beside the text (card findings, conflict badges, the
//! checklist assessment, the document's derived parts) are worked out on a thread of their own:
//! they arrive after the frame that asked for them, wake the event loop, and equal what working
//! them out in place gives.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use infradraft::export::BEING_WORKED_OUT;
use infradraft::store;
use infradraft::tui::analyses::{Worker, analyse};
use ratatui::crossterm::event::KeyCode;

#[test]
fn the_worker_gives_what_working_in_place_gives_and_wakes_the_loop() {
    let f = fixture();
    let s = complete_session();
    store::save(&f.path, &s).unwrap();
    let mut app = open(&f);
    app.ui.popups.clear();
    let woken = Arc::new(AtomicUsize::new(0));
    let counter = woken.clone();
    app.derived
        .analyses
        .use_worker(Worker::start(Box::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })));
    screen(&mut app, 120, 40);
    app.settle();
    assert!(!app.derived.analyses.pending());
    // The wake follows the results (it is called once they are sent).
    let asked = std::time::Instant::now();
    while woken.load(Ordering::SeqCst) == 0 && asked.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(woken.load(Ordering::SeqCst) >= 1, "the loop was woken");
    let got = app.derived.analyses.latest().expect("results arrived");
    let expected = analyse(
        &app.doc.session,
        &app.doc.checklist,
        got.key,
        got.requirements,
    );
    assert_eq!(
        *got, expected,
        "the copy the worker reads lacks nothing it needs"
    );
    assert!(
        got.badges.iter().sum::<usize>() > 0,
        "the sample's accepted conflicts are counted"
    );
    assert!(!got.doc.assessments.is_empty());

    // A change that is not typing asks again; typing does not.
    let before = got.key;
    select(&mut app, "compute-resources");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('w')));
    typ(&mut app, "More words.");
    screen(&mut app, 120, 40);
    assert!(!app.derived.analyses.pending(), "typing asks for nothing");
    assert_eq!(app.derived.analyses.latest().unwrap().key, before);
}

#[test]
fn until_the_analyses_arrive_the_document_says_so_and_then_shows_them() {
    use infradraft::export::{Analysed, ExportContext, Precomputed, document};
    let s = complete_session();
    let template = infradraft::knowledge::Template::builtin().unwrap();
    let checklist = infradraft::knowledge::checklist::Checklist::builtin().unwrap();
    let ctx = |precomputed| ExportContext {
        checklist: Some(&checklist),
        template: Some(&template),
        precomputed,
    };
    let pending = document(&s, &ctx(Precomputed::Pending));
    assert!(pending.contains(BEING_WORKED_OUT), "{pending}");
    assert!(!pending.contains("First assessment by infradraft"));
    let analysed = Analysed::of(&s, Some(&checklist));
    let ready = document(&s, &ctx(Precomputed::Ready(&analysed)));
    assert!(!ready.contains(BEING_WORKED_OUT));
    assert!(ready.contains("First assessment by infradraft"));
    assert_eq!(ready, document(&s, &ctx(Precomputed::Compute)));
}

#[test]
fn when_the_analyses_thread_dies_they_are_worked_out_in_place() {
    use infradraft::tui::analyses::Analyses;
    let s = complete_session();
    let checklist = infradraft::knowledge::checklist::Checklist::builtin().unwrap();
    let mut analyses = Analyses::default();
    // The thread sends its first results, then dies (as a bug in an analysis would end it).
    analyses.use_worker(Worker::start(Box::new(|| {
        panic!("test: the analyses thread ends here")
    })));
    analyses.refresh(&s, &checklist, 1, 7);
    analyses.wait();
    assert_eq!(analyses.latest().map(|r| r.key), Some(1));
    // Asked again, whether or not the thread is seen gone yet, the results come.
    analyses.refresh(&s, &checklist, 2, 7);
    analyses.wait();
    analyses.refresh(&s, &checklist, 2, 7);
    assert!(!analyses.pending());
    assert_eq!(analyses.latest().map(|r| r.key), Some(2));
}

#[test]
fn a_slow_preview_catches_up_when_typing_pauses_and_follows_any_other_change_at_once() {
    let f = fixture();
    store::save(&f.path, &complete_session()).unwrap();
    let mut app = open(&f);
    app.ui.popups.clear();
    select(&mut app, "compute-resources");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('w')));
    // The first keystroke in a section may change more than its text (who wrote it).
    typ(&mut app, "A ");
    screen(&mut app, 160, 40);
    app.settle();
    // Every refresh counts as slow.
    app.derived.preview_pace.slow = Some(std::time::Duration::ZERO);
    screen(&mut app, 160, 40);
    typ(&mut app, "Zanzibar ");
    let typed = screen(&mut app, 160, 40);
    let preview_of = |screen: &str| -> String {
        screen
            .lines()
            .map(|l| l.chars().skip(110).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        !preview_of(&typed).contains("Zanzibar"),
        "the preview waits for a pause in typing:\n{typed}"
    );
    assert!(app.idle_work_pending(), "catching up is idle work");
    app.idle_work(std::time::Duration::from_millis(3));
    assert!(app.take_idle_redraw(), "catching up asks for a frame");
    let caught_up = screen(&mut app, 160, 40);
    assert!(
        preview_of(&caught_up).contains("Zanzibar"),
        "the preview caught up:\n{caught_up}"
    );
    // A change that is not typing refreshes at once, slow or not.
    typ(&mut app, "Quokka ");
    screen(&mut app, 160, 40);
    app.handle_event(key(KeyCode::Esc));
    select(&mut app, "data-resources");
    let moved = screen(&mut app, 160, 40);
    assert!(!app.derived.preview_pace.behind, "{moved}");
    // Without a threshold (tests, benches), the preview follows every keystroke.
    app.derived.preview_pace.slow = None;
    select(&mut app, "compute-resources");
    app.handle_event(key(KeyCode::Enter));
    app.handle_event(key(KeyCode::Char('w')));
    screen(&mut app, 160, 40);
    typ(&mut app, "Wombat ");
    let followed = screen(&mut app, 160, 40);
    assert!(preview_of(&followed).contains("Wombat"), "{followed}");
}
