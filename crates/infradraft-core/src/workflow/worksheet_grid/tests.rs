//! Tests across the kinds: what the grid promises of every kind (a header per cell, edits that
//! address cells which do not exist refused, choice cells and only they cycle), and the grid's
//! behaviour as the screen sees it through the free functions.

use super::samples::{self, matrix, name};
use super::*;
use crate::model::{
    CostLevers, CostLine, GapSeverity, LoadModel, OptionCosts, RaciRole, RaciRow, SecurityAnswer,
    SecurityItem, TeamTouchpoints,
};

#[test]
fn every_kind_has_a_header_per_cell() {
    for ws in samples::all() {
        let tables = tables(&ws, &name);
        assert!(!tables.is_empty(), "{ws:?}");
        for t in &tables {
            assert!(!t.rows.is_empty(), "the sample fills {:?}", t.title);
            for row in &t.rows {
                assert_eq!(row.len(), t.columns.len(), "{:?}: {row:?}", t.title);
            }
            let same_title = tables.iter().filter(|o| o.title == t.title).count();
            assert_eq!(same_title, 1, "{:?}", t.title);
        }
    }
}

#[test]
fn every_kind_refuses_cells_and_tables_that_do_not_exist() {
    for mut ws in samples::all() {
        let tables = tables(&ws, &name);
        let past = tables.len();
        assert_eq!(
            set_cell(&mut ws, past, 0, 0, "1"),
            Err(CellError::NoSuchCell)
        );
        assert_eq!(cycle_cell(&mut ws, past, 0, 0), Err(CellError::NotAChoice));
        assert_eq!(add_row(&mut ws, past, None), Err(CellError::FixedRows));
        assert_eq!(remove_row(&mut ws, past, 0), Err(CellError::FixedRows));
        for (i, t) in tables.iter().enumerate() {
            let right = t.columns.len();
            assert_eq!(
                set_cell(&mut ws, i, 0, right, "1"),
                Err(CellError::NoSuchCell),
                "{:?}",
                t.title
            );
        }
    }
}

#[test]
fn exactly_the_choice_cells_cycle_and_the_others_take_back_what_they_show() {
    for mut ws in samples::all() {
        let before = tables(&ws, &name);
        for (t, table) in before.iter().enumerate() {
            for (r, row) in table.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let at = format!("{} ({r}, {c})", table.title);
                    let mut cycled = ws.clone();
                    let cycles = cycle_cell(&mut cycled, t, r, c);
                    assert_eq!(cycles.is_ok(), cell.kind == CellKind::Choice, "{at}");
                    if matches!(cell.kind, CellKind::Number | CellKind::Text) {
                        set_cell(&mut ws, t, r, c, &cell.text).expect(&at);
                    }
                }
            }
        }
        assert_eq!(tables(&ws, &name), before);
    }
}

#[test]
fn matrix_tables_edit_and_grow_with_their_columns() {
    let mut ws = matrix();
    let t = tables(&ws, &name);
    assert_eq!(t[1].columns, ["Option", "Cost", "Security"]);
    assert_eq!(t[1].rows[1][0].text, "B");
    assert_eq!(t[1].rows[1][2].text, "5");
    set_cell(&mut ws, 0, 1, 1, "2.5").unwrap();
    set_cell(&mut ws, 1, 0, 2, "5").unwrap();
    assert_eq!(
        set_cell(&mut ws, 1, 0, 2, "6").map_err(|e| e.to_string()),
        Err("score must be a whole number from 1 to 5".into())
    );
    assert_eq!(
        set_cell(&mut ws, 0, 0, 1, "heavy").map_err(|e| e.to_string()),
        Err("weight: \"heavy\" is not a number".into())
    );
    // A new criterion after the first gets a column of 3s in every option's scores.
    assert_eq!(add_row(&mut ws, 0, Some(0)), Ok(1));
    let Worksheet::DecisionMatrix { criteria, scores } = &ws else {
        unreachable!()
    };
    assert_eq!(criteria[1].name, "Criterion 3");
    assert_eq!(criteria[2].weight, 2.5);
    assert_eq!(scores[0].scores, [4, 3, 5]);
    remove_row(&mut ws, 0, 0).unwrap();
    let Worksheet::DecisionMatrix { scores, .. } = &ws else {
        unreachable!()
    };
    assert_eq!(scores[0].scores, [3, 5]);
    add_alternative(&mut ws, "c", vec![2]).unwrap();
    assert!(add_alternative(&mut ws, "c", vec![]).is_err());
    assert_eq!(tables(&ws, &name)[1].rows[2][2].text, "3");
}

#[test]
fn choices_cycle_and_text_cells_refuse_them() {
    let mut ws = Worksheet::SecurityReview {
        items: vec![SecurityItem {
            question: "Encrypted at rest?".into(),
            regime: Some("GDPR".into()),
            answer: SecurityAnswer::Unanswered,
            severity: GapSeverity::High,
            note: String::new(),
        }],
    };
    assert!(cycle_cell(&mut ws, 0, 0, 2).is_ok());
    assert!(cycle_cell(&mut ws, 0, 0, 2).is_ok());
    assert!(cycle_cell(&mut ws, 0, 0, 3).is_ok());
    assert!(cycle_cell(&mut ws, 0, 0, 0).is_err());
    let t = tables(&ws, &name);
    assert_eq!(t[0].rows[0][2].text, "Partial");
    assert_eq!(t[0].rows[0][3].text, "Critical");
    assert_eq!(t[0].rows[0][1].kind, CellKind::Label);
    set_cell(&mut ws, 0, 0, 4, "KMS with \x1b[31mrotation").unwrap();
    assert_eq!(
        tables(&ws, &name)[0].rows[0][4].text,
        "KMS with ␛[31mrotation"
    );
}

#[test]
fn cost_lines_are_flat_rows_under_their_options() {
    let line = |r: &str| CostLine {
        resource: r.into(),
        quantity: 1.0,
        unit_price_per_month: 10.0,
    };
    let mut ws = Worksheet::CostReview {
        options: vec![
            OptionCosts {
                option: "a".into(),
                lines: vec![line("a1"), line("a2")],
            },
            OptionCosts {
                option: "b".into(),
                lines: vec![line("b1")],
            },
        ],
        levers: CostLevers {
            committed_share: 0.0,
            commitment_discount: 0.0,
            spot_share: 0.0,
            spot_discount: 0.0,
            rightsizing: 0.0,
            storage_tiering: 0.0,
        },
    };
    set_cell(&mut ws, 1, 2, 2, "4").unwrap();
    set_cell(&mut ws, 0, 0, 0, "60").unwrap();
    assert!(set_cell(&mut ws, 0, 0, 1, "120").is_err());
    // Adding after a2 stays under option a; after b1, under b.
    assert_eq!(add_row(&mut ws, 1, Some(1)), Ok(2));
    assert_eq!(add_row(&mut ws, 1, Some(3)), Ok(4));
    let t = tables(&ws, &name);
    let owners: Vec<&str> = t[1].rows.iter().map(|r| r[0].text.as_str()).collect();
    assert_eq!(owners, ["A", "A", "A", "B", "B"]);
    let Worksheet::CostReview { options, levers } = &ws else {
        unreachable!()
    };
    assert_eq!(options[1].lines[0].quantity, 4.0);
    assert_eq!(levers.committed_share, 0.6);
    remove_row(&mut ws, 1, 3).unwrap();
    let Worksheet::CostReview { options, .. } = &ws else {
        unreachable!()
    };
    assert_eq!(options[1].lines[0].resource, "New line item");
}

#[test]
fn teams_and_raci_columns_stay_aligned() {
    let mut ws = Worksheet::Integration {
        teams: vec![TeamTouchpoints {
            team: "Platform".into(),
            touchpoints: vec![],
        }],
        raci: vec![RaciRow {
            activity: "Operate".into(),
            roles: vec![RaciRole::Accountable],
        }],
        depends_on: vec![],
    };
    add_row(&mut ws, 0, None).unwrap();
    set_cell(&mut ws, 0, 1, 1, "alerts, on-call ,").unwrap();
    assert!(cycle_cell(&mut ws, 1, 0, 2).is_ok());
    let t = tables(&ws, &name);
    assert_eq!(t[1].columns, ["Activity", "Platform", "Team 2"]);
    assert_eq!(t[1].rows[0][2].text, "R");
    assert_eq!(t[0].rows[1][1].text, "alerts, on-call");
    remove_row(&mut ws, 0, 0).unwrap();
    assert_eq!(tables(&ws, &name)[1].rows[0][1].text, "R");
}

#[test]
fn stress_and_reliability_inputs_are_validated() {
    let mut ws = Worksheet::StressTest {
        load: LoadModel {
            unit: "requests/s".into(),
            baseline: 100.0,
            peak: 500.0,
            growth_percent_per_month: 5.0,
            horizon_months: 24,
        },
        tiers: vec![],
    };
    let at = add_row(&mut ws, 1, None).unwrap();
    set_cell(&mut ws, 1, at, 2, "65").unwrap();
    assert!(set_cell(&mut ws, 1, at, 2, "0").is_err());
    set_cell(&mut ws, 1, at, 3, "120.5").unwrap();
    set_cell(&mut ws, 1, at, 3, "").unwrap();
    assert!(set_cell(&mut ws, 0, 0, 4, "2.5").is_err());
    assert!(set_cell(&mut ws, 0, 0, 2, "-1").is_err());
    let t = tables(&ws, &name);
    assert_eq!(t[1].rows[0][2].text, "65");
    assert_eq!(t[1].rows[0][3].text, "");
    assert!(add_row(&mut ws, 0, None).is_err());
}

#[test]
fn numbers_format_without_noise() {
    assert_eq!(num(2.0), "2");
    assert_eq!(num(0.5), "0.5");
    assert_eq!(num(99.95), "99.95");
    assert_eq!(num(f64::NAN), "0");
    assert_eq!(num(-0.0), "0");
}
