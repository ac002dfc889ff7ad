//! A list of phrases from a knowledge file, found in text as whole words: a space or a hyphen in a
//! phrase matches any run of spaces and hyphens; a phrase written in capitals (`EU`, `UK`) matches
//! only as written, any other phrase in any case.

use regex::Regex;

/// Phrases, and the one expression that finds them (longest first, so that "single availability
/// zone" wins over "single").
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    list: Vec<String>,
    regex: Option<Regex>,
}

fn pattern(phrase: &str) -> String {
    let mut p = String::new();
    let sensitive =
        phrase.chars().any(char::is_uppercase) && !phrase.chars().any(char::is_lowercase);
    p.push_str(if sensitive { "(?-i:" } else { "(?i:" });
    if phrase.chars().next().is_some_and(char::is_alphanumeric) {
        p.push_str(r"\b");
    }
    let words: Vec<String> = phrase
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(regex::escape)
        .collect();
    p.push_str(&words.join(r"[\s\-]+"));
    if phrase.chars().last().is_some_and(char::is_alphanumeric) {
        p.push_str(r"\b");
    }
    p.push(')');
    p
}

impl Phrases {
    /// Phrases from a list; blank ones are left out.
    pub fn new(list: Vec<String>) -> Phrases {
        let mut out = Phrases::default();
        out.extend(list);
        out
    }

    /// Adds phrases (blank ones and ones already known are left out).
    pub fn extend(&mut self, more: Vec<String>) {
        for p in more {
            let p = p.trim().to_string();
            if !p.is_empty() && !self.list.contains(&p) {
                self.list.push(p);
            }
        }
        let mut sorted: Vec<&String> = self.list.iter().collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let joined = sorted
            .iter()
            .map(|p| pattern(p))
            .collect::<Vec<_>>()
            .join("|");
        // Every phrase is escaped, so the expression is always valid; an empty list finds nothing.
        self.regex = (!sorted.is_empty())
            .then(|| Regex::new(&joined).ok())
            .flatten();
    }

    /// The phrases, as written in the files.
    pub fn list(&self) -> &[String] {
        &self.list
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether `text` holds one of the phrases.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.as_ref().is_some_and(|r| r.is_match(text))
    }

    /// Where the phrases stand in `text`, as byte ranges, left to right, without overlaps.
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        self.regex
            .as_ref()
            .map(|r| r.find_iter(text).map(|m| (m.start(), m.end())).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_hyphens_and_capitals() {
        let p = Phrases::new(vec![
            "single az".into(),
            "EU".into(),
            "multi-region US".into(),
            "≈".into(),
        ]);
        assert!(p.is_match("RDS runs single-AZ in eu-west-2a"));
        assert!(p.is_match("data stays in the EU."));
        assert!(!p.is_match("the eu flag"), "capitals match only as written");
        assert!(!p.is_match("singleaz"));
        assert!(p.is_match("a dataset in the multi region US location"));
        assert_eq!(p.find("cost ≈ £12k"), vec![(5, 8)]);
        assert!(!Phrases::default().is_match("anything"));
    }

    #[test]
    fn longer_phrases_win() {
        let p = Phrases::new(vec!["single".into(), "single availability zone".into()]);
        assert_eq!(p.find("a single availability zone"), vec![(2, 26)]);
    }
}
