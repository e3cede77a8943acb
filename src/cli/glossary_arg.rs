//! `--glossary FILE` / `--no-glossary`, shared by the commands that align
//! (`tm align`, `tm diff`): the workspace glossary gives the aligner anchors.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::glossary::{self, Glossary, GlossaryFile};

#[derive(Debug, Clone, clap::Args)]
pub struct GlossaryArgs {
    /// Glossary whose concepts, named on both sides in any form or script,
    /// anchor the alignment [default: glossaries/proper-nouns.toml if it exists].
    #[arg(long, value_name = "FILE", conflicts_with = "no_glossary")]
    pub glossary: Option<PathBuf>,
    /// Align without glossary anchors.
    #[arg(long)]
    pub no_glossary: bool,
}

impl GlossaryArgs {
    /// The glossary to anchor with: none with `--no-glossary`; the file given
    /// (which must exist); else the default file when it exists. A malformed
    /// file is an error naming file:line.
    pub fn load(&self) -> anyhow::Result<Option<Arc<Glossary>>> {
        if self.no_glossary {
            return Ok(None);
        }
        let path = match &self.glossary {
            Some(p) => p.as_path(),
            None => {
                let p = Path::new(glossary::DEFAULT_PATH);
                if !p.exists() {
                    return Ok(None);
                }
                p
            }
        };
        let g = GlossaryFile::load(path)?.glossary;
        Ok((!g.concepts.is_empty()).then(|| Arc::new(g)))
    }

    /// The aligner's settings with this glossary.
    pub fn align_config(&self) -> anyhow::Result<crate::align::Config> {
        Ok(crate::align::Config {
            glossary: self.load()?,
            ..crate::align::Config::default()
        })
    }
}
