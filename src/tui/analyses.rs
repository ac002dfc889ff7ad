//! The analyses the screens show beside the text: the cross-check findings of every card of
//! every component, from them the navigator's conflict badges, and the tool's own assessment of
//! the checklist items (the checklist stage and the document's review part show it).
//!
//! They read the inputs, the requirements, the assumptions and the components, never a section's
//! text, and the first time they run they compile the extraction patterns (tens of milliseconds).
//! In the workbench they run on a thread of their own, on a copy of what they read, so that
//! neither the first frame nor a keystroke waits for them: the screens show the last results
//! until fresher ones arrive, and the arrival wakes the event loop. Without a worker (tests,
//! benchmarks) `prepare` works them out in place, with the same function.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender};

use crate::analysis::assessment::Assessment;
use crate::analysis::crosscheck::{Assessor, Finding, Verdict};
use crate::knowledge::checklist::Checklist;
use crate::model::Session;

/// The findings of each card of one component, in card order, each with its card's id (results
/// shown while fresher ones are worked out may be for cards since added or removed).
pub type CardFindings = Vec<(String, Vec<Finding>)>;

/// One set of results, for the session as it was at change count `key`.
#[derive(Debug, Default, PartialEq)]
pub struct Results {
    /// The change count (not counting typing) these results are for.
    pub key: u64,
    /// A hash of the requirements `doc.needs` were worked out from.
    pub requirements: u64,
    /// What the document shows: the required figures, the checklist assessment, the
    /// feasibility review.
    pub doc: crate::export::Analysed,
    /// Conflicts per section (of the decided, else the recommended option of each decision).
    pub badges: Vec<usize>,
    /// Per component id, the findings of each of its cards.
    pub findings: HashMap<String, CardFindings>,
}

/// Works out every analysis of `session` against `checklist`; `requirements` is the hash of
/// its requirements (carried into the results, for the assessor's cache).
pub fn analyse(session: &Session, checklist: &Checklist, key: u64, requirements: u64) -> Results {
    let doc = crate::export::Analysed::of(session, Some(checklist));
    let assessor = Assessor::with_needs(&session.assumptions, &doc.needs, &session.inputs);
    let findings: HashMap<String, CardFindings> = session
        .components
        .iter()
        .map(|c| {
            let cards = c
                .options
                .iter()
                .map(|o| (o.id.clone(), assessor.check(o)))
                .collect();
            (c.id.clone(), cards)
        })
        .collect();
    let badges = session
        .sections
        .iter()
        .map(|section| {
            session
                .decisions_in(&section.id)
                .map(|c| {
                    let chosen = c
                        .decision
                        .as_ref()
                        .map(|d| d.option.as_str())
                        .or(c.recommendation.as_ref().map(|r| r.option.as_str()));
                    chosen
                        .and_then(|id| card(&findings, &c.id, id))
                        .map_or(0, |f| {
                            f.iter()
                                .filter(|f| f.verdict == Verdict::Conflicting)
                                .count()
                        })
                })
                .sum()
        })
        .collect();
    Results {
        key,
        requirements,
        doc,
        badges,
        findings,
    }
}

/// The findings of one card in `findings`.
fn card<'a>(
    findings: &'a HashMap<String, CardFindings>,
    component: &str,
    option: &str,
) -> Option<&'a [Finding]> {
    findings
        .get(component)?
        .iter()
        .find(|(id, _)| id == option)
        .map(|(_, f)| f.as_slice())
}

/// What the analyses read of a session: all of it but the sections' text, the history and the
/// review comments, which can be most of its size.
fn snapshot(session: &Session) -> Session {
    Session {
        format_version: session.format_version,
        meta: session.meta.clone(),
        mode: session.mode,
        inputs: session.inputs.clone(),
        requirements: session.requirements.clone(),
        regimes: session.regimes.clone(),
        assumptions: session.assumptions.clone(),
        sections: session
            .sections
            .iter()
            .map(|s| crate::model::Section {
                id: s.id.clone(),
                title: s.title.clone(),
                status: s.status,
                hand_edited: s.hand_edited,
                body: String::new(),
                generated: None,
            })
            .collect(),
        components: session.components.clone(),
        diagrams: session.diagrams.clone(),
        stories: session.stories.clone(),
        refinements: session.refinements.clone(),
        checklist: session.checklist.clone(),
        review_comments: Vec::new(),
        history: Vec::new(),
        place: session.place.clone(),
        regime_evidence: session.regime_evidence.clone(),
        regime_choices: session.regime_choices.clone(),
        input_conflicts: session.input_conflicts.clone(),
        conflict_resolutions: session.conflict_resolutions.clone(),
        removed_requirements: Vec::new(),
        last_adr: session.last_adr,
    }
}

struct Job {
    session: Session,
    checklist: Checklist,
    key: u64,
    requirements: u64,
}

/// The thread the analyses run on. Dropping it ends the thread once its current job is done.
pub struct Worker {
    jobs: Sender<Job>,
    results: Receiver<Results>,
}

impl Worker {
    /// Starts the thread; `wake` is called after each result is sent (it wakes the event loop).
    pub fn start(wake: Box<dyn Fn() + Send>) -> Worker {
        let (jobs, job_rx) = std::sync::mpsc::channel::<Job>();
        let (result_tx, results) = std::sync::mpsc::channel();
        // Without the thread, asking it fails and the analyses are worked out in place.
        let _ = super::background::spawn("analyses", move || {
            while let Ok(mut job) = job_rx.recv() {
                // Only the newest state matters: skip the jobs it replaced.
                while let Ok(newer) = job_rx.try_recv() {
                    job = newer;
                }
                let done = analyse(&job.session, &job.checklist, job.key, job.requirements);
                if result_tx.send(done).is_err() {
                    break;
                }
                wake();
            }
        });
        Worker { jobs, results }
    }
}

/// The analyses as the workbench holds them: the newest results, and whether fresher ones are
/// being worked out.
#[derive(Default)]
pub struct Analyses {
    worker: Option<Worker>,
    /// The key of the last job given to the worker.
    asked: Option<u64>,
    results: Option<Results>,
}

impl Analyses {
    /// From now on, analyses run on `worker`.
    pub fn use_worker(&mut self, worker: Worker) {
        self.worker = Some(worker);
        self.asked = None;
    }

    /// Makes sure results for `key` are there or on their way: worked out in place without a
    /// worker, asked of the worker otherwise (the last results stay shown meanwhile).
    pub fn refresh(
        &mut self,
        session: &Session,
        checklist: &Checklist,
        key: u64,
        requirements: u64,
    ) {
        self.take_arrived();
        if self.results.as_ref().is_some_and(|r| r.key == key) {
            return;
        }
        match &self.worker {
            None => self.results = Some(analyse(session, checklist, key, requirements)),
            Some(worker) if self.asked != Some(key) => {
                let job = Job {
                    session: snapshot(session),
                    checklist: checklist.clone(),
                    key,
                    requirements,
                };
                if worker.jobs.send(job).is_ok() {
                    self.asked = Some(key);
                } else {
                    // The thread is gone (it panicked): work them out here from now on.
                    self.worker = None;
                    self.results = Some(analyse(session, checklist, key, requirements));
                }
            }
            Some(_) => {}
        }
    }

    /// Keeps the newest results that arrived from the worker; without the thread (it
    /// panicked), the analyses are worked out in place from now on.
    fn take_arrived(&mut self) {
        use std::sync::mpsc::TryRecvError;
        while let Some(worker) = &self.worker {
            match worker.results.try_recv() {
                Ok(r) => self.results = Some(r),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.worker = None;
                    self.asked = None;
                }
            }
        }
    }

    /// Whether the worker is working out results not yet arrived.
    pub fn pending(&self) -> bool {
        self.worker.is_some()
            && self.asked.is_some()
            && self.results.as_ref().map(|r| r.key) != self.asked
    }

    /// Waits for the results asked of the worker (for tests and benchmarks).
    pub fn wait(&mut self) {
        while self.pending() {
            let Some(worker) = &self.worker else { return };
            match worker.results.recv() {
                Ok(r) => self.results = Some(r),
                Err(_) => {
                    self.worker = None;
                    return;
                }
            }
        }
    }

    /// What the document shows of the newest results, with their key; `Pending` before the
    /// first results.
    pub fn for_document(&self) -> (Option<u64>, crate::export::Precomputed<'_>) {
        match &self.results {
            Some(r) => (Some(r.key), crate::export::Precomputed::Ready(&r.doc)),
            None => (None, crate::export::Precomputed::Pending),
        }
    }

    /// The newest results, whatever state they are for.
    pub fn latest(&self) -> Option<&Results> {
        self.results.as_ref()
    }

    /// The tool's assessment of the checklist items (empty before the first results).
    pub fn assessments(&self) -> &[Assessment] {
        self.results
            .as_ref()
            .map_or(&[], |r| r.doc.assessments.as_slice())
    }

    /// The conflict count per section (empty before the first results).
    pub fn badges(&self) -> &[usize] {
        self.results.as_ref().map_or(&[], |r| r.badges.as_slice())
    }

    /// The findings of one card (empty before the first results, and for an unknown card).
    pub fn card(&self, component: &str, option: &str) -> &[Finding] {
        self.results
            .as_ref()
            .and_then(|r| card(&r.findings, component, option))
            .unwrap_or(&[])
    }
}
