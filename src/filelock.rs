//! An exclusive lock on a file that is edited by reading it whole and
//! writing it anew (the glossary): two edits at once would each write the
//! file as they read it, and the last would win. An edit takes the lock,
//! reads, writes and lets go, so the second reads what the first wrote.
//!
//! The lock lives in a lock file beside the edited one, `.NAME.lock` (the
//! edited file is replaced by a rename, so it cannot hold a lock itself).
//! On Unix it is the system's advisory lock (`flock`) on that file, which
//! the system lets go of when the process ends, however it ends, so a lock
//! is never stale; and the lock file is removed when the edit is done: it
//! is there only while an edit runs, and a folder under git stays clean. (A
//! waiter that then gets the lock of the removed file sees that it is no
//! longer the file at that path, and locks the new one.) Elsewhere the lock
//! is the lock file itself, made only if it is not there and removed when
//! the edit is done; one a crashed edit left must be removed by hand (the
//! error says so).

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;

/// A held lock; dropping it removes the lock file and lets go.
#[derive(Debug)]
pub struct FileLock {
    /// Open while the lock is held: closing it lets go (on Unix).
    _file: File,
    path: PathBuf,
}

/// The lock file of `path`: `.NAME.lock` beside the file that writing to
/// `path` changes (through a symlink, beside the file it points to, so two
/// links to one file share its lock).
pub fn lock_path(path: &Path) -> PathBuf {
    let target = crate::outfile::target(path);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.lock"))
}

impl FileLock {
    /// Lock `path` for an edit, waiting up to `limit` for another process
    /// that holds it; `notice` is called once if the wait lasts a second.
    /// The folder is made when missing (as the edit would make it).
    pub fn acquire(path: &Path, limit: Duration, notice: &dyn Fn()) -> anyhow::Result<FileLock> {
        let lock = lock_path(path);
        let dir = lock.parent().filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir.filter(|d| !d.exists()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        }
        let start = Instant::now();
        let mut told = false;
        let mut tries = 0usize;
        loop {
            let held = try_lock(&lock).with_context(|| {
                format!(
                    "cannot lock {} for the edit ({})",
                    path.display(),
                    lock.display()
                )
            })?;
            if let Some(file) = held {
                // an interrupted edit removes it as a finished one does
                crate::interrupt::remove_file_on_interrupt(&lock);
                return Ok(FileLock {
                    _file: file,
                    path: lock,
                });
            }
            let waited = start.elapsed();
            if waited >= limit {
                anyhow::bail!(
                    "another tm process is editing {} (it holds {}): gave up after {} s; try again, or wait longer with --wait SECONDS{}",
                    path.display(),
                    lock.display(),
                    limit.as_secs(),
                    STALE_HINT
                );
            }
            if !told && waited >= crate::store::WAIT_NOTICE_AFTER {
                told = true;
                notice();
            }
            crate::store::pause_before_retry(tries, waited, limit);
            tries += 1;
        }
    }
}

/// The lock file `lock`, open and locked; None while another holds it.
#[cfg(unix)]
fn try_lock(lock: &Path) -> std::io::Result<Option<File>> {
    use rustix::fs::{FlockOperation, flock};
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock)?;
    match flock(&file, FlockOperation::NonBlockingLockExclusive) {
        // the lock of a file its holder removed: the next try locks the new one
        Ok(()) if !still_there(&file, lock) => Ok(None),
        Ok(()) => Ok(Some(file)),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK || e == rustix::io::Errno::INTR => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[cfg(unix)]
const STALE_HINT: &str = "";

/// True when `file` is still the file at `path` (its holder did not remove
/// it before letting go).
#[cfg(unix)]
fn still_there(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The lock file `lock`, made now; None while another has made it.
#[cfg(not(unix))]
fn try_lock(lock: &Path) -> std::io::Result<Option<File>> {
    match OpenOptions::new().write(true).create_new(true).open(lock) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
const STALE_HINT: &str =
    " (if no tm process is running, an edit that crashed left the lock file: remove it)";

impl Drop for FileLock {
    fn drop(&mut self) {
        // Removed while still held (the file closes after this), so no one
        // locks it in between; a waiter holding it open sees it is gone.
        let _ = std::fs::remove_file(&self.path);
        crate::interrupt::forget_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_file_is_beside_the_file_and_gone_after() {
        let dir = tempfile::tempdir().unwrap();
        let g = dir.path().join("g.toml");
        assert_eq!(lock_path(&g), dir.path().join(".g.toml.lock"));
        let held = FileLock::acquire(&g, Duration::from_secs(1), &|| {}).unwrap();
        assert!(dir.path().join(".g.toml.lock").exists());
        let r = FileLock::acquire(&g, Duration::from_millis(50), &|| {});
        assert!(r.is_err());
        drop(held);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // a waiter that held the removed file's handle locks a new one
        #[cfg(unix)]
        {
            let first = FileLock::acquire(&g, Duration::from_secs(1), &|| {}).unwrap();
            let stale = File::open(dir.path().join(".g.toml.lock")).unwrap();
            drop(first);
            rustix::fs::flock(&stale, rustix::fs::FlockOperation::NonBlockingLockExclusive)
                .unwrap();
            assert!(!still_there(&stale, &lock_path(&g)));
            let next = FileLock::acquire(&g, Duration::from_millis(50), &|| {});
            assert!(next.is_ok());
        }
    }
}
