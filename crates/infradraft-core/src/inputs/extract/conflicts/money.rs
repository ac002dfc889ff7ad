//! Money: a budget against a larger estimate, in the same currency, compared a month at a time (a
//! yearly amount is a twelfth a month; one-off amounts are compared with one-off amounts).

use crate::knowledge::extraction::extraction;
use crate::model::{BudgetPeriod, Figure};

use super::super::figures::figures;
use super::claims::Claim;
use super::{Found, doc_name};

/// An amount of money: a month's (or a one-off) amount, its currency, and whether it is one-off.
type Amount = (f64, String, bool);

/// The amounts of a statement.
fn amounts(text: &str) -> Vec<Amount> {
    figures(text)
        .into_iter()
        .filter_map(|f| match f {
            Figure::Budget {
                amount,
                currency,
                per,
            } => Some(match per {
                BudgetPeriod::Month => (amount, currency, false),
                BudgetPeriod::Year => (amount / 12.0, currency, false),
                BudgetPeriod::Once => (amount, currency, true),
            }),
            _ => None,
        })
        .collect()
}

fn money(amount: f64, currency: &str, once: bool) -> String {
    let rounded = amount.round() as i64;
    let mut digits = rounded.unsigned_abs().to_string();
    let mut i = digits.len();
    while i > 3 {
        i -= 3;
        digits.insert(i, ',');
    }
    let per = if once { "" } else { " a month" };
    format!("{currency} {digits}{per}")
}

/// The cells of a table row (`| Total | 27,400 |`), without their emphasis.
fn cells(row: &str) -> Option<Vec<&str>> {
    let row = row.trim();
    if !row.contains('|') {
        return None;
    }
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(
        inner
            .split('|')
            .map(|c| c.trim().trim_matches(|ch| ch == '*' || ch == '_').trim())
            .collect(),
    )
}

/// The amount of a cost table's total row, read with what the table's header, the heading above
/// it and the lines between say of currency and period ("## Cost per month (estimate)", a header
/// `| Item | EUR |`, a last row `| Total | 27,400 |`).
fn table_total(c: &Claim<'_>) -> Option<Amount> {
    let row = cells(&c.text)?;
    let first = row.first()?.to_lowercase();
    if !(first.starts_with("total") || first.starts_with("sum") || first == "all") {
        return None;
    }
    if let Some(a) = amounts(&format!("estimated total {}", c.text))
        .into_iter()
        .next()
    {
        return Some(a);
    }
    // The last cell that is a number (`27,400`), as written and as a value.
    let (number, value) = row.iter().rev().find_map(|cell| {
        let digits: String = cell.chars().filter(|ch| *ch != ',' && *ch != ' ').collect();
        digits
            .parse::<f64>()
            .ok()
            .filter(|v| *v > 0.0)
            .map(|v| (*cell, v))
    })?;
    let lines: Vec<&str> = c.input.text.lines().collect();
    let at = usize::try_from(c.line).ok()?.checked_sub(1)?;
    if lines.get(at).is_none_or(|l| !l.contains('|')) {
        return None;
    }
    // Up to the table's header, then to the heading above it (at most a few lines of lead text).
    let mut top = at;
    while top > 0 && lines[top - 1].contains('|') {
        top -= 1;
    }
    let mut from = top;
    while from > 0 && top - from < 6 {
        from -= 1;
        if lines[from].trim_start().starts_with('#') {
            break;
        }
    }
    let context: Vec<&str> = lines[from..=top]
        .iter()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .collect();
    let header = cells(lines[top]).unwrap_or_default();
    let code = header.iter().chain(context.iter()).find_map(|h| {
        h.split(|ch: char| ch.is_whitespace() || "()/,".contains(ch))
            .find_map(|w| {
                amounts(&format!("budget {w} 1 a month"))
                    .into_iter()
                    .next()
                    .map(|(_, code, _)| code)
            })
    })?;
    let text = format!(
        "{} {}: estimated total {code} {number}",
        context.join(" "),
        header.join(" ")
    );
    // The period comes from the context; a yearly total is a twelfth a month.
    amounts(&text).into_iter().find(|(amount, _, _)| {
        (amount - value).abs() < 1e-6 || (amount * 12.0 - value).abs() < 1e-6
    })
}

/// Whether an amount stands right after a threshold word ("spend above EUR 100 per month is
/// escalated"): the statement sets a trigger, not a budget.
fn sets_threshold(text: &str) -> bool {
    extraction()
        .conflicts
        .threshold
        .find(text)
        .into_iter()
        .any(|(_, e)| {
            let rest = text[e..].trim_start();
            let code = rest.get(..4).is_some_and(|c| {
                c[..3].chars().all(|ch| ch.is_ascii_uppercase()) && c.ends_with(' ')
            });
            rest.chars().next().is_some_and(|ch| {
                ch.is_ascii_digit() || !(ch.is_alphanumeric() || ch.is_whitespace())
            }) || code
        })
}

/// Budgets (in rules) against estimates (in any statement that calls its amount one).
pub(super) fn budget<'c, 'a>(
    rules: &[&'c Claim<'a>],
    all: &'c [Claim<'a>],
    out: &mut Vec<Found<'c, 'a>>,
) {
    let estimate = &extraction().conflicts.estimate;
    let budgets: Vec<(&&Claim<'_>, Vec<Amount>)> = rules
        .iter()
        .filter(|r| !estimate.is_match(&r.text) && !sets_threshold(&r.text))
        .filter_map(|r| {
            let a = amounts(&r.text);
            (!a.is_empty()).then_some((r, a))
        })
        .collect();
    if budgets.is_empty() {
        return;
    }
    let approximate = &extraction().conflicts.approximate;
    let not_estimate = &extraction().conflicts.not_estimate;
    let estimates = all.iter().filter_map(|c| {
        if let Some(total) = table_total(c) {
            return Some((c, vec![total]));
        }
        let estimates = !c.rule && approximate.is_match(&c.text) || estimate.is_match(&c.text);
        (estimates && !not_estimate.is_match(&c.text)).then(|| (c, amounts(&c.text)))
    });
    for (e, estimated) in estimates.take(super::MAX_SIDE) {
        for (r, limits) in &budgets {
            if r.same_place(e) {
                continue;
            }
            let over = limits.iter().find_map(|(limit, currency, once)| {
                estimated
                    .iter()
                    .filter(|(_, c, o)| c == currency && o == once)
                    .map(|(amount, _, _)| *amount)
                    .reduce(f64::max)
                    .filter(|amount| amount > limit)
                    .map(|amount| (*limit, amount, currency, *once))
            });
            if let Some((limit, amount, currency, once)) = over {
                out.push(Found {
                    kind: "budget-vs-estimate",
                    about: format!(
                        "The {} sets a budget of {}; the {} estimates {}",
                        doc_name(r.input.kind),
                        money(limit, currency, once),
                        doc_name(e.input.kind),
                        money(amount, currency, once)
                    ),
                    rule: r,
                    found: e,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_a_month() {
        assert_eq!(
            amounts("Budget: £9k/mo AWS, all environments."),
            [(9000.0, "GBP".to_string(), false)]
        );
        assert_eq!(
            amounts("Hosting must stay under EUR 120,000 a year."),
            [(10000.0, "EUR".to_string(), false)]
        );
        assert_eq!(money(12400.0, "GBP", false), "GBP 12,400 a month");
        assert_eq!(money(1_200_000.0, "GBP", true), "GBP 1,200,000");
    }
}
