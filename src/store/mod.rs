//! The SQLite translation memory. This is the only module that speaks SQL.
//!
//! Invariants:
//! - The schema changes only through [`migrations`] (append-only, keyed on
//!   `PRAGMA user_version`, run in one exclusive transaction).
//! - Every command that writes does it in one transaction ([`Store::write`]):
//!   an error half-way leaves the TM exactly as it was.
//! - Text is stored as written; `text_nfc` holds the NFC form used for matching.
//! - WAL journal and a busy timeout let two `tm` processes write one TM.
//! - Triggers keep the lookup index and the concordance in step with
//!   `variants` in the writer's transaction ([`lookup`] states the invariant).

mod align;
pub mod glossary;
mod interchange;
mod lookup;
mod migrations;
mod qa;
mod query;
mod revisions;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

/// How long a command waits for another process that holds the TM.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub use align::{
    AlignedText, Replace, SourceReplaced, StoredPair, replace_source, store_alignment,
};
pub use interchange::{
    ExportFilter, ImportOptions, ImportReport, OnConflict, Origin, import_units,
};
pub use lookup::ConcordanceHit;
pub(crate) use lookup::index_pending;
pub use qa::{PairFilter, PairRow};
pub use query::{DocumentStats, ExportUnit, Stats, StoredAlignment};
pub use revisions::{Revision, StoredText};

/// `PRAGMA application_id` of a tm translation memory ("TM01").
const APPLICATION_ID: i64 = 0x544D_3031;

/// An open translation memory.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Some when opening it created the TM file: with the folders made for
    /// it (outermost first), so that a failed run can remove them again.
    created: Option<Vec<PathBuf>>,
}

impl Store {
    /// Open the TM at `path`, creating it (and its folder) if it does not exist,
    /// and bring its schema up to date.
    pub fn open_or_create(path: &Path) -> anyhow::Result<Store> {
        Store::open_or_create_in(path, true)
    }

    /// As [`Store::open_or_create`]; the folder of a new TM is made only
    /// with `make_folder`, else it must exist. A run that fails after this
    /// calls [`Store::discard_if_new`].
    pub fn open_or_create_in(path: &Path, make_folder: bool) -> anyhow::Result<Store> {
        let mut made = Vec::new();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                if !make_folder {
                    bail!(
                        "the folder {} does not exist (create it first, or point --db / TM_DB at another TM)",
                        dir.display()
                    );
                }
                let mut missing = dir;
                loop {
                    made.push(missing.to_path_buf());
                    match missing.parent() {
                        Some(p) if !p.as_os_str().is_empty() && !p.exists() => missing = p,
                        _ => break,
                    }
                }
                made.reverse();
                std::fs::create_dir_all(dir).with_context(|| {
                    format!("cannot create the folder {} for the TM", dir.display())
                })?;
            }
        }
        let new = !path.exists();
        let mut store = match Store::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        ) {
            Ok(store) => store,
            Err(e) => {
                if new {
                    remove_tm_files(path);
                }
                for dir in made.iter().rev() {
                    let _ = std::fs::remove_dir(dir);
                }
                return Err(e);
            }
        };
        if new {
            store.created = Some(made);
        }
        Ok(store)
    }

    /// Close the TM; if opening it created it, remove it again (with its
    /// WAL files and the folders made for it): a run that fails leaves no
    /// new TM behind.
    pub fn discard_if_new(self) {
        let Store {
            conn,
            path,
            created,
        } = self;
        drop(conn);
        let Some(made) = created else { return };
        remove_tm_files(&path);
        for dir in made.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }

    /// Open an existing TM; it is an error if there is none at `path`.
    pub fn open_existing(path: &Path) -> anyhow::Result<Store> {
        if !path.exists() {
            bail!(
                "there is no translation memory at {} (create one with `tm align`, or point --db / TM_DB at one)",
                path.display()
            );
        }
        Store::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> anyhow::Result<Store> {
        if path.is_dir() {
            bail!(
                "{} is a directory, not a translation memory",
                path.display()
            );
        }
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .with_context(|| format!("cannot open the translation memory {}", path.display()))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            created: None,
        };
        store
            .init()
            .with_context(|| format!("{} is not a usable tm translation memory", path.display()))?;
        Ok(store)
    }

    fn init(&mut self) -> anyhow::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the header fails here if the file is not SQLite at all. One
        // statement, so one snapshot: another process may be creating the TM
        // (application_id and user_version change in one commit).
        let (app_id, version, tables): (i64, i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT application_id FROM pragma_application_id),
                        (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM sqlite_master WHERE type = 'table')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .context("the file is not an SQLite database")?;
        if app_id != APPLICATION_ID && (app_id != 0 || version != 0 || tables != 0) {
            bail!(
                "it is an SQLite database, but not one that tm made (application_id {app_id:#x})"
            );
        }
        self.use_wal()?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::migrate(&mut self.conn, APPLICATION_ID)
    }

    /// Put the TM in WAL mode (once per file: the mode is stored in it).
    /// Switching needs the file to itself, and SQLite answers "busy" at
    /// once instead of waiting, so while another process holds it (creating
    /// the TM, say) this retries for as long as the busy timeout.
    fn use_wal(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + BUSY_TIMEOUT;
        loop {
            let mode = self
                .conn
                .query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
                .and_then(|mode| {
                    if mode.eq_ignore_ascii_case("wal") {
                        Ok(mode)
                    } else {
                        self.conn
                            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                    }
                });
            match mode {
                Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
                // Some file systems refuse WAL; the busy timeout still
                // serialises writers.
                Ok(_) => {
                    self.conn.pragma_update(None, "journal_mode", "DELETE")?;
                    return Ok(());
                }
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Run `f` in one immediate (write) transaction: committed if `f` returns
    /// Ok, rolled back otherwise.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()
            .context("cannot commit to the translation memory")?;
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Remove a TM file and SQLite's files beside it.
fn remove_tm_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// The current time as an RFC 3339 UTC string (SQLite's clock, so no extra crate).
pub(crate) fn now(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| {
        r.get(0)
    })
}
