//! Input documents from anywhere, read as each kind of input: requirement extraction, the PRD's
//! Technical Assumptions, the tech stack's facts and the outline never panic, and every source
//! they cite is a line of the document.
#![no_main]

use infradraft::inputs::extract;
use infradraft::model::{InputDocument, InputKind};
use libfuzzer_sys::fuzz_target;

const KINDS: [InputKind; 5] = [
    InputKind::Prd,
    InputKind::Architecture,
    InputKind::TechStack,
    InputKind::InfrastructureGuidelines,
    InputKind::Other,
];

fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let lines = text.lines().count().max(1) as u32 + 1;
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let doc = InputDocument {
        kind: KINDS[usize::from(k) % KINDS.len()],
        path: "fuzz.md".into(),
        sha256: String::new(),
        snapshot_at: now,
        text,
    };
    let inputs = vec![doc];
    for r in extract::extract_requirements(&inputs) {
        let source = r.source.expect("an extracted requirement has a source");
        assert!(source.line >= 1 && source.line <= lines, "{source:?}");
    }
    for fact in extract::all_facts(&inputs) {
        if let Some(source) = fact.source {
            assert!(source.line >= 1 && source.line <= lines, "{source:?}");
        }
    }
    let _ = extract::technical_assumptions(&inputs[0]);
    for h in extract::outline(&inputs[0].text) {
        assert!(h.line >= 1 && h.line <= lines);
    }
});
