#!/usr/bin/env python3
"""Synthetic operations / data-platform Markdown for renderer benchmarks.

Usage:
    python3 scripts/gen_ops_markdown.py OUT.md BYTES [--seed N] [--check] [--stats]

Writes roughly BYTES bytes of UTF-8 Markdown to OUT.md.  The text is a series
of documents of the kind an operations or data-platform group accumulates:
incident postmortems, on-call handbooks, pipeline design notes, capacity
reviews, migration plans, SLO reviews and vendor evaluations.  Generation
stops at the first block boundary at or after BYTES (plus any footnote or
link-reference definitions still pending, a few hundred bytes at most).

The output depends only on --seed (default 7): all randomness comes from one
random.Random(seed) and no clock values are used.

Every non-blank line is unique across the whole file, except lines that are
pure syntax: code fences, table delimiter rows, thematic breaks, bare ">"
quote separators, closing braces/brackets in code (and the shell/SQL closing
keywords fi, done, esac, end), and mermaid diagram-type headers.  --check
generates into memory, asserts that property and prints the line counts;
--stats prints the measured block-kind mix by bytes.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import random
import re
import sys

# ----------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------

FIRST = [
    "Amara", "Björn", "Chen", "Dmitri", "Zoë", "Łukasz", "Søren", "Inés", "José",
    "Priya", "Kwame", "Aoife", "Mateus", "Yuki", "Hamid", "Fatima", "Noa",
    "Ingrid", "Tomás", "Olu", "Wei", "Ravi", "Leilani", "Siobhán", "François",
    "Małgorzata", "Ngozi", "Kenji", "Anaïs", "Dagny", "Emeka", "Farah", "Gustav",
    "Hana", "Ilse", "Jun", "Kasia", "Lior", "Mei", "Nadia", "Omar", "Paulo",
    "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vikram", "Wren", "Xiomara", "Yara",
    "Zeynep", "Ana", "Bea", "Carlos", "Dana", "Eitan", "Femi", "Greta", "Hugo",
    "Ismail", "Jana", "Kofi", "Lena", "Mikko", "Nils", "Oksana", "Pia", "Rafael",
    "Sanne", "Teodor", "Ulla", "Valentina", "Wojciech", "Ximena", "Yusuf",
    "Aleksandr", "Bongani", "Cyrille", "Dário", "Élodie", "Guðrún", "Håkon",
    "Jürgen", "Renée", "Çağla", "Thảo", "Marisol", "Oisín", "Radek", "Sunita",
    "Tunde", "Ayşe", "Bartek", "Camille", "Diego", "Esther", "Gabriel", "Helga",
]
LAST = [
    "Okafor", "Nowak", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Ferreira",
    "Kowalczyk", "Andersen", "Mbeki", "Ruiz", "Schäfer", "Østergaard", "Novák",
    "Kaya", "Iyer", "Murphy", "Volkov", "Szabó", "Nakamura", "Dubois", "Ibáñez",
    "Yılmaz", "O'Brien", "Lefèvre", "Petrović", "Müller", "Janssen", "Bianchi",
    "Costa", "Abebe", "Virtanen", "Castillo", "Hoang", "Brennan", "Sato",
]
INITIALS = "ABCDEFGHJKLMNOPRSTVWZŁØŚ"

TEAMS = [
    "Storage", "Ingest", "Payments Platform", "Data Reliability", "Edge",
    "Observability", "Identity", "Search Infrastructure", "Streaming",
    "Warehouse", "Billing", "Core Networking", "Release Engineering",
    "Developer Productivity", "ML Platform", "Security Operations", "Messaging",
    "Compute", "Database Reliability", "Analytics Engineering", "Traffic",
    "Platform SRE", "Data Governance", "Customer Data", "Fraud Signals",
    "Notifications", "Catalog", "Mobile Backend", "Internal Tools",
    "Cost Engineering", "Ledger", "Risk Data", "Growth Infrastructure",
]

SYSTEMS = [
    "Kestrel", "Marmot", "Heron", "Basalt", "Quartzline", "Tidepool", "Lantern",
    "Ferrous", "Orchard", "Sable", "Juniper", "Cobalt", "Wicket", "Halyard",
    "Skiff", "Bramble", "Pylon", "Cinder", "Gantry", "Trellis", "Larkspur",
    "Meridian", "Driftwood", "Petrel", "Obsidian", "Fennel", "Mistral", "Nimbus",
    "Tessera", "Alder", "Bosun", "Corvid", "Dunlin", "Estuary", "Flint",
    "Garnet", "Hollow", "Ibis", "Jetty", "Kiln", "Lichen", "Mooring", "Nettle",
    "Osprey", "Plover", "Quill", "Rook", "Shoal", "Thistle", "Umber", "Vellum",
    "Wharf", "Yarrow", "Zephyr", "Anvil", "Brisk", "Coracle", "Dory", "Eider",
]

TECH = [
    "Kafka", "Postgres", "ClickHouse", "Redis", "Flink", "Spark", "Airflow",
    "dbt", "Trino", "S3", "GCS", "Kubernetes", "Envoy", "etcd", "Consul",
    "Vault", "Prometheus", "Thanos", "Grafana", "Loki", "Tempo", "OpenTelemetry",
    "BigQuery", "Snowflake", "Debezium", "Iceberg", "Delta Lake", "Parquet",
    "Avro", "Protobuf", "gRPC", "NATS", "RabbitMQ", "Cassandra", "ScyllaDB",
    "Elasticsearch", "OpenSearch", "MinIO", "Terraform", "Argo CD", "Helm",
    "Nomad", "HAProxy", "nginx", "Vector", "Fluent Bit", "Pulsar", "DuckDB",
    "Kinesis", "Dagster", "Temporal", "CockroachDB", "Memcached", "Ceph",
]

COMPONENTS = [
    "scheduler", "compactor", "ingest gateway", "replay worker",
    "partition balancer", "dedup stage", "schema registry", "write-ahead log",
    "connection pool", "query planner", "cache tier", "rate limiter",
    "feature store", "backfill job", "CDC connector", "retention sweeper",
    "shard router", "leader election loop", "snapshotter", "export job",
    "metadata service", "token bucket", "batch loader", "enrichment stage",
    "DLQ consumer", "reconciler", "quota service", "audit sink", "read replica",
    "sidecar proxy", "control plane", "job runner", "manifest writer",
    "watermark tracker", "index builder", "fan-out service", "ledger writer",
    "TTL reaper", "health checker", "config loader", "alert router",
]

REGIONS = [
    "us-east-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1",
    "ap-southeast-1", "ap-northeast-1", "sa-east-1", "ca-central-1",
    "af-south-1", "ap-south-1", "me-central-1", "eu-north-1", "ap-southeast-2",
]
DCS = ["fra3", "iad2", "sin1", "dub4", "nrt2", "gru1", "yul1", "bom2", "syd3",
       "ams5", "lhr7", "cph1", "waw2", "jnb1", "icn4", "ord6"]
CITIES = [
    "Frankfurt", "São Paulo", "Dublin", "Singapore", "Tokyo", "Zürich",
    "Montréal", "Kraków", "Reykjavík", "Oslo", "Nairobi", "Mumbai", "Sydney",
    "Lisbon", "Seoul", "Austin", "Helsinki", "Cape Town", "Bogotá", "Toronto",
    "Warszawa", "Göteborg", "Málaga", "Lagos", "Tallinn", "Düsseldorf",
]
CJK = ["監視", "障害", "容量", "数据管道", "延迟", "복구", "運用", "告警", "移行",
       "可用性", "手順書", "値班"]
EMOJI = ["✅", "⚠️", "🔥", "📉", "🚀", "🧯", "🐢", "📈", "🔁", "❌", "🎉", "🧪"]

METRICS = [
    "consumer_lag_seconds", "http_request_duration_seconds",
    "error_budget_remaining", "disk_used_ratio", "gc_pause_seconds",
    "rows_written_total", "http_requests_total", "queue_depth",
    "replication_lag_bytes", "container_cpu_cfs_throttled_periods_total",
    "kafka_log_size_bytes", "pg_stat_activity_count", "compaction_pending_bytes",
    "checkpoint_duration_ms", "dlq_messages_total", "s3_put_errors_total",
    "scheduler_task_queue_length", "etl_rows_rejected_total", "cache_hit_ratio",
    "node_filesystem_avail_bytes", "grpc_server_handled_total",
    "job_last_success_timestamp", "bytes_ingested_total", "partition_skew_ratio",
    "wal_fsync_seconds", "open_file_descriptors", "tcp_retransmits_total",
    "memory_rss_bytes", "watermark_delay_seconds", "dropped_spans_total",
    "connection_pool_wait_seconds", "snapshot_age_seconds", "evictions_total",
]

CONFIG_KEYS = [
    "max.poll.records", "fetch.min.bytes", "session.timeout.ms", "retention.ms",
    "replica.lag.time.max.ms", "num.partitions", "min.insync.replicas",
    "shared_buffers", "work_mem", "max_wal_size", "statement_timeout",
    "idle_in_transaction_session_timeout", "autovacuum_vacuum_scale_factor",
    "max_connections", "worker_concurrency", "parallelism",
    "execution.checkpointing.interval", "state.backend",
    "taskmanager.memory.process.size", "spark.sql.shuffle.partitions",
    "spark.executor.memory", "compaction_throughput_mb_per_sec",
    "concurrent_compactors", "maxmemory-policy", "tcp-keepalive", "pool_size",
    "max_overflow", "read_timeout_ms", "batch.size", "linger.ms", "acks",
    "enable.idempotence", "max_active_runs", "scrape_interval",
    "evaluation_interval", "retention_days", "max_inflight_requests",
    "buffer.memory", "heap_size_gb", "ttl_seconds", "wal_keep_size",
    "hot_standby_feedback", "query.max-memory-per-node",
]

VENDORS = [
    "Northwind Telemetry", "Acme Stream", "Bluefin Data", "Parallax Logs",
    "Corvid Cloud", "Stratus Metrics", "Helix Queue", "Lumen Ops",
    "Cirrus Pager", "Quarry Analytics", "Tern Storage", "Vantage Trace",
    "Foxglove Systems", "Basin Labs", "Overcast IO",
]

PAST = [
    "stalled", "drained", "saturated", "throttled", "rebalanced", "backfilled",
    "compacted", "evicted its cache", "retried", "rolled back", "failed over",
    "re-indexed", "truncated a segment", "replayed", "resharded", "spiked",
    "degraded", "recovered", "restarted", "timed out", "flapped", "regressed",
    "dropped writes", "deadlocked", "leaked memory", "ran out of disk",
    "lost quorum", "fell behind", "double-wrote", "skipped a partition",
    "got OOM-killed", "stopped committing offsets", "wedged", "shed load",
]
IMP = [
    "Check", "Drain", "Cordon", "Restart", "Page", "Verify", "Snapshot", "Pause",
    "Resume", "Rotate", "Bump", "Pin", "Roll back", "Promote", "Scale",
    "Silence", "Annotate", "Tag", "Confirm", "Compare", "Record", "Export",
    "Freeze", "Unfreeze", "Re-run", "Backfill", "Purge", "Inspect", "Tail",
    "Dump", "Rebuild", "Reindex", "Archive", "Throttle", "Split", "Resize",
]
ADJ = [
    "noisy", "stale", "brittle", "lagging", "hot", "cold", "skewed",
    "idempotent", "bounded", "unbounded", "degraded", "partial", "transient",
    "flaky", "undersized", "oversubscribed", "expensive", "cheap", "manual",
    "automated", "fragile", "reliable", "predictable", "bursty", "sticky",
    "orphaned", "duplicated", "late-arriving", "out-of-order", "sparse",
    "dense", "long-tailed", "read-heavy", "write-heavy", "multi-tenant",
    "cross-region", "zonal", "regional", "ephemeral", "durable", "leaky",
]
NOUNS = [
    "retry storm", "hot partition", "thundering herd", "cache stampede",
    "noisy neighbour", "split brain", "slow consumer", "poison message",
    "schema drift", "clock skew", "replication lag", "disk pressure",
    "connection exhaustion", "lock contention", "backpressure",
    "write amplification", "tombstone buildup", "GC pause", "cold start",
    "DNS flap", "certificate expiry", "quota exhaustion", "runaway query",
    "config drift", "alert fatigue", "toil", "error budget", "burn rate",
    "dead-letter queue", "watermark", "checkpoint", "backfill", "cutover",
    "dual-write", "shadow read", "canary", "rollback", "feature flag",
    "change freeze", "capacity buffer", "headroom", "fan-out", "tail latency",
    "head-of-line blocking", "vacuum backlog", "index bloat", "leader churn",
]
SYMPTOMS = [
    "delayed settlement exports", "partial ingest outage", "stale search results",
    "elevated 5xx on checkout", "duplicate notifications",
    "missing hourly partitions", "replication lag on the primary",
    "dropped metrics", "failed nightly backfill", "certificate expiry at the edge",
    "DNS resolution failures", "write stalls", "runaway warehouse spend",
    "consumer group rebalance loop", "corrupted Parquet footers",
    "login latency regression", "lost audit events", "slow dashboard queries",
    "exhausted connection pools", "late fraud signals", "double-billed invoices",
    "unbounded queue growth", "broken schema evolution", "cross-region split brain",
]
VENDOR_CATEGORIES = [
    "managed Kafka", "log analytics", "incident paging", "object storage tiering",
    "feature flags", "data observability", "APM tracing", "warehouse ingestion",
    "secrets management", "synthetic monitoring", "CDC tooling", "status pages",
]
STATUSES = ["draft", "in review", "accepted", "final", "superseded", "living document",
            "approved", "needs update"]
CHANNELS = ["ops", "incident-room", "data-platform", "oncall-handoff", "sre",
            "storage-eng", "ingest-alerts", "warehouse-users", "release-train",
            "capacity", "dbre", "edge-ops", "payments-oncall", "search-infra"]

TICKET_PREFIXES = ["OPS", "INC", "DATA", "PLAT", "SRE", "CHG", "INFRA", "DBRE",
                   "OBS", "MIG", "CAP", "SEC"]

UNITS = [
    ("GiB", 1, 900), ("TiB", 1, 480), ("MB/s", 5, 2400), ("req/s", 50, 90000),
    ("rows/s", 1000, 900000), ("vCPU", 4, 3000), ("IOPS", 500, 80000),
    ("ms", 2, 2500), ("µs", 40, 9000), ("msgs/s", 100, 400000),
    ("connections", 20, 9000), ("partitions", 6, 2048), ("nodes", 3, 400),
    ("pods", 4, 1800), ("GB/day", 10, 9000), ("events/s", 100, 750000),
    ("TB", 1, 300), ("k QPS", 1, 300), ("Gbit/s", 1, 100), ("files/min", 10, 9000),
]

# identifier fragments for code
NOUN_ID = [
    "order", "event", "shard", "batch", "segment", "partition", "offset",
    "record", "row", "snapshot", "checkpoint", "lease", "replica", "tenant",
    "bucket", "manifest", "job", "task", "run", "window", "cursor", "span",
    "metric", "alert", "incident", "budget", "quota", "token", "schema",
    "column", "table", "chunk", "blob", "frame", "slot", "topic", "consumer",
    "producer", "worker", "node", "pod", "volume", "route", "backend",
    "upstream", "digest", "ledger", "invoice", "payment", "session", "account",
    "device", "zone", "cluster", "pool", "host", "fleet", "export", "watermark",
    "request", "message", "item", "file", "object", "key", "page", "sample",
]
VERB_ID = [
    "load", "fetch", "parse", "build", "merge", "flush", "drain", "compact",
    "emit", "collect", "resolve", "sync", "apply", "rotate", "refresh",
    "reconcile", "validate", "normalize", "dedupe", "route", "schedule",
    "enqueue", "ack", "replay", "backfill", "export", "scan", "sample",
    "prune", "expire", "evict", "warm", "probe", "check", "encode", "decode",
    "split", "filter", "aggregate", "publish", "retry", "throttle", "acquire",
    "release", "commit", "restore", "migrate", "promote", "rebalance",
    "register", "watch", "poll", "upsert", "archive", "partition", "index",
]
ADJ_ID = [
    "stale", "pending", "active", "hot", "cold", "late", "dirty", "max", "min",
    "last", "next", "raw", "clean", "partial", "total", "local", "remote",
    "primary", "shadow", "canary", "legacy", "cached", "fresh", "sorted",
    "merged", "failed", "dropped", "skipped", "inflight", "queued", "owned",
    "orphaned", "expired", "healthy", "lagging", "open", "closed", "current",
]
NOUN_SUFFIX = ["ids", "count", "map", "keys", "total", "bytes", "ts", "age", "lag",
               "rows", "batch", "index", "path", "url", "ratio", "limit", "window",
               "deadline", "set", "list", "by_shard", "seen", "budget", "sizes"]
TYPE_SUFFIX = ["Config", "Client", "Store", "Reader", "Writer", "Manager", "Tracker",
               "Planner", "Policy", "Error", "Event", "State", "Stats", "Window",
               "Budget", "Ledger", "Sink", "Source", "Cursor", "Batch", "Spec",
               "Report", "Lease", "Snapshot", "Router", "Queue", "Handle", "Plan"]
ATTRS = ["size", "offset", "tenant_id", "created_at", "attempts", "status",
         "shard", "region", "lag", "bytes", "priority", "deadline", "checksum",
         "version", "owner", "expires_at", "retries", "key", "partition",
         "duration_ms", "is_dirty", "epoch", "weight", "source"]
PY_FROM = [
    ("collections", ["defaultdict", "Counter", "deque", "OrderedDict"]),
    ("datetime", ["datetime", "timedelta", "timezone", "date"]),
    ("typing", ["Any", "Iterable", "Iterator", "Mapping", "Optional", "Sequence",
                "Callable", "NamedTuple"]),
    ("dataclasses", ["dataclass", "field", "asdict", "replace"]),
    ("pathlib", ["Path", "PurePosixPath"]),
    ("concurrent.futures", ["ThreadPoolExecutor", "as_completed", "wait"]),
    ("itertools", ["islice", "chain", "groupby", "batched", "pairwise"]),
    ("functools", ["lru_cache", "partial", "cached_property", "reduce"]),
    ("contextlib", ["contextmanager", "suppress", "closing", "ExitStack"]),
    ("urllib.parse", ["urlparse", "urlencode", "quote"]),
    ("tenacity", ["retry", "stop_after_attempt", "wait_exponential"]),
    ("prometheus_client", ["Gauge", "Histogram", "Summary"]),
    ("sqlalchemy", ["select", "text", "func", "and_", "update"]),
    ("airflow.decorators", ["dag", "task", "task_group"]),
    ("pyarrow", ["parquet", "Table", "schema"]),
    ("botocore.exceptions", ["ClientError", "EndpointConnectionError"]),
]
PY_MODS = ["json", "logging", "os", "time", "hashlib", "gzip", "csv", "random",
           "socket", "signal", "uuid", "asyncio", "statistics", "argparse",
           "subprocess", "boto3", "requests", "httpx", "psycopg", "redis", "yaml",
           "orjson", "structlog", "sqlite3", "zlib", "heapq", "bisect", "math",
           "re", "shutil", "tempfile", "threading", "itertools", "operator"]
PY_SUBMODS = ["client", "models", "storage", "metrics", "config", "retry", "schema",
              "sinks", "sources", "util", "ledger", "planner", "errors", "leases"]
PY_EXC = ["TimeoutError", "ConnectionError", "KeyError", "ValueError",
          "ClientError", "psycopg.OperationalError", "OSError", "RuntimeError",
          "json.JSONDecodeError", "redis.ConnectionError", "httpx.HTTPStatusError"]
LOG_WORDS = ["flushed", "skipped", "retrying", "dropping", "loaded", "compacted",
             "evicting", "resuming", "throttling", "rebalanced", "committed",
             "scheduled", "rejected", "expired", "archived", "replayed",
             "quarantined", "promoted", "deferred", "sampled", "pruned", "fetched"]
GO_IMPORTS = ["context", "errors", "fmt", "log/slog", "net/http", "sort", "strconv",
              "strings", "sync", "time", "encoding/json", "io", "os", "bytes",
              "math", "sync/atomic", "database/sql", "hash/fnv", "crypto/sha256",
              "github.com/prometheus/client_golang/prometheus",
              "github.com/twmb/franz-go/pkg/kgo", "golang.org/x/sync/errgroup",
              "github.com/jackc/pgx/v5/pgxpool", "go.opentelemetry.io/otel/trace"]
GO_TYPES = ["string", "int", "int64", "uint32", "float64", "bool", "time.Duration",
            "time.Time", "[]string", "map[string]int", "[]byte", "*sync.WaitGroup"]
RS_TYPES = ["u64", "u32", "usize", "i64", "f64", "bool", "String", "Vec<u8>",
            "Vec<String>", "Option<u64>", "Duration", "Instant", "HashMap<String, u64>",
            "Arc<str>", "BTreeMap<u32, String>"]
SQL_SCHEMAS = ["analytics", "raw", "staging", "ops", "billing", "core", "mart",
               "events", "ledger", "audit", "ingest", "reporting"]
SQL_COLS = ["id", "tenant_id", "created_at", "updated_at", "event_type", "payload",
            "amount_cents", "currency", "status", "region", "shard_id",
            "partition_key", "ingested_at", "processed_at", "attempt", "error_code",
            "sku", "user_id", "account_id", "duration_ms", "bytes", "source",
            "batch_id", "checksum", "deleted_at", "version", "priority", "owner",
            "topic", "kafka_offset", "run_id", "dag_id", "settled_at", "merchant_id",
            "country", "device_id", "session_id", "latency_ms", "is_test"]
SQL_TYPES = ["bigint", "integer", "text", "timestamptz", "jsonb", "boolean",
             "numeric(18,4)", "uuid", "smallint", "varchar(64)", "date", "bytea",
             "double precision", "inet"]
BASE_IMAGES = [("golang", ["1.21", "1.22-bookworm", "1.22-alpine", "1.23"]),
               ("python", ["3.11-slim", "3.12-slim-bookworm", "3.10-bullseye"]),
               ("node", ["20-alpine", "18-bullseye-slim", "22-slim"]),
               ("rust", ["1.77-slim", "1.79-bookworm", "1.80"]),
               ("eclipse-temurin", ["17-jre", "21-jdk-jammy"])]
JS_PKGS = ["node:fs/promises", "node:path", "node:crypto", "node:timers/promises",
           "undici", "pino", "zod", "kafkajs", "pg", "ioredis", "express",
           "@aws-sdk/client-s3", "p-limit", "luxon", "prom-client", "yargs"]
SHAPES = [("[", "]"), ("(", ")"), ("{", "}"), ("[(", ")]"), ("([", "])"),
          ("[[", "]]"), ("((", "))"), ("[/", "/]")]

URL_HOSTS = ["wiki.example.org", "grafana.example.com", "github.com",
             "runbooks.example.net", "status.example.com", "docs.example.io",
             "example.org", "jira.example.com", "storage.example.com",
             "example.com", "pagerduty.example.net", "console.example.cloud",
             "notebooks.example.dev", "dbt-docs.example.org"]

CAPS_START = set("The We This Our Each If A An Nothing Data Storage Median Detection "
                 "Timestamps Expect Please Keep Set Do Most Every Nobody Two "
                 "Three Roughly About Writes Reads It There That One None All "
                 "Backfilling Only Half Some Any Neither Both".split())

INT_UNITS = {"nodes", "pods", "partitions", "connections", "vCPU", "IOPS", "req/s", "rows/s"}
ALNUM_RE = re.compile(r"[^\W_]")
FENCE_RE = re.compile(r"^(```|~~~)[\w+.#-]*$")
MERMAID_HDR_RE = re.compile(r"^(?:(?:graph|flowchart)\s+(?:TD|TB|BT|LR|RL);?|sequenceDiagram)$")
CLOSER_RE = re.compile(r"^(?:fi|done|esac|end|END;?)$")
QUOTE_PREFIX_RE = re.compile(r"^(?:\s*>)+\s?")
SLOT_RE = re.compile(r"\{(\w+)\}")
RISKY_NUM_RE = re.compile(r"^\d+[.)]$")


def third(v: str) -> str:
    """Third-person singular of a (regular) verb: 'apply' -> 'applies'."""
    if v.endswith("y") and v[-2:-1] not in ("a", "e", "o", "u"):
        return v[:-1] + "ies"
    if v.endswith(("s", "sh", "ch", "x", "z")):
        return v + "es"
    return v + "s"


def is_syntax_line(line: str) -> bool:
    """Pure-syntax lines that are allowed to repeat."""
    s = QUOTE_PREFIX_RE.sub("", line).strip()
    if not s or not ALNUM_RE.search(s):
        return True
    return bool(FENCE_RE.match(s) or MERMAID_HDR_RE.match(s) or CLOSER_RE.match(s))


# ----------------------------------------------------------------------------
# Sentence templates
# ----------------------------------------------------------------------------

GENERAL = [
    "The {comp} in {sys} {past} at {time} after a {noun} pushed {metric} past {q}.",
    "{person} from {team} noticed that {metric} had been {adj} since {date}, well before the first page.",
    "We estimate that {pct} of requests in {region} saw errors for roughly {dur}.",
    "Nothing in {link} covered this failure mode, so the {oncall} improvised with {cmd}.",
    "Our target is p99 ≤ {ms} ms for {sys} reads, measured at the load balancer rather than in the client.",
    "If {metric} stays above {q} for more than {dur}, {imp_l} the {comp} and page {team}.",
    "During the {dur} cutover window, writes go to both {tech} and {tech2} — reads stay on the old path until validation passes.",
    "This is the {ord} time this quarter that a {noun} has taken out {sys}; earlier occurrences are tracked in {ticket} and {ticket}.",
    "Set {cfg} to {val} on the {comp} before restarting, otherwise the {noun} comes straight back.",
    "Storage in {dc} grew by {q} over the last {n} weeks, most of it from {sys} {idn}s.",
    "{person} ran {cmd} and confirmed that the {comp} was healthy again at {time}.",
    "We do not page on {metric} alone because it is too {adj} during nightly batch runs.",
    "Keep in mind that {sys} retries are *not* idempotent, so replaying a batch can double-count {idn}s.",
    "The dashboard at {link} shows the {adj} shard pattern clearly: {n} of {n2} partitions carry most of the load.",
    "Headroom in {region} is down to {pct}, which is below the floor agreed in {ticket}.",
    "Please ask in #{channel} before touching anything in {sys} production.",
    "We rolled {sys} back from {ver} to {ver2} at {time}; error rates returned to baseline within {dur}.",
    "Backfilling {big} rows from {date} onward took {dur} with {n} workers and {cfg} raised to {val}.",
    "The root cause was a {adj} {noun} in the {comp}, triggered by {trigger}.",
    "Detection took {dur} because the alert on {metric} used a {dur2} evaluation window.",
    "{person} and {person2} paired on the fix — {link} has the full diff and the review thread.",
    "The {team} team owns {sys}; escalation goes to {person} ({city}) during EU hours and {person2} otherwise.",
    "Each {sys} partition holds about {q} and the {comp} runs every {dur}.",
    "Median end-to-end latency dropped from {ms} ms to {ms2} ms, while p99.9 stayed around {ms3} ms.",
    "We chose **{tech}** over {tech2} mainly for operational familiarity, not raw throughput.",
    "For background, read {link} first; it explains why {sys} still writes through the {comp}.",
    "The action item to add a {adj} alert on {metric} ({ticket}) is still open.",
    "Timestamps below are in UTC; the team in {city} was on call for most of the incident.",
    "Expect {n} to {n2} pages per week on this rotation, most of them from {sys}.",
    "The {comp} ran at {pct} CPU for {dur} with no customer impact, which suggests the limit is elsewhere.",
    "Data landed late in {tech}, so {n} downstream dashboards showed stale numbers until {time}.",
    "A full re-sync would move about {q} across regions and cost an estimated {money} in egress.",
    "Do not restart more than {n} {comp} replicas at once; the quorum needs {n2} healthy members.",
    "Raw exports from the {runname} are at <{url}> if you need to dig further.",
    "Our error budget for {sys} is {pct} per 28 days, and we spent {pct2} of it on {date} alone.",
    "The {comp} reads {cfg} at startup only, so changing it requires a rolling restart.",
    "In {city} the {comp} shares hosts with {sys}, which is how a {noun} on one side became an outage on the other.",
    "{vendor} quoted {money} per month for {q}, which is {pct} more than what we pay today.",
    "The migration from {tech} to {tech2} is split into {n} phases so that each can be rolled back independently.",
    "Most of the {noun} came from a single tenant whose {idn} volume tripled after a product launch on {date}.",
    "When in doubt, {imp_l} the {comp} first and ask questions in #{channel} afterwards.",
    "We saw {big} {idn}s land in the dead-letter queue, of which {n} were genuinely malformed.",
    "{sys} depends on {tech} for ordering guarantees but only within a partition, not across them.",
    "There is no automated rollback for {sys} schema changes; the procedure in {link} is manual and takes about {dur}.",
    "The new {comp} cut p95 from {ms} ms to {ms2} ms on the {region} canary without changing the hardware.",
    "Two consecutive {noun}s on {date} were enough to exhaust the {sys} connection pool ({n} connections per pod).",
    "Capacity planning assumes {pct} year-over-year growth for {sys}, which has been roughly right for {n} quarters.",
    "{person} suggested that we {imp_l} the {comp} behind a {adj} feature flag before the wider rollout.",
    "The {comp} logs a warning when {metric} exceeds {q}, but nobody had wired that into an alert.",
    "At {q} the {tech} cluster in {dc} is at roughly {pct} of provisioned capacity, so the next expansion has to land before {date}.",
    "The {adj} behaviour of the {comp} is documented, just not anywhere an on-call engineer would look at 3 a.m.",
    "Queries against `{table}` now finish in {dur} instead of {dur2}, mostly thanks to the new partial index.",
    "It took {n} attempts to get the {tech} upgrade through staging because of a {noun} in the {comp}.",
    "Between {time} and {time2} the {comp} rejected about {pct} of writes with `{err}`.",
    "On-call handover happens at {time} {city} time; the outgoing engineer writes a short note in #{channel}.",
    "Reads from the replica are allowed to be up to {dur} stale, which the {sys} API documents as *eventually consistent*.",
    "The cost of the {sys} {comp} is dominated by {tech} storage, roughly {money} a month at current retention.",
    "We explicitly decided **not** to {imp_l} the {comp} automatically, because a wrong decision there loses data.",
    "The {ticket} follow-up moves {sys} off the shared {tech} cluster and onto dedicated {q} nodes.",
    "Nobody owned the {comp} after the re-org on {date}, which is why the {noun} alerts went unanswered.",
    "After {ver} the {comp} emits {metric}, so the old log-based alert in {link} can be deleted.",
    "Keep the {tech} consumer group name stable across deploys; changing it resets offsets to `{offset_reset}`.",
    "The vendor's SLA promises {pct} monthly availability, but credits are capped at {pct2} of the invoice.",
    "All of the {adj} {idn}s came from clients still running {ver} of the SDK.",
    "Throughput plateaued at {q} no matter how many {comp} workers we added, which pointed at the {tech} side.",
    "We are {pct} through the migration: {n} of {n2} services have moved to {tech}.",
    "Plan for {dur} of elevated {metric} after each deploy while caches warm up.",
    "The {comp} keeps {n} days of history, which is enough for a weekly comparison but not for quarterly trends.",
    "Ownership of {sys} moves from {team} to {team2} on {date}; until then page {person}.",
    "One {noun} in the {comp} turned into a {noun2} across {n} services within {dur}.",
    "The fix in {link} adds jitter to the {comp} retry loop and caps it at {n} attempts.",
    "Nightly compaction of `{table}` now takes {dur}, up from {dur2} last quarter.",
    "Roughly {pct} of {sys} traffic originates in {region}, so that is where the second replica should live.",
    "{person} wrote the original {comp} in {year} and is still the best person to ask about its edge cases.",
    "Use {cmd} to see the current assignment; anything other than `{state}` needs attention.",
    "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to detach from the {sys} console; <kbd>q</kbd> closes the pager without stopping the session.",
    "In Grafana, <kbd>g</kbd> then <kbd>d</kbd> opens dashboard search, which is the fastest way to reach {link}.",
    "The {cjk} runbook from the {city} office is mirrored in {link} and kept in sync by {person}.",
    "{emoji} {sys} has been back within its SLO since {date}, and the burn-rate alerts are quiet.",
    "Latency on the {comp} hot path is about {us} µs per call, so it is not worth caching.",
    "The {ticket} postmortem lists {n} contributing factors; only the first {n2} have owners so far.",
    "It is tempting to ~~{quickfix}~~ and move on, but that only hides the {noun}.",
    "The old estimate of ~~{dur}~~ turned into {dur2} once {person} found {n} more consumers of the legacy topic.",
    "A {adj} {idn} stream from {sys} is the single biggest input to `{table}` by volume.",
    "We sampled {big} {idn}s and found {n} with a clock skew of more than {dur} between producer and broker.",
    "The {tech} upgrade to {ver} changes the default for {cfg}, which silently doubled {metric} in staging.",
    "Alerts for {sys} route to the {team} rotation through {vendor}, with a {dur} acknowledgement window.",
    "Disk usage on the {comp} hosts follows a sawtooth: it climbs by {q} a day and drops after each compaction.",
    "The contract with {vendor} renews on {date}, so the evaluation has to finish before then.",
    "Dropping the `{col}` column from `{table}` saves about {q} but breaks {n} dashboards owned by {team}.",
    "For the {region} cluster the answer is simpler: add {n} nodes and rebalance during the {time} quiet period.",
    "The {comp} has no concept of tenants, so one {adj} customer can starve everyone else.",
    "None of this was visible in the {sys} dashboards because {metric} is aggregated per region, not per shard.",
]

TRIGGERS = [
    "a config push that halved {cfg}", "an unannounced traffic shift from {region}",
    "the {tech} {ver} upgrade", "a schema change that added a non-nullable column",
    "a certificate rotation that skipped one node", "an expired IAM credential",
    "a batch job that ignored the rate limiter", "a kernel update on the {dc} hosts",
    "a retry loop without jitter", "a leap in cardinality after a new label was added",
    "an index build running during peak traffic", "a DNS TTL of {n} seconds",
    "a full disk on one broker", "a deploy that reordered startup probes",
    "clock drift on the NTP-less {dc} hosts", "a marketing email sent to every account",
]

OPENERS = [
    "In practice, ", "Historically, ", "For now, ", "As {person} pointed out, ",
    "On {date}, ", "To be clear, ", "In hindsight, ", "Separately, ",
    "At peak, ", "Unsurprisingly, ", "Per {ticket}, ", "Since {date}, ",
    "Between {time} and {time2}, ", "According to {person}, ", "For {sys}, ",
    "In {region}, ", "Somewhat surprisingly, ", "Last quarter, ", "Once again, ",
]
TAILS = [
    ", which is why we now {imp_l} the {comp} weekly",
    " — see {link}", " (tracked in {ticket})", ", at least according to {metric}",
    ", per {person}", " until {date}", ", give or take {pct}",
    " on the {dc} hosts", " (see the {cjk} notes)", " — roughly {q}",
    ", which nobody expected", " for the {team} team",
]

LINK_TEXTS = [
    "the runbook", "the {sys} dashboard", "this PR", "RFC {n}", "{ticket}",
    "the vendor docs", "the capacity sheet", "the postmortem for {ticket}",
    "the design doc", "the migration tracker", "the {tech} docs", "this thread",
    "the load-test report", "the on-call handbook", "the SLO definition",
    "the {team} wiki page", "the notebook", "the change request", "the diff",
    "the {region} status page", "{person}'s write-up", "the dbt lineage graph",
]

ITEMS = [
    "{imp} {metric} on the {sys} overview dashboard",
    "{imp} the {comp} in {region} and wait for {metric} to settle",
    "**{sys}** — {team}, primary {person}",
    "{person} to {imp_l} the {noun} alerts by {date} ({ticket})",
    "{cfg} raised from {n} to {n2}",
    "{sys} {comp}: {q} at peak, {pct} headroom",
    "Run {cmd} and paste the output into #{channel}",
    "Background reading: {link}",
    "{adjc} {noun} in {sys} during the {date} batch",
    "{region}: {q} provisioned, {q2} used",
    "Confirm {ticket} is closed before {date}",
    "{nounc} — caused {n} pages in {dur}",
    "{imp} {tech} consumer offsets for `{group}`",
    "Owner: {person} ({team})",
    "Rollback: {cmd}",
    "{sys} on {tech} {ver} in {dc}",
    "Budget left: {pct} of the 28-day error budget",
    "{imp} the `{table}` table before the {time} window",
    "{person}: {sentence}",
    "{sentence}",
    "{sentence}",
    "{imp} {link} and check the *{adj}* panels",
    "Cost: {money}/month at {q}",
    "{nounc} on {sys} ({ticket}, {date})",
    "Escalate to {person} if {metric} > {q} for {dur}",
    "Use <kbd>Shift</kbd>+<kbd>{key}</kbd> in the {sys} console to {verb_l} the {idn} view",
    "{imp} `{path}` on every {comp} host",
    "{person} owns the {comp}; {person2} is backup until {date}",
]

SECTION_NAMES = {
    "postmortem": ["Summary", "Impact", "Timeline", "Detection", "Root cause",
                   "Contributing factors", "What went well", "What went poorly",
                   "Where we got lucky", "Action items", "Follow-ups",
                   "Lessons learned", "Customer communication", "Appendix"],
    "handbook": ["Overview", "Before your shift", "Paging policy",
                 "Escalation paths", "Common alerts", "Dashboards", "Runbooks",
                 "Known issues", "Handover checklist", "Tooling",
                 "Access requests", "FAQ", "After an incident"],
    "design": ["Context", "Goals", "Non-goals", "Current architecture",
               "Proposed design", "Data model", "Schema evolution",
               "Backfill strategy", "Failure modes", "Observability", "Cost",
               "Rollout plan", "Open questions", "Alternatives considered"],
    "capacity": ["Executive summary", "Demand forecast", "Current utilization",
                 "Headroom by region", "Storage growth", "Compute", "Network",
                 "Risks", "Recommendations", "Budget impact", "Method"],
    "migration": ["Background", "Scope", "Phases", "Cutover procedure",
                  "Rollback plan", "Data validation", "Communication plan",
                  "Risks and mitigations", "Timeline", "Sign-off", "Runbook"],
    "slo": ["SLO definitions", "Measurement", "Error budget status",
            "Burn rate alerts", "Incidents this quarter", "Toil",
            "Proposed changes", "Decisions", "Dependencies"],
    "vendor": ["Requirements", "Candidates", "Evaluation criteria",
               "Benchmark setup", "Results", "Pricing", "Security review",
               "Support and SLAs", "Recommendation", "Next steps", "Exit plan"],
}
DOC_TAG_PREFIX = {"postmortem": "INC", "handbook": "HB", "design": "RFC",
                  "capacity": "CAP", "migration": "MIG", "slo": "SLO",
                  "vendor": "VEN"}

CODE_COMMENTS = [
    "TODO({pl}): {imp_l} this once {ticket} lands",
    "{sys} returns {n} on timeout, not an error",
    "keep in sync with {cfg} in the {comp} config",
    "the {comp} may hand us duplicates; dedupe on ({c1}, {c2})",
    "fast path: most {idn}s are already {adjid}",
    "see {ticket} for why this is {n} and not {n2}",
    "NOTE({pl}): {tech} {ver} changed the default here",
    "{adjid} {idn}s are rare but do happen after a failover",
    "bounded so a {noun} cannot take the whole pool",
    "do not reorder: the {comp} relies on this sequence",
    "measured at {us}µs per call on the {dc} hosts",
    "retry budget agreed with {team} in {ticket}",
    "FIXME: {adjid} path, {pl} owns the cleanup",
    "{n} is the {region} partition count as of {date}",
]


class _Done(Exception):
    pass


# ----------------------------------------------------------------------------
# Generator
# ----------------------------------------------------------------------------

class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.seen: set[str] = set()
        self.ctr = 0
        self.fallbacks = 0
        self.out: list[str] = []
        self.total = 0
        self.target = 0
        self.finished = False
        self.stats: dict[str, int] = {}
        self.blocks: dict[str, int] = {}
        self.fn_n = 0
        self.ref_n = 0
        self.pending_notes: list[str] = []
        self.pending_refs: list[str] = []
        self.doc_idx = 0
        self.doc_tag = "DOC-0"
        self.doc_type = "postmortem"
        self.doc_sys = "Kestrel"
        base = _dt.date(2023, 1, 2) + _dt.timedelta(days=self.r.randrange(500))
        self.doc_date = base
        self.clock = 0  # minutes since midnight, used by timelines and logs
        self.slots = {
            "sys": self.s_sys, "sys2": self.s_sys, "tech": self.s_tech, "tech2": self.s_tech,
            "comp": self.s_comp, "team": self.s_team, "team2": self.s_team,
            "person": self.person, "person2": self.person, "metric": self.s_metric,
            "cfg": self.s_cfg, "cmd": self.s_cmd, "region": self.s_region,
            "dc": lambda: self.r.choice(DCS), "city": lambda: self.r.choice(CITIES),
            "date": self.s_date, "time": self.s_time, "time2": self.s_time,
            "ticket": self.ticket, "past": lambda: self.r.choice(PAST),
            "imp": lambda: self.r.choice(IMP), "imp_l": lambda: self.r.choice(IMP).lower(),
            "adj": self.s_adj, "adjc": lambda: self.r.choice(ADJ).capitalize(),
            "noun": self.s_noun, "noun2": lambda: self.r.choice(NOUNS),
            "nounc": lambda: self.r.choice(NOUNS).capitalize(),
            "q": self.s_q, "q2": self.s_q, "pct": self.s_pct, "pct2": self.s_pct,
            "dur": self.s_dur, "dur2": self.s_dur, "n": lambda: str(self.r.randint(2, 12)),
            "n2": lambda: str(self.r.randint(13, 64)), "big": self.s_big,
            "ms": lambda: str(self.r.randint(40, 900)), "ms2": lambda: str(self.r.randint(8, 300)),
            "ms3": lambda: str(self.r.randint(900, 4800)), "us": lambda: str(self.r.randint(3, 950)),
            "link": self.s_link, "url": self.url, "vendor": lambda: self.r.choice(VENDORS),
            "money": self.s_money, "ver": self.s_ver, "ver2": self.s_ver,
            "ord": lambda: self.r.choice(["second", "third", "fourth", "fifth"]),
            "val": self.s_val, "trigger": self.s_trigger, "channel": lambda: self.r.choice(CHANNELS),
            "idn": lambda: self.r.choice(NOUN_ID), "table": self.s_table,
            "col": lambda: self.r.choice(SQL_COLS), "err": self.s_err,
            "offset_reset": lambda: self.r.choice(["earliest", "latest"]),
            "state": lambda: self.r.choice(["Stable", "RUNNING", "in-sync", "ACTIVE", "healthy"]),
            "year": lambda: str(self.r.randint(2016, 2022)), "cjk": lambda: self.r.choice(CJK),
            "emoji": lambda: self.r.choice(EMOJI), "key": lambda: self.r.choice("ABDEFGKLPRSTX"),
            "verb_l": lambda: self.r.choice(VERB_ID), "path": self.s_path,
            "group": self.s_group, "sentence": self.s_sentence_short,
            "pl": lambda: self.r.choice(FIRST).lower(), "c1": lambda: self.r.choice(SQL_COLS),
            "c2": lambda: self.r.choice(SQL_COLS), "adjid": lambda: self.r.choice(ADJ_ID),
            "alertname": self.alertname,
            "oncall": lambda: self.r.choice(["on-call engineer", "responder", "primary on-call", "incident commander",
                                             "secondary on-call", "shadow on-call", "night-shift engineer"]),
            "runname": lambda: self.r.choice(["run", "replay", "load test", "backfill", "drill", "canary", "dry run"])
            + " on " + self.s_date(),
            "quickfix": lambda: self.r.choice(["raise the timeout", "add another retry", "double the pool size",
                                               "bump the memory limit", "add a replica", "silence the alert",
                                               "restart it nightly", "raise " + self.s_cfg()]),
        }

    # ------------------------------------------------------------- slot fillers
    def fill(self, t: str) -> str:
        return SLOT_RE.sub(lambda m: self.slots[m.group(1)](), t)

    def s_sys(self):
        s = self.doc_sys if self.r.random() < 0.3 else self.r.choice(SYSTEMS)
        return f"**{s}**" if self.r.random() < 0.05 else s

    def s_tech(self):
        return self.r.choice(TECH)

    def s_comp(self):
        return self.r.choice(COMPONENTS)

    def s_team(self):
        return self.r.choice(TEAMS)

    def person(self):
        r = self.r
        f = r.choice(FIRST)
        x = r.random()
        if x < 0.5:
            return f
        if x < 0.85:
            return f"{f} {r.choice(INITIALS)}."
        return f"{f} {r.choice(LAST)}"

    def s_metric(self):
        m = self.r.choice(METRICS)
        if self.r.random() < 0.3:
            m = self.r.choice(SYSTEMS).lower() + "_" + m
        return f"`{m}`"

    def s_cfg(self):
        return f"`{self.r.choice(CONFIG_KEYS)}`"

    def s_val(self):
        r = self.r
        x = r.random()
        if x < 0.4:
            return f"`{r.choice([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]) * r.randint(1, 12)}`"
        if x < 0.7:
            return f"`{r.randint(1, 90)}{r.choice(['s', 'ms', 'm', 'MB', 'GB', 'h'])}`"
        return f"`{r.choice(['true', 'false', 'all', 'none', 'lz4', 'zstd', 'rocksdb', 'allkeys-lru'])}`"

    def s_region(self):
        return self.r.choice(REGIONS)

    def s_date(self):
        r = self.r
        d = self.doc_date + _dt.timedelta(days=r.randint(-60, 120))
        x = r.random()
        if x < 0.6:
            return d.isoformat()
        if x < 0.85:
            return f"{d.day} {d.strftime('%B')} {d.year}"
        return d.strftime("%b ") + str(d.day)

    def s_time(self):
        r = self.r
        t = f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}"
        return t + " UTC" if r.random() < 0.5 else t

    def ticket(self):
        return f"{self.r.choice(TICKET_PREFIXES)}-{self.r.randint(100, 9999)}"

    def s_adj(self):
        a = self.r.choice(ADJ)
        return f"*{a}*" if self.r.random() < 0.12 else a

    def s_noun(self):
        n = self.r.choice(NOUNS)
        return f"**{n}**" if self.r.random() < 0.04 else n

    def s_q(self):
        r = self.r
        unit, lo, hi = r.choice(UNITS)
        x = r.random()
        if x < 0.2 and unit not in INT_UNITS:
            v = f"{r.uniform(lo, hi):.1f}"
        elif hi > 5000:
            v = f"{r.randint(lo, hi):,}"
        else:
            v = str(r.randint(lo, hi))
        s = f"{v} {unit}" if unit not in ("%",) else f"{v}{unit}"
        return f"**{s}**" if r.random() < 0.05 else s

    def s_pct(self):
        r = self.r
        return f"{r.uniform(0.1, 99.9):.1f}%" if r.random() < 0.6 else f"{r.randint(1, 99)}%"

    def s_dur(self):
        r = self.r
        x = r.random()
        if x < 0.25:
            return f"{r.randint(2, 59)} minutes"
        if x < 0.4:
            return f"{r.randint(2, 36)} hours"
        if x < 0.5:
            return f"{r.randint(1, 9)}h{r.randint(1, 59):02d}m"  # noqa
        if x < 0.65:
            return f"{r.randint(5, 900)} seconds"
        if x < 0.8:
            return f"{r.randint(2, 21)} days"
        if x < 0.9:
            return f"{r.randint(2, 12)} weeks"
        return f"{r.randint(20, 950)} ms"

    def s_big(self):
        return f"{self.r.randint(12_000, 480_000_000):,}"

    def s_money(self):
        r = self.r
        v = r.randint(3, 950) * r.choice([10, 100, 1000])
        x = r.random()
        if x < 0.6:
            return f"${v:,}"
        if x < 0.85:
            return f"€{v:,}"
        return f"£{v:,}"

    def s_ver(self):
        r = self.r
        return f"{r.randint(0, 9)}.{r.randint(0, 40)}.{r.randint(0, 19)}"

    def s_trigger(self):
        return self.fill(self.r.choice(TRIGGERS))

    def s_table(self):
        r = self.r
        return f"{r.choice(SQL_SCHEMAS)}.{r.choice(SYSTEMS).lower()}_{r.choice(NOUN_ID)}s"

    def s_err(self):
        r = self.r
        return r.choice(["ERR_TOO_MANY_REQUESTS", "RESOURCE_EXHAUSTED", "503 Service Unavailable",
                         "NOT_LEADER_FOR_PARTITION", "deadlock detected", "context deadline exceeded",
                         "connection reset by peer", "SlowDown", "429 Too Many Requests",
                         "ECONNREFUSED", "could not serialize access", "UNAVAILABLE"])

    def s_path(self):
        r = self.r
        return r.choice(["/etc/", "/var/lib/", "/opt/", "/srv/", "/var/log/"]) + \
            f"{r.choice(SYSTEMS).lower()}/{r.choice(NOUN_ID)}{r.choice(['.yaml', '.toml', '.conf', '.log', '/', '.json'])}"

    def s_group(self):
        r = self.r
        return f"{r.choice(SYSTEMS).lower()}-{r.choice(NOUN_ID)}-{r.choice(['consumer', 'sink', 'v2', 'replay', 'loader'])}"

    def s_cmd(self):
        r = self.r
        sl = r.choice(SYSTEMS).lower()
        ns = r.choice(["prod", "ingest", "data", "edge", "payments", sl])
        x = r.randrange(16)
        if x == 0:
            c = f"kubectl -n {ns} rollout restart deploy/{sl}-{r.choice(NOUN_ID)}"
        elif x == 1:
            c = f"kubectl drain ip-10-{r.randint(0, 255)}-{r.randint(0, 255)}-{r.randint(1, 254)} --ignore-daemonsets"
        elif x == 2:
            c = f"kafka-consumer-groups --describe --group {self.s_group()}"
        elif x == 3:
            c = f"psql -c 'SELECT pg_cancel_backend({r.randint(1000, 99999)})'"
        elif x == 4:
            c = f"terraform plan -target=module.{sl}_{r.choice(NOUN_ID)}"
        elif x == 5:
            c = f"helm rollback {sl} {r.randint(2, 80)}"
        elif x == 6:
            c = f"aws s3 ls s3://{sl}-{r.choice(NOUN_ID)}s/{r.choice(REGIONS)}/"
        elif x == 7:
            c = f"systemctl restart {sl}-{r.choice(['agent', 'worker', 'exporter', 'proxy'])}"
        elif x == 8:
            c = f"journalctl -u {sl} --since '-{r.randint(5, 90)}m'"
        elif x == 9:
            c = f"opsctl freeze --service {sl} --reason {self.ticket()}"
        elif x == 10:
            c = f"dbt run --select {sl}_{r.choice(NOUN_ID)}s+"
        elif x == 11:
            c = f"airflow dags trigger {sl}_{r.choice(VERB_ID)}_daily"
        elif x == 12:
            c = f"redis-cli -h {sl}-cache-{r.randint(1, 9)} --latency"
        elif x == 13:
            c = f"nodetool -h {sl}-{r.randint(1, 30)} compactionstats"
        elif x == 14:
            c = f"curl -s localhost:{r.randint(8000, 9999)}/healthz"
        else:
            c = f"argocd app sync {sl}-{r.choice(REGIONS)}"
        return f"`{c}`"

    def url(self):
        r = self.r
        slug = "-".join(r.sample(NOUN_ID + VERB_ID, r.randint(2, 4)))
        host = r.choice(URL_HOSTS)
        n = r.randint(10, 99999)
        if host == "github.com":
            return f"https://github.com/example-{r.choice(SYSTEMS).lower()}/{r.choice(NOUN_ID)}-{r.choice(['service', 'infra', 'pipelines', 'tools'])}/{r.choice(['pull', 'issues', 'commit'])}/{n}"
        if host.startswith("grafana"):
            return f"https://{host}/d/{r.getrandbits(32):08x}/{slug}?orgId=1&from=now-{r.randint(1, 72)}h"
        if host.startswith("jira"):
            return f"https://{host}/browse/{self.ticket()}"
        if host.startswith("status"):
            return f"https://{host}/incidents/{r.getrandbits(40):010x}"
        if host.startswith("docs"):
            return f"https://{host}/{r.choice(TECH).lower().replace(' ', '-')}/{self.s_ver()}/{slug}.html"
        if host.startswith("console"):
            return f"https://{host}/{r.choice(REGIONS)}/{r.choice(NOUN_ID)}s/{r.getrandbits(24):06x}"
        if host.startswith("wiki"):
            return f"https://{host}/{r.choice(TEAMS).replace(' ', '')}/{slug}"
        if host.startswith("storage"):
            return f"https://{host}/reports/{self.doc_date.year}/{slug}.pdf"
        return f"https://{host}/{slug}/{n}" + (f"#{r.choice(NOUN_ID)}" if r.random() < 0.3 else "")

    def s_link(self):
        r = self.r
        text = self.fill(r.choice(LINK_TEXTS))
        if r.random() < 0.1 and self.budget_ok():
            self.ref_n += 1
            label = f"{r.choice(['ref', 'doc', 'dash', 'rb'])}-{self.ref_n}"
            title = f' "{self.fill(r.choice(LINK_TEXTS))} ({self.ref_n})"' if r.random() < 0.4 else ""
            self.pending_refs.append(f"[{label}]: {self.url()}{title}")
            return f"[{text}][{label}]"
        return f"[{text}]({self.url()})"

    def budget_ok(self):
        return self.target - self.total > 4000

    # ---------------------------------------------------------------- sentences
    def sentence(self, tmpl: str | None = None) -> str:
        r = self.r
        s = self.fill(tmpl or r.choice(GENERAL))
        x = r.random()
        if x < 0.14:
            first, _, rest = s.partition(" ")
            if first in CAPS_START:
                s = self.fill(r.choice(OPENERS)) + first.lower() + " " + rest
        elif x < 0.26 and s.endswith(".") and not s.endswith(".m."):
            s = s[:-1] + self.fill(r.choice(TAILS)) + "."
        if r.random() < 0.025 and self.budget_ok():
            self.fn_n += 1
            label = str(self.fn_n) if r.random() < 0.7 else f"note-{self.fn_n}"
            s += f"[^{label}]"
            self.pending_notes.append(f"[^{label}]: {self.fill(r.choice(GENERAL))}")
        return s

    def s_sentence_short(self):
        # a sentence for list items without footnotes
        return self.fill(self.r.choice(GENERAL))

    # ------------------------------------------------------------- uniqueness
    def u(self, line: str, mode: str, lang: str | None = None):
        if line not in self.seen:
            self.seen.add(line)
            return line
        if is_syntax_line(line):
            return line
        if mode == "opt":
            return None
        self.fallbacks += 1
        while True:
            cand = self.mutate(line, mode, lang)
            if cand not in self.seen:
                self.seen.add(cand)
                return cand

    def fb_ticket(self):
        self.ctr += 1
        return f"{self.r.choice(TICKET_PREFIXES)}-{10000 + self.ctr}"

    def fb_comment(self):
        r = self.r
        t = self.fb_ticket()
        return r.choice([t, f"see {t}", f"changed in {t}", f"per {r.choice(FIRST)} ({t})",
                         f"rev {t}", f"added for {t}"])

    def mutate(self, line: str, mode: str, lang: str | None) -> str:
        if mode == "heading":
            cand = f"{line} ({self.doc_tag})"
            if cand not in self.seen:
                return cand
            return f"{line} ({self.doc_tag}, {self.fb_ticket()})"
        if mode == "table":
            return line[:-1].rstrip() + f" ({self.fb_ticket()}) |"
        if mode == "code":
            return self.mutate_code(line, lang)
        # prose / list item / quote
        trail = ""
        body = line
        if body.endswith("  "):
            trail, body = "  ", body[:-2]
        elif body.endswith("\\"):
            trail, body = "\\", body[:-1]
        t = f" ({self.fb_ticket()})"
        if body.endswith(".") and not body.endswith(".."):
            return body[:-1] + t + "." + trail
        return body + t + trail

    def mutate_code(self, line: str, lang: str | None) -> str:
        r = self.r
        if lang == "json":
            s = line.lstrip()
            ind = line[: len(line) - len(s)]
            key = r.choice(["rev", "seq", "gen", "epoch_id", "trace_n"])
            if s.startswith('"') and '":' in s:
                return f'{ind}"{key}": {10000 + self._bump()}, {s}'
            return f'{ind}"{self.fb_ticket()}", {s}'
        if lang == "mermaid":
            if "-->" in line and "|" not in line:
                return line.replace("-->", f"-->|{r.choice(['step', 'retry', 'batch', 'hop'])} {self._bump()}|", 1)
            if line.endswith(("]", ")", "}")):
                return line[:-1] + f" {self._bump()}" + line[-1]
            return line + f" ({self.fb_ticket()})"
        if lang in ("go", "rust", "javascript"):
            return f"{line} // {self.fb_comment()}"
        if lang == "sql":
            return f"{line} -- {self.fb_comment()}"
        if lang == "ini":
            return f"{line} ; {self.fb_comment()}"
        if line.endswith("\\"):
            body = line[:-1].rstrip()
            if body.endswith(";"):
                return body + f" : {self.fb_ticket().lower()}; \\"
            return body + f" && : {self.fb_ticket().lower()} \\"
        if lang == "dockerfile" and line.startswith(("COPY ", "ADD ")):
            uid = 1000 + self._bump()
            return f"{line[:4]} --chown={uid}:{uid}{line[4:]}"
        return f"{line}  # {self.fb_comment()}"

    def _bump(self):
        self.ctr += 1
        return self.ctr

    # ------------------------------------------------------------------ output
    def emit(self, kind: str, lines: list[str]):
        text = "\n".join(lines) + "\n"
        if self.out:
            text = "\n" + text
        self.out.append(text)
        b = len(text.encode("utf-8"))
        self.total += b
        self.stats[kind] = self.stats.get(kind, 0) + b
        self.blocks[kind] = self.blocks.get(kind, 0) + 1
        if not self.finished and self.total >= self.target:
            raise _Done()

    def fin(self, pairs, mode="prose"):
        """pairs: list of str (mode default) or None (blank) or (str, mode)."""
        out = []
        for p in pairs:
            if p is None:
                out.append("")
                continue
            if isinstance(p, tuple):
                line, m = p
            else:
                line, m = p, mode
            res = self.u(line, m)
            if res is not None:
                out.append(res)
        return out

    # ------------------------------------------------------------------ wrapping
    @staticmethod
    def risky(w: str) -> bool:
        if not w:
            return True
        c = w[0]
        if c in "#>|<=":
            return True
        if w in ("-", "+", "*", "--", "---"):
            return True
        if w.startswith(("```", "~~~", "[^")):
            return True
        return bool(RISKY_NUM_RE.match(w))

    def wrap(self, text: str, width: int, first: str = "", cont: str = "") -> list[str]:
        words = text.split(" ")
        lines = []
        cur = first + words[0]
        base = len(cont)
        for w in words[1:]:
            if len(cur) + 1 + len(w) > width and len(cur) > base + 10 and not self.risky(w):
                lines.append(cur)
                cur = cont + w
            else:
                cur += " " + w
        lines.append(cur)
        return lines

    # ---------------------------------------------------------------- paragraph
    def para_text(self, nsent: int) -> list[str]:
        return [self.sentence(t) for t in self.r.sample(GENERAL, nsent)]

    def paragraph_lines(self, sents: list[str], first="", cont="", allow_long=True):
        r = self.r
        text = " ".join(sents)
        x = r.random()
        if len(sents) > 1 and x < 0.04:
            # hard line breaks between sentences
            out = []
            for i, s in enumerate(sents):
                p = first if i == 0 else cont
                if i < len(sents) - 1:
                    s += "  " if r.random() < 0.6 else "\\"
                out.append(p + s)
            return out
        if allow_long and 280 <= len(text) <= 950 and x < 0.5:
            return [first + text]
        if allow_long and len(text) < 280 and x < 0.3:
            return [first + text]
        return self.wrap(text, r.randint(72, 80), first, cont)

    def block_paragraph(self):
        r = self.r
        n = r.choices(range(1, 9), weights=[10, 14, 18, 17, 14, 11, 9, 7])[0]
        self.emit("paragraph", self.fin(self.paragraph_lines(self.para_text(n))))

    # ------------------------------------------------------------------ headings
    def heading(self, level: int, title: str, kind="heading"):
        r = self.r
        if level <= 2 and r.random() < 0.04:
            line = self.u(title, "heading")
            self.emit(kind, [line, ("=" if level == 1 else "-") * max(3, min(len(line), r.randint(3, 60)))])
            return
        self.emit(kind, [self.u("#" * level + " " + title, "heading")])

    def section_title(self, name: str) -> str:
        r = self.r
        x = r.random()
        if x < 0.5:
            return name
        if x < 0.62:
            return f"{name} — {self.doc_sys}"
        if x < 0.72:
            return f"{name} ({self.s_date()})"
        if x < 0.8:
            return f"{r.randint(1, 9)}. {name}"
        if x < 0.88:
            return f"{name} for the {r.choice(COMPONENTS)}"
        return f"{name}: {r.choice(ADJ)} {r.choice(NOUNS)}"

    def sub_title(self) -> str:
        r = self.r
        x = r.randrange(14)
        if x == 0:
            return f"Phase {r.randint(1, 6)}: {r.choice(VERB_ID)} the {r.choice(COMPONENTS)}"
        if x == 1:
            return f"{r.choice(SYSTEMS)} {r.choice(COMPONENTS)}"
        if x == 2:
            return f"Option {r.choice('ABCDE')}: {r.choice(ADJ)} {r.choice(NOUNS)}"
        if x == 3:
            return f"Step {r.randint(1, 12)} — {r.choice(IMP).lower()} the {r.choice(COMPONENTS)}"
        if x == 4:
            return f"{r.choice(REGIONS)} cluster"
        if x == 5:
            return f"Alert: `{r.choice(SYSTEMS)}{r.choice(NOUN_ID).capitalize()}{r.choice(['LagHigh', 'ErrorsHigh', 'Down', 'DiskFull', 'Stuck', 'BurnRate'])}`"
        if x == 6:
            return f"Q{r.randint(1, 4)} {self.doc_date.year} {r.choice(['review', 'numbers', 'forecast', 'retro'])}"
        if x == 7:
            return f"Why not {r.choice(TECH)}?"
        if x == 8:
            return f"{r.choice(NOUNS).capitalize()} in {r.choice(SYSTEMS)}"
        if x == 9:
            return f"{r.choice(TEAMS)} notes"
        if x == 10:
            return f"`{r.choice(CONFIG_KEYS)}`"
        if x == 11:
            return f"{r.choice(CITIES)} ({r.choice(DCS)})"
        if x == 12:
            return f"{self.s_date()} {r.choice(['load test', 'game day', 'failover drill', 'cutover rehearsal'])}"
        return f"{r.choice(IMP)} {r.choice(ADJ)} {r.choice(NOUN_ID)}s"

    # --------------------------------------------------------------------- lists
    def item_text(self, task=False) -> str:
        r = self.r
        if task:
            t = f"{self.person()}: {self.fill(r.choice(['{imp_l} the {comp} in {region}', '{imp_l} {metric} alerting', 'write up the {noun} findings', '{imp_l} {tech} to {ver}', 'add a runbook entry for {ticket}', 'schedule the {sys} game day', '{imp_l} {cfg} on {sys}']))} by {self.s_date()}"
            if r.random() < 0.5:
                t += f" ({self.ticket()})"
            return t
        return self.fill(r.choice(ITEMS))

    def list_lines(self, depth=0, max_depth=2, indent="", kind=None) -> list:
        r = self.r
        if kind is None:
            kind = r.choices(["bullet", "ordered", "task"], weights=[60, 28, 12])[0]
        marker = r.choice(["-", "-", "*", "+"])
        delim = "." if r.random() < 0.85 else ")"
        start = 1 if depth or r.random() < 0.85 else r.randint(2, 9)
        n = r.randint(2, 7) if depth == 0 else r.randint(1, 4)
        loose = depth == 0 and r.random() < 0.12
        out = []
        for i in range(n):
            if kind == "ordered":
                m = f"{start + i}{delim} "
            elif kind == "task":
                m = f"{marker} [{'x' if r.random() < 0.45 else ' '}] "
            else:
                m = f"{marker} "
            text = self.item_text(task=(kind == "task"))
            pad = " " * (len(m) if kind != "task" else len(marker) + 1)
            if len(text) > 90 and r.random() < 0.5:
                out.extend(self.wrap(text, r.randint(72, 80), indent + m, indent + pad))
            else:
                out.append(indent + m + text)
            if depth < max_depth and r.random() < (0.22 if depth == 0 else 0.12):
                sub_kind = r.choice(["bullet", "bullet", "ordered", "task"])
                out.extend(self.list_lines(depth + 1, max_depth, indent + pad, sub_kind))
            elif depth == 0 and r.random() < 0.06:
                out.append(None)
                out.extend(self.wrap(self.sentence(), 76, indent + pad, indent + pad))
            if loose and i < n - 1:
                out.append(None)
        return out

    def block_list(self):
        self.emit("list", self.fin(self.list_lines(max_depth=self.r.choice([0, 1, 1, 2, 2]))))

    # --------------------------------------------------------------------- quotes
    def block_quote(self):
        r = self.r
        x = r.random()
        lines = []
        if x < 0.3:
            lines += self.paragraph_lines(self.para_text(r.randint(1, 3)), allow_long=False)
            lines.append(f"— {self.person()}, #{r.choice(CHANNELS)}, {self.s_date()}")
            lines = [l for l in lines]
            lines.insert(-1, None)
        elif x < 0.55:
            label = r.choice(["**Note:**", "**Warning:**", "**Important:**", "**Tip:**", "**Caution:**", "⚠️ **Heads-up:**"])
            lines += self.paragraph_lines([label + " " + self.sentence()] + self.para_text(r.randint(0, 2)), allow_long=False)
        elif x < 0.8:
            for k in range(r.randint(2, 3)):
                if k:
                    lines.append(None)
                lines += self.paragraph_lines(self.para_text(r.randint(1, 4)), allow_long=r.random() < 0.5)
        else:
            lines += self.paragraph_lines(self.para_text(r.randint(1, 2)), allow_long=False)
            lines.append(None)
            lines += self.list_lines(max_depth=1)
        out = []
        for l in lines:
            if l is None:
                out.append(">")
            else:
                out.append(self.u("> " + l, "prose"))
        self.emit("quote", out)

    # --------------------------------------------------------------------- tables
    def block_table(self):
        r = self.r
        kind = r.randrange(10)
        nrows = r.randint(2, 12)
        cols: list[tuple[str, str, callable]] = []  # (header, align, cell fn)
        sysname = lambda: r.choice(SYSTEMS)
        if kind == 0:
            cols = [("Region", "l", lambda: r.choice(REGIONS)), ("Current", "r", self.s_q),
                    ("Peak", "r", self.s_q), ("Provisioned", "r", self.s_q),
                    ("Headroom", "r", self.s_pct), ("Action", "l", lambda: self.fill("{imp} {n} nodes"))]
        elif kind == 1:
            cols = [("SLO", "l", lambda: f"{sysname()} {r.choice(['availability', 'latency', 'freshness', 'correctness'])}"),
                    ("Target", "r", lambda: f"{r.choice(['99.9', '99.95', '99.5', '99.99', '99'])}%"),
                    ("Actual (28d)", "r", lambda: f"{r.uniform(98, 100):.3f}%"),
                    ("Budget left", "r", self.s_pct),
                    ("Status", "c", lambda: r.choice(["✅ ok", "⚠️ at risk", "❌ breached", "ok", "watch", "burning"]))]
        elif kind == 2:
            cols = [("Time (UTC)", "l", self.timeline_time), ("Event", "l", lambda: self.fill(r.choice([
                "{sys} {comp} {past}", "Page fired for `{alertname}`", "{person} acknowledged",
                "{imp} the {comp} in {region}", "Rolled back to {ver}", "Status page updated ({link})",
                "{metric} back under {q}", "Incident declared, {person} as IC"]))),
                    ("Who", "l", self.person)]
        elif kind == 3:
            cols = [("Component", "l", lambda: f"{sysname()} {r.choice(COMPONENTS)}"), ("Team", "l", self.s_team),
                    ("Primary", "l", self.person), ("Secondary", "l", self.person),
                    ("Runbook", "l", lambda: f"[{r.choice(['runbook', 'docs', 'playbook', 'wiki'])}]({self.url()})")]
        elif kind == 4:
            vs = r.sample(VENDORS, r.randint(2, 4))
            cols = [("Criterion", "l", lambda: r.choice(["Price per TB", "p99 ingest latency", "SSO/SCIM", "Data residency",
                                                       "Support SLA", "Retention", "Terraform provider", "Query language",
                                                       "Egress fees", "SOC 2 report", "On-prem agent", "API rate limits"]) + f" ({r.choice(REGIONS)})")]
            for v in vs:
                cols.append((v, "c", lambda: r.choice([self.s_money(), self.s_q(), "yes", "no", "partial", "roadmap", self.s_pct(), f"{r.randint(1, 5)}/5", "✅", "❌"])))
        elif kind == 5:
            cols = [("Setting", "l", self.s_cfg), ("Before", "r", self.s_val), ("After", "r", self.s_val),
                    ("Why", "l", lambda: self.fill(r.choice(["{noun} in {sys}", "see {ticket}", "matches {tech} {ver} default", "{person} asked"])))]
        elif kind == 6:
            cols = [("ID", "l", self.ticket), ("Action", "l", lambda: self.fill("{imp} the {comp} for {sys}")),
                    ("Owner", "l", self.person), ("Due", "c", self.s_date),
                    ("Status", "c", lambda: r.choice(["open", "done", "in progress", "blocked", "won't do"]))]
        elif kind == 7:
            cols = [("Alert", "l", lambda: f"`{self.alertname()}`"), ("Severity", "c", lambda: r.choice(["page", "ticket", "info", "P1", "P2", "P3"])),
                    ("Threshold", "r", lambda: f"{self.s_metric()} > {self.s_q()}"), ("For", "r", lambda: f"{r.randint(1, 30)}m"),
                    ("Runbook", "l", self.s_link)]
        elif kind == 8:
            cols = [("Phase", "l", lambda: f"{r.randint(0, 9)}. {r.choice(VERB_ID)} {r.choice(NOUN_ID)}s"), ("Scope", "l", lambda: self.fill("{sys} {comp}")),
                    ("Start", "c", self.s_date), ("End", "c", self.s_date),
                    ("Rollback", "l", lambda: r.choice(["flag flip", "re-point DNS", "restore snapshot", "replay from offsets", "n/a", self.s_cmd()]))]
        else:
            cols = [("Scenario", "l", lambda: self.fill("{adj} {idn} load, {n} clients")), ("Throughput", "r", self.s_q),
                    ("p50", "r", lambda: f"{r.randint(1, 90)} ms"), ("p99", "r", lambda: f"{r.randint(90, 2400)} ms"),
                    ("Errors", "r", self.s_pct), ("Notes", "l", lambda: self.fill(r.choice(["{noun}", "with {cfg} = {val}", "{tech} {ver}", ""])))]
        ncols = r.randint(2, min(6, len(cols)))
        if kind in (4,):
            cols = cols[: max(2, len(cols))][:6]
        else:
            keep = [0] + sorted(r.sample(range(1, len(cols)), ncols - 1))
            cols = [cols[i] for i in keep]
        if kind == 2:
            self.clock = r.randint(0, 20 * 60)
        headers = [h for h, _, _ in cols]
        rows = [[fn() for _, _, fn in cols] for _ in range(nrows)]
        use_align = r.random() < 0.6
        pretty = r.random() < 0.5
        widths = [max(len(h), *(len(c) for c in col)) for h, col in zip(headers, zip(*rows))]

        def delim(a, w):
            dl = max(3, w if pretty else r.randint(3, 5))
            if not use_align or a == "n":
                return "-" * dl
            if a == "l":
                return ":" + "-" * (dl - 1) if r.random() < 0.5 else "-" * dl
            if a == "r":
                return "-" * (dl - 1) + ":"
            return ":" + "-" * max(1, dl - 2) + ":"

        def row(cells):
            if pretty:
                return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
            return "| " + " | ".join(cells) + " |"

        out = [self.u(row(headers), "table"),
               "|" + "|".join(f" {delim(a, w)} " if pretty else delim(a, w) for (_, a, _), w in zip(cols, widths)) + "|"]
        for cells in rows:
            out.append(self.u(row(cells), "table"))
        self.emit("table", out)

    def timeline_time(self):
        self.clock += self.r.randint(1, 40)
        return f"{(self.clock // 60) % 24:02d}:{self.clock % 60:02d}"

    def alertname(self):
        r = self.r
        return f"{r.choice(SYSTEMS)}{r.choice(NOUN_ID).capitalize()}{r.choice(['LagHigh', 'ErrorsHigh', 'Down', 'DiskFull', 'Stuck', 'BurnRateFast', 'BurnRateSlow', 'Saturated', 'Missing', 'Flapping'])}"

    # ------------------------------------------------------------- small blocks
    def block_rule(self):
        self.emit("other", [self.r.choice(["---", "---", "***", "___", "* * *", "- - -"])])

    def block_comment(self):
        r = self.r
        t = self.fill(r.choice(["TODO({pl}): refresh these numbers after the {date} load test ({ticket})",
                                "owner: {team}; last reviewed {date}; source {ticket}",
                                "generated section, do not edit by hand: {path}",
                                "{person} asked to keep this until {date}",
                                "numbers pulled from {metric} on {date} at {time}"]))
        if r.random() < 0.6:
            self.emit("other", [self.u(f"<!-- {t} -->", "prose")])
        else:
            self.emit("other", ["<!--", self.u(t, "prose"), "-->"])

    def flush_notes(self):
        if self.pending_notes:
            lines = []
            for i, n in enumerate(self.pending_notes):
                if i:
                    lines.append(None)
                lines.append(n)
            self.pending_notes = []
            self.emit("other", self.fin(lines))
        if self.pending_refs:
            refs, self.pending_refs = self.pending_refs, []
            self.emit("other", self.fin(refs))

    # ----------------------------------------------------------------- code
    def ident(self, style="snake"):
        r = self.r
        x = r.random()
        if x < 0.35:
            parts = [r.choice(VERB_ID), r.choice(NOUN_ID)]
        elif x < 0.6:
            parts = [r.choice(ADJ_ID), r.choice(NOUN_ID)]
        elif x < 0.8:
            parts = [r.choice(NOUN_ID), r.choice(NOUN_SUFFIX).split("_")[0]]
        else:
            parts = [r.choice(VERB_ID), r.choice(ADJ_ID), r.choice(NOUN_ID)]
        if style == "snake":
            return "_".join(parts)
        if style == "camel":
            return parts[0] + "".join(p.capitalize() for p in parts[1:])
        return "".join(p.capitalize() for p in parts)

    def var(self):
        r = self.r
        x = r.random()
        if x < 0.3:
            return f"{r.choice(ADJ_ID)}_{r.choice(NOUN_ID)}s"
        if x < 0.6:
            return f"{r.choice(NOUN_ID)}_{r.choice(NOUN_SUFFIX)}"
        if x < 0.8:
            return f"{r.choice(NOUN_ID)}s"
        return f"{r.choice(ADJ_ID)}_{r.choice(NOUN_ID)}_{r.choice(NOUN_SUFFIX)}"

    def camel_var(self):
        v = self.var().split("_")
        return v[0] + "".join(p.capitalize() for p in v[1:])

    def type_name(self):
        r = self.r
        pre = r.choice(NOUN_ID).capitalize()
        if r.random() < 0.3:
            pre = r.choice(ADJ_ID).capitalize() + pre
        return pre + r.choice(TYPE_SUFFIX)

    def const_name(self):
        r = self.r
        return f"{r.choice(['MAX', 'DEFAULT', 'MIN', 'BATCH', 'FLUSH', 'RETRY', 'LEASE', 'SCAN'])}_{r.choice(NOUN_ID).upper()}_{r.choice(['SIZE', 'LIMIT', 'TIMEOUT_S', 'INTERVAL', 'ATTEMPTS', 'BYTES', 'WINDOW', 'COUNT'])}"

    def comment_text(self):
        return self.fill(self.r.choice(CODE_COMMENTS))

    def logmsg(self, nargs):
        r = self.r
        parts = [r.choice(LOG_WORDS), "%d" if nargs else str(r.randint(2, 500)),
                 f"{r.choice(NOUN_ID)}s"]
        if nargs > 1:
            parts += [r.choice(["for", "from", "in", "on"]), "%s"]
        if r.random() < 0.4:
            parts += [r.choice(["after", "before", "during"]), r.choice(["rebalance", "flush", "compaction", "failover", "restart", "cutover"])]
        return " ".join(parts)

    # python ------------------------------------------------------------
    def py_import(self):
        r = self.r
        x = r.random()
        if x < 0.45:
            mod, names = r.choice(PY_FROM)
            return f"from {mod} import {', '.join(sorted(r.sample(names, r.randint(1, min(3, len(names))))))}"
        if x < 0.7:
            return "import " + r.choice(PY_MODS)
        if x < 0.9:
            return f"from {r.choice(SYSTEMS).lower()}.{r.choice(PY_SUBMODS)} import {self.type_name()}"
        m = r.choice(PY_MODS)
        return f"import {m} as {m[:2]}{r.choice(NOUN_ID)[:3]}"

    def py_val(self, ctx):
        r = self.r
        x = r.random()
        if x < 0.25:
            return str(r.randint(0, 5000))
        if x < 0.4:
            return f"{r.uniform(0, 120):.2f}"
        if x < 0.6:
            return f'"{r.choice(NOUN_ID)}-{r.choice(ADJ_ID)}"'
        if x < 0.7:
            return r.choice(["None", "True", "False"])
        if ctx["vars"]:
            return r.choice(ctx["vars"])
        return str(r.randint(1, 99))

    def py_args(self, ctx):
        r = self.r
        args = []
        for _ in range(r.randint(0, 3)):
            if r.random() < 0.5 and ctx["vars"]:
                args.append(r.choice(ctx["vars"]))
            else:
                args.append(f"{r.choice(ATTRS)}={self.py_val(ctx)}")
        args.sort(key=lambda a: "=" in a)
        return ", ".join(args)

    def py_obj(self, ctx):
        r = self.r
        if ctx["self"] and ctx["attrs"] and r.random() < 0.6:
            return "self._" + r.choice(ctx["attrs"])
        return r.choice(["client", "store", "conn", "session", "s3", "producer", "cache",
                         "registry", "tracer", "pool", "kafka", "warehouse", "ledger"])

    def py_expr(self, ctx):
        r = self.r
        v = r.choice(ctx["vars"]) if ctx["vars"] else self.var()
        x = r.random()
        it = r.choice(NOUN_ID)[:1] if r.random() < 0.3 else r.choice(NOUN_ID)
        if x < 0.22:
            return f"{self.py_obj(ctx)}.{r.choice(VERB_ID)}_{r.choice(NOUN_ID)}s({self.py_args(ctx)})"
        if x < 0.3:
            return f"len({v})"
        if x < 0.37:
            return f'{v}.get("{r.choice(ATTRS)}", {self.py_val(ctx)})'
        if x < 0.46:
            return f"[{it} for {it} in {v} if {it}.{r.choice(ATTRS)}]"
        if x < 0.51:
            return f"time.monotonic() - {v}"
        if x < 0.58:
            return f"{self.type_name()}({r.choice(ATTRS)}={self.py_val(ctx)}, {r.choice(ATTRS)}={v})"
        if x < 0.65:
            return f"sum({it}.{r.choice(ATTRS)} for {it} in {v})"
        if x < 0.7:
            return f'int(os.environ.get("{r.choice(SYSTEMS).upper()}_{r.choice(NOUN_ID).upper()}_{r.choice(["LIMIT", "WORKERS", "TIMEOUT", "BATCH"])}", "{r.randint(1, 900)}"))'
        if x < 0.76:
            return f"{r.choice(['min', 'max'])}({v}, {self.const_name()})"
        if x < 0.82:
            return r.choice([f"{v} * {r.randint(2, 64)}", f"{v} // {r.randint(2, 16)}", f"round({v} / {r.randint(2, 1000)}, {r.randint(1, 4)})"])
        if x < 0.88:
            return "{" + f'"{r.choice(ATTRS)}": {v}, "{r.choice(NOUN_ID)}": {self.py_val(ctx)}' + "}"
        if x < 0.94:
            return f"{v}.{r.choice(ATTRS)}"
        return f'f"{{{v}}}-{r.choice(NOUN_ID)}-{{{r.choice(ctx["vars"]) if ctx["vars"] else r.randint(0, 9)}}}"'

    def py_cond(self, ctx):
        r = self.r
        v = r.choice(ctx["vars"]) if ctx["vars"] else self.var()
        return r.choice([f"{v} is None", f"not {v}", f"{v} > {self.const_name()}",
                         f'{v}.{r.choice(ATTRS)} == "{r.choice(ADJ_ID)}"', f"len({v}) >= {r.randint(2, 10000)}",
                         f"isinstance({v}, {self.type_name()})", f"{v} and {v}.{r.choice(ATTRS)} < {r.randint(0, 500)}",
                         f"{v} in {r.choice(ctx['vars']) if ctx['vars'] else 'seen'}"])

    def py_log(self, ctx, pad):
        r = self.r
        n = r.randint(0, 2)
        args = [r.choice(ctx["vars"]) if ctx["vars"] else str(r.randint(1, 9)) for _ in range(n)]
        if n >= 1:
            args[0] = f"len({args[0]})"
        level = r.choice(["info", "debug", "warning", "info", "error"])
        a = "".join(", " + x for x in args)
        return f'{pad}log.{level}("{self.logmsg(n)}"{a})'

    def py_simple(self, ctx, pad, in_loop):
        r = self.r
        x = r.random()
        if x < 0.25:
            return [f"{pad}return {self.py_expr(ctx)}"]
        if x < 0.4:
            return [f'{pad}raise {r.choice(["ValueError", "RuntimeError", self.type_name()])}(f"{r.choice(NOUN_ID)} {{{r.choice(ctx["vars"]) if ctx["vars"] else "key"}!r}} is {r.choice(ADJ_ID)}")']
        if x < 0.6:
            return [self.py_log(ctx, pad)]
        if in_loop and x < 0.72:
            return [pad + r.choice(["continue", "break"])]
        v = self.var()
        ctx["vars"].append(v)
        return [f"{pad}{v} = {self.py_expr(ctx)}"]

    def py_stmts(self, ctx, pad, n, depth, in_loop=False):
        r = self.r
        out = []
        for _ in range(n):
            x = r.random()
            if depth < 2 and x < 0.16:
                out.append(f"{pad}if {self.py_cond(ctx)}:")
                out += self.py_simple(ctx, pad + "    ", in_loop)
                if r.random() < 0.3:
                    out.append(f"{pad}elif {self.py_cond(ctx)}:" if r.random() < 0.4 else f"{pad}else:")
                    out += self.py_simple(ctx, pad + "    ", in_loop)
            elif depth < 2 and x < 0.28:
                it = r.choice(NOUN_ID)
                coll = r.choice(ctx["vars"]) if ctx["vars"] else self.var()
                out.append(r.choice([f"{pad}for {it} in {coll}:", f"{pad}for i, {it} in enumerate({coll}):",
                                     f"{pad}for {it}_key, {it} in {coll}.items():",
                                     f"{pad}for {it} in sorted({coll}, key=lambda x: x.{r.choice(ATTRS)}):"]))
                ctx["vars"].append(it)
                out += self.py_stmts(ctx, pad + "    ", r.randint(1, 3), depth + 1, True)
            elif depth < 1 and x < 0.34:
                out.append(f"{pad}try:")
                out += self.py_stmts(ctx, pad + "    ", r.randint(1, 2), depth + 1, in_loop)
                exc = r.choice(PY_EXC)
                exc2 = r.choice([e for e in PY_EXC if e != exc])
                out.append(f"{pad}except {exc} as {r.choice(['exc', 'err', 'e'])}:" if r.random() < 0.7 else f"{pad}except ({exc}, {exc2}):")
                out.append(self.py_log(ctx, pad + "    "))
                out.append(f"{pad}    " + r.choice(["raise", f"return {self.py_val(ctx)}", f"{self.var()} = None"]))
            elif depth < 1 and x < 0.39:
                h = r.choice(["fh", "cur", "span", "tmp", "lock_ctx", "tx", "batch_ctx"])
                out.append(r.choice([f'{pad}with open({self.py_val(ctx)}, "{r.choice(["rb", "w", "a"])}") as {h}:',
                                     f"{pad}with {self.py_obj(ctx)}.cursor() as {h}:",
                                     f'{pad}with tracer.start_as_current_span("{r.choice(VERB_ID)}.{r.choice(NOUN_ID)}") as {h}:',
                                     f"{pad}with {self.py_obj(ctx)}.transaction(isolation=\"{r.choice(['serializable', 'repeatable_read', 'read_committed'])}\") as {h}:"]))
                ctx["vars"].append(h)
                out += self.py_stmts(ctx, pad + "    ", r.randint(1, 3), depth + 1, in_loop)
            elif x < 0.5:
                out.append(self.py_log(ctx, pad))
            elif x < 0.55:
                out.append(f"{pad}# {self.comment_text()}")
            elif x < 0.6 and ctx["self"] and ctx["attrs"]:
                out.append(f"{pad}self._{r.choice(ctx['attrs'])} = {self.py_expr(ctx)}")
            else:
                v = self.var()
                out.append(f"{pad}{v} = {self.py_expr(ctx)}")
                ctx["vars"].append(v)
        return out

    def py_function(self, pad, method=False, attrs=None, is_async=False):
        r = self.r
        ctx = {"vars": [], "self": method, "attrs": attrs or []}
        name = self.ident("snake")
        if r.random() < 0.15:
            name = "_" + name
        params = []
        for _ in range(r.randint(0, 3)):
            p = self.var()
            if p in ctx["vars"]:
                continue
            ctx["vars"].append(p)
            t = r.choice(["int", "str", "float", "bool", "bytes", "list[str]", "dict[str, int]",
                          "Sequence[" + self.type_name() + "]", self.type_name(), "Path", "timedelta"])
            if r.random() < 0.3:
                params.append(f"{p}: {t} = {self.py_val({'vars': []})}")
            else:
                params.insert(0, f"{p}: {t}")
        if method:
            params.insert(0, "self")
        ret = r.choice(["None", "int", "bool", "list[str]", self.type_name(), "dict[str, Any]", "Iterator[" + self.type_name() + "]"])
        out = []
        if r.random() < 0.2:
            out.append(pad + r.choice([f"@retry(stop=stop_after_attempt({r.randint(2, 9)}), wait=wait_exponential(max={r.randint(5, 120)}))",
                                       f"@lru_cache(maxsize={r.choice([128, 256, 1024, 4096]) * r.randint(1, 8)})",
                                       f'@task(retries={r.randint(0, 5)}, retry_delay=timedelta(minutes={r.randint(1, 30)}))']))
        out.append(f"{pad}{'async ' if is_async else ''}def {name}({', '.join(params)}) -> {ret}:")
        if r.random() < 0.6:
            out.append(f'{pad}    """{r.choice(VERB_ID).capitalize()} {r.choice(ADJ_ID)} {r.choice(NOUN_ID)}s from the {r.choice(COMPONENTS)}{r.choice(["", " and " + r.choice(VERB_ID) + " them", " in " + r.choice(["order", "batches", "parallel"])])}."""')
        out += self.py_stmts(ctx, pad + "    ", r.randint(2, 6), 0)
        if ret != "None":
            out.append(f"{pad}    return {self.py_expr(ctx)}")
        return out, name

    def code_python(self):
        r = self.r
        L = []
        if r.random() < 0.6:
            for _ in range(r.randint(1, 4)):
                L.append("\x00" + self.py_import())
            L.append("")
        style = r.random()
        if style < 0.45:
            if r.random() < 0.4:
                L.append(f"{self.const_name()} = {r.choice([str(r.randint(2, 10000)), f'{r.uniform(0.5, 90):.1f}', repr(r.choice(SYSTEMS).lower() + '-' + r.choice(NOUN_ID))])}")
                L += ["", ""]
            for i in range(r.randint(1, 2)):
                if i:
                    L += ["", ""]
                fn, _ = self.py_function("", is_async=r.random() < 0.15)
                L += fn
        elif style < 0.8:
            T = self.type_name()
            attrs = list(dict.fromkeys(r.choice(NOUN_ID) + "_" + r.choice(NOUN_SUFFIX) for _ in range(r.randint(2, 4))))
            if r.random() < 0.4:
                L.append("\x00@dataclass" + r.choice(["", "(frozen=True)", "(slots=True)", "(frozen=True, slots=True)"]))
                L.append(f"class {T}:")
                L.append(f'    """{r.choice(["State for", "Result of", "Config for", "One unit of work for"])} the {r.choice(SYSTEMS)} {r.choice(COMPONENTS)}."""')
                L.append("")
                for a in attrs:
                    L.append(f"    {a}: {r.choice(['int', 'str', 'float', 'bool', 'datetime', 'list[str]'])} = {r.choice([str(r.randint(0, 900)), 'None', 'field(default_factory=list)', repr(r.choice(NOUN_ID))])}")
                ctx_attrs = []
            else:
                base = r.choice(["", "", f"({r.choice(['Protocol', 'Exception', 'threading.Thread', self.type_name()])})"])
                L.append(f"class {T}{base}:")
                L.append(f'    """{third(r.choice(VERB_ID)).capitalize()} {r.choice(NOUN_ID)}s for {r.choice(TEAMS)} ({self.ticket()})."""')
                L.append("")
                args = ", ".join(f"{a}: {r.choice(['int', 'str', 'float', self.type_name()])}" for a in attrs)
                L.append(f"    def __init__(self, {args}) -> None:")
                for a in attrs:
                    L.append(f"        self._{a} = {a}")
                ctx_attrs = attrs
            for _ in range(r.randint(1, 2)):
                L.append("")
                fn, _ = self.py_function("    ", method=True, attrs=ctx_attrs or attrs)
                L += fn
        else:
            dagname = f"{r.choice(SYSTEMS).lower()}_{r.choice(NOUN_ID)}_{r.choice(['daily', 'hourly', 'backfill', 'sync', 'export'])}"
            cron = r.choice([f"{r.randint(0, 59)} {r.randint(0, 23)} * * *", f"*/{r.randint(5, 30)} * * * *", "@hourly", "@daily", f"{r.randint(0, 59)} */{r.randint(2, 6)} * * *"])
            L.append(f'@dag(schedule="{cron}", start_date=datetime({self.doc_date.year}, {r.randint(1, 12)}, {r.randint(1, 28)}), catchup={r.choice(["False", "True"])}, tags=["{r.choice(TEAMS).lower().replace(" ", "-")}", "{dagname.split("_")[0]}"])')
            L.append(f"def {dagname}():")
            names = []
            for _ in range(r.randint(2, 3)):
                fn, nm = self.py_function("    ")
                if not fn[0].lstrip().startswith("@"):
                    extra = r.choice(["", "", f", retry_delay=timedelta(minutes={r.randint(1, 45)})",
                                      f', pool="{r.choice(NOUN_ID)}_pool"'])
                    fn.insert(0, f"    @task(retries={r.randint(0, 5)}{extra})")
                L += fn
                L.append("")
                names.append(nm)
            L.append("    " + " >> ".join(f"{n}()" for n in names))
            L.append("")
            L.append("")
            L.append(f"{dagname}()")
        return L

    # go ----------------------------------------------------------------
    def go_zero(self, t):
        if t.startswith(("*", "[]", "map")):
            return "nil"
        return {"string": '""', "bool": "false", "time.Duration": "0", "time.Time": "time.Time{}"}.get(t, "0")

    def go_stmts(self, recv, fields, pad, n, depth, zero, vars_):
        r = self.r
        out = []
        for _ in range(n):
            x = r.random()
            verb = r.choice(VERB_ID)
            method = verb.capitalize() + r.choice(NOUN_ID).capitalize() + r.choice(["", "s", "ByID", "Batch"])
            fld = r.choice(fields)[0] if fields else "store"
            arg = r.choice(vars_) if vars_ else "ctx"
            if x < 0.3:
                v = self.camel_var()
                e = verb + "Err"
                out.append(f"{pad}{v}, {e} := {recv}.{fld}.{method}(ctx, {arg})")
                out.append(f"{pad}if {e} != nil {{")
                out.append(f'{pad}\treturn {zero}, fmt.Errorf("{verb} {r.choice(NOUN_ID)} %s: %w", {arg}, {e})')
                out.append(f"{pad}}}")
                vars_.append(v)
            elif x < 0.45:
                out.append(f"{pad}if err := {recv}.{method}(ctx, {arg}); err != nil {{")
                out.append(f'{pad}\t{recv}.log.Warn("{self.logmsg(0)}", "{r.choice(ATTRS)}", {arg}, "err", err)')
                if r.random() < 0.5:
                    out.append(f'{pad}\treturn {zero}, fmt.Errorf("{method}: %w", err)')
                out.append(f"{pad}}}")
            elif x < 0.58 and depth < 2:
                it = r.choice(NOUN_ID)
                coll = r.choice(vars_) if vars_ else f"{recv}.{fld}"
                out.append(f"{pad}for {r.choice(['_', 'i', 'idx'])}, {it} := range {coll} {{")
                inner = vars_ + [it]
                out += self.go_stmts(recv, fields, pad + "\t", r.randint(1, 2), depth + 1, zero, inner)
                out.append(f"{pad}}}")
            elif x < 0.65:
                v = self.camel_var()
                out.append(f"{pad}{v} := make(map[string]{r.choice(GO_TYPES)}, {r.choice(['len(' + arg + ')', str(r.randint(8, 4096))])})")
                vars_.append(v)
            elif x < 0.72:
                mu = r.choice(NOUN_ID) + "Mu"
                out.append(f"{pad}{recv}.{mu}.Lock()")
                out.append(f"{pad}{recv}.{r.choice(NOUN_ID)}{r.choice(['Count', 'Total', 'Seen', 'Dropped'])} += {r.choice(['1', 'len(' + arg + ')', 'int64(n)'])}")
                out.append(f"{pad}{recv}.{mu}.Unlock()")
            elif x < 0.8:
                out.append(f'{pad}{r.choice(["metrics", recv + ".metrics", "m"])}.{r.choice(NOUN_ID).capitalize()}{r.choice(["Latency", "Total", "Errors", "Lag"])}.WithLabelValues("{r.choice(REGIONS)}").{r.choice(["Observe(time.Since(start).Seconds())", "Inc()", "Add(float64(len(" + arg + ")))"])}')
            elif x < 0.87 and depth < 2:
                v = r.choice(vars_) if vars_ else "batch"
                lim = r.randint(16, 50000)
                out.append(f"{pad}if len({v}) > {lim} {{")
                out.append(f"{pad}\t{v} = {v}[:{lim}]")
                out.append(f"{pad}}}")
            elif x < 0.92:
                out.append(f"{pad}// {self.comment_text()}")
            else:
                v = self.camel_var()
                out.append(f"{pad}{v} := {r.choice(['time.Since(start)', recv + '.' + fld + '.Len()', 'strings.TrimSpace(' + arg + ')', 'atomic.LoadInt64(&' + recv + '.' + r.choice(NOUN_ID) + 'Count)', 'strconv.Itoa(' + str(r.randint(0, 999)) + ')'])}")
                vars_.append(v)
        return out

    def code_go(self):
        r = self.r
        L = []
        if r.random() < 0.5:
            L.append(f"\x00package {r.choice(SYSTEMS).lower()}{r.choice(['', r.choice(NOUN_ID)])}")
            L.append("")
            imps = r.sample(GO_IMPORTS, r.randint(1, 4))
            if r.random() < 0.3:
                imps.append(f"github.com/example/{r.choice(SYSTEMS).lower()}/internal/{r.choice(NOUN_ID)}")
            for i in sorted(imps):
                L.append(f'\x00import "{i}"')
            L.append("")
        T = self.type_name()
        recv = T[0].lower()
        fields = []
        for _ in range(r.randint(2, 6)):
            f = self.ident("pascal")
            fields.append((f[0].lower() + f[1:] if r.random() < 0.4 else f, r.choice(GO_TYPES)))
        if r.random() < 0.75:
            L.append(f"// {T} {r.choice(['tracks', 'owns', 'wraps', 'coordinates', 'buffers'])} {r.choice(ADJ_ID)} {r.choice(NOUN_ID)}s for the {r.choice(SYSTEMS)} {r.choice(COMPONENTS)}.")
            L.append(f"type {T} struct {{")
            w = max(len(f) for f, _ in fields)
            tw = max(len(t) for _, t in fields)
            for f, t in fields:
                if f[0].isupper() and r.random() < 0.7:
                    tag = "_".join(re.findall(r"[A-Z][a-z]*", f)).lower()
                    L.append(f'\t{f.ljust(w)} {t.ljust(tw)} `json:"{tag}{r.choice(["", ",omitempty"])}"`')
                else:
                    L.append(f"\t{f.ljust(w)} {t}")
            L.append("}")
            L.append("")
        for k in range(r.randint(1, 2)):
            if k:
                L.append("")
            name = self.ident("pascal")
            argn = self.camel_var()
            argt = r.choice(GO_TYPES)
            ret = r.choice(GO_TYPES + ["*" + T, "[]" + self.type_name()])
            zero = self.go_zero(ret)
            L.append(f"// {name} {third(r.choice(VERB_ID))} the {r.choice(ADJ_ID)} {r.choice(NOUN_ID)}s {r.choice(['and reports how many were touched', 'under the lease', 'for a single tenant', 'in one round trip', 'with bounded retries'])}.")
            L.append(f"func ({recv} *{T}) {name}(ctx context.Context, {argn} {argt}) ({ret}, error) {{")
            if r.random() < 0.4:
                L.append(r.choice(["\tstart := time.Now()", f'\tdefer {recv}.observe("{name}", time.Now())',
                                   f'\tctx, span := tracer.Start(ctx, "{T}.{name}")']))
                if "span" in L[-1]:
                    L.append("\tdefer span.End()")
            body_vars = [argn]
            body = self.go_stmts(recv, fields, "\t", r.randint(2, 6), 0, zero, body_vars)
            L += body
            last = body_vars[-1] if len(body_vars) > 1 and r.random() < 0.7 else zero
            L.append(f"\treturn {last}, nil")
            L.append("}")
        return L

    # rust --------------------------------------------------------------
    def code_rust(self):
        r = self.r
        L = []
        if r.random() < 0.55:
            opts = ["use std::collections::{" + ", ".join(sorted(r.sample(["HashMap", "BTreeMap", "HashSet", "VecDeque"], r.randint(1, 2)))) + "};",
                    f"use std::time::{{{', '.join(sorted(r.sample(['Duration', 'Instant', 'SystemTime'], r.randint(1, 2))))}}};",
                    "use std::sync::Arc;", "use anyhow::{Context, Result};", "use thiserror::Error;",
                    f"use crate::{r.choice(NOUN_ID)}::{self.type_name()};", "use serde::{Deserialize, Serialize};",
                    "use tracing::{debug, info, warn};", "use tokio::sync::mpsc;"]
            for u in r.sample(opts, r.randint(1, 4)):
                L.append("\x00" + u)
            L.append("")
        T = self.type_name()
        fields = [(self.ident("snake"), r.choice(RS_TYPES)) for _ in range(r.randint(2, 5))]
        fields = list(dict(fields).items())
        if r.random() < 0.3:
            E = T.replace("Error", "") + "Error"
            L.append(r.choice(["#[derive(Debug, Error)]", "#[derive(Error, Debug)]", "#[derive(Debug, thiserror::Error)]"]))
            L.append(f"pub enum {E} {{")
            for _ in range(r.randint(2, 4)):
                vn = r.choice(ADJ_ID).capitalize() + r.choice(NOUN_ID).capitalize()
                L.append(f'    #[error("{r.choice(NOUN_ID)} {{0}} is {r.choice(ADJ_ID)} ({self.ticket()})")]')
                L.append(f"    {vn}({r.choice(['String', 'u64', 'usize'])}),")
            L.append("}")
            L.append("")
        else:
            E = "anyhow::Error"
        derives = sorted(r.sample(["Debug", "Clone", "PartialEq", "Eq", "Default", "Serialize", "Deserialize", "Hash"], r.randint(1, 4)))
        L.append("#[derive(" + ", ".join(derives) + ")]")
        L.append(f"pub struct {T} {{")
        for f, t in fields:
            L.append(f"    {'pub ' if r.random() < 0.6 else ''}{f}: {t},")
        L.append("}")
        L.append("")
        L.append(f"impl {T} {{")
        for k in range(r.randint(1, 2)):
            if k:
                L.append("")
            fn = self.ident("snake")
            arg = self.var()
            argt = r.choice(["&[" + self.type_name() + "]", "&str", "u64", "usize", "&mut Vec<u8>", "Duration"])
            ret = r.choice(["usize", "u64", "bool", "Vec<String>", "Option<" + self.type_name() + ">", "()"])
            L.append(f"    /// {third(r.choice(VERB_ID)).capitalize()} {r.choice(ADJ_ID)} {r.choice(NOUN_ID)}s {r.choice(['in place', 'without allocating', 'for one shard', 'and returns the count', 'under the current lease'])}.")
            L.append(f"    pub fn {fn}(&{'mut ' if r.random() < 0.3 else ''}self, {arg}: {argt}) -> Result<{ret}, {E}> {{")
            vars_ = [arg]
            for _ in range(r.randint(2, 5)):
                x = r.random()
                f, ft = r.choice(fields)
                v = self.var()
                it = r.choice(NOUN_ID)[:1]
                if x < 0.25:
                    L.append(f"        let {v} = {arg}.iter().filter(|{it}| {it}.{r.choice(ATTRS)} > {r.randint(0, 9000)}).count();")
                elif x < 0.4:
                    L.append(f"        let {v}: Vec<_> = self.{f}.iter().map(|{it}| {it}.{r.choice(ATTRS)}.clone()).collect();")
                elif x < 0.55:
                    L.append(f"        if {r.choice(vars_)}.len() > {r.randint(2, 65536)} {{")
                    L.append(f'        {" " * 4}warn!({r.choice(ATTRS)} = ?self.{f}, "{self.logmsg(0)}");')
                    L.append(f'        {" " * 4}return Err(anyhow::anyhow!("{r.choice(NOUN_ID)} batch over {r.randint(2, 9999)} ({self.ticket()})").into());')
                    L.append("        }")
                    continue
                elif x < 0.7:
                    L.append(f"        let {v} = match self.{f}.get({r.randint(0, 64)}) {{")
                    L.append(f"            Some({it}) => {it}.{r.choice(ATTRS)},")
                    L.append(f'            None => return Err(anyhow::anyhow!("{r.choice(NOUN_ID)} {r.randint(0, 999)} missing in {r.choice(SYSTEMS).lower()}").into()),')
                    L.append("        };")
                elif x < 0.8:
                    L.append(f"        // {self.comment_text()}")
                    continue
                elif x < 0.9:
                    L.append(f"        let {v} = Instant::now().duration_since(self.{f}).as_millis() as u64;")
                else:
                    L.append(f'        let {v} = self.{f}.{r.choice(VERB_ID)}_{r.choice(NOUN_ID)}({r.choice(vars_)}).with_context(|| format!("{r.choice(VERB_ID)} {{}}", {r.choice(vars_)}))?;')
                vars_.append(v)
            L.append(f"        Ok({r.choices(['Default::default()', vars_[-1] + '.into()', '()' if ret == '()' else vars_[-1]], weights=[1, 2, 5])[0]})")
            L.append("    }")
        L.append("}")
        return L

    # sql ---------------------------------------------------------------
    def code_sql(self):
        r = self.r
        up = r.random() < 0.8
        K = (lambda s: s) if up else (lambda s: s.lower())
        t1 = self.s_table()
        t2 = self.s_table()
        cols = r.sample(SQL_COLS, r.randint(3, 7))
        L = []
        x = r.random()
        if r.random() < 0.4:
            L.append(f"-- {self.comment_text()}")
        if x < 0.4:
            a, b = r.choice(["o", "e", "s", "r", "t"]), r.choice(["p", "x", "m", "k", "d"])
            if r.random() < 0.4:
                cte = f"{r.choice(ADJ_ID)}_{r.choice(NOUN_ID)}s"
                L.append(K("WITH ") + f"{cte} " + K("AS ("))
                L.append(f"    {K('SELECT')} {cols[0]}, {K('max')}({cols[1]}) {K('AS')} last_{cols[1]}")
                L.append(f"    {K('FROM')} {t2}")
                L.append(f"    {K('WHERE')} {cols[2]} >= {K('now()')} - {K('interval')} '{r.randint(1, 90)} {r.choice(['days', 'hours', 'minutes'])}'")
                L.append(f"    {K('GROUP BY')} {cols[0]}")
                L.append(")")
                t2 = cte
            sel = [f"{a}.{c}" for c in cols[:3]]
            sel.append(f"{K(r.choice(['count', 'sum', 'avg', 'max']))}({b}.{cols[-1]}) {K('AS')} {r.choice(['n', 'total', 'p_sum', 'peak', 'avg_' + cols[-1]])}")
            L.append(f"{K('SELECT')} " + sel[0] + ",")
            for i, s in enumerate(sel[1:]):
                L.append("       " + s + ("," if i < len(sel) - 2 else ""))
            L.append(f"{K('FROM')} {t1} {a}")
            L.append(f"{K(r.choice(['JOIN', 'LEFT JOIN', 'INNER JOIN']))} {t2} {b} {K('ON')} {b}.{cols[0]} = {a}.{cols[0]}")
            L.append(f"{K('WHERE')} {a}.{cols[1]} {r.choice(['>=', '<', '=', '<>'])} {r.choice([str(r.randint(0, 100000)), repr(self.s_date()), repr(r.choice(ADJ_ID))])}")
            if r.random() < 0.6:
                L.append(f"  {K('AND')} {a}.{r.choice(SQL_COLS)} {K(r.choice(['IS NOT NULL', 'IS NULL']))}")
            L.append(f"{K('GROUP BY')} {', '.join(sel[:3]) if r.random() < 0.7 else ', '.join(str(i + 1) for i in range(3))}")
            if r.random() < 0.5:
                L.append(f"{K('HAVING')} {K('count')}(*) > {r.randint(1, 5000)}")
            L.append(f"{K('ORDER BY')} {r.choice(sel[:3]) if r.random() < 0.6 else r.randint(1, 4)} {K(r.choice(['DESC', 'ASC']))}")
            L.append(f"{K('LIMIT')} {r.choice([10, 20, 50, 100, 500, 1000]) * r.randint(1, 5)};")
        elif x < 0.6:
            L.append(f"{K('CREATE TABLE')} {K('IF NOT EXISTS') + ' ' if r.random() < 0.5 else ''}{t1} (")
            for i, c in enumerate(cols):
                extra = ""
                if i == 0:
                    extra = " " + K("PRIMARY KEY")
                elif r.random() < 0.3:
                    extra = " " + K("NOT NULL")
                elif r.random() < 0.2:
                    extra = f" {K('DEFAULT')} {r.choice(['now()', '0', 'false', repr(r.choice(ADJ_ID))])}"
                L.append(f"    {c.ljust(14)} {K(r.choice(SQL_TYPES))}{extra}{',' if i < len(cols) - 1 else ''}")
            L.append(");")
            if r.random() < 0.7:
                L.append("")
                L.append(f"{K('CREATE INDEX')} {K('CONCURRENTLY') + ' ' if r.random() < 0.5 else ''}idx_{t1.split('.')[-1]}_{cols[1]}")
                L.append(f"    {K('ON')} {t1} ({cols[1]}{', ' + cols[2] if r.random() < 0.5 else ''}){' ' + K('WHERE') + ' ' + cols[-1] + ' ' + K('IS NOT NULL') if r.random() < 0.3 else ''};")
        elif x < 0.8:
            L.append(f"{K('ALTER TABLE')} {t1} {K('ADD COLUMN')} {cols[0]}_v{r.randint(2, 5)} {K(r.choice(SQL_TYPES))};")
            L.append("")
            L.append(f"-- backfill in batches of {r.choice([1000, 5000, 10000, 50000])} to keep replication lag under {r.randint(2, 60)}s")
            L.append(f"{K('UPDATE')} {t1}")
            L.append(f"   {K('SET')} {cols[0]}_v{r.randint(2, 5)} = {cols[1]}{r.choice(['', '::text', ' * 100', ' / 1000'])}")
            L.append(f" {K('WHERE')} {cols[2]} {K('BETWEEN')} {r.randint(0, 10**6)} {K('AND')} {r.randint(10**6, 10**8)}")
            L.append(f"   {K('AND')} {cols[0]}_v{r.randint(2, 5)} {K('IS NULL')};")
        else:
            L.append(f"{K('SELECT')} pid, usename, {K('now()')} - query_start {K('AS')} {r.choice(['runtime', 'age', 'elapsed', 'running_for'])}, state, left(query, {r.randint(40, 160)}) {K('FROM')} pg_stat_activity")
            st = r.choice(["<> 'idle'", "= 'active'", "= 'idle in transaction'"])
            L.append(f" {K('WHERE')} state {st} {K('AND')} query_start < {K('now()')} - {K('interval')} '{r.randint(1, 120)} {r.choice(['seconds', 'minutes'])}'")
            L.append(f"   {K('AND')} datname = '{r.choice(SYSTEMS).lower()}_{r.choice(['prod', 'replica', 'primary', 'ledger'])}'")
            L.append(f" {K('ORDER BY')} {r.randint(2, 3)} {K('DESC')};")
        return L

    # toml --------------------------------------------------------------
    def toml_val(self, key):
        r = self.r
        x = r.random()
        if x < 0.35:
            return str(r.choice([1, 2, 3, 4, 8, 16, 32, 64, 100, 250, 500]) * r.randint(1, 40))
        if x < 0.55:
            return f'"{r.randint(1, 90)}{r.choice(["s", "ms", "m", "h", "MiB", "GiB"])}"'
        if x < 0.7:
            return r.choice(["true", "false"])
        if x < 0.85:
            return f'"{r.choice(SYSTEMS).lower()}-{r.choice(NOUN_ID)}{r.choice(["", "-" + r.choice(REGIONS)])}"'
        return "[" + ", ".join(f'"{r.choice(NOUN_ID)}{r.randint(1, 99)}"' for _ in range(r.randint(1, 4))) + "]"

    def code_toml(self):
        r = self.r
        s = r.choice(SYSTEMS).lower()
        L = [f"# {s} {r.choice(COMPONENTS)} — {self.comment_text()}"]
        for k in range(r.randint(2, 4)):
            if k or r.random() < 0.8:
                sec = r.choice([f"[{s}.{r.choice(NOUN_ID)}]", f"[{r.choice(NOUN_ID)}s.{r.choice(ADJ_ID)}]",
                                f"[[{s}.{r.choice(['sinks', 'sources', 'routes', 'jobs'])}]]", f'[{r.choice(NOUN_ID)}."{r.choice(REGIONS)}"]'])
                if L:
                    L.append("")
                L.append(sec)
            keys = set()
            for _ in range(r.randint(2, 6)):
                key = f"{r.choice(ADJ_ID + NOUN_ID)}_{r.choice(NOUN_SUFFIX + ATTRS)}"
                if key in keys:
                    continue
                keys.add(key)
                L.append(f"{key} = {self.toml_val(key)}")
        return L

    # dockerfile ---------------------------------------------------------
    def code_dockerfile(self):
        r = self.r
        svc = f"{r.choice(SYSTEMS).lower()}-{r.choice(NOUN_ID)}{r.choice(['', 'd', '-worker', '-api', '-sync'])}"
        img, tags = r.choice(BASE_IMAGES)
        tag = r.choice(tags)
        L = []
        if r.random() < 0.3:
            L.append(f"\x00# syntax=docker/dockerfile:1.{r.randint(4, 9)}")
        if r.random() < 0.5:
            L.append(f"# {svc}: {self.comment_text()}")
        L.append(f"FROM {img}:{tag} AS {svc}-build")
        if r.random() < 0.5:
            L.append(f"ARG {r.choice(['VERSION', 'GIT_SHA', 'BUILD_DATE', 'TARGETARCH'])}={r.choice([self.s_ver(), f'{r.getrandbits(28):07x}', 'amd64', self.s_date()])}")
        L.append(f"WORKDIR /src/{svc}")
        if img == "golang":
            L.append(f"COPY go.mod go.sum ./")
            L.append(f"RUN --mount=type=cache,target=/go/pkg/mod go mod download")
            L.append(r.choice(["COPY . .", f"COPY cmd/ ./cmd/", f"COPY internal/ ./internal/", f"COPY . /src/{svc}/"]))
            L.append(f"RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags='-s -w -X main.version={self.s_ver()}' -o /out/{svc} ./cmd/{svc}")
        elif img == "python":
            L.append(f"COPY requirements{r.choice(['', '-lock', '.prod'])}.txt ./")
            L.append(f"RUN pip install --no-cache-dir {r.choice(['', '--prefer-binary ', '--require-hashes ', '--no-compile '])}-r requirements.txt && \\")
            L.append(f"    pip install --no-cache-dir {r.choice(['gunicorn', 'uvicorn', 'celery', 'dagster'])}=={r.randint(19, 23)}.{r.randint(0, 9)}.{r.randint(0, 9)}")
            L.append(f"COPY {r.choice(['src', 'app', svc.split('-')[0]])}/ /src/{svc}/")
        elif img == "node":
            L.append("COPY package.json package-lock.json ./")
            L.append(f"RUN npm ci --omit=dev --no-audit --fund=false")
            L.append(r.choice(["COPY . .", "COPY src/ ./src/", f"COPY tsconfig.json src/ ./"]))
            L.append(f"RUN npm run build -- --env={r.choice(['production', 'staging'])} --out /out/{svc}")
        elif img == "rust":
            L.append("COPY Cargo.toml Cargo.lock ./")
            L.append(f"RUN --mount=type=cache,target=/usr/local/cargo/registry cargo fetch --locked")
            L.append(r.choice(["COPY . .", "COPY src/ ./src/", "COPY crates/ ./crates/"]))
            L.append(f"RUN cargo build --release --locked --bin {svc} && cp target/release/{svc} /out/{svc}")
        else:
            L.append(f"COPY build/libs/{svc}-{self.s_ver()}.jar /out/{svc}.jar")
        if r.random() < 0.6:
            pk = r.sample(["ca-certificates", "tzdata", "curl", "jq", "libpq5", "tini", "netcat-openbsd", "dumb-init", "procps", "libsnappy1v5"], r.randint(2, 4))
            L.append("")
            L.append(f"FROM {r.choice(['debian:bookworm-slim', 'ubuntu:22.04', 'gcr.io/distroless/base-debian12', 'alpine:3.' + str(r.randint(16, 20))])} AS {svc}-runtime")
            L.append("RUN apt-get update && \\" if r.random() < 0.5 else "RUN set -eux; \\")
            L.append(f"    apt-get install -y --no-install-recommends {' '.join(pk)} && \\")
            L.append(r.choice(["    rm -rf /var/lib/apt/lists/*", "    rm -rf /var/lib/apt/lists/* /tmp/*",
                               f"    useradd --uid {r.randint(1000, 65000)} --no-create-home app"]))
            L.append(f"COPY --from={svc}-build /out/{svc} /usr/local/bin/{svc}")
        uid = r.randint(1000, 65000)
        L.append(f"\x00USER {uid}:{uid}")
        ek, ev = r.choice([("LOG_LEVEL", r.choice(["info", "debug", "warn"])), ("REGION", r.choice(REGIONS)),
                           ("WORKERS", str(r.randint(2, 64))), ("LISTEN_ADDR", ":" + str(r.randint(8000, 9999)))])
        L.append(f"\x00ENV {svc.split('-')[0].upper()}_{ek}={ev}")
        port = r.randint(3000, 9999)
        L.append(f"\x00EXPOSE {port}")
        if r.random() < 0.5:
            L.append(f'\x00HEALTHCHECK --interval={r.randint(5, 60)}s --timeout={r.randint(1, 10)}s CMD ["/usr/local/bin/{svc}", "healthcheck", "--port={port}"]')
        tail = r.choice(["", ', "serve"', ', "--config", "/etc/' + svc + '.toml"'])
        L.append(f'ENTRYPOINT ["/usr/local/bin/{svc}"{tail}]')
        return L

    # javascript --------------------------------------------------------
    def code_javascript(self):
        r = self.r
        L = []
        if r.random() < 0.6:
            for p in r.sample(JS_PKGS, r.randint(1, 3)):
                if r.random() < 0.5:
                    L.append(f'\x00import {{ {", ".join(sorted({self.camel_var() for _ in range(r.randint(1, 3))}))} }} from "{p}";')
                else:
                    nm = re.sub(r"\W", "", p.split("/")[-1].title()) or "Mod"
                    L.append(f'\x00import {nm[0].lower() + nm[1:]} from "{p}";')
            L.append("")
        C = self.const_name()
        L.append(f"const {C} = {r.choice([str(r.randint(2, 90000)), str(r.randint(1, 60)) + ' * 1000', repr(r.choice(SYSTEMS).lower() + '-' + r.choice(NOUN_ID))])};")
        L.append("")
        fn = self.ident("camel")
        params = list(dict.fromkeys(self.camel_var() for _ in range(r.randint(1, 3))))
        x = r.random()
        if x < 0.5:
            L.append(f"export async function {fn}({', '.join(params)}) {{")
            res = self.camel_var()
            L.append(f"  const {res} = await fetch(`${{{params[0]}}}/v{r.randint(1, 4)}/{r.choice(NOUN_ID)}s/${{{params[-1]}}}`, {{")
            L.append(f'    method: "{r.choice(["GET", "POST", "PUT", "PATCH"])}", headers: {{ "x-{r.choice(["tenant", "request-id", "shard", "idempotency-key"])}": {r.choice(params)} }},')
            L.append(f"    signal: AbortSignal.timeout({C if r.random() < 0.3 else r.randint(500, 30000)}),")
            L.append("  });")
            L.append(f"  if (!{res}.ok) {{")
            L.append(f"    throw new Error(`{r.choice(VERB_ID)} {r.choice(NOUN_ID)} failed: ${{{res}.status}}`);")
            L.append("  }")
            body = self.camel_var()
            L.append(f"  const {body} = await {res}.json();")
            it = r.choice(NOUN_ID)
            out = self.camel_var()
            L.append(f"  const {out} = {body}.{r.choice(NOUN_ID)}s")
            L.append(f"    .filter(({it}) => {it}.{self.camel_var()} {r.choice(['>', '<', '>=', '!=='])} {r.randint(0, 5000)})")
            L.append(f"    .map(({it}) => ({{ id: {it}.id, {r.choice(ATTRS)}: {it}.{self.camel_var()} }}));")
            if r.random() < 0.5:
                L.append(f"  for (const {it} of {out}) {{")
                L.append(f"    await {r.choice(['queue', 'sink', 'producer', 'cache'])}.{r.choice(VERB_ID)}({it});")
                L.append("  }")
            L.append(f"  return {{ {out}, {r.choice(['tookMs', 'elapsed', 'durationMs'])}: Date.now() - {r.choice(params)}.startedAt }};")
            L.append("}")
        elif x < 0.8:
            rt = r.choice(["router", "app"])
            L.append(f'{rt}.{r.choice(["get", "post", "delete"])}("/{r.choice(NOUN_ID)}s/:{r.choice(["id", "tenant", "shard"])}", async (req, res) => {{')
            v = self.camel_var()
            L.append(f"  const {v} = await {r.choice(['db', 'store', 'repo', 'ledger'])}.{fn}(req.params.{r.choice(['id', 'tenant', 'shard'])}, {{ limit: {r.randint(10, 1000)} }});")
            L.append(f"  if ({v}.length === 0) {{")
            L.append(f'    return res.status(404).json({{ error: "{r.choice(NOUN_ID)} not found", code: "{r.choice(ADJ_ID).upper()}_{r.randint(100, 999)}" }});')
            L.append("  }")
            L.append(f'  res.set("Cache-Control", "max-age={r.randint(0, 3600)}");')
            L.append(f"  res.json({{ items: {v}, next: {v}.at(-1)?.{r.choice(['cursor', 'id', 'offset'])} ?? null }});")
            L.append("});")
        else:
            L.append(f"function {fn}({', '.join(params)}) {{")
            acc = self.camel_var()
            L.append(f"  const {acc} = new Map();")
            it = r.choice(NOUN_ID)
            L.append(f"  for (const {it} of {params[0]}) {{")
            k = self.camel_var()
            L.append(f"    const {k} = `${{{it}.{r.choice(['region', 'tenant', 'shard', 'topic'])}}}:${{{it}.{r.choice(['kind', 'status', 'source'])}}}`;")
            L.append(f"    {acc}.set({k}, ({acc}.get({k}) ?? 0) + {it}.{self.camel_var()});")
            L.append("  }")
            L.append(f"  return [...{acc}.entries()].sort((a, b) => b[1] - a[1]).slice(0, {r.randint(3, 100)});")
            L.append("}")
            L.append("")
            L.append(f"module.exports = {{ {fn}, {C} }};")
        return L

    # bash --------------------------------------------------------------
    def code_bash(self):
        r = self.r
        sl = r.choice(SYSTEMS).lower()
        L = []
        if r.random() < 0.5:
            L.append("\x00" + r.choice(["#!/usr/bin/env bash", "#!/bin/bash", "#!/usr/bin/env sh"]))
            L.append("\x00" + r.choice(["set -euo pipefail", "set -eu", "set -o errexit -o nounset -o pipefail", "set -euxo pipefail"]))
            L.append("")
        if r.random() < 0.5:
            L.append(f"# {self.comment_text()}")
        ns = f"{sl}-{r.choice(['prod', 'staging', 'ingest', 'data'])}"
        V = r.choice(["NAMESPACE", "NS", "KUBE_NS", "TARGET_NS"])
        L.append(f'{V}="${{{V}:-{ns}}}"')
        V2 = r.choice(["SHARDS", "PARTITIONS", "MAX_PARALLEL", "BATCH", "LIMIT"])
        L.append(f"{V2}={r.randint(2, 256)}")
        x = r.random()
        if x < 0.35:
            fn = self.ident("snake")
            L.append("")
            L.append(f"{fn}() {{")
            lv = r.choice(NOUN_ID)
            L.append(f'  local {lv}="$1"')
            L.append(f'  kubectl -n "${V}" get pods -l app={sl}-{r.choice(NOUN_ID)},{lv}="${{{lv}}}" -o name | head -n {r.randint(1, 50)}')
            L.append("}")
            L.append("")
            it = r.choice(["shard", "p", "i", "part", "n"])
            L.append(r.choice([f'for {it} in $(seq 0 $(({V2} - 1))); do', f'for {it} in $(seq {r.randint(0, 3)} "${V2}"); do',
                               f'for (( {it} = 0; {it} < {V2}; {it} += {r.randint(1, 4)} )); do', f'for {it} in {" ".join(str(r.randint(0, 99)) for _ in range(r.randint(2, 5)))}; do']))
            L.append(f'  echo "{r.choice(LOG_WORDS)} {r.choice(NOUN_ID)} ${{{it}}} in ${V}" >&2')
            L.append(f'  {fn} "${{{it}}}" | xargs -r -n1 kubectl -n "${V}" {r.choice(["delete --wait=false", "annotate --overwrite " + sl + "/drain=true", "logs --tail=" + str(r.randint(10, 500))])}')
            L.append("done")
        elif x < 0.65:
            grp = self.s_group()
            L.append(f'lag=$(kafka-consumer-groups --bootstrap-server {sl}-kafka:9092 --describe --group {grp} | awk \'NR>1 {{s+=$6}} END {{print s}}\')')
            L.append(f'if [[ "${{lag:-0}}" -gt {r.randint(1000, 9_000_000)} ]]; then')
            L.append(f'  echo "{grp} lag is ${{lag}}, paging {r.choice(TEAMS).lower().replace(" ", "-")}" >&2')
            L.append(f"  exit {r.randint(1, 9)}")
            L.append("fi")
            if r.random() < 0.5:
                L.append(f'echo "ok: {grp} lag=${{lag}} at $(date -u +%FT%TZ)"')
        else:
            bucket = f"s3://{sl}-{r.choice(NOUN_ID)}s-{r.choice(REGIONS)}"
            L.append(f'day="${{1:-{self.doc_date.isoformat()}}}"')
            L.append(f'aws s3 ls "{bucket}/dt=${{day}}/" --recursive --summarize | tail -n 2')
            L.append(f'{r.choice(["psql", "clickhouse-client", "trino"])} {r.choice(["-c", "--query", "--execute"])} "SELECT count(*) FROM {self.s_table()} WHERE dt = \'${{day}}\'"')
            if r.random() < 0.5:
                L.append(f'{sl}ctl {r.choice(VERB_ID)} --date "${{day}}" --parallel "${V2}" --dry-run={r.choice(["true", "false"])}')
        return L

    # json --------------------------------------------------------------
    def json_scalar(self):
        r = self.r
        x = r.random()
        if x < 0.3:
            return str(r.randint(0, 10 ** r.randint(1, 9)))
        if x < 0.45:
            return f"{r.uniform(0, 1000):.{r.randint(1, 4)}f}"
        if x < 0.6:
            return r.choice(["true", "false", "null"])
        if x < 0.75:
            d = self.doc_date + _dt.timedelta(days=r.randint(-30, 30))
            return f'"{d.isoformat()}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}.{r.randint(0, 999):03d}Z"'
        if x < 0.88:
            return f'"{r.choice(SYSTEMS).lower()}-{r.choice(NOUN_ID)}-{r.getrandbits(20):05x}"'
        return f'"{r.choice([self.s_region(), r.choice(ADJ_ID), self.s_ver(), r.choice(TEAMS)])}"'

    def json_obj(self, pad, depth):
        r = self.r
        keys = list(dict.fromkeys(f"{r.choice(ATTRS + NOUN_ID)}{r.choice(['', '_' + r.choice(NOUN_SUFFIX), 'Id', '_at'])}" for _ in range(r.randint(2, 6))))
        lines = []
        for i, k in enumerate(keys):
            comma = "," if i < len(keys) - 1 else ""
            x = r.random()
            if depth < 2 and x < 0.18:
                lines.append(f'{pad}"{k}": {{')
                lines += self.json_obj(pad + "  ", depth + 1)
                lines.append(f"{pad}}}{comma}")
            elif depth < 2 and x < 0.28:
                lines.append(f'{pad}"{k}": [')
                n = r.randint(1, 3)
                for j in range(n):
                    if r.random() < 0.5:
                        lines.append(f"{pad}  {{")
                        lines += self.json_obj(pad + "    ", depth + 2)
                        lines.append(f"{pad}  }}{',' if j < n - 1 else ''}")
                    else:
                        lines.append(f"{pad}  {self.json_scalar()}{',' if j < n - 1 else ''}")
                lines.append(f"{pad}]{comma}")
            else:
                lines.append(f'{pad}"{k}": {self.json_scalar()}{comma}')
        return lines

    def code_json(self):
        if self.r.random() < 0.15:
            out = ["["]
            n = self.r.randint(1, 3)
            for j in range(n):
                out.append("  {")
                out += self.json_obj("    ", 1)
                out.append("  }" + ("," if j < n - 1 else ""))
            out.append("]")
            return out
        return ["{"] + self.json_obj("  ", 0) + ["}"]

    # yaml --------------------------------------------------------------
    def code_yaml(self):
        r = self.r
        sl = r.choice(SYSTEMS).lower()
        L = []
        x = r.random()
        if x < 0.35:
            full = r.random() < 0.4
            if full:
                L.append(f"groups:")
                L.append(f"  - name: {sl}-{r.choice(COMPONENTS).replace(' ', '-')}")
                L.append(f"    interval: {r.randint(15, 120)}s")
                L.append("    rules:")
            else:
                L.append(f"# rules/{sl}-{r.choice(COMPONENTS).replace(' ', '-')}.yaml ({self.ticket()})")
            ind = "      " if full else ""
            for _ in range(r.randint(1, 3)):
                an = self.alertname()
                m = r.choice(METRICS)
                L.append(f"{ind}- alert: {an}")
                L.append(f"{ind}  expr: {r.choice(['sum', 'max', 'avg'])} by ({r.choice(['region', 'shard', 'topic', 'pod', 'tenant'])}) (rate({sl}_{m}[{r.randint(1, 30)}m])) > {r.choice([r.randint(1, 5000), round(r.uniform(0, 1), 3)])}")
                L.append(f"{ind}  for: {r.randint(1, 60)}m")
                sev = r.choice(['page', 'ticket', 'info', 'critical', 'warning'])
                team = r.choice(TEAMS).lower().replace(' ', '-')
                if r.random() < 0.6:
                    L.append(f"{ind}  labels: {{severity: {sev}, team: {team}, service: {sl}-{r.choice(NOUN_ID)}}}")
                else:
                    L.append(f"{ind}  labels:")
                    L.append(f"{ind}    severity: {sev}")
                    L.append(f"{ind}    team: {team}")
                L.append(f"{ind}  annotations:")
                L.append(f'{ind}    summary: "{self.fill("{sys} {comp} {past} in {{ $labels.region }}")}"')
                L.append(f"{ind}    runbook_url: {self.url()}")
        elif x < 0.82:
            L.append(f"# {sl} {r.choice(COMPONENTS)} — {self.comment_text()}")
            L.append(f"{r.choice(['pipeline', 'service', 'job', 'source'])}: {sl}-{r.choice(NOUN_ID)}-{r.choice(VERB_ID)}")
            L.append(f"owner: {r.choice(TEAMS).lower().replace(' ', '-')}")
            for _ in range(r.randint(1, 3)):
                sec = f"{r.choice(NOUN_ID)}{r.choice(['s', '_policy', '_limits', '_settings', ''])}"
                L.append(f"{sec}:")
                for _ in range(r.randint(2, 5)):
                    k = f"{r.choice(ADJ_ID + NOUN_ID)}_{r.choice(NOUN_SUFFIX + ATTRS)}"
                    if r.random() < 0.2:
                        L.append(f"  {k}:")
                        for _ in range(r.randint(1, 3)):
                            L.append(f"    - {r.choice([self.s_region(), sl + '-' + r.choice(NOUN_ID) + str(r.randint(1, 99)), r.choice(TECH).lower().replace(' ', '-') + ':' + self.s_ver()])}")
                    else:
                        L.append(f"  {k}: {self.toml_val(k).replace(chr(34), '') if r.random() < 0.6 else self.toml_val(k)}")
        else:
            app = f"{sl}-{r.choice(NOUN_ID)}"
            L.append(f"apiVersion: {r.choice(['apps/v1', 'batch/v1', 'policy/v1', 'autoscaling/v2'])}")
            kind = r.choice(["Deployment", "CronJob", "PodDisruptionBudget", "HorizontalPodAutoscaler", "StatefulSet"])
            L.append(f"kind: {kind}")
            L.append("metadata:")
            L.append(f"  name: {app}")
            L.append(f"  namespace: {r.choice(['prod', 'data', 'ingest', sl])}-{r.choice(REGIONS)}")
            L.append(f"  labels: {{app: {app}, team: {r.choice(TEAMS).lower().replace(' ', '-')}}}")
            L.append("spec:")
            if kind == "CronJob":
                L.append(f'  schedule: "{r.randint(0, 59)} {r.randint(0, 23)} * * *"')
                L.append(f"  concurrencyPolicy: {r.choice(['Forbid', 'Replace', 'Allow'])}")
                L.append(f"  startingDeadlineSeconds: {r.randint(60, 3600)}")
            elif kind == "PodDisruptionBudget":
                L.append(f"  maxUnavailable: {r.randint(1, 3)}")
                L.append(f"  selector: {{matchLabels: {{app: {app}}}}}")
            elif kind == "HorizontalPodAutoscaler":
                L.append(f"  minReplicas: {r.randint(2, 10)}")
                L.append(f"  maxReplicas: {r.randint(11, 200)}")
                L.append(f"  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {app}}}")
            else:
                L.append(f"  replicas: {r.randint(2, 48)}")
                L.append(f"  selector: {{matchLabels: {{app: {app}}}}}")
                L.append(f"  template:")
                L.append(f"    spec:")
                L.append(f"      containers:")
                L.append(f"        - name: {app}")
                L.append(f"          image: registry.example.com/{sl}/{app}:{self.s_ver()}")
                L.append(f"          resources: {{requests: {{cpu: {r.choice([250, 500, 1000, 2000])}m, memory: {r.choice([256, 512, 1024, 4096])}Mi}}}}")
        return L

    # ini / text / none ---------------------------------------------------
    def code_ini(self):
        r = self.r
        sl = r.choice(SYSTEMS).lower()
        L = [f"; {sl} {self.comment_text()}"]
        for k in range(r.randint(1, 3)):
            if k:
                L.append("")
            L.append(r.choice([f"[{sl}:{r.choice(NOUN_ID)}]", f'[{r.choice(NOUN_ID)} "{sl}-{r.choice(REGIONS)}"]', f"[{r.choice(NOUN_ID)}_{r.choice(NOUN_SUFFIX)}]"]))
            for _ in range(r.randint(2, 5)):
                key = f"{r.choice(NOUN_ID + ADJ_ID)}_{r.choice(NOUN_SUFFIX + ATTRS)}"
                L.append(f"{key} = {self.toml_val(key).strip(chr(34))}")
        return L

    def log_lines(self):
        r = self.r
        sl = r.choice(SYSTEMS).lower()
        host = f"{sl}-{r.choice(NOUN_ID)}-{r.getrandbits(16):04x}"
        ts = _dt.datetime.combine(self.doc_date, _dt.time(r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)))
        L = []
        for _ in range(r.randint(4, 14)):
            ts += _dt.timedelta(milliseconds=r.randint(1, 90000))
            lvl = r.choice(["INFO", "INFO", "WARN", "ERROR", "DEBUG"])
            msg = r.choice([
                f"{self.logmsg(0)} partition={r.randint(0, 255)} offset={r.randint(10 ** 5, 10 ** 9)}",
                f"consumer lag {r.randint(1, 9000)}s on {r.choice(NOUN_ID)}s.{r.choice(ADJ_ID)} (threshold {r.randint(60, 900)}s)",
                f"request failed: {self.s_err()} (attempt {r.randint(1, 8)}/{r.randint(8, 10)}, backoff {r.randint(50, 9000)}ms)",
                f"checkpoint {r.randint(1000, 99999)} completed in {r.randint(100, 90000)}ms, size={r.randint(1, 900)}MiB",
                f"lease {r.getrandbits(32):08x} acquired by {host}, epoch={r.randint(1, 9999)}",
                f"GC pause {r.randint(10, 4000)}ms, heap {r.randint(1, 31)}.{r.randint(0, 9)}GiB/{r.randint(32, 64)}GiB",
                f"{r.choice(VERB_ID)} {r.randint(1, 100000)} {r.choice(NOUN_ID)}s from {r.choice(REGIONS)} in {r.randint(1, 9000)}ms",
            ])
            L.append(f"{ts.isoformat(timespec='milliseconds')}Z {lvl:<5} {host}[{r.randint(1, 65000)}]: {msg}")
        return L

    def explain_lines(self):
        r = self.r
        t = self.s_table()
        col = r.choice(SQL_COLS)
        L = []
        cost = r.uniform(100, 90000)
        L.append(f"{r.choice(['Limit', 'Sort', 'HashAggregate', 'GroupAggregate', 'Gather Merge'])}  (cost={cost:.2f}..{cost * 1.1:.2f} rows={r.randint(1, 100000)} width={r.randint(8, 200)}) (actual time={r.uniform(0, 500):.3f}..{r.uniform(500, 9000):.3f} rows={r.randint(1, 90000)} loops=1)")
        ind = "  "
        for _ in range(r.randint(2, 5)):
            node = r.choice([f"Index Scan using idx_{t.split('.')[-1]}_{col} on {t}", f"Seq Scan on {t}", f"Bitmap Heap Scan on {t}",
                             "Hash Join", "Nested Loop", f"Index Only Scan using {t.split('.')[-1]}_pkey on {t}", "Materialize"])
            c = r.uniform(0, 50000)
            L.append(f"{ind}->  {node}  (cost={c:.2f}..{c * 1.3:.2f} rows={r.randint(1, 10 ** 6)} width={r.randint(4, 120)}) (actual time={r.uniform(0, 90):.3f}..{r.uniform(90, 8000):.3f} rows={r.randint(0, 10 ** 6)} loops={r.randint(1, 40)})")
            if r.random() < 0.5:
                L.append(f"{ind}      {r.choice(['Filter', 'Index Cond', 'Recheck Cond', 'Hash Cond'])}: ({col} {r.choice(['>=', '=', '<'])} {r.randint(0, 99999)})")
            if r.random() < 0.3:
                L.append(f"{ind}      Rows Removed by Filter: {r.randint(1, 10 ** 7)}")
            ind += "      "
        L.append(f"Planning Time: {r.uniform(0.05, 20):.3f} ms")
        L.append(f"Execution Time: {r.uniform(1, 90000):.3f} ms")
        return L

    def session_lines(self):
        r = self.r
        L = []
        for _ in range(r.randint(1, 3)):
            L.append("$ " + self.s_cmd().strip("`"))
            for _ in range(r.randint(1, 5)):
                L.append(r.choice([
                    f"{r.choice(SYSTEMS).lower()}-{r.choice(NOUN_ID)}-{r.getrandbits(24):06x}   {r.randint(0, 3)}/{r.randint(1, 3)}   {r.choice(['Running', 'CrashLoopBackOff', 'Pending', 'Completed', 'Evicted'])}   {r.randint(0, 40)}   {r.randint(1, 90)}{r.choice(['m', 'h', 'd'])}",
                    f"{r.choice(NOUN_ID)}s.{r.choice(ADJ_ID)}  {r.randint(0, 255)}  {r.randint(10 ** 5, 10 ** 9)}  {r.randint(10 ** 5, 10 ** 9)}  {r.randint(0, 10 ** 6)}",
                    f"{r.choice(['ok', 'OK', 'done', 'synced', 'applied'])}: {r.randint(1, 9999)} {r.choice(NOUN_ID)}s in {r.uniform(0.1, 90):.2f}s",
                    f"{r.choice(['warning', 'error', 'note'])}: {r.choice(NOUN_ID)} {r.getrandbits(32):08x} {r.choice(['skipped', 'not found', 'already exists', 'is stale'])}",
                ]))
        return L

    def code_text(self):
        x = self.r.random()
        if x < 0.45:
            return self.log_lines()
        if x < 0.7:
            return self.explain_lines()
        return self.session_lines()

    # mermaid -----------------------------------------------------------
    def code_mermaid(self):
        r = self.r
        if r.random() < 0.7:
            L = [r.choice(["graph TD", "graph LR", "flowchart LR", "flowchart TD", "flowchart TB"])]
            n = r.randint(3, 8)
            ids = []
            for i in range(n):
                self.ctr += 1
                nid = f"{r.choice(NOUN_ID)[:4]}{self.ctr}"
                ids.append(nid)
                o, c = r.choice(SHAPES)
                label = r.choice([f"{r.choice(SYSTEMS)} {r.choice(COMPONENTS)}", f"{r.choice(TECH)} {r.choice(NOUN_ID)}s",
                                  f"{r.choice(VERB_ID)} {r.choice(ADJ_ID)} {r.choice(NOUN_ID)}s", f"{r.choice(REGIONS)} {r.choice(['replica', 'primary', 'bucket', 'edge'])}"])
                if o == "{":
                    label = label.split(" ")[0] + "?"
                L.append(f"    {nid}{o}{label}{c}")
            for i in range(1, n):
                a = ids[r.randrange(i)]
                arrow = r.choice(["-->", "-->", "-.->", "==>"])
                if r.random() < 0.4:
                    lab = r.choice([f"{r.randint(1, 900)} {r.choice(['msgs/s', 'MB/s', 'rows', 'req/s'])}", r.choice(LOG_WORDS), f"on {r.choice(['miss', 'error', 'timeout', 'ack', 'flush'])}"])
                    L.append(f"    {a} {arrow}|{lab}| {ids[i]}")
                else:
                    L.append(f"    {a} {arrow} {ids[i]}")
            return L
        L = ["sequenceDiagram"]
        names = r.sample(SYSTEMS, r.randint(3, 5))
        ids = [nm[:2] + str(r.randint(1, 9)) for nm in names]
        for i, nm in zip(ids, names):
            L.append(f"\x00    participant {i} as {nm} {r.choice(['API', 'worker', 'DB', 'broker', 'cache', 'sink'])}")
        for _ in range(r.randint(3, 8)):
            a, b = r.sample(ids, 2)
            verb = r.choice(["GET", "POST", "PUT"])
            msg = r.choice([f"{verb} /v{r.randint(1, 3)}/{r.choice(NOUN_ID)}s ({r.randint(1, 500)})",
                            f"{r.choice(LOG_WORDS)} {r.randint(1, 9999)} {r.choice(NOUN_ID)}s",
                            f"ack offset {r.randint(1000, 10**7)}", f"{r.randint(200, 504)} after {r.randint(1, 9000)}ms"])
            arrow = r.choice(["->>", "-->>", "-)", "->>"])
            L.append(f"    {a}{arrow}{b}: {msg}")
            if r.random() < 0.15:
                L.append(f"    Note over {a},{b}: {self.comment_text()}")
        return L

    # code block wrapper ----------------------------------------------------
    LANGS = [("python", 16), ("go", 10), ("rust", 7), ("sql", 13), ("toml", 5),
             ("dockerfile", 5), ("javascript", 8), ("bash", 12), ("json", 7),
             ("yaml", 9), ("ini", 2), ("text", 5), ("", 4)]
    ALIASES = {"python": ["py"], "javascript": ["js"], "bash": ["sh", "shell"],
               "yaml": ["yml"], "dockerfile": ["Dockerfile"], "text": ["console", "plaintext", "log"],
               "rust": ["rs"], "go": ["golang"]}

    def block_code(self, lang=None):
        r = self.r
        if lang is None:
            lang = r.choices([l for l, _ in self.LANGS], weights=[w for _, w in self.LANGS])[0]
        if lang == "python":
            body = self.code_python()
        elif lang == "go":
            body = self.code_go()
        elif lang == "rust":
            body = self.code_rust()
        elif lang == "sql":
            body = self.code_sql()
        elif lang == "toml":
            body = self.code_toml()
        elif lang == "dockerfile":
            body = self.code_dockerfile()
        elif lang == "javascript":
            body = self.code_javascript()
        elif lang == "bash":
            body = self.code_bash()
        elif lang == "json":
            body = self.code_json()
        elif lang == "yaml":
            body = self.code_yaml()
        elif lang == "ini":
            body = self.code_ini()
        elif lang == "mermaid":
            body = self.code_mermaid()
        else:
            body = self.code_text() if r.random() < 0.6 else [f"$ {self.s_cmd().strip('`')}" for _ in range(r.randint(1, 4))]
        mlang = "text" if lang == "" else lang
        lines = []
        for ln in body:
            if not ln:
                if lines and lines[-1] != "":
                    lines.append("")
                continue
            opt = ln.startswith("\x00")
            if opt:
                ln = ln[1:]
            res = self.u(ln, "opt" if opt else "code", mlang)
            if res is not None:
                lines.append(res)
        while lines and lines[0] == "":
            lines.pop(0)
        while lines and lines[-1] == "":
            lines.pop()
        info = lang
        if lang in self.ALIASES and r.random() < 0.12:
            info = r.choice(self.ALIASES[lang])
        self.emit("mermaid" if lang == "mermaid" else "code", ["```" + info] + lines + ["```"])

    # ------------------------------------------------------------- documents
    BLOCKS = [("paragraph", 42.5), ("list", 9.8), ("quote", 5.3), ("table", 4.9),
              ("code", 9.8), ("rule", 0.7), ("comment", 0.5)]

    def block(self):
        r = self.r
        if r.random() < 1 / 60:
            self.block_code("mermaid")
            return
        kind = r.choices([k for k, _ in self.BLOCKS], weights=[w for _, w in self.BLOCKS])[0]
        getattr(self, "block_" + kind)()

    def doc_title(self):
        r = self.r
        t = self.doc_type
        s = self.doc_sys
        if t == "postmortem":
            return f"Postmortem: {r.choice(SYMPTOMS)} in {s} ({self.doc_tag})"
        if t == "handbook":
            return f"{r.choice(TEAMS)} on-call handbook — {s} rotation, {self.doc_date.year} edition"
        if t == "design":
            return f"{self.doc_tag}: {r.choice(VERB_ID).capitalize()}ing {s} {r.choice(NOUN_ID)}s through {r.choice(TECH)}"
        if t == "capacity":
            return f"Capacity review: {s} Q{(self.doc_date.month - 1) // 3 + 1} {self.doc_date.year} ({self.doc_tag})"
        if t == "migration":
            a, b = r.sample(TECH, 2)
            return f"Migration plan: {a} → {b} for {s} ({self.doc_tag})"
        if t == "slo":
            return f"SLO review — {s} ({r.choice(TEAMS)}), {self.doc_date.strftime('%B %Y')}"
        return f"Vendor evaluation: {r.choice(VENDOR_CATEGORIES)} for {s} ({self.doc_tag})"

    def document(self):
        r = self.r
        self.doc_idx += 1
        self.doc_type = r.choice(list(SECTION_NAMES))
        self.doc_sys = r.choice(SYSTEMS)
        self.doc_date += _dt.timedelta(days=r.randint(1, 9))
        self.doc_tag = f"{DOC_TAG_PREFIX[self.doc_type]}-{self.doc_idx * 10 + r.randint(0, 9) + 100}"
        self.heading(1, self.doc_title())
        if r.random() < 0.75:
            meta = [f"**Owner:** {self.person()} ({r.choice(TEAMS)})", f"**Status:** {r.choice(STATUSES)} ({self.doc_tag})",
                    f"**Last reviewed:** {self.doc_date.isoformat()} by {self.person()}"]
            if r.random() < 0.4:
                meta.append(f"**Reviewers:** {', '.join(self.person() for _ in range(r.randint(2, 4)))}")
            if r.random() < 0.5:
                self.emit("paragraph", self.fin([m + ("  " if i < len(meta) - 1 else "") for i, m in enumerate(meta)]))
            else:
                self.emit("paragraph", self.fin([" · ".join(meta)]))
        for _ in range(r.randint(1, 2)):
            self.block_paragraph()
        names = SECTION_NAMES[self.doc_type]
        chosen = sorted(r.sample(range(len(names)), r.randint(4, min(9, len(names)))))
        for i in chosen:
            self.heading(2, self.section_title(names[i]))
            for _ in range(r.randint(2, 7)):
                x = r.random()
                if x < 0.07:
                    self.heading(3, self.sub_title())
                elif x < 0.09:
                    self.heading(4, self.sub_title())
                self.block()
        self.flush_notes()

    def run(self, target: int) -> str:
        self.target = target
        try:
            while True:
                self.document()
        except _Done:
            pass
        self.finished = True
        self.flush_notes()
        return "".join(self.out)


# ----------------------------------------------------------------------------
# CLI
# ----------------------------------------------------------------------------

def check(text: str) -> tuple[int, int, int]:
    lines = text.split("\n")
    nonblank = [l for l in lines if l.strip()]
    content = [l for l in nonblank if not is_syntax_line(l)]
    return len(nonblank), len(content), len(set(content))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Generate synthetic ops/data-platform Markdown.")
    ap.add_argument("out", help="output path")
    ap.add_argument("bytes", type=int, help="target size in bytes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--check", action="store_true",
                    help="generate into memory and assert every non-syntax line is unique")
    ap.add_argument("--stats", action="store_true", help="print the block-kind mix by bytes")
    a = ap.parse_args(argv)
    g = Gen(a.seed)
    text = g.run(max(1, a.bytes))
    if a.check:
        nonblank, content, uniq = check(text)
        fences = sum(1 for l in text.split("\n") if l.startswith("```"))
        print(f"bytes={len(text.encode('utf-8'))} lines={text.count(chr(10))} nonblank={nonblank} "
              f"content_lines={content} unique_content_lines={uniq} fence_lines={fences} "
              f"fallback_suffixes={g.fallbacks}")
        assert content == uniq, f"{content - uniq} repeated non-syntax lines"
        assert fences % 2 == 0, "unbalanced code fences"
    else:
        with open(a.out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    if a.stats or a.check:
        total = sum(g.stats.values())
        for k, v in sorted(g.stats.items(), key=lambda kv: -kv[1]):
            print(f"  {k:<10} {v:>10} bytes  {100 * v / total:5.1f}%  {g.blocks[k]:>6} blocks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
