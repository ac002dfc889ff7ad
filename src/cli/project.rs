//! The project file (`infradraft.ron`, see `infradraft_core::project`) at the command line.
//!
//! * Which project: `list`, `new` and `export` use the project that governs the current
//!   directory; a session's numbering uses the project that governs the session file's own
//!   directory, wherever the command runs, and only when that project lists the session.
//! * Shared settings are defaults: a flag given on the command line wins over the project file,
//!   which wins over the built-in default (see `new` and `export`).
//! * `list` in a project prints the project's documents first, then the recent sessions.
//! * `check --project [FILE]` checks every document and the numbers across them: exit 0 when
//!   every document passes and no number is given twice or outside its document's range, 1 when
//!   not, 2 when the project file or a document cannot be read (every readable document is still
//!   checked and reported).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::CliError;
use super::args::{CheckArgs, FormatArg};
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::model::Session;
use crate::project::{self, Document, NumberGuard, NumberReport, Project};
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::check::{CheckReport, check};

/// The project that governs the current directory, if any.
pub(super) fn here() -> Result<Option<Project>, CliError> {
    Ok(project::discover(Path::new("."))?)
}

/// The project that lists session file `session` (found from the session's own directory), and
/// its entry for the session; `None` when no project governs it or the project does not list it.
pub(super) fn of_session(session: &Path) -> Result<Option<(Project, Document)>, CliError> {
    let dir = match session.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Some(p) = project::discover(dir)? else {
        return Ok(None);
    };
    let doc = p.document_of(session).cloned();
    Ok(doc.map(|d| (p, d)))
}

/// Puts session `s`, read from `session`, under its project's numbering (when a project lists
/// it): its next decision number will be inside its range. Check the guard before saving.
pub(super) fn guard(session: &Path, s: &mut Session) -> Result<Option<NumberGuard>, CliError> {
    Ok(of_session(session)?.map(|(p, doc)| NumberGuard::enter(s, &doc, &p.file)))
}

/// Refuses (nothing is to be saved) when the change gave a number outside the document's range.
pub(super) fn check_guard(
    guard: Option<&NumberGuard>,
    session: &Path,
    s: &Session,
) -> Result<(), CliError> {
    match guard.map(|g| g.check(s)) {
        Some(Err(e)) => Err(CliError(format!("{}: {e}", session.display()))),
        _ => Ok(()),
    }
}

/// `list`'s part for the project: each document as the recent sessions are listed (path, then
/// title, mode, progress and last saved, or MISSING / UNREADABLE), with its decision numbers.
pub(super) fn list_documents(
    p: &Project,
    checklist: &Checklist,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(
        out,
        "project {} ({} document{})",
        sanitize_line(&p.file.display().to_string()),
        p.documents.len(),
        if p.documents.len() == 1 { "" } else { "s" }
    )?;
    for d in &p.documents {
        writeln!(out, "{}", sanitize_line(&d.declared))?;
        match store::peek(&d.path) {
            store::Peek::Missing => writeln!(out, "    MISSING  numbers {}", d.numbers)?,
            peeked => writeln!(
                out,
                "    {} · numbers {}",
                super::list::describe(&peeked, checklist),
                d.numbers
            )?,
        }
    }
    writeln!(out)?;
    writeln!(out, "recent sessions:")?;
    Ok(())
}

/// One document in `check --project`'s JSON.
#[derive(Serialize)]
struct DocumentResult {
    path: String,
    numbers: project::AdrRange,
    /// "checked", "missing" or "unreadable".
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<CheckReport>,
    passed: bool,
}

/// `check --project`'s JSON (`docs/schemas/check.schema.json`).
#[derive(Serialize)]
struct ProjectReport {
    version: u32,
    project: String,
    documents: Vec<DocumentResult>,
    numbers: NumberReport,
    passed: bool,
}

/// `check --project [FILE]`: `file` is the project file, else the one governing the current
/// directory.
pub(super) fn check_project(
    file: Option<PathBuf>,
    args: &CheckArgs,
    home: &Home,
    out: &mut dyn Write,
) -> Result<u8, CliError> {
    let p = match file {
        Some(f) => Project::load(&f)?,
        None => here()?.ok_or_else(|| {
            CliError(format!(
                "no project file ({}) in this directory or above it, up to the repository's root; pass its path to --project",
                project::PROJECT_FILE
            ))
        })?,
    };
    let (checklist, warnings) = Checklist::load(&home.config_dir);
    for w in warnings {
        super::diagnostic(format_args!("warning: {w}"));
    }
    let mut sessions: Vec<(usize, Session)> = Vec::new();
    let mut results = Vec::new();
    let mut unreadable = false;
    for (i, d) in p.documents.iter().enumerate() {
        let mut result = DocumentResult {
            path: d.declared.clone(),
            numbers: d.numbers,
            state: "checked",
            error: None,
            report: None,
            passed: false,
        };
        match store::load(&d.path) {
            Ok(loaded) => {
                let report = check(
                    &loaded.session,
                    &checklist,
                    args.min_pass,
                    args.require_finalized,
                );
                result.passed = report.passed;
                result.report = Some(report);
                sessions.push((i, loaded.session));
            }
            Err(e) => {
                unreadable = true;
                result.state = if matches!(e, crate::files::StoreError::NotFound { .. }) {
                    "missing"
                } else {
                    "unreadable"
                };
                result.error = Some(e.to_string());
            }
        }
        results.push(result);
    }
    let pairs: Vec<(&Document, &Session)> = sessions
        .iter()
        .map(|(i, s)| (&p.documents[*i], s))
        .collect();
    let numbers = project::numbers_across(&pairs);
    let passed = numbers.is_clean() && results.iter().all(|r| r.passed);
    let report = ProjectReport {
        version: super::check::JSON_VERSION,
        project: p.file.display().to_string(),
        documents: results,
        numbers,
        passed,
    };
    let status = if unreadable {
        2
    } else if passed {
        0
    } else {
        1
    };
    let written = match args.format {
        FormatArg::Text => out.write_all(text(&report).as_bytes()),
        FormatArg::Json => {
            let json = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError(format!("cannot write the report as JSON: {e}")))?;
            writeln!(out, "{}", super::check::escape_controls(&json))
        }
    };
    match written {
        Err(e) if super::output::is_closed_pipe(&e) => Ok(status),
        other => other.map(|()| status).map_err(CliError::from),
    }
}

fn text(r: &ProjectReport) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "project {}", sanitize_line(&r.project));
    for d in &r.documents {
        let _ = writeln!(
            out,
            "\n== {} (numbers {}) ==",
            sanitize_line(&d.path),
            d.numbers
        );
        match (&d.report, &d.error) {
            (Some(report), _) => out.push_str(&report.text()),
            (None, Some(e)) => {
                let _ = writeln!(out, "{}: {}", d.state.to_uppercase(), sanitize_line(e));
            }
            (None, None) => {}
        }
    }
    let _ = writeln!(out, "\n== decision numbers ==");
    for dup in &r.numbers.duplicates {
        let holders: Vec<String> = dup
            .holders
            .iter()
            .map(|h| {
                format!(
                    "{} ({})",
                    sanitize_line(&h.document),
                    sanitize_line(&h.component)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "error: {} is given in more than one document: {}",
            dup.adr,
            holders.join(", ")
        );
    }
    for o in &r.numbers.out_of_range {
        let _ = writeln!(
            out,
            "error: {} of {} ({}) is outside the document's numbers {}",
            o.adr,
            sanitize_line(&o.document),
            sanitize_line(&o.component),
            o.range
        );
    }
    let passing = r.documents.iter().filter(|d| d.passed).count();
    let _ = writeln!(
        out,
        "{}: {passing}/{} document(s) pass, {} duplicate number(s), {} number(s) outside their range",
        if r.passed { "PASS" } else { "FAIL" },
        r.documents.len(),
        r.numbers.duplicates.len(),
        r.numbers.out_of_range.len()
    );
    out
}
