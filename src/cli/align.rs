//! `tm align SRC TGT [TGT…]`: segment, align, and store the units.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::Global;
use super::output::{Output, Style};
use crate::align::{self, Bead, Side};
use crate::segment::{self, Sentence};
use crate::store::{AlignedText, Store, StoredPair};

const EXAMPLES: &str = "Examples:
  tm align examples/nato-kosovo/en.txt examples/nato-kosovo/sq.txt examples/nato-kosovo/sr-Latn.txt
  tm align article.en.txt article.de.txt --dry-run --format beads
  tm align test0.de test0.fr --segmented --format beads > test0.beads
  tm align en.txt sq.txt --doc nato-2023-10 --format jsonl
  tm align en.txt sq.txt --dry-run --format beads --no-glossary
  tm align en.txt sq.txt --dry-run --review                 # weak beads, with context
  tm align en.txt sq.txt --dry-run --review --review-below 0.8 --format json
  tm align en.txt sq.txt --dry-run --html alignment.html    # side by side, weak beads marked

Glossary anchors: a concept of the glossary (glossaries/proper-nouns.toml, or --glossary FILE)
named in a source sentence and in a target sentence, in any form or script (Prishtinës, Приштини),
counts as shared evidence for aligning them. --no-glossary turns this off.

Review: a bead's confidence is the aligner's posterior probability of it. --review lists the beads
below --review-below (default 0.6), the sentences left without a counterpart, and the beads with a
sentence that nothing on the other side translates (an addition glued to its neighbour, a sentence
in the wrong unit), and two nearby beads whose translations look swapped (its translation may be in
a nearby bead: sentences or paragraphs in another order), each with the reason and the sentence
before and after on each side, and exits 1 when there are any (0 when none); the units are still
stored unless --dry-run.";

/// Align a document with its translations and store the units in the TM.
///
/// Each target is aligned to the source; the units of all pairs are joined
/// through the source side, so one unit holds every language.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The source document.
    pub src: PathBuf,
    /// One or more translations of it.
    #[arg(required = true)]
    pub tgt: Vec<PathBuf>,
    /// Source language (BCP 47); inferred from the file name when omitted.
    #[arg(long, value_name = "LANG")]
    pub src_lang: Option<String>,
    /// Target language; give it once per target, in order, or once for all.
    #[arg(long, value_name = "LANG")]
    pub tgt_lang: Vec<String>,
    /// Document name in the TM; by default the file name without its language
    /// part (`article.en.txt` → article), or the folder name (`nato-kosovo/en.txt` → nato-kosovo).
    #[arg(long, value_name = "NAME")]
    pub doc: Option<String>,
    /// The files are already segmented: one sentence per line (as hunalign and Vecalign take them).
    #[arg(long)]
    pub segmented: bool,
    /// Align and print, but store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// A text that differs from the one already in the TM replaces it.
    #[arg(long)]
    pub replace: bool,
    /// With --replace of a changed source: remove these languages of the
    /// document instead of aligning them again (their texts are kept as
    /// revisions). Comma-separated or repeated.
    #[arg(
        long,
        value_name = "LANGS",
        value_delimiter = ',',
        requires = "replace"
    )]
    pub drop: Vec<String>,
    /// With --replace: a translation that joins sentences of separate units
    /// merges those units, in every language (else it is refused).
    #[arg(long, requires = "replace")]
    pub merge_units: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// List only the weak beads (low confidence, no counterpart, a sentence
    /// nothing translates, a translation that may be in a nearby bead), with
    /// the reason and the sentence before and after on each side (text,
    /// json or jsonl); exit 1 when there are any.
    #[arg(long)]
    pub review: bool,
    /// Confidence below which a bead is weak (for --review and --html).
    #[arg(long, value_name = "P", default_value_t = 0.6)]
    pub review_below: f64,
    /// Also write a self-contained HTML page: the alignment side by side,
    /// weak beads highlighted.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Do not learn from the units the TM already holds for the language
    /// pair (by default the aligner's word-translation lexicon starts from
    /// the most recent confident one-to-one beads of other documents).
    #[arg(long)]
    pub no_tm_lexicon: bool,
    #[command(flatten)]
    pub segment: super::segment_arg::SegmentArgs,
    #[command(flatten)]
    pub glossary: super::glossary_arg::GlossaryArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary per language pair.
    Text,
    /// One bead per line, `[0]:[0, 1]` (Vecalign's format, 0-based sentence indices).
    Beads,
    /// One JSON object per bead: languages, indices, texts, confidence.
    Jsonl,
    /// One JSON document: per pair, the beads and what was stored.
    Json,
}

/// A segmented input document.
pub(super) struct Input {
    path: PathBuf,
    lang: String,
    text: String,
    sentences: Vec<Sentence>,
}

impl Input {
    fn read(
        path: &Path,
        lang: String,
        segmented: bool,
        options: segment::Options,
    ) -> anyhow::Result<Input> {
        let text = crate::doc::read_text(path)?;
        let sentences = if segmented {
            lines_as_sentences(&text)
        } else {
            segment::segment_with(&text, &lang, options)
        };
        if sentences.is_empty() {
            bail!("{} has no sentences", path.display());
        }
        Ok(Input {
            path: path.to_path_buf(),
            lang,
            text,
            sentences,
        })
    }

    /// A text stored in the TM, split into the `n` sentences it was
    /// aligned as: by the segmenter, or one per line (`--segmented`).
    pub(super) fn stored(
        t: crate::store::StoredText,
        options: segment::Options,
    ) -> anyhow::Result<Input> {
        let sentences = if let Some((s, _)) = stored_sentences(&t, options) {
            s
        } else {
            let lines = lines_as_sentences(&t.content);
            if lines.len() != t.sentences {
                bail!(
                    "the stored {} text of '{}' no longer splits into the {} sentences it was aligned as \
                     (the segmenter changed since): align it again with --replace",
                    t.lang,
                    t.document,
                    t.sentences
                );
            }
            lines
        };
        Ok(Input {
            path: PathBuf::from(t.path),
            lang: t.lang,
            text: t.content,
            sentences,
        })
    }

    pub(super) fn lang(&self) -> &str {
        &self.lang
    }

    fn side(&self) -> Side<'_> {
        Side::of(&self.lang, &self.sentences)
    }

    fn aligned(&self) -> AlignedText<'_> {
        AlignedText {
            lang: &self.lang,
            path: self.path.to_str().unwrap_or_default(),
            source: &self.text,
            sentences: &self.sentences,
        }
    }
}

/// The sentences of a stored text, split by the segmenter as it was aligned:
/// with `options`, or else with the other quotation convention (a workspace
/// whose `tm.toml` changed since, or a run with `--quotations`), with the
/// settings that gave them. None if neither gives the stored count.
pub(super) fn stored_sentences(
    t: &crate::store::StoredText,
    options: segment::Options,
) -> Option<(Vec<Sentence>, segment::Options)> {
    let other = segment::Options {
        quotations: options.quotations.other(),
    };
    [options, other]
        .into_iter()
        .map(|o| (segment::segment_with(&t.content, &t.lang, o), o))
        .find(|(s, _)| s.len() == t.sentences)
}

/// `--segmented`: every non-blank line is a sentence (index = its number
/// among them), one paragraph. A blank line is no sentence: an empty
/// segment would be aligned and stored as an empty text.
pub(super) fn lines_as_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if !content.trim().is_empty() {
            out.push(Sentence {
                text: content.trim().to_string(),
                start: offset,
                end: offset + content.len(),
                paragraph: 0,
            });
        }
        offset += line.len();
    }
    out
}

#[derive(serde::Serialize)]
struct BeadRow<'a> {
    src_lang: &'a str,
    tgt_lang: &'a str,
    src: Vec<usize>,
    tgt: Vec<usize>,
    src_text: String,
    tgt_text: String,
    confidence: f64,
}

/// A weak bead with its surroundings, for `--review`.
#[derive(serde::Serialize)]
struct WeakBead<'a> {
    document: &'a str,
    src_lang: &'a str,
    tgt_lang: &'a str,
    /// Position of the bead in the pair's alignment (0-based).
    bead: usize,
    src: Vec<usize>,
    tgt: Vec<usize>,
    confidence: f64,
    src_text: String,
    tgt_text: String,
    /// The sentences just before and after the bead on each side (null at
    /// the edges of the document). For an empty side, the sentences around
    /// the place where it would be.
    src_before: Option<&'a str>,
    src_after: Option<&'a str>,
    tgt_before: Option<&'a str>,
    tgt_after: Option<&'a str>,
    /// Why the bead is listed, in words (see [`reason`]).
    reason: String,
    /// The sentences of the bead that nothing on the other side translates
    /// (`{"side": "src"|"tgt", "sentence": N}`), empty when none.
    unsupported: Vec<align::Unsupported>,
    /// The nearby bead whose target looks swapped with this one's
    /// (`{"bead": N, "tgt": J}`: its position, and its first target
    /// sentence), null when none.
    crossed: Option<CrossedJson>,
}

/// See [`WeakBead::crossed`].
#[derive(serde::Serialize)]
struct CrossedJson {
    bead: usize,
    tgt: usize,
}

/// The position of the bead that holds target sentence `j`.
fn bead_holding(beads: &[Bead], j: usize) -> Option<usize> {
    beads.iter().position(|b| b.tgt.contains(&j))
}

#[derive(serde::Serialize)]
struct PairReport<'a> {
    src: String,
    tgt: String,
    src_lang: &'a str,
    tgt_lang: &'a str,
    src_sentences: usize,
    tgt_sentences: usize,
    /// Sentence pairs of the TM (other documents, imported units) the lexicon was learned from.
    lexicon_pairs: usize,
    beads: Vec<BeadRow<'a>>,
    stored: Option<StoredPair>,
}

/// The weak beads of one pair (see `Bead::is_weak`), with context and reason.
fn weak_beads<'a>(
    doc: &'a str,
    src: &'a Input,
    tgt: &'a Input,
    beads: &[Bead],
    below: f64,
) -> Vec<WeakBead<'a>> {
    let text = |side: &'a Input, i: Option<usize>| -> Option<&'a str> {
        i.and_then(|i| side.sentences.get(i))
            .map(|s| s.text.as_str())
    };
    align::weak_beads(beads, below)
        .map(|k| {
            let b = &beads[k];
            WeakBead {
                document: doc,
                src_lang: &src.lang,
                tgt_lang: &tgt.lang,
                bead: k,
                src: b.src.clone().collect(),
                tgt: b.tgt.clone().collect(),
                confidence: round3(b.confidence),
                src_text: join(&src.sentences, b.src.clone()),
                tgt_text: join(&tgt.sentences, b.tgt.clone()),
                src_before: text(src, b.src.start.checked_sub(1)),
                src_after: text(src, Some(b.src.end)),
                tgt_before: text(tgt, b.tgt.start.checked_sub(1)),
                tgt_after: text(tgt, Some(b.tgt.end)),
                reason: reason(b, beads, below, (&src.lang, &tgt.lang), |side, i| {
                    let input = match side {
                        align::BeadSide::Source => src,
                        align::BeadSide::Target => tgt,
                    };
                    input.sentences[i].text.as_str()
                }),
                unsupported: b.unsupported.clone(),
                crossed: b
                    .crossed
                    .and_then(|j| bead_holding(beads, j).map(|bead| CrossedJson { bead, tgt: j })),
            }
        })
        .collect()
}

/// Why a bead is weak, for a person: every reason, joined by "; ".
/// `sentence` gives the text of a sentence of either side, to quote;
/// `beads` is the whole alignment, to number a bead it names.
pub(super) fn reason<'a>(
    bead: &Bead,
    beads: &[Bead],
    below: f64,
    (src_lang, tgt_lang): (&str, &str),
    sentence: impl Fn(align::BeadSide, usize) -> &'a str,
) -> String {
    let mut out = Vec::new();
    for w in bead.weaknesses(below) {
        match w {
            align::Weakness::LowConfidence => out.push(format!(
                "the aligner is unsure of it (confidence {:.2}, below {below:.2}): another split is nearly as likely",
                bead.confidence
            )),
            align::Weakness::NoCounterpart if bead.tgt.is_empty() => out.push(format!(
                "nothing in {tgt_lang} corresponds to it: left out of the translation?"
            )),
            align::Weakness::NoCounterpart => out.push(format!(
                "nothing in {src_lang} corresponds to it: added in the translation?"
            )),
            align::Weakness::Unsupported(sentences) => {
                for u in sentences {
                    let (lang, other, hint) = match u.side {
                        align::BeadSide::Source => (
                            src_lang,
                            tgt_lang,
                            "left out of the translation, or translated in another unit",
                        ),
                        align::BeadSide::Target => (
                            tgt_lang,
                            src_lang,
                            "added in the translation, or its source is in another unit",
                        ),
                    };
                    out.push(format!(
                        "{lang} sentence {} (“{}”) has nothing in {other} that translates it: {hint}",
                        u.sentence,
                        quote(sentence(u.side, u.sentence), 40)
                    ));
                }
            }
            align::Weakness::Crossed(j) => out.push(format!(
                "its translation may be in bead {} ({tgt_lang} sentence {j}, “{}”), whose {src_lang} this bead's {tgt_lang} translates better: \
                 sentences or paragraphs in another order in the translation?",
                bead_holding(beads, j).map_or("?".to_string(), |k| k.to_string()),
                quote(sentence(align::BeadSide::Target, j), 40)
            )),
        }
    }
    out.join("; ")
}

/// The document name: `--doc`, else the file stem without its language part,
/// else the folder's name.
fn document_name(args: &Args, lang: &str) -> anyhow::Result<String> {
    let name = document_name_of(args, lang)?;
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        bail!(
            "the document name {name:?} holds the control character U+{:04X}: name it with --doc NAME",
            c as u32
        );
    }
    Ok(name)
}

fn document_name_of(args: &Args, lang: &str) -> anyhow::Result<String> {
    if let Some(d) = &args.doc {
        let d = d.trim();
        if d.is_empty() {
            bail!("--doc must not be empty");
        }
        return Ok(d.to_string());
    }
    if crate::doc::is_stdin(&args.src) {
        bail!("the source is standard input, which has no name: name the document with --doc NAME");
    }
    let name = args
        .src
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let parts: Vec<&str> = name
        .split('.')
        .filter(|p| {
            !p.eq_ignore_ascii_case(lang)
                && !matches!(p.to_ascii_lowercase().as_str(), "txt" | "text")
        })
        .collect();
    if !parts.is_empty() && !parts.join(".").is_empty() {
        return Ok(parts.join("."));
    }
    let abs = std::path::absolute(&args.src).unwrap_or_else(|_| args.src.clone());
    abs.parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .context("cannot name the document from its path; pass --doc NAME")
}

/// Stored one-to-one beads of at least this confidence, and at most this
/// many of the newest, seed the lexicon of a new alignment.
const TM_LEXICON_CONFIDENCE: f64 = 0.9;
const TM_LEXICON_PAIRS: usize = 2000;

/// Per target language, the sentence pairs the TM at `db` already holds
/// for `src_lang` → it in documents other than `doc` (none when there is
/// no TM yet). The TM is opened once for all of them.
fn tm_pairs(
    db: &Path,
    src_lang: &str,
    tgt_langs: &[&str],
    doc: &str,
) -> anyhow::Result<Vec<Vec<(String, String)>>> {
    if !db.exists() {
        return Ok(vec![Vec::new(); tgt_langs.len()]);
    }
    let store = Store::open_existing(db)?;
    tgt_langs
        .iter()
        .map(|tgt_lang| {
            store.aligned_pairs(
                src_lang,
                tgt_lang,
                doc,
                TM_LEXICON_CONFIDENCE,
                TM_LEXICON_PAIRS,
            )
        })
        .collect()
}

/// With `--replace`: the units the TM holds for `doc` from `src` to each
/// target language, when its stored source is this one (their sentence
/// ranges then name the sentences of `src`); else none.
fn stored_units_of(
    db: &Path,
    doc: &str,
    src: &Input,
    tgt_langs: &[&str],
) -> anyhow::Result<Vec<Vec<crate::diff::StoredUnit>>> {
    let none = || vec![Vec::new(); tgt_langs.len()];
    if !db.exists() {
        return Ok(none());
    }
    let store = Store::open_existing(db)?;
    let same_source = store.stored_text(doc, &src.lang)?.is_some_and(|t| {
        t.sentences == src.sentences.len()
            && crate::diff::comparable(&t.content) == crate::diff::comparable(&src.text)
    });
    if !same_source {
        return Ok(none());
    }
    tgt_langs
        .iter()
        .map(|l| store.stored_units(doc, &src.lang, l))
        .collect()
}

fn beads_of(
    src: &Input,
    tgt: &Input,
    config: &align::Config,
    known: &[(String, String)],
    stored: &[crate::diff::StoredUnit],
) -> Vec<Bead> {
    // A replacing translation that holds stored texts out of order (moved
    // paragraphs or sentences): the aligner keeps order, so it would give a
    // unit its neighbour's sentence; the texts found stay with their units.
    if !stored.is_empty() {
        let found = crate::diff::find_unchanged(stored, tgt.sentences.len(), |r| {
            segment::text_of(&tgt.text, &tgt.sentences, r)
        });
        if found.iter().any(|f| !f.in_source_order) {
            return crate::diff::align_around(
                (&src.lang, &src.sentences),
                (&tgt.lang, &tgt.sentences),
                config,
                &found,
            );
        }
    }
    if known.is_empty() {
        return align::align(&src.side(), &tgt.side(), config);
    }
    let pairs: Vec<(&str, &str)> = known
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut lexicon = align::Lexicon::new();
    lexicon.learn(&pairs, config);
    align::align_with(&src.side(), &tgt.side(), config, Some(&mut lexicon))
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    let src_lang = crate::lang::resolve(args.src_lang.as_deref(), &args.src, "--src-lang")?;
    if args.tgt_lang.len() > 1 && args.tgt_lang.len() != args.tgt.len() {
        bail!(
            "--tgt-lang was given {} times for {} targets: give it once for all, or once per target",
            args.tgt_lang.len(),
            args.tgt.len()
        );
    }
    let mut tgt_langs = Vec::new();
    for (i, path) in args.tgt.iter().enumerate() {
        let given = args.tgt_lang.get(i).or(args.tgt_lang.first());
        let lang = crate::lang::resolve(given.map(String::as_str), path, "--tgt-lang")?;
        if lang == src_lang {
            bail!(
                "{} has the same language as the source ({lang})",
                path.display()
            );
        }
        if tgt_langs.contains(&lang) {
            bail!(
                "two targets are in {lang}; align them in separate commands or name them with --tgt-lang"
            );
        }
        tgt_langs.push(lang);
    }
    let mut drop_langs = Vec::new();
    for d in &args.drop {
        let lang = crate::lang::canonical(d).with_context(|| format!("--drop {d}"))?;
        if lang == src_lang || tgt_langs.contains(&lang) {
            bail!("--drop {lang}: {lang} is given to align; drop only languages not given");
        }
        drop_langs.push(lang);
    }
    let doc = document_name(args, &src_lang)?;
    if !(0.0..=1.0).contains(&args.review_below) {
        bail!(
            "--review-below must be between 0 and 1 (a confidence), not {}",
            args.review_below
        );
    }
    if args.review && args.format == Format::Beads {
        bail!("--review lists beads with their context: use --format text, json or jsonl");
    }
    let config = args.glossary.align_config()?;

    // Read and check every input before touching the TM.
    let options = args.segment.options()?;
    let src = Input::read(&args.src, src_lang, args.segmented, options)?;
    let targets: Vec<Input> = args
        .tgt
        .iter()
        .zip(tgt_langs)
        .map(|(p, l)| Input::read(p, l, args.segmented, options))
        .collect::<anyhow::Result<_>>()?;

    if !args.dry_run {
        for input in std::iter::once(&src).chain(&targets) {
            crate::doc::check_storable(
                &crate::doc::display_name(&input.path),
                &input.text,
                &input.sentences,
            )?;
        }
    }

    // What the TM knows of each pair, read first; then the pairs are
    // aligned side by side, a thread each (they share nothing).
    let known: Vec<Vec<(String, String)>> = if args.no_tm_lexicon {
        vec![Vec::new(); targets.len()]
    } else {
        let langs: Vec<&str> = targets.iter().map(|t| t.lang.as_str()).collect();
        tm_pairs(&global.db, &src.lang, &langs, &doc)?
    };
    let stored_units = match args.replace {
        true => {
            let langs: Vec<&str> = targets.iter().map(|t| t.lang.as_str()).collect();
            stored_units_of(&global.db, &doc, &src, &langs)?
        }
        false => vec![Vec::new(); targets.len()],
    };
    let lexicon_pairs: Vec<usize> = known.iter().map(Vec::len).collect();
    let bar = super::output::progress(targets.len() as u64, "aligning");
    // As many at a time as there are cores, so memory stays bounded.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Each target with what the TM knows of its pair and the units it holds.
    let pairs: Vec<_> = targets
        .iter()
        .zip(&known)
        .zip(&stored_units)
        .map(|((t, k), s)| (t, k, s))
        .collect();
    let mut aligned: Vec<(&Input, Vec<Bead>)> = Vec::new();
    for batch in pairs.chunks(cores) {
        std::thread::scope(|scope| {
            let threads: Vec<_> = batch
                .iter()
                .map(|&(tgt, known, stored)| {
                    let (src, config, bar) = (&src, &config, &bar);
                    scope.spawn(move || {
                        let beads = beads_of(src, tgt, config, known, stored);
                        bar.inc(1);
                        (tgt, beads)
                    })
                })
                .collect();
            for t in threads {
                aligned.push(t.join().expect("an aligner thread panicked"));
            }
        });
    }
    bar.finish_and_clear();

    let mut source_replaced = None;
    let stored: Vec<Option<StoredPair>> = if args.dry_run {
        vec![None; aligned.len()]
    } else {
        let author = args.replace.then(|| super::diff::author(None));
        let replace = match &author {
            Some(a) if args.merge_units => crate::store::Replace::ByMerging(a),
            Some(a) => crate::store::Replace::By(a),
            None => crate::store::Replace::No,
        };
        let given: Vec<&str> = targets.iter().map(|t| t.lang.as_str()).collect();
        let drop: Vec<&str> = drop_langs.iter().map(String::as_str).collect();
        let mut store = Store::open_or_create_in(&global.db, global.db_is_default)?;
        let stored = store
            .write(|tx| {
                if let Some(author) = &author {
                    source_replaced = crate::store::replace_source(
                        tx,
                        &doc,
                        &src.aligned(),
                        &given,
                        &drop,
                        author,
                    )?;
                }
                let stored = aligned
                    .iter()
                    .map(|(tgt, beads)| {
                        crate::store::store_alignment(
                            tx,
                            &doc,
                            &src.aligned(),
                            &tgt.aligned(),
                            beads,
                            replace,
                        )
                        .map(Some)
                    })
                    .collect::<anyhow::Result<Vec<_>>>()?;
                // Written before the commit: a page that cannot be written
                // leaves the TM as it was.
                if let Some(path) = &args.html {
                    write_html(path, &doc, &src, &aligned, args.review_below)?;
                }
                Ok(stored)
            })
            .with_context(|| format!("nothing was stored in {}", global.db.display()));
        match stored {
            Ok(s) => s,
            Err(e) => {
                store.discard_if_new();
                return Err(e);
            }
        }
    };

    let reports: Vec<PairReport> = aligned
        .iter()
        .zip(stored)
        .zip(lexicon_pairs)
        .map(|(((tgt, beads), stored), lexicon_pairs)| {
            pair_report(&src, tgt, beads, lexicon_pairs, stored)
        })
        .collect();
    if let (Some(path), true) = (&args.html, args.dry_run) {
        write_html(path, &doc, &src, &aligned, args.review_below)?;
    }
    if let Some(r) = &source_replaced {
        note_source_replaced(&src.lang, r, args, out)?;
    }
    if args.review {
        let code = review(
            &doc,
            &src,
            &aligned,
            &reports,
            args.format,
            args.review_below,
            out,
        )?;
        // The review does not hide that the pairs were stored.
        if !args.dry_run && args.format == Format::Text {
            for r in &reports {
                out.line(&format!(
                    "{} {} → {}: {}",
                    out.paint(Style::Bold, &doc),
                    r.src_lang,
                    r.tgt_lang,
                    stored_note(&r.stored, &global.db)
                ))?;
            }
        }
        return Ok(code);
    }
    render(args, &doc, &reports, global, out)?;
    Ok(super::exit::OK)
}

/// What replacing a changed source did to the document's units (text format).
fn note_source_replaced(
    src_lang: &str,
    r: &crate::store::SourceReplaced,
    args: &Args,
    out: &mut Output,
) -> anyhow::Result<()> {
    if args.format != Format::Text {
        return Ok(());
    }
    let mut line = format!(
        "  the {src_lang} text changed: {} kept (source sentences unchanged), {} retired (their texts kept as revisions: tm history UNIT)",
        count(r.units_kept, "unit", "units"),
        count(r.units_retired, "unit", "units"),
    );
    if !r.dropped.is_empty() {
        line.push_str(&format!(
            "; dropped {} (kept as revisions)",
            r.dropped.join(", ")
        ));
    }
    Ok(out.line(&line)?)
}

fn pair_report<'a>(
    src: &'a Input,
    tgt: &'a Input,
    beads: &[Bead],
    lexicon_pairs: usize,
    stored: Option<StoredPair>,
) -> PairReport<'a> {
    PairReport {
        src: src.path.display().to_string(),
        tgt: tgt.path.display().to_string(),
        src_lang: &src.lang,
        tgt_lang: &tgt.lang,
        src_sentences: src.sentences.len(),
        tgt_sentences: tgt.sentences.len(),
        lexicon_pairs,
        beads: beads
            .iter()
            .map(|b| BeadRow {
                src_lang: &src.lang,
                tgt_lang: &tgt.lang,
                src: b.src.clone().collect(),
                tgt: b.tgt.clone().collect(),
                src_text: join(&src.sentences, b.src.clone()),
                tgt_text: join(&tgt.sentences, b.tgt.clone()),
                confidence: round3(b.confidence),
            })
            .collect(),
        stored,
    }
}

/// The HTML review page of the alignments of `src` with each target.
fn write_html(
    path: &Path,
    doc: &str,
    src: &Input,
    aligned: &[(&Input, Vec<Bead>)],
    below: f64,
) -> anyhow::Result<()> {
    let pairs: Vec<super::align_html::Pair> = aligned
        .iter()
        .map(|(tgt, beads)| html_pair(src, tgt, beads))
        .collect();
    std::fs::write(path, super::align_html::page(doc, &pairs, below))
        .with_context(|| format!("writing {}", path.display()))
}

fn html_pair<'a>(src: &'a Input, tgt: &'a Input, beads: &'a [Bead]) -> super::align_html::Pair<'a> {
    super::align_html::Pair {
        src_lang: &src.lang,
        tgt_lang: &tgt.lang,
        src: src.sentences.iter().map(|s| s.text.as_str()).collect(),
        tgt: tgt.sentences.iter().map(|s| s.text.as_str()).collect(),
        beads,
    }
}

/// `tm review --html` of every stored document, one document's part: the
/// HTML sections of its pairs with weak beads, headed by `doc`, and how
/// many there are.
pub(super) fn weak_html_sections(
    doc: &str,
    src: &Input,
    targets: &[(Input, Vec<Bead>)],
    below: f64,
) -> (String, usize) {
    let mut html = String::new();
    let mut n = 0;
    for (tgt, beads) in targets {
        if align::weak_beads(beads, below).next().is_some() {
            html.push_str(&super::align_html::section(
                Some(doc),
                &html_pair(src, tgt, beads),
                below,
            ));
            n += 1;
        }
    }
    (html, n)
}

/// List the weak beads; exit 1 when there are any.
fn review(
    doc: &str,
    src: &Input,
    aligned: &[(&Input, Vec<Bead>)],
    reports: &[PairReport],
    format: Format,
    below: f64,
    out: &mut Output,
) -> anyhow::Result<i32> {
    let pairs = aligned.iter().map(|(tgt, beads)| (*tgt, &beads[..]));
    let weak = weak_pairs(doc, src, pairs, reports, below);
    render_review(format, below, doc, &weak, out)?;
    let any = weak.iter().any(|(_, w)| !w.is_empty());
    Ok(if any {
        super::exit::FINDINGS
    } else {
        super::exit::OK
    })
}

/// `tm review`: the weak beads of a stored alignment of `doc`, the source
/// text and each target with the beads the TM holds for it.
pub(super) fn review_stored(
    doc: &str,
    src: &Input,
    targets: &[(Input, Vec<Bead>)],
    format: Format,
    below: f64,
    html: Option<&Path>,
    out: &mut Output,
) -> anyhow::Result<i32> {
    let aligned: Vec<(&Input, Vec<Bead>)> = targets.iter().map(|(t, b)| (t, b.clone())).collect();
    if let Some(path) = html {
        write_html(path, doc, src, &aligned, below)?;
    }
    let reports: Vec<PairReport> = aligned
        .iter()
        .map(|(tgt, beads)| pair_report(src, tgt, beads, 0, None))
        .collect();
    review(doc, src, &aligned, &reports, format, below, out)
}

/// Each pair's report with the pair's beads below `below`, in context.
fn weak_pairs<'a, 'r>(
    doc: &'a str,
    src: &'a Input,
    pairs: impl Iterator<Item = (&'a Input, &'a [Bead])>,
    reports: &'r [PairReport<'r>],
    below: f64,
) -> Vec<(&'r PairReport<'r>, Vec<WeakBead<'a>>)> {
    pairs
        .zip(reports)
        .map(|((tgt, beads), r)| (r, weak_beads(doc, src, tgt, beads, below)))
        .collect()
}

/// `tm review` of every stored document, one document's part: its pairs
/// that have weak beads, printed (text, JSON Lines) or, for JSON, added to
/// `json`. Returns how many weak beads it has.
pub(super) fn review_part(
    doc: &str,
    src: &Input,
    targets: &[(Input, Vec<Bead>)],
    format: Format,
    below: f64,
    json: &mut Vec<serde_json::Value>,
    out: &mut Output,
) -> anyhow::Result<usize> {
    let reports: Vec<PairReport> = targets
        .iter()
        .map(|(tgt, beads)| pair_report(src, tgt, beads, 0, None))
        .collect();
    let pairs = targets.iter().map(|(tgt, beads)| (tgt, &beads[..]));
    let mut weak = weak_pairs(doc, src, pairs, &reports, below);
    weak.retain(|(_, w)| !w.is_empty());
    if weak.is_empty() {
        return Ok(0);
    }
    match format {
        Format::Json => json.push(review_json(doc, below, &weak)),
        _ => {
            render_review(format, below, doc, &weak, out)?;
            if matches!(format, Format::Text) {
                out.line("")?;
            }
        }
    }
    Ok(weak.iter().map(|(_, w)| w.len()).sum())
}

/// The JSON of one document's review.
fn review_json(doc: &str, below: f64, weak: &[(&PairReport, Vec<WeakBead>)]) -> serde_json::Value {
    let pairs: Vec<serde_json::Value> = weak
        .iter()
        .map(|(r, ws)| {
            serde_json::json!({
                "src": r.src,
                "tgt": r.tgt,
                "src_lang": r.src_lang,
                "tgt_lang": r.tgt_lang,
                "beads": r.beads.len(),
                "weak": ws,
            })
        })
        .collect();
    serde_json::json!({
        "document": doc,
        "review_below": below,
        "pairs": pairs,
    })
}

fn render_review(
    format: Format,
    below: f64,
    doc: &str,
    weak: &[(&PairReport, Vec<WeakBead>)],
    out: &mut Output,
) -> anyhow::Result<()> {
    match format {
        Format::Jsonl => {
            for (_, ws) in weak {
                for w in ws {
                    out.jsonl(w)?;
                }
            }
        }
        Format::Json => out.json(&review_json(doc, below, weak))?,
        Format::Text | Format::Beads => {
            for (r, ws) in weak {
                out.line(&format!(
                    "{} {} → {}: {} of {} beads to review ({})",
                    out.paint(Style::Bold, doc),
                    r.src_lang,
                    r.tgt_lang,
                    ws.len(),
                    r.beads.len(),
                    weak_reasons(below)
                ))?;
                for w in ws {
                    out.line("")?;
                    let head = format!(
                        "  bead {}  {}:{}  confidence {:.2}",
                        w.bead,
                        fmt_indices(&w.src),
                        fmt_indices(&w.tgt),
                        w.confidence
                    );
                    out.line(&out.paint(Style::Yellow, &head))?;
                    out.line(&format!("  why: {}", w.reason))?;
                    for (lang, before, text, after) in [
                        (w.src_lang, w.src_before, &w.src_text, w.src_after),
                        (w.tgt_lang, w.tgt_before, &w.tgt_text, w.tgt_after),
                    ] {
                        let width = w.src_lang.len().max(w.tgt_lang.len());
                        let lang = format!("{lang:<width$}");
                        let ctx = |s: Option<&str>| match s {
                            Some(s) => format!("    {lang}   {}", ellipsize(s, 100)),
                            None => format!("    {lang}   (start or end of the text)"),
                        };
                        let (before, after) = (ctx(before), ctx(after));
                        out.line(&out.paint(Style::Dim, &before))?;
                        let body = if text.is_empty() {
                            "(nothing)"
                        } else {
                            text.as_str()
                        };
                        out.line(&format!("    {lang} > {body}"))?;
                        out.line(&out.paint(Style::Dim, &after))?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn join(sentences: &[Sentence], range: std::ops::Range<usize>) -> String {
    sentences[range]
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn fmt_indices(ix: &[usize]) -> String {
    format!(
        "[{}]",
        ix.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn render(
    args: &Args,
    doc: &str,
    reports: &[PairReport],
    global: &Global,
    out: &mut Output,
) -> anyhow::Result<()> {
    match args.format {
        Format::Beads => {
            for r in reports {
                if reports.len() > 1 {
                    out.line(&format!("# {} {}", r.src, r.tgt))?;
                }
                for b in &r.beads {
                    out.line(&format!("{}:{}", fmt_indices(&b.src), fmt_indices(&b.tgt)))?;
                }
            }
        }
        Format::Jsonl => {
            for r in reports {
                for b in &r.beads {
                    out.jsonl(b)?;
                }
            }
        }
        Format::Json => out.json(&serde_json::json!({ "document": doc, "pairs": reports }))?,
        Format::Text => {
            for r in reports {
                let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
                for b in &r.beads {
                    *kinds
                        .entry(format!("{}-{}", b.src.len(), b.tgt.len()))
                        .or_default() += 1;
                }
                let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
                let mean =
                    r.beads.iter().map(|b| b.confidence).sum::<f64>() / r.beads.len().max(1) as f64;
                out.line(&format!(
                    "{} {} → {}: {} ↔ {} sentences, {} beads ({}), mean confidence {:.2}",
                    out.paint(Style::Bold, doc),
                    r.src_lang,
                    r.tgt_lang,
                    r.src_sentences,
                    r.tgt_sentences,
                    r.beads.len(),
                    kinds.join(", "),
                    mean
                ))?;
                if r.lexicon_pairs > 0 {
                    out.line(&format!(
                        "  lexicon learned from {} sentence pairs the TM holds for this language pair",
                        r.lexicon_pairs
                    ))?;
                }
                for b in r.beads.iter().filter(|b| b.confidence < 0.5) {
                    let line = format!(
                        "  low confidence {:.2}  {}:{}  {} | {}",
                        b.confidence,
                        fmt_indices(&b.src),
                        fmt_indices(&b.tgt),
                        ellipsize(&b.src_text, 50),
                        ellipsize(&b.tgt_text, 50)
                    );
                    out.line(&out.paint(Style::Yellow, &line))?;
                }
                out.line(&format!("  {}", stored_note(&r.stored, &global.db)))?;
            }
        }
    }
    Ok(())
}

/// What storing one pair did, for the text output: `stored in TM: …`,
/// `already in the TM: nothing changed` or `dry run: nothing stored`.
fn stored_note(stored: &Option<StoredPair>, db: &std::path::Path) -> String {
    match stored {
        None => "dry run: nothing stored".to_string(),
        Some(s) if !s.changed => "already in the TM: nothing changed".to_string(),
        Some(s) => {
            let mut replaced = if s.revisions > 0 {
                format!(
                    ", {} replaced (the old kept as revisions: tm history)",
                    count(s.revisions, "translation", "translations")
                )
            } else {
                String::new()
            };
            if s.moved > 0 {
                replaced.push_str(&format!(
                    ", {} to the {} of {} changed source {}",
                    count(s.moved, "translation moved", "translations moved"),
                    if s.moved == 1 { "unit" } else { "units" },
                    if s.moved == 1 { "its" } else { "their" },
                    if s.moved == 1 {
                        "sentence"
                    } else {
                        "sentences"
                    },
                ));
            }
            format!(
                "stored in {}: {}, {} merged, {} added{replaced}",
                db.display(),
                count(s.units_created, "new unit", "new units"),
                count(s.units_merged, "unit", "units"),
                count(s.variants_added, "variant", "variants")
            )
        }
    }
}

/// The start of `s`, at most `n` characters, for a reason to quote.
fn quote(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>().trim_end())
    }
}

fn ellipsize(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// `1 unit`, `2 units`.
/// Why a bead is weak, every reason (see `Bead::is_weak`), for the
/// summary lines of `tm align --review` and `tm review` and the HTML page.
pub(super) fn weak_reasons(below: f64) -> String {
    format!(
        "confidence below {below:.2}, no counterpart, a sentence nothing translates, \
         or a translation that may be in a nearby bead"
    )
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
