//! Banded dynamic programming over bead shapes: the cheapest path (Viterbi)
//! and, for confidence, the posterior probability of each bead on it
//! (forward–backward over the same band).
//!
//! The band is a monotone staircase around a guide (the diagonal, or an
//! earlier pass's path). When the best path comes near the band's edge the
//! band is doubled and the search redone, so a band too narrow for the text
//! costs time, never accuracy at that spot.

use std::ops::Range;

use super::model1::Evidence;
use super::score::{SHAPES, Scorer};
use super::{BeadSide, Unsupported};

/// The band: for each source position `i` in `0..=n`, the target positions
/// `lo[i]..=hi[i]`; both non-decreasing.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    start: Vec<usize>,
    cells: usize,
}

impl Band {
    fn new(guide: &[(usize, usize)], m: usize, w: usize) -> Band {
        let mut lo: Vec<usize> = guide.iter().map(|g| g.0.saturating_sub(w)).collect();
        let mut hi: Vec<usize> = guide.iter().map(|g| (g.1 + w).min(m)).collect();
        // Keep the staircase monotone and anchored at both corners.
        for i in 1..lo.len() {
            lo[i] = lo[i].max(lo[i - 1]);
            hi[i] = hi[i].max(hi[i - 1]);
        }
        lo[0] = 0;
        let last = hi.len() - 1;
        hi[last] = m;
        for i in (0..lo.len() - 1).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        let mut start = Vec::with_capacity(lo.len());
        let mut cells = 0;
        for i in 0..lo.len() {
            start.push(cells);
            cells += hi[i] - lo[i] + 1;
        }
        Band {
            lo,
            hi,
            start,
            cells,
        }
    }

    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.start[i] + j - self.lo[i])
    }

    fn is_full(&self, m: usize) -> bool {
        self.lo.iter().all(|&l| l == 0) && self.hi.iter().all(|&h| h == m)
    }
}

/// One bead of the result: local ranges and posterior probability.
pub(crate) type Step = (Range<usize>, Range<usize>, f64);

/// The search's working memory, kept from one call to the next (the blocks
/// and passes of a document, and each doubling of the band): every buffer is
/// cleared and refilled before use, so no state carries over from one call
/// to the next, only memory that is already allocated and paged in. Within a
/// call, the costs of a band are kept when it doubles (`narrower_costs`,
/// see [`bead_costs`]).
#[derive(Default)]
pub(crate) struct Scratch {
    costs: Vec<f32>,
    /// The costs of the band before the last doubling.
    narrower_costs: Vec<f32>,
    cols: Vec<f32>,
    rows: Vec<f32>,
    miss_rows: Vec<f32>,
    miss_cols: Vec<f32>,
    best: Vec<f64>,
    back: Vec<u8>,
    fwd: Vec<f64>,
    bwd: Vec<f64>,
}

/// Make `v` hold `len` copies of `x`, reusing its allocation.
fn refill<T: Copy>(v: &mut Vec<T>, len: usize, x: T) {
    v.clear();
    v.resize(len, x);
}

/// Align the source sentences `src` with the target sentences `tgt`.
/// `guide[i]` is the (lowest, highest) target position, relative to
/// `tgt.start`, expected at source position `src.start + i` (`n + 1`
/// entries, from (0, 0) to (m, m)). Returned ranges are relative too.
pub(crate) fn search(
    scratch: &mut Scratch,
    scorer: &Scorer,
    src: Range<usize>,
    tgt: Range<usize>,
    guide: &[(usize, usize)],
    half_width: usize,
    temperature: f64,
) -> Vec<Step> {
    let (i_off, j_off, n, m) = (src.start, tgt.start, src.len(), tgt.len());
    let mut w = half_width.max(4);
    let mut narrower: Option<Band> = None;
    loop {
        let band = Band::new(guide, m, w);
        bead_costs(scratch, scorer, &band, narrower.as_ref(), i_off, j_off, n);
        let path = viterbi(scratch, &band, n, m);
        let full = band.is_full(m);
        if full || !touches_edge(&band, &path, m) {
            return posteriors(scratch, &band, n, m, &path, temperature);
        }
        narrower = Some(band);
        w *= 2;
    }
}

const INF: f32 = f32::INFINITY;

/// The most sentences on one side of a bead (see `SHAPES`).
const DEPTH: usize = super::features::MAX_RUN;

/// Into `scratch.costs`, `costs[cell * S + k]`: cost of the bead of shape k
/// that ends at the cell.
///
/// `narrower`: the band `scratch.costs` holds the costs of (the same search
/// before its band doubled), or `None`. A band's costs depend on it only
/// through which cells it holds, and only the cells up to `DEPTH` rows
/// above and columns left of a cell are consulted (the bead's start and the
/// cells its Model 1 and missing-translation sums are read from). Where all
/// of those lie in the narrower band (which the wider one contains), the
/// cost computed there is the one computed here, bit for bit, and is copied.
fn bead_costs(
    scratch: &mut Scratch,
    scorer: &Scorer,
    band: &Band,
    narrower: Option<&Band>,
    i_off: usize,
    j_off: usize,
    n: usize,
) {
    let s = SHAPES.len();
    let Scratch {
        costs,
        narrower_costs,
        cols,
        rows,
        miss_rows,
        miss_cols,
        ..
    } = scratch;
    std::mem::swap(costs, narrower_costs);
    refill(costs, band.cells * s, INF);
    // The cell of the narrower band whose costs hold at (i, j), if any: both
    // bands are staircases (`lo`, `hi` non-decreasing), so the rows
    // i − DEPTH..=i of the narrower band hold the columns
    // j − DEPTH..=j when its row i starts early enough and its row i − DEPTH
    // ends late enough.
    let reusable = |i: usize, j: usize| {
        narrower.and_then(|nb| {
            (nb.lo[i] <= j.saturating_sub(DEPTH) && j <= nb.hi[i.saturating_sub(DEPTH)])
                .then(|| nb.start[i] + j - nb.lo[i])
        })
    };
    // Model 1 rewards per cell (i, j) and source depth a: target sentence
    // j − 1 against source sentences i − a..i, so that a bead's reward is a
    // sum over its target sentences, each computed once. The other
    // direction, `rows`: source sentence i − 1 against target sentences
    // j − b..j.
    if let Some(m) = scorer.model1 {
        refill(cols, band.cells * DEPTH, 0.0);
        for i in 1..=n {
            for j in band.lo[i].max(1)..=band.hi[i] {
                let c = band.start[i] + j - band.lo[i];
                m.column(
                    i_off + i,
                    j_off + j - 1,
                    &mut cols[c * DEPTH..(c + 1) * DEPTH],
                );
            }
        }
    }
    if let Some(r) = scorer.model1_rev {
        refill(rows, band.cells * DEPTH, 0.0);
        for i in 1..=n {
            for j in band.lo[i]..=band.hi[i] {
                let c = band.start[i] + j - band.lo[i];
                r.column(
                    j_off + j,
                    i_off + i - 1,
                    &mut rows[c * DEPTH..(c + 1) * DEPTH],
                );
            }
        }
    }
    // Expected translations missing: source sentence i − 1 against target
    // sentences j − b..j (`miss_rows`), target sentence j − 1 against
    // source sentences i − a..i (`miss_cols`).
    let expecting = scorer.expect_s.is_some() || scorer.expect_t.is_some();
    if expecting {
        refill(miss_rows, band.cells * DEPTH, 0.0);
        refill(miss_cols, band.cells * DEPTH, 0.0);
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                let c = band.start[i] + j - band.lo[i];
                if let (Some(e), true) = (scorer.expect_s, i > 0) {
                    e.row(
                        i_off + i - 1,
                        j_off + j,
                        &mut miss_rows[c * DEPTH..(c + 1) * DEPTH],
                    );
                }
                if let (Some(e), true) = (scorer.expect_t, j > 0) {
                    e.row(
                        j_off + j - 1,
                        i_off + i,
                        &mut miss_cols[c * DEPTH..(c + 1) * DEPTH],
                    );
                }
            }
        }
    }
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let c = band.start[i] + j - band.lo[i];
            if let Some(p) = reusable(i, j) {
                costs[c * s..(c + 1) * s].copy_from_slice(&narrower_costs[p * s..(p + 1) * s]);
                continue;
            }
            for (k, &(a, b, _)) in SHAPES.iter().enumerate() {
                if a > i || b > j || band.cell(i - a, j - b).is_none() {
                    continue;
                }
                let missing = if !expecting || a == 0 || b == 0 || a > DEPTH || b > DEPTH {
                    None
                } else {
                    let r = (0..a)
                        .map(|q| {
                            band.cell(i - q, j)
                                .map(|x| miss_rows[x * DEPTH + b - 1] as f64)
                        })
                        .sum::<Option<f64>>();
                    let c = (0..b)
                        .map(|q| {
                            band.cell(i, j - q)
                                .map(|x| miss_cols[x * DEPTH + a - 1] as f64)
                        })
                        .sum::<Option<f64>>();
                    r.zip(c).map(|(r, c)| r + c)
                };
                let reward =
                    if scorer.model1.is_none() || a == 0 || b == 0 || a > DEPTH || b > DEPTH {
                        None
                    } else {
                        let fwd = (0..b)
                            .map(|q| band.cell(i, j - q).map(|x| cols[x * DEPTH + a - 1] as f64))
                            .sum::<Option<f64>>();
                        if scorer.model1_rev.is_none() {
                            fwd
                        } else {
                            let rev = (0..a)
                                .map(|q| {
                                    band.cell(i - q, j).map(|x| rows[x * DEPTH + b - 1] as f64)
                                })
                                .sum::<Option<f64>>();
                            fwd.zip(rev).map(|(f, r)| 0.5 * (f + r))
                        }
                    };
                let unsupported = match scorer.model1 {
                    Some(m)
                        if scorer.support_cost != 0.0
                            && a > 0
                            && b > 0
                            && a + b > 2
                            && a <= DEPTH
                            && b <= DEPTH =>
                    {
                        let in_band = InBand {
                            scorer,
                            evidence: m,
                            band,
                            cols,
                            end: (i, j),
                            offset: (i_off, j_off),
                            width: (a, b),
                        };
                        unsupported(&in_band, (a, b), scorer.support_min).count_ones()
                    }
                    _ => 0,
                };
                costs[c * s + k] = scorer.cost(
                    k,
                    (i_off + i - a, i_off + i),
                    (j_off + j - b, j_off + j),
                    reward,
                    missing,
                    unsupported,
                ) as f32;
            }
        }
    }
}

/// Where the support of a bead's sentences is read from (see
/// [`unsupported`]). `q` counts a side's sentences from the bead's last one
/// back; `src` picks the side.
trait Support {
    /// Whether the sentence is looked at.
    fn counted(&self, src: bool, q: usize) -> bool;
    /// Model 1's reward of the sentence from the other side of the bead (a
    /// target sentence against the bead's source sentences; a source
    /// sentence as the sum of its 1-1 rewards with each target sentence).
    /// `None`: not known, which counts as support enough.
    fn reward(&self, src: bool, q: usize) -> Option<f64>;
    /// Nats of support from the anchors the sentence shares with the other
    /// side of the bead.
    fn anchors(&self, src: bool, q: usize) -> f64;
}

/// The sentences of an a-b bead (a + b > 2), on each side with more than
/// one, that get less than `min` nats of support from the other side:
/// Model 1's reward plus the anchors shared (computed only when the reward
/// falls short). A bit set: bit q for source sentence q, bit `DEPTH + q`
/// for target sentence q (q from the bead's last sentence back).
fn unsupported(support: &impl Support, (a, b): (usize, usize), min: f64) -> u32 {
    let mut bits = 0;
    for (src, n, shift) in [(false, b, DEPTH), (true, a, 0)] {
        if n < 2 {
            continue;
        }
        for q in (0..n).filter(|&q| support.counted(src, q)) {
            let reward = support.reward(src, q);
            if reward.is_some_and(|r| r < min && r + support.anchors(src, q) < min) {
                bits |= 1 << (shift + q);
            }
        }
    }
    bits
}

/// The support of the sentences of the bead ending at cell (i, j) of the
/// search, from its Model 1 rewards per cell (`cols`): only long sentences
/// (`Scorer::support_words`) are counted; a cell of the bead's rectangle
/// outside the band counts as support enough.
struct InBand<'a> {
    scorer: &'a Scorer<'a>,
    evidence: &'a Evidence,
    band: &'a Band,
    cols: &'a [f32],
    end: (usize, usize),
    offset: (usize, usize),
    width: (usize, usize),
}

impl Support for InBand<'_> {
    fn counted(&self, src: bool, q: usize) -> bool {
        let ((i, j), (i_off, j_off)) = (self.end, self.offset);
        let words = if src {
            self.evidence.src_len[i_off + i - 1 - q] as f64
        } else {
            self.evidence.tgt[j_off + j - 1 - q].len() as f64
        };
        words >= self.scorer.support_words
    }

    fn reward(&self, src: bool, q: usize) -> Option<f64> {
        let ((i, j), (a, b)) = (self.end, self.width);
        let at = |i: usize, j: usize, depth: usize| {
            self.band
                .cell(i, j)
                .map(|x| self.cols[x * DEPTH + depth - 1] as f64)
        };
        if src {
            (0..b).map(|r| at(i - q, j - r, 1)).sum()
        } else {
            at(i, j - q, a)
        }
    }

    fn anchors(&self, src: bool, q: usize) -> f64 {
        let ((i, j), (i_off, j_off), (a, b)) = (self.end, self.offset, self.width);
        if src {
            let others = (j_off + j - b, j_off + j);
            self.scorer.anchor_support(true, i_off + i - 1 - q, others)
        } else {
            let others = (i_off + i - a, i_off + i);
            self.scorer.anchor_support(false, j_off + j - 1 - q, others)
        }
    }
}

/// The support of the sentences of the bead src[i0..i1] ↔ tgt[j0..j1] of
/// a finished alignment, computed from Model 1 as the search computes it
/// (the same rewards, bit for bit), for sentences of any length.
struct InBead<'a> {
    scorer: &'a Scorer<'a>,
    evidence: &'a Evidence,
    src: Range<usize>,
    tgt: Range<usize>,
}

impl Support for InBead<'_> {
    fn counted(&self, _: bool, _: usize) -> bool {
        true
    }

    fn reward(&self, src: bool, q: usize) -> Option<f64> {
        let (s, t) = (&self.src, &self.tgt);
        // Target sentence `j` against the `depth` source sentences before `i`.
        let column = |i: usize, j: usize, depth: usize| {
            let mut out = [0.0f32; DEPTH];
            self.evidence.column(i, j, &mut out[..depth]);
            out[depth - 1] as f64
        };
        Some(if src {
            (0..t.len())
                .map(|r| column(s.end - q, t.end - 1 - r, 1))
                .sum()
        } else {
            column(s.end, t.end - 1 - q, s.len())
        })
    }

    fn anchors(&self, src: bool, q: usize) -> f64 {
        let (s, t) = (&self.src, &self.tgt);
        if src {
            self.scorer
                .anchor_support(true, s.end - 1 - q, (t.start, t.end))
        } else {
            self.scorer
                .anchor_support(false, t.end - 1 - q, (s.start, s.end))
        }
    }
}

/// The sentences of the bead src ↔ tgt that nothing on the other side
/// translates (see [`crate::align::Bead::unsupported`]): less than
/// `Scorer::support_min` nats of support, the measure of the support
/// charge, any length. Only beads with more than one sentence on a side
/// (and none empty) are looked at, and only with Model 1 evidence.
pub(crate) fn unsupported_sentences(
    scorer: &Scorer,
    src: Range<usize>,
    tgt: Range<usize>,
) -> Vec<Unsupported> {
    let (a, b) = (src.len(), tgt.len());
    let Some(evidence) = scorer.model1 else {
        return Vec::new();
    };
    if a == 0 || b == 0 || a + b <= 2 || a > DEPTH || b > DEPTH {
        return Vec::new();
    }
    let bead = InBead {
        scorer,
        evidence,
        src: src.clone(),
        tgt: tgt.clone(),
    };
    let bits = unsupported(&bead, (a, b), scorer.support_min);
    let mut out = Vec::new();
    for (side, range, shift) in [(BeadSide::Source, &src, 0), (BeadSide::Target, &tgt, DEPTH)] {
        for sentence in range.clone() {
            if bits & 1 << (shift + range.end - 1 - sentence) != 0 {
                out.push(Unsupported { side, sentence });
            }
        }
    }
    out
}

/// Mark the beads whose targets look swapped with a nearby bead's (see
/// [`crate::align::Bead::crossed`]): for every two beads with both sides
/// non-empty, at most `CROSSING_REACH` apart, the two swapped (each source
/// with the other's target) against the two as aligned, each bead costed
/// as the search costs it less its shape's prior (the swap may change
/// shapes) and less Model 1's reward: what the lengths and the anchors
/// shared (names, numbers, cognates, glossary concepts) say. Each bead keeps the partner that gains most, if any gains
/// `min` nats or more.
pub(crate) fn mark_crossings(scorer: &Scorer, beads: &mut [crate::align::Bead], min: f64) {
    let shape = |a: usize, b: usize| SHAPES.iter().position(|&(x, y, _)| (x, y) == (a, b));
    let cost = |s: &Range<usize>, t: &Range<usize>| -> Option<f64> {
        let k = shape(s.len(), t.len())?;
        let c = scorer.cost(k, (s.start, s.end), (t.start, t.end), None, None, 0);
        // Model 1 learned from these very beads (a crossed 1-1 bead is as
        // confident as any): it has learned the crossed pairs, so its
        // reward is taken back out.
        let model1 = scorer.model1.map_or(0.0, |m| {
            scorer.model1_weight * m.reward(s.start, s.end, t.start, t.end)
        });
        Some(c + model1 - scorer.prior[k])
    };
    let mut best: Vec<Option<(f64, usize)>> = vec![None; beads.len()];
    for a in 0..beads.len() {
        for b in a + 1..beads.len().min(a + 1 + crate::align::CROSSING_REACH) {
            let (x, y) = (&beads[a], &beads[b]);
            if x.src.is_empty() || x.tgt.is_empty() || y.src.is_empty() || y.tgt.is_empty() {
                continue;
            }
            let gain = (|| {
                let own = cost(&x.src, &x.tgt)? + cost(&y.src, &y.tgt)?;
                let swapped = cost(&x.src, &y.tgt)? + cost(&y.src, &x.tgt)?;
                Some(own - swapped)
            })();
            let Some(gain) = gain.filter(|&g| g >= min) else {
                continue;
            };
            for (k, other) in [(a, y.tgt.start), (b, x.tgt.start)] {
                if best[k].is_none_or(|(g, _)| gain > g) {
                    best[k] = Some((gain, other));
                }
            }
        }
    }
    for (bead, best) in beads.iter_mut().zip(best) {
        bead.crossed = best.map(|(_, j)| j);
    }
}

/// The cheapest path, as the list of (cell, shape) of its beads in order.
fn viterbi(scratch: &mut Scratch, band: &Band, n: usize, m: usize) -> Vec<(usize, usize, usize)> {
    let s = SHAPES.len();
    let Scratch {
        costs, best, back, ..
    } = scratch;
    refill(best, band.cells, f64::INFINITY);
    refill(back, band.cells, u8::MAX);
    best[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let c = band.start[i] + j - band.lo[i];
            for (k, &(a, b, _)) in SHAPES.iter().enumerate() {
                let cost = costs[c * s + k];
                if cost == INF {
                    continue;
                }
                let Some(p) = band.cell(i - a, j - b) else {
                    continue;
                };
                let v = best[p] + cost as f64;
                if v < best[c] {
                    best[c] = v;
                    back[c] = k as u8;
                }
            }
        }
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let c = band.cell(i, j).expect("path stays in the band");
        let k = back[c] as usize;
        path.push((i, j, k));
        let (a, b, _) = SHAPES[k];
        i -= a;
        j -= b;
    }
    path.reverse();
    path
}

fn touches_edge(band: &Band, path: &[(usize, usize, usize)], m: usize) -> bool {
    const MARGIN: usize = 2;
    path.iter().any(|&(i, j, _)| {
        (band.lo[i] > 0 && j < band.lo[i] + MARGIN) || (band.hi[i] < m && j + MARGIN > band.hi[i])
    })
}

/// ln Σ exp(xᵢ) of at most `SHAPES.len()` terms: one exponential per term
/// and one logarithm per cell (the forward–backward sums are most of the
/// aligner's time).
#[derive(Default)]
struct LogSum {
    xs: [f64; SHAPES.len()],
    len: usize,
}

impl LogSum {
    fn push(&mut self, x: f64) {
        if x > f64::NEG_INFINITY {
            self.xs[self.len] = x;
            self.len += 1;
        }
    }

    fn total(&self) -> f64 {
        let xs = &self.xs[..self.len];
        let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if hi == f64::NEG_INFINITY {
            return hi;
        }
        hi + xs.iter().map(|x| (x - hi).exp()).sum::<f64>().ln()
    }
}

/// The path's beads with their posterior probability: the share, among all
/// monotone alignments in the band weighted by exp(−cost / temperature), of
/// those that contain the bead.
fn posteriors(
    scratch: &mut Scratch,
    band: &Band,
    n: usize,
    m: usize,
    path: &[(usize, usize, usize)],
    temperature: f64,
) -> Vec<Step> {
    let s = SHAPES.len();
    let t = temperature.max(1e-6);
    let Scratch {
        costs, fwd, bwd, ..
    } = scratch;
    refill(fwd, band.cells, f64::NEG_INFINITY);
    fwd[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let c = band.start[i] + j - band.lo[i];
            let mut acc = LogSum::default();
            for (k, &(a, b, _)) in SHAPES.iter().enumerate() {
                let cost = costs[c * s + k];
                if cost == INF {
                    continue;
                }
                if let Some(p) = band.cell(i - a, j - b) {
                    acc.push(fwd[p] - cost as f64 / t);
                }
            }
            if c != 0 {
                fwd[c] = acc.total();
            }
        }
    }
    refill(bwd, band.cells, f64::NEG_INFINITY);
    let end = band.cell(n, m).expect("corner in band");
    bwd[end] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let c = band.start[i] + j - band.lo[i];
            let mut acc = LogSum::default();
            for (k, &(a, b, _)) in SHAPES.iter().enumerate() {
                if i + a > n || j + b > m {
                    continue;
                }
                let Some(nx) = band.cell(i + a, j + b) else {
                    continue;
                };
                let cost = costs[nx * s + k];
                if cost == INF {
                    continue;
                }
                acc.push(bwd[nx] - cost as f64 / t);
            }
            if c != end {
                bwd[c] = acc.total();
            }
        }
    }
    let total = fwd[end];
    path.iter()
        .map(|&(i, j, k)| {
            let (a, b, _) = SHAPES[k];
            let c = band.cell(i, j).expect("in band");
            let p = band.cell(i - a, j - b).expect("in band");
            let lp = fwd[p] - costs[c * s + k] as f64 / t + bwd[c] - total;
            let post = if lp.is_finite() {
                lp.exp().clamp(0.0, 1.0)
            } else {
                0.0
            };
            (i - a..i, j - b..j, post)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Support given sentence by sentence: the Model 1 reward of each
    /// source and target sentence (`None`: outside the band), counted or
    /// not, and the anchors' support.
    struct Given {
        src: Vec<Option<f64>>,
        tgt: Vec<Option<f64>>,
        long: bool,
        anchors: f64,
    }

    impl Support for Given {
        fn counted(&self, _: bool, _: usize) -> bool {
            self.long
        }
        fn reward(&self, src: bool, q: usize) -> Option<f64> {
            let side = if src { &self.src } else { &self.tgt };
            side[side.len() - 1 - q]
        }
        fn anchors(&self, _: bool, _: usize) -> f64 {
            self.anchors
        }
    }

    fn given(src: &[Option<f64>], tgt: &[Option<f64>]) -> Given {
        Given {
            src: src.to_vec(),
            tgt: tgt.to_vec(),
            long: true,
            anchors: 0.0,
        }
    }

    #[test]
    fn a_sentence_nothing_translates_is_unsupported_in_a_wide_bead() {
        // 1-2 bead: the second target sentence (q = 0) has no reward.
        let one_two = given(&[Some(5.0)], &[Some(5.0), Some(0.0)]);
        assert_eq!(unsupported(&one_two, (1, 2), 2.0), 1 << DEPTH);
        // 2-1 bead: the first source sentence (q = 1) has none.
        let two_one = given(&[Some(0.5), Some(5.0)], &[Some(5.0)]);
        assert_eq!(unsupported(&two_one, (2, 1), 2.0), 1 << 1);
        // The lone sentence of a side is not looked at.
        let lone = given(&[Some(0.0)], &[Some(5.0), Some(5.0)]);
        assert_eq!(unsupported(&lone, (1, 2), 2.0), 0);
        // Anchors shared with the other side (a name, a number) count.
        let named = Given {
            anchors: 3.0,
            ..given(&[Some(0.5), Some(5.0)], &[Some(5.0)])
        };
        assert_eq!(unsupported(&named, (2, 1), 2.0), 0);
        // Sentences not counted (short ones, in the search) are not charged.
        let short = Given {
            long: false,
            ..given(&[Some(5.0)], &[Some(5.0), Some(0.0)])
        };
        assert_eq!(unsupported(&short, (1, 2), 2.0), 0);
        // A reward not known (outside the band) is support enough.
        let outside = given(&[Some(5.0)], &[Some(5.0), None]);
        assert_eq!(unsupported(&outside, (1, 2), 2.0), 0);
        // 2-2: one on each side.
        let both = given(&[Some(0.0), Some(5.0)], &[Some(5.0), Some(1.0)]);
        assert_eq!(unsupported(&both, (2, 2), 2.0).count_ones(), 2);
    }
}
