//! Typed queries for `tm qa`: source/target pairs of units, streamed in
//! unit order, and units that lack a required language.
//!
//! A unit's source language is the one the TM records for it: the `srclang`
//! of its `<tu>`, the `--src-lang` its file was imported with, the
//! `srclang` of the header of the TMX file it came from, the first
//! language column of its CSV/TSV file (what `tm import` took as the
//! source), the source language of the document `tm align` made it in; for
//! a unit with none of these, the TM's main source language. A language
//! names its regional variants (`en` finds an `en-US` text).

use std::collections::{BTreeMap, HashMap};

use super::Store;

/// Which pairs `tm qa` checks.
#[derive(Debug, Clone, Copy)]
pub struct PairFilter<'a> {
    /// The source language chosen (`--src-lang`, `tm.toml`), a range: `en`
    /// covers `en-US`. None: each unit's own, as the TM records it.
    pub src_lang: Option<&'a str>,
    /// Only these target languages (default: every other language).
    pub langs: Option<&'a [String]>,
    /// Only the units of this document.
    pub document: Option<&'a str>,
}

/// One unit's source and target texts, as written.
#[derive(Debug, Clone, Copy)]
pub struct PairRow<'a> {
    pub unit: i64,
    pub document: Option<&'a str>,
    /// The unit's source language, as stored (`en-US`).
    pub src_lang: &'a str,
    pub lang: &'a str,
    pub source: &'a str,
    pub target: &'a str,
    /// Inline markup, when the text has any.
    pub source_markup: Option<&'a str>,
    pub target_markup: Option<&'a str>,
}

/// What a pass over the units saw.
#[derive(Debug, Clone, Default)]
pub struct PairStats {
    /// Pairs given.
    pub pairs: u64,
    /// Units selected, by their source language.
    pub sources: BTreeMap<String, u64>,
    /// Units selected that have no text in their source language.
    pub without_source: u64,
}

/// A unit that lacks a required language.
#[derive(Debug, Clone)]
pub struct MissingLanguage {
    pub unit: i64,
    pub document: Option<String>,
    pub src_lang: String,
    pub source: String,
    /// The required language it lacks.
    pub lang: String,
}

/// What a pass over the units calls: the unit, the index of its source
/// text (None: it has no text in its source language), that language.
type UnitFn<'a> = dyn FnMut(&UnitRows, Option<usize>, &str) -> anyhow::Result<()> + 'a;

/// A unit's texts, as a pass reads them (buffers reused unit to unit).
#[derive(Default)]
struct UnitRows {
    id: i64,
    document: Option<String>,
    document_id: Option<i64>,
    origin_id: Option<i64>,
    /// The `<tu>`'s srclang, when its metadata has one.
    tu_srclang: Option<String>,
    variants: Vec<VariantRow>,
    /// Variants in use (the rest are spare buffers).
    len: usize,
}

#[derive(Default)]
struct VariantRow {
    lang: String,
    text: String,
    markup: Option<String>,
}

impl UnitRows {
    fn variants(&self) -> &[VariantRow] {
        &self.variants[..self.len]
    }

    fn push(&mut self, lang: &str, text: &str, markup: Option<&str>) {
        if self.len == self.variants.len() {
            self.variants.push(VariantRow::default());
        }
        let v = &mut self.variants[self.len];
        v.lang.clear();
        v.lang.push_str(lang);
        v.text.clear();
        v.text.push_str(text);
        v.markup = markup.map(str::to_string);
        self.len += 1;
    }
}

/// The source languages the TM records, by origin (imported file) and by
/// aligned document.
pub(super) struct Recorded {
    pub origins: HashMap<i64, String>,
    pub documents: HashMap<i64, String>,
    /// For units without a record.
    pub main: String,
}

/// Which of `variants` is in the source language `srclang`, as `tm import`
/// finds a source ([`crate::lang::position`]).
fn source_index(variants: &[VariantRow], srclang: &str) -> Option<usize> {
    crate::lang::position(variants.iter().map(|v| v.lang.as_str()), srclang)
}

/// A language tag as stored (`EN-US` → `en-US`); as written if it is none.
fn stored_tag(tag: &str) -> String {
    crate::lang::canonical(tag).unwrap_or_else(|_| tag.to_string())
}

/// The source language an import took for a file's units, and whether it
/// was declared: `--src-lang` as the import recorded it (any format), else
/// the TMX header's srclang (declared); else a table's first language
/// column (inferred).
pub(super) fn origin_source(format: &str, header: &str) -> Option<(String, bool)> {
    let h: serde_json::Value = serde_json::from_str(header).ok()?;
    if let Some(given) = h[super::interchange::GIVEN_SRC_LANG].as_str() {
        return Some((stored_tag(given), true));
    }
    if format == "tmx" {
        let h: crate::interchange::tmx::Header = serde_json::from_value(h).ok()?;
        return h.srclang().map(|l| (stored_tag(l), true));
    }
    h["columns"]
        .as_array()?
        .iter()
        .filter_map(|c| c.as_str())
        .find(|c| {
            !matches!(
                c.trim().to_ascii_lowercase().as_str(),
                "id" | "document" | "tuid"
            )
        })
        .map(|c| (stored_tag(c.trim()), false))
}

impl Store {
    /// The source language most alignments of the TM have, if any.
    pub fn main_source_lang(&self) -> anyhow::Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .query_row(
                "SELECT src_lang FROM alignments GROUP BY src_lang ORDER BY count(*) DESC, src_lang LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Languages that units with a `src_lang` text also have, sorted.
    pub fn target_languages(&self, src_lang: &str) -> anyhow::Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT DISTINCT lang FROM variants WHERE lang <> ?1 ORDER BY lang")?;
        let langs = stmt
            .query_map([src_lang], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(langs)
    }

    /// Units (of `document`, or of the TM) that hold texts in two languages
    /// or more: what a QA run could check.
    pub fn multilingual_units(&self, document: Option<&str>) -> anyhow::Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM (
               SELECT v.unit_id FROM variants v JOIN units u ON u.id = v.unit_id
               LEFT JOIN documents d ON d.id = u.document_id
               WHERE ?1 IS NULL OR d.name = ?1
               GROUP BY v.unit_id HAVING count(*) > 1)",
            [document],
            |r| r.get(0),
        )?)
    }

    /// The source language of each origin and of each aligned document (a
    /// few rows each): of the origins, those declared (`--src-lang`, a TMX
    /// srclang), and a table's first language column if `inferred`.
    pub(super) fn recorded_sources(&self, inferred: bool) -> anyhow::Result<Recorded> {
        let mut origins = HashMap::new();
        let mut stmt = self
            .conn()
            .prepare("SELECT id, format, header FROM origins")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let format = r.get_ref(1)?.as_str()?;
            if let Some((l, declared)) = origin_source(format, r.get_ref(2)?.as_str()?)
                && (declared || inferred)
            {
                origins.insert(r.get(0)?, l);
            }
        }
        let mut documents = HashMap::new();
        let mut stmt = self
            .conn()
            .prepare("SELECT DISTINCT document_id, src_lang FROM alignments")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            documents.insert(r.get(0)?, r.get(1)?);
        }
        let main = self.main_source_lang()?.unwrap_or_else(|| "en".to_string());
        Ok(Recorded {
            origins,
            documents,
            main,
        })
    }

    /// Call `f` with every unit the filter selects, in unit order, with the
    /// index of its source text (None: it has no text in its source
    /// language) and that language.
    fn for_each_qa_unit(&self, filter: &PairFilter, f: &mut UnitFn) -> anyhow::Result<()> {
        if let Some(d) = filter.document
            && !self.document_exists(d)?
        {
            anyhow::bail!("the TM has no document named '{d}' (see tm stats)");
        }
        let recorded = self.recorded_sources(true)?;
        let sql = if filter.document.is_none() {
            // One pass over the whole TM: memory-mapped reads save a copy
            // per page. CROSS JOIN keeps SQLite's loop order: units in rowid
            // order, their variants by language (the unique index), so there
            // is nothing to sort.
            self.conn().pragma_update(None, "mmap_size", 1i64 << 32)?;
            "SELECT u.id, d.name, u.document_id, u.origin_id, u.meta, v.lang, v.text, v.markup
             FROM units u
             CROSS JOIN variants v ON v.unit_id = u.id
             LEFT JOIN documents d ON d.id = u.document_id
             WHERE ?1 IS NULL
             ORDER BY u.id, v.lang"
        } else {
            // One document: start from its units, whatever the TM's size.
            "SELECT u.id, d.name, u.document_id, u.origin_id, u.meta, v.lang, v.text, v.markup
             FROM documents d
             CROSS JOIN units u ON u.document_id = d.id
             CROSS JOIN variants v ON v.unit_id = u.id
             WHERE d.name = ?1
             ORDER BY u.id, v.lang"
        };
        let mut stmt = self.conn().prepare(sql)?;
        let mut rows = stmt.query([filter.document])?;
        let mut unit = UnitRows::default();
        let mut flush = |unit: &UnitRows| -> anyhow::Result<()> {
            let own = unit
                .tu_srclang
                .as_deref()
                .or_else(|| {
                    unit.origin_id
                        .and_then(|o| recorded.origins.get(&o))
                        .map(String::as_str)
                })
                .or_else(|| {
                    unit.document_id
                        .and_then(|d| recorded.documents.get(&d))
                        .map(String::as_str)
                })
                .unwrap_or(&recorded.main);
            let vs = unit.variants();
            let src = match filter.src_lang {
                None => source_index(vs, own),
                // The recorded source when the range names it, else the
                // unit's text in the range.
                Some(range) => source_index(vs, own)
                    .filter(|&i| crate::lang::covers(range, &vs[i].lang))
                    .or_else(|| source_index(vs, range)),
            };
            let lang = match (src, filter.src_lang) {
                (Some(i), _) => vs[i].lang.as_str(),
                (None, Some(range)) => range,
                (None, None) => own,
            };
            f(unit, src, lang)
        };
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if id != unit.id || unit.len == 0 {
                if unit.len > 0 {
                    flush(&unit)?;
                }
                unit.id = id;
                unit.len = 0;
                unit.document = r.get(1)?;
                unit.document_id = r.get(2)?;
                unit.origin_id = r.get(3)?;
                unit.tu_srclang = match r.get_ref(4)?.as_str_or_null()? {
                    Some(meta) if meta.contains("srclang") => serde_json::from_str::<
                        crate::interchange::Meta,
                    >(meta)
                    .ok()
                    .and_then(|m| m.attr("srclang").filter(|s| *s != "*all*").map(stored_tag)),
                    _ => None,
                };
            }
            unit.push(
                r.get_ref(5)?.as_str()?,
                r.get_ref(6)?.as_str()?,
                r.get_ref(7)?.as_str_or_null()?,
            );
        }
        if unit.len > 0 {
            flush(&unit)?;
        }
        Ok(())
    }

    /// Call `f` with every (unit, target language) pair the filter selects,
    /// in unit order, then language order: each unit's source text against
    /// its other texts.
    pub fn for_each_pair(
        &self,
        filter: &PairFilter,
        f: &mut dyn FnMut(PairRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<PairStats> {
        let mut stats = PairStats::default();
        self.for_each_qa_unit(filter, &mut |unit, src, src_lang| {
            match stats.sources.get_mut(src_lang) {
                Some(n) => *n += 1,
                None => {
                    stats.sources.insert(src_lang.to_string(), 1);
                }
            }
            let Some(s) = src else {
                stats.without_source += 1;
                return Ok(());
            };
            let vs = unit.variants();
            for (i, t) in vs.iter().enumerate() {
                if i == s
                    || t.lang == vs[s].lang
                    || filter.langs.is_some_and(|langs| !langs.contains(&t.lang))
                {
                    continue;
                }
                stats.pairs += 1;
                f(PairRow {
                    unit: unit.id,
                    document: unit.document.as_deref(),
                    src_lang: &vs[s].lang,
                    lang: &t.lang,
                    source: &vs[s].text,
                    target: &t.text,
                    source_markup: vs[s].markup.as_deref(),
                    target_markup: t.markup.as_deref(),
                })?;
            }
            Ok(())
        })?;
        Ok(stats)
    }

    /// Units with a text in their source language but none in a language of
    /// `required` (a range: `sr` is met by sr-Latn), in unit order.
    pub fn units_missing_langs(
        &self,
        filter: &PairFilter,
        required: &[String],
    ) -> anyhow::Result<Vec<MissingLanguage>> {
        let mut out = Vec::new();
        self.for_each_qa_unit(filter, &mut |unit, src, src_lang| {
            let Some(s) = src else { return Ok(()) };
            let vs = unit.variants();
            for req in required {
                if crate::lang::covers(req, src_lang)
                    || vs.iter().any(|v| crate::lang::covers(req, &v.lang))
                {
                    continue;
                }
                out.push(MissingLanguage {
                    unit: unit.id,
                    document: unit.document.clone(),
                    src_lang: src_lang.to_string(),
                    source: vs[s].text.clone(),
                    lang: req.clone(),
                });
            }
            Ok(())
        })?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_an_import_took() {
        let source = |format: &str, header: &str| origin_source(format, header);
        let tmx = r#"{"version":"1.4","attrs":[["srclang","EN-US"]]}"#;
        assert_eq!(source("tmx", tmx), Some(("en-US".to_string(), true)));
        let all = r#"{"version":"1.4","attrs":[["srclang","*all*"]]}"#;
        assert_eq!(source("tmx", all), None);
        let given = r#"{"version":"1.4","attrs":[["srclang","*all*"]],"src_lang":"de"}"#;
        assert_eq!(source("tmx", given), Some(("de".to_string(), true)));
        let csv = r#"{"columns":["id","Document","sq","en"]}"#;
        assert_eq!(source("csv", csv), Some(("sq".to_string(), false)));
        let given = r#"{"columns":["sq","en"],"src_lang":"en"}"#;
        assert_eq!(source("csv", given), Some(("en".to_string(), true)));
    }
}
