//! The network topology diagram (see the parent module for what shapes it).

use super::context::*;
use super::source::*;

pub(super) fn network_topology(cx: &Context) -> String {
    let choices = [
        &cx.network,
        &cx.compute,
        &cx.data,
        &cx.recovery,
        &cx.security,
        &cx.edge,
        &cx.cloud,
    ];
    let provenance = Context::provenance(
        &choices,
        &[
            "network-architecture",
            "compute-resources",
            "data-resources",
            "disaster-recovery",
            "security-architecture",
            "security-edge-protection",
            "cloud-provider-strategy",
        ],
    );
    let mut m = Source::new("flowchart TB", &provenance);
    let provider = cx.provider();
    let vpc = provider.network();
    let net = |tag: &str| cx.network.as_ref().is_some_and(|n| n.has(tag));
    let compute = |tag: &str| cx.compute.as_ref().is_some_and(|c| c.has(tag));
    let multi_az = Context::any(
        &[&cx.network, &cx.compute, &cx.data, &cx.recovery],
        "multi-az",
    );
    let dr_region = Context::any(&[&cx.recovery, &cx.data, &cx.cloud], "multi-region")
        || Context::any(&[&cx.recovery], "pilot-light")
        || Context::any(&[&cx.recovery], "warm-standby")
        || Context::any(&[&cx.recovery], "active-active");
    let functions = compute("functions")
        || (compute("serverless")
            && !compute("containers")
            && !compute("kubernetes")
            && !compute("vms"));
    let database_in_network = match &cx.data {
        None => true,
        Some(d) => {
            (d.has("sql") || d.has("distributed-sql") || d.has("kafka") || d.has("self-managed"))
                && !d.has("nosql")
        }
    };
    let app = cx
        .compute
        .as_ref()
        .map_or("Application tier".to_string(), |c| c.name().to_string());
    let db = cx
        .data
        .as_ref()
        .map_or("Database".to_string(), |d| d.name().to_string());
    let zones: Vec<(&str, &str)> = if multi_az {
        vec![("a", "A"), ("b", "B")]
    } else {
        vec![("a", "")]
    };
    let waf = Context::any(&[&cx.security, &cx.edge, &cx.network], "waf");

    m.node("users", Shape::Stadium, "Users");
    m.node(
        "edge",
        Shape::Box,
        if waf {
            "Edge: DNS, CDN and WAF"
        } else {
            "Edge: DNS and CDN"
        },
    );
    if net("hub-and-spoke") {
        let hub_title = match &cx.network {
            Some(n) => format!("Hub {vpc}: {}", n.name()),
            None => format!("Hub {vpc}"),
        };
        m.open("hub", &hub_title);
        m.node("ingress", Shape::Box, "Ingress firewall and load balancer");
        m.node("egress", Shape::Box, "Egress firewall and shared services");
        m.close();
    }
    let network_title = match &cx.network {
        Some(n) if n.has("hub-and-spoke") => format!("Workload spoke {vpc}"),
        Some(n) if n.has("shared-vpc") => format!("Shared {vpc}: {}", n.name()),
        Some(n) if n.has("isolated-networks") => format!("Production {vpc}: {}", n.name()),
        Some(n) => format!("{vpc}: {}", n.name()),
        None => vpc.to_string(),
    };
    let app_ids: Vec<String>;
    let db_ids: Vec<String>;
    // Functions with a managed data store leave nothing inside the workload network.
    let network_used = !functions || database_in_network;
    if network_used {
        m.open("net", &network_title);
    }
    if !net("hub-and-spoke") && !functions {
        m.node("ingress", Shape::Box, "Load balancer");
    }
    if functions {
        app_ids = vec!["functions".to_string()];
        if database_in_network {
            db_ids = zone_databases(&mut m, provider, &zones, &db);
        } else {
            db_ids = Vec::new();
        }
    } else {
        let mut apps = Vec::new();
        let mut dbs = Vec::new();
        for (i, (id, name)) in zones.iter().enumerate() {
            let title = if name.is_empty() {
                "Private subnets".to_string()
            } else {
                format!("{} {name}: private subnets", provider.zone())
            };
            m.open(&format!("zone_{id}"), &title);
            let app_id = format!("app_{id}");
            m.node(&app_id, Shape::Box, &app);
            apps.push(app_id);
            if database_in_network {
                let db_id = format!("db_{id}");
                let role = match (zones.len(), i) {
                    (1, _) => db.clone(),
                    (_, 0) => format!("{db}: primary"),
                    _ => format!("{db}: standby"),
                };
                m.node(&db_id, Shape::Database, &role);
                dbs.push(db_id);
            }
            m.close();
        }
        app_ids = apps;
        db_ids = dbs;
    }
    if network_used {
        m.close();
    }
    if functions || !database_in_network {
        m.open("managed", "Provider-managed services");
        if functions {
            m.node("gateway", Shape::Box, "API gateway");
            m.node("functions", Shape::Box, &app);
        }
        if !database_in_network {
            m.node("db_managed", Shape::Database, &db);
        }
        m.close();
    }
    if dr_region {
        let title = match &cx.recovery {
            Some(r) => format!("Secondary region: {}", r.name()),
            None => "Secondary region".to_string(),
        };
        m.open("dr", &title);
        let standby = if cx.recovery.as_ref().is_some_and(|r| r.has("pilot-light")) {
            "Application tier, scaled down"
        } else if cx.recovery.as_ref().is_some_and(|r| r.has("active-active")) {
            "Application tier, active"
        } else {
            "Application tier, standby"
        };
        m.node("dr_app", Shape::Box, standby);
        m.node("dr_db", Shape::Database, "Database replica");
        m.close();
    }
    let zero_trust = net("zero-trust");
    if zero_trust {
        m.node("admins", Shape::Stadium, "Administrators");
        m.node("access", Shape::Box, "Zero-trust access proxy");
    }

    // Connections.
    m.edge("users", "-->", "edge", Some("HTTPS"));
    if functions {
        if net("hub-and-spoke") {
            m.edge("edge", "-->", "ingress", None);
            m.edge("ingress", "-->", "gateway", None);
        } else {
            m.edge("edge", "-->", "gateway", None);
        }
        m.edge("gateway", "-->", "functions", None);
    } else {
        m.edge("edge", "-->", "ingress", None);
        for a in &app_ids {
            m.edge("ingress", "-->", a, None);
        }
    }
    let primary = db_ids
        .first()
        .cloned()
        .unwrap_or_else(|| "db_managed".to_string());
    for a in &app_ids {
        if database_in_network && !functions {
            // Each zone's application tier writes to the primary.
            m.edge(a, "-->", &primary, None);
        } else if database_in_network {
            m.edge(a, "-->", &primary, Some("VPC access"));
        } else {
            m.edge(a, "-->", &primary, Some("private endpoint"));
        }
    }
    if db_ids.len() > 1 {
        m.edge(
            &db_ids[0],
            "-.->",
            &db_ids[1],
            Some("synchronous replication"),
        );
    }
    if net("hub-and-spoke") {
        for a in &app_ids {
            m.edge(a, "-.->", "egress", Some("outbound"));
        }
    }
    if dr_region {
        m.edge(&primary, "-.->", "dr_db", Some("cross-region replication"));
        m.edge("edge", "-.->", "dr_app", Some("failover"));
        m.edge("dr_app", "-->", "dr_db", None);
    }
    if zero_trust && let Some(first) = app_ids.first() {
        m.edge("admins", "-->", "access", Some("identity-aware"));
        m.edge("access", "-->", first, None);
    }
    m.finish()
}

/// Database nodes spread over `zones` inside the current network subgraph (for functions, whose
/// application tier is outside the network); returns their ids, the primary first.
pub(super) fn zone_databases(
    m: &mut Source,
    provider: Provider,
    zones: &[(&str, &str)],
    db: &str,
) -> Vec<String> {
    let mut ids = Vec::new();
    for (i, (id, name)) in zones.iter().enumerate() {
        let title = if name.is_empty() {
            "Private data subnets".to_string()
        } else {
            format!("{} {name}: private data subnets", provider.zone())
        };
        m.open(&format!("zone_{id}"), &title);
        let db_id = format!("db_{id}");
        let role = match (zones.len(), i) {
            (1, _) => db.to_string(),
            (_, 0) => format!("{db}: primary"),
            _ => format!("{db}: standby"),
        };
        m.node(&db_id, Shape::Database, &role);
        ids.push(db_id);
        m.close();
    }
    ids
}
