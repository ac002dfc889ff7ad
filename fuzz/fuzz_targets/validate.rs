//! Our own Mermaid validator on any text: it runs in the workbench's process (the Diagrams
//! stage validates on every edit, `check` on every diagram), so it must never panic, overflow
//! its stack or take long, whatever the input. Also the search for Mermaid fences in a section's
//! text, which `check` runs on every section.
#![no_main]

use infradraft::analysis::diagram_check::validate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let problems = validate(&text);
    let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX);
    for pair in problems.windows(2) {
        assert!(pair[0].line <= pair[1].line, "problems in line order");
    }
    for p in &problems {
        assert!(p.line <= lines, "line {} of {lines}: {p}", p.line);
        assert!(!p.message.is_empty());
    }
    for fence in infradraft::preview::mermaid_fences(&text) {
        assert!(fence.line >= 1 && fence.line <= lines.max(1));
        let _ = validate(&fence.source);
    }
});
