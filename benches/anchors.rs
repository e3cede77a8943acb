//! What glossary anchors change: strict F1 of the aligner with and without
//! the glossary (`glossaries/proper-nouns.toml`) on
//!
//! - the sample (`examples/nato-kosovo`, en → sq, sr-Latn, sr-Cyrl) as is;
//! - perturbed copies of it, the gold derived from the sample's gold beads:
//!   paragraph breaks removed (so the aligner cannot lean on paragraphs),
//!   whole beads dropped from the translation (1-0 beads) or from the
//!   source (0-1), two adjacent translation paragraphs swapped (crossing
//!   beads no monotone aligner can get right, but it should recover after
//!   them); `SEEDS` seeded copies per pair and setup;
//! - held-out sentences written for this test (`tests/data/anchors/`).
//!
//! ```text
//! cargo bench --bench anchors                  # release build
//! cargo bench --profile dev --bench anchors    # no release build needed (slower run)
//! TM_ANCHORS_SEEDS=500 cargo bench --bench anchors
//! TM_ANCHORS_GRID=1 cargo bench --bench anchors   # also a grid of glossary_weight × concept_mismatch
//! ```
//!
//! Columns: micro-averaged strict F1 without and with the glossary, and how
//! many documents scored better or worse with it. A swap makes crossing
//! gold beads: there the glossary tends to turn a wrong pair into two null
//! beads, which strict F1 does not reward although the TM gets no wrong unit.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use tm::align::{self, Config, Side};
use tm::eval::align::{Counts, GoldBead, parse_beads, score_documents};
use tm::glossary::{Glossary, GlossaryFile};

const SEEDS: u64 = 100;

/// A segmented text: (sentence, paragraph) in order.
type Text = Vec<(String, usize)>;

/// A bitext with its gold beads (monotone, covering both sides).
struct Pair {
    name: String,
    src_lang: String,
    tgt_lang: String,
    src: Text,
    tgt: Text,
    gold: Vec<GoldBead>,
}

/// How to perturb a pair.
#[derive(Clone, Copy)]
struct Setup {
    name: &'static str,
    paragraphs: bool,
    /// Probability of dropping a bead's target side (its source sentences become 1-0 beads).
    drop_tgt: f64,
    /// Probability of dropping a bead's source side (0-1 beads).
    drop_src: f64,
    /// Swap two adjacent translation paragraphs.
    swap: bool,
}

const SETUPS: &[Setup] = &[
    Setup {
        name: "no paragraphs",
        paragraphs: false,
        drop_tgt: 0.0,
        drop_src: 0.0,
        swap: false,
    },
    Setup {
        name: "paragraphs, drop 15% tgt",
        paragraphs: true,
        drop_tgt: 0.15,
        drop_src: 0.0,
        swap: false,
    },
    Setup {
        name: "no paragraphs, drop 15% tgt",
        paragraphs: false,
        drop_tgt: 0.15,
        drop_src: 0.0,
        swap: false,
    },
    Setup {
        name: "no paragraphs, drop 15% tgt + 15% src",
        paragraphs: false,
        drop_tgt: 0.15,
        drop_src: 0.15,
        swap: false,
    },
    Setup {
        name: "no paragraphs, swap 2 tgt paragraphs",
        paragraphs: false,
        drop_tgt: 0.0,
        drop_src: 0.0,
        swap: true,
    },
    Setup {
        name: "no paragraphs, swap + drop 15% tgt",
        paragraphs: false,
        drop_tgt: 0.15,
        drop_src: 0.0,
        swap: true,
    },
];

/// xorshift64*: enough randomness for perturbations, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn segmented(path: &Path, lang: &str) -> anyhow::Result<Text> {
    Ok(tm::segment::segment(&read(path)?, lang)
        .into_iter()
        .map(|s| (s.text, s.paragraph))
        .collect())
}

fn gold(path: &Path) -> anyhow::Result<Vec<GoldBead>> {
    parse_beads(&read(path)?).with_context(|| format!("parsing {}", path.display()))
}

fn sample_pairs(root: &Path) -> anyhow::Result<Vec<Pair>> {
    let dir = root.join("examples/nato-kosovo");
    let en = segmented(&dir.join("en.txt"), "en")?;
    ["sq", "sr-Latn", "sr-Cyrl"]
        .iter()
        .map(|l| {
            Ok(Pair {
                name: format!("en-{l}"),
                src_lang: "en".into(),
                tgt_lang: l.to_string(),
                src: en.clone(),
                tgt: segmented(&dir.join(format!("{l}.txt")), l)?,
                gold: gold(&dir.join(format!("gold/en-{l}.beads")))?,
            })
        })
        .collect()
}

/// The held-out pairs: `tests/data/anchors/en.txt` with each `LANG.txt`
/// that has an `en-LANG.beads`.
fn held_out_pairs(root: &Path) -> anyhow::Result<Vec<Pair>> {
    let dir = root.join("tests/data/anchors");
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let en = segmented(&dir.join("en.txt"), "en")?;
    let mut out = Vec::new();
    for l in ["sq", "sr-Latn"] {
        let g = dir.join(format!("en-{l}.beads"));
        if g.exists() {
            out.push(Pair {
                name: format!("held-out en-{l}"),
                src_lang: "en".into(),
                tgt_lang: l.to_string(),
                src: en.clone(),
                tgt: segmented(&dir.join(format!("{l}.txt")), l)?,
                gold: gold(&g)?,
            });
        }
    }
    Ok(out)
}

/// A perturbed copy of `pair` and its gold.
fn perturb(pair: &Pair, setup: &Setup, rng: &mut Rng) -> Pair {
    let mut keep_s = vec![true; pair.src.len()];
    let mut keep_t = vec![true; pair.tgt.len()];
    // Null beads of the perturbed gold, in original indices.
    let mut nulls: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut kept: Vec<&GoldBead> = Vec::new();
    for b in &pair.gold {
        let full = !b.src.is_empty() && !b.tgt.is_empty();
        if full && rng.unit() < setup.drop_tgt {
            b.tgt.iter().for_each(|&j| keep_t[j] = false);
            nulls.extend(b.src.iter().map(|&i| (Some(i), None)));
        } else if full && rng.unit() < setup.drop_src {
            b.src.iter().for_each(|&i| keep_s[i] = false);
            nulls.extend(b.tgt.iter().map(|&j| (None, Some(j))));
        } else {
            kept.push(b);
        }
    }
    let mut order_t: Vec<usize> = (0..pair.tgt.len()).filter(|&j| keep_t[j]).collect();
    if setup.swap {
        let paras: Vec<usize> = {
            let mut p: Vec<usize> = order_t.iter().map(|&j| pair.tgt[j].1).collect();
            p.dedup();
            p
        };
        if paras.len() >= 2 {
            let k = rng.below(paras.len() - 1);
            let (a, b) = (paras[k], paras[k + 1]);
            let first: Vec<usize> = order_t
                .iter()
                .copied()
                .filter(|&j| pair.tgt[j].1 == a)
                .collect();
            let second: Vec<usize> = order_t
                .iter()
                .copied()
                .filter(|&j| pair.tgt[j].1 == b)
                .collect();
            let at = order_t.iter().position(|&j| pair.tgt[j].1 == a).unwrap();
            let swapped: Vec<usize> = second.iter().chain(&first).copied().collect();
            order_t.splice(at..at + swapped.len(), swapped);
        }
    }
    let order_s: Vec<usize> = (0..pair.src.len()).filter(|&i| keep_s[i]).collect();
    let index = |order: &[usize], n: usize| {
        let mut m = vec![usize::MAX; n];
        for (new, &old) in order.iter().enumerate() {
            m[old] = new;
        }
        m
    };
    let (ms, mt) = (
        index(&order_s, pair.src.len()),
        index(&order_t, pair.tgt.len()),
    );
    let mut gold: Vec<GoldBead> = kept
        .iter()
        .map(|b| GoldBead {
            src: b.src.iter().map(|&i| ms[i]).collect(),
            tgt: b.tgt.iter().map(|&j| mt[j]).collect(),
        })
        .collect();
    gold.extend(nulls.iter().map(|&(s, t)| GoldBead {
        src: s.map(|i| ms[i]).into_iter().collect(),
        tgt: t.map(|j| mt[j]).into_iter().collect(),
    }));
    let pick = |text: &Text, order: &[usize]| -> Text {
        order
            .iter()
            .map(|&i| (text[i].0.clone(), text[i].1))
            .collect()
    };
    Pair {
        name: pair.name.clone(),
        src_lang: pair.src_lang.clone(),
        tgt_lang: pair.tgt_lang.clone(),
        src: pick(&pair.src, &order_s),
        tgt: pick(&pair.tgt, &order_t),
        gold,
    }
}

fn side<'a>(lang: &'a str, text: &'a Text, paragraphs: bool) -> Side<'a> {
    Side {
        lang,
        sentences: text.iter().map(|(s, _)| s.as_str()).collect(),
        paragraphs: if paragraphs {
            text.iter().map(|(_, p)| *p).collect()
        } else {
            Vec::new()
        },
    }
}

/// Align every pair; the summed counts and, per pair, its strict F1.
fn score(pairs: &[Pair], paragraphs: bool, config: &Config) -> (Counts, Vec<f64>) {
    let tests: Vec<Vec<GoldBead>> = pairs
        .iter()
        .map(|p| {
            align::align(
                &side(&p.src_lang, &p.src, paragraphs),
                &side(&p.tgt_lang, &p.tgt, paragraphs),
                config,
            )
            .iter()
            .map(|b| GoldBead {
                src: b.src.clone().collect(),
                tgt: b.tgt.clone().collect(),
            })
            .collect()
        })
        .collect();
    let each = pairs
        .iter()
        .zip(&tests)
        .map(|(p, t)| score_documents([(&p.gold[..], &t[..])]).strict().f1)
        .collect();
    let total = score_documents(pairs.iter().zip(&tests).map(|(p, t)| (&p.gold[..], &t[..])));
    (total, each)
}

struct Row {
    name: String,
    docs: usize,
    without: f64,
    with: f64,
    better: usize,
    worse: usize,
}

fn compare(name: String, pairs: &[Pair], paragraphs: bool, base: &Config, on: &Config) -> Row {
    let (c0, e0) = score(pairs, paragraphs, base);
    let (c1, e1) = score(pairs, paragraphs, on);
    Row {
        name,
        docs: pairs.len(),
        without: c0.strict().f1,
        with: c1.strict().f1,
        better: e0.iter().zip(&e1).filter(|(a, b)| b > a).count(),
        worse: e0.iter().zip(&e1).filter(|(a, b)| b < a).count(),
    }
}

/// The perturbed copies of every pair for one setup.
fn perturbed(pairs: &[Pair], setup: &Setup, seeds: u64) -> Vec<Pair> {
    let random = setup.drop_tgt > 0.0 || setup.drop_src > 0.0 || setup.swap;
    let seeds = if random { seeds } else { 1 };
    let mut out = Vec::new();
    for (k, p) in pairs.iter().enumerate() {
        for seed in 0..seeds {
            let mut rng = Rng::new(seed * 7919 + k as u64 + 1);
            out.push(perturb(p, setup, &mut rng));
        }
    }
    out
}

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds: u64 = std::env::var("TM_ANCHORS_SEEDS")
        .ok()
        .map(|s| s.parse())
        .transpose()
        .context("TM_ANCHORS_SEEDS must be a number")?
        .unwrap_or(SEEDS);
    let glossary: Arc<Glossary> =
        Arc::new(GlossaryFile::load(&root.join(tm::glossary::DEFAULT_PATH))?.glossary);
    let base = Config::default();
    let on = Config {
        glossary: Some(glossary.clone()),
        ..Config::default()
    };
    let sample = sample_pairs(&root)?;
    let held_out = held_out_pairs(&root)?;

    let mut rows = Vec::new();
    for p in &sample {
        rows.push(compare(
            format!("sample {} as is", p.name),
            std::slice::from_ref(p),
            true,
            &base,
            &on,
        ));
    }
    for setup in SETUPS {
        let pairs = perturbed(&sample, setup, seeds);
        rows.push(compare(
            format!("sample, {}", setup.name),
            &pairs,
            setup.paragraphs,
            &base,
            &on,
        ));
    }
    for p in &held_out {
        rows.push(compare(
            p.name.clone(),
            std::slice::from_ref(p),
            false,
            &base,
            &on,
        ));
    }
    println!(
        "{:<52} {:>5}  {:>9}  {:>9}  {:>6}  {:>5}",
        "setup (strict F1)", "docs", "without", "with", "better", "worse"
    );
    for r in &rows {
        println!(
            "{:<52} {:>5}  {:>9.3}  {:>9.3}  {:>6}  {:>5}",
            r.name, r.docs, r.without, r.with, r.better, r.worse
        );
    }

    if std::env::var_os("TM_ANCHORS_GRID").is_some() {
        // Per setup (columns) and overall, strict F1 for a few settings.
        let all: Vec<(Vec<Pair>, bool)> = SETUPS
            .iter()
            .map(|s| (perturbed(&sample, s, seeds), s.paragraphs))
            .collect();
        println!("\ngrid: strict F1 per perturbed setup (in the order above), all, held-out");
        let mut configs = vec![("no glossary".to_string(), base.clone())];
        for w in [0.0, 1.0] {
            for mm in [0.0, 0.5, 1.0, 1.5, 2.0, 3.0] {
                configs.push((
                    format!("weight {w} mismatch {mm}"),
                    Config {
                        glossary: Some(glossary.clone()),
                        glossary_weight: w,
                        concept_mismatch: mm,
                        ..Config::default()
                    },
                ));
            }
        }
        for (name, c) in &configs {
            let mut total = Counts::default();
            let mut cells = Vec::new();
            for (pairs, paragraphs) in &all {
                let counts = score(pairs, *paragraphs, c).0;
                cells.push(format!("{:.3}", counts.strict().f1));
                total.add(&counts);
            }
            let held = score(&held_out, false, c).0;
            println!(
                "{name:<24} {}  all {:.4}  held-out {:.3}",
                cells.join(" "),
                total.strict().f1,
                held.strict().f1
            );
        }
    }
    Ok(())
}
