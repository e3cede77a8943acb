//! End to end on real news in the project's own language pairs: segmentation
//! and alignment of running text, en → sq, sr-Latn, sr-Cyrl, hr, de, fr.
//!
//! NTREX-128 (`../shared/corpora/ntrex128`, CC BY-SA 4.0) gives 123 WMT19 news
//! documents, one segment a line, in professional translations that are line
//! for line. Each document becomes an article per language (its lines joined
//! by a space; a headline or a line ending in a colon is a paragraph of its
//! own), which `tm::segment` splits and `tm::align` aligns, as `tm align` does. The gold is the lines: a bead is right
//! when the lines its source sentences come from are the lines its target
//! sentences come from. Beads that share a line are joined first, so a line
//! that both sides split into the same two sentences is not counted against
//! the aligner; a line that the segmenter joins to the next on both sides is
//! (strict), but not in the lax score (every line of the group paired with
//! its own counterpart). Scored with the strict/lax bead F1 of `tm eval align`.
//!
//! Four conditions: the translations as they are; with every tenth target
//! line dropped (an omission the aligner must leave as a 1-0 bead); and with
//! a line of a document far away in the corpus inserted after every tenth
//! target line (an addition: a 0-1 bead), as a paragraph of its own or in
//! the running text. The
//! baseline, measured in the same run, is the same aligner with lengths only
//! (Gale–Church): no anchors, no Model 1, no fragment or headline cue.
//!
//! ```text
//! cargo bench --bench ntrex_align
//! TM_BENCH_NTREX=/path/to/ntrex128 cargo bench --bench ntrex_align
//! TM_ALIGN_CONFIG=null_cost=7 cargo bench --bench ntrex_align   # see benches/align.rs
//! cargo bench --bench ntrex_align -- hr added     # rows whose language or condition match
//! TM_ALIGN_ERRORS=1 cargo bench --bench ntrex_align -- sq added   # wrong line beads
//! ```
//!
//! The last two figures of a row are tm's strict F1 on the documents with
//! an even index (the half that may be used for tuning a phenomenon the
//! textberg dev set lacks) and on those with an odd index (held out).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;

#[path = "common/zcat.rs"]
mod zcat;
use zcat::zcat;

#[path = "common/align_config.rs"]
mod align_config;
use tm::align::{self, Config, Side};
use tm::eval::align::{Counts, GoldBead, score_documents};
use tm::segment::Sentence;

const TARGETS: &[(&str, &str)] = &[
    ("sq", "newstest2019-ref.sqi.txt.gz"),
    ("sr-Latn", "newstest2019-ref.srp-Latn.txt.gz"),
    ("sr-Cyrl", "newstest2019-ref.srp-Cyrl.txt.gz"),
    ("hr", "newstest2019-ref.hrv.txt.gz"),
    ("de", "newstest2019-ref.deu.txt.gz"),
    ("fr", "newstest2019-ref.fra.txt.gz"),
];

/// One language version of a document: its text (lines joined by a space)
/// and the byte range of each kept line in it, with the line's number.
struct Text {
    text: String,
    lines: Vec<(usize, std::ops::Range<usize>)>,
}

/// An article as a writer lays it out: a line that does not end a sentence
/// (a headline, a line ending in a colon) stands as a paragraph of its own;
/// the other lines run on. Each line comes with its number and whether it
/// must stand as a paragraph of its own anyway (an inserted paragraph).
fn join<'a>(lines: impl IntoIterator<Item = (usize, &'a str, bool)>) -> Text {
    let mut text = String::new();
    let mut spans = Vec::new();
    let ends_sentence = |l: &str| {
        l.trim_end_matches(['"', '\'', '”', '“', '’', '»', '«', ')'])
            .ends_with(['.', '!', '?', '…'])
    };
    let mut run_on = false;
    for (n, l, own) in lines {
        if !text.is_empty() {
            text.push_str(if run_on && !own { " " } else { "\n\n" });
        }
        let start = text.len();
        text.push_str(l.trim());
        spans.push((n, start..text.len()));
        run_on = ends_sentence(l.trim()) && !own;
    }
    Text { text, lines: spans }
}

/// How the target side of a document is changed from the translation.
#[derive(Clone, Copy, PartialEq)]
enum Condition {
    AsTranslated,
    /// Every tenth line of the corpus dropped (an omission: a 1-0 bead).
    Dropped,
    /// After every tenth line, a line of another document inserted as a
    /// paragraph of its own (an addition: a 0-1 bead).
    AddedParagraph,
    /// The same line inserted into the running text.
    AddedInText,
    /// Every tenth line of the corpus swapped with the line after it, each
    /// a paragraph of its own (the translation's paragraphs in another
    /// order: a monotone alignment pairs each with the other's source).
    Swapped,
}

impl Condition {
    fn name(self) -> &'static str {
        match self {
            Condition::AsTranslated => "as translated",
            Condition::Dropped => "10% dropped",
            Condition::AddedParagraph => "10% added ¶",
            Condition::AddedInText => "10% added",
            Condition::Swapped => "10% swapped ¶",
        }
    }
}

/// The line number an inserted line after line `n` goes by.
const INSERTED: usize = 1_000_000;

/// The lines a sentence's text overlaps.
fn lines_of(t: &Text, s: &Sentence) -> BTreeSet<usize> {
    t.lines
        .iter()
        .filter(|(_, r)| r.start < s.end && s.start < r.end)
        .map(|(n, _)| *n)
        .collect()
}

/// Beads over sentences → beads over lines: the lines of each bead's two
/// sides, beads that share a line joined; and for each bead, the line bead
/// it went into.
fn line_beads(
    beads: &[align::Bead],
    src: (&Text, &[Sentence]),
    tgt: (&Text, &[Sentence]),
) -> (Vec<GoldBead>, Vec<usize>) {
    let mut out: Vec<(BTreeSet<usize>, BTreeSet<usize>)> = Vec::new();
    let mut owner = Vec::with_capacity(beads.len());
    for b in beads {
        let s: BTreeSet<usize> = src.1[b.src.clone()]
            .iter()
            .flat_map(|x| lines_of(src.0, x))
            .collect();
        let t: BTreeSet<usize> = tgt.1[b.tgt.clone()]
            .iter()
            .flat_map(|x| lines_of(tgt.0, x))
            .collect();
        match out.last_mut() {
            Some((ps, pt)) if !ps.is_disjoint(&s) || !pt.is_disjoint(&t) => {
                ps.extend(s);
                pt.extend(t);
            }
            _ => out.push((s, t)),
        }
        owner.push(out.len() - 1);
    }
    let beads = out
        .into_iter()
        .map(|(s, t)| GoldBead {
            src: s.into_iter().collect(),
            tgt: t.into_iter().collect(),
        })
        .collect();
    (beads, owner)
}

/// How well `tm align --review` (confidence below 0.6, no counterpart, or a sentence nothing
/// translates: `Bead::is_weak`) points at wrong beads.
#[derive(Default)]
struct Review {
    beads: usize,
    low: usize,
    wrong: usize,
    low_wrong: usize,
}

/// The length-only baseline.
fn gale_church() -> Config {
    let mut c = Config::default();
    c.anchors.numbers = false;
    c.anchors.words = false;
    c.anchors.prefix_len = 0;
    c.anchors.punctuation = false;
    c.model1 = false;
    c.second_pass = false;
    c.fragment_cost = 0.0;
    c.headline_cost = 0.0;
    c.paragraph_cost = 0.0;
    c
}

fn main() -> anyhow::Result<()> {
    let root = std::env::var_os("TM_BENCH_NTREX").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ntrex128"),
        PathBuf::from,
    );
    let ids: Vec<String> = std::fs::read_to_string(root.join("DOCUMENT_IDS.tsv"))
        .with_context(|| format!("reading {}", root.join("DOCUMENT_IDS.tsv").display()))?
        .lines()
        .map(str::to_string)
        .collect();
    let mut docs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match docs.last_mut() {
            Some(r) if ids[r.start] == *id => r.end = i + 1,
            _ => docs.push(i..i + 1),
        }
    }
    let en = zcat(&root.join("newstest2019-src.eng.txt.gz"))?;
    let ours = align_config::overrides(Config::default())?;
    // `cargo bench` passes `--bench`; other arguments filter rows: each must
    // occur in the row's language or condition.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let errors = std::env::var_os("TM_ALIGN_ERRORS").is_some();
    println!(
        "{} documents, {} lines; strict / lax F1 over line beads (see the doc comment)",
        docs.len(),
        ids.len()
    );
    println!(
        "{:<8} {:<16} {:>15} {:>15} {:>8} {:>10}  review (< 0.6, null or unsupported): beads flagged, errors found; even / odd",
        "target", "condition", "tm", "length only", "tm s", "sentences"
    );
    for &(lang, file) in TARGETS {
        let tgt_lines = zcat(&root.join(file))?;
        for condition in [
            Condition::AsTranslated,
            Condition::Dropped,
            Condition::AddedParagraph,
            Condition::AddedInText,
            Condition::Swapped,
        ] {
            let row = format!("{lang} {}", condition.name());
            if !filters.iter().all(|f| row.contains(f.as_str())) {
                continue;
            }
            let mut gold_all = Vec::new();
            let mut runs: [Vec<Vec<GoldBead>>; 2] = Default::default();
            let mut seconds = 0.0;
            let mut n_sent = (0, 0);
            let mut review = Review::default();
            for r in &docs {
                let src_lines = &en[r.clone()];
                let tgt_doc = &tgt_lines[r.clone()];
                // Every tenth line of the whole corpus (not the first of a
                // document, so that no document loses its headline only).
                let tenth =
                    |n: usize| condition != Condition::AsTranslated && (r.start + n) % 10 == 5;
                let dropped = |n: usize| condition == Condition::Dropped && tenth(n);
                let added = |n: usize| {
                    matches!(
                        condition,
                        Condition::AddedParagraph | Condition::AddedInText
                    ) && tenth(n)
                };
                let swapped =
                    |n: usize| condition == Condition::Swapped && tenth(n) && n + 1 < tgt_doc.len();
                // A real sentence of this language that has no counterpart:
                // a line of a document far away in the corpus.
                let far = |n: usize| {
                    tgt_lines[(r.start + n + tgt_lines.len() / 2) % tgt_lines.len()].as_str()
                };
                // Swapped lines stand as paragraphs on both sides.
                let own_paragraph = |n: usize| swapped(n) || n > 0 && swapped(n - 1);
                let src = join(
                    src_lines
                        .iter()
                        .enumerate()
                        .map(|(n, l)| (n, l.as_str(), own_paragraph(n))),
                );
                let mut order: Vec<usize> = (0..tgt_doc.len()).collect();
                for n in 0..order.len() {
                    if swapped(n) {
                        order.swap(n, n + 1);
                    }
                }
                let mut tgt_parts = Vec::new();
                for &n in &order {
                    let l = &tgt_doc[n];
                    if !dropped(n) {
                        tgt_parts.push((n, l.as_str(), own_paragraph(n)));
                    }
                    if added(n) {
                        tgt_parts.push((
                            INSERTED + n,
                            far(n),
                            condition == Condition::AddedParagraph,
                        ));
                    }
                }
                let tgt = join(tgt_parts);
                let ss = tm::segment::segment(&src.text, "en");
                let ts = tm::segment::segment(&tgt.text, lang);
                n_sent.0 += ss.len();
                n_sent.1 += ts.len();
                let mut gold: Vec<GoldBead> = Vec::new();
                for n in 0..src_lines.len() {
                    gold.push(GoldBead {
                        src: vec![n],
                        tgt: if dropped(n) { vec![] } else { vec![n] },
                    });
                    if added(n) {
                        gold.push(GoldBead {
                            src: vec![],
                            tgt: vec![INSERTED + n],
                        });
                    }
                }
                for (k, config) in [ours.clone(), gale_church()].iter().enumerate() {
                    let start = Instant::now();
                    let beads = align::align(&Side::of("en", &ss), &Side::of(lang, &ts), config);
                    let (lines, owner) = line_beads(&beads, (&src, &ss), (&tgt, &ts));
                    if k == 0 {
                        seconds += start.elapsed().as_secs_f64();
                        for (b, &o) in beads.iter().zip(&owner) {
                            let low = b.is_weak(0.6);
                            let wrong = !gold.contains(&lines[o]);
                            review.beads += 1;
                            review.low += usize::from(low);
                            review.wrong += usize::from(wrong);
                            review.low_wrong += usize::from(low && wrong);
                        }
                    }
                    if k == 0 && errors {
                        print_errors(&gold, &lines, src_lines, tgt_doc, &far);
                    }
                    runs[k].push(lines);
                }
                gold_all.push(gold);
            }
            let score_half = |test: &[Vec<GoldBead>], half: Option<usize>| -> Counts {
                let pairs: Vec<(&[GoldBead], &[GoldBead])> = gold_all
                    .iter()
                    .zip(test)
                    .enumerate()
                    .filter(|(d, _)| half.is_none_or(|h| d % 2 == h))
                    .map(|(_, (g, t))| (g.as_slice(), t.as_slice()))
                    .collect();
                score_documents(pairs)
            };
            let score = |test: &[Vec<GoldBead>]| score_half(test, None);
            let (ours, base) = (score(&runs[0]), score(&runs[1]));
            let (even, odd) = (score_half(&runs[0], Some(0)), score_half(&runs[0], Some(1)));
            println!(
                "{lang:<8} {:<16} {:>7.3} / {:.3} {:>7.3} / {:.3} {:>8.2} {:>5}/{}  {:>5.1}% {:>3}/{}  {:.4} / {:.4}",
                condition.name(),
                ours.strict().f1,
                ours.lax().f1,
                base.strict().f1,
                base.lax().f1,
                seconds,
                n_sent.0,
                n_sent.1,
                100.0 * review.low as f64 / review.beads.max(1) as f64,
                review.low_wrong,
                review.wrong,
                even.strict().f1,
                odd.strict().f1
            );
        }
    }
    Ok(())
}

/// The line beads of tm that are not in the gold, with their lines
/// (`TM_ALIGN_ERRORS=1`).
fn print_errors<'a>(
    gold: &[GoldBead],
    test: &[GoldBead],
    src: &[String],
    tgt: &[String],
    far: &dyn Fn(usize) -> &'a str,
) {
    let line = |n: usize, side: &[String], far: Option<&dyn Fn(usize) -> &'a str>| -> String {
        let l = match far {
            Some(f) if n >= INSERTED => f(n - INSERTED).to_string(),
            _ => side.get(n).cloned().unwrap_or_default(),
        };
        l.chars().take(100).collect()
    };
    for b in test.iter().filter(|b| !gold.contains(b)) {
        println!("  test {:?}:{:?}", b.src, b.tgt);
        for &n in &b.src {
            println!("      S{n}: {}", line(n, src, None));
        }
        for &n in &b.tgt {
            let tag = if n >= INSERTED { "+" } else { "" };
            println!("      T{tag}{}: {}", n % INSERTED, line(n, tgt, Some(far)));
        }
    }
}
