//! A team's security questions and story rules, in `<config>/worksheets/security*.ron`,
//! `<config>/stories/rules*.ron` and `<config>/stories/refine*.ron`, reach what the workbench
//! writes: the security worksheet a component starts with, the drafted stories and the refinements.
//! A broken one is left out with a warning that names its line and column. Its own test binary:
//! the knowledge is loaded once per process, with the team's files of the first test that runs.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use infradraft::analysis::stories::{draft_stories, epics, suggest_refinements};
use infradraft::analysis::worksheet::prefill;
use infradraft::knowledge;
use infradraft::model::{ElicitationAction, GapSeverity, Worksheet};

const SECURITY: &str = r#"SecurityBank(
    sections: [
        Section(id: "network-architecture", questions: [
            Question(text: "Is IPv6 traffic filtered by the same rules as IPv4 traffic in {title}?", severity: High),
        ]),
    ],
    regimes: [
        Regime(name: "GDPR", questions: [
            RegimeQuestion(text: "Is the data protection officer consulted on changes to {title}?", severity: Medium, sections: ["network-architecture"]),
        ]),
    ],
)
"#;

const BROKEN_SECURITY: &str = r#"SecurityBank(
    generic: [
        Question(text: "Who owns {title}?", severity: Urgent),
    ],
)
"#;

const RULES: &str = r#"StoryRules(
    rules: [
        Rule(
            on: ["cloud-provider-strategy"],
            title: "Cost-centre tags on every resource of {option}",
            as_a: "FinOps lead",
            i_want: "every resource created on {option} to carry the cost-centre tag",
            so_that: "finance can allocate the bill without asking",
            criteria: ["A policy refuses resources without the cost-centre tag."],
            size: Small,
        ),
    ],
)
"#;

const REFINE: &str = r#"Refinements(
    rules: [
        Refine(
            component: "cross-team-collaboration-model",
            text: ["the"],
            change: "Add a criterion: the owning team signs the change off as the collaboration model ({option}) says.",
        ),
    ],
)
"#;

/// The team's configuration directory, given to the knowledge before anything uses it.
fn team_config() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        for (file, text) in [
            ("worksheets/security-team.ron", SECURITY),
            ("worksheets/security-typo.ron", BROKEN_SECURITY),
            ("stories/rules-team.ron", RULES),
            ("stories/refine-team.ron", REFINE),
        ] {
            let file = path.join(file);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        knowledge::use_config_dir(&path);
        (dir, path)
    });
    path
}

#[test]
fn only_the_broken_team_file_is_left_out_and_its_warning_names_the_line_and_column() {
    let dir = team_config();
    let warnings = knowledge::team_file_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let place = dir.join("worksheets/security-typo.ron:3:55: ");
    let place = place.to_string_lossy();
    assert!(warnings[0].starts_with(&*place), "{warnings:#?}");
    assert!(warnings[0].contains("Urgent"), "{warnings:#?}");
    assert!(warnings[0].ends_with("file skipped"), "{warnings:#?}");
}

#[test]
fn a_new_security_worksheet_asks_the_teams_questions() {
    team_config();
    let mut s = common::complete_session();
    s.regimes = vec!["GDPR".into()];
    let today = jiff::civil::Date::new(2026, 11, 24).unwrap();
    let Worksheet::SecurityReview { items } = prefill(
        ElicitationAction::SecurityCompliance,
        &s,
        "network-architecture",
        today,
    ) else {
        panic!("not a security worksheet")
    };
    let title = s.decision_label(s.component("network-architecture").unwrap());
    let ipv6 = items
        .iter()
        .position(|i| i.question.starts_with("Is IPv6 traffic filtered"))
        .expect("the team's section question");
    assert_eq!(
        items[ipv6].question,
        format!("Is IPv6 traffic filtered by the same rules as IPv4 traffic in {title}?")
    );
    assert_eq!(items[ipv6].severity, GapSeverity::High);
    assert_eq!(items[ipv6].regime, None);
    // After the built-in general questions, before the regime's.
    assert_eq!(ipv6, 7);
    assert_eq!(items[ipv6 + 1].regime.as_deref(), Some("GDPR"));
    let dpo = items.last().unwrap();
    assert_eq!(
        dpo.question,
        format!("Is the data protection officer consulted on changes to {title}?")
    );
    assert_eq!(dpo.regime.as_deref(), Some("GDPR"));
    // The broken file added nothing: a section without a bank still gets the five generic ones.
    let Worksheet::SecurityReview { items } = prefill(
        ElicitationAction::SecurityCompliance,
        &s,
        "data-cache",
        today,
    ) else {
        panic!("not a security worksheet")
    };
    assert_eq!(items.iter().filter(|i| i.regime.is_none()).count(), 5);
}

#[test]
fn drafted_stories_and_refinements_use_the_teams_rules() {
    team_config();
    let s = common::complete_session();
    let cloud = s.component("cloud-provider-strategy").unwrap();
    let chosen = &cloud.decision.as_ref().unwrap().option;
    let name = cloud.option(chosen).unwrap().name.clone();
    let stories = draft_stories(&s);
    let team = stories
        .iter()
        .find(|st| {
            st.title
                .starts_with("Cost-centre tags on every resource of ")
        })
        .expect("a story from the team's rule");
    assert_eq!(team.decision.as_deref(), Some("cloud-provider-strategy"));
    assert_eq!(team.as_a, "FinOps lead");
    assert!(
        name.starts_with(
            team.title
                .trim_start_matches("Cost-centre tags on every resource of ")
        )
    );
    assert_eq!(
        team.acceptance_criteria[0],
        "A policy refuses resources without the cost-centre tag."
    );
    // The built-in rules of the component keep their place before it.
    let at = |st: &&infradraft::model::TechnicalStory| st.id == team.id;
    let built_in = stories
        .iter()
        .position(|st| st.decision == team.decision && !at(&st))
        .expect("a built-in story of the cloud strategy");
    assert!(built_in < stories.iter().position(|st| at(&st)).unwrap());

    let refinements = suggest_refinements(&s, &epics(&s.inputs));
    assert!(
        refinements.iter().any(|r| r
            .change
            .starts_with("Add a criterion: the owning team signs the change off")
            && r.decision.as_deref() == Some("cross-team-collaboration-model")),
        "{refinements:#?}"
    );
}
