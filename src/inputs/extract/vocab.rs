//! The shared tag vocabulary: the normalised tags that facts (PRD assumptions, tech stack) and option
//! cards are matched on, with the phrases that mean them, and the tagger that finds them in text,
//! negations included.
//!
//! # Tags
//! Each [`TagDef`] in [`VOCABULARY`] gives a tag, its [`AssumptionTopic`], its synonyms (matched
//! case-insensitively on word boundaries; a space in a synonym also matches a hyphen, so
//! `event driven` matches `event-driven`) and the tags it implies (`eks` implies `kubernetes`,
//! `modular-monolith` implies `monolith`). Longer synonyms win over shorter ones at the same place
//! (`AWS Lambda` is `serverless`, not `aws`; `self-managed Kubernetes` is
//! `self-managed-kubernetes`, not `kubernetes`).
//!
//! Region names are recognised by pattern rather than by list: AWS (`eu-north-1`), Google Cloud
//! (`europe-west1`) and the common Azure regions (`westeurope`, `Sweden Central` → `swedencentral`);
//! their tag is the region name, topic [`AssumptionTopic::Regions`]. A few product names count only
//! when capitalised: `Go` with a version (`Go 1.23`; else `golang`), `Cloud Run`, `App Service`,
//! `Container Apps`.
//!
//! # Negation
//! A tag that the text rules out is reported as `no-<tag>`: `no self-managed Kubernetes`, `not
//! Kubernetes`, `without Kafka`, `rather than MySQL`, `microservices are explicitly NOT planned`,
//! `Kubernetes: not used`. A negation cue counts within the four words before the phrase (not across a
//! `:` or dash), or right after it (optionally after `is`/`are`/`will be`/… and adverbs such as
//! `explicitly`). Clauses are separated by `.`, `;`, `,` and words such as `but`, `so`, `because`, so
//! `AWS is preferred, not Azure` gives `aws` and `no-azure`. A phrase used as a modifier of people
//! (`no Kubernetes operators`, `Kafka experience`) gives no tag at all.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::AssumptionTopic;

/// One tag of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagDef {
    /// The normalised tag, lower-case kebab-case (`github-actions`).
    pub tag: &'static str,
    /// The topic facts with this tag are about.
    pub topic: AssumptionTopic,
    /// Phrases that mean this tag, lower case; a space also matches a hyphen.
    pub synonyms: &'static [&'static str],
    /// Tags that this one implies (for matching only; facts keep the tag as found).
    pub implies: &'static [&'static str],
}

const fn t(
    tag: &'static str,
    topic: AssumptionTopic,
    synonyms: &'static [&'static str],
    implies: &'static [&'static str],
) -> TagDef {
    TagDef {
        tag,
        topic,
        synonyms,
        implies,
    }
}

use AssumptionTopic as T;

/// The tag vocabulary. Region tags are not listed here: see the module documentation.
pub const VOCABULARY: &[TagDef] = &[
    // Repository structure
    t(
        "monorepo",
        T::RepositoryStructure,
        &[
            "monorepo",
            "mono repo",
            "monorepository",
            "mono repository",
            "single repository",
            "single git repository",
            "single github repository",
            "single gitlab repository",
            "one repository",
            "one git repository",
        ],
        &[],
    ),
    t(
        "polyrepo",
        T::RepositoryStructure,
        &[
            "polyrepo",
            "poly repo",
            "multirepo",
            "multi repo",
            "multi repository",
            "repository per service",
            "repo per service",
            "one repository per service",
            "separate repositories",
            "multiple repositories",
            "one repository per",
        ],
        &[],
    ),
    // Service architecture
    t(
        "modular-monolith",
        T::ServiceArchitecture,
        &["modular monolith", "modulith"],
        &["monolith"],
    ),
    t(
        "monolith",
        T::ServiceArchitecture,
        &["monolith", "monolithic", "single deployable"],
        &[],
    ),
    t(
        "microservices",
        T::ServiceArchitecture,
        &[
            "microservices",
            "microservice",
            "micro services",
            "micro service",
        ],
        &[],
    ),
    t(
        "serverless",
        T::ServiceArchitecture,
        &[
            "serverless",
            "aws lambda",
            "lambda functions",
            "lambda function",
            "lambda",
            "azure functions",
            "azure function",
            "function app",
            "function apps",
            "google cloud functions",
            "cloud functions",
            "cloud run functions",
        ],
        &[],
    ),
    t(
        "event-driven",
        T::ServiceArchitecture,
        &["event driven", "event sourcing", "event sourced"],
        &[],
    ),
    // Testing
    t(
        "unit-tests",
        T::Testing,
        &["unit tests", "unit testing", "unit test"],
        &[],
    ),
    t(
        "integration-tests",
        T::Testing,
        &[
            "integration tests",
            "integration testing",
            "integration test",
        ],
        &[],
    ),
    t(
        "contract-tests",
        T::Testing,
        &[
            "contract tests",
            "contract testing",
            "consumer driven contract",
        ],
        &[],
    ),
    t(
        "e2e-tests",
        T::Testing,
        &[
            "end to end tests",
            "end to end testing",
            "e2e tests",
            "e2e testing",
        ],
        &[],
    ),
    t(
        "load-tests",
        T::Testing,
        &[
            "load tests",
            "load testing",
            "load test",
            "performance tests",
            "performance testing",
            "stress tests",
        ],
        &[],
    ),
    t(
        "dr-drill",
        T::Testing,
        &[
            "disaster recovery drill",
            "dr drill",
            "dr drills",
            "dr exercise",
            "disaster recovery test",
            "failover test",
            "failover drill",
        ],
        &[],
    ),
    // Cloud provider
    t(
        "aws",
        T::CloudProvider,
        &["aws", "amazon web services"],
        &[],
    ),
    t(
        "azure",
        T::CloudProvider,
        &["azure", "microsoft azure"],
        &[],
    ),
    t(
        "gcp",
        T::CloudProvider,
        &["gcp", "google cloud", "google cloud platform"],
        &[],
    ),
    t(
        "on-premises",
        T::CloudProvider,
        &[
            "on premises",
            "on premise",
            "on prem",
            "own data centre",
            "own data center",
            "own data centres",
            "own data centers",
            "our data centre",
            "our data center",
            "our data centres",
            "our data centers",
            "private data centre",
            "private data center",
        ],
        &[],
    ),
    // Languages and runtimes
    t("typescript", T::Languages, &["typescript"], &[]),
    t("javascript", T::Languages, &["javascript"], &[]),
    t(
        "nodejs",
        T::Languages,
        &["node.js", "nodejs", "node js"],
        &[],
    ),
    t("python", T::Languages, &["python"], &[]),
    t("java", T::Languages, &["java"], &[]),
    t("kotlin", T::Languages, &["kotlin"], &[]),
    t("go", T::Languages, &["golang"], &[]),
    t(
        "csharp",
        T::Languages,
        &["c#", ".net", "dotnet", "asp.net core", "asp.net"],
        &[],
    ),
    t("rust", T::Languages, &["rust"], &[]),
    t("ruby", T::Languages, &["ruby", "ruby on rails"], &[]),
    t("php", T::Languages, &["php"], &[]),
    t("scala", T::Languages, &["scala"], &[]),
    // Databases
    t(
        "postgres",
        T::Databases,
        &[
            "postgresql",
            "postgres",
            "aurora postgresql",
            "azure database for postgresql",
            "cloud sql for postgresql",
            "alloydb",
        ],
        &[],
    ),
    t(
        "mysql",
        T::Databases,
        &[
            "mysql",
            "aurora mysql",
            "azure database for mysql",
            "cloud sql for mysql",
        ],
        &[],
    ),
    t("mariadb", T::Databases, &["mariadb", "galera"], &[]),
    t(
        "sql-server",
        T::Databases,
        &["sql server", "azure sql", "azure sql database", "mssql"],
        &[],
    ),
    t(
        "oracle",
        T::Databases,
        &["oracle database", "oracle db", "oracle rac"],
        &[],
    ),
    t(
        "dynamodb",
        T::Databases,
        &["dynamodb", "dynamo db", "amazon dynamodb"],
        &[],
    ),
    t(
        "cosmosdb",
        T::Databases,
        &["cosmos db", "cosmosdb", "azure cosmos db"],
        &[],
    ),
    t(
        "mongodb",
        T::Databases,
        &["mongodb", "mongo db", "documentdb", "atlas"],
        &[],
    ),
    t(
        "redis",
        T::Databases,
        &[
            "redis",
            "elasticache",
            "azure cache for redis",
            "memorystore",
            "valkey",
        ],
        &[],
    ),
    t(
        "cassandra",
        T::Databases,
        &["cassandra", "keyspaces", "scylladb"],
        &[],
    ),
    t("firestore", T::Databases, &["firestore"], &[]),
    t("spanner", T::Databases, &["cloud spanner", "spanner"], &[]),
    t("rds", T::Databases, &["amazon rds", "rds"], &[]),
    t("aurora", T::Databases, &["amazon aurora", "aurora"], &[]),
    // Messaging
    t(
        "sqs",
        T::Messaging,
        &["sqs", "amazon sqs", "simple queue service"],
        &[],
    ),
    t(
        "sns",
        T::Messaging,
        &["sns", "amazon sns", "simple notification service"],
        &[],
    ),
    t(
        "eventbridge",
        T::Messaging,
        &["eventbridge", "event bridge", "amazon eventbridge"],
        &[],
    ),
    t("kinesis", T::Messaging, &["kinesis", "amazon kinesis"], &[]),
    t(
        "kafka",
        T::Messaging,
        &["kafka", "apache kafka", "confluent", "redpanda"],
        &[],
    ),
    t(
        "msk",
        T::Messaging,
        &["msk", "amazon msk", "managed streaming for apache kafka"],
        &["kafka"],
    ),
    t(
        "service-bus",
        T::Messaging,
        &["service bus", "azure service bus"],
        &[],
    ),
    t(
        "event-grid",
        T::Messaging,
        &["event grid", "azure event grid"],
        &[],
    ),
    t(
        "event-hubs",
        T::Messaging,
        &["event hubs", "event hub", "azure event hubs"],
        &[],
    ),
    t(
        "rabbitmq",
        T::Messaging,
        &["rabbitmq", "rabbit mq", "amazon mq for rabbitmq"],
        &[],
    ),
    t(
        "activemq",
        T::Messaging,
        &["activemq", "active mq", "amazon mq"],
        &[],
    ),
    t(
        "pubsub",
        T::Messaging,
        &["pub/sub", "pubsub", "cloud pub/sub", "google pub/sub"],
        &[],
    ),
    t("nats", T::Messaging, &["nats", "nats jetstream"], &[]),
    // Infrastructure as code
    t(
        "terraform",
        T::InfrastructureAsCode,
        &[
            "terraform",
            "terragrunt",
            "terraform cloud",
            "hcp terraform",
        ],
        &[],
    ),
    t(
        "opentofu",
        T::InfrastructureAsCode,
        &["opentofu", "open tofu"],
        &[],
    ),
    t(
        "bicep",
        T::InfrastructureAsCode,
        &["bicep", "azure bicep"],
        &[],
    ),
    t(
        "arm-templates",
        T::InfrastructureAsCode,
        &["arm templates", "arm template"],
        &[],
    ),
    t("pulumi", T::InfrastructureAsCode, &["pulumi"], &[]),
    t(
        "cloudformation",
        T::InfrastructureAsCode,
        &["cloudformation", "aws cloudformation", "cloud formation"],
        &[],
    ),
    t("cdk", T::InfrastructureAsCode, &["aws cdk", "cdk"], &[]),
    t(
        "ansible",
        T::InfrastructureAsCode,
        &["ansible", "ansible playbooks", "awx", "ansible tower"],
        &[],
    ),
    t("crossplane", T::InfrastructureAsCode, &["crossplane"], &[]),
    t("puppet", T::InfrastructureAsCode, &["puppet"], &[]),
    t("chef", T::InfrastructureAsCode, &["chef infra"], &[]),
    // Continuous integration and delivery
    t(
        "github-actions",
        T::ContinuousIntegration,
        &["github actions", "gh actions"],
        &[],
    ),
    t(
        "gitlab-ci",
        T::ContinuousIntegration,
        &[
            "gitlab ci",
            "gitlab ci/cd",
            "gitlab pipelines",
            "gitlab-ci.yml",
        ],
        &[],
    ),
    t(
        "azure-pipelines",
        T::ContinuousIntegration,
        &["azure pipelines", "azure devops pipelines", "azure devops"],
        &[],
    ),
    t("jenkins", T::ContinuousIntegration, &["jenkins"], &[]),
    t(
        "circleci",
        T::ContinuousIntegration,
        &["circleci", "circle ci"],
        &[],
    ),
    t(
        "bitbucket-pipelines",
        T::ContinuousIntegration,
        &["bitbucket pipelines"],
        &[],
    ),
    t("teamcity", T::ContinuousIntegration, &["teamcity"], &[]),
    t("buildkite", T::ContinuousIntegration, &["buildkite"], &[]),
    t(
        "argocd",
        T::ContinuousIntegration,
        &["argo cd", "argocd"],
        &["gitops"],
    ),
    t(
        "flux",
        T::ContinuousIntegration,
        &["fluxcd", "flux cd"],
        &["gitops"],
    ),
    t(
        "gitops",
        T::ContinuousIntegration,
        &["gitops", "git ops"],
        &[],
    ),
    // Observability
    t("prometheus", T::Other, &["prometheus"], &[]),
    t("grafana", T::Other, &["grafana"], &[]),
    t(
        "opentelemetry",
        T::Other,
        &["opentelemetry", "open telemetry", "otel"],
        &[],
    ),
    // Container orchestration and compute
    t(
        "service-mesh",
        T::ContainerOrchestration,
        &["service mesh", "istio", "linkerd", "consul connect"],
        &[],
    ),
    t(
        "self-managed-kubernetes",
        T::ContainerOrchestration,
        &[
            "self managed kubernetes",
            "self managed k8s",
            "self hosted kubernetes",
            "self hosted k8s",
            "self operated kubernetes",
            "own kubernetes",
            "kubeadm",
            "k3s",
            "rke2",
        ],
        &["kubernetes"],
    ),
    t(
        "managed-kubernetes",
        T::ContainerOrchestration,
        &["managed kubernetes", "managed k8s"],
        &["kubernetes"],
    ),
    t(
        "kubernetes",
        T::ContainerOrchestration,
        &["kubernetes", "k8s"],
        &[],
    ),
    t(
        "eks",
        T::ContainerOrchestration,
        &["eks", "amazon eks", "elastic kubernetes service"],
        &["kubernetes", "managed-kubernetes"],
    ),
    t(
        "aks",
        T::ContainerOrchestration,
        &["aks", "azure kubernetes service"],
        &["kubernetes", "managed-kubernetes"],
    ),
    t(
        "gke",
        T::ContainerOrchestration,
        &["gke", "google kubernetes engine", "gke autopilot"],
        &["kubernetes", "managed-kubernetes"],
    ),
    t(
        "openshift",
        T::ContainerOrchestration,
        &["openshift"],
        &["kubernetes"],
    ),
    t(
        "ecs",
        T::ContainerOrchestration,
        &["ecs", "amazon ecs", "elastic container service"],
        &[],
    ),
    t(
        "fargate",
        T::ContainerOrchestration,
        &["fargate", "aws fargate"],
        &[],
    ),
    t(
        "container-apps",
        T::ContainerOrchestration,
        &["azure container apps"],
        &[],
    ),
    t(
        "app-service",
        T::ContainerOrchestration,
        &["azure app service"],
        &[],
    ),
    t(
        "cloud-run",
        T::ContainerOrchestration,
        &["google cloud run", "gcp cloud run"],
        &[],
    ),
    t(
        "nomad",
        T::ContainerOrchestration,
        &["nomad", "hashicorp nomad"],
        &[],
    ),
    t(
        "docker-swarm",
        T::ContainerOrchestration,
        &["docker swarm"],
        &[],
    ),
    t(
        "vms",
        T::ContainerOrchestration,
        &[
            "virtual machines",
            "virtual machine",
            "vms",
            "vm",
            "vmware",
            "vsphere",
            "esxi",
            "proxmox",
            "hyper v",
            "ec2 instances",
            "compute engine",
        ],
        &[],
    ),
];

/// The vocabulary entry of a tag (without any `no-` prefix), if it is one.
pub fn tag_def(tag: &str) -> Option<&'static TagDef> {
    VOCABULARY.iter().find(|d| d.tag == tag)
}

/// The topic of a tag (a `no-` prefix is ignored); region names give [`AssumptionTopic::Regions`].
pub fn tag_topic(tag: &str) -> Option<AssumptionTopic> {
    let base = tag.strip_prefix("no-").unwrap_or(tag);
    if let Some(d) = tag_def(base) {
        return Some(d.topic);
    }
    region_tag(base).map(|_| AssumptionTopic::Regions)
}

/// `tags` with every positive tag's implied tags added (recursively), duplicates removed, order kept.
/// Negative tags (`no-x`) are kept as they are: `no-self-managed-kubernetes` does not rule out
/// managed Kubernetes.
pub fn expand_tags<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut queue: Vec<String> = tags.iter().map(|t| t.as_ref().to_string()).collect();
    queue.reverse();
    while let Some(tag) = queue.pop() {
        if out.contains(&tag) {
            continue;
        }
        if !tag.starts_with("no-")
            && let Some(d) = tag_def(&tag)
        {
            for implied in d.implies.iter().rev() {
                queue.push((*implied).to_string());
            }
        }
        out.push(tag);
    }
    out
}

/// A phrase of the vocabulary found in a text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermMatch {
    pub start: usize,
    pub end: usize,
    pub tag: String,
}

fn synonym_pattern(syn: &str) -> String {
    let mut p = String::new();
    if syn.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        p.push_str(r"\b");
    }
    let words: Vec<String> = syn.split(' ').map(regex::escape).collect();
    p.push_str(&words.join(r"[\s\-]+"));
    if syn.chars().last().is_some_and(|c| c.is_alphanumeric()) {
        p.push_str(r"\b");
    }
    p
}

fn normalize_phrase(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

struct Matcher {
    regex: Regex,
    by_phrase: HashMap<String, &'static str>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut syns: Vec<(&'static str, &'static str)> = VOCABULARY
        .iter()
        .flat_map(|d| d.synonyms.iter().map(move |s| (*s, d.tag)))
        .collect();
    syns.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let pattern = syns
        .iter()
        .map(|(s, _)| synonym_pattern(s))
        .collect::<Vec<_>>()
        .join("|");
    let regex = Regex::new(&format!("(?i)(?:{pattern})")).expect("vocabulary pattern");
    let by_phrase = syns
        .iter()
        .map(|(s, tag)| (normalize_phrase(s), *tag))
        .collect();
    Matcher { regex, by_phrase }
});

static AWS_GCP_REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d|(?:europe|us|asia|northamerica|southamerica|australia|me|africa)-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)\d)\b",
    )
    .expect("region pattern")
});

/// Phrases that are product names only when written with capitals: `Go 1.23` (not the verb),
/// `Cloud Run` (not "cloud run cost"), `App Service`, `Container Apps`.
static CASE_SENSITIVE: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (r"\bGo\s+1(?:\.\d+)+\b", "go"),
        (r"\bCloud\s+Run\b", "cloud-run"),
        (r"\bApp\s+Service\b", "app-service"),
        (r"\bContainer\s+Apps\b", "container-apps"),
    ]
    .into_iter()
    .map(|(p, tag)| (Regex::new(p).expect("case-sensitive pattern"), tag))
    .collect()
});

/// Azure region display names and their programmatic names.
const AZURE_REGIONS: &[(&str, &str)] = &[
    ("west europe", "westeurope"),
    ("north europe", "northeurope"),
    ("sweden central", "swedencentral"),
    ("germany west central", "germanywestcentral"),
    ("france central", "francecentral"),
    ("uk south", "uksouth"),
    ("uk west", "ukwest"),
    ("norway east", "norwayeast"),
    ("switzerland north", "switzerlandnorth"),
    ("poland central", "polandcentral"),
    ("italy north", "italynorth"),
    ("spain central", "spaincentral"),
    ("east us 2", "eastus2"),
    ("east us", "eastus"),
    ("west us 2", "westus2"),
    ("west us", "westus"),
    ("central us", "centralus"),
];

static AZURE_REGION: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<String> = Vec::new();
    for (display, code) in AZURE_REGIONS {
        names.push(synonym_pattern(display));
        names.push(format!(r"\b{code}\b"));
    }
    Regex::new(&format!("(?i)(?:{})", names.join("|"))).expect("azure region pattern")
});

/// The region tag for a region name (`eu-north-1`, `europe-west1`, `westeurope`, `West Europe`).
fn region_tag(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    if AWS_GCP_REGION
        .find(&lower)
        .is_some_and(|m| m.start() == 0 && m.end() == lower.len())
    {
        return Some(lower);
    }
    let norm = normalize_phrase(s);
    AZURE_REGIONS
        .iter()
        .find(|(display, code)| norm == *display || norm == *code)
        .map(|(_, code)| (*code).to_string())
}

/// Every vocabulary phrase and region name in `text`, in order, without overlaps (a longer phrase
/// wins over a shorter one inside it).
pub(crate) fn find_terms(text: &str) -> Vec<TermMatch> {
    let m = &*MATCHER;
    let mut out: Vec<TermMatch> = m
        .regex
        .find_iter(text)
        .filter_map(|found| {
            let tag = m.by_phrase.get(&normalize_phrase(found.as_str()))?;
            Some(TermMatch {
                start: found.start(),
                end: found.end(),
                tag: (*tag).to_string(),
            })
        })
        .collect();
    let regions = AWS_GCP_REGION
        .find_iter(text)
        .chain(AZURE_REGION.find_iter(text))
        .filter_map(|found| {
            Some(TermMatch {
                start: found.start(),
                end: found.end(),
                tag: region_tag(found.as_str())?,
            })
        });
    let named = CASE_SENSITIVE.iter().flat_map(|(re, tag)| {
        re.find_iter(text).map(|found| TermMatch {
            start: found.start(),
            end: found.end(),
            tag: (*tag).to_string(),
        })
    });
    for r in regions.chain(named) {
        out.retain(|t| t.end <= r.start || t.start >= r.end);
        out.push(r);
    }
    out.sort_by_key(|t| t.start);
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// Whether the text at `pos` starts a new clause for negation purposes.
const CLAUSE_WORDS: &[&str] = &[
    " but ",
    " whereas ",
    " while ",
    " so ",
    " because ",
    " although ",
    " though ",
    " however ",
    " and then ",
    " which ",
    " that ",
];

/// Byte ranges of the clauses of `text` (see the module documentation).
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (cut start, next clause start)
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let sep = match b {
            b';' | b',' | b'!' | b'?' => true,
            b'.' => next.is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        };
        if sep {
            cuts.push((i, i + 1));
        }
    }
    for w in CLAUSE_WORDS {
        for (i, _) in lower.match_indices(w) {
            cuts.push((i, i + 1));
        }
    }
    cuts.sort();
    let mut out = Vec::new();
    let mut start = 0;
    for (cut, next) in cuts {
        if cut >= start {
            out.push((start, cut));
            start = next;
        }
    }
    out.push((start, text.len()));
    out
}

const BEFORE_CUES: &[&str] = &[
    "no",
    "not",
    "never",
    "without",
    "nor",
    "neither",
    "avoid",
    "avoids",
    "avoided",
    "avoiding",
    "excluding",
    "except",
    "instead",
    "rather",
    "don't",
    "doesn't",
    "won't",
    "isn't",
    "aren't",
    "cannot",
    "can't",
    "mustn't",
    "shouldn't",
    "replace",
    "replaces",
    "replacing",
    "retire",
    "retiring",
    "decommission",
    "decommissioning",
    "away",
    "non",
    "prohibit",
    "prohibits",
    "forbid",
    "forbids",
    "ban",
    "bans",
    "exclude",
    "excludes",
];

/// Words after a technology that make it a modifier of people or skills, not a choice.
const PEOPLE_WORDS: &[&str] = &[
    "operator",
    "operators",
    "experience",
    "expertise",
    "skill",
    "skills",
    "knowledge",
    "engineer",
    "engineers",
    "specialist",
    "specialists",
    "admin",
    "admins",
    "administrator",
    "administrators",
    "certification",
    "certifications",
    "training",
    "know",
];

const PREPOSITIONS: &[&str] = &[
    "from", "for", "to", "in", "on", "with", "by", "via", "at", "into", "through", "across",
    "inside",
];

/// Nouns after a technology that make it a modifier ("Terraform state", "Kafka topics").
const MODIFIED_NOUNS: &[&str] = &[
    "state",
    "states",
    "module",
    "modules",
    "provider",
    "providers",
    "plan",
    "plans",
    "backend",
    "file",
    "files",
    "template",
    "templates",
    "workspace",
    "workspaces",
    "topic",
    "topics",
    "table",
    "tables",
    "schema",
    "schemas",
    "client",
    "clients",
    "sdk",
    "driver",
    "drivers",
    "emulator",
];

fn modifier_follows(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .is_some_and(|w| MODIFIED_NOUNS.contains(&w.as_str()))
}

static AFTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:\([^)]*\)\s*)?(?:[:\u{2014}\u{2013}-]\s*)?(?:(?:is|are|was|were|will|would|shall|should|must|remains?|stays?|has|have|had|be|been|being|explicitly|deliberately|intentionally|currently|definitely|also|still|simply|therefore|thus)\s+){0,4}(?:not|never|no|none|no\s+longer|excluded|prohibited|forbidden|disallowed|avoided|rejected|ruled\s+out|out\s+of\s+scope|deprecated|banned)\b",
    )
    .expect("after-cue pattern")
});

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect()
}

/// Tags found in `text`, in order of first appearance, `no-<tag>` where the text rules the phrase
/// out (see the module documentation), without duplicates.
pub fn tags_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (tag, negated) in tag_terms(text) {
        let tag = if negated { format!("no-{tag}") } else { tag };
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

/// Like [`tags_in`], but every phrase is taken as ruled out (the subject of an "Explicitly not
/// used" entry).
pub(crate) fn negated_tags_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in find_terms(text) {
        if people_follow(text, t.end) {
            continue;
        }
        let tag = format!("no-{}", t.tag);
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

fn people_follow(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|rest| words(rest).into_iter().next())
        .is_some_and(|w| PEOPLE_WORDS.contains(&w.as_str()))
}

/// `(tag, negated)` for each phrase of `text`.
fn tag_terms(text: &str) -> Vec<(String, bool)> {
    let terms = find_terms(text);
    let mut out = Vec::new();
    for (cs, ce) in clauses(text) {
        let in_clause: Vec<&TermMatch> = terms
            .iter()
            .filter(|t| t.start >= cs && t.end <= ce)
            .collect();
        let mut negations: Vec<bool> = Vec::new();
        for (i, term) in in_clause.iter().enumerate() {
            if people_follow(text, term.end) {
                negations.push(false);
                continue;
            }
            // Before: the words since the clause start or the last ':' or dash, at most four.
            let before_text = text.get(cs..term.start).unwrap_or("");
            let scope_start = before_text
                .char_indices()
                .rev()
                .find(|&(_, c)| matches!(c, ':' | '\u{2014}' | '\u{2013}'))
                .map(|(p, c)| p + c.len_utf8())
                .or_else(|| before_text.rfind(" - ").map(|p| p + 3))
                .unwrap_or(0);
            let before_words = words(&before_text[scope_start..]);
            let window = &before_words[before_words.len().saturating_sub(4)..];
            let mut negated = window.iter().enumerate().any(|(k, w)| {
                BEFORE_CUES.contains(&w.as_str())
                    // "no database access from Lambda": "no" is about the noun after it.
                    && !(w == "no" && window[k + 1..].iter().any(|b| PREPOSITIONS.contains(&b.as_str())))
            });
            // "never written to Terraform state": the phrase qualifies a noun; it is used, not
            // ruled out.
            if modifier_follows(text, term.end) {
                negated = false;
            }
            // Inside a parenthesis right after a ruled-out phrase: "not Kubernetes (EKS or AKS)".
            if !negated
                && let Some(open) = before_text.rfind('(')
                && !before_text[open..].contains(')')
            {
                let open_abs = cs + open;
                negated = in_clause[..i].iter().zip(&negations).any(|(prev, &neg)| {
                    neg && text
                        .get(prev.end..open_abs)
                        .is_some_and(|gap| gap.trim().is_empty())
                });
            }
            // A positive phrase right after a negated one in "X, not Y" style is not negated
            // by a cue that belongs to the other phrase: "rather than" / "instead of" apply only
            // to what follows them, which the window already handles.
            if !negated {
                let after = text.get(term.end..ce).unwrap_or("");
                if let Some(m) = AFTER_CUE.find(after) {
                    // "Postgres, not MySQL" is split by the comma; "Postgres not MySQL": the cue
                    // is about the next phrase when that follows right after it.
                    let next_close = in_clause
                        .get(i + 1)
                        .is_some_and(|n| n.start <= term.end + m.end() + 2);
                    negated = !next_close;
                }
            }
            negations.push(negated);
            out.push((term.tag.clone(), negated));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_longest_match() {
        assert_eq!(tags_in("We run on Amazon Web Services"), vec!["aws"]);
        assert_eq!(
            tags_in("AWS Lambda and Azure Functions"),
            vec!["serverless"]
        );
        assert_eq!(
            tags_in("Google Cloud (GCP), K8s"),
            vec!["gcp", "kubernetes"]
        );
        assert_eq!(tags_in("PostgreSQL 16 or Postgres"), vec!["postgres"]);
        assert_eq!(
            tags_in("self-managed Kubernetes on VMware"),
            vec!["self-managed-kubernetes", "vms"]
        );
        assert_eq!(tags_in("event-driven, Event Driven"), vec!["event-driven"]);
        assert_eq!(
            tags_in("Node.js 22 and C# services"),
            vec!["nodejs", "csharp"]
        );
        assert_eq!(tags_in("Go 1.23, and go-live"), vec!["go"]);
        assert_eq!(
            tags_in("GitHub Actions; GitLab CI"),
            vec!["github-actions", "gitlab-ci"]
        );
        assert_eq!(tags_in("a monolithic app"), vec!["monolith"]);
        assert_eq!(tags_in("a modular monolith"), vec!["modular-monolith"]);
    }

    #[test]
    fn no_partial_words() {
        assert!(tags_in("the ecosystem and javas and rustic gopher").is_empty());
        assert!(tags_in("versions, vmx").is_empty());
    }

    #[test]
    fn regions() {
        assert_eq!(
            tags_in("eu-north-1 primary, eu-central-1 for DR"),
            vec!["eu-north-1", "eu-central-1"]
        );
        assert_eq!(
            tags_in("Sweden Central and westeurope"),
            vec!["swedencentral", "westeurope"]
        );
        assert_eq!(tags_in("GCP europe-west1"), vec!["gcp", "europe-west1"]);
        assert_eq!(tag_topic("eu-west-1"), Some(AssumptionTopic::Regions));
        assert_eq!(
            tag_topic("no-kubernetes"),
            Some(AssumptionTopic::ContainerOrchestration)
        );
        assert_eq!(tag_topic("nonsense"), None);
    }

    #[test]
    fn negations() {
        assert_eq!(
            tags_in("Microservices are explicitly NOT planned for the first 18 months."),
            vec!["no-microservices"]
        );
        assert_eq!(
            tags_in(
                "No self-managed Kubernetes in year one: the team has no Kubernetes operators, so a managed container service is used."
            ),
            vec!["no-self-managed-kubernetes"]
        );
        assert_eq!(
            tags_in("ECS on Fargate; not Kubernetes"),
            vec!["ecs", "fargate", "no-kubernetes"]
        );
        assert_eq!(
            tags_in("AWS is preferred, not Azure"),
            vec!["aws", "no-azure"]
        );
        assert_eq!(
            tags_in("Postgres rather than MySQL"),
            vec!["postgres", "no-mysql"]
        );
        assert_eq!(tags_in("Postgres not MySQL"), vec!["postgres", "no-mysql"]);
        assert_eq!(tags_in("Kubernetes: not used"), vec!["no-kubernetes"]);
        assert_eq!(
            tags_in("Kubernetes will not be used"),
            vec!["no-kubernetes"]
        );
        assert_eq!(
            tags_in("We do not use Kubernetes (EKS or AKS)"),
            vec!["no-kubernetes", "no-eks", "no-aks"]
        );
        assert_eq!(
            tags_in("no manual changes: Terraform only"),
            vec!["terraform"]
        );
        assert_eq!(tags_in("Kafka experience is scarce"), Vec::<String>::new());
        assert_eq!(tags_in("Tests — Vitest: no Kafka"), vec!["no-kafka"]);
        assert_eq!(
            tags_in("Jenkins runs playbooks against the VMs"),
            vec!["jenkins", "vms"]
        );
        assert_eq!(
            tags_in("Lambda only for dispatch; no database access from Lambda"),
            vec!["serverless"]
        );
        assert_eq!(
            tags_in("Secrets must never be written to Terraform state"),
            vec!["terraform"]
        );
        assert_eq!(
            tags_in("average cloud run cost; Cloud Run jobs"),
            vec!["cloud-run"]
        );
        assert_eq!(
            negated_tags_in("Kubernetes (EKS or self-managed)"),
            vec!["no-kubernetes", "no-eks"]
        );
    }

    #[test]
    fn expansion() {
        assert_eq!(
            expand_tags(&["eks", "no-self-managed-kubernetes", "modular-monolith"]),
            vec![
                "eks",
                "kubernetes",
                "managed-kubernetes",
                "no-self-managed-kubernetes",
                "modular-monolith",
                "monolith"
            ]
        );
    }

    #[test]
    fn vocabulary_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        for d in VOCABULARY {
            assert!(seen.insert(d.tag), "duplicate tag {}", d.tag);
            assert!(!d.tag.starts_with("no-"));
            for s in d.synonyms {
                assert_eq!(*s, s.to_lowercase(), "{s}");
            }
            for i in d.implies {
                assert!(tag_def(i).is_some(), "{} implies unknown {i}", d.tag);
            }
        }
        let mut phrases = std::collections::HashMap::new();
        for d in VOCABULARY {
            for s in d.synonyms {
                if let Some(other) = phrases.insert(normalize_phrase(s), d.tag) {
                    panic!("{s} is a synonym of both {other} and {}", d.tag);
                }
            }
        }
    }
}
