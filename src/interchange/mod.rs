//! Interchange formats: TMX 1.4b (and 1.1–1.4a on import), CSV and TSV.
//!
//! Pure readers and writers: they turn files into [`Unit`]s and [`Unit`]s into
//! files, streaming (one unit in memory at a time), and never print or touch
//! the TM. `store::import_units` and `store::for_each_unit` do the SQL.
//!
//! Invariants:
//! - [`Variant::text`] is the plain text (inline markup removed, entities
//!   resolved): what matching sees. [`Variant::markup`] holds the `<seg>`
//!   content verbatim, only when it has inline markup (bpt, ept, it, ph, hi,
//!   sub, ut); a writer prefers it to the text.
//! - Language tags are canonical BCP 47 ([`crate::lang::canonical`]), or
//!   what `--map-lang` reads a file's tag as ([`crate::lang::LangMap`]).
//! - Errors name the file, line and column, with the offending line.

pub mod csv;
pub mod tmx;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::bail;

/// The TMX `prop` type that carries a unit's document name (tm's own).
pub const DOCUMENT_PROP: &str = "x-tm-document";

/// One translation unit: the same content in one or more languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    pub tuid: Option<String>,
    /// The TM unit id a tm export wrote (the `id` column of its CSV and
    /// TSV): on import, of the TM units with the unit's source text, the
    /// one it stands for.
    pub tm_id: Option<i64>,
    /// The source language the TM knows for the unit (the `srclang` of the
    /// TMX file it came from, the source language of its alignment): set
    /// on export, never by a reader (a `<tu>`'s own `srclang` is in `meta`).
    pub srclang: Option<String>,
    /// The `o-tmf` of the TMX file the unit came from (the format of the
    /// tool's TM): set on export, never by a reader (a `<tu>`'s own is in
    /// `meta`).
    pub o_tmf: Option<String>,
    /// The document the unit belongs to, if any.
    pub document: Option<String>,
    /// Attributes (other than tuid), props and notes of the `<tu>`.
    pub meta: Meta,
    pub variants: Vec<Variant>,
}

impl Unit {
    /// Which of the unit's texts is in the source language `srclang`: the
    /// same tag, else the first that `srclang` covers (`en` → `en-US`), else
    /// the first that covers `srclang` (`en-US` → `en`). None if the unit has
    /// no text in that language.
    pub fn source_index(&self, srclang: &str) -> Option<usize> {
        crate::lang::position(self.variants.iter().map(|v| v.lang.as_str()), srclang)
    }
}

/// A unit's text in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variant {
    pub lang: String,
    /// Plain text: markup removed, entities resolved.
    pub text: String,
    /// The `<seg>` content as written (XML), when it has inline markup.
    pub markup: Option<String>,
    /// Attributes (other than the language), props and notes of the `<tuv>`.
    pub meta: Meta,
}

/// TMX metadata of a header, unit or variant, kept as read.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// Attributes in document order, e.g. `("creationdate", "20240101T120000Z")`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
}

impl Meta {
    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty() && self.notes.is_empty() && self.props.is_empty()
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `<prop type="…">value</prop>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prop {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    pub value: String,
}

/// `<note>text</note>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    pub text: String,
}

/// The formats `tm import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tmx,
    Csv,
    Tsv,
}

impl Format {
    /// The format of a file, by its extension (`.tmx`, `.xml`, `.csv`,
    /// `.tsv`, `.tab`). A `.txt` file may hold anything (an article to align,
    /// a table): it needs the format named.
    pub fn of_path(path: &Path) -> anyhow::Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        Ok(match ext.as_str() {
            "tmx" | "xml" => Format::Tmx,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            _ => bail!(
                "cannot tell the format of {} from its extension: name it .tmx, .csv or .tsv, or pass --from tmx|csv|tsv",
                path.display()
            ),
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }
}

/// A source of units read from one file (Send: an import reads it on a
/// thread of its own).
pub trait UnitSource: Send {
    /// The next unit, or None at the end.
    fn next_unit(&mut self) -> anyhow::Result<Option<Unit>>;
    /// Bytes of the file read so far (for a progress bar).
    fn bytes_read(&self) -> u64;
    /// The file's header as JSON (the TMX header; the column names of CSV/TSV).
    fn header_json(&self) -> String;
    /// The default source language for the file's units (TMX header `srclang`).
    fn srclang(&self) -> Option<String>;
    /// What the reader mended or left out so far.
    fn repairs(&self) -> Repairs {
        Repairs::default()
    }
}

/// Reads the language tags of a file's units as the TM's languages
/// ([`crate::lang::read_as_one_of`]): OmegaT writes `EN-US` and `SQ-AL`
/// where a workspace has `en` and `sq`, and a round trip through it would
/// otherwise store every unit again under two new languages. A tag that
/// `--map-lang` chose is kept as it is. Two tags of one file that would be
/// read as one language are an error: the file tells regions apart.
pub struct TmLanguages {
    have: Vec<String>,
    chosen: crate::lang::LangMap,
    /// Each tag of the file seen so far, with the tag it is read as.
    seen: std::collections::BTreeMap<String, String>,
}

impl TmLanguages {
    /// `have`: the TM's languages; `chosen`: the `--map-lang` mappings.
    pub fn new(have: Vec<String>, chosen: &crate::lang::LangMap) -> TmLanguages {
        TmLanguages {
            have,
            chosen: chosen.clone(),
            seen: Default::default(),
        }
    }

    /// The tag `tag` (canonical, as a reader gives it) is read as.
    pub fn read(&mut self, tag: &str) -> anyhow::Result<String> {
        if let Some(to) = self.seen.get(tag) {
            return Ok(to.clone());
        }
        let have: Vec<&str> = self.have.iter().map(String::as_str).collect();
        let to = match crate::lang::read_as_one_of(tag, &have) {
            Some(to) if !self.chosen.maps_to(tag) => to.to_string(),
            _ => tag.to_string(),
        };
        if let Some((other, _)) = self.seen.iter().find(|(_, t)| **t == to) {
            let regional = if other == &to { tag } else { other.as_str() };
            bail!(
                "the file has {other} and {tag}, which would both be read as the TM's {to}: \
                 keep {regional} apart with --map-lang {regional}={regional}"
            );
        }
        self.seen.insert(tag.to_string(), to.clone());
        Ok(to)
    }

    /// Read each text's language of `unit` ([`read`](Self::read)).
    pub fn read_unit(&mut self, unit: &mut Unit) -> anyhow::Result<()> {
        for v in &mut unit.variants {
            // Every variant of an import passes here: a tag seen before
            // and read as itself costs a lookup, not a new string.
            match self.seen.get(&v.lang) {
                Some(to) if *to == v.lang => {}
                _ => v.lang = self.read(&v.lang)?,
            }
        }
        Ok(())
    }

    /// The tags read as another, in order: (the file's, the TM's).
    pub fn read_as(&self) -> Vec<(String, String)> {
        (self.seen.iter())
            .filter(|(from, to)| from != to)
            .map(|(from, to)| (from.clone(), to.clone()))
            .collect()
    }
}

/// Open `path` as a source of units, reading its language tags through
/// `langs` (`--map-lang`; else [`crate::lang::canonical`]).
pub fn open(
    path: &Path,
    format: Format,
    langs: &crate::lang::LangMap,
) -> anyhow::Result<Box<dyn UnitSource + Send>> {
    Ok(match format {
        Format::Tmx => Box::new(tmx::TmxFile::open(path, langs)?),
        Format::Csv => Box::new(csv::TableFile::open(path, csv::Dialect::Csv, langs)?),
        Format::Tsv => Box::new(csv::TableFile::open(path, csv::Dialect::Tsv, langs)?),
    })
}

/// Counts the bytes read through it (shared, so a progress bar can watch).
pub(crate) struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Converts UTF-16 (or another encoding) to UTF-8 as it reads.
struct Transcode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    raw_len: usize,
    out: Vec<u8>,
    out_pos: usize,
    out_len: usize,
    eof: bool,
}

impl<R: Read> Read for Transcode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_pos == self.out_len {
            if self.eof && self.raw_len == 0 {
                return Ok(0);
            }
            if !self.eof && self.raw_len < self.raw.len() {
                let n = self.inner.read(&mut self.raw[self.raw_len..])?;
                self.eof = n == 0;
                self.raw_len += n;
            }
            let (_, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.raw[..self.raw_len], &mut self.out, self.eof);
            self.raw.copy_within(read..self.raw_len, 0);
            self.raw_len -= read;
            self.out_pos = 0;
            self.out_len = written;
            if self.eof && read == 0 && written == 0 {
                self.raw_len = 0;
            }
        }
        let n = buf.len().min(self.out_len - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// U+FEFF at the start of a file, or of a line, cell or segment of one:
/// the byte-order mark of a file that was concatenated or pasted in, not
/// text. Readers drop it there.
pub(crate) const BOM: char = '\u{FEFF}';

/// Open a text file as UTF-8: a UTF-8 BOM is skipped; UTF-16 (with a BOM, or
/// recognisable from `<?xml`) and encodings named in an XML declaration are
/// converted. Returns the reader and a counter of raw bytes read.
pub(crate) fn open_utf8(path: &Path) -> anyhow::Result<(Box<dyn BufRead + Send>, Arc<AtomicU64>)> {
    use anyhow::Context;
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let count = Arc::new(AtomicU64::new(0));
    let mut raw = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: file,
            count: count.clone(),
        },
    );
    let head = raw
        .fill_buf()
        .with_context(|| format!("cannot read {}", path.display()))?
        .to_vec();
    let (encoding, bom) = sniff_encoding(&head);
    raw.consume(bom);
    if encoding == encoding_rs::UTF_8 {
        return Ok((Box::new(raw), count));
    }
    let reader = Transcode {
        inner: raw,
        decoder: encoding.new_decoder_without_bom_handling(),
        raw: vec![0; 1 << 16],
        raw_len: 0,
        out: vec![0; 3 << 16],
        out_pos: 0,
        out_len: 0,
        eof: false,
    };
    Ok((Box::new(BufReader::with_capacity(1 << 16, reader)), count))
}

/// The encoding of a file from its first bytes, and the length of its BOM:
/// a BOM (UTF-8, UTF-16 LE or BE), else UTF-16 recognisable from `<?xml`,
/// else the encoding an XML declaration names, else UTF-8.
fn sniff_encoding(head: &[u8]) -> (&'static encoding_rs::Encoding, usize) {
    match encoding_rs::Encoding::for_bom(head) {
        Some((enc, n)) => (enc, n),
        None if head.starts_with(b"<\0?\0") => (encoding_rs::UTF_16LE, 0),
        None if head.starts_with(b"\0<\0?") => (encoding_rs::UTF_16BE, 0),
        None => (declared_encoding(head).unwrap_or(encoding_rs::UTF_8), 0),
    }
}

/// A whole small file (a glossary to import) as text, decoded as
/// [`open_utf8`] reads a TMX: UTF-8 (a BOM dropped), UTF-16 with a BOM or
/// recognisable from `<?xml`, or the encoding an XML declaration names.
/// Line ends become LF.
pub fn decode_text(bytes: &[u8]) -> anyhow::Result<String> {
    let (encoding, bom) = sniff_encoding(bytes);
    if encoding == encoding_rs::UTF_8 {
        return crate::doc::decode(bytes);
    }
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
        .ok_or_else(|| anyhow::anyhow!("not valid {} text", encoding.name()))?;
    Ok(crate::doc::normalise(&text))
}

/// The `encoding` of an ASCII-compatible XML declaration, if any.
fn declared_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &head[..head.len().min(200)];
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    if !decl.starts_with("<?xml") {
        return None;
    }
    let at = decl.find("encoding")? + "encoding".len();
    let rest = decl[at..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    let value = rest[1..].split(quote).next()?;
    encoding_rs::Encoding::for_label(value.as_bytes())
        // A UTF-16 label without a BOM or NULs is a lie: the bytes are ASCII-compatible.
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
}

/// A position in a file, for error messages: 1-based line and column
/// (in characters), and the text of that line.
pub(crate) struct Location {
    pub line: u64,
    pub column: u64,
    pub text: String,
}

/// Find byte `offset` of the UTF-8 stream [`open_utf8`] gives for `path`.
/// Only called on an error, so re-reading the file costs nothing on success.
pub(crate) fn locate(path: &Path, offset: u64) -> Option<Location> {
    let (mut r, _) = open_utf8(path).ok()?;
    let mut line = 1;
    let mut pos = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = r.read_until(b'\n', &mut buf).ok()? as u64;
        if n == 0 || pos + n > offset {
            let upto = ((offset - pos) as usize).min(buf.len());
            let before = String::from_utf8_lossy(&buf[..upto]);
            let text = String::from_utf8_lossy(&buf);
            return Some(Location {
                line,
                column: before.chars().count() as u64 + 1,
                text: text.trim_end_matches(['\n', '\r']).to_string(),
            });
        }
        pos += n;
        line += 1;
    }
}

/// How many characters of the offending line an error shows.
const EXCERPT: usize = 160;

/// `file:line:col: message`, then the line and a caret under the column.
/// Of a long line (a TMX written on one line) it shows a window around
/// the column, `…` marking what is cut.
pub(crate) fn located_error(path: &Path, offset: u64, message: &str) -> anyhow::Error {
    match locate(path, offset) {
        Some(loc) => {
            let col = loc.column as usize - 1;
            let len = loc.text.chars().count();
            let start = if len <= EXCERPT {
                0
            } else {
                col.saturating_sub(EXCERPT / 2).min(len - EXCERPT)
            };
            let end = (start + EXCERPT).min(len);
            let mut shown: String = if start > 0 {
                "…".into()
            } else {
                String::new()
            };
            shown.extend(loc.text.chars().skip(start).take(end - start));
            if end < len {
                shown.push('…');
            }
            let caret_at = (col - start + (start > 0) as usize).min(shown.chars().count());
            let pad: String = shown
                .chars()
                .take(caret_at)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            anyhow::anyhow!(
                "{}:{}:{}: {message}\n  | {shown}\n  | {pad}^",
                path.display(),
                loc.line,
                loc.column
            )
        }
        None => anyhow::anyhow!("{}: {message}", path.display()),
    }
}

/// Escape text for XML content: `&`, `<`, `>`, and CR (which XML would turn
/// into LF). Fails on characters XML 1.0 cannot hold.
pub fn escape_text(s: &str, out: &mut String) -> Result<(), char> {
    escape(s, out, false)
}

/// Escape an attribute value: as [`escape_text`], plus `"`, tab and LF
/// (which attribute normalisation would turn into spaces).
pub fn escape_attr(s: &str, out: &mut String) -> Result<(), char> {
    escape(s, out, true)
}

fn escape(s: &str, out: &mut String, attr: bool) -> Result<(), char> {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\r' => "&#13;",
            b'"' if attr => "&quot;",
            b'\n' if attr => "&#10;",
            b'\t' if attr => "&#9;",
            b'\t' | b'\n' => continue,
            0..=0x1f => return Err(b as char),
            0xef => {
                // U+FFFE and U+FFFF are not XML characters (EF BF BE / EF BF BF).
                if s.as_bytes().get(i + 1) == Some(&0xbf)
                    && matches!(s.as_bytes().get(i + 2), Some(0xbe | 0xbf))
                {
                    return Err(s[i..].chars().next().unwrap_or('\u{fffe}'));
                }
                continue;
            }
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&s[start..]);
    Ok(())
}

/// What a reader mended or left out, rather than refuse a file another
/// tool wrote (reported in the import summary).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Repairs {
    /// Dates in another ISO 8601 form, rewritten as TMX dates
    /// (`YYYYMMDDThhmmssZ`, in UTC).
    pub dates_normalised: u64,
    /// Date attributes left out: empty, or no date.
    pub dates_dropped: u64,
    /// `segtype` values in another case (`Sentence`), made lower case.
    pub segtypes_normalised: u64,
    /// `segtype` values that are none of TMX's four, left out.
    pub segtypes_dropped: u64,
    /// `<sub>` elements outside an inline code (TMX allows them only in
    /// bpt, ept, it, ph, ut): unwrapped, their text kept.
    pub subs_unwrapped: u64,
    /// Table rows without text in any language column: skipped.
    pub rows_without_text: u64,
    /// What was left out that held something, the first few: `file:line: what`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<String>,
}

impl Repairs {
    pub fn is_empty(&self) -> bool {
        *self == Repairs::default()
    }
}

/// The TMX `segtype` that `s` names, in any case: block, paragraph,
/// sentence or phrase.
pub fn segtype(s: &str) -> Option<&'static str> {
    ["block", "paragraph", "sentence", "phrase"]
        .into_iter()
        .find(|t| t.eq_ignore_ascii_case(s.trim()))
}

/// A date in one of the ISO 8601 forms tools write, as a TMX date
/// (`YYYYMMDDThhmmssZ`, UTC): `2023-05-10T13:45:12Z`, `20230510T134512`
/// (no zone: UTC), `2023-05-10 13:45`, `2023-05-10T13:45:12.250+02:00`,
/// `2023-05-10` (midnight). None if `s` is no such date.
pub fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = |s: &str, at: usize, n: usize| -> Option<i64> {
        let p = s.get(at..at + n)?;
        p.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| p.parse().ok())
            .flatten()
    };
    let b = s.as_bytes();
    let (y, mo, d, mut rest) = if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        (
            digits(s, 0, 4)?,
            digits(s, 5, 2)?,
            digits(s, 8, 2)?,
            &s[10..],
        )
    } else {
        (
            digits(s, 0, 4)?,
            digits(s, 4, 2)?,
            digits(s, 6, 2)?,
            &s[8..],
        )
    };
    let (mut h, mut mi, mut se, mut zone) = (0, 0, 0, 0);
    if !rest.is_empty() {
        rest = rest.strip_prefix(['T', 't', ' '])?;
        if rest.as_bytes().get(2) == Some(&b':') {
            (h, mi) = (digits(rest, 0, 2)?, digits(rest, 3, 2)?);
            rest = &rest[5..];
            if let Some(r) = rest.strip_prefix(':') {
                se = digits(r, 0, 2)?;
                rest = &r[2..];
            }
        } else {
            (h, mi) = (digits(rest, 0, 2)?, digits(rest, 2, 2)?);
            rest = &rest[4..];
            if let Some(sec) = digits(rest, 0, 2) {
                se = sec;
                rest = &rest[2..];
            }
        }
        if let Some(f) = rest.strip_prefix(['.', ',']) {
            let n = f.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return None;
            }
            rest = &f[n..];
        }
        match rest {
            "" | "Z" | "z" => {}
            _ => {
                let sign = match rest.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let z = &rest[1..];
                let (zh, zm) = match z.len() {
                    2 => (digits(z, 0, 2)?, 0),
                    4 => (digits(z, 0, 2)?, digits(z, 2, 2)?),
                    5 if z.as_bytes()[2] == b':' => (digits(z, 0, 2)?, digits(z, 3, 2)?),
                    _ => return None,
                };
                if zh > 14 || zm > 59 {
                    return None;
                }
                zone = sign * (zh * 60 + zm);
            }
        }
    }
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60
    {
        return None;
    }
    let (mut y, mut mo, mut d) = (y, mo, d);
    if zone != 0 || se == 60 {
        let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - zone * 60;
        (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
        let t = secs.rem_euclid(86_400);
        (h, mi, se) = (t / 3600, t / 60 % 60, t % 60);
    }
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{se:02}Z"))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm), and back.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + (m <= 2) as i64, m, d)
}

/// A TMX date: `YYYYMMDDThhmmssZ` with a real month, day and time.
pub fn is_tmx_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) = (
        digits(0..4),
        digits(4..6),
        digits(6..8),
        digits(9..11),
        digits(11..13),
        digits(13..15),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d) && h < 24 && mi < 60 && se < 61
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_text_is_found_by_language_range() {
        let unit = |langs: &[&str]| Unit {
            variants: langs
                .iter()
                .map(|l| Variant {
                    lang: l.to_string(),
                    ..Variant::default()
                })
                .collect(),
            ..Unit::default()
        };
        assert_eq!(unit(&["de-DE", "en-US"]).source_index("en"), Some(1));
        assert_eq!(unit(&["en-US", "en"]).source_index("en"), Some(1));
        assert_eq!(unit(&["de", "en"]).source_index("en-GB"), Some(1));
        assert_eq!(unit(&["de", "sr-Cyrl"]).source_index("sr-Latn"), None);
        assert_eq!(unit(&["de", "sq"]).source_index("fr"), None);
    }

    #[test]
    fn dates() {
        assert!(is_tmx_date("20240229T235959Z"));
        assert!(!is_tmx_date("20230229T120000Z"));
        assert!(!is_tmx_date("2024-01-01T12:00:00Z"));
        assert!(!is_tmx_date("20241301T120000Z"));
        assert!(!is_tmx_date("20240101T120000"));
    }

    #[test]
    fn decodes_utf16_and_declared_encodings() {
        let text = "<?xml version=\"1.0\"?>\r\n<a>Приштина ë</a>\r\n";
        let want = text.replace("\r\n", "\n");
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode_text(&[&[0xFF, 0xFE][..], &le].concat()).unwrap(),
            want
        );
        assert_eq!(
            decode_text(&[&[0xFE, 0xFF][..], &be].concat()).unwrap(),
            want
        );
        assert_eq!(decode_text(&le).unwrap(), want);
        assert_eq!(decode_text(&be).unwrap(), want);
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFid,type\r\n").unwrap(),
            "id,type\n"
        );
        assert_eq!(
            decode_text(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xEB</a>").unwrap(),
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>ë</a>"
        );
        let odd = [&[0xFF, 0xFE][..], &le[..le.len() - 1]].concat();
        assert!(
            decode_text(&odd)
                .unwrap_err()
                .to_string()
                .contains("UTF-16LE")
        );
        assert!(
            decode_text(b"a\xFF")
                .unwrap_err()
                .to_string()
                .contains("0xFF")
        );
    }

    #[test]
    fn dates_in_other_iso_forms_are_normalised() {
        let n = |s: &str| normalise_date(s);
        assert_eq!(n("2023-05-10T13:45:12Z").unwrap(), "20230510T134512Z");
        assert_eq!(n("20230510T134512").unwrap(), "20230510T134512Z");
        assert_eq!(n("2023-05-10 13:45").unwrap(), "20230510T134500Z");
        assert_eq!(n("2023-05-10T13:45:12.250Z").unwrap(), "20230510T134512Z");
        assert_eq!(n("2023-05-10").unwrap(), "20230510T000000Z");
        assert_eq!(n("20230510").unwrap(), "20230510T000000Z");
        // Offsets are taken to UTC, across days, months and years.
        assert_eq!(n("2023-05-10T01:45:12+02:00").unwrap(), "20230509T234512Z");
        assert_eq!(n("2023-12-31T23:30:00-0100").unwrap(), "20240101T003000Z");
        assert_eq!(n("2024-03-01T00:15:00+01").unwrap(), "20240229T231500Z");
        for bad in [
            "",
            "yesterday",
            "2023-02-29",
            "2023-13-01T00:00:00Z",
            "2023-05-10T25:00:00Z",
            "2023-05-10T13:45:12+2",
            "2023-05-10X",
            "2023-5-10",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        escape_attr("a&b<\"c\"\n", &mut s).unwrap();
        assert_eq!(s, "a&amp;b&lt;&quot;c&quot;&#10;");
        let mut s = String::new();
        escape_text("x\r\ny\t>", &mut s).unwrap();
        assert_eq!(s, "x&#13;\ny\t&gt;");
        assert_eq!(escape_text("bell\u{7}", &mut String::new()), Err('\u{7}'));
    }
}
