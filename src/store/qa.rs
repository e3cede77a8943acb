//! Typed queries for `tm qa`: source/target pairs of units, streamed in
//! unit order, and units that lack a required language.

use super::Store;

/// Which pairs `tm qa` checks.
#[derive(Debug, Clone, Copy)]
pub struct PairFilter<'a> {
    pub src_lang: &'a str,
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
    pub lang: &'a str,
    pub source: &'a str,
    pub target: &'a str,
    /// Inline markup, when the text has any.
    pub source_markup: Option<&'a str>,
    pub target_markup: Option<&'a str>,
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

    /// Call `f` with every (unit, target language) pair the filter selects,
    /// in unit order, then language order. Returns how many were given.
    pub fn for_each_pair(
        &self,
        filter: &PairFilter,
        f: &mut dyn FnMut(PairRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<u64> {
        if let Some(d) = filter.document
            && !self.document_exists(d)?
        {
            anyhow::bail!("the TM has no document named '{d}' (see tm stats)");
        }
        let sql = if filter.document.is_none() {
            // One pass over the whole TM: memory-mapped reads save a copy
            // per page. CROSS JOIN keeps SQLite's loop order: units in rowid
            // order, so there is nothing to sort.
            self.conn().pragma_update(None, "mmap_size", 1i64 << 32)?;
            "SELECT u.id, d.name, t.lang, s.text, t.text, s.markup, t.markup
             FROM units u
             CROSS JOIN variants s ON s.unit_id = u.id AND s.lang = ?1
             CROSS JOIN variants t ON t.unit_id = u.id AND t.lang <> ?1
             LEFT JOIN documents d ON d.id = u.document_id
             WHERE ?2 IS NULL
             ORDER BY u.id, t.lang"
        } else {
            // One document: start from its units, whatever the TM's size.
            "SELECT u.id, d.name, t.lang, s.text, t.text, s.markup, t.markup
             FROM documents d
             CROSS JOIN units u ON u.document_id = d.id
             CROSS JOIN variants s ON s.unit_id = u.id AND s.lang = ?1
             CROSS JOIN variants t ON t.unit_id = u.id AND t.lang <> ?1
             WHERE d.name = ?2
             ORDER BY u.id, t.lang"
        };
        let mut stmt = self.conn().prepare(sql)?;
        let mut rows = stmt.query(rusqlite::params![filter.src_lang, filter.document])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let lang = r.get_ref(2)?.as_str()?;
            if let Some(langs) = filter.langs
                && !langs.iter().any(|l| l == lang)
            {
                continue;
            }
            n += 1;
            f(PairRow {
                unit: r.get(0)?,
                document: r.get_ref(1)?.as_str_or_null()?,
                lang,
                source: r.get_ref(3)?.as_str()?,
                target: r.get_ref(4)?.as_str()?,
                source_markup: r.get_ref(5)?.as_str_or_null()?,
                target_markup: r.get_ref(6)?.as_str_or_null()?,
            })?;
        }
        Ok(n)
    }

    /// Units with a `src_lang` text but none in `lang`: (unit, document, source text).
    pub fn units_missing_lang(
        &self,
        src_lang: &str,
        lang: &str,
        document: Option<&str>,
    ) -> anyhow::Result<Vec<(i64, Option<String>, String)>> {
        let mut stmt = self.conn().prepare(if document.is_none() {
            "SELECT u.id, d.name, s.text
             FROM units u
             CROSS JOIN variants s ON s.unit_id = u.id AND s.lang = ?1
             LEFT JOIN documents d ON d.id = u.document_id
             WHERE ?3 IS NULL
               AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.unit_id = u.id AND v.lang = ?2)
             ORDER BY u.id"
        } else {
            "SELECT u.id, d.name, s.text
             FROM documents d
             CROSS JOIN units u ON u.document_id = d.id
             CROSS JOIN variants s ON s.unit_id = u.id AND s.lang = ?1
             WHERE d.name = ?3
               AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.unit_id = u.id AND v.lang = ?2)
             ORDER BY u.id"
        })?;
        let rows = stmt
            .query_map(rusqlite::params![src_lang, lang, document], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
