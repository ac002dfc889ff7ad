#!/usr/bin/env python3
"""Side-by-side comparison of `infradraft render` with mdcat on three corpora.

Each corpus is rendered at 100 columns with colour forced, by both programs in turn (A B A B …),
with COLORTERM unset (so infradraft writes the 256 indexed colours, as it does for any terminal
that does not say it shows 24-bit colour; mdcat writes the 16 basic colours either way),
and each run is measured as a whole process with wait4(): CPU time (user + system, every thread
and every child), peak resident memory, and the bytes written. The table gives medians of the
CPU time, the largest peak memory seen, and the ratios; the last lines say whether infradraft is
at least 1.5 times faster, uses at most mdcat's memory and writes at most 1.5 times its bytes.

Corpora:
  generated   1 MiB from scripts/gen_infra_markdown.py (the project's generator)
  second      1 MiB from scripts/gen_ops_markdown.py (written apart from the first: other
              vocabulary, no repeated lines, another mix of blocks)
  readmes     the README.md of every crate in the local cargo registry, concatenated
  each-readme the same files rendered one process per file (sums of CPU time and bytes, the
              largest peak memory)

Usage: compare_render.py INFRADRAFT MDCAT WORKDIR [RUNS]
"""

import glob
import os
import statistics
import subprocess
import sys

TARGET_SPEED = 1.5
TARGET_OUTPUT = 1.5


def run(argv, out_path):
    """Runs argv with stdout to out_path; returns (cpu seconds, peak KiB, bytes written)."""
    env = {k: v for k, v in os.environ.items() if k != "COLORTERM"}
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"compare-render: {' '.join(argv)} failed ({status})")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.path.getsize(out_path)


def measure(argv_of, files, work, name):
    """One pass of a program over files: summed CPU, largest peak, summed bytes."""
    cpu, peak, size = 0.0, 0, 0
    out_path = os.path.join(work, f"out-{name}")
    for f in files:
        c, p, s = run(argv_of(f), out_path)
        cpu, peak, size = cpu + c, max(peak, p), size + s
    return cpu, peak, size


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    infradraft, mdcat, work = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    here = os.path.dirname(os.path.abspath(__file__))
    generated = os.path.join(work, "generated.md")
    second = os.path.join(work, "second.md")
    subprocess.run(
        [sys.executable, os.path.join(here, "gen_infra_markdown.py"), generated, str(1 << 20)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [sys.executable, os.path.join(here, "gen_ops_markdown.py"), second, str(1 << 20)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    registry = os.path.expanduser(os.environ.get("CARGO_HOME", "~/.cargo"))
    readmes = sorted(glob.glob(os.path.join(registry, "registry/src/*/*/README.md")))
    if not readmes:
        sys.exit(f"compare-render: no README.md under {registry}/registry/src")
    concatenated = os.path.join(work, "readmes.md")
    with open(concatenated, "wb") as out:
        for f in readmes:
            with open(f, "rb") as src:
                out.write(src.read())
            out.write(b"\n")

    ours = lambda f: [infradraft, "render", "--width", "100", "--color", "always", f]
    theirs = lambda f: [mdcat, "--ansi", "--columns", "100", f]
    corpora = [
        ("generated", [generated], runs),
        ("second", [second], runs),
        ("readmes", [concatenated], runs),
        ("each-readme", readmes, max(1, runs // 2)),
    ]
    print(
        f"{'corpus':<12} {'size':>9} {'infradraft':>11} {'mdcat':>9} {'faster':>7} "
        f"{'peak MiB':>9} {'mdcat':>7} {'out MB':>8} {'mdcat':>7} {'out':>6}"
    )
    ok = True
    for name, files, n in corpora:
        size = sum(os.path.getsize(f) for f in files)
        a_cpu, b_cpu, a_peak, b_peak = [], [], 0, 0
        for _ in range(n):
            c, p, a_out = measure(ours, files, work, "a")
            a_cpu.append(c)
            a_peak = max(a_peak, p)
            c, p, b_out = measure(theirs, files, work, "b")
            b_cpu.append(c)
            b_peak = max(b_peak, p)
        a, b = statistics.median(a_cpu), statistics.median(b_cpu)
        speed = b / a if a else float("inf")
        out_ratio = a_out / b_out if b_out else float("inf")
        print(
            f"{name:<12} {size / 1e6:>7.2f}MB {a:>10.3f}s {b:>8.3f}s {speed:>6.2f}x "
            f"{a_peak / 1024:>9.1f} {b_peak / 1024:>7.1f} {a_out / 1e6:>8.2f} {b_out / 1e6:>7.2f} "
            f"{out_ratio:>5.2f}x"
        )
        for what, good in [
            (f"{name}: CPU time at least {TARGET_SPEED}x less than mdcat's", speed >= TARGET_SPEED),
            (f"{name}: peak memory at most mdcat's", a_peak <= b_peak),
            (f"{name}: output at most {TARGET_OUTPUT}x mdcat's", out_ratio <= TARGET_OUTPUT),
        ]:
            if not good:
                ok = False
                print(f"  not met: {what}")
    print(f"{len(readmes)} README files; CPU time is the median of {runs} paired runs "
          f"({max(1, runs // 2)} for each-readme)")
    print("all targets met" if ok else "some targets not met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
