//! `tm diff`: compare a new or revised translation with the stored one, and
//! `--apply` it, keeping the old text as a revision.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::Global;
use super::output::{Output, Style};
use crate::diff::{self, EditStats, NewBead, Op, OpKind, Status, UnitDiff};
use crate::segment;
use crate::store::{AlignedText, Replace, Store};

const EXAMPLES: &str = "Examples:
  tm diff examples/nato-kosovo/en.txt revised/sq.txt
  tm diff --doc nato-kosovo --lang sq revised.txt --format json
  tm diff en.txt sq.revised.txt --lang sq --html review.html
  tm diff en.txt sq.revised.txt --lang sq --apply --author 'Arta K.'
  tm diff --unit 12 --rev 1 --rev 2";

/// Compare a new translation of a stored document with the TM, unit by unit.
///
/// Every stored unit is classified: unchanged, changed, new (no stored
/// translation), missing (no counterpart now), re-segmented (a merge or a
/// split against the stored segmentation) or moved (the same text in another
/// place). Exit 0: every unit unchanged, 1: something differs (a moved text
/// too), 2: error (as diff(1)). With --apply, exit 0 once stored.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// `SRC NEW_TGT` (the source file identifies the document), or `NEW_TGT` with --doc.
    #[arg(num_args = 0..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The document in the TM (default: the one whose source text is SRC).
    #[arg(long, value_name = "NAME")]
    pub doc: Option<String>,
    /// Language of the new translation (default: from its file name).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Language of SRC (default: from its file name).
    #[arg(long, value_name = "LANG")]
    pub src_lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Also write a self-contained side-by-side review page.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Store the new translation as current, keeping the old texts as revisions.
    #[arg(long)]
    pub apply: bool,
    /// With --apply: store a text that joins sentences of separate units by
    /// merging those units, in every language (else it is refused).
    #[arg(long, requires = "apply")]
    pub merge_units: bool,
    /// The new translation has one sentence per line, as a document aligned
    /// with `tm align --segmented` (found by itself when the stored source
    /// splits into its sentences only by lines).
    #[arg(long)]
    pub segmented: bool,
    /// Compare even a file that does not look like a translation of the
    /// document (one that shares most words with the source, or few with
    /// the stored translation).
    #[arg(long)]
    pub force: bool,
    /// Who made the revision (default: git config user.name, else the OS user).
    #[arg(long)]
    pub author: Option<String>,
    /// Compare two revisions of a unit instead (see `tm history UNIT`).
    #[arg(long, value_name = "ID", conflicts_with_all = ["files", "apply", "html"])]
    pub unit: Option<i64>,
    /// A revision number (give it twice with --unit); default: the last two.
    #[arg(long, value_name = "N", requires = "unit")]
    pub rev: Vec<usize>,
    #[command(flatten)]
    pub glossary: super::glossary_arg::GlossaryArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Summary and word diffs: colour on a terminal, else `[-old-]{+new+}`.
    Text,
    /// A stable JSON document (see the README).
    Json,
}

/// The whole comparison, as rendered.
#[derive(Debug, serde::Serialize)]
pub struct Report {
    pub document: String,
    pub src_lang: String,
    pub lang: String,
    pub summary: Summary,
    pub units: Vec<UnitDiff>,
    /// With --apply: what was stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applied: Option<Applied>,
}

/// What `--apply` stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Applied {
    pub author: String,
    /// Stored texts replaced or removed, each kept as a revision.
    pub revisions: usize,
    pub units_created: usize,
    pub units_merged: usize,
    pub variants_added: usize,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    pub unchanged: usize,
    pub changed: usize,
    pub new: usize,
    pub missing: usize,
    #[serde(rename = "re-segmented")]
    pub resegmented: usize,
    /// Units whose text is unchanged, in another place of the file.
    pub moved: usize,
    /// Sentences with no source sentence (not units).
    pub added: usize,
    /// Units with no translation, stored or new (counted as unchanged).
    pub untranslated: usize,
    pub stats: EditStats,
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    if let Some(unit) = args.unit {
        return compare_revisions(args, unit, global, out);
    }
    let (src_file, new_file) = match args.files.as_slice() {
        [src, new] => (Some(src.as_path()), new.as_path()),
        [new] if args.doc.is_some() => (None, new.as_path()),
        [_] => bail!("give SRC and NEW_TGT, or --doc NAME and NEW_TGT"),
        _ => {
            bail!("nothing to compare: give SRC and NEW_TGT, --doc NAME and NEW_TGT, or --unit ID")
        }
    };
    let lang = crate::lang::resolve(args.lang.as_deref(), new_file, "--lang")?;
    let config = args.glossary.align_config()?;
    let new_text = crate::doc::read_text(new_file)?;
    let src_input = match src_file {
        Some(p) => {
            let l = crate::lang::resolve(args.src_lang.as_deref(), p, "--src-lang")?;
            Some((l, crate::doc::read_text(p)?))
        }
        None => None,
    };
    let mut store = Store::open_existing(&global.db)?;

    let document = match (&args.doc, &src_input) {
        (Some(d), _) => {
            if !store.document_exists(d)? {
                bail!("the TM has no document named '{d}' (see tm stats)");
            }
            d.clone()
        }
        (None, Some((l, text))) => store.document_with_text(l, text)?.with_context(|| {
            format!(
                "no document in the TM has this {l} text ({}): align it first, or name the document with --doc",
                src_file.map(Path::display).map(|d| d.to_string()).unwrap_or_default()
            )
        })?,
        (None, None) => unreachable!("checked above"),
    };
    let src_lang = match &src_input {
        Some((l, _)) => l.clone(),
        None => match &args.src_lang {
            Some(l) => crate::lang::canonical(l)?,
            None => store.source_lang(&document, &lang)?.with_context(|| {
                format!("document '{document}' has no alignment to compare {lang} against")
            })?,
        },
    };
    if src_lang == lang {
        bail!(
            "{} is in {lang}, the document's source language: give the translation",
            new_file.display()
        );
    }
    let source = store
        .stored_text(&document, &src_lang)?
        .with_context(|| format!("document '{document}' has no {src_lang} text in the TM"))?;
    let options = segment::Options::from_workspace()?;
    // The new translation is split as the stored text was: by the segmenter
    // (with the quotation convention that gives the stored count), or one
    // sentence per line when it was aligned with `--segmented`.
    let by_segmenter = match args.segmented {
        false => super::align::stored_sentences(&source, options),
        true => None,
    };
    let (src_sentences, new_sentences) = match by_segmenter {
        Some((s, options)) => (s, segment::segment_with(&new_text, &lang, options)),
        None => {
            let lines = super::align::lines_as_sentences(&source.content);
            if lines.len() != source.sentences {
                bail!(
                    "the stored {src_lang} text of '{document}' splits neither by tm's segmenter nor by lines into the {} sentences it was aligned as{}: \
                     tm's segmenter changed since; align the document again with `tm align --replace`",
                    source.sentences,
                    if args.segmented {
                        " (--segmented: one per line)"
                    } else {
                        ""
                    }
                );
            }
            (lines, super::align::lines_as_sentences(&new_text))
        }
    };
    if args.apply {
        crate::doc::check_storable(
            &crate::doc::display_name(new_file),
            &new_text,
            &new_sentences,
        )?;
    }
    let old_text = store.stored_text(&document, &lang)?;
    if !args.force {
        check_language(
            new_file,
            &new_text,
            &lang,
            &source.content,
            &src_lang,
            old_text.as_ref().map(|t| t.content.as_str()),
        )?;
    }

    let stored = store.stored_units(&document, &src_lang, &lang)?;
    // Stored translations the new text holds unchanged stay with their
    // units, where they are: the aligner (which keeps order) sees only the
    // sentences between them, so a moved text is no other unit's.
    let found = diff::find_unchanged(&stored, new_sentences.len(), |r| {
        segment::text_of(&new_text, &new_sentences, r)
    });
    let beads = diff::align_around(
        (&src_lang, &src_sentences),
        (&lang, &new_sentences),
        &config,
        &found,
    );
    // A dropped sentence is a unit that lost its text, not a merge of two.
    let beads = diff::split_deletions(&stored, &beads, |b| {
        segment::text_of(&new_text, &new_sentences, b.tgt.clone())
    });
    // A text moved and edited: the unit left with none takes it back.
    let (beads, edited_moves) = diff::pair_moved_edits(&stored, beads, |b| {
        segment::text_of(&new_text, &new_sentences, b.tgt.clone())
    });
    let new_beads: Vec<NewBead> = beads
        .iter()
        .map(|b| NewBead {
            src: b.src.clone(),
            tgt: b.tgt.clone(),
            text: segment::text_of(&new_text, &new_sentences, b.tgt.clone()),
        })
        .collect();
    let orphans = store.orphan_units(&document, &src_lang, &lang)?;
    let moved: Vec<&diff::Found> = found.iter().filter(|f| !f.in_stored_order).collect();
    let moved_ids: Vec<i64> = moved.iter().map(|f| f.unit).collect();
    let mut units = diff::classify(&stored, &orphans, &new_beads, &moved_ids);
    // Where each moved text now starts, edited or not.
    let places = moved
        .iter()
        .map(|f| (f.unit, f.tgt.start))
        .chain(edited_moves.iter().map(|(u, t)| (*u, t.start)));
    for (unit, at) in places {
        if let Some(u) = units.iter_mut().find(|u| u.units == [unit]) {
            u.line = new_sentences.get(at).map(|s| line_of(&new_text, s.start));
        }
    }
    let mut summary = Summary {
        stats: EditStats::sum(units.iter().map(|u| &u.stats)),
        ..Summary::default()
    };
    for u in &units {
        if u.old.is_none() && u.new.is_none() {
            summary.untranslated += 1;
        }
        *match u.status {
            Status::Unchanged => &mut summary.unchanged,
            Status::Changed => &mut summary.changed,
            Status::New => &mut summary.new,
            Status::Missing => &mut summary.missing,
            Status::Resegmented => &mut summary.resegmented,
            Status::Moved => &mut summary.moved,
            Status::Added => &mut summary.added,
        } += 1;
    }
    let differs = units.iter().any(|u| u.status != Status::Unchanged);
    let mut report = Report {
        document: document.clone(),
        src_lang: src_lang.clone(),
        lang: lang.clone(),
        summary,
        units,
        applied: None,
    };

    if let Some(path) = &args.html {
        std::fs::write(path, super::diff_html::page(&report))
            .with_context(|| format!("cannot write the review page {}", path.display()))?;
    }
    // The text report comes first, so that a refused --apply is read with
    // it; the JSON one is one document, written once it says what was stored.
    if args.format == Format::Text {
        render_text(&report, out)?;
    }
    let applied = match args.apply {
        false => None,
        true => {
            let author = author(args.author.as_deref());
            let path = new_file.to_str().unwrap_or_default().to_string();
            let stored = store.write(|tx| {
                let src = AlignedText {
                    lang: &src_lang,
                    path: &source.path,
                    source: &source.content,
                    sentences: &src_sentences,
                };
                let tgt = AlignedText {
                    lang: &lang,
                    path: &path,
                    source: &new_text,
                    sentences: &new_sentences,
                };
                let replace = if args.merge_units {
                    Replace::ByMerging(&author)
                } else {
                    Replace::By(&author)
                };
                crate::store::store_alignment(tx, &document, &src, &tgt, &beads, replace)
            });
            Some(stored.map(|s| Applied {
                author,
                revisions: s.revisions,
                units_created: s.units_created,
                units_merged: s.units_merged,
                variants_added: s.variants_added,
            }))
        }
    };
    let applied = applied.transpose();
    if let Ok(a) = &applied {
        report.applied = a.clone();
    }
    match args.format {
        Format::Json => out.json(&report)?,
        Format::Text => {
            if let Ok(Some(a)) = &applied {
                out.line(&format!(
                    "applied: the {lang} text of '{document}' is now current; {} kept as revisions (author: {})",
                    super::align::count(a.revisions, "old text", "old texts"),
                    a.author
                ))?;
            }
        }
    }
    if applied?.is_some() {
        return Ok(super::exit::OK);
    }
    Ok(if differs {
        super::exit::FINDINGS
    } else {
        super::exit::OK
    })
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    1 + text[..offset.min(text.len())].matches('\n').count()
}

/// Refuse a file that is plainly not a translation of the document: the
/// source text given again, or a text in another language or script than
/// the stored translation. Words are compared as written (lower case, NFC),
/// not folded: a transliteration (sr-Latn → sr-Cyrl) is a translation here,
/// and a close language (hr → bs) shares many words with its source, so a
/// text is taken for the source only when it shares more of its words with
/// the source than with the stored translation (with none stored: nearly
/// all of them). `--force` skips the check.
fn check_language(
    file: &Path,
    new: &str,
    lang: &str,
    source: &str,
    src_lang: &str,
    old: Option<&str>,
) -> anyhow::Result<()> {
    let vocab = |s: &str| -> HashSet<String> {
        crate::text::words(s)
            .into_iter()
            .filter(|w| w.chars().count() > 3)
            .map(|w| crate::text::nfc(&w.to_lowercase()))
            .collect()
    };
    let new_words = vocab(new);
    if new_words.is_empty() {
        return Ok(());
    }
    let share = |other: &HashSet<String>| {
        new_words.intersection(other).count() as f64 / new_words.len() as f64
    };
    let with_source = share(&vocab(source));
    let with_old = old.map(|o| share(&vocab(o)));
    let is_source = match with_old {
        Some(with_old) => with_source > 0.6 && with_source > with_old,
        None => with_source > 0.9,
    };
    let force = "pass --force if it is the right file";
    if is_source {
        bail!(
            "{} does not look like a {lang} translation: {:.0}% of its words are in the {src_lang} source text{}; {force}",
            file.display(),
            100.0 * with_source,
            with_old
                .map(|o| format!(", only {:.0}% in the stored {lang} text", 100.0 * o))
                .unwrap_or_default()
        );
    }
    if let Some(with_old) = with_old.filter(|&o| o < 0.25) {
        bail!(
            "{} does not look like a revision of the stored {lang} text: only {:.0}% of its words occur in it (is it in another language or script?); {force}",
            file.display(),
            100.0 * with_old
        );
    }
    Ok(())
}

/// `--author`, else git config user.name, else the OS user.
pub(super) fn author(given: Option<&str>) -> String {
    if let Some(a) = given.map(str::trim).filter(|a| !a.is_empty()) {
        return a.to_string();
    }
    let git = std::process::Command::new("git")
        .args(["config", "user.name"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    git.or_else(|| {
        std::env::var("USER")
            .ok()
            .or_else(|| std::env::var("USERNAME").ok())
    })
    .unwrap_or_else(|| "unknown".to_string())
}

/// Render ops as `[-old-]{+new+}` or in colour.
pub fn inline(ops: &[Op], out: &Output) -> String {
    let mut s = String::new();
    for op in ops {
        match op.op {
            OpKind::Equal => s.push_str(&op.new),
            OpKind::Delete => s.push_str(&del(&op.old, out)),
            OpKind::Insert => s.push_str(&ins(&op.new, out)),
            OpKind::Replace => match op.chars.as_deref().filter(|c| {
                let number = |t: &str| t.chars().any(|ch| ch.is_ascii_digit());
                !number(&op.old) && !number(&op.new) && similar(c)
            }) {
                // `Prishtin[-ë-]{+a+}`: a word that keeps most of its letters
                // shows the ones that changed (a number is read whole).
                Some(chars) => s.push_str(&inline(chars, out)),
                None => {
                    s.push_str(&del(&op.old, out));
                    s.push_str(&ins(&op.new, out));
                }
            },
        }
    }
    s
}

/// Does a character diff keep at least half of the longer word, in at most
/// two changed places? Else the whole word reads better replaced.
fn similar(chars: &[Op]) -> bool {
    let len = |f: fn(&Op) -> &str| chars.iter().map(|o| f(o).chars().count()).sum::<usize>();
    let kept: usize = chars
        .iter()
        .filter(|o| o.op == OpKind::Equal)
        .map(|o| o.new.chars().count())
        .sum();
    let longer = len(|o| &o.old).max(len(|o| &o.new));
    let places = chars
        .iter()
        .zip(std::iter::once(None).chain(chars.iter().map(Some)))
        .filter(|(o, prev)| o.op != OpKind::Equal && prev.is_none_or(|p| p.op == OpKind::Equal))
        .count();
    2 * kept >= longer && places <= 2
}

fn del(t: &str, out: &Output) -> String {
    if out.color() {
        out.paint(Style::Red, t)
    } else {
        format!("[-{t}-]")
    }
}

fn ins(t: &str, out: &Output) -> String {
    if out.color() {
        out.paint(Style::Green, t)
    } else {
        format!("{{+{t}+}}")
    }
}

fn render_text(r: &Report, out: &mut Output) -> anyhow::Result<()> {
    let s = &r.summary;
    let added = if s.added > 0 {
        format!(
            "; {} (no {} source)",
            super::align::count(s.added, "added sentence", "added sentences"),
            r.src_lang
        )
    } else {
        String::new()
    };
    out.line(&format!(
        "{} {} (against {}): {} unchanged, {} changed, {} new, {} missing, {} re-segmented, {} moved{added}",
        out.paint(Style::Bold, &r.document),
        r.lang,
        r.src_lang,
        s.unchanged,
        s.changed,
        s.new,
        s.missing,
        s.resegmented,
        s.moved,
    ))?;
    if s.untranslated > 0 {
        out.line(&format!(
            "({} of the unchanged units {} no {} text, stored or new)",
            s.untranslated,
            if s.untranslated == 1 { "has" } else { "have" },
            r.lang
        ))?;
    }
    out.line(&format!(
        "words: {} added, {} deleted, {} changed; edit distance {} of {} words ({:.1}%)",
        s.stats.added,
        s.stats.deleted,
        s.stats.changed,
        s.stats.distance,
        s.stats.words_old.max(s.stats.words_new),
        s.stats.distance_pct
    ))?;
    for u in r.units.iter().filter(|u| u.status != Status::Unchanged) {
        out.line("")?;
        let ids: Vec<String> = u.units.iter().map(|i| i.to_string()).collect();
        let how = match u.status {
            Status::Moved => match u.line {
                Some(line) => format!("the same text, now on line {line}"),
                None => "the same text, in another place".to_string(),
            },
            _ if u.stats.distance == 0 && u.status == Status::Changed => {
                "white space only".to_string()
            }
            _ => match u.line {
                Some(line) => format!(
                    "moved to line {line}; {:.1}% edit distance",
                    u.stats.distance_pct
                ),
                None => format!("{:.1}% edit distance", u.stats.distance_pct),
            },
        };
        let head = match u.status {
            Status::Added => format!("added sentence (no {} source)", r.src_lang),
            _ => format!("{} unit {}  ({how})", u.status.name(), ids.join("+")),
        };
        out.line(&out.paint(Style::Cyan, &head))?;
        if !u.source.is_empty() {
            out.line(&format!("  {}: {}", r.src_lang, u.source))?;
        }
        out.line(&format!("  {}: {}", r.lang, inline(&u.ops, out)))?;
        if !u.scripts.is_empty() {
            let named: Vec<String> = u
                .scripts
                .iter()
                .map(|c| {
                    format!(
                        "{} {} {} → {} {} {}",
                        c.old_code,
                        c.old_script.to_uppercase(),
                        c.old,
                        c.new_code,
                        c.new_script.to_uppercase(),
                        c.new
                    )
                })
                .collect();
            out.line(&format!(
                "  letters of another script: {}",
                named.join(", ")
            ))?;
        }
    }
    Ok(())
}

fn compare_revisions(
    args: &Args,
    unit: i64,
    global: &Global,
    out: &mut Output,
) -> anyhow::Result<i32> {
    let store = Store::open_existing(&global.db)?;
    let history = store.history(unit)?;
    if let Some(first) = history.merged_into.first() {
        bail!(
            "unit {unit} was merged into unit {} on {}: its texts are unit {}'s now \
             (compare them with tm diff --unit {}; see tm history {unit})",
            first.into,
            first.merged_at,
            history.revisions_of,
            history.revisions_of
        );
    }
    let history = history.revisions;
    let mut by_lang: BTreeMap<&str, Vec<&crate::store::Revision>> = BTreeMap::new();
    for r in &history {
        by_lang.entry(r.lang.as_str()).or_default().push(r);
    }
    // A language has something to compare once a text of it was replaced
    // or removed.
    let changed = |v: &Vec<&crate::store::Revision>| v.len() > 1 || v.iter().all(|r| !r.current);
    let lang = match &args.lang {
        Some(l) => crate::lang::canonical(l)?,
        None => {
            let with_history: Vec<&&str> = by_lang
                .iter()
                .filter(|(_, v)| changed(v))
                .map(|(l, _)| l)
                .collect();
            match with_history.as_slice() {
                [one] => one.to_string(),
                [] => bail!(
                    "unit {unit} has one text per language, none replaced or removed: nothing to compare (see tm history {unit})"
                ),
                many => bail!(
                    "unit {unit} has revisions in several languages ({}): choose one with --lang",
                    many.iter()
                        .map(|l| l.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    };
    let revs = by_lang
        .get(lang.as_str())
        .with_context(|| format!("unit {unit} has no {lang} text, nor had one"))?;
    // A text that was removed (no current one) is compared with nothing:
    // its number is one past the last revision.
    let removed = revs.iter().all(|r| !r.current);
    let last = revs.len() + usize::from(removed);
    let (a, b) = match args.rev.as_slice() {
        [] if last >= 2 => (last - 1, last),
        [] => bail!(
            "unit {unit} has one {lang} text, never replaced: nothing to compare (see tm history {unit})"
        ),
        [a, b] => (*a, *b),
        _ => bail!("give --rev twice (two revision numbers), or neither for the last two"),
    };
    let get = |n: usize| -> anyhow::Result<(String, Option<&crate::store::Revision>)> {
        if removed && n == last {
            return Ok(("removed".to_string(), None));
        }
        let r = revs.get(n.wrapping_sub(1)).with_context(|| {
            format!(
                "unit {unit} has no {lang} revision {n} (it has 1 to {}{})",
                revs.len(),
                if removed {
                    ", and the text was removed after the last"
                } else {
                    ""
                }
            )
        })?;
        Ok((format!("revision {n}"), Some(*r)))
    };
    let ((na, ra), (nb, rb)) = (get(a)?, get(b)?);
    let text = |r: Option<&crate::store::Revision>| r.map(|r| r.text.clone()).unwrap_or_default();
    let ops = diff::word_diff(&text(ra), &text(rb));
    let stats = EditStats::of(&ops);
    match args.format {
        Format::Json => out.json(&serde_json::json!({
            "unit": unit, "lang": lang, "from": ra, "to": rb, "ops": ops, "stats": stats
        }))?,
        Format::Text => {
            out.line(&format!(
                "unit {unit} {lang}: {na} → {nb} ({:.1}% edit distance)",
                stats.distance_pct
            ))?;
            out.line(&format!("  {}", inline(&ops, out)))?;
        }
    }
    Ok(if stats.distance == 0 {
        super::exit::OK
    } else {
        super::exit::FINDINGS
    })
}
