//! The checklist review of a session: which categories apply to the design, which items are
//! pre-flagged because the sections they validate are still empty, the pass rate per category and
//! overall, the deficiencies left to address, and a Markdown summary for the exported document.
//!
//! # Applicability
//! A category with `applies_when: None` always applies. A conditional one applies when the tags of
//! a decided option (the chosen card of any component with a decision), expanded with their implied
//! tags (`eks` implies `kubernetes`), include one of its tags. Recommendations and options that
//! were only considered do not count.
//!
//! # Scoring
//! An item's mark is the last [`ChecklistMark`] for it in `session.checklist`; an item without one
//! is *open* (unmarked). The pass rate of a set of items is
//!
//! ```text
//! pass rate = (pass + 0.5 × partial) / (pass + partial + fail + open) × 100
//! ```
//!
//! Items marked not applicable are left out entirely. Open items count as not passed, so a review
//! cannot reach a high score by leaving the hard items unmarked. A category that does not apply to
//! the design still has its counts shown but no pass rate, and stays out of the overall score; the
//! overall score pools the items of the applicable categories (so it is weighted by item, not an
//! average of category rates). With nothing to score the rate is `None`.

use std::cmp::Reverse;

use crate::inputs::extract::expand_tags;
use crate::knowledge::checklist::{Checklist, ChecklistCategory, ChecklistItem, ChecklistSeverity};
use crate::model::{ChecklistMark, Mark, Session};

/// The tags of every decided option, expanded with their implied tags, in component order.
pub fn decided_tags(session: &Session) -> Vec<String> {
    let tags: Vec<&str> = session
        .components
        .iter()
        .filter_map(|c| {
            let decision = c.decision.as_ref()?;
            c.option(&decision.option)
        })
        .flat_map(|o| o.tags.iter().map(String::as_str))
        .collect();
    expand_tags(&tags)
}

/// Whether the category applies to the session's design (see the module documentation).
pub fn applies(category: &ChecklistCategory, session: &Session) -> bool {
    applies_with(category, &decided_tags(session))
}

fn applies_with(category: &ChecklistCategory, decided: &[String]) -> bool {
    match &category.applies_when {
        None => true,
        Some(tags) => tags.iter().any(|t| decided.contains(t)),
    }
}

/// The mark that counts for an item: the last one recorded for it.
pub fn mark_of<'a>(session: &'a Session, item: &str) -> Option<&'a ChecklistMark> {
    session.checklist.iter().rev().find(|m| m.item == item)
}

/// Why an item can be flagged before anyone reviews it: every section it validates is still empty
/// (blank body, or not in the document at all), e.g. "linked section Compute Resources is still
/// empty". `None` when at least one linked section has content.
pub fn preflag(item: &ChecklistItem, session: &Session) -> Option<String> {
    let mut names = Vec::new();
    for id in &item.sections {
        match session.section(id) {
            Some(s) if !s.body.trim().is_empty() => return None,
            Some(s) if !s.title.trim().is_empty() => names.push(s.title.trim().to_string()),
            _ => names.push(id.clone()),
        }
    }
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("linked section {one} is still empty")),
        [init @ .., last] => Some(format!(
            "linked sections {} and {last} are still empty",
            init.join(", ")
        )),
    }
}

/// How many items carry each mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MarkCounts {
    pub pass: usize,
    pub partial: usize,
    pub fail: usize,
    pub not_applicable: usize,
    /// Items without a mark: still open.
    pub unmarked: usize,
}

impl MarkCounts {
    pub fn add(&mut self, mark: Option<Mark>) {
        match mark {
            Some(Mark::Pass) => self.pass += 1,
            Some(Mark::Partial) => self.partial += 1,
            Some(Mark::Fail) => self.fail += 1,
            Some(Mark::NotApplicable) => self.not_applicable += 1,
            None => self.unmarked += 1,
        }
    }

    fn merge(&mut self, other: &MarkCounts) {
        self.pass += other.pass;
        self.partial += other.partial;
        self.fail += other.fail;
        self.not_applicable += other.not_applicable;
        self.unmarked += other.unmarked;
    }

    pub fn total(&self) -> usize {
        self.scored() + self.not_applicable
    }

    /// The items the pass rate is computed over: all but the not applicable ones.
    pub fn scored(&self) -> usize {
        self.pass + self.partial + self.fail + self.unmarked
    }

    /// (pass + ½·partial) / scored, as a percentage; `None` when nothing is scored.
    pub fn pass_rate(&self) -> Option<f64> {
        let scored = self.scored();
        (scored > 0).then(|| (self.pass as f64 + 0.5 * self.partial as f64) / scored as f64 * 100.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategorySummary {
    pub id: String,
    pub title: String,
    pub applies: bool,
    pub counts: MarkCounts,
    /// `None` when the category does not apply, or when all its items are not applicable.
    pub pass_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSummary {
    /// Every category, in checklist order, applicable or not.
    pub categories: Vec<CategorySummary>,
    /// The counts over the applicable categories only.
    pub overall: MarkCounts,
    pub overall_pass_rate: Option<f64>,
}

static SUMMARIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many summaries this process has worked out: the workbench's tests hold that drawing a
/// frame works out none.
pub fn summaries_made() -> u64 {
    SUMMARIES.load(std::sync::atomic::Ordering::Relaxed)
}

/// The review summary of a session against a checklist (scoring in the module documentation).
pub fn summary(checklist: &Checklist, session: &Session) -> ReviewSummary {
    SUMMARIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let decided = decided_tags(session);
    let mut overall = MarkCounts::default();
    let categories = checklist
        .categories
        .iter()
        .map(|(category, items)| {
            let applies = applies_with(category, &decided);
            let mut counts = MarkCounts::default();
            for item in items {
                counts.add(mark_of(session, &item.id).map(|m| m.mark));
            }
            if applies {
                overall.merge(&counts);
            }
            CategorySummary {
                id: category.id.clone(),
                title: category.title.clone(),
                applies,
                counts,
                pass_rate: if applies { counts.pass_rate() } else { None },
            }
        })
        .collect();
    ReviewSummary {
        categories,
        overall,
        overall_pass_rate: overall.pass_rate(),
    }
}

/// An item of an applicable category that is not (yet) satisfied: failed, partial or open.
#[derive(Debug, Clone, PartialEq)]
pub struct Deficiency {
    /// The item id.
    pub item: String,
    pub text: String,
    /// The category id.
    pub category: String,
    /// `None` for an open (unmarked) item.
    pub mark: Option<Mark>,
    pub severity: ChecklistSeverity,
    /// The template sections the item validates; the first is where to go to address it.
    pub sections: Vec<String>,
    /// The reviewer's note on the mark; empty for an open item.
    pub note: String,
    /// See [`preflag`].
    pub preflag: Option<String>,
}

impl Deficiency {
    /// The section to jump to in order to address the deficiency.
    pub fn first_section(&self) -> Option<&str> {
        self.sections.first().map(String::as_str)
    }
}

/// The deficiencies of the applicable categories, most severe first, then by item id.
pub fn deficiencies(checklist: &Checklist, session: &Session) -> Vec<Deficiency> {
    let decided = decided_tags(session);
    let mut out: Vec<Deficiency> = checklist
        .categories
        .iter()
        .filter(|(category, _)| applies_with(category, &decided))
        .flat_map(|(category, items)| items.iter().map(move |item| (category, item)))
        .filter_map(|(category, item)| {
            let mark = mark_of(session, &item.id);
            if matches!(mark.map(|m| m.mark), Some(Mark::Pass | Mark::NotApplicable)) {
                return None;
            }
            Some(Deficiency {
                item: item.id.clone(),
                text: item.text.clone(),
                category: category.id.clone(),
                mark: mark.map(|m| m.mark),
                severity: item.severity,
                sections: item.sections.clone(),
                note: mark.map(|m| m.note.clone()).unwrap_or_default(),
                preflag: preflag(item, session),
            })
        })
        .collect();
    out.sort_by(|a, b| (Reverse(a.severity), &a.item).cmp(&(Reverse(b.severity), &b.item)));
    out
}

/// The summary as a Markdown table, one row per category and an overall row, followed by the
/// scoring rule. Deterministic: the same summary always gives the same text.
pub fn summary_markdown(summary: &ReviewSummary) -> String {
    let mut out = String::new();
    out.push_str("| Category | Applies | Pass | Partial | Fail | N/A | Open | Pass rate |\n");
    out.push_str("|---|:---:|---:|---:|---:|---:|---:|---:|\n");
    for c in &summary.categories {
        let n = c.counts;
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            c.title.replace('|', "\\|"),
            if c.applies { "yes" } else { "no" },
            n.pass,
            n.partial,
            n.fail,
            n.not_applicable,
            n.unmarked,
            rate(c.pass_rate),
        ));
    }
    let n = summary.overall;
    out.push_str(&format!(
        "| **Overall** (applicable categories) | | {} | {} | {} | {} | {} | **{}** |\n",
        n.pass,
        n.partial,
        n.fail,
        n.not_applicable,
        n.unmarked,
        rate(summary.overall_pass_rate),
    ));
    out.push_str(
        "\nPass rate = (pass + ½ × partial) ÷ (pass + partial + fail + open). \
         Items marked N/A are left out; open (unmarked) items count as not passed. \
         Categories that do not apply to this design are listed but not scored.\n",
    );
    out
}

fn rate(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{r:.1}%"),
        None => "–".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ComponentDesign, Decision, OptionCard, Ratings, Section};
    use jiff::Timestamp;

    fn item(id: &str, sections: &[&str], severity: ChecklistSeverity) -> ChecklistItem {
        ChecklistItem {
            id: id.to_string(),
            text: format!("Check {id}."),
            why: String::new(),
            sections: sections.iter().map(|s| s.to_string()).collect(),
            severity,
            assess: Vec::new(),
        }
    }

    fn category(id: &str, applies_when: Option<&[&str]>) -> ChecklistCategory {
        ChecklistCategory {
            id: id.to_string(),
            title: id.to_uppercase(),
            applies_when: applies_when.map(|t| t.iter().map(|s| s.to_string()).collect()),
            origin: Default::default(),
        }
    }

    /// Two categories: `core` (always; 4 items) and `container-platform` (Kubernetes; 2 items).
    fn checklist() -> Checklist {
        use ChecklistSeverity::*;
        Checklist {
            categories: vec![
                (
                    category("core", None),
                    vec![
                        item("core-01", &["overview"], Medium),
                        item("core-02", &["compute-resources"], Critical),
                        item("core-03", &["compute-resources", "data-resources"], High),
                        item("core-04", &["overview"], Critical),
                    ],
                ),
                (
                    category(
                        "container-platform",
                        Some(&["kubernetes", "managed-kubernetes"]),
                    ),
                    vec![
                        item("cp-01", &["compute-resources"], High),
                        item("cp-02", &["compute-resources"], Low),
                    ],
                ),
            ],
        }
    }

    fn session() -> Session {
        let mut s = Session::empty("T", "P", Timestamp::UNIX_EPOCH);
        for (id, title) in [
            ("overview", "Infrastructure Overview"),
            ("compute-resources", "Compute Resources"),
            ("data-resources", "Data Resources"),
        ] {
            s.sections.push(Section::new(id, title));
        }
        s
    }

    fn card(id: &str, tags: &[&str]) -> OptionCard {
        OptionCard {
            id: id.to_string(),
            name: id.to_string(),
            summary: String::new(),
            pros: vec![],
            cons: vec![],
            ratings: Ratings::default(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            conflicts_with: vec![],
            catalog_id: None,
            capabilities: Default::default(),
            answers: Vec::new(),
            realised_on: String::new(),
        }
    }

    /// Adds a compute component with an EKS option and a VM option; decides on `decided` if given.
    fn with_compute(s: &mut Session, decided: Option<&str>) {
        let mut c = ComponentDesign::new("compute-resources", "");
        c.options.push(card("eks", &["eks", "containers"]));
        c.options.push(card("vms", &["vms"]));
        c.decision = decided.map(|option| Decision {
            option: option.to_string(),
            justification: String::new(),
            decided_at: Timestamp::UNIX_EPOCH,
            considered: vec!["eks".into(), "vms".into()],
            acknowledged_conflicts: vec![],
            ..Default::default()
        });
        s.components.push(c);
    }

    fn mark(s: &mut Session, item: &str, mark: Mark, note: &str) {
        s.checklist.push(ChecklistMark {
            item: item.to_string(),
            mark,
            note: note.to_string(),
            at: Timestamp::UNIX_EPOCH,
        });
    }

    #[test]
    fn a_kubernetes_decision_makes_the_container_platform_category_apply() {
        let cl = checklist();
        let cp = cl.category("container-platform").unwrap();
        let core = cl.category("core").unwrap();
        let mut s = session();
        assert!(applies(core, &s));
        assert!(!applies(cp, &s));
        // Kubernetes among the options but not decided: still not applicable.
        with_compute(&mut s, None);
        assert!(!applies(cp, &s));
        // Deciding on another option: not applicable.
        let mut decided = session();
        with_compute(&mut decided, Some("vms"));
        assert!(!applies(cp, &decided));
        // Deciding on EKS: `eks` implies `kubernetes`, so it applies.
        let mut decided = session();
        with_compute(&mut decided, Some("eks"));
        assert!(decided_tags(&decided).contains(&"kubernetes".to_string()));
        assert!(applies(cp, &decided));
    }

    #[test]
    fn partial_counts_half_and_open_items_count_as_not_passed() {
        let cl = checklist();
        let mut s = session();
        mark(&mut s, "core-01", Mark::Pass, "");
        mark(&mut s, "core-02", Mark::Partial, "");
        mark(&mut s, "core-03", Mark::Fail, "");
        // core-04 open.
        let sum = summary(&cl, &s);
        let core = &sum.categories[0];
        assert_eq!(
            core.counts,
            MarkCounts {
                pass: 1,
                partial: 1,
                fail: 1,
                not_applicable: 0,
                unmarked: 1
            }
        );
        assert_eq!(core.pass_rate, Some(37.5));
    }

    #[test]
    fn not_applicable_items_are_excluded_and_the_last_mark_counts() {
        let cl = checklist();
        let mut s = session();
        mark(&mut s, "core-01", Mark::Fail, "first look");
        mark(&mut s, "core-01", Mark::Pass, "fixed");
        for id in ["core-02", "core-03", "core-04"] {
            mark(&mut s, id, Mark::NotApplicable, "");
        }
        let sum = summary(&cl, &s);
        assert_eq!(sum.categories[0].counts.not_applicable, 3);
        assert_eq!(sum.categories[0].pass_rate, Some(100.0));
        // All not applicable: nothing to score.
        mark(&mut s, "core-01", Mark::NotApplicable, "");
        let sum = summary(&cl, &s);
        assert_eq!(sum.categories[0].pass_rate, None);
        assert_eq!(sum.overall_pass_rate, None);
    }

    #[test]
    fn overall_ignores_categories_that_do_not_apply() {
        let cl = checklist();
        let mut s = session();
        for id in ["core-01", "core-02", "core-03", "core-04"] {
            mark(&mut s, id, Mark::Pass, "");
        }
        mark(&mut s, "cp-01", Mark::Fail, "");
        mark(&mut s, "cp-02", Mark::Fail, "");
        let sum = summary(&cl, &s);
        assert!(!sum.categories[1].applies);
        assert_eq!(sum.categories[1].counts.fail, 2);
        assert_eq!(sum.categories[1].pass_rate, None);
        assert_eq!(sum.overall.fail, 0);
        assert_eq!(sum.overall_pass_rate, Some(100.0));
        // Once Kubernetes is decided, its failures count: 4 of 6 passed.
        with_compute(&mut s, Some("eks"));
        let sum = summary(&cl, &s);
        assert!(sum.categories[1].applies);
        assert_eq!(sum.categories[1].pass_rate, Some(0.0));
        let overall = sum.overall_pass_rate.unwrap();
        assert!((overall - 400.0 / 6.0).abs() < 1e-9, "{overall}");
    }

    #[test]
    fn items_whose_linked_sections_are_all_empty_are_preflagged() {
        let cl = checklist();
        let mut s = session();
        let core_03 = cl.item("core-03").unwrap();
        assert_eq!(
            preflag(cl.item("core-02").unwrap(), &s).as_deref(),
            Some("linked section Compute Resources is still empty")
        );
        assert_eq!(
            preflag(core_03, &s).as_deref(),
            Some("linked sections Compute Resources and Data Resources are still empty")
        );
        // Whitespace is still empty; one section with content clears the flag.
        s.section_mut("compute-resources").unwrap().body = "  \n".into();
        assert!(preflag(core_03, &s).is_some());
        s.section_mut("data-resources").unwrap().body = "Postgres, managed.".into();
        assert_eq!(preflag(core_03, &s), None);
        // A section the document lacks is named by its id.
        let missing = item(
            "x-01",
            &["overview", "appendices", "disaster-recovery"],
            ChecklistSeverity::Low,
        );
        assert_eq!(
            preflag(&missing, &s).as_deref(),
            Some(
                "linked sections Infrastructure Overview, appendices and disaster-recovery are still empty"
            )
        );
    }

    #[test]
    fn deficiencies_are_open_partial_and_failed_items_of_applicable_categories_by_severity() {
        let cl = checklist();
        let mut s = session();
        mark(&mut s, "core-01", Mark::Partial, "needs numbers");
        mark(&mut s, "core-02", Mark::Pass, "");
        mark(&mut s, "core-03", Mark::Fail, "no failover");
        let found = deficiencies(&cl, &s);
        let ids: Vec<&str> = found.iter().map(|d| d.item.as_str()).collect();
        // core-04 (critical, open), core-03 (high), core-01 (medium); cp-* do not apply.
        assert_eq!(ids, ["core-04", "core-03", "core-01"]);
        assert_eq!(found[0].mark, None);
        assert_eq!(found[0].note, "");
        assert_eq!(
            found[0].preflag.as_deref(),
            Some("linked section Infrastructure Overview is still empty")
        );
        assert_eq!(found[1].mark, Some(Mark::Fail));
        assert_eq!(found[1].note, "no failover");
        assert_eq!(found[1].first_section(), Some("compute-resources"));
        assert_eq!(found[2].category, "core");
        // With Kubernetes decided, the container-platform items join, ordered by severity then id.
        with_compute(&mut s, Some("eks"));
        let ids: Vec<String> = deficiencies(&cl, &s).into_iter().map(|d| d.item).collect();
        assert_eq!(ids, ["core-04", "core-03", "cp-01", "core-01", "cp-02"]);
    }

    #[test]
    fn the_markdown_summary_is_a_deterministic_table() {
        let cl = checklist();
        let mut s = session();
        mark(&mut s, "core-01", Mark::Pass, "");
        mark(&mut s, "core-02", Mark::Partial, "");
        mark(&mut s, "core-03", Mark::NotApplicable, "");
        let md = summary_markdown(&summary(&cl, &s));
        let expected = "\
| Category | Applies | Pass | Partial | Fail | N/A | Open | Pass rate |
|---|:---:|---:|---:|---:|---:|---:|---:|
| CORE | yes | 1 | 1 | 0 | 1 | 1 | 50.0% |
| CONTAINER-PLATFORM | no | 0 | 0 | 0 | 0 | 2 | – |
| **Overall** (applicable categories) | | 1 | 1 | 0 | 1 | 1 | **50.0%** |
";
        assert!(md.starts_with(expected), "{md}");
        assert!(md.contains("open (unmarked) items count as not passed"));
        assert_eq!(md, summary_markdown(&summary(&cl, &s)));
    }
}
