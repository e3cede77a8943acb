//! Consistency across the TM: the same source text translated differently,
//! and the same target text for different sources. The state is two hash
//! maps of 64-bit text hashes (texts themselves are not kept), so it scales
//! to millions of units; the first unit seen is the reference.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

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

fn hash(langs: (&str, &str), side: u8, text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    langs.hash(&mut h);
    side.hash(&mut h);
    text.trim().hash(&mut h);
    h.finish()
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
