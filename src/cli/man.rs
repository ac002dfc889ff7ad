//! `infradraft man [--out DIR]`: the manual pages, generated from the command line's own
//! definitions (clap_mangen), so they say exactly what `--help` says.
//!
//! Without `--out`, the main page (`infradraft.1`) goes to standard output, as a document: exact
//! bytes to a pipe or a file (`infradraft man > infradraft.1`), inert on a terminal. With
//! `--out DIR`, DIR (created when missing) gets `infradraft.1` and one page per subcommand,
//! nested ones included (`infradraft-new.1`, `infradraft-adr-supersede.1`, …); an existing page
//! of the same name is replaced, nothing else in DIR is touched. Every page is rendered in memory
//! before the first file is written, so a failure to render leaves DIR as it was; a failure to
//! write is one error naming the file.
//!
//! The pages are made from a fresh copy of the definitions: nothing here changes what `--help`
//! prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::{Cli, CliError, CliResult};

/// One manual page: its file name (`infradraft-new.1`) and its roff text.
#[derive(Debug)]
pub(crate) struct Page {
    pub file_name: String,
    pub roff: Vec<u8>,
}

/// Every page: the main one first, then the subcommands' in the order `--help` lists them, each
/// followed by its own subcommands. Hidden commands and clap's `help` get none.
pub(crate) fn pages() -> Result<Vec<Page>, CliError> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Building gives every subcommand its page name (`infradraft-new`).
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, &mut pages)?;
    Ok(pages)
}

fn collect(cmd: &clap::Command, pages: &mut Vec<Page>) -> Result<(), CliError> {
    // Every page comes from this program and version (clap_mangen would give a subcommand's
    // page its own name and no version).
    let man = clap_mangen::Man::new(cmd.clone())
        .source(format!("infradraft {}", env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    man.render(&mut roff).map_err(|e| {
        CliError(format!(
            "cannot render the manual page of {}: {e}",
            cmd.get_name()
        ))
    })?;
    pages.push(Page {
        file_name: man.get_filename(),
        roff: title_first(roff),
    });
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, pages)?;
    }
    Ok(())
}

/// The page with its `.TH` line first, as man-pages(7) asks: the roff crate opens every page
/// with the two lines that define the `Aq` string (an apostrophe), which then follow `.TH`.
fn title_first(roff: Vec<u8>) -> Vec<u8> {
    let Some(at) = roff.windows(4).position(|w| w == b"\n.TH") else {
        return roff;
    };
    let (preamble, rest) = roff.split_at(at + 1);
    let title_end = rest
        .iter()
        .position(|&b| b == b'\n')
        .map_or(rest.len(), |n| n + 1);
    let mut page = Vec::with_capacity(roff.len());
    page.extend_from_slice(&rest[..title_end]);
    page.extend_from_slice(preamble);
    page.extend_from_slice(&rest[title_end..]);
    page
}

pub fn run(out_dir: Option<&Path>, out: &mut dyn Write) -> CliResult {
    let pages = pages()?;
    let Some(dir) = out_dir else {
        out.write_all(&pages[0].roff)?;
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError(format!(
            "{}: cannot create the directory: {e}",
            dir.display()
        ))
    })?;
    for page in &pages {
        let path: PathBuf = dir.join(&page.file_name);
        std::fs::write(&path, &page.roff).map_err(|e| {
            CliError(format!(
                "{}: cannot write the manual page: {e}",
                path.display()
            ))
        })?;
    }
    super::output::chatter(
        out,
        format_args!("wrote {} manual pages to {}", pages.len(), dir.display()),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(args: &[&str]) -> String {
        match Cli::command().try_get_matches_from(args) {
            Err(e) => e.render().to_string(),
            Ok(_) => panic!("{args:?} is not a help request"),
        }
    }

    #[test]
    fn making_the_pages_leaves_help_as_it_was() {
        let asks: [&[&str]; 4] = [
            &["infradraft", "--help"],
            &["infradraft", "show", "--help"],
            &["infradraft", "adr", "supersede", "--help"],
            &["infradraft", "man", "-h"],
        ];
        let before: Vec<String> = asks.iter().map(|a| help(a)).collect();
        let pages = pages().unwrap();
        assert!(pages.len() > 20, "{}", pages.len());
        let after: Vec<String> = asks.iter().map(|a| help(a)).collect();
        assert_eq!(before, after);
        Cli::command().debug_assert();
    }

    #[test]
    fn every_visible_subcommand_has_a_page_named_after_it() {
        let pages = pages().unwrap();
        let names: Vec<&str> = pages.iter().map(|p| p.file_name.as_str()).collect();
        assert_eq!(names[0], "infradraft.1");
        for sub in Cli::command().get_subcommands() {
            let want = format!("infradraft-{}.1", sub.get_name());
            assert!(
                names.contains(&want.as_str()),
                "{want} missing from {names:?}"
            );
        }
        assert!(names.contains(&"infradraft-adr-supersede.1"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("-help")), "{names:?}");
        for page in &pages {
            let text = String::from_utf8(page.roff.clone()).unwrap();
            let first = text.lines().next().unwrap();
            assert!(
                first.starts_with(".TH infradraft"),
                "{}: {first}",
                page.file_name
            );
            assert_eq!(text.matches("\n.TH ").count(), 0, "{}", page.file_name);
            assert!(
                text.contains("\n.ds Aq") || text.contains("\n.ie "),
                "{}",
                page.file_name
            );
        }
    }
}
