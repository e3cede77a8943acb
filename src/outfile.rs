//! Writing an output file whole or not at all (`tm export -o`, glossary
//! edits and exports): the text goes to a temporary file beside the file it
//! replaces, then is renamed onto it, so a reader never sees half a file and
//! a failed or interrupted run leaves the old one.
//!
//! - Through a symlink, the file it points to is replaced (the link stays).
//! - The replaced file's permissions are kept.
//! - A path that is not a regular file (a FIFO, a device such as
//!   `/dev/null`, a socket) is written to directly: renaming onto it would
//!   replace it with a plain file.
//! - A path that names an open descriptor (`/dev/stdout`, `/dev/fd/1`,
//!   `/proc/self/fd/1`) is written to directly, appending: it is whatever
//!   the shell opened (a pipe, or a file `>` or `>>` opened), and its link
//!   (`pipe:[…]`) is no path to resolve.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The file that writing to `path` must change: `path`, or through a chain
/// of symlinks, the file the last one points to.
pub fn target(path: &Path) -> PathBuf {
    resolve(path).0
}

/// [`target`], and whether the chain passed through an open descriptor (a
/// link in `/proc/PID/fd`, which `/dev/stdout` and `/dev/fd/N` lead to).
fn resolve(path: &Path) -> (PathBuf, bool) {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                let dir = target.parent().unwrap_or(Path::new("."));
                if is_descriptor_folder(dir) {
                    return (target, true);
                }
                match std::fs::read_link(&target) {
                    Ok(to) => target = dir.join(to),
                    Err(_) => break,
                }
            }
            _ => break,
        }
    }
    (target, false)
}

/// `/proc/PID/fd` (`/proc/self/fd`, `/dev/fd` lead there).
fn is_descriptor_folder(dir: &Path) -> bool {
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return false;
    };
    let parts: Vec<_> = dir.components().collect();
    matches!(
        parts.as_slice(),
        [std::path::Component::RootDir, proc, _, fd]
            if proc.as_os_str() == "proc" && fd.as_os_str() == "fd"
    )
}

/// Write to `path` with `fill` (buffered), atomically when `path` is or
/// will be a regular file. Returns what `fill` returns.
pub fn write_with<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let (target, descriptor) = resolve(path);
    let special = std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if special || descriptor {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .append(descriptor)
            .open(&target)
            .with_context(|| format!("cannot open {} for writing", path.display()))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        let value = fill(&mut w)?;
        w.flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
        return Ok(value);
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    crate::interrupt::remove_file_on_interrupt(&tmp);
    let result = (|| -> anyhow::Result<T> {
        let f = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        let value = fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        f.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    crate::interrupt::forget_file(&tmp);
    result.with_context(|| format!("cannot write {}", path.display()))
}

/// Write `bytes` to `path` (see [`write_with`]).
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_with(path, |w| Ok(w.write_all(bytes)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symlink_is_written_through_and_the_mode_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o664)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o664);
        // Nothing left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_device_is_written_to_not_replaced() {
        let null = Path::new("/dev/null");
        write(null, b"gone").unwrap();
        let m = std::fs::metadata(null).unwrap();
        assert!(!m.is_file(), "/dev/null must stay a device");
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("out.tsv");
        std::fs::write(&f, "old").unwrap();
        let r: anyhow::Result<()> = write_with(&f, |w| {
            w.write_all(b"half")?;
            anyhow::bail!("stopped")
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
