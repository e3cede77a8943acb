//! What `tm diff` and `tm history` need: a document's stored texts and
//! units, and the revisions of a unit's variants.
//!
//! A revision is an earlier text of one variant (unit × language), with who
//! wrote it and when, and who replaced it and when. Revisions are numbered
//! per unit and language from 1 (the oldest); the current text is the last.

use anyhow::bail;
use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::diff::StoredUnit;

/// A language version of a document as stored.
#[derive(Debug, Clone)]
pub struct StoredText {
    pub document: String,
    pub lang: String,
    pub path: String,
    pub content: String,
    pub sentences: usize,
}

/// One text of a variant in its history.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Revision {
    pub rev: usize,
    pub lang: String,
    pub text: String,
    /// The text with its inline markup (TMX), when it had any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markup: Option<String>,
    /// Who wrote it: a person (`--author`, git's user.name), or the command
    /// that stored it (`tm align`, `tm import`) when no person was recorded.
    pub author: String,
    /// When tm stored it.
    pub created_at: String,
    /// The date the file it was imported from gave it (its TMX `<tuv>`'s
    /// `changedate`, else `creationdate`), as `YYYY-MM-DDThh:mm:ssZ`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dated: Option<String>,
    /// When it was replaced and by whom; None for the current text.
    pub replaced_at: Option<String>,
    pub replaced_by: Option<String>,
    pub current: bool,
}

/// A unit merged into another: its texts (and revisions) went there.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Merge {
    /// The unit merged away.
    pub unit: i64,
    /// The unit that took its texts.
    pub into: i64,
    /// The document, and the language pair whose alignment joined them.
    pub document: String,
    pub src_lang: String,
    pub tgt_lang: String,
    pub merged_at: String,
    /// The replacing author, or the command (`tm align`).
    pub merged_by: String,
}

/// What `tm history UNIT` shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UnitHistory {
    pub unit: i64,
    /// How the unit's texts went into another unit, merge after merge;
    /// empty when it was not merged away.
    pub merged_into: Vec<Merge>,
    /// The unit whose texts `revisions` lists: the last merge's `into`,
    /// else `unit`.
    pub revisions_of: i64,
    /// The units merged into `revisions_of`, in the order the merges
    /// were made.
    pub merged_from: Vec<Merge>,
    pub revisions: Vec<Revision>,
}

/// Merge records of a chain longer than this are a damaged TM (ids are
/// never reused, so a chain never loops back).
const MAX_MERGES: usize = 10_000;

/// The TMX date a text's metadata (JSON) gives it, written as ISO 8601.
fn tmx_date(meta: &str) -> Option<String> {
    let meta: crate::interchange::Meta = serde_json::from_str(meta).ok()?;
    let d = meta
        .attr("changedate")
        .or_else(|| meta.attr("creationdate"))?;
    crate::interchange::is_tmx_date(d).then(|| {
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &d[0..4],
            &d[4..6],
            &d[6..8],
            &d[9..11],
            &d[11..13],
            &d[13..15]
        )
    })
}

impl Store {
    /// The document that has exactly this text in `lang`, if any.
    pub fn document_with_text(&self, lang: &str, content: &str) -> anyhow::Result<Option<String>> {
        use sha2::{Digest, Sha256};
        let sha: String = Sha256::digest(content.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(self
            .conn()
            .query_row(
                "SELECT d.name FROM texts t JOIN documents d ON d.id = t.document_id
                 WHERE t.lang = ?1 AND t.sha256 = ?2 ORDER BY d.id LIMIT 1",
                params![lang, sha],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn document_exists(&self, name: &str) -> anyhow::Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS(SELECT 1 FROM documents WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?)
    }

    /// The stored `lang` text of a document.
    pub fn stored_text(&self, document: &str, lang: &str) -> anyhow::Result<Option<StoredText>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT t.path, t.content, t.sentences FROM texts t JOIN documents d ON d.id = t.document_id
                 WHERE d.name = ?1 AND t.lang = ?2",
                params![document, lang],
                |r| {
                    Ok(StoredText {
                        document: document.to_string(),
                        lang: lang.to_string(),
                        path: r.get(0)?,
                        content: r.get(1)?,
                        sentences: r.get::<_, i64>(2)? as usize,
                    })
                },
            )
            .optional()?)
    }

    /// The language a document's `tgt_lang` text was aligned from; else the
    /// source language of any of its alignments.
    pub fn source_lang(&self, document: &str, tgt_lang: &str) -> anyhow::Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT a.src_lang FROM alignments a JOIN documents d ON d.id = a.document_id
                 WHERE d.name = ?1 AND a.src_lang <> ?2 ORDER BY (a.tgt_lang = ?2) DESC, a.id LIMIT 1",
                params![document, tgt_lang],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The units of a document in source order, with their `tgt_lang` text.
    pub fn stored_units(
        &self,
        document: &str,
        src_lang: &str,
        tgt_lang: &str,
    ) -> anyhow::Result<Vec<StoredUnit>> {
        let mut stmt = self.conn().prepare(
            "SELECT u.id, s.first_sentence, s.end_sentence, s.text, t.text, t.first_sentence, t.end_sentence
             FROM units u JOIN documents d ON d.id = u.document_id
             JOIN variants s ON s.unit_id = u.id AND s.lang = ?2
             LEFT JOIN variants t ON t.unit_id = u.id AND t.lang = ?3
             WHERE d.name = ?1 ORDER BY s.first_sentence",
        )?;
        let rows = stmt.query_map(params![document, src_lang, tgt_lang], |r| {
            let old = match r.get::<_, Option<String>>(4)? {
                Some(text) => {
                    let a = r.get::<_, Option<i64>>(5)?.unwrap_or(0) as usize;
                    let b = r.get::<_, Option<i64>>(6)?.unwrap_or(0) as usize;
                    Some((text, a..b))
                }
                None => None,
            };
            Ok(StoredUnit {
                unit: r.get(0)?,
                src: r.get::<_, i64>(1)? as usize..r.get::<_, i64>(2)? as usize,
                source_text: r.get(3)?,
                old,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Units of a document with a `tgt_lang` text but no `src_lang` text.
    pub fn orphan_units(
        &self,
        document: &str,
        src_lang: &str,
        tgt_lang: &str,
    ) -> anyhow::Result<Vec<(i64, String)>> {
        let mut stmt = self.conn().prepare(
            "SELECT u.id, t.text FROM units u JOIN documents d ON d.id = u.document_id
             JOIN variants t ON t.unit_id = u.id AND t.lang = ?3
             WHERE d.name = ?1 AND NOT EXISTS (SELECT 1 FROM variants s WHERE s.unit_id = u.id AND s.lang = ?2)
             ORDER BY t.first_sentence",
        )?;
        let rows = stmt.query_map(params![document, src_lang, tgt_lang], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The history of a unit: every text of each of its variants, oldest
    /// first, per language; of a unit merged into another, that unit's.
    pub fn history(&self, unit: i64) -> anyhow::Result<UnitHistory> {
        let merged_into = self.merged_into(unit)?;
        let revisions_of = merged_into.last().map_or(unit, |m| m.into);
        let exists: bool = self.conn().query_row(
            // A retired unit (its texts replaced by a new alignment) keeps
            // its revisions.
            "SELECT EXISTS(SELECT 1 FROM units WHERE id = ?1) OR EXISTS(SELECT 1 FROM revisions WHERE unit_id = ?1)",
            [unit],
            |r| r.get(0),
        )?;
        if !exists && merged_into.is_empty() {
            // Ids are never reused (AUTOINCREMENT): one below the highest
            // given was a unit that the run which made it merged into
            // another (such merges leave no record: src/store/run.rs).
            let highest: i64 = self
                .conn()
                .query_row(
                    "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'units'",
                    [],
                    |r| r.get(0),
                )
                .unwrap_or(0);
            if unit >= 1 && unit <= highest {
                bail!(
                    "the TM has no unit {unit}: the run that made it merged it into another unit \
                     (a translation joined its sentence to a neighbour's); `tm export --doc NAME` \
                     shows the document's units"
                );
            }
            bail!("the TM has no unit {unit}");
        }
        Ok(UnitHistory {
            unit,
            merged_into,
            revisions_of,
            merged_from: self.merged_from(revisions_of)?,
            revisions: self.revisions(revisions_of)?,
        })
    }

    /// Whether the TM records merges (a read-only TM of schema 9 has no
    /// table for them: it has none).
    fn has_merge_records(&self) -> anyhow::Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS(SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'merged_units')",
            [],
            |r| r.get(0),
        )?)
    }

    /// The merges that took `unit`'s texts into another unit, in order.
    fn merged_into(&self, unit: i64) -> anyhow::Result<Vec<Merge>> {
        let mut chain: Vec<Merge> = Vec::new();
        if !self.has_merge_records()? {
            return Ok(chain);
        }
        let mut stmt = self
            .conn()
            .prepare(&format!("{MERGE_SQL} WHERE unit_id = ?1"))?;
        let mut at = unit;
        while let Some(m) = stmt.query_row([at], merge_row).optional()? {
            if chain.len() >= MAX_MERGES {
                bail!("the merge records of unit {unit} go round in a loop: the TM is damaged");
            }
            at = m.into;
            chain.push(m);
        }
        Ok(chain)
    }

    /// The order merges were made in: `seq` (schema 18). A read-only TM
    /// of an older schema has no such column: by date, then unit id, as tm
    /// told them before.
    fn merge_order(&self) -> anyhow::Result<&'static str> {
        let has_seq: bool = self.conn().query_row(
            "SELECT EXISTS(SELECT 1 FROM pragma_table_info('merged_units') WHERE name = 'seq')",
            [],
            |r| r.get(0),
        )?;
        Ok(if has_seq { "seq" } else { "merged_at, unit_id" })
    }

    /// The units merged into `unit`, directly or into a unit merged into it
    /// later (8 into 7, then 7 into 5: both hold texts 5 has now), in the
    /// order the merges were made (one run's merges share a date).
    fn merged_from(&self, unit: i64) -> anyhow::Result<Vec<Merge>> {
        if !self.has_merge_records()? {
            return Ok(Vec::new());
        }
        let order = self.merge_order()?;
        let mut stmt = self.conn().prepare(&format!(
            "WITH RECURSIVE holder(id, depth) AS (
                 SELECT ?1, 0
                 UNION
                 SELECT m.unit_id, h.depth + 1 FROM merged_units m JOIN holder h ON m.into_unit = h.id
                 WHERE h.depth < {MAX_MERGES}
             )
             {MERGE_SQL} WHERE into_unit IN (SELECT id FROM holder) ORDER BY {order}"
        ))?;
        let rows = stmt.query_map([unit], merge_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every text each variant of a unit has had, per language, in the
    /// order they were replaced (revision ids grow as they are written:
    /// one run's revisions share a date), the current text last.
    fn revisions(&self, unit: i64) -> anyhow::Result<Vec<Revision>> {
        let mut out: Vec<Revision> = Vec::new();
        let mut stmt = self.conn().prepare(
            "SELECT r.lang, r.text, coalesce(r.author, iif(u.origin_id IS NULL, 'tm align', 'tm import')),
               r.created_at, r.replaced_at, r.replaced_by, 0, r.markup, r.id, r.meta
             FROM revisions r LEFT JOIN units u ON u.id = r.unit_id WHERE r.unit_id = ?1
             UNION ALL
             SELECT v.lang, v.text, coalesce(v.author, iif(u.origin_id IS NULL, 'tm align', 'tm import')),
               v.created_at, NULL, NULL, 1, v.markup, 0, v.meta
             FROM variants v JOIN units u ON u.id = v.unit_id WHERE v.unit_id = ?1
             ORDER BY 1, 7, 9",
        )?;
        let rows = stmt.query_map([unit], |r| {
            Ok(Revision {
                rev: 0,
                lang: r.get(0)?,
                text: r.get(1)?,
                author: r.get(2)?,
                created_at: r.get(3)?,
                replaced_at: r.get(4)?,
                replaced_by: r.get(5)?,
                current: r.get::<_, i64>(6)? == 1,
                markup: r.get(7)?,
                dated: r.get::<_, Option<String>>(9)?.as_deref().and_then(tmx_date),
            })
        })?;
        for row in rows {
            let mut rev = row?;
            rev.rev = out.iter().filter(|r| r.lang == rev.lang).count() + 1;
            out.push(rev);
        }
        Ok(out)
    }
}

const MERGE_SQL: &str = "SELECT unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by FROM merged_units";

fn merge_row(r: &rusqlite::Row) -> rusqlite::Result<Merge> {
    Ok(Merge {
        unit: r.get(0)?,
        into: r.get(1)?,
        document: r.get(2)?,
        src_lang: r.get(3)?,
        tgt_lang: r.get(4)?,
        merged_at: r.get(5)?,
        merged_by: r.get(6)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// 8 merged into 7, then 7 into 5: the history of 5 names both, and
    /// that of 8 follows the chain to 5.
    #[test]
    fn a_chain_of_merges_is_told_from_both_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        {
            let mut conn = Connection::open(&path).unwrap();
            super::super::migrations::create_at_version(
                &mut conn,
                super::super::migrations::LATEST as usize,
                super::super::APPLICATION_ID,
            );
            conn.execute_batch(
                "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now');
                 INSERT INTO units (id, document_id, created_at, updated_at) VALUES (5, 1, 'now', 'now');
                 INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at)
                     VALUES (5, 'en', 'A. B. C.', 'A. B. C.', 'now', 'now');
                 INSERT INTO merged_units (unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by)
                 VALUES (8, 7, 'd', 'en', 'sq', '2026-01-01T00:00:00Z', 'Arta'),
                        (7, 5, 'd', 'en', 'sq', '2026-01-02T00:00:00Z', 'Besa');",
            )
            .unwrap();
        }
        let store = Store::open_existing(&path).unwrap();
        let h = store.history(5).unwrap();
        let from: Vec<i64> = h.merged_from.iter().map(|m| m.unit).collect();
        assert_eq!(from, [8, 7]);
        let h = store.history(8).unwrap();
        let into: Vec<i64> = h.merged_into.iter().map(|m| m.into).collect();
        assert_eq!(into, [7, 5]);
        assert_eq!(h.revisions_of, 5);
        // Unit 3 was made and merged in one run (no record); 9 never was.
        let err = |u: i64| format!("{:#}", store.history(u).unwrap_err());
        assert!(err(3).contains("merged it into another unit"), "{}", err(3));
        assert_eq!(err(9), "the TM has no unit 9");
    }

    /// A TM of schema 17 read as it is (read-only: not upgraded) has no
    /// `seq`: its merges are told by date, then unit id, as before; the
    /// upgraded TM tells them in the same order.
    #[test]
    fn merges_of_a_tm_read_at_schema_17_are_told_by_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        {
            let mut conn = Connection::open(&path).unwrap();
            super::super::migrations::create_at_version(
                &mut conn,
                17,
                super::super::APPLICATION_ID,
            );
            conn.execute_batch(
                "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now');
                 INSERT INTO units (id, document_id, created_at, updated_at) VALUES (1, 1, 'now', 'now');
                 INSERT INTO merged_units (unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by)
                 VALUES (4, 1, 'd', 'en', 'sq', '2026-01-02T00:00:00Z', 'tm align'),
                        (2, 1, 'd', 'en', 'sq', '2026-01-02T00:00:00Z', 'tm align'),
                        (3, 1, 'd', 'en', 'sq', '2026-01-01T00:00:00Z', 'tm align');",
            )
            .unwrap();
        }
        let told = |store: &Store| -> Vec<i64> {
            store
                .history(1)
                .unwrap()
                .merged_from
                .iter()
                .map(|m| m.unit)
                .collect()
        };
        let store = Store::open_with(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        assert_eq!(told(&store), [3, 2, 4]);
        drop(store);
        let store = Store::open_existing(&path).unwrap();
        let version: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, super::super::migrations::LATEST);
        assert_eq!(told(&store), [3, 2, 4]);
    }
}
