//! The story rules of the platform components (cloud provider strategy, infrastructure as code,
//! environment configuration, network, compute and data) are data: the first part of
//! `assets/stories/rules.ron`, loaded by [`crate::knowledge::story_rules`]. In template order;
//! within a component, specific rules before the fallback. This module checks that order, which
//! drafting depends on (a fallback fires only when no rule before it gave the component a story).

#[cfg(test)]
pub(super) mod tests {
    use crate::knowledge::story_rules::StoryRule;

    /// The sections whose rules this part holds, in template order.
    const SECTIONS: &[&str] = &[
        "cloud-provider-strategy",
        "infrastructure-as-code",
        "environment-configuration",
        "network-architecture",
        "compute-resources",
        "data-resources",
    ];

    /// Asserts that the built-in rules of `sections` (those whose first component is in one) come
    /// in the order of `sections`, each section having some, and that no rule follows the fallback
    /// of its first component. A rule stands with the section of one of the components it names,
    /// the earliest that keeps the order (a rule for CI/CD and environment transition may stand
    /// with either). Returns the index of each such rule.
    pub(in crate::analysis::stories) fn assert_in_template_order(sections: &[&str]) -> Vec<usize> {
        let template = crate::knowledge::Template::builtin().unwrap();
        let rules = crate::knowledge::story_rules::builtin().unwrap();
        let places = |r: &StoryRule| -> Vec<usize> {
            r.on.iter()
                .filter_map(|c| {
                    let section = &template.decision(c).expect(c).section.id;
                    sections.iter().position(|s| s == section)
                })
                .collect()
        };
        let ours = |r: &StoryRule| {
            let first = &template.decision(&r.on[0]).expect(&r.on[0]).section.id;
            sections.contains(&first.as_str())
        };
        let mut at = 0;
        let mut closed: Vec<&str> = Vec::new();
        let mut found = Vec::new();
        for (n, r) in rules.rules.iter().enumerate() {
            let places = places(r);
            if !ours(r) {
                continue;
            }
            let Some(i) = places.iter().copied().filter(|i| *i >= at).min() else {
                panic!("{:?} comes after {}", r.title, sections[at]);
            };
            at = i;
            assert!(
                !closed.contains(&r.on[0].as_str()),
                "{:?} comes after the fallback of {}",
                r.title,
                r.on[0]
            );
            if r.fallback {
                closed.push(&r.on[0]);
            }
            found.push(n);
        }
        for (i, s) in sections.iter().enumerate() {
            assert!(
                rules
                    .rules
                    .iter()
                    .any(|r| ours(r) && places(r).contains(&i)),
                "no rule for {s}"
            );
        }
        found
    }

    #[test]
    fn the_platform_rules_come_first_in_template_order() {
        let found = assert_in_template_order(SECTIONS);
        assert_eq!(found, (0..found.len()).collect::<Vec<_>>());
        assert_eq!(found.len(), 36);
    }
}
