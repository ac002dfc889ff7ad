#!/usr/bin/env bash
# Runs every fuzz target for a while (60 s each by default) with the limits the project holds
# them to: a 10 s timeout per input and 2 GB of memory. Not part of CI (too slow); run it before
# changing a parser, the renderer, the store or the extractor.
#
#   scripts/fuzz-smoke.sh            # every target, 60 s each
#   SECONDS_EACH=600 scripts/fuzz-smoke.sh session_load import
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The diagram target
# drives the release build of infradraft as its worker, so that is built first.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${SECONDS_EACH:-60}"
all=(session_load review_load render_markdown render_diagram validate extract import)
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=("${all[@]}")

dict_for() {
  case "$1" in
    session_load | review_load) echo dict/ron.dict ;;
    render_markdown | import) echo dict/markdown.dict ;;
    render_diagram | validate) echo dict/mermaid.dict ;;
    extract) echo dict/requirements.dict ;;
  esac
}

cargo build --release --locked
cd fuzz
status=0
for t in "${targets[@]}"; do
  echo "== $t (${seconds}s)"
  # A scratch corpus per run: the committed seeds are read, nothing is added to them.
  scratch="$(mktemp -d)"
  log="$scratch.log"
  rc=0
  cargo +nightly fuzz run -O "$t" "$scratch" "corpus/$t" -- \
    -dict="$(dict_for "$t")" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1 || rc=$?
  grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|Test unit written)' "$log" || true
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$log"
    echo "!! $t failed (status $rc): the input is in fuzz/artifacts/$t"
    status=1
  fi
  rm -f "$log"
  rm -rf "$scratch"
done
exit "$status"
