//! Records of the advanced elicitation actions and the data of their worksheets.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The reflective actions the process offers before a section is finalized (8, "finalize", is not
/// an action that leaves a record, so it is not here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ElicitationAction {
    AlternativeEvaluation,
    StressTest,
    SecurityCompliance,
    CostAnalysis,
    OperationalExcellence,
    CrossFunctionalIntegration,
    FutureMigration,
}

impl ElicitationAction {
    pub const ALL: [ElicitationAction; 7] = [
        ElicitationAction::AlternativeEvaluation,
        ElicitationAction::StressTest,
        ElicitationAction::SecurityCompliance,
        ElicitationAction::CostAnalysis,
        ElicitationAction::OperationalExcellence,
        ElicitationAction::CrossFunctionalIntegration,
        ElicitationAction::FutureMigration,
    ];

    /// The number the action menu shows for it.
    pub fn number(self) -> u8 {
        match self {
            ElicitationAction::AlternativeEvaluation => 1,
            ElicitationAction::StressTest => 2,
            ElicitationAction::SecurityCompliance => 3,
            ElicitationAction::CostAnalysis => 4,
            ElicitationAction::OperationalExcellence => 5,
            ElicitationAction::CrossFunctionalIntegration => 6,
            ElicitationAction::FutureMigration => 7,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ElicitationAction::AlternativeEvaluation => "Alternative Architecture Evaluation",
            ElicitationAction::StressTest => "Scalability & Performance Stress Test (Theoretical)",
            ElicitationAction::SecurityCompliance => "Security & Compliance Deep Dive",
            ElicitationAction::CostAnalysis => "Cost Analysis & Optimization Review",
            ElicitationAction::OperationalExcellence => {
                "Operational Excellence & Reliability Assessment"
            }
            ElicitationAction::CrossFunctionalIntegration => {
                "Cross-Functional Integration Analysis"
            }
            ElicitationAction::FutureMigration => "Future Technology & Migration Path Exploration",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ElicitationStatus {
    /// Worked on, not yet applied to the section draft or discarded.
    Pending,
    /// Its results were written into the section's draft.
    Applied,
    Discarded,
}

impl ElicitationStatus {
    /// One word for lists: `pending`, `applied`, `discarded`.
    pub fn word(self) -> &'static str {
        match self {
            ElicitationStatus::Pending => "pending",
            ElicitationStatus::Applied => "applied",
            ElicitationStatus::Discarded => "discarded",
        }
    }

    /// As the worksheet screen states it: `pending`, `applied to the section`, `discarded`.
    pub fn label(self) -> &'static str {
        match self {
            ElicitationStatus::Pending => "pending",
            ElicitationStatus::Applied => "applied to the section",
            ElicitationStatus::Discarded => "discarded",
        }
    }
}

/// One elicitation action performed on a component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElicitationRecord {
    pub action: ElicitationAction,
    pub at: Timestamp,
    pub worksheet: Worksheet,
    /// The computed results as the worksheet presented them, so the record reads without recomputing.
    pub results: String,
    /// The person's own conclusions.
    pub conclusions: String,
    pub status: ElicitationStatus,
}

/// The inputs of each worksheet (the computed results are derived from these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Worksheet {
    DecisionMatrix {
        criteria: Vec<Criterion>,
        scores: Vec<OptionScores>,
    },
    StressTest {
        load: LoadModel,
        tiers: Vec<Tier>,
    },
    SecurityReview {
        items: Vec<SecurityItem>,
    },
    CostReview {
        options: Vec<OptionCosts>,
        levers: CostLevers,
    },
    Reliability {
        slo_target_percent: f64,
        window_days: u32,
        parts: Vec<AvailabilityPart>,
        required_rto_minutes: Option<u32>,
        required_rpo_minutes: Option<u32>,
        delivered_rto_minutes: Option<u32>,
        delivered_rpo_minutes: Option<u32>,
        operational_burden: Vec<String>,
    },
    Integration {
        teams: Vec<TeamTouchpoints>,
        raci: Vec<RaciRow>,
        depends_on: Vec<String>,
    },
    Migration {
        steps: Vec<MigrationStep>,
        lock_in: Vec<OptionLockIn>,
        exit_strategy: String,
        technologies_to_watch: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub weight: f64,
}

/// Scores (1–5) of one option, one per criterion, in criterion order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionScores {
    pub option: String,
    pub scores: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadModel {
    /// What the load counts, e.g. `requests/s`, `jobs/h`, `users`.
    pub unit: String,
    pub baseline: f64,
    pub peak: f64,
    pub growth_percent_per_month: f64,
    pub horizon_months: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    pub name: String,
    /// Load one instance sustains, in the load model's unit.
    pub capacity_per_instance: f64,
    /// Target utilisation as a fraction (0.0–1.0).
    pub target_utilisation: f64,
    pub monthly_cost_per_instance: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecurityAnswer {
    Unanswered,
    Met,
    Partial,
    Gap,
    NotApplicable,
}

impl SecurityAnswer {
    /// Every answer, in the order a choice cell cycles through them.
    pub const ALL: [SecurityAnswer; 5] = [
        SecurityAnswer::Unanswered,
        SecurityAnswer::Met,
        SecurityAnswer::Partial,
        SecurityAnswer::Gap,
        SecurityAnswer::NotApplicable,
    ];

    /// The answer in words, for reports: `Unanswered`, `Met`, `Partial`, `Gap`, `Not applicable`.
    pub fn label(self) -> &'static str {
        match self {
            SecurityAnswer::Unanswered => "Unanswered",
            SecurityAnswer::Met => "Met",
            SecurityAnswer::Partial => "Partial",
            SecurityAnswer::Gap => "Gap",
            SecurityAnswer::NotApplicable => "Not applicable",
        }
    }

    /// The answer as a worksheet cell shows it: `?`, `Met`, `Partial`, `Gap`, `N/A`.
    pub fn short_label(self) -> &'static str {
        match self {
            SecurityAnswer::Unanswered => "?",
            SecurityAnswer::NotApplicable => "N/A",
            other => other.label(),
        }
    }

    /// The answer after this one in [`SecurityAnswer::ALL`], the last one wrapping to the first.
    pub fn next(self) -> SecurityAnswer {
        next_in(&SecurityAnswer::ALL, self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GapSeverity {
    Low,
    Medium,
    High,
    Critical,
}

impl GapSeverity {
    /// Every severity, least severe first (the order a choice cell cycles through them).
    pub const ALL: [GapSeverity; 4] = [
        GapSeverity::Low,
        GapSeverity::Medium,
        GapSeverity::High,
        GapSeverity::Critical,
    ];

    /// `Low`, `Medium`, `High`, `Critical`.
    pub fn label(self) -> &'static str {
        match self {
            GapSeverity::Low => "Low",
            GapSeverity::Medium => "Medium",
            GapSeverity::High => "High",
            GapSeverity::Critical => "Critical",
        }
    }

    /// The next more severe one; `Critical` wraps to `Low`.
    pub fn next(self) -> GapSeverity {
        next_in(&GapSeverity::ALL, self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityItem {
    pub question: String,
    /// The compliance regime the question comes from, if any.
    pub regime: Option<String>,
    pub answer: SecurityAnswer,
    pub severity: GapSeverity,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostLine {
    pub resource: String,
    pub quantity: f64,
    pub unit_price_per_month: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionCosts {
    pub option: String,
    pub lines: Vec<CostLine>,
}

/// Optimisation levers, all as fractions (0.0–1.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostLevers {
    pub committed_share: f64,
    pub commitment_discount: f64,
    pub spot_share: f64,
    pub spot_discount: f64,
    pub rightsizing: f64,
    pub storage_tiering: f64,
}

/// A part of the design in the availability model; parts that share a non-empty `group` are
/// redundant with each other, groups and ungrouped parts are in series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityPart {
    pub name: String,
    pub availability_percent: f64,
    pub group: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamTouchpoints {
    pub team: String,
    pub touchpoints: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RaciRole {
    Responsible,
    Accountable,
    Consulted,
    Informed,
    None,
}

impl RaciRole {
    /// Every role, in the order a choice cell cycles through them (no role first).
    pub const ALL: [RaciRole; 5] = [
        RaciRole::None,
        RaciRole::Responsible,
        RaciRole::Accountable,
        RaciRole::Consulted,
        RaciRole::Informed,
    ];

    /// The role's letter for tables: `R`, `A`, `C`, `I`, and `–` for none.
    pub fn letter(self) -> &'static str {
        match self {
            RaciRole::Responsible => "R",
            RaciRole::Accountable => "A",
            RaciRole::Consulted => "C",
            RaciRole::Informed => "I",
            RaciRole::None => "–",
        }
    }

    /// The role a letter stands for: `R`, `A`, `C`, `I` in either case; anything else is none.
    pub fn from_letter(c: char) -> RaciRole {
        match c.to_ascii_uppercase() {
            'R' => RaciRole::Responsible,
            'A' => RaciRole::Accountable,
            'C' => RaciRole::Consulted,
            'I' => RaciRole::Informed,
            _ => RaciRole::None,
        }
    }

    /// The role after this one in [`RaciRole::ALL`]; `Informed` wraps to none.
    pub fn next(self) -> RaciRole {
        next_in(&RaciRole::ALL, self)
    }
}

/// One activity of the section and each team's role in it, in team order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaciRow {
    pub activity: String,
    pub roles: Vec<RaciRole>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MigrationStep {
    pub step: String,
    /// Target date as written by the person (ISO `YYYY-MM-DD` or a quarter such as `2027-Q2`).
    pub target: String,
    pub reversible: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionLockIn {
    pub option: String,
    /// 1 (easy to leave) to 5 (hard to leave).
    pub lock_in: u8,
    pub reversibility: String,
}

/// The value after `current` in `all`, wrapping around; the first when `current` is not in `all`.
fn next_in<T: Copy + PartialEq>(all: &[T], current: T) -> T {
    let i = all.iter().position(|x| *x == current).map_or(0, |i| i + 1);
    all[i % all.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_cycle_through_every_value_and_back() {
        let mut a = SecurityAnswer::Unanswered;
        let mut seen = Vec::new();
        for _ in 0..SecurityAnswer::ALL.len() {
            seen.push(a);
            a = a.next();
        }
        assert_eq!(seen, SecurityAnswer::ALL);
        assert_eq!(a, SecurityAnswer::Unanswered);
        assert_eq!(GapSeverity::Critical.next(), GapSeverity::Low);
        assert_eq!(GapSeverity::Low.next(), GapSeverity::Medium);
        assert_eq!(RaciRole::None.next(), RaciRole::Responsible);
        assert_eq!(RaciRole::Informed.next(), RaciRole::None);
    }

    #[test]
    fn labels_are_the_ones_tables_and_reports_show() {
        let short: Vec<&str> = SecurityAnswer::ALL
            .map(SecurityAnswer::short_label)
            .to_vec();
        assert_eq!(short, ["?", "Met", "Partial", "Gap", "N/A"]);
        assert_eq!(SecurityAnswer::NotApplicable.label(), "Not applicable");
        assert_eq!(SecurityAnswer::Unanswered.label(), "Unanswered");
        let severities: Vec<&str> = GapSeverity::ALL.map(GapSeverity::label).to_vec();
        assert_eq!(severities, ["Low", "Medium", "High", "Critical"]);
        assert_eq!(ElicitationStatus::Applied.word(), "applied");
        assert_eq!(ElicitationStatus::Applied.label(), "applied to the section");
    }

    #[test]
    fn raci_letters_read_back_as_their_roles() {
        for role in RaciRole::ALL {
            let letter = role.letter().chars().next().unwrap();
            assert_eq!(RaciRole::from_letter(letter), role);
            assert_eq!(RaciRole::from_letter(letter.to_ascii_lowercase()), role);
        }
        assert_eq!(RaciRole::from_letter('x'), RaciRole::None);
    }
}
