//! `tm glossary anchors SRC TGT`: the alignment anchors the glossary gives
//! for two texts (what the aligner sees).

use std::path::{Path, PathBuf};

use super::Format;
use crate::cli::output::Output;
use crate::glossary::GlossaryFile;

/// Sentence pairs (source index, target index) that name the same concept.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary anchors examples/nato-kosovo/en.txt examples/nato-kosovo/sr-Cyrl.txt"
)]
pub struct Args {
    pub src: PathBuf,
    pub tgt: PathBuf,
    #[arg(long)]
    pub src_lang: Option<String>,
    #[arg(long)]
    pub tgt_lang: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(a: &Args, path: &Path, out: &mut Output) -> anyhow::Result<i32> {
    let g = GlossaryFile::load(path)?.glossary;
    let sl = crate::lang::resolve(a.src_lang.as_deref(), &a.src, "--src-lang")?;
    let tl = crate::lang::resolve(a.tgt_lang.as_deref(), &a.tgt, "--tgt-lang")?;
    let st = crate::doc::read_text(&a.src)?;
    let tt = crate::doc::read_text(&a.tgt)?;
    let options = crate::segment::Options::from_workspace()?;
    let ss = crate::segment::segment_with(&st, &sl, options);
    let ts = crate::segment::segment_with(&tt, &tl, options);
    let s: Vec<&str> = ss.iter().map(|x| x.text.as_str()).collect();
    let t: Vec<&str> = ts.iter().map(|x| x.text.as_str()).collect();
    let pairs = crate::glossary::anchor_pairs(&g, &sl, &s, &tl, &t);
    match a.format {
        Format::Json => out.json(&pairs)?,
        Format::Text => {
            for p in &pairs {
                out.line(&format!(
                    "{}\t{}\t{}\t{:.3}",
                    p.src, p.tgt, p.concept, p.weight
                ))?;
            }
        }
    }
    Ok(crate::cli::exit::OK)
}
