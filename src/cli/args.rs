//! Argument definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::InteractionMode;

/// Draft and review infrastructure architecture documents, decision by decision.
///
/// Without a subcommand, infradraft opens the bundled sample project (Ferrybook) in a session kept
/// in the data directory, so you can come back to it.
#[derive(Debug, Parser)]
#[command(name = "infradraft", version, about, long_about)]
pub struct Cli {
    /// The colour theme: dark, light, high-contrast, or a theme file in the config directory.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session from the project's input documents.
    ///
    /// Without input flags, the conventional paths under the current directory are used when they
    /// exist: docs/prd.md, docs/architecture.md, docs/tech-stack.md and
    /// docs/infrastructure/guidelines.md.
    New(NewArgs),
    /// Open a session file in the workbench.
    Open {
        /// The session file (.ron).
        session: PathBuf,
    },
    /// Open the most recently used session in the workbench, where you left it.
    Resume,
    /// Print a Markdown file rendered for the terminal, as the preview shows it.
    Render(RenderArgs),
    /// Summarise a session file: title, mode, inputs, progress, last saved.
    Show {
        /// The session file (.ron).
        session: PathBuf,
    },
    /// List a session's inputs and their freshness, the extracted requirements, and the facts
    /// (Technical Assumptions, tech stack) that decisions are checked against.
    Inputs {
        /// The session file (.ron).
        session: PathBuf,
    },
    /// List recent sessions: path, title, mode, progress and last saved; missing files are marked.
    List,
    /// Print a shell completion script to standard output.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The product requirements document (PRD).
    #[arg(long, value_name = "FILE")]
    pub prd: Option<PathBuf>,
    /// The main system architecture document.
    #[arg(long, value_name = "FILE")]
    pub architecture: Option<PathBuf>,
    /// The technology stack document.
    #[arg(long, value_name = "FILE")]
    pub tech_stack: Option<PathBuf>,
    /// The infrastructure guidelines.
    #[arg(long, value_name = "FILE")]
    pub guidelines: Option<PathBuf>,
    /// Any other existing infrastructure documentation (repeatable).
    #[arg(long = "input", value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Use the bundled sample project (Ferrybook) as the inputs.
    #[arg(long, conflicts_with_all = ["prd", "architecture", "tech_stack", "guidelines", "inputs"])]
    pub sample: bool,
    /// The document title [default: "<project> — Infrastructure Architecture"].
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The product's name [default: from the PRD's first heading].
    #[arg(long, value_name = "NAME")]
    pub project: Option<String>,
    /// An author of the document (repeatable).
    #[arg(long = "author", value_name = "NAME")]
    pub authors: Vec<String>,
    /// How to work: component by component, or a full first draft to review [default: asked
    /// when the workbench opens].
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Where to write the session.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "SESSION",
        default_value = "infradraft-session.ron"
    )]
    pub output: PathBuf,
    /// Replace an existing session file (the old one is kept as <SESSION>.bak).
    #[arg(long)]
    pub force: bool,
    /// Only write the session file; do not open it in the workbench.
    #[arg(long)]
    pub no_open: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The Markdown file.
    pub file: PathBuf,
    /// Columns to lay the text out in [default: the terminal's width, or 80 when not a terminal].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub width: Option<u16>,
    /// When to use colour: always, never, or auto (when stdout is a terminal and NO_COLOR is unset).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Always,
    Never,
    Auto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// Component by component, step by step (recommended).
    Incremental,
    /// A comprehensive first draft of everything, then review and iterate.
    Yolo,
}

impl From<ModeArg> for InteractionMode {
    fn from(m: ModeArg) -> Self {
        match m {
            ModeArg::Incremental => InteractionMode::Incremental,
            ModeArg::Yolo => InteractionMode::Yolo,
        }
    }
}
