//! The project file: `infradraft.ron` at a repository's root, listing the project's documents
//! (one session per product or per feature) and the settings they share.
//!
//! # Where it is found
//!
//! [`find`] walks up from a directory (the current one for `list`, `new` and `export`; the
//! session file's own directory when numbering a session's decisions) and takes the first
//! `infradraft.ron` it meets. The walk only ever goes to parent directories: it stops after the
//! directory that holds `.git` (a directory, or the file of a git worktree), so it never leaves
//! the repository, and at the filesystem root. The project file itself must be a regular file;
//! a symbolic link, FIFO, device or directory of that name is refused, not followed.
//!
//! # The format
//!
//! ```ron
//! (
//!     documents: [
//!         (path: "products/checkout/architecture.ron", numbers: (first: 1, last: 99)),
//!         (path: "products/payments/architecture.ron", numbers: (first: 100, last: 199)),
//!     ],
//!     inputs: "docs/shared",     // optional: where `new` looks for docs/prd.md, …
//!     adr_dir: "docs/adr",        // optional: where `export` writes decision records
//!     template: "acme-infra",     // optional: the template id new sessions must be made from
//! )
//! ```
//!
//! Unknown fields are refused. An `Option` field is written without `Some(…)`. Every path is
//! relative to the project file's directory (the project root) and must stay inside it: an
//! absolute path, a `..` that climbs above the root, or a symbolic link on the way that leads out
//! of it is refused with a one-line error naming the file, the line and column of the path, and
//! the path. Two documents may not name the same file. A read is bounded
//! ([`MAX_PROJECT_BYTES`]) and goes through the store's careful read; a parse error names the
//! file, line and column.
//!
//! # Decision numbers across the project
//!
//! Each document declares the range of decision numbers it gives ([`AdrRange`]); ranges of two
//! documents may not overlap (refused at load). A document gives its next number inside its own
//! range, so two people deciding in two documents at the same time — on two branches merged
//! later — can never give the same `ADR-` number to different decisions, with no coordination
//! and nothing read from the other documents. This works through the session's own counter
//! (`Session::last_adr`), which the workflow's every numbering goes through
//! (`Session::allocate_adr`): [`NumberGuard::enter`] raises the counter to just below the range's
//! first number when the document has not reached it yet, and [`NumberGuard::check`] refuses any
//! number the session gained that is outside the range (the range used up, a number left from
//! before the document joined the project, or an imported record's). A caller that changes a
//! project document enters the guard after loading it and checks it before saving; what fails
//! the check is not saved. [`numbers_across`] finds what a guard cannot prevent: the same number
//! in two documents, and numbers outside their document's range (both fail
//! `infradraft check --project`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::files::StoreError;
use crate::model::{AdrId, Session};

/// The project file's name.
pub const PROJECT_FILE: &str = "infradraft.ron";

/// A project file larger than this is refused unread (a real one is a few hundred bytes).
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024;

/// The project file as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Project", deny_unknown_fields)]
pub struct ProjectFile {
    /// The project's documents, in the order `list` and `check --project` show them.
    pub documents: Vec<DocumentEntry>,
    /// The directory `new` looks up the conventional input paths under (`docs/prd.md`, …).
    #[serde(default)]
    pub inputs: Option<String>,
    /// The directory `export` writes decision records into.
    #[serde(default)]
    pub adr_dir: Option<String>,
    /// The id of the template new sessions are made from (the team's or the built-in one).
    #[serde(default)]
    pub template: Option<String>,
}

/// One document of the project as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Document", deny_unknown_fields)]
pub struct DocumentEntry {
    /// The session file, relative to the project root.
    pub path: String,
    /// The decision numbers this document gives.
    pub numbers: AdrRange,
}

/// A document's decision numbers: `first` to `last`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Numbers", deny_unknown_fields)]
pub struct AdrRange {
    pub first: u32,
    pub last: u32,
}

impl AdrRange {
    pub fn contains(self, n: u32) -> bool {
        (self.first..=self.last).contains(&n)
    }

    fn overlaps(self, other: AdrRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }
}

impl fmt::Display for AdrRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", AdrId(self.first), AdrId(self.last))
    }
}

/// A loaded, validated project: every path made absolute under the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The project file.
    pub file: PathBuf,
    /// Its directory, which every path of the project is relative to.
    pub root: PathBuf,
    pub documents: Vec<Document>,
    pub inputs: Option<PathBuf>,
    pub adr_dir: Option<PathBuf>,
    pub template: Option<String>,
}

/// One document of a loaded project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The path as the project file writes it (relative to the root), for display.
    pub declared: String,
    /// The session file: the root joined with the declared path.
    pub path: PathBuf,
    pub numbers: AdrRange,
}

/// Why a project file was refused. Each names the project file, and where it can, the line and
/// column of what is wrong.
#[derive(Debug, Error)]
pub enum ProjectError {
    /// Not readable (missing, too large, not a regular file, not text) or not RON of the right
    /// shape (`file:line:col`).
    #[error(transparent)]
    File(#[from] StoreError),

    #[error(
        "{}: is a symbolic link; a project file must be a regular file at the repository's root",
        file.display()
    )]
    Link { file: PathBuf },

    #[error(
        "{}{at}: {what} {path:?} is outside the project; paths are relative to {} and must stay inside it",
        file.display(),
        root.display()
    )]
    Escapes {
        file: PathBuf,
        root: PathBuf,
        at: String,
        what: &'static str,
        path: String,
    },

    #[error("{}{at}: {message}", file.display())]
    Invalid {
        file: PathBuf,
        at: String,
        message: String,
    },
}

/// The project file that governs `dir`: the first `infradraft.ron` found in `dir` or a parent
/// directory, stopping after the repository's root (the directory holding `.git`) or the
/// filesystem root. `dir` is made absolute against the current directory and resolved (links,
/// `.` and `..`) before the walk. `None` outside any project.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let start = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(dir)
    };
    // The directory as it really is (no `.`, `..` or links), so that its parents are its own.
    let start = start.canonicalize().unwrap_or(start);
    let mut here = Some(start.as_path());
    while let Some(d) = here {
        let candidate = d.join(PROJECT_FILE);
        if candidate.symlink_metadata().is_ok() {
            return Some(candidate);
        }
        if d.join(".git").symlink_metadata().is_ok() {
            return None;
        }
        here = d.parent();
    }
    None
}

/// The project that governs `dir` ([`find`]), loaded; `Ok(None)` outside any project.
pub fn discover(dir: &Path) -> Result<Option<Project>, ProjectError> {
    find(dir).map(|file| Project::load(&file)).transpose()
}

impl Project {
    /// Reads and validates the project file at `file` (see the module docs for what is refused).
    pub fn load(file: &Path) -> Result<Project, ProjectError> {
        let file = if file.is_absolute() {
            file.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| StoreError::from_read_public(file, e))?
                .join(file)
        };
        if file
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(ProjectError::Link { file });
        }
        let bytes = crate::store::read_file(&file, MAX_PROJECT_BYTES)?;
        let text = crate::files::text_of(&file, &bytes)?;
        let written: ProjectFile = crate::files::from_ron_implicit_some(&file, text)?;
        let root = file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        let check = Checker {
            file: &file,
            root: &root,
            text,
        };
        let mut documents: Vec<Document> = Vec::with_capacity(written.documents.len());
        for entry in &written.documents {
            let path = check.path("document", &entry.path)?;
            let r = entry.numbers;
            if r.first == 0 || r.first > r.last {
                return Err(check.invalid(
                    &entry.path,
                    format!(
                        "document {:?}: numbers (first: {}, last: {}) is not a range of decision numbers (first at least 1, last not below first)",
                        entry.path, r.first, r.last
                    ),
                ));
            }
            if let Some(other) = documents.iter().find(|d| d.path == path) {
                return Err(check.invalid(
                    &entry.path,
                    format!(
                        "document {:?} is the same file as {:?}; a document is listed once",
                        entry.path, other.declared
                    ),
                ));
            }
            if let Some(other) = documents.iter().find(|d| d.numbers.overlaps(r)) {
                return Err(check.invalid(
                    &entry.path,
                    format!(
                        "document {:?}: numbers {r} overlap {:?}'s {}; each document needs a range of its own so that no number is given twice",
                        entry.path, other.declared, other.numbers
                    ),
                ));
            }
            documents.push(Document {
                declared: entry.path.clone(),
                path,
                numbers: r,
            });
        }
        let inputs = written
            .inputs
            .as_deref()
            .map(|p| check.path("inputs directory", p))
            .transpose()?;
        let adr_dir = written
            .adr_dir
            .as_deref()
            .map(|p| check.path("ADR directory", p))
            .transpose()?;
        if let Some(t) = &written.template
            && !crate::model::is_slug(t)
        {
            return Err(check.invalid(
                t,
                format!(
                    "template {t:?} is not a template id (lowercase letters, digits and hyphens)"
                ),
            ));
        }
        Ok(Project {
            file,
            root,
            documents,
            inputs,
            adr_dir,
            template: written.template,
        })
    }

    /// The document whose session file is `session` (the same file, however the path is written),
    /// if the project lists it.
    pub fn document_of(&self, session: &Path) -> Option<&Document> {
        let wanted = same_file_key(session);
        self.documents
            .iter()
            .find(|d| same_file_key(&d.path) == wanted)
    }
}

/// A path to compare files by: the canonical path when the file exists, else the absolute path
/// with `.` and `..` worked out.
fn same_file_key(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Validates the paths of one project file against its root.
struct Checker<'a> {
    file: &'a Path,
    root: &'a Path,
    text: &'a str,
}

impl Checker<'_> {
    /// `:LINE:COL` of the first place the file writes `value` as a string, or nothing.
    fn at(&self, value: &str) -> String {
        let quoted = format!("{value:?}");
        let Some(offset) = self.text.find(&quoted) else {
            return String::new();
        };
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before
            .rfind('\n')
            .map_or(before, |i| &before[i + 1..])
            .chars()
            .count()
            + 1;
        format!(":{line}:{col}")
    }

    fn invalid(&self, value: &str, message: String) -> ProjectError {
        ProjectError::Invalid {
            file: self.file.to_path_buf(),
            at: self.at(value),
            message,
        }
    }

    fn escapes(&self, what: &'static str, path: &str) -> ProjectError {
        ProjectError::Escapes {
            file: self.file.to_path_buf(),
            root: self.root.to_path_buf(),
            at: self.at(path),
            what,
            path: path.to_string(),
        }
    }

    /// `written` joined to the root, when it is a relative path that stays inside the root, both
    /// as written and through whatever symbolic links already exist on the way.
    fn path(&self, what: &'static str, written: &str) -> Result<PathBuf, ProjectError> {
        if written.trim().is_empty() {
            return Err(self.invalid(written, format!("the {what} path is empty")));
        }
        let rel = Path::new(written);
        let mut depth = 0usize;
        let mut normal = PathBuf::new();
        for c in rel.components() {
            match c {
                Component::Normal(part) => {
                    depth += 1;
                    normal.push(part);
                }
                Component::CurDir => {}
                Component::ParentDir => {
                    depth = depth
                        .checked_sub(1)
                        .ok_or_else(|| self.escapes(what, written))?;
                    normal.pop();
                }
                Component::RootDir | Component::Prefix(_) => {
                    return Err(self.escapes(what, written));
                }
            }
        }
        let joined = self.root.join(&normal);
        // A link already on the way may lead elsewhere: the deepest part that exists must
        // resolve inside the root as well.
        if let Ok(root) = self.root.canonicalize() {
            let existing = joined
                .ancestors()
                .find(|p| p.symlink_metadata().is_ok())
                .unwrap_or(self.root);
            match existing.canonicalize() {
                Ok(real) if real.starts_with(&root) => {}
                // A dangling link: where it leads cannot be told, so it is not taken.
                _ => return Err(self.escapes(what, written)),
            }
        }
        Ok(joined)
    }
}

/// Why a change to a project document was refused: it gave a number outside the document's range.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "{adr} is outside this document's decision numbers {range} (declared in {}); {hint}",
    file.display()
)]
pub struct NumberingError {
    pub adr: AdrId,
    pub range: AdrRange,
    pub file: PathBuf,
    hint: &'static str,
}

/// Every decision number session `s` holds (current and earlier records), with the component
/// holding it, in number order.
pub fn numbers_of(s: &Session) -> Vec<(AdrId, &str)> {
    let mut out: Vec<(AdrId, &str)> = s
        .components
        .iter()
        .flat_map(|c| {
            c.records()
                .filter_map(|d| d.adr)
                .map(|a| (a, c.id.as_str()))
        })
        .collect();
    out.sort();
    out
}

/// Keeps one project document's numbering inside its range across a change (see the module docs):
/// [`NumberGuard::enter`] after loading, the change, [`NumberGuard::check`] before saving.
#[derive(Debug, Clone)]
pub struct NumberGuard {
    range: AdrRange,
    file: PathBuf,
    before: Vec<AdrId>,
}

impl NumberGuard {
    /// Makes session `s`, the project document `doc` of the project file `project_file`, give its
    /// next number inside the document's range: when every number it has given is below the
    /// range, its counter is raised to just below the range's first number. Remembers the
    /// numbers the session holds now.
    pub fn enter(s: &mut Session, doc: &Document, project_file: &Path) -> NumberGuard {
        let before: Vec<AdrId> = numbers_of(s).into_iter().map(|(a, _)| a).collect();
        let highest = before.iter().map(|a| a.0).fold(s.last_adr, u32::max);
        if highest < doc.numbers.first {
            s.last_adr = doc.numbers.first - 1;
        }
        NumberGuard {
            range: doc.numbers,
            file: project_file.to_path_buf(),
            before,
        }
    }

    /// The document's range.
    pub fn range(&self) -> AdrRange {
        self.range
    }

    /// Refuses when `s` holds a number it did not hold at [`NumberGuard::enter`] that is outside
    /// the range; the change must then not be saved.
    pub fn check(&self, s: &Session) -> Result<(), NumberingError> {
        match numbers_of(s)
            .into_iter()
            .map(|(a, _)| a)
            .find(|a| !self.range.contains(a.0) && !self.before.contains(a))
        {
            None => Ok(()),
            Some(adr) => Err(self.refusal(adr)),
        }
    }

    /// Refuses, before a change that gives session `s` a new number (a decision, a superseding
    /// one), when that number would be outside the range: the workbench asks this first, so
    /// that nothing is changed that could not be saved.
    pub fn check_next(&self, s: &Session) -> Result<(), NumberingError> {
        let next = s.next_adr();
        if self.range.contains(next.0) {
            Ok(())
        } else {
            Err(self.refusal(next))
        }
    }

    fn refusal(&self, adr: AdrId) -> NumberingError {
        NumberingError {
            adr,
            range: self.range,
            file: self.file.clone(),
            hint: if adr.0 > self.range.last {
                "the range is used up or the document already held a higher number; give it a wider range in the project file (nothing was saved)"
            } else {
                "give the document a range that holds it in the project file (nothing was saved)"
            },
        }
    }
}

/// One decision record, as [`numbers_across`] reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holder {
    /// The document, as the project file names it.
    pub document: String,
    /// The decision (component id) holding the number.
    pub component: String,
}

/// A number held by decisions of more than one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub adr: String,
    pub holders: Vec<Holder>,
}

/// A number a document holds outside its declared range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutOfRange {
    pub adr: String,
    pub document: String,
    pub component: String,
    /// The document's range, `ADR-0001–ADR-0099`.
    pub range: String,
}

/// What [`numbers_across`] found; both lists empty when the project's numbers are sound.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NumberReport {
    pub duplicates: Vec<Duplicate>,
    pub out_of_range: Vec<OutOfRange>,
}

impl NumberReport {
    pub fn is_clean(&self) -> bool {
        self.duplicates.is_empty() && self.out_of_range.is_empty()
    }
}

/// The numbers of the project's loaded documents: each number held by more than one document,
/// and each number outside its document's range, in number order.
pub fn numbers_across(documents: &[(&Document, &Session)]) -> NumberReport {
    let mut by_number: BTreeMap<AdrId, Vec<Holder>> = BTreeMap::new();
    let mut report = NumberReport::default();
    for (doc, s) in documents {
        for (adr, component) in numbers_of(s) {
            if !doc.numbers.contains(adr.0) {
                report.out_of_range.push(OutOfRange {
                    adr: adr.to_string(),
                    document: doc.declared.clone(),
                    component: component.to_string(),
                    range: doc.numbers.to_string(),
                });
            }
            by_number.entry(adr).or_default().push(Holder {
                document: doc.declared.clone(),
                component: component.to_string(),
            });
        }
    }
    report.out_of_range.sort_by(|a, b| a.adr.cmp(&b.adr));
    report.duplicates = by_number
        .into_iter()
        .filter(|(_, holders)| holders.iter().any(|h| h.document != holders[0].document))
        .map(|(adr, holders)| Duplicate {
            adr: adr.to_string(),
            holders,
        })
        .collect();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(dir: &Path, text: &str) -> Result<Project, ProjectError> {
        let file = dir.join(PROJECT_FILE);
        std::fs::write(&file, text).unwrap();
        Project::load(&file)
    }

    const TWO: &str = r#"(
    documents: [
        (path: "a/one.ron", numbers: (first: 1, last: 99)),
        (path: "b/two.ron", numbers: (first: 100, last: 199)),
    ],
    adr_dir: "docs/adr",
    template: "infradraft-standard",
)
"#;

    #[test]
    fn a_project_file_loads_with_paths_under_its_root() {
        let dir = tempfile::tempdir().unwrap();
        let p = project(dir.path(), TWO).unwrap();
        assert_eq!(p.root, dir.path());
        assert_eq!(p.documents.len(), 2);
        assert_eq!(p.documents[1].path, dir.path().join("b/two.ron"));
        assert_eq!(
            p.documents[1].numbers,
            AdrRange {
                first: 100,
                last: 199
            }
        );
        assert_eq!(p.adr_dir, Some(dir.path().join("docs/adr")));
        assert_eq!(p.inputs, None);
        assert_eq!(p.template.as_deref(), Some("infradraft-standard"));
        assert_eq!(
            p.document_of(&dir.path().join("a/./one.ron"))
                .map(|d| d.numbers.first),
            Some(1)
        );
        assert!(p.document_of(&dir.path().join("c.ron")).is_none());
    }

    #[test]
    fn the_walk_up_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let outer = dir.path();
        std::fs::write(outer.join(PROJECT_FILE), TWO).unwrap();
        let repo = outer.join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("x/y")).unwrap();
        // The file above the repository is not the repository's project.
        assert_eq!(find(&repo.join("x/y")), None);
        std::fs::write(repo.join(PROJECT_FILE), TWO).unwrap();
        assert_eq!(find(&repo.join("x/y")), Some(repo.join(PROJECT_FILE)));
        // Without a repository, the walk goes on up.
        assert_eq!(
            find(&outer.join("elsewhere")),
            Some(outer.join(PROJECT_FILE))
        );
    }

    #[test]
    fn paths_out_of_the_root_are_refused_with_their_place() {
        let dir = tempfile::tempdir().unwrap();
        for (text, what) in [
            (
                "(documents: [(path: \"../x.ron\", numbers: (first: 1, last: 9))])",
                "document \"../x.ron\"",
            ),
            (
                "(documents: [(path: \"/etc/x.ron\", numbers: (first: 1, last: 9))])",
                "document \"/etc/x.ron\"",
            ),
            (
                "(documents: [],\n adr_dir: \"a/../../adr\")",
                "ADR directory \"a/../../adr\"",
            ),
        ] {
            let e = project(dir.path(), text).unwrap_err().to_string();
            assert!(
                e.contains(what) && e.contains("is outside the project"),
                "{e}"
            );
            assert!(e.contains("infradraft.ron:"), "{e}");
        }
        let e = project(dir.path(), "(documents: [],\n  adr_dir: \"a/../../adr\")")
            .unwrap_err()
            .to_string();
        assert!(e.contains("infradraft.ron:2:12:"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_root_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        let e = project(
            dir.path(),
            "(documents: [(path: \"out/x.ron\", numbers: (first: 1, last: 9))])",
        )
        .unwrap_err();
        assert!(matches!(e, ProjectError::Escapes { .. }), "{e}");
    }

    #[test]
    fn ranges_must_be_sound_and_apart() {
        let dir = tempfile::tempdir().unwrap();
        let e = project(
            dir.path(),
            "(documents: [\n (path: \"a.ron\", numbers: (first: 1, last: 50)),\n (path: \"b.ron\", numbers: (first: 50, last: 60)),\n])",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains(":3:9: ") && e.contains("overlap"), "{e}");
        let e = project(
            dir.path(),
            "(documents: [(path: \"a.ron\", numbers: (first: 0, last: 5))])",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("not a range"), "{e}");
        let e = project(
            dir.path(),
            "(documents: [(path: \"a.ron\", numbers: (first: 1, last: 5)), (path: \"./a.ron\", numbers: (first: 6, last: 9))])",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("same file"), "{e}");
    }

    #[test]
    fn unknown_fields_and_bad_ron_name_the_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let e = project(dir.path(), "(\n  documents: [],\n  colour: \"red\",\n)")
            .unwrap_err()
            .to_string();
        assert!(e.contains("infradraft.ron:3:"), "{e}");
        let e = project(dir.path(), "(documents: [(path: 7)])")
            .unwrap_err()
            .to_string();
        assert!(e.contains("infradraft.ron:1:"), "{e}");
    }

    #[test]
    fn a_guard_keeps_new_numbers_in_the_range() {
        let doc = Document {
            declared: "b.ron".into(),
            path: PathBuf::from("/p/b.ron"),
            numbers: AdrRange {
                first: 100,
                last: 101,
            },
        };
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let mut s = Session::empty("t", "p", now);
        let guard = NumberGuard::enter(&mut s, &doc, Path::new("/p/infradraft.ron"));
        assert_eq!(s.allocate_adr(), AdrId(100));
        assert_eq!(s.allocate_adr(), AdrId(101));
        assert_eq!(guard.check(&s), Ok(()));
        // A third number is beyond the range: the guard refuses it.
        assert_eq!(s.allocate_adr(), AdrId(102));
        let mut c = crate::model::ComponentDesign::new("cache", "");
        c.decision = Some(crate::model::Decision {
            adr: Some(AdrId(102)),
            ..Default::default()
        });
        s.components.push(c);
        let e = guard.check(&s).unwrap_err();
        assert_eq!(e.adr, AdrId(102));
        assert!(e.to_string().contains("ADR-0100–ADR-0101"), "{e}");
        // Entering again never lowers the counter.
        let mut again = s.clone();
        NumberGuard::enter(&mut again, &doc, Path::new("/p/infradraft.ron"));
        assert_eq!(again.last_adr, 102);
    }
}
