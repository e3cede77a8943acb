//! Interchange benchmark: TMX import and export throughput at 1M units, with
//! peak memory (VmHWM), beside a tenth of the size to show memory stays flat.
//!
//! ```text
//! cargo bench --bench interchange                       # 100k and 1M units
//! TM_BENCH_UNITS=200000 cargo bench --bench interchange # another size
//! ```
//!
//! The TMX is made from real sentences: Tatoeba's English–X test pairs
//! (`../shared/corpora/tatoeba-test-v2021-08-07/eng-all.tsv.xz`, read with
//! `xz -dc`; override with TM_BENCH_TATOEBA), one `<tu>` per pair with a
//! tuid and a creationdate; passes after the first add " (n)" to keep units
//! distinct. Each measurement runs in a child process of its own, so VmHWM
//! is that phase's peak alone. Import is one transaction into a fresh TM and
//! includes the lookup index the triggers queue.

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
        _ => orchestrate(),
    }
}

fn orchestrate() -> anyhow::Result<()> {
    let n: usize = std::env::var("TM_BENCH_UNITS")
        .ok()
        .map(|s| s.parse())
        .transpose()
        .context("TM_BENCH_UNITS must be a number")?
        .unwrap_or(1_000_000);
    let corpus = std::env::var("TM_BENCH_TATOEBA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpora/tatoeba-test-v2021-08-07/eng-all.tsv.xz")
        });
    let pairs = read_pairs(&corpus)?;
    let dir = tempfile::tempdir()?;
    println!(
        "{:>9} {:>9} {:>12} {:>9} {:>12} {:>9} {:>10}",
        "units", "TMX MB", "import u/s", "peak MB", "export u/s", "peak MB", "TM MB"
    );
    let sizes = if n >= 100_000 {
        vec![n / 10, n]
    } else {
        vec![n]
    };
    for size in sizes {
        let tmx = dir.path().join(format!("in-{size}.tmx"));
        let db = dir.path().join(format!("tm-{size}.sqlite"));
        let out = dir.path().join(format!("out-{size}.tmx"));
        generate(&tmx, &pairs, size)?;
        let imp = child("--child-import", &tmx, &db)?;
        let exp = child("--child-export", &db, &out)?;
        let mb = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        println!(
            "{:>9} {:>9.0} {:>12.0} {:>9.0} {:>12.0} {:>9.0} {:>10.0}",
            size,
            mb(&tmx),
            imp.0 as f64 / imp.1,
            imp.2 as f64 / 1024.0,
            exp.0 as f64 / exp.1,
            exp.2 as f64 / 1024.0,
            mb(&db)
        );
        for p in [&tmx, &db, &out] {
            let _ = std::fs::remove_file(p);
        }
    }
    Ok(())
}

/// Run one phase in a child process: (units, seconds, VmHWM kB).
fn child(mode: &str, a: &Path, b: &Path) -> anyhow::Result<(u64, f64, u64)> {
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
    Ok((f[0].parse()?, f[1].parse()?, f[2].parse()?))
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
        let mut source = interchange::open(tmx, Format::Tmx)?;
        let header = source.header_json();
        let srclang = source.srclang();
        let origin = Origin {
            path: &tmx.display().to_string(),
            format: "tmx",
            header: &header,
        };
        let opts = ImportOptions {
            on_conflict: OnConflict::Keep,
            document: None,
            srclang: srclang.as_deref(),
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
    println!("{} {secs} {}", report.units_read, vm_hwm_kb());
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
    println!("{n} {secs} {}", vm_hwm_kb());
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
