//! A section's text belongs to the person. infradraft writes text into sections (a drafted
//! recommendation, a decision, a worksheet's results), and the person edits it; every later
//! generated change is a three-way merge of what infradraft last wrote (the *base*), the text as
//! the person left it, and what infradraft would write now. Whatever the person wrote or changed
//! is carried over wherever it stands; where infradraft would replace a stretch the person
//! changed, the change waits for the person's choice (keep mine, take the new, keep both).
//!
//! The generated text of a section is made of parts: the applied worksheet results, each between
//! two marker lines, in the order they were applied, then the *lead* (the drafted recommendation
//! or the decision). The base is always that composition, so each change edits one part of it.

mod diff3;

use std::borrow::Cow;

use crate::model::{Section, Session};

/// The line that opens the text generated from a decision.
pub const DECISION_MARK: &str = "<!-- infradraft: decision -->";
/// The line that opens the text of a drafted (not yet decided) recommendation.
pub const DRAFT_MARK: &str = "<!-- infradraft: draft -->";

/// The line that opens the block of the primary decision's elicitation record `index` (0-based).
pub fn open_mark(index: usize) -> String {
    open_mark_of("", index)
}

/// The line that closes the block of the primary decision's elicitation record `index`.
pub fn close_mark(index: usize) -> String {
    close_mark_of("", index)
}

/// The line that opens the block of elicitation record `index` of decision `decision` (empty for
/// the section's primary decision).
pub fn open_mark_of(decision: &str, index: usize) -> String {
    if decision.is_empty() {
        format!("<!-- infradraft: elicitation {} -->", index + 1)
    } else {
        format!("<!-- infradraft: elicitation {decision} {} -->", index + 1)
    }
}

/// The line that closes the block [`open_mark_of`] opens.
pub fn close_mark_of(decision: &str, index: usize) -> String {
    if decision.is_empty() {
        format!("<!-- infradraft: end elicitation {} -->", index + 1)
    } else {
        format!(
            "<!-- infradraft: end elicitation {decision} {} -->",
            index + 1
        )
    }
}

/// The line that opens the text of decision `id` in its section, for every decision but the
/// section's primary one (whose text is the lead).
pub fn part_open(id: &str) -> String {
    format!("<!-- infradraft: decision {id} -->")
}

/// The line that closes the text [`part_open`] opens.
pub fn part_close(id: &str) -> String {
    format!("<!-- infradraft: end decision {id} -->")
}

/// Decision `id`'s text as its own part of the section: its marker lines around a heading with the
/// decision's title and `text`.
pub fn part(id: &str, title: &str, text: &str) -> String {
    format!(
        "{}\n### {}\n\n{text}{}",
        part_open(id),
        crate::text::sanitize_line(title),
        part_close(id)
    )
}

/// The decision and record index of an elicitation block's opening line.
fn block_key(line: &str) -> Option<BlockKey> {
    let rest = line
        .trim()
        .strip_prefix("<!-- infradraft: elicitation ")?
        .strip_suffix(" -->")?;
    let (decision, n) = match rest.rsplit_once(' ') {
        Some((decision, n)) => (decision.to_string(), n),
        None => (String::new(), rest),
    };
    let index = n.parse::<usize>().ok()?.checked_sub(1)?;
    Some(BlockKey { decision, index })
}

/// The decision whose text a line opens (`<!-- infradraft: decision data-cache -->`).
fn part_id(line: &str) -> Option<&str> {
    let id = line
        .trim()
        .strip_prefix("<!-- infradraft: decision ")?
        .strip_suffix(" -->")?;
    crate::model::is_slug(id).then_some(id)
}

/// Which elicitation block: the decision it belongs to (empty for the primary one) and the
/// record's index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlockKey {
    pub decision: String,
    pub index: usize,
}

impl BlockKey {
    pub fn primary(index: usize) -> BlockKey {
        BlockKey {
            decision: String::new(),
            index,
        }
    }
}

/// The generated text of a section, in its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    /// Applied worksheet results: which record and the block (with its marker lines).
    pub blocks: Vec<(BlockKey, String)>,
    /// The primary decision's drafted recommendation or decision, or empty.
    pub lead: String,
    /// The other decisions' texts, each with its marker lines, in the section's order.
    pub parts: Vec<(String, String)>,
}

impl Generated {
    /// Splits generated text into its parts: marked blocks and decisions, and the rest as the
    /// lead.
    pub fn parse(text: &str) -> Generated {
        let mut out = Generated::default();
        let mut lead: Vec<&str> = Vec::new();
        let lines: Vec<&str> = text.split('\n').collect();
        let mut i = 0;
        while i < lines.len() {
            if let Some(key) = block_key(lines[i]) {
                let close = close_mark_of(&key.decision, key.index);
                if let Some(end) = lines[i..].iter().position(|l| l.trim() == close) {
                    out.blocks
                        .push((key, lines[i..=i + end].join("\n").trim().to_string()));
                    i += end + 1;
                    continue;
                }
            }
            if let Some(id) = part_id(lines[i]) {
                let close = part_close(id);
                if let Some(end) = lines[i..].iter().position(|l| l.trim() == close) {
                    out.parts.push((
                        id.to_string(),
                        lines[i..=i + end].join("\n").trim().to_string(),
                    ));
                    i += end + 1;
                    continue;
                }
            }
            lead.push(lines[i]);
            i += 1;
        }
        out.lead = collapse_blank_runs(&lead.join("\n")).trim().to_string();
        out
    }

    /// The generated text: the primary decision's blocks and lead, then each other decision's
    /// text followed by its blocks, a blank line between parts.
    pub fn compose(&self) -> String {
        let mut parts: Vec<&str> = self
            .blocks
            .iter()
            .filter(|(k, _)| k.decision.is_empty())
            .map(|(_, b)| b.trim())
            .collect();
        if !self.lead.trim().is_empty() {
            parts.push(self.lead.trim());
        }
        let mut others: Vec<&str> = self.parts.iter().map(|(id, _)| id.as_str()).collect();
        for (k, _) in &self.blocks {
            if !k.decision.is_empty() && !others.contains(&k.decision.as_str()) {
                others.push(&k.decision);
            }
        }
        for id in others {
            if let Some((_, text)) = self.parts.iter().find(|(p, _)| p == id) {
                parts.push(text.trim());
            }
            parts.extend(
                self.blocks
                    .iter()
                    .filter(|(k, _)| k.decision == id)
                    .map(|(_, b)| b.trim()),
            );
        }
        let mut out = parts.join("\n\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }

    /// Puts a record's block in place of its earlier copy, or after the other blocks.
    pub fn set_block(&mut self, key: BlockKey, block: String) {
        match self.blocks.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = block,
            None => self.blocks.push((key, block)),
        }
    }

    /// Takes a record's block out. Returns whether it was there.
    pub fn remove_block(&mut self, key: &BlockKey) -> bool {
        let before = self.blocks.len();
        self.blocks.retain(|(k, _)| k != key);
        self.blocks.len() != before
    }

    /// Puts decision `id`'s text (with its marker lines) in place of its earlier copy, or among
    /// the others where `order` (the section's decisions, in order) puts it.
    pub fn set_part(&mut self, id: &str, text: String, order: &[&str]) {
        if let Some(slot) = self.parts.iter_mut().find(|(p, _)| p == id) {
            slot.1 = text;
            return;
        }
        let rank = |p: &str| order.iter().position(|o| *o == p).unwrap_or(usize::MAX);
        let at = self
            .parts
            .iter()
            .position(|(p, _)| rank(p) > rank(id))
            .unwrap_or(self.parts.len());
        self.parts.insert(at, (id.to_string(), text));
    }
}

/// Runs of blank lines become one (the seams left where blocks were taken out).
fn collapse_blank_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.split('\n') {
        let is_blank = line.trim().is_empty();
        if is_blank && blank {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        blank = is_blank;
    }
    out
}

/// What infradraft last wrote into `section`: the base of the next merge. Sessions written before
/// infradraft kept the base say only whether the person edited the body; for those, `legacy`
/// rebuilds the generated parts the body shows from the session's own records.
pub fn base_of<'a>(section: &'a Section, legacy: impl FnOnce(&str) -> String) -> Cow<'a, str> {
    match (&section.generated, section.hand_edited) {
        (Some(base), _) => Cow::Borrowed(base),
        (None, false) => Cow::Borrowed(&section.body),
        (None, true) => Cow::Owned(legacy(&section.body)),
    }
}

/// Records that the person changed the body to `body`: the text infradraft wrote before the
/// first such change is kept as the base. An empty section that now holds text is Drafted.
pub fn person_edited(section: &mut Section, body: String) {
    if section.generated.is_none() && !section.hand_edited {
        section.generated = Some(std::mem::take(&mut section.body));
    }
    section.body = body;
    section.hand_edited = true;
    if section.generated.as_deref() == Some(section.body.as_str()) {
        // Edited back to exactly what infradraft wrote.
        section.generated = None;
        section.hand_edited = false;
    }
    section.note_written();
}

/// Writes a merged body and the new base into the section.
pub fn commit(section: &mut Section, body: String, base: String) {
    if body == base {
        section.generated = None;
        section.hand_edited = false;
    } else {
        section.generated = Some(base);
        section.hand_edited = true;
    }
    section.body = body;
}

/// What a generated change did to the section body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyChange {
    /// The body was written; `kept` of the person's changes were carried over (none when the
    /// body held only generated text).
    Written { kept: usize },
    /// The generated text is what it was: nothing to write.
    Unchanged,
    /// Stretches the person changed would be replaced: the update waits for the person's
    /// choices ([`settle`]). Until then the body is left as it is.
    NeedsChoice(Update),
}

/// Merges decision `id`'s text into its section, whose base was `base` before the change: the lead
/// for the section's primary decision, else the decision's own part, placed in the order of the
/// section's decisions. With `keep`, a text the decision already has there stays as it is. `None`
/// when there is no such decision or section.
pub(crate) fn write_decision(
    s: &mut Session,
    id: &str,
    base: &str,
    text: String,
    keep: bool,
) -> Option<BodyChange> {
    let c = s.component(id)?;
    let section = c.section_id().to_string();
    let primary = c.is_primary();
    let order: Vec<String> = s.decisions_in(&section).map(|c| c.id.clone()).collect();
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    regenerate(s, &section, base, |g| {
        if primary {
            if !keep || g.lead.trim().is_empty() {
                g.lead = text;
            }
        } else if !keep || !g.parts.iter().any(|(p, _)| p == id) {
            g.set_part(id, text, &order);
        }
    })
}

/// Changes the generated parts of section `id` (whose current base is `base`) through `change`
/// and merges the result into the body. `None` when there is no such section.
pub(crate) fn regenerate(
    s: &mut Session,
    id: &str,
    base: &str,
    change: impl FnOnce(&mut Generated),
) -> Option<BodyChange> {
    let section = s.section_mut(id)?;
    let mut generated = Generated::parse(base);
    change(&mut generated);
    let new_base = generated.compose();
    if new_base == base {
        return Some(BodyChange::Unchanged);
    }
    let update = propose(section, base, new_base);
    if !update.is_clean() {
        return Some(BodyChange::NeedsChoice(update));
    }
    let kept = update.kept;
    commit(section, update.body(&[]), update.new_base);
    Some(BodyChange::Written { kept })
}

/// Writes an update into its section with the person's choices (see [`Update::body`]). Returns
/// whether the section exists.
pub fn settle(s: &mut Session, update: &Update, choices: &[Choice]) -> bool {
    let Some(section) = s.section_mut(&update.section) else {
        return false;
    };
    commit(section, update.body(choices), update.new_base.clone());
    true
}

/// How the person settles one conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Keep the person's text there; the new generated text for that stretch is dropped.
    Mine,
    /// Take the new generated text; the person's version of that stretch goes.
    New,
    /// Keep the person's text, then the new generated text.
    Both,
}

/// A stretch the person changed and infradraft would change too. Each version is a run of whole
/// lines (none when that side deleted the stretch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The stretch as the person left it.
    pub mine: Vec<String>,
    /// The stretch as infradraft would write it now.
    pub new: Vec<String>,
    /// The stretch as infradraft wrote it before.
    pub was: Vec<String>,
    /// The nearest heading above the stretch, to say where it is.
    pub under: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Lines(Vec<String>),
    Conflict(Conflict),
}

/// A generated change merged with the person's text, waiting to be written (and, when it has
/// conflicts, for the person's choices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// The section's id.
    pub section: String,
    pieces: Vec<Piece>,
    /// What infradraft writes now: the base of the merge after this one.
    pub new_base: String,
    /// How many of the person's changes were carried over without a question.
    pub kept: usize,
}

impl Update {
    /// The stretches that need the person's choice, in order.
    pub fn conflicts(&self) -> Vec<&Conflict> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Conflict(c) => Some(c),
                Piece::Lines(_) => None,
            })
            .collect()
    }

    /// Whether the merge needs no choice.
    pub fn is_clean(&self) -> bool {
        self.pieces.iter().all(|p| matches!(p, Piece::Lines(_)))
    }

    /// The merged body, with conflict `i` settled by `choices[i]` (by `Mine` when missing, so
    /// that nothing of the person's is ever dropped without a choice).
    pub fn body(&self, choices: &[Choice]) -> String {
        let mut out: Vec<&str> = Vec::new();
        let mut n = 0;
        for piece in &self.pieces {
            match piece {
                Piece::Lines(lines) => out.extend(lines.iter().map(String::as_str)),
                Piece::Conflict(c) => {
                    let choice = choices.get(n).copied().unwrap_or(Choice::Mine);
                    n += 1;
                    let mine = c.mine.iter().map(String::as_str);
                    let new = c.new.iter().map(String::as_str);
                    match choice {
                        Choice::Mine => out.extend(mine),
                        Choice::New => out.extend(new),
                        Choice::Both => {
                            out.extend(mine);
                            if needs_blank(&c.mine, &c.new) {
                                out.push("");
                            }
                            out.extend(new);
                        }
                    }
                }
            }
        }
        out.join("\n")
    }
}

/// The lines of a text, so that joining them with `\n` gives the text back exactly (none for
/// the empty text).
fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').collect()
    }
}

fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

/// Whether two runs of lines put one after the other need a blank line between them to stay
/// separate Markdown blocks.
fn needs_blank<S: AsRef<str>>(first: &[S], second: &[S]) -> bool {
    match (first.last(), second.first()) {
        (Some(last), Some(next)) => {
            !last.as_ref().trim().is_empty() && !next.as_ref().trim().is_empty()
        }
        _ => false,
    }
}

/// Merges the change of the generated text from `old_base` to `new_base` into the section's body.
pub fn propose(section: &Section, old_base: &str, new_base: String) -> Update {
    let body = section.body.as_str();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut kept = 0;
    if body == old_base {
        pieces.push(Piece::Lines(owned(&lines(&new_base))));
    } else {
        let base = lines(old_base);
        let ours = lines(body);
        let theirs = lines(&new_base);
        let mut heading: Option<&str> = None;
        let mut text: Vec<&str> = Vec::new();
        for chunk in diff3::merge(&base, &ours, &theirs) {
            match chunk {
                diff3::Chunk::Settled(settled) => {
                    heading = last_heading(&settled).or(heading);
                    text.extend(settled);
                }
                diff3::Chunk::Conflict { base, ours, theirs } if base.is_empty() => {
                    // Both added text at the same place and nothing was replaced: keep both, the
                    // person's first.
                    heading = last_heading(&ours).or(heading);
                    let blank = needs_blank(&ours, &theirs);
                    text.extend(ours);
                    if blank {
                        text.push("");
                    }
                    text.extend(theirs);
                }
                diff3::Chunk::Conflict { base, ours, theirs } => {
                    if !text.is_empty() {
                        pieces.push(Piece::Lines(owned(&std::mem::take(&mut text))));
                    }
                    pieces.push(Piece::Conflict(Conflict {
                        mine: owned(&ours),
                        new: owned(&theirs),
                        was: owned(&base),
                        under: heading.map(|h| h.trim_start_matches('#').trim().to_string()),
                    }));
                    heading = last_heading(&ours).or(heading);
                }
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Lines(owned(&text)));
        }
        kept = count_changes(&base, &ours);
    }
    Update {
        section: section.id.clone(),
        pieces,
        new_base,
        kept,
    }
}

/// How many separate stretches the person changed in infradraft's text.
fn count_changes(base: &[&str], body: &[&str]) -> usize {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(200);
    similar::capture_diff_slices_deadline(similar::Algorithm::Patience, base, body, Some(deadline))
        .iter()
        .filter(|op| !matches!(op, similar::DiffOp::Equal { .. }))
        .count()
}

fn last_heading<'a>(lines: &[&'a str]) -> Option<&'a str> {
    lines
        .iter()
        .rev()
        .find(|l| l.starts_with('#') && l.trim_start_matches('#').starts_with(' '))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(body: &str, generated: Option<&str>) -> Section {
        let mut s = Section::new("compute-resources", "Compute Resources");
        s.body = body.to_string();
        s.generated = generated.map(str::to_string);
        s.hand_edited = generated.is_some();
        s
    }

    #[test]
    fn generated_text_splits_into_blocks_and_lead_and_composes_back() {
        let g = Generated {
            blocks: vec![
                (
                    BlockKey::primary(0),
                    format!("{}\nMatrix\n{}", open_mark(0), close_mark(0)),
                ),
                (
                    BlockKey::primary(2),
                    format!("{}\nStress\n{}", open_mark(2), close_mark(2)),
                ),
                (
                    BlockKey {
                        decision: "data-cache".into(),
                        index: 0,
                    },
                    format!(
                        "{}\nCache costs\n{}",
                        open_mark_of("data-cache", 0),
                        close_mark_of("data-cache", 0)
                    ),
                ),
            ],
            lead: format!("{DECISION_MARK}\n**Decision:** X.\n\n### Outline"),
            parts: vec![
                (
                    "data-cache".into(),
                    format!(
                        "{}\n### Cache\n\n**Decision:** Valkey.\n{}",
                        part_open("data-cache"),
                        part_close("data-cache")
                    ),
                ),
                (
                    "data-messaging".into(),
                    format!(
                        "{}\n### Messaging\n{}",
                        part_open("data-messaging"),
                        part_close("data-messaging")
                    ),
                ),
            ],
        };
        let text = g.compose();
        // Each decision's worksheet results follow its own text.
        let cache_text = text.find("**Decision:** Valkey.").unwrap();
        let cache_block = text.find("Cache costs").unwrap();
        let messaging = text.find("### Messaging").unwrap();
        assert!(
            cache_text < cache_block && cache_block < messaging,
            "{text}"
        );
        assert!(text.find("Stress").unwrap() < text.find("**Decision:** X.").unwrap());
        assert_eq!(Generated::parse(&text), g);
        assert_eq!(Generated::parse(&text).compose(), text);
        assert_eq!(Generated::parse("").compose(), "");
    }

    #[test]
    fn an_untouched_body_takes_the_new_text_whole() {
        let s = section("old generated\n", None);
        let u = propose(&s, "old generated\n", "new generated\n".into());
        assert!(u.is_clean());
        assert_eq!(u.body(&[]), "new generated\n");
        assert_eq!(u.kept, 0);
    }

    #[test]
    fn text_the_person_added_anywhere_is_kept() {
        let base = "intro\n\n### Region\n\n_prompt_\n\nend\n";
        let body = "my preface\n\nintro\n\n### Region\n\nWe use eu-west-1.\n\n_prompt_\n\nend\n\nMy closing words.\n";
        let new = "intro v2\n\n### Region\n\n_prompt_\n\nend\n";
        let s = section(body, Some(base));
        let u = propose(&s, base, new.into());
        assert!(u.is_clean(), "{:?}", u.conflicts());
        let merged = u.body(&[]);
        assert_eq!(
            merged,
            "my preface\n\nintro v2\n\n### Region\n\nWe use eu-west-1.\n\n_prompt_\n\nend\n\nMy closing words.\n"
        );
        assert!(u.kept >= 3);
    }

    #[test]
    fn a_changed_line_infradraft_would_change_waits_for_a_choice() {
        let base = "### Decision\n\nUse (AWS, Azure or Google Cloud).\n\nrest\n";
        let body = "### Decision\n\nUse (AWS).\n\nrest\n";
        let new = "### Decision\n\nUse serverless (AWS, Azure or Google Cloud).\n\nrest\n";
        let s = section(body, Some(base));
        let u = propose(&s, base, new.into());
        let conflicts = u.conflicts();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].mine, ["Use (AWS)."]);
        assert_eq!(
            conflicts[0].new,
            ["Use serverless (AWS, Azure or Google Cloud)."]
        );
        assert_eq!(conflicts[0].under.as_deref(), Some("Decision"));
        assert_eq!(u.body(&[]), body, "no choice keeps the person's text");
        assert_eq!(u.body(&[Choice::New]), new);
        assert_eq!(
            u.body(&[Choice::Both]),
            "### Decision\n\nUse (AWS).\n\nUse serverless (AWS, Azure or Google Cloud).\n\nrest\n"
        );
    }

    #[test]
    fn text_written_into_an_empty_section_comes_first() {
        let s = section("My own notes.", Some(""));
        let u = propose(&s, "", format!("{DECISION_MARK}\n**Decision:** X.\n"));
        assert!(u.is_clean());
        assert_eq!(
            u.body(&[]),
            format!("My own notes.\n\n{DECISION_MARK}\n**Decision:** X.\n")
        );
    }

    #[test]
    fn editing_keeps_the_first_base_and_editing_back_forgets_it() {
        let mut s = section("generated", None);
        person_edited(&mut s, "generated, edited".into());
        assert_eq!(s.generated.as_deref(), Some("generated"));
        person_edited(&mut s, "generated, edited twice".into());
        assert_eq!(s.generated.as_deref(), Some("generated"));
        person_edited(&mut s, "generated".into());
        assert_eq!(s.generated, None);
        assert!(!s.hand_edited);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Texts from a few distinct lines, so that the three versions share and repeat many lines.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!["", "a", "b", "c", "## H", "| x |", "- item"]),
            0..14,
        )
        .prop_map(|l| l.join("\n"))
    }

    /// The lines of `body` that `base` does not have at all: the person's own words, in order.
    fn novel<'a>(base: &str, body: &'a str) -> Vec<&'a str> {
        let known: std::collections::HashSet<&str> = lines(base).into_iter().collect();
        // (Blank lines are layout, not words: a text of one blank line is the empty text.)
        lines(body)
            .into_iter()
            .filter(|l| !known.contains(l) && !l.trim().is_empty())
            .collect()
    }

    fn count(text: &[&str], line: &str) -> usize {
        text.iter().filter(|l| **l == line).count()
    }

    fn is_subsequence(small: &[&str], big: &[&str]) -> bool {
        let mut it = big.iter();
        small.iter().all(|s| it.any(|b| b == s))
    }

    fn merged(base: &str, body: &str, new: &str, choice: Choice) -> String {
        let mut s = Section::new("x", "X");
        s.body = body.to_string();
        let u = propose(&s, base, new.to_string());
        u.body(&vec![choice; u.conflicts().len()])
    }

    proptest! {
        #[test]
        fn the_persons_lines_survive_every_merge_they_keep(
            base in text(), body in text(), new in text()
        ) {
            // Identical lines can be matched more than one way, so "kept" is stated in terms
            // that do not depend on the alignment: every line of the person's own is there, in
            // order, and every line appears at least as often as the person added it.
            for choice in [Choice::Mine, Choice::Both] {
                let out = merged(&base, &body, &new, choice);
                let out_lines = lines(&out);
                let own = novel(&base, &body);
                prop_assert!(
                    is_subsequence(&own, &out_lines),
                    "lost some of {own:?} in {out:?}"
                );
                for line in lines(&body).into_iter().filter(|l| !l.trim().is_empty()) {
                    let added = count(&lines(&body), line).saturating_sub(count(&lines(&base), line));
                    prop_assert!(
                        count(&out_lines, line) >= added,
                        "{line:?} added {added} times, {out:?}"
                    );
                }
            }
        }

        #[test]
        fn one_sided_changes_come_through_unchanged(base in text(), other in text()) {
            prop_assert_eq!(merged(&base, &base, &other, Choice::Mine), other.clone());
            prop_assert_eq!(merged(&base, &other, &base, Choice::New), other.clone());
            prop_assert_eq!(merged(&base, &other, &other, Choice::New), other);
        }
    }
}
