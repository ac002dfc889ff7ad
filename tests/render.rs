//! The Markdown preview on whole documents: the fixtures in `tests/fixtures/markdown/` at several
//! widths, and every README.md in the local cargo registry as a sample of real-world Markdown.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use infradraft::preview::{
    ColorDepth, Highlighter, MIN_WIDTH, PreviewStyles, render_markdown, render_to_string,
};
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

const WIDTHS: [u16; 4] = [20, 40, 80, 120];

fn hl() -> &'static Highlighter {
    static HL: OnceLock<Highlighter> = OnceLock::new();
    HL.get_or_init(Highlighter::new)
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown")
}

fn text_of(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Renders `md` at `width`, checking that no line is wider (measured span by span, as ratatui
/// does, and as a whole string) and that no control character reaches a span.
fn render_checked(name: &str, md: &str, width: u16) -> Vec<String> {
    render_checked_with(name, md, width, &PreviewStyles::default())
}

fn render_checked_with(name: &str, md: &str, width: u16, styles: &PreviewStyles) -> Vec<String> {
    let max = usize::from(width.max(MIN_WIDTH));
    let lines = render_markdown(md, width, styles, hl());
    lines
        .iter()
        .map(|line| {
            let text = text_of(line);
            assert!(
                line.width() <= max && text.width() <= max,
                "{name} at width {width}: line of {} columns: {text:?}",
                text.width().max(line.width())
            );
            assert!(
                !text.chars().any(char::is_control),
                "{name} at width {width}: control character in {text:?}"
            );
            text
        })
        .collect()
}

/// Key words of each fixture that must appear in its rendering at 80 and 120 columns (120 only
/// for the wide table, whose cells are narrow at 80).
const KEYWORDS: &[(&str, &[&str])] = &[
    (
        "infrastructure.md",
        &[
            "Harbourline — Infrastructure Architecture",
            "Warm standby",
            "module \"vpc\" {",
            "apiVersion: apps/v1",
            "FROM rust:1.89-bookworm AS build",
            "\"dynamic-pricing\"",
            "set -euo pipefail",
            "Aurora",
            "Bookings",
            "╭─ hcl\n",
            "╭─ Dockerfile\n",
            "Decision (sprint 12):",
            "End of the infrastructure section.",
        ],
    ),
    (
        "readme.md",
        &[
            "<img src=\"docs/logo.svg\"",
            "[image: Build status] (https://ci.example.com/tidewater)",
            "[image: Architecture sketch] (docs/architecture.png)",
            "<kbd>Ctrl</kbd>",
            "user guide (https://docs.example.com/tidewater/guide)",
            "[^name]",
            "[^licence]: Third-party notices",
            "cargo install tidewater",
            "--dry-run",
            "maintainers@example.com",
            "<!-- This comment is not shown by most renderers. -->",
        ],
    ),
    (
        "wide-table.md",
        &[
            "Capacity plan",
            "Service",
            "Storage",
            "€1,240",
            "Totals are reviewed",
        ],
    ),
    (
        "cjk-emoji.md",
        &[
            "インフラ設計書 🚢",
            "ウォームスタンバイ",
            "99.95% ✅",
            "한국어 요약",
            "👨‍👩‍👧",
            "🇯🇵",
        ],
    ),
    (
        "nesting.md",
        &[
            "☑ Provision the VPC",
            "☐ Managed node group spot",
            "3. third step",
            "│ │ Nested quote",
            "│ │ │ Third level",
            "2. S3 versioning",
            "Term with trailing spaces",
        ],
    ),
    (
        "mermaid.md",
        &[
            "╭─ mermaid\n",
            "Passenger app",
            "Standby region",
            "diagram could not be drawn: ",
            "flowchart sideways",
            "Text after the diagrams.",
        ],
    ),
];

#[test]
fn every_fixture_renders_within_every_width() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "{names:?}");
    for name in &names {
        assert!(
            KEYWORDS.iter().any(|(n, _)| n == name),
            "{name} has no key words in KEYWORDS"
        );
        let md = std::fs::read_to_string(fixtures().join(name)).expect("fixture");
        for width in WIDTHS {
            let text = render_checked(name, &md, width).join("\n");
            assert!(!text.is_empty(), "{name} rendered nothing");
            let (_, words) = KEYWORDS.iter().find(|(n, _)| n == name).expect("listed");
            if width >= 120 || (width >= 80 && name != "wide-table.md") {
                for word in *words {
                    assert!(
                        text.contains(word),
                        "{name} at {width}: {word:?} missing:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn wide_table_lines_are_all_the_same_width() {
    let md = std::fs::read_to_string(fixtures().join("wide-table.md")).expect("fixture");
    for width in WIDTHS {
        let lines = render_checked("wide-table.md", &md, width);
        let table: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with(['┌', '│', '├', '└']))
            .collect();
        assert!(table.len() >= 7, "{lines:#?}");
        let first = table[0].width();
        assert!(table.iter().all(|l| l.width() == first), "{table:#?}");
    }
}

#[test]
fn code_in_the_infrastructure_fixture_is_highlighted() {
    let md = std::fs::read_to_string(fixtures().join("infrastructure.md")).expect("fixture");
    let lines = render_markdown(&md, 100, &PreviewStyles::default(), hl());
    for label in ["hcl", "yaml", "Dockerfile", "json", "bash"] {
        let start = lines
            .iter()
            .position(|l| text_of(l) == format!("╭─ {label}"))
            .unwrap_or_else(|| panic!("{label} block"));
        let end = start
            + lines[start..]
                .iter()
                .position(|l| text_of(l).starts_with('╰'))
                .expect("block end");
        let colours: std::collections::HashSet<_> = lines[start + 1..end]
            .iter()
            .flat_map(|l| l.spans.iter().skip(1))
            .filter_map(|s| s.style.fg)
            .collect();
        assert!(colours.len() >= 3, "{label}: {colours:?}");
    }
}

#[test]
fn command_line_output_is_plain_or_sgr_only() {
    for name in ["readme.md", "infrastructure.md", "cjk-emoji.md"] {
        let md = std::fs::read_to_string(fixtures().join(name)).expect("fixture");
        let plain = render_to_string(&md, 80, &PreviewStyles::default(), hl(), None);
        assert!(!plain.contains('\x1b'), "{name}");
        assert!(plain.lines().all(|l| l.width() <= 80), "{name}");
        let ansi = render_to_string(
            &md,
            80,
            &PreviewStyles::default(),
            hl(),
            Some(ColorDepth::TrueColor),
        );
        // Removing our SGR sequences gives back the plain text, give or take trailing spaces.
        let stripped: String = strip_sgr(&ansi);
        let a: Vec<&str> = stripped.lines().map(str::trim_end).collect();
        let b: Vec<&str> = plain.lines().collect();
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn controls_glued_to_combining_marks_never_reach_the_output() {
    // A tab or CR followed by a combining mark is one grapheme cluster; it must still be laid
    // out, in code blocks, tables and text alike.
    let md = "```\na\t\u{301}b\r\u{301}c\n```\n\n| x\t\u{301} | y |\n|---|---|\n| 1 | 2 |\n\ntext\t\u{301}x\n";
    for color in [None, Some(ColorDepth::TrueColor), Some(ColorDepth::Indexed)] {
        let out = render_to_string(md, 60, &PreviewStyles::default(), hl(), color);
        let text = strip_sgr(&out);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{color:?}: {text:?}"
        );
    }
}

fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            assert_eq!(chars.next(), Some('['));
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
                assert!(d.is_ascii_digit() || d == ';', "non-SGR escape");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every README.md in the local cargo registry (if there is one), as real-world Markdown. Syntax
/// highlighting is slow in debug builds, so most are rendered without colours (which skips only
/// the highlighting; the layout is the same) and every tenth with them.
#[test]
fn real_world_readmes_render_within_the_width() {
    let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    else {
        return;
    };
    let root = home.join("registry/src");
    if !root.is_dir() {
        return;
    }
    let mut readmes = Vec::new();
    collect_readmes(&root, 0, &mut readmes);
    readmes.sort();
    readmes.truncate(300);
    for (i, path) in readmes.iter().enumerate() {
        let Ok(md) = std::fs::read_to_string(path) else {
            continue;
        };
        let styles = if i % 10 == 0 {
            PreviewStyles::default()
        } else {
            PreviewStyles::plain()
        };
        render_checked_with(&path.display().to_string(), &md, 100, &styles);
    }
}

fn collect_readmes(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 6 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_readmes(&path, depth + 1, out);
        } else if kind.is_file() && entry.file_name() == "README.md" {
            out.push(path);
        }
    }
}

/// The workbench's preview counts the lines of far blocks without syntax colours (see
/// `PreviewCache::refine`): colours must never change how many lines a text takes.
#[test]
fn syntax_colours_never_change_the_line_count() {
    let plain = Highlighter::plain();
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        seen += 1;
        let md = std::fs::read_to_string(&path).expect("fixture");
        for width in WIDTHS {
            let coloured = render_markdown(&md, width, &PreviewStyles::default(), hl());
            let uncoloured = render_markdown(&md, width, &PreviewStyles::default(), &plain);
            assert!(coloured.len() > 3, "{}", path.display());
            assert_eq!(
                coloured.len(),
                uncoloured.len(),
                "{} at {width}",
                path.display()
            );
        }
    }
    assert!(seen >= 6, "{seen} fixtures");
}
