#!/usr/bin/env python3
"""Segmentation cases in scripts with their own sentence marks, from the Tatoeba
test set (../shared/corpora/tatoeba-test-v2021-08-07/eng-all.tsv.xz, test and
benchmark data only; CC BY 2.0 FR, the Tatoeba contributors).

Tatoeba's sentences are short and one a line. A case joins three consecutive
sentences of one language, gold = the sentences, as written: with a space between
them, or with none in Chinese and Japanese, whose writers put none. Only sentences
that end in a mark of their script and hold no other sentence mark are taken, so
the gold has no sentence inside a line.

    python3 benches/tatoeba_segment_cases.py OUT_DIR   # OUT_DIR/tatoeba-<lang>.jsonl
    tm eval segment OUT_DIR/tatoeba-*.jsonl
"""

import json
import lzma
import os
import sys

CORPORA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora")
# Tatoeba label -> (BCP 47 tag, joiner between sentences, final marks).
LANGS = {
    "khm": ("km", " ", "។៕"),
    "mya": ("my", " ", "။"),
    "cmn_Hans": ("zh-Hans", "", "。！？．"),
    "cmn_Hant": ("zh-Hant", "", "。！？．"),
    "jpn_Hira": ("ja", "", "。！？．"),
    "hin": ("hi", " ", "।"),
    "urd": ("ur", " ", "۔؟"),
    "ara": ("ar", " ", "؟"),
    "pes": ("fa", " ", "؟"),
    "hye": ("hy", " ", "։:"),
}
# Every sentence mark (Unicode Sentence_Terminal of the BMP that these scripts
# use, and the Latin ones): a line with one before its end holds two sentences.
MARKS = set(".!?。！？．｡।॥۔؟։។៕။၊።፧།…")
CLOSERS = "\"'”’»)」』）"


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(
        os.environ.get("TM_BENCH_CORPORA", CORPORA),
        "tatoeba-test-v2021-08-07",
        "eng-all.tsv.xz",
    )
    lines = {label: [] for label in LANGS}
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for row in f:
            cols = row.rstrip("\n").split("\t")
            if len(cols) == 4 and cols[1] in LANGS:
                lines[cols[1]].append(cols[3].strip())
    for label, (tag, joiner, finals) in LANGS.items():
        seen, good = set(), []
        for s in lines[label]:
            body = s.rstrip(CLOSERS)
            if s in seen or not body or body[-1] not in finals:
                continue
            if any(c in MARKS for c in body[:-1].rstrip(finals + " ")):
                continue
            seen.add(s)
            good.append(s)
        cases = []
        for k in range(0, len(good) - 2, 3):
            sents = good[k : k + 3]
            cases.append({
                "lang": tag,
                "text": joiner.join(sents),
                "sentences": sents,
                "id": f"tatoeba-{tag}-{k // 3}",
                "set": "tatoeba",
            })
        out = os.path.join(out_dir, f"tatoeba-{tag}.jsonl")
        with open(out, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        print(f"{out}: {len(cases)} cases")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/tatoeba-seg")
