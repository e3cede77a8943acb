//! Append-only schema migrations keyed on `PRAGMA user_version`.
//! Never edit or remove an entry: add a new one.
//!
//! A migration that changes how texts are indexed queues every variant
//! (`lookup_pending`); [`migrate`] then rebuilds the lookup and search rows
//! in the same transaction (tokenizing and folding need Rust), so an
//! upgraded TM is whole when the upgrade commits. Other work that needs
//! Rust (12 and 13: stored tags made canonical; 15: a column added only
//! when missing) is a step in [`STEPS`], run
//! right after its migration's SQL.

use anyhow::{Context, bail};
use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

/// Migration `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: documents, their language versions, units, variants, alignment provenance.
    r#"
    CREATE TABLE documents (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL
    );
    -- One language version of a document, as it was aligned.
    CREATE TABLE texts (
        id          INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        lang        TEXT NOT NULL,
        path        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        sentences   INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        UNIQUE (document_id, lang)
    );
    -- A unit: the same content in several languages.
    CREATE TABLE units (
        id          INTEGER PRIMARY KEY,
        document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        position    REAL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX units_document ON units(document_id, position);
    -- A unit's text in one language. Sentence range is in that language's text
    -- of the document: [first_sentence, end_sentence).
    CREATE TABLE variants (
        id              INTEGER PRIMARY KEY,
        unit_id         INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        lang            TEXT NOT NULL,
        text            TEXT NOT NULL,
        text_nfc        TEXT NOT NULL,
        first_sentence  INTEGER,
        end_sentence    INTEGER,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        UNIQUE (unit_id, lang)
    );
    CREATE INDEX variants_lang_text ON variants(lang, text_nfc);
    -- Provenance: every bead of every alignment that built the units.
    CREATE TABLE alignments (
        id          INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        src_lang    TEXT NOT NULL,
        tgt_lang    TEXT NOT NULL,
        bead        INTEGER NOT NULL,
        src_first   INTEGER NOT NULL,
        src_end     INTEGER NOT NULL,
        tgt_first   INTEGER NOT NULL,
        tgt_end     INTEGER NOT NULL,
        confidence  REAL NOT NULL,
        unit_id     INTEGER REFERENCES units(id) ON DELETE SET NULL,
        created_at  TEXT NOT NULL,
        UNIQUE (document_id, src_lang, tgt_lang, bead)
    );
    "#,
    // 2: fuzzy lookup (token vectors per variant, a queue the triggers fill)
    // and concordance (FTS5 over text_nfc). Invariant: src/store/lookup.rs.
    r#"
    CREATE TABLE lookup_vocab (
        id          INTEGER PRIMARY KEY,
        token       TEXT NOT NULL UNIQUE
    );
    -- Key-token ids of a variant's text_nfc, u32 little-endian.
    CREATE TABLE lookup_terms (
        lang        TEXT NOT NULL,
        variant_id  INTEGER NOT NULL,
        tokens      BLOB NOT NULL,
        PRIMARY KEY (lang, variant_id)
    ) WITHOUT ROWID;
    -- Variants whose lookup_terms row is missing (written, not yet tokenized).
    CREATE TABLE lookup_pending (
        variant_id  INTEGER PRIMARY KEY
    );
    INSERT INTO lookup_pending (variant_id) SELECT id FROM variants;
    CREATE VIRTUAL TABLE variants_fts USING fts5(
        text_nfc, content = 'variants', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO variants_fts (variants_fts) VALUES ('rebuild');
    CREATE TRIGGER variants_lookup_insert AFTER INSERT ON variants BEGIN
        INSERT OR IGNORE INTO lookup_pending (variant_id) VALUES (new.id);
        INSERT INTO variants_fts (rowid, text_nfc) VALUES (new.id, new.text_nfc);
    END;
    CREATE TRIGGER variants_lookup_update AFTER UPDATE OF text_nfc, lang ON variants BEGIN
        DELETE FROM lookup_terms WHERE lang = old.lang AND variant_id = old.id;
        INSERT OR IGNORE INTO lookup_pending (variant_id) VALUES (new.id);
        INSERT INTO variants_fts (variants_fts, rowid, text_nfc) VALUES ('delete', old.id, old.text_nfc);
        INSERT INTO variants_fts (rowid, text_nfc) VALUES (new.id, new.text_nfc);
    END;
    CREATE TRIGGER variants_lookup_delete AFTER DELETE ON variants BEGIN
        DELETE FROM lookup_terms WHERE lang = old.lang AND variant_id = old.id;
        DELETE FROM lookup_pending WHERE variant_id = old.id;
        INSERT INTO variants_fts (variants_fts, rowid, text_nfc) VALUES ('delete', old.id, old.text_nfc);
    END;
    "#,
    // 3: interchange (TMX, CSV, TSV): import provenance, TMX identity and
    // metadata of units and variants, inline markup. See src/store/interchange.rs.
    r#"
    -- One imported file per row.
    CREATE TABLE origins (
        id          INTEGER PRIMARY KEY,
        path        TEXT NOT NULL,
        format      TEXT NOT NULL,
        -- JSON: the TMX header (version, attrs, notes, props, ude) or the CSV/TSV columns.
        header      TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE INDEX origins_path ON origins(path);
    -- The file a unit came from (NULL for units made by `tm align`).
    ALTER TABLE units ADD COLUMN origin_id INTEGER REFERENCES origins(id) ON DELETE SET NULL;
    ALTER TABLE units ADD COLUMN tuid TEXT;
    -- JSON {attrs: [[name, value]…], notes: […], props: […]} of the <tu>; NULL if none.
    ALTER TABLE units ADD COLUMN meta TEXT;
    CREATE INDEX units_tuid ON units(tuid) WHERE tuid IS NOT NULL;
    -- The <seg> content as written (XML) when it has inline markup; `text` is
    -- then its plain text (markup removed), and `text_nfc` the NFC of that.
    ALTER TABLE variants ADD COLUMN markup TEXT;
    -- JSON metadata of the <tuv>, as units.meta; NULL if none.
    ALTER TABLE variants ADD COLUMN meta TEXT;
    "#,
    // 4: revisions (`tm diff --apply`, `tm history`): the text each document
    // language was aligned from, who wrote a variant, and earlier texts.
    r#"
    -- The decoded text of the file (what `tm diff --doc` compares against).
    ALTER TABLE texts ADD COLUMN content TEXT NOT NULL DEFAULT '';
    ALTER TABLE variants ADD COLUMN author TEXT;
    -- Earlier texts of a variant, newest last: what `tm diff --apply` replaced.
    CREATE TABLE revisions (
        id          INTEGER PRIMARY KEY,
        unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        lang        TEXT NOT NULL,
        text        TEXT NOT NULL,
        author      TEXT,
        created_at  TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        replaced_by TEXT NOT NULL
    );
    CREATE INDEX revisions_unit ON revisions(unit_id, lang, id);
    "#,
    // 5: bulk writers (a large import) index their own variants in sorted
    // batches: while `lookup_deferred` holds a row (only ever inside that
    // writer's transaction), the triggers leave variants with id > `after`
    // alone. Invariant: src/store/lookup.rs.
    r#"
    CREATE TABLE lookup_deferred (
        after       INTEGER NOT NULL
    );
    DROP TRIGGER variants_lookup_insert;
    DROP TRIGGER variants_lookup_update;
    DROP TRIGGER variants_lookup_delete;
    CREATE TRIGGER variants_lookup_insert AFTER INSERT ON variants
    WHEN NOT EXISTS (SELECT 1 FROM lookup_deferred WHERE new.id > after) BEGIN
        INSERT OR IGNORE INTO lookup_pending (variant_id) VALUES (new.id);
        INSERT INTO variants_fts (rowid, text_nfc) VALUES (new.id, new.text_nfc);
    END;
    CREATE TRIGGER variants_lookup_update AFTER UPDATE OF text_nfc, lang ON variants
    WHEN NOT EXISTS (SELECT 1 FROM lookup_deferred WHERE old.id > after) BEGIN
        DELETE FROM lookup_terms WHERE lang = old.lang AND variant_id = old.id;
        INSERT OR IGNORE INTO lookup_pending (variant_id) VALUES (new.id);
        INSERT INTO variants_fts (variants_fts, rowid, text_nfc) VALUES ('delete', old.id, old.text_nfc);
        INSERT INTO variants_fts (rowid, text_nfc) VALUES (new.id, new.text_nfc);
    END;
    CREATE TRIGGER variants_lookup_delete AFTER DELETE ON variants
    WHEN NOT EXISTS (SELECT 1 FROM lookup_deferred WHERE old.id > after) BEGIN
        DELETE FROM lookup_terms WHERE lang = old.lang AND variant_id = old.id;
        DELETE FROM lookup_pending WHERE variant_id = old.id;
        INSERT INTO variants_fts (variants_fts, rowid, text_nfc) VALUES ('delete', old.id, old.text_nfc);
    END;
    "#,
    // 6: a revision keeps the whole variant it replaced: its inline markup
    // and TMX metadata beside the plain text (a replace that changes only the
    // markup keeps the old markup, never a revision equal to the text).
    r#"
    ALTER TABLE revisions ADD COLUMN markup TEXT;
    ALTER TABLE revisions ADD COLUMN meta TEXT;
    "#,
    // 7: search folds text as tm does everywhere (`text::fold_with`: đ, ł,
    // ø, ß, æ…, both Serbian scripts, and in Serbo-Croatian `dj` as `đ`).
    // Folding needs Rust, so the triggers only queue (and drop stale rows)
    // and `index_pending` writes the folded text: in `folded_sh` for
    // Serbo-Croatian, else in `folded`. Contentless: the text is in
    // `variants`. Every variant is queued to get its row. Invariant:
    // src/store/lookup.rs.
    r#"
    DROP TRIGGER variants_lookup_insert;
    DROP TRIGGER variants_lookup_update;
    DROP TRIGGER variants_lookup_delete;
    DROP TABLE variants_fts;
    CREATE VIRTUAL TABLE variants_search USING fts5(
        folded, folded_sh, content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    );
    CREATE TRIGGER variants_lookup_insert AFTER INSERT ON variants
    WHEN NOT EXISTS (SELECT 1 FROM lookup_deferred WHERE new.id > after) BEGIN
        INSERT OR IGNORE INTO lookup_pending (variant_id) VALUES (new.id);
    END;
    CREATE TRIGGER variants_lookup_update AFTER UPDATE OF text_nfc, lang ON variants
    WHEN NOT EXISTS (SELECT 1 FROM lookup_deferred WHERE old.id > after) BEGIN
        DELETE FROM lookup_terms WHERE lang = old.lang AND variant_id = old.id;
        DELETE FROM variants_search WHERE rowid = old.id;
        INSERT OR IGNORE INTO lookup_pending (variant_id) VALUES (new.id);
    END;
    CREATE TRIGGER variants_lookup_delete AFTER DELETE ON variants
    WHEN NOT EXISTS (SELECT 1 FROM lookup_deferred WHERE old.id > after) BEGIN
        DELETE FROM lookup_terms WHERE lang = old.lang AND variant_id = old.id;
        DELETE FROM lookup_pending WHERE variant_id = old.id;
        DELETE FROM variants_search WHERE rowid = old.id;
    END;
    INSERT OR IGNORE INTO lookup_pending (variant_id) SELECT id FROM variants;
    "#,
    // 8: lookup keys are folded words (`text::fold_with`, as search folds),
    // so a word that differs only in diacritics, apostrophe or script is a
    // minor difference, not another word. The old keys are dropped and every
    // variant is queued: `index_pending` writes its keys anew.
    r#"
    DELETE FROM lookup_terms;
    DELETE FROM lookup_vocab;
    INSERT OR IGNORE INTO lookup_pending (variant_id) SELECT id FROM variants;
    "#,
    // 9: unit ids are never reused (AUTOINCREMENT: `tm history 3`, a QA
    // ignore of unit 3 never comes to mean another sentence), and revisions
    // outlive their unit: a unit that a replacement retires keeps its
    // history under its id. Tables rebuilt as SQLite's ALTER TABLE guide
    // says ([`migrate`] turns foreign keys off around the upgrade).
    r#"
    CREATE TABLE units_v9 (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        position    REAL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        origin_id   INTEGER REFERENCES origins(id) ON DELETE SET NULL,
        tuid        TEXT,
        meta        TEXT
    );
    INSERT INTO units_v9 (id, document_id, position, created_at, updated_at, origin_id, tuid, meta)
        SELECT id, document_id, position, created_at, updated_at, origin_id, tuid, meta FROM units;
    DROP TABLE units;
    ALTER TABLE units_v9 RENAME TO units;
    CREATE INDEX units_document ON units(document_id, position);
    CREATE INDEX units_tuid ON units(tuid) WHERE tuid IS NOT NULL;
    CREATE TABLE revisions_v9 (
        id          INTEGER PRIMARY KEY,
        unit_id     INTEGER NOT NULL,
        lang        TEXT NOT NULL,
        text        TEXT NOT NULL,
        author      TEXT,
        created_at  TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        replaced_by TEXT NOT NULL,
        markup      TEXT,
        meta        TEXT
    );
    INSERT INTO revisions_v9 SELECT id, unit_id, lang, text, author, created_at, replaced_at, replaced_by, markup, meta
        FROM revisions;
    DROP TABLE revisions;
    ALTER TABLE revisions_v9 RENAME TO revisions;
    CREATE INDEX revisions_unit ON revisions(unit_id, lang, id);
    DELETE FROM sqlite_sequence WHERE name = 'units';
    INSERT INTO sqlite_sequence (name, seq)
        SELECT 'units', max(coalesce((SELECT max(id) FROM units), 0), coalesce((SELECT max(unit_id) FROM revisions), 0));
    "#,
    // 10: a unit merged into another (a new translation joins sentences
    // that two units held; `--merge-units`) leaves a record, so that `tm
    // history` of its id says where its texts went. Units that one run
    // made and merged get none (src/store/run.rs). No foreign keys: as
    // revisions, a record outlives both units. Readers of a schema-9 TM
    // take a missing table as no records ([`READABLE_FROM`]).
    r#"
    CREATE TABLE merged_units (
        unit_id     INTEGER PRIMARY KEY,
        into_unit   INTEGER NOT NULL,
        document    TEXT NOT NULL,
        src_lang    TEXT NOT NULL,
        tgt_lang    TEXT NOT NULL,
        merged_at   TEXT NOT NULL,
        merged_by   TEXT NOT NULL
    );
    CREATE INDEX merged_units_into ON merged_units(into_unit);
    "#,
    // 11: lookup scores a text's TMX inline codes as tags, so its keys come
    // from `markup` too: a change of markup alone queues the variant, and
    // every variant with markup is queued to get its keys anew.
    r#"
    DROP TRIGGER variants_lookup_update;
    CREATE TRIGGER variants_lookup_update AFTER UPDATE OF text_nfc, lang, markup ON variants
    WHEN NOT EXISTS (SELECT 1 FROM lookup_deferred WHERE old.id > after) BEGIN
        DELETE FROM lookup_terms WHERE lang = old.lang AND variant_id = old.id;
        DELETE FROM variants_search WHERE rowid = old.id;
        INSERT OR IGNORE INTO lookup_pending (variant_id) VALUES (new.id);
    END;
    INSERT OR IGNORE INTO lookup_pending (variant_id) SELECT id FROM variants WHERE markup IS NOT NULL;
    "#,
    // 12: every stored language tag as `lang::canonical` writes it now
    // (`dan` → `da`, `iw` → `he`, `sr-SP-Latn` → `sr-Latn`), so that a TM
    // written before a mapping was added meets the tags commands give and
    // files bring. Rewriting needs Rust: [`canonical_tags`].
    r#"
    -- canonical_tags
    "#,
    // 13: the same rewrite, now that `lang::canonical` leaves out a script
    // that is the language's Suppress-Script in the IANA registry
    // (`en-Latn`, from FLORES's `eng_Latn`, → `en`; `sr-Latn` stays).
    r#"
    -- canonical_tags
    "#,
    // 14: lookup reads a placeholder written in a text (`{1}`, `%s`,
    // `{{name}}`, `$VAR`, `&amp;`: `qa::placeholders::find`) as one tag,
    // so the keys of every text that may hold one are written anew.
    r#"
    INSERT OR IGNORE INTO lookup_pending (variant_id)
        SELECT id FROM variants WHERE text_nfc GLOB '*[{%$&]*';
    "#,
    // 15: per bead, the sentences that nothing on the other side of the
    // bead translates (`Bead::unsupported`), so that `tm review` of a
    // stored document flags them as `tm align --review` does: a JSON list
    // of {"side": "src"|"tgt", "sentence": N}, `[]` for none. NULL: stored
    // before it was recorded (the Model 1 that measured it is not kept, so
    // it cannot be filled in). Readers of an older schema take a missing
    // column as NULL ([`READABLE_FROM`]). The column is added by
    // [`unsupported_column`].
    r#"
    -- unsupported_column
    "#,
    // 16: the rewrite of 12 and 13 again, now that a tag must be one tm
    // takes (`lang::canonical`: registered variants only): a tag stored by
    // an older tm with a mark after it (`sq-final`, `sr-Latn-fixed`,
    // `sq-r1`, from a file name or an option) becomes the tag before the
    // mark (`lang::without_marks`), as a file of that name is read now;
    // where it meets that tag in a document or unit, the mark becomes
    // private use (`sq-x-final`).
    r#"
    -- canonical_tags
    "#,
    // 17: lookup reads a markup tag written in a text as qa does
    // (`qa::placeholders::find_tags`: `<a,b>`, an unclosed `<b`, a `<` at a
    // line's end are no tags; a quoted `>` stays inside its tag), so the
    // keys of every text with a `<` are written anew.
    r#"
    INSERT OR IGNORE INTO lookup_pending (variant_id)
        SELECT id FROM variants WHERE text_nfc GLOB '*<*';
    "#,
    // 18: merge records in the order they were made. One run's merges
    // share `merged_at` (a 3-1 bead folds two units into one at once), so
    // `seq` orders them: it only grows (AUTOINCREMENT), and `tm history`
    // tells merges by it. Records made before it are numbered in the order
    // readers told them until now: by `merged_at`, then unit id. (Revisions
    // need no such column: their `id` grows in the order they are written,
    // and none is ever deleted.) Rebuilt as SQLite's ALTER TABLE guide says.
    r#"
    CREATE TABLE merged_units_v18 (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        unit_id     INTEGER NOT NULL UNIQUE,
        into_unit   INTEGER NOT NULL,
        document    TEXT NOT NULL,
        src_lang    TEXT NOT NULL,
        tgt_lang    TEXT NOT NULL,
        merged_at   TEXT NOT NULL,
        merged_by   TEXT NOT NULL
    );
    INSERT INTO merged_units_v18 (seq, unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by)
        SELECT row_number() OVER (ORDER BY merged_at, unit_id),
               unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by
        FROM merged_units;
    DROP TABLE merged_units;
    ALTER TABLE merged_units_v18 RENAME TO merged_units;
    CREATE INDEX merged_units_into ON merged_units(into_unit);
    "#,
    // 19: per bead, the first target sentence of a nearby bead whose
    // target looks swapped with this one's (`Bead::crossed`), so that `tm
    // review` of a stored document flags it as `tm align --review` does;
    // NULL for none, and for beads stored before it was recorded. Readers
    // of an older schema take a missing column as NULL
    // ([`READABLE_FROM`]). Added by [`crossed_column`].
    r#"
    -- crossed_column
    "#,
];

/// Work a migration needs Rust for, run right after its SQL in the same
/// transaction: (migration number, step).
type Step = fn(&Transaction) -> anyhow::Result<()>;
const STEPS: &[(usize, Step)] = &[
    (12, canonical_tags),
    (13, canonical_tags),
    (15, unsupported_column),
    (16, canonical_tags),
    (19, crossed_column),
];

/// Migration 15: the column `alignments.unsupported` ([`add_column`]).
fn unsupported_column(tx: &Transaction) -> anyhow::Result<()> {
    add_column(tx, "alignments", "unsupported", "TEXT")
}

/// Migration 19: the column `alignments.crossed` ([`add_column`]).
fn crossed_column(tx: &Transaction) -> anyhow::Result<()> {
    add_column(tx, "alignments", "crossed", "INTEGER")
}

/// Add `column` to `table`, unless the table has it (SQLite has no `ADD
/// COLUMN IF NOT EXISTS`; a TM whose version number was set back, as tests
/// of older schemas do, keeps its columns).
fn add_column(tx: &Transaction, table: &str, column: &str, decl: &str) -> anyhow::Result<()> {
    let has: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
        [table, column],
        |r| r.get(0),
    )?;
    if !has {
        tx.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {decl};"))?;
    }
    Ok(())
}

/// The schema version this build of tm writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The oldest schema this build reads without upgrading it, as it must a
/// read-only TM: the migrations after it only add tables that the readers
/// take as empty when they are missing (10: `merged_units`), or index
/// anew what the old index holds in a form lookup still reads (11: the
/// keys of texts with inline codes, which an old index has without their
/// tags), or rewrite stored tags that readers then see as they were
/// stored (12, 13: a read-only TM of an older schema shows its old tags,
/// such as `sr-SP-Latn` or `en-Latn`; a language given as `sr-Latn` does
/// not name the first, `en` names the second as a range; 14: the keys of
/// texts with placeholders, which an old index has as words and
/// punctuation; 17: the keys of texts with a `<`, which an old index may
/// read as a tag where lookup now reads words, or the reverse), or add a
/// column that readers take as NULL when it is missing (15:
/// `alignments.unsupported`, reviewed as not recorded; 16: tags with a
/// mark, shown as stored), or rebuild a table with a column whose readers
/// fall back to the order it replaced when it is missing (18:
/// `merged_units.seq`; without it, merges are told by `merged_at`, then
/// unit id), or add a column readers take as no crossing when it is
/// missing (19: `alignments.crossed`).
pub const READABLE_FROM: i64 = 9;

pub fn migrate(conn: &mut Connection, application_id: i64) -> anyhow::Result<()> {
    // A TM that is up to date is only read: no lock, so a command that
    // reads never waits for another process writing the TM.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > LATEST {
        bail!("its schema version is {version}, newer than this tm knows ({LATEST}): upgrade tm");
    }
    if version == LATEST {
        return Ok(());
    }
    // A migration may rebuild a table others refer to; foreign keys are off
    // meanwhile (the pragma is a no-op inside a transaction) and checked
    // before the commit.
    let keys: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let done = migrate_in(conn, application_id);
    if keys {
        conn.pragma_update(None, "foreign_keys", "ON")?;
    }
    done
}

/// Migration `i` (to version `i + 1`): its SQL, then its Rust step if any.
fn run_migration(tx: &Transaction, i: usize) -> anyhow::Result<()> {
    let failed = || format!("schema migration {} failed", i + 1);
    tx.execute_batch(MIGRATIONS[i]).with_context(failed)?;
    if let Some((_, step)) = STEPS.iter().find(|(n, _)| *n == i + 1) {
        step(tx).with_context(failed)?;
    }
    Ok(())
}

fn migrate_in(conn: &mut Connection, application_id: i64) -> anyhow::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Another process may have upgraded it meanwhile.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for i in version as usize..MIGRATIONS.len() {
        run_migration(&tx, i)?;
    }
    if version < LATEST {
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()?;
        if let Some(table) = broken {
            bail!("the upgrade left a row of {table} pointing nowhere; the TM was not changed");
        }
        super::lookup::index_pending(&tx)
            .context("cannot rebuild the lookup and search indexes of the upgraded TM")?;
        tx.pragma_update(None, "user_version", LATEST)?;
        tx.pragma_update(None, "application_id", application_id)?;
    }
    tx.commit()?;
    Ok(())
}

/// Migrations 12, 13 and 16 (each time `lang::canonical` learns a rule: 12
/// the shortest codes and legacy tags, 13 Suppress-Script, 16 registered
/// variants only): rewrite every stored language tag to
/// `lang::canonical(tag)`, or for a tag it refuses, to the tag before the
/// marks after it (`lang::without_marks`: `sq-final` → `sq`; a tag with no
/// such prefix stays as it is) in variants, revisions, document
/// language versions (`texts`), alignments and merge records. Renamed
/// variants are queued for lookup and search by the update trigger
/// (migration 11), which drops their rows under the old tag; [`migrate`]
/// indexes them again. The TMX headers (`origins.header`) and `<tu>`
/// metadata (`units.meta`) keep the file's attributes as written, as
/// imports store them today: readers take their `srclang` through
/// `canonical`.
///
/// A unit holding a variant under both an old tag and its canonical one
/// keeps the canonical one as its text and the other as that language's
/// latest revision, replaced by "tm upgrade"; of two old tags that meet
/// (`sr-SP-Latn`, `sr-Latn-CS`), the first in sorted order stays current.
///
/// A document with language versions (or alignments) under two tags that
/// become one keeps all its tags as they are (texts, alignments, its units'
/// variants and revisions, its merge records): its variants' sentence
/// ranges count sentences of one of those texts, and nothing tells which
/// to keep. Such a document is a mistake of the old tm, rare, and still
/// readable under its old tags.
fn canonical_tags(tx: &Transaction) -> anyhow::Result<()> {
    let canonical = |tag: &str| {
        crate::lang::canonical(tag)
            .ok()
            .or_else(|| crate::lang::without_marks(tag))
            .unwrap_or_else(|| tag.to_string())
    };
    let mut stored: HashSet<String> = HashSet::new();
    for sql in [
        "SELECT DISTINCT lang FROM variants",
        "SELECT DISTINCT lang FROM revisions",
        "SELECT DISTINCT lang FROM texts",
        "SELECT DISTINCT src_lang FROM alignments UNION SELECT DISTINCT tgt_lang FROM alignments",
        "SELECT DISTINCT src_lang FROM merged_units UNION SELECT DISTINCT tgt_lang FROM merged_units",
    ] {
        let mut stmt = tx.prepare(sql)?;
        for tag in stmt.query_map([], |r| r.get::<_, String>(0))? {
            stored.insert(tag?);
        }
    }
    // A tag tm refuses (`sq-final`) that meets the tag before its mark in
    // one document or unit (a draft aligned as `sq`, the final version as
    // `sq-final`) keeps its mark as a private use subtag (`sq-x-final`),
    // which tm takes: the two versions stay apart, and both can be named,
    // exported and imported again.
    let mut private: HashMap<String, String> = HashMap::new();
    for tag in &stored {
        let (Err(_), Some(plain)) = (crate::lang::canonical(tag), crate::lang::without_marks(tag))
        else {
            continue;
        };
        let meeting: Vec<&String> = stored
            .iter()
            .filter(|t| *t != tag && canonical(t) == plain)
            .collect();
        let mut meets = false;
        for other in meeting {
            meets |= tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM texts a JOIN texts b ON b.document_id = a.document_id
                               WHERE a.lang = ?1 AND b.lang = ?2)
                     OR EXISTS(SELECT 1 FROM variants a JOIN variants b ON b.unit_id = a.unit_id
                               WHERE a.lang = ?1 AND b.lang = ?2)",
                params![tag, other],
                |r| r.get::<_, bool>(0),
            )?;
        }
        let marks: Vec<String> = tag
            .get(plain.len()..)
            .unwrap_or("")
            .split(['-', '_'])
            .filter(|m| !m.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let kept = format!("{plain}-x-{}", marks.join("-"));
        if meets && !marks.is_empty() && crate::lang::canonical(&kept).is_ok_and(|k| k == kept) {
            private.insert(tag.clone(), kept);
        }
    }
    let canonical = |tag: &str| private.get(tag).cloned().unwrap_or_else(|| canonical(tag));
    // Sorted: which of two old tags of one unit stays current is decided, not hashed.
    let renames: BTreeMap<String, String> = stored
        .into_iter()
        .filter_map(|tag| {
            let new = canonical(&tag);
            (new != tag).then_some((tag, new))
        })
        .collect();
    if renames.is_empty() {
        return Ok(());
    }

    // Documents where two stored tags become one (texts, or an alignment's pair).
    let mut kept_docs: HashSet<i64> = HashSet::new();
    let mut seen: HashMap<(i64, String), String> = HashMap::new();
    let mut stmt = tx.prepare(
        "SELECT DISTINCT document_id, lang FROM texts
         UNION SELECT DISTINCT document_id, src_lang || ' ' || tgt_lang FROM alignments",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (doc, tags) = row?;
        let new = tags.split(' ').map(canonical).collect::<Vec<_>>().join(" ");
        if let Some(other) = seen.insert((doc, new), tags.clone())
            && other != tags
        {
            kept_docs.insert(doc);
        }
    }
    drop(stmt);
    tx.execute_batch(
        "CREATE TEMP TABLE upgrade_kept_docs (id INTEGER PRIMARY KEY);
         CREATE TEMP TABLE upgrade_kept_units (id INTEGER PRIMARY KEY);",
    )?;
    for doc in &kept_docs {
        tx.execute("INSERT INTO temp.upgrade_kept_docs (id) VALUES (?1)", [doc])?;
    }
    tx.execute_batch(
        "INSERT INTO temp.upgrade_kept_units (id)
             SELECT id FROM units WHERE document_id IN (SELECT id FROM temp.upgrade_kept_docs);",
    )?;

    let now = super::now(tx)?;
    for (old, new) in &renames {
        tx.execute(
            "UPDATE texts SET lang = ?2 WHERE lang = ?1
               AND document_id NOT IN (SELECT id FROM temp.upgrade_kept_docs)",
            params![old, new],
        )?;
        for column in ["src_lang", "tgt_lang"] {
            tx.execute(
                &format!(
                    "UPDATE alignments SET {column} = ?2 WHERE {column} = ?1
                       AND document_id NOT IN (SELECT id FROM temp.upgrade_kept_docs)"
                ),
                params![old, new],
            )?;
            tx.execute(
                &format!(
                    "UPDATE merged_units SET {column} = ?2 WHERE {column} = ?1
                       AND document NOT IN (SELECT d.name FROM documents d
                                            JOIN temp.upgrade_kept_docs k ON k.id = d.id)"
                ),
                params![old, new],
            )?;
        }
        tx.execute(
            "UPDATE revisions SET lang = ?2 WHERE lang = ?1
               AND unit_id NOT IN (SELECT id FROM temp.upgrade_kept_units)",
            params![old, new],
        )?;
        // A unit that has the language under both tags: the old one's text
        // becomes the latest revision of the canonical one.
        let by = format!("tm upgrade ({old} is {new})");
        tx.execute(
            "INSERT INTO revisions (unit_id, lang, text, author, created_at, replaced_at, replaced_by, markup, meta)
             SELECT o.unit_id, ?2, o.text, o.author, o.updated_at, ?3, ?4, o.markup, o.meta
             FROM variants o JOIN variants n ON n.unit_id = o.unit_id AND n.lang = ?2
             WHERE o.lang = ?1 AND o.unit_id NOT IN (SELECT id FROM temp.upgrade_kept_units)
             ORDER BY o.id",
            params![old, new, now, by],
        )?;
        tx.execute(
            "DELETE FROM variants WHERE lang = ?1
               AND unit_id NOT IN (SELECT id FROM temp.upgrade_kept_units)
               AND EXISTS (SELECT 1 FROM variants n WHERE n.unit_id = variants.unit_id AND n.lang = ?2)",
            params![old, new],
        )?;
        tx.execute(
            "UPDATE variants SET lang = ?2 WHERE lang = ?1
               AND unit_id NOT IN (SELECT id FROM temp.upgrade_kept_units)",
            params![old, new],
        )?;
    }
    tx.execute_batch("DROP TABLE temp.upgrade_kept_docs; DROP TABLE temp.upgrade_kept_units;")?;
    Ok(())
}

/// A TM at schema `version` (the first `version` migrations), for tests
/// of upgrades.
#[cfg(test)]
pub(crate) fn create_at_version(conn: &mut Connection, version: usize, application_id: i64) {
    let tx = conn.transaction().unwrap();
    for i in 0..version {
        run_migration(&tx, i).unwrap();
    }
    tx.pragma_update(None, "user_version", version as i64)
        .unwrap();
    tx.pragma_update(None, "application_id", application_id)
        .unwrap();
    tx.commit().unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An in-memory TM at schema `version` (its first `version` migrations).
    fn tm_at(version: usize) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        create_at_version(&mut conn, version, 1);
        conn
    }

    /// After the upgrade a deleted unit's id is never given to a new unit,
    /// and its revisions stay.
    #[test]
    fn unit_ids_are_never_reused_and_revisions_outlive_their_unit() {
        let mut conn = tm_at(8);
        conn.execute_batch(
            "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now');
             INSERT INTO units (id, document_id, created_at, updated_at) VALUES (1, 1, 'now', 'now'), (2, 1, 'now', 'now');
             INSERT INTO revisions (unit_id, lang, text, created_at, replaced_at, replaced_by)
                 VALUES (2, 'sq', 'e vjetra', 'now', 'now', 'tm align');",
        )
        .unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate(&mut conn, 1).unwrap();
        conn.execute("DELETE FROM units WHERE id = 2", []).unwrap();
        conn.execute(
            "INSERT INTO units (document_id, created_at, updated_at) VALUES (1, 'now', 'now')",
            [],
        )
        .unwrap();
        assert_eq!(conn.last_insert_rowid(), 3);
        let kept: i64 = conn
            .query_row(
                "SELECT count(*) FROM revisions WHERE unit_id = 2",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, 1);
    }

    /// An upgrade that fails half-way leaves the TM as it was: migration
    /// 10 makes its table, then fails on its index (a name already taken).
    #[test]
    fn a_failed_upgrade_changes_nothing() {
        let mut conn = tm_at(9);
        conn.execute_batch("CREATE INDEX merged_units_into ON units(position);")
            .unwrap();
        let e = migrate(&mut conn, 1).unwrap_err();
        assert!(
            format!("{e:#}").contains("schema migration 10 failed"),
            "{e:#}"
        );
        let (version, table): (i64, bool) = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        EXISTS(SELECT 1 FROM sqlite_schema WHERE name = 'merged_units')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((version, table), (9, false));
    }

    /// A TM at schema 17 keeps its merge records and revisions: the
    /// records are numbered in the order tm told them (date, then unit
    /// id), and a merge made after the upgrade comes after them all, even
    /// when the clock says otherwise.
    #[test]
    fn merge_records_are_numbered_in_the_order_they_were_told() {
        let mut conn = tm_at(17);
        conn.execute_batch(
            "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now');
             INSERT INTO units (id, document_id, created_at, updated_at) VALUES (1, 1, 'now', 'now');
             INSERT INTO merged_units (unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by) VALUES
                 (4, 1, 'd', 'en', 'sq', '2026-01-02T10:00:00.000Z', 'tm align'),
                 (2, 1, 'd', 'en', 'sq', '2026-01-02T10:00:00.000Z', 'tm align'),
                 (9, 3, 'd', 'en', 'de', '2026-01-01T09:00:00.000Z', 'Arta'),
                 (3, 1, 'd', 'en', 'de', '2026-01-03T08:00:00.000Z', 'Besa');
             INSERT INTO revisions (unit_id, lang, text, created_at, replaced_at, replaced_by) VALUES
                 (1, 'sq', 'e dyta', 'a', '2026-01-02T10:00:00.000Z', 'tm align'),
                 (1, 'sq', 'e para', 'a', '2026-01-02T10:00:00.000Z', 'tm align'),
                 (1, 'en', 'first', 'a', '2026-01-01T09:00:00.000Z', 'Arta');",
        )
        .unwrap();
        let revisions = |conn: &Connection| -> Vec<String> {
            let mut stmt = conn
                .prepare("SELECT id || ' ' || lang || ' ' || text FROM revisions ORDER BY id")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let before = revisions(&conn);
        migrate(&mut conn, 1).unwrap();
        let merges = |conn: &Connection| -> Vec<(i64, i64, String)> {
            let mut stmt = conn
                .prepare("SELECT seq, unit_id, merged_by FROM merged_units ORDER BY seq")
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(
            merges(&conn),
            [
                (1, 9, "Arta".to_string()),
                (2, 2, "tm align".to_string()),
                (3, 4, "tm align".to_string()),
                (4, 3, "Besa".to_string()),
            ]
        );
        assert_eq!(revisions(&conn), before);
        // A merge recorded now, dated earlier (a clock set back), is last.
        conn.execute(
            "INSERT INTO merged_units (unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by)
             VALUES (7, 1, 'd', 'en', 'sq', '2025-06-01T00:00:00.000Z', 'tm align')",
            [],
        )
        .unwrap();
        assert_eq!(merges(&conn).last().unwrap().0, 5);
        assert_eq!(merges(&conn).last().unwrap().1, 7);
        // A unit leaves one record.
        assert!(
            conn.execute(
                "INSERT INTO merged_units (unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by)
                 VALUES (7, 3, 'd', 'en', 'sq', 'now', 'tm align')",
                [],
            )
            .is_err()
        );
    }

    /// Migration 18 failing half-way leaves a schema-17 TM as it was,
    /// merge records and all: here the rename fails after the old table is
    /// dropped (a view refers to it, and SQLite checks views on a rename).
    #[test]
    fn a_failed_upgrade_to_18_keeps_the_merge_records() {
        let mut conn = tm_at(17);
        conn.execute_batch(
            "INSERT INTO merged_units (unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by)
                 VALUES (2, 1, 'd', 'en', 'sq', 'now', 'tm align');
             CREATE VIEW merges_per_unit AS SELECT into_unit, count(*) FROM merged_units GROUP BY 1;",
        )
        .unwrap();
        let e = migrate(&mut conn, 1).unwrap_err();
        assert!(
            format!("{e:#}").contains("schema migration 18 failed")
                && format!("{e:#}").contains("merges_per_unit"),
            "{e:#}"
        );
        let (version, records, seq): (i64, i64, bool) = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM merged_units WHERE unit_id = 2 AND into_unit = 1),
                        EXISTS(SELECT 1 FROM pragma_table_info('merged_units') WHERE name = 'seq')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((version, records, seq), (17, 1, false));
    }

    /// A TM written by every earlier schema version upgrades to the latest
    /// with its data intact.
    #[test]
    fn every_older_version_upgrades_keeping_its_data() {
        for from in 1..LATEST {
            let mut conn = tm_at(from as usize);
            conn.execute_batch(
                "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now');
                 INSERT INTO units (id, document_id, created_at, updated_at) VALUES (1, 1, 'now', 'now');
                 INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at)
                     VALUES (1, 'sq', 'Prishtinë', 'Prishtinë', 'now', 'now');",
            )
            .unwrap();
            migrate(&mut conn, 1).unwrap();
            let version: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(version, LATEST);
            let text: String = conn
                .query_row("SELECT text FROM variants WHERE unit_id = 1", [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(text, "Prishtinë", "upgrade from {from}");
            // The indexes cover rows written before them, folded.
            let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
            assert_eq!(
                count(
                    "SELECT count(*) FROM variants_search WHERE variants_search MATCH 'prishtine'"
                ),
                1,
                "upgrade from {from}"
            );
            assert_eq!(
                count("SELECT count(*) FROM lookup_terms"),
                1,
                "upgrade from {from}"
            );
            assert_eq!(
                count("SELECT count(*) FROM lookup_pending"),
                0,
                "upgrade from {from}"
            );
        }
    }

    /// A bead stored at schema 12 has no record of its unsupported
    /// sentences after the upgrade (NULL, not `[]`); a TM whose version
    /// was set back, column and all, upgrades too.
    #[test]
    fn beads_stored_before_schema_15_record_no_unsupported_sentences() {
        let mut conn = tm_at(12);
        conn.execute_batch(
            "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now');
             INSERT INTO alignments (document_id, src_lang, tgt_lang, bead, src_first, src_end,
                                     tgt_first, tgt_end, confidence, unit_id, created_at)
                 VALUES (1, 'en', 'sq', 0, 0, 1, 0, 2, 0.9, NULL, 'now');",
        )
        .unwrap();
        migrate(&mut conn, 1).unwrap();
        let recorded: Option<String> = conn
            .query_row("SELECT unsupported FROM alignments", [], |r| r.get(0))
            .unwrap();
        assert_eq!(recorded, None);
        conn.execute("PRAGMA user_version = 12", []).unwrap();
        migrate(&mut conn, 1).unwrap();
    }

    /// Tags stored before `canonical` mapped them are rewritten, a unit
    /// with the language under both tags keeps the canonical text and the
    /// other as a revision, and lookup finds the renamed texts under the
    /// new tags.
    #[test]
    fn stored_tags_become_canonical() {
        let mut conn = tm_at(11);
        conn.execute_batch(
            "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now'), (2, 'twice', 'now');
             INSERT INTO texts (document_id, lang, path, sha256, sentences, created_at)
                 VALUES (1, 'en', 'en.txt', '', 1, 'now'), (1, 'sr-SP-Latn', 'sr.txt', '', 1, 'now'),
                        (2, 'sr-SP-Latn', 'a.txt', '', 1, 'now'), (2, 'sr-Latn', 'b.txt', '', 1, 'now');
             INSERT INTO units (id, document_id, created_at, updated_at)
                 VALUES (1, 1, 'now', 'now'), (2, NULL, 'now', 'now'), (3, NULL, 'now', 'now'), (4, 2, 'now', 'now');
             INSERT INTO alignments (document_id, src_lang, tgt_lang, bead, src_first, src_end,
                                     tgt_first, tgt_end, confidence, unit_id, created_at)
                 VALUES (1, 'en', 'sr-SP-Latn', 0, 0, 1, 0, 1, 1.0, 1, 'now');
             INSERT INTO merged_units (unit_id, into_unit, document, src_lang, tgt_lang, merged_at, merged_by)
                 VALUES (9, 1, 'd', 'en', 'sr-SP-Latn', 'now', 'tm align');
             INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at) VALUES
                 (1, 'en', 'The wind blows.', 'The wind blows.', 'now', 'now'),
                 (1, 'sr-SP-Latn', 'Vetar duva.', 'Vetar duva.', 'now', 'now'),
                 (2, 'en', 'Good morning.', 'Good morning.', 'now', 'now'),
                 (2, 'dan', 'God morgen.', 'God morgen.', 'now', 'now'),
                 (3, 'en', 'Thank you.', 'Thank you.', 'now', 'now'),
                 (3, 'sr-SP-Latn', 'Hvala vam.', 'Hvala vam.', 'then', 'then'),
                 (3, 'sr-Latn', 'Hvala.', 'Hvala.', 'now', 'now'),
                 (4, 'sr-SP-Latn', 'Dobro.', 'Dobro.', 'now', 'now');
             INSERT INTO revisions (unit_id, lang, text, created_at, replaced_at, replaced_by)
                 VALUES (1, 'sr-SP-Latn', 'Vjetar duva.', 'then', 'now', 'tm align');",
        )
        .unwrap();
        super::super::lookup::index_pending(&conn).unwrap();
        conn.execute("PRAGMA user_version = 11", []).unwrap();
        migrate(&mut conn, 1).unwrap();

        let rows = |sql: &str| -> Vec<String> {
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(
            rows(
                "SELECT unit_id || ' ' || lang || ' ' || text FROM variants ORDER BY unit_id, lang"
            ),
            [
                "1 en The wind blows.",
                "1 sr-Latn Vetar duva.",
                "2 da God morgen.",
                "2 en Good morning.",
                "3 en Thank you.",
                "3 sr-Latn Hvala.",
                // A document with texts under both tags keeps them.
                "4 sr-SP-Latn Dobro.",
            ]
        );
        assert_eq!(
            rows("SELECT unit_id || ' ' || lang || ' ' || text || ' ' || created_at || ' ' || replaced_by
                  FROM revisions ORDER BY id"),
            [
                "1 sr-Latn Vjetar duva. then tm align",
                "3 sr-Latn Hvala vam. then tm upgrade (sr-SP-Latn is sr-Latn)",
            ]
        );
        assert_eq!(
            rows("SELECT document_id || ' ' || lang FROM texts ORDER BY document_id, lang"),
            ["1 en", "1 sr-Latn", "2 sr-Latn", "2 sr-SP-Latn"]
        );
        assert_eq!(
            rows("SELECT src_lang || ' ' || tgt_lang FROM alignments"),
            ["en sr-Latn"]
        );
        assert_eq!(
            rows("SELECT src_lang || ' ' || tgt_lang FROM merged_units"),
            ["en sr-Latn"]
        );
        // The lookup keys are under the new tags, none under the old.
        assert_eq!(
            rows("SELECT DISTINCT lang FROM lookup_terms ORDER BY lang"),
            ["da", "en", "sr-Latn", "sr-SP-Latn"]
        );
        assert_eq!(
            rows("SELECT v.lang || ' ' || v.text FROM lookup_terms t JOIN variants v ON v.id = t.variant_id
                  WHERE t.lang <> v.lang"),
            Vec::<String>::new()
        );
        assert_eq!(
            rows("SELECT variant_id FROM lookup_pending"),
            Vec::<String>::new()
        );
    }

    /// A tag an older tm stored with a mark after it (`sr-Latn-fixed`,
    /// from a file `sr-Latn-fixed.txt`) becomes the tag before the mark; a
    /// tag that meets that tag in a document or unit (texts under both `sq`
    /// and `sq-final`) keeps its mark as a private use subtag throughout
    /// the TM (`sq-x-final`), so that both versions stay.
    #[test]
    fn stored_tags_lose_the_marks_after_them() {
        let mut conn = tm_at(15);
        conn.execute_batch(
            "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now'), (2, 'both', 'now');
             INSERT INTO texts (document_id, lang, path, sha256, sentences, created_at)
                 VALUES (1, 'en', 'en.txt', '', 1, 'now'), (1, 'sq-final', 'sq-final.txt', '', 1, 'now'),
                        (1, 'sr-Latn-fixed', 'sr-Latn-fixed.txt', '', 1, 'now'),
                        (2, 'sq', 'sq.txt', '', 1, 'now'), (2, 'sq-final', 'sq-final.txt', '', 1, 'now');
             INSERT INTO units (id, document_id, created_at, updated_at)
                 VALUES (1, 1, 'now', 'now'), (2, 2, 'now', 'now');
             INSERT INTO alignments (document_id, src_lang, tgt_lang, bead, src_first, src_end,
                                     tgt_first, tgt_end, confidence, unit_id, created_at)
                 VALUES (1, 'en', 'sq-final', 0, 0, 1, 0, 1, 1.0, 1, 'now');
             INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at) VALUES
                 (1, 'en', 'The wind blows.', 'The wind blows.', 'now', 'now'),
                 (1, 'sq-final', 'Fryn era.', 'Fryn era.', 'now', 'now'),
                 (1, 'sr-Latn-fixed', 'Vetar duva.', 'Vetar duva.', 'now', 'now'),
                 (2, 'sq', 'Mirë.', 'Mirë.', 'now', 'now'),
                 (2, 'sq-final', 'Shumë mirë.', 'Shumë mirë.', 'now', 'now');",
        )
        .unwrap();
        migrate(&mut conn, 1).unwrap();
        let rows = |sql: &str| -> Vec<String> {
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(
            rows("SELECT unit_id || ' ' || lang FROM variants ORDER BY unit_id, lang"),
            ["1 en", "1 sq-x-final", "1 sr-Latn", "2 sq", "2 sq-x-final"]
        );
        assert_eq!(
            rows("SELECT document_id || ' ' || lang FROM texts ORDER BY document_id, lang"),
            ["1 en", "1 sq-x-final", "1 sr-Latn", "2 sq", "2 sq-x-final"]
        );
        assert_eq!(
            rows("SELECT src_lang || ' ' || tgt_lang FROM alignments"),
            ["en sq-x-final"]
        );
    }

    /// The texts whose lookup keys a TM at schema `from`, holding `texts`,
    /// has after the upgrade when its keys went stale before it.
    fn indexed_after_upgrade(from: usize, texts: &[&str]) -> Vec<String> {
        let mut conn = tm_at(from);
        for (i, text) in texts.iter().enumerate() {
            conn.execute(
                "INSERT INTO units (id, created_at, updated_at) VALUES (?1, 'now', 'now')",
                [i as i64 + 1],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at)
                 VALUES (?1, 'en', ?2, ?2, 'now', 'now')",
                params![i as i64 + 1, text],
            )
            .unwrap();
        }
        // As an older tm left them: indexed, then keys gone stale (here: gone).
        crate::store::lookup::index_pending(&conn).unwrap();
        conn.execute("DELETE FROM lookup_terms", []).unwrap();
        migrate(&mut conn, 1).unwrap();
        conn.prepare("SELECT v.text FROM lookup_terms t JOIN variants v ON v.id = t.variant_id ORDER BY v.id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// Texts that may hold a placeholder (`{`, `%`, `$`, `&`) get their
    /// lookup keys anew, placeholders as tags; the others keep theirs.
    #[test]
    fn texts_with_placeholders_are_indexed_again() {
        let texts = [
            "Delete %s now.",
            "Hello {{name}}.",
            "Open $HOME.",
            "Tom &amp; Jerry.",
            "Page {1} of 50%.",
            "Nothing to do.",
        ];
        let indexed = indexed_after_upgrade(12, &texts);
        assert_eq!(indexed, texts[..5]);
    }

    /// Texts with a `<` get their lookup keys anew, tags read as qa reads
    /// them (`<a,b>` is no tag, `<a href="x>y">` one); the others keep theirs.
    #[test]
    fn texts_with_a_less_than_sign_are_indexed_again() {
        let texts = [
            "Click <b>Save</b>.",
            "The pair <a,b>.",
            r#"See <a href="x>y">this</a>."#,
            "Nothing to do.",
        ];
        let indexed = indexed_after_upgrade(16, &texts);
        assert_eq!(indexed, texts[..3]);
    }
}
