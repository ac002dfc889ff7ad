use std::process::ExitCode;

use clap::Parser;
use infradraft::cli::{Cli, run};

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
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    match run(cli, &mut stdout) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            drop(stdout);
            eprintln!("infradraft: {e}");
            ExitCode::from(2)
        }
    }
}
