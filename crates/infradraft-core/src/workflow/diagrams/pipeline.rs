//! The deployment pipeline diagram (see the parent module for what shapes it).

use super::context::*;
use super::source::*;

pub(super) fn deployment_pipeline(cx: &Context) -> String {
    let choices = [&cx.cicd, &cx.transition, &cx.iac, &cx.compute];
    let provenance = Context::provenance(
        &choices,
        &[
            "ci-cd-pipeline",
            "environment-transition-strategy",
            "infrastructure-as-code",
            "compute-resources",
        ],
    );
    let mut m = Source::new("flowchart LR", &provenance);
    let delivery = [&cx.cicd, &cx.transition];
    let gitops = Context::any(&delivery, "gitops");
    let manual = Context::any(&delivery, "manual-approval");
    let canary = Context::any(&delivery, "canary");
    let blue_green = Context::any(&delivery, "blue-green");
    let flags = Context::any(&delivery, "feature-flags");
    let containers =
        Context::any(&[&cx.compute], "containers") || Context::any(&[&cx.compute], "kubernetes");

    let ci_title = match &cx.cicd {
        Some(c) => format!("CI: {}", c.name()),
        None => "Continuous integration".to_string(),
    };
    let tests: Vec<&str> = [
        ("unit-tests", "unit"),
        ("integration-tests", "integration"),
        ("contract-tests", "contract"),
    ]
    .into_iter()
    .filter(|(t, _)| cx.facts.contains(*t))
    .map(|(_, n)| n)
    .collect();
    let test_label = match tests.as_slice() {
        [] => "Automated tests".to_string(),
        [one] => format!("{} tests", capitalise(one)),
        [init @ .., last] => format!("{} and {last} tests", capitalise(&init.join(", "))),
    };
    let staging_checks: Vec<&str> = [("e2e-tests", "end-to-end"), ("load-tests", "load")]
        .into_iter()
        .filter(|(t, _)| cx.facts.contains(*t))
        .map(|(_, n)| n)
        .collect();
    let staging = match staging_checks.as_slice() {
        [] => "Deploy to staging".to_string(),
        [one] => format!("Deploy to staging, {one} tests"),
        [a, b] => format!("Deploy to staging, {a} and {b} tests"),
        _ => "Deploy to staging".to_string(),
    };

    m.node("commit", Shape::Stadium, "Commit and pull request");
    m.open("ci", &ci_title);
    m.node("build", Shape::Box, "Build");
    m.node("test", Shape::Box, &test_label);
    m.node("scan", Shape::Box, "Security scan");
    m.close();
    m.node(
        "registry",
        Shape::Database,
        if containers {
            "Container registry"
        } else {
            "Artifact registry"
        },
    );
    if let Some(iac) = &cx.iac {
        m.node(
            "plan",
            Shape::Box,
            &format!("Infrastructure plan and apply: {}", iac.name()),
        );
    }
    if gitops {
        let agent = match &cx.cicd {
            Some(c) if c.has("argocd") && !c.has("flux") => "GitOps agent: Argo CD",
            Some(c) if c.has("flux") && !c.has("argocd") => "GitOps agent: Flux",
            _ => "GitOps agent",
        };
        m.node("envrepo", Shape::Database, "Environment repository");
        m.node("agent", Shape::Hexagon, agent);
    }
    m.node("dev", Shape::Box, "Deploy to dev");
    m.node("staging", Shape::Box, &staging);
    m.node(
        "approval",
        Shape::Decision,
        if manual {
            "Manual approval"
        } else {
            "Release approval"
        },
    );
    if canary {
        m.node("canary", Shape::Box, "Canary release");
        m.node("analysis", Shape::Decision, "Automated analysis");
        m.node("rollback", Shape::Round, "Roll back");
    }
    if blue_green {
        m.node("green", Shape::Box, "Deploy to idle colour");
        m.node("switch", Shape::Decision, "Switch traffic");
    }
    let production = if let Some(t) = &cx.transition {
        format!("Production: {}", t.name())
    } else {
        "Production".to_string()
    };
    m.node("prod", Shape::Stadium, &production);
    if flags {
        m.node("flags", Shape::Box, "Release behind feature flags");
    }

    m.edge("commit", "-->", "build", None);
    m.edge("build", "-->", "test", None);
    m.edge("test", "-->", "scan", None);
    m.edge("scan", "-->", "registry", Some("publish"));
    if cx.iac.is_some() {
        m.edge("scan", "-->", "plan", None);
        m.edge("plan", "-.->", "dev", Some("infrastructure"));
    }
    if gitops {
        m.edge("registry", "-->", "envrepo", Some("update image tag"));
        m.edge("envrepo", "-->", "agent", None);
        m.edge("agent", "-->", "dev", Some("sync"));
    } else {
        m.edge("registry", "-->", "dev", None);
    }
    m.edge("dev", "-->", "staging", Some("promote"));
    m.edge("staging", "-->", "approval", None);
    let mut last = "approval".to_string();
    let mut last_label = Some("approved");
    if canary {
        m.edge(&last, "-->", "canary", last_label);
        m.edge("canary", "-->", "analysis", None);
        m.edge("analysis", "-->", "rollback", Some("fail"));
        last = "analysis".to_string();
        last_label = Some("pass");
    }
    if blue_green {
        m.edge(&last, "-->", "green", last_label);
        m.edge("green", "-->", "switch", None);
        last = "switch".to_string();
        last_label = None;
    }
    m.edge(&last, "-->", "prod", last_label);
    if flags {
        m.edge("prod", "-->", "flags", None);
    }
    m.finish()
}
