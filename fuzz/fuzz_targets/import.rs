//! An existing architecture document from anywhere turned into a session (`import`): never a
//! panic, every id unique and a slug (ids name files), and the session exports and saves.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use infradraft::knowledge::Template;
use infradraft::model::{InputDocument, InputKind};
use libfuzzer_sys::fuzz_target;

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| Template::builtin().expect("the built-in template loads"))
}

fuzz_target!(|data: &[u8]| {
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let input = InputDocument {
        kind: InputKind::Architecture,
        path: "fuzz.md".into(),
        sha256: String::new(),
        snapshot_at: now,
        text: String::from_utf8_lossy(data).into_owned(),
    };
    let (session, _) = infradraft::workflow::import::import(template(), input, now);
    let sections: HashSet<&str> = session.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections.len(), session.sections.len(), "section ids are unique");
    let diagrams: HashSet<&str> = session.diagrams.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(diagrams.len(), session.diagrams.len(), "diagram ids are unique");
    assert!(infradraft::model::bad_id(&session).is_none(), "ids are slugs");
    let _ = infradraft::export::document(
        &session,
        &infradraft::export::ExportContext { checklist: None },
    );
    let text = infradraft::store::to_ron(&session).expect("serialises");
    infradraft::store::session_from_text(std::path::Path::new("fuzz.ron"), &text)
        .expect("an imported session loads back");
});
