//! TMX: a streaming reader (1.1 to 1.4b) and writer (1.4b).
//!
//! The reader pulls one `<tu>` at a time from quick-xml events, so memory
//! stays flat whatever the file size. It refuses what it cannot read safely:
//! a DTD internal subset (entity declarations, hence entity bombs and external
//! entities), undefined entities, unknown versions, characters XML 1.0 does
//! not allow. It mends what other tools write loosely ([`Repairs`]): dates in
//! other ISO 8601 forms are rewritten as TMX dates, empty or invalid ones
//! left out.
//!
//! The writer is canonical: the same units always give the same bytes, so
//! export → import → export is byte-identical.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{BOM, DOCUMENT_PROP, Meta, Note, Prop, Repairs, Unit, UnitSource, Variant};

/// TMX versions the reader accepts.
const VERSIONS: &[&str] = &["1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b"];
/// Attributes that hold a TMX date (`YYYYMMDDThhmmssZ`).
const DATE_ATTRS: &[&str] = &["creationdate", "changedate", "lastusagedate"];

/// The TMX `<header>`: attributes in order, props, notes and any `<ude>`
/// elements (kept as XML).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    pub version: String,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ude: Vec<String>,
}

impl Header {
    /// The header's `srclang`, unless it is `*all*`.
    pub fn srclang(&self) -> Option<&str> {
        self.meta.attr("srclang").filter(|s| *s != "*all*")
    }
}

/// Whether an `o-tmf` value names the format of a tool's TM ("OmegaT TMX",
/// "SDL TM8 Format"). Translate Toolkit writes the file's character
/// encoding there (`o-tmf="UTF-8"`), which says nothing about a unit's
/// origin: any label the Encoding Standard knows is not a format.
pub fn names_a_tm_format(o_tmf: &str) -> bool {
    !o_tmf.trim().is_empty() && encoding_rs::Encoding::for_label(o_tmf.trim().as_bytes()).is_none()
}

/// A reader error at byte `offset` of the (UTF-8) input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub offset: u64,
    pub message: String,
}

type Res<T> = Result<T, ReadError>;

fn err<T>(offset: u64, message: impl Into<String>) -> Res<T> {
    Err(ReadError {
        offset,
        message: message.into(),
    })
}

/// The structural elements of TMX.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tag {
    Tmx,
    Header,
    Body,
    Tu,
    Tuv,
    Seg,
    Prop,
    Note,
    Ude,
    Other(String),
}

impl Tag {
    fn of(name: &[u8]) -> Tag {
        match name {
            b"tmx" => Tag::Tmx,
            b"header" => Tag::Header,
            b"body" => Tag::Body,
            b"tu" => Tag::Tu,
            b"tuv" => Tag::Tuv,
            b"seg" => Tag::Seg,
            b"prop" => Tag::Prop,
            b"note" => Tag::Note,
            b"ude" => Tag::Ude,
            other => Tag::Other(String::from_utf8_lossy(other).into_owned()),
        }
    }

    fn name(&self) -> &str {
        match self {
            Tag::Tmx => "tmx",
            Tag::Header => "header",
            Tag::Body => "body",
            Tag::Tu => "tu",
            Tag::Tuv => "tuv",
            Tag::Seg => "seg",
            Tag::Prop => "prop",
            Tag::Note => "note",
            Tag::Ude => "ude",
            Tag::Other(n) => n,
        }
    }
}

type Attrs = Vec<(String, String)>;

/// A structural event.
enum Ev {
    Start(Tag, Attrs),
    Empty(Tag, Attrs),
    End(Tag),
    Eof,
}

/// What a run of mixed content may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Content {
    /// Text only (prop, note).
    Text,
    /// Text and TMX inline elements (seg).
    Inline,
    /// Anything (ude, kept verbatim).
    Any,
}

/// The inline elements of TMX; all but `hi` and `sub` are native codes,
/// whose content is not text.
fn inline_is_code(name: &[u8]) -> Option<bool> {
    match name {
        b"bpt" | b"ept" | b"it" | b"ph" | b"ut" => Some(true),
        b"hi" | b"sub" => Some(false),
        _ => None,
    }
}

/// The inline codes of a `<seg>`'s content (as stored in
/// [`Variant::markup`]), sorted, for comparing a source with its target:
/// a native code (`bpt`, `ept`, `it`, `ph`, `ut`) is named by the code it
/// holds (`<b>`, `</b>`, `{1}`), or by its element and `type` when it holds
/// none (`<ph type="fnote"/>`); `hi` gives `<hi>` and `</hi>`. The text of a
/// `sub` is translatable, not code, and is left out. The `i` and `x`
/// attributes are not compared: tools number them per segment. Content that
/// is not well-formed gives the codes read up to the fault.
pub fn inline_codes(markup: &str) -> Vec<String> {
    let mut out: Vec<String> = walk(markup)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(_) => None,
            Piece::Code(c) => Some(c),
            Piece::Hi { end } => Some(if end { "</hi>" } else { "<hi>" }.to_string()),
        })
        .collect();
    out.sort_unstable();
    out
}

/// A part of a `<seg>`'s content, in order ([`inline_parts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text, entities resolved: the parts of [`Variant::text`].
    Text(String),
    /// A native code (`bpt`, `ept`, `it`, `ph`, `ut`), named as
    /// [`inline_codes`] names it: the code it holds (`<b>`, `{1}`), else its
    /// element and type (`<ph type="image"/>`).
    Code(String),
}

/// The content of a `<seg>` (as stored in [`Variant::markup`]) as text and
/// native codes, in order; `hi` only marks text, and is left out (its text
/// kept). The text parts, joined, are the plain text the reader gives.
/// Content that is not well-formed gives the parts read up to the fault.
pub fn inline_parts(markup: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for p in walk(markup) {
        match p {
            Piece::Text(t) => match out.last_mut() {
                Some(Inline::Text(last)) => last.push_str(&t),
                _ => out.push(Inline::Text(t)),
            },
            Piece::Code(c) => out.push(Inline::Code(c)),
            Piece::Hi { .. } => {}
        }
    }
    out
}

/// What [`walk`] reads.
enum Piece {
    Text(String),
    Code(String),
    Hi { end: bool },
}

/// Read a `<seg>`'s content into text, codes and `hi` marks, in order.
fn walk(markup: &str) -> Vec<Piece> {
    let mut xml = Reader::from_str(markup);
    let mut out = Vec::new();
    // The code being read: (element, type, native code so far).
    let mut code: Option<(String, Option<String>, String)> = None;
    let mut depth_in_code = 0usize;
    let mut in_sub = 0usize;
    let name_of = |e: &BytesStart| String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let type_of = |e: &BytesStart| {
        e.try_get_attribute("type")
            .ok()
            .flatten()
            .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .map(|v| v.into_owned())
    };
    let finish = |name: String, kind: Option<String>, native: String, out: &mut Vec<Piece>| {
        out.push(Piece::Code(if !native.trim().is_empty() {
            native
        } else {
            match kind {
                Some(t) => format!("<{name} type=\"{t}\"/>"),
                None => format!("<{name}/>"),
            }
        }))
    };
    // Text goes to the code being read (outside its `sub`s), or is text.
    let text = |code: &mut Option<(String, Option<String>, String)>,
                in_sub: usize,
                s: &str,
                out: &mut Vec<Piece>| {
        match code.as_mut() {
            Some((_, _, native)) if in_sub == 0 => native.push_str(s),
            Some(_) => {}
            None => out.push(Piece::Text(s.to_string())),
        }
    };
    loop {
        match xml.read_event() {
            Ok(Event::Start(e)) => {
                let name = name_of(&e);
                if code.is_some() {
                    depth_in_code += 1;
                    in_sub += (name == "sub") as usize;
                } else if name == "hi" {
                    out.push(Piece::Hi { end: false });
                } else if inline_is_code(name.as_bytes()) == Some(true) {
                    code = Some((name, type_of(&e), String::new()));
                    depth_in_code = 0;
                }
            }
            Ok(Event::Empty(e)) => {
                let name = name_of(&e);
                if code.is_none() && inline_is_code(name.as_bytes()) == Some(true) {
                    let kind = type_of(&e);
                    finish(name, kind, String::new(), &mut out);
                }
            }
            Ok(Event::End(e)) => {
                if code.is_some() {
                    if depth_in_code == 0 {
                        let (name, kind, native) = code.take().expect("checked");
                        finish(name, kind, native, &mut out);
                    } else {
                        depth_in_code -= 1;
                        in_sub -= (e.name().as_ref() == b"sub") as usize;
                    }
                } else if e.name().as_ref() == b"hi" {
                    out.push(Piece::Hi { end: true });
                }
            }
            Ok(Event::Text(t)) => {
                if let Ok(c) = t.xml10_content() {
                    text(&mut code, in_sub, &c, &mut out);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&name)
                        .unwrap_or("")
                        .to_string(),
                };
                text(&mut code, in_sub, &resolved, &mut out);
            }
            Ok(Event::CData(c)) => {
                text(&mut code, in_sub, &String::from_utf8_lossy(&c), &mut out);
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A pull reader of TMX units.
pub struct TmxReader<R: BufRead> {
    xml: Reader<R>,
    buf: Vec<u8>,
    /// Offset of the event being handled (the `<` of a tag).
    at: u64,
    header: Header,
    done: bool,
    /// `<tu>` elements read so far.
    units: u64,
    repairs: Repairs,
    /// Offsets and messages of the first values left out (located later:
    /// only then is the file read again for line numbers).
    dropped_at: Vec<(u64, String)>,
    /// Tags the file writes that are read as others (`--map-lang`).
    langs: crate::lang::LangMap,
}

/// How many values left out the import summary names.
const DROPPED_SHOWN: usize = 3;

impl<R: BufRead> TmxReader<R> {
    /// Read the prolog and the header; the reader then stands before the first unit.
    pub fn new(input: R) -> Res<TmxReader<R>> {
        Self::with_langs(input, crate::lang::LangMap::default())
    }

    /// [`new`](Self::new), reading language tags through `langs`.
    pub fn with_langs(input: R, langs: crate::lang::LangMap) -> Res<TmxReader<R>> {
        let mut xml = Reader::from_reader(input);
        xml.config_mut().check_end_names = true;
        let mut r = TmxReader {
            xml,
            buf: Vec::with_capacity(4096),
            at: 0,
            header: Header::default(),
            done: false,
            units: 0,
            repairs: Repairs::default(),
            dropped_at: Vec::new(),
            langs,
        };
        r.prolog()?;
        Ok(r)
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    fn pull(&mut self) -> Res<Ev> {
        loop {
            self.buf.clear();
            self.at = self.xml.buffer_position();
            let at = self.at;
            let ev = match self.xml.read_event_into(&mut self.buf) {
                Ok(ev) => ev,
                Err(e) => return err(self.xml.error_position(), format!("malformed XML: {e}")),
            };
            return Ok(match ev {
                Event::Start(e) => Ev::Start(Tag::of(e.name().as_ref()), attrs(&e, at)?),
                Event::Empty(e) => Ev::Empty(Tag::of(e.name().as_ref()), attrs(&e, at)?),
                Event::End(e) => Ev::End(Tag::of(e.name().as_ref())),
                Event::Text(t) => {
                    if t.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return err(at, "unexpected text between TMX elements");
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    return err(at, "unexpected text between TMX elements");
                }
                Event::Comment(_) | Event::PI(_) => continue,
                Event::Decl(_) if at == 0 => continue,
                Event::Decl(_) => return err(at, "an XML declaration in the middle of the file"),
                Event::DocType(d) => {
                    if d.contains(&b'[') {
                        return err(
                            at,
                            "the file declares a DTD internal subset (<!DOCTYPE … [ … ]>): tm reads no DTD or \
                             entity declarations, so that no entity is expanded (external entities, entity bombs)",
                        );
                    }
                    // `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`: never fetched.
                    continue;
                }
                Event::Eof => Ev::Eof,
            });
        }
    }

    /// "unexpected <x> inside <tu>", with what was expected if given.
    fn unexpected<T>(&self, ev: &Ev, inside: &str) -> Res<T> {
        self.unexpected_where(ev, &format!("inside <{inside}>"), None)
    }

    fn unexpected_where<T>(&self, ev: &Ev, place: &str, expected: Option<&str>) -> Res<T> {
        let what = match ev {
            Ev::Start(t, _) | Ev::Empty(t, _) => format!("unexpected <{}>", t.name()),
            Ev::End(t) => format!("unexpected </{}>", t.name()),
            Ev::Eof => "the file ends".to_string(),
        };
        match expected {
            Some(e) => err(self.at, format!("{what} {place}: expected {e}")),
            None => err(self.at, format!("{what} {place}")),
        }
    }

    fn prolog(&mut self) -> Res<()> {
        let (root_attrs, empty) = match self.pull()? {
            Ev::Start(Tag::Tmx, a) => (a, false),
            Ev::Empty(Tag::Tmx, a) => (a, true),
            Ev::Start(t, _) | Ev::Empty(t, _) => {
                return err(
                    self.at,
                    format!(
                        "the root element is <{}>, not <tmx>: this is not a TMX file",
                        t.name()
                    ),
                );
            }
            _ => {
                return err(
                    self.at,
                    "the file has no <tmx> element: this is not a TMX file",
                );
            }
        };
        let version = match root_attrs.iter().find(|(k, _)| k == "version") {
            Some((_, v)) => v.clone(),
            None => return err(self.at, "<tmx> has no version attribute"),
        };
        if !VERSIONS.contains(&version.as_str()) {
            return err(
                self.at,
                format!(
                    "unknown TMX version '{version}' (tm reads {})",
                    VERSIONS.join(", ")
                ),
            );
        }
        self.header.version = version;
        if empty {
            return err(self.at, "<tmx> has no <header>");
        }
        match self.pull()? {
            Ev::Start(Tag::Header, a) => {
                self.header.meta.attrs = self.checked_attrs(a)?;
                loop {
                    match self.pull()? {
                        Ev::End(Tag::Header) => break,
                        Ev::Start(Tag::Ude, a) => {
                            let mut raw = String::from("<ude");
                            for (k, v) in &a {
                                raw.push(' ');
                                raw.push_str(k);
                                raw.push_str("=\"");
                                let _ = super::escape_attr(v, &mut raw);
                                raw.push('"');
                            }
                            raw.push('>');
                            let (_, inner, _) = self.mixed(Content::Any, "ude")?;
                            raw.push_str(&inner);
                            raw.push_str("</ude>");
                            self.header.ude.push(raw);
                        }
                        ev @ (Ev::Start(Tag::Prop | Tag::Note, _)
                        | Ev::Empty(Tag::Prop | Tag::Note, _)) => {
                            let mut meta = std::mem::take(&mut self.header.meta);
                            self.prop_or_note(ev, &mut meta)?;
                            self.header.meta = meta;
                        }
                        ev => return self.unexpected(&ev, "header"),
                    }
                }
            }
            Ev::Empty(Tag::Header, a) => self.header.meta.attrs = self.checked_attrs(a)?,
            ev => return self.unexpected_where(&ev, "inside <tmx>", Some("<header>")),
        }
        match self.pull()? {
            Ev::Start(Tag::Body, _) => {}
            Ev::Empty(Tag::Body, _) => self.end_of_file()?,
            ev => return self.unexpected_where(&ev, "inside <tmx>", Some("<body>")),
        }
        Ok(())
    }

    fn end_of_file(&mut self) -> Res<()> {
        match self.pull()? {
            Ev::End(Tag::Tmx) => {}
            ev => return self.unexpected_where(&ev, "inside <tmx>", Some("</tmx>")),
        }
        match self.pull()? {
            Ev::Eof => {}
            ev => return self.unexpected_where(&ev, "after </tmx>", None),
        }
        self.done = true;
        Ok(())
    }

    /// The next `<tu>`, or None after `</body>`.
    pub fn next_unit(&mut self) -> Res<Option<Unit>> {
        if self.done {
            return Ok(None);
        }
        match self.pull()? {
            Ev::Start(Tag::Tu, a) => {
                self.units += 1;
                let which = self.which_unit(&a);
                self.tu(a).map(Some).map_err(|mut e| {
                    e.message.push_str(&which);
                    e
                })
            }
            Ev::Empty(Tag::Tu, a) => {
                self.units += 1;
                err(
                    self.at,
                    format!("a <tu> without any <tuv>{}", self.which_unit(&a)),
                )
            }
            Ev::End(Tag::Body) => {
                self.end_of_file()?;
                Ok(None)
            }
            ev => self.unexpected(&ev, "body"),
        }
    }

    /// " (unit N, tuid "x")": which `<tu>` of the file an error is in.
    fn which_unit(&self, attrs: &Attrs) -> String {
        match attrs.iter().find(|(k, _)| k == "tuid") {
            Some((_, tuid)) => format!(" (unit {}, tuid {tuid:?})", self.units),
            None => format!(" (unit {})", self.units),
        }
    }

    /// Languages made canonical; dates in another ISO 8601 form rewritten
    /// as TMX dates, empty or invalid ones left out (and counted): a bad
    /// date is no reason to refuse a whole file.
    fn checked_attrs(&mut self, attrs: Attrs) -> Res<Attrs> {
        let mut out = Vec::with_capacity(attrs.len());
        for (k, mut v) in attrs {
            if DATE_ATTRS.contains(&k.as_str()) && !super::is_tmx_date(&v) {
                match super::normalise_date(&v) {
                    Some(date) => {
                        self.repairs.dates_normalised += 1;
                        v = date;
                    }
                    None => {
                        self.repairs.dates_dropped += 1;
                        if !v.trim().is_empty() && self.dropped_at.len() < DROPPED_SHOWN {
                            self.dropped_at
                                .push((self.at, format!("{k}=\"{v}\" is not a date")));
                        }
                        continue;
                    }
                }
            }
            if k == "srclang" && v != "*all*" {
                v = self.lang(&v)?;
            }
            if k == "segtype" {
                match super::segtype(&v) {
                    Some(t) if t == v => {}
                    Some(t) => {
                        self.repairs.segtypes_normalised += 1;
                        v = t.to_string();
                    }
                    None => {
                        self.repairs.segtypes_dropped += 1;
                        if self.dropped_at.len() < DROPPED_SHOWN {
                            self.dropped_at.push((
                                self.at,
                                format!(
                                    "segtype=\"{v}\" is not block, paragraph, sentence or phrase"
                                ),
                            ));
                        }
                        continue;
                    }
                }
            }
            out.push((k, v));
        }
        Ok(out)
    }

    fn lang(&self, tag: &str) -> Res<String> {
        self.langs
            .read(tag)
            .or_else(|e| err(self.at, format!("{e:#}")))
    }

    fn tu(&mut self, attrs: Attrs) -> Res<Unit> {
        let tu_at = self.at;
        let mut unit = Unit::default();
        for (k, v) in self.checked_attrs(attrs)? {
            if k == "tuid" {
                unit.tuid = Some(v);
            } else {
                unit.meta.attrs.push((k, v));
            }
        }
        loop {
            match self.pull()? {
                Ev::End(Tag::Tu) => break,
                Ev::Start(Tag::Tuv, a) => {
                    let at = self.at;
                    let v = self.tuv(a)?;
                    if unit.variants.iter().any(|x| x.lang == v.lang) {
                        return err(
                            at,
                            format!(
                                "a second <tuv> in {} in one <tu> (tm keeps one text per language per unit)",
                                v.lang
                            ),
                        );
                    }
                    unit.variants.push(v);
                }
                Ev::Empty(Tag::Tuv, _) => return err(self.at, "a <tuv> without <seg>"),
                ev
                @ (Ev::Start(Tag::Prop | Tag::Note, _) | Ev::Empty(Tag::Prop | Tag::Note, _)) => {
                    self.prop_or_note(ev, &mut unit.meta)?;
                }
                ev => return self.unexpected(&ev, "tu"),
            }
        }
        if unit.variants.is_empty() {
            return err(tu_at, "a <tu> without any <tuv>");
        }
        if let Some(i) = unit.meta.props.iter().position(|p| p.kind == DOCUMENT_PROP) {
            unit.document = Some(unit.meta.props.remove(i).value);
        }
        Ok(unit)
    }

    fn tuv(&mut self, attrs: Attrs) -> Res<Variant> {
        let mut v = Variant::default();
        let mut lang = None;
        // `lang` (TMX 1.1–1.3) names the language only without `xml:lang`.
        let mut deprecated_lang = None;
        for (k, val) in self.checked_attrs(attrs)? {
            match k.as_str() {
                "xml:lang" => lang = Some(val),
                "lang" => deprecated_lang = Some(val),
                _ => v.meta.attrs.push((k, val)),
            }
        }
        let lang = lang.or(deprecated_lang);
        let Some(lang) = lang.filter(|l| !l.trim().is_empty()) else {
            return err(self.at, "a <tuv> without a language (xml:lang)");
        };
        v.lang = self.lang(&lang)?;
        let mut seg = false;
        loop {
            match self.pull()? {
                Ev::End(Tag::Tuv) if seg => return Ok(v),
                Ev::End(Tag::Tuv) => return err(self.at, "a <tuv> without <seg>"),
                Ev::Start(Tag::Seg, _) if !seg => {
                    let (mut text, mut raw, markup) = self.mixed(Content::Inline, "seg")?;
                    // A U+FEFF starting a segment is the byte-order mark of
                    // a file pasted in, not text.
                    if let Some(r) = raw.strip_prefix(BOM) {
                        raw = r.to_string();
                        text = text.strip_prefix(BOM).unwrap_or(&text).to_string();
                    }
                    v.text = text;
                    v.markup = markup.then_some(raw);
                    seg = true;
                }
                Ev::Empty(Tag::Seg, _) if !seg => seg = true,
                ev
                @ (Ev::Start(Tag::Prop | Tag::Note, _) | Ev::Empty(Tag::Prop | Tag::Note, _)) => {
                    self.prop_or_note(ev, &mut v.meta)?;
                }
                ev => return self.unexpected(&ev, "tuv"),
            }
        }
    }

    fn prop_or_note(&mut self, ev: Ev, meta: &mut Meta) -> Res<()> {
        let (tag, attrs, empty) = match ev {
            Ev::Start(t, a) => (t, a, false),
            Ev::Empty(t, a) => (t, a, true),
            _ => unreachable!("called on a start tag"),
        };
        let at = self.at;
        let text = if empty {
            String::new()
        } else {
            self.mixed(Content::Text, tag.name())?.0
        };
        let mut kind = None;
        let mut lang = None;
        let mut deprecated_lang = None;
        let mut encoding = None;
        for (k, v) in attrs {
            match k.as_str() {
                "type" => kind = Some(v),
                "xml:lang" => lang = Some(v),
                "lang" => deprecated_lang = Some(v),
                "o-encoding" => encoding = Some(v),
                _ => {}
            }
        }
        let lang = lang.or(deprecated_lang);
        if tag == Tag::Prop {
            let Some(kind) = kind else {
                return err(at, "a <prop> without a type");
            };
            meta.props.push(Prop {
                kind,
                lang,
                encoding,
                value: text,
            });
        } else {
            meta.notes.push(Note {
                lang,
                encoding,
                text,
            });
        }
        Ok(())
    }
}

impl<R: BufRead> TmxReader<R> {
    /// Read mixed content up to the end tag of the element just opened.
    /// Returns the plain text, the content as written (XML), and whether it
    /// held any element.
    fn mixed(&mut self, allowed: Content, inside: &str) -> Res<(String, String, bool)> {
        let mut plain = String::new();
        let mut raw = String::new();
        // The open elements: is each a native code? None for a `<sub>`
        // outside a code, which TMX does not allow there: unwrapped (its
        // text kept), so that what tm writes is valid.
        let mut open: Vec<Option<bool>> = Vec::new();
        let mut codes = 0usize;
        let mut markup = false;
        loop {
            self.buf.clear();
            let at = self.xml.buffer_position();
            let ev = match self.xml.read_event_into(&mut self.buf) {
                Ok(ev) => ev,
                Err(e) => return err(self.xml.error_position(), format!("malformed XML: {e}")),
            };
            match ev {
                Event::Text(t) => {
                    let s = utf8(&t, at)?;
                    storable(s, at)?;
                    raw.push_str(s);
                    if codes == 0 {
                        match t.xml10_content() {
                            Ok(c) => plain.push_str(&c),
                            Err(e) => return err(at, format!("{e}")),
                        }
                    }
                }
                Event::GeneralRef(r) => {
                    let name = utf8(&r, at)?;
                    let resolved: String = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => match quick_xml::escape::resolve_predefined_entity(name) {
                            Some(s) => s.to_string(),
                            None => {
                                return err(
                                    at,
                                    format!(
                                        "undefined entity &{name}; (tm reads no DTD, so only the five XML entities and character references are defined)"
                                    ),
                                );
                            }
                        },
                        Err(e) => return err(at, format!("bad character reference &{name};: {e}")),
                    };
                    storable(&resolved, at)?;
                    raw.push('&');
                    raw.push_str(name);
                    raw.push(';');
                    if codes == 0 {
                        plain.push_str(&resolved);
                    }
                }
                Event::CData(c) => {
                    let s = utf8(&c, at)?;
                    storable(s, at + "<![CDATA[".len() as u64)?;
                    raw.push_str("<![CDATA[");
                    raw.push_str(s);
                    raw.push_str("]]>");
                    if codes == 0 {
                        plain.push_str(s);
                    }
                }
                Event::Start(e) | Event::Empty(e) if allowed == Content::Text => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return err(
                        at,
                        format!("unexpected <{name}> inside <{inside}> (it holds text only)"),
                    );
                }
                Event::Start(e) => {
                    let code = inline(&e, allowed, inside, at)?;
                    if allowed == Content::Inline && stray_sub(&e, &open) {
                        self.repairs.subs_unwrapped += 1;
                        open.push(None);
                        continue;
                    }
                    markup = true;
                    open.push(Some(code));
                    codes += code as usize;
                    raw.push('<');
                    raw.push_str(utf8(&e, at)?);
                    raw.push('>');
                }
                Event::Empty(e) => {
                    inline(&e, allowed, inside, at)?;
                    if allowed == Content::Inline && stray_sub(&e, &open) {
                        self.repairs.subs_unwrapped += 1;
                        continue;
                    }
                    markup = true;
                    raw.push('<');
                    raw.push_str(utf8(&e, at)?);
                    raw.push_str("/>");
                }
                Event::End(e) => {
                    let Some(code) = open.pop() else { break };
                    let Some(code) = code else { continue };
                    codes -= code as usize;
                    raw.push_str("</");
                    raw.push_str(utf8(e.name().as_ref(), at)?);
                    raw.push('>');
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Decl(_) | Event::DocType(_) => {
                    return err(at, format!("a declaration inside <{inside}>"));
                }
                Event::Eof => return err(at, format!("the file ends inside <{inside}>")),
            }
        }
        Ok((plain, raw, markup))
    }
}

/// A `<sub>` that is not directly inside a native code (bpt, ept, it, ph,
/// ut), the only place TMX allows it.
fn stray_sub(e: &BytesStart, open: &[Option<bool>]) -> bool {
    e.name().as_ref() == b"sub" && open.last() != Some(&Some(true))
}

/// Check an element inside mixed content; true if it is a native code.
fn inline(e: &BytesStart, allowed: Content, inside: &str, at: u64) -> Res<bool> {
    {
        match (allowed, inline_is_code(e.name().as_ref())) {
            (Content::Any, code) => Ok(code.unwrap_or(false)),
            (_, Some(code)) => Ok(code),
            (_, None) => err(
                at,
                format!(
                    "unexpected <{}> inside <{inside}> (inline markup is bpt, ept, it, ph, hi, sub or ut)",
                    String::from_utf8_lossy(e.name().as_ref())
                ),
            ),
        }
    }
}

/// Refuse text the TM cannot hold (XML 1.0 does not allow it either);
/// `at` is the offset of its first byte.
fn storable(s: &str, at: u64) -> Res<()> {
    match crate::text::unstorable(s) {
        Some(bad) => err(at + bad.offset as u64, format!("the text holds {bad}")),
        None => Ok(()),
    }
}

fn utf8(b: &[u8], at: u64) -> Res<&str> {
    std::str::from_utf8(b).or_else(|_| err(at, "the text is not valid UTF-8"))
}

fn attrs(e: &BytesStart, at: u64) -> Res<Attrs> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = match a {
            Ok(a) => a,
            Err(x) => return err(at, format!("malformed XML: {x}")),
        };
        let key = utf8(a.key.as_ref(), at)?.to_string();
        let value = match a.normalized_value(XmlVersion::Implicit1_0) {
            Ok(v) => v.into_owned(),
            Err(x) => return err(at, format!("attribute {key}: {x}")),
        };
        if let Some(bad) = crate::text::unstorable(&value) {
            return err(at, format!("attribute {key} holds {bad}"));
        }
        out.push((key, value));
    }
    Ok(out)
}

/// A TMX file opened for reading: the reader plus what error messages need.
pub struct TmxFile {
    path: PathBuf,
    reader: TmxReader<Box<dyn BufRead + Send>>,
    count: Arc<AtomicU64>,
}

impl TmxFile {
    pub fn open(path: &Path, langs: &crate::lang::LangMap) -> anyhow::Result<TmxFile> {
        let (input, count) = super::open_utf8(path)?;
        let reader = TmxReader::with_langs(input, langs.clone())
            .map_err(|e| super::located_error(path, e.offset, &e.message))?;
        Ok(TmxFile {
            path: path.to_path_buf(),
            reader,
            count,
        })
    }

    pub fn header(&self) -> &Header {
        self.reader.header()
    }
}

impl UnitSource for TmxFile {
    fn next_unit(&mut self) -> anyhow::Result<Option<Unit>> {
        self.reader
            .next_unit()
            .map_err(|e| super::located_error(&self.path, e.offset, &e.message))
    }

    fn bytes_read(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    fn header_json(&self) -> String {
        serde_json::to_string(self.reader.header()).unwrap_or_default()
    }

    fn srclang(&self) -> Option<String> {
        self.reader.header().srclang().map(str::to_string)
    }

    fn repairs(&self) -> Repairs {
        let mut r = self.reader.repairs.clone();
        r.dropped = self
            .reader
            .dropped_at
            .iter()
            .map(|(offset, what)| match super::locate(&self.path, *offset) {
                Some(loc) => format!("{}:{}: {what}", self.path.display(), loc.line),
                None => format!("{}: {what}", self.path.display()),
            })
            .collect();
        r
    }
}

/// Writes TMX 1.4b, one unit at a time.
pub struct TmxWriter<W: Write> {
    w: W,
    buf: String,
}

/// Why a unit (or the header) could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Text that XML 1.0 cannot hold (a TM made before tm refused it on
    /// the way in); `what` says where: "the sq text", "the metadata".
    #[error("{what} holds {bad}")]
    Unstorable {
        what: String,
        bad: crate::text::Unstorable,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl From<char> for WriteError {
    fn from(ch: char) -> WriteError {
        WriteError::Unstorable {
            what: "the metadata".to_string(),
            bad: crate::text::Unstorable { offset: 0, ch },
        }
    }
}

/// The error for a `<seg>` whose text (or markup) cannot be written.
fn unstorable_text(lang: &str, text: &str) -> WriteError {
    WriteError::Unstorable {
        what: format!("the {lang} text"),
        bad: crate::text::unstorable(text).unwrap_or(crate::text::Unstorable {
            offset: 0,
            ch: '\u{FFFF}',
        }),
    }
}

impl<W: Write> TmxWriter<W> {
    /// Write the XML declaration, `<tmx>` and the header.
    pub fn new(w: W, header: &Header) -> Result<TmxWriter<W>, WriteError> {
        let mut t = TmxWriter {
            w,
            buf: String::with_capacity(4096),
        };
        let b = &mut t.buf;
        b.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header");
        write_attrs(b, &header.meta.attrs)?;
        if header.meta.notes.is_empty() && header.meta.props.is_empty() && header.ude.is_empty() {
            b.push_str("/>\n");
        } else {
            b.push_str(">\n");
            write_notes_props(b, &header.meta, None, "    ")?;
            for u in &header.ude {
                b.push_str("    ");
                b.push_str(u);
                b.push('\n');
            }
            b.push_str("  </header>\n");
        }
        b.push_str("  <body>\n");
        t.flush_buf()?;
        Ok(t)
    }

    fn flush_buf(&mut self) -> std::io::Result<()> {
        self.w.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }

    /// Write one `<tu>`. On an error nothing of the unit is written, so the
    /// caller may leave it out and go on.
    pub fn write_unit(&mut self, u: &Unit) -> Result<(), WriteError> {
        self.write_unit_with(u, &[])
    }

    /// [`write_unit`](Self::write_unit), with `<tu>` attributes set by the
    /// writer (`srclang`, `o-tmf`, which TMX 1.4b allows per `<tu>`):
    /// `Some(value)` is written after its tuid, in place of the unit's own
    /// attribute of that name; `None` leaves the unit's own out.
    pub fn write_unit_with(
        &mut self,
        u: &Unit,
        set: &[(&str, Option<&str>)],
    ) -> Result<(), WriteError> {
        let start = self.buf.len();
        if let Err(e) = unit_xml(&mut self.buf, u, set) {
            self.buf.truncate(start);
            return Err(e);
        }
        if self.buf.len() >= 1 << 16 {
            self.flush_buf()?;
        }
        Ok(())
    }

    /// Close the body and the document; returns the sink.
    pub fn finish(mut self) -> Result<W, WriteError> {
        self.buf.push_str("  </body>\n</tmx>\n");
        self.flush_buf()?;
        self.w.flush()?;
        Ok(self.w)
    }
}

fn unit_xml(b: &mut String, u: &Unit, set: &[(&str, Option<&str>)]) -> Result<(), WriteError> {
    {
        b.push_str("    <tu");
        if let Some(id) = &u.tuid {
            opt_attr(b, "tuid", Some(id))?;
        }
        for (k, v) in set {
            opt_attr(b, k, *v)?;
        }
        let own = u
            .meta
            .attrs
            .iter()
            .filter(|(k, _)| !set.iter().any(|(s, _)| s == k));
        write_attrs(b, own)?;
        b.push_str(">\n");
        write_notes_props(b, &u.meta, u.document.as_deref(), "      ")?;
        for v in &u.variants {
            b.push_str("      <tuv xml:lang=\"");
            super::escape_attr(&v.lang, b)?;
            b.push('"');
            write_attrs(b, &v.meta.attrs)?;
            b.push_str(">\n");
            write_notes_props(b, &v.meta, None, "        ")?;
            b.push_str("        <seg>");
            match &v.markup {
                Some(m) if crate::text::unstorable(m).is_none() => b.push_str(m),
                Some(m) => return Err(unstorable_text(&v.lang, m)),
                None => {
                    super::escape_text(&v.text, b).map_err(|_| unstorable_text(&v.lang, &v.text))?
                }
            }
            b.push_str("</seg>\n      </tuv>\n");
        }
        b.push_str("    </tu>\n");
        Ok(())
    }
}

/// Write `attrs`, but `xml:space`, which TMX 1.4b declares on no element:
/// the whitespace of a `<seg>` is always significant, and is kept as it is.
fn write_attrs<'a>(
    b: &mut String,
    attrs: impl IntoIterator<Item = &'a (String, String)>,
) -> Result<(), WriteError> {
    for (k, v) in attrs.into_iter().filter(|(k, _)| k != "xml:space") {
        b.push(' ');
        b.push_str(k);
        b.push_str("=\"");
        super::escape_attr(v, b)?;
        b.push('"');
    }
    Ok(())
}

fn write_notes_props(
    b: &mut String,
    meta: &Meta,
    document: Option<&str>,
    indent: &str,
) -> Result<(), WriteError> {
    for n in &meta.notes {
        b.push_str(indent);
        b.push_str("<note");
        opt_attr(b, "xml:lang", n.lang.as_deref())?;
        opt_attr(b, "o-encoding", n.encoding.as_deref())?;
        b.push('>');
        super::escape_text(&n.text, b)?;
        b.push_str("</note>\n");
    }
    let doc = document.map(|d| Prop {
        kind: DOCUMENT_PROP.to_string(),
        lang: None,
        encoding: None,
        value: d.to_string(),
    });
    for p in doc.iter().chain(&meta.props) {
        b.push_str(indent);
        b.push_str("<prop type=\"");
        super::escape_attr(&p.kind, b)?;
        b.push('"');
        opt_attr(b, "xml:lang", p.lang.as_deref())?;
        opt_attr(b, "o-encoding", p.encoding.as_deref())?;
        b.push('>');
        super::escape_text(&p.value, b)?;
        b.push_str("</prop>\n");
    }
    Ok(())
}

fn opt_attr(b: &mut String, k: &str, v: Option<&str>) -> Result<(), WriteError> {
    if let Some(v) = v {
        b.push(' ');
        b.push_str(k);
        b.push_str("=\"");
        super::escape_attr(v, b)?;
        b.push('"');
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Res<(Header, Vec<Unit>)> {
        let mut r = TmxReader::new(xml.as_bytes())?;
        let mut units = Vec::new();
        while let Some(u) = r.next_unit()? {
            units.push(u);
        }
        Ok((r.header().clone(), units))
    }

    #[test]
    fn inline_markup_is_kept_and_removed_from_the_text() {
        let (_, units) = read(
            r#"<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en-us"><seg>Click <bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> &amp; <ph x="2"/>go<hi type="x">!</hi></seg></tuv></tu></body></tmx>"#,
        )
        .unwrap();
        let v = &units[0].variants[0];
        assert_eq!(v.lang, "en-US");
        assert_eq!(v.text, "Click Save & go!");
        assert_eq!(
            v.markup.as_deref(),
            Some(
                r#"Click <bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> &amp; <ph x="2"/>go<hi type="x">!</hi>"#
            )
        );
    }

    #[test]
    fn inline_codes_name_each_code_by_what_it_holds() {
        let codes = |m: &str| inline_codes(m);
        assert_eq!(
            codes(
                r#"Click <bpt i="1" x="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> &amp; <ph x="2"/>go<hi type="x">!</hi><ph type="fnote"><sub>a note</sub></ph>"#
            ),
            [
                "</b>",
                "</hi>",
                "<b>",
                "<hi>",
                "<ph type=\"fnote\"/>",
                "<ph/>"
            ]
        );
        // i and x are numbering, not content.
        assert_eq!(
            codes(r#"<bpt i="3" x="9">{1}</bpt>a<ept i="3">{/1}</ept>"#),
            codes(r#"<bpt i="1" x="1">{1}</bpt>b<ept i="1">{/1}</ept>"#)
        );
        assert!(codes("plain &amp; simple").is_empty());
    }

    #[test]
    fn inline_parts_are_the_text_and_the_codes_in_order() {
        let markup = r#"Click <bpt i="1" x="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> &amp; <ph x="2"/>go<hi type="x">!</hi><ph type="fnote"><sub>a note</sub></ph>"#;
        let t = |s: &str| Inline::Text(s.to_string());
        let c = |s: &str| Inline::Code(s.to_string());
        assert_eq!(
            inline_parts(markup),
            [
                t("Click "),
                c("<b>"),
                t("Save"),
                c("</b>"),
                t(" & "),
                c("<ph/>"),
                t("go!"),
                c("<ph type=\"fnote\"/>")
            ]
        );
        // The text parts are the reader's plain text.
        let (_, units) = read(&format!(
            r#"<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>{markup}</seg></tuv></tu></body></tmx>"#
        ))
        .unwrap();
        let text: String = inline_parts(markup)
            .into_iter()
            .filter_map(|p| match p {
                Inline::Text(s) => Some(s),
                Inline::Code(_) => None,
            })
            .collect();
        assert_eq!(text, units[0].variants[0].text);
    }

    #[test]
    fn plain_segments_have_no_markup() {
        let (h, units) =
            read(r#"<tmx version="1.1"><header srclang="*all*"/><body><tu><tuv lang="EN"><seg>a &amp; b&#13;</seg></tuv></tu></body></tmx>"#)
                .unwrap();
        assert_eq!(h.srclang(), None);
        assert_eq!(units[0].variants[0].text, "a & b\r");
        assert_eq!(units[0].variants[0].markup, None);
    }

    #[test]
    fn writer_output_reads_back_the_same() {
        let unit = Unit {
            tuid: Some("7".into()),
            tm_id: None,
            srclang: None,
            o_tmf: None,
            document: Some("doc \"1\"".into()),
            meta: Meta {
                attrs: vec![("creationdate".into(), "20240101T000000Z".into())],
                notes: vec![Note {
                    lang: None,
                    encoding: None,
                    text: "n\tx\ny".into(),
                }],
                props: vec![Prop {
                    kind: "x-a".into(),
                    lang: Some("en".into()),
                    encoding: None,
                    value: "<v>".into(),
                }],
            },
            variants: vec![Variant {
                lang: "sr-Latn".into(),
                text: "a\r\nb <c> & d ".into(),
                markup: None,
                meta: Meta::default(),
            }],
        };
        let header = Header {
            version: "1.4".into(),
            meta: Meta {
                attrs: vec![("srclang".into(), "en".into())],
                ..Meta::default()
            },
            ude: vec![],
        };
        let mut w = TmxWriter::new(Vec::new(), &header).unwrap();
        w.write_unit(&unit).unwrap();
        let bytes = w.finish().unwrap();
        let (h, units) = read(std::str::from_utf8(&bytes).unwrap()).unwrap();
        assert_eq!(h, header);
        assert_eq!(units, vec![unit]);
    }

    #[test]
    fn refuses_what_it_cannot_read_safely() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx version="1.4"><header/><body/></tmx>"#;
        assert!(read(bomb).unwrap_err().message.contains("DTD"));
        let undefined = r#"<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&a;</seg></tuv></tu></body></tmx>"#;
        assert!(
            read(undefined)
                .unwrap_err()
                .message
                .contains("undefined entity")
        );
        let v2 = r#"<tmx version="2.0"><header/><body/></tmx>"#;
        assert!(
            read(v2)
                .unwrap_err()
                .message
                .contains("unknown TMX version")
        );
    }
}
