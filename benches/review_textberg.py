#!/usr/bin/env python3
"""How well `tm align --review` points at wrong beads, on text+berg test (7 documents,
gold in ../shared/bench/align/textberg): the figures of benches/README.md, "Review: how
well low confidence points at wrong beads".

Each document is aligned with `--segmented --no-glossary --no-tm-lexicon --dry-run`,
once for every bead (`--format jsonl`) and once for the beads review flags (`--review
--format jsonl`). A bead is wrong when the gold has no bead with the same sentences.
Prints, per reason a bead is flagged (an empty side; else a confidence below the
threshold; else only a sentence that nothing on the other side translates) and in all,
how many beads are flagged, how many of them are wrong, and what share of all wrong beads
they hold.

    python3 benches/review_textberg.py TM_BINARY [REVIEW_BELOW]
"""

import collections
import json
import os
import subprocess
import sys

ALIGN = os.environ.get(
    "TM_BENCH_ALIGN", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench", "align")
)
TEXTBERG = os.path.join(ALIGN, "textberg")


def gold(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            s, t = line.strip().split(":")
            out.add((tuple(json.loads(s)), tuple(json.loads(t))))
    return out


def jsonl(tm, i, extra):
    args = [tm, "align", f"test{i}.de", f"test{i}.fr", "--src-lang", "de", "--tgt-lang", "fr"]
    args += ["--segmented", "--no-glossary", "--no-tm-lexicon", "--dry-run", "--format", "jsonl"]
    run = subprocess.run(args + extra, cwd=TEXTBERG, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"{' '.join(args + extra)}: exit {run.returncode}\n{run.stderr}")
    return [json.loads(l) for l in run.stdout.splitlines() if l.strip()]


def reason(w, below):
    """Why review flags a bead, one reason each: an empty side first, then a
    confidence below the threshold, then a sentence nothing translates."""
    if not w["src"] or not w["tgt"]:
        return "no counterpart"
    if w["confidence"] < float(below):
        return "low confidence"
    return "unsupported"


def main():
    tm = os.path.abspath(sys.argv[1])
    below = sys.argv[2] if len(sys.argv) > 2 else "0.6"
    beads = wrong = 0
    flagged = collections.Counter()
    flagged_wrong = collections.Counter()
    for i in range(7):
        g = gold(os.path.join(TEXTBERG, f"test{i}.defr"))
        every = jsonl(tm, i, [])
        bad = [(tuple(b["src"]), tuple(b["tgt"])) not in g for b in every]
        beads += len(every)
        wrong += sum(bad)
        for w in jsonl(tm, i, ["--review", "--review-below", below]):
            k = w["bead"]
            r = reason(w, below)
            for key in (r, "all"):
                flagged[key] += 1
                flagged_wrong[key] += bad[k]
    print(f"{beads} beads, {wrong} wrong ({100 * wrong / beads:.1f}%)")
    for key in sorted(flagged, key=lambda k: (k == "all", k)):
        n, w = flagged[key], flagged_wrong[key]
        print(
            f"{key:<16} {n:>4} flagged ({100 * n / beads:4.1f}% of beads), {w:>3} wrong "
            f"({100 * w / max(n, 1):4.1f}% of them), {100 * w / max(wrong, 1):4.1f}% of the errors"
        )


if __name__ == "__main__":
    main()
