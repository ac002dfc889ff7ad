//! Writes the large session of the performance budgets to a file, for whole-process measurements
//! (`scripts/measure-memory.sh`, `scripts/pty-latency`):
//! `cargo run --release --example large_session -- OUT.ron [SIZE] [--text FILE.md]`, where SIZE
//! is the section text in all, in megabytes (`10`) or kilobytes (`100k`); with `--text`, the
//! sections hold that Markdown file instead of the generated text.

#[path = "../benches/large_session.rs"]
mod large_session;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().cloned().unwrap_or_else(|| "large.ron".into());
    let text = args
        .iter()
        .position(|a| a == "--text")
        .and_then(|i| args.get(i + 1));
    let session = match text {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => large_session::large_session_of(&text),
            Err(e) => {
                eprintln!("large_session: {path}: {e}");
                std::process::exit(2);
            }
        },
        None => {
            let size = args.get(1).map(String::as_str).unwrap_or("1");
            let bytes = match size.strip_suffix('k') {
                Some(kb) => kb.parse::<usize>().ok().map(|n| n * large_session::KB),
                None => size.parse::<usize>().ok().map(|n| n * large_session::MB),
            };
            let Some(bytes) = bytes else {
                eprintln!("large_session: {size}: not a size such as 10 or 100k");
                std::process::exit(2);
            };
            large_session::large_session(bytes)
        }
    };
    if let Err(e) = infradraft::store::save(std::path::Path::new(&out), &session) {
        eprintln!("large_session: {e}");
        std::process::exit(2);
    }
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!("wrote {out}: {size} bytes");
}
