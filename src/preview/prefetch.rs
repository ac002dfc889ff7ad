//! Syntax highlighting of a document's code blocks on a second thread, ahead of the renderer.
//!
//! Highlighting is most of the cost of rendering a code-heavy document (about four fifths of
//! `infradraft render` on a 1 MiB infrastructure document). The blocks are independent, so a
//! helper thread walks the same document and highlights code blocks ahead of the renderer while
//! the renderer lays out everything else. Each block is highlighted exactly once, by whichever
//! thread claims it first: the helper claims blocks in order, at most [`LOOKAHEAD`] blocks ahead
//! of the renderer (so memory stays bounded), and the renderer claims a block itself when the
//! helper has not got to it yet. The output is the same as rendering on one thread.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};

use pulldown_cmark::{CodeBlockKind, Event, MetadataBlockKind, Parser, Tag, TagEnd};

use super::highlight::HighlightedLine;
use super::{Highlighter, PreviewStyles};

/// How many code blocks the helper may highlight ahead of the renderer.
const LOOKAHEAD: usize = 16;

/// A highlighting result: `None` when the block is not highlighted (unknown language, a Mermaid
/// diagram, too large).
pub(crate) type Highlighted = Option<Vec<HighlightedLine>>;

/// What the renderer gets when it reaches a code block.
pub(crate) enum Claim {
    /// Nobody has highlighted this block: the renderer does it.
    Mine,
    /// It was highlighted ahead of the renderer.
    Done(Highlighted),
}

/// The state shared by the renderer and the helper thread.
pub(crate) struct Prefetch<'a> {
    state: Mutex<State<'a>>,
    changed: Condvar,
    styles: &'a PreviewStyles,
    hl: &'a Highlighter,
}

struct State<'a> {
    /// The document's code blocks not yet claimed by anybody, in order.
    source: Box<dyn Iterator<Item = CodeJob> + Send + 'a>,
    /// The index of the next block `source` yields.
    next: usize,
    /// The code block the renderer is at.
    reader: usize,
    /// Highlighted blocks the renderer has not taken yet.
    ready: HashMap<usize, Highlighted>,
    /// The renderer is done, or the helper stopped: nobody waits for anybody any more.
    stop: bool,
    /// Somebody waits on `changed`.
    waiting: bool,
}

impl<'a> State<'a> {
    /// Claims the next code block, if it is within reach of the renderer.
    fn pull(&mut self) -> Option<(usize, CodeJob)> {
        if self.next > self.reader + LOOKAHEAD {
            return None;
        }
        let job = self.source.next()?;
        self.next += 1;
        Some((self.next - 1, job))
    }
}

impl<'a> Prefetch<'a> {
    /// Prefetching for the code blocks of the text being rendered, cut into the same pieces
    /// as the renderer parses.
    pub(crate) fn new(
        pieces: &'a [&'a str],
        styles: &'a PreviewStyles,
        hl: &'a Highlighter,
    ) -> Self {
        Prefetch {
            state: Mutex::new(State {
                source: Box::new(code_blocks(pieces)),
                next: 0,
                reader: 0,
                ready: HashMap::new(),
                stop: false,
                waiting: false,
            }),
            changed: Condvar::new(),
            styles,
            hl,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<'a>> {
        // A panic on the helper's side sets `stop` through its guard; the data stays consistent.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait<'g>(&self, mut s: MutexGuard<'g, State<'a>>) -> MutexGuard<'g, State<'a>> {
        s.waiting = true;
        let mut s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        s.waiting = false;
        s
    }

    fn wake(&self, s: &mut State<'a>) {
        if s.waiting {
            self.changed.notify_all();
        }
    }

    fn highlight(&self, job: &CodeJob) -> Highlighted {
        job.highlight(self.styles, self.hl)
    }

    /// Called by the renderer for every code block, in order (`index` counts from 0 over fenced,
    /// indented and front-matter blocks). While the helper is still highlighting this block, the
    /// renderer highlights later blocks rather than wait idle.
    pub(crate) fn claim(&self, index: usize) -> Claim {
        let mut s = self.lock();
        s.reader = index;
        self.wake(&mut s);
        loop {
            if let Some(done) = s.ready.remove(&index) {
                return Claim::Done(done);
            }
            if s.next <= index {
                // Nobody has got to it: skip to it (nothing is skipped when both sides agree on
                // the blocks) and take it.
                while s.next <= index && s.source.next().is_some() {
                    s.next += 1;
                }
                s.next = s.next.max(index + 1);
                return Claim::Mine;
            }
            if s.stop {
                return Claim::Mine;
            }
            // The helper is highlighting it now.
            match s.pull() {
                Some((later, job)) => {
                    drop(s);
                    let done = self.highlight(&job);
                    s = self.lock();
                    s.ready.insert(later, done);
                }
                None => s = self.wait(s),
            }
        }
    }

    /// Tells the helper to stop (the renderer is done).
    pub(crate) fn finish(&self) {
        let mut s = self.lock();
        s.stop = true;
        self.changed.notify_all();
    }

    /// The helper thread's work: highlights the code blocks nobody has claimed, in order,
    /// staying at most [`LOOKAHEAD`] blocks ahead of the renderer.
    pub(crate) fn run_helper(&self) {
        struct StopOnExit<'p, 'a>(&'p Prefetch<'a>);
        impl Drop for StopOnExit<'_, '_> {
            fn drop(&mut self) {
                self.0.finish();
            }
        }
        let _guard = StopOnExit(self);
        let mut s = self.lock();
        loop {
            if s.stop {
                return;
            }
            match s.pull() {
                Some((index, job)) => {
                    drop(s);
                    let done = self.highlight(&job);
                    s = self.lock();
                    s.ready.insert(index, done);
                    self.wake(&mut s);
                }
                None if s.next > s.reader + LOOKAHEAD => s = self.wait(s),
                None => return, // no more code blocks
            }
        }
    }
}

/// One code block as the renderer sees it.
struct CodeJob {
    /// The fence's info string, or `yaml`/`toml` for front matter.
    info: String,
    metadata: bool,
    text: String,
}

impl CodeJob {
    /// The renderer's highlighting of this block (see `Renderer::code_block`).
    fn highlight(&self, styles: &PreviewStyles, hl: &Highlighter) -> Highlighted {
        let lang = super::render::fence_language(&self.info);
        if !self.metadata && lang.eq_ignore_ascii_case("mermaid") {
            return None;
        }
        hl.highlight(lang, &self.text, &styles.syntax_theme, styles.code_block)
    }
}

/// The code blocks of a text, in document order, parsed as the renderer parses them.
fn code_blocks<'a>(pieces: &'a [&'a str]) -> impl Iterator<Item = CodeJob> + Send + 'a {
    let mut current: Option<CodeJob> = None;
    let events = pieces
        .iter()
        .flat_map(|piece| Parser::new_ext(piece, super::render::OPTIONS));
    events.filter_map(move |event| match event {
        Event::Start(Tag::CodeBlock(kind)) => {
            let info = match kind {
                CodeBlockKind::Fenced(info) => info.to_string(),
                CodeBlockKind::Indented => String::new(),
            };
            current = Some(CodeJob {
                info,
                metadata: false,
                text: String::new(),
            });
            None
        }
        Event::Start(Tag::MetadataBlock(kind)) => {
            let info = match kind {
                MetadataBlockKind::YamlStyle => "yaml",
                MetadataBlockKind::PlusesStyle => "toml",
            };
            current = Some(CodeJob {
                info: info.to_string(),
                metadata: true,
                text: String::new(),
            });
            None
        }
        Event::Text(text) => {
            if let Some(job) = &mut current {
                job.text.push_str(&text);
            }
            None
        }
        Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => current.take(),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::tests::code_heavy_document;

    #[test]
    fn every_block_is_claimed_once_and_prefetched_results_are_the_blocks_own() {
        let hl = Highlighter::new();
        let styles = PreviewStyles::default();
        let md = code_heavy_document(150);
        let pieces = crate::preview::blocks::chunks(&md, 500);
        let jobs: Vec<CodeJob> = code_blocks(&pieces).collect();
        assert!(jobs.len() > 150, "{}", jobs.len());
        assert!(jobs.iter().any(|j| j.metadata));
        let prefetch = Prefetch::new(&pieces, &styles, &hl);
        let mut prefetched = 0;
        std::thread::scope(|scope| {
            scope.spawn(|| prefetch.run_helper());
            for (index, job) in jobs.iter().enumerate() {
                if let Claim::Done(done) = prefetch.claim(index) {
                    prefetched += 1;
                    assert_eq!(done, job.highlight(&styles, &hl), "block {index}");
                }
            }
            prefetch.finish();
        });
        assert!(prefetched <= jobs.len());
        // Nothing is left behind or claimed twice: a claim past the end is the renderer's.
        assert!(matches!(prefetch.claim(jobs.len()), Claim::Mine));
        assert!(prefetch.lock().ready.is_empty());
    }

    /// Runs `f` on prefetching for a small document without highlighting.
    fn with_small_prefetch(f: impl FnOnce(&Prefetch)) {
        let hl = Highlighter::plain();
        let styles = PreviewStyles::default();
        let md = code_heavy_document(20);
        let pieces = [md.as_str()];
        f(&Prefetch::new(&pieces, &styles, &hl));
    }

    #[test]
    fn without_a_helper_the_renderer_claims_everything() {
        with_small_prefetch(|prefetch| {
            for index in 0..30 {
                assert!(matches!(prefetch.claim(index), Claim::Mine), "{index}");
            }
        });
    }

    #[test]
    fn a_helper_started_after_the_renderer_finished_stops_at_once() {
        with_small_prefetch(|prefetch| {
            prefetch.finish();
            prefetch.run_helper();
            assert!(prefetch.lock().ready.is_empty());
        });
    }
}
