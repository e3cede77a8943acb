//! Rule-based sentence segmentation.
//!
//! Policy (documented in the README):
//! - Paragraphs are hard boundaries. If a document has blank lines, blocks
//!   separated by blank lines are paragraphs (single line breaks inside them
//!   are spaces); otherwise every non-empty line is a paragraph. Inside a
//!   block, a list item (`- `, `* `, `• `, `1.`, `1)`) starts a paragraph,
//!   and so does the line after a deliberate break (the next word would
//!   have fit on the line) that ends a sentence or precedes a capital.
//! - A sentence that the input wraps over lines is one line of text: its
//!   line breaks are spaces.
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
        (Some(a), Some(b)) if a.paragraph == b.paragraph => unwrap_lines(&doc[a.start..b.end]),
        _ => sentences[r]
            .iter()
            .map(|x| x.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A text slice with its line breaks (and the spaces around them) made one
/// space: a sentence the input wraps over lines is stored on one line.
pub fn unwrap_lines(s: &str) -> String {
    if !s.contains('\n') {
        return s.to_string();
    }
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Narrower than this, a block's longest line tells nothing of the width
/// it was wrapped at (a block of short lines was not wrapped).
const MIN_WRAP_WIDTH: usize = 60;

/// Whether a line starts with a list marker: `-`, `*`, `•`, `–`, `—`, or a
/// number of at most three digits with `.` or `)`, then white space.
fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '–' | '—' | '·') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &line[digits..];
            digits <= 3
                && (rest.starts_with(". ")
                    || rest.starts_with(") ")
                    || rest.starts_with(".\t")
                    || rest.starts_with(")\t"))
        }
        _ => false,
    }
}

/// Whether the line break between `line` and `next` (trimmed lines of one
/// block wrapped at most `width` wide) ends a paragraph: `next` is a list
/// item, or the break is deliberate (`next`'s first word would have fit on
/// `line`) and `line` ends a sentence or a heading (`next` starts with a
/// capital, a digit or a quote).
fn breaks_paragraph(line: &str, next: &str, width: usize) -> bool {
    if is_list_item(next) {
        return true;
    }
    let first_word = next.split_whitespace().next().unwrap_or("");
    let deliberate = line.chars().count() + 1 + first_word.chars().count() <= width;
    if !deliberate {
        return false;
    }
    let last = line
        .trim_end_matches(['"', '\'', '”', '’', '»', '«', '“', ')', ']'])
        .chars()
        .last();
    let ends_sentence = last
        .is_some_and(|c| matches!(c, '…' | ':') || crate::script_marks::sentence_mark(c).is_some());
    let starts_new = next.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '“' | '„' | '«' | '»' | '‘' | '(')
    });
    let continues = matches!(last, Some(',' | ';' | '-' | '–' | '—' | '/' | '&'));
    ends_sentence || (starts_new && !continues)
}

/// Byte ranges of the paragraphs of a document (trimmed, never empty).
pub fn paragraphs(doc: &str) -> Vec<Range<usize>> {
    let has_blank =
        doc.lines().any(|l| l.trim().is_empty()) && doc.trim().lines().any(|l| l.trim().is_empty());
    // Trimmed non-empty lines, and whether a blank line comes before each.
    let mut lines: Vec<(Range<usize>, bool)> = Vec::new();
    let mut offset = 0;
    let mut blank = false;
    for line in doc.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        let lead = content.len() - content.trim_start().len();
        let range = offset + lead..offset + lead + trimmed.len();
        offset += line.len();
        if trimmed.is_empty() {
            blank = true;
        } else {
            lines.push((range, blank));
            blank = false;
        }
    }
    if !has_blank {
        return lines.into_iter().map(|(r, _)| r).collect();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // One block: the lines up to the next blank line.
        let mut end = i + 1;
        while end < lines.len() && !lines[end].1 {
            end += 1;
        }
        let block = &lines[i..end];
        let width = block
            .iter()
            .map(|(r, _)| doc[r.clone()].chars().count())
            .max()
            .unwrap_or(0)
            .max(MIN_WRAP_WIDTH);
        let mut start = block[0].0.start;
        for k in 0..block.len() {
            let here = &block[k].0;
            let breaks = block.get(k + 1).is_none_or(|(next, _)| {
                breaks_paragraph(&doc[here.clone()], &doc[next.clone()], width)
            });
            if breaks {
                out.push(start..here.end);
                if let Some((next, _)) = block.get(k + 1) {
                    start = next.start;
                }
            }
        }
        i = end;
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
                text: unwrap_lines(&para[r.clone()]),
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
