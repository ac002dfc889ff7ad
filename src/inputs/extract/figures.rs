//! Figures in requirement text: availability, latency, throughput, RPO, RTO, retention and user
//! counts, normalised to one unit each (percent, milliseconds, per second, minutes, days, count).
//!
//! What is recognised:
//! - **Availability**: a percentage from 90 to 100 (`99.95%`, `99.9 percent`) when it has a decimal
//!   part and is at least 99, or when its clause speaks of availability, uptime, an SLA or an SLO;
//!   `three`/`four`/`five nines`. A percentage followed by `of` (`99.5% of requests`) needs the
//!   availability wording.
//! - **Latency**: a percentile and a duration (`p95 < 200 ms`, `p99 under 1 s`, `95th percentile
//!   latency below 300ms`), or latency/response-time wording and a duration (`response time under 2
//!   s`, no percentile).
//! - **Throughput**: a count of something per unit of time (`1,200 requests/s`, `10k requests per
//!   second`, `2,000 jobs/h`, `180,000 calls/day`, `5,000 boarding scans per hour`, `300 rps`),
//!   converted to per second; `unit` is the plural noun (`requests`, `jobs`, `sms`).
//! - **RPO / RTO**: `RPO 15 minutes`, `RPO of 4 h`, `RTO: 1 hour`, `Recovery Time Objective (RTO) of
//!   two hours`, `RPO/RTO of 15 min / 1 h`, `RPO of zero`; in minutes.
//! - **Retention**: a number of days, weeks, months or years in a clause about retention (`retained
//!   for 7 years`, `kept for 13 months`, `anonymised 36 months after`, `retention: 14 days`); in days
//!   (a year is 365 days, a month 365/12).
//! - **Users**: `50 000 concurrent users`, `2M registered users`, `15,000 concurrent sessions`.
//!
//! Numbers may use `,`, a space or a narrow space as thousands separators and `k`/`M` suffixes.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// A figure found in text, in normalised units.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// Availability target, in percent (`99.95`).
    Availability {
        /// Percent, e.g. `99.95`.
        percent: f64,
    },
    /// Latency target in milliseconds, with its percentile when one is given (`p95` → 95).
    Latency {
        /// The percentile (`p95` → 95), when one is given.
        percentile: Option<u8>,
        /// Milliseconds.
        millis: f64,
    },
    /// Throughput in units per second; `unit` is what is counted, plural (`requests`).
    Throughput {
        /// Units per second.
        per_second: f64,
        /// What is counted, plural and lower case (`requests`, `jobs`, `sms`).
        unit: String,
    },
    /// Recovery point objective, in minutes.
    Rpo {
        /// Minutes.
        minutes: f64,
    },
    /// Recovery time objective, in minutes.
    Rto {
        /// Minutes.
        minutes: f64,
    },
    /// How long data is kept, in days.
    Retention {
        /// Days (a year is 365, a month 365/12).
        days: f64,
    },
    /// A number of users (concurrent or otherwise).
    Users {
        /// How many.
        count: f64,
    },
}

/// A number: thousands-separated, decimal, or a small number word.
const NUM: &str = r"(\d{1,3}(?:[,\u{a0}\u{202f} ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";
const WORD_NUM: &str = r"(\d+(?:\.\d+)?|(?:zero|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|sixty)\b)";
const MULT: &str = r"(?:\s?(k|m)\b|\s+(thousand|million))?";
const TIME_UNIT: &str = r"(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\b";

fn re(p: &str) -> Regex {
    Regex::new(p).expect("figure pattern")
}

static AVAILABILITY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d{2,3}(?:\.\d+)?)\s?(?:%|percent\b)(\s+of\b)?"));
static NINES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(three|four|five)\s+nines\b"));
static AVAILABILITY_WORDS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:availab\w*|uptime|up[\s-]time|sla|slas|slo|slos)\b"));
static PERCENTILE_LATENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:p(\d{2,3}(?:\.\d+)?)|(\d{2,3}(?:\.\d+)?)(?:th|st|nd|rd)?[\s-]percentile)\b[^\d.;|\n]{0,40}?(\d+(?:\.\d+)?)\s*(ms|msecs?|milliseconds?|s|secs?|seconds?)\b",
    )
});
static PLAIN_LATENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:latency|latencies|response\s+times?|responds?|round[\s-]trips?)\b[^\d.;|\n]{0,30}?(\d+(?:\.\d+)?)\s*(ms|msecs?|milliseconds?|s|secs?|seconds?)\b",
    )
});
static THROUGHPUT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{NUM}{MULT}\s*(?:[a-z][a-z-]*\s+){{0,2}}?(requests?|reqs?|transactions?|messages?|msgs?|events?|jobs?|calls?|api\s+calls?|orders?|bookings?|scans?|emails?|e-mails?|sms|notifications?|writes?|reads?|queries|query|operations?|ops|payments?|uploads?|records?|documents?|files?|tasks?|logins?|searches?|page\s?views?|checkouts?|tickets?)\s*(?:/|per\s+|an?\s+|each\s+)\s*(s|sec|second|m|min|minute|h|hr|hour|d|day)\b"
    ))
});
static THROUGHPUT_ABBREV: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)\b{NUM}{MULT}\s*(rps|tps|qps|rpm)\b")));
static RPO_RTO_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\bRPO\s*(?:/|and|&)\s*RTO\b[^\d;|\n]{{0,20}}?{WORD_NUM}\s*{TIME_UNIT}\s*(?:/|and|&|,)\s*{WORD_NUM}\s*{TIME_UNIT}"
    ))
});
static RPO_RTO: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(RPO|RTO|recovery\s+point\s+objective|recovery\s+time\s+objective)(?:\s*\((?:RPO|RTO)\))?[^\d;|\n.]{{0,25}}?\b{WORD_NUM}(?:\s*{TIME_UNIT}|\s+data\s+loss\b)?"
    ))
});
static RETENTION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{WORD_NUM}[\s-]*(years?|yrs?|months?|weeks?|days?)\b"
    ))
});
static RETENTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:retain\w*|retention|kept|keep|keeps|stored\s+for|archiv\w*|deleted|deletion|delete\s+after|erased|purged?|anonymi[sz]\w*|pseudonymi[sz]\w*|expir\w*|lifecycle)\b",
    )
});
static USERS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{NUM}{MULT}\s*(?:(?:concurrent|simultaneous|active|daily\s+active|monthly\s+active|registered|named|internal|peak)\s+)?(?:users|visitors|customers|members)\b"
    ))
});
static SESSIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{NUM}{MULT}\s*(?:concurrent|simultaneous)\s+(?:[a-z-]+\s+){{0,3}}?sessions\b"
    ))
});

fn parse_num(s: &str) -> Option<f64> {
    let lower = s.to_ascii_lowercase();
    let word = match lower.as_str() {
        "zero" => Some(0.0),
        "a" | "an" | "one" => Some(1.0),
        "two" => Some(2.0),
        "three" => Some(3.0),
        "four" => Some(4.0),
        "five" => Some(5.0),
        "six" => Some(6.0),
        "seven" => Some(7.0),
        "eight" => Some(8.0),
        "nine" => Some(9.0),
        "ten" => Some(10.0),
        "twelve" => Some(12.0),
        "fifteen" => Some(15.0),
        "twenty" => Some(20.0),
        "thirty" => Some(30.0),
        "sixty" => Some(60.0),
        _ => None,
    };
    if word.is_some() {
        return word;
    }
    let digits: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The number in group `n` times the multiplier in groups `n+1` (`k`/`m`) or `n+2` (words).
fn num_with_mult(c: &Captures<'_>, n: usize) -> Option<f64> {
    let v = parse_num(c.get(n)?.as_str())?;
    let mult = c
        .get(n + 1)
        .or_else(|| c.get(n + 2))
        .map(|m| m.as_str().to_ascii_lowercase());
    Some(match mult.as_deref() {
        Some("k") | Some("thousand") => v * 1e3,
        Some("m") | Some("million") => v * 1e6,
        _ => v,
    })
}

fn minutes(v: f64, unit: &str) -> f64 {
    let u = unit.to_ascii_lowercase();
    if u.starts_with('s') {
        v / 60.0
    } else if u.starts_with('h') {
        v * 60.0
    } else if u.starts_with('d') {
        v * 1440.0
    } else {
        v
    }
}

fn millis(v: f64, unit: &str) -> f64 {
    let u = unit.to_ascii_lowercase();
    if u.starts_with("ms") || u.starts_with("milli") {
        v
    } else {
        v * 1000.0
    }
}

fn seconds_per(unit: &str) -> f64 {
    match unit.to_ascii_lowercase().chars().next() {
        Some('m') => 60.0,
        Some('h') => 3600.0,
        Some('d') => 86400.0,
        _ => 1.0,
    }
}

fn plural_unit(noun: &str) -> String {
    let n = noun
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match n.as_str() {
        "rps" | "rpm" | "req" | "reqs" | "request" => "requests".into(),
        "tps" | "transaction" => "transactions".into(),
        "qps" | "query" => "queries".into(),
        "ops" => "operations".into(),
        "msg" | "msgs" => "messages".into(),
        "sms" => "sms".into(),
        "e-mail" | "e-mails" => "emails".into(),
        _ if n.ends_with('s') => n,
        _ => format!("{n}s"),
    }
}

/// The clause around `start..end`: bounded by sentence ends, `;`, `|` and line breaks, and also by
/// commas when `commas` is set.
fn clause(text: &str, start: usize, end: usize, commas: bool) -> &str {
    let is_cut = |i: usize, b: u8| -> bool {
        match b {
            b';' | b'|' | b'\n' | b'!' | b'?' => true,
            b',' => commas,
            b'.' => text
                .as_bytes()
                .get(i + 1)
                .is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        }
    };
    let bytes = text.as_bytes();
    let from = (0..start)
        .rev()
        .find(|&i| is_cut(i, bytes[i]))
        .map(|i| i + 1)
        .unwrap_or(0);
    let to = (end..bytes.len())
        .find(|&i| is_cut(i, bytes[i]))
        .unwrap_or(bytes.len());
    text.get(from..to).unwrap_or("")
}

/// The figures in `text`, in order of appearance. Never panics.
pub fn figures(text: &str) -> Vec<Figure> {
    let mut found: Vec<(usize, usize, Figure)> = Vec::new();
    let overlaps = |found: &[(usize, usize, Figure)], s: usize, e: usize| {
        found.iter().any(|(fs, fe, _)| s < *fe && *fs < e)
    };

    for c in AVAILABILITY.captures_iter(text) {
        let (Some(m), Some(v)) = (c.get(0), c.get(1).and_then(|g| parse_num(g.as_str()))) else {
            continue;
        };
        if !(90.0..100.0).contains(&v) {
            continue;
        }
        let strong = v >= 99.0 && c[1].contains('.') && c.get(2).is_none();
        if strong || AVAILABILITY_WORDS.is_match(clause(text, m.start(), m.end(), false)) {
            found.push((m.start(), m.end(), Figure::Availability { percent: v }));
        }
    }
    for c in NINES.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let percent = match c[1].to_ascii_lowercase().as_str() {
            "three" => 99.9,
            "four" => 99.99,
            _ => 99.999,
        };
        found.push((m.start(), m.end(), Figure::Availability { percent }));
    }
    for c in PERCENTILE_LATENCY.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let pct = c
            .get(1)
            .or_else(|| c.get(2))
            .and_then(|g| parse_num(g.as_str()));
        let Some(v) = c.get(3).and_then(|g| parse_num(g.as_str())) else {
            continue;
        };
        let percentile = pct.filter(|p| *p <= 100.0).map(|p| p.floor() as u8);
        found.push((
            m.start(),
            m.end(),
            Figure::Latency {
                percentile,
                millis: millis(v, &c[4]),
            },
        ));
    }
    for c in PLAIN_LATENCY.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let Some(v) = c.get(1).and_then(|g| parse_num(g.as_str())) else {
            continue;
        };
        if overlaps(&found, m.start(), m.end()) {
            continue;
        }
        found.push((
            m.start(),
            m.end(),
            Figure::Latency {
                percentile: None,
                millis: millis(v, &c[2]),
            },
        ));
    }
    for c in THROUGHPUT.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let Some(v) = num_with_mult(&c, 1) else {
            continue;
        };
        found.push((
            m.start(),
            m.end(),
            Figure::Throughput {
                per_second: v / seconds_per(&c[5]),
                unit: plural_unit(&c[4]),
            },
        ));
    }
    for c in THROUGHPUT_ABBREV.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let Some(v) = num_with_mult(&c, 1) else {
            continue;
        };
        if overlaps(&found, m.start(), m.end()) {
            continue;
        }
        let abbrev = c[4].to_ascii_lowercase();
        let per_second = if abbrev == "rpm" { v / 60.0 } else { v };
        found.push((
            m.start(),
            m.end(),
            Figure::Throughput {
                per_second,
                unit: plural_unit(&abbrev),
            },
        ));
    }
    for c in RPO_RTO_PAIR.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let (Some(a), Some(b)) = (parse_num(&c[1]), parse_num(&c[3])) else {
            continue;
        };
        found.push((
            m.start(),
            m.start() + 3,
            Figure::Rpo {
                minutes: minutes(a, &c[2]),
            },
        ));
        found.push((
            m.start() + 4,
            m.end(),
            Figure::Rto {
                minutes: minutes(b, &c[4]),
            },
        ));
    }
    for c in RPO_RTO.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if overlaps(&found, m.start(), m.end()) {
            continue;
        }
        let Some(v) = parse_num(&c[2]) else { continue };
        let mins = match c.get(3) {
            Some(unit) => minutes(v, unit.as_str()),
            None if v == 0.0 => 0.0,
            None => continue,
        };
        let kind = c[1].to_ascii_lowercase();
        let figure = if kind == "rpo" || kind.contains("point") {
            Figure::Rpo { minutes: mins }
        } else {
            Figure::Rto { minutes: mins }
        };
        found.push((m.start(), m.end(), figure));
    }
    for c in RETENTION.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if overlaps(&found, m.start(), m.end())
            || !RETENTION_WORDS.is_match(clause(text, m.start(), m.end(), false))
        {
            continue;
        }
        let Some(v) = parse_num(&c[1]).filter(|v| *v > 0.0) else {
            continue;
        };
        let unit = c[2].to_ascii_lowercase();
        let days = if unit.starts_with('y') {
            v * 365.0
        } else if unit.starts_with('m') {
            v * 365.0 / 12.0
        } else if unit.starts_with('w') {
            v * 7.0
        } else {
            v
        };
        found.push((m.start(), m.end(), Figure::Retention { days }));
    }
    for c in USERS
        .captures_iter(text)
        .chain(SESSIONS.captures_iter(text))
    {
        let Some(m) = c.get(0) else { continue };
        if overlaps(&found, m.start(), m.end()) {
            continue;
        }
        let Some(count) = num_with_mult(&c, 1) else {
            continue;
        };
        found.push((m.start(), m.end(), Figure::Users { count }));
    }
    found.sort_by_key(|(s, _, _)| *s);
    found.into_iter().map(|(_, _, f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Figure::*;

    fn lat(p: Option<u8>, ms: f64) -> Figure {
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

    #[test]
    fn availability() {
        assert_eq!(
            figures("99.95% monthly availability"),
            vec![Availability { percent: 99.95 }]
        );
        assert_eq!(
            figures("uptime of 99.9 percent"),
            vec![Availability { percent: 99.9 }]
        );
        assert_eq!(
            figures("a 99% availability SLA"),
            vec![Availability { percent: 99.0 }]
        );
        assert_eq!(figures("four nines"), vec![Availability { percent: 99.99 }]);
        assert!(figures("error rate below 0.5%, 85% coverage, 99% of disruptions").is_empty());
        assert!(figures("99.5% of requests succeed").is_empty());
        assert!(figures("at 80% and 100% of actual spend").is_empty());
    }

    #[test]
    fn latency() {
        assert_eq!(
            figures("p95 < 200 ms and p99 < 800 ms"),
            vec![lat(Some(95), 200.0), lat(Some(99), 800.0)]
        );
        assert_eq!(figures("p99 under 1 s"), vec![lat(Some(99), 1000.0)]);
        assert_eq!(
            figures("95th percentile latency below 300ms"),
            vec![lat(Some(95), 300.0)]
        );
        assert_eq!(
            figures("response time under 2 seconds"),
            vec![lat(None, 2000.0)]
        );
        assert_eq!(
            figures("API latency for search is p95 < 200 ms"),
            vec![lat(Some(95), 200.0)]
        );
        assert!(figures("latency (p50, p95, p99) per endpoint group").is_empty());
    }

    #[test]
    fn throughput() {
        assert_eq!(figures("10k requests/s"), vec![tput(10_000.0, "requests")]);
        assert_eq!(
            figures("1,200 requests per second"),
            vec![tput(1200.0, "requests")]
        );
        assert_eq!(figures("2,000 jobs/h"), vec![tput(2000.0 / 3600.0, "jobs")]);
        assert_eq!(figures("100 SMS/s"), vec![tput(100.0, "sms")]);
        assert_eq!(
            figures("5,000 boarding scans per hour"),
            vec![tput(5000.0 / 3600.0, "scans")]
        );
        assert_eq!(figures("300 rps"), vec![tput(300.0, "requests")]);
        assert_eq!(
            figures("1.5M events a day"),
            vec![tput(1.5e6 / 86400.0, "events")]
        );
    }

    #[test]
    fn rpo_rto() {
        assert_eq!(
            figures("RPO 15 minutes and RTO 1 hour"),
            vec![Rpo { minutes: 15.0 }, Rto { minutes: 60.0 }]
        );
        assert_eq!(figures("RPO of 4 h"), vec![Rpo { minutes: 240.0 }]);
        assert_eq!(figures("RTO: 1 hour"), vec![Rto { minutes: 60.0 }]);
        assert_eq!(
            figures("Recovery Time Objective (RTO) of two hours"),
            vec![Rto { minutes: 120.0 }]
        );
        assert_eq!(
            figures("RPO/RTO of 15 min / 1 h"),
            vec![Rpo { minutes: 15.0 }, Rto { minutes: 60.0 }]
        );
        assert_eq!(figures("an RPO of zero"), vec![Rpo { minutes: 0.0 }]);
        assert_eq!(figures("RPO 30 s"), vec![Rpo { minutes: 0.5 }]);
        assert_eq!(
            figures("RPO and RTO are 15 min and 1 h"),
            vec![Rpo { minutes: 15.0 }, Rto { minutes: 60.0 }]
        );
    }

    #[test]
    fn retention() {
        assert_eq!(
            figures(
                "records are retained for 7 years; data is anonymised 36 months after the trip; history is kept for 13 months."
            ),
            vec![
                Retention { days: 2555.0 },
                Retention { days: 1095.0 },
                Retention {
                    days: 13.0 * 365.0 / 12.0
                }
            ]
        );
        assert_eq!(
            figures("Retention: 14 days"),
            vec![Retention { days: 14.0 }]
        );
        assert!(figures("not planned for the first 18 months").is_empty());
        assert_eq!(
            figures("Borrower data is deleted 24 months after the last loan"),
            vec![Retention { days: 730.0 }]
        );
        assert!(figures("completed within 30 days").is_empty());
    }

    #[test]
    fn users() {
        assert_eq!(
            figures("50 000 concurrent users"),
            vec![Users { count: 50_000.0 }]
        );
        assert_eq!(figures("2M registered users"), vec![Users { count: 2e6 }]);
        assert_eq!(
            figures("up to 15,000 concurrent web and app sessions"),
            vec![Users { count: 15_000.0 }]
        );
    }

    #[test]
    fn mixed_in_order() {
        let f = figures("NFR: 99.99% uptime, p95 < 150 ms at 2,500 requests/s, RPO 5 min.");
        assert_eq!(
            f,
            vec![
                Availability { percent: 99.99 },
                lat(Some(95), 150.0),
                tput(2500.0, "requests"),
                Rpo { minutes: 5.0 }
            ]
        );
    }
}
