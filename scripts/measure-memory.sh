#!/usr/bin/env bash
# Peak memory (VmHWM) of the workbench, in a real terminal (tmux): on the sample session, and on
# the large session of the benchmarks (40 components × 4 options, 1 MB of text, 20 diagrams),
# each after its first frames and a walk through the sections. Prints KiB and the ratio to the
# session file's size.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }
cargo build --release --locked --quiet --bin infradraft --example large_session
WORK=$(mktemp -d)
SOCKET="infradraft-mem-$$"
trap 'tmux -L "$SOCKET" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
BIN=./target/release/infradraft
HOME_DIR="$WORK/home"
INFRADRAFT_HOME=$HOME_DIR $BIN new --sample --mode incremental --no-open -o "$WORK/sample.ron" >/dev/null
./target/release/examples/large_session "$WORK/large.ron" "${LARGE_MB:-1}" >/dev/null

peak() { # session file → VmHWM in KiB
  local session=$1 lock
  lock="$(dirname "$session")/.$(basename "$session").lock"
  tmux -L "$SOCKET" -f /dev/null new-session -d -x 200 -y 60 \
    "INFRADRAFT_HOME=$HOME_DIR $BIN open $session"
  for _ in $(seq 50); do [ -s "$lock" ] && break; sleep 0.1; done
  local pid
  pid=$(cat "$lock")
  sleep 1.5
  for _ in $(seq 30); do tmux -L "$SOCKET" send-keys j; sleep 0.05; done
  sleep 1
  awk '/VmHWM/ {print $2}' "/proc/$pid/status"
  tmux -L "$SOCKET" send-keys C-q
  sleep 0.5
  tmux -L "$SOCKET" kill-server 2>/dev/null || true
}

for name in sample large; do
  file="$WORK/$name.ron"
  kb=$(peak "$file")
  size=$(stat -c %s "$file")
  awk -v n="$name" -v kb="$kb" -v size="$size" \
    'BEGIN { printf "%-7s peak RSS %6.1f MiB, session file %6.2f MiB, ratio %.1f\n", n, kb/1024, size/1048576, kb*1024/size }'
done
