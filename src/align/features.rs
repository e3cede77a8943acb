//! Lexical anchors that need no dictionary: what two sentences of different
//! languages can share. Each sentence becomes a multiset of feature ids:
//!
//! - `#value`: a number, compared by value (`4,500` = `4.500` = `4 500`,
//!   `3,5` = `3.5`);
//! - `=word`: a word of three letters or more, folded (lower case, no
//!   diacritics, Cyrillic → Latin), so `Stoltenberg` = `Столтенберг`;
//! - `~pref`: the first [`Anchors::prefix_len`] letters of a longer word,
//!   spelt by sound ([`phonetic`]): a cheap cognate test (`Expedition` ~
//!   `expédition`, `Stoltenbergu` ~ `Stoltenberg`, `Winston` ~ `Vinston`);
//! - punctuation that translators keep: `?`, `!`, `:`, quotes, parentheses;
//! - `@k`: a word pair learned from the document itself (see `lexicon`);
//! - `g:id`: a glossary concept named in the sentence, in any form or script
//!   (added by `align` when `Config::glossary` is set).
//!
//! Only features seen on both sides of the document are kept (and numbers,
//! whose absence on the other side counts against a bead); each gets an
//! inverse-document-frequency weight, so a name that occurs once is strong
//! evidence and a frequent cognate prefix is weak.

use std::collections::HashMap;

use crate::text;

/// Which kinds of anchors to use (all on by default; switches exist so that
/// each idea's gain can be measured).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchors {
    pub numbers: bool,
    pub words: bool,
    /// Cognate prefixes; 0 turns them off.
    pub prefix_len: usize,
    pub punctuation: bool,
    /// Cognate prefixes spelt by sound (`Winston` ~ `Vinston`, `Kavanaugh`
    /// ~ `Kavano`): see [`phonetic`].
    pub phonetic: bool,
}

impl Default for Anchors {
    fn default() -> Self {
        Anchors {
            numbers: true,
            words: true,
            // Shorter prefixes match too many unrelated words (4: dev
            // strict F1 0.896, 5: 0.902, 6: 0.909, 7: 0.902).
            prefix_len: 6,
            punctuation: true,
            // Neutral on every gold set; on NTREX news with omissions it
            // gains 0.004–0.006 strict F1 for sr and hr, whose names are
            // respelt by sound (benches/README.md).
            phonetic: true,
        }
    }
}

/// A folded word respelt so that the spellings of one name in Latin-script
/// languages meet: `w` → `v`, `ph` → `f`, `th` → `t`, `sh` → `s` (as `š`
/// folds), `c`/`ch`/`q`/`ck` → `k`,
/// `x` → `ks`, `y`/`j` → `i`, `dz` → `i` (Serbian `dž` for English `j`),
/// doubled letters once.
pub(crate) fn phonetic(folded: &str) -> String {
    let b = folded.as_bytes();
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    while i < b.len() {
        let two = &b[i..b.len().min(i + 2)];
        let (sub, step): (&str, usize) = match two {
            [b'p', b'h'] => ("f", 2),
            [b't', b'h'] => ("t", 2),
            [b's', b'h'] => ("s", 2),
            [b'c', b'h'] => ("k", 2),
            [b'c', b'k'] => ("k", 2),
            [b'd', b'z'] => ("i", 2),
            [b'w', ..] => ("v", 1),
            [b'c', ..] | [b'q', ..] => ("k", 1),
            [b'x', ..] => ("ks", 1),
            [b'y', ..] | [b'j', ..] => ("i", 1),
            _ => {
                let c = folded[i..].chars().next().unwrap_or(' ');
                if !out.ends_with(c) {
                    out.push(c);
                }
                i += c.len_utf8();
                continue;
            }
        };
        if !out.ends_with(sub) {
            out.push_str(sub);
        }
        i += step;
    }
    out
}

/// Raw keys of one side: per sentence, the interned feature ids (with
/// repetition) and the folded word ids (for learning a lexicon).
pub(crate) struct RawSide {
    pub keys: Vec<Vec<u32>>,
    pub words: Vec<Vec<u32>>,
    pub chars: Vec<f64>,
    /// Sentences that continue the previous one (see [`is_fragment`]).
    pub fragment: Vec<bool>,
    /// Lines that end without punctuation (see [`is_headline`]).
    pub headline: Vec<bool>,
    /// Sentences that end a paragraph, the last one excepted (all false
    /// when the side has no paragraphs).
    pub para_end: Vec<bool>,
}

/// Prefix of a glossary concept's feature key.
pub(crate) const CONCEPT: &str = "g:";

/// Interns feature strings and word strings.
#[derive(Default)]
pub(crate) struct Interner {
    map: HashMap<String, u32>,
    pub is_number: Vec<bool>,
    pub is_concept: Vec<bool>,
}

impl Interner {
    /// Every interned string, indexed by id.
    pub fn names(&self) -> Vec<&str> {
        let mut out = vec![""; self.map.len()];
        for (k, &id) in &self.map {
            out[id as usize] = k;
        }
        out
    }

    pub fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.map.get(key) {
            return id;
        }
        let id = self.is_number.len() as u32;
        self.map.insert(key.to_string(), id);
        self.is_number.push(key.starts_with('#'));
        self.is_concept.push(key.starts_with(CONCEPT));
        id
    }
}

/// The length of a sentence for the length model: its characters, trimmed.
pub(crate) fn length(s: &str) -> f64 {
    s.trim().chars().count() as f64
}

/// Build the raw keys of every sentence of one side.
pub(crate) fn raw_side(
    sentences: &[&str],
    anchors: &Anchors,
    keys: &mut Interner,
    words: &mut Interner,
) -> RawSide {
    let mut out = RawSide {
        keys: Vec::with_capacity(sentences.len()),
        words: Vec::with_capacity(sentences.len()),
        chars: Vec::with_capacity(sentences.len()),
        fragment: Vec::with_capacity(sentences.len()),
        headline: Vec::with_capacity(sentences.len()),
        para_end: vec![false; sentences.len()],
    };
    for s in sentences {
        let toks = text::words(s);
        // Each word folded once, for both its anchors and its word id
        // (`None`: a token with digits, a number).
        let folded: Vec<Option<String>> = toks
            .iter()
            .map(|w| (!has_digit(w)).then(|| text::fold(w)))
            .collect();
        // Ids in the order the keys come: the interner numbers them so.
        let mut ids = Vec::new();
        token_keys(s, &toks, &folded, anchors, &mut |k| ids.push(keys.id(k)));
        ids.sort_unstable();
        out.keys.push(ids);
        out.words.push(word_ids_of(&folded, words));
        out.chars.push(length(s));
        out.fragment.push(is_fragment(s));
        out.headline.push(is_headline(s));
    }
    // A line without final punctuation stands out only in a text that
    // punctuates its sentences: not in Thai or Lao, which end them with a
    // space, nor in a list of unpunctuated items. Headlines and captions
    // can be most lines of a magazine's contents (DTM: 63%), so only a side
    // with hardly any punctuated line (under 10%) is taken to have none.
    if 10 * out.headline.iter().filter(|&&h| h).count() > 9 * out.headline.len() {
        out.headline.iter_mut().for_each(|h| *h = false);
    }
    out
}

/// The word ids of one sentence for Model 1: its folded words of at least
/// three letters (`None`: a token with digits), sorted, without repeats.
fn word_ids_of(folded: &[Option<String>], words: &mut Interner) -> Vec<u32> {
    let mut wids: Vec<u32> = folded
        .iter()
        .flatten()
        .filter(|f| f.chars().count() >= 3)
        .map(|f| words.id(f))
        .collect();
    wids.sort_unstable();
    wids.dedup();
    wids
}

/// The word ids of each sentence, as [`raw_side`] gives them, without the
/// anchors (for learning a lexicon from known pairs).
pub(crate) fn word_ids(sentences: &[&str], words: &mut Interner) -> Vec<Vec<u32>> {
    sentences
        .iter()
        .map(|s| {
            let folded: Vec<Option<String>> = text::words(s)
                .iter()
                .map(|w| (!has_digit(w)).then(|| text::fold(w)))
                .collect();
            word_ids_of(&folded, words)
        })
        .collect()
}

/// A line that ends in a letter or digit, with no final punctuation: a
/// headline, a caption, a title; a paragraph of its own.
pub(crate) fn is_headline(s: &str) -> bool {
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn has_digit(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
}

/// A "sentence" whose first letter is lower case (`des estimations …`,
/// `le travail d' érosion …`): not a sentence start but the rest of the
/// previous sentence, cut by OCR, a line break or a segmentation error.
/// One that starts with a digit is not (`3. Juli`).
pub(crate) fn is_fragment(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

/// The feature strings of one sentence.
#[cfg(test)]
pub(crate) fn sentence_keys(s: &str, anchors: &Anchors, out: &mut Vec<String>) {
    let toks = text::words(s);
    let folded: Vec<Option<String>> = toks
        .iter()
        .map(|w| (!has_digit(w)).then(|| text::fold(w)))
        .collect();
    token_keys(s, &toks, &folded, anchors, &mut |k| out.push(k.to_string()));
}

/// The feature strings of sentence `s`, whose word tokens are `toks`, each
/// folded in `folded` (`None` for a token with digits), passed to `emit` in
/// order.
fn token_keys(
    s: &str,
    toks: &[&str],
    folded: &[Option<String>],
    anchors: &Anchors,
    emit: &mut impl FnMut(&str),
) {
    let base = s.as_ptr() as usize;
    let mut key = String::new();
    let mut i = 0;
    while i < toks.len() {
        let w = toks[i];
        if has_digit(w) {
            if anchors.numbers {
                // `4 500`: a group of 1-3 digits followed, after one space, by
                // exactly three digits is one number.
                let mut joined = w.to_string();
                let mut end = w.as_ptr() as usize - base + w.len();
                if is_digits(w, 1, 3) {
                    loop {
                        match toks.get(i + 1) {
                            Some(next)
                                if is_digits(next, 3, 3)
                                    && next.as_ptr() as usize - base == end + 1
                                    && s.as_bytes()[end] == b' ' =>
                            {
                                joined.push_str(next);
                                end = next.as_ptr() as usize - base + next.len();
                                i += 1;
                            }
                            _ => break,
                        }
                    }
                }
                if let Some(parts) = date_parts(&joined) {
                    for v in parts {
                        key.clear();
                        key.push('#');
                        key.push_str(v.trim_start_matches('0'));
                        emit(&key);
                    }
                } else if let Some(v) = number_value(&joined) {
                    key.clear();
                    key.push('#');
                    key.push_str(&v);
                    emit(&key);
                }
            }
        } else if anchors.words || anchors.prefix_len > 0 {
            let mut part_keys = |f: &str| {
                let n = f.chars().count();
                if anchors.words && n >= 3 {
                    key.clear();
                    key.push('=');
                    key.push_str(f);
                    emit(&key);
                }
                if anchors.prefix_len > 0 && n > anchors.prefix_len {
                    key.clear();
                    key.push('~');
                    if anchors.phonetic {
                        key.extend(phonetic(f).chars().take(anchors.prefix_len));
                    } else {
                        key.extend(f.chars().take(anchors.prefix_len));
                    }
                    emit(&key);
                }
            };
            // `l'expédition`, `NATO's`, `KFOR-i`, `Himalaya-Berge`: the parts.
            const JOINERS: [char; 3] = ['\'', '’', '-'];
            match &folded[i] {
                Some(f) if !w.contains(JOINERS) => part_keys(f),
                _ => w
                    .split(JOINERS)
                    .for_each(|part| part_keys(&text::fold(part))),
            }
        }
        i += 1;
    }
    if anchors.punctuation {
        for c in s.chars() {
            let k = match c {
                '?' | '¿' => "?",
                '!' | '¡' => "!",
                ':' => ":",
                '"' | '„' | '“' | '”' | '«' | '»' | '‹' | '›' | '‚' => "\"",
                '(' | '[' => "(",
                _ => continue,
            };
            emit(k);
        }
    }
}

fn is_digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The day, month and year of a dotted or slashed date (`17.3.84`,
/// `05.11.2024`, `5/11/2024`), which other languages write spaced
/// (`17. 3. 84`, one number a token) or in words: each part is a number
/// of its own. `1.000.000` (thousands) is not a date.
fn date_parts(tok: &str) -> Option<impl Iterator<Item = &str>> {
    let sep = if tok.contains('/') { '/' } else { '.' };
    let tok = tok.strip_suffix('.').unwrap_or(tok);
    let parts: Vec<&str> = tok.split(sep).collect();
    let date = parts.len() == 3
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && (1..=2).contains(&parts[0].len())
        && (1..=2).contains(&parts[1].len())
        && matches!(parts[2].len(), 2 | 4);
    date.then(|| tok.split(sep))
}

/// The value of a number token as a canonical string: thousands separators
/// (`,` `.` followed by groups of exactly three digits) removed, a decimal
/// comma made a point, leading zeros and trailing decimal zeros dropped.
/// Tokens with letters (`3rd`, `A4`) keep their digits only when the rest is
/// a suffix: `1950s` → `1950`.
pub(crate) fn number_value(tok: &str) -> Option<String> {
    let digits_end = tok
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(tok.len(), |(i, _)| i);
    let num = &tok[..digits_end];
    if num.is_empty() || !num.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let groups: Vec<&str> = num.split([',', '.']).collect();
    let thousands = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    let (int, frac) = if thousands {
        (groups.concat(), String::new())
    } else if groups.len() == 2 {
        (groups[0].to_string(), groups[1].to_string())
    } else if groups.len() > 2 {
        // `1.000.000,5`: the last group is the fraction if it is not three long.
        let last = groups[groups.len() - 1];
        (groups[..groups.len() - 1].concat(), last.to_string())
    } else {
        (num.to_string(), String::new())
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    Some(if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    })
}

/// One sentence as the scorer sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentFeats {
    pub chars: f64,
    pub fragment: bool,
    pub headline: bool,
    pub para_end: bool,
    /// (feature id, count), sorted by id; only features seen on both sides
    /// of the document, and numbers.
    pub feats: Vec<(u32, u32)>,
}

/// The most sentences on one side of a bead (see `score::SHAPES`).
pub(crate) const MAX_RUN: usize = 4;

/// The features of every run of 2 to [`MAX_RUN`] consecutive sentences of
/// one side, merged into one sorted multiset: computed once per document,
/// where the scorer would otherwise merge them again for every bead it
/// costs (each run is on one side of many beads).
#[derive(Debug, Default)]
pub(crate) struct Runs {
    /// `bounds[i * (MAX_RUN - 1) + len - 2]..` the next entry: where the run
    /// of `len` sentences starting at `i` lies in `feats` (empty past the end
    /// of the side).
    bounds: Vec<usize>,
    feats: Vec<(u32, u32)>,
}

impl Runs {
    fn new(side: &[SentFeats]) -> Runs {
        let mut runs = Runs {
            bounds: Vec::with_capacity(side.len() * (MAX_RUN - 1) + 1),
            feats: Vec::new(),
        };
        let mut prev = Vec::new();
        let mut cur = Vec::new();
        for i in 0..side.len() {
            prev.clear();
            prev.extend_from_slice(&side[i].feats);
            for len in 2..=MAX_RUN {
                runs.bounds.push(runs.feats.len());
                if let Some(next) = side.get(i + len - 1) {
                    cur.clear();
                    merge(&prev, &next.feats, &mut cur);
                    runs.feats.extend_from_slice(&cur);
                    std::mem::swap(&mut prev, &mut cur);
                }
            }
        }
        runs.bounds.push(runs.feats.len());
        runs
    }

    /// The features of `side[i0..i1]` as one sorted multiset, `side` being
    /// the sentences these runs were built from and `i1 − i0` at most
    /// [`MAX_RUN`].
    pub fn get<'a>(&'a self, side: &'a [SentFeats], i0: usize, i1: usize) -> &'a [(u32, u32)] {
        match i1 - i0 {
            1 => &side[i0].feats,
            len => {
                let k = i0 * (MAX_RUN - 1) + len - 2;
                &self.feats[self.bounds[k]..self.bounds[k + 1]]
            }
        }
    }
}

/// The union of the sorted multisets `a` and `b`, appended to `out`.
fn merge(a: &[(u32, u32)], b: &[(u32, u32)], out: &mut Vec<(u32, u32)>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// The features of both sides, filtered and weighted.
pub(crate) struct Weighted {
    pub src: Vec<SentFeats>,
    pub tgt: Vec<SentFeats>,
    /// The merged features of runs of sentences of each side.
    pub src_runs: Runs,
    pub tgt_runs: Runs,
    pub weight: Vec<f64>,
    /// `N / df` of each feature (0 when one side lacks it), times nothing:
    /// the raw rarity behind `weight`, for weights of wider beads.
    pub rarity: Vec<f64>,
    /// Multiplier of each feature's weight (`concept_weight` for concepts, else 1).
    pub mult: Vec<f64>,
    pub is_number: Vec<bool>,
    pub is_concept: Vec<bool>,
    /// Numbers and concepts: the features whose absence on one side of a
    /// bead counts against it.
    pub is_checked: Vec<bool>,
}

/// Keep the features seen on both sides and weight them by rarity:
/// `ln(1 + N / df)`, with `N` the larger side and `df` the larger document
/// frequency. A feature in every sentence is worth about `ln 2`. Glossary
/// concepts' weights are multiplied by `concept_weight`.
pub(crate) fn weigh(
    src: &RawSide,
    tgt: &RawSide,
    kinds: &Interner,
    concept_weight: f64,
) -> Weighted {
    let is_number = &kinds.is_number;
    let nf = is_number.len();
    let mut df_s = vec![0u32; nf];
    let mut df_t = vec![0u32; nf];
    for (side, df) in [(src, &mut df_s), (tgt, &mut df_t)] {
        for keys in &side.keys {
            let mut last = u32::MAX;
            for &k in keys {
                if k != last {
                    df[k as usize] += 1;
                    last = k;
                }
            }
        }
    }
    let big = src.keys.len().max(tgt.keys.len()).max(1) as f64;
    let rarity: Vec<f64> = (0..nf)
        .map(|k| {
            if df_s[k] == 0 || df_t[k] == 0 {
                0.0
            } else {
                big / df_s[k].max(df_t[k]) as f64
            }
        })
        .collect();
    let mult: Vec<f64> = (0..nf)
        .map(|k| {
            if kinds.is_concept[k] {
                concept_weight
            } else {
                1.0
            }
        })
        .collect();
    let weight: Vec<f64> = rarity
        .iter()
        .zip(&mult)
        .map(|(&r, &m)| m * (1.0 + r).ln())
        .collect();
    let conv = |side: &RawSide| -> Vec<SentFeats> {
        side.keys
            .iter()
            .zip(&side.chars)
            .zip(&side.fragment)
            .zip(&side.headline)
            .zip(&side.para_end)
            .map(|((((keys, &chars), &fragment), &headline), &para_end)| {
                let mut feats: Vec<(u32, u32)> = Vec::new();
                for &k in keys {
                    // Numbers and concepts stay even when only one side has
                    // them: a number or a name with no counterpart is
                    // evidence of an omission.
                    if weight[k as usize] == 0.0
                        && !is_number[k as usize]
                        && !kinds.is_concept[k as usize]
                    {
                        continue;
                    }
                    match feats.last_mut() {
                        Some((id, c)) if *id == k => *c += 1,
                        _ => feats.push((k, 1)),
                    }
                }
                SentFeats {
                    chars,
                    fragment,
                    headline,
                    para_end,
                    feats,
                }
            })
            .collect()
    };
    let (src, tgt) = (conv(src), conv(tgt));
    Weighted {
        src_runs: Runs::new(&src),
        tgt_runs: Runs::new(&tgt),
        src,
        tgt,
        weight,
        rarity,
        mult,
        is_number: is_number.to_vec(),
        is_concept: kinds.is_concept.clone(),
        is_checked: is_number
            .iter()
            .zip(&kinds.is_concept)
            .map(|(&n, &c)| n || c)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        sentence_keys(s, &Anchors::default(), &mut v);
        v
    }

    #[test]
    fn numbers_compare_by_value() {
        for (a, b) in [
            ("4,500", "4.500"),
            ("1,000", "1.000"),
            ("3,5", "3.50"),
            ("007", "7"),
            ("1.000.000", "1,000,000"),
        ] {
            assert_eq!(number_value(a), number_value(b), "{a} vs {b}");
        }
        assert_eq!(number_value("4,500").as_deref(), Some("4500"));
        assert_eq!(number_value("3,5").as_deref(), Some("3.5"));
        assert_eq!(number_value("1950s").as_deref(), Some("1950"));
        assert_ne!(number_value("4.5"), number_value("4.500"));
    }

    #[test]
    fn a_dotted_date_is_three_numbers() {
        for (text, parts) in [
            ("times 17.3.84 bb", ["#17", "#3", "#84"]),
            ("on 17/3/84", ["#17", "#3", "#84"]),
            ("dana 17. 3. 84.", ["#17", "#3", "#84"]),
            ("17.03.1984.", ["#17", "#3", "#1984"]),
        ] {
            let k = keys(text);
            for n in parts {
                assert!(k.iter().any(|x| x == n), "{text}: {k:?} lacks {n}");
            }
        }
        // Thousands and version numbers are not dates.
        assert!(keys("1.000.000 people").iter().any(|x| x == "#1000000"));
        assert!(keys("3.5.2 version").iter().all(|x| x != "#3"));
    }

    #[test]
    fn spaced_thousands_join() {
        assert!(keys("about 4 500 soldiers").contains(&"#4500".to_string()));
        assert!(keys("rreth 4.500 ushtarë").contains(&"#4500".to_string()));
        // A year followed by a count is not joined when the count is not three digits.
        let k = keys("in 1999 12 units");
        assert!(k.contains(&"#1999".to_string()) && k.contains(&"#12".to_string()));
    }

    #[test]
    fn names_match_across_scripts_and_diacritics() {
        let lat = keys("Stoltenberg u Prištini");
        let cyr = keys("Столтенберг у Приштини");
        assert_eq!(lat, cyr);
        assert!(keys("KFOR-i në Prishtinë").contains(&"=kfor".to_string()));
        // Cognate prefixes are spelt by sound (`x` → `ks`, `sh` → `s`).
        assert!(keys("Die Expedition").contains(&"~eksped".to_string()));
        assert!(keys("l'expédition").contains(&"~eksped".to_string()));
        assert!(keys("në Prishtinë").contains(&"~pristi".to_string()));
        assert!(keys("u Prištini").contains(&"~pristi".to_string()));
    }

    #[test]
    fn headlines_end_without_punctuation() {
        for h in [
            "Yoko Ono is felbukkant a biennálén",
            "Slovenia: Bridge to the Balkans",
            "10 - Photo Indian Air Force ",
            "Приштина 2026",
        ] {
            assert!(is_headline(h), "{h}");
        }
        for s in [
            "He left.",
            "Why?",
            "Astronomers and engineers have,",
            "( voir le croquis )",
            "",
        ] {
            assert!(!is_headline(s), "{s}");
        }
    }

    #[test]
    fn a_side_that_never_punctuates_has_no_headlines() {
        let side = |lines: &[&str]| {
            let (mut keys, mut words) = (Interner::default(), Interner::default());
            raw_side(lines, &Anchors::default(), &mut keys, &mut words).headline
        };
        // Thai ends a sentence with a space, not a mark.
        let thai = ["วันนี้อากาศดีมาก", "เราจะไปทะเลกัน", "พรุ่งนี้ฝนจะตก"];
        assert_eq!(side(&thai), [false, false, false]);
        // Contents with most lines unpunctuated still have headlines.
        let contents = [
            "Straight talk",
            "Interview with Bruno Delaye",
            "He spoke.",
            "Forum",
        ];
        assert_eq!(side(&contents), [true, true, false, true]);
    }

    #[test]
    fn fragments_start_in_lower_case() {
        for f in [
            "des estimations ( non officielles )",
            "« la Montagne »",
            "he said.",
        ] {
            assert!(is_fragment(f), "{f}");
        }
        for s in ["Die Expedition", "3. Juli", "« La Montagne »", "- _-", ""] {
            assert!(!is_fragment(s), "{s}");
        }
    }

    #[test]
    fn names_respelt_by_sound_share_a_prefix() {
        let key = |w: &str| phonetic(&text::fold(w)).chars().take(6).collect::<String>();
        for (a, b) in [
            ("Winston", "Vinston"),
            ("Washington", "Vašington"),
            ("Philadelphia", "Filadelfija"),
            ("Goldstein", "Голдштајн"),
            ("Expedition", "expédition"),
        ] {
            assert_eq!(key(a), key(b), "{a} ~ {b}");
        }
        assert_ne!(key("Winston"), key("Washington"));
    }

    #[test]
    fn punctuation_is_kept() {
        let k = keys("«Why?» he asked: (really)!");
        for p in ["?", "!", ":", "(", "\""] {
            assert!(k.contains(&p.to_string()), "{p}");
        }
    }
}
