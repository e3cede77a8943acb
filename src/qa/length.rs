//! Length-ratio outliers: the target's length in characters against the
//! source's, compared with the usual ratio of the language pair (a table of
//! defaults, overridable in `tm.toml`). Short texts are not judged.

use super::Hit;

/// Usual target/source length ratios (characters) of professional
/// translations; measured on NTREX-128 news (en→sq 1.13, en→sr 1.00).
const DEFAULT_RATIOS: &[(&str, &str, f64)] = &[
    ("en", "sq", 1.13),
    ("en", "sr", 1.0),
    ("en", "hr", 1.0),
    ("en", "bs", 1.0),
    ("en", "mk", 1.05),
    ("en", "de", 1.15),
    ("en", "fr", 1.18),
];

/// Texts shorter than this (characters, both sides) are not judged.
const MIN_CHARS: usize = 30;

/// The expected ratio for a pair: the configured one, else the table, else
/// the inverse of the reverse pair, else 1.
pub fn expected(src: &str, tgt: &str, configured: &[(String, String, f64)]) -> f64 {
    let p = crate::lang::primary;
    if let Some((_, _, r)) = configured
        .iter()
        .find(|(a, b, _)| a == src && b == tgt)
        .or_else(|| {
            configured
                .iter()
                .find(|(a, b, _)| p(a) == p(src) && p(b) == p(tgt))
        })
    {
        return *r;
    }
    let table = |a: &str, b: &str| {
        DEFAULT_RATIOS
            .iter()
            .find(|(x, y, _)| *x == p(a) && *y == p(b))
            .map(|(_, _, r)| *r)
    };
    table(src, tgt)
        .or_else(|| table(tgt, src).map(|r| 1.0 / r))
        .unwrap_or(1.0)
}

pub fn check(source: &str, target: &str, expected: f64, tolerance: f64, hits: &mut Vec<Hit>) {
    let s = source.trim().chars().count();
    let t = target.trim().chars().count();
    if s.max(t) < MIN_CHARS || t == 0 || s == 0 {
        return;
    }
    let ratio = t as f64 / s as f64;
    let (lo, hi) = (expected / tolerance, expected * tolerance);
    if ratio < lo || ratio > hi {
        hits.push(Hit::new(
            "length-ratio",
            format!(
                "the target is {ratio:.2}× the source's length (usual {expected:.2}, accepted {lo:.2}–{hi:.2}): check that nothing is missing or added"
            ),
        ));
    }
}
