//! Alignment scoring: strict and lax precision, recall and F1 over beads, as
//! in Vecalign's `score.py` (after Sennrich & Volk 2011). Pure: the caller
//! reads the files.
//!
//! - A bead empty on both sides is ignored.
//! - Precision: each test bead (null beads included) is strict-correct if the
//!   very same bead is in the gold; otherwise lax-correct if one of its source
//!   sentences and one of its target sentences are linked by one gold bead.
//! - Recall: the same test with gold and test swapped, after dropping every
//!   bead with an empty side from both.
//! - Counts are summed over documents (micro-average).
//!
//! Index lists are compared as ordered tuples, as Vecalign does: `[2, 1]:[0]`
//! is not the same bead as `[1, 2]:[0]`.

use std::collections::HashSet;

use serde::Serialize;

/// One bead as written in a bead file: source and target sentence indices,
/// in the order written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GoldBead {
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
}

/// A malformed line of a bead file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}: `{text}`")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
    pub text: String,
}

/// Parse a bead file: one bead per line, `[0, 1]:[2]`, `[]:[5]`, optionally
/// followed by `:cost` (Vecalign's output). Blank lines are skipped.
pub fn parse_beads(text: &str) -> Result<Vec<GoldBead>, ParseError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: &str| ParseError {
            line: i + 1,
            message: message.to_string(),
            text: raw.to_string(),
        };
        let (src, rest) = parse_list(line).ok_or_else(|| err("expected `[indices]`"))?;
        let rest = rest
            .trim_start()
            .strip_prefix(':')
            .ok_or_else(|| err("expected `:` between source and target"))?;
        let (tgt, rest) =
            parse_list(rest.trim_start()).ok_or_else(|| err("expected target `[indices]`"))?;
        let rest = rest.trim();
        if !rest.is_empty() {
            let cost = rest
                .strip_prefix(':')
                .ok_or_else(|| err("unexpected text after the bead"))?;
            cost.trim()
                .parse::<f64>()
                .map_err(|_| err("expected a number after the second `:`"))?;
        }
        out.push(GoldBead { src, tgt });
    }
    Ok(out)
}

/// `[1, 2]rest` → ([1, 2], "rest").
fn parse_list(s: &str) -> Option<(Vec<usize>, &str)> {
    let s = s.strip_prefix('[')?;
    let close = s.find(']')?;
    let inner = s[..close].trim();
    let list = if inner.is_empty() {
        Vec::new()
    } else {
        inner
            .split(',')
            .map(|x| x.trim().parse::<usize>().ok())
            .collect::<Option<Vec<_>>>()?
    };
    Some((list, &s[close + 1..]))
}

/// Raw counts, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Test beads scored for precision (both-empty beads excluded).
    pub test_beads: usize,
    pub precision_strict_hits: usize,
    pub precision_lax_hits: usize,
    /// Gold beads scored for recall (beads with an empty side excluded).
    pub gold_beads: usize,
    pub recall_strict_hits: usize,
    pub recall_lax_hits: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.test_beads += o.test_beads;
        self.precision_strict_hits += o.precision_strict_hits;
        self.precision_lax_hits += o.precision_lax_hits;
        self.gold_beads += o.gold_beads;
        self.recall_strict_hits += o.recall_strict_hits;
        self.recall_lax_hits += o.recall_lax_hits;
    }

    pub fn strict(&self) -> Prf {
        Prf::new(
            self.precision_strict_hits,
            self.test_beads,
            self.recall_strict_hits,
            self.gold_beads,
        )
    }

    pub fn lax(&self) -> Prf {
        Prf::new(
            self.precision_lax_hits,
            self.test_beads,
            self.recall_lax_hits,
            self.gold_beads,
        )
    }
}

/// Precision, recall and F1 (0 when undefined).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(p_hits: usize, p_total: usize, r_hits: usize, r_total: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(p_hits, p_total);
        let recall = ratio(r_hits, r_total);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// (strict hits, lax hits, total) of `test` against `gold`.
fn hits(gold: &[&GoldBead], test: &[&GoldBead]) -> (usize, usize, usize) {
    let exact: HashSet<&GoldBead> = gold.iter().copied().collect();
    let (mut strict, mut lax, mut total) = (0, 0, 0);
    for t in test {
        total += 1;
        if exact.contains(*t) {
            strict += 1;
            lax += 1;
        } else if gold.iter().any(|g| {
            t.src.iter().any(|s| g.src.contains(s)) && t.tgt.iter().any(|x| g.tgt.contains(x))
        }) {
            lax += 1;
        }
    }
    (strict, lax, total)
}

/// Score one document.
pub fn score_document(gold: &[GoldBead], test: &[GoldBead]) -> Counts {
    let nonempty = |b: &&GoldBead| !(b.src.is_empty() && b.tgt.is_empty());
    let gold_all: Vec<&GoldBead> = gold.iter().filter(nonempty).collect();
    let test_all: Vec<&GoldBead> = test.iter().filter(nonempty).collect();
    let (ps, pl, pt) = hits(&gold_all, &test_all);
    let both = |b: &&&GoldBead| !b.src.is_empty() && !b.tgt.is_empty();
    let gold_links: Vec<&GoldBead> = gold_all.iter().filter(both).copied().collect();
    let test_links: Vec<&GoldBead> = test_all.iter().filter(both).copied().collect();
    let (rs, rl, rt) = hits(&test_links, &gold_links);
    Counts {
        test_beads: pt,
        precision_strict_hits: ps,
        precision_lax_hits: pl,
        gold_beads: rt,
        recall_strict_hits: rs,
        recall_lax_hits: rl,
    }
}

/// Score several documents, micro-averaged: the counts are summed.
pub fn score_documents<'a, I>(docs: I) -> Counts
where
    I: IntoIterator<Item = (&'a [GoldBead], &'a [GoldBead])>,
{
    let mut total = Counts::default();
    for (g, t) in docs {
        total.add(&score_document(g, t));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(s: &str) -> Vec<GoldBead> {
        parse_beads(s).unwrap()
    }

    #[test]
    fn parses_beads_with_and_without_cost() {
        let b = beads("[0, 1]:[2]\n\n[]:[5]\n[3]:[4, 5]:0.125\n[ 7 ]:[]\n");
        assert_eq!(b.len(), 4);
        assert_eq!(
            b[0],
            GoldBead {
                src: vec![0, 1],
                tgt: vec![2]
            }
        );
        assert_eq!(b[1].src, Vec::<usize>::new());
        assert_eq!(b[2].tgt, vec![4, 5]);
        assert_eq!(b[3].src, vec![7]);
    }

    #[test]
    fn reports_bad_lines() {
        let e = parse_beads("[0]:[0]\n[1]-[1]\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse_beads("[x]:[0]").is_err());
        assert!(parse_beads("[0]:[0]:abc").is_err());
    }

    #[test]
    fn perfect_alignment_scores_one() {
        let g = beads("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n");
        let c = score_document(&g, &g);
        // Precision counts the null bead (3 beads), recall does not (2).
        assert_eq!(c.test_beads, 3);
        assert_eq!(c.gold_beads, 2);
        assert_eq!(c.strict().f1, 1.0);
        assert_eq!(c.lax().f1, 1.0);
    }

    #[test]
    fn hand_computed_case() {
        // Gold: [0]:[0]  [1,2]:[1]  []:[2]  [3]:[3]
        // Test: [0]:[0]  [1]:[1]  [2]:[]  [3]:[2,3]
        //
        // Precision, 4 test beads:
        //   [0]:[0]    strict (and lax)
        //   [1]:[1]    not exact; 1 and 1 are linked by gold [1,2]:[1] → lax
        //   [2]:[]     null bead not in gold → neither
        //   [3]:[2,3]  not exact; 3 and 3 linked by gold [3]:[3] → lax
        //   strict P = 1/4, lax P = 3/4.
        // Recall, non-null gold beads [0]:[0], [1,2]:[1], [3]:[3] against
        // non-null test beads [0]:[0], [1]:[1], [3]:[2,3]:
        //   [0]:[0] strict; [1,2]:[1] lax (via [1]:[1]); [3]:[3] lax.
        //   strict R = 1/3, lax R = 3/3.
        let g = beads("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3]\n");
        let t = beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2, 3]\n");
        let c = score_document(&g, &t);
        assert_eq!(
            c,
            Counts {
                test_beads: 4,
                precision_strict_hits: 1,
                precision_lax_hits: 3,
                gold_beads: 3,
                recall_strict_hits: 1,
                recall_lax_hits: 3,
            }
        );
        let s = c.strict();
        assert!((s.precision - 0.25).abs() < 1e-12);
        assert!((s.recall - 1.0 / 3.0).abs() < 1e-12);
        // F1 = 2 · 1/4 · 1/3 / (1/4 + 1/3) = (1/6) / (7/12) = 2/7.
        assert!((s.f1 - 2.0 / 7.0).abs() < 1e-12);
        let l = c.lax();
        assert!((l.precision - 0.75).abs() < 1e-12);
        assert_eq!(l.recall, 1.0);
        // F1 = 2 · 0.75 · 1 / 1.75 = 6/7.
        assert!((l.f1 - 6.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn order_inside_a_bead_matters_and_empty_beads_are_ignored() {
        let g = beads("[2, 1]:[0]\n[]:[]\n");
        let t = beads("[1, 2]:[0]\n[]:[]\n");
        let c = score_document(&g, &t);
        assert_eq!(c.test_beads, 1);
        assert_eq!(c.precision_strict_hits, 0);
        assert_eq!(c.precision_lax_hits, 1);
    }

    #[test]
    fn micro_average_sums_counts() {
        // Doc A: 1 of 2 right; doc B: 2 of 2 right → strict P = 3/4, not (1/2 + 1)/2.
        let ga = beads("[0]:[0]\n[1]:[1]\n");
        let ta = beads("[0]:[0]\n[1]:[2]\n");
        let gb = beads("[0]:[0]\n[1]:[1]\n");
        let c = score_documents([(&ga[..], &ta[..]), (&gb[..], &gb[..])]);
        assert_eq!(c.test_beads, 4);
        assert_eq!(c.precision_strict_hits, 3);
        assert!((c.strict().precision - 0.75).abs() < 1e-12);
    }
}
