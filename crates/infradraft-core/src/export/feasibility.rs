//! The feasibility review of the design, area by area (each section that holds decisions): red,
//! amber or green, with the reason, from what the session knows.
//!
//! | Rating | When |
//! |---|---|
//! | Red | a choice (decided, else recommended) breaks a mandate or prohibition of the inputs, or misses a required figure, and the breach was not accepted with a reason; or an open Critical security gap |
//! | Amber | a decision has no choice yet; a required figure is met only when tuned for it; a choice goes against a preference of the inputs; a breach was accepted; or an open High security gap |
//! | Green | every decision has a choice that meets what the inputs require of it |
//!
//! The reason names the first finding that set the rating, with its source, and for a green area
//! what the choices were checked against.

use std::fmt::Write as _;

use crate::analysis::crosscheck::{Assessor, Needs, Verdict};
use crate::model::{ComponentDesign, GapSeverity, Session};

/// Red, amber or green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rating {
    Green,
    Amber,
    Red,
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Rating::Green => "Green",
            Rating::Amber => "Amber",
            Rating::Red => "Red",
        }
    }
}

/// One area's rating and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRating {
    /// The section's title.
    pub area: String,
    pub rating: Rating,
    pub reasons: Vec<String>,
}

/// The rating of every section that holds decisions, in document order.
pub fn ratings(s: &Session) -> Vec<AreaRating> {
    ratings_with(s, &Needs::of(&s.requirements))
}

/// [`ratings`] with the figures the requirements ask for worked out before.
pub fn ratings_with(s: &Session, needs: &Needs) -> Vec<AreaRating> {
    let assessor = Assessor::with_needs(&s.assumptions, needs, &s.inputs);
    let gaps = super::open_security_gaps(s);
    let mut out = Vec::new();
    for section in &s.sections {
        let decisions: Vec<&ComponentDesign> = s.decisions_in(&section.id).collect();
        if decisions.is_empty() {
            continue;
        }
        let mut red: Vec<String> = Vec::new();
        let mut amber: Vec<String> = Vec::new();
        let mut green: Vec<String> = Vec::new();
        for c in &decisions {
            // A section's only decision goes without its title, which is the area's.
            let label = if decisions.len() == 1 {
                String::new()
            } else {
                format!("{}: ", s.decision_title(c))
            };
            let Some((option, _)) = c.chosen() else {
                amber.push(format!("{label}no option chosen yet"));
                continue;
            };
            let accepted = |describe: &str| {
                c.decision.as_ref().is_some_and(|d| {
                    d.acknowledged_conflicts
                        .iter()
                        .any(|a| a.finding == describe && !a.reason.trim().is_empty())
                })
            };
            let mut met = Vec::new();
            let mut agrees = 0;
            for f in assessor.check(option) {
                let source = f
                    .evidence
                    .as_ref()
                    .map_or(String::new(), |e| format!(" ({})", e.short()));
                let said = format!(
                    "{label}{}: {}{source}",
                    crate::analysis::stories::short_name(&option.name),
                    f.explanation.trim_end_matches('.')
                );
                if f.rules_out() {
                    if accepted(&f.describe()) {
                        amber.push(format!("{said} (accepted)"));
                    } else {
                        red.push(said);
                    }
                } else if f.verdict == Verdict::Conflicting
                    || (f.verdict == Verdict::Aligned && f.at_best)
                {
                    amber.push(said);
                } else if f.verdict == Verdict::Aligned
                    && f.basis == crate::analysis::crosscheck::Basis::Figure
                {
                    met.push(f.brief.clone());
                } else if f.verdict == Verdict::Aligned {
                    agrees += 1;
                }
            }
            let label_of = s.decision_label(c);
            for (decision, gap) in &gaps {
                if *decision == label_of {
                    let said = format!(
                        "open {} security gap: {}",
                        if gap.severity == GapSeverity::Critical {
                            "critical"
                        } else {
                            "high"
                        },
                        gap.question.trim()
                    );
                    if gap.severity == GapSeverity::Critical {
                        red.push(said);
                    } else {
                        amber.push(said);
                    }
                }
            }
            let name = crate::analysis::stories::short_name(&option.name);
            let agreeing = match agrees {
                0 => "no conflict with the inputs".to_string(),
                1 => "agrees with 1 statement of the inputs, conflicts with none".to_string(),
                n => format!("agrees with {n} statements of the inputs, conflicts with none"),
            };
            green.push(if met.is_empty() {
                format!("{label}{name}: {agreeing}")
            } else {
                format!("{label}{name}: meets {}", met.join(", "))
            });
        }
        let (rating, reasons) = if !red.is_empty() {
            (Rating::Red, red)
        } else if !amber.is_empty() {
            (Rating::Amber, amber)
        } else {
            (Rating::Green, green)
        };
        out.push(AreaRating {
            area: section.title.trim().to_string(),
            rating,
            reasons,
        });
    }
    out
}

/// The ratings as a Markdown table; a line saying so when the session holds no decisions.
pub fn markdown(s: &Session) -> String {
    markdown_of(&ratings(s))
}

/// The Markdown of ratings worked out before (see [`markdown`]).
pub fn markdown_of(rated: &[AreaRating]) -> String {
    if rated.is_empty() {
        return "This document holds no component decisions to review for feasibility.\n".into();
    }
    let mut out = String::from("| Area | Rating | Why |\n|---|---|---|\n");
    for r in rated {
        let mut why: Vec<String> = r.reasons.iter().take(2).cloned().collect();
        if r.reasons.len() > 2 {
            why.push(format!("and {} more", r.reasons.len() - 2));
        }
        let _ = writeln!(
            out,
            "| {} | **{}** | {} |",
            cell(&r.area),
            r.rating.label(),
            cell(&why.join("; "))
        );
    }
    let count = |x: Rating| rated.iter().filter(|r| r.rating == x).count();
    let _ = writeln!(
        out,
        "\n{} green, {} amber and {} red of {} areas, rated from the choices against the inputs; a \
         person's review of budget, people, skills and time comes on top.",
        count(Rating::Green),
        count(Rating::Amber),
        count(Rating::Red),
        rated.len()
    );
    out
}

fn cell(text: &str) -> String {
    crate::text::sanitize_line(text)
        .replace('|', "\\|")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Assumption, AssumptionTopic, ConflictAck, Decision, Modality, OptionCard, Recommendation,
        Section, SourceRef,
    };
    use jiff::Timestamp;

    /// Compute (self-managed Kubernetes recommended) and Data (nothing chosen) sections, and a
    /// PRD fact that rules self-managed Kubernetes out.
    fn session() -> Session {
        let mut s = Session::empty("T", "P", Timestamp::UNIX_EPOCH);
        s.sections
            .push(Section::new("compute-resources", "Compute Resources"));
        s.sections
            .push(Section::new("data-resources", "Data Resources"));
        s.sections.push(Section::new("overview", "Overview"));
        let mut compute = ComponentDesign::new("compute-resources", "");
        let mut k8s = OptionCard::named("k8s", "Self-managed Kubernetes");
        k8s.tags = vec!["kubernetes".into(), "self-managed".into()];
        let mut paas = OptionCard::named("paas", "Managed container platform");
        paas.tags = vec!["containers".into(), "managed".into()];
        compute.options = vec![k8s, paas];
        compute.recommendation = Some(Recommendation {
            option: "k8s".into(),
            rationale: String::new(),
            at: Timestamp::UNIX_EPOCH,
        });
        s.components.push(compute);
        s.components
            .push(ComponentDesign::new("data-resources", ""));
        s.assumptions.push(Assumption {
            topic: AssumptionTopic::ContainerOrchestration,
            text: "No self-managed Kubernetes.".into(),
            tags: vec!["no-self-managed-kubernetes".into()],
            source: Some(SourceRef {
                input: "docs/prd.md".into(),
                line: 12,
            }),
            modality: Modality::Prohibition,
            incidental: false,
        });
        s
    }

    fn rating(s: &Session, area: &str) -> AreaRating {
        ratings(s).into_iter().find(|r| r.area == area).unwrap()
    }

    #[test]
    fn a_choice_the_inputs_forbid_is_red_and_a_decision_without_a_choice_amber() {
        let mut s = session();
        let compute = rating(&s, "Compute Resources");
        assert_eq!(compute.rating, Rating::Red, "{compute:?}");
        assert!(compute.reasons[0].starts_with("Self-managed Kubernetes: "));
        assert!(compute.reasons[0].ends_with("(prd.md:12)"), "{compute:?}");
        let data = rating(&s, "Data Resources");
        assert_eq!(data.rating, Rating::Amber);
        assert_eq!(data.reasons, ["no option chosen yet"]);
        // Sections without decisions are no area.
        assert!(ratings(&s).iter().all(|r| r.area != "Overview"));
        // Deciding for the option the inputs allow makes the area green.
        s.components[0].decision = Some(Decision {
            option: "paas".into(),
            justification: "j".into(),
            decided_at: Timestamp::UNIX_EPOCH,
            considered: vec![],
            acknowledged_conflicts: vec![],
            ..Default::default()
        });
        let compute = rating(&s, "Compute Resources");
        assert_eq!(compute.rating, Rating::Green, "{compute:?}");
        assert_eq!(
            compute.reasons,
            ["Managed container platform: no conflict with the inputs"]
        );
    }

    #[test]
    fn an_accepted_breach_is_amber_and_the_table_counts_the_ratings() {
        let mut s = session();
        let finding = {
            let c = &s.components[0];
            let needs = Needs::of(&s.requirements);
            Assessor::with_needs(&s.assumptions, &needs, &s.inputs)
                .check(c.option("k8s").unwrap())
                .into_iter()
                .find(|f| f.rules_out())
                .unwrap()
                .describe()
        };
        s.components[0].decision = Some(Decision {
            option: "k8s".into(),
            justification: "j".into(),
            decided_at: Timestamp::UNIX_EPOCH,
            considered: vec![],
            acknowledged_conflicts: vec![ConflictAck {
                finding,
                reason: "the platform team already runs clusters".into(),
            }],
            ..Default::default()
        });
        assert_eq!(rating(&s, "Compute Resources").rating, Rating::Amber);
        let md = markdown(&s);
        assert!(md.starts_with("| Area | Rating | Why |"), "{md}");
        assert!(md.contains("| Compute Resources | **Amber** | "), "{md}");
        assert!(md.contains("(accepted)"), "{md}");
        assert!(md.contains("0 green, 2 amber and 0 red of 2 areas"), "{md}");
    }
}
