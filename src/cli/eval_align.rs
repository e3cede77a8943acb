//! `tm eval align GOLD TEST [GOLD TEST …]`: score bead files against gold
//! bead files (strict and lax P/R/F1, micro-averaged over the pairs).

use std::path::PathBuf;

use anyhow::{Context, bail};
use serde::Serialize;

use super::exit;
use super::output::{Output, Style};
use crate::eval::align::{Counts, GoldBead, Prf, parse_beads, score_document};

const EXAMPLES: &str = "Examples:
  tm eval align gold/test0.defr out/test0.beads
  tm eval align gold/test0.defr out/test0.beads gold/test1.defr out/test1.beads
  tm eval align --gold gold/test0.defr out/test0.beads
  tm eval align --split --format json gold/*.defr out/*.beads    # shell sorts both lists alike
  tm align test0.de test0.fr --segmented --dry-run --format beads > t0.beads && tm eval align test0.defr t0.beads

Bead files have one bead per line, `[src indices]:[tgt indices]`, 0-based, e.g. `[9, 10]:[9]`,
`[]:[15]`; a `:cost` suffix (Vecalign's output) is ignored. Strict: the exact bead is in the other
file; lax: one of its source sentences is linked to one of its target sentences. Precision counts
every test bead, null beads included; recall counts gold beads with both sides non-empty. Counts are
summed over all pairs (micro-average).";

/// Score sentence alignments against gold alignments.
///
/// Files come in pairs, gold first: GOLD1 TEST1 GOLD2 TEST2 …, or all gold
/// files followed by all test files with `--split`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Bead files, as GOLD TEST pairs (or, with --split, all gold files then all test files;
    /// or only test files, with their gold files given by --gold).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A gold file; give it once per test FILE, in the same order.
    #[arg(long, value_name = "GOLD", conflicts_with = "split")]
    pub gold: Vec<PathBuf>,
    /// The first half of FILE are gold files, the second half the test files, in the same order
    /// (handy with shell globs: `--split gold/*.defr out/*.beads`).
    #[arg(long)]
    pub split: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table: one line per pair, then the total.
    Text,
    /// One JSON document with the per-pair and total figures.
    Json,
}

#[derive(Serialize)]
struct Scored {
    gold: String,
    test: String,
    counts: Counts,
    strict: Prf,
    lax: Prf,
}

#[derive(Serialize)]
struct Report {
    documents: Vec<Scored>,
    total: Scored,
}

fn read_beads(path: &PathBuf) -> anyhow::Result<Vec<GoldBead>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading bead file {}", path.display()))?;
    parse_beads(&text).with_context(|| format!("parsing bead file {}", path.display()))
}

pub fn run(args: &Args, out: &mut Output) -> anyhow::Result<i32> {
    let pairs: Vec<(&PathBuf, &PathBuf)> = if !args.gold.is_empty() {
        if args.gold.len() != args.files.len() {
            bail!(
                "{} --gold files for {} test files: give one gold file per test file",
                args.gold.len(),
                args.files.len()
            );
        }
        args.gold.iter().zip(&args.files).collect()
    } else if args.files.len() % 2 != 0 {
        bail!(
            "expected files in GOLD TEST pairs, got an odd number ({})",
            args.files.len()
        );
    } else if args.split {
        let half = args.files.len() / 2;
        args.files[..half].iter().zip(&args.files[half..]).collect()
    } else {
        args.files.chunks(2).map(|c| (&c[0], &c[1])).collect()
    };
    let mut documents = Vec::new();
    let mut total = Counts::default();
    for (g, t) in pairs {
        let counts = score_document(&read_beads(g)?, &read_beads(t)?);
        total.add(&counts);
        documents.push(Scored {
            gold: g.display().to_string(),
            test: t.display().to_string(),
            counts,
            strict: counts.strict(),
            lax: counts.lax(),
        });
    }
    let report = Report {
        total: Scored {
            gold: String::new(),
            test: String::new(),
            counts: total,
            strict: total.strict(),
            lax: total.lax(),
        },
        documents,
    };
    match args.format {
        Format::Json => out.json(&report)?,
        Format::Text => render_text(&report, out)?,
    }
    Ok(exit::OK)
}

fn render_text(r: &Report, out: &mut Output) -> std::io::Result<()> {
    let head = format!(
        "{:<40} {:>6} {:>6}  {:^23}  {:^23}",
        "test", "beads", "gold", "strict P / R / F1", "lax P / R / F1"
    );
    out.line(&out.paint(Style::Bold, &head))?;
    let row = |name: &str, s: &Scored| {
        format!(
            "{:<40} {:>6} {:>6}  {:.3} / {:.3} / {:.3}    {:.3} / {:.3} / {:.3}",
            name,
            s.counts.test_beads,
            s.counts.gold_beads,
            s.strict.precision,
            s.strict.recall,
            s.strict.f1,
            s.lax.precision,
            s.lax.recall,
            s.lax.f1
        )
    };
    for d in &r.documents {
        out.line(&row(&d.test, d))?;
    }
    if r.documents.len() > 1 {
        let line = row("total (micro-average)", &r.total);
        out.line(&out.paint(Style::Bold, &line))?;
    }
    Ok(())
}
