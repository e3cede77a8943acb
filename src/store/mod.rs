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
//! - A revision keeps a text stored before the current transaction; what the
//!   transaction itself wrote ([`run`]) changes without one.

mod align;
pub mod glossary;
mod interchange;
mod lookup;
mod migrations;
mod qa;
mod query;
mod revisions;
mod run;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

/// How long a write waits, by default, for another process that is writing
/// the TM: long enough for a large import (1M units take about a minute).
pub const DEFAULT_WAIT: Duration = Duration::from_secs(600);

/// How long to wait before telling that we wait: short waits stay silent.
/// The glossary's lock ([`crate::filelock`]) waits the same way.
pub(crate) const WAIT_NOTICE_AFTER: Duration = Duration::from_secs(1);

/// Sleep before retry number `tries` of a wait that has lasted `waited` of
/// `limit`: as SQLite's own busy handler, short sleeps first, then 50 ms.
/// The TM's busy handler and the glossary's lock both pace their retries so.
pub(crate) fn pause_before_retry(tries: usize, waited: Duration, limit: Duration) {
    let ms = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50][tries.min(9)];
    std::thread::sleep(Duration::from_millis(ms).min(limit.saturating_sub(waited)));
}

/// The process's waiting policy: how long, and whom to tell.
struct Waiting {
    limit: Duration,
    notice: Box<dyn Fn(Duration) + Send + Sync>,
}

static WAITING: OnceLock<Waiting> = OnceLock::new();

/// Set, once per process, how long a write waits for another process that
/// is writing the TM, and what to call (with that limit) once a wait has
/// lasted a second. Without it: [`DEFAULT_WAIT`], silently.
pub fn set_waiting(limit: Duration, notice: impl Fn(Duration) + Send + Sync + 'static) {
    let _ = WAITING.set(Waiting {
        limit,
        notice: Box::new(notice),
    });
}

fn wait_limit() -> Duration {
    WAITING.get().map_or(DEFAULT_WAIT, |w| w.limit)
}

thread_local! {
    /// When the current wait began, and whether it was told.
    static WAIT_START: Cell<(Option<Instant>, bool)> = const { Cell::new((None, false)) };
}

/// SQLite's busy handler: sleep and retry until the wait limit, telling
/// once per wait (after a second) that we wait.
fn on_busy(count: i32) -> bool {
    let now = Instant::now();
    let (start, told) = WAIT_START.get();
    let (start, mut told) = match start {
        Some(s) if count > 0 => (s, told),
        _ => (now, false),
    };
    let waited = now - start;
    let limit = wait_limit();
    if waited >= limit {
        WAIT_START.set((None, false));
        return false;
    }
    if !told && waited >= WAIT_NOTICE_AFTER {
        told = true;
        if let Some(w) = WAITING.get() {
            (w.notice)(limit);
        }
    }
    WAIT_START.set((Some(start), told));
    pause_before_retry(usize::try_from(count).unwrap_or(0), waited, limit);
    true
}

/// The error of a write that waited for another writer until the limit.
fn busy_error(path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "another process is writing {}; waited {} s (wait longer with --wait SECONDS)",
        path.display(),
        wait_limit().as_secs()
    )
}

fn is_code(e: &anyhow::Error, code: ErrorCode) -> bool {
    e.chain().any(|c| {
        matches!(c.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _)) if f.code == code)
    })
}

pub use align::{
    AlignedText, Replace, SourceReplaced, StoredPair, replace_source, store_alignment,
};
pub use interchange::{
    ExportFilter, ImportOptions, ImportReport, OnConflict, Origin, import_units,
};
pub(crate) use lookup::index_pending;
pub use lookup::{ConcordanceHit, Preceding, languages_held};
pub use qa::{MissingLanguage, PairFilter, PairRow, PairStats};
pub use query::{DocumentStats, ExportUnit, Stats, StoredAlignment};
pub use revisions::{Merge, Revision, StoredText, UnitHistory};

/// `PRAGMA application_id` of a tm translation memory ("TM01").
const APPLICATION_ID: i64 = 0x544D_3031;

/// An open translation memory.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Some when opening it created the TM file: with the folders made for
    /// it (outermost first), so that a failed run can remove them again.
    created: Option<Vec<PathBuf>>,
    /// Opened read-only (the file or its folder is not writable): it can be
    /// read, and every write is refused.
    read_only: bool,
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
        // Registered before SQLite makes the file: an interrupt from here on
        // (until the first commit) removes what this run created.
        if new {
            crate::interrupt::remove_on_interrupt(&tm_files(path), &made);
        }
        let result = Store::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
        .and_then(|store| {
            if store.read_only {
                Err(read_only_error(path))
            } else {
                Ok(store)
            }
        });
        let mut store = match result {
            Ok(store) => store,
            Err(e) => {
                if new {
                    remove_tm_files(path);
                }
                for dir in made.iter().rev() {
                    let _ = std::fs::remove_dir(dir);
                }
                crate::interrupt::forget(&tm_files(path), &made);
                return Err(classify(path, e));
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
            ..
        } = self;
        drop(conn);
        let Some(made) = created else { return };
        remove_tm_files(&path);
        for dir in made.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        crate::interrupt::forget(&tm_files(&path), &made);
    }

    /// Open an existing TM; it is an error if there is none at `path`.
    /// Where the file or its folder is not writable (a read-only checkout),
    /// the TM is opened read-only: it can be read, and writes are refused.
    /// Opening never creates or converts a TM.
    pub fn open_existing(path: &Path) -> anyhow::Result<Store> {
        if !path.exists() {
            bail!(
                "there is no translation memory at {} (create one with `tm align`, or point --db / TM_DB at one)",
                path.display()
            );
        }
        match Store::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE) {
            Err(e)
                if e.is::<ReadOnly>()
                    || is_code(&e, ErrorCode::ReadOnly)
                    || is_code(&e, ErrorCode::CannotOpen) =>
            {
                Store::open_with(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            }
            result => result,
        }
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
        let read_only = conn.is_readonly(rusqlite::MAIN_DB)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            created: None,
            read_only,
        };
        let create = flags.contains(OpenFlags::SQLITE_OPEN_CREATE);
        match store.header(create) {
            // SQLite reads a WAL-mode TM only where it can open or make
            // its -shm file; in a read-only folder it cannot. With no -wal
            // (nothing written after the last checkpoint) the file alone is
            // the whole TM, and `immutable` reads it without the -shm.
            Err(e) if read_only && is_code(&e, ErrorCode::ReadOnly) && !has_wal_content(path) => {
                store.conn = Connection::open_with_flags(
                    immutable_uri(path),
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_URI
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .with_context(|| {
                    format!("cannot open the translation memory {}", path.display())
                })?;
                store.header(create)?;
            }
            Err(e) if is_code(&e, ErrorCode::ReadOnly) && read_only => {
                return Err(e).with_context(|| {
                    format!(
                        "cannot read {}: its -wal file holds changes, and the folder is read-only \
                         (tm cannot make the -shm file SQLite needs to read them)",
                        path.display()
                    )
                });
            }
            Err(e) => return Err(e),
            Ok(()) => {}
        }
        store.init()?;
        Ok(store)
    }

    /// Check that the file is a tm TM (or, with `create`, an empty SQLite
    /// file to make one in).
    fn header(&mut self, create: bool) -> anyhow::Result<()> {
        self.conn.busy_handler(Some(on_busy))?;
        let usable = || {
            format!(
                "{} is not a usable tm translation memory",
                self.path.display()
            )
        };
        // Reading the header fails here if the file is not SQLite at all. One
        // statement, so one snapshot: another process may be creating the TM
        // (application_id and user_version change in one commit).
        let query = |conn: &Connection| {
            conn.query_row(
                "SELECT (SELECT application_id FROM pragma_application_id),
                        (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM sqlite_master WHERE type = 'table')",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                },
            )
        };
        let mut header = query(&self.conn);
        if !create && !self.read_only {
            // Empty: perhaps another process is creating the TM. Its schema
            // is there once it lets go of the write lock, which it takes
            // within moments of making the file.
            let deadline = Instant::now() + Duration::from_millis(200);
            while matches!(header, Ok((0, 0, 0))) && Instant::now() < deadline {
                header = self.conn.execute_batch("BEGIN IMMEDIATE").and_then(|()| {
                    let h = query(&self.conn);
                    self.conn.execute_batch("ROLLBACK")?;
                    h
                });
                if matches!(header, Ok((0, 0, 0))) {
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        }
        let (app_id, version, tables) = match header {
            Ok(header) => header,
            Err(e) => {
                let e = anyhow::Error::from(e);
                let why = if is_code(&e, ErrorCode::NotADatabase) {
                    "the file is not an SQLite database"
                } else if is_code(&e, ErrorCode::DatabaseCorrupt) {
                    "the file is corrupted"
                } else if is_code(&e, ErrorCode::DatabaseBusy) {
                    return Err(busy_error(&self.path));
                } else {
                    return Err(e);
                };
                return Err(e.context(why).context(usable()));
            }
        };
        if app_id != APPLICATION_ID && (app_id != 0 || version != 0 || tables != 0) {
            bail!(
                "{}: it is an SQLite database, but not one that tm made (application_id {app_id:#x})",
                usable()
            );
        }
        if app_id != APPLICATION_ID && !create {
            let empty = std::fs::metadata(&self.path).is_ok_and(|m| m.len() == 0);
            bail!(
                "{} is not a tm translation memory ({})",
                self.path.display(),
                if empty {
                    "empty file"
                } else {
                    "an empty SQLite database"
                }
            );
        }
        Ok(())
    }

    fn init(&mut self) -> anyhow::Result<()> {
        let usable = || {
            format!(
                "{} is not a usable tm translation memory",
                self.path.display()
            )
        };
        if !self.read_only {
            self.use_wal().map_err(|e| classify(&self.path, e))?;
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        if self.read_only {
            // Read as it is: upgrading needs write access.
            let version: i64 = self
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version > migrations::LATEST {
                bail!(
                    "{}: its schema version is {version}, newer than this tm knows ({}): upgrade tm",
                    usable(),
                    migrations::LATEST
                );
            }
            if version < migrations::READABLE_FROM {
                bail!(
                    "{}: its schema (version {version}) must be upgraded to this tm's ({}), \
                     which needs write access: read-only (permission denied)",
                    usable(),
                    migrations::LATEST
                );
            }
            return Ok(());
        }
        migrations::migrate(&mut self.conn, APPLICATION_ID).map_err(|e| {
            if is_code(&e, ErrorCode::DatabaseBusy) || is_code(&e, ErrorCode::ReadOnly) {
                classify(&self.path, e)
            } else {
                e.context(usable())
            }
        })
    }

    /// Put the TM in WAL mode (once per file: the mode is stored in it).
    /// Switching needs the file to itself, and SQLite answers "busy" at
    /// once instead of waiting, so while another process holds it (creating
    /// the TM, say) this retries for as long as the wait limit.
    fn use_wal(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + wait_limit();
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
                    if e.code == ErrorCode::DatabaseBusy && Instant::now() < deadline =>
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
    /// Ok, rolled back otherwise. The transaction is one run: what it writes
    /// is tracked ([`run`]), so that it keeps revisions only of texts stored
    /// before it.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        if self.read_only {
            return Err(read_only_error(&self.path));
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(&path, e.into()))?;
        run::begin(&tx)?;
        let value = f(&tx)?;
        tx.commit()
            .context("cannot commit to the translation memory")?;
        if let Some(made) = &self.created {
            // Committed: the TM holds what the run wrote, and stays.
            crate::interrupt::forget(&tm_files(&self.path), made);
        }
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// A TM file and SQLite's files beside it.
fn tm_files(path: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut p = path.as_os_str().to_os_string();
            p.push(suffix);
            PathBuf::from(p)
        })
        .collect()
}

/// Remove a TM file and SQLite's files beside it.
fn remove_tm_files(path: &Path) {
    for p in tm_files(path) {
        let _ = std::fs::remove_file(p);
    }
}

/// A write that failed because another process writes the TM, or
/// because the TM is read-only, says so.
fn classify(path: &Path, e: anyhow::Error) -> anyhow::Error {
    if is_code(&e, ErrorCode::DatabaseBusy) {
        busy_error(path)
    } else if is_code(&e, ErrorCode::ReadOnly) {
        read_only_error(path)
    } else {
        e
    }
}

/// A write refused because the TM (or its folder) is not writable.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: read-only (permission denied)", .0.display())]
struct ReadOnly(PathBuf);

fn read_only_error(path: &Path) -> anyhow::Error {
    ReadOnly(path.to_path_buf()).into()
}

/// Whether the TM's -wal file holds frames (changes not yet copied into
/// the TM file).
fn has_wal_content(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// `file:` URI of `path` opened immutable (no locks, no -shm).
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// The current time as an RFC 3339 UTC string (SQLite's clock, so no extra crate).
pub(crate) fn now(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| {
        r.get(0)
    })
}
