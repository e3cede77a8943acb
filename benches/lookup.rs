//! Fuzzy-lookup benchmark: builds TMs of real English sentences (Tatoeba,
//! `eng-all.tsv.xz`) topped up with seeded, realistic variants of them, then
//! times 1,000 lookups (half near-duplicates of stored sentences, half
//! unseen sentences) and checks them against brute force in the same run.
//!
//! ```text
//! cargo bench --bench lookup                              # 100k and 1M units
//! TM_BENCH_SIZES=100000 cargo bench --bench lookup        # one size
//! TM_BENCH_QUERIES=200 TM_BENCH_MIN=50 cargo bench --bench lookup
//! TM_BENCH_CORPORA=/path/to/corpora cargo bench --bench lookup
//! ```
//!
//! Needs `xzcat` on the PATH. Latency is `Session::find` (--min, --limit 5)
//! with the index loaded; brute force is the same scorer over every unit
//! (`Session::find_brute_force`). Recall compares every unit at or above
//! --min, not only the top 5.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tm::align::Bead;
use tm::lookup::Options;
use tm::segment::Sentence;
use tm::store::{AlignedText, Store, store_alignment};

/// Seeded xorshift: the same TM and queries on every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// Unique English sentences with one translation each, shuffled.
fn read_pairs(corpora: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let file = corpora.join("tatoeba-test-v2021-08-07/eng-all.tsv.xz");
    let out = Command::new("xzcat")
        .arg(&file)
        .output()
        .with_context(|| format!("cannot run xzcat on {}", file.display()))?;
    if !out.status.success() {
        bail!("xzcat {} failed", file.display());
    }
    let text = String::from_utf8(out.stdout)?;
    let mut seen = HashSet::new();
    let mut pairs = Vec::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            continue;
        }
        let (en, other) = (cols[2].trim(), cols[3].trim());
        if en.is_empty() || other.is_empty() || en.contains('\n') {
            continue;
        }
        if seen.insert(en.to_string()) {
            pairs.push((en.to_string(), other.to_string()));
        }
    }
    let mut rng = Rng(20261128);
    for i in (1..pairs.len()).rev() {
        pairs.swap(i, rng.below(i + 1));
    }
    Ok(pairs)
}

/// A realistic edit of a sentence: a word substituted (from `donor`), deleted
/// or inserted, or a number changed or added.
fn variant(rng: &mut Rng, s: &str, donor: &str) -> String {
    let mut words: Vec<String> = s.split(' ').map(str::to_string).collect();
    let donor: Vec<&str> = donor.split(' ').collect();
    let pick = donor[rng.below(donor.len())].trim_matches(|c: char| !c.is_alphanumeric());
    let at = rng.below(words.len());
    match rng.below(5) {
        0 | 1 if !pick.is_empty() => words[at] = pick.to_string(),
        2 if words.len() > 3 => {
            words.remove(at);
        }
        3 => {
            let n = (1 + rng.below(2000)).to_string();
            match words
                .iter()
                .position(|w| w.chars().any(|c| c.is_ascii_digit()))
            {
                Some(k) => words[k] = n,
                None => words.insert(at, n),
            }
        }
        _ => words.insert(at, if pick.is_empty() { "very" } else { pick }.to_string()),
    }
    words.join(" ")
}

fn sentences_of(lines: &[&str]) -> (String, Vec<Sentence>) {
    let mut text = String::new();
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let start = text.len();
        text.push_str(l);
        out.push(Sentence {
            text: l.to_string(),
            start,
            end: text.len(),
            paragraph: i,
        });
        text.push('\n');
    }
    (text, out)
}

/// Store `units` (English, translation) as documents of 1,000 1-1 beads.
fn build(path: &Path, units: &[(String, String)]) -> anyhow::Result<()> {
    let mut store = Store::open_or_create(path)?;
    for (d, batch) in units.chunks(10_000).enumerate() {
        store.write(|tx| {
            for (k, doc) in batch.chunks(1000).enumerate() {
                let en: Vec<&str> = doc.iter().map(|u| u.0.as_str()).collect();
                let mul: Vec<&str> = doc.iter().map(|u| u.1.as_str()).collect();
                let (en_text, en_s) = sentences_of(&en);
                let (mul_text, mul_s) = sentences_of(&mul);
                let beads: Vec<Bead> = (0..doc.len())
                    .map(|i| Bead {
                        src: i..i + 1,
                        tgt: i..i + 1,
                        confidence: 1.0,
                    })
                    .collect();
                let src = AlignedText {
                    lang: "en",
                    path: "bench",
                    source: &en_text,
                    sentences: &en_s,
                };
                let tgt = AlignedText {
                    lang: "mul",
                    path: "bench",
                    source: &mul_text,
                    sentences: &mul_s,
                };
                store_alignment(tx, &format!("bench-{d}-{k}"), &src, &tgt, &beads, false)?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn file_size(p: &Path) -> u64 {
    let wal = PathBuf::from(format!("{}-wal", p.display()));
    std::fs::metadata(p).map_or(0, |m| m.len()) + std::fs::metadata(wal).map_or(0, |m| m.len())
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

fn main() -> anyhow::Result<()> {
    let corpora = PathBuf::from(env_or(
        "TM_BENCH_CORPORA",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora"),
    ));
    let sizes: Vec<usize> = env_or("TM_BENCH_SIZES", "100000,1000000")
        .split(',')
        .map(|s| s.trim().parse())
        .collect::<Result<_, _>>()
        .context("TM_BENCH_SIZES: sizes separated by commas")?;
    let n_queries: usize = env_or("TM_BENCH_QUERIES", "1000").parse()?;
    let min: u32 = env_or("TM_BENCH_MIN", "75").parse()?;

    let t = Instant::now();
    let mut pairs = read_pairs(&corpora)?;
    let held_out: Vec<(String, String)> = pairs.split_off(pairs.len() - n_queries / 2);
    println!(
        "corpus: {} unique English sentences ({} held out as unseen queries), read in {:.1} s",
        pairs.len(),
        held_out.len(),
        t.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir()?;
    for &size in &sizes {
        let mut rng = Rng(size as u64 ^ 0xB1A5);
        let mut units: Vec<(String, String)> = pairs.iter().take(size).cloned().collect();
        let real = units.len();
        while units.len() < size {
            let (s, tr) = &pairs[rng.below(real)];
            let donor = &pairs[rng.below(real)].0;
            units.push((variant(&mut rng, s, donor), tr.clone()));
        }
        let db = dir.path().join(format!("tm-{size}.sqlite"));
        let t = Instant::now();
        build(&db, &units)?;
        let build_s = t.elapsed().as_secs_f64();
        let size_mib = file_size(&db) as f64 / (1024.0 * 1024.0);

        let mut queries: Vec<String> = (0..n_queries - held_out.len())
            .map(|_| {
                let (s, _) = &units[rng.below(units.len())];
                let donor = &units[rng.below(units.len())].0;
                variant(&mut rng, s, donor)
            })
            .collect();
        queries.extend(held_out.iter().map(|p| p.0.clone()));

        let mut store = Store::open_existing(&db)?;
        let t = Instant::now();
        let session = store.lookup_session("en", "mul")?;
        let load_s = t.elapsed().as_secs_f64();
        let top = Options { min, limit: 5 };
        let all = Options {
            min,
            limit: usize::MAX / 2,
        };
        let mut fast = Vec::with_capacity(queries.len());
        let mut brute = Vec::with_capacity(queries.len());
        let (mut expected, mut found, mut same_top, mut with_match) = (0usize, 0usize, 0, 0);
        for q in &queries {
            let t = Instant::now();
            let top_fast = session.find(q, top)?;
            fast.push(t.elapsed());
            let t = Instant::now();
            let top_slow = session.find_brute_force(q, top)?;
            brute.push(t.elapsed());
            let key = |m: &tm::lookup::Match| (m.variant_id, m.score);
            same_top += usize::from(
                top_fast.iter().map(key).collect::<Vec<_>>()
                    == top_slow.iter().map(key).collect::<Vec<_>>(),
            );
            with_match += usize::from(!top_slow.is_empty());
            let want: HashSet<_> = session.find_brute_force(q, all)?.iter().map(key).collect();
            let got: HashSet<_> = session.find(q, all)?.iter().map(key).collect();
            expected += want.len();
            found += want.intersection(&got).count();
        }
        fast.sort();
        brute.sort();
        let mean = |v: &[Duration]| v.iter().sum::<Duration>().as_secs_f64() * 1e3 / v.len() as f64;
        println!(
            "\n{size} units ({real} real sentences + {} seeded variants)",
            size - real
        );
        println!(
            "  build {build_s:.1} s, database {size_mib:.0} MiB; index load {load_s:.2} s, {:.0} MiB in memory",
            session.index().heap_bytes() as f64 / (1024.0 * 1024.0)
        );
        println!(
            "  lookup --min {min} --limit 5, {} queries ({} near-duplicates, {} unseen; {} with a match):",
            queries.len(),
            queries.len() - held_out.len(),
            held_out.len(),
            with_match
        );
        println!(
            "    index:       p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  mean {:.2} ms",
            pct(&fast, 0.5),
            pct(&fast, 0.95),
            pct(&fast, 0.99),
            mean(&fast)
        );
        println!(
            "    brute force: p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  mean {:.2} ms",
            pct(&brute, 0.5),
            pct(&brute, 0.95),
            pct(&brute, 0.99),
            mean(&brute)
        );
        println!(
            "    speed-up {:.0}× (mean), {:.0}× (p50); recall {found}/{expected} = {:.2}% of units ≥ {min}%; top 5 identical on {same_top}/{}",
            mean(&brute) / mean(&fast),
            pct(&brute, 0.5) / pct(&fast, 0.5),
            100.0 * found as f64 / expected.max(1) as f64,
            queries.len()
        );
    }
    Ok(())
}
