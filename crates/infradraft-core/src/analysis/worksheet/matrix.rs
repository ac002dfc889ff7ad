//! Decision matrix for "Alternative Architecture Evaluation": options scored 1–5 on weighted
//! criteria, the weighted average per option, the ranking, and how sensitive the winner is to a
//! change of any single weight.
//!
//! # Model
//! - A weight counts only when it is finite and positive; zero, negative and NaN weights count as 0.
//! - A score counts as given (1 = worst … 5 = best); a missing score (the option has fewer scores
//!   than there are criteria) or a score of 0 counts as 0, and scores above 5 count as 5.
//! - The weighted total of an option is `Σ wᵢ·sᵢ / Σ wᵢ`, a weighted average on the 1–5 scale; when
//!   all weights are 0 every total is 0.
//! - Totals are compared after rounding to 9 decimals, so floating-point noise never separates two
//!   options that tie; ties keep the options' original order.

use crate::model::{Criterion, OptionScores};

use super::non_negative;

/// The default criteria of a decision matrix, in order.
pub const DEFAULT_CRITERIA: [&str; 7] = [
    "Cost",
    "Complexity",
    "Scalability",
    "Security",
    "Operability",
    "Team skills",
    "Lock-in",
];

/// The default weight of each of [`DEFAULT_CRITERIA`]: cost and security weigh most (3), lock-in
/// least (1), the rest 2 — money and risk usually decide, lock-in is a tie-breaker.
pub const DEFAULT_WEIGHTS: [f64; 7] = [3.0, 2.0, 2.0, 3.0, 2.0, 2.0, 1.0];

/// The relative weight change the report tests the winner against (±25%).
pub const SENSITIVITY_DELTA: f64 = 0.25;

/// [`DEFAULT_CRITERIA`] with [`DEFAULT_WEIGHTS`].
pub fn default_criteria() -> Vec<Criterion> {
    DEFAULT_CRITERIA
        .iter()
        .zip(DEFAULT_WEIGHTS)
        .map(|(name, weight)| Criterion {
            name: (*name).to_string(),
            weight,
        })
        .collect()
}

/// The weight as it counts: finite and positive, else 0.
pub fn effective_weight(weight: f64) -> f64 {
    non_negative(weight)
}

/// The score as it counts: 0 (missing) to 5.
pub fn effective_score(score: Option<u8>) -> f64 {
    f64::from(score.unwrap_or(0).min(5))
}

fn total_with(weights: &[f64], option: &OptionScores) -> f64 {
    let sum_w: f64 = weights.iter().sum();
    if sum_w <= 0.0 || !sum_w.is_finite() {
        return 0.0;
    }
    let sum_ws: f64 = weights
        .iter()
        .enumerate()
        .map(|(i, w)| w * effective_score(option.scores.get(i).copied()))
        .sum();
    sum_ws / sum_w
}

fn weights_of(criteria: &[Criterion]) -> Vec<f64> {
    criteria
        .iter()
        .map(|c| effective_weight(c.weight))
        .collect()
}

/// The weighted total (`Σ wᵢ·sᵢ / Σ wᵢ`) of one option; 0 when all weights are 0.
pub fn weighted_total(criteria: &[Criterion], option: &OptionScores) -> f64 {
    total_with(&weights_of(criteria), option)
}

/// The weighted total of every option, in option order.
pub fn weighted_totals(criteria: &[Criterion], scores: &[OptionScores]) -> Vec<f64> {
    let weights = weights_of(criteria);
    scores.iter().map(|o| total_with(&weights, o)).collect()
}

/// Option indices ordered by total, highest first; equal totals keep their original order.
fn rank_totals(totals: &[f64]) -> Vec<usize> {
    let keys: Vec<f64> = totals.iter().map(|t| (t * 1e9).round()).collect();
    let mut order: Vec<usize> = (0..totals.len()).collect();
    order.sort_by(|&a, &b| keys[b].total_cmp(&keys[a]));
    order
}

/// Option indices, best first; ties broken by original order.
pub fn ranking(criteria: &[Criterion], scores: &[OptionScores]) -> Vec<usize> {
    rank_totals(&weighted_totals(criteria, scores))
}

/// The index of the best option; `None` when there are no options.
pub fn winner(criteria: &[Criterion], scores: &[OptionScores]) -> Option<usize> {
    ranking(criteria, scores).first().copied()
}

/// Which way a weight was moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// +1 for up, −1 for down.
    pub fn sign(self) -> i8 {
        match self {
            Direction::Up => 1,
            Direction::Down => -1,
        }
    }

    /// `+` or `−` (a minus sign), for reports.
    pub fn symbol(self) -> &'static str {
        match self {
            Direction::Up => "+",
            Direction::Down => "−",
        }
    }
}

/// A single weight move that changes the winner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SensitivityFlip {
    /// Index of the criterion whose weight moved.
    pub criterion: usize,
    pub direction: Direction,
    /// Index of the option that wins after the move.
    pub new_winner: usize,
}

/// Every single-weight move by `+delta` and `−delta` (relative: 0.25 is ±25%) that changes the
/// winner, in criterion order, up before down. A moved weight is `w·(1 ± delta)`, floored at 0.
/// Criteria whose weight counts as 0 are not moved (a relative move of 0 is 0). No flips when there
/// are no options, or when `delta` is not finite or not positive.
pub fn sensitivity(
    criteria: &[Criterion],
    scores: &[OptionScores],
    delta: f64,
) -> Vec<SensitivityFlip> {
    let mut flips = Vec::new();
    if !(delta.is_finite() && delta > 0.0) {
        return flips;
    }
    let weights = weights_of(criteria);
    let winner_with = |w: &[f64]| -> Option<usize> {
        let totals: Vec<f64> = scores.iter().map(|o| total_with(w, o)).collect();
        rank_totals(&totals).first().copied()
    };
    let Some(base) = winner_with(&weights) else {
        return flips;
    };
    for (i, &w) in weights.iter().enumerate() {
        if w <= 0.0 {
            continue;
        }
        for direction in [Direction::Up, Direction::Down] {
            let mut moved = weights.clone();
            moved[i] = non_negative(w * (1.0 + f64::from(direction.sign()) * delta));
            if let Some(new_winner) = winner_with(&moved)
                && new_winner != base
            {
                flips.push(SensitivityFlip {
                    criterion: i,
                    direction,
                    new_winner,
                });
            }
        }
    }
    flips
}

/// True when no single weight moved by ±`delta` changes the winner.
pub fn is_robust(criteria: &[Criterion], scores: &[OptionScores], delta: f64) -> bool {
    sensitivity(criteria, scores, delta).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crit(ws: &[f64]) -> Vec<Criterion> {
        ws.iter()
            .enumerate()
            .map(|(i, w)| Criterion {
                name: format!("C{i}"),
                weight: *w,
            })
            .collect()
    }

    fn opt(name: &str, s: &[u8]) -> OptionScores {
        OptionScores {
            option: name.into(),
            scores: s.to_vec(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn defaults_line_up() {
        let c = default_criteria();
        assert_eq!(c.len(), 7);
        assert_eq!(c[0].name, "Cost");
        assert_eq!(c[0].weight, 3.0);
        assert_eq!(c[6].name, "Lock-in");
        assert_eq!(c[6].weight, 1.0);
    }

    #[test]
    fn weighted_average() {
        // weights 3, 2; X = [5, 1] → (15 + 2) / 5 = 3.4; Y = [2, 5] → (6 + 10) / 5 = 3.2
        let c = crit(&[3.0, 2.0]);
        let s = [opt("X", &[5, 1]), opt("Y", &[2, 5])];
        let t = weighted_totals(&c, &s);
        assert!(close(t[0], 3.4) && close(t[1], 3.2), "{t:?}");
        assert_eq!(ranking(&c, &s), vec![0, 1]);
        assert_eq!(winner(&c, &s), Some(0));
    }

    #[test]
    fn bad_weights_and_missing_scores_count_as_zero() {
        // weights 2, −1 (→0), NaN (→0), 2; X = [4, 5, 5] + missing → (8 + 0) / 4 = 2.0
        let c = crit(&[2.0, -1.0, f64::NAN, 2.0]);
        let s = [opt("X", &[4, 5, 5])];
        assert!(close(weighted_totals(&c, &s)[0], 2.0));
        // a score of 9 counts as 5: weight 1 → 5 / 1 = 5
        assert!(close(weighted_total(&crit(&[1.0]), &opt("Y", &[9])), 5.0));
    }

    #[test]
    fn all_zero_weights_give_zero_totals() {
        let c = crit(&[0.0, f64::INFINITY, -3.0]);
        let s = [opt("X", &[5, 5, 5]), opt("Y", &[1, 1, 1])];
        assert_eq!(weighted_totals(&c, &s), vec![0.0, 0.0]);
        // all tied: original order
        assert_eq!(ranking(&c, &s), vec![0, 1]);
        assert!(is_robust(&c, &s, 0.25));
    }

    #[test]
    fn empty_inputs() {
        assert!(weighted_totals(&[], &[]).is_empty());
        assert!(ranking(&crit(&[1.0]), &[]).is_empty());
        assert_eq!(winner(&[], &[]), None);
        assert!(sensitivity(&[], &[], 0.25).is_empty());
        // no criteria: totals 0
        assert_eq!(weighted_totals(&[], &[opt("X", &[5])]), vec![0.0]);
    }

    #[test]
    fn ties_keep_original_order() {
        // weights 1, 1; A = [5, 1] → 3; B = [3, 3] → 3; C = [4, 4] → 4
        let c = crit(&[1.0, 1.0]);
        let s = [opt("A", &[5, 1]), opt("B", &[3, 3]), opt("C", &[4, 4])];
        assert_eq!(ranking(&c, &s), vec![2, 0, 1]);
        // 0.1 + 0.2 style noise: weights 0.1, 0.2 with A = [3, 3], B = [3, 3] tie exactly in value
        let c = crit(&[0.1, 0.2]);
        let s = [opt("A", &[3, 3]), opt("B", &[3, 3])];
        assert_eq!(ranking(&c, &s), vec![0, 1]);
    }

    #[test]
    fn a_25_percent_move_flips_the_winner() {
        // weights A = 3, B = 2; X = [5, 1] → 17/5 = 3.4; Y = [2, 5] → 16/5 = 3.2 → X wins.
        // A +25% (3.75): X = (18.75 + 2) / 5.75 = 3.609; Y = (7.5 + 10) / 5.75 = 3.043 → X
        // A −25% (2.25): X = (11.25 + 2) / 4.25 = 3.118; Y = (4.5 + 10) / 4.25 = 3.412 → Y (flip)
        // B +25% (2.5):  X = (15 + 2.5) / 5.5 = 3.182;   Y = (6 + 12.5) / 5.5 = 3.364  → Y (flip)
        // B −25% (1.5):  X = (15 + 1.5) / 4.5 = 3.667;   Y = (6 + 7.5) / 4.5 = 3.0     → X
        let c = crit(&[3.0, 2.0]);
        let s = [opt("X", &[5, 1]), opt("Y", &[2, 5])];
        assert_eq!(
            sensitivity(&c, &s, 0.25),
            vec![
                SensitivityFlip {
                    criterion: 0,
                    direction: Direction::Down,
                    new_winner: 1
                },
                SensitivityFlip {
                    criterion: 1,
                    direction: Direction::Up,
                    new_winner: 1
                },
            ]
        );
        assert!(!is_robust(&c, &s, 0.25));
    }

    #[test]
    fn a_10_percent_move_does_not() {
        // Same matrix, ±10%. X beats Y while wA/wB > 4/3 (X − Y ∝ 3·wA − 4·wB).
        // A −10% (2.7): 2.7/2 = 1.35 > 1.333 → X (X = 15.5/4.7 = 3.298, Y = 15.4/4.7 = 3.277)
        // B +10% (2.2): 3/2.2 = 1.364 > 1.333 → X; the other two moves favour X further.
        let c = crit(&[3.0, 2.0]);
        let s = [opt("X", &[5, 1]), opt("Y", &[2, 5])];
        assert!(is_robust(&c, &s, 0.10));
    }

    #[test]
    fn a_clear_winner_is_robust() {
        // X dominates Y on every criterion: no weight move can flip it.
        let c = crit(&[3.0, 2.0, 1.0]);
        let s = [opt("Y", &[2, 2, 2]), opt("X", &[4, 5, 3])];
        assert_eq!(winner(&c, &s), Some(1));
        assert!(is_robust(&c, &s, 0.25));
        assert!(is_robust(&c, &s, 0.9));
    }

    #[test]
    fn bad_deltas_give_no_flips() {
        let c = crit(&[3.0, 2.0]);
        let s = [opt("X", &[5, 1]), opt("Y", &[2, 5])];
        assert!(sensitivity(&c, &s, 0.0).is_empty());
        assert!(sensitivity(&c, &s, -0.25).is_empty());
        assert!(sensitivity(&c, &s, f64::NAN).is_empty());
        // delta > 1 floors the weight at 0 instead of going negative: A −150% → wA = 0 → Y wins
        let flips = sensitivity(&c, &s, 1.5);
        assert!(flips.contains(&SensitivityFlip {
            criterion: 0,
            direction: Direction::Down,
            new_winner: 1
        }));
    }
}
