//! Alignment benchmark: runs the aligner over every gold set in the shared
//! bench folder and prints strict/lax P/R/F1 and seconds per set, beside the
//! hunalign baseline measured in that folder's README.
//!
//! ```text
//! cargo bench --bench align                    # all sets
//! cargo bench --bench align -- textberg        # sets whose name contains "textberg"
//! TM_BENCH_ALIGN=/path/to/bench/align cargo bench --bench align
//! ```
//!
//! Seconds are the aligner's own time (files already read), median of 3 runs.
//! What each idea gained, and the figures now: `benches/README.md`.
//!
//! For measuring one idea at a time without rebuilding:
//!
//! ```text
//! TM_ALIGN_CONFIG=null_cost=5,prefix_len=5 cargo bench --bench align -- dev
//! TM_ALIGN_ERRORS=1 cargo bench --bench align -- dtm   # wrong beads, gold beside test
//! ```
//!
//! A workspace whose TM already holds units of the language pair aligns with
//! a lexicon learned from them. `TM_ALIGN_SEED=N` (or `all`) seeds every set's
//! lexicon with up to N sentence pairs of public corpora (`common/seed.rs`,
//! read from `TM_BENCH_CORPORA`, default `../shared/corpora`), the last N of
//! them as the TM's newest.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;

#[path = "common/align_config.rs"]
mod align_config;
#[path = "common/seed.rs"]
mod seed;
#[path = "common/zcat.rs"]
mod zcat;
use align_config::overrides;
use tm::align::{self, Bead, Config, Side};
use tm::eval::align::{Counts, GoldBead, parse_beads, score_document, score_documents};

/// One document of a test set.
#[derive(Clone)]
pub struct Doc {
    pub name: String,
    pub src: Vec<String>,
    pub tgt: Vec<String>,
    pub gold: Vec<GoldBead>,
}

/// A test set and hunalign's published figures on it (strict P, R, F1; lax F1; seconds).
pub struct Set {
    pub name: &'static str,
    pub docs: Vec<Doc>,
    pub hunalign: Option<(f64, f64, f64, f64, f64)>,
    /// Align the documents in order with one `align::Lexicon` carried from
    /// each to the next (a long work aligned chapter by chapter).
    pub carry: bool,
    /// Source and target language, for a seed lexicon.
    pub langs: (&'static str, &'static str),
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn lines(path: &Path) -> anyhow::Result<Vec<String>> {
    Ok(read(path)?.lines().map(str::to_string).collect())
}

/// ParIce lines are `INDEX<TAB>sentence`.
fn indexed_lines(path: &Path) -> anyhow::Result<Vec<String>> {
    Ok(read(path)?
        .lines()
        .map(|l| l.split_once('\t').map_or(l, |(_, s)| s).to_string())
        .collect())
}

fn doc(name: String, src: Vec<String>, tgt: Vec<String>, gold: &Path) -> anyhow::Result<Doc> {
    let gold = parse_beads(&read(gold)?).with_context(|| format!("parsing {}", gold.display()))?;
    Ok(Doc {
        name,
        src,
        tgt,
        gold,
    })
}

/// Files of `dir` with extension `ext`, sorted by name (stems only).
fn stems(dir: &Path, ext: &str) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    out.sort();
    Ok(out)
}

pub fn load_sets(root: &Path) -> anyhow::Result<Vec<Set>> {
    let tb = root.join("textberg");
    let textberg = |names: &[String]| -> anyhow::Result<Vec<Doc>> {
        names
            .iter()
            .map(|n| {
                doc(
                    n.clone(),
                    lines(&tb.join(format!("{n}.de")))?,
                    lines(&tb.join(format!("{n}.fr")))?,
                    &tb.join(format!("{n}.defr")),
                )
            })
            .collect()
    };
    let tests: Vec<String> = stems(&tb, "defr")?
        .into_iter()
        .filter(|s| s.starts_with("test"))
        .collect();
    let pi = root.join("parice-en-is");
    let parice = stems(&pi.join("gold"), "txt")?
        .into_iter()
        .map(|n| {
            doc(
                n.clone(),
                indexed_lines(&pi.join("eng").join(format!("{n}.txt")))?,
                indexed_lines(&pi.join("isl").join(format!("{n}.txt")))?,
                &pi.join("gold").join(format!("{n}.txt")),
            )
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let dtm = root.join("dtm-hu-en");
    let mte = root.join("mte1984-en-sr");
    let orwell = stems(&mte.join("gold"), "ensr")?
        .into_iter()
        .map(|n| {
            doc(
                n.clone(),
                lines(&mte.join("en").join(format!("{n}.txt")))?,
                lines(&mte.join("sr").join(format!("{n}.txt")))?,
                &mte.join("gold").join(format!("{n}.ensr")),
            )
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(vec![
        Set {
            name: "textberg-dev",
            docs: textberg(&["dev".to_string()])?,
            hunalign: None,
            carry: false,
            langs: ("de", "fr"),
        },
        Set {
            name: "textberg-test",
            docs: textberg(&tests)?,
            hunalign: Some((0.723, 0.782, 0.751, 0.868, 0.18)),
            carry: false,
            langs: ("de", "fr"),
        },
        Set {
            name: "parice-en-is",
            docs: parice,
            hunalign: Some((0.723, 0.779, 0.750, 0.838, 0.07)),
            carry: false,
            langs: ("en", "is"),
        },
        Set {
            name: "dtm-hu-en",
            docs: vec![doc(
                "dtm".to_string(),
                lines(&dtm.join("hu.txt"))?,
                lines(&dtm.join("en.txt"))?,
                &dtm.join("gold.huen"),
            )?],
            hunalign: Some((0.960, 0.972, 0.966, 0.984, 0.09)),
            carry: false,
            langs: ("hu", "en"),
        },
        Set {
            name: "mte1984-en-sr",
            docs: orwell.clone(),
            hunalign: Some((0.983, 0.987, 0.985, 0.992, 1.28)),
            carry: false,
            langs: ("en", "sr"),
        },
        // The same chapters in order, each aligned with the lexicon that the
        // chapters before it taught (cold start at chapter 1).
        Set {
            name: "1984-carried",
            docs: orwell,
            hunalign: None,
            carry: true,
            langs: ("en", "sr"),
        },
    ])
}

/// Beads in the scorer's form.
pub fn as_gold(beads: &[Bead]) -> Vec<GoldBead> {
    beads
        .iter()
        .map(|b| GoldBead {
            src: b.src.clone().collect(),
            tgt: b.tgt.clone().collect(),
        })
        .collect()
}

/// A document's two sides, without paragraphs (the files are segmented).
fn sides(d: &Doc) -> (Side<'_>, Side<'_>) {
    fn side<'a>(lang: &'a str, v: &'a [String]) -> Side<'a> {
        Side {
            lang,
            sentences: v.iter().map(String::as_str).collect(),
            paragraphs: Vec::new(),
        }
    }
    (side("src", &d.src), side("tgt", &d.tgt))
}

/// The lexicon a document starts from: the one carried (which began as the
/// seed), or a fresh copy of the seed.
fn lexicon_for<'a>(
    set: &Set,
    seed: Option<&align::Lexicon>,
    carried: &'a mut align::Lexicon,
    fresh: &'a mut align::Lexicon,
) -> Option<&'a mut align::Lexicon> {
    if set.carry {
        Some(carried)
    } else {
        *fresh = seed?.clone();
        Some(fresh)
    }
}

/// Align every document of the set; (counts, seconds of aligning, counts
/// per document).
pub fn run_set(
    set: &Set,
    config: &Config,
    seed: Option<&align::Lexicon>,
) -> (Counts, f64, Vec<Counts>) {
    let t0 = Instant::now();
    let mut carried = seed.cloned().unwrap_or_default();
    let mut fresh = align::Lexicon::new();
    let out: Vec<Vec<GoldBead>> = set
        .docs
        .iter()
        .map(|d| {
            let (src, tgt) = sides(d);
            let lexicon = lexicon_for(set, seed, &mut carried, &mut fresh);
            as_gold(&align::align_with(&src, &tgt, config, lexicon))
        })
        .collect();
    let secs = t0.elapsed().as_secs_f64();
    let counts = score_documents(
        set.docs
            .iter()
            .zip(&out)
            .map(|(d, t)| (&d.gold[..], &t[..])),
    );
    let per_doc = set
        .docs
        .iter()
        .zip(&out)
        .map(|(d, t)| score_document(&d.gold, t))
        .collect();
    (counts, secs, per_doc)
}

fn main() -> anyhow::Result<()> {
    let root = std::env::var_os("TM_BENCH_ALIGN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/bench/align"));
    // `cargo bench` passes `--bench`; other arguments filter sets by name.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let sets = load_sets(&root)?;
    let config = overrides(Config::default())?;
    println!(
        "{:<15} {:>5}  {:^20}  {:^20}  {:>7}   hunalign: strict P / R / F1, lax F1, s",
        "set", "docs", "strict P / R / F1", "lax P / R / F1", "seconds"
    );
    for set in &sets {
        if !filters.is_empty() && !filters.iter().any(|f| set.name.contains(f.as_str())) {
            continue;
        }
        let seed = seed_lexicon(set, &config)?;
        let mut times = Vec::new();
        let mut counts = Counts::default();
        let mut per_doc = Vec::new();
        for _ in 0..3 {
            let (c, s, d) = run_set(set, &config, seed.as_ref());
            counts = c;
            per_doc = d;
            times.push(s);
        }
        times.sort_by(f64::total_cmp);
        if std::env::var_os("TM_ALIGN_ERRORS").is_some() {
            print_errors(set, &config, seed.as_ref());
        }
        let (s, l) = (counts.strict(), counts.lax());
        let base = set.hunalign.map_or("-".to_string(), |(p, r, f, lf, secs)| {
            format!("{p:.3} / {r:.3} / {f:.3}, {lf:.3}, {secs:.2}")
        });
        println!(
            "{:<15} {:>5}  {:.3} / {:.3} / {:.3}   {:.3} / {:.3} / {:.3}   {:>7.3}   {}",
            set.name,
            set.docs.len(),
            s.precision,
            s.recall,
            s.f1,
            l.precision,
            l.recall,
            l.f1,
            times[1],
            base
        );
        // 1984's dialogue (short lines the gold leaves 1-0) is not in
        // textberg dev: its odd chapters may be used to tune for it, the
        // even ones are held out (benches/README.md).
        if set.name == "mte1984-en-sr" {
            for (half, name) in [(1, "odd (dev)"), (0, "even (held out)")] {
                let mut c = Counts::default();
                for (d, k) in set.docs.iter().zip(&per_doc) {
                    if d.name.parse::<usize>().is_ok_and(|n| n % 2 == half) {
                        c.add(k);
                    }
                }
                let s = c.strict();
                println!(
                    "  chapters {name:<16} {:.3} / {:.3} / {:.4}",
                    s.precision, s.recall, s.f1
                );
            }
        }
    }
    Ok(())
}

/// With `TM_ALIGN_SEED=N|all`: a lexicon learned from up to N (the last)
/// sentence pairs of public corpora in the set's languages.
fn seed_lexicon(set: &Set, config: &Config) -> anyhow::Result<Option<align::Lexicon>> {
    let Some(n) = std::env::var_os("TM_ALIGN_SEED") else {
        return Ok(None);
    };
    let n = match n.to_str() {
        Some("all") => usize::MAX,
        Some(v) => v
            .parse()
            .context("TM_ALIGN_SEED must be a number or `all`")?,
        None => anyhow::bail!("TM_ALIGN_SEED must be a number or `all`"),
    };
    let corpora = std::env::var_os("TM_BENCH_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpora"));
    let pairs = seed::pairs(&corpora, set.langs.0, set.langs.1)?;
    let pairs = &pairs[pairs.len().saturating_sub(n)..];
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let t0 = Instant::now();
    let mut lexicon = align::Lexicon::new();
    lexicon.learn(&refs, config);
    eprintln!(
        "{}: lexicon from {} pairs ({} source words) in {:.2} s",
        set.name,
        refs.len(),
        lexicon.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(Some(lexicon))
}

/// The beads of the test that are not in the gold, with the gold beads they
/// overlap, and the sentences.
fn print_errors(set: &Set, config: &Config, seed: Option<&align::Lexicon>) {
    let mut carried = seed.cloned().unwrap_or_default();
    let mut fresh = align::Lexicon::new();
    for d in &set.docs {
        let (src, tgt) = sides(d);
        let lexicon = lexicon_for(set, seed, &mut carried, &mut fresh);
        let beads = align::align_with(&src, &tgt, config, lexicon);
        let gold: std::collections::HashSet<(Vec<usize>, Vec<usize>)> = d
            .gold
            .iter()
            .map(|g| (g.src.clone(), g.tgt.clone()))
            .collect();
        for b in &beads {
            let key: (Vec<usize>, Vec<usize>) = (b.src.clone().collect(), b.tgt.clone().collect());
            if gold.contains(&key) {
                continue;
            }
            let near: Vec<String> = d
                .gold
                .iter()
                .filter(|g| {
                    g.src.iter().any(|i| key.0.contains(i))
                        || g.tgt.iter().any(|j| key.1.contains(j))
                })
                .map(|g| format!("{:?}:{:?}", g.src, g.tgt))
                .collect();
            println!(
                "{} test {:?}:{:?} p={:.2} gold {}",
                d.name,
                key.0,
                key.1,
                b.confidence,
                near.join(" ")
            );
            for i in b.src.clone() {
                println!(
                    "    S{i}: {}",
                    d.src[i].chars().take(100).collect::<String>()
                );
            }
            for j in b.tgt.clone() {
                println!(
                    "    T{j}: {}",
                    d.tgt[j].chars().take(100).collect::<String>()
                );
            }
        }
    }
}
