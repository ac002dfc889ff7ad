//! Every file shipped in `assets/` (and `themes/`) is compiled into the program: a file added to a
//! folder but to no `include_str!` list would be silently ignored. The syntaxes are compiled as a
//! whole folder by `build.rs`, so they need no list.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut BTreeSet<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.insert(path);
        }
    }
}

/// The files the Rust sources include with `include_str!` / `include_bytes!`, resolved against
/// the including file, canonical.
fn included(root: &Path) -> BTreeSet<PathBuf> {
    let mut sources = BTreeSet::new();
    files_under(&root.join("src"), &mut sources);
    files_under(&root.join("crates/infradraft-core/src"), &mut sources);
    let mut out = BTreeSet::new();
    for source in sources
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let text = std::fs::read_to_string(source).unwrap();
        for marker in ["include_str!(\"", "include_bytes!(\""] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                let Some(end) = rest.find('"') else { break };
                let target = source.parent().unwrap().join(&rest[..end]);
                if let Ok(path) = target.canonicalize() {
                    out.insert(path);
                }
            }
        }
    }
    out
}

#[test]
fn every_shipped_asset_is_compiled_in() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let included = included(root);
    let mut shipped = BTreeSet::new();
    files_under(&root.join("assets"), &mut shipped);
    files_under(&root.join("themes"), &mut shipped);
    let syntaxes = root.join("assets/syntaxes").canonicalize().unwrap();
    let missing: Vec<_> = shipped
        .iter()
        .map(|p| p.canonicalize().unwrap())
        .filter(|p| !p.starts_with(&syntaxes))
        .filter(|p| !included.contains(p))
        .collect();
    assert!(
        missing.is_empty(),
        "shipped but never compiled in (add them to their include list): {missing:#?}"
    );
    // The scan itself finds what it should: the catalog, the checklist, the guide, and the
    // knowledge that used to be constants (worksheets, story rules, diagrams, sentences).
    for known in [
        "assets/catalog/compute-resources.ron",
        "assets/checklist/networking.ron",
        "assets/guide.md",
        "themes/dark.ron",
        "assets/worksheets/security.ron",
        "assets/worksheets/prefill.ron",
        "assets/stories/rules.ron",
        "assets/stories/refine.ron",
        "assets/diagrams/products.ron",
        "assets/extraction/sentences.ron",
    ] {
        assert!(
            included.contains(&root.join(known).canonicalize().unwrap()),
            "{known} not seen by the scan"
        );
    }
}
