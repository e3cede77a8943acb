//! Reading the gzip-compressed corpora of `../shared/corpora` (through the
//! system's `zcat`, so the benches need no decompression crate).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

/// The lines of a `.gz` file.
pub fn zcat(path: &Path) -> anyhow::Result<Vec<String>> {
    let out = Command::new("zcat")
        .arg(path)
        .output()
        .with_context(|| format!("cannot run zcat on {}", path.display()))?;
    if !out.status.success() {
        bail!("zcat {} failed", path.display());
    }
    Ok(String::from_utf8(out.stdout)?
        .lines()
        .map(str::to_string)
        .collect())
}
