#!/usr/bin/env python3
"""Short documents with one sentence added or dropped, aligned by the `tm` binary.

From NTREX-128 (`../shared/corpora/ntrex128`, CC BY-SA 4.0): for each of the
123 news documents and each target (de, fr, sq), a run of 3–8 consecutive
lines of the document (one sentence line each, `tm align --segmented`); in
the target, one line is dropped (even documents) or a line of a document far
away in the corpus is inserted (odd documents), at a random place. The gold
is the line beads: 1-1 for every kept line, 1-0 for the dropped one, 0-1 for
the inserted one. The same runs unchanged make a third condition, `as-is`.

    python3 benches/short_docs.py TM_BINARY [--tm] [--keep DIR] [--failures]

Prints, per target and operation, the documents aligned exactly as the gold
and the strict bead F1 (`tm eval align`'s metric: a bead is right when both
of its sides are the gold's). `--tm`: each alignment runs in a TM that holds
the 1,012 FLORES-200 devtest pairs of its language pair (another corpus:
the TM lexicon `tm align` learns from the workspace); without it, an empty
TM (`--no-tm-lexicon`). Deterministic: a fixed seed.
"""

import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = os.environ.get(
    "TM_CORPORA", os.path.join(HERE, "..", "..", "shared", "corpora"))
NTREX = os.path.join(CORPORA, "ntrex128")
FLORES = os.path.join(CORPORA, "flores200-devtest")
TARGETS = [("de", "deu", "deu_Latn"), ("fr", "fra", "fra_Latn"), ("sq", "sqi", "als_Latn")]


def lines(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def documents():
    with open(os.path.join(NTREX, "DOCUMENT_IDS.tsv"), encoding="utf-8") as f:
        ids = [l.strip() for l in f]
    docs = []
    for k, d in enumerate(ids):
        if k == 0 or d != ids[k - 1]:
            docs.append([])
        docs[-1].append(k)
    return docs


def cases(docs, src, tgt, seed):
    """(source lines, target lines, gold beads, operation) per document."""
    rng = random.Random(seed)
    out = []
    for d, doc in enumerate(docs):
        n = rng.randint(3, 8)
        if len(doc) < n:
            n = len(doc)
        if n < 3:
            continue
        start = rng.randint(0, len(doc) - n)
        rows = doc[start:start + n]
        s = [src[r] for r in rows]
        t = [tgt[r] for r in rows]
        out.append((list(s), list(t), [([i], [i]) for i in range(n)], "as-is"))
        if d % 2 == 0:
            p = rng.randrange(n)
            del t[p]
            gold = [([i], [i]) for i in range(p)] + [([p], [])] + \
                [([i], [i - 1]) for i in range(p + 1, n)]
            op = "dropped"
        else:
            far = docs[(d + len(docs) // 2) % len(docs)]
            extra = tgt[rng.choice(far)]
            p = rng.randint(0, n)
            t.insert(p, extra)
            gold = [([i], [i]) for i in range(p)] + [([], [p])] + \
                [([i], [i + 1]) for i in range(p, n)]
            op = "added"
        out.append((s, t, gold, op))
    return out


def parse_beads(text):
    beads = []
    for l in text.splitlines():
        a, b = l.split(":")
        beads.append((json.loads(a), json.loads(b)))
    return beads


def seed_tm(tm, db, lang, flores_code, work):
    en = lines(os.path.join(FLORES, "eng_Latn.devtest.gz"))
    xx = lines(os.path.join(FLORES, flores_code + ".devtest.gz"))
    path = os.path.join(work, f"flores-{lang}.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"en\t{lang}\n")
        for a, b in zip(en, xx):
            f.write(f"{a}\t{b}\n")
    subprocess.run([tm, "import", path, "--db", db], check=True,
                   stdout=subprocess.DEVNULL)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    tm = args[0]
    with_tm = "--tm" in args
    failures = "--failures" in args
    keep = args[args.index("--keep") + 1] if "--keep" in args else None
    docs = documents()
    src = lines(os.path.join(NTREX, "newstest2019-src.eng.txt.gz"))
    work = keep or tempfile.mkdtemp(prefix="short-docs-")
    os.makedirs(work, exist_ok=True)
    total = defaultdict(lambda: [0, 0, 0, 0, 0])
    for lang, ntrex_code, flores_code in TARGETS:
        tgt = lines(os.path.join(NTREX, f"newstest2019-ref.{ntrex_code}.txt.gz"))
        db = os.path.join(work, f"tm-{lang}.sqlite")
        if os.path.exists(db):
            os.remove(db)
        extra = []
        if with_tm:
            seed_tm(tm, db, lang, flores_code, work)
        else:
            extra = ["--no-tm-lexicon"]
        for k, (s, t, gold, op) in enumerate(cases(docs, src, tgt, seed=8)):
            a = os.path.join(work, f"{lang}-{k:03}.en")
            b = os.path.join(work, f"{lang}-{k:03}.{lang}")
            with open(a, "w", encoding="utf-8") as f:
                f.write("\n".join(s) + "\n")
            with open(b, "w", encoding="utf-8") as f:
                f.write("\n".join(t) + "\n")
            r = subprocess.run(
                [tm, "align", a, b, "--src-lang", "en", "--tgt-lang", lang,
                 "--segmented", "--dry-run", "--format", "beads", "--no-glossary",
                 "--db", db] + extra,
                check=True, capture_output=True, text=True)
            beads = parse_beads(r.stdout)
            g = {(tuple(x), tuple(y)) for x, y in gold}
            h = {(tuple(x), tuple(y)) for x, y in beads}
            if failures and g != h:
                print(f"wrong {lang}-{k:03} {op}: got {sorted(h)} gold {sorted(g)}")
            for key in [(lang, op), (lang, "all"), ("all", op), ("all", "all")]:
                c = total[key]
                c[0] += 1
                c[1] += g == h
                c[2] += len(g & h)
                c[3] += len(h)
                c[4] += len(g)
    print(f"{'target':8} {'op':8} {'docs':>5} {'exact':>7} {'strict F1':>9}")
    for (lang, op), (n, exact, right, got, want) in sorted(total.items()):
        p = right / got if got else 0.0
        r = right / want if want else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lang:8} {op:8} {n:5} {100 * exact / n:6.1f}% {f1:9.3f}")


if __name__ == "__main__":
    main()
