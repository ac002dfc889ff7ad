//! Migrations from older session formats to the current one.
//!
//! Version 0 is the pre-release layout (flat metadata, one author, decisions in a list of their own,
//! inputs without checksums). Version 1 held one decision per component section: its records
//! become each section's primary decision, and the decisions the built-in template declares
//! beside it (the data section's cache, messaging and object storage) are added, not yet started.
//! Version 2 numbered decision records by their place in the document: every decision gets its
//! stable number ([`crate::model::AdrId`]) in the order the decisions were made (`decided_at`),
//! decisions made in the same second in document order (section by section, the section's
//! decisions in order), and the session's counter is set to the last number given. The same file
//! always gets the same numbers.
//!
//! Each step upgrades to the next version; the last records one `migrated` entry in the history.

use std::path::Path;

use serde::Deserialize;

use crate::files::{ParseProblem, StoreError, from_ron};
use crate::knowledge::Template;
use crate::model::{self, ComponentDesign, FORMAT_VERSION, Session};

/// Reads `text`, written in format `version`, into the current model.
pub fn migrate(path: &Path, version: u32, text: &str) -> Result<Session, StoreError> {
    let (s, added) = match version {
        0 => {
            let old: v0::Session = from_ron(path, text)?;
            v1::upgrade(v0::upgrade(old))
        }
        1 => {
            // Version 1 is version 2 without the decisions' sections and titles, which default.
            let old: Session = from_ron(path, text)?;
            v1::upgrade(old)
        }
        // Version 2 is version 3 without decision numbers, lifecycle and people, which default.
        2 => (from_ron::<Session>(path, text)?, Vec::new()),
        _ => {
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                problem: ParseProblem::Shape,
                line: 1,
                col: 1,
                message: format!(
                    "format_version {version} is not a version infradraft ever wrote (this build writes {FORMAT_VERSION})"
                ),
            });
        }
    };
    Ok(v2::upgrade(s, version, &added))
}

mod v2 {
    use super::*;

    /// Numbers every decision (see the module docs) and records the migration from `from`, with
    /// the decisions the version 1 step added.
    pub fn upgrade(mut s: Session, from: u32, added: &[String]) -> Session {
        s.format_version = FORMAT_VERSION;
        let numbered = number_decisions(&mut s);
        let mut detail = format!("from session format version {from} to {FORMAT_VERSION}");
        if !added.is_empty() {
            detail.push_str(&format!("; decisions added: {}", added.join(", ")));
        }
        if !numbered.is_empty() {
            detail.push_str(&format!("; decisions numbered: {}", numbered.join(", ")));
        }
        let at = s.meta.updated;
        s.record(at, "migrated", detail);
        s
    }

    /// Gives each decision without a number the next one, in the order they were made, ties in
    /// document order; returns what it gave (`ADR-0001 compute-resources`).
    pub fn number_decisions(s: &mut Session) -> Vec<String> {
        // Document order: section by section, then components in no section, in their order.
        let mut order: Vec<usize> = Vec::with_capacity(s.components.len());
        let mut placed = vec![false; s.components.len()];
        for section in &s.sections {
            for (i, c) in s.components.iter().enumerate() {
                if c.section_id() == section.id && !placed[i] {
                    placed[i] = true;
                    order.push(i);
                }
            }
        }
        order.extend((0..s.components.len()).filter(|&i| !placed[i]));
        let mut made: Vec<(jiff::Timestamp, usize, usize)> = order
            .iter()
            .enumerate()
            .filter_map(|(place, &i)| {
                let d = s.components[i].decision.as_ref()?;
                d.adr.is_none().then_some((d.decided_at, place, i))
            })
            .collect();
        made.sort();
        let mut numbered = Vec::new();
        for (_, _, i) in made {
            let adr = s.allocate_adr();
            if let Some(d) = s.components[i].decision.as_mut() {
                d.adr = Some(adr);
                numbered.push(format!("{adr} {}", s.components[i].id));
            }
        }
        numbered
    }
}

mod v1 {
    use super::*;

    /// Gives every decision its section and title, and adds the decisions the session's template
    /// declares that it lacks, each after the last decision of its section; returns the ids of
    /// those added. Nothing the person wrote changes.
    pub fn upgrade(mut s: Session) -> (Session, Vec<String>) {
        let template = Template::builtin().ok().filter(|t| t.id == s.meta.template);
        let mut added = Vec::new();
        if let Some(t) = &template {
            for c in &mut s.components {
                if let Some(d) = t.decision(&c.id) {
                    if d.section.id != c.id {
                        c.section = d.section.id.clone();
                    }
                    if c.title.is_empty() {
                        c.title = d.title.to_string();
                    }
                }
            }
            for section in t.components() {
                if s.section(&section.id).is_none() {
                    continue;
                }
                for d in section.decisions() {
                    if s.component(d.id).is_some() {
                        continue;
                    }
                    let at = s
                        .components
                        .iter()
                        .rposition(|c| c.section_id() == section.id)
                        .map_or(s.components.len(), |i| i + 1);
                    s.components.insert(
                        at,
                        ComponentDesign::in_section(d.id, &section.id, d.title, d.purpose),
                    );
                    added.push(d.id.to_string());
                }
            }
        }
        (s, added)
    }
}

mod v0 {
    use super::*;
    use crate::model::sha256_hex;
    use jiff::Timestamp;

    #[derive(Deserialize)]
    pub struct Session {
        #[allow(dead_code)]
        pub format_version: u32,
        pub title: String,
        pub project: String,
        pub author: String,
        pub created: Timestamp,
        pub mode: model::InteractionMode,
        pub inputs: Vec<Input>,
        pub sections: Vec<Section>,
        pub decisions: Vec<Decision>,
    }

    #[derive(Deserialize)]
    pub struct Input {
        pub kind: model::InputKind,
        pub path: String,
        pub text: String,
    }

    #[derive(Deserialize)]
    pub struct Section {
        pub id: String,
        pub title: String,
        pub status: model::SectionStatus,
        pub body: String,
    }

    #[derive(Deserialize)]
    pub struct Decision {
        pub component: String,
        pub choice: String,
        pub justification: String,
        pub date: Timestamp,
    }

    pub fn upgrade(old: Session) -> model::Session {
        let mut s = model::Session::empty(&old.title, &old.project, old.created);
        if !old.author.trim().is_empty() {
            s.meta.authors.push(old.author);
        }
        let template = Template::builtin().ok();
        s.meta.template = template.as_ref().map(|t| t.id.clone()).unwrap_or_default();
        s.mode = Some(old.mode);
        s.inputs = old
            .inputs
            .into_iter()
            .map(|i| model::InputDocument {
                kind: i.kind,
                sha256: sha256_hex(&i.text),
                path: i.path,
                snapshot_at: old.created,
                text: i.text,
            })
            .collect();
        for section in old.sections {
            let component = template
                .as_ref()
                .and_then(|t| t.section(&section.id))
                .filter(|t| t.component);
            if let Some(t) = component {
                s.components.push(ComponentDesign::new(&t.id, &t.purpose));
            }
            let written = !section.body.trim().is_empty();
            s.sections.push(model::Section {
                hand_edited: written,
                // Everything in a version 0 body is the person's own.
                generated: written.then(String::new),
                id: section.id,
                title: section.title,
                status: section.status,
                body: section.body,
            });
        }
        for d in old.decisions {
            let option_id = model::slug(&d.choice);
            let option = model::OptionCard::named(&option_id, &d.choice);
            let decision = model::Decision {
                option: option_id.clone(),
                justification: d.justification,
                decided_at: d.date,
                considered: vec![option_id],
                acknowledged_conflicts: Vec::new(),
                ..Default::default()
            };
            let component = match s.components.iter_mut().position(|c| c.id == d.component) {
                Some(i) => &mut s.components[i],
                None => {
                    s.components.push(ComponentDesign::new(&d.component, ""));
                    s.components.last_mut().expect("just pushed")
                }
            };
            component.options.push(option);
            component.step = model::DesignStep::Decision;
            component.decision = Some(decision);
        }
        s
    }
}
