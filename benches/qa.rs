//! `tm qa` benchmark: builds a TM of 1M units (English with Albanian and
//! Serbian) from the NTREX-128 news translations, topped up with seeded
//! variants of them (numbers changed on both sides, words dropped, a
//! planted error now and then), and times the check of every unit.
//!
//! ```text
//! cargo bench --bench qa                                  # 1M units, en→sq
//! TM_BENCH_UNITS=100000 cargo bench --bench qa            # another size
//! TM_BENCH_LANGS=sq,sr-Latn cargo bench --bench qa        # two targets per unit
//! TM_BENCH_THREADS=1 cargo bench --bench qa               # one worker thread
//! TM_BENCH_CHECKS=none cargo bench --bench qa             # only read the TM (or a list of check ids)
//! TM_BENCH_CORPORA=/path/to/corpora cargo bench --bench qa
//! TM_BENCH_DB=/tmp/qa-1m.sqlite cargo bench --bench qa    # keep the TM, then:
//! time tm --db /tmp/qa-1m.sqlite qa --format json > /dev/null
//! ```
//!
//! The TM is built by direct SQL inserts into a scratch copy (the lookup and
//! concordance triggers are dropped first: they do not matter to `qa` and
//! would make the build take minutes). The timed part is what `tm qa` does
//! before rendering: stream the pairs out of SQLite and run every check,
//! with the sample glossary (`glossaries/proper-nouns.toml`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::bail;

#[path = "common/zcat.rs"]
mod zcat;
use tm::qa::{Checker, Config, Pair};
use tm::store::{PairFilter, Store};
use zcat::zcat;

/// Seeded xorshift: the same TM on every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// CPU seconds (user + system) this process has used, from /proc (Linux);
/// on a shared machine it says more than the wall clock.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = after.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// Replace every digit run of `s` by the matching run of `digits` (the same
/// substitution on source and target keeps a clean pair clean).
fn renumber(s: &str, seed: usize) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from(b'0' + ((c as usize - '0' as usize + seed) % 10) as u8)
            } else {
                c
            }
        })
        .collect()
}

/// A variant of a unit, the same edit on every side: numbers changed,
/// the last word dropped, a number appended, or (1 in 50) a planted error
/// in the targets.
fn variant(rng: &mut Rng, en: &str, tgts: &[&str]) -> (String, Vec<String>) {
    let all = |f: &dyn Fn(&str) -> String| tgts.iter().map(|t| f(t)).collect();
    match rng.below(50) {
        0 => (en.to_string(), all(&|t| t.replacen(' ', "  ", 1))),
        1 => (en.to_string(), all(&|_| en.to_string())),
        2..=20 => {
            let seed = rng.below(10);
            (renumber(en, seed), all(&|t| renumber(t, seed)))
        }
        21..=30 => {
            let cut = |s: &str| match s.rfind(' ') {
                Some(i) => format!("{}.", &s[..i]),
                None => s.to_string(),
            };
            (cut(en), all(&cut))
        }
        _ => {
            let n = rng.below(1000);
            (format!("{en} ({n})"), all(&|t| format!("{t} ({n})")))
        }
    }
}

fn build(path: &Path, units: usize, langs: &[String], corpora: &Path) -> anyhow::Result<()> {
    let dir = corpora.join("ntrex128");
    let en = zcat(&dir.join("newstest2019-src.eng.txt.gz"))?;
    let mut targets = Vec::new();
    for l in langs {
        let file = match l.as_str() {
            "sq" => "newstest2019-ref.sqi.txt.gz",
            "sr-Latn" => "newstest2019-ref.srp-Latn.txt.gz",
            "sr-Cyrl" => "newstest2019-ref.srp-Cyrl.txt.gz",
            other => bail!("no NTREX file for {other} (use sq, sr-Latn, sr-Cyrl)"),
        };
        targets.push(zcat(&dir.join(file))?);
    }
    drop(Store::open_or_create(path)?);
    let mut conn = rusqlite::Connection::open(path)?;
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS variants_lookup_insert;
         PRAGMA synchronous = OFF;
         PRAGMA journal_mode = OFF;",
    )?;
    let tx = conn.transaction()?;
    let now = "2026-01-01T00:00:00Z";
    tx.execute(
        "INSERT INTO documents (id, name, created_at) VALUES (1, 'ntrex-bench', ?1)",
        [now],
    )?;
    {
        let mut unit = tx.prepare(
            "INSERT INTO units (id, document_id, position, created_at, updated_at) VALUES (?1, 1, ?1, ?2, ?2)",
        )?;
        let mut var = tx.prepare(
            "INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?4, ?4)",
        )?;
        let mut rng = Rng(20261128);
        for id in 0..units {
            let i = id % en.len();
            unit.execute(rusqlite::params![id as i64 + 1, now])?;
            let tgts: Vec<&str> = targets.iter().map(|t| t[i].as_str()).collect();
            let (src, tgts) = if id < en.len() {
                (en[i].clone(), tgts.iter().map(|t| t.to_string()).collect())
            } else {
                variant(&mut rng, &en[i], &tgts)
            };
            var.execute(rusqlite::params![id as i64 + 1, "en", src, now])?;
            for (l, t) in langs.iter().zip(tgts) {
                var.execute(rusqlite::params![id as i64 + 1, l, t, now])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let units: usize = env_or("TM_BENCH_UNITS", "1000000").parse()?;
    let langs: Vec<String> = env_or("TM_BENCH_LANGS", "sq")
        .split(',')
        .map(str::to_string)
        .collect();
    let threads: usize = match std::env::var("TM_BENCH_THREADS") {
        Ok(t) => t.parse()?,
        Err(_) => std::thread::available_parallelism()
            .map(|n| n.get().min(4))
            .unwrap_or(1),
    };
    let corpora = PathBuf::from(env_or("TM_BENCH_CORPORA", "../shared/corpora"));
    let scratch = tempfile::tempdir()?;
    // TM_BENCH_DB=path keeps the TM (to time `tm qa --db path` afterwards).
    let db = match std::env::var_os("TM_BENCH_DB") {
        Some(p) => {
            let p = PathBuf::from(p);
            if p.exists() {
                bail!("{} exists: give a new path", p.display());
            }
            p
        }
        None => scratch.path().join("tm.sqlite"),
    };
    let t = Instant::now();
    build(&db, units, &langs, &corpora)?;
    println!(
        "built {units} units ({} languages) in {:.1} s",
        langs.len() + 1,
        t.elapsed().as_secs_f64()
    );

    let glossary =
        tm::glossary::GlossaryFile::load_or_empty(Path::new(tm::glossary::DEFAULT_PATH))?.glossary;
    let mut all = vec!["en"];
    all.extend(langs.iter().map(String::as_str));
    let store = Store::open_existing(&db)?;
    let t = Instant::now();
    let cpu = cpu_seconds();
    let mut config = Config::default();
    if let Ok(only) = std::env::var("TM_BENCH_CHECKS") {
        // Time a subset: TM_BENCH_CHECKS=term-missing,number-missing (or "none").
        for (i, c) in tm::qa::CHECKS.iter().enumerate() {
            if !only.split(',').any(|o| o == c.id) {
                config.severities[i] = None;
            }
        }
    }
    let checker = Checker::new(config, glossary, &all);
    let filter = PairFilter {
        src_lang: Some("en"),
        langs: Some(&langs),
        document: None,
    };
    let src: std::sync::Arc<str> = "en".into();
    let lang_arcs: Vec<std::sync::Arc<str>> = langs.iter().map(|l| l.as_str().into()).collect();
    let report = tm::qa::engine::run(&checker, threads, |f| {
        store.for_each_pair(&filter, &mut |row| {
            let i = langs.iter().position(|l| l == row.lang).unwrap_or(0);
            f(Pair {
                unit: Some(row.unit),
                document: None,
                src_lang: src.clone(),
                lang: lang_arcs[i].clone(),
                source: row.source.into(),
                target: row.target.into(),
                source_markup: row.source_markup.map(str::to_string),
                target_markup: row.target_markup.map(str::to_string),
                line: None,
                column: None,
            })
        })?;
        Ok(())
    })?;
    let secs = t.elapsed().as_secs_f64();
    let cpu = match (cpu, cpu_seconds()) {
        (Some(a), Some(b)) => format!(", {:.2} CPU s", b - a),
        _ => String::new(),
    };
    println!(
        "qa: {} pairs of {units} units checked in {secs:.2} s ({:.0} pairs/s, {threads} threads{cpu}), {} findings",
        report.pairs,
        report.pairs as f64 / secs,
        report.findings.len()
    );
    let mut by: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in &report.findings {
        *by.entry(f.check).or_default() += 1;
    }
    for (k, v) in by {
        println!("  {k:<26} {v}");
    }
    Ok(())
}
