//! Decision records: stable numbers through every change of a session (a property test), the
//! lifecycle (supersede, amend, deprecate, reject, people) as the written records show it,
//! keeping a record directory in step (`write_adr_dir`), and numbering the decisions of an old
//! session when it is migrated.

use std::collections::BTreeMap;
use std::path::Path;

use infradraft_core::export::{adrs, write_adr_dir};
use infradraft_core::knowledge::Template;
use infradraft_core::model::{AdrId, AdrStatus, OptionCard, People, Session};
use infradraft_core::store;
use infradraft_core::workflow::design::{self, DesignError, Ruling};
use infradraft_core::workflow::{NewSession, new_session};
use jiff::Timestamp;
use proptest::prelude::*;

fn t(s: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + s).unwrap()
}

fn template() -> &'static Template {
    static T: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
    T.get_or_init(|| Template::builtin().unwrap())
}

/// A session from the built-in template whose first `n` decisions each have options a and b.
fn session(n: usize) -> (Session, Vec<String>) {
    let mut s = new_session(
        template(),
        NewSession {
            title: None,
            project: Some("Acme".into()),
            authors: vec!["A. Architect".into()],
            mode: None,
            inputs: vec![],
        },
        t(0),
    );
    let ids: Vec<String> = s.components.iter().take(n).map(|c| c.id.clone()).collect();
    for id in &ids {
        for o in ["a", "b"] {
            let mut card = OptionCard::named(o, &format!("Option {o}"));
            card.pros = vec![format!("{o} is simple.")];
            design::add_option(&mut s, id, card, t(0)).unwrap();
        }
    }
    (s, ids)
}

fn ruling<'a>(option: &'a str, why: &'a str) -> Ruling<'a> {
    Ruling {
        option,
        justification: why,
        conflicts: &[],
        acknowledgements: Vec::new(),
    }
}

fn decide(s: &mut Session, id: &str, option: &str, at: i64) {
    design::decide(s, template(), id, option, "It fits.", &[], vec![], t(at)).unwrap();
}

fn record<'a>(records: &'a [(String, String)], name: &str) -> &'a str {
    &records
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no record {name} among {:?}", names(records)))
        .1
}

fn names(records: &[(String, String)]) -> Vec<&str> {
    records.iter().map(|(n, _)| n.as_str()).collect()
}

#[derive(Debug, Clone)]
enum Op {
    Decide(usize, bool),
    Supersede(usize, bool),
    Amend(usize, bool),
    Deprecate(usize),
    Reject(usize),
    ReorderSections(Vec<usize>),
    RemoveDecision(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..4usize, any::<bool>()).prop_map(|(i, b)| Op::Decide(i, b)),
        2 => (0..4usize, any::<bool>()).prop_map(|(i, b)| Op::Supersede(i, b)),
        2 => (0..4usize, any::<bool>()).prop_map(|(i, b)| Op::Amend(i, b)),
        1 => (0..4usize).prop_map(Op::Deprecate),
        1 => (0..4usize).prop_map(Op::Reject),
        1 => proptest::collection::vec(any::<usize>(), 1..6).prop_map(Op::ReorderSections),
        1 => (0..4usize).prop_map(Op::RemoveDecision),
    ]
}

/// What a record is, whatever its number: its component and the moment it was first made.
type Identity = (String, Timestamp);

fn identities(s: &Session) -> Vec<(AdrId, Identity)> {
    s.components
        .iter()
        .flat_map(|c| {
            c.records()
                .map(move |d| (d.adr.expect("numbered"), (c.id.clone(), d.decided_at)))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever happens to a session (decide, re-decide by superseding or amending, undecide by
    /// deprecating or rejecting, reorder its sections, remove a decision), a record keeps its
    /// number and its file name, no number is given twice, and a new number is above every
    /// number given before.
    #[test]
    fn decision_numbers_never_change_and_are_never_reused(ops in proptest::collection::vec(op(), 1..24)) {
        let (mut s, ids) = session(4);
        let mut seen: BTreeMap<AdrId, Identity> = BTreeMap::new();
        let mut files: BTreeMap<AdrId, String> = BTreeMap::new();
        let mut highest = 0u32;
        for (step, op) in ops.into_iter().enumerate() {
            let at = 10 + step as i64;
            let opt = |b: bool| if b { "a" } else { "b" };
            let before: Vec<AdrId> = identities(&s).into_iter().map(|(a, _)| a).collect();
            match op {
                Op::Decide(i, b) => {
                    let _ = design::decide(&mut s, template(), &ids[i], opt(b), "Fits.", &[], vec![], t(at));
                }
                Op::Supersede(i, b) => {
                    let r = design::supersede(&mut s, template(), &ids[i], ruling(opt(b), "Better."), t(at));
                    prop_assert!(r.is_ok() || matches!(r, Err(DesignError::NotDecided(_)) | Err(DesignError::NoComponent(_))));
                }
                Op::Amend(i, b) => {
                    let r = design::amend(&mut s, template(), &ids[i], ruling(opt(b), "Amended."), t(at));
                    prop_assert!(r.is_ok() || matches!(r, Err(DesignError::NotDecided(_)) | Err(DesignError::NoComponent(_))));
                }
                Op::Deprecate(i) => {
                    let _ = design::deprecate(&mut s, template(), &ids[i], "Gone.", t(at));
                }
                Op::Reject(i) => {
                    let _ = design::reject(&mut s, template(), &ids[i], "No.", t(at));
                }
                Op::ReorderSections(swaps) => {
                    let n = s.sections.len();
                    for (k, x) in swaps.into_iter().enumerate() {
                        s.sections.swap(k % n, x % n);
                    }
                }
                Op::RemoveDecision(i) => {
                    s.components.retain(|c| c.id != ids[i]);
                }
            }
            let now = identities(&s);
            // Unique numbers.
            let mut numbers: Vec<AdrId> = now.iter().map(|(a, _)| *a).collect();
            numbers.sort();
            numbers.dedup();
            prop_assert_eq!(numbers.len(), now.len(), "a number given twice: {:?}", now);
            for (adr, identity) in &now {
                match seen.get(adr) {
                    // A known number still names the same record.
                    Some(known) => prop_assert_eq!(known, identity, "{} changed records", adr),
                    // A new number is above every number given before, even removed ones.
                    None => {
                        prop_assert!(adr.0 > highest, "{} given after {}", adr, highest);
                        seen.insert(*adr, identity.clone());
                    }
                }
            }
            highest = highest.max(numbers.last().map_or(0, |a| a.0));
            // Nothing but removing its component takes a record away.
            for adr in before {
                let component = &seen[&adr].0;
                if s.component(component).is_some() {
                    prop_assert!(now.iter().any(|(a, _)| *a == adr), "{} vanished", adr);
                }
            }
            // A record's file name never changes.
            for (name, _) in adrs(&s) {
                let number = AdrId(name[..4].parse().unwrap());
                let known = files.entry(number).or_insert_with(|| name.clone());
                prop_assert_eq!(&*known, &name);
            }
        }
    }
}

#[test]
fn superseding_keeps_the_old_record_and_links_both_ways_in_the_written_records() {
    let (mut s, ids) = session(2);
    let (first, second) = (&ids[0], &ids[1]);
    decide(&mut s, first, "a", 1);
    decide(&mut s, second, "a", 2);
    let change = design::supersede(
        &mut s,
        template(),
        first,
        ruling("b", "B scales better."),
        t(3),
    )
    .unwrap();
    assert!(matches!(
        change,
        infradraft_core::workflow::section_text::BodyChange::Written { .. }
    ));
    let c = s.component(first).unwrap();
    let d = c.decision.as_ref().unwrap();
    assert_eq!(d.adr, Some(AdrId(3)));
    assert_eq!(d.supersedes, Some(AdrId(1)));
    assert_eq!(d.option, "b");
    let old = &c.earlier[0];
    assert_eq!(
        (old.adr, old.status, old.superseded_by),
        (Some(AdrId(1)), AdrStatus::Superseded, Some(AdrId(3)))
    );
    assert_eq!(old.option, "a");
    assert_eq!(s.history.last().unwrap().action, "superseded");
    // The section text is the new decision's.
    let body = &s.section(c.section_id()).unwrap().body;
    assert!(body.contains("**Decision:** Option b."), "{body}");

    let records = adrs(&s);
    let old_name = format!("0001-{first}.md");
    let new_name = format!("0003-{first}.md");
    assert_eq!(
        names(&records),
        [
            old_name.as_str(),
            &format!("0002-{second}.md"),
            new_name.as_str()
        ]
    );
    let old_md = record(&records, &old_name);
    assert!(
        old_md.starts_with("---\nstatus: superseded by ADR-0003\n"),
        "{old_md}"
    );
    assert!(
        old_md.contains(&format!("> Superseded by [ADR-0003]({new_name}) on ")),
        "{old_md}"
    );
    assert!(old_md.contains("\n# ADR-0001 — "), "{old_md}");
    assert!(old_md.contains("Chosen option: \"Option a\""), "{old_md}");
    let new_md = record(&records, &new_name);
    assert!(new_md.starts_with("---\nstatus: accepted\n"), "{new_md}");
    assert!(
        new_md.contains(&format!("> Supersedes [ADR-0001]({old_name}).")),
        "{new_md}"
    );
    assert!(new_md.contains("\n# ADR-0003 — "), "{new_md}");
    assert!(new_md.contains("Chosen option: \"Option b\""), "{new_md}");

    // The superseded record keeps the card it chose even when the card leaves the component.
    design::remove_option(&mut s, first, "a", t(4)).unwrap();
    let records = adrs(&s);
    assert!(record(&records, &old_name).contains("Chosen option: \"Option a\""));
    // The document's decision log lists both, with their numbers and status.
    let doc = infradraft_core::export::document(&s, &Default::default());
    assert!(doc.contains("| ADR-0001 | "), "{doc}");
    assert!(doc.contains("| superseded by ADR-0003 |"), "{doc}");
    assert!(doc.contains("| accepted, supersedes ADR-0001 |"), "{doc}");
}

#[test]
fn amending_keeps_the_number_and_the_first_date_and_records_the_amendment() {
    let (mut s, ids) = session(1);
    let id = &ids[0];
    decide(&mut s, id, "a", 86_400);
    design::amend(
        &mut s,
        template(),
        id,
        ruling("b", "B after all."),
        t(3 * 86_400),
    )
    .unwrap();
    let c = s.component(id).unwrap();
    let d = c.decision.as_ref().unwrap();
    assert_eq!(
        (d.adr, d.option.as_str(), d.justification.as_str()),
        (Some(AdrId(1)), "b", "B after all.")
    );
    assert_eq!(d.decided_at, t(86_400));
    assert_eq!(d.amended_at, Some(t(3 * 86_400)));
    assert!(c.earlier.is_empty(), "an amendment keeps no earlier record");
    assert_eq!(s.last_adr, 1);
    assert_eq!(s.history.last().unwrap().action, "amended");
    let records = adrs(&s);
    assert_eq!(names(&records), [format!("0001-{id}.md").as_str()]);
    let md = &records[0].1;
    assert!(md.contains("status: accepted\ndate: 2027-01-18\n"), "{md}");
    assert!(
        md.contains("> Amended on 2027-01-18 (first decided on 2027-01-16)."),
        "{md}"
    );
    // Deciding again after an amendment still supersedes with a new number.
    decide(&mut s, id, "a", 4 * 86_400);
    assert_eq!(
        s.component(id).unwrap().decision.as_ref().unwrap().adr,
        Some(AdrId(2))
    );
}

#[test]
fn re_deciding_needs_a_decision_and_the_checks_of_deciding() {
    let (mut s, ids) = session(1);
    let id = &ids[0];
    for how in [design::supersede, design::amend] {
        assert_eq!(
            how(&mut s, template(), id, ruling("a", "x"), t(1)),
            Err(DesignError::NotDecided(id.clone()))
        );
    }
    decide(&mut s, id, "a", 2);
    assert_eq!(
        design::supersede(&mut s, template(), id, ruling("z", "x"), t(3)),
        Err(DesignError::NoOption("z".into()))
    );
    assert_eq!(
        design::amend(&mut s, template(), id, ruling("b", "  "), t(3)),
        Err(DesignError::NoJustification)
    );
    let conflicts = vec!["PRD: no Kubernetes".to_string()];
    assert_eq!(
        design::supersede(
            &mut s,
            template(),
            id,
            Ruling {
                option: "b",
                justification: "x",
                conflicts: &conflicts,
                acknowledgements: vec![],
            },
            t(3)
        ),
        Err(DesignError::UnacknowledgedConflicts(1))
    );
    // Nothing changed by the refusals.
    let c = s.component(id).unwrap();
    assert_eq!(c.decision.as_ref().unwrap().adr, Some(AdrId(1)));
    assert!(c.earlier.is_empty());
    assert_eq!(s.last_adr, 1);
}

#[test]
fn deprecating_and_rejecting_keep_the_record_and_undecide_the_component() {
    let (mut s, ids) = session(2);
    decide(&mut s, &ids[0], "a", 1);
    decide(&mut s, &ids[1], "b", 2);
    assert_eq!(
        design::deprecate(&mut s, template(), &ids[0], " ", t(3)),
        Err(DesignError::NoReason("deprecated"))
    );
    let w = design::deprecate(&mut s, template(), &ids[0], "We left that platform.", t(3)).unwrap();
    assert_eq!(w.adr, AdrId(1));
    let c = s.component(&ids[0]).unwrap();
    assert!(c.decision.is_none());
    assert_eq!(c.adr_status(), Some(AdrStatus::Proposed));
    assert_eq!(c.earlier[0].status, AdrStatus::Deprecated);
    assert_eq!(c.earlier[0].status_reason, "We left that platform.");
    let body = &s.section(c.section_id()).unwrap().body;
    assert!(
        !body.contains("**Decision:** Option a."),
        "the withdrawn decision's text goes: {body}"
    );
    assert_eq!(
        design::deprecate(&mut s, template(), &ids[0], "again", t(4)),
        Err(DesignError::NotDecided(ids[0].clone()))
    );
    design::reject(&mut s, template(), &ids[1], "The board said no.", t(4)).unwrap();
    // Deciding again gives a new number; the withdrawn records keep theirs.
    decide(&mut s, &ids[0], "b", 5);
    let c = s.component(&ids[0]).unwrap();
    assert_eq!(c.decision.as_ref().unwrap().adr, Some(AdrId(3)));
    assert_eq!(c.decision.as_ref().unwrap().supersedes, None);
    let records = adrs(&s);
    let deprecated = record(&records, &format!("0001-{}.md", ids[0]));
    assert!(
        deprecated.starts_with("---\nstatus: deprecated\ndate: "),
        "{deprecated}"
    );
    assert!(
        deprecated.contains("> Deprecated on 2027-01-15: We left that platform."),
        "{deprecated}"
    );
    let rejected = record(&records, &format!("0002-{}.md", ids[1]));
    assert!(
        rejected.starts_with("---\nstatus: rejected\n"),
        "{rejected}"
    );
    assert!(rejected.contains("> Rejected on 2027-01-15: The board said no."));
    assert!(
        record(&records, &format!("0003-{}.md", ids[0])).starts_with("---\nstatus: accepted\n")
    );
}

#[test]
fn people_go_to_the_front_matter_of_the_record_they_are_set_on() {
    let (mut s, ids) = session(1);
    decide(&mut s, &ids[0], "a", 1);
    let md = &adrs(&s)[0].1;
    // By default the decision makers are the session's authors; nobody is consulted or informed.
    assert!(
        md.contains("decision-makers: \"A. Architect\"\nconsulted: \"\"\ninformed: \"\"\n---\n"),
        "{md}"
    );
    let people = People {
        decision_makers: vec![" R. Okafor ".into(), "J. \"Jo\" Doe".into(), "".into()],
        consulted: vec!["Platform team".into()],
        informed: vec!["Ops".into(), "Ops".into()],
    };
    assert_eq!(
        design::set_people(&mut s, AdrId(9), &people, t(2)),
        Err(DesignError::NoAdr(AdrId(9)))
    );
    assert_eq!(
        design::set_people(&mut s, AdrId(1), &people, t(2)),
        Ok(true)
    );
    assert_eq!(
        design::set_people(&mut s, AdrId(1), &people, t(3)),
        Ok(false)
    );
    assert_eq!(s.history.last().unwrap().action, "decision-people");
    let md = &adrs(&s)[0].1;
    assert!(
        md.contains("decision-makers: \"R. Okafor, J. \\\"Jo\\\" Doe\"\nconsulted: \"Platform team\"\ninformed: \"Ops\"\n"),
        "{md}"
    );
    // Superseding carries the people over to the new decision; the old record keeps them too.
    design::supersede(&mut s, template(), &ids[0], ruling("b", "B."), t(4)).unwrap();
    let c = s.component(&ids[0]).unwrap();
    assert_eq!(c.decision.as_ref().unwrap().people, c.earlier[0].people);
    assert_eq!(
        design::current_of(&s, AdrId(1)),
        Err(DesignError::NotCurrent(AdrId(1), "superseded"))
    );
    assert_eq!(design::current_of(&s, AdrId(2)), Ok(ids[0].as_str()));
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    dir_names(dir)
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

#[test]
fn a_record_directory_is_kept_in_step_and_stale_records_are_reported_never_deleted() {
    let (mut s, ids) = session(3);
    for (n, id) in ids.iter().enumerate() {
        decide(&mut s, id, "a", n as i64 + 1);
    }
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("docs/adr");
    let first = write_adr_dir(&dir, &s).unwrap();
    assert_eq!(first.written.len(), 3);
    assert!(first.unchanged.is_empty() && first.stale.is_empty());
    let files = contents(&dir);
    // Someone's own record, and one another session wrote, both named like ours.
    std::fs::write(
        dir.join("0042-our-own.md"),
        "---\nstatus: accepted\n---\n# Ours\n",
    )
    .unwrap();
    let mut other = s.clone();
    other.meta.created = t(12345);
    let foreign = adrs(&other).remove(0).1;
    std::fs::write(dir.join("0099-other-session.md"), &foreign).unwrap();

    // Twice: the same bytes, nothing written, nothing reported.
    let second = write_adr_dir(&dir, &s).unwrap();
    assert!(second.written.is_empty(), "{second:?}");
    assert_eq!(second.unchanged.len(), 3);
    assert!(second.stale.is_empty(), "{second:?}");
    let mut expected = files.clone();
    expected.push((
        "0042-our-own.md".into(),
        b"---\nstatus: accepted\n---\n# Ours\n".to_vec(),
    ));
    expected.push(("0099-other-session.md".into(), foreign.clone().into_bytes()));
    expected.sort();
    assert_eq!(contents(&dir), expected);

    // Sections reordered: the same names and bytes.
    s.sections.reverse();
    assert!(write_adr_dir(&dir, &s).unwrap().written.is_empty());

    // A decision removed: its record is reported as stale and stays; the others are untouched.
    let gone = format!("0002-{}.md", ids[1]);
    s.components.retain(|c| c.id != ids[1]);
    let third = write_adr_dir(&dir, &s).unwrap();
    assert_eq!(third.stale, std::slice::from_ref(&gone));
    assert!(third.written.is_empty());
    assert_eq!(
        contents(&dir),
        expected,
        "nothing deleted, nothing rewritten"
    );

    // A re-decision: only the superseded record and the new one are written.
    design::supersede(&mut s, template(), &ids[0], ruling("b", "B."), t(9)).unwrap();
    let fourth = write_adr_dir(&dir, &s).unwrap();
    assert_eq!(
        fourth.written,
        [format!("0001-{}.md", ids[0]), format!("0004-{}.md", ids[0])]
    );
    assert_eq!(fourth.unchanged, [format!("0003-{}.md", ids[2])]);
    assert_eq!(fourth.stale, [gone]);
}

#[cfg(unix)]
#[test]
fn a_link_in_the_record_directory_is_neither_followed_nor_reported() {
    let (mut s, ids) = session(1);
    decide(&mut s, &ids[0], "a", 1);
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("adr");
    std::fs::create_dir(&dir).unwrap();
    // A link to a record of this session, kept outside the directory.
    let outside = root.path().join("elsewhere.md");
    std::fs::write(&outside, &adrs(&s)[0].1).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("0005-link.md")).unwrap();
    let report = write_adr_dir(&dir, &s).unwrap();
    assert!(report.stale.is_empty(), "{report:?}");
    assert_eq!(report.written.len(), 1);
}

/// A version 2 session text: `s` as this build writes it, without numbers, as version 2.
fn as_version_2(s: &Session) -> String {
    let mut old = s.clone();
    old.last_adr = 0;
    for c in &mut old.components {
        assert!(c.earlier.is_empty());
        if let Some(d) = c.decision.as_mut() {
            d.adr = None;
        }
    }
    let text = store::to_ron(&old).unwrap();
    assert!(!text.contains("adr:"), "no numbers in a version 2 file");
    text.replacen(
        &format!(
            "format_version: {},",
            infradraft_core::model::FORMAT_VERSION
        ),
        "format_version: 2,",
        1,
    )
}

#[test]
fn migrating_a_version_2_session_numbers_its_decisions_in_the_order_they_were_made() {
    let (mut s, ids) = session(4);
    // Made out of document order; the second and fourth in the same second.
    decide(&mut s, &ids[3], "a", 5);
    decide(&mut s, &ids[1], "a", 7);
    decide(&mut s, &ids[0], "a", 9);
    decide(&mut s, &ids[2], "b", 7);
    let text = as_version_2(&s);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    std::fs::write(&path, &text).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    let m = loaded.session;
    let number = |id: &str| m.component(id).unwrap().decision.as_ref().unwrap().adr;
    assert_eq!(number(&ids[3]), Some(AdrId(1)), "made first");
    assert_eq!(
        number(&ids[1]),
        Some(AdrId(2)),
        "same second, earlier in the document"
    );
    assert_eq!(number(&ids[2]), Some(AdrId(3)));
    assert_eq!(number(&ids[0]), Some(AdrId(4)), "made last");
    assert_eq!(m.last_adr, 4);
    let last = m.history.last().unwrap();
    assert_eq!(last.action, "migrated");
    assert_eq!(
        last.detail,
        format!(
            "from session format version 2 to 3; decisions numbered: ADR-0001 {}, ADR-0002 {}, ADR-0003 {}, ADR-0004 {}",
            ids[3], ids[1], ids[2], ids[0]
        )
    );
    // Deterministic: the same file gives the same numbers.
    assert_eq!(store::load(&path).unwrap().session, m);
    // The next decision continues after them.
    let mut m = m;
    design::supersede(&mut m, template(), &ids[0], ruling("b", "B."), t(20)).unwrap();
    assert_eq!(number_of(&m, &ids[0]), Some(AdrId(5)));
}

fn number_of(s: &Session, id: &str) -> Option<AdrId> {
    s.component(id).unwrap().decision.as_ref().unwrap().adr
}

#[test]
fn a_session_without_decisions_saves_byte_for_byte_as_before() {
    let (s, _) = session(2);
    let text = store::to_ron(&s).unwrap();
    for field in [
        "adr: ",
        "last_adr:",
        "earlier:",
        "people:",
        "status_at:",
        "options_then:",
    ] {
        assert!(
            !text.contains(field),
            "{field} in a session without decisions"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::write(&path, &text).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.migrated_from, None);
    assert_eq!(store::to_ron(&loaded.session).unwrap(), text);
    // The same session written by the previous version: migrating changes its version and adds
    // the migration to the history, nothing else.
    std::fs::write(
        &path,
        text.replacen("format_version: 3,", "format_version: 2,", 1),
    )
    .unwrap();
    let mut migrated = store::load(&path).unwrap().session;
    let entry = migrated.history.pop().unwrap();
    assert_eq!(entry.detail, "from session format version 2 to 3");
    migrated.meta.updated = s.meta.updated;
    assert_eq!(store::to_ron(&migrated).unwrap(), text);
}
