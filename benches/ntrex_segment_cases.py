#!/usr/bin/env python3
"""Segmentation test cases from real news: NTREX-128 (CC BY-SA 4.0, in ../shared/corpora).

NTREX gives the 1,997 lines of 123 WMT19 news documents in English and in professional
translations (sq, sr-Latn, sr-Cyrl, hr, de, fr, ...), one line a segment. A case is up to
three consecutive lines of one document joined by a space, gold = the lines; as in the UD
cases of ../shared/bench/segment, a window closes after a line that does not end in
. ! ? … (optionally followed by a closing quote or bracket): a headline or a line that ends
in a colon, whose boundary no segmenter can see in running text.

Caveat: a translator may write one line as two sentences, so a boundary inside a line is
not always wrong; the lines are the translators' own segmentation.

    python3 benches/ntrex_segment_cases.py OUT_DIR      # writes OUT_DIR/ntrex-<lang>.jsonl
    tm eval segment OUT_DIR/ntrex-*.jsonl
"""

import gzip
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora", "ntrex128")
FILES = {
    "en": "newstest2019-src.eng.txt.gz",
    "sq": "newstest2019-ref.sqi.txt.gz",
    "sr-Latn": "newstest2019-ref.srp-Latn.txt.gz",
    "sr-Cyrl": "newstest2019-ref.srp-Cyrl.txt.gz",
    "hr": "newstest2019-ref.hrv.txt.gz",
    "bs": "newstest2019-ref.bos.txt.gz",
    "de": "newstest2019-ref.deu.txt.gz",
    "fr": "newstest2019-ref.fra.txt.gz",
}
ENDS = re.compile(r"[.!?…][\"'“”‘’»«)\]]*$")


def main(out_dir):
    root = os.environ.get("TM_BENCH_NTREX", ROOT)
    with open(os.path.join(root, "DOCUMENT_IDS.tsv"), encoding="utf-8") as f:
        ids = [line.strip() for line in f]
    os.makedirs(out_dir, exist_ok=True)
    for lang, name in FILES.items():
        with gzip.open(os.path.join(root, name), "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")[: len(ids)]
        cases, window = [], []

        def close(window):
            if window:
                first = window[0]
                cases.append({
                    "lang": lang,
                    "text": " ".join(lines[i] for i in window),
                    "sentences": [lines[i] for i in window],
                    "id": f"ntrex-{lang}-{ids[first]}-{first + 1}",
                    "set": "ntrex128",
                    "source": f"NTREX-128 {name}, lines {first + 1}-{window[-1] + 1}",
                })
            return []

        for i, line in enumerate(lines):
            if window and ids[window[-1]] != ids[i]:
                window = close(window)
            window.append(i)
            if len(window) == 3 or not ENDS.search(line.strip()):
                window = close(window)
        close(window)
        path = os.path.join(out_dir, f"ntrex-{lang}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        print(f"{path}: {len(cases)} cases")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ntrex-seg")
