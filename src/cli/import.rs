//! `tm import FILE…`: TMX, CSV or TSV into the TM, in one transaction.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::Global;
use super::output::{Output, Style, plural};
use crate::interchange::{self, Format};
use crate::store::{ImportOptions, ImportReport, OnConflict, Origin, Store};

const EXAMPLES: &str = "Examples:
  tm import memory.tmx
  tm import omegat/project_save.tmx --on-conflict replace
  tm import glossary-units.csv --doc handbook
  tm import units.tsv --src-lang en --format json
  tm import tatoeba.tsv --map-lang toki=tok
  tm import po2csv.csv --map-lang location=- --map-lang source=en --map-lang target=de

Units whose every text is already in a TM unit, of any document, are
duplicates and are skipped (units of one file in two documents are both kept).
Within the unit's document: a unit that only adds languages to a TM unit is
merged into it; a conflict is a unit whose tuid (from the same file) or source
text matches a unit the TM held before the file was read, with another text in
a language both have; a TM unit whose texts the file also holds is never
replaced. Units of one file that share a source text but not its translation
are alternatives the file holds: all are added.
TSV escapes (\\t, \\n, \\\\) are decoded only in tm's own TSV export, whose
header row starts with id and document; elsewhere a backslash is text.";

/// Import translation units from TMX (1.1–1.4b), CSV or TSV files.
///
/// Every file is read in full before anything is committed: a bad file
/// leaves the TM unchanged.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The files to import (.tmx, .csv, .tsv).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The input format. By default from each file's extension: .tmx or
    /// .xml, .csv, .tsv or .tab; any other file (.txt too) needs --from.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<InputFormat>,
    /// What to do with a unit that conflicts with one in the TM.
    #[arg(long, value_enum, default_value = "keep", value_name = "POLICY")]
    pub on_conflict: ConflictArg,
    /// Put the units in this document (by default the document a tm export
    /// recorded, else none). Merges and conflicts are judged within it;
    /// duplicates whatever the document.
    #[arg(long, value_name = "NAME")]
    pub doc: Option<String>,
    /// The source language of units that do not name one (TMX srclang="*all*",
    /// CSV, TSV); by default the first language of each unit. Recorded with
    /// the file: qa checks its units from it, and export names it.
    #[arg(long, value_name = "LANG")]
    pub src_lang: Option<String>,
    /// Read the language tag FROM of the files (TMX xml:lang and srclang,
    /// CSV/TSV header cells) as TO: a tag that names no language (Tatoeba's
    /// toki is Toki Pona, tok) or the wrong one. FROM=- leaves out a CSV/TSV
    /// column that holds no language (po2csv's location). Repeatable.
    #[arg(long, value_name = "FROM=TO")]
    pub map_lang: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum InputFormat {
    Tmx,
    Csv,
    Tsv,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ConflictArg {
    /// Keep the TM's unit, skip the imported one.
    Keep,
    /// The imported texts replace the TM's (the old ones are kept as revisions).
    Replace,
    /// Add the imported unit beside the TM's, as an alternative translation.
    AddVariant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    let srclang = args
        .src_lang
        .as_deref()
        .map(crate::lang::canonical)
        .transpose()?;
    let mut langs = crate::lang::LangMap::default();
    for spec in &args.map_lang {
        langs
            .add(spec)
            .with_context(|| format!("--map-lang {spec}"))?;
    }
    let doc = match args.doc.as_deref().map(str::trim) {
        Some("") => anyhow::bail!("--doc must not be empty"),
        d => d,
    };
    let on_conflict = match args.on_conflict {
        ConflictArg::Keep => OnConflict::Keep,
        ConflictArg::Replace => OnConflict::Replace,
        ConflictArg::AddVariant => OnConflict::AddVariant,
    };
    // Formats and paths are checked before the TM is opened.
    let mut files = Vec::new();
    for path in &args.files {
        if path.as_os_str() == "-" {
            // An import is read twice on an error (to show the offending
            // line) and its path is its provenance: standard input has neither.
            anyhow::bail!(
                "cannot import from standard input (-): save it to a file and import that"
            );
        }
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                anyhow::bail!("{}: no such file", path.display())
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read {}", path.display()));
            }
            Ok(m) if m.is_dir() => anyhow::bail!("{} is a directory, not a file", path.display()),
            Ok(_) => {}
        }
        let format = match args.from {
            Some(InputFormat::Tmx) => Format::Tmx,
            Some(InputFormat::Csv) => Format::Csv,
            Some(InputFormat::Tsv) => Format::Tsv,
            None => Format::of_path(path)?,
        };
        files.push((path.as_path(), format));
    }

    let mut store = Store::open_or_create_in(&global.db, global.db_is_default)?;
    let reports = store
        .write(|tx| {
            let mut reports = Vec::new();
            for &(path, format) in &files {
                let file_opts = ImportOptions {
                    on_conflict,
                    document: doc,
                    srclang: srclang.as_deref(),
                    carries_markup: format == Format::Tmx,
                };
                reports.push(import_file(tx, path, format, &file_opts, &langs)?);
            }
            Ok(reports)
        })
        .with_context(|| format!("nothing was imported into {}", global.db.display()));
    let reports = match reports {
        Ok(r) => r,
        Err(e) => {
            store.discard_if_new();
            return Err(e);
        }
    };
    render(&reports, args.format, out)?;
    Ok(super::exit::OK)
}

fn import_file(
    tx: &rusqlite::Transaction,
    path: &Path,
    format: Format,
    opts: &ImportOptions,
    langs: &crate::lang::LangMap,
) -> anyhow::Result<ImportReport> {
    let mut source = interchange::open(path, format, langs)?;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = super::output::progress_bytes(size, "importing");
    let header = source.header_json();
    // The TM's languages are read as of this file's start: a file whose
    // tags the TM lacks (OmegaT's `EN-US` for `en`) reads them as the TM's.
    let mut tags = interchange::TmLanguages::new(crate::store::languages_held(tx)?, langs);
    let file_srclang = match source.srclang() {
        Some(tag) => match crate::lang::canonical(&tag) {
            Ok(canonical) => Some(tags.read(&canonical)?),
            Err(_) => Some(tag),
        },
        None => None,
    };
    // `--src-lang` is recorded with the file, as its srclang would be.
    let given_srclang = opts.srclang;
    let opts = ImportOptions {
        srclang: opts.srclang.or(file_srclang.as_deref()),
        ..*opts
    };
    // Provenance names the file the same way however it was given.
    let shown = path.display().to_string();
    let key = std::fs::canonicalize(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| shown.clone());
    let origin = Origin {
        path: &key,
        format: format.name(),
        header: &header,
        src_lang: given_srclang,
    };
    let mut n = 0u64;
    let mut next = || {
        n += 1;
        if n % 4096 == 0 {
            bar.set_position(source.bytes_read());
        }
        let mut unit = source.next_unit()?;
        if let Some(u) = unit.as_mut() {
            tags.read_unit(u)
                .with_context(|| format!("{shown}: unit {n}"))?;
        }
        Ok(unit)
    };
    let mut report = crate::store::import_units(tx, &origin, &opts, &mut next)?;
    bar.finish_and_clear();
    report.languages_read_as = tags.read_as().into_iter().collect();
    report.path = shown;
    report.repairs = source.repairs();
    Ok(report)
}

fn render(reports: &[ImportReport], format: ReportFormat, out: &mut Output) -> anyhow::Result<()> {
    if format == ReportFormat::Json {
        out.json(&serde_json::json!({ "files": reports }))?;
        return Ok(());
    }
    for r in reports {
        let mut parts = vec![if r.alternatives_in_file > 0 {
            format!(
                "{} added ({} of them alternative translations the file holds)",
                r.units_added, r.alternatives_in_file
            )
        } else {
            format!("{} added", r.units_added)
        }];
        if r.duplicates > 0 {
            parts.push(format!("{} already in the TM", r.duplicates));
        }
        if r.without_source_language > 0 {
            let langs: Vec<&str> = r
                .missing_source_languages
                .keys()
                .map(String::as_str)
                .collect();
            parts.push(format!(
                "{} without the source language {} (matched by their first language)",
                r.without_source_language,
                langs.join(" or ")
            ));
        }
        if r.units_extended > 0 {
            parts.push(format!("{} merged into TM units", r.units_extended));
        }
        if r.conflicts > 0 {
            let settled = if r.units_replaced > 0 {
                format!("{} replaced the TM's", r.units_replaced)
            } else if r.conflicts_added_as_alternatives > 0 {
                format!(
                    "{} added as alternatives",
                    r.conflicts_added_as_alternatives
                )
            } else {
                "the TM's kept".to_string()
            };
            parts.push(out.paint(
                Style::Yellow,
                &format!("{} ({settled})", plural(r.conflicts, "conflict")),
            ));
        }
        if r.inline_codes_dropped > 0 {
            parts.push(out.paint(
                Style::Yellow,
                &format!(
                    "{} lost {} inline codes (a table holds plain text; the old {})",
                    match r.inline_codes_dropped {
                        1 => "1 replaced text".to_string(),
                        n => format!("{n} replaced texts"),
                    },
                    if r.inline_codes_dropped == 1 {
                        "its"
                    } else {
                        "their"
                    },
                    if r.inline_codes_dropped == 1 {
                        "text is kept as a revision"
                    } else {
                        "texts are kept as revisions"
                    },
                ),
            ));
        }
        let mut mended = Vec::new();
        let rep = &r.repairs;
        for (n, what, done) in [
            (rep.dates_normalised, "date", "rewritten as TMX dates"),
            (rep.dates_dropped, "date", "dropped (empty or no date)"),
            (rep.segtypes_normalised, "segtype", "made lower case"),
            (rep.segtypes_dropped, "segtype", "dropped"),
        ] {
            if n > 0 {
                mended.push(format!("{} {done}", plural(n, what)));
            }
        }
        if rep.rows_without_text > 0 {
            mended.push(format!(
                "{} without text skipped",
                match rep.rows_without_text {
                    1 => "1 row".to_string(),
                    n => format!("{n} rows"),
                }
            ));
        }
        if rep.subs_unwrapped > 0 {
            mended.push(format!(
                "{} <sub> outside an inline code unwrapped",
                rep.subs_unwrapped
            ));
        }
        if !rep.dropped.is_empty() {
            mended.push(format!("left out: {}", rep.dropped.join("; ")));
        }
        let mended = if mended.is_empty() {
            String::new()
        } else {
            format!("; {}", mended.join(", "))
        };
        out.line(&format!(
            "{}: {} read: {}; {} written{mended}",
            out.paint(Style::Bold, &r.path),
            plural(r.units_read, "unit"),
            parts.join(", "),
            plural(r.variants_added + r.variants_replaced, "variant"),
        ))?;
        if !r.first_conflicts.is_empty() {
            out.line(&conflicts_line(r))?;
        }
        if let Some((from, _)) = r.languages_read_as.iter().next() {
            let read: Vec<String> = (r.languages_read_as.iter())
                .map(|(from, to)| format!("{from} as {to}"))
                .collect();
            out.line(&format!(
                "  read {}, the TM's languages (--map-lang {from}={from} keeps a tag apart)",
                read.join(", ")
            ))?;
        }
    }
    Ok(())
}

/// The conflicts of a file by TM unit and the file's source text (the
/// first few), so a person can look: `tm history UNIT` shows the TM's.
fn conflicts_line(r: &ImportReport) -> String {
    let named: Vec<String> = r
        .first_conflicts
        .iter()
        .map(|c| format!("unit {} {:?}", c.unit, shortened(&c.source, 60)))
        .collect();
    let more = r.conflicts - r.first_conflicts.len() as u64;
    format!(
        "  {}: {}{} (tm history UNIT shows the TM's texts)",
        if r.conflicts == 1 {
            "conflict"
        } else {
            "conflicts"
        },
        named.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

/// `text` cut to at most `max` characters, with `…` where it was cut.
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
