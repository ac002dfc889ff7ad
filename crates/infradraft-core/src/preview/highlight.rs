//! Syntax highlighting of fenced code blocks with syntect.
//!
//! [`Highlighter`] owns the syntaxes infradraft ships in `assets/syntaxes/` (the languages
//! infrastructure documents and READMEs use most; the build script compiles them into a binary
//! dump), syntect's default syntaxes (from its own dump) for every other language, and syntect's
//! default themes. The app builds it once,
//! possibly on a background thread, and shares it (it is `Send + Sync`).
//!
//! Our syntaxes are written for a terminal preview and kept lean: a flat context or two of merged
//! patterns per language, which colours a block three to five times faster than syntect's full
//! grammars for the same languages (these are tens of patterns per context, and syntect searches
//! every pattern of the current context at every token). A fence's language is looked up in ours
//! first, by the tokens each syntax lists under `file_extensions` (`tf`, `golang`, `console`…)
//! or its name, then in the defaults.
//!
//! Ours are kept in a set of their own rather than merged into the defaults: merging
//! (`into_builder`, `add`, `build`) re-links all 75 default syntaxes, which took about 0.45 s in
//! a release build, and a document whose code is all in our languages never loads the defaults.
//! None of our syntaxes refers to another syntax, so nothing is lost.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use ratatui::style::{Color, Modifier, Style};
use syntect::highlighting::{FontStyle, HighlightIterator, HighlightState, Theme, ThemeSet};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The syntaxes written for infradraft (`assets/syntaxes/`), compiled into one set by the build
/// script (`build.rs`) and loaded from its dump.
const OURS_DUMP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syntaxes.packdump"));

/// Fence languages that mean "plain text": shown uncoloured, and never looked up.
const PLAIN_TEXT: &[&str] = &["text", "txt", "plain", "plaintext", "none", "output", "log"];

/// Lines longer than this many bytes are not highlighted (and neither is the rest of their
/// block): regex-based highlighting of minified blobs can be very slow.
const MAX_HIGHLIGHT_LINE: usize = 4096;
/// Code blocks larger than this many bytes are shown without highlighting.
const MAX_HIGHLIGHT_BLOCK: usize = 512 * 1024;

/// One highlighted source line: text pieces with their colours (no newline).
pub(crate) type HighlightedLine = Vec<(String, Style)>;

/// Syntax definitions and colour themes for code blocks. Each part is loaded the first time it
/// is needed (a document without code loads nothing; a document whose code is all in our
/// languages never loads syntect's defaults); [`Highlighter::warm_up`] loads them ahead, on a
/// thread of the caller's choosing.
pub struct Highlighter {
    /// Tells this highlighter's entries in the per-thread [`LineMemo`] from others'.
    id: u64,
    /// `false`: no syntaxes and no themes (see [`Highlighter::plain`]).
    full: bool,
    /// Ours (`assets/syntaxes/`).
    ours: OnceLock<SyntaxSet>,
    /// syntect's defaults.
    defaults: OnceLock<SyntaxSet>,
    themes: OnceLock<ThemeSet>,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter::new()
    }
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter")
            .field("full", &self.full)
            .field("ours", &self.ours.get().map(|s| s.syntaxes().len()))
            .field("defaults", &self.defaults.get().map(|s| s.syntaxes().len()))
            .field("themes", &self.themes.get().map(|t| t.themes.len()))
            .finish()
    }
}

impl Highlighter {
    /// infradraft's syntaxes, syntect's default syntaxes and themes, each loaded when first used.
    pub fn new() -> Highlighter {
        Highlighter {
            id: next_id(),
            full: true,
            ours: OnceLock::new(),
            defaults: OnceLock::new(),
            themes: OnceLock::new(),
        }
    }

    /// A highlighter with no syntaxes and no themes: instant to build, renders every code block
    /// without syntax colours. For use until [`Highlighter::new`] (run on another thread) is done.
    pub fn plain() -> Highlighter {
        Highlighter {
            full: false,
            ..Highlighter::new()
        }
    }

    fn defaults(&self) -> &SyntaxSet {
        self.defaults.get_or_init(|| {
            if self.full {
                SyntaxSet::load_defaults_newlines()
            } else {
                SyntaxSet::new()
            }
        })
    }

    fn ours(&self) -> &SyntaxSet {
        self.ours.get_or_init(|| {
            if !self.full {
                return SyntaxSet::new();
            }
            // The dump is made by the build script from files a test loads one by one; a
            // failure here would be a build defect, and the preview works without colours.
            syntect::dumps::from_uncompressed_data(OURS_DUMP).unwrap_or_else(|_| SyntaxSet::new())
        })
    }

    fn themes(&self) -> &ThemeSet {
        self.themes.get_or_init(|| {
            if self.full {
                ThemeSet::load_defaults()
            } else {
                ThemeSet::new()
            }
        })
    }

    /// Prepares the syntaxes infrastructure documents use most (YAML, JSON, shell, HCL,
    /// Dockerfile, TOML, Python, SQL) under `theme`. syntect loads syntaxes and compiles their
    /// patterns lazily, on first use (tens of milliseconds in a release build); calling this on
    /// the thread that built the highlighter spares the first preview render that cost.
    pub fn warm_up(&self, theme: &str) {
        const SAMPLES: &[(&str, &str)] = &[
            ("yaml", "a: [1, 'b', \"c\"] # d\n- e: |\n    f\n"),
            ("json", "{\"a\": [1, true, null, \"b\"]}\n"),
            (
                "bash",
                "#!/bin/sh\nset -e\nif [ -f \"$X\" ]; then echo ${Y:-z} | grep q; fi\n",
            ),
            (
                "hcl",
                "resource \"a\" \"b\" {\n  c = merge(var.d, { e = \"${f}\" }) # g\n}\n",
            ),
            ("dockerfile", "FROM a AS b\nRUN c && \\\n  d \"$E\"\n"),
            ("toml", "[a]\nb = \"c\" # d\ne = [1, 2.0, true]\n"),
            (
                "python",
                "def f(a: int) -> str:\n    return f\"{a}\"  # b\n",
            ),
            (
                "sql",
                "SELECT a, COUNT(*) FROM b WHERE c = 'd' GROUP BY a;\n",
            ),
        ];
        let _ = (self.ours(), self.defaults(), self.themes());
        for (lang, sample) in SAMPLES {
            let _ = self.highlight(lang, sample, theme, Style::new(), None);
        }
    }

    /// The names of the colour themes available for [`super::PreviewStyles::syntax_theme`],
    /// sorted.
    pub fn theme_names(&self) -> Vec<&str> {
        self.themes().themes.keys().map(String::as_str).collect()
    }

    /// Whether `name` is an available colour theme.
    pub fn has_theme(&self, name: &str) -> bool {
        self.themes().themes.contains_key(name)
    }

    /// The name of the syntax used for a fence language such as `yaml`, `tf` or `Dockerfile`;
    /// `None` when the language is unknown or plain text (such blocks are shown uncoloured).
    pub fn syntax_name(&self, lang: &str) -> Option<&str> {
        self.syntax_for(lang).map(|(s, _)| s.name.as_str())
    }

    /// The syntax for a fence language, with the set it belongs to: ours first (by the tokens
    /// under `file_extensions`, then by name, ignoring case), then syntect's defaults.
    fn syntax_for(&self, lang: &str) -> Option<(&SyntaxReference, &SyntaxSet)> {
        let lang = lang.trim();
        if lang.is_empty() || PLAIN_TEXT.iter().any(|p| p.eq_ignore_ascii_case(lang)) {
            return None;
        }
        let ours = self.ours();
        if let Some(found) = ours.find_syntax_by_token(lang) {
            return Some((found, ours));
        }
        let defaults = self.defaults();
        defaults
            .find_syntax_by_token(lang)
            .filter(|s| s.name != "Plain Text")
            .map(|s| (s, defaults))
    }

    fn theme(&self, name: &str) -> Option<&Theme> {
        if name.is_empty() {
            return None;
        }
        self.themes().themes.get(name)
    }

    /// Highlights `code` as `lang` with the theme `theme`. Returns one entry per source line (the
    /// trailing newline of each line removed), or `None` when the language or theme is unknown or
    /// the block is too large to highlight. Lines after an over-long line, or after a highlighting
    /// error, come back with the base style. Tokens in the theme's own foreground colour are
    /// given `plain` (the document's text colour; `None` for the terminal's), so that plain code
    /// reads like the text around it.
    pub(crate) fn highlight(
        &self,
        lang: &str,
        code: &str,
        theme: &str,
        base: Style,
        plain: Option<Color>,
    ) -> Option<Vec<HighlightedLine>> {
        if code.len() > MAX_HIGHLIGHT_BLOCK {
            return None;
        }
        let (syntax, set) = self.syntax_for(lang)?;
        let theme_name = theme;
        let theme = self.theme(theme)?;
        let own = theme.settings.foreground;
        let highlighter = syntect::highlighting::Highlighter::new(theme);
        let mut state = Some(Rc::new(LineState {
            parse: ParseState::new(syntax),
            scopes: HighlightState::new(&highlighter, ScopeStack::new()),
        }));
        // Which set the syntax is from: parse states of different sets are not comparable.
        let ours = u8::from(self.ours.get().is_some_and(|ours| std::ptr::eq(set, ours)));
        let mut lines = Vec::new();
        MEMO.with_borrow_mut(|memo| {
            memo.use_key(self.id, theme_name);
            for line in LinesWithEndings::from(code) {
                let bare = line.strip_suffix('\n').unwrap_or(line);
                let bare = bare.strip_suffix('\r').unwrap_or(bare);
                if line.len() > MAX_HIGHLIGHT_LINE {
                    state = None;
                }
                let tokens = state
                    .as_mut()
                    .map(|st| memo.highlight(line, st, (set, ours), &highlighter));
                let pieces = match tokens {
                    Some(Some(tokens)) => {
                        let mut out: HighlightedLine = Vec::with_capacity(tokens.len());
                        let mut used = 0;
                        for (style, len) in tokens.iter() {
                            let text = &line[used..used + len];
                            let take = text.len().min(bare.len().saturating_sub(used));
                            let piece = &text[..floor_char_boundary(text, take)];
                            used += len;
                            if piece.is_empty() {
                                continue;
                            }
                            let mut style = convert(*style, base);
                            if own.is_some_and(|c| style.fg == Some(Color::Rgb(c.r, c.g, c.b))) {
                                style.fg = plain;
                            }
                            match out.last_mut() {
                                Some((text, last)) if *last == style => text.push_str(piece),
                                _ => out.push((piece.to_string(), style)),
                            }
                        }
                        out
                    }
                    Some(None) => {
                        state = None;
                        vec![(bare.to_string(), base)]
                    }
                    None => vec![(bare.to_string(), base)],
                };
                lines.push(pieces);
            }
        });
        Some(lines)
    }
}

fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Where syntect is between two lines: the parser's context stack and the theme's scope stack.
#[derive(Clone, PartialEq, Eq)]
struct LineState {
    parse: ParseState,
    scopes: HighlightState,
}

/// A line's tokens: theme styles with their lengths in bytes.
type Tokens = Rc<[(syntect::highlighting::Style, usize)]>;

/// How many distinct lines [`LineMemo`] remembers before it starts over.
const MEMO_LINES: usize = 1024;

thread_local! {
    static MEMO: RefCell<LineMemo> = RefCell::new(LineMemo::default());
}

/// The highlighting of lines seen recently on this thread. A line's tokens and the state after it
/// depend only on the line and the state before it, so a line met again in the same state (the
/// same `apiVersion: v1` in the tenth manifest, every unchanged line of a block re-rendered while
/// its neighbour is edited) is not parsed again. Bounded: it starts over after [`MEMO_LINES`]
/// distinct lines, and whenever the highlighter or the theme changes.
#[derive(Default)]
struct LineMemo {
    /// Highlighter id and theme name.
    key: Option<(u64, String)>,
    /// Per line: which syntax set parsed it (1 for ours, 0 for the defaults: parse states of
    /// different sets are not comparable), the state before it, its tokens and the state after
    /// it.
    lines: HashMap<Box<str>, Vec<Remembered>>,
    remembered: usize,
}

struct Remembered {
    ours: u8,
    before: Rc<LineState>,
    tokens: Tokens,
    after: Rc<LineState>,
}

impl LineMemo {
    fn use_key(&mut self, highlighter: u64, theme: &str) {
        if self
            .key
            .as_ref()
            .is_none_or(|(id, name)| *id != highlighter || name != theme)
        {
            self.lines.clear();
            self.remembered = 0;
            self.key = Some((highlighter, theme.to_string()));
        }
    }

    /// The tokens of `line` highlighted from `state`, which moves on to the state after the
    /// line; `None` when syntect fails on the line.
    fn highlight(
        &mut self,
        line: &str,
        state: &mut Rc<LineState>,
        (set, ours): (&SyntaxSet, u8),
        highlighter: &syntect::highlighting::Highlighter<'_>,
    ) -> Option<Tokens> {
        if let Some(seen) = self.lines.get(line)
            && let Some(r) = seen
                .iter()
                .find(|r| r.ours == ours && (Rc::ptr_eq(&r.before, state) || *r.before == **state))
        {
            *state = Rc::clone(&r.after);
            return Some(Rc::clone(&r.tokens));
        }
        let mut next = LineState::clone(state);
        // A state holding a regex capture (a here-document's end marker, a block scalar's
        // indentation) never equals a copy of itself, as onig compares captures by address:
        // such lines are not remembered, as they could never be found again.
        let comparable = next == **state;
        let ops = next.parse.parse_line(line, set).ok()?;
        let tokens: Tokens = HighlightIterator::new(&mut next.scopes, &ops, line, highlighter)
            .map(|(style, text)| (style, text.len()))
            .collect();
        let before = std::mem::replace(state, Rc::new(next));
        if !comparable {
            return Some(tokens);
        }
        if self.remembered >= MEMO_LINES {
            self.lines.clear();
            self.remembered = 0;
        }
        self.remembered += 1;
        self.lines.entry(line.into()).or_default().push(Remembered {
            ours,
            before,
            tokens: tokens.clone(),
            after: Rc::clone(state),
        });
        Some(tokens)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A syntect token style as a ratatui style over `base`: the theme's foreground colour and font
/// style; the background stays the code block's own.
fn convert(style: syntect::highlighting::Style, base: Style) -> Style {
    let fg = style.foreground;
    let mut out = base.fg(Color::Rgb(fg.r, fg.g, fg.b));
    if style.font_style.contains(FontStyle::BOLD) {
        out = out.add_modifier(Modifier::BOLD);
    }
    if style.font_style.contains(FontStyle::ITALIC) {
        out = out.add_modifier(Modifier::ITALIC);
    }
    if style.font_style.contains(FontStyle::UNDERLINE) {
        out = out.add_modifier(Modifier::UNDERLINED);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;
    use syntect::easy::ScopeRangeIterator;
    use syntect::parsing::{ParseState, ScopeStack, SyntaxDefinition};

    pub(crate) fn shared() -> &'static Highlighter {
        static HL: OnceLock<Highlighter> = OnceLock::new();
        HL.get_or_init(Highlighter::new)
    }

    /// The scope stack (as text) in effect at the first occurrence of `needle` in `code`.
    fn scopes_at(lang: &str, code: &str, needle: &str) -> String {
        scopes_at_offset(lang, code, code.find(needle).expect("needle in code"))
    }

    /// The scope stack (as text) in effect at byte `target` of `code`.
    fn scopes_at_offset(lang: &str, code: &str, target: usize) -> String {
        let hl = shared();
        let (syntax, set) = hl.syntax_for(lang).expect("syntax");
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut offset = 0;
        for line in LinesWithEndings::from(code) {
            let ops = state.parse_line(line, set).expect("parse");
            for (range, op) in ScopeRangeIterator::new(&ops, line) {
                stack.apply(op).expect("scope op");
                if range.is_empty() {
                    continue;
                }
                if offset + range.start <= target && target < offset + range.end {
                    return stack
                        .as_slice()
                        .iter()
                        .map(|s| s.build_string())
                        .collect::<Vec<_>>()
                        .join(" ");
                }
            }
            offset += line.len();
        }
        panic!("offset {target} not reached")
    }

    #[test]
    fn every_file_of_ours_is_in_the_compiled_set_and_every_pattern_compiles() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/syntaxes");
        let hl = shared();
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).expect("assets/syntaxes") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "sublime-syntax") {
                continue;
            }
            files += 1;
            let source = std::fs::read_to_string(&path).expect("readable");
            let def = SyntaxDefinition::load_from_str(&source, true, None)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let compiled = hl
                .ours()
                .find_syntax_by_name(&def.name)
                .unwrap_or_else(|| panic!("{}: {} not compiled in", path.display(), def.name));
            assert_eq!(compiled.file_extensions, def.file_extensions);
            // Every pattern compiles (syntect compiles them lazily, on first use): run every
            // context of the syntax over a line that exercises most of them.
            let mut state = ParseState::new(compiled);
            for line in LinesWithEndings::from("x = 1 # a\n\"b\" 'c' // d /* e */ `f` -g\n") {
                state
                    .parse_line(line, hl.ours())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
        }
        assert_eq!(
            files,
            hl.ours().syntaxes().len(),
            "a syntax in the set has no file"
        );
        assert!(files >= 11, "{files} syntaxes");
    }

    /// Our syntaxes' samples (`tests/syntaxes/NAME.sample`) and the scopes expected in them
    /// (`NAME.expect`: `NEEDLE<TAB>SCOPE`, or `!SCOPE` for a scope that must be absent, at the
    /// first occurrence of NEEDLE, or the n-th with `NEEDLE@n`).
    #[test]
    fn syntax_samples_have_their_scopes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/syntaxes");
        let names = [
            ("bash", "bash"),
            ("go", "go"),
            ("javascript", "ts"),
            ("json", "jsonc"),
            ("python", "python"),
            ("rust", "rust"),
            ("sql", "sql"),
            ("yaml", "yml"),
        ];
        for (name, fence) in names {
            assert!(
                shared().ours().find_syntax_by_token(fence).is_some(),
                "{fence} is not one of ours"
            );
            let read = |ext: &str| {
                let path = dir.join(format!("{name}.{ext}"));
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            };
            let (sample, expect) = (read("sample"), read("expect"));
            let mut checked = 0;
            for (n, line) in expect.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let (needle, scope) = line
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("{name}.expect:{}: no tab", n + 1));
                let (needle, nth) = match needle.rsplit_once('@') {
                    Some((needle, nth)) if nth.parse::<usize>().is_ok() => {
                        (needle, nth.parse::<usize>().unwrap())
                    }
                    _ => (needle, 1),
                };
                let at = sample
                    .match_indices(needle)
                    .nth(nth.saturating_sub(1))
                    .unwrap_or_else(|| panic!("{name}.expect:{}: {needle:?} not in sample", n + 1))
                    .0;
                let scopes = scopes_at_offset(fence, &sample, at);
                let (negated, scope) = match scope.strip_prefix('!') {
                    Some(scope) => (true, scope),
                    None => (false, scope),
                };
                assert_eq!(
                    scopes.contains(scope),
                    !negated,
                    "{name}.expect:{}: {needle:?} has {scopes:?}",
                    n + 1
                );
                checked += 1;
            }
            assert!(checked >= 20, "{name}.expect checks only {checked} scopes");
        }
    }

    #[test]
    fn fence_aliases_resolve() {
        let hl = shared();
        for lang in ["hcl", "tf", "terraform", "HCL"] {
            assert_eq!(hl.syntax_name(lang), Some("HCL"), "{lang}");
        }
        for lang in ["dockerfile", "Dockerfile", "containerfile", "docker"] {
            assert_eq!(hl.syntax_name(lang), Some("Dockerfile"));
        }
        for (lang, name) in [
            ("yaml", "YAML"),
            ("yml", "YAML"),
            ("json", "JSON"),
            ("jsonc", "JSON"),
            ("bash", "Bash"),
            ("sh", "Bash"),
            ("shell", "Bash"),
            ("console", "Bash"),
            ("python", "Python"),
            ("py", "Python"),
            ("sql", "SQL"),
            ("rust", "Rust"),
            ("rs", "Rust"),
            ("go", "Go"),
            ("golang", "Go"),
            ("ts", "JavaScript"),
            ("typescript", "JavaScript"),
            ("toml", "TOML"),
        ] {
            assert_eq!(hl.syntax_name(lang), Some(name), "{lang}");
        }
        // Languages of syntect's defaults.
        for (lang, name) in [("ruby", "Ruby"), ("c++", "C++"), ("java", "Java")] {
            assert_eq!(hl.syntax_name(lang), Some(name), "{lang}");
        }
        assert!(hl.syntax_name("no-such-language").is_none());
        assert!(hl.syntax_name("text").is_none());
        assert!(hl.syntax_name("TEXT").is_none());
        assert!(hl.syntax_name("").is_none());
        assert!(Highlighter::plain().syntax_name("yaml").is_none());
        assert!(hl.has_theme("base16-ocean.dark"));
        assert!(hl.theme_names().contains(&"InspiredGitHub"));
    }

    const TF: &str = r#"# Network
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"   // the VPC
  enable_dns = true
  count      = 3
  tags = merge(local.tags, { Name = "vpc-${var.env}" })
  /* block
     comment */
  user_data = <<-EOT
    echo ${var.name}
    EOT
  value = null
  policy = <<CUSTOM
{"Effect": "Allow"}
CUSTOM
  after = 1
}
locals {
  x = [for s in var.list : upper(s) if s != ""]
}
"#;

    #[test]
    fn hcl_scopes() {
        let at = |needle| scopes_at("tf", TF, needle);
        assert!(
            at("# Network").contains("comment.line"),
            "{}",
            at("# Network")
        );
        assert!(
            at("resource").contains("keyword.declaration"),
            "{}",
            at("resource")
        );
        assert!(at("\"aws_vpc\"").contains("string.quoted.double"));
        assert!(at("cidr_block").contains("entity.other.attribute-name"));
        assert!(at("// the VPC").contains("comment.line"));
        assert!(at("true").contains("constant.language.boolean"));
        assert!(at("3\n").contains("constant.numeric"));
        assert!(at("merge").contains("support.function"));
        assert!(at("var.env").contains("meta.interpolation"));
        assert!(!at("var.env").contains("string.quoted"));
        assert!(at("vpc-").contains("string.quoted.double"));
        assert!(at("comment */").contains("comment.block"));
        assert!(at("echo").contains("string.unquoted.heredoc"));
        assert!(at("var.name").contains("meta.interpolation"));
        // After the heredoc closes, we are back in the block.
        assert!(
            at("value").contains("entity.other.attribute-name"),
            "{}",
            at("value")
        );
        assert!(at("null").contains("constant.language.null"));
        assert!(
            at("Effect").contains("string.unquoted.heredoc"),
            "{}",
            at("Effect")
        );
        assert!(
            at("after").contains("entity.other.attribute-name"),
            "{}",
            at("after")
        );
        assert!(at("locals").contains("keyword.declaration"));
        assert!(at("for s").contains("keyword.control"));
        assert!(at("upper").contains("support.function"));
    }

    const DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
FROM rust:1.89 AS build
WORKDIR /src
COPY --from=deps /cache /cache
run cargo build --release && \
    strip target/release/app
ENV APP_HOME=/app PATH="${APP_HOME}/bin:$PATH"
EXPOSE 8080/tcp
from debian:bookworm-slim as runtime
ENTRYPOINT ["/app/bin/app", "serve"]
"#;

    #[test]
    fn dockerfile_scopes() {
        let at = |needle| scopes_at("Dockerfile", DOCKERFILE, needle);
        assert!(at("# syntax").contains("comment.line"));
        assert!(at("FROM").contains("keyword.control"));
        assert!(at("AS build").contains("keyword.control"));
        assert!(at("build\n").contains("entity.name.type"));
        assert!(at("WORKDIR").contains("keyword.control"));
        assert!(at("--from").contains("variable.parameter"));
        assert!(
            at("run cargo").contains("keyword.control"),
            "case-insensitive"
        );
        assert!(at("\\\n").contains("punctuation.separator.continuation"));
        // The continued line is still part of RUN's arguments, not a new instruction.
        assert!(!at("strip").contains("keyword.control"));
        assert!(at("${APP_HOME}").contains("variable.other"));
        assert!(at("$PATH").contains("variable.other"));
        assert!(at("\"${APP_HOME}").contains("string.quoted.double"));
        assert!(at("8080").contains("constant.numeric"));
        assert!(at("from debian").contains("keyword.control"));
        assert!(at("as runtime").contains("keyword.control"));
        assert!(at("\"serve\"").contains("string.quoted.double"));
    }

    const TOML: &str = r#"# Cargo manifest
[package]
name = "infradraft"
version = "0.1.0"
edition = 2024
tags = ["tui", 'docs']
deps = { serde = "1.0", optional = true }
released = 2026-11-23T10:00:00Z

[[bin]]
path = """
src/main.rs"""
"#;

    #[test]
    fn toml_scopes() {
        let at = |needle| scopes_at("toml", TOML, needle);
        assert!(at("# Cargo").contains("comment.line"));
        assert!(at("package").contains("entity.name.section"));
        assert!(at("name").contains("entity.other.attribute-name"));
        assert!(at("\"infradraft\"").contains("string.quoted.double"));
        assert!(at("2024").contains("constant.numeric"));
        assert!(at("'docs'").contains("string.quoted.single"));
        assert!(at("optional").contains("entity.other.attribute-name"));
        assert!(at("true").contains("constant.language.boolean"));
        assert!(at("2026-11-23").contains("constant.other.datetime"));
        assert!(at("bin").contains("entity.name.section"));
        assert!(at("src/main.rs").contains("string.quoted.triple"));
    }

    #[test]
    fn highlight_gives_colours_and_strips_newlines() {
        let hl = shared();
        let lines = hl
            .highlight(
                "yaml",
                "key: value\nlist:\n  - 1\n",
                "base16-ocean.dark",
                Style::new(),
                None,
            )
            .expect("highlighted");
        assert_eq!(lines.len(), 3);
        let text: String = lines[0].iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(text, "key: value");
        let colours: std::collections::HashSet<_> =
            lines.iter().flatten().filter_map(|(_, s)| s.fg).collect();
        assert!(colours.len() > 1, "{colours:?}");
        // Tokens in the theme's own foreground (`: `, `- ` here) take the text colour given.
        let own = Color::Rgb(0xc0, 0xc5, 0xce);
        assert!(colours.contains(&own) || lines.iter().flatten().any(|(_, s)| s.fg.is_none()));
        let text = Color::Indexed(7);
        let lines = hl
            .highlight(
                "yaml",
                "key: value\n",
                "base16-ocean.dark",
                Style::new(),
                Some(text),
            )
            .expect("highlighted");
        let fgs: Vec<_> = lines[0].iter().map(|(_, s)| s.fg).collect();
        assert!(fgs.contains(&Some(text)), "{fgs:?}");
        assert!(!fgs.contains(&Some(own)), "{fgs:?}");
        assert!(
            hl.highlight("yaml", "a: b\n", "", Style::new(), None)
                .is_none()
        );
        assert!(
            hl.highlight("nope", "a: b\n", "base16-ocean.dark", Style::new(), None)
                .is_none()
        );
    }

    #[test]
    fn warm_up_runs_with_any_theme() {
        shared().warm_up("base16-ocean.dark");
        shared().warm_up("");
        Highlighter::plain().warm_up("no such theme");
    }

    /// A token as `highlight` gives it with no text colour: the theme's own foreground left to
    /// the terminal, and a token in the style of the one before it merged with it.
    fn push_reference(
        out: &mut HighlightedLine,
        text: &str,
        style: syntect::highlighting::Style,
        theme: &syntect::highlighting::Theme,
    ) {
        let style = if theme.settings.foreground == Some(style.foreground) {
            Style {
                fg: None,
                ..convert(style, Style::new())
            }
        } else {
            convert(style, Style::new())
        };
        match out.last_mut() {
            Some((t, last)) if *last == style => t.push_str(text),
            _ => out.push((text.to_string(), style)),
        }
    }

    /// syntect's own line-by-line highlighting, without the memo, as our pieces.
    fn reference(hl: &Highlighter, lang: &str, code: &str) -> Vec<HighlightedLine> {
        let (syntax, set) = hl.syntax_for(lang).expect("syntax");
        let theme = hl.theme("base16-ocean.dark").expect("theme");
        let mut h = syntect::easy::HighlightLines::new(syntax, theme);
        LinesWithEndings::from(code)
            .map(|line| {
                let bare = line.trim_end_matches(['\n', '\r']);
                let mut used = 0;
                let mut out = Vec::new();
                for (style, text) in h.highlight_line(line, set).expect("highlight") {
                    let take = text.len().min(bare.len().saturating_sub(used));
                    used += text.len();
                    if take > 0 {
                        push_reference(&mut out, &text[..take], style, theme);
                    }
                }
                out
            })
            .collect()
    }

    #[test]
    fn remembered_lines_highlight_exactly_as_when_first_seen() {
        let hl = Highlighter::new();
        // The same lines in different states: a mapping key, then text of a block scalar;
        // a command, then a here-document's body; the same text in YAML, shell and HCL (our
        // own syntax set); and repeated blocks, whose every line comes from the memo.
        let cases = [
            ("yaml", "name: web\nport: 80\n"),
            ("yaml", "script: |\n  name: web\n  port: 80\nname: web\n"),
            (
                "bash",
                "echo \"name: web\"\ncat <<EOF\necho \"name: web\"\nEOF\necho done\n",
            ),
            (
                "hcl",
                "name = \"web\"\n/* a comment\nname = \"web\"\n*/\nname = \"web\"\n",
            ),
            ("yaml", "name: web\nport: 80\n"),
            ("bash", "name: web\n"),
            ("hcl", "name: web\n"),
            ("yaml", "script: |\n  name: web\n  port: 80\nname: web\n"),
        ];
        let mut remembered = Vec::new();
        for round in 0..2 {
            for (lang, code) in cases {
                let got = hl
                    .highlight(lang, code, "base16-ocean.dark", Style::new(), None)
                    .expect("highlighted");
                assert_eq!(
                    got,
                    reference(&hl, lang, code),
                    "round {round}: {lang} {code:?}"
                );
            }
            remembered.push(MEMO.with_borrow(|m| m.remembered));
        }
        // The memo did remember: the second round parsed no line again.
        assert!(remembered[0] > 10, "{remembered:?}");
        assert_eq!(remembered[0], remembered[1]);
    }

    #[test]
    fn the_memo_starts_over_for_another_theme_or_highlighter_and_stays_bounded() {
        let hl = Highlighter::new();
        let code: String = (0..MEMO_LINES + 10)
            .map(|i| format!("key{i}: {i}\n"))
            .collect();
        hl.highlight("yaml", &code, "base16-ocean.dark", Style::new(), None)
            .expect("highlighted");
        let remembered = MEMO.with_borrow(|m| m.remembered);
        assert!((1..=MEMO_LINES).contains(&remembered), "{remembered}");
        hl.highlight("yaml", "a: 1\n", "InspiredGitHub", Style::new(), None)
            .expect("highlighted");
        assert_eq!(MEMO.with_borrow(|m| m.remembered), 1);
        let light = Highlighter::new()
            .highlight("yaml", "a: 1\n", "InspiredGitHub", Style::new(), None)
            .expect("highlighted");
        assert_eq!(
            MEMO.with_borrow(|m| m.remembered),
            1,
            "a new highlighter starts over"
        );
        assert_eq!(
            light,
            reference_with(&hl, "yaml", "a: 1\n", "InspiredGitHub")
        );
    }

    fn reference_with(
        hl: &Highlighter,
        lang: &str,
        code: &str,
        theme: &str,
    ) -> Vec<HighlightedLine> {
        let (syntax, set) = hl.syntax_for(lang).expect("syntax");
        let theme = hl.theme(theme).expect("theme");
        let mut h = syntect::easy::HighlightLines::new(syntax, theme);
        LinesWithEndings::from(code)
            .map(|line| {
                let mut out = Vec::new();
                for (style, text) in h.highlight_line(line, set).expect("highlight") {
                    let text = text.trim_end_matches('\n');
                    if !text.is_empty() {
                        push_reference(&mut out, text, style, theme);
                    }
                }
                out
            })
            .collect()
    }

    #[test]
    fn highlighter_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Highlighter>();
    }
}
