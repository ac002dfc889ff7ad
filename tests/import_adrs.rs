//! `import-adrs`: folders of decision records in the three layouts (adr-tools, MADR 2.x–4.x,
//! log4brains) read into a session with their numbers, statuses, dates, people, links and
//! options; infradraft's own records round-trip through `export --adr-dir`; hostile folders
//! are bounded and reported, one line per file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use infradraft::knowledge::{Catalog, Template};
use infradraft::model::{AdrId, AdrStatus, ComponentDesign, Decision, Session};
use infradraft::workflow::import_adrs::{AdrImport, IMPORTED_SECTION, Layout, import_adrs};
use infradraft::workflow::{NewSession, new_session};
use jiff::Timestamp;

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/adrs")
        .join(name)
}

fn now() -> Timestamp {
    Timestamp::from_second(1_800_000_000).unwrap()
}

/// A fresh session on the sample inputs, as `new` makes it.
fn fresh() -> Session {
    new_session(
        &Template::builtin().unwrap(),
        NewSession {
            title: None,
            project: None,
            authors: vec!["A. Architect".into()],
            mode: Some(infradraft::model::InteractionMode::Incremental),
            inputs: infradraft::sample::inputs(now()),
        },
        now(),
    )
}

fn import(dir: &Path) -> (Session, AdrImport) {
    let mut s = fresh();
    let report = import_adrs(&mut s, &Catalog::builtin().unwrap(), dir, now()).unwrap();
    (s, report)
}

fn record(s: &Session, n: u32) -> (&ComponentDesign, &Decision) {
    s.adr(AdrId(n))
        .unwrap_or_else(|| panic!("ADR-{n:04} is in the session"))
}

fn day(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d").to_string()
}

/// A record's number, status, and the records it supersedes and is superseded by.
type Links = (Option<AdrId>, AdrStatus, Option<AdrId>, Option<AdrId>);

fn chosen_name(c: &ComponentDesign, d: &Decision) -> String {
    d.card(c, &d.option).unwrap().name.clone()
}

#[test]
fn an_adr_tools_folder_keeps_numbers_statuses_dates_and_links() {
    let (s, r) = import(&fixtures("adr-tools"));
    assert_eq!(r.layout, Layout::AdrTools);
    assert!(!r.by_infradraft);
    assert_eq!(r.ignored, ["README.md"]);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(r.imported.len(), 6);
    assert_eq!(s.last_adr, 6);

    // The chain 2 → 3 → 4 is one decision: 4 is current, 2 and 3 its earlier records.
    let (c, d4) = record(&s, 4);
    assert_eq!(c.section_id(), IMPORTED_SECTION);
    assert_eq!(c.title, "Store shipments in managed PostgreSQL");
    assert_eq!(
        c.purpose,
        "Running replication ourselves cost two on-call incidents a month."
    );
    assert_eq!(d4.status, AdrStatus::Accepted);
    assert_eq!(c.decision.as_ref(), Some(d4));
    assert_eq!(d4.supersedes, Some(AdrId(3)));
    assert_eq!(d4.superseded_by, None);
    assert_eq!(day(d4.decided_at), "2024-02-20");
    assert_eq!(
        d4.justification,
        "We will use the cloud provider's managed PostgreSQL with PostGIS enabled."
    );
    assert_eq!(chosen_name(c, d4), "Store shipments in managed PostgreSQL");
    assert_eq!(
        d4.card(c, &d4.option).unwrap().summary,
        "Replication and backups are the provider's; we pay about 30% more for the database."
    );
    let earlier: Vec<Links> = c
        .earlier
        .iter()
        .map(|d| (d.adr, d.status, d.supersedes, d.superseded_by))
        .collect();
    assert_eq!(
        earlier,
        [
            (Some(AdrId(2)), AdrStatus::Superseded, None, Some(AdrId(3))),
            (
                Some(AdrId(3)),
                AdrStatus::Superseded,
                Some(AdrId(2)),
                Some(AdrId(4))
            ),
        ]
    );
    let d2 = &c.earlier[0];
    assert_eq!(day(d2.decided_at), "2023-01-16");
    // When it was superseded: the day of the record that superseded it.
    assert_eq!(d2.status_at.map(day).as_deref(), Some("2023-06-02"));
    assert_eq!(chosen_name(c, d2), "Store shipments in MySQL");

    let (c5, d5) = record(&s, 5);
    assert_eq!(d5.status, AdrStatus::Deprecated);
    assert!(
        c5.decision.is_none(),
        "a deprecated record leaves its decision open"
    );
    assert_eq!(day(d5.decided_at), "2023-03-01");

    // A title that names a decision of the template lands on it.
    let (c6, d6) = record(&s, 6);
    assert_eq!(c6.id, "infrastructure-as-code");
    assert_eq!(d6.status, AdrStatus::Accepted);
    assert_eq!(record(&s, 1).1.status, AdrStatus::Accepted);
    assert!(s.history.iter().any(|h| h.action == "imported-adrs"));
}

#[test]
fn a_madr2_folder_reads_bullet_metadata_options_and_pros_and_cons() {
    let (s, r) = import(&fixtures("madr2"));
    assert_eq!(r.layout, Layout::Madr2);
    assert_eq!(r.ignored, ["template.md"]);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    // 1 → 2 → 3 with links stated on the older side only.
    let (c, d3) = record(&s, 3);
    assert_eq!(d3.status, AdrStatus::Accepted);
    assert_eq!(d3.supersedes, Some(AdrId(2)));
    assert_eq!(chosen_name(c, d3), "Managed Kafka service");
    assert_eq!(
        d3.justification,
        "It keeps replay and removes the cluster work."
    );
    assert_eq!(d3.people.decision_makers, ["Ines Duarte", "Tom Baker"]);
    assert_eq!(day(d3.decided_at), "2024-01-15");
    let names: Vec<&str> = d3
        .considered
        .iter()
        .map(|id| c.option(id).unwrap().name.as_str())
        .collect();
    assert_eq!(names, ["Apache Kafka", "Managed Kafka service"]);
    let managed = c
        .options
        .iter()
        .find(|o| o.name == "Managed Kafka service")
        .unwrap();
    assert_eq!(
        managed.pros,
        ["The provider patches and scales the brokers"]
    );
    assert_eq!(managed.cons, ["It costs about EUR 900 a month more"]);
    let statuses: Vec<(u32, AdrStatus, Option<AdrId>, Option<AdrId>)> = c
        .earlier
        .iter()
        .map(|d| (d.adr.unwrap().0, d.status, d.supersedes, d.superseded_by))
        .collect();
    assert_eq!(
        statuses,
        [
            (1, AdrStatus::Superseded, None, Some(AdrId(2))),
            (2, AdrStatus::Superseded, Some(AdrId(1)), Some(AdrId(3))),
        ]
    );
    // The earlier record keeps its own cards, as they were then.
    let d1 = &c.earlier[0];
    assert_eq!(chosen_name(c, d1), "RabbitMQ");
    let rabbit = d1
        .options_then
        .iter()
        .find(|o| o.name == "RabbitMQ")
        .unwrap();
    assert_eq!(
        rabbit.summary,
        "A RabbitMQ cluster on three virtual machines."
    );
    assert_eq!(
        rabbit.pros,
        [
            "The team already operates it",
            "Routing by port is built in"
        ]
    );
    assert_eq!(rabbit.cons, ["Replaying old events is not possible"]);
    assert_eq!(d1.people.decision_makers, ["Ines Duarte", "Tom Baker"]);
    // Rejected stays a record; proposed becomes a recommendation without a number.
    let (c4, d4) = record(&s, 4);
    assert_eq!(d4.status, AdrStatus::Rejected);
    assert_eq!(chosen_name(c4, d4), "Istio");
    assert!(s.adr(AdrId(5)).is_none());
    let proposal = r.imported.iter().find(|i| i.adr.is_none()).unwrap();
    assert_eq!(proposal.file, "0005-archive-events-to-object-storage.md");
    let c5 = s.component(&proposal.component).unwrap();
    let rec = c5.recommendation.as_ref().unwrap();
    assert_eq!(
        c5.option(&rec.option).unwrap().name,
        "Object storage with lifecycle rules"
    );
    assert!(c5.decision.is_none());
    // Its number is never given again.
    assert_eq!(s.last_adr, 5);
}

#[test]
fn a_madr3_folder_reads_front_matter_people_and_lists() {
    let (s, r) = import(&fixtures("madr3"));
    assert_eq!(r.layout, Layout::Madr3);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    let (c, d3) = record(&s, 3);
    assert_eq!(chosen_name(c, d3), "Managed container service");
    assert_eq!(d3.people.decision_makers, ["Ines Duarte"]);
    assert_eq!(d3.people.consulted, ["Port IT", "Security office"]);
    assert_eq!(d3.people.informed, ["Customer support", "Finance"]);
    assert_eq!(d3.supersedes, Some(AdrId(2)));
    let chain: Vec<(u32, Option<AdrId>)> = c
        .earlier
        .iter()
        .map(|d| (d.adr.unwrap().0, d.superseded_by))
        .collect();
    assert_eq!(chain, [(1, Some(AdrId(2))), (2, Some(AdrId(3)))]);
    assert_eq!(c.earlier[0].people.consulted, ["Port IT"]);
    assert_eq!(day(c.earlier[1].decided_at), "2023-05-22");
    let (_, d4) = record(&s, 4);
    assert_eq!(d4.status, AdrStatus::Deprecated);
    assert_eq!(day(d4.decided_at), "2023-02-14");
}

#[test]
fn a_madr4_folder_keeps_its_numbers_and_reports_a_broken_record_with_its_line() {
    let (s, r) = import(&fixtures("madr4"));
    assert_eq!(r.layout, Layout::Madr4);
    assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);
    let line = r.skipped[0].to_string();
    assert!(
        line.contains("0014-broken-front-matter.md:3: front matter is not YAML"),
        "{line}"
    );
    // The numbers are the folder's, not 1, 2, 3.
    assert!(s.adr(AdrId(1)).is_none());
    let (c, d12) = record(&s, 12);
    assert_eq!(d12.supersedes, Some(AdrId(11)));
    assert_eq!(
        chosen_name(c, d12),
        "Point-in-time recovery of the managed service"
    );
    assert_eq!(d12.people.consulted, ["Port IT", "Security office"]);
    assert!(d12.people.informed.is_empty());
    // `superseded by ADR-0011` in the front matter links by number.
    let d10 = &c.earlier[0];
    assert_eq!(
        (d10.adr, d10.superseded_by),
        (Some(AdrId(10)), Some(AdrId(11)))
    );
    assert_eq!(d10.people.decision_makers, ["Ines Duarte"]);
    let nightly = d10
        .options_then
        .iter()
        .find(|o| o.name == "Nightly dump")
        .unwrap();
    assert_eq!(nightly.pros, ["It is one cron job"]);
    assert_eq!(nightly.cons, ["Up to a day of events can be lost"]);
    assert_eq!(nightly.summary, "Neutral: Restores take about an hour");
    let (_, d13) = record(&s, 13);
    assert_eq!(d13.status, AdrStatus::Rejected);
    // The broken record's number is never given again either.
    assert_eq!(s.last_adr, 14);
}

#[test]
fn a_log4brains_folder_is_numbered_by_date_after_the_sessions_numbers() {
    let mut s = fresh();
    s.last_adr = 40;
    let r = import_adrs(
        &mut s,
        &Catalog::builtin().unwrap(),
        &fixtures("log4brains"),
        now(),
    )
    .unwrap();
    assert_eq!(r.layout, Layout::Log4brains);
    assert_eq!(r.ignored, ["index.md", "template.md"]);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    let numbers: Vec<(String, u32)> = r
        .imported
        .iter()
        .map(|i| (i.file.clone(), i.adr.unwrap().0))
        .collect();
    let n = |f: &str| numbers.iter().find(|(x, _)| x == f).unwrap().1;
    assert_eq!(n("20230112-send-alerts-by-email.md"), 41);
    assert_eq!(n("20230301-keep-logs-for-a-year.md"), 42);
    assert_eq!(n("20230815-send-alerts-to-chat.md"), 43);
    assert_eq!(n("20240305-page-the-on-call-operator.md"), 44);
    assert_eq!(s.last_adr, 44);
    let (c, d) = record(&s, 44);
    assert_eq!(d.status, AdrStatus::Accepted);
    assert_eq!(d.supersedes, Some(AdrId(43)));
    assert_eq!(chosen_name(c, d), "Paging service");
    let chain: Vec<(u32, Option<AdrId>)> = c
        .earlier
        .iter()
        .map(|d| (d.adr.unwrap().0, d.superseded_by))
        .collect();
    assert_eq!(chain, [(41, Some(AdrId(43))), (43, Some(AdrId(44)))]);
    assert_eq!(
        c.earlier[1].people.decision_makers,
        ["Tom Baker", "Ines Duarte"]
    );
    let (_, logs) = record(&s, 42);
    assert_eq!(logs.status, AdrStatus::Deprecated);
    assert_eq!(day(logs.decided_at), "2023-03-01");
}

#[test]
fn a_log4brains_config_above_the_folder_names_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(
        dir.path().join(".log4brains.yml"),
        "project:\n  name: Harbourline\n",
    )
    .unwrap();
    let adr = dir.path().join("docs/adr");
    fs::create_dir_all(&adr).unwrap();
    fs::copy(
        fixtures("madr2").join("0004-add-a-service-mesh.md"),
        adr.join("0004-add-a-service-mesh.md"),
    )
    .unwrap();
    let (s, r) = import(&adr);
    assert_eq!(r.layout, Layout::Log4brains);
    assert_eq!(record(&s, 4).1.status, AdrStatus::Rejected);
}

#[test]
fn importing_the_same_folder_twice_adds_nothing_twice() {
    let (mut s, _) = import(&fixtures("madr3"));
    let before = s.components.clone();
    let r = import_adrs(
        &mut s,
        &Catalog::builtin().unwrap(),
        &fixtures("madr3"),
        now(),
    )
    .unwrap();
    assert!(r.imported.is_empty());
    assert_eq!(r.already.len(), 4);
    assert_eq!(s.components, before);
    // Another folder whose numbers the session gives to other records is refused whole.
    let err = import_adrs(
        &mut s,
        &Catalog::builtin().unwrap(),
        &fixtures("madr2"),
        now(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("is already"), "{err}");
    assert_eq!(s.components, before);
}

// ---------------------------------------------------------------------------------------------
// Round trip: export --adr-dir, then import-adrs into a fresh session from the same inputs.

/// What a record is, as far as its file can tell.
#[derive(Debug, PartialEq)]
struct Seen {
    component: String,
    status: AdrStatus,
    option: String,
    considered: Vec<String>,
    supersedes: Option<AdrId>,
    superseded_by: Option<AdrId>,
    people: infradraft::model::People,
    last_changed: String,
    status_at: Option<String>,
    amended_at: Option<String>,
    status_reason: String,
    accepted_conflicts: Vec<(String, String)>,
}

fn seen(s: &Session) -> Vec<(AdrId, Seen)> {
    let mut out: Vec<(AdrId, Seen)> = s
        .components
        .iter()
        .flat_map(|c| c.records().map(move |d| (c, d)))
        .map(|(c, d)| {
            (
                d.adr.unwrap(),
                Seen {
                    component: c.id.clone(),
                    status: d.status,
                    option: d.option.clone(),
                    considered: d.considered.clone(),
                    supersedes: d.supersedes,
                    superseded_by: d.superseded_by,
                    people: d.people.clone(),
                    last_changed: day(d.last_changed()),
                    status_at: d.status_at.map(day),
                    amended_at: d.amended_at.map(day),
                    status_reason: d.status_reason.clone(),
                    accepted_conflicts: d
                        .acknowledged_conflicts
                        .iter()
                        .map(|a| (a.finding.clone(), a.reason.clone()))
                        .collect(),
                },
            )
        })
        .collect();
    out.sort_by_key(|(a, _)| *a);
    out
}

#[test]
fn exported_records_import_back_into_a_fresh_session_as_the_same_decisions() {
    use infradraft::workflow::design::{self, Ruling};
    let template = Template::builtin().unwrap();
    let mut s = common::complete_session();
    let later = |d: i64| Timestamp::from_second(1_800_000_000 + d * 86_400).unwrap();
    // A supersede chain (compute-resources: ADR-0005 → 0024 → 0025), an amendment, a
    // deprecation, a rejection and people.
    for (n, pick) in [(3, 1usize), (6, 0)] {
        // The first new record accepts a conflict with the inputs; it comes back with it.
        let acknowledgements = if n == 3 {
            vec![infradraft::model::ConflictAck {
                finding: "Kubernetes conflicts with \u{201c}no Kubernetes in year one\u{201d} (architecture.md:231)".into(),
                reason: "the platform team (ADR-001) runs it".into(),
            }]
        } else {
            Vec::new()
        };
        let c = s.component("compute-resources").unwrap();
        let current = c.decision.as_ref().unwrap().option.clone();
        let other = c
            .options
            .iter()
            .map(|o| o.id.clone())
            .filter(|id| *id != current)
            .nth(pick)
            .unwrap_or(current);
        design::supersede(
            &mut s,
            &template,
            "compute-resources",
            Ruling {
                option: &other,
                justification: "The team runs it already.",
                conflicts: &[],
                acknowledgements,
            },
            later(n),
        )
        .unwrap();
    }
    let cloud = s
        .component("cloud-provider-strategy")
        .unwrap()
        .decision
        .clone()
        .unwrap();
    design::amend(
        &mut s,
        &template,
        "cloud-provider-strategy",
        Ruling {
            option: &cloud.option,
            justification: "The agreement was renewed.",
            conflicts: &[],
            acknowledgements: Vec::new(),
        },
        later(8),
    )
    .unwrap();
    design::deprecate(
        &mut s,
        &template,
        "data-cache",
        "The database caches enough",
        later(9),
    )
    .unwrap();
    design::reject(
        &mut s,
        &template,
        "data-messaging",
        "The board wants a bus",
        later(10),
    )
    .unwrap();
    design::set_people(
        &mut s,
        AdrId(24),
        &infradraft::model::People {
            decision_makers: vec!["R. Okafor".into(), "J. Doe".into()],
            consulted: vec!["Platform team".into()],
            informed: vec!["Ops".into()],
        },
        later(11),
    )
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let adr_dir = dir.path().join("adr");
    fs::create_dir(&adr_dir).unwrap();
    for (name, text) in infradraft::export::adrs(&s) {
        fs::write(adr_dir.join(name), text).unwrap();
    }

    let mut fresh = common::yolo_sample(
        Timestamp::from_second(1_800_000_000).unwrap(),
        Timestamp::from_second(1_800_000_001).unwrap(),
        vec!["A. Architect".into()],
    );
    let r = import_adrs(&mut fresh, &Catalog::builtin().unwrap(), &adr_dir, now()).unwrap();
    assert!(r.by_infradraft);
    assert_eq!(r.layout, Layout::Madr4);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert!(r.new_components.is_empty(), "{:?}", r.new_components);
    assert_eq!(fresh.last_adr, s.last_adr);
    let (want, got) = (seen(&s), seen(&fresh));
    assert_eq!(want.len(), got.len());
    for (w, g) in want.iter().zip(&got) {
        assert_eq!(w, g);
    }
    assert!(
        got.iter().any(|(_, g)| !g.accepted_conflicts.is_empty()),
        "the accepted conflict came back"
    );
    // Exported again, the records say the same: front matter, heading, links, options, choice.
    let head = |text: &str| -> String {
        let end = text.find("### Consequences").unwrap();
        let pros = &text[text.find("## Pros and Cons of the Options").unwrap()..];
        text[..end]
            .lines()
            .filter(|l| {
                !l.starts_with("<!-- infradraft-adr:") && !l.starts_with("The recommendation was")
            })
            .chain(pros.lines())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let again = infradraft::export::adrs(&fresh);
    let first = infradraft::export::adrs(&s);
    assert_eq!(again.len(), first.len());
    for ((n1, t1), (n2, t2)) in first.iter().zip(&again) {
        assert_eq!(n1, n2);
        assert_eq!(head(t1), head(t2), "{n1}");
    }
}

#[test]
fn imported_decisions_are_written_into_their_sections_and_the_persons_text_is_kept() {
    use infradraft::workflow::import_adrs::write_section_texts;
    let template = Template::builtin().unwrap();
    // Records from elsewhere: a new section whose text holds the accepted decision.
    let (mut s, report) = import(&fixtures("madr3"));
    let texts = write_section_texts(&mut s, &template, &report);
    assert_eq!(texts.written, [IMPORTED_SECTION]);
    assert!(texts.left.is_empty());
    let body = &s.section(IMPORTED_SECTION).unwrap().body;
    assert!(
        body.contains("**Decision:** Managed container service.")
            && body.contains("Nobody wants to upgrade clusters."),
        "{body}"
    );
    // Unrated options are named, not tabulated with dashes.
    assert!(
        body.contains("- Managed container service (chosen)") && !body.contains("| – |"),
        "{body}"
    );
    assert_ne!(
        s.section(IMPORTED_SECTION).unwrap().status,
        infradraft::model::SectionStatus::Empty
    );
    // Written again (the same folder imported twice), nothing changes.
    let before = s.clone();
    let again = write_section_texts(&mut s, &template, &report);
    assert!(
        again.written.is_empty() && again.left.is_empty(),
        "{again:?}"
    );
    assert_eq!(s, before);

    // infradraft's own records into a drafted session whose sections the person wrote in.
    let decided = common::complete_session();
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in infradraft::export::adrs(&decided) {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let mut drafted = common::yolo_sample(now(), now(), vec!["A. Architect".into()]);
    let mine = "Our platform team reviews every change to this section.";
    for id in ["compute-resources", "network-architecture"] {
        let section = drafted.section_mut(id).unwrap();
        section.body = format!("{}\n\n{mine}\n", section.body.trim_end());
        section.hand_edited = true;
    }
    let report = import_adrs(
        &mut drafted,
        &Catalog::builtin().unwrap(),
        dir.path(),
        now(),
    )
    .unwrap();
    let texts = write_section_texts(&mut drafted, &template, &report);
    assert!(!texts.written.is_empty(), "{texts:?}");
    for id in ["compute-resources", "network-architecture"] {
        let body = &drafted.section(id).unwrap().body;
        assert!(
            body.contains(mine),
            "{id}: the person's line is kept:\n{body}"
        );
        assert!(
            texts.written.iter().chain(&texts.left).any(|w| w == id),
            "{id}: {texts:?}"
        );
    }
    // Where it was written, the section says what was decided.
    for id in &texts.written {
        let body = &drafted.section(id).unwrap().body;
        assert!(body.contains("**Decision:**"), "{id}:\n{body}");
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile folders, and the command line.

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_infradraft"));
    c.env("TZ", "UTC");
    c
}

#[cfg(unix)]
#[test]
fn hostile_files_are_refused_one_line_each_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("secret.md");
    fs::write(&outside, "# 9. Secret\n\n## Status\n\nAccepted\n").unwrap();
    let adr = dir.path().join("adr");
    fs::create_dir(&adr).unwrap();
    fs::copy(
        fixtures("adr-tools").join("0001-record-architecture-decisions.md"),
        adr.join("0001-record-architecture-decisions.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, adr.join("0002-link-out.md")).unwrap();
    std::os::unix::fs::symlink(
        adr.join("0001-record-architecture-decisions.md"),
        adr.join("0007-link-in.md"),
    )
    .unwrap();
    let big = fs::File::create(adr.join("0003-huge.md")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    fs::write(adr.join("0004-binary.md"), b"# 4. Bin\n\x00\x01\x02\xff").unwrap();
    let fifo = adr.join("0005-fifo.md");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    fs::write(adr.join("0006-latin1.md"), b"# 6. Caf\xe9\n").unwrap();

    let session = dir.path().join("s.ron");
    infradraft::store::create(&session, &fresh(), false).unwrap();
    let o = bin()
        .env("INFRADRAFT_HOME", dir.path().join("home"))
        .args([
            "import-adrs",
            adr.to_str().unwrap(),
            "--session",
            session.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    for (file, what) in [
        ("0002-link-out.md", "outside the folder"),
        ("0003-huge.md", "larger than the 1048576-byte limit"),
        ("0004-binary.md", "binary data at byte 9"),
        ("0005-fifo.md", "is a FIFO (named pipe), not a regular file"),
        ("0006-latin1.md", "not UTF-8"),
    ] {
        assert_eq!(
            lines.iter().filter(|l| l.contains(file)).count(),
            1,
            "{file} once in\n{err}"
        );
        assert!(
            lines.iter().any(|l| l.contains(file) && l.contains(what)),
            "{file}: {what} in\n{err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.contains("ADR-0001\taccepted\t"), "{out}");
    // A link within the folder is read: the same record under another number.
    assert!(out.contains("ADR-0007\taccepted\t"), "{out}");
    assert!(out.contains("5 file(s) skipped"), "{out}");
    let s = infradraft::store::load(&session).unwrap().session;
    assert!(s.adr(AdrId(1)).is_some());
    assert!(s.adr(AdrId(2)).is_none());
    assert_eq!(
        s.last_adr, 7,
        "the numbers of skipped files are never given"
    );
    assert!(
        infradraft::files::backup_path(&session).exists(),
        "saved with a backup"
    );
}

#[test]
fn the_command_refuses_a_session_open_in_a_workbench_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    infradraft::store::create(&session, &fresh(), false).unwrap();
    let before = fs::read(&session).unwrap();
    let held = infradraft::store::open(&session).unwrap();
    assert!(matches!(
        held.access,
        infradraft::store::Access::ReadWrite(_)
    ));
    let o = bin()
        .env("INFRADRAFT_HOME", dir.path().join("home"))
        .args([
            "import-adrs",
            fixtures("madr3").to_str().unwrap(),
            "--session",
            session.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("close it first"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(fs::read(&session).unwrap(), before);
    drop(held);
    let o = bin()
        .env("INFRADRAFT_HOME", dir.path().join("home"))
        .args([
            "import-adrs",
            fixtures("madr3").to_str().unwrap(),
            "--session",
            session.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("layout: MADR 3.x; imported 4 record(s) from "),
        "{out}"
    );
    assert!(
        out.contains("decision text written into imported-decisions;"),
        "{out}"
    );
    let saved = infradraft::store::load(&session).unwrap().session;
    assert!(
        saved
            .section(IMPORTED_SECTION)
            .unwrap()
            .body
            .contains("**Decision:** Managed container service."),
        "the saved session has the text"
    );
    // A folder that is not there is one line, status 2.
    let o = bin()
        .env("INFRADRAFT_HOME", dir.path().join("home"))
        .args([
            "import-adrs",
            "/nonexistent/adr",
            "--session",
            session.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/adr: no such file"));
}
