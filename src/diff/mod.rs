//! Comparing a new translation with the stored one, word by word. Pure.
//!
//! - [`word_diff`]: tokens are words, runs of white space and single
//!   punctuation characters; inside a replaced word a character diff is kept
//!   (`Prishtinë` → `Prishtina`), so a reviewer sees the one letter.
//! - [`EditStats`]: words added, deleted, changed and the edit distance %
//!   (word-level Levenshtein over non-space tokens ÷ the longer side).
//! - [`find_unchanged`] and [`align_around`]: the stored texts the new
//!   translation holds unchanged anchor its alignment; those out of order
//!   (moved) are set apart, so no unit takes another unit's sentence.
//! - [`classify`]: each stored unit of a document against the beads of the
//!   new translation: unchanged, changed, new, missing, re-segmented or
//!   moved, and added sentences; [`split_deletions`] first tells a dropped
//!   sentence from a merge, [`pair_moved_edits`] a moved and edited text.

use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::align::{Bead, BeadSide, Side, Unsupported};
use crate::segment::Sentence;

/// One step of a word diff.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Op {
    pub op: OpKind,
    /// The old text of this step ("" for an insertion).
    pub old: String,
    /// The new text of this step ("" for a deletion).
    pub new: String,
    /// For a one-word replacement: the character diff inside the word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chars: Option<Vec<Op>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    Equal,
    Delete,
    Insert,
    Replace,
}

/// Split text into words, white-space runs and punctuation characters; the
/// tokens concatenate back to the text.
pub fn tokens(s: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Punct,
    }
    let class = |c: char| {
        if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Punct
        }
    };
    // A separator inside a word stays in it: digit groups (`1.000`, `4,5`),
    // hyphenated and elided words (`NATO-ja`, `t’i`).
    let inner = |before: Option<char>, c: char, after: Option<char>| match (before, after) {
        (Some(b), Some(a)) => {
            (matches!(c, '.' | ',') && b.is_ascii_digit() && a.is_ascii_digit())
                || (matches!(c, '-' | '\'' | '’') && b.is_alphanumeric() && a.is_alphanumeric())
        }
        _ => false,
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Class> = None;
    for (n, &(i, c)) in chars.iter().enumerate() {
        let before = n.checked_sub(1).map(|m| chars[m].1);
        let after = chars.get(n + 1).map(|x| x.1);
        let k = if inner(before, c, after) {
            Class::Word
        } else {
            class(c)
        };
        let joins = prev == Some(k) && k != Class::Punct;
        if !joins && i > start {
            out.push(&s[start..i]);
            start = i;
        }
        prev = Some(k);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Tokens with the white space that follows each one attached (leading
/// white space is a token of its own), given the tokens' byte ranges in `s`
/// (only white space between them).
fn spaced_tokens<'s>(s: &'s str, tokens: &[Range<usize>]) -> Vec<&'s str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    for next in tokens.iter().map(|t| t.start).chain([s.len()]) {
        if next > start {
            out.push(&s[start..next]);
            start = next;
        }
    }
    out
}

fn is_word(t: &str) -> bool {
    !t.chars().all(char::is_whitespace)
}

/// The byte ranges of the words and punctuation characters of `s`
/// ([`tokens`] without white space).
fn word_ranges(s: &str) -> Vec<Range<usize>> {
    let mut at = 0;
    let mut out = Vec::new();
    for t in tokens(s) {
        if is_word(t) {
            out.push(at..at + t.len());
        }
        at += t.len();
    }
    out
}

/// A word-level diff of `old` and `new` (compared in NFC). Read alone, the
/// old texts of the ops give `old` and the new texts give `new`; an equal op
/// has the same text on both sides.
pub fn word_diff(old: &str, new: &str) -> Vec<Op> {
    let (old, new) = (crate::text::nfc(old), crate::text::nfc(new));
    let one_word = |s: &str| tokens(s).len() == 1 && is_word(s);
    token_diff(&old, &word_ranges(&old), &new, &word_ranges(&new), one_word)
}

/// [`word_diff`] over tokens that the caller reads: the byte ranges of
/// each text's tokens (only white space between them: `tm lookup` gives
/// its own, where an inline code or a placeholder is one token), and
/// `one_word`, whether the text of a one-for-one replacement is a word
/// whose changed letters are worth showing ([`Op::chars`]).
pub fn token_diff(
    old: &str,
    old_tokens: &[Range<usize>],
    new: &str,
    new_tokens: &[Range<usize>],
    one_word: impl Fn(&str) -> bool,
) -> Vec<Op> {
    // Diff words and punctuation only; each carries the white space after
    // it, so a shared space never anchors an alignment of unrelated words.
    let a = spaced_tokens(old, old_tokens);
    let b = spaced_tokens(new, new_tokens);
    let ka: Vec<&str> = a.iter().map(|t| t.trim_end()).collect();
    let kb: Vec<&str> = b.iter().map(|t| t.trim_end()).collect();
    // Pieces of text, each unchanged (both sides), deleted or inserted.
    enum Piece<'t> {
        Same(&'t str),
        Old(&'t str),
        New(&'t str),
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for (x, y) in a[old_index..old_index + len]
                    .iter()
                    .zip(&b[new_index..new_index + len])
                {
                    // The same word; the white space after it may differ.
                    let word = x.trim_end();
                    pieces.push(Piece::Same(word));
                    let (xs, ys) = (&x[word.len()..], &y[word.len()..]);
                    if xs == ys {
                        pieces.push(Piece::Same(xs));
                    } else {
                        pieces.push(Piece::Old(xs));
                        pieces.push(Piece::New(ys));
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => pieces.extend(
                a[old_index..old_index + old_len]
                    .iter()
                    .map(|t| Piece::Old(t)),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => pieces.extend(
                b[new_index..new_index + new_len]
                    .iter()
                    .map(|t| Piece::New(t)),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                pieces.extend(
                    a[old_index..old_index + old_len]
                        .iter()
                        .map(|t| Piece::Old(t)),
                );
                pieces.extend(
                    b[new_index..new_index + new_len]
                        .iter()
                        .map(|t| Piece::New(t)),
                );
            }
        }
    }
    let mut out: Vec<Op> = Vec::new();
    let push_same = |out: &mut Vec<Op>, t: &str| {
        if t.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == OpKind::Equal => {
                last.old.push_str(t);
                last.new.push_str(t);
            }
            _ => out.push(Op {
                op: OpKind::Equal,
                old: t.to_string(),
                new: t.to_string(),
                chars: None,
            }),
        }
    };
    let mut i = 0;
    while i < pieces.len() {
        if let Piece::Same(t) = pieces[i] {
            push_same(&mut out, t);
            i += 1;
            continue;
        }
        // A run of changes: what it deletes and what it inserts.
        let (mut o, mut n) = (String::new(), String::new());
        while i < pieces.len() {
            match pieces[i] {
                Piece::Same(_) => break,
                Piece::Old(t) => o.push_str(t),
                Piece::New(t) => n.push_str(t),
            }
            i += 1;
        }
        // White space both sides share at the edges of a change is unchanged
        // text: a change ends where its words end.
        let lead = common_space(o.chars(), n.chars());
        let trail = common_space(o[lead..].chars().rev(), n[lead..].chars().rev());
        push_same(&mut out, &o[..lead]);
        let (oc, nc) = (&o[lead..o.len() - trail], &n[lead..n.len() - trail]);
        let kind = match (oc.is_empty(), nc.is_empty()) {
            (true, true) => None,
            (false, true) => Some(OpKind::Delete),
            (true, false) => Some(OpKind::Insert),
            (false, false) => Some(OpKind::Replace),
        };
        if let Some(kind) = kind {
            out.push(Op {
                op: kind,
                old: oc.to_string(),
                new: nc.to_string(),
                chars: None,
            });
        }
        push_same(&mut out, &o[o.len() - trail..]);
    }
    for op in &mut out {
        if op.op == OpKind::Replace && one_word(&op.old) && one_word(&op.new) {
            op.chars = Some(char_diff(&op.old, &op.new));
        }
    }
    out
}

/// The byte length of the white space two character sequences share at
/// their start.
fn common_space(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b)
        .take_while(|(x, y)| x == y && x.is_whitespace())
        .map(|(x, _)| x.len_utf8())
        .sum()
}

fn char_diff(old: &str, new: &str) -> Vec<Op> {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let s = |v: &[char]| v.iter().collect::<String>();
    capture_diff_slices(Algorithm::Myers, &a, &b)
        .into_iter()
        .map(|op| match op {
            DiffOp::Equal { old_index, len, .. } => {
                let t = s(&a[old_index..old_index + len]);
                Op {
                    op: OpKind::Equal,
                    old: t.clone(),
                    new: t,
                    chars: None,
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => Op {
                op: OpKind::Delete,
                old: s(&a[old_index..old_index + old_len]),
                new: String::new(),
                chars: None,
            },
            DiffOp::Insert {
                new_index, new_len, ..
            } => Op {
                op: OpKind::Insert,
                old: String::new(),
                new: s(&b[new_index..new_index + new_len]),
                chars: None,
            },
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => Op {
                op: OpKind::Replace,
                old: s(&a[old_index..old_index + old_len]),
                new: s(&b[new_index..new_index + new_len]),
                chars: None,
            },
        })
        .collect()
}

/// Revision statistics over non-space tokens (words and punctuation).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct EditStats {
    pub words_old: usize,
    pub words_new: usize,
    pub added: usize,
    pub deleted: usize,
    pub changed: usize,
    /// Word-level edit distance: added + deleted + changed.
    pub distance: usize,
    /// distance ÷ max(words_old, words_new) × 100, rounded to 0.1.
    pub distance_pct: f64,
}

impl EditStats {
    pub fn of(ops: &[Op]) -> EditStats {
        let count = |s: &str| tokens(s).into_iter().filter(|t| is_word(t)).count();
        let mut st = EditStats::default();
        for op in ops {
            let (o, n) = (count(&op.old), count(&op.new));
            match op.op {
                OpKind::Equal => {
                    st.words_old += o;
                    st.words_new += o;
                }
                _ => {
                    st.words_old += o;
                    st.words_new += n;
                    st.changed += o.min(n);
                    st.deleted += o.saturating_sub(n);
                    st.added += n.saturating_sub(o);
                }
            }
        }
        st.finish()
    }

    fn finish(mut self) -> EditStats {
        self.distance = self.added + self.deleted + self.changed;
        let longer = self.words_old.max(self.words_new);
        self.distance_pct = if longer == 0 {
            0.0
        } else {
            (1000.0 * self.distance as f64 / longer as f64).round() / 10.0
        };
        self
    }

    /// Totals over several units.
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a EditStats>) -> EditStats {
        let mut t = EditStats::default();
        for s in all {
            t.words_old += s.words_old;
            t.words_new += s.words_new;
            t.added += s.added;
            t.deleted += s.deleted;
            t.changed += s.changed;
        }
        t.finish()
    }
}

/// What happened to a unit's translation.
///
/// Serialised as its [`Status::name`], the word the text output and the
/// JSON summary's keys use (`"re-segmented"`, not `"resegmented"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unchanged,
    Changed,
    /// No stored translation; the new text has one.
    New,
    /// A stored translation with no counterpart in the new text.
    Missing,
    /// The new text merges or splits sentences against the stored segmentation.
    #[serde(rename = "re-segmented")]
    Resegmented,
    /// The stored translation is in the new text as it was, in another
    /// place: out of the order the stored translation had.
    Moved,
    /// A sentence of the new text with no source sentence: not a unit.
    Added,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Changed => "changed",
            Status::New => "new",
            Status::Missing => "missing",
            Status::Resegmented => "re-segmented",
            Status::Moved => "moved",
            Status::Added => "added",
        }
    }
}

/// A stored unit of the document, seen from the source side.
#[derive(Debug, Clone)]
pub struct StoredUnit {
    pub unit: i64,
    /// Source sentences of the unit.
    pub src: Range<usize>,
    pub source_text: String,
    /// The stored translation and its sentence range, if any.
    pub old: Option<(String, Range<usize>)>,
}

/// A new bead: source sentences ↔ sentences of the new translation.
#[derive(Debug, Clone)]
pub struct NewBead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    pub text: String,
}

/// One row of the comparison: one stored unit, or several when the new text
/// re-segments them, or an added sentence (no source).
#[derive(Debug, Clone, serde::Serialize)]
pub struct UnitDiff {
    pub status: Status,
    /// The stored units concerned (empty for an added sentence).
    pub units: Vec<i64>,
    pub source: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Of a moved unit: the line of the new file its text now starts on (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub ops: Vec<Op>,
    pub stats: EditStats,
    /// Letters replaced by letters of another script, which may look the same.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scripts: Vec<ScriptChange>,
}

/// A letter replaced by one of another script: `a` (U+0061, Latin) and `а`
/// (U+0430, Cyrillic) look the same, so a diff names them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScriptChange {
    pub old: String,
    pub new: String,
    pub old_code: String,
    pub new_code: String,
    pub old_script: &'static str,
    pub new_script: &'static str,
}

/// The script of a letter, for [`ScriptChange`]; `None` for other characters.
fn letter_script(c: char) -> Option<&'static str> {
    if crate::text::is_latin(c) {
        Some("Latin")
    } else if crate::text::is_cyrillic(c) {
        Some("Cyrillic")
    } else if matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}') && c.is_alphabetic() {
        Some("Greek")
    } else {
        None
    }
}

/// The letters that word-level replacements of `ops` swap for a letter of
/// another script, each once.
pub fn script_changes(ops: &[Op]) -> Vec<ScriptChange> {
    let mut out: Vec<ScriptChange> = Vec::new();
    let chars = ops.iter().filter_map(|o| o.chars.as_deref()).flatten();
    for c in chars.filter(|c| c.op == OpKind::Replace) {
        // Letter by letter where both sides have as many.
        if c.old.chars().count() != c.new.chars().count() {
            continue;
        }
        for (a, b) in c.old.chars().zip(c.new.chars()) {
            let (Some(sa), Some(sb)) = (letter_script(a), letter_script(b)) else {
                continue;
            };
            let change = ScriptChange {
                old: a.to_string(),
                new: b.to_string(),
                old_code: format!("U+{:04X}", a as u32),
                new_code: format!("U+{:04X}", b as u32),
                old_script: sa,
                new_script: sb,
            };
            if sa != sb && !out.contains(&change) {
                out.push(change);
            }
        }
    }
    out
}

/// Compare the stored units (in source order) with the new beads. `orphans`
/// are stored units with a translation but no source text (0-1 beads of an
/// earlier alignment): a new sentence with no source that equals one of them
/// is unchanged; those left over are missing. A unit of `moved` whose text
/// is the same (white space aside) is moved.
pub fn classify(
    stored: &[StoredUnit],
    orphans: &[(i64, String)],
    beads: &[NewBead],
    moved: &[i64],
) -> Vec<UnitDiff> {
    let mut out = Vec::new();
    let mut orphans_left: Vec<&(i64, String)> = orphans.iter().collect();
    let mut no_source = |text: &str| -> UnitDiff {
        let key = crate::text::nfc(text);
        match orphans_left
            .iter()
            .position(|(_, t)| crate::text::nfc(t) == key)
        {
            Some(i) => {
                let (id, t) = orphans_left.remove(i);
                row(
                    Status::Unchanged,
                    vec![*id],
                    String::new(),
                    Some(t.clone()),
                    Some(text.to_string()),
                )
            }
            None => row(
                Status::Added,
                vec![],
                String::new(),
                None,
                Some(text.to_string()),
            ),
        }
    };
    let mut bi = 0;
    let mut si = 0;
    while si < stored.len() || bi < beads.len() {
        // A bead with no source sentence: a new sentence the source lacks.
        if bi < beads.len() && (beads[bi].src.is_empty() || si >= stored.len()) {
            // No source sentence, or source sentences past every stored unit.
            out.push(no_source(&beads[bi].text));
            bi += 1;
            continue;
        }
        // Grow a group until stored units and beads end at the same source sentence.
        let start_s = si;
        let start_b = bi;
        let mut end = stored[si].src.end;
        si += 1;
        loop {
            let mut grew = false;
            while bi < beads.len() && !beads[bi].src.is_empty() && beads[bi].src.start < end {
                end = end.max(beads[bi].src.end);
                bi += 1;
                grew = true;
            }
            while si < stored.len() && stored[si].src.start < end {
                end = end.max(stored[si].src.end);
                si += 1;
                grew = true;
            }
            if !grew {
                break;
            }
        }
        let units = &stored[start_s..si];
        let group = &beads[start_b..bi];
        let new_sentences: usize = group.iter().map(|b| b.tgt.len()).sum();
        let new_text: Vec<&str> = group
            .iter()
            .filter(|b| !b.tgt.is_empty())
            .map(|b| b.text.as_str())
            .collect();
        let new = (!new_text.is_empty()).then(|| new_text.join(" "));
        let old_parts: Vec<&(String, Range<usize>)> =
            units.iter().filter_map(|u| u.old.as_ref()).collect();
        let old_sentences: usize = old_parts.iter().map(|(_, r)| r.len()).sum();
        let old = (!old_parts.is_empty()).then(|| {
            old_parts
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        let ids: Vec<i64> = units.iter().map(|u| u.unit).collect();
        let source = units
            .iter()
            .map(|u| u.source_text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let status = match (&old, &new) {
            // No translation stored and none now (one dropped earlier):
            // nothing differs, and the unit still counts.
            (None, None) => Status::Unchanged,
            (None, Some(_)) => Status::New,
            (Some(_), None) => Status::Missing,
            (Some(o), Some(n)) => {
                // Beads finer than one stored unit are not a re-segmentation:
                // a unit can span several beads of this pair when it was
                // merged through another language's alignment. Nor is a
                // sentence split only by a line break (its text is the same
                // but for white space).
                let same_words = comparable(o) == comparable(n);
                if units.len() > 1 || (old_sentences != new_sentences && !same_words) {
                    Status::Resegmented
                } else if crate::text::nfc(o) == crate::text::nfc(n) {
                    Status::Unchanged
                } else {
                    Status::Changed
                }
            }
        };
        let status = match (status, &ids[..]) {
            (Status::Unchanged | Status::Changed, [id])
                if moved.contains(id)
                    && old.as_deref().map(comparable) == new.as_deref().map(comparable) =>
            {
                Status::Moved
            }
            _ => status,
        };
        out.push(row(status, ids, source, old, new));
    }
    for (id, text) in orphans_left {
        out.push(row(
            Status::Missing,
            vec![*id],
            String::new(),
            Some(text.clone()),
            None,
        ));
    }
    out
}

/// A text as compared for "the same but for white space": NFC, each run of
/// white space one space, none at the ends.
pub fn comparable(s: &str) -> String {
    crate::text::nfc(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A stored unit whose translation the new text holds as it was (white
/// space aside): in one place only, as a run of whole sentences, and a text
/// no other stored unit has.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub unit: i64,
    /// The unit's source sentences.
    pub src: Range<usize>,
    /// The sentences of the new text that hold its translation.
    pub tgt: Range<usize>,
    /// Whether it stands in the order of the source: it is one of the most
    /// found units whose places rise with their source sentences.
    pub in_source_order: bool,
    /// Likewise in the order of the stored translation (which is the
    /// source's, unless moved texts were stored): false for a moved text.
    pub in_stored_order: bool,
}

/// The stored units whose translation the new text holds unchanged, and
/// whether each stands where it stood. `new_sentences` is the sentence count
/// of the new text, `text` the text of a range of its sentences.
pub fn find_unchanged(
    stored: &[StoredUnit],
    new_sentences: usize,
    text: impl Fn(Range<usize>) -> String,
) -> Vec<Found> {
    use std::collections::{BTreeSet, HashMap};
    let keys: Vec<Option<(String, usize)>> = stored
        .iter()
        .map(|u| {
            u.old
                .as_ref()
                .filter(|(t, r)| !r.is_empty() && !t.trim().is_empty())
                .map(|(t, r)| (comparable(t), r.len()))
        })
        .collect();
    // Where each run of n sentences of the new text starts, by its text, for
    // the sentence counts the stored translations have.
    let lengths: BTreeSet<usize> = keys.iter().flatten().map(|(_, n)| *n).collect();
    let mut starts: HashMap<(usize, String), Vec<usize>> = HashMap::new();
    for &n in lengths.iter().filter(|&&n| n <= new_sentences) {
        for i in 0..=new_sentences - n {
            starts
                .entry((n, comparable(&text(i..i + n))))
                .or_default()
                .push(i);
        }
    }
    // The units that hold each text, in the stored translation's order. A
    // text held by as many units as the new text has places for it is
    // theirs, in that order (the same sentence twice, as a date line);
    // otherwise it is nobody's for sure.
    let stored_place = |i: usize| stored[i].old.as_ref().map_or(0, |(_, r)| r.start);
    let mut holders: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some((k, n)) = key {
            holders.entry((*n, k.as_str())).or_default().push(i);
        }
    }
    let mut found: Vec<(usize, Found)> = Vec::new();
    for ((n, k), mut units) in holders {
        let Some(places) = starts.get(&(n, k.to_string())) else {
            continue;
        };
        if places.len() != units.len() {
            continue;
        }
        units.sort_by_key(|&i| (stored_place(i), i));
        for (&i, &at) in units.iter().zip(places) {
            found.push((
                i,
                Found {
                    unit: stored[i].unit,
                    src: stored[i].src.clone(),
                    tgt: at..at + n,
                    in_source_order: false,
                    in_stored_order: false,
                },
            ));
        }
    }
    found.sort_by_key(|(i, _)| *i);
    // Two texts found on shared sentences (one text holds the other): neither
    // is sure.
    let mut by_place: Vec<usize> = (0..found.len()).collect();
    by_place.sort_by_key(|&j| (found[j].1.tgt.start, found[j].1.tgt.end));
    let mut overlapping = vec![false; found.len()];
    let mut reach: Option<usize> = None; // the found text that ends last so far
    for &j in &by_place {
        if let Some(r) = reach {
            if found[j].1.tgt.start < found[r].1.tgt.end {
                overlapping[j] = true;
                overlapping[r] = true;
            }
        }
        if reach.is_none_or(|r| found[j].1.tgt.end > found[r].1.tgt.end) {
            reach = Some(j);
        }
    }
    let mut found: Vec<(usize, Found)> = found
        .into_iter()
        .zip(overlapping)
        .filter(|(_, o)| !o)
        .map(|(f, _)| f)
        .collect();
    // `stored` is in source order.
    let places: Vec<usize> = found.iter().map(|(_, f)| f.tgt.start).collect();
    for (f, keep) in found.iter_mut().zip(rising(&places)) {
        f.1.in_source_order = keep;
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&j| (stored_place(found[j].0), j));
    let places: Vec<usize> = order.iter().map(|&j| found[j].1.tgt.start).collect();
    for (&j, keep) in order.iter().zip(rising(&places)) {
        found[j].1.in_stored_order = keep;
    }
    found.into_iter().map(|(_, f)| f).collect()
}

/// Which items of `xs` make one longest strictly rising subsequence (the
/// earliest such, item by item).
fn rising(xs: &[usize]) -> Vec<bool> {
    // tails[k]: index of the smallest last item of a rising run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let k = tails.partition_point(|&t| xs[t] < x);
        before[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; xs.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = before[i];
    }
    keep
}

/// Align `src` with the new translation `tgt`, given the stored units the
/// new text holds unchanged ([`find_unchanged`]). Those in the source's
/// order are beads as they are, and the aligner (which keeps order) sees
/// only the sentences between two of them, at a time; those out of order
/// (moved) are beads as they are, and left out of what the aligner sees.
/// A bead of the others whose sentences a moved text separates is cut
/// there: no bead holds a sentence of a unit found elsewhere.
pub fn align_around(
    (src_lang, src): (&str, &[Sentence]),
    (tgt_lang, tgt): (&str, &[Sentence]),
    config: &crate::align::Config,
    found: &[Found],
) -> Vec<Bead> {
    if found.is_empty() {
        return crate::align::align(&Side::of(src_lang, src), &Side::of(tgt_lang, tgt), config);
    }
    let moved: Vec<&Found> = found.iter().filter(|f| !f.in_source_order).collect();
    let mut out: Vec<Bead> = Vec::with_capacity(src.len());
    let mut from = (0, 0);
    let anchors = found.iter().filter(|f| f.in_source_order);
    for anchor in anchors.map(Some).chain([None]) {
        let to = anchor.map_or((src.len(), tgt.len()), |a| (a.src.start, a.tgt.start));
        let ks: Vec<usize> = (from.0..to.0)
            .filter(|i| !moved.iter().any(|m| m.src.contains(i)))
            .collect();
        let kt: Vec<usize> = (from.1..to.1)
            .filter(|i| !moved.iter().any(|m| m.tgt.contains(i)))
            .collect();
        align_gap(
            (src_lang, src, &ks, from.0),
            (tgt_lang, tgt, &kt, from.1),
            config,
            &mut out,
        );
        if let Some(a) = anchor {
            out.push(bead_of(a.src.clone(), a.tgt.clone(), 1.0));
            from = (a.src.end, a.tgt.end);
        }
    }
    for m in moved {
        out.push(bead_of(m.src.clone(), m.tgt.clone(), 1.0));
    }
    out.sort_by_key(|b| (b.src.start, b.src.end, b.tgt.start));
    out
}

/// Align the sentences `ks` of `src` with the sentences `kt` of `tgt` (one
/// stretch between two unchanged units, less moved texts; it starts at
/// sentence `s0` and `t0`), mapped back to full indices.
fn align_gap(
    (src_lang, src, ks, s0): (&str, &[Sentence], &[usize], usize),
    (tgt_lang, tgt, kt, t0): (&str, &[Sentence], &[usize], usize),
    config: &crate::align::Config,
    out: &mut Vec<Bead>,
) {
    // One side empty: each sentence of the other stands alone.
    if ks.is_empty() || kt.is_empty() {
        for &i in ks {
            out.push(bead_of(i..i + 1, t0..t0, 1.0));
        }
        for &j in kt {
            out.push(bead_of(s0..s0, j..j + 1, 1.0));
        }
        return;
    }
    let reduce = |all: &[Sentence], keep: &[usize]| -> Vec<Sentence> {
        keep.iter().map(|&i| all[i].clone()).collect()
    };
    let (rs, rt) = (reduce(src, ks), reduce(tgt, kt));
    let beads = crate::align::align(&Side::of(src_lang, &rs), &Side::of(tgt_lang, &rt), config);
    for b in &beads {
        let s = runs(ks, b.src.clone());
        let t = runs(kt, b.tgt.clone());
        let mut s_at = position(ks, b.src.start, s0);
        let mut t_at = position(kt, b.tgt.start, t0);
        for i in 0..s.len().max(t.len()).max(1) {
            let src = s.get(i).cloned().unwrap_or(s_at..s_at);
            let tgt = t.get(i).cloned().unwrap_or(t_at..t_at);
            (s_at, t_at) = (src.end, tgt.end);
            // The aligner's sentence numbers count in the reduced sides:
            // each piece keeps the unsupported sentences it holds, counted
            // in the full sides.
            let unsupported = b
                .unsupported
                .iter()
                .map(|u| match u.side {
                    BeadSide::Source => (u.side, ks[u.sentence]),
                    BeadSide::Target => (u.side, kt[u.sentence]),
                })
                .filter(|&(side, n)| match side {
                    BeadSide::Source => src.contains(&n),
                    BeadSide::Target => tgt.contains(&n),
                })
                .map(|(side, sentence)| Unsupported { side, sentence })
                .collect();
            // A crossing is told on the first piece, its target sentence
            // counted in the full side.
            let crossed = b.crossed.filter(|_| i == 0).map(|j| kt[j]);
            out.push(Bead {
                src,
                tgt,
                confidence: b.confidence,
                unsupported,
                crossed,
            });
        }
    }
}

/// A text moved and edited: a unit left with no text (its source sentences
/// in beads with none) whose stored translation is near, by word edit
/// distance, sentences that came with no source (beads with none), is
/// given them: one bead instead. Nearest pairs first; each unit and each
/// sentence once. Returns the beads, and the units given a text so that
/// stands out of order, with its sentences. `text` gives a bead's new text.
pub fn pair_moved_edits(
    stored: &[StoredUnit],
    beads: Vec<Bead>,
    text: impl Fn(&Bead) -> String,
) -> (Vec<Bead>, Vec<(i64, Range<usize>)>) {
    let bare = |u: &StoredUnit| {
        let covering: Vec<&Bead> = beads
            .iter()
            .filter(|b| b.src.start < u.src.end && u.src.start < b.src.end)
            .collect();
        !covering.is_empty()
            && covering
                .iter()
                .all(|b| b.tgt.is_empty() && u.src.start <= b.src.start && b.src.end <= u.src.end)
    };
    let lost: Vec<&StoredUnit> = stored
        .iter()
        .filter(|u| u.old.as_ref().is_some_and(|(t, _)| !t.trim().is_empty()) && bare(u))
        .collect();
    // Stretches of consecutive added sentences: each bead, and each run of
    // beads that follow one another in the text.
    let added: Vec<usize> = (0..beads.len())
        .filter(|&i| beads[i].src.is_empty() && !beads[i].tgt.is_empty())
        .collect();
    let mut stretches: Vec<Vec<usize>> = Vec::new();
    for (k, &i) in added.iter().enumerate() {
        let mut run = vec![i];
        for &j in &added[k + 1..] {
            if beads[*run.last().unwrap()].tgt.end != beads[j].tgt.start {
                break;
            }
            run.push(j);
            stretches.push(run.clone());
        }
        stretches.push(vec![i]);
    }
    if lost.is_empty() || stretches.is_empty() {
        return (beads, Vec::new());
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (li, u) in lost.iter().enumerate() {
        let old = &u.old.as_ref().expect("lost units have a text").0;
        for (si, st) in stretches.iter().enumerate() {
            let new = st
                .iter()
                .map(|&i| text(&beads[i]))
                .collect::<Vec<_>>()
                .join(" ");
            let d = EditStats::of(&word_diff(old, &new));
            if d.distance_pct < 50.0 {
                pairs.push((d.distance_pct, li, si));
            }
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut unit_done = vec![false; lost.len()];
    let mut bead_done = vec![false; beads.len()];
    let mut given: Vec<(usize, Range<usize>)> = Vec::new();
    for (_, li, si) in pairs {
        let st = &stretches[si];
        if unit_done[li] || st.iter().any(|&i| bead_done[i]) {
            continue;
        }
        unit_done[li] = true;
        for &i in st {
            bead_done[i] = true;
        }
        let tgt = beads[st[0]].tgt.start..beads[*st.last().unwrap()].tgt.end;
        given.push((li, tgt));
    }
    let mut out: Vec<Bead> = Vec::with_capacity(beads.len());
    for (i, b) in beads.iter().enumerate() {
        let in_given = given.iter().any(|(li, _)| {
            let u = lost[*li];
            !b.src.is_empty() && u.src.start <= b.src.start && b.src.end <= u.src.end
        });
        if !bead_done[i] && !in_given {
            out.push(b.clone());
        }
    }
    for (li, tgt) in &given {
        out.push(bead_of(lost[*li].src.clone(), tgt.clone(), 1.0));
    }
    out.sort_by_key(|b| (b.src.start, b.src.end, b.tgt.start));
    // Moved: out of order with the texts before or after it.
    let out_of_order = |tgt: &Range<usize>| {
        let at = out.iter().position(|b| b.tgt == *tgt && !b.src.is_empty());
        at.is_some_and(|at| {
            let with = |b: &&Bead| !b.tgt.is_empty();
            out[..at]
                .iter()
                .rev()
                .find(with)
                .is_some_and(|b| b.tgt.start > tgt.start)
                || out[at + 1..]
                    .iter()
                    .find(with)
                    .is_some_and(|b| b.tgt.start < tgt.start)
        })
    };
    let moved = given
        .iter()
        .filter(|(_, tgt)| out_of_order(tgt))
        .map(|(li, tgt)| (lost[*li].unit, tgt.clone()))
        .collect();
    (out, moved)
}

/// A bead [`align_around`] makes without the aligner.
fn bead_of(src: Range<usize>, tgt: Range<usize>, confidence: f64) -> Bead {
    Bead {
        src,
        tgt,
        confidence,
        unsupported: Vec::new(),
        crossed: None,
    }
}

/// The sentences `range` of a reduced side names, as runs of the full
/// side's sentences (`kept[i]` is the full index of reduced sentence i).
fn runs(kept: &[usize], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for &i in &kept[range] {
        match out.last_mut() {
            Some(r) if r.end == i => r.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Where an empty range at reduced position `p` stands in the full side:
/// right after the kept sentence before it, else at `start`.
fn position(kept: &[usize], p: usize, start: usize) -> usize {
    match p.checked_sub(1) {
        Some(q) => kept[q] + 1,
        None => start,
    }
}

/// Beads whose source sentences join several stored units, while their new
/// text is nearer (by word edit distance) to one unit's stored translation
/// than to all of them joined, delete the other units' translations rather
/// than re-segment them: each is split into a bead that gives that unit the
/// new text and beads with no target sentence for the others. `text` gives a
/// bead's new text.
pub fn split_deletions(
    stored: &[StoredUnit],
    beads: &[Bead],
    text: impl Fn(&Bead) -> String,
) -> Vec<Bead> {
    let distance = |a: &str, b: &str| EditStats::of(&word_diff(a, b));
    let mut out = Vec::with_capacity(beads.len());
    for bead in beads {
        let units: Vec<&StoredUnit> = stored
            .iter()
            .filter(|u| bead.src.start <= u.src.start && u.src.end <= bead.src.end)
            .collect();
        let tiles = units.first().is_some_and(|u| u.src.start == bead.src.start)
            && units.last().is_some_and(|u| u.src.end == bead.src.end)
            && units.windows(2).all(|w| w[0].src.end == w[1].src.start);
        if units.len() < 2 || !tiles || bead.tgt.is_empty() {
            out.push(bead.clone());
            continue;
        }
        let new = text(bead);
        let olds: Vec<&str> = units
            .iter()
            .filter_map(|u| u.old.as_ref().map(|(t, _)| t.as_str()))
            .collect();
        let all = distance(&olds.join(" "), &new).distance;
        let best = units
            .iter()
            .enumerate()
            .filter_map(|(i, u)| u.old.as_ref().map(|(t, _)| (distance(t, &new), i)))
            .min_by_key(|(d, i)| (d.distance, *i));
        // With one stored text the two distances are the same: the new text
        // is that one's when it keeps most of its words (the other units had
        // none and still have none).
        let nearer = |d: &EditStats| d.distance < all || (olds.len() == 1 && d.distance_pct < 50.0);
        match best {
            Some((d, keep)) if nearer(&d) => {
                for (i, u) in units.iter().enumerate() {
                    let tgt = match i.cmp(&keep) {
                        std::cmp::Ordering::Less => bead.tgt.start..bead.tgt.start,
                        std::cmp::Ordering::Equal => bead.tgt.clone(),
                        std::cmp::Ordering::Greater => bead.tgt.end..bead.tgt.end,
                    };
                    // Which sentences the other side did not translate
                    // was measured against the whole bead: a piece does
                    // not keep it.
                    out.push(Bead {
                        src: u.src.clone(),
                        tgt,
                        confidence: bead.confidence,
                        unsupported: Vec::new(),
                        crossed: None,
                    });
                }
            }
            _ => out.push(bead.clone()),
        }
    }
    out
}

fn row(
    status: Status,
    units: Vec<i64>,
    source: String,
    old: Option<String>,
    new: Option<String>,
) -> UnitDiff {
    let ops = word_diff(old.as_deref().unwrap_or(""), new.as_deref().unwrap_or(""));
    let stats = EditStats::of(&ops);
    let scripts = script_changes(&ops);
    UnitDiff {
        status,
        units,
        source,
        old,
        new,
        line: None,
        ops,
        stats,
        scripts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        let s = "Në Prishtinë, 1.000 ushtarë — „sot“.";
        assert_eq!(tokens(s).concat(), s);
        assert_eq!(tokens("a,b"), vec!["a", ",", "b"]);
        assert_eq!(
            tokens("1.000 NATO-ja t’i"),
            vec!["1.000", " ", "NATO-ja", " ", "t’i"]
        );
        assert_eq!(tokens("end. -x"), vec!["end", ".", " ", "-", "x"]);
    }

    #[test]
    fn a_changed_name_form_shows_the_letter() {
        let ops = word_diff("u Prishtinë sot", "u Prishtina sot");
        let rep: Vec<&Op> = ops.iter().filter(|o| o.op == OpKind::Replace).collect();
        assert_eq!(rep.len(), 1);
        assert_eq!(
            (rep[0].old.as_str(), rep[0].new.as_str()),
            ("Prishtinë", "Prishtina")
        );
        let chars = rep[0].chars.as_ref().unwrap();
        assert!(
            chars
                .iter()
                .any(|c| c.op == OpKind::Replace && c.old == "ë" && c.new == "a")
        );
        let st = EditStats::of(&ops);
        assert_eq!(
            (st.changed, st.added, st.deleted, st.distance),
            (1, 0, 0, 1)
        );
        assert_eq!(st.words_old, 3);
        assert!((st.distance_pct - 33.3).abs() < 1e-9);
    }

    #[test]
    fn each_side_reads_as_its_text_and_equal_ops_are_equal() {
        for (old, new) in [
            ("Velški članovi parlamenta", "Velški, članovi parlamenta"),
            ("Velški, članovi parlamenta", "Velški članovi parlamenta"),
            ("a  b c", "a b  c"),
            (" lead and trail ", "lead  and trail"),
            ("one two three", "one three four five"),
            ("x, y. z", "x y, z!"),
        ] {
            let ops = word_diff(old, new);
            let side = |f: fn(&Op) -> &str| ops.iter().map(f).collect::<String>();
            assert_eq!(side(|o| &o.old), old, "{ops:?}");
            assert_eq!(side(|o| &o.new), new, "{ops:?}");
            for o in &ops {
                assert!(o.op != OpKind::Equal || o.old == o.new, "{o:?}");
            }
        }
        // The comma is what was added; the space stays unchanged text.
        let ops = word_diff("Velški članovi", "Velški, članovi");
        let changed: Vec<(&str, &str)> = ops
            .iter()
            .filter(|o| o.op != OpKind::Equal)
            .map(|o| (o.old.as_str(), o.new.as_str()))
            .collect();
        assert_eq!(changed, vec![("", ",")]);
    }

    #[test]
    fn insertions_and_deletions_are_counted() {
        let ops = word_diff("one two three", "one three four five");
        let st = EditStats::of(&ops);
        assert_eq!((st.deleted, st.added, st.changed), (1, 2, 0));
        assert_eq!(st.distance, 3);
    }

    #[test]
    fn nfc_differences_are_not_changes() {
        let ops = word_diff("Radoičić", "Radoic\u{30c}ic\u{301}");
        assert!(ops.iter().all(|o| o.op == OpKind::Equal));
    }

    fn unit(id: i64, src: Range<usize>, old: Option<(&str, Range<usize>)>) -> StoredUnit {
        StoredUnit {
            unit: id,
            src,
            source_text: format!("s{id}"),
            old: old.map(|(t, r)| (t.to_string(), r)),
        }
    }

    fn bead(src: Range<usize>, tgt: Range<usize>, text: &str) -> NewBead {
        NewBead {
            src,
            tgt,
            text: text.to_string(),
        }
    }

    #[test]
    fn classifies_every_kind() {
        let stored = vec![
            unit(1, 0..1, Some(("A.", 0..1))),
            unit(2, 1..2, Some(("B.", 1..2))),
            unit(3, 2..3, None),
            unit(4, 3..4, Some(("D.", 2..3))),
            unit(5, 4..5, Some(("E.", 3..4))),
            unit(6, 5..6, Some(("F.", 4..5))),
        ];
        let beads = vec![
            bead(0..1, 0..1, "A."),
            bead(1..2, 1..2, "B2."),
            bead(2..3, 2..3, "C."),
            bead(3..4, 3..3, ""),
            bead(4..6, 3..4, "E and F."),
            bead(6..6, 4..5, "G."),
        ];
        let got: Vec<Status> = classify(&stored, &[], &beads, &[])
            .iter()
            .map(|d| d.status)
            .collect();
        assert_eq!(
            got,
            vec![
                Status::Unchanged,
                Status::Changed,
                Status::New,
                Status::Missing,
                Status::Resegmented,
                Status::Added
            ]
        );
    }

    fn aligned(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            confidence: 0.5,
            unsupported: Vec::new(),
            crossed: None,
        }
    }

    #[test]
    fn a_dropped_sentence_is_missing_and_a_joined_one_resegmented() {
        let stored = vec![
            unit(1, 0..1, Some(("Fjala e parë është këtu.", 0..1))),
            unit(2, 1..2, Some(("Fjala e dytë vjen pas saj.", 1..2))),
        ];
        let classify_new = |new: &str| {
            let beads = vec![aligned(0..2, 0..1)];
            let split = split_deletions(&stored, &beads, |_| new.to_string());
            let new_beads: Vec<NewBead> = split
                .iter()
                .map(|b| {
                    bead(
                        b.src.clone(),
                        b.tgt.clone(),
                        if b.tgt.is_empty() { "" } else { new },
                    )
                })
                .collect();
            classify(&stored, &[], &new_beads, &[])
                .into_iter()
                .map(|d| (d.status, d.units))
                .collect::<Vec<_>>()
        };
        // The second sentence dropped, the first edited a little.
        assert_eq!(
            classify_new("Fjala e parë është pikërisht këtu."),
            vec![(Status::Changed, vec![1]), (Status::Missing, vec![2])]
        );
        // The first one dropped.
        assert_eq!(
            classify_new("Fjala e dytë vjen pas saj."),
            vec![(Status::Missing, vec![1]), (Status::Unchanged, vec![2])]
        );
        // Both joined into one sentence.
        assert_eq!(
            classify_new("Fjala e parë është këtu, e dyta vjen pas saj."),
            vec![(Status::Resegmented, vec![1, 2])]
        );
        // The second had no text (dropped earlier) and has none now.
        let stored = vec![stored[0].clone(), unit(2, 1..2, None)];
        let beads = vec![aligned(0..2, 0..1)];
        let split = split_deletions(&stored, &beads, |_| "Fjala e parë është këtu.".to_string());
        assert_eq!(split.len(), 2);
        assert_eq!((split[0].tgt.clone(), split[1].tgt.clone()), (0..1, 1..1));
    }

    #[test]
    fn a_split_is_resegmented() {
        let stored = vec![unit(1, 0..1, Some(("A long one.", 0..1)))];
        let beads = vec![bead(0..1, 0..2, "A long. One.")];
        assert_eq!(
            classify(&stored, &[], &beads, &[])[0].status,
            Status::Resegmented
        );
    }

    #[test]
    fn a_unit_merged_through_another_language_is_not_resegmented() {
        // Stored: one unit of two source and two target sentences; the new
        // pair alignment has two 1-1 beads inside it.
        let stored = vec![unit(1, 0..2, Some(("A. B.", 0..2)))];
        let same = vec![bead(0..1, 0..1, "A."), bead(1..2, 1..2, "B.")];
        assert_eq!(
            classify(&stored, &[], &same, &[])[0].status,
            Status::Unchanged
        );
        let edited = vec![bead(0..1, 0..1, "A."), bead(1..2, 1..2, "C.")];
        assert_eq!(
            classify(&stored, &[], &edited, &[])[0].status,
            Status::Changed
        );
    }

    #[test]
    fn sentences_without_source_match_stored_ones() {
        let stored = vec![unit(1, 0..1, Some(("A.", 0..1)))];
        let orphans = vec![(7, "Extra.".to_string()), (8, "Gone.".to_string())];
        let beads = vec![bead(0..1, 0..1, "A."), bead(1..1, 1..2, "Extra.")];
        let got: Vec<(Status, Vec<i64>)> = classify(&stored, &orphans, &beads, &[])
            .into_iter()
            .map(|d| (d.status, d.units))
            .collect();
        assert_eq!(
            got,
            vec![
                (Status::Unchanged, vec![1]),
                (Status::Unchanged, vec![7]),
                (Status::Missing, vec![8])
            ]
        );
    }

    #[test]
    fn the_longest_rising_run_is_kept() {
        assert_eq!(rising(&[0, 1, 3, 2, 4]), [true, true, false, true, true]);
        assert_eq!(rising(&[2, 0, 1]), [false, true, true]);
        assert_eq!(rising(&[]), Vec::<bool>::new());
    }

    #[test]
    fn unchanged_texts_are_found_and_a_moved_one_is_out_of_order() {
        let stored = vec![
            unit(1, 0..1, Some(("A a.", 0..1))),
            unit(2, 1..2, Some(("B b.", 1..2))),
            unit(3, 2..3, Some(("C  c.", 2..3))),
            unit(4, 3..4, Some(("D d.", 3..4))),
        ];
        // B moved after C; C's spacing changed; D edited.
        let new = ["A a.", "C c.", "B b.", "D e."];
        let found = find_unchanged(&stored, new.len(), |r| new[r].join(" "));
        let got: Vec<(i64, Range<usize>, bool)> = found
            .iter()
            .map(|f| (f.unit, f.tgt.clone(), f.in_source_order))
            .collect();
        assert_eq!(
            got,
            vec![(1, 0..1, true), (2, 2..3, false), (3, 1..2, true)]
        );
        // A text two units hold is theirs in order where the new text has
        // it twice, and nobody's for sure where it has it once.
        let twice = vec![
            unit(1, 0..1, Some(("A a.", 0..1))),
            unit(2, 1..2, Some(("A a.", 1..2))),
        ];
        let new = ["A a.", "B b.", "A a."];
        let got: Vec<(i64, Range<usize>)> = find_unchanged(&twice, 3, |r| new[r].join(" "))
            .into_iter()
            .map(|f| (f.unit, f.tgt))
            .collect();
        assert_eq!(got, vec![(1, 0..1), (2, 2..3)]);
        assert!(find_unchanged(&twice, 2, |r| ["A a.", "B b."][r].join(" ")).is_empty());
        // A text found inside a longer one found: neither is sure.
        let nested = vec![
            unit(1, 0..1, Some(("A a. B b. C c.", 0..3))),
            unit(2, 1..2, Some(("C c.", 3..4))),
        ];
        let new = ["A a.", "B b.", "C c."];
        assert!(find_unchanged(&nested, 3, |r| new[r].join(" ")).is_empty());
    }
}
