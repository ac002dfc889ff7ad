//! A worksheet as tables of cells: what the worksheet screen shows and edits. Each worksheet's
//! inputs become one or more tables; a cell is read-only (a label), a number, free text, or one of
//! a few choices. Editing goes through [`set_cell`], [`cycle_cell`], [`add_row`] and
//! [`remove_row`], which validate the value and change the worksheet itself, so the screen never
//! holds a second copy of the data.

use crate::model::{
    AvailabilityPart, CostLine, Criterion, GapSeverity, MigrationStep, OptionCosts, OptionScores,
    RaciRole, RaciRow, SecurityAnswer, SecurityItem, TeamTouchpoints, Tier, Worksheet,
};

/// What a cell holds and how it is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Shown, not edited here.
    Label,
    /// A number typed in; blank is allowed where the value is optional.
    Number,
    Text,
    /// One of a fixed list, cycled with Space or Enter.
    Choice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub kind: CellKind,
}

impl Cell {
    fn label(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Label,
        }
    }
    fn number(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Number,
        }
    }
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Text,
        }
    }
    fn choice(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Choice,
        }
    }
    pub fn editable(&self) -> bool {
        self.kind != CellKind::Label
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows can be added (`+`) and removed (Del).
    pub growable: bool,
}

/// Formats a number without trailing zeros (`2`, `0.5`, `99.95`).
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn opt_num<T: Into<f64> + Copy>(v: Option<T>) -> String {
    v.map(|v| num(v.into())).unwrap_or_default()
}

/// The worksheet's inputs as tables. `option_name` turns an option id into its display name.
pub fn tables(ws: &Worksheet, option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
    match ws {
        Worksheet::DecisionMatrix { criteria, scores } => {
            let mut columns = vec!["Option".to_string()];
            columns.extend(criteria.iter().map(|c| c.name.clone()));
            vec![
                Table {
                    title: "Criteria and weights".into(),
                    columns: vec!["Criterion".into(), "Weight".into()],
                    rows: criteria
                        .iter()
                        .map(|c| vec![Cell::text(&c.name), Cell::number(num(c.weight))])
                        .collect(),
                    growable: true,
                },
                Table {
                    title: "Scores (1–5, higher is better)".into(),
                    columns,
                    rows: scores
                        .iter()
                        .map(|o| {
                            let mut row = vec![Cell::label(option_name(&o.option))];
                            row.extend((0..criteria.len()).map(|i| {
                                Cell::number(o.scores.get(i).map_or(0, |s| *s).to_string())
                            }));
                            row
                        })
                        .collect(),
                    growable: false,
                },
            ]
        }
        Worksheet::StressTest { load, tiers } => vec![
            Table {
                title: "Load model".into(),
                columns: [
                    "Unit",
                    "Baseline",
                    "Peak",
                    "Growth %/month",
                    "Horizon (months)",
                ]
                .map(String::from)
                .to_vec(),
                rows: vec![vec![
                    Cell::text(&load.unit),
                    Cell::number(num(load.baseline)),
                    Cell::number(num(load.peak)),
                    Cell::number(num(load.growth_percent_per_month)),
                    Cell::number(load.horizon_months.to_string()),
                ]],
                growable: false,
            },
            Table {
                title: "Tiers".into(),
                columns: [
                    "Tier",
                    "Capacity / instance",
                    "Target utilisation %",
                    "Cost / instance / month",
                ]
                .map(String::from)
                .to_vec(),
                rows: tiers
                    .iter()
                    .map(|t| {
                        vec![
                            Cell::text(&t.name),
                            Cell::number(num(t.capacity_per_instance)),
                            Cell::number(num(t.target_utilisation * 100.0)),
                            Cell::number(opt_num(t.monthly_cost_per_instance)),
                        ]
                    })
                    .collect(),
                growable: true,
            },
        ],
        Worksheet::SecurityReview { items } => vec![Table {
            title: "Questions".into(),
            columns: ["Question", "Regime", "Answer", "Severity", "Note"]
                .map(String::from)
                .to_vec(),
            rows: items
                .iter()
                .map(|i| {
                    vec![
                        Cell::text(&i.question),
                        Cell::label(i.regime.clone().unwrap_or_else(|| "–".into())),
                        Cell::choice(i.answer.short_label()),
                        Cell::choice(i.severity.label()),
                        Cell::text(&i.note),
                    ]
                })
                .collect(),
            growable: true,
        }],
        Worksheet::CostReview { options, levers } => vec![
            Table {
                title: "Levers (%)".into(),
                columns: [
                    "Committed share",
                    "Commitment discount",
                    "Spot share",
                    "Spot discount",
                    "Rightsizing",
                    "Storage tiering",
                ]
                .map(String::from)
                .to_vec(),
                rows: vec![
                    [
                        levers.committed_share,
                        levers.commitment_discount,
                        levers.spot_share,
                        levers.spot_discount,
                        levers.rightsizing,
                        levers.storage_tiering,
                    ]
                    .iter()
                    .map(|v| Cell::number(num(v * 100.0)))
                    .collect(),
                ],
                growable: false,
            },
            Table {
                title: "Line items per option (monthly)".into(),
                columns: ["Option", "Resource", "Quantity", "Unit price / month"]
                    .map(String::from)
                    .to_vec(),
                rows: options
                    .iter()
                    .flat_map(|o| {
                        let name = option_name(&o.option);
                        o.lines.iter().map(move |l| {
                            vec![
                                Cell::label(name.clone()),
                                Cell::text(&l.resource),
                                Cell::number(num(l.quantity)),
                                Cell::number(num(l.unit_price_per_month)),
                            ]
                        })
                    })
                    .collect(),
                growable: true,
            },
        ],
        Worksheet::Reliability {
            slo_target_percent,
            window_days,
            parts,
            required_rto_minutes,
            required_rpo_minutes,
            delivered_rto_minutes,
            delivered_rpo_minutes,
            operational_burden,
        } => vec![
            Table {
                title: "Targets".into(),
                columns: [
                    "SLO %",
                    "Window (days)",
                    "Required RTO (min)",
                    "Required RPO (min)",
                    "Delivered RTO (min)",
                    "Delivered RPO (min)",
                ]
                .map(String::from)
                .to_vec(),
                rows: vec![vec![
                    Cell::number(num(*slo_target_percent)),
                    Cell::number(window_days.to_string()),
                    Cell::number(opt_num(*required_rto_minutes)),
                    Cell::number(opt_num(*required_rpo_minutes)),
                    Cell::number(opt_num(*delivered_rto_minutes)),
                    Cell::number(opt_num(*delivered_rpo_minutes)),
                ]],
                growable: false,
            },
            Table {
                title: "Parts of the design (same group = redundant)".into(),
                columns: ["Part", "Availability %", "Redundancy group"]
                    .map(String::from)
                    .to_vec(),
                rows: parts
                    .iter()
                    .map(|p| {
                        vec![
                            Cell::text(&p.name),
                            Cell::number(num(p.availability_percent)),
                            Cell::text(&p.group),
                        ]
                    })
                    .collect(),
                growable: true,
            },
            Table {
                title: "Operational burden".into(),
                columns: vec!["Item".into()],
                rows: operational_burden
                    .iter()
                    .map(|b| vec![Cell::text(b)])
                    .collect(),
                growable: true,
            },
        ],
        Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } => {
            let mut raci_columns = vec!["Activity".to_string()];
            raci_columns.extend(teams.iter().map(|t| t.team.clone()));
            vec![
                Table {
                    title: "Teams and touchpoints (comma-separated)".into(),
                    columns: vec!["Team".into(), "Touchpoints".into()],
                    rows: teams
                        .iter()
                        .map(|t| vec![Cell::text(&t.team), Cell::text(t.touchpoints.join(", "))])
                        .collect(),
                    growable: true,
                },
                Table {
                    title: "RACI (R responsible · A accountable · C consulted · I informed)".into(),
                    columns: raci_columns,
                    rows: raci
                        .iter()
                        .map(|r| {
                            let mut row = vec![Cell::text(&r.activity)];
                            row.extend((0..teams.len()).map(|i| {
                                Cell::choice(
                                    r.roles.get(i).copied().unwrap_or(RaciRole::None).letter(),
                                )
                            }));
                            row
                        })
                        .collect(),
                    growable: true,
                },
                Table {
                    title: "Depends on sections (ids)".into(),
                    columns: vec!["Section".into()],
                    rows: depends_on.iter().map(|d| vec![Cell::text(d)]).collect(),
                    growable: true,
                },
            ]
        }
        Worksheet::Migration {
            steps,
            lock_in,
            exit_strategy,
            technologies_to_watch,
        } => vec![
            Table {
                title: "Migration steps".into(),
                columns: ["Step", "Target (YYYY-MM-DD or YYYY-Qn)", "Reversible"]
                    .map(String::from)
                    .to_vec(),
                rows: steps
                    .iter()
                    .map(|s| {
                        vec![
                            Cell::text(&s.step),
                            Cell::text(&s.target),
                            Cell::choice(if s.reversible { "yes" } else { "no" }),
                        ]
                    })
                    .collect(),
                growable: true,
            },
            Table {
                title: "Lock-in per option (1 easy to leave – 5 hard)".into(),
                columns: ["Option", "Lock-in", "Reversibility"]
                    .map(String::from)
                    .to_vec(),
                rows: lock_in
                    .iter()
                    .map(|l| {
                        vec![
                            Cell::label(option_name(&l.option)),
                            Cell::number(l.lock_in.to_string()),
                            Cell::text(&l.reversibility),
                        ]
                    })
                    .collect(),
                growable: false,
            },
            Table {
                title: "Exit strategy".into(),
                columns: vec!["Strategy".into()],
                rows: vec![vec![Cell::text(exit_strategy)]],
                growable: false,
            },
            Table {
                title: "Technologies to watch".into(),
                columns: vec!["Technology".into()],
                rows: technologies_to_watch
                    .iter()
                    .map(|t| vec![Cell::text(t)])
                    .collect(),
                growable: true,
            },
        ],
    }
}

fn parse_number(value: &str, what: &str) -> Result<f64, String> {
    let v = value.trim().replace([',', '_'], "");
    let v = v.trim_end_matches('%');
    match v.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(format!("{what}: {value:?} is not a number")),
    }
}

fn parse_non_negative(value: &str, what: &str) -> Result<f64, String> {
    let n = parse_number(value, what)?;
    if n < 0.0 {
        return Err(format!("{what} cannot be negative"));
    }
    Ok(n)
}

fn parse_optional_minutes(value: &str, what: &str) -> Result<Option<u32>, String> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    let n = parse_non_negative(value, what)?;
    if n > u32::MAX as f64 {
        return Err(format!("{what} is too large"));
    }
    Ok(Some(n.round() as u32))
}

fn parse_count(value: &str, what: &str, min: u32, max: u32) -> Result<u32, String> {
    let n = parse_number(value, what)?;
    if n.fract() != 0.0 || n < min as f64 || n > max as f64 {
        return Err(format!("{what} must be a whole number from {min} to {max}"));
    }
    Ok(n as u32)
}

fn parse_percent_fraction(value: &str, what: &str) -> Result<f64, String> {
    let n = parse_number(value, what)?;
    if !(0.0..=100.0).contains(&n) {
        return Err(format!("{what} must be between 0 and 100 %"));
    }
    Ok(n / 100.0)
}

fn parse_availability(value: &str, what: &str) -> Result<f64, String> {
    let n = parse_number(value, what)?;
    if n <= 0.0 || n > 100.0 {
        return Err(format!("{what} must be above 0 and at most 100 %"));
    }
    Ok(n)
}

fn text(value: &str) -> String {
    crate::text::sanitize_line(value.trim()).into_owned()
}

/// Sets cell (`row`, `col`) of table `table` from what the person typed. Errors are one line,
/// naming the field and what is wrong; the worksheet is unchanged then.
pub fn set_cell(
    ws: &mut Worksheet,
    table: usize,
    row: usize,
    col: usize,
    value: &str,
) -> Result<(), String> {
    let out_of_range = || "no such cell".to_string();
    match ws {
        Worksheet::DecisionMatrix { criteria, scores } => match table {
            0 => {
                let c = criteria.get_mut(row).ok_or_else(out_of_range)?;
                match col {
                    0 if value.trim().is_empty() => return Err("a criterion needs a name".into()),
                    0 => c.name = text(value),
                    1 => c.weight = parse_non_negative(value, "weight")?,
                    _ => return Err(out_of_range()),
                }
            }
            1 => {
                let o = scores.get_mut(row).ok_or_else(out_of_range)?;
                if col == 0 || col > criteria.len() {
                    return Err("the option name is edited on its card".into());
                }
                let v = parse_count(value, "score", 1, 5)? as u8;
                if o.scores.len() < criteria.len() {
                    o.scores.resize(criteria.len(), 3);
                }
                o.scores[col - 1] = v;
            }
            _ => return Err(out_of_range()),
        },
        Worksheet::StressTest { load, tiers } => match table {
            0 => match col {
                0 if value.trim().is_empty() => return Err("the load needs a unit".into()),
                0 => load.unit = text(value),
                1 => load.baseline = parse_non_negative(value, "baseline")?,
                2 => load.peak = parse_non_negative(value, "peak")?,
                3 => load.growth_percent_per_month = parse_number(value, "growth")?,
                4 => load.horizon_months = parse_count(value, "horizon", 0, 600)?,
                _ => return Err(out_of_range()),
            },
            1 => {
                let t = tiers.get_mut(row).ok_or_else(out_of_range)?;
                match col {
                    0 => t.name = text(value),
                    1 => t.capacity_per_instance = parse_non_negative(value, "capacity")?,
                    2 => {
                        let u = parse_percent_fraction(value, "target utilisation")?;
                        if u == 0.0 {
                            return Err("target utilisation must be above 0 %".into());
                        }
                        t.target_utilisation = u;
                    }
                    3 if value.trim().is_empty() => t.monthly_cost_per_instance = None,
                    3 => {
                        t.monthly_cost_per_instance =
                            Some(parse_non_negative(value, "cost per instance")?)
                    }
                    _ => return Err(out_of_range()),
                }
            }
            _ => return Err(out_of_range()),
        },
        Worksheet::SecurityReview { items } => {
            let i = items.get_mut(row).ok_or_else(out_of_range)?;
            match (table, col) {
                (0, 0) if value.trim().is_empty() => {
                    return Err("a question cannot be empty".into());
                }
                (0, 0) => i.question = text(value),
                (0, 4) => i.note = text(value),
                (0, 2) | (0, 3) => return Err("Space cycles the choices".into()),
                _ => return Err(out_of_range()),
            }
        }
        Worksheet::CostReview { options, levers } => match table {
            0 => {
                let v = parse_percent_fraction(value, "lever")?;
                let field = match col {
                    0 => &mut levers.committed_share,
                    1 => &mut levers.commitment_discount,
                    2 => &mut levers.spot_share,
                    3 => &mut levers.spot_discount,
                    4 => &mut levers.rightsizing,
                    5 => &mut levers.storage_tiering,
                    _ => return Err(out_of_range()),
                };
                *field = v;
            }
            1 => {
                let line = cost_line_mut(options, row).ok_or_else(out_of_range)?;
                match col {
                    1 if value.trim().is_empty() => return Err("a line needs a resource".into()),
                    1 => line.resource = text(value),
                    2 => line.quantity = parse_non_negative(value, "quantity")?,
                    3 => line.unit_price_per_month = parse_non_negative(value, "unit price")?,
                    _ => return Err("the option of a line is fixed; add lines under it".into()),
                }
            }
            _ => return Err(out_of_range()),
        },
        Worksheet::Reliability {
            slo_target_percent,
            window_days,
            parts,
            required_rto_minutes,
            required_rpo_minutes,
            delivered_rto_minutes,
            delivered_rpo_minutes,
            operational_burden,
        } => match table {
            0 => match col {
                0 => *slo_target_percent = parse_availability(value, "SLO")?,
                1 => *window_days = parse_count(value, "window", 1, 366)?,
                2 => *required_rto_minutes = parse_optional_minutes(value, "required RTO")?,
                3 => *required_rpo_minutes = parse_optional_minutes(value, "required RPO")?,
                4 => *delivered_rto_minutes = parse_optional_minutes(value, "delivered RTO")?,
                5 => *delivered_rpo_minutes = parse_optional_minutes(value, "delivered RPO")?,
                _ => return Err(out_of_range()),
            },
            1 => {
                let p = parts.get_mut(row).ok_or_else(out_of_range)?;
                match col {
                    0 => p.name = text(value),
                    1 => p.availability_percent = parse_availability(value, "availability")?,
                    2 => p.group = text(value),
                    _ => return Err(out_of_range()),
                }
            }
            2 => *operational_burden.get_mut(row).ok_or_else(out_of_range)? = text(value),
            _ => return Err(out_of_range()),
        },
        Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } => match table {
            0 => {
                let t = teams.get_mut(row).ok_or_else(out_of_range)?;
                match col {
                    0 if value.trim().is_empty() => return Err("a team needs a name".into()),
                    0 => t.team = text(value),
                    1 => {
                        t.touchpoints = value
                            .split(',')
                            .map(text)
                            .filter(|s| !s.is_empty())
                            .collect()
                    }
                    _ => return Err(out_of_range()),
                }
            }
            1 => {
                let r = raci.get_mut(row).ok_or_else(out_of_range)?;
                match col {
                    0 => r.activity = text(value),
                    _ => return Err("Space cycles R, A, C, I and –".into()),
                }
            }
            2 => {
                let id = text(value);
                if id.is_empty() {
                    return Err("a section id cannot be empty".into());
                }
                *depends_on.get_mut(row).ok_or_else(out_of_range)? = id;
            }
            _ => return Err(out_of_range()),
        },
        Worksheet::Migration {
            steps,
            lock_in,
            exit_strategy,
            technologies_to_watch,
        } => match table {
            0 => {
                let s = steps.get_mut(row).ok_or_else(out_of_range)?;
                match col {
                    0 => s.step = text(value),
                    1 => s.target = text(value),
                    _ => return Err("Space toggles reversible".into()),
                }
            }
            1 => {
                let l = lock_in.get_mut(row).ok_or_else(out_of_range)?;
                match col {
                    1 => l.lock_in = parse_count(value, "lock-in", 1, 5)? as u8,
                    2 => l.reversibility = text(value),
                    _ => return Err("the option name is edited on its card".into()),
                }
            }
            2 => *exit_strategy = text(value),
            3 => {
                *technologies_to_watch
                    .get_mut(row)
                    .ok_or_else(out_of_range)? = text(value)
            }
            _ => return Err(out_of_range()),
        },
    }
    Ok(())
}

fn cost_line_mut(options: &mut [OptionCosts], mut row: usize) -> Option<&mut CostLine> {
    for o in options.iter_mut() {
        if row < o.lines.len() {
            return o.lines.get_mut(row);
        }
        row -= o.lines.len();
    }
    None
}

/// Moves a choice cell to its next value. Returns whether the cell is a choice.
pub fn cycle_cell(ws: &mut Worksheet, table: usize, row: usize, col: usize) -> bool {
    match ws {
        Worksheet::SecurityReview { items } if table == 0 => {
            let Some(i) = items.get_mut(row) else {
                return false;
            };
            match col {
                2 => i.answer = i.answer.next(),
                3 => i.severity = i.severity.next(),
                _ => return false,
            }
            true
        }
        Worksheet::Integration { teams, raci, .. } if table == 1 && col >= 1 => {
            let Some(r) = raci.get_mut(row) else {
                return false;
            };
            if col > teams.len() {
                return false;
            }
            if r.roles.len() < teams.len() {
                r.roles.resize(teams.len(), RaciRole::None);
            }
            r.roles[col - 1] = r.roles[col - 1].next();
            true
        }
        Worksheet::Migration { steps, .. } if table == 0 && col == 2 => {
            let Some(s) = steps.get_mut(row) else {
                return false;
            };
            s.reversible = !s.reversible;
            true
        }
        _ => false,
    }
}

/// Adds a row to a growable table after `after` (or at the end). Returns the new row's index.
pub fn add_row(ws: &mut Worksheet, table: usize, after: Option<usize>) -> Result<usize, String> {
    fn insert<T>(v: &mut Vec<T>, after: Option<usize>, item: T) -> usize {
        let at = after.map_or(v.len(), |a| (a + 1).min(v.len()));
        v.insert(at, item);
        at
    }
    let fixed = || "this table has a fixed set of rows".to_string();
    Ok(match ws {
        Worksheet::DecisionMatrix { criteria, scores } => {
            if table != 0 {
                return Err(
                    "options come from the component's cards (i adds one from the catalog)".into(),
                );
            }
            let at = insert(
                criteria,
                after,
                Criterion {
                    name: format!("Criterion {}", criteria.len() + 1),
                    weight: 1.0,
                },
            );
            for o in scores.iter_mut() {
                o.scores.resize(criteria.len() - 1, 3);
                o.scores.insert(at, 3);
            }
            at
        }
        Worksheet::StressTest { tiers, .. } if table == 1 => insert(
            tiers,
            after,
            Tier {
                name: format!("Tier {}", tiers.len() + 1),
                capacity_per_instance: 100.0,
                target_utilisation: 0.7,
                monthly_cost_per_instance: None,
            },
        ),
        Worksheet::SecurityReview { items } => insert(
            items,
            after,
            SecurityItem {
                question: "New question".into(),
                regime: None,
                answer: SecurityAnswer::Unanswered,
                severity: GapSeverity::Medium,
                note: String::new(),
            },
        ),
        Worksheet::CostReview { options, .. } if table == 1 => {
            // A new line goes under the option of the selected line (the first option otherwise).
            let mut flat = 0;
            let mut target = (0, 0);
            if let Some(a) = after {
                let mut row = a;
                for (i, o) in options.iter().enumerate() {
                    if row < o.lines.len() {
                        target = (i, row + 1);
                        break;
                    }
                    row -= o.lines.len();
                    target = (i, o.lines.len());
                }
            }
            let Some(o) = options.get_mut(target.0) else {
                return Err("there are no options to cost".into());
            };
            o.lines.insert(
                target.1.min(o.lines.len()),
                CostLine {
                    resource: "New line item".into(),
                    quantity: 1.0,
                    unit_price_per_month: 0.0,
                },
            );
            for o in &options[..target.0] {
                flat += o.lines.len();
            }
            flat + target.1
        }
        Worksheet::Reliability {
            parts,
            operational_burden,
            ..
        } => match table {
            1 => insert(
                parts,
                after,
                AvailabilityPart {
                    name: format!("Part {}", parts.len() + 1),
                    availability_percent: 99.9,
                    group: String::new(),
                },
            ),
            2 => insert(operational_burden, after, "New item".into()),
            _ => return Err(fixed()),
        },
        Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } => match table {
            0 => {
                let at = insert(
                    teams,
                    after,
                    TeamTouchpoints {
                        team: format!("Team {}", teams.len() + 1),
                        touchpoints: Vec::new(),
                    },
                );
                for r in raci.iter_mut() {
                    r.roles.resize(teams.len() - 1, RaciRole::None);
                    r.roles.insert(at, RaciRole::None);
                }
                at
            }
            1 => insert(
                raci,
                after,
                RaciRow {
                    activity: "New activity".into(),
                    roles: vec![RaciRole::None; teams.len()],
                },
            ),
            2 => insert(depends_on, after, "section-id".into()),
            _ => return Err(fixed()),
        },
        Worksheet::Migration {
            steps,
            technologies_to_watch,
            ..
        } => match table {
            0 => insert(
                steps,
                after,
                MigrationStep {
                    step: "New step".into(),
                    target: String::new(),
                    reversible: true,
                },
            ),
            3 => insert(technologies_to_watch, after, "New technology".into()),
            _ => return Err(fixed()),
        },
        _ => return Err(fixed()),
    })
}

/// Removes a row of a growable table (and, for criteria and teams, their column elsewhere).
pub fn remove_row(ws: &mut Worksheet, table: usize, row: usize) -> Result<(), String> {
    fn take<T>(v: &mut Vec<T>, row: usize) -> Result<(), String> {
        if row >= v.len() {
            return Err("no such row".into());
        }
        v.remove(row);
        Ok(())
    }
    let fixed = || "this table has a fixed set of rows".to_string();
    match ws {
        Worksheet::DecisionMatrix { criteria, scores } => {
            if table == 1 {
                return take(scores, row);
            }
            if criteria.len() <= 1 {
                return Err("the matrix needs at least one criterion".into());
            }
            take(criteria, row)?;
            for o in scores.iter_mut() {
                if row < o.scores.len() {
                    o.scores.remove(row);
                }
            }
            Ok(())
        }
        Worksheet::StressTest { tiers, .. } if table == 1 => take(tiers, row),
        Worksheet::SecurityReview { items } => take(items, row),
        Worksheet::CostReview { options, .. } if table == 1 => {
            let mut r = row;
            for o in options.iter_mut() {
                if r < o.lines.len() {
                    o.lines.remove(r);
                    return Ok(());
                }
                r -= o.lines.len();
            }
            Err("no such row".into())
        }
        Worksheet::Reliability {
            parts,
            operational_burden,
            ..
        } => match table {
            1 => take(parts, row),
            2 => take(operational_burden, row),
            _ => Err(fixed()),
        },
        Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } => match table {
            0 => {
                take(teams, row)?;
                for r in raci.iter_mut() {
                    if row < r.roles.len() {
                        r.roles.remove(row);
                    }
                }
                Ok(())
            }
            1 => take(raci, row),
            2 => take(depends_on, row),
            _ => Err(fixed()),
        },
        Worksheet::Migration {
            steps,
            technologies_to_watch,
            ..
        } => match table {
            0 => take(steps, row),
            3 => take(technologies_to_watch, row),
            _ => Err(fixed()),
        },
        _ => Err(fixed()),
    }
}

/// Adds an alternative to a decision matrix (scores default to 3); refused when it is already in.
pub fn add_alternative(
    ws: &mut Worksheet,
    option: &str,
    scores_for: Vec<u8>,
) -> Result<(), String> {
    let Worksheet::DecisionMatrix { criteria, scores } = ws else {
        return Err("alternatives are added to the decision matrix".into());
    };
    if scores.iter().any(|s| s.option == option) {
        return Err(format!("{option} is already in the matrix"));
    }
    let mut values = scores_for;
    values.resize(criteria.len(), 3);
    scores.push(OptionScores {
        option: option.to_string(),
        scores: values,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CostLevers, LoadModel};

    fn name(id: &str) -> String {
        id.to_uppercase()
    }

    fn matrix() -> Worksheet {
        Worksheet::DecisionMatrix {
            criteria: vec![
                Criterion {
                    name: "Cost".into(),
                    weight: 3.0,
                },
                Criterion {
                    name: "Security".into(),
                    weight: 2.0,
                },
            ],
            scores: vec![
                OptionScores {
                    option: "a".into(),
                    scores: vec![4, 2],
                },
                OptionScores {
                    option: "b".into(),
                    scores: vec![3, 5],
                },
            ],
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
            set_cell(&mut ws, 1, 0, 2, "6"),
            Err("score must be a whole number from 1 to 5".into())
        );
        assert_eq!(
            set_cell(&mut ws, 0, 0, 1, "heavy"),
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
        assert!(cycle_cell(&mut ws, 0, 0, 2));
        assert!(cycle_cell(&mut ws, 0, 0, 2));
        assert!(cycle_cell(&mut ws, 0, 0, 3));
        assert!(!cycle_cell(&mut ws, 0, 0, 0));
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
        assert!(cycle_cell(&mut ws, 1, 0, 2));
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
}
