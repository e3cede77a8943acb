//! `tm search PATTERN`: concordance over every variant of the TM.

use super::Global;
use super::output::{Output, Style};
use crate::store::Store;

const EXAMPLES: &str = "Examples:
  tm search troops
  tm search 'Prishtin*' --lang sq
  tm search Beograd --lang sr,hr  # sr-Latn, sr-Cyrl and hr texts
  tm search medjutim              # finds međutim and међутим
  tm search '\"sent troops\"' --format json";

/// Find the units whose text contains every word of PATTERN (case,
/// diacritics and Serbian script ignored, and in Serbian, Croatian and
/// Bosnian `dj` read as `đ`; `word*` matches a prefix, `"two words"` a phrase):
/// each unit once, with all its languages and the matched words highlighted
/// in every text that matches. Exit 1 when nothing matches.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Words to find.
    pub pattern: String,
    /// Search only these languages' texts (repeat, or separate with commas).
    #[arg(long, value_name = "LANG", value_delimiter = ',')]
    pub lang: Vec<String>,
    /// At most this many units.
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
    let langs: Vec<String> = args
        .lang
        .iter()
        .map(|l| crate::lang::canonical(l))
        .collect::<anyhow::Result<_>>()?;
    let mut store = Store::open_existing(&global.db)?;
    let hits = store.concordance(&args.pattern, &langs, args.limit)?;
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
                let best = highlight(&h.text, &h.matches, out);
                out.line(&format!("  {:<width$}  {best}", h.lang))?;
                for (lang, text) in &h.others {
                    let matches = h.other_matches.get(lang).map_or(&[][..], Vec::as_slice);
                    let text = highlight(text, matches, out);
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

/// `text` with the byte ranges `matches` painted.
fn highlight(text: &str, matches: &[(usize, usize)], out: &Output) -> String {
    let mut s = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for &(a, b) in matches {
        s.push_str(&text[at..a]);
        s.push_str(&out.paint(Style::Red, &text[a..b]));
        at = b;
    }
    s.push_str(&text[at..]);
    s
}
