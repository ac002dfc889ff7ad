//! The supporting services the starter data-flow diagram draws, as data:
//! `assets/diagrams/products.ron`, built in, and a team's `<config>/diagrams/products*.ron`, which
//! add to it. The diagrams themselves ([`crate::workflow::diagrams`]) use them; this module holds
//! and checks them.
//!
//! # Shape
//! ```ron
//! DiagramProducts(
//!     caches: [("redis", "Redis")],
//!     object_stores: [("object-storage", "Object storage")],
//!     queues: [("sqs", "Amazon SQS")],
//!     streams: [("kafka", "Apache Kafka")],
//!     buses: [("eventbridge", "Amazon EventBridge")],
//!     databases: ["postgres", "dynamodb"],
//! )
//! ```
//! Each of the first five lists pairs a tag with the product's name. The diagram draws a cache,
//! object storage, a queue with workers, an event stream or an event bus when a choice of the data
//! section (decided, or else recommended) carries one of the tags of its list, labelled with that
//! choice's name; else when the inputs' facts about databases and messaging carry one, labelled
//! with the name given here for the first such tag in list order. `databases` are the tags that
//! make the data choice the primary database, labelled with its name.
//!
//! # Checks and a team's files
//! A tag that is not lower-case kebab-case, and a blank product name, are refused as
//! `file:line:col: what`, and the file adds nothing. A tag need not be one the vocabulary knows: an
//! option written by hand may carry any tag (`memcached`). A team's files in `<config>/diagrams/`,
//! named `products*.ron`, in file-name order, have the same shape with every field optional; every
//! list is added after the built-in one. A file with a problem is left out with a warning
//! ([`install_warnings`]).
//!
//! The products are loaded once per process, the first time [`diagram_products`] is called.

use std::path::Path;

use super::Installed;

use serde::Deserialize;

use super::extraction::position_of;
use super::story_rules::check_tags;
use crate::files::from_ron;

const PATH: &str = "assets/diagrams/products.ron";
const BUILTIN: &str = include_str!("../../../../assets/diagrams/products.ron");

/// The products, every list in file order (a team's additions after the built-in): each a tag and
/// the product's name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "DiagramProducts", deny_unknown_fields, default)]
pub struct DiagramProducts {
    pub caches: Vec<(String, String)>,
    pub object_stores: Vec<(String, String)>,
    pub queues: Vec<(String, String)>,
    pub streams: Vec<(String, String)>,
    pub buses: Vec<(String, String)>,
    /// Tags that make the data choice a database.
    pub databases: Vec<String>,
}

impl DiagramProducts {
    fn lists(&mut self) -> [&mut Vec<(String, String)>; 5] {
        [
            &mut self.caches,
            &mut self.object_stores,
            &mut self.queues,
            &mut self.streams,
            &mut self.buses,
        ]
    }

    /// Adds a file's products. An error names the file and the place, and adds nothing.
    pub fn add(&mut self, origin: &Path, text: &str) -> Result<(), String> {
        let mut file: DiagramProducts = from_ron(origin, text).map_err(|e| e.to_string())?;
        let named = [
            &file.caches,
            &file.object_stores,
            &file.queues,
            &file.streams,
            &file.buses,
        ];
        let tags = named.iter().flat_map(|l| l.iter().map(|(tag, _)| tag));
        check_tags(origin, text, tags.chain(&file.databases), false)?;
        let blank = named
            .iter()
            .flat_map(|l| l.iter())
            .find(|(_, n)| n.trim().is_empty());
        if let Some((tag, name)) = blank {
            // Tags are never blank (checked above), so the first blank string is this name.
            return Err(format!(
                "{}{}: product {tag:?} needs its name",
                origin.display(),
                position_of(text, name)
            ));
        }
        for (mine, more) in self.lists().into_iter().zip(file.lists()) {
            mine.append(more);
        }
        self.databases.append(&mut file.databases);
        Ok(())
    }
}

/// The built-in products.
pub fn builtin() -> Result<DiagramProducts, String> {
    let mut products = DiagramProducts::default();
    products.add(Path::new(PATH), BUILTIN)?;
    Ok(products)
}

static INSTALLED: Installed<DiagramProducts> = Installed::new("diagram products", builtin, load);

/// Why team files were left out when the products were installed (empty when all loaded).
pub fn install_warnings() -> &'static [String] {
    INSTALLED.warnings()
}

/// The installed products (the built-in ones with the team's, see [`super::use_config_dir`]).
pub fn diagram_products() -> &'static DiagramProducts {
    INSTALLED.get()
}

/// Loads the built-in products and the team's `<config>/diagrams/products*.ron`; with one warning
/// per team file left out.
fn load(config_dir: &Path) -> (Option<DiagramProducts>, Vec<String>) {
    super::with_team_files(
        builtin(),
        config_dir,
        "diagrams",
        |name| name.starts_with("products"),
        DiagramProducts::add,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_products_load() {
        let p = builtin().unwrap();
        assert_eq!(p.queues[0], ("sqs".to_string(), "Amazon SQS".to_string()));
        assert_eq!(p.databases.len(), 13);
    }

    #[test]
    fn a_team_file_adds_products_and_a_bad_one_is_refused_with_its_place() {
        let mut p = builtin().unwrap();
        p.add(
            Path::new("products-team.ron"),
            r#"DiagramProducts(queues: [("nats", "NATS JetStream")], databases: ["redis"])"#,
        )
        .unwrap();
        assert_eq!(p.queues.last().unwrap().1, "NATS JetStream");
        assert_eq!(p.databases.last().unwrap(), "redis");
        let unchanged = p.clone();
        let err = p
            .add(
                Path::new("products.ron"),
                "DiagramProducts(\n  streams: [\n    (\"kafka\", \" \"),\n  ],\n)",
            )
            .unwrap_err();
        assert_eq!(err, "products.ron:3:15: product \"kafka\" needs its name");
        let err = p
            .add(
                Path::new("products.ron"),
                "DiagramProducts(\n  buses: [(\"Event-Grid\", \"Azure Event Grid\")],\n)",
            )
            .unwrap_err();
        assert_eq!(
            err,
            "products.ron:2:12: tag \"Event-Grid\" is not lower-case kebab-case"
        );
        assert_eq!(p, unchanged);
    }
}
