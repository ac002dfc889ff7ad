//! The arithmetic and prefill core of the advanced elicitation worksheets (actions 1–7 of step e of
//! a component's design). Pure functions: no I/O, no terminal, and no panics on any input.
//!
//! - [`matrix`]: decision matrix (weighted totals, ranking, weight sensitivity).
//! - [`stress`]: theoretical load growth, instance counts and the first tier to saturate.
//! - [`security`]: the security and compliance question bank, gap list and tally.
//! - [`cost`]: monthly totals, optimisation levers and the comparison of options.
//! - [`reliability`]: error budgets, composite availability and RTO/RPO checks.
//! - [`integration`]: teams, touchpoints, RACI defaults and checks, section dependencies.
//! - [`migration`]: lock-in, migration steps dated in quarters, technologies to watch.
//! - [`prefill`]: a first worksheet built from the session.
//! - [`report`]: the computed results as Markdown and as a one-line summary.

pub mod cost;
pub mod integration;
pub mod matrix;
pub mod migration;
pub mod prefill;
pub mod reliability;
pub mod report;
pub mod security;
pub mod stress;

pub use prefill::prefill;
pub use report::{results_markdown, summary_line, summary_line_with};

/// The template section ids (`assets/template.ron`) that the worksheets know by name.
pub mod ids {
    pub const CLOUD_PROVIDER: &str = "cloud-provider-strategy";
    pub const IAC: &str = "infrastructure-as-code";
    pub const ENVIRONMENTS: &str = "environment-configuration";
    pub const NETWORK: &str = "network-architecture";
    pub const COMPUTE: &str = "compute-resources";
    pub const DATA: &str = "data-resources";
    pub const SECURITY: &str = "security-architecture";
    pub const MONITORING: &str = "monitoring-observability";
    pub const CI_CD: &str = "ci-cd-pipeline";
    pub const DR: &str = "disaster-recovery";
    pub const COST: &str = "cost-optimization";
    pub const TRANSITION: &str = "environment-transition-strategy";
    pub const SHARED_RESPONSIBILITY: &str = "shared-responsibility-model";
    pub const EVOLUTION: &str = "infrastructure-evolution-plan";
    pub const COLLABORATION: &str = "cross-team-collaboration-model";
    pub const VERIFICATION: &str = "infrastructure-verification-approach";

    /// All of them, in template order.
    pub const ALL: [&str; 16] = [
        CLOUD_PROVIDER,
        IAC,
        ENVIRONMENTS,
        NETWORK,
        COMPUTE,
        DATA,
        SECURITY,
        MONITORING,
        CI_CD,
        DR,
        COST,
        TRANSITION,
        SHARED_RESPONSIBILITY,
        EVOLUTION,
        COLLABORATION,
        VERIFICATION,
    ];
}

/// `x` when it is finite and positive, else 0: how weights, prices and quantities are read.
pub(crate) fn non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

/// `x` clamped to `[0, 1]`; non-finite values count as 0.
pub(crate) fn fraction(x: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, 1.0)
    } else {
        0.0
    }
}
