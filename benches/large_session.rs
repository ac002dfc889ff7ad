//! The large session of the performance budgets, generated deterministically: 40 components
//! with 4 options each, the given amount of infrastructure-style section text, 20 diagrams.
//! Shared by `benches/workbench.rs` and `examples/large_session.rs`.
#![allow(dead_code)]

use infradraft::model::{
    ComponentDesign, Diagram, DiagramKind, InteractionMode, OptionCard, Ratings, Section,
    SectionStatus, Session,
};
use jiff::Timestamp;

pub const KB: usize = 1024;
pub const MB: usize = 1024 * KB;

/// One section's worth of Markdown, repeated until it is `bytes` long.
fn section_text(i: usize, bytes: usize) -> String {
    let block = format!(
        "### Tier {i} capacity\n\n\
         The tier runs behind the shared load balancer in two zones. Scaling follows request rate \
         with a floor of two instances and a ceiling of twenty.\n\n\
         - Minimum instances: 2\n- Maximum instances: 20\n- Target CPU: 60 %\n\n\
         | Environment | Instances | Size |\n|---|---|---|\n| dev | 1 | small |\n| staging | 2 | medium |\n| prod | 4 | large |\n\n\
         ```yaml\nservice: tier-{i}\nreplicas: 4\nresources:\n  cpu: 500m\n  memory: 1Gi\n```\n\n\
         ```hcl\nresource \"aws_autoscaling_group\" \"tier_{i}\" {{\n  min_size = 2\n  max_size = 20\n}}\n```\n\n"
    );
    let mut out = String::with_capacity(bytes + block.len());
    while out.len() < bytes {
        out.push_str(&block);
    }
    out
}

fn card(c: usize, o: usize) -> OptionCard {
    OptionCard {
        id: format!("option-{o}"),
        name: format!("Option {o} for component {c}"),
        summary: "A managed service that runs the workload with little operational effort.".into(),
        pros: vec![
            "Little to operate day to day.".into(),
            "Scales with demand automatically.".into(),
            "Well known to the team.".into(),
        ],
        cons: vec![
            "Costs more at steady high load.".into(),
            "Ties the design to one provider.".into(),
            "Limits low-level tuning.".into(),
        ],
        ratings: Ratings {
            cost: Some(3),
            complexity: Some(2),
            operational_burden: Some(2),
            lock_in: Some(4),
            fit: Some(4),
        },
        tags: vec!["containers".into(), "managed".into()],
        conflicts_with: vec![],
        catalog_id: None,
        capabilities: Default::default(),
        answers: Vec::new(),
        realised_on: String::new(),
    }
}

/// The large session of the budgets, with `text_bytes` of section text in all.
pub fn large_session(text_bytes: usize) -> Session {
    with_sections(|i| section_text(i, text_bytes / 40))
}

/// The large session with `text` (Markdown written elsewhere, such as by
/// `scripts/gen_ops_markdown.py`) cut at block boundaries into its 40 sections.
pub fn large_session_of(text: &str) -> Session {
    let per = text.len() / 40 + 1;
    let mut parts: Vec<String> = Vec::with_capacity(40);
    let mut current = String::new();
    for block in text.split_inclusive("\n\n") {
        if current.len() >= per && parts.len() < 39 && fences_closed(&current) {
            parts.push(std::mem::take(&mut current));
        }
        current.push_str(block);
    }
    parts.push(current);
    parts.resize(40, String::new());
    with_sections(|i| std::mem::take(&mut parts[i]))
}

/// Whether every code fence opened in `md` is closed (so that a cut after it keeps blocks whole).
fn fences_closed(md: &str) -> bool {
    md.lines()
        .filter(|l| l.trim_start().starts_with("```"))
        .count()
        % 2
        == 0
}

fn with_sections(mut body: impl FnMut(usize) -> String) -> Session {
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let mut s = Session::empty("Large", "Bench", now);
    s.mode = Some(InteractionMode::Incremental);
    for i in 0..40 {
        let id = format!("component-{i:02}");
        s.sections.push(Section {
            id: id.clone(),
            title: format!("Component {i}"),
            status: SectionStatus::Drafted,
            hand_edited: true,
            body: body(i),
            generated: Some(String::new()),
        });
        let mut c = ComponentDesign::new(&id, "What this component provides and why it matters.");
        c.options = (0..4).map(|o| card(i, o)).collect();
        s.components.push(c);
    }
    for d in 0..20 {
        s.diagrams.push(Diagram {
            id: format!("diagram-{d}"),
            kind: DiagramKind::Custom,
            title: format!("Diagram {d}"),
            section: Some(format!("component-{:02}", d * 2)),
            source: "flowchart LR\n  users --> lb[Load balancer]\n  lb --> app[App]\n  app --> db[(Database)]\n  app --> cache[(Cache)]".into(),
        });
    }
    s
}
