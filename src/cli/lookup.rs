//! `tm lookup TEXT --from en --to sq`: the best stored units for a sentence.

use super::Global;
use super::output::{Output, Style};
use crate::lookup::{Match, Options, Untranslated, with_codes};
use crate::store::Store;

const EXAMPLES: &str = "Examples:
  tm lookup \"It enjoys Russia's support in its opposition to Kosovo's independence.\" --from en --to sq
  tm lookup 'Serbia gëzon mbështetjen e Moskës në kundërshtimin e pavarësisë.' --from sq --to sr-Cyrl --min 60 --limit 3
  tm lookup \"Serbia enjoys Russia's support in its opposition to Kosovo's independence.\" --from en --to sq --format json | jq '.matches[0].score'";

/// Find stored units like TEXT: match %, stored source, translation, and a
/// word diff (stored source → TEXT). Exit 1 when nothing reaches --min.
///
/// The score is edit distance over word tokens (OmegaT's word score); a
/// difference in case, a number, a tag or punctuation costs one point (the
/// case of a text in capitals throughout one point in all), one only in
/// diacritics, apostrophe or quotation-mark style or script half a point (at
/// most one point in all). Placeholders (`{1}`, `%s`, `{{name}}`, `$VAR`,
/// `&amp;`) are tags, like a stored TMX inline code.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The sentence to look up.
    pub text: String,
    /// Language of TEXT (any language the TM holds).
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Language of the answers.
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// Lowest match score shown, in percent (1–100).
    #[arg(long, default_value_t = 75, value_name = "PERCENT")]
    pub min: u32,
    /// At most this many matches.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub use super::output::TextOrJson as Format;

#[derive(serde::Serialize)]
struct Report<'a> {
    query: &'a str,
    from: &'a str,
    to: &'a str,
    min: u32,
    matches: &'a [Match],
    /// Units that reach --min but have no --to text (listed when there are
    /// fewer than --limit matches).
    untranslated: &'a [Untranslated],
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    let opts = Options {
        min: args.min,
        limit: args.limit,
    };
    opts.check()?;
    if args.text.trim().is_empty() {
        anyhow::bail!("the query is empty: give the sentence to look up");
    }
    let from = crate::lang::canonical(&args.from)?;
    let to = crate::lang::canonical(&args.to)?;
    let mut store = Store::open_existing(&global.db)?;
    let session = store.lookup_session(&from, &to)?;
    // `en` may have found `en-US`: report the languages looked in.
    let (from, to) = (session.from().to_string(), session.to().to_string());
    let answer = session.answer(&args.text, opts)?;
    let matches = &answer.matches;
    match args.format {
        Format::Json => out.json(&Report {
            query: &args.text,
            from: &from,
            to: &to,
            min: args.min,
            matches,
            untranslated: &answer.untranslated,
        })?,
        Format::Text => {
            if matches.is_empty() && answer.untranslated.is_empty() {
                out.line(&format!("no {from} unit scores {}% or more", args.min))?;
            } else if matches.is_empty() {
                out.line(&format!(
                    "no {from} unit with a {to} text scores {}% or more",
                    args.min
                ))?;
                for u in &answer.untranslated {
                    out.line(&format!(
                        "unit {} scores {}% but has no {to} text",
                        u.unit_id, u.score
                    ))?;
                }
            }
            let width = from.len().max(to.len()).max(4);
            for m in matches {
                out.line(&format!(
                    "{}  unit {}",
                    out.paint(Style::Bold, &format!("{:>3}%", m.score)),
                    m.unit_id
                ))?;
                // Inline codes shown where they stand, as the codes they hold.
                let source = with_codes(&m.source, m.source_markup.as_deref());
                out.line(&format!("  {from:<width$}  {source}"))?;
                if m.score < 100 {
                    let note = m
                        .query_script(&args.text)
                        .map(|s| format!("  ({})", s.describe()))
                        .unwrap_or_default();
                    out.line(&format!(
                        "  {:<width$}  {}{note}",
                        "diff",
                        super::diff::inline(&m.word_diff(&args.text), out)
                    ))?;
                }
                out.line(&format!(
                    "  {to:<width$}  {}",
                    with_codes(&m.translation, m.translation_markup.as_deref())
                ))?;
            }
        }
    }
    Ok(if matches.is_empty() {
        super::exit::FINDINGS
    } else {
        super::exit::OK
    })
}
