//! Pick quality: for every labelled input set (a `picks.ron` beside its documents, labelled by
//! hand from the documents alone), the YOLO draft's recommendation for every component is compared
//! with the options an architect would accept and with the options the documents rule out.
//!
//! A pick is *fitting* when it is among `accept`; it *contradicts the inputs* when it is among
//! `never` (a mandate, a prohibition or a required figure the documents state, with the line). The
//! test prints fitting / total and every contradiction per set. The tuning corpus
//! (`tests/fixtures/inputs/`) may contradict nothing; the held-out sets are measured and held to a
//! floor, never tuned on.

#[path = "common/sets.rs"]
mod sets;

use std::collections::HashSet;
use std::path::Path;

use infradraft::knowledge::{Catalog, Template};
use infradraft::workflow::yolo::draft_all;
use jiff::Timestamp;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Picks {
    picks: Vec<Pick>,
    never: Vec<Never>,
}

#[derive(Debug, Deserialize)]
struct Pick {
    component: String,
    accept: Vec<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
struct Never {
    component: String,
    option: String,
    at: (String, u32),
    quote: String,
}

#[derive(Debug, Default)]
struct Tally {
    picks: usize,
    fitting: usize,
    contradicting: usize,
    /// Ruled-out options that were still put on the table as cards.
    never_offered: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.picks += o.picks;
        self.fitting += o.fitting;
        self.contradicting += o.contradicting;
        self.never_offered += o.never_offered;
    }

    fn fitting_pct(&self) -> f64 {
        100.0 * self.fitting as f64 / self.picks.max(1) as f64
    }
}

fn read_picks(dir: &Path) -> Picks {
    let path = dir.join("picks.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    ron::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The labels are sound: every decision of the template once, known option ids of that decision,
/// nothing both accepted and ruled out, and every `never` quote on the line it names.
fn check_labels(name: &str, dir: &Path, p: &Picks, catalog: &Catalog, template: &Template) {
    let components: Vec<&str> = template.decisions().map(|d| d.id).collect();
    let labelled: HashSet<&str> = p.picks.iter().map(|x| x.component.as_str()).collect();
    assert_eq!(
        labelled.len(),
        p.picks.len(),
        "{name}: a component is labelled twice"
    );
    for c in &components {
        assert!(labelled.contains(c), "{name}: no pick labelled for {c}");
    }
    let known =
        |component: &str, option: &str| catalog.for_component(component).any(|o| o.id == option);
    for pick in &p.picks {
        assert!(
            !pick.accept.is_empty(),
            "{name}: {} accepts nothing",
            pick.component
        );
        assert!(
            !pick.why.trim().is_empty(),
            "{name}: {} says no why",
            pick.component
        );
        for o in &pick.accept {
            assert!(
                known(&pick.component, o),
                "{name}: {o} is not an option of {}",
                pick.component
            );
            assert!(
                !p.never
                    .iter()
                    .any(|n| n.component == pick.component && &n.option == o),
                "{name}: {o} is both accepted and ruled out"
            );
        }
    }
    for n in &p.never {
        assert!(
            known(&n.component, &n.option),
            "{name}: {} is not an option of {}",
            n.option,
            n.component
        );
        let text = std::fs::read_to_string(dir.join(&n.at.0)).unwrap();
        let line = text.lines().nth(n.at.1 as usize - 1).unwrap_or("");
        assert!(
            line.contains(&n.quote),
            "{name}: {}:{} does not hold {:?}",
            n.at.0,
            n.at.1,
            n.quote
        );
    }
}

fn measure(group: &str) -> Tally {
    let template = Template::builtin().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let root = sets::fixtures(group);
    let found = sets::sets_with(&root, "picks.ron");
    assert!(!found.is_empty(), "{group}: no labelled sets");
    let mut all = Tally::default();
    println!("{group}:");
    for (name, dir) in found {
        let labels = read_picks(&dir);
        check_labels(&name, &dir, &labels, &catalog, &template);
        let mut s = sets::read_set(&dir);
        draft_all(&mut s, &template, &catalog, now);
        let mut t = Tally::default();
        let mut notes = Vec::new();
        for pick in &labels.picks {
            let c = s
                .component(&pick.component)
                .unwrap_or_else(|| panic!("{name}: no component {}", pick.component));
            let Some(rec) = &c.recommendation else {
                panic!("{name}: {} was not drafted", pick.component);
            };
            t.picks += 1;
            let never = labels
                .never
                .iter()
                .find(|n| n.component == pick.component && n.option == rec.option);
            if pick.accept.contains(&rec.option) {
                t.fitting += 1;
            } else if let Some(n) = never {
                t.contradicting += 1;
                notes.push(format!(
                    "    CONTRADICTS {}: {} against {:?} ({}:{})",
                    pick.component, rec.option, n.quote, n.at.0, n.at.1
                ));
            } else {
                notes.push(format!(
                    "    miss {}: {} (accepted: {})",
                    pick.component,
                    rec.option,
                    pick.accept.join(", ")
                ));
            }
            t.never_offered += c
                .options
                .iter()
                .filter(|o| {
                    labels.never.iter().any(|n| {
                        n.component == pick.component && Some(&n.option) == o.catalog_id.as_ref()
                    })
                })
                .count();
        }
        println!(
            "  {name:34} picks fitting {:>2}/{:<2}  contradicting {}  ruled-out cards offered {}",
            t.fitting, t.picks, t.contradicting, t.never_offered
        );
        if std::env::var_os("PICKS_DEBUG").is_some() {
            for n in notes {
                println!("{n}");
            }
        } else {
            for n in notes.iter().filter(|n| n.contains("CONTRADICTS")) {
                println!("{n}");
            }
        }
        all.add(&t);
    }
    println!(
        "  all: picks fitting {}/{} ({:.1} %), contradicting {}, ruled-out cards offered {}",
        all.fitting,
        all.picks,
        all.fitting_pct(),
        all.contradicting,
        all.never_offered
    );
    all
}

#[test]
fn picks_on_the_tuning_corpus() {
    let t = measure("inputs");
    assert_eq!(t.contradicting, 0, "a pick contradicts its inputs");
    // A floor under what is measured (76.9 % on 299 picks), so that a change that loses picks
    // fails here rather than going unnoticed.
    assert!(t.fitting_pct() >= 75.0, "fitting {:.1} %", t.fitting_pct());
}

#[test]
fn picks_on_the_held_out_sets() {
    let mut all = Tally::default();
    for group in ["inputs-holdout", "inputs-holdout-2", "inputs-holdout-3"] {
        all.add(&measure(group));
    }
    println!(
        "held out in all: picks fitting {}/{} ({:.1} %), contradicting {}",
        all.fitting,
        all.picks,
        all.fitting_pct(),
        all.contradicting
    );
    // Floors under what is measured (73.3 % fitting, 25 contradicting of 460): the held-out sets
    // are not tuned on, but a change must not make them worse.
    assert!(
        all.fitting_pct() >= 70.0,
        "fitting {:.1} %",
        all.fitting_pct()
    );
    assert!(
        all.contradicting <= 25,
        "{} contradicting",
        all.contradicting
    );
}

/// The bundled sample, YOLO-drafted, and the catalog it was drafted from.
fn drafted_sample() -> (infradraft::model::Session, Catalog) {
    let catalog = Catalog::builtin().unwrap();
    (sets::drafted_sample(&catalog), catalog)
}

/// The bundled sample: NFR4 asks to survive the loss of a region, the guidelines mandate
/// Terraform, Managed Prometheus and Grafana, and an account per environment.
#[test]
fn the_sample_draft_respects_its_inputs() {
    use infradraft::analysis::crosscheck::check_option;
    let (s, catalog) = drafted_sample();
    let pick = |c: &str| {
        s.component(c)
            .and_then(|c| c.recommendation.as_ref())
            .map(|r| r.option.clone())
            .unwrap_or_default()
    };
    assert!(
        ["dr-warm-standby", "dr-multi-region-active-active"]
            .contains(&pick("disaster-recovery").as_str()),
        "{}",
        pick("disaster-recovery")
    );
    assert_eq!(
        pick("monitoring-observability"),
        "obs-otel-managed-prometheus"
    );
    assert_eq!(
        pick("environment-configuration"),
        "env-account-per-environment"
    );
    assert_eq!(pick("infrastructure-as-code"), "iac-terraform-opentofu");
    // Every other IaC option is ruled out by the Terraform mandate, with the line that says so.
    for o in catalog.for_component("infrastructure-as-code") {
        let findings = check_option(&o.to_card(None), &s.assumptions, &s.requirements, &s.inputs);
        let ruling: Vec<_> = findings.iter().filter(|f| f.rules_out()).collect();
        if o.id == "iac-terraform-opentofu" {
            assert!(ruling.is_empty(), "{ruling:?}");
        } else {
            assert!(
                ruling
                    .iter()
                    .any(|f| f.explanation.contains("mandates `terraform`")),
                "{}: {:?}",
                o.id,
                findings.iter().map(|f| &f.explanation).collect::<Vec<_>>()
            );
        }
    }
    // The drafted cards of the section agree: the recommendation is the only one not ruled out
    // (a draft shows two options at least, so a ruled-out one makes up the pair).
    let iac = s.component("infrastructure-as-code").unwrap();
    assert!(iac.options.len() >= 2);
    for card in &iac.options {
        let ruled_out = check_option(card, &s.assumptions, &s.requirements, &s.inputs)
            .iter()
            .any(|f| f.rules_out());
        assert_eq!(
            ruled_out,
            card.id != "iac-terraform-opentofu",
            "{}",
            card.id
        );
    }
}

/// The words that name a provider's own products, for checking that a draft speaks of the
/// project's provider only.
const PROVIDER_WORDS: [(&str, &[&str]); 3] = [
    (
        "aws",
        &[
            "AWS",
            "Amazon",
            "EKS",
            "ECS",
            "Fargate",
            "Lambda",
            "CloudFormation",
            "DynamoDB",
            "Aurora",
            "CloudWatch",
        ],
    ),
    (
        "azure",
        &[
            "Azure",
            "AKS",
            "Bicep",
            "Cosmos DB",
            "Entra ID",
            "Front Door",
        ],
    ),
    (
        "gcp",
        &[
            "Google Cloud",
            "GCP",
            "GKE",
            "Cloud Run",
            "Cloud SQL",
            "BigQuery",
            "Spanner",
            "AlloyDB",
        ],
    ),
];

/// How the document is shown: with the built-in template.
fn ctx() -> infradraft::export::ExportContext<'static> {
    static TEMPLATE: std::sync::OnceLock<infradraft::knowledge::Template> =
        std::sync::OnceLock::new();
    infradraft::export::ExportContext {
        checklist: None,
        template: Some(
            TEMPLATE.get_or_init(|| infradraft::knowledge::Template::builtin().unwrap()),
        ),
        precomputed: Default::default(),
    }
}

/// Other providers' product names in the drafted component sections of `s` (every section but
/// the cloud provider strategy, where providers are compared), with the section they are in.
fn foreign_names(s: &infradraft::model::Session, own: &str) -> Vec<String> {
    // What the document quotes from the project's own inputs (each line with its source,
    // `(guidelines.md:180)`) may name any product the project uses: the corporate identity
    // provider of another vendor, say. Only the drafted text must keep to the provider.
    let quoted = regex::Regex::new(r"\([\w./-]+:\d+\)\s*$").unwrap();
    let mut found = Vec::new();
    for (i, section) in s.sections.iter().enumerate() {
        if section.id == "cloud-provider-strategy" || s.component(&section.id).is_none() {
            continue;
        }
        let text: String = infradraft::export::section_markdown(s, &ctx(), i)
            .lines()
            .filter(|l| !quoted.is_match(l))
            .collect::<Vec<_>>()
            .join("\n");
        for (provider, words) in PROVIDER_WORDS {
            if provider == own {
                continue;
            }
            for w in words.iter() {
                let hit = text.match_indices(w).any(|(at, _)| {
                    let before = text[..at].chars().next_back();
                    let after = text[at + w.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                });
                if hit {
                    found.push(format!("{}: {w}", section.id));
                }
            }
        }
    }
    found
}

/// The sample runs on AWS: its drafted sections name AWS services, and no other provider's.
#[test]
fn the_sample_draft_names_its_own_provider_only() {
    let (s, _) = drafted_sample();
    assert_eq!(foreign_names(&s, "aws"), Vec::<String>::new());
    let data = infradraft::export::section_markdown(
        &s,
        &ctx(),
        s.sections
            .iter()
            .position(|x| x.id == "data-resources")
            .unwrap(),
    );
    assert!(data.contains("Amazon RDS"), "{data}");
}

/// The same on sets of the corpus that run on one provider: their drafts name no other
/// provider's products outside the provider comparison.
#[test]
fn single_provider_sets_draft_in_their_provider() {
    let template = Template::builtin().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let mut checked = 0;
    for (name, dir) in sets::sets_with(&sets::fixtures("inputs"), "picks.ron") {
        let mut s = sets::read_set(&dir);
        let target = infradraft::analysis::ranking::hosting_target(&s.assumptions);
        let [own] = target.as_slice() else {
            continue;
        };
        if *own == "on-premises" {
            continue;
        }
        draft_all(&mut s, &template, &catalog, now);
        let foreign = foreign_names(&s, own);
        assert!(foreign.is_empty(), "{name} ({own}): {foreign:?}");
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} single-provider sets");
}
