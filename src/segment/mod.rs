//! Rule-based sentence segmentation.
//!
//! Policy (documented in the README):
//! - Paragraphs are hard boundaries. If a document has blank lines, blocks
//!   separated by blank lines are paragraphs (single line breaks inside them
//!   are spaces); otherwise every non-empty line is a paragraph.
//! - A quotation holding several sentences is split into its sentences; a
//!   closing quote belongs to the sentence before it. [`Quotations::Keep`]
//!   keeps it whole instead (the convention of pySBD and sentencex).
//! - Abbreviation lists are data, one file per language under `src/segment/data/`.
//!
//! Codemap: [`rules`] picks the lists and settings for a language; `scan` is
//! the one-pass scanner that decides each boundary.

use std::ops::Range;

mod config;
mod quotes;
pub mod rules;
mod scan;

/// What to do with a quotation that holds several sentences
/// (`“Go. Now,” he said.`). Also the values of `--quotations`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Quotations {
    /// `“Go.` / `Now,” he said.`: split into its sentences, as the UD
    /// treebanks and the SRX rules of CAT tools do (the default).
    #[default]
    Split,
    /// `“Go. Now,” he said.`: kept in one segment when it closes in the same
    /// paragraph, as pySBD and sentencex do.
    Keep,
}

impl Quotations {
    /// The other convention.
    pub fn other(self) -> Quotations {
        match self {
            Quotations::Split => Quotations::Keep,
            Quotations::Keep => Quotations::Split,
        }
    }

    /// Parse `split` or `keep` (as `tm.toml` writes them).
    pub fn parse(s: &str) -> Option<Quotations> {
        match s {
            "split" => Some(Quotations::Split),
            "keep" => Some(Quotations::Keep),
            _ => None,
        }
    }
}

/// Segmentation settings beyond the language's rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub quotations: Quotations,
}

/// One sentence of a document: its text as written (trimmed) and where it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    pub text: String,
    /// Byte offsets in the document (after BOM removal).
    pub start: usize,
    pub end: usize,
    /// 0-based paragraph number.
    pub paragraph: usize,
}

/// The text of sentences `r` of `doc`: the document's own slice when they
/// share a paragraph (so offsets and columns stay true), else the sentences
/// joined by a space.
pub fn text_of(doc: &str, sentences: &[Sentence], r: Range<usize>) -> String {
    match (sentences[r.clone()].first(), sentences[r.clone()].last()) {
        (Some(a), Some(b)) if a.paragraph == b.paragraph => doc[a.start..b.end].to_string(),
        _ => sentences[r]
            .iter()
            .map(|x| x.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Byte ranges of the paragraphs of a document (trimmed, never empty).
pub fn paragraphs(doc: &str) -> Vec<Range<usize>> {
    let has_blank =
        doc.lines().any(|l| l.trim().is_empty()) && doc.trim().lines().any(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut offset = 0;
    let mut cur: Option<Range<usize>> = None;
    for line in doc.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        let lead = content.len() - content.trim_start().len();
        let range = offset + lead..offset + lead + trimmed.len();
        offset += line.len();
        if trimmed.is_empty() {
            if let Some(r) = cur.take() {
                out.push(r);
            }
            continue;
        }
        if has_blank {
            cur = Some(match cur {
                Some(r) => r.start..range.end,
                None => range,
            });
        } else {
            out.push(range);
        }
    }
    if let Some(r) = cur {
        out.push(r);
    }
    out
}

/// Sentence byte ranges inside one paragraph of text in language `lang`
/// (a BCP 47 tag). Ranges are trimmed and never empty.
pub fn split(text: &str, lang: &str) -> Vec<Range<usize>> {
    split_with(text, lang, Options::default())
}

/// [`split`] with settings.
pub fn split_with(text: &str, lang: &str, options: Options) -> Vec<Range<usize>> {
    let ranges = scan::split(text, rules::for_lang(lang));
    match options.quotations {
        Quotations::Split => ranges,
        Quotations::Keep => join_quotations(ranges, &quotes::spans(text)),
    }
}

/// Merge sentences whose boundary lies inside a quotation.
fn join_quotations(ranges: Vec<Range<usize>>, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    if spans.is_empty() {
        return ranges;
    }
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            // The boundary between the last sentence and this one is inside.
            Some(last) if spans.iter().any(|q| q.start < last.end && r.start < q.end) => {
                last.end = r.end;
            }
            _ => out.push(r),
        }
    }
    out
}

/// Segment a whole document into sentences, paragraph by paragraph.
pub fn segment(doc: &str, lang: &str) -> Vec<Sentence> {
    segment_with(doc, lang, Options::default())
}

/// [`segment`] with settings.
pub fn segment_with(doc: &str, lang: &str, options: Options) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (p, range) in paragraphs(doc).into_iter().enumerate() {
        let para = &doc[range.clone()];
        for r in split_with(para, lang, options) {
            out.push(Sentence {
                text: para[r.clone()].to_string(),
                start: range.start + r.start,
                end: range.start + r.end,
                paragraph: p,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
