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
//! The TM is built by one bulk import (the path of `tm import`); then the
//! sample article is aligned into it with the `tm` binary, to time an
//! everyday write into a TM of that size.
//!
//! Needs `xzcat` on the PATH. Latency is `Session::find` (--min, --limit 5)
//! with the index loaded; brute force is the same scorer over every unit
//! (`Session::find_brute_force`). Recall compares every unit at or above
//! --min, not only the top 5.
//!
//! Then it times `tm search` (`Store::concordance`, --limit 20) on 300
//! patterns drawn from the stored sentences: a word, two words, a prefix
//! (`word*`), 100 of each.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tm::interchange::{Unit, Variant};
use tm::lookup::Options;
use tm::store::{ImportOptions, OnConflict, Origin, Store, import_units};

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

/// Store `units` (English, translation) as documents of 1,000 units, the
/// way a large TM is made: one bulk import (`tm import`'s path), which
/// writes the lookup index and the concordance as it goes.
fn build(path: &Path, units: &[(String, String)]) -> anyhow::Result<()> {
    let mut store = Store::open_or_create(path)?;
    store.write(|tx| {
        let mut next = units.chunks(1000).enumerate().flat_map(|(d, doc)| {
            doc.iter().map(move |(en, mul)| Unit {
                document: Some(format!("bench-{d}")),
                variants: vec![
                    Variant {
                        lang: "en".into(),
                        text: en.clone(),
                        ..Variant::default()
                    },
                    Variant {
                        lang: "mul".into(),
                        text: mul.clone(),
                        ..Variant::default()
                    },
                ],
                ..Unit::default()
            })
        });
        let origin = Origin {
            path: "bench",
            format: "tsv",
            header: "{}",
            src_lang: None,
        };
        let opts = ImportOptions {
            on_conflict: OnConflict::Keep,
            document: None,
            srclang: Some("en"),
            carries_markup: false,
        };
        import_units(tx, &origin, &opts, &mut || Ok(next.next()))?;
        Ok(())
    })?;
    Ok(())
}

/// Seconds that `tm align` takes to add the sample article (en, sq) to the
/// TM at `db`: the everyday write into a large TM, process start included.
fn add_sample(db: &Path) -> anyhow::Result<f64> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nato-kosovo");
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_tm"))
        .arg("--db")
        .arg(db)
        .arg("align")
        .arg(sample.join("en.txt"))
        .arg(sample.join("sq.txt"))
        .output()?;
    if !out.status.success() {
        bail!("tm align: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(t.elapsed().as_secs_f64())
}

fn file_size(p: &Path) -> u64 {
    let wal = PathBuf::from(format!("{}-wal", p.display()));
    std::fs::metadata(p).map_or(0, |m| m.len()) + std::fs::metadata(wal).map_or(0, |m| m.len())
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

/// Search patterns: a word, two words and a prefix from stored sentences.
fn search_patterns(rng: &mut Rng, units: &[(String, String)], n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let words: Vec<String> = units[rng.below(units.len())]
            .0
            .split(' ')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .filter(|w| w.chars().count() >= 3)
            .collect();
        if words.len() < 2 {
            continue;
        }
        let at = rng.below(words.len() - 1);
        out.push(match out.len() % 3 {
            0 => words[at].clone(),
            1 => format!("{} {}", words[at], words[at + 1]),
            _ => format!("{}*", words[at].chars().take(4).collect::<String>()),
        });
    }
    out
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
        let add_s = add_sample(&db)?;

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
            "  build {build_s:.1} s (bulk import), database {size_mib:.0} MiB; index load {load_s:.2} s, {:.0} MiB in memory",
            session.index().heap_bytes() as f64 / (1024.0 * 1024.0)
        );
        println!("  then `tm align` of the sample article (en, sq) into it: {add_s:.2} s");
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
        drop(session);

        let patterns = search_patterns(&mut rng, &units, 300);
        let mut times = Vec::with_capacity(patterns.len());
        let mut hits = 0;
        for p in &patterns {
            let t = Instant::now();
            hits += store.concordance(p, &[], 20)?.len();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "  search --limit 20, {} patterns (word, two words, prefix; {hits} hits):",
            patterns.len()
        );
        println!(
            "    p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  mean {:.2} ms",
            pct(&times, 0.5),
            pct(&times, 0.95),
            pct(&times, 0.99),
            mean(&times)
        );
    }
    Ok(())
}
