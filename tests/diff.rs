//! `infradraft diff`, driven as a user would: pairs of sessions made from the sample and changed
//! through the workflow's operations (or edited as a person would edit the file), compared as
//! text and as JSON (checked against docs/schemas/diff.schema.json), with the exit statuses, the
//! errors, the bounds on huge sections, and git: `--git REV` and the external diff driver set up
//! as the README says.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use infradraft::analysis::crosscheck::{Verdict, check_option};
use infradraft::diff::{
    ChecklistChange, ConflictChange, DecisionChange, FactChange, OptionChange,
    RecommendationChange, RequirementChange, SectionChange,
};
use infradraft::knowledge::Template;
use infradraft::model::{
    ChecklistMark, ConflictAck, Mark, OptionCard, Requirement, RequirementCategory,
    RequirementOrigin, Session,
};
use infradraft::store;
use infradraft::workflow::design::{self, Ruling};
use jiff::Timestamp;
use serde::Deserialize;

mod common;

fn t(s: i64) -> Timestamp {
    Timestamp::from_second(1_800_001_000 + s).unwrap()
}

use common::cli_env::{CliEnv as Env, stderr, stdout, valid_json};

/// `diff OLD NEW` on the two sessions, as text and as JSON (checked against the schema).
fn diff_of(env: &Env, old: &Session, new: &Session) -> (Output, Report) {
    let a = env.write("old.ron", old);
    let b = env.write("new.ron", new);
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let text = env.run(&["diff", a, b]);
    let json = env.run(&["diff", "--format", "json", a, b]);
    assert_eq!(text.status.code(), json.status.code(), "{}", stderr(&json));
    (text, report(&json))
}

/// The JSON output, typed: every field known (`deny_unknown_fields` all the way down).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Report {
    version: u32,
    old: String,
    new: String,
    file: String,
    changes: usize,
    decisions: Vec<DecisionChange>,
    options: Vec<OptionChange>,
    recommendations: Vec<RecommendationChange>,
    requirements: Vec<RequirementChange>,
    facts: Vec<FactChange>,
    conflicts: Vec<ConflictChange>,
    sections: Vec<SectionChange>,
    checklist: Vec<ChecklistChange>,
    other: Vec<infradraft::diff::OtherChange>,
}

/// Parses `diff --format json` output, validating it against the schema first.
fn report(o: &Output) -> Report {
    let value = valid_json("diff", o);
    let r: Report = serde_json::from_value(value).unwrap();
    let total = r.decisions.len()
        + r.options.len()
        + r.recommendations.len()
        + r.requirements.len()
        + r.facts.len()
        + r.conflicts.len()
        + r.sections.len()
        + r.checklist.len()
        + r.other.len();
    assert_eq!(r.changes, total);
    assert_eq!(r.version, 1);
    r
}

/// The lines of the text output under `heading` (up to the next heading).
fn group(text: &str, heading: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .map(|l| l.to_string())
        .collect()
}

fn base() -> Session {
    common::complete_session()
}

/// A ruling for `option` of component `id` that accepts its conflicts with the inputs.
fn ruling<'a>(
    s: &Session,
    id: &str,
    option: &'a str,
    why: &'a str,
    findings: &'a mut Vec<String>,
) -> Ruling<'a> {
    let card = s.component(id).unwrap().option(option).unwrap().clone();
    *findings = check_option(&card, &s.assumptions, &s.requirements, &s.inputs)
        .into_iter()
        .filter(|f| f.verdict == Verdict::Conflicting)
        .map(|f| f.describe())
        .collect();
    Ruling {
        option,
        justification: why,
        conflicts: findings,
        acknowledgements: findings
            .iter()
            .map(|f| ConflictAck {
                finding: f.clone(),
                reason: "accepted for the first year".into(),
            })
            .collect(),
    }
}

/// A component's id, its current decision's number and an option it did not choose.
fn decided(s: &Session, n: usize) -> (String, String, String) {
    let c = &s.components[n];
    let d = c.decision.as_ref().unwrap();
    let other = c.options.iter().find(|o| o.id != d.option).unwrap();
    (c.id.clone(), d.adr.unwrap().to_string(), other.id.clone())
}

#[test]
fn identical_sessions_exit_0_and_print_no_change() {
    let env = Env::new();
    let s = base();
    let mut moved = s.clone();
    // Where the person was and the history are not the work.
    moved.place.cursor = (7, 3);
    moved.record(t(1), "viewed", "nothing");
    let (text, json) = diff_of(&env, &s, &moved);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    assert_eq!(stdout(&text), "");
    assert_eq!(stderr(&text), "");
    assert_eq!(json.changes, 0);
    assert_eq!(json.file, "changed");
}

#[test]
fn one_change_exits_1_with_one_line() {
    let env = Env::new();
    let old = base();
    let mut new = old.clone();
    new.checklist
        .iter_mut()
        .find(|m| m.item == "sec-01")
        .unwrap()
        .mark = Mark::Fail;
    let (text, json) = diff_of(&env, &old, &new);
    assert_eq!(text.status.code(), Some(1));
    let out = stdout(&text);
    assert!(out.starts_with("1 change from "), "{out}");
    assert_eq!(group(&out, "Checklist"), ["  sec-01: pass → fail"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert_eq!(json.changes, 1);
    let c = &json.checklist[0];
    assert_eq!(c.item, "sec-01");
    assert_eq!(c.mark.old.as_deref(), Some("pass"));
    assert_eq!(c.mark.new.as_deref(), Some("fail"));
    assert_eq!(c.note, None);
}

#[test]
fn decisions_are_reported_by_record_number() {
    let env = Env::new();
    let template = Template::builtin().unwrap();
    let old = base();
    let mut new = old.clone();
    let (sup, sup_adr, sup_to) = decided(&old, 0);
    let (amd, amd_adr, amd_to) = decided(&old, 1);
    let (dep, dep_adr, _) = decided(&old, 2);
    let (rej, rej_adr, _) = decided(&old, 3);
    let mut f = Vec::new();
    let r = ruling(&new, &sup, &sup_to, "cheaper to run", &mut f);
    design::supersede(&mut new, &template, &sup, r, t(1)).unwrap();
    let mut f = Vec::new();
    let r = ruling(&new, &amd, &amd_to, "the team knows it", &mut f);
    design::amend(&mut new, &template, &amd, r, t(2)).unwrap();
    design::deprecate(&mut new, &template, &dep, "the product dropped it", t(3)).unwrap();
    design::reject(
        &mut new,
        &template,
        &rej,
        "turned down \u{1b}]52;c;x\u{7} in review",
        t(4),
    )
    .unwrap();
    let new_adr = new
        .component(&sup)
        .unwrap()
        .decision
        .as_ref()
        .unwrap()
        .adr
        .unwrap()
        .to_string();

    let (text, json) = diff_of(&env, &old, &new);
    assert_eq!(text.status.code(), Some(1));
    let out = stdout(&text);
    let lines = group(&out, "Decisions");
    let title = |id: &str| new.decision_label(new.component(id).unwrap());
    let name = |id: &str, opt: &str| new.component(id).unwrap().option(opt).unwrap().name.clone();
    let has = |needle: String| {
        assert!(
            lines.iter().any(|l| l.contains(&needle)),
            "no {needle:?} in {lines:#?}"
        )
    };
    has(format!(
        "  {}: {sup_adr} superseded by {new_adr}",
        title(&sup)
    ));
    has(format!(
        "  {}: {new_adr} decided: {} ({sup_to}), supersedes {sup_adr}; justification \"cheaper to run\"",
        title(&sup),
        name(&sup, &sup_to)
    ));
    has(format!("  {}: {amd_adr} amended; option ", title(&amd)));
    has(format!(
        "→ {} ({amd_to}); justification ",
        name(&amd, &amd_to)
    ));
    has(format!(
        "  {}: {dep_adr} deprecated: \"the product dropped it\"",
        title(&dep)
    ));
    has(format!(
        "  {}: {rej_adr} rejected: \"turned down ␛]52;c;x␇ in review\"",
        title(&rej)
    ));
    assert!(
        !out.contains('\u{1b}'),
        "an escape reached the output: {out:?}"
    );

    let by = |adr: &str, kind: &str| {
        json.decisions
            .iter()
            .find(|d| {
                d.adr.as_deref() == Some(adr) && format!("{:?}", d.change).to_lowercase() == kind
            })
            .unwrap_or_else(|| panic!("no {kind} {adr} in {:#?}", json.decisions))
    };
    let s = by(&sup_adr, "superseded");
    assert_eq!(s.component, sup);
    assert_eq!(s.superseded_by.as_deref(), Some(new_adr.as_str()));
    let status = s.status.as_ref().unwrap();
    assert_eq!(
        (status.old.as_deref(), status.new.as_deref()),
        (Some("accepted"), Some("superseded"))
    );
    let a = by(&new_adr, "added");
    assert_eq!(a.supersedes.as_deref(), Some(sup_adr.as_str()));
    assert_eq!(a.option.as_ref().unwrap().new.as_ref().unwrap().id, sup_to);
    let m = by(&amd_adr, "amended");
    assert_eq!(m.option.as_ref().unwrap().new.as_ref().unwrap().id, amd_to);
    assert_eq!(
        m.justification.as_ref().unwrap().new.as_deref(),
        Some("the team knows it")
    );
    assert_eq!(
        by(&dep_adr, "deprecated").reason.as_deref(),
        Some("the product dropped it")
    );
    assert_eq!(
        by(&rej_adr, "rejected").section,
        new.component(&rej).unwrap().section_id()
    );
    assert_eq!(json.decisions.len(), 5, "{:#?}", json.decisions);
}

#[test]
fn a_decision_changed_by_hand_and_a_status_change() {
    let env = Env::new();
    let old = base();
    let mut new = old.clone();
    let (id, adr, _) = decided(&old, 5);
    new.component_mut(&id)
        .unwrap()
        .decision
        .as_mut()
        .unwrap()
        .justification = "rewritten".into();
    let (other, other_adr, _) = decided(&old, 6);
    new.component_mut(&other)
        .unwrap()
        .decision
        .as_mut()
        .unwrap()
        .status = infradraft::model::AdrStatus::Deprecated;
    let (text, json) = diff_of(&env, &old, &new);
    let lines = group(&stdout(&text), "Decisions");
    let title = |id: &str| new.decision_label(new.component(id).unwrap());
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "  {}: {adr} changed; justification \"",
            title(&id)
        )) && l.ends_with("→ \"rewritten\"")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(
            |l| l == &format!("  {}: {other_adr} deprecated: \"\"", title(&other))
                || l == &format!("  {}: {other_adr} deprecated", title(&other))
        ),
        "{lines:#?}"
    );
    assert_eq!(json.decisions.len(), 2);
}

#[test]
fn options_and_recommendations() {
    let env = Env::new();
    let old = base();
    let mut new = old.clone();
    let (id, _, unchosen) = decided(&old, 4);
    let mut card = OptionCard::named("spot-fleet", "Spot fleet");
    card.summary = "Cheap, interruptible.".into();
    design::add_option(&mut new, &id, card, t(1)).unwrap();
    design::remove_option(&mut new, &id, &unchosen, t(2)).unwrap();
    let (id2, _, other2) = decided(&old, 7);
    design::recommend(&mut new, &id2, &other2, "on reflection", t(3)).unwrap();
    let chosen2 = old
        .component(&id2)
        .unwrap()
        .decision
        .as_ref()
        .unwrap()
        .option
        .clone();
    new.component_mut(&id2)
        .unwrap()
        .options
        .iter_mut()
        .find(|o| o.id == chosen2)
        .unwrap()
        .pros
        .push("fast".into());

    let (text, json) = diff_of(&env, &old, &new);
    let out = stdout(&text);
    let title = |id: &str| new.decision_label(new.component(id).unwrap());
    let unchosen_name = old
        .component(&id)
        .unwrap()
        .option(&unchosen)
        .unwrap()
        .name
        .clone();
    let options = group(&out, "Options");
    assert!(
        options.contains(&format!(
            "  {}: option added: Spot fleet (spot-fleet)",
            title(&id)
        )),
        "{options:#?}"
    );
    assert!(
        options.contains(&format!(
            "  {}: option removed: {unchosen_name} ({unchosen})",
            title(&id)
        )),
        "{options:#?}"
    );
    assert!(
        options
            .iter()
            .any(|l| l.starts_with(&format!("  {}: option changed (pros): ", title(&id2)))),
        "{options:#?}"
    );
    let recs = group(&out, "Recommendations");
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert!(
        recs[0].starts_with(&format!("  {}: recommendation ", title(&id2))),
        "{recs:#?}"
    );
    assert!(
        recs[0].contains(&format!("({other2}); rationale "))
            && recs[0].ends_with("→ \"on reflection\""),
        "{recs:#?}"
    );
    assert_eq!(json.options.len(), 3);
    assert_eq!(json.options[2].fields, ["pros"]);
    let r = &json.recommendations[0];
    assert_eq!(r.component, id2);
    assert_eq!(r.option.as_ref().unwrap().new.as_ref().unwrap().id, other2);
}

#[test]
fn requirements_and_facts() {
    let env = Env::new();
    let old = base();
    let mut new = old.clone();
    let changed = new.requirements[0].id.clone();
    new.requirements[0].text = "Bookings must survive a region outage.".into();
    let removed = new.requirements.remove(1);
    new.requirements.push(Requirement {
        id: "REQ-99".into(),
        category: RequirementCategory::Cost,
        text: "Stay under EUR 20,000 a month.".into(),
        origin: RequirementOrigin::Manual,
        source: None,
    });
    let fact_before = new.assumptions[0].text.clone();
    new.assumptions[0].text = "Everything runs in one AWS region.".into();
    let gone = new.assumptions.remove(1);

    let (text, json) = diff_of(&env, &old, &new);
    let out = stdout(&text);
    let reqs = group(&out, "Requirements");
    assert_eq!(reqs.len(), 3, "{reqs:#?}");
    assert!(
        reqs[0].starts_with(&format!("  {changed} changed: text \""))
            && reqs[0].ends_with("→ \"Bookings must survive a region outage.\""),
        "{reqs:#?}"
    );
    assert_eq!(
        reqs[1],
        "  REQ-99 added (cost): Stay under EUR 20,000 a month."
    );
    assert!(
        reqs[2].starts_with(&format!("  {} removed: ", removed.id)),
        "{reqs:#?}"
    );
    let facts = group(&out, "Facts");
    assert_eq!(facts.len(), 2, "{facts:#?}");
    assert!(
        facts[0].contains(" changed: text \"")
            && facts[0].ends_with("→ \"Everything runs in one AWS region.\""),
        "{facts:#?}"
    );
    assert!(facts[1].contains(" removed: "), "{facts:#?}");
    let f = &json.facts[0];
    assert_eq!(f.text.old.as_deref(), Some(fact_before.as_str()));
    assert_eq!(
        f.source,
        old.assumptions[0].source.as_ref().map(|s| s.short())
    );
    assert_eq!(json.facts[1].text.old.as_deref(), Some(gone.text.as_str()));
    assert_eq!(json.requirements[1].id, "REQ-99");
    assert_eq!(json.requirements[1].category.new.as_deref(), Some("cost"));
}

#[test]
fn input_conflicts_resolved_and_reopened() {
    let env = Env::new();
    let mut open = base();
    common::estimate_over_budget(&mut open);
    assert_eq!(
        open.input_conflicts.len(),
        1,
        "the sample has one conflict then"
    );
    let key = open.input_conflicts[0].key.clone();
    let mut resolved = open.clone();
    assert!(infradraft::workflow::resolve_conflict(
        &mut resolved,
        &key,
        "Budget raised by the CFO",
        t(1)
    ));

    let (text, json) = diff_of(&env, &open, &resolved);
    let lines = group(&stdout(&text), "Conflicts");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!(
            "  input conflict {key} resolved: \"Budget raised by the CFO\": "
        )),
        "{lines:#?}"
    );
    assert_eq!(json.conflicts[0].key.as_deref(), Some(key.as_str()));

    let (text, json) = diff_of(&env, &resolved, &open);
    let lines = group(&stdout(&text), "Conflicts");
    assert!(
        lines[0].starts_with(&format!("  input conflict {key} reopened: ")),
        "{lines:#?}"
    );
    let r = json.conflicts[0].reason.as_ref().unwrap();
    assert_eq!(
        (r.old.as_deref(), r.new.as_deref()),
        (Some("Budget raised by the CFO"), None)
    );

    // The conflict appears with the inputs read again.
    let (text, _) = diff_of(&env, &base(), &open);
    assert!(
        group(&stdout(&text), "Conflicts")
            .iter()
            .any(|l| l.contains(&format!("input conflict {key} found (open): ")))
    );
}

#[test]
fn conflicts_accepted_on_a_decision() {
    let env = Env::new();
    let old = base();
    let mut new = old.clone();
    let id = old.components[0].id.clone();
    new.component_mut(&id)
        .unwrap()
        .decision
        .as_mut()
        .unwrap()
        .acknowledged_conflicts
        .push(ConflictAck {
            finding: "Uses Kubernetes; the guidelines prohibit it".into(),
            reason: "platform team signed off".into(),
        });
    let (text, json) = diff_of(&env, &old, &new);
    assert_eq!(
        group(&stdout(&text), "Conflicts"),
        [format!(
            "  {id}: conflict with the inputs accepted (\"platform team signed off\"): Uses Kubernetes; the guidelines prohibit it"
        )]
    );
    assert_eq!(json.conflicts[0].component.as_deref(), Some(id.as_str()));
}

#[test]
fn a_section_text_change_is_a_word_diff() {
    let env = Env::new();
    let mut old = base();
    let i = 2;
    old.sections[i].body =
        "# Heading\n\nFerrybook runs in two regions, as agreed in review.\n\nUnchanged.\n".into();
    let mut new = old.clone();
    new.sections[i].body = new.sections[i].body.replace("as agreed", "as settled");
    new.sections[i].status = infradraft::model::SectionStatus::Finalized;
    let (id, title) = (new.sections[i].id.clone(), new.sections[i].title.clone());
    let before = old.sections[i].status.label();
    assert_ne!(before, "finalized");

    let (text, json) = diff_of(&env, &old, &new);
    let out = stdout(&text);
    let lines = group(&out, "Sections");
    assert_eq!(
        lines,
        [
            format!("  {title} ({id}): status {before} → finalized; text changed, +1 −1 words"),
            "    Ferrybook runs in two regions, as [-agreed-]{+settled+} in review.".to_string(),
        ]
    );
    let s = &json.sections[0];
    assert_eq!(s.section, id);
    let d = s.text.as_ref().unwrap();
    assert_eq!(format!("{:?}", d.granularity), "Words");
    let rebuilt: String = d
        .pieces
        .iter()
        .filter(|p| p.op != infradraft::diff::Op::Delete)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(rebuilt, new.sections[i].body);

    // Colours only when asked for, and then no markers.
    let a = env.path("old.ron");
    let b = env.path("new.ron");
    let o = env.run(&[
        "diff",
        "--color",
        "always",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    let coloured = stdout(&o);
    assert!(
        coloured.contains("\u{1b}[31magreed\u{1b}[0m\u{1b}[32msettled\u{1b}[0m"),
        "{coloured:?}"
    );
    assert!(!coloured.contains("[-"), "{coloured:?}");
    let o = env
        .cmd()
        .args([
            "diff",
            "--color",
            "auto",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn control_characters_in_a_session_never_reach_the_terminal() {
    let env = Env::new();
    let old = base();
    let mut new = old.clone();
    new.sections[0].title = "Evil\u{1b}[2J\u{9b}31m title".into();
    new.sections[0]
        .body
        .push_str("\nnew \u{1b}]52;c;aGk=\u{7} line \u{202e}olleh\n");
    new.requirements[0].text = "line one\nline two \u{1b}[31m".into();
    for color in ["never", "always"] {
        let a = env.write("old.ron", &old);
        let b = env.write("new.ron", &new);
        let o = env.run(&[
            "diff",
            "--color",
            color,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1));
        let out = stdout(&o);
        // The only escapes are the colours (SGR) the diff adds.
        let stripped = out
            .replace("\u{1b}[0m", "")
            .replace("\u{1b}[1m", "")
            .replace("\u{1b}[31m", "")
            .replace("\u{1b}[32m", "");
        assert!(
            !stripped.chars().any(infradraft::text::is_unsafe),
            "{color}: {stripped:?}"
        );
        assert!(out.contains("Evil␛[2J"), "{out}");
        assert!(out.contains("→ \"line one␤line two ␛[31m\""), "{out}");
    }
    let (_, json) = diff_of(&env, &old, &new);
    assert_eq!(
        json.requirements[0].text.new.as_deref(),
        Some("line one\nline two \u{1b}[31m")
    );
}

#[test]
fn a_huge_section_is_compared_in_bounded_time_and_says_how() {
    let env = Env::new();
    let old = base();
    let mut new = old.clone();
    // 3,000 paragraphs, every one of them changed: far more than the word budget.
    let para = |n: usize, w: &str| {
        format!(
            "Paragraph {n} says {w} about the platform and its many moving parts, again and again.\n"
        )
    };
    let mut old2 = old.clone();
    old2.sections[1].body = (0..3000).map(|n| para(n, "something")).collect();
    new.sections[1].body = (0..3000).map(|n| para(n * 7 + 1, "anything")).collect();
    let started = Instant::now();
    let (text, json) = diff_of(&env, &old2, &new);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    let out = stdout(&text);
    let lines = group(&out, "Sections");
    assert!(
        lines[0].ends_with("(some long runs compared line by line)"),
        "{:#?}",
        &lines[..2]
    );
    assert!(
        lines.last().unwrap().contains("more changed lines"),
        "{:?}",
        lines.last()
    );
    assert!(lines.len() <= 2 + infradraft_max_lines(), "{}", lines.len());
    assert_eq!(
        format!("{:?}", json.sections[0].text.as_ref().unwrap().granularity),
        "Lines"
    );
}

/// The changed lines shown per section at most (the README says 20).
fn infradraft_max_lines() -> usize {
    20
}

#[test]
fn unreadable_or_invalid_files_are_one_line_errors_naming_them() {
    let env = Env::new();
    let good = env.write("good.ron", &base());
    let missing = env.path("missing.ron");
    let bad = env.path("bad.ron");
    std::fs::write(&bad, "Session(format_version: 3, meta: oops)").unwrap();
    for (args, named) in [
        (
            vec![missing.to_str().unwrap(), good.to_str().unwrap()],
            &missing,
        ),
        (vec![good.to_str().unwrap(), bad.to_str().unwrap()], &bad),
    ] {
        let mut full = vec!["diff"];
        full.extend(args);
        for format in ["text", "json"] {
            let mut with = full.clone();
            with.extend(["--format", format]);
            let o = env.run(&with);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                err.starts_with("infradraft: ") && err.contains(&named.display().to_string()),
                "{err}"
            );
            assert_eq!(stdout(&o), "");
        }
    }
    let o = env.run(&["diff", good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("diff takes two session files"),
        "{}",
        stderr(&o)
    );
}

// --- git -------------------------------------------------------------------------------------

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env_remove("GIT_DIR")
        .output()
        .unwrap_or_else(|e| panic!("git is needed for this test and could not be run: {e}"));
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    stdout(&o)
}

/// A repository with `s.ron` committed twice: the sample, then with a section's text and a
/// checklist mark changed.
fn repository(env: &Env) -> PathBuf {
    let repo = env.path("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["config", "user.name", "Test"]);
    git(&repo, &["config", "user.email", "test@example.invalid"]);
    let mut s = base();
    s.sections[2].body = "Ferrybook runs in two regions, as agreed in review.\n".into();
    store::save(&repo.join("s.ron"), &s).unwrap();
    git(&repo, &["add", "s.ron"]);
    git(&repo, &["commit", "-q", "-m", "first"]);
    s.sections[2].body = s.sections[2].body.replace("as agreed", "as settled");
    s.checklist.push(ChecklistMark {
        item: "obs-01".into(),
        mark: Mark::Partial,
        note: String::new(),
        at: t(5),
    });
    store::save(&repo.join("s.ron"), &s).unwrap();
    git(&repo, &["commit", "-q", "-am", "second"]);
    repo
}

#[test]
fn git_rev_compares_the_committed_file_with_the_working_one() {
    let env = Env::new();
    let repo = repository(&env);
    let o = env
        .cmd()
        .current_dir(&repo)
        .args(["diff", "--git", "HEAD~1", "s.ron"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("2 changes from HEAD~1:s.ron to s.ron\n"),
        "{out}"
    );
    assert!(out.contains("[-agreed-]{+settled+}"), "{out}");
    assert_eq!(group(&out, "Checklist"), ["  obs-01 marked partial"]);
    // From another directory, with the path to the file.
    let o = env
        .cmd()
        .args(["diff", "--git", "HEAD", "repo/s.ron"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    // A revision git does not know, and one that would be an option.
    for rev in ["no-such-rev", "--output=x"] {
        let o = env
            .cmd()
            .current_dir(&repo)
            .args(["diff", &format!("--git={rev}"), "s.ron"])
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("{rev}:s.ron")), "{err}");
    }
    assert!(!repo.join("x").exists());
}

#[test]
fn git_diff_shows_the_semantic_diff_through_the_documented_driver() {
    let env = Env::new();
    let repo = repository(&env);
    // The README's setup, step by step (with the binary under test as `infradraft`).
    let exe = env!("CARGO_BIN_EXE_infradraft");
    git(
        &repo,
        &[
            "config",
            "diff.infradraft.command",
            &format!("'{exe}' diff --git-external"),
        ],
    );
    std::fs::write(repo.join(".gitattributes"), "*.ron diff=infradraft\n").unwrap();

    let out = git(&repo, &["diff", "HEAD~1", "--", "s.ron"]);
    assert!(
        out.starts_with("infradraft diff s.ron: 2 changes (a/s.ron ("),
        "{out}"
    );
    assert!(out.contains("[-agreed-]{+settled+}"), "{out}");
    assert!(
        out.contains("Checklist\n  obs-01 marked partial\n"),
        "{out}"
    );
    assert!(!out.contains("@@"), "a textual diff instead: {out}");

    let log = git(&repo, &["log", "-p", "--ext-diff", "-1", "--", "s.ron"]);
    assert!(log.contains("obs-01 marked partial"), "{log}");

    // A working copy with no change in meaning (only where the person was).
    let mut s = store::load(&repo.join("s.ron")).unwrap().session;
    s.place.cursor = (9, 9);
    store::save(&repo.join("s.ron"), &s).unwrap();
    let out = git(&repo, &["diff", "--", "s.ron"]);
    assert_eq!(out, "infradraft diff s.ron: no change in meaning\n");

    // A new session file, then one deleted.
    store::save(&repo.join("t.ron"), &s).unwrap();
    git(&repo, &["add", "t.ron"]);
    let out = git(&repo, &["diff", "--cached", "--", "t.ron"]);
    assert_eq!(out, "infradraft diff t.ron: new session file\n");
}
