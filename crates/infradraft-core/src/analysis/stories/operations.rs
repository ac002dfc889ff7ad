//! The story rules of the operational components (security, monitoring, CI/CD, disaster recovery,
//! cost, environment transition, shared responsibility, evolution, collaboration and verification)
//! are data: the second part of `assets/stories/rules.ron`, after the platform components' and
//! before the generic rule, loaded by [`crate::knowledge::story_rules`]. In template order; within
//! a component, specific rules before the general ones. This module checks that order.

#[cfg(test)]
mod tests {
    use super::super::platform::tests::assert_in_template_order;

    #[test]
    fn the_operational_rules_follow_the_platform_ones_in_template_order() {
        let found = assert_in_template_order(&[
            "security-architecture",
            "monitoring-observability",
            "ci-cd-pipeline",
            "disaster-recovery",
            "cost-optimization",
            "environment-transition-strategy",
            "shared-responsibility-model",
            "infrastructure-evolution-plan",
            "cross-team-collaboration-model",
            "infrastructure-verification-approach",
        ]);
        assert_eq!(found, (36..75).collect::<Vec<_>>());
    }
}
