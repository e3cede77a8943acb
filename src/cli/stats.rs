//! `tm stats`: what the TM holds.

use super::Global;
use super::output::{Output, Style};
use crate::store::Store;

/// Count units, variants per language, and documents.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tm stats\n  tm stats --format json | jq .languages")]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub use super::output::TextOrJson as Format;

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    let stats = Store::open_existing(&global.db)?.stats()?;
    match args.format {
        Format::Json => out.json(&stats)?,
        Format::Text => {
            out.line(&format!(
                "{} (schema {})",
                out.paint(Style::Bold, &stats.path),
                stats.schema_version
            ))?;
            out.line(&format!("units     {}", stats.units))?;
            out.line(&format!("variants  {}", stats.variants))?;
            for (lang, n) in &stats.languages {
                out.line(&format!("  {lang:<10} {n}"))?;
            }
            out.line(&format!("documents {}", stats.documents.len()))?;
            for d in &stats.documents {
                let langs: Vec<String> = d
                    .sentences
                    .iter()
                    .map(|(l, n)| format!("{l} {n}"))
                    .collect();
                // An imported document has units but no aligned texts.
                let sentences = if langs.is_empty() {
                    String::new()
                } else {
                    format!("; sentences: {}", langs.join(", "))
                };
                let units = super::align::count(d.units as usize, "unit", "units");
                out.line(&format!("  {}  {units}{sentences}", d.name))?;
            }
        }
    }
    Ok(super::exit::OK)
}
