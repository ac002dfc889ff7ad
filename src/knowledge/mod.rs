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
