#!/usr/bin/env python3
"""Write the Tatoeba test set (all 151 English pairs) as one TMX, for TM-scale
checks of `tm import` and `tm qa`:

    python3 benches/tatoeba_tmx.py ../shared/corpora/tatoeba-test-v2021-08-07/eng-all.tsv.xz > tatoeba.tmx
    tm import tatoeba.tmx && tm qa --format json > qa.json

One <tu> per row (pair, label, english, other): the English sentence and the
other as the row's label names it (`jpn_Hira` -> `jpn-Hira`; `toki`, which is
no language tag, as `tok`). 569,328 rows: 333,814 units, 489,117 pairs.
"""
import lzma
import sys
from xml.sax.saxutils import escape

out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
          '<header creationtool="tatoeba_tmx.py" creationtoolversion="1" segtype="sentence" '
          'o-tmf="tsv" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
with lzma.open(sys.argv[1], "rt", encoding="utf-8") as rows:
    for n, line in enumerate(rows):
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 4:
            continue
        lang = cols[1].replace("_", "-").replace("toki-", "tok-")
        out.write('<tu tuid="t%d"><tuv xml:lang="en"><seg>%s</seg></tuv>'
                  '<tuv xml:lang="%s"><seg>%s</seg></tuv></tu>\n'
                  % (n, escape(cols[2]), lang, escape(cols[3])))
out.write("</body>\n</tmx>\n")
