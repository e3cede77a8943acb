//! `--quotations split|keep`, shared by the commands that split text into
//! sentences; without it the workspace file `tm.toml` (`[segment]`) decides,
//! so that `tm align`, `tm diff`, `tm review` and `tm qa` split a document
//! the same way every time.

use crate::segment::{Options, Quotations};

#[derive(Debug, Clone, clap::Args)]
pub struct SegmentArgs {
    /// A quotation that holds several sentences: split it into them, or keep
    /// it in one segment [default: tm.toml's [segment] quotations, else split].
    #[arg(long, value_enum, value_name = "HOW")]
    pub quotations: Option<Quotations>,
}

impl SegmentArgs {
    /// The settings: the flag, else `tm.toml` in the working directory.
    pub fn options(&self) -> anyhow::Result<Options> {
        let mut options = Options::from_workspace()?;
        if let Some(q) = self.quotations {
            options.quotations = q;
        }
        Ok(options)
    }
}
