//! CSV import and export: a row per concept, a column per language.
//!
//! Columns: `id`, `type`, `note`, then one per language tag. A language cell
//! holds that language's terms separated by ` | `; a term that is not a plain
//! preferred term carries its attributes in brackets:
//! `Pristina [forbidden; note: English spelling]`, `NATO [case-sensitive]`,
//! `X [admitted; case-sensitive; exact-only]`. `\` escapes `|`, `[`, `]`,
//! `;` and itself inside terms and notes. The first row may be
//! `#required-languages,en,sq,...` (kept for lossless round trips).

use anyhow::{Context, bail};

use super::{Concept, Glossary, Status, Term};

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

fn parse_term(lang: &str, cell: &str, where_: &str) -> anyhow::Result<Term> {
    let mut t = Term {
        lang: lang.to_string(),
        text: String::new(),
        status: Status::Preferred,
        case_sensitive: false,
        exact_only: false,
        note: None,
    };
    // the attribute bracket is the last unescaped `[`
    let parts = split_unescaped(cell, "[");
    let (text, attrs) = if parts.len() > 1 {
        let text_len: usize = parts[..parts.len() - 1]
            .iter()
            .map(|p| p.len() + 1)
            .sum::<usize>()
            - 1;
        let attrs = parts[parts.len() - 1];
        let attrs = attrs
            .trim_end()
            .strip_suffix(']')
            .with_context(|| format!("{where_}: `[` without a closing `]` in `{cell}`"))?;
        (&cell[..text_len], Some(attrs))
    } else {
        (cell, None)
    };
    t.text = unesc(text.trim());
    if t.text.is_empty() {
        bail!("{where_}: an empty term in `{cell}`");
    }
    for a in attrs.map(|a| split_unescaped(a, ";")).unwrap_or_default() {
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
            bail!(
                "{where_}: unknown term attribute `{a}` (expected admitted, forbidden, case-sensitive, exact-only or note: …)"
            );
        }
    }
    Ok(t)
}

pub fn import(text: &str) -> anyhow::Result<Glossary> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut g = Glossary::default();
    let mut header: Option<Vec<String>> = None;
    for (n, rec) in r.records().enumerate() {
        let rec = rec.with_context(|| format!("CSV row {}", n + 1))?;
        let row: Vec<&str> = rec.iter().collect();
        if n == 0 && row.first() == Some(&"#required-languages") {
            g.required_languages = row[1..]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| crate::lang::canonical(s))
                .collect::<anyhow::Result<_>>()?;
            continue;
        }
        let Some(h) = &header else {
            if row.len() < 3 || row[0] != "id" || row[1] != "type" || row[2] != "note" {
                bail!("CSV row {}: the header must start with id,type,note", n + 1);
            }
            let mut h: Vec<String> = vec!["id".into(), "type".into(), "note".into()];
            for l in &row[3..] {
                h.push(
                    crate::lang::canonical(l)
                        .with_context(|| format!("CSV header column `{l}`"))?,
                );
            }
            header = Some(h);
            continue;
        };
        let where_ = format!("CSV row {}", n + 1);
        let get = |i: usize| row.get(i).copied().unwrap_or("");
        let mut c = Concept {
            id: get(0).to_string(),
            kind: get(1).to_string(),
            note: Some(get(2).to_string()).filter(|s| !s.is_empty()),
            terms: Vec::new(),
        };
        if !super::valid_id(&c.id) {
            bail!("{where_}: `{}` is not a concept id", c.id);
        }
        if c.kind.is_empty() {
            c.kind = "other".into();
        }
        for (i, lang) in h.iter().enumerate().skip(3) {
            let cell = get(i);
            if cell.trim().is_empty() {
                continue;
            }
            for part in split_unescaped(cell, " | ") {
                c.terms.push(parse_term(lang, part, &where_)?);
            }
        }
        g.concepts.push(c);
    }
    Ok(g)
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
        assert_eq!(parse_term("sq", &cell, "t").unwrap(), t);
    }
}
