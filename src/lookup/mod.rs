//! Fuzzy lookup: "have we translated something like this before?"
//!
//! - [`score`]: the match score (tokens, word-level edit distance, small
//!   differences) and the word diff. Pure.
//! - [`index`]: the in-memory candidate index of one language, exact above
//!   the threshold. Pure.
//! - [`Session`] (here): a query language's index loaded from the store, and
//!   the ranking of its hits: the store is asked only for the few texts that
//!   can still reach the top `limit`.
//! - [`analysis`]: bands and repetitions of a new document, pretranslation.
//!
//! Nothing here speaks SQL or prints: the store gives rows, the CLI renders.

pub mod analysis;
pub mod index;
pub mod score;

use std::collections::HashMap;

use anyhow::bail;

use crate::interchange::tmx::Inline;
use crate::store::Store;
use crate::text::Folding;
pub use index::{BaseHit, Index, IndexBuilder};
pub use score::{DiffOp, DiffPart, MatchScore, Tokenized};

/// A stored variant with its unit's translation, as the store returns it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub variant_id: i64,
    pub unit_id: i64,
    /// The stored source (NFC).
    pub source: String,
    /// The source's TMX inline markup, if it has any.
    pub source_markup: Option<String>,
    /// The unit's text in the answer language, if it has one.
    pub translation: Option<String>,
    /// The translation's TMX inline markup, if it has any.
    pub translation_markup: Option<String>,
}

/// One answer of `tm lookup`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Match {
    /// The score in whole percent (rounded down).
    pub score: u32,
    pub unit_id: i64,
    pub variant_id: i64,
    /// The stored source, plain (inline codes left out).
    pub source: String,
    /// The source's TMX `<seg>` content, when it has inline codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_markup: Option<String>,
    /// The translation, plain (inline codes left out).
    pub translation: String,
    /// The translation's TMX `<seg>` content, when it has inline codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation_markup: Option<String>,
    /// Stored source → query, word by word (inline codes as tags); a query
    /// in the other Serbian script than the stored source is diffed
    /// transliterated into the stored one ([`Match::query_transliterated`]).
    pub diff: Vec<DiffPart>,
    /// Set when the query was written in the other Serbian script than the
    /// stored source, and so transliterated for `diff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_transliterated: Option<ScriptShift>,
    /// How the score was made.
    pub detail: MatchScore,
}

impl Match {
    /// The diff from the stored source to `query` as `tm diff` draws one,
    /// over the tokens lookup scores ([`score::word_diff`]).
    ///
    /// A query in the other Serbian script than the stored source (scored
    /// alike, one minor difference) is diffed in the stored one, so the diff
    /// shows the words that differ, not every word against its
    /// transliteration: see [`Match::query_script`].
    pub fn word_diff(&self, query: &str) -> Vec<crate::diff::Op> {
        // Folding makes keys only; the tokens are the same in any language.
        let f = Folding::Plain;
        let stored = stored_text(&self.source, self.source_markup.as_deref(), f);
        let query = ScriptShift::apply(self.query_script(query), query, &self.source);
        score::word_diff(&stored, &Tokenized::new(&query, f))
    }

    /// Whether `query` is written in one script, Latin or Cyrillic, and the
    /// stored source wholly in the other.
    pub fn query_script(&self, query: &str) -> Option<ScriptShift> {
        ScriptShift::between(query, &self.source)
    }
}

/// A query typed in the other script than the stored source's, which the
/// diffs ([`Match::diff`], [`Match::word_diff`]) show in the stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ScriptShift {
    #[serde(rename = "latin-to-cyrillic")]
    LatinShownInCyrillic,
    #[serde(rename = "cyrillic-to-latin")]
    CyrillicShownInLatin,
}

impl ScriptShift {
    /// Whether `query` is written mainly in one script, Latin or Cyrillic,
    /// and `stored` mainly in the other (most of its letters: Serbian
    /// Cyrillic news keeps Latin names and acronyms, `Rady`, `KSWB`).
    pub fn between(query: &str, stored: &str) -> Option<ScriptShift> {
        let main = |s: &str| {
            let latin = s.chars().filter(|&c| crate::text::is_latin(c)).count();
            let cyrillic = s.chars().filter(|&c| crate::text::is_cyrillic(c)).count();
            latin.cmp(&cyrillic)
        };
        use std::cmp::Ordering::{Greater, Less};
        match (main(query), main(stored)) {
            (Greater, Less) => Some(ScriptShift::LatinShownInCyrillic),
            (Less, Greater) => Some(ScriptShift::CyrillicShownInLatin),
            _ => None,
        }
    }

    /// `query` in the stored script, word by word: a word `stored` has as
    /// written (a Latin name in Cyrillic text) stays as it is, and so does
    /// a Latin word with letters Serbian Latin lacks (`KSWB`, `Rady`), which
    /// Cyrillic text keeps in Latin.
    fn apply(shift: Option<ScriptShift>, query: &str, stored: &str) -> String {
        let Some(shift) = shift else {
            return query.to_string();
        };
        let stored_words: std::collections::HashSet<&str> = stored
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let convert = |word: &str| -> String {
            if stored_words.contains(word) {
                return word.to_string();
            }
            match shift {
                ScriptShift::LatinShownInCyrillic => {
                    let foreign = word.chars().any(|c| {
                        crate::text::is_latin(c)
                            && !crate::text::is_serbian_latin(c.to_lowercase().next().unwrap_or(c))
                    });
                    if foreign {
                        word.to_string()
                    } else {
                        crate::text::lat_to_cyr(word)
                    }
                }
                ScriptShift::CyrillicShownInLatin => crate::text::cyr_to_lat(word),
            }
        };
        let mut out = String::with_capacity(query.len() * 2);
        let mut word = String::new();
        for c in query.chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                out.push_str(&convert(&word));
                word.clear();
                out.push(c);
            }
        }
        out.push_str(&convert(&word));
        out
    }

    pub fn describe(self) -> &'static str {
        match self {
            ScriptShift::LatinShownInCyrillic => "typed in Latin, shown in Cyrillic",
            ScriptShift::CyrillicShownInLatin => "typed in Cyrillic, shown in Latin",
        }
    }
}

/// A stored unit that reaches the threshold but has no text in the answer
/// language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Untranslated {
    pub unit_id: i64,
    pub variant_id: i64,
    /// The score in whole percent (rounded down).
    pub score: u32,
}

/// What a lookup found.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// The best matches with a translation, best first, at most `limit`.
    pub matches: Vec<Match>,
    /// The units that reach the threshold but have no text in the answer
    /// language, best first, at most `limit`. Given only when there are
    /// fewer than `limit` matches (then every such unit was scored).
    pub untranslated: Vec<Untranslated>,
}

/// A stored text as text and inline codes, when its TMX `markup` has native
/// codes and its text is still `text` (NFC); None otherwise (no markup, only
/// `hi`, or markup left from an earlier text).
pub fn coded_parts(text: &str, markup: Option<&str>) -> Option<Vec<Inline>> {
    let parts = crate::interchange::tmx::inline_parts(markup?);
    if !parts.iter().any(|p| matches!(p, Inline::Code(_))) {
        return None;
    }
    let plain: String = parts
        .iter()
        .filter_map(|p| match p {
            Inline::Text(t) => Some(t.as_str()),
            Inline::Code(_) => None,
        })
        .collect();
    (crate::text::nfc(&plain) == text).then_some(parts)
}

/// A stored text (NFC) tokenized for scoring: its inline codes, if it has
/// any, are tag tokens (so a text whose tags differ never scores 100).
pub fn stored_text(text: &str, markup: Option<&str>, folding: Folding) -> Tokenized {
    match coded_parts(text, markup) {
        Some(parts) => Tokenized::from_parts(&parts, folding),
        None => Tokenized::new(text, folding),
    }
}

/// A stored text (NFC) with its inline codes written where they stand, as
/// the codes they hold (`Click <b>Save</b>`; `<ph/>` for a code that holds
/// none), for reading; the text itself when it has none.
pub fn with_codes(text: &str, markup: Option<&str>) -> String {
    match coded_parts(text, markup) {
        Some(parts) => parts
            .iter()
            .map(|p| match p {
                Inline::Text(t) => crate::text::nfc(t),
                Inline::Code(c) => c.clone(),
            })
            .collect(),
        None => text.to_string(),
    }
}

/// Threshold and size of an answer.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Minimum score in percent, 1–100.
    pub min: u32,
    /// At most this many matches.
    pub limit: usize,
}

impl Options {
    pub fn check(&self) -> anyhow::Result<()> {
        if !(1..=100).contains(&self.min) {
            bail!("--min must be a percentage from 1 to 100, not {}", self.min);
        }
        if self.limit == 0 {
            bail!("--limit must be at least 1");
        }
        Ok(())
    }
}

/// The index of one query language, ready for many lookups.
pub struct Session<'s> {
    store: &'s Store,
    from: String,
    to: String,
    index: Index,
}

impl<'s> Session<'s> {
    /// Load the `from` index of `store` (see [`Store::lookup_session`]).
    pub(crate) fn new(store: &'s Store, from: &str, to: &str, index: Index) -> Session<'s> {
        Session {
            store,
            from: from.to_string(),
            to: to.to_string(),
            index,
        }
    }

    pub fn from(&self) -> &str {
        &self.from
    }

    pub fn to(&self) -> &str {
        &self.to
    }

    /// How the query language folds words into lookup keys.
    pub fn folding(&self) -> Folding {
        Folding::of(&self.from)
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn store(&self) -> &Store {
        self.store
    }

    /// The query's key-token ids; tokens the TM has never seen get ids no
    /// stored token has (equal tokens, equal ids).
    pub fn query_ids(&self, query: &Tokenized) -> anyhow::Result<Vec<u32>> {
        let keys = query.keys();
        let known = self.store.token_ids(&keys)?;
        let mut fresh: HashMap<&str, u32> = HashMap::new();
        Ok(keys
            .iter()
            .zip(known)
            .map(|(k, id)| {
                id.unwrap_or_else(|| {
                    let next = u32::MAX - fresh.len() as u32;
                    *fresh.entry(k.as_str()).or_insert(next)
                })
            })
            .collect())
    }

    /// The best stored units for `text` that have a translation, best first.
    pub fn find(&self, text: &str, opts: Options) -> anyhow::Result<Vec<Match>> {
        Ok(self.answer(text, opts)?.matches)
    }

    /// [`Session::find`]'s matches, and the units that would match but have
    /// no translation.
    pub fn answer(&self, text: &str, opts: Options) -> anyhow::Result<Answer> {
        self.find_with(text, opts, false)
    }

    /// The same matches as [`Session::find`], scoring every stored unit
    /// (the benchmark's and tests' reference).
    pub fn find_brute_force(&self, text: &str, opts: Options) -> anyhow::Result<Vec<Match>> {
        Ok(self.find_with(text, opts, true)?.matches)
    }

    fn find_with(&self, text: &str, opts: Options, brute: bool) -> anyhow::Result<Answer> {
        opts.check()?;
        let query = Tokenized::new(text, self.folding());
        if query.key_len() == 0 {
            bail!("the query has no words to look up");
        }
        let ids = self.query_ids(&query)?;
        let hits = if brute {
            self.index.brute_force(&ids, opts.min)
        } else {
            self.index.search(&ids, opts.min)
        };
        rank(&query, hits, opts, |ids| {
            self.store.lookup_candidates(ids, &self.to)
        })
    }
}

/// Turn base hits into the top `opts.limit` matches. Texts are fetched in
/// order of base score, and only while a hit not yet fetched could still
/// enter the top (its score is at most its base score). Candidates without
/// a translation are scored too, for [`Answer::untranslated`].
pub fn rank(
    query: &Tokenized,
    mut hits: Vec<BaseHit>,
    opts: Options,
    mut fetch: impl FnMut(&[i64]) -> anyhow::Result<Vec<Candidate>>,
) -> anyhow::Result<Answer> {
    hits.sort_by(|a, b| {
        b.base_percent()
            .total_cmp(&a.base_percent())
            .then(b.variant_id.cmp(&a.variant_id))
    });
    let mut found: Vec<(MatchScore, Candidate, Tokenized)> = Vec::new();
    let mut untranslated: Vec<(MatchScore, Candidate)> = Vec::new();
    let chunk = (opts.limit * 2).clamp(16, 256);
    let mut next = 0;
    while next < hits.len() {
        let end = (next + chunk).min(hits.len());
        let ids: Vec<i64> = hits[next..end].iter().map(|h| h.variant_id).collect();
        for c in fetch(&ids)? {
            let stored = stored_text(&c.source, c.source_markup.as_deref(), query.folding);
            let s = score::score(query, &stored);
            if s.percent < opts.min as f64 {
                continue;
            }
            if c.translation.is_none() {
                untranslated.push((s, c));
            } else {
                found.push((s, c, stored));
            }
        }
        next = end;
        // At equal scores, the match that needs fewer changes first (minor
        // differences, capped at a point, tie with one small difference).
        found.sort_by(|a, b| {
            b.0.percent
                .total_cmp(&a.0.percent)
                .then(a.0.small.cmp(&b.0.small))
                .then(b.1.variant_id.cmp(&a.1.variant_id))
        });
        if let (Some(kth), Some(h)) = (found.get(opts.limit - 1), hits.get(next)) {
            if kth.0.percent > h.base_percent() {
                break;
            }
        }
    }
    if found.len() >= opts.limit {
        // Not every hit was scored: the list would not be complete.
        untranslated.clear();
    }
    untranslated.sort_by(|a, b| {
        b.0.percent
            .total_cmp(&a.0.percent)
            .then(b.1.variant_id.cmp(&a.1.variant_id))
    });
    untranslated.truncate(opts.limit);
    found.truncate(opts.limit);
    Ok(Answer {
        matches: found
            .into_iter()
            .map(|(s, c, stored)| {
                let translation = c.translation.unwrap_or_default();
                let shift = ScriptShift::between(&query.text, &c.source);
                let diff = match shift {
                    Some(_) => score::diff(
                        &stored,
                        &Tokenized::new(
                            &ScriptShift::apply(shift, &query.text, &c.source),
                            query.folding,
                        ),
                    ),
                    None => score::diff(&stored, query),
                };
                Match {
                    score: s.whole(),
                    unit_id: c.unit_id,
                    variant_id: c.variant_id,
                    diff,
                    query_transliterated: shift,
                    source_markup: c
                        .source_markup
                        .filter(|m| coded_parts(&c.source, Some(m)).is_some()),
                    source: c.source,
                    translation_markup: c
                        .translation_markup
                        .filter(|m| coded_parts(&translation, Some(m)).is_some()),
                    translation,
                    detail: s,
                }
            })
            .collect(),
        untranslated: untranslated
            .into_iter()
            .map(|(s, c)| Untranslated {
                unit_id: c.unit_id,
                variant_id: c.variant_id,
                score: s.whole(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_codes_count_only_while_the_markup_is_the_texts() {
        let markup = r#"Click <bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> now"#;
        let f = Folding::Plain;
        assert_eq!(stored_text("Click Save now", Some(markup), f).key_len(), 5);
        assert_eq!(
            with_codes("Click Save now", Some(markup)),
            "Click <b>Save</b> now"
        );
        // Markup left from an earlier text, or with no native code: the text.
        assert_eq!(stored_text("Click Save", Some(markup), f).key_len(), 2);
        assert_eq!(with_codes("Click Save", Some(markup)), "Click Save");
        let hi = r#"Use the <hi type="x-term">Start</hi> menu"#;
        assert!(coded_parts("Use the Start menu", Some(hi)).is_none());
        assert!(coded_parts("Use the Start menu", None).is_none());
    }
}
