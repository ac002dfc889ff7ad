//! The rule for the ids that name things: a session's section, component, option and diagram ids
//! are slugs, because they are keys that everything else refers to and a component's id becomes
//! the name of its decision record file (`0001-<id>.md`).
//!
//! A slug is lowercase letters and digits (of any script: an imported `## Große Ölfelder` gives
//! `große-ölfelder`) and hyphens: never a `/`, a `.`, a space or a control character, so it can
//! never climb out of a directory. Story, requirement and review comment ids (`INFRA-3`, `NFR2`,
//! `r-…`) are only keys within the session and never reach a file name; they are not checked.

use super::Session;

/// A slug made from a name: "ECS on Fargate (v2)" gives "ecs-on-fargate-v2".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "item".into() } else { out }
}

/// Whether `id` is a slug: not empty, only lowercase letters, digits and `-`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c == '-' || (c.is_alphanumeric() && c.to_lowercase().eq(std::iter::once(c))))
}

/// An id that breaks the rule: what it names and the id itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadId<'a> {
    /// "section", "component", "option" or "diagram".
    pub what: &'static str,
    pub id: &'a str,
}

/// The first id in `s` that is not a slug, in file order.
pub fn bad_id(s: &Session) -> Option<BadId<'_>> {
    let sections = s.sections.iter().map(|x| ("section", x.id.as_str()));
    let components = s.components.iter().flat_map(|c| {
        std::iter::once(("component", c.id.as_str()))
            .chain(c.options.iter().map(|o| ("option", o.id.as_str())))
    });
    let diagrams = s.diagrams.iter().map(|d| ("diagram", d.id.as_str()));
    sections
        .chain(components)
        .chain(diagrams)
        .find(|(_, id)| !is_slug(id))
        .map(|(what, id)| BadId { what, id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("ECS on Fargate (v2)"), "ecs-on-fargate-v2");
        assert_eq!(slug("  --  "), "item");
        assert_eq!(slug("Große Ölfelder"), "große-ölfelder");
    }

    #[test]
    fn slugs_and_not() {
        for ok in [
            "compute-resources",
            "option-2",
            "große-ölfelder",
            "x",
            "a--b",
        ] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in [
            "",
            "x/../../../pwned",
            "..",
            ".hidden",
            "Compute",
            "a b",
            "a_b",
            "a\u{1b}]52",
            "tab\there",
            "c:\\x",
        ] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_first_bad_id_is_named_with_what_it_is() {
        let now = jiff::Timestamp::from_second(0).unwrap();
        let mut s = Session::empty("T", "P", now);
        s.sections.push(super::super::Section::new("fine", "Fine"));
        assert_eq!(bad_id(&s), None);
        s.components.push(super::super::ComponentDesign::new(
            "x/../../../pwned-by-adr",
            "",
        ));
        assert_eq!(
            bad_id(&s),
            Some(BadId {
                what: "component",
                id: "x/../../../pwned-by-adr"
            })
        );
    }
}
