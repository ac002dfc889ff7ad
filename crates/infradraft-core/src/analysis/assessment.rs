//! The tool's own first assessment of the checklist: for each item that declares what the tool can
//! check by itself (`assess` in the checklist files, see [`Check`]), whether the session shows it,
//! with the evidence for every check.
//!
//! An assessment is worked out from the session each time and never stored: it is not a mark, it
//! never counts in the review's pass rate, and a person's mark on the item always stands over it
//! (the checklist shows both). Items of categories that do not apply to the design are not assessed.
//!
//! # Checks and the mark
//! Each check gives findings, met or not met, one per decision where it concerns decisions:
//!
//! | Check | Met when | Not assessed when |
//! |---|---|---|
//! | `Stated(kind)` | a requirement states a figure of that kind | never |
//! | `Meets(need)` | the choice (decided, else recommended) meets what the requirements ask | no requirement asks it, or no choice's capabilities say |
//! | `Decided` | the decision is decided | the item's sections hold no decision |
//! | `Regimes` | compliance regimes are in scope | never |
//! | `Diagram(kind)` | a diagram of that kind has a source without errors | never |
//! | `Stories` | a technical story implements one of the item's sections | never |
//! | `Honoured` | the choice breaks no mandate or prohibition, or the breach is accepted with a reason | no choice is made |
//!
//! The item's assessment is **pass** when every finding is met, **fail** when none is, and
//! **partial** otherwise; an item none of whose checks could be assessed has no assessment.

use crate::analysis::crosscheck::{Assessor, Needs, Outcome, comparisons};
use crate::analysis::diagram_check;
use crate::knowledge::FigureKind;
use crate::knowledge::checklist::{Check, Checklist, ChecklistItem};
use crate::model::{ComponentDesign, Mark, OptionCard, Requirement, Session};

/// One finding of a check: met or not, and the evidence in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub met: bool,
    pub evidence: String,
}

/// The tool's assessment of one checklist item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The item id.
    pub item: String,
    /// Pass, partial or fail.
    pub mark: Mark,
    pub found: Vec<Found>,
}

impl Assessment {
    /// The evidence in one line: the findings joined by `; `, each with ✓ or ✗.
    pub fn evidence_line(&self) -> String {
        self.found
            .iter()
            .map(|f| format!("{} {}", if f.met { "✓" } else { "✗" }, f.evidence))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The assessments of every item of the applicable categories that the tool can assess, in
/// checklist order.
pub fn assess(checklist: &Checklist, session: &Session) -> Vec<Assessment> {
    assess_with(checklist, session, &Needs::of(&session.requirements))
}

/// [`assess`] with the figures the requirements ask for worked out before.
pub fn assess_with(checklist: &Checklist, session: &Session, needs: &Needs) -> Vec<Assessment> {
    let decided = super::checklist_review::decided_tags(session);
    let ctx = Context {
        s: session,
        needs,
        assessor: Assessor::with_needs(&session.assumptions, needs, &session.inputs),
        stated: session
            .requirements
            .iter()
            .map(|r| {
                let kinds = crate::inputs::extract::figures(&r.text)
                    .iter()
                    .map(FigureKind::of)
                    .collect();
                (r, kinds)
            })
            .collect(),
    };
    checklist
        .categories
        .iter()
        .filter(|(category, _)| {
            category
                .applies_when
                .as_ref()
                .is_none_or(|tags| tags.iter().any(|t| decided.contains(t)))
        })
        .flat_map(|(_, items)| items)
        .filter_map(|item| assess_item(item, &ctx))
        .collect()
}

/// What every item's checks read, worked out once per assessment.
struct Context<'a> {
    s: &'a Session,
    needs: &'a Needs,
    /// One assessor for all items, which keeps the evidence it has found.
    assessor: Assessor<'a>,
    /// Each requirement with the kinds of figure it states.
    stated: Vec<(&'a Requirement, Vec<FigureKind>)>,
}

/// The assessment of one item; `None` when it declares no check or none could be assessed.
fn assess_item(item: &ChecklistItem, ctx: &Context) -> Option<Assessment> {
    let found: Vec<Found> = item
        .assess
        .iter()
        .flat_map(|check| run(*check, item, ctx))
        .collect();
    if found.is_empty() {
        return None;
    }
    let met = found.iter().filter(|f| f.met).count();
    let mark = if met == found.len() {
        Mark::Pass
    } else if met == 0 {
        Mark::Fail
    } else {
        Mark::Partial
    };
    Some(Assessment {
        item: item.id.clone(),
        mark,
        found,
    })
}

fn met(evidence: String) -> Found {
    Found {
        met: true,
        evidence,
    }
}

fn unmet(evidence: String) -> Found {
    Found {
        met: false,
        evidence,
    }
}

/// The decisions of the item's sections, in the item's section order.
fn decisions<'a>(item: &'a ChecklistItem, s: &'a Session) -> Vec<&'a ComponentDesign> {
    item.sections
        .iter()
        .flat_map(|id| s.decisions_in(id))
        .collect()
}

/// `Compute Resources: Amazon ECS on Fargate` or `… (recommended, not yet decided)`.
fn choice_label(s: &Session, c: &ComponentDesign, option: &OptionCard, decided: bool) -> String {
    format!(
        "{}: {}{}",
        s.decision_label(c),
        option.name,
        if decided {
            ""
        } else {
            " (recommended, not yet decided)"
        }
    )
}

fn section_titles(item: &ChecklistItem, s: &Session) -> String {
    let titles: Vec<&str> = item
        .sections
        .iter()
        .map(|id| s.section(id).map_or(id.as_str(), |sec| sec.title.as_str()))
        .collect();
    titles.join(", ")
}

fn figure_name(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Availability => "an availability target",
        FigureKind::Latency => "a latency target",
        FigureKind::Throughput => "a throughput figure",
        FigureKind::Rpo => "an RPO",
        FigureKind::Rto => "an RTO",
        FigureKind::Retention => "a retention period",
        FigureKind::Budget => "a budget",
        FigureKind::Capacity => "a capacity figure",
    }
}

fn run(check: Check, item: &ChecklistItem, ctx: &Context) -> Vec<Found> {
    let (s, needs) = (ctx.s, ctx.needs);
    match check {
        Check::Stated(kind) => {
            let stating: Vec<String> = ctx
                .stated
                .iter()
                .filter(|(_, kinds)| kinds.contains(&kind))
                .map(|(r, _)| match &r.source {
                    Some(src) => format!("{} ({})", r.id, src.short()),
                    None => r.id.clone(),
                })
                .collect();
            vec![if stating.is_empty() {
                unmet(format!("no requirement states {}", figure_name(kind)))
            } else {
                met(format!(
                    "{} stated by {}",
                    capitalise(figure_name(kind)),
                    first_of(&stating)
                ))
            }]
        }
        Check::Meets(need) => decisions(item, s)
            .into_iter()
            .filter_map(|c| {
                let (option, decided) = c.chosen()?;
                let compared = comparisons(option, needs);
                let cmp = compared.iter().find(|cmp| cmp.need == need)?;
                let label = choice_label(s, c, option, decided);
                Some(match cmp.outcome {
                    Outcome::Met | Outcome::AtBest => met(format!("{label}: {}", cmp.text)),
                    Outcome::NotMet => unmet(format!("{label}: {}", cmp.text)),
                })
            })
            .collect(),
        Check::Decided => decisions(item, s)
            .into_iter()
            .map(|c| match c.chosen() {
                Some((option, true)) => {
                    met(format!("{} decided", choice_label(s, c, option, true)))
                }
                Some((option, false)) => unmet(choice_label(s, c, option, false)),
                None => unmet(format!("{}: not yet decided", s.decision_label(c))),
            })
            .collect(),
        Check::Regimes => vec![if s.regimes.is_empty() {
            unmet("no compliance regime is in scope: none is named in the inputs or chosen".into())
        } else {
            met(format!("Regimes in scope: {}", s.regimes.join(", ")))
        }],
        Check::Diagram(kind) => {
            let drawn = s.diagrams.iter().find(|d| {
                d.kind == kind
                    && !d.source.trim().is_empty()
                    && !diagram_check::validate(&d.source)
                        .iter()
                        .any(|p| p.is_error())
            });
            vec![match drawn {
                Some(d) => met(format!("{} diagram \"{}\"", kind.label(), d.title.trim())),
                None => unmet(format!(
                    "the document has no valid {} diagram",
                    kind.label().to_lowercase()
                )),
            }]
        }
        Check::Stories => {
            let stories: Vec<String> = s
                .stories
                .iter()
                .filter(|st| {
                    st.section
                        .as_ref()
                        .is_some_and(|id| item.sections.contains(id))
                })
                .map(|st| format!("{} {}", st.id, st.title.trim()))
                .collect();
            vec![if stories.is_empty() {
                unmet(format!(
                    "no technical story implements {}",
                    section_titles(item, s)
                ))
            } else {
                met(format!("Stories: {}", first_of(&stories)))
            }]
        }
        Check::Honoured => {
            let assessor = &ctx.assessor;
            decisions(item, s)
                .into_iter()
                .filter_map(|c| {
                    let (option, decided) = c.chosen()?;
                    let label = choice_label(s, c, option, decided);
                    let accepted = |f: &crate::analysis::crosscheck::Finding| {
                        c.decision.as_ref().and_then(|d| {
                            d.acknowledged_conflicts
                                .iter()
                                .find(|a| a.finding == f.describe() && !a.reason.trim().is_empty())
                        })
                    };
                    let breaches: Vec<_> = assessor
                        .check(option)
                        .into_iter()
                        .filter(|f| f.rules_out())
                        .collect();
                    let open: Vec<String> = breaches
                        .iter()
                        .filter(|f| accepted(f).is_none())
                        .map(|f| f.describe())
                        .collect();
                    Some(if !open.is_empty() {
                        unmet(format!("{label} breaks {}", open.join("; ")))
                    } else if breaches.is_empty() {
                        met(format!(
                            "{label} breaks no mandate or prohibition of the inputs"
                        ))
                    } else {
                        let reasons: Vec<String> = breaches
                            .iter()
                            .filter_map(|f| accepted(f).map(|a| a.reason.trim().to_string()))
                            .collect();
                        met(format!(
                            "{label}: every breach of the inputs is accepted ({})",
                            reasons.join("; ")
                        ))
                    })
                })
                .collect()
        }
    }
}

/// At most [`LISTED`] of `items`, then how many more: `NFR7 (prd.md:77), NFR11 (prd.md:81),
/// REQ-63 (guidelines.md:194) and 2 more`.
fn first_of(items: &[String]) -> String {
    if items.len() <= LISTED {
        return items.join(", ");
    }
    format!(
        "{} and {} more",
        items[..LISTED].join(", "),
        items.len() - LISTED
    )
}

/// How many sources or stories a finding lists by name.
const LISTED: usize = 3;

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::checklist::{ChecklistCategory, ChecklistSeverity};
    use crate::model::{
        Decision, Diagram, DiagramKind, Need, Reach, Recommendation, Requirement,
        RequirementCategory, RequirementOrigin, Section, SourceRef,
    };
    use jiff::Timestamp;

    fn item(id: &str, sections: &[&str], assess: Vec<Check>) -> ChecklistItem {
        ChecklistItem {
            id: id.into(),
            text: format!("Check {id}."),
            why: String::new(),
            sections: sections.iter().map(|s| s.to_string()).collect(),
            severity: ChecklistSeverity::High,
            assess,
        }
    }

    fn checklist(items: Vec<ChecklistItem>) -> Checklist {
        Checklist {
            categories: vec![(
                ChecklistCategory {
                    id: "dr".into(),
                    title: "DR".into(),
                    applies_when: None,
                    origin: Default::default(),
                },
                items,
            )],
        }
    }

    fn requirement(id: &str, text: &str, line: u32) -> Requirement {
        Requirement {
            id: id.into(),
            category: RequirementCategory::Reliability,
            text: text.into(),
            origin: RequirementOrigin::Extracted,
            source: Some(SourceRef {
                input: "docs/prd.md".into(),
                line,
            }),
        }
    }

    /// A disaster recovery decision between a backup strategy restoring in about four hours and a
    /// warm standby recovering in about twenty minutes; RTO 60 min required by NFR4.
    fn session() -> Session {
        let mut s = Session::empty("T", "P", Timestamp::UNIX_EPOCH);
        s.sections
            .push(Section::new("disaster-recovery", "Disaster Recovery"));
        s.requirements.push(requirement(
            "NFR4",
            "The booking service shall recover within 60 minutes (RTO) after a regional outage.",
            74,
        ));
        let mut c = ComponentDesign::new("disaster-recovery", "");
        for (id, typical) in [("backup", 240.0), ("warm", 20.0)] {
            let mut o = OptionCard::named(id, &format!("{id} strategy"));
            o.capabilities.rto = Some(Reach {
                best: typical / 2.0,
                typical,
                via: format!("{id} restore"),
            });
            c.options.push(o);
        }
        s.components.push(c);
        s
    }

    fn decide(s: &mut Session, option: &str) {
        s.components[0].decision = Some(Decision {
            option: option.into(),
            justification: "j".into(),
            decided_at: Timestamp::UNIX_EPOCH,
            considered: vec!["backup".into(), "warm".into()],
            acknowledged_conflicts: vec![],
            ..Default::default()
        });
    }

    fn dr_item() -> ChecklistItem {
        item(
            "dr-01",
            &["disaster-recovery"],
            vec![
                Check::Stated(FigureKind::Rto),
                Check::Meets(Need::Rto),
                Check::Decided,
            ],
        )
    }

    #[test]
    fn a_stated_and_met_figure_of_a_decided_choice_passes_with_its_evidence() {
        let mut s = session();
        decide(&mut s, "warm");
        let found = assess(&checklist(vec![dr_item()]), &s);
        assert_eq!(found.len(), 1);
        let a = &found[0];
        assert_eq!(a.mark, Mark::Pass, "{a:?}");
        let evidence = a.evidence_line();
        assert!(
            evidence.contains("An RTO stated by NFR4 (prd.md:74)"),
            "{evidence}"
        );
        assert!(evidence.contains("warm strategy"), "{evidence}");
        assert!(evidence.contains("met"), "{evidence}");
        assert!(evidence.contains("decided"), "{evidence}");
    }

    #[test]
    fn a_choice_short_of_the_figure_or_only_recommended_is_not_a_pass() {
        let mut s = session();
        decide(&mut s, "backup");
        let a = &assess(&checklist(vec![dr_item()]), &s)[0];
        assert_eq!(a.mark, Mark::Partial, "{a:?}");
        assert!(
            a.found
                .iter()
                .any(|f| !f.met && f.evidence.contains("not met"))
        );

        let mut s = session();
        s.components[0].recommendation = Some(Recommendation {
            option: "warm".into(),
            rationale: "r".into(),
            at: Timestamp::UNIX_EPOCH,
        });
        let a = &assess(&checklist(vec![dr_item()]), &s)[0];
        assert_eq!(a.mark, Mark::Partial, "{a:?}");
        assert!(
            a.found
                .iter()
                .any(|f| !f.met && f.evidence.contains("recommended, not yet decided"))
        );
    }

    #[test]
    fn without_the_figure_nor_a_choice_the_item_fails_and_unassessable_checks_are_left_out() {
        let mut s = session();
        s.requirements.clear();
        let a = &assess(&checklist(vec![dr_item()]), &s)[0];
        assert_eq!(a.mark, Mark::Fail);
        // Meets(Rto) is not assessed without a requirement asking it: two findings remain.
        assert_eq!(a.found.len(), 2, "{a:?}");
        assert!(a.found[0].evidence.contains("no requirement states an RTO"));
        // An item without checks, or whose checks cannot be assessed, gets no assessment.
        let none = item("x-01", &["disaster-recovery"], vec![]);
        let meets_only = item(
            "x-02",
            &["disaster-recovery"],
            vec![Check::Meets(Need::Rto)],
        );
        assert!(assess(&checklist(vec![none, meets_only]), &s).is_empty());
    }

    #[test]
    fn diagrams_regimes_and_stories_are_found_in_the_session() {
        let mut s = session();
        let it = item(
            "doc-01",
            &["disaster-recovery"],
            vec![
                Check::Diagram(DiagramKind::NetworkTopology),
                Check::Regimes,
                Check::Stories,
            ],
        );
        let a = &assess(&checklist(vec![it.clone()]), &s)[0];
        assert_eq!(a.mark, Mark::Fail, "{a:?}");
        s.diagrams.push(Diagram {
            id: "net".into(),
            kind: DiagramKind::NetworkTopology,
            title: "Network".into(),
            section: None,
            source: "flowchart TB\n  a --> b\n".into(),
        });
        s.regimes.push("GDPR".into());
        let a = &assess(&checklist(vec![it.clone()]), &s)[0];
        assert_eq!(a.mark, Mark::Partial, "{a:?}");
        assert!(a.evidence_line().contains("Regimes in scope: GDPR"));
        // A diagram that does not parse is no evidence.
        s.diagrams[0].source = "flowchart TB\n  a -->\n".into();
        let a = &assess(&checklist(vec![it]), &s)[0];
        assert!(
            a.evidence_line()
                .contains("no valid network topology diagram"),
            "{a:?}"
        );
    }

    #[test]
    fn an_item_of_a_category_that_does_not_apply_is_not_assessed() {
        let s = session();
        let mut cl = checklist(vec![dr_item()]);
        cl.categories[0].0.applies_when = Some(vec!["kubernetes".into()]);
        assert!(assess(&cl, &s).is_empty());
    }
}
