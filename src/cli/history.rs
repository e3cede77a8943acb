//! `tm history UNIT`: every text a unit's variants have had, and the
//! merges that took a unit's texts into another.

use super::Global;
use super::output::{Output, Style};
use crate::store::Store;

/// List the revisions of a unit, per language, oldest first; the last is
/// current. Of a unit merged into another: where, when, and that unit's.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm history 12\n  tm history 12 --format json\n  tm diff --unit 12 --rev 1 --rev 2"
)]
pub struct Args {
    /// The unit id (see `tm export` or `tm diff`).
    pub unit: i64,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub use super::output::TextOrJson as Format;

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    let unit = Store::open_existing(&global.db)?.history(args.unit)?;
    match args.format {
        Format::Json => out.json(&unit)?,
        Format::Text => {
            for m in &unit.merged_into {
                out.line(&format!(
                    "unit {} was merged into unit {} on {} by {} ({})",
                    m.unit,
                    m.into,
                    m.merged_at,
                    m.merged_by,
                    merge_place(m)
                ))?;
            }
            // The merges told above are not told again.
            for m in unit
                .merged_from
                .iter()
                .filter(|m| !unit.merged_into.iter().any(|c| c.unit == m.unit))
            {
                out.line(&out.paint(
                    Style::Dim,
                    &format!(
                        "unit {} holds the texts of unit {}, merged into it on {} by {} ({})",
                        m.into,
                        m.unit,
                        m.merged_at,
                        m.merged_by,
                        merge_place(m)
                    ),
                ))?;
            }
            if !unit.merged_into.is_empty() {
                out.line(&format!("history of unit {}:", unit.revisions_of))?;
            }
            let history = &unit.revisions;
            for (i, r) in history.iter().enumerate() {
                // The last text of a language, not current: it was removed
                // (the new translation had no sentence for it).
                let removed = !r.current && history.get(i + 1).is_none_or(|n| n.lang != r.lang);
                let who = &r.author;
                let tag = if r.current {
                    " (current)".to_string()
                } else {
                    String::new()
                };
                // A text from a TMX is dated as the file dates it.
                let when = match &r.dated {
                    Some(d) => format!("{d} by {who} (imported {})", r.created_at),
                    None => format!("{} by {who}", r.created_at),
                };
                out.line(&out.paint(
                    Style::Bold,
                    &format!("{} rev {}{tag}  {when}", r.lang, r.rev),
                ))?;
                out.line(&format!("  {}", r.text))?;
                if let Some(m) = &r.markup {
                    out.line(&out.paint(Style::Dim, &format!("  markup: {m}")))?;
                }
                if let (Some(at), Some(by)) = (&r.replaced_at, &r.replaced_by) {
                    let what = if removed { "removed" } else { "replaced" };
                    out.line(&out.paint(Style::Dim, &format!("  {what} {at} by {by}")))?;
                }
            }
        }
    }
    Ok(super::exit::OK)
}

/// Where a merge happened: `document nato-kosovo, en → sr-Latn`.
fn merge_place(m: &crate::store::Merge) -> String {
    format!("document {}, {} → {}", m.document, m.src_lang, m.tgt_lang)
}
