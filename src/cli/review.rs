//! `tm review DOC`: the low-confidence beads of a document already in the
//! TM, from the beads its alignments stored, without the input files.

use std::path::PathBuf;

use anyhow::Context;

use super::Global;
use super::align::{Format, Input, review_stored};
use super::output::Output;
use crate::align::Bead;
use crate::store::Store;

/// List the weak beads of a stored document, with the sentence before and
/// after on each side; exit 1 when there are any.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tm review nato-kosovo
  tm review nato-kosovo --lang sq --below 0.8
  tm review nato-kosovo --format json
  tm review nato-kosovo --html review.html     # the whole alignment, weak beads highlighted

A bead's confidence is the aligner's posterior probability of it, as stored when the document was
aligned (`tm align --review` does the same for files before they are stored).")]
pub struct Args {
    /// The document (see tm stats).
    pub doc: String,
    /// Only the alignments into these languages (repeatable).
    #[arg(long, value_name = "LANG")]
    pub lang: Vec<String>,
    /// Confidence below which a bead is weak.
    #[arg(long, value_name = "P", default_value_t = 0.6)]
    pub below: f64,
    /// Output format (text, json or jsonl).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Also write a self-contained HTML page of the alignments.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    if !(0.0..=1.0).contains(&args.below) {
        anyhow::bail!(
            "--below must be between 0 and 1 (a confidence), not {}",
            args.below
        );
    }
    if args.format == Format::Beads {
        anyhow::bail!("tm review lists beads with their context: use --format text, json or jsonl");
    }
    let langs: Vec<String> = args
        .lang
        .iter()
        .map(|l| crate::lang::canonical(l))
        .collect::<anyhow::Result<_>>()?;
    let store = Store::open_existing(&global.db)?;
    let alignments: Vec<_> = store
        .stored_alignments(&args.doc)?
        .into_iter()
        .filter(|a| langs.is_empty() || langs.contains(&a.tgt_lang))
        .collect();
    let Some(first) = alignments.first() else {
        anyhow::bail!(
            "'{}' has no stored alignment{}",
            args.doc,
            if langs.is_empty() {
                String::new()
            } else {
                format!(" into {}", langs.join(", "))
            }
        );
    };
    let options = crate::segment::Options::from_workspace()?;
    let text = |lang: &str| -> anyhow::Result<Input> {
        let t = store
            .stored_text(&args.doc, lang)?
            .with_context(|| format!("the TM has no {lang} text of '{}'", args.doc))?;
        Input::stored(t, options)
    };
    // Documents are aligned from one source; review the pairs from the
    // first source found (others, if any, in a run of their own).
    let src_lang = first.src_lang.clone();
    let src = text(&src_lang)?;
    let mut targets = Vec::new();
    for a in alignments.iter().filter(|a| a.src_lang == src_lang) {
        let tgt = text(&a.tgt_lang)?;
        let beads: Vec<Bead> = a
            .beads
            .iter()
            .map(|(s, t, c)| Bead {
                src: s.clone(),
                tgt: t.clone(),
                confidence: *c,
            })
            .collect();
        targets.push((tgt, beads));
    }
    review_stored(
        &args.doc,
        &src,
        &targets,
        args.format,
        args.below,
        args.html.as_deref(),
        out,
    )
}
