//! `tm glossary lint`: exit 1 when there are findings (for CI).

use std::path::Path;

use super::Format;
use crate::cli::output::{Output, Style};
use crate::glossary::GlossaryFile;
use crate::glossary::lint::Severity;

/// Check the glossary: duplicate ids and terms, a term both preferred and
/// forbidden, text not in NFC, stray whitespace, letters of the wrong script,
/// unsorted ids (errors, which edits refuse to bring in), and missing required
/// languages (a warning). Exit 1 on findings.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary lint\n  tm glossary lint --glossary other.toml --format json"
)]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(a: &Args, path: &Path, out: &mut Output) -> anyhow::Result<i32> {
    let f = GlossaryFile::load(path)?;
    let findings = crate::glossary::lint::lint(&f.glossary, &f.map);
    match a.format {
        Format::Json => out.json(&findings)?,
        Format::Text => {
            for x in &findings {
                let style = match x.severity {
                    Severity::Error => Style::Red,
                    Severity::Warning => Style::Yellow,
                };
                out.line(&format!(
                    "{}:{}: {} {} [{}] {}",
                    path.display(),
                    x.line.unwrap_or(0),
                    out.paint(style, x.severity.as_str()),
                    out.paint(Style::Bold, x.check),
                    x.concept,
                    x.message
                ))?;
            }
        }
    }
    Ok(if findings.is_empty() {
        crate::cli::exit::OK
    } else {
        crate::cli::exit::FINDINGS
    })
}
