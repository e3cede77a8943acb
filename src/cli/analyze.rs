//! `tm analyze FILE --from en --to sq`: match bands of a new document, and
//! optionally the document pretranslated from the TM.

use std::path::PathBuf;

use anyhow::Context;

use super::Global;
use super::output::{Output, Style};
use crate::lookup::analysis::{self, Analysis};
use crate::store::Store;

const EXAMPLES: &str = "Examples:
  tm analyze new-article.en.txt --from en --to sq
  tm analyze new-article.en.txt --from en --to sq --pretranslate new-article.sq.txt --min 85
  tm analyze new-article.en.txt --from en --to sr-Cyrl --format json | jq .analysis.bands";

/// Segment FILE and count segments and words per match band, as CAT tools
/// quote them: in-context 100%, repetitions (of any segment earlier in
/// FILE, 100% matches too), 100%, 95–99, 85–94, 75–84, 50–74, no match.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The new document (plain text).
    pub file: PathBuf,
    /// Language of FILE.
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Language of the translation.
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// Write FILE with every segment whose best match reaches --min replaced by its translation.
    #[arg(long, value_name = "OUT")]
    pub pretranslate: Option<PathBuf>,
    /// Lowest score that --pretranslate fills in, in percent (1–100).
    #[arg(long, default_value_t = 75, value_name = "PERCENT")]
    pub min: u32,
    /// Output format (json adds every segment with its best match).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub use super::output::TextOrJson as Format;

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    crate::lookup::Options {
        min: args.min,
        limit: 1,
    }
    .check()?;
    let from = crate::lang::canonical(&args.from)?;
    let to = crate::lang::canonical(&args.to)?;
    let doc = crate::doc::read_text(&args.file)?;
    let sentences =
        crate::segment::segment_with(&doc, &from, crate::segment::Options::from_workspace()?);
    if sentences.is_empty() {
        anyhow::bail!("{} has no sentences", args.file.display());
    }
    let mut store = Store::open_existing(&global.db)?;
    let session = store.lookup_session(&from, &to)?;
    // `en` may have found `en-US`: report the languages looked in.
    let (from, to) = (session.from().to_string(), session.to().to_string());
    let result = analysis::analyze(&session, &sentences)
        .with_context(|| format!("cannot analyse {}", args.file.display()))?;
    let filled = match &args.pretranslate {
        Some(path) => {
            let (text, n) = analysis::pretranslate(&doc, &result, args.min);
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Some((path, n))
        }
        None => None,
    };
    match args.format {
        Format::Json => out.json(&serde_json::json!({
            "file": args.file.display().to_string(),
            "from": from,
            "to": to,
            "analysis": result,
            "pretranslated": filled.map(|(p, n)| serde_json::json!({"file": p.display().to_string(), "segments": n})),
        }))?,
        Format::Text => render(args, &result, filled, out)?,
    }
    Ok(super::exit::OK)
}

fn render(
    args: &Args,
    a: &Analysis,
    filled: Option<(&PathBuf, usize)>,
    out: &mut Output,
) -> anyhow::Result<()> {
    out.line(&format!(
        "{}: {} segments, {} words",
        out.paint(Style::Bold, &args.file.display().to_string()),
        a.total_segments,
        a.total_words
    ))?;
    out.line(&format!(
        "{:<16} {:>8} {:>8} {:>7}",
        "band", "segments", "words", "words%"
    ))?;
    for b in &a.bands {
        let pct = 100.0 * b.words as f64 / a.total_words.max(1) as f64;
        out.line(&format!(
            "{:<16} {:>8} {:>8} {:>6.1}%",
            b.label, b.segments, b.words, pct
        ))?;
    }
    if let Some((path, n)) = filled {
        out.line(&format!(
            "pretranslated {n} of {} segments (matches of {}% or more) into {}",
            a.total_segments,
            args.min,
            path.display()
        ))?;
    }
    Ok(())
}
