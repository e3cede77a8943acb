#!/usr/bin/env python3
"""Check that TMX written by `tm export --format tmx` loads in Translate
Toolkit's reader (translate.storage.tmx), with the same units and texts.

Optional in CI (needs `pip install translate-toolkit`; exits 0 with a note
when it is missing, unless --require is given).

    cargo build --release
    python3 benches/tmx_ttk_check.py [--tm target/release/tm] [--require]

It imports every fixture of tests/data/tmx into a scratch TM, exports it as
TMX (all languages, and per language pair), loads each export with TTK, and
compares TTK's source/target per unit with `tm export --format jsonl`.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(tm, db, *args):
    out = subprocess.run([tm, "--db", db, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"tm {' '.join(args)} failed ({out.returncode}):\n{out.stderr}")
    return out.stdout


def expected(path, units):
    """Per <tu> of our export: the texts TTK should give for its first two
    <tuv>s. TTK reads a <seg> as all of its text, native codes included;
    where a seg has no inline markup that must be tm's plain text."""
    import xml.etree.ElementTree as ET

    plain = {t for u in units for t in u["variants"].values()}
    out = []
    for tu in ET.parse(path).getroot().iter("tu"):
        texts = []
        for seg in tu.iter("seg"):
            text = "".join(seg.itertext())
            if len(seg) == 0 and text not in plain:
                sys.exit(f"{path}: {text!r} is not a text of the TM")
            texts.append(text)
        out.append((texts[0], texts[1] if len(texts) > 1 else None))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tm", default=os.path.join(ROOT, "target", "release", "tm"))
    ap.add_argument("--require", action="store_true", help="fail if translate-toolkit is missing")
    a = ap.parse_args()
    try:
        from translate.storage import tmx
    except ImportError:
        msg = "translate-toolkit is not installed (pip install translate-toolkit)"
        if a.require:
            sys.exit(msg)
        print(f"skipped: {msg}")
        return
    if not os.path.exists(a.tm):
        sys.exit(f"no tm binary at {a.tm} (cargo build --release, or pass --tm)")

    fixtures = os.path.join(ROOT, "tests", "data", "tmx")
    failures = 0
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(fixtures)):
            if not name.endswith(".tmx") or name.startswith("bad-"):
                continue
            db = os.path.join(tmp, name + ".sqlite")
            run(a.tm, db, "import", os.path.join(fixtures, name))
            units = [json.loads(l) for l in run(a.tm, db, "export", "--format", "jsonl").splitlines()]
            langs = sorted({l for u in units for l in u["variants"]})
            # Order the tuvs so that TTK's source (the first tuv) is the TM's first language.
            pairs = [(langs[0], t) for t in langs[1:]]
            exports = [("all", None)] + [(f"{s}-{t}", [s, t]) for s, t in pairs]
            for label, pair in exports:
                out = os.path.join(tmp, f"{name}.{label}.tmx")
                args = ["export", "--format", "tmx", "-o", out]
                if pair:
                    args += ["--langs", ",".join(pair)]
                run(a.tm, db, *args)
                with open(out, "rb") as f:
                    store = tmx.tmxfile(f)
                got = [u for u in store.units if not u.isheader()]
                want = expected(out, units)
                problems = []
                if len(got) != len(want):
                    problems.append(f"{len(got)} units in TTK, {len(want)} in the export")
                for tu, (src, tgt) in zip(got, want):
                    if tu.source != src:
                        problems.append(f"source {tu.source!r} != {src!r}")
                    if tgt is not None and tu.target != tgt:
                        problems.append(f"target {tu.target!r} != {tgt!r}")
                checked += 1
                status = "ok" if not problems else "FAIL"
                print(f"{status:4} {name} [{label}]: {len(got)} units loaded by translate-toolkit")
                for p in problems[:5]:
                    print(f"       {p}")
                failures += bool(problems)
    print(f"{checked - failures}/{checked} exports load in translate-toolkit with the same texts")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
