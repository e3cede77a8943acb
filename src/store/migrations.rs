//! Append-only schema migrations keyed on `PRAGMA user_version`.
//! Never edit or remove an entry: add a new one.

use anyhow::{Context, bail};
use rusqlite::{Connection, TransactionBehavior};

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
];

/// The schema version this build of tm writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, application_id: i64) -> anyhow::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > LATEST {
        bail!("its schema version is {version}, newer than this tm knows ({LATEST}): upgrade tm");
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)
            .with_context(|| format!("schema migration {} failed", i + 1))?;
    }
    if version < LATEST {
        tx.pragma_update(None, "user_version", LATEST)?;
        tx.pragma_update(None, "application_id", application_id)?;
    }
    tx.commit()?;
    Ok(())
}
