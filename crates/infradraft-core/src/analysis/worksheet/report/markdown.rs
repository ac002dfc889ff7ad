//! The Markdown results of each worksheet.

use std::fmt::Write as _;

use crate::model::{
    AvailabilityPart, CostLevers, CostLine, Criterion, LoadModel, MigrationStep, OptionCosts,
    OptionLockIn, OptionScores, RaciRow, SecurityItem, TeamTouchpoints, Tier, Worksheet,
};

use super::super::cost::{compare, effective_levers};
use super::super::integration::raci_problems;
use super::super::matrix::{
    SENSITIVITY_DELTA, effective_weight, ranking, sensitivity, weighted_totals,
};
use super::super::migration::{steps_out_of_order, validate_target};
use super::super::non_negative;
use super::super::reliability::{
    Verdict, composite_percent, downtime_minutes_per_month, error_budget_minutes, rto_rpo_check,
    slo_feasible,
};
use super::super::security::{gap_list, tally};
use super::super::stress::{analyse, effective_capacity};
use super::format::*;

/// The heading of a worksheet's results.
pub fn heading(worksheet: &Worksheet) -> &'static str {
    match worksheet {
        Worksheet::DecisionMatrix { .. } => "Decision matrix",
        Worksheet::StressTest { .. } => "Stress test",
        Worksheet::SecurityReview { .. } => "Security & compliance review",
        Worksheet::CostReview { .. } => "Cost review",
        Worksheet::Reliability { .. } => "Reliability assessment",
        Worksheet::Integration { .. } => "Cross-functional integration",
        Worksheet::Migration { .. } => "Migration path",
    }
}

/// The computed results of a worksheet as Markdown: a `####` heading, tables and short sentences,
/// ending with one newline. `option_name` turns an option id into its display name.
pub fn results_markdown(
    section_title: &str,
    worksheet: &Worksheet,
    option_name: &dyn Fn(&str) -> String,
) -> String {
    let mut out = format!("#### {}\n\n", heading(worksheet));
    let title = section_title.trim();
    match worksheet {
        Worksheet::DecisionMatrix { criteria, scores } => {
            matrix_md(&mut out, title, criteria, scores, option_name)
        }
        Worksheet::StressTest { load, tiers } => stress_md(&mut out, load, tiers),
        Worksheet::SecurityReview { items } => security_md(&mut out, title, items),
        Worksheet::CostReview { options, levers } => {
            cost_md(&mut out, title, options, levers, option_name)
        }
        Worksheet::Reliability {
            slo_target_percent,
            window_days,
            parts,
            required_rto_minutes,
            required_rpo_minutes,
            delivered_rto_minutes,
            delivered_rpo_minutes,
            operational_burden,
        } => {
            reliability_md(&mut out, *slo_target_percent, *window_days, parts);
            let _ = writeln!(
                out,
                "- RTO: {}\n- RPO: {}",
                objective(*required_rto_minutes, *delivered_rto_minutes),
                objective(*required_rpo_minutes, *delivered_rpo_minutes)
            );
            if !operational_burden.is_empty() {
                out.push_str("\nOperational burden:\n\n");
                for b in operational_burden {
                    let _ = writeln!(out, "- {}", b.trim());
                }
            }
        }
        Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } => integration_md(&mut out, teams, raci, depends_on),
        Worksheet::Migration {
            steps,
            lock_in,
            exit_strategy,
            technologies_to_watch,
        } => migration_md(
            &mut out,
            steps,
            lock_in,
            exit_strategy,
            technologies_to_watch,
            option_name,
        ),
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn same(a: f64, b: f64) -> bool {
    (a * 1e9).round() == (b * 1e9).round()
}

fn matrix_md(
    out: &mut String,
    title: &str,
    criteria: &[Criterion],
    scores: &[OptionScores],
    name: &dyn Fn(&str) -> String,
) {
    if scores.is_empty() {
        out.push_str("No options to compare yet.\n");
        return;
    }
    let _ = writeln!(
        out,
        "Options for {title} scored from 1 (worst) to 5 (best) on {}; the weighted total is the weighted average of the scores.\n",
        plural(criteria.len(), "weighted criterion", "weighted criteria")
    );
    let mut headers = vec!["Option".to_string()];
    headers.extend(criteria.iter().map(|c| cell(&c.name)));
    headers.extend(["Weighted total".into(), "Rank".into()]);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut aligns = vec!["---"];
    aligns.extend(std::iter::repeat_n("---:", criteria.len() + 2));
    table_header(out, &headers, &aligns);
    let mut weights = vec!["*Weight*".to_string()];
    weights.extend(
        criteria
            .iter()
            .map(|c| fmt_number(effective_weight(c.weight), 2)),
    );
    weights.extend([String::new(), String::new()]);
    row(out, &weights);
    let totals = weighted_totals(criteria, scores);
    let order = ranking(criteria, scores);
    let mut rank = vec![0; scores.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r + 1;
    }
    for (i, o) in scores.iter().enumerate() {
        let mut cells = vec![cell(&name(&o.option))];
        cells.extend((0..criteria.len()).map(|c| match o.scores.get(c) {
            Some(s) if *s > 0 => (*s).min(5).to_string(),
            _ => "–".into(),
        }));
        cells.extend([fmt_score(totals[i]), rank[i].to_string()]);
        row(out, &cells);
    }
    out.push('\n');
    if criteria.iter().all(|c| effective_weight(c.weight) == 0.0) {
        out.push_str(
            "All weights are zero, so no option can win: give at least one criterion a weight.\n",
        );
        return;
    }
    let w = order[0];
    let winner = cell(&name(&scores[w].option));
    match order.get(1) {
        None => {
            let _ = writeln!(
                out,
                "**Winner:** {winner} ({}), the only option.\n",
                fmt_score(totals[w])
            );
        }
        Some(&r) if same(totals[w], totals[r]) => {
            let _ = writeln!(
                out,
                "**Winner:** {winner} ({}), tied with {}; the tie is broken by list order.\n",
                fmt_score(totals[w]),
                cell(&name(&scores[r].option))
            );
        }
        Some(&r) => {
            let _ = writeln!(
                out,
                "**Winner:** {winner} ({}), ahead of {} ({}).\n",
                fmt_score(totals[w]),
                cell(&name(&scores[r].option)),
                fmt_score(totals[r])
            );
        }
    }
    let pct = fmt_number(SENSITIVITY_DELTA * 100.0, 1);
    let flips = sensitivity(criteria, scores, SENSITIVITY_DELTA);
    if flips.is_empty() {
        let _ = writeln!(
            out,
            "The winner stays the same if any single weight moves by ±{pct}%."
        );
    } else {
        let moves: Vec<String> = flips
            .iter()
            .map(|f| {
                format!(
                    "{} {}{pct}% makes {} the winner",
                    criteria
                        .get(f.criterion)
                        .map_or("?".into(), |c| cell(&c.name)),
                    f.direction.symbol(),
                    cell(&name(&scores[f.new_winner].option))
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "The winner changes if a single weight moves by ±{pct}%: {}.",
            moves.join("; ")
        );
    }
}

fn growth_phrase(g: f64) -> String {
    if !g.is_finite() || g == 0.0 {
        "with no growth".into()
    } else if g > 0.0 {
        format!("growing {}% a month", fmt_number(g, 2))
    } else {
        format!("shrinking {}% a month", fmt_number(-g, 2))
    }
}

fn count(n: Option<u32>) -> String {
    n.map_or("–".into(), |n| n.to_string())
}

fn money(x: Option<f64>) -> String {
    x.map_or("–".into(), fmt_money)
}

fn stress_md(out: &mut String, load: &LoadModel, tiers: &[Tier]) {
    let r = analyse(load, tiers);
    let unit = if load.unit.trim().is_empty() {
        "units"
    } else {
        load.unit.trim()
    };
    let _ = writeln!(
        out,
        "Peak load today is {} {unit} (baseline {}), {}: {} {unit} in {} months, {} {unit} at ten times today's peak.\n",
        fmt_number(non_negative(load.peak), 1),
        fmt_number(non_negative(load.baseline), 1),
        growth_phrase(load.growth_percent_per_month),
        fmt_number(r.horizon_load, 1),
        load.horizon_months,
        fmt_number(r.ten_x_load, 1),
    );
    if tiers.is_empty() {
        out.push_str("No tiers to size yet.\n");
        return;
    }
    let h = load.horizon_months;
    let with_cost = r.tiers.iter().any(|t| t.cost_now.is_some());
    let mut headers = vec![
        "Tier".to_string(),
        "Per instance".into(),
        "Baseline".into(),
        "Now".into(),
        format!("In {h} months"),
        "At 10×".into(),
    ];
    if with_cost {
        headers.extend([
            "Cost now".into(),
            format!("Cost in {h} months"),
            "Cost at 10×".into(),
        ]);
    }
    let hs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut aligns = vec!["---"];
    aligns.extend(std::iter::repeat_n("---:", headers.len() - 1));
    table_header(out, &hs, &aligns);
    for (t, res) in tiers.iter().zip(&r.tiers) {
        let per = effective_capacity(t.capacity_per_instance, t.target_utilisation).map_or(
            "–".into(),
            |c| {
                format!(
                    "{} ({} at {}%)",
                    fmt_number(c, 1),
                    fmt_number(t.capacity_per_instance, 1),
                    fmt_number(t.target_utilisation * 100.0, 1)
                )
            },
        );
        let mut cells = vec![
            cell(&t.name),
            per,
            count(res.at_baseline),
            count(res.now),
            count(res.at_horizon),
            count(res.at_ten_x),
        ];
        if with_cost {
            cells.extend([
                money(res.cost_now),
                money(res.cost_at_horizon),
                money(res.cost_at_ten_x),
            ]);
        }
        row(out, &cells);
    }
    if with_cost && tiers.len() > 1 {
        let mut cells = vec!["**Total**".to_string()];
        cells.extend(std::iter::repeat_n(String::new(), 5));
        cells.extend([
            money(r.total_cost_now),
            money(r.total_cost_at_horizon),
            money(r.total_cost_at_ten_x),
        ]);
        row(out, &cells);
    }
    out.push('\n');
    out.push_str("Instances are load ÷ (capacity × target utilisation), rounded up");
    out.push_str(if with_cost {
        "; costs are per month.\n"
    } else {
        "; add a monthly cost per instance to see costs.\n"
    });
    if r.tiers.iter().any(|t| t.now.is_none()) {
        out.push_str("Tiers shown with – need a capacity above 0 and a target utilisation above 0% and at most 100%.\n");
    }
    out.push('\n');
    let g = load.growth_percent_per_month;
    match r.first_to_saturate {
        Some(s) => {
            let t = &r.tiers[s.tier];
            let when = if s.months < 0.05 {
                "today's peak already uses all of it, leaving no headroom for growth".to_string()
            } else {
                format!(
                    "it is exceeded after {} months at {}% monthly growth",
                    fmt_fixed(s.months, 1),
                    fmt_number(g, 2)
                )
            };
            let _ = writeln!(
                out,
                "**First to saturate:** {}. Provisioned for today's peak ({} {unit}), {when}.",
                cell(&t.name),
                fmt_number(t.provisioned.unwrap_or(0.0), 1),
            );
        }
        None if !(g.is_finite() && g > 0.0) => {
            out.push_str("Without growth, no tier provisioned for today's peak saturates.\n");
        }
        None => out.push_str("No tier could be assessed for saturation.\n"),
    }
}

fn security_md(out: &mut String, title: &str, items: &[SecurityItem]) {
    if items.is_empty() {
        out.push_str("No questions yet.\n");
        return;
    }
    let t = tally(items);
    let _ = writeln!(
        out,
        "{} on {title}: {} met, {} partial, {}, {} not applicable, {} unanswered.\n",
        plural(items.len(), "question", "questions"),
        t.met,
        t.partial,
        plural(t.gap, "gap", "gaps"),
        t.not_applicable,
        t.unanswered
    );
    let mut regimes: Vec<&str> = Vec::new();
    for r in items.iter().filter_map(|i| i.regime.as_deref()) {
        if !regimes.contains(&r) {
            regimes.push(r);
        }
    }
    if !regimes.is_empty() {
        let _ = writeln!(out, "Regimes in scope: {}.\n", regimes.join(", "));
    }
    let gaps = gap_list(items);
    if gaps.is_empty() {
        out.push_str("No gaps or partial answers recorded.\n");
    } else {
        out.push_str("Gaps and partial answers, most severe first:\n\n");
        table_header(
            out,
            &["Severity", "Answer", "Question", "Regime", "Note"],
            &["---", "---", "---", "---", "---"],
        );
        for g in gaps {
            row(
                out,
                &[
                    g.severity.label().into(),
                    g.answer.label().into(),
                    cell(&g.question),
                    cell(g.regime.as_deref().unwrap_or("")),
                    cell(&g.note),
                ],
            );
        }
    }
    if t.unanswered > 0 {
        let _ = writeln!(
            out,
            "\n{} still unanswered.",
            if t.unanswered == 1 {
                "1 question is".to_string()
            } else {
                format!("{} questions are", t.unanswered)
            }
        );
    }
}

pub(super) fn levers_phrase(levers: &CostLevers) -> Option<String> {
    let l = effective_levers(levers);
    let pct = |x: f64| format!("{}%", fmt_number(x * 100.0, 1));
    let mut parts = Vec::new();
    if l.rightsizing > 0.0 {
        parts.push(format!("{} rightsizing", pct(l.rightsizing)));
    }
    if l.committed_share > 0.0 {
        parts.push(format!(
            "{} of compute committed at {} off",
            pct(l.committed_share),
            pct(l.commitment_discount)
        ));
    }
    if l.spot_share > 0.0 {
        parts.push(format!(
            "{} on spot at {} off",
            pct(l.spot_share),
            pct(l.spot_discount)
        ));
    }
    if l.storage_tiering > 0.0 {
        parts.push(format!("{} storage tiering", pct(l.storage_tiering)));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn is_estimate(line: &CostLine) -> bool {
    line.resource.starts_with("Estimated run cost")
}

fn cost_md(
    out: &mut String,
    title: &str,
    options: &[OptionCosts],
    levers: &CostLevers,
    name: &dyn Fn(&str) -> String,
) {
    if options.is_empty() {
        out.push_str("No options to cost yet.\n");
        return;
    }
    let c = compare(options, levers);
    let _ = writeln!(
        out,
        "Run costs of the options for {title}, in the worksheet's currency.\n"
    );
    table_header(
        out,
        &[
            "Option",
            "Monthly",
            "Optimised monthly",
            "12 months",
            "36 months",
            "36 months optimised",
        ],
        &["---", "---:", "---:", "---:", "---:", "---:"],
    );
    for o in &c.options {
        row(
            out,
            &[
                cell(&name(&o.option)),
                fmt_money(o.monthly),
                fmt_money(o.optimised_monthly),
                fmt_money(o.months_12),
                fmt_money(o.months_36),
                fmt_money(o.optimised_months_36),
            ],
        );
    }
    out.push('\n');
    let estimated = options
        .iter()
        .filter(|o| o.lines.iter().any(is_estimate))
        .count();
    if estimated > 0 {
        let _ = writeln!(
            out,
            "{} figures are rough estimates from the options' cost ratings (1–5); replace them with real prices.\n",
            if estimated == options.len() {
                "These"
            } else {
                "Some"
            }
        );
    }
    let lever_text = levers_phrase(levers);
    match &lever_text {
        Some(t) => {
            let _ = writeln!(out, "Levers: {t}.\n");
        }
        None => out.push_str("No optimisation levers applied.\n\n"),
    }
    if let Some(ch) = c.cheapest {
        let cheapest = &c.options[ch];
        let only = if c.options.len() == 1 {
            " (the only option)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "**Cheapest:** {} at {} a month{}{only}.",
            cell(&name(&cheapest.option)),
            fmt_money(cheapest.optimised_monthly),
            if lever_text.is_some() {
                " optimised"
            } else {
                ""
            }
        );
        if !c.savings.is_empty() {
            out.push('\n');
        }
        for s in &c.savings {
            let _ = writeln!(
                out,
                "- Against {}: saves {} a month, {} over 36 months.",
                cell(&name(&c.options[s.option].option)),
                fmt_money(s.monthly),
                fmt_money(s.months_36)
            );
        }
    }
    if lever_text.is_some() {
        out.push_str("\nOptimisation savings per option:\n\n");
        for o in &c.options {
            let _ = writeln!(
                out,
                "- {}: {} a month, {} over 36 months.",
                cell(&name(&o.option)),
                fmt_money(o.optimisation_saving_monthly),
                fmt_money(o.optimisation_saving_36)
            );
        }
    }
}

fn window_phrase(days: u32) -> String {
    if days == 30 {
        "a month".into()
    } else {
        format!("per {}", plural(days as usize, "day", "days"))
    }
}

fn reliability_md(out: &mut String, slo: f64, window_days: u32, parts: &[AvailabilityPart]) {
    let _ = writeln!(
        out,
        "SLO {} over {}: an error budget of {} {}.\n",
        fmt_percent(slo),
        plural(window_days as usize, "day", "days"),
        fmt_minutes(error_budget_minutes(slo, window_days)),
        window_phrase(window_days)
    );
    if !parts.is_empty() {
        table_header(
            out,
            &["Part", "Availability", "Redundancy group"],
            &["---", "---:", "---"],
        );
        for p in parts {
            row(
                out,
                &[
                    cell(&p.name),
                    fmt_percent(p.availability_percent),
                    cell(&p.group),
                ],
            );
        }
        out.push('\n');
    }
    match composite_percent(parts) {
        Some(c) => {
            let verdict = if slo_feasible(slo, c) {
                "which meets"
            } else {
                "which falls short of"
            };
            let _ = writeln!(
                out,
                "Composite availability: {} (about {} of downtime a month), {verdict} the {} SLO. Parts in the same group are redundant with each other, everything else is in series, and failover is assumed to be instant.\n",
                fmt_percent(c),
                fmt_minutes(downtime_minutes_per_month(c)),
                fmt_percent(slo)
            );
        }
        None if parts.is_empty() => out.push_str("Add the parts of the design to compute a composite availability.\n\n"),
        None => out.push_str("The composite availability cannot be computed: every part needs an availability between 0 and 100%.\n\n"),
    }
}

fn objective(required: Option<u32>, delivered: Option<u32>) -> String {
    match (required, delivered, rto_rpo_check(required, delivered)) {
        (Some(r), Some(d), Verdict::Meets) => {
            format!("required {r} min, delivered {d} min — meets it.")
        }
        (Some(r), Some(d), Verdict::Misses { by_minutes }) => {
            format!("required {r} min, delivered {d} min — misses it by {by_minutes} min.")
        }
        (Some(r), None, _) => {
            format!("required {r} min; what the design delivers is not stated yet.")
        }
        (None, Some(d), _) => format!("delivered {d} min; no requirement stated."),
        _ => "neither required nor delivered figure stated.".into(),
    }
}

fn integration_md(
    out: &mut String,
    teams: &[TeamTouchpoints],
    raci: &[RaciRow],
    depends_on: &[String],
) {
    if teams.is_empty() {
        out.push_str("No teams listed yet.\n\n");
    } else {
        table_header(out, &["Team", "Touchpoints"], &["---", "---"]);
        for t in teams {
            let points: Vec<&str> = t
                .touchpoints
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            row(out, &[cell(&t.team), cell(&points.join("; "))]);
        }
        out.push('\n');
    }
    if !raci.is_empty() && !teams.is_empty() {
        let mut headers = vec!["Activity".to_string()];
        headers.extend(teams.iter().map(|t| cell(&t.team)));
        let hs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut aligns = vec!["---"];
        aligns.extend(std::iter::repeat_n(":-:", teams.len()));
        table_header(out, &hs, &aligns);
        for r in raci {
            let mut cells = vec![cell(&r.activity)];
            cells.extend(
                (0..teams.len())
                    .map(|i| r.roles.get(i).map_or("–", |role| role.letter()).to_string()),
            );
            row(out, &cells);
        }
        out.push_str("\nR responsible, A accountable, C consulted, I informed.\n\n");
    }
    if !raci.is_empty() {
        let problems = raci_problems(teams, raci);
        if problems.is_empty() {
            out.push_str(
                "Every activity has one accountable team and at least one responsible team.\n\n",
            );
        } else {
            out.push_str("RACI problems:\n\n");
            for p in problems {
                let _ = writeln!(out, "- {p}");
            }
            out.push('\n');
        }
    }
    let deps: Vec<String> = depends_on
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
        .map(|d| format!("`{}`", d.replace('`', "'")))
        .collect();
    if deps.is_empty() {
        out.push_str("No dependencies on other sections recorded.\n");
    } else {
        let _ = writeln!(out, "Depends on: {}.", deps.join(", "));
    }
}

fn numbers(ix: &[usize]) -> String {
    let n: Vec<String> = ix.iter().map(|i| (i + 1).to_string()).collect();
    match n.len() {
        0 => String::new(),
        1 => n[0].clone(),
        _ => format!("{} and {}", n[..n.len() - 1].join(", "), n[n.len() - 1]),
    }
}

fn migration_md(
    out: &mut String,
    steps: &[MigrationStep],
    lock_in: &[OptionLockIn],
    exit_strategy: &str,
    watch: &[String],
    name: &dyn Fn(&str) -> String,
) {
    if steps.is_empty() {
        out.push_str("No migration steps yet.\n\n");
    } else {
        table_header(
            out,
            &["#", "Step", "Target", "Reversible"],
            &["---:", "---", "---", "---"],
        );
        for (i, s) in steps.iter().enumerate() {
            row(
                out,
                &[
                    (i + 1).to_string(),
                    cell(&s.step),
                    cell(&s.target),
                    if s.reversible { "yes" } else { "no" }.into(),
                ],
            );
        }
        out.push('\n');
        let invalid: Vec<usize> = (0..steps.len())
            .filter(|&i| !validate_target(&steps[i].target))
            .collect();
        if !invalid.is_empty() {
            let _ = writeln!(
                out,
                "{} {} no valid target (YYYY-MM-DD or YYYY-Qn).\n",
                if invalid.len() == 1 { "Step" } else { "Steps" },
                numbers(&invalid) + if invalid.len() == 1 { " has" } else { " have" }
            );
        }
        let disorder = steps_out_of_order(steps);
        if !disorder.is_empty() {
            let _ = writeln!(
                out,
                "{} {} dated before a step listed earlier.\n",
                if disorder.len() == 1 { "Step" } else { "Steps" },
                numbers(&disorder) + if disorder.len() == 1 { " is" } else { " are" }
            );
        }
        let one_way: Vec<usize> = (0..steps.len()).filter(|&i| !steps[i].reversible).collect();
        if !one_way.is_empty() {
            let _ = writeln!(
                out,
                "{} cannot be undone: agree rollback criteria before {}.\n",
                if one_way.len() == 1 {
                    format!("Step {}", numbers(&one_way))
                } else {
                    format!("Steps {}", numbers(&one_way))
                },
                if one_way.len() == 1 { "it" } else { "each" }
            );
        }
    }
    if !lock_in.is_empty() {
        table_header(
            out,
            &["Option", "Lock-in", "Reversibility"],
            &["---", "---:", "---"],
        );
        for l in lock_in {
            row(
                out,
                &[
                    cell(&name(&l.option)),
                    format!("{}/5", l.lock_in.clamp(1, 5)),
                    cell(&l.reversibility),
                ],
            );
        }
        out.push('\n');
    }
    if !exit_strategy.trim().is_empty() {
        let _ = writeln!(out, "**Exit strategy:** {}\n", exit_strategy.trim());
    }
    let watch: Vec<&str> = watch
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    if !watch.is_empty() {
        out.push_str("**Technologies to watch:**\n\n");
        for w in watch {
            let _ = writeln!(out, "- {w}");
        }
    }
}
