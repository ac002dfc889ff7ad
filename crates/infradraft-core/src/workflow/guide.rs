//! The process as a path: its stages in order, how far each has come, and the one thing it asks
//! next — all read from the session's own state, so that the workbench can say "Next: …" on every
//! screen and show the whole path at a glance.
//!
//! The stages follow the process: choose the interaction mode; gather the inputs; check the
//! requirements (and settle where the inputs disagree); design each component (options,
//! recommendation, decision) and write the other sections, in the document's order; generate the
//! diagrams; draft the technical stories; review the checklist; finalize the sections; export.
//!
//! What comes next is the first stage that is not done, and within the document stages the first
//! section in the document's order that needs work. Nothing here is stored: a session read back
//! tells the same story.

use crate::knowledge::checklist::Checklist;
use crate::model::{InteractionMode, SectionStatus, Session};

/// A stage of the process, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Mode,
    Inputs,
    Requirements,
    Design,
    Writing,
    Diagrams,
    Stories,
    Checklist,
    Finalize,
    Export,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Mode,
        Stage::Inputs,
        Stage::Requirements,
        Stage::Design,
        Stage::Writing,
        Stage::Diagrams,
        Stage::Stories,
        Stage::Checklist,
        Stage::Finalize,
        Stage::Export,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Mode => "Interaction mode",
            Stage::Inputs => "Inputs",
            Stage::Requirements => "Requirements",
            Stage::Design => "Component decisions",
            Stage::Writing => "Other sections",
            Stage::Diagrams => "Diagrams",
            Stage::Stories => "Stories & epics",
            Stage::Checklist => "Checklist review",
            Stage::Finalize => "Finalize sections",
            Stage::Export => "Export",
        }
    }
}

/// How far a stage has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    NotStarted,
    Started,
    Done,
}

impl State {
    /// The mark shown beside the stage: ○ not started, ◐ started, ✓ done.
    pub fn mark(self) -> &'static str {
        match self {
            State::NotStarted => "○",
            State::Started => "◐",
            State::Done => "✓",
        }
    }
}

/// One stage with its state and a line saying where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageProgress {
    pub stage: Stage,
    pub state: State,
    pub detail: String,
}

/// What the person does next, as a step the workbench has a key for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    ChooseMode,
    AddInput,
    ResolveConflicts,
    /// YOLO mode with nothing drafted: draft every component at once.
    DraftAll,
    AddOptions,
    Recommend,
    Decide,
    Write,
    GenerateDiagrams,
    DraftStories,
    MarkChecklist,
    Finalize,
    Export,
}

/// The one thing the process asks next, and where it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    pub stage: Stage,
    pub step: Step,
    /// What to do, in a few words ("decide Compute Resources").
    pub what: String,
    /// Where it is done: a decision's id (the component), a section id or a stage id
    /// (`stage:inputs`).
    pub place: Option<String>,
}

/// The session's state, counted once, for [`stages`] and [`next`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub stages: Vec<StageProgress>,
    pub next: Next,
}

/// The stages and the next step of `s`, reviewed against `checklist` (its categories that apply
/// to the design so far).
pub fn path(s: &Session, checklist: &Checklist) -> Path {
    let counts = crate::analysis::checklist_review::summary(checklist, s).overall;
    let checklist_items =
        counts.pass + counts.partial + counts.fail + counts.not_applicable + counts.unmarked;
    let marked = checklist_items - counts.unmarked;
    let decisions = s.components.len();
    let decided = s.components.iter().filter(|c| c.is_decided()).count();
    let plain: Vec<_> = s
        .sections
        .iter()
        .filter(|x| s.decisions_in(&x.id).next().is_none())
        .collect();
    let plain_written = plain
        .iter()
        .filter(|x| x.status >= SectionStatus::Drafted)
        .count();
    let finalized = s
        .sections
        .iter()
        .filter(|x| x.status == SectionStatus::Finalized)
        .count();
    let open_conflicts = s.open_conflicts().count();
    let exported = s
        .history
        .iter()
        .rposition(|h| h.action == "exported")
        .map(|at| (at, &s.history[at]));
    let exported_last = exported.is_some_and(|(at, _)| at + 1 == s.history.len());
    let state = |done: bool, started: bool| match (done, started) {
        (true, _) => State::Done,
        (false, true) => State::Started,
        _ => State::NotStarted,
    };
    let stages = vec![
        StageProgress {
            stage: Stage::Mode,
            state: state(s.mode.is_some(), false),
            detail: s
                .mode
                .map_or("not chosen".to_string(), |m| m.label().to_string()),
        },
        StageProgress {
            stage: Stage::Inputs,
            state: state(!s.inputs.is_empty(), false),
            detail: match s.inputs.len() {
                0 => "none yet: add the PRD and the other documents".to_string(),
                n => format!(
                    "{n} document(s): {}",
                    s.inputs
                        .iter()
                        .map(|i| i.kind.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
        },
        StageProgress {
            stage: Stage::Requirements,
            state: state(
                !s.requirements.is_empty() && open_conflicts == 0,
                !s.requirements.is_empty(),
            ),
            detail: match open_conflicts {
                0 => format!("{} requirement(s)", s.requirements.len()),
                n => format!(
                    "{} requirement(s); {n} conflict(s) between the inputs open",
                    s.requirements.len()
                ),
            },
        },
        StageProgress {
            stage: Stage::Design,
            state: state(decisions > 0 && decided == decisions, decided > 0),
            detail: format!("{decided}/{decisions} decisions made"),
        },
        StageProgress {
            stage: Stage::Writing,
            state: state(plain_written == plain.len(), plain_written > 0),
            detail: format!("{plain_written}/{} written", plain.len()),
        },
        StageProgress {
            stage: Stage::Diagrams,
            state: state(!s.diagrams.is_empty(), false),
            detail: format!("{} diagram(s)", s.diagrams.len()),
        },
        StageProgress {
            stage: Stage::Stories,
            state: state(!s.stories.is_empty(), false),
            detail: format!(
                "{} technical stories, {} refinements to the inputs' stories",
                s.stories.len(),
                s.refinements.len()
            ),
        },
        StageProgress {
            stage: Stage::Checklist,
            state: state(checklist_items > 0 && marked >= checklist_items, marked > 0),
            detail: format!("{marked}/{checklist_items} items marked"),
        },
        StageProgress {
            stage: Stage::Finalize,
            state: state(
                finalized == s.sections.len() && finalized > 0,
                finalized > 0,
            ),
            detail: format!("{finalized}/{} sections finalized", s.sections.len()),
        },
        StageProgress {
            stage: Stage::Export,
            state: state(exported_last, exported.is_some()),
            detail: match exported {
                Some((_, h)) if exported_last => format!("exported to {}", h.detail),
                Some(_) => "changed since the last export".to_string(),
                None => "not exported yet".to_string(),
            },
        },
    ];
    let next = next_step(s, &stages, open_conflicts);
    Path { stages, next }
}

fn next_step(s: &Session, stages: &[StageProgress], open_conflicts: usize) -> Next {
    let at = |stage: Stage, step: Step, what: String, place: Option<&str>| Next {
        stage,
        step,
        what,
        place: place.map(str::to_string),
    };
    let done = |stage: Stage| {
        stages
            .iter()
            .any(|p| p.stage == stage && p.state == State::Done)
    };
    if s.mode.is_none() {
        return at(
            Stage::Mode,
            Step::ChooseMode,
            "choose the interaction mode".into(),
            None,
        );
    }
    if s.inputs.is_empty() {
        return at(
            Stage::Inputs,
            Step::AddInput,
            "add the project's input documents (PRD first)".into(),
            Some("stage:inputs"),
        );
    }
    if open_conflicts > 0 {
        return at(
            Stage::Requirements,
            Step::ResolveConflicts,
            format!("settle the {open_conflicts} conflict(s) between the inputs"),
            Some("stage:requirements"),
        );
    }
    let nothing_drafted = s.components.iter().all(|c| c.options.is_empty());
    if s.mode == Some(InteractionMode::Yolo) && nothing_drafted && !s.components.is_empty() {
        return at(
            Stage::Design,
            Step::DraftAll,
            "draft every component at once (YOLO)".into(),
            None,
        );
    }
    // The document, in its order: a component to decide or a section to write.
    for section in &s.sections {
        let mut decisions = s.decisions_in(&section.id).peekable();
        if decisions.peek().is_none() {
            if section.status == SectionStatus::Empty {
                return at(
                    Stage::Writing,
                    Step::Write,
                    format!("write {}", section.title),
                    Some(&section.id),
                );
            }
            continue;
        }
        if let Some(c) = decisions.find(|c| !c.is_decided()) {
            let label = s.decision_label(c);
            let (step, what) = if c.options.len() < crate::workflow::design::MIN_OPTIONS {
                (Step::AddOptions, format!("add options to {label}"))
            } else if c.recommendation.is_none() {
                (Step::Recommend, format!("recommend an option for {label}"))
            } else {
                (Step::Decide, format!("decide {label}"))
            };
            return at(Stage::Design, step, what, Some(&c.id));
        }
    }
    if !done(Stage::Diagrams) {
        return at(
            Stage::Diagrams,
            Step::GenerateDiagrams,
            "generate the diagrams from the decisions".into(),
            Some("stage:diagrams"),
        );
    }
    if !done(Stage::Stories) {
        return at(
            Stage::Stories,
            Step::DraftStories,
            "draft the technical stories".into(),
            Some("stage:stories"),
        );
    }
    if !done(Stage::Checklist) {
        return at(
            Stage::Checklist,
            Step::MarkChecklist,
            "review the checklist, item by item".into(),
            Some("stage:checklist"),
        );
    }
    if let Some(section) = s
        .sections
        .iter()
        .find(|x| x.status != SectionStatus::Finalized)
    {
        return at(
            Stage::Finalize,
            Step::Finalize,
            format!("finalize {}", section.title),
            Some(&section.id),
        );
    }
    at(
        Stage::Export,
        Step::Export,
        if done(Stage::Export) {
            "nothing: the document is exported; export again after a change".into()
        } else {
            "export the document".into()
        },
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{Catalog, Template};
    use crate::workflow::{NewSession, new_session};
    use jiff::Timestamp;

    fn t(n: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + n).unwrap()
    }

    fn session(mode: Option<InteractionMode>, inputs: bool) -> Session {
        new_session(
            &Template::builtin().unwrap(),
            NewSession {
                title: None,
                project: None,
                authors: vec![],
                mode,
                inputs: if inputs {
                    crate::sample::inputs(t(0))
                } else {
                    vec![]
                },
            },
            t(0),
        )
    }

    fn checklist() -> Checklist {
        Checklist::builtin().unwrap()
    }

    fn state(p: &Path, stage: Stage) -> State {
        p.stages.iter().find(|x| x.stage == stage).unwrap().state
    }

    #[test]
    fn a_new_session_asks_for_the_mode_then_the_inputs() {
        let p = path(&session(None, false), &checklist());
        assert_eq!(p.next.step, Step::ChooseMode);
        assert_eq!(state(&p, Stage::Mode), State::NotStarted);
        let p = path(
            &session(Some(InteractionMode::Incremental), false),
            &checklist(),
        );
        assert_eq!(p.next.step, Step::AddInput);
        assert_eq!(p.next.place.as_deref(), Some("stage:inputs"));
        assert_eq!(state(&p, Stage::Mode), State::Done);
        assert_eq!(state(&p, Stage::Inputs), State::NotStarted);
    }

    #[test]
    fn the_document_is_worked_in_its_order_and_each_decision_in_its_steps() {
        let mut s = session(Some(InteractionMode::Incremental), true);
        s.input_conflicts.clear();
        let p = path(&s, &checklist());
        assert_eq!(state(&p, Stage::Inputs), State::Done);
        // The first section needing work in document order.
        let first = s
            .sections
            .iter()
            .find(|x| s.decisions_in(&x.id).next().is_some() || x.status == SectionStatus::Empty)
            .unwrap();
        assert_eq!(p.next.place.as_deref(), Some(first.id.as_str()));
        // YOLO with nothing drafted offers the draft; once drafted, the first undecided
        // component is to decide (it has options and a recommendation).
        s.mode = Some(InteractionMode::Yolo);
        assert_eq!(path(&s, &checklist()).next.step, Step::DraftAll);
        crate::workflow::yolo::draft_all(
            &mut s,
            &Template::builtin().unwrap(),
            &Catalog::builtin().unwrap(),
            t(1),
        );
        for x in &mut s.sections {
            if x.status == SectionStatus::Empty {
                x.status = SectionStatus::Drafted;
            }
        }
        let p = path(&s, &checklist());
        assert_eq!(p.next.step, Step::Decide);
        assert_eq!(state(&p, Stage::Design), State::NotStarted);
        let c = &s.components[0];
        assert_eq!(p.next.place.as_deref(), Some(c.id.as_str()));
        assert!(
            p.next.what.contains(&s.decision_label(c)),
            "{}",
            p.next.what
        );
    }

    #[test]
    fn after_the_decisions_come_diagrams_stories_checklist_finalize_and_export() {
        let mut s = session(Some(InteractionMode::Yolo), true);
        s.input_conflicts.clear();
        crate::workflow::yolo::draft_all(
            &mut s,
            &Template::builtin().unwrap(),
            &Catalog::builtin().unwrap(),
            t(1),
        );
        for c in &mut s.components {
            c.decision = Some(crate::model::Decision {
                option: c.options[0].id.clone(),
                justification: "fits".into(),
                decided_at: t(1),
                considered: c.options.iter().map(|o| o.id.clone()).collect(),
                acknowledged_conflicts: vec![],
                ..Default::default()
            });
        }
        for x in &mut s.sections {
            x.status = SectionStatus::Drafted;
        }
        s.diagrams.clear();
        s.stories.clear();
        assert_eq!(path(&s, &checklist()).next.step, Step::GenerateDiagrams);
        crate::workflow::diagrams::refresh(&mut s);
        assert!(!s.diagrams.is_empty());
        assert_eq!(path(&s, &checklist()).next.step, Step::DraftStories);
        s.stories = crate::analysis::stories::draft_stories(&s);
        assert!(!s.stories.is_empty());
        let p = path(&s, &checklist());
        assert_eq!(p.next.step, Step::MarkChecklist);
        let list = checklist();
        let applicable: Vec<String> = crate::analysis::checklist_review::summary(&list, &s)
            .categories
            .iter()
            .zip(&list.categories)
            .filter(|(summary, _)| summary.applies)
            .flat_map(|(_, (_, items))| items.iter().map(|i| i.id.clone()))
            .collect();
        for (n, item) in applicable.iter().enumerate() {
            s.checklist.push(crate::model::ChecklistMark {
                item: item.clone(),
                mark: crate::model::Mark::Pass,
                note: String::new(),
                at: t(2),
            });
            if n == 0 {
                assert_eq!(state(&path(&s, &list), Stage::Checklist), State::Started);
            }
        }
        let p = path(&s, &checklist());
        assert_eq!(state(&p, Stage::Checklist), State::Done);
        assert_eq!(p.next.step, Step::Finalize);
        assert_eq!(p.next.place.as_deref(), Some(s.sections[0].id.as_str()));
        for x in &mut s.sections {
            x.status = SectionStatus::Finalized;
        }
        let p = path(&s, &checklist());
        assert_eq!(p.next.step, Step::Export);
        assert_eq!(state(&p, Stage::Export), State::NotStarted);
        s.record(t(3), "exported", "doc.md");
        let p = path(&s, &checklist());
        assert_eq!(state(&p, Stage::Export), State::Done);
        assert_eq!(
            p.stages.iter().filter(|x| x.state == State::Done).count(),
            10
        );
        s.record(t(4), "decided", "something changed");
        assert_eq!(
            state(&path(&s, &checklist()), Stage::Export),
            State::Started
        );
    }
}
