//! `tm glossary suggest`: proper-noun candidates mined from the TM.

use std::path::Path;

use super::Format;
use crate::cli::output::{Output, Style};
use crate::glossary::GlossaryFile;

/// Capitalised (multi-)word sequences of the source side that the glossary
/// lacks, with their most likely form in each other language, ranked. A word
/// typed with look-alike letters of the other script is proposed cleaned
/// ("repaired from …"), never as typed.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary suggest\n  tm glossary suggest --from en --min-units 2 --limit 20 --format json"
)]
pub struct Args {
    /// Source language of the candidates.
    #[arg(long, default_value = "en")]
    pub from: String,
    /// Keep candidates seen in at least this many units.
    #[arg(long, default_value_t = 1)]
    pub min_units: usize,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(a: &Args, path: &Path, db: &Path, out: &mut Output) -> anyhow::Result<i32> {
    let lang = crate::lang::canonical(&a.from)?;
    let g = GlossaryFile::load_or_empty(path)?.glossary;
    let store = crate::store::Store::open_existing(db)?;
    let units: Vec<Vec<(String, String)>> = store
        .units_with_lang(&lang)?
        .into_iter()
        .map(|u| u.variants)
        .collect();
    let mut found = crate::glossary::suggest::suggest(&g, &lang, &units, a.min_units);
    found.truncate(a.limit);
    match a.format {
        Format::Json => out.json(&found)?,
        Format::Text => {
            for s in &found {
                let repaired = |from: &[String]| {
                    if from.is_empty() {
                        String::new()
                    } else {
                        format!("; repaired from {}", from.join(", "))
                    }
                };
                let forms: Vec<String> = s
                    .forms
                    .iter()
                    .map(|f| {
                        format!(
                            "{}: {} ({:.2}{})",
                            f.lang,
                            f.text,
                            f.score,
                            repaired(&f.repaired_from)
                        )
                    })
                    .collect();
                let text = match repaired(&s.repaired_from) {
                    r if r.is_empty() => out.paint(Style::Bold, &s.text),
                    r => format!("{} ({})", out.paint(Style::Bold, &s.text), &r[2..]),
                };
                out.line(&format!(
                    "{:.3}\t{text}\t{} unit(s)\t{}",
                    s.score,
                    s.units,
                    forms.join("; ")
                ))?;
            }
        }
    }
    Ok(crate::cli::exit::OK)
}
