//! The data flow diagram (see the parent module for what shapes it).

use super::context::*;
use super::source::*;
use crate::knowledge::diagram_products::diagram_products;

pub(super) fn data_flow(cx: &Context) -> String {
    let choices = [&cx.data, &cx.cache, &cx.messaging, &cx.objects, &cx.compute];
    let mut provenance = Context::provenance(
        &choices,
        &[
            "data-resources",
            "data-cache",
            "data-messaging",
            "data-object-storage",
            "compute-resources",
        ],
    );
    let products = diagram_products();
    let cache = supporting(cx, &products.caches, "Cache");
    let objects = supporting(cx, &products.object_stores, "Files");
    let queue = supporting(cx, &products.queues, "Queue");
    let stream = supporting(cx, &products.streams, "Event stream");
    let bus = supporting(cx, &products.buses, "Event bus");
    let from_inputs: Vec<&String> = [&cache, &objects, &queue, &stream, &bus]
        .into_iter()
        .flatten()
        .filter(|l| l.ends_with(", from the inputs"))
        .collect();
    if !from_inputs.is_empty() {
        provenance.push(format!(
            "also from the inputs' facts: {}",
            from_inputs
                .iter()
                .map(|l| l.trim_end_matches(", from the inputs"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut m = Source::new("flowchart LR", &provenance);
    let compute = |tag: &str| cx.compute.as_ref().is_some_and(|c| c.has(tag));
    let functions_only = compute("functions")
        || (compute("serverless")
            && !compute("containers")
            && !compute("kubernetes")
            && !compute("vms"));
    let services = match &cx.compute {
        Some(c) => format!("Services: {}", c.name()),
        None => "Application services".to_string(),
    };
    // The data choice is the primary database when it is one; a queue or stream choice leaves
    // the database generic.
    let data_is_database = cx
        .data
        .as_ref()
        .is_some_and(|d| products.databases.iter().any(|t| d.has(t)));
    let database = match &cx.data {
        Some(d) if data_is_database => format!("Primary database: {}", d.name()),
        _ => "Primary database".to_string(),
    };
    let functions_too = !functions_only
        && (cx.facts.contains("serverless")
            || Context::any(&[&cx.cloud, &cx.compute], "functions"));

    m.node("clients", Shape::Stadium, "Clients");
    m.node(
        "api",
        Shape::Box,
        if functions_only {
            "API gateway"
        } else {
            "API and load balancer"
        },
    );
    m.node("services", Shape::Box, &services);
    m.node("database", Shape::Database, &database);
    if let Some(c) = &cache {
        m.node("cache", Shape::Database, c);
    }
    if let Some(o) = &objects {
        m.node("files", Shape::Database, o);
    }
    if let Some(q) = &queue {
        m.node("queue", Shape::Queue, q);
        m.node("workers", Shape::Box, "Background workers");
    }
    if let Some(s) = &stream {
        m.node("stream", Shape::Queue, s);
        m.node("consumers", Shape::Box, "Stream consumers");
    }
    if let Some(b) = &bus {
        m.node("bus", Shape::Queue, b);
        if functions_too {
            m.node("functions", Shape::Box, "Event-driven functions");
        }
    }

    m.edge("clients", "-->", "api", Some("HTTPS requests"));
    m.edge("api", "-->", "services", None);
    m.edge("services", "-->", "database", Some("reads and writes"));
    if cache.is_some() {
        m.edge("services", "-->", "cache", Some("cached reads"));
    }
    if objects.is_some() {
        m.edge("services", "-->", "files", Some("uploads and downloads"));
    }
    if queue.is_some() {
        m.edge("services", "-->", "queue", Some("enqueue jobs"));
        m.edge("queue", "-->", "workers", Some("consume"));
        m.edge("workers", "-->", "database", None);
    }
    if stream.is_some() {
        m.edge("services", "-->", "stream", Some("publish events"));
        m.edge("stream", "-->", "consumers", Some("subscribe"));
    }
    if bus.is_some() {
        m.edge("services", "-->", "bus", Some("domain events"));
        if queue.is_some() {
            m.edge("bus", "-->", "queue", Some("routed events"));
        }
        if functions_too {
            m.edge("bus", "-->", "functions", None);
        }
    }
    m.finish()
}
