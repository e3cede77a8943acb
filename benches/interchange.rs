//! Interchange benchmark: TMX import and export throughput at 1M units, with
//! peak memory (VmHWM), beside a tenth of the size to show memory stays flat.
//!
//! ```text
//! cargo bench --bench interchange                      # 100k and 1M units (1–2 min)
//! cargo bench --bench interchange -- --units 100000    # 10k and 100k (about 15 s)
//! cargo bench --bench interchange -- --units 4000000   # 400k and 4M: a 1 GB TMX (5+ min)
//! cargo bench --bench interchange -- --generate N F    # write the TMX only (to profile)
//! ```
//!
//! The TMX is made from real sentences: Tatoeba's English–X test pairs
//! (`../shared/corpora/tatoeba-test-v2021-08-07/eng-all.tsv.xz`, read with
//! `xz -dc`; override with TM_BENCH_TATOEBA), one `<tu>` per pair with a
//! tuid and a creationdate; passes after the first add " (n)" to keep units
//! distinct. Each measurement runs in a child process of its own, so VmHWM
//! is that phase's peak alone. Import is one transaction into a fresh TM and
//! includes the lookup index and the FTS5 concordance.
//!
//! Two same-run baselines: `parse` reads the TMX and NFCs every text (no
//! SQLite); `raw` also inserts the same units and variants into plain tables
//! (no secondary index, no duplicate check, no lookup or FTS5 index), in one
//! transaction with the same pragmas. `vs raw` is import u/s ÷ raw u/s.
//! CPU seconds (user + system, all threads) are printed too: on a shared
//! machine they move less than wall time. The import's phases are wall time
//! inside `import_units`: `wait-for-reader` is the writer waiting for the
//! reader thread (parse, NFC, tokenize); `lookup-terms` the lookup rows.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use tm::interchange::tmx::{Header, TmxWriter};
use tm::interchange::{self, Format, Meta, Unit, Variant};
use tm::store::{ExportFilter, ImportOptions, OnConflict, Origin, Store};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.first().map(String::as_str) {
        Some("--child-import") => child_import(Path::new(&args[1]), Path::new(&args[2])),
        Some("--child-export") => child_export(Path::new(&args[1]), Path::new(&args[2])),
        Some("--child-parse") => child_parse(Path::new(&args[1])),
        Some("--child-raw") => child_raw(Path::new(&args[1]), Path::new(&args[2])),
        // Write the benchmark's TMX of N units, to profile one phase by hand.
        Some("--generate") => {
            let n: usize = args.get(1).context("--generate N FILE")?.parse()?;
            let out = args.get(2).context("--generate N FILE")?;
            generate(Path::new(out), &read_pairs(&corpus_path())?, n)
        }
        Some("--units") => orchestrate(Some(
            args.get(1)
                .context("--units needs a number")?
                .parse()
                .context("--units needs a number")?,
        )),
        None => orchestrate(None),
        Some(other) => bail!("unknown argument {other} (try --units N)"),
    }
}

fn orchestrate(units: Option<usize>) -> anyhow::Result<()> {
    let n: usize = match units {
        Some(n) => n,
        None => std::env::var("TM_BENCH_UNITS")
            .ok()
            .map(|s| s.parse())
            .transpose()
            .context("TM_BENCH_UNITS must be a number")?
            .unwrap_or(1_000_000),
    };
    let pairs = read_pairs(&corpus_path())?;
    let dir = tempfile::tempdir()?;
    println!(
        "{:>9} {:>7} {:>10} {:>10} {:>10} {:>8} {:>7} {:>10} {:>8} {:>7}",
        "units",
        "TMX MB",
        "parse u/s",
        "raw u/s",
        "import u/s",
        "peak MB",
        "vs raw",
        "export u/s",
        "peak MB",
        "TM MB"
    );
    let sizes = if n >= 100_000 {
        vec![n / 10, n]
    } else {
        vec![n]
    };
    for size in sizes {
        let tmx = dir.path().join(format!("in-{size}.tmx"));
        let db = dir.path().join(format!("tm-{size}.sqlite"));
        let raw = dir.path().join(format!("raw-{size}.sqlite"));
        let out = dir.path().join(format!("out-{size}.tmx"));
        generate(&tmx, &pairs, size)?;
        let parse = child("--child-parse", &tmx, &tmx)?;
        let base = child("--child-raw", &tmx, &raw)?;
        let _ = std::fs::remove_file(&raw);
        let imp = child("--child-import", &tmx, &db)?;
        let exp = child("--child-export", &db, &out)?;
        let mb = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let rate = |r: &Measured| r.units as f64 / r.secs;
        println!(
            "{:>9} {:>7.0} {:>10.0} {:>10.0} {:>10.0} {:>8.0} {:>7} {:>10.0} {:>8.0} {:>7.0}",
            size,
            mb(&tmx),
            rate(&parse),
            rate(&base),
            rate(&imp),
            imp.peak_kb as f64 / 1024.0,
            format!("{:.2}", rate(&imp) / rate(&base)),
            rate(&exp),
            exp.peak_kb as f64 / 1024.0,
            mb(&db)
        );
        println!(
            "{:>9} CPU s: parse {:.2}, raw {:.2}, import {:.2} ({:.2}× raw); peak MB: parse {:.0}, raw {:.0}",
            "",
            parse.cpu,
            base.cpu,
            imp.cpu,
            imp.cpu / base.cpu,
            parse.peak_kb as f64 / 1024.0,
            base.peak_kb as f64 / 1024.0,
        );
        println!(
            "{:>9} import wall s: total {:.2}, {}",
            "", imp.secs, imp.phases
        );
        for p in [&tmx, &db, &out] {
            let _ = std::fs::remove_file(p);
        }
    }
    Ok(())
}

fn corpus_path() -> PathBuf {
    std::env::var("TM_BENCH_TATOEBA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpora/tatoeba-test-v2021-08-07/eng-all.tsv.xz")
        })
}

/// What a child process measured.
struct Measured {
    units: u64,
    secs: f64,
    peak_kb: u64,
    /// CPU seconds, all threads.
    cpu: f64,
    /// Import only: seconds per phase, as `name=secs` words.
    phases: String,
}

/// Run one phase in a child process, so that VmHWM is that phase's peak alone.
fn child(mode: &str, a: &Path, b: &Path) -> anyhow::Result<Measured> {
    let exe = std::env::current_exe()?;
    let out = Command::new(exe)
        .args([mode, &a.display().to_string(), &b.display().to_string()])
        .stderr(Stdio::inherit())
        .output()?;
    if !out.status.success() {
        bail!("{mode} failed");
    }
    let s = String::from_utf8(out.stdout)?;
    let f: Vec<&str> = s.split_whitespace().collect();
    Ok(Measured {
        units: f[0].parse()?,
        secs: f[1].parse()?,
        peak_kb: f[2].parse()?,
        cpu: f[3].parse()?,
        phases: f[4..].join(" "),
    })
}

/// "VmHWM-kB cpu-seconds" of this process (all its threads, user + system).
/// CPU seconds are steadier than wall time on a shared machine.
fn usage() -> String {
    let cpu = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which may hold spaces): utime is
            // the 12th, stime the 13th, in USER_HZ (100 per second).
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?) as f64 / 100.0)
        })
        .unwrap_or(0.0);
    format!("{} {cpu}", vm_hwm_kb())
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn child_import(tmx: &Path, db: &Path) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut store = Store::open_or_create(db)?;
    let report = store.write(|tx| {
        let mut source = interchange::open(tmx, Format::Tmx, &Default::default())?;
        let header = source.header_json();
        let srclang = source.srclang();
        let origin = Origin {
            path: &tmx.display().to_string(),
            format: "tmx",
            header: &header,
            src_lang: None,
        };
        let opts = ImportOptions {
            on_conflict: OnConflict::Keep,
            document: None,
            srclang: srclang.as_deref(),
            carries_markup: true,
        };
        tm::store::import_units(tx, &origin, &opts, &mut || source.next_unit())
    })?;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "  import: {} read, {} added, {} duplicates, {} merged, {} conflicts",
        report.units_read,
        report.units_added,
        report.duplicates,
        report.units_extended,
        report.conflicts
    );
    let inside: f64 = report.phases.iter().map(|p| p.1).sum();
    let phases: Vec<String> = report
        .phases
        .iter()
        .map(|(name, s)| format!("{}={s:.2}", name.replace(' ', "-")))
        .chain([format!("open+commit={:.2}", secs - inside)])
        .collect();
    println!(
        "{} {secs} {} {}",
        report.units_read,
        usage(),
        phases.join(" ")
    );
    Ok(())
}

fn child_export(db: &Path, out: &Path) -> anyhow::Result<()> {
    let start = Instant::now();
    let store = Store::open_existing(db)?;
    let w = BufWriter::with_capacity(1 << 16, std::fs::File::create(out)?);
    let header = Header {
        version: "1.4".into(),
        meta: Meta {
            attrs: vec![("srclang".into(), "en".into())],
            ..Meta::default()
        },
        ude: Vec::new(),
    };
    let mut writer = TmxWriter::new(w, &header)?;
    let n = store.for_each_unit(&ExportFilter::default(), &mut |_, u| {
        writer.write_unit(u)?;
        Ok(())
    })?;
    writer.finish()?;
    let secs = start.elapsed().as_secs_f64();
    println!("{n} {secs} {}", usage());
    Ok(())
}

/// Baseline: read and parse the TMX, NFC every text, write nothing.
fn child_parse(tmx: &Path) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut source = interchange::open(tmx, Format::Tmx, &Default::default())?;
    let (mut n, mut bytes) = (0u64, 0usize);
    while let Some(u) = source.next_unit()? {
        n += 1;
        for v in &u.variants {
            bytes += tm::text::nfc(&v.text).len();
        }
    }
    std::hint::black_box(bytes);
    println!("{n} {} {}", start.elapsed().as_secs_f64(), usage());
    Ok(())
}

/// Baseline: parse, then insert the same units and variants into plain
/// SQLite tables (rowid keys only: no secondary index, no trigger, no
/// duplicate check, no FTS or lookup index), one transaction, same pragmas.
/// The ceiling for an import that must also index.
fn child_raw(tmx: &Path, db: &Path) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut c = rusqlite::Connection::open(db)?;
    c.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    c.execute_batch(
        "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;
         CREATE TABLE units (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, tuid TEXT, meta TEXT);
         CREATE TABLE variants (id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL, lang TEXT NOT NULL,
             text TEXT NOT NULL, text_nfc TEXT NOT NULL, created_at TEXT NOT NULL, meta TEXT);",
    )?;
    let tx = c.transaction()?;
    let mut source = interchange::open(tmx, Format::Tmx, &Default::default())?;
    let mut n = 0u64;
    {
        let mut unit =
            tx.prepare("INSERT INTO units (created_at, tuid, meta) VALUES (?1, ?2, ?3)")?;
        let mut variant = tx.prepare(
            "INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, meta) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let now = "2026-01-01T00:00:00.000Z";
        while let Some(u) = source.next_unit()? {
            n += 1;
            let meta = serde_json::to_string(&u.meta)?;
            unit.execute(rusqlite::params![now, u.tuid, meta])?;
            let id = tx.last_insert_rowid();
            for v in &u.variants {
                let nfc = tm::text::nfc(&v.text);
                variant.execute(rusqlite::params![
                    id,
                    v.lang,
                    v.text,
                    nfc,
                    now,
                    None::<String>
                ])?;
            }
        }
    }
    tx.commit()?;
    drop(c);
    println!("{n} {} {}", start.elapsed().as_secs_f64(), usage());
    Ok(())
}

/// (target language, English, translation) from the Tatoeba test file.
fn read_pairs(path: &Path) -> anyhow::Result<Vec<(String, String, String)>> {
    let mut child = Command::new("xz")
        .arg("-dc")
        .arg(path)
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run xz -dc {}", path.display()))?;
    let mut pairs = Vec::new();
    for line in BufReader::new(child.stdout.take().context("xz stdout")?).lines() {
        let line = line?;
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() == 4 && tm::lang::canonical(f[1]).is_ok() {
            pairs.push((f[1].to_string(), f[2].to_string(), f[3].to_string()));
        }
    }
    child.wait()?;
    if pairs.is_empty() {
        bail!("no sentence pairs in {}", path.display());
    }
    Ok(pairs)
}

fn generate(path: &Path, pairs: &[(String, String, String)], n: usize) -> anyhow::Result<()> {
    let header = Header {
        version: "1.4".into(),
        meta: Meta {
            attrs: vec![
                ("creationtool".into(), "tm-bench".into()),
                ("creationtoolversion".into(), "1".into()),
                ("segtype".into(), "sentence".into()),
                ("o-tmf".into(), "tatoeba".into()),
                ("adminlang".into(), "en".into()),
                ("srclang".into(), "en".into()),
                ("datatype".into(), "plaintext".into()),
            ],
            ..Meta::default()
        },
        ude: Vec::new(),
    };
    let mut w = TmxWriter::new(BufWriter::new(std::fs::File::create(path)?), &header)?;
    for i in 0..n {
        let (lang, en, tr) = &pairs[i % pairs.len()];
        let pass = i / pairs.len();
        let suffix = if pass == 0 {
            String::new()
        } else {
            format!(" ({pass})")
        };
        let unit = Unit {
            tuid: Some(i.to_string()),
            tm_id: None,
            srclang: None,
            o_tmf: None,
            document: None,
            meta: Meta {
                attrs: vec![("creationdate".into(), "20210807T120000Z".into())],
                ..Meta::default()
            },
            variants: vec![
                Variant {
                    lang: "en".into(),
                    text: format!("{en}{suffix}"),
                    ..Variant::default()
                },
                Variant {
                    lang: tm::lang::canonical(lang)?,
                    text: format!("{tr}{suffix}"),
                    ..Variant::default()
                },
            ],
        };
        w.write_unit(&unit)?;
    }
    w.finish()?.flush()?;
    Ok(())
}
