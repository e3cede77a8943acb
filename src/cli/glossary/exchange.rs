//! `tm glossary import | export`: TBX v2, TBX v3, CSV (and JSON out).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::Format;
use crate::cli::output::Output;
use crate::glossary::tbx::Version;
use crate::glossary::{GlossaryFile, file};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// TBX v2 (martif/termEntry/langSet/tig).
    Tbx2,
    /// TBX v3 (tbx/conceptEntry/langSec/termSec).
    Tbx3,
    /// A row per concept, a column per language.
    Csv,
    /// The model as JSON.
    Json,
    /// The glossary's own TOML format, rendered afresh (no comments).
    Toml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// TBX v2 or v3 (detected).
    Tbx,
    Csv,
}

/// Merge concepts from TBX (v2 or v3) or CSV into the glossary: new ids are
/// added in order, identical ones skipped, different ones refused (or
/// replaced with --replace); the file's required languages likewise. A
/// language, type or note the file does not carry at all is kept as it is.
/// Nothing is imported if the result would have an error `tm glossary lint`
/// reports.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary import terms.tbx\n  tm glossary import terms.csv --replace\n  tm glossary import export.txt --from csv --format json"
)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// The file's format; from its name (.tbx, .xml, .csv) when omitted.
    #[arg(long, value_enum)]
    pub from: Option<ImportFormat>,
    /// Replace concepts whose id is known but whose content differs (in the
    /// languages, type and note the file carries; the rest stays).
    #[arg(long)]
    pub replace: bool,
    /// What the import did, as text or JSON.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ImportReport,
}

/// The report of `import` (`--format`), which once named the file's
/// format: `--format tbx` and `--format csv` still mean `--from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportReport {
    Text,
    Json,
    #[value(hide = true)]
    Tbx,
    #[value(hide = true)]
    Csv,
}

/// Write the glossary as TBX v2, TBX v3, CSV or JSON to stdout (or --output).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary export --format tbx3 > proper-nouns.tbx\n  tm glossary export --format csv --output proper-nouns.csv"
)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "tbx3")]
    pub format: ExportFormat,
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn import(
    a: &ImportArgs,
    path: &Path,
    wait: std::time::Duration,
    out: &mut Output,
) -> anyhow::Result<i32> {
    let given = a.from.or(match a.format {
        ImportReport::Tbx => Some(ImportFormat::Tbx),
        ImportReport::Csv => Some(ImportFormat::Csv),
        ImportReport::Text | ImportReport::Json => None,
    });
    let format = match given {
        Some(f) => f,
        None => match a
            .file
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("tbx" | "xml") => ImportFormat::Tbx,
            Some("csv") => ImportFormat::Csv,
            _ => bail!(
                "cannot tell the format of {} from its name: pass --from tbx or csv",
                a.file.display()
            ),
        },
    };
    // UTF-8, or UTF-16 as MultiTerm writes it: decoded as `tm import` reads a TMX.
    let name = crate::doc::display_name(&a.file);
    let bytes = crate::doc::read_bytes(&a.file)?;
    let text = crate::interchange::decode_text(&bytes)
        .with_context(|| format!("{name} cannot be read as text"))?;
    if text.trim().is_empty() {
        bail!("{name} is empty: there is nothing to import");
    }
    // The errors name the file, line and column, with the line.
    let imported = match format {
        ImportFormat::Tbx => crate::glossary::tbx::import(&name, &text)?,
        ImportFormat::Csv => crate::glossary::csv::import(&name, &text)?,
    };
    let lock = super::edit::lock(path, wait)?;
    let mut f = GlossaryFile::load_or_empty(path)?;
    let before = f.glossary.clone();
    let m = f
        .merge(&imported, &name, a.replace)
        .with_context(|| format!("cannot import {} into {}", a.file.display(), path.display()))?;
    if m.added + m.replaced > 0 || m.required_languages.is_some() || !path.exists() {
        f.save()?;
    }
    drop(lock);
    let langs = match &m.required_languages {
        Some(l) => format!("; required languages: {}", l.join(", ")),
        None => String::new(),
    };
    let read_as = if m.languages_read_as.is_empty() {
        String::new()
    } else {
        let each: Vec<String> = m
            .languages_read_as
            .iter()
            .map(|(from, to)| format!("{from} as {to}"))
            .collect();
        format!("; read {}", each.join(", "))
    };
    let read = &imported.read;
    let statuses = if read.statuses.is_empty() {
        String::new()
    } else {
        let each: Vec<String> = (read.statuses.iter())
            .map(|(from, to, n)| format!("{from} as {} ({})", to.as_str(), terms(*n)))
            .collect();
        format!("; read status {}", each.join(", "))
    };
    let joined = match read.notes_joined {
        0 => String::new(),
        1 => "; 1 note joined from several, one a line".to_string(),
        n => format!("; {n} notes joined from several, one a line"),
    };
    let left_out = if read.left_out.is_empty() {
        String::new()
    } else {
        let each: Vec<String> = (read.left_out.iter())
            .map(|(what, n)| format!("{n} {what}"))
            .collect();
        format!(
            "; left out (the glossary has no place for them): {}",
            each.join(", ")
        )
    };
    let kept = match m.kept_not_in_file.as_slice() {
        [] => String::new(),
        fields => format!("; {} kept: not in the file", fields.join(", ")),
    };
    let report = if a.format == ImportReport::Json {
        Format::Json
    } else {
        Format::Text
    };
    let read_as_json: Vec<serde_json::Value> = m
        .languages_read_as
        .iter()
        .map(|(from, to)| serde_json::json!({ "from": from, "to": to }))
        .collect();
    super::edit::report(
        out,
        report,
        &format!(
            "imported {}: {} added, {} replaced, {} unchanged{kept}{langs}{read_as}{statuses}{joined}{left_out}",
            a.file.display(),
            m.added,
            m.replaced,
            m.unchanged
        ),
        serde_json::json!({
            "file": a.file.display().to_string(),
            "added": m.added,
            "replaced": m.replaced,
            "unchanged": m.unchanged,
            "required_languages": m.required_languages,
            "languages_read_as": read_as_json,
            "kept_not_in_file": m.kept_not_in_file,
            "statuses_read_as": read.statuses.iter()
                .map(|(from, to, n)| serde_json::json!({ "from": from, "to": to.as_str(), "terms": n }))
                .collect::<Vec<_>>(),
            "notes_joined": read.notes_joined,
            "left_out": read.left_out.iter()
                .map(|(what, n)| serde_json::json!({ "category": what, "count": n }))
                .collect::<Vec<_>>(),
        }),
        &before,
        &f,
    )?;
    Ok(crate::cli::exit::OK)
}

fn terms(n: usize) -> String {
    crate::cli::output::plural(n as u64, "term")
}

pub fn export(a: &ExportArgs, path: &Path, out: &mut Output) -> anyhow::Result<i32> {
    let g = GlossaryFile::load(path)?.glossary;
    let text = match a.format {
        ExportFormat::Tbx2 => crate::glossary::tbx::export(&g, Version::V2),
        ExportFormat::Tbx3 => crate::glossary::tbx::export(&g, Version::V3),
        ExportFormat::Csv => crate::glossary::csv::export(&g)?,
        ExportFormat::Json => serde_json::to_string_pretty(&g)? + "\n",
        ExportFormat::Toml => file::render(&g),
    };
    match &a.output {
        Some(p) => file::write_atomic(p, text.as_bytes())?,
        None => out.write_str(&text)?,
    }
    Ok(crate::cli::exit::OK)
}
