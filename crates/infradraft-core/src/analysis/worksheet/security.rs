//! The questions of "Security & Compliance Deep Dive": general questions per template section
//! and regime-specific questions for the compliance regimes in scope, plus the gap list and tally
//! of the answers.
//!
//! The questions themselves are data, `assets/worksheets/security.ron` and a team's own
//! (see [`crate::knowledge::security_bank`]). `{title}` in a question is replaced by the section's
//! title. Regime questions name the regime in `regime`; a regime the bank does not know still gets
//! the bank's one question asking which of its requirements apply. Every answer starts
//! [`SecurityAnswer::Unanswered`].

use crate::knowledge::security_bank::{normalise, security_bank};
use crate::model::{GapSeverity, SecurityAnswer, SecurityItem};

/// The canonical name of a regime the bank knows (`"soc2"` → `"SOC 2"`); `None` for others.
pub fn canonical_regime(name: &str) -> Option<&'static str> {
    security_bank().regime(name).map(|r| r.name.as_str())
}

fn item(text: &str, title: &str, severity: GapSeverity, regime: Option<&str>) -> SecurityItem {
    SecurityItem {
        question: text.replace("{title}", title),
        regime: regime.map(str::to_string),
        answer: SecurityAnswer::Unanswered,
        severity,
        note: String::new(),
    }
}

/// The questions for a section: its general questions, then for each regime (in the given order,
/// each once; blank names skipped) the regime's questions that apply to the section, tagged with
/// the regime's name as given. All unanswered, with no note.
pub fn questions(section_id: &str, section_title: &str, regimes: &[String]) -> Vec<SecurityItem> {
    let bank = security_bank();
    let title = if section_title.trim().is_empty() {
        section_id
    } else {
        section_title.trim()
    };
    let mut out: Vec<SecurityItem> = bank
        .section(section_id)
        .iter()
        .map(|q| item(&q.text, title, q.severity, None))
        .collect();
    let mut seen: Vec<String> = Vec::new();
    for regime in regimes {
        let name = regime.trim();
        let known = bank.regime(name);
        let key = known.map_or_else(|| normalise(name), |r| r.name.clone());
        if key.is_empty() || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        match known {
            Some(r) => out.extend(
                r.questions
                    .iter()
                    .filter(|q| q.asked_for(section_id))
                    .map(|q| item(&q.text, title, q.severity, Some(name))),
            ),
            None => out.push(item(
                &bank.unknown_regime.text.replace("{regime}", name),
                title,
                bank.unknown_regime.severity,
                Some(name),
            )),
        }
    }
    out
}

/// The items answered Gap or Partial, most severe first; at equal severity Gap before Partial, then
/// in their original order.
pub fn gap_list(items: &[SecurityItem]) -> Vec<&SecurityItem> {
    let mut gaps: Vec<&SecurityItem> = items
        .iter()
        .filter(|i| matches!(i.answer, SecurityAnswer::Gap | SecurityAnswer::Partial))
        .collect();
    gaps.sort_by_key(|i| {
        (
            std::cmp::Reverse(i.severity),
            i.answer != SecurityAnswer::Gap,
        )
    });
    gaps
}

/// How many items have each answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SecurityTally {
    pub met: usize,
    pub partial: usize,
    pub gap: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl SecurityTally {
    pub fn total(&self) -> usize {
        self.met + self.partial + self.gap + self.not_applicable + self.unanswered
    }
}

/// Counts the answers.
pub fn tally(items: &[SecurityItem]) -> SecurityTally {
    let mut t = SecurityTally::default();
    for i in items {
        match i.answer {
            SecurityAnswer::Met => t.met += 1,
            SecurityAnswer::Partial => t.partial += 1,
            SecurityAnswer::Gap => t.gap += 1,
            SecurityAnswer::NotApplicable => t.not_applicable += 1,
            SecurityAnswer::Unanswered => t.unanswered += 1,
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::super::ids::*;
    use super::*;
    use GapSeverity::{Critical, High, Low, Medium};

    const SECTION_IDS: [&str; 16] = super::super::ids::ALL;

    fn regimes(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ids_match_the_template() {
        let template = crate::knowledge::Template::builtin().unwrap();
        for id in SECTION_IDS {
            assert!(
                template.section(id).is_some_and(|s| s.component),
                "{id} is not a component section of the template"
            );
        }
        assert_eq!(template.components().count(), SECTION_IDS.len());
    }

    #[test]
    fn every_section_gets_unanswered_general_questions() {
        for id in SECTION_IDS {
            let q = questions(id, "Title", &[]);
            assert!(q.len() >= 4, "{id}");
            assert!(q.iter().all(|i| i.answer == SecurityAnswer::Unanswered
                && i.regime.is_none()
                && i.note.is_empty()
                && !i.question.contains("{title}")));
        }
    }

    #[test]
    fn network_questions() {
        let q = questions(NETWORK, "Network Architecture", &[]);
        assert_eq!(q.len(), security_bank().section(NETWORK).len());
        assert!(
            q.iter()
                .any(|i| i.question.contains("default-deny") && i.severity == High)
        );
        assert!(
            q.iter()
                .any(|i| i.question.contains("no public endpoint") && i.severity == Critical)
        );
    }

    #[test]
    fn unknown_sections_get_the_generic_set_with_the_title() {
        let q = questions("operational-runbooks", "Operational Runbooks", &[]);
        assert_eq!(q.len(), security_bank().generic.len());
        assert_eq!(
            q[0].question,
            "Is access to Operational Runbooks limited to the roles that need it (least privilege) and reviewed regularly?"
        );
        // blank title falls back to the id
        let q = questions("x-y", "  ", &[]);
        assert!(q[0].question.contains("x-y"));
    }

    #[test]
    fn regime_questions_are_tagged_and_filtered_by_section() {
        let r = regimes(&["PCI DSS", "GDPR"]);
        let q = questions(NETWORK, "Network Architecture", &r);
        let pci: Vec<_> = q
            .iter()
            .filter(|i| i.regime.as_deref() == Some("PCI DSS"))
            .collect();
        // scope (all), segmentation (network), transmission (network)
        assert_eq!(pci.len(), 3, "{pci:#?}");
        assert!(
            pci.iter()
                .any(|i| i.question.contains("segmented") && i.severity == Critical)
        );
        let gdpr: Vec<_> = q
            .iter()
            .filter(|i| i.regime.as_deref() == Some("GDPR"))
            .collect();
        // only the record-of-processing question applies to the network section
        assert_eq!(gdpr.len(), 1);
        assert!(gdpr[0].question.contains("Network Architecture"));
        // general questions come first, then the regimes in the order given
        let first_regime = q.iter().position(|i| i.regime.is_some()).unwrap();
        assert_eq!(first_regime, security_bank().section(NETWORK).len());
        assert_eq!(q[first_regime].regime.as_deref(), Some("PCI DSS"));
    }

    #[test]
    fn data_section_with_gdpr_and_hipaa() {
        let q = questions(DATA, "Data Resources", &regimes(&["GDPR", "HIPAA"]));
        assert!(
            q.iter()
                .any(|i| i.regime.as_deref() == Some("GDPR") && i.question.contains("erased"))
        );
        assert!(q.iter().any(|i| i.regime.as_deref() == Some("HIPAA")
            && i.question.contains("ePHI")
            && i.severity == Critical));
    }

    #[test]
    fn every_known_regime_asks_something_of_every_section() {
        let known: Vec<&str> = crate::knowledge::extraction::extraction()
            .regimes
            .names()
            .collect();
        let all = regimes(&known);
        for id in SECTION_IDS.iter().copied().chain(["overview"]) {
            let q = questions(id, "T", &all);
            for r in &all {
                assert!(
                    q.iter().any(|i| i.regime.as_ref() == Some(r)),
                    "{r} has nothing for {id}"
                );
            }
        }
        for r in &all {
            assert!(canonical_regime(r).is_some(), "{r} not in the bank");
        }
    }

    #[test]
    fn regime_names_are_matched_loosely_and_once() {
        assert_eq!(canonical_regime("soc2"), Some("SOC 2"));
        assert_eq!(canonical_regime("ISO/IEC 27001:2022"), Some("ISO 27001"));
        assert_eq!(canonical_regime("PCI-DSS v4.0"), Some("PCI DSS"));
        assert_eq!(
            canonical_regime("Digital Operational Resilience Act"),
            Some("DORA")
        );
        assert_eq!(canonical_regime("TISAX"), None);
        let q = questions(SECURITY, "Security", &regimes(&["SOC 2", "soc2", "", "  "]));
        let soc: Vec<_> = q.iter().filter(|i| i.regime.is_some()).collect();
        assert!(soc.iter().all(|i| i.regime.as_deref() == Some("SOC 2")));
    }

    #[test]
    fn unknown_regimes_get_one_question() {
        let q = questions(DR, "Disaster Recovery", &regimes(&["TISAX"]));
        let tisax: Vec<_> = q.iter().filter(|i| i.regime.is_some()).collect();
        assert_eq!(tisax.len(), 1);
        assert_eq!(
            tisax[0].question,
            "Which TISAX requirements apply to Disaster Recovery, and where is the evidence that each is met?"
        );
    }

    fn answered(q: &str, a: SecurityAnswer, s: GapSeverity) -> SecurityItem {
        SecurityItem {
            question: q.into(),
            regime: None,
            answer: a,
            severity: s,
            note: String::new(),
        }
    }

    #[test]
    fn gaps_sorted_by_severity_then_gap_first() {
        use SecurityAnswer::*;
        let items = vec![
            answered("a", Partial, High),
            answered("b", Met, Critical),
            answered("c", Gap, Medium),
            answered("d", Gap, High),
            answered("e", Partial, Critical),
            answered("f", Unanswered, Critical),
            answered("g", Gap, High),
            answered("h", NotApplicable, Low),
        ];
        let order: Vec<&str> = gap_list(&items)
            .iter()
            .map(|i| i.question.as_str())
            .collect();
        // Critical: e (partial); High: d, g (gaps, original order), a (partial); Medium: c
        assert_eq!(order, vec!["e", "d", "g", "a", "c"]);
        assert_eq!(
            tally(&items),
            SecurityTally {
                met: 1,
                partial: 2,
                gap: 3,
                not_applicable: 1,
                unanswered: 1
            }
        );
        assert_eq!(tally(&items).total(), 8);
    }

    #[test]
    fn empty_items() {
        assert!(gap_list(&[]).is_empty());
        assert_eq!(tally(&[]), SecurityTally::default());
    }
}
