//! The finishing stages in the workbench: checklist review, diagrams, stories and epic impacts,
//! and export, driven through the real event handler.

mod common;

use common::*;
use infradraft::export::{ExportContext, document};
use infradraft::model::Mark;
use infradraft::store;
use infradraft::tui::action::Context;
use infradraft::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// The workbench on the complete sample session, minus its diagrams, stories and marks.
fn decided(f: &Fixture) -> App {
    let mut s = complete_session();
    s.diagrams.clear();
    s.stories.clear();
    s.refinements.clear();
    s.checklist.clear();
    store::save(&f.path, &s).unwrap();
    open(f)
}

fn enter_stage(app: &mut App, id: &str) {
    select(app, id);
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(app.context(), Context::Workspace);
}

#[test]
fn checklist_items_are_marked_noted_filtered_and_jump_to_their_section() {
    let f = fixture();
    let mut app = open(&f);
    enter_stage(&mut app, "stage:checklist");
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Overall"), "{s}");
    assert!(s.contains("Not applicable to this design yet"), "{s}");
    assert!(s.contains('⚑'), "empty sections are pre-flagged:\n{s}");
    insta::assert_snapshot!("checklist_120x40", s);
    insta::assert_snapshot!("checklist_80x24", screen(&mut app, 80, 24));
    let first = app.doc.checklist.categories[0].1[0].id.clone();
    let second = app.doc.checklist.categories[0].1[1].id.clone();
    // The tool's own assessment of the first item (the sample names its regimes) shows after the
    // open dot, with its evidence in the detail; it is not a mark.
    assert!(s.contains(&format!("·✓ {first}")), "{s}");
    assert!(
        s.contains("infradraft's assessment, not a mark: pass"),
        "{s}"
    );
    assert!(app.doc.session.checklist.is_empty());
    app.handle_event(key(KeyCode::Char('1')));
    app.handle_event(key(KeyCode::Char('3')));
    app.handle_event(key(KeyCode::Up));
    app.handle_event(key(KeyCode::Char('e')));
    typ(&mut app, "missing: key rotation period\n");
    let mark = |app: &App, id: &str| {
        app.doc
            .session
            .checklist
            .iter()
            .find(|m| m.item == id)
            .map(|m| (m.mark, m.note.clone()))
    };
    assert_eq!(mark(&app, &first), Some((Mark::Pass, String::new())));
    assert_eq!(
        mark(&app, &second),
        Some((Mark::Fail, "missing: key rotation period".into()))
    );
    // The person's mark stands over the tool's assessment.
    let s = screen(&mut app, 120, 40);
    assert!(s.contains(&format!("✓  {first}")), "{s}");
    // Deficiencies only: the passed item is gone, the failed one is first.
    app.handle_event(key(KeyCode::Char('f')));
    app.handle_event(key(KeyCode::Char('g')));
    let s = screen(&mut app, 120, 40);
    assert!(!s.contains(&format!("{first} ")), "{s}");
    assert!(s.contains(&second), "{s}");
    // Enter goes to the item's first section.
    let target = app
        .doc
        .checklist
        .item(&second)
        .unwrap()
        .sections
        .first()
        .unwrap()
        .clone();
    app.handle_event(key(KeyCode::Enter));
    assert_eq!(selected_id(&app), target);
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    assert_eq!(saved.checklist.len(), 2);
}

#[test]
fn starter_diagrams_are_generated_edited_live_and_validated() {
    let f = fixture();
    let mut app = decided(&f);
    enter_stage(&mut app, "stage:diagrams");
    assert!(screen(&mut app, 120, 40).contains("No diagrams yet"));
    app.handle_event(key(KeyCode::Char('d')));
    assert_eq!(app.doc.session.diagrams.len(), 4);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Network topology"), "{s}");
    assert!(s.contains("No problems found."), "{s}");
    insta::assert_snapshot!("diagrams_120x40", s);
    // Edit: a broken arrow shows as a problem with its line at once; fixing it clears it.
    app.handle_event(key(KeyCode::Enter));
    assert!(app.editing_diagram());
    for _ in 0..200 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::End));
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "  broken -->");
    let source = app.doc.session.diagrams[0].source.clone();
    assert!(source.ends_with("  broken -->"), "{source}");
    let problems = infradraft::analysis::diagram_check::validate(&source);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].to_string().ends_with("arrow without a target"));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Network topology ✗1"), "{s}");
    assert!(s.contains("editing the diagram"), "{s}");
    assert!(s.contains("arrow without a"), "{s}");
    for _ in 0.."  broken -->".len() + 1 {
        app.handle_event(key(KeyCode::Backspace));
    }
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.editing_diagram());
    assert!(screen(&mut app, 120, 40).contains("No problems found."));
    // A custom diagram.
    app.handle_event(key(KeyCode::Char('a')));
    typ(&mut app, "Failover sequence\n");
    assert_eq!(app.doc.session.diagrams.len(), 5);
    assert!(app.editing_diagram());
    app.handle_event(key(KeyCode::Esc));
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    assert_eq!(saved.diagrams.len(), 5);
    assert_eq!(saved.diagrams[4].title, "Failover sequence");
}

#[test]
fn stories_are_drafted_from_decisions_and_can_be_dropped() {
    let f = fixture();
    let mut app = decided(&f);
    enter_stage(&mut app, "stage:stories");
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Existing in the inputs: 5 epics"), "{s}");
    app.handle_event(key(KeyCode::Char('d')));
    let n = app.doc.session.stories.len();
    assert!(n >= 16, "a story per decided component at least: {n}");
    assert!(!app.doc.session.refinements.is_empty());
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("INFRA-1"), "{s}");
    insta::assert_snapshot!("stories_120x40", s);
    // At 80 columns, long titles give way with an ellipsis; counts and sizes stay in view.
    let narrow = screen(&mut app, 80, 24);
    assert!(narrow.contains("… (3 stories)"), "{narrow}");
    insta::assert_snapshot!("stories_80x24", narrow);
    // The changes to existing stories: each id stands apart from its text, however long.
    for _ in 0..n {
        app.handle_event(key(KeyCode::Char('j')));
    }
    let refinements = screen(&mut app, 120, 40);
    let first = &app.doc.session.refinements[0];
    assert!(
        refinements.contains(&format!("{} ", first.story)),
        "{refinements}"
    );
    assert!(
        !refinements.contains(&format!(
            "{}{}",
            first.story,
            first.change.chars().next().unwrap()
        )),
        "{refinements}"
    );
    for _ in 0..n {
        app.handle_event(key(KeyCode::Char('k')));
    }
    let first = app.doc.session.stories[0].title.clone();
    app.handle_event(key(KeyCode::Char('x')));
    assert_eq!(app.doc.session.stories.len(), n - 1);
    assert!(app.doc.session.stories.iter().all(|s| s.title != first));
}

#[test]
fn a_story_is_edited_as_markdown_and_drafting_again_keeps_the_edit() {
    let f = fixture();
    let mut app = decided(&f);
    enter_stage(&mut app, "stage:stories");
    app.handle_event(key(KeyCode::Char('d')));
    let n = app.doc.session.stories.len();
    let drafted = app.doc.session.stories[1].title.clone();
    // The first story of a decision names what it is built with and what it has to meet.
    let md = infradraft::analysis::stories::story_markdown(&app.doc.session.stories[0]);
    assert!(md.contains("**Built with:** "), "{md}");
    app.handle_event(key(KeyCode::Down));
    // Every drafted story reads back from its own Markdown unchanged.
    for st in &app.doc.session.stories {
        let md = infradraft::analysis::stories::story_markdown(st);
        let back = infradraft::workflow::edit::stories::read_edit(&app.doc.session, st, &md)
            .expect("one story");
        assert_eq!(
            infradraft::model::TechnicalStory {
                edited: None,
                ..back
            },
            *st
        );
    }
    // Opening the editor and leaving it without a change changes nothing.
    let history = app.doc.session.history.len();
    app.handle_event(key(KeyCode::Char('e')));
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.editing_story());
    assert_eq!(app.doc.session.stories[1].edited, None);
    assert_eq!(app.doc.session.history.len(), history);
    app.handle_event(key(KeyCode::Char('e')));
    assert!(app.editing_story());
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("INFRA-2 · editing (Esc saves)"), "{s}");
    // The key bar says where keys go, not the list's keys.
    assert!(
        s.contains("editing the story (Markdown) · Esc saves"),
        "{s}"
    );
    assert!(!s.contains("d draft"), "{s}");
    // Retitle on the heading line, and add a criterion at the end.
    app.handle_event(key(KeyCode::End));
    typ(&mut app, " for Ferrybook");
    for _ in 0..60 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::End));
    app.handle_event(key(KeyCode::Enter));
    typ(
        &mut app,
        "- [ ] Restores are rehearsed in eu-central-1 every quarter.",
    );
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.editing_story());
    let story = &app.doc.session.stories[1];
    assert_eq!(story.title, format!("{drafted} for Ferrybook"));
    assert_eq!(
        story.acceptance_criteria.last().map(String::as_str),
        Some("Restores are rehearsed in eu-central-1 every quarter.")
    );
    assert_eq!(story.edited.as_deref(), Some(drafted.as_str()));
    // A text that is no longer one story is not saved: the first Esc says why, the second leaves
    // without saving.
    app.handle_event(key(KeyCode::Char('e')));
    for _ in 0..60 {
        app.handle_event(key(KeyCode::Up));
    }
    app.handle_event(key(KeyCode::Home));
    typ(&mut app, "x");
    app.handle_event(key(KeyCode::Esc));
    assert!(app.editing_story());
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("not saved"), "{s}");
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.editing_story());
    assert_eq!(
        app.doc.session.stories[1].title,
        format!("{drafted} for Ferrybook")
    );
    // Drafting again keeps the person's story where the drafted one would be.
    app.handle_event(key(KeyCode::Char('d')));
    assert_eq!(app.doc.session.stories.len(), n);
    assert_eq!(
        app.doc.session.stories[1].title,
        format!("{drafted} for Ferrybook")
    );
    app.handle_event(ctrl('s'));
    let saved = store::load(&f.path).unwrap().session;
    assert_eq!(saved.stories[1].title, format!("{drafted} for Ferrybook"));
}

#[test]
fn the_preview_is_the_export_and_export_writes_it_from_the_palette() {
    let f = fixture();
    let mut app = decided(&f);
    screen(&mut app, 120, 40);
    app.handle_event(ctrl('p'));
    typ(&mut app, "export\n");
    let target = f._dir.path().join("out/doc.md");
    app.handle_event(ctrl('u'));
    typ(&mut app, &target.display().to_string());
    let before = app.doc.session.clone();
    app.handle_event(key(KeyCode::Enter));
    let written = std::fs::read_to_string(&target).unwrap();
    // The export is recorded in the history, after the document was written.
    let record = app.doc.session.history.last().unwrap();
    assert_eq!(record.action, "exported");
    assert_eq!(record.detail, target.display().to_string());
    let expected = document(
        &before,
        &ExportContext {
            checklist: Some(&app.doc.checklist),
            template: Some(&app.doc.template),
            precomputed: Default::default(),
        },
    );
    assert_eq!(written, expected);
    assert_eq!(
        std::fs::read_dir(f._dir.path().join("out/adr"))
            .unwrap()
            .count(),
        23
    );
    // The preview holds the same document: its decision log is there too, page by page (the
    // preview renders what comes into view).
    app.ui.preview_overlay = false;
    app.settle();
    screen(&mut app, 120, 40);
    let total = app.derived.preview.total_lines();
    assert!(total > 100);
    app.ui.preview_follows = false;
    let mut lines: Vec<String> = Vec::new();
    while lines.len() < total {
        app.ui.preview_scroll = lines.len();
        screen(&mut app, 120, 40);
        let page = app.derived.preview.visible(app.ui.preview_scroll, 38);
        assert!(!page.is_empty(), "nothing at line {}", lines.len());
        lines.extend(page.iter().map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        }));
    }
    let text = lines.join("\n");
    assert!(text.contains("Decision Log"), "{text}");
    assert!(text.contains("Change Log"));
}

#[test]
fn marking_the_checklist_is_one_row_of_the_change_log() {
    let f = fixture();
    let mut app = decided(&f);
    let before = app.doc.session.history.len();
    enter_stage(&mut app, "stage:checklist");
    // Five marks (each moves to the next item), then a note on the last one marked.
    for k in ['1', '1', '2', '3', '4'] {
        app.handle_event(key(KeyCode::Char(k)));
    }
    app.handle_event(key(KeyCode::Up));
    app.handle_event(key(KeyCode::Char('e')));
    typ(&mut app, "not in scope\n");
    // The history keeps every mark and the note.
    assert_eq!(app.doc.session.history.len(), before + 6);
    let doc = document(
        &app.doc.session,
        &ExportContext {
            checklist: Some(&app.doc.checklist),
            template: Some(&app.doc.template),
            precomputed: Default::default(),
        },
    );
    let log = &doc[doc.find("## Change Log").unwrap()..];
    let rows: Vec<&str> = log.lines().filter(|l| l.contains("| checklist")).collect();
    assert_eq!(rows.len(), 1, "{log}");
    assert!(
        rows[0].contains("| checklist marked | 5 items: 2 pass, 1 partial, 1 fail, 1 n/a ("),
        "{}",
        rows[0]
    );
}

#[test]
fn the_diagram_editor_undoes_and_redoes_and_its_key_bar_shows_its_keys() {
    let f = fixture();
    let mut app = decided(&f);
    enter_stage(&mut app, "stage:diagrams");
    app.handle_event(key(KeyCode::Char('d')));
    let original = app.doc.session.diagrams[0].source.clone();
    app.handle_event(key(KeyCode::Enter));
    assert!(app.editing_diagram());
    // The key bar shows the editor's keys, not the list's.
    let bar = key_bar(&mut app);
    for wanted in [
        "editing the diagram",
        "Esc stops",
        "^Z undo",
        "^Y redo",
        "^S save",
    ] {
        assert!(bar.contains(wanted), "no {wanted:?} in {bar}");
    }
    for list_key in ["d draft", "a add", "x remove", "Enter open"] {
        assert!(!bar.contains(list_key), "{list_key:?} in {bar}");
    }
    // Type a line at the end: eight edits (a line break and seven characters).
    for _ in 0..200 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::End));
    app.handle_event(key(KeyCode::Enter));
    typ(&mut app, "A --> B");
    let typed = format!("{original}\nA --> B");
    assert_eq!(app.doc.session.diagrams[0].source, typed);
    // ^Z undoes, and the diagram's source follows; there is nothing to undo before the edit.
    app.handle_event(ctrl('z'));
    assert_eq!(
        app.doc.session.diagrams[0].source,
        format!("{original}\nA --> ")
    );
    for _ in 0..10 {
        app.handle_event(ctrl('z'));
    }
    assert_eq!(app.doc.session.diagrams[0].source, original);
    // ^Y redoes.
    app.handle_event(ctrl('y'));
    assert_eq!(app.doc.session.diagrams[0].source, format!("{original}\n"));
    for _ in 0..10 {
        app.handle_event(ctrl('y'));
    }
    assert_eq!(app.doc.session.diagrams[0].source, typed);
    // ^S saves while editing, and the editor stays open.
    app.handle_event(ctrl('s'));
    assert!(app.editing_diagram());
    let saved = store::load(&f.path).unwrap().session;
    assert_eq!(saved.diagrams[0].source, typed);
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.editing_diagram());
    let bar = key_bar(&mut app);
    assert!(bar.contains("d draft"), "the list's keys again: {bar}");
}

/// The text in the story editor.
fn story_text(app: &App) -> String {
    app.ui
        .stages
        .stories
        .editing
        .as_ref()
        .expect("a story is being edited")
        .editor
        .textarea
        .lines()
        .join("\n")
}

#[test]
fn the_story_editor_undoes_redoes_saves_and_its_key_bar_shows_its_keys() {
    let f = fixture();
    let mut app = decided(&f);
    enter_stage(&mut app, "stage:stories");
    app.handle_event(key(KeyCode::Char('d')));
    let title = app.doc.session.stories[0].title.clone();
    app.handle_event(key(KeyCode::Char('e')));
    assert!(app.editing_story());
    // The key bar shows the editor's keys, not the list's.
    let bar = key_bar(&mut app);
    for wanted in [
        "editing the story",
        "Esc saves",
        "^Z undo",
        "^Y redo",
        "^X cut",
        "^V paste",
        "^S save",
    ] {
        assert!(bar.contains(wanted), "no {wanted:?} in {bar}");
    }
    for list_key in ["d draft", "x remove", "e edit"] {
        assert!(!bar.contains(list_key), "{list_key:?} in {bar}");
    }
    let original = story_text(&app);
    // Retitle on the heading line: four edits.
    app.handle_event(key(KeyCode::End));
    typ(&mut app, " now");
    let typed = story_text(&app);
    assert!(
        typed.starts_with(&format!("#### INFRA-1: {title} now\n")),
        "{typed}"
    );
    // ^Z undoes one edit at a time, down to the text opened; ^Y redoes (it does not paste).
    app.handle_event(ctrl('z'));
    assert!(story_text(&app).starts_with(&format!("#### INFRA-1: {title} no\n")));
    for _ in 0..10 {
        app.handle_event(ctrl('z'));
    }
    assert_eq!(story_text(&app), original);
    app.handle_event(ctrl('y'));
    assert!(story_text(&app).starts_with(&format!("#### INFRA-1: {title} \n")));
    for _ in 0..10 {
        app.handle_event(ctrl('y'));
    }
    assert_eq!(story_text(&app), typed);
    // The clipboard: select all and cut empties the editor, paste puts the text back.
    app.handle_event(ctrl('a'));
    app.handle_event(ctrl('x'));
    assert_eq!(story_text(&app), "");
    app.handle_event(ctrl('v'));
    assert_eq!(story_text(&app), typed);
    // ^S saves the story and the session, and the editor stays open.
    app.handle_event(ctrl('s'));
    assert!(app.editing_story());
    assert!(!app.doc.dirty);
    assert_eq!(app.doc.session.stories[0].title, format!("{title} now"));
    let saved = store::load(&f.path).unwrap().session;
    assert_eq!(saved.stories[0].title, format!("{title} now"));
    assert_eq!(saved.stories[0].edited.as_deref(), Some(title.as_str()));
    // A text that is no longer one story is not saved by ^S either: the editor says why.
    for _ in 0..60 {
        app.handle_event(key(KeyCode::Up));
    }
    app.handle_event(key(KeyCode::Home));
    typ(&mut app, "x");
    app.handle_event(ctrl('s'));
    assert!(app.editing_story());
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("not saved"), "{s}");
    assert_eq!(app.doc.session.stories[0].title, format!("{title} now"));
    // Undoing the stray letter makes it one story again, and Esc leaves.
    app.handle_event(ctrl('z'));
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.editing_story());
    let bar = key_bar(&mut app);
    assert!(bar.contains("d draft"), "the list's keys again: {bar}");
}

#[test]
fn a_paste_goes_into_the_diagram_or_the_story_being_edited_as_one_undo_step() {
    use ratatui::crossterm::event::Event;
    let f = fixture();
    let mut app = decided(&f);
    enter_stage(&mut app, "stage:diagrams");
    app.handle_event(key(KeyCode::Char('d')));
    let original = app.doc.session.diagrams[0].source.clone();
    app.handle_event(key(KeyCode::Enter));
    assert!(app.editing_diagram());
    for _ in 0..200 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::End));
    // Terminals send a paste's line breaks as CR.
    app.handle_event(Event::Paste("\r\nC --> D\r\nD --> E".into()));
    let pasted = format!("{original}\nC --> D\nD --> E");
    assert_eq!(app.doc.session.diagrams[0].source, pasted);
    assert!(app.doc.dirty);
    app.handle_event(ctrl('z'));
    assert_eq!(
        app.doc.session.diagrams[0].source, original,
        "one undo step"
    );
    app.handle_event(ctrl('y'));
    assert_eq!(app.doc.session.diagrams[0].source, pasted);
    app.handle_event(key(KeyCode::Esc));

    enter_stage(&mut app, "stage:stories");
    app.handle_event(key(KeyCode::Char('d')));
    app.handle_event(key(KeyCode::Char('e')));
    assert!(app.editing_story());
    let before = story_text(&app);
    for _ in 0..200 {
        app.handle_event(key(KeyCode::Down));
    }
    app.handle_event(key(KeyCode::End));
    app.handle_event(Event::Paste(
        "\n- [ ] Restores are rehearsed every quarter.".into(),
    ));
    let with = format!("{before}\n- [ ] Restores are rehearsed every quarter.");
    assert_eq!(story_text(&app), with);
    app.handle_event(ctrl('z'));
    assert_eq!(story_text(&app), before, "one undo step");
    app.handle_event(ctrl('y'));
    assert_eq!(story_text(&app), with);
    // Esc saves the story with the pasted criterion.
    app.handle_event(key(KeyCode::Esc));
    assert!(!app.editing_story());
    assert_eq!(
        app.doc.session.stories[0]
            .acceptance_criteria
            .last()
            .map(String::as_str),
        Some("Restores are rehearsed every quarter.")
    );
}
