//! Comparing a new translation with the stored one, word by word. Pure.
//!
//! - [`word_diff`]: tokens are words, runs of white space and single
//!   punctuation characters; inside a replaced word a character diff is kept
//!   (`Prishtinë` → `Prishtina`), so a reviewer sees the one letter.
//! - [`EditStats`]: words added, deleted, changed and the edit distance %
//!   (word-level Levenshtein over non-space tokens ÷ the longer side).
//! - [`classify`]: each stored unit of a document against the beads of the
//!   new translation: unchanged, changed, new, missing or re-segmented;
//!   [`split_deletions`] first tells a dropped sentence from a merge.

use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::align::Bead;

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
/// white space is a token of its own).
fn spaced_tokens(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for t in tokens(s) {
        if is_word(t) && end > start {
            out.push(&s[start..end]);
            start = end;
        }
        end += t.len();
    }
    if end > start {
        out.push(&s[start..end]);
    }
    out
}

fn is_word(t: &str) -> bool {
    !t.chars().all(char::is_whitespace)
}

/// A word-level diff of `old` and `new` (compared in NFC). Read alone, the
/// old texts of the ops give `old` and the new texts give `new`; an equal op
/// has the same text on both sides.
pub fn word_diff(old: &str, new: &str) -> Vec<Op> {
    let (old, new) = (crate::text::nfc(old), crate::text::nfc(new));
    // Diff words and punctuation only; each carries the white space after
    // it, so a shared space never anchors an alignment of unrelated words.
    let a = spaced_tokens(&old);
    let b = spaced_tokens(&new);
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
        let one_word = |s: &str| tokens(s).len() == 1 && is_word(s);
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unchanged,
    Changed,
    /// No stored translation; the new text has one (or a new sentence with no source).
    New,
    /// A stored translation with no counterpart in the new text.
    Missing,
    /// The new text merges or splits sentences against the stored segmentation.
    Resegmented,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Changed => "changed",
            Status::New => "new",
            Status::Missing => "missing",
            Status::Resegmented => "re-segmented",
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
/// re-segments them, or a new sentence with no source.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UnitDiff {
    pub status: Status,
    /// The stored units concerned (empty for a new sentence with no source).
    pub units: Vec<i64>,
    pub source: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub ops: Vec<Op>,
    pub stats: EditStats,
}

/// Compare the stored units (in source order) with the new beads. `orphans`
/// are stored units with a translation but no source text (0-1 beads of an
/// earlier alignment): a new sentence with no source that equals one of them
/// is unchanged; those left over are missing.
pub fn classify(
    stored: &[StoredUnit],
    orphans: &[(i64, String)],
    beads: &[NewBead],
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
                Status::New,
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
        let ids = units.iter().map(|u| u.unit).collect();
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
                // merged through another language's alignment.
                if units.len() > 1 || old_sentences != new_sentences {
                    Status::Resegmented
                } else if crate::text::nfc(o) == crate::text::nfc(n) {
                    Status::Unchanged
                } else {
                    Status::Changed
                }
            }
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
    UnitDiff {
        status,
        units,
        source,
        old,
        new,
        ops,
        stats,
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
        let got: Vec<Status> = classify(&stored, &[], &beads)
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
                Status::New
            ]
        );
    }

    fn aligned(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            confidence: 0.5,
            unsupported: Vec::new(),
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
            classify(&stored, &[], &new_beads)
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
            classify(&stored, &[], &beads)[0].status,
            Status::Resegmented
        );
    }

    #[test]
    fn a_unit_merged_through_another_language_is_not_resegmented() {
        // Stored: one unit of two source and two target sentences; the new
        // pair alignment has two 1-1 beads inside it.
        let stored = vec![unit(1, 0..2, Some(("A. B.", 0..2)))];
        let same = vec![bead(0..1, 0..1, "A."), bead(1..2, 1..2, "B.")];
        assert_eq!(classify(&stored, &[], &same)[0].status, Status::Unchanged);
        let edited = vec![bead(0..1, 0..1, "A."), bead(1..2, 1..2, "C.")];
        assert_eq!(classify(&stored, &[], &edited)[0].status, Status::Changed);
    }

    #[test]
    fn sentences_without_source_match_stored_ones() {
        let stored = vec![unit(1, 0..1, Some(("A.", 0..1)))];
        let orphans = vec![(7, "Extra.".to_string()), (8, "Gone.".to_string())];
        let beads = vec![bead(0..1, 0..1, "A."), bead(1..1, 1..2, "Extra.")];
        let got: Vec<(Status, Vec<i64>)> = classify(&stored, &orphans, &beads)
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
}
