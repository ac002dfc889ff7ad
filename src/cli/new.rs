//! `infradraft new`: a session from the project's input documents.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::args::NewArgs;
use super::output::chatter;
use super::{CliError, CliResult};
use crate::home::Home;
use crate::inputs::{discover, read_input};
use crate::knowledge::Template;
use crate::model::{InputDocument, InputKind, Session};
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::{NewSession, new_session};

pub fn run(args: NewArgs, home: &Home, theme: Option<String>, out: &mut dyn Write) -> CliResult {
    // What `new` has to say is printed once the session is written and remembered, so that a
    // reader that stops early (`| head`) never stops the work.
    let mut said = Vec::new();
    let result = write_session(&args, home, &mut said);
    let printed = out.write_all(&said);
    result?;
    printed?;
    if args.no_open || !super::interactive() {
        return Ok(());
    }
    out.flush()?;
    super::open(&args.output, home, theme)
}

fn write_session(args: &NewArgs, home: &Home, out: &mut Vec<u8>) -> CliResult {
    let now = crate::model::now();
    let inputs = gather_inputs(args, Path::new("."), now, out)?;
    let template = Template::for_new_session(&home.config_dir)?;
    let mut session = new_session(
        &template,
        NewSession {
            title: args.title.clone(),
            project: args.project.clone(),
            authors: args.authors.clone(),
            mode: args.mode.map(Into::into),
            inputs,
        },
        now,
    );
    if session.mode == Some(crate::model::InteractionMode::Yolo) {
        let (catalog, warnings) = crate::knowledge::Catalog::load(&home.config_dir);
        for w in warnings {
            writeln!(out, "warning: {}", sanitize_line(&w))?;
        }
        let n = crate::workflow::yolo::draft_all(&mut session, &template, &catalog, now);
        chatter(
            out,
            format_args!("drafted {n} decisions (YOLO): review them in the workbench"),
        )?;
    }
    store::create(&args.output, &session, args.force)?;
    chatter(out, written_line(&args.output, &session))?;
    if let Err(e) = store::remember(&home.recent_index(), &args.output, &session.meta.title, now) {
        writeln!(
            out,
            "warning: not added to the recent sessions: {}",
            sanitize_line(&e.to_string())
        )?;
    }
    Ok(())
}

/// The inputs: the sample, the files named by flags, or the conventional paths under `root`.
fn gather_inputs(
    args: &NewArgs,
    root: &Path,
    now: Timestamp,
    out: &mut Vec<u8>,
) -> Result<Vec<InputDocument>, CliError> {
    if args.sample {
        return Ok(crate::sample::inputs(now));
    }
    let mut named: Vec<(InputKind, PathBuf)> = [
        (InputKind::Prd, &args.prd),
        (InputKind::Architecture, &args.architecture),
        (InputKind::TechStack, &args.tech_stack),
        (InputKind::InfrastructureGuidelines, &args.guidelines),
    ]
    .into_iter()
    .filter_map(|(kind, path)| Some((kind, path.clone()?)))
    .collect();
    named.extend(args.inputs.iter().map(|p| (InputKind::Other, p.clone())));
    if named.is_empty() {
        named = discover(root);
        if named.is_empty() {
            chatter(
                out,
                format_args!(
                    "note: no input documents given or found (looked for {}); the session starts without inputs",
                    InputKind::ALL
                        .iter()
                        .filter_map(|k| k.conventional_path())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )?;
        }
    }
    named
        .into_iter()
        .map(|(kind, path)| read_input(&path, kind, now).map_err(CliError::from))
        .collect()
}

fn written_line(path: &Path, session: &Session) -> String {
    format!(
        "wrote {}: {} ({} input{}, {} sections, {} decisions, mode: {})",
        sanitize_line(&path.display().to_string()),
        sanitize_line(&session.meta.title),
        session.inputs.len(),
        if session.inputs.len() == 1 { "" } else { "s" },
        session.sections.len(),
        session.components.len(),
        session.mode.map(|m| m.label()).unwrap_or("to be chosen"),
    )
}
