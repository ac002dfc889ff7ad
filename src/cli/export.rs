//! `infradraft export`: the finished document, and optionally its decision records.

use std::io::Write;
use std::path::Path;

use super::args::ExportArgs;
use super::{CliError, CliResult, diagnostic};
use crate::export::{ExportContext, adrs, document};
use crate::home::Home;
use crate::knowledge::checklist::Checklist;
use crate::store;

pub fn run(args: ExportArgs, home: &Home, out: &mut dyn Write) -> CliResult {
    let session = store::load(&args.session)?.session;
    let (checklist, warnings) = Checklist::load(&home.config_dir);
    for w in warnings {
        diagnostic(format_args!("warning: {w}"));
    }
    let (template, warning) =
        crate::knowledge::Template::for_session(&home.config_dir, &session.meta.template);
    if let Some(w) = warning {
        diagnostic(format_args!("warning: {w}"));
    }
    let text = if args.stories_only {
        crate::export::stories_markdown(&session)
    } else {
        document(
            &session,
            &ExportContext {
                checklist: Some(&checklist),
                template: Some(&template),
                precomputed: Default::default(),
            },
        )
    };
    // Every file is written before anything is printed, so that a reader that stops early
    // (`| head`) never leaves the export half done.
    let mut lines = Vec::new();
    if let Some(path) = &args.output {
        write_file(path, text.as_bytes())?;
        lines.push(format!("wrote {}", path.display()));
    }
    if let Some(dir) = &args.adr_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError(format!("{}: cannot create: {e}", dir.display())))?;
        let records = adrs(&session);
        write_records(dir, &records)?;
        let line = format!(
            "wrote {} decision record(s) to {}",
            records.len(),
            dir.display()
        );
        if args.output.is_some() {
            lines.push(line);
        } else {
            diagnostic(line);
        }
    }
    if args.output.is_none() {
        out.write_all(text.as_bytes())?;
    }
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Writes the decision records into `dir` and nowhere else: each name must be a plain file name
/// (they are slugs, made from ids that were checked when the session was loaded), and a link,
/// FIFO or device already at a record's name is refused rather than written through.
fn write_records(dir: &Path, records: &[(String, String)]) -> CliResult {
    for (name, md) in records {
        store::write_in_dir(dir, name, md.as_bytes(), store::WriteOptions::DOCUMENT)
            .map_err(|e| CliError(format!("{}: cannot write: {e}", dir.join(name).display())))?;
    }
    Ok(())
}

/// Writes the exported document to `path`, the file the person named with `-o`. A terminal gets
/// it inertly; a device or FIFO (`-o /dev/stdout`, also through a link such as `/dev/stdout`
/// itself) is written to directly; a file is replaced atomically. A symbolic link to anything
/// else is refused, not followed: a checkout can carry one that points outside the project.
fn write_file(path: &Path, bytes: &[u8]) -> CliResult {
    let err = |e| CliError(format!("{}: cannot write: {e}", path.display()));
    if let Some(mut terminal) = terminal_at(path) {
        // `-o /dev/tty`: a terminal, so the document is shown inertly, as on stdout.
        let mut inert = crate::text::InertWriter::new(&mut terminal);
        return inert
            .write_all(bytes)
            .and_then(|()| inert.flush())
            .map_err(err);
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return store::write_to_device(path, bytes).map_err(err);
    }
    store::write_atomic(path, bytes, store::WriteOptions::DOCUMENT).map_err(err)
}

/// The terminal `path` names (`/dev/tty`, `/dev/stdout` on a terminal), opened for writing.
fn terminal_at(path: &Path) -> Option<std::fs::File> {
    use std::io::IsTerminal;
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    let file = store::open_device(path).ok()?;
    file.is_terminal().then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ComponentDesign, Decision, OptionCard, Section, Session};

    fn decided(id: &str) -> Session {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let mut s = Session::empty("T", "P", now);
        s.sections.push(Section::new(id, "Escape"));
        let mut c = ComponentDesign::new(id, "");
        c.options.push(OptionCard::named("a", "A"));
        c.decision = Some(Decision {
            option: "a".into(),
            justification: "it fits".into(),
            decided_at: now,
            considered: vec!["a".into()],
            acknowledged_conflicts: Vec::new(),
        });
        s.components.push(c);
        s
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// Loading refuses such an id; the writer must hold even when handed one.
    #[cfg(unix)]
    #[test]
    fn the_record_writer_stays_in_its_directory_whatever_the_id() {
        let root = tempfile::tempdir().unwrap();
        let adr = root.path().join("project/docs/adr");
        std::fs::create_dir_all(&adr).unwrap();
        let outside = root.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        // What a repository can ship: a directory and a link named like a record.
        std::fs::create_dir(adr.join("0001-x")).unwrap();
        std::os::unix::fs::symlink(&outside, adr.join("0001-y")).unwrap();
        for id in ["x/../../../pwned-by-adr", "y/../../../../outside/pwned"] {
            let records = adrs(&decided(id));
            assert_eq!(records.len(), 1);
            write_records(&adr, &records).unwrap();
        }
        assert_eq!(
            names(&adr),
            [
                "0001-x",
                "0001-x-pwned-by-adr.md",
                "0001-y",
                "0001-y-outside-pwned.md"
            ]
        );
        assert!(names(&outside).is_empty());
        assert_eq!(names(&root.path().join("project")), ["docs"]);
        assert_eq!(names(root.path()), ["outside", "project"]);
        // A name that is not a plain file name is refused outright.
        for bad in ["../escape.md", "a/b.md", "..", ".", ""] {
            let records = vec![(bad.to_string(), "x".to_string())];
            assert!(write_records(&adr, &records).is_err(), "{bad:?}");
        }
        assert_eq!(names(&root.path().join("project/docs")), ["adr"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_a_records_name_is_refused_and_its_target_left_alone() {
        let root = tempfile::tempdir().unwrap();
        let victim = root.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let adr = root.path().join("adr");
        std::fs::create_dir(&adr).unwrap();
        let records = adrs(&decided("compute"));
        std::os::unix::fs::symlink(&victim, adr.join(&records[0].0)).unwrap();
        let err = write_records(&adr, &records).unwrap_err().0;
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }
}
