//! `tm eval segment CASES.jsonl…`: score the segmenter on gold test sets.

use std::path::{Path, PathBuf};

use crate::eval::segment::{self, Options, Report, Row};

use super::output::{Output, Style};

/// Score sentence segmentation against gold JSONL test sets: exact match per case and
/// boundary precision/recall/F1, per file and language.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tm eval segment ../shared/bench/segment/pysbd_grs_en48.jsonl
  tm eval segment ../shared/bench/segment/ud_*.jsonl --failures 5
  tm eval segment ../shared/bench/segment/ud_sr_set.jsonl --format json
  tm eval segment ../shared/bench/segment/sentencex_tests.jsonl --quotations keep

Each line of a test set is {\"lang\": …, \"text\": …, \"sentences\": […]}. Sentences are
compared after collapsing white space; boundaries are offsets in the text without white space.")]
pub struct Args {
    /// Test sets (JSONL, one case a line).
    #[arg(required = true, value_name = "CASES.jsonl")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Score only this language (`sr` takes sr-Latn and sr-Cyrl; `sr-Latn` only that).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Show up to N failed cases (gold against what tm found).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub failures: usize,
    #[command(flatten)]
    pub segment: super::segment_arg::SegmentArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table per file and language.
    Text,
    /// One JSON document: rows, total and the failures asked for.
    Json,
}

pub fn run(args: &Args, out: &mut Output) -> anyhow::Result<i32> {
    let paths: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    let opts = Options {
        lang: args.lang.clone(),
        segment: args.segment.options()?,
    };
    let mut report = segment::run(&paths, &opts)?;
    report.failures.truncate(args.failures);
    match args.format {
        Format::Json => out.json(&report)?,
        Format::Text => render(&report, out)?,
    }
    Ok(super::exit::OK)
}

fn render(report: &Report, out: &mut Output) -> std::io::Result<()> {
    let header = format!(
        "{:<26} {:<8} {:>6} {:>7} {:>7} {:>6} {:>6} {:>6}",
        "file", "lang", "cases", "exact", "exact%", "P", "R", "F1"
    );
    out.line(&out.paint(Style::Bold, &header))?;
    let line = |row: &Row| {
        format!(
            "{:<26} {:<8} {:>6} {:>7} {:>7.1} {:>6.3} {:>6.3} {:>6.3}",
            row.file,
            row.lang,
            row.cases,
            row.exact,
            row.exact_pct,
            row.boundary_p,
            row.boundary_r,
            row.boundary_f1
        )
    };
    for row in &report.rows {
        let text = line(row);
        if row.lang == "*" {
            out.line(&out.paint(Style::Cyan, &text))?;
        } else {
            out.line(&text)?;
        }
    }
    out.line(&out.paint(Style::Bold, &line(&report.total)))?;
    for f in &report.failures {
        out.line("")?;
        let title = format!(
            "{} {} [{}]",
            f.file,
            f.id.as_deref().unwrap_or("(no id)"),
            f.lang
        );
        out.line(&out.paint(Style::Yellow, &title))?;
        for s in &f.gold {
            out.line(&format!("  gold | {s}"))?;
        }
        for s in &f.got {
            out.line(&format!("  tm   | {s}"))?;
        }
    }
    Ok(())
}
