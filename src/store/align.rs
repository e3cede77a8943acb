//! Storing an alignment: beads become units, merged into the document's
//! existing units through the source side, so that aligning en↔sq and then
//! en↔sr-Latn of one article gives units that hold en, sq and sr-Latn.
//!
//! Units of one document are the connected components of source sentences
//! over the existing units and the new beads: when a new bead spans two
//! existing units (the new translation merged two sentences that an earlier
//! one kept apart), the two units become one. The texts stored before this
//! run are kept as revisions, and the unit merged away leaves a record
//! (`merged_units`) that `tm history` follows; units this run made merge
//! without either ([`super::run`]).

use std::collections::BTreeSet;
use std::ops::Range;

use anyhow::{Context, bail};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::align::Bead;
use crate::segment::Sentence;

/// One side of an alignment, as the store needs it.
pub struct AlignedText<'a> {
    pub lang: &'a str,
    /// Where the text came from (kept as provenance).
    pub path: &'a str,
    /// The whole text (sentence offsets point into it).
    pub source: &'a str,
    pub sentences: &'a [Sentence],
}

impl AlignedText<'_> {
    fn sha256(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(self.source.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The text of sentences `range`: the original slice when they stand in
    /// one paragraph (spacing kept as written), else joined with a space.
    fn span(&self, range: Range<usize>) -> String {
        let sents = &self.sentences[range];
        match (sents.first(), sents.last()) {
            (Some(a), Some(b)) if a.paragraph == b.paragraph => {
                crate::segment::unwrap_lines(&self.source[a.start..b.end])
            }
            _ => sents
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// What storing one aligned pair did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StoredPair {
    pub document: String,
    pub src_lang: String,
    pub tgt_lang: String,
    /// False when this exact pair was already in the TM (nothing changed).
    pub changed: bool,
    pub units_created: usize,
    /// Existing units that were folded into another one.
    pub units_merged: usize,
    pub variants_added: usize,
    /// Stored translations that a replacement changed or removed: each is
    /// kept in `revisions`.
    pub revisions: usize,
    /// Stored translations of units retired by a replacement (their source
    /// sentences changed) that a unit this run made holds unchanged: moved
    /// there, not replaced (the retired unit's history still shows them).
    pub moved: usize,
}

/// How a text already stored for the target language is treated.
#[derive(Debug, Clone, Copy)]
pub enum Replace<'a> {
    /// A different text is refused.
    No,
    /// A different text replaces it, written by this author: units whose
    /// translation stays the same keep their variant as it was (id, dates,
    /// author); a changed or removed translation is kept as a revision.
    /// A text that joins sentences which separate units hold (a
    /// re-segmentation) is refused: storing it would merge those units in
    /// every language, for good.
    By(&'a str),
    /// As `By`, and a text that joins sentences of separate units merges
    /// them (per language the texts are joined; the parts are kept as
    /// revisions).
    ByMerging(&'a str),
}

impl<'a> Replace<'a> {
    /// Who replaces, when a stored text may be replaced.
    pub fn author(self) -> Option<&'a str> {
        match self {
            Replace::No => None,
            Replace::By(a) | Replace::ByMerging(a) => Some(a),
        }
    }
}

/// The units of a document that hold a `lang` sentence range. CROSS JOIN
/// keeps SQLite on the document's units: left to itself it walks every
/// variant of the language (`variants_lang_text`), which takes seconds in a
/// TM of a million units.
const OWNERS_SQL: &str = "SELECT v.unit_id, v.first_sentence, v.end_sentence
     FROM units u CROSS JOIN variants v ON v.unit_id = u.id
     WHERE u.document_id = ?1 AND v.lang = ?2 AND v.first_sentence IS NOT NULL";

/// Whether every `t.lang` text of the document is still the span of `t`
/// its sentence range names.
fn variants_follow(tx: &Transaction, doc_id: i64, t: &AlignedText) -> anyhow::Result<bool> {
    let mut stmt = tx.prepare_cached(
        "SELECT v.text_nfc, v.first_sentence, v.end_sentence
         FROM units u CROSS JOIN variants v ON v.unit_id = u.id
         WHERE u.document_id = ?1 AND v.lang = ?2 AND v.first_sentence IS NOT NULL",
    )?;
    let rows = stmt.query_map(params![doc_id, t.lang], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (text, a, b) = row?;
        let (a, b) = (a as usize, b as usize);
        if a > b || b > t.sentences.len() || crate::text::nfc(&t.span(a..b)) != text {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Store `beads` between `src` and `tgt` of document `doc` in one transaction
/// (the caller's). With `replace`, a text that changed since it was aligned
/// replaces the old one (a changed source drops the whole document first).
pub fn store_alignment(
    tx: &Transaction,
    doc: &str,
    src: &AlignedText,
    tgt: &AlignedText,
    beads: &[Bead],
    replace: Replace,
) -> anyhow::Result<StoredPair> {
    // Callers check before the TM is opened; this keeps the invariant for all.
    for t in [src, tgt] {
        crate::doc::check_storable(t.path, t.source, t.sentences)?;
    }
    let now = super::now(tx)?;
    let mut result = StoredPair {
        document: doc.to_string(),
        src_lang: src.lang.to_string(),
        tgt_lang: tgt.lang.to_string(),
        ..StoredPair::default()
    };
    let doc_id = document_id(tx, doc, &now)?;
    one_source_language(tx, doc_id, doc, src.lang)?;

    // The source text: new, the same as before, or changed.
    let src_sha = src.sha256();
    if let Some(stored) = text_row(tx, doc_id, src.lang)? {
        if !stored.same_as(src, &src_sha) {
            let Replace::By(author) = replace else {
                bail!(
                    "the {} text of document '{doc}' differs from the one aligned on {}; \
                     pass --replace to align it anew (units whose source sentences are unchanged keep \
                     their ids and texts, the others are kept as revisions), or use another --doc name",
                    src.lang,
                    stored.when
                );
            };
            replace_source(tx, doc, src, &[tgt.lang], &[], author)?;
        }
    } else {
        upsert_text(tx, doc_id, src, &src_sha, &now)?;
    }

    // The target text.
    let mut replacing: Option<&str> = None;
    let tgt_sha = tgt.sha256();
    let pair_done: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM alignments WHERE document_id = ?1 AND src_lang = ?2 AND tgt_lang = ?3)",
        params![doc_id, src.lang, tgt.lang],
        |r| r.get(0),
    )?;
    if let Some(stored) = text_row(tx, doc_id, tgt.lang)? {
        let same = stored.same_as(tgt, &tgt_sha);
        let when = &stored.when;
        // The same text again changes nothing, unless a replacing run
        // finds a stored translation edited since (by `tm import
        // --on-conflict replace`): the file's text then goes back in.
        if same && pair_done && (replace.author().is_none() || variants_follow(tx, doc_id, tgt)?) {
            return Ok(result);
        }
        let Some(author) = replace.author() else {
            bail!(
                "document '{doc}' already has a {} text (aligned on {when}){}; pass --replace to align this one instead",
                tgt.lang,
                if same {
                    " aligned from another language"
                } else {
                    " that differs from this one"
                }
            );
        };
        // The variants stay: each unit's is rewritten below only if its
        // text changes, and those no bead gives a text any more are retired
        // at the end.
        unalign_language(tx, doc_id, tgt.lang)?;
        replacing = Some(author);
        if same {
            // Stored as first written: the text, its sentences and the
            // variants that point into it stay as they are.
            tx.execute(
                "INSERT INTO texts (document_id, lang, path, sha256, sentences, content, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![doc_id, tgt.lang, stored.path, stored.sha256, stored.sentences, stored.content, stored.when],
            )?;
        }
    }
    if text_row(tx, doc_id, tgt.lang)?.is_none() {
        upsert_text(tx, doc_id, tgt, &tgt_sha, &now)?;
    }
    result.changed = true;
    // A replacing text that dropped a sentence leaves that unit without a
    // translation; it does not join it to its neighbour (as `tm diff` tells).
    let split;
    let beads = match replacing {
        Some(_) => {
            let units = units_of(tx, doc_id, src.lang, tgt.lang)?;
            split = crate::diff::split_deletions(&units, beads, |b| tgt.span(b.tgt.clone()));
            &split[..]
        }
        None => beads,
    };

    // Which existing unit owns each source sentence.
    let mut owner: Vec<Option<(i64, Range<usize>)>> = vec![None; src.sentences.len()];
    {
        let mut stmt = tx.prepare_cached(OWNERS_SQL)?;
        let rows = stmt.query_map(params![doc_id, src.lang], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, i64>(2)? as usize,
            ))
        })?;
        for row in rows {
            let (unit, a, b) = row?;
            for slot in owner.iter_mut().take(b.min(src.sentences.len())).skip(a) {
                *slot = Some((unit, a..b));
            }
        }
    }

    let w = Writing {
        now: &now,
        replacing,
        merging: matches!(replace, Replace::ByMerging(_)),
        doc,
        src_lang: src.lang,
    };
    // Sweep the beads into components of connected source sentences.
    let mut component: Option<(Range<usize>, Vec<usize>)> = None;
    let mut last_src_end = 0usize;
    for (i, bead) in beads.iter().enumerate() {
        if bead.src.is_empty() {
            let unit = insert_unit(tx, doc_id, last_src_end as f64 - 0.5, &now)?;
            result.units_created += 1;
            if !bead.tgt.is_empty() {
                insert_variant(tx, unit, tgt, bead.tgt.clone(), &now)?;
                result.variants_added += 1;
            }
            if let Some(author) = replacing {
                set_variant_author(tx, unit, tgt.lang, author)?;
            }
            insert_bead(tx, doc_id, src.lang, tgt.lang, i, bead, Some(unit), &now)?;
            continue;
        }
        last_src_end = bead.src.end;
        let span = extend(&owner, bead.src.clone());
        component = match component.take() {
            Some((cur, mut members)) if span.start < cur.end => {
                members.push(i);
                Some((cur.start.min(span.start)..cur.end.max(span.end), members))
            }
            Some(done) => {
                flush(tx, doc_id, src, tgt, beads, &owner, done, &w, &mut result)?;
                Some((span, vec![i]))
            }
            None => Some((span, vec![i])),
        };
    }
    if let Some(done) = component {
        flush(tx, doc_id, src, tgt, beads, &owner, done, &w, &mut result)?;
    }
    if let Some(author) = replacing {
        let retired = retire_stale(tx, doc_id, src.lang, tgt.lang, &now, author)?;
        result.revisions += retired.replaced;
        result.moved += retired.moved;
    }
    // Triggers queued every variant written above; tokenize them in this transaction.
    super::index_pending(tx)?;
    Ok(result)
}

/// The document's units with a `src_lang` sentence range, in source order,
/// with their `tgt_lang` text.
fn units_of(
    tx: &Transaction,
    doc_id: i64,
    src_lang: &str,
    tgt_lang: &str,
) -> anyhow::Result<Vec<crate::diff::StoredUnit>> {
    let mut stmt = tx.prepare_cached(
        "SELECT u.id, s.first_sentence, s.end_sentence, s.text, t.text, t.first_sentence, t.end_sentence
         FROM units u CROSS JOIN variants s ON s.unit_id = u.id AND s.lang = ?2
         LEFT JOIN variants t ON t.unit_id = u.id AND t.lang = ?3
         WHERE u.document_id = ?1 AND s.first_sentence IS NOT NULL ORDER BY s.first_sentence",
    )?;
    let rows = stmt.query_map(params![doc_id, src_lang, tgt_lang], |r| {
        let range =
            |a: Option<i64>, b: Option<i64>| a.unwrap_or(0) as usize..b.unwrap_or(0) as usize;
        Ok(crate::diff::StoredUnit {
            unit: r.get(0)?,
            src: range(r.get(1)?, r.get(2)?),
            source_text: r.get(3)?,
            old: match r.get::<_, Option<String>>(4)? {
                Some(t) => Some((t, range(r.get(5)?, r.get(6)?))),
                None => None,
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Grow a source range to cover every existing unit it touches, transitively.
fn extend(owner: &[Option<(i64, Range<usize>)>], mut span: Range<usize>) -> Range<usize> {
    loop {
        let mut grown = span.clone();
        for (_, r) in owner[span.clone()].iter().flatten() {
            grown.start = grown.start.min(r.start);
            grown.end = grown.end.max(r.end);
        }
        if grown == span {
            return span;
        }
        span = grown;
    }
}

/// Write one component: the source span, the beads in it and the existing
/// units it covers become one unit.
#[allow(clippy::too_many_arguments)]
fn flush(
    tx: &Transaction,
    doc_id: i64,
    src: &AlignedText,
    tgt: &AlignedText,
    beads: &[Bead],
    owner: &[Option<(i64, Range<usize>)>],
    (span, members): (Range<usize>, Vec<usize>),
    w: &Writing,
    result: &mut StoredPair,
) -> anyhow::Result<()> {
    let now = w.now;
    let units: BTreeSet<i64> = owner[span.clone()]
        .iter()
        .flatten()
        .map(|(u, _)| *u)
        .collect();
    let mut units: Vec<i64> = units.into_iter().collect();
    units.sort_by_key(|u| {
        owner[span.clone()]
            .iter()
            .flatten()
            .position(|(x, _)| x == u)
    });
    let tgt_start = members
        .iter()
        .map(|&i| beads[i].tgt.start)
        .min()
        .unwrap_or(0);
    let tgt_end = members.iter().map(|&i| beads[i].tgt.end).max().unwrap_or(0);
    let tgt_range = tgt_start..tgt_end.max(tgt_start);

    let unit = match units.split_first() {
        None => {
            let unit = insert_unit(tx, doc_id, span.start as f64, now)?;
            result.units_created += 1;
            insert_variant(tx, unit, src, span.clone(), now)?;
            result.variants_added += 1;
            unit
        }
        Some((&keep, others)) => {
            if !others.is_empty() {
                if w.replacing.is_some() && !w.merging {
                    return Err(merge_refused(tx, &units, src.lang, tgt.lang));
                }
                result.revisions += merge_units(tx, keep, others, w, tgt.lang)?;
                result.units_merged += others.len();
            }
            if owner[span.clone()].iter().any(Option::is_none) {
                // Sentences no unit held (new in a changed source) join this one.
                result.revisions += usize::from(extend_source(tx, keep, src, span.clone(), w)?);
            }
            keep
        }
    };
    if !tgt_range.is_empty() {
        match w.replacing {
            None => {
                insert_variant(tx, unit, tgt, tgt_range, now)?;
                result.variants_added += 1;
            }
            Some(author) => {
                let wrote = replace_variant(tx, unit, tgt, tgt_range, now, author)?;
                result.variants_added += usize::from(wrote.added);
                result.revisions += usize::from(wrote.kept_old);
            }
        }
    }
    for &i in &members {
        insert_bead(
            tx,
            doc_id,
            src.lang,
            tgt.lang,
            i,
            &beads[i],
            Some(unit),
            now,
        )?;
    }
    Ok(())
}

/// Give `unit` the source text of the whole `span`, which holds sentences
/// no unit held: the text it had, stored before this run, is kept as a
/// revision (replaced by the replacing author, else by `tm align`) and the
/// new one is dated now. Returns whether a revision was made.
fn extend_source(
    tx: &Transaction,
    unit: i64,
    src: &AlignedText,
    span: Range<usize>,
    w: &Writing,
) -> anyhow::Result<bool> {
    let text = src.span(span.clone());
    let kept = keep_revision(tx, unit, src.lang, w.now, w.replacing.unwrap_or("tm align"))?;
    tx.prepare_cached(
        "UPDATE variants SET text = ?3, text_nfc = ?4, first_sentence = ?5, end_sentence = ?6,
           created_at = ?7, updated_at = ?7, author = ?8 WHERE unit_id = ?1 AND lang = ?2",
    )?
    .execute(params![
        unit,
        src.lang,
        text,
        crate::text::nfc(&text),
        span.start as i64,
        span.end as i64,
        w.now,
        w.replacing
    ])
    .with_context(|| format!("cannot store the {} text of unit {unit}", src.lang))?;
    super::run::wrote_variant(tx, unit, src.lang)?;
    Ok(kept)
}

/// Fold `others` into `keep`. Per language, one text moves as it is (id,
/// dates, author); several are joined in document order into a new text,
/// written now (by the replacing author, if any), and each part stored
/// before this run is kept as a revision with its own dates. The texts of
/// the language being replaced (`tgt_lang` under a replacement) are kept as
/// revisions and removed: the new text takes their place. Each unit of
/// `others` stored before this run leaves a record in `merged_units`.
/// Returns the revisions written.
fn merge_units(
    tx: &Transaction,
    keep: i64,
    others: &[i64],
    w: &Writing,
    tgt_lang: &str,
) -> anyhow::Result<usize> {
    let now = w.now;
    let all: Vec<i64> = std::iter::once(keep)
        .chain(others.iter().copied())
        .collect();
    // lang → (unit, first sentence, end sentence, text)
    type Part = (i64, Option<i64>, Option<i64>, String);
    let mut by_lang: std::collections::BTreeMap<String, Vec<Part>> = Default::default();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT lang, first_sentence, end_sentence, text FROM variants WHERE unit_id = ?1",
        )?;
        for &u in &all {
            let rows = stmt.query_map([u], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
            for row in rows {
                let (lang, a, b, text) = row?;
                by_lang.entry(lang).or_default().push((u, a, b, text));
            }
        }
    }
    let replaced_by = w.replacing.unwrap_or("tm align");
    let mut revisions = 0;
    for (lang, mut parts) in by_lang {
        parts.sort_by_key(|p| p.1.unwrap_or(0));
        let replaced = lang == tgt_lang && w.replacing.is_some();
        if parts.len() == 1 && !replaced {
            // One text: it moves to `keep` unchanged.
            tx.execute(
                "UPDATE variants SET unit_id = ?1 WHERE unit_id = ?2 AND lang = ?3",
                params![keep, parts[0].0, lang],
            )?;
            continue;
        }
        for p in &parts {
            revisions += usize::from(keep_revision(tx, p.0, &lang, now, replaced_by)?);
            tx.execute(
                "DELETE FROM variants WHERE unit_id = ?1 AND lang = ?2",
                params![p.0, lang],
            )?;
        }
        if replaced {
            continue;
        }
        let text = parts
            .iter()
            .map(|p| p.3.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let first = parts.iter().filter_map(|p| p.1).min();
        let end = parts.iter().filter_map(|p| p.2).max();
        tx.prepare_cached(
            "INSERT INTO variants (unit_id, lang, text, text_nfc, first_sentence, end_sentence, created_at, updated_at, author)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
        )?
        .execute(params![keep, lang, text, crate::text::nfc(&text), first, end, now, w.replacing])?;
        super::run::wrote_variant(tx, keep, &lang)?;
    }
    for &u in others {
        if super::run::is_new_unit(tx, u)? {
            // Never stored apart: no record of it; a unit merged into it
            // earlier in this run went, through it, into `keep`.
            tx.prepare_cached("UPDATE merged_units SET into_unit = ?1 WHERE into_unit = ?2")?
                .execute(params![keep, u])?;
        } else {
            tx.prepare_cached(
                "INSERT INTO merged_units (unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![u, keep, w.doc, w.src_lang, tgt_lang, now, replaced_by])
            .context("cannot record the merge of two units")?;
        }
        tx.execute(
            "UPDATE alignments SET unit_id = ?1 WHERE unit_id = ?2",
            params![keep, u],
        )?;
        tx.execute(
            "UPDATE revisions SET unit_id = ?1 WHERE unit_id = ?2",
            params![keep, u],
        )?;
        tx.execute("DELETE FROM units WHERE id = ?1", [u])?;
    }
    tx.execute(
        "UPDATE units SET updated_at = ?1 WHERE id = ?2",
        params![now, keep],
    )?;
    Ok(revisions)
}

/// Why a replacing text that joins sentences of separate units is refused,
/// and what storing it would do.
fn merge_refused(tx: &Transaction, units: &[i64], src_lang: &str, tgt_lang: &str) -> anyhow::Error {
    let source = |u: i64| -> String {
        let text: String = tx
            .query_row(
                "SELECT text FROM variants WHERE unit_id = ?1 AND lang = ?2",
                params![u, src_lang],
                |r| r.get(0),
            )
            .unwrap_or_default();
        let short: String = text.chars().take(40).collect();
        if short.len() < text.len() {
            format!("“{short}…”")
        } else {
            format!("“{short}”")
        }
    };
    let mut langs: Vec<String> = Vec::new();
    for &u in units {
        let mut stmt = match tx.prepare_cached("SELECT lang FROM variants WHERE unit_id = ?1") {
            Ok(s) => s,
            Err(e) => return e.into(),
        };
        let rows: Vec<String> = match stmt.query_map([u], |r| r.get(0)) {
            Ok(rows) => rows.filter_map(Result::ok).collect(),
            Err(e) => return e.into(),
        };
        for l in rows {
            if !langs.contains(&l) {
                langs.push(l);
            }
        }
    }
    langs.sort();
    let ids: Vec<String> = units.iter().map(|u| u.to_string()).collect();
    let texts: Vec<String> = units.iter().map(|&u| source(u)).collect();
    anyhow::anyhow!(
        "the new {tgt_lang} text has no sentence boundary where units {} part ({src_lang} {}): \
         storing it would merge those units into one in every language ({}), for good \
         (a later text that keeps the sentences apart does not split them again). \
         Keep the sentences apart in the {tgt_lang} text, or pass --merge-units to merge the units",
        ids.join(" and "),
        texts.join(", "),
        langs.join(", ")
    )
}

fn document_id(tx: &Transaction, name: &str, now: &str) -> anyhow::Result<i64> {
    tx.execute(
        "INSERT INTO documents (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
        params![name, now],
    )?;
    Ok(
        tx.query_row("SELECT id FROM documents WHERE name = ?1", [name], |r| {
            r.get(0)
        })?,
    )
}

/// A language version of a document as the `texts` table holds it.
struct TextRow {
    path: String,
    sha256: String,
    sentences: i64,
    content: String,
    /// When it was aligned.
    when: String,
}

impl TextRow {
    /// Whether `t` is this text: the same bytes, or the same text in NFC
    /// with white space, line ends and final newline aside, split into as
    /// many sentences.
    fn same_as(&self, t: &AlignedText, sha: &str) -> bool {
        self.sentences == t.sentences.len() as i64
            && (self.sha256 == sha || comparable_text(&self.content) == comparable_text(t.source))
    }
}

/// A text as [`TextRow::same_as`] compares it: NFC, each line trimmed with
/// its runs of white space made one space, no blank lines at either end and
/// one for a run of them (a paragraph break stays one).
fn comparable_text(text: &str) -> String {
    let nfc = crate::text::nfc(text);
    let mut out = String::with_capacity(nfc.len());
    let mut blank = false;
    for line in nfc.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&words.join(" "));
    }
    out
}

/// A sentence or unit text as a changed source is matched against the
/// old one: NFC, white space runs made one space.
fn comparable_span(text: &str) -> String {
    crate::text::nfc(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn text_row(tx: &Transaction, doc_id: i64, lang: &str) -> anyhow::Result<Option<TextRow>> {
    Ok(tx
        .query_row(
            "SELECT path, sha256, sentences, content, created_at FROM texts WHERE document_id = ?1 AND lang = ?2",
            params![doc_id, lang],
            |r| {
                Ok(TextRow {
                    path: r.get(0)?,
                    sha256: r.get(1)?,
                    sentences: r.get(2)?,
                    content: r.get(3)?,
                    when: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// A document has one source language: refuse to align it from another.
fn one_source_language(
    tx: &Transaction,
    doc_id: i64,
    doc: &str,
    src_lang: &str,
) -> anyhow::Result<()> {
    let other: Option<String> = tx
        .query_row(
            "SELECT src_lang FROM alignments WHERE document_id = ?1 AND src_lang <> ?2 LIMIT 1",
            params![doc_id, src_lang],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = other {
        bail!(
            "document '{doc}' was aligned from {other}, and a document has one source language: \
             align {src_lang} as a translation of its {other} text, or store this one under another --doc name"
        );
    }
    Ok(())
}

/// What [`replace_source`] did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SourceReplaced {
    /// Units whose source sentences are in the new text too: they keep
    /// their id and every text.
    pub units_kept: usize,
    /// Units whose source sentences are gone: their texts are kept as
    /// revisions (`tm history UNIT`) and their ids are never reused.
    pub units_retired: usize,
    /// Languages removed on request (`--drop`), their texts kept as revisions.
    pub dropped: Vec<String>,
}

/// Before a document is aligned again from a changed source text (`src`):
/// every language stored for it must be in `given` (aligned again now) or in
/// `drop` (removed, its texts kept as revisions), else this refuses. The
/// units whose source sentences the new text still has, in order (compared
/// in NFC, white space aside), keep their id and texts and move to the new
/// sentence numbers; the others lose their source text (kept as a
/// revision), and the alignments of `given` then retire them. Does nothing
/// when the document has no other `src` text, or the same one.
pub fn replace_source(
    tx: &Transaction,
    doc: &str,
    src: &AlignedText,
    given: &[&str],
    drop: &[&str],
    author: &str,
) -> anyhow::Result<Option<SourceReplaced>> {
    let Some(doc_id): Option<i64> = tx
        .query_row("SELECT id FROM documents WHERE name = ?1", [doc], |r| {
            r.get(0)
        })
        .optional()?
    else {
        return Ok(None);
    };
    let src_sha = src.sha256();
    let Some(stored) = text_row(tx, doc_id, src.lang)? else {
        return Ok(None);
    };
    if stored.same_as(src, &src_sha) {
        return Ok(None);
    }
    let now = super::now(tx)?;
    let langs: BTreeSet<String> = tx
        .prepare(
            "SELECT lang FROM texts WHERE document_id = ?1
             UNION SELECT v.lang FROM units u CROSS JOIN variants v ON v.unit_id = u.id WHERE u.document_id = ?1",
        )?
        .query_map([doc_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let missing: Vec<&str> = langs
        .iter()
        .map(String::as_str)
        .filter(|l| *l != src.lang && !given.contains(l) && !drop.contains(l))
        .collect();
    if !missing.is_empty() {
        bail!(
            "the {} text of document '{doc}' changed since it was aligned on {}; {} {} stored for it and not given: \
             pass {} too (units are joined through the source), or --drop {} to remove {} (the texts are kept as revisions)",
            src.lang,
            stored.when,
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" },
            if missing.len() == 1 { "it" } else { "them" },
            missing.join(","),
            if missing.len() == 1 { "it" } else { "them" },
        );
    }
    let mut done = SourceReplaced::default();
    for &lang in drop {
        if langs.contains(lang) && lang != src.lang {
            for unit in units_with(tx, doc_id, lang)? {
                retire_variant(tx, unit, lang, &now, author)?;
            }
            unalign_language(tx, doc_id, lang)?;
            done.dropped.push(lang.to_string());
        }
    }

    // The old units, in source order, matched to the new sentences.
    let old: Vec<(i64, usize, String, String)> = tx
        .prepare(
            "SELECT v.unit_id, v.end_sentence - v.first_sentence, v.text FROM units u
             CROSS JOIN variants v ON v.unit_id = u.id
             WHERE u.document_id = ?1 AND v.lang = ?2 AND v.first_sentence IS NOT NULL
             ORDER BY v.first_sentence",
        )?
        .query_map(params![doc_id, src.lang], |r| {
            let text: String = r.get(2)?;
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)?.max(0) as usize,
                comparable_span(&text),
                text,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let new: Vec<String> = src
        .sentences
        .iter()
        .map(|s| comparable_span(&s.text))
        .collect();
    let matched = match_units(&old, &new);
    for ((unit, _, _, text), at) in old.iter().zip(&matched) {
        match at {
            Some(range) => {
                // A unit's place is its first source sentence's, as a new
                // unit's is: sentences inserted before it move it on.
                tx.execute(
                    "UPDATE units SET position = ?2 WHERE id = ?1",
                    params![unit, range.start as f64],
                )?;
                let new_text = src.span(range.clone());
                if new_text == *text {
                    tx.execute(
                        "UPDATE variants SET first_sentence = ?3, end_sentence = ?4 WHERE unit_id = ?1 AND lang = ?2",
                        params![unit, src.lang, range.start as i64, range.end as i64],
                    )?;
                } else {
                    // Written as it is now (spacing, line breaks): the old
                    // text is a revision, the new one dated now.
                    keep_revision(tx, *unit, src.lang, &now, author)?;
                    tx.execute(
                        "UPDATE variants SET first_sentence = ?3, end_sentence = ?4, text = ?5, text_nfc = ?6,
                           created_at = ?7, updated_at = ?7, author = ?8 WHERE unit_id = ?1 AND lang = ?2",
                        params![unit, src.lang, range.start as i64, range.end as i64, new_text,
                            crate::text::nfc(&new_text), now, author],
                    )?;
                    super::run::wrote_variant(tx, *unit, src.lang)?;
                }
                done.units_kept += 1;
            }
            None => {
                retire_variant(tx, *unit, src.lang, &now, author)?;
                done.units_retired += 1;
            }
        }
    }
    // Every alignment from the old text is void; the texts of `given` stay
    // until their new alignment replaces them.
    tx.execute(
        "DELETE FROM alignments WHERE document_id = ?1 AND src_lang = ?2",
        params![doc_id, src.lang],
    )?;
    upsert_text(tx, doc_id, src, &src_sha, &now)?;
    Ok(Some(done))
}

/// For each old unit (its source sentence count and comparable text), the
/// new sentence range it is found at: the most units matched in order.
fn match_units(old: &[(i64, usize, String, String)], new: &[String]) -> Vec<Option<Range<usize>>> {
    let fits = |i: usize, j: usize| -> bool {
        let (_, k, text, _) = &old[i];
        *k > 0
            && j + k <= new.len()
            && text.starts_with(new[j].as_str())
            && new[j..j + k].join(" ") == *text
    };
    let (u, n) = (old.len(), new.len());
    // best[i][j]: most matches of old[i..] in new[j..].
    let mut best = vec![vec![0u32; n + 1]; u + 1];
    for i in (0..u).rev() {
        for j in (0..n).rev() {
            let mut b = best[i + 1][j].max(best[i][j + 1]);
            if fits(i, j) {
                b = b.max(1 + best[i + 1][j + old[i].1]);
            }
            best[i][j] = b;
        }
    }
    let mut out = vec![None; u];
    let (mut i, mut j) = (0, 0);
    while i < u && j < n {
        if fits(i, j) && best[i][j] == 1 + best[i + 1][j + old[i].1] {
            out[i] = Some(j..j + old[i].1);
            j += old[i].1;
            i += 1;
        } else if best[i][j] == best[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The units of a document that hold a `lang` text.
fn units_with(tx: &Transaction, doc_id: i64, lang: &str) -> anyhow::Result<Vec<i64>> {
    Ok(tx
        .prepare(
            "SELECT v.unit_id FROM units u CROSS JOIN variants v ON v.unit_id = u.id
             WHERE u.document_id = ?1 AND v.lang = ?2",
        )?
        .query_map(params![doc_id, lang], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Keep the `lang` text of `unit` as a revision and remove it; a unit left
/// with no text goes (its revisions stay, under its id).
fn retire_variant(
    tx: &Transaction,
    unit: i64,
    lang: &str,
    now: &str,
    author: &str,
) -> anyhow::Result<bool> {
    let kept = keep_revision(tx, unit, lang, now, author)?;
    tx.execute(
        "DELETE FROM variants WHERE unit_id = ?1 AND lang = ?2",
        params![unit, lang],
    )?;
    tx.execute(
        "DELETE FROM units WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM variants WHERE unit_id = ?1)",
        [unit],
    )?;
    Ok(kept)
}

fn upsert_text(
    tx: &Transaction,
    doc_id: i64,
    t: &AlignedText,
    sha: &str,
    now: &str,
) -> anyhow::Result<()> {
    tx.execute(
        "INSERT INTO texts (document_id, lang, path, sha256, sentences, content, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6)
         ON CONFLICT (document_id, lang) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256,
           sentences = excluded.sentences, content = excluded.content, created_at = excluded.created_at
         WHERE texts.sha256 <> excluded.sha256 OR texts.sentences <> excluded.sentences",
        params![doc_id, t.lang, t.path, sha, t.sentences.len() as i64, now, t.source],
    )
    .with_context(|| format!("cannot record the {} text", t.lang))?;
    Ok(())
}

/// What `flush` writes with.
struct Writing<'a> {
    now: &'a str,
    /// The author of a replacing text, when a stored one is being replaced.
    replacing: Option<&'a str>,
    /// A replacing text may merge units (`Replace::ByMerging`).
    merging: bool,
    /// The document and the source language of the alignment (a merge
    /// record names them).
    doc: &'a str,
    src_lang: &'a str,
}

/// What `replace_variant` did.
struct Rewritten {
    /// The unit had no text in the language.
    added: bool,
    /// The unit had another text, stored before this run: now a revision.
    kept_old: bool,
}

/// Give `unit` the text of `range` in `t`'s language, replacing a stored
/// one: the same text only moves its sentence range (the variant keeps its
/// id, dates and author); a different one is kept as a revision first.
fn replace_variant(
    tx: &Transaction,
    unit: i64,
    t: &AlignedText,
    range: Range<usize>,
    now: &str,
    author: &str,
) -> anyhow::Result<Rewritten> {
    let text = t.span(range.clone());
    let (a, b) = (range.start as i64, range.end as i64);
    let same = tx
        .prepare_cached(
            "UPDATE variants SET first_sentence = ?4, end_sentence = ?5
             WHERE unit_id = ?1 AND lang = ?2 AND text = ?3",
        )?
        .execute(params![unit, t.lang, text, a, b])?;
    if same > 0 {
        return Ok(Rewritten {
            added: false,
            kept_old: false,
        });
    }
    let existed: bool = tx
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM variants WHERE unit_id = ?1 AND lang = ?2)")?
        .query_row(params![unit, t.lang], |r| r.get(0))?;
    let kept_old = keep_revision(tx, unit, t.lang, now, author)?;
    // Not an upsert: its conflict clause would override the OR IGNORE of the
    // lookup triggers.
    let sql = if existed {
        "UPDATE variants SET text = ?3, text_nfc = ?4, first_sentence = ?5, end_sentence = ?6,
           created_at = ?7, updated_at = ?7, author = ?8 WHERE unit_id = ?1 AND lang = ?2"
    } else {
        "INSERT INTO variants (unit_id, lang, text, text_nfc, first_sentence, end_sentence, created_at, updated_at, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)"
    };
    tx.prepare_cached(sql)?
        .execute(params![
            unit,
            t.lang,
            text,
            crate::text::nfc(&text),
            a,
            b,
            now,
            author
        ])
        .with_context(|| format!("cannot store the {} text of unit {unit}", t.lang))?;
    super::run::wrote_variant(tx, unit, t.lang)?;
    Ok(Rewritten {
        added: !existed,
        kept_old,
    })
}

/// Copy the `lang` variant of `unit`, if any, into `revisions`, replaced now
/// by `author`; not a text this run wrote (it was never stored, see
/// [`super::run`]). Returns whether it made a revision.
fn keep_revision(
    tx: &Transaction,
    unit: i64,
    lang: &str,
    now: &str,
    author: &str,
) -> anyhow::Result<bool> {
    let n = tx
        .prepare_cached(
            "INSERT INTO revisions (unit_id, lang, text, author, created_at, replaced_at, replaced_by, markup, meta)
             SELECT unit_id, lang, text, author, updated_at, ?3, ?4, markup, meta FROM variants
             WHERE unit_id = ?1 AND lang = ?2 AND id NOT IN (SELECT id FROM temp.run_variants)",
        )?
        .execute(params![unit, lang, now, author])
        .context("cannot record a revision")?;
    Ok(n > 0)
}

fn set_variant_author(tx: &Transaction, unit: i64, lang: &str, author: &str) -> anyhow::Result<()> {
    tx.prepare_cached("UPDATE variants SET author = ?3 WHERE unit_id = ?1 AND lang = ?2")?
        .execute(params![unit, lang, author])?;
    Ok(())
}

/// After a replacement: the `tgt_lang` variants of the document that no bead
/// of the new alignment gave a text (their sentences were dropped or went to
/// another unit) are kept as revisions and removed; a unit left with no
/// text goes (its revisions stay).
fn retire_stale(
    tx: &Transaction,
    doc_id: i64,
    src_lang: &str,
    tgt_lang: &str,
    now: &str,
    author: &str,
) -> anyhow::Result<Retired> {
    let stale: Vec<i64> = tx
        .prepare(
            "SELECT v.unit_id FROM units u CROSS JOIN variants v ON v.unit_id = u.id
             WHERE u.document_id = ?1 AND v.lang = ?3
               AND NOT EXISTS (SELECT 1 FROM alignments a WHERE a.document_id = ?1 AND a.unit_id = v.unit_id
                               AND a.src_lang = ?2 AND a.tgt_lang = ?3 AND a.tgt_end > a.tgt_first)",
        )?
        .query_map(params![doc_id, src_lang, tgt_lang], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut done = Retired::default();
    for unit in stale {
        let moved = moved_to_a_new_unit(tx, doc_id, unit, tgt_lang)?;
        let kept = usize::from(retire_variant(tx, unit, tgt_lang, now, author)?);
        if moved {
            done.moved += kept;
        } else {
            done.replaced += kept;
        }
    }
    Ok(done)
}

/// What `retire_stale` did: texts kept as revisions, told apart by whether
/// a unit this run made holds them unchanged.
#[derive(Default)]
struct Retired {
    replaced: usize,
    moved: usize,
}

/// Whether the `lang` text of `unit` is held, unchanged, by another unit
/// of the document that this run made or wrote that text to (the unit of
/// a changed source sentence takes its translations).
fn moved_to_a_new_unit(
    tx: &Transaction,
    doc_id: i64,
    unit: i64,
    lang: &str,
) -> anyhow::Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM variants v CROSS JOIN variants o ON o.lang = v.lang AND o.text_nfc = v.text_nfc
                 CROSS JOIN units u ON u.id = o.unit_id
               WHERE v.unit_id = ?2 AND v.lang = ?3 AND o.unit_id <> ?2 AND u.document_id = ?1
                 AND (o.unit_id IN (SELECT id FROM temp.run_units) OR o.id IN (SELECT id FROM temp.run_variants)))",
        )?
        .query_row(params![doc_id, unit, lang], |r| r.get(0))?)
}

/// Before a replacement: forget how `lang` was aligned (its beads and its
/// text record) but keep its variants.
fn unalign_language(tx: &Transaction, doc_id: i64, lang: &str) -> anyhow::Result<()> {
    tx.execute(
        "DELETE FROM alignments WHERE document_id = ?1 AND (src_lang = ?2 OR tgt_lang = ?2)",
        params![doc_id, lang],
    )?;
    tx.execute(
        "DELETE FROM texts WHERE document_id = ?1 AND lang = ?2",
        params![doc_id, lang],
    )?;
    Ok(())
}

fn insert_unit(tx: &Transaction, doc_id: i64, position: f64, now: &str) -> anyhow::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO units (document_id, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![doc_id, position, now])?;
    let unit = tx.last_insert_rowid();
    super::run::created_unit(tx, unit)?;
    Ok(unit)
}

fn insert_variant(
    tx: &Transaction,
    unit: i64,
    t: &AlignedText,
    range: Range<usize>,
    now: &str,
) -> anyhow::Result<()> {
    let text = t.span(range.clone());
    tx.prepare_cached(
        "INSERT INTO variants (unit_id, lang, text, text_nfc, first_sentence, end_sentence, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![unit, t.lang, text, crate::text::nfc(&text), range.start as i64, range.end as i64, now])
    .with_context(|| format!("cannot store the {} text of unit {unit}", t.lang))?;
    super::run::wrote_variant(tx, unit, t.lang)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_bead(
    tx: &Transaction,
    doc_id: i64,
    src_lang: &str,
    tgt_lang: &str,
    index: usize,
    bead: &Bead,
    unit: Option<i64>,
    now: &str,
) -> anyhow::Result<()> {
    tx.prepare_cached(
        "INSERT INTO alignments (document_id, src_lang, tgt_lang, bead, src_first, src_end, tgt_first, tgt_end,
           confidence, unit_id, created_at, unsupported, crossed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        doc_id,
        src_lang,
        tgt_lang,
        index as i64,
        bead.src.start as i64,
        bead.src.end as i64,
        bead.tgt.start as i64,
        bead.tgt.end as i64,
        bead.confidence,
        unit,
        now,
        serde_json::to_string(&bead.unsupported)?,
        bead.crossed.map(|j| j as i64),
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The owners query starts from the document's units whatever the size
    /// of the TM: its plan never walks a language's variants.
    #[test]
    fn owners_query_reads_only_the_documents_units() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn, 1).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {OWNERS_SQL}"))
            .unwrap()
            .query_map(params![1, "en"], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(plan[0].contains("units_document"), "{plan:?}");
        assert!(!plan.iter().any(|p| p.starts_with("SCAN")), "{plan:?}");
    }
}
