//! SQL of import and export (TMX, CSV, TSV). Schema: migration 3.
//!
//! Import, per unit, in the caller's one transaction:
//! - candidates: the unit with the same `tuid` from the same file (path) if
//!   any, then units of the same document (or of no document) whose text in
//!   the unit's source language is the same (`variants(lang, text_nfc)`);
//! - a candidate that already holds every text of the unit: a *duplicate*,
//!   nothing is written (so re-running an import changes nothing). A unit
//!   the TM held before the file was read counts whatever its document (the
//!   same file imported with another `--doc` adds nothing); units of this
//!   file in two documents are both kept (an export of such a TM imports
//!   back whole);
//! - a candidate that agrees on every shared language and lacks some: the
//!   unit's other languages are *added* to it (as `tm align` merges);
//! - a candidate that has another text in a shared language: a *conflict*,
//!   settled by [`OnConflict`], when the TM held it before this file was
//!   read; a unit this file added is no conflict but an *alternative* the
//!   file itself holds (two translations of one source, as an export of a
//!   TM with alternatives writes them), so the unit is added;
//! - no candidate: a new unit.
//!
//! Conflicts wait for the end of the file (`Deferred`): a TM unit whose
//! every text a unit of the file holds (a duplicate, or one that extends
//! it) is *claimed* and never replaced.
//! Each conflict then takes the TM unit it names (tuid, a tm export's `id`),
//! else the first unclaimed one of its candidates (in id order, so the n-th
//! edited alternative meets the n-th unclaimed TM alternative); one left
//! with none is an alternative the file holds.
//!
//! Texts are compared on `text_nfc` and, when the file can hold inline
//! markup (TMX), on `markup` too: the source text found must then have the
//! same markup, so segments of inline codes alone (plain text "") are told
//! apart. A CSV or TSV cell holds plain text only: its lack of markup (and
//! of TMX metadata) is no difference from a TM unit's, and a replace keeps
//! them. Every imported unit records its file in `origins` (provenance).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::lookup::{KeyList, SearchWriter, TermWriter};
use crate::interchange::{Meta, Unit, Variant};

/// What to do when an imported unit conflicts with one in the TM (same
/// tuid from the same file, or same source text, and another text in a
/// language both have).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnConflict {
    /// Keep the TM's unit; skip the imported one.
    Keep,
    /// The imported texts replace the TM's (the old ones become revisions).
    Replace,
    /// Store the imported unit as a new unit: an alternative translation.
    AddVariant,
}

pub struct ImportOptions<'a> {
    pub on_conflict: OnConflict,
    /// Put every unit in this document (else the file's own, else none).
    pub document: Option<&'a str>,
    /// The source language when a unit does not name one.
    pub srclang: Option<&'a str>,
    /// The file can hold inline markup and TMX metadata (TMX). A table
    /// (CSV, TSV) cannot: its texts are compared by plain text alone, and a
    /// replace keeps the TM unit's markup, tuid and metadata.
    pub carries_markup: bool,
}

/// The file being imported.
pub struct Origin<'a> {
    pub path: &'a str,
    pub format: &'a str,
    /// JSON: the TMX header or the table's columns.
    pub header: &'a str,
    /// The source language given for units that name none (`--src-lang`):
    /// recorded with the header (as [`GIVEN_SRC_LANG`]), as a TMX header
    /// records its srclang, for qa and export to read.
    pub src_lang: Option<&'a str>,
}

/// The key of an origin's header JSON that records `--src-lang`.
pub(super) const GIVEN_SRC_LANG: &str = "src_lang";

/// The header JSON an origin records: the file's, with the source language
/// given for it, if any.
fn recorded_header(origin: &Origin) -> String {
    let Some(lang) = origin.src_lang else {
        return origin.header.to_string();
    };
    match serde_json::from_str::<serde_json::Value>(origin.header) {
        Ok(serde_json::Value::Object(mut h)) => {
            h.insert(GIVEN_SRC_LANG.to_string(), lang.into());
            serde_json::Value::Object(h).to_string()
        }
        _ => origin.header.to_string(),
    }
}

/// How many conflicts an import report names.
pub const CONFLICTS_NAMED: usize = 5;

/// A conflict an import report names: the TM unit and the source text the
/// file gave (the TM's text is `tm history UNIT`'s).
#[derive(Debug, Clone, serde::Serialize)]
pub struct NamedConflict {
    pub unit: i64,
    pub source: String,
}

/// What importing one file did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    pub path: String,
    pub units_read: u64,
    pub units_added: u64,
    /// Units already in the TM with every text (nothing written).
    pub duplicates: u64,
    /// TM units that gained languages from an imported unit.
    pub units_extended: u64,
    pub conflicts: u64,
    /// The first conflicts (at most [`CONFLICTS_NAMED`]), in the file's
    /// order, so a person can look at them.
    pub first_conflicts: Vec<NamedConflict>,
    pub units_replaced: u64,
    /// Units added as alternative translations: those the file holds and
    /// the conflicts added as alternatives.
    pub alternatives_added: u64,
    /// Of the units added, those that share their source text with another
    /// unit of the same file (or with a TM unit the file also holds) but not
    /// its translation: alternatives the file holds, never conflicts.
    pub alternatives_in_file: u64,
    /// Conflicting units stored as alternatives (`--on-conflict add-variant`).
    pub conflicts_added_as_alternatives: u64,
    /// Units without a text in the source language (`srclang`, `--src-lang`):
    /// imported, matched by their first text.
    pub without_source_language: u64,
    /// Those per source language they lack.
    #[serde(skip)]
    pub missing_source_languages: std::collections::BTreeMap<String, u64>,
    pub variants_added: u64,
    pub variants_replaced: u64,
    /// Replaced texts that had inline markup, replaced from a table (plain
    /// text): their codes are gone (the old text is a revision).
    pub inline_codes_dropped: u64,
    /// The file's tags read as the TM's languages (`en-US` as `en`), by
    /// the file's tag.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub languages_read_as: std::collections::BTreeMap<String, String>,
    /// What the reader mended or left out (dates other tools wrote loosely).
    #[serde(flatten)]
    pub repairs: crate::interchange::Repairs,
    /// Seconds spent in each phase (for the benchmark), in order.
    #[serde(skip)]
    pub phases: Vec<(&'static str, f64)>,
}

/// An existing variant, as compared.
struct Existing {
    id: i64,
    lang: String,
    text_nfc: String,
    markup: Option<String>,
}

enum Fit {
    /// The TM unit holds every text of the imported one.
    Same,
    /// It agrees on every shared language and lacks some.
    Extends,
    /// It has another text in a shared language.
    Differs,
}

/// True if the TM's text `e` is the imported `v` (with NFC `nfc`).
fn same_text(e: &Existing, v: &Variant, nfc: &str, carries_markup: bool) -> bool {
    e.text_nfc == nfc && (!carries_markup || e.markup == v.markup)
}

fn fit(unit: &Unit, nfcs: &[String], existing: &[Existing], carries_markup: bool) -> Fit {
    let mut new_lang = false;
    for (v, nfc) in unit.variants.iter().zip(nfcs) {
        match existing.iter().find(|e| e.lang == v.lang) {
            Some(e) if !same_text(e, v, nfc, carries_markup) => return Fit::Differs,
            Some(_) => {}
            None => new_lang = true,
        }
    }
    if new_lang { Fit::Extends } else { Fit::Same }
}

/// The variants of TM unit `unit` (`variants_of`).
fn existing_of(
    variants_of: &mut rusqlite::CachedStatement,
    unit: i64,
) -> rusqlite::Result<Vec<Existing>> {
    variants_of
        .query_map([unit], |r| {
            Ok(Existing {
                id: r.get(0)?,
                lang: r.get(1)?,
                text_nfc: r.get(2)?,
                markup: r.get(3)?,
            })
        })?
        .collect()
}

/// The variants of a TM unit as they were before this import (variants
/// with a larger id than `after` are its own).
fn existing_before(existing: &[Existing], after: i64) -> Vec<Existing> {
    existing
        .iter()
        .filter(|e| e.id <= after)
        .map(|e| Existing {
            id: e.id,
            lang: e.lang.clone(),
            text_nfc: e.text_nfc.clone(),
            markup: e.markup.clone(),
        })
        .collect()
}

/// The first of `candidates` (TM unit ids) that holds every text of the
/// unit `p` (a duplicate), with its variants.
fn first_duplicate(
    variants_of: &mut rusqlite::CachedStatement,
    candidates: impl IntoIterator<Item = i64>,
    p: &Prepared,
    carries_markup: bool,
) -> rusqlite::Result<Option<(i64, Vec<Existing>)>> {
    for c in candidates {
        let existing = existing_of(variants_of, c)?;
        if matches!(fit(&p.unit, &p.nfcs, &existing, carries_markup), Fit::Same) {
            return Ok(Some((c, existing)));
        }
    }
    Ok(None)
}

fn meta_json(meta: &Meta) -> Option<String> {
    (!meta.is_empty()).then(|| serde_json::to_string(meta).unwrap_or_default())
}

/// Who wrote a variant, from TMX `changeid` / `creationid` (tuv, then tu).
fn author<'a>(unit: &'a Unit, v: &'a Variant) -> Option<&'a str> {
    [&v.meta, &unit.meta]
        .iter()
        .find_map(|m| m.attr("changeid").or_else(|| m.attr("creationid")))
}

fn nfc(s: &str) -> String {
    if crate::text::is_nfc(s) {
        s.to_string()
    } else {
        crate::text::nfc(s)
    }
}

/// Import every unit `next` yields, in the caller's transaction.
///
/// The lookup index and the concordance of the new variants are written by
/// this function, not by the triggers (see `lookup_deferred`, migration 5):
/// `lookup_terms` row by row as variants are inserted (ascending ids within
/// each language, so B-tree appends) and FTS5 in one INSERT … SELECT at the
/// end (one statement, so FTS5 flushes its hash table in large sorted
/// segments). Per-row FTS5 inserts from a trigger cost a statement savepoint
/// and a flush each. The caller's transaction must be rolled back on error.
pub fn import_units(
    tx: &Transaction,
    origin: &Origin,
    opts: &ImportOptions,
    next: &mut (dyn FnMut() -> anyhow::Result<Option<Unit>> + Send),
) -> anyhow::Result<ImportReport> {
    let started = Instant::now();
    let now = super::now(tx)?;
    let mut report = ImportReport {
        path: origin.path.to_string(),
        ..ImportReport::default()
    };
    tx.execute(
        "INSERT INTO origins (path, format, header, imported_at) VALUES (?1, ?2, ?3, ?4)",
        params![origin.path, origin.format, recorded_header(origin), now],
    )?;
    let origin_id = tx.last_insert_rowid();
    // Document name → (id, next position).
    let mut docs: HashMap<String, (i64, f64)> = HashMap::new();

    // OR ROLLBACK and deferred foreign keys spare SQLite a statement journal
    // per unit: a failed insert ends the whole transaction, as an import wants.
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    // A bounded page cache (32 MB): lookups hit indexes all over a large TM,
    // and the default 2 MB spills on every unit. More does not help: at 1M
    // units 32, 64 and 160 MB import at the same speed (the pages come from
    // the OS cache), and memory stays flat.
    tx.execute_batch("PRAGMA main.cache_size = -32768;")?;
    // Variants with a larger id are this import's: it indexes them itself.
    let after: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM variants", [], |r| {
        r.get(0)
    })?;
    // Units with a larger id are this file's: no conflict with them.
    let units_before: i64 =
        tx.query_row("SELECT coalesce(max(id), 0) FROM units", [], |r| r.get(0))?;
    tx.execute("INSERT INTO lookup_deferred (after) VALUES (?1)", [after])?;
    // Even when its WHEN clause is false, a trigger makes every insert keep a
    // statement journal (spilled to a temporary file once past 64 KiB: a
    // fifth of the time of a large import). The insert trigger is dropped for
    // the import and made again, from its own SQL, before it returns.
    let insert_trigger: String = tx.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'variants_lookup_insert'",
        [],
        |r| r.get(0),
    )?;
    tx.execute_batch("DROP TRIGGER variants_lookup_insert")?;

    let mut by_tuid = tx.prepare_cached(
        "SELECT u.id FROM units u WHERE u.tuid = ?1 AND +u.document_id IS ?2
         AND u.origin_id IN (SELECT id FROM origins WHERE path = ?3) ORDER BY u.id LIMIT 1",
    )?;
    // The file's earlier imports: only they can hold one of its tuids.
    let imported_before: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM origins WHERE path = ?1 AND id <> ?2)",
        params![origin.path, origin_id],
        |r| r.get(0),
    )?;
    // CROSS JOIN and `+` keep SQLite from scanning units by document.
    // ?4: whether the markup must match too, ?5 the markup.
    let mut by_source = tx.prepare_cached(
        "SELECT v.unit_id FROM variants v CROSS JOIN units u ON u.id = v.unit_id
         WHERE v.lang = ?1 AND v.text_nfc = ?2 AND +u.document_id IS ?3
           AND (NOT ?4 OR v.markup IS ?5) ORDER BY v.unit_id",
    )?;
    // Units with one of the unit's translations: where its duplicate is
    // looked for first, so that a unit of a source with many alternatives
    // is not compared with each. A shortcut only (hence the LIMIT): without
    // a duplicate among them, every unit of the source text is compared.
    let mut by_translation = tx.prepare_cached(
        "SELECT v.unit_id, u.document_id FROM variants v CROSS JOIN units u ON u.id = v.unit_id
         WHERE v.lang = ?1 AND v.text_nfc = ?2 AND (NOT ?3 OR v.markup IS ?4) LIMIT 32",
    )?;
    // Units of other documents that the TM held before: only a duplicate
    // counts there (?4: the last such unit id).
    let mut by_source_elsewhere = tx.prepare_cached(
        "SELECT v.unit_id FROM variants v CROSS JOIN units u ON u.id = v.unit_id
         WHERE v.lang = ?1 AND v.text_nfc = ?2 AND +u.document_id IS NOT ?3 AND u.id <= ?4
           AND (NOT ?5 OR v.markup IS ?6)",
    )?;
    // Per document of the file: does the TM hold units of other documents?
    let mut others_before: HashMap<Option<i64>, bool> = HashMap::new();
    let mut variants_of =
        tx.prepare_cached("SELECT id, lang, text_nfc, markup FROM variants WHERE unit_id = ?1")?;
    let mut w = Writer {
        tx,
        insert_unit: tx.prepare_cached(
            "INSERT OR ROLLBACK INTO units (document_id, position, created_at, updated_at, origin_id, tuid, meta)
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6)",
        )?,
        insert_variant: tx.prepare_cached(
            "INSERT OR ROLLBACK INTO variants (unit_id, lang, text, text_nfc, author, markup, meta, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?,
        terms: TermWriter::new(tx)?,
        terms_time: Duration::ZERO,
        now: &now,
        origin_id,
    };

    let mut read_time = Duration::ZERO;
    // Conflicts are settled after the whole file is read: only then is it
    // known which TM units the file holds as they are, and those are never
    // replaced (the file holds both translations).
    let mut deferred: Vec<Deferred> = Vec::new();
    // TM units held before this file whose every text one of its units
    // holds (or, once settled, that a conflict was paired with).
    let mut claimed: HashSet<i64> = HashSet::new();
    // The file is read, NFC-normalised and tokenized on a thread of its own,
    // a bounded number of units ahead of the writer.
    let (send, receive) = std::sync::mpsc::sync_channel(READ_AHEAD);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        scope.spawn(move || read_ahead(next, send));
        let mut wait = Instant::now();
        for batch in receive {
            read_time += wait.elapsed();
            for p in batch? {
                report.units_read += 1;
                let unit = &p.unit;
                if unit.variants.is_empty() {
                    continue;
                }
                let doc_name = opts.document.or(unit.document.as_deref());
                let doc_id = match doc_name {
                    None => None,
                    Some(name) => {
                        if !docs.contains_key(name) {
                            docs.insert(name.to_string(), document(tx, name, &now)?);
                        }
                        docs.get(name).map(|d| d.0)
                    }
                };
                let src_lang = unit
                    .meta
                    .attr("srclang")
                    .filter(|s| *s != "*all*")
                    .or(opts.srclang);
                // A unit without the source language: its first text stands in.
                let src = match src_lang {
                    None => 0,
                    Some(l) => unit.source_index(l).unwrap_or_else(|| {
                        report.without_source_language += 1;
                        *report
                            .missing_source_languages
                            .entry(l.to_string())
                            .or_default() += 1;
                        0
                    }),
                };

                // The TM unit the file names: by tuid (from the same file),
                // else by the id of a tm export among those of its source text.
                let mut named = None;
                let mut candidates: Vec<i64> = Vec::new();
                if let Some(tuid) = unit.tuid.as_ref().filter(|_| imported_before) {
                    if let Some(id) = by_tuid
                        .query_row(params![tuid, doc_id, origin.path], |r| r.get(0))
                        .optional()?
                    {
                        candidates.push(id);
                        named = Some(id);
                    }
                }
                if let Some(k) = (0..unit.variants.len()).find(|&k| k != src) {
                    let v = &unit.variants[k];
                    let mut rows = by_translation.query(params![
                        v.lang,
                        p.nfcs[k],
                        opts.carries_markup,
                        v.markup
                    ])?;
                    // Another document's unit counts if the TM held it before.
                    let mut counted: Vec<(i64, bool)> = Vec::new();
                    while let Some(r) = rows.next()? {
                        let (c, doc): (i64, Option<i64>) = (r.get(0)?, r.get(1)?);
                        if doc == doc_id || c <= units_before {
                            counted.push((c, doc == doc_id));
                        }
                    }
                    drop(rows);
                    let ids = counted.iter().map(|&(c, _)| c);
                    if let Some((c, existing)) =
                        first_duplicate(&mut variants_of, ids, &p, opts.carries_markup)?
                    {
                        let same_doc = counted.iter().any(|&(u, same)| u == c && same);
                        if same_doc && holds_all(unit, &existing, after) {
                            claimed.insert(c);
                        }
                        report.duplicates += 1;
                        continue;
                    }
                }
                same_source(&mut by_source, &p, src, doc_id, opts, &mut candidates)?;
                if named.is_none() {
                    named = unit.tm_id.filter(|id| candidates.contains(id));
                }

                let mut extend = None;
                let mut conflicts: Vec<i64> = Vec::new();
                let mut duplicate = false;
                let mut alternative = false;
                let others = match others_before.get(&doc_id) {
                    Some(&b) => b,
                    None => {
                        let b: bool = units_before > 0
                            && tx
                                .prepare_cached(
                                    "SELECT EXISTS(SELECT 1 FROM units WHERE id <= ?1 AND document_id IS NOT ?2)",
                                )?
                                .query_row(params![units_before, doc_id], |r| r.get(0))?;
                        others_before.insert(doc_id, b);
                        b
                    }
                };
                let mut elsewhere: Vec<i64> = Vec::new();
                if others {
                    let mut rows = by_source_elsewhere.query(params![
                        unit.variants[src].lang,
                        p.nfcs[src],
                        doc_id,
                        units_before,
                        opts.carries_markup,
                        unit.variants[src].markup
                    ])?;
                    while let Some(r) = rows.next()? {
                        elsewhere.push(r.get(0)?);
                    }
                }
                // Every TM unit held before is compared (a conflict may be
                // any of them); of this file's own units (in id order, after
                // them), the first few, as the duplicate is found above.
                let mut own = 0;
                for &c in &candidates {
                    if c > units_before {
                        own += 1;
                        if own > OWN_COMPARED {
                            alternative = true;
                            break;
                        }
                    }
                    let existing = existing_of(&mut variants_of, c)?;
                    match fit(unit, &p.nfcs, &existing, opts.carries_markup) {
                        Fit::Same => {
                            duplicate = true;
                            if holds_all(unit, &existing, after) {
                                claimed.insert(c);
                            }
                            break;
                        }
                        Fit::Extends => {
                            extend.get_or_insert((c, existing));
                        }
                        // A unit of this file, or a text this file gave a
                        // TM unit: the file holds both translations.
                        Fit::Differs
                            if c > units_before
                                || !matches!(
                                    fit(
                                        unit,
                                        &p.nfcs,
                                        &existing_before(&existing, after),
                                        opts.carries_markup
                                    ),
                                    Fit::Differs
                                ) =>
                        {
                            alternative = true
                        }
                        Fit::Differs => conflicts.push(c),
                    }
                }
                if !duplicate {
                    duplicate = first_duplicate(
                        &mut variants_of,
                        elsewhere.iter().copied(),
                        &p,
                        opts.carries_markup,
                    )?
                    .is_some();
                }
                if duplicate {
                    report.duplicates += 1;
                    continue;
                }
                if let Some((id, existing)) = extend {
                    report.variants_added += w.add_variants(id, &p, &existing)?;
                    tx.prepare_cached(
                        "UPDATE OR ROLLBACK units SET updated_at = ?2 WHERE id = ?1",
                    )?
                    .execute(params![id, now])?;
                    if holds_all(unit, &existing, after) {
                        claimed.insert(id);
                    }
                    report.units_extended += 1;
                    continue;
                }
                if !conflicts.is_empty() {
                    deferred.push(Deferred {
                        doc_name: doc_name.map(str::to_string),
                        doc_id,
                        src,
                        named: named.filter(|n| conflicts.contains(n)),
                        conflicts,
                        p,
                    });
                    continue;
                }
                report.units_added += 1;
                report.alternatives_in_file += alternative as u64;
                let position = next_position(&mut docs, doc_name);
                report.variants_added += w.new_unit(doc_id, position, &p)?;
            }
            wait = Instant::now();
        }
        Ok(())
    })?;

    // The conflicts, in the file's order. A unit that names one of the TM
    // units it conflicts with (tuid, id) is paired with it; the others are
    // paired in order with the TM units of their source text that no unit of
    // the file holds or names. One left without a TM unit to replace (the
    // file holds the texts of all of them) is an alternative the file holds.
    let mut targets: Vec<Option<i64>> = Vec::with_capacity(deferred.len());
    for d in &deferred {
        targets.push(d.named.filter(|&n| claimed.insert(n)));
    }
    for (d, target) in deferred.iter().zip(targets) {
        // `insert` is true for a TM unit no unit of the file has claimed yet.
        let target = target.or_else(|| d.conflicts.iter().copied().find(|&c| claimed.insert(c)));
        let Some(id) = target else {
            // Still a duplicate of what the file has written meanwhile?
            let mut now_there = Vec::new();
            same_source(&mut by_source, &d.p, d.src, d.doc_id, opts, &mut now_there)?;
            if first_duplicate(&mut variants_of, now_there, &d.p, opts.carries_markup)?.is_some() {
                report.duplicates += 1;
            } else {
                report.units_added += 1;
                report.alternatives_in_file += 1;
                let position = next_position(&mut docs, d.doc_name.as_deref());
                report.variants_added += w.new_unit(d.doc_id, position, &d.p)?;
            }
            continue;
        };
        report.conflicts += 1;
        if report.first_conflicts.len() < CONFLICTS_NAMED {
            report.first_conflicts.push(NamedConflict {
                unit: id,
                source: d.p.unit.variants[d.src].text.clone(),
            });
        }
        match opts.on_conflict {
            OnConflict::Keep => {}
            OnConflict::Replace => {
                let existing = existing_of(&mut variants_of, id)?;
                let changed = Changed {
                    unit: &d.p.unit,
                    nfcs: &d.p.nfcs,
                    existing: &existing,
                    carries_markup: opts.carries_markup,
                };
                let (replaced, codes_dropped) = replace(
                    tx,
                    id,
                    &changed,
                    origin_id,
                    origin.path,
                    &now,
                    after,
                    &mut w.terms,
                )?;
                report.variants_replaced += replaced;
                report.inline_codes_dropped += codes_dropped;
                report.variants_added += w.add_variants(id, &d.p, &existing)?;
                report.units_replaced += 1;
            }
            OnConflict::AddVariant => {
                report.conflicts_added_as_alternatives += 1;
                let position = next_position(&mut docs, d.doc_name.as_deref());
                report.variants_added += w.new_unit(d.doc_id, position, &d.p)?;
            }
        }
    }
    report.alternatives_added =
        report.alternatives_in_file + report.conflicts_added_as_alternatives;
    let terms_time = w.terms_time;
    drop((
        by_tuid,
        by_translation,
        by_source,
        by_source_elsewhere,
        variants_of,
        w,
    ));
    let looped = started.elapsed();
    let t = Instant::now();
    index_search(tx, after).context("cannot index the imported texts for search")?;
    let fts_time = t.elapsed();
    tx.execute("DELETE FROM lookup_deferred", [])?;
    tx.execute_batch(&insert_trigger)?;
    // Variants the import replaced were queued by the triggers.
    let t = Instant::now();
    super::index_pending(tx)?;
    report.phases = vec![
        ("wait for reader", read_time.as_secs_f64()),
        (
            "match+write",
            (looped - read_time - terms_time).as_secs_f64(),
        ),
        ("lookup terms", terms_time.as_secs_f64()),
        ("fts", fts_time.as_secs_f64()),
        ("pending", t.elapsed().as_secs_f64()),
    ];
    Ok(report)
}

/// Units of the file itself compared with each unit of the same source text
/// (beyond, it is taken as an alternative the file holds).
const OWN_COMPARED: usize = 16;

/// True if `unit`, which agrees with the TM unit of `existing` on every
/// language both have (a duplicate, an extension), holds every text the TM
/// unit had before this import (variant ids up to `after`).
fn holds_all(unit: &Unit, existing: &[Existing], after: i64) -> bool {
    existing
        .iter()
        .filter(|e| e.id <= after)
        .all(|e| unit.variants.iter().any(|v| v.lang == e.lang))
}

/// A unit of the file that conflicts with TM units, waiting for the end of
/// the file.
struct Deferred {
    p: Prepared,
    doc_name: Option<String>,
    doc_id: Option<i64>,
    /// Which of its texts is the source.
    src: usize,
    /// The TM units (held before the file) of its document that it matches,
    /// by tuid or source text, with another text in a shared language.
    conflicts: Vec<i64>,
    /// Of those, the one the file names (tuid, or a tm export's id).
    named: Option<i64>,
}

/// Add to `candidates` the units of document `doc` whose text in the unit's
/// source language is its source text (and markup, from a file that has
/// markup), in id order.
fn same_source(
    by_source: &mut rusqlite::CachedStatement,
    p: &Prepared,
    src: usize,
    doc: Option<i64>,
    opts: &ImportOptions,
    candidates: &mut Vec<i64>,
) -> rusqlite::Result<()> {
    let v = &p.unit.variants[src];
    let mut rows = by_source.query(params![
        v.lang,
        p.nfcs[src],
        doc,
        opts.carries_markup,
        v.markup
    ])?;
    // One variant per language and unit: only a unit already there (the
    // tuid's) can come again.
    let before = candidates.len();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if !candidates[..before].contains(&id) {
            candidates.push(id);
        }
    }
    Ok(())
}

/// The next position in document `name`, if any.
fn next_position(docs: &mut HashMap<String, (i64, f64)>, name: Option<&str>) -> Option<f64> {
    let d = docs.get_mut(name?)?;
    d.1 += 1.0;
    Some(d.1 - 1.0)
}

/// The statements and state that write imported units.
struct Writer<'t> {
    tx: &'t Transaction<'t>,
    insert_unit: rusqlite::CachedStatement<'t>,
    insert_variant: rusqlite::CachedStatement<'t>,
    terms: TermWriter<'t>,
    /// Time spent writing lookup terms (for the benchmark).
    terms_time: Duration,
    now: &'t str,
    origin_id: i64,
}

impl Writer<'_> {
    /// A new TM unit holding the texts of `p`; returns the texts written.
    fn new_unit(
        &mut self,
        doc: Option<i64>,
        position: Option<f64>,
        p: &Prepared,
    ) -> anyhow::Result<u64> {
        self.insert_unit.execute(params![
            doc,
            position,
            self.now,
            self.origin_id,
            p.unit.tuid,
            meta_json(&p.unit.meta)
        ])?;
        let id = self.tx.last_insert_rowid();
        self.add_variants(id, p, &[])
    }

    /// Add the texts of `p` to TM unit `id`, but those in a language of `skip`.
    fn add_variants(&mut self, id: i64, p: &Prepared, skip: &[Existing]) -> anyhow::Result<u64> {
        let mut n = 0;
        for ((v, nfc), keys) in p.unit.variants.iter().zip(&p.nfcs).zip(&p.keys) {
            if skip.iter().any(|e| e.lang == v.lang) {
                continue;
            }
            self.insert_variant
                .execute(params![
                    id,
                    v.lang,
                    v.text,
                    nfc,
                    author(&p.unit, v),
                    v.markup,
                    meta_json(&v.meta),
                    self.now
                ])
                .with_context(|| format!("cannot store the {} text of unit {id}", v.lang))?;
            let t = Instant::now();
            self.terms
                .put_keys(self.tx.last_insert_rowid(), &v.lang, keys, false)?;
            self.terms_time += t.elapsed();
            n += 1;
        }
        Ok(n)
    }
}

/// The `variants_search` rows of the variants this import wrote (id >
/// `after`), in id order, from their final texts.
fn index_search(tx: &Transaction, after: i64) -> anyhow::Result<()> {
    let mut search = SearchWriter::new(tx)?;
    let mut stmt =
        tx.prepare("SELECT id, lang, text_nfc FROM variants WHERE id > ?1 ORDER BY id")?;
    let mut rows = stmt.query([after])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let lang = r.get_ref(1)?.as_str()?;
        let text = r.get_ref(2)?.as_str()?;
        search.put(id, lang, text, false)?;
    }
    Ok(())
}

/// Units per batch the reader thread hands over, and batches in flight: a
/// few thousand units, whatever the file size.
const BATCH: usize = 256;
const READ_AHEAD: usize = 8;

/// A unit as the reader thread hands it over: with the NFC and the lookup
/// keys of each of its texts.
struct Prepared {
    unit: Unit,
    nfcs: Vec<String>,
    keys: Vec<KeyList>,
}

type Batch = anyhow::Result<Vec<Prepared>>;

/// The reader thread: pull units, prepare them, send them in batches. It
/// stops at the end, at an error (sent on), or when the writer hangs up.
fn read_ahead(
    next: &mut (dyn FnMut() -> anyhow::Result<Option<Unit>> + Send),
    send: std::sync::mpsc::SyncSender<Batch>,
) {
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        match next() {
            Ok(Some(unit)) => {
                // Readers refuse these with the file's line; this keeps the
                // invariant for every caller.
                if let Some((v, bad)) = unit.variants.iter().find_map(|v| {
                    crate::text::unstorable(&v.text)
                        .or_else(|| v.markup.as_deref().and_then(crate::text::unstorable))
                        .map(|bad| (v, bad))
                }) {
                    let _ = send.send(Err(anyhow::anyhow!(
                        "the {} text {:?} holds {bad}",
                        v.lang,
                        v.text
                    )));
                    return;
                }
                let nfcs: Vec<String> = unit.variants.iter().map(|v| nfc(&v.text)).collect();
                let keys = nfcs
                    .iter()
                    .zip(&unit.variants)
                    .map(|(t, v)| KeyList::of(t, v.markup.as_deref(), &v.lang))
                    .collect();
                batch.push(Prepared { unit, nfcs, keys });
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if send.send(Ok(full)).is_err() {
                        return;
                    }
                }
            }
            Ok(None) => {
                let _ = send.send(Ok(batch));
                return;
            }
            Err(e) => {
                let _ = send.send(Err(e));
                return;
            }
        }
    }
}

/// The imported texts of a conflicting unit, and the TM unit's.
struct Changed<'a> {
    unit: &'a Unit,
    nfcs: &'a [String],
    existing: &'a [Existing],
    carries_markup: bool,
}

/// `--on-conflict replace`: the unit's texts that differ take the imported
/// ones (the old texts, with their markup and metadata, are kept as
/// revisions, unless this import wrote them), and its TMX identity and
/// metadata become the imported unit's. From a table (no markup, no
/// metadata), a text that differs only in markup is no change, and the
/// unit's tuid (unless the table gives one) and metadata, and a replaced
/// variant's metadata, stay. Returns the texts replaced, and of them those
/// whose inline markup a table's plain text replaced.
#[allow(clippy::too_many_arguments)]
fn replace(
    tx: &Transaction,
    id: i64,
    changed: &Changed,
    origin_id: i64,
    path: &str,
    now: &str,
    after: i64,
    terms: &mut TermWriter,
) -> anyhow::Result<(u64, u64)> {
    let unit = changed.unit;
    let mut n = 0;
    let mut codes_dropped = 0;
    let by = format!("tm import {path}");
    let rich = changed.carries_markup;
    for (v, nfc) in unit.variants.iter().zip(changed.nfcs) {
        let Some(e) = changed.existing.iter().find(|e| e.lang == v.lang) else {
            continue;
        };
        if same_text(e, v, nfc, rich) {
            continue;
        }
        n += 1;
        codes_dropped += (!rich && e.markup.is_some()) as u64;
        // ?4: whether the variant's metadata is replaced too.
        if e.id > after {
            // Written by this import: no revision, and no trigger indexes it.
            tx.prepare_cached(
                "UPDATE variants SET text = ?2, text_nfc = ?3, markup = ?4,
                   meta = CASE WHEN ?7 THEN ?5 ELSE meta END, author = ?6 WHERE id = ?1",
            )?
            .execute(params![
                e.id,
                v.text,
                nfc,
                v.markup,
                meta_json(&v.meta),
                author(unit, v),
                rich
            ])?;
            terms.put(e.id, &v.lang, nfc, v.markup.as_deref(), true)?;
            continue;
        }
        tx.prepare_cached(
            "INSERT INTO revisions (unit_id, lang, text, author, created_at, replaced_at, replaced_by, markup, meta)
             SELECT unit_id, lang, text, author, updated_at, ?2, ?3, markup, meta FROM variants WHERE id = ?1",
        )?
        .execute(params![e.id, now, by])?;
        // The text keeps its sentence range: it still stands for those
        // sentences of its document (an aligned unit's edited translation),
        // so `tm diff` of the document's file finds it changed and can
        // put the file's text back. Without an author, a text in a unit
        // `tm align` made is credited to the import, not to the alignment.
        tx.prepare_cached(
            "UPDATE variants SET text = ?2, text_nfc = ?3, markup = ?4,
               meta = CASE WHEN ?8 THEN ?5 ELSE meta END,
               author = coalesce(?6, (SELECT iif(origin_id IS NULL, 'tm import', NULL)
                                      FROM units WHERE id = variants.unit_id)),
               created_at = ?7, updated_at = ?7
             WHERE id = ?1",
        )?
        .execute(params![
            e.id,
            v.text,
            nfc,
            v.markup,
            meta_json(&v.meta),
            author(unit, v),
            now,
            rich
        ])?;
    }
    tx.prepare_cached(
        // A unit `tm align` made (no origin) stays one: the import edited
        // its texts, it did not bring the unit.
        "UPDATE units SET tuid = CASE WHEN ?6 OR ?2 IS NOT NULL THEN ?2 ELSE tuid END,
           meta = CASE WHEN ?6 THEN ?3 ELSE meta END,
           origin_id = iif(origin_id IS NULL, NULL, ?4), updated_at = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        unit.tuid,
        meta_json(&unit.meta),
        origin_id,
        now,
        rich
    ])?;
    Ok((n, codes_dropped))
}

/// The id of document `name` (created if new) and the next free position in it.
fn document(tx: &Transaction, name: &str, now: &str) -> anyhow::Result<(i64, f64)> {
    tx.execute(
        "INSERT INTO documents (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
        params![name, now],
    )?;
    let id: i64 = tx.query_row("SELECT id FROM documents WHERE name = ?1", [name], |r| {
        r.get(0)
    })?;
    let next: f64 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM units WHERE document_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok((id, next.floor()))
}

/// Which units `tm export` writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportFilter<'a> {
    /// Only the units of this document.
    pub document: Option<&'a str>,
    /// Only these languages, in this order (units with none of them are left out).
    pub langs: Option<&'a [String]>,
}

impl Store {
    /// The languages of the units `filter` selects (or `--langs` as given):
    /// the source language first, then the others sorted.
    ///
    /// The source language is the one a table's first column holds, which
    /// `tm import` takes as the source: of the languages declared as a
    /// source (the `srclang` of the TMX files the units came from, the
    /// `--src-lang` of their import, the source language of `tm align`), the
    /// one most units hold; without any, the first language column of the
    /// tables they came from; without any, the language most units hold
    /// (the first in order on a tie).
    pub fn export_languages(&self, filter: &ExportFilter) -> anyhow::Result<Vec<String>> {
        if let Some(l) = filter.langs {
            return Ok(l.to_vec());
        }
        let c = self.conn();
        let mut stmt = c.prepare(
            "SELECT v.lang, count(*) FROM variants v JOIN units u ON u.id = v.unit_id
             LEFT JOIN documents d ON d.id = u.document_id
             WHERE ?1 IS NULL OR d.name = ?1 GROUP BY v.lang ORDER BY v.lang",
        )?;
        let counts: Vec<(String, i64)> = stmt
            .query_map([filter.document], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut declared: Vec<String> = Vec::new();
        // A table's first language column, the source its import took.
        let mut inferred: Vec<String> = Vec::new();
        let mut stmt = c.prepare(
            "SELECT format, header FROM origins WHERE id IN (
               SELECT u.origin_id FROM units u LEFT JOIN documents d ON d.id = u.document_id
               WHERE ?1 IS NULL OR d.name = ?1)",
        )?;
        let rows = stmt.query_map([filter.document], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (format, header) = row?;
            match super::qa::origin_source(&format, &header) {
                Some((l, true)) => declared.push(l),
                Some((l, false)) => inferred.push(l),
                None => {}
            }
        }
        let mut stmt = c.prepare(
            "SELECT DISTINCT a.src_lang FROM alignments a JOIN documents d ON d.id = a.document_id
             WHERE ?1 IS NULL OR d.name = ?1",
        )?;
        for l in stmt.query_map([filter.document], |r| r.get::<_, String>(0))? {
            declared.push(l?);
        }
        let is = |list: &[String], lang: &str| list.iter().any(|d| crate::lang::covers(d, lang));
        // max_by_key keeps the last of equals: walk the sorted list backwards.
        let source = counts
            .iter()
            .rev()
            .max_by_key(|(lang, n)| (is(&declared, lang), is(&inferred, lang), *n))
            .map(|(lang, _)| lang.clone());
        let mut langs: Vec<String> = source.iter().cloned().collect();
        langs.extend(
            counts
                .into_iter()
                .map(|(lang, _)| lang)
                .filter(|l| Some(l) != source.as_ref()),
        );
        Ok(langs)
    }

    /// The TMX header (JSON) of the one file every selected unit came from,
    /// if there is one such file.
    pub fn export_origin_header(&self, filter: &ExportFilter) -> anyhow::Result<Option<String>> {
        let (min, max, all): (Option<i64>, Option<i64>, bool) = self.conn().query_row(
            "SELECT min(u.origin_id), max(u.origin_id), count(*) = count(u.origin_id) FROM units u
             LEFT JOIN documents d ON d.id = u.document_id WHERE ?1 IS NULL OR d.name = ?1",
            [filter.document],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        match (min, max) {
            (Some(a), Some(b)) if a == b && all => Ok(self
                .conn()
                .query_row(
                    "SELECT header FROM origins WHERE id = ?1 AND format = 'tmx'",
                    [a],
                    |r| r.get(0),
                )
                .optional()?),
            _ => Ok(None),
        }
    }

    /// The `o-tmf` (the tool's TM format) of each TMX file imported.
    fn origin_tm_formats(&self) -> anyhow::Result<HashMap<i64, String>> {
        let mut out = HashMap::new();
        let mut stmt = self
            .conn()
            .prepare("SELECT id, header FROM origins WHERE format = 'tmx'")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Ok(h) =
                serde_json::from_str::<crate::interchange::tmx::Header>(r.get_ref(1)?.as_str()?)
                && let Some(f) = h.meta.attr("o-tmf")
            {
                out.insert(r.get(0)?, f.to_string());
            }
        }
        Ok(out)
    }

    /// Call `f` with every selected unit (its id and content), streaming:
    /// units of no document first, then each document by name, in document
    /// order. Returns how many units were given.
    pub fn for_each_unit(
        &self,
        filter: &ExportFilter,
        f: &mut dyn FnMut(i64, &Unit) -> anyhow::Result<()>,
    ) -> anyhow::Result<u64> {
        let c = self.conn();
        let scopes: Vec<(Option<i64>, Option<String>)> = match filter.document {
            Some(name) => {
                let id: Option<i64> = c
                    .query_row("SELECT id FROM documents WHERE name = ?1", [name], |r| {
                        r.get(0)
                    })
                    .optional()?;
                let Some(id) = id else {
                    bail!("the TM has no document named '{name}' (see tm stats)");
                };
                vec![(Some(id), Some(name.to_string()))]
            }
            None => {
                let mut s = vec![(None, None)];
                let mut stmt = c.prepare("SELECT id, name FROM documents ORDER BY name")?;
                for row in stmt.query_map([], |r| Ok((Some(r.get(0)?), Some(r.get(1)?))))? {
                    s.push(row?);
                }
                s
            }
        };
        // The source language declared for each file (a TMX srclang,
        // `--src-lang`) and of each aligned document.
        let recorded = self.recorded_sources(false)?;
        let (by_origin, by_document) = (&recorded.origins, &recorded.documents);
        let formats = self.origin_tm_formats()?;
        let mut stmt = c.prepare(
            "SELECT u.id, u.tuid, u.meta, v.lang, v.text, v.markup, v.meta, u.origin_id
             FROM units u JOIN variants v ON v.unit_id = u.id
             WHERE u.document_id IS ?1 ORDER BY u.position, u.id, v.id",
        )?;
        let mut n = 0;
        let mut emit = |id: i64, mut unit: Unit| -> anyhow::Result<()> {
            if let Some(langs) = filter.langs {
                let mut kept = Vec::with_capacity(langs.len());
                for l in langs {
                    if let Some(i) = unit.variants.iter().position(|v| &v.lang == l) {
                        kept.push(unit.variants.swap_remove(i));
                    }
                }
                unit.variants = kept;
            }
            if unit.variants.is_empty() {
                return Ok(());
            }
            n += 1;
            f(id, &unit)
        };
        for (doc_id, doc_name) in scopes {
            let mut rows = stmt.query([doc_id])?;
            let mut current: Option<(i64, Unit)> = None;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                if current.as_ref().is_none_or(|(cur, _)| *cur != id) {
                    if let Some((cid, unit)) = current.take() {
                        emit(cid, unit)?;
                    }
                    let meta: Option<String> = r.get(2)?;
                    current = Some((
                        id,
                        Unit {
                            tuid: r.get(1)?,
                            tm_id: Some(id),
                            srclang: r
                                .get::<_, Option<i64>>(7)?
                                .and_then(|o| by_origin.get(&o))
                                .or(doc_id.and_then(|d| by_document.get(&d)))
                                .cloned(),
                            o_tmf: r
                                .get::<_, Option<i64>>(7)?
                                .and_then(|o| formats.get(&o))
                                .cloned(),
                            document: doc_name.clone(),
                            meta: parse_meta(meta.as_deref(), id)?,
                            variants: Vec::new(),
                        },
                    ));
                }
                let meta: Option<String> = r.get(6)?;
                let variant = Variant {
                    lang: r.get(3)?,
                    text: r.get(4)?,
                    markup: r.get(5)?,
                    meta: parse_meta(meta.as_deref(), id)?,
                };
                if let Some((_, unit)) = current.as_mut() {
                    unit.variants.push(variant);
                }
            }
            if let Some((cid, unit)) = current.take() {
                emit(cid, unit)?;
            }
        }
        Ok(n)
    }
}

fn parse_meta(json: Option<&str>, unit: i64) -> anyhow::Result<Meta> {
    match json {
        None => Ok(Meta::default()),
        Some(s) => serde_json::from_str(s)
            .with_context(|| format!("unit {unit} has unreadable TMX metadata in the TM")),
    }
}
