//! Figures in requirement text, typed and normalised ([`Figure`]): availability (percent),
//! latency (milliseconds and a percentile), throughput (per second), RPO and RTO (minutes),
//! retention (days), budget (amount, ISO currency, month/year/once) and capacity (a value and what
//! it counts).
//!
//! The words come from the data file `assets/extraction/units.ron` (number words, units and their
//! factors, currencies, counted nouns and the context words named below); this module holds the
//! structure of the phrases. The text is read sentence by sentence (a line, cut after `.`, `!` or
//! `?` before a space, and pieces of at most 1,000 bytes), so the work is linear in the text.
//!
//! # Quantities
//! First every quantity is found: a number in digits (`1,200`, `50 000`, `1.5`) with an optional
//! suffix (`40K`, `2bn`, `£1.2m`, `1.5 million`), or in words (`fifteen`, `twelve thousand`,
//! `a million`, `one hundred and twenty`), followed by what it measures:
//! - a unit of time (`ms`, `sec`, `mins`, `hrs`, `d`, `wk`, `mo`, `yrs`, …): a duration, also
//!   `half an hour`, `a quarter of a second`, `two and a half hours`, `an hour and a half`, and
//!   `an hour`/`a day` after a preposition (`within an hour`; `£14,500 a month` is a rate);
//!   `a second` followed by a noun is the ordinal (`a second region`);
//! - a percent sign or word (`%`, `percent`, `per cent`; `ninety-nine and a half per cent` is 99.5),
//!   `nines`, a data unit (`TB`, `terabytes`), a currency
//!   (`EUR 22,000`, `€31K`, `22,000 euros`) or a rate abbreviation (`rps`, `req/s`, `TPS`, `QPS`);
//! - nothing: a count, whose noun is found by walking the next few words.
//!
//! Numbers that are part of something else are skipped: ids (`NFR-3`, `R17`), versions
//! (`TLS 1.3`, `X.509`), times and ratios (`02:00`, `24/7`), and numbers glued to letters (`4G`).
//! A four-digit count from 1900 to 2100 is a year and never a capacity. Versions and dates
//! (`PostgreSQL 16`, `Q3 2027`, `2026-03-01`) carry no unit, so they never make a figure.
//!
//! # Figures, in the order they claim quantities
//! - **RPO / RTO**: a name (`RPO`, `RTO`, `recovery point (objective)`, `recovery time`,
//!   `maximum downtime`, `RPO/RTO`) followed within 40 characters, without another number, by a
//!   duration or a zero (`RPO 0`, `RPO of zero`); `zero`/`no data loss` is an RPO of 0. In prose:
//!   a duration followed by `of` and something lost (`data`, `events`, …) in a clause with a loss
//!   word (`losing no more than fifteen minutes of data`), or after `last` in such a clause
//!   (`data written in the last 30 seconds may be lost`), is an RPO; a duration of a minute or more
//!   after a back-word and `within` (`back within four hours`, `running again within …`) in a
//!   sentence about a failure (`failure`, `lost`, `outage`, …), after a recovery word
//!   (`restored within one hour`), in `live with … without …`, or before `of downtime`, is an RTO.
//! - **Latency**: a duration under an hour with a percentile: `p95 < 200 ms`, `95th percentile …
//!   300 ms`, `300 ms at the 99th percentile`, `under 3 s for 95% of queries`, `95 % of positions
//!   … within 5 s`, `the slowest query in a hundred … within two seconds` (99); or, without one,
//!   a bound word (`within`, `under`, `in less than`, `no more than`, `≤`) before a duration in
//!   seconds or milliseconds (`within 1 second`), or before any duration when a latency word
//!   (`latency`, `response time`, `responds`, …) comes earlier in the clause, or a latency word
//!   shortly before a duration in seconds or milliseconds. A median word (`typical`, `median`)
//!   makes the percentile 50. Durations after `every`, `after`, `for`, `before` are intervals and
//!   timeouts, never latencies; minutes (`within fifteen minutes`) are deadlines unless a
//!   percentile or latency word says otherwise.
//! - **Retention**: a duration of days or more in a sentence with a retention word (`retained`,
//!   `kept`, `keep`, `deleted`, `archived`, `backups`, …), unless right after `within`, `every`,
//!   `in`, `by`, `first`, … (a deadline or an interval: `deleted within 30 days` is not one).
//! - **Availability**: `N nines` (`three nines` → 99.9); a percentage from 90 to below 100 that is
//!   followed by `of the time` or `of each calendar month`, or has decimals and is at least 99
//!   (`99.95%`) unless followed by `of`, or stands in a clause with an availability word
//!   (`available`, `uptime`, `SLA`, `SLO`) or right after `up`. Any other percentage
//!   (`conversion from 2.1% to 2.8%`, `30% of traffic`, `99.5% of requests`) is not one, nor a
//!   threshold in a condition (`workloads with an availability target above 99.9% must …`).
//! - **Budget**: an amount of money is a budget when its sentence has a budget word (`budget`,
//!   `spend`, `cost`, `hosting`, …), or a bound comes right before it (`under $45,000/mo`), or a
//!   period right after it (`USD 15,000 a month`), or its clause calls it a one-off (`a one-off
//!   £1.2m`). It is not one when it is a price (an amount
//!   `per`/`each` item: `€6 per contact`) or its clause speaks of a saving, revenue, price or fine
//!   (`saves about £180,000 a year`). The period comes from right after the amount (`/mo`,
//!   `per year`, `annually`), else from once-words in its clause (`one-off`, `capital`, `spent
//!   once`), else from a period elsewhere in the clause or sentence (`Monthly Azure spend … USD
//!   15,000`); with none it is `Once`. A weekly or daily amount is turned into a monthly one.
//! - **Throughput**: a rate abbreviation (`1.5k req/s`, `400 TPS`), or a count, a few words and a
//!   noun, then `/`, `per`, `a` or `each` and a period (`25,000 messages/sec`, `1,800 pages a
//!   minute`), normalised to per second. Anything counted per second, minute or hour is throughput;
//!   per day or longer only operations are (`2 billion events per month`, `writes per day`: the
//!   data file's `operation_nouns`), while business items per day or longer are a volume, a
//!   capacity with its period (`40,000 orders/day` → `Capacity(40000, "orders/day")`), and other
//!   nouns per day or longer (`two incidents per year`) are nothing. A shared period covers a list
//!   (`9 million payments and 14 million card authorisations per month`). A data size per second,
//!   minute or hour is a throughput in that unit (`GB`).
//! - **Capacity**: a data size (`140 TB`; `180 GB per month` and `1.2 TB of new data per month` are
//!   `GB/month` and `TB/month`), unless it is per item (`200 MB each`) or memory or bandwidth; a
//!   count followed within five words by a counted noun of the data file (`640,000 household
//!   accounts`, `900 field staff` → `users`, `300 workspaces` → `tenants`, `50k MAU`). A
//!   concurrency word before a people noun makes the unit `concurrent users` (kept apart from
//!   `users`, because concurrent and registered users size a system differently); `sessions`
//!   count only when concurrent (`concurrent sessions`). A count in a clause that starts with
//!   `each`, `every` or `per`, or followed by `per <item>`, is per item, not a total (`each
//!   workspace has between 5 and 50 seats`). On a line labelled with a counted noun (`Devices —
//!   45,000 connected trucks and trailers`), a count with no noun of its own takes the label's.
//!   A bare number after a capacity in the same clause takes its unit (`300 workspaces in year one
//!   and 1,500 in year three`, `45,000 … at launch, 80,000 by 2028`). The lower end of a range
//!   (`from 400 to 1,200 customers`) has no noun and is not a figure.
//!
//! The result lists the figures in the order they appear in the text.

mod units;

use std::sync::LazyLock;

use regex::{Captures, Regex};

pub use crate::model::{BudgetPeriod, Figure};
use units::{LEXICON, Lexicon};

/// The longest piece of text read at once; longer sentences are cut at `;`, `,` or a space.
const MAX_PIECE: usize = 1000;

/// The figures in `text`, in order of appearance. Never panics; linear in the length of `text`.
pub fn figures(text: &str) -> Vec<Figure> {
    let lex = &*LEXICON;
    let mut out: Vec<(usize, Figure)> = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let label = capacity_label(lex, line);
        for (offset, piece) in pieces(line) {
            let found = Piece::new(lex, piece, label.as_deref()).run();
            out.extend(
                found
                    .into_iter()
                    .map(|(at, f)| (line_start + offset + at, f)),
            );
        }
        line_start += line.len() + 1;
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, f)| f).collect()
}

/// Every duration written in `text` (`nightly` aside: words without a number are not read here),
/// as `(start, end, minutes)` byte ranges in order; of a range (`8–10 hours`) the upper end.
/// Linear in the length of `text`.
pub(crate) fn durations(text: &str) -> Vec<(usize, usize, f64)> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        for (offset, piece) in pieces(line) {
            for q in scan(lex, piece) {
                if let Kind::Duration { seconds, .. } = q.kind {
                    let at = line_start + offset;
                    out.push((at + q.start, at + q.end, seconds / 60.0));
                }
            }
        }
        line_start += line.len() + 1;
    }
    out
}

/// Whether a capacity unit counts people (`users`, `concurrent users`, `MAU`, `customers`,
/// `patients`, …), as the data file marks them.
pub fn counts_people(unit: &str) -> bool {
    LEXICON.counts_people(unit)
}

// ------------------------------------------------------------------------------------ pieces

/// The sentences of a line with their byte offsets: cut after `.`, `!` or `?` before whitespace,
/// and into pieces of at most [`MAX_PIECE`] bytes.
fn pieces(line: &str) -> Vec<(usize, &str)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
        {
            bounded(line, start, i + 1, &mut out);
            start = i + 1;
        }
    }
    bounded(line, start, bytes.len(), &mut out);
    out
}

fn bounded<'a>(line: &'a str, mut start: usize, end: usize, out: &mut Vec<(usize, &'a str)>) {
    while end - start > MAX_PIECE {
        let mut limit = start + MAX_PIECE;
        while !line.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &line[start..limit];
        let cut = window
            .rfind([';', ','])
            .or_else(|| window.rfind([' ', '\t']))
            .map(|c| start + c + 1)
            .filter(|&c| c > start + MAX_PIECE / 2)
            .unwrap_or(limit);
        out.push((start, &line[start..cut]));
        start = cut;
    }
    if end > start {
        out.push((start, &line[start..end]));
    }
}

/// The unit a line's label names when the label is a counted noun (`Devices — …`,
/// `**Customers:** …`).
fn capacity_label(lex: &Lexicon, line: &str) -> Option<String> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^\s*(?:[-*+•]\s+|[0-9]+[.)]\s+)?(?:\*\*|__)?(?P<l>[A-Za-z][A-Za-z /&'-]{0,30}?)\s*(?:\*\*|__)?\s*(?::|—|–|\s-\s)",
        )
    });
    let label = LABEL.captures(line)?.name("l")?.as_str().trim();
    let last = label.split_whitespace().last()?.to_lowercase();
    lex.nouns
        .iter()
        .find(|n| n.words.len() == 1 && n.words[0] == last)
        .map(|n| n.unit.clone().unwrap_or(last))
}

fn re(p: &str) -> Regex {
    units::regex(p)
}

// ------------------------------------------------------------------------------------ quantities

#[derive(Debug, Clone)]
enum Kind {
    Count,
    Percent,
    Nines,
    Duration { seconds: f64, unit_seconds: f64 },
    Money { code: String },
    Data { unit: String },
    Rate { per_second: f64, unit: String },
}

/// A number and what it measures, at `start..end` of its piece.
#[derive(Debug, Clone)]
struct Quantity {
    start: usize,
    end: usize,
    value: f64,
    kind: Kind,
    /// Written in digits, not words.
    digits: bool,
    /// Written with a decimal point.
    decimal: bool,
    /// A four-digit count from 1900 to 2100.
    year: bool,
    /// Digits with a lowercase `m` right after them (`5m`): millions, or minutes after RPO/RTO.
    m_suffix: bool,
}

fn digits_value(s: &str) -> Option<f64> {
    let d: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    d.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whether the digits at `start..end` belong to an id, a version, a time of day or a ratio.
fn part_of_token(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let (c1, c2) = (before.next(), before.next());
    let letter = c2.is_some_and(char::is_alphabetic);
    let digit = c2.is_some_and(|c| c.is_ascii_digit());
    let glued_before = match c1 {
        Some('-' | '_') => letter,
        Some('.') => letter || digit,
        Some(':' | '/') => digit,
        Some('#') => true,
        _ => false,
    };
    let mut after = text[end..].chars();
    let (a1, a2) = (after.next(), after.next());
    let glued_after = matches!(a1, Some(':' | '/' | '.')) && a2.is_some_and(|c| c.is_ascii_digit());
    glued_before || glued_after
}

/// Whether the unit word `second` at `unit` is the ordinal (`a second region`): followed by a
/// word that is not a stop word or `and`.
fn ordinal(lex: &Lexicon, text: &str, unit: regex::Match<'_>) -> bool {
    if !unit.as_str().eq_ignore_ascii_case("second") {
        return false;
    }
    static NEXT: LazyLock<Regex> = LazyLock::new(|| re(r"^[ \t]+([A-Za-z][A-Za-z'’-]*)"));
    NEXT.captures(&text[unit.end()..])
        .is_some_and(|c| !lex.stop.is(&c[1]) && !c[1].eq_ignore_ascii_case("and"))
}

fn scan(lex: &Lexicon, text: &str) -> Vec<Quantity> {
    lex.quantity
        .captures_iter(text)
        .filter_map(|c| quantity(lex, text, &c))
        .collect()
}

fn quantity(lex: &Lexicon, text: &str, c: &Captures<'_>) -> Option<Quantity> {
    let m = c.get(0)?;
    let (start, end) = (m.start(), m.end());
    let make = |value: f64, kind: Kind, digits: bool, decimal: bool| Quantity {
        start,
        end,
        value,
        kind,
        digits,
        decimal,
        year: false,
        m_suffix: false,
    };
    let duration = |n: f64, seconds: f64| Kind::Duration {
        seconds: n * seconds,
        unit_seconds: seconds,
    };
    if let Some(mark) = c.name("cur_pre") {
        let num = c.name("cur_num")?;
        let mult = c
            .name("cur_mult")
            .map_or(1.0, |x| lex.multiplier(x.as_str()));
        let code = lex.currency(mark.as_str())?.to_string();
        let decimal = num.as_str().contains('.');
        return Some(make(
            digits_value(num.as_str())? * mult,
            Kind::Money { code },
            true,
            decimal,
        ));
    }
    if let Some(f) = c.name("frac") {
        let unit = lex.time(c.name("frac_unit")?.as_str())?;
        let v = lex.fraction(f.as_str())?;
        return Some(make(v, duration(v, unit.seconds), false, false));
    }
    if c.name("art").is_some() {
        let unit_m = c.name("art_unit")?;
        if !lex.duration_prepositions.ends(&text[..start]) || ordinal(lex, text, unit_m) {
            return None;
        }
        let unit = lex.time(unit_m.as_str())?;
        let v = if c.name("art_half").is_some() {
            1.5
        } else {
            1.0
        };
        return Some(make(v, duration(v, unit.seconds), false, false));
    }
    let num = c.name("num")?;
    let digits = num.as_str().starts_with(|ch: char| ch.is_ascii_digit());
    let mut v = if digits {
        if part_of_token(text, num.start(), num.end()) {
            return None;
        }
        digits_value(num.as_str())?
    } else {
        lex.word_number(num.as_str())?
    };
    let mult = c.name("mult");
    if let Some(x) = mult {
        v *= lex.multiplier(x.as_str());
    }
    // "ninety-nine and a half per cent" is 99.5, written with a decimal.
    let pct_half = c.name("pct_half").is_some();
    if pct_half {
        v += 0.5;
    }
    let decimal = (digits && num.as_str().contains('.')) || pct_half;
    let kind = if let Some(u) = c.name("unit") {
        let unit = lex.time(u.as_str())?;
        if !digits && v == 1.0 && ordinal(lex, text, u) {
            return None;
        }
        let half = c.name("half1").or_else(|| c.name("half2")).is_some();
        duration(v + if half { 0.5 } else { 0.0 }, unit.seconds)
    } else if c.name("pct").is_some() {
        Kind::Percent
    } else if let Some(d) = c.name("data") {
        Kind::Data {
            unit: lex.data_unit(d.as_str())?.to_string(),
        }
    } else if let Some(mark) = c.name("cur_post") {
        Kind::Money {
            code: lex.currency(mark.as_str())?.to_string(),
        }
    } else if let Some(a) = c.name("abbr") {
        let (unit, per) = lex.rate_abbreviation(a.as_str())?;
        Kind::Rate {
            per_second: v / per,
            unit: unit.to_string(),
        }
    } else if c.name("nines").is_some() {
        Kind::Nines
    } else {
        if text[end..].starts_with(|ch: char| ch.is_alphanumeric()) {
            return None;
        }
        Kind::Count
    };
    let year = digits
        && mult.is_none()
        && matches!(kind, Kind::Count)
        && num.as_str().len() == 4
        && (1900.0..=2100.0).contains(&v);
    Some(Quantity {
        year,
        m_suffix: mult.is_some_and(|x| x.as_str() == "m"),
        ..make(v, kind, digits, decimal)
    })
}

// ------------------------------------------------------------------------------------ rules

static PAIR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(RPO|RTO)s?\s*(?:/|and|&|,)\s*(RPO|RTO)s?\b"));
static ZERO_LOSS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:zero|no|without(?:\s+any)?)\s+data[\s-]+loss\b"));
static LIVE_WITH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:live|cope|manage|do|survive)\s+with\s+(?:(?:up\s+to|at\s+most)\s+)?$")
});
static WITHOUT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s+(?:without|of\s+(?:downtime|outage))\b"));
/// `… of ticket sales may be lost`: what a duration of is then said to be lost.
static OF_THEN_LOST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s+of\s+(?:[\w'’-]+\s+){1,5}?(?:(?:may|might|can|could|shall|should|will|would|must|is|are|gets?|be)\s+){1,2}(?:not\s+)?(?:be\s+)?lost\b",
    )
});
/// `lose no more than` / `lose at most` right before a duration.
static LOSE_BOUND_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:lose|losing|loses)\s+(?:(?:no\s+more\s+than|not\s+more\s+than|at\s+most|up\s+to|less\s+than|under|only)\s+)?$",
    )
});
static DOWNTIME_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s+of\s+(?:downtime|outage|unavailability)\b"));
static PERCENTILE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\bp(?P<a>[0-9]{1,2}(?:\.[0-9]+)?)|\b(?P<b>[0-9]{1,2}(?:\.[0-9]+)?)(?:th|st|nd|rd)?[\s-]+percentile)\b[^0-9;|]{0,40}$",
    )
});
static PERCENTILE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:at|@|for)\s+(?:the\s+)?(?:p(?P<a>[0-9]{1,2}(?:\.[0-9]+)?)\b|(?P<b>[0-9]{1,2}(?:\.[0-9]+)?)(?:th|st|nd|rd)?[\s-]+percentile)",
    )
});
static SLOWEST: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\bslowest\b[^0-9;|]{0,40}?\bin\s+(?:a|one|every)\s+(?P<n>hundred|thousand)\b")
});
static OF_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s+of\s+(?:(?:the\s+)?time\b|(?:each|every|the|a|any)?\s*(?:calendar\s+)?(?:month|year|quarter|week|day)\b)",
    )
});
static OF_AFTER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s+of\b"));
static UP_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bup\s*$"));
static COMPARATIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:above|over|greater\s+than|more\s+than|higher\s+than|exceeding|exceeds)\s*$")
});
static CONDITION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:with|if|when|where|whenever)\b"));
static PER_WORD_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:/\s*|(?:per|an?|each|every)\s+)(?P<w>[A-Za-z][A-Za-z-]*)"));
static EACH_AFTER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:each|apiece)\b"));
static COORDINATED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<w>(?:[ \t]+[A-Za-z][A-Za-z'’-]*){1,3})\s*(?:,\s*and|,|and)\s*$"));
static PER_ITEM_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[\s*_(-]*(?:each|every|per)\b"));
static ELIDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[^0-9;|]{0,60}?(?:,|\band\b|\bto\b|\bthen\b)\s*(?:(?:about|around|roughly|approximately|nearly|almost|over|some|up\s+to)\s+)?$",
    )
});
static WORD: LazyLock<Regex> = LazyLock::new(|| re(r"^[ \t\u{a0}]+([A-Za-z][A-Za-z'’-]*)"));

/// How far around a quantity its clause is read: the checks on a quantity cost the same however
/// long the sentence, so the work stays linear in the text.
const WINDOW: usize = 300;

/// What a piece as a whole says, read once.
struct Context {
    budget: bool,
    once: bool,
    failure: bool,
    not_storage: bool,
    period: Option<String>,
}

/// One sentence (or piece of one) and the quantities in it.
struct Piece<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    label: Option<&'a str>,
    qs: Vec<Quantity>,
    used: Vec<bool>,
    found: Vec<(usize, Figure)>,
    context: Option<Context>,
}

impl<'a> Piece<'a> {
    fn new(lex: &'a Lexicon, text: &'a str, label: Option<&'a str>) -> Piece<'a> {
        let qs = scan(lex, text);
        let used = vec![false; qs.len()];
        let mut piece = Piece {
            lex,
            text,
            label,
            qs,
            used,
            found: Vec::new(),
            context: None,
        };
        if !piece.qs.is_empty() {
            piece.context = Some(Context {
                budget: lex.budget.in_text(text),
                once: lex.once.in_text(text),
                failure: lex.failure.in_text(text),
                not_storage: lex.not_storage.in_text(text),
                period: piece.period_in(text),
            });
        }
        piece
    }

    /// What the piece as a whole says (only asked when it has quantities).
    fn context(&self) -> &Context {
        static NONE: Context = Context {
            budget: false,
            once: false,
            failure: false,
            not_storage: false,
            period: None,
        };
        self.context.as_ref().unwrap_or(&NONE)
    }

    fn run(mut self) -> Vec<(usize, Figure)> {
        self.recovery_objectives();
        self.latencies();
        self.retentions();
        self.availabilities();
        self.budgets();
        self.rates_and_volumes();
        self.capacities();
        self.found
    }

    fn push(&mut self, i: usize, figure: Figure) {
        self.used[i] = true;
        self.found.push((self.qs[i].start, figure));
    }

    /// The indices of the unused quantities that `keep` accepts.
    fn free(&self, keep: impl Fn(&Quantity) -> bool) -> Vec<usize> {
        (0..self.qs.len())
            .filter(|&i| !self.used[i] && keep(&self.qs[i]))
            .collect()
    }

    /// The clause around `start..end`: cut at `;`, `|` and, with `commas`, at `,`, and read at
    /// most [`WINDOW`] bytes either side.
    fn clause(&self, start: usize, end: usize, commas: bool) -> (usize, usize) {
        let cut = |b: u8| b == b';' || b == b'|' || (commas && b == b',');
        let bytes = self.text.as_bytes();
        let mut low = start.saturating_sub(WINDOW);
        while !self.text.is_char_boundary(low) {
            low += 1;
        }
        let mut high = (end + WINDOW).min(bytes.len());
        while !self.text.is_char_boundary(high) {
            high -= 1;
        }
        let from = bytes[low..start]
            .iter()
            .rposition(|&b| cut(b))
            .map_or(low, |i| low + i + 1);
        let to = bytes[end..high.max(end)]
            .iter()
            .position(|&b| cut(b))
            .map_or(high.max(end), |i| end + i);
        (from, to)
    }

    /// The clause's text before `at`, and where it starts.
    fn before(&self, at: usize, commas: bool) -> (usize, &'a str) {
        let (from, _) = self.clause(at, at, commas);
        (from, &self.text[from..at])
    }

    /// The clause's text after `at`.
    fn after(&self, at: usize, commas: bool) -> &'a str {
        let (_, to) = self.clause(at, at, commas);
        &self.text[at..to.max(at)]
    }

    /// The word right before `at` (whitespace between), if any.
    fn prev_word(&self, at: usize) -> Option<&'a str> {
        let t = self.text[..at].trim_end_matches([' ', '\t', '\u{a0}']);
        let start = t
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'')
            .last()
            .map(|(i, _)| i)?;
        Some(&t[start..])
    }

    /// Up to `max` words right after `at`, separated only by spaces, as byte ranges.
    fn words_after(&self, at: usize, max: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = at;
        while out.len() < max {
            let Some(c) = WORD.captures(&self.text[i..]) else {
                break;
            };
            let g = c.get(1).expect("a word");
            let (s, e) = (i + g.start(), i + g.end());
            if self.text[e..].starts_with(|ch: char| ch.is_ascii_digit()) {
                break;
            }
            out.push((s, e));
            i = e;
        }
        out
    }

    fn minutes(&self, i: usize) -> Option<f64> {
        match self.qs[i].kind {
            Kind::Duration { seconds, .. } => Some(seconds / 60.0),
            Kind::Count if self.qs[i].value == 0.0 => Some(0.0),
            // `RPO = 5m`: minutes, not millions.
            Kind::Count if self.qs[i].m_suffix => Some(self.qs[i].value / 1e6),
            _ => None,
        }
    }

    // ---------------------------------------------------------------- RPO and RTO

    fn recovery_objectives(&mut self) {
        let text = self.text;
        for c in PAIR.captures_iter(text) {
            let m = c.get(0).expect("a match");
            let (_, to) = self.clause(m.end(), m.end(), false);
            let targets: Vec<usize> = self
                .free(|q| q.start >= m.end() && q.end <= to.min(m.end() + 80))
                .into_iter()
                .filter(|&i| self.minutes(i).is_some())
                .take(2)
                .collect();
            for (i, name) in targets.into_iter().zip([&c[1], &c[2]]) {
                let Some(minutes) = self.minutes(i) else {
                    continue;
                };
                let f = if name.eq_ignore_ascii_case("RPO") {
                    Figure::Rpo { minutes }
                } else {
                    Figure::Rto { minutes }
                };
                self.push(i, f);
            }
        }
        let mut names: Vec<(usize, usize, bool)> = self
            .lex
            .rpo_names
            .find_iter(text)
            .map(|m| (m.start(), m.end(), false))
            .chain(
                self.lex
                    .rto_names
                    .find_iter(text)
                    .map(|m| (m.start(), m.end(), true)),
            )
            .collect();
        names.sort();
        for (_, end, rto) in names {
            let i = self.qs.partition_point(|q| q.start < end);
            if i == self.qs.len() {
                continue;
            }
            let gap = &text[end..self.qs[i].start];
            // "RTO (whole service, after losing the main server room): 8 h": a parenthesis between
            // the name and its figure says what it is for.
            let gap = match (gap.find('('), gap.rfind(')')) {
                (Some(open), Some(close)) if open < close && gap[..open].trim().is_empty() => {
                    &gap[close + 1..]
                }
                _ => gap,
            };
            if self.used[i]
                || gap.len() > 40
                || gap.contains(|c: char| c.is_ascii_digit() || c == ';' || c == '|')
                || self.lex.not_latency_before.ends(gap)
            {
                continue;
            }
            if let Some(minutes) = self.minutes(i) {
                self.push(
                    i,
                    if rto {
                        Figure::Rto { minutes }
                    } else {
                        Figure::Rpo { minutes }
                    },
                );
            }
        }
        for m in ZERO_LOSS.find_iter(text) {
            let (from, to) = self.clause(m.start(), m.end(), false);
            let has_rpo = self.found.iter().any(|(at, f)| {
                matches!(f, Figure::Rpo { .. }) && (from..to.max(from + 1)).contains(at)
            });
            let zero = Some(self.qs.partition_point(|q| q.start < m.start()))
                .filter(|&i| self.qs.get(i).is_some_and(|q| q.start == m.start()));
            if let Some(i) = zero {
                if self.used[i] {
                    continue;
                }
                self.used[i] = true;
            }
            if !has_rpo {
                self.found.push((m.start(), Figure::Rpo { minutes: 0.0 }));
            }
        }
        for i in self.free(|q| matches!(q.kind, Kind::Duration { .. })) {
            let q = &self.qs[i];
            let Kind::Duration { seconds, .. } = q.kind else {
                continue;
            };
            let after = &text[q.end..];
            let (_, before) = self.before(q.start, false);
            let rpo = self.lex.lost_after.captures(after).is_some_and(|c| {
                c["t"].to_lowercase().starts_with("data loss") || self.lex.loss.in_text(before)
            }) || OF_THEN_LOST.is_match(after)
                || (LOSE_BOUND_BEFORE.is_match(before) && after.trim_start().starts_with("of "))
                || (self
                    .prev_word(q.start)
                    .is_some_and(|w| w.eq_ignore_ascii_case("last"))
                    && self.lex.loss.in_text(self.after_and_before(q.start, q.end)));
            if rpo {
                self.push(
                    i,
                    Figure::Rpo {
                        minutes: seconds / 60.0,
                    },
                );
                continue;
            }
            let minute_or_more = seconds >= 60.0;
            let rto = self.lex.recovery_before.is_match(before)
                || (minute_or_more
                    && ((self.lex.back_before.is_match(before) && self.context().failure)
                        || (LIVE_WITH.is_match(before) && WITHOUT_AFTER.is_match(after))
                        || DOWNTIME_AFTER.find(after).is_some_and(|m| {
                            // `43 minutes of downtime per month` is an availability budget.
                            !self.lex.period_after.is_match(&after[m.end()..])
                        })));
            if rto {
                self.push(
                    i,
                    Figure::Rto {
                        minutes: seconds / 60.0,
                    },
                );
            }
        }
    }

    // ---------------------------------------------------------------- latency

    /// The quantity that is the percentage starting at `at`.
    fn percent_at(&self, at: usize) -> Option<usize> {
        let i = self.qs.partition_point(|q| q.start < at);
        self.qs
            .get(i)
            .filter(|q| q.start == at && matches!(q.kind, Kind::Percent))
            .map(|_| i)
    }

    /// `p50/p95/p99: 50 ms / 200 ms / 500 ms`: a list of percentiles, then as many durations.
    fn percentile_lists(&mut self) {
        static LIST: LazyLock<Regex> = LazyLock::new(|| {
            re(r"(?i)\bp[0-9]{2}(?:\.[0-9]+)?(?:\s*/\s*p[0-9]{2}(?:\.[0-9]+)?)+\b")
        });
        static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:/|,|and|;)?\s*$"));
        let text = self.text;
        for m in LIST.find_iter(text) {
            let percentiles: Vec<f64> = m
                .as_str()
                .split('/')
                .filter_map(|p| p.trim()[1..].parse::<f64>().ok())
                .collect();
            let mut at = m.end();
            let mut picked = Vec::new();
            for i in 0..self.qs.len() {
                if picked.len() == percentiles.len() {
                    break;
                }
                let q = &self.qs[i];
                if q.start < at {
                    continue;
                }
                let gap = &text[at..q.start];
                let ok_gap = if picked.is_empty() {
                    gap.len() <= 40
                        && !gap.contains(|c: char| c.is_ascii_digit() || c == ';' || c == '|')
                } else {
                    SEPARATOR.is_match(gap)
                };
                if !ok_gap || self.used[i] || !matches!(q.kind, Kind::Duration { .. }) {
                    break;
                }
                picked.push(i);
                at = q.end;
            }
            if picked.len() != percentiles.len() {
                continue;
            }
            for (i, p) in picked.into_iter().zip(percentiles) {
                if let Kind::Duration { seconds, .. } = self.qs[i].kind {
                    self.push(
                        i,
                        Figure::Latency {
                            percentile: Some(p),
                            millis: seconds * 1000.0,
                        },
                    );
                }
            }
        }
    }

    fn latencies(&mut self) {
        self.percentile_lists();
        let lex = self.lex;
        static CACHE: LazyLock<(Regex, Regex, Regex)> = LazyLock::new(|| {
            let p = &LEXICON.percent_pattern;
            (
                re(&format!(
                    r"(?i)^\s*(?:for|in|across|on)\s+(?P<n>[0-9]+(?:\.[0-9]+)?)\s*(?:{p})\s+of\b"
                )),
                re(&format!(
                    r"(?i)\b(?P<n>[0-9]+(?:\.[0-9]+)?)\s*(?:{p})(?P<of>\s+of\b[^0-9;|]{{0,80}})$"
                )),
                re(&format!(
                    r"(?i)\b(?P<n>[0-9]+(?:\.[0-9]+)?)\s*(?:{p})\s*(?:{})\s*$",
                    LEXICON.latency_bounds.pattern
                )),
            )
        });
        let (share_after, share_before, share_bound) = (&CACHE.0, &CACHE.1, &CACHE.2);
        let durations = self.free(|q| {
            matches!(q.kind, Kind::Duration { seconds, .. } if seconds > 0.0 && seconds < 3600.0)
        });
        for i in durations {
            let q = self.qs[i].clone();
            let Kind::Duration {
                seconds,
                unit_seconds,
            } = q.kind
            else {
                continue;
            };
            let (from, pre) = self.before(q.start, false);
            let post = self.after(q.end, false);
            if lex.not_latency_before.ends(pre) {
                continue;
            }
            let value = |c: &Captures<'_>| {
                c.name("a")
                    .or_else(|| c.name("b"))
                    .or_else(|| c.name("n"))
                    .and_then(|m| m.as_str().parse::<f64>().ok())
                    .filter(|p| (50.0..100.0).contains(p))
            };
            let mut percentile = None;
            let mut share = None;
            if let Some(c) = PERCENTILE_BEFORE.captures(pre) {
                percentile = value(&c);
            } else if let Some(c) = PERCENTILE_AFTER.captures(post) {
                percentile = value(&c);
            } else if let Some(c) = share_after.captures(post) {
                percentile = value(&c);
                share = c.name("n").and_then(|n| self.percent_at(q.end + n.start()));
            } else if let Some(c) = share_before.captures(pre)
                && !OF_TIME.is_match(&c["of"])
            {
                percentile = value(&c);
                share = c.name("n").and_then(|n| self.percent_at(from + n.start()));
            } else if let Some(c) = share_bound.captures(pre) {
                percentile = value(&c);
                share = c.name("n").and_then(|n| self.percent_at(from + n.start()));
            } else if let Some(c) = SLOWEST.captures(pre) {
                percentile = Some(if c["n"].eq_ignore_ascii_case("hundred") {
                    99.0
                } else {
                    99.9
                });
            }
            let short = unit_seconds <= 1.0;
            let bound = lex.latency_bounds.ends(pre);
            let is_latency = percentile.is_some()
                || (bound && (short || lex.latency.in_text(pre)))
                || (short && lex.latency_near.is_match(pre));
            if !is_latency {
                continue;
            }
            if percentile.is_none() && lex.median.in_text(pre) {
                percentile = Some(50.0);
            }
            if let Some(s) = share {
                self.used[s] = true;
            }
            self.push(
                i,
                Figure::Latency {
                    percentile,
                    millis: seconds * 1000.0,
                },
            );
        }
    }

    // ---------------------------------------------------------------- retention

    fn retentions(&mut self) {
        if !self.lex.retention.in_text(self.text) {
            return;
        }
        let long = self.free(|q| {
            matches!(q.kind, Kind::Duration { seconds, unit_seconds } if unit_seconds >= 86_400.0 && seconds > 0.0)
        });
        for i in long {
            let Kind::Duration { seconds, .. } = self.qs[i].kind else {
                continue;
            };
            if self
                .prev_word(self.qs[i].start)
                .is_some_and(|w| self.lex.not_retention_before.is(w))
            {
                continue;
            }
            self.push(
                i,
                Figure::Retention {
                    days: seconds / 86_400.0,
                },
            );
        }
    }

    // ---------------------------------------------------------------- availability

    fn availabilities(&mut self) {
        for i in self.free(|q| matches!(q.kind, Kind::Nines)) {
            let n = self.qs[i].value;
            if n.fract() == 0.0 && (2.0..=9.0).contains(&n) {
                let percent = ((100.0 - 10f64.powf(2.0 - n)) * 1e9).round() / 1e9;
                self.push(i, Figure::Availability { percent });
            }
        }
        let percents =
            self.free(|q| matches!(q.kind, Kind::Percent) && (90.0..100.0).contains(&q.value));
        for i in percents {
            let q = &self.qs[i];
            let after = &self.text[q.end..];
            let (_, before) = self.before(q.start, false);
            let of_time = OF_TIME.is_match(after);
            let strong = q.value >= 99.0 && q.decimal && !OF_AFTER.is_match(after);
            let worded = self
                .lex
                .availability
                .in_text(self.after_and_before(q.start, q.end))
                || UP_BEFORE.is_match(before);
            if !(of_time || strong || worded) {
                continue;
            }
            if COMPARATIVE_BEFORE.is_match(before) && CONDITION.is_match(before) {
                continue;
            }
            let percent = q.value;
            self.push(i, Figure::Availability { percent });
        }
    }

    /// The whole clause (cut at `;` and `|`) around `start..end`.
    fn after_and_before(&self, start: usize, end: usize) -> &'a str {
        let (from, to) = self.clause(start, end, false);
        &self.text[from..to]
    }

    // ---------------------------------------------------------------- budget

    /// Whether `word` names a period (`month`, `yr`, `annum`) or is a period adverb.
    fn is_period_word(&self, word: &str) -> bool {
        self.lex.time(word).is_some_and(|t| t.period.is_some())
            || self.lex.adverb_period(word).is_some()
    }

    /// The period named right after `at` (`/mo`, ` per year`, ` annually`).
    fn period_right_after(&self, at: usize) -> Option<String> {
        let after = &self.text[at..];
        if let Some(c) = self.lex.period_after.captures(after) {
            return self.lex.time(&c["p"]).and_then(|t| t.period.clone());
        }
        let c = self.lex.adverb_after.captures(after)?;
        self.lex.adverb_period(&c["p"]).map(str::to_string)
    }

    /// The first period named anywhere in `text`.
    fn period_in(&self, text: &str) -> Option<String> {
        let c = self.lex.period_anywhere.captures(text)?;
        if let Some(p) = c.name("p") {
            return self.lex.time(p.as_str()).and_then(|t| t.period.clone());
        }
        self.lex
            .adverb_period(c.name("a")?.as_str())
            .map(str::to_string)
    }

    fn budgets(&mut self) {
        let lex = self.lex;
        for i in self.free(|q| matches!(q.kind, Kind::Money { .. })) {
            let q = &self.qs[i];
            let Kind::Money { code } = &q.kind else {
                continue;
            };
            let after = &self.text[q.end..];
            let price = PER_WORD_AFTER
                .captures(after)
                .is_some_and(|c| !self.is_period_word(&c["w"]));
            if price || EACH_AFTER.is_match(after) {
                continue;
            }
            let (from, to) = self.clause(q.start, q.end, true);
            let clause = &self.text[from..to];
            if lex.not_budget.in_text(clause) {
                continue;
            }
            let direct = self.period_right_after(q.end);
            let context = direct.is_some()
                || self.context().budget
                || lex.once.in_text(clause)
                || lex.budget_bounds.ends(&self.text[..q.start]);
            if !context {
                continue;
            }
            let period = direct
                .or_else(|| lex.once.in_text(clause).then(|| "once".to_string()))
                .or_else(|| self.period_in(clause))
                .or_else(|| self.context().once.then(|| "once".to_string()))
                .or_else(|| self.context().period.clone());
            let month = lex.period_seconds("month").unwrap_or(2_628_000.0);
            let (per, factor) = match period.as_deref() {
                Some("month") => (BudgetPeriod::Month, 1.0),
                Some("year") => (BudgetPeriod::Year, 1.0),
                None | Some("once") => (BudgetPeriod::Once, 1.0),
                Some(p) => match lex.period_seconds(p) {
                    Some(s) => (BudgetPeriod::Month, month / s),
                    None => (BudgetPeriod::Once, 1.0),
                },
            };
            let figure = Figure::Budget {
                amount: q.value * factor,
                currency: code.clone(),
                per,
            };
            self.push(i, figure);
        }
    }

    // ---------------------------------------------------------------- throughput and volumes

    /// A rate or volume of `value` `noun`s per `period`, by the rules of the module documentation.
    fn rate(&self, value: f64, noun: &str, period: &str) -> Option<Figure> {
        let counted = self.lex.counted(noun);
        let seconds = self.lex.period_seconds(period)?;
        if seconds < 86_400.0 || self.lex.is_operation(&counted) {
            Some(Figure::Throughput {
                per_second: value / seconds,
                unit: counted,
            })
        } else if self.lex.is_volume(&counted) {
            Some(Figure::Capacity {
                value,
                unit: format!("{counted}/{period}"),
            })
        } else {
            None
        }
    }

    /// The noun ending at word `k` of `words`, with the word before when the two name an
    /// operation together (`page views`).
    fn noun(&self, words: &[(usize, usize)], k: usize) -> String {
        let w = &self.text[words[k].0..words[k].1];
        if k > 0 {
            let two = &self.text[words[k - 1].0..words[k].1];
            if self.lex.is_operation(&self.lex.counted(two)) {
                return two.to_string();
            }
        }
        w.to_string()
    }

    fn rates_and_volumes(&mut self) {
        let lex = self.lex;
        for i in self.free(|q| matches!(q.kind, Kind::Rate { .. })) {
            if let Kind::Rate { per_second, unit } = self.qs[i].kind.clone() {
                self.push(i, Figure::Throughput { per_second, unit });
            }
        }
        for i in self.free(|q| matches!(q.kind, Kind::Data { .. })) {
            let q = &self.qs[i];
            let Kind::Data { unit } = q.kind.clone() else {
                continue;
            };
            let Some(c) = lex.data_period_after.captures(&self.text[q.end..]) else {
                continue;
            };
            let Some(period) = lex.time(&c["p"]).and_then(|t| t.period.clone()) else {
                continue;
            };
            let Some(seconds) = lex.period_seconds(&period) else {
                continue;
            };
            let figure = if seconds < 86_400.0 {
                Figure::Throughput {
                    per_second: q.value / seconds,
                    unit,
                }
            } else {
                Figure::Capacity {
                    value: q.value,
                    unit: format!("{unit}/{period}"),
                }
            };
            self.push(i, figure);
        }
        for i in self.free(|q| matches!(q.kind, Kind::Count) && !q.year) {
            if self.used[i] {
                continue;
            }
            let words = self.words_after(self.qs[i].end, 4);
            for k in 0..words.len() {
                let w = &self.text[words[k].0..words[k].1];
                if lex.stop.is(w) || lex.is_unit_word(w) {
                    break;
                }
                let Some(c) = lex.period_after.captures(&self.text[words[k].1..]) else {
                    continue;
                };
                let Some(period) = lex.time(&c["p"]).and_then(|t| t.period.clone()) else {
                    break;
                };
                let noun = self.noun(&words, k);
                if let Some(f) = self.rate(self.qs[i].value, &noun, &period) {
                    let kind = std::mem::discriminant(&f);
                    self.push(i, f);
                    self.coordinated(i, &period, kind);
                }
                break;
            }
        }
    }

    /// Counts listed before the rate at quantity `i` that share its period (`9 million payments
    /// and 14 million card authorisations per month`).
    fn coordinated(&mut self, mut i: usize, period: &str, kind: std::mem::Discriminant<Figure>) {
        while i > 0 {
            let j = i - 1;
            let q = &self.qs[j];
            if self.used[j] || !matches!(q.kind, Kind::Count) || q.year {
                return;
            }
            let between = &self.text[q.end..self.qs[i].start];
            let Some(c) = COORDINATED.captures(between) else {
                return;
            };
            let Some(noun) = c["w"].split_whitespace().last() else {
                return;
            };
            let counted = self.lex.counted(noun);
            if !(self.lex.is_operation(&counted) || self.lex.is_volume(&counted)) {
                return;
            }
            match self.rate(q.value, noun, period) {
                Some(f) if std::mem::discriminant(&f) == kind => self.push(j, f),
                _ => return,
            }
            i = j;
        }
    }

    // ---------------------------------------------------------------- capacity

    /// The counted noun in the words after a count: its last word's index, the unit and whether
    /// it counts people.
    fn capacity_noun(&self, words: &[(usize, usize)]) -> Option<(usize, String, bool)> {
        let lex = self.lex;
        let lower: Vec<String> = words
            .iter()
            .map(|&(s, e)| self.text[s..e].to_lowercase())
            .collect();
        let noun_at = |k: usize| {
            lex.nouns
                .iter()
                .filter(|n| {
                    n.words.len() <= k + 1 && lower[k + 1 - n.words.len()..=k] == n.words[..]
                })
                .max_by_key(|n| n.words.len())
        };
        for k in 0..lower.len() {
            if lex.stop.is(&lower[k]) || lex.is_unit_word(&lower[k]) {
                return None;
            }
            let Some(mut noun) = noun_at(k) else {
                continue;
            };
            let mut end = k;
            while end + 1 < lower.len()
                && let Some(next) = noun_at(end + 1)
            {
                noun = next;
                end += 1;
            }
            let first = end + 1 - noun.words.len();
            let concurrent = lower[..first].iter().any(|w| lex.concurrency.is(w));
            if noun.concurrent_only && !concurrent {
                return None;
            }
            let unit = noun.unit.clone().unwrap_or_else(|| lower[end].clone());
            let unit = if concurrent && (noun.people || noun.concurrent_only) {
                format!("concurrent {unit}")
            } else {
                unit
            };
            return Some((end, unit, noun.people));
        }
        None
    }

    /// Whether the count `i` is a version or a model number: digits without separators right
    /// after a capitalised name that does not open its clause (`Android 13`, `Java 21`).
    fn version_like(&self, i: usize) -> bool {
        let q = &self.qs[i];
        let (from, _) = self.clause(q.start, q.end, true);
        let Some(prev) = self.prev_word(q.start) else {
            return false;
        };
        let prev_start = prev.as_ptr() as usize - self.text.as_ptr() as usize;
        let opens_clause = !self.text[from..prev_start].contains(char::is_alphanumeric);
        q.digits
            && !self.text[q.start..q.end].contains([',', ' ', '\u{a0}', '\u{202f}'])
            && prev.starts_with(char::is_uppercase)
            && !self.lex.stop.is(prev)
            && !opens_clause
    }

    fn capacities(&mut self) {
        let lex = self.lex;
        for i in self.free(|q| matches!(q.kind, Kind::Data { .. })) {
            let q = &self.qs[i];
            let Kind::Data { unit } = q.kind.clone() else {
                continue;
            };
            let after = &self.text[q.end..];
            let (from, _) = self.clause(q.start, q.end, true);
            let per_item = EACH_AFTER.is_match(after)
                || PER_WORD_AFTER.is_match(after)
                || PER_ITEM_START.is_match(&self.text[from..q.start]);
            if per_item || self.context().not_storage {
                continue;
            }
            let value = q.value;
            self.push(i, Figure::Capacity { value, unit });
        }
        let mut totals: Vec<(usize, String)> = Vec::new();
        let counts = self.free(|q| {
            matches!(q.kind, Kind::Count)
                && !q.year
                && q.value > 0.0
                && (q.digits || q.value >= 100.0)
        });
        for i in counts {
            let q = &self.qs[i];
            let words = self.words_after(q.end, 5);
            let Some((k, unit, people)) = self.capacity_noun(&words) else {
                continue;
            };
            let after = &self.text[words[k].1..];
            let ratio = PER_WORD_AFTER
                .captures(after)
                .is_some_and(|c| !self.is_period_word(&c["w"]));
            let (from, to) = self.clause(q.start, q.end, true);
            if ratio
                || EACH_AFTER.is_match(after)
                || PER_ITEM_START.is_match(&self.text[from..q.start])
                || (people && lex.team.in_text(&self.text[from..to]))
                || self.version_like(i)
            {
                continue;
            }
            // A population per day or longer is a volume (`2.1 million passengers a year`).
            let unit = match lex
                .period_after
                .captures(after)
                .and_then(|c| lex.time(&c["p"]).and_then(|t| t.period.clone()))
            {
                Some(p) if lex.period_seconds(&p).is_some_and(|s| s >= 86_400.0) => {
                    format!("{unit}/{p}")
                }
                _ => unit,
            };
            let value = q.value;
            self.push(
                i,
                Figure::Capacity {
                    value,
                    unit: unit.clone(),
                },
            );
            totals.push((i, unit));
        }
        if let Some(label) = self.label {
            let bare = self
                .free(|q| matches!(q.kind, Kind::Count) && q.digits && !q.year && q.value >= 10.0);
            for i in bare {
                let words = self.words_after(self.qs[i].end, 5);
                if self.capacity_noun(&words).is_some() || self.version_like(i) {
                    continue;
                }
                let value = self.qs[i].value;
                self.push(
                    i,
                    Figure::Capacity {
                        value,
                        unit: label.to_string(),
                    },
                );
                totals.push((i, label.to_string()));
            }
        }
        totals.sort();
        for (mut last, unit) in totals {
            // Numbers in words between (`in year one and 1,500 …`) are passed over.
            let next = |last: usize, used: &[bool], qs: &[Quantity]| {
                (last + 1..qs.len())
                    .find(|&j| !used[j] && (!matches!(qs[j].kind, Kind::Count) || qs[j].digits))
            };
            while let Some(j) = next(last, &self.used, &self.qs) {
                let q = &self.qs[j];
                if !matches!(q.kind, Kind::Count) || !q.digits || q.year || q.value <= 0.0 {
                    break;
                }
                let between = &self.text[self.qs[last].end..q.start];
                if !ELIDED.is_match(between) {
                    break;
                }
                let words = self.words_after(q.end, 1);
                let bare = words
                    .first()
                    .is_none_or(|&(s, e)| lex.stop.is(&self.text[s..e]));
                if !bare {
                    break;
                }
                let value = q.value;
                self.push(
                    j,
                    Figure::Capacity {
                        value,
                        unit: unit.clone(),
                    },
                );
                last = j;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BudgetPeriod::*;
    use Figure::*;
    use proptest::prelude::*;

    fn lat(p: Option<f64>, ms: f64) -> Figure {
        Latency {
            percentile: p,
            millis: ms,
        }
    }

    fn tput(per_second: f64, unit: &str) -> Figure {
        Throughput {
            per_second,
            unit: unit.into(),
        }
    }

    fn cap(value: f64, unit: &str) -> Figure {
        Capacity {
            value,
            unit: unit.into(),
        }
    }

    fn budget(amount: f64, currency: &str, per: BudgetPeriod) -> Figure {
        Budget {
            amount,
            currency: currency.into(),
            per,
        }
    }

    /// `figures(text)` is `want`, with numbers compared to a millionth.
    #[track_caller]
    fn check(text: &str, want: &[Figure]) {
        let got = figures(text);
        let same = got.len() == want.len()
            && got.iter().zip(want).all(|(g, w)| {
                let (g, w) = (format!("{g:?}"), format!("{w:?}"));
                g == w || {
                    // Compare the numbers approximately and the rest exactly.
                    let nums = |s: &str| -> (String, Vec<f64>) {
                        let mut shape = String::new();
                        let mut nums = Vec::new();
                        let mut cur = String::new();
                        for c in s.chars() {
                            if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) {
                                cur.push(c);
                            } else {
                                if !cur.is_empty() {
                                    nums.push(cur.parse().unwrap_or(f64::NAN));
                                    cur.clear();
                                    shape.push('#');
                                }
                                shape.push(c);
                            }
                        }
                        if !cur.is_empty() {
                            nums.push(cur.parse().unwrap_or(f64::NAN));
                        }
                        (shape, nums)
                    };
                    let ((gs, gn), (ws, wn)) = (nums(&g), nums(&w));
                    gs == ws
                        && gn
                            .iter()
                            .zip(&wn)
                            .all(|(a, b)| (a - b).abs() <= 1e-6 * b.abs().max(1.0))
                }
            });
        assert!(same, "figures({text:?})\n   got {got:?}\n  want {want:?}");
    }

    #[track_caller]
    fn none(text: &str) {
        check(text, &[]);
    }

    #[test]
    fn numbers_in_words() {
        check("RPO of five minutes", &[Rpo { minutes: 5.0 }]);
        check(
            "records are kept for ten years",
            &[Retention { days: 3650.0 }],
        );
        check(
            "zero data loss for booked payments",
            &[Rpo { minutes: 0.0 }],
        );
        check("RTO: half an hour", &[Rto { minutes: 30.0 }]);
        check(
            "results come back within a quarter of a second",
            &[lat(None, 250.0)],
        );
        check("RTO of an hour", &[Rto { minutes: 60.0 }]);
        check("backups are kept for a day", &[Retention { days: 1.0 }]);
        check("three nines", &[Availability { percent: 99.9 }]);
        check("four nines", &[Availability { percent: 99.99 }]);
        check("five nines", &[Availability { percent: 99.999 }]);
        check("RTO of two and a half hours", &[Rto { minutes: 150.0 }]);
        check(
            "back within an hour and a half after a site failure",
            &[Rto { minutes: 90.0 }],
        );
        check("within a second and a half of a scan", &[lat(None, 1500.0)]);
        check("1.5 million meters", &[cap(1.5e6, "meters")]);
        check("2bn events per month", &[tput(2e9 / 2_628_000.0, "events")]);
        check("40K concurrent users", &[cap(40_000.0, "concurrent users")]);
        check("Budget — €31K per month", &[budget(31_000.0, "EUR", Month)]);
        check("a capital budget of £1.2m", &[budget(1.2e6, "GBP", Once)]);
        check(
            "roughly twelve thousand values per second",
            &[tput(12_000.0, "values")],
        );
        check("forty-five devices", &[]);
        check("two hundred fifty milliseconds of latency", &[]);
        check(
            "latency of two hundred fifty milliseconds",
            &[lat(None, 250.0)],
        );
        // British "and" after a scale word; elsewhere "and" joins two numbers.
        check(
            "one hundred and twenty field staff will use it",
            &[cap(120.0, "users")],
        );
        check(
            "room for two thousand and fifty tenants",
            &[cap(2050.0, "tenants")],
        );
        let spans: Vec<f64> = durations("restores take between two and five minutes")
            .into_iter()
            .map(|(_, _, minutes)| minutes)
            .collect();
        assert_eq!(spans, [5.0], "two numbers, not twenty-five or seven");
        check(
            "available ninety-nine and a half per cent of the time",
            &[Availability { percent: 99.5 }],
        );
        // Data units written out.
        check(
            "scans add roughly forty gigabytes a month to what we store",
            &[cap(40.0, "GB/month")],
        );
        check("an archive of three terabytes", &[cap(3.0, "TB")]);
    }

    #[test]
    fn units_in_many_forms() {
        for (text, ms) in [
            ("p99 < 300 ms", 300.0),
            ("p99 < 300ms", 300.0),
            ("p99 < 300 milliseconds", 300.0),
            ("p99 < 300 msec", 300.0),
            ("p99 < 2 s", 2000.0),
            ("p99 < 2 sec", 2000.0),
            ("p99 < 2 secs", 2000.0),
            ("p99 < 2 seconds", 2000.0),
            ("p99 < 1 min", 60_000.0),
        ] {
            check(text, &[lat(Some(99.0), ms)]);
        }
        for (text, minutes) in [
            ("RTO 5 min", 5.0),
            ("RTO 5 mins", 5.0),
            ("RTO 5 minutes", 5.0),
            ("RTO 2 h", 120.0),
            ("RTO 2h", 120.0),
            ("RTO 2 hr", 120.0),
            ("RTO 2 hrs", 120.0),
            ("RTO 2 hours", 120.0),
            ("RTO 1 d", 1440.0),
            ("RTO 1 day", 1440.0),
        ] {
            check(text, &[Rto { minutes }]);
        }
        for (text, days) in [
            ("retained for 2 wk", 14.0),
            ("retained for 2 weeks", 14.0),
            ("retained for 6 mo", 182.5),
            ("retained for 6 months", 182.5),
            ("retained for 7 yr", 2555.0),
            ("retained for 7 yrs", 2555.0),
            ("retained for 7 years", 2555.0),
            ("a 7-year retention", 2555.0),
        ] {
            check(text, &[Retention { days }]);
        }
        for text in [
            "99.9% availability",
            "99.9 percent availability",
            "99.9 per cent availability",
        ] {
            check(text, &[Availability { percent: 99.9 }]);
        }
        for (text, per_second, unit) in [
            ("300 rps", 300.0, "requests"),
            ("300 req/s", 300.0, "requests"),
            ("300 requests per second", 300.0, "requests"),
            ("300 requests/sec", 300.0, "requests"),
            ("300 TPS", 300.0, "transactions"),
            ("300 QPS", 300.0, "queries"),
            ("300 messages/sec", 300.0, "messages"),
            ("300 msgs/s", 300.0, "messages"),
            ("300 events per minute", 5.0, "events"),
            ("8,640,000 writes per day", 100.0, "writes"),
            ("2,000 jobs/h", 2000.0 / 3600.0, "jobs"),
            ("100 SMS/s", 100.0, "sms"),
            ("5,000 boarding scans per hour", 5000.0 / 3600.0, "scans"),
            ("1.5M events a day", 1.5e6 / 86_400.0, "events"),
        ] {
            check(text, &[tput(per_second, unit)]);
        }
    }

    #[test]
    fn availability() {
        check(
            "The portal is available 99.9 percent of the time",
            &[Availability { percent: 99.9 }],
        );
        check(
            "Ingestion is available at least 99.95% of each calendar month",
            &[Availability { percent: 99.95 }],
        );
        check(
            "the service must be up 99.9% during office hours",
            &[Availability { percent: 99.9 }],
        );
        check(
            "we are asking for three nines each calendar month",
            &[Availability { percent: 99.9 }],
        );
        check(
            "The endpoint must accept events 99.95% of the time",
            &[Availability { percent: 99.95 }],
        );
        check(
            "99.95% monthly availability",
            &[Availability { percent: 99.95 }],
        );
        check("Uptime: 99.95% monthly", &[Availability { percent: 99.95 }]);
        check("a 99% availability SLA", &[Availability { percent: 99.0 }]);
        none("error rate below 0.5%, 85% coverage, 99% of disruptions");
        none("99.5% of requests succeed");
        none("at 80% and 100% of actual spend");
        none("Checkout conversion from 2.1% to 2.8% by spring 2026.");
        none("Route 30% of traffic to the canary, then 95% of traffic.");
        none("Workloads with an availability target above 99.9% MUST be zone-redundant.");
    }

    #[test]
    fn latency() {
        check(
            "p95 < 200 ms and p99 < 800 ms",
            &[lat(Some(95.0), 200.0), lat(Some(99.0), 800.0)],
        );
        check("API latency — p99 300 ms", &[lat(Some(99.0), 300.0)]);
        check("p99.9 under 1 s", &[lat(Some(99.9), 1000.0)]);
        check(
            "95th percentile latency below 300ms",
            &[lat(Some(95.0), 300.0)],
        );
        check(
            "Slot search responds in under 300 ms at the 99th percentile.",
            &[lat(Some(99.0), 300.0)],
        );
        check(
            "Search responds under 150 ms for 95% of requests",
            &[lat(Some(95.0), 150.0)],
        );
        check(
            "95 % of positions are visible within 5 s of being sent",
            &[lat(Some(95.0), 5000.0)],
        );
        check(
            "a typical query returns its first page within a quarter of a second",
            &[lat(Some(50.0), 250.0)],
        );
        check(
            "Even the slowest query in a hundred should come back within two seconds.",
            &[lat(Some(99.0), 2000.0)],
        );
        check(
            "Alerts arrive within 5 s of being sent",
            &[lat(None, 5000.0)],
        );
        check("response time under 2 seconds", &[lat(None, 2000.0)]);
        check("no more than 30 seconds of delay", &[lat(None, 30_000.0)]);
        none("latency (p50, p95, p99) per endpoint group");
        none("Devices send telemetry every 10 seconds while moving.");
        none("Samples of load arrive every 10 seconds.");
        none("Affected customers are told within fifteen minutes.");
        none("Sessions time out after 30 seconds of inactivity.");
        none("P1 alerts must be acknowledged within 15 minutes.");
        check(
            "The API must serve 95% of requests within 250ms and 99% within 1 second.",
            &[lat(Some(95.0), 250.0), lat(Some(99.0), 1000.0)],
        );
        check(
            "Latency p50/p95/p99: 50 ms / 200 ms / 500 ms",
            &[
                lat(Some(50.0), 50.0),
                lat(Some(95.0), 200.0),
                lat(Some(99.0), 500.0),
            ],
        );
        check(
            "Page load time must not exceed 3 seconds on a 3G connection.",
            &[lat(None, 3000.0)],
        );
        check(
            "Median response time should be below 80 ms",
            &[lat(Some(50.0), 80.0)],
        );
        none("Replicate to a second region within the hour.");
    }

    #[test]
    fn throughput_and_volumes() {
        check(
            "3,000 concurrent users and 150 req/s",
            &[cap(3000.0, "concurrent users"), tput(150.0, "requests")],
        );
        check(
            "Peak: 1.5k req/s; Saturday is the worst hour.",
            &[tput(1500.0, "requests")],
        );
        check(
            "400 TPS sustained and 1,200 TPS at peak",
            &[tput(400.0, "transactions"), tput(1200.0, "transactions")],
        );
        check(
            "the bureau delivers up to 1,800 pages a minute",
            &[tput(30.0, "pages")],
        );
        check(
            "about 9 million payments and 14 million card authorisations per month",
            &[
                tput(9e6 / 2_628_000.0, "payments"),
                tput(14e6 / 2_628_000.0, "authorisations"),
            ],
        );
        check(
            "up to 40,000 orders/day in peak week",
            &[cap(40_000.0, "orders/day")],
        );
        none("no more than two P1 payment incidents per year");
        none("Restore tests run twice a year and 3 times a day.");
    }

    #[test]
    fn rpo_and_rto() {
        check(
            "- RTO (whole service, after losing the main server room): 8 h.",
            &[Rto { minutes: 480.0 }],
        );
        check(
            "NFR-04 Data loss. No more than a quarter of an hour of ticket sales may be lost in any single failure.",
            &[Rpo { minutes: 15.0 }],
        );
        check(
            "No more than 15 minutes of committed claim data shall be lost after a regional disaster.",
            &[Rpo { minutes: 15.0 }],
        );
        check(
            "we can afford to lose no more than a quarter of an hour of rota edits and shift swaps",
            &[Rpo { minutes: 15.0 }],
        );
        check(
            "RPO 15 minutes and RTO 1 hour",
            &[Rpo { minutes: 15.0 }, Rto { minutes: 60.0 }],
        );
        check("RPO of 4 h", &[Rpo { minutes: 240.0 }]);
        check("Recovery time: 1 hr", &[Rto { minutes: 60.0 }]);
        check(
            "Recovery point — 10 min for trips and telemetry",
            &[Rpo { minutes: 10.0 }],
        );
        check(
            "Recovery Time Objective (RTO) of two hours",
            &[Rto { minutes: 120.0 }],
        );
        check(
            "RPO/RTO of 15 min / 1 h",
            &[Rpo { minutes: 15.0 }, Rto { minutes: 60.0 }],
        );
        check(
            "RPO and RTO are 15 min and 1 h",
            &[Rpo { minutes: 15.0 }, Rto { minutes: 60.0 }],
        );
        check(
            "Critical services SHALL meet RTO 2 hours and RPO 0.",
            &[Rto { minutes: 120.0 }, Rpo { minutes: 0.0 }],
        );
        check("an RPO of zero", &[Rpo { minutes: 0.0 }]);
        check("RPO 30 s", &[Rpo { minutes: 0.5 }]);
        check("RPO: zero data loss", &[Rpo { minutes: 0.0 }]);
        check(
            "We accept losing no more than fifteen minutes of data.",
            &[Rpo { minutes: 15.0 }],
        );
        check(
            "We can tolerate losing up to 15 minutes of events in a regional disaster.",
            &[Rpo { minutes: 15.0 }],
        );
        check(
            "After a site failure the portal is back within four hours.",
            &[Rto { minutes: 240.0 }],
        );
        check(
            "The archive must be restored within one hour.",
            &[Rto { minutes: 60.0 }],
        );
        check(
            "If we lose the primary region, we want to be ingesting again within 2 hours.",
            &[Rto { minutes: 120.0 }],
        );
        check(
            "If a region is lost we can live with half an hour without the archive.",
            &[Rto { minutes: 30.0 }],
        );
        none("The report is back within four hours of the request.");
        check(
            "Failover to the secondary region must complete in less than 60 seconds.",
            &[Rto { minutes: 1.0 }],
        );
        check(
            "Maximum tolerable downtime is 2 hours per incident.",
            &[Rto { minutes: 120.0 }],
        );
        check(
            "The business can tolerate up to one hour of downtime.",
            &[Rto { minutes: 60.0 }],
        );
        check(
            "RPO = 5m, RTO = 1h",
            &[Rpo { minutes: 5.0 }, Rto { minutes: 60.0 }],
        );
        check(
            "Data written in the last 30 seconds may be lost after a failover.",
            &[Rpo { minutes: 0.5 }],
        );
        check(
            "The DR site must take over within 1 hour with at most 15 minutes of data loss.",
            &[Rto { minutes: 60.0 }, Rpo { minutes: 15.0 }],
        );
        check(
            "Service must recover from a data-centre loss in under 15 minutes.",
            &[Rto { minutes: 15.0 }],
        );
        none("The nightly export must finish within 4 hours.");
        check(
            "RTO/RPO: 4h/1h",
            &[Rto { minutes: 240.0 }, Rpo { minutes: 60.0 }],
        );
        none("At most 43 minutes of downtime per month.");
        none("Tier-1 stores MUST meet the product's RPO.");
    }

    #[test]
    fn retention() {
        check(
            "records are retained for 7 years; data is anonymised 36 months after the trip; history is kept for 13 months.",
            &[
                Retention { days: 2555.0 },
                Retention { days: 1095.0 },
                Retention {
                    days: 13.0 * 365.0 / 12.0,
                },
            ],
        );
        check(
            "Backups are retained for at least 90 days.",
            &[Retention { days: 90.0 }],
        );
        check(
            "Order records: keep 6 yrs (HMRC).",
            &[Retention { days: 2190.0 }],
        );
        check("Retention: 14 days", &[Retention { days: 14.0 }]);
        check(
            "Backups: PITR on, 14 days minimum; monthly snapshot kept 1 year.",
            &[Retention { days: 14.0 }, Retention { days: 365.0 }],
        );
        check(
            "Borrower data is deleted 24 months after the last loan",
            &[Retention { days: 730.0 }],
        );
        none("not planned for the first 18 months");
        none("completed within 30 days");
        none("All data must be deleted within 30 days of contract end.");
        none("Keys are rotated every 90 days.");
        none("Elevation expires after 8 hours.");
    }

    #[test]
    fn budgets() {
        // "and" is not "an d(ay)": a parenthesis with "and" after an amount gives it no period.
        check(
            "The run cost at list prices is EUR 68,500 per month, of which production accounts for EUR 49,000 (Azure SQL and Cosmos DB dominate).",
            &[budget(49_000.0, "EUR", Month)],
        );
        check(
            "Run cost of EUR 22,000 per month",
            &[budget(22_000.0, "EUR", Month)],
        );
        check(
            "costs no more than €420,000 annually, hardware included",
            &[budget(420_000.0, "EUR", Year)],
        );
        check(
            "Infrastructure spend should stay under $45,000/mo.",
            &[budget(45_000.0, "USD", Month)],
        );
        check("Budget: £9k/mo AWS", &[budget(9000.0, "GBP", Month)]);
        check("USD 15,000 a month", &[budget(15_000.0, "USD", Month)]);
        check(
            "Monthly Azure spend stays under USD 15,000.",
            &[budget(15_000.0, "USD", Month)],
        );
        check(
            "Hardware is a one-off £1.2m.",
            &[budget(1.2e6, "GBP", Once)],
        );
        check(
            "a separate capital budget of £1.2m, spent once",
            &[budget(1.2e6, "GBP", Once)],
        );
        check(
            "hosting budget USD 540K per year",
            &[budget(540_000.0, "USD", Year)],
        );
        check(
            "a budget of 5,000 Swiss francs per week",
            &[budget(5000.0 * 365.0 / 12.0 / 7.0, "CHF", Month)],
        );
        none("Keep the cost of customer contact below €6 per contact.");
        none("Retiring the tape library saves about £180,000 a year.");
        none("Storage is priced at $0.02 per GB.");
        none("Revenue grew to €3m.");
        none("The product is priced at $49 per seat per month.");
        check(
            "We have a budget of CHF 200,000 for the first year.",
            &[budget(200_000.0, "CHF", Year)],
        );
        check("Budget: 50k EUR/month.", &[budget(50_000.0, "EUR", Month)]);
        check(
            "Estimated AWS bill: ~$12,000 monthly.",
            &[budget(12_000.0, "USD", Month)],
        );
    }

    #[test]
    fn capacity() {
        check(
            "The platform serves 640,000 household accounts, 22,000 business accounts and 900 field staff.",
            &[
                cap(640_000.0, "accounts"),
                cap(22_000.0, "accounts"),
                cap(900.0, "users"),
            ],
        );
        check(
            "The platform must handle 1.4 million meters at launch and 1.9 million meters by 2029.",
            &[cap(1.4e6, "meters"), cap(1.9e6, "meters")],
        );
        check(
            "Each workspace has between 5 and 50 seats, about 9,000 seats overall.",
            &[cap(9000.0, "seats")],
        );
        check(
            "Approximately 250 TB of video is stored today, growing 8 TB each month.",
            &[cap(250.0, "TB"), cap(8.0, "TB/month")],
        );
        check(
            "Photo storage grows by about 180 GB per month.",
            &[cap(180.0, "GB/month")],
        );
        check(
            "Roughly 1.2 TB of new reading data per month",
            &[cap(1.2, "TB/month")],
        );
        check(
            "12 TB of attachments today, growing 400 GB/month",
            &[cap(12.0, "TB"), cap(400.0, "GB/month")],
        );
        check(
            "Customers: ~600k accounts, 50k MAU off-peak, 250k MAU in April.",
            &[
                cap(600_000.0, "accounts"),
                cap(50_000.0, "MAU"),
                cap(250_000.0, "MAU"),
            ],
        );
        check(
            "Devices — 45,000 connected trucks and trailers at launch, 80,000 by 2028",
            &[cap(45_000.0, "devices"), cap(80_000.0, "devices")],
        );
        check(
            "We expect 300 workspaces (our tenants) in year one and 1,500 in year three.",
            &[cap(300.0, "tenants"), cap(1500.0, "tenants")],
        );
        check(
            "Grow from 400 to 1,200 fleet-operator customers within two years.",
            &[cap(1200.0, "customers")],
        );
        check(
            "Around 2,600 fee earners and support staff will use it, plus about 9,000 client users.",
            &[cap(2600.0, "users"), cap(9000.0, "users")],
        );
        check(
            "50 000 concurrent users",
            &[cap(50_000.0, "concurrent users")],
        );
        check("2M registered users", &[cap(2e6, "users")]);
        check(
            "up to 15,000 concurrent web and app sessions",
            &[cap(15_000.0, "concurrent sessions")],
        );
        none("submit applications with attachments up to 200 MB each");
        none("Nodes have 64 GB of memory.");
        none("All three halls are paperless by 2026, with 12 sessions a day.");
        check(
            "about 2.1 million passengers a year",
            &[cap(2.1e6, "passengers/year")],
        );
        none("It is built by an in-house team of 9 engineers.");
        none("Tier 1 services have an on-call rotation with at least 4 engineers.");
        none("Boarding app on rugged Android 13 handhelds");
        none("Each upload is limited to 25 MB.");
        check(
            "The system must handle 10,000 concurrent sessions and 2,500 requests per second.",
            &[
                cap(10_000.0, "concurrent sessions"),
                tput(2500.0, "requests"),
            ],
        );
        check(
            "15 000 simultaneous connections",
            &[cap(15_000.0, "concurrent connections")],
        );
        check(
            "Launch in 2026 with 5,000 users, growing to 50,000 by 2028.",
            &[cap(5000.0, "users"), cap(50_000.0, "users")],
        );
        check(
            "We ingest approximately 500 GB of logs per day.",
            &[cap(500.0, "GB/day")],
        );
        check("Ingestion: 2.5 GB/s sustained.", &[tput(2.5, "GB")]);
        none("Task size: API 1 vCPU / 2 GB, worker 1 vCPU / 2 GB");
        check(
            "Around 450 operators, 60 engineers and 25 quality staff use the system.",
            &[cap(450.0, "users"), cap(60.0, "users"), cap(25.0, "users")],
        );
    }

    #[test]
    fn table_rows() {
        check(
            "| NFR-7 | Availability | 99.9 % monthly, measured at the edge |",
            &[Availability { percent: 99.9 }],
        );
        check(
            "| NFR-8 | Latency | 95th percentile < 1.2 s for page loads |",
            &[lat(Some(95.0), 1200.0)],
        );
        check(
            "| NFR-9 | Data retention | 18 months for telemetry, 10 years for invoices |",
            &[Retention { days: 547.5 }, Retention { days: 3650.0 }],
        );
        check(
            "| NFR-10 | Cost | ≤ £30,000 per annum |",
            &[budget(30_000.0, "GBP", Year)],
        );
        check(
            "| NFR-11 | Capacity | 2,000 branches, 45,000 staff |",
            &[cap(2000.0, "branches"), cap(45_000.0, "users")],
        );
    }

    #[test]
    fn numbers_that_are_not_figures() {
        none("Dashboards refresh every 60 seconds.");
        none("Each customer stores up to 5 GB of documents.");
        none("The mobile app has 4.5 million downloads.");
        none("Our goal is 100% of deployments automated by Q2.");
        none("Up to 20 percent of requests may be served from cache.");
        none("PostgreSQL 16 on Java 21 behind TLS 1.3; Python 3.12 services");
        none("Go-live on 2026-03-01, review in Q3 2027.");
        none("See section 4.2 and NFR-3; R17 and GL-60 apply.");
        none("Call +44 20 7946 0958 or 0800 123 456 for the duty engineer.");
        none("Maintenance window Sunday 02:00–04:00, support 24/7.");
        none("X.509 certificates, FIPS 140-validated modules, IEC 62443 zones.");
        none("Onboard a 20-truck fleet in under one day on a 4G link.");
        none("Replicate to a second region; keep a second copy.");
    }

    #[test]
    fn mixed_in_order() {
        check(
            "NFR: 99.99% uptime, p95 < 150 ms at 2,500 requests/s, RPO 5 min.",
            &[
                Availability { percent: 99.99 },
                lat(Some(95.0), 150.0),
                tput(2500.0, "requests"),
                Rpo { minutes: 5.0 },
            ],
        );
        check(
            "Line one has RPO 5 min.\nLine two: 99.9% availability.",
            &[Rpo { minutes: 5.0 }, Availability { percent: 99.9 }],
        );
    }

    #[test]
    fn people_counts() {
        assert!(counts_people("users"));
        assert!(counts_people("concurrent users"));
        assert!(counts_people("customers"));
        assert!(!counts_people("meters"));
        assert!(!counts_people("orders/day"));
    }

    #[test]
    fn long_lines_and_hostile_text() {
        let line = "RPO 5 min, ".repeat(5_000);
        assert_eq!(figures(&line).len(), 5_000);
        let no_spaces = "é9".repeat(100_000);
        let _ = figures(&no_spaces);
        let digits = "1".repeat(50_000);
        let _ = figures(&digits);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text: no panic.
        #[test]
        fn never_panics(text in "\\PC{0,400}") {
            let _ = figures(&text);
        }

        /// Text made of requirement-like words: no panic, and every line is read on its own, so
        /// that the work grows with the text and no more: `k` copies of a line give `k` times its
        /// figures.
        #[test]
        fn lines_are_read_on_their_own(
            words in prop::collection::vec(prop_oneof![
                Just("99.9%"), Just("p95"), Just("<"), Just("200"), Just("ms"), Just("RPO"),
                Just("RTO"), Just("15"), Just("minutes"), Just("a"), Just("an"), Just("hour"),
                Just("half"), Just("and"), Just("kept"), Just("for"), Just("7"), Just("years"),
                Just("€31K"), Just("per"), Just("month"), Just("budget"), Just("1,200"),
                Just("users"), Just("requests/s"), Just("three"), Just("nines"), Just("of"),
                Just("the"), Just("time"), Just("."), Just(","), Just(";"), Just("within"),
                Just("TB"), Just("zero"), Just("data"), Just("loss"), Just("—"), Just("Devices"),
                Just("second"), Just("k"), Just("m"), Just("-"), Just("2026"),
            ], 0..60),
            copies in 1usize..6,
        ) {
            let line = words.join(" ");
            let one = figures(&line);
            let many = figures(&vec![line.as_str(); copies].join("\n"));
            prop_assert_eq!(many.len(), one.len() * copies);
            for (i, f) in many.iter().enumerate() {
                prop_assert_eq!(f, &one[i % one.len().max(1)]);
            }
        }
    }
}
