//! The match score: tokens, the word-level edit distance, and the small
//! penalties for differences that do not change a word.
//!
//! Definition (the README has it for users):
//! - Text is compared in NFC. A *token* is a word (a run of letters and digits,
//!   with inner `'`, `’`, `‘`, `-` and digit separators `.`/`,` kept, as
//!   [`crate::text::words`] reads them), a number (a word with no letter), an
//!   inline tag (`<b>`, `</b>`, `<x id="1"/>`; a stored TMX inline code; a
//!   placeholder as [`crate::qa::placeholders::find`] finds it: `{1}`, `%s`,
//!   `%1$s`, `{{name}}`, `$VAR`, `&amp;`) or one punctuation mark.
//!   Whitespace is not a token.
//! - Words, numbers and tags are *key tokens*. A word's key is its folded
//!   form ([`crate::text::fold_with`], as the language folds: case,
//!   diacritics, apostrophe form and Serbian script ignored, and in
//!   Serbo-Croatian `dj` read as `đ`); every number has the same key, and so
//!   has every tag. Punctuation has no key.
//! - `D` is the Levenshtein distance between the two key sequences (insert,
//!   delete, substitute one key token: cost 1) and `L` the longer key length.
//!   The base score is `100 · (L − D) / L` (OmegaT's word score).
//! - Along the alignment that gives `D` (and, among those, the lowest
//!   penalty), every *small difference* costs one point: a word that differs
//!   in case, a number with another value, a tag with other content, a
//!   punctuation mark added, removed or changed. Every *minor difference*
//!   costs half a point: a word that differs in diacritics, apostrophe form
//!   (`’ ' ‘ ʼ`) or script (`Beograd`, `Београд`), and a quotation mark of
//!   another style (`" “ ” „ « » ' ‘ ’`). They never need the translation
//!   changed, but the texts are not identical, so together they cost at most
//!   one point ([`minor_penalty`]): a long sentence in the other Serbian
//!   script scores 99, as one with a single small difference does. A small
//!   difference needs the translation changed however long the sentence is,
//!   so it costs its point whatever the length. A word that differs both in
//!   case and otherwise costs one and a half.
//! - When either text is in one case throughout (it has letters with case,
//!   all capitals or all small), its case differences are one change, of
//!   the whole text's case, and cost one small difference in all: a
//!   sentence typed in capitals scores 99, however long. A text with
//!   capitals in some words only pays a point for each word whose case
//!   differs, as each may need the translation changed.
//! - Score = max(0, base − small − min(minor / 2, 1)), shown rounded down.
//!   So only identical token sequences score 100; `1,000 troops` against
//!   `2,000 troops` scores 99, `Tom’s house` against `Tom's house` 99 (99.5).
//!
//! Because the small differences only ever lower the base score, an index
//! that finds every unit whose *base* score reaches the threshold finds every
//! unit whose score does ([`super::index`] relies on this).

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::interchange::tmx::Inline;
use crate::text::{Folder, Folding};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Tag,
    Punct,
}

/// One token: its kind and byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: Range<usize>,
}

/// The key every number shares (not a possible word: it starts with U+0001).
pub const NUMBER_KEY: &str = "\u{1}#";
/// The key every inline tag shares.
pub const TAG_KEY: &str = "\u{1}<>";

/// A text in NFC, its tokens, and how its language folds words into keys.
#[derive(Debug, Clone)]
pub struct Tokenized {
    pub text: String,
    pub tokens: Vec<Token>,
    pub folding: Folding,
}

impl Tokenized {
    /// Normalise `text` to NFC and tokenize it; words fold with `folding`
    /// (the language's: [`Folding::of`]).
    pub fn new(text: &str, folding: Folding) -> Tokenized {
        let text = crate::text::nfc(text);
        let tokens = tokenize(&text);
        Tokenized {
            text,
            tokens,
            folding,
        }
    }

    /// A text given as text and inline codes (a stored text with its TMX
    /// markup, [`super::coded_parts`]): the text parts are tokenized as
    /// [`Tokenized::new`] does, and each code is one tag token, written as
    /// the code it holds.
    pub fn from_parts(parts: &[Inline], folding: Folding) -> Tokenized {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for part in parts {
            let at = text.len();
            match part {
                Inline::Text(t) => {
                    let t = crate::text::nfc(t);
                    tokens.extend(tokenize(&t).into_iter().map(|k| Token {
                        kind: k.kind,
                        range: k.range.start + at..k.range.end + at,
                    }));
                    text.push_str(&t);
                }
                Inline::Code(c) => {
                    text.push_str(c);
                    tokens.push(Token {
                        kind: TokenKind::Tag,
                        range: at..text.len(),
                    });
                }
            }
        }
        Tokenized {
            text,
            tokens,
            folding,
        }
    }

    pub fn surface(&self, i: usize) -> &str {
        &self.text[self.tokens[i].range.clone()]
    }

    /// The key tokens, in order (punctuation left out).
    pub fn keys(&self) -> Vec<String> {
        (0..self.tokens.len()).filter_map(|i| self.key(i)).collect()
    }

    fn key(&self, i: usize) -> Option<String> {
        match self.tokens[i].kind {
            TokenKind::Word => Some(crate::text::fold_with(self.surface(i), self.folding)),
            TokenKind::Number => Some(NUMBER_KEY.to_string()),
            TokenKind::Tag => Some(TAG_KEY.to_string()),
            TokenKind::Punct => None,
        }
    }

    /// Call `f` with each key token of NFC `text`, in order, as
    /// [`Tokenized::keys`] gives them, without a String per token.
    pub fn each_key(text: &str, folding: Folding, buf: &mut String, mut f: impl FnMut(&str)) {
        let folder = Folder::new(folding);
        for t in tokenize(text) {
            match t.kind {
                TokenKind::Word => {
                    buf.clear();
                    for c in text[t.range].chars() {
                        folder.push(c, buf);
                    }
                    f(buf);
                }
                TokenKind::Number => f(NUMBER_KEY),
                TokenKind::Tag => f(TAG_KEY),
                TokenKind::Punct => {}
            }
        }
    }

    /// How many key tokens (the `L` of the score).
    pub fn key_len(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count()
    }
}

/// Split NFC text into tokens (see the module doc).
pub fn tokenize(s: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(s.len(), |c| c.0);
    // Placeholders (`{1}`, `%s`, `{{name}}`, `$VAR`, `&amp;`) and markup
    // tags (`<b>`, `<x id="1"/>`, not `a < b`) as qa finds them: one
    // recogniser for both, each one tag token.
    let mut spans: Vec<std::ops::Range<usize>> = crate::qa::placeholders::find(s)
        .into_iter()
        .map(|p| p.range)
        .chain(
            crate::qa::placeholders::find_tags(s)
                .into_iter()
                .map(|t| t.range),
        )
        .collect();
    spans.sort_by_key(|r| r.start);
    let mut spans = spans.into_iter().peekable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        // One inside a markup tag (`<a href="{url}">`) is part of the tag.
        while spans.next_if(|p| p.start < pos).is_some() {}
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if let Some(t) = spans.next_if(|t| t.start == pos) {
            while i < chars.len() && chars[i].0 < t.end {
                i += 1;
            }
            out.push(Token {
                kind: TokenKind::Tag,
                range: t,
            });
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            let mut letter = c.is_alphabetic();
            while j < chars.len() {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    letter |= cj.is_alphabetic();
                    j += 1;
                    continue;
                }
                // Joiners as in `text::words`: don't, Jean-Luc, 1,000, 4.500,5.
                let next = chars.get(j + 1).map(|x| x.1);
                let prev = chars[j - 1].1;
                let joins = match (cj, next) {
                    ('.' | ',', Some(n)) => prev.is_ascii_digit() && n.is_ascii_digit(),
                    ('\'' | '’' | '‘' | '-', Some(n)) => {
                        prev.is_alphanumeric() && n.is_alphanumeric()
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                j += 1;
            }
            out.push(Token {
                kind: if letter {
                    TokenKind::Word
                } else {
                    TokenKind::Number
                },
                range: pos..end_of(j),
            });
            i = j;
            continue;
        }
        out.push(Token {
            kind: TokenKind::Punct,
            range: pos..end_of(i + 1),
        });
        i += 1;
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The score of a stored text against a query.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MatchScore {
    /// The score in percent, before rounding down (0–100).
    pub percent: f64,
    /// Key-token edit distance (`D`).
    pub distance: usize,
    /// The longer key length (`L`).
    pub length: usize,
    /// Small differences (case, number value, tag, punctuation), one point
    /// each; the case of a text in one case throughout counts as one.
    pub small: usize,
    /// Minor differences (diacritics, apostrophe form or script of a word, a
    /// quotation mark's style), half a point each.
    pub minor: usize,
}

impl MatchScore {
    /// The score as shown: rounded down to a whole percent.
    pub fn whole(&self) -> u32 {
        self.percent.floor() as u32
    }
}

/// The base score `100 · (L − D) / L` (0 when both sides have no key token).
pub fn base_percent(distance: usize, length: usize) -> f64 {
    if length == 0 {
        return 0.0;
    }
    100.0 * (length - distance.min(length)) as f64 / length as f64
}

/// True when a base score reaches `min` percent, in exact integer arithmetic.
pub fn reaches(distance: usize, length: usize, min: u32) -> bool {
    length > 0 && 100 * (length - distance.min(length)) >= min as usize * length
}

/// Quotation marks (and apostrophes standing alone): one of another style
/// is a minor difference.
const QUOTES: &[char] = &[
    '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '\'', '‘', '’', '‚', '‛', 'ʼ',
];

/// How two words with the same key differ: in case (a small difference),
/// and otherwise, in diacritics, apostrophe or script (a minor one).
fn word_difference(a: &str, b: &str, folding: Folding) -> (bool, bool) {
    if a == b {
        return (false, false);
    }
    if a.to_lowercase() == b.to_lowercase() {
        return (true, false);
    }
    (case_pattern(a, folding) != case_pattern(b, folding), true)
}

/// Whether the words of a text are in one case throughout: it has letters
/// with case, and they are all capitals or all small letters. Then every
/// case difference from another text is one change, of the whole text's
/// case.
fn in_one_case(t: &Tokenized) -> bool {
    let (mut upper, mut lower) = (false, false);
    for (i, token) in t.tokens.iter().enumerate() {
        if token.kind == TokenKind::Word {
            for c in t.surface(i).chars() {
                upper |= c.is_uppercase();
                lower |= c.is_lowercase();
            }
        }
    }
    upper != lower
}

/// For each character of the folded word, whether the letter it comes from
/// is upper case (`Straße` and `STRASSE` differ in case, `Straße` and
/// `Strasse` do not).
fn case_pattern(word: &str, folding: Folding) -> Vec<bool> {
    let folder = Folder::new(folding);
    let mut folded = String::new();
    let mut out = Vec::new();
    for c in word.chars() {
        let before = folded.len();
        folder.push(c, &mut folded);
        let n = folded[before..].chars().count();
        out.extend(std::iter::repeat_n(c.is_uppercase(), n));
    }
    out
}

/// What `minor` minor differences cost, in points: half a point each, and
/// at most one point in all (as much as one small difference). They never
/// need the translation changed, so a sentence in the other Serbian script
/// or typed without diacritics stays a 99% match however long it is.
pub fn minor_penalty(minor: usize) -> f64 {
    (0.5 * minor as f64).min(MINOR_CAP)
}

/// The most that minor differences together cost, in points.
const MINOR_CAP: f64 = 1.0;

/// Score `stored` against `query` (the full definition of the module doc).
pub fn score(query: &Tokenized, stored: &Tokenized) -> MatchScore {
    let a = &query.tokens;
    let b = &stored.tokens;
    let (n, m) = (a.len(), b.len());
    // When either text is in one case throughout, its case differences are
    // one change (of the whole text's case), a point in all: counted apart,
    // not in the penalty.
    let one_case = in_one_case(query) || in_one_case(stored);
    // Lexicographic (key edits, penalty in half points, minor differences,
    // case differences counted apart) DP; punctuation edits cost
    // (0, 2, 0, 0), so `.0` is exactly the key-token Levenshtein distance.
    type Cell = (usize, usize, usize, usize);
    const INF: Cell = (usize::MAX / 4, 0, 0, 0);
    let cost_indel = |t: &Token| -> Cell {
        if t.kind == TokenKind::Punct {
            (0, 2, 0, 0)
        } else {
            (1, 0, 0, 0)
        }
    };
    let add = |x: Cell, y: Cell| (x.0 + y.0, x.1 + y.1, x.2 + y.2, x.3 + y.3);
    let ka: Vec<Option<String>> = (0..n).map(|i| query.key(i)).collect();
    let kb: Vec<Option<String>> = (0..m).map(|j| stored.key(j)).collect();
    let mut prev: Vec<Cell> = Vec::with_capacity(m + 1);
    prev.push((0, 0, 0, 0));
    for t in b {
        let last = *prev.last().unwrap_or(&(0, 0, 0, 0));
        prev.push(add(last, cost_indel(t)));
    }
    let mut cur = vec![(0, 0, 0, 0); m + 1];
    for i in 0..n {
        cur[0] = add(prev[0], cost_indel(&a[i]));
        for j in 0..m {
            let (qs, ss) = (query.surface(i), stored.surface(j));
            let sub: Cell = match (a[i].kind, b[j].kind) {
                (TokenKind::Punct, TokenKind::Punct) => {
                    let quotes = |s: &str| s.chars().all(|c| QUOTES.contains(&c));
                    if qs == ss {
                        (0, 0, 0, 0)
                    } else if quotes(qs) && quotes(ss) {
                        (0, 1, 1, 0)
                    } else {
                        (0, 2, 0, 0)
                    }
                }
                (TokenKind::Punct, _) | (_, TokenKind::Punct) => INF,
                (TokenKind::Word, TokenKind::Word) if ka[i] == kb[j] => {
                    let (case, minor) = word_difference(qs, ss, query.folding);
                    let (case, minor) = (usize::from(case), usize::from(minor));
                    if one_case {
                        (0, minor, minor, case)
                    } else {
                        (0, 2 * case + minor, minor, 0)
                    }
                }
                _ => {
                    if ka[i] == kb[j] {
                        (0, if qs == ss { 0 } else { 2 }, 0, 0)
                    } else {
                        (1, 0, 0, 0)
                    }
                }
            };
            let best = add(prev[j], sub)
                .min(add(prev[j + 1], cost_indel(&a[i])))
                .min(add(cur[j], cost_indel(&b[j])));
            cur[j + 1] = best;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (distance, half, minor, cases) = prev[m];
    let small = (half - minor) / 2 + cases.min(1);
    let length = query.key_len().max(stored.key_len());
    let percent = (base_percent(distance, length) - small as f64 - minor_penalty(minor)).max(0.0);
    MatchScore {
        percent,
        distance,
        length,
        small,
        minor,
    }
}

/// One part of a word-level diff from the stored source to the query.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffPart {
    pub op: DiffOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    /// In both.
    Equal,
    /// Only in the stored source.
    Delete,
    /// Only in the query.
    Insert,
}

/// A token-level diff (the `similar` crate's Myers diff over token surfaces)
/// that turns the stored source into the query. Parts keep the spacing of the
/// side they come from.
///
/// This is `tm lookup`'s JSON `diff`. It stays apart from
/// [`crate::diff::token_diff`] (lookup's text output, through [`word_diff`],
/// and `tm diff`), which aligns the same tokens the same way but draws the
/// result in another form, and each form is a documented output pinned by
/// tests. Here a part is equal, delete or insert (a replacement is a delete
/// then an insert), each carries the white space after its tokens on its
/// own side (`[-1,000 soldiers -]{+2,000 troops +}to`), and white space is
/// never a difference: an equal part has the stored text's spacing, or the
/// query's before an insertion. There an op is an (old, new) pair, with
/// replace; white space that differs is a change; a change ends where its
/// words end (`[-1,000 soldiers-]{+2,000 troops+} to`); and a replaced word
/// carries its character diff. Neither form can be drawn from the other:
/// each drops token boundaries the other needs.
pub fn diff(stored: &Tokenized, query: &Tokenized) -> Vec<DiffPart> {
    let old: Vec<&str> = (0..stored.tokens.len())
        .map(|i| stored.surface(i))
        .collect();
    let new: Vec<&str> = (0..query.tokens.len()).map(|i| query.surface(i)).collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new);
    let mut out: Vec<DiffPart> = Vec::new();
    let mut push = |op: DiffOp, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(DiffPart {
                op,
                text: text.to_string(),
            }),
        }
    };
    for (k, op) in ops.iter().enumerate() {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            // Before an insertion, the query's spacing: `Virginia` + `today`
            // reads `Virginia {+today+}` when only the query goes on.
            similar::DiffTag::Equal
                if ops
                    .get(k + 1)
                    .is_some_and(|next| next.tag() == similar::DiffTag::Insert) =>
            {
                push(DiffOp::Equal, span(query, n))
            }
            similar::DiffTag::Equal => push(DiffOp::Equal, span(stored, o)),
            similar::DiffTag::Delete => push(DiffOp::Delete, span(stored, o)),
            similar::DiffTag::Insert => push(DiffOp::Insert, span(query, n)),
            similar::DiffTag::Replace => {
                push(DiffOp::Delete, span(stored, o));
                push(DiffOp::Insert, span(query, n));
            }
        }
    }
    // Spacing: a part ends where the next token of its side starts.
    out
}

/// The diff from the stored source to the query as `tm diff` draws one
/// ([`crate::diff::token_diff`]) over these tokens: an inline code or a
/// placeholder is replaced whole, and a word that keeps most of its
/// letters shows the changed ones (the text output's).
pub fn word_diff(stored: &Tokenized, query: &Tokenized) -> Vec<crate::diff::Op> {
    let ranges =
        |t: &Tokenized| -> Vec<Range<usize>> { t.tokens.iter().map(|k| k.range.clone()).collect() };
    let one_word = |s: &str| {
        matches!(tokenize(s).as_slice(),
            [t] if t.range.len() == s.len() && matches!(t.kind, TokenKind::Word | TokenKind::Number))
    };
    crate::diff::token_diff(
        &stored.text,
        &ranges(stored),
        &query.text,
        &ranges(query),
        one_word,
    )
}

/// The text of tokens `r` plus the whitespace after the last one.
fn span(t: &Tokenized, r: Range<usize>) -> &str {
    if r.is_empty() {
        return "";
    }
    let start = t.tokens[r.start].range.start;
    let end = t
        .tokens
        .get(r.end)
        .map_or(t.text.len(), |next| next.range.start);
    &t.text[start..end]
}

/// Bit-parallel Levenshtein distance (Myers 1999, in Hyyrö's global form)
/// between a fixed pattern of token ids and many texts.
pub struct Pattern {
    /// Distinct symbols of the pattern, sorted, and their match masks.
    syms: Vec<u32>,
    masks: Vec<u64>,
    ids: Vec<u32>,
}

impl Pattern {
    pub fn new(ids: &[u32]) -> Pattern {
        let mut syms: Vec<u32> = ids.to_vec();
        syms.sort_unstable();
        syms.dedup();
        let mut masks = vec![0u64; syms.len()];
        if ids.len() <= 64 {
            for (bit, id) in ids.iter().enumerate() {
                if let Ok(k) = syms.binary_search(id) {
                    masks[k] |= 1 << bit;
                }
            }
        }
        Pattern {
            syms,
            masks,
            ids: ids.to_vec(),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Levenshtein distance between the pattern and `text`.
    pub fn distance(&self, text: &[u32]) -> usize {
        let m = self.ids.len();
        if m == 0 {
            return text.len();
        }
        if m > 64 {
            return levenshtein_dp(&self.ids, text);
        }
        let mut vp: u64 = if m == 64 { !0 } else { (1u64 << m) - 1 };
        let mut vn: u64 = 0;
        let high = 1u64 << (m - 1);
        let mut score = m;
        for c in text {
            let eq = match self.syms.binary_search(c) {
                Ok(k) => self.masks[k],
                Err(_) => 0,
            };
            let xv = eq | vn;
            let xh = ((eq & vp).wrapping_add(vp) ^ vp) | eq;
            let mut ph = vn | !(xh | vp);
            let mut mh = vp & xh;
            if ph & high != 0 {
                score += 1;
            } else if mh & high != 0 {
                score -= 1;
            }
            ph = (ph << 1) | 1;
            mh <<= 1;
            vp = mh | !(xv | ph);
            vn = ph & xv;
        }
        score
    }
}

/// Plain dynamic-programming Levenshtein distance (for patterns longer than
/// 64 tokens, and as the reference in tests).
pub fn levenshtein_dp(a: &[u32], b: &[u32]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lookup reads a tag where qa does (one recogniser, next to `find`).
    #[test]
    fn tags_are_the_ones_qa_reads() {
        let tags = |text: &'static str| -> Vec<&'static str> {
            tokenize(text)
                .into_iter()
                .filter(|t| t.kind == TokenKind::Tag)
                .map(|t| &text[t.range])
                .filter(|t| t.starts_with('<'))
                .collect()
        };
        let wrong: Vec<_> = crate::qa::placeholders::TAG_CASES
            .iter()
            .map(|(text, written, _)| (text, tags(text), written))
            .filter(|(_, got, want)| got != *want)
            .collect();
        assert!(wrong.is_empty(), "(text, read, right): {wrong:#?}");
    }

    #[test]
    fn each_key_gives_the_keys() {
        for text in [
            "NATO sent 1,000 troops to Kosovo.",
            "ΟΔΟΣ ΣΟΦΙΑΣ, Ärger <b>İstanbul</b> 24.",
            "",
        ] {
            for folding in [Folding::Plain, Folding::Dj] {
                let mut keys = Vec::new();
                Tokenized::each_key(text, folding, &mut String::new(), |k| {
                    keys.push(k.to_string())
                });
                assert_eq!(keys, Tokenized::new(text, folding).keys(), "{text}");
            }
        }
    }

    fn s(q: &str, t: &str) -> MatchScore {
        score(
            &Tokenized::new(q, Folding::Plain),
            &Tokenized::new(t, Folding::Plain),
        )
    }

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.range]))
            .collect()
    }

    #[test]
    fn tokens_are_words_numbers_tags_and_punctuation() {
        use TokenKind::*;
        assert_eq!(
            kinds("NATO's <b>1,000</b> troops, {1}don't!"),
            vec![
                (Word, "NATO's"),
                (Tag, "<b>"),
                (Number, "1,000"),
                (Tag, "</b>"),
                (Word, "troops"),
                (Punct, ","),
                (Tag, "{1}"),
                (Word, "don't"),
                (Punct, "!"),
            ]
        );
        assert_eq!(
            kinds("a < b, 3 > 2"),
            vec![
                (Word, "a"),
                (Punct, "<"),
                (Word, "b"),
                (Punct, ","),
                (Number, "3"),
                (Punct, ">"),
                (Number, "2")
            ]
        );
        assert_eq!(
            kinds("COVID-19 24."),
            vec![(Word, "COVID-19"), (Number, "24"), (Punct, ".")]
        );
    }

    #[test]
    fn identical_is_100_and_whitespace_does_not_count() {
        assert_eq!(s("The cat sat.", "The cat sat.").percent, 100.0);
        assert_eq!(s("The  cat\tsat.", "The cat sat.").percent, 100.0);
    }

    #[test]
    fn small_differences_cost_one_point_each() {
        let eight = "NATO sent 1,000 troops to Kosovo last week.";
        assert_eq!(
            s(eight, "NATO sent 2,000 troops to Kosovo last week.").whole(),
            99
        );
        assert_eq!(
            s(eight, "nato sent 1,000 troops to Kosovo last week.").whole(),
            99
        );
        assert_eq!(
            s(eight, "NATO sent 1,000 troops to Kosovo last week!").whole(),
            99
        );
        assert_eq!(
            s(eight, "NATO sent 1,000 troops to Kosovo last week").whole(),
            99
        );
        assert_eq!(
            s("Click <b>Save</b>.", "Click <i>Save</i>.").whole(),
            98,
            "two tags differ"
        );
        assert_eq!(s("Two changes, here", "two changes. here").whole(), 98);
    }

    /// Scores in a language: (query, stored) → the score as shown.
    fn shown(lang: &str, query: &str, stored: &str) -> u32 {
        let f = Folding::of(lang);
        score(&Tokenized::new(query, f), &Tokenized::new(stored, f)).whole()
    }

    #[test]
    fn apostrophe_quote_and_diacritic_variants_are_minor() {
        let stored = "Tom's parents live in a big house.";
        let m = score(
            &Tokenized::new("Tom’s parents live in a big house.", Folding::Plain),
            &Tokenized::new(stored, Folding::Plain),
        );
        assert_eq!((m.distance, m.small, m.minor), (0, 0, 1));
        assert_eq!(m.percent, 99.5);
        assert_eq!(
            shown("en", "Tomʼs parents live in a big house.", stored),
            99
        );
        assert_eq!(
            shown("en", "Tom‘s parents live in a big house.", stored),
            99
        );
        // Quotation marks of another style: half a point each.
        assert_eq!(
            shown("en", "He said “yes” twice.", "He said \"yes\" twice."),
            99
        );
        assert_eq!(
            shown("sq", "Ai tha «po» dy herë.", "Ai tha „po“ dy herë."),
            99
        );
        // Albanian typed without ë: six words, half a point each, one point
        // in all.
        let sq = "Prindërit e Tomit jetojnë në një shtëpi të madhe.";
        let m = score(
            &Tokenized::new(
                "Prinderit e Tomit jetojne ne nje shtepi te madhe.",
                Folding::of("sq"),
            ),
            &Tokenized::new(sq, Folding::of("sq")),
        );
        assert_eq!((m.distance, m.small, m.minor), (0, 0, 6));
        assert_eq!(m.percent, 99.0);
        // Serbian: Latin for Cyrillic, dj for đ.
        assert_eq!(
            shown("sr-Cyrl", "Beograd je daleko.", "Београд је далеко."),
            99
        );
        assert_eq!(
            shown("sr-Latn", "Djokovic je pobedio.", "Đoković je pobedio."),
            99
        );
        // In Albanian dj is two letters: djem (boys) is another word than dem (bull).
        assert_eq!(shown("sq", "Pashë një dem.", "Pashë një djem."), 66);
    }

    /// NTREX-128 line 1492 (sr-Latn), 68 key tokens.
    const LONG_SR: &str = "A ipak, otišli ste malo dalje od opšte informisanosti kada shvatite da ste šest sati gledali panel stručnjaka kako raspravlja o tome kako je Bob Vudvard koristio „duboku pozadinu” za svoju knjigu „Strah”, o pilotskoj kožnoj jakni Pola Manaforta od nojeve kože, vrednoj 15.000 dolara („odelo sa debelom postavom oholosti”, kako je Vašington post rekao) i implikacijama preterano slikovitih opisa Trampovog, ahm, dela anatomije od strane Stormi Danijels.";

    #[test]
    fn minor_differences_cost_at_most_a_point_whatever_the_length() {
        let f = Folding::of("sr-Latn");
        let stored = Tokenized::new(LONG_SR, f);
        assert_eq!(stored.key_len(), 68);
        // The other script, and no diacritics: every changed word is minor.
        for query in [
            crate::text::lat_to_cyr(LONG_SR),
            LONG_SR
                .chars()
                .map(|c| match c {
                    'š' => 's',
                    'č' | 'ć' => 'c',
                    'ž' => 'z',
                    c => c,
                })
                .collect(),
        ] {
            let m = score(&Tokenized::new(&query, f), &stored);
            assert_eq!((m.distance, m.small), (0, 0), "{query}");
            assert!(m.minor > 2, "{m:?}");
            assert_eq!(m.whole(), 99, "{m:?}");
        }
        // One minor difference is still half a point.
        let one = LONG_SR.replacen("šest", "sest", 1);
        assert_eq!(score(&Tokenized::new(&one, f), &stored).percent, 99.5);
    }

    #[test]
    fn a_small_difference_costs_a_point_in_a_long_sentence_too() {
        // A changed number, case or punctuation mark needs the translation
        // changed, however long the sentence: three cost three points, so
        // the match stays below one that differs only in script.
        let f = Folding::of("sr-Latn");
        let query = LONG_SR
            .replace("15.000", "25.000")
            .replace("Bob", "BOB")
            .replace("Danijels.", "Danijels");
        let m = score(&Tokenized::new(&query, f), &Tokenized::new(LONG_SR, f));
        assert_eq!((m.distance, m.small, m.minor), (0, 3, 0));
        assert_eq!(m.percent, 97.0);
    }

    #[test]
    fn case_costs_a_point_and_adds_to_a_diacritic_difference() {
        let m = score(
            &Tokenized::new("PRISHTINE është larg.", Folding::Plain),
            &Tokenized::new("Prishtinë është larg.", Folding::Plain),
        );
        assert_eq!((m.distance, m.small, m.minor), (0, 1, 1));
        assert_eq!(m.percent, 98.5);
        let m = score(
            &Tokenized::new("PRISHTINË është larg.", Folding::Plain),
            &Tokenized::new("Prishtinë është larg.", Folding::Plain),
        );
        assert_eq!((m.small, m.minor), (1, 0));
        // Straße / STRASSE: case and spelling.
        let m = score(
            &Tokenized::new("STRASSE", Folding::Plain),
            &Tokenized::new("Straße", Folding::Plain),
        );
        assert_eq!((m.distance, m.small, m.minor), (0, 1, 1));
    }

    #[test]
    fn a_text_in_one_case_throughout_costs_one_point_for_its_case() {
        // Typed in capitals (or with none), a text differs from the stored
        // one by one change of case, however many words it has.
        let stored = "President Osmani said the talks would continue.";
        for query in [
            "PRESIDENT OSMANI SAID THE TALKS WOULD CONTINUE.",
            "president osmani said the talks would continue.",
        ] {
            let m = s(query, stored);
            assert_eq!((m.distance, m.small, m.minor), (0, 1, 0), "{query}");
            assert_eq!(m.percent, 99.0, "{query}");
        }
        // A stored heading in capitals, against a query in normal case.
        let m = s(stored, "PRESIDENT OSMANI SAID THE TALKS WOULD CONTINUE.");
        assert_eq!((m.distance, m.small, m.minor), (0, 1, 0));
        // Whatever the length: 68 words in capitals.
        let f = Folding::of("sr-Latn");
        let upper = LONG_SR.to_uppercase();
        let m = score(&Tokenized::new(&upper, f), &Tokenized::new(LONG_SR, f));
        assert_eq!((m.distance, m.small, m.minor), (0, 1, 0), "{m:?}");
        assert_eq!(m.whole(), 99);
        // Other differences still cost theirs: a number, and diacritics.
        let m = s(
            "PRESIDENT OSMANI SAID THE 2 TALKS WOULD CONTINUE.",
            "President Osmani said the 3 talks would continue.",
        );
        assert_eq!((m.distance, m.small, m.minor), (0, 2, 0));
        let m = s("PRISHTINE ËSHTË LARG.", "Prishtinë është larg.");
        assert_eq!((m.distance, m.small, m.minor), (0, 1, 1));
        // Capitals in some words only are a change of each: a point each.
        let m = s("PRESIDENT OSMANI said the talks would continue.", stored);
        assert_eq!((m.distance, m.small, m.minor), (0, 2, 0));
        // The text itself is still the better match.
        assert!(s(stored, stored).percent > s(&stored.to_uppercase(), stored).percent);
    }

    #[test]
    fn placeholders_are_tags() {
        use TokenKind::*;
        assert_eq!(
            kinds("Delete %s? {{name}} has %1$s of ${TOTAL}, $HOME &amp; {0} {/1} %(n)d &#160;"),
            vec![
                (Word, "Delete"),
                (Tag, "%s"),
                (Punct, "?"),
                (Tag, "{{name}}"),
                (Word, "has"),
                (Tag, "%1$s"),
                (Word, "of"),
                (Tag, "${TOTAL}"),
                (Punct, ","),
                (Tag, "$HOME"),
                (Tag, "&amp;"),
                (Tag, "{0}"),
                (Tag, "{/1}"),
                (Tag, "%(n)d"),
                (Tag, "&#160;"),
            ]
        );
        // Not placeholders: a percentage, a price, a lone ampersand.
        assert_eq!(
            kinds("50% off $5 & more"),
            vec![
                (Number, "50"),
                (Punct, "%"),
                (Word, "off"),
                (Punct, "$"),
                (Number, "5"),
                (Punct, "&"),
                (Word, "more"),
            ]
        );
    }

    #[test]
    fn a_placeholder_where_the_stored_text_has_a_code_is_one_small_difference() {
        let stored = Tokenized::from_parts(
            &[
                Inline::Text("Open ".into()),
                Inline::Code("<x1/>".into()),
                Inline::Text(" in ".into()),
                Inline::Code("<x2/>".into()),
                Inline::Text(".".into()),
            ],
            Folding::Plain,
        );
        for (query, a, b) in [
            ("Open %s in %1$s.", "%s", "%1$s"),
            ("Open {{file}} in $EDITOR.", "{{file}}", "$EDITOR"),
            ("Open &amp; in {name}.", "&amp;", "{name}"),
        ] {
            let query = Tokenized::new(query, Folding::Plain);
            let m = score(&query, &stored);
            assert_eq!((m.distance, m.small, m.minor), (0, 2, 0), "{}", query.text);
            assert_eq!(m.percent, 98.0);
            // The diff replaces each code by the placeholder, whole.
            let part = |op, text: &str| DiffPart {
                op,
                text: text.to_string(),
            };
            assert_eq!(
                diff(&stored, &query),
                vec![
                    part(DiffOp::Equal, "Open "),
                    part(DiffOp::Delete, "<x1/> "),
                    part(DiffOp::Insert, &format!("{a} ")),
                    part(DiffOp::Equal, "in "),
                    part(DiffOp::Delete, "<x2/>"),
                    part(DiffOp::Insert, b),
                    part(DiffOp::Equal, "."),
                ]
            );
        }
    }

    #[test]
    fn only_identical_text_is_100() {
        let stored = "Prindërit e Tomit jetojnë në një shtëpi të madhe.";
        for query in [
            "Prindërit e Tomit jetojnë në një shtëpi të madhe!",
            "Prindërit e Tomit jetojne në një shtëpi të madhe.",
            "prindërit e Tomit jetojnë në një shtëpi të madhe.",
            "Prindërit e Tomit jetojnë në një shtëpi të madhe",
        ] {
            assert!(shown("sq", query, stored) < 100, "{query}");
        }
        assert_eq!(shown("sq", stored, stored), 100);
        // NFC: a decomposed ë is the same text.
        assert_eq!(shown("sq", &stored.replace('ë', "e\u{308}"), stored), 100);
    }

    #[test]
    fn a_word_costs_its_share() {
        // 8 key tokens, one substituted: 7/8.
        let m = s(
            "NATO sent 1,000 troops to Kosovo last week.",
            "NATO sent 1,000 soldiers to Kosovo last week.",
        );
        assert_eq!((m.distance, m.length, m.small, m.minor), (1, 8, 0, 0));
        assert_eq!(m.percent, 87.5);
        // One deleted: L = 8, D = 1.
        assert_eq!(
            s(
                "NATO sent 1,000 troops to Kosovo last week.",
                "NATO sent 1,000 troops to Kosovo week."
            )
            .percent,
            87.5
        );
        assert_eq!(
            s("completely different", "nothing shared here").percent,
            0.0
        );
        assert!(reaches(1, 8, 87) && !reaches(1, 8, 88) && reaches(1, 4, 75));
    }

    #[test]
    fn diff_turns_stored_into_query() {
        assert_eq!(
            shown_diff(
                "NATO sent 1,000 soldiers to Kosovo.",
                "NATO sent 2,000 troops to Kosovo."
            ),
            "NATO sent [-1,000 soldiers -]{+2,000 troops +}to Kosovo."
        );
    }

    #[test]
    fn an_insertion_at_the_end_keeps_its_space() {
        assert_eq!(
            shown_diff(
                "Trump rallies in West Virginia",
                "Trump rallies in West Virginia today"
            ),
            "Trump rallies in West Virginia {+today+}"
        );
        assert_eq!(
            shown_diff(
                "Trump rallies in West Virginia today",
                "Trump rallies in West Virginia"
            ),
            "Trump rallies in West Virginia [-today-]"
        );
    }

    /// The diff from `stored` to `query`, as `git diff --word-diff` shows it.
    fn shown_diff(stored: &str, query: &str) -> String {
        diff(
            &Tokenized::new(stored, Folding::Plain),
            &Tokenized::new(query, Folding::Plain),
        )
        .iter()
        .map(|p| match p.op {
            DiffOp::Equal => p.text.clone(),
            DiffOp::Delete => format!("[-{}-]", p.text),
            DiffOp::Insert => format!("{{+{}+}}", p.text),
        })
        .collect()
    }

    #[test]
    fn bit_parallel_distance_equals_dp() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as u32
        };
        for _ in 0..3000 {
            let la = next(70) as usize;
            let lb = next(70) as usize;
            let alphabet = 1 + next(8) as u64;
            let a: Vec<u32> = (0..la).map(|_| next(alphabet)).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(alphabet)).collect();
            assert_eq!(
                Pattern::new(&a).distance(&b),
                levenshtein_dp(&a, &b),
                "{a:?} {b:?}"
            );
        }
    }
}
