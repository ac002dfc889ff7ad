//! An option card as plain text, for editing in the person's own editor, and back.
//!
//! ```text
//! name: Managed containers
//! summary: Containers on a managed platform.
//! + No nodes to patch.
//! - Per-second pricing costs more at steady load.
//! tags: containers, managed
//! conflicts: no-containers
//! cost: 3
//! complexity: 2
//! operational_burden: 2
//! lock_in: 3
//! ```

use crate::model::OptionCard;

pub fn to_form(card: &OptionCard) -> String {
    let mut out = format!("name: {}\nsummary: {}\n", card.name, card.summary);
    for p in &card.pros {
        out.push_str(&format!("+ {p}\n"));
    }
    for c in &card.cons {
        out.push_str(&format!("- {c}\n"));
    }
    out.push_str(&format!("tags: {}\n", card.tags.join(", ")));
    out.push_str(&format!("conflicts: {}\n", card.conflicts_with.join(", ")));
    let r = &card.ratings;
    for (k, v) in [
        ("cost", r.cost),
        ("complexity", r.complexity),
        ("operational_burden", r.operational_burden),
        ("lock_in", r.lock_in),
    ] {
        out.push_str(&format!(
            "{k}: {}\n",
            v.map(|v| v.to_string()).unwrap_or_default()
        ));
    }
    out.push_str("# Lines: name, summary, '+ pro', '- con', tags, conflicts, ratings 1-5 (empty = unrated).\n");
    out
}

/// Reads a form back over `card` (its id, fit and catalog link stay). Errors name the line.
pub fn from_form(card: &OptionCard, text: &str) -> Result<OptionCard, String> {
    let mut out = card.clone();
    out.pros.clear();
    out.cons.clear();
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(p) = line.strip_prefix("+ ") {
            out.pros.push(p.trim().to_string());
            continue;
        }
        if let Some(c) = line.strip_prefix("- ") {
            out.cons.push(c.trim().to_string());
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!(
                "line {}: expected `key: value`, `+ pro` or `- con`",
                n + 1
            ));
        };
        let value = value.trim();
        let rating = |v: &str| -> Result<Option<u8>, String> {
            if v.is_empty() {
                return Ok(None);
            }
            match v.parse::<u8>() {
                Ok(r) if (1..=5).contains(&r) => Ok(Some(r)),
                _ => Err(format!("line {}: {key} must be 1 to 5 or empty", n + 1)),
            }
        };
        match key.trim() {
            "name" if value.is_empty() => return Err(format!("line {}: the name is empty", n + 1)),
            "name" => out.name = value.to_string(),
            "summary" => out.summary = value.to_string(),
            "tags" => out.tags = list(value),
            "conflicts" => out.conflicts_with = list(value),
            "cost" => out.ratings.cost = rating(value)?,
            "complexity" => out.ratings.complexity = rating(value)?,
            "operational_burden" => out.ratings.operational_burden = rating(value)?,
            "lock_in" => out.ratings.lock_in = rating(value)?,
            other => return Err(format!("line {}: unknown field {other:?}", n + 1)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ratings;

    #[test]
    fn round_trips_and_reports_bad_lines() {
        let card = OptionCard {
            id: "x".into(),
            name: "Managed containers".into(),
            summary: "Containers.".into(),
            pros: vec!["No nodes.".into(), "Fast.".into()],
            cons: vec!["Lock-in.".into()],
            ratings: Ratings {
                cost: Some(3),
                complexity: None,
                operational_burden: Some(2),
                lock_in: Some(4),
                fit: Some(5),
            },
            tags: vec!["containers".into(), "managed".into()],
            conflicts_with: vec!["no-containers".into()],
            catalog_id: Some("compute-managed-containers".into()),
            capabilities: Default::default(),
            answers: Vec::new(),
            realised_on: String::new(),
        };
        assert_eq!(from_form(&card, &to_form(&card)).unwrap(), card);
        let edited = to_form(&card).replace("cost: 3", "cost: 1") + "+ Cheap now.\n";
        let back = from_form(&card, &edited).unwrap();
        assert_eq!(back.ratings.cost, Some(1));
        assert_eq!(back.pros.last().unwrap(), "Cheap now.");
        assert_eq!(
            from_form(&card, "name: x\ncost: 9\n").unwrap_err(),
            "line 2: cost must be 1 to 5 or empty"
        );
        assert!(
            from_form(&card, "colour: red")
                .unwrap_err()
                .contains("unknown field")
        );
    }
}
