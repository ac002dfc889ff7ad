//! The PRD's Technical Assumptions section.
//!
//! The section is the part of the PRD under the first heading (any level, any case, numbered or not,
//! ATX or setext) whose text contains "Technical Assumptions" ("Technical Assumptions &
//! Constraints", "5. Technical Assumptions"). When there is none the result is
//! [`TechnicalAssumptions::Missing`]: nothing is guessed from the rest of the PRD.
//!
//! Inside it, each list item, each table row and each sentence of a paragraph is one
//! [`Assumption`], its text as written (inline markup removed, trimmed) and its source the line it
//! starts on. The part it belongs to comes from the nearest sub-heading, else a label at its start
//! (`Repository structure: …`, or a label-only line or parent item above it):
//! - repository structure (a heading or label about the repository) → topic RepositoryStructure, tags
//!   `monorepo`/`polyrepo` only;
//! - service architecture → ServiceArchitecture, tags `monolith`, `modular-monolith`,
//!   `microservices`, `serverless`, `event-driven` only;
//! - testing → Testing, testing tags (`unit-tests`, `load-tests`, `dr-drill`, …) only;
//! - anything else ("Additional Technical Assumptions and Requests") → any tag of the vocabulary;
//!   the topic is the label's ("Cloud provider: …" → CloudProvider) or else the content's: repository
//!   or service-architecture tags first, then the topic of the first tag, else Other.
//!
//! Tags and negations (`no-microservices`) are those of [`super::vocab::tags_in`].

use super::blocks::{self, Block, BlockKind, Doc};
use super::vocab::{tag_topic, tags_in};
use super::{Heading, normalize_heading};
use crate::model::{Assumption, AssumptionTopic, InputDocument, SourceRef};

/// What a PRD says in its Technical Assumptions section.
#[derive(Debug, Clone, PartialEq)]
pub enum TechnicalAssumptions {
    /// The PRD has no Technical Assumptions section.
    Missing,
    /// The section's heading and its assumptions, in document order.
    Found {
        /// The section's heading.
        heading: Heading,
        /// The assumptions in the section, in document order.
        items: Vec<Assumption>,
    },
}

impl TechnicalAssumptions {
    /// The assumptions found; empty when the section is missing.
    pub fn items(&self) -> &[Assumption] {
        match self {
            TechnicalAssumptions::Missing => &[],
            TechnicalAssumptions::Found { items, .. } => items,
        }
    }
}

/// The topic that a heading or a label names, if it names one: "Repository Structure" →
/// RepositoryStructure, "Cloud provider" → CloudProvider, "CI/CD" → ContinuousIntegration, …
pub(crate) fn label_topic(label: &str) -> Option<AssumptionTopic> {
    use AssumptionTopic as T;
    let n = normalize_heading(label);
    let words: Vec<&str> = n.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    let any = |ws: &[&str]| ws.iter().any(|w| has(w));
    if n.contains("repo") || n.contains("source control") || n.contains("code organi") {
        return Some(T::RepositoryStructure);
    }
    if n.contains("service architecture")
        || n.contains("architectural style")
        || n.contains("architecture style")
        || any(&[
            "architecture",
            "services",
            "serverless",
            "functions",
            "faas",
        ])
    {
        return Some(T::ServiceArchitecture);
    }
    if n.contains("test") || has("qa") {
        return Some(T::Testing);
    }
    if n.contains("infrastructure as code")
        || any(&["iac", "provisioning", "configuration management"])
    {
        return Some(T::InfrastructureAsCode);
    }
    if any(&[
        "ci",
        "cd",
        "ci/cd",
        "pipeline",
        "pipelines",
        "delivery",
        "build",
        "deployment",
    ]) {
        return Some(T::ContinuousIntegration);
    }
    if any(&["region", "regions", "location", "locations", "residency"]) {
        return Some(T::Regions);
    }
    if any(&["cloud", "provider", "hosting"]) {
        return Some(T::CloudProvider);
    }
    if any(&[
        "container",
        "containers",
        "orchestration",
        "compute",
        "kubernetes",
        "platform",
    ]) {
        return Some(T::ContainerOrchestration);
    }
    if any(&[
        "language",
        "languages",
        "runtime",
        "runtimes",
        "backend",
        "frontend",
    ]) {
        return Some(T::Languages);
    }
    if any(&[
        "database",
        "databases",
        "datastore",
        "datastores",
        "persistence",
        "cache",
        "storage",
    ]) || n.contains("data store")
    {
        return Some(T::Databases);
    }
    if any(&[
        "messaging",
        "queue",
        "queues",
        "queueing",
        "queuing",
        "streaming",
        "events",
        "bus",
    ]) {
        return Some(T::Messaging);
    }
    None
}

/// A label at the start of `text`: up to five words before a `:`.
pub(crate) fn split_label(text: &str) -> Option<(&str, &str)> {
    let (label, rest) = text.split_once(':')?;
    let words = label.split_whitespace().count();
    (1..=5)
        .contains(&words)
        .then_some((label.trim(), rest.trim()))
}

/// The topic of a fact from its tags: repository or service-architecture tags first, then the topic
/// of the first tag; `None` without tags.
pub(crate) fn content_topic(tags: &[String]) -> Option<AssumptionTopic> {
    let topics: Vec<AssumptionTopic> = tags.iter().filter_map(|t| tag_topic(t)).collect();
    for preferred in [
        AssumptionTopic::RepositoryStructure,
        AssumptionTopic::ServiceArchitecture,
    ] {
        if topics.contains(&preferred) {
            return Some(preferred);
        }
    }
    topics.first().copied()
}

/// The sentences of a block's text with the line each starts on. A sentence ends at `.`, `!` or `?`
/// followed by a space and a capital letter, a digit or an opening quote or bracket, unless the word
/// before is an abbreviation (`e.g.`, from `assets/extraction/sentences.ron` and a team's).
pub(crate) fn sentences(block: &Block) -> Vec<(String, u32)> {
    let abbreviations = &crate::knowledge::extraction::extraction().sentences;
    let text = &block.text;
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, space)) = chars.get(k + 1) else {
            continue;
        };
        let Some(&(_, next)) = chars.get(k + 2) else {
            continue;
        };
        if !space.is_whitespace()
            || !(next.is_uppercase() || next.is_ascii_digit() || "\"'“‘([*`".contains(next))
        {
            continue;
        }
        if c == '.' {
            let word: String = text[start..i]
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                .next()
                .unwrap_or("")
                .to_lowercase();
            if abbreviations.is_abbreviation(&word) {
                continue;
            }
        }
        let end = i + c.len_utf8();
        let s = text[start..end].trim();
        if !s.is_empty() {
            out.push((
                s.to_string(),
                block.line_at(start + (text[start..].len() - text[start..].trim_start().len())),
            ));
        }
        start = end;
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        let lead = text[start..].len() - text[start..].trim_start().len();
        out.push((s.to_string(), block.line_at(start + lead)));
    }
    out
}

/// The pieces of a block that are each one fact: an item or a row whole, a paragraph by sentence.
pub(crate) fn pieces(block: &Block) -> Vec<(String, u32)> {
    match &block.kind {
        BlockKind::Paragraph => sentences(block),
        BlockKind::Item { .. } => vec![(block.text.trim().to_string(), block.line)],
        BlockKind::Row { cells, .. } => {
            let cells: Vec<&str> = cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            let text = match cells.split_first() {
                Some((first, rest)) if !rest.is_empty() => {
                    format!("{first}: {}", rest.join(" — "))
                }
                Some((first, _)) => (*first).to_string(),
                None => String::new(),
            };
            vec![(text, block.line)]
        }
    }
}

/// Whether a block is only a label (`**Service architecture:**`, `Other assumptions:`), and the
/// topic it names if any.
fn label_only(block: &Block) -> Option<Option<AssumptionTopic>> {
    let t = block.text.trim();
    let label = t.strip_suffix(':')?;
    (label.split_whitespace().count() <= 5).then(|| label_topic(label))
}

/// Tags of `text` that belong to `topic`, or all tags when `topic` is `None`.
fn tags_for(text: &str, topic: Option<AssumptionTopic>) -> Vec<String> {
    let tags = tags_in(text);
    match topic {
        Some(t) => tags
            .into_iter()
            .filter(|g| tag_topic(g) == Some(t))
            .collect(),
        None => tags,
    }
}

/// The part a block belongs to: the nearest sub-heading's topic below the section heading, if any.
fn heading_part(block: &Block, doc: &Doc, section: usize) -> Option<AssumptionTopic> {
    let pos = block.path.iter().position(|&h| h == section)?;
    block.path[pos + 1..]
        .iter()
        .rev()
        .find_map(|&h| doc.headings.get(h).and_then(|h| label_topic(&h.text)))
}

fn is_strict(topic: AssumptionTopic) -> bool {
    matches!(
        topic,
        AssumptionTopic::RepositoryStructure
            | AssumptionTopic::ServiceArchitecture
            | AssumptionTopic::Testing
    )
}

/// The assumptions of `doc` under heading `section` (an index into `doc.headings`).
fn section_items(doc: &Doc, section: usize, input: &str) -> Vec<Assumption> {
    let mut items = Vec::new();
    // A label-only paragraph sets the part for what follows it under the same heading.
    let mut label_part: Option<(Option<usize>, AssumptionTopic)> = None;
    for block in &doc.blocks {
        if !block.path.contains(&section) {
            continue;
        }
        let heading_topic = heading_part(block, doc, section);
        if label_part.is_some_and(|(h, _)| h != block.heading()) {
            label_part = None;
        }
        if let Some(topic) = label_only(block) {
            if matches!(block.kind, BlockKind::Paragraph) {
                label_part = topic.map(|t| (block.heading(), t));
            }
            continue;
        }
        // A parent item that is a label gives its part to its nested items.
        let parent_topic = match block.kind {
            BlockKind::Item {
                parent: Some(p), ..
            } => doc.blocks.get(p).and_then(|pb| {
                label_only(pb)
                    .flatten()
                    .or_else(|| split_label(&pb.text).and_then(|(l, _)| label_topic(l)))
            }),
            _ => None,
        };
        for (text, line) in pieces(block) {
            if text.is_empty() {
                continue;
            }
            let own_label = split_label(&text).and_then(|(l, _)| label_topic(l));
            let part = heading_topic
                .filter(|t| is_strict(*t))
                .or(own_label)
                .or(parent_topic)
                .or(label_part.map(|(_, t)| t))
                .or(heading_topic);
            let (topic, tags) = match part {
                Some(t) if is_strict(t) => (t, tags_for(&text, Some(t))),
                Some(t) => (t, tags_for(&text, None)),
                None => {
                    let tags = tags_for(&text, None);
                    (content_topic(&tags).unwrap_or(AssumptionTopic::Other), tags)
                }
            };
            items.push(Assumption {
                topic,
                text,
                tags,
                source: Some(SourceRef {
                    input: input.to_string(),
                    line,
                }),
                modality: crate::model::Modality::Statement,
                incidental: false,
            });
        }
    }
    items
}

/// The Technical Assumptions of a PRD (see the module documentation).
pub fn technical_assumptions(prd: &InputDocument) -> TechnicalAssumptions {
    let doc = blocks::parse(&prd.text);
    let Some(section) = doc
        .headings
        .iter()
        .position(|h| normalize_heading(&h.text).contains("technical assumption"))
    else {
        return TechnicalAssumptions::Missing;
    };
    let items = section_items(&doc, section, &prd.path);
    TechnicalAssumptions::Found {
        heading: doc.headings[section].clone(),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputKind;
    use AssumptionTopic as T;
    use jiff::Timestamp;

    fn prd(text: &str) -> InputDocument {
        InputDocument {
            kind: InputKind::Prd,
            path: "prd.md".into(),
            sha256: String::new(),
            snapshot_at: Timestamp::UNIX_EPOCH,
            text: text.into(),
        }
    }

    fn summary(ta: &TechnicalAssumptions) -> Vec<(T, Vec<String>, u32)> {
        ta.items()
            .iter()
            .map(|a| {
                (
                    a.topic,
                    a.tags.clone(),
                    a.source.as_ref().map_or(0, |s| s.line),
                )
            })
            .collect()
    }

    fn v(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn missing_when_no_section() {
        let ta = technical_assumptions(&prd("# PRD\n\n## Assumptions\n\n- We use a monorepo.\n"));
        assert_eq!(ta, TechnicalAssumptions::Missing);
        assert!(ta.items().is_empty());
    }

    #[test]
    fn subsections_sentences_and_negations() {
        let md = "# P\n\nTechnical Assumptions & Constraints\n-----------------------------------\n\n### Repository Structure\n\nPolyrepo. One repository per service, with Terraform.\n\n### Service Architecture\n\nMicroservices on EKS.\nA monolith is\nexplicitly not planned.\n\n### Testing Requirements\n\n- Unit tests everywhere.\n\n### Additional Technical Assumptions and Requests\n\n- Cloud provider: AWS (eu-west-1).\n- Not Kubernetes: ECS on Fargate.\n- Staff use SSO.\n\n## Next\n\n- Kafka\n";
        let ta = technical_assumptions(&prd(md));
        let TechnicalAssumptions::Found { heading, .. } = &ta else {
            panic!("missing");
        };
        assert_eq!(heading.line, 3);
        assert_eq!(heading.level, 2);
        assert_eq!(
            summary(&ta),
            vec![
                (T::RepositoryStructure, v(&["polyrepo"]), 8),
                (T::RepositoryStructure, v(&["polyrepo"]), 8),
                (T::ServiceArchitecture, v(&["microservices"]), 12),
                (T::ServiceArchitecture, v(&["no-monolith"]), 13),
                (T::Testing, v(&["unit-tests"]), 18),
                (T::CloudProvider, v(&["aws", "eu-west-1"]), 22),
                (
                    T::ContainerOrchestration,
                    v(&["no-kubernetes", "ecs", "fargate"]),
                    23
                ),
                (T::Other, v(&[]), 24),
            ]
        );
        assert_eq!(ta.items()[3].text, "A monolith is explicitly not planned.");
        assert_eq!(ta.items()[0].text, "Polyrepo.");
    }

    #[test]
    fn labels_without_subheadings() {
        let md = "## 4. Technical Assumptions\n\n- **Repository:** monorepo in Azure Repos\n- **Service architecture:** a serverless monolith\n\n**Testing:**\n\n- Load tests before release\n\nOther assumptions:\n\n- GitLab CI\n";
        let ta = technical_assumptions(&prd(md));
        assert_eq!(
            summary(&ta),
            vec![
                (T::RepositoryStructure, v(&["monorepo"]), 3),
                (T::ServiceArchitecture, v(&["serverless", "monolith"]), 4),
                (T::Testing, v(&["load-tests"]), 8),
                (T::ContinuousIntegration, v(&["gitlab-ci"]), 12),
            ]
        );
    }

    #[test]
    fn sentence_splitting_keeps_abbreviations_and_versions() {
        let doc = blocks::parse("First one, e.g. TLS 1.2 here. Second\nline? Third.\n");
        let s = sentences(&doc.blocks[0]);
        assert_eq!(
            s,
            vec![
                ("First one, e.g. TLS 1.2 here.".to_string(), 1),
                ("Second line?".to_string(), 1),
                ("Third.".to_string(), 2)
            ]
        );
    }
}
