//! The Markdown summary of the proposed additions (new stories) and modifications (refinements).

use crate::model::{Refinement, Session, StorySize, TechnicalStory};

use super::parse::Epic;

/// The heading of the summary.
pub const IMPACT_HEADING: &str = "## Technical Stories and Epic Impacts";

/// `Small`, `Medium`, `Large`, `Extra large` or `Unsized`.
pub fn size_label(size: StorySize) -> &'static str {
    match size {
        StorySize::Unsized => "Unsized",
        StorySize::Small => "Small",
        StorySize::Medium => "Medium",
        StorySize::Large => "Large",
        StorySize::ExtraLarge => "Extra large",
    }
}

/// One story as Markdown on its own: a level-4 heading with id and title, the size and component,
/// the user story sentence, and the acceptance criteria as checkboxes.
pub fn story_markdown(story: &TechnicalStory) -> String {
    let mut out = String::new();
    push_story(&mut out, story, 4);
    out
}

fn push_story(out: &mut String, story: &TechnicalStory, level: usize) {
    out.push_str(&format!(
        "{} {}: {}\n\n",
        "#".repeat(level),
        story.id,
        one_line(&story.title)
    ));
    let mut facts = vec![format!("**Size:** {}", size_label(story.size))];
    if let Some(d) = story.decision.as_ref().or(story.section.as_ref()) {
        facts.push(format!("**Component:** `{d}`"));
    }
    out.push_str(&facts.join(" \u{b7} "));
    out.push_str("\n\n");
    if !story.built_with.trim().is_empty() {
        out.push_str(&format!(
            "**Built with:** {}\n\n",
            one_line(&story.built_with)
        ));
    }
    let mut links = Vec::new();
    if !story.requirements.is_empty() {
        links.push(format!("**Meets:** {}", story.requirements.join(", ")));
    }
    if !story.serves.is_empty() {
        links.push(format!("**Serves:** {}", story.serves.join(", ")));
    }
    if !links.is_empty() {
        out.push_str(&links.join(" \u{b7} "));
        out.push_str("\n\n");
    }
    out.push_str(&user_story_sentence(story));
    out.push_str("\n\n");
    if !story.acceptance_criteria.is_empty() {
        out.push_str("**Acceptance criteria**\n\n");
        for k in &story.acceptance_criteria {
            out.push_str(&format!("- [ ] {}\n", one_line(k)));
        }
        out.push('\n');
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `As a platform engineer, I want …, so that ….`
fn user_story_sentence(story: &TechnicalStory) -> String {
    let role = one_line(&story.as_a);
    let lower = role.to_lowercase();
    let role = if role.is_empty() {
        "a team member".to_string()
    } else if ["a ", "an ", "the "].iter().any(|a| lower.starts_with(a)) {
        role
    } else {
        format!("{} {role}", article(&role))
    };
    let so_that = one_line(&story.so_that);
    let end = if so_that.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    format!(
        "As {role}, I want {}, so that {so_that}{end}",
        one_line(&story.i_want).trim_end_matches(['.', ','])
    )
}

fn article(word: &str) -> &'static str {
    let first = word.split_whitespace().next().unwrap_or_default();
    let c = first.chars().next().unwrap_or('x');
    let acronym = first.len() > 1 && first.chars().all(|c| c.is_ascii_uppercase());
    if acronym {
        if "AEFHILMNORSX".contains(c) {
            "an"
        } else {
            "a"
        }
    } else if "aeiouAEIOU".contains(c) {
        "an"
    } else {
        "a"
    }
}

fn section_title(session: &Session, id: &str) -> String {
    session
        .section(id)
        .map(|s| s.title.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// The summary of all proposed additions and modifications, for step 6 of the process and for
/// export on its own: the heading, a totals line, the new stories grouped by section (in the order
/// given) and the refinements grouped by epic and story.
pub fn impact_markdown(
    session: &Session,
    epics: &[Epic],
    stories: &[TechnicalStory],
    refinements: &[Refinement],
) -> String {
    let mut out = format!("{IMPACT_HEADING}\n\n");
    out.push_str(&totals(epics, stories, refinements));
    out.push_str("\n\n### New infrastructure stories\n\n");
    if stories.is_empty() {
        out.push_str(
            "No new infrastructure stories: no component has a recorded decision yet.\n\n",
        );
    }
    let mut groups: Vec<Option<&str>> = Vec::new();
    for s in stories {
        if !groups.contains(&s.section.as_deref()) {
            groups.push(s.section.as_deref());
        }
    }
    for group in groups {
        let title = group
            .map(|id| section_title(session, id))
            .unwrap_or_else(|| "Other stories".to_string());
        out.push_str(&format!("#### {title}\n\n"));
        for s in stories.iter().filter(|s| s.section.as_deref() == group) {
            push_story(&mut out, s, 5);
        }
    }
    out.push_str("### Changes to existing stories\n\n");
    if epics.iter().all(|e| e.stories.is_empty()) {
        out.push_str("No epics or stories were found in the inputs.\n\n");
    }
    if refinements.is_empty() {
        out.push_str("No changes are proposed to existing stories.\n\n");
    }
    let mut placed = vec![false; refinements.len()];
    for epic in epics {
        let mut body = String::new();
        for story in &epic.stories {
            let label = story.label();
            let mine: Vec<usize> = (0..refinements.len())
                .filter(|&i| refinements[i].story == label)
                .collect();
            if mine.is_empty() {
                continue;
            }
            body.push_str(&format!(
                "**{label}: {}** ({})\n\n",
                one_line(&story.title),
                story.source.short()
            ));
            for i in mine {
                placed[i] = true;
                push_refinement(&mut body, session, &refinements[i]);
            }
            body.push('\n');
        }
        if !body.is_empty() {
            let title = if epic.title.is_empty() {
                epic.label()
            } else {
                format!("{}: {}", epic.label(), one_line(&epic.title))
            };
            out.push_str(&format!("#### {title}\n\n{body}"));
        }
    }
    let rest: Vec<&Refinement> = refinements
        .iter()
        .zip(&placed)
        .filter(|(_, p)| !**p)
        .map(|(r, _)| r)
        .collect();
    if !rest.is_empty() {
        out.push_str("#### Other stories\n\n");
        for r in rest {
            out.push_str(&format!("**{}**\n\n", one_line(&r.story)));
            push_refinement(&mut out, session, r);
            out.push('\n');
        }
    }
    push_epic_impacts(&mut out, epics, refinements);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Every epic and story of the inputs with what the infrastructure design changes in it, so that
/// a reader of the product plan finds each of its stories here.
fn push_epic_impacts(out: &mut String, epics: &[Epic], refinements: &[Refinement]) {
    if epics.is_empty() {
        return;
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str("### Epic impacts\n\n| Epic | Story | Source | Infrastructure impact |\n|---|---|---|---|\n");
    let cell = |t: &str| one_line(t).replace('|', "\\|");
    for epic in epics {
        let title = if epic.title.is_empty() {
            epic.label()
        } else {
            format!("{}: {}", epic.label(), cell(&epic.title))
        };
        if epic.stories.is_empty() {
            out.push_str(&format!(
                "| {title} | – | {} | no stories listed in the inputs |\n",
                epic.source.short()
            ));
        }
        for (k, story) in epic.stories.iter().enumerate() {
            let label = story.label();
            let changes = refinements.iter().filter(|r| r.story == label).count();
            let impact = match changes {
                0 => "none found".to_string(),
                1 => "1 change proposed above".to_string(),
                n => format!("{n} changes proposed above"),
            };
            out.push_str(&format!(
                "| {} | {label} {} | {} | {impact} |\n",
                if k == 0 { title.as_str() } else { "" },
                cell(&story.title),
                story.source.short()
            ));
        }
    }
    out.push('\n');
}

fn push_refinement(out: &mut String, session: &Session, r: &Refinement) {
    let source = r
        .decision
        .as_deref()
        .map(|d| section_title(session, d))
        .unwrap_or_else(|| "General".to_string());
    out.push_str(&format!("- **{source}:** {}\n", one_line(&r.change)));
    if !r.why.trim().is_empty() {
        out.push_str(&format!("  - *Why:* {}\n", one_line(&r.why)));
    }
}

/// `**Totals:** 3 new infrastructure stories (1 Small, 2 Medium) and 4 changes to 3 existing
/// stories in 2 epics.`
fn totals(epics: &[Epic], stories: &[TechnicalStory], refinements: &[Refinement]) -> String {
    let sizes: Vec<String> = [
        StorySize::Small,
        StorySize::Medium,
        StorySize::Large,
        StorySize::ExtraLarge,
        StorySize::Unsized,
    ]
    .iter()
    .filter_map(|&size| {
        let n = stories.iter().filter(|s| s.size == size).count();
        (n > 0).then(|| format!("{n} {}", size_label(size)))
    })
    .collect();
    let mut touched: Vec<&str> = Vec::new();
    for r in refinements {
        if !touched.contains(&r.story.as_str()) {
            touched.push(&r.story);
        }
    }
    let touched_epics = epics
        .iter()
        .filter(|e| {
            e.stories
                .iter()
                .any(|s| touched.contains(&s.label().as_str()))
        })
        .count();
    let mut line = format!(
        "**Totals:** {} and {} to {} in {}.",
        plural(
            stories.len(),
            "new infrastructure story",
            "new infrastructure stories"
        ),
        plural(refinements.len(), "change", "changes"),
        plural(touched.len(), "existing story", "existing stories"),
        plural(touched_epics, "epic", "epics"),
    );
    if !sizes.is_empty() {
        line.push_str(&format!(" New stories by size: {}.", sizes.join(", ")));
    }
    line
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> TechnicalStory {
        TechnicalStory {
            id: "INFRA-1".into(),
            title: "Bootstrap remote state and locking".into(),
            as_a: "platform engineer".into(),
            i_want: "a remote state backend".into(),
            so_that: "state is safe".into(),
            acceptance_criteria: vec!["Encrypted.".into(), "Locked.".into()],
            section: Some("infrastructure-as-code".into()),
            decision: Some("infrastructure-as-code".into()),
            size: StorySize::Medium,
            built_with: String::new(),
            requirements: Vec::new(),
            serves: Vec::new(),
            edited: None,
        }
    }

    #[test]
    fn a_story_renders_with_checkboxes() {
        let md = story_markdown(&story());
        assert_eq!(
            md,
            "#### INFRA-1: Bootstrap remote state and locking\n\n\
             **Size:** Medium \u{b7} **Component:** `infrastructure-as-code`\n\n\
             As a platform engineer, I want a remote state backend, so that state is safe.\n\n\
             **Acceptance criteria**\n\n- [ ] Encrypted.\n- [ ] Locked.\n\n"
        );
    }

    #[test]
    fn articles() {
        assert_eq!(article("on-call engineer"), "an");
        assert_eq!(article("FinOps lead"), "a");
        assert_eq!(article("SRE"), "an");
        assert_eq!(article("DBA"), "a");
        assert_eq!(article("infrastructure architect"), "an");
        let mut s = story();
        s.as_a = "an auditor".into();
        s.so_that = "it works.".into();
        assert!(
            story_markdown(&s)
                .contains("As an auditor, I want a remote state backend, so that it works.\n")
        );
    }

    #[test]
    fn totals_count_sizes_stories_and_epics() {
        let t = totals(&[], &[story()], &[]);
        assert_eq!(
            t,
            "**Totals:** 1 new infrastructure story and 0 changes to 0 existing stories in 0 epics. New stories by size: 1 Medium."
        );
    }
}
