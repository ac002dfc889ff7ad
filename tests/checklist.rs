//! The shipped review checklist: large enough, well-formed, linked to real template sections, and
//! conditional only on tags that options really carry.

use std::collections::HashSet;

use infradraft::knowledge::Template;
use infradraft::knowledge::checklist::{Checklist, ChecklistSeverity};
use infradraft::knowledge::tags::is_known;

const NAMED_CATEGORIES: &[&str] = &[
    "security-compliance",
    "infrastructure-as-code",
    "resilience-availability",
    "backup-disaster-recovery",
    "monitoring-observability",
    "performance-cost",
    "operations-governance",
    "ci-cd",
    "networking",
    "documentation",
    "container-platform",
    "gitops",
    "service-mesh",
    "developer-platform",
];

#[test]
fn the_checklist_has_enough_items_and_every_named_category() {
    let checklist = Checklist::builtin().expect("the built-in checklist loads");
    assert!(checklist.len() >= 150, "{} items", checklist.len());
    assert!(
        checklist.categories.len() >= 12,
        "{} categories",
        checklist.categories.len()
    );
    for id in NAMED_CATEGORIES {
        let items = checklist
            .category_items(id)
            .unwrap_or_else(|| panic!("category {id} is missing"));
        assert!(items.len() >= 8, "{id} has only {} items", items.len());
    }
    // Every severity is used, and not everything is critical.
    let severities: HashSet<ChecklistSeverity> =
        checklist.items().map(|(_, i)| i.severity).collect();
    assert_eq!(severities.len(), ChecklistSeverity::ALL.len());
    let critical = checklist
        .items()
        .filter(|(_, i)| i.severity == ChecklistSeverity::Critical)
        .count();
    assert!(critical * 4 < checklist.len(), "{critical} critical items");
}

#[test]
fn ids_are_unique_and_item_ids_share_their_category_prefix() {
    let checklist = Checklist::builtin().unwrap();
    let mut categories = HashSet::new();
    for (category, items) in &checklist.categories {
        assert!(
            categories.insert(category.id.as_str()),
            "duplicate category {}",
            category.id
        );
        assert!(!category.title.trim().is_empty(), "{}", category.id);
        let prefix = items[0].id.rsplit_once('-').unwrap().0;
        for (n, item) in items.iter().enumerate() {
            assert_eq!(
                item.id,
                format!("{prefix}-{:02}", n + 1),
                "{}: items are numbered <prefix>-NN in order",
                category.id
            );
        }
    }
    let mut ids = HashSet::new();
    for (_, item) in checklist.items() {
        assert!(ids.insert(item.id.as_str()), "duplicate item {}", item.id);
    }
    let prefixes: HashSet<&str> = checklist
        .categories
        .iter()
        .map(|(_, items)| items[0].id.rsplit_once('-').unwrap().0)
        .collect();
    assert_eq!(prefixes.len(), checklist.categories.len());
}

#[test]
fn every_item_links_to_sections_of_the_builtin_template() {
    let checklist = Checklist::builtin().unwrap();
    let template = Template::builtin().unwrap();
    assert_eq!(checklist.validate_against(&template), Vec::<String>::new());
    for (_, item) in checklist.items() {
        assert!(!item.sections.is_empty(), "{} has no sections", item.id);
        let unique: HashSet<&String> = item.sections.iter().collect();
        assert_eq!(
            unique.len(),
            item.sections.len(),
            "{}: repeated section",
            item.id
        );
        for section in &item.sections {
            assert!(
                template.section(section).is_some(),
                "{}: unknown section {section}",
                item.id
            );
        }
    }
    // Every section of the template is validated by some item.
    let linked: HashSet<&str> = checklist
        .items()
        .flat_map(|(_, i)| i.sections.iter().map(String::as_str))
        .collect();
    for section in &template.sections {
        assert!(
            linked.contains(section.id.as_str()),
            "no item validates section {}",
            section.id
        );
    }
}

#[test]
fn texts_are_substantial_single_sentences() {
    let checklist = Checklist::builtin().unwrap();
    let mut texts = HashSet::new();
    for (_, item) in checklist.items() {
        for (what, text) in [("text", &item.text), ("why", &item.why)] {
            assert!(
                text.trim().len() > 30,
                "{}: {what} too thin: {text:?}",
                item.id
            );
            assert!(text.ends_with('.'), "{}: {what} is not a sentence", item.id);
            assert_eq!(
                text.trim(),
                text,
                "{}: {what} has stray whitespace",
                item.id
            );
        }
        assert!(
            texts.insert(item.text.as_str()),
            "{}: duplicate text",
            item.id
        );
    }
}

#[test]
fn conditional_categories_use_known_tags_that_options_carry() {
    let checklist = Checklist::builtin().unwrap();
    let catalog = infradraft::knowledge::Catalog::builtin().unwrap();
    let option_tags: HashSet<String> = catalog
        .entries()
        .flat_map(|(_, o)| infradraft::inputs::extract::expand_tags(&o.tags))
        .collect();
    let mut conditional = 0;
    for (category, _) in &checklist.categories {
        let Some(tags) = &category.applies_when else {
            continue;
        };
        conditional += 1;
        assert!(!tags.is_empty(), "{}", category.id);
        for tag in tags {
            assert!(
                is_known(tag) && !tag.starts_with("no-"),
                "{}: unknown tag {tag:?}",
                category.id
            );
        }
        // At least one tag a catalog option can bring into a decision, or the category never applies.
        assert!(
            tags.iter().any(|t| option_tags.contains(t)),
            "{}: no catalog option carries any of {tags:?}",
            category.id
        );
    }
    assert!(conditional >= 3, "{conditional} conditional categories");
    for id in ["container-platform", "gitops", "service-mesh"] {
        assert!(checklist.category(id).unwrap().is_conditional(), "{id}");
    }
    for id in [
        "security-compliance",
        "documentation",
        "backup-disaster-recovery",
    ] {
        assert!(!checklist.category(id).unwrap().is_conditional(), "{id}");
    }
}

#[test]
fn a_team_checklist_joins_the_review_and_broken_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("checklist")).unwrap();
    std::fs::write(
        dir.path().join("checklist/vendors.ron"),
        r#"ChecklistFile(
            category: ChecklistCategory(id: "vendors", title: "Vendors", applies_when: None),
            items: [
                ChecklistItem(
                    id: "ven-01",
                    text: "Every third-party service has a named owner and an exit plan.",
                    why: "A vendor without an owner is renewed, breached or shut down unnoticed.",
                    sections: ["shared-responsibility-model"],
                    severity: Medium,
                ),
            ],
        )"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("checklist/broken.ron"), "ChecklistFile(").unwrap();
    let (checklist, warnings) = Checklist::load(dir.path());
    assert!(checklist.item("ven-01").is_some());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("broken.ron"), "{}", warnings[0]);

    // The team's category is scored like the built-in ones.
    use infradraft::analysis::checklist_review::{deficiencies, summary, summary_markdown};
    let session = infradraft::model::Session::empty("T", "P", jiff::Timestamp::UNIX_EPOCH);
    let sum = summary(&checklist, &session);
    let vendors = sum.categories.iter().find(|c| c.id == "vendors").unwrap();
    assert!(vendors.applies);
    assert_eq!(vendors.counts.unmarked, 1);
    assert_eq!(vendors.pass_rate, Some(0.0));
    // Nothing decided: the conditional categories stay out of the score.
    assert!(
        sum.categories
            .iter()
            .filter(|c| checklist.category(&c.id).unwrap().is_conditional())
            .all(|c| !c.applies)
    );
    let md = summary_markdown(&sum);
    assert!(
        md.contains("| Vendors | yes | 0 | 0 | 0 | 0 | 1 | 0.0% |"),
        "{md}"
    );
    let found = deficiencies(&checklist, &session);
    assert_eq!(found[0].severity, ChecklistSeverity::Critical);
    assert!(found.iter().all(|d| d.preflag.is_some()));
}
