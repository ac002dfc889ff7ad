//! The sequence diagram checker: participants, messages and their arrows, and the blocks that
//! open and close.

use super::*;

/// Sequence diagram block keywords and the keywords allowed inside them.
const SEQUENCE_BLOCKS: &[&str] = &[
    "loop", "alt", "opt", "par", "par_over", "critical", "break", "rect", "box",
];

/// Sequence diagram arrows, longest first.
const SEQUENCE_ARROWS: &[&str] = &[
    "<<-->>", "<<->>", "-->>", "->>", "--x", "--)", "-->", "-x", "-)", "->",
];

pub(super) fn check_sequence(body: &[(u32, &str)]) -> Vec<DiagramProblem> {
    let mut seq = Sequence::default();
    let mut describing: Option<u32> = None;
    for &(line, content) in body {
        if describing.is_some() {
            if content.contains('}') {
                describing = None;
            }
            continue;
        }
        if is_multiline_description(content) {
            describing = Some(line);
            continue;
        }
        // `;` ends a statement in sequence diagrams, even inside message text.
        for statement in content.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            seq.statement(line, statement);
        }
    }
    if let Some(line) = describing {
        seq.error(line, "`accDescr {` is never closed with `}`");
    }
    seq.finish()
}

/// The state of a sequence diagram check.
#[derive(Debug, Default)]
struct Sequence {
    problems: Vec<DiagramProblem>,
    /// Participants declared or mentioned by a message.
    known: HashSet<String>,
    /// References to participants: line, keyword, name.
    refs: Vec<(u32, &'static str, String)>,
    /// Open blocks: the line they were opened on and their keyword.
    blocks: Vec<(u32, String)>,
    /// How many activations each participant has open.
    active: HashMap<String, usize>,
    /// A `create` or `destroy` waiting for its message: line, keyword, participant.
    pending: Option<(u32, &'static str, String)>,
}

impl Sequence {
    fn error(&mut self, line: u32, message: impl Into<String>) {
        self.problems.push(DiagramProblem::error(line, message));
    }

    /// Checks a participant name in a declaration or reference; false when it is not valid.
    fn name_ok(&mut self, line: u32, name: &str) -> bool {
        if name.contains([',', ':', '<', '>']) {
            self.error(line, format!("`{name}` is not a valid participant name"));
            return false;
        }
        true
    }

    fn statement(&mut self, line: u32, statement: &str) {
        let (word, rest) = match statement.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (statement, ""),
        };
        let lower = word.to_lowercase();
        match lower.as_str() {
            "participant" | "actor" | "create" => {
                let created = lower == "create";
                let rest = if created {
                    match rest.split_once(char::is_whitespace) {
                        Some((kind, name))
                            if ["participant", "actor"].contains(&kind.to_lowercase().as_str()) =>
                        {
                            name.trim()
                        }
                        _ => {
                            self.error(line, "`create` needs `participant` or `actor` and a name");
                            return;
                        }
                    }
                } else {
                    rest
                };
                let name = participant_name(rest);
                if name.is_empty() {
                    self.error(line, format!("`{word}` without a name"));
                } else if self.name_ok(line, name) {
                    self.known.insert(name.to_string());
                    if created {
                        self.expect_message(line, "create", name);
                    }
                }
            }
            "activate" | "deactivate" | "destroy" => {
                let keyword = match lower.as_str() {
                    "activate" => "activate",
                    "deactivate" => "deactivate",
                    _ => "destroy",
                };
                if rest.is_empty() {
                    self.error(line, format!("`{word}` without a participant"));
                    return;
                }
                if !self.name_ok(line, rest) {
                    return;
                }
                self.refs.push((line, keyword, rest.to_string()));
                match keyword {
                    "activate" => *self.active.entry(rest.to_string()).or_default() += 1,
                    "deactivate" => self.deactivate(line, rest, "`deactivate`"),
                    _ => self.expect_message(line, "destroy", rest),
                }
            }
            "note" => self.note(line, rest),
            "end" if rest.is_empty() => {
                if self.blocks.pop().is_none() {
                    self.error(line, "stray `end`: no block is open");
                }
            }
            "else" | "and" | "option" => {
                let (parents, name): (&[&str], &str) = match lower.as_str() {
                    "else" => (&["alt"], "an `alt`"),
                    "and" => (&["par", "par_over"], "a `par`"),
                    _ => (&["critical"], "a `critical`"),
                };
                let inside = self
                    .blocks
                    .last()
                    .is_some_and(|(_, b)| parents.contains(&b.as_str()));
                if !inside {
                    self.error(
                        line,
                        format!("`{word}` is only allowed inside {name} block"),
                    );
                }
            }
            k if SEQUENCE_BLOCKS.contains(&k) => self.blocks.push((line, k.to_string())),
            "autonumber" | "title" | "links" | "link" | "properties" | "details" => {}
            _ if is_accessibility(statement) => {}
            _ if lower.starts_with("title:") => {}
            _ => match message(statement) {
                Ok(m) => {
                    // A created participant must receive the next message; a destroyed one
                    // must send or receive it.
                    if let Some((at, keyword, name)) = self.pending.take()
                        && m.to != name
                        && (keyword == "create" || m.from != name)
                    {
                        self.unanswered(at, keyword, &name);
                    }
                    if m.deactivates_sender {
                        self.deactivate(line, &m.from, "the `-` after the arrow");
                    }
                    if m.activates_receiver {
                        *self.active.entry(m.to.clone()).or_default() += 1;
                    }
                    self.known.insert(m.from);
                    self.known.insert(m.to);
                }
                Err(message) => self.error(line, message),
            },
        }
    }

    fn note(&mut self, line: u32, rest: &str) {
        let Some((position, after)) = ["left of", "right of", "over"].iter().find_map(|p| {
            rest.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .and_then(|_| rest.get(p.len()..))
                .map(|after| (*p, after))
        }) else {
            self.error(
                line,
                "a note needs `left of`, `right of` or `over` a participant",
            );
            return;
        };
        let Some((names, _)) = after.split_once(':') else {
            self.error(line, "note without text: add `: …` after the participant");
            return;
        };
        let names: Vec<&str> = names.split(',').map(str::trim).collect();
        if names.iter().any(|n| n.is_empty()) {
            self.error(line, "note without a participant");
            return;
        }
        let most = if position == "over" { 2 } else { 1 };
        if names.len() > most {
            let what = if most == 1 {
                "one participant"
            } else {
                "at most two participants"
            };
            self.error(line, format!("a note `{position}` takes {what}"));
            return;
        }
        for n in names {
            if self.name_ok(line, n) {
                self.refs.push((line, "Note", n.to_string()));
            }
        }
    }

    fn deactivate(&mut self, line: u32, name: &str, what: &str) {
        match self.active.get_mut(name) {
            Some(n) if *n > 0 => *n -= 1,
            _ => self.error(
                line,
                format!("{what} deactivates `{name}`, which is not active at this point"),
            ),
        }
    }

    /// `create` and `destroy` must be followed by a message involving the participant.
    fn expect_message(&mut self, line: u32, keyword: &'static str, name: &str) {
        if let Some((at, previous, other)) = self.pending.take() {
            self.unanswered(at, previous, &other);
        }
        self.pending = Some((line, keyword, name.to_string()));
    }

    fn unanswered(&mut self, line: u32, keyword: &str, name: &str) {
        let message = if keyword == "create" {
            format!("`create` of `{name}` must be followed by a message to `{name}`")
        } else {
            format!("`destroy {name}` must be followed by a message to or from `{name}`")
        };
        self.error(line, message);
    }

    fn finish(mut self) -> Vec<DiagramProblem> {
        if let Some((at, keyword, name)) = self.pending.take() {
            self.unanswered(at, keyword, &name);
        }
        for (line, kind) in std::mem::take(&mut self.blocks) {
            self.error(
                line,
                format!(
                    "unclosed `{kind}` block: opened on line {line} and never closed with `end`"
                ),
            );
        }
        for (line, keyword, name) in std::mem::take(&mut self.refs) {
            if !self.known.contains(&name) {
                self.problems.push(DiagramProblem::warning(
                    line,
                    format!(
                        "`{keyword}` refers to `{name}`, which no declaration or message in the \
                         diagram mentions"
                    ),
                ));
            }
        }
        self.problems
    }
}

/// The id a `participant`/`actor` declaration gives: `A` in `A as Alice`, without `@{…}`.
fn participant_name(rest: &str) -> &str {
    let rest = rest.split_once("@{").map_or(rest, |(n, _)| n);
    let alias = rest
        .as_bytes()
        .windows(4)
        .position(|w| w.eq_ignore_ascii_case(b" as "));
    match alias {
        // An ASCII match: `at` is a character boundary.
        Some(at) => rest.get(..at).unwrap_or(rest).trim(),
        None => rest.trim(),
    }
}

/// A message of a sequence diagram.
#[derive(Debug)]
struct Message {
    from: String,
    to: String,
    /// `A->>+B`: the message activates the receiver.
    activates_receiver: bool,
    /// `B-->>-A`: the message deactivates the sender.
    deactivates_sender: bool,
}

/// A message statement, or what is wrong with it.
fn message(statement: &str) -> Step<Message> {
    let head = statement.split_once(':').map_or(statement, |(h, _)| h);
    let found = (0..head.len())
        .filter(|&i| head.is_char_boundary(i))
        .find_map(|i| {
            SEQUENCE_ARROWS
                .iter()
                .find(|a| head[i..].starts_with(*a))
                .map(|a| (i, a.len()))
        });
    let Some((at, len)) = found else {
        return Err(format!(
            "cannot read `{statement}`: expected a message (`A->>B: text`), a note, a block or a \
             declaration"
        ));
    };
    let from = head[..at].trim();
    let after = head[at + len..].trim_start();
    let to = after.trim_start_matches(['+', '-']).trim();
    if from.is_empty() {
        return Err("message without a sender".to_string());
    }
    if to.is_empty() {
        return Err("message without a receiver".to_string());
    }
    if !statement.contains(':') {
        return Err(format!("message without text: add `: …` after `{to}`"));
    }
    Ok(Message {
        from: from.to_string(),
        to: to.to_string(),
        activates_receiver: after.starts_with('+'),
        deactivates_sender: after.starts_with('-'),
    })
}
