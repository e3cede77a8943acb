//! `tm export`: units as JSON Lines or TSV.

use super::Global;
use super::output::Output;
use crate::store::Store;

/// Write every unit of the TM (or of one document).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm export --format jsonl > units.jsonl\n  tm export --format tsv --doc nato-kosovo > nato.tsv"
)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Only the units of this document.
    #[arg(long, value_name = "NAME")]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per unit: {"id", "document", "variants": {"en": …, "sq": …}}.
    Jsonl,
    /// A header row (id, document, then one column per language), one row per unit.
    /// Tabs, line breaks and backslashes in text are written as \t, \n and \\.
    Tsv,
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    let store = Store::open_existing(&global.db)?;
    if let Some(doc) = &args.doc {
        if !store.stats()?.documents.iter().any(|d| &d.name == doc) {
            anyhow::bail!("the TM has no document named '{doc}' (see tm stats)");
        }
    }
    let units = store.export_units(args.doc.as_deref())?;
    match args.format {
        Format::Jsonl => {
            for u in &units {
                out.jsonl(u)?;
            }
        }
        Format::Tsv => {
            let mut langs: Vec<&String> = units.iter().flat_map(|u| u.variants.keys()).collect();
            langs.sort();
            langs.dedup();
            let mut header = vec!["id".to_string(), "document".to_string()];
            header.extend(langs.iter().map(|l| l.to_string()));
            out.line(&header.join("\t"))?;
            for u in &units {
                let mut row = vec![
                    u.id.to_string(),
                    escape(u.document.as_deref().unwrap_or("")),
                ];
                row.extend(
                    langs
                        .iter()
                        .map(|l| escape(u.variants.get(*l).map(String::as_str).unwrap_or(""))),
                );
                out.line(&row.join("\t"))?;
            }
        }
    }
    Ok(super::exit::OK)
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}
