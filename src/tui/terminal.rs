//! The terminal side: entering and leaving the full-screen mode (also on panic), the event loop,
//! autosave ticks, termination signals, and suspending the screen for an external editor.

use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;

use super::quiet_backend::QuietBackend;

/// The workbench's terminal: crossterm on stdout, quiet when nothing changed.
type Screen = Terminal<QuietBackend<CrosstermBackend<io::Stdout>>>;

use super::app::{App, EditTarget, Effect};
use super::journal::{Journal, JournalJob};
use super::view;
use crate::preview::Highlighter;

/// How a run ended, for the caller to report.
pub enum Ending {
    Quit,
    /// The person chose another document to open in the window (the screen is still the
    /// workbench's: the next run takes it over). This session was saved, or its unsaved changes
    /// went to its recovery file (`recovery`).
    Open {
        next: std::path::PathBuf,
        recovery: Option<String>,
    },
    /// A signal arrived or the terminal went away; unsaved changes went to this recovery file (if
    /// there were any).
    Interrupted {
        cause: String,
        recovery: Option<String>,
    },
}

fn enter() -> io::Result<Screen> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    if let Err(e) = execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    ) {
        leave();
        return Err(e);
    }
    Terminal::new(QuietBackend::new(CrosstermBackend::new(out)))
}

/// Puts the terminal back the way it was. Safe to call more than once.
pub fn leave() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// The signals that end the workbench as a closed terminal does: the work goes to the recovery
/// file, the terminal is restored where it still exists, and the lock is released.
const ENDING_SIGNALS: [(i32, &str); 4] = [
    (signal_hook::consts::SIGTERM, "SIGTERM"),
    (signal_hook::consts::SIGHUP, "SIGHUP (the terminal closed)"),
    (signal_hook::consts::SIGINT, "SIGINT"),
    (signal_hook::consts::SIGQUIT, "SIGQUIT"),
];

/// The terminal's keys, read on a thread of their own for as long as the window lasts: one
/// reader across the documents opened in it, so that a key typed while the next document opens
/// goes to that document rather than to a reader that is stopping. Started by the first
/// [`run`], once the terminal is in raw mode.
#[derive(Default)]
pub struct Keyboard {
    input: std::sync::OnceLock<Input>,
    /// Set while an external editor has the terminal (the signal handlers read it).
    editing: Arc<AtomicBool>,
}

impl Keyboard {
    pub fn new() -> Keyboard {
        Keyboard::default()
    }

    fn input(&self) -> &Input {
        self.input
            .get_or_init(|| Input::start(self.editing.clone()))
    }
}

/// Runs the workbench until the person quits (or opens another document). The terminal is
/// restored on every way out, including a panic, a signal and a vanished terminal, after which
/// the session is written to its recovery file.
pub fn run(app: &mut App, keyboard: &Keyboard) -> Result<Ending, String> {
    let previous_hook = Arc::new(std::panic::take_hook());
    let hook = previous_hook.clone();
    // Only a panic of the event loop's thread ends the screen (the loop then writes the
    // recovery file). A background thread's panic ends that thread alone: its work is then done
    // on the event loop's thread (the analyses), or goes without (plain code, knowledge loaded
    // on first use).
    let ui = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui {
            leave();
        }
        hook(info);
    }));
    // Which signal arrived, by its index in ENDING_SIGNALS plus one (0: none).
    let signalled = Arc::new(AtomicUsize::new(0));
    // While an external editor runs in the foreground, ^C and ^\ typed there reach this process
    // too; like git, the workbench ignores them meanwhile.
    let editing = keyboard.editing.clone();
    // Unregistered when the run ends: a window that goes on to another document registers its
    // own.
    let mut handlers = Vec::new();
    for (i, (signal, _)) in ENDING_SIGNALS.iter().enumerate() {
        let flag = signalled.clone();
        let editing = editing.clone();
        let keyboard = matches!(
            *signal,
            signal_hook::consts::SIGINT | signal_hook::consts::SIGQUIT
        );
        // SAFETY: the handler only loads and stores atomics, which is async-signal-safe.
        let registered = unsafe {
            signal_hook::low_level::register(*signal, move || {
                if !(keyboard && editing.load(Ordering::SeqCst)) {
                    flag.store(i + 1, Ordering::SeqCst);
                }
            })
        };
        handlers.extend(registered.ok());
    }
    // The knowledge and the option catalog load in the background (compiling the patterns
    // takes tens of milliseconds); whatever needs them first waits for them there.
    let (knowledge_tx, knowledge_rx) = std::sync::mpsc::channel();
    let catalog = app.doc.shared_catalog.clone();
    // Without the thread, each kind loads on first use instead.
    let _ = super::background::spawn("knowledge", move || {
        let mut warnings = crate::knowledge::team_file_warnings();
        warnings.extend_from_slice(catalog.warnings());
        let _ = knowledge_tx.send(warnings);
    });
    // Syntax definitions load in the background: the first frame never waits for them.
    let (hl_tx, hl_rx) = std::sync::mpsc::channel();
    let syntax_theme = app.settings.theme.syntax_theme.clone();
    // Without the thread, code stays plain.
    let _ = super::background::spawn("syntaxes", move || {
        let hl = Highlighter::new();
        // Compile the common languages now rather than on the first keystroke that shows them.
        hl.warm_up(&syntax_theme);
        let _ = hl_tx.send(hl);
    });
    let journal = Arc::new(Journal::start(app.path()));
    let done = Arc::new(AtomicBool::new(false));
    watchdog(
        signalled.clone(),
        done.clone(),
        journal.clone(),
        crate::store::lock_path_for(app.path()),
    );
    let mut terminal = enter().map_err(|e| format!("cannot start the terminal interface: {e}"))?;
    // A window that goes on from another document starts from a blank screen.
    let _ = terminal.clear();
    let input = keyboard.input();
    // Reading again, after a run that left the terminal (or for the first time).
    input.resume();
    let wake = input.waker();
    app.derived.preview_pace.slow = Some(PREVIEW_SLOW);
    app.derived
        .analyses
        .use_worker(super::analyses::Worker::start(Box::new(move || {
            let _ = wake.send(InputMsg::Wake);
        })));
    let result = catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            app,
            &signalled,
            (&hl_rx, &knowledge_rx),
            input,
            &journal,
        )
    }));
    // Opening another document keeps the screen: the next run draws over it.
    let keeps_screen = matches!(result, Ok(Ok(Ending::Open { .. })));
    if !keeps_screen {
        // Nothing typed at the shell from now on is read here.
        input.pause();
        leave();
        if terminal.show_cursor().is_err() {
            // The terminal is gone: dropping ours would only complain that it cannot show the
            // cursor there.
            std::mem::forget(terminal);
        }
    }
    let _ = std::panic::take_hook();
    let outcome = match result {
        Ok(Ok(Ending::Quit)) => {
            // Saved, or discarded on purpose: nothing to recover. (A read-only run never touches
            // the file: it belongs to the process that holds the session.)
            if app.doc.pending_recovery.is_none() && app.doc.read_only.is_none() {
                journal.clear();
            }
            Ok(Ending::Quit)
        }
        // Opened without saving: the changes stay in the recovery file, offered when this
        // session is opened again.
        Ok(Ok(Ending::Open { next, .. })) if app.doc.dirty && app.doc.read_only.is_none() => {
            match final_write(app, &journal) {
                Ok(recovery) => Ok(Ending::Open { next, recovery }),
                Err(e) => {
                    leave();
                    Err(format!(
                        "the unsaved changes could not be written to the recovery file ({e}); {} was not opened",
                        next.display()
                    ))
                }
            }
        }
        Ok(Ok(Ending::Open { next, .. })) => {
            if app.doc.pending_recovery.is_none() && app.doc.read_only.is_none() {
                journal.clear();
            }
            Ok(Ending::Open {
                next,
                recovery: None,
            })
        }
        Ok(Ok(Ending::Interrupted { cause, .. })) => Ok(Ending::Interrupted {
            cause,
            recovery: final_write(app, &journal).ok().flatten(),
        }),
        Ok(Err(e)) => Err(match final_write(app, &journal) {
            Ok(Some(path)) => format!("{e}; unsaved changes are in {path}"),
            _ => e.to_string(),
        }),
        Err(_) => Err(match final_write(app, &journal) {
            Ok(Some(path)) => format!(
                "internal error (see above); the session as it was is in {path}, and the next open offers it"
            ),
            Ok(None) => "internal error (see above); there were no unsaved changes".to_string(),
            Err(e) => {
                format!("internal error (see above); the recovery file could not be written: {e}")
            }
        }),
    };
    let _ = journal.flush(Duration::from_secs(5));
    done.store(true, Ordering::SeqCst);
    for id in handlers {
        signal_hook::low_level::unregister(id);
    }
    outcome
}

/// Writes unsaved work where the next open finds it, through the journal so that no older
/// journal write can land after it. Returns where it went (`None`: nothing was unsaved).
fn final_write(app: &mut App, journal: &Journal) -> Result<Option<String>, String> {
    if !app.doc.dirty || app.doc.pending_recovery.is_some() {
        return Ok(None);
    }
    if app.doc.review.is_some() {
        return app.write_recovery().map(|p| Some(p.display().to_string()));
    }
    app.record_place();
    journal.write(Box::new(app.doc.session.clone()));
    journal.flush(Duration::from_secs(10))?;
    Ok(Some(journal.path().display().to_string()))
}

/// The last resort after a signal: if the event loop has not ended three seconds later (a
/// terminal that blocks writes, say), the journal's newest copy is flushed, the lock file goes,
/// and the process exits.
fn watchdog(
    signalled: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
    journal: Arc<Journal>,
    lock: std::path::PathBuf,
) {
    std::thread::spawn(move || {
        while !done.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(100));
            if signalled.load(Ordering::SeqCst) != 0 {
                std::thread::sleep(Duration::from_secs(3));
                if !done.load(Ordering::SeqCst) {
                    let _ = journal.flush(Duration::from_secs(2));
                    let _ = std::fs::remove_file(&lock);
                    std::process::exit(3);
                }
                return;
            }
        }
    });
}

/// What the input thread reports.
enum InputMsg {
    Event(event::Event),
    /// Reading the terminal failed: it is gone.
    Gone(String),
    /// Work done on another thread (the analyses) has results to show.
    Wake,
}

/// Terminal input on a thread of its own, so that the event loop waits on a channel it controls:
/// a terminal that vanishes can make crossterm's poll spin or hang (crossterm issue #793), and
/// the loop must still see signals, write the journal and end. Paused while an external editor
/// owns the terminal.
struct Input {
    rx: Receiver<InputMsg>,
    /// For other threads to wake the event loop with [`InputMsg::Wake`].
    tx: std::sync::mpsc::Sender<InputMsg>,
    /// Set while paused for an external editor (the signal handlers read it).
    paused: Arc<AtomicBool>,
    parked: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl Input {
    fn start(paused: Arc<AtomicBool>) -> Input {
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = tx.clone();
        let parked = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, k, st) = (paused.clone(), parked.clone(), stop.clone());
        std::thread::spawn(move || {
            while !st.load(Ordering::SeqCst) {
                if p.load(Ordering::SeqCst) {
                    k.store(true, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
                k.store(false, Ordering::SeqCst);
                let msg = match event::poll(Duration::from_millis(50)) {
                    Ok(false) => continue,
                    Ok(true) => match event::read() {
                        Ok(ev) => InputMsg::Event(ev),
                        Err(e) => InputMsg::Gone(e.to_string()),
                    },
                    Err(e) => InputMsg::Gone(e.to_string()),
                };
                let gone = matches!(msg, InputMsg::Gone(_));
                if tx.send(msg).is_err() || gone {
                    break;
                }
            }
        });
        Input {
            rx,
            tx: waker,
            paused,
            parked,
            stop,
        }
    }

    /// A sender that wakes the event loop.
    fn waker(&self) -> std::sync::mpsc::Sender<InputMsg> {
        self.tx.clone()
    }

    /// Stops reading until [`Input::resume`]; returns once the thread is not reading.
    fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        let start = std::time::Instant::now();
        while !self.parked.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Whether the terminal on standard input or output has hung up (its window closed, its tmux
/// server killed): reads and writes would fail or block from now on.
fn terminal_hung_up() -> bool {
    #[cfg(unix)]
    {
        let mut fds = [
            libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: 0,
                revents: 0,
            },
            libc::pollfd {
                fd: libc::STDOUT_FILENO,
                events: 0,
                revents: 0,
            },
        ];
        // SAFETY: `fds` is a valid array of two pollfd for the duration of the call; a zero
        // timeout never blocks.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, 0) };
        n > 0
            && fds.iter().any(|f| {
                // SAFETY: isatty only inspects the descriptor.
                let tty = unsafe { libc::isatty(f.fd) } == 1;
                tty && f.revents & (libc::POLLHUP | libc::POLLERR) != 0
            })
    }
    #[cfg(not(unix))]
    false
}

/// Debug builds only: `INFRADRAFT_TEST_PANIC_KEY=<char>` makes that key panic inside the UI, so
/// that the end-to-end tests can prove a panic restores the terminal and keeps the work.
#[cfg(debug_assertions)]
fn panic_on_test_key(ev: &event::Event) {
    if let event::Event::Key(k) = ev
        && let event::KeyCode::Char(c) = k.code
        && std::env::var("INFRADRAFT_TEST_PANIC_KEY").is_ok_and(|v| v.starts_with(c))
    {
        panic!("test panic on key {c:?} (INFRADRAFT_TEST_PANIC_KEY)");
    }
}

/// In debug builds, for the test that an idle screen is not redrawn: the number of frames drawn
/// so far, and whether nothing that will change the screen is under way (the syntaxes and the
/// knowledge loaded, no analysis, idle work, assistant or expiring message pending), written to
/// the file named by `INFRADRAFT_TEST_FRAME_COUNT` as `FRAMES SETTLED` whenever either changes.
#[cfg(debug_assertions)]
fn report_test_frames(drawn: bool, settled: bool) {
    use std::sync::atomic::AtomicU64;
    static FRAMES: AtomicU64 = AtomicU64::new(0);
    static WRITTEN: AtomicU64 = AtomicU64::new(u64::MAX);
    let n = if drawn {
        FRAMES.fetch_add(1, Ordering::Relaxed) + 1
    } else {
        FRAMES.load(Ordering::Relaxed)
    };
    let state = n * 2 + u64::from(settled);
    if WRITTEN.swap(state, Ordering::Relaxed) != state
        && let Some(path) = std::env::var_os("INFRADRAFT_TEST_FRAME_COUNT")
    {
        let _ = std::fs::write(path, format!("{n} {}", u8::from(settled)));
    }
}

fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    signalled: &AtomicUsize,
    (highlighter, knowledge): (
        &std::sync::mpsc::Receiver<Highlighter>,
        &std::sync::mpsc::Receiver<Vec<String>>,
    ),
    input: &Input,
    journal: &Journal,
) -> io::Result<Ending> {
    // Whether something may have changed on screen since the last frame: a frame is drawn only
    // then, never on a timer. A slice of idle work changes at most the preview's scroll bar (its
    // line counts become exact), which is drawn when the work is done, not after every slice.
    let mut frame_due = true;
    // The loads started with the workbench that have not arrived yet (syntaxes, knowledge), for
    // the debug builds' frame hook.
    #[cfg(debug_assertions)]
    let mut loading = 2;
    let mut last_input = std::time::Instant::now();
    loop {
        if let Some(i) = signalled.load(Ordering::SeqCst).checked_sub(1) {
            return Ok(Ending::Interrupted {
                cause: format!("terminated by {}", ENDING_SIGNALS[i].1),
                recovery: None,
            });
        }
        if terminal_hung_up() {
            return Ok(Ending::Interrupted {
                cause: "the terminal went away".into(),
                recovery: None,
            });
        }
        if let Ok(hl) = highlighter.try_recv() {
            app.set_highlighter(Arc::new(hl));
            frame_due = true;
            #[cfg(debug_assertions)]
            {
                loading -= 1;
            }
        }
        if let Ok(warnings) = knowledge.try_recv() {
            app.knowledge_loaded(warnings);
            frame_due = true;
            #[cfg(debug_assertions)]
            {
                loading -= 1;
            }
        }
        if app.assistant_pending() {
            app.poll_assistant();
            frame_due |= !app.assistant_pending();
        }
        // An information that has been on screen long enough goes (one frame, when it goes).
        frame_due |= app.expire_message(std::time::Instant::now());
        #[cfg(debug_assertions)]
        let drawn = frame_due;
        if frame_due {
            let size = terminal.size()?;
            app.prepare(Rect::new(0, 0, size.width, size.height));
            terminal.draw(|frame| view::draw(frame, app))?;
            frame_due = false;
        }
        #[cfg(debug_assertions)]
        report_test_frames(
            drawn,
            loading == 0
                && !app.derived.analyses.pending()
                && !app.idle_work_pending()
                && !app.assistant_pending()
                && app.message_expires_at().is_none(),
        );
        if app.ui.quit {
            // Unsaved changes of a switch go to the recovery file once the loop has ended.
            return Ok(match app.ui.open_next.take() {
                Some(next) => Ending::Open {
                    next: next.path,
                    recovery: None,
                },
                None => Ending::Quit,
            });
        }
        // Wake up now and then for autosave, the journal, signals and the highlighter even
        // without input; with idle work pending, do a slice of it whenever no input waits.
        let now = std::time::Instant::now();
        let clock = [app.next_journal_at(), app.message_expires_at()]
            .into_iter()
            .flatten()
            .fold(TICK, |wait, at| at.saturating_duration_since(now).min(wait));
        // Idle work starts once the person has paused (a slice runs to the end of the block it
        // is on, which a key arriving meanwhile would wait for).
        let idle_at = last_input + IDLE_AFTER;
        let wait = if app.idle_work_pending() {
            idle_at.saturating_duration_since(now).min(clock)
        } else {
            clock
        };
        let mut next = match input.rx.recv_timeout(wait) {
            Ok(msg) => Some(msg),
            Err(RecvTimeoutError::Timeout)
                if app.idle_work_pending() && std::time::Instant::now() >= idle_at =>
            {
                // The last slice: show the exact scroll bar.
                frame_due = !app.idle_work(IDLE_SLICE) | app.take_idle_redraw();
                None
            }
            // Woken by the clock, for the autosave and the journal below (an aged message is
            // cleared at the top of the loop): nothing on screen changed.
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                return Ok(Ending::Interrupted {
                    cause: "the terminal went away".into(),
                    recovery: None,
                });
            }
        };
        // Drain what is queued before drawing again, so fast typing never waits for frames.
        frame_due |= next.is_some();
        if matches!(next, Some(InputMsg::Event(_))) {
            last_input = std::time::Instant::now();
        }
        while let Some(msg) = next.take() {
            match msg {
                InputMsg::Event(ev) => {
                    #[cfg(debug_assertions)]
                    panic_on_test_key(&ev);
                    app.handle_event(ev);
                }
                InputMsg::Wake => {}
                InputMsg::Gone(e) => {
                    return Ok(Ending::Interrupted {
                        cause: format!("the terminal went away ({e})"),
                        recovery: None,
                    });
                }
            }
            if app.ui.quit || !app.ui.effects.is_empty() {
                break;
            }
            next = input.rx.try_recv().ok();
        }
        for effect in std::mem::take(&mut app.ui.effects) {
            frame_due = true;
            match effect {
                Effect::ExternalEditor { target, text } => {
                    input.pause();
                    let edited = edit_externally(terminal, &text);
                    input.resume();
                    match edited {
                        Ok(Some(new_text)) => match target {
                            EditTarget::Section(section) => {
                                app.replace_section_text(section, &new_text)
                            }
                            EditTarget::Card { component, option } => {
                                app.replace_card(&component, &option, &new_text)
                            }
                            EditTarget::Prompt => app.replace_prompt_text(&new_text),
                        },
                        Ok(None) => app.info("the editor exited with an error; nothing changed"),
                        Err(e) => app.warn(e),
                    }
                }
            }
        }
        match app.journal_job(std::time::Instant::now()) {
            Some(JournalJob::Write(session)) => journal.write(session),
            Some(JournalJob::Clear) => journal.clear(),
            None => {}
        }
        // Saving shows in the status bar.
        frame_due |= app.autosave_if_due();
    }
}

/// How often the loop wakes without input (to autosave, write the journal and notice signals;
/// it draws only when something changed).
const TICK: Duration = Duration::from_millis(250);
/// How long one slice of idle work may take (a block that takes longer finishes its slice).
const IDLE_SLICE: Duration = Duration::from_millis(3);
/// How long after the last key (or the start) idle work waits.
const IDLE_AFTER: Duration = Duration::from_millis(150);
/// A preview whose refresh takes longer than this does not follow each keystroke: it catches up
/// when typing pauses (see [`super::app::PreviewPace`]). Refreshing re-reads the section typed
/// in; this is about what a section of a few hundred kilobytes costs.
const PREVIEW_SLOW: Duration = Duration::from_millis(1);

/// Suspends the screen, edits `text` in `$VISUAL` / `$EDITOR` (as git does: through the shell, so
/// the variable may hold arguments), and restores the screen. `Ok(None)` when the editor failed.
fn edit_externally(terminal: &mut Screen, text: &str) -> Result<Option<String>, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let mut file = tempfile::Builder::new()
        .prefix("infradraft-section-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("cannot create a temporary file: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write a temporary file: {e}"))?;
    leave();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    let resumed = enter();
    match resumed {
        Ok(t) => *terminal = t,
        Err(e) => return Err(format!("cannot restore the terminal: {e}")),
    }
    terminal.clear().map_err(|e| e.to_string())?;
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(file.path())
            .map(Some)
            .map_err(|e| format!("cannot read the edited text back: {e}")),
        Ok(_) => Ok(None),
        Err(e) => Err(format!("cannot run {editor}: {e}")),
    }
}
