//! What a diagram is drawn from: each component's chosen option (decided, else recommended), the
//! provider, and the facts of the inputs.

use std::collections::BTreeSet;

use crate::inputs::extract::expand_tags;
use crate::model::{AssumptionTopic, OptionCard, Session};

/// The option chosen for one component: decided, or else recommended.
pub(super) struct Choice<'a> {
    pub(super) component: &'static str,
    pub(super) option: &'a OptionCard,
    pub(super) decided: bool,
    pub(super) tags: BTreeSet<String>,
}

impl Choice<'_> {
    pub(super) fn has(&self, tag: &str) -> bool {
        self.tags.contains(tag)
    }

    pub(super) fn name(&self) -> &str {
        self.option.name.as_str()
    }
}

/// The cloud provider the diagrams name things after.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Provider {
    Aws,
    Azure,
    Gcp,
    OnPremises,
    Unknown,
}

impl Provider {
    pub(super) fn network(self) -> &'static str {
        match self {
            Provider::Aws => "VPC",
            Provider::Azure => "VNet",
            Provider::Gcp => "VPC network",
            Provider::OnPremises => "Data centre network",
            Provider::Unknown => "Virtual network",
        }
    }

    pub(super) fn zone(self) -> &'static str {
        match self {
            Provider::Gcp | Provider::OnPremises => "Zone",
            _ => "Availability zone",
        }
    }

    pub(super) fn account(self) -> &'static str {
        match self {
            Provider::Azure => "subscription",
            Provider::Gcp => "project",
            _ => "account",
        }
    }
}

/// What the diagrams are drawn from.
pub(super) struct Context<'a> {
    pub(super) cloud: Option<Choice<'a>>,
    pub(super) iac: Option<Choice<'a>>,
    pub(super) environments: Option<Choice<'a>>,
    pub(super) network: Option<Choice<'a>>,
    pub(super) compute: Option<Choice<'a>>,
    pub(super) data: Option<Choice<'a>>,
    pub(super) cache: Option<Choice<'a>>,
    pub(super) messaging: Option<Choice<'a>>,
    pub(super) objects: Option<Choice<'a>>,
    pub(super) security: Option<Choice<'a>>,
    pub(super) edge: Option<Choice<'a>>,
    pub(super) cicd: Option<Choice<'a>>,
    pub(super) recovery: Option<Choice<'a>>,
    pub(super) transition: Option<Choice<'a>>,
    /// Positive tags of the inputs' facts, all topics.
    pub(super) facts: BTreeSet<String>,
    /// Positive tags of the inputs' facts about databases and messaging.
    pub(super) data_facts: BTreeSet<String>,
    /// Positive tags of the inputs' facts about the cloud provider.
    pub(super) provider_facts: BTreeSet<String>,
}

pub(super) fn choice<'a>(s: &'a Session, component: &'static str) -> Option<Choice<'a>> {
    let c = s.component(component)?;
    let decided = c.decision.as_ref().and_then(|d| c.option(&d.option));
    let (option, is_decided) = match decided {
        Some(o) => (o, true),
        None => (
            c.recommendation
                .as_ref()
                .and_then(|r| c.option(&r.option))?,
            false,
        ),
    };
    let tags = expand_tags(&option.tags)
        .into_iter()
        .map(|t| t.to_lowercase())
        .collect();
    Some(Choice {
        component,
        option,
        decided: is_decided,
        tags,
    })
}

pub(super) fn positive_tags<'a>(tags: impl Iterator<Item = &'a String>) -> BTreeSet<String> {
    let tags: Vec<&String> = tags.collect();
    expand_tags(&tags)
        .into_iter()
        .map(|t| t.to_lowercase())
        .filter(|t| !t.starts_with("no-"))
        .collect()
}

impl<'a> Context<'a> {
    pub(super) fn new(s: &'a Session) -> Context<'a> {
        let topic = |topics: &[AssumptionTopic]| {
            positive_tags(
                s.assumptions
                    .iter()
                    .filter(|a| topics.is_empty() || topics.contains(&a.topic))
                    .flat_map(|a| a.tags.iter()),
            )
        };
        Context {
            cloud: choice(s, "cloud-provider-strategy"),
            iac: choice(s, "infrastructure-as-code"),
            environments: choice(s, "environment-configuration"),
            network: choice(s, "network-architecture"),
            compute: choice(s, "compute-resources"),
            data: choice(s, "data-resources"),
            cache: choice(s, "data-cache"),
            messaging: choice(s, "data-messaging"),
            objects: choice(s, "data-object-storage"),
            security: choice(s, "security-architecture"),
            edge: choice(s, "security-edge-protection"),
            cicd: choice(s, "ci-cd-pipeline"),
            recovery: choice(s, "disaster-recovery"),
            transition: choice(s, "environment-transition-strategy"),
            facts: topic(&[]),
            data_facts: topic(&[AssumptionTopic::Databases, AssumptionTopic::Messaging]),
            provider_facts: topic(&[AssumptionTopic::CloudProvider, AssumptionTopic::Regions]),
        }
    }

    pub(super) fn provider(&self) -> Provider {
        let pick = |tags: &BTreeSet<String>| {
            let named: Vec<Provider> = [
                ("aws", Provider::Aws),
                ("azure", Provider::Azure),
                ("gcp", Provider::Gcp),
            ]
            .into_iter()
            .filter(|(t, _)| tags.contains(*t))
            .map(|(_, p)| p)
            .collect();
            (named.len() == 1).then(|| named[0])
        };
        if let Some(cloud) = &self.cloud {
            if cloud.has("on-premises") && !cloud.has("public-cloud") {
                return Provider::OnPremises;
            }
            if let Some(p) = pick(&cloud.tags) {
                return p;
            }
        }
        pick(&self.provider_facts).unwrap_or(Provider::Unknown)
    }

    /// Whether any of `choices` has `tag`.
    pub(super) fn any(choices: &[&Option<Choice>], tag: &str) -> bool {
        choices
            .iter()
            .any(|c| c.as_ref().is_some_and(|c| c.has(tag)))
    }

    /// Comment lines saying which choices a diagram was drawn from.
    pub(super) fn provenance(choices: &[&Option<Choice>], components: &[&str]) -> Vec<String> {
        components
            .iter()
            .map(|component| {
                let found = choices
                    .iter()
                    .filter_map(|c| c.as_ref())
                    .find(|c| c.component == *component);
                match found {
                    Some(c) if c.decided => format!("{component}: {} (decided)", c.name()),
                    Some(c) => format!("{component}: {} (recommended, not decided)", c.name()),
                    None => format!("{component}: nothing decided or recommended yet"),
                }
            })
            .collect()
    }
}
