#!/usr/bin/env bash
# Whole-process comparison of `infradraft render` with mdcat and Python rich on the same 1 MiB
# infrastructure-style Markdown file, at 100 columns with colour forced: wall time (best of N runs)
# and peak memory (GNU time's maximum resident set size), side by side in one run, with ratios.
# Installs the peers when they are missing (cargo install mdcat, pip install rich).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

command -v mdcat >/dev/null || cargo install --locked mdcat
python3 -c 'import rich' 2>/dev/null || python3 -m pip install --quiet rich
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }
cargo build --release --locked --quiet

python3 scripts/gen_infra_markdown.py "$WORK/infra.md" $((1 << 20))

measure() { # name, command...
  local name=$1; shift
  local best="" rss=""
  for _ in $(seq "$RUNS"); do
    local start end ms kb
    start=$(date +%s%N)
    /usr/bin/time -f %M -o "$WORK/rss" "$@" > "$WORK/out-$name" 2>/dev/null
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    kb=$(cat "$WORK/rss")
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    if [ -z "$rss" ] || [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  echo "$name $best $rss $(wc -c < "$WORK/out-$name")"
}

{
  measure infradraft ./target/release/infradraft render --width 100 --color always "$WORK/infra.md"
  measure mdcat mdcat --ansi --columns 100 "$WORK/infra.md"
  measure rich python3 -m rich.markdown -w 100 --force-color "$WORK/infra.md"
} > "$WORK/results"

python3 - "$WORK/results" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
res = {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in rows}
me = res["infradraft"]
print(f"{'renderer':<12} {'best ms':>8} {'peak RSS MiB':>13} {'output bytes':>13} {'infradraft is':>16}")
for name, (ms, kb, out) in res.items():
    ratio = "" if name == "infradraft" else f"{ms / max(me[0], 1):.2f}x faster"
    print(f"{name:<12} {ms:>8} {kb / 1024:>13.1f} {out:>13} {ratio:>16}")
PY
