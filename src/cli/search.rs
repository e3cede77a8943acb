//! `tm search PATTERN`: concordance over every variant of the TM.

use super::Global;
use super::output::{Output, Style};
use crate::store::{ConcordanceHit, Store};

const EXAMPLES: &str = "Examples:
  tm search troops
  tm search 'Prishtin*' --lang sq
  tm search '\"sent troops\"' --format json";

/// Find the units whose text contains every word of PATTERN (case and
/// diacritics ignored; `word*` matches a prefix, `\"two words\"` a phrase),
/// with the matched words highlighted and the unit's other languages shown.
/// Exit 1 when nothing matches.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Words to find.
    pub pattern: String,
    /// Search only this language's texts.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// At most this many hits.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub use super::output::TextOrJson as Format;

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    if args.limit == 0 {
        anyhow::bail!("--limit must be at least 1");
    }
    let lang = args
        .lang
        .as_deref()
        .map(crate::lang::canonical)
        .transpose()?;
    let mut store = Store::open_existing(&global.db)?;
    let hits = store.concordance(&args.pattern, lang.as_deref(), args.limit)?;
    match args.format {
        Format::Json => out.json(&serde_json::json!({ "pattern": args.pattern, "hits": hits }))?,
        Format::Text => {
            if hits.is_empty() {
                out.line(&format!("no text matches {:?}", args.pattern))?;
            }
            for h in &hits {
                let width = std::iter::once(&h.lang)
                    .chain(h.others.keys())
                    .map(String::len)
                    .max()
                    .unwrap_or(2);
                out.line(&out.paint(Style::Dim, &format!("unit {}", h.unit_id)))?;
                out.line(&format!("  {:<width$}  {}", h.lang, highlight(h, out)))?;
                for (lang, text) in &h.others {
                    out.line(&format!("  {lang:<width$}  {text}"))?;
                }
            }
        }
    }
    Ok(if hits.is_empty() {
        super::exit::FINDINGS
    } else {
        super::exit::OK
    })
}

fn highlight(h: &ConcordanceHit, out: &Output) -> String {
    let mut s = String::with_capacity(h.text.len() + 16);
    let mut at = 0;
    for &(a, b) in &h.matches {
        s.push_str(&h.text[at..a]);
        s.push_str(&out.paint(Style::Red, &h.text[a..b]));
        at = b;
    }
    s.push_str(&h.text[at..]);
    s
}
