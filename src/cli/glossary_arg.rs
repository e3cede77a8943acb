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
        let f = GlossaryFile::load(path)?;
        warn_lint_errors(&f);
        let g = f.glossary;
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

/// Say on stderr that a glossary a command uses (`align`, `diff`, `qa`)
/// has errors `tm glossary lint` reports. It is used as it is: those
/// commands' work is the translation's, and refusing would stop an
/// alignment or a QA run over a glossary fault that the glossary's own
/// check (`tm glossary lint` in CI) fails on; but what depends on the
/// faulty terms may be off (a term in two concepts is found as one of
/// them), so the user is told where to look.
pub fn warn_lint_errors(f: &GlossaryFile) {
    let errors: Vec<_> = glossary::lint::lint(&f.glossary, &f.map)
        .into_iter()
        .filter(|x| x.severity == glossary::lint::Severity::Error)
        .collect();
    let Some(first) = errors.first() else { return };
    let n = crate::cli::output::plural(errors.len() as u64, "error");
    crate::cli::output::warn(&format!(
        "the glossary {} has {n} that `tm glossary lint` reports ({} [{}] {}); it is used as it is, so what depends on those terms may be wrong",
        f.path.display(),
        first.check,
        first.concept,
        first.message
    ));
}
