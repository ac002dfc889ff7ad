use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use infradraft::cli::{Cli, diagnostic, parse_error, run};

fn main() -> ExitCode {
    // Started as the diagram worker (by this program, to draw Mermaid diagrams out of process):
    // serve and exit, before anything else is loaded.
    infradraft::preview::serve_if_worker();
    if let Ok(exe) = std::env::current_exe() {
        infradraft::preview::use_worker_executable(exe);
    }
    // A file-size limit must surface as a write error the store reports, not kill the process.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" at startup, before any threads exist.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    // SIGPIPE stays ignored (Rust's default): a closed pipe is a write error that `run` turns
    // into a quiet end, and the workbench is never killed by one.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(parse_error(e)),
    };
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut stdout = stdout.lock();
    match run(cli, &mut stdout, terminal) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            drop(stdout);
            diagnostic(format_args!("infradraft: {e}"));
            ExitCode::from(2)
        }
    }
}
