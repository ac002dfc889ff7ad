//! The live preview of the whole document, exactly as `export` writes it: the export's parts
//! rendered one by one and cached, so that an edit re-renders only the section it changed (the
//! other parts only when the session's structure changed), and drawing copies only the visible
//! lines.

use ratatui::text::Line;

use crate::export::{ExportContext, PartKind, parts, section_markdown};
use crate::knowledge::checklist::Checklist;
use crate::model::Session;
use crate::preview::{Highlighter, PreviewStyles, render_markdown};

#[derive(Default)]
struct Cached {
    /// What it was rendered from.
    markdown: String,
    lines: Vec<Line<'static>>,
}

/// A section, rendered block by block (see `preview::blocks`), so that an edit re-renders only the
/// blocks it changed, whatever the section's size.
#[derive(Default)]
struct SectionCache {
    revision: u64,
    markdown: String,
    /// (hash of the block's Markdown, its lines followed by one blank line).
    blocks: Vec<(u64, Vec<Line<'static>>)>,
    len: usize,
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Renders `md` block by block, reusing the lines of blocks `old` already has.
fn render_blocks(
    md: &str,
    old: Option<SectionCache>,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
) -> (Vec<(u64, Vec<Line<'static>>)>, usize) {
    // Blocks can repeat (the same table twice), so the old lines are kept per hash as a stack.
    let mut reuse: std::collections::HashMap<u64, Vec<Vec<Line<'static>>>> =
        std::collections::HashMap::new();
    for (h, lines) in old.map(|c| c.blocks).unwrap_or_default() {
        reuse.entry(h).or_default().push(lines);
    }
    let mut rendered = 0;
    let mut done: Vec<(u64, Vec<Line<'static>>)> = Vec::new();
    for b in crate::preview::blocks::blocks(md) {
        let h = hash(b);
        let lines = match reuse.get_mut(&h).and_then(|v| v.pop()) {
            Some(lines) => lines,
            None => match done.iter().find(|(dh, _)| *dh == h) {
                // A repeat of a block rendered just now.
                Some((_, lines)) => lines.clone(),
                None => {
                    rendered += 1;
                    let mut lines = render_markdown(b, width, styles, hl);
                    // A blank line after each block that shows anything (an empty heading
                    // shows nothing).
                    if !lines.is_empty() {
                        lines.push(Line::default());
                    }
                    lines
                }
            },
        };
        done.push((h, lines));
    }
    (done, rendered)
}

/// What the cache needs to know to stay exact.
pub struct PreviewInputs<'a> {
    pub session: &'a Session,
    /// Per section: bumped on every edit of its text.
    pub revisions: &'a [u64],
    /// Bumped on every change that is not a section's text (decisions, diagrams, marks, …).
    pub structure: u64,
    pub checklist: &'a Checklist,
}

/// Rendered lines per part, valid for one width, theme and highlighter state.
#[derive(Default)]
pub struct PreviewCache {
    key: Option<(u16, u64, bool)>,
    structure: Option<u64>,
    /// Title and requirements.
    head: Vec<Cached>,
    sections: Vec<Option<SectionCache>>,
    /// Diagrams, stories, checklist, decision log, change log (those present).
    tail: Vec<Cached>,
    /// Line offset of each section's first line.
    offsets: Vec<usize>,
    total: usize,
    /// How many parts were (re)rendered by the last `ensure`, for tests and benchmarks.
    pub last_rendered: usize,
    /// How many blocks of sections were rendered by the last `ensure`.
    pub last_blocks: usize,
}

fn render(md: &str, width: u16, styles: &PreviewStyles, hl: &Highlighter) -> Vec<Line<'static>> {
    let mut lines = render_markdown(md, width, styles, hl);
    // A blank line between parts.
    lines.push(Line::default());
    lines
}

impl PreviewCache {
    /// Brings the cache up to date: re-renders sections whose revision changed (or whose
    /// structure-dependent content, such as diagrams, changed), the other parts when the structure
    /// moved and their Markdown differs, and everything when the width, theme generation or
    /// highlighter changed.
    #[allow(clippy::too_many_arguments)]
    pub fn ensure(
        &mut self,
        inputs: &PreviewInputs,
        width: u16,
        styles: &PreviewStyles,
        theme_generation: u64,
        hl: &Highlighter,
        highlighted: bool,
    ) {
        let s = inputs.session;
        let key = (width, theme_generation, highlighted);
        self.last_rendered = 0;
        self.last_blocks = 0;
        if self.key != Some(key) || self.sections.len() != s.sections.len() {
            self.key = Some(key);
            self.sections = (0..s.sections.len()).map(|_| None).collect();
            self.head.clear();
            self.tail.clear();
            self.structure = None;
        }
        if self.structure != Some(inputs.structure) {
            self.structure = Some(inputs.structure);
            let ctx = ExportContext {
                checklist: Some(inputs.checklist),
            };
            let mut head = Vec::new();
            let mut tail = Vec::new();
            for part in parts(s, &ctx) {
                match part.kind {
                    PartKind::Section(_) => continue,
                    PartKind::Title | PartKind::Requirements => head.push(part.markdown),
                    _ => tail.push(part.markdown),
                }
            }
            let mut refresh = |cache: &mut Vec<Cached>, wanted: Vec<String>| {
                let mut next = Vec::with_capacity(wanted.len());
                for (i, md) in wanted.into_iter().enumerate() {
                    match cache.get_mut(i) {
                        Some(c) if c.markdown == md => next.push(std::mem::take(c)),
                        _ => {
                            let lines = render(&md, width, styles, hl);
                            self.last_rendered += 1;
                            next.push(Cached {
                                markdown: md,
                                lines,
                            });
                        }
                    }
                }
                *cache = next;
            };
            refresh(&mut self.head, head);
            refresh(&mut self.tail, tail);
            // Sections carry their diagrams: compare their Markdown on structure changes too.
            for (i, slot) in self.sections.iter_mut().enumerate() {
                if let Some(c) = slot {
                    let md = section_markdown(s, i);
                    if c.markdown != md {
                        // Re-rendered below; its unchanged blocks are kept.
                        c.revision = u64::MAX;
                    }
                }
            }
        }
        for i in 0..s.sections.len() {
            let revision = inputs.revisions.get(i).copied().unwrap_or(0);
            let fresh = matches!(&self.sections[i], Some(c) if c.revision == revision);
            if !fresh {
                let md = section_markdown(s, i);
                let (blocks, rendered) =
                    render_blocks(&md, self.sections[i].take(), width, styles, hl);
                let len = blocks.iter().map(|(_, l)| l.len()).sum();
                self.sections[i] = Some(SectionCache {
                    revision,
                    markdown: md,
                    blocks,
                    len,
                });
                self.last_rendered += 1;
                self.last_blocks += rendered;
            }
        }
        self.offsets.clear();
        let mut at: usize = self.head.iter().map(|c| c.lines.len()).sum();
        for cached in self.sections.iter().flatten() {
            self.offsets.push(at);
            at += cached.len;
        }
        at += self.tail.iter().map(|c| c.lines.len()).sum::<usize>();
        self.total = at;
    }

    pub fn total_lines(&self) -> usize {
        self.total
    }

    /// The first line of section `index`.
    pub fn section_offset(&self, index: usize) -> usize {
        self.offsets.get(index).copied().unwrap_or(0)
    }

    /// The first line of the parts after the sections (stories, checklist, logs).
    pub fn tail_offset(&self) -> usize {
        self.total - self.tail.iter().map(|c| c.lines.len()).sum::<usize>()
    }

    /// The lines from `offset`, at most `height` of them.
    pub fn visible(&self, offset: usize, height: usize) -> Vec<Line<'static>> {
        let mut out = Vec::with_capacity(height);
        let mut skip = offset;
        let blocks = self
            .head
            .iter()
            .map(|c| &c.lines)
            .chain(
                self.sections
                    .iter()
                    .flatten()
                    .flat_map(|c| c.blocks.iter().map(|(_, l)| l)),
            )
            .chain(self.tail.iter().map(|c| &c.lines));
        for block in blocks {
            if out.len() >= height {
                break;
            }
            if skip >= block.len() {
                skip -= block.len();
                continue;
            }
            let take = (height - out.len()).min(block.len() - skip);
            out.extend(block[skip..skip + take].iter().cloned());
            skip = 0;
        }
        out
    }
}
