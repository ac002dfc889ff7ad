//! Facts from a technology stack document, and the facts of all inputs together.
//!
//! # Tech stack documents
//! - **Stack tables**: tables with a technology-like column (Technology, Tool, Choice, Product,
//!   Service, Platform, …) and a category-like one (Category, Layer, Area, Component, Concern, …), or
//!   a technology column that is not the first. One fact per row that yields a tag: the tags of the
//!   technology cell, plus the ruled-out tags (`no-x`) of the other cells ("explicitly not
//!   Kubernetes" in a rationale). When the category names a topic ("Container orchestration",
//!   "Primary region", "CI/CD") the fact has that topic and keeps only the tags of that topic when it
//!   has any; otherwise the topic is the first tag's, and cloud-provider and region tags are dropped
//!   (`AWS Secrets Manager` does not make a CloudProvider fact). The text is `Category: Technology`,
//!   followed by ` — <cell>` for a cell that contributed a `no-` tag. A status column saying "not
//!   used", "rejected", "deprecated" or "retired" rules the technology out.
//! - **"Explicitly Not Used" sections** (headings with "not used", "excluded", "rejected", "avoid",
//!   "do not use", …): every technology in the subject of each entry (its bold lead, else the text
//!   before the first dash or colon) gives `no-<tag>`, unless the stack uses that technology in an
//!   earlier fact (a qualified entry such as "Self-hosted observability (Prometheus servers)" does
//!   not rule out the managed Prometheus the stack uses); the rest of the entry (the rationale) is
//!   ignored.
//! - **Other lists and prose**: each item and sentence with a tag is a fact (testing tags aside);
//!   a label (`Cloud: AWS`) gives the topic. Sections about local development, version policy,
//!   change logs or references are skipped.
//!
//! A fact whose tags all appeared in an earlier fact of the same document is left out, so the stack
//! table's row is the evidence rather than the tenth sentence mentioning the same product.
//!
//! # All facts
//! [`all_facts`] gives, input by input: the PRD's Technical Assumptions; the tech stack's facts; for
//! architecture (and other) documents, the rows of decision tables (a "Decision" column; rows whose
//! status is proposed, rejected, superseded, deprecated or draft are left out) and the items under
//! headings about decisions, ADRs, constraints, principles or technology; for infrastructure
//! guidelines, items and sentences under headings that name a topic ("Infrastructure as Code", "CI
//! Pipeline Standard"), keeping only tags of that topic. Facts without tags are left out, except the
//! PRD's Technical Assumptions, which are all kept.

use super::assumptions::{content_topic, label_topic, pieces, split_label, technical_assumptions};
use super::blocks::{self, Block, BlockKind, Doc};
use super::normalize_heading;
use super::vocab::{negated_tags_in, tag_topic, tags_in};
use crate::model::{Assumption, AssumptionTopic, InputDocument, InputKind, SourceRef};

const NOT_USED_HEADINGS: &[&str] = &[
    "not used",
    "not in use",
    "do not use",
    "don t use",
    "won t use",
    "will not use",
    "excluded",
    "rejected",
    "avoid",
    "not allowed",
    "prohibited",
    "not chosen",
    "ruled out",
    "explicitly out",
];

const SKIPPED_HEADINGS: &[&str] = &[
    "local development",
    "development environment",
    "developer setup",
    "version policy",
    "versions policy",
    "versioning",
    "change log",
    "changelog",
    "revision history",
    "glossary",
    "references",
    "open questions",
];

const CATEGORY_COLUMNS: &[&str] = &[
    "category",
    "layer",
    "area",
    "component",
    "concern",
    "domain",
    "capability",
    "type",
    "tier",
    "aspect",
    "purpose",
];

const TECH_COLUMNS: &[&str] = &[
    "technology",
    "technologies",
    "tool",
    "tools",
    "tooling",
    "choice",
    "product",
    "selection",
    "solution",
    "service",
    "platform",
    "implementation",
    "name",
    "standard",
];

fn heading_texts<'a>(block: &Block, doc: &'a Doc) -> impl Iterator<Item = String> + 'a {
    let path = block.path.clone();
    path.into_iter()
        .filter_map(move |h| doc.headings.get(h).map(|h| normalize_heading(&h.text)))
}

fn under_any(block: &Block, doc: &Doc, phrases: &[&str]) -> bool {
    heading_texts(block, doc).any(|h| phrases.iter().any(|p| h.contains(p)))
}

fn source(input: &str, line: u32) -> Option<SourceRef> {
    Some(SourceRef {
        input: input.to_string(),
        line,
    })
}

/// The subject of an entry: its bold lead, else the text before the first dash or colon.
fn subject(block: &Block) -> String {
    if let Some(lead) = &block.lead {
        return lead.trim_end_matches(':').to_string();
    }
    let t = block.text.as_str();
    let cut = [" — ", " – ", " - ", ": "]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min()
        .unwrap_or(t.len());
    t[..cut].to_string()
}

fn push_tag(tags: &mut Vec<String>, tag: String) {
    if !tags.contains(&tag) {
        tags.push(tag);
    }
}

/// Keeps the tags of `topic` when there are any, else (without a topic) drops provider and region
/// tags; negative tags are kept in both cases.
fn focus(
    tags: Vec<String>,
    topic: Option<AssumptionTopic>,
) -> (Vec<String>, Option<AssumptionTopic>) {
    let (neg, pos): (Vec<String>, Vec<String>) =
        tags.into_iter().partition(|t| t.starts_with("no-"));
    let pos = match topic {
        Some(t) if pos.iter().any(|g| tag_topic(g) == Some(t)) => pos
            .into_iter()
            .filter(|g| tag_topic(g) == Some(t))
            .collect(),
        Some(_) => pos
            .into_iter()
            .filter(|g| {
                !matches!(
                    tag_topic(g),
                    Some(AssumptionTopic::CloudProvider | AssumptionTopic::Regions)
                )
            })
            .collect(),
        None => pos
            .into_iter()
            .filter(|g| {
                !matches!(
                    tag_topic(g),
                    Some(AssumptionTopic::CloudProvider | AssumptionTopic::Regions)
                )
            })
            .collect(),
    };
    let mut out = pos;
    for n in neg {
        push_tag(&mut out, n);
    }
    let topic = topic.or_else(|| content_topic(&out));
    (out, topic)
}

fn row_fact(
    doc: &Doc,
    block: &Block,
    table: usize,
    cells: &[String],
    input: &str,
    not_used: bool,
) -> Option<Assumption> {
    let header: Vec<String> = doc
        .tables
        .get(table)?
        .iter()
        .map(|h| normalize_heading(h))
        .collect();
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let tech_col = find(TECH_COLUMNS);
    let cat_col = find(CATEGORY_COLUMNS);
    let tech_col = match (tech_col, cat_col) {
        (Some(t), _) if Some(t) != cat_col && (cat_col.is_some() || t > 0) => t,
        (None, Some(c)) if not_used || header.len() > c + 1 => c + 1,
        (None, None) if not_used => 0,
        _ => return None,
    };
    let tech = cells.get(tech_col)?.trim();
    if tech.is_empty() {
        return None;
    }
    let category = cat_col
        .and_then(|c| cells.get(c))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty());
    let status_col = header.iter().position(|h| h == "status");
    let ruled_out = not_used
        || status_col.and_then(|s| cells.get(s)).is_some_and(|s| {
            let s = s.to_lowercase();
            [
                "not used",
                "rejected",
                "deprecated",
                "retired",
                "excluded",
                "forbidden",
            ]
            .iter()
            .any(|w| s.contains(w))
                || s.trim() == "no"
        });
    let mut tags = if ruled_out {
        negated_tags_in(tech)
    } else {
        tags_in(tech)
    };
    let mut notes = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        if i == tech_col || Some(i) == cat_col || Some(i) == status_col {
            continue;
        }
        let negs: Vec<String> = tags_in(cell)
            .into_iter()
            .filter(|t| t.starts_with("no-"))
            .collect();
        if !negs.is_empty() {
            notes.push(cell.trim().to_string());
            for n in negs {
                push_tag(&mut tags, n);
            }
        }
    }
    tags.retain(|t| tag_topic(t) != Some(AssumptionTopic::Testing));
    let (tags, topic) = focus(tags, category.and_then(label_topic));
    if tags.is_empty() {
        return None;
    }
    let mut text = match category {
        Some(c) => format!("{c}: {tech}"),
        None => tech.to_string(),
    };
    for n in notes {
        text.push_str(" — ");
        text.push_str(&n);
    }
    Some(Assumption {
        topic: topic.unwrap_or(AssumptionTopic::Other),
        text,
        tags,
        source: source(input, block.line),
        modality: crate::model::Modality::Statement,
        incidental: false,
    })
}

/// Facts from prose or list pieces: label topic, tags without testing tags.
fn piece_facts(
    block: &Block,
    input: &str,
    topic_filter: Option<AssumptionTopic>,
) -> Vec<Assumption> {
    let mut out = Vec::new();
    for (text, line) in pieces(block) {
        let label = split_label(&text).and_then(|(l, _)| label_topic(l));
        let mut tags = tags_in(&text);
        tags.retain(|t| tag_topic(t) != Some(AssumptionTopic::Testing));
        let (tags, topic) = match topic_filter {
            Some(t) => (
                tags.into_iter()
                    .filter(|g| tag_topic(g) == Some(t))
                    .collect::<Vec<_>>(),
                Some(t),
            ),
            None => {
                let topic = label.or_else(|| content_topic(&tags));
                (tags, topic)
            }
        };
        if tags.is_empty() {
            continue;
        }
        out.push(Assumption {
            topic: topic.unwrap_or(AssumptionTopic::Other),
            text,
            tags,
            source: source(input, line),
            modality: crate::model::Modality::Statement,
            incidental: false,
        });
    }
    out
}

/// Keeps a fact only when it brings a tag no earlier fact of the same document had.
fn dedup_by_tags(facts: Vec<Assumption>) -> Vec<Assumption> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for f in facts {
        if f.tags.iter().any(|t| !seen.contains(t)) {
            for t in &f.tags {
                push_tag(&mut seen, t.clone());
            }
            out.push(f);
        }
    }
    out
}

/// The facts of a technology stack document (see the module documentation).
pub fn tech_stack_facts(doc: &InputDocument) -> Vec<Assumption> {
    let parsed = blocks::parse(&doc.text);
    let mut facts = Vec::new();
    for block in &parsed.blocks {
        if under_any(block, &parsed, SKIPPED_HEADINGS) {
            continue;
        }
        let not_used = under_any(block, &parsed, NOT_USED_HEADINGS);
        match &block.kind {
            BlockKind::Row { table, cells } => {
                if let Some(f) = row_fact(&parsed, block, *table, cells, &doc.path, not_used) {
                    facts.push(f);
                }
            }
            BlockKind::Item { .. } | BlockKind::Paragraph if not_used => {
                // What the stack uses elsewhere is not ruled out by a qualified entry here:
                // "Self-hosted observability (Prometheus servers, …)" next to a row for Amazon
                // Managed Service for Prometheus rules out running Prometheus, not Prometheus.
                let mut tags = negated_tags_in(&subject(block));
                tags.retain(|t| {
                    t.strip_prefix("no-").is_none_or(|base| {
                        !facts
                            .iter()
                            .any(|f: &Assumption| f.tags.iter().any(|x| x == base))
                    })
                });
                if tags.is_empty() {
                    continue;
                }
                facts.push(Assumption {
                    topic: content_topic(&tags).unwrap_or(AssumptionTopic::Other),
                    text: block.text.trim().to_string(),
                    tags,
                    source: source(&doc.path, block.line),
                    modality: crate::model::Modality::Statement,
                    incidental: false,
                });
            }
            _ => facts.extend(piece_facts(block, &doc.path, None)),
        }
    }
    dedup_by_tags(facts)
}

const DECISION_HEADINGS: &[&str] = &[
    "decision",
    "adr",
    "constraint",
    "principle",
    "technology",
    "tech stack",
    "technical choices",
];

fn architecture_facts(doc: &InputDocument) -> Vec<Assumption> {
    let parsed = blocks::parse(&doc.text);
    let mut facts = Vec::new();
    for block in &parsed.blocks {
        match &block.kind {
            BlockKind::Row { table, cells } => {
                let Some(header) = parsed.tables.get(*table) else {
                    continue;
                };
                let norm: Vec<String> = header.iter().map(|h| normalize_heading(h)).collect();
                let Some(dc) = norm.iter().position(|h| h.contains("decision")) else {
                    continue;
                };
                let status = norm
                    .iter()
                    .position(|h| h == "status")
                    .and_then(|s| cells.get(s))
                    .map(|s| s.to_lowercase())
                    .unwrap_or_default();
                if ["proposed", "rejected", "superseded", "deprecated", "draft"]
                    .iter()
                    .any(|w| status.contains(w))
                {
                    continue;
                }
                let Some(decision) = cells.get(dc).map(|c| c.trim()).filter(|c| !c.is_empty())
                else {
                    continue;
                };
                let id = norm
                    .iter()
                    .position(|h| h == "id" || h == "adr" || h.is_empty())
                    .filter(|&i| i != dc)
                    .and_then(|i| cells.get(i))
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty());
                let mut tags = tags_in(decision);
                tags.retain(|t| tag_topic(t) != Some(AssumptionTopic::Testing));
                if tags.is_empty() {
                    continue;
                }
                facts.push(Assumption {
                    topic: content_topic(&tags).unwrap_or(AssumptionTopic::Other),
                    text: match id {
                        Some(id) => format!("{id}: {decision}"),
                        None => decision.to_string(),
                    },
                    tags,
                    source: source(&doc.path, block.line),
                    modality: crate::model::Modality::Statement,
                    incidental: false,
                });
            }
            BlockKind::Item { .. } if under_any(block, &parsed, DECISION_HEADINGS) => {
                facts.extend(piece_facts(block, &doc.path, None));
            }
            _ => {}
        }
    }
    dedup_by_tags(facts)
}

fn guideline_facts(doc: &InputDocument) -> Vec<Assumption> {
    let parsed = blocks::parse(&doc.text);
    let mut facts = Vec::new();
    for block in &parsed.blocks {
        if matches!(block.kind, BlockKind::Row { .. }) {
            continue;
        }
        let topic = block
            .path
            .iter()
            .rev()
            .filter_map(|&h| parsed.headings.get(h))
            .filter(|h| h.level > 1)
            .find_map(|h| label_topic(&h.text))
            .filter(|t| *t != AssumptionTopic::Testing);
        if let Some(t) = topic {
            facts.extend(piece_facts(block, &doc.path, Some(t)));
        }
    }
    dedup_by_tags(facts)
}

/// All facts of `inputs`, input by input (see the module documentation): the facts the rules above
/// find, each with its force, then a fact for every other statement that names something of the
/// vocabulary ([`super::facts`]).
pub fn all_facts(inputs: &[InputDocument]) -> Vec<Assumption> {
    let mut out = Vec::new();
    for input in inputs {
        let found: Vec<Assumption> = match input.kind {
            InputKind::Prd => technical_assumptions(input).items().to_vec(),
            InputKind::TechStack => tech_stack_facts(input),
            InputKind::Architecture | InputKind::Other => architecture_facts(input),
            InputKind::InfrastructureGuidelines => guideline_facts(input),
        };
        let rules = input.kind == InputKind::InfrastructureGuidelines;
        let covered: Vec<u32> = found
            .iter()
            .filter_map(|f| f.source.as_ref().map(|s| s.line))
            .collect();
        for fact in found {
            let rule = rules
                && crate::knowledge::extraction::extraction()
                    .requirements
                    .normative
                    .iter()
                    .any(|p| p.is_match(&fact.text));
            out.extend(super::facts::with_force(fact, rule));
        }
        out.extend(super::facts::statement_facts(input, &covered));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssumptionTopic as T;
    use jiff::Timestamp;

    fn input(kind: InputKind, text: &str) -> InputDocument {
        InputDocument {
            kind,
            path: "x.md".into(),
            sha256: String::new(),
            snapshot_at: Timestamp::UNIX_EPOCH,
            text: text.into(),
        }
    }

    fn summary(facts: &[Assumption]) -> Vec<(T, Vec<&str>, u32)> {
        facts
            .iter()
            .map(|f| {
                (
                    f.topic,
                    f.tags.iter().map(String::as_str).collect(),
                    f.source.as_ref().map_or(0, |s| s.line),
                )
            })
            .collect()
    }

    #[test]
    fn table_bullets_and_not_used() {
        let md = "# Stack\n\n| Category | Technology | Notes |\n|---|---|---|\n| Cloud | Microsoft Azure | EU only |\n| Secrets | Azure Key Vault | |\n| Compute | Azure Functions | not Kubernetes |\n| Database | Azure Cosmos DB | |\n\n- **Messaging:** Azure Service Bus\n- CI/CD: Azure Pipelines\n- Bicep for all resources. Bicep again.\n\n## Explicitly not used\n\n- **Kubernetes (AKS)** — we have no Kubernetes operators; Functions instead.\n- Terraform: Bicep is the standard.\n";
        let facts = tech_stack_facts(&input(InputKind::TechStack, md));
        assert_eq!(
            summary(&facts),
            vec![
                (T::CloudProvider, vec!["azure"], 5),
                (
                    T::ContainerOrchestration,
                    vec!["serverless", "no-kubernetes"],
                    7
                ),
                (T::Databases, vec!["cosmosdb"], 8),
                (T::Messaging, vec!["service-bus"], 10),
                (T::ContinuousIntegration, vec!["azure-pipelines"], 11),
                (T::InfrastructureAsCode, vec!["bicep"], 12),
                (
                    T::ContainerOrchestration,
                    vec!["no-kubernetes", "no-aks"],
                    16
                ),
                (T::InfrastructureAsCode, vec!["no-terraform"], 17),
            ]
        );
        assert_eq!(facts[1].text, "Compute: Azure Functions — not Kubernetes");
    }

    #[test]
    fn decisions_and_guidelines() {
        let arch = "# A\n\n| ID | Decision | Status |\n|---|---|---|\n| ADR-1 | Use PostgreSQL | Accepted |\n| ADR-2 | Use Kafka | Proposed |\n\n## Constraints\n\n- No Kubernetes in year one.\n";
        let guide = "# G\n\n## 6. Infrastructure as Code\n\n1. All resources are created with Terraform on AWS, state in DynamoDB.\n\n## Naming\n\n- Use Pulumi names.\n";
        let facts = all_facts(&[
            input(InputKind::Architecture, arch),
            input(InputKind::InfrastructureGuidelines, guide),
        ]);
        assert_eq!(
            summary(&facts),
            vec![
                (T::Databases, vec!["postgres"], 5),
                (T::ContainerOrchestration, vec!["no-kubernetes"], 10),
                (T::InfrastructureAsCode, vec!["terraform"], 5),
                // Every statement naming something of the vocabulary is a fact; the ADR that
                // is only proposed (Kafka) is not.
                (T::InfrastructureAsCode, vec!["pulumi"], 9),
            ]
        );
        assert_eq!(facts[0].text, "ADR-1: Use PostgreSQL");
    }
}
