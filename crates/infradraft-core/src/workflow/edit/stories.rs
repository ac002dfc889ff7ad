//! Technical stories and refinements of existing stories: drafted from the decisions (the
//! person's edits to a drafted story are kept), a story edited as Markdown, and a proposal
//! dropped. The list of proposals is the stories followed by the refinements.

use jiff::Timestamp;

use super::EditError;
use crate::analysis::stories::{draft_stories, epics, merge_drafted, suggest_refinements};
use crate::model::{Session, TechnicalStory};

/// How many proposals a draft made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drafted {
    pub stories: usize,
    pub refinements: usize,
}

impl super::Changed for Drafted {
    fn changed(&self) -> bool {
        true
    }
}

/// Drafts stories and refinements from the decisions, replacing the earlier proposals (a story
/// the person edited keeps their text).
pub fn draft(s: &mut Session, now: Timestamp) -> Result<Drafted, EditError> {
    let found = epics(&s.inputs);
    let refinements = suggest_refinements(s, &found);
    let stories = merge_drafted(&s.stories, draft_stories(s), &refinements);
    if stories.is_empty() && refinements.is_empty() {
        return Err(EditError::NothingToDraft);
    }
    let (n, m) = (stories.len(), refinements.len());
    s.stories = stories;
    s.refinements = refinements;
    s.record(
        now,
        "stories",
        format!("drafted {n} stories and {m} refinements from the decisions"),
    );
    Ok(Drafted {
        stories: n,
        refinements: m,
    })
}

/// Reads an edited story back: exactly one story, with a title and what is wanted; it keeps
/// `before`'s id, and its section and decision unless the text names others.
pub fn read_edit(
    session: &Session,
    before: &TechnicalStory,
    text: &str,
) -> Result<TechnicalStory, EditError> {
    let mut found = crate::workflow::read_back::parse_stories(session, text);
    let mut story = match found.len() {
        1 => found.remove(0),
        0 => {
            return Err(EditError::NotOneStory(format!(
                "the first line must stay the story's heading, \"#### {}: <title>\"",
                before.id
            )));
        }
        n => {
            return Err(EditError::NotOneStory(format!(
                "the text holds {n} story headings; keep one"
            )));
        }
    };
    if story.title.trim().is_empty() {
        return Err(EditError::NotOneStory(
            "the story needs a title after its id".into(),
        ));
    }
    if story.i_want.trim().is_empty() {
        return Err(EditError::NotOneStory(
            "the story needs its sentence: \"As a <role>, I want <what>, so that <why>.\"".into(),
        ));
    }
    story.id = before.id.clone();
    if story.section.is_none() && story.decision.is_none() {
        story.section = before.section.clone();
        story.decision = before.decision.clone();
    }
    story.edited = Some(
        before
            .edited
            .clone()
            .unwrap_or_else(|| before.title.clone()),
    );
    Ok(story)
}

/// Replaces story `id` with the story `text` holds: `Some(what)` when it changed (recorded),
/// `None` when it reads back as it is or the story is gone.
pub fn edit(
    s: &mut Session,
    id: &str,
    text: &str,
    now: Timestamp,
) -> Result<Option<String>, EditError> {
    let Some(i) = s.stories.iter().position(|x| x.id == id) else {
        return Ok(None);
    };
    let before = &s.stories[i];
    let story = read_edit(s, before, text)?;
    let unchanged = TechnicalStory {
        edited: before.edited.clone(),
        ..story.clone()
    } == *before;
    if unchanged {
        return Ok(None);
    }
    let what = format!("edited {}: {}", story.id, story.title);
    s.stories[i] = story;
    s.record(now, "stories", what.clone());
    Ok(Some(what))
}

/// Drops proposal `i` (a story, or after the stories a refinement); returns what it was.
pub fn drop(s: &mut Session, i: usize, now: Timestamp) -> Result<String, EditError> {
    let stories = s.stories.len();
    let what = if i < stories {
        s.stories.remove(i).title
    } else if i - stories < s.refinements.len() {
        s.refinements.remove(i - stories).story
    } else {
        return Err(EditError::Missing {
            what: "proposal",
            at: format!("at {}", i + 1),
        });
    };
    s.record(now, "stories", format!("dropped {what}"));
    Ok(what)
}
