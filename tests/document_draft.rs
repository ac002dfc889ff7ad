//! The whole document a headless YOLO draft makes of each input set (`new --mode yolo --no-open`,
//! then `export`): no template prompt and no unwritten section, the four process diagrams with
//! the chosen services, every epic and story of the inputs in the stories part, every requirement
//! with a figure cited in a section about it, and the open questions listed together. Prints, per
//! set, how many sub-sections say something from the inputs or the decisions and how many ask an
//! open question.

#[path = "common/sets.rs"]
mod sets;

use std::path::Path;

use infradraft::export::{ExportContext, document, open_questions};
use infradraft::knowledge::{Catalog, Template};
use infradraft::model::Session;
use infradraft::workflow::subsections::OPEN_QUESTION;
use infradraft::workflow::yolo::draft_all;
use jiff::Timestamp;

fn drafted(dir: &Path) -> Session {
    let template = Template::builtin().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut s = sets::read_set(dir);
    draft_all(
        &mut s,
        &template,
        &catalog,
        Timestamp::from_second(1_800_000_100).unwrap(),
    );
    s
}

/// The part of `doc` under the `## title` heading, up to the next `## ` heading.
fn part<'a>(doc: &'a str, title: &str) -> &'a str {
    let head = format!("\n## {title}\n");
    let Some(at) = doc.find(&head) else {
        return "";
    };
    let rest = &doc[at + head.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

struct Measured {
    environments: usize,
    about_project: usize,
    questions: usize,
    figures_cited: usize,
    figures: usize,
}

/// Asserts what every drafted document must hold and measures the rest; returns the problems.
fn examine(name: &str, s: &Session) -> (Vec<String>, Measured) {
    let template = Template::builtin().unwrap();
    let checklist = infradraft::knowledge::checklist::Checklist::builtin().unwrap();
    let ctx = ExportContext {
        checklist: Some(&checklist),
        template: Some(&template),
        precomputed: Default::default(),
    };
    let doc = document(s, &ctx);
    let again = document(s, &ctx);
    let mut problems = Vec::new();
    let mut fail = |p: String| problems.push(format!("{name}: {p}"));
    if doc != again {
        fail("the document differs between two exports".into());
    }
    // The workbench works out the analyses the document shows beforehand, on a thread of its
    // own: the document made from them is the same.
    let analysed = infradraft::export::Analysed::of(s, Some(&checklist));
    let precomputed = document(
        s,
        &ExportContext {
            precomputed: infradraft::export::Precomputed::Ready(&analysed),
            ..ctx
        },
    );
    if precomputed != doc {
        fail("the document made from analyses worked out before differs".into());
    }
    // No template prompt, no unwritten section.
    for t in &template.sections {
        for sub in t.subsections().iter() {
            if !sub.prompt.is_empty() && doc.contains(&format!("_{}_", sub.prompt)) {
                fail(format!("prompt left: {}", sub.prompt));
            }
        }
    }
    if doc.contains("Not yet written") {
        fail("a section is not written".into());
    }
    // The four process diagrams, naming what was chosen.
    let fences = doc.matches("```mermaid").count();
    if fences < 4 {
        fail(format!("{fences} diagrams"));
    }
    // The diagrams draw what was chosen: the application runtime and the primary database.
    let drawn: String = s
        .diagrams
        .iter()
        .flat_map(|d| d.source.lines())
        .filter(|l| !l.trim_start().starts_with("%%"))
        .collect::<Vec<_>>()
        .join("\n");
    for id in ["compute-resources", "data-resources"] {
        let name = s
            .component(id)
            .unwrap()
            .chosen()
            .map(|(o, _)| o.name.clone());
        match name {
            Some(name) if !drawn.contains(name.as_str()) => {
                fail(format!("no diagram draws {id}'s choice {name}"))
            }
            None => fail(format!("{id} has no choice")),
            _ => {}
        }
    }
    // Every epic and story of the inputs in the stories part.
    let stories = part(&doc, "Technical Stories and Epic Impacts");
    for epic in infradraft::analysis::stories::epics(&s.inputs) {
        if !stories.contains(epic.title.trim()) {
            fail(format!("epic {} missing from the stories part", epic.title));
        }
        for story in &epic.stories {
            if !stories.contains(story.title.trim()) {
                fail(format!(
                    "story {} missing from the stories part",
                    story.title
                ));
            }
        }
    }
    // The drafted stories say what they are built with, and the requirements with a figure the
    // choices are compared on are met by a story, with a criterion each.
    let needs = infradraft::analysis::crosscheck::Needs::of(&s.requirements);
    let realised = s.stories.iter().any(|st| {
        st.decision
            .as_ref()
            .and_then(|d| s.component(d))
            .and_then(|c| c.chosen())
            .is_some_and(|(o, _)| !o.realised_on.trim().is_empty())
    });
    if realised && !stories.contains("**Built with:** ") {
        fail("no story says what it is built with".into());
    }
    for (need, r) in [
        ("RPO", needs.rpo.as_ref().map(|(_, r)| r)),
        ("RTO", needs.rto.as_ref().map(|(_, r)| r)),
        ("availability", needs.availability.as_ref().map(|(_, r)| r)),
    ] {
        if let Some(r) = r
            && !stories.contains(&format!("Shown to meet {}", r.id))
        {
            fail(format!("no story has to meet the {need} of {}", r.id));
        }
    }
    // The feasibility review rates every area that holds decisions.
    let evolution = part(&doc, "Infrastructure Evolution Plan");
    let areas = s.sections.iter().filter(|x| s.has_decisions(&x.id)).count();
    let rated = evolution
        .lines()
        .filter(|l| {
            ["| **Green** |", "| **Amber** |", "| **Red** |"]
                .iter()
                .any(|r| l.contains(r))
        })
        .count();
    if rated != areas {
        fail(format!("{rated} of {areas} areas rated for feasibility"));
    }
    // One block per environment the inputs describe, or the question.
    let environments = part(&doc, "Environment Configuration");
    let blocks = environments.matches("\n#### ").count();
    if blocks == 0 && !environments.contains("Which environments does the project have") {
        fail("neither environment blocks nor the question".into());
    }
    // A story about a platform is drafted only where that platform was chosen.
    for st in &s.stories {
        if !st.title.contains("Kubernetes") {
            continue;
        }
        let tags = st
            .decision
            .as_ref()
            .and_then(|d| s.component(d))
            .and_then(|c| c.chosen())
            .map(|(o, _)| {
                let tags: Vec<&str> = o.tags.iter().map(String::as_str).collect();
                infradraft::inputs::extract::expand_tags(&tags)
            })
            .unwrap_or_default();
        if !tags.iter().any(|t| t == "kubernetes") {
            fail(format!("{} drafted without Kubernetes chosen", st.title));
        }
    }
    // On one cloud, the stories speak its words, not the neutral ones.
    if let [target] = infradraft::analysis::ranking::hosting_target(&s.assumptions).as_slice()
        && ["aws", "azure", "gcp"].contains(target)
    {
        for term in &infradraft::knowledge::story_terms::story_terms().terms {
            let said = match *target {
                "aws" => &term.aws,
                "azure" => &term.azure,
                _ => &term.gcp,
            };
            if !said.is_empty() && stories.contains(&term.generic) {
                fail(format!("the stories say {:?} on {target}", term.generic));
            }
        }
    }
    // The tool's first checklist assessment, kept apart from any mark.
    let review = part(&doc, "Checklist Review");
    let assessed = review
        .lines()
        .filter(|l| {
            l.starts_with("| ") && l.contains(" | Pass | ")
                || l.contains(" | Fail | ")
                || l.contains(" | Partial | ")
        })
        .count();
    if !review.contains("### First assessment by infradraft") || assessed < 5 {
        fail(format!("{assessed} items assessed by the tool:\n{review}"));
    }
    // Every requirement with a figure cited in a section that is about it (the traceability table
    // of the appendices does not count).
    let sections: String = s
        .sections
        .iter()
        .filter(|x| x.id != "appendices")
        .map(|x| part(&doc, &x.title))
        .collect::<Vec<_>>()
        .join("\n");
    let with_figures: Vec<_> = s
        .requirements
        .iter()
        .filter(|r| !infradraft::inputs::extract::figures(&r.text).is_empty())
        .collect();
    let cited = with_figures
        .iter()
        .filter(|r| sections.contains(&format!("**{}:**", r.id)))
        .count();
    for r in &with_figures {
        if !sections.contains(&format!("**{}:**", r.id)) {
            fail(format!(
                "requirement {} ({}) cited in no section",
                r.id, r.text
            ));
        }
    }
    // The open questions, listed together.
    let asked = doc
        .lines()
        .filter(|l| l.trim_start().starts_with(OPEN_QUESTION))
        .count();
    let listed = open_questions(s, &ctx);
    let appendix = part(&doc, "Appendices");
    for q in &listed {
        if !appendix.contains(&q.text) {
            fail(format!("open question not listed: {}", q.text));
        }
    }
    if asked == 0 {
        fail("no open question: every input set leaves something unsaid".into());
    }
    // Sub-sections that say something about the project, and those that ask.
    let mut about = 0;
    let mut questions = 0;
    for t in &template.sections {
        let text = part(&doc, &t.title);
        for sub in t.subsections().iter() {
            let head = format!("### {}\n", sub.title);
            let Some(at) = text.find(&head) else {
                continue;
            };
            let rest = &text[at + head.len()..];
            let body = &rest[..rest.find("\n### ").unwrap_or(rest.len())];
            if body.trim_start().starts_with(OPEN_QUESTION) {
                questions += 1;
            } else {
                about += 1;
            }
        }
    }
    (
        problems,
        Measured {
            environments: blocks,
            about_project: about,
            questions,
            figures_cited: cited,
            figures: with_figures.len(),
        },
    )
}

fn run(root: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let (mut about, mut asked, mut cited, mut figures) = (0, 0, 0, 0);
    println!("{root}:");
    for (name, dir) in sets::sets_with(&sets::fixtures(root), "prd.md") {
        let s = drafted(&dir);
        let (p, m) = examine(&name, &s);
        println!(
            "  {name:34} sub-sections about the project {:3}, open questions {:3}, figures cited {}/{}, environment blocks {}",
            m.about_project, m.questions, m.figures_cited, m.figures, m.environments
        );
        about += m.about_project;
        asked += m.questions;
        cited += m.figures_cited;
        figures += m.figures;
        problems.extend(p);
    }
    println!(
        "  all: sub-sections about the project {about}, open questions {asked} ({:.1} % about the project), figures cited {cited}/{figures}",
        100.0 * about as f64 / (about + asked).max(1) as f64
    );
    problems
}

#[test]
fn yolo_documents_of_the_corpus_are_complete_and_about_their_project() {
    let problems = run("inputs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn yolo_documents_of_the_held_out_sets_are_complete() {
    let mut problems = Vec::new();
    for root in ["inputs-holdout", "inputs-holdout-2", "inputs-holdout-3"] {
        problems.extend(run(root));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_sample_document_is_complete() {
    let template = Template::builtin().unwrap();
    let s = sets::drafted_sample(&Catalog::builtin().unwrap());
    let (problems, _) = examine("sample", &s);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // What the sample's inputs state lands in the sections it belongs to.
    let doc = document(
        &s,
        &ExportContext {
            checklist: None,
            template: Some(&template),
            precomputed: Default::default(),
        },
    );
    for (section, expected) in [
        // The account map and the CIDR plan.
        ("Environment Configuration", "nsf-ferrybook-prod"),
        ("Network Architecture", "10.43.0.0/16"),
        // The budget.
        ("Cost Optimization", "EUR 22,000 per month"),
        // One block per environment, with its account and region.
        ("Environment Configuration", "#### Production\n"),
        (
            "Environment Configuration",
            "**AWS account:** nsf-ferrybook-prod; **Region:** eu-north-1, DR in eu-central-1",
        ),
        ("Environment Configuration", "#### Staging"),
        // The feasibility review, area by area.
        (
            "Infrastructure Evolution Plan",
            "| Disaster Recovery | **Green** | Warm standby: meets RPO 15 min",
        ),
        // The backup tiers.
        ("Data Resources", "Tier 1 — RPO: 15 min"),
        ("Data Resources", "Tier 2 — RPO: 4 h"),
        // The regions.
        ("Cloud Provider Strategy", "eu-north-1 (primary)"),
        ("Cloud Provider Strategy", "eu-central-1"),
        // The recovery objectives, and runbooks in the project's provider terms that verify
        // against them.
        ("Disaster Recovery", "**NFR4:**"),
        ("Operational Runbooks", "Steps on AWS:"),
        ("Operational Runbooks", "the required RTO of 60 min (NFR4)"),
    ] {
        let text = part(&doc, section);
        assert!(
            text.contains(expected),
            "{section} lacks {expected:?}:\n{text}"
        );
    }
    // Stories drafted from recommendations call them so.
    let stories = part(&doc, "Technical Stories and Epic Impacts");
    assert!(stories.contains("the recommended strategy"), "{stories}");
    // They name the project's services, the requirements they meet and the PRD's stories they
    // serve.
    for expected in [
        "**Built with:** Amazon ECS on AWS Fargate",
        "Shown to meet NFR4 (prd.md:74)",
        "**Serves:** Story 1.1",
        "State is stored in a dedicated S3 bucket",
    ] {
        assert!(stories.contains(expected), "{expected}: {stories}");
    }
    // ECS on Fargate was chosen, not Kubernetes: no Kubernetes story.
    assert!(
        s.stories.iter().all(|st| !st.title.contains("Kubernetes")),
        "{stories}"
    );
    for wrong in ["the decided", "as decided"] {
        assert!(!stories.contains(wrong), "{wrong}: {stories}");
    }
    let runbooks = part(&doc, "Operational Runbooks");
    assert!(
        !runbooks.contains('{'),
        "a placeholder is left:\n{runbooks}"
    );
}
