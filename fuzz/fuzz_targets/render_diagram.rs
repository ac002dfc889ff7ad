//! Drawing a Mermaid diagram as the workbench does it: the preview's renderer on a
//! ```` ```mermaid ```` fence, which sends the source to the diagram worker (the release build
//! of infradraft, `../target/release/infradraft`, or the executable named by
//! `INFRADRAFT_DIAGRAM_WORKER`) with its time, memory and stack limits. A worker that crashes,
//! hangs or runs out of memory is an expected outcome here; what must hold is that this process
//! survives, every line fits the width, no escape byte gets through, and a diagram is either
//! drawn or says why it could not be.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use infradraft::preview::{Highlighter, PreviewStyles, render_to_string};
use libfuzzer_sys::fuzz_target;

fn setup() -> &'static Highlighter {
    static HL: OnceLock<Highlighter> = OnceLock::new();
    HL.get_or_init(|| {
        let worker = std::env::var_os(infradraft::preview::DIAGRAM_WORKER_VAR)
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../target/release/infradraft"
                ))
            });
        assert!(
            worker.is_file(),
            "no worker at {} (run `cargo build --release` at the root first)",
            worker.display()
        );
        infradraft::preview::use_worker_executable(worker);
        Highlighter::plain()
    })
}

fuzz_target!(|data: &[u8]| {
    let hl = setup();
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let width = 20 + u16::from(w % 120);
    let source = String::from_utf8_lossy(rest).replace("```", "``");
    let md = format!("```mermaid\n{source}\n```\n");
    let out = render_to_string(&md, width, &PreviewStyles::plain(), hl, false);
    assert!(!out.contains('\x1b'), "an escape byte in the output");
    for line in out.lines() {
        let columns = unicode_width::UnicodeWidthStr::width(line);
        assert!(
            columns <= usize::from(width),
            "{columns} > {width}: {line:?}"
        );
    }
    // The slot is never empty: the drawing, or the source and why it could not be drawn.
    assert!(out.contains("╭─ mermaid"), "{out}");
    if let Some(at) = out.find("diagram could not be drawn: ") {
        let reason = &out[at + "diagram could not be drawn: ".len()..];
        assert!(!reason.trim().is_empty(), "{out}");
    }
});
