//! The candidate index of one language: an in-memory inverted index over
//! key-token ids, built from the token vectors the store keeps, with a
//! filter that never loses a unit whose base score reaches the threshold.
//!
//! Why it cannot miss (query of `n` key tokens, threshold `t` = min/100,
//! stored text of `m` tokens, `L = max(n, m)`, distance `D`):
//! 1. Length window: `D ≥ |n − m|`, so `L − D ≤ min(n, m)`; a unit can reach
//!    `t` only if `min(n, m) ≥ t · max(n, m)`.
//! 2. Count filter: an alignment with `D` edits keeps at least `L − D` tokens
//!    matched, so the texts share (as multisets) at least `⌈t · L⌉ ≥ ⌈t · n⌉ = T`
//!    tokens.
//! 3. Prefix (pigeonhole) form of 2: order the query's token occurrences from
//!    rarest to most common; a text that shares `T` of them shares at least one
//!    of the first `n − T + 1`. So the candidates are the union of the posting
//!    lists of those rare tokens only; the common words' long lists are never
//!    read. (This is the "rarest tokens" idea made exact: how many rare tokens
//!    to read follows from the threshold, not from a guess.)
//! 4. Every candidate in the window is verified with the exact distance
//!    (bit-parallel, [`super::score::Pattern`]).
//!
//! `tests/it/lookup.rs` and the unit tests below check it against brute force.

use super::score::{Pattern, reaches};

/// A unit found by the index: its variant and key-level distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BaseHit {
    pub variant_id: i64,
    pub distance: u32,
    /// The longer key length (`L`).
    pub length: u32,
}

impl BaseHit {
    pub fn base_percent(&self) -> f64 {
        super::score::base_percent(self.distance as usize, self.length as usize)
    }
}

/// Collects token vectors, then inverts them.
#[derive(Default)]
pub struct IndexBuilder {
    ids: Vec<i64>,
    starts: Vec<u32>,
    tokens: Vec<u32>,
}

impl IndexBuilder {
    pub fn push(&mut self, variant_id: i64, tokens: &[u32]) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.ids.push(variant_id);
        self.tokens.extend_from_slice(tokens);
        self.starts.push(self.tokens.len() as u32);
    }

    pub fn finish(mut self) -> Index {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let vocab = self.tokens.iter().max().map_or(0, |&t| t as usize + 1);
        let mut offsets = vec![0u32; vocab + 1];
        let mut scratch: Vec<u32> = Vec::new();
        let rows = self.ids.len();
        let distinct = |row: usize, scratch: &mut Vec<u32>| {
            scratch.clear();
            scratch.extend_from_slice(
                &self.tokens[self.starts[row] as usize..self.starts[row + 1] as usize],
            );
            scratch.sort_unstable();
            scratch.dedup();
        };
        for row in 0..rows {
            distinct(row, &mut scratch);
            for &t in &scratch {
                offsets[t as usize + 1] += 1;
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut postings = vec![0u32; *offsets.last().unwrap_or(&0) as usize];
        for row in 0..rows {
            distinct(row, &mut scratch);
            for &t in &scratch {
                postings[fill[t as usize] as usize] = row as u32;
                fill[t as usize] += 1;
            }
        }
        Index {
            ids: std::mem::take(&mut self.ids),
            starts: std::mem::take(&mut self.starts),
            tokens: std::mem::take(&mut self.tokens),
            offsets,
            postings,
        }
    }
}

/// The in-memory index of one language.
pub struct Index {
    /// Variant id of each row.
    ids: Vec<i64>,
    /// Row `r`'s key-token ids are `tokens[starts[r]..starts[r + 1]]`.
    starts: Vec<u32>,
    tokens: Vec<u32>,
    /// Rows holding token `t`: `postings[offsets[t]..offsets[t + 1]]`, ascending.
    offsets: Vec<u32>,
    postings: Vec<u32>,
}

impl Index {
    /// How many variants it holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Bytes of memory the index uses.
    pub fn heap_bytes(&self) -> usize {
        self.ids.len() * 8
            + (self.starts.len() + self.tokens.len() + self.offsets.len() + self.postings.len()) * 4
    }

    fn row(&self, r: usize) -> &[u32] {
        &self.tokens[self.starts[r] as usize..self.starts[r + 1] as usize]
    }

    fn postings(&self, t: u32) -> &[u32] {
        let t = t as usize;
        if t + 1 >= self.offsets.len() {
            return &[];
        }
        &self.postings[self.offsets[t] as usize..self.offsets[t + 1] as usize]
    }

    /// Every variant whose base score against `query` (key-token ids) reaches
    /// `min` percent (1–100), in no particular order.
    pub fn search(&self, query: &[u32], min: u32) -> Vec<BaseHit> {
        let n = query.len();
        let mut out = Vec::new();
        if n == 0 || min == 0 {
            return if n == 0 {
                out
            } else {
                self.brute_force(query, min)
            };
        }
        let shared = (min as usize * n).div_ceil(100); // T
        let prefix = n - shared + 1;
        let mut distinct: Vec<(u32, usize)> = Vec::new();
        for &t in query {
            match distinct.iter_mut().find(|(x, _)| *x == t) {
                Some(d) => d.1 += 1,
                None => distinct.push((t, 1)),
            }
        }
        distinct.sort_by_key(|&(t, _)| (self.postings(t).len(), t));
        let pattern = Pattern::new(query);
        let mut seen = vec![0u64; self.ids.len().div_ceil(64)];
        let mut covered = 0;
        for &(t, count) in &distinct {
            if covered >= prefix {
                break;
            }
            covered += count;
            for &r in self.postings(t) {
                let r = r as usize;
                let (word, bit) = (r / 64, 1u64 << (r % 64));
                if seen[word] & bit != 0 {
                    continue;
                }
                seen[word] |= bit;
                let m = (self.starts[r + 1] - self.starts[r]) as usize;
                if 100 * n.min(m) < min as usize * n.max(m) {
                    continue;
                }
                self.verify(&pattern, r, min, &mut out);
            }
        }
        out
    }

    /// The same result as [`Index::search`], by scoring every variant.
    pub fn brute_force(&self, query: &[u32], min: u32) -> Vec<BaseHit> {
        let pattern = Pattern::new(query);
        let mut out = Vec::new();
        for r in 0..self.ids.len() {
            self.verify(&pattern, r, min, &mut out);
        }
        out
    }

    fn verify(&self, pattern: &Pattern, r: usize, min: u32, out: &mut Vec<BaseHit>) {
        let row = self.row(r);
        let d = pattern.distance(row);
        let l = pattern.len().max(row.len());
        if reaches(d, l, min) {
            out.push(BaseHit {
                variant_id: self.ids[r],
                distance: d as u32,
                length: l as u32,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded generator (xorshift), so failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
        /// Zipf-like token: small ids are common, as words are.
        fn token(&mut self, vocab: usize) -> u32 {
            let a = self.below(vocab) + 1;
            (self.below(a)) as u32
        }
    }

    fn edit(rng: &mut Rng, base: &[u32], vocab: usize) -> Vec<u32> {
        let mut v = base.to_vec();
        for _ in 0..rng.below(4) {
            let op = rng.below(3);
            let at = rng.below(v.len() + 1);
            match op {
                0 if at < v.len() => v[at] = rng.token(vocab),
                1 if at < v.len() => {
                    v.remove(at);
                }
                _ => v.insert(at, rng.token(vocab)),
            }
        }
        v
    }

    #[test]
    fn index_finds_exactly_what_brute_force_finds() {
        let mut rng = Rng(0x5EED_2026_1128);
        for round in 0..40 {
            let vocab = 5 + rng.below(60);
            let mut b = IndexBuilder::default();
            let mut rows: Vec<Vec<u32>> = Vec::new();
            for id in 0..400 {
                let row = if !rows.is_empty() && rng.below(2) == 0 {
                    let k = rng.below(rows.len());
                    edit(&mut rng, &rows[k].clone(), vocab)
                } else {
                    let len = rng.below(14);
                    (0..len).map(|_| rng.token(vocab)).collect()
                };
                b.push(id as i64 * 3 + 1, &row);
                rows.push(row);
            }
            let index = b.finish();
            for _ in 0..50 {
                let q = if rng.below(2) == 0 {
                    let k = rng.below(rows.len());
                    edit(&mut rng, &rows[k].clone(), vocab)
                } else {
                    let len = 1 + rng.below(12);
                    // Some query tokens the index has never seen.
                    (0..len)
                        .map(|_| rng.token(vocab + 10) + (rng.below(5) == 0) as u32 * 1000)
                        .collect()
                };
                for min in [1, 30, 50, 66, 75, 80, 95, 100] {
                    let mut fast = index.search(&q, min);
                    let mut slow = index.brute_force(&q, min);
                    fast.sort_by_key(|h| h.variant_id);
                    slow.sort_by_key(|h| h.variant_id);
                    assert_eq!(fast, slow, "round {round}, min {min}, query {q:?}");
                }
            }
        }
    }
}
