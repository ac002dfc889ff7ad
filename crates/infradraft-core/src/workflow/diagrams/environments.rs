//! The environment relationships diagram (see the parent module for what shapes it).

use super::context::*;
use super::source::*;

pub(super) fn environment_relationships(cx: &Context) -> String {
    let choices = [&cx.environments, &cx.transition, &cx.recovery];
    let provenance = Context::provenance(
        &choices,
        &[
            "environment-configuration",
            "environment-transition-strategy",
            "disaster-recovery",
        ],
    );
    let mut m = Source::new("flowchart LR", &provenance);
    let provider = cx.provider();
    let account = provider.account();
    let env = |tag: &str| cx.environments.as_ref().is_some_and(|e| e.has(tag));
    let previews = env("ephemeral-environments");
    let dr = Context::any(&[&cx.recovery], "multi-region")
        || Context::any(&[&cx.recovery], "pilot-light")
        || Context::any(&[&cx.recovery], "warm-standby")
        || Context::any(&[&cx.recovery], "active-active");
    let environments = [
        ("dev", "Development"),
        ("staging", "Staging"),
        ("prod", "Production"),
    ];

    if previews {
        m.node("pr", Shape::Stadium, "Pull request");
    }
    if env("account-per-environment") {
        for (id, name) in environments {
            m.open(&format!("{id}_account"), &format!("{name} {account}"));
            m.node(id, Shape::Box, name);
            if id == "dev" && previews {
                m.node(
                    "preview",
                    Shape::Box,
                    "Preview environments per pull request",
                );
            }
            m.close();
        }
    } else if env("prod-nonprod-split") {
        m.open("nonprod", &format!("Non-production {account}"));
        if previews {
            m.node(
                "preview",
                Shape::Box,
                "Preview environments per pull request",
            );
        }
        m.node("dev", Shape::Box, "Development");
        m.node("staging", Shape::Box, "Staging");
        m.close();
        m.open("production", &format!("Production {account}"));
        m.node("prod", Shape::Box, "Production");
        m.close();
    } else if env("shared-account") {
        let title = match &cx.environments {
            Some(e) => e.name().to_string(),
            None => "Shared cluster".to_string(),
        };
        m.open("shared", &title);
        if previews {
            m.node(
                "preview",
                Shape::Box,
                "Preview environments per pull request",
            );
        }
        for (id, name) in environments {
            m.node(id, Shape::Box, &format!("{name} namespace"));
        }
        m.close();
    } else {
        if previews {
            let title = match &cx.environments {
                Some(e) => e.name().to_string(),
                None => "Preview environments".to_string(),
            };
            m.node("preview", Shape::Box, &title);
        }
        for (id, name) in environments {
            m.node(id, Shape::Box, name);
        }
    }
    if dr {
        let title = match &cx.recovery {
            Some(r) => format!("DR region: {}", r.name()),
            None => "DR region".to_string(),
        };
        m.node("dr", Shape::Box, &title);
    }

    if previews {
        m.edge("pr", "-->", "preview", Some("deploy per pull request"));
        m.edge("preview", "-->", "dev", Some("merge"));
    }
    m.edge("dev", "-->", "staging", Some("promote"));
    let to_production = cx
        .transition
        .as_ref()
        .map_or("promote".to_string(), |t| t.name().to_string());
    m.edge("staging", "-->", "prod", Some(&to_production));
    if dr {
        m.edge("prod", "-.->", "dr", Some("replication and failover"));
    }
    m.finish()
}
