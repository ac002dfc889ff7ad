//! The flowchart (and `graph`) checker: nodes, shapes, edges and their labels, subgraphs, and
//! the statements a flowchart may hold.

use super::*;

/// A node id as written in a flowchart, where it first appeared and whether it ever got a shape.
#[derive(Debug)]
struct NodeInfo {
    id: String,
    line: u32,
    shaped: bool,
}

/// The state of a flowchart check.
#[derive(Debug, Default)]
pub(super) struct Flowchart {
    problems: Vec<DiagramProblem>,
    /// Open subgraphs: the line they were opened on and their id.
    open: Vec<(u32, String)>,
    nodes: Vec<NodeInfo>,
    index: HashMap<String, usize>,
    /// `class`, `style` and `click` references to nodes: line, keyword, id.
    refs: Vec<(u32, &'static str, String)>,
    class_defs: HashSet<String>,
    class_uses: Vec<(u32, String)>,
    links: usize,
    link_styles: Vec<(u32, usize)>,
    /// The subgraphs opened directly inside each subgraph, by id.
    subgraph_children: HashMap<String, Vec<String>>,
}

/// Node shapes: the opening bracket and the brackets that may close it, longest openings first.
const SHAPES: &[(&str, &[&str])] = &[
    ("(((", &[")))"]),
    ("((", &["))"]),
    ("([", &["])"]),
    ("[[", &["]]"]),
    ("[(", &[")]"]),
    ("[/", &["/]", "\\]"]),
    ("[\\", &["\\]", "/]"]),
    ("{{", &["}}"]),
    ("(", &[")"]),
    ("[", &["]"]),
    ("{", &["}"]),
    (">", &["]"]),
];

/// Whether a node id can start at `i`: a letter, digit or `_`.
fn id_start(s: &[char], i: usize) -> bool {
    s.get(i).is_some_and(|&c| c.is_alphanumeric() || c == '_')
}

/// The end of the node id starting at `start` (`start` itself when there is none): letters,
/// digits, `_`, and single `-` between them (`web-app`, but not the `--` of `web-->`).
fn scan_id(s: &[char], start: usize) -> usize {
    let mut i = start;
    if !id_start(s, i) {
        return i;
    }
    loop {
        if id_start(s, i) {
            i += 1;
        } else if s.get(i) == Some(&'-') && id_start(s, i + 1) {
            i += 2;
        } else {
            return i;
        }
    }
}

fn starts_with(s: &[char], i: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, p)| s.get(i + k) == Some(&p))
}

fn skip_ws(s: &[char], mut i: usize) -> usize {
    while s.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

fn text(s: &[char], from: usize, to: usize) -> String {
    s.get(from..to.min(s.len())).unwrap_or(&[]).iter().collect()
}

impl Flowchart {
    pub(super) fn check(header_line: u32, rest: &str, body: &[(u32, &str)]) -> Vec<DiagramProblem> {
        let mut f = Flowchart::default();
        let mut parts = statements(rest).into_iter();
        let direction = parts.next().unwrap_or("").trim();
        let mut words = direction.split_whitespace();
        if let Some(d) = words.next()
            && !is_direction(d)
        {
            f.error(
                header_line,
                format!("unknown direction `{d}` (use TB, TD, BT, RL or LR)"),
            );
        } else if let Some(extra) = words.next() {
            f.error(
                header_line,
                format!(
                    "unexpected `{extra}` after the direction: start statements on the next line \
                     or after `;`"
                ),
            );
        }
        for statement in parts {
            f.statement(header_line, statement.trim());
        }
        let mut describing: Option<u32> = None;
        for &(line, content) in body {
            if describing.is_some() {
                if content.contains('}') {
                    describing = None;
                }
                continue;
            }
            if is_multiline_description(content) {
                describing = Some(line);
                continue;
            }
            for statement in statements(content) {
                f.statement(line, statement.trim());
            }
        }
        if let Some(line) = describing {
            f.error(line, "`accDescr {` is never closed with `}`");
        }
        f.finish()
    }

    fn error(&mut self, line: u32, message: impl Into<String>) {
        self.problems.push(DiagramProblem::error(line, message));
    }

    fn warning(&mut self, line: u32, message: impl Into<String>) {
        self.problems.push(DiagramProblem::warning(line, message));
    }

    fn define(&mut self, line: u32, id: &str, shaped: bool) {
        match self.index.get(id) {
            Some(&i) => self.nodes[i].shaped |= shaped,
            None => {
                self.index.insert(id.to_string(), self.nodes.len());
                self.nodes.push(NodeInfo {
                    id: id.to_string(),
                    line,
                    shaped,
                });
            }
        }
    }

    fn statement(&mut self, line: u32, statement: &str) {
        if statement.is_empty() {
            return;
        }
        let (word, rest) = match statement.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (statement, ""),
        };
        match word {
            "end" if rest.is_empty() => {
                if self.open.pop().is_none() {
                    self.error(line, "stray `end`: no `subgraph` is open");
                }
            }
            "subgraph" => self.subgraph(line, rest),
            "direction" => {
                if !is_direction(rest) {
                    self.error(
                        line,
                        format!("unknown direction `{rest}` (use TB, TD, BT, RL or LR)"),
                    );
                }
            }
            "classDef" => {
                let mut parts = rest.split_whitespace();
                match (parts.next(), parts.next()) {
                    (Some(names), Some(_)) => {
                        for name in names.split(',') {
                            self.class_defs.insert(name.trim().to_string());
                        }
                    }
                    _ => self.error(line, "`classDef` needs a class name and styles"),
                }
            }
            "class" => {
                let mut parts = rest.split_whitespace();
                match (parts.next(), parts.next()) {
                    (Some(ids), Some(class)) => {
                        for id in ids.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                            self.refs.push((line, "class", id.to_string()));
                        }
                        self.class_uses.push((line, class.to_string()));
                    }
                    _ => self.error(line, "`class` needs node ids and a class name"),
                }
            }
            "style" | "click" => {
                let keyword = if word == "style" { "style" } else { "click" };
                match rest.split_whitespace().next() {
                    Some(id) => self.refs.push((line, keyword, id.to_string())),
                    None => self.error(line, format!("`{keyword}` needs a node id")),
                }
            }
            "linkStyle" => {
                let Some(which) = rest.split_whitespace().next() else {
                    self.error(line, "`linkStyle` needs link numbers and styles");
                    return;
                };
                if which != "default" {
                    for n in which.split(',') {
                        match n.trim().parse::<usize>() {
                            Ok(n) => self.link_styles.push((line, n)),
                            Err(_) => self.error(
                                line,
                                format!(
                                    "`linkStyle` needs link numbers or `default`, not `{}`",
                                    n.trim()
                                ),
                            ),
                        }
                    }
                }
            }
            _ if is_accessibility(statement) => {}
            _ => {
                let chars: Vec<char> = statement.chars().collect();
                if let Err(message) = self.chain(line, &chars) {
                    self.error(line, message);
                }
            }
        }
    }

    fn subgraph(&mut self, line: u32, rest: &str) {
        if rest.is_empty() {
            self.error(line, "`subgraph` without a name");
            self.open.push((line, String::new()));
            return;
        }
        let chars: Vec<char> = rest.chars().collect();
        let id = if chars[0] == '"' {
            match chars[1..].iter().position(|&c| c == '"') {
                Some(end) => text(&chars, 1, end + 1),
                None => {
                    self.error(line, "unbalanced quotes: a `\"` is never closed");
                    rest.to_string()
                }
            }
        } else {
            let i = scan_id(&chars, 0);
            let id = text(&chars, 0, i);
            let after = skip_ws(&chars, i);
            if after < chars.len() {
                if SHAPES
                    .iter()
                    .any(|(open, _)| starts_with(&chars, after, open))
                {
                    if let Err(message) = self.shape(&chars, after) {
                        self.error(line, message);
                    }
                } else if let Err(message) = balanced(rest) {
                    self.error(line, message);
                }
            }
            if id.is_empty() { rest.to_string() } else { id }
        };
        self.nest(line, &id);
        self.define(line, &id, true);
        self.open.push((line, id));
    }

    /// A subgraph `id` opened inside the innermost open one: it may not end up inside itself.
    /// Mermaid refuses that, and the drawing library recurses or loops on it without end.
    fn nest(&mut self, line: u32, id: &str) {
        if id.is_empty() {
            return;
        }
        if let Some(&(opened, _)) = self.open.iter().find(|(_, open)| open == id) {
            self.error(
                line,
                format!(
                    "subgraph `{id}` reuses the id of the subgraph `{id}` opened on line \
                     {opened}, which is still open: a subgraph cannot contain itself (give this \
                     one another id)"
                ),
            );
            return;
        }
        let Some((_, parent)) = self.open.last() else {
            return;
        };
        let parent = parent.clone();
        if self.subgraph_contains(id, &parent) {
            self.error(
                line,
                format!(
                    "subgraph `{id}` opened inside `{parent}`, which an earlier subgraph `{id}` \
                     contains: a subgraph cannot contain itself (give this one another id)"
                ),
            );
            return;
        }
        self.subgraph_children
            .entry(parent)
            .or_default()
            .push(id.to_string());
    }

    /// Whether the subgraph `outer` contains `inner`, at any depth, by the ids seen so far.
    fn subgraph_contains(&self, outer: &str, inner: &str) -> bool {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut todo = vec![outer];
        while let Some(id) = todo.pop() {
            for child in self.subgraph_children.get(id).into_iter().flatten() {
                if child == inner {
                    return true;
                }
                if seen.insert(child) {
                    todo.push(child);
                }
            }
        }
        false
    }

    /// A node/edge statement: groups of nodes joined by links.
    fn chain(&mut self, line: u32, s: &[char]) -> Step<()> {
        let start = skip_ws(s, 0);
        if let Some(link) = link_at(s, start, false) {
            link?;
            return Err("arrow without a source".to_string());
        }
        let (mut i, mut previous) = self.group(line, s, start)?;
        loop {
            i = skip_ws(s, i);
            if i >= s.len() {
                return Ok(());
            }
            // An edge id (`A e1@--> B`, Mermaid 11).
            let at = scan_id(s, i);
            if at > i && s.get(at) == Some(&'@') && link_at(s, at + 1, true).is_some() {
                i = at + 1;
            }
            let Some(link) = link_at(s, i, true) else {
                return Err(format!(
                    "unexpected `{}` after `{}`: expected an arrow or the end of the statement",
                    s[i],
                    previous.last().map(String::as_str).unwrap_or("")
                ));
            };
            i = skip_ws(s, i + link?);
            if s.get(i) == Some(&'|') {
                i = skip_ws(s, edge_label(s, i)?);
            }
            if i >= s.len() || link_at(s, i, false).is_some() {
                return Err("arrow without a target".to_string());
            }
            let (next, group) = self.group(line, s, i)?;
            i = next;
            self.links += previous.len() * group.len();
            previous = group;
        }
    }

    /// Nodes joined by `&`; returns the position after them and their ids.
    fn group(&mut self, line: u32, s: &[char], mut i: usize) -> Step<(usize, Vec<String>)> {
        let mut ids = Vec::new();
        loop {
            let (next, id) = self.node(line, s, i)?;
            ids.push(id);
            let after = skip_ws(s, next);
            if s.get(after) == Some(&'&') {
                i = skip_ws(s, after + 1);
                if !id_start(s, i) {
                    return Err("`&` without a node after it".to_string());
                }
            } else {
                return Ok((next, ids));
            }
        }
    }

    /// One node: id, optional shape, optional `:::class`.
    fn node(&mut self, line: u32, s: &[char], start: usize) -> Step<(usize, String)> {
        let mut i = scan_id(s, start);
        if i == start {
            return Err(match s.get(start) {
                Some(&c @ (']' | ')' | '}')) => {
                    format!("unbalanced brackets: `{c}` without a matching opening bracket")
                }
                Some('"') => "unexpected `\"`: a label goes inside a node's brackets, as in \
                              `A[\"label\"]`"
                    .to_string(),
                Some(&c) => format!("unexpected `{c}`: expected a node id"),
                None => "expected a node id".to_string(),
            });
        }
        let id = text(s, start, i);
        if id == "end" {
            return Err(
                "`end` cannot be a node id in a flowchart (write `End` or `END`)".to_string(),
            );
        }
        let mut shaped = false;
        if starts_with(s, i, "@{") {
            i = brace_block(s, i + 1)?;
            shaped = true;
        } else if SHAPES.iter().any(|(open, _)| starts_with(s, i, open)) {
            i = self.shape(s, i)?;
            shaped = true;
        }
        if starts_with(s, i, ":::") {
            let from = i + 3;
            let j = scan_id(s, from);
            if j == from {
                return Err(format!("`:::` after `{id}` without a class name"));
            }
            self.class_uses.push((line, text(s, from, j)));
            i = j;
        }
        self.define(line, &id, shaped);
        Ok((i, id))
    }

    /// A shape starting at `i`; returns the position after its closing bracket.
    fn shape(&mut self, s: &[char], i: usize) -> Step<usize> {
        let Some(&(open, closes)) = SHAPES.iter().find(|(open, _)| starts_with(s, i, open)) else {
            return Ok(i);
        };
        let mut j = i + open.chars().count();
        let closing = |j: usize| {
            closes
                .iter()
                .find(|c| starts_with(s, j, c))
                .map(|c| j + c.chars().count())
        };
        let unclosed = || {
            format!(
                "unbalanced brackets: `{open}` is never closed with `{}`",
                closes[0]
            )
        };
        let inner = skip_ws(s, j);
        if s.get(inner) == Some(&'"') {
            let Some(end) = s[inner + 1..].iter().position(|&c| c == '"') else {
                return Err("unbalanced quotes: a `\"` is never closed".to_string());
            };
            if end == 0 {
                return Err(
                    "an empty quoted label `\"\"`: Mermaid needs at least one character"
                        .to_string(),
                );
            }
            // Mermaid reads plain text after the quoted part (`A["x" y]`) as more label.
            j = inner + 1 + end + 1;
        }
        while j < s.len() {
            if let Some(after) = closing(j) {
                return Ok(after);
            }
            unquoted_char(s, j)?;
            j += 1;
        }
        Err(unclosed())
    }

    fn finish(mut self) -> Vec<DiagramProblem> {
        for (line, id) in std::mem::take(&mut self.open) {
            let name = if id.is_empty() {
                String::new()
            } else {
                format!(" `{id}`")
            };
            self.error(
                line,
                format!(
                    "unclosed subgraph{name}: opened on line {line} and never closed with `end`"
                ),
            );
        }
        for (line, keyword, id) in std::mem::take(&mut self.refs) {
            if self.index.contains_key(&id) {
                continue;
            }
            let mut message = format!(
                "`{keyword}` refers to `{id}`, which no node or edge in the diagram defines"
            );
            let lower = id.to_lowercase();
            if let Some(n) = self.nodes.iter().find(|n| n.id.to_lowercase() == lower) {
                message.push_str(&format!(" (did you mean `{}`?)", n.id));
            }
            self.warning(line, message);
        }
        for (line, class) in std::mem::take(&mut self.class_uses) {
            if class != "default" && !self.class_defs.contains(&class) {
                self.warning(
                    line,
                    format!("class `{class}` is not defined with `classDef`"),
                );
            }
        }
        for (line, n) in std::mem::take(&mut self.link_styles) {
            if n >= self.links {
                let count = match self.links {
                    1 => "1 link".to_string(),
                    k => format!("{k} links"),
                };
                self.warning(
                    line,
                    format!(
                        "`linkStyle` refers to link {n}, but the diagram has {count} (numbered \
                         from 0)"
                    ),
                );
            }
        }
        let mut warnings = Vec::new();
        let mut spellings: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, node) in self.nodes.iter().enumerate() {
            spellings.entry(node.id.to_lowercase()).or_default().push(k);
        }
        for (k, node) in self.nodes.iter().enumerate() {
            if node.shaped {
                continue;
            }
            // The other spelling: a shaped one first, else an earlier bare one.
            let other = spellings[&node.id.to_lowercase()]
                .iter()
                .map(|&j| (j, &self.nodes[j]))
                .filter(|&(j, _)| j != k)
                .find(|&(j, n)| n.shaped || j < k);
            if let Some((_, other)) = other {
                warnings.push(DiagramProblem::warning(
                    node.line,
                    format!(
                        "node `{}` differs only in case from `{}` (line {}); Mermaid treats them \
                         as two nodes — a typo?",
                        node.id, other.id, other.line
                    ),
                ));
            }
        }
        self.problems.extend(warnings);
        self.problems
    }
}

/// Whether the character at `j` may stand in an unquoted label: not a quote, bracket or `|`, and
/// not an `@` right after text (Mermaid 11 reads `name@` as an edge id).
fn unquoted_char(s: &[char], j: usize) -> Step<()> {
    match s.get(j) {
        Some('"') => Err(
            "a `\"` inside an unquoted label: put the whole label in quotes and write the quote as \
             `#quot;`"
                .to_string(),
        ),
        Some(&c @ ('[' | '(' | '{' | ']' | ')' | '}' | '|')) => Err(format!(
            "a `{c}` inside an unquoted label: put the label in quotes, as in `A[\"label\"]`"
        )),
        Some('@') if j > 0 && !s[j - 1].is_whitespace() => Err(
            "an `@` right after text in an unquoted label (Mermaid reads `name@` as an edge id): \
             put the label in quotes"
                .to_string(),
        ),
        _ => Ok(()),
    }
}

/// The end of the edge label `|…|` starting at `i` (at the first `|`); a quoted label may hold `|`.
fn edge_label(s: &[char], i: usize) -> Step<usize> {
    let unclosed = || "edge label `|…` is never closed with `|`".to_string();
    let mut j = skip_ws(s, i + 1);
    if s.get(j) == Some(&'"') {
        let end = s[j + 1..]
            .iter()
            .position(|&c| c == '"')
            .ok_or_else(|| "unbalanced quotes: a `\"` is never closed".to_string())?;
        j = skip_ws(s, j + 1 + end + 1);
        return match s.get(j) {
            Some('|') => Ok(j + 1),
            Some(&c) => Err(format!(
                "unexpected `{c}` after a quoted edge label: expected `|`"
            )),
            None => Err(unclosed()),
        };
    }
    while j < s.len() {
        if s[j] == '|' {
            return Ok(j + 1);
        }
        if s[j] == '@' {
            unquoted_char(s, j)?;
        }
        j += 1;
    }
    Err(unclosed())
}

/// The end of a `{ … }` block starting at `i` (at the `{`), counting nested braces and skipping
/// quoted text.
fn brace_block(s: &[char], i: usize) -> Step<usize> {
    let mut depth = 0usize;
    let mut quoted = false;
    for (j, &c) in s.iter().enumerate().skip(i) {
        match c {
            '"' => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(j + 1);
                }
            }
            _ => {}
        }
    }
    Err(if quoted {
        "unbalanced quotes: a `\"` is never closed".to_string()
    } else {
        "unbalanced brackets: `@{` is never closed with `}`".to_string()
    })
}

/// Whether quotes and brackets balance in `text`.
fn balanced(text: &str) -> Step<()> {
    let mut stack = Vec::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '[' | '(' | '{' => stack.push(c),
            ']' | ')' | '}' => {
                let want = match c {
                    ']' => '[',
                    ')' => '(',
                    _ => '{',
                };
                if stack.pop() != Some(want) {
                    return Err(format!(
                        "unbalanced brackets: `{c}` without a matching opening bracket"
                    ));
                }
            }
            _ => {}
        }
    }
    if quoted {
        return Err("unbalanced quotes: a `\"` is never closed".to_string());
    }
    match stack.last() {
        Some(c) => Err(format!("unbalanced brackets: `{c}` is never closed")),
        None => Ok(()),
    }
}

/// The link starting at `i`, if there is one: its length, or an error when it is malformed.
/// `heads` allows the `o` and `x` heads of `o--o` and `x--x` (not where a node id may start).
fn link_at(s: &[char], i: usize, heads: bool) -> Option<Step<usize>> {
    let mut j = i;
    // Heads of bidirectional links: `<-->`, `o--o`, `x--x`.
    match s.get(j) {
        Some('<') => j += 1,
        Some('o' | 'x')
            if heads && matches!(s.get(j + 1), Some('-' | '=')) && s.get(j + 2) == s.get(j + 1) =>
        {
            j += 1
        }
        _ => {}
    }
    let body = j;
    let tail = |k: usize| match s.get(k) {
        Some('>' | 'x' | 'o') => k + 1,
        _ => k,
    };
    let run = |k: usize, c: char| {
        let mut k = k;
        while s.get(k) == Some(&c) {
            k += 1;
        }
        k
    };
    let result = match (s.get(body), s.get(body + 1)) {
        (Some('-'), Some('-')) | (Some('='), Some('=')) => {
            let c = s[body];
            let end = run(body, c);
            let after = tail(end);
            if after > end || end - body >= 3 {
                Ok(after - i)
            } else {
                // `-- text -->`, `== text ==>`.
                let close: String = [c, c].iter().collect();
                match (end..s.len()).find(|&k| starts_with(s, k, &close)) {
                    Some(k) => Ok(tail(run(k, c)) - i),
                    None => Err(format!(
                        "arrow text after `{close}` is never closed with `{close}{}`",
                        if c == '-' { ">` or `---" } else { ">` or `===" }
                    )),
                }
            }
        }
        (Some('-'), Some('.')) => {
            let dots = run(body + 1, '.');
            if s.get(dots) == Some(&'-') {
                Ok(tail(dots + 1) - i)
            } else {
                // `-. text .->`.
                match (dots..s.len()).find(|&k| starts_with(s, k, ".-")) {
                    Some(k) => Ok(tail(run(k + 1, '-')) - i),
                    None => Err("arrow text after `-.` is never closed with `.->`".to_string()),
                }
            }
        }
        (Some('-'), Some('>')) => Err("`->` is not a flowchart arrow: write `-->`".to_string()),
        (Some('~'), Some('~')) if s.get(body + 2) == Some(&'~') => Ok(run(body, '~') - i),
        _ if body > i => Err(format!("unexpected `{}`: expected an arrow", s[i])),
        _ => return None,
    };
    Some(result)
}
