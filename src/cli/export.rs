//! `tm export`: units as JSON Lines, TSV, CSV or TMX 1.4b, streaming, to
//! stdout or a file (`-o`, written to a temporary name and renamed).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context;

use super::Global;
use super::output::Output;
use crate::interchange::csv::{Dialect, TableWriter};
use crate::interchange::tmx::{Header, TmxWriter, WriteError};
use crate::interchange::{Meta, Unit};
use crate::store::{ExportFilter, ExportUnit, Store};

/// Write every unit of the TM (or of one document).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm export --format jsonl > units.jsonl\n  tm export --format tsv --doc nato-kosovo > nato.tsv\n  tm export --format tmx --langs en,sq,sr-Latn -o memory.tmx\n  tm export --format csv --langs en,sq -o en-sq.csv"
)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Only the units of this document.
    #[arg(long, value_name = "NAME")]
    pub doc: Option<String>,
    /// Only these languages, in this order (comma-separated). With two or
    /// more, only the units that hold texts in at least two of them (a de,fr
    /// memory); with one, every unit that has it.
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    pub langs: Vec<String>,
    /// With two or more --langs, write the units that hold text in only one
    /// of them too (left out by default, and counted on stderr).
    #[arg(long)]
    pub keep_unpaired: bool,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per unit: {"id", "document", "variants": {"en": …, "sq": …}}.
    Jsonl,
    /// A header row (id, document, then one column per language, the source
    /// language first), one row per unit.
    /// Tabs, line breaks and backslashes in text are written as \t, \n and \\.
    Tsv,
    /// As tsv, in RFC 4180 CSV (quoted cells).
    Csv,
    /// TMX 1.4b: one <tu> per unit, with its TMX metadata and inline markup.
    Tmx,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "JSONL",
            Format::Tsv => "TSV",
            Format::Csv => "CSV",
            Format::Tmx => "TMX",
        }
    }
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    let store = Store::open_existing(&global.db)?;
    let mut given: Vec<String> = Vec::new();
    for l in &args.langs {
        let l = crate::lang::canonical(l)?;
        if !given.contains(&l) {
            given.push(l);
        }
    }
    // Two languages or more ask for a memory between them: a unit is
    // written when it holds texts in two of them (`pairs`, the ranges
    // found), unless --keep-unpaired.
    let mut pairs: Option<Vec<String>> = None;
    if let Some(doc) = &args.doc {
        if !store.document_exists(doc)? {
            anyhow::bail!("the TM has no document named '{doc}' (see tm stats)");
        }
    }
    // Each given language is a range: `en` takes `en`, `en-US` and
    // `en-GB`, `sr` both scripts.
    let mut langs: Vec<String> = Vec::new();
    if !given.is_empty() {
        let mut has = store.export_languages(&ExportFilter {
            document: args.doc.as_deref(),
            langs: None,
        })?;
        has.sort();
        // A range the selection lacks is told; the others are exported.
        let (found, missing) = match crate::lang::expand_all(&given, &has) {
            Ok(found) => (found, Vec::new()),
            Err(partial) => partial,
        };
        langs = found.into_iter().map(str::to_string).collect();
        if given.len() > 1 && !args.keep_unpaired {
            pairs = Some(
                given
                    .iter()
                    .filter(|l| !missing.contains(&l.as_str()))
                    .cloned()
                    .collect(),
            );
        }
        if !missing.is_empty() {
            // --langs naming a language the selection lacks: a typo, or the wrong TM.
            let what = match &args.doc {
                Some(d) => format!("document '{d}'"),
                None => "the TM".to_string(),
            };
            let message = format!(
                "{what} has no text in {} (it has {})",
                missing.join(", "),
                crate::lang::held_languages(&missing, &has)
            );
            if langs.is_empty() {
                anyhow::bail!(message);
            }
            if let Some([one]) = pairs.as_deref() {
                anyhow::bail!(
                    "{message}: no unit holds two of {} (--keep-unpaired writes the {one} texts alone)",
                    given.join(", ")
                );
            }
            super::output::warn(&message);
        }
    }
    let filter = ExportFilter {
        document: args.doc.as_deref(),
        langs: (!langs.is_empty()).then_some(langs.as_slice()),
    };
    let pairs = pairs.as_deref();
    let written = match &args.output {
        None => write(&store, args.format, &filter, pairs, &mut ToOutput::new(out))?,
        Some(path) => {
            crate::outfile::write_with(path, |w| write(&store, args.format, &filter, pairs, w))?
        }
    };
    out.flush()?;
    if let Some(ranges) = pairs.filter(|_| written.unpaired > 0) {
        out.note(&format!(
            "{} left out: {} text in only one of {} (--keep-unpaired writes {} too)",
            crate::cli::output::plural(written.unpaired as u64, "unit"),
            if written.unpaired == 1 {
                "it holds"
            } else {
                "each holds"
            },
            ranges.join(", "),
            if written.unpaired == 1 { "it" } else { "them" },
        ))?;
    }
    if written.codes_dropped > 0 {
        super::output::warn(&format!(
            "{} inline codes, written as plain text (a table cell cannot hold markup: \
             a ph or it code's content is left out); export TMX to keep them",
            if written.codes_dropped == 1 {
                "1 text holds".to_string()
            } else {
                format!("{} texts hold", written.codes_dropped)
            }
        ));
    }
    let left_out = written.left_out;
    if left_out.is_empty() {
        return Ok(super::exit::OK);
    }
    let name = args.format.name();
    for (id, why) in &left_out {
        super::output::warn(&format!("unit {id} left out of the {name}: {why}"));
    }
    let advice = match args.format {
        // A TM made before tm refused such text on the way in: the rest is
        // exported, each unit left out is named, and the exit code says so.
        Format::Tmx => {
            "the other formats (jsonl, tsv, csv) write every unit. \
             To fix a unit, correct its text where it came from and align or import it again, \
             or export the TM as TSV, correct the text there and import that file into a new TM"
        }
        _ => "export TMX to keep them",
    };
    super::output::warn(&format!(
        "{} left out of the {name} (exit 1); {advice}",
        units(left_out.len())
    ));
    Ok(super::exit::FINDINGS)
}

fn units(n: usize) -> String {
    if n == 1 {
        "1 unit was".to_string()
    } else {
        format!("{n} units were")
    }
}

/// What an export wrote.
#[derive(Default)]
struct Written {
    /// Units left out, with why: text XML cannot hold (TMX); texts that are
    /// inline codes alone, an empty row (CSV, TSV).
    left_out: Vec<(i64, String)>,
    /// Texts with inline markup written as plain text (CSV, TSV).
    codes_dropped: u64,
    /// Units left out because they hold text in only one of the languages
    /// of `--langs`.
    unpaired: u64,
}

/// Write the selected units; with `pairs`, those that hold texts in two
/// of these language ranges.
fn write(
    store: &Store,
    format: Format,
    filter: &ExportFilter,
    pairs: Option<&[String]>,
    w: &mut dyn Write,
) -> anyhow::Result<Written> {
    let mut written = Written::default();
    let left_out = &mut written.left_out;
    let unpaired = &mut written.unpaired;
    // A unit each format writes: the selection, less the unpaired.
    let mut each_unit = |f: &mut dyn FnMut(i64, &Unit) -> anyhow::Result<()>| {
        store.for_each_unit(filter, &mut |id, u| {
            if let Some(ranges) = pairs {
                let tags: Vec<&str> = u.variants.iter().map(|v| v.lang.as_str()).collect();
                if crate::lang::ranges_held(ranges, &tags) < 2 {
                    *unpaired += 1;
                    return Ok(());
                }
            }
            f(id, u)
        })
    };
    match format {
        Format::Jsonl => {
            let mut line = Vec::new();
            each_unit(&mut |id, u| {
                let row = ExportUnit {
                    id,
                    document: u.document.clone(),
                    variants: u
                        .variants
                        .iter()
                        .map(|v| (v.lang.clone(), v.text.clone()))
                        .collect::<BTreeMap<_, _>>(),
                };
                line.clear();
                serde_json::to_writer(&mut line, &row)?;
                line.push(b'\n');
                w.write_all(&line)?;
                Ok(())
            })?;
        }
        Format::Tsv | Format::Csv => {
            let langs = store.export_languages(filter)?;
            let dialect = if matches!(format, Format::Tsv) {
                Dialect::Tsv
            } else {
                Dialect::Csv
            };
            let mut t = TableWriter::new(&mut *w, dialect, &langs)?;
            let codes = &mut written.codes_dropped;
            each_unit(&mut |id, u| {
                // A row without text would import as nothing.
                if u.variants.iter().all(|v| v.text.is_empty()) {
                    left_out.push((
                        id,
                        "its texts are inline codes alone, which a table cannot hold".to_string(),
                    ));
                    return Ok(());
                }
                *codes += u.variants.iter().filter(|v| v.markup.is_some()).count() as u64;
                t.write_unit(id, u)
            })?;
            t.finish()?;
        }
        Format::Tmx => {
            let header = tmx_header(store, filter)?;
            let srclang = header.srclang().map(str::to_string);
            let o_tmf = header.meta.attr("o-tmf").map(str::to_string);
            let mut t = TmxWriter::new(&mut *w, &header)?;
            each_unit(&mut |id, u: &Unit| {
                let mut set = Vec::with_capacity(2);
                if let Some(l) = tu_srclang(u, srclang.as_deref()) {
                    set.push(("srclang", l));
                }
                if let Some(f) = own_o_tmf(u, o_tmf.as_deref()) {
                    set.push(("o-tmf", Some(f)));
                }
                match t.write_unit_with(u, &set) {
                    Err(WriteError::Unstorable { what, bad }) => {
                        left_out.push((id, format!("{what} holds {bad}")));
                        Ok(())
                    }
                    r => r.with_context(|| format!("cannot write unit {id} as TMX")),
                }
            })?;
            t.finish()?;
        }
    }
    Ok(written)
}

/// The `srclang` a `<tu>` is written with, when not as the TM holds it
/// (`Some(None)`: without its own). A `<tu>`'s srclang must name one of
/// its texts (TMX 1.4b: the `<tuv>` that holds the source), and a CAT tool
/// takes the source from it, else from the header's (`header`; None for
/// `*all*`). The unit's source language (its own `srclang`, else the one
/// the TM knows) when it has a text in it, said only where the header does
/// not say it; else, when `--langs` left the source out (or the file named
/// a language the unit lacks), the header's language if the unit has it,
/// else its first text's language.
fn tu_srclang<'u>(u: &'u Unit, header: Option<&str>) -> Option<Option<&'u str>> {
    let own = u.meta.attr("srclang");
    let source = own
        .filter(|l| *l != "*all*")
        .or(u.srclang.as_deref())
        .and_then(|l| u.source_index(l));
    if let Some(i) = source {
        let lang = u.variants[i].lang.as_str();
        return match header {
            _ if own.is_some() => None,
            Some(h) if crate::lang::covers(h, lang) => None,
            _ => Some(Some(lang)),
        };
    }
    let by_header = header.is_none_or(|h| u.source_index(h).is_some());
    match (own, by_header) {
        (_, false) => Some(u.variants.first().map(|v| v.lang.as_str())),
        (Some(_), true) => Some(None),
        (None, true) => None,
    }
}

/// The `o-tmf` a `<tu>` needs (TMX 1.4b allows it per unit): the format of
/// the tool's TM its file came from, when the header's (`header`: `tm` for
/// units of several files) is another and the unit names none itself. An
/// encoding written there (Translate Toolkit's `UTF-8`) names no format,
/// and is not copied onto each unit.
fn own_o_tmf<'u>(u: &'u Unit, header: Option<&str>) -> Option<&'u str> {
    if u.meta.attr("o-tmf").is_some() {
        return None;
    }
    u.o_tmf
        .as_deref()
        .filter(|f| crate::interchange::tmx::names_a_tm_format(f))
        .filter(|f| header.is_none_or(|h| !h.trim().eq_ignore_ascii_case(f.trim())))
}

/// tm's header. When every unit comes from one TMX file, that file's
/// header fields, props and notes are kept (so export → import → export is
/// byte-identical); `--langs` makes its first language the `srclang`.
fn tmx_header(store: &Store, filter: &ExportFilter) -> anyhow::Result<Header> {
    let origin: Option<Header> = match store.export_origin_header(filter)? {
        Some(json) => Some(serde_json::from_str(&json).context("unreadable TMX header in the TM")?),
        None => None,
    };
    let from = |k: &str, default: &str| -> String {
        origin
            .as_ref()
            .and_then(|h| h.meta.attr(k))
            .unwrap_or(default)
            .to_string()
    };
    let srclang = match filter.langs.and_then(|l| l.first()) {
        Some(l) => l.clone(),
        None => from("srclang", "*all*"),
    };
    let mut attrs = vec![
        ("creationtool".to_string(), "tm".to_string()),
        (
            "creationtoolversion".to_string(),
            env!("CARGO_PKG_VERSION").to_string(),
        ),
        // A TM made before segtype was checked on import may hold "Sentence".
        (
            "segtype".to_string(),
            crate::interchange::segtype(&from("segtype", "sentence"))
                .unwrap_or("sentence")
                .to_string(),
        ),
        ("o-tmf".to_string(), from("o-tmf", "tm")),
        ("adminlang".to_string(), from("adminlang", "en")),
        ("srclang".to_string(), srclang),
        ("datatype".to_string(), from("datatype", "plaintext")),
    ];
    let mut header = Header {
        version: "1.4".to_string(),
        ..Header::default()
    };
    if let Some(o) = origin {
        for (k, v) in &o.meta.attrs {
            if !attrs.iter().any(|(a, _)| a == k) {
                attrs.push((k.clone(), v.clone()));
            }
        }
        header.meta = Meta {
            attrs: Vec::new(),
            ..o.meta
        };
        header.ude = o.ude;
    }
    header.meta.attrs = attrs;
    Ok(header)
}

/// `io::Write` over [`Output`] (the only stdout writer). Holds back an
/// incomplete UTF-8 sequence at the end of a write until the next one.
struct ToOutput<'a> {
    out: &'a mut Output,
    pending: Vec<u8>,
}

impl<'a> ToOutput<'a> {
    fn new(out: &'a mut Output) -> ToOutput<'a> {
        ToOutput {
            out,
            pending: Vec::new(),
        }
    }
}

impl Write for ToOutput<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(s) => s.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
        };
        let s = std::str::from_utf8(&self.pending[..valid]).map_err(io::Error::other)?;
        self.out.write_str(s)?;
        self.pending.drain(..valid);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "output ends inside a UTF-8 sequence",
            ));
        }
        self.out.flush()
    }
}
