//! The crash journal, like vim's swap file: while a session has unsaved changes, a thread of its
//! own writes it to its recovery file (`SESSION.recovery.ron`) within about two seconds of the
//! last change, atomically, so that `kill -9`, a power cut or a vanished terminal loses at most
//! those seconds. A save removes the file; the next open offers what it holds.
//!
//! The workbench hands the thread a copy of the session when a write is due ([`due`]); the
//! serialising and the fsync happen on the thread, off the input path. Jobs run in the order they
//! were sent and only the newest write of a queue is carried out, so the file always ends as the
//! last job left it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::app::App;
use crate::model::Session;
use crate::store;

/// A write is due this long after the last change (typing in bursts writes once per pause)…
pub const QUIET: Duration = Duration::from_millis(300);
/// …and at the latest this long after the first change not yet written (typing without pause).
pub const AT_MOST: Duration = Duration::from_millis(1000);

/// When unwritten changes must go to the journal: `QUIET` after the last change, or `AT_MOST`
/// after the first, whichever comes first.
pub fn due(first_unwritten: Instant, last_change: Instant) -> Instant {
    (last_change + QUIET).min(first_unwritten + AT_MOST)
}

enum Job {
    Write(Box<Session>),
    Clear,
    /// Answers on the sender when every job before it is done.
    Flush(Sender<Result<(), String>>),
}

/// The journal thread of one session file.
pub struct Journal {
    tx: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    path: PathBuf,
}

impl Journal {
    /// Starts the thread that keeps `session_path`'s recovery file.
    pub fn start(session_path: &Path) -> Journal {
        let path = store::recovery_path(session_path);
        let (tx, rx) = channel();
        let target = path.clone();
        let thread = std::thread::Builder::new()
            .name("journal".into())
            .spawn(move || run(&target, &rx))
            .ok();
        Journal {
            tx: thread.as_ref().map(|_| tx),
            thread,
            path,
        }
    }

    /// Where the journal writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Queues a write of `session`.
    pub fn write(&self, session: Box<Session>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job::Write(session));
        }
    }

    /// Queues the removal of the recovery file (after a save, or a deliberate discard).
    pub fn clear(&self) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job::Clear);
        }
    }

    /// Waits, at most `limit`, until every queued job is done. Returns the last write's outcome.
    pub fn flush(&self, limit: Duration) -> Result<(), String> {
        let Some(tx) = &self.tx else {
            return Err("the journal is not running".into());
        };
        let (done_tx, done_rx) = channel();
        tx.send(Job::Flush(done_tx))
            .map_err(|_| "the journal stopped".to_string())?;
        done_rx
            .recv_timeout(limit)
            .map_err(|_| format!("the journal did not finish within {}s", limit.as_secs()))?
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        // Closing the channel ends the thread once its queue is done.
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(path: &Path, rx: &Receiver<Job>) {
    let mut last: Result<(), String> = Ok(());
    while let Ok(first) = rx.recv() {
        // Everything queued meanwhile: only the newest write or clear matters.
        let mut pending: Option<Job> = None;
        let mut flushes = Vec::new();
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                Job::Flush(done) => {
                    if let Some(job) = pending.take() {
                        last = carry_out(path, job);
                    }
                    flushes.push(done);
                }
                job => pending = Some(job),
            }
            for done in flushes.drain(..) {
                let _ = done.send(last.clone());
            }
        }
        if let Some(job) = pending {
            last = carry_out(path, job);
        }
    }
}

fn carry_out(path: &Path, job: Job) -> Result<(), String> {
    match job {
        Job::Write(session) => {
            let text = store::to_ron(&session).map_err(|e| e.to_string())?;
            store::write_atomic(path, text.as_bytes(), store::WriteOptions::PRIVATE)
                .map_err(|e| format!("{}: {e}", path.display()))
        }
        Job::Clear => match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(format!("{}: {e}", path.display()))
            }
            _ => Ok(()),
        },
        Job::Flush(_) => Ok(()),
    }
}

/// What the workbench asks of its journal.
pub enum JournalJob {
    Write(Box<Session>),
    Clear,
}

impl App {
    /// When the next journal write is due, if changes are waiting for one.
    pub fn next_journal_at(&self) -> Option<Instant> {
        self.doc
            .journal_pending
            .map(|(first, last)| due(first, last))
    }

    /// What the journal should do now (`now` being the time), if anything: write the session when
    /// unsaved changes have waited long enough, or remove the file once they are saved.
    pub fn journal_job(&mut self, now: Instant) -> Option<JournalJob> {
        if self.doc.pending_recovery.is_some() {
            // The recovery file on disk is still on offer; nothing may replace it.
            return None;
        }
        if self.doc.review.is_some() {
            // A reviewer's comments are small: they go to the review file itself.
            if self.doc.dirty && self.next_journal_at().is_some_and(|at| now >= at) {
                self.doc.journal_pending = None;
                self.save_review(true);
            }
            return None;
        }
        if self.doc.read_only.is_some() {
            self.doc.journal_pending = None;
            return None;
        }
        if !self.doc.dirty {
            self.doc.journal_pending = None;
            return std::mem::take(&mut self.doc.journal_written).then_some(JournalJob::Clear);
        }
        if self.next_journal_at().is_some_and(|at| now >= at) {
            self.doc.journal_pending = None;
            self.doc.journal_written = true;
            self.record_place();
            return Some(JournalJob::Write(Box::new(self.doc.session.clone())));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_ends_as_the_last_job_left_it() {
        let dir = tempfile::tempdir().unwrap();
        let session_path = dir.path().join("s.ron");
        let journal = Journal::start(&session_path);
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        for i in 0..20 {
            let s = Session::empty(&format!("title {i}"), "p", now);
            journal.write(Box::new(s));
        }
        journal.flush(Duration::from_secs(10)).unwrap();
        let back = store::load(journal.path()).unwrap().session;
        assert_eq!(back.meta.title, "title 19");
        journal.write(Box::new(Session::empty("again", "p", now)));
        journal.clear();
        journal.flush(Duration::from_secs(10)).unwrap();
        assert!(!journal.path().exists(), "a clear after a write wins");
    }

    #[test]
    fn a_write_is_due_after_a_pause_or_after_steady_typing() {
        let t0 = Instant::now();
        assert_eq!(due(t0, t0), t0 + QUIET);
        // Typing without a pause: the first change sets the limit.
        let later = t0 + Duration::from_millis(900);
        assert_eq!(due(t0, later), t0 + AT_MOST);
        assert!(QUIET < AT_MOST && AT_MOST < Duration::from_secs(2));
    }
}
