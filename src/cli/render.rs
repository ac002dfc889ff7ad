//! `infradraft render`: a Markdown file rendered for the terminal by the preview's renderer.

use std::io::{IsTerminal, Write};

use super::args::{ColorArg, RenderArgs};
use super::{CliError, CliResult};
use crate::home::Home;
use crate::preview::{Highlighter, render_to_writer};
use crate::store::{StoreError, text_of};
use crate::tui::theme::load_theme;

/// Markdown files larger than this are refused.
const MAX_RENDER_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(args: RenderArgs, home: &Home, theme: Option<String>, out: &mut dyn Write) -> CliResult {
    let path = &args.file;
    let bytes = read(path)?;
    let text = text_of(path, &bytes).or_else(|e| match e {
        StoreError::Empty { .. } => Ok(""),
        other => Err(other),
    })?;
    let tty = std::io::stdout().is_terminal();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => tty && crate::tui::color_enabled(),
    };
    let width = args.width.unwrap_or_else(|| {
        if tty {
            ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w)
        } else {
            80
        }
    });
    let config = crate::tui::config::Config::load(&home.config_dir).0;
    let loaded = load_theme(
        theme.as_deref().unwrap_or(&config.theme),
        &home.config_dir,
        color,
    );
    if let Some(w) = loaded.warning {
        eprintln!("infradraft: {w}");
    }
    let styles = loaded.theme.preview_styles();
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    let written = render_to_writer(
        text,
        width,
        &styles,
        &Highlighter::new(),
        color,
        &mut buffered,
    )
    .and_then(|()| buffered.flush());
    match written {
        // A closed pipe (`| head`) is a normal way for output to end.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(CliError::from),
    }
}

fn read(path: &std::path::Path) -> Result<Vec<u8>, CliError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CliError(StoreError::from_read_public(path, e).to_string()))?;
    if meta.is_dir() {
        return Err(CliError(format!(
            "{}: is a directory, not a Markdown file",
            path.display()
        )));
    }
    if meta.len() > MAX_RENDER_BYTES {
        return Err(CliError(format!(
            "{}: {} bytes is more than the {MAX_RENDER_BYTES}-byte limit",
            path.display(),
            meta.len()
        )));
    }
    std::fs::read(path).map_err(|e| CliError(StoreError::from_read_public(path, e).to_string()))
}
