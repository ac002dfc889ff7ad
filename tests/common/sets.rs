//! The input sets of `tests/fixtures/inputs*/`: each a directory of a project's documents, read
//! into a session the way `new` reads them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use infradraft::knowledge::Template;
use infradraft::model::{InputKind, Session};
use infradraft::workflow::{NewSession, new_session};
use jiff::Timestamp;

/// `tests/fixtures/<name>`.
pub fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The kind of input a set's file is, by its conventional name.
pub fn kind_of(file: &str) -> Option<InputKind> {
    Some(match file {
        "prd.md" => InputKind::Prd,
        "architecture.md" => InputKind::Architecture,
        "tech-stack.md" => InputKind::TechStack,
        "guidelines.md" => InputKind::InfrastructureGuidelines,
        _ => return None,
    })
}

/// The set directories under `root` that hold `marker`, by name.
pub fn sets_with(root: &Path, marker: &str) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).expect("the set directory") {
        let dir = entry.unwrap().path();
        if dir.join(marker).is_file() {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, dir));
        }
    }
    out.sort();
    out
}

/// The session `new` makes from a set's documents (paths kept as the bare file names).
pub fn read_set(dir: &Path) -> Session {
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let mut inputs = Vec::new();
    for file in [
        "prd.md",
        "architecture.md",
        "tech-stack.md",
        "guidelines.md",
    ] {
        let path = dir.join(file);
        if path.is_file() {
            let kind = kind_of(file).unwrap();
            let mut doc = infradraft::inputs::read_input(&path, kind, now).unwrap();
            doc.path = file.to_string();
            inputs.push(doc);
        }
    }
    new_session(
        &Template::builtin().unwrap(),
        NewSession {
            title: None,
            project: None,
            authors: vec![],
            mode: None,
            inputs,
        },
        now,
    )
}

/// The bundled sample project as a new session, YOLO-drafted from `catalog` at a fixed time.
pub fn drafted_sample(catalog: &infradraft::knowledge::Catalog) -> Session {
    let template = Template::builtin().unwrap();
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let mut s = new_session(
        &template,
        NewSession {
            title: None,
            project: None,
            authors: vec![],
            mode: None,
            inputs: infradraft::sample::inputs(now),
        },
        now,
    );
    infradraft::workflow::yolo::draft_all(&mut s, &template, catalog, now);
    s
}
