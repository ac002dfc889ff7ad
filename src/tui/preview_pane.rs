//! The live preview of the whole document: rendered section by section and cached, so that an edit
//! re-renders only the section it changed, and drawing copies only the visible lines.

use ratatui::text::Line;

use crate::model::Session;
use crate::preview::{Highlighter, PreviewStyles, render_markdown};

/// What the preview shows for a section nobody has written yet.
pub const NOT_WRITTEN: &str = "_This section has not been written yet._";

/// The Markdown of one section as the document shows it.
pub fn section_markdown(title: &str, body: &str) -> String {
    let body = body.trim_end();
    if body.trim().is_empty() {
        format!("## {title}\n\n{NOT_WRITTEN}\n")
    } else {
        format!("## {title}\n\n{body}\n")
    }
}

#[derive(Default)]
struct Cached {
    revision: u64,
    lines: Vec<Line<'static>>,
}

/// Rendered lines per section, valid for one width, theme and highlighter state.
#[derive(Default)]
pub struct PreviewCache {
    key: Option<(u16, u64, bool)>,
    title: Vec<Line<'static>>,
    sections: Vec<Option<Cached>>,
    /// Line offset of each section's first line (after the title block).
    offsets: Vec<usize>,
    total: usize,
    /// How many sections were (re)rendered by the last `ensure`, for tests and benchmarks.
    pub last_rendered: usize,
}

impl PreviewCache {
    /// Brings the cache up to date: re-renders sections whose revision changed, or everything when
    /// the width, theme generation or highlighter changed.
    #[allow(clippy::too_many_arguments)]
    pub fn ensure(
        &mut self,
        session: &Session,
        revisions: &[u64],
        width: u16,
        styles: &PreviewStyles,
        theme_generation: u64,
        hl: &Highlighter,
        highlighted: bool,
    ) {
        let key = (width, theme_generation, highlighted);
        if self.key != Some(key) || self.sections.len() != session.sections.len() {
            self.key = Some(key);
            self.sections = (0..session.sections.len()).map(|_| None).collect();
            self.title = render_markdown(&format!("# {}\n", session.meta.title), width, styles, hl);
            self.title.push(Line::default());
        }
        self.last_rendered = 0;
        for (i, section) in session.sections.iter().enumerate() {
            let revision = revisions.get(i).copied().unwrap_or(0);
            let fresh = matches!(&self.sections[i], Some(c) if c.revision == revision);
            if !fresh {
                let md = section_markdown(&section.title, &section.body);
                let mut lines = render_markdown(&md, width, styles, hl);
                // A blank line between sections.
                lines.push(Line::default());
                self.sections[i] = Some(Cached { revision, lines });
                self.last_rendered += 1;
            }
        }
        self.offsets.clear();
        let mut at = self.title.len();
        for cached in self.sections.iter().flatten() {
            self.offsets.push(at);
            at += cached.lines.len();
        }
        self.total = at;
    }

    pub fn total_lines(&self) -> usize {
        self.total
    }

    /// The first line of section `index` (0 for the first section, so that the document title
    /// shows above it).
    pub fn section_offset(&self, index: usize) -> usize {
        if index == 0 {
            return 0;
        }
        self.offsets.get(index).copied().unwrap_or(0)
    }

    /// The lines from `offset`, at most `height` of them.
    pub fn visible(&self, offset: usize, height: usize) -> Vec<Line<'static>> {
        let mut out = Vec::with_capacity(height);
        let mut skip = offset;
        let blocks =
            std::iter::once(&self.title).chain(self.sections.iter().flatten().map(|c| &c.lines));
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
