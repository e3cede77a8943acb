//! TBX import and export, v2 (`martif/termEntry/langSet/tig`) and v3
//! (`tbx/conceptEntry/langSec/termSec`, DCA style).
//!
//! Export writes the private dialect `TBX-tm` ([`DIALECT`]): TBX-Basic's
//! data categories and three of its own, which TBX-Basic does not define.
//! Mapping: concept id ↔ `id` ([`xml_id`]: `9-11` ↔ `tm.9-11`, an XML ID
//! starts with a letter); note ↔ `descrip type="definition"`; type ↔
//! `descrip type="conceptType"` (tm's); status ↔ `termNote
//! type="administrativeStatus"` (preferredTerm-admn-sts, admittedTerm-admn-sts,
//! deprecatedTerm-admn-sts; on import also superseded, obsolete and
//! forbidden as forbidden, standardized, legal and regulated as preferred,
//! and reported); flags ↔ `termNote type="caseSensitive"` / `"exactOnly"` =
//! yes (tm's); term note ↔ `note`; required languages ↔ `sourceDesc/p
//! type="requiredLanguages"`.
//!
//! Import joins a concept's definitions and notes into its note, one a line
//! in file order (a language's as `de: …`), and a term's into the term's
//! note; what the glossary has no place for (subjectField, context,
//! partOfSpeech, transacGrp dates…) is counted by data category in the
//! [`super::ReadReport`]. It refuses an id given to two entries; an entry
//! without a usable id gets one from its label, made unique (`georgia`,
//! `georgia-2`).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::escape::escape;
use quick_xml::events::Event;

use super::file::FileError;
use super::{Carries, Concept, Glossary, Imported, SourceMap, Status, Term, valid_id};

/// The dialect export declares: TBX-Basic does not define `conceptType`,
/// `caseSensitive` or `exactOnly`, so a file that claimed TBX-Basic with
/// them would not be valid TBX-Basic. Its data categories are TBX-Basic's
/// (definition, note, administrativeStatus) and those three.
pub const DIALECT: &str = "TBX-tm";

/// A concept id as an XML ID, which must start with a letter or `_`: an id
/// starting with a digit (`9-11`) is written `tm.9-11` (a concept id holds
/// no `.`, so the prefix is never part of one).
pub fn xml_id(id: &str) -> String {
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("tm.{id}")
    } else {
        id.to_string()
    }
}

/// The concept id an XML ID written by [`xml_id`] stands for.
fn from_xml_id(id: String) -> String {
    match id.strip_prefix("tm.") {
        Some(rest) if valid_id(rest) => rest.to_string(),
        _ => id,
    }
}

/// TBX version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V2,
    V3,
}

fn admin_status(s: Status) -> &'static str {
    match s {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Forbidden => "deprecatedTerm-admn-sts",
    }
}

/// Map an administrativeStatus (or normativeAuthorization) value to a status.
pub fn parse_status(v: &str) -> Option<Status> {
    let v = v.trim().to_ascii_lowercase();
    let v = v.strip_suffix("-admn-sts").unwrap_or(&v);
    let v = v.strip_suffix("term").unwrap_or(v);
    match v {
        "preferred" | "standardized" | "legal" | "regulated" => Some(Status::Preferred),
        "admitted" => Some(Status::Admitted),
        "deprecated" | "forbidden" | "obsolete" | "superseded" => Some(Status::Forbidden),
        _ => None,
    }
}

/// Write a glossary as TBX.
/// A note as XML text: its line breaks written as they are (XML keeps a
/// line feed in text), a carriage return as `&#13;` (which a parser would
/// read as a line feed).
fn escape_note(n: &str) -> String {
    escape(n).replace('\r', "&#13;")
}

pub fn export(g: &Glossary, version: Version) -> String {
    let (root, entry, lang_el, term_el) = match version {
        Version::V2 => ("martif", "termEntry", "langSet", "tig"),
        Version::V3 => ("tbx", "conceptEntry", "langSec", "termSec"),
    };
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match version {
        Version::V2 => s.push_str(&format!(
            "<martif type=\"{DIALECT}\" xml:lang=\"en\">\n  <martifHeader>\n"
        )),
        Version::V3 => s.push_str(&format!(
            "<tbx type=\"{DIALECT}\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n  <tbxHeader>\n",
        )),
    }
    s.push_str(&format!(
        "    <fileDesc>\n      <sourceDesc>\n        <p>Exported by tm glossary export. Dialect {DIALECT}: TBX-Basic's data categories and descrip type=\"conceptType\", termNote type=\"caseSensitive\" and termNote type=\"exactOnly\"</p>\n",
    ));
    if !g.required_languages.is_empty() {
        s.push_str(&format!(
            "        <p type=\"requiredLanguages\">{}</p>\n",
            escape(g.required_languages.join(" "))
        ));
    }
    s.push_str("      </sourceDesc>\n    </fileDesc>\n");
    s.push_str(match version {
        Version::V2 => "  </martifHeader>\n",
        Version::V3 => "  </tbxHeader>\n",
    });
    s.push_str("  <text>\n    <body>\n");
    for c in &g.concepts {
        s.push_str(&format!(
            "      <{entry} id=\"{}\">\n",
            escape(xml_id(&c.id))
        ));
        s.push_str(&format!(
            "        <descrip type=\"conceptType\">{}</descrip>\n",
            escape(c.kind.as_str())
        ));
        if let Some(n) = &c.note {
            s.push_str(&format!(
                "        <descrip type=\"definition\">{}</descrip>\n",
                escape_note(n)
            ));
        }
        for lang in c.languages() {
            s.push_str(&format!(
                "        <{lang_el} xml:lang=\"{}\">\n",
                escape(lang)
            ));
            for t in c.terms.iter().filter(|t| t.lang == lang) {
                s.push_str(&format!("          <{term_el}>\n"));
                s.push_str(&format!(
                    "            <term>{}</term>\n",
                    escape(t.text.as_str())
                ));
                s.push_str(&format!(
                    "            <termNote type=\"administrativeStatus\">{}</termNote>\n",
                    admin_status(t.status)
                ));
                if t.case_sensitive {
                    s.push_str("            <termNote type=\"caseSensitive\">yes</termNote>\n");
                }
                if t.exact_only {
                    s.push_str("            <termNote type=\"exactOnly\">yes</termNote>\n");
                }
                if let Some(n) = &t.note {
                    s.push_str(&format!("            <note>{}</note>\n", escape_note(n)));
                }
                s.push_str(&format!("          </{term_el}>\n"));
            }
            s.push_str(&format!("        </{lang_el}>\n"));
        }
        s.push_str(&format!("      </{entry}>\n"));
    }
    s.push_str(&format!("    </body>\n  </text>\n</{root}>\n"));
    s
}

/// Derive an id from a label: `Western Balkans` → `western-balkans`.
pub fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold(label).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[derive(Default)]
struct Open {
    /// The concept and where its id (or its entry) is.
    concept: Option<(Concept, u64)>,
    lang: Option<String>,
    term: Option<Term>,
    /// The concept's definitions and notes, in file order: its own, then
    /// each language's (`de: …`), joined into its note at its end.
    concept_notes: Vec<String>,
    /// The open term's notes and definitions, joined into its note.
    term_notes: Vec<String>,
}

/// Elements that hold others and no data of their own: read through.
const STRUCTURE: &[&str] = &[
    "martif",
    "martifHeader",
    "tbx",
    "tbxHeader",
    "text",
    "body",
    "back",
    "termEntry",
    "conceptEntry",
    "langSet",
    "langSec",
    "tig",
    "ntig",
    "termGrp",
    "termSec",
    "descripGrp",
    "adminGrp",
    "termNoteGrp",
    "hi",
    "term",
];

/// Several notes as one: each on its own line, in file order.
fn joined(notes: &mut Vec<String>, read: &mut super::ReadReport) -> Option<String> {
    if notes.len() > 1 {
        read.notes_joined += 1;
    }
    let note = (!notes.is_empty()).then(|| notes.join("\n"));
    notes.clear();
    note
}

/// Byte offset of the value of attribute `key` in the start tag at `tag_at`
/// (its `<`; `raw` is what follows it), or of the tag when not found.
fn attr_pos(tag_at: u64, raw: &[u8], key: &[u8]) -> u64 {
    let mut i = 0;
    while let Some(k) = raw[i..].windows(key.len()).position(|w| w == key) {
        let k = i + k;
        let rest = &raw[k + key.len()..];
        let after_ws = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if k > 0 && raw[k - 1].is_ascii_whitespace() && rest.get(after_ws) == Some(&b'=') {
            if let Some(q) = rest[after_ws + 1..]
                .iter()
                .position(|b| *b == b'"' || *b == b'\'')
            {
                return tag_at + 1 + (k + key.len() + after_ws + 1 + q + 1) as u64;
            }
        }
        i = k + 1;
    }
    tag_at
}

/// Read TBX v2 or v3 (detected from the root element). `path` names the
/// file in messages, which point at the line and column of `xml`.
/// Also returns the line each concept starts on (its id), and what the
/// file carries: the languages of its langSets, types, definitions.
pub fn import(path: &str, xml: &str) -> Result<Imported, FileError> {
    let fail = |pos: u64, message: String| FileError::at(path, xml, Some(pos as usize), message);
    let mut reader = Reader::from_str(xml);
    let mut g = Glossary::default();
    let mut carries = Carries::default();
    let mut open = Open::default();
    let mut read = super::ReadReport::default();
    // (element local name, `type` attribute, offset of its `<`, whether it
    // holds elements) of the open elements
    let mut stack: Vec<(String, String, u64, bool)> = Vec::new();
    let mut text = String::new();
    // where the (trimmed) text of the innermost element starts
    let mut text_at: Option<u64> = None;
    let mut root_seen = false;
    // concepts in file order, with where their id is
    let mut entries: Vec<(Concept, u64)> = Vec::new();
    loop {
        let at = reader.buffer_position();
        let ev = reader
            .read_event()
            .map_err(|e| fail(reader.error_position(), format!("malformed XML: {e}")))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if !root_seen {
                    if name != "martif" && name != "tbx" {
                        return Err(fail(
                            at,
                            format!(
                                "not TBX: the root element is <{name}>, expected <martif> (v2) or <tbx> (v3)"
                            ),
                        ));
                    }
                    root_seen = true;
                }
                // Inside a <term> only inline highlighting (<hi>) is text;
                // anything else (<ph>, <bpt>, a nested <term>…) is refused
                // rather than silently dropped.
                let in_term_text = stack.iter().any(|(n, ..)| n == "term");
                if in_term_text && name != "hi" {
                    return Err(fail(
                        at,
                        format!("<{name}> inside a <term> cannot be read as text (only <hi> can)"),
                    ));
                }
                if let Some(parent) = stack.last_mut() {
                    parent.3 = true;
                }
                if in_term_text {
                    if matches!(ev, Event::Start(_)) {
                        // keep the text gathered so far: `Kragu<hi>jevc</hi>`
                        stack.push((name, String::new(), at, false));
                    }
                    continue;
                }
                let raw: &[u8] = e;
                let mut ty = String::new();
                let mut id = None;
                let mut lang = None;
                for a in e.attributes().flatten() {
                    let key = a.key.as_ref().to_vec();
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::default())
                        .map_err(|x| {
                            fail(
                                attr_pos(at, raw, &key),
                                format!("attribute {}: {x}", String::from_utf8_lossy(&key)),
                            )
                        })?
                        .into_owned();
                    match key.as_slice() {
                        b"type" => ty = v,
                        b"id" => id = Some(v),
                        b"xml:lang" => lang = Some(v),
                        _ => {}
                    }
                }
                if matches!(ev, Event::Empty(_)) {
                    // An empty element holds data only in its attributes
                    // (`<xref type="xGraphic" target="map.png"/>`).
                    let text_only = ["descrip", "termNote", "note", "admin", "transac", "date"];
                    if open.concept.is_some()
                        && !STRUCTURE.contains(&name.as_str())
                        && !text_only.contains(&name.as_str())
                        && !stack.iter().any(|(n, ..)| n == "transacGrp")
                    {
                        read.leave_out(if ty.is_empty() { &name } else { &ty });
                    }
                    continue;
                }
                match name.as_str() {
                    "termEntry" | "conceptEntry" => {
                        let id_at = if id.is_some() {
                            attr_pos(at, raw, b"id")
                        } else {
                            at
                        };
                        let c = Concept {
                            id: id.map(from_xml_id).unwrap_or_default(),
                            kind: String::new(),
                            note: None,
                            terms: Vec::new(),
                        };
                        open.concept = Some((c, id_at))
                    }
                    "langSet" | "langSec" => {
                        let l =
                            lang.ok_or_else(|| fail(at, format!("a <{name}> without xml:lang")))?;
                        // Trados and MultiTerm of the Windows XP age wrote
                        // `sr-SP-Latn`: read in today's form (`sr-Latn`),
                        // as `en-Latn` is (`en`).
                        let canon = crate::lang::strict(&crate::lang::todays_form(&l))
                            .map_err(|x| fail(attr_pos(at, raw, b"xml:lang"), format!("{x:#}")))?;
                        if !read.tags.iter().any(|(w, _)| w.eq_ignore_ascii_case(&l)) {
                            read.tags.push((l, canon.clone()));
                        }
                        carries.language(&canon);
                        open.lang = Some(canon);
                    }
                    "tig" | "ntig" | "termSec" => {
                        open.term = Some(Term {
                            lang: open.lang.clone().ok_or_else(|| {
                                fail(at, format!("a <{name}> outside a langSet/langSec"))
                            })?,
                            text: String::new(),
                            status: Status::Preferred,
                            case_sensitive: false,
                            exact_only: false,
                            note: None,
                        })
                    }
                    _ => {}
                }
                stack.push((name, ty, at, false));
                text.clear();
                text_at = None;
            }
            Event::Text(t) => {
                let chunk = t.xml10_content().map_err(|x| fail(at, format!("{x}")))?;
                if text_at.is_none() && !chunk.trim().is_empty() {
                    let lead = t.iter().take_while(|b| b.is_ascii_whitespace()).count();
                    text_at = Some(at + lead as u64);
                }
                text.push_str(&chunk);
            }
            Event::CData(t) => {
                text_at.get_or_insert(at);
                text.push_str(&t.decode().map_err(|x| fail(at, format!("{x}")))?);
            }
            Event::GeneralRef(r) => {
                text_at.get_or_insert(at);
                if let Some(c) = r.resolve_char_ref().map_err(|x| fail(at, format!("{x}")))? {
                    text.push(c);
                } else {
                    let name = r.decode().map_err(|x| fail(at, format!("{x}")))?;
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => return Err(fail(at, format!("unknown entity &{other}; in TBX"))),
                    });
                }
            }
            Event::End(_) => {
                let (name, ty, start, has_children) = stack.pop().unwrap_or_default();
                if name == "hi" && stack.iter().any(|(n, ..)| n == "term") {
                    continue;
                }
                let value = text.trim().to_string();
                let value_at = text_at.unwrap_or(start);
                let in_term = open.term.is_some();
                let holds_data = !value.is_empty() || !has_children;
                let in_transaction = stack.iter().any(|(n, ..)| n == "transacGrp");
                // Whatever is not read into the glossary below, and holds
                // data, is counted as left out.
                let mut kept = true;
                // MultiTerm writes `Definition`; TBX-Basic `definition`.
                match (name.as_str(), ty.to_ascii_lowercase().as_str()) {
                    _ if in_transaction => {}
                    ("transacGrp", _) => {
                        if open.concept.is_some() {
                            read.leave_out("transacGrp");
                        }
                    }
                    ("p", "requiredlanguages") => {
                        g.required_languages = value
                            .split_whitespace()
                            .map(crate::lang::strict)
                            .collect::<anyhow::Result<_>>()
                            .map_err(|x| fail(value_at, format!("{x:#}")))?
                    }
                    ("term", _) if in_term => {
                        if let Some(t) = open.term.as_mut() {
                            t.text = value
                        }
                    }
                    ("termNote", "administrativestatus" | "normativeauthorization") if in_term => {
                        let st = parse_status(&value).ok_or_else(|| {
                            fail(
                                value_at,
                                format!(
                                    "unknown {ty} `{value}` (expected preferredTerm-admn-sts, admittedTerm-admn-sts or deprecatedTerm-admn-sts)"
                                ),
                            )
                        })?;
                        if !value.eq_ignore_ascii_case(admin_status(st))
                            && !value.eq_ignore_ascii_case(st.as_str())
                        {
                            read.status_read_as(&value, st);
                        }
                        if let Some(t) = open.term.as_mut() {
                            t.status = st
                        }
                    }
                    ("termNote", "casesensitive") if in_term => {
                        if let Some(t) = open.term.as_mut() {
                            t.case_sensitive = value == "yes" || value == "true"
                        }
                    }
                    ("termNote", "exactonly") if in_term => {
                        if let Some(t) = open.term.as_mut() {
                            t.exact_only = value == "yes" || value == "true"
                        }
                    }
                    ("note", _) | ("descrip", "definition") if in_term => {
                        if !value.is_empty() {
                            open.term_notes.push(value)
                        }
                    }
                    ("descrip", "concepttype") if open.concept.is_some() => {
                        if let Some((c, _)) = open.concept.as_mut() {
                            carries.kind = true;
                            if !value.is_empty() && !super::CONCEPT_TYPES.contains(&value.as_str())
                            {
                                read.leave_out(&format!("{ty} `{value}` (read as other)"));
                            }
                            c.kind = value
                        }
                    }
                    ("descrip", "definition") | ("note", _) if open.concept.is_some() => {
                        carries.note = true;
                        if !value.is_empty() {
                            open.concept_notes.push(match &open.lang {
                                Some(lang) => format!("{lang}: {value}"),
                                None => value,
                            })
                        }
                    }
                    ("tig" | "ntig" | "termSec", _) => {
                        if let Some(t) = open.term.as_mut() {
                            t.note = joined(&mut open.term_notes, &mut read);
                        }
                        if let (Some(t), Some((c, _))) = (open.term.take(), open.concept.as_mut()) {
                            if t.text.is_empty() {
                                return Err(fail(
                                    start,
                                    format!(
                                        "a <{name}> in {} with no term text: fill in its <term> or remove the <{name}>",
                                        t.lang
                                    ),
                                ));
                            }
                            c.terms.push(t);
                        }
                    }
                    ("langSet" | "langSec", _) => open.lang = None,
                    ("termEntry" | "conceptEntry", _) => {
                        if let Some((mut c, id_at)) = open.concept.take() {
                            c.note = joined(&mut open.concept_notes, &mut read);
                            if c.kind.is_empty() {
                                carries.untyped.push(c.id.clone());
                            }
                            if c.kind.is_empty() || !super::CONCEPT_TYPES.contains(&c.kind.as_str())
                            {
                                c.kind = "other".into();
                            }
                            entries.push((c, id_at));
                        }
                    }
                    _ => kept = false,
                }
                if !kept
                    && holds_data
                    && open.concept.is_some()
                    && !STRUCTURE.contains(&name.as_str())
                {
                    read.leave_out(if ty.is_empty() { &name } else { &ty });
                }
                text.clear();
                text_at = None;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(fail(0, "not TBX: no root element".into()));
    }
    // An id given twice is an error (which entry is meant?); an entry
    // without a usable id gets one from its label, made unique.
    let mut first: HashMap<String, u64> = HashMap::new();
    for (c, at) in &entries {
        if valid_id(&c.id) {
            if let Some(prev) = first.insert(c.id.clone(), *at) {
                let (line, _) = super::file::line_col(xml, prev as usize);
                return Err(fail(
                    *at,
                    format!("the id `{}` is used again (first at line {line})", c.id),
                ));
            }
        }
    }
    let line_starts = super::file::line_starts(xml);
    let mut map = SourceMap::default();
    for (i, (mut c, at)) in entries.into_iter().enumerate() {
        map.concept_lines
            .push(line_starts.partition_point(|s| *s <= at as usize));
        if !valid_id(&c.id) {
            let derived = slug(c.label());
            let base = if valid_id(&derived) {
                derived
            } else {
                format!("concept-{}", i + 1)
            };
            let mut id = base.clone();
            let mut n = 1;
            while first.contains_key(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            first.insert(id.clone(), 0);
            c.id = id;
        }
        g.concepts.push(c);
    }
    Ok(Imported {
        glossary: g,
        lines: map,
        carries,
        read,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_both_ways() {
        assert_eq!(
            parse_status("deprecatedTerm-admn-sts"),
            Some(Status::Forbidden)
        );
        assert_eq!(
            parse_status("obsoleteTerm-admn-sts"),
            Some(Status::Forbidden)
        );
        assert_eq!(parse_status("forbidden"), Some(Status::Forbidden));
        assert_eq!(
            parse_status("admittedTerm-admn-sts"),
            Some(Status::Admitted)
        );
        assert_eq!(
            parse_status("standardizedTerm-admn-sts"),
            Some(Status::Preferred)
        );
        assert_eq!(parse_status("whatever"), None);
        for s in [Status::Preferred, Status::Admitted, Status::Forbidden] {
            assert_eq!(parse_status(admin_status(s)), Some(s));
        }
    }

    #[test]
    fn attribute_values_are_located() {
        let raw = br#"langSet type="x" xml:lang = 'e n'"#;
        assert_eq!(attr_pos(10, raw, b"xml:lang"), 10 + 1 + 29);
        assert_eq!(attr_pos(10, raw, b"type"), 10 + 1 + 14);
        assert_eq!(attr_pos(10, raw, b"id"), 10);
    }

    #[test]
    fn errors_point_at_the_line_and_column() {
        let xml = "<martif>\n<text><body>\n<termEntry id=\"x\"><langSet>\n";
        let e = import("t.tbx", xml).unwrap_err();
        assert_eq!((e.line, e.column), (3, 19), "{e}");
        assert_eq!(e.message, "a <langSet> without xml:lang");
        let e = import("t.tbx", "<martif>\n  <text></body>").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.starts_with("malformed XML: "), "{e}");
    }

    #[test]
    fn ids_given_twice_are_refused_and_derived_ones_made_unique() {
        let entry = |id: &str, term: &str| {
            format!(
                "<termEntry{id}>\n<langSet xml:lang=\"en\"><tig><term>{term}</term></tig></langSet></termEntry>\n"
            )
        };
        let doc = |entries: &[String]| {
            format!(
                "<martif><text><body>\n{}</body></text></martif>",
                entries.concat()
            )
        };
        let g = import(
            "t.tbx",
            &doc(&[
                entry("", "Georgia"),
                entry(" id=\"_7\"", "Georgia"),
                entry(" id=\"georgia-2\"", "Tbilisi"),
            ]),
        )
        .unwrap()
        .glossary;
        let ids: Vec<&str> = g.concepts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["georgia", "georgia-3", "georgia-2"]);
        let e = import(
            "t.tbx",
            &doc(&[entry(" id=\"a\"", "A"), entry(" id=\"a\"", "B")]),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (4, 16), "{e}");
        assert_eq!(e.message, "the id `a` is used again (first at line 2)");
    }

    #[test]
    fn inline_markup_in_a_term_keeps_its_text_and_other_elements_are_refused() {
        let doc = |term: &str| {
            format!(
                "<martif><text><body>\n<termEntry id=\"k\">\n<langSet xml:lang=\"en\"><tig><term>{term}</term></tig></langSet></termEntry>\n</body></text></martif>"
            )
        };
        for (term, want) in [
            ("Kragu<hi>jevc</hi>", "Kragujevc"),
            ("<hi type=\"italics\">Kraljevo</hi>", "Kraljevo"),
            (" Novi <hi>Sad</hi> ", "Novi Sad"),
        ] {
            let g = import("t.tbx", &doc(term)).unwrap().glossary;
            assert_eq!(g.concepts[0].terms[0].text, want, "{term}");
        }
        let e = import("t.tbx", &doc("Kragu<ph>x</ph>jevac")).unwrap_err();
        assert_eq!((e.line, e.column), (3, 40), "{e}");
        assert_eq!(
            e.message,
            "<ph> inside a <term> cannot be read as text (only <hi> can)"
        );
        assert!(import("t.tbx", &doc("A<ph/>B")).is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Western Balkans"), "western-balkans");
        assert_eq!(slug("Milan Radoičić"), "milan-radoicic");
    }
}
