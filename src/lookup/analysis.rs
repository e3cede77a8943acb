//! Analysis of a new document against the TM, as Trados and memoQ report it:
//! segments and words per match band, repetitions, and pretranslation.
//!
//! Band of a segment, first rule that applies:
//! 1. in-context 100%: a 100% match whose unit follows, in its stored
//!    document, the unit that the previous segment matched at 100% (or that
//!    is the first unit of its document when the segment is the first); a
//!    unit of no document (imported from TMX or a table) has no known
//!    context and is never in context;
//! 2. repetition: the same text (NFC, spacing ignored) came earlier in the
//!    document, whatever its match (a 100% match too: Trados's and memoQ's
//!    default, "repetitions take precedence over 100% matches");
//! 3. by best score: 100%, 95–99, 85–94, 75–84, 50–74, else no match.

use super::{Match, Options, Session};
use crate::segment::Sentence;
use crate::store::Preceding;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    ContextMatch,
    Repetition,
    Exact,
    #[serde(rename = "95-99")]
    Fuzzy95,
    #[serde(rename = "85-94")]
    Fuzzy85,
    #[serde(rename = "75-84")]
    Fuzzy75,
    #[serde(rename = "50-74")]
    Fuzzy50,
    NoMatch,
}

impl Band {
    pub const ALL: [Band; 8] = [
        Band::ContextMatch,
        Band::Repetition,
        Band::Exact,
        Band::Fuzzy95,
        Band::Fuzzy85,
        Band::Fuzzy75,
        Band::Fuzzy50,
        Band::NoMatch,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Band::ContextMatch => "in-context 100%",
            Band::Exact => "100%",
            Band::Repetition => "repetitions",
            Band::Fuzzy95 => "95-99%",
            Band::Fuzzy85 => "85-94%",
            Band::Fuzzy75 => "75-84%",
            Band::Fuzzy50 => "50-74%",
            Band::NoMatch => "no match",
        }
    }

    fn of_score(score: u32) -> Band {
        match score {
            100.. => Band::Exact,
            95..=99 => Band::Fuzzy95,
            85..=94 => Band::Fuzzy85,
            75..=84 => Band::Fuzzy75,
            50..=74 => Band::Fuzzy50,
            _ => Band::NoMatch,
        }
    }
}

/// One segment of the analysed document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Segment {
    pub text: String,
    /// Byte range in the document.
    pub start: usize,
    pub end: usize,
    pub words: usize,
    pub band: Band,
    /// The best match (50% or more), if any.
    pub best: Option<Match>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct BandCount {
    pub band: Band,
    pub label: &'static str,
    pub segments: usize,
    pub words: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Analysis {
    pub segments: Vec<Segment>,
    /// Every band, in report order (zero rows included).
    pub bands: Vec<BandCount>,
    pub total_segments: usize,
    pub total_words: usize,
}

/// Analyse the sentences of a document (already segmented).
pub fn analyze(session: &Session, sentences: &[Sentence]) -> anyhow::Result<Analysis> {
    let opts = Options { min: 50, limit: 10 };
    let mut seen = std::collections::HashSet::new();
    let mut prev_exact: Vec<i64> = Vec::new();
    let mut segments = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let words = crate::text::words(&s.text).len();
        let has_keys = super::Tokenized::new(&s.text, session.folding()).key_len() > 0;
        let matches = if has_keys {
            session.find(&s.text, opts)?
        } else {
            Vec::new()
        };
        let exact: Vec<i64> = matches
            .iter()
            .filter(|m| m.score == 100)
            .map(|m| m.unit_id)
            .collect();
        let mut in_context = None;
        for (k, m) in matches.iter().enumerate().filter(|(_, m)| m.score == 100) {
            let fits = match session.store().preceding(m.unit_id, session.from())? {
                Preceding::Start => i == 0,
                Preceding::Unit(u) => i > 0 && prev_exact.contains(&u),
                Preceding::Unknown => false,
            };
            if fits {
                in_context = Some(k);
                break;
            }
        }
        let key = crate::text::squash_whitespace(&crate::text::nfc(&s.text));
        let repeated = !seen.insert(key);
        let best = match in_context {
            Some(k) => matches.get(k).cloned(),
            None => matches.first().cloned(),
        };
        let band = match (&best, in_context) {
            (Some(_), Some(_)) => Band::ContextMatch,
            _ if repeated => Band::Repetition,
            (Some(m), None) => Band::of_score(m.score),
            (None, _) => Band::NoMatch,
        };
        prev_exact = exact;
        segments.push(Segment {
            text: s.text.clone(),
            start: s.start,
            end: s.end,
            words,
            band,
            best,
        });
    }
    let bands = Band::ALL
        .iter()
        .map(|&band| {
            let of: Vec<&Segment> = segments.iter().filter(|s| s.band == band).collect();
            BandCount {
                band,
                label: band.label(),
                segments: of.len(),
                words: of.iter().map(|s| s.words).sum(),
            }
        })
        .collect();
    Ok(Analysis {
        total_segments: segments.len(),
        total_words: segments.iter().map(|s| s.words).sum(),
        segments,
        bands,
    })
}

/// The document with every segment whose best match scores at least `min`
/// replaced by that match's translation; everything else as written.
/// Returns the text and how many segments were filled in.
pub fn pretranslate(doc: &str, analysis: &Analysis, min: u32) -> (String, usize) {
    let mut out = String::with_capacity(doc.len());
    let mut at = 0;
    let mut filled = 0;
    for s in &analysis.segments {
        let Some(m) = s.best.as_ref().filter(|m| m.score >= min) else {
            continue;
        };
        if s.start < at || s.end > doc.len() {
            continue;
        }
        out.push_str(&doc[at..s.start]);
        // Its inline codes written where they stand, as in `tm lookup`.
        out.push_str(&super::with_codes(
            &m.translation,
            m.translation_markup.as_deref(),
        ));
        at = s.end;
        filled += 1;
    }
    out.push_str(&doc[at..]);
    (out, filled)
}
