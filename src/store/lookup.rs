//! SQL of fuzzy lookup and concordance (schema: migration 2).
//!
//! Invariant, kept by SQLite triggers on `variants` in the writer's own
//! transaction (so no writer — `tm align`, a TMX import, a future editor —
//! can forget it):
//! - for every variant, either `lookup_terms` holds the key-token ids of its
//!   current `text_nfc` with its inline codes (`markup`, as tags:
//!   [`crate::lookup::stored_text`]; migration 11) under its current `lang`,
//!   or `lookup_pending` holds its id; never a stale `lookup_terms` row: an
//!   update of `text_nfc`, `markup` or `lang` deletes the row and queues the
//!   variant, a delete deletes both;
//! - likewise for `variants_search` (FTS5, contentless, migration 7): either
//!   it holds the folded text of the variant's current `text_nfc` (in
//!   `folded_sh` for Serbo-Croatian, else in `folded`; [`SearchWriter`]), or
//!   `lookup_pending` holds its id; an update or delete drops the row.
//!
//! A bulk writer (`import_units`) may take the upkeep over for the variants
//! it inserts: inside its transaction it puts a row in `lookup_deferred`
//! (the triggers then leave variants with id > `after` alone, migration 5),
//! writes their `lookup_terms` rows ([`TermWriter`]) and `variants_search`
//! rows itself, and deletes the row before it commits. Rows of
//! `lookup_deferred` are never committed.
//!
//! Tokenizing and folding need Rust, so the triggers only queue;
//! [`index_pending`] turns the queue into `lookup_terms` and
//! `variants_search` rows. Writers call it before they commit
//! (`store_alignment` does), so the queue is normally empty after every
//! commit, and so does a schema upgrade (a migration that changes how texts
//! are indexed queues every variant); lookups and searches call it too (in a
//! write transaction) before they read, so a queue left by any other writer
//! is never missed.
//!
//! The inverted lists live in memory ([`crate::lookup::Index`]), built per
//! query language from `lookup_terms` (one contiguous scan of a
//! `WITHOUT ROWID` table keyed on `(lang, variant_id)`, u32 ids in a BLOB).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, bail};
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::lookup::{Candidate, Index, IndexBuilder, Session, Tokenized};
use crate::search::SearchPattern;
use crate::text::Folding;

/// Tokenize every queued variant into `lookup_terms` and empty the queue.
/// Call it inside the writer's transaction. Returns how many were indexed.
pub(crate) fn index_pending(conn: &Connection) -> anyhow::Result<usize> {
    let mut terms = TermWriter::new(conn)?;
    let mut search = SearchWriter::new(conn)?;
    let mut done = 0;
    let mut after = i64::MIN;
    loop {
        let batch: Vec<(i64, String, String, Option<String>)> = conn
            .prepare_cached(
                "SELECT p.variant_id, v.lang, v.text_nfc, v.markup FROM lookup_pending p
                 JOIN variants v ON v.id = p.variant_id
                 WHERE p.variant_id > ?1 ORDER BY p.variant_id LIMIT 5000",
            )?
            .query_map([after], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        for (id, lang, text, markup) in &batch {
            terms.put(*id, lang, text, markup.as_deref(), true)?;
            search.put(*id, lang, text, true)?;
        }
        done += batch.len();
    }
    conn.execute("DELETE FROM lookup_pending", [])?;
    Ok(done)
}

/// Vocabulary ids kept in memory, in each of two generations: when the
/// young one is full it becomes the old one (the old one is dropped), and a
/// token found in the old one moves back. The common words stay; memory stays
/// flat (tens of MB) however large the import.
const VOCAB_CACHE: usize = 1 << 18;

/// The key tokens of one text, in order (made off the writer's thread).
#[derive(Debug, Default)]
pub(crate) struct KeyList {
    text: String,
    ends: Vec<u32>,
}

impl KeyList {
    /// The keys of a text with its TMX `markup` (its inline codes are tag
    /// keys, as lookup scores them: [`crate::lookup::stored_text`]).
    pub(crate) fn of(text_nfc: &str, markup: Option<&str>, lang: &str) -> KeyList {
        let mut keys = KeyList::default();
        let mut push = |k: &str| {
            keys.text.push_str(k);
            keys.ends.push(keys.text.len() as u32);
        };
        let folding = Folding::of(lang);
        if let Some(parts) = crate::lookup::coded_parts(text_nfc, markup) {
            for k in Tokenized::from_parts(&parts, folding).keys() {
                push(&k);
            }
            return keys;
        }
        Tokenized::each_key(text_nfc, folding, &mut String::new(), push);
        keys
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let k = &self.text[start..end as usize];
            start = end as usize;
            k
        })
    }
}

/// FxHash (rustc's): the vocabulary cache is hashed once per token written.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Writes `lookup_terms` rows: the key-token ids of a variant's `text_nfc`.
pub(crate) struct TermWriter<'c> {
    conn: &'c Connection,
    vocab: HashMap<String, u32, FxBuild>,
    old_vocab: HashMap<String, u32, FxBuild>,
    /// The cache holds the whole of `lookup_vocab` (it was empty, and nothing
    /// was dropped since): a token not in the cache is new.
    complete: bool,
    find: rusqlite::CachedStatement<'c>,
    add: rusqlite::CachedStatement<'c>,
    insert: rusqlite::CachedStatement<'c>,
    replace: rusqlite::CachedStatement<'c>,
    blob: Vec<u8>,
}

impl<'c> TermWriter<'c> {
    pub(crate) fn new(conn: &'c Connection) -> anyhow::Result<TermWriter<'c>> {
        Ok(TermWriter {
            conn,
            vocab: HashMap::default(),
            old_vocab: HashMap::default(),
            complete: conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM lookup_vocab)", [], |r| {
                r.get(0)
            })?,
            find: conn.prepare_cached("SELECT id FROM lookup_vocab WHERE token = ?1")?,
            add: conn.prepare_cached("INSERT OR ROLLBACK INTO lookup_vocab (token) VALUES (?1)")?,
            insert: conn.prepare_cached(
                "INSERT OR ROLLBACK INTO lookup_terms (lang, variant_id, tokens) VALUES (?1, ?2, ?3)",
            )?,
            replace: conn.prepare_cached(
                "INSERT OR REPLACE INTO lookup_terms (lang, variant_id, tokens) VALUES (?1, ?2, ?3)",
            )?,
            blob: Vec::new(),
        })
    }

    /// Store the terms of variant `id`; `replace` if it may have a row already.
    pub(crate) fn put(
        &mut self,
        id: i64,
        lang: &str,
        text_nfc: &str,
        markup: Option<&str>,
        replace: bool,
    ) -> anyhow::Result<()> {
        self.put_keys(id, lang, &KeyList::of(text_nfc, markup, lang), replace)
    }

    /// The id of `key` in `lookup_vocab`, added if new.
    fn vocab_id(&mut self, key: &str) -> anyhow::Result<u32> {
        let found = if self.complete {
            None
        } else {
            self.find
                .query_row([key], |r| r.get::<_, i64>(0))
                .optional()?
        };
        let t = match found {
            Some(t) => t,
            None => {
                self.add.execute([key])?;
                self.conn.last_insert_rowid()
            }
        };
        u32::try_from(t).context("the lookup vocabulary is full")
    }

    /// As [`TermWriter::put`], with the keys already made.
    pub(crate) fn put_keys(
        &mut self,
        id: i64,
        lang: &str,
        keys: &KeyList,
        replace: bool,
    ) -> anyhow::Result<()> {
        self.blob.clear();
        for key in keys.iter() {
            let tid = match self.vocab.get(key) {
                Some(&t) => t,
                None => {
                    let t = match self.old_vocab.get(key) {
                        Some(&t) => t,
                        None => self.vocab_id(key)?,
                    };
                    if self.vocab.len() >= VOCAB_CACHE {
                        self.old_vocab = std::mem::take(&mut self.vocab);
                        self.complete = false;
                    }
                    self.vocab.insert(key.to_string(), t);
                    t
                }
            };
            self.blob.extend_from_slice(&tid.to_le_bytes());
        }
        let stmt = if replace {
            &mut self.replace
        } else {
            &mut self.insert
        };
        stmt.execute(params![lang, id, self.blob])?;
        Ok(())
    }
}

/// Writes `variants_search` rows: a variant's text folded as its language
/// folds ([`crate::text::Folding::of`]), in `folded_sh` for Serbo-Croatian
/// (where `dj` folds like `đ`), else in `folded`.
pub(crate) struct SearchWriter<'c> {
    insert: rusqlite::CachedStatement<'c>,
    replace: rusqlite::CachedStatement<'c>,
}

impl<'c> SearchWriter<'c> {
    pub(crate) fn new(conn: &'c Connection) -> anyhow::Result<SearchWriter<'c>> {
        Ok(SearchWriter {
            insert: conn.prepare_cached(
                "INSERT INTO variants_search (rowid, folded, folded_sh) VALUES (?1, ?2, ?3)",
            )?,
            replace: conn.prepare_cached(
                "INSERT OR REPLACE INTO variants_search (rowid, folded, folded_sh) VALUES (?1, ?2, ?3)",
            )?,
        })
    }

    /// Store the search row of variant `id`; `replace` if it may have one.
    pub(crate) fn put(
        &mut self,
        id: i64,
        lang: &str,
        text_nfc: &str,
        replace: bool,
    ) -> anyhow::Result<()> {
        let (folded, folded_sh) = search_columns(lang, text_nfc);
        let stmt = if replace {
            &mut self.replace
        } else {
            &mut self.insert
        };
        stmt.execute(params![id, folded, folded_sh])?;
        Ok(())
    }
}

/// The `(folded, folded_sh)` columns of a text in `lang`.
fn search_columns(lang: &str, text_nfc: &str) -> (Option<String>, Option<String>) {
    let folding = Folding::of(lang);
    let folded = crate::text::fold_with(text_nfc, folding);
    match folding {
        Folding::Plain => (Some(folded), None),
        Folding::Dj => (None, Some(folded)),
    }
}

/// One unit that `tm search` found, once however many of its texts match.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConcordanceHit {
    pub unit_id: i64,
    /// The language of the unit's best-ranked matching text.
    pub lang: String,
    pub text: String,
    /// Byte ranges of the matched words in `text`.
    pub matches: Vec<(usize, usize)>,
    /// The unit's other languages.
    pub others: BTreeMap<String, String>,
    /// Byte ranges of the matched words in those of `others` that match too.
    pub other_matches: BTreeMap<String, Vec<(usize, usize)>>,
}

impl Store {
    /// Index what is queued, then load the `from` index for lookups that
    /// answer in `to`. Errors name the languages the TM has.
    pub fn lookup_session(&mut self, from: &str, to: &str) -> anyhow::Result<Session<'_>> {
        self.catch_up_index()?;
        let from = self.resolve_language(from, "--from")?;
        let to = self.resolve_language(to, "--to")?;
        if from == to {
            bail!("--from and --to are both {from}: give two different languages");
        }
        let index = self.load_index(&from)?;
        Ok(Session::new(self, &from, &to, index))
    }

    /// The stored language that `range` names: itself, or the one stored
    /// language it covers (`en` finds `en-US` in a TM imported from a tool
    /// that writes regions). An error names what the TM has when there is
    /// none, or the choices when `range` covers several.
    pub fn resolve_language(&self, range: &str, flag: &str) -> anyhow::Result<String> {
        // The tag stored exactly wins (`lang::one_of`); an index answers
        // that without reading every stored language.
        if self.has_language(range)? {
            return Ok(range.to_string());
        }
        let stored = self.languages()?;
        match crate::lang::one_of(range, &stored) {
            Ok(one) => Ok(one.to_string()),
            Err(none) if none.is_empty() => bail!(
                "the translation memory has no {range} text ({flag}); it has: {}",
                crate::lang::held_languages(&[range], &self.languages()?)
            ),
            Err(several) => bail!(
                "{range} ({flag}) covers {} in this translation memory: give one of them",
                several.join(", ")
            ),
        }
    }

    /// The languages the TM holds text in, sorted.
    fn languages(&self) -> anyhow::Result<Vec<String>> {
        languages_held(self.conn())
    }

    /// Run [`index_pending`] if a writer left variants queued.
    pub fn catch_up_index(&mut self) -> anyhow::Result<()> {
        let pending: bool =
            self.conn()
                .query_row("SELECT EXISTS(SELECT 1 FROM lookup_pending)", [], |r| {
                    r.get(0)
                })?;
        if pending {
            self.write(|tx| index_pending(tx).map(drop))
                .context("cannot bring the lookup index up to date")?;
        }
        Ok(())
    }

    pub fn has_language(&self, lang: &str) -> anyhow::Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS(SELECT 1 FROM variants WHERE lang = ?1)",
            [lang],
            |r| r.get(0),
        )?)
    }

    /// Build the in-memory index of `lang` from `lookup_terms`.
    pub fn load_index(&self, lang: &str) -> anyhow::Result<Index> {
        let mut b = IndexBuilder::default();
        let mut stmt = self
            .conn()
            .prepare("SELECT variant_id, tokens FROM lookup_terms WHERE lang = ?1")?;
        let mut rows = stmt.query([lang])?;
        let mut ids: Vec<u32> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let blob = r.get_ref(1)?.as_blob()?;
            ids.clear();
            ids.extend(
                blob.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
            b.push(id, &ids);
        }
        Ok(b.finish())
    }

    /// The vocabulary ids of `keys` (None for a token no variant has).
    pub fn token_ids(&self, keys: &[String]) -> anyhow::Result<Vec<Option<u32>>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM lookup_vocab WHERE token = ?1")?;
        keys.iter()
            .map(|k| {
                Ok(stmt
                    .query_row([k], |r| r.get::<_, i64>(0))
                    .optional()?
                    .and_then(|t| u32::try_from(t).ok()))
            })
            .collect()
    }

    /// The variants `ids` with their unit's text in `to`.
    pub fn lookup_candidates(&self, ids: &[i64], to: &str) -> anyhow::Result<Vec<Candidate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.unit_id, v.text_nfc, v.markup, w.text_nfc, w.markup
             FROM variants v LEFT JOIN variants w ON w.unit_id = v.unit_id AND w.lang = ?2
             WHERE v.id = ?1 LIMIT 1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(c) = stmt
                .query_row(params![id, to], |r| {
                    Ok(Candidate {
                        variant_id: id,
                        unit_id: r.get(0)?,
                        source: r.get(1)?,
                        source_markup: r.get(2)?,
                        translation: r.get(3)?,
                        translation_markup: r.get(4)?,
                    })
                })
                .optional()?
            {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// What comes before `unit_id` in its document, among the units that
    /// have a `lang` text: the unit, the start of the document, or nothing
    /// known (a unit of no document: imported from TMX or a table).
    pub fn preceding(&self, unit_id: i64, lang: &str) -> anyhow::Result<Preceding> {
        let row: Option<(Option<i64>, Option<i64>)> = self
            .conn()
            .prepare_cached(
                "SELECT u.document_id,
                        (SELECT p.id FROM units p
                         WHERE p.document_id = u.document_id AND p.position < u.position
                           AND EXISTS (SELECT 1 FROM variants v WHERE v.unit_id = p.id AND v.lang = ?2)
                         ORDER BY p.position DESC LIMIT 1)
                 FROM units u WHERE u.id = ?1",
            )?
            .query_row(params![unit_id, lang], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(match row {
            Some((Some(_), Some(p))) => Preceding::Unit(p),
            Some((Some(_), None)) => Preceding::Start,
            _ => Preceding::Unknown,
        })
    }

    /// Concordance: the units that have a text (in `langs`, if given) whose
    /// words match every word of `pattern` (FTS5; case and diacritics
    /// ignored; `word*` is a prefix; `"a b"` a phrase), best first, each
    /// once, at most `limit`; every matching text of a unit highlighted.
    pub fn concordance(
        &mut self,
        pattern: &str,
        langs: &[String],
        limit: usize,
    ) -> anyhow::Result<Vec<ConcordanceHit>> {
        let parsed = SearchPattern::parse(pattern)?;
        let query = fts_query(&parsed);
        // Each `--lang` is a range: `sr` searches sr-Latn and sr-Cyrl, `en`
        // en-US, `sh` (`hbs`) sr, hr and bs.
        let covered: Option<String> = if langs.is_empty() {
            None
        } else {
            let all = self.languages()?;
            match crate::lang::expand_all(langs, &all) {
                Ok(covered) => Some(serde_json::to_string(&covered)?),
                Err((_, missing)) => bail!(
                    "the translation memory has no {} text (--lang); it has: {}",
                    missing.join(", "),
                    crate::lang::held_languages(&missing, &all)
                ),
            }
        };
        self.catch_up_index()?;
        let c = self.conn();
        // The units in order of their best-ranked text, each once. A LIMIT
        // lets SQLite keep only the best rows instead of sorting every
        // match; a unit may have several matching texts, so when the rows
        // run out before `limit` units, more are asked for.
        let mut stmt = c.prepare_cached(
            "SELECT v.unit_id, v.id, v.text_nfc FROM variants_search s JOIN variants v ON v.id = s.rowid
             WHERE variants_search MATCH ?1 AND (?2 IS NULL OR v.lang IN (SELECT value FROM json_each(?2)))
             ORDER BY s.rank, v.id LIMIT ?3",
        )?;
        // A word with code symbols (`%s`) is looked up by its tokens (`s`),
        // then each text is read for the word as written. Its tokens are
        // often common (`s`, `c*`) and the word rare, so the rows are read
        // in one pass to the end (LIMIT -1: none), not asked for again and
        // again, each time ranking every match.
        let literals = parsed.has_literals();
        let mut units: Vec<(i64, i64)> = Vec::new();
        let mut rows_wanted: i64 = if literals {
            -1
        } else {
            limit.saturating_mul(2).max(16) as i64
        };
        loop {
            units.clear();
            let mut rows = 0;
            let mut q = stmt.query(params![query, covered, rows_wanted])?;
            while units.len() < limit
                && let Some(r) = q
                    .next()
                    .with_context(|| format!("cannot search for {pattern:?}"))?
            {
                rows += 1;
                if literals && !parsed.holds_literals(r.get_ref(2)?.as_str()?) {
                    continue;
                }
                let unit_id: i64 = r.get(0)?;
                if !units.iter().any(|u| u.0 == unit_id) {
                    units.push((unit_id, r.get(1)?));
                }
            }
            drop(q);
            if units.len() == limit || rows_wanted < 0 || rows < rows_wanted {
                break;
            }
            rows_wanted = rows_wanted.saturating_mul(4);
        }
        let mut variants_stmt = c.prepare_cached(
            "SELECT id, lang, text_nfc FROM variants WHERE unit_id = ?1 ORDER BY lang",
        )?;
        let mut texts: Vec<(i64, Vec<VariantText>)> = Vec::with_capacity(units.len());
        for &(unit_id, best) in &units {
            let variants = variants_stmt
                .query_map([unit_id], |r| {
                    Ok(VariantText {
                        id: r.get(0)?,
                        lang: r.get(1)?,
                        text: r.get(2)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            texts.push((best, variants));
        }
        let mut out = Vec::with_capacity(units.len());
        for ((unit_id, _), (best, variants)) in units.into_iter().zip(texts) {
            let mut hit = ConcordanceHit {
                unit_id,
                lang: String::new(),
                text: String::new(),
                matches: Vec::new(),
                others: BTreeMap::new(),
                other_matches: BTreeMap::new(),
            };
            for v in variants {
                // The matched words of every text (in `langs`, if given)
                // that the pattern matches.
                let matches = (langs.is_empty()
                    || langs.iter().any(|want| crate::lang::covers(want, &v.lang)))
                .then(|| parsed.find_in(&v.text, Folding::of(&v.lang)))
                .flatten();
                if v.id == best {
                    hit.lang = v.lang;
                    hit.text = v.text;
                    hit.matches = matches.unwrap_or_default();
                } else {
                    if let Some(m) = matches {
                        hit.other_matches.insert(v.lang.clone(), m);
                    }
                    hit.others.insert(v.lang, v.text);
                }
            }
            out.push(hit);
        }
        Ok(out)
    }

    /// Among the units with a `src_lang` and a `tgt_lang` text, other than
    /// unit `except`: how many have `target_word` in their target, and for
    /// each of `source_words`, how many have it in their source and how many
    /// have both (words matched folded, as `tm search` matches them). For
    /// QA's doubled-word check, which asks rarely: a word the source repeats
    /// and a word the target doubles.
    pub fn word_cooccurrence(
        &self,
        src_lang: &str,
        tgt_lang: &str,
        except: Option<i64>,
        target_word: &str,
        source_words: &[String],
    ) -> anyhow::Result<(u64, Vec<(u64, u64)>)> {
        const PAIRS: &str = "SELECT count(*) FROM variants t
             JOIN variants s ON s.unit_id = t.unit_id AND s.lang = ?1
             WHERE t.lang = ?2 AND t.unit_id IS NOT ?3";
        // `+`: the list a word matches is a filter, not a key of the index
        // of `s`; as a key, SQLite walks the whole list for every row of `t`
        // (minutes for a word such as `it`).
        let has = |side: &str, n: usize| {
            format!(
                " AND +{side}.id IN (SELECT rowid FROM variants_search WHERE variants_search MATCH ?{n})"
            )
        };
        let query = |w: &str| -> anyhow::Result<String> {
            Ok(fts_query(&SearchPattern::parse(&format!("\"{w}\""))?))
        };
        let c = self.conn();
        let count = |sql: String, words: &[&str]| -> anyhow::Result<u64> {
            let mut stmt = c.prepare_cached(&sql)?;
            let mut ps: Vec<&dyn rusqlite::ToSql> = vec![&src_lang, &tgt_lang, &except];
            ps.extend(words.iter().map(|w| w as &dyn rusqlite::ToSql));
            let n: i64 = stmt.query_row(ps.as_slice(), |r| r.get(0))?;
            Ok(n as u64)
        };
        let y = query(target_word)?;
        let target = count(format!("{PAIRS}{}", has("t", 4)), &[&y])?;
        let mut source = Vec::with_capacity(source_words.len());
        for w in source_words {
            let x = query(w)?;
            let n = count(format!("{PAIRS}{}", has("s", 4)), &[&x])?;
            let both = count(format!("{PAIRS}{}{}", has("t", 4), has("s", 5)), &[&y, &x])?;
            source.push((n, both));
        }
        Ok((target, source))
    }
}

/// What precedes a unit in its document ([`Store::preceding`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preceding {
    /// This unit.
    Unit(i64),
    /// Nothing: the unit is the first of its document.
    Start,
    /// The unit belongs to no document, so its context is not known.
    Unknown,
}

/// A variant's id, language and NFC text.
struct VariantText {
    id: i64,
    lang: String,
    text: String,
}

/// A pattern as an FTS5 query over `variants_search`: every phrase must
/// occur, as the folded tokens of the column it is looked for in
/// (`folded_sh`, Serbo-Croatian, folds `dj` like `đ`). Tokens are letters,
/// digits and marks only, so never an FTS5 syntax error. Phrases are joined
/// by an explicit `AND`: FTS5's implicit AND joins phrases alone, and a
/// `(folded : … OR folded_sh : …)` beside another phrase is a syntax error.
fn fts_query(pattern: &SearchPattern) -> String {
    let parts: Vec<String> = pattern
        .phrases
        .iter()
        .map(|ph| {
            let star = if ph.prefix { "*" } else { "" };
            let render = |tokens: &[String]| format!("\"{}\"{star}", tokens.join(" "));
            let (plain, sh) = (render(&ph.plain), render(&ph.sh));
            if plain == sh {
                plain
            } else {
                format!("(folded : {plain} OR folded_sh : {sh})")
            }
        })
        .collect();
    parts.join(" AND ")
}

/// The languages the TM (or a transaction on it) holds text in, sorted.
pub fn languages_held(c: &rusqlite::Connection) -> anyhow::Result<Vec<String>> {
    Ok(
        c.prepare("SELECT DISTINCT lang FROM variants ORDER BY lang")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_become_safe_fts_queries() {
        let q = |p: &str| fts_query(&SearchPattern::parse(p).unwrap());
        assert_eq!(q("NATO troops"), r#""nato" AND "troops""#);
        assert_eq!(q("troop*"), r#""troop"*"#);
        assert_eq!(q(r#""sent 1,000" AND"#), r#""sent 1 000" AND "and""#);
        assert_eq!(q("Međutim"), r#""medutim""#);
        assert_eq!(q("medj*"), r#"(folded : "medj"* OR folded_sh : "med"*)"#);
        assert_eq!(
            q("medj* met"),
            r#"(folded : "medj"* OR folded_sh : "med"*) AND "met""#
        );
        assert_eq!(q(r#"a"b"c NEAR( )"#), r#""a" AND "b" AND "c" AND "near""#);
    }

    /// Every mix of phrase kinds makes a query SQLite accepts, which
    /// matches a text only when every phrase occurs in it: FTS5 joins
    /// phrases by implicit AND, but not a parenthesised `(… OR …)`.
    #[test]
    fn every_mix_of_phrases_is_a_query_fts5_runs() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn, super::super::APPLICATION_ID).unwrap();
        let text = "Đorđe Đoković met Djokovic on %s with {count}.";
        let mut writer = SearchWriter::new(&conn).unwrap();
        writer.put(1, "en", text, false).unwrap();
        writer.put(2, "sr-Latn", text, false).unwrap();
        drop(writer);
        // Plain, dj, prefixes of each, literals (and a literal prefix),
        // quoted phrases, Đ: all in `text`; then two that are not.
        let present = [
            "met",
            "Djokovic",
            "Djokov*",
            "me*",
            "%s",
            "{count}",
            "{cou*",
            "\"met Djokovic\"",
            "\"Đorđe Đoković\"",
            "Đoković",
        ];
        let absent = ["Djurdjevic", "absent"];
        let run = |pattern: &str| -> Vec<i64> {
            let query = fts_query(&SearchPattern::parse(pattern).unwrap());
            conn.prepare(
                "SELECT rowid FROM variants_search WHERE variants_search MATCH ?1 ORDER BY rowid",
            )
            .unwrap()
            .query_map([&query], |r| r.get(0))
            .and_then(|rows| rows.collect::<Result<Vec<i64>, _>>())
            .unwrap_or_else(|e| panic!("{pattern:?} → {query:?}: {e}"))
        };
        let all: Vec<&str> = present.iter().chain(&absent).copied().collect();
        for a in &all {
            for b in &all {
                for c in &all {
                    let pattern = format!("{a} {b} {c}");
                    let found = [a, b, c].iter().all(|p| present.contains(p));
                    let want = if found { vec![1, 2] } else { vec![] };
                    assert_eq!(run(&pattern), want, "{pattern}");
                }
            }
        }
    }

    /// The FTS5 tokenizer of `variants_search` cuts folded text into the
    /// tokens `search` looks for (so highlights show what was matched).
    #[test]
    fn the_index_tokens_are_the_ones_search_reads() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn, super::super::APPLICATION_ID).unwrap();
        let texts = [
            "NATO-ja dërgoi 1,000 (4.500,5) ushtarë — d’art, Tom's",
            "Die Straße; Łódź, Ærø, Işık, Ħamrun, Þórður, ﬁn, ½, Ⓐbc, x²",
            "यह किताब है। かき がき ｶｷ שָׁלוֹם أحمد Οδός",
            "Београд, међутим, \u{E000}private",
        ];
        for (i, t) in texts.iter().enumerate() {
            SearchWriter::new(&conn)
                .unwrap()
                .put(i as i64 + 1, "en", t, false)
                .unwrap();
        }
        conn.execute_batch(
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, variants_search, instance);",
        )
        .unwrap();
        for (i, t) in texts.iter().enumerate() {
            let index: Vec<String> = conn
                .prepare("SELECT term FROM temp.terms WHERE doc = ?1 ORDER BY offset")
                .unwrap()
                .query_map([i as i64 + 1], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let folded = crate::text::fold_with(t, Folding::Plain);
            let ours: Vec<&str> = crate::search::tokens(&folded)
                .into_iter()
                .map(|(a, b)| &folded[a..b])
                .collect();
            assert_eq!(index, ours, "{t}");
        }
    }

    /// A TM written before search folded text (schema 5: FTS5 over
    /// `text_nfc`) is searched with folding once opened.
    #[test]
    fn a_tm_of_schema_5_is_searched_folded_after_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        {
            let mut conn = Connection::open(&path).unwrap();
            super::super::migrations::create_at_version(&mut conn, 5, super::super::APPLICATION_ID);
            conn.execute_batch(
                "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now');
                 INSERT INTO units (id, document_id, created_at, updated_at) VALUES (1, 1, 'now', 'now');
                 INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at) VALUES
                     (1, 'sr-Latn', 'Beograd, međutim, negira.', 'Beograd, međutim, negira.', 'now', 'now'),
                     (1, 'en', 'Belgrade, however, denies it.', 'Belgrade, however, denies it.', 'now', 'now');
                 DELETE FROM lookup_pending;",
            )
            .unwrap();
        }
        let mut store = Store::open_existing(&path).unwrap();
        for pattern in ["medjutim", "medutim", "međutim"] {
            let hits = store.concordance(pattern, &[], 10).unwrap();
            assert_eq!(hits.len(), 1, "{pattern}");
            let (a, b) = hits[0].matches[0];
            assert_eq!(&hits[0].text[a..b], "međutim");
        }
        assert_eq!(store.concordance("however", &[], 10).unwrap().len(), 1);
    }

    /// A TM whose lookup keys were lower-case words (schema 7) gets folded
    /// keys once opened: a text without its diacritics then matches.
    #[test]
    fn a_tm_of_schema_7_gets_folded_lookup_keys_after_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        let sq = "Prindërit e Tomit jetojnë në një shtëpi të madhe.";
        let en = "Tom's parents live in a big house.";
        {
            let mut conn = Connection::open(&path).unwrap();
            super::super::migrations::create_at_version(&mut conn, 7, super::super::APPLICATION_ID);
            conn.execute_batch(
                "INSERT INTO units (id, created_at, updated_at) VALUES (1, 'now', 'now');",
            )
            .unwrap();
            // The keys as schema 7 wrote them: each word in lower case.
            for (id, lang, text) in [(1, "sq", sq), (2, "en", en)] {
                conn.execute(
                    "INSERT INTO variants (id, unit_id, lang, text, text_nfc, created_at, updated_at)
                     VALUES (?1, 1, ?2, ?3, ?3, 'now', 'now')",
                    params![id, lang, text],
                )
                .unwrap();
                let mut blob = Vec::new();
                for w in crate::text::words(text) {
                    conn.execute(
                        "INSERT OR IGNORE INTO lookup_vocab (token) VALUES (?1)",
                        [w.to_lowercase()],
                    )
                    .unwrap();
                    let t: u32 = conn
                        .query_row(
                            "SELECT id FROM lookup_vocab WHERE token = ?1",
                            [w.to_lowercase()],
                            |r| r.get(0),
                        )
                        .unwrap();
                    blob.extend_from_slice(&t.to_le_bytes());
                }
                conn.execute(
                    "INSERT INTO lookup_terms (lang, variant_id, tokens) VALUES (?1, ?2, ?3)",
                    params![lang, id, blob],
                )
                .unwrap();
            }
            conn.execute_batch("DELETE FROM lookup_pending;").unwrap();
        }
        let mut store = Store::open_existing(&path).unwrap();
        let session = store.lookup_session("sq", "en").unwrap();
        let opts = crate::lookup::Options { min: 75, limit: 5 };
        let found = session
            .find("Prinderit e Tomit jetojne ne nje shtepi te madhe.", opts)
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].score, found[0].translation.as_str()), (99, en));
    }

    /// A TM whose lookup keys left inline codes out (schema 9) gets tag keys
    /// for its texts with markup once opened: the query with the codes is a
    /// 100% match, the one without them is not.
    #[test]
    fn a_tm_of_schema_9_gets_tag_keys_for_inline_codes_after_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        {
            let mut conn = Connection::open(&path).unwrap();
            super::super::migrations::create_at_version(&mut conn, 9, super::super::APPLICATION_ID);
            conn.execute_batch(
                r#"INSERT INTO units (id, created_at, updated_at) VALUES (1, 'now', 'now');
                 INSERT INTO variants (id, unit_id, lang, text, text_nfc, markup, created_at, updated_at) VALUES
                     (1, 1, 'en', 'Click Save now', 'Click Save now',
                      'Click <bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> now', 'now', 'now'),
                     (2, 1, 'sq', 'Kliko Ruaj tani', 'Kliko Ruaj tani', NULL, 'now', 'now');"#,
            )
            .unwrap();
            // Index as schema 9 did: the plain text only.
            index_pending(&conn).unwrap();
            let tokens: Vec<u8> = conn
                .query_row(
                    "SELECT tokens FROM lookup_terms WHERE variant_id = 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(tokens.len(), 4 * 5, "this build indexes the codes already");
            conn.execute(
                "UPDATE lookup_terms SET tokens = substr(tokens, 5, 4) || substr(tokens, 13, 4) || substr(tokens, 17, 4) WHERE variant_id = 1",
                [],
            )
            .unwrap();
        }
        let mut store = Store::open_existing(&path).unwrap();
        let session = store.lookup_session("en", "sq").unwrap();
        let opts = crate::lookup::Options { min: 75, limit: 5 };
        let found = session.find("Click <b>Save</b> now", opts).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].score, 100);
        assert!(session.find("Click Save now", opts).unwrap().is_empty());
    }
}
