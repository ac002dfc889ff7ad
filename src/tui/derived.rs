//! What the panes show that is worked out from the session rather than read from it, the fourth
//! part of [`App`] beside the document, the settings and the UI state: the navigator's
//! open-comment counts and the sections the selected one depends on, where the PRD's Technical
//! Assumptions are, the checklist's review summary, the cards' cross-check findings (worked out
//! off the UI thread), the process's path, and the preview's rendered sections. It is worked out
//! in `App::prepare`, once per change that is not typing (or per move of the selection), and
//! `draw` only reads it.

use crate::analysis::checklist_review::{ReviewSummary, summary};

use super::app::App;
use super::navigator::Stage;

/// Where the PRD's Technical Assumptions section is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum AssumptionsAt {
    /// No PRD among the inputs.
    #[default]
    NoPrd,
    /// The PRD has no Technical Assumptions section.
    Missing,
    /// The section's heading is on this line of the PRD.
    Line(u32),
}

impl AssumptionsAt {
    fn of(s: &crate::model::Session) -> AssumptionsAt {
        use crate::inputs::extract::{TechnicalAssumptions, technical_assumptions};
        match s
            .input(crate::model::InputKind::Prd)
            .map(technical_assumptions)
        {
            None => AssumptionsAt::NoPrd,
            Some(TechnicalAssumptions::Missing) => AssumptionsAt::Missing,
            Some(TechnicalAssumptions::Found { heading, .. }) => AssumptionsAt::Line(heading.line),
        }
    }
}

/// The derived data and what it was worked out for.
#[derive(Default)]
pub struct Derived {
    /// (changes that are not typing, the selected row, the reviewer's comments and how many
    /// of them are resolved).
    key: Option<(u64, usize, usize, usize)>,
    /// Per section, in session order: its open review comments.
    pub comment_counts: Vec<usize>,
    /// Per section, in session order: whether the selected section depends on it.
    pub depends_on: Vec<bool>,
    /// The checklist's summary, while the checklist stage is shown.
    pub checklist: Option<ReviewSummary>,
    /// Where the PRD's Technical Assumptions are, while the requirements stage is shown (finding
    /// them reads the PRD with the extraction knowledge, which the first frame never waits for).
    pub assumptions: Option<AssumptionsAt>,
    /// The checklist's rows, as (category, item), and the filter they were listed with.
    pub checklist_rows: (bool, Vec<(usize, usize)>),
    /// How many times it was worked out (for tests of the frame loop).
    pub refreshes: u64,
    /// The cross-check findings of every card and the navigator's conflict badges, keyed by
    /// the changes that are not typing (see [`App::analysed`]); worked out on a thread of their
    /// own in the workbench, so that no frame waits for them.
    pub analyses: super::analyses::Analyses,
    /// The process's path (stages, what comes next), worked out once per change.
    pub(crate) guide: super::guide::GuideCache,
    /// The preview's rendered sections, per width and theme.
    pub preview: super::preview_pane::PreviewCache,
    /// The typing that follows lets the preview fall behind: see [`super::app::PreviewPace`].
    pub preview_pace: super::app::PreviewPace,
}

impl App {
    /// Brings [`Derived`] up to date with the session (before a frame).
    pub(crate) fn refresh_derived(&mut self) {
        let (written, resolved) = self.doc.review.as_ref().map_or((0, 0), |r| {
            let c = &r.file.comments;
            (
                c.len(),
                c.iter().filter(|c| c.resolved_at.is_some()).count(),
            )
        });
        let key = (
            self.doc.changes - self.doc.text_edits,
            self.ui.selected,
            written,
            resolved,
        );
        let wants_checklist = self.selected_stage() == Some(Stage::Checklist);
        let wants_assumptions = self.selected_stage() == Some(Stage::Requirements);
        let fresh = self.derived.key == Some(key);
        let filter = self.ui.stages.checklist.deficiencies_only;
        let checklist_fresh =
            self.derived.checklist.is_some() && self.derived.checklist_rows.0 == filter;
        let assumptions_fresh = self.derived.assumptions.is_some();
        if fresh
            && (checklist_fresh || !wants_checklist)
            && (assumptions_fresh || !wants_assumptions)
        {
            return;
        }
        if !fresh {
            let depends_on = self
                .selected_section()
                .map(|i| {
                    crate::workflow::elicitation::dependencies(
                        &self.doc.session,
                        &self.doc.session.sections[i].id,
                    )
                })
                .unwrap_or_default();
            let comments = self.comments();
            self.derived.comment_counts = self
                .doc
                .session
                .sections
                .iter()
                .map(|s| crate::review::open_counts(&self.doc.session, &comments, &s.id))
                .collect();
            self.derived.depends_on = self
                .doc
                .session
                .sections
                .iter()
                .map(|s| depends_on.contains(&s.id))
                .collect();
            self.derived.assumptions = None;
            self.derived.checklist = None;
            self.derived.key = Some(key);
        }
        if wants_assumptions && self.derived.assumptions.is_none() {
            self.derived.assumptions = Some(AssumptionsAt::of(&self.doc.session));
        }
        if wants_checklist
            && !(self.derived.checklist.is_some() && self.derived.checklist_rows.0 == filter)
        {
            self.derived.checklist = Some(summary(&self.doc.checklist, &self.doc.session));
            self.derived.checklist_rows = (filter, super::checklist_stage::rows(self));
        }
        self.derived.refreshes += 1;
    }
}
