//! `infradraft import`: an existing document becomes a session.

use std::io::Write;
use std::path::PathBuf;

use super::CliResult;
use super::args::ImportArgs;
use super::output::chatter;
use crate::home::Home;
use crate::inputs::read_input;
use crate::knowledge::Template;
use crate::model::InputKind;
use crate::store;
use crate::text::sanitize_line;
use crate::workflow::import::import;

pub fn run(args: ImportArgs, home: &Home, out: &mut dyn Write) -> CliResult {
    let now = crate::model::now();
    let input = read_input(&args.document, InputKind::Other, now)?;
    let template = Template::for_new_session(&home.config_dir)?;
    let (mut session, report) = import(&template, input, now);
    let (catalog, warnings) = crate::knowledge::Catalog::load(&home.config_dir);
    for w in warnings {
        super::diagnostic(format_args!("warning: {w}"));
    }
    let document = session
        .inputs
        .first()
        .map(|i| i.text.clone())
        .unwrap_or_default();
    // A document infradraft exported carries its requirements and facts in a part of their own.
    let reading = crate::workflow::read_requirements::restore_requirements(&mut session, &document);
    let restored = crate::workflow::read_back::restore_choices(&mut session, &catalog, now);
    let stories = crate::workflow::read_back::restore_stories(&mut session, &document);
    let output = args.output.clone().unwrap_or_else(|| {
        let stem = args
            .document
            .file_stem()
            .map_or("imported".into(), |s| s.to_string_lossy().into_owned());
        PathBuf::from(format!("{stem}.ron"))
    });
    store::create(&output, &session, args.force)?;
    // Remembered before anything is printed: a reader that stops early never stops the work.
    let remembered = store::remember(&home.recent_index(), &output, &session.meta.title, now);
    for (heading, id) in &report.matched {
        chatter(out, format_args!("  {:<40} → {id}", sanitize_line(heading)))?;
    }
    for heading in &report.kept {
        chatter(
            out,
            format_args!("  {:<40} → kept as its own section", sanitize_line(heading)),
        )?;
    }
    let requirements = match reading {
        Some(r) => format!(
            ", {} requirement(s) and {} fact(s) read from its Requirements part",
            r.requirements, r.facts
        ),
        None => String::new(),
    };
    chatter(
        out,
        format_args!(
            "wrote {}: {} section(s) matched to the template, {} kept, {} diagram(s), {} decision(s), {} recommendation(s) and {} stories read back{requirements}",
            sanitize_line(&output.display().to_string()),
            report.matched.len(),
            report.kept.len(),
            report.diagrams,
            restored.decisions,
            restored.recommendations,
            stories
        ),
    )?;
    if let Err(e) = remembered {
        writeln!(
            out,
            "warning: not added to the recent sessions: {}",
            sanitize_line(&e.to_string())
        )?;
    }
    Ok(())
}
