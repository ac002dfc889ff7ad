//! Writes the large session of the performance budgets to a file, for whole-process measurements
//! (`scripts/measure-memory.sh`): `cargo run --release --example large_session -- OUT.ron [MB]`.

#[path = "../benches/large_session.rs"]
mod large_session;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "large.ron".into());
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let session = large_session::large_session(mb * large_session::MB);
    if let Err(e) = infradraft::store::save(std::path::Path::new(&out), &session) {
        eprintln!("large_session: {e}");
        std::process::exit(2);
    }
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!("wrote {out}: {size} bytes");
}
