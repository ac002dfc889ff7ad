//! `import-adrs`: an existing folder of architecture decision records read into a session's
//! decision log, keeping their numbers, statuses, dates, people and supersede links.
//!
//! # The folder
//!
//! * Only the folder itself is read (not its sub-folders), and of it only `*.md` files whose
//!   names do not start with `.`; `README.md`, `index.md` and `template.md` (any case, also
//!   `adr-template.md`) are listed as ignored. At most [`MAX_FILES`] entries are looked at: a
//!   larger folder is refused.
//! * Every file is read as the store reads untrusted files ([`crate::files::read_regular`]):
//!   only a regular file, at most [`MAX_RECORD_BYTES`], never waiting on a FIFO. A symbolic
//!   link is followed only to a file inside the folder. A binary file (a NUL byte) or text that
//!   is not UTF-8 is refused. Each refused or unreadable file is a [`Problem`] — one line naming
//!   the file, and its line where there is one — and is skipped; the others are imported.
//!
//! # Layouts
//!
//! One [`Layout`] is said of the folder: **log4brains** when `.log4brains.yml` is in the folder
//! or a folder above it (up to the repository's root, the first one with `.git`), or when most
//! records are named `YYYYMMDD-slug.md`; otherwise the layout most of its records are written in
//! (see [`record::Shape`]): **adr-tools** (`# 1. Title`, `Date:`, `## Status`), **MADR 2.x**
//! (bullet metadata), **MADR 3.x** (front matter) or **MADR 4.x** (front matter with
//! `decision-makers`, `Neutral, because` or `### Confirmation`; what `export --adr-dir` writes).
//! Every record is read by the same reader whatever the layout, so a mixed folder loses nothing.
//!
//! # Numbers
//!
//! A record's number is the one its file name starts with (`0007-…`), which becomes its
//! [`AdrId`]. log4brains names carry a date instead: those records are numbered after every
//! number the session and the folder hold, in the order of that date (then name). Of two files
//! with the same number, the second is a problem and skipped. The session's counter
//! (`last_adr`) ends at least at the highest number of the folder, also of skipped files, so no
//! number of the folder is ever given again.
//!
//! # Where each record goes
//!
//! Records linked by `Supersedes` / `Superseded by` form a chain, and a chain is one decision
//! (one [`ComponentDesign`]): its latest accepted record is the decision, the others its
//! earlier records, oldest first.
//! * A record written by infradraft (its marker line) goes back to the component its file name
//!   names (`0007-compute-resources.md`), or to a new one of that id.
//! * Any other chain goes to the session's decision whose title (or its section's title)
//!   matches a title of the chain best, as `import` matches headings, among those with no
//!   record yet; else to a new decision titled by its latest record in the section
//!   [`IMPORTED_SECTION`] ("Imported Decisions"), added at the end of the document, whose
//!   purpose is the record's context.
//! * A component that already has records takes a chain only when the session already holds all
//!   of its numbers there (importing the same folder twice adds nothing twice); a number the
//!   session gives to another record refuses the whole import, and nothing changes.
//!
//! # What maps to what
//!
//! * Status: `accepted` → the decision; `superseded` / `deprecated` / `rejected` → an earlier
//!   record with that status; `proposed` (`draft`) → the component's recommendation, not a
//!   decision (its number is reserved but not kept on it). No status is taken as accepted, and
//!   said. A link stated on one side only is set on both; a record another one supersedes
//!   becomes `superseded`.
//! * Dates: `date` is when it was decided (infradraft's `Amended on … (first decided on …)` gives
//!   both days); `… on DATE` in a superseded, deprecated or rejected note is when its status
//!   changed, else the superseding record's date. No date: today, and said.
//! * People: `decision-makers` (or `deciders`), `consulted`, `informed`. Decision makers that are
//!   exactly the session's authors are left unset, as `export` writes the authors for those.
//! * Options: each considered option becomes a card: the component's card of that name if it
//!   has one, else the catalog's for that decision, else a new one; the record's summary, pros
//!   and cons replace the card's (keeping the card's wording where only the first letter's case
//!   differs). An earlier record keeps its cards with it (`options_then`).
//! * Section text: [`write_section_texts`], run after the import, writes each accepted decision's
//!   text into its section as deciding in the workbench does, merged with what the person wrote
//!   there; a section where it would replace the person's words is left as it is, and said.

mod apply;
pub mod front_matter;
pub mod record;
mod texts;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use thiserror::Error;

use crate::files::{ReadProblem, read_regular, strip_bom};
use crate::knowledge::Catalog;
use crate::model::{AdrId, AdrStatus, Session};

pub use apply::IMPORTED_SECTION;
pub use texts::{SectionTexts, write_section_texts};

/// The largest decision record read.
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;
/// The most directory entries looked at.
pub const MAX_FILES: usize = 10_000;

/// How a folder of decision records is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    AdrTools,
    Madr2,
    Madr3,
    Madr4,
    Log4brains,
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layout::AdrTools => "adr-tools (Nygard)",
            Layout::Madr2 => "MADR 2.x",
            Layout::Madr3 => "MADR 3.x",
            Layout::Madr4 => "MADR 4.x",
            Layout::Log4brains => "log4brains",
        })
    }
}

/// A file that was skipped, or something said about one that was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// One record imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub file: String,
    /// `None` for a proposal, which became a recommendation.
    pub adr: Option<AdrId>,
    pub status: AdrStatus,
    pub component: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrImport {
    pub layout: Layout,
    /// Whether the records carry infradraft's marker (written by `export --adr-dir`).
    pub by_infradraft: bool,
    pub imported: Vec<Imported>,
    /// Files whose records the session already holds.
    pub already: Vec<String>,
    /// Components made for records that matched none (in [`IMPORTED_SECTION`]).
    pub new_components: Vec<String>,
    /// Files skipped, each with why.
    pub skipped: Vec<Problem>,
    /// Things said about imported files (no status, no date, a status changed by a link).
    pub notes: Vec<Problem>,
    /// Files that are not decision records (README.md, index.md, template.md).
    pub ignored: Vec<String>,
}

/// Why nothing was imported.
#[derive(Debug, Error)]
pub enum ImportAdrsError {
    #[error("{}: {problem}", dir.display())]
    Folder { dir: PathBuf, problem: ReadProblem },
    #[error("{}: not a folder", dir.display())]
    NotAFolder { dir: PathBuf },
    #[error("{}: more than {limit} entries; not read", dir.display())]
    TooManyFiles { dir: PathBuf, limit: usize },
    #[error("{}: no decision records (.md files) to import", dir.display())]
    NoRecords { dir: PathBuf },
    #[error(
        "{}: {adr} is already {component}'s record in the session; nothing was imported (import into a session without it)",
        file.display()
    )]
    NumberTaken {
        file: PathBuf,
        adr: AdrId,
        component: String,
    },
    #[error(
        "{}: {component} already has decision records other than this folder's; nothing was imported",
        file.display()
    )]
    ComponentHasRecords { file: PathBuf, component: String },
}

/// A file of the folder read as text.
pub(crate) struct Text {
    pub name: String,
    pub text: String,
}

fn is_ignored(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "readme.md" | "index.md" | "template.md" | "adr-template.md" | "0000-template.md"
    )
}

/// What reading a folder gives: the records' texts, the files that could not be read, the
/// files ignored by name, and how many other (not `.md`) files there were.
type Folder = (Vec<Text>, Vec<Problem>, Vec<String>, usize);

/// Reads the folder's records as text; the files that cannot be read are problems.
fn read_folder(dir: &Path) -> Result<Folder, ImportAdrsError> {
    let meta = fs::metadata(dir).map_err(|e| ImportAdrsError::Folder {
        dir: dir.to_path_buf(),
        problem: e.into(),
    })?;
    if !meta.is_dir() {
        return Err(ImportAdrsError::NotAFolder {
            dir: dir.to_path_buf(),
        });
    }
    let folder_err = |e: std::io::Error| ImportAdrsError::Folder {
        dir: dir.to_path_buf(),
        problem: e.into(),
    };
    let real = fs::canonicalize(dir).map_err(folder_err)?;
    let mut names = Vec::new();
    let mut problems = Vec::new();
    for entry in fs::read_dir(dir).map_err(folder_err)? {
        if names.len() + problems.len() >= MAX_FILES {
            return Err(ImportAdrsError::TooManyFiles {
                dir: dir.to_path_buf(),
                limit: MAX_FILES,
            });
        }
        let entry = entry.map_err(folder_err)?;
        match entry.file_name().into_string() {
            Ok(name) => names.push(name),
            Err(raw) => problems.push(Problem {
                file: dir.join(&raw),
                line: None,
                message: "the file name is not UTF-8; not read".into(),
            }),
        }
    }
    names.sort();
    let mut texts = Vec::new();
    let mut ignored = Vec::new();
    let mut others = 0;
    for name in names {
        if name.starts_with('.') {
            continue;
        }
        if !name.to_ascii_lowercase().ends_with(".md") {
            others += 1;
            continue;
        }
        if is_ignored(&name) {
            ignored.push(name);
            continue;
        }
        let path = dir.join(&name);
        let problem = |message: String| Problem {
            file: path.clone(),
            line: None,
            message,
        };
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            match fs::canonicalize(&path) {
                Ok(target) if target.starts_with(&real) => {}
                Ok(target) => {
                    problems.push(problem(format!(
                        "is a symbolic link to {}, outside the folder; not read",
                        target.display()
                    )));
                    continue;
                }
                Err(e) => {
                    problems.push(problem(format!(
                        "is a symbolic link that leads nowhere ({e}); not read"
                    )));
                    continue;
                }
            }
        }
        let bytes = match read_regular(&path, MAX_RECORD_BYTES) {
            Ok(b) => b,
            Err(p) => {
                problems.push(problem(format!("{p}; not read")));
                continue;
            }
        };
        let bytes = strip_bom(&bytes);
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            problems.push(problem(format!(
                "not a text file (binary data at byte {offset}); not read"
            )));
            continue;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => texts.push(Text {
                name,
                text: text.to_string(),
            }),
            Err(e) => problems.push(problem(format!(
                "not UTF-8 text (invalid byte at offset {}); not read",
                e.valid_up_to()
            ))),
        }
    }
    Ok((texts, problems, ignored, others))
}

/// `YYYYMMDD` at the start of a log4brains file name, as a date.
pub(crate) fn name_date(name: &str) -> Option<jiff::civil::Date> {
    let digits = name.get(..8)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || name.as_bytes().get(8) != Some(&b'-') {
        return None;
    }
    let (y, m, d) = (
        digits[..4].parse::<i16>().ok()?,
        digits[4..6].parse::<i8>().ok()?,
        digits[6..].parse::<i8>().ok()?,
    );
    if !(1970..=2200).contains(&y) {
        return None;
    }
    jiff::civil::Date::new(y, m, d).ok()
}

/// Whether `.log4brains.yml` is in `dir` or a folder above it, up to the repository's root.
fn has_log4brains_config(dir: &Path) -> bool {
    let Ok(real) = fs::canonicalize(dir) else {
        return false;
    };
    for d in real.ancestors().take(8) {
        if fs::symlink_metadata(d.join(".log4brains.yml")).is_ok_and(|m| m.is_file()) {
            return true;
        }
        if d.join(".git").exists() {
            break;
        }
    }
    false
}

/// Reads the decision records in `dir` into `s`. The session changes only when this returns
/// `Ok` (and then only if something was imported).
pub fn import_adrs(
    s: &mut Session,
    catalog: &Catalog,
    dir: &Path,
    now: Timestamp,
) -> Result<AdrImport, ImportAdrsError> {
    let (texts, mut skipped, ignored, _others) = read_folder(dir)?;
    if texts.is_empty() && skipped.is_empty() {
        return Err(ImportAdrsError::NoRecords {
            dir: dir.to_path_buf(),
        });
    }
    let mut records = Vec::new();
    for t in &texts {
        match record::parse(&t.text, crate::export::adr::MARKER) {
            Ok(r) => records.push((t.name.clone(), r)),
            Err(e) => skipped.push(Problem {
                file: dir.join(&t.name),
                line: Some(e.line),
                message: format!("{}; skipped", e.message),
            }),
        }
    }
    let dated = texts
        .iter()
        .filter(|t| name_date(&t.name).is_some())
        .count();
    let layout = if has_log4brains_config(dir) || (dated > 0 && dated * 2 >= texts.len()) {
        Layout::Log4brains
    } else {
        let mut counts = [0usize; 4];
        for (_, r) in &records {
            if let Some(shape) = r.shape {
                counts[shape as usize] += 1;
            }
        }
        let best = (0..4)
            .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
            .unwrap_or(3);
        [
            Layout::AdrTools,
            Layout::Madr2,
            Layout::Madr3,
            Layout::Madr4,
        ][best]
    };
    // Numbers of files that could not be read are never given again either.
    let unread_numbers: Vec<u32> = skipped
        .iter()
        .filter_map(|p| p.file.file_name()?.to_str().map(str::to_string))
        .filter(|n| layout != Layout::Log4brains || name_date(n).is_none())
        .filter_map(|n| apply::leading_number(&n))
        .collect();
    let mut report = AdrImport {
        layout,
        by_infradraft: records.iter().any(|(_, r)| r.marker.is_some()),
        imported: Vec::new(),
        already: Vec::new(),
        new_components: Vec::new(),
        skipped,
        notes: Vec::new(),
        ignored,
    };
    apply::apply(s, catalog, dir, records, &unread_numbers, &mut report, now)?;
    Ok(report)
}
