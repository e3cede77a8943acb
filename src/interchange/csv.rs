//! CSV and TSV tables of units: a header row names the columns, one row per
//! unit. Columns: `id`, `document`, `tuid`, and one per language (a BCP 47
//! tag). An empty cell means no text in that language. The `id` of a tm
//! export is the TM unit's: on import it only tells which of the TM units
//! with the row's source text the row stands for (an edited alternative).
//!
//! CSV is RFC 4180 (quotes). TSV has no quoting: a cell cannot hold a tab or
//! a line break. tm's own TSV export writes them (and backslashes) as `\t`,
//! `\n`, `\r` and `\\`, and is recognised by its header row, which starts
//! with `id` and `document`: only there are escapes decoded. In any other
//! TSV a backslash is text (Windows paths, LaTeX, `\(≧▽≦)/`).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, bail};

use super::{Unit, UnitSource, Variant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Csv,
    Tsv,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Document,
    Tuid,
    Lang(String),
    /// A column `--map-lang NAME=-` leaves out (Translate Toolkit's `location`).
    LeftOut,
}

enum Rows {
    Csv(CsvReader),
    /// The reader, the line, and whether cells are escaped (tm's own TSV).
    Tsv(Box<dyn BufRead + Send>, String, bool),
}

/// A CSV or TSV file opened for reading.
pub struct TableFile {
    path: PathBuf,
    rows: Rows,
    columns: Vec<Column>,
    names: Vec<String>,
    line: u64,
    /// Units read so far.
    units: u64,
    /// Rows without text, and the lines of the first few.
    empty_rows: u64,
    empty_lines: Vec<u64>,
    count: Arc<AtomicU64>,
}

impl TableFile {
    pub fn open(
        path: &Path,
        dialect: Dialect,
        langs: &crate::lang::LangMap,
    ) -> anyhow::Result<TableFile> {
        let (input, count) = super::open_utf8(path)?;
        let mut file = TableFile {
            path: path.to_path_buf(),
            rows: match dialect {
                Dialect::Csv => Rows::Csv(CsvReader::new(input)),
                Dialect::Tsv => Rows::Tsv(input, String::new(), false),
            },
            columns: Vec::new(),
            names: Vec::new(),
            line: 0,
            units: 0,
            empty_rows: 0,
            empty_lines: Vec::new(),
            count,
        };
        let (header, columns) = match &mut file.rows {
            Rows::Csv(r) => {
                let path_for = file.path.clone();
                r.header(|h| columns(path, h, langs), |e| csv_error(&path_for, e))?
                    .map(|(line, h, c)| {
                        file.line = line;
                        (h, c)
                    })
            }
            Rows::Tsv(..) => match file.row()? {
                Some(h) => {
                    let c = columns(path, &h, langs)?;
                    Some((h, c))
                }
                None => None,
            },
        }
        .with_context(|| {
            format!(
                "{}: the file is empty (expected a header row naming the languages)",
                path.display()
            )
        })?;
        file.columns = columns;
        if let Rows::Tsv(_, _, escaped) = &mut file.rows {
            *escaped = file.columns.starts_with(&[Column::Id, Column::Document]);
        }
        file.names = header;
        Ok(file)
    }

    /// The next row's cells, unescaped (a BOM starting a cell dropped);
    /// None at the end.
    fn row(&mut self) -> anyhow::Result<Option<Vec<String>>> {
        Ok(self.raw_row()?.map(strip_boms))
    }

    fn raw_row(&mut self) -> anyhow::Result<Option<Vec<String>>> {
        match &mut self.rows {
            Rows::Csv(r) => match r.record() {
                Ok(None) => Ok(None),
                Ok(Some((line, cells))) => {
                    self.line = line;
                    Ok(Some(cells))
                }
                Err(e) => Err(csv_error(&self.path, e)),
            },
            Rows::Tsv(r, buf, escaped) => loop {
                buf.clear();
                let n = r.read_line(buf).with_context(|| {
                    format!(
                        "{}:{}: cannot read (is it UTF-8?)",
                        self.path.display(),
                        self.line + 1
                    )
                })?;
                if n == 0 {
                    return Ok(None);
                }
                self.line += 1;
                let line = buf.trim_end_matches(['\n', '\r']);
                if line.is_empty() {
                    continue;
                }
                return Ok(Some(if *escaped {
                    line.split('\t').map(unescape_tsv).collect()
                } else {
                    line.split('\t').map(str::to_string).collect()
                }));
            },
        }
    }
}

impl TableFile {
    /// Refuse a cell with a character the TM cannot hold, naming its line
    /// (a quoted CSV cell may span lines) and column.
    fn check_storable(&self, cells: &[String]) -> anyhow::Result<()> {
        let mut line = self.line;
        for (i, cell) in cells.iter().enumerate() {
            // A column left out is never stored.
            if let Some(bad) =
                crate::text::unstorable(cell).filter(|_| self.columns[i] != Column::LeftOut)
            {
                if matches!(self.rows, Rows::Csv(..)) {
                    line += cell[..bad.offset].matches('\n').count() as u64;
                }
                bail!(
                    "{}:{line}: the {} cell holds {bad}",
                    self.path.display(),
                    self.names[i].trim()
                );
            }
            if matches!(self.rows, Rows::Csv(..)) {
                line += cell.matches('\n').count() as u64;
            }
        }
        Ok(())
    }
}

impl UnitSource for TableFile {
    fn next_unit(&mut self) -> anyhow::Result<Option<Unit>> {
        loop {
            let Some(cells) = self.row()? else {
                return Ok(None);
            };
            if cells.len() != self.columns.len() {
                bail!(
                    "{}:{}: the row has {}, the header row {} (unit {})",
                    self.path.display(),
                    self.line,
                    match cells.len() {
                        1 => "1 cell".to_string(),
                        n => format!("{n} cells"),
                    },
                    self.columns.len(),
                    self.units + 1
                );
            }
            self.check_storable(&cells)?;
            // A row whose cells are white space alone (stray spaces in a
            // spreadsheet) is a row without text. In a row with text, such
            // a cell is kept as written: `tm qa` reports an empty target.
            let blank = cells.iter().all(|c| c.trim().is_empty());
            let mut unit = Unit::default();
            for (cell, column) in cells.into_iter().zip(&self.columns) {
                if cell.is_empty() || blank {
                    continue;
                }
                match column {
                    Column::Id => unit.tm_id = cell.trim().parse().ok(),
                    Column::Document => unit.document = Some(cell),
                    Column::Tuid => unit.tuid = Some(cell),
                    Column::LeftOut => {}
                    Column::Lang(lang) => unit.variants.push(Variant {
                        lang: lang.clone(),
                        text: cell,
                        ..Variant::default()
                    }),
                }
            }
            if !unit.variants.is_empty() {
                self.units += 1;
                return Ok(Some(unit));
            }
            // Reported, not silently skipped: a unit of inline codes alone
            // exported by another tool would vanish here.
            self.empty_rows += 1;
            if self.empty_lines.len() < EMPTY_LINES_SHOWN {
                self.empty_lines.push(self.line);
            }
        }
    }

    fn bytes_read(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    /// The columns, a language column's as read (`eng` is `en`, and
    /// `--map-lang toki=tok` makes `toki` `tok`).
    /// Columns left out (`--map-lang location=-`) are listed apart: the
    /// first of `columns` that is no id, document or tuid is the table's
    /// source language.
    fn header_json(&self) -> String {
        let mut names: Vec<&str> = Vec::new();
        let mut left_out: Vec<&str> = Vec::new();
        for (c, name) in self.columns.iter().zip(&self.names) {
            match c {
                Column::Lang(tag) => names.push(tag),
                Column::LeftOut => left_out.push(name),
                _ => names.push(name),
            }
        }
        if left_out.is_empty() {
            serde_json::json!({ "columns": names }).to_string()
        } else {
            serde_json::json!({ "columns": names, "left_out": left_out }).to_string()
        }
    }

    fn srclang(&self) -> Option<String> {
        None
    }

    fn repairs(&self) -> super::Repairs {
        super::Repairs {
            rows_without_text: self.empty_rows,
            dropped: self
                .empty_lines
                .iter()
                .map(|line| format!("{}:{line}: a row without text", self.path.display()))
                .collect(),
            ..super::Repairs::default()
        }
    }
}

/// Lines of rows without text named in the summary.
const EMPTY_LINES_SHOWN: usize = 3;

/// The columns a header row names. Every column that names no language
/// (and is not mapped to one, nor left out) is named in one error, with the
/// `--map-lang` that says what it holds.
fn columns(
    path: &Path,
    header: &[String],
    langs: &crate::lang::LangMap,
) -> anyhow::Result<Vec<Column>> {
    let mut columns = Vec::new();
    let mut unknown: Vec<(usize, &str, anyhow::Error)> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let column = match name.trim().to_ascii_lowercase().as_str() {
            "id" => Column::Id,
            "document" => Column::Document,
            "tuid" => Column::Tuid,
            _ if langs.leaves_out(name) => {
                columns.push(Column::LeftOut);
                continue;
            }
            _ => match langs.read(name) {
                Ok(lang) => Column::Lang(lang),
                Err(e) => {
                    unknown.push((i + 1, name.trim(), e));
                    continue;
                }
            },
        };
        if columns.contains(&column) {
            bail!(
                "{}:1: column '{name}' appears twice in the header row",
                path.display()
            );
        }
        columns.push(column);
    }
    match unknown.as_slice() {
        [] => {}
        [(i, name, e)] => bail!(
            "{}:1: column {i} of the header row is neither id, document, tuid nor a language: \
             {e:#}, or leave the column out: --map-lang {name}=-",
            path.display()
        ),
        many => {
            let numbers: Vec<String> = many.iter().map(|(i, _, _)| i.to_string()).collect();
            let names: Vec<&str> = many.iter().map(|(_, n, _)| *n).collect();
            bail!(
                "{}:1: columns {} of the header row ({}) are neither id, document, tuid nor a \
                 language: for each, give the language it holds (--map-lang {first}=TAG) \
                 or leave it out (--map-lang {first}=-)",
                path.display(),
                numbers.join(", "),
                names.join(", "),
                first = names[0],
            )
        }
    }
    if !columns.iter().any(|c| matches!(c, Column::Lang(_))) {
        bail!(
            "{}:1: the header row names no language column",
            path.display()
        );
    }
    Ok(columns)
}

/// CSV errors worded once for every CSV reader (TM tables, glossaries).
pub(crate) const UNCLOSED_QUOTE: &str =
    "a quote opened here is never closed (a quote inside a quoted cell is written twice: \"\")";
pub(crate) const TEXT_AFTER_QUOTE: &str =
    "text after the closing quote of a cell (a quote inside a quoted cell is written twice: \"\")";

/// An RFC 4180 reader that knows where it is, so that a quoting error
/// names the real problem and its place (the `csv` crate takes an
/// unterminated quote to the end of the file, and `"a"x` for `ax`).
/// Lenient where nothing is lost: a quote inside an unquoted cell is text
/// (`5" screen`), blank lines between rows are skipped, CRLF ends a row.
/// The one CSV reader of TM tables and glossaries.
pub(crate) struct CsvReader<R = Box<dyn BufRead + Send>> {
    input: R,
    /// `,`, or `;` or tab when the header row says so.
    delimiter: u8,
    /// The line being parsed, with its line end.
    line: Vec<u8>,
    /// Lines read so far.
    lines: u64,
    /// Offset of `line` in the (UTF-8) input.
    offset: u64,
    /// Where each cell of the last row starts in the input, and whether it
    /// is quoted.
    starts: Vec<CellStart>,
}

pub(crate) enum CsvError {
    Io(std::io::Error),
    /// At this offset of the input: what is wrong.
    At(u64, String),
}

/// Where a cell starts in the input, and whether it is quoted.
pub(crate) type CellStart = (u64, bool);

/// A CSV's header row read: its line, its cells and what the caller made
/// of them.
pub(crate) type HeaderRow<T> = (u64, Vec<String>, T);

impl<R: BufRead> CsvReader<R> {
    /// A reader of `input` with commas between cells until
    /// [`Self::header`] finds otherwise.
    pub(crate) fn new(input: R) -> CsvReader<R> {
        CsvReader {
            input,
            delimiter: b',',
            line: Vec::new(),
            lines: 0,
            offset: 0,
            starts: Vec::new(),
        }
    }

    /// Where each cell of the last row starts in the input (for a cell
    /// with another separator than the file's, in its line), and whether
    /// it is quoted.
    pub(crate) fn starts(&self) -> &[CellStart] {
        &self.starts
    }

    /// Read the header row as Excel writes it, and set the separator: a
    /// first line `sep=;` names it; otherwise a header row that `accept`
    /// refuses when read with commas (or that is no CSV with commas, as
    /// `"en";"sq"` is not) is read with semicolons, then tabs (Excel in
    /// many European locales separates cells with semicolons; a CSV named
    /// so may hold tabs), and the first that `accept` takes sets it.
    /// A BOM starting a cell is dropped. None for an empty input; `error`
    /// words a reading error.
    pub(crate) fn header<T>(
        &mut self,
        accept: impl Fn(&[String]) -> anyhow::Result<T>,
        error: impl Fn(CsvError) -> anyhow::Error,
    ) -> anyhow::Result<Option<HeaderRow<T>>> {
        let mut first = self.record();
        // Excel may start a CSV with `sep=;`, naming the separator.
        if let Ok(Some((_, cells))) = &first {
            if let [only] = strip_boms(cells.clone()).as_slice() {
                if let Some(d) = only.strip_prefix("sep=").filter(|d| d.len() == 1) {
                    self.delimiter = d.as_bytes()[0];
                    first = self.record();
                }
            }
        }
        let read = match first {
            Ok(None) => return Ok(None),
            Ok(Some((line, cells))) => {
                let cells = strip_boms(cells);
                accept(&cells).map(|t| (line, cells, t))
            }
            Err(e) => Err(error(e)),
        };
        if self.delimiter != b',' {
            return read.map(Some);
        }
        let e = match read {
            Ok(header) => return Ok(Some(header)),
            Err(e) => e,
        };
        let other = [b';', b'\t'].into_iter().find_map(|d| {
            let (cells, starts) = CsvReader::split(&self.line, d)?;
            let cells = strip_boms(cells);
            let t = accept(&cells).ok()?;
            Some((d, cells, starts, t))
        });
        match other {
            Some((d, cells, starts, t)) => {
                self.delimiter = d;
                self.starts = starts
                    .iter()
                    .map(|(at, q)| (self.offset + at, *q))
                    .collect();
                Ok(Some((self.lines, cells, t)))
            }
            // No commas at all, and the others did not help.
            None if !self.line.contains(&b',') => Err(anyhow::anyhow!(
                "{e:#}\n  (the header row read with commas between cells; semicolons and tabs were tried too)"
            )),
            None => Err(e),
        }
    }

    /// Read the next line into `self.line`; false at the end of the input.
    fn next_line(&mut self) -> Result<bool, CsvError> {
        self.offset += self.line.len() as u64;
        self.line.clear();
        let n = self
            .input
            .read_until(b'\n', &mut self.line)
            .map_err(CsvError::Io)?;
        self.lines += (n > 0) as u64;
        // Checked by line, so that the error points at the bad byte.
        if let Err(e) = std::str::from_utf8(&self.line) {
            return Err(CsvError::At(
                self.offset + e.valid_up_to() as u64,
                "the text is not valid UTF-8".to_string(),
            ));
        }
        Ok(n > 0)
    }

    /// The next row: the line it starts on and its cells.
    pub(crate) fn record(&mut self) -> Result<Option<(u64, Vec<String>)>, CsvError> {
        // Blank lines between rows are skipped.
        loop {
            if !self.next_line()? {
                return Ok(None);
            }
            if !self.line.iter().all(|&b| b == b'\n' || b == b'\r') {
                break;
            }
        }
        let start_line = self.lines;
        let mut cells = Vec::new();
        self.starts.clear();
        let mut cell: Vec<u8> = Vec::new();
        let mut i = 0;
        loop {
            // At the start of a cell.
            let quoted = self.line.get(i) == Some(&b'"');
            self.starts.push((self.offset + i as u64, quoted));
            if quoted {
                let (open_offset, mut j) = (self.offset + i as u64, i + 1);
                loop {
                    match self.line.get(j) {
                        Some(b'"') if self.line.get(j + 1) == Some(&b'"') => {
                            cell.push(b'"');
                            j += 2;
                        }
                        Some(b'"') => {
                            j += 1;
                            break;
                        }
                        Some(&b) => {
                            cell.push(b);
                            j += 1;
                        }
                        None => {
                            // The quoted cell goes on on the next line.
                            if !self.next_line()? {
                                return Err(CsvError::At(open_offset, UNCLOSED_QUOTE.to_string()));
                            }
                            j = 0;
                        }
                    }
                }
                i = j;
                match self.line.get(i) {
                    Some(&b) if b == self.delimiter => {}
                    None | Some(b'\n') => {}
                    Some(b'\r') if matches!(self.line.get(i + 1), None | Some(b'\n')) => {}
                    Some(_) => {
                        return Err(CsvError::At(
                            self.offset + i as u64,
                            TEXT_AFTER_QUOTE.to_string(),
                        ));
                    }
                }
            } else {
                while let Some(&b) = self.line.get(i) {
                    if b == self.delimiter || b == b'\n' {
                        break;
                    }
                    cell.push(b);
                    i += 1;
                }
                if self.line.get(i) != Some(&self.delimiter) && cell.last() == Some(&b'\r') {
                    cell.pop();
                }
            }
            let text = String::from_utf8(std::mem::take(&mut cell)).map_err(|_| {
                CsvError::At(
                    self.offset + i as u64,
                    "the text is not valid UTF-8".to_string(),
                )
            })?;
            cells.push(text);
            if self.line.get(i) == Some(&self.delimiter) {
                i += 1;
            } else {
                return Ok(Some((start_line, cells)));
            }
        }
    }
}

impl CsvReader<std::io::Cursor<Vec<u8>>> {
    /// The cells of one line (a header row) with another delimiter, and
    /// where they start in it; None if it does not parse, or gives one
    /// cell only.
    fn split(line: &[u8], delimiter: u8) -> Option<(Vec<String>, Vec<CellStart>)> {
        let mut r = CsvReader::new(std::io::Cursor::new(line.to_vec()));
        r.delimiter = delimiter;
        let cells = r.record().ok()??.1;
        (cells.len() > 1).then_some((cells, r.starts))
    }
}

/// A CSV reading error of `path`, located where the reader can say.
fn csv_error(path: &Path, e: CsvError) -> anyhow::Error {
    match e {
        CsvError::Io(e) => {
            anyhow::Error::new(e).context(format!("{}: cannot read (is it UTF-8?)", path.display()))
        }
        CsvError::At(offset, message) => super::located_error(path, offset, &message),
    }
}

/// The cells with a BOM that starts one dropped.
fn strip_boms(cells: Vec<String>) -> Vec<String> {
    cells
        .into_iter()
        .map(|c| match c.strip_prefix(super::BOM) {
            Some(rest) => rest.to_string(),
            None => c,
        })
        .collect()
}

fn unescape_tsv(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The escaping of [`Dialect::Tsv`] cells.
pub fn escape_tsv(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// Writes units as a table: `id`, `document`, then one column per language.
pub struct TableWriter<W: Write> {
    dialect: Dialect,
    langs: Vec<String>,
    csv: Option<::csv::Writer<W>>,
    tsv: Option<W>,
}

impl<W: Write> TableWriter<W> {
    pub fn new(w: W, dialect: Dialect, langs: &[String]) -> anyhow::Result<TableWriter<W>> {
        let mut header = vec!["id".to_string(), "document".to_string()];
        header.extend(langs.iter().cloned());
        let mut t = TableWriter {
            dialect,
            langs: langs.to_vec(),
            csv: None,
            tsv: None,
        };
        match dialect {
            Dialect::Csv => {
                let mut c = ::csv::Writer::from_writer(w);
                c.write_record(&header)?;
                t.csv = Some(c);
            }
            Dialect::Tsv => {
                let mut w = w;
                w.write_all(header.join("\t").as_bytes())?;
                w.write_all(b"\n")?;
                t.tsv = Some(w);
            }
        }
        Ok(t)
    }

    pub fn write_unit(&mut self, id: i64, unit: &Unit) -> anyhow::Result<()> {
        let text = |lang: &String| {
            unit.variants
                .iter()
                .find(|v| &v.lang == lang)
                .map_or("", |v| v.text.as_str())
        };
        let doc = unit.document.as_deref().unwrap_or("");
        match self.dialect {
            Dialect::Csv => {
                let c = self.csv.as_mut().expect("csv writer");
                let mut row = vec![id.to_string(), doc.to_string()];
                row.extend(self.langs.iter().map(|l| text(l).to_string()));
                c.write_record(&row)?;
            }
            Dialect::Tsv => {
                let w = self.tsv.as_mut().expect("tsv writer");
                let mut row = vec![id.to_string(), escape_tsv(doc)];
                row.extend(self.langs.iter().map(|l| escape_tsv(text(l))));
                w.write_all(row.join("\t").as_bytes())?;
                w.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> anyhow::Result<()> {
        if let Some(mut c) = self.csv {
            c.flush()?;
        }
        if let Some(mut w) = self.tsv {
            w.flush()?;
        }
        Ok(())
    }
}
