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
    /// Print only results and problems: no "wrote …"/"saved …" confirmations, progress or notes.
    /// Warnings and errors still go to stderr; exit statuses do not change.
    #[arg(short, long, global = true)]
    pub quiet: bool,
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
        /// Output format: text, or JSON (see the README; docs/schemas/show.schema.json).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// List a session's inputs and their freshness, the extracted requirements, and the facts
    /// (Technical Assumptions, tech stack) that decisions are checked against.
    Inputs {
        /// The session file (.ron).
        session: PathBuf,
        /// Output format: text, or JSON (inputs, requirements with typed figures, regimes with
        /// their sources, facts with their force, conflicts with their status).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// List recent sessions: path, title, mode, progress and last saved; missing files are marked.
    List {
        /// Output format: text, or JSON (see the README; docs/schemas/list.schema.json).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// Write the finished document as Markdown (and, with --adr-dir, one MADR record per decision).
    Export(ExportArgs),
    /// Manage decision records from a script: list them, supersede, amend, deprecate or reject
    /// a decision, and set who made it, was consulted and is informed.
    Adr(AdrArgs),
    /// Check a session for completeness and soundness; exit 0 when it meets the bar, 1 when not.
    ///
    /// Checks: every section written, every component decided with at least two options considered
    /// (each with pros and cons, the chosen one among them, a justification), conflicts with the
    /// inputs accepted with a reason, the four process diagrams present and valid, stories drafted,
    /// and the checklist's pass rate at least --min-pass. Exit status 2 on errors (a bad file).
    Check(CheckArgs),
    /// Review a session offline: read everything, add comments; the session file is never written
    /// or locked, comments go to <SESSION>.review.ron.
    Review(ReviewArgs),
    /// Merge a reviewer's comments (<SESSION>.review.ron) into the session.
    MergeReview {
        /// The session file (.ron).
        session: PathBuf,
    },
    /// Turn an existing infrastructure architecture document (Markdown) into a session.
    ///
    /// Headings are matched to the template's sections whatever their wording, case or numbering;
    /// sections the template lacks are kept; ```mermaid fences become diagrams.
    Import(ImportArgs),
    /// Show what changed in meaning between two versions of a session: decisions and their
    /// records, options, recommendations, requirements, facts, conflicts, sections' text (word by
    /// word) and checklist marks. Exit 0 when nothing changed, 1 when something did, 2 on an error.
    ///
    /// `infradraft diff OLD NEW` compares two files; `infradraft diff --git REV [FILE]` compares
    /// the file as committed at REV with the file now; `--git-external` takes git's seven
    /// arguments of an external diff driver (see the README's `diff` section).
    Diff(DiffArgs),
    /// Read an existing folder of architecture decision records (adr-tools, MADR 2.x–4.x,
    /// log4brains) into a session's decision log, keeping numbers, statuses, dates, people and
    /// supersede links.
    ImportAdrs(ImportAdrsArgs),
    /// Write the manual pages: infradraft.1 to standard output, or with --out, it and one page
    /// per subcommand (infradraft-<subcommand>.1) into a directory.
    Man {
        /// The directory to write every page into (created when missing).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
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
pub struct ExportArgs {
    /// The session file (.ron).
    pub session: PathBuf,
    /// Where to write the document [default: standard output].
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write one MADR 4.0 decision record per decision into this directory.
    #[arg(long, value_name = "DIR")]
    pub adr_dir: Option<PathBuf>,
    /// Write only the technical stories and epic impacts summary.
    #[arg(long)]
    pub stories_only: bool,
}

#[derive(Debug, Args)]
pub struct AdrArgs {
    #[command(subcommand)]
    pub command: AdrCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdrCommand {
    /// List every decision record and every proposed decision, one per line, tab-separated:
    /// number (`-` when proposed), status, component, chosen or recommended option id, its name,
    /// the option ids on the table.
    List {
        /// The session file (.ron).
        session: PathBuf,
    },
    /// Decide a decided component again: its decision stays as a record superseded by the new
    /// one, which gets the next number; both records link to each other.
    Supersede(RedecideArgs),
    /// Change a decided component's decision in place: same number, new content, an amended date.
    Amend(RedecideArgs),
    /// Deprecate a decision (it held and no longer does): kept as a deprecated record, the
    /// component is undecided again.
    Deprecate(WithdrawArgs),
    /// Reject a decision (it is turned down): kept as a rejected record, the component is
    /// undecided again.
    Reject(WithdrawArgs),
    /// Set the people of a decision record (MADR's decision-makers, consulted, informed); the
    /// lists given replace the record's, the others stay.
    People(PeopleArgs),
}

#[derive(Debug, Args)]
pub struct RedecideArgs {
    /// The session file (.ron).
    pub session: PathBuf,
    /// The decision: its component's id (`compute-resources`) or its record's number (`ADR-0007`).
    pub decision: String,
    /// The id of the chosen option [default: the option chosen now].
    #[arg(long, value_name = "ID")]
    pub option: Option<String>,
    /// Why this option [supersede: required; amend: default the justification given before].
    #[arg(long = "because", value_name = "TEXT")]
    pub because: Option<String>,
    /// Accept every conflict of the choice with the inputs, for this reason (without it, a choice
    /// that conflicts with the inputs is refused and the conflicts are listed).
    #[arg(long, value_name = "REASON")]
    pub accept_conflicts: Option<String>,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The session file (.ron).
    pub session: PathBuf,
    /// The decision: its component's id (`compute-resources`) or its record's number (`ADR-0007`).
    pub decision: String,
    /// Why (required).
    #[arg(long = "because", value_name = "TEXT")]
    pub because: String,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// The session file (.ron).
    pub session: PathBuf,
    /// The record's number (`ADR-0007`; any record, current or earlier), or the id of a decided
    /// component for its current decision.
    pub record: String,
    /// Who made the decision (repeatable; replaces the list).
    #[arg(long = "decision-maker", value_name = "NAME")]
    pub decision_makers: Vec<String>,
    /// Who was consulted (repeatable; replaces the list).
    #[arg(long = "consulted", value_name = "NAME")]
    pub consulted: Vec<String>,
    /// Who is informed (repeatable; replaces the list).
    #[arg(long = "informed", value_name = "NAME")]
    pub informed: Vec<String>,
    /// Empty every list not given above.
    #[arg(long)]
    pub clear: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD NEW (two session files); with --git, the session file [default:
    /// infradraft-session.ron]; with --git-external, git's arguments (PATH OLD-FILE OLD-HEX
    /// OLD-MODE NEW-FILE NEW-HEX NEW-MODE, and two more for a rename).
    #[arg(value_name = "FILE", num_args = 0..=9)]
    pub files: Vec<PathBuf>,
    /// Compare the session file as committed at this revision (`git show REV:FILE`) with the
    /// file as it is now.
    #[arg(long, value_name = "REV", conflicts_with = "git_external")]
    pub git: Option<String>,
    /// Be git's external diff driver (`diff.infradraft.command`): the arguments are the ones git
    /// passes, and the exit status is 0 whether or not something changed.
    #[arg(long)]
    pub git_external: bool,
    /// Output format: text (grouped, one line per change), or JSON (one array per kind of
    /// change; see the README).
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// When to colour the text: always, never, or auto (when stdout is a terminal and NO_COLOR
    /// is unset). Without colour, a word diff marks text as [-removed-] and {+added+}.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The session file (.ron).
    #[arg(required_unless_present = "project", conflicts_with = "project")]
    pub session: Option<PathBuf>,
    /// Check every document of the project instead, and that no decision number is given twice
    /// across them: the project file given, else the one found from the current directory.
    #[arg(long, value_name = "PROJECT_FILE")]
    pub project: Option<Option<PathBuf>>,
    /// The checklist pass rate (percent) the document must reach; 0 does not require a review.
    #[arg(long, value_name = "PERCENT", default_value_t = 0.0, value_parser = percent)]
    pub min_pass: f64,
    /// Every written section must be finalized (8 in the workbench, once it is complete).
    #[arg(long)]
    pub require_finalized: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
}

fn percent(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err("must be between 0 and 100".into())
    }
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The session file (.ron).
    pub session: PathBuf,
    /// Your name on the comments [default: $USER, else "reviewer"].
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Print the review summary (open and resolved comments per section and by severity) as
    /// Markdown instead of opening the workbench.
    #[arg(long)]
    pub summary: bool,
    /// The summary's format: Markdown (text), or JSON (see the README;
    /// docs/schemas/review.schema.json).
    #[arg(long, value_enum, default_value_t = FormatArg::Text, requires = "summary")]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Markdown document.
    pub document: PathBuf,
    /// Where to write the session [default: the document's name with .ron, in the current directory].
    #[arg(short = 'o', long = "output", value_name = "SESSION")]
    pub output: Option<PathBuf>,
    /// Replace an existing session file (the old one is kept as <SESSION>.bak).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportAdrsArgs {
    /// The folder of decision records (`doc/adr`, `docs/decisions`, …).
    pub dir: PathBuf,
    /// The session to import into (saved, the old file kept as <SESSION>.bak).
    #[arg(long, value_name = "SESSION", default_value = "infradraft-session.ron")]
    pub session: PathBuf,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The Markdown file, or `-` for standard input (read up to 64 MiB).
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
