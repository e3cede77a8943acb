//! A bilingual lexicon learned from the document itself: words that keep
//! turning up together in the confident 1-1 beads of a first pass
//! (Dice coefficient of their sentence co-occurrence) become anchors for the
//! second pass. No dictionary needed: `Gipfel` ↔ `sommet` is learned from a
//! mountaineering article, `trupa` ↔ `troops` from a news one.

use std::collections::HashMap;

/// Word pairs (source word id, target word id) that co-occur in at least
/// `min_count` of the given sentence pairs with a Dice coefficient of at
/// least `min_dice`. Each word keeps only its best partner, on both sides
/// (a cheap competitive linking), so a frequent word cannot pair with all
/// its neighbours.
pub(crate) fn learn(pairs: &[(&[u32], &[u32])], min_count: u32, min_dice: f64) -> Vec<(u32, u32)> {
    let mut cs: HashMap<u32, u32> = HashMap::new();
    let mut ct: HashMap<u32, u32> = HashMap::new();
    let mut cst: HashMap<(u32, u32), u32> = HashMap::new();
    for (s, t) in pairs {
        for &w in *s {
            *cs.entry(w).or_default() += 1;
        }
        for &v in *t {
            *ct.entry(v).or_default() += 1;
        }
        for &w in *s {
            for &v in *t {
                *cst.entry((w, v)).or_default() += 1;
            }
        }
    }
    let mut cands: Vec<(f64, u32, u32)> = cst
        .into_iter()
        .filter(|&(_, c)| c >= min_count)
        .map(|((w, v), c)| (2.0 * c as f64 / (cs[&w] + ct[&v]) as f64, w, v))
        .filter(|&(d, _, _)| d >= min_dice)
        .collect();
    // Best first; ties broken by ids so that the result is deterministic.
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_s = std::collections::HashSet::new();
    let mut used_t = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (_, w, v) in cands {
        if used_s.contains(&w) || used_t.contains(&v) {
            continue;
        }
        used_s.insert(w);
        used_t.insert(v);
        out.push((w, v));
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_consistent_pairs_only() {
        // Word 1 always with 11; word 2 with 12 twice and 13 once; 3 with 11 once.
        let s: Vec<Vec<u32>> = vec![vec![1, 2], vec![1, 2], vec![1, 3], vec![2]];
        let t: Vec<Vec<u32>> = vec![vec![11, 12], vec![11, 12], vec![11], vec![13]];
        let pairs: Vec<(&[u32], &[u32])> =
            s.iter().zip(&t).map(|(a, b)| (&a[..], &b[..])).collect();
        // Dice(1,11) = 2·3/(3+3) = 1; Dice(2,12) = 2·2/(3+2) = 0.8;
        // Dice(2,11) = 2·2/(3+3) = 0.67 but 11 is taken by 1.
        assert_eq!(learn(&pairs, 2, 0.6), vec![(1, 11), (2, 12)]);
        assert_eq!(learn(&pairs, 3, 0.6), vec![(1, 11)]);
    }
}
