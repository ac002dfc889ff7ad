#!/usr/bin/env bash
# Whole-process comparison of `infradraft render` with mdcat on three corpora (the project's
# generator, a second independent generator, and the crate READMEs of the local cargo registry,
# concatenated and one file at a time), at 100 columns with colour forced: CPU time, peak memory
# and output size side by side, with ratios and whether the targets are met (see
# scripts/compare_render.py). Installs mdcat when it is missing. RUNS=N sets the paired runs.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v mdcat >/dev/null || cargo install --locked mdcat
cargo build --release --locked --quiet
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 scripts/compare_render.py "$PWD/target/release/infradraft" "$(command -v mdcat)" "$WORK" "${RUNS:-5}"
