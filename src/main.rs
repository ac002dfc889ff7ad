use std::process::ExitCode;

use clap::Parser;
use infradraft::cli::{Cli, run};

fn main() -> ExitCode {
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
