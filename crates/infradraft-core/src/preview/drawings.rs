//! Diagrams as the workbench and `render` ask for them: drawn in the diagram worker
//! ([`super::worker`]) and kept, failures included, so a diagram is drawn once per source and
//! width and one that fails is not tried again on every frame.

use std::collections::HashMap;
use std::sync::Mutex;

use super::diagram::{Drawing, too_large};

/// Drawings kept by [`render`], keyed by source and width.
const CACHE_SIZE: usize = 64;

/// Recent drawings by source and width.
type DrawingCache = HashMap<(String, usize), Result<Drawing, String>>;

/// Draws a Mermaid diagram in at most about `max_width` columns, in the diagram worker. A
/// left-to-right flowchart too wide for that is drawn top-down instead when that is narrower;
/// the drawing may still be wider than `max_width` when the diagram cannot be compacted enough.
/// Errors, panics inside the drawing library, and a worker that crashed, hung or ran out of
/// memory come back as a message (why the diagram could not be drawn). Results, failures
/// included, are kept, so a diagram that fails is not tried again on every frame.
pub(crate) fn render(source: &str, max_width: usize) -> Result<Drawing, String> {
    // Drawing is slow next to the rest of the preview, and a section is re-rendered on every
    // edit: keep recent drawings.
    static CACHE: Mutex<Option<DrawingCache>> = Mutex::new(None);
    let key = (source.to_string(), max_width);
    if let Ok(cache) = CACHE.lock()
        && let Some(hit) = cache.as_ref().and_then(|c| c.get(&key))
    {
        return hit.clone();
    }
    let result = render_uncached(source, max_width);
    if let Ok(mut cache) = CACHE.lock() {
        let cache = cache.get_or_insert_with(HashMap::new);
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.insert(key, result.clone());
    }
    result
}

fn render_uncached(source: &str, max_width: usize) -> Result<Drawing, String> {
    too_large(source)?;
    super::worker::draw(source, max_width)
}
