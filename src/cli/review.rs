//! `tm review [DOC]`: the weak beads of a document already in the TM (or
//! of every one), from the beads its alignments stored, without the input
//! files.

use std::path::PathBuf;

use anyhow::Context;

use super::Global;
use super::align::{Format, Input, review_part, review_stored, weak_html_sections};
use super::output::Output;
use crate::align::Bead;
use crate::store::Store;

/// List the weak beads of a stored document (or of every document), with
/// the sentence before and after on each side; exit 1 when there are any.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tm review nato-kosovo
  tm review nato-kosovo --lang sq --below 0.8
  tm review nato-kosovo --format json
  tm review nato-kosovo --html review.html     # the whole alignment, weak beads highlighted
  tm review                                    # every aligned document: what needs a look
  tm review --html review.html                 # and a page of the alignments with weak beads

A bead's confidence is the aligner's posterior probability of it, as stored when the document was
aligned (`tm align --review` does the same for files before they are stored). A bead is weak when
its confidence is below --below, when a side is empty, when a sentence of it has nothing on the
other side that translates it, or when its translation may be in a nearby bead (sentences or
paragraphs in another order in the translation); each comes with the reason. Without DOC, only
the pairs with weak beads are listed, then a count; `--format json` gives
{\"review_below\", \"documents_checked\", \"weak\", \"documents\": [{\"document\", \"pairs\"}]}.")]
pub struct Args {
    /// The document (see tm stats); every document with a stored alignment when omitted.
    pub doc: Option<String>,
    /// Only the alignments into these languages (repeat, or separate with
    /// commas; `sr` is sr-Latn and sr-Cyrl).
    #[arg(long, value_name = "LANG", value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Confidence below which a bead is weak.
    #[arg(long, value_name = "P", default_value_t = 0.6)]
    pub below: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReviewFormat,
    /// Also write a self-contained HTML page: DOC's whole alignment, or
    /// without DOC every alignment with weak beads.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

/// The formats of `tm review` (those of `tm align` but `beads`: a review
/// shows beads with their context).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    /// The weak beads with their sentences, for a person.
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per weak bead.
    Jsonl,
}

impl From<ReviewFormat> for Format {
    fn from(f: ReviewFormat) -> Format {
        match f {
            ReviewFormat::Text => Format::Text,
            ReviewFormat::Json => Format::Json,
            ReviewFormat::Jsonl => Format::Jsonl,
        }
    }
}

/// A stored document ready for review: its source text, and each target
/// text with the beads stored for it.
struct Stored {
    src: Input,
    targets: Vec<(Input, Vec<Bead>)>,
    /// The target languages whose beads were stored before tm recorded the
    /// sentences that nothing on the other side translates (schema 15).
    unrecorded: Vec<String>,
}

/// What a review of beads stored before schema 15 cannot see.
fn unrecorded_note(what: &str) -> String {
    format!(
        "{what} stored before tm recorded which sentences nothing on the other side translates: \
         reviewed by confidence and empty sides only (`tm align SRC TGT --dry-run --review` checks the files)"
    )
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    if !(0.0..=1.0).contains(&args.below) {
        anyhow::bail!(
            "--below must be between 0 and 1 (a confidence), not {}",
            args.below
        );
    }
    let given: Vec<String> = args
        .lang
        .iter()
        .map(|l| crate::lang::canonical(l))
        .collect::<anyhow::Result<_>>()?;
    let store = Store::open_existing(&global.db)?;
    let langs = chosen_targets(&store, args.doc.as_deref(), &given)?;
    let options = crate::segment::Options::from_workspace()?;
    let Some(doc) = &args.doc else {
        return review_all(args, &store, &langs, options, out);
    };
    let Some(stored) = load(&store, doc, &langs, options)? else {
        anyhow::bail!(
            "'{doc}' has no stored alignment{}",
            if langs.is_empty() {
                String::new()
            } else {
                format!(" into {}", langs.join(", "))
            }
        );
    };
    for lang in &stored.unrecorded {
        out.warn(&unrecorded_note(&format!(
            "the {} → {lang} beads of '{doc}' were",
            stored.src.lang()
        )))?;
    }
    review_stored(
        doc,
        &stored.src,
        &stored.targets,
        args.format.into(),
        args.below,
        args.html.as_deref(),
        out,
    )
}

/// The alignment targets `--lang` names, each a range (`sr` is sr-Latn and
/// sr-Cyrl, as in `tm qa --lang`); a range no alignment goes into is an
/// error (a CI step with a language the workspace lacks must not pass).
fn chosen_targets(
    store: &Store,
    doc: Option<&str>,
    given: &[String],
) -> anyhow::Result<Vec<String>> {
    if given.is_empty() {
        return Ok(Vec::new());
    }
    let targets = store.alignment_targets()?;
    match crate::lang::expand_all(given, &targets) {
        Ok(found) => Ok(found.into_iter().map(str::to_string).collect()),
        Err((_, missing)) => {
            let into = missing.join(", ");
            let held = crate::lang::held_languages(&missing, &targets);
            match doc {
                Some(doc) => anyhow::bail!(
                    "'{doc}' has no stored alignment into {into} (the TM's alignments go into: {held})"
                ),
                None => anyhow::bail!(
                    "no document has a stored alignment into {into}; the TM's alignments go into: {held}"
                ),
            }
        }
    }
}

/// Every document with a stored alignment (into `langs`, if given): the
/// pairs with weak beads, then a count.
fn review_all(
    args: &Args,
    store: &Store,
    langs: &[String],
    options: crate::segment::Options,
    out: &mut Output,
) -> anyhow::Result<i32> {
    let (mut checked, mut flagged, mut weak, mut unrecorded) = (0, 0, 0, 0);
    let mut json = Vec::new();
    let (mut html, mut html_pairs) = (String::new(), 0);
    let docs = store.aligned_documents()?;
    let bar = super::output::progress(docs.len() as u64, "reviewing");
    for doc in docs {
        bar.inc(1);
        let Some(stored) = load(store, &doc, langs, options)? else {
            continue;
        };
        checked += 1;
        unrecorded += stored.unrecorded.len();
        // The bar steps aside while the document's weak beads are printed.
        let n = bar.suspend(|| {
            review_part(
                &doc,
                &stored.src,
                &stored.targets,
                args.format.into(),
                args.below,
                &mut json,
                out,
            )
        })?;
        flagged += (n > 0) as usize;
        weak += n;
        if args.html.is_some() {
            let (sections, pairs) =
                weak_html_sections(&doc, &stored.src, &stored.targets, args.below);
            html.push_str(&sections);
            html_pairs += pairs;
        }
    }
    bar.finish_and_clear();
    if unrecorded > 0 {
        out.warn(&unrecorded_note(&format!(
            "the beads of {} were",
            super::align::count(unrecorded, "alignment", "alignments")
        )))?;
    }
    if checked == 0 && !langs.is_empty() {
        // A CI step with a language the workspace does not have must not pass.
        anyhow::bail!(
            "no document has a stored alignment into {}; the TM's alignments go into: {}",
            langs.join(", "),
            store.alignment_targets()?.join(", ")
        );
    }
    if let Some(path) = &args.html {
        let page = super::align_html::documents_page(&html, checked, html_pairs, args.below);
        std::fs::write(path, page).with_context(|| format!("writing {}", path.display()))?;
    }
    match args.format {
        ReviewFormat::Json => out.json(&serde_json::json!({
            "review_below": args.below,
            "documents_checked": checked,
            "weak": weak,
            "documents": json,
        }))?,
        ReviewFormat::Jsonl => {}
        ReviewFormat::Text => out.line(&format!(
            "{weak} weak bead{} ({}) in {flagged} of {checked} document{}",
            if weak == 1 { "" } else { "s" },
            super::align::weak_reasons(args.below),
            if checked == 1 { "" } else { "s" },
        ))?,
    }
    Ok(if weak > 0 {
        super::exit::FINDINGS
    } else {
        super::exit::OK
    })
}

/// The stored alignments of `doc` (into `langs`, if given) from its first
/// source language, with the texts; `None` when it has none.
fn load(
    store: &Store,
    doc: &str,
    langs: &[String],
    options: crate::segment::Options,
) -> anyhow::Result<Option<Stored>> {
    let alignments: Vec<_> = store
        .stored_alignments(doc)?
        .into_iter()
        .filter(|a| langs.is_empty() || langs.contains(&a.tgt_lang))
        .collect();
    let Some(first) = alignments.first() else {
        return Ok(None);
    };
    let text = |lang: &str| -> anyhow::Result<Input> {
        let t = store
            .stored_text(doc, lang)?
            .with_context(|| format!("the TM has no {lang} text of '{doc}'"))?;
        Input::stored(t, options)
    };
    // Documents are aligned from one source; review the pairs from the
    // first source found (others, if any, in a run of their own).
    let src_lang = first.src_lang.clone();
    let src = text(&src_lang)?;
    let mut targets = Vec::new();
    let mut unrecorded = Vec::new();
    for a in alignments.iter().filter(|a| a.src_lang == src_lang) {
        let tgt = text(&a.tgt_lang)?;
        targets.push((tgt, a.beads.clone()));
        if !a.unsupported_recorded {
            unrecorded.push(a.tgt_lang.clone());
        }
    }
    Ok(Some(Stored {
        src,
        targets,
        unrecorded,
    }))
}
