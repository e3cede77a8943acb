#!/usr/bin/env bash
# The "workspace that grows" figures of README.md: strict F1 of the tm
# binary on gold sets aligned alone (--dry-run, no TM), in a workspace that
# grows document by document, and in one that already holds units of the
# language pair imported (`tm import`, TSV) from public corpora: NTREX-128 +
# FLORES-200 for de-fr, Tatoeba for hu-en.
#
#   cargo build --release && bash benches/workspace_align.sh [path/to/tm]
#
# Reads ../shared/bench/align and ../shared/corpora (override with
# TM_BENCH_ALIGN, TM_BENCH_CORPORA); works in a temporary directory.
set -euo pipefail
TM=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/release/tm}")
ALIGN=$(realpath "${TM_BENCH_ALIGN:-../shared/bench/align}")
CORPORA=$(realpath "${TM_BENCH_CORPORA:-../shared/corpora}")
TB=$ALIGN/textberg
DTM=$ALIGN/dtm-hu-en
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

# Strict F1 of the micro-average: GOLD… TEST…
f1() {
    "$TM" eval align --split --format json "$@" |
        python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["total"]["strict"]["f1"])'
}
# text+berg test aligned with DB (or alone when DB is "-"), beads in tb-*.beads.
textberg() {
    for i in 0 1 2 3 4 5 6; do
        if [ "$1" = - ]; then where=(--dry-run); else where=(--db "$1" --doc "t$i"); fi
        "$TM" align "$TB/test$i.de" "$TB/test$i.fr" --src-lang de --tgt-lang fr \
            --segmented --format beads "${where[@]}" > "tb-$i.beads"
    done
    f1 "$TB"/test{0..6}.defr tb-{0..6}.beads
}
# DTM aligned with DB (or alone when DB is "-").
dtm() {
    if [ "$1" = - ]; then where=(--dry-run); else where=(--db "$1" --dry-run); fi
    "$TM" align "$DTM/hu.txt" "$DTM/en.txt" --src-lang hu --tgt-lang en --segmented \
        --format beads "${where[@]}" > dtm.beads
    f1 "$DTM/gold.huen" dtm.beads
}

echo "text+berg test, each article alone:                         $(textberg -)"

"$TM" --db grow.sqlite align "$TB/dev.de" "$TB/dev.fr" --src-lang de --tgt-lang fr \
    --segmented --doc dev > /dev/null
echo "text+berg test, dev stored first, then test0..6 in order:   $(textberg grow.sqlite)"

{
    printf 'de\tfr\n'
    paste <(zcat "$CORPORA/ntrex128/newstest2019-ref.deu.txt.gz") \
        <(zcat "$CORPORA/ntrex128/newstest2019-ref.fra.txt.gz")
    paste <(zcat "$CORPORA/flores200-devtest/deu_Latn.devtest.gz") \
        <(zcat "$CORPORA/flores200-devtest/fra_Latn.devtest.gz")
} > defr.tsv
"$TM" --db news.sqlite import defr.tsv > /dev/null
echo "text+berg test, 3,009 de-fr news units imported, in order:  $(textberg news.sqlite)"

echo "DTM hu-en alone:                                            $(dtm -)"
{
    printf 'hu\ten\n'
    xzcat "$CORPORA/tatoeba-test-v2021-08-07/eng-all.tsv.xz" | awk -F'\t' '$2 == "hun" { print $4 "\t" $3 }'
} > huen.tsv
"$TM" --db tatoeba.sqlite import huen.tsv > /dev/null
echo "DTM hu-en, 13,037 Tatoeba hu-en units imported:             $(dtm tatoeba.sqlite)"
