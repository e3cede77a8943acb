//! What an interrupted run (Ctrl-C, SIGTERM) must not leave behind: files
//! it is creating (a new TM and SQLite's files beside it, a temporary
//! output file) and the folders it made for them. The library registers
//! them here; the CLI's signal handler calls [`remove_registered`].

use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Default)]
struct Pending {
    files: Vec<PathBuf>,
    /// Outermost first.
    dirs: Vec<PathBuf>,
}

static PENDING: Mutex<Pending> = Mutex::new(Pending {
    files: Vec::new(),
    dirs: Vec::new(),
});

/// Remove `files`, then the folders `dirs` (outermost first; each only if
/// empty), if the process is interrupted before [`forget`] is called.
pub fn remove_on_interrupt(files: &[PathBuf], dirs: &[PathBuf]) {
    let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    p.files.extend_from_slice(files);
    p.dirs.extend_from_slice(dirs);
}

/// The run is done with these: an interrupt leaves them.
pub fn forget(files: &[PathBuf], dirs: &[PathBuf]) {
    let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    p.files.retain(|f| !files.contains(f));
    p.dirs.retain(|d| !dirs.contains(d));
}

/// As [`remove_on_interrupt`] for one file.
pub fn remove_file_on_interrupt(file: &Path) {
    remove_on_interrupt(&[file.to_path_buf()], &[]);
}

/// As [`forget`] for one file.
pub fn forget_file(file: &Path) {
    forget(&[file.to_path_buf()], &[]);
}

/// Remove what is registered (called on an interrupt; the process then
/// exits). A transaction on an existing TM needs nothing: it was never
/// committed, and SQLite ignores it when the TM is next opened.
pub fn remove_registered() {
    let p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    for f in &p.files {
        let _ = std::fs::remove_file(f);
    }
    for d in p.dirs.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
}
