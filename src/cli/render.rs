//! `infradraft render`: a Markdown file rendered for the terminal by the preview's renderer.

use std::io::Write;

use super::args::{ColorArg, RenderArgs};
use super::{CliError, CliResult, diagnostic};
use crate::home::Home;
use crate::preview::{ColorDepth, Highlighter, render_to_writer};
use crate::settings::theme::load_theme;
use crate::store::{StoreError, text_of};

/// Markdown files larger than this are refused, and standard input (`render -`) is read up to
/// this many bytes and refused beyond.
const MAX_RENDER_BYTES: u64 = 64 * 1024 * 1024;

/// Renders to `out`; `terminal` says whether it is a terminal (for `--color auto` and the width).
pub fn run(
    args: RenderArgs,
    home: &Home,
    theme: Option<String>,
    out: &mut dyn Write,
    terminal: bool,
) -> CliResult {
    let path = &args.file;
    let bytes = read(path)?;
    let name = if path == std::path::Path::new("-") {
        std::path::Path::new("standard input")
    } else {
        path.as_path()
    };
    let text = text_of(name, &bytes).or_else(|e| match e {
        StoreError::Empty { .. } => Ok(""),
        other => Err(other),
    })?;
    let tty = terminal;
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => tty && crate::settings::color_enabled(),
    };
    let depth = color.then(ColorDepth::of_env);
    let width = args.width.unwrap_or_else(|| {
        if tty {
            ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w)
        } else {
            80
        }
    });
    let config = crate::settings::Config::load(&home.config_dir).0;
    let loaded = load_theme(
        theme.as_deref().unwrap_or(&config.theme),
        &home.config_dir,
        color,
    );
    if let Some(w) = loaded.warning {
        diagnostic(format_args!("infradraft: {w}"));
    }
    // Body text keeps the terminal's own colours: the terminal's background is unknown here (the
    // theme's text colour is chosen for the workbench's panes), and it keeps the output small.
    // Frames (code-block gutters, table borders, rules) likewise take the terminal's own dark
    // grey, which its colour scheme keeps visible on its background, rather than a grey chosen
    // for the panes; its escape is also the shortest, and it is written on every code line.
    let theme = loaded.theme.preview_styles();
    let frame = |style: ratatui::style::Style| match style.fg {
        Some(_) => style.fg(ratatui::style::Color::DarkGray),
        None => style,
    };
    let styles = crate::preview::PreviewStyles {
        text: ratatui::style::Style::new(),
        rule: frame(theme.rule),
        table_border: frame(theme.table_border),
        ..theme
    };
    // The renderer makes the document's own control characters inert before it styles the text;
    // this lets through the colours it adds and nothing else that could drive a terminal.
    let inert = crate::text::InertWriter::new(out).keep_sgr(color);
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, inert);
    render_to_writer(
        text,
        width,
        &styles,
        &Highlighter::new(),
        depth,
        &mut buffered,
    )
    .and_then(|()| buffered.flush())
    .map_err(CliError::from)
}

/// The Markdown to render: the file at `path`, or standard input for `-`. Only a regular file is
/// read (a FIFO or device is refused without waiting on it); either way at most
/// [`MAX_RENDER_BYTES`] are read.
fn read(path: &std::path::Path) -> Result<Vec<u8>, CliError> {
    use crate::store::ReadProblem;
    if path == std::path::Path::new("-") {
        return crate::store::read_capped(std::io::stdin().lock(), MAX_RENDER_BYTES, 0).map_err(
            |p| match p {
                ReadProblem::TooLarge { limit, .. } => CliError(format!(
                    "standard input: more than the {limit}-byte limit for a Markdown document; \
                     stopped reading there"
                )),
                other => CliError(format!("standard input: {other}")),
            },
        );
    }
    crate::store::read_regular(path, MAX_RENDER_BYTES).map_err(|p| match p {
        ReadProblem::IsDirectory => CliError(format!(
            "{}: is a directory, not a Markdown file",
            path.display()
        )),
        ReadProblem::TooLarge { size, limit } => CliError(format!(
            "{}: {size} bytes is more than the {limit}-byte limit",
            path.display()
        )),
        other => CliError(StoreError::from_problem(path, other).to_string()),
    })
}
