//! What the current write transaction (one run of a command) wrote: the
//! units it created and the variants whose text it wrote.
//!
//! A revision keeps a text that was stored before this run. A text that
//! this run wrote and changes again was never stored: `tm align en sq
//! sr-Latn` into a new TM makes units from the sq pair, and the sr-Latn pair
//! may join two of them (it merges two source sentences that sq kept
//! apart); that merge keeps no revisions and leaves no merge record.
//!
//! The sets live in TEMP tables: per connection, invisible to other
//! processes, rolled back with the transaction, and emptied when
//! [`super::Store::write`] begins one. Writers mark what they write
//! ([`wrote_variant`], [`created_unit`]); a write that is not marked only
//! makes an extra revision, never loses one.

use rusqlite::{Transaction, params};

/// Make the sets (once per connection) and empty them: called at the start
/// of every write transaction.
pub(super) fn begin(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS run_units (id INTEGER PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS run_variants (id INTEGER PRIMARY KEY);
         DELETE FROM temp.run_units;
         DELETE FROM temp.run_variants;",
    )
}

/// Mark unit `id` as created by this run.
pub(super) fn created_unit(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO temp.run_units (id) VALUES (?1)")?
        .execute([id])?;
    Ok(())
}

/// Whether this run created unit `id`.
pub(super) fn is_new_unit(tx: &Transaction, id: i64) -> rusqlite::Result<bool> {
    tx.prepare_cached("SELECT EXISTS(SELECT 1 FROM temp.run_units WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))
}

/// Mark the `lang` text of `unit` as written by this run.
pub(super) fn wrote_variant(tx: &Transaction, unit: i64, lang: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO temp.run_variants (id)
         SELECT id FROM variants WHERE unit_id = ?1 AND lang = ?2",
    )?
    .execute(params![unit, lang])?;
    Ok(())
}
