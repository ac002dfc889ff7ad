//! `config.ron` in the config directory: the person's own settings. A session file never carries
//! any of these.

use std::path::Path;

use serde::Deserialize;

use super::settings_from_str;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The theme to start with (a built-in name or a file in `<config>/themes/`).
    pub theme: String,
    /// Seconds between autosaves while there are unsaved changes; 0 turns autosave off.
    pub autosave_seconds: u64,
    /// Wrap long lines in the editor.
    pub soft_wrap: bool,
    /// An external assistant command worksheets may ask for suggestions; none by default.
    pub assistant: Option<crate::assistant::AssistantConfig>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: "dark".into(),
            autosave_seconds: 30,
            soft_wrap: true,
            assistant: None,
        }
    }
}

impl Config {
    /// Reads `<config>/config.ron`; a missing file gives the defaults, a broken one the defaults and
    /// a warning.
    pub fn load(config_dir: &Path) -> (Config, Option<String>) {
        let path = config_dir.join("config.ron");
        match crate::files::read_settings(&path) {
            Ok(text) => match settings_from_str(&text) {
                Ok(config) => (config, None),
                Err(e) => (
                    Config::default(),
                    Some(format!(
                        "{}:{}: {}; using the defaults",
                        path.display(),
                        e.span.start,
                        e.code
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => (
                Config::default(),
                Some(format!("{}: {e}; using the defaults", path.display())),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_config_keeps_other_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.ron"), "(autosave_seconds: 5)").unwrap();
        let (c, w) = Config::load(dir.path());
        assert_eq!(w, None);
        assert_eq!(c.autosave_seconds, 5);
        assert_eq!(c.theme, "dark");
        std::fs::write(dir.path().join("config.ron"), "(autosave: 5)").unwrap();
        let (c, w) = Config::load(dir.path());
        assert_eq!(c, Config::default());
        assert!(w.unwrap().contains("config.ron:1:"));
    }
}
