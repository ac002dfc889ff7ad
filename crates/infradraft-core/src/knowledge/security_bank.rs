//! The question bank of the security and compliance worksheet ("Security & Compliance Deep Dive",
//! step e of a component's design), as data: `assets/worksheets/security.ron`, built in, and a
//! team's `<config>/worksheets/security*.ron`, which add to it. The worksheet itself
//! ([`crate::analysis::worksheet::security`]) asks the questions; this module holds and checks
//! them.
//!
//! # Shape
//! ```ron
//! SecurityBank(
//!     sections: [
//!         Section(id: "network-architecture", questions: [
//!             Question(text: "Is every data store reachable only from private networks?", severity: Critical),
//!         ]),
//!     ],
//!     generic: [Question(text: "Is there a named owner for the security of {title}?", severity: Low)],
//!     unknown_regime: Some(Question(text: "Which {regime} requirements apply to {title}?", severity: Medium)),
//!     regimes: [
//!         Regime(name: "PCI DSS", keys: ["pci"], questions: [
//!             RegimeQuestion(text: "Is the cardholder data environment segmented?", severity: Critical, sections: ["network-architecture"]),
//!         ]),
//!     ],
//! )
//! ```
//! - `sections`: the general questions of a template section or decision, by its id, in the order
//!   they are asked. A section or decision not listed gets the `generic` questions.
//! - `unknown_regime`: the one question for a regime in scope that no regime of the bank
//!   recognises; `{regime}` in it is the regime's name as the session gives it.
//! - `regimes`: a regime's display name, its `keys` and its questions. A regime in scope is
//!   recognised by its name reduced to lower-case letters and digits ([`normalise`]: `"PCI-DSS
//!   v4.0"` → `"pcidssv40"`) containing a key; the first regime that matches wins. A question with
//!   `sections` is asked only for those sections or decisions, one without for every section.
//! - `{title}` in any question becomes the section's title; `severity` is a [`GapSeverity`].
//!
//! # Checks
//! Every problem is reported as `file:line:col: what`, and a file with one adds nothing: a question
//! without text or with a placeholder other than `{title}` (and `{regime}` in `unknown_regime`); a
//! section id that is not kebab-case, or that the template does not have (the built-in template's
//! ids, and the team template's when there is one); a regime without a name, a new regime without
//! keys or questions, a key not written as [`normalise`] writes it (it could never match). The
//! built-in bank must also have generic questions and an `unknown_regime` question.
//!
//! # A team's files
//! In `<config>/worksheets/`, named `security*.ron`, in file-name order, in the same shape with
//! every field optional: a section already in the bank gets the new questions after its own (a new
//! id gets its own questions instead of the generic ones), `generic` questions are added to the
//! generic set, `unknown_regime` replaces the built-in one, a regime of a name already in the bank
//! gets the new keys and questions, and a new regime is added after the others. A file with a
//! problem is left out with a warning ([`install_warnings`]).
//!
//! The bank is loaded once per process, the first time [`security_bank`] is called.

use std::path::Path;

use super::Installed;

use serde::Deserialize;

use super::bad_placeholder;
use super::extraction::{is_blank_string, position_of, position_of_field};
use crate::files::from_ron;
use crate::model::GapSeverity;

const PATH: &str = "assets/worksheets/security.ron";
const BUILTIN: &str = include_str!("../../../../assets/worksheets/security.ron");

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "SecurityBank", deny_unknown_fields, default)]
struct BankFile {
    sections: Vec<SectionEntry>,
    generic: Vec<Question>,
    unknown_regime: Option<Question>,
    regimes: Vec<RegimeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Section", deny_unknown_fields)]
struct SectionEntry {
    id: String,
    questions: Vec<Question>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Regime", deny_unknown_fields)]
struct RegimeEntry {
    name: String,
    #[serde(default)]
    keys: Vec<String>,
    #[serde(default)]
    questions: Vec<RegimeQuestion>,
}

/// A general question: its text (`{title}` is the section's title) and how serious a gap it
/// reveals.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Question", deny_unknown_fields)]
pub struct Question {
    pub text: String,
    pub severity: GapSeverity,
}

/// A question of a regime, and the section or decision ids it is asked for (empty: every section).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "RegimeQuestion", deny_unknown_fields)]
pub struct RegimeQuestion {
    pub text: String,
    pub severity: GapSeverity,
    #[serde(default)]
    pub sections: Vec<String>,
}

impl RegimeQuestion {
    /// Whether the question is asked for section (or decision) `id`.
    pub fn asked_for(&self, id: &str) -> bool {
        self.sections.is_empty() || self.sections.iter().any(|s| s == id)
    }
}

/// A compliance regime the bank knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regime {
    /// Its display name (`SOC 2`).
    pub name: String,
    /// What recognises it in a [`normalise`]d name (`soc2`).
    pub keys: Vec<String>,
    pub questions: Vec<RegimeQuestion>,
}

/// The bank, every list in file order (a team's additions after the built-in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityBank {
    /// The general questions by section or decision id.
    pub sections: Vec<(String, Vec<Question>)>,
    /// The general questions of a section not in `sections`.
    pub generic: Vec<Question>,
    /// The question for a regime the bank does not know; `{regime}` is its name.
    pub unknown_regime: Question,
    pub regimes: Vec<Regime>,
}

impl Default for SecurityBank {
    fn default() -> SecurityBank {
        SecurityBank {
            sections: Vec::new(),
            generic: Vec::new(),
            unknown_regime: Question {
                text: String::new(),
                severity: GapSeverity::Medium,
            },
            regimes: Vec::new(),
        }
    }
}

/// A regime name reduced to lower-case letters and digits (`"PCI-DSS v4"` → `"pcidssv4"`): what a
/// regime's keys are looked for in.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl SecurityBank {
    /// Adds a file's questions and regimes (see the module documentation); `known_id` says which
    /// section ids the template has. An error names the file and the place, and adds nothing.
    pub fn add(
        &mut self,
        origin: &Path,
        text: &str,
        known_id: &dyn Fn(&str) -> bool,
    ) -> Result<(), String> {
        let file: BankFile = from_ron(origin, text).map_err(|e| e.to_string())?;
        let at = |needle: &str, problem: String| {
            format!(
                "{}{}: {problem}",
                origin.display(),
                position_of(text, needle)
            )
        };
        let check_text = |question: &str, allowed: &[&str]| -> Result<(), String> {
            if question.trim().is_empty() {
                return Err(format!(
                    "{}{}: a question needs its text",
                    origin.display(),
                    position_of_field(text, "text", is_blank_string)
                ));
            }
            match bad_placeholder(question, allowed) {
                Some(p) => Err(at(
                    p,
                    format!(
                        "{p:?} is not a placeholder a question may hold (only {})",
                        allowed.join(" and ")
                    ),
                )),
                None => Ok(()),
            }
        };
        let check_id = |id: &str| -> Result<(), String> {
            if !crate::model::is_slug(id) {
                Err(at(id, format!("section id {id:?} is not kebab-case")))
            } else if !known_id(id) {
                Err(at(
                    id,
                    format!("section id {id:?} is not a section or decision of the template"),
                ))
            } else {
                Ok(())
            }
        };
        for section in &file.sections {
            check_id(&section.id)?;
            for q in &section.questions {
                check_text(&q.text, &["{title}"])?;
            }
        }
        for q in &file.generic {
            check_text(&q.text, &["{title}"])?;
        }
        if let Some(q) = &file.unknown_regime {
            check_text(&q.text, &["{title}", "{regime}"])?;
        }
        for regime in &file.regimes {
            if regime.name.trim().is_empty() {
                return Err(format!(
                    "{}{}: a regime needs a name",
                    origin.display(),
                    position_of_field(text, "name", is_blank_string)
                ));
            }
            if let Some(key) = regime
                .keys
                .iter()
                .find(|k| normalise(k) != **k || k.is_empty())
            {
                return Err(at(
                    key,
                    format!(
                        "key {key:?} of regime {:?} is not written in lower-case letters and digits only ({:?}), so it could never match",
                        regime.name,
                        normalise(key)
                    ),
                ));
            }
            let known = self.regimes.iter().any(|r| r.name == regime.name);
            if !known && regime.keys.is_empty() {
                return Err(at(
                    &regime.name,
                    format!("regime {:?} has no keys to recognise it by", regime.name),
                ));
            }
            if !known && regime.questions.is_empty() {
                return Err(at(
                    &regime.name,
                    format!("regime {:?} has no questions", regime.name),
                ));
            }
            for q in &regime.questions {
                check_text(&q.text, &["{title}"])?;
                for id in &q.sections {
                    check_id(id)?;
                }
            }
        }
        for section in file.sections {
            match self.sections.iter_mut().find(|(id, _)| *id == section.id) {
                Some((_, questions)) => questions.extend(section.questions),
                None => self.sections.push((section.id, section.questions)),
            }
        }
        self.generic.extend(file.generic);
        if let Some(q) = file.unknown_regime {
            self.unknown_regime = q;
        }
        for regime in file.regimes {
            match self.regimes.iter_mut().find(|r| r.name == regime.name) {
                Some(known) => {
                    for key in regime.keys {
                        if !known.keys.contains(&key) {
                            known.keys.push(key);
                        }
                    }
                    known.questions.extend(regime.questions);
                }
                None => self.regimes.push(Regime {
                    name: regime.name,
                    keys: regime.keys,
                    questions: regime.questions,
                }),
            }
        }
        Ok(())
    }

    /// Checks what only the whole bank can tell: there are generic questions and a question for
    /// unknown regimes.
    pub fn check(&self) -> Result<(), String> {
        if self.generic.is_empty() {
            return Err("the bank has no generic questions".to_string());
        }
        if self.unknown_regime.text.trim().is_empty() {
            return Err("the bank has no question for an unknown regime (`unknown_regime`)".into());
        }
        Ok(())
    }

    /// The general questions of section or decision `id`: its own, else the generic ones.
    pub fn section(&self, id: &str) -> &[Question] {
        self.sections
            .iter()
            .find(|(known, _)| known == id)
            .map_or(&self.generic, |(_, questions)| questions)
    }

    /// The regime a name written any way recognises (`"ISO/IEC 27001:2022"` → ISO 27001).
    pub fn regime(&self, name: &str) -> Option<&Regime> {
        let n = normalise(name);
        self.regimes
            .iter()
            .find(|r| r.keys.iter().any(|k| n.contains(k.as_str())))
    }
}

/// The built-in bank, its section ids checked against the built-in template.
pub fn builtin() -> Result<SecurityBank, String> {
    let ids = super::template_ids(None);
    let mut bank = SecurityBank::default();
    bank.add(Path::new(PATH), BUILTIN, &|id| ids.iter().any(|k| k == id))?;
    bank.check().map_err(|e| format!("{PATH}: {e}"))?;
    Ok(bank)
}

static INSTALLED: Installed<SecurityBank> = Installed::new("security question bank", builtin, load);

/// Why team files were left out when the bank was installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed bank (the built-in one with the team's, see [`super::use_config_dir`]).
pub fn security_bank() -> &'static SecurityBank {
    INSTALLED.get()
}

/// Loads the built-in bank and the team's `<config>/worksheets/security*.ron`, their section ids
/// checked against the built-in template and the team's; with one warning per team file left out.
fn load(config_dir: &Path) -> (Option<SecurityBank>, Vec<String>) {
    let ids = super::template_ids(Some(config_dir));
    super::with_team_files(
        builtin(),
        config_dir,
        "worksheets",
        |name| name.starts_with("security"),
        |bank, path, text| bank.add(path, text, &|id| ids.iter().any(|k| k == id)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_id(_: &str) -> bool {
        true
    }

    #[test]
    fn the_built_in_bank_loads() {
        let bank = builtin().unwrap();
        assert_eq!(bank.sections.len(), 16);
        assert_eq!(bank.generic.len(), 5);
        assert_eq!(
            bank.regime("PCI-DSS v4.0").map(|r| r.name.as_str()),
            Some("PCI DSS")
        );
        assert!(bank.regime("TISAX").is_none());
    }

    #[test]
    fn a_team_file_adds_questions_and_extends_regimes() {
        let mut bank = builtin().unwrap();
        let before = bank.section("network-architecture").len();
        let text = r#"SecurityBank(
            sections: [
                Section(id: "network-architecture", questions: [Question(text: "Is IPv6 filtered like IPv4?", severity: High)]),
                Section(id: "data-cache", questions: [Question(text: "Is the cache for {title} encrypted?", severity: High)]),
            ],
            regimes: [
                Regime(name: "GDPR", keys: ["dsgvo"], questions: [RegimeQuestion(text: "Is the DPO consulted?", severity: Low, sections: ["data-resources"])]),
                Regime(name: "TISAX", keys: ["tisax"], questions: [RegimeQuestion(text: "Is {title} in the TISAX scope?", severity: Medium)]),
            ],
        )"#;
        bank.add(Path::new("team.ron"), text, &any_id).unwrap();
        let network = bank.section("network-architecture");
        assert_eq!(network.len(), before + 1);
        assert_eq!(network[before].text, "Is IPv6 filtered like IPv4?");
        assert_eq!(bank.section("data-cache").len(), 1);
        assert_eq!(
            bank.section("data-messaging").len(),
            5,
            "still the generic set"
        );
        let gdpr = bank.regime("DSGVO").unwrap();
        assert_eq!(gdpr.name, "GDPR");
        assert!(gdpr.questions.last().unwrap().asked_for("data-resources"));
        assert_eq!(bank.regime("tisax").unwrap().questions.len(), 1);
    }

    #[test]
    fn a_malformed_team_file_is_refused_with_its_line_and_column() {
        let mut bank = builtin().unwrap();
        let unchanged = bank.clone();
        for (text, place, what) in [
            (
                "SecurityBank(\n  sections: [\n    Section(id: \"network-architecture\", questions: [\n      Question(text: \"x\", severity: Severe),\n    ]),\n  ],\n)",
                "team.ron:4:37:",
                "Severe",
            ),
            (
                "SecurityBank(\n  generic: [\n    Question(text: \"Who owns {section}?\", severity: Low),\n  ],\n)",
                "team.ron:3:30:",
                "\"{section}\" is not a placeholder",
            ),
            (
                "SecurityBank(\n  generic: [\n    Question(text: \" \", severity: Low),\n  ],\n)",
                "team.ron:3:20:",
                "a question needs its text",
            ),
            (
                "SecurityBank(\n  regimes: [\n    Regime(name: \"TISAX\", keys: [\"Tisax\"], questions: []),\n  ],\n)",
                "team.ron:3:34:",
                "key \"Tisax\" of regime \"TISAX\" is not written in lower-case letters and digits only",
            ),
        ] {
            let err = bank.add(Path::new("team.ron"), text, &any_id).unwrap_err();
            assert!(err.starts_with(place), "{err}");
            assert!(err.contains(what), "{err}");
        }
        assert_eq!(bank, unchanged);
    }

    #[test]
    fn section_ids_are_checked_against_the_template() {
        let ids = crate::knowledge::template_ids(None);
        let known = |id: &str| ids.iter().any(|k| k == id);
        let mut bank = builtin().unwrap();
        let text = "SecurityBank(\n  regimes: [\n    Regime(name: \"GDPR\", questions: [\n      RegimeQuestion(text: \"?\", severity: Low, sections: [\"data-resource\"]),\n    ]),\n  ],\n)";
        let err = bank.add(Path::new("team.ron"), text, &known).unwrap_err();
        assert_eq!(
            err,
            "team.ron:4:59: section id \"data-resource\" is not a section or decision of the template"
        );
        let text = "SecurityBank(sections: [Section(id: \"Network\", questions: [])])";
        let err = bank.add(Path::new("team.ron"), text, &known).unwrap_err();
        assert_eq!(
            err,
            "team.ron:1:37: section id \"Network\" is not kebab-case"
        );
        // A decision of the template counts, not only a section.
        let text = "SecurityBank(sections: [Section(id: \"data-cache\", questions: [])])";
        bank.add(Path::new("team.ron"), text, &known).unwrap();
    }
}
