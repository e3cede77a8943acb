//! Reading the compressed corpora of `../shared/corpora` (through the
//! system's `zcat` and `xzcat`, so the benches need no decompression crate).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

/// The lines of a `.gz` file (or an `.xz` file).
pub fn zcat(path: &Path) -> anyhow::Result<Vec<String>> {
    let tool = if path.extension().is_some_and(|e| e == "xz") {
        "xzcat"
    } else {
        "zcat"
    };
    let out = Command::new(tool)
        .arg(path)
        .output()
        .with_context(|| format!("cannot run {tool} on {}", path.display()))?;
    if !out.status.success() {
        bail!("{tool} {} failed", path.display());
    }
    Ok(String::from_utf8(out.stdout)?
        .lines()
        .map(str::to_string)
        .collect())
}
