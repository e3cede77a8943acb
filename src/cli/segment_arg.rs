//! `--quotations split|keep`, shared by the commands that split text into
//! sentences; without it the workspace file `tm.toml` (`[segment]`) decides,
//! so that `tm align`, `tm diff`, `tm review` and `tm qa` split a document
//! the same way every time.

use std::path::Path;

use crate::segment::{Options, Quotations};

#[derive(Debug, Clone, clap::Args)]
pub struct SegmentArgs {
    /// A quotation that holds several sentences: split it into them, or keep
    /// it in one segment [default: tm.toml's [segment] quotations, else split].
    #[arg(long, value_enum, value_name = "HOW")]
    pub quotations: Option<QuotationsArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuotationsArg {
    /// `“Go.` / `Now,” he said.` (UD treebanks, SRX rules of CAT tools).
    Split,
    /// `“Go. Now,” he said.` (pySBD, sentencex).
    Keep,
}

impl SegmentArgs {
    /// The settings: the flag, else `tm.toml` in the working directory.
    pub fn options(&self) -> anyhow::Result<Options> {
        let mut options = Options::load_or_default(Path::new(crate::qa::config::DEFAULT_PATH))?;
        if let Some(q) = self.quotations {
            options.quotations = match q {
                QuotationsArg::Split => Quotations::Split,
                QuotationsArg::Keep => Quotations::Keep,
            };
        }
        Ok(options)
    }
}
