//! Read-only queries: statistics and export.

use std::collections::BTreeMap;

use anyhow::Context;
use rusqlite::params;

use super::Store;

/// What `tm stats` reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    pub path: String,
    pub schema_version: i64,
    pub units: i64,
    pub variants: i64,
    /// Variants per language, by language tag.
    pub languages: BTreeMap<String, i64>,
    pub documents: Vec<DocumentStats>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct DocumentStats {
    pub name: String,
    pub units: i64,
    /// Sentences per language text of the document.
    pub sentences: BTreeMap<String, i64>,
    pub created_at: String,
}

/// One unit as `tm export` writes it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportUnit {
    pub id: i64,
    pub document: Option<String>,
    /// Text per language, as written.
    pub variants: BTreeMap<String, String>,
}

impl Store {
    pub fn stats(&self) -> anyhow::Result<Stats> {
        let c = self.conn();
        let units = c.query_row("SELECT count(*) FROM units", [], |r| r.get(0))?;
        let variants = c.query_row("SELECT count(*) FROM variants", [], |r| r.get(0))?;
        let schema_version = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let mut languages = BTreeMap::new();
        let mut stmt = c.prepare("SELECT lang, count(*) FROM variants GROUP BY lang")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (l, n) = row?;
            languages.insert(l, n);
        }
        let mut documents = Vec::new();
        let mut stmt = c.prepare(
            "SELECT d.id, d.name, d.created_at, (SELECT count(*) FROM units u WHERE u.document_id = d.id)
             FROM documents d ORDER BY d.name",
        )?;
        let mut texts =
            c.prepare("SELECT lang, sentences FROM texts WHERE document_id = ?1 ORDER BY lang")?;
        let rows: Vec<(i64, String, String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        for (id, name, created_at, units) in rows {
            let sentences = texts
                .query_map(params![id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })?
                .collect::<Result<BTreeMap<_, _>, _>>()?;
            documents.push(DocumentStats {
                name,
                units,
                sentences,
                created_at,
            });
        }
        Ok(Stats {
            path: self.path().display().to_string(),
            schema_version,
            units,
            variants,
            languages,
            documents,
        })
    }

    /// The names of the documents that hold a stored alignment, in order.
    pub fn aligned_documents(&self) -> anyhow::Result<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT d.name FROM documents d
             WHERE EXISTS (SELECT 1 FROM alignments a WHERE a.document_id = d.id)
             ORDER BY d.name",
        )?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(names)
    }

    /// The target languages of the stored alignments, in order.
    pub fn alignment_targets(&self) -> anyhow::Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT DISTINCT tgt_lang FROM alignments ORDER BY tgt_lang")?;
        let langs = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(langs)
    }

    /// Every unit (optionally of one document), in document order.
    pub fn export_units(&self, document: Option<&str>) -> anyhow::Result<Vec<ExportUnit>> {
        let c = self.conn();
        let mut stmt = c.prepare(
            "SELECT u.id, d.name, v.lang, v.text FROM units u
             LEFT JOIN documents d ON d.id = u.document_id
             JOIN variants v ON v.unit_id = u.id
             WHERE ?1 IS NULL OR d.name = ?1
             ORDER BY d.name, u.position, u.id, v.lang",
        )?;
        let mut out: Vec<ExportUnit> = Vec::new();
        let rows = stmt.query_map(params![document], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (id, doc, lang, text) = row?;
            match out.last_mut() {
                Some(u) if u.id == id => {
                    u.variants.insert(lang, text);
                }
                _ => out.push(ExportUnit {
                    id,
                    document: doc,
                    variants: BTreeMap::from([(lang, text)]),
                }),
            }
        }
        Ok(out)
    }
}

/// Target texts `aligned_pairs` looks at among imported units.
const IMPORTED_SCAN: i64 = 20_000;

impl Store {
    /// Source and target texts of confident one-to-one beads that earlier
    /// alignments of `src_lang` → `tgt_lang` stored, newest first, at most
    /// `limit`, leaving out the document `except`: what the workspace
    /// already knows of the language pair, for the aligner's lexicon; then,
    /// up to `limit`, units imported from other tools.
    pub fn aligned_pairs(
        &self,
        src_lang: &str,
        tgt_lang: &str,
        except: &str,
        min_confidence: f64,
        limit: usize,
    ) -> anyhow::Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.text, t.text FROM alignments a
             CROSS JOIN variants s ON s.unit_id = a.unit_id AND s.lang = a.src_lang
             CROSS JOIN variants t ON t.unit_id = a.unit_id AND t.lang = a.tgt_lang
             WHERE a.src_lang = ?1 AND a.tgt_lang = ?2 AND a.confidence >= ?3
               AND a.src_end - a.src_first = 1 AND a.tgt_end - a.tgt_first = 1
               AND a.document_id IS NOT (SELECT id FROM documents WHERE name = ?4)
             ORDER BY a.id DESC LIMIT ?5",
        )?;
        let mut rows: Vec<(String, String)> = stmt
            .query_map(
                params![src_lang, tgt_lang, min_confidence, except, limit as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<Result<_, _>>()?;
        if rows.len() < limit {
            // Top up with imported units (a TMX or CSV from another tool):
            // translations too, if not from a bead. At most `IMPORTED_SCAN`
            // target texts are looked at, so a large TM of other pairs costs
            // little.
            let mut stmt = self.conn().prepare_cached(
                "SELECT s.text, t.text
                 FROM (SELECT unit_id, text FROM variants INDEXED BY variants_lang_text
                       WHERE lang = ?2 LIMIT ?5) t
                 CROSS JOIN units u ON u.id = t.unit_id
                 CROSS JOIN variants s ON s.unit_id = t.unit_id AND s.lang = ?1
                 WHERE u.origin_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = u.document_id AND d.name = ?3)
                 LIMIT ?4",
            )?;
            let more = stmt.query_map(
                params![
                    src_lang,
                    tgt_lang,
                    except,
                    (limit - rows.len()) as i64,
                    IMPORTED_SCAN
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            for pair in more {
                rows.push(pair?);
            }
        }
        Ok(rows)
    }
}

/// The beads an alignment of a document stored, in order.
#[derive(Debug, Clone)]
pub struct StoredAlignment {
    pub src_lang: String,
    pub tgt_lang: String,
    /// The beads with their confidence and the sentences nothing on the
    /// other side translates.
    pub beads: Vec<crate::align::Bead>,
    /// Whether every bead records which of its sentences nothing on the
    /// other side translates (not those stored before schema 15: their
    /// `unsupported` is empty).
    pub unsupported_recorded: bool,
}

impl Store {
    /// Every alignment stored for `document` (one per language pair), its
    /// beads in order. An unknown document is an error.
    pub fn stored_alignments(&self, document: &str) -> anyhow::Result<Vec<StoredAlignment>> {
        if !self.document_exists(document)? {
            anyhow::bail!("the TM has no document named '{document}' (see tm stats)");
        }
        // A read-only TM of an older schema has no such column: nothing recorded.
        let recorded: bool = self.conn().query_row(
            "SELECT EXISTS(SELECT 1 FROM pragma_table_info('alignments') WHERE name = 'unsupported')",
            [],
            |r| r.get(0),
        )?;
        let crossed: bool = self.conn().query_row(
            "SELECT EXISTS(SELECT 1 FROM pragma_table_info('alignments') WHERE name = 'crossed')",
            [],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.src_lang, a.tgt_lang, a.src_first, a.src_end, a.tgt_first, a.tgt_end, a.confidence, {}, {}
             FROM documents d CROSS JOIN alignments a ON a.document_id = d.id
             WHERE d.name = ?1 ORDER BY a.src_lang, a.tgt_lang, a.bead",
            if recorded { "a.unsupported" } else { "NULL" },
            if crossed { "a.crossed" } else { "NULL" }
        ))?;
        let mut rows = stmt.query([document])?;
        let mut out: Vec<StoredAlignment> = Vec::new();
        while let Some(r) = rows.next()? {
            let (src_lang, tgt_lang): (String, String) = (r.get(0)?, r.get(1)?);
            let n = |i: usize| -> rusqlite::Result<usize> { Ok(r.get::<_, i64>(i)? as usize) };
            let unsupported: Option<String> = r.get(7)?;
            let bead = crate::align::Bead {
                src: n(2)?..n(3)?,
                tgt: n(4)?..n(5)?,
                confidence: r.get(6)?,
                unsupported: match &unsupported {
                    Some(json) => serde_json::from_str(json).with_context(|| {
                        format!(
                            "a bead of the {src_lang} → {tgt_lang} alignment of '{document}' records \
                             unreadable unsupported sentences: {json}"
                        )
                    })?,
                    None => Vec::new(),
                },
                crossed: r.get::<_, Option<i64>>(8)?.map(|j| j as usize),
            };
            match out.last_mut() {
                Some(a) if a.src_lang == src_lang && a.tgt_lang == tgt_lang => {
                    a.unsupported_recorded &= unsupported.is_some();
                    a.beads.push(bead)
                }
                _ => out.push(StoredAlignment {
                    src_lang,
                    tgt_lang,
                    beads: vec![bead],
                    unsupported_recorded: unsupported.is_some(),
                }),
            }
        }
        Ok(out)
    }
}
