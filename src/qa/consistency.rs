//! Consistency across the TM: the same source text translated differently,
//! and the same target text for different sources. The state is two hash
//! maps of 64-bit text hashes (texts themselves are not kept), so it scales
//! to millions of units; the first unit seen is the reference.

use std::collections::HashMap;

use super::{Hit, Pair};

/// Where a text was first seen.
#[derive(Debug, Clone, Copy)]
struct Seen {
    other: u64,
    unit: Option<i64>,
    line: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Consistency {
    by_source: HashMap<u64, Seen>,
    by_target: HashMap<u64, Seen>,
}

/// A 64-bit hash of a text of one side of a language pair: a multiply-
/// rotate over 8-byte words (FxHash-like), several times faster than
/// SipHash on sentences; collisions at 2^-64 do not matter here.
fn hash(langs: (&str, &str), side: u8, text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = side as u64;
    let mut add = |bytes: &[u8]| {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(last) ^ (bytes.len() as u64) << 56)
            .wrapping_mul(K);
    };
    add(langs.0.as_bytes());
    add(langs.1.as_bytes());
    add(text.trim().as_bytes());
    h
}

fn place(s: &Seen) -> String {
    match (s.unit, s.line) {
        (Some(u), _) => format!("unit {u}"),
        (None, Some(l)) => format!("line {l}"),
        (None, None) => "another unit".to_string(),
    }
}

impl Consistency {
    /// Record a pair; hits if it disagrees with an earlier one.
    pub fn observe(&mut self, p: &Pair, enabled: &dyn Fn(&str) -> bool, hits: &mut Vec<Hit>) {
        if p.source.trim().is_empty() || p.target.trim().is_empty() {
            return;
        }
        let langs = (&*p.src_lang, &*p.lang);
        let s = hash(langs, 0, &p.source);
        let t = hash(langs, 1, &p.target);
        let here = |other| Seen {
            other,
            unit: p.unit,
            line: p.line,
        };
        if enabled("inconsistent-target") {
            let first = *self.by_source.entry(s).or_insert_with(|| here(t));
            if first.other != t {
                hits.push(Hit::new(
                    "inconsistent-target",
                    format!(
                        "{} translates the same source differently: use one translation, or make the difference deliberate",
                        place(&first)
                    ),
                ));
            }
        }
        if enabled("inconsistent-source") {
            let first = *self.by_target.entry(t).or_insert_with(|| here(s));
            if first.other != s {
                hits.push(Hit::new(
                    "inconsistent-source",
                    format!(
                        "{} has this same translation for a different source: check that both are right",
                        place(&first)
                    ),
                ));
            }
        }
    }
}
