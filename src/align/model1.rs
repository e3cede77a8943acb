//! IBM Model 1 word translation probabilities, learned by a few rounds of
//! expectation–maximisation from sentence pairs (the confident 1-1 beads
//! of a first pass), and the lexical reward of a bead that they give.
//!
//! Model 1 explains each target word by one of the source words or by a
//! null word; EM shares each target word's count among the source words in
//! proportion to their current probability, so a frequent word that is
//! everywhere (`the`, `de`) is explained away by the null word and by the
//! real translations, unlike a co-occurrence score (Dice).
//!
//! The reward of a bead S ↔ T is a log-likelihood ratio, word by word:
//! Σ over target words t of ln(1 + κ · P₁(t | S) / P(t)), where
//! P₁(t | S) = (1/|S|) Σ_{s ∈ S} p(t | s) is Model 1's probability without
//! the null word and P(t) the word's frequency in the target text. It is
//! 0 for a word no source word translates and about ln(κ / P(t)) for a rare
//! word translated for sure, like the spelling anchors' ln(1 + N / df).
//! Source words are shared among all the target words of the bead (the
//! 1/|S|), so merging a sentence into a bead dilutes the evidence of the
//! others unless its words are translated too.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiplicative hash for the integer keys of EM's tables (the default
/// SipHash cost a few per cent of the aligner's time).
#[derive(Default)]
pub(crate) struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }

    fn write_u32(&mut self, x: u32) {
        self.write_u64(x as u64);
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// The null word's id (no real word id reaches it).
pub(crate) const NULL: u32 = u32::MAX;

/// Translation probabilities p(t | s) of word ids, pruned below a floor.
#[derive(Debug, Default, Clone)]
pub(crate) struct Table {
    /// Per source word, (target word, p(t | s)) sorted by target word.
    pub by_src: HashMap<u32, Vec<(u32, f32)>>,
}

/// Expected counts carried in from earlier documents (see
/// [`super::Lexicon`]), in this document's word ids: c(s, t) for the source
/// words and target words of the document, and each source word's total
/// over all the target words it was ever counted with (null word included,
/// as [`NULL`]).
#[derive(Debug, Default)]
pub(crate) struct Prior {
    pub pairs: HashMap<(u32, u32), f64>,
    pub totals: HashMap<u32, f64>,
}

/// Expected counts of (source word, target word) pairs.
pub(crate) type Counts = Vec<((u32, u32), f64)>;

/// Train Model 1 on `pairs` (source word ids, target word ids; each list
/// without repeats) for `iterations` rounds of EM, starting from uniform
/// probabilities, or from `prior`'s where it has counts. With a prior, each
/// M step adds its counts to the document's (a lexicon grown over earlier
/// documents). Probabilities below `floor` are dropped from the result.
/// Also returns the document's own expected counts of the last round, for
/// carrying forward.
pub(crate) fn train(
    pairs: &[(&[u32], &[u32])],
    iterations: usize,
    floor: f32,
    prior: Option<&Prior>,
) -> (Table, Counts) {
    // Every co-occurring (source word, target word) gets a slot; `slots`
    // lists, per sentence pair and per target word in turn, the slots of
    // the null word and of each source word, so that EM runs over flat
    // arrays with no hashing.
    let mut slot_of: IntMap<(u32, u32), u32> = IntMap::default();
    let mut slot_pair: Vec<(u32, u32)> = Vec::new();
    let mut slots: Vec<u32> = Vec::new();
    let mut targets: Vec<u32> = Vec::new();
    for (s, t) in pairs {
        for &v in *t {
            targets.push(v);
            for &w in std::iter::once(&NULL).chain(s.iter()) {
                let next = slot_pair.len() as u32;
                let k = *slot_of.entry((w, v)).or_insert(next);
                if k == next {
                    slot_pair.push((w, v));
                }
                slots.push(k);
            }
        }
    }
    targets.sort_unstable();
    targets.dedup();
    // Source words as dense indices, for the totals.
    let mut src_index: IntMap<u32, u32> = IntMap::default();
    let owner: Vec<u32> = slot_pair
        .iter()
        .map(|&(w, _)| {
            let next = src_index.len() as u32;
            *src_index.entry(w).or_insert(next)
        })
        .collect();
    let empty = Prior::default();
    let prior = prior.unwrap_or(&empty);
    let prior_c: Vec<f64> = slot_pair
        .iter()
        .map(|k| prior.pairs.get(k).copied().unwrap_or(0.0))
        .collect();
    let mut prior_tot = vec![0.0f64; src_index.len()];
    for (&w, &i) in &src_index {
        prior_tot[i as usize] = prior.totals.get(&w).copied().unwrap_or(0.0);
    }
    let uniform = 1.0 / targets.len().max(1) as f64;
    let mut prob: Vec<f64> = (0..slot_pair.len())
        .map(|k| {
            let t = prior_tot[owner[k] as usize];
            if prior_c[k] > 0.0 && t > 0.0 {
                prior_c[k] / t
            } else {
                uniform
            }
        })
        .collect();
    let mut count = vec![0.0f64; slot_pair.len()];
    let mut total = vec![0.0f64; src_index.len()];
    for _ in 0..iterations {
        count.iter_mut().for_each(|c| *c = 0.0);
        total.iter_mut().for_each(|c| *c = 0.0);
        let mut at = 0;
        for (s, t) in pairs {
            let width = s.len() + 1;
            for _ in 0..t.len() {
                let row = &slots[at..at + width];
                at += width;
                let z: f64 = row.iter().map(|&k| prob[k as usize]).sum();
                if z <= 0.0 {
                    continue;
                }
                for &k in row {
                    count[k as usize] += prob[k as usize] / z;
                }
            }
        }
        for (k, &c) in count.iter().enumerate() {
            total[owner[k] as usize] += c;
        }
        for (k, p) in prob.iter_mut().enumerate() {
            let o = owner[k] as usize;
            let t = total[o] + prior_tot[o];
            *p = if t > 0.0 {
                (count[k] + prior_c[k]) / t
            } else {
                0.0
            };
        }
    }
    let mut by_src: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
    for (&(w, v), &p) in slot_pair.iter().zip(&prob) {
        if w != NULL && p as f32 >= floor {
            by_src.entry(w).or_default().push((v, p as f32));
        }
    }
    // What earlier documents knew of word pairs that do not meet here.
    for (&(w, v), &c) in &prior.pairs {
        if w == NULL || slot_of.contains_key(&(w, v)) {
            continue;
        }
        let doc = src_index.get(&w).map_or(0.0, |&i| total[i as usize]);
        let t = doc + prior.totals.get(&w).copied().unwrap_or(0.0);
        let p = if t > 0.0 { c / t } else { 0.0 };
        if p as f32 >= floor {
            by_src.entry(w).or_default().push((v, p as f32));
        }
    }
    for list in by_src.values_mut() {
        list.sort_unstable_by_key(|x| x.0);
    }
    let counts = slot_pair
        .into_iter()
        .zip(count)
        .filter(|&(_, c)| c > 1e-3)
        .collect();
    (Table { by_src }, counts)
}

/// What a bead's scorer needs: per source sentence, Σ_{s} p(t | s) over its
/// words as a sparse vector; per target sentence, its words with their
/// κ / P(t) factor; the number of words of each source sentence.
pub(crate) struct Evidence {
    /// Per source sentence, (target word, Σ p(t | s)) sorted by target word.
    pub src: Vec<Vec<(u32, f32)>>,
    /// Per source sentence, its number of words (at least 1).
    pub src_len: Vec<f32>,
    /// Per target sentence, (target word, κ / P(t)), sorted by word.
    pub tgt: Vec<Vec<(u32, f32)>>,
}

impl Evidence {
    pub fn new(table: &Table, src_words: &[Vec<u32>], tgt_words: &[Vec<u32>], kappa: f64) -> Self {
        let src = src_words
            .iter()
            .map(|ws| {
                let mut acc: Vec<(u32, f32)> = ws
                    .iter()
                    .filter_map(|w| table.by_src.get(w))
                    .flatten()
                    .copied()
                    .collect();
                acc.sort_unstable_by_key(|x| x.0);
                let mut out: Vec<(u32, f32)> = Vec::with_capacity(acc.len());
                for (v, p) in acc {
                    match out.last_mut() {
                        Some((u, q)) if *u == v => *q += p,
                        _ => out.push((v, p)),
                    }
                }
                out
            })
            .collect();
        let src_len = src_words.iter().map(|w| w.len().max(1) as f32).collect();
        let mut freq: HashMap<u32, u32> = HashMap::new();
        let mut n = 0u32;
        for ws in tgt_words {
            for &w in ws {
                *freq.entry(w).or_default() += 1;
                n += 1;
            }
        }
        let tgt = tgt_words
            .iter()
            .map(|ws| {
                ws.iter()
                    .map(|w| (*w, (kappa * n as f64 / freq[w] as f64) as f32))
                    .collect()
            })
            .collect();
        Evidence { src, src_len, tgt }
    }

    /// The reward of the bead src[i0..i1] ↔ tgt[j0..j1], in nats (≥ 0):
    /// the sum of its target sentences' rewards (the source words are
    /// shared among all of them).
    pub fn reward(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        let len: f32 = self.src_len[i0..i1].iter().sum();
        let srcs = &self.src[i0..i1];
        let mut r = 0.0f32;
        for words in &self.tgt[j0..j1] {
            for &(v, factor) in words {
                let mut p = 0.0f32;
                for s in srcs {
                    if let Ok(k) = s.binary_search_by_key(&v, |x| x.0) {
                        p += s[k].1;
                    }
                }
                if p > 0.0 {
                    r += (p / len * factor).ln_1p();
                }
            }
        }
        r as f64
    }

    /// The rewards of target sentence `j` against the source sentences
    /// src[i − a..i] for a = 1, 2, …, `out.len()` (as far as `i` allows),
    /// into `out[a − 1]`: what a bead of any shape ending at source
    /// position `i` and containing `j` gets from `j`.
    pub fn column(&self, i: usize, j: usize, out: &mut [f32]) {
        let depth = out.len().min(i);
        out.iter_mut().for_each(|x| *x = 0.0);
        for &(v, factor) in &self.tgt[j] {
            let mut p = 0.0f32;
            // The words of src[i − a..i], summed in the same order for every v.
            let mut len = 0.0f32;
            for a in 1..=depth {
                let s = &self.src[i - a];
                len += self.src_len[i - a];
                if let Ok(k) = s.binary_search_by_key(&v, |x| x.0) {
                    p += s[k].1;
                }
                if p > 0.0 {
                    out[a - 1] += (1.0 + p / len * factor).ln();
                }
            }
        }
    }
}

/// Expected translations: per sentence of one side, the words of the other
/// side that its reliable words (ones whose best translation turned up with
/// them in most training pairs) lead one to expect, with the nats to charge
/// when a bead lacks them: −ln((1 − r) / (1 − q)), r the smoothed share of
/// training pairs where the translation was there, q the share of sentences
/// of the other side that hold it anyway. A 2-1 bead that swallows
/// `he said.` when the other side has no `reče` pays for the missing word;
/// a 1-0 bead pays nothing (the null cost covers it).
pub(crate) struct Expect {
    /// Per sentence, (expected word on the other side, nats if missing).
    pub items: Vec<Vec<(u32, f32)>>,
    /// Per sentence of the other side, its words, sorted.
    pub other: Vec<Vec<u32>>,
}

impl Expect {
    /// `pairs`: the training pairs (this side's words, the other side's);
    /// `table`: p(other | this); `words`, `other`: the sentences' words.
    pub fn new(
        table: &Table,
        pairs: &[(&[u32], &[u32])],
        words: &[Vec<u32>],
        other: &[Vec<u32>],
        min_count: u32,
    ) -> Self {
        // Best translation of each word.
        let best: HashMap<u32, u32> = table
            .by_src
            .iter()
            .filter_map(|(&w, list)| {
                list.iter()
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|&(v, _)| (w, v))
            })
            .collect();
        let mut seen: HashMap<u32, (u32, u32)> = HashMap::new();
        for (a, b) in pairs {
            for w in *a {
                if let Some(v) = best.get(w) {
                    let e = seen.entry(*w).or_default();
                    e.0 += 1;
                    e.1 += b.binary_search(v).is_ok() as u32;
                }
            }
        }
        let mut df: HashMap<u32, u32> = HashMap::new();
        for ws in other {
            for &v in ws {
                *df.entry(v).or_default() += 1;
            }
        }
        let n = other.len().max(1) as f64;
        let charge: HashMap<u32, (u32, f32)> = seen
            .into_iter()
            .filter(|&(_, (c, _))| c >= min_count)
            .filter_map(|(w, (c, hit))| {
                let v = best[&w];
                let r = (hit as f64 + 0.5) / (c as f64 + 1.0);
                let q = (df.get(&v).copied().unwrap_or(0) as f64 / n).min(0.99);
                let nats = -((1.0 - r) / (1.0 - q)).ln();
                (nats > 0.0).then_some((w, (v, nats as f32)))
            })
            .collect();
        let items = words
            .iter()
            .map(|ws| ws.iter().filter_map(|w| charge.get(w).copied()).collect())
            .collect();
        Expect {
            items,
            other: other.to_vec(),
        }
    }

    /// Nats charged to sentence `i` of this side in a bead whose other side
    /// is sentences `j0..j1`.
    pub fn missing(&self, i: usize, j0: usize, j1: usize) -> f64 {
        let others = &self.other[j0..j1];
        self.items[i]
            .iter()
            .filter(|(v, _)| !others.iter().any(|o| o.binary_search(v).is_ok()))
            .map(|&(_, c)| c as f64)
            .sum()
    }

    /// [`Expect::missing`] of sentence `i` against `j − b..j` for
    /// b = 1, 2, …, `out.len()` (as far as `j` allows), into `out[b − 1]`.
    pub fn row(&self, i: usize, j: usize, out: &mut [f32]) {
        let depth = out.len().min(j);
        out.iter_mut().for_each(|x| *x = 0.0);
        for &(v, c) in &self.items[i] {
            // The first depth at which the word turns up.
            let found = (1..=depth)
                .find(|&b| self.other[j - b].binary_search(&v).is_ok())
                .unwrap_or(depth + 1);
            for x in &mut out[..(found - 1).min(depth)] {
                *x += c;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        // Word 1 always with 11, word 2 always with 12; 3 (everywhere) with
        // whatever is there.
        let s: Vec<Vec<u32>> = vec![vec![1, 3], vec![2, 3], vec![1, 2, 3], vec![1, 3]];
        let t: Vec<Vec<u32>> = vec![vec![11], vec![12], vec![11, 12], vec![11]];
        let pairs: Vec<(&[u32], &[u32])> =
            s.iter().zip(&t).map(|(a, b)| (&a[..], &b[..])).collect();
        train(&pairs, 5, 0.01, None).0
    }

    fn p(t: &Table, w: u32, v: u32) -> f32 {
        t.by_src
            .get(&w)
            .and_then(|l| l.iter().find(|x| x.0 == v))
            .map_or(0.0, |x| x.1)
    }

    #[test]
    fn em_explains_away_the_frequent_word() {
        let t = table();
        assert!(p(&t, 1, 11) > 0.8, "{}", p(&t, 1, 11));
        assert!(p(&t, 2, 12) > 0.8, "{}", p(&t, 2, 12));
        assert!(p(&t, 1, 12) < 0.2);
        // Each source word's probabilities sum to at most 1.
        for list in t.by_src.values() {
            assert!(list.iter().map(|x| x.1).sum::<f32>() <= 1.0 + 1e-5);
        }
    }

    #[test]
    fn reward_is_diluted_by_extra_source_sentences() {
        let t = table();
        let src = vec![vec![1], vec![2], vec![4]];
        let tgt = vec![vec![11], vec![12]];
        let e = Evidence::new(&t, &src, &tgt, 0.5);
        let one = e.reward(0, 1, 0, 1);
        assert!(one > 0.0);
        // Sentence 2 translates nothing: merging it in only dilutes.
        assert!(e.reward(1, 3, 1, 2) < e.reward(1, 2, 1, 2));
        // No translation, no reward.
        assert_eq!(e.reward(2, 3, 0, 2), 0.0);
        // A 1-2 bead gets the sum of its target sentences' rewards.
        let sum = e.reward(0, 1, 0, 1) + e.reward(0, 1, 1, 2);
        assert!((e.reward(0, 1, 0, 2) - sum).abs() < 1e-6);
        // `column` gives what `reward` gives, for each depth.
        let mut out = [0.0f32; 4];
        e.column(3, 1, &mut out);
        for a in 1..=3 {
            assert!((out[a - 1] as f64 - e.reward(3 - a, 3, 1, 2)).abs() < 1e-5);
        }
        assert_eq!(out[3], 0.0);
    }

    #[test]
    fn a_prior_alone_gives_its_probabilities() {
        let mut prior = Prior::default();
        prior.pairs.insert((1, 11), 3.0);
        prior.pairs.insert((1, 12), 1.0);
        prior.totals.insert(1, 4.0);
        let (t, counts) = train(&[], 5, 0.01, Some(&prior));
        assert!((p(&t, 1, 11) - 0.75).abs() < 1e-6);
        assert!((p(&t, 1, 12) - 0.25).abs() < 1e-6);
        assert!(counts.is_empty());
        // With a document that pairs 1 with 12 only, 12 gains.
        let s: Vec<Vec<u32>> = vec![vec![1], vec![1]];
        let tt: Vec<Vec<u32>> = vec![vec![12], vec![12]];
        let pairs: Vec<(&[u32], &[u32])> =
            s.iter().zip(&tt).map(|(a, b)| (&a[..], &b[..])).collect();
        let (t2, counts) = train(&pairs, 5, 0.01, Some(&prior));
        assert!(p(&t2, 1, 12) > 0.25 && p(&t2, 1, 11) < 0.75);
        assert!(
            counts
                .iter()
                .any(|&((w, v), c)| w == 1 && v == 12 && c > 0.0)
        );
    }

    #[test]
    fn missing_expected_translations_are_charged() {
        // Word 1 always comes with 11 (5 pairs); word 2 with nothing in particular.
        let s: Vec<Vec<u32>> = (0..5).map(|k| vec![1, 20 + k]).collect();
        let t: Vec<Vec<u32>> = (0..5).map(|k| vec![11, 30 + k]).collect();
        let pairs: Vec<(&[u32], &[u32])> =
            s.iter().zip(&t).map(|(a, b)| (&a[..], &b[..])).collect();
        let table = train(&pairs, 5, 0.01, None).0;
        let words = vec![vec![1], vec![2]];
        let other = vec![vec![40], vec![11], vec![41]];
        let e = Expect::new(&table, &pairs, &words, &other, 3);
        assert!(e.missing(0, 0, 1) > 1.0, "{}", e.missing(0, 0, 1));
        assert_eq!(e.missing(0, 0, 2), 0.0);
        assert_eq!(e.missing(1, 0, 1), 0.0);
        // Seen in fewer pairs than asked: no expectation.
        assert!(Expect::new(&table, &pairs, &words, &other, 6).items[0].is_empty());
        // `row` gives `missing` for each depth.
        let mut out = [0.0f32; 4];
        e.row(0, 3, &mut out);
        for b in 1..=3 {
            assert!((out[b - 1] as f64 - e.missing(0, 3 - b, 3)).abs() < 1e-6);
        }
    }
}
