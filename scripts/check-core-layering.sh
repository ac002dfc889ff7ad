#!/usr/bin/env bash
# Fails when the core crate can reach a terminal: a terminal backend (crossterm, termion, termwiz),
# the full ratatui (which brings one), the text-area widget or the infradraft crate itself among
# infradraft-core's dependencies, or a use of one in its source. CI runs it; so can anyone.
set -euo pipefail
cd "$(dirname "$0")/.."

forbidden='^(crossterm|termion|termwiz|ratatui|ratatui-crossterm|ratatui-termion|ratatui-termwiz|ratatui-termina|ratatui-widgets|ratatui-textarea|infradraft) v'
deps=$(cargo tree --locked -p infradraft-core -e normal,build --prefix none --format '{p}')
if found=$(grep -E "$forbidden" <<<"$deps"); then
  echo "infradraft-core depends on a terminal crate:" >&2
  sort -u <<<"$found" >&2
  exit 1
fi
if found=$(grep -rnE '\b(crossterm|tui_textarea|infradraft::tui|crate::tui|crate::cli)\b' crates/infradraft-core/src); then
  echo "infradraft-core's source names the terminal or the workbench:" >&2
  echo "$found" >&2
  exit 1
fi
echo "infradraft-core reaches no terminal ($(sort -u <<<"$deps" | wc -l) crates checked)"
