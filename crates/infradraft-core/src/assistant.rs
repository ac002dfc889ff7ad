//! The optional external assistant: a command the person names in their own `config.ron` (a local
//! LLM command line, say). A worksheet can send it a prompt built from the section's context on
//! stdin and show what it prints as a suggestion to accept or reject.
//!
//! Only the person's configuration can name the command. A session file has no field for it, so
//! opening someone else's session never runs anything.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::model::{ElicitationRecord, Session};

/// `assistant: (command: "…", timeout_seconds: 60)` in `config.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistantConfig {
    /// Run through `sh -c`, so it may hold arguments and pipes.
    pub command: String,
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
}

fn default_timeout() -> u64 {
    60
}

/// The most of an answer that is kept.
const MAX_ANSWER: usize = 64 * 1024;

/// The prompt for a worksheet: the section, its purpose, options, the requirements and the
/// worksheet's results so far.
pub fn prompt(s: &Session, component: &str, record: &ElicitationRecord) -> String {
    let mut out = String::new();
    let label = s.component(component).map(|c| s.decision_label(c));
    let title = label.as_deref().unwrap_or(component);
    out.push_str(&format!(
        "You are reviewing the \"{title}\" section of an infrastructure architecture document for {}.\n",
        s.meta.project
    ));
    out.push_str(&format!(
        "Task: {}. Read the worksheet below and suggest, in a few short paragraphs or bullets, \
         what the architect should conclude or change. Be specific and provider-neutral unless \
         the context names a provider.\n\n",
        record.action.title()
    ));
    if let Some(c) = s.component(component) {
        out.push_str(&format!("Purpose: {}\n\n", c.purpose.trim()));
        if !c.options.is_empty() {
            out.push_str("Options under consideration:\n");
            for o in &c.options {
                out.push_str(&format!("- {}: {}\n", o.name, o.summary.trim()));
            }
            out.push('\n');
        }
        if let Some(r) = &c.recommendation {
            let name = c.option(&r.option).map_or(r.option.as_str(), |o| &o.name);
            out.push_str(&format!("Recommended: {name} ({})\n\n", r.rationale.trim()));
        }
    }
    if !s.requirements.is_empty() {
        out.push_str("Requirements:\n");
        for r in s.requirements.iter().take(40) {
            out.push_str(&format!("- {}\n", r.text.trim()));
        }
        out.push('\n');
    }
    if !s.regimes.is_empty() {
        out.push_str(&format!("Compliance regimes: {}\n\n", s.regimes.join(", ")));
    }
    out.push_str("Worksheet results:\n");
    out.push_str(record.results.trim());
    out.push('\n');
    out
}

/// Runs `config.command` with `prompt` on stdin and returns what it printed, or a one-line error
/// (it failed to start, exited with an error, printed nothing, or did not finish in time, in
/// which case it is killed).
pub fn ask(config: &AssistantConfig, prompt: &str) -> Result<String, String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&config.command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("assistant command could not start: {e}"))?;
    // Write and read on threads, so that a command that neither reads nor exits cannot block us.
    let mut stdin = child.stdin.take().expect("piped");
    let prompt = prompt.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(prompt.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout
            .by_ref()
            .take(MAX_ANSWER as u64)
            .read_to_end(&mut buf);
        buf
    });
    let mut stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.by_ref().take(4096).read_to_end(&mut buf);
        buf
    });
    let deadline = Instant::now() + Duration::from_secs(config.timeout_seconds.max(1));
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "assistant command timed out after {} s and was stopped",
                    config.timeout_seconds.max(1)
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("assistant command: {e}")),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        let why = String::from_utf8_lossy(&err);
        let why = why
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        return Err(format!(
            "assistant command failed ({status}){}",
            if why.is_empty() {
                String::new()
            } else {
                format!(": {}", crate::text::sanitize_line(why))
            }
        ));
    }
    let raw = String::from_utf8_lossy(&out);
    let text = crate::text::sanitize(&raw);
    let text = text.trim();
    if text.is_empty() {
        return Err("assistant command printed nothing".into());
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(command: &str, timeout_seconds: u64) -> AssistantConfig {
        AssistantConfig {
            command: command.into(),
            timeout_seconds,
        }
    }

    #[test]
    fn the_answer_is_what_the_command_prints_for_the_prompt() {
        let c = config("tr a-z A-Z", 5);
        assert_eq!(ask(&c, "use two zones\n").unwrap(), "USE TWO ZONES");
    }

    #[test]
    fn failures_are_one_line_errors() {
        let e = ask(&config("echo broken >&2; exit 3", 5), "x").unwrap_err();
        assert!(e.contains("failed") && e.ends_with(": broken"), "{e}");
        assert_eq!(
            ask(&config("cat >/dev/null", 5), "x").unwrap_err(),
            "assistant command printed nothing"
        );
        let e = ask(&config("sleep 5", 1), "x").unwrap_err();
        assert_eq!(e, "assistant command timed out after 1 s and was stopped");
    }

    #[test]
    fn escape_sequences_in_an_answer_are_neutralised() {
        let a = ask(&config("printf 'ok \\033[2J done'", 5), "x").unwrap();
        assert!(!a.contains('\u{1b}'), "{a:?}");
    }
}
