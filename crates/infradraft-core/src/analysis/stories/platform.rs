//! Story rules for the platform components: cloud provider strategy, infrastructure as code,
//! environment configuration, network, compute and data. In template order; within a component,
//! specific rules before the fallback.

use crate::model::StorySize::{Large, Small};

use super::draft::Rule;

const CLOUD: &[&str] = &["cloud-provider-strategy"];
const IAC: &[&str] = &["infrastructure-as-code"];
const ENV: &[&str] = &["environment-configuration"];
const NET: &[&str] = &["network-architecture"];
const COMPUTE: &[&str] = &["compute-resources"];
const COMPUTE_ENV: &[&str] = &["compute-resources", "environment-configuration"];
const DATA: &[&str] = &["data-resources"];
const BACKGROUND: &[&str] = &["compute-background-work"];
/// Messaging rules: for the messaging decision, and for a data choice of a template that does not
/// split messaging out.
const MESSAGING: &[&str] = &["data-messaging", "data-resources"];

pub(super) const RULES: &[Rule] = &[
    // Cloud provider strategy
    Rule {
        on: CLOUD,
        any: &[
            "public-cloud",
            "sovereign-cloud",
            "single-cloud",
            "multi-cloud",
            "hybrid",
            "aws",
            "azure",
            "gcp",
        ],
        title: "Landing zone and account structure",
        i_want: "a landing zone for the decided strategy ({option}): an organisation with accounts (or subscriptions, projects) per workload and environment, created from code",
        so_that: "every workload starts inside the same guardrails, logging and billing structure instead of a hand-built account",
        criteria: &[
            "The organisation, its organisational units and the shared accounts (log archive, security tooling, shared services) are created from infrastructure code.",
            "Guardrail policies deny disabling audit logging, creating resources outside the approved regions and making storage public.",
            "Audit logs of every account are delivered to the log-archive account, where workload teams cannot delete them.",
            "A new account for a workload or environment is vended from a template in less than one working day.",
            "Billing is consolidated, and every account has an owner and a cost centre recorded.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: CLOUD,
        any: &["multi-cloud"],
        title: "Common identity, delivery and observability across clouds",
        i_want: "one identity provider, one infrastructure-as-code workflow and one observability view across the providers of the decided strategy ({option})",
        so_that: "running on two providers does not double the ways to log in, deploy and debug",
        criteria: &[
            "Workforce access to every cloud goes through the corporate identity provider with SSO and MFA; no local cloud users exist.",
            "The same pipeline and repository layout provision resources in each cloud.",
            "Logs and metrics from every cloud reach one monitoring workspace with shared dashboards.",
            "The placement rule (which workload runs in which cloud, and why) is documented and reviewed twice a year.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: CLOUD,
        any: &["hybrid"],
        title: "Hybrid connectivity between the data centre and the cloud",
        as_a: "network engineer",
        i_want: "redundant private connectivity (VPN or dedicated interconnect) between the data centre and the cloud, with shared DNS",
        so_that: "workloads split across both sides talk privately and keep working when one link fails",
        criteria: &[
            "Two links on separate physical paths connect the data centre to the cloud, and failover between them has been tested.",
            "Routes are advertised from an IP address plan without overlaps between the data centre and every cloud network.",
            "DNS names resolve in both directions through conditional forwarding.",
            "Link bandwidth, latency and state are monitored, with alerts to the network on-call rotation.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: CLOUD,
        fallback: true,
        title: "Hosting platform baseline",
        i_want: "the hosting platform ({option}) set up with capacity, access and logging ready for the workloads",
        so_that: "teams deploy onto a platform whose limits and guardrails are known",
        criteria: &[
            "Compute, storage and network capacity for the first year is sized from the load model and reserved.",
            "Administrative access uses SSO with MFA and is logged centrally.",
            "Platform logs and metrics reach the central monitoring.",
            "Support contracts, contacts and escalation paths are documented.",
        ],
        ..Rule::BASE
    },
    // Infrastructure as code
    Rule {
        on: IAC,
        any: &["terraform", "opentofu"],
        title: "Bootstrap remote state and locking",
        i_want: "a remote state backend with locking and versioning for {option}",
        so_that: "concurrent applies cannot corrupt state and every state change can be traced and undone",
        criteria: &[
            "State is stored in a dedicated bucket (or storage account) that is encrypted with a managed key, versioned and blocked from public access.",
            "State locking is enforced (lock table, blob lease or native lock); a second concurrent apply waits or fails instead of writing.",
            "Only the pipeline's deployment role can write state; people have read access, with break-glass write access logged.",
            "Each environment and stack has its own state, so that a plan for one environment cannot change another.",
            "Recovery of a corrupted or deleted state file from a previous version is documented and has been rehearsed once.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: IAC,
        any: &["pulumi"],
        title: "Pulumi backend, stacks and secrets provider",
        i_want: "a Pulumi state backend with one stack per environment and an encrypted secrets provider",
        so_that: "state and secrets are protected and an environment cannot be updated by mistake",
        criteria: &[
            "The state backend (Pulumi Cloud or a self-managed bucket) is encrypted, and write access is limited to the pipeline's deployment role.",
            "Each environment is its own stack, with its configuration versioned in the repository.",
            "Stack secrets are encrypted with a KMS-backed secrets provider rather than a passphrase.",
            "State export and restore is documented and has been rehearsed once.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: IAC,
        any: &["terraform", "opentofu", "pulumi"],
        title: "Plan in pull requests, apply from the pipeline",
        as_a: "developer",
        i_want: "every infrastructure change proposed as a pull request with its plan attached, and applied only by the pipeline",
        so_that: "reviewers see exactly what will change and nobody applies from a workstation",
        criteria: &[
            "Every pull request that touches infrastructure code shows the plan for each affected environment as a check or comment.",
            "Apply runs only from the pipeline after merge, using the environment's deployment role; human write access to production is break-glass only.",
            "Shared modules are versioned, and every environment pins the module versions it uses.",
            "A scheduled drift check runs at least daily and alerts when the live infrastructure differs from the code.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: IAC,
        any: &["cloudformation", "bicep", "provider-native"],
        title: "Deployment stacks with previewed changes and drift detection",
        i_want: "infrastructure deployed as provider-native stacks ({option}), with change sets (or what-if results) reviewed before every deployment",
        so_that: "changes are previewed and changes made outside the code are found",
        criteria: &[
            "Each environment and component is its own stack, deployed only by the pipeline's deployment role.",
            "The change set or what-if result is attached to the pull request before merge.",
            "Production stacks holding data have termination and deletion protection enabled.",
            "Drift detection runs on a schedule and alerts when a stack has drifted.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: IAC,
        any: &["ansible"],
        title: "Configuration management baseline for servers",
        as_a: "operations engineer",
        i_want: "server configuration applied from versioned playbooks and roles, with an inventory per environment",
        so_that: "servers are reproducible and configuration drift is corrected",
        criteria: &[
            "Playbooks are idempotent: a second run on an unchanged server reports no changes.",
            "Inventories per environment are generated from the source of truth, not edited by hand.",
            "Secrets come from the vault at run time and are never committed to the repository.",
            "A scheduled run in check mode reports drift to the operations channel.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: IAC,
        any: &["crossplane"],
        title: "Crossplane control plane and compositions",
        i_want: "a highly available Crossplane control plane with versioned compositions for the resources teams may request",
        so_that: "teams get infrastructure through reviewed claims and the control plane keeps it reconciled",
        criteria: &[
            "The control-plane cluster runs across at least two zones, and its state is backed up and has been restored once.",
            "Providers authenticate with workload identity and least-privilege roles; no static cloud keys are stored.",
            "Compositions for databases, buckets and networks are versioned and tested before release.",
            "Production data resources use a deletion policy that orphans rather than deletes them.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: IAC,
        fallback: true,
        title: "Infrastructure code repository and conventions",
        as_a: "developer",
        i_want: "one agreed repository layout, naming convention and review rule for infrastructure code ({option})",
        so_that: "every team writes and reviews infrastructure the same way",
        criteria: &[
            "The repository layout separates reusable modules from per-environment configuration.",
            "Naming and tagging conventions are documented and checked in the pipeline.",
            "Every change needs a reviewed pull request, and only the pipeline applies changes.",
        ],
        size: Small,
        ..Rule::BASE
    },
    // Environment configuration
    Rule {
        on: ENV,
        any: &["account-per-environment", "prod-nonprod-split"],
        title: "Environment accounts and configuration baseline",
        i_want: "the environments laid out as decided ({option}), each created from code with the same baseline",
        so_that: "what is tested in staging behaves like production and production is isolated from experiments",
        criteria: &[
            "Each environment's account (subscription or project) is created from code and carries the same baseline: logging, guardrails, budgets and network.",
            "Production data and credentials cannot be reached from non-production environments.",
            "Per-environment differences (sizes, counts, toggles) live in versioned configuration files reviewed like code.",
            "Access to production goes through SSO roles with approval, and every session is logged.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: ENV,
        any: &["ephemeral-environments"],
        title: "Ephemeral preview environments",
        as_a: "developer",
        i_want: "a preview environment created for each pull request and destroyed when it closes",
        so_that: "changes are tested in isolation without queueing for a shared environment",
        criteria: &[
            "A preview environment is created automatically within 15 minutes of opening a pull request, and its URL is posted on the pull request.",
            "It is destroyed when the pull request is merged or closed, and after at most 7 days in any case.",
            "Preview environments use synthetic or masked data only.",
            "Each preview environment is tagged with its pull request and cost centre, and its cost is reported.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: ENV,
        any: &["shared-account"],
        all: &["kubernetes"],
        title: "Namespace per environment with quotas and isolation",
        i_want: "each environment in its own namespace of the shared cluster, with quotas, network isolation and its own access rules",
        so_that: "one environment cannot starve or reach another",
        criteria: &[
            "Each environment has a namespace with resource quotas and limit ranges.",
            "Default-deny network policies block traffic between environment namespaces.",
            "RBAC per namespace is mapped to SSO groups; production namespaces are writable only by the deployment pipeline.",
            "Production workloads run on a dedicated node pool selected by taints and tolerations.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: ENV,
        fallback: true,
        title: "Environment inventory and configuration management",
        i_want: "an inventory of environments with their purpose, owner and configuration, managed as decided ({option})",
        so_that: "everyone knows which environments exist and how they differ",
        criteria: &[
            "Each environment is listed with its purpose, owner, data classification and lifetime.",
            "Environment configuration lives in versioned files; differences between environments are explicit.",
            "Environments are created and changed only by the pipeline.",
        ],
        size: Small,
        ..Rule::BASE
    },
    // Network architecture
    Rule {
        on: NET,
        any: &["hub-and-spoke", "shared-vpc", "isolated-networks"],
        title: "Network foundation with private endpoints",
        as_a: "network engineer",
        i_want: "the network ({option}) built from code: an address plan, private subnets across zones, controlled egress and private endpoints for managed services",
        so_that: "workloads and data are not exposed to the internet and traffic between them follows known paths",
        criteria: &[
            "An IP address plan without overlaps covers every environment and region, including the DR region, and is kept in the repository.",
            "Workloads and databases run in private subnets in at least two availability zones; only load balancers are public.",
            "Managed services (database, object storage, secrets, container registry) are reached through private endpoints.",
            "Outbound traffic leaves through a controlled egress point (NAT gateway or firewall), and flow logs are enabled.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: NET,
        any: &["hub-and-spoke"],
        title: "Hub network with shared egress and inspection",
        as_a: "network engineer",
        i_want: "a hub network (transit gateway or virtual WAN) through which the spokes reach each other, the internet and on-premises networks",
        so_that: "routing, inspection and egress are managed once for all environments",
        criteria: &[
            "Spoke networks attach through the hub; spoke-to-spoke traffic is allowed only by explicit routes and firewall rules.",
            "Internet egress goes through a central firewall with a logged allow-list.",
            "The hub is redundant across zones, and the loss of one hub component has been tested.",
            "A new spoke is attached from a module in less than one working day.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: NET,
        any: &["service-mesh"],
        title: "Service mesh with mutual TLS",
        i_want: "service-to-service traffic carried by the mesh with strict mutual TLS and default-deny authorisation",
        so_that: "every call between services is encrypted, authenticated and observable",
        criteria: &[
            "Mutual TLS is strict for all services in the mesh; plain-text calls are rejected.",
            "Authorisation policies deny by default and allow only the documented service-to-service calls.",
            "Mesh upgrades are rolled out to one namespace first and then to the rest.",
            "Mesh telemetry (request rate, errors, latency per route) reaches the monitoring backend.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: NET,
        any: &["zero-trust"],
        title: "Zero-trust access for administrators and internal tools",
        as_a: "security engineer",
        i_want: "administrators and internal tools reached through an identity-aware proxy instead of a VPN or open ports",
        so_that: "access depends on who the person is and the state of their device, not on their network",
        criteria: &[
            "Internal tools are reachable only through the identity-aware proxy with SSO and MFA.",
            "No inbound SSH or RDP port is open; shell access goes through a session manager that records sessions.",
            "Device posture is checked before production access is granted.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: NET,
        fallback: true,
        title: "Network baseline",
        as_a: "network engineer",
        i_want: "the network ({option}) built from code with private subnets, controlled egress and flow logs",
        so_that: "network exposure is deliberate and traffic can be investigated",
        criteria: &[
            "Networks, subnets and routes are created from infrastructure code with an IP plan without overlaps.",
            "Only load balancers and edge services have public addresses.",
            "Flow logs are enabled and retained for at least 90 days.",
        ],
        ..Rule::BASE
    },
    // Compute resources
    Rule {
        on: COMPUTE_ENV,
        any: &["kubernetes"],
        title: "Kubernetes cluster baseline",
        i_want: "clusters ({option}) created from code with node pools, RBAC, network policies and an upgrade routine",
        so_that: "workloads land on secure, consistently configured clusters that stay within support",
        criteria: &[
            "Clusters are created from code with node pools (or node autoprovisioning) spread over at least two availability zones.",
            "Access uses RBAC mapped to SSO groups; the cluster-admin credential is break-glass only.",
            "Every namespace enforces default-deny network policies, resource quotas and the restricted Pod Security Standard.",
            "An upgrade runbook keeps every cluster within the provider's standard support window, and an upgrade has been rehearsed in staging.",
            "Cluster add-ons (ingress, DNS, autoscaler, metrics) are installed from code with pinned versions.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: COMPUTE,
        all: &["kubernetes", "self-managed"],
        title: "Control-plane operations: etcd backups and certificate rotation",
        i_want: "the self-managed control plane run highly available, with etcd backups and automatic certificate rotation",
        so_that: "losing a control-plane node or a certificate never loses the cluster",
        criteria: &[
            "The control plane runs on three nodes across zones.",
            "etcd is snapshotted at least hourly to storage outside the cluster, and a restore has been tested.",
            "Certificates rotate automatically, with an alert 30 days before any expiry.",
            "Nodes are patched by a rolling replacement without workload downtime.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: COMPUTE,
        any: &[
            "serverless-containers",
            "ecs",
            "fargate",
            "container-apps",
            "cloud-run",
            "app-service",
        ],
        title: "Container service baseline",
        i_want: "each service deployed on the container platform ({option}) from a shared module with health checks, autoscaling and a least-privilege role",
        so_that: "services are deployed the same way and survive the loss of a task or a zone",
        criteria: &[
            "Each production service runs at least two tasks spread over two or more availability zones, and health checks replace failed tasks.",
            "Autoscaling on CPU or request count is configured from the load model, with minimum and maximum capacity stated per environment.",
            "Each service has its own least-privilege role; secrets are injected from the secrets manager at start and never baked into images.",
            "Images come from the private registry, are scanned on push and are deployed by digest.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: COMPUTE,
        any: &["functions", "serverless"],
        title: "Serverless function baseline",
        i_want: "functions ({option}) deployed from a shared module with limits, dead-letter handling and tracing",
        so_that: "bursty workloads scale without surprises and failed events are never lost silently",
        criteria: &[
            "Each function has its own least-privilege role, a timeout and a concurrency limit.",
            "Failed asynchronous invocations go to a dead-letter queue, and an alert fires when it is not empty.",
            "Tracing is enabled and traces join the calling service's trace.",
            "Functions are deployed by the pipeline as versions with an alias, so that a rollback is an alias switch.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: COMPUTE,
        any: &["vms"],
        title: "Golden images and autoscaling groups",
        i_want: "virtual machines built from hardened golden images and run in autoscaling groups",
        so_that: "servers are replaceable, patched and identical",
        criteria: &[
            "The image pipeline builds a hardened image monthly and within 72 hours of a critical vulnerability.",
            "Autoscaling groups span at least two zones, and unhealthy instances are replaced automatically.",
            "No SSH keys are used for login; access goes through a session manager.",
            "A new image is rolled out by instance refresh without downtime.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: COMPUTE,
        fallback: true,
        title: "Compute platform baseline",
        i_want: "the compute platform ({option}) provisioned from code with health checks, scaling and least-privilege identities",
        so_that: "workloads run on a consistent, resilient platform",
        criteria: &[
            "Compute resources are created from code and spread over at least two availability zones.",
            "Scaling limits are derived from the load model and stated per environment.",
            "Each workload has its own least-privilege identity.",
        ],
        ..Rule::BASE
    },
    // Data resources
    Rule {
        on: BACKGROUND,
        title: "Background jobs with retries, dead letters and idempotent handlers",
        i_want: "background and scheduled work to run on {option} with bounded retries, a dead-letter destination and alerts on backlog",
        so_that: "work that fails is retried or surfaced, never silently lost or done twice",
        criteria: &[
            "Every job handler is idempotent, and a test delivers the same message twice without a duplicate effect.",
            "Retries are bounded with backoff; messages that keep failing land in a dead-letter destination that raises an alert.",
            "Backlog age and size are monitored per queue or schedule, with an alert before the processing-time target is missed.",
            "Scheduled jobs are defined as code, and a missed or failed run raises an alert.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: DATA,
        any: &["sql", "postgres", "mysql"],
        none: &["self-managed", "distributed-sql"],
        title: "Provision the database with backups, PITR and a restore test",
        i_want: "the database ({option}) provisioned from code with encryption, automated backups and point-in-time recovery, and a tested restore",
        so_that: "the system of record survives mistakes and failures within the agreed RPO and RTO",
        criteria: &[
            "The database runs in private subnets with multi-AZ (zone-redundant) high availability in production, encrypted at rest with a managed key.",
            "Automated backups with point-in-time recovery are enabled, with at least 7 days of retention in production (longer where the requirements say so).",
            "A restore to a new instance at a chosen point in time has been performed and timed, and the result compared with the RPO and RTO.",
            "Credentials come from the secrets manager (or IAM authentication) and rotate automatically; no password is kept in code or pipeline variables.",
            "Deletion protection is enabled in production, and parameter changes go through code review.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: DATA,
        all: &["postgres", "self-managed"],
        title: "Operate self-hosted PostgreSQL: replication, failover and backups",
        as_a: "database administrator",
        i_want: "PostgreSQL run with a replica in another zone, automatic failover and continuous WAL archiving",
        so_that: "the database survives a node or zone failure and can be restored to any point in time",
        criteria: &[
            "A primary and at least one replica in another zone are managed by a failover manager (Patroni or an operator), and a failover has been tested.",
            "WAL is archived continuously to object storage, and point-in-time recovery has been restored and timed.",
            "Minor versions are patched within 30 days of release.",
            "Connection pooling protects the database from connection storms.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: DATA,
        any: &["distributed-sql"],
        title: "Distributed SQL cluster with data placement",
        as_a: "database administrator",
        i_want: "the distributed SQL cluster spread across zones (or regions) with data placed as the residency requirements demand",
        so_that: "the database tolerates the loss of a zone while keeping data where it must stay",
        criteria: &[
            "Nodes run in at least three zones (or regions), and the loss of one has been tested.",
            "Data placement rules keep each data set in its permitted regions.",
            "Backups go to object storage, and a restore has been tested.",
            "Write latency across locations is measured against the latency targets.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: DATA,
        any: &["nosql", "dynamodb", "cosmosdb"],
        title: "NoSQL tables with capacity limits, PITR and access patterns",
        i_want: "the tables ({option}) created from code with point-in-time recovery, capacity alarms and documented access patterns",
        so_that: "data is recoverable and throttling is seen before users feel it",
        criteria: &[
            "Tables are created from code with point-in-time recovery enabled.",
            "The capacity mode is chosen per table, and alarms fire on throttling.",
            "Keys and access patterns are documented and reviewed before a table is created.",
            "Each service has least-privilege access to its own tables only.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: MESSAGING,
        any: &["sqs", "service-bus"],
        title: "Message queues with dead-letter handling",
        i_want: "queues ({option}) created from code with dead-letter queues and alarms",
        so_that: "work handed between components is never lost and backlogs are noticed",
        criteria: &[
            "Each consumer has its own encrypted queue, created from code.",
            "A dead-letter queue with a maximum receive count backs every queue, and an alert fires when it is not empty.",
            "Consumers are idempotent, using a deduplication key per message.",
            "An alarm on the age of the oldest message is set per queue from the latency targets.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: MESSAGING,
        any: &["kafka"],
        title: "Kafka cluster and topic governance",
        i_want: "the Kafka cluster run across three zones with topics, ACLs and schemas managed as code",
        so_that: "events are durable and producers cannot break their consumers",
        criteria: &[
            "Brokers run in three zones; topics use replication factor 3 with at least 2 in-sync replicas.",
            "Topics, partitions, retention and ACLs are created from code; each service has its own credentials.",
            "Consumer lag is monitored and alerts fire before it breaches the latency targets.",
            "A schema registry enforces compatibility rules for every topic.",
        ],
        size: Large,
        ..Rule::BASE
    },
    Rule {
        on: &["data-cache"],
        none: &["http-caching"],
        title: "Cache with eviction, failover and a cache-outage test",
        i_want: "the cache ({option}) provisioned from code with an eviction policy, replicas in a second zone and alerts on memory and hit rate",
        so_that: "reads stay fast and a cache failure slows the service down rather than stopping it",
        criteria: &[
            "The cache is created from code, reachable only from the application's private network, with encryption in transit and authentication.",
            "Each cached kind of data has a time to live and an invalidation rule written down next to the code that fills it.",
            "Memory use, evictions and hit rate are monitored, with an alert before memory runs out.",
            "A test with the cache switched off shows the service still answering within its degraded targets.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: &["data-object-storage"],
        title: "Object storage with encryption, versioning and lifecycle rules",
        i_want: "buckets or containers ({option}) created from code, private by default, versioned, with lifecycle rules per data class",
        so_that: "stored files cannot leak, be lost by mistake or grow in cost unnoticed",
        criteria: &[
            "Public access is blocked at the account or subscription level, and every bucket is encrypted at rest.",
            "Versioning, and object lock where records must be immutable, are on for the buckets that hold records or backups.",
            "Lifecycle rules move or expire objects by data class, matching the retention requirements.",
            "Access is granted to workload identities per bucket, and access logs are kept.",
        ],
        ..Rule::BASE
    },
    Rule {
        on: DATA,
        fallback: true,
        title: "Data store provisioning with backups and a restore test",
        i_want: "the data stores ({option}) provisioned from code with encryption, backups and a tested restore",
        so_that: "data survives mistakes and failures within the agreed RPO",
        criteria: &[
            "Data stores are created from code, encrypted at rest and reachable only from private networks.",
            "Backups run automatically with retention that meets the requirements.",
            "A restore has been performed and timed against the RPO and RTO.",
        ],
        ..Rule::BASE
    },
];
