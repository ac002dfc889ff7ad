//! The knowledge the tool ships with in `assets/`: the document template (and, as later stages
//! arrive, the option catalog and the checklist), loaded once and validated.

mod capabilities;
mod catalog;
pub mod checklist;
pub mod extraction;
pub mod fit_rules;
pub mod runbooks;
pub mod story_terms;
pub mod tags;
mod template;

pub use catalog::{
    Catalog, CatalogFile, CatalogOption, CatalogRatings, HOSTING_TARGETS, Realisation, target_label,
};
pub use template::{
    DecisionSpec, Derived, FigureKind, TEAM_FILE, Template, TemplateDecision, TemplateError,
    TemplateSection, TemplateSubsection, italic,
};

/// A team's own files of one kind, `<config>/<kind>/*.ron`, in name order, each with its text or a
/// one-line error naming it. No directory means no files.
pub(crate) fn team_files(
    config_dir: &std::path::Path,
    kind: &str,
) -> Vec<(std::path::PathBuf, Result<String, String>)> {
    let Ok(entries) = std::fs::read_dir(config_dir.join(kind)) else {
        return Vec::new();
    };
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text =
                crate::store::read_settings(&path).map_err(|e| format!("{}: {e}", path.display()));
            (path, text)
        })
        .collect()
}

/// Knowledge of one kind as a process uses it: the built-in files with a team's
/// `<config>/<kind>/*.ron` added (those whose file name `wanted` accepts), and one warning per team
/// file left out (`add` adds nothing from a file it refuses). `None` when the built-in files do
/// not load, which the warnings then say.
pub(crate) fn with_team_files<T>(
    builtin: Result<T, String>,
    config_dir: &std::path::Path,
    kind: &str,
    wanted: impl Fn(&str) -> bool,
    mut add: impl FnMut(&mut T, &std::path::Path, &str) -> Result<(), String>,
) -> (Option<T>, Vec<String>) {
    let mut all = match builtin {
        Ok(all) => all,
        Err(e) => return (None, vec![e]),
    };
    let mut warnings = Vec::new();
    for (path, text) in team_files(config_dir, kind) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !wanted(&name) {
            continue;
        }
        if let Err(e) = text.and_then(|text| add(&mut all, &path, &text)) {
            warnings.push(format!("{e}; file skipped"));
        }
    }
    (Some(all), warnings)
}
