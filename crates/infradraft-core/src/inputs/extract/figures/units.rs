//! The extractor's knowledge of numbers, units, currencies and counted nouns: the data file
//! `assets/extraction/units.ron`, embedded in the binary, parsed and checked once, and compiled into
//! the regular expressions and tables [`super::figures`] works with.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

/// Where the data file lives in the source tree; errors name it.
pub const PATH: &str = "assets/extraction/units.ron";
const TEXT: &str = include_str!("../../../../../../assets/extraction/units.ron");

/// The compiled data file. A broken file is a build defect that the unit tests catch; the message
/// names `file:line:col`.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(TEXT).unwrap_or_else(|e| panic!("the embedded extraction data is broken: {e}"))
});

/// A suffix multiplying the digits before it (`k`, `M`, `bn`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suffix {
    pub text: String,
    pub factor: f64,
    /// Also after one space (`5 M`).
    pub spaced: bool,
    /// Only as written (`M`, not `m`).
    pub exact_case: bool,
}

/// A unit of time.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    pub names: Vec<String>,
    pub seconds: f64,
    /// Its name as the period of a rate (`month`), when it can be one.
    pub period: Option<String>,
}

/// A currency: ISO code, symbols written before an amount, words written after it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    pub symbols: Vec<String>,
    pub words: Vec<String>,
}

/// A rate abbreviation written after a number (`rps`, `TPS`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateAbbreviation {
    pub names: Vec<String>,
    pub unit: String,
    pub per_seconds: f64,
}

/// A noun populations are counted in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityNoun {
    pub words: Vec<String>,
    pub unit: Option<String>,
    pub people: bool,
    pub concurrent_only: bool,
}

/// The data file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    pub number_words: Vec<(String, f64)>,
    pub scale_words: Vec<(String, f64)>,
    pub suffixes: Vec<Suffix>,
    pub fractions: Vec<(String, f64)>,
    pub durations: Vec<Duration>,
    pub period_adverbs: Vec<(String, String)>,
    pub once_words: Vec<String>,
    pub duration_prepositions: Vec<String>,
    pub percent_signs: Vec<String>,
    pub currencies: Vec<Currency>,
    pub data_units: Vec<String>,
    /// Data units written out (`gigabytes`), each with the unit of `data_units` it is.
    #[serde(default)]
    pub data_unit_names: Vec<(String, String)>,
    pub not_storage_words: Vec<String>,
    pub rate_abbreviations: Vec<RateAbbreviation>,
    pub noun_aliases: Vec<(String, String)>,
    pub operation_nouns: Vec<String>,
    pub volume_nouns: Vec<String>,
    pub capacity_nouns: Vec<CapacityNoun>,
    pub concurrency_words: Vec<String>,
    pub team_words: Vec<String>,
    pub availability_words: Vec<String>,
    pub median_words: Vec<String>,
    pub latency_words: Vec<String>,
    pub latency_bounds: Vec<String>,
    pub not_latency_before: Vec<String>,
    pub retention_words: Vec<String>,
    pub not_retention_before: Vec<String>,
    pub rpo_names: Vec<String>,
    pub rto_names: Vec<String>,
    pub loss_words: Vec<String>,
    pub lost_things: Vec<String>,
    pub back_words: Vec<String>,
    pub failure_words: Vec<String>,
    pub recovery_words: Vec<String>,
    pub budget_words: Vec<String>,
    pub budget_bounds: Vec<String>,
    pub not_budget_words: Vec<String>,
    pub stop_words: Vec<String>,
}

/// A list of words or phrases (`availab*` is a prefix), compiled to match anywhere, right at the
/// end of a text, or as a whole word.
#[derive(Debug)]
pub struct WordList {
    /// The alternation, longest entries first, for building bigger patterns.
    pub pattern: String,
    any: Regex,
    at_end: Regex,
    whole: Regex,
}

impl WordList {
    fn new(entries: &[String]) -> WordList {
        let pattern = alternation(entries.iter().map(String::as_str), entry_pattern);
        WordList {
            any: regex(&format!("(?i){pattern}")),
            at_end: regex(&format!(r"(?i)(?:{pattern})\s*$")),
            whole: regex(&format!(r"(?i)^(?:{pattern})$")),
            pattern,
        }
    }

    /// Whether an entry occurs anywhere in `text`.
    pub fn in_text(&self, text: &str) -> bool {
        self.any.is_match(text)
    }

    /// Where the entries occur in `text`.
    pub fn find_iter<'t>(&self, text: &'t str) -> regex::Matches<'_, 't> {
        self.any.find_iter(text)
    }

    /// Whether `text` ends with an entry (then only whitespace).
    pub fn ends(&self, text: &str) -> bool {
        self.at_end.is_match(text)
    }

    /// Whether `word` is an entry.
    pub fn is(&self, word: &str) -> bool {
        self.whole.is_match(word)
    }
}

/// A population noun, compiled.
#[derive(Debug)]
pub struct Noun {
    /// Its words, lower case (`["monthly", "active", "users"]`).
    pub words: Vec<String>,
    /// The figure's unit; `None`: the last word as written, lower case.
    pub unit: Option<String>,
    pub people: bool,
    pub concurrent_only: bool,
}

/// A unit of time, compiled.
#[derive(Debug, Clone)]
pub struct TimeUnit {
    pub seconds: f64,
    pub period: Option<String>,
}

/// Everything the extractor needs from the data file.
#[derive(Debug)]
pub struct Lexicon {
    /// Finds quantities: a number with what follows it (see [`super`]).
    pub quantity: Regex,
    /// Right after a noun: a rate's period (`/s`, ` per month`, ` a day`); group `p`.
    pub period_after: Regex,
    /// Right after a data size: an optional `of <words>`, then a period; group `p`.
    pub data_period_after: Regex,
    /// A period adverb right after an amount (`annually`); group `p`.
    pub adverb_after: Regex,
    /// Any period in a clause: `per month`, `a year`, `monthly`; groups `p` (a unit name) or `a`
    /// (an adverb).
    pub period_anywhere: Regex,
    /// The alternation of the percent signs and words.
    pub percent_pattern: String,
    number_words: HashMap<String, f64>,
    scale_words: HashMap<String, f64>,
    suffixes: Vec<(String, f64, bool)>,
    fractions: HashMap<String, f64>,
    times: HashMap<String, TimeUnit>,
    periods: HashMap<String, f64>,
    adverbs: HashMap<String, String>,
    currency_marks: HashMap<String, String>,
    data_units: HashMap<String, String>,
    rate_abbreviations: HashMap<String, (String, f64)>,
    aliases: HashMap<String, String>,
    operation_nouns: HashSet<String>,
    volume_nouns: HashSet<String>,
    pub nouns: Vec<Noun>,
    people_units: HashSet<String>,
    pub once: WordList,
    pub duration_prepositions: WordList,
    pub not_storage: WordList,
    pub concurrency: WordList,
    pub team: WordList,
    pub availability: WordList,
    pub median: WordList,
    pub latency: WordList,
    /// A latency word, then at most 40 characters without a digit, at the end of a text.
    pub latency_near: Regex,
    pub latency_bounds: WordList,
    pub not_latency_before: WordList,
    pub retention: WordList,
    pub not_retention_before: WordList,
    pub rpo_names: WordList,
    pub rto_names: WordList,
    pub loss: WordList,
    /// Right after a duration: `of [two words] <lost thing>`; group `t`.
    pub lost_after: Regex,
    /// At the end of a text: a back-word, up to two words, `within` and an optional bound.
    pub back_before: Regex,
    /// The same with a recovery word and up to six words (`failover to the secondary region must
    /// complete in less than`).
    pub recovery_before: Regex,
    pub failure: WordList,
    pub budget: WordList,
    pub budget_bounds: WordList,
    pub not_budget: WordList,
    pub stop: WordList,
}

/// Compiles a pattern with ASCII word boundaries: Unicode ones would make the regex engine give up
/// its fast path on any text with a non-ASCII character (`€`, `—`), and word boundaries only ever
/// separate ASCII words and digits here.
pub fn regex(pattern: &str) -> Regex {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    Regex::new(&pattern).unwrap_or_else(|e| panic!("figure pattern {pattern:?}: {e}"))
}

/// The pattern of one word-list entry: words joined by any whitespace, a trailing `*` for any word
/// ending, word boundaries where the entry starts or ends with a letter or digit.
fn entry_pattern(entry: &str) -> String {
    let (body, prefix) = match entry.strip_suffix('*') {
        Some(b) => (b, true),
        None => (entry, false),
    };
    let words: Vec<String> = body.split_whitespace().map(regex::escape).collect();
    let mut p = words.join(r"\s+");
    if prefix {
        p.push_str(r"[\w'’-]*");
    }
    let wordy = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    if wordy(body.chars().next()) {
        p.insert_str(0, r"\b");
    }
    if prefix || wordy(body.chars().last()) {
        p.push_str(r"\b");
    }
    p
}

/// The pattern of an entry written right after a number, which may touch it (`180ms`, `5%`).
fn tail_pattern(entry: &str) -> String {
    entry_pattern(entry).trim_start_matches(r"\b").to_string()
}

/// A unit name: matched as written when it is one letter (`s`, `h`, `d`), else in any case; it
/// may touch the number before it.
fn unit_pattern(name: &str) -> String {
    let mut p = tail_pattern(name);
    if name.chars().count() == 1 {
        p = format!("(?-i:{p})");
    }
    p
}

/// An alternation of `items`, longest first (so `seconds` is tried before `s`).
fn alternation<'a>(items: impl Iterator<Item = &'a str>, pattern: fn(&str) -> String) -> String {
    let mut items: Vec<&str> = items.collect();
    items.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    items.dedup();
    items
        .iter()
        .map(|i| pattern(i))
        .collect::<Vec<_>>()
        .join("|")
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `file:line:col` of the first occurrence of `needle` (quoted, as in the file) in `text`.
fn place(text: &str, needle: &str) -> String {
    let quoted = format!("\"{needle}\"");
    let at = text
        .find(&quoted)
        .or_else(|| text.find(needle))
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{PATH}:{line}:{col}")
}

const PERIOD_NAMES: [&str; 7] = ["second", "minute", "hour", "day", "week", "month", "year"];

impl Units {
    /// Checks what the types cannot: no empty lists or names, sensible numbers, known periods,
    /// ISO currency codes, no name given to two units. The error names `file:line:col`.
    fn validate(&self, text: &str) -> Result<(), String> {
        let bad = |needle: &str, why: &str| Err(format!("{}: {why}", place(text, needle)));
        let lists: [(&str, &Vec<String>); 27] = [
            ("once_words", &self.once_words),
            ("duration_prepositions", &self.duration_prepositions),
            ("percent_signs", &self.percent_signs),
            ("data_units", &self.data_units),
            ("not_storage_words", &self.not_storage_words),
            ("operation_nouns", &self.operation_nouns),
            ("volume_nouns", &self.volume_nouns),
            ("concurrency_words", &self.concurrency_words),
            ("team_words", &self.team_words),
            ("availability_words", &self.availability_words),
            ("median_words", &self.median_words),
            ("latency_words", &self.latency_words),
            ("latency_bounds", &self.latency_bounds),
            ("not_latency_before", &self.not_latency_before),
            ("retention_words", &self.retention_words),
            ("not_retention_before", &self.not_retention_before),
            ("rpo_names", &self.rpo_names),
            ("rto_names", &self.rto_names),
            ("loss_words", &self.loss_words),
            ("lost_things", &self.lost_things),
            ("back_words", &self.back_words),
            ("failure_words", &self.failure_words),
            ("recovery_words", &self.recovery_words),
            ("budget_words", &self.budget_words),
            ("budget_bounds", &self.budget_bounds),
            ("not_budget_words", &self.not_budget_words),
            ("stop_words", &self.stop_words),
        ];
        for (name, list) in lists {
            if list.is_empty() {
                return bad(name, &format!("`{name}` is empty"));
            }
            for entry in list {
                if entry.trim().is_empty() || entry.trim() != entry {
                    return bad(entry, &format!("an entry of `{name}` is blank or padded"));
                }
                if entry.trim_end_matches('*').contains('*') {
                    return bad(entry, "`*` may only end an entry");
                }
            }
        }
        let mut numbers = HashSet::new();
        for (word, value) in self.number_words.iter().chain(&self.scale_words) {
            if !value.is_finite() || *value < 0.0 || word.trim().is_empty() {
                return bad(word, "a number word needs a finite, non-negative value");
            }
            if !numbers.insert(word.to_lowercase()) {
                return bad(word, "this number word is listed twice");
            }
        }
        for s in &self.suffixes {
            if s.text.is_empty() || !s.factor.is_finite() || s.factor <= 0.0 {
                return bad(&s.text, "a suffix needs text and a positive factor");
            }
        }
        for (word, value) in &self.fractions {
            if !(0.0..1.0).contains(value) || *value == 0.0 {
                return bad(word, "a fraction lies between 0 and 1");
            }
        }
        let mut units = HashSet::new();
        for d in &self.durations {
            if d.names.is_empty() || !d.seconds.is_finite() || d.seconds <= 0.0 {
                return bad("Duration", "a duration needs names and a positive length");
            }
            if let Some(p) = &d.period
                && !PERIOD_NAMES.contains(&p.as_str())
            {
                return bad(
                    p,
                    "unknown period (second, minute, hour, day, week, month, year)",
                );
            }
            for n in &d.names {
                let key = if n.chars().count() == 1 {
                    n.clone()
                } else {
                    n.to_lowercase()
                };
                if n.is_empty() || !units.insert(key) {
                    return bad(n, "a unit name is empty or given to two units");
                }
            }
        }
        for (name, unit) in &self.data_unit_names {
            if name.trim().is_empty() || !self.data_units.contains(unit) {
                return bad(
                    name,
                    "a data unit name needs a word and a unit listed in `data_units`",
                );
            }
        }
        for (adverb, period) in &self.period_adverbs {
            if !PERIOD_NAMES.contains(&period.as_str()) {
                return bad(adverb, "an adverb must name a known period");
            }
        }
        let mut codes = HashSet::new();
        for c in &self.currencies {
            if c.code.len() != 3 || !c.code.chars().all(|ch| ch.is_ascii_uppercase()) {
                return bad(
                    &c.code,
                    "a currency code is three capital letters (ISO 4217)",
                );
            }
            if !codes.insert(c.code.clone()) {
                return bad(&c.code, "this currency is listed twice");
            }
            if c.symbols
                .iter()
                .chain(&c.words)
                .any(|s| s.trim().is_empty())
            {
                return bad(&c.code, "a currency symbol or word is blank");
            }
        }
        for r in &self.rate_abbreviations {
            if r.names.is_empty()
                || r.unit.is_empty()
                || r.per_seconds.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
            {
                return bad(
                    &r.unit,
                    "a rate abbreviation needs names, a unit and a period",
                );
            }
        }
        for (from, to) in &self.noun_aliases {
            if from.is_empty() || to.is_empty() {
                return bad(from, "an alias needs both names");
            }
        }
        for n in &self.capacity_nouns {
            if n.words.is_empty() || n.words.iter().any(|w| w.trim().is_empty()) {
                return bad("CapacityNoun", "a capacity noun needs words");
            }
        }
        Ok(())
    }
}

impl Lexicon {
    /// Parses, checks and compiles a data file's text. Errors name `file:line:col`.
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let units: Units =
            crate::files::from_ron(Path::new(PATH), text).map_err(|e| e.to_string())?;
        units.validate(text)?;
        Ok(Lexicon::compile(units))
    }

    fn compile(u: Units) -> Lexicon {
        let words = |l: &[String]| WordList::new(l);
        let number_words: HashMap<String, f64> = u
            .number_words
            .iter()
            .map(|(w, v)| (w.to_lowercase(), *v))
            .collect();
        let scale_words: HashMap<String, f64> = u
            .scale_words
            .iter()
            .map(|(w, v)| (w.to_lowercase(), *v))
            .collect();
        let mut times = HashMap::new();
        let mut periods = HashMap::new();
        for d in &u.durations {
            for n in &d.names {
                let key = if n.chars().count() == 1 {
                    n.clone()
                } else {
                    n.to_lowercase()
                };
                times.insert(
                    key,
                    TimeUnit {
                        seconds: d.seconds,
                        period: d.period.clone(),
                    },
                );
            }
            if let Some(p) = &d.period {
                periods.insert(p.clone(), d.seconds);
            }
        }
        let mut currency_marks = HashMap::new();
        for c in &u.currencies {
            currency_marks.insert(c.code.clone(), c.code.clone());
            for s in c.symbols.iter().chain(&c.words) {
                currency_marks.insert(norm(s), c.code.clone());
            }
        }
        let mut rate_abbreviations = HashMap::new();
        for r in &u.rate_abbreviations {
            for n in &r.names {
                rate_abbreviations.insert(n.to_lowercase(), (r.unit.clone(), r.per_seconds));
            }
        }
        let nouns: Vec<Noun> = u
            .capacity_nouns
            .iter()
            .flat_map(|n| {
                n.words.iter().map(|w| Noun {
                    words: w.split_whitespace().map(str::to_lowercase).collect(),
                    unit: n.unit.clone(),
                    people: n.people,
                    concurrent_only: n.concurrent_only,
                })
            })
            .collect();
        let people_units = nouns
            .iter()
            .filter(|n| n.people)
            .map(|n| {
                n.unit
                    .clone()
                    .unwrap_or_else(|| n.words.join(" "))
                    .to_lowercase()
            })
            .collect();

        // The building blocks of the quantity pattern.
        let digits = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:[\u{a0}\u{202f} ][0-9]{3})+\b|[0-9]+(?:\.[0-9]+)?";
        let word_number = alternation(
            u.number_words
                .iter()
                .chain(&u.scale_words)
                .map(|(w, _)| w.as_str()),
            entry_pattern,
        );
        let scale = alternation(u.scale_words.iter().map(|(w, _)| w.as_str()), entry_pattern);
        // "one hundred and twenty", "two thousand and fifty": `and` only after a scale word (so
        // "between two and five minutes" stays two numbers).
        let words_num = format!(
            r"(?:an?\s+(?:{scale})|{word_number})(?:[\s-]+(?:{scale})\s+and\s+(?:{word_number})|[\s-]+(?:{word_number}))*"
        );
        let mut suffixes: Vec<&Suffix> = u.suffixes.iter().collect();
        suffixes.sort_by_key(|s| std::cmp::Reverse(s.text.len()));
        let mult = suffixes
            .iter()
            .map(|s| {
                let text = regex::escape(&s.text);
                let text = if s.exact_case {
                    format!("(?-i:{text})")
                } else {
                    text
                };
                format!("{}{text}\\b", if s.spaced { r"\s?" } else { "" })
            })
            .chain([format!(r"\s+(?:{scale})")])
            .collect::<Vec<_>>()
            .join("|");
        let time_names: Vec<&str> = u
            .durations
            .iter()
            .flat_map(|d| d.names.iter().map(String::as_str))
            .collect();
        let time_unit = alternation(time_names.iter().copied(), unit_pattern);
        let period_unit = alternation(
            u.durations
                .iter()
                .filter(|d| d.period.is_some())
                .flat_map(|d| d.names.iter().map(String::as_str)),
            unit_pattern,
        );
        let fractions = alternation(u.fractions.iter().map(|(w, _)| w.as_str()), entry_pattern);
        let percent = alternation(u.percent_signs.iter().map(String::as_str), tail_pattern);
        let data = alternation(
            u.data_units
                .iter()
                .chain(u.data_unit_names.iter().map(|(name, _)| name))
                .map(String::as_str),
            tail_pattern,
        );
        let symbols = alternation(
            u.currencies
                .iter()
                .flat_map(|c| c.symbols.iter().map(String::as_str)),
            entry_pattern,
        );
        let codes = alternation(u.currencies.iter().map(|c| c.code.as_str()), entry_pattern);
        let codes_after = alternation(u.currencies.iter().map(|c| c.code.as_str()), tail_pattern);
        let currency_words = alternation(
            u.currencies
                .iter()
                .flat_map(|c| c.words.iter().map(String::as_str)),
            tail_pattern,
        );
        let abbreviations = alternation(
            u.rate_abbreviations
                .iter()
                .flat_map(|r| r.names.iter().map(String::as_str)),
            tail_pattern,
        );
        let half = r"\s+and\s+a\s+half\b";
        let quantity = regex(&format!(
            r"(?i)(?P<cur_pre>{symbols}|(?-i:{codes}))\s?(?P<cur_num>{digits})(?P<cur_mult>{mult})?|\b(?P<frac>(?:(?:an?|one)\s+)?(?:{fractions}))\s+(?:of\s+)?(?:an?\s+)?(?P<frac_unit>{time_unit})|\b(?P<art>an?)\s+(?P<art_unit>{time_unit})(?P<art_half>{half})?|\b(?P<num>{digits}|{words_num})(?P<mult>{mult})?(?:(?P<half1>{half})?[\s-]*(?P<unit>{time_unit})(?P<half2>{half})?|(?P<pct_half>{half})?\s?(?P<pct>{percent})|[\s-]?(?P<data>{data})|\s?(?P<cur_post>(?-i:{codes_after})|{currency_words})|\s?(?P<abbr>{abbreviations})|[\s-]+(?P<nines>nines)\b)?"
        ));
        let period_after = regex(&format!(
            r"(?i)^\s*(?:/\s*|(?:per|an?|each|every)\s+)(?P<p>{period_unit})"
        ));
        let data_period_after = regex(&format!(
            r"(?i)^(?:\s+of(?:\s+[A-Za-z][A-Za-z'’-]*){{1,4}}?)?\s*(?:/\s*|(?:per|an?|each|every)\s+)(?P<p>{period_unit})"
        ));
        let adverbs: HashMap<String, String> = u
            .period_adverbs
            .iter()
            .map(|(a, p)| (a.to_lowercase(), p.clone()))
            .collect();
        let adverb = alternation(
            u.period_adverbs.iter().map(|(a, _)| a.as_str()),
            entry_pattern,
        );
        let adverb_after = regex(&format!(r"(?i)^\s*,?\s*(?P<p>{adverb})"));
        let period_anywhere = regex(&format!(
            r"(?i)(?:\b(?:per|an?|each|every)\s+|\bfor\s+(?:the\s+(?:first|next|coming)\s+|each\s+|every\s+|one\s+)?|/\s*)(?P<p>{period_unit})|(?P<a>{adverb})"
        ));
        let latency = words(&u.latency_words);
        let latency_near = regex(&format!(r"(?i)(?:{})[^0-9;|]{{0,40}}$", latency.pattern));
        let lost = alternation(u.lost_things.iter().map(String::as_str), entry_pattern);
        let lost_after = regex(&format!(
            r"(?i)^\s+of\s+(?:[A-Za-z][\w'’-]*\s+){{0,2}}?(?P<t>{lost})"
        ));
        let within = |words: usize| {
            format!(
                r"(?:\s+[A-Za-z][\w'’-]*){{0,{words}}}?\s+(?:with)?in\s+(?:(?:under|less\s+than|at\s+most|no\s+more\s+than)\s+)?$"
            )
        };
        let back = alternation(u.back_words.iter().map(String::as_str), entry_pattern);
        let back_before = regex(&format!(r"(?i)(?:{back}){}", within(2)));
        let recovery = alternation(u.recovery_words.iter().map(String::as_str), entry_pattern);
        let recovery_before = regex(&format!(r"(?i)(?:{recovery}){}", within(6)));
        Lexicon {
            quantity,
            period_after,
            data_period_after,
            adverb_after,
            period_anywhere,
            percent_pattern: percent.clone(),
            number_words,
            scale_words,
            suffixes: u
                .suffixes
                .iter()
                .map(|s| (s.text.clone(), s.factor, s.exact_case))
                .collect(),
            fractions: u.fractions.iter().map(|(w, v)| (norm(w), *v)).collect(),
            times,
            periods,
            adverbs,
            currency_marks,
            data_units: u
                .data_units
                .iter()
                .map(|d| (d.to_lowercase(), d.clone()))
                .chain(
                    u.data_unit_names
                        .iter()
                        .map(|(name, unit)| (name.to_lowercase(), unit.clone())),
                )
                .collect(),
            rate_abbreviations,
            aliases: u
                .noun_aliases
                .iter()
                .map(|(a, b)| (a.to_lowercase(), b.clone()))
                .collect(),
            operation_nouns: u.operation_nouns.iter().map(|n| norm(n)).collect(),
            volume_nouns: u.volume_nouns.iter().map(|n| norm(n)).collect(),
            nouns,
            people_units,
            once: words(&u.once_words),
            duration_prepositions: words(&u.duration_prepositions),
            not_storage: words(&u.not_storage_words),
            concurrency: words(&u.concurrency_words),
            team: words(&u.team_words),
            availability: words(&u.availability_words),
            median: words(&u.median_words),
            latency,
            latency_near,
            latency_bounds: words(&u.latency_bounds),
            not_latency_before: words(&u.not_latency_before),
            retention: words(&u.retention_words),
            not_retention_before: words(&u.not_retention_before),
            rpo_names: words(&u.rpo_names),
            rto_names: words(&u.rto_names),
            loss: words(&u.loss_words),
            lost_after,
            back_before,
            recovery_before,
            failure: words(&u.failure_words),
            budget: words(&u.budget_words),
            budget_bounds: words(&u.budget_bounds),
            not_budget: words(&u.not_budget_words),
            stop: words(&u.stop_words),
        }
    }

    /// The value of a number written in words (`twelve thousand`, `forty-five`, `a million`,
    /// `one hundred and twenty`: `and` only right after a scale word).
    pub fn word_number(&self, text: &str) -> Option<f64> {
        let mut total = 0.0;
        let mut current: Option<f64> = None;
        let mut after_scale = false;
        for w in text.split(|c: char| c.is_whitespace() || c == '-') {
            if w.is_empty() {
                continue;
            }
            let w = w.to_lowercase();
            let scale = self.scale_words.contains_key(&w);
            if w == "and" {
                if !after_scale {
                    return None;
                }
                after_scale = false;
                continue;
            }
            after_scale = scale;
            if w == "a" || w == "an" {
                current = Some(1.0);
            } else if let Some(v) = self.number_words.get(&w) {
                current = Some(current.unwrap_or(0.0) + v);
            } else if let Some(s) = self.scale_words.get(&w) {
                let c = current.unwrap_or(1.0);
                if *s < 1000.0 {
                    current = Some(c * s);
                } else {
                    total += c * s;
                    current = None;
                }
            } else {
                return None;
            }
        }
        Some(total + current.unwrap_or(0.0))
    }

    /// The factor of a multiplier as matched (`k`, ` M`, ` million`).
    pub fn multiplier(&self, text: &str) -> f64 {
        let t = text.trim();
        if let Some(s) = self.scale_words.get(&t.to_lowercase()) {
            return *s;
        }
        self.suffixes
            .iter()
            .find(|(s, _, exact)| *s == t || (!exact && s.eq_ignore_ascii_case(t)))
            .map_or(1.0, |(_, f, _)| *f)
    }

    /// A fraction's value (`half` → 0.5, `a quarter` → 0.25).
    pub fn fraction(&self, text: &str) -> Option<f64> {
        let n = norm(text);
        let n = n
            .strip_prefix("a ")
            .or_else(|| n.strip_prefix("an "))
            .or_else(|| n.strip_prefix("one "))
            .unwrap_or(&n);
        self.fractions.get(n).copied()
    }

    /// A unit of time by name.
    pub fn time(&self, name: &str) -> Option<&TimeUnit> {
        if name.chars().count() == 1 {
            self.times.get(name)
        } else {
            self.times.get(&name.to_lowercase())
        }
    }

    /// The length of a period (`month`) in seconds.
    pub fn period_seconds(&self, period: &str) -> Option<f64> {
        self.periods.get(period).copied()
    }

    /// The period an adverb names (`annually` → `year`).
    pub fn adverb_period(&self, adverb: &str) -> Option<&str> {
        self.adverbs.get(&adverb.to_lowercase()).map(String::as_str)
    }

    /// The ISO code of a currency symbol, code or word.
    pub fn currency(&self, mark: &str) -> Option<&str> {
        let mark = mark.trim();
        self.currency_marks
            .get(mark)
            .or_else(|| self.currency_marks.get(&norm(mark)))
            .map(String::as_str)
    }

    /// A data unit as the data file spells it (`tb` → `TB`).
    pub fn data_unit(&self, unit: &str) -> Option<&str> {
        self.data_units
            .get(&unit.to_lowercase())
            .map(String::as_str)
    }

    /// A rate abbreviation: what it counts and per how many seconds.
    pub fn rate_abbreviation(&self, name: &str) -> Option<(&str, f64)> {
        self.rate_abbreviations
            .get(&norm(name))
            .map(|(u, s)| (u.as_str(), *s))
    }

    /// What is counted, as a figure names it: an alias's target, else the word in lower case and
    /// plural (`request` → `requests`).
    pub fn counted(&self, noun: &str) -> String {
        let n = norm(noun);
        if let Some(a) = self.aliases.get(&n) {
            return a.clone();
        }
        if n.ends_with('s') { n } else { format!("{n}s") }
    }

    /// Whether a noun (as [`Lexicon::counted`] names it) counts operations.
    pub fn is_operation(&self, counted: &str) -> bool {
        self.operation_nouns.contains(counted)
    }

    /// Whether a noun counts business items (a volume per day or longer is a capacity).
    pub fn is_volume(&self, counted: &str) -> bool {
        self.volume_nouns.contains(counted)
    }

    /// Whether a word names a unit of time, a data unit, a currency or a number: not a noun that
    /// something is counted in.
    pub fn is_unit_word(&self, word: &str) -> bool {
        self.time(word).is_some()
            || self.data_unit(word).is_some()
            || self.currency(word).is_some()
            || self.word_number(word).is_some()
    }

    /// Whether a capacity unit counts people (`users`, `concurrent users`, `MAU`, `patients`).
    pub fn counts_people(&self, unit: &str) -> bool {
        let u = unit.trim().to_lowercase();
        let u = u.strip_prefix("concurrent ").unwrap_or(&u);
        self.people_units.contains(u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_checks_out() {
        let lex = Lexicon::parse(TEXT).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lex.word_number("twelve thousand"), Some(12_000.0));
        assert_eq!(lex.word_number("forty-five"), Some(45.0));
        assert_eq!(lex.word_number("a million"), Some(1e6));
        assert_eq!(lex.word_number("two hundred fifty"), Some(250.0));
        assert_eq!(lex.word_number("one hundred thousand"), Some(100_000.0));
        assert_eq!(lex.word_number("zero"), Some(0.0));
        assert_eq!(lex.multiplier("k"), 1e3);
        assert_eq!(lex.multiplier(" M"), 1e6);
        assert_eq!(lex.multiplier("bn"), 1e9);
        assert_eq!(lex.multiplier(" million"), 1e6);
        assert_eq!(lex.fraction("a quarter"), Some(0.25));
        assert_eq!(lex.time("hrs").map(|t| t.seconds), Some(3600.0));
        assert!(lex.time("S").is_none(), "one-letter units match as written");
        assert_eq!(lex.currency("€"), Some("EUR"));
        assert_eq!(lex.currency("US$"), Some("USD"));
        assert_eq!(lex.currency("pounds  sterling"), Some("GBP"));
        assert_eq!(lex.data_unit("tb"), Some("TB"));
        assert_eq!(lex.rate_abbreviation("TPS"), Some(("transactions", 1.0)));
        assert_eq!(lex.counted("Request"), "requests");
        assert_eq!(lex.counted("msgs"), "messages");
        assert!(lex.counts_people("concurrent users"));
        assert!(lex.counts_people("MAU"));
        assert!(!lex.counts_people("tenants"));
        assert!(lex.availability.in_text("is Available"));
        assert!(lex.latency_bounds.ends("responds in under "));
        assert!(lex.stop.is("The"));
    }

    #[test]
    fn a_broken_data_file_is_reported_with_its_place() {
        let broken = TEXT.replacen("number_words: [", "number_words: [ (\"zero\" 0),", 1);
        let e = Lexicon::parse(&broken).unwrap_err();
        assert!(
            e.starts_with("assets/extraction/units.ron:"),
            "the error names the file: {e}"
        );
        let place: Vec<&str> = e.splitn(4, ':').collect();
        assert!(
            place[1].parse::<usize>().is_ok() && place[2].parse::<usize>().is_ok(),
            "and a line and column: {e}"
        );

        let unknown = TEXT.replacen("period: Some(\"month\")", "period: Some(\"fortnight\")", 1);
        let e = Lexicon::parse(&unknown).unwrap_err();
        let line = unknown[..unknown.find("\"fortnight\"").unwrap()]
            .matches('\n')
            .count()
            + 1;
        assert!(
            e.starts_with(&format!("assets/extraction/units.ron:{line}:")),
            "a check names the entry's line: {e}"
        );
        assert!(e.contains("unknown period"), "{e}");

        let code = TEXT.replacen("code: \"CHF\"", "code: \"Chf\"", 1);
        assert!(Lexicon::parse(&code).unwrap_err().contains("ISO 4217"));
    }
}
