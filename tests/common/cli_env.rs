//! The command-line tests' sandbox: a temporary directory that is the current directory and
//! `INFRADRAFT_HOME` of every run of the real binary, in UTC.

use std::path::PathBuf;
use std::process::{Command, Output};

use infradraft::model::Session;
use infradraft::store;

pub struct CliEnv {
    pub dir: tempfile::TempDir,
}

impl CliEnv {
    pub fn new() -> CliEnv {
        CliEnv {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary, ready to run here (colour settings and backtraces of the caller removed).
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_infradraft"));
        cmd.env("INFRADRAFT_HOME", self.path("home"))
            .env("TZ", "UTC")
            .env_remove("NO_COLOR")
            .env_remove("RUST_BACKTRACE")
            .current_dir(self.dir.path());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// A new session on the sample project at `name`, as `new --sample --no-open` makes it (and
    /// remembers it among the recent sessions).
    pub fn sample(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        let o = self.run(&["new", "--sample", "--no-open", "-o", path.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        path
    }

    /// `s` written at `name` (not remembered).
    pub fn write(&self, name: &str, s: &Session) -> PathBuf {
        let path = self.path(name);
        store::save(&path, s).unwrap();
        path
    }

    /// `s` written at `name` and remembered among the recent sessions.
    pub fn remembered(&self, name: &str, s: &Session) -> PathBuf {
        let path = self.sample(name);
        store::save(&path, s).unwrap();
        path
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON Schema `docs/schemas/<name>.schema.json`, compiled.
pub fn validator(name: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("docs/schemas/{name}.schema.json"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// Parses a command's standard output as JSON and validates it against the schema `name`
/// (failing the test with every error when it does not hold).
pub fn valid_json(name: &str, o: &Output) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(o), stderr(o)));
    let errors: Vec<String> = validator(name)
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name} schema: {errors:#?}\n{value:#}");
    value
}
