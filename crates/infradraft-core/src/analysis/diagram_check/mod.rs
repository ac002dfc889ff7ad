//! Our own validation of Mermaid diagram sources. The drawing library (`mermaid-text`) is lenient:
//! it draws many broken diagrams as something, which real Mermaid (on GitHub, in a docs site) then
//! refuses. [`validate`] reports what would break there, with the line, so that a diagram can be
//! fixed in the workbench. It is pure and never panics, whatever the input.
//!
//! # What is checked
//! Lines are numbered from 1 at the first line of the source (the fence is not part of it); a
//! problem on line 0 concerns the whole diagram. Blank lines, `%%` comment lines and `%%{…}%%`
//! directives are skipped everywhere, and a YAML front matter block (`---` … `---`) at the start is
//! skipped (an unclosed one is an error).
//!
//! For every diagram:
//! - an empty diagram (nothing but blank lines and comments) is an error;
//! - the first line must name the diagram type: a first line that is already a statement
//!   (`A --> B`) is "no diagram type", an unknown keyword is "unknown diagram type `xyz`" (with a
//!   suggestion when it is a near miss such as `Flowchart` or `flowchat`).
//!
//! Only **flowcharts** (`flowchart`, `graph`) and **sequence diagrams** are checked further; for
//! every other type in [`DIAGRAM_TYPES`] only the type is checked.
//!
//! Flowcharts, statement by statement (a line may hold several, separated by `;`):
//! - the direction after the type, and after `direction` inside a subgraph, must be TB, TD, BT, RL
//!   or LR (or the legacy `<`, `>`, `^`, `v`);
//! - nodes: an id, optionally a shape (`[…]`, `(…)`, `((…))`, `(((…)))`, `([…])`, `[[…]]`,
//!   `[(…)]`, `{…}`, `{{…}}`, `>…]`, `[/…/]`, `[\…\]`, `[/…\]`, `[\…/]`, `@{…}`) and a `:::class`;
//!   a shape that is not closed, a closing bracket without an opening one, an unclosed `"`, an
//!   empty quoted label `""`, and a bracket, quote or `|` inside an unquoted label (Mermaid refuses
//!   `A[f(x)]`; write `A["f(x)"]`) are errors, and so is an `@` right after text in an unquoted
//!   label or edge label (`A[mail@home]`: Mermaid 11 reads `mail@` as an edge id) and the reserved
//!   id `end`;
//! - edges: `-->`, `---`, `-.->`, `-.-`, `==>`, `===`, `~~~`, `--o`, `--x`, `<-->`, `o--o`, `x--x`,
//!   longer forms (`--->`), text forms (`-- text -->`, `== text ==>`, `-. text .->`) and
//!   `-->|label|`; chains (`A --> B --> C`) and `&` groups (`A & B --> C`). An arrow without a
//!   target (`A -->` at the end of a statement), an arrow without a source (`--> B`), `&` without
//!   a node, an unclosed `|label` and the sequence-diagram arrow `->` are errors;
//! - `subgraph id`, `subgraph id [title]`, `subgraph "title"` … `end`: an unclosed subgraph is an
//!   error on the line where it was opened; an `end` with no open subgraph is an error; a
//!   subgraph that would contain itself is an error: one opened with the id of a subgraph that
//!   is still open around it, or inside a subgraph that an earlier one of its id contains (real
//!   Mermaid refuses both, and the drawing library recurses on them until its stack overflows);
//! - `classDef`, `class`, `style`, `linkStyle`, `click`, `accTitle` and `accDescr` are accepted.
//!   Warnings: `class`, `style` or `click` naming a node (or subgraph) that no node statement or
//!   edge defines; a class used by `class` or `:::` that no `classDef` defines (`default` is
//!   built in); a `linkStyle` index past the last edge;
//! - a node id used without a shape that differs only in case from another node id (`api` beside
//!   `API`) is a warning: Mermaid treats them as two nodes, so it is likely a typo. Isolated nodes
//!   are fine.
//!
//! Sequence diagrams, line by line (keywords are case-insensitive, as in Mermaid):
//! - `participant` and `actor` (also after `create`, with `as` aliases) declare participants;
//!   messages declare them implicitly, as Mermaid allows;
//! - messages `A->>B: text` with `->>`, `-->>`, `->`, `-->`, `-x`, `--x`, `-)`, `--)`, `<<->>`,
//!   `<<-->>` and the activation marks `+`/`-`: a message without a sender, without a receiver or
//!   without the `: text` is an error;
//! - `Note left of X`, `Note right of X`, `Note over X[,Y]` need a position and `: text`;
//! - `;` ends a statement (also inside message text, as in Mermaid);
//! - participant names cannot hold `,`, `:`, `<` or `>`; a note `over` takes one or two
//!   participants, `left of` and `right of` one;
//! - activations: `deactivate X`, or a `-` after the arrow (which deactivates the sender), when `X`
//!   has no open activation (from `activate X` or a `+` before the receiver) is an error;
//! - `create participant X` must be followed by a message to `X`, `destroy X` by a message to or
//!   from `X`;
//! - `activate`, `deactivate`, `destroy` and notes that name a participant that no declaration or
//!   message mentions: a warning;
//! - blocks `loop`, `alt`, `opt`, `par`, `par_over`, `critical`, `break`, `rect`, `box` … `end`:
//!   an unclosed block is an error on the line where it was opened, a stray `end` is an error, and
//!   `else`, `and`, `option` are errors outside `alt`, `par` and `critical`;
//! - `autonumber`, `title`, `accTitle`, `accDescr`, `link`, `links`, `properties` and `details` are
//!   accepted; any other line is an error.

use std::collections::{HashMap, HashSet};
use std::fmt;

mod flowchart;
mod sequence;

use flowchart::Flowchart;
use sequence::check_sequence;

/// How bad a problem is: an error breaks the diagram in Mermaid; a warning is probably a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a diagram source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramProblem {
    /// One-based line in the source; 0 when the problem concerns the whole diagram.
    pub line: u32,
    pub severity: Severity,
    pub message: String,
}

impl DiagramProblem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn error(line: u32, message: impl Into<String>) -> DiagramProblem {
        DiagramProblem {
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    fn warning(line: u32, message: impl Into<String>) -> DiagramProblem {
        DiagramProblem {
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

impl fmt::Display for DiagramProblem {
    /// `line 4: arrow without a target`, or only the message for the whole diagram.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// The diagram type keywords Mermaid knows (the first word of a diagram).
pub const DIAGRAM_TYPES: &[&str] = &[
    "flowchart",
    "graph",
    "sequenceDiagram",
    "classDiagram",
    "classDiagram-v2",
    "stateDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "gantt",
    "pie",
    "journey",
    "gitGraph",
    "mindmap",
    "timeline",
    "quadrantChart",
    "requirementDiagram",
    "C4Context",
    "C4Container",
    "C4Component",
    "C4Dynamic",
    "C4Deployment",
    "sankey-beta",
    "xychart-beta",
    "block-beta",
    "packet-beta",
    "architecture-beta",
    "kanban",
    "radar-beta",
    "treemap-beta",
    "zenuml",
];

/// Flowchart directions, with Mermaid's legacy arrows.
const DIRECTIONS: &[&str] = &["TB", "TD", "BT", "RL", "LR", "<", ">", "^", "v"];

/// Problems of a Mermaid diagram source (without the fence), in line order; empty when it is
/// valid as far as these rules see (see the module documentation).
pub fn validate(source: &str) -> Vec<DiagramProblem> {
    let mut problems = Vec::new();
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let lines: Vec<(u32, &str)> = source
        .lines()
        .enumerate()
        .map(|(i, l)| (u32::try_from(i + 1).unwrap_or(u32::MAX), l))
        .collect();
    let mut content: Vec<(u32, &str)> = lines
        .iter()
        .map(|&(n, l)| (n, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with("%%"))
        .collect();
    // Front matter: `---` as the first line, up to the next `---`.
    if let Some(&(open, first)) = lines.iter().find(|(_, l)| !l.trim().is_empty())
        && first.trim() == "---"
    {
        match lines.iter().find(|&&(n, l)| n > open && l.trim() == "---") {
            Some(&(close, _)) => content.retain(|&(n, _)| n > close),
            None => {
                problems.push(DiagramProblem::error(
                    open,
                    "front matter opened with `---` is never closed",
                ));
                return problems;
            }
        }
    }
    let Some(&(header_line, header)) = content.first() else {
        problems.push(DiagramProblem::error(
            0,
            "empty diagram: it has no diagram type and no content",
        ));
        return problems;
    };
    let keyword: String = header
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ';')
        .collect();
    let rest = &header[keyword.len()..];
    let body = &content[1..];
    match keyword.as_str() {
        "flowchart" | "graph" => problems.extend(Flowchart::check(header_line, rest, body)),
        "sequenceDiagram" => problems.extend(check_sequence(body)),
        k if DIAGRAM_TYPES.contains(&k) => {}
        k => problems.push(type_problem(header_line, header, k)),
    }
    problems.sort_by_key(|p| p.line);
    problems
}

/// The problem with a first line that does not start with a known diagram type.
fn type_problem(line: u32, header: &str, keyword: &str) -> DiagramProblem {
    let word = !keyword.is_empty()
        && keyword
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    let statement = ["--", "==", "->", "[", "(", "{", ":", "|", "&"]
        .iter()
        .any(|m| header.contains(m));
    if !word || statement {
        return DiagramProblem::error(
            line,
            "no diagram type: the first line must name the type of diagram (for example \
             `flowchart TD` or `sequenceDiagram`)",
        );
    }
    let mut message = format!("unknown diagram type `{keyword}`");
    if let Some(near) = nearest_type(keyword) {
        message.push_str(&format!(" (did you mean `{near}`?)"));
    }
    DiagramProblem::error(line, message)
}

/// A known diagram type that `word` is probably a misspelling of.
fn nearest_type(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    DIAGRAM_TYPES
        .iter()
        .map(|t| (edit_distance(&lower, &t.to_lowercase()), *t))
        .filter(|&(d, t)| d == 0 || (d <= 2 && t.len() > 3 && word.chars().count() > 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, t)| t)
}

/// Levenshtein distance by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Splits a line into statements at `;` outside quotes and brackets.
fn statements(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '[' | '(' | '{' if !quoted => depth += 1,
            ']' | ')' | '}' if !quoted => depth = depth.saturating_sub(1),
            ';' if !quoted && depth == 0 => {
                out.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&line[start..]);
    out
}

/// Whether `word` is a flowchart direction.
fn is_direction(word: &str) -> bool {
    DIRECTIONS.contains(&word)
}

/// A statement's problem: an error message for the statement's line.
type Step<T> = Result<T, String>;

/// `accTitle: …`, `accDescr: …` and the opening of a multi-line `accDescr { … }`.
fn is_accessibility(statement: &str) -> bool {
    ["accTitle", "accDescr"].iter().any(|k| {
        statement
            .strip_prefix(k)
            .is_some_and(|r| r.trim_start().starts_with([':', '{']))
    })
}

/// The first line of a multi-line `accDescr {` … `}`.
fn is_multiline_description(line: &str) -> bool {
    line.strip_prefix("accDescr")
        .is_some_and(|r| r.trim_start().starts_with('{') && !r.contains('}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(source: &str) -> Vec<String> {
        validate(source).iter().map(ToString::to_string).collect()
    }

    fn errors(source: &str) -> Vec<String> {
        validate(source)
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect()
    }

    fn warnings(source: &str) -> Vec<String> {
        validate(source)
            .iter()
            .filter(|p| !p.is_error())
            .map(ToString::to_string)
            .collect()
    }

    fn clean(source: &str) {
        assert_eq!(problems(source), Vec::<String>::new(), "{source}");
    }

    #[test]
    fn empty_diagrams_are_errors() {
        for src in [
            "",
            "   \n\n",
            "%% only a comment\n  %% another\n",
            "%%{init: {}}%%\n",
        ] {
            assert_eq!(
                problems(src),
                ["empty diagram: it has no diagram type and no content"],
                "{src:?}"
            );
        }
    }

    #[test]
    fn the_first_line_names_a_known_type() {
        assert_eq!(
            problems("flowchat LR\nA --> B\n"),
            ["line 1: unknown diagram type `flowchat` (did you mean `flowchart`?)"]
        );
        assert_eq!(
            problems("%% c\n\nxyz\nA --> B\n"),
            ["line 3: unknown diagram type `xyz`"]
        );
        assert_eq!(
            problems("Flowchart TD\n"),
            ["line 1: unknown diagram type `Flowchart` (did you mean `flowchart`?)"]
        );
        let missing = problems("A --> B\n");
        assert_eq!(missing.len(), 1);
        assert!(
            missing[0].starts_with("line 1: no diagram type"),
            "{missing:?}"
        );
        assert!(problems("Alice->>Bob: hi")[0].contains("no diagram type"));
        assert!(problems("A[Start]")[0].contains("no diagram type"));
    }

    #[test]
    fn other_types_are_only_checked_for_the_type() {
        for src in [
            "pie title Pets\n \"Dogs\" : 3\n",
            "classDiagram\n  A <|-- B\n",
            "stateDiagram-v2\n  [*] --> A\n  A --> [*]\n",
            "erDiagram\n  A ||--o{ B : has\n",
            "gantt\n  title x\n",
            "gitGraph\n  commit\n",
            "C4Context\n  title x\n",
            "mindmap\n  root((x))\n",
        ] {
            clean(src);
        }
    }

    #[test]
    fn front_matter_is_skipped() {
        clean("---\ntitle: Network\n---\nflowchart LR\n  A --> B\n");
        assert_eq!(
            problems("---\ntitle: x\nflowchart LR\n"),
            ["line 1: front matter opened with `---` is never closed"]
        );
    }

    #[test]
    fn directions() {
        for d in ["", " TB", " TD", " BT", " RL", " LR", " LR;"] {
            clean(&format!("flowchart{d}\n  A --> B\n"));
        }
        clean("graph LR; A-->B; B-->C");
        assert_eq!(
            problems("graph sideways\nA-->B"),
            ["line 1: unknown direction `sideways` (use TB, TD, BT, RL or LR)"]
        );
        assert_eq!(
            problems("flowchart LR\nsubgraph a\n direction XY\n x\nend\n"),
            ["line 3: unknown direction `XY` (use TB, TD, BT, RL or LR)"]
        );
        assert!(errors("graph TD A-->B")[0].contains("after the direction"));
    }

    #[test]
    fn node_shapes() {
        clean(
            "flowchart TD\n  A[rect] --> B(round) --> C((circle)) --> D{rhombus}\n  \
             E[(cylinder)] --> F>asymmetric] --> G{{hexagon}} --> H[/para/]\n  \
             I[\\alt\\] --> J[/trap\\] --> K[\\inv/] --> L([stadium]) --> M[[sub]]\n  \
             N(((double))) --> O[\"quoted (with) [brackets] {and} | pipes; semis\"]\n  \
             P@{ shape: rect, label: \"x\" } --> Q\n  R[\"`**markdown**`\"]\n  \
             web-app[Web app] --> api_1[API] --> 数据库[(データ)]\n",
        );
    }

    #[test]
    fn unbalanced_brackets_and_quotes() {
        assert_eq!(
            problems("flowchart LR\n  A[Start --> B\n"),
            ["line 2: unbalanced brackets: `[` is never closed with `]`"]
        );
        assert_eq!(
            problems("flowchart LR\n  A --> B(round\n"),
            ["line 2: unbalanced brackets: `(` is never closed with `)`"]
        );
        assert_eq!(
            problems("flowchart LR\n  A[\"open] --> B\n"),
            ["line 2: unbalanced quotes: a `\"` is never closed"]
        );
        assert_eq!(
            problems("flowchart LR\n  A --> ]B\n"),
            ["line 2: unbalanced brackets: `]` without a matching opening bracket"]
        );
        assert!(errors("flowchart LR\n  A[f(x)] --> B\n")[0].contains("inside an unquoted label"));
        assert!(errors("flowchart LR\n  A[say \"hi\"]\n")[0].contains("inside an unquoted label"));
        assert!(errors("flowchart LR\n  A[a|b]\n")[0].contains("`|` inside an unquoted label"));
        assert!(errors("flowchart LR\n  A[mail@home] --> B\n")[0].contains("`@` right after text"));
        assert!(errors("flowchart LR\n  A -->|a@b| B\n")[0].contains("`@` right after text"));
        assert!(errors("flowchart LR\n  subgraph s [a@b]\n  end\n")[0].contains("`@`"));
        assert!(errors("flowchart LR\n  A[\"\"] --> B\n")[0].contains("empty quoted label"));
        assert!(errors("flowchart LR\n  A[\"x\" \"y\"] --> B\n")[0].contains("inside an unquoted"));
        // Accepted by Mermaid: text after a quoted part, an `@` after a space, quoted `@`.
        clean("flowchart LR\n  A[\"x\" y] --> B[a @b] --> C[\"a@b\"] -->|\"a@b\"| D\n");
    }

    #[test]
    fn edges() {
        clean(
            "flowchart LR\n  A --> B\n  A --- B\n  A -.-> B\n  A -.- B\n  A ==> B\n  A === B\n  \
             A -- text --> B\n  A -- text --- B\n  A == text ==> B\n  A -. text .-> B\n  \
             A -->|label| B\n  A -->|\"quoted | label\"| B\n  A --o B\n  A --x B\n  A <--> B\n  \
             A o--o B\n  A x--x B\n  A ---> B\n  A ~~~ B\n  A-->B-->C\n  A --> B --> C --> D\n  \
             A & B --> C & D\n  A e1@--> B\n  A-->|x|B\n",
        );
    }

    #[test]
    fn arrows_need_a_source_and_a_target() {
        assert_eq!(
            problems("flowchart LR\n  A --> B\n  B -->\n"),
            ["line 3: arrow without a target"]
        );
        assert_eq!(
            problems("flowchart LR\n  A --> B -->|label|\n"),
            ["line 2: arrow without a target"]
        );
        assert_eq!(
            problems("graph TD; A --> ; B --> C"),
            ["line 1: arrow without a target"]
        );
        assert_eq!(
            problems("flowchart LR\n  --> B\n"),
            ["line 2: arrow without a source"]
        );
        assert_eq!(
            problems("flowchart LR\n  A & --> B\n"),
            ["line 2: `&` without a node after it"]
        );
        assert_eq!(
            problems("flowchart LR\n  A -->|oops B\n"),
            ["line 2: edge label `|…` is never closed with `|`"]
        );
        assert_eq!(
            problems("flowchart LR\n  A -> B\n"),
            ["line 2: `->` is not a flowchart arrow: write `-->`"]
        );
        assert!(errors("flowchart LR\n  A -- text B\n")[0].contains("never closed"));
        assert!(errors("flowchart LR\n  A B\n")[0].contains("unexpected `B` after `A`"));
        assert!(errors("flowchart LR\n  A --> end\n")[0].contains("`end` cannot be a node id"));
    }

    #[test]
    fn subgraphs_are_closed() {
        clean(
            "flowchart TB\n  subgraph vpc [VPC]\n    subgraph az1 [\"Zone (a)\"]\n      A\n    end\n  \
             end\n  subgraph \"Quoted title\"\n    B\n  end\n  subgraph One two\n  C\n  end\n  \
             vpc --> B\n",
        );
        assert_eq!(
            problems(
                "flowchart TB\n  subgraph vpc [VPC]\n    subgraph az1\n      A\n    end\n  A --> B\n"
            ),
            ["line 2: unclosed subgraph `vpc`: opened on line 2 and never closed with `end`"]
        );
        assert_eq!(
            problems("flowchart TB\n  A --> B\n  end\n"),
            ["line 3: stray `end`: no `subgraph` is open"]
        );
        assert_eq!(
            problems("flowchart TB\n  subgraph\n  end\n"),
            ["line 2: `subgraph` without a name"]
        );
        assert_eq!(
            problems("flowchart TB\n  subgraph a [oops\n  end\n"),
            ["line 2: unbalanced brackets: `[` is never closed with `]`"]
        );
    }

    #[test]
    fn a_subgraph_cannot_contain_itself() {
        // Issue 14: this one overflowed the drawing library's stack.
        assert_eq!(
            problems(
                "flowchart TD
subgraph x
subgraph x
A
end
end
"
            ),
            [
                "line 3: subgraph `x` reuses the id of the subgraph `x` opened on line 2, which \
                 is still open: a subgraph cannot contain itself (give this one another id)"
            ]
        );
        // Any open ancestor, with titles and quoted ids.
        let found = errors(
            "flowchart TB
  subgraph vpc [VPC]
    subgraph az [Zone]
      subgraph vpc [Again]
        A
      end
    end
  end
",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("line 4: subgraph `vpc` reuses"),
            "{found:?}"
        );
        assert_eq!(
            errors(
                "graph LR
  subgraph \"Edge\"
  subgraph \"Edge\"
  end
  end
"
            )
            .len(),
            1
        );
        // Containment through an earlier subgraph of the same id: a inside b, then b inside a.
        assert_eq!(
            problems(
                "flowchart TB
  subgraph a
    subgraph b
    end
  end
  subgraph b2
  end
  \
                 subgraph b
    subgraph a
    end
  end
"
            ),
            [
                "line 9: subgraph `a` opened inside `b`, which an earlier subgraph `a` contains: \
                 a subgraph cannot contain itself (give this one another id)"
            ]
        );
        // Reused ids side by side, and nested distinct ids, are fine.
        clean(
            "flowchart TB
  subgraph a
  end
  subgraph a
  end
  subgraph b
  subgraph c
  end
  end
",
        );
    }

    #[test]
    fn styling_statements_and_dangling_references() {
        clean(
            "flowchart LR\n  classDef hot fill:#f96,stroke:#333\n  A:::hot --> B[b]:::hot\n  \
             class A,B hot\n  style A fill:#bbf\n  linkStyle 0 stroke:#f00\n  linkStyle default \
             stroke:#0f0\n  click A \"https://example.com\" \"tip\"\n  class A default\n  \
             accTitle: Title\n  accDescr: One line\n  accDescr {\n    many\n    lines\n  }\n",
        );
        assert_eq!(
            warnings(
                "flowchart LR\n  A --> B\n  style C fill:#f00\n  click D callback\n  class a hot\n  classDef hot fill:#f00\n"
            ),
            [
                "line 3: `style` refers to `C`, which no node or edge in the diagram defines",
                "line 4: `click` refers to `D`, which no node or edge in the diagram defines",
                "line 5: `class` refers to `a`, which no node or edge in the diagram defines (did you mean `A`?)",
            ]
        );
        assert_eq!(
            warnings(
                "flowchart LR\n  A --> B\n  class A cold\n  C:::warm\n  linkStyle 1 stroke:#f00\n"
            ),
            [
                "line 3: class `cold` is not defined with `classDef`",
                "line 4: class `warm` is not defined with `classDef`",
                "line 5: `linkStyle` refers to link 1, but the diagram has 1 link (numbered from 0)",
            ]
        );
        assert!(errors("flowchart LR\n  classDef\n  linkStyle x stroke:red\n").len() == 2);
        // Subgraph ids can be styled.
        clean("flowchart LR\n  subgraph s1 [S]\n    A\n  end\n  style s1 fill:#eee\n");
    }

    #[test]
    fn ids_that_differ_only_in_case_are_likely_typos() {
        assert_eq!(
            warnings("flowchart LR\n  API[Booking API] --> DB[(Database)]\n  Client --> api\n"),
            [
                "line 3: node `api` differs only in case from `API` (line 2); Mermaid treats them as two nodes — a typo?"
            ]
        );
        // Two nodes that both have labels are deliberate; isolated nodes are fine.
        clean("flowchart LR\n  a[lower] --> b\n  A[upper]\n  lonely\n");
    }

    #[test]
    fn sequence_diagrams() {
        clean(
            "sequenceDiagram\n  autonumber\n  title Booking\n  participant C as Client\n  \
             actor U as User\n  participant API\n  U->>C: open\n  C->>+API: book\n  \
             API-->>-C: ok\n  C->API: a\n  C-->API: b\n  C-xAPI: c\n  C--xAPI: d\n  C-)API: e\n  \
             C--)API: f\n  C<<->>API: g\n  API->>DB: implicit\n  activate DB\n  deactivate DB\n  \
             Note right of C: thinking\n  note over C,API: both\n  loop Every minute\n    \
             alt ok\n      C->>API: x\n    else failed\n      C->>API: y\n    end\n  end\n  \
             par a\n    C->>API: 1\n  and b\n    C->>API: 2\n  end\n  critical c\n    C->>API: 1\n  \
             option d\n    C->>API: 2\n  end\n  opt o\n  end\n  break b\n  end\n  \
             rect rgb(0,0,0)\n  end\n  box Aqua Group\n  participant Z\n  end\n  \
             create participant N\n  C->>N: hi\n  destroy N\n  N->>C: bye\n  web-app->>API: dashes\n  \
             API->>C:\n",
        );
    }

    #[test]
    fn sequence_message_problems() {
        assert_eq!(
            problems("sequenceDiagram\n  A->>: hi\n"),
            ["line 2: message without a receiver"]
        );
        assert_eq!(
            problems("sequenceDiagram\n  ->>B: hi\n"),
            ["line 2: message without a sender"]
        );
        assert_eq!(
            problems("sequenceDiagram\n  A->>B\n"),
            ["line 2: message without text: add `: …` after `B`"]
        );
        assert!(problems("sequenceDiagram\n  A talks to B\n")[0].contains("cannot read"));
        assert_eq!(
            problems("sequenceDiagram\n  participant\n  Note A: x\n  Note over A\n"),
            [
                "line 2: `participant` without a name",
                "line 3: a note needs `left of`, `right of` or `over` a participant",
                "line 4: note without text: add `: …` after the participant",
            ]
        );
    }

    #[test]
    fn sequence_references_and_blocks() {
        assert_eq!(
            problems(
                "sequenceDiagram\n  participant A\n  A->>B: hi\n  activate C\n  activate A\n  \
                 Note right of D: x\n  Note over A,E: y\n"
            ),
            [
                "line 4: `activate` refers to `C`, which no declaration or message in the diagram mentions",
                "line 6: `Note` refers to `D`, which no declaration or message in the diagram mentions",
                "line 7: `Note` refers to `E`, which no declaration or message in the diagram mentions",
            ]
        );
        assert_eq!(
            problems("sequenceDiagram\n  loop x\n    alt y\n      A->>B: z\n  end\n"),
            ["line 2: unclosed `loop` block: opened on line 2 and never closed with `end`"]
        );
        assert_eq!(
            problems("sequenceDiagram\n  A->>B: z\n  end\n  else\n  opt x\n  and y\n  end\n"),
            [
                "line 3: stray `end`: no block is open",
                "line 4: `else` is only allowed inside an `alt` block",
                "line 6: `and` is only allowed inside a `par` block",
            ]
        );
    }

    #[test]
    fn sequence_statements_activations_and_lifecycles() {
        // `;` ends a statement, also inside message text.
        clean("sequenceDiagram\n  participant A; A->>B: x; B->>A: y\n");
        assert!(
            errors("sequenceDiagram\n  A->>B: x; y\n")[0].starts_with("line 2: cannot read `y`")
        );
        // Activations: `activate`/`+` open one, `deactivate`/`-` (on the sender) close one.
        clean("sequenceDiagram\n  A->>+B: x\n  B-->>-A: y\n  activate A\n  deactivate A\n");
        assert_eq!(
            problems("sequenceDiagram\n  A->>B: x\n  deactivate B\n  A->>+B: y\n  A-->>-B: z\n"),
            [
                "line 3: `deactivate` deactivates `B`, which is not active at this point",
                "line 5: the `-` after the arrow deactivates `A`, which is not active at this point",
            ]
        );
        // Notes: `over` takes one or two participants, `left of`/`right of` one.
        assert_eq!(
            problems(
                "sequenceDiagram\n  A->>B: x\n  Note over A,B,C: x\n  Note left of A,B: y\n  Note over A,: z\n"
            ),
            [
                "line 3: a note `over` takes at most two participants",
                "line 4: a note `left of` takes one participant",
                "line 5: note without a participant",
            ]
        );
        // Names cannot hold `,`, `:`, `<` or `>`.
        assert_eq!(
            problems("sequenceDiagram\n  participant A,B\n  actor C->D\n  activate E:F\n"),
            [
                "line 2: `A,B` is not a valid participant name",
                "line 3: `C->D` is not a valid participant name",
                "line 4: `E:F` is not a valid participant name",
            ]
        );
        // `create` and `destroy` need a message with the participant right after.
        clean("sequenceDiagram\n  create participant N\n  A->>N: hi\n  destroy N\n  N->>A: bye\n");
        assert_eq!(
            problems(
                "sequenceDiagram\n  create participant N\n  A->>B: hi\n  A->>N: x\n  destroy N\n  \
                 create actor M\n  M->>A: hi\n"
            ),
            [
                "line 2: `create` of `N` must be followed by a message to `N`",
                "line 5: `destroy N` must be followed by a message to or from `N`",
                "line 6: `create` of `M` must be followed by a message to `M`",
            ]
        );
    }

    #[test]
    fn problems_display_with_their_line() {
        let p = DiagramProblem::error(4, "arrow without a target");
        assert_eq!(p.to_string(), "line 4: arrow without a target");
        let whole = DiagramProblem::warning(0, "empty");
        assert_eq!(whole.to_string(), "empty");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for src in [
            "flowchart",
            "graph;",
            "flowchart LR\n A[",
            "flowchart LR\n A[\"",
            "flowchart LR\n A@{",
            "flowchart LR\n A -->|",
            "flowchart LR\n A --",
            "flowchart LR\n A -.",
            "flowchart LR\n A ==",
            "flowchart LR\n A:::",
            "flowchart LR\n é --> ü --> 🚀",
            "flowchart LR\n o--o",
            "flowchart LR\n <",
            "flowchart LR\n &",
            "flowchart LR\n subgraph \"",
            "flowchart LR\n A >",
            "sequenceDiagram\n é->>ü: café\n ->>\n :\n note\n create\n",
            "\u{feff}flowchart LR",
            "---",
        ] {
            let _ = validate(src);
        }
    }
}
