//! Mermaid diagrams drawn as text with `mermaid-text`.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Sources larger than this are not drawn (layout time grows quickly with the diagram size).
pub(crate) const MAX_SOURCE: usize = 16 * 1024;

/// Draws a Mermaid diagram in at most about `max_width` columns (the drawing may still be wider
/// when the diagram cannot be compacted enough). Errors, and panics inside the drawing library,
/// come back as a message.
pub(crate) fn render(source: &str, max_width: usize) -> Result<String, String> {
    if source.len() > MAX_SOURCE {
        return Err(format!(
            "the diagram is too large to draw here ({} bytes; the limit is {MAX_SOURCE})",
            source.len()
        ));
    }
    match catch_unwind(AssertUnwindSafe(|| {
        mermaid_text::render_with_width(source, Some(max_width))
    })) {
        Ok(Ok(drawing)) => Ok(drawing),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => {
            Err("the diagram could not be drawn (internal error in the renderer)".to_string())
        }
    }
}
