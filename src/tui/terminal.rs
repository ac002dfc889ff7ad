//! The terminal side: entering and leaving the full-screen mode (also on panic), the event loop,
//! autosave ticks, termination signals, and suspending the screen for an external editor.

use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;
use ratatui::{DefaultTerminal, Terminal};

use super::app::{App, EditTarget, Effect};
use super::view;
use crate::preview::Highlighter;

/// How a run ended, for the caller to report.
pub enum Ending {
    Quit,
    /// A termination signal arrived; unsaved changes went to this recovery file (if any).
    Signalled {
        recovery: Option<String>,
    },
}

fn enter() -> io::Result<DefaultTerminal> {
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
    Terminal::new(CrosstermBackend::new(out))
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

/// Runs the workbench until the person quits. The terminal is restored on every way out,
/// including a panic, after which the session is written to its recovery file.
pub fn run(app: &mut App) -> Result<Ending, String> {
    let previous_hook = Arc::new(std::panic::take_hook());
    let hook = previous_hook.clone();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        hook(info);
    }));
    let terminated = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        let _ = signal_hook::flag::register(signal, terminated.clone());
    }
    // Syntax definitions load in the background: the first frame never waits for them.
    let (hl_tx, hl_rx) = std::sync::mpsc::channel();
    let syntax_theme = app.theme.syntax_theme.clone();
    std::thread::spawn(move || {
        let hl = Highlighter::new();
        // Compile the common languages now rather than on the first keystroke that shows them.
        hl.warm_up(&syntax_theme);
        let _ = hl_tx.send(hl);
    });

    // A watchdog for a terminal that vanished (its window closed, tmux killed): the event loop
    // checks the signal flag between polls, but crossterm's poll can spin without returning once
    // the terminal is gone (crossterm issue #793). If the loop has not ended two seconds after
    // SIGTERM/SIGHUP, the process exits, so that it never lingers holding the session's lock.
    // Work is then lost back to the last save or autosave.
    let done = Arc::new(AtomicBool::new(false));
    {
        let terminated = terminated.clone();
        let done = done.clone();
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                if terminated.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_secs(2));
                    if !done.load(Ordering::Relaxed) {
                        std::process::exit(3);
                    }
                    return;
                }
            }
        });
    }
    let mut terminal = enter().map_err(|e| format!("cannot start the terminal interface: {e}"))?;
    let result = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, app, &terminated, &hl_rx)
    }));
    leave();
    done.store(true, Ordering::Relaxed);
    let _ = std::panic::take_hook();
    match result {
        Ok(Ok(ending)) => Ok(ending),
        Ok(Err(e)) => {
            let saved = app.dirty.then(|| app.write_recovery());
            Err(match saved {
                Some(Ok(path)) => format!("{e}; unsaved changes are in {}", path.display()),
                _ => e.to_string(),
            })
        }
        Err(_) => Err(match app.write_recovery() {
            Ok(path) => format!(
                "internal error (see above); the session as it was is in {}, and the next open offers it",
                path.display()
            ),
            Err(e) => {
                format!("internal error (see above); the recovery file could not be written: {e}")
            }
        }),
    }
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

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    terminated: &AtomicBool,
    highlighter: &std::sync::mpsc::Receiver<Highlighter>,
) -> io::Result<Ending> {
    loop {
        if terminated.load(Ordering::Relaxed) {
            let recovery = if app.dirty {
                app.write_recovery().ok().map(|p| p.display().to_string())
            } else {
                None
            };
            return Ok(Ending::Signalled { recovery });
        }
        if let Ok(hl) = highlighter.try_recv() {
            app.set_highlighter(Arc::new(hl));
        }
        app.poll_assistant();
        let size = terminal.size()?;
        app.prepare(Rect::new(0, 0, size.width, size.height));
        terminal.draw(|frame| view::draw(frame, app))?;
        if app.quit {
            return Ok(Ending::Quit);
        }
        // Wake up now and then for autosave, signals and the highlighter even without input.
        if event::poll(Duration::from_millis(250))? {
            // Drain what is queued before drawing again, so fast typing never waits for frames.
            loop {
                let ev = event::read()?;
                #[cfg(debug_assertions)]
                panic_on_test_key(&ev);
                app.handle_event(ev);
                if app.quit || !app.effects.is_empty() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        for effect in std::mem::take(&mut app.effects) {
            match effect {
                Effect::ExternalEditor { target, text } => match edit_externally(terminal, &text) {
                    Ok(Some(new_text)) => match target {
                        EditTarget::Section(section) => {
                            app.replace_section_text(section, &new_text)
                        }
                        EditTarget::Card { component, option } => {
                            app.replace_card(&component, &option, &new_text)
                        }
                    },
                    Ok(None) => app.info("the editor exited with an error; nothing changed"),
                    Err(e) => app.warn(e),
                },
            }
        }
        app.autosave_if_due();
    }
}

/// Suspends the screen, edits `text` in `$VISUAL` / `$EDITOR` (as git does: through the shell, so
/// the variable may hold arguments), and restores the screen. `Ok(None)` when the editor failed.
fn edit_externally(terminal: &mut DefaultTerminal, text: &str) -> Result<Option<String>, String> {
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
