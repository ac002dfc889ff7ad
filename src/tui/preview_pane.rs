//! The live preview of the whole document, exactly as `export` writes it: the export's parts
//! rendered one by one and cached, so that an edit re-renders only the section it changed (the
//! other parts only when the session's structure changed), and drawing copies only the visible
//! lines.
//!
//! Sections are laid out lazily. A block of a section is first given an estimated line count
//! from its text; only the blocks near the viewport are rendered ([`PreviewCache::keep_near`]),
//! and the others are rendered for their exact count in idle time ([`PreviewCache::refine`]), a
//! few milliseconds at a time. So the first frame and the frame after an edit cost what the
//! screen shows, whatever the document's size; until the idle work is done, the scroll bar and
//! the offsets of far sections are close rather than exact.

use ratatui::text::Line;

use crate::export::{ExportContext, PartKind, parts_without_sections, section_markdown};
use crate::knowledge::checklist::Checklist;
use crate::model::Session;
use crate::preview::blocks::Definitions;
use crate::preview::{Highlighter, PreviewStyles, render_block_with};

/// A section, laid out block by block (see `preview::blocks`), so that an edit re-renders only the
/// blocks it changed, whatever the section's size. Only blocks near the viewport keep their
/// lines; the others keep their line count, so that memory does not grow with the document.
#[derive(Default)]
struct SectionCache {
    revision: u64,
    /// The Markdown it was laid out from (the blocks are ranges of it; compared when the
    /// structure changes). Kept, as working it out again can cost much
    /// more than the copy: a section may hold derived parts (the feasibility review judges every
    /// decision).
    text: String,
    blocks: Vec<Block>,
    len: usize,
    /// Some block may have lines (so a section far from the viewport is skipped in one step).
    kept: bool,
    /// How many blocks have an estimated line count.
    pending: usize,
    /// Not split into blocks yet: `len` is estimated from the section's text as a whole (see
    /// [`PreviewCache::split`]); `text` and `blocks` are empty.
    rough: bool,
    /// The text's link reference definitions, which every block is rendered with.
    definitions: Defined,
}

/// A text's link reference definitions, and the hashes of the blocks they were gathered from.
type Defined = (Option<Box<Definitions>>, Vec<u64>);

impl SectionCache {
    /// Renders block `b`, making its line count exact. Returns its lines and the count it had.
    fn render(
        &mut self,
        b: usize,
        width: u16,
        styles: &PreviewStyles,
        hl: &Highlighter,
    ) -> (Vec<Line<'static>>, u32) {
        let block = &mut self.blocks[b];
        let text = self
            .text
            .get(block.start as usize..block.end as usize)
            .unwrap_or("");
        let lines = render_block(text, width, styles, hl, self.definitions.0.as_deref());
        let before = std::mem::replace(&mut block.len, clamp_u32(lines.len()));
        if !block.exact {
            block.exact = true;
            self.pending -= 1;
        }
        (lines, before)
    }

    /// A section not yet laid out: its line count estimated from its text, the heading and
    /// the blank line after it.
    fn rough(revision: u64, body: &str, width: u16) -> SectionCache {
        SectionCache {
            revision,
            text: String::new(),
            blocks: Vec::new(),
            len: estimate_section(body, width) as usize + 3,
            kept: false,
            pending: 1,
            rough: true,
            definitions: (None, Vec::new()),
        }
    }
}

/// Kept small (40 bytes): a 10 MB document has about a hundred thousand blocks.
struct Block {
    /// Hash of the block's Markdown.
    hash: u64,
    /// Where the block is in the section's Markdown (byte offsets; sections are far below 4 GiB).
    start: u32,
    end: u32,
    /// Its line count, the blank line after it included: exact once it has been rendered,
    /// estimated before.
    len: u32,
    exact: bool,
    /// Its lines, while near the viewport.
    lines: Option<Box<[Line<'static>]>>,
}

impl Block {
    fn len(&self) -> usize {
        self.len as usize
    }
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
    definitions: Option<&Definitions>,
) -> Vec<Line<'static>> {
    let mut lines = render_block_with(md, width, styles, hl, definitions);
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines
}

/// How much of a section not split yet [`estimate_section`] reads.
const ESTIMATE_SAMPLE: usize = 64 * 1024;

/// The line count of a section not split into blocks yet: [`estimate`] of its text, or for a long
/// one, of its first [`ESTIMATE_SAMPLE`] bytes scaled to its length (a first frame on a document
/// of many megabytes reads a little of each section, not all of it; idle work makes the counts
/// exact).
fn estimate_section(md: &str, width: u16) -> u32 {
    if md.len() <= ESTIMATE_SAMPLE {
        return estimate(md, width);
    }
    let mut end = ESTIMATE_SAMPLE;
    while !md.is_char_boundary(end) {
        end -= 1;
    }
    let sample = match md[..end].rfind('\n') {
        Some(newline) => &md[..=newline],
        None => &md[..end],
    };
    let per_byte = f64::from(estimate(sample, width)) / sample.len().max(1) as f64;
    clamp_u32((per_byte * md.len() as f64).round() as usize)
}

/// The line count of a block not rendered yet, from its text: each source line wrapped at
/// `width`, and the blank line after the block.
fn estimate(md: &str, width: u16) -> u32 {
    let width = usize::from(width.max(1));
    let lines: usize = md.lines().map(|l| l.len().div_ceil(width).max(1)).sum();
    clamp_u32(lines + 1)
}

/// Splits `md` into blocks, reusing what `old` knows of unchanged blocks (their line counts, and
/// their lines where it has them) while the text's link definitions stay the same; new blocks
/// get an estimated line count and are rendered later, near the viewport or in idle time.
/// Returns the blocks, the definitions and how many blocks are new.
fn lay_out_blocks(md: &str, old: Option<SectionCache>, width: u16) -> (Vec<Block>, Defined, usize) {
    let pieces = crate::preview::blocks::blocks(md);
    let hashes: Vec<u64> = pieces.iter().map(|b| hash(b)).collect();
    // The blocks that may define a link label; while they are the same, so are the definitions
    // (typing elsewhere parses none of them again).
    let sources: Vec<u64> = pieces
        .iter()
        .zip(&hashes)
        .filter(|(b, _)| b.contains("]:"))
        .map(|(_, h)| *h)
        .collect();
    let definitions = match &old {
        Some(c) if c.definitions.1 == sources => c.definitions.0.clone(),
        _ => Definitions::of(&pieces).map(Box::new),
    };
    // Blocks can repeat (the same table twice), so the old ones are kept per hash as a stack,
    // the first on top: repeats are matched in order, and each keeps its own lines (only those
    // near the viewport have any).
    let mut reuse: std::collections::HashMap<u64, Vec<Block>> = std::collections::HashMap::new();
    let old = old.filter(|c| c.definitions.0 == definitions);
    for b in old.map(|c| c.blocks).unwrap_or_default().into_iter().rev() {
        reuse.entry(b.hash).or_default().push(b);
    }
    let mut new = 0;
    let mut done: Vec<Block> = Vec::with_capacity(pieces.len());
    for (b, h) in pieces.into_iter().zip(hashes) {
        // Every block is a slice of `md`.
        let start = b.as_ptr() as usize - md.as_ptr() as usize;
        let (start, end) = (clamp_u32(start), clamp_u32(start + b.len()));
        let block = match reuse.get_mut(&h).and_then(|v| v.pop()) {
            Some(old) => Block { start, end, ..old },
            None => {
                new += 1;
                Block {
                    hash: h,
                    start,
                    end,
                    len: estimate(b, width),
                    exact: false,
                    lines: None,
                }
            }
        };
        done.push(block);
    }
    (done, (definitions, sources), new)
}

/// What a section's Markdown is made with in the preview: the template (for its prompts) and the
/// analyses as they stand (never worked out here; see [`crate::export::Precomputed`]).
pub fn section_context<'a>(
    template: &'a crate::knowledge::Template,
    precomputed: crate::export::Precomputed<'a>,
) -> ExportContext<'a> {
    ExportContext {
        checklist: None,
        template: Some(template),
        precomputed,
    }
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
    /// The analyses the document shows (see [`crate::export::Precomputed`]) and the key of the
    /// results they came from: the parts that show them are made again when it moves.
    pub analysed: (Option<u64>, crate::export::Precomputed<'a>),
}

/// The document's parts laid out for one width, theme and highlighter state: the head (title,
/// requirements), the sections, and the tail (diagrams, stories, checklist, decision log, change
/// log, those present), each laid out block by block and rendered near the viewport only.
#[derive(Default)]
pub struct PreviewCache {
    key: Option<(u16, u64, bool)>,
    /// The structure count and the analyses' key the head and tail were made for.
    structure: Option<(u64, Option<u64>)>,
    /// Every part in document order: `head` parts, then one per section, then the tail.
    parts: Vec<SectionCache>,
    /// How many of `parts` come before the sections.
    head: usize,
    /// How many of `parts` are sections.
    sections: usize,
    /// Line offset of each part's first line.
    offsets: Vec<usize>,
    total: usize,
    /// How many parts were (re)laid out by the last `ensure`, for tests and benchmarks.
    pub last_rendered: usize,
    /// How many blocks of sections the last `ensure` laid out anew (estimated, not rendered).
    pub last_blocks: usize,
    /// How many blocks the last `keep_near` rendered (those scrolled near the viewport).
    pub last_near: usize,
}

/// The revision of a section the cache has not laid out at all yet.
const UNSEEN: u64 = u64::MAX - 1;

/// The parts other than sections as `wanted`, keeping those of `old` whose Markdown is the same
/// and laying out the others (counted in `laid_out`).
fn refresh_parts(
    wanted: Vec<String>,
    old: Vec<SectionCache>,
    width: u16,
    laid_out: &mut usize,
) -> Vec<SectionCache> {
    let mut old = old.into_iter();
    wanted
        .into_iter()
        .map(|md| match old.next() {
            Some(c) if c.text == md => c,
            previous => {
                *laid_out += 1;
                lay_out_part(md, previous, width)
            }
        })
        .collect()
}

/// A part other than a section, laid out from its Markdown (a blank line follows it, as one
/// follows every part), reusing what `old` knows of its unchanged blocks.
fn lay_out_part(md: String, old: Option<SectionCache>, width: u16) -> SectionCache {
    let (blocks, definitions, _) = lay_out_blocks(&md, old, width);
    SectionCache::from_blocks(0, md, blocks, definitions)
}

impl SectionCache {
    fn from_blocks(
        revision: u64,
        text: String,
        blocks: Vec<Block>,
        definitions: Defined,
    ) -> SectionCache {
        SectionCache {
            definitions,
            revision,
            pending: blocks.iter().filter(|b| !b.exact).count(),
            len: blocks.iter().map(Block::len).sum(),
            kept: blocks.iter().any(|b| b.lines.is_some()),
            text,
            blocks,
            rough: false,
        }
    }
}

impl PreviewCache {
    /// Brings the cache up to date: lays out again the sections whose revision changed (or whose
    /// structure-dependent content, such as diagrams, changed), the other parts when the structure
    /// or the analyses moved and their Markdown differs, and everything when the width, theme
    /// generation or highlighter changed. Only what changed is laid out, and nothing is rendered
    /// here: [`PreviewCache::keep_near`] renders what comes into view.
    pub fn ensure(
        &mut self,
        inputs: &PreviewInputs,
        width: u16,
        theme_generation: u64,
        highlighted: bool,
    ) {
        let s = inputs.session;
        let section_ctx = section_context(inputs.template, inputs.analysed.1);
        let key = (width, theme_generation, highlighted);
        self.last_rendered = 0;
        self.last_blocks = 0;
        if self.key != Some(key) || self.sections != s.sections.len() || self.parts.is_empty() {
            self.key = Some(key);
            self.parts.clear();
            self.head = 0;
            self.sections = 0;
            self.structure = None;
        }
        let structure = (inputs.structure, inputs.analysed.0);
        if self.structure != Some(structure) {
            self.structure = Some(structure);
            let ctx = ExportContext {
                checklist: Some(inputs.checklist),
                template: Some(inputs.template),
                // Never worked out here: until the analyses arrive, the parts say so.
                precomputed: inputs.analysed.1,
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
            // The parts as they were: head, sections, tail.
            let mut old_head = std::mem::take(&mut self.parts);
            let mut old_sections = old_head.split_off(self.head.min(old_head.len()));
            let old_tail = old_sections.split_off(self.sections.min(old_sections.len()));
            old_sections.resize_with(s.sections.len(), || SectionCache {
                // Not seen yet: made rough below.
                revision: UNSEEN,
                ..SectionCache::default()
            });
            let (new_head, new_tail) = (head.len(), tail.len());
            let mut next = refresh_parts(head, old_head, width, &mut self.last_rendered);
            next.append(&mut old_sections);
            next.append(&mut refresh_parts(
                tail,
                old_tail,
                width,
                &mut self.last_rendered,
            ));
            self.parts = next;
            self.head = new_head;
            self.sections = s.sections.len();
            debug_assert_eq!(self.parts.len(), new_head + self.sections + new_tail);
            // Sections carry their diagrams and derived parts: compare their Markdown on
            // structure changes too.
            for i in 0..self.sections {
                let c = &mut self.parts[self.head + i];
                if !c.rough && c.revision != UNSEEN {
                    let md = section_markdown(s, &section_ctx, i);
                    if c.text != md {
                        // Laid out again below; its unchanged blocks are kept.
                        c.revision = u64::MAX;
                        c.text = md;
                    }
                }
            }
        }
        for i in 0..self.sections {
            let revision = inputs.revisions.get(i).copied().unwrap_or(0);
            let slot = &mut self.parts[self.head + i];
            if slot.revision == revision {
                continue;
            }
            let old = std::mem::take(slot);
            if old.rough || old.revision == UNSEEN {
                // Not laid out yet: split when it comes into view or in idle time.
                *slot = SectionCache::rough(revision, &s.sections[i].body, width);
                self.last_rendered += 1;
                continue;
            }
            // Worked out above when the structure changed; otherwise the text was edited.
            let md = if old.revision == u64::MAX {
                old.text.clone()
            } else {
                section_markdown(s, &section_ctx, i)
            };
            let (blocks, definitions, new) = lay_out_blocks(&md, Some(old), width);
            *slot = SectionCache::from_blocks(revision, md, blocks, definitions);
            self.last_rendered += 1;
            self.last_blocks += new;
        }
        self.place_parts();
    }

    /// Works out each part's first line and the total from the line counts.
    fn place_parts(&mut self) {
        self.offsets.clear();
        let mut at = 0;
        for part in &self.parts {
            self.offsets.push(at);
            at += part.len;
        }
        self.total = at;
    }

    /// Splits a section not yet laid out into its blocks (each with an estimated line count).
    fn split(
        cache: &mut SectionCache,
        session: &Session,
        ctx: &ExportContext,
        index: usize,
        width: u16,
    ) {
        if !cache.rough {
            return;
        }
        let md = section_markdown(session, ctx, index);
        let (blocks, definitions, _) = lay_out_blocks(&md, None, width);
        *cache = SectionCache::from_blocks(cache.revision, md, blocks, definitions);
    }

    /// Whether some line count is still an estimate: [`PreviewCache::refine`] has work to do.
    pub fn estimated(&self) -> bool {
        self.parts.iter().any(|c| c.pending > 0)
    }

    /// Renders blocks whose line count is an estimate, in document order, for their exact count
    /// (their lines are not kept), until `budget` has passed. Returns by how many lines the
    /// counts changed above line `anchor` (so that a viewport there can stay on the same text).
    /// Call after [`PreviewCache::ensure`].
    #[allow(clippy::too_many_arguments)]
    pub fn refine(
        &mut self,
        session: &Session,
        ctx: &ExportContext,
        budget: std::time::Duration,
        anchor: usize,
        width: u16,
        styles: &PreviewStyles,
        hl: &Highlighter,
    ) -> isize {
        let started = std::time::Instant::now();
        let mut shift: isize = 0;
        let mut out_of_time = false;
        let head = self.head;
        for (i, cache) in self.parts.iter_mut().enumerate() {
            if cache.pending == 0 {
                continue;
            }
            if cache.rough {
                if started.elapsed() >= budget {
                    break;
                }
                let before = cache.len;
                Self::split(cache, session, ctx, i - head, width);
                if self.offsets.get(i).is_some_and(|&at| at < anchor) {
                    shift += cache.len as isize - before as isize;
                }
            }
            let mut at = self.offsets.get(i).copied().unwrap_or(0);
            for b in 0..cache.blocks.len() {
                let start = at;
                at += cache.blocks[b].len();
                if cache.blocks[b].exact {
                    continue;
                }
                if started.elapsed() >= budget {
                    out_of_time = true;
                    break;
                }
                let (_, before) = cache.render(b, width, styles, hl);
                if start < anchor {
                    shift += cache.blocks[b].len as isize - before as isize;
                }
            }
            cache.len = cache.blocks.iter().map(Block::len).sum();
            if out_of_time {
                break;
            }
        }
        self.place_parts();
        shift
    }

    pub fn total_lines(&self) -> usize {
        self.total
    }

    /// The first line of section `index`.
    pub fn section_offset(&self, index: usize) -> usize {
        self.offsets.get(self.head + index).copied().unwrap_or(0)
    }

    /// Gives lines to the blocks within `render_margin` lines of the viewport (`offset`,
    /// `height`), rendering those that have none, lets the blocks within `margin` lines keep
    /// theirs (so scrolling back renders nothing), and takes them from all others. Returns whether
    /// a rendered block's line count differed from its estimate (the offsets have then moved, and
    /// a viewport that follows a section should be placed again). Call after
    /// [`PreviewCache::ensure`].
    #[allow(clippy::too_many_arguments)]
    pub fn keep_near(
        &mut self,
        session: &Session,
        ctx: &ExportContext,
        offset: usize,
        height: usize,
        margin: usize,
        render_margin: usize,
        width: u16,
        styles: &PreviewStyles,
        hl: &Highlighter,
    ) -> bool {
        self.last_near = 0;
        let mut moved = false;
        let from = offset.saturating_sub(margin);
        let to = offset.saturating_add(height).saturating_add(margin);
        let show_from = offset.saturating_sub(render_margin);
        let show_to = offset.saturating_add(height).saturating_add(render_margin);
        // How far the parts seen so far grew (or shrank) as their blocks were rendered.
        let mut grown: isize = 0;
        let head = self.head;
        for (i, cache) in self.parts.iter_mut().enumerate() {
            let mut at = self
                .offsets
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_add_signed(grown);
            if at >= to || at + cache.len <= from {
                if cache.kept {
                    cache.blocks.iter_mut().for_each(|b| b.lines = None);
                    cache.kept = false;
                }
                continue;
            }
            if cache.rough {
                if at >= show_to || at + cache.len <= show_from {
                    continue;
                }
                // Coming into view: split it, and place what follows again.
                let before = cache.len;
                Self::split(cache, session, ctx, i - head, width);
                grown += cache.len as isize - before as isize;
                moved = true;
            }
            cache.kept = true;
            let mut resized = false;
            for b in 0..cache.blocks.len() {
                let len = cache.blocks[b].len();
                let near = at < to && at + len > from;
                let shown = at < show_to && at + len > show_from;
                if !near {
                    cache.blocks[b].lines = None;
                } else if shown && cache.blocks[b].lines.is_none() {
                    let (lines, before) = cache.render(b, width, styles, hl);
                    resized |= before != cache.blocks[b].len;
                    cache.blocks[b].lines = Some(lines.into_boxed_slice());
                    self.last_near += 1;
                }
                at += cache.blocks[b].len();
            }
            if resized {
                let len = cache.blocks.iter().map(Block::len).sum();
                grown += len as isize - cache.len as isize;
                cache.len = len;
                moved = true;
            }
        }
        if moved {
            self.place_parts();
        }
        moved
    }

    /// The width the cache was laid out for, once it has been.
    pub fn width(&self) -> Option<u16> {
        self.key.map(|(width, ..)| width)
    }

    /// How many rendered lines are kept (for tests and benchmarks).
    pub fn kept_lines(&self) -> usize {
        self.parts
            .iter()
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
        let parts = self.parts.iter().flat_map(|c| {
            // A section not split into blocks yet shows as blank lines of its estimated
            // length (it is split as soon as it comes into view).
            let rough = c.rough.then_some((c.len, blank));
            rough.into_iter().chain(
                c.blocks
                    .iter()
                    .map(|b| (b.len(), b.lines.as_deref().unwrap_or(blank))),
            )
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sections_estimate_is_scaled_from_its_beginning() {
        let short = "a line of text\n".repeat(100);
        assert_eq!(estimate_section(&short, 40), estimate(&short, 40));
        // Uniform text: the scaled estimate is within a few lines in a thousand of the full one.
        let long = "a line of some text that wraps at forty columns, or so it seems\n".repeat(5000);
        let (full, scaled) = (estimate(&long, 40), estimate_section(&long, 40));
        assert!(full.abs_diff(scaled) * 1000 <= full * 3, "{full} {scaled}");
        // No newline, and a character across the sample's end: no panic, a sensible count.
        let one_line = "é".repeat(ESTIMATE_SAMPLE);
        let n = estimate_section(&one_line, 80);
        assert!(
            (1600..=1700).contains(&n),
            "{n}: bytes over width, as for any text"
        );
    }
}
