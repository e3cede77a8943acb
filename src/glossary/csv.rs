//! CSV import and export: a row per concept, a column per language.
//!
//! Columns: `id` first, then `type` and `note` (found by name, in any case;
//! either may be left out), and one per language tag. A language cell
//! holds that language's terms separated by ` | `; a term that is not a plain
//! preferred term carries its attributes in brackets:
//! `Pristina [forbidden; note: English spelling]`, `NATO [case-sensitive]`,
//! `X [admitted; case-sensitive; exact-only]`. `\` escapes `|`, `[`, `]`,
//! `;` and itself inside terms and notes. A note (of the concept or of a
//! term) may hold line breaks, as a quoted cell does; a term may not. The
//! first row may be
//! `#required-languages,en,sq,...` (kept for lossless round trips).

use std::collections::HashMap;

use super::file::FileError;
use super::{Carries, Concept, Glossary, Imported, SourceMap, Status, Term};

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '|' | '[' | ']' | ';') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

fn term_cell(t: &Term) -> String {
    let mut attrs = Vec::new();
    if t.status != Status::Preferred {
        attrs.push(t.status.as_str().to_string());
    }
    if t.case_sensitive {
        attrs.push("case-sensitive".into());
    }
    if t.exact_only {
        attrs.push("exact-only".into());
    }
    if let Some(n) = &t.note {
        attrs.push(format!("note: {}", esc(n)));
    }
    if attrs.is_empty() {
        esc(&t.text)
    } else {
        format!("{} [{}]", esc(&t.text), attrs.join("; "))
    }
}

/// Languages in first-seen order (required languages first).
fn columns(g: &Glossary) -> Vec<String> {
    let mut langs: Vec<String> = g.required_languages.clone();
    for c in &g.concepts {
        for l in c.languages() {
            if !langs.iter().any(|x| x == l) {
                langs.push(l.to_string());
            }
        }
    }
    langs
}

pub fn export(g: &Glossary) -> anyhow::Result<String> {
    let langs = columns(g);
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    if !g.required_languages.is_empty() {
        let mut row = vec!["#required-languages".to_string()];
        row.extend(g.required_languages.iter().cloned());
        w.write_record(&row)?;
    }
    let mut header = vec!["id".to_string(), "type".into(), "note".into()];
    header.extend(langs.iter().cloned());
    w.write_record(&header)?;
    for c in &g.concepts {
        let mut row = vec![
            c.id.clone(),
            c.kind.clone(),
            c.note.clone().unwrap_or_default(),
        ];
        for l in &langs {
            let cells: Vec<String> = c
                .terms
                .iter()
                .filter(|t| &t.lang == l)
                .map(term_cell)
                .collect();
            row.push(cells.join(" | "));
        }
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?,
    )?)
}

/// Split on an unescaped separator, keeping escapes for the next level.
fn split_unescaped<'a>(s: &'a str, sep: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
            continue;
        }
        if s[i..].starts_with(sep) {
            out.push(&s[start..i]);
            start = i + sep.len();
            skip_to = start;
        }
    }
    out.push(&s[start.min(s.len())..]);
    out
}

fn unesc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(n) = it.next() {
                o.push(n);
            }
        } else {
            o.push(c);
        }
    }
    o
}

/// A term cell part that cannot be read: the byte offset in the part, and why.
type CellError = (usize, String);

fn parse_term(lang: &str, cell: &str) -> Result<Term, CellError> {
    let mut t = Term {
        lang: lang.to_string(),
        text: String::new(),
        status: Status::Preferred,
        case_sensitive: false,
        exact_only: false,
        note: None,
    };
    let offset = |part: &str| part.as_ptr() as usize - cell.as_ptr() as usize;
    // the attribute bracket is the last unescaped `[`
    let parts = split_unescaped(cell, "[");
    let (text, attrs) = if parts.len() > 1 {
        let last = parts[parts.len() - 1];
        let text_len = offset(last) - 1;
        let attrs = last.trim_end().strip_suffix(']').ok_or_else(|| {
            (
                text_len,
                format!("`[` without a closing `]` in `{}`", cell.trim()),
            )
        })?;
        (&cell[..text_len], Some(attrs))
    } else {
        (cell, None)
    };
    t.text = unesc(text.trim());
    if t.text.is_empty() {
        return Err((0, format!("an empty term in `{}`", cell.trim())));
    }
    // A note may hold a line break (Excel's Alt+Enter in the cell); a term
    // is one line.
    if t.text.contains('\n') {
        let lead = text.len() - text.trim_start().len();
        return Err((
            lead + text.trim_start().find('\n').unwrap_or(0),
            format!(
                "the term `{}` holds a line break (a note may hold one, a term may not)",
                t.text.escape_debug()
            ),
        ));
    }
    for a in attrs.map(|a| split_unescaped(a, ";")).unwrap_or_default() {
        let at = offset(a) + (a.len() - a.trim_start().len());
        let a = a.trim();
        if let Some(n) = a.strip_prefix("note:") {
            t.note = Some(unesc(n.trim_start()));
        } else if let Some(s) = Status::parse(a) {
            t.status = s;
        } else if a == "case-sensitive" {
            t.case_sensitive = true;
        } else if a == "exact-only" {
            t.exact_only = true;
        } else if !a.is_empty() {
            return Err((
                at,
                format!(
                    "unknown term attribute `{a}` (expected admitted, forbidden, case-sensitive, exact-only or note: …)"
                ),
            ));
        }
    }
    Ok(t)
}

/// Byte offset in the file of byte `offset` of a cell's value, when the
/// value is written as is (unquoted, or quoted without `""`), else of the
/// cell's start. `cell` is where the cell starts and whether it is quoted.
fn value_pos(cell: (u64, bool), value: &str, offset: usize) -> usize {
    match cell {
        (at, false) => at as usize + offset,
        (at, true) if !value.contains('"') => at as usize + 1 + offset,
        (at, true) => at as usize,
    }
}

/// The first row of a glossary CSV: the required languages, or the header.
enum FirstRow {
    RequiredLanguages,
    Header,
}

const HEADER_RULE: &str = "the header must start with `id`, then a column per language (and `type` and `note`, if given, anywhere after `id`)";

fn first_row<S: AsRef<str>>(row: &[S]) -> anyhow::Result<FirstRow> {
    let cell = |i: usize| row.get(i).map(AsRef::as_ref);
    if cell(0) == Some("#required-languages") {
        Ok(FirstRow::RequiredLanguages)
    } else if cell(0).and_then(column_name) == Some(Column::Id) {
        Ok(FirstRow::Header)
    } else {
        anyhow::bail!("{HEADER_RULE}")
    }
}

/// A column of a glossary CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Type,
    Note,
    Lang(String),
}

/// The column a header cell names other than a language, in any case
/// (`ID`, `Type`): none of these names is a language tag.
fn column_name(cell: &str) -> Option<Column> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "id" => Some(Column::Id),
        "type" => Some(Column::Type),
        "note" => Some(Column::Note),
        _ => None,
    }
}

/// What a header cell names, for messages (`type`, `en`).
fn column_label(c: &Column) -> &str {
    match c {
        Column::Id => "id",
        Column::Type => "type",
        Column::Note => "note",
        Column::Lang(tag) => tag,
    }
}

/// Read a glossary CSV, with the reader of `tm import`'s tables (so with
/// semicolons or tabs, or after Excel's `sep=;` line, as there). `path`
/// names the file in messages, which point at the line and column of
/// `text`. Also returns the line each concept starts on, and what the file
/// carries (its columns).
pub fn import(path: &str, text: &str) -> Result<Imported, FileError> {
    use crate::interchange::csv::{CsvError, CsvReader};
    let fail = |pos: usize, message: String| FileError::at(path, text, Some(pos), message);
    let csv_error = |e: CsvError| match e {
        CsvError::At(at, message) => fail(at as usize, message),
        CsvError::Io(e) => fail(0, format!("cannot read: {e}")),
    };
    let mut r = CsvReader::new(text.as_bytes());
    let mut g = Glossary::default();
    let mut map = SourceMap::default();
    let mut header: Option<Vec<Column>> = None;
    // id → the line it was first given on
    let mut first: HashMap<String, u64> = HashMap::new();
    let mut filled: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut untyped: Vec<String> = Vec::new();
    // A reading error is a FileError already: carried through anyhow.
    let found = r
        .header(first_row, |e| anyhow::Error::new(csv_error(e)))
        .map_err(|e| match e.downcast::<FileError>() {
            Ok(e) => e,
            Err(e) => fail(0, format!("{e:#}")),
        })?;
    let Some((line, cells, _)) = found else {
        return Err(fail(0, HEADER_RULE.into()));
    };
    let mut header_row = Some((line, cells));
    loop {
        let (line, row) = match header_row.take() {
            Some(row) => row,
            None => match r.record().map_err(csv_error)? {
                Some(row) => row,
                None => break,
            },
        };
        let starts = r.starts().to_vec();
        let rec_start = starts.first().map_or(0, |s| s.0 as usize);
        // the file offset of byte `offset` of cell `i`
        let pos = |i: usize, offset: usize| {
            let cell = starts.get(i).copied().unwrap_or((rec_start as u64, false));
            value_pos(cell, row.get(i).map_or("", String::as_str), offset)
        };
        let row: Vec<&str> = row.iter().map(String::as_str).collect();
        if g.required_languages.is_empty()
            && header.is_none()
            && row.first() == Some(&"#required-languages")
        {
            for (i, l) in row.iter().enumerate().skip(1) {
                if !l.is_empty() {
                    let tag =
                        crate::lang::strict(l).map_err(|e| fail(pos(i, 0), format!("{e:#}")))?;
                    g.required_languages.push(tag);
                }
            }
            continue;
        }
        let Some(h) = &header else {
            if !matches!(first_row(&row), Ok(FirstRow::Header)) {
                return Err(fail(rec_start, HEADER_RULE.into()));
            }
            let mut h: Vec<Column> = vec![Column::Id];
            for (i, l) in row.iter().enumerate().skip(1) {
                let column = match column_name(l) {
                    Some(c) => c,
                    None => Column::Lang(
                        crate::lang::strict(l)
                            .map_err(|e| fail(pos(i, 0), format!("a language column: {e:#}")))?,
                    ),
                };
                // Two columns of one language would merge their terms
                // unseen; of a type or note, one would be lost.
                if let Some(first) = h.iter().position(|x| *x == column) {
                    let message = match &column {
                        Column::Lang(tag) => format!(
                            "the language `{tag}` has two columns ({} and {}): write its terms in one, separated by ` | `",
                            first + 1,
                            i + 1
                        ),
                        c => format!(
                            "the column `{}` is given twice (columns {} and {})",
                            column_label(c),
                            first + 1,
                            i + 1
                        ),
                    };
                    return Err(fail(pos(i, 0), message));
                }
                h.push(column);
            }
            header = Some(h);
            continue;
        };
        let at = |c: Column| h.iter().position(|x| *x == c);
        let (type_at, note_at) = (at(Column::Type), at(Column::Note));
        let get = |i: usize| row.get(i).copied().unwrap_or("");
        let get_at = |i: Option<usize>| i.map_or("", get);
        if let Some(i) = (h.len()..row.len()).find(|i| !row[*i].trim().is_empty()) {
            return Err(fail(
                pos(i, 0),
                format!(
                    "a cell beyond the last column (the header has {} columns)",
                    h.len()
                ),
            ));
        }
        let mut c = Concept {
            id: get(0).to_string(),
            kind: get_at(type_at).to_string(),
            // Its ends trimmed as a term's are (a cell Excel ends with
            // Alt+Enter); a line break inside is kept.
            note: Some(get_at(note_at).trim().to_string()).filter(|s| !s.is_empty()),
            terms: Vec::new(),
        };
        if !super::valid_id(&c.id) {
            return Err(fail(
                pos(0, 0),
                format!("column `id`: {}", super::id_rule(&c.id)),
            ));
        }
        if let Some(prev) = first.insert(c.id.clone(), line) {
            return Err(fail(
                pos(0, 0),
                format!(
                    "column `id`: the id `{}` is used again (first at line {prev})",
                    c.id
                ),
            ));
        }
        if c.kind.is_empty() {
            untyped.push(c.id.clone());
            c.kind = "other".into();
        } else if !super::CONCEPT_TYPES.contains(&c.kind.as_str()) {
            return Err(fail(
                pos(type_at.unwrap_or(0), 0),
                format!(
                    "column `type`: unknown type `{}` (expected one of {})",
                    c.kind,
                    super::CONCEPT_TYPES.join(", ")
                ),
            ));
        }
        for (i, column) in h.iter().enumerate() {
            let Column::Lang(lang) = column else {
                continue;
            };
            let cell = get(i);
            if cell.trim().is_empty() {
                continue;
            }
            filled.insert(lang.clone());
            for part in split_unescaped(cell, " | ") {
                let part_at = part.as_ptr() as usize - cell.as_ptr() as usize;
                let t = parse_term(lang, part).map_err(|(at, message)| {
                    fail(pos(i, part_at + at), format!("column `{lang}`: {message}"))
                })?;
                c.terms.push(t);
            }
        }
        g.concepts.push(c);
        map.concept_lines.push(line as usize);
    }
    let h = header.unwrap_or_default();
    // A language column empty in every row (a vendor who did no Italian)
    // carries nothing: it is no deletion.
    let carries = Carries {
        languages: h
            .iter()
            .filter_map(|c| match c {
                Column::Lang(tag) if filled.contains(tag) => Some(tag.clone()),
                _ => None,
            })
            .collect(),
        kind: h.contains(&Column::Type),
        note: h.contains(&Column::Note),
        untyped,
    };
    Ok(Imported {
        glossary: g,
        lines: map,
        carries,
        read: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip() {
        let t = Term {
            lang: "sq".into(),
            text: "A|B [x]".into(),
            status: Status::Forbidden,
            case_sensitive: true,
            exact_only: false,
            note: Some("why; because".into()),
        };
        let cell = term_cell(&t);
        assert_eq!(split_unescaped(&cell, " | ").len(), 1);
        assert_eq!(parse_term("sq", &cell).unwrap(), t);
    }

    #[test]
    fn an_unclosed_quote_is_a_csv_error_at_the_quote() {
        let e = import(
            "g.csv",
            "id,type,note,en,sq\nzagreb,place,,Zagreb,\"Zagreb\nzadar,place,,Zadar,Zadar\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (2, 22), "{e}");
        assert!(
            e.message.starts_with("a quote opened here is never closed"),
            "{e}"
        );
        let e = import("g.csv", "id,type,note,en\nx,place,,\"A\"B\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 13), "{e}");
        assert!(e.message.starts_with("text after the closing quote"), "{e}");
    }

    #[test]
    fn fields_are_located_across_quotes() {
        let text = "x\na,\"b,\"\"c\"\"\n\",d\ne\n";
        let mut r = crate::interchange::csv::CsvReader::new(text.as_bytes());
        assert!(r.record().is_ok_and(|row| row.is_some()));
        assert!(r.record().is_ok_and(|row| row.is_some()));
        assert_eq!(r.starts(), [(2, false), (4, true), (15, false)]);
        let e = import("g.csv", "id,type,note,en\nx,place,,\"A [a; b]\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 14), "{e}");
        assert!(
            e.message
                .starts_with("column `en`: unknown term attribute `a`")
        );
    }
}
