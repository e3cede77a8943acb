//! The cost of a bead, in nats (a negative log-probability, up to a
//! constant): a prior for its shape, the Gale–Church length model, a
//! reward for the lexical anchors its two sides share, and a charge for
//! starting at a fragment (a sentence that begins in lower case), for
//! joining a headline to the sentence after it, or for a long sentence of a
//! wide bead that nothing on the other side translates (`support_cost`).

use super::features::{MAX_RUN, SentFeats, Weighted};

/// Bead shapes searched, as (source sentences, target sentences), with the
/// prior probability of each (Gale & Church 1993 for the common ones; the
/// wider ones rarer still). Null beads get their own cost, `Config::null_cost`.
pub(crate) const SHAPES: &[(usize, usize, f64)] = &[
    (1, 1, 0.89),
    (1, 0, 0.0),
    (0, 1, 0.0),
    (2, 1, 0.0445),
    (1, 2, 0.0445),
    (2, 2, 0.011),
    (3, 1, 0.004),
    (1, 3, 0.004),
    (3, 2, 0.001),
    (2, 3, 0.001),
    (4, 1, 0.0005),
    (1, 4, 0.0005),
];

/// The Gale–Church length model: target length ≈ `ratio` × source length,
/// with variance `variance` × length.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LengthModel {
    pub ratio: f64,
    pub variance: f64,
}

impl LengthModel {
    /// −ln P(|δ| ≥ observed), δ the standardised length difference.
    pub fn cost(&self, ls: f64, lt: f64) -> f64 {
        let mean = (ls + lt / self.ratio) / 2.0;
        let delta = (lt - ls * self.ratio) / (self.variance * mean.max(1.0)).sqrt();
        -ln_erfc(delta.abs() / std::f64::consts::SQRT_2)
    }

    /// Estimate from pairs of lengths (aligned 1-1 sentences): the ratio of
    /// the sums, and the mean squared standardised difference, the worst 5%
    /// left out so that a few wrong pairs do not widen the model.
    pub fn fit(pairs: &[(f64, f64)], fallback: LengthModel) -> LengthModel {
        if pairs.len() < 20 {
            return fallback;
        }
        let (ss, st) = pairs
            .iter()
            .fold((0.0, 0.0), |(a, b), (s, t)| (a + s, b + t));
        if ss <= 0.0 || st <= 0.0 {
            return fallback;
        }
        let ratio = st / ss;
        let mut d2: Vec<f64> = pairs
            .iter()
            .map(|&(s, t)| {
                let mean = ((s + t / ratio) / 2.0).max(1.0);
                (t - s * ratio).powi(2) / mean
            })
            .collect();
        d2.sort_by(f64::total_cmp);
        let keep = &d2[..(d2.len() * 95 / 100).max(1)];
        let variance = keep.iter().sum::<f64>() / keep.len() as f64;
        // Beads picked for their confidence have small length differences,
        // so the variance estimate is biased low: only ever widen the model.
        LengthModel {
            ratio,
            variance: variance.max(fallback.variance),
        }
    }
}

/// ln erfc(z) for z ≥ 0, computed in the log domain so that large z do not
/// underflow (Chebyshev fit, fractional error below 1.2e-7: Press et al.,
/// Numerical Recipes, `erfcc`).
fn ln_erfc(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() - z * z + poly
}

/// Everything needed to cost a bead.
pub(crate) struct Scorer<'a> {
    pub feats: &'a Weighted,
    /// Model 1 evidence (second pass), and the multiplier of its reward.
    pub model1: Option<&'a super::model1::Evidence>,
    /// The same for the other direction (source words given target
    /// sentences); with it, the reward is the mean of the two directions.
    pub model1_rev: Option<&'a super::model1::Evidence>,
    pub model1_weight: f64,
    /// Expected translations of source words missing from the target side
    /// of a bead, and of target words missing from the source side
    /// (`model1::Expect`), and the multiplier of their charge.
    pub expect_s: Option<&'a super::model1::Expect>,
    pub expect_t: Option<&'a super::model1::Expect>,
    pub expect_weight: f64,
    pub length: LengthModel,
    pub lexical_weight: f64,
    pub number_mismatch: f64,
    /// Nats per concept on one side of the bead only.
    pub concept_mismatch: f64,
    pub null_cost: f64,
    /// Nats per side of a bead that starts with a fragment.
    pub fragment_cost: f64,
    /// Nats per side of a bead that joins a headline to what follows it.
    pub headline_cost: f64,
    /// Nats per side of a bead that runs across the end of a paragraph.
    pub paragraph_cost: f64,
    /// Nats per sentence of a bead wider than 1-1 that Model 1 finds no
    /// translation for on the other side (less than `support_min` nats of
    /// reward): a sentence with no counterpart glued to a neighbour.
    pub support_cost: f64,
    pub support_min: f64,
    /// Only sentences of at least this many words (of three letters or
    /// more) are charged.
    pub support_words: f64,
    /// Nats of support per unit of shared anchor weight.
    pub support_anchors: f64,
    /// −ln prior of each entry of `SHAPES`.
    pub prior: Vec<f64>,
    /// Per entry of `SHAPES`, the anchor weights for beads of that shape
    /// when they differ from `feats.weight` (see [`shape_weights`]).
    pub shape_weight: Vec<Option<Vec<f64>>>,
}

// Every bead's sides are runs the features have merged (`Runs`).
const _: () = {
    let mut k = 0;
    while k < SHAPES.len() {
        assert!(SHAPES[k].0 <= MAX_RUN && SHAPES[k].1 <= MAX_RUN);
        k += 1;
    }
};

impl<'a> Scorer<'a> {
    /// Cost of the bead src[i0..i1] ↔ tgt[j0..j1], shape index `k`.
    /// `reward`: its Model 1 reward when the caller has it at hand (see
    /// `model1::Evidence::column`), else `None` and it is computed here;
    /// `missing` likewise for the expected translations it lacks.
    pub fn cost(
        &self,
        k: usize,
        (i0, i1): (usize, usize),
        (j0, j1): (usize, usize),
        reward: Option<f64>,
        missing: Option<f64>,
        unsupported: u32,
    ) -> f64 {
        if i0 == i1 || j0 == j1 {
            return self.null_cost;
        }
        let s = &self.feats.src[i0..i1];
        let t = &self.feats.tgt[j0..j1];
        let ls: f64 = s.iter().map(|x| x.chars).sum();
        let lt: f64 = t.iter().map(|x| x.chars).sum();
        let near = |side: &'a [SentFeats], lo: usize, hi: usize| -> Near<'a> {
            [
                lo.checked_sub(1).map(|x| &side[x].feats[..]),
                side.get(hi).map(|x| &x.feats[..]),
            ]
        };
        let f = self.feats;
        let o = self.overlap(
            self.shape_weight[k].as_deref().unwrap_or(&f.weight),
            f.src_runs.get(&f.src, i0, i1),
            f.tgt_runs.get(&f.tgt, j0, j1),
            near(&f.src, i0, i1),
            near(&f.tgt, j0, j1),
        );
        // A bead that starts with a fragment cuts a sentence in two.
        let fragments = s[0].fragment as u32 + t[0].fragment as u32;
        let lexicon = self.model1.map_or(0.0, |m| {
            self.model1_weight
                * reward.unwrap_or_else(|| match self.model1_rev {
                    None => m.reward(i0, i1, j0, j1),
                    Some(r) => 0.5 * (m.reward(i0, i1, j0, j1) + r.reward(j0, j1, i0, i1)),
                })
        });
        let missing = match (self.expect_s, self.expect_t) {
            (None, None) => 0.0,
            (es, et) => {
                self.expect_weight
                    * missing.unwrap_or_else(|| {
                        es.map_or(0.0, |e| (i0..i1).map(|i| e.missing(i, j0, j1)).sum())
                            + et.map_or(0.0, |e| (j0..j1).map(|j| e.missing(j, i0, i1)).sum())
                    })
            }
        };
        // A line without final punctuation followed by a fragment is a
        // sentence cut in two, not a headline.
        let joins = |side: &[SentFeats]| side.windows(2).any(|w| w[0].headline && !w[1].fragment);
        let headlines = joins(s) as u32 + joins(t) as u32;
        // A paragraph's last sentence joined to the next paragraph (a
        // headline is charged above).
        let crosses = |side: &[SentFeats]| {
            side.windows(2)
                .any(|w| w[0].para_end && !w[0].headline && !w[1].fragment)
        };
        let paragraphs = crosses(s) as u32 + crosses(t) as u32;
        self.prior[k]
            + self.fragment_cost * fragments as f64
            + self.headline_cost * headlines as f64
            + self.paragraph_cost * paragraphs as f64
            + self.length.cost(ls, lt)
            - self.lexical_weight * o.shared
            - lexicon
            + missing
            + self.number_mismatch * o.numbers as f64
            + self.concept_mismatch * o.concepts as f64
            + self.support_cost * unsupported as f64
    }

    /// The weighted anchors that source sentence `i` (`src`) or target
    /// sentence `i` shares with the other side's sentences `o0..o1`: what
    /// a sentence of a wide bead has in common with the other side by
    /// spelling (names, numbers, cognates), beside Model 1's reward.
    pub fn anchor_support(&self, src: bool, i: usize, (o0, o1): (usize, usize)) -> f64 {
        let f = self.feats;
        let (one, run) = if src {
            (&f.src[i].feats[..], f.tgt_runs.get(&f.tgt, o0, o1))
        } else {
            (&f.tgt[i].feats[..], f.src_runs.get(&f.src, o0, o1))
        };
        self.support_anchors
            * self
                .overlap(&f.weight, one, run, [None, None], [None, None])
                .shared
    }

    /// The overlap of the features `a` (source) and `b` (target).
    /// `near_a`, `near_b`: the features of the sentences just before and
    /// after the bead on each side. A concept named on one side only is not
    /// counted against the bead when the other side names it in a sentence
    /// next to the bead: a name moved to the next sentence, or said there
    /// and replaced by "he" here, is no sign of an omission.
    fn overlap(
        &self,
        w: &[f64],
        a: &[(u32, u32)],
        b: &[(u32, u32)],
        near_a: Near<'_>,
        near_b: Near<'_>,
    ) -> Overlap {
        let (mut i, mut j) = (0, 0);
        let mut o = Overlap::default();
        let num = &self.feats.is_number;
        let con = &self.feats.is_concept;
        let checked = &self.feats.is_checked;
        let named = |near: &Near<'_>, k: u32| {
            near.iter()
                .flatten()
                .any(|f| f.binary_search_by_key(&k, |x| x.0).is_ok())
        };
        // A feature found `n` times on one side only, the other side's neighbours.
        let mut unmatched = |k: u32, n: u32, other: &Near<'_>| {
            if num[k as usize] {
                o.numbers += n;
            } else if con[k as usize] && !named(other, k) {
                o.concepts += n;
            }
        };
        let mut shared = 0.0;
        while i < a.len() || j < b.len() {
            let ka = a.get(i).map_or(u32::MAX, |x| x.0);
            let kb = b.get(j).map_or(u32::MAX, |x| x.0);
            if ka == kb {
                let (ca, cb) = (a[i].1, b[j].1);
                shared += ca.min(cb) as f64 * w[ka as usize];
                // A concept named on both sides matches however often it
                // is named; numbers must match one for one.
                if num[ka as usize] {
                    unmatched(ka, ca.abs_diff(cb), &near_b);
                }
                i += 1;
                j += 1;
            } else if ka < kb {
                if checked[ka as usize] {
                    unmatched(ka, a[i].1, &near_b);
                }
                i += 1;
            } else {
                if checked[kb as usize] {
                    unmatched(kb, b[j].1, &near_a);
                }
                j += 1;
            }
        }
        o.shared = shared;
        o
    }
}

/// Anchor weights per bead shape: a feature shared by the two sides of an
/// `a`-`b` bead is worth `ln(1 + (N / df) / (a·b)^discount)` instead of
/// `ln(1 + N / df)`: the wider the bead, the likelier a chance match (an
/// `a`-`b` bead holds `a·b` sentence pairs), so the less a match proves.
/// `discount` 0 keeps one weight for all shapes (`None` everywhere); null
/// shapes get `None` too (they share nothing).
pub(crate) fn shape_weights(feats: &Weighted, discount: f64) -> Vec<Option<Vec<f64>>> {
    SHAPES
        .iter()
        .map(|&(a, b, _)| {
            let pairs = (a * b) as f64;
            (discount != 0.0 && pairs > 1.0).then(|| {
                let div = pairs.powf(discount);
                feats
                    .rarity
                    .iter()
                    .zip(&feats.mult)
                    .map(|(&r, &m)| m * (1.0 + r / div).ln())
                    .collect()
            })
        })
        .collect()
}

/// The features of the sentences just before and just after a bead.
type Near<'a> = [Option<&'a [(u32, u32)]>; 2];

/// What the two sides of a bead share and do not.
#[derive(Default)]
struct Overlap {
    /// Weighted shared anchors.
    shared: f64,
    /// Numbers on one side only.
    numbers: u32,
    /// Glossary concepts on one side only.
    concepts: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_erfc_matches_known_values() {
        // erfc(0) = 1, erfc(1) = 0.157299207, erfc(3) = 2.20904970e-5.
        assert!(ln_erfc(0.0).abs() < 1e-6);
        assert!((ln_erfc(1.0) - 0.157_299_207_f64.ln()).abs() < 1e-6);
        assert!((ln_erfc(3.0) - 2.209_049_70e-5_f64.ln()).abs() < 1e-5);
        assert!(ln_erfc(30.0).is_finite());
    }

    #[test]
    fn length_cost_grows_with_mismatch() {
        let m = LengthModel {
            ratio: 1.0,
            variance: 6.8,
        };
        assert!(m.cost(100.0, 100.0) < 1e-6);
        assert!(m.cost(100.0, 110.0) < m.cost(100.0, 150.0));
        assert!(m.cost(100.0, 150.0) < m.cost(100.0, 300.0));
    }

    #[test]
    fn fit_recovers_ratio() {
        let pairs: Vec<(f64, f64)> = (1..100)
            .map(|i| (i as f64 * 10.0, i as f64 * 12.0))
            .collect();
        let fallback = LengthModel {
            ratio: 1.0,
            variance: 6.8,
        };
        let m = LengthModel::fit(&pairs, fallback);
        assert!((m.ratio - 1.2).abs() < 1e-9);
        assert!((m.variance - 6.8).abs() < 1e-9);
    }
}
