//! Alignment anchors: a concept named in a source sentence and in a target
//! sentence, in any form or script, ties the two sentences together. Pure.

use serde::Serialize;

use super::{Glossary, Recogniser};

/// A source and a target sentence that name the same concept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnchorPair {
    /// Sentence indices.
    pub src: usize,
    pub tgt: usize,
    /// Concept id.
    pub concept: String,
    /// The reward in nats a bead holding both sentences gets from the
    /// concept, as the aligner weighs it with its default settings:
    /// `ln(1 + N / df)`, with `N` the sentences of the longer side and `df`
    /// the larger number of sentences naming the concept on one side. About
    /// 3 for a concept named once in a 20-sentence text, `ln 2` for one
    /// named everywhere (Kosovo in an article about Kosovo).
    pub weight: f64,
}

/// The concept ids found in each sentence (sorted, each once).
pub fn sentence_concepts(rec: &Recogniser, sentences: &[&str]) -> Vec<Vec<String>> {
    sentences
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = rec.find(s).into_iter().map(|o| o.concept).collect();
            ids.sort();
            ids.dedup();
            ids
        })
        .collect()
}

/// Every (source sentence, target sentence, concept) where both sentences
/// name the concept, sorted by source then target index. Titles count as
/// concepts too; concepts found on one side only give nothing.
pub fn anchor_pairs(
    glossary: &Glossary,
    src_lang: &str,
    src: &[&str],
    tgt_lang: &str,
    tgt: &[&str],
) -> Vec<AnchorPair> {
    let s = sentence_concepts(&Recogniser::new(glossary, src_lang), src);
    let t = sentence_concepts(&Recogniser::new(glossary, tgt_lang), tgt);
    let count = |side: &[Vec<String>], id: &str| {
        side.iter()
            .filter(|ids| ids.iter().any(|x| x == id))
            .count()
    };
    let big = src.len().max(tgt.len()).max(1) as f64;
    let mut out = Vec::new();
    for (i, ids) in s.iter().enumerate() {
        for id in ids {
            let (ns, nt) = (count(&s, id), count(&t, id));
            if nt == 0 {
                continue;
            }
            for (j, tids) in t.iter().enumerate() {
                if tids.contains(id) {
                    out.push(AnchorPair {
                        src: i,
                        tgt: j,
                        concept: id.clone(),
                        weight: (1.0 + big / ns.max(nt) as f64).ln(),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| (a.src, a.tgt, &a.concept).cmp(&(b.src, b.tgt, &b.concept)));
    out
}
