#!/usr/bin/env python3
"""How `tm diff` classifies a dropped sentence, on real documents (NTREX-128, CC BY-SA
4.0, in ../shared/corpora).

Each NTREX document (lines = segments) is written as a text: the first line (the
headline) a paragraph of its own, then paragraphs of three lines, in English and in
Albanian. The pair is aligned into a scratch TM; then one Albanian line is deleted (the
last line of the third paragraph, else of the last one) and `tm diff --format json` is
run. Right: one unit missing and nothing re-segmented.

    python3 benches/diff_deletions.py TM_BINARY [N_DOCS]
"""

import collections
import gzip
import json
import os
import subprocess
import sys
import tempfile

CORPORA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora", "ntrex128")


def lines(name):
    with gzip.open(os.path.join(CORPORA, name), "rt", encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def paragraphs(ls):
    return [ls[:1]] + [ls[i : i + 3] for i in range(1, len(ls), 3)]


def text(paras):
    return "\n\n".join(" ".join(p) for p in paras if p) + "\n"


def main():
    tm = os.path.abspath(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    ids = open(os.path.join(CORPORA, "DOCUMENT_IDS.tsv")).read().split("\n")
    en, sq = lines("newstest2019-src.eng.txt.gz"), lines("newstest2019-ref.sqi.txt.gz")
    docs = collections.OrderedDict()
    for i, d in enumerate(ids[: len(en)]):
        docs.setdefault(d, []).append(i)
    outcomes = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "tm.sqlite")
        for n, (doc, rows) in enumerate(docs.items()):
            if limit is not None and n >= limit:
                break
            pe = paragraphs([en[i] for i in rows])
            ps = paragraphs([sq[i] for i in rows])
            target = 3 if len(ps) > 3 and len(ps[3]) > 1 else len(ps) - 1
            if len(ps[target]) < 2:
                outcomes["skipped (no paragraph of 2+ lines)"] += 1
                continue
            cut = [p[:-1] if k == target else p for k, p in enumerate(ps)]
            d = os.path.join(tmp, doc)
            os.makedirs(os.path.join(d, "cut"))
            for path, t in [("en.txt", text(pe)), ("sq.txt", text(ps)), ("cut/sq.txt", text(cut))]:
                with open(os.path.join(d, path), "w", encoding="utf-8") as f:
                    f.write(t)
            run = lambda *a: subprocess.run([tm, "--db", db, *a], capture_output=True, text=True)
            r = run("align", os.path.join(d, "en.txt"), os.path.join(d, "sq.txt"), "--doc", doc)
            if r.returncode != 0:
                outcomes["align failed"] += 1
                continue
            r = run("diff", os.path.join(d, "en.txt"), os.path.join(d, "cut", "sq.txt"), "--format", "json")
            if r.returncode == 2:
                outcomes["diff error: " + r.stderr.strip()[:60]] += 1
                continue
            s = json.loads(r.stdout)["summary"]
            key = "missing=%d re-segmented=%d changed=%d" % (s["missing"], s["re-segmented"], s["changed"])
            outcomes[key] += 1
    right = sum(v for k, v in outcomes.items() if k.startswith("missing=1 re-segmented=0"))
    total = sum(v for k, v in outcomes.items() if not k.startswith("skipped"))
    for k, v in outcomes.most_common():
        print(f"{v:4}  {k}")
    print(f"dropped sentence told as missing (and nothing re-segmented): {right} of {total} documents")


if __name__ == "__main__":
    main()
