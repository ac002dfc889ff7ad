//! Number and table formatting for the results: money, percentages, minutes, scores and GFM table
//! rows.

use std::fmt::Write as _;

/// Inserts `,` every three digits in the integer part of a plain decimal number (`-1234.5` →
/// `-1,234.5`).
fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `x` with exactly `decimals` decimals and thousands separators; `n/a` when not finite; never
/// `-0`.
pub fn fmt_fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "n/a".into();
    }
    let s = format!("{x:.decimals$}");
    let s = if s.starts_with('-') && s.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
        s[1..].to_string()
    } else {
        s
    };
    group(&s)
}

/// `x` with at most `max_decimals` decimals, trailing zeros removed (`2.50` → `2.5`, `3.00` → `3`).
pub fn fmt_number(x: f64, max_decimals: usize) -> String {
    let s = fmt_fixed(x, max_decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Money in the worksheet's currency: `12,345` from 1,000 up (no cents), `42.50` or `500` below.
pub fn fmt_money(x: f64) -> String {
    if !x.is_finite() {
        return "n/a".into();
    }
    let cents = (x * 100.0).round() / 100.0;
    if cents.abs() >= 1000.0 || cents.fract() == 0.0 {
        fmt_fixed(cents, 0)
    } else {
        fmt_fixed(cents, 2)
    }
}

/// The number of nines a percentage starts with (`99.95` → 3, `99.9875` → 3, `100` → 0).
fn leading_nines(p: f64) -> usize {
    if !(0.0..100.0).contains(&p) {
        return 0;
    }
    format!("{p:.10}")
        .bytes()
        .filter(|b| *b != b'.')
        .take_while(|b| *b == b'9')
        .count()
}

/// A percentage with the precision it needs, followed by `%`: values with at most 4 decimals as
/// they are (`99.95%`, `99.975%`, `99.9999%`); computed values to 2 decimals plus one per nine
/// after the point (`99.937…` → `99.94%`, `99.99987…` → `99.99987%`). Rounding never adds a nine
/// (`99.9875…` → `99.988%`, not `99.99%`) and a value below 100 does not show as `100%` unless it
/// is within 10⁻¹⁰ of it.
pub fn fmt_percent(p: f64) -> String {
    if !p.is_finite() {
        return "n/a".into();
    }
    let at4 = (p * 1e4).round() / 1e4;
    let mut decimals = if (p - at4).abs() < 1e-9 {
        4
    } else {
        let frac = format!("{:.10}", p.abs().fract());
        let nines = frac.bytes().skip(2).take_while(|b| *b == b'9').count();
        (nines + 1).max(2)
    };
    let nines = leading_nines(p);
    loop {
        let s = fmt_number(p, decimals);
        let shown: f64 = s.replace(',', "").parse().unwrap_or(p);
        let overstated = p < 100.0 && (shown >= 100.0 || leading_nines(shown) > nines);
        if decimals >= 10 || !overstated {
            return format!("{s}%");
        }
        decimals += 1;
    }
}

/// Minutes with one decimal: `43.2 min`.
pub fn fmt_minutes(m: f64) -> String {
    format!("{} min", fmt_fixed(m, 1))
}

/// A matrix score or total with two decimals: `3.40`.
pub fn fmt_score(x: f64) -> String {
    fmt_fixed(x, 2)
}

/// Text made safe for a table cell: `|` escaped, line breaks as spaces, empty as `–`.
pub fn cell(s: &str) -> String {
    let t = s.trim().replace('|', "\\|").replace(['\r', '\n'], " ");
    if t.is_empty() { "–".into() } else { t }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn table_header(out: &mut String, headers: &[&str], aligns: &[&str]) {
    let headers: Vec<String> = headers.iter().map(|h| (*h).to_string()).collect();
    row(out, &headers);
    let _ = writeln!(out, "|{}|", aligns.join("|"));
}

/// A table row; an empty cell is written `| |`.
pub(super) fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        if c.is_empty() {
            out.push_str(" |");
        } else {
            let _ = write!(out, " {c} |");
        }
    }
    out.push('\n');
}
