#!/usr/bin/env python3
"""Segmentation test cases from real text: NTREX-128 news and FLORES-200 devtest
(Wikinews, Wikivoyage, Wikibooks); both CC BY-SA 4.0, in ../shared/corpora.

NTREX gives the 1,997 lines of 123 WMT19 news documents in English and in professional
translations (sq, sr-Latn, sr-Cyrl, hr, de, fr, ...), one line a segment. A case is up to
three consecutive lines of one document joined by a space, gold = the lines; as in the UD
cases of ../shared/bench/segment, a window closes after a line that does not end in
. ! ? … (optionally followed by a closing quote or bracket): a headline or a line that ends
in a colon, whose boundary no segmenter can see in running text.

Caveat: a translator may write one line as two sentences, so a boundary inside a line is
not always wrong; the lines are the translators' own segmentation.

FLORES-200 has the same shape (1,012 lines of 281 articles, the article of each line in
metadata_devtest.tsv) and was not looked at while the rules were written: it is the
held-out check of what NTREX taught.

    python3 benches/ntrex_segment_cases.py OUT_DIR   # OUT_DIR/ntrex-<lang>.jsonl, flores-<lang>.jsonl
    tm eval segment OUT_DIR/ntrex-*.jsonl
    tm eval segment OUT_DIR/flores-*.jsonl
"""

import gzip
import json
import os
import re
import sys

CORPORA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora")
ROOT = os.path.join(CORPORA, "ntrex128")
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
FLORES = {
    "en": "eng_Latn.devtest.gz",
    "sq": "als_Latn.devtest.gz",
    "sr-Cyrl": "srp_Cyrl.devtest.gz",
    "hr": "hrv_Latn.devtest.gz",
    "bs": "bos_Latn.devtest.gz",
    "mk": "mkd_Cyrl.devtest.gz",
    "de": "deu_Latn.devtest.gz",
    "fr": "fra_Latn.devtest.gz",
}
ENDS = re.compile(r"[.!?…][\"'“”‘’»«)\]]*$")


def write_cases(out_dir, prefix, root, files, ids):
    """Cases of up to three lines of one document (`ids[i]`: the document of line i)."""
    for lang, name in files.items():
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
                    "id": f"{prefix}-{lang}-{first + 1}",
                    "set": prefix,
                    "source": f"{name}, lines {first + 1}-{window[-1] + 1}",
                })
            return []

        for i, line in enumerate(lines):
            if window and ids[window[-1]] != ids[i]:
                window = close(window)
            window.append(i)
            if len(window) == 3 or not ENDS.search(line.strip()):
                window = close(window)
        close(window)
        path = os.path.join(out_dir, f"{prefix}-{lang}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        print(f"{path}: {len(cases)} cases")


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    root = os.environ.get("TM_BENCH_NTREX", ROOT)
    with open(os.path.join(root, "DOCUMENT_IDS.tsv"), encoding="utf-8") as f:
        ids = [line.strip() for line in f]
    write_cases(out_dir, "ntrex", root, FILES, ids)
    flores = os.path.join(os.environ.get("TM_BENCH_CORPORA", CORPORA), "flores200-devtest")
    with gzip.open(os.path.join(flores, "metadata_devtest.tsv.gz"), "rt", encoding="utf-8") as f:
        urls = [row.split("\t")[0] for row in f.read().split("\n")[1:] if row]
    write_cases(out_dir, "flores", flores, FLORES, urls)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ntrex-seg")
