//! Compiles the syntaxes in `assets/syntaxes/` into one syntect syntax set, written as a binary
//! dump that the preview loads at run time (`preview::highlight`). Building a set from its YAML
//! sources compresses every context, which took several milliseconds per process; loading a dump
//! takes a fraction of one. A syntax that does not load stops the build, naming its file.

use std::path::{Path, PathBuf};

use syntect::parsing::{SyntaxDefinition, SyntaxSetBuilder};

fn main() {
    let dir = Path::new("../../assets/syntaxes");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.extension().is_some_and(|ext| ext == "sublime-syntax"))
        .collect();
    files.sort();
    let mut builder = SyntaxSetBuilder::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let stem = file.file_stem().and_then(|s| s.to_str());
        let definition = SyntaxDefinition::load_from_str(&text, true, stem)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        builder.add(definition);
    }
    let set = builder.build();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let dump = out.join("syntaxes.packdump");
    syntect::dumps::dump_to_uncompressed_file(&set, &dump)
        .unwrap_or_else(|e| panic!("{}: {e}", dump.display()));
}
