//! The extractor measured on a corpus of hand-labelled input sets (`tests/fixtures/inputs/*/`
//! with an `expected.ron`; see the README there). Each set is a small project written for this
//! corpus in its own style; the test reads it as `new` does and prints, per set and in all,
//! requirement recall and precision, category and figure accuracy, fact recall (tag and force),
//! regimes, conflicts, open questions and epics. The thresholds at the end are the bar the
//! extractor is held to.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[path = "common/sets.rs"]
mod sets;

use infradraft::model::Session;
use serde::Deserialize;
use sets::read_set;

type At = (String, u32);

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Expected {
    project: String,
    hosting: Vec<String>,
    requirements: Vec<Req>,
    acceptable: Vec<Line>,
    regimes: Vec<Regime>,
    not_regimes: Vec<Regime>,
    facts: Vec<Fact>,
    not_facts: Vec<NotFact>,
    conflicts: Vec<Conflict>,
    open_questions: Vec<Line>,
    epics: Vec<Line>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Req {
    at: At,
    quote: String,
    category: Category,
    figures: Vec<Figure>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
enum Category {
    Business,
    Functional,
    Performance,
    Scalability,
    Reliability,
    Recovery,
    Security,
    Compliance,
    Cost,
    Capacity,
    Other,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
enum Figure {
    Availability {
        percent: f64,
    },
    Latency {
        percentile: Option<f64>,
        max_ms: f64,
    },
    Throughput {
        value: f64,
        unit: String,
        per: String,
    },
    Rpo {
        minutes: f64,
    },
    Rto {
        minutes: f64,
    },
    Retention {
        days: f64,
    },
    Budget {
        amount: f64,
        currency: String,
        per: String,
    },
    Capacity {
        value: f64,
        unit: String,
    },
}

#[derive(Debug, Deserialize)]
struct Line {
    at: At,
    quote: String,
}

#[derive(Debug, Deserialize)]
struct Regime {
    name: String,
    at: At,
    quote: String,
}

#[derive(Debug, Deserialize)]
struct Fact {
    at: At,
    quote: String,
    modality: Modality,
    tags: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
enum Modality {
    Mandate,
    Prohibition,
    Preference,
    Statement,
}

#[derive(Debug, Deserialize)]
struct NotFact {
    at: At,
    quote: String,
    tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Conflict {
    a: At,
    a_quote: String,
    b: At,
    b_quote: String,
    about: String,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inputs")
}

/// The labelled sets, by name, with their expectations.
fn sets() -> Vec<(String, PathBuf, Expected)> {
    sets_in(&corpus())
}

/// The labelled sets of a directory of sets.
fn sets_in(root: &Path) -> Vec<(String, PathBuf, Expected)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).expect("the corpus directory") {
        let dir = entry.unwrap().path();
        let expected = dir.join("expected.ron");
        if !expected.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&expected).unwrap();
        let parsed: Expected =
            ron::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, dir, parsed));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Every `at` of a set holds its `quote`: the labels point where they say.
fn check_quotes(name: &str, dir: &Path, e: &Expected) {
    let texts: std::collections::HashMap<String, Vec<String>> = [
        "prd.md",
        "architecture.md",
        "tech-stack.md",
        "guidelines.md",
    ]
    .iter()
    .filter_map(|f| {
        let t = std::fs::read_to_string(dir.join(f)).ok()?;
        Some((f.to_string(), t.lines().map(str::to_string).collect()))
    })
    .collect();
    let check = |at: &At, quote: &str| {
        let line = texts
            .get(&at.0)
            .and_then(|l| l.get(at.1 as usize - 1))
            .unwrap_or_else(|| panic!("{name}: no line {}:{}", at.0, at.1));
        assert!(
            line.contains(quote),
            "{name}: {}:{} does not hold {quote:?}: {line:?}",
            at.0,
            at.1
        );
    };
    e.requirements.iter().for_each(|r| check(&r.at, &r.quote));
    e.acceptable.iter().for_each(|l| check(&l.at, &l.quote));
    e.regimes.iter().for_each(|r| check(&r.at, &r.quote));
    e.not_regimes.iter().for_each(|r| check(&r.at, &r.quote));
    e.facts.iter().for_each(|f| check(&f.at, &f.quote));
    e.not_facts.iter().for_each(|f| check(&f.at, &f.quote));
    e.open_questions.iter().for_each(|l| check(&l.at, &l.quote));
    e.epics.iter().for_each(|l| check(&l.at, &l.quote));
    for c in &e.conflicts {
        check(&c.a, &c.a_quote);
        check(&c.b, &c.b_quote);
    }
}

fn category_name(c: infradraft::model::RequirementCategory) -> String {
    format!("{c:?}")
}

/// Counts that make up the figures.
#[derive(Default, Clone, Copy)]
struct Score {
    /// Expected requirements, and those found at their line.
    req_expected: usize,
    req_found: usize,
    /// Of those found, with the expected category.
    req_category: usize,
    /// Extracted requirements, and those at an expected or acceptable line.
    extracted: usize,
    extracted_right: usize,
    /// Expected facts (one per tag), found with the tag and its force.
    fact_expected: usize,
    fact_found: usize,
    /// Tags a line must not yield, and those it did.
    not_fact_expected: usize,
    not_fact_violated: usize,
    regime_expected: usize,
    regime_found: usize,
    regime_wrong: usize,
    /// Planted conflicts, and those reported with both places.
    conflict_expected: usize,
    conflict_found: usize,
    /// Conflicts reported, and those that are planted ones.
    conflict_reported: usize,
    conflict_right: usize,
    /// Sets, and those whose project name was read as labelled.
    projects: usize,
    project_right: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.req_expected += o.req_expected;
        self.req_found += o.req_found;
        self.req_category += o.req_category;
        self.extracted += o.extracted;
        self.extracted_right += o.extracted_right;
        self.fact_expected += o.fact_expected;
        self.fact_found += o.fact_found;
        self.not_fact_expected += o.not_fact_expected;
        self.not_fact_violated += o.not_fact_violated;
        self.regime_expected += o.regime_expected;
        self.regime_found += o.regime_found;
        self.regime_wrong += o.regime_wrong;
        self.conflict_expected += o.conflict_expected;
        self.conflict_found += o.conflict_found;
        self.conflict_reported += o.conflict_reported;
        self.conflict_right += o.conflict_right;
        self.projects += o.projects;
        self.project_right += o.project_right;
    }

    fn pct(a: usize, b: usize) -> f64 {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    }

    fn recall(&self) -> f64 {
        Self::pct(self.req_found, self.req_expected)
    }

    fn precision(&self) -> f64 {
        Self::pct(self.extracted_right, self.extracted)
    }

    fn line(&self) -> String {
        format!(
            "requirements recall {:5.1}% ({}/{}) precision {:5.1}% ({}/{}) category {:5.1}% · facts {:5.1}% ({}/{}) · negation errors {} of {} · regimes {}/{} (+{} wrong) · conflicts {}/{} found, {}/{} right · project name {}/{}",
            self.recall(),
            self.req_found,
            self.req_expected,
            self.precision(),
            self.extracted_right,
            self.extracted,
            Self::pct(self.req_category, self.req_found),
            Self::pct(self.fact_found, self.fact_expected),
            self.fact_found,
            self.fact_expected,
            self.not_fact_violated,
            self.not_fact_expected,
            self.regime_found,
            self.regime_expected,
            self.regime_wrong,
            self.conflict_found,
            self.conflict_expected,
            self.conflict_right,
            self.conflict_reported,
            self.project_right,
            self.projects,
        )
    }
}

fn score(session: &Session, e: &Expected) -> Score {
    let mut s = Score::default();
    let at_of = |r: &infradraft::model::Requirement| {
        r.source.as_ref().map(|src| {
            (
                src.short().rsplit_once(':').unwrap().0.to_string(),
                src.line,
            )
        })
    };
    let extracted: Vec<(At, String)> = session
        .requirements
        .iter()
        .filter_map(|r| Some((at_of(r)?, category_name(r.category))))
        .collect();
    s.req_expected = e.requirements.len();
    for r in &e.requirements {
        if let Some((_, cat)) = extracted.iter().find(|(at, _)| *at == r.at) {
            s.req_found += 1;
            if *cat == format!("{:?}", r.category) {
                s.req_category += 1;
            }
        }
    }
    let right: HashSet<&At> = e
        .requirements
        .iter()
        .map(|r| &r.at)
        .chain(e.acceptable.iter().map(|l| &l.at))
        .collect();
    s.extracted = extracted.len();
    s.extracted_right = extracted
        .iter()
        .filter(|(at, _)| right.contains(at))
        .count();
    if std::env::var_os("CORPUS_DEBUG").is_some() {
        for r in &e.requirements {
            match extracted.iter().find(|(at, _)| *at == r.at) {
                None => eprintln!(
                    "  missed {}:{} {:?} {:?}",
                    r.at.0, r.at.1, r.category, r.quote
                ),
                Some((_, cat)) if *cat != format!("{:?}", r.category) => eprintln!(
                    "  category {}:{} {cat} for {:?} {:?}",
                    r.at.0, r.at.1, r.category, r.quote
                ),
                _ => {}
            }
        }
        for (at, cat) in &extracted {
            if !right.contains(at) {
                eprintln!("  extra {}:{} {cat}", at.0, at.1);
            }
        }
    }

    // Facts: a tag found at the line with the expected force (a prohibition's tag is `no-<tag>`).
    let facts_at = |at: &At| -> Vec<&infradraft::model::Assumption> {
        session
            .assumptions
            .iter()
            .filter(|a| {
                a.source.as_ref().is_some_and(|src| {
                    src.line == at.1 && src.short().starts_with(&format!("{}:", at.0))
                })
            })
            .collect()
    };
    let debug = std::env::var_os("CORPUS_DEBUG").is_some();
    for f in &e.facts {
        let found = facts_at(&f.at);
        for tag in &f.tags {
            s.fact_expected += 1;
            let (want, modality) = match f.modality {
                Modality::Prohibition => (
                    format!("no-{tag}"),
                    infradraft::model::Modality::Prohibition,
                ),
                Modality::Mandate => (tag.clone(), infradraft::model::Modality::Mandate),
                Modality::Preference => (tag.clone(), infradraft::model::Modality::Preference),
                Modality::Statement => (tag.clone(), infradraft::model::Modality::Statement),
            };
            if found
                .iter()
                .any(|a| a.modality == modality && a.tags.contains(&want))
            {
                s.fact_found += 1;
            } else if debug {
                let got: Vec<String> = found
                    .iter()
                    .map(|a| format!("{}:{}", a.modality.label(), a.tags.join(",")))
                    .collect();
                eprintln!(
                    "  fact {}:{} want {:?} {want}, got {got:?}  {:?}",
                    f.at.0, f.at.1, f.modality, f.quote
                );
            }
        }
    }
    let tags_at = |at: &At| -> Vec<&String> {
        facts_at(at)
            .into_iter()
            .flat_map(|a| a.tags.iter())
            .collect()
    };
    for f in &e.not_facts {
        let tags = tags_at(&f.at);
        for tag in &f.tags {
            s.not_fact_expected += 1;
            if tags.contains(&tag) {
                s.not_fact_violated += 1;
            }
        }
    }
    s.regime_expected = e.regimes.len();
    s.regime_found = e
        .regimes
        .iter()
        .filter(|r| session.regimes.contains(&r.name))
        .count();
    s.regime_wrong = e
        .not_regimes
        .iter()
        .filter(|r| session.regimes.contains(&r.name))
        .count();

    // Conflicts: a planted pair is found when one reported conflict has both places, in either
    // order. A place matches a side when the file is the same and the side starts on the labelled
    // line or its statement holds the quote (a sentence that wraps starts on an earlier line).
    let matches = |side: &infradraft::model::ConflictSide, at: &At, quote: &str| {
        let file = side.source.short().rsplit_once(':').unwrap().0.to_string();
        let quote = quote.trim().trim_matches('|').trim();
        file == at.0 && (side.source.line == at.1 || side.text.contains(quote))
    };
    let pairs = |c: &infradraft::model::InputConflict, p: &Conflict| {
        c.rules().any(|rule| {
            c.places().any(|found| {
                (matches(rule, &p.a, &p.a_quote) && matches(found, &p.b, &p.b_quote))
                    || (matches(rule, &p.b, &p.b_quote) && matches(found, &p.a, &p.a_quote))
            })
        })
    };
    s.projects = 1;
    // The labelled name, or a fuller form of it ("Brightwater" for "Brightwater Customer and Field
    // Platform").
    let got = session.meta.project.to_lowercase();
    let want = e.project.to_lowercase();
    if got.starts_with(&want) || want.starts_with(&got) && got != "untitled project" {
        s.project_right = 1;
    } else if debug {
        eprintln!("  project {got:?}, labelled {:?}", e.project);
    }
    s.conflict_expected = e.conflicts.len();
    s.conflict_reported = session.input_conflicts.len();
    for p in &e.conflicts {
        if session.input_conflicts.iter().any(|c| pairs(c, p)) {
            s.conflict_found += 1;
        } else if debug {
            eprintln!(
                "  conflict missed {}:{} {:?} / {}:{} {:?}  ({})",
                p.a.0, p.a.1, p.a_quote, p.b.0, p.b.1, p.b_quote, p.about
            );
        }
    }
    for c in &session.input_conflicts {
        if e.conflicts.iter().any(|p| pairs(c, p)) {
            s.conflict_right += 1;
        } else if debug {
            eprintln!(
                "  conflict extra {} / {}: {}\n      {:?}\n      {:?}",
                c.rule.source.short(),
                c.places()
                    .map(|p| p.source.short())
                    .collect::<Vec<_>>()
                    .join(", "),
                c.about,
                c.rule.text,
                c.found.text
            );
        }
    }
    s
}

#[test]
fn the_extractor_on_the_labelled_corpus() {
    let sets = sets();
    assert!(
        sets.len() >= 10,
        "the corpus has {} labelled sets",
        sets.len()
    );
    let mut total = Score::default();
    for (name, dir, expected) in &sets {
        check_quotes(name, dir, expected);
        let session = read_set(dir);
        let s = score(&session, expected);
        eprintln!("{name:28} {}", s.line());
        total.add(&s);
    }
    eprintln!("{:28} {}", "ALL", total.line());
    // The bar: requirement recall and precision of 95 %, every regime named in scope and none
    // ruled out, and fact recall (tag and force) held where it is.
    assert!(total.recall() >= 95.0, "recall {:.1}%", total.recall());
    assert!(
        total.precision() >= 95.0,
        "precision {:.1}%",
        total.precision()
    );
    assert_eq!(
        total.regime_found, total.regime_expected,
        "every regime named is in scope"
    );
    assert_eq!(total.regime_wrong, 0, "no regime ruled out is in scope");
    assert!(
        Score::pct(total.fact_found, total.fact_expected) >= 70.0,
        "fact recall {:.1}%",
        Score::pct(total.fact_found, total.fact_expected)
    );
    // Conflicts: every planted one found, and most of those reported planted (the others are
    // read one by one: most are real disagreements nobody planted).
    assert_eq!(
        total.conflict_found, total.conflict_expected,
        "every planted conflict is found"
    );
    assert!(
        Score::pct(total.conflict_right, total.conflict_reported) >= 80.0,
        "conflicts right {}/{}",
        total.conflict_right,
        total.conflict_reported
    );
}

/// The held-out sets (`tests/fixtures/inputs-holdout/`): written by another hand after the
/// extractor was developed on the corpus, to measure how it generalises. (Their first measure,
/// before any change made with them in view, was recall 77.3 %, precision 97.2 %, four regimes
/// ruled out but put in scope; the general fixes they then showed the need for are in the
/// knowledge files.) Their bar is lower than the corpus's; a drop below it is a regression.
#[test]
fn the_extractor_on_the_held_out_sets() {
    let (total, _) = measure("inputs-holdout", 5, "ALL (held out)");
    assert!(total.recall() >= 85.0, "recall {:.1}%", total.recall());
    assert!(
        total.precision() >= 93.0,
        "precision {:.1}%",
        total.precision()
    );
    assert_eq!(total.regime_wrong, 0, "no regime ruled out is in scope");
}

// ------------------------------------------------------------------------------------ figures

/// How the figure extractor does on the labelled lines: each expected requirement line's text
/// (read from the file, so this does not depend on requirement extraction) is run through
/// `figures`, and what it gives is matched one to one against the labels.
#[derive(Default, Clone, Copy)]
struct FigureScore {
    /// Expected figures, and those found.
    expected: usize,
    found: usize,
    /// Figures produced on labelled lines, those matching a label, and those of a kind the line
    /// has no label of.
    produced: usize,
    right: usize,
    wrong_kind: usize,
}

impl FigureScore {
    fn add(&mut self, o: &FigureScore) {
        self.expected += o.expected;
        self.found += o.found;
        self.produced += o.produced;
        self.right += o.right;
        self.wrong_kind += o.wrong_kind;
    }

    fn recall(&self) -> f64 {
        Score::pct(self.found, self.expected)
    }

    /// Produced figures that match a label.
    fn precision(&self) -> f64 {
        Score::pct(self.right, self.produced)
    }

    /// Produced figures of a kind the line is labelled with (the lenient measure).
    fn kind_precision(&self) -> f64 {
        Score::pct(self.produced - self.wrong_kind, self.produced)
    }

    fn line(&self) -> String {
        format!(
            "figures recall {:5.1}% ({}/{}) precision {:5.1}% ({}/{}) · of a labelled kind {:5.1}% ({} of other kinds)",
            self.recall(),
            self.found,
            self.expected,
            self.precision(),
            self.right,
            self.produced,
            self.kind_precision(),
            self.wrong_kind,
        )
    }
}

/// Within 2 % of the expected value.
fn close(expected: f64, got: f64) -> bool {
    (expected - got).abs() <= 0.02 * expected.abs() + 1e-9
}

/// Seconds in a labelled period (a month may be 30 or 365/12 days: both are within 2 %).
fn per_seconds(per: &str) -> f64 {
    match per.to_ascii_lowercase().as_str() {
        "second" => 1.0,
        "minute" => 60.0,
        "hour" => 3600.0,
        "day" => 86_400.0,
        "week" => 604_800.0,
        "month" => 86_400.0 * 365.0 / 12.0,
        "year" => 86_400.0 * 365.0,
        other => panic!("unknown period {other:?} in a label"),
    }
}

/// A unit compared loosely: case, singular or plural, `/month` or ` per month`.
fn loose_unit(unit: &str) -> String {
    let lower = unit.to_lowercase().replace(" per ", "/");
    lower
        .split('/')
        .map(|part| {
            let part = part.trim();
            part.strip_suffix('s').unwrap_or(part).to_string()
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn same_figure(want: &Figure, got: &infradraft::model::Figure) -> bool {
    use infradraft::model::Figure as G;
    match (want, got) {
        // Availability is compared on what may be unavailable: 99.9 and 99.99 differ tenfold.
        (Figure::Availability { percent }, G::Availability { percent: p }) => {
            close(100.0 - percent, 100.0 - p)
        }
        (
            Figure::Latency { percentile, max_ms },
            G::Latency {
                percentile: p,
                millis,
            },
        ) => {
            close(*max_ms, *millis)
                && match (percentile, p) {
                    (None, None) => true,
                    (Some(a), Some(b)) => (a - b).abs() < 1e-6,
                    _ => false,
                }
        }
        (
            Figure::Throughput { value, unit, per },
            G::Throughput {
                per_second,
                unit: u,
            },
        ) => close(value / per_seconds(per), *per_second) && loose_unit(unit) == loose_unit(u),
        (Figure::Rpo { minutes }, G::Rpo { minutes: m })
        | (Figure::Rto { minutes }, G::Rto { minutes: m }) => close(*minutes, *m),
        (Figure::Retention { days }, G::Retention { days: d }) => close(*days, *d),
        (
            Figure::Budget {
                amount,
                currency,
                per,
            },
            G::Budget {
                amount: a,
                currency: c,
                per: p,
            },
        ) => close(*amount, *a) && currency == c && per.eq_ignore_ascii_case(&format!("{p:?}")),
        (Figure::Capacity { value, unit }, G::Capacity { value: v, unit: u }) => {
            close(*value, *v) && loose_unit(unit) == loose_unit(u)
        }
        _ => false,
    }
}

fn kind_name(f: &Figure) -> &'static str {
    match f {
        Figure::Availability { .. } => "availability",
        Figure::Latency { .. } => "latency",
        Figure::Throughput { .. } => "throughput",
        Figure::Rpo { .. } => "RPO",
        Figure::Rto { .. } => "RTO",
        Figure::Retention { .. } => "retention",
        Figure::Budget { .. } => "budget",
        Figure::Capacity { .. } => "capacity",
    }
}

fn figure_score(dir: &Path, e: &Expected) -> FigureScore {
    let debug = std::env::var_os("CORPUS_DEBUG").is_some();
    let mut s = FigureScore::default();
    let mut texts: std::collections::HashMap<String, Vec<String>> = Default::default();
    for r in &e.requirements {
        let lines = texts.entry(r.at.0.clone()).or_insert_with(|| {
            std::fs::read_to_string(dir.join(&r.at.0))
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect()
        });
        let line = &lines[r.at.1 as usize - 1];
        let got = infradraft::inputs::extract::figures(line);
        s.expected += r.figures.len();
        s.produced += got.len();
        let mut taken = vec![false; got.len()];
        for want in &r.figures {
            match (0..got.len()).find(|&i| !taken[i] && same_figure(want, &got[i])) {
                Some(i) => {
                    taken[i] = true;
                    s.found += 1;
                    s.right += 1;
                }
                None if debug => {
                    eprintln!("  missed {}:{} {want:?} in {line:?}", r.at.0, r.at.1)
                }
                None => {}
            }
        }
        for (i, g) in got.iter().enumerate() {
            if taken[i] {
                continue;
            }
            if !r.figures.iter().any(|w| kind_name(w) == g.kind()) {
                s.wrong_kind += 1;
            }
            if debug {
                eprintln!("  extra {}:{} {g:?} in {line:?}", r.at.0, r.at.1);
            }
        }
    }
    s
}

#[test]
fn the_figures_on_the_labelled_corpus() {
    let mut total = FigureScore::default();
    for (name, dir, expected) in &sets() {
        let s = figure_score(dir, expected);
        eprintln!("{name:28} {}", s.line());
        total.add(&s);
    }
    eprintln!("{:28} {}", "ALL", total.line());
    // The bar: 99.4 % recall and 98.8 % precision were reached; the misses and extras left are
    // labels read differently (a line's label naming the unit, a business goal with a count).
    assert!(
        total.recall() >= 98.0,
        "figure recall {:.1}%",
        total.recall()
    );
    assert!(
        total.precision() >= 98.0,
        "figure precision {:.1}%",
        total.precision()
    );
}

/// Every set under `tests/fixtures/<dir>/` (at least `at_least` of them) scored, each printed on
/// a line, and the totals printed under `label`.
fn measure(dir: &str, at_least: usize, label: &str) -> (Score, FigureScore) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let sets = sets_in(&root);
    assert!(sets.len() >= at_least, "{} sets in {dir}", sets.len());
    let mut total = Score::default();
    let mut figures = FigureScore::default();
    for (name, dir, expected) in &sets {
        check_quotes(name, dir, expected);
        let session = read_set(dir);
        let s = score(&session, expected);
        eprintln!("{name:28} {}", s.line());
        total.add(&s);
        figures.add(&figure_score(dir, expected));
    }
    eprintln!("{label:28} {}", total.line());
    eprintln!("{label:28} {}", figures.line());
    (total, figures)
}

/// Holds a held-out corpus to its bars: requirement recall and precision (percent), planted
/// conflicts found, and figure recall (percent).
fn held_to(
    total: &Score,
    figures: &FigureScore,
    recall: f64,
    precision: f64,
    conflicts: usize,
    figure_recall: f64,
) {
    assert!(total.recall() >= recall, "recall {:.1}%", total.recall());
    assert!(
        total.precision() >= precision,
        "precision {:.1}%",
        total.precision()
    );
    assert!(
        total.conflict_found >= conflicts,
        "conflicts found {}/{}",
        total.conflict_found,
        total.conflict_expected
    );
    assert!(
        figures.recall() >= figure_recall,
        "figure recall {:.1}%",
        figures.recall()
    );
}

/// The second held-out corpus (`tests/fixtures/inputs-holdout-2/`): ten sets written by two
/// other hands, in styles and for providers chosen without looking at the extractor. Measured
/// blind on 2026-12-05, before anything was tuned on them: requirements recall 84.0 % (289/344),
/// precision 92.0 %, category 65.4 %; facts 55.6 % (385/692); negation errors 0 of 39; regimes
/// 18/18 with 4 wrongly in scope; conflicts 18/67 found, 17/38 reported right; figures recall
/// 74.0 %, precision 91.0 %. After that they were read, and are a development set like the others.
#[test]
fn the_extractor_on_the_second_held_out_sets() {
    let (total, figures) = measure("inputs-holdout-2", 10, "ALL (held out 2)");
    // A drop below these (a little under their measure after the general fixes of 2026-12-05:
    // recall 84.0 %, precision 92.2 %, conflicts 40/67 found and 34/43 right, no regime ruled out
    // in scope) is a regression.
    assert_eq!(total.regime_wrong, 0, "no regime ruled out is in scope");
    held_to(&total, &figures, 82.0, 90.0, 38, 74.0);
}

/// The third held-out corpus (`tests/fixtures/inputs-holdout-3/`): five sets written by another
/// hand while the conflict rules were developed on the others, without reading the extractor.
/// Measured blind on 2026-12-05, after the conflict rules were built and before any change made
/// with these sets in view: requirements recall 82.3 % (130/158), precision 98.8 %; facts 74.5 %;
/// negation errors 2 of 30; regimes 7/7 with 1 wrongly in scope; conflicts 17/30 found, 15/19
/// reported planted; figures recall 82.5 %, precision 98.1 %. The bars below are a little under
/// that first measure. On 2026-12-06 its misses (and set 2's) were read to find wording classes
/// the extractor missed, so it is no longer blind for those (see the README's corpus table).
#[test]
fn the_extractor_on_the_third_held_out_sets() {
    let (total, figures) = measure("inputs-holdout-3", 5, "ALL (held out 3)");
    held_to(&total, &figures, 80.0, 95.0, 15, 80.0);
}

/// The fourth held-out corpus (`tests/fixtures/inputs-holdout-4/`): four sets written by another
/// hand on 2026-12-06 without reading the extractor, after the wording classes read from sets 2
/// and 3 were built, to measure them blind. Measured blind once: requirements recall 96.1 %
/// (99/103), precision 98.5 %; facts 70.8 %; negation errors 3 of 20; regimes 5/6; conflicts
/// 9/20 found, 8/10 reported planted; figures recall 64.6 % (31/48), precision 91.2 %. The
/// extractor before those classes gave 95.1 % / 98.5 % and figures 62.5 % / 88.2 % on them. The
/// bars below are a little under the blind measure.
#[test]
fn the_extractor_on_the_fourth_held_out_sets() {
    let (total, figures) = measure("inputs-holdout-4", 4, "ALL (held out 4)");
    held_to(&total, &figures, 93.0, 95.0, 8, 60.0);
}
