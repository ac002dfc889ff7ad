//! The live preview of the whole document, exactly as `export` writes it: the export's parts
//! rendered one by one and cached, so that an edit re-renders only the section it changed (the
//! other parts only when the session's structure changed), and drawing copies only the visible
//! lines.

use ratatui::text::Line;

use crate::export::{ExportContext, PartKind, parts_without_sections, section_markdown};
use crate::knowledge::checklist::Checklist;
use crate::model::Session;
use crate::preview::{Highlighter, PreviewStyles, render_markdown};

#[derive(Default)]
struct Cached {
    /// What it was rendered from.
    markdown: String,
    lines: Vec<Line<'static>>,
}

/// A section, laid out block by block (see `preview::blocks`), so that an edit re-renders only the
/// blocks it changed, whatever the section's size. Only blocks near the viewport keep their
/// lines; the others keep their line count, so that memory does not grow with the document.
#[derive(Default)]
struct SectionCache {
    revision: u64,
    /// The [`identity`] of the Markdown it was rendered from (compared when the structure
    /// changes).
    markdown: u64,
    blocks: Vec<Block>,
    len: usize,
    /// Some block may have lines (so a section far from the viewport is skipped in one step).
    kept: bool,
}

/// Kept small (40 bytes): a 10 MB document has about a hundred thousand blocks.
struct Block {
    /// Hash of the block's Markdown.
    hash: u64,
    /// Where the block is in the section's Markdown (byte offsets; sections are far below 4 GiB).
    start: u32,
    end: u32,
    /// Its line count, the blank line after it included.
    len: u32,
    /// Its lines, while near the viewport.
    lines: Option<Box<[Line<'static>]>>,
}

impl Block {
    fn len(&self) -> usize {
        self.len as usize
    }
}

/// What a section's rendering depends on: its blocks, in order (blank lines between blocks do not
/// change it). Cheap to keep up to date from the blocks' hashes.
fn identity(md: &str) -> u64 {
    combine(crate::preview::blocks::blocks(md).into_iter().map(hash))
}

fn combine(hashes: impl Iterator<Item = u64>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for x in hashes {
        x.hash(&mut h);
    }
    h.finish()
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// A block's lines followed by one blank line (none when it shows nothing, such as an empty
/// heading).
fn render_block(
    md: &str,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
) -> Vec<Line<'static>> {
    let mut lines = render_markdown(md, width, styles, hl);
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines
}

/// Lays `md` out block by block, reusing what `old` knows of unchanged blocks (their line counts,
/// and their lines where it has them). New blocks keep their lines when `keep` (an edit, near
/// the viewport), and only their line count otherwise (a first layout of the whole document).
/// Returns the blocks and how many were rendered.
fn render_blocks(
    md: &str,
    old: Option<SectionCache>,
    keep: bool,
    width: u16,
    styles: &PreviewStyles,
    hl: &Highlighter,
) -> (Vec<Block>, usize) {
    // Blocks can repeat (the same table twice), so the old ones are kept per hash as a stack,
    // the first on top: repeats are matched in order, and each keeps its own lines (only those
    // near the viewport have any).
    let mut reuse: std::collections::HashMap<u64, Vec<Block>> = std::collections::HashMap::new();
    for b in old.map(|c| c.blocks).unwrap_or_default().into_iter().rev() {
        reuse.entry(b.hash).or_default().push(b);
    }
    let mut rendered = 0;
    let mut done: Vec<Block> = Vec::new();
    for b in crate::preview::blocks::blocks(md) {
        // Every block is a slice of `md`.
        let start = b.as_ptr() as usize - md.as_ptr() as usize;
        let (start, end) = (clamp_u32(start), clamp_u32(start + b.len()));
        let h = hash(b);
        let block = match reuse.get_mut(&h).and_then(|v| v.pop()) {
            Some(old) => Block { start, end, ..old },
            None => match done.iter().rev().take(64).find(|d| d.hash == h) {
                // A repeat of a block laid out just now.
                Some(d) => Block {
                    hash: h,
                    start,
                    end,
                    len: d.len,
                    lines: d.lines.clone(),
                },
                None => {
                    rendered += 1;
                    let lines = render_block(b, width, styles, hl);
                    Block {
                        hash: h,
                        start,
                        end,
                        len: clamp_u32(lines.len()),
                        lines: keep.then(|| lines.into_boxed_slice()),
                    }
                }
            },
        };
        done.push(block);
    }
    done.shrink_to_fit();
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
    pub template: &'a crate::knowledge::Template,
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
    /// How many blocks the last `keep_near` rendered (those scrolled near the viewport).
    pub last_near: usize,
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
        let section_ctx = ExportContext {
            checklist: None,
            template: Some(inputs.template),
        };
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
                template: Some(inputs.template),
            };
            let mut head = Vec::new();
            let mut tail = Vec::new();
            for part in parts_without_sections(s, &ctx) {
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
                if let Some(c) = slot
                    && c.markdown != identity(&section_markdown(s, &section_ctx, i))
                {
                    // Re-rendered below; its unchanged blocks are kept.
                    c.revision = u64::MAX;
                }
            }
        }
        for i in 0..s.sections.len() {
            let revision = inputs.revisions.get(i).copied().unwrap_or(0);
            let fresh = matches!(&self.sections[i], Some(c) if c.revision == revision);
            if !fresh {
                let md = section_markdown(s, &section_ctx, i);
                let old = self.sections[i].take();
                // An edit of a section already laid out keeps the new blocks' lines (they are
                // where the person is looking); a first layout keeps only line counts.
                let keep = old.is_some();
                let (blocks, rendered) = render_blocks(&md, old, keep, width, styles, hl);
                let len = blocks.iter().map(Block::len).sum();
                let kept = blocks.iter().any(|b| b.lines.is_some());
                self.sections[i] = Some(SectionCache {
                    revision,
                    markdown: combine(blocks.iter().map(|b| b.hash)),
                    blocks,
                    len,
                    kept,
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

    /// Gives lines to the section blocks within `margin` lines of the viewport (`offset`,
    /// `height`), rendering those that have none, and takes them from all others. Call after
    /// [`PreviewCache::ensure`], with the same session.
    #[allow(clippy::too_many_arguments)]
    pub fn keep_near(
        &mut self,
        session: &Session,
        template: &crate::knowledge::Template,
        offset: usize,
        height: usize,
        margin: usize,
        width: u16,
        styles: &PreviewStyles,
        hl: &Highlighter,
    ) {
        self.last_near = 0;
        let from = offset.saturating_sub(margin);
        let to = offset.saturating_add(height).saturating_add(margin);
        for (i, slot) in self.sections.iter_mut().enumerate() {
            let Some(cache) = slot else { continue };
            let mut at = self.offsets.get(i).copied().unwrap_or(0);
            if at >= to || at + cache.len <= from {
                if cache.kept {
                    cache.blocks.iter_mut().for_each(|b| b.lines = None);
                    cache.kept = false;
                }
                continue;
            }
            cache.kept = true;
            let mut md: Option<String> = None;
            for block in &mut cache.blocks {
                let near = at < to && at + block.len() > from;
                at += block.len();
                if !near {
                    block.lines = None;
                } else if block.lines.is_none() {
                    let ctx = ExportContext {
                        checklist: None,
                        template: Some(template),
                    };
                    let md = md.get_or_insert_with(|| section_markdown(session, &ctx, i));
                    let text = md
                        .get(block.start as usize..block.end as usize)
                        .unwrap_or("");
                    block.lines = Some(render_block(text, width, styles, hl).into_boxed_slice());
                    self.last_near += 1;
                }
            }
        }
    }

    /// The width the cache was laid out for, once it has been.
    pub fn width(&self) -> Option<u16> {
        self.key.map(|(width, ..)| width)
    }

    /// How many rendered lines of sections are kept (for tests and benchmarks).
    pub fn kept_lines(&self) -> usize {
        self.sections
            .iter()
            .flatten()
            .flat_map(|c| &c.blocks)
            .filter_map(|b| b.lines.as_ref())
            .map(|lines| lines.len())
            .sum()
    }

    /// The lines from `offset`, at most `height` of them (blank where a block's lines were not
    /// kept; [`PreviewCache::keep_near`] keeps those of the viewport).
    pub fn visible(&self, offset: usize, height: usize) -> Vec<Line<'static>> {
        let mut out = Vec::with_capacity(height);
        let mut skip = offset;
        let blank: &[Line<'static>] = &[];
        let parts = self
            .head
            .iter()
            .map(|c| (c.lines.len(), c.lines.as_slice()))
            .chain(self.sections.iter().flatten().flat_map(|c| {
                c.blocks
                    .iter()
                    .map(|b| (b.len(), b.lines.as_deref().unwrap_or(blank)))
            }))
            .chain(
                self.tail
                    .iter()
                    .map(|c| (c.lines.len(), c.lines.as_slice())),
            );
        for (len, lines) in parts {
            if out.len() >= height {
                break;
            }
            if skip >= len {
                skip -= len;
                continue;
            }
            let take = (height - out.len()).min(len - skip);
            for k in skip..skip + take {
                out.push(lines.get(k).cloned().unwrap_or_default());
            }
            skip = 0;
        }
        out
    }
}
