//! Tests of the preview renderer, construct by construct.

use std::collections::HashSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use super::*;

fn hl() -> &'static Highlighter {
    static HL: OnceLock<Highlighter> = OnceLock::new();
    HL.get_or_init(Highlighter::new)
}

fn lines(md: &str, width: u16) -> Vec<Line<'static>> {
    render_markdown(md, width, &PreviewStyles::default(), hl())
}

fn text_of(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn plain(md: &str, width: u16) -> Vec<String> {
    lines(md, width).iter().map(text_of).collect()
}

fn line_width(line: &Line<'_>) -> usize {
    text_of(line).width().max(line.width())
}

fn assert_fits(lines: &[Line<'_>], width: usize) {
    for line in lines {
        assert!(
            line_width(line) <= width,
            "line wider than {width}: {:?} ({})",
            text_of(line),
            line_width(line)
        );
    }
}

/// The style of the first span whose text contains `needle`.
fn style_of(lines: &[Line<'_>], needle: &str) -> Style {
    lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .find(|s| s.content.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not rendered"))
        .style
}

#[test]
fn headings_are_styled_and_marked_by_level() {
    let styles = PreviewStyles::default();
    let ls = lines("# Title\n\n## Section\n\n### Detail\n\n#### Deeper\n", 40);
    let text: Vec<String> = ls.iter().map(text_of).collect();
    assert_eq!(
        text,
        [
            "Title",
            "═════",
            "",
            "Section",
            "───────",
            "",
            "### Detail",
            "",
            "#### Deeper"
        ]
    );
    assert_eq!(style_of(&ls, "Title"), styles.heading[0]);
    assert_eq!(style_of(&ls, "═"), styles.heading[0]);
    assert_eq!(style_of(&ls, "Section"), styles.heading[1]);
    assert_eq!(style_of(&ls, "Detail"), styles.heading[2]);
    assert_eq!(style_of(&ls, "Deeper"), styles.heading[2]);
}

#[test]
fn prose_wraps_at_word_boundaries() {
    let md = "The ferry booking platform runs in two regions with automatic failover between them.";
    let text = plain(md, 30);
    assert_eq!(
        text,
        [
            "The ferry booking platform",
            "runs in two regions with",
            "automatic failover between",
            "them."
        ]
    );
    // Soft breaks join; hard breaks break.
    assert_eq!(plain("one\ntwo", 40), ["one two"]);
    assert_eq!(plain("one  \ntwo\\\nthree", 40), ["one", "two", "three"]);
    // Paragraphs are separated by one blank line.
    assert_eq!(plain("a\n\n\n\nb", 40), ["a", "", "b"]);
}

#[test]
fn inline_styles() {
    let styles = PreviewStyles::default();
    let ls = lines("*em* **strong** ~~gone~~ `code` ***both***", 60);
    assert_eq!(text_of(&ls[0]), "em strong gone code both");
    assert!(style_of(&ls, "em").add_modifier.contains(Modifier::ITALIC));
    assert!(
        style_of(&ls, "strong")
            .add_modifier
            .contains(Modifier::BOLD)
    );
    assert!(
        style_of(&ls, "gone")
            .add_modifier
            .contains(Modifier::CROSSED_OUT)
    );
    assert_eq!(style_of(&ls, "code"), styles.code_inline);
    let both = style_of(&ls, "both").add_modifier;
    assert!(both.contains(Modifier::BOLD | Modifier::ITALIC));
}

#[test]
fn cjk_and_emoji_wrap_by_display_width() {
    let md = "インフラストラクチャの設計文書です。🚀 デプロイ手順を含みます。";
    for w in [20u16, 24, 31] {
        let ls = lines(md, w);
        assert!(ls.len() > 1);
        assert_fits(&ls, usize::from(w));
    }
    let joined: String = plain(md, 20).concat();
    assert_eq!(joined.replace(' ', ""), md.replace(' ', ""));
}

#[test]
fn nested_lists_with_markers_numbers_and_continuations() {
    let md = "\
- first item with enough words to wrap onto a second line
- second
  - nested
    - deeper
      - deepest
        - again
7. seven
8. eight
";
    let text = plain(md, 30);
    assert_eq!(
        text,
        [
            "• first item with enough words",
            "  to wrap onto a second line",
            "• second",
            "  ◦ nested",
            "    ▪ deeper",
            "      ‣ deepest",
            "        • again",
            "",
            "7. seven",
            "8. eight",
        ]
    );
    let ls = lines(md, 30);
    assert_eq!(style_of(&ls, "•"), PreviewStyles::default().list_marker);
}

#[test]
fn loose_lists_keep_blank_lines_and_paragraph_indentation() {
    let md = "1. first\n\n   more of first\n\n2. second\n";
    assert_eq!(
        plain(md, 30),
        ["1. first", "", "   more of first", "", "2. second"]
    );
}

#[test]
fn task_lists() {
    let styles = PreviewStyles::default();
    let ls = lines(
        "- [x] provision VPC\n- [ ] write runbook\n1. [x] numbered\n",
        40,
    );
    let text: Vec<String> = ls.iter().map(text_of).collect();
    assert_eq!(
        text,
        ["☑ provision VPC", "☐ write runbook", "", "1. ☑ numbered"]
    );
    assert_eq!(style_of(&ls, "☑"), styles.task_done);
    assert_eq!(style_of(&ls, "☐"), styles.list_marker);
}

#[test]
fn block_quotes_nest_with_bars() {
    let styles = PreviewStyles::default();
    let md = "> outer quote that is long enough to wrap\n>\n> > inner\n\nafter";
    let ls = lines(md, 24);
    let text: Vec<String> = ls.iter().map(text_of).collect();
    assert_eq!(
        text,
        [
            "│ outer quote that is",
            "│ long enough to wrap",
            "│",
            "│ │ inner",
            "",
            "after"
        ]
    );
    assert_eq!(style_of(&ls, "│"), styles.quote);
    assert_eq!(style_of(&ls, "outer"), styles.text.patch(styles.quote));
    assert_eq!(style_of(&ls, "after"), styles.text);
}

#[test]
fn gfm_alerts_are_labelled() {
    let text = plain("> [!WARNING]\n> Backups are not tested.", 40);
    assert_eq!(text, ["│ Warning", "│ Backups are not tested."]);
}

#[test]
fn rules_span_the_width() {
    let text = plain("above\n\n---\n\nbelow", 33);
    assert_eq!(text[2], "─".repeat(33));
    let text = plain("> ***", 33);
    assert_eq!(text[0], format!("│ {}", "─".repeat(31)));
}

#[test]
fn links_images_and_footnotes() {
    let styles = PreviewStyles::default();
    let md = "See [the docs](https://example.com/docs), <https://example.com>, \
              <ops@example.com> and [same](same).\n\n\
              ![Topology](img/topo.png) [![CI](https://ci/badge.svg)](https://ci/run) ![](x.png)\n\n\
              Claim[^src].\n\n[^src]: Source of the claim, which wraps onto another line.\n";
    let ls = lines(md, 100);
    let all = ls.iter().map(text_of).collect::<Vec<_>>().join("\n");
    assert!(all.contains("the docs (https://example.com/docs)"), "{all}");
    assert!(all.contains(", https://example.com,"), "{all}");
    assert!(all.contains("ops@example.com and same."), "{all}");
    assert!(all.contains("[image: Topology] (img/topo.png)"), "{all}");
    assert!(all.contains("[image: CI] (https://ci/run)"), "{all}");
    assert!(all.contains("[image]"), "{all}");
    assert!(all.contains("Claim[^src]."), "{all}");
    assert!(all.contains("[^src]: Source of the claim, which wraps onto another line."));
    let narrow = plain(md, 40);
    let def = narrow
        .iter()
        .position(|l| l.starts_with("[^src]: Source"))
        .unwrap();
    assert_eq!(narrow[def + 1], "  wraps onto another line.");
    assert_eq!(style_of(&ls, "the docs"), styles.link);
    assert_eq!(
        style_of(&ls, "(https://example.com/docs)"),
        styles.link_target
    );
    assert_eq!(style_of(&ls, "[^src]"), styles.link);
    // data: URIs are not spelled out.
    assert_eq!(
        plain("![x](data:image/png;base64,AAAA)", 40),
        ["[image: x] (data:…)"]
    );
}

#[test]
fn html_is_shown_dim_and_not_interpreted() {
    let md =
        "<p align=\"center\">\n  <img src=\"logo.png\">\n</p>\n\nText with <kbd>Ctrl</kbd> key.";
    let ls = lines(md, 40);
    let text: Vec<String> = ls.iter().map(text_of).collect();
    assert_eq!(
        text,
        [
            "<p align=\"center\">",
            "<img src=\"logo.png\">",
            "</p>",
            "",
            "Text with <kbd>Ctrl</kbd> key."
        ]
    );
    assert!(style_of(&ls, "<p").add_modifier.contains(Modifier::DIM));
    assert!(style_of(&ls, "<kbd>").add_modifier.contains(Modifier::DIM));
    assert!(!style_of(&ls, "Text").add_modifier.contains(Modifier::DIM));
}

const TABLE: &str = "\
| Component | Choice | Monthly cost |
|:----------|:------:|-------------:|
| Compute | EKS with managed node groups across three availability zones | $1,200 |
| Database | Aurora PostgreSQL | $800 |
";

#[test]
fn tables_have_borders_equal_widths_and_alignment() {
    let styles = PreviewStyles::default();
    let ls = lines(TABLE, 60);
    let text: Vec<String> = ls.iter().map(text_of).collect();
    let widths: HashSet<usize> = text.iter().map(|l| l.width()).collect();
    assert_eq!(widths.len(), 1, "{text:#?}");
    assert!(widths.iter().all(|w| *w <= 60));
    assert!(
        text[0].starts_with("┌─") && text[0].ends_with("─┐"),
        "{text:#?}"
    );
    assert!(text[2].starts_with("├─") && text[2].contains('┼'));
    assert!(text.last().unwrap().starts_with("└─"));
    // The wide column wrapped; the row separators make multi-line rows readable.
    assert!(
        text.iter()
            .any(|l| l.contains("availability zones") || l.contains("zones"))
    );
    assert!(text.iter().filter(|l| l.starts_with('├')).count() >= 2);
    // Right alignment of the cost column.
    let db = text.iter().find(|l| l.contains("Database")).unwrap();
    assert!(db.ends_with("  $800 │"), "{db}");
    assert_eq!(
        style_of(&ls, "Component"),
        styles.text.patch(styles.table_header)
    );
    assert_eq!(style_of(&ls, "┌"), styles.table_border);
    // At a comfortable width, the table takes only what it needs.
    let narrow = "| a | b |\n|---|---|\n| 1 | 2 |\n";
    assert_eq!(
        plain(narrow, 80),
        [
            "┌───┬───┐",
            "│ a │ b │",
            "├───┼───┤",
            "│ 1 │ 2 │",
            "└───┴───┘"
        ]
    );
}

#[test]
fn tables_always_fit_even_with_many_columns() {
    let header: String = (1..=12)
        .map(|i| format!("| Column {i} "))
        .collect::<String>()
        + "|\n";
    let sep = "|---".repeat(12) + "|\n";
    let row: String = (1..=12)
        .map(|i| format!("| value {i} "))
        .collect::<String>()
        + "|\n";
    let md = format!("{header}{sep}{row}{row}");
    for w in [1u16, 20, 25, 30, 40, 60, 80, 120, 200] {
        let ls = lines(&md, w);
        let max = usize::from(w.max(MIN_WIDTH));
        let widths: HashSet<usize> = ls.iter().map(line_width).collect();
        assert_eq!(
            widths.len(),
            1,
            "width {w}: {:#?}",
            ls.iter().map(text_of).collect::<Vec<_>>()
        );
        assert!(widths.iter().all(|x| *x <= max), "width {w}");
    }
    // Too many columns for the width: the first ones, then a `…` column.
    let text = plain(&md, 20);
    assert!(text[1].ends_with("…│"), "{text:#?}");
    // Tight: cells cut with `…`.
    let text = plain(&md, 40);
    assert!(text.iter().any(|l| l.contains('…')), "{text:#?}");
}

#[test]
fn tables_with_cjk_and_emoji_line_up() {
    let md = "| 名前 | 説明 |\n|---|---|\n| サーバー 🚀 | 東京リージョンの本番環境 |\n| db | ✅ done |\n";
    for w in [20u16, 24, 30, 80] {
        let ls = lines(md, w);
        let widths: HashSet<usize> = ls.iter().map(line_width).collect();
        assert_eq!(
            widths.len(),
            1,
            "{:#?}",
            ls.iter().map(text_of).collect::<Vec<_>>()
        );
        assert_fits(&ls, usize::from(w));
    }
}

#[test]
fn tables_inside_lists_and_quotes_fit() {
    let md = format!(
        "> - item\n>\n{}",
        TABLE
            .lines()
            .map(|l| format!(">   {l}\n"))
            .collect::<String>()
    );
    for w in [20u16, 30, 50] {
        let ls = lines(&md, w);
        assert_fits(&ls, usize::from(w));
        assert!(ls.iter().any(|l| text_of(l).starts_with("│   ┌")), "{w}");
    }
}

fn fg_colours(lines: &[Line<'_>], from: usize, to: usize) -> HashSet<Color> {
    lines[from..to]
        .iter()
        .flat_map(|l| l.spans.iter().skip(1))
        .filter_map(|s| s.style.fg)
        .collect()
}

#[test]
fn yaml_code_is_highlighted_in_a_labelled_frame() {
    let md =
        "```yaml\napiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3 # comment\n```\n";
    let ls = lines(md, 40);
    let text: Vec<String> = ls.iter().map(text_of).collect();
    assert_eq!(text[0], "╭─ yaml", "{text:#?}");
    assert!(text[1].starts_with("│ apiVersion: apps/v1"));
    assert!(text[4].starts_with("│   replicas: 3 # comment"));
    assert!(text[5].starts_with("╰─"));
    assert!(
        fg_colours(&ls, 1, 5).len() > 1,
        "{:?}",
        fg_colours(&ls, 1, 5)
    );
    // Code lines carry the block background, padded to the width.
    assert!(
        ls[1]
            .spans
            .iter()
            .all(|s| s.style.bg == PreviewStyles::default().code_block.bg)
    );
    assert_eq!(ls[1].width(), 40);
}

#[test]
fn infrastructure_languages_are_highlighted() {
    for (lang, code) in [
        (
            "hcl",
            "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n",
        ),
        (
            "tf",
            "variable \"region\" {\n  default = \"eu-west-1\"\n}\n",
        ),
        ("terraform", "locals {\n  count = 3\n}\n"),
        ("Dockerfile", "FROM debian:12 AS base\nRUN apt-get update\n"),
        ("dockerfile", "FROM debian:12\nENV A=$B\n"),
        ("json", "{\"a\": [1, true, null]}\n"),
        (
            "bash",
            "#!/bin/bash\nset -euo pipefail\necho \"$HOME\" # hi\n",
        ),
        ("sh", "export A=1\nif [ -f x ]; then echo y; fi\n"),
        ("shell", "kubectl get pods -n prod # list\n"),
        ("python", "def f(x):\n    return x + 1\n"),
        ("sql", "SELECT id FROM users WHERE id = 1;\n"),
        ("yml", "a: 1\nb: 'two'\n"),
    ] {
        let md = format!("```{lang}\n{code}```\n");
        let ls = lines(&md, 60);
        let n = ls.len();
        assert!(
            fg_colours(&ls, 1, n - 1).len() > 1,
            "{lang}: {:?}",
            fg_colours(&ls, 1, n - 1)
        );
    }
}

#[test]
fn unknown_languages_and_indented_code_are_plain() {
    let styles = PreviewStyles::default();
    for md in [
        "```nosuchlang\nfoo bar\n```\n",
        "    indented code\n",
        "```\nno info\n```\n",
    ] {
        let ls = lines(md, 40);
        let n = ls.len();
        let colours = fg_colours(&ls, 1, n - 1);
        assert!(colours.len() <= 1, "{md}: {colours:?}");
        assert!(
            ls[1..n - 1].iter().all(|l| l
                .spans
                .iter()
                .skip(1)
                .all(|s| s.style == styles.code_block))
        );
    }
    assert_eq!(plain("    indented code\n", 40)[0], "╭─");
}

#[test]
fn long_code_lines_wrap_with_a_marker_and_tabs_expand() {
    let long = "x".repeat(50);
    let md = format!("```text\n{long}\n\tindented\n```\n");
    let text: Vec<String> = plain(&md, 30)
        .iter()
        .map(|l| l.trim_end().to_string())
        .collect();
    assert_eq!(text[1], format!("│ {}", "x".repeat(28)));
    assert_eq!(text[2], format!("│ ↪ {}", "x".repeat(22)));
    assert_eq!(text[3], "│     indented");
    assert_eq!(text.len(), 5);
    // Nothing is lost: the wrapped pieces put back together give the line.
    let joined = text[1].trim_start_matches("│ ").to_string() + text[2].trim_start_matches("│ ↪ ");
    assert_eq!(joined, long);
}

#[test]
fn front_matter_is_shown_as_yaml() {
    let text = plain("---\ntitle: Ferrybook\n---\n\n# Doc\n", 40);
    assert_eq!(text[0], "╭─ front matter (yaml)", "{text:#?}");
    assert!(text[1].starts_with("│ title: Ferrybook"));
}

#[test]
fn mermaid_diagrams_are_drawn() {
    let styles = PreviewStyles::default();
    let md = "```mermaid\nflowchart LR\n  A[Client] --> B[Load balancer] --> C[App]\n```\n";
    let ls = lines(md, 80);
    let text: Vec<String> = ls.iter().map(text_of).collect();
    assert_eq!(text[0], "╭─ mermaid");
    assert!(text.iter().any(|l| l == "╰─"), "{text:#?}");
    assert!(
        text.iter().any(|l| l.contains("Load balancer")),
        "{text:#?}"
    );
    assert!(!text.iter().any(|l| l.contains("-->")), "{text:#?}");
    assert_eq!(style_of(&ls, "Client").fg, styles.diagram.fg);
    // A diagram wider than the pane is cut, and says so.
    let ls = lines(md, 24);
    assert_fits(&ls, 24);
}

#[test]
fn broken_mermaid_shows_source_and_error() {
    let styles = PreviewStyles::default();
    let md = "```mermaid\nflowchart ???\n  A --> \n```\n";
    let ls = lines(md, 60);
    let text: Vec<String> = ls.iter().map(text_of).collect();
    assert!(
        text.iter().any(|l| l.starts_with("│ flowchart ???")),
        "{text:#?}"
    );
    let err = text
        .iter()
        .position(|l| l.starts_with("diagram could not be drawn: "))
        .expect("error line");
    assert_eq!(ls[err].spans[0].style, styles.error);
    let unsupported = plain("```mermaid\ngantt\n  title X\n```\n", 60);
    assert!(
        unsupported
            .iter()
            .any(|l| l.starts_with("diagram could not be drawn: ")),
        "{unsupported:#?}"
    );
}

#[test]
fn escape_sequences_render_inertly() {
    let md = "# Title \x1b]52;c;aGVsbG8=\x07\n\nclear \x1b[2J screen `\x1b[31m` and\tab\n\n\
              | a\x1b[1m | b |\n|---|---|\n| \x1b[H | x |\n\n```sh\necho \x1b[2J\u{9b}1m\n```\n\n\
              [link\x1b[0m](http://x\x1b[2J) <span>\x1b[5m</span>\n\n```mermaid\ngraph LR; A[\x1b[2J] --> B\n```\n";
    let hl = hl();
    let plain_out = render_to_string(md, 60, &PreviewStyles::default(), hl, None);
    assert!(!plain_out.contains('\x1b'), "{plain_out}");
    assert!(!plain_out.contains('\u{9b}'));
    assert!(!plain_out.contains('\x07'));
    assert!(plain_out.contains("␛]52;c;aGVsbG8=␇"), "{plain_out}");
    assert!(plain_out.contains("␛[2J"));
    assert!(
        plain_out.contains("and ab"),
        "a tab in prose is a space: {plain_out}"
    );
    let ansi = render_to_string(
        md,
        60,
        &PreviewStyles::default(),
        hl,
        Some(ColorDepth::TrueColor),
    );
    assert!(ansi.contains('\x1b'), "colour output is styled");
    assert_only_sgr(&ansi);
    for line in lines(md, 60) {
        for span in &line.spans {
            assert!(
                !span.content.chars().any(|c| c.is_control()),
                "{:?}",
                span.content
            );
        }
    }
}

/// Every ESC in `s` starts one of our SGR sequences (`ESC [ digits/semicolons m`), and no other
/// terminal control character is present.
fn assert_only_sgr(s: &str) {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\x1b' {
            assert_eq!(chars.next().map(|(_, c)| c), Some('['), "bare ESC at {i}");
            loop {
                match chars.next() {
                    Some((_, d)) if d.is_ascii_digit() || d == ';' => {}
                    Some((_, 'm')) => break,
                    other => panic!("non-SGR escape at {i}: {other:?}"),
                }
            }
        } else {
            assert!(
                c == '\n' || !c.is_control(),
                "control character {c:?} at {i}"
            );
        }
    }
}

#[test]
fn plain_output_has_no_escapes_or_trailing_spaces() {
    let md = "# T\n\n```yaml\na: 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    let out = render_to_string(md, 50, &PreviewStyles::default(), hl(), None);
    assert!(!out.contains('\x1b'));
    assert!(out.lines().all(|l| l == l.trim_end()));
    assert!(out.ends_with('\n'));
    assert!(out.contains("│ a: 1\n"));
}

#[test]
fn ansi_output_uses_truecolour_and_resets_each_line() {
    let out = render_to_string(
        "# Title\n\ntext",
        40,
        &PreviewStyles::default(),
        hl(),
        Some(ColorDepth::TrueColor),
    );
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("\x1b[1;38;2;97;175;239mTitle"),
        "{first:?}"
    );
    assert!(first.ends_with("\x1b[0m"));
    assert!(out.lines().any(|l| l == "text"));
}

#[test]
fn no_colour_mode_drops_colours_but_keeps_modifiers() {
    let md = "# H\n\n**b** [l](u) `c`\n\n```yaml\na: 1\n```\n\n| x |\n|---|\n| y |\n\n> q";
    let ls = render_markdown(md, 40, &PreviewStyles::plain(), hl());
    for span in ls.iter().flat_map(|l| l.spans.iter()) {
        assert_eq!(
            (span.style.fg, span.style.bg),
            (None, None),
            "{:?}",
            span.content
        );
    }
    assert!(style_of(&ls, "H").add_modifier.contains(Modifier::BOLD));
    // No background: code lines are not padded.
    assert!(ls.iter().any(|l| text_of(l) == "│ a: 1"));
    // The syntax theme can be switched off on its own.
    let styles = PreviewStyles {
        syntax_theme: String::new(),
        ..PreviewStyles::default()
    };
    let ls = render_markdown("```yaml\na: 1\nb: [x]\n```\n", 40, &styles, hl());
    assert!(fg_colours(&ls, 1, 3).len() <= 1);
}

#[test]
fn plain_highlighter_renders_without_syntax_colours() {
    let ls = render_markdown(
        "```yaml\na: 1\n```\n",
        40,
        &PreviewStyles::default(),
        &Highlighter::plain(),
    );
    assert_eq!(text_of(&ls[1]).trim_end(), "│ a: 1");
    assert!(fg_colours(&ls, 1, 2).len() <= 1);
}

#[test]
fn narrow_widths_are_clamped_and_deep_nesting_keeps_room_for_text() {
    let md = "a paragraph of several words\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n";
    for w in [0u16, 1, 5, 19] {
        let ls = lines(md, w);
        assert_fits(&ls, usize::from(MIN_WIDTH));
    }
    let deep = format!("{} deep text that needs wrapping here", ">".repeat(80));
    let ls = lines(&deep, 30);
    assert_fits(&ls, 30);
    assert!(ls.iter().any(|l| text_of(l).contains("deep")));
    let nested: String = (0..40)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let ls = lines(&nested, 30);
    assert_fits(&ls, 30);
    assert!(text_of(ls.last().unwrap()).contains("level 39"));
}

#[test]
fn empty_and_whitespace_documents() {
    assert!(lines("", 40).is_empty());
    assert!(lines("   \n\n  \n", 40).is_empty());
}

#[test]
fn snapshot_of_an_infrastructure_section() {
    let md = "\
## Compute Resources

The platform runs on **EKS** in `eu-west-1`, see [ADR-7](https://adr/7).

| Option | Pros | Cons |
|---|---|---|
| EKS | Managed control plane | Cost |
| ECS | Simpler | Less portable |

- [x] Node groups sized
- [ ] Spot capacity reviewed
  1. On-demand baseline
  2. Spot burst

> [!NOTE]
> Reviewed by the platform team.

```hcl
module \"eks\" {
  source  = \"terraform-aws-modules/eks/aws\"
  version = \"~> 20.0\"
}
```
";
    let out = render_to_string(md, 48, &PreviewStyles::default(), hl(), None);
    insta::assert_snapshot!(out);
}

fn markdownish() -> impl Strategy<Value = String> {
    let pieces = vec![
        "# ",
        "## ",
        "### ",
        "- ",
        "* ",
        "1. ",
        "3) ",
        "> ",
        "> > ",
        "  ",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "word ",
        "longerwordwithoutspaces",
        "**",
        "*",
        "_",
        "~~",
        "`",
        "``",
        "```yaml\n",
        "```\n",
        "```hcl\n",
        "```mermaid\n",
        "graph TD; A-->B\n",
        "flowchart LR\n  A[x] --> B\n",
        "| a | b |\n",
        "|---|:-:|\n",
        "| 1 |",
        " 2 |\n",
        "[x](http://y)",
        "![i](p.png)",
        "[^1]",
        "[^1]: note\n",
        "[r]: https://example.com/r \"R\"\n",
        "[R]: https://example.com/second\n",
        "[see][r]",
        "[r]",
        "[Missing][nowhere]",
        "<div>",
        "</div>\n",
        "<br>",
        "- [ ] ",
        "- [x] ",
        "---\n",
        "***",
        "日本語",
        "🚀",
        "👨\u{200D}👩\u{200D}👧",
        "e\u{301}",
        "\x1b[2J",
        "\x1b]52;c;x\x07",
        "\r\n",
        "\\",
        "&amp;",
        "<!-- c -->",
        "[!NOTE]",
        "\u{202E}",
        "\u{0}",
        "a\u{FE0F}",
        "｜",
        "\u{3000}",
        "<!--\n",
        "-->\n",
        "<pre>\n",
        "</pre>\n",
        "    code\n",
        "~~~\n",
        "text\n===\n",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..80).prop_map(|v| v.concat())
}

#[test]
fn a_block_resolves_references_to_definitions_in_other_blocks() {
    let md = "See [the guide][g], [G] and [q], a note[^n] and [nothing][x].\n\n\
              - [g]: https://example.com/guide\n\n\
              > [Q]: https://example.com/quoted\n\n\
              [^n]: The note.\n\n[g]: https://example.com/later\n";
    let pieces = blocks::blocks(md);
    assert!(pieces.len() > 3, "{pieces:?}");
    let (by_block, whole) = by_block_and_whole(md);
    assert_eq!(by_block, whole);
    assert!(whole[0].contains("https://example.com/guide"), "{whole:?}");
    assert!(whole.concat().contains("[nothing][x]"), "{whole:?}");
}

/// A text rendered block by block (each with the whole text's link definitions), and whole.
fn by_block_and_whole(s: &str) -> (Vec<String>, Vec<String>) {
    let styles = PreviewStyles::plain();
    let text = |ls: Vec<Line<'static>>| -> Vec<String> { ls.iter().map(text_of).collect() };
    let whole = text(render_markdown(s, 60, &styles, hl()));
    let mut by_block = Vec::new();
    let pieces = blocks::blocks(s);
    let definitions = blocks::Definitions::of(&pieces);
    for b in pieces {
        let lines = text(super::render_block_with(
            b,
            60,
            &styles,
            hl(),
            definitions.as_ref(),
        ));
        if !by_block.is_empty() && !lines.is_empty() {
            by_block.push(String::new());
        }
        by_block.extend(lines);
    }
    (by_block, whole)
}

#[test]
fn a_label_defined_again_in_a_later_block_keeps_its_first_definition() {
    // Found by the property test below: the second block, parsed alone, saw only its own
    // definition of `r`.
    for s in [
        "[R]: https://example.com/second\n# \n\n[r]: https://example.com/r \"R\"\n[see][r]",
        "[a b]: <https://example.com/x y> \"t \\\"q\\\"\"\n\n# h\n\n[A  B]: /other\n\n[go][a b]",
    ] {
        let (by_block, whole) = by_block_and_whole(s);
        assert_eq!(by_block, whole, "{s:?}");
        let all = whole.concat();
        assert!(!all.contains("/other") && !all.contains("/r)"), "{whole:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_or_overflows(s in any::<String>(), w in 1u16..200) {
        let ls = lines(&s, w);
        let max = usize::from(w.max(MIN_WIDTH));
        for l in &ls {
            prop_assert!(line_width(l) <= max, "{:?}", text_of(l));
        }
    }

    #[test]
    fn parsing_in_chunks_equals_one_parse(s in markdownish(), size in 1usize..200) {
        let styles = PreviewStyles::plain();
        let text = |ls: Vec<Line<'static>>| -> Vec<String> { ls.iter().map(text_of).collect() };
        let whole = text(render_markdown(&s, 60, &styles, hl()));
        prop_assert_eq!(&text(render::render_in_chunks(&s, 60, &styles, hl(), size)), &whole, "{:?}", s);
    }

    #[test]
    fn rendering_block_by_block_equals_rendering_the_whole(s in markdownish()) {
        let (by_block, whole) = by_block_and_whole(&s);
        prop_assert_eq!(&by_block, &whole, "{:?}", s);
    }

    #[test]
    fn markdownish_text_never_panics_or_overflows(s in markdownish(), w in 1u16..200) {
        let ls = lines(&s, w);
        let max = usize::from(w.max(MIN_WIDTH));
        for l in &ls {
            prop_assert!(line_width(l) <= max, "{:?} in {:?}", text_of(l), s);
            for span in &l.spans {
                prop_assert!(!span.content.chars().any(|c| c.is_control()));
            }
        }
        let ansi = render_to_string(&s, w, &PreviewStyles::default(), hl(), Some(ColorDepth::TrueColor));
        assert_only_sgr(&ansi);
    }
}

/// Code blocks of every kind, many of them, so that the highlighting thread runs ahead, falls
/// behind and is overtaken.
pub(super) fn code_heavy_document(blocks: usize) -> String {
    let mut md = String::from("---\ntitle: t\n---\n\n# Doc\n\n");
    for i in 0..blocks {
        md.push_str(&match i % 9 {
            0 => format!("```yaml\nservice: s{i}\nreplicas: {i}\n```\n\n"),
            1 => format!("```json\n{{\"id\": {i}, \"on\": true}}\n```\n\n"),
            2 => format!("```bash\nset -eu\necho \"block {i}\" | tee /tmp/{i}\n```\n\n"),
            3 => format!("```hcl\nresource \"a\" \"b{i}\" {{\n  n = {i}\n}}\n```\n\n"),
            4 => format!("```mermaid\nflowchart LR\n  A{i} --> B{i}\n```\n\n"),
            5 => format!("```nosuchlanguage\nplain {i}\n```\n\n"),
            6 => format!("Paragraph {i}.\n\n    indented code {i}\n\n"),
            7 => format!("- item {i}\n\n  ```toml\n  [t]\n  n = {i}\n  ```\n\n"),
            _ => format!("> quoted\n>\n> ```sh\n> ls {i}\n> ```\n\n"),
        });
    }
    md
}

#[test]
fn colour_output_with_the_highlighting_thread_equals_rendering_on_one_thread() {
    for (blocks, width) in [(0, 80), (1, 80), (7, 40), (200, 100), (200, 33)] {
        let md = code_heavy_document(blocks);
        let styles = PreviewStyles::default();
        let mut expected = String::new();
        for line in render_markdown(&md, width, &styles, hl()) {
            ansi::write_line(&mut expected, &line, ansi::ColorDepth::TrueColor);
            expected.push('\n');
        }
        let got = render_to_string(&md, width, &styles, hl(), Some(ColorDepth::TrueColor));
        assert_eq!(got, expected, "{blocks} blocks at {width} columns");
        assert!(blocks < 200 || got.contains("38;2;"), "highlighted");
    }
}

#[test]
fn mermaid_fences_are_found_with_their_lines() {
    use super::{MermaidFence, mermaid_fences};
    let md = "Intro.\n\n```mermaid\ngraph LR\nA-->B\n```\n\n- item\n\n  ```Mermaid {.wide}\n  sequenceDiagram\n  ```\n\n> ```mermaid\n> pie\n> ```\n\n```rust\nfn mermaid() {}\n```\n";
    assert_eq!(
        mermaid_fences(md),
        [
            MermaidFence {
                line: 3,
                source: "graph LR\nA-->B\n".into()
            },
            MermaidFence {
                line: 10,
                source: "sequenceDiagram\n".into()
            },
            MermaidFence {
                line: 14,
                source: "pie\n".into()
            },
        ]
    );
    assert!(mermaid_fences("No diagrams here.\n\n```sh\nls\n```\n").is_empty());
    assert!(mermaid_fences("").is_empty());
}
