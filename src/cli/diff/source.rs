//! Where `diff` takes its two sessions from: two files, a file and its version at a git
//! revision, or the seven arguments git gives an external diff driver.
//!
//! Every failure is a one-line [`CliError`] naming the file (or `REV:FILE`), with the store's
//! own wording for a file that cannot be read or is not a valid session.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::CliError;
use crate::cli::args::DiffArgs;
use crate::model::Session;
use crate::store;

/// One side of a comparison: what to call it and the session, if that side has one (git gives
/// `/dev/null` for the old side of an added file and the new side of a deleted one).
pub(crate) struct Side {
    pub name: String,
    pub session: Option<Session>,
}

/// The two sides, and the path git names when it is the driver.
pub(crate) struct Pair {
    pub old: Side,
    pub new: Side,
    /// The path in the repository, as git gives it to an external driver.
    pub git_path: Option<String>,
}

/// The file `--git REV` compares when none is given: what `infradraft new` writes by default.
const DEFAULT_FILE: &str = "infradraft-session.ron";

/// The sessions the arguments name.
pub(crate) fn sides(args: &DiffArgs) -> Result<Pair, CliError> {
    let files = &args.files;
    if args.git_external {
        return external(files);
    }
    if let Some(rev) = &args.git {
        let file = match files.as_slice() {
            [] => PathBuf::from(DEFAULT_FILE),
            [file] => file.clone(),
            _ => return Err(usage("--git REV takes at most one FILE")),
        };
        return Ok(Pair {
            old: Side {
                name: format!("{rev}:{}", file.display()),
                session: Some(at_revision(rev, &file)?),
            },
            new: from_file(&file)?,
            git_path: None,
        });
    }
    match files.as_slice() {
        [old, new] => Ok(Pair {
            old: from_file(old)?,
            new: from_file(new)?,
            git_path: None,
        }),
        _ => Err(usage("diff takes two session files, OLD NEW")),
    }
}

fn usage(what: &str) -> CliError {
    CliError(format!(
        "{what} (usage: infradraft diff OLD NEW | diff --git REV [FILE] | diff --git-external PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE)"
    ))
}

fn from_file(path: &Path) -> Result<Side, CliError> {
    Ok(Side {
        name: path.display().to_string(),
        session: Some(store::load(path)?.session),
    })
}

/// Parses session text read from somewhere other than its own file, naming it `label` in errors.
fn parse(label: &Path, bytes: &[u8]) -> Result<Session, CliError> {
    if bytes.len() as u64 > store::MAX_SESSION_BYTES {
        return Err(store::StoreError::TooLarge {
            path: label.to_path_buf(),
            size: bytes.len() as u64,
            limit: store::MAX_SESSION_BYTES,
        }
        .into());
    }
    let text = store::text_of(label, bytes)?;
    Ok(store::session_from_text(label, text)?.0)
}

/// The session `file` as committed at `rev`: `git show REV:./NAME`, run in the file's directory.
fn at_revision(rev: &str, file: &Path) -> Result<Session, CliError> {
    let label = PathBuf::from(format!("{rev}:{}", file.display()));
    if rev.is_empty() || rev.starts_with('-') {
        return Err(CliError(format!(
            "{}: not a revision: {rev:?}",
            label.display()
        )));
    }
    let name = file
        .file_name()
        .ok_or_else(|| CliError(format!("{}: not a file name", file.display())))?;
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let spec = format!("{rev}:./{}", name.to_string_lossy());
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", "--no-textconv", &spec])
        .output()
        .map_err(|e| {
            CliError(format!(
                "{}: cannot run git ({e}); --git needs git on the PATH",
                label.display()
            ))
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err
            .lines()
            .map(|l| l.trim_start_matches("fatal: ").trim())
            .find(|l| !l.is_empty())
            .unwrap_or("git show failed");
        return Err(CliError(format!("{}: {first}", label.display())));
    }
    parse(&label, &out.stdout)
}

/// git's external diff arguments: `PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE`,
/// and for a rename two more (the new path and git's note on it).
fn external(args: &[PathBuf]) -> Result<Pair, CliError> {
    let (path, old_file, old_hex, new_file, new_hex, new_path) = match args {
        [path, old_file, old_hex, _, new_file, new_hex, _] => {
            (path, old_file, old_hex, new_file, new_hex, path)
        }
        [
            path,
            old_file,
            old_hex,
            _,
            new_file,
            new_hex,
            _,
            new_path,
            _,
        ] => (path, old_file, old_hex, new_file, new_hex, new_path),
        _ => {
            return Err(usage(&format!(
                "--git-external takes git's 7 (or 9) arguments, not {}",
                args.len()
            )));
        }
    };
    let side = |file: &Path, hex: &Path, name: String| -> Result<Side, CliError> {
        let label = PathBuf::from(format!("{name} ({})", short_hex(hex)));
        let session = if file == Path::new("/dev/null") {
            None
        } else {
            let bytes = store::read_file(file, store::MAX_SESSION_BYTES).map_err(|_| {
                CliError(format!(
                    "{}: cannot read git's copy {}",
                    label.display(),
                    file.display()
                ))
            })?;
            Some(parse(&label, &bytes)?)
        };
        Ok(Side {
            name: label.display().to_string(),
            session,
        })
    };
    Ok(Pair {
        old: side(old_file, old_hex, format!("a/{}", path.display()))?,
        new: side(new_file, new_hex, format!("b/{}", new_path.display()))?,
        git_path: Some(new_path.display().to_string()),
    })
}

/// The first seven digits of a blob id; `worktree` for git's all-zero id of a file not in the
/// index, `none` for `.` (no file).
fn short_hex(hex: &Path) -> String {
    let hex = hex.to_string_lossy();
    if hex == "." {
        "none".into()
    } else if !hex.is_empty() && hex.bytes().all(|b| b == b'0') {
        "worktree".into()
    } else {
        hex.chars().take(7).collect()
    }
}
