//! The person's own settings, read from the config directory and never from a session: the
//! program's options (`config.ron`) and the themes (`themes/*.ron`, built in and the person's). The
//! workbench and `render` read them alike.

pub mod config;
pub mod theme;

pub use config::Config;

/// Parses a settings file (theme, keymap, config): RON where `Option` fields may be written
/// without `Some(…)`.
pub fn settings_from_str<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
}

/// Whether colour is wanted: off when `NO_COLOR` is set to anything non-empty.
pub fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
