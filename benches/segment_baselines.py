#!/usr/bin/env python3
"""Score pySBD and sentencex on segmentation cases with the scoring of `tm eval segment`.

Exact match of the case after collapsing white space and dropping empty sentences, and
boundary P/R/F1 over offsets in the text without white space (the rules of
../shared/bench/segment/README.md). Languages pySBD has no rules for fall back to English.

    pip install pysbd sentencex
    python3 benches/segment_baselines.py /tmp/ntrex-seg/ntrex-*.jsonl
"""

import json
import os
import re
import sys

import pysbd
import sentencex


def normalise(sentences):
    out = (re.sub(r"\s+", " ", s).strip() for s in sentences)
    return [s for s in out if s]


def boundaries(sentences):
    out, at = set(), 0
    for s in sentences:
        at += len(re.sub(r"\s", "", s))
        out.add(at)
    out.discard(at)
    return out


_pysbd = {}


def with_pysbd(lang, text):
    primary = lang.split("-")[0]
    if primary not in _pysbd:
        try:
            _pysbd[primary] = pysbd.Segmenter(language=primary, clean=False)
        except ValueError:
            _pysbd[primary] = pysbd.Segmenter(language="en", clean=False)
    return _pysbd[primary].segment(text)


def with_sentencex(lang, text):
    return list(sentencex.segment(lang.split("-")[0], text))


def main(paths):
    print(f"{'file':24} {'system':10} {'cases':>6} {'exact%':>7} {'P':>6} {'R':>6} {'F1':>6}")
    for path in paths:
        cases = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        for name, split in [("pysbd", with_pysbd), ("sentencex", with_sentencex)]:
            exact = found = made = gold = 0
            for c in cases:
                g = normalise(c["sentences"])
                p = normalise(split(c["lang"], c["text"]))
                exact += g == p
                bg, bp = boundaries(g), boundaries(p)
                found, made, gold = found + len(bg & bp), made + len(bp), gold + len(bg)
            prec = found / made if made else 1.0
            rec = found / gold if gold else 1.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            pct = 100 * exact / len(cases)
            print(
                f"{os.path.basename(path):24} {name:10} {len(cases):6} {pct:7.1f}"
                f" {prec:6.3f} {rec:6.3f} {f1:6.3f}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
