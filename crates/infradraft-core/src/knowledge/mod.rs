//! The knowledge the tool ships with in `assets/`, loaded once and validated: the document
//! template, the option catalog and the checklist, and the knowledge that used to be code and is
//! data a team extends with its own files in the configuration directory: reading the inputs
//! (`extraction/`), judging options (`fit_rules`), runbooks, the security question bank
//! (`security_bank`), the worksheets' prefill hints (`prefill_hints`), the story and refinement
//! rules (`story_rules`, `refine_rules`) and their provider terms (`story_terms`), and the products
//! the diagrams draw (`diagram_products`). Each reports a problem as `file:line:col: what`.

mod capabilities;
mod catalog;
pub mod checklist;
pub mod diagram_products;
pub mod extraction;
pub mod fit_rules;
pub mod prefill_hints;
pub mod refine_rules;
pub mod runbooks;
pub mod security_bank;
pub mod story_rules;
pub mod story_terms;
pub mod tags;
mod template;

pub use catalog::{
    Catalog, CatalogFile, CatalogOption, CatalogRatings, HOSTING_TARGETS, Realisation,
    SharedCatalog, target_label,
};
pub use template::{
    DecisionSpec, Derived, FigureKind, TEAM_FILE, Template, TemplateDecision, TemplateError,
    TemplateSection, TemplateSubsection, italic,
};

static CONFIG_DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Says where a team's own knowledge files are (the configuration directory). Each kind of
/// knowledge (extraction, ranking rules, runbooks, story terms and rules, the security question
/// bank, prefill hints, diagram products) is then loaded with the team's
/// files the first time something uses it, so a command that needs none of it (`render`) pays
/// nothing for it. Only the first call has an effect; without one, the built-in files alone are
/// used.
pub fn use_config_dir(dir: &std::path::Path) {
    let _ = CONFIG_DIR.set(dir.to_path_buf());
}

/// The directory given to [`use_config_dir`].
pub(crate) fn config_dir() -> Option<&'static std::path::Path> {
    CONFIG_DIR.get().map(std::path::PathBuf::as_path)
}

/// Why team files were left out, for every kind of knowledge loaded on first use; loads them all
/// if they were not yet.
pub fn team_file_warnings() -> Vec<String> {
    extraction::install_warnings()
        .iter()
        .chain(fit_rules::install_warnings())
        .chain(runbooks::install_warnings())
        .chain(story_terms::install_warnings())
        .chain(security_bank::install_warnings())
        .chain(story_rules::install_warnings())
        .chain(refine_rules::install_warnings())
        .chain(prefill_hints::install_warnings())
        .chain(diagram_products::install_warnings())
        .cloned()
        .collect()
}

/// Knowledge installed once per process: the built-in files with the team's from the config
/// directory the command line named ([`use_config_dir`]), or the built-in files alone; and why
/// team files were left out. A loader declares one as a `static` with its built-in loader (whose
/// files are tested to load) and its team loader.
pub(crate) struct Installed<T: 'static> {
    /// What it holds, for the message of a build defect ("story rules").
    what: &'static str,
    builtin: fn() -> Result<T, String>,
    load: fn(&std::path::Path) -> (Option<T>, Vec<String>),
    value: std::sync::OnceLock<T>,
    warnings: std::sync::OnceLock<Vec<String>>,
}

impl<T: Send + Sync> Installed<T> {
    pub(crate) const fn new(
        what: &'static str,
        builtin: fn() -> Result<T, String>,
        load: fn(&std::path::Path) -> (Option<T>, Vec<String>),
    ) -> Installed<T> {
        Installed {
            what,
            builtin,
            load,
            value: std::sync::OnceLock::new(),
            warnings: std::sync::OnceLock::new(),
        }
    }

    /// The installed knowledge, loaded the first time it is asked for.
    pub(crate) fn get(&'static self) -> &'static T {
        self.value.get_or_init(|| {
            let (loaded, warnings) = match config_dir() {
                Some(dir) => (self.load)(dir),
                None => ((self.builtin)().ok(), Vec::new()),
            };
            let _ = self.warnings.set(warnings);
            loaded.unwrap_or_else(|| {
                // The built-in files are tested to load; this is a build defect, not a user error.
                (self.builtin)()
                    .unwrap_or_else(|e| panic!("the built-in {} failed to load: {e}", self.what))
            })
        })
    }

    /// Why team files were left out when it was installed (empty when all loaded).
    pub(crate) fn warnings(&'static self) -> &'static [String] {
        self.get();
        self.warnings.get().map_or(&[], Vec::as_slice)
    }
}

/// The first placeholder (`{section}`) of a knowledge file's text that is not in `allowed`, or an
/// unclosed `{`: such a text would reach the output as written.
pub(crate) fn bad_placeholder<'t>(text: &'t str, allowed: &[&str]) -> Option<&'t str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let from = &rest[open..];
        match from.find('}') {
            Some(close) if allowed.contains(&&from[..=close]) => rest = &from[close + 1..],
            Some(close) => return Some(&from[..=close]),
            None => return Some(from),
        }
    }
    None
}

/// The section and decision ids a knowledge file may name: those of the built-in template and,
/// when `config_dir` holds a team template that loads, those of the team's too (a session may have
/// been made from either).
pub(crate) fn template_ids(config_dir: Option<&std::path::Path>) -> Vec<String> {
    let team = config_dir.and_then(|dir| Template::team(dir).ok().flatten());
    let mut ids: Vec<String> = Vec::new();
    for template in Template::builtin().ok().iter().chain(team.iter()) {
        let sections = template.sections.iter().map(|s| s.id.as_str());
        let decisions = template.decisions().map(|d| d.id);
        for id in sections.chain(decisions) {
            if !ids.iter().any(|known| known == id) {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

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
                crate::files::read_settings(&path).map_err(|e| format!("{}: {e}", path.display()));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_knowledge_file_loads_and_no_team_file_is_left_out() {
        extraction::builtin().unwrap();
        fit_rules::builtin().unwrap();
        runbooks::Runbooks::builtin().unwrap();
        story_terms::StoryTerms::builtin().unwrap();
        security_bank::builtin().unwrap();
        story_rules::builtin().unwrap();
        refine_rules::builtin().unwrap();
        prefill_hints::builtin().unwrap();
        diagram_products::builtin().unwrap();
        assert_eq!(team_file_warnings(), Vec::<String>::new());
    }
}
