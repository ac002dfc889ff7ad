//! The session model: plain data with serde derives and the invariants that belong to the data.
//!
//! A [`Session`] is everything one drafting session holds. It knows nothing of files or terminals;
//! `store` persists it and `workflow` changes it. Field order here is the field order in the RON file,
//! so new fields go at the end of their struct, with `#[serde(default)]`.

pub mod adr;
mod capability;
mod component;
mod conflict;
mod diagram;
mod elicitation;
mod figure;
mod id;
mod input;
mod meta;
mod requirement;
mod review;
mod section;
mod story;

pub use adr::{AdrId, AdrStatus, People};
pub use capability::{
    Capabilities, FailureScope, Need, Reach, Residency, ScaleToZero, duration_text,
};
pub use component::{
    ComponentDesign, ConflictAck, Decision, DesignStep, FeedbackNote, OptionCard, Ratings,
    Recommendation,
};
pub use conflict::{ConflictResolution, ConflictSide, InputConflict};
pub use diagram::{Diagram, DiagramKind};
pub use elicitation::{
    AvailabilityPart, CostLevers, CostLine, Criterion, ElicitationAction, ElicitationRecord,
    ElicitationStatus, GapSeverity, LoadModel, MigrationStep, OptionCosts, OptionLockIn,
    OptionScores, RaciRole, RaciRow, SecurityAnswer, SecurityItem, TeamTouchpoints, Tier,
    Worksheet,
};
pub use figure::{BudgetPeriod, Figure};
pub use id::{BadId, bad_id, is_slug, slug};
pub use input::{InputDocument, InputKind, sha256_hex};
pub use meta::{FocusPane, HistoryEntry, InteractionMode, Metadata, Place, WorksheetPlace};
pub use requirement::{
    Assumption, AssumptionTopic, Modality, RegimeChoice, RegimeEvidence, RemovedRequirement,
    Requirement, RequirementCategory, RequirementOrigin, SourceRef,
};
pub use review::{ChecklistMark, CommentTarget, Mark, ReviewComment, Severity};
pub use section::{Section, SectionStatus};
pub use story::{Refinement, StorySize, TechnicalStory};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The session file format this build writes. Older versions are migrated on load; newer are refused.
pub const FORMAT_VERSION: u32 = 3;

/// One drafting session: the whole state of one infrastructure architecture document in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Always first in the file, so that a reader can tell the version before anything else.
    pub format_version: u32,
    pub meta: Metadata,
    /// `None` until the person has chosen; the workbench asks before designing starts.
    pub mode: Option<InteractionMode>,
    pub inputs: Vec<InputDocument>,
    pub requirements: Vec<Requirement>,
    /// Compliance regimes in scope (e.g. "SOC 2", "GDPR"), chosen in the requirements stage.
    pub regimes: Vec<String>,
    pub assumptions: Vec<Assumption>,
    /// The template's document sections, in template order.
    pub sections: Vec<Section>,
    /// One design record per section that the template designates as a component.
    pub components: Vec<ComponentDesign>,
    pub diagrams: Vec<Diagram>,
    pub stories: Vec<TechnicalStory>,
    pub refinements: Vec<Refinement>,
    pub checklist: Vec<ChecklistMark>,
    pub review_comments: Vec<ReviewComment>,
    pub history: Vec<HistoryEntry>,
    /// Where the person was when the session was last saved, so that it resumes there.
    pub place: Place,
    /// Where the inputs name compliance regimes, re-read with the inputs.
    #[serde(default)]
    pub regime_evidence: Vec<RegimeEvidence>,
    /// The person's own choices of regimes, over what the inputs say: `regimes` is what the
    /// evidence puts in scope, with these applied.
    #[serde(default)]
    pub regime_choices: Vec<RegimeChoice>,
    /// Where the inputs disagree with one another, re-read with the inputs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input_conflicts: Vec<InputConflict>,
    /// The person's resolutions of conflicts between the inputs, kept across readings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflict_resolutions: Vec<ConflictResolution>,
    /// Extracted requirements the person removed, kept out when the inputs are read again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_requirements: Vec<RemovedRequirement>,
    /// The highest decision number given so far (0 before the first decision): the next decision
    /// is numbered after it and after every number in the session, so numbers only go up.
    #[serde(default, skip_serializing_if = "adr::is_zero")]
    pub last_adr: u32,
}

impl Session {
    /// An empty session with only metadata; `workflow::start` fills it from a template and inputs.
    pub fn empty(title: &str, project: &str, now: Timestamp) -> Session {
        Session {
            format_version: FORMAT_VERSION,
            meta: Metadata {
                title: title.to_string(),
                project: project.to_string(),
                authors: Vec::new(),
                created: now,
                updated: now,
                template: String::new(),
            },
            mode: None,
            inputs: Vec::new(),
            requirements: Vec::new(),
            regimes: Vec::new(),
            assumptions: Vec::new(),
            sections: Vec::new(),
            components: Vec::new(),
            diagrams: Vec::new(),
            stories: Vec::new(),
            refinements: Vec::new(),
            checklist: Vec::new(),
            review_comments: Vec::new(),
            history: Vec::new(),
            place: Place::default(),
            regime_evidence: Vec::new(),
            regime_choices: Vec::new(),
            input_conflicts: Vec::new(),
            conflict_resolutions: Vec::new(),
            removed_requirements: Vec::new(),
            last_adr: 0,
        }
    }

    /// The person's resolution of a conflict between the inputs, if there is one.
    pub fn resolution(&self, conflict: &InputConflict) -> Option<&ConflictResolution> {
        self.conflict_resolutions
            .iter()
            .find(|r| r.key == conflict.key)
    }

    /// The conflicts between the inputs that nobody has resolved.
    pub fn open_conflicts(&self) -> impl Iterator<Item = &InputConflict> {
        self.input_conflicts
            .iter()
            .filter(|c| self.resolution(c).is_none())
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn section_mut(&mut self, id: &str) -> Option<&mut Section> {
        self.sections.iter_mut().find(|s| s.id == id)
    }

    pub fn component(&self, id: &str) -> Option<&ComponentDesign> {
        self.components.iter().find(|c| c.id == id)
    }

    pub fn component_mut(&mut self, id: &str) -> Option<&mut ComponentDesign> {
        self.components.iter_mut().find(|c| c.id == id)
    }

    /// The decisions of section `section`, in order (the primary one first in a session made
    /// from a template).
    pub fn decisions_in<'a>(
        &'a self,
        section: &'a str,
    ) -> impl Iterator<Item = &'a ComponentDesign> + 'a {
        self.components
            .iter()
            .filter(move |c| c.section_id() == section)
    }

    /// Whether section `section` holds decisions (is a component section).
    pub fn has_decisions(&self, section: &str) -> bool {
        self.decisions_in(section).next().is_some()
    }

    /// How decision `c` is named where decisions of all sections stand together (a decision log,
    /// an ADR): its section's title, followed by its own for a section's further decisions
    /// ("Data Resources · Cache").
    pub fn decision_label(&self, c: &ComponentDesign) -> String {
        let section = self
            .section(c.section_id())
            .map_or(c.section_id(), |s| s.title.as_str());
        if c.is_primary() {
            section.to_string()
        } else {
            format!("{section} · {}", self.decision_title(c))
        }
    }

    /// Every decision, section by section in document order.
    pub fn decisions_by_section(&self) -> impl Iterator<Item = &ComponentDesign> {
        self.sections
            .iter()
            .flat_map(move |sec| self.decisions_in(&sec.id))
    }

    /// The title of decision `c`: its own, else its section's.
    pub fn decision_title<'a>(&'a self, c: &'a ComponentDesign) -> &'a str {
        if !c.title.trim().is_empty() {
            return &c.title;
        }
        self.section(c.section_id())
            .map(|s| s.title.as_str())
            .unwrap_or(&c.id)
    }

    /// The number [`Session::allocate_adr`] would give now.
    pub fn next_adr(&self) -> AdrId {
        AdrId(self.highest_adr().saturating_add(1))
    }

    /// The highest decision number given so far: [`Session::last_adr`], or a number a record of
    /// the session holds above it (a file written by hand).
    pub fn highest_adr(&self) -> u32 {
        self.components
            .iter()
            .flat_map(|c| c.records())
            .filter_map(|d| d.adr)
            .map(|a| a.0)
            .fold(self.last_adr, u32::max)
    }

    /// Gives the next decision number: after [`Session::last_adr`] and after every number a
    /// decision of the session holds, so a number is never given twice.
    pub fn allocate_adr(&mut self) -> AdrId {
        let next = self.next_adr();
        self.last_adr = next.0;
        next
    }

    /// The component holding decision record `adr` and the record.
    pub fn adr(&self, adr: AdrId) -> Option<(&ComponentDesign, &Decision)> {
        self.components
            .iter()
            .find_map(|c| c.records().find(|d| d.adr == Some(adr)).map(|d| (c, d)))
    }

    pub fn input(&self, kind: InputKind) -> Option<&InputDocument> {
        self.inputs.iter().find(|i| i.kind == kind)
    }

    /// Appends an entry to the activity history and stamps `meta.updated`.
    pub fn record(&mut self, at: Timestamp, action: &str, detail: impl Into<String>) {
        self.meta.updated = at;
        self.history.push(HistoryEntry {
            at,
            action: action.to_string(),
            detail: detail.into(),
        });
    }
}

/// The current time, to the second: what the session records as "now" (sub-second precision would
/// only add noise to the file).
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_second(now.as_second()).unwrap_or(now)
}
