//! Append-only schema migrations keyed on `PRAGMA user_version`.
//! Never edit or remove an entry: add a new one.
//!
//! A migration that changes how texts are indexed queues every variant
//! (`lookup_pending`); [`migrate`] then rebuilds the lookup and search rows
//! in the same transaction (tokenizing and folding need Rust), so an
//! upgraded TM is whole when the upgrade commits.

use anyhow::{Context, bail};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

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
];

/// The schema version this build of tm writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The oldest schema this build reads without upgrading it, as it must a
/// read-only TM: the migrations after it only add tables that the readers
/// take as empty when they are missing (10: `merged_units`), or index
/// anew what the old index holds in a form lookup still reads (11: the
/// keys of texts with inline codes, which an old index has without their
/// tags).
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

fn migrate_in(conn: &mut Connection, application_id: i64) -> anyhow::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Another process may have upgraded it meanwhile.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)
            .with_context(|| format!("schema migration {} failed", i + 1))?;
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

/// A TM at schema `version` (the first `version` migrations), for tests
/// of upgrades.
#[cfg(test)]
pub(crate) fn create_at_version(conn: &mut Connection, version: usize, application_id: i64) {
    let tx = conn.transaction().unwrap();
    for sql in &MIGRATIONS[..version] {
        tx.execute_batch(sql).unwrap();
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

    /// After the upgrade a deleted unit's id is never given to a new unit,
    /// and its revisions stay.
    #[test]
    fn unit_ids_are_never_reused_and_revisions_outlive_their_unit() {
        let mut conn = Connection::open_in_memory().unwrap();
        create_at_version(&mut conn, 8, 1);
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
        let mut conn = Connection::open_in_memory().unwrap();
        create_at_version(&mut conn, 9, 1);
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

    /// A TM written by every earlier schema version upgrades to the latest
    /// with its data intact.
    #[test]
    fn every_older_version_upgrades_keeping_its_data() {
        for from in 1..LATEST {
            let mut conn = Connection::open_in_memory().unwrap();
            let tx = conn.transaction().unwrap();
            for sql in &MIGRATIONS[..from as usize] {
                tx.execute_batch(sql).unwrap();
            }
            tx.pragma_update(None, "user_version", from).unwrap();
            tx.execute_batch(
                "INSERT INTO documents (id, name, created_at) VALUES (1, 'd', 'now');
                 INSERT INTO units (id, document_id, created_at, updated_at) VALUES (1, 1, 'now', 'now');
                 INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at)
                     VALUES (1, 'sq', 'Prishtinë', 'Prishtinë', 'now', 'now');",
            )
            .unwrap();
            tx.commit().unwrap();
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
}
