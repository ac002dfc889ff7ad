//! Input documents from anywhere, read as each kind of input: requirement extraction, the PRD's
//! Technical Assumptions, the tech stack's facts, the outline and the conflicts between inputs
//! never panic, and every source they cite is a line of the document. The text is split at its
//! first `\u{1}` into two documents of different kinds, so that conflicts have two sides.
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
    let all = String::from_utf8_lossy(rest).into_owned();
    let (first, second) = all.split_once('\u{1}').unwrap_or((all.as_str(), ""));
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let doc = |i: usize, text: &str| InputDocument {
        kind: KINDS[(usize::from(k) + i) % KINDS.len()],
        path: format!("fuzz{i}.md"),
        sha256: String::new(),
        snapshot_at: now,
        text: text.to_string(),
    };
    let inputs = vec![doc(0, first), doc(1, second)];
    let lines = |path: &str| {
        let d = inputs.iter().find(|d| d.path == path).expect("a known input");
        d.text.lines().count().max(1) as u32 + 1
    };
    let requirements = extract::extract_requirements(&inputs);
    for r in &requirements {
        let source = r.source.as_ref().expect("an extracted requirement has a source");
        assert!(source.line >= 1 && source.line <= lines(&source.input), "{source:?}");
    }
    for fact in extract::all_facts(&inputs) {
        if let Some(source) = fact.source {
            assert!(source.line >= 1 && source.line <= lines(&source.input), "{source:?}");
        }
    }
    let conflicts = extract::input_conflicts(&inputs, &requirements);
    assert!(conflicts.len() <= extract::MAX_CONFLICTS);
    for c in &conflicts {
        for side in c.rules().chain(c.places()) {
            let s = &side.source;
            assert!(s.line >= 1 && s.line <= lines(&s.input), "{s:?}");
        }
    }
    let _ = extract::technical_assumptions(&inputs[0]);
    for h in extract::outline(&inputs[0].text) {
        assert!(h.line >= 1 && h.line <= lines("fuzz0.md"));
    }
});
